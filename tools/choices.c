/* The options score, map, compare, recommend, report, anonymise and benchmark share. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

const char *const format_words[] = { "text", "json", NULL };

static const char *const report_format_words[] = { "text", "md", "html", "json", "csv", "csv-assessments", "pdf", NULL };

static const char *const mode_words[] = { "pet", "normalised", "pet-published", NULL };

static const char *const weight_words[] = { "count", "priority", "budget", "fte", NULL };

int parse_choices(const command *cmd, int argc, char **argv, int want_files, char ***files, choices *c)
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
                                { "--respondents", NULL, &c->respondents },
                                { "--min-group", &c->min_group, NULL },
                            { "--weight", &c->weight, NULL },
                            { "--format", &c->format, NULL },
                            { "--by-role", NULL, &c->by_role },
                            { "--strict", NULL, &c->strict },
                            { "--completeness-floor", &c->floor, NULL },
                            { "--include-incomplete", NULL, &c->include_incomplete },
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
    else if (strcmp(cmd->name, "report") == 0)
        *own = (cli_option){ "--since", &c->since, NULL };
    int count;
    int r = operands(cmd, argc, argv, opts, files, &count);
    if (r >= 0)
        return r;
    c->file_count = count;
    if (want_files < 0 ? count < 1 : count != want_files) {
        free(*files);
        bool records = strncmp(cmd->usage, "RECORD", 6) == 0;
        return usage_error(cmd, "%s", want_files < 0 ? records ? "expected at least one RECORD" : "expected at least one FILE"
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
    so.include_incomplete = c->include_incomplete;
    if (strcmp(cmd->name, "report") != 0 && (c->respondents || c->min_group)) {
        free(*files);
        return usage_error(cmd, "%s", "--respondents and --min-group are options of report");
    }
    bool records = strcmp(cmd->name, "anonymise") == 0 || strcmp(cmd->name, "benchmark") == 0;
    if (records && (c->floor || c->include_incomplete)) {
        free(*files);
        return usage_error(cmd, "%s", "records keep every respondent: no --completeness-floor or --include-incomplete");
    }
    if (c->floor) {
        char *end;
        double floor = strtod(c->floor, &end);
        if (!*c->floor || *end || !(floor >= 0 && floor <= 1)) {
            free(*files);
            return usage_error(cmd, "--completeness-floor must be a number from 0 to 1 (got '%s')", c->floor);
        }
        so.completeness_floor = floor;
        so.include_incomplete |= floor == 0; /* 0 would mean the default: a floor of 0 leaves no one out */
    }
    mo.weighting = (pf_weighting)weight;
    c->score = so;
    c->map = mo;
    c->json = format == 1 && !is_report;
    c->report_format = is_report ? format : 0;
    return -1;
}

int one_document(const command *cmd, int argc, char **argv, pf_doc **doc, int *json)
{
    const char *format = "text";
    const cli_option opts[] = { { "--format", &format, NULL }, { NULL, NULL, NULL } };
    char **files;
    int count;
    int r = operands(cmd, argc, argv, opts, &files, &count);
    if (r >= 0)
        return r;
    if (count != 1) {
        free(files);
        return usage_error(cmd, "%s", "expected exactly one FILE");
    }
    *json = choose(cmd, "--format", format, format_words);
    if (*json < 0) {
        free(files);
        return EXIT_USAGE;
    }
    *doc = load(files[0]);
    free(files);
    return *doc ? -1 : EXIT_INVALID;
}

int report_failure(const pf_error *e)
{
    print_diagnostic(e);
    return EXIT_INVALID;
}

/*
 * The catalogue --rules and --add-rules ask for (the built-in one by default),
 * printing every problem; NULL when unusable. The caller frees it.
 */
pf_rules *load_catalogue(const choices *c)
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
