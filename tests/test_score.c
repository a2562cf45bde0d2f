/*
 * Scoring (METHOD.md 2 and 5): facet orientation in every mode (the published
 * PET's defects included), tendency groups, completeness and its floor, strict
 * scoring, capability and its dimensions, the statistics of many respondents,
 * flags, and the JSON output.
 *
 * Every expectation is computed by hand from METHOD.md; the arithmetic is in
 * the comments. Assessments are built through the public API only.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include <portfolio/portfolio.h>

/* Doubles: exact arithmetic is compared with ==, the rest within 1e-9. */
#define ASSERT_NEAR(x, y) assert_true(fabs((double)(x) - (double)(y)) < 1e-9)

enum { E = 1u << PF_FACET_ENHANCEMENT, M = 1u << PF_FACET_MISSION, AD = 1u << PF_FACET_ADAPTIVE,
       AN = 1u << PF_FACET_ANTICIPATORY };

static const char *const FACET[PF_FACET_COUNT] = { "enhancement", "mission", "adaptive", "anticipatory" };
/* The plain agree questions of the orientation part: one item per facet each. */
static const char *const AGREE_Q[6] = { "q1", "q3", "q4", "q7", "q9", "q11" };
static const char *const RANK_Q[4] = { "q2", "q5", "q8", "q12" };
static const char *const OPT2[PF_FACET_COUNT][2] = {
    { "enhancement1", "enhancement2" }, { "mission1", "mission2" },
    { "adaptive1", "adaptive2" },       { "anticipatory1", "anticipatory2" },
};
static const char *const OPT4[PF_FACET_COUNT][4] = {
    { "enhancement1", "enhancement2", "enhancement3", "enhancement4" },
    { "mission1", "mission2", "mission3", "mission4" },
    { "adaptive1", "adaptive2", "adaptive3", "adaptive4" },
    { "anticipatory1", "anticipatory2", "anticipatory3", "anticipatory4" },
};
/* Capability items by form (3 + 19 + 4 = 26). */
static const char *const CAP_YES_NO[3] = { "q17", "q19", "q20" }; /* yes: 4, 4, 8 */
static const char *const CAP_AGREE[19] = { "q18a", "q21",  "q22a", "q22b", "q22c", "q22d", "q22e",
                                           "q23a", "q23b", "q23c", "q23d", "q24a", "q24b", "q24c",
                                           "q24e", "q24f", "q24i", "q24j", "q24k" };
static const char *const CAP_REVERSED[4] = { "q18b", "q24d", "q24g", "q24h" };

/* ---- building documents ---- */

static pf_doc *new_doc(void)
{
    pf_doc *doc = NULL;
    assert_int_equal(pf_doc_new(&doc, NULL, NULL), PF_OK);
    return doc;
}

static pf_assessment *add(pf_doc *doc, const char *respondent)
{
    pf_assessment *a = NULL;
    assert_int_equal(pf_doc_add_assessment(doc, respondent, &a, NULL), PF_OK);
    assert_non_null(a);
    return a;
}

static pf_assessment *add_role(pf_doc *doc, const char *respondent, pf_role role)
{
    pf_assessment *a = add(doc, respondent);
    assert_int_equal(pf_assessment_set_role(a, role, NULL), PF_OK);
    return a;
}

static void agree(pf_assessment *a, const char *id, int v)
{
    pf_error err;
    if (pf_assessment_set_agreement(a, id, v, &err) != PF_OK)
        fail_msg("set %s = %d: %s", id, v, err.message);
}

/* "q<N>.<facet>" or, with k > 0, "q<N>.<facet><k>". */
static void agree_f(pf_assessment *a, const char *q, int f, int k, int v)
{
    char id[64];
    if (k > 0)
        snprintf(id, sizeof id, "%s.%s%d", q, FACET[f], k);
    else
        snprintf(id, sizeof id, "%s.%s", q, FACET[f]);
    agree(a, id, v);
}

static void choice(pf_assessment *a, const char *id, pf_choice c)
{
    pf_error err;
    if (pf_assessment_set_choice(a, id, c, &err) != PF_OK)
        fail_msg("set %s: %s", id, err.message);
}

static void opts(pf_assessment *a, const char *q, const char *const *ids, size_t n)
{
    pf_error err;
    if (pf_assessment_set_options(a, q, ids, n, &err) != PF_OK)
        fail_msg("set %s: %s", q, err.message);
}

/* Ranks the four facets of a rank question in the given order (facet indices). */
static void rank(pf_assessment *a, const char *q, int f1, int f2, int f3, int f4)
{
    const char *ids[4] = { FACET[f1], FACET[f2], FACET[f3], FACET[f4] };
    opts(a, q, ids, 4);
}

/*
 * Gives each facet exactly raw[f] points without rank questions: the six
 * plain agree items (all answered, up to 4 each), then the multi questions
 * (q10 4, q13 2+2, q14 2+2, q15 1+1+1+1), then the half items (q16, then
 * q6; up to 2 each; they carry the halves). At most 48 (anticipatory 44).
 */
static void set_raws(pf_assessment *a, const double raw[PF_FACET_COUNT])
{
    const char *q10[4], *q13[8], *q14[8], *q15[16];
    size_t n10 = 0, n13 = 0, n14 = 0, n15 = 0;
    for (int f = 0; f < PF_FACET_COUNT; f++) {
        double r = raw[f];
        for (int i = 0; i < 6; i++) {
            int v = r >= 4 ? 4 : (int)r;
            agree_f(a, AGREE_Q[i], f, 0, v);
            r -= v;
        }
        if (r >= 4) {
            q10[n10++] = FACET[f];
            r -= 4;
        }
        for (int k = 0; k < 2; k++)
            if (r >= 2) {
                q13[n13++] = OPT2[f][k];
                r -= 2;
            }
        for (int k = 0; k < 2; k++)
            if (r >= 2) {
                q14[n14++] = OPT2[f][k];
                r -= 2;
            }
        for (int k = 0; k < 4; k++)
            if (r >= 1) {
                q15[n15++] = OPT4[f][k];
                r -= 1;
            }
        for (int k = 1; k <= 4 && r > 0; k++) {
            if (k > 2 && f == PF_FACET_ANTICIPATORY)
                break; /* q6 has no anticipatory item */
            double pts = r >= 2 ? 2 : r;
            agree_f(a, k <= 2 ? "q16" : "q6", f, k <= 2 ? k : k - 2, (int)(pts * 2));
            r -= pts;
        }
        if (r != 0)
            fail_msg("set_raws: %g points of facet %d left over", r, f);
    }
    if (n10)
        opts(a, "q10", q10, n10);
    if (n13)
        opts(a, "q13", q13, n13);
    if (n14)
        opts(a, "q14", q14, n14);
    if (n15)
        opts(a, "q15", q15, n15);
}

/* Only facet f gets points: raw r (others 0, their agree items answered 0). */
static void set_raw1(pf_assessment *a, int f, double r)
{
    double raw[PF_FACET_COUNT] = { 0, 0, 0, 0 };
    raw[f] = r;
    set_raws(a, raw);
}

/*
 * Every orientation answer at its maximum (agree and half items 4, every
 * multi option selected) and the rank questions with facet `first` first,
 * then the others in facet order. All 46 orientation slots answered.
 */
static void set_orientation_max(pf_assessment *a, int first)
{
    for (int i = 0; i < 6; i++)
        for (int f = 0; f < PF_FACET_COUNT; f++)
            agree_f(a, AGREE_Q[i], f, 0, 4);
    for (int f = 0; f < PF_FACET_COUNT; f++)
        for (int k = 1; k <= 2; k++) {
            agree_f(a, "q16", f, k, 4);
            if (f != PF_FACET_ANTICIPATORY)
                agree_f(a, "q6", f, k, 4);
        }
    opts(a, "q10", FACET, 4);
    const char *all8[8], *all16[16];
    for (int f = 0; f < PF_FACET_COUNT; f++) {
        for (int k = 0; k < 2; k++)
            all8[2 * f + k] = OPT2[f][k];
        for (int k = 0; k < 4; k++)
            all16[4 * f + k] = OPT4[f][k];
    }
    opts(a, "q13", all8, 8);
    opts(a, "q14", all8, 8);
    opts(a, "q15", all16, 16);
    int order[4], n = 0;
    order[n++] = first;
    for (int f = 0; f < PF_FACET_COUNT; f++)
        if (f != first)
            order[n++] = f;
    for (int q = 0; q < 4; q++)
        rank(a, RANK_Q[q], order[0], order[1], order[2], order[3]);
}

/* Every capability item answered: yes/no items `yn`, agree items `ag`, reversed items `rev`. */
static void set_capability(pf_assessment *a, pf_choice yn, int ag, int rev)
{
    for (int i = 0; i < 3; i++)
        choice(a, CAP_YES_NO[i], yn);
    for (int i = 0; i < 19; i++)
        agree(a, CAP_AGREE[i], ag);
    for (int i = 0; i < 4; i++)
        agree(a, CAP_REVERSED[i], rev);
}
/* Item points 0 everywhere: score 16. */
static void set_cap_zero(pf_assessment *a) { set_capability(a, PF_CHOICE_NO, 0, 0); }
/* Minimum: 0 + 0 - 4*4 = -16 points, score 0. */
static void set_cap_min(pf_assessment *a) { set_capability(a, PF_CHOICE_NO, 0, 4); }
/* Maximum: yes 4+4+8 = 16, agree 19*4 = 76, reversed 0: 92 points, score 108. */
static void set_cap_max(pf_assessment *a) { set_capability(a, PF_CHOICE_YES, 4, 0); }

/*
 * A capability score between 16 and 108 from the zero set: q20 yes (8),
 * q19 yes (4), q17 yes (4) while they fit, then the agree items up to 4 each.
 */
static void set_cap_score(pf_assessment *a, int score)
{
    int x = score - 16;
    set_cap_zero(a);
    static const int yes_points[3] = { 4, 4, 8 };
    for (int i = 2; i >= 0; i--)
        if (x >= yes_points[i]) {
            choice(a, CAP_YES_NO[i], PF_CHOICE_YES);
            x -= yes_points[i];
        }
    for (int i = 0; i < 19 && x > 0; i++) {
        int v = x >= 4 ? 4 : x;
        agree(a, CAP_AGREE[i], v);
        x -= v;
    }
    if (x != 0)
        fail_msg("set_cap_score: %d points left over", x);
}

static pf_scores *score_opts(const pf_doc *doc, const pf_score_options *o)
{
    pf_scores *sc = NULL;
    pf_error err;
    if (pf_doc_score(doc, o, &sc, NULL, &err) != PF_OK)
        fail_msg("pf_doc_score: %s", err.message);
    assert_non_null(sc);
    assert_int_equal(pf_scores_count(sc), pf_doc_assessment_count(doc));
    return sc;
}

/* Most documents here answer a few items, below the default completeness floor: they are scored with
   include_incomplete, and the floor has its own tests (completeness floor, below). */
static pf_scores *score(const pf_doc *doc)
{
    pf_score_options o = PF_SCORE_OPTIONS_INIT;
    o.include_incomplete = true;
    return score_opts(doc, &o);
}

static pf_scores *score_mode(const pf_doc *doc, pf_score_mode mode)
{
    pf_score_options o = PF_SCORE_OPTIONS_INIT;
    o.mode = mode;
    o.include_incomplete = true;
    return score_opts(doc, &o);
}

static const pf_assessment_score *at(const pf_scores *sc, size_t i)
{
    const pf_assessment_score *s = pf_scores_at(sc, i);
    assert_non_null(s);
    return s;
}

static void assert_raw(const pf_orientation *o, double e, double m, double ad, double an)
{
    assert_true(o->raw[PF_FACET_ENHANCEMENT] == e);
    assert_true(o->raw[PF_FACET_MISSION] == m);
    assert_true(o->raw[PF_FACET_ADAPTIVE] == ad);
    assert_true(o->raw[PF_FACET_ANTICIPATORY] == an);
}

static void assert_pet(const pf_orientation *o, double e, double m, double ad, double an)
{
    assert_true(o->pct_pet[PF_FACET_ENHANCEMENT] == e);
    assert_true(o->pct_pet[PF_FACET_MISSION] == m);
    assert_true(o->pct_pet[PF_FACET_ADAPTIVE] == ad);
    assert_true(o->pct_pet[PF_FACET_ANTICIPATORY] == an);
}

static void assert_answered_max(const pf_orientation *o, double e, double m, double ad, double an)
{
    assert_true(o->answered_max[PF_FACET_ENHANCEMENT] == e);
    assert_true(o->answered_max[PF_FACET_MISSION] == m);
    assert_true(o->answered_max[PF_FACET_ADAPTIVE] == ad);
    assert_true(o->answered_max[PF_FACET_ANTICIPATORY] == an);
}

static void assert_dims(const pf_capability *c, double sm, double st, double str, double res, double le, double eco)
{
    assert_true(c->dimension_sum[PF_DIMENSION_SENSE_MAKING] == sm);
    assert_true(c->dimension_sum[PF_DIMENSION_STEWARDSHIP] == st);
    assert_true(c->dimension_sum[PF_DIMENSION_STRUCTURES] == str);
    assert_true(c->dimension_sum[PF_DIMENSION_RESOURCES] == res);
    assert_true(c->dimension_sum[PF_DIMENSION_LEARNING] == le);
    assert_true(c->dimension_sum[PF_DIMENSION_ECOSYSTEM] == eco);
    /* METHOD 2.4: the six sums add up to score - 16. */
    double total = 0;
    for (int d = 0; d < PF_DIMENSION_COUNT; d++)
        total += c->dimension_sum[d];
    assert_true(total == c->score - 16);
}

static void assert_dim_levels(const pf_capability *c, pf_level level)
{
    for (int d = 0; d < PF_DIMENSION_COUNT; d++)
        if (c->dimension_level[d] != level)
            fail_msg("dimension %s: level %s, expected %s", pf_dimension_name((pf_dimension)d),
                     pf_level_name(c->dimension_level[d]), pf_level_name(level));
}

/* ---- orientation: points per answer form ---- */

static void test_agree_and_half_points(void **state)
{
    (void)state;
    pf_doc *doc = new_doc();
    pf_assessment *plain = add(doc, "plain");
    agree(plain, "q1.enhancement", 3);
    agree(plain, "q3.mission", 2);
    agree(plain, "q4.adaptive", 1);
    agree(plain, "q7.anticipatory", 4);
    agree(plain, "q9.enhancement", 2);
    pf_assessment *half = add(doc, "half");
    agree(half, "q6.enhancement1", 3);    /* 3/2 = 1.5 */
    agree(half, "q16.enhancement2", 4);   /* 4/2 = 2 */
    agree(half, "q6.mission2", 1);        /* 1/2 = 0.5 */
    agree(half, "q6.adaptive1", 4);       /* 2 */
    agree(half, "q16.anticipatory1", 3);  /* 1.5 */
    pf_scores *sc = score(doc);

    const pf_orientation *o = &at(sc, 0)->orientation;
    /* enhancement 3 + 2 = 5, mission 2, adaptive 1, anticipatory 4; every other item unanswered -> 0. */
    assert_raw(o, 5, 2, 1, 4);
    /* Each agree item can give 4: enhancement 2 items -> 8, the others 1 item -> 4. */
    assert_answered_max(o, 8, 4, 4, 4);
    /* PET: 5/64*100 = 7.8125 -> 8; 2/64*100 = 3.125 -> 3; 1/64*100 = 1.5625 -> 2; 4/64*100 = 6.25 -> 6. */
    assert_pet(o, 8, 3, 2, 6);
    /* Normalised: 5/8 = 62.5, 2/4 = 50, 1/4 = 25, 4/4 = 100. */
    ASSERT_NEAR(o->pct_normalised[PF_FACET_ENHANCEMENT], 62.5);
    ASSERT_NEAR(o->pct_normalised[PF_FACET_MISSION], 50);
    ASSERT_NEAR(o->pct_normalised[PF_FACET_ADAPTIVE], 25);
    ASSERT_NEAR(o->pct_normalised[PF_FACET_ANTICIPATORY], 100);
    assert_int_equal(o->answered, 5);

    o = &at(sc, 1)->orientation;
    /* enhancement 1.5 + 2 = 3.5, mission 0.5, adaptive 2, anticipatory 1.5. */
    assert_raw(o, 3.5, 0.5, 2, 1.5);
    /* A half item gives at most 2: enhancement 2 items -> 4, the others 2. */
    assert_answered_max(o, 4, 2, 2, 2);
    /* 3.5/64*100 = 5.46875 -> 5; 0.5 -> 0.78125 -> 1; 2 -> 3.125 -> 3; 1.5 -> 2.34375 -> 2. */
    assert_pet(o, 5, 1, 3, 2);
    /* Normalised: 3.5/4 = 87.5; 0.5/2 = 25; 2/2 = 100; 1.5/2 = 75. */
    ASSERT_NEAR(o->pct_normalised[PF_FACET_ENHANCEMENT], 87.5);
    ASSERT_NEAR(o->pct_normalised[PF_FACET_MISSION], 25);
    ASSERT_NEAR(o->pct_normalised[PF_FACET_ADAPTIVE], 100);
    ASSERT_NEAR(o->pct_normalised[PF_FACET_ANTICIPATORY], 75);
    /* Default mode is PET. */
    for (int f = 0; f < PF_FACET_COUNT; f++)
        assert_true(o->pct[f] == o->pct_pet[f]);
    pf_scores_free(sc);
    pf_doc_free(doc);
}

static void test_rank_points(void **state)
{
    (void)state;
    enum { EN = PF_FACET_ENHANCEMENT, MI = PF_FACET_MISSION, ADP = PF_FACET_ADAPTIVE, ANT = PF_FACET_ANTICIPATORY };
    pf_doc *doc = new_doc();
    rank(add(doc, "q2"), "q2", MI, EN, ADP, ANT);
    rank(add(doc, "q5"), "q5", ANT, ADP, MI, EN);
    rank(add(doc, "q8"), "q8", ADP, ANT, EN, MI);
    rank(add(doc, "q12"), "q12", EN, ANT, ADP, MI);
    pf_assessment *all = add(doc, "all");
    rank(all, "q2", MI, EN, ADP, ANT);
    rank(all, "q5", ANT, ADP, MI, EN);
    rank(all, "q8", ADP, ANT, EN, MI);
    rank(all, "q12", EN, ANT, ADP, MI);
    pf_scores *sc = score(doc);
    /* Places 1..4 score 4, 2, 1, 0. */
    /* q2: mission 4, enhancement 2, adaptive 1, anticipatory 0. */
    assert_raw(&at(sc, 0)->orientation, 2, 4, 1, 0);
    /* q5: anticipatory 4, adaptive 2, mission 1, enhancement 0. */
    assert_raw(&at(sc, 1)->orientation, 0, 1, 2, 4);
    /* q8: adaptive 4, anticipatory 2, enhancement 1, mission 0. */
    assert_raw(&at(sc, 2)->orientation, 1, 0, 4, 2);
    /* q12: enhancement 4, anticipatory 2, adaptive 1, mission 0. */
    assert_raw(&at(sc, 3)->orientation, 4, 0, 1, 2);
    /* All four: enhancement 2+0+1+4 = 7, mission 4+1+0+0 = 5, adaptive 1+2+4+1 = 8, anticipatory 0+4+2+2 = 8. */
    const pf_orientation *o = &at(sc, 4)->orientation;
    assert_raw(o, 7, 5, 8, 8);
    /* A rank question can give each facet at most 4 (first place): 4 questions -> 16 each. */
    assert_answered_max(o, 16, 16, 16, 16);
    assert_int_equal(o->answered, 4);
    /* PET: 7/64*100 = 10.9375 -> 11; 5 -> 7.8125 -> 8; 8 -> 12.5 -> 13 (half away from zero). */
    assert_pet(o, 11, 8, 13, 13);
    pf_scores_free(sc);
    pf_doc_free(doc);
}

static void test_multi_points(void **state)
{
    (void)state;
    pf_doc *doc = new_doc();
    const char *q10[] = { "mission", "anticipatory" };
    const char *q13[] = { "enhancement1", "enhancement2", "adaptive1" };
    const char *q14[] = { "mission2", "anticipatory1", "anticipatory2" };
    const char *q15[] = { "enhancement1", "enhancement2", "enhancement3", "adaptive4",
                          "anticipatory1", "anticipatory2", "anticipatory3", "anticipatory4" };
    const char *none[] = { "none" };
    opts(add(doc, "q10"), "q10", q10, 2);
    opts(add(doc, "q13"), "q13", q13, 3);
    opts(add(doc, "q14"), "q14", q14, 3);
    opts(add(doc, "q15"), "q15", q15, 8);
    pf_assessment *all = add(doc, "all");
    opts(all, "q10", q10, 2);
    opts(all, "q13", q13, 3);
    opts(all, "q14", q14, 3);
    opts(all, "q15", q15, 8);
    pf_assessment *nothing = add(doc, "none");
    opts(nothing, "q10", none, 1);
    opts(nothing, "q13", none, 1);
    opts(nothing, "q14", NULL, 0); /* an empty list means none too */
    opts(nothing, "q15", none, 1);
    pf_scores *sc = score(doc);
    /* q10, 4 points each: mission 4, anticipatory 4. */
    assert_raw(&at(sc, 0)->orientation, 0, 4, 0, 4);
    assert_answered_max(&at(sc, 0)->orientation, 4, 4, 4, 4);
    /* q13, 2 points each: enhancement 2+2 = 4, adaptive 2. */
    assert_raw(&at(sc, 1)->orientation, 4, 0, 2, 0);
    /* q14, 2 points each: mission 2, anticipatory 2+2 = 4. */
    assert_raw(&at(sc, 2)->orientation, 0, 2, 0, 4);
    /* q15, 1 point each: enhancement 3, adaptive 1, anticipatory 4. */
    assert_raw(&at(sc, 3)->orientation, 3, 0, 1, 4);
    assert_answered_max(&at(sc, 3)->orientation, 4, 4, 4, 4);
    /* All four: enhancement 0+4+0+3 = 7, mission 4+0+2+0 = 6, adaptive 0+2+0+1 = 3, anticipatory 4+0+4+4 = 12. */
    const pf_orientation *o = &at(sc, 4)->orientation;
    assert_raw(o, 7, 6, 3, 12);
    /* Each multi question can give each facet 4: 16 each. */
    assert_answered_max(o, 16, 16, 16, 16);
    /* Normalised: 7/16 = 43.75, 6/16 = 37.5, 3/16 = 18.75, 12/16 = 75. */
    ASSERT_NEAR(o->pct_normalised[PF_FACET_ENHANCEMENT], 43.75);
    ASSERT_NEAR(o->pct_normalised[PF_FACET_MISSION], 37.5);
    ASSERT_NEAR(o->pct_normalised[PF_FACET_ADAPTIVE], 18.75);
    ASSERT_NEAR(o->pct_normalised[PF_FACET_ANTICIPATORY], 75);
    /* `none`: answered (4 slots, 16 possible points each) but 0 points. */
    o = &at(sc, 5)->orientation;
    assert_raw(o, 0, 0, 0, 0);
    assert_int_equal(o->answered, 4);
    assert_answered_max(o, 16, 16, 16, 16);
    for (int f = 0; f < PF_FACET_COUNT; f++)
        assert_true(o->pct_normalised[f] == 0);
    pf_scores_free(sc);
    pf_doc_free(doc);
}

static void test_unanswered_scores_zero(void **state)
{
    (void)state;
    pf_doc *doc = new_doc();
    add(doc, "blank");
    pf_scores *sc = score(doc);
    const pf_assessment_score *s = at(sc, 0);
    assert_raw(&s->orientation, 0, 0, 0, 0);
    assert_pet(&s->orientation, 0, 0, 0, 0);
    assert_answered_max(&s->orientation, 0, 0, 0, 0);
    for (int f = 0; f < PF_FACET_COUNT; f++) {
        assert_true(s->orientation.pct_normalised[f] == 0); /* no item of the facet answered */
        assert_false(s->orientation.strong[f]);
    }
    assert_int_equal(s->orientation.tendency, 0);
    assert_string_equal(pf_tendency_name(s->orientation.tendency), "weak-in-all");
    assert_true(s->completeness == 0);
    assert_int_equal(s->orientation.answered, 0);
    assert_int_equal(s->orientation.items, 46);
    assert_int_equal(s->capability.answered, 0);
    assert_int_equal(s->capability.items, 26);
    /* Capability: 16 + 0 = 16, low; unanswered items 0 points. */
    assert_true(s->capability.score == 16);
    assert_int_equal(s->capability.level, PF_LEVEL_LOW);
    assert_dims(&s->capability, 0, 0, 0, 0, 0, 0);
    /* Sum 0 sits above the minimum of the two dimensions with reversed items:
     * sense-making (0 - -4) / 20 = 20 %; learning (0 - -12) / 28 = 42.857 % (medium: 12 >= 28/3). */
    ASSERT_NEAR(s->capability.dimension_pct[PF_DIMENSION_SENSE_MAKING], 20);
    ASSERT_NEAR(s->capability.dimension_pct[PF_DIMENSION_LEARNING], 1200.0 / 28);
    assert_int_equal(s->capability.dimension_level[PF_DIMENSION_LEARNING], PF_LEVEL_MEDIUM);
    assert_true(s->capability.dimension_pct[PF_DIMENSION_STEWARDSHIP] == 0);
    pf_scores_free(sc);
    pf_doc_free(doc);
}

/* ---- PET percentages ---- */

static void test_pet_rounding_and_strong_boundary(void **state)
{
    (void)state;
    pf_doc *doc = new_doc();
    /* raw 32 / 8 / 40 / 31.5 */
    const double r1[PF_FACET_COUNT] = { 32, 8, 40, 31.5 };
    const double r2[PF_FACET_COUNT] = { 31.5, 32, 24, 0.5 };
    set_raws(add(doc, "a"), r1);
    set_raws(add(doc, "b"), r2);
    pf_scores *sc = score(doc);
    const pf_orientation *o = &at(sc, 0)->orientation;
    assert_raw(o, 32, 8, 40, 31.5);
    /* 32/64*100 = 50 -> 50 (strong: >= 50);
     * 8/64*100 = 12.5 -> 13 (half away from zero; banker's rounding would give 12);
     * 40/64*100 = 62.5 -> 63 (62 with round-half-even);
     * 31.5/64*100 = 49.21875 -> 49 (not strong). */
    assert_pet(o, 50, 13, 63, 49);
    assert_true(o->strong[PF_FACET_ENHANCEMENT]);
    assert_false(o->strong[PF_FACET_MISSION]);
    assert_true(o->strong[PF_FACET_ADAPTIVE]);
    assert_false(o->strong[PF_FACET_ANTICIPATORY]);
    assert_int_equal(o->tendency, E | AD);
    assert_string_equal(pf_tendency_name(o->tendency), "enhancement+adaptive");

    o = &at(sc, 1)->orientation;
    assert_raw(o, 31.5, 32, 24, 0.5);
    /* 31.5 -> 49; 32 -> 50; 24/64*100 = 37.5 -> 38; 0.5/64*100 = 0.78125 -> 1. */
    assert_pet(o, 49, 50, 38, 1);
    for (int f = 0; f < PF_FACET_COUNT; f++)
        assert_true(o->pct[f] == o->pct_pet[f]);
    assert_int_equal(o->tendency, M);
    assert_string_equal(pf_tendency_name(o->tendency), "primarily-mission");
    pf_scores_free(sc);
    pf_doc_free(doc);
}

/*
 * The maximum of each facet. One respondent cannot reach all four maxima:
 * a rank question hands out 4+2+1+0 = 7 points, so only the facet ranked
 * first gets 4. Respondent "max-f" answers everything at its maximum and
 * ranks f first in all four rank questions (the others in facet order).
 * Without ranks: plain agree 6*4 = 24, half items 2*2 (q6) + 2*2 (q16),
 * multi q10 4 + q13 4 + q14 4 + q15 4 -> 48 (anticipatory, no q6: 44).
 */
static void build_max_doc(pf_doc *doc)
{
    for (int f = 0; f < PF_FACET_COUNT; f++) {
        char id[32];
        snprintf(id, sizeof id, "max-%s", FACET[f]);
        pf_assessment *a = add(doc, id);
        set_orientation_max(a, f);
        set_cap_max(a);
    }
}

static void test_pet_maxima(void **state)
{
    (void)state;
    pf_doc *doc = new_doc();
    build_max_doc(doc);
    pf_scores *sc = score(doc);
    /* max-enhancement, ranks [E M AD AN] x4: E 48+16 = 64, M 48+4*2 = 56, AD 48+4*1 = 52, AN 44+0 = 44. */
    const pf_orientation *o = &at(sc, 0)->orientation;
    assert_raw(o, 64, 56, 52, 44);
    /* 64 -> 100; 56/64 = 87.5 -> 88; 52/64 = 81.25 -> 81; 44/64 = 68.75 -> 69. */
    assert_pet(o, 100, 88, 81, 69);
    assert_int_equal(o->tendency, E | M | AD | AN);
    /* max-mission, [M E AD AN]: E 56, M 64, AD 52, AN 44. */
    o = &at(sc, 1)->orientation;
    assert_raw(o, 56, 64, 52, 44);
    assert_pet(o, 88, 100, 81, 69);
    /* max-adaptive, [AD E M AN]: E 56, M 52, AD 64, AN 44. */
    o = &at(sc, 2)->orientation;
    assert_raw(o, 56, 52, 64, 44);
    assert_pet(o, 88, 81, 100, 69);
    /* max-anticipatory, [AN E M AD]: E 56, M 52, AD 48, AN 44+16 = 60 (its maximum). */
    o = &at(sc, 3)->orientation;
    assert_raw(o, 56, 52, 48, 60);
    /* 48/64 = 75; 60/64*100 = 93.75 -> 94: anticipatory cannot reach 100 in PET mode. */
    assert_pet(o, 88, 81, 75, 94);
    for (int i = 0; i < 4; i++) {
        const pf_assessment_score *s = at(sc, (size_t)i);
        assert_int_equal(s->orientation.answered, 46);
        assert_int_equal(s->orientation.items, 46);
        assert_int_equal(s->capability.answered, 26);
        assert_true(s->completeness == 1);
    }
    /* The facet maxima over the respondents: raw 64, 64, 64, 60 -> pct 100, 100, 100, 94. */
    const pf_group *g = pf_scores_overall(sc);
    assert_true(g->stats[PF_GROUP_ENHANCEMENT].max == 100);
    assert_true(g->stats[PF_GROUP_MISSION].max == 100);
    assert_true(g->stats[PF_GROUP_ADAPTIVE].max == 100);
    assert_true(g->stats[PF_GROUP_ANTICIPATORY].max == 94);
    pf_scores_free(sc);
    pf_doc_free(doc);
}

/* ---- normalised mode ---- */

static void test_normalised_everything_answered(void **state)
{
    (void)state;
    pf_doc *doc = new_doc();
    build_max_doc(doc);
    pf_scores *sc = score_mode(doc, PF_SCORE_NORMALISED);
    assert_int_equal(pf_scores_options(sc)->mode, PF_SCORE_NORMALISED);
    for (int i = 0; i < 4; i++) {
        const pf_orientation *o = &at(sc, (size_t)i)->orientation;
        /* Everything answered: 64, 64, 64 and 60 (no anticipatory item in q6). */
        assert_answered_max(o, 64, 64, 64, 60);
        /* The facet ranked first reaches its maximum: 100 %, anticipatory included. */
        assert_true(o->pct_normalised[i] == 100);
        for (int f = 0; f < PF_FACET_COUNT; f++)
            assert_true(o->pct[f] == o->pct_normalised[f]);
    }
    /* max-enhancement: 64/64 = 100, 56/64 = 87.5, 52/64 = 81.25, 44/60 = 73.33. */
    const pf_orientation *o = &at(sc, 0)->orientation;
    ASSERT_NEAR(o->pct_normalised[PF_FACET_MISSION], 87.5);
    ASSERT_NEAR(o->pct_normalised[PF_FACET_ADAPTIVE], 81.25);
    ASSERT_NEAR(o->pct_normalised[PF_FACET_ANTICIPATORY], 4400.0 / 60);
    /* PET percentages are still reported alongside. */
    assert_pet(o, 100, 88, 81, 69);
    /* max-anticipatory: 56/64 = 87.5, 52/64 = 81.25, 48/64 = 75, 60/60 = 100 (PET: 94). */
    o = &at(sc, 3)->orientation;
    ASSERT_NEAR(o->pct_normalised[PF_FACET_ENHANCEMENT], 87.5);
    ASSERT_NEAR(o->pct_normalised[PF_FACET_MISSION], 81.25);
    ASSERT_NEAR(o->pct_normalised[PF_FACET_ADAPTIVE], 75);
    assert_true(o->pct_normalised[PF_FACET_ANTICIPATORY] == 100);
    assert_true(o->pct_pet[PF_FACET_ANTICIPATORY] == 94);
    const pf_group *g = pf_scores_overall(sc);
    for (int f = 0; f < PF_FACET_COUNT; f++)
        assert_true(g->stats[f].max == 100);
    pf_scores_free(sc);
    pf_doc_free(doc);
}

static void test_normalised_partial(void **state)
{
    (void)state;
    pf_doc *doc = new_doc();
    pf_assessment *a = add(doc, "partial");
    agree(a, "q1.enhancement", 3);                                                    /* E 3 of 4 */
    rank(a, "q2", PF_FACET_ENHANCEMENT, PF_FACET_MISSION, PF_FACET_ADAPTIVE, PF_FACET_ANTICIPATORY); /* 4 2 1 0 of 4 each */
    agree(a, "q6.mission1", 3);                                                       /* M 1.5 of 2 */
    agree(a, "q16.anticipatory2", 2);                                                 /* AN 1 of 2 */
    pf_assessment *b = add(doc, "one-item");
    agree(b, "q1.enhancement", 2);
    pf_scores *sc = score_mode(doc, PF_SCORE_NORMALISED);
    const pf_orientation *o = &at(sc, 0)->orientation;
    /* raw: E 3+4 = 7, M 2+1.5 = 3.5, AD 1, AN 0+1 = 1. max: E 4+4 = 8, M 4+2 = 6, AD 4, AN 4+2 = 6. */
    assert_raw(o, 7, 3.5, 1, 1);
    assert_answered_max(o, 8, 6, 4, 6);
    /* 7/8 = 87.5; 3.5/6 = 58.33; 1/4 = 25; 1/6 = 16.67. */
    ASSERT_NEAR(o->pct[PF_FACET_ENHANCEMENT], 87.5);
    ASSERT_NEAR(o->pct[PF_FACET_MISSION], 350.0 / 6);
    ASSERT_NEAR(o->pct[PF_FACET_ADAPTIVE], 25);
    ASSERT_NEAR(o->pct[PF_FACET_ANTICIPATORY], 100.0 / 6);
    /* PET for comparison: 7/64*100 = 10.9375 -> 11; 3.5 -> 5.46875 -> 5; 1 -> 1.5625 -> 2. */
    assert_pet(o, 11, 5, 2, 2);
    /* Strong in normalised mode: E 87.5 and M 58.3. */
    assert_int_equal(o->tendency, E | M);
    assert_string_equal(pf_tendency_name(o->tendency), "enhancement+mission");
    assert_int_equal(o->answered, 4);

    /* Only q1.enhancement = 2: E 2/4 = 50 (strong); other facets have no answered item -> 0. */
    o = &at(sc, 1)->orientation;
    assert_true(o->pct[PF_FACET_ENHANCEMENT] == 50);
    assert_true(o->pct[PF_FACET_MISSION] == 0);
    assert_true(o->pct[PF_FACET_ANTICIPATORY] == 0);
    assert_int_equal(o->tendency, E);
    pf_scores_free(sc);

    /* Same answers in PET mode: 2/64*100 = 3.125 -> 3, weak. */
    sc = score(doc);
    o = &at(sc, 1)->orientation;
    assert_true(o->pct[PF_FACET_ENHANCEMENT] == 3);
    assert_int_equal(o->tendency, 0);
    pf_scores_free(sc);
    pf_doc_free(doc);
}

/* ---- tendency groups ---- */

static void test_all_sixteen_tendency_groups(void **state)
{
    (void)state;
    static const struct {
        unsigned mask;
        const char *name;
    } groups[16] = {
        { 0, "weak-in-all" },
        { E, "primarily-enhancement" },
        { M, "primarily-mission" },
        { AD, "primarily-adaptive" },
        { AN, "primarily-anticipatory" },
        { E | M, "enhancement+mission" },
        { E | AD, "enhancement+adaptive" },
        { E | AN, "enhancement+anticipatory" },
        { M | AD, "mission+adaptive" },
        { M | AN, "mission+anticipatory" },
        { AD | AN, "adaptive+anticipatory" },
        { E | M | AD, "enhancement+mission+adaptive" },
        { E | M | AN, "enhancement+mission+anticipatory" },
        { E | AD | AN, "enhancement+adaptive+anticipatory" },
        { M | AD | AN, "mission+adaptive+anticipatory" },
        { E | M | AD | AN, "all-four" },
    };
    pf_doc *doc = new_doc();
    for (int i = 0; i < 16; i++) {
        char id[16];
        snprintf(id, sizeof id, "r%d", i);
        /* Strong facet: raw 24 (agree items) + 4 (q10) + 4 (q13) = 32 -> 50 %; weak: 0. */
        double raw[PF_FACET_COUNT];
        for (int f = 0; f < PF_FACET_COUNT; f++)
            raw[f] = groups[i].mask >> f & 1 ? 32 : 0;
        set_raws(add(doc, id), raw);
    }
    pf_scores *sc = score(doc);
    for (int i = 0; i < 16; i++) {
        const pf_orientation *o = &at(sc, (size_t)i)->orientation;
        for (int f = 0; f < PF_FACET_COUNT; f++) {
            assert_true(o->pct_pet[f] == ((groups[i].mask >> f & 1) ? 50 : 0));
            assert_int_equal(o->strong[f], (groups[i].mask >> f & 1) != 0);
        }
        assert_int_equal(o->tendency, groups[i].mask);
        if (strcmp(pf_tendency_name(o->tendency), groups[i].name) != 0)
            fail_msg("mask %u: %s, expected %s", groups[i].mask, pf_tendency_name(o->tendency), groups[i].name);
        unsigned back = 99;
        assert_int_equal(pf_tendency_from_name(groups[i].name, &back), PF_OK);
        assert_int_equal(back, groups[i].mask);
    }
    assert_null(pf_tendency_name(16));
    pf_scores_free(sc);
    pf_doc_free(doc);
}

/* ---- completeness ---- */

static void test_completeness_and_counts(void **state)
{
    (void)state;
    pf_doc *doc = new_doc();
    pf_assessment *a = add(doc, "quarter");
    /* 9 orientation slots: q1 x4, q2, q3 x4. */
    for (int f = 0; f < PF_FACET_COUNT; f++) {
        agree_f(a, "q1", f, 0, 2);
        agree_f(a, "q3", f, 0, 2);
    }
    rank(a, "q2", 0, 1, 2, 3);
    /* 9 capability slots. */
    choice(a, "q17", PF_CHOICE_YES);
    agree(a, "q18a", 1);
    agree(a, "q18b", 1);
    choice(a, "q19", PF_CHOICE_UNSURE);
    choice(a, "q20", PF_CHOICE_NO);
    agree(a, "q21", 1);
    agree(a, "q22a", 1);
    agree(a, "q22b", 1);
    agree(a, "q22c", 1);
    pf_assessment *b = add(doc, "orientation-only");
    set_orientation_max(b, 0);
    pf_assessment *c = add(doc, "capability-only");
    set_cap_zero(c);
    pf_assessment *d = add(doc, "complete");
    set_orientation_max(d, 1);
    set_cap_min(d);
    pf_scores *sc = score(doc);

    const pf_assessment_score *s = at(sc, 0);
    /* (9 + 9) / 72 = 0.25 */
    assert_true(s->completeness == 0.25);
    assert_int_equal(s->orientation.answered, 9);
    assert_int_equal(s->orientation.items, 46);
    assert_int_equal(s->capability.answered, 9);
    assert_int_equal(s->capability.items, 26);
    /* Capability points: yes 4 + 1 - 1 + unsure 0 + no 0 + 1 + 1 + 1 + 1 = 8 -> 24.
     * sense-making 4 + 1 - 1 + 1 = 5, stewardship 0 + 0 + 1 + 1 + 1 = 3. */
    assert_true(s->capability.score == 24);
    assert_dims(&s->capability, 5, 3, 0, 0, 0, 0);

    s = at(sc, 1);
    /* 46 / 72 */
    ASSERT_NEAR(s->completeness, 46.0 / 72);
    assert_int_equal(s->orientation.answered, 46);
    assert_int_equal(s->capability.answered, 0);
    s = at(sc, 2);
    /* 26 / 72 */
    ASSERT_NEAR(s->completeness, 26.0 / 72);
    assert_int_equal(s->orientation.answered, 0);
    assert_int_equal(s->capability.answered, 26);
    assert_int_equal(s->capability.items, 26);
    s = at(sc, 3);
    assert_true(s->completeness == 1);
    assert_int_equal(s->orientation.answered, 46);
    assert_int_equal(s->capability.answered, 26);
    pf_scores_free(sc);
    pf_doc_free(doc);
}

/* ---- strict ---- */

/* True when `id` occurs in `msg` as a whole item id (not as the start of a longer one). */
static bool names_item(const char *msg, const char *id)
{
    size_t n = strlen(id);
    for (const char *p = strstr(msg, id); p; p = strstr(p + 1, id)) {
        char before = p == msg ? ' ' : p[-1];
        char after = p[n];
        bool word_before = (before >= 'a' && before <= 'z') || (before >= '0' && before <= '9') || before == '.';
        bool word_after = (after >= 'a' && after <= 'z') || (after >= '0' && after <= '9') || after == '.';
        if (!word_before && !word_after)
            return true;
    }
    return false;
}

static void test_strict(void **state)
{
    (void)state;
    pf_doc *doc = new_doc();
    pf_assessment *alice = add(doc, "alice");
    set_orientation_max(alice, 0);
    set_cap_max(alice);
    pf_assessment *bob = add(doc, "bob");
    set_orientation_max(bob, 1);
    set_cap_min(bob);
    assert_int_equal(pf_assessment_clear_answer(bob, "q2", NULL), PF_OK);
    assert_int_equal(pf_assessment_clear_answer(bob, "q24k", NULL), PF_OK);
    pf_assessment *carol = add(doc, "carol");
    set_orientation_max(carol, 2);
    set_cap_zero(carol);
    assert_int_equal(pf_assessment_clear_answer(carol, "q6.mission2", NULL), PF_OK);

    pf_score_options o = PF_SCORE_OPTIONS_INIT;
    o.strict = true;
    pf_diagnostics *diags = NULL;
    assert_int_equal(pf_diagnostics_new(&diags, NULL), PF_OK);
    pf_scores *sc = NULL;
    pf_error err;
    memset(&err, 0, sizeof err);
    assert_int_equal(pf_doc_score(doc, &o, &sc, diags, &err), PF_EINVALID);
    assert_null(sc);
    /* One diagnostic per missing answer: bob q2 and q24k, carol q6.mission2. */
    assert_int_equal(pf_diagnostics_count(diags), 3);
    const pf_error *d0 = pf_diagnostics_at(diags, 0), *d1 = pf_diagnostics_at(diags, 1),
                   *d2 = pf_diagnostics_at(diags, 2);
    assert_int_equal(d0->code, PF_EINVALID);
    assert_int_equal(d1->code, PF_EINVALID);
    assert_int_equal(d2->code, PF_EINVALID);
    assert_true(names_item(d0->message, "q2"));
    assert_false(names_item(d0->message, "q24k"));
    assert_non_null(strstr(d0->message, "bob"));
    assert_true(names_item(d1->message, "q24k"));
    assert_false(names_item(d1->message, "q2"));
    assert_non_null(strstr(d1->message, "bob"));
    assert_true(names_item(d2->message, "q6.mission2"));
    assert_non_null(strstr(d2->message, "carol"));
    assert_int_equal(err.code, PF_EINVALID);
    assert_true(names_item(err.message, "q2"));

    /* Without diagnostics the result is the same. */
    assert_int_equal(pf_doc_score(doc, &o, &sc, NULL, NULL), PF_EINVALID);
    assert_null(sc);
    /* Not strict: the missing answers score 0 and scoring succeeds. */
    sc = score(doc);
    /* bob without q2: mission 64 - 4 = 60. */
    assert_true(at(sc, 1)->orientation.raw[PF_FACET_MISSION] == 60);
    assert_int_equal(at(sc, 1)->orientation.answered, 45);
    pf_scores_free(sc);

    /* Complete answers pass. */
    rank(bob, "q2", 1, 0, 2, 3);
    agree(bob, "q24k", 0);
    agree(carol, "q6.mission2", 4);
    pf_diagnostics_clear(diags);
    sc = NULL;
    assert_int_equal(pf_doc_score(doc, &o, &sc, diags, &err), PF_OK);
    assert_non_null(sc);
    assert_int_equal(pf_diagnostics_count(diags), 0);
    assert_true(pf_scores_options(sc)->strict);
    for (size_t i = 0; i < 3; i++)
        assert_true(at(sc, i)->completeness == 1);
    pf_scores_free(sc);
    pf_diagnostics_free(diags);
    pf_doc_free(doc);
}

/* ---- capability ---- */

static void test_capability_extremes(void **state)
{
    (void)state;
    pf_doc *doc = new_doc();
    set_cap_min(add(doc, "min"));
    set_cap_max(add(doc, "max"));
    pf_scores *sc = score(doc);
    const pf_capability *c = &at(sc, 0)->capability;
    /* 16 + (-4 q18b) + (-4 q24d -4 q24g -4 q24h) = 16 - 16 = 0. */
    assert_true(c->score == 0);
    assert_int_equal(c->level, PF_LEVEL_LOW);
    /* sense-making -4, learning -12, all others 0. */
    assert_dims(c, -4, 0, 0, 0, -12, 0);
    for (int d = 0; d < PF_DIMENSION_COUNT; d++)
        assert_true(c->dimension_pct[d] == 0);
    assert_dim_levels(c, PF_LEVEL_LOW);

    c = &at(sc, 1)->capability;
    /* 16 + 92 = 108. */
    assert_true(c->score == 108);
    assert_int_equal(c->level, PF_LEVEL_HIGH);
    /* sense-making q17 4 + q18a 4 + q22a 4 + q22d 4 = 16; stewardship 4 + 8 + 4*3 = 24; structures 8;
     * resources 16; learning q22e q24c q24e q24f 4*4 = 16; ecosystem 12. */
    assert_dims(c, 16, 24, 8, 16, 16, 12);
    for (int d = 0; d < PF_DIMENSION_COUNT; d++)
        assert_true(c->dimension_pct[d] == 100);
    assert_dim_levels(c, PF_LEVEL_HIGH);
    pf_scores_free(sc);
    pf_doc_free(doc);
}

static void test_capability_level_boundaries(void **state)
{
    (void)state;
    pf_doc *doc = new_doc();
    /* 35: q20 yes 8 + q19 yes 4 + q21 4 + q22b 3 = 19 -> 16 + 19 = 35. */
    pf_assessment *a = add(doc, "c35");
    set_cap_zero(a);
    choice(a, "q20", PF_CHOICE_YES);
    choice(a, "q19", PF_CHOICE_YES);
    agree(a, "q21", 4);
    agree(a, "q22b", 3);
    /* 36: the same with q22b 4 -> 20 -> 36. */
    a = add(doc, "c36");
    set_cap_zero(a);
    choice(a, "q20", PF_CHOICE_YES);
    choice(a, "q19", PF_CHOICE_YES);
    agree(a, "q21", 4);
    agree(a, "q22b", 4);
    /* 72: maximum 92 - q20 no (8) - q23a-d 0 (16) - q24i-k 0 (12) = 56 -> 72. */
    a = add(doc, "c72");
    set_cap_max(a);
    choice(a, "q20", PF_CHOICE_NO);
    agree(a, "q23a", 0);
    agree(a, "q23b", 0);
    agree(a, "q23c", 0);
    agree(a, "q23d", 0);
    agree(a, "q24i", 0);
    agree(a, "q24j", 0);
    agree(a, "q24k", 0);
    /* 71: and q24a 3 (one point less) -> 55 -> 71. */
    a = add(doc, "c71");
    set_cap_max(a);
    choice(a, "q20", PF_CHOICE_NO);
    agree(a, "q23a", 0);
    agree(a, "q23b", 0);
    agree(a, "q23c", 0);
    agree(a, "q23d", 0);
    agree(a, "q24i", 0);
    agree(a, "q24j", 0);
    agree(a, "q24k", 0);
    agree(a, "q24a", 3);
    pf_scores *sc = score(doc);
    const pf_capability *c = &at(sc, 0)->capability;
    assert_true(c->score == 35);
    assert_int_equal(c->level, PF_LEVEL_LOW);
    assert_dims(c, 0, 19, 0, 0, 0, 0);
    c = &at(sc, 1)->capability;
    assert_true(c->score == 36);
    assert_int_equal(c->level, PF_LEVEL_MEDIUM);
    assert_dims(c, 0, 20, 0, 0, 0, 0);
    c = &at(sc, 2)->capability;
    assert_true(c->score == 72);
    assert_int_equal(c->level, PF_LEVEL_HIGH);
    /* sense 16, stewardship 24 - 8 = 16, structures 8, resources 0, learning 16, ecosystem 0. */
    assert_dims(c, 16, 16, 8, 0, 16, 0);
    c = &at(sc, 3)->capability;
    assert_true(c->score == 71);
    assert_int_equal(c->level, PF_LEVEL_MEDIUM);
    assert_dims(c, 16, 16, 7, 0, 16, 0);
    pf_scores_free(sc);
    pf_doc_free(doc);
}

/*
 * Dimension levels: low below 1/3 of the range, high from 2/3.
 *   sense-making -4..16 (span 20): 1/3 at 6.67 above min, 2/3 at 13.33;
 *   stewardship 0..24: 8 and 16 exactly; structures 0..8: 2.67 and 5.33;
 *   resources 0..16: 5.33 and 10.67; learning -12..16 (span 28): 9.33 and 18.67;
 *   ecosystem 0..12: 4 and 8 exactly.
 * Four respondents just below 1/3, at or just above 1/3, just below 2/3, at or just above 2/3.
 */
static void test_dimension_boundaries(void **state)
{
    (void)state;
    pf_doc *doc = new_doc();
    /* below 1/3: sense 2, stewardship 7, structures 2, resources 5, learning -3, ecosystem 3. */
    pf_assessment *a = add(doc, "below-third");
    set_cap_zero(a);
    agree(a, "q18a", 2);                 /* sense 2 */
    choice(a, "q19", PF_CHOICE_YES);     /* stewardship 4 + 3 = 7 */
    agree(a, "q21", 3);
    agree(a, "q24a", 2);                 /* structures 2 */
    agree(a, "q23a", 4);                 /* resources 4 + 1 = 5 */
    agree(a, "q23b", 1);
    agree(a, "q24d", 3);                 /* learning -3 (reversed) */
    agree(a, "q24i", 3);                 /* ecosystem 3 */
    /* at 1/3: sense 3, stewardship 8, structures 3, resources 6, learning -2, ecosystem 4. */
    a = add(doc, "at-third");
    set_cap_zero(a);
    agree(a, "q18a", 3);
    choice(a, "q20", PF_CHOICE_YES);     /* 8 */
    agree(a, "q24a", 2);
    agree(a, "q24b", 1);
    agree(a, "q23a", 3);
    agree(a, "q23b", 3);
    agree(a, "q24d", 4);                 /* -4 + 2 = -2 */
    agree(a, "q24e", 2);
    agree(a, "q24i", 2);
    agree(a, "q24j", 2);
    /* below 2/3: sense 9, stewardship 15, structures 5, resources 10, learning 6, ecosystem 7. */
    a = add(doc, "below-two-thirds");
    set_cap_zero(a);
    choice(a, "q17", PF_CHOICE_YES);     /* 4 + 4 + 4 - 3 = 9 */
    agree(a, "q18a", 4);
    agree(a, "q22a", 4);
    agree(a, "q18b", 3);
    choice(a, "q20", PF_CHOICE_YES);     /* 8 + 4 + 3 = 15 */
    choice(a, "q19", PF_CHOICE_YES);
    agree(a, "q21", 3);
    agree(a, "q24a", 4);                 /* 4 + 1 = 5 */
    agree(a, "q24b", 1);
    agree(a, "q23a", 3);                 /* 3 + 3 + 4 = 10 */
    agree(a, "q23b", 3);
    agree(a, "q23c", 4);
    agree(a, "q22e", 4);                 /* 4 + 4 + 4 - 4 - 2 = 6 */
    agree(a, "q24c", 4);
    agree(a, "q24e", 4);
    agree(a, "q24d", 4);
    agree(a, "q24g", 2);
    agree(a, "q24i", 4);                 /* 4 + 3 = 7 */
    agree(a, "q24j", 3);
    /* at 2/3: sense 10, stewardship 16, structures 6, resources 11, learning 7, ecosystem 8. */
    a = add(doc, "at-two-thirds");
    set_cap_zero(a);
    choice(a, "q17", PF_CHOICE_YES);     /* 4 + 4 + 4 - 2 = 10 */
    agree(a, "q18a", 4);
    agree(a, "q22a", 4);
    agree(a, "q18b", 2);
    choice(a, "q20", PF_CHOICE_YES);     /* 8 + 0 (unsure) + 4 + 4 = 16 */
    choice(a, "q19", PF_CHOICE_UNSURE);
    agree(a, "q21", 4);
    agree(a, "q22b", 4);
    agree(a, "q24a", 3);                 /* 3 + 3 = 6 */
    agree(a, "q24b", 3);
    agree(a, "q23a", 4);                 /* 4 + 4 + 3 = 11 */
    agree(a, "q23b", 4);
    agree(a, "q23c", 3);
    agree(a, "q22e", 4);                 /* 4 + 3 = 7 */
    agree(a, "q24c", 3);
    agree(a, "q24i", 4);                 /* 4 + 4 = 8 */
    agree(a, "q24j", 4);
    pf_scores *sc = score(doc);

    const pf_capability *c = &at(sc, 0)->capability;
    /* 16 + 2 + 7 + 2 + 5 - 3 + 3 = 32 */
    assert_true(c->score == 32);
    assert_int_equal(c->level, PF_LEVEL_LOW);
    assert_dims(c, 2, 7, 2, 5, -3, 3);
    ASSERT_NEAR(c->dimension_pct[PF_DIMENSION_SENSE_MAKING], 30);           /* (2+4)/20 */
    ASSERT_NEAR(c->dimension_pct[PF_DIMENSION_STEWARDSHIP], 700.0 / 24);    /* 29.17 */
    ASSERT_NEAR(c->dimension_pct[PF_DIMENSION_STRUCTURES], 25);             /* 2/8 */
    ASSERT_NEAR(c->dimension_pct[PF_DIMENSION_RESOURCES], 31.25);           /* 5/16 */
    ASSERT_NEAR(c->dimension_pct[PF_DIMENSION_LEARNING], 900.0 / 28);       /* (-3+12)/28 = 32.14 */
    ASSERT_NEAR(c->dimension_pct[PF_DIMENSION_ECOSYSTEM], 25);              /* 3/12 */
    assert_dim_levels(c, PF_LEVEL_LOW);

    c = &at(sc, 1)->capability;
    /* 16 + 3 + 8 + 3 + 6 - 2 + 4 = 38 */
    assert_true(c->score == 38);
    assert_int_equal(c->level, PF_LEVEL_MEDIUM);
    assert_dims(c, 3, 8, 3, 6, -2, 4);
    ASSERT_NEAR(c->dimension_pct[PF_DIMENSION_SENSE_MAKING], 35);           /* 7/20 */
    ASSERT_NEAR(c->dimension_pct[PF_DIMENSION_STEWARDSHIP], 100.0 / 3);     /* 8/24: exactly 1/3 */
    ASSERT_NEAR(c->dimension_pct[PF_DIMENSION_STRUCTURES], 37.5);           /* 3/8 */
    ASSERT_NEAR(c->dimension_pct[PF_DIMENSION_RESOURCES], 37.5);            /* 6/16 */
    ASSERT_NEAR(c->dimension_pct[PF_DIMENSION_LEARNING], 1000.0 / 28);      /* 10/28 = 35.71 */
    ASSERT_NEAR(c->dimension_pct[PF_DIMENSION_ECOSYSTEM], 100.0 / 3);       /* 4/12: exactly 1/3 */
    /* Exactly 1/3 is medium (8/24*100 in doubles is 33.33333333333332859, a hair below 100.0/3). */
    assert_dim_levels(c, PF_LEVEL_MEDIUM);

    c = &at(sc, 2)->capability;
    /* 16 + 9 + 15 + 5 + 10 + 6 + 7 = 68 */
    assert_true(c->score == 68);
    assert_int_equal(c->level, PF_LEVEL_MEDIUM);
    assert_dims(c, 9, 15, 5, 10, 6, 7);
    ASSERT_NEAR(c->dimension_pct[PF_DIMENSION_SENSE_MAKING], 65);           /* 13/20 */
    ASSERT_NEAR(c->dimension_pct[PF_DIMENSION_STEWARDSHIP], 62.5);          /* 15/24 */
    ASSERT_NEAR(c->dimension_pct[PF_DIMENSION_STRUCTURES], 62.5);           /* 5/8 */
    ASSERT_NEAR(c->dimension_pct[PF_DIMENSION_RESOURCES], 62.5);            /* 10/16 */
    ASSERT_NEAR(c->dimension_pct[PF_DIMENSION_LEARNING], 1800.0 / 28);      /* 18/28 = 64.29 */
    ASSERT_NEAR(c->dimension_pct[PF_DIMENSION_ECOSYSTEM], 700.0 / 12);      /* 7/12 = 58.33 */
    assert_dim_levels(c, PF_LEVEL_MEDIUM);

    c = &at(sc, 3)->capability;
    /* 16 + 10 + 16 + 6 + 11 + 7 + 8 = 74 */
    assert_true(c->score == 74);
    assert_int_equal(c->level, PF_LEVEL_HIGH);
    assert_dims(c, 10, 16, 6, 11, 7, 8);
    ASSERT_NEAR(c->dimension_pct[PF_DIMENSION_SENSE_MAKING], 70);           /* 14/20 */
    ASSERT_NEAR(c->dimension_pct[PF_DIMENSION_STEWARDSHIP], 200.0 / 3);     /* 16/24: exactly 2/3 */
    ASSERT_NEAR(c->dimension_pct[PF_DIMENSION_STRUCTURES], 75);             /* 6/8 */
    ASSERT_NEAR(c->dimension_pct[PF_DIMENSION_RESOURCES], 68.75);           /* 11/16 */
    ASSERT_NEAR(c->dimension_pct[PF_DIMENSION_LEARNING], 1900.0 / 28);      /* 19/28 = 67.86 */
    ASSERT_NEAR(c->dimension_pct[PF_DIMENSION_ECOSYSTEM], 200.0 / 3);       /* 8/12: exactly 2/3 */
    assert_dim_levels(c, PF_LEVEL_HIGH);

    /* Group statistics of a dimension pct: stewardship (7 + 8 + 15 + 16) / 4 / 24 * 100 = 47.92. */
    const pf_stats *st = &pf_scores_overall(sc)->stats[PF_GROUP_STEWARDSHIP];
    assert_int_equal(st->n, 4);
    ASSERT_NEAR(st->mean, 4600.0 / 96);
    /* median: (8/24 + 15/24) / 2 * 100 = 47.92 as well; min 7/24, max 16/24. */
    ASSERT_NEAR(st->median, 2300.0 / 48);
    ASSERT_NEAR(st->min, 700.0 / 24);
    ASSERT_NEAR(st->max, 1600.0 / 24);
    /* Capability score: 32, 38, 68, 74 -> mean 53, median (38 + 68) / 2 = 53. */
    st = &pf_scores_overall(sc)->stats[PF_GROUP_CAPABILITY];
    assert_true(st->mean == 53);
    assert_true(st->median == 53);
    pf_scores_free(sc);
    pf_doc_free(doc);
}

/* ---- many respondents ---- */

static void test_stats_single_respondent(void **state)
{
    (void)state;
    pf_doc *doc = new_doc();
    pf_assessment *a = add(doc, "only");
    set_cap_score(a, 50);
    set_raw1(a, PF_FACET_MISSION, 20); /* 20/64*100 = 31.25 -> 31 */
    pf_scores *sc = score(doc);
    const pf_stats *st = &pf_scores_overall(sc)->stats[PF_GROUP_CAPABILITY];
    assert_int_equal(st->n, 1);
    assert_true(st->mean == 50);
    assert_true(st->median == 50);
    assert_true(st->sd == 0);
    assert_true(st->min == 50);
    assert_true(st->max == 50);
    st = &pf_scores_overall(sc)->stats[PF_GROUP_MISSION];
    assert_int_equal(st->n, 1);
    assert_true(st->mean == 31);
    assert_true(st->sd == 0);
    assert_int_equal(pf_scores_flag_count(sc), 0);
    assert_null(pf_scores_flag_at(sc, 0));
    assert_null(pf_scores_at(sc, 1));
    pf_scores_free(sc);
    pf_doc_free(doc);
}

static void test_stats_odd_and_even(void **state)
{
    (void)state;
    pf_doc *doc = new_doc();
    set_cap_score(add(doc, "a"), 70);
    set_cap_score(add(doc, "b"), 20);
    set_cap_score(add(doc, "c"), 30);
    pf_scores *sc = score(doc);
    const pf_stats *st = &pf_scores_overall(sc)->stats[PF_GROUP_CAPABILITY];
    /* 70, 20, 30: mean 40; median 30 (sorted 20 30 70); deviations 30 -20 -10 ->
     * squares 900 + 400 + 100 = 1400; sample variance 1400 / 2 = 700 (population would be 466.67). */
    assert_int_equal(st->n, 3);
    assert_true(st->mean == 40);
    assert_true(st->median == 30);
    ASSERT_NEAR(st->sd * st->sd, 700);
    assert_true(st->min == 20);
    assert_true(st->max == 70);
    pf_scores_free(sc);

    pf_doc_free(doc);
    doc = new_doc();
    set_cap_score(add(doc, "a"), 60);
    set_cap_score(add(doc, "b"), 20);
    set_cap_score(add(doc, "c"), 40);
    set_cap_score(add(doc, "d"), 24);
    sc = score(doc);
    st = &pf_scores_overall(sc)->stats[PF_GROUP_CAPABILITY];
    /* 60, 20, 40, 24: mean 144/4 = 36; median (24 + 40) / 2 = 32; deviations 24 -16 4 -12 ->
     * 576 + 256 + 16 + 144 = 992; sample variance 992 / 3 = 330.67. */
    assert_int_equal(st->n, 4);
    assert_true(st->mean == 36);
    assert_true(st->median == 32);
    ASSERT_NEAR(st->sd * st->sd, 992.0 / 3);
    assert_true(st->min == 20);
    assert_true(st->max == 60);
    pf_scores_free(sc);
    pf_doc_free(doc);
}

static const pf_flag *find_flag(const pf_scores *sc, pf_flag_kind kind, pf_group_metric metric)
{
    for (size_t i = 0; i < pf_scores_flag_count(sc); i++) {
        const pf_flag *f = pf_scores_flag_at(sc, i);
        if (f->kind == kind && f->metric == metric)
            return f;
    }
    return NULL;
}

static void test_stats_by_role_and_divergence(void **state)
{
    (void)state;
    pf_doc *doc = new_doc();
    set_cap_score(add_role(doc, "t1", PF_ROLE_TEAM), 20);
    set_cap_score(add_role(doc, "s1", PF_ROLE_SENIOR_MANAGEMENT), 60);
    set_cap_score(add_role(doc, "t2", PF_ROLE_TEAM), 40);
    set_cap_score(add_role(doc, "s2", PF_ROLE_SENIOR_MANAGEMENT), 100);
    set_cap_score(add_role(doc, "w1", PF_ROLE_STEWARD), 50);
    set_cap_score(add_role(doc, "s3", PF_ROLE_SENIOR_MANAGEMENT), 80);
    set_cap_score(add(doc, "nobody"), 30); /* no role: only in the overall statistics */
    pf_scores *sc = score(doc);
    assert_int_equal(at(sc, 0)->role, PF_ROLE_TEAM);
    assert_int_equal(at(sc, 6)->role, PF_ROLE_UNSET);

    /* Overall: 20 60 40 100 50 80 30 -> n 7, mean 380/7, median 50 (sorted 20 30 40 50 60 80 100). */
    const pf_stats *st = &pf_scores_overall(sc)->stats[PF_GROUP_CAPABILITY];
    assert_int_equal(st->n, 7);
    ASSERT_NEAR(st->mean, 380.0 / 7);
    assert_true(st->median == 50);
    assert_true(st->min == 20);
    assert_true(st->max == 100);

    /* team 20, 40: mean 30, median 30, variance (100 + 100) / 1 = 200. */
    const pf_group *g = pf_scores_by_role(sc, PF_ROLE_TEAM);
    assert_non_null(g);
    st = &g->stats[PF_GROUP_CAPABILITY];
    assert_int_equal(st->n, 2);
    assert_true(st->mean == 30);
    assert_true(st->median == 30);
    ASSERT_NEAR(st->sd * st->sd, 200);
    assert_true(st->min == 20);
    assert_true(st->max == 40);
    assert_int_equal(g->capability_level, PF_LEVEL_LOW); /* 30 < 36 */
    /* senior-management 60, 100, 80: mean 80, median 80, variance (400 + 400 + 0) / 2 = 400 -> sd 20. */
    g = pf_scores_by_role(sc, PF_ROLE_SENIOR_MANAGEMENT);
    st = &g->stats[PF_GROUP_CAPABILITY];
    assert_int_equal(st->n, 3);
    assert_true(st->mean == 80);
    assert_true(st->median == 80);
    ASSERT_NEAR(st->sd, 20);
    assert_true(st->min == 60);
    assert_true(st->max == 100);
    assert_int_equal(g->capability_level, PF_LEVEL_HIGH); /* 80 >= 72 */
    /* steward 50 alone: sd 0. */
    g = pf_scores_by_role(sc, PF_ROLE_STEWARD);
    st = &g->stats[PF_GROUP_CAPABILITY];
    assert_int_equal(st->n, 1);
    assert_true(st->mean == 50);
    assert_true(st->sd == 0);
    assert_int_equal(g->capability_level, PF_LEVEL_MEDIUM);
    /* individual and external: nobody. */
    st = &pf_scores_by_role(sc, PF_ROLE_INDIVIDUAL)->stats[PF_GROUP_CAPABILITY];
    assert_int_equal(st->n, 0);
    assert_true(st->mean == 0);
    assert_int_equal(pf_scores_by_role(sc, PF_ROLE_EXTERNAL)->stats[PF_GROUP_ENHANCEMENT].n, 0);
    assert_null(pf_scores_by_role(sc, PF_ROLE_UNSET));
    assert_null(pf_scores_by_role(sc, (pf_role)PF_ROLE_COUNT));

    /* Divergence: |80 - 30| = 50 either way; steward - team |50 - 30| = 20; senior - steward 30. */
    assert_true(pf_scores_divergence(sc, PF_GROUP_CAPABILITY, PF_ROLE_SENIOR_MANAGEMENT, PF_ROLE_TEAM) == 50);
    assert_true(pf_scores_divergence(sc, PF_GROUP_CAPABILITY, PF_ROLE_TEAM, PF_ROLE_SENIOR_MANAGEMENT) == 50);
    assert_true(pf_scores_divergence(sc, PF_GROUP_CAPABILITY, PF_ROLE_STEWARD, PF_ROLE_TEAM) == 20);
    assert_true(pf_scores_divergence(sc, PF_GROUP_CAPABILITY, PF_ROLE_SENIOR_MANAGEMENT, PF_ROLE_STEWARD) == 30);
    /* A role without respondents, or an invalid role: 0. */
    assert_true(pf_scores_divergence(sc, PF_GROUP_CAPABILITY, PF_ROLE_TEAM, PF_ROLE_INDIVIDUAL) == 0);
    assert_true(pf_scores_divergence(sc, PF_GROUP_CAPABILITY, PF_ROLE_TEAM, PF_ROLE_UNSET) == 0);

    /* Perception gap on the capability score: senior-management (80) over team (30), both n >= 2. */
    const pf_flag *f = find_flag(sc, PF_FLAG_PERCEPTION_GAP, PF_GROUP_CAPABILITY);
    assert_non_null(f);
    assert_int_equal(f->role_a, PF_ROLE_SENIOR_MANAGEMENT);
    assert_int_equal(f->role_b, PF_ROLE_TEAM);
    assert_true(f->value == 50);
    /* No gap with the steward (n = 1), although 30 > 20. */
    for (size_t i = 0; i < pf_scores_flag_count(sc); i++) {
        f = pf_scores_flag_at(sc, i);
        assert_false(f->kind == PF_FLAG_PERCEPTION_GAP &&
                     (f->role_a == PF_ROLE_STEWARD || f->role_b == PF_ROLE_STEWARD));
    }
    pf_scores_free(sc);
    pf_doc_free(doc);
}

/* Enhancement pct from raws via agree and half items only; everything else constant. */
static pf_doc *enhancement_doc(const double *raws, const pf_role *roles, size_t n)
{
    pf_doc *doc = new_doc();
    for (size_t i = 0; i < n; i++) {
        char id[16];
        snprintf(id, sizeof id, "r%zu", i);
        pf_assessment *a = roles ? add_role(doc, id, roles[i]) : add(doc, id);
        set_raw1(a, PF_FACET_ENHANCEMENT, raws[i]);
    }
    return doc;
}

static void test_low_agreement_flag(void **state)
{
    (void)state;
    /* raws 0, 9.5, 19 -> pct 0, 14.84375 -> 15, 29.6875 -> 30: mean 15, squares 225 + 0 + 225 = 450,
     * variance 450 / 2 = 225, sd exactly 15: not above 15, no flag. */
    const double at15[] = { 0, 9.5, 19 };
    pf_doc *doc = enhancement_doc(at15, NULL, 3);
    pf_scores *sc = score(doc);
    const pf_stats *st = &pf_scores_overall(sc)->stats[PF_GROUP_ENHANCEMENT];
    assert_true(st->mean == 15);
    assert_true(st->sd == 15);
    assert_int_equal(pf_scores_flag_count(sc), 0);
    pf_scores_free(sc);
    pf_doc_free(doc);

    /* raws 0, 9.5, 20 -> pct 0, 15, 31.25 -> 31: mean 46/3; sum of squares 0 + 225 + 961 - 3 (46/3)^2
     * = 1186 - 2116/3 = 1442/3; variance 721/3 = 240.33, sd 15.5027 > 15 with n = 3: flag. */
    const double above[] = { 0, 9.5, 20 };
    doc = enhancement_doc(above, NULL, 3);
    sc = score(doc);
    st = &pf_scores_overall(sc)->stats[PF_GROUP_ENHANCEMENT];
    ASSERT_NEAR(st->sd * st->sd, 721.0 / 3);
    assert_int_equal(pf_scores_flag_count(sc), 1);
    const pf_flag *f = pf_scores_flag_at(sc, 0);
    assert_int_equal(f->kind, PF_FLAG_LOW_AGREEMENT);
    assert_int_equal(f->metric, PF_GROUP_ENHANCEMENT);
    ASSERT_NEAR(f->value * f->value, 721.0 / 3);
    assert_true(f->value == st->sd);
    assert_int_equal(f->n, 3);
    assert_int_equal(f->role_a, PF_ROLE_UNSET);
    assert_int_equal(f->role_b, PF_ROLE_UNSET);
    pf_scores_free(sc);
    /* Override: sd 15.5027 > 15.5 flags, not > 15.51. */
    pf_score_options o = PF_SCORE_OPTIONS_INIT;
    o.low_agreement_sd = 15.5;
    o.include_incomplete = true;
    sc = score_opts(doc, &o);
    assert_int_equal(pf_scores_flag_count(sc), 1);
    assert_true(pf_scores_options(sc)->low_agreement_sd == 15.5);
    pf_scores_free(sc);
    o.low_agreement_sd = 15.51;
    sc = score_opts(doc, &o);
    assert_int_equal(pf_scores_flag_count(sc), 0);
    pf_scores_free(sc);
    pf_doc_free(doc);

    /* n = 2: raws 0, 20 -> pct 0, 31; variance 31^2 / 2 = 480.5, sd 21.9 > 15, but n < 3: no flag. */
    const double two[] = { 0, 20 };
    doc = enhancement_doc(two, NULL, 2);
    sc = score(doc);
    st = &pf_scores_overall(sc)->stats[PF_GROUP_ENHANCEMENT];
    ASSERT_NEAR(st->sd * st->sd, 480.5);
    assert_int_equal(pf_scores_flag_count(sc), 0);
    pf_scores_free(sc);
    /* ... unless low_agreement_min_n is lowered to 2. */
    o = (pf_score_options)PF_SCORE_OPTIONS_INIT;
    o.low_agreement_min_n = 2;
    o.include_incomplete = true;
    sc = score_opts(doc, &o);
    assert_int_equal(pf_scores_flag_count(sc), 1);
    assert_int_equal(pf_scores_flag_at(sc, 0)->n, 2);
    pf_scores_free(sc);
    pf_doc_free(doc);
}

static void test_perception_gap_flag(void **state)
{
    (void)state;
    const pf_role TEAM = PF_ROLE_TEAM, SENIOR = PF_ROLE_SENIOR_MANAGEMENT;
    /* team: raw 0, 0 -> pct 0, 0 (mean 0); senior-management: raw 13 -> 20.3125 -> 20,
     * raw 13.5 -> 21.09375 -> 21 (mean 20.5). Divergence 20.5 > 20 with n 2 and 2: gap.
     * Overall 0 0 20 21: mean 10.25, variance 420.75 / 3 = 140.25, sd 11.84: no low agreement. */
    const double gap_raws[] = { 0, 13, 0, 13.5 };
    const pf_role gap_roles[] = { TEAM, SENIOR, TEAM, SENIOR };
    pf_doc *doc = enhancement_doc(gap_raws, gap_roles, 4);
    pf_scores *sc = score(doc);
    assert_true(pf_scores_divergence(sc, PF_GROUP_ENHANCEMENT, TEAM, SENIOR) == 20.5);
    assert_int_equal(pf_scores_flag_count(sc), 1);
    const pf_flag *f = pf_scores_flag_at(sc, 0);
    assert_int_equal(f->kind, PF_FLAG_PERCEPTION_GAP);
    assert_int_equal(f->metric, PF_GROUP_ENHANCEMENT);
    assert_int_equal(f->role_a, SENIOR); /* the higher mean */
    assert_int_equal(f->role_b, TEAM);
    assert_true(f->value == 20.5);
    pf_scores_free(sc);
    /* Overrides: a gap must exceed 21 -> no flag; exceed 20.4 -> flag. */
    pf_score_options o = PF_SCORE_OPTIONS_INIT;
    o.perception_gap = 21;
    o.include_incomplete = true;
    sc = score_opts(doc, &o);
    assert_int_equal(pf_scores_flag_count(sc), 0);
    pf_scores_free(sc);
    o.perception_gap = 20.4;
    sc = score_opts(doc, &o);
    assert_int_equal(pf_scores_flag_count(sc), 1);
    assert_true(pf_scores_options(sc)->perception_gap == 20.4);
    pf_scores_free(sc);
    pf_doc_free(doc);

    /* Exactly 20: senior-management 13, 13 -> 20, 20 (mean 20); not above 20, no flag. */
    const double at20[] = { 0, 13, 0, 13 };
    doc = enhancement_doc(at20, gap_roles, 4);
    sc = score(doc);
    assert_true(pf_scores_divergence(sc, PF_GROUP_ENHANCEMENT, SENIOR, TEAM) == 20);
    assert_int_equal(pf_scores_flag_count(sc), 0);
    pf_scores_free(sc);
    pf_doc_free(doc);

    /* The higher role first in enum order: team 20, 21 over senior-management 0, 0. */
    const double reversed[] = { 13, 0, 13.5, 0 };
    doc = enhancement_doc(reversed, gap_roles, 4);
    sc = score(doc);
    assert_int_equal(pf_scores_flag_count(sc), 1);
    f = pf_scores_flag_at(sc, 0);
    assert_int_equal(f->role_a, TEAM);
    assert_int_equal(f->role_b, SENIOR);
    assert_true(f->value == 20.5);
    pf_scores_free(sc);
    pf_doc_free(doc);

    /* One team respondent: divergence 20.5 but team n = 1: no flag (overall 0 20 21: sd 11.85). */
    const double one_raws[] = { 0, 13, 13.5 };
    const pf_role one_roles[] = { TEAM, SENIOR, SENIOR };
    doc = enhancement_doc(one_raws, one_roles, 3);
    sc = score(doc);
    assert_true(pf_scores_divergence(sc, PF_GROUP_ENHANCEMENT, SENIOR, TEAM) == 20.5);
    assert_int_equal(pf_scores_flag_count(sc), 0);
    pf_scores_free(sc);
    /* ... unless perception_gap_min_n is 1. */
    o = (pf_score_options)PF_SCORE_OPTIONS_INIT;
    o.perception_gap_min_n = 1;
    o.include_incomplete = true;
    sc = score_opts(doc, &o);
    assert_int_equal(pf_scores_flag_count(sc), 1);
    assert_int_equal(pf_scores_flag_at(sc, 0)->kind, PF_FLAG_PERCEPTION_GAP);
    pf_scores_free(sc);
    pf_doc_free(doc);
}

static void test_group_tendency_and_threshold(void **state)
{
    (void)state;
    pf_doc *doc = new_doc();
    /* r1: 29 -> 45.3125 -> 45, 38.5 -> 60.15625 -> 60, 32 -> 50, 0 -> 0. */
    const double r1[PF_FACET_COUNT] = { 29, 38.5, 32, 0 };
    /* r2: 35 -> 54.6875 -> 55, 24.5 -> 38.28125 -> 38, 31.5 -> 49.21875 -> 49, 44 -> 68.75 -> 69. */
    const double r2[PF_FACET_COUNT] = { 35, 24.5, 31.5, 44 };
    pf_assessment *a = add(doc, "r1");
    set_raws(a, r1);
    set_cap_score(a, 35);
    a = add(doc, "r2");
    set_raws(a, r2);
    set_cap_score(a, 37);
    pf_scores *sc = score(doc);
    assert_pet(&at(sc, 0)->orientation, 45, 60, 50, 0);
    assert_pet(&at(sc, 1)->orientation, 55, 38, 49, 69);
    /* Individually: r1 mission+adaptive, r2 enhancement+anticipatory. */
    assert_int_equal(at(sc, 0)->orientation.tendency, M | AD);
    assert_int_equal(at(sc, 1)->orientation.tendency, E | AN);
    const pf_group *g = pf_scores_overall(sc);
    /* Means: E (45+55)/2 = 50 strong; M (60+38)/2 = 49; AD (50+49)/2 = 49.5; AN 34.5. */
    assert_true(g->stats[PF_GROUP_ENHANCEMENT].mean == 50);
    assert_true(g->stats[PF_GROUP_MISSION].mean == 49);
    assert_true(g->stats[PF_GROUP_ADAPTIVE].mean == 49.5);
    assert_true(g->stats[PF_GROUP_ANTICIPATORY].mean == 34.5);
    assert_int_equal(g->tendency, E);
    assert_string_equal(pf_tendency_name(g->tendency), "primarily-enhancement");
    /* Capability: 35 (low) and 37 (medium); mean 36 -> medium. */
    assert_int_equal(at(sc, 0)->capability.level, PF_LEVEL_LOW);
    assert_int_equal(g->capability_level, PF_LEVEL_MEDIUM);
    /* Defaults filled in. */
    const pf_score_options *o = pf_scores_options(sc);
    assert_true(o->strong_threshold == 50);
    assert_true(o->low_agreement_sd == 15);
    assert_int_equal(o->low_agreement_min_n, 3);
    assert_true(o->perception_gap == 20);
    assert_int_equal(o->perception_gap_min_n, 2);
    assert_int_equal(o->mode, PF_SCORE_PET);
    assert_false(o->strict);
    pf_scores_free(sc);

    /* strong_threshold 49: means 50, 49, 49.5 strong, 34.5 not -> enhancement+mission+adaptive;
     * r1 (45 60 50 0) mission+adaptive; r2 (55 38 49 69) enhancement+adaptive+anticipatory. */
    pf_score_options opt = PF_SCORE_OPTIONS_INIT;
    opt.strong_threshold = 49;
    opt.include_incomplete = true;
    sc = score_opts(doc, &opt);
    assert_true(pf_scores_options(sc)->strong_threshold == 49);
    assert_int_equal(at(sc, 0)->orientation.tendency, M | AD);
    assert_int_equal(at(sc, 1)->orientation.tendency, E | AD | AN);
    assert_true(at(sc, 1)->orientation.strong[PF_FACET_ADAPTIVE]);
    assert_int_equal(pf_scores_overall(sc)->tendency, E | M | AD);
    assert_string_equal(pf_tendency_name(pf_scores_overall(sc)->tendency), "enhancement+mission+adaptive");
    pf_scores_free(sc);
    pf_doc_free(doc);
}

static void test_results_outlive_document(void **state)
{
    (void)state;
    pf_doc *doc = new_doc();
    char name[32];
    strcpy(name, "alice");
    set_raw1(add_role(doc, name, PF_ROLE_STEWARD), PF_FACET_ADAPTIVE, 32);
    set_cap_score(add(doc, "bob"), 40);
    pf_scores *sc = score(doc);
    pf_doc_free(doc);
    memset(name, 'x', sizeof name - 1);
    assert_int_equal(pf_scores_count(sc), 2);
    assert_string_equal(pf_scores_at(sc, 0)->respondent, "alice");
    assert_int_equal(pf_scores_at(sc, 0)->role, PF_ROLE_STEWARD);
    assert_true(pf_scores_at(sc, 0)->orientation.pct[PF_FACET_ADAPTIVE] == 50);
    assert_string_equal(pf_scores_at(sc, 1)->respondent, "bob");
    assert_true(pf_scores_at(sc, 1)->capability.score == 40);
    assert_null(pf_scores_at(sc, 2));
    pf_buf buf = PF_BUF_INIT;
    assert_int_equal(pf_scores_write_json(sc, false, &buf, NULL), PF_OK);
    assert_non_null(strstr(buf.data, "\"alice\""));
    pf_buf_dispose(&buf);
    pf_scores_free(sc);
}

/* ---- JSON ---- */

/* A strict JSON syntax check (RFC 8259), enough to know the output parses. */
static bool json_value(const char **p, int depth);

static void json_ws(const char **p)
{
    while (**p == ' ' || **p == '\n' || **p == '\t' || **p == '\r')
        (*p)++;
}

static bool json_string(const char **p)
{
    if (**p != '"')
        return false;
    (*p)++;
    while (**p != '"') {
        unsigned char c = (unsigned char)**p;
        if (c < 0x20)
            return false;
        if (c == '\\') {
            (*p)++;
            if (**p == 'u') {
                for (int i = 1; i <= 4; i++) {
                    char h = (*p)[i];
                    if (!((h >= '0' && h <= '9') || (h >= 'a' && h <= 'f') || (h >= 'A' && h <= 'F')))
                        return false;
                }
                *p += 4;
            } else if (!strchr("\"\\/bfnrt", **p) || **p == '\0') {
                return false;
            }
        }
        (*p)++;
    }
    (*p)++;
    return true;
}

static bool json_digits(const char **p)
{
    if (**p < '0' || **p > '9')
        return false;
    while (**p >= '0' && **p <= '9')
        (*p)++;
    return true;
}

static bool json_number(const char **p)
{
    if (**p == '-')
        (*p)++;
    if (**p == '0')
        (*p)++;
    else if (!json_digits(p))
        return false;
    if (**p == '.') {
        (*p)++;
        if (!json_digits(p))
            return false;
    }
    if (**p == 'e' || **p == 'E') {
        (*p)++;
        if (**p == '+' || **p == '-')
            (*p)++;
        if (!json_digits(p))
            return false;
    }
    return true;
}

static bool json_container(const char **p, int depth, char close)
{
    (*p)++;
    json_ws(p);
    if (**p == close) {
        (*p)++;
        return true;
    }
    for (;;) {
        if (close == '}') {
            if (!json_string(p))
                return false;
            json_ws(p);
            if (**p != ':')
                return false;
            (*p)++;
            json_ws(p);
        }
        if (!json_value(p, depth + 1))
            return false;
        json_ws(p);
        if (**p == close) {
            (*p)++;
            return true;
        }
        if (**p != ',')
            return false;
        (*p)++;
        json_ws(p);
    }
}

static bool json_value(const char **p, int depth)
{
    if (depth > 64)
        return false;
    switch (**p) {
    case '{': return json_container(p, depth, '}');
    case '[': return json_container(p, depth, ']');
    case '"': return json_string(p);
    case 't': return strncmp(*p, "true", 4) == 0 ? (*p += 4, true) : false;
    case 'f': return strncmp(*p, "false", 5) == 0 ? (*p += 5, true) : false;
    case 'n': return strncmp(*p, "null", 4) == 0 ? (*p += 4, true) : false;
    default: return json_number(p);
    }
}

static bool json_parses(const char *text)
{
    const char *p = text;
    json_ws(&p);
    if (!json_value(&p, 0))
        return false;
    json_ws(&p);
    return *p == '\0';
}

static void test_json_validator_rejects(void **state)
{
    (void)state;
    /* The checker itself must be able to fail. */
    assert_true(json_parses("{\"a\": [1, -2.5e3, true, null, \"x\\n\"]}"));
    assert_false(json_parses("{\"a\": 1,}"));
    assert_false(json_parses("{\"a\" 1}"));
    assert_false(json_parses("[01]"));
    assert_false(json_parses("{\"a\": 1} x"));
    assert_false(json_parses("[\"unterminated]"));
}

static void test_write_json(void **state)
{
    (void)state;
    pf_doc *doc = new_doc();
    /* alice: every facet raw 32 -> 50 -> all-four; bob: nothing -> weak-in-all. */
    const double all32[PF_FACET_COUNT] = { 32, 32, 32, 32 };
    pf_assessment *a = add_role(doc, "alice", PF_ROLE_TEAM);
    set_raws(a, all32);
    set_cap_max(a);
    add_role(doc, "bob", PF_ROLE_TEAM);
    pf_scores *sc = score(doc);
    assert_int_equal(at(sc, 0)->orientation.tendency, E | M | AD | AN);
    pf_buf buf = PF_BUF_INIT;
    pf_error err;
    assert_int_equal(pf_scores_write_json(sc, false, &buf, &err), PF_OK);
    assert_non_null(buf.data);
    assert_int_equal(strlen(buf.data), buf.size);
    /* Starts with {"schema_version": 1 (whitespace after the brace allowed). */
    const char *p = buf.data;
    assert_int_equal(*p, '{');
    p++;
    json_ws(&p);
    assert_int_equal(strncmp(p, "\"schema_version\": 1", 19), 0);
    assert_true(p[19] == ',' || p[19] == '\n' || p[19] == ' ');
    assert_true(json_parses(buf.data));
    assert_non_null(strstr(buf.data, "\"tendency\": \"all-four\""));
    assert_non_null(strstr(buf.data, "\"tendency\": \"weak-in-all\""));
    assert_non_null(strstr(buf.data, "\"respondent\": \"alice\""));
    assert_non_null(strstr(buf.data, "\"respondent\": \"bob\""));
    assert_non_null(strstr(buf.data, "\"mode\": \"pet\""));
    assert_non_null(strstr(buf.data, "\"level\": \"high\""));
    assert_non_null(strstr(buf.data, "\"team\""));
    /* Deterministic. */
    pf_buf again = PF_BUF_INIT;
    assert_int_equal(pf_scores_write_json(sc, false, &again, &err), PF_OK);
    assert_string_equal(again.data, buf.data);
    pf_buf_dispose(&again);
    /* Anonymous: no pseudonyms, still valid JSON. */
    assert_int_equal(pf_scores_write_json(sc, true, &buf, &err), PF_OK);
    assert_true(json_parses(buf.data));
    assert_null(strstr(buf.data, "\"respondent\""));
    assert_null(strstr(buf.data, "alice"));
    assert_non_null(strstr(buf.data, "\"tendency\": \"all-four\""));
    pf_buf_dispose(&buf);
    assert_int_equal(pf_scores_write_json(sc, false, NULL, &err), PF_EARG);
    pf_scores_free(sc);
    pf_doc_free(doc);
}

/* ---- pet-published mode (docs/method.md 3.6) ---- */

static void assert_pct(const pf_orientation *o, double e, double m, double ad, double an)
{
    assert_true(o->pct[0] == e);
    assert_true(o->pct[1] == m);
    assert_true(o->pct[2] == ad);
    assert_true(o->pct[3] == an);
}

/*
 * One respondent, both defects, computed by hand:
 *   q1 enh 4, mis 2, ada 3, ant 1            -> 4, 2, 3, 1 in both modes
 *   q6.enhancement1 3 (agree-half)           -> enh 1.5 in both modes
 *   q10 [enhancement, mission]               -> enh 4, mis 4 (stated); nothing (published)
 *   q13 [enhancement1, anticipatory1, anticipatory2] -> enh 2, ant 4 (stated); nothing
 *   q14 [mission1]                           -> mis 2 (stated); nothing
 *   q15 [adaptive1, adaptive2, adaptive3]    -> ada 3 (stated); nothing
 * Stated raw 11.5, 8, 6, 5: pct 17.97 -> 18, 12.5 -> 13, 9.375 -> 9, 7.8125 -> 8.
 * Published raw 5.5, 2, 3, 1: pct 8.59 -> 9, 3.125 -> 3, 4.6875 -> 5, 1.5625 -> 2.
 * Capability: q17, q19, q20 yes (4 + 4 + 8 in both modes), then agreement items
 *   q18a 4, q18b 3 (reversed), q21 0, q23a 2, q24d 4 (reversed)
 * stated 4 - 3 + 0 + 2 - 4 = -1: score 16 + 16 - 1 = 31, low;
 * published 1 each, 5: score 16 + 16 + 5 = 37, medium.
 */
static pf_doc *published_doc(void)
{
    pf_doc *doc = new_doc();
    pf_assessment *a = add(doc, "r");
    agree(a, "q1.enhancement", 4);
    agree(a, "q1.mission", 2);
    agree(a, "q1.adaptive", 3);
    agree(a, "q1.anticipatory", 1);
    agree(a, "q6.enhancement1", 3);
    const char *q10[] = { "enhancement", "mission" };
    const char *q13[] = { "enhancement1", "anticipatory1", "anticipatory2" };
    const char *q14[] = { "mission1" };
    const char *q15[] = { "adaptive1", "adaptive2", "adaptive3" };
    opts(a, "q10", q10, 2);
    opts(a, "q13", q13, 3);
    opts(a, "q14", q14, 1);
    opts(a, "q15", q15, 3);
    for (int i = 0; i < 3; i++)
        choice(a, CAP_YES_NO[i], PF_CHOICE_YES);
    agree(a, "q18a", 4);
    agree(a, "q18b", 3);
    agree(a, "q21", 0);
    agree(a, "q23a", 2);
    agree(a, "q24d", 4);
    return doc;
}

static void test_pet_published_by_hand(void **state)
{
    (void)state;
    pf_doc *doc = published_doc();
    pf_scores *sc = score_mode(doc, PF_SCORE_PET);
    const pf_assessment_score *s = at(sc, 0);
    assert_raw(&s->orientation, 11.5, 8, 6, 5);
    assert_pct(&s->orientation, 18, 13, 9, 8);
    assert_true(s->capability.score == 31);
    assert_int_equal(s->capability.level, PF_LEVEL_LOW);
    pf_scores_free(sc);

    sc = score_mode(doc, PF_SCORE_PET_PUBLISHED);
    assert_int_equal(pf_scores_options(sc)->mode, PF_SCORE_PET_PUBLISHED);
    s = at(sc, 0);
    const pf_orientation *o = &s->orientation;
    assert_raw(o, 5.5, 2, 3, 1);
    assert_pct(o, 9, 3, 5, 2);
    assert_pet(o, 9, 3, 5, 2); /* pct is the (published) PET percentage */
    /* The multi questions give nothing, so they add nothing to answered_max either: q1 4 each, q6 2 to enh. */
    assert_answered_max(o, 6, 4, 4, 4);
    ASSERT_NEAR(o->pct_normalised[0], 5.5 / 6 * 100);
    assert_true(o->pct_normalised[1] == 50 && o->pct_normalised[2] == 75 && o->pct_normalised[3] == 25);
    assert_int_equal(o->answered, 9); /* still answered: completeness does not change */
    ASSERT_NEAR(s->completeness, 17.0 / 72);
    assert_true(s->capability.score == 37);
    assert_int_equal(s->capability.level, PF_LEVEL_MEDIUM);
    /* Dimensions from the same points: sense-making q17 4 + q18a 1 + q18b 1 = 6, (6 + 4) / 20 = 50 %;
       stewardship 4 + 8 + 1 = 13; resources 1; learning 1 (q24d). The sums add up to 37 - 16 = 21. */
    assert_dims(&s->capability, 6, 13, 0, 1, 1, 0);
    assert_true(s->capability.dimension_pct[PF_DIMENSION_SENSE_MAKING] == 50);
    assert_int_equal(pf_scores_overall(sc)->capability_level, PF_LEVEL_MEDIUM);
    assert_true(pf_scores_overall(sc)->stats[PF_GROUP_ENHANCEMENT].mean == 9);
    pf_buf buf = PF_BUF_INIT;
    assert_int_equal(pf_scores_write_json(sc, false, &buf, NULL), PF_OK);
    assert_non_null(strstr(buf.data, "\"mode\": \"pet-published\""));
    pf_buf_dispose(&buf);
    pf_scores_free(sc);
    pf_doc_free(doc);
}

/* Every item at its best (build_max_doc): the published tool's facets stop at 75 %, its capability at 55. */
static void test_pet_published_maxima(void **state)
{
    (void)state;
    pf_doc *doc = new_doc();
    build_max_doc(doc);
    pf_assessment *low = add(doc, "cap-min");
    set_cap_min(low);
    pf_scores *sc = score_mode(doc, PF_SCORE_PET_PUBLISHED);
    /* max-enhancement, stated 64, 56, 52, 44 less the multi questions' 16 per facet: 48, 40, 36, 28;
       48/64 = 75, 40/64 = 62.5 -> 63, 36/64 = 56.25 -> 56, 28/64 = 43.75 -> 44. */
    const pf_orientation *o = &at(sc, 0)->orientation;
    assert_raw(o, 48, 40, 36, 28);
    assert_pct(o, 75, 63, 56, 44);
    assert_int_equal(o->tendency, E | M | AD);
    /* normalised over agree 24 + halves 8 + ranks 16 = 48 (anticipatory 24 + 4 + 16 = 44). */
    assert_answered_max(o, 48, 48, 48, 44);
    /* max-anticipatory: 56, 52, 48, 60 -> 40, 36, 32, 44: 63, 56, 50, 68.75 -> 69. */
    o = &at(sc, 3)->orientation;
    assert_raw(o, 40, 36, 32, 44);
    assert_pct(o, 63, 56, 50, 69);
    for (int i = 0; i < 4; i++) {
        /* yes 4 + 4 + 8, and 23 agreement items at 1 each (stated: 92 points, score 108, high). */
        assert_true(at(sc, (size_t)i)->capability.score == 16 + 16 + 23);
        assert_int_equal(at(sc, (size_t)i)->capability.level, PF_LEVEL_MEDIUM);
    }
    /* Every reversed statement fully agreed, the rest 0: stated 16 - 16 = 0 (low), published 16 + 23 = 39. */
    assert_true(at(sc, 4)->capability.score == 39);
    assert_int_equal(at(sc, 4)->capability.level, PF_LEVEL_MEDIUM);
    assert_true(pf_scores_overall(sc)->stats[PF_GROUP_ENHANCEMENT].max == 75);
    pf_scores_free(sc);
    sc = score_mode(doc, PF_SCORE_PET);
    assert_true(at(sc, 4)->capability.score == 0);
    assert_true(at(sc, 0)->capability.score == 108);
    pf_scores_free(sc);
    pf_doc_free(doc);
}

/* The mode finds the published tool's defective questions by form: the default instrument's multi questions
   are exactly Q10, Q13, Q14 and Q15, and its capability agreement items are 23 (the rest yes-no). */
static void test_pet_published_questions(void **state)
{
    (void)state;
    pf_instrument *inst = NULL;
    assert_int_equal(pf_instrument_open_default(&inst, NULL, NULL), PF_OK);
    char multi[64] = "";
    size_t agreement = 0, yes_no = 0;
    for (size_t q = 0; q < pf_instrument_question_count(inst); q++) {
        pf_question_info qi;
        assert_int_equal(pf_instrument_question_at(inst, q, &qi), PF_OK);
        if (qi.form == PF_FORM_MULTI) {
            strcat(multi, qi.id);
            strcat(multi, " ");
        }
        for (size_t i = 0; qi.part == PF_PART_CAPABILITY && i < qi.item_count; i++) {
            pf_item_info ii;
            assert_int_equal(pf_instrument_item_at(inst, q, i, &ii), PF_OK);
            if (ii.form == PF_FORM_YES_NO)
                yes_no++;
            else
                agreement++;
        }
    }
    assert_string_equal(multi, "q10 q13 q14 q15 ");
    assert_int_equal(agreement, 23);
    assert_int_equal(yes_no, 3);
    pf_instrument_free(inst);
}

/* Another instrument has not the published tool's defects: the mode refuses it; names round-trip. */
static void test_pet_published_other_instrument(void **state)
{
    (void)state;
    pf_doc *doc = NULL;
    pf_error err;
    assert_int_equal(pf_doc_read_file(&doc, SOURCE_ROOT "/examples/data/team-pulse.yaml", NULL, NULL, &err), PF_OK);
    pf_score_options o = PF_SCORE_OPTIONS_INIT;
    o.mode = PF_SCORE_PET_PUBLISHED;
    pf_scores *sc = NULL;
    assert_int_equal(pf_doc_score(doc, &o, &sc, NULL, &err), PF_EINVALID);
    assert_null(sc);
    assert_string_equal(err.message, "score mode pet-published reproduces the published PET and applies only to "
                                     "instrument opsi-pet-2020, not team-pulse-2025");
    o.mode = PF_SCORE_PET;
    assert_int_equal(pf_doc_score(doc, &o, &sc, NULL, &err), PF_OK);
    pf_scores_free(sc);
    o.mode = (pf_score_mode)3;
    assert_int_equal(pf_doc_score(doc, &o, &sc, NULL, &err), PF_EARG);
    assert_string_equal(err.message, "unknown score mode 3");
    pf_doc_free(doc);
    const char *names[] = { "pet", "normalised", "pet-published" };
    for (int m = 0; m < PF_SCORE_MODE_COUNT; m++) {
        pf_score_mode back = PF_SCORE_PET;
        assert_string_equal(pf_score_mode_name((pf_score_mode)m), names[m]);
        assert_int_equal(pf_score_mode_from_name(names[m], &back), PF_OK);
        assert_int_equal(back, m);
    }
    pf_score_mode unchanged = PF_SCORE_NORMALISED;
    assert_null(pf_score_mode_name((pf_score_mode)3));
    assert_null(pf_score_mode_name((pf_score_mode)-1));
    assert_int_equal(pf_score_mode_from_name("published", &unchanged), PF_EARG);
    assert_int_equal(pf_score_mode_from_name(NULL, &unchanged), PF_EARG);
    assert_int_equal(unchanged, PF_SCORE_NORMALISED);
}

/* ---- completeness floor (docs/method.md 7.1) ---- */

/* Answers the first n of 61 agreement slots (6 x 4 plain orientation items, q16's 8, q6's 6, then capability's
   19 agree and 4 reversed items), each with v. */
static void answer_slots(pf_assessment *a, size_t n, int v)
{
    size_t k = 0;
    for (int i = 0; i < 6; i++)
        for (int f = 0; f < PF_FACET_COUNT && k < n; f++, k++)
            agree_f(a, AGREE_Q[i], f, 0, v);
    for (int f = 0; f < PF_FACET_COUNT; f++)
        for (int j = 1; j <= 2 && k < n; j++, k++)
            agree_f(a, "q16", f, j, v);
    for (int f = 0; f < 3; f++)
        for (int j = 1; j <= 2 && k < n; j++, k++)
            agree_f(a, "q6", f, j, v);
    for (int i = 0; i < 19 && k < n; i++, k++)
        agree(a, CAP_AGREE[i], v);
    for (int i = 0; i < 4 && k < n; i++, k++)
        agree(a, CAP_REVERSED[i], v);
    if (k != n)
        fail_msg("answer_slots: only %zu of %zu slots", k, n);
}

/* half: 36 of 72 slots, exactly 0.5 (team); below: 35, 0.486 (team); most: 58, 0.806 (senior-management);
   every answer 4. */
static pf_doc *completeness_doc(void)
{
    pf_doc *doc = new_doc();
    answer_slots(add_role(doc, "half", PF_ROLE_TEAM), 36, 4);
    answer_slots(add_role(doc, "below", PF_ROLE_TEAM), 35, 4);
    answer_slots(add_role(doc, "most", PF_ROLE_SENIOR_MANAGEMENT), 58, 4);
    return doc;
}

static void test_completeness_floor(void **state)
{
    (void)state;
    pf_doc *doc = completeness_doc();
    pf_scores *sc = score_opts(doc, NULL);
    /* Default floor 0.5: 36/72 is exactly on it and counts; 35/72 is below it. */
    assert_true(pf_scores_options(sc)->completeness_floor == 0.5);
    assert_false(pf_scores_options(sc)->include_incomplete);
    assert_true(at(sc, 0)->completeness == 0.5);
    assert_false(at(sc, 0)->left_out);
    ASSERT_NEAR(at(sc, 1)->completeness, 35.0 / 72);
    assert_true(at(sc, 1)->left_out);
    ASSERT_NEAR(at(sc, 2)->completeness, 58.0 / 72);
    assert_false(at(sc, 2)->left_out);
    assert_int_equal(pf_scores_left_out_count(sc), 1);
    /* The left-out respondent is still scored: 35 slots: raw 32, 30, 28, 28 (q16 all, q6 enh1 enh2 mis1)
       -> pct 50, 47 (46.875), 44 (43.75), 44. */
    assert_pet(&at(sc, 1)->orientation, 50, 47, 44, 44);
    /* ...but counted nowhere. half: 36 slots, raw 32, 32, 28, 28: pct 50, 50, 44, 44; capability 16. most: every
       orientation agree slot, raw 24 + 4 (q16) + 4 (q6) = 32, 32, 32, anticipatory 28 (no q6): 50, 50, 50, 44;
       then the 19 agree items at 4 and q18b (reversed) at 4: 16 + 76 - 4 = 88. */
    assert_pet(&at(sc, 0)->orientation, 50, 50, 44, 44);
    assert_pet(&at(sc, 2)->orientation, 50, 50, 50, 44);
    assert_true(at(sc, 2)->capability.score == 88);
    const pf_group *all = pf_scores_overall(sc);
    assert_int_equal(all->stats[0].n, 2);
    assert_true(all->stats[PF_GROUP_MISSION].mean == 50);       /* (50 + 50) / 2: below's 47 not counted */
    assert_true(all->stats[PF_GROUP_ADAPTIVE].mean == 47);      /* (44 + 50) / 2 */
    assert_true(all->stats[PF_GROUP_CAPABILITY].mean == 52);    /* (16 + 88) / 2 */
    assert_int_equal(pf_scores_by_role(sc, PF_ROLE_TEAM)->stats[0].n, 1);
    assert_true(pf_scores_by_role(sc, PF_ROLE_TEAM)->stats[PF_GROUP_MISSION].mean == 50);
    assert_int_equal(pf_scores_by_role(sc, PF_ROLE_SENIOR_MANAGEMENT)->stats[0].n, 1);
    pf_buf buf = PF_BUF_INIT;
    assert_int_equal(pf_scores_write_json(sc, false, &buf, NULL), PF_OK);
    assert_non_null(strstr(buf.data, "\"completeness_floor\": 0.5,\n    \"include_incomplete\": false\n"));
    assert_non_null(strstr(buf.data, "\"completeness\": 0.4861111111111111,\n      \"left_out\": true,"));
    assert_non_null(strstr(buf.data, "\"completeness\": 0.5,\n      \"left_out\": false,"));
    assert_non_null(strstr(buf.data, "\n  ],\n  \"left_out\": 1,\n  \"overall\": {\n    \"n\": 2,"));
    pf_buf_dispose(&buf);
    pf_scores_free(sc);

    /* include_incomplete: everyone counts. */
    pf_score_options o = PF_SCORE_OPTIONS_INIT;
    o.include_incomplete = true;
    sc = score_opts(doc, &o);
    assert_int_equal(pf_scores_left_out_count(sc), 0);
    assert_false(at(sc, 1)->left_out);
    assert_int_equal(pf_scores_overall(sc)->stats[0].n, 3);
    assert_true(pf_scores_overall(sc)->stats[PF_GROUP_MISSION].mean == 49); /* (50 + 47 + 50) / 3 */
    assert_int_equal(pf_scores_by_role(sc, PF_ROLE_TEAM)->stats[0].n, 2);
    assert_true(pf_scores_by_role(sc, PF_ROLE_TEAM)->stats[PF_GROUP_MISSION].mean == 48.5);
    pf_scores_free(sc);

    /* A floor of 0.8: 58/72 = 0.806 counts, 36/72 no longer; 0.81 leaves everyone out. */
    o = (pf_score_options)PF_SCORE_OPTIONS_INIT;
    o.completeness_floor = 0.8;
    sc = score_opts(doc, &o);
    assert_int_equal(pf_scores_left_out_count(sc), 2);
    assert_int_equal(pf_scores_overall(sc)->stats[0].n, 1);
    assert_true(pf_scores_overall(sc)->stats[PF_GROUP_CAPABILITY].mean == 88);
    assert_int_equal(pf_scores_by_role(sc, PF_ROLE_TEAM)->stats[0].n, 0);
    pf_scores_free(sc);
    o.completeness_floor = 0.81;
    sc = score_opts(doc, &o);
    assert_int_equal(pf_scores_left_out_count(sc), 3);
    assert_int_equal(pf_scores_overall(sc)->stats[0].n, 0);
    assert_int_equal(pf_scores_flag_count(sc), 0);
    assert_int_equal(pf_scores_count(sc), 3);
    pf_scores_free(sc);

    /* A version 1 struct ends before the completeness members: they are not read, the defaults apply. */
    o = (pf_score_options)PF_SCORE_OPTIONS_INIT;
    o.version = 1;
    o.completeness_floor = 0.9;
    o.include_incomplete = true;
    sc = score_opts(doc, &o);
    assert_int_equal(pf_scores_left_out_count(sc), 1);
    assert_true(pf_scores_options(sc)->completeness_floor == 0.5);
    assert_int_equal(pf_scores_options(sc)->version, PF_SCORE_OPTIONS_VERSION);
    pf_scores_free(sc);

    /* Out of range: refused, naming the member. */
    const double bad[] = { -0.1, 1.5, NAN };
    const char *const got[] = { "-0.1", "1.5", "nan" };
    for (int i = 0; i < 3; i++) {
        o = (pf_score_options)PF_SCORE_OPTIONS_INIT;
        o.completeness_floor = bad[i];
        pf_error err;
        sc = NULL;
        assert_int_equal(pf_doc_score(doc, &o, &sc, NULL, &err), PF_EARG);
        assert_null(sc);
        char want[128];
        snprintf(want, sizeof want, "pf_score_options.completeness_floor: must be from 0 to 1 (got %s)", got[i]);
        assert_string_equal(err.message, want);
    }
    o = (pf_score_options)PF_SCORE_OPTIONS_INIT;
    o.version = 3;
    assert_int_equal(pf_doc_score(doc, &o, &sc, NULL, NULL), PF_EARG);
    pf_doc_free(doc);
}

/* Flags are raised over the counted respondents only: a left-out outlier spreads nothing. */
static void test_completeness_floor_and_flags(void **state)
{
    (void)state;
    pf_doc *doc = new_doc();
    /* Three respondents answering 58 slots at 4, one answering 35 slots at 0: with it, enhancement pct 50, 50, 50,
       0 (sd 25 > 15: low agreement); without it, sd 0. */
    for (int i = 0; i < 3; i++) {
        char id[16];
        snprintf(id, sizeof id, "full%d", i);
        answer_slots(add(doc, id), 58, 4);
    }
    answer_slots(add(doc, "zero"), 35, 0);
    pf_scores *sc = score_opts(doc, NULL);
    assert_int_equal(pf_scores_left_out_count(sc), 1);
    assert_int_equal(pf_scores_flag_count(sc), 0);
    pf_scores_free(sc);
    pf_score_options o = PF_SCORE_OPTIONS_INIT;
    o.include_incomplete = true;
    sc = score_opts(doc, &o);
    assert_true(pf_scores_flag_count(sc) > 0);
    const pf_flag *f = find_flag(sc, PF_FLAG_LOW_AGREEMENT, PF_GROUP_ENHANCEMENT);
    assert_non_null(f);
    assert_int_equal(f->n, 4);
    assert_true(f->value == 25); /* mean 37.5; squares 3 x 12.5^2 + 37.5^2 = 1875; / 3 = 625 */
    pf_scores_free(sc);
    pf_doc_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_agree_and_half_points),
        cmocka_unit_test(test_rank_points),
        cmocka_unit_test(test_multi_points),
        cmocka_unit_test(test_unanswered_scores_zero),
        cmocka_unit_test(test_pet_rounding_and_strong_boundary),
        cmocka_unit_test(test_pet_maxima),
        cmocka_unit_test(test_normalised_everything_answered),
        cmocka_unit_test(test_normalised_partial),
        cmocka_unit_test(test_all_sixteen_tendency_groups),
        cmocka_unit_test(test_completeness_and_counts),
        cmocka_unit_test(test_strict),
        cmocka_unit_test(test_capability_extremes),
        cmocka_unit_test(test_capability_level_boundaries),
        cmocka_unit_test(test_dimension_boundaries),
        cmocka_unit_test(test_stats_single_respondent),
        cmocka_unit_test(test_stats_odd_and_even),
        cmocka_unit_test(test_stats_by_role_and_divergence),
        cmocka_unit_test(test_low_agreement_flag),
        cmocka_unit_test(test_perception_gap_flag),
        cmocka_unit_test(test_group_tendency_and_threshold),
        cmocka_unit_test(test_results_outlive_document),
        cmocka_unit_test(test_json_validator_rejects),
        cmocka_unit_test(test_write_json),
        cmocka_unit_test(test_pet_published_by_hand),
        cmocka_unit_test(test_pet_published_maxima),
        cmocka_unit_test(test_pet_published_questions),
        cmocka_unit_test(test_pet_published_other_instrument),
        cmocka_unit_test(test_completeness_floor),
        cmocka_unit_test(test_completeness_floor_and_flags),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
