/*
 * Reading instrument files (docs/instrument.md): a single pass over libyaml's
 * event stream into the instrument. A question's keys may come in any order,
 * so the rules that depend on its form and part are checked once the whole
 * question is read; rules across questions, and the ranges the facets and
 * dimensions can reach, once every question is read. Problems are reported as
 * for documents: file, line, column and key path, every one collected;
 * syntax errors and broken limits stop reading.
 */
#include <stdio.h>
#include <string.h>

#include "yaml_events.h"

static const char *const question_key_names[] = { "id", "part", "text", "form", "items", "options", "rank_points" };
enum { Q_ID, Q_PART, Q_TEXT, Q_FORM, Q_ITEMS, Q_OPTIONS, Q_RANK_POINTS };
static const char *const item_key_names[] = { "id", "text", "facet", "dimension", "form", "points" };
enum { I_ID, I_TEXT, I_FACET, I_DIMENSION, I_FORM, I_POINTS };
static const char *const option_key_names[] = { "id", "text", "facet", "points" };
enum { O_ID, O_TEXT, O_FACET, O_POINTS };
static const pf__names question_keys = PF_NAMES(question_key_names);
static const pf__names item_keys = PF_NAMES(item_key_names);
static const pf__names option_keys = PF_NAMES(option_key_names);

#define MAX_KEYS 7
#define BIT(k) ((uint64_t)1 << (k))

/* Where a question, item or option came from, for the rules checked after it is read. */
typedef struct marks {
    size_t list_index;         /* its index in the list that holds it */
    pf_pos pos;                /* of its mapping */
    pf_pos id_pos;             /* of its id's value (a whole slot: its question's) */
    pf_pos key_pos[MAX_KEYS];  /* of each key met */
    pf_pos value_pos[MAX_KEYS]; /* of each key's value */
    uint64_t seen, present;    /* keys met; keys met with a value */
    uint64_t valid;            /* keys whose value was usable and stored */
    bool is_item;              /* slots: an item, not a whole rank or multi question */
    size_t first_option;       /* whole slots: their options in the instrument's option array */
} marks;

typedef struct ireader {
    pf_yreader y;
    pf_instrument *inst;
    size_t question_cap, slot_cap, option_cap, translation_cap;
    bool texts_read;      /* a title or question met: the instrument's language can no longer change */
    marks *qmarks, *smarks, *omarks; /* parallel to questions, slots and options */
    size_t qmarks_cap, smarks_cap, omarks_cap;
    pf_pos questions_pos; /* of the questions list */
} ireader;

/* ---- small readers ---- */

/* A copy owned by the instrument, or NULL when memory ran out. */
static const char *keep(ireader *r, const char *text)
{
    if (pf__strvec_push(&r->inst->alloc, &r->inst->strings, text) != PF_OK) {
        r->y.oom = true;
        return NULL;
    }
    return r->inst->strings.items[r->inst->strings.count - 1];
}

/* True for a valid language tag; false after reporting why not. */
static bool check_tag(ireader *r, const char *tag, pf_pos pos)
{
    if (pf__lang_tag_valid(tag))
        return true;
    char buf[64];
    const char *q = pf__yr_quote(&r->y, tag, buf);
    if (q)
        pf__yr_problem(&r->y, pos, "%s is not a language tag (2 or 3 lower-case letters, as en or fr, then optionally "
                       "'-' and 1 to 8 letters or digits, as fr-CA)", q);
    else
        pf__yr_problem(&r->y, pos, "expected a language tag (2 or 3 lower-case letters, as en or fr, then optionally "
                       "'-' and 1 to 8 letters or digits, as fr-CA)");
    return false;
}

/* The index of a language tag in the instrument's languages, added when new; -1 (reported) when unusable. */
static int language_of(ireader *r, const char *tag, pf_pos pos)
{
    pf_instrument *inst = r->inst;
    if (!check_tag(r, tag, pos))
        return -1;
    for (size_t i = 0; i < inst->language_count; i++)
        if (pf__lang_tag_equal(inst->languages[i], tag, strlen(tag)))
            return (int)i;
    if (inst->language_count == PF_INSTRUMENT_MAX_LANGUAGES) {
        char buf[64];
        const char *q = pf__yr_quote(&r->y, tag, buf);
        if (q)
            pf__yr_problem(&r->y, pos, "%s would be language %d: an instrument has at most %d languages", q,
                           PF_INSTRUMENT_MAX_LANGUAGES + 1, PF_INSTRUMENT_MAX_LANGUAGES);
        else
            pf__yr_problem(&r->y, pos, "language %d: an instrument has at most %d languages",
                           PF_INSTRUMENT_MAX_LANGUAGES + 1, PF_INSTRUMENT_MAX_LANGUAGES);
        return -1;
    }
    const char *kept = keep(r, tag);
    if (!kept)
        return -1;
    inst->languages[inst->language_count] = kept;
    return (int)inst->language_count++;
}

/*
 * {en: "...", fr: "..."}: the text in the instrument's language, returned, and
 * the others appended to the translation table. NULL (reported) when unusable.
 */
static const char *read_translations(ireader *r, pf_inst_tr *tr)
{
    pf_instrument *inst = r->inst;
    size_t base = r->y.path_len, keys = 0;
    pf_pos pos = pf__yr_ev_pos(&r->y);
    uint64_t seen = 0;
    unsigned first_line[PF_INSTRUMENT_MAX_LANGUAGES];
    const char *own = NULL;
    bool ok = true;
    while (pf__yr_next(&r->y)) {
        pf__yr_path_set(&r->y, base);
        if (r->y.ev.type == YAML_MAPPING_END_EVENT)
            break;
        if (++keys > r->y.opts.max_items) {
            pf__yr_stop(&r->y, pf__yr_ev_pos(&r->y), PF_ELIMIT, "a text has more than the limit of %zu languages",
                        r->y.opts.max_items);
            return NULL;
        }
        pf_pos key_pos = pf__yr_ev_pos(&r->y);
        const char *tag = pf__yr_scalar_text(&r->y, "a language tag");
        int l = tag ? language_of(r, tag, key_pos) : -1;
        if (l >= 0 && (seen >> l & 1)) {
            char buf[64];
            const char *q = pf__yr_quote(&r->y, tag, buf);
            if (q)
                pf__yr_problem(&r->y, key_pos, "duplicate language %s (first at line %u)", q, first_line[l]);
            else
                pf__yr_problem(&r->y, key_pos, "duplicate language (first at line %u)", first_line[l]);
            l = -1;
        }
        if (!pf__yr_next(&r->y))
            break;
        if (l < 0) {
            ok = false;
            pf__yr_skip_node(&r->y);
            continue;
        }
        seen |= (uint64_t)1 << l;
        first_line[l] = key_pos.line;
        /* A language tag is the file's text: redacting, the path stays at the text, the position says which. */
        if (pf__yr_show(&r->y, inst->languages[l]))
            pf__yr_path_push_key(&r->y, inst->languages[l]);
        pf_pos text_pos = pf__yr_ev_pos(&r->y);
        const char *text = pf__yr_is_null(&r->y.ev) ? "" : pf__yr_scalar_text(&r->y, "text");
        if (text && !*text)
            pf__yr_problem(&r->y, text_pos, "must not be empty");
        if (!text || !*text) {
            ok = false;
            continue;
        }
        const char *kept = keep(r, text);
        if (!kept)
            return NULL;
        if (l == 0) {
            own = kept;
            continue;
        }
        size_t cap = r->translation_cap;
        if (pf__grow(&inst->alloc, (void **)&inst->translations, &cap, inst->translation_count + 1,
                     sizeof *inst->translations) != PF_OK) {
            r->y.oom = true;
            return NULL;
        }
        r->translation_cap = cap;
        inst->translations[inst->translation_count].lang = (size_t)l;
        inst->translations[inst->translation_count++].text = kept;
    }
    pf__yr_path_set(&r->y, base);
    tr->count = inst->translation_count - tr->first;
    if (r->y.stopped || r->y.oom)
        return NULL;
    if (!(seen & 1)) {
        char buf[64];
        const char *q = pf__yr_quote(&r->y, inst->languages[0], buf);
        if (q)
            pf__yr_problem(&r->y, pos, "no text in %s, the instrument's language (every text needs one: it is the "
                           "fallback for the other languages)", q);
        else
            pf__yr_problem(&r->y, pos, "no text in the instrument's language (every text needs one: it is the "
                           "fallback for the other languages)");
        return NULL;
    }
    return ok ? own : NULL;
}

/* A text: plain (in the instrument's language), or a mapping of language tags to texts. */
static const char *read_text(ireader *r, pf_inst_tr *tr)
{
    tr->first = r->inst->translation_count;
    tr->count = 0;
    if (r->y.ev.type == YAML_MAPPING_START_EVENT)
        return read_translations(r, tr);
    pf_pos pos = pf__yr_ev_pos(&r->y);
    const char *text = pf__yr_scalar_text(&r->y, "text");
    if (!text)
        return NULL;
    if (!*text) {
        pf__yr_problem(&r->y, pos, "must not be empty");
        return NULL;
    }
    return keep(r, text);
}

static const char *read_id(ireader *r, const char *expected)
{
    const char *text = pf__yr_read_id(&r->y, expected);
    return text ? keep(r, text) : NULL;
}

/* 0, or from PF_INSTRUMENT_MIN_NUMBER to PF_INSTRUMENT_MAX_NUMBER: every score computed from such numbers is
   finite and printable. */
static bool read_points(ireader *r, double *out)
{
    pf_pos pos = pf__yr_ev_pos(&r->y);
    pf_error e;
    if (!pf__yr_read_number(&r->y, out))
        return false;
    if (pf__check_amount(*out, PF_INSTRUMENT_MAX_NUMBER, "points", &e) != PF_OK) {
        pf__yr_entry_problem(&r->y, pos, &e);
        return false;
    }
    if (*out > 0 && *out < PF_INSTRUMENT_MIN_NUMBER) {
        char num[32];
        pf__format_number(*out, num);
        pf__yr_problem(&r->y, pos, "must be 0 or at least 0.000001 (got %s)", num);
        return false;
    }
    return true;
}

/* Appends a zeroed entry to an array and to its marks; SIZE_MAX when memory runs out. */
static size_t append(ireader *r, void **items, size_t *count, size_t *cap, size_t elem, marks **m, size_t *mcap)
{
    const pf_allocator *a = &r->inst->alloc;
    if (pf__grow(a, items, cap, *count + 1, elem) != PF_OK ||
        pf__grow(a, (void **)m, mcap, *count + 1, sizeof **m) != PF_OK) {
        r->y.oom = true;
        return SIZE_MAX;
    }
    memset((char *)*items + *count * elem, 0, elem);
    memset(&(*m)[*count], 0, sizeof **m);
    return (*count)++;
}

static size_t new_slot(ireader *r, size_t question)
{
    pf_instrument *inst = r->inst;
    size_t i = append(r, (void **)&inst->slots, &inst->slot_count, &r->slot_cap, sizeof *inst->slots, &r->smarks,
                      &r->smarks_cap);
    if (i != SIZE_MAX) {
        inst->slots[i].question = question;
        inst->slots[i].facet = PF_FACET_UNSET;
        inst->slots[i].dimension = PF_DIMENSION_UNSET;
    }
    return i;
}

static void save_marks(marks *m, const pf_map_iter *it, size_t list_index)
{
    m->list_index = list_index;
    m->pos = it->pos;
    m->seen = it->seen;
    m->present = it->present;
    memcpy(m->key_pos, it->key_positions, sizeof m->key_pos);
}

/* ---- problems found once an entry is read whole: the path is set by the caller ---- */

/* A problem with a key the entry gives, at pos (the key's, or its value's), under the entry's path. */
static void key_problem(ireader *r, pf_pos pos, const char *key, const char *fmt, ...) PF_PRINTF(4, 5);

static void key_problem(ireader *r, pf_pos pos, const char *key, const char *fmt, ...)
{
    char msg[PF_ERROR_MESSAGE_MAX];
    size_t base = r->y.path_len;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    pf__yr_path_push(&r->y, "%s%s", base ? "." : "", key);
    pf__yr_problem(&r->y, pos, "%s", msg);
    pf__yr_path_set(&r->y, base);
}

/* "a rank question", "an agree-half question". */
static const char *form_question(pf_form form, char out[32])
{
    const char *name = pf_form_name(form);
    snprintf(out, 32, "%s %s question", name[0] == 'a' ? "an" : "a", name);
    return out;
}

/* A key the entry needs in its context, worded as pf__yr_map_require words a required key. */
static void require_key(ireader *r, const marks *m, int key, const pf__names *keys, const char *what)
{
    if (m->present & BIT(key))
        return;
    if (m->seen & BIT(key))
        pf__yr_problem(&r->y, m->key_pos[key], "key '%s' of %s must have a value", keys->names[key], what);
    else
        pf__yr_problem(&r->y, m->pos, "missing key '%s' in %s", keys->names[key], what);
}

/* ---- items and options ---- */

static void read_choice_points(ireader *r, double out[PF_CHOICE_COUNT], bool *ok)
{
    pf_map_iter it;
    *ok = false;
    if (!pf__yr_map_open(&r->y, &it, "a mapping {yes: <points>, no: <points>, unsure: <points>}"))
        return;
    bool all = true;
    while (pf__yr_map_next(&r->y, &it, &pf_choice__names, "points"))
        all &= read_points(r, &out[it.key]);
    pf__yr_map_require(&r->y, &it, &pf_choice__names, BIT(PF_CHOICE_COUNT) - 1, "points");
    *ok = all && it.present == BIT(PF_CHOICE_COUNT) - 1;
}

static void read_item(ireader *r, size_t question, size_t list_index)
{
    pf_map_iter it;
    if (!pf__yr_map_open(&r->y, &it, "a mapping (an item)"))
        return;
    size_t i = new_slot(r, question);
    if (i == SIZE_MAX) {
        pf__yr_skip_node(&r->y);
        return;
    }
    pf_inst_slot *s = &r->inst->slots[i];
    marks *m = &r->smarks[i];
    m->is_item = true;
    while (pf__yr_map_next(&r->y, &it, &item_keys, "an item")) {
        pf_pos pos = m->value_pos[it.key] = pf__yr_ev_pos(&r->y);
        bool ok = false;
        int v;
        switch (it.key) {
        case I_ID:
            m->id_pos = pos;
            ok = (s->id = read_id(r, "an item id")) != NULL;
            break;
        case I_TEXT:
            ok = (s->text = read_text(r, &s->tr)) != NULL;
            break;
        case I_FACET:
            if ((ok = pf__yr_read_enum(&r->y, &pf_facet__names, &v)))
                s->facet = (pf_facet)v;
            break;
        case I_DIMENSION:
            if ((ok = pf__yr_read_enum(&r->y, &pf_dimension__names, &v)))
                s->dimension = (pf_dimension)v;
            break;
        case I_FORM:
            if (!pf__yr_read_enum(&r->y, &pf_form__names, &v))
                break;
            if (v == PF_FORM_RANK || v == PF_FORM_MULTI)
                pf__yr_problem(&r->y, pos, "%s is a question's form; an item is agree, agree-half, agree-reversed "
                               "or yes-no", pf_form_name((pf_form)v));
            else
                s->form = (pf_form)v, ok = true;
            break;
        case I_POINTS:
            read_choice_points(r, s->choice_points, &ok);
            break;
        }
        if (ok)
            m->valid |= BIT(it.key);
    }
    pf__yr_map_require(&r->y, &it, &item_keys, BIT(I_ID) | BIT(I_TEXT), "an item");
    save_marks(m, &it, list_index);
}

static void read_option(ireader *r, size_t list_index)
{
    pf_instrument *inst = r->inst;
    pf_map_iter it;
    if (!pf__yr_map_open(&r->y, &it, "a mapping (an option)"))
        return;
    size_t i = append(r, (void **)&inst->options, &inst->option_count, &r->option_cap, sizeof *inst->options,
                      &r->omarks, &r->omarks_cap);
    if (i == SIZE_MAX) {
        pf__yr_skip_node(&r->y);
        return;
    }
    pf_inst_option *o = &inst->options[i];
    marks *m = &r->omarks[i];
    o->facet = PF_FACET_UNSET;
    while (pf__yr_map_next(&r->y, &it, &option_keys, "an option")) {
        pf_pos pos = m->value_pos[it.key] = pf__yr_ev_pos(&r->y);
        bool ok = false;
        int v;
        switch (it.key) {
        case O_ID: {
            m->id_pos = pos;
            const char *id = pf__yr_read_id(&r->y, "an option id");
            if (id && strcmp(id, "none") == 0)
                pf__yr_problem(&r->y, pos, "'none' is reserved: a multi answer [none] says that no option applies");
            else if (id)
                ok = (o->id = keep(r, id)) != NULL;
            break;
        }
        case O_TEXT:
            ok = (o->text = read_text(r, &o->tr)) != NULL;
            break;
        case O_FACET:
            if ((ok = pf__yr_read_enum(&r->y, &pf_facet__names, &v)))
                o->facet = (pf_facet)v;
            break;
        case O_POINTS:
            ok = read_points(r, &o->points);
            break;
        }
        if (ok)
            m->valid |= BIT(it.key);
    }
    pf__yr_map_require(&r->y, &it, &option_keys, BIT(O_ID) | BIT(O_TEXT) | BIT(O_FACET), "an option");
    save_marks(m, &it, list_index);
}

/* Points by place, first place first; a place never scores more than the one before it. */
static void read_rank_points(ireader *r, double out[PF_MAX_RANK_OPTIONS], size_t *count, bool *ok)
{
    pf_seq_iter si;
    *count = 0;
    *ok = false;
    if (!pf__yr_seq_open(&r->y, &si, "a list of points, first place first"))
        return;
    bool all = true, prev_ok = false;
    double prev = 0;
    while (pf__yr_seq_next(&r->y, &si)) {
        pf_pos pos = pf__yr_ev_pos(&r->y);
        double v = 0;
        bool this_ok = read_points(r, &v);
        if (this_ok && prev_ok && v > prev) {
            char a[32], b[32];
            pf__format_number(v, a);
            pf__format_number(prev, b);
            if (pf__yr_show(&r->y, a))
                pf__yr_problem(&r->y, pos, "a place cannot score more than the place before it (%s after %s)", a, b);
            else
                pf__yr_problem(&r->y, pos, "a place cannot score more than the place before it");
            this_ok = false;
        }
        if (this_ok && *count < PF_MAX_RANK_OPTIONS)
            out[*count] = v;
        all &= this_ok;
        prev_ok = this_ok;
        prev = v;
        (*count)++;
    }
    pf__yr_path_set(&r->y, si.base);
    *ok = all;
}

/* ---- questions ---- */

static bool is_agree(pf_form f)
{
    return f == PF_FORM_AGREE || f == PF_FORM_AGREE_HALF || f == PF_FORM_AGREE_REVERSED;
}

/* An item's rules that depend on its question's part and form (either may be unknown). */
static void check_item(ireader *r, size_t slot, const marks *qm, pf_part part, pf_form form)
{
    pf_inst_slot *s = &r->inst->slots[slot];
    const marks *m = &r->smarks[slot];
    size_t base = r->y.path_len;
    pf__yr_path_push(&r->y, ".items[%zu]", m->list_index);
    if (qm->valid & BIT(Q_PART)) {
        bool orientation = part == PF_PART_ORIENTATION;
        int wanted = orientation ? I_FACET : I_DIMENSION, other = orientation ? I_DIMENSION : I_FACET;
        if (m->present & BIT(other))
            key_problem(r, m->key_pos[other], item_key_names[other], "%s items score a %s, not a %s",
                        pf_part_name(part), item_key_names[wanted], item_key_names[other]);
        require_key(r, m, wanted, &item_keys, orientation ? "an orientation item" : "a capability item");
    }
    if (qm->valid & BIT(Q_FORM)) {
        if ((m->valid & BIT(I_FORM)) && is_agree(form) != is_agree(s->form)) {
            char what[32];
            key_problem(r, m->value_pos[I_FORM], "form", "an item of %s is %s", form_question(form, what),
                        is_agree(form) ? "agree, agree-half or agree-reversed" : "yes-no");
        } else if (!(m->present & BIT(I_FORM)) || (m->valid & BIT(I_FORM))) {
            /* (unless the item's own form was refused: then which rules apply is unknown) */
            if (!(m->valid & BIT(I_FORM)))
                s->form = form;
            if (s->form == PF_FORM_YES_NO)
                require_key(r, m, I_POINTS, &item_keys, "a yes-no item");
            else if (m->present & BIT(I_POINTS))
                key_problem(r, m->key_pos[I_POINTS], "points",
                            "only yes-no items have points (agree items score the agreement)");
        }
    }
    pf__yr_path_set(&r->y, base);
}

/* A rank or multi question's options, rank points and single answer slot. */
static void finish_whole(ireader *r, size_t qi, marks *qm, size_t first_option, const double *rank_points,
                         size_t rank_count, bool rank_ok, pf_pos options_pos, pf_pos rank_pos)
{
    pf_instrument *inst = r->inst;
    pf_inst_question *q = &inst->questions[qi];
    size_t n = inst->option_count - first_option, base = r->y.path_len;
    char what[32];
    const char *form = pf_form_name(q->form);
    bool rank = q->form == PF_FORM_RANK;
    form_question(q->form, what);
    if (qm->present & BIT(Q_ITEMS))
        key_problem(r, qm->key_pos[Q_ITEMS], "items", "%s lists options, not items", what);
    if ((qm->valid & BIT(Q_PART)) && q->part != PF_PART_ORIENTATION)
        key_problem(r, qm->value_pos[Q_PART], "part", "%s questions score facets, so they belong to part orientation",
                    form);
    require_key(r, qm, Q_OPTIONS, &question_keys, what);
    size_t most = rank ? PF_MAX_RANK_OPTIONS : PF_MAX_OPTIONS;
    pf__yr_path_push(&r->y, ".options");
    if (qm->valid & BIT(Q_OPTIONS)) {
        if (n > most)
            pf__yr_problem(&r->y, options_pos, "%s has at most %zu options (got %zu)", what, most, n);
        else if (rank && n < 2)
            pf__yr_problem(&r->y, options_pos, "a rank question needs at least 2 options (got %zu)", n);
        else if (n == 0)
            pf__yr_problem(&r->y, options_pos, "must list at least one option");
    }
    pf__yr_path_set(&r->y, base);
    if (rank) {
        require_key(r, qm, Q_RANK_POINTS, &question_keys, what);
        if ((qm->present & BIT(Q_RANK_POINTS)) && rank_ok && rank_count != n && n <= most) {
            pf__yr_path_push(&r->y, ".rank_points");
            pf__yr_problem(&r->y, rank_pos, "gives %zu place%s for %zu options", rank_count,
                           rank_count == 1 ? "" : "s", n);
            pf__yr_path_set(&r->y, base);
        }
    } else if (qm->present & BIT(Q_RANK_POINTS)) {
        key_problem(r, qm->key_pos[Q_RANK_POINTS], "rank_points", "only rank questions have rank_points");
    }
    for (size_t i = first_option; i < inst->option_count; i++) {
        const marks *om = &r->omarks[i];
        pf__yr_path_push(&r->y, ".options[%zu]", om->list_index);
        if (rank && (om->present & BIT(O_POINTS)))
            key_problem(r, om->key_pos[O_POINTS], "points",
                        "rank options score by their place (the question's rank_points), not points");
        else if (!rank)
            require_key(r, om, O_POINTS, &option_keys, "an option of a multi question");
        /* Duplicates: within the limit above options are few, so pairwise is cheap. */
        for (size_t j = first_option; n <= most && inst->options[i].id && j < i; j++) {
            if (inst->options[j].id && strcmp(inst->options[i].id, inst->options[j].id) == 0) {
                char buf[64];
                const char *idq = pf__yr_quote(&r->y, inst->options[i].id, buf);
                pf__yr_path_push(&r->y, ".id");
                if (idq)
                    pf__yr_problem(&r->y, om->id_pos, "duplicate option id %s (first at line %u)", idq,
                                   r->omarks[j].id_pos.line);
                else
                    pf__yr_problem(&r->y, om->id_pos, "duplicate option id (first at line %u)",
                                   r->omarks[j].id_pos.line);
                break;
            }
        }
        pf__yr_path_set(&r->y, base);
    }
    size_t si = new_slot(r, qi);
    if (si == SIZE_MAX)
        return;
    pf_inst_slot *s = &inst->slots[si];
    s->id = q->id;
    s->text = q->text;
    s->tr = q->tr;
    s->form = q->form;
    s->option_count = n;
    memcpy(s->rank_points, rank_points, sizeof s->rank_points);
    r->smarks[si].id_pos = qm->id_pos;
    r->smarks[si].list_index = qm->list_index;
    r->smarks[si].first_option = first_option;
}

static void read_question(ireader *r, size_t list_index)
{
    pf_instrument *inst = r->inst;
    pf_map_iter it;
    if (!pf__yr_map_open(&r->y, &it, "a mapping (a question)"))
        return;
    size_t qi = append(r, (void **)&inst->questions, &inst->question_count, &r->question_cap,
                       sizeof *inst->questions, &r->qmarks, &r->qmarks_cap);
    if (qi == SIZE_MAX) {
        pf__yr_skip_node(&r->y);
        return;
    }
    pf_inst_question *q = &inst->questions[qi];
    marks *qm = &r->qmarks[qi];
    size_t first_option = inst->option_count, rank_count = 0;
    double rank_points[PF_MAX_RANK_OPTIONS] = { 0 };
    bool rank_ok = false;
    pf_pos options_pos = { 0, 0, 0 }, items_pos = { 0, 0, 0 }, rank_pos = { 0, 0, 0 };
    q->first_slot = inst->slot_count;
    while (pf__yr_map_next(&r->y, &it, &question_keys, "a question")) {
        pf_pos pos = qm->value_pos[it.key] = pf__yr_ev_pos(&r->y);
        pf_seq_iter si;
        bool ok = false;
        int v;
        switch (it.key) {
        case Q_ID:
            qm->id_pos = pos;
            ok = (q->id = read_id(r, "a question id")) != NULL;
            break;
        case Q_PART:
            if ((ok = pf__yr_read_enum(&r->y, &pf_part__names, &v)))
                q->part = (pf_part)v;
            break;
        case Q_TEXT:
            ok = (q->text = read_text(r, &q->tr)) != NULL;
            break;
        case Q_FORM:
            if ((ok = pf__yr_read_enum(&r->y, &pf_form__names, &v)))
                q->form = (pf_form)v;
            break;
        case Q_ITEMS:
            items_pos = pos;
            if ((ok = pf__yr_seq_open(&r->y, &si, "a list of items")))
                while (pf__yr_seq_next(&r->y, &si))
                    read_item(r, qi, si.index - 1);
            break;
        case Q_OPTIONS:
            options_pos = pos;
            if ((ok = pf__yr_seq_open(&r->y, &si, "a list of options")))
                while (pf__yr_seq_next(&r->y, &si))
                    read_option(r, si.index - 1);
            break;
        case Q_RANK_POINTS:
            rank_pos = pos;
            read_rank_points(r, rank_points, &rank_count, &rank_ok);
            break;
        }
        if (ok)
            qm->valid |= BIT(it.key);
    }
    pf__yr_map_require(&r->y, &it, &question_keys, BIT(Q_ID) | BIT(Q_PART) | BIT(Q_TEXT) | BIT(Q_FORM),
                       "a question");
    save_marks(qm, &it, list_index);
    if (r->y.stopped || r->y.oom)
        return;
    if ((qm->valid & BIT(Q_FORM)) && !is_agree(q->form) && q->form != PF_FORM_YES_NO) {
        finish_whole(r, qi, qm, first_option, rank_points, rank_count, rank_ok, options_pos, rank_pos);
    } else {
        if (qm->valid & BIT(Q_FORM)) {
            char what[32];
            form_question(q->form, what);
            if (qm->present & BIT(Q_OPTIONS))
                key_problem(r, qm->key_pos[Q_OPTIONS], "options", "%s lists items, not options", what);
            if (qm->present & BIT(Q_RANK_POINTS))
                key_problem(r, qm->key_pos[Q_RANK_POINTS], "rank_points", "only rank questions have rank_points");
            require_key(r, qm, Q_ITEMS, &question_keys, what);
            if ((qm->valid & BIT(Q_ITEMS)) && inst->slot_count == q->first_slot) {
                size_t base = r->y.path_len;
                pf__yr_path_push(&r->y, ".items");
                pf__yr_problem(&r->y, items_pos, "must list at least one item");
                pf__yr_path_set(&r->y, base);
            }
        }
        for (size_t s = q->first_slot; s < inst->slot_count; s++)
            check_item(r, s, qm, q->part, q->form);
    }
    q->slot_count = inst->slot_count - q->first_slot;
}

/* ---- the instrument as a whole ---- */

static void read_levels(ireader *r)
{
    static const char *const key_names[] = { "medium", "high" };
    static const pf__names keys = PF_NAMES(key_names);
    enum { K_MEDIUM, K_HIGH };
    double v[2] = { 0, 0 };
    pf_pos pos[2] = { { 0, 0, 0 }, { 0, 0, 0 } };
    uint64_t valid = 0;
    pf_map_iter it;
    if (!pf__yr_map_open(&r->y, &it, "a mapping {medium: <score>, high: <score>}"))
        return;
    while (pf__yr_map_next(&r->y, &it, &keys, "the capability levels")) {
        pos[it.key] = pf__yr_ev_pos(&r->y);
        if (read_points(r, &v[it.key]))
            valid |= BIT(it.key);
    }
    pf__yr_map_require(&r->y, &it, &keys, BIT(K_MEDIUM) | BIT(K_HIGH), "the capability levels");
    if (valid == (BIT(K_MEDIUM) | BIT(K_HIGH)) && !(v[K_MEDIUM] < v[K_HIGH])) {
        char high[32], medium[32];
        pf__format_number(v[K_HIGH], high);
        pf__format_number(v[K_MEDIUM], medium);
        pf__yr_path_push(&r->y, ".high");
        if (pf__yr_show(&r->y, high))
            pf__yr_problem(&r->y, pos[K_HIGH], "must be above medium (got %s, medium %s)", high, medium);
        else
            pf__yr_problem(&r->y, pos[K_HIGH], "must be above medium");
        pf__yr_path_set(&r->y, it.base);
    }
    r->inst->level_medium = v[K_MEDIUM];
    r->inst->level_high = v[K_HIGH];
}

static void read_scoring(ireader *r)
{
    static const char *const key_names[] = { "pet_scale", "capability_base", "capability_levels" };
    static const pf__names keys = PF_NAMES(key_names);
    enum { K_PET_SCALE, K_CAPABILITY_BASE, K_CAPABILITY_LEVELS };
    pf_map_iter it;
    if (!pf__yr_map_open(&r->y, &it, "a mapping (the scoring constants)"))
        return;
    while (pf__yr_map_next(&r->y, &it, &keys, "the scoring constants")) {
        pf_pos pos = pf__yr_ev_pos(&r->y);
        double v;
        switch (it.key) {
        case K_PET_SCALE:
            if (!pf__yr_read_number(&r->y, &v))
                break;
            char num[32];
            pf__format_number(v, num);
            if (!(v > 0))
                pf__yr_problem(&r->y, pos, "must be above 0 (it divides every raw facet score)");
            else if (v < PF_INSTRUMENT_MIN_NUMBER)
                pf__yr_problem(&r->y, pos, "must be at least 0.000001 (got %s)", num);
            else if (v > PF_INSTRUMENT_MAX_NUMBER)
                pf__yr_problem(&r->y, pos, "must be at most 1000000 (got %s)", num);
            else
                r->inst->pet_scale = v;
            break;
        case K_CAPABILITY_BASE:
            read_points(r, &r->inst->capability_base);
            break;
        case K_CAPABILITY_LEVELS:
            read_levels(r);
            break;
        }
    }
    pf__yr_map_require(&r->y, &it, &keys, BIT(K_PET_SCALE) | BIT(K_CAPABILITY_BASE) | BIT(K_CAPABILITY_LEVELS),
                       "the scoring constants");
}

static void read_root(ireader *r)
{
    static const char *const key_names[] = { "instrument", "id", "language", "title", "scoring", "questions" };
    static const pf__names keys = PF_NAMES(key_names);
    enum { K_VERSION, K_ID, K_LANGUAGE, K_TITLE, K_SCORING, K_QUESTIONS };
    pf_map_iter it;
    if (!pf__yr_map_open(&r->y, &it, "a mapping beginning with 'instrument: 1'"))
        return;
    while (pf__yr_map_next(&r->y, &it, &keys, "the instrument file")) {
        pf_pos pos = pf__yr_ev_pos(&r->y);
        switch (it.key) {
        case K_VERSION: {
            int64_t version;
            char got[24];
            if (!pf__yr_read_integer(&r->y, &version) || version == PF_INSTRUMENT_FORMAT_VERSION)
                break;
            snprintf(got, sizeof got, "%lld", (long long)version);
            if (pf__yr_show(&r->y, got))
                pf__yr_problem(&r->y, pos, "unsupported instrument format version %s (this library reads version %d)",
                               got, PF_INSTRUMENT_FORMAT_VERSION);
            else
                pf__yr_problem(&r->y, pos, "unsupported instrument format version (this library reads version %d)",
                               PF_INSTRUMENT_FORMAT_VERSION);
            break;
        }
        case K_ID:
            r->inst->id = read_id(r, "an instrument id");
            break;
        case K_LANGUAGE: {
            const char *tag = pf__yr_scalar_text(&r->y, "a language tag");
            if (tag && r->texts_read)
                pf__yr_problem(&r->y, pos, "must come before 'title' and 'questions', whose plain texts are in it");
            else if (tag && check_tag(r, tag, pos) && (tag = keep(r, tag)) != NULL)
                r->inst->languages[0] = tag;
            break;
        }
        case K_TITLE:
            r->texts_read = true;
            r->inst->title = read_text(r, &r->inst->title_tr);
            break;
        case K_SCORING:
            read_scoring(r);
            break;
        case K_QUESTIONS: {
            pf_seq_iter si;
            r->texts_read = true;
            r->questions_pos = pos;
            if (!pf__yr_seq_open(&r->y, &si, "a list of questions"))
                break;
            while (pf__yr_seq_next(&r->y, &si))
                read_question(r, si.index - 1);
            if (si.index == 0 && !r->y.stopped)
                pf__yr_problem(&r->y, pos, "must list at least one question");
            break;
        }
        }
    }
    pf__yr_map_require(&r->y, &it, &keys, BIT(K_VERSION), "the instrument file (the format version, 1)");
    pf__yr_map_require(&r->y, &it, &keys, BIT(K_ID) | BIT(K_TITLE) | BIT(K_SCORING) | BIT(K_QUESTIONS),
                       "the instrument file");
}

/* Question ids are distinct; answer slot ids are distinct and differ from other questions' ids. */
static void check_ids(ireader *r)
{
    pf_instrument *inst = r->inst;
    pf_strmap questions = { 0 };
    size_t found;
    char buf[64];
    const char *q;
    for (size_t i = 0; i < inst->question_count && !r->y.oom; i++) {
        const char *id = inst->questions[i].id;
        if (!id)
            continue;
        if (pf__strmap_get(&questions, id, &found)) {
            q = pf__yr_quote(&r->y, id, buf);
            pf__yr_path_set(&r->y, 0);
            pf__yr_path_push(&r->y, "questions[%zu].id", r->qmarks[i].list_index);
            if (q)
                pf__yr_problem(&r->y, r->qmarks[i].id_pos, "duplicate question id %s (first at line %u)", q,
                               r->qmarks[found].id_pos.line);
            else
                pf__yr_problem(&r->y, r->qmarks[i].id_pos, "duplicate question id (first at line %u)",
                               r->qmarks[found].id_pos.line);
        } else if (pf__strmap_put(&inst->alloc, &questions, id, i) != PF_OK) {
            r->y.oom = true;
        }
    }
    for (size_t i = 0; i < inst->slot_count && !r->y.oom; i++) {
        const pf_inst_slot *s = &inst->slots[i];
        const marks *m = &r->smarks[i];
        if (!s->id)
            continue;
        q = pf__yr_quote(&r->y, s->id, buf);
        pf__yr_path_set(&r->y, 0);
        pf__yr_path_push(&r->y, "questions[%zu].items[%zu].id", r->qmarks[s->question].list_index, m->list_index);
        if (m->is_item && pf__strmap_get(&questions, s->id, &found) && found != s->question) {
            if (q)
                pf__yr_problem(&r->y, m->id_pos, "%s is also the id of the question at line %u; answers could not "
                               "tell them apart", q, r->qmarks[found].id_pos.line);
            else
                pf__yr_problem(&r->y, m->id_pos, "also the id of the question at line %u; answers could not tell "
                               "them apart", r->qmarks[found].id_pos.line);
        } else if (pf__strmap_get(&inst->index, s->id, &found)) {
            /* A whole slot's id is its question's: a clash was reported as a question's. */
            if (m->is_item && q)
                pf__yr_problem(&r->y, m->id_pos, "duplicate item id %s (first at line %u)", q,
                               r->smarks[found].id_pos.line);
            else if (m->is_item)
                pf__yr_problem(&r->y, m->id_pos, "duplicate item id (first at line %u)", r->smarks[found].id_pos.line);
        } else if (pf__strmap_put(&inst->alloc, &inst->index, s->id, i) != PF_OK) {
            r->y.oom = true;
        }
    }
    pf__yr_path_set(&r->y, 0);
    pf__strmap_free(&inst->alloc, &questions);
}

/* Every facet and dimension can reach a range of points, or its percentage would divide by zero. */
static void check_ranges(ireader *r)
{
    pf_instrument *inst = r->inst;
    pf__instrument_ranges(inst);
    pf__yr_path_set(&r->y, 0);
    pf__yr_path_push(&r->y, "questions");
    for (int f = 0; f < PF_FACET_COUNT; f++)
        if (!(inst->facet_max[f] > 0))
            pf__yr_problem(&r->y, r->questions_pos, "facet '%s' cannot score: no item or option gives it points",
                           pf_facet_name((pf_facet)f));
    for (int d = 0; d < PF_DIMENSION_COUNT; d++)
        if (!(inst->dimension_max[d] > inst->dimension_min[d]))
            pf__yr_problem(&r->y, r->questions_pos, "dimension '%s' cannot score: no item gives it a range of points",
                           pf_dimension_name((pf_dimension)d));
    pf__yr_path_set(&r->y, 0);
}

static void finish(ireader *r)
{
    pf_instrument *inst = r->inst;
    for (size_t i = 0; i < inst->slot_count; i++)
        if (!r->smarks[i].is_item && inst->options)
            inst->slots[i].options = inst->options + r->smarks[i].first_option;
    check_ids(r);
    if (!r->y.oom && pf__instrument_sort_ids(inst) != PF_OK)
        r->y.oom = true;
    /* The ranges are meaningful only when every item and option was read as meant. */
    if (!r->y.oom && pf_diagnostics_total(r->y.diags) == 0)
        check_ranges(r);
}

pf_status pf__instrument_parse(pf_instrument **out, const char *data, size_t size, const char *source,
                               const pf_read_options *ro, bool redact, pf_diagnostics *diags, pf_error *err)
{
    ireader r;
    memset(&r, 0, sizeof r);
    pf_allocator a = pf__allocator_resolve(&ro->allocator);
    r.inst = pf__calloc(&a, 1, sizeof *r.inst);
    if (!r.inst)
        return pf__oom(err);
    r.inst->alloc = a;
    atomic_init(&r.inst->shares, 0);
    r.inst->languages[0] = "en";
    r.inst->language_count = 1;
    if (pf__yr_open_as(&r.y, data, size, source, ro, &a, redact) != PF_OK) {
        pf__yr_close(&r.y, NULL, NULL);
        pf__instrument_free(r.inst);
        return pf__oom(err);
    }
    if (pf__yr_root(&r.y, "at least 'instrument: 1'")) {
        read_root(&r);
        pf__yr_end(&r.y);
    }
    if (!r.y.oom && !r.y.stopped)
        finish(&r);
    pf__free(&a, r.qmarks);
    pf__free(&a, r.smarks);
    pf__free(&a, r.omarks);
    pf_status status = pf__yr_close(&r.y, diags, err);
    if (status != PF_OK) {
        pf__instrument_free(r.inst);
        return status;
    }
    *out = r.inst;
    return PF_OK;
}

static pf_status parse_file(void *ctx, const char *data, size_t size, const char *source, const pf_read_options *ro,
                            pf_diagnostics *diags, pf_error *err)
{
    return pf__instrument_parse(ctx, data, size, source, ro, false, diags, err);
}

pf_status pf_instrument_read_file(const char *path, const pf_read_options *opts, pf_instrument **out,
                                  pf_diagnostics *diags, pf_error *err)
{
    if (!out)
        return pf__fail(err, PF_EARG, "out is NULL");
    return pf__yr_with_file(path, opts, diags, err, parse_file, out);
}

pf_status pf_instrument_read_buffer(const char *data, size_t size, const char *source, const pf_read_options *opts,
                                    pf_instrument **out, pf_diagnostics *diags, pf_error *err)
{
    if (!out)
        return pf__fail(err, PF_EARG, "out is NULL");
    return pf__yr_with_buffer(data, size, source, opts, diags, err, parse_file, out);
}
