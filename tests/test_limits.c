/*
 * Input at the ends of what the library accepts (issue 13): lists long enough that a pairwise check
 * would be quadratic, problems reported out of order, numbers at the ends of their ranges, documents
 * scored with different instruments. The long lists are checked for correctness, not time: run under
 * valgrind, a quadratic step would blow the test's timeout.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "failing_alloc.h"
#include "instrument.h"
#include "model_impl.h"

#define EXAMPLES SOURCE_ROOT "/examples/data/"

/* ---- helpers ---- */

typedef struct text {
    char *data;
    size_t size, cap;
} text;

static void put(text *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    assert_true(n >= 0);
    if (t->size + (size_t)n + 1 > t->cap) {
        t->cap = (t->size + (size_t)n + 1) * 2;
        t->data = realloc(t->data, t->cap);
        assert_non_null(t->data);
    }
    va_start(ap, fmt);
    vsnprintf(t->data + t->size, (size_t)n + 1, fmt, ap);
    va_end(ap);
    t->size += (size_t)n;
}

static pf_doc *read_doc(const char *yaml, size_t size, pf_diagnostics *diags, pf_status expected)
{
    pf_doc *doc = NULL;
    pf_error err;
    pf_status s = pf_doc_read_buffer(yaml, size, "t.yaml", NULL, &doc, diags, &err);
    if (s != expected)
        fail_msg("read: %d, expected %d (%u:%u: %s)", (int)s, (int)expected, err.line, err.column, err.message);
    return doc;
}

/* ---- long lists ---- */

/* 100 000 tags and 100 000 partners on one project, one of each given twice at the end. */
static void test_long_tag_and_partner_lists(void **state)
{
    (void)state;
    enum { N = 100000 };
    text t = { NULL, 0, 0 };
    put(&t, "portfolio: 1\nprojects:\n  - id: p\n    tags: [");
    for (int i = 0; i < N; i++)
        put(&t, "%st%d", i ? ", " : "", i);
    put(&t, ", t99999]\n    partners: [");
    for (int i = 0; i < N; i++)
        put(&t, "%sorg-%d", i ? ", " : "", i);
    put(&t, ", org-0]\n");
    pf_diagnostics *diags;
    assert_int_equal(pf_diagnostics_new(NULL, &diags), PF_OK);
    read_doc(t.data, t.size, diags, PF_EINVALID);
    assert_int_equal(pf_diagnostics_count(diags), 2);
    const pf_error *e = pf_diagnostics_at(diags, 0);
    assert_string_equal(e->message, "projects[0].tags[100000]: 't99999' is listed twice");
    assert_int_equal(e->line, 4);
    e = pf_diagnostics_at(diags, 1);
    assert_string_equal(e->message, "projects[0].partners[100000]: 'org-0' is listed twice");
    assert_int_equal(e->line, 5);
    pf_diagnostics_free(diags);

    /* Without the repeats the document is valid and keeps every entry in order. */
    char *tags_end = strstr(t.data, ", t99999]");
    memmove(tags_end, tags_end + 8, strlen(tags_end + 8) + 1);
    char *partners_end = strstr(t.data, ", org-0]");
    memmove(partners_end, partners_end + 7, strlen(partners_end + 7) + 1);
    pf_doc *doc = read_doc(t.data, strlen(t.data), NULL, PF_OK);
    pf_project *p = pf_doc_find_project(doc, "p");
    assert_int_equal(pf_project_tag_count(p), N);
    assert_int_equal(pf_project_partner_count(p), N);
    assert_string_equal(pf_project_tag_at(p, 54321), "t54321");
    assert_string_equal(pf_project_partner_at(p, N - 1), "org-99999");
    /* The API finds them through the same index, and keeps it right as entries go. */
    pf_error err;
    assert_int_equal(pf_project_add_tag(p, "t777", &err), PF_EEXISTS);
    assert_string_equal(err.message, "tags: 't777' is listed twice");
    assert_int_equal(pf_project_remove_tag(p, "t0", NULL), PF_OK);
    assert_int_equal(pf_project_remove_tag(p, "t0", NULL), PF_ENOTFOUND);
    assert_int_equal(pf_project_add_tag(p, "t0", NULL), PF_OK);
    assert_string_equal(pf_project_tag_at(p, N - 1), "t0");
    assert_int_equal(pf_project_remove_tag(p, "t99999", NULL), PF_OK);
    assert_int_equal(pf_project_add_tag(p, "t99999", NULL), PF_OK);
    assert_int_equal(pf_project_add_tag(p, "t99999", NULL), PF_EEXISTS);
    assert_int_equal(pf_project_tag_count(p), N);
    pf_doc_free(doc);
    free(t.data);
}

/* 20 000 links on one project: duplicates found through the index, removal keeps it right. */
static void test_long_link_lists(void **state)
{
    (void)state;
    enum { N = 20000 };
    pf_doc *doc;
    assert_int_equal(pf_doc_new(NULL, &doc, NULL), PF_OK);
    pf_project *hub;
    assert_int_equal(pf_doc_add_project(doc, "hub", &hub, NULL), PF_OK);
    for (int i = 0; i < N; i++) {
        char id[16];
        snprintf(id, sizeof id, "p%d", i);
        assert_int_equal(pf_doc_add_project(doc, id, NULL, NULL), PF_OK);
        assert_int_equal(pf_project_add_link(hub, id, PF_LINK_SYNERGY, NULL), PF_OK);
    }
    pf_error err;
    assert_int_equal(pf_project_add_link(hub, "p12345", PF_LINK_CONFLICT, &err), PF_EEXISTS);
    assert_string_equal(err.message, "to: already linked to 'p12345'");
    assert_int_equal(pf_doc_remove_project(doc, "p0", NULL), PF_OK); /* its link goes too */
    assert_int_equal(pf_project_link_count(hub), N - 1);
    assert_int_equal(pf_project_remove_link(hub, "p19999", NULL), PF_OK);
    assert_int_equal(pf_project_remove_link(hub, "p19999", NULL), PF_ENOTFOUND);
    assert_int_equal(pf_project_add_link(hub, "p19999", PF_LINK_DUPLICATE, NULL), PF_OK);
    pf_link l;
    assert_int_equal(pf_project_link_at(hub, N - 2, &l), PF_OK);
    assert_string_equal(l.to, "p19999");
    assert_int_equal(l.kind, PF_LINK_DUPLICATE);
    assert_int_equal(pf_project_link_at(hub, 0, &l), PF_OK);
    assert_string_equal(l.to, "p1");
    assert_int_equal(pf_doc_validate(doc, NULL, NULL), PF_OK);
    pf_doc_free(doc);
}

/* The list index: scanned while short, indexed once long, the first of equal entries found either way. */
static void test_list_index(void **state)
{
    (void)state;
    pf_allocator a = pf__allocator_resolve(NULL);
    pf_strvec v = { NULL, 0, 0, NULL };
    char name[16];
    for (int i = 0; i < 40; i++) {
        snprintf(name, sizeof name, "k%d", i % 30); /* k0..k9 come twice */
        assert_int_equal(pf__strvec_push(&a, &v, name), PF_OK);
        assert_int_equal(pf__strvec_find(&a, &v, "k3"), i >= 3 ? 3 : SIZE_MAX);
        assert_int_equal(pf__strvec_find(&a, &v, name), (size_t)(i % 30));
        assert_int_equal(pf__strvec_find(&a, &v, "absent"), SIZE_MAX);
        assert_true((v.index != NULL) == (i >= 8)); /* built by the first search of a list of 9 */
    }
    pf__strvec_remove(&a, &v, 3);
    assert_null(v.index); /* positions moved */
    assert_int_equal(pf__strvec_find(&a, &v, "k3"), 32);
    assert_int_equal(pf__strvec_find(&a, &v, "k4"), 3);
    pf__strvec_free(&a, &v);
    assert_null(v.index);
}

/* Every allocation of adding 40 tags and 40 links fails in turn: each failure is PF_ENOMEM, never a wrong answer. */
static void test_list_index_allocation_failures(void **state)
{
    (void)state;
    for (long n = 1;; n++) {
        failing_alloc f = { 0 };
        pf_doc_options o = PF_DOC_OPTIONS_INIT;
        o.allocator = failing_alloc_allocator(&f);
        pf_doc *doc;
        assert_int_equal(pf_doc_new(&o, &doc, NULL), PF_OK);
        pf_project *p;
        assert_int_equal(pf_doc_add_project(doc, "p", &p, NULL), PF_OK);
        failing_alloc_arm(&f, n);
        pf_status s = PF_OK;
        size_t tags = 0, links = 0;
        pf_error err;
        for (int i = 0; i < 40 && s == PF_OK; i++) {
            char name[16];
            snprintf(name, sizeof name, "t%d", i);
            s = pf_project_add_tag(p, name, &err);
            tags += s == PF_OK;
            if (s == PF_OK)
                s = pf_project_add_link(p, name, PF_LINK_SYNERGY, &err);
            links += s == PF_OK;
        }
        bool done = failing_alloc_walk_done(&f, s, PF_OK, &err, "tags and links", n);
        if (!done)
            assert_string_equal(err.message, "out of memory");
        /* What was added is all there, and found again. */
        assert_int_equal(pf_project_tag_count(p), tags);
        assert_int_equal(pf_project_link_count(p), links);
        for (size_t i = 0; i < tags; i++)
            assert_int_equal(pf_project_add_tag(p, pf_project_tag_at(p, i), NULL), PF_EEXISTS);
        pf_doc_free(doc);
        assert_int_equal(f.live, 0); /* nothing leaked through the allocator */
        if (done) {
            assert_true(n > 10);
            break;
        }
    }
}

/* Stored problems out of order: sorted stably by position however many a caller keeps. */
static void test_diagnostics_sort(void **state)
{
    (void)state;
    enum { N = 50000 };
    pf_diagnostics *d;
    assert_int_equal(pf_diagnostics_new(NULL, &d), PF_OK);
    pf__diag_set_limit(d, N);
    for (unsigned i = 0; i < N; i++) {
        pf_error e;
        memset(&e, 0, sizeof e);
        e.line = N / 2 - i / 2; /* descending, each line twice */
        e.column = 1;
        snprintf(e.message, sizeof e.message, "%u", i);
        assert_int_equal(pf__diag_add(d, &e), PF_OK);
    }
    pf__diag_sort(d);
    for (unsigned i = 0; i < N; i++) {
        const pf_error *e = pf_diagnostics_at(d, i);
        assert_int_equal(e->line, i / 2 + 1);
        /* equal positions keep the order they were reported in */
        unsigned reported = N - 2 - (i / 2) * 2 + (i % 2);
        char expected[16];
        snprintf(expected, sizeof expected, "%u", reported);
        assert_string_equal(e->message, expected);
    }
    pf_diagnostics_free(d);
}

/*
 * Problems reported behind the last position found: a missing id is reported at its project's start
 * after a link's position further on was worked out. On one line (minified JSON) every problem had the
 * line walked again from its start; now the walk goes back from where it is.
 */
static void test_positions_found_backwards(void **state)
{
    (void)state;
    enum { N = 20000 };
    text t = { NULL, 0, 0 };
    put(&t, "{\"portfolio\": 1, \"projects\": [");
    for (int i = 0; i < N; i++)
        put(&t, "%s{\"title\": \"\xC3\xA9t\xC3\xA9 %d\", \"links\": [{\"to\": \"x\", \"kind\": \"synergy\"}]}", i ? ", " : "",
            i);
    put(&t, "]}\n");
    pf_diagnostics *diags;
    assert_int_equal(pf_diagnostics_new(NULL, &diags), PF_OK);
    read_doc(t.data, t.size, diags, PF_EINVALID);
    /* Each project: its missing id at its start (found after its link's position), and its link to a missing
       project, checked once all is read (the 1000 problems kept are the first reported). */
    assert_int_equal(pf_diagnostics_total(diags), 2 * N);
    assert_int_equal(pf_diagnostics_count(diags), 1000);
    /* Columns count characters: a project and the ", " after it are 62 characters plus its number's digits, and 2
       bytes more ("été"). */
    size_t column = 31, offset = 30;
    for (size_t i = 0; i < pf_diagnostics_count(diags); i++) {
        const pf_error *e = pf_diagnostics_at(diags, i);
        char expected[80];
        snprintf(expected, sizeof expected, "projects[%zu]: missing key 'id' in a project", i);
        assert_string_equal(e->message, expected);
        assert_int_equal(e->line, 1);
        assert_int_equal(e->column, column);
        assert_int_equal(e->offset, offset);
        int digits = snprintf(NULL, 0, "%zu", i);
        column += 62 + (size_t)digits;
        offset += 64 + (size_t)digits;
    }
    pf_diagnostics_free(diags);
    free(t.data);
}

/* ---- numbers at the ends of their ranges ---- */

static const char *const extreme_instrument =
    "instrument: 1\n"
    "id: %s\n"
    "title: Numbers at one end\n"
    "scoring:\n"
    "  pet_scale: %s\n"
    "  capability_base: %s\n"
    "  capability_levels: {medium: %s, high: %s}\n"
    "questions:\n"
    "  - id: o1\n"
    "    part: orientation\n"
    "    form: multi\n"
    "    text: T\n"
    "    options:\n"
    "      - {id: e, facet: enhancement, points: %s, text: E}\n"
    "      - {id: m, facet: mission, points: %s, text: M}\n"
    "      - {id: a, facet: adaptive, points: %s, text: A}\n"
    "      - {id: x, facet: anticipatory, points: %s, text: X}\n"
    "  - id: c1\n"
    "    part: capability\n"
    "    form: yes-no\n"
    "    text: T\n"
    "    items:\n"
    "      - {id: c1.s, dimension: sense-making, points: {yes: %s, no: 0, unsure: 0}, text: S}\n"
    "      - {id: c1.t, dimension: stewardship, points: {yes: %s, no: 0, unsure: 0}, text: T}\n"
    "      - {id: c1.u, dimension: structures, points: {yes: %s, no: 0, unsure: 0}, text: U}\n"
    "      - {id: c1.r, dimension: resources, points: {yes: %s, no: 0, unsure: 0}, text: R}\n"
    "      - {id: c1.l, dimension: learning, points: {yes: %s, no: 0, unsure: 0}, text: L}\n"
    "      - {id: c1.e, dimension: ecosystem, points: {yes: %s, no: 0, unsure: 0}, text: E}\n";

static const char *const extreme_document =
    "portfolio: 1\n"
    "instrument: %s\n"
    "assessments:\n"
    "  - respondent: r1\n"
    "    answers: {o1: [e, m, a, x], c1.s: yes, c1.t: yes, c1.u: yes, c1.r: yes, c1.l: yes, c1.e: no}\n";

/* Scores of a document answering an instrument whose numbers are all at one end; their JSON. */
static void score_at_the_end(const char *id, const char *pet_scale, const char *base, const char *medium,
                             const char *high, const char *points, pf_buf *json)
{
    char inst_path[] = "/tmp/pf-limits-XXXXXX";
    int fd = mkstemp(inst_path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    assert_non_null(f);
    fprintf(f, extreme_instrument, id, pet_scale, base, medium, high, points, points, points, points, points, points,
            points, points, points, points);
    fclose(f);
    char doc_text[512];
    snprintf(doc_text, sizeof doc_text, extreme_document, inst_path);
    size_t n = strlen(doc_text);
    /* A path without .yaml names a file only when it holds a '/': it does. */
    pf_doc *doc = read_doc(doc_text, n, NULL, PF_OK);
    pf_scores *scores;
    assert_int_equal(pf_doc_score(doc, NULL, &scores, NULL, NULL), PF_OK);
    assert_int_equal(pf_scores_write_json(scores, false, json, NULL), PF_OK);
    pf_scores_free(scores);
    pf_doc_free(doc);
    remove(inst_path);
}

static void assert_contains(const char *haystack, const char *needle)
{
    if (!strstr(haystack, needle))
        fail_msg("'%s' not found in:\n%s", needle, haystack);
}

static void test_scores_at_both_ends(void **state)
{
    (void)state;
    pf_buf json = PF_BUF_INIT;
    /* The largest numbers: a facet's raw 10^6 over a pet_scale of 10^-6 is 10^14 pct, printed in full. */
    score_at_the_end("big", "0.000001", "1000000", "999999", "1000000", "1000000", &json);
    assert_null(strstr(json.data, "inf"));
    assert_null(strstr(json.data, "nan"));
    assert_contains(json.data, "\"raw\": {\n          \"enhancement\": 1000000,");
    assert_contains(json.data, "\"pct\": {\n          \"enhancement\": 100000000000000,");
    assert_contains(json.data, "\"pct_normalised\": {\n          \"enhancement\": 100,");
    assert_contains(json.data, "\"score\": 6000000,");
    assert_contains(json.data, "\"level\": \"high\"");
    assert_contains(json.data, "\"ecosystem\": {\n            \"sum\": 0,\n            \"pct\": 0,");
    pf_buf_dispose(&json);

    /* The smallest: 10^-6 points over a pet_scale of 10^6 round to 0 pct; normalised they are all there. */
    score_at_the_end("small", "1000000", "0", "0.000001", "0.000002", "0.000001", &json);
    assert_contains(json.data, "\"raw\": {\n          \"enhancement\": 0.000001,");
    assert_contains(json.data, "\"pct\": {\n          \"enhancement\": 0,");
    assert_contains(json.data, "\"pct_normalised\": {\n          \"enhancement\": 100,");
    assert_contains(json.data, "\"score\": 4.9999999999999996e-06,"); /* five 10^-6 added up */
    assert_contains(json.data, "\"level\": \"high\"");
    assert_contains(json.data, "\"learning\": {\n            \"sum\": 0.000001,\n            \"pct\": 100,");
    pf_buf_dispose(&json);
}

static void test_score_options_bounded(void **state)
{
    (void)state;
    pf_doc *doc;
    assert_int_equal(pf_doc_new(NULL, &doc, NULL), PF_OK);
    pf_score_options o = PF_SCORE_OPTIONS_INIT;
    pf_scores *scores = NULL;
    pf_error err;
    o.strong_threshold = 1e300;
    assert_int_equal(pf_doc_score(doc, &o, &scores, NULL, &err), PF_EARG);
    assert_string_equal(err.message, "pf_score_options.strong_threshold: must be from 0 to 1000000 (got 1e+300)");
    o = (pf_score_options)PF_SCORE_OPTIONS_INIT;
    o.perception_gap = -1;
    assert_int_equal(pf_doc_score(doc, &o, &scores, NULL, &err), PF_EARG);
    assert_string_equal(err.message, "pf_score_options.perception_gap: must be from 0 to 1000000 (got -1)");
    assert_null(scores);
    pf_doc_free(doc);
}

/* ---- answers: stored as given, in slot order, costing what they say ---- */

static void test_answers_in_any_order(void **state)
{
    (void)state;
    /* The last items first, and a blank one: read, scored and written back in the instrument's order. */
    const char *yaml = "portfolio: 1\n"
                       "assessments:\n"
                       "  - respondent: r1\n"
                       "    answers: {q24k: 4, q24j: 3, q17: yes, q1.mission: ~, q1.enhancement: 2, q2: [mission, "
                       "enhancement, adaptive, anticipatory]}\n";
    pf_doc *doc = read_doc(yaml, strlen(yaml), NULL, PF_OK);
    pf_assessment *a = pf_doc_find_assessment(doc, "r1");
    assert_int_equal(pf_assessment_answer_count(a), 5);
    const char *order[] = { "q1.enhancement", "q2", "q17", "q24j", "q24k" };
    for (size_t i = 0; i < 5; i++) {
        pf_answer ans;
        assert_int_equal(pf_assessment_answer_at(a, i, &ans), PF_OK);
        assert_string_equal(ans.id, order[i]);
    }
    pf_answer ans;
    assert_int_equal(pf_assessment_answer_at(a, 5, &ans), PF_ENOTFOUND);
    assert_int_equal(pf_assessment_answer(a, "q1.mission", &ans), PF_ENOTFOUND);
    assert_int_equal(pf_assessment_answer(a, "q24j", &ans), PF_OK);
    assert_int_equal(ans.agreement, 3);
    /* Set, replace and clear through the API. */
    assert_int_equal(pf_assessment_set_agreement(a, "q1.mission", 1, NULL), PF_OK);
    assert_int_equal(pf_assessment_set_agreement(a, "q24j", 0, NULL), PF_OK);
    assert_int_equal(pf_assessment_clear_answer(a, "q17", NULL), PF_OK);
    assert_int_equal(pf_assessment_clear_answer(a, "q17", NULL), PF_OK);
    assert_int_equal(pf_assessment_answer_count(a), 5);
    pf_buf out = PF_BUF_INIT;
    assert_int_equal(pf_doc_write_buf(doc, &out, NULL), PF_OK);
    assert_contains(out.data, "  answers:\n"
                              "    q1.enhancement: 2\n"
                              "    q1.mission: 1\n"
                              "    q2: [mission, enhancement, adaptive, anticipatory]\n"
                              "    q24j: 0\n"
                              "    q24k: 4\n");
    pf_buf_dispose(&out);
    pf_score_options strict = PF_SCORE_OPTIONS_INIT;
    strict.strict = true;
    pf_scores *scores;
    pf_diagnostics *diags;
    assert_int_equal(pf_diagnostics_new(NULL, &diags), PF_OK);
    assert_int_equal(pf_doc_score(doc, &strict, &scores, diags, NULL), PF_EINVALID);
    /* 72 items, 5 answered: 67 problems, the first for q1.adaptive. */
    assert_int_equal(pf_diagnostics_total(diags), 67);
    assert_int_equal(pf_diagnostics_count(diags), 67);
    assert_string_equal(pf_diagnostics_at(diags, 0)->message,
                        "assessments[0]: r1 has no answer to q1.adaptive (strict scoring)");
    pf_diagnostics_free(diags);
    pf_doc_free(doc);
}

/* ---- comparing documents scored with different instruments ---- */

static void test_compare_refuses_different_instruments(void **state)
{
    (void)state;
    pf_doc *pet = NULL, *pulse = NULL, *empty = NULL;
    assert_int_equal(pf_doc_read_file(EXAMPLES "environment-agency.yaml", NULL, &pet, NULL, NULL), PF_OK);
    assert_int_equal(pf_doc_read_file(EXAMPLES "team-pulse.yaml", NULL, &pulse, NULL, NULL), PF_OK);
    assert_int_equal(pf_doc_new(NULL, &empty, NULL), PF_OK);
    pf_comparison *cmp = NULL;
    pf_error err;
    assert_int_equal(pf_doc_compare(pet, pulse, NULL, NULL, &cmp, &err), PF_EINVALID);
    assert_null(cmp);
    assert_string_equal(err.message,
                        "the documents' assessments answer different instruments, 'opsi-pet-2020' (old) and "
                        "'team-pulse-2025' (new): their scores do not compare (allow_different_instruments, or "
                        "--allow-different-instruments, sets them side by side anyway)");
    /* With the option, side by side, and said. */
    pf_compare_options o = PF_COMPARE_OPTIONS_INIT;
    o.allow_different_instruments = true;
    assert_int_equal(pf_doc_compare_with(pulse, pet, NULL, NULL, &o, &cmp, NULL), PF_OK);
    assert_true(pf_comparison_instruments_differ(cmp));
    assert_string_equal(pf_comparison_old_instrument(cmp), "team-pulse-2025");
    assert_string_equal(pf_comparison_new_instrument(cmp), "opsi-pet-2020");
    pf_buf json = PF_BUF_INIT;
    assert_int_equal(pf_comparison_write_json(cmp, &json, NULL), PF_OK);
    assert_contains(json.data, "\"instruments\": {\n    \"old\": \"team-pulse-2025\",\n    \"new\": \"opsi-pet-2020\",\n"
                               "    \"differ\": true\n  },");
    pf_buf_dispose(&json);
    pf_comparison_free(cmp);
    /* A document without assessments has no scores: its instrument does not matter. */
    assert_int_equal(pf_doc_compare(empty, pulse, NULL, NULL, &cmp, NULL), PF_OK);
    assert_false(pf_comparison_instruments_differ(cmp));
    pf_comparison_free(cmp);
    /* The same instrument: nothing to say. */
    assert_int_equal(pf_doc_compare(pet, pet, NULL, NULL, &cmp, NULL), PF_OK);
    assert_false(pf_comparison_instruments_differ(cmp));
    pf_comparison_free(cmp);
    o.version = 99;
    assert_int_equal(pf_doc_compare_with(pet, pet, NULL, NULL, &o, &cmp, &err), PF_EARG);
    assert_string_equal(err.message, "unknown pf_compare_options version 99");
    pf_doc_free(pet);
    pf_doc_free(pulse);
    pf_doc_free(empty);
}

/* ---- relations within their work limit ---- */

static void test_relations_work_limit(void **state)
{
    (void)state;
    pf_doc *doc = NULL;
    assert_int_equal(pf_doc_read_file(EXAMPLES "environment-agency.yaml", NULL, &doc, NULL, NULL), PF_OK);
    pf_relations *rel = NULL;
    pf_relation_options o = PF_RELATION_OPTIONS_INIT;
    o.work_limit = 10;
    pf_error err;
    assert_int_equal(pf_doc_relations(doc, NULL, &o, &rel, &err), PF_ELIMIT);
    assert_null(rel);
    char expected[256];
    snprintf(expected, sizeof expected,
             "relations: the %zu projects share their tags and partners so widely that relating them would take "
             "more than the work limit of 10 steps (docs/relations.md)",
             pf_doc_project_count(doc));
    assert_string_equal(err.message, expected);
    /* By default the limit grows with the document; version 1 of the options, without the member, gets it too. */
    size_t held = 0;
    for (size_t i = 0; i < pf_doc_project_count(doc); i++) {
        const pf_project *p = pf_doc_project_at(doc, i);
        held += 1 + pf_project_tag_count(p) + pf_project_partner_count(p);
    }
    o.work_limit = 0;
    o.version = 1;
    assert_int_equal(pf_doc_relations(doc, NULL, &o, &rel, NULL), PF_OK);
    assert_int_equal(pf_relations_options(rel)->work_limit, PF_RELATION_WORK_BASE + PF_RELATION_WORK_PER_ENTRY * held);
    assert_int_equal(pf_relations_options(rel)->version, PF_RELATION_OPTIONS_VERSION);
    pf_relations_free(rel);
    pf_doc_free(doc);
}

/*
 * One project holding 3000 tags, and 3000 projects each holding one of them and one tag with the next:
 * the join's bounds settle every pair without examining it, and the shared tags of an explicit link are
 * listed in the order the first project of the pair gives them.
 */
static void test_relations_with_a_large_project(void **state)
{
    (void)state;
    enum { N = 3000 };
    text t = { NULL, 0, 0 };
    put(&t, "portfolio: 1\nprojects:\n  - id: big\n    purpose: mission\n    driver: mission\n    tags: [");
    for (int i = N; i-- > 0;)
        put(&t, "%st%d", i < N - 1 ? ", " : "", i);
    put(&t, "]\n");
    for (int i = 0; i < N; i++)
        put(&t, "  - {id: s%d, purpose: mission, driver: mission, tags: [t%d, u%d, u%d]}\n", i, i, i, i + 1);
    pf_doc *doc = read_doc(t.data, t.size, NULL, PF_OK);
    pf_relations *rel;
    assert_int_equal(pf_doc_relations(doc, NULL, NULL, &rel, NULL), PF_OK);
    /* s_i and s_i+1 share u_i+1 of three tags each: J = 1/5, S = 0.12, below the threshold: nothing. And big shares
       one tag of 3000 with each: nothing either. No pair is even examined: s_i and s_i+1 share no pair of tokens,
       and big meets each s_i through a prefix token whose positional bound (one tag of 3000) is far below. */
    assert_int_equal(pf_relations_count(rel), 0);
    assert_int_equal(pf_relations_pairs_examined(rel), 0);
    pf_relations_free(rel);
    /* Explicit duplicates list what they share, in big's order, looked up from the small side. */
    pf_project *big = pf_doc_find_project(doc, "big");
    assert_int_equal(pf_project_add_link(big, "s7", PF_LINK_DUPLICATE, NULL), PF_OK);
    assert_int_equal(pf_project_add_tag(pf_doc_find_project(doc, "s7"), "t2999", NULL), PF_OK);
    assert_int_equal(pf_doc_relations(doc, NULL, NULL, &rel, NULL), PF_OK);
    assert_int_equal(pf_relations_count(rel), 1); /* not similar: the link alone makes it */
    const pf_relation *r = pf_relations_at(rel, 0);
    assert_int_equal(r->kind, PF_RELATION_DUPLICATE);
    assert_string_equal(r->a, "big");
    assert_string_equal(r->b, "s7");
    assert_int_equal(r->shared_tag_count, 2);
    assert_string_equal(r->shared_tags[0], "t2999");
    assert_string_equal(r->shared_tags[1], "t7");
    pf_relations_free(rel);
    pf_doc_free(doc);
    free(t.data);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_long_tag_and_partner_lists),
        cmocka_unit_test(test_long_link_lists),
        cmocka_unit_test(test_list_index),
        cmocka_unit_test(test_list_index_allocation_failures),
        cmocka_unit_test(test_diagnostics_sort),
        cmocka_unit_test(test_positions_found_backwards),
        cmocka_unit_test(test_scores_at_both_ends),
        cmocka_unit_test(test_score_options_bounded),
        cmocka_unit_test(test_answers_in_any_order),
        cmocka_unit_test(test_compare_refuses_different_instruments),
        cmocka_unit_test(test_relations_work_limit),
        cmocka_unit_test(test_relations_with_a_large_project),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
