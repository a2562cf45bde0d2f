/*
 * The condition generator of the expression fuzz target (fuzz/expr_gen.c), checked against
 * the catalogue reader: 5000 conditions from a seeded PRNG, half valid by construction (each
 * must load, and is evaluated over examples/data/minimal.yaml), half with one deliberate fault
 * (each must be refused with exactly one problem located inside the condition). Then blind
 * mutations, whose refusals must be located the same way, and the generator's own promises:
 * every construct and fault is produced, nesting reaches the limit exactly, and a seed
 * always gives the same conditions.
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

#include "expr_gen.h"

#define CONDITIONS 5000
#define MUTATIONS 1000

typedef struct example {
    pf_doc *doc;
    pf_scores *scores;
    pf_map *map;
    size_t counts[PF_RELATION_KIND_COUNT];
    pf_analysis analysis;
} example;

static int setup(void **state)
{
    example *ex = calloc(1, sizeof *ex);
    assert_non_null(ex);
    assert_int_equal(pf_doc_read_file(SOURCE_ROOT "/examples/data/minimal.yaml", NULL, &ex->doc, NULL, NULL), PF_OK);
    assert_int_equal(pf_doc_score(ex->doc, NULL, &ex->scores, NULL, NULL), PF_OK);
    assert_int_equal(pf_doc_map(ex->doc, ex->scores, NULL, &ex->map, NULL), PF_OK);
    ex->counts[0] = 1;
    ex->analysis.scores = ex->scores;
    ex->analysis.map = ex->map;
    ex->analysis.relation_counts = ex->counts;
    *state = ex;
    return 0;
}

static int teardown(void **state)
{
    example *ex = *state;
    pf_map_free(ex->map);
    pf_scores_free(ex->scores);
    pf_doc_free(ex->doc);
    free(ex);
    return 0;
}

static void print_condition(const expr_gen_result *r)
{
    if (r->len > 2000)
        print_message("# condition (%zu bytes): %.1000s ... %s\n", r->len, r->text, r->text + r->len - 1000);
    else
        print_message("# condition: %s\n", r->text);
}

/* Reads the condition; on refusal, checks it is one problem inside the condition. Returns the rules or NULL. */
static pf_rules *read_condition(const expr_gen_result *r, char why[256])
{
    size_t len;
    char *yaml = expr_gen_catalogue(r, &len);
    pf_read_options opts = PF_READ_OPTIONS_INIT;
    opts.max_bytes = (size_t)16 << 20;
    opts.max_string = (size_t)8 << 20;
    pf_diagnostics *diags;
    assert_int_equal(pf_diagnostics_new(NULL, &diags), PF_OK);
    pf_rules *rules = NULL;
    pf_status s = pf_rules_read_buffer(yaml, len, "gen.yaml", &opts, &rules, diags, NULL);
    free(yaml);
    if (s == PF_OK) {
        assert_int_equal(pf_diagnostics_count(diags), 0);
        pf_diagnostics_free(diags);
        return rules;
    }
    assert_int_equal(s, PF_EINVALID);
    assert_null(rules);
    const pf_error *e = pf_diagnostics_at(diags, 0);
    if (pf_diagnostics_count(diags) != 1 || e->line != EXPR_GEN_LINE ||
        strncmp(e->message, "rules[0].when: rule g: ", 23) != 0) {
        print_condition(r);
        fail_msg("refused elsewhere (%zu problems): %u:%u: %s", pf_diagnostics_count(diags), e->line, e->column,
                 e->message);
    }
    snprintf(why, 256, "%u:%u: %.200s", e->line, e->column, e->message);
    assert_string_equal(e->source, "gen.yaml");
    assert_int_equal(e->code, PF_EINVALID);
    size_t chars = expr_gen_chars(r);
    if (expr_gen_verbatim(r)) {
        /* The column of the fault; one past the last character when the condition ends too early. */
        if (e->column < EXPR_GEN_COLUMN || e->column > EXPR_GEN_COLUMN + chars) {
            print_condition(r);
            fail_msg("column %u outside the condition (columns %d to %zu): %s", e->column, EXPR_GEN_COLUMN,
                     EXPR_GEN_COLUMN + chars, e->message);
        }
    } else {
        /* Escaped in the file: located at the opening quote, with the character in the message. */
        const char *at = strstr(e->message, "(at character ");
        assert_non_null(at);
        unsigned long n = strtoul(at + 14, NULL, 10);
        assert_int_equal(e->column, EXPR_GEN_COLUMN - 1);
        assert_true(n >= 1 && n <= chars + 1);
    }
    pf_diagnostics_free(diags);
    return NULL;
}

static void evaluate(const example *ex, const pf_rules *rules)
{
    pf_advice *advice = NULL;
    assert_int_equal(pf_recommend(rules, &ex->analysis, NULL, &advice, NULL), PF_OK);
    /* A rule fires at most once per subject: once, or once for each of at most six. */
    assert_true(pf_advice_count(advice) <= 6);
    pf_advice_free(advice);
}

static const char *const faults[] = { "unbalanced '('", "unbalanced ')'", "stray character", "dropped operand",
                                      "doubled operator", "doubled operand", "wrong arity", "type error",
                                      "unknown metric", "malformed number", "number too large", "too deep",
                                      "unclosed text", "chained comparison", "empty", "a number, not a condition",
                                      "a text, not a condition" };
#define FAULTS (sizeof faults / sizeof *faults)

static void test_valid_load_and_broken_are_refused_in_place(void **state)
{
    const example *ex = *state;
    expr_gen_source src = { NULL, 0, 0, 0x5eed0013 };
    size_t seen[FAULTS] = { 0 }, loaded = 0, refused = 0, at_limit = 0, subjects = 0, long_ones = 0;
    for (int i = 0; i < CONDITIONS; i++) {
        expr_gen_result r;
        expr_gen(&src, i % 2 ? EXPR_GEN_BROKEN : EXPR_GEN_VALID, &r);
        char why[256] = "";
        pf_rules *rules = read_condition(&r, why);
        if (r.expect == EXPR_GEN_VALID) {
            if (!rules) {
                print_condition(&r);
                fail_msg("condition %d, valid by construction, was refused: %s", i, why);
            }
            assert_true(r.depth <= 64);
            at_limit += r.depth == 64;
            subjects += r.subject != NULL;
            long_ones += r.len > 30000;
            evaluate(ex, rules);
            loaded++;
        } else {
            if (rules) {
                print_condition(&r);
                fail_msg("condition %d, broken (%s), was accepted", i, r.what);
            }
            size_t k = 0;
            while (k < FAULTS && strcmp(faults[k], r.what) != 0)
                k++;
            assert_true(k < FAULTS);
            seen[k]++;
            /* The one fault is the first problem the reader meets, so these say what it is. */
            if ((strcmp(r.what, "too deep") == 0 && !strstr(why, "condition nested deeper than 64 levels")) ||
                (strcmp(r.what, "number too large") == 0 && !strstr(why, "is too large"))) {
                print_condition(&r);
                fail_msg("condition %d (%s) refused for another reason: %s", i, r.what, why);
            }
            refused++;
        }
        pf_rules_free(rules);
        expr_gen_result_free(&r);
    }
    assert_int_equal(loaded, CONDITIONS / 2);
    assert_int_equal(refused, CONDITIONS / 2);
    for (size_t k = 0; k < FAULTS; k++)
        if (!seen[k])
            fail_msg("no condition had the fault '%s'", faults[k]);
    assert_true(at_limit > 0);    /* valid conditions nested exactly 64 deep */
    assert_true(subjects > 0);    /* rules with `for`, and placeholders in names */
    assert_true(long_ones > 0);   /* chains of thousands of operands */
}

/* Blind mutations of valid conditions: whether they load or not, a refusal is located in the condition. */
static void test_mutations_are_refused_in_place(void **state)
{
    const example *ex = *state;
    expr_gen_source src = { NULL, 0, 0, 0xfeedbeef };
    size_t loaded = 0, refused = 0, escaped = 0;
    for (int i = 0; i < MUTATIONS; i++) {
        expr_gen_result r;
        expr_gen(&src, EXPR_GEN_ANY, &r);
        char why[256];
        pf_rules *rules = read_condition(&r, why);
        if (rules) {
            evaluate(ex, rules);
            loaded++;
        } else {
            refused++;
            escaped += !expr_gen_verbatim(&r);
        }
        pf_rules_free(rules);
        expr_gen_result_free(&r);
    }
    assert_true(loaded > 0);
    assert_true(refused > 0);
    assert_true(escaped > 0); /* refusals located through "(at character N of the condition)" */
}

/* Fuzzer bytes: an empty input gives a short valid-or-not condition, and the same bytes the same condition. */
static void test_bytes_drive_the_choices(void **state)
{
    (void)state;
    expr_gen_source empty = { (const uint8_t *)"", 0, 0, 0 };
    expr_gen_result r;
    expr_gen(&empty, -1, &r);
    assert_int_equal(r.expect, EXPR_GEN_VALID);
    assert_string_equal(r.text, "1 == 1");
    assert_null(r.subject);
    expr_gen_result_free(&r);

    static const uint8_t bytes[] = { 1, 7, 3, 200, 9, 9, 41, 5, 7, 7, 7, 2, 0, 99, 3, 250 };
    expr_gen_result a, b;
    expr_gen_source s1 = { bytes, sizeof bytes, 0, 0 }, s2 = { bytes, sizeof bytes, 0, 0 };
    expr_gen(&s1, -1, &a);
    expr_gen(&s2, -1, &b);
    assert_string_equal(a.text, b.text);
    assert_int_equal(a.expect, b.expect);
    expr_gen_result_free(&a);
    expr_gen_result_free(&b);
}

static void test_seed_gives_same_conditions(void **state)
{
    (void)state;
    expr_gen_source s1 = { NULL, 0, 0, 42 }, s2 = { NULL, 0, 0, 42 };
    for (int i = 0; i < 50; i++) {
        expr_gen_result a, b;
        expr_gen(&s1, -1, &a);
        expr_gen(&s2, -1, &b);
        assert_string_equal(a.text, b.text);
        expr_gen_result_free(&a);
        expr_gen_result_free(&b);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid_load_and_broken_are_refused_in_place),
        cmocka_unit_test(test_mutations_are_refused_in_place),
        cmocka_unit_test(test_bytes_drive_the_choices),
        cmocka_unit_test(test_seed_gives_same_conditions),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
