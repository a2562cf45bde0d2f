/*
 * The named metrics of a scored and mapped portfolio, one flat list that
 * comparison (and rules) address by name. docs/metrics.md lists them.
 */
#ifndef PF_METRICS_H
#define PF_METRICS_H

#include "internal.h"

typedef struct pf_named_metric {
    char name[64];
    double value;
} pf_named_metric;

/* Fills a newly allocated list (caller frees with pf__free) of every metric the results have. */
pf_status pf__metrics_collect(const pf_allocator *a, const pf_scores *scores, const pf_map *map, pf_named_metric **out,
                              size_t *count);

#endif
