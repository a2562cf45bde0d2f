/* Reports: the analysis a report shows, shared by the writers of each format. */
#ifndef PF_REPORT_IMPL_H
#define PF_REPORT_IMPL_H

#include "i18n.h"
#include "model_impl.h"

typedef struct pf_report_analysis {
    const pf_doc *doc;
    pf_report_options opts;
    pf__lang lang;
    pf_scores *scores;
    pf_map *map;
    pf_relations *relations;
    pf_advice *advice;
    pf_comparison *since; /* with pf_report_options::since: from it to doc (report_since.c) */
} pf_report_analysis;

/* Text for a terminal (markdown false) or Markdown (true). */
pf_status pf__report_text(const pf_report_analysis *a, pf_buf *b, bool markdown);
/* One self-contained HTML page. */
pf_status pf__report_html(const pf_report_analysis *a, pf_buf *b);

/* The "since" section (report_since.c): the comparison, and the section in each format. */
pf_status pf__report_since_compare(const pf_doc *old_doc, const pf_doc *new_doc, const pf_score_options *so,
                                   const pf_map_options *mo, pf_comparison **out, pf_error *err);
pf_status pf__report_since_text(const pf_report_analysis *a, pf_buf *b, bool markdown, bool color);
pf_status pf__report_since_html(const pf_report_analysis *a, pf_buf *b);
struct pf_json;
void pf__report_since_json(const pf_report_analysis *a, struct pf_json *j);

#endif
