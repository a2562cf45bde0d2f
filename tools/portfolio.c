/*
 * portfolio: the command line of libportfolio.
 * Exit status: 0 success, 1 invalid input or failure, 2 usage error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <portfolio/portfolio.h>

enum { EXIT_INVALID = 1, EXIT_USAGE = 2 };

typedef struct command {
    const char *name;
    const char *usage;
    const char *summary;
    int (*run)(int argc, char **argv);
} command;

static void print_diagnostic(const pf_error *e)
{
    if (e->line)
        fprintf(stderr, "%s:%u:%u: %s\n", e->source, e->line, e->column, e->message);
    else
        fprintf(stderr, "%s: %s\n", e->source[0] ? e->source : "portfolio", e->message);
}

/* Reads FILE ("-" for standard input), printing every problem; NULL when it is unusable. */
static pf_doc *load(const char *path)
{
    pf_diagnostics *diags = NULL;
    pf_doc *doc = NULL;
    pf_error err;
    if (pf_diagnostics_new(&diags, NULL) != PF_OK) {
        fprintf(stderr, "portfolio: out of memory\n");
        return NULL;
    }
    pf_status s;
    if (strcmp(path, "-") == 0) {
        size_t cap = 65536, len = 0;
        char *data = malloc(cap);
        size_t got;
        while (data && (got = fread(data + len, 1, cap - len, stdin)) > 0) {
            len += got;
            if (len == cap) {
                char *bigger = cap > PF_DEFAULT_MAX_BYTES ? NULL : realloc(data, cap *= 2);
                if (!bigger) {
                    free(data);
                    data = NULL;
                    break;
                }
                data = bigger;
            }
        }
        if (!data) {
            fprintf(stderr, "<stdin>: input too large or out of memory\n");
            pf_diagnostics_free(diags);
            return NULL;
        }
        s = pf_doc_read_buffer(&doc, data, len, "<stdin>", NULL, diags, &err);
        free(data);
    } else {
        s = pf_doc_read_file(&doc, path, NULL, diags, &err);
    }
    if (s != PF_OK) {
        size_t n = pf_diagnostics_count(diags);
        for (size_t i = 0; i < n; i++)
            print_diagnostic(pf_diagnostics_at(diags, i));
        if (n == 0)
            print_diagnostic(&err);
        if (pf_diagnostics_total(diags) > n)
            fprintf(stderr, "%s: %zu more problems not shown\n", path, pf_diagnostics_total(diags) - n);
    }
    pf_diagnostics_free(diags);
    return doc;
}

static int usage_error(const command *cmd, const char *fmt, const char *arg)
{
    fprintf(stderr, "portfolio %s: ", cmd->name);
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nusage: portfolio %s %s\n", cmd->name, cmd->usage);
    return EXIT_USAGE;
}

/* Handles --help and --version; returns -1 to go on, else an exit status. */
static int common_options(const command *cmd, int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0)
            break;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            printf("usage: portfolio %s %s\n\n%s\n", cmd->name, cmd->usage, cmd->summary);
            return 0;
        }
        if (strcmp(argv[i], "--version") == 0) {
            printf("portfolio %s\n", pf_version());
            return 0;
        }
    }
    return -1;
}

/* Collects file operands, refusing unknown options ("-" alone is standard input). */
static int operands(const command *cmd, int argc, char **argv, char ***files, int *count)
{
    *files = calloc((size_t)argc, sizeof **files);
    *count = 0;
    if (!*files)
        return EXIT_INVALID;
    bool only_files = false;
    for (int i = 1; i < argc; i++) {
        if (!only_files && strcmp(argv[i], "--") == 0)
            only_files = true;
        else if (!only_files && argv[i][0] == '-' && argv[i][1])
            return free(*files), usage_error(cmd, "unknown option %s", argv[i]);
        else
            (*files)[(*count)++] = argv[i];
    }
    return -1;
}

static int run_validate(int argc, char **argv);
static int run_show(int argc, char **argv);

static const command commands[] = {
    { "validate", "FILE...",
      "Checks portfolio documents. Prints nothing and exits 0 when all are valid;\n"
      "otherwise prints FILE:LINE:COLUMN: message for every problem on standard\n"
      "error and exits 1. FILE - reads standard input.",
      run_validate },
    { "show", "FILE",
      "Prints a short summary of a portfolio document: the organisation, its\n"
      "targets, projects by stage and priority, and assessments by role.",
      run_show },
};

static int run_validate(int argc, char **argv)
{
    const command *cmd = &commands[0];
    char **files;
    int count, status = 0;
    int r = operands(cmd, argc, argv, &files, &count);
    if (r >= 0)
        return r;
    if (count == 0) {
        free(files);
        return usage_error(cmd, "%s", "no FILE given");
    }
    for (int i = 0; i < count; i++) {
        pf_doc *doc = load(files[i]);
        if (!doc)
            status = EXIT_INVALID;
        pf_doc_free(doc);
    }
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
    const command *cmd = &commands[1];
    char **files;
    int count;
    int r = operands(cmd, argc, argv, &files, &count);
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

static void print_help(FILE *out)
{
    fprintf(out, "usage: portfolio COMMAND [OPTIONS] [FILE...]\n\n"
                 "Explore and steward an innovation portfolio with the OECD OPSI facets method.\n\n"
                 "Commands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].usage);
    fprintf(out, "\nportfolio COMMAND --help describes a command. --version prints the version.\n");
}

int main(int argc, char **argv)
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
