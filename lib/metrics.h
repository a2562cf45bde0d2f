/*
 * The named metrics of a scored and mapped portfolio, one flat list that
 * comparison and recommendation rules address by name. docs/metrics.md lists them.
 */
#ifndef PF_METRICS_H
#define PF_METRICS_H

#include "internal.h"

typedef struct pf_named_metric {
    char name[64];
    double value;     /* numbers, counts and 0/1 flags */
    const char *text; /* text metrics (a tendency group, a level): a static string; NULL for numbers */
} pf_named_metric;

/* What the metrics are computed from; any member may be NULL. */
typedef struct pf_metric_sources {
    const pf_scores *scores;
    const pf_map *map;
    const size_t *relation_counts; /* per relation kind (synergy, tension, duplicate, handover), or NULL */
} pf_metric_sources;

/* Fills a newly allocated list (caller frees with pf__free) of every metric the sources have. */
pf_status pf__metrics_collect(const pf_allocator *a, const pf_metric_sources *src, pf_named_metric **out,
                              size_t *count);

/* Every name a metric can have, whatever the portfolio (for checking rules when they are read). */
pf_status pf__metrics_all_names(const pf_allocator *a, pf_named_metric **out, size_t *count);

#endif
