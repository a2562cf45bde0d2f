/*
 * Rule conditions: a small expression language over named metrics.
 *
 *   expr    := or
 *   or      := and ('or' and)*
 *   and     := not ('and' not)*
 *   not     := 'not' not | compare
 *   compare := sum (('==' | '!=' | '<' | '<=' | '>' | '>=') sum)?
 *   sum     := product (('+' | '-') product)*
 *   product := unary (('*' | '/') unary)*
 *   unary   := '-' unary | primary
 *   primary := number | 'text' | true | false | name | func '(' expr (',' expr)* ')' | '(' expr ')'
 *   func    := abs | min | max
 *
 * A name is a metric name (docs/metrics.md); `{facet}`, `{dimension}` and `{role}`
 * inside it stand for the subject a rule iterates over. A '-' belongs to a name
 * when a letter follows it ("sense-making"); write subtraction with spaces.
 * A comparison with a metric the portfolio lacks is false, and so is anything
 * built on it: a rule about respondents stays silent when there are none.
 * Parentheses, prefix '-' and 'not', and function calls nest at most
 * PF_MAX_EXPR_DEPTH levels together; chains of one precedence level do not nest.
 */
#ifndef PF_EXPR_H
#define PF_EXPR_H

#include "internal.h"

typedef enum pf_value_type { PF_VALUE_MISSING = 0, PF_VALUE_NUMBER, PF_VALUE_TEXT, PF_VALUE_BOOL } pf_value_type;

typedef struct pf_value {
    pf_value_type type;
    double number;
    const char *text; /* borrowed */
    bool truth;
} pf_value;

typedef struct pf_expr pf_expr;

/* Finds a metric's value by its full name; false when the portfolio lacks it. */
typedef bool (*pf_expr_lookup)(void *ctx, const char *name, pf_value *out);

/*
 * Parses a condition. `known(ctx, template)` says whether a name template can
 * ever name a metric. On failure returns NULL with *error_column (1-based, in
 * characters of `text`) and a message in err (PF_EINVALID) or PF_ENOMEM.
 */
pf_expr *pf__expr_parse(const pf_allocator *a, const char *text, bool (*known)(void *ctx, const char *name),
                        void *known_ctx, size_t *error_column, pf_error *err);
void pf__expr_free(const pf_allocator *a, pf_expr *e);
/* A deep copy, or NULL when out of memory. */
pf_expr *pf__expr_clone(const pf_allocator *a, const pf_expr *e);

/* Substitutes {subject_kind} with subject in a name template (e.g. orientation.{facet}). */
bool pf__expr_substitute(const char *template_name, const char *subject_kind, const char *subject, char *out,
                         size_t cap);

/* Calls visit for every name template of the expression, in reading order. */
void pf__expr_names(const pf_expr *e, void (*visit)(void *ctx, const char *template_name), void *ctx);

/* Evaluates; the result is true only when the condition holds with every metric present. */
bool pf__expr_holds(const pf_expr *e, const char *subject_kind, const char *subject, pf_expr_lookup lookup,
                    void *ctx);

#endif
