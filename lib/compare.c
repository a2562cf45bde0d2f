/* Change over time: two documents compared metric by metric and project by project. */
#include <math.h>
#include <string.h>

#include "json.h"
#include "metrics.h"
#include "model_impl.h"

struct pf_comparison {
    pf_allocator alloc;
    pf_named_metric *names; /* storage for the metric names */
    pf_metric_change *metrics;
    size_t metric_count;
    pf_project_change *projects;
    size_t project_count;
    pf_strmap index; /* metric name -> position */
    char *old_instrument, *new_instrument;
    bool instruments_differ;
};

static pf_status merge_metrics(pf_comparison *c, const pf_named_metric *old_m, size_t old_n,
                               const pf_named_metric *new_m, size_t new_n)
{
    pf_strmap new_index = { 0 };
    pf_status s = PF_OK;
    c->names = pf__calloc(&c->alloc, old_n + new_n + 1, sizeof *c->names);
    c->metrics = pf__calloc(&c->alloc, old_n + new_n + 1, sizeof *c->metrics);
    if (!c->names || !c->metrics)
        return PF_ENOMEM;
    for (size_t i = 0; i < new_n && s == PF_OK; i++)
        s = pf__strmap_put(&c->alloc, &new_index, new_m[i].name, i);
    /* Old metrics in their order, then those only the new document has. */
    for (size_t i = 0; i < old_n && s == PF_OK; i++) {
        size_t k;
        pf_metric_change *ch = &c->metrics[c->metric_count];
        c->names[c->metric_count] = old_m[i];
        ch->name = c->names[c->metric_count].name;
        ch->in_old = true;
        ch->old_value = old_m[i].value;
        ch->old_text = old_m[i].text;
        if (pf__strmap_get(&new_index, old_m[i].name, &k)) {
            ch->in_new = true;
            ch->new_value = new_m[k].value;
            ch->new_text = new_m[k].text;
            ch->delta = ch->new_value - ch->old_value;
            /* Rounding noise (the same numbers summed in another order) is not a change. */
            double scale = fmax(1, fmax(fabs(ch->old_value), fabs(ch->new_value)));
            if (fabs(ch->delta) <= 1e-12 * scale)
                ch->delta = 0;
        }
        c->metric_count++;
    }
    pf_strmap old_index = { 0 };
    for (size_t i = 0; i < old_n && s == PF_OK; i++)
        s = pf__strmap_put(&c->alloc, &old_index, old_m[i].name, i);
    for (size_t i = 0; i < new_n && s == PF_OK; i++) {
        size_t k;
        if (pf__strmap_get(&old_index, new_m[i].name, &k))
            continue;
        pf_metric_change *ch = &c->metrics[c->metric_count];
        c->names[c->metric_count] = new_m[i];
        ch->name = c->names[c->metric_count].name;
        ch->in_new = true;
        ch->new_value = new_m[i].value;
        ch->new_text = new_m[i].text;
        c->metric_count++;
    }
    for (size_t i = 0; i < c->metric_count && s == PF_OK; i++)
        s = pf__strmap_put(&c->alloc, &c->index, c->metrics[i].name, i);
    pf__strmap_free(&c->alloc, &new_index);
    pf__strmap_free(&c->alloc, &old_index);
    return s;
}

static pf_status add_change(pf_comparison *c, size_t *cap, const char *id, pf_project_change_kind kind, pf_zone from,
                            pf_zone to)
{
    if (pf__grow(&c->alloc, (void **)&c->projects, cap, c->project_count + 1, sizeof *c->projects) != PF_OK)
        return PF_ENOMEM;
    char *copy = pf__strdup(&c->alloc, id);
    if (!copy)
        return PF_ENOMEM;
    pf_project_change ch = { copy, kind, from, to };
    c->projects[c->project_count++] = ch;
    return PF_OK;
}

static pf_zone zone_at(const pf_map *map, size_t i)
{
    const pf_placement *pl = pf_map_at(map, i);
    return pl->placed ? pl->zone : PF_ZONE_UNSET;
}

static pf_status compare_projects(pf_comparison *c, const pf_doc *old_doc, const pf_map *old_map,
                                  const pf_doc *new_doc, const pf_map *new_map)
{
    size_t cap = 0;
    for (size_t i = 0; i < old_doc->project_count; i++) {
        const char *id = old_doc->projects[i]->id;
        if (!pf_doc_find_project(new_doc, id) &&
            add_change(c, &cap, id, PF_CHANGE_REMOVED, zone_at(old_map, i), PF_ZONE_UNSET) != PF_OK)
            return PF_ENOMEM;
    }
    for (size_t i = 0; i < new_doc->project_count; i++) {
        const char *id = new_doc->projects[i]->id;
        size_t k;
        pf_zone to = zone_at(new_map, i);
        pf_status s = PF_OK;
        if (!pf__strmap_get(&old_doc->project_index, id, &k))
            s = add_change(c, &cap, id, PF_CHANGE_ADDED, PF_ZONE_UNSET, to);
        else if (zone_at(old_map, k) != to)
            s = add_change(c, &cap, id, PF_CHANGE_MOVED, zone_at(old_map, k), to);
        if (s != PF_OK)
            return s;
    }
    return PF_OK;
}

pf_status pf_doc_compare(const pf_doc *old_doc, const pf_doc *new_doc, const pf_score_options *score_opts,
                         const pf_map_options *map_opts, pf_comparison **out, pf_error *err)
{
    return pf_doc_compare_with(old_doc, new_doc, score_opts, map_opts, NULL, out, err);
}

pf_status pf_doc_compare_with(const pf_doc *old_doc, const pf_doc *new_doc, const pf_score_options *score_opts,
                              const pf_map_options *map_opts, const pf_compare_options *opts, pf_comparison **out,
                              pf_error *err)
{
    if (!old_doc || !new_doc || !out)
        return pf__fail(err, PF_EARG, "a document or out is NULL");
    if (opts && opts->version != PF_COMPARE_OPTIONS_VERSION)
        return pf__fail(err, PF_EARG, "unknown pf_compare_options version %u", opts->version);
    const char *old_id = pf_doc_instrument_id(old_doc), *new_id = pf_doc_instrument_id(new_doc);
    /* Scores answer their instrument's questions: those of two instruments are not the same measure. */
    bool differ = old_doc->assessment_count && new_doc->assessment_count && strcmp(old_id, new_id) != 0;
    if (differ && !(opts && opts->allow_different_instruments)) {
        char a[64], b[64];
        pf__quote(old_id, a);
        pf__quote(new_id, b);
        return pf__fail(err, PF_EINVALID,
                        "the documents' assessments answer different instruments, %s (old) and %s (new): their "
                        "scores do not compare (allow_different_instruments, or --allow-different-instruments, sets "
                        "them side by side anyway)",
                        a, b);
    }
    pf_scores *sa = NULL, *sb = NULL;
    pf_map *ma = NULL, *mb = NULL;
    pf_named_metric *la = NULL, *lb = NULL;
    size_t na = 0, nb = 0;
    pf_comparison *c = NULL;
    pf_status s = pf_doc_score(old_doc, score_opts, &sa, NULL, err);
    if (s == PF_OK)
        s = pf_doc_score(new_doc, score_opts, &sb, NULL, err);
    if (s == PF_OK)
        s = pf_doc_map(old_doc, sa, map_opts, &ma, err);
    if (s == PF_OK)
        s = pf_doc_map(new_doc, sb, map_opts, &mb, err);
    if (s == PF_OK) {
        const pf_allocator *a = &new_doc->alloc;
        c = pf__calloc(a, 1, sizeof *c);
        pf_metric_sources src_a = { sa, ma, NULL }, src_b = { sb, mb, NULL };
        if (!c || pf__metrics_collect(a, &src_a, &la, &na) != PF_OK || pf__metrics_collect(a, &src_b, &lb, &nb) != PF_OK)
            s = pf__oom(err);
        if (c) {
            c->alloc = *a;
            c->instruments_differ = differ;
            if (s == PF_OK && (!(c->old_instrument = pf__strdup(a, old_id)) ||
                               !(c->new_instrument = pf__strdup(a, new_id)) ||
                               merge_metrics(c, la, na, lb, nb) != PF_OK ||
                               compare_projects(c, old_doc, ma, new_doc, mb) != PF_OK))
                s = pf__oom(err);
        }
        pf__free(a, la);
        pf__free(a, lb);
    }
    pf_scores_free(sa);
    pf_scores_free(sb);
    pf_map_free(ma);
    pf_map_free(mb);
    if (s != PF_OK) {
        pf_comparison_free(c);
        return s;
    }
    *out = c;
    return PF_OK;
}

void pf_comparison_free(pf_comparison *c)
{
    if (!c)
        return;
    pf_allocator a = c->alloc;
    for (size_t i = 0; c->projects && i < c->project_count; i++)
        pf__free(&a, (char *)(uintptr_t)c->projects[i].project);
    pf__free(&a, c->projects);
    pf__free(&a, c->metrics);
    pf__free(&a, c->names);
    pf__strmap_free(&a, &c->index);
    pf__free(&a, c->old_instrument);
    pf__free(&a, c->new_instrument);
    pf__free(&a, c);
}

const char *pf_comparison_old_instrument(const pf_comparison *c)
{
    return c->old_instrument;
}

const char *pf_comparison_new_instrument(const pf_comparison *c)
{
    return c->new_instrument;
}

bool pf_comparison_instruments_differ(const pf_comparison *c)
{
    return c->instruments_differ;
}

const pf_allocator *pf__comparison_allocator(const pf_comparison *c)
{
    return &c->alloc;
}

size_t pf_comparison_metric_count(const pf_comparison *c)
{
    return c->metric_count;
}

const pf_metric_change *pf_comparison_metric_at(const pf_comparison *c, size_t index)
{
    return index < c->metric_count ? &c->metrics[index] : NULL;
}

const pf_metric_change *pf_comparison_find(const pf_comparison *c, const char *name)
{
    size_t i;
    return name && pf__strmap_get(&c->index, name, &i) ? &c->metrics[i] : NULL;
}

size_t pf_comparison_project_count(const pf_comparison *c)
{
    return c->project_count;
}

const pf_project_change *pf_comparison_project_at(const pf_comparison *c, size_t index)
{
    return index < c->project_count ? &c->projects[index] : NULL;
}

void pf__metric_change_json(pf_json *j, const pf_metric_change *m)
{
    pf__json_key(j, "name");
    pf__json_string(j, m->name);
    pf__json_key(j, "old");
    if (m->old_text)
        pf__json_string(j, m->old_text);
    else if (m->in_old)
        pf__json_number(j, m->old_value);
    else
        pf__json_null(j);
    pf__json_key(j, "new");
    if (m->new_text)
        pf__json_string(j, m->new_text);
    else if (m->in_new)
        pf__json_number(j, m->new_value);
    else
        pf__json_null(j);
}

void pf__comparison_json(pf_json *j, const pf_comparison *c)
{
    static const char *const kinds[] = { "added", "removed", "moved" };
    pf__json_object_begin(j);
    pf__json_key(j, "schema_version");
    pf__json_integer(j, 1);
    pf__json_key(j, "instruments");
    pf__json_object_begin(j);
    pf__json_key(j, "old");
    pf__json_string(j, c->old_instrument);
    pf__json_key(j, "new");
    pf__json_string(j, c->new_instrument);
    pf__json_key(j, "differ");
    pf__json_bool(j, c->instruments_differ);
    pf__json_object_end(j);
    pf__json_key(j, "metrics");
    pf__json_array_begin(j);
    for (size_t i = 0; i < c->metric_count; i++) {
        const pf_metric_change *m = &c->metrics[i];
        pf__json_object_begin(j);
        pf__metric_change_json(j, m);
        pf__json_key(j, "delta");
        if (m->in_old && m->in_new && !m->old_text)
            pf__json_number(j, m->delta);
        else
            pf__json_null(j);
        pf__json_object_end(j);
    }
    pf__json_array_end(j);
    pf__json_key(j, "projects");
    pf__json_array_begin(j);
    for (size_t i = 0; i < c->project_count; i++) {
        const pf_project_change *p = &c->projects[i];
        pf__json_object_begin(j);
        pf__json_key(j, "id");
        pf__json_string(j, p->project);
        pf__json_key(j, "change");
        pf__json_string(j, kinds[p->kind]);
        pf__json_key(j, "old_zone");
        pf__json_string(j, pf_zone_name(p->old_zone));
        pf__json_key(j, "new_zone");
        pf__json_string(j, pf_zone_name(p->new_zone));
        pf__json_object_end(j);
    }
    pf__json_array_end(j);
    pf__json_object_end(j);
}

pf_status pf_comparison_write_json(const pf_comparison *c, pf_buf *out, pf_error *err)
{
    if (!c || !out)
        return pf__fail(err, PF_EARG, "comparison or out is NULL");
    pf_json j;
    pf__json_open(&j, out, NULL, NULL);
    pf__comparison_json(&j, c);
    return pf__json_close(&j, err);
}
