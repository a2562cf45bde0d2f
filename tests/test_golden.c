/*
 * Golden suites. tests/data/invalid/<case>.yaml must fail to load with exactly
 * the diagnostics of <case>.err ("LINE:COLUMN: message" per line; a problem in
 * another file, such as an instrument file the document names, is prefixed by
 * that file's path relative to the case's directory: "FILE:LINE:COLUMN: ...").
 * tests/data/invalid-instrument/<case>.yaml must fail to load as an instrument
 * file, and tests/data/invalid-rules/<case>.yaml as a rule catalogue
 * (pf_rules_read_file), the same way, and tests/data/invalid-records/<case>.json as
 * an anonymised record (pf_record_read_file). tests/data/valid/<case>.yaml must load, and
 * write(read(x)) must read back to the same document.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "test_files.h"

#include <portfolio/portfolio.h>

/* What a case's file is read as. */
typedef enum case_kind { CASE_DOCUMENT, CASE_INSTRUMENT, CASE_RULES, CASE_RECORD } case_kind;

/* The file name extension of a kind's cases. */
static const char *case_ext(case_kind kind)
{
    return kind == CASE_RECORD ? ".json" : ".yaml";
}

/* A case: its path without ".yaml" (".json" for records), and what it is read as. */
typedef struct golden_case {
    char *base;
    case_kind kind;
} golden_case;

static void test_invalid_case(void **state)
{
    const golden_case *c = *state;
    const char *base = c->base;
    char yaml[4096], errfile[4096];
    snprintf(yaml, sizeof yaml, "%s%s", base, case_ext(c->kind));
    snprintf(errfile, sizeof errfile, "%s.err", base);
    size_t len;
    char *expected = slurp(errfile, &len);
    if (!expected)
        fail_msg("missing %s", errfile);
    pf_diagnostics *diags;
    assert_int_equal(pf_diagnostics_new(NULL, &diags), PF_OK);
    if (c->kind == CASE_INSTRUMENT) {
        pf_instrument *inst = NULL;
        assert_int_not_equal(pf_instrument_read_file(yaml, NULL, &inst, diags, NULL), PF_OK);
        assert_null(inst);
    } else if (c->kind == CASE_RECORD) {
        pf_record *rec = NULL;
        assert_int_not_equal(pf_record_read_file(yaml, NULL, &rec, diags, NULL), PF_OK);
        assert_null(rec);
    } else if (c->kind == CASE_RULES) {
        pf_rules *rules = NULL;
        assert_int_not_equal(pf_rules_read_file(yaml, NULL, &rules, diags, NULL), PF_OK);
        assert_null(rules);
    } else {
        pf_doc *doc = NULL;
        assert_int_not_equal(pf_doc_read_file(yaml, NULL, &doc, diags, NULL), PF_OK);
        assert_null(doc);
    }
    size_t dir = (size_t)(strrchr(base, '/') - base) + 1;
    char *actual = calloc(1, 1);
    size_t alen = 0;
    for (size_t i = 0; i < pf_diagnostics_count(diags); i++) {
        const pf_error *e = pf_diagnostics_at(diags, i);
        char line[1024], other[600] = "";
        if (strcmp(e->source, yaml) != 0)
            snprintf(other, sizeof other, "%s:", strncmp(e->source, base, dir) == 0 ? e->source + dir : e->source);
        int n = snprintf(line, sizeof line, "%s%u:%u: %s\n", other, e->line, e->column, e->message);
        actual = realloc(actual, alen + (size_t)n + 1);
        memcpy(actual + alen, line, (size_t)n + 1);
        alen += (size_t)n;
    }
    if (strcmp(actual, expected) != 0)
        fail_msg("%s\nexpected:\n%sactual:\n%s", yaml, expected, actual);
    free(actual);
    free(expected);
    pf_diagnostics_free(diags);
}

static void test_valid_case(void **state)
{
    const golden_case *c = *state;
    const char *base = c->base;
    char yaml[4096];
    snprintf(yaml, sizeof yaml, "%s.yaml", base);
    pf_doc *a = NULL, *b = NULL;
    pf_error err;
    pf_buf first = PF_BUF_INIT, second = PF_BUF_INIT;
    if (pf_doc_read_file(yaml, NULL, &a, NULL, &err) != PF_OK)
        fail_msg("%s:%u:%u: %s", yaml, err.line, err.column, err.message);
    assert_int_equal(pf_doc_write_buf(a, &first, NULL), PF_OK);
    /* Read back under the file's name: an instrument file it names is relative to it. */
    if (pf_doc_read_buffer(first.data, first.size, yaml, NULL, &b, NULL, &err) != PF_OK)
        fail_msg("%s rewritten: %u:%u: %s\n%s", yaml, err.line, err.column, err.message, first.data);
    assert_int_equal(pf_doc_write_buf(b, &second, NULL), PF_OK);
    assert_string_equal(first.data, second.data);
    pf_buf_dispose(&first);
    pf_buf_dispose(&second);
    pf_doc_free(a);
    pf_doc_free(b);
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Case paths without their extension (".yaml", ".json"), sorted so the run order is stable. */
static size_t list_cases(const char *dir, const char *ext, char ***out)
{
    DIR *d = opendir(dir);
    size_t n = 0, cap = 64;
    char **names = malloc(cap * sizeof *names);
    struct dirent *ent;
    while (d && (ent = readdir(d))) {
        size_t len = strlen(ent->d_name);
        if (len < 6 || strcmp(ent->d_name + len - 5, ext) != 0)
            continue;
        if (n == cap)
            names = realloc(names, (cap *= 2) * sizeof *names);
        names[n] = malloc(strlen(dir) + len + 2);
        sprintf(names[n], "%s/%.*s", dir, (int)(len - 5), ent->d_name);
        n++;
    }
    if (d)
        closedir(d);
    qsort(names, n, sizeof *names, compare_names);
    *out = names;
    return n;
}

/* Adds a folder's cases to the tests; returns how many. */
static size_t add_cases(const char *dir, case_kind kind, void (*func)(void **), struct CMUnitTest **tests,
                        golden_case **cases, size_t *count)
{
    char **names;
    size_t n = list_cases(dir, case_ext(kind), &names);
    *tests = realloc(*tests, (*count + n) * sizeof **tests);
    *cases = realloc(*cases, (*count + n) * sizeof **cases);
    for (size_t i = 0; i < n; i++) {
        (*cases)[*count + i].base = names[i];
        (*cases)[*count + i].kind = kind;
    }
    for (size_t i = 0; i < n; i++) {
        struct CMUnitTest t = { strrchr(names[i], '/') + 1, func, NULL, NULL, NULL };
        (*tests)[*count + i] = t;
    }
    *count += n;
    free(names);
    return n;
}

int main(void)
{
    struct CMUnitTest *tests = NULL;
    golden_case *cases = NULL;
    size_t count = 0;
    size_t ni = add_cases(SOURCE_ROOT "/tests/data/invalid", CASE_DOCUMENT, test_invalid_case, &tests, &cases, &count);
    size_t nii = add_cases(SOURCE_ROOT "/tests/data/invalid-instrument", CASE_INSTRUMENT, test_invalid_case, &tests,
                           &cases, &count);
    size_t nir = add_cases(SOURCE_ROOT "/tests/data/invalid-rules", CASE_RULES, test_invalid_case, &tests, &cases,
                           &count);
    size_t nrec = add_cases(SOURCE_ROOT "/tests/data/invalid-records", CASE_RECORD, test_invalid_case, &tests, &cases,
                            &count);
    size_t nv = add_cases(SOURCE_ROOT "/tests/data/valid", CASE_DOCUMENT, test_valid_case, &tests, &cases, &count);
    /* States point into cases, which moved while it grew: set them now. */
    for (size_t i = 0; i < count; i++)
        tests[i].initial_state = &cases[i];
    if (ni < 30 || nii < 15 || nir < 20 || nrec < 12 || nv < 1) {
        fprintf(stderr,
                "golden suites too small: %zu invalid documents, %zu invalid instruments, %zu invalid catalogues, "
                "%zu invalid records, %zu valid\n",
                ni, nii, nir, nrec, nv);
        return 1;
    }
    int failed = _cmocka_run_group_tests("golden", tests, count, NULL, NULL);
    for (size_t i = 0; i < count; i++)
        free(cases[i].base);
    free(cases);
    free(tests);
    return failed;
}
