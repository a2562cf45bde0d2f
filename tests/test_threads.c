/*
 * Several threads each read, analyse and report on a different document at the
 * same time; every result must equal the one computed alone. Run under helgrind
 * (./dev.sh test) to show there is no shared mutable state.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <portfolio/portfolio.h>

static const char *const examples[] = { "environment-agency.yaml", "university-city.yaml", "minimal.yaml",
                                        "environment-agency-2026.yaml" };
#define THREADS 4

typedef struct job {
    char path[4096];
    pf_report_format format;
    const char *lang;
    char *expected; /* computed alone, before the threads start */
    int failures;
} job;

static char *analyse(const char *path, pf_report_format format, const char *lang)
{
    pf_doc *doc = NULL;
    if (pf_doc_read_file(path, NULL, &doc, NULL, NULL) != PF_OK)
        return NULL;
    pf_report_options o = PF_REPORT_OPTIONS_INIT;
    o.format = format;
    o.lang = lang;
    pf_buf b = PF_BUF_INIT;
    char *text = NULL;
    if (pf_doc_report(doc, &o, &b, NULL) == PF_OK)
        text = strdup(b.data);
    pf_buf_dispose(&b);
    pf_doc_free(doc);
    return text;
}

static void *work(void *arg)
{
    job *j = arg;
    for (int round = 0; round < 2; round++) {
        char *got = analyse(j->path, j->format, j->lang);
        if (!got || strcmp(got, j->expected) != 0)
            j->failures++;
        free(got);
    }
    return NULL;
}

static void test_threads_share_nothing(void **state)
{
    (void)state;
    static const pf_report_format formats[THREADS] = { PF_REPORT_HTML, PF_REPORT_JSON, PF_REPORT_MARKDOWN,
                                                       PF_REPORT_TEXT };
    job jobs[THREADS];
    pthread_t threads[THREADS];
    for (int i = 0; i < THREADS; i++) {
        snprintf(jobs[i].path, sizeof jobs[i].path, "%s/examples/data/%s", SOURCE_ROOT, examples[i]);
        jobs[i].format = formats[i];
        jobs[i].lang = i % 2 ? "fr" : "en";
        jobs[i].failures = 0;
        jobs[i].expected = analyse(jobs[i].path, jobs[i].format, jobs[i].lang);
        assert_non_null(jobs[i].expected);
    }
    for (int i = 0; i < THREADS; i++)
        assert_int_equal(pthread_create(&threads[i], NULL, work, &jobs[i]), 0);
    for (int i = 0; i < THREADS; i++) {
        assert_int_equal(pthread_join(threads[i], NULL), 0);
        assert_int_equal(jobs[i].failures, 0);
        free(jobs[i].expected);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_threads_share_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
