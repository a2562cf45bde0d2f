/* Mapping files of CSV imports (docs/import.md), read with the shared YAML machinery. */
#include <stdio.h>
#include <string.h>

#include "import_impl.h"
#include "yaml_events.h"

static const char *const value_kinds[] = { "agree", "yes-no", "role", "purpose", "driver", "priority", "stage" };
const pf__names pf__value_kind_names = PF_NAMES(value_kinds);

static const char *const project_columns[] = {
    "id", "title", "unit", "purpose", "driver", "priority", "facets.enhancement", "facets.mission",
    "facets.adaptive", "facets.anticipatory", "stage", "budget", "fte", "start", "end", "tags", "partners", "links",
    "enhancement", "mission", "adaptive", "anticipatory", "ignore"
};
const pf__names pf__project_column_names = PF_NAMES(project_columns);

static const char *const answer_columns[] = { "respondent", "role", "unit", "date", "ignore" };
const pf__names pf__answer_column_names = PF_NAMES(answer_columns);

/* ---- lookups ---- */

static size_t trimmed(const char *s, const char **start)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    *start = s;
    return n;
}

const pf_map_column *pf__map_column(const pf_import_map *map, const char *header)
{
    const char *s;
    size_t n = trimmed(header, &s), i;
    char key[PF_IMPORT_WORD_MAX * 4];
    if (!map || n >= sizeof key)
        return NULL;
    memcpy(key, s, n);
    key[n] = '\0';
    return pf__strmap_get(&map->column_index, key, &i) ? &map->columns[i] : NULL;
}

bool pf__map_value(const pf_import_map *map, pf_value_kind kind, const char *normalised, int *out)
{
    char key[PF_IMPORT_WORD_MAX + 2];
    size_t i, n = strlen(normalised);
    if (!map || !map->value_keys.count || n + 2 > sizeof key)
        return false;
    key[0] = (char)('a' + kind);
    memcpy(key + 1, normalised, n + 1);
    if (!pf__strmap_get(&map->value_index, key, &i))
        return false;
    *out = map->value_targets[i];
    return true;
}

/* ---- reading ---- */

typedef struct value_entry {
    pf_value_kind kind;
    pf_pos pos; /* of the kind's key, for a kind the map's kind cannot use */
} value_entry;

typedef struct reader {
    pf_yreader y;
    pf_import_map *map;
    bool kind_known;
    value_entry *kinds; /* the kinds given under values:, checked against the map's kind at the end */
    size_t kind_count, kind_cap;
} reader;

static void read_columns(reader *r)
{
    pf_import_map *m = r->map;
    pf_map_iter it;
    if (!pf__yr_map_open(&r->y, &it, "a mapping of column headers to what they give"))
        return;
    while (pf__yr_next(&r->y)) {
        pf__yr_path_set(&r->y, it.base);
        if (r->y.ev.type == YAML_MAPPING_END_EVENT)
            break;
        if (++it.count > r->y.opts.max_items) {
            pf__yr_stop(&r->y, pf__yr_ev_pos(&r->y), PF_ELIMIT, "columns have more than the limit of %zu entries",
                        r->y.opts.max_items);
            break;
        }
        pf_pos key_pos = pf__yr_ev_pos(&r->y);
        const char *text = pf__yr_scalar_text(&r->y, "a column header");
        char *header = NULL;
        if (text) {
            const char *s;
            size_t n = trimmed(text, &s);
            char q[64];
            pf__quote(text, q);
            size_t first;
            if (!n)
                pf__yr_problem(&r->y, key_pos, "a column header must not be empty");
            else if (n >= PF_IMPORT_WORD_MAX * 4)
                pf__yr_problem(&r->y, key_pos, "header %s is longer than %d bytes", q, PF_IMPORT_WORD_MAX * 4 - 1);
            else if (!(header = pf__strndup(&m->alloc, s, n)))
                r->y.oom = true;
            else if (pf__strmap_get(&m->column_index, header, &first)) {
                pf__yr_problem(&r->y, key_pos, "header %s is mapped twice (first at line %u)", q,
                               m->columns[first].pos.line);
                pf__free(&m->alloc, header);
                header = NULL;
            }
        }
        if (!pf__yr_next(&r->y)) {
            pf__free(&m->alloc, header);
            break;
        }
        if (header) {
            char q[64];
            pf__quote(header, q);
            pf__yr_path_push(&r->y, ".%s", q);
        }
        pf_pos pos = pf__yr_ev_pos(&r->y);
        const char *target = NULL;
        if (pf__yr_is_null(&r->y.ev))
            pf__yr_problem(&r->y, pos, "must say what the column gives (a column name, an item or question id, "
                                       "or ignore)");
        else
            target = pf__yr_read_id(&r->y, "what the column gives");
        if (!header || !target) {
            pf__free(&m->alloc, header);
            continue;
        }
        char *copy = pf__strdup(&m->alloc, target);
        if (!copy || pf__grow(&m->alloc, (void **)&m->columns, &m->column_cap, m->column_count + 1,
                              sizeof *m->columns) != PF_OK) {
            pf__free(&m->alloc, copy);
            pf__free(&m->alloc, header);
            r->y.oom = true;
            break;
        }
        pf_map_column c = { header, copy, pf__yr_exact(&r->y, pos) };
        m->columns[m->column_count] = c;
        if (pf__strmap_put(&m->alloc, &m->column_index, header, m->column_count) != PF_OK) {
            pf__free(&m->alloc, copy);
            pf__free(&m->alloc, header);
            r->y.oom = true;
            break;
        }
        m->column_count++;
    }
    pf__yr_path_set(&r->y, it.base);
}

/* The value a word maps to, for its kind; false (reported) when the text is no such value. */
static bool read_value_target(reader *r, pf_value_kind kind, int *out)
{
    static const pf__names *const names[] = { NULL, NULL, &pf_role__names, &pf_purpose__names, &pf_facet__names,
                                              &pf_priority__names, &pf_stage__names };
    pf_pos pos = pf__yr_ev_pos(&r->y);
    if (names[kind])
        return pf__yr_read_enum(&r->y, names[kind], out);
    const char *text = pf__yr_scalar_text(&r->y, kind == PF_VALUES_AGREE ? "an agreement" : "yes, no or unsure");
    if (!text)
        return false;
    char word[PF_IMPORT_WORD_MAX];
    int v = -1;
    if (pf__import_normalise(text, word, sizeof word))
        v = kind == PF_VALUES_AGREE ? pf__import_agreement_word(word) : pf__import_choice_word(word);
    if (v < 0) {
        char q[64];
        pf__quote(text, q);
        pf__yr_problem(&r->y, pos, "%s is not %s", q,
                       kind == PF_VALUES_AGREE
                           ? "an agreement (0..4, or strongly-disagree, disagree, neutral, agree, strongly-agree)"
                           : "a yes-no answer (yes, no or unsure)");
        return false;
    }
    *out = v;
    return true;
}

static void read_value_words(reader *r, pf_value_kind kind)
{
    pf_import_map *m = r->map;
    pf_map_iter it;
    if (!pf__yr_map_open(&r->y, &it, "a mapping of words to values"))
        return;
    while (pf__yr_next(&r->y)) {
        pf__yr_path_set(&r->y, it.base);
        if (r->y.ev.type == YAML_MAPPING_END_EVENT)
            break;
        if (++it.count > r->y.opts.max_items) {
            pf__yr_stop(&r->y, pf__yr_ev_pos(&r->y), PF_ELIMIT, "%s has more than the limit of %zu words",
                        value_kinds[kind], r->y.opts.max_items);
            break;
        }
        pf_pos key_pos = pf__yr_ev_pos(&r->y);
        const char *text = pf__yr_scalar_text(&r->y, "a word");
        char key[PF_IMPORT_WORD_MAX + 1];
        bool ok = false;
        if (text) {
            char q[64];
            pf__quote(text, q);
            size_t first;
            key[0] = (char)('a' + kind);
            if (!pf__import_normalise(text, key + 1, sizeof key - 1))
                pf__yr_problem(&r->y, key_pos, "word %s is longer than %d bytes", q, PF_IMPORT_WORD_MAX - 1);
            else if (!key[1])
                pf__yr_problem(&r->y, key_pos, "a word must not be empty");
            else if (pf__strmap_get(&m->value_index, key, &first))
                pf__yr_problem(&r->y, key_pos, "word %s is given twice (words are compared ignoring case, spaces, "
                                               "'-' and '_')", q);
            else
                ok = true;
            if (ok)
                pf__yr_path_push(&r->y, ".%s", q);
        }
        if (!pf__yr_next(&r->y))
            break;
        int v;
        if (!read_value_target(r, kind, &v) || !ok)
            continue;
        if (pf__grow(&m->alloc, (void **)&m->value_targets, &m->value_cap, m->value_keys.count + 1,
                     sizeof *m->value_targets) != PF_OK ||
            pf__strvec_push(&m->alloc, &m->value_keys, key) != PF_OK) {
            r->y.oom = true;
            break;
        }
        size_t index = m->value_keys.count - 1;
        m->value_targets[index] = v;
        if (pf__strmap_put(&m->alloc, &m->value_index, m->value_keys.items[index], index) != PF_OK) {
            r->y.oom = true;
            break;
        }
    }
    pf__yr_path_set(&r->y, it.base);
}

static void read_values(reader *r)
{
    pf_map_iter it;
    if (!pf__yr_map_open(&r->y, &it, "a mapping of value kinds (agree, yes-no, role, ...) to words"))
        return;
    while (pf__yr_map_next(&r->y, &it, &pf__value_kind_names, "values")) {
        if (pf__grow(&r->map->alloc, (void **)&r->kinds, &r->kind_cap, r->kind_count + 1, sizeof *r->kinds) != PF_OK) {
            r->y.oom = true;
            pf__yr_skip_node(&r->y);
            continue;
        }
        value_entry e = { (pf_value_kind)it.key, pf__yr_exact(&r->y, it.key_pos) };
        r->kinds[r->kind_count++] = e;
        read_value_words(r, (pf_value_kind)it.key);
    }
}

/* What the map's kind allows: the targets of its columns and the kinds of its values. */
static void check_kind(reader *r)
{
    pf_import_map *m = r->map;
    bool answers = m->kind == PF_IMPORT_ANSWERS;
    for (size_t i = 0; i < r->kind_count; i++) {
        bool for_answers = r->kinds[i].kind <= PF_VALUES_ROLE;
        if (for_answers != answers) {
            pf__yr_path_set(&r->y, 0);
            pf__yr_path_push(&r->y, "values.%s", value_kinds[r->kinds[i].kind]);
            pf__yr_problem(&r->y, r->kinds[i].pos, "words for %s belong in a mapping of %s, not %s",
                           value_kinds[r->kinds[i].kind], answers ? "projects" : "answers",
                           answers ? "answers" : "projects");
        }
    }
    for (size_t i = 0; i < m->column_count && !answers; i++) {
        if (pf__names_find(&pf__project_column_names, m->columns[i].target) >= 0)
            continue;
        char q[64], expected[PF_ERROR_MESSAGE_MAX / 2];
        pf__quote(m->columns[i].target, q);
        pf__names_join(&pf__project_column_names, expected, sizeof expected);
        char h[64];
        pf__quote(m->columns[i].header, h);
        pf__yr_path_set(&r->y, 0);
        pf__yr_path_push(&r->y, "columns.%s", h);
        pf__yr_problem(&r->y, m->columns[i].pos, "%s is not a column of a projects file (expected one of: %s)", q,
                       expected);
    }
    pf__yr_path_set(&r->y, 0);
}

static void read_root(reader *r)
{
    static const char *const key_names[] = { "import", "kind", "separator", "columns", "values" };
    static const pf__names keys = PF_NAMES(key_names);
    static const char *const kinds[] = { "answers", "projects" };
    static const pf__names kind_names = PF_NAMES(kinds);
    enum { K_IMPORT, K_KIND, K_SEPARATOR, K_COLUMNS, K_VALUES };
    pf_map_iter it;
    if (!pf__yr_map_open(&r->y, &it, "a mapping beginning with 'import: 1'"))
        return;
    while (pf__yr_map_next(&r->y, &it, &keys, "a mapping file")) {
        pf_pos pos = pf__yr_ev_pos(&r->y);
        switch (it.key) {
        case K_IMPORT: {
            int64_t version;
            if (pf__yr_read_integer(&r->y, &version) && version != 1)
                pf__yr_problem(&r->y, pos, "unsupported mapping file version %lld (this library reads version 1)",
                               (long long)version);
            break;
        }
        case K_KIND: {
            int v;
            if (pf__yr_read_enum(&r->y, &kind_names, &v)) {
                r->map->kind = (pf_import_kind)v;
                r->map->kind_pos = pf__yr_exact(&r->y, pos);
                r->kind_known = true;
            }
            break;
        }
        case K_SEPARATOR: {
            const char *text = pf__yr_scalar_text(&r->y, "\",\" or \";\"");
            if (text && (strcmp(text, ",") == 0 || strcmp(text, ";") == 0))
                r->map->separator = text[0];
            else if (text) {
                char q[64];
                pf__quote(text, q);
                pf__yr_problem(&r->y, pos, "must be \",\" or \";\" (got %s)", q);
            }
            break;
        }
        case K_COLUMNS:
            read_columns(r);
            break;
        case K_VALUES:
            read_values(r);
            break;
        }
    }
    pf__yr_map_require(&r->y, &it, &keys, (1u << K_IMPORT) | (1u << K_KIND),
                       "a mapping file (import: 1, and kind: answers or projects)");
    if (r->kind_known && !r->y.stopped)
        check_kind(r);
}

void pf_import_map_free(pf_import_map *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->column_count; i++) {
        pf__free(&m->alloc, m->columns[i].header);
        pf__free(&m->alloc, m->columns[i].target);
    }
    pf__free(&m->alloc, m->columns);
    pf__strmap_free(&m->alloc, &m->column_index);
    pf__strvec_free(&m->alloc, &m->value_keys);
    pf__free(&m->alloc, m->value_targets);
    pf__strmap_free(&m->alloc, &m->value_index);
    pf__free(&m->alloc, m->source);
    pf_allocator a = m->alloc;
    pf__free(&a, m);
}

pf_import_kind pf_import_map_kind(const pf_import_map *map)
{
    return map ? map->kind : PF_IMPORT_ANSWERS;
}

static pf_status read_map(void *ctx, const char *data, size_t size, const char *source, const pf_read_options *ro,
                          pf_diagnostics *diags, pf_error *err)
{
    pf_import_map **out = ctx;
    pf_allocator a = pf__allocator_resolve(&ro->allocator);
    reader r;
    memset(&r, 0, sizeof r);
    r.map = pf__calloc(&a, 1, sizeof *r.map);
    if (!r.map)
        return pf__oom(err);
    r.map->alloc = a;
    if (!(r.map->source = pf__strdup(&a, source)) || pf__yr_open(&r.y, data, size, source, ro, &a) != PF_OK) {
        pf__yr_close(&r.y, NULL, NULL);
        pf_import_map_free(r.map);
        return pf__oom(err);
    }
    if (pf__yr_root(&r.y, "at least 'import: 1' and 'kind: answers' or 'kind: projects'")) {
        read_root(&r);
        pf__yr_end(&r.y);
    }
    pf__free(&a, r.kinds);
    pf_status s = pf__yr_close(&r.y, diags, err);
    if (s != PF_OK) {
        pf_import_map_free(r.map);
        return s;
    }
    *out = r.map;
    return PF_OK;
}

pf_status pf_import_map_read_buffer(const char *data, size_t size, const char *source, const pf_read_options *opts,
                                    pf_import_map **out, pf_diagnostics *diags, pf_error *err)
{
    if (!out)
        return pf__fail(err, PF_EARG, "out is NULL");
    return pf__yr_with_buffer(data, size, source, opts, diags, err, read_map, out);
}

pf_status pf_import_map_read_file(const char *path, const pf_read_options *opts, pf_import_map **out,
                                  pf_diagnostics *diags, pf_error *err)
{
    if (!out)
        return pf__fail(err, PF_EARG, "out is NULL");
    return pf__yr_with_file(path, opts, diags, err, read_map, out);
}
