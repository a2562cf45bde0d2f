/* Explanations and metric labels (lib/explain.c, data/explanations.yaml): the embedded file, a label
   in both languages for every metric the library can produce, values in words, and located errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "explain.h"

static pf_explanations *open_default(void)
{
    pf_explanations *e = NULL;
    pf_error err;
    if (pf__explanations_open_default(&e, NULL, &err) != PF_OK)
        fail_msg("the embedded explanations: %s", err.message);
    return e;
}

static void test_embedded_file_reads_without_a_problem(void **state)
{
    (void)state;
    pf_explanations *e = NULL;
    pf_diagnostics *d = NULL;
    assert_int_equal(pf_diagnostics_new(&d, NULL), PF_OK);
    pf_status s = pf__explanations_read_file(&e, SOURCE_ROOT "/data/explanations.yaml", NULL, d, NULL);
    for (size_t i = 0; i < pf_diagnostics_count(d); i++) {
        const pf_error *p = pf_diagnostics_at(d, i);
        print_error("%s:%u:%u: %s\n", p->source, p->line, p->column, p->message);
    }
    assert_int_equal(s, PF_OK);
    assert_int_equal(pf_diagnostics_count(d), 0);
    assert_true(pf__explain_text_count(e) > 40);
    pf__explanations_free(e);
    pf_diagnostics_free(d);
}

/* Every text in both languages: English is the fallback, but a board pack in French needs French. */
static void test_every_text_in_english_and_french(void **state)
{
    (void)state;
    pf_explanations *e = open_default();
    char missing[2048] = "";
    for (size_t i = 0; i < pf__explain_text_count(e); i++) {
        const char *key = pf__explain_text_key_at(e, i);
        for (int l = 0; l < PF__LANG_COUNT; l++)
            if (!pf__explain_text_exact(e, (pf__lang)l, key))
                snprintf(missing + strlen(missing), sizeof missing - strlen(missing), " %s(%s)", key, l ? "fr" : "en");
    }
    if (missing[0])
        fail_msg("texts without a translation:%s", missing);
    pf__explanations_free(e);
}

/*
 * Every metric the library can produce (metrics.c, docs/metrics.md) has a label of its own in English
 * and in French. A new metric without one fails here, by name, until data/explanations.yaml names it.
 */
static void test_every_metric_has_an_english_and_french_label(void **state)
{
    (void)state;
    pf_explanations *e = open_default();
    pf_named_metric *all = NULL;
    size_t count = 0;
    pf_allocator alloc = pf__allocator_resolve(NULL);
    assert_int_equal(pf__metrics_all_names(&alloc, &all, &count), PF_OK);
    assert_true(count > 200);
    pf_buf missing = PF_BUF_INIT, label = PF_BUF_INIT;
    for (size_t i = 0; i < count; i++) {
        for (int l = 0; l < PF__LANG_COUNT; l++) {
            pf_buf_dispose(&label);
            if (!pf__explain_metric_label(e, (pf__lang)l, all[i].name, true, &label) || !label.size)
                assert_int_equal(pf__buf_printf(&missing, "\n  %s (%s)", all[i].name, l ? "fr" : "en"), PF_OK);
        }
    }
    if (missing.size)
        fail_msg("metrics without a label in data/explanations.yaml:%s", missing.data);
    pf_buf_dispose(&label);
    pf_buf_dispose(&missing);
    pf__free(&alloc, all);
    pf__explanations_free(e);
}

static void expect_metric(pf_explanations *e, pf__lang lang, const char *name, double value, const char *text,
                          const pf_named_metric *all, size_t n, const char *want, const char *want_target)
{
    pf_buf b = PF_BUF_INIT;
    char target[64];
    assert_int_equal(pf__explain_metric(e, lang, name, value, text, all, n, &b, target), PF_OK);
    assert_string_equal(b.data, want);
    assert_string_equal(target, want_target);
    pf_buf_dispose(&b);
}

static void test_metrics_in_words(void **state)
{
    (void)state;
    pf_explanations *e = open_default();
    pf_named_metric all[1] = { { "portfolio.target.anticipatory", 0.3, NULL } };
    expect_metric(e, PF__LANG_EN, "portfolio.share.anticipatory", 0.15185185185185185, NULL, all, 1,
                  "Share of anticipatory projects: 15% (target 30%)", "portfolio.target.anticipatory");
    expect_metric(e, PF__LANG_FR, "portfolio.share.anticipatory", 0.15185185185185185, NULL, all, 1,
                  "Part des projets (facette anticipative)\u00a0: 15\u202f% (cible 30\u202f%)",
                  "portfolio.target.anticipatory");
    /* Without its target among the metrics, the share stands alone. */
    expect_metric(e, PF__LANG_EN, "portfolio.share.mission", 0.239, NULL, all, 1, "Share of mission projects: 24%", "");
    expect_metric(e, PF__LANG_EN, "portfolio.gap.anticipatory", -0.14814814814814814, NULL, NULL, 0,
                  "Gap to the target for anticipatory projects: -14.8 percentage points", "");
    expect_metric(e, PF__LANG_EN, "portfolio.gap.enhancement", 0.124, NULL, NULL, 0,
                  "Gap to the target for enhancement projects: +12.4 percentage points", "");
    expect_metric(e, PF__LANG_EN, "orientation.adaptive", 37.6, NULL, NULL, 0, "Adaptive orientation (mean): 37.6 out of 100",
                  "");
    expect_metric(e, PF__LANG_EN, "role.senior-management.orientation.mission", 70, NULL, NULL, 0,
                  "Mission orientation (mean), senior management: 70.0 out of 100", "");
    expect_metric(e, PF__LANG_FR, "role.team.capability.sense-making.level", 0, "low", NULL, 0,
                  "Niveau de la dimension «\u00a0compréhension partagée\u00a0», équipe\u00a0: faible", "");
    expect_metric(e, PF__LANG_EN, "tendency", 0, "enhancement+mission", NULL, 0,
                  "Strong facets (tendency): enhancement and mission", "");
    expect_metric(e, PF__LANG_FR, "tendency", 0, "all-four", NULL, 0, "Facettes fortes (tendance)\u00a0: les quatre", "");
    expect_metric(e, PF__LANG_EN, "orientation.mission.strong", 1, NULL, NULL, 0, "Mission is strong: yes", "");
    expect_metric(e, PF__LANG_EN, "portfolio.zone.mixed", 1, NULL, NULL, 0,
                  "Projects in the zone mixed or unclear: 1", "");
    expect_metric(e, PF__LANG_EN, "capability.score", 53.7, NULL, NULL, 0, "Capability score (mean): 53.7 points", "");
    expect_metric(e, PF__LANG_EN, "portfolio.hhi", 0.2942, NULL, NULL, 0,
                  "Concentration of the portfolio (HHI, 0.25 to 1): 0.29", "");
    /* A metric no entry names shows as its id, so nothing is lost. */
    expect_metric(e, PF__LANG_EN, "no.such.metric", 2, NULL, NULL, 0, "no.such.metric: 2.000", "");
    pf__explanations_free(e);
}

#define UNITS                                                                                                       \
    "units:\n  count: {en: x}\n  pct: {en: x}\n  points: {en: x}\n  percent: {en: x}\n"                              \
    "  percentage-points: {en: x}\n  number: {en: x}\n  flag: {en: x}\n  tendency: {en: x}\n  level: {en: x}\n"

/* Reads a bad file and checks every problem, located. */
static void expect_problems(const char *yaml, const char *const *want, size_t n)
{
    pf_explanations *e = NULL;
    pf_diagnostics *d = NULL;
    assert_int_equal(pf_diagnostics_new(&d, NULL), PF_OK);
    pf_error err;
    pf_status s = pf__explanations_read_buffer(&e, yaml, strlen(yaml), "x.yaml", NULL, d, &err);
    assert_int_not_equal(s, PF_OK);
    assert_null(e);
    bool same = pf_diagnostics_count(d) == n;
    for (size_t i = 0; i < pf_diagnostics_count(d); i++) {
        const pf_error *p = pf_diagnostics_at(d, i);
        char got[1024];
        snprintf(got, sizeof got, "%s:%u:%u: %s", p->source, p->line, p->column, p->message);
        if (i >= n || strcmp(got, want[i]) != 0) {
            print_error("problem %zu: got '%s', expected '%s'\n", i, got, i < n ? want[i] : "(none)");
            same = false;
        }
    }
    assert_true(same);
    pf_diagnostics_free(d);
}

static void test_bad_files_give_located_errors(void **state)
{
    (void)state;
    static const char *const no_units[] = { "x.yaml:1:1: missing key 'units' in the explanations" };
    expect_problems("explanations: 1\n", no_units, 1);
    static const char *const version[] = {
        "x.yaml:1:15: explanations: unsupported explanations version (this library reads version 1)"
    };
    expect_problems("explanations: 2\n" UNITS, version, 1);
    static const char *const text_problems[] = {
        "x.yaml:3:6: texts.a: missing key 'en' in a text",
        "x.yaml:5:3: texts: text 'b' is given twice (first at line 4)",
        "x.yaml:6:14: texts.c: unknown key 'de' in a text (did you mean 'en'?)",
    };
    expect_problems("explanations: 1\ntexts:\n  a: {fr: x}\n  b: {en: x}\n  b: {en: y}\n  c: {en: x, de: y}\n" UNITS,
                    text_problems, 3);
    static const char *const metric_problems[] = {
        "x.yaml:13:12: metrics[0].name: a metric name's parts are small letters, digits, '_' and '-', or one of "
        "<facet>, <dimension>, <zone>, <stage>, <role>, <metric>",
        "x.yaml:14:50: metrics[1].label.en: {zone} is not a placeholder of this name",
        "x.yaml:16:23: metrics[3].unit: unknown value 'metres' (expected one of: count, pct, points, percent, "
        "percentage-points, number, flag, tendency, level)",
        "x.yaml:17:5: metrics[4]: missing key 'label' in a metric",
        "x.yaml:18:12: metrics[5].name: metric 'b.<zone>' is given twice",
        "x.yaml:19:42: metrics[6].unit: a name ending in <metric> takes the unit of the metric it stands for",
    };
    expect_problems("explanations: 1\n" UNITS "metrics:\n"
                    "  - {name: \"A.b\", unit: count, label: {en: x}}\n"
                    "  - {name: \"b.<facet>\", unit: count, label: {en: \"{zone}\"}}\n"
                    "  - {name: \"b.<zone>\", unit: count, label: {en: \"{Zone}\"}}\n"
                    "  - {name: \"c\", unit: metres, label: {en: x}}\n"
                    "  - {name: \"d\", unit: count}\n"
                    "  - {name: \"b.<zone>\", unit: count, label: {en: x}}\n"
                    "  - {name: \"role.<role>.<metric>\", unit: count, label: {en: x}}\n",
                    metric_problems, 6);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_embedded_file_reads_without_a_problem),
        cmocka_unit_test(test_every_text_in_english_and_french),
        cmocka_unit_test(test_every_metric_has_an_english_and_french_label),
        cmocka_unit_test(test_metrics_in_words),
        cmocka_unit_test(test_bad_files_give_located_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
