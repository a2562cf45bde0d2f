/*
 * Collecting answers files into a portfolio (answers.h): every file is read
 * against the portfolio's instrument and checked against the portfolio and the
 * other files before anything changes; then the assessments move over at once.
 */
#include <stdio.h>
#include <string.h>

#include "yaml_events.h"

/* One source of answers: a file (data NULL), or bytes with a name. */
typedef struct answers_source {
    const char *name;
    const char *data;
    size_t size;
} answers_source;

typedef struct answers_file {
    const char *name;
    pf_doc *answers; /* NULL when it could not be read */
    bool refused;
} answers_file;

typedef struct collect_run {
    pf_doc *doc;
    bool replace;
    answers_file *files;
    size_t count;
    pf_strmap batch; /* respondent -> the first file holding it; keys borrowed from the files' documents */
    pf_diagnostics *diags;
    pf_error first; /* the first problem; code PF_OK until there is one */
} collect_run;

/* Where a respondent's assessment is, for a message: "FILE:LINE:COLUMN", or just the file. */
static void locate(const char *source, const pf_assessment *a, char *out, size_t cap)
{
    if (a->respondent_pos.line)
        snprintf(out, cap, "%s:%u:%u", source, a->respondent_pos.line, a->respondent_pos.column);
    else
        snprintf(out, cap, "%s", source);
}

/*
 * Checks the respondents of a file that was read against the portfolio and the files before
 * it, and remembers them for the files after it. A file holding a respondent twice was
 * already refused by the reader.
 */
static pf_status check_respondents(collect_run *c, size_t index)
{
    answers_file *f = &c->files[index];
    const pf_doc *ans = f->answers;
    for (size_t i = 0; i < ans->assessment_count; i++) {
        const pf_assessment *a = ans->assessments[i];
        char q[64], at[PF_ERROR_SOURCE_MAX + 32];
        pf__quote(a->respondent, q);
        size_t other;
        pf_status s = PF_OK;
        if (pf__strmap_get(&c->batch, a->respondent, &other)) {
            const answers_file *o = &c->files[other];
            locate(o->name, pf_doc_find_assessment(o->answers, a->respondent), at, sizeof at);
            f->refused = true;
            s = pf__report(c->diags, &c->first, f->name, a->respondent_pos, PF_EEXISTS,
                           "assessments[%zu].respondent: %s is also in %s, collected in the same call", i, q, at);
        } else {
            if (pf__strmap_put(&c->doc->alloc, &c->batch, a->respondent, index) != PF_OK)
                return PF_ENOMEM;
            const pf_assessment *known = pf_doc_find_assessment(c->doc, a->respondent);
            if (known && !c->replace) {
                locate(c->doc->source ? c->doc->source : "<portfolio>", known, at, sizeof at);
                f->refused = true;
                s = pf__report(c->diags, &c->first, f->name, a->respondent_pos, PF_EEXISTS,
                               "assessments[%zu].respondent: %s already has an assessment in the portfolio (%s); "
                               "collect with replace to replace it",
                               i, q, at);
            }
        }
        if (s == PF_ENOMEM)
            return s;
    }
    return PF_OK;
}

/* Counts what the accepted files give: new respondents and replaced ones. */
static void count(const collect_run *c, pf_collect_summary *sum)
{
    memset(sum, 0, sizeof *sum);
    sum->files = c->count;
    for (size_t i = 0; i < c->count; i++) {
        const answers_file *f = &c->files[i];
        if (f->refused) {
            sum->refused++;
            continue;
        }
        for (size_t k = 0; k < f->answers->assessment_count; k++) {
            if (pf_doc_find_assessment(c->doc, f->answers->assessments[k]->respondent))
                sum->replaced++;
            else
                sum->added++;
        }
    }
}

/*
 * Moves the accepted assessments into the document. Everything that can fail (the new list
 * and its index) is built aside first, so a failure leaves the document as it was.
 */
static pf_status apply(collect_run *c, const pf_collect_summary *sum)
{
    pf_doc *doc = c->doc;
    const pf_allocator *al = &doc->alloc;
    size_t known = doc->assessment_count, total = known + sum->added;
    if (sum->added + sum->replaced == 0)
        return PF_OK;
    pf_assessment **list = pf__malloc(al, total * sizeof *list);
    if (!list)
        return PF_ENOMEM;
    if (known)
        memcpy(list, doc->assessments, known * sizeof *list);
    size_t next = known, slot;
    for (size_t i = 0; i < c->count; i++) {
        const pf_doc *ans = c->files[i].answers;
        for (size_t k = 0; k < ans->assessment_count; k++) {
            pf_assessment *a = ans->assessments[k];
            if (pf__strmap_get(&doc->assessment_index, a->respondent, &slot))
                list[slot] = a;
            else
                list[next++] = a;
        }
    }
    pf_strmap index = { 0 };
    for (size_t i = 0; i < total; i++) {
        if (pf__strmap_put(al, &index, list[i]->respondent, i) != PF_OK) {
            pf__strmap_free(al, &index);
            pf__free(al, list);
            return PF_ENOMEM;
        }
    }
    /* Nothing can fail from here on. */
    for (size_t i = 0; i < known; i++)
        if (list[i] != doc->assessments[i])
            pf__assessment_free(doc->assessments[i]);
    for (size_t i = 0; i < c->count; i++) {
        pf_doc *ans = c->files[i].answers;
        for (size_t k = 0; k < ans->assessment_count; k++) {
            pf_assessment *a = ans->assessments[k];
            /* Same allocator and the same (shared) instrument: the answer slots fit as they are. */
            a->doc = doc;
            a->pos = a->respondent_pos = (pf_pos){ 0, 0, 0 };
        }
        ans->assessment_count = 0; /* they are the portfolio's now */
    }
    pf__free(al, doc->assessments);
    pf__strmap_free(al, &doc->assessment_index);
    doc->assessments = list;
    doc->assessment_cap = total;
    doc->assessment_count = total;
    doc->assessment_index = index;
    return PF_OK;
}

static pf_status collect(pf_doc *doc, const answers_source *sources, size_t n, const pf_collect_options *opts,
                         pf_collect_summary *summary, pf_diagnostics *diags, pf_error *err)
{
    if (!doc)
        return pf__fail(err, PF_EARG, "doc is NULL");
    if (opts && opts->version != PF_COLLECT_OPTIONS_VERSION)
        return pf__fail(err, PF_EARG, "unknown pf_collect_options version %u", opts->version);
    const pf_read_options *given = opts ? opts->read : NULL;
    pf_status checked = pf__yr_check_options(given, err);
    if (checked != PF_OK)
        return checked;
    pf_read_options ro = pf__yr_resolve_options(given);
    ro.allocator = doc->alloc;
    ro.instrument = NULL;

    collect_run c;
    memset(&c, 0, sizeof c);
    c.doc = doc;
    c.replace = opts && opts->replace;
    c.count = n;
    c.diags = diags;
    c.first.code = PF_OK;
    c.files = pf__calloc(&doc->alloc, n ? n : 1, sizeof *c.files);
    if (!c.files)
        return pf__oom(err);
    pf_status status = PF_OK;
    for (size_t i = 0; i < n && status == PF_OK; i++) {
        answers_file *f = &c.files[i];
        f->name = sources[i].name;
        pf_error e;
        pf_status s = sources[i].data
                          ? pf__doc_read_answers_buffer(&f->answers, sources[i].data, sources[i].size, f->name, &ro,
                                                        doc->instrument, diags, &e)
                          : pf__doc_read_answers_file(&f->answers, f->name, &ro, doc->instrument, diags, &e);
        if (s == PF_ENOMEM) {
            status = s;
        } else if (s != PF_OK) {
            f->answers = NULL;
            f->refused = true;
            if (c.first.code == PF_OK)
                c.first = e;
        } else {
            status = check_respondents(&c, i);
        }
    }
    pf_collect_summary sum;
    memset(&sum, 0, sizeof sum);
    if (status == PF_OK) {
        count(&c, &sum);
        if (summary)
            *summary = sum;
        if (sum.refused) {
            status = c.first.code;
            if (err)
                *err = c.first;
        } else {
            status = apply(&c, &sum);
        }
    }
    if (status == PF_ENOMEM)
        status = pf__oom(err);
    for (size_t i = 0; i < n; i++)
        pf_doc_free(c.files[i].answers);
    pf__free(&doc->alloc, c.files);
    pf__strmap_free(&doc->alloc, &c.batch);
    return status;
}

pf_status pf_doc_collect_files(pf_doc *doc, const char *const *paths, size_t count_, const pf_collect_options *opts,
                               pf_collect_summary *summary, pf_diagnostics *diags, pf_error *err)
{
    if (!doc || (count_ && !paths))
        return pf__fail(err, PF_EARG, "doc or paths is NULL");
    for (size_t i = 0; i < count_; i++)
        if (!paths[i])
            return pf__fail(err, PF_EARG, "paths[%zu] is NULL", i);
    answers_source *sources = pf__calloc(&doc->alloc, count_ ? count_ : 1, sizeof *sources);
    if (!sources)
        return pf__oom(err);
    for (size_t i = 0; i < count_; i++)
        sources[i].name = paths[i];
    pf_status s = collect(doc, sources, count_, opts, summary, diags, err);
    pf__free(&doc->alloc, sources);
    return s;
}

pf_status pf_doc_collect_buffer(pf_doc *doc, const char *data, size_t size, const char *source,
                                const pf_collect_options *opts, pf_collect_summary *summary, pf_diagnostics *diags,
                                pf_error *err)
{
    if (!data && size)
        return pf__fail(err, PF_EARG, "data is NULL");
    answers_source one = { source ? source : "<buffer>", data ? data : "", size };
    return collect(doc, &one, 1, opts, summary, diags, err);
}
