/* portfolio show: a short summary of a document. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

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
static void counts_json(pf_json *j, const char *key, const size_t *counts, size_t n, const char *(*name)(int))
{
    pf__json_key(j, key);
    pf__json_object_begin(j);
    for (size_t i = 0; i < n; i++) {
        pf__json_key(j, name((int)i));
        pf__json_integer(j, (long long)counts[i]);
    }
    pf__json_object_end(j);
}

/* The summary as JSON (docs/json.md, "Summary"). */
static int print_show_json(const pf_doc *doc)
{
    pf_buf text = PF_BUF_INIT;
    pf_json w, *j = &w;
    pf__json_init(j, &text);
    const pf_org *org = pf_doc_org_const(doc);
    pf__json_object_begin(j);
    pf__json_key(j, "schema_version");
    pf__json_integer(j, 1);
    pf__json_key(j, "organisation");
    pf__json_object_begin(j);
    pf__json_key(j, "name");
    pf__json_string(j, pf_org_name(org));
    pf__json_key(j, "country");
    pf__json_string(j, pf_org_country(org));
    pf__json_key(j, "level");
    pf__json_string(j, pf_org_level(org) == PF_GOV_LEVEL_UNSET ? NULL : pf_gov_level_name(pf_org_level(org)));
    pf__json_key(j, "people");
    if (pf_org_people(org))
        pf__json_integer(j, (long long)pf_org_people(org));
    else
        pf__json_null(j);
    pf__json_key(j, "sectors");
    pf__json_array_begin(j);
    for (int s = 0; s < PF_SECTOR_COUNT; s++)
        if (pf_org_sectors(org) >> s & 1)
            pf__json_string(j, pf_sector_name((pf_sector)s));
    pf__json_array_end(j);
    pf__json_object_end(j);
    pf__json_key(j, "instrument");
    pf__json_object_begin(j);
    pf__json_key(j, "id");
    pf__json_string(j, pf_doc_instrument_id(doc));
    pf__json_key(j, "file");
    pf__json_string(j, pf_doc_instrument_path(doc));
    pf__json_object_end(j);
    pf__json_key(j, "targets");
    double t[PF_FACET_COUNT];
    if (pf_doc_targets(doc, t)) {
        double sum = t[0] + t[1] + t[2] + t[3];
        pf__json_object_begin(j);
        for (int f = 0; f < PF_FACET_COUNT; f++) {
            pf__json_key(j, pf_facet_name((pf_facet)f));
            pf__json_number(j, t[f] / sum);
        }
        pf__json_object_end(j);
    } else {
        pf__json_null(j);
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
    pf__json_key(j, "projects");
    pf__json_object_begin(j);
    pf__json_key(j, "count");
    pf__json_integer(j, (long long)n);
    counts_json(j, "by_stage", stages, PF_STAGE_COUNT, stage_name);
    pf__json_key(j, "stage_not_given");
    pf__json_integer(j, (long long)stage_unset);
    counts_json(j, "by_priority", priorities, PF_PRIORITY_COUNT, priority_name);
    pf__json_key(j, "priority_not_given");
    pf__json_integer(j, (long long)priority_unset);
    pf__json_object_end(j);
    size_t m = pf_doc_assessment_count(doc), role_unset = 0;
    size_t roles[PF_ROLE_COUNT] = { 0 };
    for (size_t i = 0; i < m; i++) {
        pf_role role = pf_assessment_role(pf_doc_assessment_at(doc, i));
        if (role != PF_ROLE_UNSET)
            roles[role]++;
        else
            role_unset++;
    }
    pf__json_key(j, "assessments");
    pf__json_object_begin(j);
    pf__json_key(j, "count");
    pf__json_integer(j, (long long)m);
    counts_json(j, "by_role", roles, PF_ROLE_COUNT, role_name);
    pf__json_key(j, "role_not_given");
    pf__json_integer(j, (long long)role_unset);
    pf__json_object_end(j);
    pf__json_object_end(j);
    return emit_json(j, NULL) ? 0 : EXIT_INVALID;
}

int run_show(int argc, char **argv)
{
    const command *cmd = command_named("show");
    pf_doc *doc = NULL;
    int json = 0;
    int r = one_document(cmd, argc, argv, &doc, &json);
    if (r >= 0)
        return r;
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
