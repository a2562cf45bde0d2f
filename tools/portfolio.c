/*
 * portfolio: the command line of libportfolio.
 * Exit status: 0 success, 1 invalid input or failure, 2 usage error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static int run_validate(int argc, char **argv);
static int run_show(int argc, char **argv);
static int run_score(int argc, char **argv);
static int run_map(int argc, char **argv);
static int run_compare(int argc, char **argv);
static int run_recommend(int argc, char **argv);
static int run_report(int argc, char **argv);
static int run_relations(int argc, char **argv);
static int run_instrument(int argc, char **argv);
static int run_anonymise(int argc, char **argv);
static int run_benchmark(int argc, char **argv);

static const command commands[] = {
    { "report", "FILE [--format text|md|html|json|csv|csv-assessments] [-o OUT] [--lang en|fr]\n"
                "                 [--mode pet|normalised] [--weight ...] [--anonymous] [--rules FILE]\n"
                "                 [--add-rules FILE]",
      "The whole analysis of a portfolio: facet orientation, capability, the project\n"
      "map, recommendations and relations between projects. html is one\n"
      "self-contained page with charts (every chart also as a table) that prints on\n"
      "A4; text fits 80 columns, in colour on a terminal unless NO_COLOR is set; md\n"
      "is Markdown; json the complete result; csv one row per project and\n"
      "csv-assessments one row per assessment. -o writes the report to OUT\n"
      "atomically. --anonymous leaves respondents' pseudonyms out.",
      run_report },
    { "validate", "FILE... [--instrument FILE]",
      "Checks portfolio documents. Prints nothing and exits 0 when all are valid;\n"
      "otherwise prints FILE:LINE:COLUMN: message for every problem on standard\n"
      "error and exits 1. FILE - reads standard input. --instrument lets documents\n"
      "name that instrument by its id (instrument: <id>), as answers files to a\n"
      "custom instrument do.",
      run_validate },
    { "show", "FILE",
      "Prints a short summary of a portfolio document: the organisation, its\n"
      "targets, projects by stage and priority, and assessments by role.",
      run_show },
    { "score", "FILE [--mode pet|normalised] [--by-role] [--strict] [--format text|json]",
      "Scores every assessment: facet orientation (percent per facet, strong\n"
      "facets, tendency group) and portfolio-management capability (score, level,\n"
      "six dimensions), then the statistics over all respondents, per role with\n"
      "--by-role, and the flags for low agreement and perception gaps.\n"
      "--mode pet (default) rounds as the original tool did; normalised divides by\n"
      "the points the answered items could give. --strict makes every unanswered\n"
      "item an error instead of 0 points. JSON is described in docs/json.md.",
      run_score },
    { "map", "FILE [--weight count|priority|budget|fte] [--format text|json]",
      "Places every project on the facet diamond (zone and x, y) and computes the\n"
      "portfolio metrics: facet shares, zones, concentration, gaps to the targets,\n"
      "orientation versus projects, and stages. --weight chooses what a project\n"
      "counts for (default: 1 each); projects lacking that field are left out and\n"
      "the coverage is shown.",
      run_map },
    { "compare", "OLD NEW [--mode pet|normalised] [--weight ...] [--format text|json]\n"
                 "                 [--allow-different-instruments]",
      "Compares two documents of the same organisation (two dates): the change of\n"
      "every metric, and the projects added, removed or moved to another zone.\n"
      "Documents whose assessments answer different instruments are refused, as\n"
      "their scores do not compare; --allow-different-instruments sets them side\n"
      "by side anyway, under a warning (and \"differ\": true in the JSON).",
      run_compare },
    { "relations", "FILE [--format text|json]",
      "Finds relations between projects from their shared tags and partners and\n"
      "their explicit links: synergies (each project's closest pairs), tensions\n"
      "(similar projects whose top facets are opposite poles), possible duplicates\n"
      "(very similar, same zone) and handover candidates (a piloting or scaling\n"
      "adaptive, anticipatory or disruptive project and an enhancement, mission or\n"
      "sustaining project of another unit). Similarity = 0.6 x the Jaccard index\n"
      "of the tags + 0.4 x that of the partners. See docs/relations.md.",
      run_relations },
    { "recommend", "FILE [--lang en|fr] [--rules FILE] [--add-rules FILE] [--mode ...] [--weight ...]\n"
                   "                 [--format text|json]",
      "Recommendations for the portfolio, strengths first, each with the metrics\n"
      "that triggered it. --rules replaces the built-in catalogue with another;\n"
      "--add-rules adds rules to it (a rule with an existing id replaces that rule).\n"
      "Catalogues are described in docs/rules.md. A missing translation falls back\n"
      "to English.",
      run_recommend },
    { "instrument", "[FILE] [--lang en|fr] [--template]",
      "Prints an instrument as a questionnaire a person can fill in: its questions\n"
      "with their ids, the items or options to answer and the answer scale. Without\n"
      "FILE, prints the built-in default instrument (" PF_DEFAULT_INSTRUMENT "); FILE - reads\n"
      "standard input. --lang fr prints it in French (a text the instrument does not\n"
      "give in French is printed in the instrument's own language). An invalid FILE\n"
      "prints FILE:LINE:COLUMN: message for every problem on standard error and\n"
      "exits 1. --template prints a blank answers file instead: YAML with every\n"
      "answer id and, in comments, the questions and the meaning of each answer,\n"
      "to fill in and gather with collect.",
      run_instrument },
    { "collect", "PORTFOLIO ANSWERS... [-o OUT] [--replace]",
      "Adds the assessments of answers files (YAML or JSON, as the template and the\n"
      "form save them) to the portfolio, in the order given. Each file is checked\n"
      "against the portfolio's instrument; a respondent the portfolio already has is\n"
      "refused unless --replace (the replaced assessment keeps its place), and so is\n"
      "a respondent two files hold. When any file is refused, every problem is\n"
      "printed as FILE:LINE:COLUMN: message, nothing is written and the exit status\n"
      "is 1. The portfolio goes to standard output, or atomically to OUT (which may\n"
      "be PORTFOLIO itself). A summary line on standard error counts the files,\n"
      "the assessments added and replaced and the files refused.",
      run_collect },
    { "form", "[INSTRUMENT] [--lang en|fr] [-o OUT]",
      "Writes an instrument's questionnaire as one self-contained HTML page that\n"
      "works offline, from disk or an e-mail attachment: respondents fill it in,\n"
      "save their answers as a portfolio document (YAML) and load such a file back\n"
      "to continue. Without INSTRUMENT, the built-in " PF_DEFAULT_INSTRUMENT "; INSTRUMENT -\n"
      "reads standard input. --lang chooses English (default) or French. -o writes\n"
      "the page to OUT atomically. See docs/form.md.",
      run_form },
    { "import", "answers|projects FILE [--map MAP] [--instrument ID|FILE] [-o OUT]",
      "Reads answers (one row per respondent) or projects (one row per project)\n"
      "from a CSV file and writes them as a portfolio document. Headers are the\n"
      "format's names (respondent, q1.mission, budget, ...) or those a mapping file\n"
      "(--map) translates; cells are separated by ',' or ';' (detected); agreement\n"
      "may be 0..4 or words in English or French. Every bad cell is reported as\n"
      "FILE:ROW:COLUMN: message and nothing is written. --instrument names the\n"
      "instrument of the answers (default " PF_DEFAULT_INSTRUMENT "; the document names an\n"
      "instrument file by its id, as answers files do). -o writes to OUT atomically.\n"
      "See docs/import.md.",
      run_import },
    { "anonymise", "FILE [-k N] [-o OUT] [--mode pet|normalised] [--weight count|priority|budget|fte]",
      "Writes the anonymised record of a portfolio as JSON, to share for\n"
      "benchmarking: instrument, country, level, size band, sectors, the month of\n"
      "the latest assessment, the number of respondents, statistics of every group\n"
      "of at least k respondents (-k, default 5; smaller groups are left out, and\n"
      "so is the smallest role when everyone minus the roles kept would leave 1 to\n"
      "k - 1 respondents), and the zone counts and facet shares of the projects.\n"
      "Never names, free text, titles, units, respondent ids, tags, partners or\n"
      "project ids. -o writes the record to OUT atomically. See docs/records.md.",
      run_anonymise },
    { "benchmark", "RECORD... --org FILE [--mode pet|normalised] [--weight ...] [--format text|json]",
      "Places the organisation of FILE among anonymised records: for every metric\n"
      "it shares with at least one record, its value, the number of records\n"
      "compared and its percentile, 100 x (records below + half of those equal) / n.\n"
      "Records made with another --mode or --weight, or another instrument, are\n"
      "refused, naming the record's file.",
      run_benchmark },
    /* The 0.x name of relations, kept so scripts go on working (NEWS.md). */
    { "synergies", "FILE [--format text|json]   (deprecated: use relations)",
      "Deprecated name of the relations command, kept so existing scripts go on\n"
      "working; it takes the same options and prints the same output. Use\n"
      "portfolio relations instead (see portfolio relations --help).",
      run_relations },
};

/* The command table's entry for a name (always present: the names are this file's own). */
const command *command_named(const char *name)
{
    size_t i = 0;
    while (strcmp(commands[i].name, name) != 0)
        i++;
    return &commands[i];
}

static int run_validate(int argc, char **argv)
{
    const command *cmd = command_named("validate");
    const char *instrument = NULL;
    const cli_option opts[] = { { "--instrument", &instrument, NULL }, { NULL, NULL, NULL } };
    char **files;
    int count, status = 0;
    int r = operands(cmd, argc, argv, opts, &files, &count);
    if (r >= 0)
        return r;
    if (count == 0) {
        free(files);
        return usage_error(cmd, "%s", "no FILE given");
    }
    pf_read_options ro = PF_READ_OPTIONS_INIT;
    pf_instrument *inst = NULL;
    if (instrument && !(inst = load_with(instrument, instrument_from_buffer, instrument_from_file, NULL))) {
        free(files);
        return EXIT_INVALID;
    }
    ro.instrument = inst;
    for (int i = 0; i < count; i++) {
        pf_doc *doc = load_doc(files[i], &ro);
        if (!doc)
            status = EXIT_INVALID;
        pf_doc_free(doc);
    }
    pf_instrument_free(inst);
    free(files);
    return status;
}

static void print_count_line(const char *label, const size_t *counts, size_t n, const char *(*name)(int))
{
    printf("  %-13s", label);
    bool any = false;
    for (size_t i = 0; i < n; i++) {
        if (counts[i]) {
            printf("%s%s %zu", any ? ", " : "", name((int)i), counts[i]);
            any = true;
        }
    }
    printf("%s\n", any ? "" : "none given");
}

static const char *stage_name(int v) { return pf_stage_name((pf_stage)v); }
static const char *priority_name(int v) { return pf_priority_name((pf_priority)v); }
static const char *role_name(int v) { return pf_role_name((pf_role)v); }

static int run_show(int argc, char **argv)
{
    const command *cmd = command_named("show");
    char **files;
    int count;
    int r = operands(cmd, argc, argv, NULL, &files, &count);
    if (r >= 0)
        return r;
    if (count != 1) {
        free(files);
        return usage_error(cmd, "%s", "expected exactly one FILE");
    }
    pf_doc *doc = load(files[0]);
    free(files);
    if (!doc)
        return EXIT_INVALID;

    const pf_org *org = pf_doc_org_const(doc);
    printf("Organisation   %s", pf_org_name(org) ? pf_org_name(org) : "(unnamed)");
    const char *sep = " (";
    if (pf_org_country(org)) {
        printf("%s%s", sep, pf_org_country(org));
        sep = ", ";
    }
    if (pf_org_level(org) != PF_GOV_LEVEL_UNSET) {
        printf("%s%s", sep, pf_gov_level_name(pf_org_level(org)));
        sep = ", ";
    }
    if (pf_org_people(org)) {
        printf("%s%lld people", sep, (long long)pf_org_people(org));
        sep = ", ";
    }
    printf("%s\n", strcmp(sep, ", ") == 0 ? ")" : "");
    if (pf_org_sectors(org)) {
        printf("Sectors        ");
        const char *comma = "";
        for (int s = 0; s < PF_SECTOR_COUNT; s++) {
            if (pf_org_sectors(org) >> s & 1) {
                printf("%s%s", comma, pf_sector_name((pf_sector)s));
                comma = ", ";
            }
        }
        printf("\n");
    }
    if (pf_doc_instrument_path(doc))
        printf("Instrument     %s (%s)\n", pf_doc_instrument_id(doc), pf_doc_instrument_path(doc));
    else
        printf("Instrument     %s\n", pf_doc_instrument_id(doc));
    double t[PF_FACET_COUNT];
    if (pf_doc_targets(doc, t)) {
        double sum = t[0] + t[1] + t[2] + t[3];
        printf("Targets       ");
        for (int f = 0; f < PF_FACET_COUNT; f++) {
            /* Whole percentages, rounded half up, formatted without the locale. */
            long pct = (long)(t[f] / sum * 100 + 0.5);
            printf(" %s %ld%%%s", pf_facet_name((pf_facet)f), pct, f + 1 < PF_FACET_COUNT ? "," : "\n");
        }
    }

    size_t n = pf_doc_project_count(doc);
    size_t stages[PF_STAGE_COUNT] = { 0 }, priorities[PF_PRIORITY_COUNT] = { 0 };
    for (size_t i = 0; i < n; i++) {
        const pf_project *p = pf_doc_project_at(doc, i);
        if (pf_project_stage(p) != PF_STAGE_UNSET)
            stages[pf_project_stage(p)]++;
        if (pf_project_priority(p) != PF_PRIORITY_UNSET)
            priorities[pf_project_priority(p)]++;
    }
    printf("Projects       %zu\n", n);
    if (n) {
        print_count_line("by stage", stages, PF_STAGE_COUNT, stage_name);
        print_count_line("by priority", priorities, PF_PRIORITY_COUNT, priority_name);
    }
    size_t m = pf_doc_assessment_count(doc);
    size_t roles[PF_ROLE_COUNT] = { 0 };
    for (size_t i = 0; i < m; i++) {
        pf_role role = pf_assessment_role(pf_doc_assessment_at(doc, i));
        if (role != PF_ROLE_UNSET)
            roles[role]++;
    }
    printf("Assessments    %zu\n", m);
    if (m)
        print_count_line("by role", roles, PF_ROLE_COUNT, role_name);
    pf_doc_free(doc);
    return 0;
}

static const char *const format_words[] = { "text", "json", NULL };
static const char *const report_format_words[] = { "text", "md", "html", "json", "csv", "csv-assessments", NULL };
static const char *const mode_words[] = { "pet", "normalised", NULL };
static const char *const weight_words[] = { "count", "priority", "budget", "fte", NULL };

/* One file operand, and the shared --mode/--weight/--format choices. */
typedef struct choices {
    const char *mode, *weight, *format, *lang, *rules, *add_rules, *output, *k, *org;
    bool by_role, strict, anonymous, allow_different;
    pf_score_options score;
    pf_map_options map;
    bool json;
    int report_format;
    int file_count;
} choices;

static int parse_choices(const command *cmd, int argc, char **argv, int want_files, char ***files, choices *c)
{
    c->mode = "pet";
    c->weight = "count";
    c->format = "text";
    c->lang = "en";
    cli_option opts[] = { { "--mode", &c->mode, NULL },
                                { "--lang", &c->lang, NULL },
                                { "--rules", &c->rules, NULL },
                                { "--add-rules", &c->add_rules, NULL },
                                { "-o", &c->output, NULL },
                                { "--anonymous", NULL, &c->anonymous },
                            { "--weight", &c->weight, NULL },
                            { "--format", &c->format, NULL },
                            { "--by-role", NULL, &c->by_role },
                            { "--strict", NULL, &c->strict },
                            { NULL, NULL, NULL },
                            { NULL, NULL, NULL } };
    /* -k and --org belong to one command each. */
    cli_option *own = &opts[sizeof opts / sizeof *opts - 2];
    if (strcmp(cmd->name, "anonymise") == 0)
        *own = (cli_option){ "-k", &c->k, NULL };
    else if (strcmp(cmd->name, "benchmark") == 0)
        *own = (cli_option){ "--org", &c->org, NULL };
    else if (strcmp(cmd->name, "compare") == 0)
        *own = (cli_option){ "--allow-different-instruments", NULL, &c->allow_different };
    int count;
    int r = operands(cmd, argc, argv, opts, files, &count);
    if (r >= 0)
        return r;
    c->file_count = count;
    if (want_files < 0 ? count < 1 : count != want_files) {
        free(*files);
        return usage_error(cmd, "%s", want_files < 0 ? "expected at least one RECORD"
                                      : want_files == 1 ? "expected exactly one FILE" : "expected OLD and NEW");
    }
    int mode = choose(cmd, "--mode", c->mode, mode_words);
    int weight = choose(cmd, "--weight", c->weight, weight_words);
    pf_report_format report_format;
    bool is_report = strcmp(cmd->name, "report") == 0;
    int format = !is_report ? choose(cmd, "--format", c->format, format_words)
                 : pf_report_format_from_name(c->format, &report_format) == PF_OK ? (int)report_format
                 : choose(cmd, "--format", c->format, report_format_words);
    if (mode < 0 || weight < 0 || format < 0) {
        free(*files);
        return EXIT_USAGE;
    }
    pf_score_options so = PF_SCORE_OPTIONS_INIT;
    pf_map_options mo = PF_MAP_OPTIONS_INIT;
    so.mode = (pf_score_mode)mode;
    so.strict = c->strict;
    mo.weighting = (pf_weighting)weight;
    c->score = so;
    c->map = mo;
    c->json = format == 1 && !is_report;
    c->report_format = is_report ? format : 0;
    return -1;
}

static int report_failure(const pf_error *e)
{
    print_diagnostic(e);
    return EXIT_INVALID;
}

static void print_group_line(const char *label, const pf_group *g)
{
    const pf_stats *st = g->stats;
    printf("%-28s %5.1f %5.1f %5.1f %5.1f  %-22s %5.1f %s\n", label, st[0].mean, st[1].mean, st[2].mean, st[3].mean,
           pf_tendency_name(g->tendency), st[PF_GROUP_CAPABILITY].mean, pf_level_name(g->capability_level));
}

static void print_scores_text(const pf_scores *sc, bool by_role)
{
    const pf_score_options *o = pf_scores_options(sc);
    size_t n = pf_scores_count(sc);
    printf("Facet orientation (%s mode, strong from %g) and capability\n\n",
           o->mode == PF_SCORE_PET ? "PET" : "normalised", o->strong_threshold);
    printf("%-12s %-17s %5s %5s %5s %5s  %-22s %5s\n", "respondent", "role", "enh", "mis", "ada", "ant", "tendency",
           "capability");
    for (size_t i = 0; i < n; i++) {
        const pf_assessment_score *a = pf_scores_at(sc, i);
        const double *p = a->orientation.pct;
        printf("%-12s %-17s %5.1f %5.1f %5.1f %5.1f  %-22s %5g %s\n", a->respondent,
               a->role == PF_ROLE_UNSET ? "-" : pf_role_name(a->role), p[0], p[1], p[2], p[3],
               pf_tendency_name(a->orientation.tendency), a->capability.score, pf_level_name(a->capability.level));
    }
    if (!n) {
        printf("(no assessments)\n");
        return;
    }
    printf("\nMeans\n");
    char label[64];
    snprintf(label, sizeof label, "everyone (n=%zu)", pf_scores_overall(sc)->stats[0].n);
    print_group_line(label, pf_scores_overall(sc));
    if (by_role) {
        for (int r = 0; r < PF_ROLE_COUNT; r++) {
            const pf_group *g = pf_scores_by_role(sc, (pf_role)r);
            if (!g->stats[0].n)
                continue;
            snprintf(label, sizeof label, "%s (n=%zu)", pf_role_name((pf_role)r), g->stats[0].n);
            print_group_line(label, g);
        }
    }
    const pf_group *all = pf_scores_overall(sc);
    printf("\nCapability dimensions (mean pct): ");
    for (int d = 0; d < PF_DIMENSION_COUNT; d++)
        printf("%s%s %.1f", d ? ", " : "", pf_dimension_name((pf_dimension)d), all->stats[PF_GROUP_SENSE_MAKING + d].mean);
    printf("\n");
    size_t nf = pf_scores_flag_count(sc);
    printf("\nFlags%s\n", nf ? "" : ": none");
    for (size_t i = 0; i < nf; i++) {
        const pf_flag *f = pf_scores_flag_at(sc, i);
        if (f->kind == PF_FLAG_LOW_AGREEMENT)
            printf("  low agreement   %-26s sd %.1f over %zu respondents\n", pf_group_metric_name(f->metric), f->value,
                   f->n);
        else
            printf("  perception gap  %-26s %s above %s by %.1f\n", pf_group_metric_name(f->metric),
                   pf_role_name(f->role_a), pf_role_name(f->role_b), f->value);
    }
}

static int run_score(int argc, char **argv)
{
    const command *cmd = command_named("score");
    char **files;
    choices c = { 0 };
    int r = parse_choices(cmd, argc, argv, 1, &files, &c);
    if (r >= 0)
        return r;
    pf_doc *doc = load(files[0]);
    free(files);
    if (!doc)
        return EXIT_INVALID;
    pf_scores *sc = NULL;
    pf_error err;
    pf_buf out = PF_BUF_INIT;
    int status = 0;
    pf_diagnostics *diags = NULL;
    if (pf_diagnostics_new(NULL, &diags) != PF_OK) {
        pf_doc_free(doc);
        return EXIT_INVALID;
    }
    if (pf_doc_score(doc, &c.score, &sc, diags, &err) != PF_OK) {
        for (size_t i = 0; i < pf_diagnostics_count(diags); i++)
            print_diagnostic(pf_diagnostics_at(diags, i));
        status = pf_diagnostics_count(diags) ? EXIT_INVALID : report_failure(&err);
    } else if (c.json && pf_scores_write_json(sc, false, &out, &err) != PF_OK)
        status = report_failure(&err);
    else if (c.json)
        print_buf(&out);
    else
        print_scores_text(sc, c.by_role);
    pf_buf_dispose(&out);
    pf_scores_free(sc);
    pf_diagnostics_free(diags);
    pf_doc_free(doc);
    return status;
}

static void print_facet_row(const char *label, const double v[PF_FACET_COUNT], bool signed_percent)
{
    printf("  %-14s", label);
    for (int f = 0; f < PF_FACET_COUNT; f++)
        printf(signed_percent ? " %s %+.1f" : " %s %.1f%%", pf_facet_name((pf_facet)f), v[f] * 100);
    printf("\n");
}

static void print_map_text(const pf_map *map)
{
    const pf_metrics *m = pf_map_metrics(map);
    printf("Project map (weighting: %s; %zu projects, %zu placed, %zu weighted)\n\n", pf_weighting_name(m->weighting),
           m->projects, m->placed, m->weighted);
    printf("%-24s %-15s %6s %6s %10s\n", "project", "zone", "x", "y", "weight");
    for (size_t i = 0; i < pf_map_count(map); i++) {
        const pf_placement *p = pf_map_at(map, i);
        if (!p->placed) {
            printf("%-24s %-15s\n", p->project, "(not placed)");
            continue;
        }
        char weight[32] = "-";
        if (p->weighted)
            snprintf(weight, sizeof weight, "%g", p->weight);
        printf("%-24s %-15s %6.2f %6.2f %10s\n", p->project, pf_zone_name(p->zone), p->x, p->y, weight);
    }
    printf("\nPortfolio\n");
    if (m->has_shares) {
        print_facet_row("shares", m->share, false);
        printf("  %-14s HHI %.3f, effective facets %.2f, dominant %s\n", "concentration", m->hhi, m->effective_facets,
               pf_facet_name(m->dominant));
    } else {
        printf("  %-14s none: no project is both placed and weighted\n", "shares");
    }
    printf("  %-14s", "zones");
    for (int z = 0; z < PF_ZONE_COUNT; z++)
        printf("%s %s %zu", z ? "," : "", pf_zone_name((pf_zone)z), m->zone_count[z]);
    printf("\n");
    if (m->has_targets) {
        print_facet_row("targets", m->target, false);
        if (m->has_shares) {
            print_facet_row("gap (points)", m->gap, true);
            printf("  %-14s %.3f\n", "balance dist.", m->balance_distance);
        }
    }
    if (m->has_orientation) {
        print_facet_row("orientation", m->orientation, false);
        if (m->has_shares)
            print_facet_row("mismatch", m->mismatch, true);
    }
    printf("  %-14s", "stages");
    for (int s = 0; s < PF_STAGE_COUNT; s++)
        printf("%s %s %zu", s ? "," : "", pf_stage_name((pf_stage)s), m->stage_count[s]);
    if (m->stage_unset)
        printf(", not given %zu", m->stage_unset);
    printf("\n");
}

static int run_map(int argc, char **argv)
{
    const command *cmd = command_named("map");
    char **files;
    choices c = { 0 };
    int r = parse_choices(cmd, argc, argv, 1, &files, &c);
    if (r >= 0)
        return r;
    pf_doc *doc = load(files[0]);
    free(files);
    if (!doc)
        return EXIT_INVALID;
    pf_scores *sc = NULL;
    pf_map *map = NULL;
    pf_error err;
    pf_buf out = PF_BUF_INIT;
    int status = 0;
    if (pf_doc_score(doc, &c.score, &sc, NULL, &err) != PF_OK || pf_doc_map(doc, sc, &c.map, &map, &err) != PF_OK)
        status = report_failure(&err);
    else if (c.json && pf_map_write_json(map, &out, &err) != PF_OK)
        status = report_failure(&err);
    else if (c.json)
        print_buf(&out);
    else
        print_map_text(map);
    pf_buf_dispose(&out);
    pf_map_free(map);
    pf_scores_free(sc);
    pf_doc_free(doc);
    return status;
}

static void print_compare_text(const pf_comparison *cmp)
{
    size_t unchanged = 0;
    if (pf_comparison_instruments_differ(cmp))
        printf("WARNING: the assessments answer different instruments, %s (old) and %s (new):\n"
               "their scores measure different questions and do not compare.\n\n",
               pf_comparison_old_instrument(cmp), pf_comparison_new_instrument(cmp));
    printf("%-48s %12s %12s %12s\n", "metric", "old", "new", "change");
    for (size_t i = 0; i < pf_comparison_metric_count(cmp); i++) {
        const pf_metric_change *m = pf_comparison_metric_at(cmp, i);
        bool is_text = m->old_text || m->new_text;
        if (m->in_old && m->in_new &&
            (is_text ? (m->old_text && m->new_text && strcmp(m->old_text, m->new_text) == 0) : m->delta == 0)) {
            unchanged++;
            continue;
        }
        if (is_text) {
            printf("%-48s %s -> %s\n", m->name, m->old_text ? m->old_text : "-", m->new_text ? m->new_text : "-");
            continue;
        }
        char old_value[32] = "-", new_value[32] = "-", delta[32] = "";
        if (m->in_old)
            snprintf(old_value, sizeof old_value, "%.4g", m->old_value);
        if (m->in_new)
            snprintf(new_value, sizeof new_value, "%.4g", m->new_value);
        if (m->in_old && m->in_new)
            snprintf(delta, sizeof delta, "%+.4g", m->delta);
        printf("%-48s %12s %12s %12s\n", m->name, old_value, new_value, delta);
    }
    printf("(%zu metrics unchanged)\n\nProjects\n", unchanged);
    size_t n = pf_comparison_project_count(cmp);
    if (!n)
        printf("  no project added, removed or moved\n");
    for (size_t i = 0; i < n; i++) {
        const pf_project_change *p = pf_comparison_project_at(cmp, i);
        const char *from = pf_zone_name(p->old_zone), *to = pf_zone_name(p->new_zone);
        if (p->kind == PF_CHANGE_ADDED)
            printf("  added    %-24s %s\n", p->project, to ? to : "(not placed)");
        else if (p->kind == PF_CHANGE_REMOVED)
            printf("  removed  %-24s %s\n", p->project, from ? from : "(not placed)");
        else
            printf("  moved    %-24s %s -> %s\n", p->project, from ? from : "(not placed)", to ? to : "(not placed)");
    }
}

static int run_compare(int argc, char **argv)
{
    const command *cmd = command_named("compare");
    char **files;
    choices c = { 0 };
    int r = parse_choices(cmd, argc, argv, 2, &files, &c);
    if (r >= 0)
        return r;
    pf_doc *old_doc = load(files[0]);
    pf_doc *new_doc = load(files[1]);
    free(files);
    int status = 0;
    pf_comparison *cmp = NULL;
    pf_error err;
    pf_buf out = PF_BUF_INIT;
    if (!old_doc || !new_doc)
        status = EXIT_INVALID;
    else if (pf_doc_compare_with(old_doc, new_doc, &c.score, &c.map,
                                 &(pf_compare_options){ PF_COMPARE_OPTIONS_VERSION, c.allow_different }, &cmp,
                                 &err) != PF_OK)
        status = report_failure(&err);
    else if (c.json && pf_comparison_write_json(cmp, &out, &err) != PF_OK)
        status = report_failure(&err);
    else if (c.json)
        print_buf(&out);
    else
        print_compare_text(cmp);
    pf_buf_dispose(&out);
    pf_comparison_free(cmp);
    pf_doc_free(old_doc);
    pf_doc_free(new_doc);
    return status;
}

/* ---- instrument ---- */

enum { WIDTH = 80 };

/* Columns the UTF-8 text takes (one per character). */
static size_t columns(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

/*
 * Prints text word by word from column `col` (where the cursor is), wrapping
 * before WIDTH onto lines indented by `indent`, and ends the line.
 */
static void print_wrapped(const char *text, size_t col, size_t indent)
{
    bool line_empty = true;
    const char *p = text;
    while (*p) {
        while (*p == ' ' || *p == '\n')
            p++;
        if (!*p)
            break;
        size_t len = strcspn(p, " \n"), w = columns(p, len);
        if (!line_empty && col + 1 + w > WIDTH) {
            printf("\n%*s", (int)indent, "");
            col = indent;
            line_empty = true;
        }
        if (!line_empty) {
            putchar(' ');
            col++;
        }
        printf("%.*s", (int)len, p);
        col += w;
        line_empty = false;
        p += len;
    }
    putchar('\n');
}

/* Prints "<indent><label>  <text>" with the text in a column after labels of `label_width`. */
static void print_labelled(size_t indent, const char *label, size_t label_width, const char *text)
{
    size_t w = columns(label, strlen(label)), col = indent + label_width + 2;
    printf("%*s%s", (int)indent, "", label);
    if (col > WIDTH / 2) { /* long ids: the text goes below */
        col = indent + 4;
        printf("\n%*s", (int)col, "");
    } else {
        printf("%*s", (int)(label_width - w + 2), "");
    }
    print_wrapped(text, col, col);
}

/* The answer scale of a question; `single` when it has one item. Answer words stay as documents write them. */
static const char *scale_of(pf_form form, bool single, bool fr)
{
    switch (form) {
    case PF_FORM_AGREE:
    case PF_FORM_AGREE_HALF:
    case PF_FORM_AGREE_REVERSED:
        if (fr)
            return single ? "Indiquez votre degr\u00e9 d'accord\u00a0: 0\u00a0pas du tout d'accord, "
                            "1\u00a0plut\u00f4t pas d'accord, 2\u00a0ni d'accord ni pas d'accord, "
                            "3\u00a0plut\u00f4t d'accord, 4\u00a0tout \u00e0 fait d'accord."
                          : "Indiquez votre degr\u00e9 d'accord avec chaque \u00e9nonc\u00e9\u00a0: "
                            "0\u00a0pas du tout d'accord, 1\u00a0plut\u00f4t pas d'accord, "
                            "2\u00a0ni d'accord ni pas d'accord, 3\u00a0plut\u00f4t d'accord, "
                            "4\u00a0tout \u00e0 fait d'accord.";
        return single ? "Say how far you agree: 0 strongly disagree, 1 disagree, 2 neutral, 3 agree, 4 strongly agree."
                      : "Say how far you agree with each: 0 strongly disagree, 1 disagree, 2 neutral, 3 agree, "
                        "4 strongly agree.";
    case PF_FORM_YES_NO:
        if (fr)
            return single ? "R\u00e9pondez yes (oui), no (non) ou unsure (incertain)."
                          : "R\u00e9pondez \u00e0 chaque \u00e9nonc\u00e9 par yes (oui), no (non) ou unsure "
                            "(incertain).";
        return single ? "Answer yes, no or unsure." : "Answer each with yes, no or unsure.";
    case PF_FORM_RANK:
        return fr ? "Classez ces r\u00e9ponses, de la plus importante \u00e0 la moins importante."
                  : "Rank these, most important first.";
    case PF_FORM_MULTI:
        return fr ? "Choisissez toutes les r\u00e9ponses qui s'appliquent, ou none (aucune)."
                  : "Select all that apply, or none.";
    }
    return "";
}

/* The questionnaire in English or French (lang "en" or "fr"), texts in that language where the instrument has them. */
static void print_questionnaire(const pf_instrument *inst, const char *lang)
{
    bool fr = strcmp(lang, "fr") == 0;
    static const char *const part_titles[2][2] = {
        { "Part: orientation (scores the four innovation facets)",
          "Part: capability (scores portfolio-management capability)" },
        { "Partie\u00a0: orientation (mesure les quatre facettes de l'innovation)",
          "Partie\u00a0: capacit\u00e9 (mesure la capacit\u00e9 de gestion du portefeuille)" },
    };
    size_t nq = pf_instrument_question_count(inst), answers = 0;
    pf_question_info q;
    for (size_t i = 0; i < nq; i++)
        if (pf_instrument_question_at(inst, i, &q) == PF_OK)
            answers += q.item_count ? q.item_count : 1;
    print_wrapped(pf_instrument_title_in(inst, lang), 0, 0);
    printf(fr ? "Instrument %s\u00a0: %zu questions, %zu r\u00e9ponses.\n"
              : "Instrument %s: %zu questions, %zu answers.\n",
           pf_instrument_id(inst), nq, answers);
    print_wrapped(fr ? "Dans un document de portefeuille, les r\u00e9ponses s'\u00e9crivent sous la cl\u00e9 answers "
                       "d'une \u00e9valuation\u00a0: \u00c9L\u00c9MENT: R\u00c9PONSE pour les \u00e9l\u00e9ments des "
                       "questions d'accord et oui-non, QUESTION: [OPTION, ...] pour les questions de classement et "
                       "\u00e0 choix multiples."
                     : "Answers go under an assessment's answers in a portfolio document: ITEM: ANSWER for "
                       "agree and yes-no items, QUESTION: [OPTION, ...] for rank and multi questions.",
                  0, 0);
    int part = -1;
    for (size_t i = 0; i < nq; i++) {
        if (pf_instrument_question_in(inst, i, lang, &q) != PF_OK)
            continue;
        if ((int)q.part != part) {
            part = (int)q.part;
            const char *title = part_titles[fr][part];
            size_t len = columns(title, strlen(title));
            printf("\n%s\n", title);
            for (size_t k = 0; k < len; k++)
                putchar('=');
            putchar('\n');
        }
        size_t id_width = columns(q.id, strlen(q.id));
        putchar('\n');
        print_labelled(0, q.id, id_width, q.text);
        printf("    ");
        print_wrapped(scale_of(q.form, q.item_count == 1, fr), 4, 4);
        size_t n = q.item_count ? q.item_count : q.option_count, width = 0;
        for (size_t k = 0; k < n; k++) {
            pf_item_info item;
            pf_option_info option;
            const char *id = q.item_count ? (pf_instrument_item_at(inst, i, k, &item) == PF_OK ? item.id : NULL)
                                          : (pf_instrument_option_at(inst, i, k, &option) == PF_OK ? option.id : NULL);
            size_t w = id ? columns(id, strlen(id)) : 0;
            width = w > width ? w : width;
        }
        for (size_t k = 0; k < n; k++) {
            pf_item_info item;
            pf_option_info option;
            if (q.item_count && pf_instrument_item_in(inst, i, k, lang, &item) == PF_OK)
                print_labelled(4, item.id, width, item.text);
            else if (!q.item_count && pf_instrument_option_in(inst, i, k, lang, &option) == PF_OK)
                print_labelled(4, option.id, width, option.text);
        }
    }
}

static int run_instrument(int argc, char **argv)
{
    const command *cmd = command_named("instrument");
    const char *lang = "en";
    bool template = false;
    const cli_option opts[] = { { "--lang", &lang, NULL }, { "--template", NULL, &template }, { NULL, NULL, NULL } };
    char **files;
    int count;
    int r = operands(cmd, argc, argv, opts, &files, &count);
    if (r >= 0)
        return r;
    if (count > 1) {
        free(files);
        return usage_error(cmd, "%s", "expected at most one FILE");
    }
    if (strcmp(lang, "en") != 0 && strcmp(lang, "fr") != 0) {
        free(files);
        return usage_error(cmd, "--lang must be en or fr (got '%s')", lang);
    }
    pf_instrument *inst = NULL;
    if (count == 1) {
        inst = load_with(files[0], instrument_from_buffer, instrument_from_file, NULL);
    } else {
        pf_error err;
        if (pf_instrument_open_default(NULL, &inst, &err) != PF_OK)
            print_diagnostic(&err);
    }
    free(files);
    if (!inst)
        return EXIT_INVALID;
    int status = 0;
    if (template)
        status = print_template(inst, lang);
    else
        print_questionnaire(inst, lang);
    pf_instrument_free(inst);
    return status;
}

/* Prints "label: a, b, c" wrapped to 80 columns, continuation lines indented under the first item. */
static void print_list_wrapped(int indent, const char *label, const char *const *items, size_t count)
{
    int column = printf("%*s%s: ", indent, "", label);
    int start = column;
    for (size_t i = 0; i < count; i++) {
        int len = (int)strlen(items[i]) + (i + 1 < count ? 1 : 0);
        if (i > 0 && column + 1 + len > 80) {
            printf("\n%*s", start, "");
            column = start;
        } else if (i > 0) {
            column += printf(" ");
        }
        column += printf("%s%s", items[i], i + 1 < count ? "," : "");
    }
    printf("\n");
}

/* The facet with the strictly largest share, as the tension rule sees it. */
static const char *top_facet_label(const pf_placement *pl)
{
    if (!pl->placed)
        return "not placed";
    int top = 0;
    for (int f = 1; f < PF_FACET_COUNT; f++)
        if (pl->share[f] > pl->share[top])
            top = f;
    for (int f = 0; f < PF_FACET_COUNT; f++)
        if (f != top && pl->share[f] >= pl->share[top] - 1e-9)
            return "none (tie)";
    return pf_facet_name((pf_facet)top);
}

static const char *zone_label(const pf_placement *pl)
{
    return pl->placed ? pf_zone_name(pl->zone) : "not placed";
}

/* A project's id and position, to find placements by id in logarithmic time. */
typedef struct id_position {
    const char *id;
    size_t index;
} id_position;

static int compare_ids(const void *x, const void *y)
{
    return strcmp(((const id_position *)x)->id, ((const id_position *)y)->id);
}

static const pf_placement *placement_of(const pf_map *map, const id_position *ids, const char *id)
{
    id_position key = { id, 0 };
    const id_position *found = bsearch(&key, ids, pf_map_count(map), sizeof *ids, compare_ids);
    return found ? pf_map_at(map, found->index) : NULL;
}

static int print_relations_text(const pf_doc *doc, const pf_map *map, const pf_relations *rel)
{
    static const char *const titles[PF_RELATION_KIND_COUNT] = { "Synergies", "Tensions", "Possible duplicates",
                                                                "Handover candidates" };
    const pf_relation_options *o = pf_relations_options(rel);
    size_t n = pf_doc_project_count(doc);
    size_t pairs = pf_relations_pairs_examined(rel);
    printf("Relations between %zu projects (%zu pair%s compared)\n", n, pairs, pairs == 1 ? "" : "s");
    printf("similarity = %g x Jaccard(tags) + %g x Jaccard(partners); threshold %g,\n"
           "duplicates from %g; top %zu synergies per project\n",
           o->tag_weight, o->partner_weight, o->threshold, o->duplicate_threshold, o->top_k);
    id_position *ids = calloc(n ? n : 1, sizeof *ids);
    if (!ids) {
        fprintf(stderr, "portfolio: out of memory\n");
        return EXIT_INVALID;
    }
    for (size_t i = 0; i < n; i++) {
        ids[i].id = pf_map_at(map, i)->project;
        ids[i].index = i;
    }
    qsort(ids, n, sizeof *ids, compare_ids);
    size_t index = 0;
    for (int k = 0; k < PF_RELATION_KIND_COUNT; k++) {
        size_t count = pf_relations_count_kind(rel, (pf_relation_kind)k);
        printf("\n%s (%zu)\n", titles[k], count);
        if (!count)
            printf("  none\n");
        for (size_t end = index + count; index < end; index++) {
            const pf_relation *r = pf_relations_at(rel, index);
            const pf_project *pa = pf_doc_find_project(doc, r->a), *pb = pf_doc_find_project(doc, r->b);
            const pf_placement *la = placement_of(map, ids, r->a), *lb = placement_of(map, ids, r->b);
            int width = printf("  %s %s %s", r->a, k == PF_RELATION_HANDOVER ? "->" : "<->", r->b);
            printf("%*s S %.2f", width < 50 ? 50 - width : 0, "", r->similarity);
            if (r->is_explicit)
                printf("  linked: %s", pf_link_kind_name(r->link_kind));
            printf("\n");
            const char *unit_a = pf_project_unit(pa), *unit_b = pf_project_unit(pb);
            if (k == PF_RELATION_TENSION) {
                printf("      top facets: %s vs %s\n", top_facet_label(la), top_facet_label(lb));
            } else if (k == PF_RELATION_DUPLICATE) {
                printf("      zones: %s, %s\n", zone_label(la), zone_label(lb));
            } else if (k == PF_RELATION_HANDOVER) {
                printf("      from %s, %s (%s)\n", zone_label(la), pf_stage_name(pf_project_stage(pa)), unit_a);
                printf("      to   %s (%s)\n", zone_label(lb), unit_b);
            }
            if (r->shared_tag_count)
                print_list_wrapped(6, "tags", r->shared_tags, r->shared_tag_count);
            if (r->shared_partner_count)
                print_list_wrapped(6, "partners", r->shared_partners, r->shared_partner_count);
        }
    }
    free(ids);
    return 0;
}

static int run_relations(int argc, char **argv)
{
    const command *cmd = command_named(argv[0]); /* relations, or its deprecated name synergies */
    char **files;
    const char *format = "text";
    const cli_option opts[] = { { "--format", &format, NULL }, { NULL, NULL, NULL } };
    int count;
    int r = operands(cmd, argc, argv, opts, &files, &count);
    if (r >= 0)
        return r;
    if (count != 1) {
        free(files);
        return usage_error(cmd, "%s", "expected exactly one FILE");
    }
    int json = choose(cmd, "--format", format, format_words);
    if (json < 0) {
        free(files);
        return EXIT_USAGE;
    }
    pf_doc *doc = load(files[0]);
    free(files);
    if (!doc)
        return EXIT_INVALID;
    pf_map *map = NULL;
    pf_relations *rel = NULL;
    pf_error err;
    pf_buf out = PF_BUF_INIT;
    int status = 0;
    if (pf_doc_map(doc, NULL, NULL, &map, &err) != PF_OK || pf_doc_relations(doc, map, NULL, &rel, &err) != PF_OK)
        status = report_failure(&err);
    else if (json && pf_relations_write_json(rel, &out, &err) != PF_OK)
        status = report_failure(&err);
    else if (json)
        print_buf(&out);
    else
        status = print_relations_text(doc, map, rel);
    pf_buf_dispose(&out);
    pf_relations_free(rel);
    pf_map_free(map);
    pf_doc_free(doc);
    return status;
}

/*
 * The catalogue --rules and --add-rules ask for (the built-in one by default),
 * printing every problem; NULL when unusable. The caller frees it.
 */
static pf_rules *load_catalogue(const choices *c)
{
    pf_rules *rules = NULL, *extra = NULL;
    pf_error err;
    if (c->rules)
        rules = load_with(c->rules, rules_from_buffer, rules_from_file, NULL);
    else if (pf_rules_open_default(NULL, &rules, &err) != PF_OK)
        print_diagnostic(&err);
    if (rules && c->add_rules) {
        extra = load_with(c->add_rules, rules_from_buffer, rules_from_file, NULL);
        if (!extra || pf_rules_merge(rules, extra, &err) != PF_OK) {
            if (extra)
                print_diagnostic(&err);
            pf_rules_free(rules);
            rules = NULL;
        }
        pf_rules_free(extra);
    }
    return rules;
}

static void print_advice_text(const pf_advice *adv, const char *lang)
{
    bool fr = strcmp(lang, "fr") == 0;
    static const char *const headings_en[] = { "Strengths", "Actions", "Warnings", "Information" };
    static const char *const headings_fr[] = { "Points forts", "Actions", "Points de vigilance", "Informations" };
    const char *const *headings = fr ? headings_fr : headings_en;
    if (!pf_advice_count(adv))
        printf("%s\n", fr ? "Aucune recommandation : aucune règle du catalogue ne s'applique à ce portefeuille."
                          : "No recommendation: no rule of the catalogue fires for this portfolio.");
    for (int kind = 0; kind < PF_ADVICE_KIND_COUNT; kind++) {
        bool any = false;
        for (size_t i = 0; i < pf_advice_count(adv); i++) {
            const pf_recommendation *r = pf_advice_at(adv, i);
            if ((int)r->kind != kind)
                continue;
            if (!any)
                printf("%s%s\n", kind && pf_advice_count(adv) ? "\n" : "", headings[kind]);
            any = true;
            char label[64];
            snprintf(label, sizeof label, "%s%s%s", r->rule, r->subject ? " " : "", r->subject ? r->subject : "");
            printf("- [%s] ", label);
            print_wrapped(r->message, 5 + columns(label, strlen(label)), 2);
            printf("  %s", fr ? "indices :" : "evidence:");
            for (size_t k = 0; k < r->evidence_count; k++) {
                if (r->evidence[k].text)
                    printf(" %s=%s", r->evidence[k].metric, r->evidence[k].text);
                else
                    printf(" %s=%.4g", r->evidence[k].metric, r->evidence[k].value);
            }
            printf("\n");
        }
    }
}

static int run_report(int argc, char **argv)
{
    const command *cmd = command_named("report");
    char **files;
    choices c = { 0 };
    int r = parse_choices(cmd, argc, argv, 1, &files, &c);
    if (r >= 0)
        return r;
    pf_report_options o = PF_REPORT_OPTIONS_INIT;
    if (strcmp(c.lang, "en") != 0 && strcmp(c.lang, "fr") != 0) {
        free(files);
        return usage_error(cmd, "--lang must be en or fr (got '%s')", c.lang);
    }
    pf_doc *doc = load(files[0]);
    free(files);
    if (!doc)
        return EXIT_INVALID;
    pf_error err;
    pf_rules *rules = load_catalogue(&c);
    int status = rules ? 0 : EXIT_INVALID;
    o.format = (pf_report_format)c.report_format;
    o.lang = c.lang;
    o.mode = c.score.mode;
    o.weighting = c.map.weighting;
    o.anonymous = c.anonymous;
    o.rules = rules;
    /* Colour only for a person at a terminal who has not asked for none (no-color.org). */
    const char *no_color = getenv("NO_COLOR");
    o.color = o.format == PF_REPORT_TEXT && !c.output && isatty(STDOUT_FILENO) && !(no_color && *no_color);
    pf_buf out = PF_BUF_INIT;
    if (!status && c.output) {
        if (pf_doc_report_file(doc, &o, c.output, &err) != PF_OK)
            status = report_failure(&err);
        else
            notice("portfolio: wrote %s\n", c.output);
    } else if (!status) {
        if (pf_doc_report(doc, &o, &out, &err) != PF_OK)
            status = report_failure(&err);
        else
            print_buf(&out);
    }
    pf_buf_dispose(&out);
    pf_rules_free(rules);
    pf_doc_free(doc);
    return status;
}

static int run_recommend(int argc, char **argv)
{
    const command *cmd = command_named("recommend");
    char **files;
    choices c = { 0 };
    int r = parse_choices(cmd, argc, argv, 1, &files, &c);
    if (r >= 0)
        return r;
    pf_doc *doc = load(files[0]);
    free(files);
    if (!doc)
        return EXIT_INVALID;
    int status = 0;
    pf_rules *rules = load_catalogue(&c);
    pf_scores *sc = NULL;
    pf_map *map = NULL;
    pf_relations *rel = NULL;
    pf_advice *adv = NULL;
    pf_error err;
    pf_buf out = PF_BUF_INIT;
    if (!rules) {
        status = EXIT_INVALID;
    } else if (pf_doc_score(doc, &c.score, &sc, NULL, &err) != PF_OK ||
               pf_doc_map(doc, sc, &c.map, &map, &err) != PF_OK ||
               pf_doc_relations(doc, map, NULL, &rel, &err) != PF_OK) {
        status = report_failure(&err);
    } else {
        size_t relation_counts[PF_RELATION_KIND_COUNT];
        for (int k = 0; k < PF_RELATION_KIND_COUNT; k++)
            relation_counts[k] = pf_relations_count_kind(rel, (pf_relation_kind)k);
        pf_analysis analysis = { sc, map, relation_counts };
        pf_advice_options ao = PF_ADVICE_OPTIONS_INIT;
        ao.lang = c.lang;
        if (pf_recommend(rules, &analysis, &ao, &adv, &err) != PF_OK)
            status = report_failure(&err);
        else if (c.json && pf_advice_write_json(adv, &out, &err) != PF_OK)
            status = report_failure(&err);
        else if (c.json)
            print_buf(&out);
        else
            print_advice_text(adv, c.lang);
    }
    pf_buf_dispose(&out);
    pf_advice_free(adv);
    pf_relations_free(rel);
    pf_map_free(map);
    pf_scores_free(sc);
    pf_rules_free(rules);
    pf_doc_free(doc);
    return status;
}

/* The record options of the shared --mode and --weight choices. */
static pf_record_options record_options(const choices *c)
{
    pf_record_options o = PF_RECORD_OPTIONS_INIT;
    o.mode = c->score.mode;
    o.weighting = c->map.weighting;
    return o;
}

static int run_anonymise(int argc, char **argv)
{
    const command *cmd = command_named("anonymise");
    char **files;
    choices c = { 0 };
    int r = parse_choices(cmd, argc, argv, 1, &files, &c);
    if (r >= 0)
        return r;
    pf_record_options o = record_options(&c);
    if (c.k) {
        char *end;
        unsigned long k = strtoul(c.k, &end, 10);
        if (!*c.k || *end || c.k[0] == '-' || k < 1 || k > 1000000) {
            free(files);
            return usage_error(cmd, "-k must be a whole number from 1 (got '%s')", c.k);
        }
        o.k = k;
    }
    pf_doc *doc = load(files[0]);
    free(files);
    if (!doc)
        return EXIT_INVALID;
    int status = 0;
    pf_error err;
    pf_buf out = PF_BUF_INIT;
    if (c.output) {
        if (pf_doc_anonymise_file(doc, &o, c.output, &err) != PF_OK)
            status = report_failure(&err);
        else
            notice("portfolio: wrote %s\n", c.output);
    } else if (pf_doc_anonymise(doc, &o, &out, &err) != PF_OK) {
        status = report_failure(&err);
    } else {
        print_buf(&out);
    }
    pf_buf_dispose(&out);
    pf_doc_free(doc);
    return status;
}

static int run_benchmark(int argc, char **argv)
{
    const command *cmd = command_named("benchmark");
    char **files;
    choices c = { 0 };
    int r = parse_choices(cmd, argc, argv, -1, &files, &c);
    if (r >= 0)
        return r;
    if (!c.org) {
        free(files);
        return usage_error(cmd, "%s", "--org FILE is required");
    }
    size_t n = (size_t)c.file_count;
    pf_record **records = calloc(n, sizeof *records);
    int status = records ? 0 : EXIT_INVALID;
    for (size_t i = 0; records && i < n; i++)
        if (!(records[i] = load_with(files[i], record_from_buffer, record_from_file, NULL)))
            status = EXIT_INVALID;
    pf_doc *doc = status ? NULL : load(c.org);
    pf_benchmark_result *res = NULL;
    pf_record_options o = record_options(&c);
    pf_error err;
    pf_buf out = PF_BUF_INIT;
    if (!status && !doc) {
        status = EXIT_INVALID;
    } else if (!status && pf_benchmark((const pf_record *const *)records, n, doc, &o, &res, &err) != PF_OK) {
        status = report_failure(&err);
    } else if (!status && c.json) {
        if (pf_benchmark_write_json(res, &out, &err) != PF_OK)
            status = report_failure(&err);
        else
            print_buf(&out);
    } else if (!status) {
        printf("Benchmark of %s among %zu records (mode %s, weighting %s)\n\n", c.org,
               pf_benchmark_result_records(res), c.mode, c.weight);
        printf("%-44s %10s %7s %10s\n", "Metric", "Value", "Records", "Percentile");
        for (size_t i = 0; i < pf_benchmark_result_count(res); i++) {
            const pf_benchmark_entry *e = pf_benchmark_result_at(res, i);
            printf("%-44s %10.4g %7zu %10.1f\n", e->metric, e->value, e->n, e->percentile);
        }
        if (!pf_benchmark_result_count(res))
            printf("No metric of the organisation is in any record.\n");
    }
    pf_buf_dispose(&out);
    pf_benchmark_result_free(res);
    pf_doc_free(doc);
    for (size_t i = 0; records && i < n; i++)
        pf_record_free(records[i]);
    free(records);
    free(files);
    return status;
}

static void print_help(FILE *out)
{
    fprintf(out, "usage: portfolio COMMAND [OPTIONS] [FILE...]\n\n"
                 "Explore and steward an innovation portfolio with the OECD OPSI facets method.\n\n"
                 "Commands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        fprintf(out, "  %-9s %s\n", commands[i].name, commands[i].usage);
    fprintf(out, "\nportfolio COMMAND --help describes a command. --version prints the version.\n"
                 "Every command takes --confine or --no-files: the files documents may name.\n");
}

static int run(int argc, char **argv)
{
    if (argc < 2) {
        print_help(stderr);
        return EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
        print_help(stdout);
        return 0;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("portfolio %s\n", pf_version());
        return 0;
    }
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++) {
        if (strcmp(argv[1], commands[i].name) == 0) {
            int r = common_options(&commands[i], argc - 1, argv + 1);
            return r >= 0 ? r : commands[i].run(argc - 1, argv + 1);
        }
    }
    fprintf(stderr, "portfolio: unknown command '%s'\n\n", argv[1]);
    print_help(stderr);
    return EXIT_USAGE;
}

int main(int argc, char **argv)
{
    guard_standard_streams();
    /* Output lost on the way (a full disk, a closed pipe) fails the command: a pipeline must see it. */
    return finish_stdout(run(argc, argv));
}
