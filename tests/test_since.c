/*
 * The report's section on the change since an earlier document
 * (pf_report_options::since): the change of each headline metric in words,
 * in English and French, at the precision shown; projects added, removed and
 * moved; escaping; the options' versions; and the two charts of the section
 * (byte-exact golden SVGs in tests/data/golden/charts/, rewritten by
 * PF_REGENERATE_GOLDEN=1 meson test -C build test_since).
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

#include "chart_compare.h"
#include "failing_alloc.h"

#define GOLDEN_DIR SOURCE_ROOT "/tests/data/golden/charts/"
#define EXAMPLES SOURCE_ROOT "/examples/data/"

static pf_doc *load(const char *name)
{
    pf_doc *doc = NULL;
    pf_read_options ro = PF_READ_OPTIONS_INIT;
    pf_error err;
    if (pf_doc_read_file(name, &ro, &doc, NULL, &err) != PF_OK)
        fail_msg("%s: %s", name, err.message);
    return doc;
}

static char *report(const pf_doc *doc, const pf_doc *since, pf_report_format format, const char *lang)
{
    pf_report_options o = PF_REPORT_OPTIONS_INIT;
    o.format = format;
    o.lang = lang;
    o.since = since;
    o.include_incomplete = true; /* the documents here answer a few items only */
    pf_buf b = PF_BUF_INIT;
    pf_error err;
    if (pf_doc_report(doc, &o, &b, &err) != PF_OK)
        fail_msg("report: %s", err.message);
    char *copy = strdup(b.data);
    pf_buf_dispose(&b);
    return copy;
}

/* The text of the section, from its heading on. */
static const char *section(const char *text, const char *heading)
{
    const char *s = strstr(text, heading);
    if (!s)
        fail_msg("no section '%s' in:\n%s", heading, text);
    return s;
}

static void assert_has(const char *text, const char *want)
{
    if (!text || !strstr(text, want))
        fail_msg("'%s' not found in:\n%s", want, text ? text : "(no text)");
}

/* n projects of the mission zone (ids m0, m1, ...), allocating through `a` (NULL: malloc). */
static pf_doc *mission_projects_with(size_t n, const pf_allocator *a)
{
    pf_doc *doc = NULL;
    pf_doc_options o = PF_DOC_OPTIONS_INIT;
    if (a)
        o.allocator = *a;
    assert_int_equal(pf_doc_new(&o, &doc, NULL), PF_OK);
    for (size_t i = 0; i < n; i++) {
        char id[16];
        snprintf(id, sizeof id, "m%zu", i);
        pf_project *p;
        assert_int_equal(pf_doc_add_project(doc, id, &p, NULL), PF_OK);
        assert_int_equal(pf_project_set_purpose(p, PF_PURPOSE_MISSION, NULL), PF_OK);
        assert_int_equal(pf_project_set_driver(p, PF_FACET_MISSION, NULL), PF_OK);
    }
    return doc;
}

static pf_doc *mission_projects(size_t n)
{
    return mission_projects_with(n, NULL);
}

static void move_to_enhancement(pf_doc *doc, const char *id)
{
    pf_project *p = pf_doc_find_project(doc, id);
    assert_non_null(p);
    assert_int_equal(pf_project_set_purpose(p, PF_PURPOSE_ENHANCEMENT, NULL), PF_OK);
    assert_int_equal(pf_project_set_driver(p, PF_FACET_ENHANCEMENT, NULL), PF_OK);
}

/* One project of 100 moving to another facet: 1 point of share, the French singular. */
static void test_words_at_the_precision_shown(void **state)
{
    (void)state;
    pf_doc *old_doc = mission_projects(100), *new_doc = mission_projects(100);
    move_to_enhancement(new_doc, "m7");
    char *en = report(new_doc, old_doc, PF_REPORT_TEXT, "en");
    const char *s = section(en, "Change since last time");
    assert_has(s, "Projects                               100         100  unchanged\n");
    assert_has(s, "Enhancement (share)                   0.0%        1.0%  up 1.0 points\n");
    assert_has(s, "Mission (share)                     100.0%       99.0%  down 1.0 points\n");
    /* 1 / (0.99^2 + 0.01^2) = 1.0202 */
    assert_has(s, "Effective facets                      1.00        1.02  up 0.02\n");
    assert_has(s, "- Moved: m7 (Mission → Enhancement)\n");
    /* Neither document has respondents: no orientation rows, and no dates. */
    assert_null(strstr(s, "orientation"));
    assert_null(strstr(s, "Latest answers"));
    assert_has(s, "Metric                              Before       After  Change\n");
    char *fr = report(new_doc, old_doc, PF_REPORT_TEXT, "fr");
    s = section(fr, "Évolution depuis le relevé précédent");
    assert_has(s, "Amélioration (part)                  0,0\xE2\x80\xAF%       1,0\xE2\x80\xAF%  en hausse de 1,0 point\n");
    assert_has(s, "Mission (part)                     100,0\xE2\x80\xAF%      99,0\xE2\x80\xAF%  en baisse de 1,0 point\n");
    assert_has(s, "Projets                                100         100  sans changement\n");
    assert_has(s, "- Changé de zone\xC2\xA0: m7 (Mission → Amélioration)\n");
    free(en);
    free(fr);
    pf_doc_free(old_doc);
    pf_doc_free(new_doc);
}

/* Projects added and removed; a whole number of projects and two points and more in French. */
static void test_added_removed_and_counts(void **state)
{
    (void)state;
    pf_doc *old_doc = mission_projects(3), *new_doc = mission_projects(2);
    pf_project *p;
    assert_int_equal(pf_doc_add_project(new_doc, "e1", &p, NULL), PF_OK);
    assert_int_equal(pf_project_set_title(p, "A new one", NULL), PF_OK);
    assert_int_equal(pf_doc_add_project(new_doc, "e2", &p, NULL), PF_OK);
    move_to_enhancement(new_doc, "e1");
    char *en = report(new_doc, old_doc, PF_REPORT_TEXT, "en");
    const char *s = section(en, "Change since last time");
    assert_has(s, "Projects                                 3           4  up 1\n");
    /* e2 has no purpose: not placed, so the shares are those of e1, m0 and m1 (1/3 and 2/3). */
    assert_has(s, "Enhancement (share)                   0.0%       33.3%  up 33.3 points\n");
    assert_has(s, "Mission (share)                     100.0%       66.7%  down 33.3 points\n");
    assert_has(s, "- Removed: m2 (Mission)\n- Added: e1, A new one (Enhancement)\n- Added: e2 (not placed)\n");
    char *fr = report(new_doc, old_doc, PF_REPORT_MARKDOWN, "fr");
    s = section(fr, "## Évolution depuis le relevé précédent");
    assert_has(s, "| Mission (part) | 100,0\xE2\x80\xAF% | 66,7\xE2\x80\xAF% | en baisse de 33,3 points |\n| Adaptative (part)");
    assert_has(s, "- Retiré\xC2\xA0: m2 (Mission)\n- Ajouté\xC2\xA0: e1, A new one (Amélioration)\n");
    free(en);
    free(fr);
    pf_doc_free(old_doc);
    pf_doc_free(new_doc);
}

/* Respondents in only one document: n/a, never a change from 0. */
static void test_a_metric_on_one_side_is_not_a_change(void **state)
{
    (void)state;
    pf_doc *old_doc = mission_projects(1), *new_doc = mission_projects(1);
    pf_assessment *a;
    assert_int_equal(pf_doc_add_assessment(new_doc, "r-1", &a, NULL), PF_OK);
    assert_int_equal(pf_assessment_set_agreement(a, "q1.mission", 4, NULL), PF_OK);
    pf_date d = { 2026, 3, 1 };
    assert_int_equal(pf_assessment_set_date(a, d, NULL), PF_OK);
    char *en = report(new_doc, old_doc, PF_REPORT_TEXT, "en");
    const char *s = section(en, "Change since last time");
    assert_has(s, "Latest answers: n/a → 2026-03-01.\n");
    /* One side is undated, so the columns are Before and After. */
    assert_has(s, "Metric                              Before       After  Change\n");
    assert_has(s, "Respondents                            n/a           1  n/a\n");
    assert_has(s, "No project added, removed or moved.\n");
    char *json = report(new_doc, old_doc, PF_REPORT_JSON, "en");
    assert_has(json, "\"since\": {\n    \"old_date\": null,\n    \"new_date\": \"2026-03-01\",\n");
    assert_has(json, "\"name\": \"respondents\",\n        \"old\": null,\n        \"new\": 1,\n"
                     "        \"direction\": \"n/a\",\n        \"words\": \"n/a\"\n");
    free(en);
    free(json);
    pf_doc_free(old_doc);
    pf_doc_free(new_doc);
}

/* Titles of removed projects come from the earlier document, and are escaped like every user string. */
static void test_user_text_is_escaped(void **state)
{
    (void)state;
    pf_doc *old_doc = mission_projects(1), *new_doc = mission_projects(1);
    pf_project *p;
    assert_int_equal(pf_doc_add_project(old_doc, "gone", &p, NULL), PF_OK);
    assert_int_equal(pf_project_set_title(p, "<img src=x onerror=alert(1)> *x* | [a](b)", NULL), PF_OK);
    char *html = report(new_doc, old_doc, PF_REPORT_HTML, "en");
    const char *s = section(html, "<section id=\"since\">");
    assert_null(strstr(s, "<img"));
    assert_has(s, "<th>gone</th><td>&lt;img src=x onerror=alert(1)&gt; *x* | [a](b)</td><td>Removed</td><td>not placed</td>");
    char *md = report(new_doc, old_doc, PF_REPORT_MARKDOWN, "en");
    assert_has(section(md, "## Change since last time"),
               "- Removed: gone, &lt;img src=x onerror=alert(1)&gt; \\*x\\* \\| \\[a\\](b) (not placed)\n");
    free(html);
    free(md);
    pf_doc_free(old_doc);
    pf_doc_free(new_doc);
}

/* Without since there is no section; a version-1 struct (which ends before since) is still read. */
static void test_options_versions(void **state)
{
    (void)state;
    pf_doc *doc = load(EXAMPLES "minimal.yaml");
    pf_report_options defaults = PF_REPORT_OPTIONS_INIT;
    defaults.format = PF_REPORT_JSON;
    pf_buf plain_buf = PF_BUF_INIT;
    pf_error plain_err;
    assert_int_equal(pf_doc_report(doc, &defaults, &plain_buf, &plain_err), PF_OK);
    char *plain = strdup(plain_buf.data);
    pf_buf_dispose(&plain_buf);
    assert_null(strstr(plain, "\"since\""));
    /* A caller compiled against version 1 passes a shorter struct: only its members are read. */
    unsigned char raw[sizeof(pf_report_options)];
    memset(raw, 0xFF, sizeof raw);
    pf_report_options v1 = PF_REPORT_OPTIONS_INIT;
    v1.version = 1;
    v1.format = PF_REPORT_JSON;
    memcpy(raw, &v1, offsetof(pf_report_options, completeness_floor));
    pf_buf b = PF_BUF_INIT;
    pf_error err;
    assert_int_equal(pf_doc_report(doc, (const pf_report_options *)(const void *)raw, &b, &err), PF_OK);
    assert_string_equal(b.data, plain);
    pf_report_options v3 = PF_REPORT_OPTIONS_INIT;
    v3.version = 3;
    assert_int_equal(pf_doc_report(doc, &v3, &b, &err), PF_EARG);
    assert_string_equal(err.message, "unknown pf_report_options version 3");
    pf_buf_dispose(&b);
    free(plain);
    char *same = report(doc, doc, PF_REPORT_TEXT, "en");
    assert_has(section(same, "Change since last time"), "No project added, removed or moved.\n");
    free(same);
    pf_doc_free(doc);
}

/* ---- the section's charts ---- */

static void golden(const pf_buf *b, const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s%s", GOLDEN_DIR, name);
    assert_true(strncmp(b->data, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"", 49) == 0);
    assert_golden(path, b->data, b->size);
}

static void test_golden_charts(void **state)
{
    (void)state;
    pf_doc *a = load(EXAMPLES "environment-agency.yaml"), *b = load(EXAMPLES "environment-agency-2026.yaml");
    pf_comparison *cmp = NULL;
    assert_int_equal(pf_doc_compare(a, b, NULL, NULL, &cmp, NULL), PF_OK);
    pf_chart_options o = PF_CHART_OPTIONS_INIT;
    pf_buf out = PF_BUF_INIT;
    assert_int_equal(pf__chart_since_diamond(cmp, 50, "2025-10-14", "2026-10-14", &o, &out, NULL), PF_OK);
    golden(&out, "since-diamond-environment-agency.svg");
    assert_int_equal(pf__chart_since_moves(cmp, &o, &out, NULL), PF_OK);
    golden(&out, "since-moves-environment-agency.svg");
    assert_has(out.data, "<desc>1 moved to another zone, 2 added, 1 removed. Moved: pfas-scenarios (transformative → "
                         "anticipatory). Removed: staff-ideas (adaptive). Added: foresight-unit (anticipatory); "
                         "climate-adaptation-lab (mixed or unclear).</desc>");
    o.lang = "fr";
    assert_int_equal(pf__chart_since_diamond(cmp, 50, "Avant", "Après", &o, &out, NULL), PF_OK);
    golden(&out, "since-diamond-environment-agency-fr.svg");
    assert_int_equal(pf__chart_since_moves(cmp, &o, &out, NULL), PF_OK);
    golden(&out, "since-moves-environment-agency-fr.svg");
    pf_error err;
    assert_int_equal(pf__chart_since_moves(NULL, &o, &out, &err), PF_EARG);
    o.lang = "de";
    assert_int_equal(pf__chart_since_diamond(cmp, 50, "a", "b", &o, &out, &err), PF_EARG);
    pf_buf_dispose(&out);
    pf_comparison_free(cmp);
    pf_doc_free(a);
    pf_doc_free(b);
}

/* Many projects between the same two zones share one arrow; ids that are markup are escaped. */
static void test_moves_chart_groups_and_escapes(void **state)
{
    (void)state;
    pf_doc *old_doc = mission_projects(9), *new_doc = mission_projects(9);
    for (int i = 0; i < 8; i++) {
        char id[8];
        snprintf(id, sizeof id, "m%d", i);
        move_to_enhancement(new_doc, id);
    }
    pf_comparison *cmp = NULL;
    assert_int_equal(pf_doc_compare(old_doc, new_doc, NULL, NULL, &cmp, NULL), PF_OK);
    pf_buf out = PF_BUF_INIT;
    assert_int_equal(pf__chart_since_moves(cmp, NULL, &out, NULL), PF_OK);
    assert_has(out.data, ">8 projects</text>");
    assert_null(strstr(out.data, ">m0</text>"));
    size_t arrows = 0;
    for (const char *p = out.data; (p = strstr(p, "<polygon points=")); p++)
        arrows++;
    assert_int_equal(arrows, 9 + 1 + 1); /* nine zone cells, the outline, one arrow head */
    pf_buf_dispose(&out);
    pf_comparison_free(cmp);
    pf_doc_free(old_doc);
    pf_doc_free(new_doc);
}

/* ---- allocation failures ---- */

/* Each allocation of a report with its since section failing in turn, in every format: PF_ENOMEM, nothing leaked. */
static void test_every_allocation_failure(void **state)
{
    (void)state;
    for (int fmt = 0; fmt <= PF_REPORT_JSON; fmt++) {
        long n = 1;
        for (;; n++) {
            failing_alloc f = { 0 };
            pf_allocator a = failing_alloc_allocator(&f);
            pf_doc *old_doc = mission_projects_with(3, &a), *new_doc = mission_projects_with(2, &a);
            pf_project *p;
            assert_int_equal(pf_doc_add_project(new_doc, "e1", &p, NULL), PF_OK);
            assert_int_equal(pf_project_set_title(p, "Added", NULL), PF_OK);
            move_to_enhancement(new_doc, "e1");
            move_to_enhancement(new_doc, "m1");
            pf_doc *docs[2] = { old_doc, new_doc };
            for (int d = 0; d < 2; d++) {
                pf_assessment *as;
                assert_int_equal(pf_doc_add_assessment(docs[d], "r-1", &as, NULL), PF_OK);
                assert_int_equal(pf_assessment_set_agreement(as, "q1.mission", 2 + d, NULL), PF_OK);
                pf_date date = { 2025 + d, 5, 1 };
                assert_int_equal(pf_assessment_set_date(as, date, NULL), PF_OK);
            }
            pf_report_options o = PF_REPORT_OPTIONS_INIT;
            o.format = (pf_report_format)fmt;
            o.lang = "fr";
            o.since = old_doc;
            pf_buf out = PF_BUF_INIT;
            pf_error err;
            memset(&err, 0, sizeof err);
            failing_alloc_arm(&f, n);
            pf_status s = pf_doc_report(new_doc, &o, &out, &err);
            char what[24];
            snprintf(what, sizeof what, "format %d", fmt);
            bool done = failing_alloc_walk_done(&f, s, PF_OK, &err, what, n);
            if (done)
                assert_non_null(strstr(out.data, fmt == PF_REPORT_JSON ? "\"since\"" : "m1"));
            else
                assert_null(out.data);
            pf_buf_dispose(&out);
            pf_doc_free(old_doc);
            pf_doc_free(new_doc);
            assert_int_equal(f.live, 0); /* nothing leaked through the allocator */
            if (done)
                break;
        }
        assert_true(n > 50);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_words_at_the_precision_shown),
        cmocka_unit_test(test_added_removed_and_counts),
        cmocka_unit_test(test_a_metric_on_one_side_is_not_a_change),
        cmocka_unit_test(test_user_text_is_escaped),
        cmocka_unit_test(test_options_versions),
        cmocka_unit_test(test_golden_charts),
        cmocka_unit_test(test_moves_chart_groups_and_escapes),
        cmocka_unit_test(test_every_allocation_failure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
