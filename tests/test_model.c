/* The model's C API: building, looking up, removing and validating a portfolio. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <stdio.h>

#include <cmocka.h>

#include <portfolio/portfolio.h>

static pf_doc *new_doc(void)
{
    pf_doc *doc = NULL;
    assert_int_equal(pf_doc_new(NULL, &doc, NULL), PF_OK);
    return doc;
}

static void test_enum_names_round_trip(void **state)
{
    (void)state;
    pf_stage st;
    assert_string_equal(pf_facet_name(PF_FACET_ANTICIPATORY), "anticipatory");
    assert_null(pf_facet_name(PF_FACET_UNSET));
    assert_null(pf_facet_name((pf_facet)4));
    assert_string_equal(pf_purpose_name(PF_PURPOSE_ALL), "all");
    assert_string_equal(pf_zone_name(PF_ZONE_OPTIMISING), "optimising");
    assert_string_equal(pf_zone_name(PF_ZONE_MIXED), "mixed");
    assert_string_equal(pf_role_name(PF_ROLE_SENIOR_MANAGEMENT), "senior-management");
    assert_string_equal(pf_sector_name(PF_SECTOR_PUBLIC_ADMIN), "public_admin");
    assert_string_equal(pf_gov_level_name(PF_GOV_LEVEL_AGENCY), "agency");
    assert_string_equal(pf_form_name(PF_FORM_AGREE_REVERSED), "agree-reversed");
    assert_int_equal(pf_stage_from_name("scaling", &st), PF_OK);
    assert_int_equal(st, PF_STAGE_SCALING);
    assert_int_equal(pf_stage_from_name("Scaling", &st), PF_EARG);
    assert_int_equal(pf_stage_from_name(NULL, &st), PF_EARG);
    for (int z = 0; z < PF_ZONE_COUNT; z++) {
        pf_zone back;
        assert_int_equal(pf_zone_from_name(pf_zone_name((pf_zone)z), &back), PF_OK);
        assert_int_equal(back, z);
    }
}

static void test_build_and_look_up(void **state)
{
    (void)state;
    pf_doc *doc = new_doc();
    pf_error err;
    pf_project *p = NULL, *q = NULL;
    assert_int_equal(pf_doc_add_project(doc, "flood-ai", &p, &err), PF_OK);
    assert_int_equal(pf_doc_add_project(doc, "river-sensors", &q, &err), PF_OK);
    assert_int_equal(pf_project_set_title(p, "Flood forecasting", &err), PF_OK);
    assert_int_equal(pf_project_set_purpose(p, PF_PURPOSE_ANTICIPATORY, &err), PF_OK);
    assert_int_equal(pf_project_set_driver(p, PF_FACET_MISSION, &err), PF_OK);
    assert_int_equal(pf_project_set_budget(p, 250000, &err), PF_OK);
    assert_int_equal(pf_project_add_tag(p, "flooding", &err), PF_OK);
    assert_int_equal(pf_project_add_tag(p, "flooding", &err), PF_EEXISTS);
    assert_string_equal(err.message, "tags: 'flooding' is listed twice");
    assert_int_equal(pf_project_add_link(p, "river-sensors", PF_LINK_DEPENDENCY, &err), PF_OK);
    assert_int_equal(pf_project_add_link(p, "river-sensors", PF_LINK_SYNERGY, &err), PF_EEXISTS);
    assert_int_equal(pf_project_add_link(p, "river-sensors", (pf_link_kind)-1, &err), PF_EARG);
    assert_int_equal(pf_project_add_link(p, "flood-ai", PF_LINK_SYNERGY, &err), PF_EARG);
    assert_string_equal(err.message, "to: a project cannot link to itself");

    assert_int_equal(pf_doc_project_count(doc), 2);
    assert_ptr_equal(pf_doc_find_project(doc, "river-sensors"), q);
    assert_ptr_equal(pf_doc_project_at(doc, 0), p);
    assert_null(pf_doc_project_at(doc, 2));
    assert_null(pf_doc_find_project(doc, "nope"));
    assert_string_equal(pf_project_title(p), "Flood forecasting");
    assert_null(pf_project_title(q));
    double budget = 0;
    assert_true(pf_project_budget(p, &budget));
    assert_true(budget == 250000);
    assert_false(pf_project_fte(p, NULL));
    pf_link link;
    assert_int_equal(pf_project_link_at(p, 0, &link), PF_OK);
    assert_string_equal(link.to, "river-sensors");
    assert_int_equal(link.kind, PF_LINK_DEPENDENCY);
    assert_int_equal(pf_doc_validate(doc, NULL, &err), PF_OK);
    pf_doc_free(doc);
}

static void test_setters_refuse_bad_values(void **state)
{
    (void)state;
    pf_doc *doc = new_doc();
    pf_error err;
    pf_project *p = NULL;
    assert_int_equal(pf_doc_add_project(doc, "has space", &p, &err), PF_EARG);
    assert_string_equal(err.message, "id: 'has space' must be letters, digits, '.', '_' or '-'");
    assert_int_equal(pf_doc_add_project(doc, "", &p, &err), PF_EARG);
    assert_int_equal(pf_doc_add_project(doc, NULL, &p, &err), PF_EARG);
    assert_int_equal(pf_doc_add_project(doc, "a", &p, &err), PF_OK);
    assert_int_equal(pf_doc_add_project(doc, "a", NULL, &err), PF_EEXISTS);
    assert_string_equal(err.message, "id: duplicate project id 'a'");
    assert_int_equal(pf_project_set_budget(p, -1, &err), PF_EARG);
    assert_string_equal(err.message, "budget: must be >= 0 (got -1)");
    assert_int_equal(pf_project_set_fte(p, 0.0 / 0.0, &err), PF_EARG);
    assert_string_equal(err.message, "fte: must be a finite number");
    assert_int_equal(pf_project_set_stage(p, (pf_stage)7, &err), PF_EARG);
    assert_int_equal(pf_project_set_title(p, "", &err), PF_EARG);
    assert_int_equal(pf_project_set_title(p, "\xC3\x28", &err), PF_EARG);
    assert_string_equal(err.message, "title: is not valid UTF-8");
    pf_date feb29 = { 2023, 2, 29 }, leap = { 2024, 2, 29 }, century = { 1900, 2, 29 }, y2k = { 2000, 2, 29 };
    assert_int_equal(pf_project_set_start(p, feb29, &err), PF_EARG);
    assert_string_equal(err.message, "start: 2023-02-29 is not a date in the calendar");
    assert_int_equal(pf_project_set_start(p, leap, &err), PF_OK);
    assert_int_equal(pf_project_set_start(p, century, &err), PF_EARG);
    assert_int_equal(pf_project_set_start(p, y2k, &err), PF_OK);
    double zero[4] = { 0, 0, 0, 0 }, negative[4] = { 0.5, -0.1, 0, 0 };
    assert_int_equal(pf_project_set_facet_weights(p, zero, &err), PF_EARG);
    assert_string_equal(err.message, "facets: at least one facet must be above 0");
    assert_int_equal(pf_doc_set_targets(doc, negative, &err), PF_EARG);
    assert_string_equal(err.message, "targets.mission: must be >= 0 (got -0.1)");
    assert_false(pf_doc_targets(doc, NULL));
    pf_org *org = pf_doc_org(doc);
    assert_int_equal(pf_org_set_country(org, "gb", &err), PF_EARG);
    assert_int_equal(pf_org_set_country(org, "XX", &err), PF_EARG);
    assert_int_equal(pf_org_set_country(org, "GBR", &err), PF_EARG);
    assert_int_equal(pf_org_set_country(org, "SE", &err), PF_OK);
    assert_string_equal(pf_org_country(org), "SE");
    assert_int_equal(pf_org_set_people(org, -5, &err), PF_EARG);
    assert_int_equal(pf_org_set_sectors(org, 1u << PF_SECTOR_COUNT, &err), PF_EARG);
    pf_doc_free(doc);
}

static void test_remove_drops_links_to_the_project(void **state)
{
    (void)state;
    pf_doc *doc = new_doc();
    pf_project *a, *b, *c;
    assert_int_equal(pf_doc_add_project(doc, "a", &a, NULL), PF_OK);
    assert_int_equal(pf_doc_add_project(doc, "b", &b, NULL), PF_OK);
    assert_int_equal(pf_doc_add_project(doc, "c", &c, NULL), PF_OK);
    assert_int_equal(pf_project_add_link(a, "b", PF_LINK_SYNERGY, NULL), PF_OK);
    assert_int_equal(pf_project_add_link(a, "c", PF_LINK_CONFLICT, NULL), PF_OK);
    assert_int_equal(pf_project_add_link(c, "b", PF_LINK_DUPLICATE, NULL), PF_OK);
    assert_int_equal(pf_doc_remove_project(doc, "b", NULL), PF_OK);
    assert_int_equal(pf_doc_remove_project(doc, "b", NULL), PF_ENOTFOUND);
    assert_int_equal(pf_doc_project_count(doc), 2);
    assert_ptr_equal(pf_doc_find_project(doc, "c"), c);
    assert_ptr_equal(pf_doc_project_at(doc, 1), c);
    assert_int_equal(pf_project_link_count(a), 1);
    assert_int_equal(pf_project_link_count(c), 0);
    pf_link l;
    assert_int_equal(pf_project_link_at(a, 0, &l), PF_OK);
    assert_string_equal(l.to, "c");
    assert_int_equal(pf_project_remove_tag(a, "x", NULL), PF_ENOTFOUND);
    assert_int_equal(pf_doc_validate(doc, NULL, NULL), PF_OK);
    pf_doc_free(doc);
}

static void test_many_projects_stay_indexed(void **state)
{
    (void)state;
    pf_doc *doc = new_doc();
    char id[32];
    for (int i = 0; i < 5000; i++) {
        snprintf(id, sizeof id, "p%d", i);
        assert_int_equal(pf_doc_add_project(doc, id, NULL, NULL), PF_OK);
    }
    for (int i = 0; i < 5000; i += 2) {
        snprintf(id, sizeof id, "p%d", i);
        assert_int_equal(pf_doc_remove_project(doc, id, NULL), PF_OK);
    }
    assert_int_equal(pf_doc_project_count(doc), 2500);
    for (int i = 0; i < 5000; i++) {
        snprintf(id, sizeof id, "p%d", i);
        pf_project *p = pf_doc_find_project(doc, id);
        if (i % 2)
            assert_string_equal(pf_project_id(p), id);
        else
            assert_null(p);
    }
    pf_doc_free(doc);
}

static void test_validate_reports_every_cross_rule(void **state)
{
    (void)state;
    pf_doc *doc = new_doc();
    pf_project *a, *b;
    pf_diagnostics *diags;
    pf_error err;
    assert_int_equal(pf_diagnostics_new(NULL, &diags), PF_OK);
    assert_int_equal(pf_doc_add_project(doc, "a", &a, NULL), PF_OK);
    assert_int_equal(pf_doc_add_project(doc, "b", &b, NULL), PF_OK);
    pf_date start = { 2025, 5, 1 }, end = { 2025, 4, 30 };
    assert_int_equal(pf_project_set_start(a, start, NULL), PF_OK);
    assert_int_equal(pf_project_set_end(a, end, NULL), PF_OK);
    assert_int_equal(pf_project_add_link(a, "ghost", PF_LINK_SYNERGY, NULL), PF_OK);
    assert_int_equal(pf_project_set_driver(b, PF_FACET_ADAPTIVE, NULL), PF_OK);
    assert_int_equal(pf_doc_validate(doc, diags, &err), PF_EINVALID);
    assert_int_equal(pf_diagnostics_count(diags), 3);
    assert_string_equal(pf_diagnostics_at(diags, 0)->message, "projects[0].end: 2025-04-30 is before start 2025-05-01");
    assert_string_equal(pf_diagnostics_at(diags, 1)->message, "projects[0].links[0].to: no project has id 'ghost'");
    assert_string_equal(pf_diagnostics_at(diags, 2)->message,
                        "projects[1]: has a driver but no purpose (give both, or explicit facets)");
    assert_int_equal(pf_diagnostics_at(diags, 0)->line, 0);
    assert_string_equal(err.message, pf_diagnostics_at(diags, 0)->message);
    double w[4] = { 0, 0, 1, 0 };
    assert_int_equal(pf_project_set_facet_weights(b, w, NULL), PF_OK);
    pf_date later = { 2026, 1, 1 };
    assert_int_equal(pf_project_set_end(a, later, NULL), PF_OK);
    assert_int_equal(pf_project_remove_link(a, "ghost", NULL), PF_OK);
    pf_diagnostics_clear(diags);
    assert_int_equal(pf_doc_validate(doc, diags, NULL), PF_OK);
    assert_int_equal(pf_diagnostics_count(diags), 0);
    pf_diagnostics_free(diags);
    pf_doc_free(doc);
}

static void test_answers(void **state)
{
    (void)state;
    pf_doc *doc = new_doc();
    pf_assessment *a;
    pf_error err;
    pf_answer ans;
    assert_int_equal(pf_doc_add_assessment(doc, "r-017", &a, &err), PF_OK);
    assert_int_equal(pf_doc_add_assessment(doc, "r-017", NULL, &err), PF_EEXISTS);
    assert_int_equal(pf_assessment_set_role(a, PF_ROLE_STEWARD, &err), PF_OK);
    assert_int_equal(pf_assessment_set_agreement(a, "q1.mission", 3, &err), PF_OK);
    assert_int_equal(pf_assessment_set_agreement(a, "q1.mission", 5, &err), PF_EARG);
    assert_string_equal(err.message, "q1.mission: agreement must be 0..4 (got 5)");
    assert_int_equal(pf_assessment_set_agreement(a, "q2", 3, &err), PF_EARG);
    assert_string_equal(err.message, "q2: is answered with a ranking of its options");
    assert_int_equal(pf_assessment_set_agreement(a, "q99", 3, &err), PF_ENOTFOUND);
    assert_int_equal(pf_assessment_set_choice(a, "q20", PF_CHOICE_UNSURE, &err), PF_OK);
    const char *rank[] = { "mission", "enhancement", "adaptive", "anticipatory" };
    const char *short_rank[] = { "mission", "enhancement", "adaptive" };
    const char *twice[] = { "mission", "mission", "adaptive", "anticipatory" };
    assert_int_equal(pf_assessment_set_options(a, "q2", rank, 4, &err), PF_OK);
    assert_int_equal(pf_assessment_set_options(a, "q5", short_rank, 3, &err), PF_EARG);
    assert_string_equal(err.message, "q5: a ranking must list all 4 options once each (got 3)");
    assert_int_equal(pf_assessment_set_options(a, "q5", twice, 4, &err), PF_EARG);
    assert_string_equal(err.message, "q5: option 'mission' is given twice");
    const char *none[] = { "none" }, *mixed[] = { "none", "mission" }, *picks[] = { "anticipatory2", "mission1" };
    assert_int_equal(pf_assessment_set_options(a, "q10", none, 1, &err), PF_OK);
    assert_int_equal(pf_assessment_set_options(a, "q10", mixed, 2, &err), PF_EARG);
    assert_int_equal(pf_assessment_set_options(a, "q13", picks, 2, &err), PF_OK);
    assert_int_equal(pf_assessment_answer_count(a), 5);

    assert_int_equal(pf_assessment_answer(a, "q2", &ans), PF_OK);
    assert_int_equal(ans.form, PF_FORM_RANK);
    assert_int_equal(ans.option_count, 4);
    assert_string_equal(ans.options[0], "mission");
    assert_string_equal(ans.options[3], "anticipatory");
    assert_int_equal(pf_assessment_answer(a, "q10", &ans), PF_OK);
    assert_int_equal(ans.option_count, 0);
    assert_int_equal(pf_assessment_answer(a, "q13", &ans), PF_OK);
    assert_int_equal(ans.option_count, 2);
    assert_string_equal(ans.options[0], "mission1"); /* instrument order, not input order */
    assert_string_equal(ans.options[1], "anticipatory2");
    assert_int_equal(pf_assessment_answer_at(a, 0, &ans), PF_OK);
    assert_string_equal(ans.id, "q1.mission");
    assert_int_equal(ans.agreement, 3);
    assert_int_equal(pf_assessment_answer_at(a, 4, &ans), PF_OK);
    assert_string_equal(ans.id, "q20");
    assert_int_equal(ans.choice, PF_CHOICE_UNSURE);
    assert_int_equal(pf_assessment_answer_at(a, 5, &ans), PF_ENOTFOUND);
    assert_int_equal(pf_assessment_clear_answer(a, "q2", &err), PF_OK);
    assert_int_equal(pf_assessment_answer(a, "q2", &ans), PF_ENOTFOUND);
    assert_int_equal(pf_assessment_answer_count(a), 4);
    assert_int_equal(pf_doc_set_instrument(doc, PF_DEFAULT_INSTRUMENT, &err), PF_EARG);
    assert_int_equal(pf_doc_remove_assessment(doc, "r-017", &err), PF_OK);
    assert_int_equal(pf_doc_set_instrument(doc, "pet-2030", &err), PF_ENOTFOUND);
    assert_string_equal(err.message, "instrument: 'pet-2030' is not a known instrument (known: opsi-pet-2020)");
    pf_doc_free(doc);
}

/* Renaming the instrument file a document names, for writing it elsewhere; the instrument stays. */
static void test_instrument_path_renamed(void **state)
{
    (void)state;
    pf_doc *doc = new_doc();
    pf_error err;
    assert_int_equal(pf_doc_set_instrument_path(doc, "x/pulse.yaml", &err), PF_EARG);
    assert_string_equal(err.message, "instrument: opsi-pet-2020 is not read from a file");
    assert_int_equal(pf_doc_set_instrument_file(doc, SOURCE_ROOT "/examples/data/instruments/team-pulse.yaml", NULL, &err),
                     PF_OK);
    const pf_instrument *inst = pf_doc_instrument(doc);
    assert_int_equal(pf_doc_set_instrument_path(doc, "pulse", &err), PF_EARG);
    assert_string_equal(err.message, "instrument: a file name contains '/' or ends in .yaml or .yml");
    assert_int_equal(pf_doc_set_instrument_path(doc, NULL, &err), PF_EARG);
    assert_int_equal(pf_doc_set_instrument_path(doc, "../shared/pulse.yml", &err), PF_OK);
    assert_string_equal(pf_doc_instrument_path(doc), "../shared/pulse.yml");
    assert_ptr_equal(pf_doc_instrument(doc), inst);
    pf_buf out = PF_BUF_INIT;
    assert_int_equal(pf_doc_write_buf(doc, &out, &err), PF_OK);
    assert_non_null(strstr(out.data, "\ninstrument: ../shared/pulse.yml\n"));
    pf_buf_dispose(&out);
    pf_doc_free(doc);
}

static void test_version_and_status(void **state)
{
    (void)state;
    assert_string_equal(pf_version(), PF_VERSION_STRING);
    assert_string_equal(pf_status_string(PF_EINVALID), "invalid document");
    assert_string_equal(pf_status_string((pf_status)-99), "unknown status");
    pf_doc_free(NULL);
    pf_diagnostics_free(NULL);
    pf_buf_dispose(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_enum_names_round_trip),
        cmocka_unit_test(test_build_and_look_up),
        cmocka_unit_test(test_setters_refuse_bad_values),
        cmocka_unit_test(test_remove_drops_links_to_the_project),
        cmocka_unit_test(test_many_projects_stay_indexed),
        cmocka_unit_test(test_validate_reports_every_cross_rule),
        cmocka_unit_test(test_answers),
        cmocka_unit_test(test_instrument_path_renamed),
        cmocka_unit_test(test_version_and_status),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
