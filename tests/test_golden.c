/*
 * Golden suites. tests/data/invalid/<case>.yaml must fail to load with exactly
 * the diagnostics of <case>.err ("LINE:COLUMN: message" per line).
 * tests/data/valid/<case>.yaml must load, and write(read(x)) must read back to
 * the same document.
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

#include <portfolio/portfolio.h>

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0, got;
    char *buf = malloc(cap + 1);
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap)
            buf = realloc(buf, (cap *= 2) + 1);
    }
    fclose(f);
    if (buf)
        buf[n] = '\0';
    *len = n;
    return buf;
}

static void test_invalid_case(void **state)
{
    const char *base = *state;
    char yaml[4096], errfile[4096];
    snprintf(yaml, sizeof yaml, "%s.yaml", base);
    snprintf(errfile, sizeof errfile, "%s.err", base);
    size_t len;
    char *expected = slurp(errfile, &len);
    if (!expected)
        fail_msg("missing %s", errfile);
    pf_diagnostics *diags;
    pf_doc *doc = NULL;
    assert_int_equal(pf_diagnostics_new(&diags, NULL), PF_OK);
    pf_status s = pf_doc_read_file(&doc, yaml, NULL, diags, NULL);
    assert_int_not_equal(s, PF_OK);
    assert_null(doc);
    char *actual = calloc(1, 1);
    size_t alen = 0;
    for (size_t i = 0; i < pf_diagnostics_count(diags); i++) {
        const pf_error *e = pf_diagnostics_at(diags, i);
        char line[1024];
        int n = snprintf(line, sizeof line, "%u:%u: %s\n", e->line, e->column, e->message);
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
    const char *base = *state;
    char yaml[4096];
    snprintf(yaml, sizeof yaml, "%s.yaml", base);
    pf_doc *a = NULL, *b = NULL;
    pf_error err;
    pf_buf first = PF_BUF_INIT, second = PF_BUF_INIT;
    if (pf_doc_read_file(&a, yaml, NULL, NULL, &err) != PF_OK)
        fail_msg("%s:%u:%u: %s", yaml, err.line, err.column, err.message);
    assert_int_equal(pf_doc_write_buf(a, &first, NULL), PF_OK);
    if (pf_doc_read_buffer(&b, first.data, first.size, "written", NULL, NULL, &err) != PF_OK)
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

/* Case paths without ".yaml", sorted so the run order is stable. */
static size_t list_cases(const char *dir, char ***out)
{
    DIR *d = opendir(dir);
    size_t n = 0, cap = 64;
    char **names = malloc(cap * sizeof *names);
    struct dirent *ent;
    while (d && (ent = readdir(d))) {
        size_t len = strlen(ent->d_name);
        if (len < 6 || strcmp(ent->d_name + len - 5, ".yaml") != 0)
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

int main(void)
{
    char **invalid, **valid;
    size_t ni = list_cases(SOURCE_ROOT "/tests/data/invalid", &invalid);
    size_t nv = list_cases(SOURCE_ROOT "/tests/data/valid", &valid);
    struct CMUnitTest *tests = calloc(ni + nv + 1, sizeof *tests);
    for (size_t i = 0; i < ni; i++) {
        tests[i].name = strrchr(invalid[i], '/') + 1;
        tests[i].test_func = test_invalid_case;
        tests[i].initial_state = invalid[i];
    }
    for (size_t i = 0; i < nv; i++) {
        tests[ni + i].name = strrchr(valid[i], '/') + 1;
        tests[ni + i].test_func = test_valid_case;
        tests[ni + i].initial_state = valid[i];
    }
    if (ni < 30 || nv < 1) {
        fprintf(stderr, "golden suites too small: %zu invalid, %zu valid cases\n", ni, nv);
        return 1;
    }
    int failed = _cmocka_run_group_tests("golden", tests, ni + nv, NULL, NULL);
    for (size_t i = 0; i < ni; i++)
        free(invalid[i]);
    for (size_t i = 0; i < nv; i++)
        free(valid[i]);
    free(invalid);
    free(valid);
    free(tests);
    return failed;
}
