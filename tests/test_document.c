/* Reading and writing documents: examples, round trips, positions, limits, locale. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include <portfolio/portfolio.h>

#include "failing_alloc.h"

static const char *const examples[] = { "environment-agency.yaml", "university-city.yaml", "minimal.yaml" };

static char *example_path(const char *name)
{
    static char path[4096];
    snprintf(path, sizeof path, "%s/examples/data/%s", SOURCE_ROOT, name);
    return path;
}

static pf_doc *read_text(const char *text, pf_error *err)
{
    pf_doc *doc = NULL;
    pf_status s = pf_doc_read_buffer(text, strlen(text), "t.yaml", NULL, &doc, NULL, err);
    assert_true(s == PF_OK || doc == NULL);
    return doc;
}

static void test_examples_read_with_their_content(void **state)
{
    (void)state;
    pf_doc *doc = NULL;
    pf_error err;
    assert_int_equal(pf_doc_read_file(example_path("environment-agency.yaml"), NULL, &doc, NULL, &err), PF_OK);
    const pf_org *org = pf_doc_org_const(doc);
    assert_string_equal(pf_org_name(org), "Environment and Rivers Agency");
    assert_string_equal(pf_org_country(org), "GB");
    assert_int_equal(pf_org_level(org), PF_GOV_LEVEL_NATIONAL);
    assert_int_equal(pf_org_people(org), 1900);
    assert_true(pf_org_sectors(org) & (1u << PF_SECTOR_ENVIRONMENTAL));
    assert_int_equal(pf_doc_project_count(doc), 27);
    assert_int_equal(pf_doc_assessment_count(doc), 10);
    for (size_t i = 0; i < pf_doc_assessment_count(doc); i++)
        assert_int_equal(pf_assessment_answer_count(pf_doc_assessment_at(doc, i)), 72);
    double t[4];
    assert_true(pf_doc_targets(doc, t));
    assert_true(t[PF_FACET_ANTICIPATORY] == 0.30);
    pf_project *p = pf_doc_find_project(doc, "flood-ml");
    assert_non_null(p);
    double w[4];
    assert_true(pf_project_facet_weights(p, w));
    pf_doc_free(doc);
}

static void round_trip(const char *path)
{
    pf_doc *a = NULL, *b = NULL;
    pf_error err;
    pf_buf first = PF_BUF_INIT, second = PF_BUF_INIT;
    assert_int_equal(pf_doc_read_file(path, NULL, &a, NULL, &err), PF_OK);
    assert_int_equal(pf_doc_write_buf(a, &first, &err), PF_OK);
    assert_int_equal(pf_doc_read_buffer(first.data, first.size, "written", NULL, &b, NULL, &err), PF_OK);
    assert_int_equal(pf_doc_write_buf(b, &second, &err), PF_OK);
    assert_int_equal(first.size, second.size);
    assert_memory_equal(first.data, second.data, first.size);
    assert_int_equal(pf_doc_project_count(a), pf_doc_project_count(b));
    assert_int_equal(pf_doc_assessment_count(a), pf_doc_assessment_count(b));
    pf_buf_dispose(&first);
    pf_buf_dispose(&second);
    pf_doc_free(a);
    pf_doc_free(b);
}

static void test_examples_round_trip(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof examples / sizeof *examples; i++)
        round_trip(example_path(examples[i]));
}

/* The canonical layout, byte for byte, for a document built through the API. */
static void test_write_canonical_layout(void **state)
{
    (void)state;
    pf_doc *doc;
    pf_project *p, *q;
    pf_assessment *a;
    pf_buf out = PF_BUF_INIT;
    assert_int_equal(pf_doc_new(NULL, &doc, NULL), PF_OK);
    pf_org *org = pf_doc_org(doc);
    assert_int_equal(pf_org_set_name(org, "Ville de Lyon: \"équipe\"", NULL), PF_OK);
    assert_int_equal(pf_org_set_country(org, "NO", NULL), PF_OK);
    assert_int_equal(pf_org_set_sectors(org, (1u << PF_SECTOR_TRANSPORT) | (1u << PF_SECTOR_HEALTH), NULL), PF_OK);
    double targets[4] = { 0.4, 0.2, 0.15, 0.25 };
    assert_int_equal(pf_doc_set_targets(doc, targets, NULL), PF_OK);
    assert_int_equal(pf_doc_add_project(doc, "p1", &p, NULL), PF_OK);
    assert_int_equal(pf_project_set_title(p, "yes", NULL), PF_OK);
    assert_int_equal(pf_project_set_unit(p, "2024", NULL), PF_OK);
    assert_int_equal(pf_project_set_purpose(p, PF_PURPOSE_ALL, NULL), PF_OK);
    assert_int_equal(pf_project_set_driver(p, PF_FACET_ADAPTIVE, NULL), PF_OK);
    assert_int_equal(pf_project_set_budget(p, 1234567.5, NULL), PF_OK);
    assert_int_equal(pf_project_set_fte(p, 0.1, NULL), PF_OK);
    pf_date start = { 2024, 4, 1 };
    assert_int_equal(pf_project_set_start(p, start, NULL), PF_OK);
    assert_int_equal(pf_project_add_tag(p, "data", NULL), PF_OK);
    assert_int_equal(pf_project_add_tag(p, "open data", NULL), PF_OK);
    assert_int_equal(pf_doc_add_project(doc, "p2", &q, NULL), PF_OK);
    double w[4] = { 0, 0.3, 0, 0.7 };
    assert_int_equal(pf_project_set_facet_weights(q, w, NULL), PF_OK);
    assert_int_equal(pf_project_add_link(q, "p1", PF_LINK_DEPENDENCY, NULL), PF_OK);
    assert_int_equal(pf_doc_add_assessment(doc, "r1", &a, NULL), PF_OK);
    assert_int_equal(pf_assessment_set_role(a, PF_ROLE_TEAM, NULL), PF_OK);
    assert_int_equal(pf_assessment_set_choice(a, "q17", PF_CHOICE_YES, NULL), PF_OK);
    assert_int_equal(pf_assessment_set_agreement(a, "q1.adaptive", 4, NULL), PF_OK);
    const char *none[] = { "none" };
    assert_int_equal(pf_assessment_set_options(a, "q15", none, 1, NULL), PF_OK);
    assert_int_equal(pf_doc_write_buf(doc, &out, NULL), PF_OK);
    const char *expected = "portfolio: 1\n"
                           "organisation:\n"
                           "  name: 'Ville de Lyon: \"équipe\"'\n"
                           "  country: \"NO\"\n"
                           "  sectors: [health, transport]\n"
                           "instrument: opsi-pet-2020\n"
                           "targets:\n"
                           "  enhancement: 0.4\n"
                           "  mission: 0.2\n"
                           "  adaptive: 0.15\n"
                           "  anticipatory: 0.25\n"
                           "projects:\n"
                           "- id: p1\n"
                           "  title: \"yes\"\n"
                           "  unit: \"2024\"\n"
                           "  purpose: all\n"
                           "  driver: adaptive\n"
                           "  budget: 1234567.5\n"
                           "  fte: 0.1\n"
                           "  start: 2024-04-01\n"
                           "  tags: [data, open data]\n"
                           "- id: p2\n"
                           "  facets: {mission: 0.3, anticipatory: 0.7}\n"
                           "  links:\n"
                           "  - {to: p1, kind: dependency}\n"
                           "assessments:\n"
                           "- respondent: r1\n"
                           "  role: team\n"
                           "  answers:\n"
                           "    q1.adaptive: 4\n"
                           "    q15: [none]\n"
                           "    q17: yes\n";
    assert_string_equal(out.data, expected);
    assert_int_equal(out.size, strlen(expected));
    pf_buf_dispose(&out);
    pf_doc_free(doc);
}

static void test_numbers_ignore_the_locale(void **state)
{
    (void)state;
    /* A host program may switch to a locale whose decimal separator is a comma. */
    const char *locales[] = { "de_DE.UTF-8", "sv_SE.UTF-8", "fr_FR.UTF-8" };
    bool switched = false;
    for (size_t i = 0; i < 3 && !switched; i++)
        switched = setlocale(LC_ALL, locales[i]) != NULL;
    pf_error err;
    pf_doc *doc = read_text("portfolio: 1\nprojects:\n  - id: a\n    budget: 1234.5\n    fte: 0.25\n", &err);
    assert_non_null(doc);
    double v;
    assert_true(pf_project_budget(pf_doc_find_project(doc, "a"), &v));
    assert_true(v == 1234.5);
    pf_buf out = PF_BUF_INIT;
    assert_int_equal(pf_doc_write_buf(doc, &out, NULL), PF_OK);
    assert_non_null(strstr(out.data, "budget: 1234.5\n  fte: 0.25\n"));
    pf_buf_dispose(&out);
    pf_doc_free(doc);
    setlocale(LC_ALL, "C");
    if (!switched)
        print_message("# no comma-decimal locale installed; checked under C only\n");
}

static void test_positions_count_characters_and_bytes(void **state)
{
    (void)state;
    pf_error err;
    /* "é" is two bytes: column counts it once, offset twice. CRLF ends lines. */
    const char *text = "portfolio: 1\r\norganisation:\r\n  name: \xC3\xA9t\xC3\xA9\r\n  level: état\r\n";
    assert_null(read_text(text, &err));
    assert_int_equal(err.code, PF_EINVALID);
    assert_int_equal(err.line, 4);
    assert_int_equal(err.column, 10);
    assert_int_equal(err.offset, (size_t)(strstr(text, "\xC3\xA9tat") - text));
    assert_string_equal(err.source, "t.yaml");
    assert_string_equal(err.message, "organisation.level: unknown value 'état' (expected one of: national, regional, "
                                     "local, agency, team, other)");
    /* A whole document on one line (minified JSON): columns and offsets stay exact value after value. */
    const char *one_line = "\xEF\xBB\xBF{\"portfolio\": 1, \"projects\": [{\"id\": \"a\", \"title\": \"\xC3\xA9\", "
                           "\"stage\": \"x\"}]}";
    assert_null(read_text(one_line, &err));
    assert_int_equal(err.line, 1);
    assert_int_equal(err.column, 66);
    assert_int_equal(err.offset, (size_t)(strstr(one_line, "\"x\"") - one_line));
    /* A UTF-8 byte order mark is not part of line 1. */
    assert_null(read_text("\xEF\xBB\xBFportfolio: x\n", &err));
    assert_int_equal(err.line, 1);
    assert_int_equal(err.column, 12);
    assert_int_equal(err.offset, 14);
}

static void test_every_problem_is_collected(void **state)
{
    (void)state;
    pf_diagnostics *diags;
    pf_doc *doc = NULL;
    pf_error err;
    assert_int_equal(pf_diagnostics_new(NULL, &diags), PF_OK);
    const char *text = "portfolio: 1\nprojects:\n  - {id: a, stage: pilot}\n  - {id: b, links: [{to: c, kind: synergy}]}\n"
                       "  - {id: a}\n";
    assert_int_equal(pf_doc_read_buffer(text, strlen(text), "m.yaml", NULL, &doc, diags, &err), PF_EINVALID);
    assert_null(doc);
    assert_int_equal(pf_diagnostics_count(diags), 3);
    const pf_error *e = pf_diagnostics_at(diags, 0);
    assert_int_equal(e->line, 3);
    assert_int_equal(e->column, 20);
    assert_string_equal(e->message, "projects[0].stage: unknown value 'pilot' (expected one of: idea, exploring, "
                                    "piloting, implementing, scaling, embedded, stopped)");
    e = pf_diagnostics_at(diags, 1);
    assert_int_equal(e->line, 4);
    assert_int_equal(e->column, 26);
    assert_string_equal(e->message, "projects[1].links[0].to: no project has id 'c'");
    e = pf_diagnostics_at(diags, 2);
    assert_int_equal(e->line, 5);
    assert_string_equal(e->message, "projects[2].id: duplicate project id 'a' (first used at line 3)");
    assert_memory_equal(&err, pf_diagnostics_at(diags, 0), sizeof err);
    pf_diagnostics_free(diags);
}

static void test_limits(void **state)
{
    (void)state;
    pf_doc *doc = NULL;
    pf_error err;
    pf_read_options opts = PF_READ_OPTIONS_INIT;
    const char *text = "portfolio: 1\nprojects: [{id: a, tags: [x, y, z]}]\n";
    opts.max_bytes = 20;
    assert_int_equal(pf_doc_read_buffer(text, strlen(text), NULL, &opts, &doc, NULL, &err), PF_ELIMIT);
    assert_string_equal(err.message, "the document is 50 bytes, more than the limit of 20");
    assert_string_equal(err.source, "<buffer>");
    opts.max_bytes = 0;
    opts.max_depth = 3;
    assert_int_equal(pf_doc_read_buffer(text, strlen(text), NULL, &opts, &doc, NULL, &err), PF_ELIMIT);
    assert_int_equal(err.line, 2);
    assert_int_equal(err.column, 26);
    opts.max_depth = 0;
    opts.max_items = 2;
    assert_int_equal(pf_doc_read_buffer(text, strlen(text), NULL, &opts, &doc, NULL, &err), PF_ELIMIT);
    assert_string_equal(err.message, "list has more than the limit of 2 entries");
    opts.max_items = 0;
    opts.max_string = 2;
    const char *titled = "portfolio: 1\nprojects: [{id: a, title: abc}]\n";
    assert_int_equal(pf_doc_read_buffer(titled, strlen(titled), NULL, &opts, &doc, NULL, &err), PF_EINVALID);
    assert_string_equal(err.message, "projects[0].title: text of 3 bytes is longer than the limit of 2");
    opts.version = 99;
    assert_int_equal(pf_doc_read_buffer(text, strlen(text), NULL, &opts, &doc, NULL, &err), PF_EARG);
    assert_int_equal(pf_doc_read_buffer(text, strlen(text), NULL, NULL, &doc, NULL, &err), PF_OK);
    pf_doc_free(doc);
}

static void test_alias_bomb_is_refused_quickly(void **state)
{
    (void)state;
    char text[4096] = "portfolio: 1\nx0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
    for (int i = 1; i < 10; i++) {
        char line[256];
        snprintf(line, sizeof line, "x%d: &a%d [*a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d]\n", i, i,
                 i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1);
        strcat(text, line);
    }
    pf_diagnostics *diags;
    pf_doc *doc = NULL;
    assert_int_equal(pf_diagnostics_new(NULL, &diags), PF_OK);
    assert_int_equal(pf_doc_read_buffer(text, strlen(text), NULL, NULL, &doc, diags, NULL), PF_EINVALID);
    /* Ten unknown keys; aliases under them are skipped without expansion. */
    assert_int_equal(pf_diagnostics_count(diags), 10);
    pf_diagnostics_free(diags);
}

static void test_missing_file_and_atomic_write(void **state)
{
    (void)state;
    pf_doc *doc = NULL;
    pf_error err;
    assert_int_equal(pf_doc_read_file("/nonexistent/x.yaml", NULL, &doc, NULL, &err), PF_ENOTFOUND);
    assert_string_equal(err.source, "/nonexistent/x.yaml");
    assert_string_equal(err.message, "cannot open: No such file or directory");
    assert_int_equal(pf_doc_read_file("/", NULL, &doc, NULL, &err), PF_EIO);

    char dir[] = "/tmp/pf-test-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/out.yaml", dir);
    assert_int_equal(pf_doc_read_file(example_path("minimal.yaml"), NULL, &doc, NULL, &err), PF_OK);
    assert_int_equal(pf_doc_write_file(doc, path, &err), PF_OK);
    pf_doc *back = NULL;
    assert_int_equal(pf_doc_read_file(path, NULL, &back, NULL, &err), PF_OK);
    assert_int_equal(pf_doc_project_count(back), 3);
    pf_doc_free(back);
    /* A directory in the way: the write fails and leaves no temporary file behind. */
    char blocked[300];
    snprintf(blocked, sizeof blocked, "%s/sub", dir);
    assert_int_equal(mkdir(blocked, 0700), 0);
    assert_int_equal(pf_doc_write_file(doc, blocked, &err), PF_EIO);
    char cmd[400];
    snprintf(cmd, sizeof cmd, "test $(ls -A %s | wc -l) -eq 2", dir);
    assert_int_equal(system(cmd), 0);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    assert_int_equal(system(cmd), 0);
    pf_doc_free(doc);
}

static void test_json_input(void **state)
{
    (void)state;
    pf_error err;
    pf_doc *doc = read_text("{\"portfolio\": 1, \"projects\": [{\"id\": \"a\", \"budget\": 10, \"priority\": \"low\"}]}",
                            &err);
    assert_non_null(doc);
    assert_int_equal(pf_project_priority(pf_doc_find_project(doc, "a")), PF_PRIORITY_LOW);
    pf_doc_free(doc);
    assert_null(read_text("{\"portfolio\": 1, \"projects\": [{\"id\": \"a\", \"budget\": \"10\"}]}", &err));
    assert_string_equal(err.message, "projects[0].budget: expected a number, got the quoted text '10'");
}

static void test_stop_error_wins_over_earlier_problems(void **state)
{
    (void)state;
    pf_error err;
    pf_diagnostics *diags;
    pf_doc *doc = NULL;
    assert_int_equal(pf_diagnostics_new(NULL, &diags), PF_OK);
    const char *text = "portfolio: 1\norganisation: {people: 0}\nprojects:\n  - id: a\n    title: [unclosed\n";
    assert_int_equal(pf_doc_read_buffer(text, strlen(text), NULL, NULL, &doc, diags, &err), PF_ESYNTAX);
    assert_int_equal(err.code, PF_ESYNTAX);
    assert_int_equal(err.line, 6);
    assert_int_equal(pf_diagnostics_count(diags), 2);
    assert_int_equal(pf_diagnostics_at(diags, 0)->code, PF_EINVALID);
    assert_int_equal(pf_diagnostics_at(diags, 1)->code, PF_ESYNTAX);
    pf_diagnostics_free(diags);
}

static void test_diagnostics_limit_reaches_the_caller(void **state)
{
    (void)state;
    size_t cap = 1500 * 32 + 64, len = 0;
    char *text = malloc(cap);
    len += (size_t)sprintf(text, "portfolio: 1\nprojects:\n");
    for (int i = 0; i < 1500; i++)
        len += (size_t)sprintf(text + len, "  - {id: p%d, stage: x}\n", i);
    pf_read_options opts = PF_READ_OPTIONS_INIT;
    pf_diagnostics *diags;
    pf_doc *doc = NULL;
    assert_int_equal(pf_diagnostics_new(NULL, &diags), PF_OK);
    opts.max_diagnostics = 5000;
    assert_int_equal(pf_doc_read_buffer(text, len, NULL, &opts, &doc, diags, NULL), PF_EINVALID);
    assert_int_equal(pf_diagnostics_count(diags), 1500);
    pf_diagnostics_clear(diags);
    opts.max_diagnostics = 10;
    assert_int_equal(pf_doc_read_buffer(text, len, NULL, &opts, &doc, diags, NULL), PF_EINVALID);
    assert_int_equal(pf_diagnostics_count(diags), 10);
    assert_int_equal(pf_diagnostics_total(diags), 1500);
    pf_diagnostics_free(diags);
    free(text);
}

static void test_every_allocation_failure_is_reported(void **state)
{
    (void)state;
    const char *path = example_path("minimal.yaml");
    long n = 1; /* walks the read, write, score, map, compare, relations, recommendations and every report */
    for (;; n++) {
        failing_alloc f = { 0 };
        pf_read_options opts = PF_READ_OPTIONS_INIT;
        pf_allocator a = failing_alloc_allocator(&f);
        opts.allocator = a;
        pf_doc *doc = NULL;
        pf_error err;
        failing_alloc_arm(&f, n); /* the nth allocation of the whole sequence fails */
        pf_status s = pf_doc_read_file(path, &opts, &doc, NULL, &err);
        if (s == PF_OK) {
            /* Everything after reading allocates through the document's allocator too. */
            pf_buf out = PF_BUF_INIT;
            pf_scores *scores = NULL;
            pf_map *map = NULL;
            pf_comparison *cmp = NULL;
            s = pf_doc_write_buf(doc, &out, &err);
            if (s == PF_OK)
                s = pf_doc_score(doc, NULL, &scores, NULL, &err);
            if (s == PF_OK)
                s = pf_scores_write_json(scores, false, &out, &err);
            if (s == PF_OK)
                s = pf_doc_map(doc, scores, NULL, &map, &err);
            if (s == PF_OK)
                s = pf_map_write_json(map, &out, &err);
            if (s == PF_OK)
                s = pf_doc_compare(doc, doc, NULL, NULL, &cmp, &err);
            if (s == PF_OK)
                s = pf_comparison_write_json(cmp, &out, &err);
            pf_relations *rel = NULL;
            pf_advice *adv = NULL;
            if (s == PF_OK)
                s = pf_doc_relations(doc, map, NULL, &rel, &err);
            if (s == PF_OK) {
                size_t counts[PF_RELATION_KIND_COUNT] = { 1, 1, 1, 1 };
                pf_analysis an = { scores, map, counts };
                pf_rules *rules = NULL;
                s = pf_rules_open_default(&a, &rules, &err);
                if (s == PF_OK)
                    s = pf_recommend(rules, &an, NULL, &adv, &err);
                pf_rules_free(rules);
            }
            for (int fmt = 0; s == PF_OK && fmt < PF_REPORT_FORMAT_COUNT; fmt++) {
                pf_report_options ro = PF_REPORT_OPTIONS_INIT;
                ro.format = (pf_report_format)fmt;
                ro.lang = "fr";
                s = pf_doc_report(doc, &ro, &out, &err);
            }
            pf_advice_free(adv);
            pf_relations_free(rel);
            pf_comparison_free(cmp);
            pf_map_free(map);
            pf_scores_free(scores);
            pf_buf_dispose(&out);
            pf_doc_free(doc);
        }
        assert_int_equal(f.live, 0); /* nothing leaked through the allocator */
        if (failing_alloc_walk_done(&f, s, PF_OK, &err, "read, write, analyse and report", n))
            break;
    }
    assert_true(n > 20);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_examples_read_with_their_content),
        cmocka_unit_test(test_examples_round_trip),
        cmocka_unit_test(test_write_canonical_layout),
        cmocka_unit_test(test_numbers_ignore_the_locale),
        cmocka_unit_test(test_positions_count_characters_and_bytes),
        cmocka_unit_test(test_every_problem_is_collected),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_alias_bomb_is_refused_quickly),
        cmocka_unit_test(test_missing_file_and_atomic_write),
        cmocka_unit_test(test_json_input),
        cmocka_unit_test(test_stop_error_wins_over_earlier_problems),
        cmocka_unit_test(test_diagnostics_limit_reaches_the_caller),
        cmocka_unit_test(test_every_allocation_failure_is_reported),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
