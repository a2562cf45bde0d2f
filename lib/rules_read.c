/* Reading rule catalogues (format in docs/rules.md), built on yaml_events.h. */
#include <stdio.h>
#include <string.h>

#include "rules.h"
#include "yaml_events.h"

extern const char pf__default_rules_yaml[];
extern const size_t pf__default_rules_yaml_size;

typedef struct reader {
    pf_yreader y;
    pf_rules *rules;
    pf_known_names *known;
    pf_strmap rule_ids; /* ids of the rules read so far: keys are theirs */
} reader;

static bool lang_valid(const char *s)
{
    size_t n = strlen(s);
    if (n < 2 || n > 3)
        return false;
    for (size_t i = 0; i < n; i++)
        if (s[i] < 'a' || s[i] > 'z')
            return false;
    return true;
}

/* {en: "...", fr: "..."}: any two- or three-letter language codes. */
static bool read_translations(reader *r, pf_translations *out, bool need_english, const char *what)
{
    pf_map_iter it;
    bool ok = true;
    out->items = NULL;
    out->count = 0;
    if (!pf__yr_map_open(&r->y, &it, "a mapping of language codes to text"))
        return false;
    size_t cap = 0;
    pf_strmap *langs = NULL; /* an index of the languages given, once there are many */
    while (pf__yr_next(&r->y)) {
        pf__yr_path_set(&r->y, it.base);
        if (r->y.ev.type == YAML_MAPPING_END_EVENT)
            break;
        pf_pos key_pos = pf__yr_ev_pos(&r->y);
        const char *lang = pf__yr_scalar_text(&r->y, "a language code");
        char code[8] = "";
        if (lang && lang_valid(lang)) {
            pf__copy_truncated(code, sizeof code, lang);
            const void *base = out->items ? (const void *)&out->items[0].lang : NULL;
            size_t at = pf__list_find(&r->rules->alloc, &langs, base, sizeof *out->items, out->count, code);
            if (at == PF_LIST_NOMEM) {
                r->y.oom = true;
                return false;
            }
            if (at != SIZE_MAX) {
                pf__yr_problem(&r->y, key_pos, "language '%s' is given twice", code);
                code[0] = '\0';
            }
        } else if (lang) {
            char q[64];
            pf__quote(lang, q);
            pf__yr_problem(&r->y, key_pos, "%s is not a language code (two or three small letters, e.g. en, fr)", q);
        }
        if (!pf__yr_next(&r->y))
            break;
        if (code[0])
            pf__yr_path_push_key(&r->y, code);
        pf_pos pos = pf__yr_ev_pos(&r->y);
        const char *text = pf__yr_scalar_text(&r->y, "text");
        if (!text || !code[0]) {
            ok = false;
            continue;
        }
        if (!*text) {
            pf__yr_problem(&r->y, pos, "must not be empty");
            ok = false;
            continue;
        }
        if (pf__grow(&r->rules->alloc, (void **)&out->items, &cap, out->count + 1, sizeof *out->items) != PF_OK ||
            !(out->items[out->count].lang = pf__strdup(&r->rules->alloc, code))) {
            r->y.oom = true;
            pf__list_index_drop(&r->rules->alloc, &langs);
            return false;
        }
        out->items[out->count].pos = pf__yr_exact(&r->y, pos);
        if (!(out->items[out->count].text = pf__strdup(&r->rules->alloc, text))) {
            pf__free(&r->rules->alloc, out->items[out->count].lang);
            r->y.oom = true;
            pf__list_index_drop(&r->rules->alloc, &langs);
            return false;
        }
        out->count++;
    }
    pf__list_index_drop(&r->rules->alloc, &langs);
    pf__yr_path_set(&r->y, it.base);
    if (ok && need_english && !pf__translation(out, "en", NULL) && !r->y.stopped) {
        pf__yr_problem(&r->y, it.pos, "%s needs an English text (en), the fallback for every language", what);
        ok = false;
    }
    return ok;
}

static void read_subjects(reader *r)
{
    pf_map_iter kinds;
    static const pf__names *kind_names = &pf__subject_kind_names;
    if (!pf__yr_map_open(&r->y, &kinds, "a mapping of subject kinds (facet, dimension, role)"))
        return;
    while (pf__yr_map_next(&r->y, &kinds, kind_names, "subjects")) {
        pf_subject_kind kind = (pf_subject_kind)kinds.key;
        const pf__names *subjects = pf__subjects_of(kind);
        pf_map_iter subs;
        if (!pf__yr_map_open(&r->y, &subs, "a mapping of subjects to their words"))
            continue;
        while (pf__yr_map_next(&r->y, &subs, subjects, kind_names->names[kind])) {
            int subject = subs.key;
            pf_map_iter words;
            if (!pf__yr_map_open(&r->y, &words, "a mapping of words (name, needs, ...) to translations"))
                continue;
            pf_strvec seen = { NULL, 0, 0, NULL }; /* the subject's words so far, and the lines they are on */
            unsigned *lines = NULL;
            size_t lines_cap = 0;
            while (pf__yr_next(&r->y)) {
                pf__yr_path_set(&r->y, words.base);
                if (r->y.ev.type == YAML_MAPPING_END_EVENT)
                    break;
                pf_pos key_pos = pf__yr_ev_pos(&r->y);
                const char *word = pf__yr_scalar_text(&r->y, "a word");
                char attr[48] = "";
                if (word && pf__id_valid(word) && strlen(word) < sizeof attr)
                    pf__copy_truncated(attr, sizeof attr, word);
                else if (word)
                    pf__yr_problem(&r->y, key_pos, "words are letters, digits, '.', '_' or '-'");
                size_t first = attr[0] ? pf__strvec_find(&r->rules->alloc, &seen, attr) : SIZE_MAX;
                if (first == PF_LIST_NOMEM) {
                    r->y.oom = true;
                    attr[0] = '\0';
                } else if (first != SIZE_MAX) {
                    pf__yr_problem(&r->y, key_pos, "word '%s' is given twice (first at line %u)", attr, lines[first]);
                    attr[0] = '\0';
                } else if (attr[0] &&
                           (pf__grow(&r->rules->alloc, (void **)&lines, &lines_cap, seen.count + 1, sizeof *lines) !=
                                PF_OK ||
                            pf__strvec_push(&r->rules->alloc, &seen, attr) != PF_OK)) {
                    r->y.oom = true;
                }
                if (attr[0] && !r->y.oom)
                    lines[seen.count - 1] = key_pos.line;
                if (!pf__yr_next(&r->y))
                    break;
                if (!attr[0]) {
                    pf__yr_skip_node(&r->y);
                    continue;
                }
                pf__yr_path_push_key(&r->y, attr);
                pf_vocab v = { kind, subject, NULL, { NULL, 0 } };
                if (!read_translations(r, &v.text, true, "a word")) {
                    pf__translations_free(&r->rules->alloc, &v.text);
                    continue;
                }
                if (!(v.attribute = pf__strdup(&r->rules->alloc, attr)) ||
                    pf__grow(&r->rules->alloc, (void **)&r->rules->vocab, &r->rules->vocab_cap,
                             r->rules->vocab_count + 1, sizeof *r->rules->vocab) != PF_OK) {
                    pf__free(&r->rules->alloc, v.attribute);
                    pf__translations_free(&r->rules->alloc, &v.text);
                    r->y.oom = true;
                    break;
                }
                r->rules->vocab[r->rules->vocab_count++] = v;
            }
            pf__strvec_free(&r->rules->alloc, &seen);
            pf__free(&r->rules->alloc, lines);
            if (r->y.oom)
                return;
        }
    }
}

typedef struct name_check {
    reader *r;
    pf_subject_kind kind;
    const char *bad;
} name_check;

static bool name_known(void *ctx, const char *name)
{
    name_check *c = ctx;
    return pf__known_name(c->r->known, c->kind, name);
}

static void read_rule(reader *r)
{
    static const char *const key_names[] = { "id", "kind", "priority", "for", "when", "message" };
    static const pf__names keys = PF_NAMES(key_names);
    enum { K_ID, K_KIND, K_PRIORITY, K_FOR, K_WHEN, K_MESSAGE };
    pf_map_iter it;
    if (!pf__yr_map_open(&r->y, &it, "a mapping (a rule)"))
        return;
    pf_rule rule;
    memset(&rule, 0, sizeof rule);
    rule.subject_kind = PF_SUBJECT_NONE;
    char *when = NULL;
    pf_pos when_pos = { 0, 0, 0 };
    bool when_verbatim = false, ok = true;
    unsigned when_quote = 0;
    while (pf__yr_map_next(&r->y, &it, &keys, "a rule")) {
        pf_pos pos = pf__yr_ev_pos(&r->y);
        int v;
        int64_t n;
        switch (it.key) {
        case K_ID: {
            const char *text = pf__yr_read_id(&r->y, "a rule id");
            if (!text) {
                ok = false;
                break;
            }
            size_t first;
            if (pf__strmap_get(&r->rule_ids, text, &first)) {
                pf__yr_problem(&r->y, pos, "duplicate rule id '%s'", text);
                ok = false;
            }
            if (ok && !(rule.id = pf__strdup(&r->rules->alloc, text)))
                r->y.oom = true;
            break;
        }
        case K_KIND:
            if (pf__yr_read_enum(&r->y, &pf__advice_kind_names, &v))
                rule.kind = (pf_advice_kind)v;
            else
                ok = false;
            break;
        case K_PRIORITY:
            if (!pf__yr_read_integer(&r->y, &n))
                ok = false;
            else if (n < 1 || n > 9)
                pf__yr_problem(&r->y, pos, "must be 1 (most important) to 9 (got %lld)", (long long)n), ok = false;
            else
                rule.priority = (int)n;
            break;
        case K_FOR:
            if (pf__yr_read_enum(&r->y, &pf__subject_kind_names, &v))
                rule.subject_kind = (pf_subject_kind)v;
            else
                ok = false;
            break;
        case K_WHEN: {
            when_pos = pf__yr_exact(&r->y, pos);
            /* Columns inside the condition map onto the file only when the file holds it verbatim:
               one line, no escapes, no folding, no tag. */
            if (r->y.ev.type == YAML_SCALAR_EVENT) {
                yaml_scalar_style_t style = r->y.ev.data.scalar.style;
                size_t quote = style == YAML_SINGLE_QUOTED_SCALAR_STYLE || style == YAML_DOUBLE_QUOTED_SCALAR_STYLE;
                size_t end = pf__yr_pos_of_mark(&r->y, r->y.ev.end_mark).offset;
                const char *raw = r->y.data + when_pos.offset + quote;
                size_t raw_len = end >= when_pos.offset + 2 * quote ? end - when_pos.offset - 2 * quote : 0;
                when_verbatim = (style == YAML_PLAIN_SCALAR_STYLE || quote) &&
                                raw_len == r->y.ev.data.scalar.length && !memchr(raw, '\n', raw_len) &&
                                memcmp(raw, r->y.ev.data.scalar.value, raw_len) == 0;
                when_quote = (unsigned)quote;
            }
            const char *text = pf__yr_scalar_text(&r->y, "a condition");
            if (!text)
                ok = false;
            else if (!(when = pf__strdup(&r->rules->alloc, text)))
                r->y.oom = true;
            break;
        }
        case K_MESSAGE:
            if (!read_translations(r, &rule.message, true, "a message"))
                ok = false;
            break;
        }
    }
    pf__yr_map_require(&r->y, &it, &keys, (1u << K_ID) | (1u << K_KIND) | (1u << K_PRIORITY) | (1u << K_WHEN) | (1u << K_MESSAGE),
                       "a rule");
    ok = ok && it.present == ((1u << K_ID) | (1u << K_KIND) | (1u << K_PRIORITY) | (1u << K_WHEN) | (1u << K_MESSAGE) |
                              (it.present & (1u << K_FOR)));
    /* The condition and templates are checked once the rule's subject kind is known. */
    if (when && !r->y.oom) {
        pf_error e;
        size_t column = 0;
        name_check c = { r, rule.subject_kind, NULL };
        rule.when = pf__expr_parse(&r->rules->alloc, when, name_known, &c, &column, &e);
        if (!rule.when && e.code == PF_ENOMEM) {
            r->y.oom = true;
        } else if (!rule.when) {
            pf_pos at = when_pos;
            pf__yr_path_push_key(&r->y, "when");
            if (when_verbatim) {
                at.column += (unsigned)column - 1 + when_quote;
                at.offset = PF_OFFSET_UNKNOWN;
                pf__yr_problem(&r->y, at, "rule %s: %s", rule.id ? rule.id : "?", e.message);
            } else {
                pf__yr_problem(&r->y, at, "rule %s: %s (at character %zu of the condition)", rule.id ? rule.id : "?",
                               e.message, column);
            }
            pf__yr_path_set(&r->y, it.base);
            ok = false;
        }
    }
    for (size_t i = 0; ok && i < rule.message.count; i++) {
        char msg[PF_ERROR_MESSAGE_MAX / 2];
        if (!pf__template_check(rule.message.items[i].text, rule.subject_kind, r->known, msg, sizeof msg)) {
            pf__yr_path_push_key(&r->y, "message");
            pf__yr_path_push_key(&r->y, rule.message.items[i].lang);
            pf__yr_problem(&r->y, rule.message.items[i].pos, "rule %s: %s", rule.id, msg);
            pf__yr_path_set(&r->y, it.base);
            ok = false;
        }
    }
    pf__free(&r->rules->alloc, when);
    if (ok && !r->y.oom &&
        pf__grow(&r->rules->alloc, (void **)&r->rules->rules, &r->rules->cap, r->rules->count + 1,
                 sizeof *r->rules->rules) == PF_OK &&
        pf__strmap_put(&r->rules->alloc, &r->rule_ids, rule.id, r->rules->count) == PF_OK) {
        r->rules->rules[r->rules->count++] = rule;
        return;
    }
    if (ok)
        r->y.oom = true;
    pf__rule_free(&r->rules->alloc, &rule);
}

static void read_root(reader *r)
{
    static const char *const key_names[] = { "catalogue", "subjects", "rules" };
    static const pf__names keys = PF_NAMES(key_names);
    enum { K_CATALOGUE, K_SUBJECTS, K_RULES };
    pf_map_iter it;
    if (!pf__yr_map_open(&r->y, &it, "a mapping beginning with 'catalogue: 1'"))
        return;
    while (pf__yr_map_next(&r->y, &it, &keys, "the catalogue")) {
        pf_pos pos = pf__yr_ev_pos(&r->y);
        switch (it.key) {
        case K_CATALOGUE: {
            int64_t version;
            if (pf__yr_read_integer(&r->y, &version) && version != 1)
                pf__yr_problem(&r->y, pos, "unsupported catalogue version %lld (this library reads version 1)",
                               (long long)version);
            break;
        }
        case K_SUBJECTS:
            read_subjects(r);
            break;
        case K_RULES: {
            pf_seq_iter si;
            if (!pf__yr_seq_open(&r->y, &si, "a list of rules"))
                break;
            while (pf__yr_seq_next(&r->y, &si))
                read_rule(r);
            break;
        }
        }
    }
    pf__yr_map_require(&r->y, &it, &keys, 1u << K_CATALOGUE, "the catalogue (its format version, 1)");
}

static pf_status read_catalogue(void *ctx, const char *data, size_t size, const char *source,
                                const pf_read_options *ro, pf_diagnostics *diags, pf_error *err)
{
    pf_rules **out = ctx;
    pf_allocator a = pf__allocator_resolve(&ro->allocator);
    reader r;
    memset(&r, 0, sizeof r);
    r.rules = pf__calloc(&a, 1, sizeof *r.rules);
    if (!r.rules)
        return pf__oom(err);
    r.rules->alloc = a;
    if (pf__known_names_new(&a, &r.known) != PF_OK || pf__yr_open(&r.y, data, size, source, ro, &a) != PF_OK) {
        pf__known_names_free(r.known);
        pf__yr_close(&r.y, NULL, NULL);
        pf_rules_free(r.rules);
        return pf__oom(err);
    }
    if (pf__yr_root(&r.y, "at least 'catalogue: 1'")) {
        read_root(&r);
        pf__yr_end(&r.y);
    }
    pf__known_names_free(r.known);
    pf__strmap_free(&a, &r.rule_ids);
    pf_status s = pf__yr_close(&r.y, diags, err);
    if (s != PF_OK) {
        pf_rules_free(r.rules);
        return s;
    }
    *out = r.rules;
    return PF_OK;
}

pf_status pf_rules_read_buffer(const char *data, size_t size, const char *source, const pf_read_options *opts,
                               pf_rules **out, pf_diagnostics *diags, pf_error *err)
{
    if (!out)
        return pf__fail(err, PF_EARG, "out is NULL");
    return pf__yr_with_buffer(data, size, source, opts, diags, err, read_catalogue, out);
}

pf_status pf_rules_read_file(const char *path, const pf_read_options *opts, pf_rules **out, pf_diagnostics *diags,
                             pf_error *err)
{
    if (!out)
        return pf__fail(err, PF_EARG, "out is NULL");
    return pf__yr_with_file(path, opts, diags, err, read_catalogue, out);
}

pf_status pf_rules_open_default(const pf_allocator *allocator, pf_rules **out, pf_error *err)
{
    if (!out)
        return pf__fail(err, PF_EARG, "out is NULL");
    pf_read_options opts = PF_READ_OPTIONS_INIT;
    if (allocator)
        opts.allocator = *allocator;
    pf_status s = pf_rules_read_buffer(pf__default_rules_yaml, pf__default_rules_yaml_size, "<default rules>", &opts,
                                       out, NULL, err);
    /* The embedded catalogue is checked by the test suite, so only memory can fail here. */
    return s == PF_OK || s == PF_ENOMEM ? s : pf__fail(err, s, "the built-in rule catalogue is invalid: %s",
                                                        err ? err->message : "");
}
