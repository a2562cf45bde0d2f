/*
 * pf_doc_analyse(): the four results in one call are exactly those of the
 * separate steps (byte for byte the command line's golden JSON), the options
 * reach each step, and failures are located and return nothing.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "test_files.h"

#include <portfolio/portfolio.h>

#define EXAMPLES SOURCE_ROOT "/examples/data/"
#define GOLDEN SOURCE_ROOT "/tests/data/golden/"

static void assert_buf_is_file(const pf_buf *buf, const char *path)
{
    char *expected = slurp(path, NULL);
    assert_non_null(expected);
    assert_string_equal(buf->data, expected);
    free(expected);
}

static pf_doc *load(const char *name)
{
    char path[512];
    snprintf(path, sizeof path, EXAMPLES "%s.yaml", name);
    pf_doc *doc = NULL;
    pf_error err;
    if (pf_doc_read_file(path, NULL, &doc, NULL, &err) != PF_OK)
        fail_msg("%s:%u:%u: %s", err.source, err.line, err.column, err.message);
    return doc;
}

/* Every part equals the command line's output for the same document (tests/data/golden). */
static void test_parts_are_the_commands_outputs(void **state)
{
    (void)state;
    static const char *const names[] = { "environment-agency", "university-city" };
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        pf_doc *doc = load(names[i]);
        pf_analysis_result *res = NULL;
        pf_error err;
        assert_int_equal(pf_doc_analyse(doc, NULL, &res, NULL, &err), PF_OK);
        pf_doc_free(doc); /* the result outlives the document */
        char path[512];
        pf_buf buf = PF_BUF_INIT;
        assert_int_equal(pf_scores_write_json(pf_analysis_result_scores(res), false, &buf, &err), PF_OK);
        snprintf(path, sizeof path, GOLDEN "score-%s.json", names[i]);
        assert_buf_is_file(&buf, path);
        assert_int_equal(pf_map_write_json(pf_analysis_result_map(res), &buf, &err), PF_OK);
        snprintf(path, sizeof path, GOLDEN "map-%s.json", names[i]);
        assert_buf_is_file(&buf, path);
        assert_int_equal(pf_relations_write_json(pf_analysis_result_relations(res), &buf, &err), PF_OK);
        snprintf(path, sizeof path, GOLDEN "synergies-%s.json", names[i]);
        assert_buf_is_file(&buf, path);
        assert_int_equal(pf_advice_write_json(pf_analysis_result_advice(res), &buf, &err), PF_OK);
        snprintf(path, sizeof path, GOLDEN "recommend-%s.json", names[i]);
        assert_buf_is_file(&buf, path);
        pf_buf_dispose(&buf);
        pf_analysis_result_free(res);
    }
}

/* The analysis is the input pf_recommend() takes: the same advice again, or another catalogue's. */
static void test_analysis_feeds_recommend(void **state)
{
    (void)state;
    pf_doc *doc = load("environment-agency");
    pf_analysis_result *res = NULL;
    assert_int_equal(pf_doc_analyse(doc, NULL, &res, NULL, NULL), PF_OK);
    const pf_analysis *an = pf_analysis_result_analysis(res);
    assert_ptr_equal(an->scores, pf_analysis_result_scores(res));
    assert_ptr_equal(an->map, pf_analysis_result_map(res));
    const pf_relations *rel = pf_analysis_result_relations(res);
    for (int k = 0; k < PF_RELATION_KIND_COUNT; k++)
        assert_int_equal(an->relation_counts[k], pf_relations_count_kind(rel, (pf_relation_kind)k));
    assert_int_equal(an->relation_counts[PF_RELATION_SYNERGY] + an->relation_counts[PF_RELATION_TENSION] +
                         an->relation_counts[PF_RELATION_DUPLICATE] + an->relation_counts[PF_RELATION_HANDOVER],
                     pf_relations_count(rel));

    pf_advice *again = NULL;
    assert_int_equal(pf_recommend(NULL, an, NULL, &again, NULL), PF_OK);
    pf_buf a = PF_BUF_INIT, b = PF_BUF_INIT;
    assert_int_equal(pf_advice_write_json(again, &a, NULL), PF_OK);
    assert_int_equal(pf_advice_write_json(pf_analysis_result_advice(res), &b, NULL), PF_OK);
    assert_string_equal(a.data, b.data);
    pf_advice_free(again);

    /* One rule that always holds: exactly one recommendation, from it. */
    static const char one[] = "catalogue: 1\n"
                              "rules:\n"
                              "  - id: X1\n"
                              "    kind: info\n"
                              "    priority: 3\n"
                              "    when: portfolio.projects > 0\n"
                              "    message:\n"
                              "      en: \"{portfolio.projects} projects\"\n";
    pf_rules *rules = NULL;
    pf_error err;
    if (pf_rules_read_buffer(one, sizeof one - 1, "one.yaml", NULL, &rules, NULL, &err) != PF_OK)
        fail_msg("%s:%u:%u: %s", err.source, err.line, err.column, err.message);
    assert_int_equal(pf_recommend(rules, an, NULL, &again, NULL), PF_OK);
    assert_int_equal(pf_advice_count(again), 1);
    assert_string_equal(pf_advice_at(again, 0)->rule, "X1");
    assert_string_equal(pf_advice_at(again, 0)->message, "27 projects");
    pf_advice_free(again);

    /* The same catalogue through the options of pf_doc_analyse(). */
    pf_analyse_options o = PF_ANALYSE_OPTIONS_INIT;
    o.rules = rules;
    pf_analysis_result *own = NULL;
    assert_int_equal(pf_doc_analyse(doc, &o, &own, NULL, NULL), PF_OK);
    assert_int_equal(pf_advice_count(pf_analysis_result_advice(own)), 1);
    assert_string_equal(pf_advice_at(pf_analysis_result_advice(own), 0)->rule, "X1");
    pf_analysis_result_free(own);

    pf_rules_free(rules);
    pf_buf_dispose(&a);
    pf_buf_dispose(&b);
    pf_analysis_result_free(res);
    pf_doc_free(doc);
}

/* Each step's options reach it. */
static void test_options_reach_every_step(void **state)
{
    (void)state;
    pf_doc *doc = load("environment-agency");
    pf_score_options so = PF_SCORE_OPTIONS_INIT;
    so.mode = PF_SCORE_NORMALISED;
    pf_map_options mo = PF_MAP_OPTIONS_INIT;
    mo.weighting = PF_WEIGHT_BUDGET;
    pf_relation_options ro = PF_RELATION_OPTIONS_INIT;
    ro.threshold = 0.9;
    ro.duplicate_threshold = 0.95;
    pf_advice_options ao = PF_ADVICE_OPTIONS_INIT;
    ao.lang = "fr";
    pf_analyse_options o = PF_ANALYSE_OPTIONS_INIT;
    o.score = &so;
    o.map = &mo;
    o.relations = &ro;
    o.advice = &ao;
    pf_analysis_result *res = NULL;
    assert_int_equal(pf_doc_analyse(doc, &o, &res, NULL, NULL), PF_OK);

    assert_int_equal(pf_scores_options(pf_analysis_result_scores(res))->mode, PF_SCORE_NORMALISED);
    pf_map *map = NULL;
    pf_scores *scores = NULL;
    assert_int_equal(pf_doc_score(doc, &so, &scores, NULL, NULL), PF_OK);
    assert_int_equal(pf_doc_map(doc, scores, &mo, &map, NULL), PF_OK);
    pf_buf a = PF_BUF_INIT, b = PF_BUF_INIT;
    assert_int_equal(pf_map_write_json(map, &a, NULL), PF_OK);
    assert_int_equal(pf_map_write_json(pf_analysis_result_map(res), &b, NULL), PF_OK);
    assert_string_equal(a.data, b.data);
    assert_non_null(strstr(b.data, "\"weighting\": \"budget\""));
    assert_true(pf_relations_options(pf_analysis_result_relations(res))->threshold == 0.9);
    const pf_advice *adv = pf_analysis_result_advice(res);
    assert_true(pf_advice_count(adv) > 0);
    for (size_t i = 0; i < pf_advice_count(adv); i++)
        assert_string_equal(pf_advice_at(adv, i)->lang, "fr");
    pf_buf_dispose(&a);
    pf_buf_dispose(&b);
    pf_map_free(map);
    pf_scores_free(scores);
    pf_analysis_result_free(res);
    pf_doc_free(doc);
}

/* Failures say what is wrong and hand nothing back. */
static void test_failures(void **state)
{
    (void)state;
    pf_doc *doc = load("environment-agency");
    pf_analysis_result *res = (pf_analysis_result *)&res; /* must stay as it is */
    pf_analysis_result *const untouched = res;
    pf_error err;

    assert_int_equal(pf_doc_analyse(NULL, NULL, &res, NULL, &err), PF_EARG);
    assert_string_equal(err.message, "doc is NULL");
    assert_int_equal(pf_doc_analyse(doc, NULL, NULL, NULL, &err), PF_EARG);
    assert_string_equal(err.message, "out is NULL");

    pf_analyse_options o = PF_ANALYSE_OPTIONS_INIT;
    o.version = 99;
    assert_int_equal(pf_doc_analyse(doc, &o, &res, NULL, &err), PF_EARG);
    assert_string_equal(err.message, "unknown pf_analyse_options version 99");

    /* A step's own check: a relations threshold out of range. */
    pf_relation_options ro = PF_RELATION_OPTIONS_INIT;
    ro.threshold = 2;
    o = (pf_analyse_options)PF_ANALYSE_OPTIONS_INIT;
    o.relations = &ro;
    assert_int_equal(pf_doc_analyse(doc, &o, &res, NULL, &err), PF_EARG);
    assert_non_null(strstr(err.message, "threshold"));

    /* Strict scoring of a document whose assessments leave items unanswered. */
    pf_score_options so = PF_SCORE_OPTIONS_INIT;
    so.strict = true;
    o = (pf_analyse_options)PF_ANALYSE_OPTIONS_INIT;
    o.score = &so;
    pf_diagnostics *diags = NULL;
    assert_int_equal(pf_diagnostics_new(NULL, &diags), PF_OK);
    pf_doc *partial = load("minimal"); /* a partly filled questionnaire */
    pf_status s = pf_doc_analyse(partial, &o, &res, diags, &err);
    assert_int_equal(s, PF_EINVALID);
    const pf_error *first = pf_diagnostics_at(diags, 0);
    assert_non_null(first);
    assert_int_equal(first->line, 32);
    assert_int_equal(first->column, 5);
    assert_string_equal(first->message, "assessments[0]: r-001 has no answer to q3.enhancement (strict scoring)");
    assert_ptr_equal(res, untouched);

    pf_diagnostics_free(diags);
    pf_doc_free(partial);
    pf_doc_free(doc);
    pf_analysis_result_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parts_are_the_commands_outputs),
        cmocka_unit_test(test_analysis_feeds_recommend),
        cmocka_unit_test(test_options_reach_every_step),
        cmocka_unit_test(test_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
