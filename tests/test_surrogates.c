/*
 * Surrogate-pair escapes in JSON and YAML input (lib/yaml_surrogates.c): what Python's json.dumps
 * writes for characters beyond U+FFFF ("\ud83d\ude00" for U+1F600) is read as the character's
 * UTF-8; a lone surrogate is a syntax error at its backslash; positions after rewritten pairs
 * are those of the text as written; text outside double-quoted scalars stays as written.
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

#define GRIN "\xF0\x9F\x98\x80"  /* U+1F600 */
#define PARTY "\xF0\x9F\x8E\x89" /* U+1F389 */

static pf_doc *read_with(const char *text, const pf_read_options *opts)
{
    pf_doc *doc = NULL;
    pf_error err;
    pf_diagnostics *diags = NULL;
    assert_int_equal(pf_diagnostics_new(NULL, &diags), PF_OK);
    pf_status s = pf_doc_read_buffer(text, strlen(text), "t.json", opts, &doc, diags, &err);
    if (s != PF_OK)
        fail_msg("read: %d (%u:%u: %s)", (int)s, err.line, err.column, err.message);
    pf_diagnostics_free(diags);
    return doc;
}

static pf_doc *read_ok(const char *text)
{
    return read_with(text, NULL);
}

/* Reading fails with `code`; the first problem is at line:column (byte offset) with this message. */
static void read_fails(const char *text, pf_status code, unsigned line, unsigned column, size_t offset,
                       const char *message)
{
    pf_doc *doc = NULL;
    pf_error err;
    pf_diagnostics *diags = NULL;
    assert_int_equal(pf_diagnostics_new(NULL, &diags), PF_OK);
    pf_status s = pf_doc_read_buffer(text, strlen(text), "t.json", NULL, &doc, diags, &err);
    assert_int_equal(s, code);
    assert_null(doc);
    assert_true(pf_diagnostics_count(diags) >= 1);
    const pf_error *e = pf_diagnostics_at(diags, 0);
    assert_string_equal(e->message, message);
    assert_int_equal(e->line, line);
    assert_int_equal(e->column, column);
    assert_int_equal(e->offset, offset);
    assert_int_equal(err.line, line);
    assert_int_equal(err.column, column);
    pf_diagnostics_free(diags);
}

static const char *org_name(pf_doc *doc)
{
    return pf_org_name(pf_doc_org(doc));
}

static void test_pairs_become_utf8(void **state)
{
    (void)state;
    pf_doc *doc = read_ok("{\"portfolio\": 1, \"organisation\": {\"name\": \"Caf\\u00e9 \\ud83d\\ude00\\ud83c\\udf89 x\"},"
                          " \"projects\": [{\"id\": \"p\", \"title\": \"\\uD83D\\uDE00\"}]}");
    assert_string_equal(org_name(doc), "Caf\xC3\xA9 " GRIN PARTY " x");
    assert_string_equal(pf_project_title(pf_doc_find_project(doc, "p")), GRIN);
    pf_doc_free(doc);
    /* U+10000 and U+10FFFF, the ends of the range a pair can write. */
    doc = read_ok("{\"portfolio\": 1, \"organisation\": {\"name\": \"\\ud800\\udc00\\udbff\\udfff\"}}");
    assert_string_equal(org_name(doc), "\xF0\x90\x80\x80\xF4\x8F\xBF\xBF");
    pf_doc_free(doc);
    /* In YAML's double-quoted scalars too, after a byte order mark. */
    doc = read_ok("\xEF\xBB\xBFportfolio: 1\norganisation:\n  name: \"a\\ud83d\\ude00\"\n");
    assert_string_equal(org_name(doc), "a" GRIN);
    pf_doc_free(doc);
}

static void test_other_text_stays_as_written(void **state)
{
    (void)state;
    /* Plain, single-quoted and block scalars have no escapes; an escaped backslash is a backslash. */
    pf_doc *doc = read_ok("portfolio: 1  # \"\\ud83d\\ude00\"\norganisation:\n  name: a\\ud83d\\ude00\"\n"
                          "projects:\n  - id: p\n    title: '\\ud83d\\ude00'\n  - id: q\n    title: |\n"
                          "      \\ud83d\\ude00\n  - id: r\n    title: \"\\\\ud83d\\\\ude00 \\ud83d\\ude00\"\n");
    assert_string_equal(org_name(doc), "a\\ud83d\\ude00\"");
    assert_string_equal(pf_project_title(pf_doc_find_project(doc, "p")), "\\ud83d\\ude00");
    assert_string_equal(pf_project_title(pf_doc_find_project(doc, "q")), "\\ud83d\\ude00\n");
    assert_string_equal(pf_project_title(pf_doc_find_project(doc, "r")), "\\ud83d\\ude00 " GRIN);
    pf_doc_free(doc);
}

static void test_lone_surrogates(void **state)
{
    (void)state;
    read_fails("{\"portfolio\": 1, \"organisation\": {\"name\": \"x\\ud83d\\ude00\\ud83dy\"}}", PF_ESYNTAX, 1, 57, 56,
               "lone surrogate \\ud83d: a high surrogate not followed by a low one (a character beyond U+FFFF is "
               "written as a pair, such as \\ud83d\\ude00, or as \\U0001F600)");
    read_fails("{\"portfolio\": 1, \"organisation\": {\"name\": \"\\ude00\"}}", PF_ESYNTAX, 1, 44, 43,
               "lone surrogate \\ude00: a low surrogate without a high one before it (a character beyond U+FFFF is "
               "written as a pair, such as \\ud83d\\ude00, or as \\U0001F600)");
    /* A high surrogate followed by another high one, or by a character that is not a surrogate. */
    read_fails("{\"portfolio\": 1,\n \"organisation\": {\"name\": \"\\ud83d\\ud83d\\ude00\"}}", PF_ESYNTAX, 2, 28, 44,
               "lone surrogate \\ud83d: a high surrogate not followed by a low one (a character beyond U+FFFF is "
               "written as a pair, such as \\ud83d\\ude00, or as \\U0001F600)");
    read_fails("{\"portfolio\": 1, \"organisation\": {\"name\": \"\\ud83d\\u0041\"}}", PF_ESYNTAX, 1, 44, 43,
               "lone surrogate \\ud83d: a high surrogate not followed by a low one (a character beyond U+FFFF is "
               "written as a pair, such as \\ud83d\\ude00, or as \\U0001F600)");
    /* At the very end of the text. */
    read_fails("{\"portfolio\": 1, \"organisation\": {\"name\": \"\\ud83d", PF_ESYNTAX, 1, 44, 43,
               "lone surrogate \\ud83d: a high surrogate not followed by a low one (a character beyond U+FFFF is "
               "written as a pair, such as \\ud83d\\ude00, or as \\U0001F600)");
    /* "\\ud83d" is a backslash and "ud83d": the \ude00 after it is alone. */
    read_fails("{\"portfolio\": 1, \"organisation\": {\"name\": \"\\\\ud83d\\ude00\"}}", PF_ESYNTAX, 1, 51, 50,
               "lone surrogate \\ude00: a low surrogate without a high one before it (a character beyond U+FFFF is "
               "written as a pair, such as \\ud83d\\ude00, or as \\U0001F600)");
}

/* Positions after rewritten pairs are those of the text as written: columns in characters, offsets in bytes. */
static void test_positions_after_pairs(void **state)
{
    (void)state;
    read_fails("{\"portfolio\": 1, \"organisation\": {\"name\": \"\\ud83d\\ude00\\ud83d\\ude00\xC3\xA9\", "
               "\"level\": \"zz\"}}",
               PF_EINVALID, 1, 81, 81,
               "organisation.level: unknown value 'zz' (expected one of: national, regional, local, agency, team, other)");
    /* CRLF line ends, a pair on the line before and two on the line of the problem. */
    read_fails("{\"portfolio\": 1,\r\n \"projects\": [{\"id\": \"a\", \"title\": \"\\ud83d\\ude00\"},\r\n"
               "  {\"id\": \"b\", \"title\": \"\\ud83d\\ude00 \\ud83d\\ude00\", \"stage\": \"zz\"}]}",
               PF_EINVALID, 3, 62, 132,
               "projects[1].stage: unknown value 'zz' (expected one of: idea, exploring, piloting, implementing, "
               "scaling, embedded, stopped)");
    /* A syntax error after pairs in the same scalar. */
    read_fails("{\"portfolio\": 1, \"organisation\": {\"name\": \"\\ud83d\\ude00\\q\"}}", PF_ESYNTAX, 1, 56, 55,
               "YAML syntax error: found unknown escape character while parsing a quoted scalar (which began at "
               "line 1, column 43)");
}

/* Many pairs in one value: each becomes its 4 bytes (and the walk is linear: this runs in a blink under valgrind). */
static void test_many_pairs(void **state)
{
    (void)state;
    enum { N = 20000 };
    const char *head = "{\"portfolio\": 1, \"organisation\": {\"name\": \"";
    size_t size = strlen(head) + N * 12 + 64;
    char *text = malloc(size);
    assert_non_null(text);
    char *p = text + sprintf(text, "%s", head);
    for (int i = 0; i < N; i++)
        p += sprintf(p, "\\ud83d\\ude00");
    sprintf(p, "\", \"level\": \"zz\"}}");
    pf_doc *doc = NULL;
    pf_error err;
    pf_diagnostics *diags = NULL;
    assert_int_equal(pf_diagnostics_new(NULL, &diags), PF_OK);
    pf_read_options opts = PF_READ_OPTIONS_INIT;
    opts.max_string = (size_t)N * 4 + 1;
    assert_int_equal(pf_doc_read_buffer(text, strlen(text), "t.json", &opts, &doc, diags, &err), PF_EINVALID);
    const pf_error *e = pf_diagnostics_at(diags, 0);
    assert_int_equal(e->line, 1);
    assert_int_equal(e->column, strlen(head) + N * 12 + 13);
    assert_int_equal(e->offset, strlen(head) + N * 12 + 12);
    pf_diagnostics_free(diags);
    size_t end = strlen(text) - strlen(", \"level\": \"zz\"}}");
    strcpy(text + end, "}}");
    doc = read_with(text, &opts);
    const char *name = org_name(doc);
    assert_int_equal(strlen(name), N * 4);
    for (int i = 0; i < N; i++)
        assert_memory_equal(name + 4 * i, GRIN, 4);
    pf_doc_free(doc);
    free(text);
}

/* Many values with pairs on one line (minified JSON): each event's position is found without a walk over the pairs before. */
static void test_many_values_on_one_line(void **state)
{
    (void)state;
    enum { N = 20000 };
    const char *head = "{\"portfolio\": 1, \"projects\": [{\"id\": \"p\", \"tags\": [";
    size_t size = strlen(head) + (size_t)N * 32 + 64;
    char *text = malloc(size);
    assert_non_null(text);
    char *p = text + sprintf(text, "%s", head);
    for (int i = 0; i < N; i++)
        p += sprintf(p, "%s\"\\ud83d\\ude00%d\"", i ? ", " : "", i);
    size_t before = (size_t)(p - text);
    sprintf(p, "], \"stage\": \"zz\"}]}");
    pf_doc *doc = NULL;
    pf_error err;
    pf_diagnostics *diags = NULL;
    assert_int_equal(pf_diagnostics_new(NULL, &diags), PF_OK);
    assert_int_equal(pf_doc_read_buffer(text, strlen(text), "t.json", NULL, &doc, diags, &err), PF_EINVALID);
    assert_int_equal(pf_diagnostics_count(diags), 1);
    const pf_error *e = pf_diagnostics_at(diags, 0);
    assert_int_equal(e->line, 1);
    assert_int_equal(e->column, before + 13);
    assert_int_equal(e->offset, before + 12);
    pf_diagnostics_free(diags);
    sprintf(text + before, "]}]}");
    doc = read_ok(text);
    const pf_project *proj = pf_doc_find_project(doc, "p");
    assert_int_equal(pf_project_tag_count(proj), N);
    assert_string_equal(pf_project_tag_at(proj, 0), GRIN "0");
    assert_string_equal(pf_project_tag_at(proj, N - 1), GRIN "19999");
    pf_doc_free(doc);
    free(text);
}

/* Every allocation of reading a document with pairs fails in turn: PF_ENOMEM each time, nothing leaked. */
static void test_allocation_failures(void **state)
{
    (void)state;
    const char *text = "{\"portfolio\": 1, \"organisation\": {\"name\": \"\\ud83d\\ude00\"},"
                       " \"projects\": [{\"id\": \"p\", \"title\": \"a\\ud83c\\udf89\"}]}";
    for (long n = 1;; n++) {
        failing_alloc f = { 0 };
        pf_read_options o = PF_READ_OPTIONS_INIT;
        o.allocator = failing_alloc_allocator(&f);
        pf_doc *doc = NULL;
        pf_error err;
        failing_alloc_arm(&f, n);
        pf_status s = pf_doc_read_buffer(text, strlen(text), "t.json", &o, &doc, NULL, &err);
        if (failing_alloc_walk_done(&f, s, PF_OK, &err, "reading", n)) {
            assert_string_equal(org_name(doc), GRIN);
            assert_string_equal(pf_project_title(pf_doc_find_project(doc, "p")), "a" PARTY);
            pf_doc_free(doc);
            assert_int_equal(f.live, 0);
            assert_true(n > 5);
            break;
        }
        assert_null(doc);
        assert_int_equal(f.live, 0);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pairs_become_utf8),
        cmocka_unit_test(test_other_text_stays_as_written),
        cmocka_unit_test(test_lone_surrogates),
        cmocka_unit_test(test_positions_after_pairs),
        cmocka_unit_test(test_many_pairs),
        cmocka_unit_test(test_many_values_on_one_line),
        cmocka_unit_test(test_allocation_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
