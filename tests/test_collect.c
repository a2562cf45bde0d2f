/*
 * Answers in: blank templates, answers files read against a portfolio's instrument,
 * collecting them (all or nothing, every problem located), and documents that name a
 * caller's instrument by its id (pf_read_options::instrument). The files are under
 * tests/data/collect/ (generate.py writes answers/); set PF_REGENERATE_GOLDEN=1 to
 * rewrite the golden files there instead of comparing (review the diff before committing).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <dirent.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "test_files.h"

#include <portfolio/portfolio.h>

#include "failing_alloc.h"

#define MINIMAL "../../../examples/data/minimal.yaml"
#define TEAM_PULSE "../../../examples/data/team-pulse.yaml"
#define TEAM_PULSE_INSTRUMENT "../../../examples/data/instruments/team-pulse.yaml"

/* Every test runs in tests/data/collect, so file names in messages are short and exact. */
static int enter_data_dir(void **state)
{
    (void)state;
    return chdir(SOURCE_ROOT "/tests/data/collect");
}

static pf_doc *read_doc(const char *path)
{
    pf_doc *doc = NULL;
    pf_error err;
    if (pf_doc_read_file(path, NULL, &doc, NULL, &err) != PF_OK)
        fail_msg("%s: %s", path, err.message);
    return doc;
}

static char *yaml_of(const pf_doc *doc)
{
    pf_buf b = PF_BUF_INIT;
    assert_int_equal(pf_doc_write_buf(doc, &b, NULL), PF_OK);
    char *copy = strdup(b.data);
    pf_buf_dispose(&b);
    return copy;
}

/* "FILE:LINE:COLUMN: message" of problem i, or "FILE: message" without a position. */
static const char *problem(const pf_diagnostics *d, size_t i)
{
    static char text[PF_ERROR_SOURCE_MAX + PF_ERROR_MESSAGE_MAX + 32];
    const pf_error *e = pf_diagnostics_at(d, i);
    assert_non_null(e);
    if (e->line)
        snprintf(text, sizeof text, "%s:%u:%u: %s", e->source, e->line, e->column, e->message);
    else
        snprintf(text, sizeof text, "%s: %s", e->source, e->message);
    return text;
}

static void assert_summary(const pf_collect_summary *s, size_t files, size_t added, size_t replaced, size_t refused)
{
    assert_int_equal(s->files, files);
    assert_int_equal(s->added, added);
    assert_int_equal(s->replaced, replaced);
    assert_int_equal(s->refused, refused);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* answers/<name> for every file of answers/, sorted. */
static size_t answers_files(char ***out)
{
    DIR *dir = opendir("answers");
    assert_non_null(dir);
    char **names = NULL;
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(dir))) {
        if (e->d_name[0] == '.')
            continue;
        names = realloc(names, (n + 1) * sizeof *names);
        names[n] = malloc(strlen(e->d_name) + 9);
        sprintf(names[n++], "answers/%s", e->d_name);
    }
    closedir(dir);
    qsort(names, n, sizeof *names, by_name);
    *out = names;
    return n;
}

static void free_names(char **names, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

/* ---- collecting ---- */

static void test_forty_answers_files_give_the_expected_document(void **state)
{
    (void)state;
    char **names;
    size_t n = answers_files(&names);
    assert_int_equal(n, 40);
    assert_string_equal(names[3], "answers/r-104.json");
    pf_doc *doc = read_doc(MINIMAL);
    pf_collect_summary sum;
    pf_diagnostics *diags = NULL;
    pf_error err;
    assert_int_equal(pf_diagnostics_new(NULL, &diags), PF_OK);
    assert_int_equal(pf_doc_collect_files(doc, (const char *const *)names, n, NULL, &sum, diags, &err), PF_OK);
    assert_summary(&sum, 40, 40, 0, 0);
    assert_int_equal(pf_diagnostics_count(diags), 0);
    assert_int_equal(pf_doc_assessment_count(doc), 41);
    /* The portfolio's own first, then the files in the order given. */
    assert_string_equal(pf_assessment_respondent(pf_doc_assessment_at(doc, 0)), "r-001");
    for (size_t i = 0; i < 40; i++) {
        char want[16];
        snprintf(want, sizeof want, "r-%zu", 101 + i);
        assert_string_equal(pf_assessment_respondent(pf_doc_assessment_at(doc, i + 1)), want);
        assert_ptr_equal(pf_doc_find_assessment(doc, want), pf_doc_assessment_at(doc, i + 1));
    }
    pf_buf out = PF_BUF_INIT;
    assert_int_equal(pf_doc_write_buf(doc, &out, &err), PF_OK);
    assert_golden("expected.yaml", out.data, out.size);
    /* The result is a valid document, and scores. */
    pf_doc *again = NULL;
    assert_int_equal(pf_doc_read_buffer(out.data, out.size, "expected.yaml", NULL, &again, NULL, &err), PF_OK);
    pf_scores *scores = NULL;
    assert_int_equal(pf_doc_score(again, NULL, &scores, NULL, &err), PF_OK);
    assert_int_equal(pf_scores_count(scores), 41);
    pf_scores_free(scores);
    pf_doc_free(again);
    pf_buf_dispose(&out);
    pf_diagnostics_free(diags);
    pf_doc_free(doc);
    free_names(names, n);
}

static void test_a_known_respondent_is_refused_then_replaced_in_place(void **state)
{
    (void)state;
    pf_doc *doc = read_doc(MINIMAL);
    char *before = yaml_of(doc);
    const char *files[] = { "answers/r-101.yaml", "broken/duplicate.yaml" };
    pf_diagnostics *diags = NULL;
    pf_collect_summary sum;
    pf_error err;
    assert_int_equal(pf_diagnostics_new(NULL, &diags), PF_OK);
    assert_int_equal(pf_doc_collect_files(doc, files, 2, NULL, &sum, diags, &err), PF_EEXISTS);
    assert_summary(&sum, 2, 1, 0, 1);
    assert_int_equal(pf_diagnostics_count(diags), 1);
    assert_string_equal(problem(diags, 0),
                        "broken/duplicate.yaml:8:17: assessments[1].respondent: 'r-001' already has an assessment "
                        "in the portfolio (" MINIMAL ":32:17); collect with replace to replace it");
    assert_string_equal(err.source, "broken/duplicate.yaml");
    assert_int_equal(err.line, 8);
    char *after = yaml_of(doc);
    assert_string_equal(after, before);
    free(after);

    pf_collect_options opts = PF_COLLECT_OPTIONS_INIT;
    opts.replace = true;
    pf_diagnostics_clear(diags);
    assert_int_equal(pf_doc_collect_files(doc, files, 2, &opts, &sum, diags, &err), PF_OK);
    assert_summary(&sum, 2, 2, 1, 0);
    assert_int_equal(pf_diagnostics_count(diags), 0);
    assert_int_equal(pf_doc_assessment_count(doc), 3);
    const pf_assessment *first = pf_doc_assessment_at(doc, 0);
    assert_string_equal(pf_assessment_respondent(first), "r-001"); /* kept its place */
    assert_string_equal(pf_assessment_unit(first), "Digital Team");
    assert_int_equal(pf_assessment_date(first).year, 2026);
    assert_int_equal(pf_assessment_answer_count(first), 2); /* the new answers only */
    pf_answer ans;
    assert_int_equal(pf_assessment_answer(first, "q17", &ans), PF_OK);
    assert_int_equal(ans.choice, PF_CHOICE_YES);
    assert_int_equal(pf_assessment_answer(first, "q2", &ans), PF_ENOTFOUND);
    assert_ptr_equal(pf_doc_find_assessment(doc, "r-001"), first);
    assert_string_equal(pf_assessment_respondent(pf_doc_assessment_at(doc, 1)), "r-101");
    assert_string_equal(pf_assessment_respondent(pf_doc_assessment_at(doc, 2)), "r-205");
    assert_ptr_equal(pf_doc_find_assessment(doc, "r-205"), pf_doc_assessment_at(doc, 2));
    /* Collected again: every respondent is known now. */
    pf_diagnostics_clear(diags);
    assert_int_equal(pf_doc_collect_files(doc, files, 2, NULL, &sum, diags, &err), PF_EEXISTS);
    assert_summary(&sum, 2, 0, 0, 2);
    assert_int_equal(pf_diagnostics_count(diags), 3);
    assert_string_equal(problem(diags, 0), "answers/r-101.yaml:5:17: assessments[0].respondent: 'r-101' already has "
                                           "an assessment in the portfolio (" MINIMAL "); collect with replace to "
                                           "replace it");
    free(before);
    pf_diagnostics_free(diags);
    pf_doc_free(doc);
}

static void test_broken_files_are_refused_with_located_problems(void **state)
{
    (void)state;
    pf_doc *doc = read_doc(MINIMAL);
    char *before = yaml_of(doc);
    const char *files[] = { "answers/r-101.yaml", "broken/syntax.yaml", "broken/unknown-item.yaml",
                            "broken/wrong-instrument.yaml", "broken/projects.yaml", "answers/r-102.yaml",
                            "broken/none.yaml" };
    static const char *const want[] = {
        "broken/syntax.yaml:9:10: YAML syntax error: did not find expected ',' or ']' while parsing a flow sequence "
        "(which began at line 8, column 11)",
        "broken/unknown-item.yaml:9:7: assessments[0].answers: unknown item 'q1.missions' (not in instrument "
        "opsi-pet-2020)",
        "broken/unknown-item.yaml:10:12: assessments[0].answers.q17: unknown value 'maybe' (expected one of: yes, no, "
        "unsure)",
        "broken/wrong-instrument.yaml:2:13: instrument: these answers are to 'team-pulse-2025', but the portfolio's "
        "instrument is 'opsi-pet-2020'",
        "broken/projects.yaml:3:1: organisation: an answers file holds only assessments",
        "broken/projects.yaml:6:1: projects: an answers file holds only assessments",
        "broken/none.yaml: cannot open: No such file or directory",
    };
    pf_diagnostics *diags = NULL;
    pf_collect_summary sum;
    pf_error err;
    assert_int_equal(pf_diagnostics_new(NULL, &diags), PF_OK);
    assert_int_equal(pf_doc_collect_files(doc, files, 7, NULL, &sum, diags, &err), PF_ESYNTAX);
    assert_summary(&sum, 7, 2, 0, 5);
    assert_int_equal(pf_diagnostics_count(diags), sizeof want / sizeof *want);
    for (size_t i = 0; i < sizeof want / sizeof *want; i++)
        assert_string_equal(problem(diags, i), want[i]);
    assert_string_equal(err.message, pf_diagnostics_at(diags, 0)->message);
    char *after = yaml_of(doc);
    assert_string_equal(after, before);
    assert_int_equal(pf_doc_assessment_count(doc), 1);
    free(after);
    free(before);
    /* Without a diagnostics list the first problem still arrives. */
    assert_int_equal(pf_doc_collect_files(doc, files + 6, 1, NULL, NULL, NULL, &err), PF_ENOTFOUND);
    assert_string_equal(err.source, "broken/none.yaml");
    pf_diagnostics_free(diags);
    pf_doc_free(doc);
}

static void test_a_respondent_in_two_files_of_one_call_is_refused(void **state)
{
    (void)state;
    pf_doc *doc = read_doc(MINIMAL);
    const char *files[] = { "answers/r-101.yaml", "answers/r-102.yaml", "broken/again-r-101.json",
                            "answers/r-102.yaml" };
    pf_diagnostics *diags = NULL;
    pf_collect_summary sum;
    pf_error err;
    assert_int_equal(pf_diagnostics_new(NULL, &diags), PF_OK);
    pf_collect_options opts = PF_COLLECT_OPTIONS_INIT;
    opts.replace = true; /* replacing is about the portfolio's respondents, never the call's */
    assert_int_equal(pf_doc_collect_files(doc, files, 4, &opts, &sum, diags, &err), PF_EEXISTS);
    assert_summary(&sum, 4, 2, 0, 2);
    assert_int_equal(pf_diagnostics_count(diags), 2);
    assert_string_equal(problem(diags, 0), "broken/again-r-101.json:5:20: assessments[0].respondent: 'r-101' is "
                                           "also in answers/r-101.yaml:5:17, collected in the same call");
    assert_string_equal(problem(diags, 1), "answers/r-102.yaml:3:17: assessments[0].respondent: 'r-102' is also in "
                                           "answers/r-102.yaml:3:17, collected in the same call");
    assert_int_equal(pf_doc_assessment_count(doc), 1);
    pf_diagnostics_free(diags);
    pf_doc_free(doc);
}

static void test_answers_files_hold_assessments_to_the_instrument(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        pf_status status;
        const char *problem;
    } cases[] = {
        { "portfolio: 1\n", PF_EINVALID, "a.yaml:1:1: missing key 'assessments' in an answers file" },
        { "portfolio: 1\nassessments:\n", PF_EINVALID,
          "a.yaml:2:1: key 'assessments' of an answers file must have a value" },
        { "portfolio: 1\nassessments: []\n", PF_EINVALID,
          "a.yaml:2:14: assessments: an answers file holds at least one assessment" },
        { "portfolio: 1\ntargets: {mission: 1}\nassessments: [{respondent: a}]\n", PF_EINVALID,
          "a.yaml:2:1: targets: an answers file holds only assessments" },
        { "portfolio: 1\ninstrument: x/pulse.yaml\nassessments: [{respondent: a}]\n", PF_EINVALID,
          "a.yaml:2:13: instrument: 'x/pulse.yaml' is a file; an answers file names its instrument by id (the "
          "portfolio's is 'opsi-pet-2020')" },
        { "portfolio: 1\nassessments: [{respondent: a}]\ninstrument: opsi-pet-2020\n", PF_EINVALID,
          "a.yaml:3:13: instrument: must come before 'assessments', whose answers refer to it" },
        { "{\"portfolio\": 1, \"assessments\": [{\"respondent\": \"a\", \"answers\": {\"q17\": \"yes\"}}]}", PF_OK,
          NULL },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        pf_doc *doc = read_doc(MINIMAL);
        pf_diagnostics *diags = NULL;
        pf_collect_summary sum;
        pf_error err;
        assert_int_equal(pf_diagnostics_new(NULL, &diags), PF_OK);
        pf_status s = pf_doc_collect_buffer(doc, cases[i].text, strlen(cases[i].text), "a.yaml", NULL, &sum, diags,
                                            &err);
        if (s != cases[i].status)
            fail_msg("case %zu: status %d (%s)", i, s, s ? err.message : "");
        if (cases[i].problem) {
            assert_int_equal(pf_diagnostics_count(diags), 1);
            assert_string_equal(problem(diags, 0), cases[i].problem);
            assert_summary(&sum, 1, 0, 0, 1);
        } else {
            assert_summary(&sum, 1, 1, 0, 0);
            assert_int_equal(pf_doc_assessment_count(doc), 2);
        }
        pf_diagnostics_free(diags);
        pf_doc_free(doc);
    }
}

static void test_answers_to_a_custom_instrument(void **state)
{
    (void)state;
    pf_doc *doc = read_doc(TEAM_PULSE);
    const char *files[] = { "team-pulse/t-01.yaml", "team-pulse/t-02.json" };
    pf_diagnostics *diags = NULL;
    pf_collect_summary sum;
    pf_error err;
    assert_int_equal(pf_diagnostics_new(NULL, &diags), PF_OK);
    assert_int_equal(pf_doc_collect_files(doc, files, 2, NULL, &sum, diags, &err), PF_EEXISTS);
    assert_summary(&sum, 2, 1, 0, 1);
    assert_string_equal(problem(diags, 0), "team-pulse/t-02.json:13:21: assessments[1].respondent: 'r-002' already "
                                           "has an assessment in the portfolio (" TEAM_PULSE ":34:17); collect with "
                                           "replace to replace it");
    pf_collect_options opts = PF_COLLECT_OPTIONS_INIT;
    opts.replace = true;
    assert_int_equal(pf_doc_collect_files(doc, files, 2, &opts, &sum, NULL, &err), PF_OK);
    assert_summary(&sum, 2, 2, 1, 0);
    static const char *const order[] = { "r-001", "r-002", "r-003", "r-004" };
    assert_int_equal(pf_doc_assessment_count(doc), 4);
    for (size_t i = 0; i < 4; i++)
        assert_string_equal(pf_assessment_respondent(pf_doc_assessment_at(doc, i)), order[i]);
    pf_answer ans;
    assert_int_equal(pf_assessment_answer(pf_doc_assessment_at(doc, 1), "p3", &ans), PF_OK);
    assert_int_equal(ans.option_count, 1);
    assert_string_equal(ans.options[0], "challenge");
    /* The portfolio still names its instrument file, and scores with it. */
    char *text = yaml_of(doc);
    assert_non_null(strstr(text, "\ninstrument: instruments/team-pulse.yaml\n"));
    free(text);
    pf_scores *scores = NULL;
    assert_int_equal(pf_doc_score(doc, NULL, &scores, NULL, &err), PF_OK);
    const pf_assessment_score *r3 = pf_scores_at(scores, 2);
    /* p1 2,3,4,2; p2 ranks responsiveness, impact, efficiency, foresight (4, 2, 1, 0); p3 prototype + scenarios (2 each). */
    assert_true(r3->orientation.raw[PF_FACET_ENHANCEMENT] == 3);
    assert_true(r3->orientation.raw[PF_FACET_MISSION] == 5);
    assert_true(r3->orientation.raw[PF_FACET_ADAPTIVE] == 10);
    assert_true(r3->orientation.raw[PF_FACET_ANTICIPATORY] == 4);
    /* 4 + c1 yes 4 + 3 + 3 + 1 - 2 + 4 */
    assert_true(r3->capability.score == 17);
    pf_scores_free(scores);

    /* Answers to the default instrument, or with no instrument (the default), do not fit. */
    pf_diagnostics_clear(diags);
    const char *others[] = { "team-pulse/default-instrument.yaml", "answers/r-101.yaml" };
    assert_int_equal(pf_doc_collect_files(doc, others, 2, NULL, &sum, diags, &err), PF_EINVALID);
    assert_summary(&sum, 2, 0, 0, 2);
    assert_int_equal(pf_diagnostics_count(diags), 2);
    assert_string_equal(problem(diags, 0), "team-pulse/default-instrument.yaml:2:1: assessments: without "
                                           "'instrument:' these answers are to 'opsi-pet-2020', but the portfolio's "
                                           "instrument is 'team-pulse-2025'");
    assert_string_equal(problem(diags, 1), "answers/r-101.yaml:3:13: instrument: these answers are to "
                                           "'opsi-pet-2020', but the portfolio's instrument is 'team-pulse-2025'");
    assert_int_equal(pf_doc_assessment_count(doc), 4);
    pf_diagnostics_free(diags);
    pf_doc_free(doc);
}

static void test_collect_refuses_bad_arguments(void **state)
{
    (void)state;
    pf_doc *doc = read_doc(MINIMAL);
    pf_error err;
    const char *files[] = { "answers/r-101.yaml", NULL };
    assert_int_equal(pf_doc_collect_files(NULL, files, 1, NULL, NULL, NULL, &err), PF_EARG);
    assert_int_equal(pf_doc_collect_files(doc, NULL, 1, NULL, NULL, NULL, &err), PF_EARG);
    assert_int_equal(pf_doc_collect_files(doc, files, 2, NULL, NULL, NULL, &err), PF_EARG);
    assert_int_equal(pf_doc_collect_buffer(doc, NULL, 3, "x", NULL, NULL, NULL, &err), PF_EARG);
    pf_collect_options opts = PF_COLLECT_OPTIONS_INIT;
    opts.version = 99;
    assert_int_equal(pf_doc_collect_files(doc, files, 1, &opts, NULL, NULL, &err), PF_EARG);
    assert_string_equal(err.message, "unknown pf_collect_options version 99");
    pf_read_options ro = PF_READ_OPTIONS_INIT;
    ro.version = 7;
    opts.version = PF_COLLECT_OPTIONS_VERSION;
    opts.read = &ro;
    assert_int_equal(pf_doc_collect_files(doc, files, 1, &opts, NULL, NULL, &err), PF_EARG);
    /* The read options' limits apply to answers files. */
    ro.version = PF_READ_OPTIONS_VERSION;
    ro.max_bytes = 100;
    assert_int_equal(pf_doc_collect_files(doc, files, 1, &opts, NULL, NULL, &err), PF_ELIMIT);
    assert_string_equal(err.source, "answers/r-101.yaml");
    /* Nothing to collect is no change. */
    pf_collect_summary sum;
    assert_int_equal(pf_doc_collect_files(doc, NULL, 0, NULL, &sum, NULL, &err), PF_OK);
    assert_summary(&sum, 0, 0, 0, 0);
    assert_int_equal(pf_doc_assessment_count(doc), 1);
    pf_doc_free(doc);
}

/* ---- documents naming a caller's instrument ---- */

static pf_instrument *team_pulse(void)
{
    pf_instrument *inst = NULL;
    pf_error err;
    if (pf_instrument_read_file(TEAM_PULSE_INSTRUMENT, NULL, &inst, NULL, &err) != PF_OK)
        fail_msg("%s", err.message);
    return inst;
}

static void test_documents_name_the_callers_instrument_by_id(void **state)
{
    (void)state;
    static const char text[] = "portfolio: 1\ninstrument: team-pulse-2025\nassessments:\n"
                               "  - respondent: r-1\n    answers:\n      c1: yes\n      p2: [impact, efficiency, "
                               "foresight, responsiveness]\n";
    pf_instrument *inst = team_pulse();
    pf_read_options ro = PF_READ_OPTIONS_INIT;
    ro.instrument = inst;
    pf_doc *doc = NULL;
    pf_error err;
    assert_int_equal(pf_doc_read_buffer(text, strlen(text), "t.yaml", &ro, &doc, NULL, &err), PF_OK);
    assert_ptr_equal(pf_doc_instrument(doc), inst); /* shared, not copied */
    assert_null(pf_doc_instrument_path(doc));
    /* The caller may let go first: the document keeps the instrument alive. */
    pf_instrument_free(inst);
    char *yaml = yaml_of(doc);
    assert_string_equal(yaml, "portfolio: 1\ninstrument: team-pulse-2025\nassessments:\n- respondent: r-1\n"
                              "  answers:\n    p2: [impact, efficiency, foresight, responsiveness]\n    c1: yes\n");
    free(yaml);
    pf_scores *scores = NULL;
    assert_int_equal(pf_doc_score(doc, NULL, &scores, NULL, &err), PF_OK);
    assert_true(pf_scores_at(scores, 0)->capability.score == 8);
    pf_scores_free(scores);
    pf_doc_free(doc);

    /* Without it the id is unknown; a document without `instrument:` keeps the default. */
    doc = NULL;
    assert_int_equal(pf_doc_read_buffer(text, strlen(text), "t.yaml", NULL, &doc, NULL, &err), PF_EINVALID);
    assert_string_equal(err.message, "instrument: 'team-pulse-2025' is not a known instrument (known: opsi-pet-2020)");
    inst = team_pulse();
    ro.instrument = inst;
    static const char plain[] = "portfolio: 1\nassessments: [{respondent: a, answers: {q17: yes}}]\n";
    assert_int_equal(pf_doc_read_buffer(plain, strlen(plain), "t.yaml", &ro, &doc, NULL, &err), PF_OK);
    assert_string_equal(pf_doc_instrument_id(doc), PF_DEFAULT_INSTRUMENT);
    pf_doc_free(doc);
    pf_instrument_free(inst);
}

static void test_an_instrument_id_that_looks_like_a_file(void **state)
{
    (void)state;
    size_t len = 0;
    char *source = slurp(TEAM_PULSE_INSTRUMENT, &len);
    assert_non_null(source);
    char *id = strstr(source, "id: team-pulse-2025");
    assert_non_null(id);
    memcpy(id, "id: pulse/2025.yaml", 19); /* same length; '/' is no id character, so: */
    pf_instrument *inst = NULL;
    pf_error err;
    assert_int_equal(pf_instrument_read_buffer(source, len, "i.yaml", NULL, &inst, NULL, &err), PF_EINVALID);
    memcpy(id, "id: pulse-2025.yaml", 19);
    assert_int_equal(pf_instrument_read_buffer(source, len, "i.yaml", NULL, &inst, NULL, &err), PF_OK);
    pf_read_options ro = PF_READ_OPTIONS_INIT;
    ro.instrument = inst;
    static const char text[] = "portfolio: 1\ninstrument: pulse-2025.yaml\nassessments: [{respondent: a, answers: "
                               "{c1: no}}]\n";
    pf_doc *doc = NULL;
    /* The caller's instrument is looked for before the value is taken for a file name. */
    assert_int_equal(pf_doc_read_buffer(text, strlen(text), "t.yaml", &ro, &doc, NULL, &err), PF_OK);
    assert_ptr_equal(pf_doc_instrument(doc), inst);
    pf_doc_free(doc);
    pf_instrument_free(inst);
    free(source);
}

/* The layout of pf_read_options version 1, which ended before `instrument`. */
typedef struct read_options_v1 {
    unsigned version;
    size_t max_bytes, max_depth, max_string, max_items, max_diagnostics;
    pf_allocator allocator;
} read_options_v1;

static void test_version_1_read_options_are_still_read(void **state)
{
    (void)state;
    assert_int_equal(sizeof(read_options_v1), offsetof(pf_read_options, instrument));
    /* Exactly the size of a version-1 struct on the heap, so reading past it shows under valgrind and ASan. */
    read_options_v1 *v1 = calloc(1, sizeof *v1);
    v1->version = 1;
    v1->max_depth = 2;
    pf_doc *doc = NULL;
    pf_error err;
    assert_int_equal(pf_doc_read_file(MINIMAL, (const pf_read_options *)v1, &doc, NULL, &err), PF_ELIMIT);
    v1->max_depth = 0;
    assert_int_equal(pf_doc_read_file(MINIMAL, (const pf_read_options *)v1, &doc, NULL, &err), PF_OK);
    pf_doc_free(doc);
    pf_instrument *inst = NULL;
    assert_int_equal(pf_instrument_read_file(TEAM_PULSE_INSTRUMENT, (const pf_read_options *)v1, &inst, NULL, &err),
                     PF_OK);
    pf_instrument_free(inst);
    free(v1);
    pf_read_options next = PF_READ_OPTIONS_INIT;
    next.version = PF_READ_OPTIONS_VERSION + 1;
    assert_int_equal(pf_doc_read_file(MINIMAL, &next, &doc, NULL, &err), PF_EARG);
    assert_string_equal(err.message, "unknown pf_read_options version 4");
}

/* Documents sharing one instrument are read, scored and freed on several threads at once. */
typedef struct share_job {
    const pf_read_options *ro;
    int failures;
} share_job;

static void *share_work(void *arg)
{
    share_job *j = arg;
    static const char text[] = "portfolio: 1\ninstrument: team-pulse-2025\nassessments: [{respondent: a, answers: "
                               "{c1: yes, c2.review: 4}}]\n";
    for (int round = 0; round < 50; round++) {
        pf_doc *doc = NULL;
        pf_scores *scores = NULL;
        if (pf_doc_read_buffer(text, strlen(text), "t.yaml", j->ro, &doc, NULL, NULL) != PF_OK ||
            pf_doc_score(doc, NULL, &scores, NULL, NULL) != PF_OK || pf_scores_at(scores, 0)->capability.score != 12)
            j->failures++;
        pf_scores_free(scores);
        pf_doc_free(doc);
    }
    return NULL;
}

static void test_a_shared_instrument_is_freed_once_by_the_last_thread(void **state)
{
    (void)state;
    enum { THREADS = 4 };
    pf_instrument *inst = team_pulse();
    pf_read_options ro = PF_READ_OPTIONS_INIT;
    ro.instrument = inst;
    share_job jobs[THREADS];
    pthread_t threads[THREADS];
    pf_doc *held = NULL;
    static const char text[] = "portfolio: 1\ninstrument: team-pulse-2025\n";
    assert_int_equal(pf_doc_read_buffer(text, strlen(text), "t.yaml", &ro, &held, NULL, NULL), PF_OK);
    for (int i = 0; i < THREADS; i++) {
        jobs[i].ro = &ro;
        jobs[i].failures = 0;
        assert_int_equal(pthread_create(&threads[i], NULL, share_work, &jobs[i]), 0);
    }
    for (int i = 0; i < THREADS; i++) {
        assert_int_equal(pthread_join(threads[i], NULL), 0);
        assert_int_equal(jobs[i].failures, 0);
    }
    pf_instrument_free(inst);
    assert_string_equal(pf_instrument_id(pf_doc_instrument(held)), "team-pulse-2025");
    pf_doc_free(held); /* the last hold: valgrind shows the instrument freed once */
}

/* ---- templates ---- */

static pf_instrument *default_instrument(void)
{
    pf_instrument *inst = NULL;
    assert_int_equal(pf_instrument_open_default(NULL, &inst, NULL), PF_OK);
    return inst;
}

static char *template_of(const pf_instrument *inst, const char *lang)
{
    pf_template_options o = PF_TEMPLATE_OPTIONS_INIT;
    o.lang = lang;
    pf_buf b = PF_BUF_INIT;
    pf_error err;
    assert_int_equal(pf_instrument_template(inst, &o, &b, &err), PF_OK);
    char *copy = strdup(b.data);
    pf_buf_dispose(&b);
    return copy;
}

static void assert_template_golden(const pf_instrument *inst, const char *lang, const char *path)
{
    pf_template_options o = PF_TEMPLATE_OPTIONS_INIT;
    o.lang = lang;
    pf_buf b = PF_BUF_INIT;
    assert_int_equal(pf_instrument_template(inst, &o, &b, NULL), PF_OK);
    assert_golden(path, b.data, b.size);
    /* 80 columns, counted in characters. */
    size_t col = 0;
    for (size_t i = 0; i < b.size; i++) {
        if (b.data[i] == '\n')
            col = 0;
        else if (((unsigned char)b.data[i] & 0xC0) != 0x80 && ++col > 80)
            fail_msg("%s: a line is longer than 80 columns", path);
    }
    pf_buf_dispose(&b);
}

static void test_templates_golden(void **state)
{
    (void)state;
    pf_instrument *def = default_instrument(), *pulse = team_pulse();
    assert_template_golden(def, NULL, "template-opsi-pet-2020.yaml");
    assert_template_golden(def, "fr", "template-opsi-pet-2020-fr.yaml");
    assert_template_golden(pulse, "en", "template-team-pulse.yaml");
    assert_template_golden(pulse, "fr", "template-team-pulse-fr.yaml");
    /* Other languages: the notes in English. */
    char *en = template_of(pulse, NULL), *de = template_of(pulse, "de");
    assert_string_equal(de, en);
    free(en);
    free(de);
    pf_buf b = PF_BUF_INIT;
    pf_error err;
    assert_int_equal(pf_instrument_template(NULL, NULL, &b, &err), PF_EARG);
    pf_template_options bad = PF_TEMPLATE_OPTIONS_INIT;
    bad.version = 2;
    assert_int_equal(pf_instrument_template(def, &bad, &b, &err), PF_EARG);
    assert_string_equal(err.message, "unknown pf_template_options version 2");
    pf_instrument_free(def);
    pf_instrument_free(pulse);
}

/* The answer a filled template gives each answer id: 3, yes, the options reversed, the first option. */
static void answer_for(const pf_instrument *inst, const char *id, char *out, size_t cap)
{
    for (size_t q = 0; q < pf_instrument_question_count(inst); q++) {
        pf_question_info qi;
        assert_int_equal(pf_instrument_question_at(inst, q, &qi), PF_OK);
        for (size_t k = 0; k < qi.item_count; k++) {
            pf_item_info item;
            assert_int_equal(pf_instrument_item_at(inst, q, k, &item), PF_OK);
            if (strcmp(item.id, id) == 0) {
                snprintf(out, cap, "%s", item.form == PF_FORM_YES_NO ? "yes" : "3");
                return;
            }
        }
        if (qi.item_count || strcmp(qi.id, id) != 0)
            continue;
        size_t used = (size_t)snprintf(out, cap, "[");
        for (size_t k = 0; k < qi.option_count; k++) {
            pf_option_info o;
            size_t index = qi.form == PF_FORM_RANK ? qi.option_count - 1 - k : k;
            assert_int_equal(pf_instrument_option_at(inst, q, index, &o), PF_OK);
            used += (size_t)snprintf(out + used, cap - used, "%s%s", k ? ", " : "", o.id);
            if (qi.form == PF_FORM_MULTI)
                break;
        }
        snprintf(out + used, cap - used, "]");
        return;
    }
    fail_msg("the template has an id the instrument does not: %s", id);
}

/* Replaces each empty value of a template as a respondent would, counting the answers filled. */
static char *fill(const pf_instrument *inst, const char *tpl, size_t *answers)
{
    size_t cap = strlen(tpl) * 2 + 4096, used = 0;
    char *out = malloc(cap);
    *answers = 0;
    for (const char *line = tpl; *line;) {
        const char *end = strchr(line, '\n');
        size_t len = (size_t)(end - line);
        char id[256];
        if (strncmp(line, "  - respondent:", 15) == 0) {
            used += (size_t)sprintf(out + used, "  - respondent: r-900\n");
        } else if (strncmp(line, "    role:", 9) == 0) {
            used += (size_t)sprintf(out + used, "    role: team\n");
        } else if (strncmp(line, "    unit:", 9) == 0) {
            used += (size_t)sprintf(out + used, "    unit: Filled in by a test\n");
        } else if (strncmp(line, "    date:", 9) == 0) {
            used += (size_t)sprintf(out + used, "    date: 2026-12-24\n");
        } else if (len > 7 && strncmp(line, "      ", 6) == 0 && line[6] != '#' && line[6] != ' ' &&
                   line[len - 1] == ':' && len - 7 < sizeof id) {
            char value[1024];
            memcpy(id, line + 6, len - 7);
            id[len - 7] = '\0';
            answer_for(inst, id, value, sizeof value);
            used += (size_t)sprintf(out + used, "      %s: %s\n", id, value);
            ++*answers;
        } else {
            memcpy(out + used, line, len + 1);
            used += len + 1;
        }
        line = end + 1;
    }
    out[used] = '\0';
    return out;
}

static pf_doc *read_template(const char *text, const pf_instrument *inst, pf_diagnostics *diags, pf_status want)
{
    pf_read_options ro = PF_READ_OPTIONS_INIT;
    ro.instrument = inst;
    pf_doc *doc = NULL;
    pf_error err;
    pf_status s = pf_doc_read_buffer(text, strlen(text), "t.yaml", &ro, &doc, diags, &err);
    if (s != want)
        fail_msg("status %d, expected %d: %s", s, want, s ? err.message : "");
    return doc;
}

static void test_a_filled_template_validates_and_scores(void **state)
{
    (void)state;
    pf_instrument *insts[] = { default_instrument(), team_pulse() };
    for (int k = 0; k < 2; k++) {
        const pf_instrument *inst = insts[k];
        char *blank = template_of(inst, k ? "fr" : NULL);
        /* Blank, the only problem is the respondent it needs. */
        pf_diagnostics *diags = NULL;
        assert_int_equal(pf_diagnostics_new(NULL, &diags), PF_OK);
        assert_null(read_template(blank, inst, diags, PF_EINVALID));
        assert_int_equal(pf_diagnostics_count(diags), 1);
        unsigned line = 1;
        for (const char *p = blank; p < strstr(blank, "  - respondent:"); p++)
            line += *p == '\n';
        char expected[128];
        snprintf(expected, sizeof expected,
                 "t.yaml:%u:5: assessments[0]: key 'respondent' of an assessment must have a value", line);
        assert_string_equal(problem(diags, 0), expected);
        assert_int_equal(line, k ? 7 : 8);
        pf_diagnostics_free(diags);

        size_t answers;
        char *filled = fill(inst, blank, &answers);
        pf_doc *doc = read_template(filled, inst, NULL, PF_OK);
        const pf_assessment *a = pf_doc_assessment_at(doc, 0);
        assert_string_equal(pf_assessment_respondent(a), "r-900");
        assert_int_equal(pf_assessment_role(a), PF_ROLE_TEAM);
        assert_int_equal(pf_assessment_answer_count(a), answers);
        assert_int_equal(answers, k ? 12 : 72); /* every answer id of the instrument */

        /* The same answers given through the API score the same. */
        pf_doc *built = NULL;
        pf_doc_options dopts = PF_DOC_OPTIONS_INIT;
        assert_int_equal(pf_doc_new(&dopts, &built, NULL), PF_OK);
        if (k)
            assert_int_equal(pf_doc_set_instrument_file(built, TEAM_PULSE_INSTRUMENT, NULL, NULL), PF_OK);
        pf_assessment *b = NULL;
        assert_int_equal(pf_doc_add_assessment(built, "r-900", &b, NULL), PF_OK);
        assert_int_equal(pf_assessment_set_role(b, PF_ROLE_TEAM, NULL), PF_OK);
        for (size_t i = 0; i < pf_assessment_answer_count(a); i++) {
            pf_answer ans;
            assert_int_equal(pf_assessment_answer_at(a, i, &ans), PF_OK);
            if (ans.form == PF_FORM_YES_NO)
                assert_int_equal(pf_assessment_set_choice(b, ans.id, ans.choice, NULL), PF_OK);
            else if (ans.form == PF_FORM_RANK || ans.form == PF_FORM_MULTI)
                assert_int_equal(pf_assessment_set_options(b, ans.id, ans.options, ans.option_count, NULL), PF_OK);
            else
                assert_int_equal(pf_assessment_set_agreement(b, ans.id, 3, NULL), PF_OK);
        }
        pf_scores *got = NULL, *want = NULL;
        pf_buf gj = PF_BUF_INIT, wj = PF_BUF_INIT;
        assert_int_equal(pf_doc_score(doc, NULL, &got, NULL, NULL), PF_OK);
        assert_int_equal(pf_doc_score(built, NULL, &want, NULL, NULL), PF_OK);
        assert_int_equal(pf_scores_write_json(got, true, &gj, NULL), PF_OK);
        assert_int_equal(pf_scores_write_json(want, true, &wj, NULL), PF_OK);
        assert_string_equal(gj.data, wj.data);
        const pf_assessment_score *sc = pf_scores_at(got, 0);
        if (k) {
            /* team-pulse: p1 3 each; p2 foresight, responsiveness, impact, efficiency (4, 2, 1, 0); p3 automation (2). */
            assert_true(sc->orientation.raw[PF_FACET_ENHANCEMENT] == 5);
            assert_true(sc->orientation.raw[PF_FACET_MISSION] == 4);
            assert_true(sc->orientation.raw[PF_FACET_ADAPTIVE] == 5);
            assert_true(sc->orientation.raw[PF_FACET_ANTICIPATORY] == 7);
            assert_true(sc->orientation.pct[PF_FACET_ANTICIPATORY] == 70);
            assert_true(sc->capability.score == 17); /* 4 + yes 4 + 3 + 3 + 3 - 3 + 3 */
        }
        assert_true(sc->completeness == 1);
        pf_buf_dispose(&gj);
        pf_buf_dispose(&wj);
        pf_scores_free(got);
        pf_scores_free(want);
        pf_doc_free(built);
        pf_doc_free(doc);
        free(filled);
        free(blank);
    }
    pf_instrument_free(insts[0]);
    pf_instrument_free(insts[1]);
}

/* An instrument whose texts try to break out of their comments. */
static const char hostile[] =
    "instrument: 1\n"
    "id: hostile\n"
    "title: \"Line one\\nportfolio: 2\\r\\nsecond\\u2028third\\u2029fourth\\x85fifth\"\n"
    "scoring: {pet_scale: 1, capability_base: 0, capability_levels: {medium: 1, high: 2}}\n"
    "questions:\n"
    "  - id: h1\n"
    "    part: orientation\n"
    "    form: agree\n"
    "    text: \"Tabs\\tand\\x7fcontrols\\x01\\u0080and\\uFFFE\\uFFFFnon-characters\\n\\n\\nx: 1\"\n"
    "    items:\n"
    "      - {id: h1.a, facet: enhancement, text: \"\\n# q: 1\\nh1.b: 4\"}\n"
    "      - {id: h1.b, facet: mission, text: \"" /* one word longer than a line */
    "Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa and more\"}\n"
    "      - {id: h1.c, facet: adaptive, text: \"\\t \\u0085 \"}\n"
    "      - {id: h1.d, facet: anticipatory, text: \"é\"}\n"
    "  - id: h2\n"
    "    part: orientation\n"
    "    form: multi\n"
    "    text: \"Multi\\nline\"\n"
    "    options:\n"
    "      - {id: a-very-long-option-identifier-that-pushes-texts-below, facet: mission, points: 1, "
    "text: \"Below\\nits id\"}\n"
    "      - {id: b, facet: adaptive, points: 1, text: \"x\\ny\"}\n"
    "  - id: h3\n"
    "    part: capability\n"
    "    form: agree\n"
    "    text: Capability\n"
    "    items:\n"
    "      - {id: h3.a, dimension: sense-making, text: a}\n"
    "      - {id: h3.b, dimension: stewardship, text: b}\n"
    "      - {id: h3.c, dimension: structures, text: c}\n"
    "      - {id: h3.d, dimension: resources, text: d}\n"
    "      - {id: h3.e, dimension: learning, text: e}\n"
    "      - {id: h3.f, dimension: ecosystem, text: f}\n";

static void test_hostile_texts_stay_inside_their_comments(void **state)
{
    (void)state;
    pf_instrument *inst = NULL;
    pf_error err;
    if (pf_instrument_read_buffer(hostile, sizeof hostile - 1, "hostile.yaml", NULL, &inst, NULL, &err) != PF_OK)
        fail_msg("%s:%u:%u: %s", err.source, err.line, err.column, err.message);
    char *text = template_of(inst, NULL);
    static const char want[] =
        "# Line one\n"
        "# portfolio: 2\n"
        "# second\n"
        "# third\n"
        "# fourth\n"
        "# fifth\n"
        "# Write each answer after its colon and leave blank what you do not answer.\n"
        "# Lines that begin with # are notes.\n"
        "portfolio: 1\n"
        "instrument: hostile\n"
        "assessments:\n"
        "  - respondent:      # required: a pseudonym such as r-017, never your name\n"
        "    role:            # individual, team, senior-management, steward, external\n"
        "    unit:            # the part of the organisation you belong to\n"
        "    date:            # the day you answer, as YYYY-MM-DD\n"
        "    answers:\n"
        "\n"
        "      # Question 1 (h1): Tabs and controls and non-characters\n"
        "      # x: 1\n"
        "      # 0 = strongly disagree, 1 = disagree, 2 = neither agree nor disagree,\n"
        "      # 3 = agree, 4 = strongly agree\n"
        "      # # q: 1\n"
        "      # h1.b: 4\n"
        "      h1.a:\n"
        "      # "
        "Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n"
        "      # and more\n"
        "      h1.b:\n"
        "      #\n"
        "      h1.c:\n"
        "      # é\n"
        "      h1.d:\n"
        "\n"
        "      # Question 2 (h2): Multi\n"
        "      # line\n"
        "      # Any of these option ids in brackets, or [none]:\n"
        "      #   a-very-long-option-identifier-that-pushes-texts-below\n"
        "      #       Below\n"
        "      #       its id\n"
        "      #   b\n"
        "      #       x\n"
        "      #       y\n"
        "      h2:\n"
        "\n"
        "      # Question 3 (h3): Capability\n"
        "      # 0 = strongly disagree, 1 = disagree, 2 = neither agree nor disagree,\n"
        "      # 3 = agree, 4 = strongly agree\n"
        "      # a\n"
        "      h3.a:\n"
        "      # b\n"
        "      h3.b:\n"
        "      # c\n"
        "      h3.c:\n"
        "      # d\n"
        "      h3.d:\n"
        "      # e\n"
        "      h3.e:\n"
        "      # f\n"
        "      h3.f:\n";
    assert_string_equal(text, want);
    /* Read back, it is the template it looks like: only the respondent is missing. */
    pf_diagnostics *diags = NULL;
    assert_int_equal(pf_diagnostics_new(NULL, &diags), PF_OK);
    assert_null(read_template(text, inst, diags, PF_EINVALID));
    assert_int_equal(pf_diagnostics_count(diags), 1);
    assert_string_equal(problem(diags, 0), "t.yaml:12:5: assessments[0]: key 'respondent' of an assessment must have a "
                                           "value");
    pf_diagnostics_free(diags);
    size_t answers;
    char *filled = fill(inst, text, &answers);
    assert_int_equal(answers, 11);
    pf_doc *doc = read_template(filled, inst, NULL, PF_OK);
    assert_int_equal(pf_assessment_answer_count(pf_doc_assessment_at(doc, 0)), 11);
    pf_doc_free(doc);
    free(filled);
    free(text);
    pf_instrument_free(inst);
}

/* ---- memory ---- */

static void test_every_allocation_failure_leaves_the_portfolio_as_it_was(void **state)
{
    (void)state;
    const char *files[] = { "answers/r-101.yaml", "broken/duplicate.yaml", "answers/r-104.json" };
    failing_alloc f = { 0 };
    pf_allocator a = failing_alloc_allocator(&f);
    pf_read_options ro = PF_READ_OPTIONS_INIT;
    ro.allocator = a;
    pf_collect_options opts = PF_COLLECT_OPTIONS_INIT;
    opts.replace = true;
    long n = 1;
    for (;; n++) {
        pf_doc *doc = NULL;
        pf_error err;
        assert_int_equal(pf_doc_read_file(MINIMAL, &ro, &doc, NULL, &err), PF_OK);
        char *before = yaml_of(doc);
        pf_diagnostics *diags = NULL;
        assert_int_equal(pf_diagnostics_new(&a, &diags), PF_OK);
        pf_collect_summary sum;
        failing_alloc_arm(&f, n);
        pf_status s = pf_doc_collect_files(doc, files, 3, &opts, &sum, diags, &err);
        bool done = failing_alloc_walk_done(&f, s, PF_OK, &err, "collect", n);
        char *after = yaml_of(doc);
        if (done) {
            assert_summary(&sum, 3, 3, 1, 0);
            assert_int_equal(pf_doc_assessment_count(doc), 4);
        } else {
            assert_string_equal(after, before);
        }
        free(after);
        free(before);
        pf_diagnostics_free(diags);
        pf_doc_free(doc);
        assert_int_equal(f.live, 0); /* nothing leaked through the allocator */
        if (done)
            break;
    }
    assert_true(n > 30);

    /* Templates too. */
    pf_instrument *inst = NULL;
    assert_int_equal(pf_instrument_open_default(&a, &inst, NULL), PF_OK);
    for (n = 1;; n++) {
        pf_buf b = PF_BUF_INIT;
        pf_error err;
        long before = f.live;
        failing_alloc_arm(&f, n);
        pf_status s = pf_instrument_template(inst, NULL, &b, &err);
        if (failing_alloc_walk_done(&f, s, PF_OK, &err, "template", n)) {
            pf_buf_dispose(&b);
            break;
        }
        assert_null(b.data);
        assert_int_equal(f.live, before);
    }
    assert_true(n > 3);
    pf_instrument_free(inst);
    assert_int_equal(f.live, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_forty_answers_files_give_the_expected_document),
        cmocka_unit_test(test_a_known_respondent_is_refused_then_replaced_in_place),
        cmocka_unit_test(test_broken_files_are_refused_with_located_problems),
        cmocka_unit_test(test_a_respondent_in_two_files_of_one_call_is_refused),
        cmocka_unit_test(test_answers_files_hold_assessments_to_the_instrument),
        cmocka_unit_test(test_answers_to_a_custom_instrument),
        cmocka_unit_test(test_collect_refuses_bad_arguments),
        cmocka_unit_test(test_documents_name_the_callers_instrument_by_id),
        cmocka_unit_test(test_an_instrument_id_that_looks_like_a_file),
        cmocka_unit_test(test_version_1_read_options_are_still_read),
        cmocka_unit_test(test_a_shared_instrument_is_freed_once_by_the_last_thread),
        cmocka_unit_test(test_templates_golden),
        cmocka_unit_test(test_a_filled_template_validates_and_scores),
        cmocka_unit_test(test_hostile_texts_stay_inside_their_comments),
        cmocka_unit_test(test_every_allocation_failure_leaves_the_portfolio_as_it_was),
    };
    return cmocka_run_group_tests(tests, enter_data_dir, NULL);
}
