/* portfolio show: a short summary of a document. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "jsonw.h"

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

/* {"<name>": count, ...} for every value in order, zeros included, so a consumer finds every key. */
static void counts_json(jsonw *j, const char *key, const size_t *counts, size_t n, const char *(*name)(int))
{
    jw_key(j, key);
    jw_object_begin(j);
    for (size_t i = 0; i < n; i++) {
        jw_key(j, name((int)i));
        jw_integer(j, (long long)counts[i]);
    }
    jw_object_end(j);
}

/* The summary as JSON (docs/json.md, "Summary"). */
static int print_show_json(const pf_doc *doc)
{
    jsonw w = { 0 }, *j = &w;
    const pf_org *org = pf_doc_org_const(doc);
    jw_object_begin(j);
    jw_key(j, "schema_version");
    jw_integer(j, 1);
    jw_key(j, "organisation");
    jw_object_begin(j);
    jw_key(j, "name");
    jw_string(j, pf_org_name(org));
    jw_key(j, "country");
    jw_string(j, pf_org_country(org));
    jw_key(j, "level");
    jw_string(j, pf_org_level(org) == PF_GOV_LEVEL_UNSET ? NULL : pf_gov_level_name(pf_org_level(org)));
    jw_key(j, "people");
    if (pf_org_people(org))
        jw_integer(j, (long long)pf_org_people(org));
    else
        jw_null(j);
    jw_key(j, "sectors");
    jw_array_begin(j);
    for (int s = 0; s < PF_SECTOR_COUNT; s++)
        if (pf_org_sectors(org) >> s & 1)
            jw_string(j, pf_sector_name((pf_sector)s));
    jw_array_end(j);
    jw_object_end(j);
    jw_key(j, "instrument");
    jw_object_begin(j);
    jw_key(j, "id");
    jw_string(j, pf_doc_instrument_id(doc));
    jw_key(j, "file");
    jw_string(j, pf_doc_instrument_path(doc));
    jw_object_end(j);
    jw_key(j, "targets");
    double t[PF_FACET_COUNT];
    if (pf_doc_targets(doc, t)) {
        double sum = t[0] + t[1] + t[2] + t[3];
        jw_object_begin(j);
        for (int f = 0; f < PF_FACET_COUNT; f++) {
            jw_key(j, pf_facet_name((pf_facet)f));
            jw_number(j, t[f] / sum);
        }
        jw_object_end(j);
    } else {
        jw_null(j);
    }
    size_t n = pf_doc_project_count(doc), stage_unset = 0, priority_unset = 0;
    size_t stages[PF_STAGE_COUNT] = { 0 }, priorities[PF_PRIORITY_COUNT] = { 0 };
    for (size_t i = 0; i < n; i++) {
        const pf_project *p = pf_doc_project_at(doc, i);
        if (pf_project_stage(p) != PF_STAGE_UNSET)
            stages[pf_project_stage(p)]++;
        else
            stage_unset++;
        if (pf_project_priority(p) != PF_PRIORITY_UNSET)
            priorities[pf_project_priority(p)]++;
        else
            priority_unset++;
    }
    jw_key(j, "projects");
    jw_object_begin(j);
    jw_key(j, "count");
    jw_integer(j, (long long)n);
    counts_json(j, "by_stage", stages, PF_STAGE_COUNT, stage_name);
    jw_key(j, "stage_not_given");
    jw_integer(j, (long long)stage_unset);
    counts_json(j, "by_priority", priorities, PF_PRIORITY_COUNT, priority_name);
    jw_key(j, "priority_not_given");
    jw_integer(j, (long long)priority_unset);
    jw_object_end(j);
    size_t m = pf_doc_assessment_count(doc), role_unset = 0;
    size_t roles[PF_ROLE_COUNT] = { 0 };
    for (size_t i = 0; i < m; i++) {
        pf_role role = pf_assessment_role(pf_doc_assessment_at(doc, i));
        if (role != PF_ROLE_UNSET)
            roles[role]++;
        else
            role_unset++;
    }
    jw_key(j, "assessments");
    jw_object_begin(j);
    jw_key(j, "count");
    jw_integer(j, (long long)m);
    counts_json(j, "by_role", roles, PF_ROLE_COUNT, role_name);
    jw_key(j, "role_not_given");
    jw_integer(j, (long long)role_unset);
    jw_object_end(j);
    jw_object_end(j);
    return jw_print(j) ? 0 : EXIT_INVALID;
}

int run_show(int argc, char **argv)
{
    const command *cmd = command_named("show");
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
    int json = choose(cmd, "--format", format, format_words);
    if (json < 0) {
        free(files);
        return EXIT_USAGE;
    }
    pf_doc *doc = load(files[0]);
    free(files);
    if (!doc)
        return EXIT_INVALID;
    if (json) {
        int status = print_show_json(doc);
        pf_doc_free(doc);
        return status;
    }

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
