/*
 * Grammar-aware generator of rule conditions (see expr_gen.h).
 *
 * Every fault is one that no surrounding text can repair, so a condition with exactly one is
 * refused wherever the fault lands: parentheses and quotes only ever come in pairs in a valid
 * condition, a stray character or a doubled operator can never be consumed, a dropped operand
 * is followed by ')' which cannot start one, and so on. A second fault could cancel the first
 * ('(' here and ')' there), so there is never more than one.
 */
#include "expr_gen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* PF_MAX_EXPR_DEPTH in include/portfolio/advice.h; the generator is kept free of the library. */
#define LIMIT 64
/* Past this size only terminals are generated, except by the long-chain and deep constructs. */
#define BUDGET 4096

typedef struct gen {
    expr_gen_source *src;
    char *s;
    size_t len, cap;
    int subject;        /* 0 none, 1 facet, 2 dimension, 3 role */
    int fault;          /* a fault is still to be placed */
    const char *what;   /* the fault placed */
    unsigned maxdepth;  /* deepest nesting generated */
    unsigned calls;     /* generator recursion (chains nest without deepening the condition) */
} gen;

unsigned expr_gen_pick(expr_gen_source *src, unsigned n)
{
    if (n <= 1)
        return 0;
    uint32_t v;
    if (src->data) {
        v = 0;
        for (unsigned bytes = n > 256 ? 2 : 1; bytes--;)
            v = v << 8 | (src->pos < src->size ? src->data[src->pos++] : 0);
    } else {
        uint64_t x = src->state; /* xorshift64* */
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        src->state = x;
        v = (uint32_t)((x * 0x2545F4914F6CDD1DULL) >> 32);
    }
    return v % n;
}

static unsigned pick(gen *g, unsigned n)
{
    return expr_gen_pick(g->src, n);
}

static void put_n(gen *g, const char *s, size_t n)
{
    if (g->len + n + 1 > g->cap) {
        g->cap = (g->len + n + 1) * 2;
        if (!(g->s = realloc(g->s, g->cap)))
            abort();
    }
    memcpy(g->s + g->len, s, n);
    g->len += n;
    g->s[g->len] = '\0';
}

static void put(gen *g, const char *s)
{
    put_n(g, s, strlen(s));
}

static void repeat(gen *g, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        put(g, s);
}

/* Space between tokens: almost always one space, sometimes more or a tab. */
static void sp(gen *g)
{
    static const char *const spaces[] = { " ", " ", " ", "  ", "\t", " \t " };
    put(g, spaces[pick(g, 6)]);
}

static void reach(gen *g, unsigned depth)
{
    if (depth > g->maxdepth)
        g->maxdepth = depth;
}

#define COUNT(a) (sizeof(a) / sizeof *(a))

/* ---- vocabulary (docs/metrics.md) ---- */

static const char *const facets[] = { "enhancement", "mission", "adaptive", "anticipatory" };
static const char *const dimensions[] = { "sense-making", "stewardship", "structures", "resources", "learning",
                                          "ecosystem" };
static const char *const roles[] = { "individual", "team", "senior-management", "steward", "external" };
static const char *const zones[] = { "enhancement", "mission",   "adaptive",   "anticipatory", "sustaining",
                                     "transformative", "disruptive", "optimising", "mixed" };
static const char *const stages[] = { "idea", "exploring", "piloting", "implementing", "scaling", "embedded", "stopped" };
static const char *const relations[] = { "synergy", "tension", "duplicate", "handover" };
static const char *const kinds[] = { NULL, "{facet}", "{dimension}", "{role}" };

/* A facet, dimension or role: the rule's placeholder when it iterates over that kind, sometimes. */
static const char *word(gen *g, int kind, const char *const *list, size_t n)
{
    if (g->subject == kind && pick(g, 3) == 2)
        return kinds[kind];
    return list[pick(g, (unsigned)n)];
}

/* A metric of a respondent group, without the group's prefix ("role.team." or none). */
static void group_metric(gen *g, int text)
{
    char b[96];
    if (text) {
        switch (pick(g, 3)) {
        case 0: put(g, "tendency"); return;
        case 1: put(g, "capability.level"); return;
        default:
            snprintf(b, sizeof b, "capability.%s.level", word(g, 2, dimensions, COUNT(dimensions)));
            put(g, b);
            return;
        }
    }
    static const char *const sd[] = { "", ".sd" };
    switch (pick(g, 6)) {
    case 0: put(g, "respondents"); return;
    case 1: snprintf(b, sizeof b, "orientation.%s%s", word(g, 1, facets, COUNT(facets)), sd[pick(g, 2)]); break;
    case 2: snprintf(b, sizeof b, "capability.%s%s", word(g, 2, dimensions, COUNT(dimensions)), sd[pick(g, 2)]); break;
    case 3: snprintf(b, sizeof b, "capability.score%s", sd[pick(g, 2)]); break;
    case 4: snprintf(b, sizeof b, "orientation.%s.strong", word(g, 1, facets, COUNT(facets))); break;
    default: snprintf(b, sizeof b, "orientation.%s", pick(g, 2) ? "strong_count" : "top_margin"); break;
    }
    put(g, b);
}

/* A metric name valid for the rule's subject kind (a text metric when `text`). */
static void metric(gen *g, int text)
{
    char b[96];
    if (pick(g, 4) == 3) {
        snprintf(b, sizeof b, "role.%s.", word(g, 3, roles, COUNT(roles)));
        put(g, b);
        group_metric(g, text);
        return;
    }
    if (text || pick(g, 2) == 0) {
        group_metric(g, text);
        return;
    }
    const char *f = word(g, 1, facets, COUNT(facets));
    switch (pick(g, 10)) {
    case 0: put(g, "portfolio.projects"); return;
    case 1: snprintf(b, sizeof b, "portfolio.%s", pick(g, 2) ? "placed" : "weighted"); break;
    case 2: snprintf(b, sizeof b, "portfolio.%s.%s", (const char *[]){ "share", "target", "orientation", "gap", "mismatch" }[pick(g, 5)], f); break;
    case 3: snprintf(b, sizeof b, "portfolio.%s", (const char *[]){ "hhi", "effective_facets", "balance_distance", "mixed_high_priority" }[pick(g, 4)]); break;
    case 4: snprintf(b, sizeof b, "portfolio.zone%s.%s", pick(g, 2) ? "_share" : "", zones[pick(g, COUNT(zones))]); break;
    case 5: snprintf(b, sizeof b, "portfolio.stage.%s", stages[pick(g, COUNT(stages))]); break;
    case 6: snprintf(b, sizeof b, "relations.%s", relations[pick(g, COUNT(relations))]); break;
    case 7: snprintf(b, sizeof b, "flags.%s", pick(g, 2) ? "low_agreement" : "perception_gap"); break;
    default: snprintf(b, sizeof b, "orientation.%s", f); break;
    }
    put(g, b);
}

/* Names that are no metric for any rule (or not for this rule's subject). */
static void unknown_metric(gen *g)
{
    static const char *const names[] = { "orientation.missoin", "portfolio.share.innovation", "capability.{facet}",
                                         "orientation.{dimension}.sd", "respondent", "portfolio.zone.nowhere",
                                         "role.boss.respondents", "x", "portfolio.projects.", "capability.{role",
                                         "orientation.{facet" };
    unsigned i = pick(g, COUNT(names) + 1);
    if (i < COUNT(names))
        put(g, names[i]);
    else /* a placeholder where the rule has none of that kind */
        put(g, g->subject == 1 ? "capability.{dimension}" : "orientation.{facet}");
    g->what = "unknown metric";
}

static const char *const texts[] = { "'all-four'", "'weak-in-all'", "'medium'", "'enhancement+mission'", "''",
                                     "'caf\xc3\xa9'", "'x y'", "'\xe2\x86\x92'", "'low'" };

static void text_literal(gen *g)
{
    put(g, texts[pick(g, COUNT(texts))]);
}

/* A number literal; some are extreme: very long, very large, very small. */
static void number(gen *g)
{
    static const char *const plain[] = { "1", "0", "2", "50", "100", "0.5", ".5", "1.", "0.0", "007", "3.14159",
                                         "0.000001", "99999999999999999999", "108", "0.25" };
    unsigned i = pick(g, COUNT(plain) + 6);
    if (i < COUNT(plain)) {
        put(g, plain[i]);
        return;
    }
    switch (i - COUNT(plain)) {
    case 0: repeat(g, "9", 64); break; /* 64 digits */
    case 1: put(g, "1"); repeat(g, "0", 99); break;
    case 2: put(g, "179769313486231570"); repeat(g, "0", 291); break; /* DBL_MAX, 309 digits */
    case 3: put(g, "0."); repeat(g, "0", 323); put(g, "5"); break; /* 5e-324, the smallest subnormal */
    case 4: put(g, "0."); repeat(g, "0", 400); put(g, "1"); break;       /* underflows to 0 */
    default: repeat(g, "1234567890", 7); put(g, "."); repeat(g, "0987654321", 7); break;
    }
}

static void bad_number(gen *g)
{
    static const char *const bad[] = { "1e308", "5e-324", "1e999", "1.2.3", "1..5", "2.5e3", "0x10", "1E5" };
    unsigned i = pick(g, COUNT(bad) + 1);
    if (i < COUNT(bad)) {
        put(g, bad[i]);
        g->what = "malformed number";
    } else {
        put(g, "2");
        repeat(g, "0", 400); /* 2e400: beyond the largest double */
        g->what = "number too large";
    }
}

/* A character no valid condition holds outside text (nor ',', '(', ')', quotes, operators, letters, digits). */
static void stray(gen *g)
{
    static const char *const strays[] = { "@", "#", "$", "%", "^", "&", ";", ":", "?", "~", "[", "]", "|", "`",
                                          "{", "}", "!", "=", "\xc3\xa9", "\xe2\x86\x92", "\xc2\xa0" };
    put(g, strays[pick(g, COUNT(strays))]);
    g->what = "stray character";
}

/*
 * `tight`: the value is the operand of a prefix '-' or 'not', which binds tighter than a chain,
 * so a chain there is parenthesised (else "not a or b" would not be the tree generated, and
 * the nesting counted would be wrong).
 */
static void num_in(gen *g, unsigned depth, int tight);
static void cond_in(gen *g, unsigned depth, int tight);

static void num(gen *g, unsigned depth)
{
    num_in(g, depth, 0);
}

static void cond(gen *g, unsigned depth)
{
    cond_in(g, depth, 0);
}

/* A numeric value as it can stand next to others without joining them: a literal or a name. */
static void terminal(gen *g)
{
    if (pick(g, 2))
        metric(g, 0);
    else
        number(g);
}

/* A short operand for long chains. */
static void short_terminal(gen *g)
{
    static const char *const shorts[] = { "1", "0", ".5", "100", "respondents", "portfolio.projects" };
    put(g, shorts[pick(g, COUNT(shorts))]);
}

/* Nesting from `depth` to `to` levels around a numeric terminal, in a loop (not recursion). */
static void deep_num(gen *g, unsigned depth, unsigned to)
{
    static const char *const open[] = { "(", "-", "abs(", "min(", "max(1, ", "- " };
    static const char *const close[] = { ")", "", ")", ", 2)", ")", "" };
    size_t n = to > depth ? to - depth : 0;
    unsigned char *k = malloc(n ? n : 1);
    if (!k)
        abort();
    unsigned mix = pick(g, 7); /* one kind throughout, or (6) every kind */
    for (size_t i = 0; i < n; i++) {
        k[i] = (unsigned char)(mix < 6 ? mix : pick(g, 6));
        put(g, open[k[i]]);
    }
    terminal(g);
    for (size_t i = n; i-- > 0;)
        put(g, close[k[i]]);
    free(k);
    reach(g, depth + (unsigned)n);
}

/* The depth a deep construct reaches: just at or past the limit. */
static unsigned deep_target(gen *g, int past)
{
    static const unsigned at[] = { LIMIT, LIMIT - 1, LIMIT - 2 };
    static const unsigned beyond[] = { LIMIT + 1, LIMIT + 2, 2 * LIMIT, 1000, 20000 };
    return past ? beyond[pick(g, COUNT(beyond))] : at[pick(g, COUNT(at))];
}

/* How many operands a chain has: mostly a few, sometimes very many. */
static size_t chain_length(gen *g)
{
    static const size_t lengths[] = { 2, 3, 4, 5, 2, 3, 64, 65, 1000, 5000 };
    return lengths[pick(g, COUNT(lengths))];
}

/* ---- faults: each replaces one operand and makes any condition holding it invalid ---- */

static void num_fault(gen *g, unsigned depth)
{
    g->fault = 0;
    static const char *const ops[] = { "+", "*", "/" };
    switch (pick(g, 14)) {
    case 0: put(g, "( "); num(g, depth); g->what = "unbalanced '('"; break;
    case 1: num(g, depth); put(g, " )"); g->what = "unbalanced ')'"; break;
    case 2: terminal(g); put(g, " "); stray(g); put(g, " "); terminal(g); break;
    case 3: /* a dropped right operand */
        put(g, "(");
        num(g, depth + 1);
        sp(g);
        put(g, (const char *[]){ "+", "-", "*", "/" }[pick(g, 4)]);
        put(g, " )");
        g->what = "dropped operand";
        break;
    case 4: /* a doubled operator ('-' is not one: "a - -b" is valid) */ {
        const char *op = ops[pick(g, 3)];
        terminal(g);
        sp(g);
        put(g, op);
        sp(g);
        put(g, op);
        sp(g);
        terminal(g);
        g->what = "doubled operator";
        break;
    }
    case 5: terminal(g); sp(g); terminal(g); g->what = "doubled operand"; break;
    case 6: /* a function with the wrong number of values */
        switch (pick(g, 6)) {
        case 0: put(g, "abs("); terminal(g); put(g, ", "); terminal(g); put(g, ")"); break;
        case 1: put(g, "min("); terminal(g); put(g, ")"); break;
        case 2: put(g, "max("); terminal(g); put(g, ", 1, 2)"); break;
        case 3: put(g, "abs()"); break;
        case 4: put(g, "min()"); break;
        default: put(g, "max(1,)"); break;
        }
        g->what = "wrong arity";
        break;
    case 7: /* a condition, a text or a truth value where a number is needed */
        switch (pick(g, 4)) {
        case 0: put(g, "( "); cond(g, depth + 1); put(g, " ) + 1"); break;
        case 1: put(g, "( "); text_literal(g); put(g, " + "); terminal(g); put(g, " )"); break;
        case 2: put(g, "abs( "); cond(g, depth + 1); put(g, " )"); break;
        default: put(g, pick(g, 2) ? "true * 2" : "1 - false"); break;
        }
        g->what = "type error";
        break;
    case 8: unknown_metric(g); break;
    case 9: bad_number(g); break;
    case 10: deep_num(g, depth, deep_target(g, 1)); g->what = "too deep"; break;
    case 11: put(g, "'unclosed"); g->what = "unclosed text"; break;
    case 12: /* a dropped left operand */
        put(g, "( ");
        put(g, ops[pick(g, 3)]);
        sp(g);
        terminal(g);
        put(g, " )");
        g->what = "dropped operand";
        break;
    default: put(g, "min(1, 2"); g->what = "unbalanced '('"; break;
    }
}

static void cond_fault(gen *g, unsigned depth)
{
    g->fault = 0;
    static const char *const cmps[] = { "==", "!=", "<", "<=", ">", ">=" };
    switch (pick(g, 10)) {
    case 0: put(g, "( "); cond(g, depth); g->what = "unbalanced '('"; break;
    case 1: cond(g, depth); put(g, " )"); g->what = "unbalanced ')'"; break;
    case 2: stray(g); sp(g); cond(g, depth); break;
    case 3: put(g, "( "); cond(g, depth + 1); put(g, pick(g, 2) ? " and )" : " or )"); g->what = "dropped operand"; break;
    case 4: { /* a doubled operator */
        unsigned which = pick(g, 2);
        cond(g, depth);
        put(g, which ? " and and " : " or or ");
        cond(g, depth);
        g->what = "doubled operator";
        break;
    }
    case 5: {
        const char *op = cmps[pick(g, 6)];
        terminal(g);
        sp(g);
        put(g, op);
        sp(g);
        put(g, op);
        sp(g);
        terminal(g);
        g->what = "doubled operator";
        break;
    }
    case 6: /* comparisons do not chain */
        terminal(g);
        put(g, " < ");
        terminal(g);
        put(g, pick(g, 2) ? " < " : " == ");
        terminal(g);
        g->what = "chained comparison";
        break;
    case 7: /* a number where a condition is needed, or conditions compared */
        switch (pick(g, 4)) {
        case 0: put(g, "( not "); num(g, depth + 2); put(g, " )"); break;
        case 1: put(g, "( "); num(g, depth + 1); put(g, " )"); break;
        case 2: put(g, "( "); cond(g, depth + 1); put(g, " ) > 1"); break;
        default: text_literal(g); put(g, pick(g, 2) ? " < " : " >= "); text_literal(g); break;
        }
        g->what = "type error";
        break;
    case 8: { /* too deep, through not and parentheses, then numbers */
        unsigned to = deep_target(g, 1);
        unsigned n = to > depth ? pick(g, to - depth + 1) : 0;
        for (unsigned i = 0; i < n; i++)
            put(g, i % 2 ? "(" : "not ");
        deep_num(g, depth + n, to);
        put(g, " > 0");
        for (unsigned i = 0; i < n; i++)
            put(g, i % 2 ? ")" : "");
        g->what = "too deep";
        break;
    }
    default: put(g, "'"); metric(g, 1); put(g, " == 'low'"); g->what = "unclosed text"; break;
    }
}

/* ---- valid constructs ---- */

/* A fault goes at about one node in eight, while one is still to be placed. */
static int fault_here(gen *g)
{
    return g->fault && pick(g, 8) == 7;
}

static void num_in(gen *g, unsigned depth, int tight)
{
    reach(g, depth);
    if (fault_here(g)) {
        num_fault(g, depth);
        return;
    }
    unsigned c = g->len > BUDGET || g->calls > 200 ? 0 : pick(g, 12);
    g->calls++;
    if ((depth >= LIMIT && c >= 3 && c != 8 && c != 9) || (depth + 2 > LIMIT && c == 11))
        c = 0; /* nothing may open a level */
    switch (c) {
    case 0:
    case 1: terminal(g); break;
    case 2: metric(g, 0); break;
    case 3: put(g, pick(g, 2) ? "-" : "- "); num_in(g, depth + 1, 1); break;
    case 4: put(g, "("); sp(g); num(g, depth + 1); sp(g); put(g, ")"); break;
    case 5: put(g, "abs("); num(g, depth + 1); put(g, ")"); break;
    case 6:
    case 7:
        put(g, pick(g, 2) ? "min(" : "max(");
        num(g, depth + 1);
        put(g, ",");
        sp(g);
        num(g, depth + 1);
        put(g, ")");
        break;
    case 8: { /* a chain of + - * / */
        static const char *const ops[] = { "+", "-", "*", "/" };
        if (tight && depth >= LIMIT) {
            terminal(g);
            break;
        }
        if (tight) {
            put(g, "(");
            reach(g, ++depth);
        }
        size_t n = chain_length(g);
        for (size_t i = 0; i < n; i++) {
            if (i) {
                sp(g);
                put(g, ops[pick(g, 4)]);
                sp(g);
            }
            if (n > 100)
                short_terminal(g);
            else if (pick(g, 2))
                terminal(g);
            else
                num(g, depth);
        }
        if (tight)
            put(g, ")");
        break;
    }
    case 9: deep_num(g, depth, deep_target(g, 0)); break;
    case 10: put(g, "-0"); reach(g, depth + 1); break;
    default: put(g, "min(0, -0)"); reach(g, depth + 2); break;
    }
    g->calls--;
}

static void comparison(gen *g, unsigned depth)
{
    static const char *const cmps[] = { "==", "!=", "<", "<=", ">", ">=" };
    num(g, depth);
    sp(g);
    put(g, cmps[pick(g, 6)]);
    sp(g);
    num(g, depth);
}

static void cond_in(gen *g, unsigned depth, int tight)
{
    reach(g, depth);
    if (fault_here(g)) {
        cond_fault(g, depth);
        return;
    }
    unsigned c = g->len > BUDGET || g->calls > 200 ? 0 : pick(g, 11);
    g->calls++;
    if (depth >= LIMIT && (c == 3 || c == 4 || c == 7))
        c = 0; /* nothing may open a level */
    switch (c) {
    case 0: comparison(g, depth); break;
    case 1: /* text */
        if (pick(g, 2)) {
            metric(g, 1);
            put(g, pick(g, 2) ? " == " : " != ");
            text_literal(g);
        } else {
            text_literal(g);
            put(g, pick(g, 2) ? " == " : " != ");
            if (pick(g, 2))
                metric(g, 1);
            else
                text_literal(g);
        }
        break;
    case 2: put(g, pick(g, 2) ? "true" : "false"); break;
    case 3:
        if (depth + 2 <= LIMIT && pick(g, 4) == 0) { /* two levels: not, then the parenthesis */
            put(g, "not(");
            cond(g, depth + 2);
            put(g, ")");
        } else {
            put(g, "not ");
            cond_in(g, depth + 1, 1);
        }
        break;
    case 4: put(g, "("); sp(g); cond(g, depth + 1); sp(g); put(g, ")"); break;
    case 5:
    case 6: { /* a chain of and/or */
        if (tight && depth >= LIMIT) {
            comparison(g, depth);
            break;
        }
        if (tight) {
            put(g, "(");
            reach(g, ++depth);
        }
        size_t n = chain_length(g);
        for (size_t i = 0; i < n; i++) {
            if (i)
                put(g, pick(g, 2) ? " and " : " or ");
            if (n > 100) {
                short_terminal(g);
                put(g, pick(g, 2) ? " < " : " >= ");
                short_terminal(g);
            } else {
                cond(g, depth);
            }
        }
        if (tight)
            put(g, ")");
        break;
    }
    case 7: put(g, "not "); comparison(g, depth + 1); break;
    case 8: { /* deep: not and parentheses, then numbers, up to at most the limit */
        unsigned to = deep_target(g, 0);
        unsigned n = to > depth ? pick(g, to - depth + 1) : 0;
        for (unsigned i = 0; i < n; i++)
            put(g, i % 2 ? "(" : "not ");
        deep_num(g, depth + n, to);
        put(g, " > 0");
        for (unsigned i = 0; i < n; i++)
            put(g, i % 2 ? ")" : "");
        reach(g, depth + n);
        break;
    }
    default: comparison(g, depth); break;
    }
    g->calls--;
}

/* Where no fault was placed inside, one at the top. */
static void top_fault(gen *g)
{
    g->fault = 0;
    switch (pick(g, 7)) {
    case 0: g->len = 0, g->maxdepth = 0; g->s[0] = '\0'; put(g, pick(g, 2) ? "" : "   "); g->what = "empty"; break;
    case 1: g->len = 0, g->maxdepth = 0; num(g, 0); g->what = "a number, not a condition"; break;
    case 2: put(g, pick(g, 2) ? " and" : " or"); g->what = "dropped operand"; break;
    case 3: put(g, " )"); g->what = "unbalanced ')'"; break;
    case 4: put(g, " "); stray(g); break;
    case 5: g->len = 0, g->maxdepth = 0; text_literal(g); g->what = "a text, not a condition"; break;
    default: put(g, " not"); g->what = "dropped operand"; break;
    }
}

/* ---- blind mutations (the free mode) ---- */

static size_t char_start(const char *s, size_t len, size_t i)
{
    while (i > 0 && i < len && ((unsigned char)s[i] & 0xC0) == 0x80)
        i--;
    return i;
}

static void mutate(gen *g)
{
    static const char *const inserts[] = { "(", ")", "'", "-", "not ", " and ", ",", "{", "}", ".", "e", "\"",
                                           "\\", "\xc3\xa9", "0", "abs(", "==", "\t", " ", "a" };
    for (unsigned m = 1 + pick(g, 3); m--;) {
        size_t at = char_start(g->s, g->len, g->len ? pick(g, (unsigned)g->len + 1) : 0);
        size_t end = char_start(g->s, g->len, at + pick(g, 8));
        if (end < at)
            end = at;
        if (end > g->len)
            end = g->len;
        switch (pick(g, 3)) {
        case 0: /* delete [at, end) */
            memmove(g->s + at, g->s + end, g->len - end + 1);
            g->len -= end - at;
            break;
        case 1: { /* duplicate [at, end) */
            size_t n = end - at;
            char *copy = malloc(n + 1);
            if (!copy)
                abort();
            memcpy(copy, g->s + at, n);
            size_t tail = g->len - at;
            put_n(g, copy, n); /* grows; then move into place */
            memmove(g->s + at + n, g->s + at, tail);
            memcpy(g->s + at, copy, n);
            free(copy);
            break;
        }
        default: {
            const char *ins = inserts[pick(g, COUNT(inserts))];
            size_t n = strlen(ins), tail = g->len - at;
            put_n(g, ins, n);
            memmove(g->s + at + n, g->s + at, tail);
            memcpy(g->s + at, ins, n);
            break;
        }
        }
        g->s[g->len] = '\0';
    }
    g->what = "mutated";
}

void expr_gen(expr_gen_source *src, int mode, expr_gen_result *out)
{
    gen g = { src, NULL, 0, 0, 0, 0, NULL, 0, 0 };
    put(&g, "");
    g.subject = (int)pick(&g, 4);
    expr_gen_expect expect = mode >= 0 ? (expr_gen_expect)mode : (expr_gen_expect)pick(&g, 3);
    g.fault = expect == EXPR_GEN_BROKEN;
    cond(&g, 0);
    if (g.fault)
        top_fault(&g);
    if (expect == EXPR_GEN_ANY)
        mutate(&g);
    out->text = g.s;
    out->len = g.len;
    out->subject = g.subject ? (const char *[]){ NULL, "facet", "dimension", "role" }[g.subject] : NULL;
    out->expect = expect;
    out->what = g.what;
    out->depth = g.maxdepth;
}

void expr_gen_result_free(expr_gen_result *r)
{
    free(r->text);
    r->text = NULL;
}

int expr_gen_verbatim(const expr_gen_result *r)
{
    for (size_t i = 0; i < r->len; i++)
        if (r->text[i] == '"' || r->text[i] == '\\' || ((unsigned char)r->text[i] < 0x20 && r->text[i] != '\t'))
            return 0;
    return 1;
}

size_t expr_gen_chars(const expr_gen_result *r)
{
    size_t n = 0;
    for (size_t i = 0; i < r->len; i++)
        n += ((unsigned char)r->text[i] & 0xC0) != 0x80;
    return n;
}

char *expr_gen_catalogue(const expr_gen_result *r, size_t *len)
{
    gen g = { NULL, NULL, 0, 0, 0, 0, NULL, 0, 0 };
    put(&g, "catalogue: 1\nrules:\n  - id: g\n    kind: info\n    priority: 1\n    when: \"");
    for (size_t i = 0; i < r->len; i++) {
        char c = r->text[i];
        char esc[8];
        if (c == '"' || c == '\\') {
            esc[0] = '\\', esc[1] = c, esc[2] = '\0';
        } else if ((unsigned char)c < 0x20 && c != '\t') {
            snprintf(esc, sizeof esc, "\\x%02x", (unsigned)(unsigned char)c);
        } else {
            esc[0] = c, esc[1] = '\0';
        }
        put(&g, esc);
    }
    put(&g, "\"\n");
    if (r->subject) {
        put(&g, "    for: ");
        put(&g, r->subject);
        put(&g, "\n");
    }
    put(&g, "    message: {en: \"fired\"}\n");
    *len = g.len;
    return g.s;
}
