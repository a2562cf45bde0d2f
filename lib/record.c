/*
 * Anonymised records and benchmarks (docs/records.md).
 *
 * A record is made from the document's scores and map (their statistics are
 * reused, never recomputed), written with the JSON writer and read back with
 * the shared YAML event reader, JSON being YAML. The organisation being
 * benchmarked is turned into a record too, with k = 1, so one function reads
 * a metric from either side.
 *
 * Groups below k are suppressed, and then complementary suppression closes
 * the one difference of kept groups that can be small: overall minus every
 * kept role (docs/records.md, "Complementary suppression", derives why no
 * other difference can be). The reader refuses a record that breaks it, as
 * it refuses a group below k and statistics no set of values could have.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "json.h"
#include "yaml_events.h"

/* Groups: everyone, then each role in role order. */
#define GROUP_COUNT (1 + PF_ROLE_COUNT)

typedef struct rec_group {
    bool present;
    size_t n;
    pf_stats stats[PF_GROUP_METRIC_COUNT];
} rec_group;

struct pf_record {
    pf_allocator alloc;
    char *source;         /* the name it was read under; NULL when made here or read unnamed */
    pf_score_mode mode;
    pf_weighting weighting;
    size_t k;
    char *instrument;
    char country[3];      /* "" when unset */
    pf_gov_level level;   /* PF_GOV_LEVEL_UNSET when unset */
    int size_band;        /* index in size_names, or -1 */
    unsigned sectors;     /* bit set of 1u << pf_sector */
    int year, month;      /* of the latest assessment; 0 when no assessment has a date */
    size_t respondents;
    rec_group groups[GROUP_COUNT];
    bool has_zones;       /* at least one project placed */
    size_t zone_count[PF_ZONE_COUNT];
    bool has_shares;      /* some weight counted */
    double share[PF_FACET_COUNT];
};

static const char *const size_names[] = { "1-9", "10-49", "50-249", "250-999", "1000+" };
static const pf__names size_table = PF_NAMES(size_names);
static const char *const mode_names[] = { "pet", "normalised" };
static const pf__names mode_table = PF_NAMES(mode_names);
static const char *const group_names[GROUP_COUNT] = { "overall", "individual", "team", "senior-management",
                                                      "steward", "external" };
static const pf__names group_table = PF_NAMES(group_names);

static int size_band_of(int64_t people)
{
    static const int64_t upper[] = { 9, 49, 249, 999 };
    if (people <= 0)
        return -1;
    for (int b = 0; b < 4; b++)
        if (people <= upper[b])
            return b;
    return 4;
}

static pf_status resolve_options(const pf_record_options *o, pf_record_options *out, pf_error *err)
{
    pf_record_options r = PF_RECORD_OPTIONS_INIT;
    if (o) {
        if (o->version != PF_RECORD_OPTIONS_VERSION)
            return pf__fail(err, PF_EARG, "unknown pf_record_options version %u", o->version);
        r = *o;
    }
    if (r.k == 0)
        r.k = PF_RECORD_DEFAULT_K;
    if (r.mode == PF_SCORE_PET_PUBLISHED)
        return pf__fail(err, PF_EARG, "score mode pet-published is not used in records: benchmarks compare the "
                                      "method's stated rules");
    if ((int)r.mode < 0 || r.mode > PF_SCORE_NORMALISED)
        return pf__fail(err, PF_EARG, "unknown score mode %d", (int)r.mode);
    if ((int)r.weighting < 0 || r.weighting >= PF_WEIGHTING_COUNT)
        return pf__fail(err, PF_EARG, "unknown weighting %d", (int)r.weighting);
    *out = r;
    return PF_OK;
}

void pf_record_free(pf_record *rec)
{
    if (!rec)
        return;
    pf_allocator a = rec->alloc;
    pf__free(&a, rec->instrument);
    pf__free(&a, rec->source);
    pf__free(&a, rec);
}

static pf_record *record_new(const pf_allocator *a)
{
    pf_record *rec = pf__calloc(a, 1, sizeof *rec);
    if (!rec)
        return NULL;
    rec->alloc = *a;
    rec->level = PF_GOV_LEVEL_UNSET;
    rec->size_band = -1;
    return rec;
}

static void take_group(rec_group *g, const pf_group *from, size_t k)
{
    g->n = from->stats[0].n;
    g->present = g->n > 0 && g->n >= k;
    if (g->present)
        memcpy(g->stats, from->stats, sizeof g->stats);
}

/*
 * Respondents of overall in no kept role: those without a role or with a
 * suppressed one. With overall kept, subtracting every kept role from it
 * leaves exactly them, and no other difference of kept groups can be smaller
 * than k (docs/records.md), so this one number decides the guarantee.
 */
static size_t outside_kept_roles(const rec_group g[GROUP_COUNT])
{
    size_t in_roles = 0;
    for (int r = 1; r < GROUP_COUNT; r++)
        if (g[r].present)
            in_roles += g[r].n;
    return in_roles < g[0].n ? g[0].n - in_roles : 0;
}

/*
 * Complementary suppression: when 1 to k - 1 respondents are outside the kept
 * roles, the smallest kept role (the first in role order among equals) is
 * suppressed too. Its n >= k respondents join them, so once is always enough,
 * and overall, the group every benchmark compares, is never the one dropped.
 */
static void suppress_complement(rec_group g[GROUP_COUNT], size_t k)
{
    if (!g[0].present)
        return;
    size_t outside = outside_kept_roles(g);
    if (outside == 0 || outside >= k)
        return;
    int smallest = 0;
    for (int r = 1; r < GROUP_COUNT; r++)
        if (g[r].present && (!smallest || g[r].n < g[smallest].n))
            smallest = r;
    /* outside < k <= overall's n, so some respondent is in a kept role: smallest is one. */
    g[smallest].present = false;
    memset(g[smallest].stats, 0, sizeof g[smallest].stats);
}

/* The record of a document (options resolved): only the kept facts, from its scores and map. */
static pf_status record_of(const pf_doc *doc, const pf_record_options *o, pf_record **out, pf_error *err)
{
    pf_score_options so = PF_SCORE_OPTIONS_INIT;
    pf_map_options mo = PF_MAP_OPTIONS_INIT;
    so.mode = o->mode;
    /* A record's statistics cover all its respondents (docs/records.md): no completeness floor. */
    so.include_incomplete = true;
    mo.weighting = o->weighting;
    pf_scores *sc = NULL;
    pf_map *map = NULL;
    pf_status s = pf_doc_score(doc, &so, &sc, NULL, err);
    if (s == PF_OK)
        s = pf_doc_map(doc, sc, &mo, &map, err);
    pf_record *rec = s == PF_OK ? record_new(&doc->alloc) : NULL;
    if (s == PF_OK && (!rec || !(rec->instrument = pf__strdup(&doc->alloc, pf_doc_instrument_id(doc)))))
        s = pf__oom(err);
    if (s != PF_OK) {
        pf_record_free(rec);
        pf_map_free(map);
        pf_scores_free(sc);
        return s;
    }
    rec->mode = o->mode;
    rec->weighting = o->weighting;
    rec->k = o->k;
    const pf_org *org = pf_doc_org_const(doc);
    if (pf_org_country(org))
        pf__copy_truncated(rec->country, sizeof rec->country, pf_org_country(org));
    rec->level = pf_org_level(org);
    rec->size_band = size_band_of(pf_org_people(org));
    rec->sectors = pf_org_sectors(org);
    pf_date latest = { 0, 0, 0 };
    for (size_t i = 0; i < pf_doc_assessment_count(doc); i++) {
        pf_date d = pf_assessment_date(pf_doc_assessment_at(doc, i));
        if (!pf__date_is_unset(d) && pf__date_compare(d, latest) > 0)
            latest = d;
    }
    rec->year = latest.year;
    rec->month = latest.month;
    rec->respondents = pf_scores_count(sc);
    take_group(&rec->groups[0], pf_scores_overall(sc), o->k);
    for (int r = 0; r < PF_ROLE_COUNT; r++)
        take_group(&rec->groups[1 + r], pf_scores_by_role(sc, (pf_role)r), o->k);
    suppress_complement(rec->groups, o->k);
    const pf_metrics *m = pf_map_metrics(map);
    rec->has_zones = m->placed > 0;
    if (rec->has_zones)
        memcpy(rec->zone_count, m->zone_count, sizeof rec->zone_count);
    rec->has_shares = m->has_shares;
    if (rec->has_shares)
        memcpy(rec->share, m->share, sizeof rec->share);
    pf_map_free(map);
    pf_scores_free(sc);
    *out = rec;
    return PF_OK;
}

/* ---- writing ---- */

static void record_json(pf_json *j, const pf_record *rec)
{
    pf__json_object_begin(j);
    pf__json_key(j, "record");
    pf__json_integer(j, PF_RECORD_FORMAT_VERSION);
    pf__json_key(j, "options");
    pf__json_object_begin(j);
    pf__json_key(j, "mode");
    pf__json_string(j, mode_names[rec->mode]);
    pf__json_key(j, "weighting");
    pf__json_string(j, pf_weighting_name(rec->weighting));
    pf__json_key(j, "k");
    pf__json_integer(j, (long long)rec->k);
    pf__json_object_end(j);
    pf__json_key(j, "instrument");
    pf__json_string(j, rec->instrument);
    if (rec->country[0]) {
        pf__json_key(j, "country");
        pf__json_string(j, rec->country);
    }
    if (rec->level != PF_GOV_LEVEL_UNSET) {
        pf__json_key(j, "level");
        pf__json_string(j, pf_gov_level_name(rec->level));
    }
    if (rec->size_band >= 0) {
        pf__json_key(j, "size");
        pf__json_string(j, size_names[rec->size_band]);
    }
    pf__json_key(j, "sectors");
    pf__json_array_begin(j);
    for (int s = 0; s < PF_SECTOR_COUNT; s++)
        if (rec->sectors >> s & 1)
            pf__json_string(j, pf_sector_name((pf_sector)s));
    pf__json_array_end(j);
    if (rec->year) {
        char period[16];
        snprintf(period, sizeof period, "%04d-%02d", rec->year, rec->month);
        pf__json_key(j, "period");
        pf__json_string(j, period);
    }
    pf__json_key(j, "respondents");
    pf__json_integer(j, (long long)rec->respondents);
    pf__json_key(j, "groups");
    pf__json_object_begin(j);
    for (int g = 0; g < GROUP_COUNT; g++) {
        const rec_group *gr = &rec->groups[g];
        if (!gr->present)
            continue;
        pf__json_key(j, group_names[g]);
        pf__json_object_begin(j);
        pf__json_key(j, "n");
        pf__json_integer(j, (long long)gr->n);
        pf__json_key(j, "metrics");
        pf__json_object_begin(j);
        for (int m = 0; m < PF_GROUP_METRIC_COUNT; m++) {
            pf__json_key(j, pf_group_metric_name((pf_group_metric)m));
            pf__stats_json(j, &gr->stats[m]);
        }
        pf__json_object_end(j);
        pf__json_object_end(j);
    }
    pf__json_object_end(j);
    if (rec->has_zones || rec->has_shares) {
        pf__json_key(j, "portfolio");
        pf__json_object_begin(j);
        if (rec->has_zones) {
            pf__json_key(j, "zone_count");
            pf__json_object_begin(j);
            for (int z = 0; z < PF_ZONE_COUNT; z++) {
                pf__json_key(j, pf_zone_name((pf_zone)z));
                pf__json_integer(j, (long long)rec->zone_count[z]);
            }
            pf__json_object_end(j);
        }
        if (rec->has_shares)
            pf__json_facets(j, "share", rec->share);
        pf__json_object_end(j);
    }
    pf__json_object_end(j);
}

static pf_status write_record(const pf_record *rec, pf_buf *out, pf_error *err)
{
    pf_buf_dispose(out);
    out->allocator = rec->alloc;
    pf_json j;
    pf__json_init(&j, out);
    record_json(&j, rec);
    return pf__json_close(&j, err);
}

pf_status pf_record_write_json(const pf_record *rec, pf_buf *out, pf_error *err)
{
    if (!rec || !out)
        return pf__fail(err, PF_EARG, "record or out is NULL");
    return write_record(rec, out, err);
}

pf_status pf_doc_anonymise(const pf_doc *doc, const pf_record_options *o, pf_buf *out, pf_error *err)
{
    if (!doc || !out)
        return pf__fail(err, PF_EARG, "doc or out is NULL");
    pf_record_options ro;
    pf_record *rec = NULL;
    pf_status s = resolve_options(o, &ro, err);
    if (s == PF_OK)
        s = record_of(doc, &ro, &rec, err);
    if (s == PF_OK)
        s = write_record(rec, out, err);
    pf_record_free(rec);
    return s;
}

pf_status pf_doc_anonymise_file(const pf_doc *doc, const pf_record_options *o, const char *path, pf_error *err)
{
    if (!path)
        return pf__fail(err, PF_EARG, "path is NULL");
    pf_buf b = PF_BUF_INIT;
    pf_status s = pf_doc_anonymise(doc, o, &b, err);
    if (s == PF_OK)
        s = pf__write_file_atomic(path, b.data, b.size, err);
    pf_buf_dispose(&b);
    return s;
}

size_t pf_record_respondents(const pf_record *rec)
{
    return rec ? rec->respondents : 0;
}

/* ---- reading ---- */

typedef struct reader {
    pf_yreader y;
    pf_record *rec;
    bool respondents_ok; /* read without a problem: groups can be checked against it */
    bool k_ok;
} reader;

static bool read_count(reader *r, size_t *out)
{
    pf_pos pos = pf__yr_ev_pos(&r->y);
    int64_t v;
    if (!pf__yr_read_integer(&r->y, &v))
        return false;
    if (v < 0) {
        pf__yr_problem(&r->y, pos, "must be >= 0 (got %lld)", (long long)v);
        return false;
    }
    *out = (size_t)v;
    return true;
}

static void read_options(reader *r)
{
    static const char *const key_names[] = { "mode", "weighting", "k" };
    static const pf__names keys = PF_NAMES(key_names);
    enum { K_MODE, K_WEIGHTING, K_K };
    pf_map_iter it;
    if (!pf__yr_map_open(&r->y, &it, "a mapping (mode, weighting, k)"))
        return;
    while (pf__yr_map_next(&r->y, &it, &keys, "the options")) {
        pf_pos pos = pf__yr_ev_pos(&r->y);
        int v;
        switch (it.key) {
        case K_MODE:
            if (pf__yr_read_enum(&r->y, &mode_table, &v))
                r->rec->mode = (pf_score_mode)v;
            break;
        case K_WEIGHTING:
            if (pf__yr_read_enum(&r->y, &pf__weighting_names, &v))
                r->rec->weighting = (pf_weighting)v;
            break;
        case K_K:
            if (read_count(r, &r->rec->k) && r->rec->k == 0)
                pf__yr_problem(&r->y, pos, "must be >= 1 (got 0)");
            r->k_ok = r->rec->k > 0;
            break;
        }
    }
    pf__yr_map_require(&r->y, &it, &keys, (1u << K_MODE) | (1u << K_WEIGHTING) | (1u << K_K), "the options");
}

/* A number of a problem message, in its shortest exact form whatever the locale. */
typedef struct num_text {
    char s[32];
} num_text;

static num_text num(double v)
{
    num_text t;
    pf__format_number(v, t.s);
    return t;
}

/*
 * Statistics no set of n values could have: min above max, a mean or median
 * outside min..max, an sd wider than values between min and max can spread
 * (Popoviciu: the population variance is at most (max - min)^2 / 4, so the
 * sample sd at most (max - min) / 2 x sqrt(n / (n - 1)); 0 for one value).
 * A record's own numbers carry rounding (the mean of equal values can miss
 * them by an ulp), hence the tolerance, far below any rounding of a score.
 */
static void check_stats(reader *r, const pf_stats *st, const pf_pos pos[6], size_t base)
{
    enum { S_N, S_MEAN, S_MEDIAN, S_SD, S_MIN, S_MAX };
    static const char *const names[] = { "n", "mean", "median", "sd", "min", "max" };
    int bad = -1;
    char why[256];
    double tol = 1e-9 * fmax(1, fmax(fabs(st->min), fabs(st->max)));
    double widest = st->n > 1 ? (st->max - st->min) / 2 * sqrt((double)st->n / (double)(st->n - 1)) : 0;
    if (st->min > st->max) {
        bad = S_MIN;
        snprintf(why, sizeof why, "must be <= max (%s; got %s)", num(st->max).s, num(st->min).s);
    } else if (st->mean < st->min - tol || st->mean > st->max + tol) {
        bad = S_MEAN;
        snprintf(why, sizeof why, "must lie between min and max (%s to %s; got %s)", num(st->min).s,
                 num(st->max).s, num(st->mean).s);
    } else if (st->median < st->min - tol || st->median > st->max + tol) {
        bad = S_MEDIAN;
        snprintf(why, sizeof why, "must lie between min and max (%s to %s; got %s)", num(st->min).s,
                 num(st->max).s, num(st->median).s);
    } else if (st->n == 1 && st->max - st->min > tol) {
        bad = S_MAX;
        snprintf(why, sizeof why, "must equal min for one respondent (%s; got %s)", num(st->min).s,
                 num(st->max).s);
    } else if (st->sd > widest + tol) {
        bad = S_SD;
        if (st->n == 1)
            snprintf(why, sizeof why, "must be 0 for one respondent (got %s)", num(st->sd).s);
        else
            snprintf(why, sizeof why, "must be at most %s, the widest spread of %zu values from %s to %s (got %s)",
                     num(widest).s, st->n, num(st->min).s, num(st->max).s, num(st->sd).s);
    }
    if (bad < 0)
        return;
    pf__yr_path_set(&r->y, base);
    pf__yr_path_push_key(&r->y, names[bad]);
    pf__yr_problem(&r->y, pos[bad], "%s", why);
    pf__yr_path_set(&r->y, base);
}

static void read_stats(reader *r, pf_stats *st, pf_pos *n_pos)
{
    static const char *const key_names[] = { "n", "mean", "median", "sd", "min", "max" };
    static const pf__names keys = PF_NAMES(key_names);
    pf_map_iter it;
    if (!pf__yr_map_open(&r->y, &it, "a mapping of statistics (n, mean, median, sd, min, max)"))
        return;
    double *values[] = { NULL, &st->mean, &st->median, &st->sd, &st->min, &st->max };
    pf_pos pos[6];
    unsigned ok = 0; /* keys read without a problem */
    while (pf__yr_map_next(&r->y, &it, &keys, "statistics")) {
        pos[it.key] = pf__yr_exact(&r->y, pf__yr_ev_pos(&r->y));
        if (it.key == 0) {
            if (read_count(r, &st->n)) {
                *n_pos = pos[0];
                ok |= 1u;
            }
        } else if (pf__yr_read_number(&r->y, values[it.key])) {
            if (it.key == 3 && *values[it.key] < 0)
                pf__yr_problem(&r->y, pos[it.key], "must be >= 0 (got %s)", num(*values[it.key]).s);
            else
                ok |= 1u << it.key;
        }
    }
    pf__yr_map_require(&r->y, &it, &keys, 0x3f, "statistics");
    if (ok == 0x3f && st->n > 0 && !r->y.stopped)
        check_stats(r, st, pos, it.base);
}

/* A group; its n is checked against k and the respondents once the whole record is read. */
static void read_group(reader *r, rec_group *g, pf_pos *n_pos)
{
    static const char *const key_names[] = { "n", "metrics" };
    static const pf__names keys = PF_NAMES(key_names);
    enum { K_N, K_METRICS };
    pf_map_iter it;
    if (!pf__yr_map_open(&r->y, &it, "a mapping (n, metrics)"))
        return;
    pf_pos stats_n_pos[PF_GROUP_METRIC_COUNT];
    uint64_t metrics_present = 0;
    while (pf__yr_map_next(&r->y, &it, &keys, "a group")) {
        pf_pos pos = pf__yr_ev_pos(&r->y);
        if (it.key == K_N) {
            if (read_count(r, &g->n))
                *n_pos = pf__yr_exact(&r->y, pos);
            continue;
        }
        pf_map_iter mi;
        if (!pf__yr_map_open(&r->y, &mi, "a mapping of metrics to statistics"))
            continue;
        while (pf__yr_map_next(&r->y, &mi, &pf__group_metric_names, "the metrics")) {
            stats_n_pos[mi.key].line = 0;
            read_stats(r, &g->stats[mi.key], &stats_n_pos[mi.key]);
        }
        pf__yr_map_require(&r->y, &mi, &pf__group_metric_names, (1u << PF_GROUP_METRIC_COUNT) - 1, "the metrics");
        metrics_present = mi.present;
    }
    pf__yr_map_require(&r->y, &it, &keys, (1u << K_N) | (1u << K_METRICS), "a group");
    g->present = true;
    for (int m = 0; m < PF_GROUP_METRIC_COUNT && (it.present & (1u << K_N)) && !r->y.stopped; m++) {
        if (!(metrics_present >> m & 1) || !stats_n_pos[m].line || g->stats[m].n == g->n)
            continue;
        pf__yr_path_set(&r->y, it.base);
        pf__yr_path_push_key(&r->y, "metrics");
        pf__yr_path_push_key(&r->y, pf_group_metric_name((pf_group_metric)m));
        pf__yr_path_push_key(&r->y, "n");
        pf__yr_problem(&r->y, stats_n_pos[m], "must equal the group's n (%zu; got %zu)", g->n, g->stats[m].n);
    }
    pf__yr_path_set(&r->y, it.base);
}

static void read_portfolio(reader *r)
{
    static const char *const key_names[] = { "zone_count", "share" };
    static const pf__names keys = PF_NAMES(key_names);
    enum { K_ZONES, K_SHARE };
    pf_map_iter it;
    if (!pf__yr_map_open(&r->y, &it, "a mapping (zone_count, share)"))
        return;
    while (pf__yr_map_next(&r->y, &it, &keys, "the portfolio")) {
        pf_map_iter vi;
        const pf__names *names = it.key == K_ZONES ? &pf_zone__names : &pf_facet__names;
        if (!pf__yr_map_open(&r->y, &vi, it.key == K_ZONES ? "a mapping of zones to counts"
                                                            : "a mapping of facets to shares"))
            continue;
        pf_pos map_pos = pf__yr_exact(&r->y, vi.pos);
        unsigned shares_ok = 0;
        while (pf__yr_map_next(&r->y, &vi, names, it.key == K_ZONES ? "the zone counts" : "the shares")) {
            pf_pos pos = pf__yr_ev_pos(&r->y);
            double *v = &r->rec->share[vi.key];
            if (it.key == K_ZONES)
                read_count(r, &r->rec->zone_count[vi.key]);
            else if (pf__yr_read_number(&r->y, v) && !(*v >= 0 && *v <= 1))
                pf__yr_problem(&r->y, pos, "must be a fraction from 0 to 1 (got %s)", num(*v).s);
            else if (it.key == K_SHARE)
                shares_ok |= 1u << vi.key;
        }
        pf__yr_map_require(&r->y, &vi, names, ((uint64_t)1 << names->count) - 1,
                           it.key == K_ZONES ? "the zone counts" : "the shares");
        /* Shares are fractions of one total; rounding alone leaves a few ulps. */
        double sum = 0;
        for (int f = 0; f < PF_FACET_COUNT; f++)
            sum += r->rec->share[f];
        if (it.key == K_SHARE && shares_ok == (1u << PF_FACET_COUNT) - 1 && fabs(sum - 1) > 1e-9 && !r->y.stopped) {
            pf__yr_path_set(&r->y, vi.base);
            pf__yr_problem(&r->y, map_pos, "the shares add up to %s, not 1", num(sum).s);
        }
        if (it.key == K_ZONES)
            r->rec->has_zones = true;
        else
            r->rec->has_shares = true;
    }
}

static void read_period(reader *r)
{
    pf_pos pos = pf__yr_ev_pos(&r->y);
    const char *text = pf__yr_scalar_text(&r->y, "a year and month (YYYY-MM)");
    if (!text)
        return;
    pf_date d;
    char date[16];
    snprintf(date, sizeof date, "%.7s-01", text);
    if (strlen(text) != 7 || !pf__parse_date(date, &d) || !pf__date_valid(d)) {
        char q[64];
        pf__quote(text, q);
        pf__yr_problem(&r->y, pos, "%s is not a year and month (YYYY-MM)", q);
        return;
    }
    r->rec->year = d.year;
    r->rec->month = d.month;
}

/*
 * The groups' sizes against k, the respondents and each other, once the whole
 * record is read. A record's writer never keeps a group below k, keeps overall
 * with every respondent, keeps disjoint roles, and leaves 0 or at least k
 * respondents outside the kept roles; a record that breaks one was not made by
 * it, and the last would let anyone work out a few respondents' statistics.
 */
static void check_groups(reader *r, const pf_pos n_pos[GROUP_COUNT], pf_pos groups_pos, size_t base)
{
    const pf_record *rec = r->rec;
    bool sizes_ok = r->k_ok && r->respondents_ok; /* every n read is known to fit: the totals can be checked */
    size_t in_roles = 0;
    bool roles_over = false;
    for (int g = 0; g < GROUP_COUNT && !r->y.stopped; g++) {
        const rec_group *gr = &rec->groups[g];
        if (!gr->present)
            continue;
        if (!n_pos[g].line) { /* n missing or unreadable: already reported */
            sizes_ok = false;
            continue;
        }
        pf__yr_path_set(&r->y, base);
        pf__yr_path_push_key(&r->y, "groups");
        pf__yr_path_push_key(&r->y, group_names[g]);
        pf__yr_path_push_key(&r->y, "n");
        bool bad = true, over = r->respondents_ok && g > 0 && !roles_over && in_roles + gr->n > rec->respondents;
        if (r->k_ok && gr->n < rec->k)
            pf__yr_problem(&r->y, n_pos[g], "a group of %zu respondents is smaller than k = %zu: records never keep it",
                           gr->n, rec->k);
        else if (r->respondents_ok && gr->n > rec->respondents)
            pf__yr_problem(&r->y, n_pos[g], "a group of %zu respondents is larger than the record's %zu", gr->n,
                           rec->respondents);
        else if (r->respondents_ok && g == 0 && gr->n != rec->respondents)
            pf__yr_problem(&r->y, n_pos[g], "must equal respondents (%zu; got %zu): overall is everyone",
                           rec->respondents, gr->n);
        else if (over)
            pf__yr_problem(&r->y, n_pos[g],
                           "the roles hold %zu respondents together, more than the record's %zu: a respondent has one "
                           "role at most",
                           in_roles + gr->n, rec->respondents);
        else
            bad = false;
        roles_over = roles_over || over;
        /* Counted only once known to fit, so the sum never exceeds respondents (and is reported once). */
        if (g > 0 && !bad)
            in_roles += gr->n;
        sizes_ok = sizes_ok && !bad;
    }
    if (!sizes_ok || r->y.stopped || !rec->groups[0].present)
        return;
    size_t outside = outside_kept_roles(rec->groups);
    if (outside > 0 && outside < rec->k) {
        pf__yr_path_set(&r->y, base);
        pf__yr_path_push_key(&r->y, "groups");
        pf__yr_problem(&r->y, groups_pos,
                       "overall minus the roles kept leaves %zu respondent%s, fewer than k = %zu: their statistics "
                       "could be worked out (records suppress one more role so that this never happens)",
                       outside, outside == 1 ? "" : "s", rec->k);
    }
}

static void read_root(reader *r)
{
    static const char *const key_names[] = { "record",  "options", "instrument",  "country",
                                             "level",   "size",    "sectors",     "period",
                                             "respondents", "groups", "portfolio" };
    static const pf__names keys = PF_NAMES(key_names);
    enum { K_RECORD, K_OPTIONS, K_INSTRUMENT, K_COUNTRY, K_LEVEL, K_SIZE, K_SECTORS, K_PERIOD, K_RESPONDENTS,
           K_GROUPS, K_PORTFOLIO };
    pf_map_iter it;
    pf_record *rec = r->rec;
    pf_pos n_pos[GROUP_COUNT], groups_pos = { 0, 0, 0 };
    memset(n_pos, 0, sizeof n_pos);
    if (!pf__yr_map_open(&r->y, &it, "a mapping beginning with \"record\": 1"))
        return;
    while (pf__yr_map_next(&r->y, &it, &keys, "the record")) {
        pf_pos pos = pf__yr_ev_pos(&r->y);
        int v;
        switch (it.key) {
        case K_RECORD: {
            int64_t version;
            if (pf__yr_read_integer(&r->y, &version) && version != PF_RECORD_FORMAT_VERSION)
                pf__yr_problem(&r->y, pos, "unsupported record version %lld (this library reads version %d)",
                               (long long)version, PF_RECORD_FORMAT_VERSION);
            break;
        }
        case K_OPTIONS:
            read_options(r);
            break;
        case K_INSTRUMENT: {
            const char *id = pf__yr_read_id(&r->y, "an instrument id");
            if (id && !(rec->instrument = pf__strdup(&rec->alloc, id)))
                r->y.oom = true;
            break;
        }
        case K_COUNTRY: {
            const char *text = pf__yr_scalar_text(&r->y, "a country code");
            if (text && pf__country_valid(text)) {
                pf__copy_truncated(rec->country, sizeof rec->country, text);
            } else if (text) {
                char q[64];
                pf__quote(text, q);
                pf__yr_problem(&r->y, pos, "%s is not an ISO 3166-1 alpha-2 country code", q);
            }
            break;
        }
        case K_LEVEL:
            if (pf__yr_read_enum(&r->y, &pf_gov_level__names, &v))
                rec->level = (pf_gov_level)v;
            break;
        case K_SIZE:
            if (pf__yr_read_enum(&r->y, &size_table, &v))
                rec->size_band = v;
            break;
        case K_SECTORS: {
            pf_seq_iter si;
            if (!pf__yr_seq_open(&r->y, &si, "a list of sectors"))
                break;
            while (pf__yr_seq_next(&r->y, &si))
                if (pf__yr_read_enum(&r->y, &pf_sector__names, &v))
                    rec->sectors |= 1u << v;
            break;
        }
        case K_PERIOD:
            read_period(r);
            break;
        case K_RESPONDENTS:
            r->respondents_ok = read_count(r, &rec->respondents);
            break;
        case K_GROUPS: {
            groups_pos = pf__yr_exact(&r->y, pos);
            pf_map_iter gi;
            if (!pf__yr_map_open(&r->y, &gi, "a mapping of groups (overall and roles)"))
                break;
            while (pf__yr_map_next(&r->y, &gi, &group_table, "the groups"))
                read_group(r, &rec->groups[gi.key], &n_pos[gi.key]);
            break;
        }
        case K_PORTFOLIO:
            read_portfolio(r);
            break;
        }
    }
    pf__yr_map_require(&r->y, &it, &keys,
                       (1u << K_RECORD) | (1u << K_OPTIONS) | (1u << K_INSTRUMENT) | (1u << K_RESPONDENTS) |
                           (1u << K_GROUPS),
                       "a record");
    check_groups(r, n_pos, groups_pos, it.base);
    pf__yr_path_set(&r->y, it.base);
}

/* Where a record read goes, and whether its source is a name to keep for pf_benchmark()'s errors. */
typedef struct read_target {
    pf_record **out;
    bool named;
} read_target;

static pf_status parse_record(void *ctx, const char *data, size_t size, const char *source,
                              const pf_read_options *ro, pf_diagnostics *diags, pf_error *err)
{
    read_target *target = ctx;
    pf_allocator a = pf__allocator_resolve(&ro->allocator);
    reader r;
    memset(&r, 0, sizeof r);
    r.rec = record_new(&a);
    if (r.rec && target->named && !(r.rec->source = pf__strdup(&a, source))) {
        pf_record_free(r.rec);
        r.rec = NULL;
    }
    if (!r.rec)
        return pf__oom(err);
    if (pf__yr_open(&r.y, data, size, source, ro, &a) != PF_OK) {
        pf__yr_close(&r.y, NULL, NULL);
        pf_record_free(r.rec);
        return pf__oom(err);
    }
    if (pf__yr_root(&r.y, "a record (\"record\": 1, ...)")) {
        read_root(&r);
        pf__yr_end(&r.y);
    }
    pf_status s = pf__yr_close(&r.y, diags, err);
    if (s != PF_OK) {
        pf_record_free(r.rec);
        return s;
    }
    *target->out = r.rec;
    return PF_OK;
}

pf_status pf_record_read_buffer(const char *data, size_t size, const char *source, const pf_read_options *opts,
                                pf_record **out, pf_diagnostics *diags, pf_error *err)
{
    if (!out)
        return pf__fail(err, PF_EARG, "out is NULL");
    *out = NULL;
    read_target target = { out, source != NULL };
    return pf__yr_with_buffer(data, size, source, opts, diags, err, parse_record, &target);
}

pf_status pf_record_read_file(const char *path, const pf_read_options *opts, pf_record **out,
                              pf_diagnostics *diags, pf_error *err)
{
    if (!out)
        return pf__fail(err, PF_EARG, "out is NULL");
    *out = NULL;
    read_target target = { out, true };
    return pf__yr_with_file(path, opts, diags, err, parse_record, &target);
}

/* ---- benchmarks ---- */

/* Metrics in a fixed order: respondents, each group's metrics, the shares, the zone counts. */
enum {
    SLOT_GROUPS = 1,
    SLOT_SHARES = SLOT_GROUPS + GROUP_COUNT * PF_GROUP_METRIC_COUNT,
    SLOT_ZONES = SLOT_SHARES + PF_FACET_COUNT,
    SLOT_COUNT = SLOT_ZONES + PF_ZONE_COUNT
};

static bool slot_value(const pf_record *rec, int slot, double *v)
{
    if (slot == 0) {
        *v = (double)rec->respondents;
        return true;
    }
    if (slot < SLOT_SHARES) {
        const rec_group *g = &rec->groups[(slot - SLOT_GROUPS) / PF_GROUP_METRIC_COUNT];
        *v = g->stats[(slot - SLOT_GROUPS) % PF_GROUP_METRIC_COUNT].mean;
        return g->present;
    }
    if (slot < SLOT_ZONES) {
        *v = rec->share[slot - SLOT_SHARES];
        return rec->has_shares;
    }
    *v = (double)rec->zone_count[slot - SLOT_ZONES];
    return rec->has_zones;
}

static void slot_name(int slot, char *out, size_t cap)
{
    if (slot == 0) {
        snprintf(out, cap, "respondents");
    } else if (slot < SLOT_SHARES) {
        int g = (slot - SLOT_GROUPS) / PF_GROUP_METRIC_COUNT, m = (slot - SLOT_GROUPS) % PF_GROUP_METRIC_COUNT;
        snprintf(out, cap, "%s%s%s%s", g ? "role." : "", g ? group_names[g] : "", g ? "." : "",
                 pf_group_metric_name((pf_group_metric)m));
    } else if (slot < SLOT_ZONES) {
        snprintf(out, cap, "portfolio.share.%s", pf_facet_name((pf_facet)(slot - SLOT_SHARES)));
    } else {
        snprintf(out, cap, "portfolio.zone.%s", pf_zone_name((pf_zone)(slot - SLOT_ZONES)));
    }
}

typedef struct bench_item {
    pf_benchmark_entry entry;
    char name[64];
} bench_item;

struct pf_benchmark_result {
    pf_allocator alloc;
    pf_score_mode mode;
    pf_weighting weighting;
    size_t records;
    bench_item *items;
    size_t count;
};

void pf_benchmark_result_free(pf_benchmark_result *res)
{
    if (!res)
        return;
    pf_allocator a = res->alloc;
    pf__free(&a, res->items);
    pf__free(&a, res);
}

/* A record that cannot be compared, named as the error's source: as it was read, else by position. */
static pf_status refuse(pf_error *err, const pf_record *const *records, size_t i, const char *fmt, ...)
    PF_PRINTF(4, 5);
static pf_status refuse(pf_error *err, const pf_record *const *records, size_t i, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    pf__vfail(err, PF_EINVALID, fmt, ap);
    va_end(ap);
    if (err && records[i]->source)
        pf__copy_truncated(err->source, sizeof err->source, records[i]->source);
    else if (err)
        snprintf(err->source, sizeof err->source, "records[%zu]", i);
    return PF_EINVALID;
}

pf_status pf_benchmark(const pf_record *const *records, size_t n, const pf_doc *org, const pf_record_options *o,
                       pf_benchmark_result **out, pf_error *err)
{
    if (!org || !out || (n && !records))
        return pf__fail(err, PF_EARG, "org, out or records is NULL");
    pf_record_options ro;
    pf_status s = resolve_options(o, &ro, err);
    if (s != PF_OK)
        return s;
    for (size_t i = 0; i < n; i++) {
        if (!records[i])
            return pf__fail(err, PF_EARG, "records[%zu] is NULL", i);
        if (records[i]->mode != ro.mode || records[i]->weighting != ro.weighting)
            return refuse(err, records, i, "made with mode %s and weighting %s, not %s and %s",
                          mode_names[records[i]->mode], pf_weighting_name(records[i]->weighting),
                          mode_names[ro.mode], pf_weighting_name(ro.weighting));
    }
    ro.k = 1; /* the organisation's own groups, whatever their size */
    pf_record *self = NULL;
    s = record_of(org, &ro, &self, err);
    if (s != PF_OK)
        return s;
    for (size_t i = 0; i < n; i++) {
        if (strcmp(records[i]->instrument, self->instrument) != 0) {
            s = refuse(err, records, i, "made with instrument %s, not %s", records[i]->instrument, self->instrument);
            pf_record_free(self);
            return s;
        }
    }
    pf_benchmark_result *res = pf__calloc(&org->alloc, 1, sizeof *res);
    if (!res || !(res->items = pf__calloc(&org->alloc, SLOT_COUNT, sizeof *res->items))) {
        pf__free(&org->alloc, res);
        pf_record_free(self);
        return pf__oom(err);
    }
    res->alloc = org->alloc;
    res->mode = ro.mode;
    res->weighting = ro.weighting;
    res->records = n;
    for (int slot = 0; slot < SLOT_COUNT; slot++) {
        double mine, theirs;
        if (!slot_value(self, slot, &mine))
            continue;
        size_t compared = 0, below = 0, equal = 0;
        for (size_t i = 0; i < n; i++) {
            if (!slot_value(records[i], slot, &theirs))
                continue;
            compared++;
            below += theirs < mine;
            equal += theirs == mine;
        }
        if (!compared)
            continue;
        bench_item *it = &res->items[res->count++];
        slot_name(slot, it->name, sizeof it->name);
        it->entry.value = mine;
        it->entry.n = compared;
        it->entry.below = below;
        it->entry.equal = equal;
        it->entry.percentile = 100.0 * ((double)below + (double)equal / 2) / (double)compared;
    }
    for (size_t i = 0; i < res->count; i++)
        res->items[i].entry.metric = res->items[i].name;
    pf_record_free(self);
    *out = res;
    return PF_OK;
}

size_t pf_benchmark_result_records(const pf_benchmark_result *res)
{
    return res ? res->records : 0;
}

size_t pf_benchmark_result_count(const pf_benchmark_result *res)
{
    return res ? res->count : 0;
}

const pf_benchmark_entry *pf_benchmark_result_at(const pf_benchmark_result *res, size_t index)
{
    return res && index < res->count ? &res->items[index].entry : NULL;
}

pf_status pf_benchmark_write_json(const pf_benchmark_result *res, pf_buf *out, pf_error *err)
{
    if (!res || !out)
        return pf__fail(err, PF_EARG, "result or out is NULL");
    pf_buf_dispose(out);
    out->allocator = res->alloc;
    pf_json j;
    pf__json_init(&j, out);
    pf__json_object_begin(&j);
    pf__json_key(&j, "schema_version");
    pf__json_integer(&j, 1);
    pf__json_key(&j, "options");
    pf__json_object_begin(&j);
    pf__json_key(&j, "mode");
    pf__json_string(&j, mode_names[res->mode]);
    pf__json_key(&j, "weighting");
    pf__json_string(&j, pf_weighting_name(res->weighting));
    pf__json_object_end(&j);
    pf__json_key(&j, "records");
    pf__json_integer(&j, (long long)res->records);
    pf__json_key(&j, "metrics");
    pf__json_array_begin(&j);
    for (size_t i = 0; i < res->count; i++) {
        const pf_benchmark_entry *e = &res->items[i].entry;
        pf__json_object_begin(&j);
        pf__json_key(&j, "metric");
        pf__json_string(&j, e->metric);
        pf__json_key(&j, "value");
        pf__json_number(&j, e->value);
        pf__json_key(&j, "n");
        pf__json_integer(&j, (long long)e->n);
        pf__json_key(&j, "below");
        pf__json_integer(&j, (long long)e->below);
        pf__json_key(&j, "equal");
        pf__json_integer(&j, (long long)e->equal);
        pf__json_key(&j, "percentile");
        pf__json_number(&j, e->percentile);
        pf__json_object_end(&j);
    }
    pf__json_array_end(&j);
    pf__json_object_end(&j);
    return pf__json_close(&j, err);
}
