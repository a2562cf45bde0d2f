/* Explanations and metric labels (explain.h): reading data/explanations.yaml and using it. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "explain.h"
#include "yaml_events.h"

extern const char pf__default_explanations_yaml[];
extern const size_t pf__default_explanations_yaml_size;

/* How a value is written; the words around it are data (the file's `units`). */
enum { U_COUNT, U_PCT, U_POINTS, U_PERCENT, U_PERCENTAGE_POINTS, U_NUMBER, U_FLAG, U_TENDENCY, U_LEVEL, UNIT_COUNT };
static const char *const unit_names[UNIT_COUNT] = { "count", "pct",  "points", "percent", "percentage-points",
                                                    "number", "flag", "tendency", "level" };
static const pf__names units_table = PF_NAMES(unit_names);

/* What a <placeholder> in a metric name stands for. */
enum { P_FACET, P_DIMENSION, P_ZONE, P_STAGE, P_ROLE, P_METRIC, PLACEHOLDER_COUNT };
static const char *const placeholder_names[PLACEHOLDER_COUNT] = { "facet", "dimension", "zone",
                                                                  "stage", "role",      "metric" };

static const pf__names *ids_of(int kind)
{
    switch (kind) {
    case P_FACET: return &pf_facet__names;
    case P_DIMENSION: return &pf_dimension__names;
    case P_ZONE: return &pf_zone__names;
    case P_STAGE: return &pf_stage__names;
    case P_ROLE: return &pf_role__names;
    default: return NULL;
    }
}

typedef struct text_entry {
    char *key;
    unsigned line; /* in its file, for the message about a second text of the key */
    char *text[PF__LANG_COUNT];
} text_entry;

typedef struct metric_entry {
    char *name;   /* a pattern: "portfolio.share.<facet>" */
    char *target; /* a pattern with the same placeholders, or NULL */
    int unit;     /* -1 for a <metric> wrapper, which takes the wrapped metric's */
    char *label[PF__LANG_COUNT];
} metric_entry;

struct pf_explanations {
    pf_allocator alloc;
    text_entry *texts;
    size_t text_count, text_cap;
    pf_strmap text_index;
    char *units[UNIT_COUNT][PF__LANG_COUNT];
    metric_entry *metrics;
    size_t metric_count, metric_cap;
};

void pf__explanations_free(pf_explanations *e)
{
    if (!e)
        return;
    const pf_allocator *a = &e->alloc;
    for (size_t i = 0; i < e->text_count; i++) {
        pf__free(a, e->texts[i].key);
        for (int l = 0; l < PF__LANG_COUNT; l++)
            pf__free(a, e->texts[i].text[l]);
    }
    pf__free(a, e->texts);
    pf__strmap_free(a, &e->text_index);
    for (int u = 0; u < UNIT_COUNT; u++)
        for (int l = 0; l < PF__LANG_COUNT; l++)
            pf__free(a, e->units[u][l]);
    for (size_t i = 0; i < e->metric_count; i++) {
        pf__free(a, e->metrics[i].name);
        pf__free(a, e->metrics[i].target);
        for (int l = 0; l < PF__LANG_COUNT; l++)
            pf__free(a, e->metrics[i].label[l]);
    }
    pf__free(a, e->metrics);
    pf__free(&e->alloc, e);
}

/* ---- reading ---- */

typedef struct reader {
    pf_yreader y;
    pf_explanations *e;
} reader;

/* {en: "...", fr: "..."}: English is required, as the fallback of every language. */
static bool read_pair(reader *r, char *out[PF__LANG_COUNT], pf_pos *positions, const char *what)
{
    static const char *const lang_names[PF__LANG_COUNT] = { "en", "fr" };
    static const pf__names langs = PF_NAMES(lang_names);
    pf_map_iter it;
    if (!pf__yr_map_open(&r->y, &it, "a mapping of languages (en, fr) to texts"))
        return false;
    while (pf__yr_map_next(&r->y, &it, &langs, what)) {
        pf_pos pos = pf__yr_ev_pos(&r->y);
        const char *t = pf__yr_scalar_text(&r->y, "a text");
        if (!t)
            continue;
        if (!*t) {
            pf__yr_problem(&r->y, pos, "must not be empty");
            continue;
        }
        if (!(out[it.key] = pf__strdup(&r->e->alloc, t)))
            r->y.oom = true;
        if (positions)
            positions[it.key] = pos;
    }
    pf__yr_map_require(&r->y, &it, &langs, 1u, what);
    return out[0] != NULL;
}

static void free_pair(reader *r, char *pair[PF__LANG_COUNT])
{
    for (int l = 0; l < PF__LANG_COUNT; l++) {
        pf__free(&r->e->alloc, pair[l]);
        pair[l] = NULL;
    }
}

static void read_texts(reader *r)
{
    pf_map_iter it;
    if (!pf__yr_map_open(&r->y, &it, "a mapping of text keys to texts"))
        return;
    while (pf__yr_next(&r->y)) {
        pf__yr_path_set(&r->y, it.base);
        if (r->y.ev.type == YAML_MAPPING_END_EVENT)
            break;
        pf_pos key_pos = pf__yr_ev_pos(&r->y);
        const char *key = pf__yr_read_id(&r->y, "a text key");
        char name[64] = "";
        size_t first;
        if (key && strlen(key) >= sizeof name)
            pf__yr_problem(&r->y, key_pos, "text keys are at most %zu characters", sizeof name - 1);
        else if (key && pf__strmap_get(&r->e->text_index, key, &first))
            pf__yr_problem(&r->y, key_pos, "text '%s' is given twice (first at line %u)", key, r->e->texts[first].line);
        else if (key)
            pf__copy_truncated(name, sizeof name, key);
        if (!pf__yr_next(&r->y))
            break;
        if (!name[0]) {
            pf__yr_skip_node(&r->y);
            continue;
        }
        pf__yr_path_push_key(&r->y, name);
        text_entry t = { NULL, key_pos.line, { NULL, NULL } };
        if (!read_pair(r, t.text, NULL, "a text")) {
            free_pair(r, t.text);
            continue;
        }
        if (!(t.key = pf__strdup(&r->e->alloc, name)) ||
            pf__grow(&r->e->alloc, (void **)&r->e->texts, &r->e->text_cap, r->e->text_count + 1,
                     sizeof *r->e->texts) != PF_OK) {
            pf__free(&r->e->alloc, t.key);
            free_pair(r, t.text);
            r->y.oom = true;
            return;
        }
        r->e->texts[r->e->text_count++] = t;
        if (pf__strmap_put(&r->e->alloc, &r->e->text_index, t.key, r->e->text_count - 1) != PF_OK) {
            r->y.oom = true;
            return;
        }
    }
    pf__yr_path_set(&r->y, it.base);
}

static void read_units(reader *r)
{
    pf_map_iter it;
    if (!pf__yr_map_open(&r->y, &it, "a mapping of units to texts"))
        return;
    while (pf__yr_map_next(&r->y, &it, &units_table, "units")) {
        char *pair[PF__LANG_COUNT] = { NULL, NULL };
        if (!read_pair(r, pair, NULL, "a unit")) {
            free_pair(r, pair);
            continue;
        }
        for (int l = 0; l < PF__LANG_COUNT; l++)
            r->e->units[it.key][l] = pair[l];
    }
    pf__yr_map_require(&r->y, &it, &units_table, (1u << UNIT_COUNT) - 1, "units");
}

/* The kind of a "<kind>" segment, or -1. */
static int placeholder_of(const char *seg, size_t len)
{
    if (len < 3 || seg[0] != '<' || seg[len - 1] != '>')
        return -1;
    for (int k = 0; k < PLACEHOLDER_COUNT; k++)
        if (strlen(placeholder_names[k]) == len - 2 && memcmp(seg + 1, placeholder_names[k], len - 2) == 0)
            return k;
    return -1;
}

/* Checks a name pattern; the placeholders it has as bits. False with a reason in msg. */
static bool pattern_check(const char *pattern, unsigned *kinds, char *msg, size_t cap)
{
    *kinds = 0;
    for (const char *p = pattern;;) {
        size_t len = strcspn(p, ".");
        if (!len) {
            snprintf(msg, cap, "a metric name has no empty part");
            return false;
        }
        int k = placeholder_of(p, len);
        if (k >= 0) {
            if (*kinds >> k & 1) {
                snprintf(msg, cap, "<%s> is in the name twice", placeholder_names[k]);
                return false;
            }
            if (k == P_METRIC && (p[len] || p == pattern)) {
                snprintf(msg, cap, "<metric> can only end a name that has a part before it");
                return false;
            }
            *kinds |= 1u << k;
        } else {
            for (size_t i = 0; i < len; i++) {
                char c = p[i];
                if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) {
                    snprintf(msg, cap,
                             "a metric name's parts are small letters, digits, '_' and '-', or one of <facet>, "
                             "<dimension>, <zone>, <stage>, <role>, <metric>");
                    return false;
                }
            }
        }
        if (!p[len])
            return true;
        p += len + 1;
    }
}

/* Checks that every {placeholder} of a label is one its name has. */
static bool label_check(const char *label, unsigned kinds, char *msg, size_t cap)
{
    for (const char *p = strchr(label, '{'); p; p = strchr(p + 1, '{')) {
        const char *end = strchr(p, '}');
        if (!end) {
            snprintf(msg, cap, "a '{' is not closed");
            return false;
        }
        size_t len = (size_t)(end - p - 1);
        int found = -1;
        for (int k = 0; k < PLACEHOLDER_COUNT && found < 0; k++) {
            const char *n = placeholder_names[k];
            if (strlen(n) == len && (memcmp(p + 1, n, len) == 0 ||
                                     (k != P_METRIC && p[1] == n[0] - 'a' + 'A' && memcmp(p + 2, n + 1, len - 1) == 0)))
                found = k;
        }
        if (found < 0 || !(kinds >> found & 1)) {
            snprintf(msg, cap, "{%.*s} is not a placeholder of this name", (int)(len > 20 ? 20 : len), p + 1);
            return false;
        }
        p = end;
    }
    return true;
}

static void read_metric(reader *r)
{
    static const char *const key_names[] = { "name", "unit", "target", "label" };
    static const pf__names keys = PF_NAMES(key_names);
    enum { K_NAME, K_UNIT, K_TARGET, K_LABEL };
    pf_map_iter it;
    if (!pf__yr_map_open(&r->y, &it, "a mapping (a metric: name, unit, label)"))
        return;
    metric_entry m = { NULL, NULL, -1, { NULL, NULL } };
    pf_pos name_pos = it.pos, target_pos = it.pos, unit_pos = it.pos, label_pos[PF__LANG_COUNT] = { it.pos, it.pos };
    bool ok = true;
    unsigned kinds = 0;
    char msg[200];
    while (pf__yr_map_next(&r->y, &it, &keys, "a metric")) {
        pf_pos pos = pf__yr_ev_pos(&r->y);
        int v;
        switch (it.key) {
        case K_NAME:
        case K_TARGET: {
            const char *t = pf__yr_scalar_text(&r->y, "a metric name");
            char **to = it.key == K_NAME ? &m.name : &m.target;
            if (it.key == K_NAME)
                name_pos = pos;
            else
                target_pos = pos;
            if (!t)
                ok = false;
            else if (!(*to = pf__strdup(&r->e->alloc, t)))
                r->y.oom = true;
            break;
        }
        case K_UNIT:
            unit_pos = pos;
            if (pf__yr_read_enum(&r->y, &units_table, &v))
                m.unit = v;
            else
                ok = false;
            break;
        case K_LABEL:
            if (!read_pair(r, m.label, label_pos, "a label"))
                ok = false;
            break;
        }
    }
    pf__yr_map_require(&r->y, &it, &keys, (1u << K_NAME) | (1u << K_LABEL), "a metric");
    if (m.name && ok) {
        pf__yr_path_push_key(&r->y, "name");
        if (!pattern_check(m.name, &kinds, msg, sizeof msg)) {
            pf__yr_problem(&r->y, name_pos, "%s", msg);
            ok = false;
        }
        for (size_t i = 0; ok && i < r->e->metric_count; i++) {
            if (strcmp(r->e->metrics[i].name, m.name) == 0) {
                pf__yr_problem(&r->y, name_pos, "metric '%s' is given twice", m.name);
                ok = false;
            }
        }
        pf__yr_path_set(&r->y, it.base);
    }
    if (ok && m.name) {
        bool wrapper = kinds >> P_METRIC & 1;
        if (wrapper && it.present >> K_UNIT & 1) {
            pf__yr_path_push_key(&r->y, "unit");
            pf__yr_problem(&r->y, unit_pos, "a name ending in <metric> takes the unit of the metric it stands for");
            ok = false;
        } else if (!wrapper && !(it.present >> K_UNIT & 1)) {
            pf__yr_problem(&r->y, it.pos, "missing key 'unit' in a metric");
            ok = false;
        }
        pf__yr_path_set(&r->y, it.base);
    }
    if (ok && m.target) {
        unsigned target_kinds;
        pf__yr_path_push_key(&r->y, "target");
        if (!pattern_check(m.target, &target_kinds, msg, sizeof msg)) {
            pf__yr_problem(&r->y, target_pos, "%s", msg);
            ok = false;
        } else if ((target_kinds & ~kinds) || (target_kinds >> P_METRIC & 1)) {
            pf__yr_problem(&r->y, target_pos, "a target has no placeholder its metric's name lacks, and no <metric>");
            ok = false;
        }
        pf__yr_path_set(&r->y, it.base);
    }
    for (int l = 0; ok && l < PF__LANG_COUNT; l++) {
        if (m.label[l] && !label_check(m.label[l], kinds, msg, sizeof msg)) {
            pf__yr_path_push_key(&r->y, "label");
            pf__yr_path_push_key(&r->y, l ? "fr" : "en");
            pf__yr_problem(&r->y, label_pos[l], "%s", msg);
            pf__yr_path_set(&r->y, it.base);
            ok = false;
        }
    }
    if (ok && !r->y.oom &&
        pf__grow(&r->e->alloc, (void **)&r->e->metrics, &r->e->metric_cap, r->e->metric_count + 1,
                 sizeof *r->e->metrics) == PF_OK) {
        r->e->metrics[r->e->metric_count++] = m;
        return;
    }
    if (ok)
        r->y.oom = true;
    pf__free(&r->e->alloc, m.name);
    pf__free(&r->e->alloc, m.target);
    free_pair(r, m.label);
}

static void read_root(reader *r)
{
    static const char *const key_names[] = { "explanations", "texts", "units", "metrics" };
    static const pf__names keys = PF_NAMES(key_names);
    enum { K_VERSION, K_TEXTS, K_UNITS, K_METRICS };
    pf_map_iter it;
    if (!pf__yr_map_open(&r->y, &it, "a mapping beginning with 'explanations: 1'"))
        return;
    while (pf__yr_map_next(&r->y, &it, &keys, "the explanations")) {
        pf_pos pos = pf__yr_ev_pos(&r->y);
        switch (it.key) {
        case K_VERSION: {
            int64_t version;
            if (pf__yr_read_integer(&r->y, &version) && version != 1)
                pf__yr_problem(&r->y, pos, "unsupported explanations version (this library reads version 1)");
            break;
        }
        case K_TEXTS:
            read_texts(r);
            break;
        case K_UNITS:
            read_units(r);
            break;
        case K_METRICS: {
            pf_seq_iter si;
            if (!pf__yr_seq_open(&r->y, &si, "a list of metrics"))
                break;
            while (pf__yr_seq_next(&r->y, &si))
                read_metric(r);
            break;
        }
        }
    }
    pf__yr_map_require(&r->y, &it, &keys, (1u << K_VERSION) | (1u << K_UNITS), "the explanations");
}

static pf_status parse(void *ctx, const char *data, size_t size, const char *source, const pf_read_options *ro,
                       pf_diagnostics *diags, pf_error *err)
{
    pf_explanations **out = ctx;
    pf_allocator a = pf__allocator_resolve(&ro->allocator);
    reader r;
    memset(&r, 0, sizeof r);
    r.e = pf__calloc(&a, 1, sizeof *r.e);
    if (!r.e)
        return pf__oom(err);
    r.e->alloc = a;
    if (pf__yr_open(&r.y, data, size, source, ro, &a) != PF_OK) {
        pf__yr_close(&r.y, NULL, NULL);
        pf__explanations_free(r.e);
        return pf__oom(err);
    }
    if (pf__yr_root(&r.y, "at least 'explanations: 1' and the units")) {
        read_root(&r);
        pf__yr_end(&r.y);
    }
    pf_status s = pf__yr_close(&r.y, diags, err);
    if (s != PF_OK) {
        pf__explanations_free(r.e);
        return s;
    }
    *out = r.e;
    return PF_OK;
}

pf_status pf__explanations_read_buffer(pf_explanations **out, const char *data, size_t size, const char *source,
                                       const pf_read_options *opts, pf_diagnostics *diags, pf_error *err)
{
    if (!out)
        return pf__fail(err, PF_EARG, "out is NULL");
    return pf__yr_with_buffer(data, size, source, opts, diags, err, parse, out);
}

pf_status pf__explanations_read_file(pf_explanations **out, const char *path, const pf_read_options *opts,
                                     pf_diagnostics *diags, pf_error *err)
{
    if (!out)
        return pf__fail(err, PF_EARG, "out is NULL");
    return pf__yr_with_file(path, opts, diags, err, parse, out);
}

pf_status pf__explanations_open_default(pf_explanations **out, const pf_allocator *alloc, pf_error *err)
{
    pf_read_options opts = PF_READ_OPTIONS_INIT;
    if (alloc)
        opts.allocator = *alloc;
    pf_status s = pf__explanations_read_buffer(out, pf__default_explanations_yaml, pf__default_explanations_yaml_size,
                                               "<default explanations>", &opts, NULL, err);
    return s == PF_OK || s == PF_ENOMEM ? s : pf__fail(err, s, "the built-in explanations are invalid: %s",
                                                        err ? err->message : "");
}

/* ---- using them ---- */

size_t pf__explain_text_count(const pf_explanations *e)
{
    return e ? e->text_count : 0;
}

const char *pf__explain_text_key_at(const pf_explanations *e, size_t i)
{
    return e && i < e->text_count ? e->texts[i].key : NULL;
}

const char *pf__explain_text_exact(const pf_explanations *e, pf__lang lang, const char *key)
{
    size_t at;
    return e && key && pf__strmap_get(&e->text_index, key, &at) ? e->texts[at].text[lang] : NULL;
}

const char *pf__explain_text(const pf_explanations *e, pf__lang lang, const char *key)
{
    const char *t = pf__explain_text_exact(e, lang, key);
    if (!t && lang != PF__LANG_EN)
        t = pf__explain_text_exact(e, PF__LANG_EN, key);
    return t ? t : "";
}

pf_status pf__explain_fill(pf_buf *out, const char *tmpl, ...)
{
    pf_status s = PF_OK;
    const char *run = tmpl;
    for (const char *p = strchr(tmpl, '{'); p && s == PF_OK; p = strchr(p + 1, '{')) {
        const char *end = strchr(p, '}');
        if (!end)
            break;
        const char *value = NULL;
        va_list ap;
        va_start(ap, tmpl);
        for (const char *name = va_arg(ap, const char *); name; name = va_arg(ap, const char *)) {
            const char *v = va_arg(ap, const char *);
            if (strlen(name) == (size_t)(end - p - 1) && memcmp(name, p + 1, (size_t)(end - p - 1)) == 0) {
                value = v;
                break;
            }
        }
        va_end(ap);
        if (!value)
            continue;
        s = pf__buf_append(out, run, (size_t)(p - run));
        if (s == PF_OK)
            s = pf__buf_puts(out, value);
        run = end + 1;
        p = end;
    }
    return s == PF_OK ? pf__buf_puts(out, run) : s;
}

typedef struct binding {
    char id[PLACEHOLDER_COUNT][48]; /* the id each placeholder matched */
    const char *rest;               /* what <metric> matched */
} binding;

/* Whether the segment is an id of the kind. */
static bool id_of_kind(int kind, const char *seg, size_t len, char out[48])
{
    if (len >= 48)
        return false;
    memcpy(out, seg, len);
    out[len] = '\0';
    return pf__names_find(ids_of(kind), out) >= 0;
}

static bool match(const metric_entry *m, const char *name, binding *b)
{
    const char *p = m->name, *n = name;
    for (;;) {
        size_t plen = strcspn(p, "."), nlen = strcspn(n, ".");
        int k = placeholder_of(p, plen);
        if (k == P_METRIC) {
            b->rest = n;
            return *n != '\0';
        }
        if (k >= 0 ? !id_of_kind(k, n, nlen, b->id[k]) : (plen != nlen || memcmp(p, n, plen) != 0))
            return false;
        if (!p[plen] || !n[nlen])
            return !p[plen] && !n[nlen];
        p += plen + 1;
        n += nlen + 1;
    }
}

/* The entry naming a metric (wrappers only when `wrappers`), with its bindings. */
static const metric_entry *find_metric(const pf_explanations *e, const char *name, bool wrappers, binding *b)
{
    for (size_t i = 0; e && i < e->metric_count; i++) {
        const metric_entry *m = &e->metrics[i];
        if ((m->unit < 0) != wrappers)
            continue;
        memset(b, 0, sizeof *b);
        if (match(m, name, b))
            return m;
    }
    return NULL;
}

/* The pattern with its placeholders replaced by the bound ids. */
static void instantiate(const char *pattern, const binding *b, char out[64])
{
    size_t o = 0;
    out[0] = '\0';
    for (const char *p = pattern;;) {
        size_t len = strcspn(p, ".");
        int k = placeholder_of(p, len);
        const char *part = k >= 0 ? b->id[k] : p;
        size_t plen = k >= 0 ? strlen(part) : len;
        if (o + plen + 2 > 64)
            return;
        memcpy(out + o, part, plen);
        o += plen;
        out[o] = '\0';
        if (!p[len])
            return;
        out[o++] = '.';
        p += len + 1;
    }
}

/* Fills a label: {facet} the facet's label in lower case, {Facet} as written, {metric} the inner label. */
static pf_status fill_label(const char *tmpl, pf__lang lang, const binding *b, const char *inner, pf_buf *out)
{
    char lower[PLACEHOLDER_COUNT][96], upper_key[PLACEHOLDER_COUNT][16];
    const char *as_is[PLACEHOLDER_COUNT];
    for (int k = 0; k < P_METRIC; k++) {
        as_is[k] = b->id[k][0] ? pf__label_of(lang, placeholder_names[k], b->id[k]) : "";
        pf__lower_first(as_is[k], lower[k], sizeof lower[k]);
        snprintf(upper_key[k], sizeof upper_key[k], "%c%s", placeholder_names[k][0] - 'a' + 'A',
                 placeholder_names[k] + 1);
    }
    return pf__explain_fill(out, tmpl, "facet", lower[P_FACET], upper_key[P_FACET], as_is[P_FACET], "dimension",
                            lower[P_DIMENSION], upper_key[P_DIMENSION], as_is[P_DIMENSION], "zone", lower[P_ZONE],
                            upper_key[P_ZONE], as_is[P_ZONE], "stage", lower[P_STAGE], upper_key[P_STAGE],
                            as_is[P_STAGE], "role", lower[P_ROLE], upper_key[P_ROLE], as_is[P_ROLE], "metric",
                            inner ? inner : "", (const char *)NULL);
}

/* The label and unit of a metric, looking through one <metric> wrapper. */
/* The label and unit of a metric, looking through one <metric> wrapper: PF_OK, PF_ENOTFOUND or PF_ENOMEM. */
static pf_status label_of(const pf_explanations *e, pf__lang lang, const char *name, bool exact, pf_buf *out,
                          int *unit, const metric_entry **entry, binding *bound)
{
    binding b;
    const metric_entry *m = find_metric(e, name, false, &b);
    const char *tmpl = m ? m->label[lang] : NULL;
    if (m && !tmpl && !exact)
        tmpl = m->label[PF__LANG_EN];
    if (m && tmpl) {
        *unit = m->unit;
        *entry = m;
        *bound = b;
        return fill_label(tmpl, lang, &b, NULL, out);
    }
    const metric_entry *w = find_metric(e, name, true, &b);
    if (!w || m)
        return PF_ENOTFOUND;
    const char *wt = w->label[lang] ? w->label[lang] : exact ? NULL : w->label[PF__LANG_EN];
    binding inner_b;
    const metric_entry *inner = find_metric(e, b.rest, false, &inner_b);
    const char *it = inner ? inner->label[lang] : NULL;
    if (inner && !it && !exact)
        it = inner->label[PF__LANG_EN];
    if (!wt || !it)
        return PF_ENOTFOUND;
    pf_buf in = PF_BUF_INIT;
    in.allocator = out->allocator;
    pf_status s = fill_label(it, lang, &inner_b, NULL, &in);
    if (s == PF_OK)
        s = fill_label(wt, lang, &b, in.data, out);
    pf_buf_dispose(&in);
    *unit = inner->unit;
    *entry = inner;
    *bound = inner_b;
    return s;
}

/* Takes back what a failed label wrote. */
static void truncate_to(pf_buf *out, size_t size)
{
    if (out->data && out->size > size) {
        out->size = size;
        out->data[size] = '\0';
    }
}

bool pf__explain_metric_label(const pf_explanations *e, pf__lang lang, const char *name, bool exact, pf_buf *out)
{
    int unit;
    const metric_entry *m;
    binding b;
    size_t size = out->size;
    if (label_of(e, lang, name, exact, out, &unit, &m, &b) == PF_OK)
        return true;
    truncate_to(out, size);
    return false;
}

pf_status pf__explain_tendency(const pf_explanations *e, pf__lang lang, unsigned mask, pf_buf *out)
{
    if (mask == 0)
        return pf__buf_puts(out, pf__explain_text(e, lang, "tendency.none"));
    if (mask == (1u << PF_FACET_COUNT) - 1)
        return pf__buf_puts(out, pf__explain_text(e, lang, "tendency.all"));
    char facets[400] = "";
    int count = 0, total = 0;
    for (int f = 0; f < PF_FACET_COUNT; f++)
        total += (int)(mask >> f & 1u);
    for (int f = 0; f < PF_FACET_COUNT; f++) {
        if (!(mask >> f & 1))
            continue;
        char lower[96];
        pf__lower_first(pf__label_facet(lang, (pf_facet)f), lower, sizeof lower);
        size_t o = strlen(facets);
        snprintf(facets + o, sizeof facets - o, "%s%s", count == 0 ? "" : count + 1 == total ? pf__explain_text(e, lang, "word.and") : ", ",
                 lower);
        count++;
    }
    return pf__explain_fill(out, pf__explain_text(e, lang, "tendency.some"), "facets", facets, (const char *)NULL);
}

/* The value as its unit writes it. */
static pf_status write_value(const pf_explanations *e, pf__lang lang, int unit, double value, const char *text,
                             pf_buf *out)
{
    char num[64] = "";
    pf_buf words = PF_BUF_INIT;
    words.allocator = out->allocator;
    pf_status s = PF_OK;
    switch (unit) {
    case U_COUNT: pf__format_decimal(lang, value, 0, num); break;
    case U_PCT:
    case U_POINTS: pf__format_decimal(lang, value, 1, num); break;
    case U_PERCENT: pf__format_percent(lang, value * 100, 0, num); break;
    case U_PERCENTAGE_POINTS:
        pf__format_decimal(lang, value * 100, 1, num + (value > 0));
        if (value > 0)
            num[0] = '+';
        break;
    case U_NUMBER: pf__format_decimal(lang, value, 2, num); break;
    case U_FLAG: pf__copy_truncated(num, sizeof num, pf__explain_text(e, lang, value != 0 ? "word.yes" : "word.no")); break;
    case U_TENDENCY: {
        unsigned mask;
        if (text && pf_tendency_from_name(text, &mask) == PF_OK)
            s = pf__explain_tendency(e, lang, mask, &words);
        else
            pf__copy_truncated(num, sizeof num, text ? text : "");
        break;
    }
    case U_LEVEL: pf__lower_first(pf__label_of(lang, "level", text ? text : ""), num, sizeof num); break;
    default: break;
    }
    const char *tmpl = unit >= 0 && unit < UNIT_COUNT ? e->units[unit][lang] : NULL;
    if (!tmpl && unit >= 0 && unit < UNIT_COUNT)
        tmpl = e->units[unit][PF__LANG_EN];
    if (s == PF_OK)
        s = pf__explain_fill(out, tmpl ? tmpl : "{value}", "value", words.data ? words.data : num, (const char *)NULL);
    pf_buf_dispose(&words);
    return s;
}

pf_status pf__explain_metric(const pf_explanations *e, pf__lang lang, const char *name, double value,
                             const char *text, const pf_named_metric *all, size_t all_count, pf_buf *out,
                             char shown_target[64])
{
    shown_target[0] = '\0';
    int unit;
    const metric_entry *m;
    binding b;
    size_t size = out->size;
    pf_status s = label_of(e, lang, name, false, out, &unit, &m, &b);
    if (s == PF_ENOMEM)
        return s;
    if (s != PF_OK) {
        truncate_to(out, size);
        char num[48];
        pf__format_decimal(lang, value, 3, num);
        return pf__buf_printf(out, "%s%s%s", name, pf__label(lang, "report.colon"), text ? text : num);
    }
    s = pf__buf_puts(out, pf__label(lang, "report.colon"));
    if (s == PF_OK)
        s = write_value(e, lang, unit, value, text, out);
    if (s != PF_OK || !m->target)
        return s;
    /* Targets are named for the metric itself, not through a <metric> wrapper. */
    char full[64], self[64];
    instantiate(m->name, &b, self);
    if (strcmp(self, name) != 0)
        return PF_OK;
    instantiate(m->target, &b, full);
    for (size_t i = 0; i < all_count; i++) {
        if (strcmp(all[i].name, full) != 0)
            continue;
        int tunit;
        const metric_entry *tm;
        binding tb;
        pf_buf ignore = PF_BUF_INIT;
        ignore.allocator = out->allocator;
        s = label_of(e, lang, full, false, &ignore, &tunit, &tm, &tb);
        pf_buf_dispose(&ignore);
        if (s != PF_OK)
            return s == PF_ENOMEM ? s : PF_OK;
        pf_buf v = PF_BUF_INIT;
        v.allocator = out->allocator;
        s = write_value(e, lang, tunit, all[i].value, all[i].text, &v);
        if (s == PF_OK)
            s = pf__buf_puts(out, " (");
        if (s == PF_OK)
            s = pf__explain_fill(out, pf__explain_text(e, lang, "evidence.target"), "value", v.data ? v.data : "",
                                 (const char *)NULL);
        if (s == PF_OK)
            s = pf__buf_puts(out, ")");
        pf_buf_dispose(&v);
        pf__copy_truncated(shown_target, 64, full);
        return s;
    }
    return PF_OK;
}
