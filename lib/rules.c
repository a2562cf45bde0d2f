/* Rule catalogues: the object, merging, names and message templates (see rules.h). */
#include <stdio.h>
#include <string.h>

#include "metrics.h"
#include "rules.h"

static const char *const subject_kind_names[] = { "facet", "dimension", "role" };
const pf__names pf__subject_kind_names = { subject_kind_names, 3 };

const char *pf__subject_kind_name(pf_subject_kind kind)
{
    return (int)kind >= 0 && (int)kind < PF_SUBJECT_KIND_COUNT ? subject_kind_names[kind] : NULL;
}

const pf__names *pf__subjects_of(pf_subject_kind kind)
{
    switch (kind) {
    case PF_SUBJECT_FACET: return &pf_facet__names;
    case PF_SUBJECT_DIMENSION: return &pf_dimension__names;
    case PF_SUBJECT_ROLE: return &pf_role__names;
    default: return NULL;
    }
}

static const char *const advice_kind_names[] = { "strength", "action", "warning", "info" };
const pf__names pf__advice_kind_names = { advice_kind_names, PF_ADVICE_KIND_COUNT };

const char *pf_advice_kind_name(pf_advice_kind kind)
{
    return (int)kind >= 0 && kind < PF_ADVICE_KIND_COUNT ? advice_kind_names[kind] : NULL;
}

pf_status pf_advice_kind_from_name(const char *name, pf_advice_kind *out)
{
    for (int i = 0; name && out && i < PF_ADVICE_KIND_COUNT; i++) {
        if (strcmp(name, advice_kind_names[i]) == 0) {
            *out = (pf_advice_kind)i;
            return PF_OK;
        }
    }
    return PF_EARG;
}

const char *pf__translation(const pf_translations *t, const char *lang, const char **used_lang)
{
    const char *english = NULL;
    for (size_t i = 0; i < t->count; i++) {
        if (lang && strcmp(t->items[i].lang, lang) == 0) {
            if (used_lang)
                *used_lang = t->items[i].lang;
            return t->items[i].text;
        }
        if (strcmp(t->items[i].lang, "en") == 0)
            english = t->items[i].text;
    }
    if (used_lang)
        *used_lang = "en";
    return english;
}

void pf__translations_free(const pf_allocator *a, pf_translations *t)
{
    for (size_t i = 0; i < t->count; i++) {
        pf__free(a, t->items[i].lang);
        pf__free(a, t->items[i].text);
    }
    pf__free(a, t->items);
    t->items = NULL;
    t->count = 0;
}

pf_status pf__translations_copy(const pf_allocator *a, const pf_translations *from, pf_translations *to)
{
    to->count = 0;
    to->items = pf__calloc(a, from->count ? from->count : 1, sizeof *to->items);
    if (!to->items)
        return PF_ENOMEM;
    for (size_t i = 0; i < from->count; i++) {
        to->items[i].pos = from->items[i].pos;
        to->items[i].lang = pf__strdup(a, from->items[i].lang);
        to->items[i].text = pf__strdup(a, from->items[i].text);
        to->count++;
        if (!to->items[i].lang || !to->items[i].text) {
            pf__translations_free(a, to);
            return PF_ENOMEM;
        }
    }
    return PF_OK;
}

void pf__rule_free(const pf_allocator *a, pf_rule *r)
{
    pf__free(a, r->id);
    pf__expr_free(a, r->when);
    pf__translations_free(a, &r->message);
}

void pf_rules_free(pf_rules *rules)
{
    if (!rules)
        return;
    pf_allocator a = rules->alloc;
    for (size_t i = 0; i < rules->count; i++)
        pf__rule_free(&a, &rules->rules[i]);
    for (size_t i = 0; i < rules->vocab_count; i++) {
        pf__free(&a, rules->vocab[i].attribute);
        pf__translations_free(&a, &rules->vocab[i].text);
    }
    pf__free(&a, rules->rules);
    pf__free(&a, rules->vocab);
    pf__free(&a, rules);
}

size_t pf_rules_count(const pf_rules *rules)
{
    return rules->count;
}

const char *pf_rules_id_at(const pf_rules *rules, size_t index)
{
    return index < rules->count ? rules->rules[index].id : NULL;
}

static pf_status copy_rule(const pf_allocator *a, const pf_rule *from, pf_rule *to)
{
    *to = *from;
    to->id = pf__strdup(a, from->id);
    to->when = pf__expr_clone(a, from->when);
    to->message.items = NULL;
    to->message.count = 0;
    if (!to->id || !to->when || pf__translations_copy(a, &from->message, &to->message) != PF_OK) {
        pf__rule_free(a, to);
        return PF_ENOMEM;
    }
    return PF_OK;
}

/* "kind:subject:attribute", the key of a word in a catalogue's vocabulary. */
static size_t vocab_key(const pf_vocab *v, char *out, size_t cap)
{
    int n = snprintf(out, cap, "%d:%d:%s", (int)v->kind, v->subject, v->attribute);
    return n < 0 ? 0 : (size_t)n;
}

pf_status pf__vocab_index(const pf_allocator *a, const pf_vocab *vocab, size_t count, pf_strmap *index, char **keys)
{
    size_t bytes = 1;
    for (size_t i = 0; i < count; i++)
        bytes += strlen(vocab[i].attribute) + 32;
    char *buf = pf__malloc(a, bytes);
    if (!buf)
        return PF_ENOMEM;
    size_t used = 0;
    for (size_t i = 0; i < count; i++) {
        char *key = buf + used;
        used += vocab_key(&vocab[i], key, bytes - used) + 1;
        if (pf__strmap_put(a, index, key, i) != PF_OK) {
            pf__strmap_free(a, index);
            pf__free(a, buf);
            return PF_ENOMEM;
        }
    }
    *keys = buf;
    return PF_OK;
}

bool pf__vocab_find(const pf_strmap *index, pf_subject_kind kind, int subject, const char *attribute, size_t *at)
{
    char key[160];
    pf_vocab v = { kind, subject, (char *)(uintptr_t)attribute, { NULL, 0 } };
    return vocab_key(&v, key, sizeof key) < sizeof key && pf__strmap_get(index, key, at);
}

pf_status pf_rules_merge(pf_rules *base, const pf_rules *extra, pf_error *err)
{
    if (!base || !extra)
        return pf__fail(err, PF_EARG, "rules is NULL");
    /* Copy everything first so a failure leaves base as it was. Ids, and words of a subject, are unique within
       a catalogue (readers refuse duplicates, and merging keeps them unique), so base's are all that can match. */
    pf_rule *rules = pf__calloc(&base->alloc, extra->count ? extra->count : 1, sizeof *rules);
    pf_vocab *vocab = pf__calloc(&base->alloc, extra->vocab_count ? extra->vocab_count : 1, sizeof *vocab);
    pf_strmap ids = { 0 }, words = { 0 };
    char *word_keys = NULL;
    size_t copied = 0, vcopied = 0;
    bool ok = rules && vocab && pf__vocab_index(&base->alloc, base->vocab, base->vocab_count, &words, &word_keys) == PF_OK;
    for (size_t i = 0; ok && i < base->count; i++)
        ok = pf__strmap_put(&base->alloc, &ids, base->rules[i].id, i) == PF_OK;
    /* copied and vcopied count only complete copies: a failed one has cleaned up after itself. */
    while (ok && copied < extra->count) {
        ok = copy_rule(&base->alloc, &extra->rules[copied], &rules[copied]) == PF_OK;
        copied += ok;
    }
    while (ok && vcopied < extra->vocab_count) {
        const pf_vocab *v = &extra->vocab[vcopied];
        pf_vocab *to = &vocab[vcopied];
        to->kind = v->kind;
        to->subject = v->subject;
        to->attribute = pf__strdup(&base->alloc, v->attribute);
        to->text.items = NULL;
        to->text.count = 0;
        ok = to->attribute && pf__translations_copy(&base->alloc, &v->text, &to->text) == PF_OK;
        if (!ok)
            pf__free(&base->alloc, to->attribute);
        vcopied += ok;
    }
    ok = ok && pf__grow(&base->alloc, (void **)&base->rules, &base->cap, base->count + extra->count,
                        sizeof *base->rules) == PF_OK;
    ok = ok && pf__grow(&base->alloc, (void **)&base->vocab, &base->vocab_cap, base->vocab_count + extra->vocab_count,
                        sizeof *base->vocab) == PF_OK;
    if (!ok) {
        for (size_t i = 0; rules && i < copied; i++)
            pf__rule_free(&base->alloc, &rules[i]);
        for (size_t i = 0; vocab && i < vcopied; i++) {
            pf__free(&base->alloc, vocab[i].attribute);
            pf__translations_free(&base->alloc, &vocab[i].text);
        }
        pf__free(&base->alloc, rules);
        pf__free(&base->alloc, vocab);
        pf__strmap_free(&base->alloc, &ids);
        pf__strmap_free(&base->alloc, &words);
        pf__free(&base->alloc, word_keys);
        return pf__oom(err);
    }
    for (size_t i = 0; i < extra->count; i++) {
        size_t k = base->count;
        if (pf__strmap_get(&ids, rules[i].id, &k)) {
            /* The index holds the old rule's id: keep that string, the same text as the new one. */
            char *kept = base->rules[k].id;
            base->rules[k].id = NULL;
            pf__rule_free(&base->alloc, &base->rules[k]);
            pf__free(&base->alloc, rules[i].id);
            rules[i].id = kept;
        } else {
            base->count++;
        }
        base->rules[k] = rules[i];
    }
    pf__strmap_free(&base->alloc, &ids);
    size_t old_vocab = base->vocab_count;
    for (size_t i = 0; i < extra->vocab_count; i++) {
        size_t k = base->vocab_count;
        if (pf__vocab_find(&words, vocab[i].kind, vocab[i].subject, vocab[i].attribute, &k) && k < old_vocab) {
            pf__free(&base->alloc, base->vocab[k].attribute);
            pf__translations_free(&base->alloc, &base->vocab[k].text);
        } else {
            k = base->vocab_count++;
        }
        base->vocab[k] = vocab[i];
    }
    pf__strmap_free(&base->alloc, &words);
    pf__free(&base->alloc, word_keys);
    pf__free(&base->alloc, rules);
    pf__free(&base->alloc, vocab);
    return PF_OK;
}

/* ---- known metric names ---- */

struct pf_known_names {
    pf_allocator alloc;
    pf_named_metric *names;
    size_t count;
    pf_strmap index;
};

pf_status pf__known_names_new(const pf_allocator *a, pf_known_names **out)
{
    pf_known_names *k = pf__calloc(a, 1, sizeof *k);
    if (!k)
        return PF_ENOMEM;
    k->alloc = *a;
    if (pf__metrics_all_names(a, &k->names, &k->count) != PF_OK) {
        pf__free(a, k);
        return PF_ENOMEM;
    }
    for (size_t i = 0; i < k->count; i++) {
        if (pf__strmap_put(a, &k->index, k->names[i].name, i) != PF_OK) {
            pf__known_names_free(k);
            return PF_ENOMEM;
        }
    }
    *out = k;
    return PF_OK;
}

void pf__known_names_free(pf_known_names *k)
{
    if (!k)
        return;
    pf_allocator a = k->alloc;
    pf__strmap_free(&a, &k->index);
    pf__free(&a, k->names);
    pf__free(&a, k);
}

bool pf__known_name(const pf_known_names *k, pf_subject_kind kind, const char *template_name)
{
    const pf__names *subjects = pf__subjects_of(kind);
    const char *kind_name = pf__subject_kind_name(kind);
    size_t n = subjects ? subjects->count : 1;
    /* The template must name a metric for every subject it can be asked about. */
    for (size_t i = 0; i < n; i++) {
        char name[128];
        size_t where;
        if (!pf__expr_substitute(template_name, kind_name, subjects ? subjects->names[i] : "", name, sizeof name) ||
            !pf__strmap_get(&k->index, name, &where))
            return false;
    }
    return true;
}

/* ---- message templates ---- */

static const char *const formats[] = { "int", "one", "pct", "percent" };

bool pf__placeholder_subject(const char *inner, const char *kind_name, const char **word)
{
    size_t n = kind_name ? strlen(kind_name) : 0;
    if (!kind_name || strncmp(inner, kind_name, n) != 0)
        return false;
    if (inner[n] == '\0') {
        *word = "name";
        return true;
    }
    if (inner[n] != '.' || !inner[n + 1] || strpbrk(inner + n + 1, ".{}|"))
        return false;
    *word = inner + n + 1;
    return true;
}

bool pf__template_check(const char *tmpl, pf_subject_kind kind, const pf_known_names *known, char *msg, size_t cap)
{
    const char *kind_name = pf__subject_kind_name(kind);
    for (const char *p = tmpl; *p; p++) {
        if (*p == '}' ) {
            if (p[1] == '}') {
                p++;
                continue;
            }
            snprintf(msg, cap, "a lone '}' (write '}}' for a brace)");
            return false;
        }
        if (*p != '{')
            continue;
        if (p[1] == '{') {
            p++;
            continue;
        }
        /* Find the matching close, allowing one level of {subject} inside a metric name. */
        const char *start = p + 1, *q = start;
        int depth = 1;
        while (*q && depth) {
            depth += *q == '{' ? 1 : *q == '}' ? -1 : 0;
            if (depth)
                q++;
        }
        if (!*q) {
            snprintf(msg, cap, "'{' without a closing '}'");
            return false;
        }
        char inner[160];
        size_t len = (size_t)(q - start);
        if (len == 0 || len >= sizeof inner) {
            snprintf(msg, cap, "an empty or overlong placeholder");
            return false;
        }
        memcpy(inner, start, len);
        inner[len] = '\0';
        p = q;
        char *bar = strchr(inner, '|');
        if (bar) {
            *bar = '\0';
            bool ok = false;
            for (size_t f = 0; f < sizeof formats / sizeof *formats; f++)
                ok = ok || strcmp(bar + 1, formats[f]) == 0;
            if (!ok) {
                snprintf(msg, cap, "unknown format '%s' in {%.60s} (int, one, pct or percent)", bar + 1, inner);
                return false;
            }
        }
        const char *word;
        if (pf__placeholder_subject(inner, kind_name, &word)) {
            if (!bar)
                continue;
            snprintf(msg, cap, "{%.60s|%s}: a subject's words take no format", inner, bar + 1);
            return false;
        }
        for (int k = 0; k < PF_SUBJECT_KIND_COUNT; k++) {
            if (k != (int)kind && pf__placeholder_subject(inner, subject_kind_names[k], &word)) {
                snprintf(msg, cap, "{%.60s} names a %s, but the rule %s", inner, subject_kind_names[k],
                         kind_name ? "iterates over another kind of subject" : "has no 'for'");
                return false;
            }
        }
        if (!pf__known_name(known, kind, inner)) {
            snprintf(msg, cap, "{%.60s} is not a metric (see docs/metrics.md) nor a word of the rule's subject", inner);
            return false;
        }
    }
    return true;
}
