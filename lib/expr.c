/* Rule conditions: parsing and evaluation (grammar in expr.h). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "expr.h"

#if defined(__GNUC__)
#define PF_NOINLINE __attribute__((noinline))
#else
#define PF_NOINLINE
#endif

typedef enum node_kind {
    N_NUMBER, N_TEXT, N_BOOL, N_NAME, N_NEG, N_NOT, N_AND, N_OR, N_SUM, N_PRODUCT,
    N_ADD, N_SUB, N_MUL, N_DIV, /* the operators inside a sum or product */
    N_EQ, N_NE, N_LT, N_LE, N_GT, N_GE, N_ABS, N_MIN, N_MAX
} node_kind;

/* An operand; in a sum or product, `op` joins it to the operands before it. */
typedef struct arg {
    struct pf_expr *e;
    node_kind op;
} arg;

/*
 * A chain of `and`, `or`, `+ -` or `* /` is one node with all its operands, so that a long
 * chain does not make a deep tree. Only nesting deepens a tree, and the parser bounds it
 * (PF_MAX_EXPR_DEPTH): each level adds at most six nodes (or, and, comparison, sum, product,
 * then the prefix operator or function that opens the next level), so freeing, copying and
 * evaluating, which recurse over the tree, go at most 6 * (PF_MAX_EXPR_DEPTH + 1) calls deep.
 */
struct pf_expr {
    node_kind kind;
    double number;
    bool truth;
    char *text; /* N_TEXT value or N_NAME template */
    arg *args;
    size_t count, cap;
};

typedef struct parser {
    const pf_allocator *alloc;
    const char *text;
    const char *p;
    bool (*known)(void *ctx, const char *name);
    void *known_ctx;
    bool failed;
    bool oom;
    size_t error_column;
    unsigned depth; /* open parentheses, prefix operators and function calls */
    pf_error *err;
} parser;

static size_t column_of(const parser *ps, const char *at)
{
    size_t col = 1;
    for (const char *c = ps->text; c < at; c++)
        if (((unsigned char)*c & 0xC0) != 0x80)
            col++;
    return col;
}

static pf_expr *fail_at(parser *ps, const char *at, const char *fmt, ...) PF_PRINTF(3, 4);
static pf_expr *fail_at(parser *ps, const char *at, const char *fmt, ...)
{
    if (!ps->failed) {
        ps->failed = true;
        ps->error_column = column_of(ps, at);
        va_list ap;
        va_start(ap, fmt);
        pf__vfail(ps->err, PF_EINVALID, fmt, ap);
        va_end(ap);
    }
    return NULL;
}

static pf_expr *out_of_memory(parser *ps)
{
    ps->oom = ps->failed = true;
    pf__oom(ps->err);
    return NULL;
}

/* A node with operands a and b (either may be NULL); frees them when memory runs out. */
static pf_expr *node(parser *ps, node_kind kind, pf_expr *a, pf_expr *b)
{
    size_t n = (size_t)(a != NULL) + (size_t)(b != NULL);
    pf_expr *e = pf__calloc(ps->alloc, 1, sizeof *e);
    if (e && n && !(e->args = pf__calloc(ps->alloc, n, sizeof *e->args))) {
        pf__free(ps->alloc, e);
        e = NULL;
    }
    if (!e) {
        pf__expr_free(ps->alloc, a);
        pf__expr_free(ps->alloc, b);
        return out_of_memory(ps);
    }
    e->kind = kind;
    e->cap = n;
    if (a)
        e->args[e->count++].e = a;
    if (b)
        e->args[e->count++].e = b;
    return e;
}

/* Adds an operand to a chain; frees it when memory runs out. */
static bool append(parser *ps, pf_expr *chain, pf_expr *e, node_kind op)
{
    if (pf__grow(ps->alloc, (void **)&chain->args, &chain->cap, chain->count + 1, sizeof *chain->args) != PF_OK) {
        pf__expr_free(ps->alloc, e);
        out_of_memory(ps);
        return false;
    }
    chain->args[chain->count].e = e;
    chain->args[chain->count].op = op;
    chain->count++;
    return true;
}

/* Opens a level of nesting at `at` (a parenthesis, a prefix '-' or 'not', a function's values). */
static bool enter(parser *ps, const char *at)
{
    if (ps->depth >= PF_MAX_EXPR_DEPTH) {
        fail_at(ps, at, "condition nested deeper than %d levels", PF_MAX_EXPR_DEPTH);
        return false;
    }
    ps->depth++;
    return true;
}

static void skip_space(parser *ps)
{
    while (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r')
        ps->p++;
}

static bool is_letter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Consumes `word` when it stands alone (not the start of a longer name). */
static bool accept_word(parser *ps, const char *word)
{
    skip_space(ps);
    size_t n = strlen(word);
    if (strncmp(ps->p, word, n) != 0)
        return false;
    char next = ps->p[n];
    if (is_letter(next) || is_digit(next) || next == '.' || next == '{' || next == '-')
        return false;
    ps->p += n;
    return true;
}

static bool accept(parser *ps, const char *op)
{
    skip_space(ps);
    size_t n = strlen(op);
    if (strncmp(ps->p, op, n) != 0)
        return false;
    ps->p += n;
    return true;
}

/* Whether a node yields true/false (so it may stand where a condition is expected). */
static bool is_condition(const pf_expr *e)
{
    return e->kind == N_BOOL || e->kind == N_NOT || e->kind == N_AND || e->kind == N_OR ||
           (e->kind >= N_EQ && e->kind <= N_GE);
}

static pf_expr *parse_or(parser *ps);

static pf_expr *parse_name(parser *ps)
{
    const char *start = ps->p;
    while (*ps->p) {
        char c = *ps->p;
        if (is_letter(c) || is_digit(c) || c == '.') {
            ps->p++;
        } else if (c == '-' && is_letter(ps->p[1])) {
            ps->p++;
        } else if (c == '{') {
            const char *close = strchr(ps->p, '}');
            if (!close)
                return fail_at(ps, ps->p, "'{' without a closing '}'");
            ps->p = close + 1;
        } else {
            break;
        }
    }
    size_t len = (size_t)(ps->p - start);
    pf_expr *e = node(ps, N_NAME, NULL, NULL);
    if (!e)
        return NULL;
    e->text = pf__strndup(ps->alloc, start, len);
    if (!e->text) {
        pf__expr_free(ps->alloc, e);
        return out_of_memory(ps);
    }
    if (ps->known && !ps->known(ps->known_ctx, e->text)) {
        char q[64];
        pf__quote(e->text, q);
        pf__expr_free(ps->alloc, e);
        return fail_at(ps, start, "unknown metric %s (see docs/metrics.md)", q);
    }
    return e;
}

static const struct function {
    const char *name;
    node_kind kind;
    int arity;
} functions[] = { { "abs", N_ABS, 1 }, { "min", N_MIN, 2 }, { "max", N_MAX, 2 } };

/* The values of a function, after its '(' (`at` is its name). */
static pf_expr *parse_call(parser *ps, const struct function *f, const char *at)
{
    pf_expr *a = parse_or(ps), *b = NULL;
    if (a && f->arity == 2) {
        if (!accept(ps, ",")) {
            pf__expr_free(ps->alloc, a);
            return fail_at(ps, ps->p, "%s takes two values: expected ','", f->name);
        }
        b = parse_or(ps);
        if (!b) {
            pf__expr_free(ps->alloc, a);
            return NULL;
        }
    }
    if (!a)
        return NULL;
    if (!accept(ps, ")")) {
        pf__expr_free(ps->alloc, a);
        pf__expr_free(ps->alloc, b);
        return fail_at(ps, ps->p, "expected ')' after the values of %s", f->name);
    }
    if (is_condition(a) || (b && is_condition(b))) {
        pf__expr_free(ps->alloc, a);
        pf__expr_free(ps->alloc, b);
        return fail_at(ps, at, "%s takes numbers, not conditions", f->name);
    }
    return node(ps, f->kind, a, b);
}

/*
 * A number: the whole run of digits and points, however long (a literal of 64 or more
 * characters was once cut at 63, and the rest read as a second value). Kept out of
 * parse_primary() so that its buffer is not on every level of the recursion.
 */
static PF_NOINLINE pf_expr *parse_number(parser *ps)
{
    const char *at = ps->p;
    while (is_digit(*ps->p) || *ps->p == '.')
        ps->p++;
    size_t n = (size_t)(ps->p - at);
    char small[64], *buf = small;
    if (n >= sizeof small && !(buf = pf__strndup(ps->alloc, at, n)))
        return out_of_memory(ps);
    if (buf == small) {
        memcpy(small, at, n);
        small[n] = '\0';
    }
    double v = 0;
    bool ok = pf__parse_number(buf, &v), decimal = pf__is_decimal(buf);
    char q[64];
    pf__quote(buf, q);
    if (buf != small)
        pf__free(ps->alloc, buf);
    if (!ok)
        return decimal ? fail_at(ps, at, "number %s is too large", q) : fail_at(ps, at, "malformed number %s", q);
    pf_expr *e = node(ps, N_NUMBER, NULL, NULL);
    if (e)
        e->number = v;
    return e;
}

static pf_expr *parse_primary(parser *ps)
{
    skip_space(ps);
    const char *at = ps->p;
    char c = *ps->p;
    if (c == '(') {
        if (!enter(ps, at))
            return NULL;
        ps->p++;
        pf_expr *e = parse_or(ps);
        ps->depth--;
        if (e && !accept(ps, ")")) {
            pf__expr_free(ps->alloc, e);
            return fail_at(ps, ps->p, "expected ')'");
        }
        return e;
    }
    if (is_digit(c) || (c == '.' && is_digit(ps->p[1])))
        return parse_number(ps);
    if (c == '\'') {
        const char *end = strchr(ps->p + 1, '\'');
        if (!end)
            return fail_at(ps, at, "text without a closing quote");
        pf_expr *e = node(ps, N_TEXT, NULL, NULL);
        if (!e)
            return NULL;
        e->text = pf__strndup(ps->alloc, ps->p + 1, (size_t)(end - ps->p - 1));
        if (!e->text) {
            pf__expr_free(ps->alloc, e);
            return out_of_memory(ps);
        }
        ps->p = end + 1;
        return e;
    }
    if (accept_word(ps, "true") || accept_word(ps, "false")) {
        pf_expr *e = node(ps, N_BOOL, NULL, NULL);
        if (e)
            e->truth = ps->p[-1] == 'e' && ps->p[-2] == 'u';
        return e;
    }
    for (size_t f = 0; f < sizeof functions / sizeof *functions; f++) {
        size_t n = strlen(functions[f].name);
        if (strncmp(ps->p, functions[f].name, n) == 0 && ps->p[n] == '(') {
            if (!enter(ps, at))
                return NULL;
            ps->p += n + 1;
            pf_expr *e = parse_call(ps, &functions[f], at);
            ps->depth--;
            return e;
        }
    }
    if (is_letter(c))
        return parse_name(ps);
    if (!c)
        return fail_at(ps, at, "the condition ends too early: expected a value");
    return fail_at(ps, at, "unexpected '%c'", c);
}

static pf_expr *numeric_operand(parser *ps, pf_expr *e, const char *at, const char *op)
{
    if (e && (is_condition(e) || e->kind == N_TEXT)) {
        pf__expr_free(ps->alloc, e);
        return fail_at(ps, at, "'%s' needs numbers", op);
    }
    return e;
}

static pf_expr *condition_operand(parser *ps, pf_expr *e, const char *at, const char *op)
{
    if (e && !is_condition(e)) {
        pf__expr_free(ps->alloc, e);
        return fail_at(ps, at, "'%s' needs conditions, such as a comparison", op);
    }
    return e;
}

/*
 * A run of prefix operators (`word`: '-' or 'not') and what follows it, read in a loop
 * rather than by recursion; each operator opens a level of nesting.
 */
static pf_expr *parse_prefixed(parser *ps, const char *word, node_kind kind, pf_expr *(*operand)(parser *))
{
    unsigned n = 0;
    const char *last = NULL;
    for (;;) {
        skip_space(ps);
        const char *at = ps->p;
        if (!(kind == N_NEG ? accept(ps, word) : accept_word(ps, word)))
            break;
        if (!enter(ps, at)) {
            ps->depth -= n;
            return NULL;
        }
        last = at;
        n++;
    }
    pf_expr *e = operand(ps);
    ps->depth -= n;
    if (n)
        e = kind == N_NEG ? numeric_operand(ps, e, last, word) : condition_operand(ps, e, last, word);
    for (unsigned i = 0; e && i < n; i++)
        e = node(ps, kind, e, NULL);
    return e;
}

static pf_expr *parse_unary(parser *ps)
{
    return parse_prefixed(ps, "-", N_NEG, parse_primary);
}

/* Checks an operand of `op` in a chain of `chain` (logic takes conditions, arithmetic numbers). */
static pf_expr *chain_operand(parser *ps, node_kind chain, pf_expr *e, const char *at, const char *op)
{
    bool logic = chain == N_AND || chain == N_OR;
    return logic ? condition_operand(ps, e, at, op) : numeric_operand(ps, e, at, op);
}

/* operand (op operand)*: one node of `chain` holding every operand once there is an operator. */
static pf_expr *parse_chain(parser *ps, pf_expr *(*operand)(parser *), node_kind chain, const char *const *ops,
                            const node_kind *kinds, size_t nops)
{
    bool words = chain == N_AND || chain == N_OR, chained = false;
    skip_space(ps);
    const char *at = ps->p;
    pf_expr *left = operand(ps);
    for (;;) {
        if (!left)
            return NULL;
        size_t k;
        skip_space(ps);
        const char *op_at = ps->p;
        for (k = 0; k < nops; k++)
            if (words ? accept_word(ps, ops[k]) : accept(ps, ops[k]))
                break;
        if (k == nops)
            return left;
        if (!chained) {
            left = chain_operand(ps, chain, left, at, ops[k]);
            left = left ? node(ps, chain, left, NULL) : NULL;
            if (!left)
                return NULL;
            chained = true;
        }
        pf_expr *right = chain_operand(ps, chain, operand(ps), op_at, ops[k]);
        if (!right || !append(ps, left, right, kinds[k])) {
            pf__expr_free(ps->alloc, left);
            return NULL;
        }
    }
}

static pf_expr *parse_product(parser *ps)
{
    static const char *const ops[] = { "*", "/" };
    static const node_kind kinds[] = { N_MUL, N_DIV };
    return parse_chain(ps, parse_unary, N_PRODUCT, ops, kinds, 2);
}

static pf_expr *parse_sum(parser *ps)
{
    static const char *const ops[] = { "+", "-" };
    static const node_kind kinds[] = { N_ADD, N_SUB };
    return parse_chain(ps, parse_product, N_SUM, ops, kinds, 2);
}

static pf_expr *parse_compare(parser *ps)
{
    static const char *const ops[] = { "==", "!=", "<=", ">=", "<", ">" };
    static const node_kind kinds[] = { N_EQ, N_NE, N_LE, N_GE, N_LT, N_GT };
    pf_expr *left = parse_sum(ps);
    if (!left)
        return NULL;
    skip_space(ps);
    const char *op_at = ps->p;
    for (size_t k = 0; k < 6; k++) {
        if (!accept(ps, ops[k]))
            continue;
        pf_expr *right = parse_sum(ps);
        if (!right) {
            pf__expr_free(ps->alloc, left);
            return NULL;
        }
        if (is_condition(left) || is_condition(right)) {
            pf__expr_free(ps->alloc, left);
            pf__expr_free(ps->alloc, right);
            return fail_at(ps, op_at, "'%s' compares values, not conditions (use and, or, not)", ops[k]);
        }
        if ((left->kind == N_TEXT || right->kind == N_TEXT) && kinds[k] != N_EQ && kinds[k] != N_NE) {
            pf__expr_free(ps->alloc, left);
            pf__expr_free(ps->alloc, right);
            return fail_at(ps, op_at, "text can only be compared with == or !=");
        }
        return node(ps, kinds[k], left, right);
    }
    return left;
}

static pf_expr *parse_not(parser *ps)
{
    return parse_prefixed(ps, "not", N_NOT, parse_compare);
}

static pf_expr *parse_and(parser *ps)
{
    static const char *const ops[] = { "and" };
    static const node_kind kinds[] = { N_AND };
    return parse_chain(ps, parse_not, N_AND, ops, kinds, 1);
}

static pf_expr *parse_or(parser *ps)
{
    static const char *const ops[] = { "or" };
    static const node_kind kinds[] = { N_OR };
    return parse_chain(ps, parse_and, N_OR, ops, kinds, 1);
}

pf_expr *pf__expr_parse(const pf_allocator *a, const char *text, bool (*known)(void *ctx, const char *name),
                        void *known_ctx, size_t *error_column, pf_error *err)
{
    parser ps = { a, text, text, known, known_ctx, false, false, 0, 0, err };
    pf_expr *e = parse_or(&ps);
    if (e) {
        skip_space(&ps);
        if (*ps.p) {
            pf__expr_free(a, e);
            e = fail_at(&ps, ps.p, "unexpected '%c' after a complete condition", *ps.p);
        } else if (!is_condition(e)) {
            pf__expr_free(a, e);
            e = fail_at(&ps, text, "a condition must be true or false: compare the value with something");
        }
    }
    if (!e)
        *error_column = ps.oom ? 0 : ps.error_column;
    return e;
}

/* Recursion over a tree is bounded by its depth (see struct pf_expr). */
void pf__expr_free(const pf_allocator *a, pf_expr *e)
{
    if (!e)
        return;
    for (size_t i = 0; i < e->count; i++)
        pf__expr_free(a, e->args[i].e);
    pf__free(a, e->args);
    pf__free(a, e->text);
    pf__free(a, e);
}

pf_expr *pf__expr_clone(const pf_allocator *a, const pf_expr *e)
{
    if (!e)
        return NULL;
    pf_expr *c = pf__calloc(a, 1, sizeof *c);
    if (!c)
        return NULL;
    c->kind = e->kind;
    c->number = e->number;
    c->truth = e->truth;
    if ((e->text && !(c->text = pf__strdup(a, e->text))) ||
        (e->count && !(c->args = pf__calloc(a, e->count, sizeof *c->args)))) {
        pf__expr_free(a, c);
        return NULL;
    }
    c->cap = e->count;
    for (; c->count < e->count; c->count++) {
        c->args[c->count].op = e->args[c->count].op;
        if (!(c->args[c->count].e = pf__expr_clone(a, e->args[c->count].e))) {
            pf__expr_free(a, c);
            return NULL;
        }
    }
    return c;
}

bool pf__expr_substitute(const char *template_name, const char *subject_kind, const char *subject, char *out,
                         size_t cap)
{
    size_t o = 0, klen = subject_kind ? strlen(subject_kind) : 0;
    for (const char *p = template_name; *p;) {
        if (*p == '{' && subject_kind && strncmp(p + 1, subject_kind, klen) == 0 && p[1 + klen] == '}') {
            size_t n = strlen(subject);
            if (o + n >= cap)
                return false;
            memcpy(out + o, subject, n);
            o += n;
            p += klen + 2;
        } else {
            if (*p == '{' || o + 1 >= cap)
                return false; /* a placeholder for another kind of subject, or too long */
            out[o++] = *p++;
        }
    }
    out[o] = '\0';
    return true;
}

void pf__expr_names(const pf_expr *e, void (*visit)(void *ctx, const char *template_name), void *ctx)
{
    if (!e)
        return;
    if (e->kind == N_NAME)
        visit(ctx, e->text);
    for (size_t i = 0; i < e->count; i++)
        pf__expr_names(e->args[i].e, visit, ctx);
}

typedef struct eval {
    const char *kind;
    const char *subject;
    pf_expr_lookup lookup;
    void *ctx;
} eval;

static pf_value missing(void)
{
    pf_value v = { PF_VALUE_MISSING, 0, NULL, false };
    return v;
}

static pf_value number(double d)
{
    pf_value v = { PF_VALUE_NUMBER, d, NULL, false };
    return isfinite(d) ? v : missing();
}

static pf_value truth(bool b)
{
    pf_value v = { PF_VALUE_BOOL, 0, NULL, b };
    return v;
}

static pf_value evaluate(const pf_expr *e, const eval *ev);

/* Kept out of evaluate() so that its name buffer is not on every level of the recursion. */
static PF_NOINLINE pf_value metric(const pf_expr *e, const eval *ev)
{
    char name[128];
    pf_value v;
    if (!pf__expr_substitute(e->text, ev->kind, ev->subject, name, sizeof name) || !ev->lookup(ev->ctx, name, &v))
        return missing();
    return v;
}

/* Missing is "unknown": false and unknown is false; true or unknown is true. */
static pf_value logic(const pf_expr *e, const eval *ev)
{
    bool conjunction = e->kind == N_AND, unknown = false;
    for (size_t i = 0; i < e->count; i++) {
        pf_value v = evaluate(e->args[i].e, ev);
        if (v.type != PF_VALUE_BOOL)
            unknown = true;
        else if (v.truth != conjunction)
            return truth(!conjunction);
    }
    return unknown ? missing() : truth(conjunction);
}

/* A sum or product, from left to right. */
static pf_value arithmetic(const pf_expr *e, const eval *ev)
{
    pf_value acc = evaluate(e->args[0].e, ev);
    for (size_t i = 1; i < e->count && acc.type == PF_VALUE_NUMBER; i++) {
        pf_value b = evaluate(e->args[i].e, ev);
        if (b.type != PF_VALUE_NUMBER)
            return missing();
        switch (e->args[i].op) {
        case N_ADD: acc = number(acc.number + b.number); break;
        case N_SUB: acc = number(acc.number - b.number); break;
        case N_MUL: acc = number(acc.number * b.number); break;
        default: acc = b.number == 0 ? missing() : number(acc.number / b.number); break;
        }
    }
    return acc.type == PF_VALUE_NUMBER ? acc : missing();
}

static pf_value compare(const pf_expr *e, const eval *ev)
{
    pf_value a = evaluate(e->args[0].e, ev), b = evaluate(e->args[1].e, ev);
    if (a.type == PF_VALUE_TEXT && b.type == PF_VALUE_TEXT) {
        bool same = strcmp(a.text, b.text) == 0;
        return e->kind == N_EQ ? truth(same) : e->kind == N_NE ? truth(!same) : missing();
    }
    if (a.type != PF_VALUE_NUMBER || b.type != PF_VALUE_NUMBER)
        return missing();
    /* Metrics carry rounding (0.6 - 0.5 is 0.09999999999999998): values within a
       billionth of each other, relative to their size, are equal. */
    double tolerance = 1e-9 * fmax(1, fmax(fabs(a.number), fabs(b.number)));
    bool equal = fabs(a.number - b.number) <= tolerance;
    switch (e->kind) {
    case N_EQ: return truth(equal);
    case N_NE: return truth(!equal);
    case N_LT: return truth(a.number < b.number && !equal);
    case N_LE: return truth(a.number < b.number || equal);
    case N_GT: return truth(a.number > b.number && !equal);
    default: return truth(a.number > b.number || equal);
    }
}

/* Prefix '-', abs, min and max. */
static pf_value function(const pf_expr *e, const eval *ev)
{
    pf_value a = evaluate(e->args[0].e, ev), b = e->count > 1 ? evaluate(e->args[1].e, ev) : a;
    if (a.type != PF_VALUE_NUMBER || b.type != PF_VALUE_NUMBER)
        return missing();
    switch (e->kind) {
    case N_NEG: return number(-a.number);
    case N_ABS: return number(fabs(a.number));
    case N_MIN: return number(a.number < b.number ? a.number : b.number);
    default: return number(a.number > b.number ? a.number : b.number);
    }
}

/* Recursion is bounded by the tree's depth (see struct pf_expr). */
static pf_value evaluate(const pf_expr *e, const eval *ev)
{
    switch (e->kind) {
    case N_NUMBER: return number(e->number);
    case N_BOOL: return truth(e->truth);
    case N_TEXT: {
        pf_value v = { PF_VALUE_TEXT, 0, e->text, false };
        return v;
    }
    case N_NAME: return metric(e, ev);
    case N_NOT: {
        pf_value a = evaluate(e->args[0].e, ev);
        return a.type == PF_VALUE_BOOL ? truth(!a.truth) : missing();
    }
    case N_AND:
    case N_OR: return logic(e, ev);
    case N_SUM:
    case N_PRODUCT: return arithmetic(e, ev);
    case N_EQ:
    case N_NE:
    case N_LT:
    case N_LE:
    case N_GT:
    case N_GE: return compare(e, ev);
    default: return function(e, ev);
    }
}

bool pf__expr_holds(const pf_expr *e, const char *subject_kind, const char *subject, pf_expr_lookup lookup, void *ctx)
{
    eval ev = { subject_kind, subject, lookup, ctx };
    pf_value v = evaluate(e, &ev);
    return v.type == PF_VALUE_BOOL && v.truth;
}
