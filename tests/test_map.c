/* The project map, portfolio metrics and comparison, against hand-computed values (METHOD.md 3-5). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include <portfolio/portfolio.h>

#define assert_near(a, b) assert_true(fabs((a) - (b)) < 1e-9)

static pf_doc *new_doc(void)
{
    pf_doc *doc = NULL;
    assert_int_equal(pf_doc_new(&doc, NULL, NULL), PF_OK);
    return doc;
}

static pf_project *add(pf_doc *doc, const char *id, pf_purpose purpose, pf_facet driver)
{
    pf_project *p;
    assert_int_equal(pf_doc_add_project(doc, id, &p, NULL), PF_OK);
    if (purpose != PF_PURPOSE_UNSET)
        assert_int_equal(pf_project_set_purpose(p, purpose, NULL), PF_OK);
    if (driver != PF_FACET_UNSET)
        assert_int_equal(pf_project_set_driver(p, driver, NULL), PF_OK);
    return p;
}

static pf_map *map_of(const pf_doc *doc, pf_weighting w, const pf_scores *scores)
{
    pf_map *map = NULL;
    pf_map_options o = PF_MAP_OPTIONS_INIT;
    o.weighting = w;
    assert_int_equal(pf_doc_map(doc, &o, scores, &map, NULL), PF_OK);
    return map;
}

/* All 20 cells of the PET's purpose x driver table. */
static void test_zone_table(void **state)
{
    (void)state;
    enum { E = PF_ZONE_ENHANCEMENT, M = PF_ZONE_MISSION, AD = PF_ZONE_ADAPTIVE, AN = PF_ZONE_ANTICIPATORY,
           SU = PF_ZONE_SUSTAINING, TR = PF_ZONE_TRANSFORMATIVE, DI = PF_ZONE_DISRUPTIVE, OP = PF_ZONE_OPTIMISING,
           MX = PF_ZONE_MIXED };
    /* rows: purpose enhancement, mission, adaptive, anticipatory, all; columns: driver in facet order */
    static const int table[5][4] = {
        { E, SU, OP, MX },
        { SU, M, MX, TR },
        { OP, MX, AD, DI },
        { MX, TR, DI, AN },
        { MX, MX, MX, MX },
    };
    for (int p = 0; p < 5; p++)
        for (int d = 0; d < 4; d++)
            assert_int_equal(pf_zone_of_purpose((pf_purpose)p, (pf_facet)d), table[p][d]);
    assert_int_equal(pf_zone_of_purpose(PF_PURPOSE_UNSET, PF_FACET_MISSION), PF_ZONE_UNSET);
    assert_int_equal(pf_zone_of_purpose(PF_PURPOSE_MISSION, PF_FACET_UNSET), PF_ZONE_UNSET);
}

static void test_zones_from_weights(void **state)
{
    (void)state;
    const struct {
        double w[4];
        pf_zone zone;
    } cases[] = {
        { { 0.6, 0.4, 0, 0 }, PF_ZONE_ENHANCEMENT },      /* top share exactly 0.6 */
        { { 0.59, 0.41, 0, 0 }, PF_ZONE_SUSTAINING },     /* just below: top two neighbours, both >= 0.3 */
        { { 3, 0, 0, 2 }, PF_ZONE_ENHANCEMENT },          /* 3/5 = 0.6 computed, not written */
        { { 0, 0.3, 0, 0.7 }, PF_ZONE_ANTICIPATORY },
        { { 0, 0.45, 0.1, 0.45 }, PF_ZONE_TRANSFORMATIVE },
        { { 0.5, 0.3, 0.2, 0 }, PF_ZONE_SUSTAINING },     /* second exactly 0.3 */
        { { 0.5, 0.29, 0.21, 0 }, PF_ZONE_MIXED },        /* second just below 0.3 */
        { { 0, 0.2, 0.4, 0.4 }, PF_ZONE_DISRUPTIVE },
        { { 0.45, 0, 0.45, 0.1 }, PF_ZONE_OPTIMISING },
        { { 0.5, 0, 0, 0.5 }, PF_ZONE_MIXED },            /* opposite poles */
        { { 0, 0.5, 0.5, 0 }, PF_ZONE_MIXED },            /* opposite poles */
        { { 1, 1, 1, 0 }, PF_ZONE_MIXED },                /* three-way tie: the top two are not defined */
        { { 0.4, 0.3, 0.3, 0 }, PF_ZONE_MIXED },          /* second and third tie */
        { { 0.25, 0.25, 0.25, 0.25 }, PF_ZONE_MIXED },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        double sum = cases[i].w[0] + cases[i].w[1] + cases[i].w[2] + cases[i].w[3], share[4];
        for (int f = 0; f < 4; f++)
            share[f] = cases[i].w[f] / sum;
        if (pf_zone_of_shares(share) != cases[i].zone)
            fail_msg("case %zu: got %s, expected %s", i, pf_zone_name(pf_zone_of_shares(share)),
                     pf_zone_name(cases[i].zone));
    }
}

static void test_placement_and_position(void **state)
{
    (void)state;
    pf_doc *doc = new_doc();
    add(doc, "a", PF_PURPOSE_ANTICIPATORY, PF_FACET_MISSION);
    add(doc, "b", PF_PURPOSE_ALL, PF_FACET_ADAPTIVE);
    pf_project *c = add(doc, "c", PF_PURPOSE_ENHANCEMENT, PF_FACET_ENHANCEMENT);
    double w[4] = { 0, 3, 0, 7 }; /* weights take precedence over purpose and driver */
    assert_int_equal(pf_project_set_facet_weights(c, w, NULL), PF_OK);
    add(doc, "d", PF_PURPOSE_UNSET, PF_FACET_UNSET);
    pf_map *map = map_of(doc, PF_WEIGHT_COUNT, NULL);
    const pf_placement *p = pf_map_at(map, 0);
    /* mean of anticipatory (0,0,0,1) and mission (0,1,0,0) */
    assert_near(p->share[PF_FACET_MISSION], 0.5);
    assert_near(p->share[PF_FACET_ANTICIPATORY], 0.5);
    assert_near(p->x, 0.5);
    assert_near(p->y, 0.5);
    assert_int_equal(p->zone, PF_ZONE_TRANSFORMATIVE);
    assert_false(p->from_weights);
    p = pf_map_at(map, 1);
    /* mean of (1/4 each) and adaptive: 1/8, 1/8, 5/8, 1/8 */
    assert_near(p->share[PF_FACET_ADAPTIVE], 0.625);
    assert_near(p->share[PF_FACET_ENHANCEMENT], 0.125);
    assert_near(p->x, 0);
    assert_near(p->y, -0.5);
    assert_int_equal(p->zone, PF_ZONE_MIXED);
    p = pf_map_at(map, 2);
    assert_true(p->from_weights);
    assert_near(p->share[PF_FACET_ANTICIPATORY], 0.7);
    assert_near(p->x, 0.7);
    assert_near(p->y, 0.3);
    assert_int_equal(p->zone, PF_ZONE_ANTICIPATORY);
    p = pf_map_at(map, 3);
    assert_false(p->placed);
    assert_int_equal(p->zone, PF_ZONE_UNSET);
    assert_string_equal(p->project, "d");
    const pf_metrics *m = pf_map_metrics(map);
    assert_int_equal(m->projects, 4);
    assert_int_equal(m->placed, 3);
    assert_int_equal(m->zone_count[PF_ZONE_MIXED], 1);
    pf_map_free(map);
    pf_doc_free(doc);
}

static void test_concentration_bounds(void **state)
{
    (void)state;
    pf_doc *doc = new_doc();
    add(doc, "e", PF_PURPOSE_ENHANCEMENT, PF_FACET_ENHANCEMENT);
    add(doc, "m", PF_PURPOSE_MISSION, PF_FACET_MISSION);
    add(doc, "ad", PF_PURPOSE_ADAPTIVE, PF_FACET_ADAPTIVE);
    add(doc, "an", PF_PURPOSE_ANTICIPATORY, PF_FACET_ANTICIPATORY);
    pf_map *map = map_of(doc, PF_WEIGHT_COUNT, NULL);
    const pf_metrics *m = pf_map_metrics(map);
    for (int f = 0; f < 4; f++)
        assert_near(m->share[f], 0.25);
    assert_near(m->hhi, 0.25); /* an even spread: the minimum */
    assert_near(m->effective_facets, 4);
    assert_int_equal(m->dominant, PF_FACET_ENHANCEMENT); /* a tie goes to the first facet */
    pf_map_free(map);
    pf_doc_free(doc);

    doc = new_doc();
    add(doc, "x", PF_PURPOSE_MISSION, PF_FACET_MISSION);
    add(doc, "y", PF_PURPOSE_MISSION, PF_FACET_MISSION);
    map = map_of(doc, PF_WEIGHT_COUNT, NULL);
    m = pf_map_metrics(map);
    assert_near(m->hhi, 1); /* everything in one facet: the maximum */
    assert_near(m->effective_facets, 1);
    assert_int_equal(m->dominant, PF_FACET_MISSION);
    assert_near(m->zone_share[PF_ZONE_MISSION], 1);
    pf_map_free(map);
    pf_doc_free(doc);
}

static void test_weightings_and_coverage(void **state)
{
    (void)state;
    pf_doc *doc = new_doc();
    pf_project *a = add(doc, "a", PF_PURPOSE_ENHANCEMENT, PF_FACET_ENHANCEMENT);
    pf_project *b = add(doc, "b", PF_PURPOSE_ANTICIPATORY, PF_FACET_ANTICIPATORY);
    pf_project *c = add(doc, "c", PF_PURPOSE_MISSION, PF_FACET_MISSION);
    assert_int_equal(pf_project_set_priority(a, PF_PRIORITY_HIGH, NULL), PF_OK);
    assert_int_equal(pf_project_set_priority(b, PF_PRIORITY_LOW, NULL), PF_OK);
    assert_int_equal(pf_project_set_budget(a, 100, NULL), PF_OK);
    assert_int_equal(pf_project_set_budget(b, 300, NULL), PF_OK);
    assert_int_equal(pf_project_set_budget(c, 600, NULL), PF_OK);
    assert_int_equal(pf_project_set_fte(c, 2, NULL), PF_OK);
    assert_int_equal(pf_project_set_stage(a, PF_STAGE_PILOTING, NULL), PF_OK);

    pf_map *map = map_of(doc, PF_WEIGHT_PRIORITY, NULL);
    const pf_metrics *m = pf_map_metrics(map);
    assert_int_equal(m->weighted, 2); /* c has no priority: left out, and the coverage says so */
    assert_near(m->total_weight, 4);
    assert_near(m->share[PF_FACET_ENHANCEMENT], 0.75);
    assert_near(m->share[PF_FACET_ANTICIPATORY], 0.25);
    assert_near(m->share[PF_FACET_MISSION], 0);
    assert_int_equal(m->zone_count[PF_ZONE_MISSION], 1); /* zone counts include every placed project */
    assert_false(pf_map_at(map, 2)->weighted);
    assert_int_equal(m->stage_count[PF_STAGE_PILOTING], 1);
    assert_int_equal(m->stage_unset, 2);
    pf_map_free(map);

    map = map_of(doc, PF_WEIGHT_BUDGET, NULL);
    m = pf_map_metrics(map);
    assert_int_equal(m->weighted, 3);
    assert_near(m->share[PF_FACET_MISSION], 0.6);
    assert_near(m->hhi, 0.01 + 0.09 + 0.36);
    pf_map_free(map);

    map = map_of(doc, PF_WEIGHT_FTE, NULL);
    m = pf_map_metrics(map);
    assert_int_equal(m->weighted, 1);
    assert_near(m->share[PF_FACET_MISSION], 1);
    pf_map_free(map);

    assert_int_equal(pf_project_set_fte(c, 0, NULL), PF_OK);
    map = map_of(doc, PF_WEIGHT_FTE, NULL);
    m = pf_map_metrics(map);
    assert_false(m->has_shares); /* nothing weighs anything: no shares rather than a division by zero */
    assert_int_equal(m->dominant, PF_FACET_UNSET);
    pf_map_free(map);
    pf_doc_free(doc);
}

/* Weights at both ends of their range: the shares are exact and add up to 1, and the total is finite. */
static void test_weights_at_both_ends(void **state)
{
    (void)state;
    pf_doc *doc = new_doc();
    pf_project *a = add(doc, "a", PF_PURPOSE_MISSION, PF_FACET_MISSION);
    pf_project *b = add(doc, "b", PF_PURPOSE_ADAPTIVE, PF_FACET_ADAPTIVE);
    /* The smallest doubles there are: summed as they are, their products with the shares vanished. */
    assert_int_equal(pf_project_set_budget(a, 5e-324, NULL), PF_OK);
    assert_int_equal(pf_project_set_budget(b, 1e-323, NULL), PF_OK);
    pf_map *map = map_of(doc, PF_WEIGHT_BUDGET, NULL);
    const pf_metrics *m = pf_map_metrics(map);
    assert_true(m->has_shares);
    assert_true(m->share[PF_FACET_MISSION] == 1.0 / 3);
    assert_true(m->share[PF_FACET_ADAPTIVE] == 2.0 / 3);
    assert_true(m->share[PF_FACET_MISSION] + m->share[PF_FACET_ADAPTIVE] == 1);
    assert_true(m->zone_share[PF_ZONE_ADAPTIVE] == 2.0 / 3);
    assert_true(m->total_weight == 1.5e-323);
    pf_map_free(map);

    /* The largest budgets allowed. */
    assert_int_equal(pf_project_set_budget(a, PF_MAX_AMOUNT, NULL), PF_OK);
    assert_int_equal(pf_project_set_budget(b, PF_MAX_AMOUNT / 2, NULL), PF_OK);
    map = map_of(doc, PF_WEIGHT_BUDGET, NULL);
    m = pf_map_metrics(map);
    assert_true(m->share[PF_FACET_MISSION] == 2.0 / 3);
    assert_true(m->share[PF_FACET_ADAPTIVE] == 1.0 / 3);
    assert_true(m->total_weight == 1.5e18);
    assert_true(m->hhi == (2.0 / 3) * (2.0 / 3) + (1.0 / 3) * (1.0 / 3));
    pf_map_free(map);

    /* Beyond them, and in fte, a located refusal; the budget is left as it was. */
    pf_error err;
    assert_int_equal(pf_project_set_budget(a, 1.7e308, &err), PF_EARG);
    assert_string_equal(err.message, "budget: must be at most 1e+18 (got 1.7e+308)");
    assert_int_equal(pf_project_set_fte(a, 2e9, &err), PF_EARG);
    assert_string_equal(err.message, "fte: must be at most 1000000000 (got 2000000000)");
    double w[4] = { 0, 1e19, 0, 0 };
    assert_int_equal(pf_project_set_facet_weights(a, w, &err), PF_EARG);
    assert_string_equal(err.message, "facets.mission: must be at most 1e+18 (got 1e+19)");
    assert_int_equal(pf_doc_set_targets(doc, w, &err), PF_EARG);
    assert_string_equal(err.message, "targets.mission: must be at most 1e+18 (got 1e+19)");
    double budget;
    assert_true(pf_project_budget(a, &budget));
    assert_true(budget == PF_MAX_AMOUNT);
    pf_doc_free(doc);
}

static void test_targets_and_orientation(void **state)
{
    (void)state;
    pf_doc *doc = new_doc();
    add(doc, "a", PF_PURPOSE_ENHANCEMENT, PF_FACET_ENHANCEMENT);
    add(doc, "b", PF_PURPOSE_ENHANCEMENT, PF_FACET_ENHANCEMENT);
    add(doc, "c", PF_PURPOSE_ENHANCEMENT, PF_FACET_ENHANCEMENT);
    add(doc, "d", PF_PURPOSE_MISSION, PF_FACET_MISSION);
    double targets[4] = { 2, 1, 1, 0 }; /* normalised: 0.5, 0.25, 0.25, 0 */
    assert_int_equal(pf_doc_set_targets(doc, targets, NULL), PF_OK);
    /* One respondent agreeing fully with every q1 item: normalised pct 100 on each facet. */
    pf_assessment *r;
    assert_int_equal(pf_doc_add_assessment(doc, "r", &r, NULL), PF_OK);
    const char *items[] = { "q1.enhancement", "q1.mission", "q1.adaptive", "q1.anticipatory" };
    for (int f = 0; f < 4; f++)
        assert_int_equal(pf_assessment_set_agreement(r, items[f], f == 0 ? 4 : 2, NULL), PF_OK);
    pf_score_options so = PF_SCORE_OPTIONS_INIT;
    so.mode = PF_SCORE_PET; /* the mismatch uses normalised pct whatever the mode */
    so.include_incomplete = true; /* 4 of 72 items answered: below the completeness floor (see the end) */
    pf_scores *scores;
    assert_int_equal(pf_doc_score(doc, &so, &scores, NULL, NULL), PF_OK);
    pf_map *map = map_of(doc, PF_WEIGHT_COUNT, scores);
    const pf_metrics *m = pf_map_metrics(map);
    assert_true(m->has_targets);
    assert_near(m->target[0], 0.5);
    assert_near(m->gap[PF_FACET_ENHANCEMENT], 0.25);   /* 0.75 - 0.5 */
    assert_near(m->gap[PF_FACET_MISSION], 0);          /* 0.25 - 0.25 */
    assert_near(m->gap[PF_FACET_ADAPTIVE], -0.25);     /* 0 - 0.25 */
    assert_near(m->gap[PF_FACET_ANTICIPATORY], 0);
    assert_near(m->balance_distance, 0.25);            /* (0.25 + 0 + 0.25 + 0) / 2 */
    assert_true(m->has_orientation);
    /* normalised pct 100, 50, 50, 50 -> orientation 0.4, 0.2, 0.2, 0.2 */
    assert_near(m->orientation[PF_FACET_ENHANCEMENT], 0.4);
    assert_near(m->orientation[PF_FACET_ADAPTIVE], 0.2);
    assert_near(m->mismatch[PF_FACET_ENHANCEMENT], 0.4 - 0.75);
    assert_near(m->mismatch[PF_FACET_MISSION], 0.2 - 0.25);
    pf_map_free(map);
    pf_scores_free(scores);
    /* With the default floor (0.5) the only respondent is left out: no orientation mix, no mismatch. */
    so.include_incomplete = false;
    assert_int_equal(pf_doc_score(doc, &so, &scores, NULL, NULL), PF_OK);
    assert_int_equal(pf_scores_left_out_count(scores), 1);
    map = map_of(doc, PF_WEIGHT_COUNT, scores);
    m = pf_map_metrics(map);
    assert_false(m->has_orientation);
    assert_true(m->has_targets);
    assert_near(m->balance_distance, 0.25);
    pf_map_free(map);
    pf_scores_free(scores);
    pf_doc_free(doc);
}

static void test_compare(void **state)
{
    (void)state;
    pf_doc *old_doc = new_doc(), *later = NULL;
    add(old_doc, "kept", PF_PURPOSE_MISSION, PF_FACET_MISSION);
    add(old_doc, "moves", PF_PURPOSE_ADAPTIVE, PF_FACET_ADAPTIVE);
    add(old_doc, "goes", PF_PURPOSE_ENHANCEMENT, PF_FACET_ENHANCEMENT);
    later = new_doc();
    add(later, "arrives", PF_PURPOSE_ANTICIPATORY, PF_FACET_ANTICIPATORY);
    add(later, "moves", PF_PURPOSE_ADAPTIVE, PF_FACET_ANTICIPATORY);
    add(later, "kept", PF_PURPOSE_MISSION, PF_FACET_MISSION);
    pf_comparison *cmp;
    assert_int_equal(pf_doc_compare(old_doc, later, NULL, NULL, &cmp, NULL), PF_OK);
    pf_doc_free(old_doc);
    pf_doc_free(later); /* the comparison owns what it reports */
    assert_int_equal(pf_comparison_project_count(cmp), 3);
    const pf_project_change *ch = pf_comparison_project_at(cmp, 0);
    assert_string_equal(ch->project, "goes");
    assert_int_equal(ch->kind, PF_CHANGE_REMOVED);
    assert_int_equal(ch->old_zone, PF_ZONE_ENHANCEMENT);
    ch = pf_comparison_project_at(cmp, 1);
    assert_string_equal(ch->project, "arrives");
    assert_int_equal(ch->kind, PF_CHANGE_ADDED);
    assert_int_equal(ch->new_zone, PF_ZONE_ANTICIPATORY);
    ch = pf_comparison_project_at(cmp, 2);
    assert_string_equal(ch->project, "moves");
    assert_int_equal(ch->kind, PF_CHANGE_MOVED);
    assert_int_equal(ch->old_zone, PF_ZONE_ADAPTIVE);
    assert_int_equal(ch->new_zone, PF_ZONE_DISRUPTIVE);
    const pf_metric_change *mc = pf_comparison_find(cmp, "portfolio.share.enhancement");
    assert_non_null(mc);
    assert_near(mc->old_value, 1.0 / 3);
    assert_near(mc->new_value, 0);
    assert_near(mc->delta, -1.0 / 3);
    mc = pf_comparison_find(cmp, "portfolio.share.anticipatory");
    assert_near(mc->new_value, 0.5); /* 1 + 0.5 over 3 projects */
    mc = pf_comparison_find(cmp, "portfolio.zone.disruptive");
    assert_near(mc->delta, 1);
    assert_null(pf_comparison_find(cmp, "orientation.enhancement")); /* no respondents on either date */
    assert_null(pf_comparison_find(cmp, "no.such.metric"));
    pf_buf out = PF_BUF_INIT;
    assert_int_equal(pf_comparison_write_json(cmp, &out, NULL), PF_OK);
    assert_non_null(strstr(out.data, "\"change\": \"moved\""));
    pf_buf_dispose(&out);
    pf_comparison_free(cmp);
}

static void test_names(void **state)
{
    (void)state;
    pf_weighting w;
    assert_string_equal(pf_weighting_name(PF_WEIGHT_FTE), "fte");
    assert_int_equal(pf_weighting_from_name("budget", &w), PF_OK);
    assert_int_equal(w, PF_WEIGHT_BUDGET);
    assert_int_equal(pf_weighting_from_name("euros", &w), PF_EARG);
    pf_map_options bad = PF_MAP_OPTIONS_INIT;
    bad.weighting = (pf_weighting)9;
    pf_doc *doc = new_doc();
    pf_map *map = NULL;
    pf_error err;
    assert_int_equal(pf_doc_map(doc, &bad, NULL, &map, &err), PF_EARG);
    assert_null(map);
    pf_doc_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_zone_table),
        cmocka_unit_test(test_zones_from_weights),
        cmocka_unit_test(test_placement_and_position),
        cmocka_unit_test(test_concentration_bounds),
        cmocka_unit_test(test_weightings_and_coverage),
        cmocka_unit_test(test_weights_at_both_ends),
        cmocka_unit_test(test_targets_and_orientation),
        cmocka_unit_test(test_compare),
        cmocka_unit_test(test_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
