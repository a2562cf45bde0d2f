/* Evaluating a rule catalogue over a portfolio's metrics: recommendations with evidence. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "metrics.h"
#include "rules.h"

struct pf_advice {
    pf_allocator alloc;
    pf_recommendation *items;
    size_t count, cap;
};

typedef struct context {
    const pf_rules *rules;
    const char *lang;        /* the language asked for */
    const char *render_lang; /* the language of the message being rendered (English when it fell back) */
    pf_named_metric *metrics;
    size_t metric_count;
    pf_strmap index;
    /* the catalogue's words, indexed, each in the language asked for and in English */
    pf_strmap words;
    char *word_keys;
    const char **word_lang, **word_en;
    /* evidence of the rule being evaluated; noted[m] == evaluation when metric m is in it */
    pf_evidence *evidence;
    size_t evidence_count, evidence_cap;
    size_t *noted, evaluation;
    bool failed;
    pf_allocator alloc;
} context;

static bool lookup(void *ctx, const char *name, pf_value *out)
{
    context *c = ctx;
    size_t i;
    if (!pf__strmap_get(&c->index, name, &i))
        return false;
    const pf_named_metric *m = &c->metrics[i];
    out->type = m->text ? PF_VALUE_TEXT : PF_VALUE_NUMBER;
    out->number = m->value;
    out->text = m->text;
    out->truth = false;
    return true;
}

/* Records a metric as evidence once (the metric's name is copied with the advice later). */
static void note_evidence(context *c, const char *name)
{
    size_t i;
    if (!pf__strmap_get(&c->index, name, &i) || c->noted[i] == c->evaluation)
        return;
    c->noted[i] = c->evaluation;
    if (pf__grow(&c->alloc, (void **)&c->evidence, &c->evidence_cap, c->evidence_count + 1, sizeof *c->evidence) !=
        PF_OK) {
        c->failed = true;
        return;
    }
    pf_evidence e = { c->metrics[i].name, c->metrics[i].value, c->metrics[i].text };
    c->evidence[c->evidence_count++] = e;
}

typedef struct names_visit {
    context *c;
    const char *kind;
    const char *subject;
} names_visit;

static void visit_name(void *ctx, const char *template_name)
{
    names_visit *v = ctx;
    char name[128];
    if (pf__expr_substitute(template_name, v->kind, v->subject, name, sizeof name))
        note_evidence(v->c, name);
}

/* ---- rendering ---- */

static const char *vocabulary(const context *c, pf_subject_kind kind, int subject, const char *attribute)
{
    size_t i;
    if (!pf__vocab_find(&c->words, kind, subject, attribute, &i))
        return NULL;
    return strcmp(c->render_lang, c->lang) == 0 ? c->word_lang[i] : c->word_en[i];
}

/* A number as the language writes it: French uses a decimal comma and a narrow space before %. */
static void format_value(const context *c, double v, const char *format, char *out, size_t cap)
{
    char num[40];
    bool percent = false;
    if (format && strcmp(format, "percent") == 0) {
        v *= 100;
        percent = true;
    } else if (format && strcmp(format, "pct") == 0) {
        percent = true;
    }
    double rounded = v >= 0 ? floor(v + 0.5) : -floor(-v + 0.5);
    if (format && strcmp(format, "one") == 0) {
        double tenths = (v >= 0 ? floor(v * 10 + 0.5) : -floor(-v * 10 + 0.5)) / 10;
        pf__format_number(tenths, num);
        if (!strchr(num, '.') && !strchr(num, 'e'))
            strcat(num, ".0");
    } else if (format || rounded == v) {
        pf__format_number(rounded, num);
    } else {
        pf__format_number(round(v * 100) / 100, num);
    }
    bool french = strcmp(c->render_lang, "fr") == 0;
    if (french)
        for (char *p = num; *p; p++)
            if (*p == '.')
                *p = ',';
    snprintf(out, cap, "%s%s", num, percent ? (french ? "\u202f%" : "%") : "");
}

static pf_status render(context *c, const pf_translations *message, pf_subject_kind kind, int subject,
                        const char *subject_id, pf_buf *out, const char **used_lang)
{
    const char *tmpl = pf__translation(message, c->lang, used_lang);
    const char *kind_name = pf__subject_kind_name(kind);
    /* Words and numbers follow the language the message is actually in. */
    c->render_lang = *used_lang;
    out->size = 0;
    if (pf__buf_append(out, "", 0) != PF_OK)
        return PF_ENOMEM;
    for (const char *p = tmpl; *p; p++) {
        if ((*p == '{' && p[1] == '{') || (*p == '}' && p[1] == '}')) {
            if (pf__buf_append(out, p++, 1) != PF_OK)
                return PF_ENOMEM;
            continue;
        }
        if (*p != '{') {
            if (pf__buf_append(out, p, 1) != PF_OK)
                return PF_ENOMEM;
            continue;
        }
        const char *q = p + 1;
        int depth = 1;
        while (*q && depth) {
            depth += *q == '{' ? 1 : *q == '}' ? -1 : 0;
            if (depth)
                q++;
        }
        char inner[160];
        size_t len = (size_t)(q - p - 1) < sizeof inner - 1 ? (size_t)(q - p - 1) : sizeof inner - 1;
        memcpy(inner, p + 1, len);
        inner[len] = '\0';
        p = *q ? q : q - 1;
        char *bar = strchr(inner, '|');
        if (bar)
            *bar++ = '\0';
        char text[256];
        const char *attribute;
        if (!bar && pf__placeholder_subject(inner, kind_name, &attribute)) {
            /* {facet} is the subject's name; {facet.needs} another of its words; both fall back to the id. */
            const char *word = vocabulary(c, kind, subject, attribute);
            if (pf__buf_puts(out, word ? word : subject_id) != PF_OK)
                return PF_ENOMEM;
            continue;
        }
        char name[128];
        pf_value v;
        if (!pf__expr_substitute(inner, kind_name, subject_id, name, sizeof name) || !lookup(c, name, &v)) {
            snprintf(text, sizeof text, "?");
        } else {
            note_evidence(c, name);
            if (v.type == PF_VALUE_TEXT)
                snprintf(text, sizeof text, "%s", v.text);
            else
                format_value(c, v.number, bar, text, sizeof text);
        }
        if (pf__buf_puts(out, text) != PF_OK)
            return PF_ENOMEM;
    }
    return PF_OK;
}

/* ---- evaluation ---- */

static pf_status add_recommendation(pf_advice *adv, context *c, const pf_rule *rule, const char *subject_id,
                                    const char *message, const char *lang)
{
    const pf_allocator *a = &adv->alloc;
    if (pf__grow(a, (void **)&adv->items, &adv->cap, adv->count + 1, sizeof *adv->items) != PF_OK)
        return PF_ENOMEM;
    pf_recommendation *r = &adv->items[adv->count];
    memset(r, 0, sizeof *r);
    r->kind = rule->kind;
    r->priority = rule->priority;
    r->subject_kind = pf__subject_kind_name(rule->subject_kind);
    pf_evidence *ev = pf__calloc(a, c->evidence_count ? c->evidence_count : 1, sizeof *ev);
    r->rule = pf__strdup(a, rule->id);
    r->message = pf__strdup(a, message);
    r->subject = subject_id ? pf__strdup(a, subject_id) : NULL;
    r->evidence = ev;
    r->lang = pf__strdup(a, lang);
    adv->count++; /* from here pf_advice_free releases whatever was copied */
    if (!ev || !r->rule || !r->message || (subject_id && !r->subject) || !r->lang)
        return PF_ENOMEM;
    for (size_t i = 0; i < c->evidence_count; i++) {
        ev[i] = c->evidence[i];
        ev[i].metric = pf__strdup(a, c->evidence[i].metric);
        r->evidence_count++;
        if (!ev[i].metric)
            return PF_ENOMEM;
    }
    return PF_OK;
}

/* Strengths first, then by priority and rule id; evaluation order (subjects in enum order) settles the rest. */
static int compare_recommendations(const pf_recommendation *a, const pf_recommendation *b)
{
    bool sa = a->kind == PF_ADVICE_STRENGTH, sb = b->kind == PF_ADVICE_STRENGTH;
    if (sa != sb)
        return sa ? -1 : 1;
    if (a->priority != b->priority)
        return a->priority < b->priority ? -1 : 1;
    return strcmp(a->rule, b->rule);
}

static int compare_in_order(const void *x, const void *y)
{
    const pf_recommendation *a = *(const pf_recommendation *const *)x, *b = *(const pf_recommendation *const *)y;
    int c = compare_recommendations(a, b);
    return c ? c : a < b ? -1 : a > b; /* in evaluation order: a stable sort */
}

/* Sorts the recommendations, keeping the evaluation order among equals; n log n for any catalogue. */
static pf_status sort_recommendations(pf_advice *adv)
{
    if (adv->count < 2)
        return PF_OK;
    const pf_recommendation **order = pf__malloc(&adv->alloc, adv->count * sizeof *order);
    pf_recommendation *sorted = pf__malloc(&adv->alloc, adv->count * sizeof *sorted);
    if (!order || !sorted) {
        pf__free(&adv->alloc, order);
        pf__free(&adv->alloc, sorted);
        return PF_ENOMEM;
    }
    for (size_t i = 0; i < adv->count; i++)
        order[i] = &adv->items[i];
    qsort(order, adv->count, sizeof *order, compare_in_order);
    for (size_t i = 0; i < adv->count; i++)
        sorted[i] = *order[i];
    pf__free(&adv->alloc, order);
    pf__free(&adv->alloc, adv->items);
    adv->items = sorted;
    adv->cap = adv->count;
    return PF_OK;
}

/* The catalogue's words indexed, each in the language asked for and in English. */
static pf_status index_words(context *c)
{
    size_t n = c->rules->vocab_count;
    c->word_lang = pf__calloc(&c->alloc, n ? n : 1, sizeof *c->word_lang);
    c->word_en = pf__calloc(&c->alloc, n ? n : 1, sizeof *c->word_en);
    if (!c->word_lang || !c->word_en ||
        pf__vocab_index(&c->alloc, c->rules->vocab, n, &c->words, &c->word_keys) != PF_OK)
        return PF_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        c->word_lang[i] = pf__translation(&c->rules->vocab[i].text, c->lang, NULL);
        c->word_en[i] = pf__translation(&c->rules->vocab[i].text, "en", NULL);
    }
    return PF_OK;
}

pf_status pf_recommend(const pf_rules *rules, const pf_analysis *analysis, const pf_advice_options *opts,
                       pf_advice **out, pf_error *err)
{
    if (!analysis || !out)
        return pf__fail(err, PF_EARG, "analysis or out is NULL");
    if (opts && opts->version != PF_ADVICE_OPTIONS_VERSION)
        return pf__fail(err, PF_EARG, "unknown pf_advice_options version %u", opts->version);
    pf_rules *own = NULL;
    if (!rules) {
        pf_status s = pf_rules_open_default(NULL, &own, err);
        if (s != PF_OK)
            return s;
        rules = own;
    }
    context c;
    memset(&c, 0, sizeof c);
    c.rules = rules;
    c.alloc = rules->alloc;
    c.lang = opts && opts->lang ? opts->lang : "en";
    pf_metric_sources src = { analysis->scores, analysis->map, analysis->relation_counts };
    pf_advice *adv = pf__calloc(&c.alloc, 1, sizeof *adv);
    pf_buf text = PF_BUF_INIT;
    text.allocator = c.alloc;
    pf_status s = adv && pf__metrics_collect(&c.alloc, &src, &c.metrics, &c.metric_count) == PF_OK ? PF_OK : PF_ENOMEM;
    if (adv)
        adv->alloc = c.alloc;
    for (size_t i = 0; s == PF_OK && i < c.metric_count; i++)
        s = pf__strmap_put(&c.alloc, &c.index, c.metrics[i].name, i);
    if (s == PF_OK && !(c.noted = pf__calloc(&c.alloc, c.metric_count ? c.metric_count : 1, sizeof *c.noted)))
        s = PF_ENOMEM;
    if (s == PF_OK)
        s = index_words(&c);
    for (size_t r = 0; s == PF_OK && r < rules->count; r++) {
        const pf_rule *rule = &rules->rules[r];
        const pf__names *subjects = pf__subjects_of(rule->subject_kind);
        const char *kind_name = pf__subject_kind_name(rule->subject_kind);
        size_t n = subjects ? subjects->count : 1;
        for (size_t k = 0; s == PF_OK && k < n; k++) {
            const char *subject = subjects ? subjects->names[k] : NULL;
            if (!pf__expr_holds(rule->when, kind_name, subject ? subject : "", lookup, &c))
                continue;
            c.evidence_count = 0;
            c.evaluation++;
            names_visit v = { &c, kind_name, subject ? subject : "" };
            pf__expr_names(rule->when, visit_name, &v);
            const char *lang = "en";
            s = render(&c, &rule->message, rule->subject_kind, (int)k, subject, &text, &lang);
            if (s == PF_OK && c.failed)
                s = PF_ENOMEM;
            if (s == PF_OK)
                s = add_recommendation(adv, &c, rule, subject, text.data, lang);
        }
    }
    pf_buf_dispose(&text);
    pf__strmap_free(&c.alloc, &c.index);
    pf__strmap_free(&c.alloc, &c.words);
    pf__free(&c.alloc, c.word_keys);
    pf__free(&c.alloc, c.word_lang);
    pf__free(&c.alloc, c.word_en);
    pf__free(&c.alloc, c.noted);
    pf__free(&c.alloc, c.metrics);
    pf__free(&c.alloc, c.evidence);
    pf_rules_free(own);
    if (s == PF_OK)
        s = sort_recommendations(adv);
    if (s != PF_OK) {
        pf_advice_free(adv);
        return pf__oom(err);
    }
    *out = adv;
    return PF_OK;
}

void pf_advice_free(pf_advice *adv)
{
    if (!adv)
        return;
    pf_allocator a = adv->alloc;
    for (size_t i = 0; i < adv->count; i++) {
        pf_recommendation *r = &adv->items[i];
        for (size_t k = 0; k < r->evidence_count; k++)
            pf__free(&a, (char *)(uintptr_t)r->evidence[k].metric);
        pf__free(&a, (void *)(uintptr_t)r->evidence);
        pf__free(&a, (char *)(uintptr_t)r->rule);
        pf__free(&a, (char *)(uintptr_t)r->message);
        pf__free(&a, (char *)(uintptr_t)r->subject);
        pf__free(&a, (char *)(uintptr_t)r->lang);
    }
    pf__free(&a, adv->items);
    pf__free(&a, adv);
}

size_t pf_advice_count(const pf_advice *adv)
{
    return adv->count;
}

const pf_recommendation *pf_advice_at(const pf_advice *adv, size_t index)
{
    return index < adv->count ? &adv->items[index] : NULL;
}

void pf__advice_json(pf_json *j, const pf_advice *adv)
{
    pf__json_object_begin(j);
    pf__json_key(j, "schema_version");
    pf__json_integer(j, 1);
    pf__json_key(j, "recommendations");
    pf__json_array_begin(j);
    for (size_t i = 0; i < adv->count; i++) {
        const pf_recommendation *r = &adv->items[i];
        pf__json_object_begin(j);
        pf__json_key(j, "rule");
        pf__json_string(j, r->rule);
        pf__json_key(j, "kind");
        pf__json_string(j, pf_advice_kind_name(r->kind));
        pf__json_key(j, "priority");
        pf__json_integer(j, r->priority);
        if (r->subject) {
            pf__json_key(j, r->subject_kind);
            pf__json_string(j, r->subject);
        }
        pf__json_key(j, "lang");
        pf__json_string(j, r->lang);
        pf__json_key(j, "message");
        pf__json_string(j, r->message);
        pf__json_key(j, "evidence");
        pf__json_object_begin(j);
        for (size_t k = 0; k < r->evidence_count; k++) {
            pf__json_key(j, r->evidence[k].metric);
            if (r->evidence[k].text)
                pf__json_string(j, r->evidence[k].text);
            else
                pf__json_number(j, r->evidence[k].value);
        }
        pf__json_object_end(j);
        pf__json_object_end(j);
    }
    pf__json_array_end(j);
    pf__json_object_end(j);
}

pf_status pf_advice_write_json(const pf_advice *adv, pf_buf *out, pf_error *err)
{
    if (!adv || !out)
        return pf__fail(err, PF_EARG, "advice or out is NULL");
    pf_json j;
    pf__json_open(&j, out, NULL, NULL);
    pf__advice_json(&j, adv);
    return pf__json_close(&j, err);
}
