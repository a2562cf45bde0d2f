/*
 * The recommendation engine: catalogues, conditions, templates, languages.
 *
 * Small catalogues are read from buffers and evaluated over a document built
 * through the API (see fixture_open), whose named metrics are known exactly:
 *
 *   two respondents (r1 steward, r2 team) with the same q1 answers:
 *     tendency = weak-in-all, capability.level = low, role.team.respondents = 1,
 *     role.steward.respondents = 1, the other roles absent
 *   eight projects: five enhancement (two at idea), two mission (scaling), one
 *   anticipatory (exploring); targets 1:1:1:1
 *     portfolio.projects = 8, share = 0.625 / 0.25 / 0 / 0.125,
 *     gap = 0.375 / 0 / -0.25 / -0.125, portfolio.orientation.enhancement = 0.5,
 *     capability.learning = 42.857..., orientation.enhancement = 6
 *   relations: synergy 6, tension 3, duplicate 0, handover 2
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <portfolio/portfolio.h>

#include "failing_alloc.h"

#define NNBSP "\xe2\x80\xaf" /* U+202F, before % in French */

/* Scoring options that keep every respondent in the statistics: the documents here answer a few items each,
   below the default completeness floor (docs/method.md 7.1), and test something else. */
static const pf_score_options *every_respondent(void)
{
    static const pf_score_options o = { .version = PF_SCORE_OPTIONS_VERSION, .include_incomplete = true };
    return &o;
}

static void test_default_catalogue_opens(void **state)
{
    (void)state;
    pf_rules *rules = NULL;
    assert_int_equal(pf_rules_open_default(NULL, &rules, NULL), PF_OK);
    assert_true(pf_rules_count(rules) >= 30);
    assert_string_equal(pf_rules_id_at(rules, 0), "S01");
    pf_rules_free(rules);
}

/* ---- helpers ---- */

typedef struct fixture {
    pf_doc *doc;
    pf_scores *scores;
    pf_map *map;
    size_t relations[4];
    pf_analysis analysis;
} fixture;

static void add_project(pf_doc *doc, const char *id, pf_purpose purpose, pf_facet driver, pf_stage stage)
{
    pf_project *p;
    assert_int_equal(pf_doc_add_project(doc, id, &p, NULL), PF_OK);
    assert_int_equal(pf_project_set_purpose(p, purpose, NULL), PF_OK);
    assert_int_equal(pf_project_set_driver(p, driver, NULL), PF_OK);
    if (stage != PF_STAGE_UNSET)
        assert_int_equal(pf_project_set_stage(p, stage, NULL), PF_OK);
}

static void fixture_open(fixture *f)
{
    memset(f, 0, sizeof *f);
    assert_int_equal(pf_doc_new(NULL, &f->doc, NULL), PF_OK);
    static const char *const items[] = { "q1.enhancement", "q1.mission", "q1.adaptive", "q1.anticipatory" };
    static const int agreement[] = { 4, 3, 1, 0 };
    static const char *const respondents[] = { "r1", "r2" };
    static const pf_role roles[] = { PF_ROLE_STEWARD, PF_ROLE_TEAM };
    for (int k = 0; k < 2; k++) {
        pf_assessment *a;
        assert_int_equal(pf_doc_add_assessment(f->doc, respondents[k], &a, NULL), PF_OK);
        assert_int_equal(pf_assessment_set_role(a, roles[k], NULL), PF_OK);
        for (int i = 0; i < 4; i++)
            assert_int_equal(pf_assessment_set_agreement(a, items[i], agreement[i], NULL), PF_OK);
    }
    char id[8];
    for (int i = 0; i < 5; i++) {
        snprintf(id, sizeof id, "e%d", i);
        add_project(f->doc, id, PF_PURPOSE_ENHANCEMENT, PF_FACET_ENHANCEMENT, i < 2 ? PF_STAGE_IDEA : PF_STAGE_UNSET);
    }
    add_project(f->doc, "m0", PF_PURPOSE_MISSION, PF_FACET_MISSION, PF_STAGE_SCALING);
    add_project(f->doc, "m1", PF_PURPOSE_MISSION, PF_FACET_MISSION, PF_STAGE_SCALING);
    add_project(f->doc, "an", PF_PURPOSE_ANTICIPATORY, PF_FACET_ANTICIPATORY, PF_STAGE_EXPLORING);
    double targets[4] = { 1, 1, 1, 1 };
    assert_int_equal(pf_doc_set_targets(f->doc, targets, NULL), PF_OK);
    assert_int_equal(pf_doc_score(f->doc, every_respondent(), &f->scores, NULL, NULL), PF_OK);
    assert_int_equal(pf_doc_map(f->doc, f->scores, NULL, &f->map, NULL), PF_OK);
    f->relations[0] = 6;
    f->relations[1] = 3;
    f->relations[2] = 0;
    f->relations[3] = 2;
    f->analysis.scores = f->scores;
    f->analysis.map = f->map;
    f->analysis.relation_counts = f->relations;
}

static void fixture_close(fixture *f)
{
    pf_map_free(f->map);
    pf_scores_free(f->scores);
    pf_doc_free(f->doc);
}

static pf_rules *rules_of(const char *yaml)
{
    pf_rules *rules = NULL;
    pf_error err;
    if (pf_rules_read_buffer(yaml, strlen(yaml), "<test>", NULL, &rules, NULL, &err) != PF_OK)
        fail_msg("%u:%u: %s\n%s", err.line, err.column, err.message, yaml);
    return rules;
}

static pf_advice *recommend(const pf_rules *rules, const pf_analysis *analysis, const char *lang)
{
    pf_advice *adv = NULL;
    pf_advice_options o = PF_ADVICE_OPTIONS_INIT;
    o.lang = lang;
    pf_error err;
    if (pf_recommend(rules, analysis, &o, &adv, &err) != PF_OK)
        fail_msg("pf_recommend: %s", err.message);
    return adv;
}

/* Whether a one-rule catalogue with this condition fires (rules for no subject fire at most once). */
static bool holds(const pf_analysis *analysis, const char *when)
{
    char yaml[1024];
    snprintf(yaml, sizeof yaml,
             "catalogue: 1\n"
             "rules:\n"
             "  - id: T\n"
             "    kind: info\n"
             "    priority: 1\n"
             "    when: \"%s\"\n"
             "    message: {en: \"x\"}\n",
             when);
    pf_rules *rules = rules_of(yaml);
    pf_advice *adv = recommend(rules, analysis, NULL);
    size_t n = pf_advice_count(adv);
    assert_true(n <= 1);
    pf_advice_free(adv);
    pf_rules_free(rules);
    return n == 1;
}

#define assert_holds(an, when) \
    do { \
        if (!holds(an, when)) \
            fail_msg("expected to hold: %s", when); \
    } while (0)
#define assert_fails(an, when) \
    do { \
        if (holds(an, when)) \
            fail_msg("expected not to hold: %s", when); \
    } while (0)

/* The message of the only recommendation a one-rule catalogue with this template makes. */
static char *render(const pf_analysis *analysis, const char *rule_tail, const char *lang, char *lang_used,
                    size_t cap)
{
    char yaml[2048];
    snprintf(yaml, sizeof yaml, "catalogue: 1\nrules:\n  - id: T\n    kind: info\n    priority: 1\n%s", rule_tail);
    pf_rules *rules = rules_of(yaml);
    pf_advice *adv = recommend(rules, analysis, lang);
    assert_int_equal(pf_advice_count(adv), 1);
    const pf_recommendation *r = pf_advice_at(adv, 0);
    char *message = strdup(r->message);
    if (lang_used)
        snprintf(lang_used, cap, "%s", r->lang);
    pf_advice_free(adv);
    pf_rules_free(rules);
    return message;
}

/*
 * Renders `tmpl` (a YAML double-quoted scalar's content), given as the rule's
 * English and French text, in a rule that always fires, for no subject.
 */
static void assert_renders(const pf_analysis *analysis, const char *lang, const char *tmpl, const char *expected)
{
    char tail[1024];
    snprintf(tail, sizeof tail, "    when: \"true\"\n    message: {en: \"%s\", fr: \"%s\"}\n", tmpl, tmpl);
    char *got = render(analysis, tail, lang, NULL, 0);
    if (strcmp(got, expected) != 0)
        fail_msg("template %s (%s): expected \"%s\", got \"%s\"", tmpl, lang ? lang : "default", expected, got);
    free(got);
}

/* ---- conditions ---- */

static void test_arithmetic_and_precedence(void **state)
{
    (void)state;
    fixture f;
    fixture_open(&f);
    const pf_analysis *an = &f.analysis;
    assert_holds(an, "relations.synergy == 6");
    assert_holds(an, "relations.synergy + relations.tension * 2 == 12");    /* * before + */
    assert_holds(an, "(relations.synergy + relations.tension) * 2 == 18");  /* parentheses */
    assert_holds(an, "relations.synergy - relations.tension - 1 == 2");     /* left to right, not 4 */
    assert_holds(an, "relations.synergy / relations.tension / 2 == 1");     /* left to right, not 4 */
    assert_holds(an, "relations.synergy - relations.tension * 2 + 1 == 1");
    assert_holds(an, "2 * (relations.synergy - (relations.tension + 1)) == 4");
    assert_holds(an, "-relations.synergy + 10 == 4");                       /* unary minus binds tightest */
    assert_holds(an, "- -relations.tension == 3");
    assert_holds(an, "2 * -relations.tension == -6");
    assert_holds(an, "relations.synergy-1 == 5");                          /* '-' before a digit subtracts */
    assert_holds(an, "0.5 * relations.synergy == 3");
    assert_holds(an, ".5 * relations.synergy == 3");
    assert_holds(an, "1.50 + 1.5 == 3");
    assert_holds(an, "portfolio.share.enhancement == 0.625");
    assert_holds(an, "portfolio.gap.anticipatory == -0.125");
    assert_holds(an, "capability.sense-making == 20");                     /* '-' before a letter is in the name */
    assert_holds(an, "role.senior-management.respondents > 0 or true");
    assert_holds(an, "\trelations.synergy\n==  6 ");                       /* blanks anywhere between tokens */
    fixture_close(&f);
}

static void test_functions(void **state)
{
    (void)state;
    fixture f;
    fixture_open(&f);
    const pf_analysis *an = &f.analysis;
    assert_holds(an, "abs(relations.tension - relations.synergy) == 3");
    assert_holds(an, "abs(portfolio.gap.adaptive) == 0.25");
    assert_holds(an, "abs(2) == 2");
    assert_holds(an, "min(relations.synergy, relations.tension) == 3");
    assert_holds(an, "max(relations.synergy, relations.tension) == 6");
    assert_holds(an, "min(relations.tension, relations.synergy) == 3");
    assert_holds(an, "max(relations.synergy, relations.tension) - min(1, 2) == 5");
    assert_holds(an, "max(abs(portfolio.gap.adaptive), abs(portfolio.gap.anticipatory)) == 0.25");
    assert_holds(an, "min( -1 , -2 ) == -2");
    assert_holds(an, "2 * max(1, relations.handover) == 4");
    fixture_close(&f);
}

static void test_comparisons(void **state)
{
    (void)state;
    fixture f;
    fixture_open(&f);
    const pf_analysis *an = &f.analysis;
    assert_holds(an, "relations.synergy == 6");
    assert_fails(an, "relations.synergy != 6");
    assert_holds(an, "relations.synergy != 5");
    assert_fails(an, "relations.synergy < 6");
    assert_holds(an, "relations.synergy <= 6");
    assert_fails(an, "relations.synergy > 6");
    assert_holds(an, "relations.synergy >= 6");
    assert_holds(an, "relations.tension < relations.synergy");
    assert_fails(an, "relations.tension >= relations.synergy");
    assert_holds(an, "5 < relations.synergy");
    /* text, with == and != only */
    assert_holds(an, "tendency == 'weak-in-all'");
    assert_holds(an, "'weak-in-all' == tendency");
    assert_fails(an, "tendency != 'weak-in-all'");
    assert_holds(an, "tendency != 'all-four'");
    assert_fails(an, "tendency == 'all-four'");
    assert_holds(an, "capability.level == 'low'");
    assert_holds(an, "capability.learning.level == 'medium'");
    assert_holds(an, "role.team.tendency == role.steward.tendency");
    assert_fails(an, "tendency == capability.level");
    assert_holds(an, "tendency != capability.level");
    assert_holds(an, "'a b' == 'a b'");
    /* text against a number is neither equal nor different: like a missing metric */
    assert_fails(an, "tendency == 1");
    assert_fails(an, "tendency != 1");
    fixture_close(&f);
}

static void test_logic(void **state)
{
    (void)state;
    fixture f;
    fixture_open(&f);
    const pf_analysis *an = &f.analysis;
    assert_holds(an, "true");
    assert_fails(an, "false");
    assert_holds(an, "not false");
    assert_fails(an, "not true");
    assert_holds(an, "not not true");
    assert_holds(an, "relations.synergy > 1 and relations.tension > 1");
    assert_fails(an, "relations.synergy > 1 and relations.tension > 5");
    assert_holds(an, "relations.synergy > 10 or relations.tension > 1");
    assert_fails(an, "relations.synergy > 10 or relations.tension > 5");
    assert_holds(an, "not relations.synergy > 10");         /* not (synergy > 10) */
    assert_holds(an, "true or false and false");            /* and before or: true or (false and false) */
    assert_holds(an, "false and false or true");
    assert_fails(an, "(true or false) and false");
    assert_fails(an, "not false and false");                /* (not false) and false, not not (false and false) */
    assert_holds(an, "not true or true");                   /* (not true) or true, not not (true or true) */
    assert_fails(an, "not relations.synergy > 1 and true"); /* (not (synergy > 1)) and true */
    assert_fails(an, "not (true and true)");
    assert_holds(an, "not (false or false)");
    assert_holds(an, "(relations.synergy == 6) and (tendency == 'weak-in-all')");
    assert_holds(an, "true and true and true or false");
    assert_holds(an, "not(relations.synergy > 10)");
    fixture_close(&f);
}

static void test_missing_metrics(void **state)
{
    (void)state;
    fixture f;
    fixture_open(&f);
    const pf_analysis *an = &f.analysis;
    /* role.individual.* is absent: no respondent has that role. */
    assert_fails(an, "role.individual.respondents > 0");
    assert_fails(an, "role.individual.respondents <= 0");
    assert_fails(an, "role.individual.respondents == role.individual.respondents");
    assert_fails(an, "not role.individual.respondents > 0");   /* not of unknown stays unknown */
    assert_fails(an, "not not role.individual.respondents > 0");
    assert_fails(an, "role.individual.respondents * 0 == 0");  /* arithmetic on a missing value is missing */
    assert_fails(an, "abs(role.individual.respondents) >= 0");
    assert_fails(an, "min(role.individual.respondents, 1) <= 1");
    assert_fails(an, "max(1, role.individual.respondents) >= 1");
    assert_fails(an, "-role.individual.respondents <= 0");
    assert_fails(an, "role.individual.tendency == 'weak-in-all'");
    assert_fails(an, "role.individual.tendency != 'weak-in-all'");
    /* three-valued and/or: false and unknown is false, true or unknown is true */
    assert_holds(an, "role.individual.respondents > 0 or relations.synergy > 1");
    assert_holds(an, "relations.synergy > 1 or role.individual.respondents > 0");
    assert_fails(an, "role.individual.respondents > 0 or relations.synergy > 10");
    assert_fails(an, "role.individual.respondents > 0 and relations.synergy > 1");
    assert_fails(an, "relations.synergy > 1 and role.individual.respondents > 0");
    assert_holds(an, "not (role.individual.respondents > 0 and relations.synergy > 10)"); /* not false */
    assert_fails(an, "not (role.individual.respondents > 0 or relations.synergy > 10)");  /* not unknown */
    assert_fails(an, "not (role.individual.respondents > 0 or relations.synergy > 1)");   /* not true */
    assert_fails(an, "not (role.individual.respondents > 0 and relations.synergy > 1)");  /* not unknown */
    /* division by zero is missing too */
    assert_fails(an, "relations.synergy / relations.duplicate > 0");
    assert_fails(an, "relations.synergy / relations.duplicate <= 0");
    assert_fails(an, "not relations.synergy / relations.duplicate > 0");
    assert_fails(an, "relations.synergy / 0 != 1");
    assert_holds(an, "relations.synergy / 0 > 0 or true");
    assert_holds(an, "relations.duplicate / relations.synergy == 0");

    /* Whole sources left out: their metrics are absent. */
    pf_analysis only_map = { NULL, f.map, NULL };
    assert_fails(&only_map, "relations.synergy >= 0");
    assert_fails(&only_map, "tendency == 'weak-in-all'");
    assert_fails(&only_map, "tendency != 'weak-in-all'");
    assert_holds(&only_map, "portfolio.projects == 8");
    pf_analysis nothing = { NULL, NULL, NULL };
    assert_fails(&nothing, "portfolio.projects >= 0");
    assert_holds(&nothing, "true");
    size_t zero[4] = { 0, 0, 0, 0 };
    pf_analysis relations = { NULL, NULL, zero };
    assert_holds(&relations, "relations.handover == 0");
    fixture_close(&f);
}

/* A rule's condition and template are checked when read; the error names the rule and the place. */
static void test_read_errors(void **state)
{
    (void)state;
    static const char yaml[] = "catalogue: 1\n"
                               "rules:\n"
                               "  - id: bad\n"
                               "    kind: info\n"
                               "    priority: 1\n"
                               "    when: \"relations.synergy >> 1\"\n"
                               "    message: {en: \"x\"}\n";
    pf_rules *rules = NULL;
    pf_diagnostics *diags;
    pf_error err;
    assert_int_equal(pf_diagnostics_new(NULL, &diags), PF_OK);
    assert_int_equal(pf_rules_read_buffer(yaml, sizeof yaml - 1, "cat.yaml", NULL, &rules, diags, &err), PF_EINVALID);
    assert_null(rules);
    assert_int_equal(pf_diagnostics_count(diags), 1);
    const pf_error *e = pf_diagnostics_at(diags, 0);
    assert_int_equal(e->code, PF_EINVALID);
    assert_string_equal(e->source, "cat.yaml");
    assert_int_equal(e->line, 6);
    assert_int_equal(e->column, 31); /* the second '>' */
    assert_string_equal(e->message, "rules[0].when: rule bad: unexpected '>'");
    assert_int_equal(err.code, PF_EINVALID);
    pf_diagnostics_free(diags);

    /* Every problem is reported, not only the first. */
    static const char two[] = "catalogue: 1\n"
                              "rules:\n"
                              "  - {id: a, kind: info, priority: 1, when: \"nope > 1\", message: {en: x}}\n"
                              "  - {id: b, kind: info, priority: 0, when: \"true\", message: {en: \"{nope}\"}}\n";
    assert_int_equal(pf_diagnostics_new(NULL, &diags), PF_OK);
    assert_int_equal(pf_rules_read_buffer(two, sizeof two - 1, NULL, NULL, &rules, diags, NULL), PF_EINVALID);
    assert_null(rules);
    assert_int_equal(pf_diagnostics_count(diags), 2);
    assert_string_equal(pf_diagnostics_at(diags, 0)->source, "<buffer>");
    assert_non_null(strstr(pf_diagnostics_at(diags, 0)->message, "unknown metric 'nope'"));
    assert_non_null(strstr(pf_diagnostics_at(diags, 1)->message, "must be 1 (most important) to 9 (got 0)"));
    pf_diagnostics_free(diags);

    /* Not YAML at all. */
    static const char broken[] = "catalogue: [1\n";
    assert_int_equal(pf_rules_read_buffer(broken, sizeof broken - 1, NULL, NULL, &rules, NULL, &err), PF_ESYNTAX);
    assert_null(rules);
}

/* ---- iteration ---- */

static void test_for_each_subject(void **state)
{
    (void)state;
    fixture f;
    fixture_open(&f);
    pf_rules *rules = rules_of("catalogue: 1\n"
                               "rules:\n"
                               "  - id: F\n"
                               "    kind: action\n"
                               "    priority: 1\n"
                               "    for: facet\n"
                               "    when: \"portfolio.share.{facet} > 0\"\n"
                               "    message: {en: \"{facet}\"}\n"
                               "  - id: G\n"
                               "    kind: action\n"
                               "    priority: 2\n"
                               "    for: dimension\n"
                               "    when: \"capability.{dimension} >= 0\"\n"
                               "    message: {en: \"{dimension}\"}\n"
                               "  - id: H\n"
                               "    kind: action\n"
                               "    priority: 3\n"
                               "    for: role\n"
                               "    when: \"role.{role}.respondents > 0\"\n"
                               "    message: {en: \"{role}\"}\n"
                               "  - id: I\n"
                               "    kind: action\n"
                               "    priority: 4\n"
                               "    for: facet\n"
                               "    when: \"relations.synergy > 100\"\n"
                               "    message: {en: \"never\"}\n"
                               "  - id: J\n"
                               "    kind: action\n"
                               "    priority: 5\n"
                               "    when: \"true\"\n"
                               "    message: {en: \"once\"}\n");
    pf_advice *adv = recommend(rules, &f.analysis, NULL);
    /* facets with projects, in enum order; all six dimensions in enum order (not alphabetical);
       roles with respondents: team before steward */
    static const struct {
        const char *rule, *kind, *subject;
    } expected[] = {
        { "F", "facet", "enhancement" },     { "F", "facet", "mission" },
        { "F", "facet", "anticipatory" },    { "G", "dimension", "sense-making" },
        { "G", "dimension", "stewardship" }, { "G", "dimension", "structures" },
        { "G", "dimension", "resources" },   { "G", "dimension", "learning" },
        { "G", "dimension", "ecosystem" },   { "H", "role", "team" },
        { "H", "role", "steward" },          { "J", NULL, NULL },
    };
    size_t n = sizeof expected / sizeof *expected;
    assert_int_equal(pf_advice_count(adv), n);
    for (size_t i = 0; i < n; i++) {
        const pf_recommendation *r = pf_advice_at(adv, i);
        assert_string_equal(r->rule, expected[i].rule);
        if (expected[i].subject) {
            assert_string_equal(r->subject_kind, expected[i].kind);
            assert_string_equal(r->subject, expected[i].subject);
            assert_string_equal(r->message, expected[i].subject); /* no words: the subject's id */
        } else {
            assert_null(r->subject_kind);
            assert_null(r->subject);
            assert_string_equal(r->message, "once");
        }
    }
    assert_null(pf_advice_at(adv, n));
    pf_advice_free(adv);
    pf_rules_free(rules);
    fixture_close(&f);
}

/*
 * Metrics named role.<role>.<metric> work unformatted too in templates of any rule (issue 13: docs/rules.md
 * listed them as refused outside 'for: role' rules, which they never were; test_role_metrics_in_templates has
 * them formatted); {role} and a role's words ({role.needs}) need 'for: role'
 * (tests/data/invalid-rules/template-role-outside-role-rules.yaml).
 */
static void test_role_metrics_in_any_rule(void **state)
{
    (void)state;
    fixture f;
    fixture_open(&f);
    assert_renders(&f.analysis, NULL, "{role.team.respondents} of {respondents} in teams",
                   "1 of 2 in teams");
    assert_renders(&f.analysis, NULL, "{role.steward.orientation.enhancement}", "6"); /* 4 / 64 in pet mode */
    fixture_close(&f);
}

/* ---- templates ---- */

static void test_formats(void **state)
{
    (void)state;
    fixture f;
    fixture_open(&f);
    const pf_analysis *an = &f.analysis;
    /* no format: whole numbers as they are, others to two decimals */
    assert_renders(an, NULL, "{relations.synergy}", "6");
    assert_renders(an, NULL, "{portfolio.share.enhancement}", "0.63");
    assert_renders(an, NULL, "{portfolio.gap.anticipatory}", "-0.13");
    assert_renders(an, NULL, "{capability.learning}", "42.86");
    assert_renders(an, NULL, "{portfolio.share.adaptive}", "0");
    /* int: rounded, halves away from zero */
    assert_renders(an, NULL, "{relations.synergy|int}", "6");
    assert_renders(an, NULL, "{portfolio.orientation.enhancement|int}", "1");  /* 0.5 */
    assert_renders(an, NULL, "{portfolio.gap.enhancement|int}", "0");          /* 0.375 */
    assert_renders(an, NULL, "{portfolio.gap.anticipatory|int}", "0");         /* -0.125: no "-0" */
    assert_renders(an, NULL, "{capability.learning|int}", "43");
    assert_renders(an, NULL, "{portfolio.effective_facets|int}", "2");
    /* one: one decimal, always written */
    assert_renders(an, NULL, "{relations.synergy|one}", "6.0");
    assert_renders(an, NULL, "{portfolio.gap.enhancement|one}", "0.4");        /* 0.375 */
    assert_renders(an, NULL, "{portfolio.gap.anticipatory|one}", "-0.1");      /* -0.125 */
    assert_renders(an, NULL, "{portfolio.orientation.enhancement|one}", "0.5");
    assert_renders(an, NULL, "{capability.learning|one}", "42.9");
    assert_renders(an, NULL, "{portfolio.share.adaptive|one}", "0.0");
    /* pct: already a percentage, rounded */
    assert_renders(an, NULL, "{capability.learning|pct}", "43%");
    assert_renders(an, NULL, "{orientation.enhancement|pct}", "6%");
    /* percent: a fraction times 100, rounded, halves away from zero */
    assert_renders(an, NULL, "{portfolio.share.enhancement|percent}", "63%");  /* 62.5 */
    assert_renders(an, NULL, "{portfolio.gap.anticipatory|percent}", "-13%");  /* -12.5 */
    assert_renders(an, NULL, "{portfolio.gap.adaptive|percent}", "-25%");
    assert_renders(an, NULL, "{portfolio.share.adaptive|percent}", "0%");
    /* text metrics as they are, whatever the format */
    assert_renders(an, NULL, "{tendency}", "weak-in-all");
    assert_renders(an, NULL, "{capability.learning.level}", "medium");
    /* a metric the portfolio lacks */
    pf_analysis no_relations = { f.scores, f.map, NULL };
    assert_renders(&no_relations, NULL, "[{relations.synergy|int}]", "[?]");
    assert_renders(&no_relations, NULL, "[{relations.synergy}]", "[?]");
    /* escapes, and several placeholders */
    assert_renders(an, NULL, "{{relations.synergy}} = {relations.synergy}", "{relations.synergy} = 6");
    assert_renders(an, NULL, "{{}}{{{relations.tension}}}", "{}{3}");
    assert_renders(an, NULL, "a}}b{{c", "a}b{c");
    assert_renders(an, NULL, "{relations.synergy}{relations.tension}/{relations.handover|one}", "63/2.0");
    assert_renders(an, NULL, "no placeholder", "no placeholder");
    assert_renders(an, NULL, "caf\\u00e9 {relations.synergy}", "caf\xc3\xa9 6");
    /* French: decimal comma, a narrow no-break space before % */
    assert_renders(an, "fr", "{portfolio.share.enhancement|percent}", "63" NNBSP "%");
    assert_renders(an, "fr", "{capability.learning|pct}", "43" NNBSP "%");
    assert_renders(an, "fr", "{portfolio.gap.anticipatory|one}", "-0,1");
    assert_renders(an, "fr", "{capability.learning}", "42,86");
    assert_renders(an, "fr", "{relations.synergy|one}", "6,0");
    assert_renders(an, "fr", "{relations.synergy}", "6");
    fixture_close(&f);
}

static const char subjects_yaml[] = "subjects:\n"
                                    "  facet:\n"
                                    "    enhancement:\n"
                                    "      name: {en: \"Enhancement\", fr: \"Amélioration\"}\n"
                                    "      needs: {en: \"audits\"}\n"
                                    "    mission:\n"
                                    "      name: {en: \"Mission\"}\n"
                                    "  role:\n"
                                    "    team: {name: {en: \"teams\", fr: \"équipes\"}}\n";

static void test_subject_words_and_languages(void **state)
{
    (void)state;
    fixture f;
    fixture_open(&f);
    char yaml[2048];
    snprintf(yaml, sizeof yaml,
             "catalogue: 1\n%s"
             "rules:\n"
             "  - id: W\n"
             "    kind: info\n"
             "    priority: 1\n"
             "    for: facet\n"
             "    when: \"portfolio.share.{facet} > 0\"\n"
             "    message:\n"
             "      en: \"{facet}: {facet.needs} ({portfolio.share.{facet}|percent})\"\n"
             "      fr: \"{facet} : {facet.needs} ({portfolio.share.{facet}|percent})\"\n"
             "  - id: X\n"
             "    kind: info\n"
             "    priority: 2\n"
             "    for: role\n"
             "    when: \"role.{role}.respondents >= 1\"\n"
             "    message: {en: \"{role} ({role.name})\"}\n",
             subjects_yaml);
    pf_rules *rules = rules_of(yaml);

    /* English: words where given, else the subject's id */
    pf_advice *adv = recommend(rules, &f.analysis, "en");
    assert_int_equal(pf_advice_count(adv), 5);
    assert_string_equal(pf_advice_at(adv, 0)->message, "Enhancement: audits (63%)");
    assert_string_equal(pf_advice_at(adv, 1)->message, "Mission: mission (25%)");
    assert_string_equal(pf_advice_at(adv, 2)->message, "anticipatory: anticipatory (13%)");
    assert_string_equal(pf_advice_at(adv, 3)->message, "teams (teams)");
    assert_string_equal(pf_advice_at(adv, 4)->message, "steward (steward)");
    for (size_t i = 0; i < 5; i++)
        assert_string_equal(pf_advice_at(adv, i)->lang, "en");
    pf_advice_free(adv);

    /* French: the French message; words fall back to English, then to the id */
    adv = recommend(rules, &f.analysis, "fr");
    assert_int_equal(pf_advice_count(adv), 5);
    assert_string_equal(pf_advice_at(adv, 0)->message, "Amélioration : audits (63" NNBSP "%)");
    assert_string_equal(pf_advice_at(adv, 0)->lang, "fr");
    assert_string_equal(pf_advice_at(adv, 1)->message, "Mission : mission (25" NNBSP "%)");
    assert_string_equal(pf_advice_at(adv, 2)->message, "anticipatory : anticipatory (13" NNBSP "%)");
    /* rule X has no French text: English, and says so */
    assert_string_equal(pf_advice_at(adv, 3)->rule, "X");
    assert_string_equal(pf_advice_at(adv, 3)->lang, "en");
    pf_advice_free(adv);

    /* An unknown language (or none) is English. */
    adv = recommend(rules, &f.analysis, "de");
    assert_string_equal(pf_advice_at(adv, 0)->message, "Enhancement: audits (63%)");
    assert_string_equal(pf_advice_at(adv, 0)->lang, "en");
    pf_advice_free(adv);
    adv = recommend(rules, &f.analysis, NULL);
    assert_string_equal(pf_advice_at(adv, 0)->lang, "en");
    pf_advice_free(adv);
    pf_advice *def = NULL;
    assert_int_equal(pf_recommend(rules, &f.analysis, NULL, &def, NULL), PF_OK);
    assert_string_equal(pf_advice_at(def, 0)->message, "Enhancement: audits (63%)");
    pf_advice_free(def);
    pf_rules_free(rules);
    fixture_close(&f);
}

/*
 * A message with no text in the chosen language falls back to English, and is
 * then written as English: its numbers too (R07 of the default catalogue under
 * --lang fr).
 */
static void test_english_fallback_formats_as_english(void **state)
{
    (void)state;
    fixture f;
    fixture_open(&f);
    char lang[8];
    char *got = render(&f.analysis,
                       "    when: \"true\"\n"
                       "    message: {en: \"{portfolio.share.enhancement|percent} and {capability.learning|one}\"}\n",
                       "fr", lang, sizeof lang);
    assert_string_equal(lang, "en");
    assert_string_equal(got, "63% and 42.9");
    free(got);
    fixture_close(&f);
}

/* ---- evidence ---- */

static void test_evidence(void **state)
{
    (void)state;
    fixture f;
    fixture_open(&f);
    pf_rules *rules = rules_of("catalogue: 1\n"
                               "rules:\n"
                               "  - id: E\n"
                               "    kind: warning\n"
                               "    priority: 1\n"
                               "    when: \"portfolio.stage.idea > 1 or role.individual.respondents > 0 or portfolio.stage.idea > 100\"\n"
                               "    message: {en: \"{portfolio.projects} {tendency} {portfolio.stage.idea} {relations.synergy}\"}\n"
                               "  - id: F\n"
                               "    kind: warning\n"
                               "    priority: 2\n"
                               "    for: facet\n"
                               "    when: \"abs(portfolio.gap.{facet}) >= 0.25 and capability.level == 'low'\"\n"
                               "    message: {en: \"{portfolio.share.{facet}|percent} {portfolio.gap.{facet}|percent}\"}\n"
                               "  - id: G\n"
                               "    kind: info\n"
                               "    priority: 3\n"
                               "    when: \"true\"\n"
                               "    message: {en: \"none\"}\n");
    pf_analysis no_relations = { f.scores, f.map, NULL };
    pf_advice *adv = recommend(rules, &no_relations, NULL);
    assert_int_equal(pf_advice_count(adv), 4);

    /* The condition's metrics that are present, in reading order and once each, then the
       template's; absent ones (role.individual.*, relations.*) are left out. */
    const pf_recommendation *r = pf_advice_at(adv, 0);
    assert_string_equal(r->rule, "E");
    assert_string_equal(r->message, "8 weak-in-all 2 ?");
    assert_int_equal(r->evidence_count, 3);
    assert_string_equal(r->evidence[0].metric, "portfolio.stage.idea");
    assert_true(r->evidence[0].value == 2);
    assert_null(r->evidence[0].text);
    assert_string_equal(r->evidence[1].metric, "portfolio.projects");
    assert_true(r->evidence[1].value == 8);
    assert_null(r->evidence[1].text);
    assert_string_equal(r->evidence[2].metric, "tendency");
    assert_string_equal(r->evidence[2].text, "weak-in-all");

    /* Per subject: the subject's own metrics, exact values. */
    r = pf_advice_at(adv, 1);
    assert_string_equal(r->rule, "F");
    assert_string_equal(r->subject, "enhancement");
    assert_string_equal(r->message, "63% 38%");
    assert_int_equal(r->evidence_count, 3);
    assert_string_equal(r->evidence[0].metric, "portfolio.gap.enhancement");
    assert_true(r->evidence[0].value == 0.375);
    assert_string_equal(r->evidence[1].metric, "capability.level");
    assert_string_equal(r->evidence[1].text, "low");
    assert_string_equal(r->evidence[2].metric, "portfolio.share.enhancement");
    assert_true(r->evidence[2].value == 0.625);
    r = pf_advice_at(adv, 2);
    assert_string_equal(r->subject, "adaptive");
    assert_string_equal(r->message, "0% -25%");
    assert_int_equal(r->evidence_count, 3);
    assert_string_equal(r->evidence[0].metric, "portfolio.gap.adaptive");
    assert_true(r->evidence[0].value == -0.25);
    assert_string_equal(r->evidence[2].metric, "portfolio.share.adaptive");
    assert_true(r->evidence[2].value == 0);

    /* A constant condition reads nothing. */
    r = pf_advice_at(adv, 3);
    assert_string_equal(r->rule, "G");
    assert_int_equal(r->evidence_count, 0);
    pf_advice_free(adv);
    pf_rules_free(rules);
    fixture_close(&f);
}

/* ---- ordering ---- */

static void test_ordering(void **state)
{
    (void)state;
    pf_rules *rules = rules_of("catalogue: 1\n"
                               "rules:\n"
                               "  - {id: R2, kind: info, priority: 3, when: \"true\", message: {en: x}}\n"
                               "  - {id: R10, kind: info, priority: 3, when: \"true\", message: {en: x}}\n"
                               "  - {id: B, kind: action, priority: 1, when: \"true\", message: {en: x}}\n"
                               "  - {id: D, kind: info, priority: 2, for: dimension, when: \"true\", message: {en: x}}\n"
                               "  - {id: A, kind: warning, priority: 1, when: \"true\", message: {en: x}}\n"
                               "  - {id: S2, kind: strength, priority: 9, when: \"true\", message: {en: x}}\n"
                               "  - {id: S1, kind: strength, priority: 9, when: \"true\", message: {en: x}}\n"
                               "  - {id: C, kind: action, priority: 2, when: \"true\", message: {en: x}}\n"
                               "  - {id: Z, kind: strength, priority: 1, when: \"false\", message: {en: x}}\n");
    pf_analysis nothing = { NULL, NULL, NULL };
    pf_advice *adv = recommend(rules, &nothing, NULL);
    /* strengths first whatever their priority; then priority (any kind), rule id (byte order:
       "R10" before "R2"), and subjects in their enum order */
    static const char *const expected[] = {
        "S1", "S2", "A", "B", "C", "D sense-making", "D stewardship", "D structures", "D resources", "D learning",
        "D ecosystem", "R10", "R2",
    };
    size_t n = sizeof expected / sizeof *expected;
    assert_int_equal(pf_advice_count(adv), n);
    for (size_t i = 0; i < n; i++) {
        const pf_recommendation *r = pf_advice_at(adv, i);
        char label[64];
        snprintf(label, sizeof label, "%s%s%s", r->rule, r->subject ? " " : "", r->subject ? r->subject : "");
        assert_string_equal(label, expected[i]);
    }
    assert_int_equal(pf_advice_at(adv, 0)->kind, PF_ADVICE_STRENGTH);
    assert_int_equal(pf_advice_at(adv, 0)->priority, 9);
    assert_int_equal(pf_advice_at(adv, 2)->kind, PF_ADVICE_WARNING);
    assert_int_equal(pf_advice_at(adv, 3)->kind, PF_ADVICE_ACTION);
    pf_advice_free(adv);
    pf_rules_free(rules);

    /* No rule fires: an empty list. */
    rules = rules_of("catalogue: 1\nrules: []\n");
    assert_int_equal(pf_rules_count(rules), 0);
    adv = recommend(rules, &nothing, NULL);
    assert_int_equal(pf_advice_count(adv), 0);
    assert_null(pf_advice_at(adv, 0));
    pf_advice_free(adv);
    pf_rules_free(rules);
    rules = rules_of("catalogue: 1\n");
    assert_int_equal(pf_rules_count(rules), 0);
    assert_null(pf_rules_id_at(rules, 0));
    pf_rules_free(rules);
}

/* ---- merging ---- */

static const char base_yaml[] = "catalogue: 1\n"
                                "subjects:\n"
                                "  facet:\n"
                                "    enhancement: {name: {en: \"Base E\"}}\n"
                                "    mission: {name: {en: \"Base M\"}, needs: {en: \"base needs\"}}\n"
                                "rules:\n"
                                "  - {id: A, kind: info, priority: 1, when: \"true\", message: {en: \"a\"}}\n"
                                "  - {id: B, kind: info, priority: 2, for: facet, when: \"portfolio.share.{facet} > 0.2\",\n"
                                "     message: {en: \"b {facet} {facet.needs}\", fr: \"b-fr {facet}\"}}\n"
                                "  - {id: C, kind: info, priority: 3, when: \"true\", message: {en: \"c\"}}\n";

static const char extra_yaml[] = "catalogue: 1\n"
                                 "subjects:\n"
                                 "  facet:\n"
                                 "    enhancement: {name: {en: \"Extra E\", fr: \"Extra E fr\"}}\n"
                                 "    anticipatory: {name: {en: \"Extra AN\"}}\n"
                                 "rules:\n"
                                 "  - {id: D, kind: action, priority: 1, when: \"relations.synergy == 6\",\n"
                                 "     message: {en: \"d {relations.synergy}\"}}\n"
                                 "  - {id: B, kind: warning, priority: 5, for: facet, when: \"portfolio.share.{facet} > 0\",\n"
                                 "     message: {en: \"new b {facet} {facet.needs}\", fr: \"nouveau b {facet}\"}}\n"
                                 "  - {id: C, kind: info, priority: 3, when: \"false\", message: {en: \"c\"}}\n";

/* Everything the catalogue says about the fixture, as one string. */
static char *advice_text(const pf_rules *rules, const pf_analysis *analysis, const char *lang)
{
    pf_advice *adv = recommend(rules, analysis, lang);
    size_t cap = 4096, len = 0;
    char *s = calloc(1, cap);
    for (size_t i = 0; i < pf_advice_count(adv); i++) {
        const pf_recommendation *r = pf_advice_at(adv, i);
        len += (size_t)snprintf(s + len, cap - len, "%s %s %d|%s\n", r->rule, pf_advice_kind_name(r->kind),
                                r->priority, r->message);
    }
    pf_advice_free(adv);
    return s;
}

static void test_merge(void **state)
{
    (void)state;
    fixture f;
    fixture_open(&f);
    pf_rules *base = rules_of(base_yaml), *extra = rules_of(extra_yaml);
    char *before = advice_text(base, &f.analysis, "fr");
    assert_string_equal(before, "A info 1|a\n"
                                "B info 2|b-fr Base E\n"
                                "B info 2|b-fr Base M\n"
                                "C info 3|c\n");
    free(before);
    assert_int_equal(pf_rules_merge(base, extra, NULL), PF_OK);
    /* B replaced in place, C replaced (and so disabled), D appended */
    assert_int_equal(pf_rules_count(base), 4);
    assert_string_equal(pf_rules_id_at(base, 0), "A");
    assert_string_equal(pf_rules_id_at(base, 1), "B");
    assert_string_equal(pf_rules_id_at(base, 2), "C");
    assert_string_equal(pf_rules_id_at(base, 3), "D");
    /* the extra catalogue is untouched and independent */
    assert_int_equal(pf_rules_count(extra), 3);
    pf_rules_free(extra);
    /* words: enhancement's name replaced, mission's kept, anticipatory's added */
    char *after = advice_text(base, &f.analysis, "en");
    assert_string_equal(after, "A info 1|a\n"
                               "D action 1|d 6\n"
                               "B warning 5|new b Extra E enhancement\n"
                               "B warning 5|new b Base M base needs\n"
                               "B warning 5|new b Extra AN anticipatory\n");
    free(after);
    after = advice_text(base, &f.analysis, "fr");
    assert_non_null(strstr(after, "B warning 5|nouveau b Extra E fr\n"));
    assert_non_null(strstr(after, "B warning 5|nouveau b Base M\n"));
    free(after);

    /* Merging into the default catalogue: disable a rule by its id, add another. */
    pf_rules *def = NULL;
    assert_int_equal(pf_rules_open_default(NULL, &def, NULL), PF_OK);
    size_t n = pf_rules_count(def);
    char first[64], own_yaml[512];
    snprintf(first, sizeof first, "%s", pf_rules_id_at(def, 0));
    snprintf(own_yaml, sizeof own_yaml,
             "catalogue: 1\nrules:\n"
             "  - {id: %s, kind: warning, priority: 3, when: \"false\", message: {en: off}}\n"
             "  - {id: CITY1, kind: warning, priority: 1, when: \"portfolio.stage.scaling < 3\",\n"
             "     message: {en: \"Only {portfolio.stage.scaling|int} scaling\"}}\n",
             first);
    pf_rules *own = rules_of(own_yaml);
    assert_int_equal(pf_rules_merge(def, own, NULL), PF_OK);
    assert_int_equal(pf_rules_count(def), n + 1);
    assert_string_equal(pf_rules_id_at(def, 0), first);
    assert_string_equal(pf_rules_id_at(def, n), "CITY1");
    pf_advice *adv = recommend(def, &f.analysis, NULL);
    bool city = false;
    for (size_t i = 0; i < pf_advice_count(adv); i++) {
        assert_string_not_equal(pf_advice_at(adv, i)->rule, first);
        if (strcmp(pf_advice_at(adv, i)->rule, "CITY1") == 0) {
            city = true;
            assert_string_equal(pf_advice_at(adv, i)->message, "Only 2 scaling");
        }
    }
    assert_true(city);
    pf_advice_free(adv);
    pf_rules_free(own);
    pf_rules_free(def);
    pf_rules_free(base);
    fixture_close(&f);
}

/* ---- allocation failures ---- */

static pf_rules *rules_with(failing_alloc *f, const char *yaml)
{
    pf_read_options o = PF_READ_OPTIONS_INIT;
    o.allocator = failing_alloc_allocator(f);
    pf_rules *rules = NULL;
    assert_int_equal(pf_rules_read_buffer(yaml, strlen(yaml), NULL, &o, &rules, NULL, NULL), PF_OK);
    return rules;
}

static void test_recommend_allocation_failures(void **state)
{
    (void)state;
    fixture f;
    fixture_open(&f);
    char yaml[4096];
    snprintf(yaml, sizeof yaml, "%s%s", base_yaml,
             "  - {id: E, kind: warning, priority: 1, for: facet,\n"
             "     when: \"abs(portfolio.gap.{facet}) >= 0.1 or tendency == 'weak-in-all'\",\n"
             "     message: {en: \"{facet} {portfolio.gap.{facet}|percent} {tendency} {relations.synergy}\"}}\n");
    failing_alloc fa = { 0 };
    pf_rules *rules = rules_with(&fa, yaml);
    char *expected = advice_text(rules, &f.analysis, "fr");
    long baseline = fa.live, n;
    for (n = 1;; n++) {
        pf_advice *adv = NULL;
        pf_error err;
        pf_advice_options o = PF_ADVICE_OPTIONS_INIT;
        o.lang = "fr";
        failing_alloc_arm(&fa, n);
        pf_status s = pf_recommend(rules, &f.analysis, &o, &adv, &err);
        if (failing_alloc_walk_done(&fa, s, PF_OK, &err, "recommend", n)) {
            pf_advice_free(adv);
            break;
        }
        assert_null(adv);
        assert_int_equal(fa.live, baseline);
    }
    assert_true(n > 20);
    /* the failures left the catalogue as it was */
    char *again = advice_text(rules, &f.analysis, "fr");
    assert_string_equal(again, expected);
    free(again);
    free(expected);
    assert_int_equal(fa.live, baseline);
    pf_rules_free(rules);
    assert_int_equal(fa.live, 0);

    /* Reading fails cleanly too. */
    for (n = 1;; n++) {
        failing_alloc fr = { 0 };
        pf_read_options o = PF_READ_OPTIONS_INIT;
        o.allocator = failing_alloc_allocator(&fr);
        pf_rules *r = NULL;
        pf_error err;
        failing_alloc_arm(&fr, n);
        pf_status s = pf_rules_read_buffer(yaml, strlen(yaml), NULL, &o, &r, NULL, &err);
        if (failing_alloc_walk_done(&fr, s, PF_OK, &err, "reading the rules", n)) {
            pf_rules_free(r);
            assert_int_equal(fr.live, 0);
            break;
        }
        assert_null(r);
        assert_int_equal(fr.live, 0);
    }
    fixture_close(&f);
}

/*
 * A failed merge leaves the base catalogue unchanged, whichever allocation fails,
 * including those inside the copies of rules and words.
 */

static void test_merge_allocation_failures(void **state)
{
    (void)state;
    fixture f;
    fixture_open(&f);
    pf_rules *extra = rules_of(extra_yaml);
    failing_alloc fa = { 0 };
    pf_rules *base = rules_with(&fa, base_yaml);
    char *before = advice_text(base, &f.analysis, "en");
    fa.calls = 0;
    assert_int_equal(pf_rules_merge(base, extra, NULL), PF_OK);
    long total = fa.calls; /* the copies' two arrays, the copies, then the base's two lists grow */
    pf_rules_free(base);
    assert_int_equal(fa.live, 0);
    assert_true(total > 10);
    for (long n = 1; n <= total + 1; n++) {
        base = rules_with(&fa, base_yaml);
        long baseline = fa.live;
        pf_error err;
        failing_alloc_arm(&fa, n);
        pf_status s = pf_rules_merge(base, extra, &err);
        if (failing_alloc_walk_done(&fa, s, PF_OK, &err, "merge", n)) {
            assert_int_equal(n, total + 1);
            assert_int_equal(pf_rules_count(base), 4);
        } else {
            assert_int_equal(fa.live, baseline);
            assert_int_equal(pf_rules_count(base), 3);
            assert_string_equal(pf_rules_id_at(base, 2), "C");
            char *now = advice_text(base, &f.analysis, "en");
            assert_string_equal(now, before);
            free(now);
        }
        pf_rules_free(base);
        assert_int_equal(fa.live, 0);
    }
    free(before);
    pf_rules_free(extra);
    fixture_close(&f);
}

/* Conditions with chains, prefix operators and calls (flat chain nodes, grown as read) fail cleanly. */
static void test_condition_allocation_failures(void **state)
{
    (void)state;
    static const char yaml[] = "catalogue: 1\n"
                               "rules:\n"
                               "  - {id: N, kind: info, priority: 1, message: {en: x},\n"
                               "     when: \"not not (- -relations.synergy + 2 * 3 / 3 - abs(-1) + min(1, 2) == 8)"
                               " and true and true and (true) or false or false or 1 > 0\"}\n";
    size_t counts[4] = { 6, 3, 0, 2 };
    pf_analysis an = { NULL, NULL, counts };
    long n;
    for (n = 1;; n++) {
        failing_alloc fr = { 0 };
        pf_read_options o = PF_READ_OPTIONS_INIT;
        o.allocator = failing_alloc_allocator(&fr);
        pf_rules *r = NULL;
        pf_error err;
        failing_alloc_arm(&fr, n);
        pf_status s = pf_rules_read_buffer(yaml, sizeof yaml - 1, NULL, &o, &r, NULL, &err);
        if (failing_alloc_walk_done(&fr, s, PF_OK, &err, "reading the conditions", n)) {
            pf_advice *adv = recommend(r, &an, NULL);
            assert_int_equal(pf_advice_count(adv), 1);
            pf_advice_free(adv);
            pf_rules_free(r);
            assert_int_equal(fr.live, 0);
            break;
        }
        assert_null(r);
        assert_int_equal(fr.live, 0);
    }
    assert_true(n > 30);
    /* and copying it into another catalogue */
    pf_rules *extra = rules_of(yaml);
    for (n = 1;; n++) {
        failing_alloc fa = { 0 };
        pf_rules *base = rules_with(&fa, "catalogue: 1\n");
        long baseline = fa.live;
        pf_error err;
        failing_alloc_arm(&fa, n);
        pf_status s = pf_rules_merge(base, extra, &err);
        if (failing_alloc_walk_done(&fa, s, PF_OK, &err, "merging the conditions", n)) {
            assert_int_equal(pf_rules_count(base), 1);
            pf_advice *adv = recommend(base, &an, NULL);
            assert_int_equal(pf_advice_count(adv), 1);
            pf_advice_free(adv);
            pf_rules_free(base);
            assert_int_equal(fa.live, 0);
            break;
        }
        assert_int_equal(fa.live, baseline);
        assert_int_equal(pf_rules_count(base), 0);
        pf_rules_free(base);
        assert_int_equal(fa.live, 0);
    }
    assert_true(n > 20);
    pf_rules_free(extra);
}

/*
 * The role.<role>.* metrics in templates: a placeholder with more parts than
 * role.<word> is a metric, not a word of the rule's subject.
 */
static void test_role_metrics_in_templates(void **state)
{
    (void)state;
    fixture f;
    fixture_open(&f);
    pf_rules *rules = NULL;
    static const char plain[] = "catalogue: 1\n"
                                "rules:\n"
                                "  - {id: P, kind: info, priority: 1, when: \"role.team.respondents > 0\",\n"
                                "     message: {en: \"{role.team.respondents|int}\"}}\n";
    assert_int_equal(pf_rules_read_buffer(plain, sizeof plain - 1, NULL, NULL, &rules, NULL, NULL), PF_OK);
    pf_advice *plain_adv = recommend(rules, &f.analysis, NULL);
    assert_string_equal(pf_advice_at(plain_adv, 0)->message, "1");
    pf_advice_free(plain_adv);
    pf_rules_free(rules);
    rules = rules_of("catalogue: 1\n"
                     "rules:\n"
                     "  - {id: Q, kind: info, priority: 1, for: role, when: \"role.{role}.respondents > 0\",\n"
                     "     message: {en: \"{role}: {role.{role}.respondents} {role.{role}.respondents|int}\"}}\n");
    pf_advice *adv = recommend(rules, &f.analysis, NULL);
    assert_int_equal(pf_advice_count(adv), 2);
    assert_string_equal(pf_advice_at(adv, 0)->message, "team: 1 1");
    pf_advice_free(adv);
    pf_rules_free(rules);
    fixture_close(&f);
}

/* ---- output and lifetime ---- */

static void test_write_json(void **state)
{
    (void)state;
    fixture f;
    fixture_open(&f);
    pf_rules *rules = rules_of("catalogue: 1\n"
                               "subjects:\n"
                               "  facet:\n"
                               "    mission: {name: {en: \"Mission\", fr: \"Mission\"}}\n"
                               "rules:\n"
                               "  - id: J1\n"
                               "    kind: warning\n"
                               "    priority: 4\n"
                               "    for: facet\n"
                               "    when: \"portfolio.share.{facet} == 0.25 and tendency != 'all-four'\"\n"
                               "    message:\n"
                               "      en: \"{facet} \\\"holds\\\" {portfolio.share.{facet}|percent}\"\n"
                               "      fr: \"{facet} \\\"détient\\\" {portfolio.share.{facet}|percent}\"\n"
                               "  - id: J2\n"
                               "    kind: strength\n"
                               "    priority: 9\n"
                               "    when: \"portfolio.gap.anticipatory < 0\"\n"
                               "    message: {en: \"A gap.\"}\n");
    pf_advice *adv = recommend(rules, &f.analysis, "fr");
    pf_buf out = PF_BUF_INIT;
    assert_int_equal(pf_advice_write_json(adv, &out, NULL), PF_OK);
    assert_string_equal(out.data, "{\n"
                                  "  \"schema_version\": 1,\n"
                                  "  \"recommendations\": [\n"
                                  "    {\n"
                                  "      \"rule\": \"J2\",\n"
                                  "      \"kind\": \"strength\",\n"
                                  "      \"priority\": 9,\n"
                                  "      \"lang\": \"en\",\n"
                                  "      \"message\": \"A gap.\",\n"
                                  "      \"evidence\": {\n"
                                  "        \"portfolio.gap.anticipatory\": -0.125\n"
                                  "      }\n"
                                  "    },\n"
                                  "    {\n"
                                  "      \"rule\": \"J1\",\n"
                                  "      \"kind\": \"warning\",\n"
                                  "      \"priority\": 4,\n"
                                  "      \"facet\": \"mission\",\n"
                                  "      \"lang\": \"fr\",\n"
                                  "      \"message\": \"Mission \\\"détient\\\" 25" NNBSP "%\",\n"
                                  "      \"evidence\": {\n"
                                  "        \"portfolio.share.mission\": 0.25,\n"
                                  "        \"tendency\": \"weak-in-all\"\n"
                                  "      }\n"
                                  "    }\n"
                                  "  ]\n"
                                  "}\n");
    assert_int_equal(out.size, strlen(out.data));
    pf_advice_free(adv);

    /* Nothing fires: an empty list. */
    pf_analysis nothing = { NULL, NULL, NULL };
    adv = recommend(rules, &nothing, NULL);
    assert_int_equal(pf_advice_write_json(adv, &out, NULL), PF_OK);
    assert_string_equal(out.data, "{\n  \"schema_version\": 1,\n  \"recommendations\": []\n}\n");
    pf_advice_free(adv);
    pf_buf_dispose(&out);
    pf_rules_free(rules);
    fixture_close(&f);
}

static void test_results_outlive_inputs(void **state)
{
    (void)state;
    fixture f;
    fixture_open(&f);
    char yaml[2048];
    snprintf(yaml, sizeof yaml,
             "catalogue: 1\n%s"
             "rules:\n"
             "  - id: Long.rule-id_1\n"
             "    kind: action\n"
             "    priority: 7\n"
             "    for: facet\n"
             "    when: \"portfolio.share.{facet} > 0.5 and tendency == 'weak-in-all'\"\n"
             "    message: {en: \"{facet}: {facet.needs}\", fr: \"{facet} !\"}\n",
             subjects_yaml);
    pf_rules *rules = rules_of(yaml);
    pf_advice *adv = recommend(rules, &f.analysis, "fr");
    pf_rules_free(rules);
    fixture_close(&f);
    assert_int_equal(pf_advice_count(adv), 1);
    const pf_recommendation *r = pf_advice_at(adv, 0);
    assert_string_equal(r->rule, "Long.rule-id_1");
    assert_int_equal(r->kind, PF_ADVICE_ACTION);
    assert_int_equal(r->priority, 7);
    assert_string_equal(r->subject_kind, "facet");
    assert_string_equal(r->subject, "enhancement");
    assert_string_equal(r->message, "Amélioration !");
    assert_string_equal(r->lang, "fr");
    assert_int_equal(r->evidence_count, 2);
    assert_string_equal(r->evidence[0].metric, "portfolio.share.enhancement");
    assert_string_equal(r->evidence[1].metric, "tendency");
    assert_string_equal(r->evidence[1].text, "weak-in-all");
    pf_buf out = PF_BUF_INIT;
    assert_int_equal(pf_advice_write_json(adv, &out, NULL), PF_OK);
    assert_non_null(strstr(out.data, "\"tendency\": \"weak-in-all\""));
    pf_buf_dispose(&out);
    pf_advice_free(adv);
}

/* ---- the worked example of docs/rules.md ---- */

static void test_docs_worked_example(void **state)
{
    (void)state;
    pf_doc *doc = NULL;
    pf_scores *scores = NULL;
    pf_map *map = NULL;
    pf_error err;
    assert_int_equal(pf_doc_read_file(SOURCE_ROOT "/examples/data/minimal.yaml", NULL, &doc, NULL, &err), PF_OK);
    assert_int_equal(pf_doc_score(doc, every_respondent(), &scores, NULL, NULL), PF_OK);
    assert_int_equal(pf_doc_map(doc, scores, NULL, &map, NULL), PF_OK);
    pf_analysis analysis = { scores, map, NULL };
    pf_rules *town = NULL, *rules = NULL;
    if (pf_rules_read_file(SOURCE_ROOT "/tests/data/rules/harbour-town.yaml", NULL, &town, NULL, &err) != PF_OK)
        fail_msg("%u:%u: %s", err.line, err.column, err.message);

    /* --rules: the town's rules alone */
    pf_advice *adv = recommend(town, &analysis, "fr");
    assert_int_equal(pf_advice_count(adv), 1);
    const pf_recommendation *r = pf_advice_at(adv, 0);
    assert_string_equal(r->rule, "TOWN01");
    assert_string_equal(r->lang, "fr");
    assert_string_equal(r->message, "Seuls 0 des 3 projets sont en cours de généralisation, alors que la ville en vise au "
                                    "moins 2. Choisissez le pilote le plus prometteur et décidez dès maintenant qui le "
                                    "portera à grande échelle.");
    assert_int_equal(r->evidence_count, 2);
    assert_string_equal(r->evidence[0].metric, "portfolio.projects");
    assert_true(r->evidence[0].value == 3);
    assert_string_equal(r->evidence[1].metric, "portfolio.stage.scaling");
    assert_true(r->evidence[1].value == 0);
    pf_advice_free(adv);

    /* --add-rules: TOWN01 is added and R11, which fires here by default, is disabled */
    assert_int_equal(pf_rules_open_default(NULL, &rules, NULL), PF_OK);
    adv = recommend(rules, &analysis, NULL);
    bool r11 = false;
    for (size_t i = 0; i < pf_advice_count(adv); i++)
        r11 = r11 || strcmp(pf_advice_at(adv, i)->rule, "R11") == 0;
    assert_true(r11);
    pf_advice_free(adv);
    assert_int_equal(pf_rules_merge(rules, town, NULL), PF_OK);
    adv = recommend(rules, &analysis, NULL);
    bool town01 = false;
    for (size_t i = 0; i < pf_advice_count(adv); i++) {
        r = pf_advice_at(adv, i);
        assert_string_not_equal(r->rule, "R11");
        if (strcmp(r->rule, "TOWN01") == 0) {
            town01 = true;
            assert_string_equal(r->message, "Only 0 of the 3 projects are being scaled up; the town aims for at least 2. "
                                            "Pick the most promising pilot and agree now who will run it at scale.");
        }
    }
    assert_true(town01);
    pf_advice_free(adv);
    pf_rules_free(rules);
    pf_rules_free(town);
    pf_map_free(map);
    pf_scores_free(scores);
    pf_doc_free(doc);
}

/* ---- arguments ---- */

static void test_null_arguments(void **state)
{
    (void)state;
    pf_rules *rules = rules_of("catalogue: 1\nrules:\n  - {id: A, kind: info, priority: 1, when: \"true\", message: {en: a}}\n");
    pf_analysis nothing = { NULL, NULL, NULL };
    pf_advice *adv = NULL;
    pf_error err;
    assert_int_equal(pf_recommend(rules, NULL, NULL, &adv, &err), PF_EARG);
    assert_int_equal(err.code, PF_EARG);
    assert_null(adv);
    assert_int_equal(pf_recommend(rules, &nothing, NULL, NULL, &err), PF_EARG);
    assert_int_equal(pf_recommend(rules, &nothing, NULL, NULL, NULL), PF_EARG);
    pf_advice_options bad = PF_ADVICE_OPTIONS_INIT;
    bad.version = 99;
    assert_int_equal(pf_recommend(rules, &nothing, &bad, &adv, &err), PF_EARG);
    assert_null(adv);
    /* NULL rules: the default catalogue */
    assert_int_equal(pf_recommend(NULL, &nothing, NULL, &adv, &err), PF_OK);
    assert_non_null(adv);
    pf_advice_free(adv);
    adv = NULL;

    pf_rules *r = NULL;
    assert_int_equal(pf_rules_read_buffer("catalogue: 1\n", 13, NULL, NULL, NULL, NULL, &err), PF_EARG);
    assert_int_equal(pf_rules_read_buffer(NULL, 5, NULL, NULL, &r, NULL, &err), PF_EARG);
    assert_null(r);
    assert_int_not_equal(pf_rules_read_buffer(NULL, 0, NULL, NULL, &r, NULL, &err), PF_OK); /* empty: no catalogue */
    assert_null(r);
    pf_read_options ro = PF_READ_OPTIONS_INIT;
    ro.version = 99;
    assert_int_equal(pf_rules_read_buffer("catalogue: 1\n", 13, NULL, &ro, &r, NULL, &err), PF_EARG);
    assert_int_equal(pf_rules_read_file("x.yaml", NULL, NULL, NULL, &err), PF_EARG);
    assert_int_equal(pf_rules_read_file(NULL, NULL, &r, NULL, &err), PF_EARG);
    assert_int_equal(pf_rules_read_file(SOURCE_ROOT "/tests/data/no-such-catalogue.yaml", NULL, &r, NULL, &err),
                     PF_ENOTFOUND);
    assert_null(r);
    assert_int_equal(pf_rules_read_file(SOURCE_ROOT "/data/rules.yaml", NULL, &r, NULL, &err), PF_OK);
    assert_true(pf_rules_count(r) >= 30);
    pf_rules_free(r);

    assert_int_equal(pf_rules_merge(NULL, rules, &err), PF_EARG);
    assert_int_equal(pf_rules_merge(rules, NULL, &err), PF_EARG);
    assert_int_equal(pf_rules_merge(rules, NULL, NULL), PF_EARG);
    assert_int_equal(pf_rules_count(rules), 1);

    pf_buf out = PF_BUF_INIT;
    assert_int_equal(pf_advice_write_json(NULL, &out, &err), PF_EARG);
    adv = recommend(rules, &nothing, NULL);
    assert_int_equal(pf_advice_write_json(adv, NULL, &err), PF_EARG);
    assert_null(pf_advice_at(adv, 1));
    pf_advice_free(adv);
    pf_buf_dispose(&out);

    pf_rules_free(NULL);
    pf_advice_free(NULL);
    assert_null(pf_rules_id_at(rules, 1));
    pf_rules_free(rules);

    pf_advice_kind k;
    assert_string_equal(pf_advice_kind_name(PF_ADVICE_INFO), "info");
    assert_null(pf_advice_kind_name((pf_advice_kind)PF_ADVICE_KIND_COUNT));
    assert_null(pf_advice_kind_name((pf_advice_kind)-1));
    assert_int_equal(pf_advice_kind_from_name("warning", &k), PF_OK);
    assert_int_equal(k, PF_ADVICE_WARNING);
    assert_int_equal(pf_advice_kind_from_name("Warning", &k), PF_EARG);
    assert_int_equal(pf_advice_kind_from_name(NULL, &k), PF_EARG);
    assert_int_equal(pf_advice_kind_from_name("info", NULL), PF_EARG);
    assert_int_equal(pf_rules_open_default(NULL, NULL, &err), PF_EARG);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_default_catalogue_opens),
        cmocka_unit_test(test_arithmetic_and_precedence),
        cmocka_unit_test(test_functions),
        cmocka_unit_test(test_comparisons),
        cmocka_unit_test(test_logic),
        cmocka_unit_test(test_missing_metrics),
        cmocka_unit_test(test_read_errors),
        cmocka_unit_test(test_for_each_subject),
        cmocka_unit_test(test_role_metrics_in_any_rule),
        cmocka_unit_test(test_formats),
        cmocka_unit_test(test_subject_words_and_languages),
        cmocka_unit_test(test_english_fallback_formats_as_english),
        cmocka_unit_test(test_evidence),
        cmocka_unit_test(test_ordering),
        cmocka_unit_test(test_merge),
        cmocka_unit_test(test_recommend_allocation_failures),
        cmocka_unit_test(test_merge_allocation_failures),
        cmocka_unit_test(test_condition_allocation_failures),
        cmocka_unit_test(test_role_metrics_in_templates),
        cmocka_unit_test(test_write_json),
        cmocka_unit_test(test_results_outlive_inputs),
        cmocka_unit_test(test_docs_worked_example),
        cmocka_unit_test(test_null_arguments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
