/*
 * A grammar-aware generator of rule conditions (docs/rules.md, "Conditions"), for the
 * expression fuzz target (fuzz_expr.c) and its self-test (tests/test_expr_gen.c).
 *
 * A stream of choices, taken from fuzzer bytes or a seeded PRNG, drives it. Each condition
 * is generated either valid by construction or with exactly one deliberate fault that no
 * context can repair (an unbalanced parenthesis, a stray character, a dropped operand, a
 * doubled operator or operand, a wrong arity, a type error, an unknown metric, nesting past
 * PF_MAX_EXPR_DEPTH, a malformed or too large number, an unclosed text); or, in the free
 * mode, valid and then mutated blindly, so that nothing is known of it.
 *
 * Test code: it allocates with malloc and aborts when memory runs out.
 */
#ifndef EXPR_GEN_H
#define EXPR_GEN_H

#include <stddef.h>
#include <stdint.h>

/* Where the choices come from: `data` (then zeros once it is used up) or, when data is NULL, a PRNG. */
typedef struct expr_gen_source {
    const uint8_t *data;
    size_t size, pos;
    uint64_t state; /* the PRNG's state; any seed but 0 */
} expr_gen_source;

typedef enum expr_gen_expect {
    EXPR_GEN_VALID,  /* must load */
    EXPR_GEN_BROKEN, /* must be refused, with a located error inside the condition */
    EXPR_GEN_ANY     /* either; a refusal must still be located inside the condition */
} expr_gen_expect;

typedef struct expr_gen_result {
    char *text; /* the condition (malloc'd, NUL-terminated; may hold any byte but NUL) */
    size_t len;
    const char *subject;    /* the rule's `for`: "facet", "dimension", "role", or NULL */
    expr_gen_expect expect; /* what reading it must do */
    const char *what;       /* the deliberate fault, or the free mutation; NULL when valid */
    unsigned depth;         /* deepest nesting generated (parentheses, prefix operators, calls) */
} expr_gen_result;

/* Unused choices are 0 (so fuzzer inputs stay short); a PRNG source gives any. */
unsigned expr_gen_pick(expr_gen_source *src, unsigned n);

/* Generates one condition; `free` with expr_gen_result_free. `mode` forces an expectation (-1: the source chooses). */
void expr_gen(expr_gen_source *src, int mode, expr_gen_result *out);
void expr_gen_result_free(expr_gen_result *r);

/* A one-rule catalogue (rule id "g") whose `when` is the condition, double-quoted on line 6 from column 12. */
char *expr_gen_catalogue(const expr_gen_result *r, size_t *len);

/* Where the condition starts in expr_gen_catalogue's output, and whether it is there verbatim. */
#define EXPR_GEN_LINE 6
#define EXPR_GEN_COLUMN 12
int expr_gen_verbatim(const expr_gen_result *r);

/* The number of characters (UTF-8 sequences) in the condition. */
size_t expr_gen_chars(const expr_gen_result *r);

#endif
