/* The project map and the portfolio metrics (docs/method.md, sections 5 and 6). */
#include <math.h>
#include <string.h>

#include "json.h"
#include "model_impl.h"

struct pf_map {
    pf_allocator alloc;
    pf_map_options opts;
    pf_placement *items;
    size_t count;
    char *ids; /* every placement's project id, in one block: no allocation (and its overhead) per project */
    pf_metrics metrics;
};

static const char *const weighting_names[] = { "count", "priority", "budget", "fte" };
const pf__names pf__weighting_names = { weighting_names, PF_WEIGHTING_COUNT };

const char *pf_weighting_name(pf_weighting w)
{
    return (int)w >= 0 && w < PF_WEIGHTING_COUNT ? weighting_names[w] : NULL;
}

pf_status pf_weighting_from_name(const char *name, pf_weighting *out)
{
    for (int i = 0; name && out && i < PF_WEIGHTING_COUNT; i++) {
        if (strcmp(name, weighting_names[i]) == 0) {
            *out = (pf_weighting)i;
            return PF_OK;
        }
    }
    return PF_EARG;
}

/* Around the diamond: enhancement (left), mission (top), anticipatory (right), adaptive (bottom). */
static bool neighbours(pf_facet a, pf_facet b)
{
    bool opposite = (a == PF_FACET_ENHANCEMENT && b == PF_FACET_ANTICIPATORY) ||
                    (a == PF_FACET_ANTICIPATORY && b == PF_FACET_ENHANCEMENT) ||
                    (a == PF_FACET_MISSION && b == PF_FACET_ADAPTIVE) ||
                    (a == PF_FACET_ADAPTIVE && b == PF_FACET_MISSION);
    return a != b && !opposite;
}

static pf_zone change_type(pf_facet a, pf_facet b)
{
    unsigned pair = (1u << a) | (1u << b);
    if (pair == ((1u << PF_FACET_ENHANCEMENT) | (1u << PF_FACET_MISSION)))
        return PF_ZONE_SUSTAINING;
    if (pair == ((1u << PF_FACET_MISSION) | (1u << PF_FACET_ANTICIPATORY)))
        return PF_ZONE_TRANSFORMATIVE;
    if (pair == ((1u << PF_FACET_ANTICIPATORY) | (1u << PF_FACET_ADAPTIVE)))
        return PF_ZONE_DISRUPTIVE;
    return PF_ZONE_OPTIMISING; /* adaptive and enhancement, the only neighbours left */
}

pf_zone pf_zone_of_purpose(pf_purpose purpose, pf_facet driver)
{
    if ((int)purpose < 0 || purpose > PF_PURPOSE_ALL || (int)driver < 0 || driver >= PF_FACET_COUNT)
        return PF_ZONE_UNSET;
    if (purpose == PF_PURPOSE_ALL)
        return PF_ZONE_MIXED;
    pf_facet p = (pf_facet)purpose;
    if (p == driver)
        return (pf_zone)p;
    return neighbours(p, driver) ? change_type(p, driver) : PF_ZONE_MIXED;
}

/* Shares are compared with a little slack so 0.6 computed as 3/5 counts as 0.6. */
#define SHARE_EPSILON 1e-9

pf_zone pf_zone_of_shares(const double share[PF_FACET_COUNT])
{
    int order[PF_FACET_COUNT] = { 0, 1, 2, 3 };
    /* Stable sort by share, largest first; ties keep facet order. */
    for (int i = 1; i < PF_FACET_COUNT; i++)
        for (int k = i; k > 0 && share[order[k]] > share[order[k - 1]]; k--) {
            int t = order[k];
            order[k] = order[k - 1];
            order[k - 1] = t;
        }
    double first = share[order[0]], second = share[order[1]], third = share[order[2]];
    if (first >= 0.6 - SHARE_EPSILON)
        return (pf_zone)order[0];
    if (second >= 0.3 - SHARE_EPSILON && second > third + SHARE_EPSILON &&
        neighbours((pf_facet)order[0], (pf_facet)order[1]))
        return change_type((pf_facet)order[0], (pf_facet)order[1]);
    return PF_ZONE_MIXED;
}

static void place(const pf_project *p, pf_placement *pl)
{
    pl->zone = PF_ZONE_UNSET;
    if (p->weights) {
        double sum = 0;
        for (int f = 0; f < PF_FACET_COUNT; f++)
            sum += p->weights[f];
        for (int f = 0; f < PF_FACET_COUNT; f++)
            pl->share[f] = p->weights[f] / sum;
        pl->zone = pf_zone_of_shares(pl->share);
        pl->placed = pl->from_weights = true;
    } else if (p->purpose != PF_PURPOSE_UNSET && p->driver != PF_FACET_UNSET) {
        /* The mean of the purpose's vector (a unit vector, or a quarter each for `all`) and the driver's. */
        for (int f = 0; f < PF_FACET_COUNT; f++)
            pl->share[f] = (p->purpose == PF_PURPOSE_ALL ? 0.25 : (int)p->purpose == f ? 1.0 : 0.0) / 2;
        pl->share[p->driver] += 0.5;
        pl->zone = pf_zone_of_purpose(p->purpose, p->driver);
        pl->placed = true;
    }
    if (pl->placed) {
        pl->x = pl->share[PF_FACET_ANTICIPATORY] - pl->share[PF_FACET_ENHANCEMENT];
        pl->y = pl->share[PF_FACET_MISSION] - pl->share[PF_FACET_ADAPTIVE];
    }
}

static bool weight_of(const pf_project *p, pf_weighting w, double *out)
{
    switch (w) {
    case PF_WEIGHT_COUNT:
        *out = 1;
        return true;
    case PF_WEIGHT_PRIORITY:
        *out = p->priority == PF_PRIORITY_HIGH ? 3 : p->priority == PF_PRIORITY_MEDIUM ? 2 : 1;
        return p->priority != PF_PRIORITY_UNSET;
    case PF_WEIGHT_BUDGET:
        *out = p->budget;
        return p->has_budget;
    case PF_WEIGHT_FTE:
        *out = p->fte;
        return p->has_fte;
    }
    return false;
}

/* Over the respondents the statistics count (those above the completeness floor). */
static void orientation_mix(const pf_scores *scores, pf_metrics *m)
{
    size_t n = pf_scores_count(scores) - pf_scores_left_out_count(scores);
    double mean[PF_FACET_COUNT] = { 0 }, sum = 0;
    for (size_t i = 0; i < pf_scores_count(scores); i++) {
        const pf_assessment_score *a = pf_scores_at(scores, i);
        for (int f = 0; f < PF_FACET_COUNT && !a->left_out; f++)
            mean[f] += a->orientation.pct_normalised[f] / (double)n;
    }
    for (int f = 0; f < PF_FACET_COUNT; f++)
        sum += mean[f];
    if (n == 0 || !(sum > 0))
        return;
    m->has_orientation = true;
    for (int f = 0; f < PF_FACET_COUNT; f++) {
        m->orientation[f] = mean[f] / sum;
        m->mismatch[f] = m->has_shares ? m->orientation[f] - m->share[f] : 0;
    }
}

static void compute_metrics(const pf_doc *doc, pf_map *map, const pf_scores *scores)
{
    pf_metrics *m = &map->metrics;
    m->weighting = map->opts.weighting;
    m->projects = map->count;
    m->dominant = PF_FACET_UNSET;
    /* Weights are summed relative to the largest, scaled by a power of two so the largest is in [0.5, 1):
       tiny weights (5e-324) then add up without vanishing and huge ones without overflowing, and since
       scaling by a power of two is exact, ordinary weights give bit for bit the shares of a plain sum. */
    double largest = 0, scaled_total = 0, scale = 0;
    for (size_t i = 0; i < map->count; i++)
        if (map->items[i].placed && map->items[i].weighted && map->items[i].weight > largest)
            largest = map->items[i].weight;
    int exponent = 0;
    if (largest > 0) {
        frexp(largest, &exponent);
        scale = ldexp(1, exponent);
    }
    for (size_t i = 0; i < map->count; i++) {
        const pf_project *p = doc->projects[i];
        const pf_placement *pl = &map->items[i];
        if (p->stage == PF_STAGE_UNSET)
            m->stage_unset++;
        else
            m->stage_count[p->stage]++;
        if (!pl->placed)
            continue;
        m->placed++;
        m->zone_count[pl->zone]++;
        if (pl->zone == PF_ZONE_MIXED && p->priority == PF_PRIORITY_HIGH)
            m->mixed_high_priority++;
        if (!pl->weighted)
            continue;
        m->weighted++;
        double w = scale > 0 ? ldexp(pl->weight, -exponent) : 0;
        scaled_total += w;
        for (int f = 0; f < PF_FACET_COUNT; f++)
            m->share[f] += w * pl->share[f];
        m->zone_share[pl->zone] += w;
    }
    m->total_weight = scaled_total * scale; /* finite: weights are at most PF_MAX_AMOUNT */
    m->has_shares = scaled_total > 0;
    if (m->has_shares) {
        for (int f = 0; f < PF_FACET_COUNT; f++) {
            m->share[f] /= scaled_total;
            m->hhi += m->share[f] * m->share[f];
            if (m->dominant == PF_FACET_UNSET || m->share[f] > m->share[m->dominant])
                m->dominant = (pf_facet)f;
        }
        for (int z = 0; z < PF_ZONE_COUNT; z++)
            m->zone_share[z] /= scaled_total;
        m->effective_facets = 1 / m->hhi;
    } else {
        memset(m->share, 0, sizeof m->share);
        memset(m->zone_share, 0, sizeof m->zone_share);
    }
    if (doc->has_targets) {
        double sum = 0;
        for (int f = 0; f < PF_FACET_COUNT; f++)
            sum += doc->targets[f];
        m->has_targets = true;
        for (int f = 0; f < PF_FACET_COUNT; f++) {
            m->target[f] = doc->targets[f] / sum;
            if (m->has_shares) {
                m->gap[f] = m->share[f] - m->target[f];
                m->balance_distance += fabs(m->gap[f]) / 2;
            }
        }
    }
    if (scores)
        orientation_mix(scores, m);
}

pf_status pf_doc_map(const pf_doc *doc, const pf_scores *scores, const pf_map_options *opts, pf_map **out,
                     pf_error *err)
{
    if (!doc || !out)
        return pf__fail(err, PF_EARG, "doc or out is NULL");
    if (opts && opts->version != PF_MAP_OPTIONS_VERSION)
        return pf__fail(err, PF_EARG, "unknown pf_map_options version %u", opts->version);
    pf_map_options o = PF_MAP_OPTIONS_INIT;
    if (opts)
        o = *opts;
    if ((int)o.weighting < 0 || o.weighting >= PF_WEIGHTING_COUNT)
        return pf__fail(err, PF_EARG, "unknown weighting %d", (int)o.weighting);
    pf_map *map = pf__calloc(&doc->alloc, 1, sizeof *map);
    if (!map)
        return pf__oom(err);
    map->alloc = doc->alloc;
    map->opts = o;
    map->count = doc->project_count;
    size_t id_bytes = 0;
    for (size_t i = 0; i < map->count; i++)
        id_bytes += strlen(doc->projects[i]->id) + 1;
    map->items = pf__calloc(&map->alloc, map->count ? map->count : 1, sizeof *map->items);
    map->ids = pf__malloc(&map->alloc, id_bytes ? id_bytes : 1);
    if (!map->items || !map->ids) {
        pf_map_free(map);
        return pf__oom(err);
    }
    char *id = map->ids;
    for (size_t i = 0; i < map->count; i++) {
        const pf_project *p = doc->projects[i];
        pf_placement *pl = &map->items[i];
        size_t len = strlen(p->id) + 1;
        pl->project = memcpy(id, p->id, len);
        id += len;
        place(p, pl);
        pl->weighted = weight_of(p, o.weighting, &pl->weight);
        if (!pl->weighted)
            pl->weight = 0;
    }
    compute_metrics(doc, map, scores);
    *out = map;
    return PF_OK;
}

void pf_map_free(pf_map *map)
{
    if (!map)
        return;
    pf_allocator a = map->alloc;
    pf__free(&a, map->ids);
    pf__free(&a, map->items);
    pf__free(&a, map);
}

size_t pf_map_count(const pf_map *map)
{
    return map->count;
}

const pf_placement *pf_map_at(const pf_map *map, size_t index)
{
    return index < map->count ? &map->items[index] : NULL;
}

const pf_metrics *pf_map_metrics(const pf_map *map)
{
    return &map->metrics;
}

const pf_allocator *pf__map_allocator(const pf_map *map)
{
    return &map->alloc;
}

/* ---- JSON ---- */

static void json_counts(pf_json *j, const char *key, const size_t *counts, int n, const char *(*name)(int))
{
    pf__json_key(j, key);
    pf__json_object_begin(j);
    for (int i = 0; i < n; i++) {
        pf__json_key(j, name(i));
        pf__json_integer(j, (long long)counts[i]);
    }
    pf__json_object_end(j);
}

static const char *zone_name(int z)
{
    return pf_zone_name((pf_zone)z);
}

static const char *stage_name(int s)
{
    return pf_stage_name((pf_stage)s);
}

void pf__map_json(pf_json *j, const pf_map *map)
{
    const pf_metrics *m = &map->metrics;
    pf__json_object_begin(j);
    pf__json_key(j, "schema_version");
    pf__json_integer(j, 1);
    pf__json_key(j, "weighting");
    pf__json_string(j, pf_weighting_name(m->weighting));
    pf__json_key(j, "projects");
    pf__json_array_begin(j);
    for (size_t i = 0; i < map->count; i++) {
        const pf_placement *pl = &map->items[i];
        pf__json_object_begin(j);
        pf__json_key(j, "id");
        pf__json_string(j, pl->project);
        pf__json_key(j, "zone");
        pf__json_string(j, pl->placed ? pf_zone_name(pl->zone) : NULL);
        if (pl->placed) {
            pf__json_key(j, "from");
            pf__json_string(j, pl->from_weights ? "facets" : "purpose-driver");
            pf__json_facets(j, "share", pl->share);
            pf__json_key(j, "x");
            pf__json_number(j, pl->x);
            pf__json_key(j, "y");
            pf__json_number(j, pl->y);
        }
        pf__json_key(j, "weight");
        if (pl->weighted)
            pf__json_number(j, pl->weight);
        else
            pf__json_null(j);
        pf__json_object_end(j);
    }
    pf__json_array_end(j);
    pf__json_key(j, "metrics");
    pf__json_object_begin(j);
    pf__json_key(j, "projects");
    pf__json_integer(j, (long long)m->projects);
    pf__json_key(j, "placed");
    pf__json_integer(j, (long long)m->placed);
    pf__json_key(j, "weighted");
    pf__json_integer(j, (long long)m->weighted);
    pf__json_key(j, "total_weight");
    pf__json_number(j, m->total_weight);
    if (m->has_shares) {
        pf__json_facets(j, "share", m->share);
        pf__json_key(j, "hhi");
        pf__json_number(j, m->hhi);
        pf__json_key(j, "effective_facets");
        pf__json_number(j, m->effective_facets);
        pf__json_key(j, "dominant");
        pf__json_string(j, pf_facet_name(m->dominant));
    }
    json_counts(j, "zone_count", m->zone_count, PF_ZONE_COUNT, zone_name);
    if (m->has_shares) {
        pf__json_key(j, "zone_share");
        pf__json_object_begin(j);
        for (int z = 0; z < PF_ZONE_COUNT; z++) {
            pf__json_key(j, pf_zone_name((pf_zone)z));
            pf__json_number(j, m->zone_share[z]);
        }
        pf__json_object_end(j);
    }
    if (m->has_targets) {
        pf__json_facets(j, "target", m->target);
        if (m->has_shares) {
            pf__json_facets(j, "gap", m->gap);
            pf__json_key(j, "balance_distance");
            pf__json_number(j, m->balance_distance);
        }
    }
    if (m->has_orientation) {
        pf__json_facets(j, "orientation", m->orientation);
        if (m->has_shares)
            pf__json_facets(j, "mismatch", m->mismatch);
    }
    json_counts(j, "stage_count", m->stage_count, PF_STAGE_COUNT, stage_name);
    pf__json_key(j, "stage_unset");
    pf__json_integer(j, (long long)m->stage_unset);
    pf__json_object_end(j);
    pf__json_object_end(j);
}

static pf_status write_json(const pf_map *map, pf_buf *out, const pf_sink *sink, pf_error *err)
{
    if (!map || (!out && !sink))
        return pf__fail(err, PF_EARG, "map or %s is NULL", out ? "out" : "sink");
    pf_json j;
    pf__json_open(&j, out, sink, &map->alloc);
    pf__map_json(&j, map);
    return pf__json_close(&j, err);
}

pf_status pf_map_write_json(const pf_map *map, pf_buf *out, pf_error *err)
{
    return out ? write_json(map, out, NULL, err) : pf__fail(err, PF_EARG, "map or out is NULL");
}

pf_status pf_map_write_json_to(const pf_map *map, const pf_sink *sink, pf_error *err)
{
    return sink && sink->write_fn ? write_json(map, NULL, sink, err) : pf__fail(err, PF_EARG, "map or sink is NULL");
}
