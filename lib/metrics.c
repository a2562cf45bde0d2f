/* The named metrics (see metrics.h and docs/metrics.md). */
#include <stdio.h>
#include <string.h>

#include "metrics.h"

typedef struct sink {
    const pf_allocator *alloc;
    pf_named_metric *items;
    size_t count, cap;
    bool failed;
} sink;

static void add(sink *s, double value, const char *fmt, ...) PF_PRINTF(3, 4);
static void add(sink *s, double value, const char *fmt, ...)
{
    if (s->failed || pf__grow(s->alloc, (void **)&s->items, &s->cap, s->count + 1, sizeof *s->items) != PF_OK) {
        s->failed = true;
        return;
    }
    pf_named_metric *m = &s->items[s->count++];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(m->name, sizeof m->name, fmt, ap);
    va_end(ap);
    m->value = value;
}

static void add_group(sink *s, const char *prefix, const pf_group *g)
{
    if (!g->stats[0].n)
        return;
    add(s, (double)g->stats[0].n, "%srespondents", prefix);
    for (int m = 0; m < PF_GROUP_METRIC_COUNT; m++)
        add(s, g->stats[m].mean, "%s%s", prefix, pf_group_metric_name((pf_group_metric)m));
}

pf_status pf__metrics_collect(const pf_allocator *a, const pf_scores *scores, const pf_map *map, pf_named_metric **out,
                              size_t *count)
{
    sink s = { a, NULL, 0, 0, false };
    if (scores) {
        add_group(&s, "", pf_scores_overall(scores));
        for (int r = 0; r < PF_ROLE_COUNT; r++) {
            char prefix[48];
            snprintf(prefix, sizeof prefix, "role.%s.", pf_role_name((pf_role)r));
            add_group(&s, prefix, pf_scores_by_role(scores, (pf_role)r));
        }
    }
    if (map) {
        const pf_metrics *m = pf_map_metrics(map);
        add(&s, (double)m->projects, "portfolio.projects");
        add(&s, (double)m->placed, "portfolio.placed");
        add(&s, (double)m->weighted, "portfolio.weighted");
        if (m->has_shares) {
            for (int f = 0; f < PF_FACET_COUNT; f++)
                add(&s, m->share[f], "portfolio.share.%s", pf_facet_name((pf_facet)f));
            add(&s, m->hhi, "portfolio.hhi");
            add(&s, m->effective_facets, "portfolio.effective_facets");
        }
        for (int z = 0; z < PF_ZONE_COUNT; z++)
            add(&s, (double)m->zone_count[z], "portfolio.zone.%s", pf_zone_name((pf_zone)z));
        if (m->has_shares)
            for (int z = 0; z < PF_ZONE_COUNT; z++)
                add(&s, m->zone_share[z], "portfolio.zone_share.%s", pf_zone_name((pf_zone)z));
        if (m->has_targets && m->has_shares) {
            for (int f = 0; f < PF_FACET_COUNT; f++)
                add(&s, m->gap[f], "portfolio.gap.%s", pf_facet_name((pf_facet)f));
            add(&s, m->balance_distance, "portfolio.balance_distance");
        }
        if (m->has_orientation && m->has_shares)
            for (int f = 0; f < PF_FACET_COUNT; f++)
                add(&s, m->mismatch[f], "portfolio.mismatch.%s", pf_facet_name((pf_facet)f));
        for (int st = 0; st < PF_STAGE_COUNT; st++)
            add(&s, (double)m->stage_count[st], "portfolio.stage.%s", pf_stage_name((pf_stage)st));
    }
    if (s.failed) {
        pf__free(a, s.items);
        return PF_ENOMEM;
    }
    *out = s.items;
    *count = s.count;
    return PF_OK;
}
