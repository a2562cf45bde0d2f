/*
 * Builds a small portfolio through the C API and writes it as YAML.
 *
 *   build_portfolio OUT.yaml
 *
 * Every call returns a pf_status; on failure the pf_error says what and why.
 */
#include <stdio.h>

#include <portfolio/portfolio.h>

#define CHECK(call)                                                         \
    do {                                                                    \
        if ((call) != PF_OK) {                                              \
            fprintf(stderr, "build_portfolio: %s\n", err.message);          \
            pf_doc_free(doc);                                               \
            return 1;                                                       \
        }                                                                   \
    } while (0)

int main(int argc, char **argv)
{
    pf_doc *doc = NULL;
    pf_error err;
    if (argc != 2) {
        fprintf(stderr, "usage: build_portfolio OUT.yaml\n");
        return 2;
    }
    CHECK(pf_doc_new(NULL, &doc, &err));

    pf_org *org = pf_doc_org(doc);
    CHECK(pf_org_set_name(org, "Coastal District Council", &err));
    CHECK(pf_org_set_country(org, "IE", &err));
    CHECK(pf_org_set_level(org, PF_GOV_LEVEL_LOCAL, &err));
    CHECK(pf_org_set_people(org, 640, &err));
    CHECK(pf_org_set_sectors(org, 1u << PF_SECTOR_HOUSING | 1u << PF_SECTOR_ENVIRONMENTAL, &err));
    const double targets[PF_FACET_COUNT] = { 0.35, 0.25, 0.25, 0.15 };
    CHECK(pf_doc_set_targets(doc, targets, &err));

    /* A project placed by the two PET questions: purpose and driver. */
    pf_project *heat = NULL;
    CHECK(pf_doc_add_project(doc, "heat-pumps", &heat, &err));
    CHECK(pf_project_set_title(heat, "Heat pumps for council housing", &err));
    CHECK(pf_project_set_unit(heat, "Housing", &err));
    CHECK(pf_project_set_purpose(heat, PF_PURPOSE_MISSION, &err));
    CHECK(pf_project_set_driver(heat, PF_FACET_MISSION, &err));
    CHECK(pf_project_set_priority(heat, PF_PRIORITY_HIGH, &err));
    CHECK(pf_project_set_stage(heat, PF_STAGE_IMPLEMENTING, &err));
    CHECK(pf_project_set_budget(heat, 1200000, &err));
    CHECK(pf_project_set_fte(heat, 4, &err));
    CHECK(pf_project_set_start(heat, (pf_date){ 2025, 3, 1 }, &err));
    CHECK(pf_project_set_end(heat, (pf_date){ 2027, 2, 28 }, &err));
    CHECK(pf_project_add_tag(heat, "net-zero", &err));
    CHECK(pf_project_add_tag(heat, "housing", &err));
    CHECK(pf_project_add_partner(heat, "energy-agency", &err));

    /* A project tagged with explicit facet weights instead. */
    pf_project *storm = NULL;
    CHECK(pf_doc_add_project(doc, "storm-scenarios", &storm, &err));
    CHECK(pf_project_set_title(storm, "Storm surge scenarios for 2060", &err));
    CHECK(pf_project_set_unit(storm, "Planning", &err));
    const double weights[PF_FACET_COUNT] = { 0, 0.3, 0, 0.7 };
    CHECK(pf_project_set_facet_weights(storm, weights, &err));
    CHECK(pf_project_set_priority(storm, PF_PRIORITY_MEDIUM, &err));
    CHECK(pf_project_set_stage(storm, PF_STAGE_EXPLORING, &err));
    CHECK(pf_project_add_tag(storm, "net-zero", &err));
    CHECK(pf_project_add_link(storm, "heat-pumps", PF_LINK_SYNERGY, &err));

    /* One respondent's answers, as they gave them. */
    pf_assessment *a = NULL;
    CHECK(pf_doc_add_assessment(doc, "r-001", &a, &err));
    CHECK(pf_assessment_set_role(a, PF_ROLE_STEWARD, &err));
    CHECK(pf_assessment_set_date(a, (pf_date){ 2025, 11, 3 }, &err));
    CHECK(pf_assessment_set_agreement(a, "q1.mission", 4, &err));
    CHECK(pf_assessment_set_agreement(a, "q1.enhancement", 3, &err));
    const char *leadership[] = { "mission", "enhancement", "adaptive", "anticipatory" };
    CHECK(pf_assessment_set_options(a, "q2", leadership, 4, &err));
    const char *funded[] = { "mission", "enhancement" };
    CHECK(pf_assessment_set_options(a, "q10", funded, 2, &err));
    CHECK(pf_assessment_set_choice(a, "q17", PF_CHOICE_YES, &err));

    CHECK(pf_doc_validate(doc, NULL, &err));
    CHECK(pf_doc_write_file(doc, argv[1], &err));
    pf_doc_free(doc);
    return 0;
}
