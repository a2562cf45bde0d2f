/* Rules that relate several values of a document, checked after it is built or read. */
#include <stdio.h>
#include <string.h>

#include "model_impl.h"

pf_status pf__report(pf_diagnostics *diags, pf_error *first, const char *source, pf_pos pos, pf_status code,
                     const char *fmt, ...)
{
    pf_error e;
    va_list ap;
    va_start(ap, fmt);
    pf__vfail(&e, code, fmt, ap);
    va_end(ap);
    e.line = pos.line;
    e.column = pos.column;
    e.offset = pos.offset;
    pf__copy_truncated(e.source, sizeof e.source, source ? source : "");
    if (first && first->code == PF_OK)
        *first = e;
    return pf__diag_add(diags, &e);
}

pf_status pf__validate_project(const pf_doc *doc, const pf_project *p, size_t index, pf_diagnostics *diags,
                               pf_error *first)
{
    const char *src = doc->source;
    size_t i = p->source_index >= 0 ? (size_t)p->source_index : index;
    pf_status s = PF_OK;
    if (!pf__date_is_unset(p->start) && !pf__date_is_unset(p->end) && pf__date_compare(p->end, p->start) < 0) {
        char end[11], start[11];
        pf__format_date(p->end, end);
        pf__format_date(p->start, start);
        s = pf__report(diags, first, src, p->end_pos, PF_EINVALID, "projects[%zu].end: %s is before start %s", i, end,
                       start);
    }
    /* A purpose or driver the reader refused has been reported already; pairing it would repeat that. */
    bool has_purpose = p->purpose != PF_PURPOSE_UNSET, has_driver = p->driver != PF_FACET_UNSET;
    if (s == PF_OK && !p->weights && has_purpose != has_driver && !p->placement_refused)
        s = pf__report(diags, first, src, p->pos, PF_EINVALID,
                       "projects[%zu]: has a %s but no %s (give both, or explicit facets)", i,
                       has_purpose ? "purpose" : "driver", has_purpose ? "driver" : "purpose");
    for (size_t l = 0; l < p->link_count && s == PF_OK; l++) {
        if (!pf_doc_find_project(doc, p->links[l].to)) {
            char q[64];
            pf__quote(p->links[l].to, q);
            s = pf__report(diags, first, src, p->links[l].pos, PF_EINVALID,
                           "projects[%zu].links[%zu].to: no project has id %s", i, l, q);
        }
    }
    return s;
}

pf_status pf_doc_validate(const pf_doc *doc, pf_diagnostics *diags, pf_error *err)
{
    pf_error first;
    memset(&first, 0, sizeof first);
    for (size_t i = 0; i < doc->project_count; i++)
        if (pf__validate_project(doc, doc->projects[i], i, diags, &first) != PF_OK)
            return pf__oom(err);
    if (first.code != PF_OK) {
        if (err)
            *err = first;
        return PF_EINVALID;
    }
    return PF_OK;
}
