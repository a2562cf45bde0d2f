/*
 * Reading portfolio documents: a single pass over libyaml's event stream
 * straight into the model, so memory stays close to the model's own size.
 * Shape, type and range problems are reported where they occur and reading
 * goes on; syntax errors and broken limits stop it.
 */
#include <stdio.h>
#include <string.h>

#include "yaml_events.h"

typedef struct reader {
    pf_yreader y;
    pf_doc *doc;
    pf_project **rejected; /* projects refused for their id, still checked at the end */
    size_t rejected_count, rejected_cap;
    bool assessments_seen;
    bool instrument_refused; /* answers cannot be checked, so they are not read */
    bool *seen_slots; /* per instrument slot, reused by every assessment */
    size_t *marked;   /* the slots an assessment's answers marked in seen_slots, to clear them after it */
    size_t seen_cleared; /* slots of seen_slots known clear (it grows when the document names an instrument) */
    size_t marked_count, marked_cap;
    pf_diagnostics *instrument_diags; /* problems of the instrument file, with its own positions */
    bool from_memory; /* the document's source is a name, not its path */
    /* Answers files (collect.c): only assessments, whose answers are to this instrument. */
    const pf_instrument *expected;
    bool answers_only;
    bool instrument_given;
} reader;

/* ---- the document's parts ---- */

static const char *const facet_keys[] = { "enhancement", "mission", "adaptive", "anticipatory" };

/* A {facet: weight} mapping; missing facets are 0. False when any value was unusable. */
static bool read_facet_mix(reader *r, double out[PF_FACET_COUNT], const char *what)
{
    static const pf__names keys = PF_NAMES(facet_keys);
    pf_map_iter it;
    bool ok = true;
    memset(out, 0, sizeof(double) * PF_FACET_COUNT);
    if (!pf__yr_map_open(&r->y, &it, "a mapping of facets to numbers"))
        return false;
    while (pf__yr_map_next(&r->y, &it, &keys, what)) {
        pf_error e;
        pf_pos pos = pf__yr_ev_pos(&r->y);
        if (!pf__yr_read_number(&r->y, &out[it.key]))
            ok = false;
        else if (pf__check_amount(out[it.key], PF_MAX_AMOUNT, facet_keys[it.key], &e) != PF_OK) {
            pf__yr_setter_problem(&r->y, pos, it.base, &e);
            ok = false;
        }
    }
    pf__yr_path_set(&r->y, it.base);
    if (ok && !r->y.stopped && !(it.present))
        ok = true; /* all facets missing: the setter reports that all are zero */
    return ok;
}

static void read_organisation(reader *r)
{
    static const char *const key_names[] = { "name", "country", "level", "people", "sectors" };
    static const pf__names keys = PF_NAMES(key_names);
    enum { K_NAME, K_COUNTRY, K_LEVEL, K_PEOPLE, K_SECTORS };
    pf_org *org = pf_doc_org(r->doc);
    pf_map_iter it;
    if (!pf__yr_map_open(&r->y, &it, "a mapping (the organisation)"))
        return;
    while (pf__yr_map_next(&r->y, &it, &keys, "organisation")) {
        pf_pos pos = pf__yr_ev_pos(&r->y);
        pf_error e;
        pf_status s = PF_OK;
        const char *text;
        int v;
        int64_t n;
        switch (it.key) {
        case K_NAME:
            if ((text = pf__yr_scalar_text(&r->y, "text")))
                s = pf_org_set_name(org, text, &e);
            break;
        case K_COUNTRY:
            if ((text = pf__yr_scalar_text(&r->y, "a country code")))
                s = pf_org_set_country(org, text, &e);
            break;
        case K_LEVEL:
            if (pf__yr_read_enum(&r->y, &pf_gov_level__names, &v))
                s = pf_org_set_level(org, (pf_gov_level)v, &e);
            break;
        case K_PEOPLE:
            if (pf__yr_read_integer(&r->y, &n)) {
                if (n < 1)
                    pf__yr_problem(&r->y, pos, "must be at least 1 (got %lld)", (long long)n);
                else
                    s = pf_org_set_people(org, n, &e);
            }
            break;
        case K_SECTORS: {
            pf_seq_iter si;
            unsigned sectors = 0;
            if (!pf__yr_seq_open(&r->y, &si, "a list of sectors"))
                break;
            while (pf__yr_seq_next(&r->y, &si)) {
                pf_pos spos = pf__yr_ev_pos(&r->y);
                if (!pf__yr_read_enum(&r->y, &pf_sector__names, &v))
                    continue;
                if (sectors >> v & 1)
                    pf__yr_problem(&r->y, spos, "sector '%s' is listed twice", pf_sector_name((pf_sector)v));
                sectors |= 1u << v;
            }
            s = pf_org_set_sectors(org, sectors, &e);
            break;
        }
        }
        if (s != PF_OK)
            pf__yr_setter_problem(&r->y, pos, it.base, &e);
    }
}

static void read_string_list(reader *r, pf_project *p, pf_status (*add)(pf_project *, const char *, pf_error *))
{
    pf_seq_iter si;
    if (!pf__yr_seq_open(&r->y, &si, "a list of words"))
        return;
    while (pf__yr_seq_next(&r->y, &si)) {
        pf_pos pos = pf__yr_ev_pos(&r->y);
        if (pf__yr_is_null(&r->y.ev)) {
            pf__yr_problem(&r->y, pos, "entries must not be empty");
            continue;
        }
        const char *text = pf__yr_scalar_text(&r->y, "text");
        pf_error e;
        if (text && add(p, text, &e) != PF_OK)
            pf__yr_entry_problem(&r->y, pos, &e);
    }
}

static void read_link(reader *r, pf_project *p)
{
    static const char *const key_names[] = { "to", "kind" };
    static const pf__names keys = PF_NAMES(key_names);
    enum { K_TO, K_KIND };
    pf_map_iter it;
    char *to = NULL;
    pf_pos to_pos = { 0, 0, 0 };
    int kind = -1;
    if (!pf__yr_map_open(&r->y, &it, "a mapping {to: <project id>, kind: <kind>}"))
        return;
    while (pf__yr_map_next(&r->y, &it, &keys, "a link")) {
        if (it.key == K_TO) {
            to_pos = pf__yr_ev_pos(&r->y);
            const char *text = pf__yr_scalar_text(&r->y, "a project id");
            if (text && !(to = pf__strdup(&r->doc->alloc, text)))
                r->y.oom = true;
        } else {
            pf__yr_read_enum(&r->y, &pf_link_kind__names, &kind);
        }
    }
    pf__yr_map_require(&r->y, &it, &keys, 3, "a link");
    if (to && kind >= 0) {
        pf_error e;
        pf__yr_path_push(&r->y, ".to");
        if (pf_project_add_link(p, to, (pf_link_kind)kind, &e) != PF_OK)
            pf__yr_setter_problem(&r->y, to_pos, it.base, &e);
        else
            p->links[p->link_count - 1].pos = pf__yr_exact(&r->y, to_pos);
        pf__yr_path_set(&r->y, it.base);
    }
    pf__free(&r->doc->alloc, to);
}

static void read_project(reader *r, size_t index)
{
    static const char *const key_names[] = { "id",     "title", "unit",   "purpose", "driver", "priority",
                                             "facets", "stage", "budget", "fte",     "start",  "end",
                                             "tags",   "partners", "links" };
    static const pf__names keys = PF_NAMES(key_names);
    enum { K_ID, K_TITLE, K_UNIT, K_PURPOSE, K_DRIVER, K_PRIORITY, K_FACETS, K_STAGE, K_BUDGET, K_FTE,
           K_START, K_END, K_TAGS, K_PARTNERS, K_LINKS };
    pf_map_iter it;
    pf_pos id_pos = { 0, 0, 0 };
    bool id_ok = false;
    if (!pf__yr_map_open(&r->y, &it, "a mapping (a project)"))
        return;
    pf_project *p = pf__project_new(r->doc, "");
    if (!p) {
        r->y.oom = true;
        pf__yr_skip_node(&r->y);
        return;
    }
    p->pos = pf__yr_exact(&r->y, it.pos);
    p->source_index = (long)index;
    while (pf__yr_map_next(&r->y, &it, &keys, "a project")) {
        pf_pos pos = pf__yr_ev_pos(&r->y);
        pf_error e;
        pf_status s = PF_OK;
        const char *text;
        int v;
        double d;
        pf_date date;
        switch (it.key) {
        case K_ID:
            id_pos = pos;
            if ((text = pf__yr_read_id(&r->y, "a project id"))) {
                char *copy = pf__strdup(&r->doc->alloc, text);
                if (!copy) {
                    r->y.oom = true;
                    break;
                }
                pf__free(&r->doc->alloc, p->id);
                p->id = copy;
                id_ok = true;
            }
            break;
        case K_TITLE:
            if ((text = pf__yr_scalar_text(&r->y, "text")))
                s = pf_project_set_title(p, text, &e);
            break;
        case K_UNIT:
            if ((text = pf__yr_scalar_text(&r->y, "text")))
                s = pf_project_set_unit(p, text, &e);
            break;
        case K_PURPOSE:
            if (pf__yr_read_enum(&r->y, &pf_purpose__names, &v))
                s = pf_project_set_purpose(p, (pf_purpose)v, &e);
            else
                p->placement_refused = true;
            break;
        case K_DRIVER:
            if (pf__yr_read_enum(&r->y, &pf_facet__names, &v))
                s = pf_project_set_driver(p, (pf_facet)v, &e);
            else
                p->placement_refused = true;
            break;
        case K_PRIORITY:
            if (pf__yr_read_enum(&r->y, &pf_priority__names, &v))
                s = pf_project_set_priority(p, (pf_priority)v, &e);
            break;
        case K_FACETS: {
            double w[PF_FACET_COUNT];
            if (read_facet_mix(r, w, "facets"))
                s = pf_project_set_facet_weights(p, w, &e);
            break;
        }
        case K_STAGE:
            if (pf__yr_read_enum(&r->y, &pf_stage__names, &v))
                s = pf_project_set_stage(p, (pf_stage)v, &e);
            break;
        case K_BUDGET:
            if (pf__yr_read_number(&r->y, &d))
                s = pf_project_set_budget(p, d, &e);
            break;
        case K_FTE:
            if (pf__yr_read_number(&r->y, &d))
                s = pf_project_set_fte(p, d, &e);
            break;
        case K_START:
            if (pf__yr_read_date(&r->y, &date))
                s = pf_project_set_start(p, date, &e);
            break;
        case K_END:
            p->end_pos = pf__yr_exact(&r->y, pos);
            if (pf__yr_read_date(&r->y, &date))
                s = pf_project_set_end(p, date, &e);
            break;
        case K_TAGS:
            read_string_list(r, p, pf_project_add_tag);
            break;
        case K_PARTNERS:
            read_string_list(r, p, pf_project_add_partner);
            break;
        case K_LINKS: {
            pf_seq_iter si;
            if (!pf__yr_seq_open(&r->y, &si, "a list of links"))
                break;
            while (pf__yr_seq_next(&r->y, &si))
                read_link(r, p);
            break;
        }
        }
        if (s != PF_OK)
            pf__yr_setter_problem(&r->y, pos, it.base, &e);
    }
    pf__yr_map_require(&r->y, &it, &keys, 1u << K_ID, "a project");
    pf_error e;
    if (id_ok && !r->y.stopped && !r->y.oom) {
        pf_project *first = pf_doc_find_project(r->doc, p->id);
        pf_status s = pf__doc_attach_project(r->doc, p, &e);
        if (s == PF_OK)
            return;
        if (s == PF_EEXISTS) {
            char q[64];
            pf__quote(p->id, q);
            pf__yr_path_push(&r->y, ".id");
            pf__yr_problem(&r->y, id_pos, "duplicate project id %s (first used at line %u)", q, first->pos.line);
        } else {
            r->y.oom = true;
        }
    }
    /* Kept aside so its dates, placement and links are still checked once all ids are known. */
    if (!r->y.oom && pf__grow(&r->doc->alloc, (void **)&r->rejected, &r->rejected_cap, r->rejected_count + 1,
                            sizeof *r->rejected) == PF_OK)
        r->rejected[r->rejected_count++] = p;
    else {
        r->y.oom = true;
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
            pf__yr_problem(&r->y, key_pos, "%s: %s is a %s question; answer it as a whole, as %s: [...]", q, question,
                    pf_form_name(inst->slots[qs].form), question);
        else if (pf__instrument_has_items_of(inst, id))
            pf__yr_problem(&r->y, key_pos, "%s is answered item by item (%s.<item>: 0..4)", q, id);
        else
            pf__yr_problem(&r->y, key_pos, "unknown item %s (not in instrument %s)", q, inst->id);
        pf__yr_skip_node(&r->y);
        return;
    }
    if (r->seen_slots[slot]) {
        pf__yr_problem(&r->y, key_pos, "duplicate key %s", q);
        pf__yr_skip_node(&r->y);
        return;
    }
    if (pf__grow(&r->doc->alloc, (void **)&r->marked, &r->marked_cap, r->marked_count + 1, sizeof *r->marked) != PF_OK) {
        r->y.oom = true;
        pf__yr_skip_node(&r->y);
        return;
    }
    r->marked[r->marked_count++] = (size_t)slot;
    r->seen_slots[slot] = true;
    if (pf__yr_is_null(&r->y.ev))
        return; /* an unanswered item, as a blank questionnaire template has */
    const pf_inst_slot *s = &inst->slots[slot];
    pf_pos pos = pf__yr_ev_pos(&r->y);
    pf_error e;
    pf_status st = PF_OK;
    pf__yr_path_push(&r->y, ".%s", id);
    switch (s->form) {
    case PF_FORM_AGREE:
    case PF_FORM_AGREE_HALF:
    case PF_FORM_AGREE_REVERSED: {
        static const char *const words[] = { "strongly-disagree", "disagree", "neutral", "agree", "strongly-agree" };
        static const pf__names agree_words = PF_NAMES(words);
        const char *text = pf__yr_scalar_text(&r->y, "an agreement 0..4 or a word from strongly-disagree to strongly-agree");
        if (!text)
            break;
        int64_t n;
        int w = pf__names_find(&agree_words, text);
        if (w >= 0)
            st = pf__answer_set_agreement(a, slot, w, &e);
        else if (r->y.ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE && pf__parse_int64(text, &n))
            st = pf__answer_set_agreement(a, slot, n < -1 ? -1 : n > 5 ? 5 : (int)n, &e);
        else if (pf__parse_int64(text, &n)) {
            char t[64];
            pf__quote(text, t);
            pf__yr_problem(&r->y, pos, "expected an agreement 0..4, got the quoted text %s", t);
        } else {
            char t[64];
            pf__quote(text, t);
            pf__yr_problem(&r->y, pos, "expected an agreement 0..4 or strongly-disagree, disagree, neutral, agree, "
                            "strongly-agree; got %s", t);
        }
        if (st != PF_OK && e.code == PF_EARG)
            snprintf(e.message, sizeof e.message, "%s: agreement must be 0..4 (got %s)", id, text);
        break;
    }
    case PF_FORM_YES_NO: {
        int v;
        if (pf__yr_read_enum(&r->y, &pf_choice__names, &v))
            st = pf__answer_set_choice(a, slot, (pf_choice)v, &e);
        break;
    }
    case PF_FORM_RANK:
    case PF_FORM_MULTI: {
        pf_seq_iter si;
        const char *options[PF_MAX_OPTIONS + 1];
        char *copies[PF_MAX_OPTIONS + 1];
        size_t count = 0;
        bool ok = true;
        if (!pf__yr_seq_open(&r->y, &si, s->form == PF_FORM_RANK ? "a list ranking the options" : "a list of options"))
            break;
        while (pf__yr_seq_next(&r->y, &si)) {
            const char *text = pf__yr_scalar_text(&r->y, "an option id");
            if (!text)
                ok = false;
            else if (count > PF_MAX_OPTIONS)
                ok = false, pf__yr_problem(&r->y, pf__yr_ev_pos(&r->y), "more options than the question has");
            else if (!(copies[count] = pf__strdup(&r->doc->alloc, text)))
                r->y.oom = true, ok = false;
            else
                options[count] = copies[count], count++;
        }
        pf__yr_path_set(&r->y, si.base);
        if (ok && !r->y.stopped)
            st = pf__answer_set_options(a, slot, options, count, &e);
        for (size_t i = 0; i < count; i++)
            pf__free(&r->doc->alloc, copies[i]);
        break;
    }
    }
    if (st != PF_OK)
        pf__yr_setter_problem(&r->y, pos, base, &e);
}

static void read_answers(reader *r, pf_assessment *a)
{
    pf_map_iter it;
    if (!pf__yr_map_open(&r->y, &it, "a mapping of item ids to answers"))
        return;
    /* Slots are marked as answers name them and cleared after: an assessment costs its answers, not the
       instrument's size. Answers are appended as they come and put in order once. */
    size_t slots = r->doc->instrument->slot_count;
    if (r->seen_cleared != slots) {
        memset(r->seen_slots, 0, slots * sizeof *r->seen_slots);
        r->seen_cleared = slots;
    }
    pf__answers_append(a);
    while (pf__yr_next(&r->y)) {
        pf__yr_path_set(&r->y, it.base);
        if (r->y.ev.type == YAML_MAPPING_END_EVENT)
            break;
        if (++it.count > r->y.opts.max_items) {
            pf__yr_stop(&r->y, pf__yr_ev_pos(&r->y), PF_ELIMIT, "answers have more than the limit of %zu keys", r->y.opts.max_items);
            break;
        }
        pf_pos key_pos = pf__yr_ev_pos(&r->y);
        if (r->y.ev.type != YAML_SCALAR_EVENT) {
            pf__yr_problem(&r->y, key_pos, "keys must be item ids, not %s", pf__yr_node_kind(&r->y.ev));
            pf__yr_skip_node(&r->y);
            if (pf__yr_next(&r->y))
                pf__yr_skip_node(&r->y);
            continue;
        }
        char id[128];
        pf__copy_truncated(id, sizeof id, (const char *)r->y.ev.data.scalar.value);
        if (strlen((const char *)r->y.ev.data.scalar.value) != r->y.ev.data.scalar.length) {
            pf__yr_problem(&r->y, key_pos, "keys must not contain NUL characters");
            if (pf__yr_next(&r->y))
                pf__yr_skip_node(&r->y);
            continue;
        }
        if (!pf__yr_next(&r->y))
            break;
        read_answer(r, a, id, key_pos, it.base);
    }
    pf__yr_path_set(&r->y, it.base);
    pf__answers_done(a);
    for (size_t i = 0; i < r->marked_count; i++)
        r->seen_slots[r->marked[i]] = false;
    r->marked_count = 0;
}

static void read_assessment(reader *r)
{
    static const char *const key_names[] = { "respondent", "role", "unit", "date", "answers" };
    static const pf__names keys = PF_NAMES(key_names);
    enum { K_RESPONDENT, K_ROLE, K_UNIT, K_DATE, K_ANSWERS };
    pf_map_iter it;
    pf_pos id_pos = { 0, 0, 0 };
    bool id_ok = false;
    if (!pf__yr_map_open(&r->y, &it, "a mapping (an assessment)"))
        return;
    pf_assessment *a = pf__assessment_new(r->doc, "");
    if (!a) {
        r->y.oom = true;
        pf__yr_skip_node(&r->y);
        return;
    }
    a->pos = pf__yr_exact(&r->y, it.pos);
    while (pf__yr_map_next(&r->y, &it, &keys, "an assessment")) {
        pf_pos pos = pf__yr_ev_pos(&r->y);
        pf_error e;
        pf_status s = PF_OK;
        const char *text;
        int v;
        pf_date date;
        switch (it.key) {
        case K_RESPONDENT:
            id_pos = pos;
            if ((text = pf__yr_read_id(&r->y, "a pseudonym"))) {
                char *copy = pf__strdup(&r->doc->alloc, text);
                if (!copy) {
                    r->y.oom = true;
                    break;
                }
                pf__free(&r->doc->alloc, a->respondent);
                a->respondent = copy;
                a->respondent_pos = pf__yr_exact(&r->y, id_pos);
                id_ok = true;
            }
            break;
        case K_ROLE:
            if (pf__yr_read_enum(&r->y, &pf_role__names, &v))
                s = pf_assessment_set_role(a, (pf_role)v, &e);
            break;
        case K_UNIT:
            if ((text = pf__yr_scalar_text(&r->y, "text")))
                s = pf_assessment_set_unit(a, text, &e);
            break;
        case K_DATE:
            if (pf__yr_read_date(&r->y, &date))
                s = pf_assessment_set_date(a, date, &e);
            break;
        case K_ANSWERS:
            if (r->instrument_refused)
                pf__yr_skip_node(&r->y); /* no instrument to check them against */
            else
                read_answers(r, a);
            break;
        }
        if (s != PF_OK)
            pf__yr_setter_problem(&r->y, pos, it.base, &e);
    }
    pf__yr_map_require(&r->y, &it, &keys, 1u << K_RESPONDENT, "an assessment");
    if (id_ok && !r->y.stopped && !r->y.oom) {
        pf_assessment *first = pf_doc_find_assessment(r->doc, a->respondent);
        pf_error e;
        pf_status s = pf__doc_attach_assessment(r->doc, a, &e);
        if (s == PF_OK)
            return;
        if (s == PF_EEXISTS) {
            char q[64];
            pf__quote(a->respondent, q);
            pf__yr_path_push(&r->y, ".respondent");
            pf__yr_problem(&r->y, id_pos, "duplicate respondent %s (first used at line %u)", q, first->pos.line);
        } else {
            r->y.oom = true;
        }
    }
    pf__assessment_free(a);
}

/*
 * An instrument file named by the document, read as pf_read_options::referenced_files allows.
 * The document's writer may not be allowed to see the file: its problems are listed with its
 * name and positions, but their messages quote nothing of it (pf_yreader::redact).
 */
static void use_instrument_file(reader *r, const char *value, pf_pos pos)
{
    const pf_allocator *al = &r->doc->alloc;
    if (!r->instrument_diags && pf_diagnostics_new(al, &r->instrument_diags) != PF_OK) {
        r->y.oom = true;
        return;
    }
    char q[64];
    pf__quote(value, q);
    r->instrument_refused = true;
    char *path = NULL, *data = NULL;
    size_t size = 0;
    pf_error e;
    pf_status s = pf__read_referenced(value, r->y.source, r->from_memory, &r->y.opts, "an instrument", al, &path,
                                      &data, &size, &e);
    if (s == PF_ENOMEM) {
        r->y.oom = true;
        return;
    }
    if (s != PF_OK) {
        pf__yr_problem(&r->y, pos, "%s %s", q, e.message);
        return;
    }
    pf_instrument *inst = NULL;
    size_t before = pf_diagnostics_total(r->instrument_diags);
    s = pf__instrument_parse(&inst, data, size, path, &r->y.opts, true, r->instrument_diags, &e);
    pf__free(al, data);
    pf__free(al, path);
    if (s == PF_ENOMEM) {
        r->y.oom = true;
    } else if (s != PF_OK) {
        size_t n = pf_diagnostics_total(r->instrument_diags) - before;
        pf__yr_problem(&r->y, pos, "%s is not a usable instrument (%zu problem%s in it, listed after this document's)",
                       q, n, n == 1 ? "" : "s");
    } else if (pf__doc_use_instrument(r->doc, inst, value) != PF_OK) {
        pf__instrument_free(inst);
        r->y.oom = true;
    } else {
        r->instrument_refused = false;
    }
}

/* The answer slots are the instrument's: the per-slot scratch follows it. */
static void instrument_changed(reader *r)
{
    if (r->instrument_refused || r->y.oom)
        return;
    bool *seen = pf__realloc(&r->doc->alloc, r->seen_slots, r->doc->instrument->slot_count * sizeof *seen);
    if (!seen)
        r->y.oom = true;
    else
        r->seen_slots = seen;
}

/* The document uses an instrument it does not own alone (pf_read_options::instrument, or an answers file's). */
static void share_instrument(reader *r, const pf_instrument *inst)
{
    pf_instrument *shared = pf__instrument_share(inst);
    if (pf__doc_use_instrument(r->doc, shared, NULL) != PF_OK) {
        pf__instrument_free(shared);
        r->y.oom = true;
    }
    instrument_changed(r);
}

/* An answers file names an instrument other than the one its answers are collected for. */
static void refuse_instrument(reader *r, const char *value, pf_pos pos)
{
    char q[64], want[64];
    pf__quote(value, q);
    pf__quote(r->expected->id, want);
    r->instrument_refused = true;
    if (pf__instrument_is_path(value))
        pf__yr_problem(&r->y, pos, "%s is a file; an answers file names its instrument by id (the portfolio's is %s)",
                       q, want);
    else
        pf__yr_problem(&r->y, pos, "these answers are to %s, but the portfolio's instrument is %s", q, want);
}

static void read_root(reader *r)
{
    static const char *const key_names[] = { "portfolio", "organisation", "instrument", "targets", "projects",
                                             "assessments" };
    static const pf__names keys = PF_NAMES(key_names);
    enum { K_PORTFOLIO, K_ORGANISATION, K_INSTRUMENT, K_TARGETS, K_PROJECTS, K_ASSESSMENTS };
    pf_map_iter it;
    if (!pf__yr_map_open(&r->y, &it, "a mapping beginning with 'portfolio: 1'"))
        return;
    while (pf__yr_map_next(&r->y, &it, &keys, "the document")) {
        pf_pos pos = pf__yr_ev_pos(&r->y);
        pf_error e;
        if (r->answers_only && (it.key == K_ORGANISATION || it.key == K_TARGETS || it.key == K_PROJECTS)) {
            pf__yr_problem(&r->y, it.key_pos, "an answers file holds only assessments");
            pf__yr_skip_node(&r->y);
            continue;
        }
        switch (it.key) {
        case K_PORTFOLIO: {
            int64_t version;
            if (pf__yr_read_integer(&r->y, &version) && version != PF_FORMAT_VERSION)
                pf__yr_problem(&r->y, pos, "unsupported format version %lld (this library reads version %d)",
                        (long long)version, PF_FORMAT_VERSION);
            break;
        }
        case K_ORGANISATION:
            read_organisation(r);
            break;
        case K_INSTRUMENT: {
            const char *text = pf__yr_scalar_text(&r->y, "an instrument id or file");
            if (!text)
                break;
            if (r->assessments_seen) {
                pf__yr_problem(&r->y, pos, "must come before 'assessments', whose answers refer to it");
                break;
            }
            r->instrument_given = true;
            /* The caller's instrument is looked for first: its id may look like a file name. */
            const pf_instrument *given = r->answers_only ? r->expected : r->y.opts.instrument;
            if (given && strcmp(text, given->id) == 0) {
                if (r->doc->instrument != given)
                    share_instrument(r, given);
                break;
            }
            if (r->answers_only) {
                refuse_instrument(r, text, pos);
            } else if (pf__instrument_is_path(text)) {
                use_instrument_file(r, text, pos);
            } else if (pf_doc_set_instrument(r->doc, text, &e) != PF_OK) {
                r->instrument_refused = true;
                if (e.code == PF_ENOMEM)
                    r->y.oom = true;
                else
                    pf__yr_setter_problem(&r->y, pos, it.base, &e);
            }
            instrument_changed(r);
            break;
        }
        case K_TARGETS: {
            double t[PF_FACET_COUNT];
            if (read_facet_mix(r, t, "targets") && pf_doc_set_targets(r->doc, t, &e) != PF_OK)
                pf__yr_setter_problem(&r->y, pos, it.base, &e);
            break;
        }
        case K_PROJECTS: {
            pf_seq_iter si;
            if (!pf__yr_seq_open(&r->y, &si, "a list of projects"))
                break;
            while (pf__yr_seq_next(&r->y, &si))
                read_project(r, si.index - 1);
            break;
        }
        case K_ASSESSMENTS: {
            pf_seq_iter si;
            r->assessments_seen = true;
            if (r->answers_only && !r->instrument_given) {
                /* No `instrument:` means the default; its answers fit only a portfolio of the default
                   (whose instrument the document already shares). */
                if (strcmp(r->expected->id, PF_DEFAULT_INSTRUMENT) != 0) {
                    char want[64];
                    pf__quote(r->expected->id, want);
                    r->instrument_refused = true;
                    pf__yr_problem(&r->y, it.key_pos,
                                   "without 'instrument:' these answers are to '%s', but the portfolio's instrument is %s",
                                   PF_DEFAULT_INSTRUMENT, want);
                }
            }
            if (!pf__yr_seq_open(&r->y, &si, "a list of assessments"))
                break;
            while (pf__yr_seq_next(&r->y, &si))
                read_assessment(r);
            if (r->answers_only && si.index == 0 && !r->y.stopped)
                pf__yr_problem(&r->y, pos, "an answers file holds at least one assessment");
            break;
        }
        }
    }
    pf__yr_map_require(&r->y, &it, &keys, 1u << K_PORTFOLIO, "the document (the format version, 1)");
    if (r->answers_only)
        pf__yr_map_require(&r->y, &it, &keys, 1u << K_ASSESSMENTS, "an answers file");
}

/* What a read is for: a document, or an answers file (expected set). */
typedef struct read_target {
    pf_doc **out;
    const pf_instrument *expected;
    bool from_memory; /* read from a buffer: its source is a name, not a path */
} read_target;

/* The document from memory (data, size) or streamed from a regular file (fd >= 0, data NULL). */
static pf_status read_source(void *ctx, const char *data, int fd, size_t size, const char *source,
                             const pf_read_options *ro, pf_diagnostics *diags, pf_error *err)
{
    const read_target *target = ctx;
    pf_doc **out = target->out;
    reader r;
    memset(&r, 0, sizeof r);
    r.expected = target->expected;
    r.answers_only = target->expected != NULL;
    r.from_memory = target->from_memory;
    /* An answers file starts with the instrument it must be to: no default to parse and drop. */
    pf_status status = pf__doc_new_sharing(&r.doc, &ro->allocator, r.expected, err);
    if (status != PF_OK)
        return status;
    r.doc->source = pf__strdup(&r.doc->alloc, source);
    r.seen_slots = pf__calloc(&r.doc->alloc, r.doc->instrument->slot_count, sizeof *r.seen_slots);
    if (!r.doc->source || !r.seen_slots || (data ? pf__yr_open(&r.y, data, size, source, ro, &r.doc->alloc)
                                                     : pf__yr_open_file(&r.y, fd, size, source, ro, &r.doc->alloc)) != PF_OK) {
        pf__free(&r.doc->alloc, r.seen_slots);
        pf__yr_close(&r.y, NULL, NULL);
        pf_doc_free(r.doc);
        return pf__oom(err);
    }
    if (pf__yr_root(&r.y, "at least 'portfolio: 1'")) {
        read_root(&r);
        pf__yr_end(&r.y);
    }
    pf__free(&r.doc->alloc, r.seen_slots);
    pf__free(&r.doc->alloc, r.marked);
    if (!r.y.oom && !r.y.stopped) {
        if (pf_doc_validate(r.doc, r.y.diags, NULL) == PF_ENOMEM)
            r.y.oom = true;
        for (size_t i = 0; i < r.rejected_count && !r.y.oom; i++)
            if (pf__validate_project(r.doc, r.rejected[i], 0, r.y.diags, NULL) != PF_OK)
                r.y.oom = true;
    }
    for (size_t i = 0; i < r.rejected_count; i++)
        pf__project_free(r.rejected[i]);
    pf__free(&r.doc->alloc, r.rejected);
    status = pf__yr_close(&r.y, diags, err);
    /* The instrument file's problems come after the document's, each file in its own order. */
    if (status != PF_ENOMEM && status != PF__YR_REREAD && r.instrument_diags &&
        pf__diag_copy(diags, r.instrument_diags) != PF_OK)
        status = pf__oom(err);
    pf_diagnostics_free(r.instrument_diags);
    if (status != PF_OK) {
        pf_doc_free(r.doc);
        return status;
    }
    *out = r.doc;
    return PF_OK;
}

static pf_status read_document(void *ctx, const char *data, size_t size, const char *source,
                               const pf_read_options *ro, pf_diagnostics *diags, pf_error *err)
{
    return read_source(ctx, data, -1, size, source, ro, diags, err);
}

static pf_status read_document_file(void *ctx, int fd, size_t size, const char *source, const pf_read_options *ro,
                                    pf_diagnostics *diags, pf_error *err)
{
    return read_source(ctx, NULL, fd, size, source, ro, diags, err);
}


pf_status pf_doc_read_buffer(const char *data, size_t size, const char *source, const pf_read_options *opts,
                             pf_doc **out, pf_diagnostics *diags, pf_error *err)
{
    if (!out)
        return pf__fail(err, PF_EARG, "out is NULL");
    read_target target = { out, NULL, true };
    return pf__yr_with_buffer(data, size, source, opts, diags, err, read_document, &target);
}

pf_status pf_doc_read_file(const char *path, const pf_read_options *opts, pf_doc **out, pf_diagnostics *diags,
                           pf_error *err)
{
    if (!out)
        return pf__fail(err, PF_EARG, "out is NULL");
    read_target target = { out, NULL, false };
    return pf__yr_with_stream(path, opts, diags, err, read_document, read_document_file, &target);
}

pf_status pf__doc_read_answers_buffer(pf_doc **out, const char *data, size_t size, const char *source,
                                      const pf_read_options *ro, const pf_instrument *expected,
                                      pf_diagnostics *diags, pf_error *err)
{
    read_target target = { out, expected, true };
    return pf__yr_with_buffer(data, size, source, ro, diags, err, read_document, &target);
}

pf_status pf__doc_read_answers_file(pf_doc **out, const char *path, const pf_read_options *ro,
                                    const pf_instrument *expected, pf_diagnostics *diags, pf_error *err)
{
    read_target target = { out, expected, false };
    return pf__yr_with_stream(path, ro, diags, err, read_document, read_document_file, &target);
}
