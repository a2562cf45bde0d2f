/*
 * The default rule catalogue (data/rules.yaml, METHOD.md 6): each rule fires
 * exactly when its condition holds, checked on both sides of its threshold;
 * the order of the recommendations, their evidence, and their messages in
 * English, French and a language without translations.
 *
 * Documents are built through the public API, then scored, mapped and
 * evaluated with the default catalogue. Every threshold value is computed by
 * hand in the comments. PET percentages are round(raw / 64 * 100), so they
 * move in steps: a raw of 32 gives 50 (strong), 31.5 gives 49.22 -> 49 (weak).
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

#ifndef SOURCE_ROOT
#define SOURCE_ROOT "."
#endif

/* French typography: U+00A0 no-break space, U+202F narrow no-break space. */
#define NBSP "\xc2\xa0"
#define NNBSP "\xe2\x80\xaf"

enum { E = PF_FACET_ENHANCEMENT, M = PF_FACET_MISSION, AD = PF_FACET_ADAPTIVE, AN = PF_FACET_ANTICIPATORY };

/* Scoring options that keep every respondent in the statistics: the documents here answer a few items each,
   below the default completeness floor (docs/method.md 7.1), and test something else. */
static const pf_score_options *every_respondent(void)
{
    static const pf_score_options o = { .version = PF_SCORE_OPTIONS_VERSION, .include_incomplete = true };
    return &o;
}

static const char *const FACET[PF_FACET_COUNT] = { "enhancement", "mission", "adaptive", "anticipatory" };
static const char *const AGREE_Q[6] = { "q1", "q3", "q4", "q7", "q9", "q11" };
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

static pf_rules *g_rules; /* the default catalogue, opened once */

/* ---- building documents ---- */

static pf_doc *new_doc(void)
{
    pf_doc *doc = NULL;
    assert_int_equal(pf_doc_new(&doc, NULL, NULL), PF_OK);
    return doc;
}

static pf_assessment *respondent(pf_doc *doc, pf_role role)
{
    char id[32];
    snprintf(id, sizeof id, "r%zu", pf_doc_assessment_count(doc) + 1);
    pf_assessment *a = NULL;
    assert_int_equal(pf_doc_add_assessment(doc, id, &a, NULL), PF_OK);
    assert_non_null(a);
    if (role != PF_ROLE_UNSET)
        assert_int_equal(pf_assessment_set_role(a, role, NULL), PF_OK);
    return a;
}

static void agree(pf_assessment *a, const char *id, int v)
{
    pf_error err;
    if (pf_assessment_set_agreement(a, id, v, &err) != PF_OK)
        fail_msg("set %s = %d: %s", id, v, err.message);
}

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

static void options(pf_assessment *a, const char *q, const char *const *ids, size_t n)
{
    pf_error err;
    if (pf_assessment_set_options(a, q, ids, n, &err) != PF_OK)
        fail_msg("set %s: %s", q, err.message);
}

/*
 * Gives each facet exactly raw[f] points (a multiple of 0.5, at most 48) without
 * rank questions: the six plain agree items (all answered, 0 included, so the
 * answered maximum is 24 per facet when nothing else is needed), then q10 (4),
 * q13 (2+2), q14 (2+2), q15 (1 each), then the half items of q16 and q6.
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
            if (k > 2 && f == AN)
                break; /* q6 has no anticipatory item */
            double pts = r >= 2 ? 2 : r;
            agree_f(a, k <= 2 ? "q16" : "q6", f, k <= 2 ? k : k - 2, (int)(pts * 2));
            r -= pts;
        }
        if (r != 0)
            fail_msg("set_raws: %g points of facet %d left over", r, f);
    }
    if (n10)
        options(a, "q10", q10, n10);
    if (n13)
        options(a, "q13", q13, n13);
    if (n14)
        options(a, "q14", q14, n14);
    if (n15)
        options(a, "q15", q15, n15);
}

/* The smallest raw (a multiple of 0.5) whose PET pct, round(raw / 64 * 100) halves up, is `pct`. */
static double raw_for_pct(int pct)
{
    for (double raw = 0; raw <= 48; raw += 0.5)
        if (floor(raw / 64 * 100 + 0.5) == pct)
            return raw;
    fail_msg("no raw gives a PET pct of %d", pct);
    return 0;
}

/* A respondent whose PET facet pcts are exactly pct[] (checked after scoring by expect_pcts). */
static pf_assessment *respondent_pcts(pf_doc *doc, pf_role role, int e, int m, int ad, int an)
{
    pf_assessment *a = respondent(doc, role);
    double raw[PF_FACET_COUNT] = { raw_for_pct(e), raw_for_pct(m), raw_for_pct(ad), raw_for_pct(an) };
    set_raws(a, raw);
    return a;
}

/* ---- capability dimensions (METHOD.md 2.4) ---- */

typedef struct dim_items {
    const char *agree[4];    /* 0..4 points each */
    const char *reversed[3]; /* -4..0 points each */
    const char *yes[2];      /* yes gives yes_points */
    int yes_points[2];
    int min;                 /* the dimension's minimum sum */
    int span;                /* max - min */
} dim_items;

static const dim_items DIMS[PF_DIMENSION_COUNT] = {
    /* sense-making: q17 yes 4, q18a, q22a, q22d agree, q18b reversed: -4..16 */
    { { "q18a", "q22a", "q22d" }, { "q18b" }, { "q17" }, { 4 }, -4, 20 },
    /* stewardship: q19 yes 4, q20 yes 8, q21, q22b, q22c agree: 0..24 */
    { { "q21", "q22b", "q22c" }, { NULL }, { "q20", "q19" }, { 8, 4 }, 0, 24 },
    /* structures: q24a, q24b: 0..8 */
    { { "q24a", "q24b" }, { NULL }, { NULL }, { 0 }, 0, 8 },
    /* resources: q23a-d: 0..16 */
    { { "q23a", "q23b", "q23c", "q23d" }, { NULL }, { NULL }, { 0 }, 0, 16 },
    /* learning: q22e, q24c, q24e, q24f agree, q24d, q24g, q24h reversed: -12..16 */
    { { "q22e", "q24c", "q24e", "q24f" }, { "q24d", "q24g", "q24h" }, { NULL }, { 0 }, -12, 28 },
    /* ecosystem: q24i, q24j, q24k: 0..12 */
    { { "q24i", "q24j", "q24k" }, { NULL }, { NULL }, { 0 }, 0, 12 },
};

/* Answers the items of dimension d so that it sits `above` points over its minimum. */
static void set_dimension(pf_assessment *a, int d, int above)
{
    const dim_items *it = &DIMS[d];
    int sum = above + it->min, agree_room = 0;
    for (int i = 0; i < 4 && it->agree[i]; i++)
        agree_room += 4;
    for (int i = 0; i < 2 && it->yes[i]; i++)
        if (sum > agree_room && sum >= it->yes_points[i]) {
            choice(a, it->yes[i], PF_CHOICE_YES);
            sum -= it->yes_points[i];
        }
    for (int i = 0; i < 4 && it->agree[i] && sum > 0; i++) {
        int v = sum >= 4 ? 4 : sum;
        agree(a, it->agree[i], v);
        sum -= v;
    }
    for (int i = 0; i < 3 && it->reversed[i] && sum < 0; i++) {
        int v = -sum >= 4 ? 4 : -sum;
        agree(a, it->reversed[i], v);
        sum += v;
    }
    if (sum != 0)
        fail_msg("set_dimension %s: %d points left over", pf_dimension_name((pf_dimension)d), sum);
}

/* Capability item points in total (score = 16 + points), from the 19 plain agree items. */
static void set_capability_points(pf_assessment *a, int points)
{
    static const char *const items[19] = { "q18a", "q21",  "q22a", "q22b", "q22c", "q22d", "q22e",
                                            "q23a", "q23b", "q23c", "q23d", "q24a", "q24b", "q24c",
                                            "q24e", "q24f", "q24i", "q24j", "q24k" };
    for (int i = 0; i < 19 && points > 0; i++) {
        int v = points >= 4 ? 4 : points;
        agree(a, items[i], v);
        points -= v;
    }
    if (points != 0)
        fail_msg("set_capability_points: %d left over", points);
}

/* ---- projects ---- */

/* A project placed by purpose and driver (-1 leaves either unset), with a priority and a stage (-1: unset). */
static pf_project *project(pf_doc *doc, int purpose, int driver, int priority, int stage)
{
    char id[32];
    snprintf(id, sizeof id, "p%zu", pf_doc_project_count(doc) + 1);
    pf_project *p = NULL;
    assert_int_equal(pf_doc_add_project(doc, id, &p, NULL), PF_OK);
    if (purpose >= 0)
        assert_int_equal(pf_project_set_purpose(p, (pf_purpose)purpose, NULL), PF_OK);
    if (driver >= 0)
        assert_int_equal(pf_project_set_driver(p, (pf_facet)driver, NULL), PF_OK);
    if (priority >= 0)
        assert_int_equal(pf_project_set_priority(p, (pf_priority)priority, NULL), PF_OK);
    if (stage >= 0)
        assert_int_equal(pf_project_set_stage(p, (pf_stage)stage, NULL), PF_OK);
    return p;
}

/* A project in one facet's own zone (purpose and driver that facet). */
static void pure(pf_doc *doc, int facet, int n)
{
    for (int i = 0; i < n; i++)
        project(doc, facet, facet, -1, -1);
}

/* A project placed by explicit facet weights. */
static void weighted(pf_doc *doc, double e, double m, double ad, double an)
{
    double w[PF_FACET_COUNT] = { e, m, ad, an };
    assert_int_equal(pf_project_set_facet_weights(project(doc, -1, -1, -1, -1), w, NULL), PF_OK);
}

static void targets(pf_doc *doc, double e, double m, double ad, double an)
{
    double t[PF_FACET_COUNT] = { e, m, ad, an };
    assert_int_equal(pf_doc_set_targets(doc, t, NULL), PF_OK);
}

/* ---- evaluating ---- */

static void check_rendered(const pf_advice *adv, const char *lang)
{
    for (size_t i = 0; i < pf_advice_count(adv); i++) {
        const pf_recommendation *r = pf_advice_at(adv, i);
        /* Every default rule is translated; no placeholder is left or unresolved ("?"). */
        if (strcmp(r->lang, lang) != 0)
            fail_msg("%s: message in '%s', expected '%s'", r->rule, r->lang, lang);
        if (strchr(r->message, '{') || strchr(r->message, '}') || strchr(r->message, '?'))
            fail_msg("%s: unrendered placeholder in \"%s\"", r->rule, r->message);
    }
}

/* "rule:subject rule ..." in output order. */
static const char *listing(const pf_advice *adv)
{
    static char buf[4][2048];
    static int next;
    char *out = buf[next++ % 4];
    out[0] = '\0';
    for (size_t i = 0; i < pf_advice_count(adv); i++) {
        const pf_recommendation *r = pf_advice_at(adv, i);
        size_t n = strlen(out);
        snprintf(out + n, 2048 - n, "%s%s%s%s", n ? " " : "", r->rule, r->subject ? ":" : "",
                 r->subject ? r->subject : "");
    }
    return out;
}

/*
 * Scores and maps the document, evaluates the default catalogue in `lang`
 * (NULL: English) and frees the document. In English, the French run is made
 * too and must give the same recommendations, all translated.
 */
static pf_advice *advise_with(pf_doc *doc, const size_t *relations, const char *lang, const pf_score_options *so)
{
    pf_scores *sc = NULL;
    pf_map *map = NULL;
    pf_error err;
    if (pf_doc_score(doc, so, &sc, NULL, &err) != PF_OK)
        fail_msg("pf_doc_score: %s", err.message);
    if (pf_doc_map(doc, NULL, sc, &map, &err) != PF_OK)
        fail_msg("pf_doc_map: %s", err.message);
    pf_analysis an = { sc, map, relations };
    pf_advice_options o = PF_ADVICE_OPTIONS_INIT;
    o.lang = lang;
    pf_advice *adv = NULL, *fr = NULL;
    assert_int_equal(pf_recommend(g_rules, &an, &o, &adv, &err), PF_OK);
    if (!lang) {
        o.lang = "fr";
        assert_int_equal(pf_recommend(g_rules, &an, &o, &fr, &err), PF_OK);
    }
    /* The recommendations refer to nothing else. */
    pf_scores_free(sc);
    pf_map_free(map);
    pf_doc_free(doc);
    if (fr) {
        check_rendered(adv, "en");
        check_rendered(fr, "fr");
        assert_string_equal(listing(fr), listing(adv));
        pf_advice_free(fr);
    }
    return adv;
}

static pf_advice *advise_lang(pf_doc *doc, const size_t *relations, const char *lang)
{
    return advise_with(doc, relations, lang, every_respondent());
}

static pf_advice *advise(pf_doc *doc)
{
    return advise_lang(doc, NULL, NULL);
}

/* The subjects a rule fired for, in output order ("enhancement adaptive"); "*" for a rule without subject. */
static const char *fired(const pf_advice *adv, const char *rule)
{
    static char buf[8][256];
    static int next;
    char *out = buf[next++ % 8];
    out[0] = '\0';
    for (size_t i = 0; i < pf_advice_count(adv); i++) {
        const pf_recommendation *r = pf_advice_at(adv, i);
        if (strcmp(r->rule, rule) != 0)
            continue;
        size_t n = strlen(out);
        snprintf(out + n, 256 - n, "%s%s", n ? " " : "", r->subject ? r->subject : "*");
    }
    return out;
}

static const pf_recommendation *find(const pf_advice *adv, const char *rule, const char *subject)
{
    for (size_t i = 0; i < pf_advice_count(adv); i++) {
        const pf_recommendation *r = pf_advice_at(adv, i);
        if (strcmp(r->rule, rule) == 0 &&
            (subject ? r->subject && strcmp(r->subject, subject) == 0 : r->subject == NULL))
            return r;
    }
    fail_msg("%s %s did not fire; got: %s", rule, subject ? subject : "", listing(adv));
    return NULL;
}

/* The value of a metric in a recommendation's evidence (it must be there). */
static double evidence(const pf_recommendation *r, const char *metric)
{
    for (size_t i = 0; i < r->evidence_count; i++)
        if (strcmp(r->evidence[i].metric, metric) == 0)
            return r->evidence[i].value;
    fail_msg("%s: no evidence %s", r->rule, metric);
    return NAN;
}

static void assert_evidence_at(const pf_recommendation *r, size_t i, const char *metric, double value)
{
    assert_true(i < r->evidence_count);
    assert_string_equal(r->evidence[i].metric, metric);
    assert_null(r->evidence[i].text);
    if (r->evidence[i].value != value)
        fail_msg("%s: evidence %s = %.17g, expected %.17g", r->rule, metric, r->evidence[i].value, value);
}

#define FIRES(adv, rule, subjects) assert_string_equal(fired(adv, rule), subjects)
#define SILENT(adv, rule) assert_string_equal(fired(adv, rule), "")

/* ---- the catalogue ---- */

static void test_default_catalogue_opens(void **state)
{
    (void)state;
    pf_rules *rules = NULL;
    assert_int_equal(pf_rules_open_default(&rules, NULL, NULL), PF_OK);
    assert_true(pf_rules_count(rules) >= 30);
    assert_string_equal(pf_rules_id_at(rules, 0), "S01");
    pf_rules_free(rules);
}

/* Every rule of METHOD.md 6 is in the catalogue under its id. */
static void test_catalogue_ids(void **state)
{
    (void)state;
    static const char *const ids[] = {
        "S01", "S02", "S03", "R01", "R02.all-four", "R02.weak-in-all", "R02.primarily-enhancement",
        "R02.primarily-mission", "R02.primarily-adaptive", "R02.primarily-anticipatory", "R02.enhancement-mission",
        "R02.enhancement-adaptive", "R02.enhancement-anticipatory", "R02.mission-adaptive",
        "R02.mission-anticipatory", "R02.adaptive-anticipatory", "R02.enhancement-mission-adaptive",
        "R02.enhancement-mission-anticipatory", "R02.enhancement-adaptive-anticipatory",
        "R02.mission-adaptive-anticipatory", "R03", "R04.all-weak", "R04.all-strong", "R05", "R06", "R07",
        "R08.low", "R08.medium", "R08.high", "R08.dimension", "R09", "R10", "R11", "R12", "R13",
    };
    size_t n = sizeof ids / sizeof *ids;
    assert_int_equal(pf_rules_count(g_rules), n);
    for (size_t i = 0; i < n; i++)
        assert_string_equal(pf_rules_id_at(g_rules, i), ids[i]);
}

/* ---- S01 / R01: the strong threshold, pct 50 ---- */

static void check_pcts(pf_doc *doc, int e, int m, int ad, int an)
{
    pf_scores *sc = NULL;
    assert_int_equal(pf_doc_score(doc, every_respondent(), &sc, NULL, NULL), PF_OK);
    const pf_assessment_score *s = pf_scores_at(sc, pf_scores_count(sc) - 1);
    assert_non_null(s);
    assert_true(s->orientation.pct[E] == e);
    assert_true(s->orientation.pct[M] == m);
    assert_true(s->orientation.pct[AD] == ad);
    assert_true(s->orientation.pct[AN] == an);
    pf_scores_free(sc);
}

static void test_s01_r01_strong_threshold(void **state)
{
    (void)state;
    /* raw 32 -> 32/64*100 = 50 (strong); raw 31.5 -> 49.22 -> 49 (weak). */
    pf_doc *doc = new_doc();
    respondent_pcts(doc, PF_ROLE_UNSET, 50, 49, 50, 49);
    check_pcts(doc, 50, 49, 50, 49);
    pf_advice *adv = advise(doc);
    FIRES(adv, "S01", "enhancement adaptive");
    FIRES(adv, "R01", "mission anticipatory");
    const pf_recommendation *r = find(adv, "S01", "enhancement");
    assert_int_equal(r->kind, PF_ADVICE_STRENGTH);
    assert_string_equal(r->subject_kind, "facet");
    assert_evidence_at(r, 0, "orientation.enhancement.strong", 1);
    r = find(adv, "R01", "mission");
    assert_int_equal(r->kind, PF_ADVICE_ACTION);
    assert_evidence_at(r, 0, "orientation.mission.strong", 0);
    pf_advice_free(adv);

    doc = new_doc();
    respondent_pcts(doc, PF_ROLE_UNSET, 49, 50, 49, 50);
    check_pcts(doc, 49, 50, 49, 50);
    adv = advise(doc);
    FIRES(adv, "S01", "mission anticipatory");
    FIRES(adv, "R01", "enhancement adaptive");
    pf_advice_free(adv);

    /* No respondents: neither (the metrics are absent). */
    doc = new_doc();
    pure(doc, E, 1);
    adv = advise(doc);
    SILENT(adv, "S01");
    SILENT(adv, "R01");
    pf_advice_free(adv);
}

/* ---- R02: the sixteen tendency groups ---- */

static void test_r02_tendency_groups(void **state)
{
    (void)state;
    /* Indexed by the strong mask: bit f set when facet f is strong. */
    static const char *const expected[16] = {
        "R02.weak-in-all",
        "R02.primarily-enhancement",
        "R02.primarily-mission",
        "R02.enhancement-mission",
        "R02.primarily-adaptive",
        "R02.enhancement-adaptive",
        "R02.mission-adaptive",
        "R02.enhancement-mission-adaptive",
        "R02.primarily-anticipatory",
        "R02.enhancement-anticipatory",
        "R02.mission-anticipatory",
        "R02.enhancement-mission-anticipatory",
        "R02.adaptive-anticipatory",
        "R02.enhancement-adaptive-anticipatory",
        "R02.mission-adaptive-anticipatory",
        "R02.all-four",
    };
    for (unsigned mask = 0; mask < 16; mask++) {
        /* Strong facets at 50, the others at 49: every facet on one side of the threshold. */
        int pct[PF_FACET_COUNT];
        for (int f = 0; f < PF_FACET_COUNT; f++)
            pct[f] = mask >> f & 1 ? 50 : 49;
        pf_doc *doc = new_doc();
        respondent_pcts(doc, PF_ROLE_UNSET, pct[E], pct[M], pct[AD], pct[AN]);
        pf_advice *adv = advise(doc);
        size_t n = 0;
        const pf_recommendation *r02 = NULL;
        for (size_t i = 0; i < pf_advice_count(adv); i++) {
            const pf_recommendation *r = pf_advice_at(adv, i);
            if (strncmp(r->rule, "R02.", 4) == 0) {
                n++;
                r02 = r;
            }
        }
        if (n != 1 || strcmp(r02->rule, expected[mask]) != 0)
            fail_msg("mask %u: expected %s alone, got %s", mask, expected[mask], listing(adv));
        assert_int_equal(r02->kind, PF_ADVICE_INFO);
        assert_null(r02->subject);
        assert_int_equal(r02->evidence_count, 1);
        assert_string_equal(r02->evidence[0].metric, "tendency");
        assert_non_null(r02->evidence[0].text);
        pf_advice_free(adv);
    }
}

/* ---- R03: lock-in ---- */

static void test_r03_lock_in(void **state)
{
    (void)state;
    /* One strong facet (50 vs 49s): strong_count 1, top margin 1, no shares (no projects). */
    pf_doc *doc = new_doc();
    respondent_pcts(doc, PF_ROLE_UNSET, 50, 49, 49, 49);
    pf_advice *adv = advise(doc);
    FIRES(adv, "R03", "*");
    pf_advice_free(adv);

    /* Two strong (strong_count 2), none strong (0): margins 0 and 0. */
    doc = new_doc();
    respondent_pcts(doc, PF_ROLE_UNSET, 50, 50, 49, 49);
    adv = advise(doc);
    SILENT(adv, "R03");
    pf_advice_free(adv);
    doc = new_doc();
    respondent_pcts(doc, PF_ROLE_UNSET, 49, 49, 49, 49);
    adv = advise(doc);
    SILENT(adv, "R03");
    pf_advice_free(adv);

    /* Top margin: 45 - 15 = 30 fires, 45 - 16 = 29 does not; no facet strong (count 0). */
    doc = new_doc();
    respondent_pcts(doc, PF_ROLE_UNSET, 45, 15, 0, 0);
    adv = advise(doc);
    FIRES(adv, "R03", "*");
    const pf_recommendation *r = find(adv, "R03", NULL);
    assert_true(evidence(r, "orientation.strong_count") == 0);
    assert_true(evidence(r, "orientation.top_margin") == 30);
    pf_advice_free(adv);
    doc = new_doc();
    respondent_pcts(doc, PF_ROLE_UNSET, 45, 16, 0, 0);
    adv = advise(doc);
    SILENT(adv, "R03");
    pf_advice_free(adv);

    /* HHI: purpose enhancement, driver mission -> shares 0.5, 0.5: 0.25 + 0.25 = 0.5 fires. */
    doc = new_doc();
    project(doc, E, M, -1, -1);
    adv = advise(doc);
    FIRES(adv, "R03", "*");
    r = find(adv, "R03", NULL);
    assert_true(evidence(r, "portfolio.hhi") == 0.5);
    pf_advice_free(adv);
    /* Weights 0.50, 0.49, 0.01: 0.25 + 0.2401 + 0.0001 = 0.4902 does not (two facets alone never go below 0.5). */
    doc = new_doc();
    weighted(doc, 50, 49, 1, 0);
    adv = advise(doc);
    SILENT(adv, "R03");
    pf_advice_free(adv);

    /* None of the three: two strong facets, margin 0, an even portfolio (HHI 0.25). */
    doc = new_doc();
    respondent_pcts(doc, PF_ROLE_UNSET, 50, 50, 49, 49);
    weighted(doc, 1, 1, 1, 1);
    adv = advise(doc);
    SILENT(adv, "R03");
    pf_advice_free(adv);
}

/* ---- R04: all weak, all strong ---- */

static void test_r04_all_weak_all_strong(void **state)
{
    (void)state;
    static const struct {
        int pct[4];
        const char *weak, *strong;
    } cases[] = {
        { { 49, 49, 49, 49 }, "*", "" },
        { { 49, 49, 50, 49 }, "", "" },
        { { 50, 50, 49, 50 }, "", "" },
        { { 50, 50, 50, 50 }, "", "*" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        pf_doc *doc = new_doc();
        respondent_pcts(doc, PF_ROLE_UNSET, cases[i].pct[0], cases[i].pct[1], cases[i].pct[2], cases[i].pct[3]);
        pf_advice *adv = advise(doc);
        FIRES(adv, "R04.all-weak", cases[i].weak);
        FIRES(adv, "R04.all-strong", cases[i].strong);
        pf_advice_free(adv);
    }
}

/* ---- R05: orientation against projects, |mismatch| >= 0.25 ---- */

static void test_r05_mismatch(void **state)
{
    (void)state;
    /*
     * Raws 12, 12, 0, 0 on the six agree items only: answered maximum 24 per facet, normalised
     * pcts 50, 50, 0, 0, orientation mix 0.5, 0.5, 0, 0. Against shares of 0.25 each, the
     * mismatches are 0.25, 0.25, -0.25, -0.25 (exact in binary): all four fire.
     */
    pf_doc *doc = new_doc();
    double raw[PF_FACET_COUNT] = { 12, 12, 0, 0 };
    set_raws(respondent(doc, PF_ROLE_UNSET), raw);
    weighted(doc, 1, 1, 1, 1);
    pf_advice *adv = advise(doc);
    FIRES(adv, "R05", "enhancement mission adaptive anticipatory");
    const pf_recommendation *r = find(adv, "R05", "enhancement");
    assert_evidence_at(r, 0, "portfolio.mismatch.enhancement", 0.25);
    r = find(adv, "R05", "adaptive");
    assert_evidence_at(r, 0, "portfolio.mismatch.adaptive", -0.25);
    pf_advice_free(adv);

    /* Shares 0.251, 0.249, 0.25, 0.25: mismatches 0.249 (silent), 0.251, -0.25, -0.25. */
    doc = new_doc();
    set_raws(respondent(doc, PF_ROLE_UNSET), raw);
    weighted(doc, 251, 249, 250, 250);
    adv = advise(doc);
    FIRES(adv, "R05", "mission adaptive anticipatory");
    pf_advice_free(adv);

    /* Without respondents there is no orientation mix: silent whatever the projects. */
    doc = new_doc();
    pure(doc, E, 3);
    adv = advise(doc);
    SILENT(adv, "R05");
    pf_advice_free(adv);
}

/* ---- R06: unclear purposes ---- */

static void test_r06_mixed(void **state)
{
    (void)state;
    /* 1 mixed (purpose all) of 5 placed: 1/5 = 0.2 fires. */
    pf_doc *doc = new_doc();
    project(doc, PF_PURPOSE_ALL, E, PF_PRIORITY_MEDIUM, -1);
    pure(doc, E, 4);
    pf_advice *adv = advise(doc);
    FIRES(adv, "R06", "*");
    pf_advice_free(adv);

    /* 1 of 6: 0.167, and not high priority: silent. */
    doc = new_doc();
    project(doc, PF_PURPOSE_ALL, E, PF_PRIORITY_MEDIUM, -1);
    pure(doc, E, 5);
    adv = advise(doc);
    SILENT(adv, "R06");
    pf_advice_free(adv);

    /* 1 of 10 (0.1) but high priority: fires. Opposite poles are mixed too (enhancement x anticipatory). */
    doc = new_doc();
    project(doc, E, AN, PF_PRIORITY_HIGH, -1);
    pure(doc, M, 9);
    adv = advise(doc);
    FIRES(adv, "R06", "*");
    const pf_recommendation *r = find(adv, "R06", NULL);
    assert_true(evidence(r, "portfolio.mixed_high_priority") == 1);
    pf_advice_free(adv);

    /* The share is over placed projects: 1 mixed of 5 placed plus 1 unplaced project still fires. */
    doc = new_doc();
    project(doc, PF_PURPOSE_ALL, AD, PF_PRIORITY_LOW, -1);
    pure(doc, AD, 4);
    project(doc, -1, -1, -1, -1);
    adv = advise(doc);
    FIRES(adv, "R06", "*");
    pf_advice_free(adv);

    /* Nothing placed: silent (and no division by zero). */
    doc = new_doc();
    project(doc, -1, -1, PF_PRIORITY_HIGH, -1);
    project(doc, PF_PURPOSE_ALL, -1, PF_PRIORITY_HIGH, -1);
    adv = advise(doc);
    SILENT(adv, "R06");
    pf_advice_free(adv);
}

/* ---- R07: off target, |gap| >= 0.10 ---- */

static void test_r07_gap(void **state)
{
    (void)state;
    /*
     * 1 enhancement and 9 mission projects: shares 1/10 = 0.1 and 0.9 (the doubles nearest).
     * Targets 0, 9, 1, 0 -> 0, 0.9, 0.1, 0. Gaps: enhancement 0.1 - 0 = 0.1 and adaptive
     * 0 - 0.1 = -0.1 exactly: both fire; mission 0.9 - 0.9 = 0 and anticipatory 0 do not.
     */
    pf_doc *doc = new_doc();
    pure(doc, E, 1);
    pure(doc, M, 9);
    targets(doc, 0, 9, 1, 0);
    pf_advice *adv = advise(doc);
    FIRES(adv, "R07", "enhancement adaptive");
    const pf_recommendation *r = find(adv, "R07", "enhancement");
    assert_evidence_at(r, 0, "portfolio.gap.enhancement", 0.1);
    pf_advice_free(adv);

    /* Shares 0.0999, 0.9001: gaps 0.0999 (silent), 0.0001, -0.1 (fires), 0. */
    doc = new_doc();
    weighted(doc, 999, 9001, 0, 0);
    targets(doc, 0, 9, 1, 0);
    adv = advise(doc);
    FIRES(adv, "R07", "adaptive");
    pf_advice_free(adv);

    /* Without targets there are no gaps. */
    doc = new_doc();
    pure(doc, E, 1);
    adv = advise(doc);
    SILENT(adv, "R07");
    SILENT(adv, "S03");
    pf_advice_free(adv);
}

/* ---- S03: balance distance <= 0.10 ---- */

static void test_s03_balance(void **state)
{
    (void)state;
    /*
     * Shares 0.1, 0.9 against targets 0, 1: gaps 0.1 and -0.1 (0.9 - 1 = -0.09999999999999998
     * in binary); distance 0.05 + 0.04999999999999999 = 0.09999999999999999, exactly 0.1 in
     * decimal: fires.
     */
    pf_doc *doc = new_doc();
    pure(doc, E, 1);
    pure(doc, M, 9);
    targets(doc, 0, 1, 0, 0);
    pf_advice *adv = advise(doc);
    FIRES(adv, "S03", "*");
    const pf_recommendation *r = find(adv, "S03", NULL);
    assert_int_equal(r->kind, PF_ADVICE_STRENGTH);
    assert_true(fabs(evidence(r, "portfolio.balance_distance") - 0.1) < 1e-15);
    pf_advice_free(adv);

    /*
     * Shares 0.7, 0.3 against targets 0.6, 0.4: gaps 0.09999999999999998 and
     * -0.10000000000000003 in binary, distance 0.04999999999999999 + 0.050000000000000014,
     * exactly the double 0.1: fires (so the comparison is <=, not <).
     */
    doc = new_doc();
    pure(doc, E, 7);
    pure(doc, M, 3);
    targets(doc, 6, 4, 0, 0);
    adv = advise(doc);
    FIRES(adv, "S03", "*");
    assert_true(evidence(find(adv, "S03", NULL), "portfolio.balance_distance") == 0.1);
    pf_advice_free(adv);

    /* Shares 0.1001, 0.8999: distance 0.1001, silent. */
    doc = new_doc();
    weighted(doc, 1001, 8999, 0, 0);
    targets(doc, 0, 1, 0, 0);
    adv = advise(doc);
    SILENT(adv, "S03");
    pf_advice_free(adv);

    /* On target: distance 0. */
    doc = new_doc();
    pure(doc, AD, 2);
    targets(doc, 0, 0, 1, 0);
    adv = advise(doc);
    FIRES(adv, "S03", "*");
    pf_advice_free(adv);
}

/* ---- S02 / R08.dimension: dimension levels ---- */

/*
 * Points over each dimension's minimum around its thirds (low below span/3, high from 2 span/3),
 * in dimension order. Spans: 20, 24, 8, 16, 28, 12.
 *   sense-making  6/20 = 30 % low,  7 = 35 % medium, 13 = 65 % medium, 14 = 70 % high
 *   stewardship   7/24 = 29.2 %,    9 = 37.5 %,      15 = 62.5 %,      17 = 70.8 %
 *   structures    2/8 = 25 %,       3 = 37.5 %,      5 = 62.5 %,       6 = 75 %
 *   resources     5/16 = 31.25 %,   6 = 37.5 %,      10 = 62.5 %,      11 = 68.75 %
 *   learning      9/28 = 32.1 %,    10 = 35.7 %,     18 = 64.3 %,      19 = 67.9 %
 *   ecosystem     3/12 = 25 %,      5 = 41.7 %,      7 = 58.3 %,       9 = 75 %
 * Stewardship and ecosystem could sit exactly on a third (8/24, 16/24, 4/12, 8/12); those
 * are test_dimension_thirds_on_the_boundary. The others cannot: these are the nearest values.
 */
static const int DIM_LOW[6] = { 6, 7, 2, 5, 9, 3 };
static const int DIM_MEDIUM_LOW[6] = { 7, 9, 3, 6, 10, 5 };
static const int DIM_MEDIUM_HIGH[6] = { 13, 15, 5, 10, 18, 7 };
static const int DIM_HIGH[6] = { 14, 17, 6, 11, 19, 9 };

static pf_doc *dimension_doc(const int above[6], pf_level expected)
{
    pf_doc *doc = new_doc();
    pf_assessment *a = respondent(doc, PF_ROLE_UNSET);
    for (int d = 0; d < PF_DIMENSION_COUNT; d++)
        set_dimension(a, d, above[d]);
    /* The per-respondent levels (computed exactly) confirm where the answers sit. */
    pf_scores *sc = NULL;
    assert_int_equal(pf_doc_score(doc, every_respondent(), &sc, NULL, NULL), PF_OK);
    const pf_capability *c = &pf_scores_at(sc, 0)->capability;
    for (int d = 0; d < PF_DIMENSION_COUNT; d++) {
        assert_true(c->dimension_sum[d] == above[d] + DIMS[d].min);
        assert_true(fabs(c->dimension_pct[d] - 100.0 * above[d] / DIMS[d].span) < 1e-9);
        if (c->dimension_level[d] != expected)
            fail_msg("%s at %d: level %s", pf_dimension_name((pf_dimension)d), above[d],
                     pf_level_name(c->dimension_level[d]));
    }
    pf_scores_free(sc);
    return doc;
}

static void test_s02_r08_dimension_levels(void **state)
{
    (void)state;
    const char *all = "sense-making stewardship structures resources learning ecosystem";
    pf_advice *adv = advise(dimension_doc(DIM_LOW, PF_LEVEL_LOW));
    FIRES(adv, "R08.dimension", all);
    SILENT(adv, "S02");
    const pf_recommendation *r = find(adv, "R08.dimension", "sense-making");
    assert_string_equal(r->subject_kind, "dimension");
    assert_string_equal(r->evidence[0].metric, "capability.sense-making.level");
    assert_string_equal(r->evidence[0].text, "low");
    pf_advice_free(adv);

    adv = advise(dimension_doc(DIM_MEDIUM_LOW, PF_LEVEL_MEDIUM));
    SILENT(adv, "R08.dimension");
    SILENT(adv, "S02");
    pf_advice_free(adv);

    adv = advise(dimension_doc(DIM_MEDIUM_HIGH, PF_LEVEL_MEDIUM));
    SILENT(adv, "R08.dimension");
    SILENT(adv, "S02");
    pf_advice_free(adv);

    adv = advise(dimension_doc(DIM_HIGH, PF_LEVEL_HIGH));
    SILENT(adv, "R08.dimension");
    FIRES(adv, "S02", all);
    r = find(adv, "S02", "structures");
    assert_string_equal(r->evidence[0].metric, "capability.structures.level");
    assert_string_equal(r->evidence[0].text, "high");
    pf_advice_free(adv);

    /* Mixed: each dimension on its own side. */
    int mixed[6] = { DIM_LOW[0], DIM_HIGH[1], DIM_MEDIUM_LOW[2], DIM_LOW[3], DIM_HIGH[4], DIM_MEDIUM_HIGH[5] };
    pf_doc *doc = new_doc();
    pf_assessment *a = respondent(doc, PF_ROLE_UNSET);
    for (int d = 0; d < PF_DIMENSION_COUNT; d++)
        set_dimension(a, d, mixed[d]);
    adv = advise(doc);
    FIRES(adv, "R08.dimension", "sense-making resources");
    FIRES(adv, "S02", "stewardship learning");
    pf_advice_free(adv);
}

/*
 * The dimension level metrics come from the mean pct, and (8 / 24 * 100) * 3 is
 * 99.99999999999999 in binary: a dimension exactly on a third must still be classed as the
 * per-respondent levels of pf_doc_score() are (stewardship 8/24 "medium", 16/24 "high").
 */
static void test_dimension_thirds_on_the_boundary(void **state)
{
    (void)state;
    /* Only stewardship and ecosystem can sit exactly on a third; the others stay medium. */
    int lower[6] = { 7, 8, 3, 6, 10, 4 }, upper[6] = { 13, 16, 5, 10, 18, 8 };
    pf_advice *adv = advise(dimension_doc(lower, PF_LEVEL_MEDIUM));
    SILENT(adv, "R08.dimension");
    pf_advice_free(adv);
    pf_doc *doc = new_doc();
    pf_assessment *a = respondent(doc, PF_ROLE_UNSET);
    for (int d = 0; d < PF_DIMENSION_COUNT; d++)
        set_dimension(a, d, upper[d]);
    adv = advise(doc);
    FIRES(adv, "S02", "stewardship ecosystem");
    pf_advice_free(adv);
}

/*
 * Comparisons tolerate rounding noise: shares 0.6, 0.4 against targets 0.5, 0.5 have gaps of
 * 0.1 and -0.1, so METHOD.md 6 says R07 fires for both, although 0.6 - 0.5 is
 * 0.09999999999999998 in binary.
 */
static void test_gap_on_the_boundary_despite_rounding(void **state)
{
    (void)state;
    pf_doc *doc = new_doc();
    pure(doc, E, 3);
    pure(doc, M, 2);
    targets(doc, 1, 1, 0, 0);
    pf_advice *adv = advise(doc);
    FIRES(adv, "R07", "enhancement mission");
    pf_advice_free(adv);
}

/* ---- R08: capability level, 36 and 72 ---- */

static void test_r08_capability_level(void **state)
{
    (void)state;
    static const struct {
        int score;
        const char *rule;
    } cases[] = {
        { 35, "R08.low" }, { 36, "R08.medium" }, { 71, "R08.medium" }, { 72, "R08.high" },
    };
    static const char *const rules[3] = { "R08.low", "R08.medium", "R08.high" };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        pf_doc *doc = new_doc();
        set_capability_points(respondent(doc, PF_ROLE_UNSET), cases[i].score - 16);
        pf_scores *sc = NULL;
        assert_int_equal(pf_doc_score(doc, every_respondent(), &sc, NULL, NULL), PF_OK);
        assert_true(pf_scores_at(sc, 0)->capability.score == cases[i].score);
        pf_scores_free(sc);
        pf_advice *adv = advise(doc);
        for (int k = 0; k < 3; k++)
            if (strcmp(fired(adv, rules[k]), strcmp(rules[k], cases[i].rule) == 0 ? "*" : "") != 0)
                fail_msg("score %d: %s fired \"%s\"; all: %s", cases[i].score, rules[k], fired(adv, rules[k]),
                         listing(adv));
        const pf_recommendation *r = find(adv, cases[i].rule, NULL);
        assert_string_equal(r->evidence[0].metric, "capability.level");
        assert_string_equal(r->evidence[0].text, cases[i].rule + 4);
        assert_int_equal(r->kind, cases[i].score >= 72 ? PF_ADVICE_STRENGTH : PF_ADVICE_INFO);
        pf_advice_free(adv);
    }
}

/* ---- R09: too little risk ---- */

static void test_r09_risk(void **state)
{
    (void)state;
    /* Only enhancement, sustaining, optimising and mixed zones: fires. */
    pf_doc *doc = new_doc();
    pure(doc, E, 1);
    project(doc, E, M, -1, -1);  /* sustaining */
    project(doc, AD, E, -1, -1); /* optimising */
    project(doc, PF_PURPOSE_ALL, M, -1, -1);
    pf_advice *adv = advise(doc);
    FIRES(adv, "R09", "*");
    pf_advice_free(adv);

    /* Any one project in the anticipatory, adaptive, disruptive or transformative zone silences it. */
    static const int exploring[4][2] = { { AN, AN }, { AD, AD }, { AN, AD }, { M, AN } };
    for (int k = 0; k < 4; k++) {
        doc = new_doc();
        pure(doc, E, 3);
        project(doc, exploring[k][0], exploring[k][1], -1, -1);
        adv = advise(doc);
        if (strcmp(fired(adv, "R09"), "") != 0)
            fail_msg("case %d: R09 fired", k);
        pf_advice_free(adv);
    }

    /* 10 projects, one adaptive, none stopped: fires; 9 projects: silent; 10 with one stopped: silent. */
    doc = new_doc();
    pure(doc, AD, 1);
    pure(doc, E, 9);
    adv = advise(doc);
    FIRES(adv, "R09", "*");
    const pf_recommendation *r = find(adv, "R09", NULL);
    assert_true(evidence(r, "portfolio.projects") == 10);
    assert_true(evidence(r, "portfolio.stage.stopped") == 0);
    pf_advice_free(adv);
    doc = new_doc();
    pure(doc, AD, 1);
    pure(doc, E, 8);
    adv = advise(doc);
    SILENT(adv, "R09");
    pf_advice_free(adv);
    doc = new_doc();
    pure(doc, AD, 1);
    pure(doc, E, 8);
    project(doc, E, E, -1, PF_STAGE_STOPPED);
    adv = advise(doc);
    SILENT(adv, "R09");
    pf_advice_free(adv);

    /* Nothing placed: silent. */
    doc = new_doc();
    project(doc, -1, -1, -1, -1);
    adv = advise(doc);
    SILENT(adv, "R09");
    pf_advice_free(adv);
}

/* ---- R10: respondents disagree ---- */

static void test_r10_flags(void **state)
{
    (void)state;
    /* Three identical respondents: no flag, silent. */
    pf_doc *doc = new_doc();
    for (int i = 0; i < 3; i++)
        respondent_pcts(doc, PF_ROLE_UNSET, 30, 0, 0, 0);
    pf_advice *adv = advise(doc);
    SILENT(adv, "R10");
    pf_advice_free(adv);

    /* Enhancement 0, 0, 30: mean 10, sd sqrt((100 + 100 + 400) / 2) = 17.3 > 15: one low-agreement flag. */
    doc = new_doc();
    respondent_pcts(doc, PF_ROLE_UNSET, 0, 0, 0, 0);
    respondent_pcts(doc, PF_ROLE_UNSET, 0, 0, 0, 0);
    respondent_pcts(doc, PF_ROLE_UNSET, 30, 0, 0, 0);
    adv = advise(doc);
    FIRES(adv, "R10", "*");
    const pf_recommendation *r = find(adv, "R10", NULL);
    assert_evidence_at(r, 0, "flags.low_agreement", 1);
    assert_evidence_at(r, 1, "flags.perception_gap", 0);
    pf_advice_free(adv);

    /*
     * Two team members at 0 and two senior managers at 25: divergence 25 > 20 with n = 2 each
     * (a perception gap), sd of 0, 0, 25, 25 = sqrt(625 / 3) = 14.4 <= 15 (no low agreement).
     */
    doc = new_doc();
    respondent_pcts(doc, PF_ROLE_TEAM, 0, 0, 0, 0);
    respondent_pcts(doc, PF_ROLE_TEAM, 0, 0, 0, 0);
    respondent_pcts(doc, PF_ROLE_SENIOR_MANAGEMENT, 25, 0, 0, 0);
    respondent_pcts(doc, PF_ROLE_SENIOR_MANAGEMENT, 25, 0, 0, 0);
    adv = advise(doc);
    FIRES(adv, "R10", "*");
    r = find(adv, "R10", NULL);
    assert_evidence_at(r, 0, "flags.low_agreement", 0);
    assert_evidence_at(r, 1, "flags.perception_gap", 1);
    pf_advice_free(adv);
}

/* ---- R11: the pipeline ---- */

static void stages(pf_doc *doc, int stage, int n)
{
    for (int i = 0; i < n; i++)
        project(doc, -1, -1, -1, stage);
}

static void test_r11_pipeline(void **state)
{
    (void)state;
    /* 5 of 10 at idea or exploring: 0.5 is not > 0.5, and one is scaling: silent. */
    pf_doc *doc = new_doc();
    stages(doc, PF_STAGE_IDEA, 3);
    stages(doc, PF_STAGE_EXPLORING, 2);
    stages(doc, PF_STAGE_SCALING, 1);
    stages(doc, PF_STAGE_PILOTING, 4);
    pf_advice *adv = advise(doc);
    SILENT(adv, "R11");
    pf_advice_free(adv);

    /* 6 of 11: 0.545 > 0.5: fires. */
    doc = new_doc();
    stages(doc, PF_STAGE_IDEA, 3);
    stages(doc, PF_STAGE_EXPLORING, 3);
    stages(doc, PF_STAGE_SCALING, 1);
    stages(doc, PF_STAGE_PILOTING, 4);
    adv = advise(doc);
    FIRES(adv, "R11", "*");
    pf_advice_free(adv);

    /* Nothing scaling or embedded: fires; one scaling or one embedded: silent. */
    doc = new_doc();
    stages(doc, PF_STAGE_PILOTING, 1);
    adv = advise(doc);
    FIRES(adv, "R11", "*");
    pf_advice_free(adv);
    doc = new_doc();
    stages(doc, PF_STAGE_EMBEDDED, 1);
    adv = advise(doc);
    SILENT(adv, "R11");
    pf_advice_free(adv);
    doc = new_doc();
    stages(doc, PF_STAGE_SCALING, 1);
    adv = advise(doc);
    SILENT(adv, "R11");
    pf_advice_free(adv);

    /* No projects: silent. */
    adv = advise(new_doc());
    SILENT(adv, "R11");
    pf_advice_free(adv);
}

/* ---- R12: relations between projects ---- */

static void test_r12_relations(void **state)
{
    (void)state;
    /* No relation counts given: the metrics are absent. All zero: silent. */
    pf_advice *adv = advise_lang(new_doc(), NULL, NULL);
    SILENT(adv, "R12");
    pf_advice_free(adv);
    const size_t zero[4] = { 0, 0, 0, 0 };
    adv = advise_lang(new_doc(), zero, NULL);
    SILENT(adv, "R12");
    pf_advice_free(adv);
    /* Any one kind found fires. */
    for (int k = 0; k < 4; k++) {
        size_t counts[4] = { 0, 0, 0, 0 };
        counts[k] = (size_t)k + 1;
        adv = advise_lang(new_doc(), counts, NULL);
        FIRES(adv, "R12", "*");
        const pf_recommendation *r = find(adv, "R12", NULL);
        static const char *const names[4] = { "relations.synergy", "relations.tension", "relations.duplicate",
                                              "relations.handover" };
        for (int i = 0; i < 4; i++)
            assert_evidence_at(r, (size_t)i, names[i], (double)counts[i]);
        pf_advice_free(adv);
    }
}

/* ---- R13: completeness ---- */

/* Answers the first n of 61 agreement items (the 24 plain orientation items, q16's 8, q6's 6, then the 23 of
   capability) with v. */
static void answer_items(pf_assessment *a, size_t n, int v)
{
    static const char *const cap[23] = { "q18a", "q18b", "q21",  "q22a", "q22b", "q22c", "q22d", "q22e",
                                         "q23a", "q23b", "q23c", "q23d", "q24a", "q24b", "q24c", "q24d",
                                         "q24e", "q24f", "q24g", "q24h", "q24i", "q24j", "q24k" };
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
    for (int i = 0; i < 23 && k < n; i++, k++)
        agree(a, cap[i], v);
    if (k != n)
        fail_msg("answer_items: only %zu of %zu", k, n);
}

static void test_r13_completeness(void **state)
{
    (void)state;
    /* 80 % of 72 items is 57.6: 58 answered (0.806) is silent, 57 (0.792) fires. */
    pf_doc *doc = new_doc();
    answer_items(respondent(doc, PF_ROLE_TEAM), 58, 2);
    pf_advice *adv = advise(doc);
    SILENT(adv, "R13");
    pf_advice_free(adv);
    doc = new_doc();
    answer_items(respondent(doc, PF_ROLE_TEAM), 58, 2);
    answer_items(respondent(doc, PF_ROLE_TEAM), 57, 2);
    adv = advise(doc);
    FIRES(adv, "R13", "*");
    const pf_recommendation *r = find(adv, "R13", NULL);
    assert_int_equal(r->kind, PF_ADVICE_WARNING);
    assert_int_equal(r->evidence_count, 4);
    assert_evidence_at(r, 0, "completeness.min", 57.0 / 72);
    assert_evidence_at(r, 1, "completeness.mean", (58.0 / 72 + 57.0 / 72) / 2);
    assert_evidence_at(r, 2, "assessments.left_out", 0);
    assert_evidence_at(r, 3, "assessments", 2);
    pf_advice_free(adv);
    /* No assessment: nothing to say. */
    adv = advise(new_doc());
    SILENT(adv, "R13");
    pf_advice_free(adv);

    /* With the default completeness floor (0.5): 57 items (0.79) counted, 20 (0.28) left out.
       min 20/72 = 27.8 % -> 28 %; mean 77/144 = 53.5 % -> 53 %. */
    for (int fr = 0; fr < 2; fr++) {
        doc = new_doc();
        answer_items(respondent(doc, PF_ROLE_TEAM), 57, 2);
        answer_items(respondent(doc, PF_ROLE_TEAM), 20, 2);
        adv = advise_with(doc, NULL, fr ? "fr" : "en", NULL);
        r = find(adv, "R13", NULL);
        assert_evidence_at(r, 2, "assessments.left_out", 1);
        assert_string_equal(r->message,
                            fr ? "Certains répondants ont laissé une grande partie du questionnaire sans réponse" NBSP
                                 ": le moins complet a répondu à 28" NNBSP "% des questions (en moyenne 53" NNBSP
                                 "%), et 1 des 2 répondants en ont rempli trop peu pour être comptés dans les "
                                 "moyennes. Une "
                                 "question sans réponse compte pour 0 point" NNBSP "; demandez-leur de terminer le "
                                 "questionnaire avant d'en tirer des conclusions."
                               : "Some respondents left much of the questionnaire blank: the least complete answered "
                                 "28% of the items (on average 53%), and 1 of the 2 respondents answered too little "
                                 "to be counted in the averages. Unanswered items count as 0 points, so ask them to "
                                 "finish it before drawing conclusions.");
        pf_advice_free(adv);
    }
}

/* ---- order ---- */

static void test_order(void **state)
{
    (void)state;
    /*
     * Pcts 50, 49, 49, 49 and no capability answers (score 16: low; dimensions at their
     * minimum: sense-making 4/20 = 20 % low, learning 12/28 = 42.9 % medium, the rest 0 % low),
     * no projects, one synergy. Fired: S01 (strength 1), R03 (warning 1), R01 x3 (action 2),
     * R08.dimension x5 (action 2), R08.low (info 2), R13 (warning 2: 32 items of 72 answered),
     * R02.primarily-enhancement (info 3), R12 (info 3). Strengths first, then priority (R03
     * before R01), then id, subjects in enum order.
     */
    pf_doc *doc = new_doc();
    respondent_pcts(doc, PF_ROLE_UNSET, 50, 49, 49, 49);
    const size_t relations[4] = { 1, 0, 0, 0 };
    pf_advice *adv = advise_lang(doc, relations, NULL);
    assert_string_equal(listing(adv), "S01:enhancement R03 R01:mission R01:adaptive R01:anticipatory "
                                      "R08.dimension:sense-making R08.dimension:stewardship "
                                      "R08.dimension:structures R08.dimension:resources "
                                      "R08.dimension:ecosystem R08.low R13 R02.primarily-enhancement R12");
    pf_advice_free(adv);
}

/* The order holds on the example portfolios too. */
static void check_sorted(const pf_advice *adv)
{
    static const char *const facets[] = { "enhancement", "mission", "adaptive", "anticipatory" };
    static const char *const dims[] = { "sense-making", "stewardship", "structures", "resources", "learning",
                                        "ecosystem" };
    for (size_t i = 1; i < pf_advice_count(adv); i++) {
        const pf_recommendation *a = pf_advice_at(adv, i - 1), *b = pf_advice_at(adv, i);
        int sa = a->kind != PF_ADVICE_STRENGTH, sb = b->kind != PF_ADVICE_STRENGTH;
        int c = sa != sb ? sa - sb : a->priority != b->priority ? a->priority - b->priority : strcmp(a->rule, b->rule);
        if (c > 0)
            fail_msg("%s before %s", a->rule, b->rule);
        if (c == 0) {
            assert_non_null(a->subject);
            const char *const *names = strcmp(a->subject_kind, "facet") == 0 ? facets : dims;
            int ia = -1, ib = -1;
            for (int k = 0; k < (names == facets ? 4 : 6); k++) {
                if (strcmp(names[k], a->subject) == 0)
                    ia = k;
                if (strcmp(names[k], b->subject) == 0)
                    ib = k;
            }
            if (!(ia >= 0 && ia < ib))
                fail_msg("%s: %s before %s", a->rule, a->subject, b->subject);
        }
    }
}

static void test_order_examples(void **state)
{
    (void)state;
    static const char *const files[] = { "university-city.yaml", "environment-agency.yaml", "minimal.yaml" };
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/examples/data/%s", SOURCE_ROOT, files[i]);
        pf_doc *doc = NULL;
        pf_error err;
        if (pf_doc_read_file(&doc, path, NULL, NULL, &err) != PF_OK)
            fail_msg("%s: %s", path, err.message);
        pf_advice *adv = advise(doc);
        assert_true(pf_advice_count(adv) >= 5);
        check_sorted(adv);
        pf_advice_free(adv);
    }
}

/* ---- evidence ---- */

static void test_evidence(void **state)
{
    (void)state;
    /* R06 reads placed, zone.mixed, placed again (once) and mixed_high_priority: 10, 1, 1. */
    pf_doc *doc = new_doc();
    project(doc, PF_PURPOSE_ALL, M, PF_PRIORITY_HIGH, -1);
    pure(doc, M, 9);
    pf_advice *adv = advise(doc);
    const pf_recommendation *r = find(adv, "R06", NULL);
    assert_int_equal(r->evidence_count, 3);
    assert_evidence_at(r, 0, "portfolio.placed", 10);
    assert_evidence_at(r, 1, "portfolio.zone.mixed", 1);
    assert_evidence_at(r, 2, "portfolio.mixed_high_priority", 1);
    pf_advice_free(adv);

    /* R03 without a map's shares: only the metrics the portfolio has (strong_count, top_margin). */
    doc = new_doc();
    respondent_pcts(doc, PF_ROLE_UNSET, 50, 49, 48, 0);
    adv = advise(doc);
    r = find(adv, "R03", NULL);
    assert_int_equal(r->evidence_count, 2);
    assert_evidence_at(r, 0, "orientation.strong_count", 1);
    assert_evidence_at(r, 1, "orientation.top_margin", 1);
    /* Text metrics carry their text. */
    r = find(adv, "R02.primarily-enhancement", NULL);
    assert_string_equal(r->evidence[0].text, "primarily-enhancement");
    /*
     * A rule over subjects reads its subject's metrics. The condition's come first; the
     * engine (lib/advice.c) then adds the metrics the message shows, here the pct, although
     * advice.h documents the evidence as the metrics the condition read.
     */
    r = find(adv, "R01", "adaptive");
    assert_int_equal(r->evidence_count, 2);
    assert_evidence_at(r, 0, "orientation.adaptive.strong", 0);
    assert_evidence_at(r, 1, "orientation.adaptive", 48);
    r = find(adv, "S01", "enhancement");
    assert_evidence_at(r, 0, "orientation.enhancement.strong", 1);
    r = find(adv, "R08.dimension", "stewardship");
    assert_string_equal(r->evidence[0].metric, "capability.stewardship.level");
    assert_string_equal(r->evidence[0].text, "low");
    pf_advice_free(adv);
}

/* ---- messages ---- */

static void test_messages_en_fr(void **state)
{
    (void)state;
    /* The S03 and R07 document: shares 0.1, 0.9; targets 0, 1 (distance 0.1, gaps 0.1, -0.1). */
    static const char *const langs[3] = { "en", "fr", "de" };
    static const char *const s03[3] = {
        "The project mix is close to the mix you aim for (a distance of 0.1 on a scale from 0 to 1). "
        "Review the targets with senior management once a year so that they keep following the strategy.",
        "La répartition des projets est proche de celle que vous visez (écart de 0,1 sur une échelle de 0 à 1). "
        "Revoyez les cibles chaque année avec la direction pour qu'elles continuent de suivre la stratégie.",
        NULL,
    };
    static const char *const r07[3] = {
        "Enhancement-oriented innovation makes up 10% of the portfolio against a target of 0%. At the next "
        "portfolio review, decide with senior management whether to change the project mix or the target.",
        "L'innovation axée sur l'amélioration représente 10" NNBSP "% du portefeuille pour une cible de 0" NNBSP
        "%. Lors de la prochaine revue du portefeuille, décidez avec la direction s'il faut faire évoluer la "
        "répartition des projets ou la cible.",
        NULL,
    };
    for (int l = 0; l < 3; l++) {
        pf_doc *doc = new_doc();
        pure(doc, E, 1);
        pure(doc, M, 9);
        targets(doc, 0, 1, 0, 0);
        pf_advice *adv = advise_lang(doc, NULL, langs[l]);
        /* German has no translation: English text and English numbers. */
        int as = l == 2 ? 0 : l;
        const pf_recommendation *r = find(adv, "S03", NULL);
        assert_string_equal(r->lang, langs[as]);
        assert_string_equal(r->message, s03[as]);
        r = find(adv, "R07", "enhancement");
        assert_string_equal(r->lang, langs[as]);
        assert_string_equal(r->message, r07[as]);
        pf_advice_free(adv);
    }

    /* Subject words: a dimension's name and action; pct format (7/24 = 29.2 -> 29). */
    static const char *const r08[2] = {
        "The stewardship dimension of portfolio management is weak (29%). A first step: name a portfolio "
        "steward with a mandate and the time to keep the overview and to advise decision makers on overlaps "
        "and gaps.",
        "En gestion de portefeuille, la dimension pilotage est faible (29" NNBSP "%). Première étape" NBSP
        ": désigner un responsable du portefeuille doté d'un mandat et du temps nécessaire pour garder la vue "
        "d'ensemble et conseiller les décideurs sur les doublons et les manques.",
    };
    for (int l = 0; l < 2; l++) {
        pf_doc *doc = new_doc();
        pf_assessment *a = respondent(doc, PF_ROLE_UNSET);
        set_dimension(a, PF_DIMENSION_STEWARDSHIP, 7);
        pf_advice *adv = advise_lang(doc, NULL, langs[l]);
        assert_string_equal(find(adv, "R08.dimension", "stewardship")->message, r08[l]);
        pf_advice_free(adv);
    }

    /* A facet's name and needs. */
    static const char *const r01[2] = {
        "Anticipatory innovation is weak (49 out of 100). It usually relies on a foresight function connected "
        "to real decisions, protected room away from day-to-day business, and tolerance for long horizons and "
        "for options that may never be used. If your strategy calls for it, pick one of these with senior "
        "management and agree on a small first step.",
        "L'innovation anticipative est peu développée (49 sur 100). Elle repose en général sur une fonction de "
        "prospective reliée aux décisions réelles, une autonomie protégée à l'écart des affaires courantes, et "
        "l'acceptation d'horizons lointains comme d'options qui ne serviront peut-être jamais. Si votre "
        "stratégie le demande, choisissez l'un de ces leviers avec la direction et convenez d'une première "
        "étape modeste.",
    };
    for (int l = 0; l < 2; l++) {
        pf_doc *doc = new_doc();
        respondent_pcts(doc, PF_ROLE_UNSET, 50, 50, 50, 49);
        pf_advice *adv = advise_lang(doc, NULL, langs[l]);
        assert_string_equal(find(adv, "R01", "anticipatory")->message, r01[l]);
        pf_advice_free(adv);
    }
}

static int setup(void **state)
{
    (void)state;
    return pf_rules_open_default(&g_rules, NULL, NULL) == PF_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    pf_rules_free(g_rules);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_default_catalogue_opens),
        cmocka_unit_test(test_catalogue_ids),
        cmocka_unit_test(test_s01_r01_strong_threshold),
        cmocka_unit_test(test_r02_tendency_groups),
        cmocka_unit_test(test_r03_lock_in),
        cmocka_unit_test(test_r04_all_weak_all_strong),
        cmocka_unit_test(test_r05_mismatch),
        cmocka_unit_test(test_r06_mixed),
        cmocka_unit_test(test_r07_gap),
        cmocka_unit_test(test_s03_balance),
        cmocka_unit_test(test_s02_r08_dimension_levels),
        cmocka_unit_test(test_dimension_thirds_on_the_boundary),
        cmocka_unit_test(test_gap_on_the_boundary_despite_rounding),
        cmocka_unit_test(test_r08_capability_level),
        cmocka_unit_test(test_r09_risk),
        cmocka_unit_test(test_r10_flags),
        cmocka_unit_test(test_r11_pipeline),
        cmocka_unit_test(test_r12_relations),
        cmocka_unit_test(test_r13_completeness),
        cmocka_unit_test(test_order),
        cmocka_unit_test(test_order_examples),
        cmocka_unit_test(test_evidence),
        cmocka_unit_test(test_messages_en_fr),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
