/*
 * Rule conditions against hostile sizes (issue 13): nesting is refused past
 * PF_MAX_EXPR_DEPTH with a located error, never a stack overflow, and long
 * chains (`a + a + ...`, `x and x and ...`) are read and evaluated correctly.
 *
 * Every condition goes through the public reader as the `when:` of a one-rule
 * catalogue, where it starts at line 6, column 12 (after `    when: "`).
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

#define WHEN_LINE 6
#define WHEN_COLUMN 12
#define TOO_DEEP "rules[0].when: rule deep: condition nested deeper than 64 levels"

/* A growing string. */
typedef struct text {
    char *s;
    size_t len, cap;
} text;

static void put(text *t, const char *s)
{
    size_t n = strlen(s);
    if (t->len + n + 1 > t->cap) {
        t->cap = (t->len + n + 1) * 2;
        t->s = realloc(t->s, t->cap);
        assert_non_null(t->s);
    }
    memcpy(t->s + t->len, s, n + 1);
    t->len += n;
}

static void put_n(text *t, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        put(t, s);
}

/* `count` copies of `term` joined by `op` (" + ", " and ", ...), then `tail`. */
static char *chain(const char *term, const char *op, size_t count, const char *tail)
{
    text t = { NULL, 0, 0 };
    put(&t, "");
    for (size_t i = 0; i < count; i++) {
        put(&t, i ? op : "");
        put(&t, term);
    }
    put(&t, tail);
    return t.s;
}

static char *concat(const char *a, const char *b)
{
    text t = { NULL, 0, 0 };
    put(&t, a);
    put(&t, b);
    return t.s;
}

/* prefix * n, middle, suffix * n. */
static char *nest(const char *prefix, size_t n, const char *middle, const char *suffix)
{
    text t = { NULL, 0, 0 };
    put(&t, "");
    put_n(&t, prefix, n);
    put(&t, middle);
    put_n(&t, suffix, n);
    return t.s;
}

/* Reads a one-rule catalogue (rule "deep") with this condition; max_string 0 is the default 64 KiB. */
static pf_status read_when(const char *when, size_t max_string, pf_rules **rules, pf_diagnostics *diags)
{
    text yaml = { NULL, 0, 0 };
    put(&yaml, "catalogue: 1\nrules:\n  - id: deep\n    kind: info\n    priority: 1\n    when: \"");
    put(&yaml, when);
    put(&yaml, "\"\n    message: {en: \"fired\"}\n");
    pf_read_options opts = PF_READ_OPTIONS_INIT;
    opts.max_string = max_string;
    *rules = NULL;
    pf_status s = pf_rules_read_buffer(yaml.s, yaml.len, "deep.yaml", &opts, rules, diags, NULL);
    free(yaml.s);
    return s;
}

/* The condition is refused with exactly one problem, at `offset` bytes into it (ASCII, so columns). */
static void assert_too_deep(const char *when, size_t max_string, size_t offset)
{
    pf_diagnostics *diags;
    pf_rules *rules;
    assert_int_equal(pf_diagnostics_new(NULL, &diags), PF_OK);
    assert_int_equal(read_when(when, max_string, &rules, diags), PF_EINVALID);
    assert_null(rules);
    assert_int_equal(pf_diagnostics_count(diags), 1);
    const pf_error *e = pf_diagnostics_at(diags, 0);
    assert_int_equal(e->code, PF_EINVALID);
    assert_string_equal(e->source, "deep.yaml");
    assert_int_equal(e->line, WHEN_LINE);
    assert_int_equal(e->column, WHEN_COLUMN + offset);
    assert_string_equal(e->message, TOO_DEEP);
    pf_diagnostics_free(diags);
}

/* Reads the condition (it must be accepted) and says whether the rule fires over `analysis`. */
static bool fires(const char *when, size_t max_string, const pf_analysis *analysis)
{
    pf_rules *rules;
    pf_diagnostics *diags;
    assert_int_equal(pf_diagnostics_new(NULL, &diags), PF_OK);
    if (read_when(when, max_string, &rules, diags) != PF_OK)
        fail_msg("refused: %u:%u: %s", pf_diagnostics_at(diags, 0)->line, pf_diagnostics_at(diags, 0)->column,
                 pf_diagnostics_at(diags, 0)->message);
    pf_diagnostics_free(diags);
    pf_advice *adv = NULL;
    assert_int_equal(pf_recommend(rules, analysis, NULL, &adv, NULL), PF_OK);
    size_t n = pf_advice_count(adv);
    assert_true(n <= 1);
    pf_advice_free(adv);
    pf_rules_free(rules);
    return n == 1;
}

static const pf_analysis nothing = { NULL, NULL, NULL };
#define BIG ((size_t)1 << 20) /* max_string for conditions beyond 64 KiB */

/* ---- the inputs of issue 13 ---- */

static void test_thirteen_thousand_parentheses(void **state)
{
    (void)state;
    char *when = nest("(", 13000, "1 > 0", ")");
    assert_true(strlen(when) < 65536); /* within the default scalar limit */
    assert_too_deep(when, 0, PF_MAX_EXPR_DEPTH); /* at the 65th '(' */
    free(when);
}

static void test_thirty_seven_thousand_minus_signs(void **state)
{
    (void)state;
    char *when = nest("-", 37000, "1 < 0", "");
    assert_true(strlen(when) < 65536);
    assert_too_deep(when, 0, PF_MAX_EXPR_DEPTH); /* at the 65th '-' */
    free(when);
    when = nest("- ", 37000, "1 < 0", "");
    assert_too_deep(when, BIG, 2 * PF_MAX_EXPR_DEPTH);
    free(when);
}

static void test_twenty_thousand_nots(void **state)
{
    (void)state;
    char *when = nest("not ", 20000, "true", "");
    assert_too_deep(when, BIG, 4 * PF_MAX_EXPR_DEPTH); /* at the 65th 'not' */
    free(when);
    when = nest("not(", 20000, "true", ")"); /* each 'not(' opens two levels */
    assert_too_deep(when, BIG, 4 * (PF_MAX_EXPR_DEPTH / 2));
    free(when);
}

static void test_deep_function_calls(void **state)
{
    (void)state;
    char *when = nest("abs(", 20000, "1", ")");
    assert_too_deep(when, BIG, 4 * PF_MAX_EXPR_DEPTH); /* at the 65th 'abs' */
    free(when);
    when = nest("max(1, ", 20000, "1", ")");
    assert_too_deep(when, BIG, 7 * PF_MAX_EXPR_DEPTH);
    free(when);
}

/* ---- exactly at the limit, and one past ---- */

static void test_at_the_limit(void **state)
{
    (void)state;
    const size_t n = PF_MAX_EXPR_DEPTH;
    static const struct {
        const char *prefix, *middle, *suffix;
        size_t width; /* bytes of one prefix */
    } kinds[] = {
        { "(", "1 > 0", ")", 1 },
        { "-", "1 == 1", "", 1 },   /* an even number of minus signs */
        { "not ", "true", "", 4 },  /* an even number of nots */
        { "abs(", "0 - 3", ")", 4 },
        { "min(1, ", "2", ")", 7 },
    };
    for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++) {
        char *when = nest(kinds[k].prefix, n, kinds[k].middle, kinds[k].suffix);
        if (k == 3 || k == 4) { /* the functions make a number: compare it */
            char *cond = concat(when, k == 3 ? " == 3" : " == 1");
            free(when);
            when = cond;
        }
        if (!fires(when, 0, &nothing))
            fail_msg("%s x %zu does not hold", kinds[k].prefix, n);
        free(when);
        when = nest(kinds[k].prefix, n + 1, kinds[k].middle, kinds[k].suffix);
        assert_too_deep(when, 0, n * kinds[k].width);
        free(when);
    }
    /* The kinds count together: 21 x ('(' 'not' '(') is 63 levels; one 'abs' more is 64, a '-' 65. */
    char *inner = nest("(not (", 21, "", "");
    text t = { NULL, 0, 0 };
    put(&t, inner);
    put(&t, "abs(2) == 2");
    put_n(&t, "))", 21);
    assert_false(fires(t.s, 0, &nothing)); /* an odd number of nots */
    free(t.s);
    t.s = NULL;
    t.len = t.cap = 0;
    put(&t, inner);
    put(&t, "abs(-2) == 2");
    put_n(&t, "))", 21);
    assert_too_deep(t.s, 0, 21 * 6 + 4);
    free(t.s);
    free(inner);
}

/* The deepest tree the limit allows (a sum, a product and a call per level) is read and evaluated. */
static void test_deepest_tree(void **state)
{
    (void)state;
    char *when = nest("0 + 1 * abs(", PF_MAX_EXPR_DEPTH, "0 - 5", ")");
    char *cond = concat(when, " == 5");
    assert_true(fires(cond, 0, &nothing));
    free(cond);
    cond = concat(when, " != 5");
    assert_false(fires(cond, 0, &nothing));
    free(cond);
    free(when);
    /* and for conditions: an or, an and and a not per two levels */
    when = nest("false or (true and not (", 21, "1 > 2", "))");
    assert_true(fires(when, 0, &nothing)); /* 21 nots of false */
    free(when);
}

/* ---- number literals of any length (found by the expression fuzz target, fuzz/fuzz_expr.c) ---- */

/* The condition is refused with exactly one problem, `message`, at `offset` bytes into it. */
static void assert_refused(const char *when, size_t offset, const char *message)
{
    pf_diagnostics *diags;
    pf_rules *rules;
    assert_int_equal(pf_diagnostics_new(NULL, &diags), PF_OK);
    assert_int_equal(read_when(when, BIG, &rules, diags), PF_EINVALID);
    assert_int_equal(pf_diagnostics_count(diags), 1);
    const pf_error *e = pf_diagnostics_at(diags, 0);
    assert_int_equal(e->line, WHEN_LINE);
    assert_int_equal(e->column, WHEN_COLUMN + offset);
    assert_string_equal(e->message, message);
    pf_diagnostics_free(diags);
}

static void test_long_number_literals(void **state)
{
    (void)state;
    /* 64 digits were cut after 63, and the last one read as a second value */
    char *when = nest("9", 64, " > ", "");
    char *cond = concat(when, "999999999999999999999999999999999999999999999999999999999999999");
    assert_true(fires(cond, 0, &nothing)); /* 1e64 - 1 > 1e63 - 1 */
    free(cond);
    free(when);
    /* 1e-72 * 1e80: every digit counts, before and after the point */
    when = nest("0", 71, "", "");
    text t = { NULL, 0, 0 };
    put(&t, "0.");
    put(&t, when);
    put(&t, "1 * 1");
    put_n(&t, "0", 80);
    put(&t, " == 100000000");
    assert_true(fires(t.s, 0, &nothing));
    free(t.s);
    free(when);
    /* the largest double, written out (309 digits), is a number; twice it is unknown */
    when = nest("0", 291, "", "");
    cond = concat("179769313486231570", when);
    free(when);
    when = concat(cond, " > 1");
    assert_true(fires(when, 0, &nothing));
    free(when);
    when = concat(cond, " * 2 > 1");
    assert_false(fires(when, 0, &nothing));
    free(when);
    free(cond);
    /* the smallest subnormal (5e-324) and a literal that underflows to 0 */
    when = nest("0", 323, "", "");
    cond = concat("0.", when);
    free(when);
    when = nest("0", 300, "", ""); /* 5e-324 * 1e300 * 1e300 is about 5e276 */
    char *product = concat(cond, "5 * 1");
    free(cond);
    cond = concat(product, when);
    free(product);
    product = concat(cond, " * 1");
    free(cond);
    cond = concat(product, when);
    free(product);
    product = cond;
    cond = concat(product, " > 1");
    free(product);
    assert_true(fires(cond, 0, &nothing));
    free(cond);
    free(when);
    when = nest("0", 400, "", "");
    cond = concat("0.", when);
    free(when);
    when = concat(cond, "1 == 0");
    assert_true(fires(when, 0, &nothing));
    free(when);
    free(cond);
    /* beyond the largest double: refused at the literal, quoted short */
    when = nest("0", 400, "", "");
    cond = concat("portfolio.projects < 2", when);
    assert_refused(cond, 21, "rules[0].when: rule deep: number '200000000000000000000000000000000000000000000000000...' "
                             "is too large");
    free(cond);
    free(when);
    /* and long malformed ones too */
    when = nest("1.", 40, "", "");
    cond = concat("1 < ", when);
    assert_refused(cond, 4, "rules[0].when: rule deep: malformed number '1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1...'");
    free(cond);
    free(when);
    /* there is no exponent: 1e308 is a number and a letter */
    assert_refused("1e308 > 1", 1, "rules[0].when: rule deep: unexpected 'e' after a complete condition");
}

/* ---- long chains: flat, so any length within the scalar limit ---- */

static void test_long_sums(void **state)
{
    (void)state;
    char *when = chain("1", "+", 20000, " == 20000");
    assert_true(strlen(when) < 65536);
    assert_true(fires(when, 0, &nothing));
    free(when);
    when = chain("1", "+", 20000, " == 19999");
    assert_false(fires(when, 0, &nothing));
    free(when);
    /* left to right: 20000 - 1 - 1 - ... is 1, not what grouping from the right would give */
    text t = { NULL, 0, 0 };
    put(&t, "20000");
    put_n(&t, " - 1", 19999);
    put(&t, " == 1");
    assert_true(fires(t.s, BIG, &nothing));
    free(t.s);
    /* products and quotients, left to right: 2 * 3 / 3 * 3 / 3 ... */
    t.s = NULL;
    t.len = t.cap = 0;
    put(&t, "2");
    put_n(&t, " * 3 / 3", 10000);
    put(&t, " == 2");
    assert_true(fires(t.s, BIG, &nothing));
    free(t.s);
    /* a metric 20000 times, once in the evidence */
    size_t counts[4] = { 6, 3, 0, 2 };
    pf_analysis relations = { NULL, NULL, counts };
    when = chain("relations.synergy", " + ", 20000, " == 120000");
    pf_rules *rules;
    assert_int_equal(read_when(when, BIG, &rules, NULL), PF_OK);
    pf_advice *adv;
    assert_int_equal(pf_recommend(rules, &relations, NULL, &adv, NULL), PF_OK);
    assert_int_equal(pf_advice_count(adv), 1);
    const pf_recommendation *r = pf_advice_at(adv, 0);
    assert_int_equal(r->evidence_count, 1);
    assert_string_equal(r->evidence[0].metric, "relations.synergy");
    pf_advice_free(adv);
    pf_rules_free(rules);
    free(when);
    /* a missing value anywhere makes the whole sum missing */
    when = chain("relations.synergy", " + ", 20000, " >= 0");
    assert_false(fires(when, BIG, &nothing));
    free(when);
}

static void test_long_logic(void **state)
{
    (void)state;
    char *when = chain("true", " and ", 20000, "");
    assert_true(fires(when, BIG, &nothing));
    free(when);
    text t = { NULL, 0, 0 };
    put_n(&t, "true and ", 19999);
    put(&t, "false");
    assert_false(fires(t.s, BIG, &nothing));
    free(t.s);
    when = chain("false", " or ", 20000, "");
    assert_false(fires(when, BIG, &nothing));
    free(when);
    t.s = NULL;
    t.len = t.cap = 0;
    put_n(&t, "false or ", 19999);
    put(&t, "true");
    assert_true(fires(t.s, BIG, &nothing));
    free(t.s);
    /* three-valued: unknown and ... and false is false (its not holds); unknown and true is unknown */
    t.s = NULL;
    t.len = t.cap = 0;
    put(&t, "not (");
    put_n(&t, "relations.synergy > 0 and ", 10000);
    put(&t, "false)");
    assert_true(fires(t.s, BIG, &nothing));
    free(t.s);
    t.s = NULL;
    t.len = t.cap = 0;
    put(&t, "not (");
    put_n(&t, "relations.synergy > 0 and ", 10000);
    put(&t, "true)");
    assert_false(fires(t.s, BIG, &nothing));
    free(t.s);
    /* 'a or b and c' is 'a or (b and c)' along a whole chain */
    when = chain("false or true and false", " or ", 5000, "");
    assert_false(fires(when, BIG, &nothing));
    free(when);
    when = chain("false or true and false", " or ", 5000, " or true and true");
    assert_true(fires(when, BIG, &nothing));
    free(when);
}

/* A chain's type error is still located at its operand. */
static void test_long_chain_errors(void **state)
{
    (void)state;
    text t = { NULL, 0, 0 };
    put_n(&t, "1 + ", 15000);
    put(&t, "true > 0");
    pf_diagnostics *diags;
    pf_rules *rules;
    assert_int_equal(pf_diagnostics_new(NULL, &diags), PF_OK);
    assert_int_equal(read_when(t.s, 0, &rules, diags), PF_EINVALID);
    assert_int_equal(pf_diagnostics_count(diags), 1);
    const pf_error *e = pf_diagnostics_at(diags, 0);
    assert_int_equal(e->line, WHEN_LINE);
    assert_int_equal(e->column, WHEN_COLUMN + 15000 * 4 - 2); /* the last '+' */
    assert_string_equal(e->message, "rules[0].when: rule deep: '+' needs numbers");
    pf_diagnostics_free(diags);
    free(t.s);
}

/* Merging copies a rule: deep and long conditions survive the copy. */
static void test_merge_copies_deep_and_long_conditions(void **state)
{
    (void)state;
    char *deep = nest("(", PF_MAX_EXPR_DEPTH, "1 > 0", ")");
    char *longer = chain("1", "+", 20000, " == 20000");
    pf_rules *base, *a, *b;
    assert_int_equal(read_when(deep, 0, &a, NULL), PF_OK);
    assert_int_equal(read_when(longer, 0, &b, NULL), PF_OK);
    assert_int_equal(pf_rules_open_default(NULL, &base, NULL), PF_OK);
    size_t before = pf_rules_count(base);
    assert_int_equal(pf_rules_merge(base, a, NULL), PF_OK);
    assert_int_equal(pf_rules_count(base), before + 1);
    pf_rules_free(a);
    pf_advice *adv;
    assert_int_equal(pf_recommend(base, &nothing, NULL, &adv, NULL), PF_OK);
    size_t fired = 0;
    for (size_t i = 0; i < pf_advice_count(adv); i++)
        fired += strcmp(pf_advice_at(adv, i)->rule, "deep") == 0;
    assert_int_equal(fired, 1);
    pf_advice_free(adv);
    assert_int_equal(pf_rules_merge(base, b, NULL), PF_OK); /* replaces "deep" */
    assert_int_equal(pf_rules_count(base), before + 1);
    pf_rules_free(b);
    assert_int_equal(pf_recommend(base, &nothing, NULL, &adv, NULL), PF_OK);
    fired = 0;
    for (size_t i = 0; i < pf_advice_count(adv); i++)
        fired += strcmp(pf_advice_at(adv, i)->rule, "deep") == 0;
    assert_int_equal(fired, 1);
    pf_advice_free(adv);
    pf_rules_free(base);
    free(deep);
    free(longer);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_thirteen_thousand_parentheses),
        cmocka_unit_test(test_thirty_seven_thousand_minus_signs),
        cmocka_unit_test(test_twenty_thousand_nots),
        cmocka_unit_test(test_deep_function_calls),
        cmocka_unit_test(test_at_the_limit),
        cmocka_unit_test(test_deepest_tree),
        cmocka_unit_test(test_long_number_literals),
        cmocka_unit_test(test_long_sums),
        cmocka_unit_test(test_long_logic),
        cmocka_unit_test(test_long_chain_errors),
        cmocka_unit_test(test_merge_copies_deep_and_long_conditions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
