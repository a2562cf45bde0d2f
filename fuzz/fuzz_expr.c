/*
 * libFuzzer target: the input's bytes drive a grammar-aware generator of rule conditions
 * (expr_gen.c); the condition is read as the `when` of a one-rule catalogue and, when it
 * loads, evaluated over a small portfolio (examples/data/minimal.yaml, embedded).
 *
 * Beyond "no crash", it checks what the generator promises: a valid condition loads, a
 * broken one is refused, and every refusal is one problem located inside the condition.
 * A condition that loads is evaluated together with its negation, which must never both fire.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <portfolio/portfolio.h>

#include "expr_gen.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char minimal[] = "portfolio: 1\n"
                              "organisation: {name: Harbour Town Digital Team, country: NL, level: team, people: 12,\n"
                              "  sectors: [public_admin, information]}\n"
                              "projects:\n"
                              "  - {id: online-forms, purpose: enhancement, driver: enhancement, priority: high,\n"
                              "     stage: implementing}\n"
                              "  - {id: open-data-portal, purpose: adaptive, driver: enhancement, priority: medium,\n"
                              "     stage: piloting, tags: [data, open-data]}\n"
                              "  - {id: quay-futures, purpose: anticipatory, driver: anticipatory, priority: low,\n"
                              "     stage: idea, tags: [foresight, data]}\n"
                              "assessments:\n"
                              "  - respondent: r-001\n"
                              "    role: team\n"
                              "    answers: {q1.mission: 2, q1.enhancement: 4, q1.anticipatory: 1, q1.adaptive: 3,\n"
                              "      q2: [enhancement, adaptive, mission, anticipatory], q10: [enhancement],\n"
                              "      q17: unsure, q18b: agree}\n";

/* The analysis of the example, computed once. */
static pf_analysis analysis;

static void load_example(void)
{
    static pf_doc *doc;
    static pf_scores *scores;
    static pf_map *map;
    static size_t counts[PF_RELATION_KIND_COUNT] = { 1, 0, 2, 0 };
    if (doc)
        return;
    if (pf_doc_read_buffer(minimal, strlen(minimal), "minimal", NULL, &doc, NULL, NULL) != PF_OK ||
        pf_doc_score(doc, NULL, &scores, NULL, NULL) != PF_OK || pf_doc_map(doc, scores, NULL, &map, NULL) != PF_OK)
        abort();
    analysis.scores = scores;
    analysis.map = map;
    analysis.relation_counts = counts;
}

static void fail(const expr_gen_result *r, const char *why, const pf_error *e)
{
    fprintf(stderr, "expr_gen (%s, %s): %s\ncondition: %s\n", r->expect == EXPR_GEN_VALID ? "valid" : "not valid",
            r->what ? r->what : "-", why, r->text);
    if (e)
        fprintf(stderr, "problem: %s:%u:%u: %s\n", e->source, e->line, e->column, e->message);
    abort();
}

/* A refusal must be one problem, located in the condition (by column, or by character when escaped). */
static void check_refusal(const expr_gen_result *r, const pf_diagnostics *diags)
{
    if (pf_diagnostics_count(diags) != 1)
        fail(r, "refused with other than one problem", pf_diagnostics_at(diags, 0));
    const pf_error *e = pf_diagnostics_at(diags, 0);
    size_t chars = expr_gen_chars(r);
    if (e->code != PF_EINVALID || strcmp(e->source, "expr.yaml") != 0 || e->line != EXPR_GEN_LINE ||
        strncmp(e->message, "rules[0].when: rule g: ", 23) != 0)
        fail(r, "refused elsewhere than in the condition", e);
    if (expr_gen_verbatim(r)) {
        if (e->column < EXPR_GEN_COLUMN || e->column > EXPR_GEN_COLUMN + chars)
            fail(r, "refused at a column outside the condition", e);
    } else {
        const char *at = strstr(e->message, "(at character ");
        unsigned long n = at ? strtoul(at + 14, NULL, 10) : 0;
        if (e->column != EXPR_GEN_COLUMN - 1 || n < 1 || n > chars + 1)
            fail(r, "refused at a character outside the condition", e);
    }
}

/*
 * Evaluates a rule and, when its depth allows, its negation: they never both fire for a
 * subject. Returns the advice as JSON in `json`.
 */
static void evaluate(const expr_gen_result *r, const pf_rules *rules, size_t size, pf_buf *json)
{
    pf_advice_options ao = PF_ADVICE_OPTIONS_INIT;
    ao.lang = size % 2 ? "fr" : "en";
    pf_advice *advice = NULL;
    if (pf_recommend(rules, &analysis, &ao, &advice, NULL) != PF_OK)
        fail(r, "pf_recommend failed", NULL);
    if (pf_advice_write_json(advice, json, NULL) != PF_OK)
        fail(r, "pf_advice_write_json failed", NULL);
    size_t n = pf_advice_count(advice);
    for (size_t i = 0; i < n; i++) {
        const pf_recommendation *a = pf_advice_at(advice, i);
        for (size_t j = i + 1; j < n; j++) {
            const pf_recommendation *b = pf_advice_at(advice, j);
            if (strcmp(a->rule, b->rule) != 0 &&
                ((!a->subject && !b->subject) || (a->subject && b->subject && strcmp(a->subject, b->subject) == 0)))
                fail(r, "the condition and its negation both fire", NULL);
        }
    }
    pf_advice_free(advice);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    load_example();
    expr_gen_source src = { data, size, 0, 0 };
    expr_gen_result r;
    expr_gen(&src, -1, &r);

    size_t len;
    char *yaml = expr_gen_catalogue(&r, &len);
    /* The negation, as a second rule after the first (whose line stays EXPR_GEN_LINE). */
    if (r.depth + 2 <= PF_MAX_EXPR_DEPTH && r.expect == EXPR_GEN_VALID) {
        size_t extra = strlen(r.text) + 128;
        char *both = malloc(len + extra);
        if (!both)
            abort();
        int n = snprintf(both, len + extra, "%s  - {id: n, kind: info, priority: 1, %s%s%smessage: {en: \"negated\"}, when: \"not (%s)\"}\n",
                         yaml, r.subject ? "for: " : "", r.subject ? r.subject : "", r.subject ? ", " : "", r.text);
        free(yaml);
        yaml = both;
        len = (size_t)n;
    }

    pf_read_options opts = PF_READ_OPTIONS_INIT;
    opts.max_bytes = (size_t)16 << 20;
    opts.max_string = (size_t)8 << 20;
    pf_diagnostics *diags = NULL;
    if (pf_diagnostics_new(NULL, &diags) != PF_OK)
        abort();
    pf_rules *rules = NULL;
    pf_status s = pf_rules_read_buffer(yaml, len, "expr.yaml", &opts, &rules, diags, NULL);
    if (s == PF_OK) {
        if (r.expect == EXPR_GEN_BROKEN)
            fail(&r, "a broken condition was accepted", NULL);
        /* A copy made by merging into an empty catalogue (deep and long trees cloned) says the same. */
        static const char empty[] = "catalogue: 1\nrules: []\n";
        pf_rules *copy = NULL;
        if (pf_rules_read_buffer(empty, sizeof empty - 1, "empty", NULL, &copy, NULL, NULL) != PF_OK ||
            pf_rules_merge(copy, rules, NULL) != PF_OK)
            fail(&r, "merging into an empty catalogue failed", NULL);
        pf_buf a = PF_BUF_INIT, b = PF_BUF_INIT;
        evaluate(&r, rules, size, &a);
        pf_rules_free(rules);
        rules = NULL;
        evaluate(&r, copy, size, &b);
        if (a.size != b.size || memcmp(a.data, b.data, a.size) != 0)
            fail(&r, "the merged copy gives other advice", NULL);
        pf_buf_dispose(&a);
        pf_buf_dispose(&b);
        pf_rules_free(copy);
    } else if (s == PF_EINVALID) {
        if (r.expect == EXPR_GEN_VALID)
            fail(&r, "a valid condition was refused", pf_diagnostics_at(diags, 0));
        check_refusal(&r, diags);
    } else {
        fail(&r, "reading failed with neither success nor a refusal", pf_diagnostics_at(diags, 0));
    }
    pf_rules_free(rules);
    pf_diagnostics_free(diags);
    free(yaml);
    expr_gen_result_free(&r);
    return 0;
}
