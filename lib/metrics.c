/* The named metrics (see metrics.h and docs/metrics.md). */
#include <stdio.h>
#include <string.h>

#include "metrics.h"

typedef struct sink {
    const pf_allocator *alloc;
    bool everything; /* list every possible name, present or not */
    pf_named_metric *items;
    size_t count, cap;
    bool failed;
} sink;

static pf_named_metric *add_named(sink *s, const char *fmt, va_list ap)
{
    if (s->failed || pf__grow(s->alloc, (void **)&s->items, &s->cap, s->count + 1, sizeof *s->items) != PF_OK) {
        s->failed = true;
        return NULL;
    }
    pf_named_metric *m = &s->items[s->count++];
    vsnprintf(m->name, sizeof m->name, fmt, ap);
    m->value = 0;
    m->text = NULL;
    return m;
}

static void add(sink *s, double value, const char *fmt, ...) PF_PRINTF(3, 4);
static void add(sink *s, double value, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    pf_named_metric *m = add_named(s, fmt, ap);
    va_end(ap);
    if (m)
        m->value = value;
}

static void add_text(sink *s, const char *text, const char *fmt, ...) PF_PRINTF(3, 4);
static void add_text(sink *s, const char *text, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    pf_named_metric *m = add_named(s, fmt, ap);
    va_end(ap);
    if (m)
        m->text = text ? text : "";
}

static void add_group(sink *s, const char *prefix, const pf_group *g)
{
    if (!s->everything && !g->stats[0].n)
        return;
    add(s, (double)g->stats[0].n, "%srespondents", prefix);
    for (int m = 0; m < PF_GROUP_METRIC_COUNT; m++)
        add(s, g->stats[m].mean, "%s%s", prefix, pf_group_metric_name((pf_group_metric)m));
    for (int m = 0; m < PF_GROUP_METRIC_COUNT; m++)
        add(s, g->stats[m].sd, "%s%s.sd", prefix, pf_group_metric_name((pf_group_metric)m));
    /* Derived from the means: which facets are strong, by how much the top one leads. */
    int strong = 0;
    double top = -1e300, second = -1e300;
    for (int f = 0; f < PF_FACET_COUNT; f++) {
        bool is_strong = g->tendency >> f & 1;
        strong += is_strong;
        add(s, is_strong, "%sorientation.%s.strong", prefix, pf_facet_name((pf_facet)f));
        double v = g->stats[f].mean;
        if (v > top) {
            second = top;
            top = v;
        } else if (v > second) {
            second = v;
        }
    }
    add(s, strong, "%sorientation.strong_count", prefix);
    add(s, top - second, "%sorientation.top_margin", prefix);
    add_text(s, pf_tendency_name(g->tendency), "%stendency", prefix);
    add_text(s, pf_level_name(g->capability_level), "%scapability.level", prefix);
    for (int d = 0; d < PF_DIMENSION_COUNT; d++)
        add_text(s, pf_level_name(g->dimension_level[d]), "%scapability.%s.level", prefix,
                 pf_dimension_name((pf_dimension)d));
}

/* Over every assessment, counted in the statistics or left out: how much of the questionnaire was answered. */
static void add_completeness(sink *s, const pf_scores *scores)
{
    size_t n = scores ? pf_scores_count(scores) : 0;
    if (!s->everything && !n)
        return;
    double min = n ? 1 : 0, sum = 0;
    for (size_t i = 0; i < n; i++) {
        double c = pf_scores_at(scores, i)->completeness;
        sum += c;
        if (c < min)
            min = c;
    }
    add(s, (double)n, "assessments");
    add(s, scores ? (double)pf_scores_left_out_count(scores) : 0, "assessments.left_out");
    add(s, min, "completeness.min");
    add(s, n ? sum / (double)n : 0, "completeness.mean");
}

static void add_scores(sink *s, const pf_scores *scores)
{
    add_group(s, "", pf_scores_overall(scores));
    for (int r = 0; r < PF_ROLE_COUNT; r++) {
        char prefix[48];
        snprintf(prefix, sizeof prefix, "role.%s.", pf_role_name((pf_role)r));
        add_group(s, prefix, pf_scores_by_role(scores, (pf_role)r));
    }
    size_t flags[2] = { 0, 0 };
    for (size_t i = 0; i < pf_scores_flag_count(scores); i++)
        flags[pf_scores_flag_at(scores, i)->kind]++;
    add(s, (double)flags[PF_FLAG_LOW_AGREEMENT], "flags.low_agreement");
    add(s, (double)flags[PF_FLAG_PERCEPTION_GAP], "flags.perception_gap");
    add_completeness(s, scores);
}

static void add_map(sink *s, const pf_metrics *m)
{
    add(s, (double)m->projects, "portfolio.projects");
    add(s, (double)m->placed, "portfolio.placed");
    add(s, (double)m->weighted, "portfolio.weighted");
    if (s->everything || m->has_shares) {
        for (int f = 0; f < PF_FACET_COUNT; f++)
            add(s, m->share[f], "portfolio.share.%s", pf_facet_name((pf_facet)f));
        add(s, m->hhi, "portfolio.hhi");
        add(s, m->effective_facets, "portfolio.effective_facets");
    }
    for (int z = 0; z < PF_ZONE_COUNT; z++)
        add(s, (double)m->zone_count[z], "portfolio.zone.%s", pf_zone_name((pf_zone)z));
    if (s->everything || m->has_shares)
        for (int z = 0; z < PF_ZONE_COUNT; z++)
            add(s, m->zone_share[z], "portfolio.zone_share.%s", pf_zone_name((pf_zone)z));
    add(s, (double)m->mixed_high_priority, "portfolio.mixed_high_priority");
    if (s->everything || m->has_targets)
        for (int f = 0; f < PF_FACET_COUNT; f++)
            add(s, m->target[f], "portfolio.target.%s", pf_facet_name((pf_facet)f));
    if (s->everything || m->has_orientation)
        for (int f = 0; f < PF_FACET_COUNT; f++)
            add(s, m->orientation[f], "portfolio.orientation.%s", pf_facet_name((pf_facet)f));
    if (s->everything || (m->has_targets && m->has_shares)) {
        for (int f = 0; f < PF_FACET_COUNT; f++)
            add(s, m->gap[f], "portfolio.gap.%s", pf_facet_name((pf_facet)f));
        add(s, m->balance_distance, "portfolio.balance_distance");
    }
    if (s->everything || (m->has_orientation && m->has_shares))
        for (int f = 0; f < PF_FACET_COUNT; f++)
            add(s, m->mismatch[f], "portfolio.mismatch.%s", pf_facet_name((pf_facet)f));
    for (int st = 0; st < PF_STAGE_COUNT; st++)
        add(s, (double)m->stage_count[st], "portfolio.stage.%s", pf_stage_name((pf_stage)st));
}

static const char *const relation_names[] = { "synergy", "tension", "duplicate", "handover" };

static void add_relations(sink *s, const size_t *counts)
{
    for (int k = 0; k < 4; k++)
        add(s, counts ? (double)counts[k] : 0, "relations.%s", relation_names[k]);
}

static pf_status finish(sink *s, pf_named_metric **out, size_t *count)
{
    if (s->failed) {
        pf__free(s->alloc, s->items);
        return PF_ENOMEM;
    }
    *out = s->items;
    *count = s->count;
    return PF_OK;
}

pf_status pf__metrics_collect(const pf_allocator *a, const pf_metric_sources *src, pf_named_metric **out,
                              size_t *count)
{
    sink s = { a, false, NULL, 0, 0, false };
    if (src->scores)
        add_scores(&s, src->scores);
    if (src->map)
        add_map(&s, pf_map_metrics(src->map));
    if (src->relation_counts)
        add_relations(&s, src->relation_counts);
    return finish(&s, out, count);
}

pf_status pf__metrics_all_names(const pf_allocator *a, pf_named_metric **out, size_t *count)
{
    sink s = { a, true, NULL, 0, 0, false };
    pf_group g;
    memset(&g, 0, sizeof g);
    add_group(&s, "", &g);
    for (int r = 0; r < PF_ROLE_COUNT; r++) {
        char prefix[48];
        snprintf(prefix, sizeof prefix, "role.%s.", pf_role_name((pf_role)r));
        add_group(&s, prefix, &g);
    }
    add(&s, 0, "flags.low_agreement");
    add(&s, 0, "flags.perception_gap");
    add_completeness(&s, NULL);
    pf_metrics m;
    memset(&m, 0, sizeof m);
    add_map(&s, &m);
    add_relations(&s, NULL);
    return finish(&s, out, count);
}
