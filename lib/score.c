/*
 * Scoring assessments (docs/method.md, sections 3 and 4) and summarising many respondents
 * (docs/method.md, section 7). Everything is computed once by pf_doc_score().
 */
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "model_impl.h"

#define GROUP_COUNT (1 + PF_ROLE_COUNT) /* everyone, then each role */

struct pf_scores {
    pf_allocator alloc;
    pf_score_options opts;
    pf_assessment_score *items;
    size_t count;
    pf_group groups[GROUP_COUNT];
    pf_flag *flags;
    size_t flag_count;
    size_t left_out; /* respondents below the completeness floor */
    pf__capability_scale scale; /* of the instrument scored with, for charts */
};

static const char *const group_metric_names[PF_GROUP_METRIC_COUNT] = {
    "orientation.enhancement", "orientation.mission",       "orientation.adaptive",
    "orientation.anticipatory", "capability.score",         "capability.sense-making",
    "capability.stewardship",   "capability.structures",    "capability.resources",
    "capability.learning",      "capability.ecosystem",
};

const char *pf_group_metric_name(pf_group_metric metric)
{
    return (int)metric >= 0 && metric < PF_GROUP_METRIC_COUNT ? group_metric_names[metric] : NULL;
}

const pf__names pf__group_metric_names = { group_metric_names, PF_GROUP_METRIC_COUNT };

static const char *const mode_names[PF_SCORE_MODE_COUNT] = { "pet", "normalised", "pet-published" };

const char *pf_score_mode_name(pf_score_mode mode)
{
    return (int)mode >= 0 && mode < PF_SCORE_MODE_COUNT ? mode_names[mode] : NULL;
}

pf_status pf_score_mode_from_name(const char *name, pf_score_mode *out)
{
    for (int i = 0; name && out && i < PF_SCORE_MODE_COUNT; i++) {
        if (strcmp(name, mode_names[i]) == 0) {
            *out = (pf_score_mode)i;
            return PF_OK;
        }
    }
    return PF_EARG;
}

const char *pf__score_mode_label(pf_score_mode mode)
{
    static const char *const keys[PF_SCORE_MODE_COUNT] = { "report.mode.pet", "report.mode.normalised",
                                                            "report.mode.pet-published" };
    return keys[(int)mode >= 0 && mode < PF_SCORE_MODE_COUNT ? mode : PF_SCORE_PET];
}

/* The caller's options with defaults filled in; the version was checked. */
static pf_score_options resolve(const pf_score_options *o)
{
    pf_score_options r = PF_SCORE_OPTIONS_INIT;
    /* A version 1 struct ends before the completeness members: reading past its end would read the caller's
       memory. */
    if (o && o->version == 1)
        memcpy(&r, o, offsetof(pf_score_options, completeness_floor));
    else if (o)
        r = *o;
    r.version = PF_SCORE_OPTIONS_VERSION;
    if (r.completeness_floor == 0)
        r.completeness_floor = 0.5;
    if (r.strong_threshold == 0)
        r.strong_threshold = 50;
    if (r.low_agreement_sd == 0)
        r.low_agreement_sd = 15;
    if (r.low_agreement_min_n == 0)
        r.low_agreement_min_n = 3;
    if (r.perception_gap == 0)
        r.perception_gap = 20;
    if (r.perception_gap_min_n == 0)
        r.perception_gap_min_n = 2;
    return r;
}

/* Rounds halves away from zero, as the PET did (and unlike the C library's default). */
static double round_half_away(double v)
{
    return v >= 0 ? floor(v + 0.5) : -floor(-v + 0.5);
}

static double agreement_points(pf_form form, uint64_t a)
{
    switch (form) {
    case PF_FORM_AGREE_HALF: return (double)a / 2;
    case PF_FORM_AGREE_REVERSED: return -(double)a;
    default: return (double)a;
    }
}

/* Adds the points of one answered slot to the facets (orientation) or returns them (capability). `published`:
   as the published PET scored (method.md 3.6): a multi question gives nothing, a capability agreement item 1. */
static double slot_points(const pf_inst_slot *s, uint64_t v, bool published, double facet_points[PF_FACET_COUNT])
{
    for (int f = 0; f < PF_FACET_COUNT; f++)
        facet_points[f] = 0;
    double points = 0;
    switch (s->form) {
    case PF_FORM_AGREE:
    case PF_FORM_AGREE_HALF:
    case PF_FORM_AGREE_REVERSED:
        points = published && s->dimension >= 0 ? 1 : agreement_points(s->form, v);
        break;
    case PF_FORM_YES_NO:
        points = s->choice_points[v];
        break;
    case PF_FORM_RANK:
        for (size_t place = 0; place < s->option_count; place++)
            facet_points[s->options[(v >> (4 * place)) & 0xF].facet] += s->rank_points[place];
        return 0;
    case PF_FORM_MULTI:
        for (size_t o = 0; o < s->option_count && !published; o++)
            if (v >> o & 1)
                facet_points[s->options[o].facet] += s->options[o].points;
        return 0;
    }
    if (s->facet != PF_FACET_UNSET)
        facet_points[s->facet] = points;
    return points;
}

static pf_level level_of(double value, double medium_from, double high_from)
{
    return value < medium_from ? PF_LEVEL_LOW : value < high_from ? PF_LEVEL_MEDIUM : PF_LEVEL_HIGH;
}

/* Scores one assessment from its answers alone: the slots it leaves out cost nothing. `orientation_items` is how
   many of the instrument's slots score facets. */
static void score_assessment(const pf_assessment *a, const pf_score_options *o, size_t orientation_items,
                             pf_assessment_score *out)
{
    const pf_instrument *inst = a->doc->instrument;
    pf_orientation *or = &out->orientation;
    pf_capability *cap = &out->capability;
    double capability_points = 0;
    size_t answered = a->answered;
    bool published = o->mode == PF_SCORE_PET_PUBLISHED;
    or->items = orientation_items;
    cap->items = inst->slot_count - orientation_items;
    for (size_t k = 0; k < a->answered; k++) {
        const pf_inst_slot *s = &inst->slots[a->answers[k].slot];
        bool orientation = s->dimension < 0;
        double facet_points[PF_FACET_COUNT], facet_max[PF_FACET_COUNT], lo, hi;
        double points = slot_points(s, a->answers[k].value, published, facet_points);
        if (orientation) {
            or->answered++;
            pf__slot_range(s, facet_max, &lo, &hi);
            /* In the published mode a multi question scores nothing, so it adds nothing to the best case. */
            bool scores = !(published && s->form == PF_FORM_MULTI);
            for (int f = 0; f < PF_FACET_COUNT; f++) {
                or->raw[f] += facet_points[f];
                or->answered_max[f] += scores ? facet_max[f] : 0;
            }
        } else {
            cap->answered++;
            cap->dimension_sum[s->dimension] += points;
            capability_points += points;
        }
    }
    out->completeness = inst->slot_count ? (double)answered / (double)inst->slot_count : 0;
    /* Comparing the quotient itself: a floor written as the same fraction (0.5 for 36 of 72) is the same double. */
    out->left_out = !o->include_incomplete && out->completeness < o->completeness_floor;
    for (int f = 0; f < PF_FACET_COUNT; f++) {
        or->pct_pet[f] = round_half_away(or->raw[f] / inst->pet_scale * 100);
        or->pct_normalised[f] = or->answered_max[f] > 0 ? or->raw[f] / or->answered_max[f] * 100 : 0;
        or->pct[f] = o->mode == PF_SCORE_NORMALISED ? or->pct_normalised[f] : or->pct_pet[f];
        or->strong[f] = or->pct[f] >= o->strong_threshold;
        if (or->strong[f])
            or->tendency |= 1u << f;
    }
    cap->score = inst->capability_base + capability_points;
    cap->level = level_of(cap->score, inst->level_medium, inst->level_high);
    for (int d = 0; d < PF_DIMENSION_COUNT; d++) {
        double span = inst->dimension_max[d] - inst->dimension_min[d];
        double above = cap->dimension_sum[d] - inst->dimension_min[d];
        cap->dimension_pct[d] = span > 0 ? above / span * 100 : 0;
        /* Thirds compared without dividing, so sums exactly on a boundary land on the right side. */
        cap->dimension_level[d] = 3 * above < span ? PF_LEVEL_LOW : 3 * above >= 2 * span ? PF_LEVEL_HIGH : PF_LEVEL_MEDIUM;
    }
}

static double metric_value(const pf_assessment_score *s, int m)
{
    if (m < PF_FACET_COUNT)
        return s->orientation.pct[m];
    if (m == PF_GROUP_CAPABILITY)
        return s->capability.score;
    return s->capability.dimension_pct[m - PF_GROUP_SENSE_MAKING];
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void summarise(double *values, size_t n, pf_stats *st)
{
    memset(st, 0, sizeof *st);
    st->n = n;
    if (n == 0)
        return;
    double sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += values[i];
    st->mean = sum / (double)n;
    double squares = 0;
    for (size_t i = 0; i < n; i++)
        squares += (values[i] - st->mean) * (values[i] - st->mean);
    st->sd = n > 1 ? sqrt(squares / (double)(n - 1)) : 0;
    qsort(values, n, sizeof *values, compare_doubles);
    st->min = values[0];
    st->max = values[n - 1];
    st->median = n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

static pf_status summarise_groups(pf_scores *sc, const pf_instrument *inst)
{
    double *values = pf__calloc(&sc->alloc, sc->count ? sc->count : 1, sizeof *values);
    if (!values)
        return PF_ENOMEM;
    for (int g = 0; g < GROUP_COUNT; g++) {
        pf_group *group = &sc->groups[g];
        for (int m = 0; m < PF_GROUP_METRIC_COUNT; m++) {
            size_t n = 0;
            for (size_t i = 0; i < sc->count; i++)
                if (!sc->items[i].left_out && (g == 0 || (int)sc->items[i].role == g - 1))
                    values[n++] = metric_value(&sc->items[i], m);
            summarise(values, n, &group->stats[m]);
        }
        for (int f = 0; f < PF_FACET_COUNT; f++)
            if (group->stats[f].n && group->stats[f].mean >= sc->opts.strong_threshold)
                group->tendency |= 1u << f;
        group->capability_level =
            level_of(group->stats[PF_GROUP_CAPABILITY].mean, inst->level_medium, inst->level_high);
        /* A mean carries rounding (8/24 of the range is 33.33...): within 1e-9 of a third counts as on it,
           as the exact per-respondent levels do. */
        for (int d = 0; d < PF_DIMENSION_COUNT; d++) {
            double thirds = group->stats[PF_GROUP_SENSE_MAKING + d].mean * 3;
            group->dimension_level[d] = thirds < 100 - 1e-9 ? PF_LEVEL_LOW
                                        : thirds >= 200 - 1e-9 ? PF_LEVEL_HIGH
                                                               : PF_LEVEL_MEDIUM;
        }
    }
    pf__free(&sc->alloc, values);
    return PF_OK;
}

static pf_status add_flag(pf_scores *sc, size_t *cap, pf_flag flag)
{
    if (pf__grow(&sc->alloc, (void **)&sc->flags, cap, sc->flag_count + 1, sizeof *sc->flags) != PF_OK)
        return PF_ENOMEM;
    sc->flags[sc->flag_count++] = flag;
    return PF_OK;
}

static pf_status raise_flags(pf_scores *sc)
{
    size_t cap = 0;
    const pf_score_options *o = &sc->opts;
    for (int m = 0; m < PF_GROUP_METRIC_COUNT; m++) {
        const pf_stats *st = &sc->groups[0].stats[m];
        if (st->n >= o->low_agreement_min_n && st->sd > o->low_agreement_sd) {
            pf_flag f = { PF_FLAG_LOW_AGREEMENT, (pf_group_metric)m, PF_ROLE_UNSET, PF_ROLE_UNSET, st->sd, st->n };
            if (add_flag(sc, &cap, f) != PF_OK)
                return PF_ENOMEM;
        }
    }
    for (int m = 0; m < PF_GROUP_METRIC_COUNT; m++) {
        for (int a = 0; a < PF_ROLE_COUNT; a++) {
            for (int b = a + 1; b < PF_ROLE_COUNT; b++) {
                const pf_stats *sa = &sc->groups[1 + a].stats[m], *sb = &sc->groups[1 + b].stats[m];
                if (sa->n < o->perception_gap_min_n || sb->n < o->perception_gap_min_n)
                    continue;
                double gap = fabs(sa->mean - sb->mean);
                if (gap <= o->perception_gap)
                    continue;
                bool a_higher = sa->mean >= sb->mean;
                pf_flag f = { PF_FLAG_PERCEPTION_GAP, (pf_group_metric)m, (pf_role)(a_higher ? a : b),
                              (pf_role)(a_higher ? b : a), gap, sa->n + sb->n };
                if (add_flag(sc, &cap, f) != PF_OK)
                    return PF_ENOMEM;
            }
        }
    }
    return PF_OK;
}

/* With `strict`, every unanswered item is a located problem: each written out while the list has room (and for
   the first), the rest only counted, so a large instrument costs no more than its answers. */
static pf_status check_complete(const pf_doc *doc, pf_diagnostics *diags, pf_error *err)
{
    pf_error first;
    memset(&first, 0, sizeof first);
    const pf_instrument *inst = doc->instrument;
    for (size_t i = 0; i < doc->assessment_count; i++) {
        const pf_assessment *a = doc->assessments[i];
        size_t missing = inst->slot_count - a->answered, k = 0;
        for (size_t s = 0; s < inst->slot_count && missing; s++) {
            if (k < a->answered && a->answers[k].slot == s) {
                k++;
                continue;
            }
            if (first.code != PF_OK && !pf__diag_room(diags))
                break; /* nothing more would be kept */
            pf_pos pos = { a->pos.line, a->pos.column, a->pos.offset };
            if (pf__report(diags, &first, doc->source, pos, PF_EINVALID,
                           "assessments[%zu]: %s has no answer to %s (strict scoring)", i, a->respondent,
                           inst->slots[s].id) != PF_OK)
                return pf__oom(err);
            missing--;
        }
        pf__diag_skip(diags, missing);
    }
    if (first.code == PF_OK)
        return PF_OK;
    if (err)
        *err = first;
    return PF_EINVALID;
}

pf_status pf_doc_score(const pf_doc *doc, const pf_score_options *opts, pf_scores **out, pf_diagnostics *diags,
                       pf_error *err)
{
    if (!doc || !out)
        return pf__fail(err, PF_EARG, "doc or out is NULL");
    if (opts && opts->version != 1 && opts->version != PF_SCORE_OPTIONS_VERSION)
        return pf__fail(err, PF_EARG, "unknown pf_score_options version %u", opts->version);
    pf_score_options o = resolve(opts);
    if ((int)o.mode < 0 || o.mode >= PF_SCORE_MODE_COUNT)
        return pf__fail(err, PF_EARG, "unknown score mode %d", (int)o.mode);
    if (!(o.completeness_floor >= 0 && o.completeness_floor <= 1)) {
        char num[32];
        pf__format_number(o.completeness_floor, num);
        return pf__fail(err, PF_EARG, "pf_score_options.completeness_floor: must be from 0 to 1 (got %s)", num);
    }
    /* The published tool's defects are those of its own questionnaire: on another instrument the mode would give
       numbers no tool ever gave. */
    if (o.mode == PF_SCORE_PET_PUBLISHED && strcmp(doc->instrument->id, PF_DEFAULT_INSTRUMENT) != 0)
        return pf__fail(err, PF_EINVALID,
                        "score mode pet-published reproduces the published PET and applies only to instrument "
                        PF_DEFAULT_INSTRUMENT ", not %s",
                        doc->instrument->id);
    const struct {
        double v;
        const char *name;
    } limits[] = { { o.strong_threshold, "strong_threshold" },
                   { o.low_agreement_sd, "low_agreement_sd" },
                   { o.perception_gap, "perception_gap" } };
    for (size_t i = 0; i < sizeof limits / sizeof *limits; i++) {
        /* Percentages and their spreads: anything else would only print as nonsense. */
        if (!(limits[i].v >= 0 && limits[i].v <= 1e6)) {
            char num[32];
            pf__format_number(limits[i].v, num);
            return pf__fail(err, PF_EARG, "pf_score_options.%s: must be from 0 to 1000000 (got %s)", limits[i].name,
                            num);
        }
    }
    if (o.strict) {
        pf_status s = check_complete(doc, diags, err);
        if (s != PF_OK)
            return s;
    }
    pf_scores *sc = pf__calloc(&doc->alloc, 1, sizeof *sc);
    if (!sc)
        return pf__oom(err);
    sc->alloc = doc->alloc;
    sc->opts = o;
    const pf_instrument *inst = doc->instrument;
    sc->scale.min = sc->scale.max = inst->capability_base;
    for (int d = 0; d < PF_DIMENSION_COUNT; d++) {
        sc->scale.min += inst->dimension_min[d];
        sc->scale.max += inst->dimension_max[d];
    }
    sc->scale.medium_from = inst->level_medium;
    sc->scale.high_from = inst->level_high;
    size_t orientation_items = 0;
    for (size_t s = 0; s < inst->slot_count; s++)
        orientation_items += inst->slots[s].dimension < 0;
    sc->count = doc->assessment_count;
    sc->items = pf__calloc(&sc->alloc, sc->count ? sc->count : 1, sizeof *sc->items);
    if (!sc->items) {
        pf_scores_free(sc);
        return pf__oom(err);
    }
    for (size_t i = 0; i < sc->count; i++) {
        const pf_assessment *a = doc->assessments[i];
        pf_assessment_score *item = &sc->items[i];
        item->respondent = pf__strdup(&sc->alloc, a->respondent);
        if (!item->respondent) {
            pf_scores_free(sc);
            return pf__oom(err);
        }
        item->role = a->role;
        score_assessment(a, &o, orientation_items, item);
        sc->left_out += item->left_out;
    }
    if (summarise_groups(sc, doc->instrument) != PF_OK || raise_flags(sc) != PF_OK) {
        pf_scores_free(sc);
        return pf__oom(err);
    }
    *out = sc;
    return PF_OK;
}

void pf_scores_free(pf_scores *sc)
{
    if (!sc)
        return;
    pf_allocator a = sc->alloc;
    for (size_t i = 0; sc->items && i < sc->count; i++)
        pf__free(&a, (char *)(uintptr_t)sc->items[i].respondent);
    pf__free(&a, sc->items);
    pf__free(&a, sc->flags);
    pf__free(&a, sc);
}

const pf_score_options *pf_scores_options(const pf_scores *sc)
{
    return &sc->opts;
}

const pf_allocator *pf__scores_allocator(const pf_scores *sc)
{
    return &sc->alloc;
}

pf__capability_scale pf__scores_capability_scale(const pf_scores *sc)
{
    return sc->scale;
}

size_t pf_scores_count(const pf_scores *sc)
{
    return sc->count;
}

size_t pf_scores_left_out_count(const pf_scores *sc)
{
    return sc->left_out;
}

const pf_assessment_score *pf_scores_at(const pf_scores *sc, size_t index)
{
    return index < sc->count ? &sc->items[index] : NULL;
}

const pf_group *pf_scores_overall(const pf_scores *sc)
{
    return &sc->groups[0];
}

const pf_group *pf_scores_by_role(const pf_scores *sc, pf_role role)
{
    return (int)role >= 0 && role < PF_ROLE_COUNT ? &sc->groups[1 + role] : NULL;
}

double pf_scores_divergence(const pf_scores *sc, pf_group_metric metric, pf_role a, pf_role b)
{
    const pf_group *ga = pf_scores_by_role(sc, a), *gb = pf_scores_by_role(sc, b);
    if (!ga || !gb || (int)metric < 0 || metric >= PF_GROUP_METRIC_COUNT || !ga->stats[metric].n ||
        !gb->stats[metric].n)
        return 0;
    return fabs(ga->stats[metric].mean - gb->stats[metric].mean);
}

size_t pf_scores_flag_count(const pf_scores *sc)
{
    return sc->flag_count;
}

const pf_flag *pf_scores_flag_at(const pf_scores *sc, size_t index)
{
    return index < sc->flag_count ? &sc->flags[index] : NULL;
}

/* ---- JSON ---- */

void pf__stats_json(pf_json *j, const pf_stats *st)
{
    pf__json_object_begin(j);
    pf__json_key(j, "n");
    pf__json_integer(j, (long long)st->n);
    static const char *const names[] = { "mean", "median", "sd", "min", "max" };
    const double values[] = { st->mean, st->median, st->sd, st->min, st->max };
    for (int i = 0; i < 5; i++) {
        pf__json_key(j, names[i]);
        if (st->n)
            pf__json_number(j, values[i]);
        else
            pf__json_null(j);
    }
    pf__json_object_end(j);
}

static void json_group(pf_json *j, const pf_group *g)
{
    pf__json_object_begin(j);
    pf__json_key(j, "n");
    pf__json_integer(j, (long long)g->stats[0].n);
    pf__json_key(j, "tendency");
    pf__json_string(j, g->stats[0].n ? pf_tendency_name(g->tendency) : NULL);
    pf__json_key(j, "capability_level");
    pf__json_string(j, g->stats[0].n ? pf_level_name(g->capability_level) : NULL);
    pf__json_key(j, "metrics");
    pf__json_object_begin(j);
    for (int m = 0; m < PF_GROUP_METRIC_COUNT; m++) {
        pf__json_key(j, group_metric_names[m]);
        pf__stats_json(j, &g->stats[m]);
    }
    pf__json_object_end(j);
    pf__json_object_end(j);
}

static void json_assessment(pf_json *j, const pf_assessment_score *s, bool anonymous)
{
    pf__json_object_begin(j);
    if (!anonymous) {
        pf__json_key(j, "respondent");
        pf__json_string(j, s->respondent);
    }
    pf__json_key(j, "role");
    pf__json_string(j, pf_role_name(s->role));
    pf__json_key(j, "completeness");
    pf__json_number(j, s->completeness);
    pf__json_key(j, "left_out");
    pf__json_bool(j, s->left_out);
    pf__json_key(j, "orientation");
    pf__json_object_begin(j);
    pf__json_facets(j, "raw", s->orientation.raw);
    pf__json_facets(j, "pct", s->orientation.pct);
    pf__json_facets(j, "pct_pet", s->orientation.pct_pet);
    pf__json_facets(j, "pct_normalised", s->orientation.pct_normalised);
    pf__json_key(j, "strong");
    pf__json_array_begin(j);
    for (int f = 0; f < PF_FACET_COUNT; f++)
        if (s->orientation.strong[f])
            pf__json_string(j, pf_facet_name((pf_facet)f));
    pf__json_array_end(j);
    pf__json_key(j, "tendency");
    pf__json_string(j, pf_tendency_name(s->orientation.tendency));
    pf__json_key(j, "answered");
    pf__json_integer(j, (long long)s->orientation.answered);
    pf__json_key(j, "items");
    pf__json_integer(j, (long long)s->orientation.items);
    pf__json_object_end(j);
    pf__json_key(j, "capability");
    pf__json_object_begin(j);
    pf__json_key(j, "score");
    pf__json_number(j, s->capability.score);
    pf__json_key(j, "level");
    pf__json_string(j, pf_level_name(s->capability.level));
    pf__json_key(j, "dimensions");
    pf__json_object_begin(j);
    for (int d = 0; d < PF_DIMENSION_COUNT; d++) {
        pf__json_key(j, pf_dimension_name((pf_dimension)d));
        pf__json_object_begin(j);
        pf__json_key(j, "sum");
        pf__json_number(j, s->capability.dimension_sum[d]);
        pf__json_key(j, "pct");
        pf__json_number(j, s->capability.dimension_pct[d]);
        pf__json_key(j, "level");
        pf__json_string(j, pf_level_name(s->capability.dimension_level[d]));
        pf__json_object_end(j);
    }
    pf__json_object_end(j);
    pf__json_key(j, "answered");
    pf__json_integer(j, (long long)s->capability.answered);
    pf__json_key(j, "items");
    pf__json_integer(j, (long long)s->capability.items);
    pf__json_object_end(j);
    pf__json_object_end(j);
}

void pf__scores_json(pf_json *j, const pf_scores *sc, bool anonymous)
{
    pf__json_object_begin(j);
    pf__json_key(j, "schema_version");
    pf__json_integer(j, 1);
    pf__json_key(j, "options");
    pf__json_object_begin(j);
    pf__json_key(j, "mode");
    pf__json_string(j, mode_names[sc->opts.mode]);
    pf__json_key(j, "strong_threshold");
    pf__json_number(j, sc->opts.strong_threshold);
    pf__json_key(j, "completeness_floor");
    pf__json_number(j, sc->opts.completeness_floor);
    pf__json_key(j, "include_incomplete");
    pf__json_bool(j, sc->opts.include_incomplete);
    pf__json_object_end(j);
    pf__json_key(j, "assessments");
    pf__json_array_begin(j);
    for (size_t i = 0; i < sc->count; i++)
        json_assessment(j, &sc->items[i], anonymous);
    pf__json_array_end(j);
    pf__json_key(j, "left_out");
    pf__json_integer(j, (long long)sc->left_out);
    pf__json_key(j, "overall");
    json_group(j, &sc->groups[0]);
    pf__json_key(j, "roles");
    pf__json_object_begin(j);
    for (int r = 0; r < PF_ROLE_COUNT; r++) {
        if (!sc->groups[1 + r].stats[0].n)
            continue;
        pf__json_key(j, pf_role_name((pf_role)r));
        json_group(j, &sc->groups[1 + r]);
    }
    pf__json_object_end(j);
    pf__json_key(j, "flags");
    pf__json_array_begin(j);
    for (size_t i = 0; i < sc->flag_count; i++) {
        const pf_flag *f = &sc->flags[i];
        pf__json_object_begin(j);
        pf__json_key(j, "kind");
        pf__json_string(j, f->kind == PF_FLAG_LOW_AGREEMENT ? "low-agreement" : "perception-gap");
        pf__json_key(j, "metric");
        pf__json_string(j, group_metric_names[f->metric]);
        if (f->kind == PF_FLAG_PERCEPTION_GAP) {
            pf__json_key(j, "higher");
            pf__json_string(j, pf_role_name(f->role_a));
            pf__json_key(j, "lower");
            pf__json_string(j, pf_role_name(f->role_b));
        }
        pf__json_key(j, "value");
        pf__json_number(j, f->value);
        pf__json_key(j, "n");
        pf__json_integer(j, (long long)f->n);
        pf__json_object_end(j);
    }
    pf__json_array_end(j);
    pf__json_object_end(j);
}

static pf_status write_json(const pf_scores *sc, bool anonymous, pf_buf *out, const pf_sink *sink, pf_error *err)
{
    if (!sc || (!out && !sink))
        return pf__fail(err, PF_EARG, "scores or %s is NULL", out ? "out" : "sink");
    pf_json j;
    pf__json_open(&j, out, sink, &sc->alloc);
    pf__scores_json(&j, sc, anonymous);
    return pf__json_close(&j, err);
}

pf_status pf_scores_write_json(const pf_scores *sc, bool anonymous, pf_buf *out, pf_error *err)
{
    return out ? write_json(sc, anonymous, out, NULL, err) : pf__fail(err, PF_EARG, "scores or out is NULL");
}

pf_status pf_scores_write_json_to(const pf_scores *sc, bool anonymous, const pf_sink *sink, pf_error *err)
{
    return sink && sink->write_fn ? write_json(sc, anonymous, NULL, sink, err)
                                  : pf__fail(err, PF_EARG, "scores or sink is NULL");
}
