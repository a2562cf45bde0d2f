/*
 * Streaming output (pf_sink, common.h): pf_doc_report_to(), pf_scores_write_json_to(),
 * pf_map_write_json_to() and pf_relations_write_json_to() hand over the same bytes as their pf_buf
 * forms, in non-empty pieces, a big output in several; a sink's refusal stops the writer with the sink's
 * status; a refused input or a bad argument calls the sink not at all; an allocation failure anywhere is
 * PF_ENOMEM and leaks nothing. pf_doc_report_file() streams into a temporary file: a refused report
 * leaves no file, a failed write leaves the old file as it was, and no temporary file stays behind.
 *
 * The text and Markdown writers hand over only at line ends and keep the last bytes they look back at,
 * so their identity is checked with a piece ending at every line of a report in turn, and on a generated
 * document whose tables and paragraphs cross many pieces (rows with empty last cells, titles of markup,
 * controls, line breaks and wide characters).
 */
#include <dirent.h>
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "failing_alloc.h"

#include <portfolio/portfolio.h>

#define EXAMPLES SOURCE_ROOT "/examples/data/"
/* PF_STREAM_CHUNK of lib/internal.h, the pieces' usual size: no part of the contract, but an output of
   several such chunks must come in several pieces, and the text writers' piece ends are placed with it. */
#define CHUNK ((size_t)64 * 1024)

/* ---- a sink that keeps what it is given ---- */

typedef struct collector {
    char *data;
    size_t size, cap;
    size_t calls;       /* pieces handed over (every call, even a refused one) */
    size_t empty_calls; /* calls with size 0: never allowed */
    size_t fail_at;     /* the call (1, 2, ...) that is refused; 0: none */
    pf_status fail_with;
} collector;

static pf_status collect(void *ctx, const char *data, size_t size)
{
    collector *c = ctx;
    c->calls++;
    if (size == 0)
        c->empty_calls++;
    if (c->fail_at && c->calls == c->fail_at)
        return c->fail_with;
    assert_non_null(data);
    if (c->size + size + 1 > c->cap) {
        c->cap = (c->size + size + 1) * 2;
        c->data = realloc(c->data, c->cap);
        assert_non_null(c->data);
    }
    memcpy(c->data + c->size, data, size);
    c->size += size;
    c->data[c->size] = '\0';
    return PF_OK;
}

static pf_sink sink_of(collector *c)
{
    return (pf_sink){ collect, c };
}

static void collector_dispose(collector *c)
{
    free(c->data);
    memset(c, 0, sizeof *c);
}

/* The line and column of the first byte where a and b differ, for a readable failure. */
static void assert_same_bytes(const char *what, const char *want, size_t want_size, const char *got,
                              size_t got_size)
{
    size_t n = want_size < got_size ? want_size : got_size, i = 0;
    while (i < n && want[i] == got[i])
        i++;
    if (i == n && want_size == got_size)
        return;
    size_t line = 1, col = 1;
    for (size_t k = 0; k < i; k++, col++)
        if (want[k] == '\n')
            line++, col = 0;
    size_t from = i > 40 ? i - 40 : 0;
    fail_msg("%s: streamed output (%zu bytes) differs from the whole one (%zu bytes) at byte %zu (line %zu, "
             "column %zu):\nwhole:    \"%.80s\"\nstreamed: \"%.80s\"",
             what, got_size, want_size, i, line, col, want + from, got ? got + from : "");
}

/* The pieces, whole, are exactly `want`; none is empty; an output of more than two chunks came in several. */
static void assert_streamed_as(const char *what, const collector *c, const pf_buf *want)
{
    if (c->empty_calls)
        fail_msg("%s: %zu empty pieces among %zu", what, c->empty_calls, c->calls);
    assert_same_bytes(what, want->data, want->size, c->data, c->size);
    if (want->size > 2 * CHUNK && c->calls < 2)
        fail_msg("%s: %zu bytes handed over in one piece", what, want->size);
}

/* ---- an allocator that measures: the bytes live, their peak and the largest block asked for ---- */

typedef struct measuring {
    long live;          /* blocks */
    size_t largest;     /* the largest block asked for */
    size_t bytes, peak; /* bytes live, and the most at once */
} measuring;

/* Each block starts with its size, so the bytes live are known. */
#define HEADER sizeof(max_align_t)

static void *counted(measuring *m, char *base, size_t size)
{
    if (!base)
        return NULL;
    memcpy(base, &size, sizeof size);
    m->bytes += size;
    if (m->bytes > m->peak)
        m->peak = m->bytes;
    if (size > m->largest)
        m->largest = size;
    return base + HEADER;
}

static void *measuring_malloc(void *ctx, size_t size)
{
    measuring *m = ctx;
    void *p = counted(m, malloc(size + HEADER), size);
    m->live += p != NULL;
    return p;
}

static void *measuring_realloc(void *ctx, void *ptr, size_t size)
{
    measuring *m = ctx;
    if (!ptr)
        return measuring_malloc(ctx, size);
    char *base = (char *)ptr - HEADER;
    size_t old;
    memcpy(&old, base, sizeof old);
    base = realloc(base, size + HEADER);
    if (!base)
        return NULL;
    m->bytes -= old;
    return counted(m, base, size);
}

static void measuring_free(void *ctx, void *ptr)
{
    measuring *m = ctx;
    char *base = (char *)ptr - HEADER;
    size_t old;
    memcpy(&old, base, sizeof old);
    m->bytes -= old;
    m->live--;
    free(base);
}

/* ---- documents ---- */

static pf_doc *load(const char *name, const pf_allocator *a)
{
    char path[512];
    snprintf(path, sizeof path, "%s%s", EXAMPLES, name);
    pf_read_options ro = PF_READ_OPTIONS_INIT;
    if (a)
        ro.allocator = *a;
    pf_doc *doc = NULL;
    pf_error err;
    if (pf_doc_read_file(path, &ro, &doc, NULL, &err) != PF_OK)
        fail_msg("%s: %s", path, err.message);
    return doc;
}

/* Titles that exercise every writer: wide characters, markup, controls, line breaks, trailing blanks,
   exactly a text column's width, and none at all (an empty cell). */
static void title_of(size_t i, char *out, size_t cap)
{
    switch (i % 9) {
    case 0:
        snprintf(out, cap, "Projet n\xC2\xB0 %zu \xE2\x80\x94 r\xC3\xA9" "duction des d\xC3\xA9lais "
                 "d\xE2\x80\x99instruction des permis pour les sites r\xC3\xA9gul\xC3\xA9s", i);
        break;
    case 1: snprintf(out, cap, "*Bold* _under_ [link](x) | pipe # hash `code` <b>tag</b> & \\ %zu", i); break;
    case 2: snprintf(out, cap, "Line one\nline two\ttabbed \x1b[31mred\x1b[0m\r\n%zu", i); break;
    case 3: snprintf(out, cap, "P%zu", i); break;
    case 4: snprintf(out, cap, "Twenty columns %05zu", i); break;
    case 5: out[0] = '\0'; break;
    case 6: snprintf(out, cap, "Trailing blanks %zu     ", i); break;
    case 7:
        snprintf(out, cap, "\xE9\xA1\xB9\xE7\x9B\xAE %zu \xF0\x9F\x9A\x80 \xD9\x85\xD8\xB4\xD8\xB1\xD9\x88\xD8\xB9 "
                 "e\xCC\x81t\xC3\xA9 \xE9\xA1\xB9\xE7\x9B\xAE\xE9\xA1\xB9\xE7\x9B\xAE\xE9\xA1\xB9\xE7\x9B\xAE", i);
        break;
    default:
        snprintf(out, cap, "A rather long title, number %zu, of a project that improves how permits, inspections "
                 "and charging work together across the regulated sectors", i);
    }
}

/*
 * The example document of the environment agency with `n` more projects and its ten assessments copied
 * `copies` more times. A variant (for `since`) leaves out every seventh project and moves every fifth.
 */
static pf_doc *big_doc(size_t n, size_t copies, bool variant, const pf_allocator *a)
{
    pf_doc *doc = load("environment-agency.yaml", a);
    static const char *const units[] = { "Permitting", "Regulation", "Finance", "Data", "Flood Risk" };
    for (size_t i = 0; i < n; i++) {
        if (variant && i % 7 == 0)
            continue;
        char id[32], title[512], tag[32];
        snprintf(id, sizeof id, "gen-%04zu", i);
        pf_project *p;
        assert_int_equal(pf_doc_add_project(doc, id, &p, NULL), PF_OK);
        title_of(i, title, sizeof title);
        if (title[0])
            assert_int_equal(pf_project_set_title(p, title, NULL), PF_OK);
        size_t shift = variant && i % 5 == 0 ? 1 : 0;
        if ((i + shift) % 11 != 10) { /* some projects are not placed */
            assert_int_equal(pf_project_set_purpose(p, (pf_purpose)((i + shift) % 5), NULL), PF_OK);
            assert_int_equal(pf_project_set_driver(p, (pf_facet)((i / 5 + shift) % 4), NULL), PF_OK);
        }
        if (i % 3) /* empty last cells in the project table too */
            assert_int_equal(pf_project_set_priority(p, (pf_priority)(i % 3), NULL), PF_OK);
        if (i % 4)
            assert_int_equal(pf_project_set_stage(p, (pf_stage)(i % 7), NULL), PF_OK);
        assert_int_equal(pf_project_set_unit(p, units[i % 5], NULL), PF_OK);
        if (i % 2)
            assert_int_equal(pf_project_set_budget(p, (double)(1000 * (i % 97 + 1)), NULL), PF_OK);
        if (i % 3 == 1)
            assert_int_equal(pf_project_set_fte(p, (double)(i % 13) / 4, NULL), PF_OK);
        size_t tags[] = { i % 211, (i * 7) % 211, (i * 13 + 5) % 211 };
        for (size_t t = 0; t < 3; t++) {
            if (t && (tags[t] == tags[0] || tags[t] == tags[t - 1]))
                continue; /* a tag once */
            snprintf(tag, sizeof tag, "topic-%zu", tags[t]);
            assert_int_equal(pf_project_add_tag(p, tag, NULL), PF_OK);
        }
        snprintf(tag, sizeof tag, "partner-%zu", i % 53);
        assert_int_equal(pf_project_add_partner(p, tag, NULL), PF_OK);
        if (i % 10 == 9) {
            char to[32];
            snprintf(to, sizeof to, "gen-%04zu", i - 1);
            if (pf_doc_find_project(doc, to))
                assert_int_equal(pf_project_add_link(p, to, (pf_link_kind)(i / 10 % 4), NULL), PF_OK);
        }
    }
    size_t base = pf_doc_assessment_count(doc);
    for (size_t c = 0; c < copies; c++) {
        for (size_t k = 0; k < base; k++) {
            const pf_assessment *from = pf_doc_assessment_at(doc, k);
            char who[64];
            snprintf(who, sizeof who, "copy-%03zu-%s", c, pf_assessment_respondent(from));
            pf_assessment *to;
            assert_int_equal(pf_doc_add_assessment(doc, who, &to, NULL), PF_OK);
            assert_int_equal(pf_assessment_set_role(to, pf_assessment_role(from), NULL), PF_OK);
            if (pf_assessment_unit(from))
                assert_int_equal(pf_assessment_set_unit(to, pf_assessment_unit(from), NULL), PF_OK);
            assert_int_equal(pf_assessment_set_date(to, pf_assessment_date(from), NULL), PF_OK);
            /* Every copy answers a little less, so the copies' scores differ. */
            size_t answers = pf_assessment_answer_count(from);
            for (size_t i = 0; i < answers; i++) {
                pf_answer an;
                assert_int_equal(pf_assessment_answer_at(from, i, &an), PF_OK);
                if (i >= answers - c % 5)
                    break;
                pf_status s = PF_OK;
                if (an.form == PF_FORM_RANK || an.form == PF_FORM_MULTI)
                    s = pf_assessment_set_options(to, an.id, an.options, an.option_count, NULL);
                else if (an.form == PF_FORM_YES_NO)
                    s = pf_assessment_set_choice(to, an.id, an.choice, NULL);
                else
                    s = pf_assessment_set_agreement(to, an.id, (an.agreement + (int)c) % 5, NULL);
                assert_int_equal(s, PF_OK);
            }
        }
    }
    return doc;
}

/* Built once: the big documents take a while under valgrind. The allocator of `big` never fails; it
   measures the blocks asked for. */
static pf_doc *big, *big_before;
static measuring big_alloc;

static int setup_big(void **state)
{
    (void)state;
    pf_allocator a = { measuring_malloc, measuring_realloc, measuring_free, &big_alloc };
    big = big_doc(3000, 250, false, &a);
    big_before = big_doc(3000, 10, true, NULL);
    return 0;
}

static int teardown_big(void **state)
{
    (void)state;
    pf_doc_free(big);
    pf_doc_free(big_before);
    big = big_before = NULL;
    return big_alloc.live == 0 ? 0 : -1;
}

/* ---- the report, whole and streamed ---- */

/* pf_doc_report_to() gives pf_doc_report()'s bytes; returns the size of the report. */
static size_t check_report(const char *what, const pf_doc *doc, const pf_report_options *o)
{
    pf_buf whole = PF_BUF_INIT;
    pf_error err;
    if (pf_doc_report(doc, o, &whole, &err) != PF_OK)
        fail_msg("%s: pf_doc_report: %s", what, err.message);
    collector c = { 0 };
    pf_sink sink = sink_of(&c);
    if (pf_doc_report_to(doc, o, &sink, &err) != PF_OK)
        fail_msg("%s: pf_doc_report_to: %s", what, err.message);
    assert_streamed_as(what, &c, &whole);
    size_t size = whole.size;
    collector_dispose(&c);
    pf_buf_dispose(&whole);
    return size;
}

static const pf_report_format formats[] = { PF_REPORT_TEXT, PF_REPORT_MARKDOWN, PF_REPORT_HTML,
                                            PF_REPORT_JSON, PF_REPORT_CSV, PF_REPORT_CSV_ASSESSMENTS };
static const char *const langs[] = { "en", "fr" };

static void test_report_example_streams_the_same(void **state)
{
    (void)state;
    static const char *const names[] = { "environment-agency.yaml", "university-city.yaml", "minimal.yaml",
                                         "team-pulse.yaml" };
    pf_doc *before = load("environment-agency.yaml", NULL);
    for (size_t d = 0; d < 4; d++) {
        pf_doc *doc = load(names[d], NULL);
        for (size_t f = 0; f < 6; f++) {
            for (size_t l = 0; l < 2; l++) {
                pf_report_options o = PF_REPORT_OPTIONS_INIT;
                o.format = formats[f];
                o.lang = langs[l];
                o.respondents = d % 2 == 0;
                o.include_incomplete = d == 2;
                char what[160];
                snprintf(what, sizeof what, "%s, %s, %s", names[d], pf_report_format_name(formats[f]), langs[l]);
                size_t size = check_report(what, doc, &o);
                assert_true(size > 0);
                if (d == 0) {
                    /* The later document of the same agency, with its change since the earlier one. */
                    pf_doc *later = load("environment-agency-2026.yaml", NULL);
                    o.since = before;
                    snprintf(what, sizeof what, "environment-agency-2026.yaml since, %s, %s",
                             pf_report_format_name(formats[f]), langs[l]);
                    check_report(what, later, &o);
                    o.anonymous = true;
                    o.color = true;
                    check_report(what, later, &o);
                    pf_doc_free(later);
                }
            }
        }
        pf_doc_free(doc);
    }
    pf_doc_free(before);
}

static void test_report_big_streams_the_same(void **state)
{
    (void)state;
    for (size_t f = 0; f < 6; f++) {
        for (size_t l = 0; l < 2; l++) {
            pf_report_options o = PF_REPORT_OPTIONS_INIT;
            o.format = formats[f];
            o.lang = langs[l];
            o.respondents = true;
            o.since = l ? big_before : NULL;
            char what[160];
            snprintf(what, sizeof what, "big document, %s, %s%s", pf_report_format_name(formats[f]), langs[l],
                     l ? ", since" : "");
            size_t size = check_report(what, big, &o);
            if (size <= 3 * CHUNK)
                fail_msg("%s: only %zu bytes, not several chunks", what, size);
        }
    }
}

/*
 * The text writers hand over at line ends and look back at the last bytes they wrote (a blank line
 * between blocks, the blank line a Markdown table needs before it, the trailing blanks of a row), so a
 * piece must never end where the writer still looks. A piece ends at the first line end past the chunk
 * size. The organisation's name (one word longer than a line, so it is never wrapped differently) and its
 * head count come early in the report and move every later byte: made longer, they put the end of the
 * first piece at any line of a report smaller than a chunk. Every line end of the report of the agency
 * (with its change since the earlier document and every respondent) is made the end of a piece in turn,
 * in text (with and without colour) and Markdown, English and French.
 */
#define LONG_NAME "The-Environment-and-Rivers-Agency-of-a-country-whose-name-is-longer-than-a-line-of-text"
#define PEOPLE 1234567

/* The report with a name d bytes longer ('y') and a head count with e more digits ('0'), from `whole`,
   which holds the name `names` times. */
static char *stretched(const pf_buf *whole, size_t names, size_t d, size_t e, size_t *size)
{
    size_t n = strlen(LONG_NAME), cap = whole->size + names * d + e + 1, o = 0;
    char *out = malloc(cap);
    assert_non_null(out);
    for (size_t i = 0; i < whole->size;) {
        if (strncmp(whole->data + i, LONG_NAME, n) == 0) {
            assert_true(o + n + d < cap);
            memcpy(out + o, LONG_NAME, n);
            memset(out + o + n, 'y', d);
            o += n + d;
            i += n;
        } else if (strncmp(whole->data + i, "1234567", 7) == 0) {
            assert_true(o + 7 + e < cap);
            memcpy(out + o, "1234567", 7);
            memset(out + o + 7, '0', e);
            o += 7 + e;
            i += 7;
        } else {
            assert_true(o + 1 < cap);
            out[o++] = whole->data[i++];
        }
    }
    out[o] = '\0';
    *size = o;
    return out;
}

static void test_text_and_markdown_end_a_piece_at_every_line(void **state)
{
    (void)state;
    pf_doc *doc = load("environment-agency-2026.yaml", NULL);
    pf_doc *before = load("environment-agency.yaml", NULL);
    size_t base_len = strlen(LONG_NAME), lines = 0;
    char *name = malloc(CHUNK + base_len + 1);
    assert_non_null(name);
    for (int variant = 0; variant < 5; variant++) {
        pf_report_options o = PF_REPORT_OPTIONS_INIT;
        o.format = variant % 2 ? PF_REPORT_MARKDOWN : PF_REPORT_TEXT;
        o.lang = variant < 2 ? "en" : "fr";
        o.color = variant == 4;
        o.since = before;
        o.respondents = true;
        o.min_group = variant < 2 ? 0 : 4; /* small groups: the text row of a note */
        assert_int_equal(pf_org_set_name(pf_doc_org(doc), LONG_NAME, NULL), PF_OK);
        assert_int_equal(pf_org_set_people(pf_doc_org(doc), PEOPLE, NULL), PF_OK);
        pf_buf whole = PF_BUF_INIT;
        assert_int_equal(pf_doc_report(doc, &o, &whole, NULL), PF_OK);
        assert_true(whole.size + 2 < CHUNK);
        const char *people = strstr(whole.data, "1234567");
        assert_non_null(people);
        assert_null(strstr(people + 1, "1234567"));
        size_t all_names = 0;
        for (const char *at = strstr(whole.data, LONG_NAME); at; at = strstr(at + 1, LONG_NAME))
            all_names++;
        for (size_t t = 1; t <= whole.size; t++) {
            if (whole.data[t - 1] != '\n')
                continue;
            /* How many times the name, and whether the head count, come before the line end at t. */
            size_t names = 0;
            for (const char *at = strstr(whole.data, LONG_NAME); at && (size_t)(at - whole.data) + base_len < t;
                 at = strstr(at + 1, LONG_NAME))
                names++;
            if (!names || (size_t)(people - whole.data) + 7 >= t)
                continue;
            /* The line end moved to CHUNK + 2 (the last two bytes are kept): the first piece ends there. */
            size_t d = (CHUNK + 2 - t) / names, e = (CHUNK + 2 - t) % names;
            assert_true(e < 12);
            memcpy(name, LONG_NAME, base_len);
            memset(name + base_len, 'y', d);
            name[base_len + d] = '\0';
            assert_int_equal(pf_org_set_name(pf_doc_org(doc), name, NULL), PF_OK);
            int64_t head_count = PEOPLE;
            for (size_t k = 0; k < e; k++)
                head_count *= 10;
            assert_int_equal(pf_org_set_people(pf_doc_org(doc), head_count, NULL), PF_OK);
            collector c = { 0 };
            pf_sink sink = sink_of(&c);
            pf_error err;
            if (pf_doc_report_to(doc, &o, &sink, &err) != PF_OK)
                fail_msg("%s", err.message);
            size_t size;
            char *want = stretched(&whole, all_names, d, e, &size);
            char what[160];
            snprintf(what, sizeof what, "%s, %s%s, a piece ending at the line end at byte %zu",
                     o.format ? "md" : "text", o.lang, o.color ? ", colour" : "", t);
            assert_int_equal(c.empty_calls, 0);
            assert_same_bytes(what, want, size, c.data, c.size);
            if (c.calls < 2 && t < whole.size) /* the report goes on past the chunk: it cannot be one piece */
                fail_msg("%s: one piece", what);
            free(want);
            collector_dispose(&c);
            lines++;
        }
        pf_buf_dispose(&whole);
    }
    assert_true(lines > 1000);
    free(name);
    pf_doc_free(before);
    pf_doc_free(doc);
}

/* The big document's text and Markdown, with the pieces' ends moved a few bytes at a time. */
static void test_text_and_markdown_of_the_big_document(void **state)
{
    (void)state;
    pf_org *org = pf_doc_org(big);
    char *saved = pf_org_name(org) ? strdup(pf_org_name(org)) : NULL;
    for (size_t shift = 0; shift < 6; shift++) {
        char name[128];
        snprintf(name, sizeof name, "Environment and Rivers Agency%.*s", (int)(shift * 7),
                 "..........................................");
        assert_int_equal(pf_org_set_name(org, name, NULL), PF_OK);
        for (int md = 0; md < 2; md++) {
            pf_report_options o = PF_REPORT_OPTIONS_INIT;
            o.format = md ? PF_REPORT_MARKDOWN : PF_REPORT_TEXT;
            o.lang = shift % 2 ? "fr" : "en";
            o.respondents = shift % 3 != 0;
            o.color = shift == 1;
            o.min_group = (unsigned)(shift % 3 ? 0 : 700); /* roles too small: the text row of a note */
            o.since = shift >= 4 ? big_before : NULL;
            char what[160];
            snprintf(what, sizeof what, "big document, %s, %s, name %zu bytes longer", md ? "md" : "text", o.lang,
                     shift * 7);
            check_report(what, big, &o);
        }
    }
    assert_int_equal(pf_org_set_name(org, saved, NULL), PF_OK);
    free(saved);
}

/* ---- scores, map and relations ---- */

typedef struct outputs {
    pf_scores *scores;
    pf_map *map;
    pf_relations *rel;
} outputs;

static outputs analyse(const pf_doc *doc)
{
    outputs res = { NULL, NULL, NULL };
    pf_error err;
    if (pf_doc_score(doc, NULL, &res.scores, NULL, &err) != PF_OK ||
        pf_doc_map(doc, res.scores, NULL, &res.map, &err) != PF_OK ||
        pf_doc_relations(doc, res.map, NULL, &res.rel, &err) != PF_OK)
        fail_msg("analysis: %s", err.message);
    return res;
}

static void outputs_free(outputs *o)
{
    pf_relations_free(o->rel);
    pf_map_free(o->map);
    pf_scores_free(o->scores);
}

enum { W_SCORES, W_SCORES_ANONYMOUS, W_MAP, W_RELATIONS, W_COUNT };
static const char *const writer_names[] = { "scores", "anonymous scores", "map", "relations" };

static pf_status write_whole(const outputs *o, int w, pf_buf *out, pf_error *err)
{
    switch (w) {
    case W_SCORES: return pf_scores_write_json(o->scores, false, out, err);
    case W_SCORES_ANONYMOUS: return pf_scores_write_json(o->scores, true, out, err);
    case W_MAP: return pf_map_write_json(o->map, out, err);
    default: return pf_relations_write_json(o->rel, out, err);
    }
}

static pf_status write_to(const outputs *o, int w, const pf_sink *sink, pf_error *err)
{
    switch (w) {
    case W_SCORES: return pf_scores_write_json_to(o->scores, false, sink, err);
    case W_SCORES_ANONYMOUS: return pf_scores_write_json_to(o->scores, true, sink, err);
    case W_MAP: return pf_map_write_json_to(o->map, sink, err);
    default: return pf_relations_write_json_to(o->rel, sink, err);
    }
}

static void check_writers(const char *doc_name, const pf_doc *doc, bool big_output)
{
    outputs o = analyse(doc);
    for (int w = 0; w < W_COUNT; w++) {
        pf_buf whole = PF_BUF_INIT;
        pf_error err;
        if (write_whole(&o, w, &whole, &err) != PF_OK)
            fail_msg("%s %s: %s", doc_name, writer_names[w], err.message);
        collector c = { 0 };
        pf_sink sink = sink_of(&c);
        if (write_to(&o, w, &sink, &err) != PF_OK)
            fail_msg("%s %s, streamed: %s", doc_name, writer_names[w], err.message);
        char what[128];
        snprintf(what, sizeof what, "%s, %s", doc_name, writer_names[w]);
        assert_streamed_as(what, &c, &whole);
        if (big_output && whole.size <= 3 * CHUNK)
            fail_msg("%s: only %zu bytes, not several chunks", what, whole.size);
        collector_dispose(&c);
        pf_buf_dispose(&whole);
    }
    outputs_free(&o);
}

static void test_json_writers_stream_the_same(void **state)
{
    (void)state;
    static const char *const names[] = { "environment-agency.yaml", "university-city.yaml", "minimal.yaml",
                                         "team-pulse.yaml" };
    for (size_t d = 0; d < 4; d++) {
        pf_doc *doc = load(names[d], NULL);
        check_writers(names[d], doc, false);
        pf_doc_free(doc);
    }
    check_writers("big document", big, true);
}

/* ---- a sink that refuses ---- */

/* The sink refused on its k-th call: the writer returned its status, called it no more, and said so. */
static void assert_stopped(const char *what, pf_status got, const pf_error *err, const collector *c,
                           const pf_buf *whole)
{
    if (got != c->fail_with)
        fail_msg("%s, refused at call %zu: returned %d, not %d", what, c->fail_at, (int)got, (int)c->fail_with);
    if (c->calls != c->fail_at)
        fail_msg("%s, refused at call %zu: the sink was called %zu times", what, c->fail_at, c->calls);
    assert_int_equal(err->code, c->fail_with);
    char want[128];
    snprintf(want, sizeof want, "the output's sink stopped it (%s)", pf_status_string(c->fail_with));
    if (strcmp(err->message, want) != 0)
        fail_msg("%s: message '%s', not '%s'", what, err->message, want);
    /* What it was given before is the start of the output. */
    assert_true(c->size < whole->size);
    assert_memory_equal(c->data ? c->data : "", whole->data, c->size);
    assert_int_equal(c->empty_calls, 0);
}

/* A sink refusing its first, second or third piece with PF_EIO, or its first with another status. */
static const struct {
    size_t at;
    pf_status with;
} refusals[] = { { 1, PF_EIO }, { 2, PF_EIO }, { 3, PF_EIO }, { 1, PF_ELIMIT }, { 2, PF_ENOMEM } };
#define REFUSALS (sizeof refusals / sizeof *refusals)

static void test_a_refusing_sink_stops_the_writer(void **state)
{
    (void)state;
    for (size_t f = 0; f < 6; f++) {
        pf_report_options ro = PF_REPORT_OPTIONS_INIT;
        ro.format = formats[f];
        ro.respondents = true;
        pf_buf whole = PF_BUF_INIT;
        assert_int_equal(pf_doc_report(big, &ro, &whole, NULL), PF_OK);
        for (size_t r = 0; r < REFUSALS; r++) {
            collector c = { .fail_at = refusals[r].at, .fail_with = refusals[r].with };
            pf_sink sink = sink_of(&c);
            pf_error err;
            memset(&err, 0, sizeof err);
            pf_status got = pf_doc_report_to(big, &ro, &sink, &err);
            char what[96];
            snprintf(what, sizeof what, "report %s", pf_report_format_name(formats[f]));
            assert_stopped(what, got, &err, &c, &whole);
            collector_dispose(&c);
        }
        pf_buf_dispose(&whole);
    }
    outputs o = analyse(big);
    for (int w = 0; w < W_COUNT; w++) {
        pf_buf whole = PF_BUF_INIT;
        assert_int_equal(write_whole(&o, w, &whole, NULL), PF_OK);
        for (size_t r = 0; r < REFUSALS; r++) {
            collector c = { .fail_at = refusals[r].at, .fail_with = refusals[r].with };
            pf_sink sink = sink_of(&c);
            pf_error err;
            memset(&err, 0, sizeof err);
            assert_stopped(writer_names[w], write_to(&o, w, &sink, &err), &err, &c, &whole);
            collector_dispose(&c);
        }
        pf_buf_dispose(&whole);
    }
    outputs_free(&o);
}

/* The last piece refused (the end of the output, handed over whole), and a one-piece output refused. */
static void test_a_refusal_of_the_last_piece(void **state)
{
    (void)state;
    pf_doc *small = load("minimal.yaml", NULL);
    const pf_doc *docs[] = { big, small };
    for (size_t d = 0; d < 2; d++) {
        outputs o = analyse(docs[d]);
        for (int w = 0; w < W_COUNT; w++) {
            collector all = { 0 };
            pf_sink sink = sink_of(&all);
            assert_int_equal(write_to(&o, w, &sink, NULL), PF_OK);
            pf_buf whole = PF_BUF_INIT;
            assert_int_equal(write_whole(&o, w, &whole, NULL), PF_OK);
            collector c = { .fail_at = all.calls, .fail_with = PF_EIO };
            sink = sink_of(&c);
            pf_error err;
            assert_stopped(writer_names[w], write_to(&o, w, &sink, &err), &err, &c, &whole);
            collector_dispose(&c);
            collector_dispose(&all);
            pf_buf_dispose(&whole);
        }
        outputs_free(&o);
        for (size_t f = 0; f < 6; f++) {
            pf_report_options ro = PF_REPORT_OPTIONS_INIT;
            ro.format = formats[f];
            collector all = { 0 };
            pf_sink sink = sink_of(&all);
            assert_int_equal(pf_doc_report_to(docs[d], &ro, &sink, NULL), PF_OK);
            pf_buf whole = PF_BUF_INIT;
            assert_int_equal(pf_doc_report(docs[d], &ro, &whole, NULL), PF_OK);
            collector c = { .fail_at = all.calls, .fail_with = PF_EIO };
            sink = sink_of(&c);
            pf_error err;
            assert_stopped(pf_report_format_name(formats[f]), pf_doc_report_to(docs[d], &ro, &sink, &err), &err, &c,
                           &whole);
            collector_dispose(&c);
            collector_dispose(&all);
            pf_buf_dispose(&whole);
        }
    }
    pf_doc_free(small);
}

/* ---- arguments and options refused before any byte ---- */

static void assert_refused(const char *what, pf_status got, pf_status want, const pf_error *err, const collector *c,
                           const char *message)
{
    if (got != want)
        fail_msg("%s: returned %d, not %d", what, (int)got, (int)want);
    assert_int_equal(err->code, want);
    if (message && strcmp(err->message, message) != 0)
        fail_msg("%s: message '%s', not '%s'", what, err->message, message);
    if (c->calls)
        fail_msg("%s: the sink was called %zu times", what, c->calls);
}

static void test_null_arguments(void **state)
{
    (void)state;
    pf_doc *doc = load("environment-agency.yaml", NULL);
    outputs o = analyse(doc);
    collector c = { 0 };
    pf_sink sink = sink_of(&c), no_fn = { NULL, &c };
    pf_error err;
    assert_refused("report, NULL sink", pf_doc_report_to(doc, NULL, NULL, &err), PF_EARG, &err, &c, NULL);
    assert_refused("report, NULL write_fn", pf_doc_report_to(doc, NULL, &no_fn, &err), PF_EARG, &err, &c, NULL);
    assert_refused("report, NULL doc", pf_doc_report_to(NULL, NULL, &sink, &err), PF_EARG, &err, &c, NULL);
    assert_refused("scores, NULL sink", pf_scores_write_json_to(o.scores, false, NULL, &err), PF_EARG, &err, &c,
                   NULL);
    assert_refused("scores, NULL write_fn", pf_scores_write_json_to(o.scores, true, &no_fn, &err), PF_EARG, &err,
                   &c, NULL);
    assert_refused("scores, NULL scores", pf_scores_write_json_to(NULL, false, &sink, &err), PF_EARG, &err, &c,
                   NULL);
    assert_refused("map, NULL sink", pf_map_write_json_to(o.map, NULL, &err), PF_EARG, &err, &c, NULL);
    assert_refused("map, NULL write_fn", pf_map_write_json_to(o.map, &no_fn, &err), PF_EARG, &err, &c, NULL);
    assert_refused("map, NULL map", pf_map_write_json_to(NULL, &sink, &err), PF_EARG, &err, &c, NULL);
    assert_refused("relations, NULL sink", pf_relations_write_json_to(o.rel, NULL, &err), PF_EARG, &err, &c, NULL);
    assert_refused("relations, NULL write_fn", pf_relations_write_json_to(o.rel, &no_fn, &err), PF_EARG, &err, &c,
                   NULL);
    assert_refused("relations, NULL relations", pf_relations_write_json_to(NULL, &sink, &err), PF_EARG, &err, &c,
                   NULL);
    /* err is optional. */
    assert_int_equal(pf_doc_report_to(doc, NULL, NULL, NULL), PF_EARG);
    assert_int_equal(pf_map_write_json_to(NULL, &sink, NULL), PF_EARG);
    assert_int_equal(c.calls, 0);
    /* The pf_buf forms still refuse a NULL out. */
    assert_int_equal(pf_map_write_json(o.map, NULL, &err), PF_EARG);
    assert_int_equal(pf_scores_write_json(o.scores, false, NULL, &err), PF_EARG);
    assert_int_equal(pf_relations_write_json(o.rel, NULL, &err), PF_EARG);
    assert_int_equal(pf_doc_report(doc, NULL, NULL, &err), PF_EARG);
    outputs_free(&o);
    pf_doc_free(doc);
}

static void test_refused_reports_call_the_sink_not_at_all(void **state)
{
    (void)state;
    pf_doc *doc = load("environment-agency.yaml", NULL);
    pf_doc *other = load("team-pulse.yaml", NULL); /* another instrument */
    collector c = { 0 };
    pf_sink sink = sink_of(&c);
    pf_error err;
    pf_report_options o = PF_REPORT_OPTIONS_INIT;
    o.format = (pf_report_format)99;
    assert_refused("unknown format", pf_doc_report_to(doc, &o, &sink, &err), PF_EARG, &err, &c, NULL);
    o = (pf_report_options)PF_REPORT_OPTIONS_INIT;
    o.lang = "de";
    assert_refused("unknown language", pf_doc_report_to(doc, &o, &sink, &err), PF_EARG, &err, &c,
                   "unknown language 'de' (en or fr)");
    o = (pf_report_options)PF_REPORT_OPTIONS_INIT;
    o.version = 99;
    assert_refused("options version 99", pf_doc_report_to(doc, &o, &sink, &err), PF_EARG, &err, &c, NULL);
    o = (pf_report_options)PF_REPORT_OPTIONS_INIT;
    o.since = other;
    assert_refused("since a document of another instrument", pf_doc_report_to(doc, &o, &sink, &err), PF_EINVALID,
                   &err, &c, NULL);
    /* The same refusals through pf_doc_report(), for the same status. */
    pf_buf b = PF_BUF_INIT;
    assert_int_equal(pf_doc_report(doc, &o, &b, NULL), PF_EINVALID);
    assert_null(b.data);
    pf_doc_free(other);
    pf_doc_free(doc);
}

/* ---- pf_doc_report_file ---- */

/* The names in dir, sorted, joined by '\n' (malloc'd). */
static char *listing(const char *dir)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    char *names[64];
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        assert_true(n < 64);
        names[n++] = strdup(e->d_name);
    }
    closedir(d);
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
            char *t = names[j];
            names[j] = names[j - 1];
            names[j - 1] = t;
        }
    size_t len = 1;
    for (size_t i = 0; i < n; i++)
        len += strlen(names[i]) + 1;
    char *out = calloc(1, len);
    assert_non_null(out);
    for (size_t i = 0; i < n; i++) {
        if (i)
            strcat(out, "\n");
        strcat(out, names[i]);
        free(names[i]);
    }
    return out;
}

static void assert_listing(const char *dir, const char *want)
{
    char *got = listing(dir);
    if (strcmp(got, want) != 0)
        fail_msg("%s holds '%s', not '%s'", dir, got, want);
    free(got);
}

static char *read_all(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        fail_msg("cannot open %s: %s", path, strerror(errno));
    size_t cap = 1 << 16, n = 0;
    char *data = malloc(cap);
    assert_non_null(data);
    for (;;) {
        if (n == cap) {
            cap *= 2;
            data = realloc(data, cap);
            assert_non_null(data);
        }
        size_t got = fread(data + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    fclose(f);
    *size = n;
    return data;
}

static void write_text(const char *path, const char *text, mode_t mode)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fputs(text, f) >= 0, 1);
    assert_int_equal(fclose(f), 0);
    assert_int_equal(chmod(path, mode), 0);
}

static void assert_file_is(const char *path, const char *want, size_t want_size)
{
    size_t size;
    char *got = read_all(path, &size);
    assert_same_bytes(path, want, want_size, got, size);
    free(got);
}

static mode_t mode_of(const char *path)
{
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    return st.st_mode & 07777;
}

static char *make_dir(void)
{
    char *dir = strdup("/tmp/test_sink-XXXXXX");
    assert_non_null(mkdtemp(dir));
    return dir;
}

static void remove_dir(char *dir)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "chmod -R u+w %s && rm -rf %s", dir, dir);
    assert_int_equal(system(cmd), 0);
    free(dir);
}

static void test_report_file_replaces_a_file(void **state)
{
    (void)state;
    char *dir = make_dir(), path[512];
    snprintf(path, sizeof path, "%s/report.md", dir);
    for (size_t d = 0; d < 2; d++) {
        pf_doc *example = load("environment-agency.yaml", NULL);
        const pf_doc *doc = d ? big : example;
        for (size_t f = 0; f < 6; f++) {
            pf_report_options o = PF_REPORT_OPTIONS_INIT;
            o.format = formats[f];
            o.lang = "fr";
            pf_buf whole = PF_BUF_INIT;
            assert_int_equal(pf_doc_report(doc, &o, &whole, NULL), PF_OK);
            /* A file that was there keeps its permissions; a new one is rw-r--r--. */
            bool existed = f % 2 == 0;
            if (existed)
                write_text(path, "the old report\n", 0600);
            pf_error err;
            if (pf_doc_report_file(doc, &o, path, &err) != PF_OK)
                fail_msg("pf_doc_report_file: %s", err.message);
            assert_file_is(path, whole.data, whole.size);
            assert_int_equal(mode_of(path), existed ? 0600 : 0644);
            assert_listing(dir, "report.md");
            assert_int_equal(unlink(path), 0);
            pf_buf_dispose(&whole);
        }
        pf_doc_free(example);
    }
    remove_dir(dir);
}

static void test_a_refused_report_leaves_no_file(void **state)
{
    (void)state;
    pf_doc *doc = load("environment-agency.yaml", NULL);
    pf_doc *other = load("team-pulse.yaml", NULL);
    char *dir = make_dir(), path[512];
    snprintf(path, sizeof path, "%s/report.html", dir);
    pf_report_options bad[4];
    for (int i = 0; i < 4; i++)
        bad[i] = (pf_report_options)PF_REPORT_OPTIONS_INIT;
    bad[0].lang = "xx";
    bad[1].format = (pf_report_format)42;
    bad[2].version = 99;
    bad[3].since = other;
    const pf_status want[] = { PF_EARG, PF_EARG, PF_EARG, PF_EINVALID };
    for (int i = 0; i < 4; i++) {
        pf_error err;
        /* Into an empty folder: nothing at all appears, not even a temporary file. */
        assert_int_equal(pf_doc_report_file(doc, &bad[i], path, &err), want[i]);
        assert_int_equal(err.code, want[i]);
        assert_listing(dir, "");
        /* Over a file: it stays as it was, with its permissions. */
        write_text(path, "the old report\n", 0640);
        assert_int_equal(pf_doc_report_file(doc, &bad[i], path, &err), want[i]);
        assert_file_is(path, "the old report\n", 15);
        assert_int_equal(mode_of(path), 0640);
        assert_listing(dir, "report.html");
        assert_int_equal(unlink(path), 0);
    }
    assert_int_equal(pf_doc_report_file(doc, NULL, NULL, NULL), PF_EARG);
    assert_int_equal(pf_doc_report_file(NULL, NULL, path, NULL), PF_EARG);
    assert_listing(dir, "");
    remove_dir(dir);
    pf_doc_free(other);
    pf_doc_free(doc);
}

/*
 * A folder the report cannot be written into: PF_EIO naming the path, nothing created, an old file kept.
 * A path through a regular file fails for anyone; a folder without write permission only for a user other
 * than root, who writes anywhere (that part is left out for root).
 */
static void test_an_unwritable_folder(void **state)
{
    (void)state;
    char *dir = make_dir(), plain[512], path[600], want[1200];
    snprintf(plain, sizeof plain, "%s/plain", dir);
    write_text(plain, "a file\n", 0644);
    snprintf(path, sizeof path, "%s/report.txt", plain);
    pf_error err;
    assert_int_equal(pf_doc_report_file(big, NULL, path, &err), PF_EIO);
    assert_int_equal(err.code, PF_EIO);
    snprintf(want, sizeof want, "cannot write %s: %s", path, strerror(ENOTDIR));
    if (strcmp(err.message, want) != 0)
        fail_msg("message '%s', not '%s'", err.message, want);
    assert_listing(dir, "plain");
    assert_file_is(plain, "a file\n", 7);
    assert_int_equal(unlink(plain), 0);
    if (geteuid() == 0) {
        print_message("# running as root, who writes into any folder: a folder without permission is not tried\n");
        remove_dir(dir);
        return;
    }
    snprintf(path, sizeof path, "%s/report.txt", dir);
    for (int existed = 0; existed < 2; existed++) {
        if (existed)
            write_text(path, "the old report\n", 0644);
        assert_int_equal(chmod(dir, 0500), 0);
        assert_int_equal(pf_doc_report_file(big, NULL, path, &err), PF_EIO);
        assert_int_equal(err.code, PF_EIO);
        snprintf(want, sizeof want, "cannot create a temporary file beside %s: %s", path, strerror(EACCES));
        if (strcmp(err.message, want) != 0)
            fail_msg("message '%s', not '%s'", err.message, want);
        assert_int_equal(chmod(dir, 0700), 0);
        assert_listing(dir, existed ? "report.txt" : "");
        if (existed)
            assert_file_is(path, "the old report\n", 15);
    }
    remove_dir(dir);
}

/* A write that fails in the middle of a big report (the file grows past the process's limit): the old
   file stays whole and the temporary file is removed. */
static void test_a_write_failure_keeps_the_old_file(void **state)
{
    (void)state;
    char *dir = make_dir(), path[512];
    snprintf(path, sizeof path, "%s/report.json", dir);
    write_text(path, "the old report\n", 0644);
    struct rlimit was;
    assert_int_equal(getrlimit(RLIMIT_FSIZE, &was), 0);
    if (was.rlim_cur != RLIM_INFINITY && was.rlim_cur < 4 * CHUNK) {
        print_message("# the file size limit is already below 256 KiB: the check is left out\n");
        remove_dir(dir);
        return;
    }
    void (*old_handler)(int) = signal(SIGXFSZ, SIG_IGN);
    struct rlimit low = { 2 * CHUNK + 100, was.rlim_max };
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &low), 0);
    pf_report_options o = PF_REPORT_OPTIONS_INIT;
    o.format = PF_REPORT_JSON;
    pf_error err;
    pf_status s = pf_doc_report_file(big, &o, path, &err);
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &was), 0);
    signal(SIGXFSZ, old_handler);
    assert_int_equal(s, PF_EIO);
    char want[600];
    snprintf(want, sizeof want, "cannot write %s: %s", path, strerror(EFBIG));
    if (strcmp(err.message, want) != 0)
        fail_msg("message '%s', not '%s'", err.message, want);
    assert_file_is(path, "the old report\n", 15);
    assert_listing(dir, "report.json");
    remove_dir(dir);
}

/* A device is written in place: a full one fails at its first piece, which is the message. */
static void test_a_full_device(void **state)
{
    (void)state;
    if (access("/dev/full", W_OK) != 0) {
        print_message("# no /dev/full to write: the check is left out\n");
        return;
    }
    pf_error err;
    assert_int_equal(pf_doc_report_file(big, NULL, "/dev/full", &err), PF_EIO);
    assert_string_equal(err.message, "cannot write /dev/full: No space left on device");
    pf_doc *small = load("minimal.yaml", NULL);
    assert_int_equal(pf_doc_report_file(small, NULL, "/dev/full", &err), PF_EIO);
    assert_string_equal(err.message, "cannot write /dev/full: No space left on device");
    pf_doc_free(small);
}

/* ---- allocation failures ---- */

/* Tags all three projects share: the relations between them fill many lines of text. */
#define SHARED_TAGS 2000

/* A few projects with long titles and many tags, and respondents with long pseudonyms: every format is
   several pieces, made with few allocations. */
static pf_doc *long_titles_doc(const pf_allocator *a)
{
    pf_doc_options o = PF_DOC_OPTIONS_INIT;
    o.allocator = *a;
    pf_doc *doc = NULL;
    assert_int_equal(pf_doc_new(&o, &doc, NULL), PF_OK);
    assert_int_equal(pf_org_set_name(pf_doc_org(doc), "Long titles & <markup>", NULL), PF_OK);
    size_t len = CHUNK + CHUNK / 3;
    char *title = malloc(len + 1);
    assert_non_null(title);
    static const char pattern[] = "Word *x* <b> | \xC3\xA9 \n";
    for (size_t i = 0; i < len; i++)
        title[i] = pattern[i % (sizeof pattern - 1)];
    title[len] = '\0';
    for (size_t i = 0; i < 3; i++) {
        char id[16];
        snprintf(id, sizeof id, "p%zu", i);
        pf_project *p;
        assert_int_equal(pf_doc_add_project(doc, id, &p, NULL), PF_OK);
        size_t cut = len - 1 - 7 * i; /* not all the same length, and never in a character */
        while (((unsigned char)title[cut] & 0xC0) == 0x80)
            cut--;
        char was = title[cut];
        title[cut] = '\0';
        assert_int_equal(pf_project_set_title(p, title, NULL), PF_OK);
        title[cut] = was;
        assert_int_equal(pf_project_set_purpose(p, (pf_purpose)i, NULL), PF_OK);
        for (size_t t = 0; t < SHARED_TAGS; t++) {
            char tag[48];
            snprintf(tag, sizeof tag, "a-rather-long-shared-tag-%04zu", t);
            assert_int_equal(pf_project_add_tag(p, tag, NULL), PF_OK);
        }
    }
    free(title);
    /* Respondents of long pseudonyms: the table of assessments is several pieces too. */
    char *who = malloc(CHUNK);
    assert_non_null(who);
    memset(who, 'r', CHUNK - 1);
    who[CHUNK - 1] = '\0';
    for (int r = 0; r < 3; r++) {
        who[CHUNK - 2] = (char)('1' + r);
        pf_assessment *as;
        assert_int_equal(pf_doc_add_assessment(doc, who, &as, NULL), PF_OK);
        assert_int_equal(pf_assessment_set_role(as, (pf_role)r, NULL), PF_OK);
        assert_int_equal(pf_assessment_set_agreement(as, "q1.mission", 1 + r, NULL), PF_OK);
        assert_int_equal(pf_assessment_set_agreement(as, "q1.adaptive", 3 - r, NULL), PF_OK);
    }
    free(who);
    return doc;
}

/* Each allocation of a streamed report failing in turn, in every format: PF_ENOMEM, nothing leaked, and
   what the sink got before is the start of the report. */
static void test_every_allocation_failure(void **state)
{
    (void)state;
    for (size_t fmt = 0; fmt < 6; fmt++) {
        failing_alloc f = { 0 };
        pf_allocator a = failing_alloc_allocator(&f);
        pf_doc *doc = long_titles_doc(&a);
        pf_report_options o = PF_REPORT_OPTIONS_INIT;
        o.format = formats[fmt];
        o.lang = fmt % 2 ? "fr" : "en";
        o.include_incomplete = true;
        o.respondents = true;
        pf_buf whole = PF_BUF_INIT;
        assert_int_equal(pf_doc_report(doc, &o, &whole, NULL), PF_OK);
        long before = f.live;
        long n = 1;
        for (;; n++) {
            collector c = { 0 };
            pf_sink sink = sink_of(&c);
            pf_error err;
            memset(&err, 0, sizeof err);
            failing_alloc_arm(&f, n);
            pf_status s = pf_doc_report_to(doc, &o, &sink, &err);
            if (f.live != before)
                fail_msg("%s, allocation %ld: %ld blocks leaked", pf_report_format_name(formats[fmt]), n,
                         f.live - before);
            if (failing_alloc_walk_done(&f, s, PF_OK, &err, pf_report_format_name(formats[fmt]), n)) {
                assert_streamed_as("long titles", &c, &whole);
                collector_dispose(&c);
                break;
            }
            if (c.size && memcmp(c.data, whole.data, c.size) != 0)
                fail_msg("%s, allocation %ld: the sink got %zu bytes that are not the report's first (\"%.60s\")",
                         pf_report_format_name(formats[fmt]), n, c.size, c.data);
            assert_int_equal(c.empty_calls, 0);
            collector_dispose(&c);
        }
        assert_true(n > 20);
        if (whole.size <= 2 * CHUNK)
            fail_msg("%s: %zu bytes, not several pieces", pf_report_format_name(formats[fmt]), whole.size);
        pf_buf_dispose(&whole);
        pf_doc_free(doc);
        assert_int_equal(f.live, 0);
    }
}

/* The same for the JSON writers, whose every allocation is their own buffer's. */
static void test_every_allocation_failure_of_the_json_writers(void **state)
{
    (void)state;
    failing_alloc f = { 0 };
    pf_allocator a = failing_alloc_allocator(&f);
    pf_doc *doc = long_titles_doc(&a);
    outputs o = analyse(doc);
    for (int w = 0; w < W_COUNT; w++) {
        pf_buf whole = PF_BUF_INIT;
        assert_int_equal(write_whole(&o, w, &whole, NULL), PF_OK);
        long before = f.live;
        long n = 1;
        for (;; n++) {
            collector c = { 0 };
            pf_sink sink = sink_of(&c);
            pf_error err;
            memset(&err, 0, sizeof err);
            failing_alloc_arm(&f, n);
            pf_status s = write_to(&o, w, &sink, &err);
            assert_int_equal(f.live, before);
            if (failing_alloc_walk_done(&f, s, PF_OK, &err, writer_names[w], n)) {
                assert_streamed_as(writer_names[w], &c, &whole);
                collector_dispose(&c);
                break;
            }
            assert_string_equal(err.message, "out of memory");
            assert_memory_equal(c.data ? c.data : "", whole.data, c.size);
            collector_dispose(&c);
        }
        assert_true(n > 1);
        pf_buf_dispose(&whole);
    }
    outputs_free(&o);
    pf_doc_free(doc);
    assert_int_equal(f.live, 0);
}

/* pf_doc_report_file() under allocation failures: PF_ENOMEM, the old file as it was, no temporary file. */
static void test_every_allocation_failure_of_a_report_file(void **state)
{
    (void)state;
    char *dir = make_dir(), path[512];
    snprintf(path, sizeof path, "%s/report.html", dir);
    failing_alloc f = { 0 };
    pf_allocator a = failing_alloc_allocator(&f);
    pf_doc *doc = long_titles_doc(&a);
    pf_report_options o = PF_REPORT_OPTIONS_INIT;
    o.format = PF_REPORT_HTML;
    pf_buf whole = PF_BUF_INIT;
    assert_int_equal(pf_doc_report(doc, &o, &whole, NULL), PF_OK);
    long before = f.live;
    long n = 1;
    for (;; n++) {
        write_text(path, "the old report\n", 0644);
        pf_error err;
        failing_alloc_arm(&f, n);
        pf_status s = pf_doc_report_file(doc, &o, path, &err);
        assert_int_equal(f.live, before);
        assert_listing(dir, "report.html");
        if (failing_alloc_walk_done(&f, s, PF_OK, &err, "report file", n)) {
            assert_file_is(path, whole.data, whole.size);
            break;
        }
        assert_file_is(path, "the old report\n", 15);
    }
    assert_true(n > 20);
    pf_buf_dispose(&whole);
    pf_doc_free(doc);
    assert_int_equal(f.live, 0);
    remove_dir(dir);
}

/*
 * A streamed output is never held whole. The JSON writers ask for no block near the size of their output.
 * A report (whose analysis needs memory of its own, counted here with every block's size) takes no more
 * memory at its peak streamed than whole, and where the report is larger than the analysis (JSON and
 * HTML here) at least half the report less. (The HTML map chart is still made whole before it is handed
 * over: 0.8 MB for these 3 000 projects.)
 */
static void test_a_streamed_output_is_not_held_whole(void **state)
{
    (void)state;
    outputs o = analyse(big);
    for (int w = 0; w < W_COUNT; w++) {
        pf_buf whole = PF_BUF_INIT;
        assert_int_equal(write_whole(&o, w, &whole, NULL), PF_OK);
        collector c = { 0 };
        pf_sink sink = sink_of(&c);
        big_alloc.largest = 0;
        assert_int_equal(write_to(&o, w, &sink, NULL), PF_OK);
        assert_streamed_as(writer_names[w], &c, &whole);
        assert_true(whole.size > 3 * CHUNK);
        if (big_alloc.largest * 2 > whole.size)
            fail_msg("%s: a block of %zu bytes for an output of %zu", writer_names[w], big_alloc.largest, whole.size);
        collector_dispose(&c);
        pf_buf_dispose(&whole);
    }
    outputs_free(&o);
    for (size_t fmt = 0; fmt < 6; fmt++) {
        pf_report_options ro = PF_REPORT_OPTIONS_INIT;
        ro.format = formats[fmt];
        ro.respondents = true;
        pf_buf whole = PF_BUF_INIT;
        size_t base = big_alloc.bytes;
        big_alloc.peak = base;
        assert_int_equal(pf_doc_report(big, &ro, &whole, NULL), PF_OK);
        size_t whole_peak = big_alloc.peak - base;
        collector c = { 0 };
        pf_sink sink = sink_of(&c);
        size_t base2 = big_alloc.bytes;
        big_alloc.peak = base2;
        assert_int_equal(pf_doc_report_to(big, &ro, &sink, NULL), PF_OK);
        size_t stream_peak = big_alloc.peak - base2;
        assert_int_equal(big_alloc.bytes, base2);
        assert_streamed_as(pf_report_format_name(formats[fmt]), &c, &whole);
        assert_true(whole.size > 3 * CHUNK);
        if (stream_peak > whole_peak)
            fail_msg("report %s: %zu bytes at most streamed, %zu whole", pf_report_format_name(formats[fmt]),
                     stream_peak, whole_peak);
        if ((formats[fmt] == PF_REPORT_JSON || formats[fmt] == PF_REPORT_HTML) &&
            stream_peak + whole.size / 2 > whole_peak)
            fail_msg("report %s of %zu bytes: %zu bytes at most streamed, %zu whole",
                     pf_report_format_name(formats[fmt]), whole.size, stream_peak, whole_peak);
        collector_dispose(&c);
        pf_buf_dispose(&whole);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_report_example_streams_the_same),
        cmocka_unit_test(test_report_big_streams_the_same),
        cmocka_unit_test(test_text_and_markdown_end_a_piece_at_every_line),
        cmocka_unit_test(test_text_and_markdown_of_the_big_document),
        cmocka_unit_test(test_json_writers_stream_the_same),
        cmocka_unit_test(test_a_refusing_sink_stops_the_writer),
        cmocka_unit_test(test_a_refusal_of_the_last_piece),
        cmocka_unit_test(test_null_arguments),
        cmocka_unit_test(test_refused_reports_call_the_sink_not_at_all),
        cmocka_unit_test(test_report_file_replaces_a_file),
        cmocka_unit_test(test_a_refused_report_leaves_no_file),
        cmocka_unit_test(test_an_unwritable_folder),
        cmocka_unit_test(test_a_write_failure_keeps_the_old_file),
        cmocka_unit_test(test_a_full_device),
        cmocka_unit_test(test_every_allocation_failure),
        cmocka_unit_test(test_every_allocation_failure_of_the_json_writers),
        cmocka_unit_test(test_every_allocation_failure_of_a_report_file),
        cmocka_unit_test(test_a_streamed_output_is_not_held_whole),
    };
    return cmocka_run_group_tests(tests, setup_big, teardown_big);
}
