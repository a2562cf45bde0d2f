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
} pf_report_analysis;

/* Text for a terminal (markdown false) or Markdown (true). */
pf_status pf__report_text(const pf_report_analysis *a, pf_buf *b, bool markdown);
/* One self-contained HTML page. */
pf_status pf__report_html(const pf_report_analysis *a, pf_buf *b);

#endif
