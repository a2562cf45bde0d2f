/*
 * Reading documents: a single pass over libyaml's event stream straight into
 * the model, so memory stays close to the model's own size. Shape, type and
 * range problems are reported where they occur and reading goes on; syntax
 * errors and broken limits stop it.
 */
#include <stdio.h>
#include <string.h>
#include <yaml.h>

#include "model_impl.h"

typedef struct reader {
    yaml_parser_t parser;
    yaml_event_t ev;
    bool have_event;
    bool stopped;
    pf_status stop_status;
    pf_error stop_error; /* why reading stopped: what the caller's err receives */
    const char *data;
    size_t size;
    size_t bom; /* bytes of a UTF-8 byte order mark at the start */
    const char *source;
    pf_read_options opts;
    pf_doc *doc;
    pf_diagnostics *diags; /* the reader's own, copied to the caller's at the end */
    pf_project **rejected; /* projects refused for their id, still checked at the end */
    size_t rejected_count, rejected_cap;
    bool oom;
    size_t depth;
    bool assessments_seen;
    char path[256];
    size_t path_len;
    /* Resume point for turning libyaml's line and column into a byte offset. */
    size_t cached_line;
    size_t cached_line_offset;
    bool *seen_slots; /* per instrument slot, reused by every assessment */
} reader;

/* ---- positions ---- */

/* Bytes of the line break at p, or 0: LF, CR, CRLF, NEL, LS, PS as libyaml counts them. */
static size_t break_width(const char *p, const char *end)
{
    const unsigned char *u = (const unsigned char *)p;
    size_t left = (size_t)(end - p);
    if (u[0] == '\n')
        return 1;
    if (u[0] == '\r')
        return left > 1 && u[1] == '\n' ? 2 : 1;
    if (left > 1 && u[0] == 0xC2 && u[1] == 0x85)
        return 2;
    if (left > 2 && u[0] == 0xE2 && u[1] == 0x80 && (u[2] == 0xA8 || u[2] == 0xA9))
        return 3;
    return 0;
}

static pf_pos pos_of_mark(reader *r, yaml_mark_t m)
{
    pf_pos pos = { (unsigned)m.line + 1, (unsigned)m.column + 1, 0 };
    const char *end = r->data + r->size;
    if (m.line < r->cached_line) {
        r->cached_line = 0;
        r->cached_line_offset = r->bom;
    }
    const char *p = r->data + r->cached_line_offset;
    size_t line = r->cached_line;
    while (line < m.line && p < end) {
        size_t w = break_width(p, end);
        if (w) {
            line++;
            p += w;
        } else {
            p++;
        }
    }
    r->cached_line = line;
    r->cached_line_offset = (size_t)(p - r->data);
    for (size_t col = 0; col < m.column && p < end; col++) {
        p++;
        while (p < end && ((unsigned char)*p & 0xC0) == 0x80)
            p++;
    }
    pos.offset = (size_t)(p - r->data);
    return pos;
}

static pf_pos pos_of_offset(reader *r, size_t offset)
{
    yaml_mark_t m = { 0, 0, 0 };
    const char *p = r->data + r->bom, *end = r->data + (offset < r->size ? offset : r->size);
    while (p < end) {
        size_t w = break_width(p, r->data + r->size);
        if (w && p + w <= end) {
            m.line++;
            m.column = 0;
            p += w;
        } else {
            if (((unsigned char)*p & 0xC0) != 0x80)
                m.column++;
            p++;
        }
    }
    pf_pos pos = { (unsigned)m.line + 1, (unsigned)m.column + 1, offset };
    return pos;
}

static pf_pos ev_pos(reader *r)
{
    return pos_of_mark(r, r->ev.start_mark);
}

/* ---- problems ---- */

static void vproblem(reader *r, pf_pos pos, pf_status code, size_t path_len, const char *fmt, va_list ap)
{
    char msg[PF_ERROR_MESSAGE_MAX];
    vsnprintf(msg, sizeof msg, fmt, ap);
    int len = (int)(path_len < r->path_len ? path_len : r->path_len);
    pf_status s = len ? pf__report(r->diags, NULL, r->source, pos, code, "%.*s: %s", len, r->path, msg)
                      : pf__report(r->diags, NULL, r->source, pos, code, "%s", msg);
    if (s != PF_OK)
        r->oom = true;
}

/* A problem with the value at the current path. */
static void problem(reader *r, pf_pos pos, const char *fmt, ...) PF_PRINTF(3, 4);
static void problem(reader *r, pf_pos pos, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vproblem(r, pos, PF_EINVALID, r->path_len, fmt, ap);
    va_end(ap);
}

/* A setter's "field: problem" message, placed under the path of the mapping holding the field. */
static void setter_problem(reader *r, pf_pos pos, size_t base, const pf_error *e)
{
    if (e->code == PF_ENOMEM) {
        r->oom = true;
        return;
    }
    pf_status s = base ? pf__report(r->diags, NULL, r->source, pos, PF_EINVALID, "%.*s.%s", (int)base, r->path,
                                    e->message)
                       : pf__report(r->diags, NULL, r->source, pos, PF_EINVALID, "%s", e->message);
    if (s != PF_OK)
        r->oom = true;
}

/* A setter's "field: problem" message about the value at the current path (a list entry, say). */
static void entry_problem(reader *r, pf_pos pos, const pf_error *e)
{
    if (e->code == PF_ENOMEM) {
        r->oom = true;
        return;
    }
    const char *colon = strstr(e->message, ": ");
    problem(r, pos, "%s", colon ? colon + 2 : e->message);
}

/* Stops reading: syntax errors and broken limits leave nothing sensible to check. */
static void stop(reader *r, pf_pos pos, pf_status code, const char *fmt, ...) PF_PRINTF(4, 5);
static void stop(reader *r, pf_pos pos, pf_status code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vproblem(r, pos, code, 0, fmt, ap);
    va_end(ap);
    r->stopped = true;
    r->stop_status = code;
    pf__copy_truncated(r->stop_error.message, sizeof r->stop_error.message, "");
    r->stop_error.code = code;
    r->stop_error.line = pos.line;
    r->stop_error.column = pos.column;
    r->stop_error.offset = pos.offset;
    pf__copy_truncated(r->stop_error.source, sizeof r->stop_error.source, r->source);
    va_start(ap, fmt);
    vsnprintf(r->stop_error.message, sizeof r->stop_error.message, fmt, ap);
    va_end(ap);
}

static void path_set(reader *r, size_t len)
{
    r->path_len = len;
    r->path[len] = '\0';
}

static void path_push(reader *r, const char *fmt, ...) PF_PRINTF(2, 3);
static void path_push(reader *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(r->path + r->path_len, sizeof r->path - r->path_len, fmt, ap);
    va_end(ap);
    if (n > 0)
        r->path_len += (size_t)n < sizeof r->path - r->path_len ? (size_t)n : sizeof r->path - r->path_len - 1;
}

/* ---- events ---- */

static bool next(reader *r)
{
    if (r->have_event) {
        yaml_event_delete(&r->ev);
        r->have_event = false;
    }
    if (r->stopped || r->oom)
        return false;
    if (!yaml_parser_parse(&r->parser, &r->ev)) {
        yaml_parser_t *p = &r->parser;
        if (p->error == YAML_MEMORY_ERROR) {
            r->oom = true;
            return false;
        }
        if (p->error == YAML_READER_ERROR) {
            if (p->problem_value >= 0)
                stop(r, pos_of_offset(r, p->problem_offset), PF_ESYNTAX, "invalid character #x%X: %s",
                     (unsigned)p->problem_value, p->problem ? p->problem : "unreadable input");
            else
                stop(r, pos_of_offset(r, p->problem_offset), PF_ESYNTAX, "unreadable input: %s",
                     p->problem ? p->problem : "unknown reason");
        } else {
            pf_pos pos = pos_of_mark(r, p->problem_mark);
            if (p->context && p->context_mark.index < p->problem_mark.index) {
                /* What was read after the broken construct began is a symptom, not a problem of its own. */
                pf_pos began = pos_of_mark(r, p->context_mark);
                pf__diag_drop_from(r->diags, began.line, began.column);
                stop(r, pos, PF_ESYNTAX, "YAML syntax error: %s %s (which began at line %u, column %u)",
                     p->problem ? p->problem : "", p->context, began.line, began.column);
            } else if (p->context)
                stop(r, pos, PF_ESYNTAX, "YAML syntax error: %s %s", p->problem ? p->problem : "", p->context);
            else
                stop(r, pos, PF_ESYNTAX, "YAML syntax error: %s", p->problem ? p->problem : "malformed input");
        }
        return false;
    }
    r->have_event = true;
    const yaml_char_t *tag = r->ev.type == YAML_SCALAR_EVENT           ? r->ev.data.scalar.tag
                             : r->ev.type == YAML_MAPPING_START_EVENT  ? r->ev.data.mapping_start.tag
                             : r->ev.type == YAML_SEQUENCE_START_EVENT ? r->ev.data.sequence_start.tag
                                                                       : NULL;
    if (tag) {
        char q[64];
        pf__quote((const char *)tag, q);
        problem(r, ev_pos(r), "YAML tags (%s) are not supported; remove the tag", q);
    }
    if (r->ev.type == YAML_MAPPING_START_EVENT || r->ev.type == YAML_SEQUENCE_START_EVENT) {
        if (++r->depth > r->opts.max_depth) {
            stop(r, ev_pos(r), PF_ELIMIT, "nesting deeper than the limit of %zu levels", r->opts.max_depth);
            return false;
        }
    } else if (r->ev.type == YAML_MAPPING_END_EVENT || r->ev.type == YAML_SEQUENCE_END_EVENT) {
        r->depth--;
    }
    return true;
}

static const char *node_kind(const yaml_event_t *ev)
{
    switch (ev->type) {
    case YAML_MAPPING_START_EVENT: return "a mapping";
    case YAML_SEQUENCE_START_EVENT: return "a list";
    case YAML_ALIAS_EVENT: return "an alias";
    default: return "a scalar";
    }
}

/* Consumes the node whose first event is current; aliases inside it expand to nothing and are not reported. */
static void skip_node(reader *r)
{
    if (r->ev.type == YAML_ALIAS_EVENT) {
        problem(r, ev_pos(r), "YAML aliases (*%s) are not supported; write the value out",
                (const char *)r->ev.data.alias.anchor);
        return;
    }
    if (r->ev.type != YAML_MAPPING_START_EVENT && r->ev.type != YAML_SEQUENCE_START_EVENT)
        return;
    size_t level = 1;
    while (level && next(r)) {
        if (r->ev.type == YAML_MAPPING_START_EVENT || r->ev.type == YAML_SEQUENCE_START_EVENT)
            level++;
        else if (r->ev.type == YAML_MAPPING_END_EVENT || r->ev.type == YAML_SEQUENCE_END_EVENT)
            level--;
    }
}

static bool is_null(const yaml_event_t *ev)
{
    if (ev->type != YAML_SCALAR_EVENT || ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
        return false;
    const char *v = (const char *)ev->data.scalar.value;
    return !*v || !strcmp(v, "~") || !strcmp(v, "null") || !strcmp(v, "Null") || !strcmp(v, "NULL");
}

/* Reports a node of the wrong kind and consumes it. */
static void wrong_kind(reader *r, const char *expected)
{
    if (r->ev.type == YAML_ALIAS_EVENT) {
        skip_node(r);
        return;
    }
    if (r->ev.type == YAML_SCALAR_EVENT) {
        char q[64];
        pf__quote((const char *)r->ev.data.scalar.value, q);
        problem(r, ev_pos(r), "expected %s, got %s", expected, q);
    } else {
        problem(r, ev_pos(r), "expected %s, got %s", expected, node_kind(&r->ev));
    }
    skip_node(r);
}

/* The current scalar's text, or NULL after reporting why it is unusable (and consuming the node). */
static const char *scalar_text(reader *r, const char *expected)
{
    if (r->ev.type != YAML_SCALAR_EVENT) {
        wrong_kind(r, expected);
        return NULL;
    }
    size_t len = r->ev.data.scalar.length;
    const char *text = (const char *)r->ev.data.scalar.value;
    if (len > r->opts.max_string) {
        problem(r, ev_pos(r), "text of %zu bytes is longer than the limit of %zu", len, r->opts.max_string);
        return NULL;
    }
    if (strlen(text) != len) {
        problem(r, ev_pos(r), "text contains a NUL character");
        return NULL;
    }
    return text;
}

static bool read_number(reader *r, double *out)
{
    const char *text = scalar_text(r, "a number");
    if (!text)
        return false;
    char q[64];
    pf__quote(text, q);
    if (r->ev.data.scalar.style != YAML_PLAIN_SCALAR_STYLE) {
        problem(r, ev_pos(r), "expected a number, got the quoted text %s", q);
        return false;
    }
    const char *t = text + (*text == '-' || *text == '+');
    if (!strcmp(t, ".nan") || !strcmp(t, ".NaN") || !strcmp(t, ".NAN") || !strcmp(t, ".inf") ||
        !strcmp(t, ".Inf") || !strcmp(t, ".INF") || !strcmp(t, "nan") || !strcmp(t, "inf")) {
        problem(r, ev_pos(r), "NaN and infinities are not allowed (got %s)", q);
        return false;
    }
    if (!pf__parse_number(text, out)) {
        if (pf__is_decimal(text))
            problem(r, ev_pos(r), "%s is too large to be a number", q);
        else
            problem(r, ev_pos(r), "expected a number, got %s", q);
        return false;
    }
    return true;
}

static bool read_integer(reader *r, int64_t *out)
{
    const char *text = scalar_text(r, "a whole number");
    if (!text)
        return false;
    char q[64];
    pf__quote(text, q);
    const char *digits = text + (*text == '-' || *text == '+');
    if (r->ev.data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
        problem(r, ev_pos(r), "expected a whole number, got the quoted text %s", q);
    else if (pf__parse_int64(text, out))
        return true;
    else if (*digits && strspn(digits, "0123456789") == strlen(digits))
        problem(r, ev_pos(r), "%s is too large", q);
    else
        problem(r, ev_pos(r), "expected a whole number, got %s", q);
    return false;
}

static bool read_enum(reader *r, const pf__names *names, int *out)
{
    const char *text = scalar_text(r, "one word");
    if (!text)
        return false;
    int v = pf__names_find(names, text);
    if (v < 0) {
        char q[64], expected[256];
        pf__quote(text, q);
        pf__names_join(names, expected, sizeof expected);
        problem(r, ev_pos(r), "unknown value %s (expected one of: %s)", q, expected);
        return false;
    }
    *out = v;
    return true;
}

static bool read_date(reader *r, pf_date *out)
{
    const char *text = scalar_text(r, "a date YYYY-MM-DD");
    if (!text)
        return false;
    char q[64];
    pf__quote(text, q);
    if (!pf__parse_date(text, out)) {
        problem(r, ev_pos(r), "expected a date YYYY-MM-DD, got %s", q);
        return false;
    }
    if (!pf__date_valid(*out)) {
        problem(r, ev_pos(r), "%s is not a date in the calendar", text); /* digits and dashes only */
        return false;
    }
    return true;
}

/* ---- mappings and sequences ---- */

typedef struct map_iter {
    size_t base;       /* path length of the mapping */
    pf_pos pos;        /* of the mapping */
    uint64_t seen;     /* keys met, for duplicates */
    uint64_t present;  /* keys met with a non-null value */
    size_t count;
    int key;           /* index of the current key in the table */
    pf_pos key_pos;
    pf_pos key_positions[16]; /* of each key met, by table index */
} map_iter;

static size_t edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 30 || lb > 30)
        return 99;
    size_t row[32];
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t best = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

static void unknown_key(reader *r, pf_pos pos, const char *key, const pf__names *keys, const char *what)
{
    char q[64];
    pf__quote(key, q);
    for (size_t i = 0; i < keys->count; i++) {
        if (edit_distance(key, keys->names[i]) <= 2) {
            problem(r, pos, "unknown key %s in %s (did you mean '%s'?)", q, what, keys->names[i]);
            return;
        }
    }
    char expected[PF_ERROR_MESSAGE_MAX / 2];
    pf__names_join(keys, expected, sizeof expected);
    problem(r, pos, "unknown key %s in %s (expected one of: %s)", q, what, expected);
}

/* Starts reading the mapping that is the current node; false (node consumed) when it is not one. */
static bool map_open(reader *r, map_iter *it, const char *what)
{
    memset(it, 0, sizeof *it);
    it->base = r->path_len;
    it->pos = ev_pos(r);
    if (r->ev.type != YAML_MAPPING_START_EVENT) {
        wrong_kind(r, what);
        return false;
    }
    return true;
}

/*
 * Advances to the next key with a non-null value; on true the current event
 * is that value, which the caller must consume. Unknown and duplicate keys
 * are reported and skipped; null values count as absent.
 */
static bool map_next(reader *r, map_iter *it, const pf__names *keys, const char *what)
{
    path_set(r, it->base);
    while (next(r)) {
        if (r->ev.type == YAML_MAPPING_END_EVENT)
            return false;
        if (++it->count > r->opts.max_items) {
            stop(r, ev_pos(r), PF_ELIMIT, "%s has more than the limit of %zu keys", what, r->opts.max_items);
            return false;
        }
        it->key_pos = ev_pos(r);
        if (r->ev.type != YAML_SCALAR_EVENT) {
            problem(r, it->key_pos, "keys must be plain words, not %s", node_kind(&r->ev));
            skip_node(r);
            if (next(r))
                skip_node(r);
            continue;
        }
        char key[128];
        pf__copy_truncated(key, sizeof key, (const char *)r->ev.data.scalar.value);
        if (strlen((const char *)r->ev.data.scalar.value) != r->ev.data.scalar.length) {
            problem(r, it->key_pos, "keys must not contain NUL characters");
            if (next(r))
                skip_node(r);
            continue;
        }
        int k = pf__names_find(keys, key);
        if (k < 0 || (it->seen >> k & 1)) {
            if (k < 0) {
                unknown_key(r, it->key_pos, key, keys, what);
            } else {
                char q[64];
                pf__quote(key, q);
                problem(r, it->key_pos, "duplicate key %s (first at line %u)", q, it->key_positions[k].line);
            }
            if (next(r))
                skip_node(r);
            continue;
        }
        it->seen |= (uint64_t)1 << k;
        it->key_positions[k] = it->key_pos;
        path_push(r, "%s%s", it->base ? "." : "", key);
        if (!next(r))
            return false;
        if (is_null(&r->ev)) {
            path_set(r, it->base);
            continue;
        }
        it->present |= (uint64_t)1 << k;
        it->key = k;
        return true;
    }
    return false;
}

/* Reports required keys that were missing or null. */
static void map_require(reader *r, const map_iter *it, const pf__names *keys, uint64_t required, const char *what)
{
    if (r->stopped)
        return;
    path_set(r, it->base);
    for (size_t k = 0; k < keys->count; k++) {
        if (!(required >> k & 1) || (it->present >> k & 1))
            continue;
        if (it->seen >> k & 1)
            problem(r, it->key_positions[k], "key '%s' of %s must have a value", keys->names[k], what);
        else
            problem(r, it->pos, "missing key '%s' in %s", keys->names[k], what);
    }
}

typedef struct seq_iter {
    size_t base;
    size_t index;
} seq_iter;

static bool seq_open(reader *r, seq_iter *it, const char *what)
{
    it->base = r->path_len;
    it->index = 0;
    if (r->ev.type != YAML_SEQUENCE_START_EVENT) {
        wrong_kind(r, what);
        return false;
    }
    return true;
}

static bool seq_next(reader *r, seq_iter *it)
{
    path_set(r, it->base);
    if (!next(r) || r->ev.type == YAML_SEQUENCE_END_EVENT)
        return false;
    if (it->index >= r->opts.max_items) {
        stop(r, ev_pos(r), PF_ELIMIT, "list has more than the limit of %zu entries", r->opts.max_items);
        return false;
    }
    path_push(r, "[%zu]", it->index++);
    return true;
}

/* ---- the document's parts ---- */

#define NAMES(table) { table, sizeof table / sizeof *table }

static const char *const facet_keys[] = { "enhancement", "mission", "adaptive", "anticipatory" };

/* A {facet: weight} mapping; missing facets are 0. False when any value was unusable. */
static bool read_facet_mix(reader *r, double out[PF_FACET_COUNT], const char *what)
{
    static const pf__names keys = NAMES(facet_keys);
    map_iter it;
    bool ok = true;
    memset(out, 0, sizeof(double) * PF_FACET_COUNT);
    if (!map_open(r, &it, "a mapping of facets to numbers"))
        return false;
    while (map_next(r, &it, &keys, what)) {
        pf_error e;
        pf_pos pos = ev_pos(r);
        if (!read_number(r, &out[it.key]))
            ok = false;
        else if (pf__check_amount(out[it.key], facet_keys[it.key], &e) != PF_OK) {
            setter_problem(r, pos, it.base, &e);
            ok = false;
        }
    }
    path_set(r, it.base);
    if (ok && !r->stopped && !(it.present))
        ok = true; /* all facets missing: the setter reports that all are zero */
    return ok;
}

static void read_organisation(reader *r)
{
    static const char *const key_names[] = { "name", "country", "level", "people", "sectors" };
    static const pf__names keys = NAMES(key_names);
    enum { K_NAME, K_COUNTRY, K_LEVEL, K_PEOPLE, K_SECTORS };
    pf_org *org = pf_doc_org(r->doc);
    map_iter it;
    if (!map_open(r, &it, "a mapping (the organisation)"))
        return;
    while (map_next(r, &it, &keys, "organisation")) {
        pf_pos pos = ev_pos(r);
        pf_error e;
        pf_status s = PF_OK;
        const char *text;
        int v;
        int64_t n;
        switch (it.key) {
        case K_NAME:
            if ((text = scalar_text(r, "text")))
                s = pf_org_set_name(org, text, &e);
            break;
        case K_COUNTRY:
            if ((text = scalar_text(r, "a country code")))
                s = pf_org_set_country(org, text, &e);
            break;
        case K_LEVEL:
            if (read_enum(r, &pf_gov_level__names, &v))
                s = pf_org_set_level(org, (pf_gov_level)v, &e);
            break;
        case K_PEOPLE:
            if (read_integer(r, &n)) {
                if (n < 1)
                    problem(r, pos, "must be at least 1 (got %lld)", (long long)n);
                else
                    s = pf_org_set_people(org, n, &e);
            }
            break;
        case K_SECTORS: {
            seq_iter si;
            unsigned sectors = 0;
            if (!seq_open(r, &si, "a list of sectors"))
                break;
            while (seq_next(r, &si)) {
                pf_pos spos = ev_pos(r);
                if (!read_enum(r, &pf_sector__names, &v))
                    continue;
                if (sectors >> v & 1)
                    problem(r, spos, "sector '%s' is listed twice", pf_sector_name((pf_sector)v));
                sectors |= 1u << v;
            }
            s = pf_org_set_sectors(org, sectors, &e);
            break;
        }
        }
        if (s != PF_OK)
            setter_problem(r, pos, it.base, &e);
    }
}

static void read_string_list(reader *r, pf_project *p, pf_status (*add)(pf_project *, const char *, pf_error *))
{
    seq_iter si;
    if (!seq_open(r, &si, "a list of words"))
        return;
    while (seq_next(r, &si)) {
        pf_pos pos = ev_pos(r);
        if (is_null(&r->ev)) {
            problem(r, pos, "entries must not be empty");
            continue;
        }
        const char *text = scalar_text(r, "text");
        pf_error e;
        if (text && add(p, text, &e) != PF_OK)
            entry_problem(r, pos, &e);
    }
}

static void read_link(reader *r, pf_project *p)
{
    static const char *const key_names[] = { "to", "kind" };
    static const pf__names keys = NAMES(key_names);
    enum { K_TO, K_KIND };
    map_iter it;
    char *to = NULL;
    pf_pos to_pos = { 0, 0, 0 };
    int kind = -1;
    if (!map_open(r, &it, "a mapping {to: <project id>, kind: <kind>}"))
        return;
    while (map_next(r, &it, &keys, "a link")) {
        if (it.key == K_TO) {
            to_pos = ev_pos(r);
            const char *text = scalar_text(r, "a project id");
            if (text && !(to = pf__strdup(&r->doc->alloc, text)))
                r->oom = true;
        } else {
            read_enum(r, &pf_link_kind__names, &kind);
        }
    }
    map_require(r, &it, &keys, 3, "a link");
    if (to && kind >= 0) {
        pf_error e;
        path_push(r, ".to");
        if (pf_project_add_link(p, to, (pf_link_kind)kind, &e) != PF_OK)
            setter_problem(r, to_pos, it.base, &e);
        else
            p->links[p->link_count - 1].pos = to_pos;
        path_set(r, it.base);
    }
    pf__free(&r->doc->alloc, to);
}

static void read_project(reader *r, size_t index)
{
    static const char *const key_names[] = { "id",     "title", "unit",   "purpose", "driver", "priority",
                                             "facets", "stage", "budget", "fte",     "start",  "end",
                                             "tags",   "partners", "links" };
    static const pf__names keys = NAMES(key_names);
    enum { K_ID, K_TITLE, K_UNIT, K_PURPOSE, K_DRIVER, K_PRIORITY, K_FACETS, K_STAGE, K_BUDGET, K_FTE,
           K_START, K_END, K_TAGS, K_PARTNERS, K_LINKS };
    map_iter it;
    pf_pos id_pos = { 0, 0, 0 };
    bool id_ok = false;
    if (!map_open(r, &it, "a mapping (a project)"))
        return;
    pf_project *p = pf__project_new(r->doc, "");
    if (!p) {
        r->oom = true;
        skip_node(r);
        return;
    }
    p->pos = it.pos;
    p->source_index = (long)index;
    while (map_next(r, &it, &keys, "a project")) {
        pf_pos pos = ev_pos(r);
        pf_error e;
        pf_status s = PF_OK;
        const char *text;
        int v;
        double d;
        pf_date date;
        switch (it.key) {
        case K_ID:
            id_pos = pos;
            if ((text = scalar_text(r, "a project id"))) {
                if (!*text) {
                    problem(r, pos, "must not be empty");
                } else if (!pf__id_valid(text)) {
                    char q[64];
                    pf__quote(text, q);
                    problem(r, pos, "%s must be letters, digits, '.', '_' or '-'", q);
                } else {
                    char *copy = pf__strdup(&r->doc->alloc, text);
                    if (!copy) {
                        r->oom = true;
                        break;
                    }
                    pf__free(&r->doc->alloc, p->id);
                    p->id = copy;
                    id_ok = true;
                }
            }
            break;
        case K_TITLE:
            if ((text = scalar_text(r, "text")))
                s = pf_project_set_title(p, text, &e);
            break;
        case K_UNIT:
            if ((text = scalar_text(r, "text")))
                s = pf_project_set_unit(p, text, &e);
            break;
        case K_PURPOSE:
            if (read_enum(r, &pf_purpose__names, &v))
                s = pf_project_set_purpose(p, (pf_purpose)v, &e);
            else
                p->placement_refused = true;
            break;
        case K_DRIVER:
            if (read_enum(r, &pf_facet__names, &v))
                s = pf_project_set_driver(p, (pf_facet)v, &e);
            else
                p->placement_refused = true;
            break;
        case K_PRIORITY:
            if (read_enum(r, &pf_priority__names, &v))
                s = pf_project_set_priority(p, (pf_priority)v, &e);
            break;
        case K_FACETS: {
            double w[PF_FACET_COUNT];
            if (read_facet_mix(r, w, "facets"))
                s = pf_project_set_facet_weights(p, w, &e);
            break;
        }
        case K_STAGE:
            if (read_enum(r, &pf_stage__names, &v))
                s = pf_project_set_stage(p, (pf_stage)v, &e);
            break;
        case K_BUDGET:
            if (read_number(r, &d))
                s = pf_project_set_budget(p, d, &e);
            break;
        case K_FTE:
            if (read_number(r, &d))
                s = pf_project_set_fte(p, d, &e);
            break;
        case K_START:
            if (read_date(r, &date))
                s = pf_project_set_start(p, date, &e);
            break;
        case K_END:
            p->end_pos = pos;
            if (read_date(r, &date))
                s = pf_project_set_end(p, date, &e);
            break;
        case K_TAGS:
            read_string_list(r, p, pf_project_add_tag);
            break;
        case K_PARTNERS:
            read_string_list(r, p, pf_project_add_partner);
            break;
        case K_LINKS: {
            seq_iter si;
            if (!seq_open(r, &si, "a list of links"))
                break;
            while (seq_next(r, &si))
                read_link(r, p);
            break;
        }
        }
        if (s != PF_OK)
            setter_problem(r, pos, it.base, &e);
    }
    map_require(r, &it, &keys, 1u << K_ID, "a project");
    pf_error e;
    if (id_ok && !r->stopped && !r->oom) {
        pf_project *first = pf_doc_find_project(r->doc, p->id);
        pf_status s = pf__doc_attach_project(r->doc, p, &e);
        if (s == PF_OK)
            return;
        if (s == PF_EEXISTS) {
            char q[64];
            pf__quote(p->id, q);
            path_push(r, ".id");
            problem(r, id_pos, "duplicate project id %s (first used at line %u)", q, first->pos.line);
        } else {
            r->oom = true;
        }
    }
    /* Kept aside so its dates, placement and links are still checked once all ids are known. */
    if (!r->oom && pf__grow(&r->doc->alloc, (void **)&r->rejected, &r->rejected_cap, r->rejected_count + 1,
                            sizeof *r->rejected) == PF_OK)
        r->rejected[r->rejected_count++] = p;
    else {
        r->oom = true;
        pf__project_free(p);
    }
}

/* Answers: item and question ids of the instrument. */
static void read_answer(reader *r, pf_assessment *a, const char *id, pf_pos key_pos, size_t base)
{
    const pf_instrument *inst = r->doc->instrument;
    int slot = pf__instrument_find(inst, id);
    char q[64];
    pf__quote(id, q);
    if (slot < 0) {
        char question[64];
        pf__copy_truncated(question, sizeof question, id);
        char *dot = strchr(question, '.');
        if (dot)
            *dot = '\0';
        int qs = dot ? pf__instrument_find(inst, question) : -1;
        if (qs >= 0)
            problem(r, key_pos, "%s: %s is a %s question; answer it as a whole, as %s: [...]", q, question,
                    pf_form_name(inst->slots[qs].form), question);
        else if (pf__instrument_has_items_of(inst, id))
            problem(r, key_pos, "%s is answered item by item (%s.<item>: 0..4)", q, id);
        else
            problem(r, key_pos, "unknown item %s (not in instrument %s)", q, inst->id);
        skip_node(r);
        return;
    }
    if (r->seen_slots[slot]) {
        problem(r, key_pos, "duplicate key %s", q);
        skip_node(r);
        return;
    }
    r->seen_slots[slot] = true;
    const pf_inst_slot *s = &inst->slots[slot];
    pf_pos pos = ev_pos(r);
    pf_error e;
    pf_status st = PF_OK;
    path_push(r, ".%s", id);
    switch (s->form) {
    case PF_FORM_AGREE:
    case PF_FORM_AGREE_HALF:
    case PF_FORM_AGREE_REVERSED: {
        static const char *const words[] = { "strongly-disagree", "disagree", "neutral", "agree", "strongly-agree" };
        static const pf__names agree_words = NAMES(words);
        const char *text = scalar_text(r, "an agreement 0..4 or a word from strongly-disagree to strongly-agree");
        if (!text)
            break;
        int64_t n;
        int w = pf__names_find(&agree_words, text);
        if (w >= 0)
            st = pf__answer_set_agreement(a, slot, w, &e);
        else if (r->ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE && pf__parse_int64(text, &n))
            st = pf__answer_set_agreement(a, slot, n < -1 ? -1 : n > 5 ? 5 : (int)n, &e);
        else if (pf__parse_int64(text, &n)) {
            char t[64];
            pf__quote(text, t);
            problem(r, pos, "expected an agreement 0..4, got the quoted text %s", t);
        } else {
            char t[64];
            pf__quote(text, t);
            problem(r, pos, "expected an agreement 0..4 or strongly-disagree, disagree, neutral, agree, "
                            "strongly-agree; got %s", t);
        }
        if (st != PF_OK && e.code == PF_EARG)
            snprintf(e.message, sizeof e.message, "%s: agreement must be 0..4 (got %s)", id, text);
        break;
    }
    case PF_FORM_YES_NO: {
        int v;
        if (read_enum(r, &pf_choice__names, &v))
            st = pf__answer_set_choice(a, slot, (pf_choice)v, &e);
        break;
    }
    case PF_FORM_RANK:
    case PF_FORM_MULTI: {
        seq_iter si;
        const char *options[PF_MAX_OPTIONS + 1];
        char *copies[PF_MAX_OPTIONS + 1];
        size_t count = 0;
        bool ok = true;
        if (!seq_open(r, &si, s->form == PF_FORM_RANK ? "a list ranking the options" : "a list of options"))
            break;
        while (seq_next(r, &si)) {
            const char *text = scalar_text(r, "an option id");
            if (!text)
                ok = false;
            else if (count > PF_MAX_OPTIONS)
                ok = false, problem(r, ev_pos(r), "more options than the question has");
            else if (!(copies[count] = pf__strdup(&r->doc->alloc, text)))
                r->oom = true, ok = false;
            else
                options[count] = copies[count], count++;
        }
        path_set(r, si.base);
        if (ok && !r->stopped)
            st = pf__answer_set_options(a, slot, options, count, &e);
        for (size_t i = 0; i < count; i++)
            pf__free(&r->doc->alloc, copies[i]);
        break;
    }
    }
    if (st != PF_OK)
        setter_problem(r, pos, base, &e);
}

static void read_answers(reader *r, pf_assessment *a)
{
    map_iter it;
    if (!map_open(r, &it, "a mapping of item ids to answers"))
        return;
    memset(r->seen_slots, 0, r->doc->instrument->slot_count * sizeof *r->seen_slots);
    while (next(r)) {
        path_set(r, it.base);
        if (r->ev.type == YAML_MAPPING_END_EVENT)
            break;
        if (++it.count > r->opts.max_items) {
            stop(r, ev_pos(r), PF_ELIMIT, "answers have more than the limit of %zu keys", r->opts.max_items);
            break;
        }
        pf_pos key_pos = ev_pos(r);
        if (r->ev.type != YAML_SCALAR_EVENT) {
            problem(r, key_pos, "keys must be item ids, not %s", node_kind(&r->ev));
            skip_node(r);
            if (next(r))
                skip_node(r);
            continue;
        }
        char id[128];
        pf__copy_truncated(id, sizeof id, (const char *)r->ev.data.scalar.value);
        if (strlen((const char *)r->ev.data.scalar.value) != r->ev.data.scalar.length) {
            problem(r, key_pos, "keys must not contain NUL characters");
            if (next(r))
                skip_node(r);
            continue;
        }
        if (!next(r))
            break;
        if (is_null(&r->ev))
            continue; /* an unanswered item, as a blank questionnaire template has */
        read_answer(r, a, id, key_pos, it.base);
    }
    path_set(r, it.base);
}

static void read_assessment(reader *r)
{
    static const char *const key_names[] = { "respondent", "role", "unit", "date", "answers" };
    static const pf__names keys = NAMES(key_names);
    enum { K_RESPONDENT, K_ROLE, K_UNIT, K_DATE, K_ANSWERS };
    map_iter it;
    pf_pos id_pos = { 0, 0, 0 };
    bool id_ok = false;
    if (!map_open(r, &it, "a mapping (an assessment)"))
        return;
    pf_assessment *a = pf__assessment_new(r->doc, "");
    if (!a) {
        r->oom = true;
        skip_node(r);
        return;
    }
    a->pos = it.pos;
    while (map_next(r, &it, &keys, "an assessment")) {
        pf_pos pos = ev_pos(r);
        pf_error e;
        pf_status s = PF_OK;
        const char *text;
        int v;
        pf_date date;
        switch (it.key) {
        case K_RESPONDENT:
            id_pos = pos;
            if ((text = scalar_text(r, "a pseudonym"))) {
                if (!*text) {
                    problem(r, pos, "must not be empty");
                } else if (!pf__id_valid(text)) {
                    char q[64];
                    pf__quote(text, q);
                    problem(r, pos, "%s must be letters, digits, '.', '_' or '-'", q);
                } else {
                    char *copy = pf__strdup(&r->doc->alloc, text);
                    if (!copy) {
                        r->oom = true;
                        break;
                    }
                    pf__free(&r->doc->alloc, a->respondent);
                    a->respondent = copy;
                    id_ok = true;
                }
            }
            break;
        case K_ROLE:
            if (read_enum(r, &pf_role__names, &v))
                s = pf_assessment_set_role(a, (pf_role)v, &e);
            break;
        case K_UNIT:
            if ((text = scalar_text(r, "text")))
                s = pf_assessment_set_unit(a, text, &e);
            break;
        case K_DATE:
            if (read_date(r, &date))
                s = pf_assessment_set_date(a, date, &e);
            break;
        case K_ANSWERS:
            read_answers(r, a);
            break;
        }
        if (s != PF_OK)
            setter_problem(r, pos, it.base, &e);
    }
    map_require(r, &it, &keys, 1u << K_RESPONDENT, "an assessment");
    if (id_ok && !r->stopped && !r->oom) {
        pf_assessment *first = pf_doc_find_assessment(r->doc, a->respondent);
        pf_error e;
        pf_status s = pf__doc_attach_assessment(r->doc, a, &e);
        if (s == PF_OK)
            return;
        if (s == PF_EEXISTS) {
            char q[64];
            pf__quote(a->respondent, q);
            path_push(r, ".respondent");
            problem(r, id_pos, "duplicate respondent %s (first used at line %u)", q, first->pos.line);
        } else {
            r->oom = true;
        }
    }
    pf__assessment_free(a);
}

static void read_root(reader *r)
{
    static const char *const key_names[] = { "portfolio", "organisation", "instrument", "targets", "projects",
                                             "assessments" };
    static const pf__names keys = NAMES(key_names);
    enum { K_PORTFOLIO, K_ORGANISATION, K_INSTRUMENT, K_TARGETS, K_PROJECTS, K_ASSESSMENTS };
    map_iter it;
    if (!map_open(r, &it, "a mapping beginning with 'portfolio: 1'"))
        return;
    while (map_next(r, &it, &keys, "the document")) {
        pf_pos pos = ev_pos(r);
        pf_error e;
        switch (it.key) {
        case K_PORTFOLIO: {
            int64_t version;
            if (read_integer(r, &version) && version != PF_FORMAT_VERSION)
                problem(r, pos, "unsupported format version %lld (this library reads version %d)",
                        (long long)version, PF_FORMAT_VERSION);
            break;
        }
        case K_ORGANISATION:
            read_organisation(r);
            break;
        case K_INSTRUMENT: {
            const char *text = scalar_text(r, "an instrument id");
            if (!text)
                break;
            if (r->assessments_seen)
                problem(r, pos, "must come before 'assessments', whose answers refer to it");
            else if (pf_doc_set_instrument(r->doc, text, &e) != PF_OK)
                setter_problem(r, pos, it.base, &e);
            else {
                bool *seen = pf__realloc(&r->doc->alloc, r->seen_slots,
                                         r->doc->instrument->slot_count * sizeof *seen);
                if (!seen)
                    r->oom = true;
                else
                    r->seen_slots = seen;
            }
            break;
        }
        case K_TARGETS: {
            double t[PF_FACET_COUNT];
            if (read_facet_mix(r, t, "targets") && pf_doc_set_targets(r->doc, t, &e) != PF_OK)
                setter_problem(r, pos, it.base, &e);
            break;
        }
        case K_PROJECTS: {
            seq_iter si;
            if (!seq_open(r, &si, "a list of projects"))
                break;
            while (seq_next(r, &si))
                read_project(r, si.index - 1);
            break;
        }
        case K_ASSESSMENTS: {
            seq_iter si;
            r->assessments_seen = true;
            if (!seq_open(r, &si, "a list of assessments"))
                break;
            while (seq_next(r, &si))
                read_assessment(r);
            break;
        }
        }
    }
    map_require(r, &it, &keys, 1u << K_PORTFOLIO, "the document (the format version, 1)");
}

static void read_stream(reader *r)
{
    if (!next(r) || r->ev.type != YAML_STREAM_START_EVENT)
        return;
    if (!next(r))
        return;
    pf_pos start = { 1, 1, r->bom };
    if (r->ev.type == YAML_STREAM_END_EVENT) {
        problem(r, start, "the document is empty (it needs at least 'portfolio: 1')");
        return;
    }
    if (!next(r))
        return;
    if (is_null(&r->ev))
        problem(r, start, "the document is empty (it needs at least 'portfolio: 1')");
    else
        read_root(r);
    if (!next(r) || !next(r))
        return;
    if (r->ev.type == YAML_DOCUMENT_START_EVENT)
        problem(r, ev_pos(r), "a file holds one document; found a second one after '---'");
}

static pf_read_options resolve_options(const pf_read_options *o)
{
    pf_read_options r = PF_READ_OPTIONS_INIT;
    if (o)
        r = *o;
    if (!r.max_bytes)
        r.max_bytes = PF_DEFAULT_MAX_BYTES;
    if (!r.max_depth)
        r.max_depth = PF_DEFAULT_MAX_DEPTH;
    if (!r.max_string)
        r.max_string = PF_DEFAULT_MAX_STRING;
    if (!r.max_items)
        r.max_items = PF_DEFAULT_MAX_ITEMS;
    if (!r.max_diagnostics)
        r.max_diagnostics = PF_DEFAULT_MAX_DIAGNOSTICS;
    return r;
}

static pf_status read_document(pf_doc **out, const char *data, size_t size, const char *source,
                               const pf_read_options *ro, pf_diagnostics *diags, pf_error *err)
{
    reader r;
    memset(&r, 0, sizeof r);
    r.opts = *ro;
    r.data = data;
    r.size = size;
    r.source = source;
    pf_doc_options dopts = PF_DOC_OPTIONS_INIT;
    dopts.allocator = r.opts.allocator;
    pf_status status = pf_doc_new(&r.doc, &dopts, err);
    if (status != PF_OK)
        return status;
    r.doc->source = pf__strdup(&r.doc->alloc, source);
    r.seen_slots = pf__calloc(&r.doc->alloc, r.doc->instrument->slot_count, sizeof *r.seen_slots);
    if (!r.doc->source || !r.seen_slots || pf_diagnostics_new(&r.diags, &r.doc->alloc) != PF_OK) {
        pf__free(&r.doc->alloc, r.seen_slots);
        pf_doc_free(r.doc);
        return pf__oom(err);
    }
    pf__diag_set_limit(r.diags, r.opts.max_diagnostics);

    const unsigned char *u = (const unsigned char *)data;
    if (size >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
        r.bom = 3;
    r.cached_line_offset = r.bom;
    pf_pos start = { 1, 1, 0 };
    size_t bad;
    if (size > r.opts.max_bytes) {
        stop(&r, start, PF_ELIMIT, "the document is %zu bytes, more than the limit of %zu", size, r.opts.max_bytes);
    } else if (size >= 2 && ((u[0] == 0xFE && u[1] == 0xFF) || (u[0] == 0xFF && u[1] == 0xFE))) {
        stop(&r, start, PF_ESYNTAX, "the document is UTF-16; save it as UTF-8");
    } else if (!pf__utf8_check(data + r.bom, size - r.bom, &bad)) {
        bad += r.bom;
        if (u[bad] == 0)
            stop(&r, pos_of_offset(&r, bad), PF_ESYNTAX, "NUL byte: the document must be UTF-8 text");
        else
            stop(&r, pos_of_offset(&r, bad), PF_ESYNTAX,
                 "invalid UTF-8: byte 0x%02X does not begin a valid character (the document must be UTF-8)", u[bad]);
    } else if (!yaml_parser_initialize(&r.parser)) {
        r.oom = true;
    } else {
        yaml_parser_set_input_string(&r.parser, u, size);
        read_stream(&r);
        if (r.have_event)
            yaml_event_delete(&r.ev);
        yaml_parser_delete(&r.parser);
    }
    pf__free(&r.doc->alloc, r.seen_slots);

    if (!r.oom && !r.stopped) {
        if (pf_doc_validate(r.doc, r.diags, NULL) == PF_ENOMEM)
            r.oom = true;
        for (size_t i = 0; i < r.rejected_count && !r.oom; i++)
            if (pf__validate_project(r.doc, r.rejected[i], 0, r.diags, NULL) != PF_OK)
                r.oom = true;
    }
    for (size_t i = 0; i < r.rejected_count; i++)
        pf__project_free(r.rejected[i]);
    pf__free(&r.doc->alloc, r.rejected);
    pf__diag_sort(r.diags);
    pf__diag_set_limit(diags, r.opts.max_diagnostics);
    if (!r.oom && pf__diag_copy(diags, r.diags) != PF_OK)
        r.oom = true;
    const pf_error *first = pf_diagnostics_at(r.diags, 0);
    status = r.oom ? pf__oom(err) : !first ? PF_OK : r.stopped ? r.stop_status : PF_EINVALID;
    if (first && !r.oom && err)
        *err = r.stopped ? r.stop_error : *first;
    pf_diagnostics_free(r.diags);
    if (status != PF_OK) {
        pf_doc_free(r.doc);
        return status;
    }
    *out = r.doc;
    return PF_OK;
}

pf_status pf_doc_read_buffer(pf_doc **out, const char *data, size_t size, const char *source,
                             const pf_read_options *opts, pf_diagnostics *diags, pf_error *err)
{
    if (!out || (!data && size))
        return pf__fail(err, PF_EARG, "out or data is NULL");
    if (opts && opts->version != PF_READ_OPTIONS_VERSION)
        return pf__fail(err, PF_EARG, "unknown pf_read_options version %u", opts->version);
    pf_read_options ro = resolve_options(opts);
    return read_document(out, data ? data : "", size, source ? source : "<buffer>", &ro, diags, err);
}

pf_status pf_doc_read_file(pf_doc **out, const char *path, const pf_read_options *opts, pf_diagnostics *diags,
                           pf_error *err)
{
    if (!out || !path)
        return pf__fail(err, PF_EARG, "out or path is NULL");
    if (opts && opts->version != PF_READ_OPTIONS_VERSION)
        return pf__fail(err, PF_EARG, "unknown pf_read_options version %u", opts->version);
    pf_read_options ro = resolve_options(opts);
    pf_allocator a = pf__allocator_resolve(&ro.allocator);
    char *data;
    size_t size;
    pf_status s = pf__read_file(path, ro.max_bytes, &a, &data, &size, err);
    if (s != PF_OK) {
        if (err)
            pf__copy_truncated(err->source, sizeof err->source, path);
        if (diags && err)
            pf__diag_add(diags, err);
        return s;
    }
    s = read_document(out, data, size, path, &ro, diags, err);
    pf__free(&a, data);
    return s;
}
