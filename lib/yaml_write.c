/* Writing documents as YAML with libyaml's emitter, in one canonical layout. */
#include <stdio.h>
#include <string.h>
#include <yaml.h>

#include "model_impl.h"

typedef struct writer {
    yaml_emitter_t emitter;
    bool failed;
} writer;

static int write_handler(void *data, unsigned char *buffer, size_t size)
{
    return pf__buf_append(data, buffer, size) == PF_OK;
}

static void emit(writer *w, yaml_event_t *ev, int ok)
{
    if (w->failed) {
        /* The event was built (and owns memory) even though nothing more can be written. */
        if (ok)
            yaml_event_delete(ev);
        return;
    }
    if (!ok || !yaml_emitter_emit(&w->emitter, ev))
        w->failed = true;
}

/*
 * Plain text that another YAML reader would take for a number, boolean,
 * null or date is double-quoted, so the file reads the same everywhere.
 */
static bool looks_typed(const char *s)
{
    static const char *const words[] = { "",   "~",  "null", "true", "false", "yes", "no",
                                         "on", "off", "y",   "n",    ".inf",  ".nan" };
    char lower[8];
    const char *unsigned_part = s + (*s == '-' || *s == '+');
    size_t n = strlen(unsigned_part);
    if (n < sizeof lower) {
        for (size_t i = 0; i <= n; i++) {
            char c = unsigned_part[i];
            lower[i] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        }
        for (size_t i = 0; i < sizeof words / sizeof *words; i++)
            if (!strcmp(lower, words[i]))
                return true;
    }
    const char *p = s + (*s == '-' || *s == '+');
    if (*p == '.')
        p++;
    return *p >= '0' && *p <= '9';
}

static void scalar_styled(writer *w, const char *s, yaml_scalar_style_t style)
{
    yaml_event_t ev;
    emit(w, &ev,
         yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)(uintptr_t)s, (int)strlen(s), 1, 1, style));
}

/* Identifiers and numbers the format defines: always plain. */
static void word(writer *w, const char *s)
{
    scalar_styled(w, s, YAML_PLAIN_SCALAR_STYLE);
}

/* Free text: plain when unambiguous, quoted otherwise; libyaml quotes what plain cannot hold. */
static void text(writer *w, const char *s)
{
    scalar_styled(w, s, looks_typed(s) ? YAML_DOUBLE_QUOTED_SCALAR_STYLE : YAML_ANY_SCALAR_STYLE);
}

static void number(writer *w, double v)
{
    char buf[32];
    pf__format_number(v, buf);
    word(w, buf);
}

static void date(writer *w, pf_date d)
{
    char buf[11];
    pf__format_date(d, buf);
    word(w, buf);
}

static void map_start(writer *w, bool flow)
{
    yaml_event_t ev;
    emit(w, &ev, yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
                                                     flow ? YAML_FLOW_MAPPING_STYLE : YAML_BLOCK_MAPPING_STYLE));
}

static void map_end(writer *w)
{
    yaml_event_t ev;
    emit(w, &ev, yaml_mapping_end_event_initialize(&ev));
}

static void seq_start(writer *w, bool flow)
{
    yaml_event_t ev;
    emit(w, &ev, yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
                                                      flow ? YAML_FLOW_SEQUENCE_STYLE : YAML_BLOCK_SEQUENCE_STYLE));
}

static void seq_end(writer *w)
{
    yaml_event_t ev;
    emit(w, &ev, yaml_sequence_end_event_initialize(&ev));
}

static void word_list(writer *w, const char *key, const char *const *items, size_t count)
{
    word(w, key);
    seq_start(w, true);
    for (size_t i = 0; i < count; i++)
        text(w, items[i]);
    seq_end(w);
}

/* Only the facets above zero, in facet order: reading back gives the same four values. */
static void facet_mix(writer *w, const char *key, const double v[PF_FACET_COUNT], bool flow)
{
    word(w, key);
    map_start(w, flow);
    for (int f = 0; f < PF_FACET_COUNT; f++) {
        if (v[f] != 0) {
            word(w, pf_facet_name((pf_facet)f));
            number(w, v[f]);
        }
    }
    map_end(w);
}

static bool org_is_empty(const pf_org *o)
{
    return !o->name && !o->country[0] && o->level == PF_GOV_LEVEL_UNSET && !o->people && !o->sectors;
}

static void write_org(writer *w, const pf_org *o)
{
    word(w, "organisation");
    map_start(w, false);
    if (o->name) {
        word(w, "name");
        text(w, o->name);
    }
    if (o->country[0]) {
        word(w, "country");
        text(w, o->country); /* "NO" is Norway, not false, in every reader */
    }
    if (o->level != PF_GOV_LEVEL_UNSET) {
        word(w, "level");
        word(w, pf_gov_level_name(o->level));
    }
    if (o->people) {
        char buf[32];
        snprintf(buf, sizeof buf, "%lld", (long long)o->people);
        word(w, "people");
        word(w, buf);
    }
    if (o->sectors) {
        word(w, "sectors");
        seq_start(w, true);
        for (int s = 0; s < PF_SECTOR_COUNT; s++)
            if (o->sectors >> s & 1)
                word(w, pf_sector_name((pf_sector)s));
        seq_end(w);
    }
    map_end(w);
}

static void write_project(writer *w, const pf_project *p)
{
    map_start(w, false);
    word(w, "id");
    text(w, p->id);
    if (p->title) {
        word(w, "title");
        text(w, p->title);
    }
    if (p->unit) {
        word(w, "unit");
        text(w, p->unit);
    }
    if (p->purpose != PF_PURPOSE_UNSET) {
        word(w, "purpose");
        word(w, pf_purpose_name(p->purpose));
    }
    if (p->driver != PF_FACET_UNSET) {
        word(w, "driver");
        word(w, pf_facet_name(p->driver));
    }
    if (p->priority != PF_PRIORITY_UNSET) {
        word(w, "priority");
        word(w, pf_priority_name(p->priority));
    }
    if (p->weights)
        facet_mix(w, "facets", p->weights, true);
    if (p->stage != PF_STAGE_UNSET) {
        word(w, "stage");
        word(w, pf_stage_name(p->stage));
    }
    if (p->has_budget) {
        word(w, "budget");
        number(w, p->budget);
    }
    if (p->has_fte) {
        word(w, "fte");
        number(w, p->fte);
    }
    if (!pf__date_is_unset(p->start)) {
        word(w, "start");
        date(w, p->start);
    }
    if (!pf__date_is_unset(p->end)) {
        word(w, "end");
        date(w, p->end);
    }
    if (p->tags.count)
        word_list(w, "tags", (const char *const *)p->tags.items, p->tags.count);
    if (p->partners.count)
        word_list(w, "partners", (const char *const *)p->partners.items, p->partners.count);
    if (p->link_count) {
        word(w, "links");
        seq_start(w, false);
        for (size_t i = 0; i < p->link_count; i++) {
            map_start(w, true);
            word(w, "to");
            text(w, p->links[i].to);
            word(w, "kind");
            word(w, pf_link_kind_name(p->links[i].kind));
            map_end(w);
        }
        seq_end(w);
    }
    map_end(w);
}

static void write_answer(writer *w, const pf_answer *ans)
{
    char buf[16];
    word(w, ans->id);
    switch (ans->form) {
    case PF_FORM_AGREE:
    case PF_FORM_AGREE_HALF:
    case PF_FORM_AGREE_REVERSED:
        snprintf(buf, sizeof buf, "%d", ans->agreement);
        word(w, buf);
        break;
    case PF_FORM_YES_NO:
        word(w, pf_choice_name(ans->choice));
        break;
    case PF_FORM_RANK:
    case PF_FORM_MULTI:
        seq_start(w, true);
        for (size_t i = 0; i < ans->option_count; i++)
            word(w, ans->options[i]);
        if (ans->option_count == 0)
            word(w, "none");
        seq_end(w);
        break;
    }
}

static void write_assessment(writer *w, const pf_assessment *a)
{
    map_start(w, false);
    word(w, "respondent");
    text(w, a->respondent);
    if (a->role != PF_ROLE_UNSET) {
        word(w, "role");
        word(w, pf_role_name(a->role));
    }
    if (a->unit) {
        word(w, "unit");
        text(w, a->unit);
    }
    if (!pf__date_is_unset(a->date)) {
        word(w, "date");
        date(w, a->date);
    }
    if (a->answered) {
        word(w, "answers");
        map_start(w, false);
        for (size_t i = 0; i < a->answered; i++) {
            pf_answer ans;
            pf__answer_get(a, &a->answers[i], &ans);
            write_answer(w, &ans);
        }
        map_end(w);
    }
    map_end(w);
}

pf_status pf_doc_write_buf(const pf_doc *doc, pf_buf *out, pf_error *err)
{
    if (!doc || !out)
        return pf__fail(err, PF_EARG, "doc or out is NULL");
    pf_buf_dispose(out);
    out->allocator = doc->alloc;
    writer w;
    memset(&w, 0, sizeof w);
    if (!yaml_emitter_initialize(&w.emitter))
        return pf__oom(err);
    yaml_emitter_set_output(&w.emitter, write_handler, out);
    yaml_emitter_set_unicode(&w.emitter, 1);
    yaml_emitter_set_width(&w.emitter, -1);
    yaml_emitter_set_indent(&w.emitter, 2);
    yaml_emitter_set_break(&w.emitter, YAML_LN_BREAK);

    yaml_event_t ev;
    emit(&w, &ev, yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING));
    emit(&w, &ev, yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1));
    map_start(&w, false);
    word(&w, "portfolio");
    word(&w, "1");
    if (!org_is_empty(&doc->org))
        write_org(&w, &doc->org);
    if (doc->instrument_path) {
        /* The file as the document named it; a path given through the API that would read as an
           id ("pulse") is written as "./pulse", which names the same file. */
        word(&w, "instrument");
        if (pf__instrument_is_path(doc->instrument_path)) {
            text(&w, doc->instrument_path);
        } else {
            char *dotted = pf__malloc(&doc->alloc, strlen(doc->instrument_path) + 3);
            if (!dotted) {
                w.failed = true;
            } else {
                memcpy(dotted, "./", 2);
                strcpy(dotted + 2, doc->instrument_path);
                text(&w, dotted);
                pf__free(&doc->alloc, dotted);
            }
        }
    } else if (doc->assessment_count || strcmp(doc->instrument->id, PF_DEFAULT_INSTRUMENT) != 0) {
        word(&w, "instrument");
        text(&w, doc->instrument->id); /* an instrument's id may be "null", which plain would not name */
    }
    if (doc->has_targets)
        facet_mix(&w, "targets", doc->targets, false);
    if (doc->project_count) {
        word(&w, "projects");
        seq_start(&w, false);
        for (size_t i = 0; i < doc->project_count; i++)
            write_project(&w, doc->projects[i]);
        seq_end(&w);
    }
    if (doc->assessment_count) {
        word(&w, "assessments");
        seq_start(&w, false);
        for (size_t i = 0; i < doc->assessment_count; i++)
            write_assessment(&w, doc->assessments[i]);
        seq_end(&w);
    }
    map_end(&w);
    emit(&w, &ev, yaml_document_end_event_initialize(&ev, 1));
    emit(&w, &ev, yaml_stream_end_event_initialize(&ev));
    if (!w.failed && !yaml_emitter_flush(&w.emitter))
        w.failed = true;
    yaml_emitter_delete(&w.emitter);
    if (w.failed) {
        pf_buf_dispose(out);
        return pf__oom(err);
    }
    if (!out->data && pf__buf_append(out, "", 0) != PF_OK)
        return pf__oom(err);
    return PF_OK;
}

pf_status pf_doc_write_file(const pf_doc *doc, const char *path, pf_error *err)
{
    if (!path)
        return pf__fail(err, PF_EARG, "path is NULL");
    pf_buf buf = PF_BUF_INIT;
    pf_status s = pf_doc_write_buf(doc, &buf, err);
    if (s == PF_OK)
        s = pf__write_file_atomic(path, buf.data, buf.size, err);
    pf_buf_dispose(&buf);
    return s;
}
