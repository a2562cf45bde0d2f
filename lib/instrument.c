/* Instruments: the built-in one, the answer slots, derived ranges and the public getters. */
#include <stdlib.h>
#include <string.h>

#include "yaml_events.h"

void pf__slot_range(const pf_inst_slot *s, double facet_max[PF_FACET_COUNT], double *min, double *max)
{
    double lo = 0, hi = 0;
    for (int f = 0; f < PF_FACET_COUNT; f++)
        facet_max[f] = 0;
    switch (s->form) {
    case PF_FORM_AGREE: hi = 4; break;
    case PF_FORM_AGREE_HALF: hi = 2; break;
    case PF_FORM_AGREE_REVERSED: lo = -4; break;
    case PF_FORM_YES_NO:
        lo = hi = s->choice_points[0];
        for (int c = 1; c < PF_CHOICE_COUNT; c++) {
            lo = s->choice_points[c] < lo ? s->choice_points[c] : lo;
            hi = s->choice_points[c] > hi ? s->choice_points[c] : hi;
        }
        break;
    case PF_FORM_RANK: {
        /* A facet with k options at best takes the k first places (rank points never increase). */
        size_t taken[PF_FACET_COUNT] = { 0 };
        for (size_t o = 0; o < s->option_count; o++) {
            pf_facet f = s->options[o].facet;
            facet_max[f] += s->rank_points[taken[f]++];
        }
        break;
    }
    case PF_FORM_MULTI:
        for (size_t o = 0; o < s->option_count; o++)
            facet_max[s->options[o].facet] += s->options[o].points;
        break;
    }
    if (s->facet != PF_FACET_UNSET)
        facet_max[s->facet] = hi;
    *min = lo;
    *max = hi;
}

void pf__instrument_ranges(pf_instrument *inst)
{
    memset(inst->facet_max, 0, sizeof inst->facet_max);
    memset(inst->dimension_min, 0, sizeof inst->dimension_min);
    memset(inst->dimension_max, 0, sizeof inst->dimension_max);
    for (size_t i = 0; i < inst->slot_count; i++) {
        const pf_inst_slot *s = &inst->slots[i];
        double fmax[PF_FACET_COUNT], lo, hi;
        pf__slot_range(s, fmax, &lo, &hi);
        for (int f = 0; f < PF_FACET_COUNT; f++)
            inst->facet_max[f] += fmax[f];
        if (s->dimension != PF_DIMENSION_UNSET) {
            inst->dimension_min[s->dimension] += lo;
            inst->dimension_max[s->dimension] += hi;
        }
    }
}

pf_status pf__instrument_open(const pf_allocator *a, const char *id, pf_instrument **out, pf_error *err)
{
    if (!id || strcmp(id, PF_DEFAULT_INSTRUMENT) != 0)
        return pf__fail(err, PF_ENOTFOUND, "unknown instrument (this version of libportfolio knows %s)",
                        PF_DEFAULT_INSTRUMENT);
    pf_read_options ro = pf__yr_resolve_options(NULL);
    ro.allocator = *a;
    return pf__instrument_parse(out, pf__default_instrument_yaml, pf__default_instrument_yaml_size,
                                "<built-in " PF_DEFAULT_INSTRUMENT ">", &ro, false, NULL, err);
}

void pf__instrument_free(pf_instrument *inst)
{
    /* acq_rel: the last owner sees every other owner's use finished before it frees. */
    if (!inst || atomic_fetch_sub_explicit(&inst->shares, 1, memory_order_acq_rel) > 0)
        return;
    pf_allocator a = inst->alloc;
    pf__strmap_free(&a, &inst->index);
    pf__free(&a, inst->sorted_ids);
    pf__strvec_free(&a, &inst->strings);
    pf__free(&a, inst->questions);
    pf__free(&a, inst->slots);
    pf__free(&a, inst->options);
    pf__free(&a, inst->translations);
    pf__free(&a, inst);
}

pf_instrument *pf__instrument_share(const pf_instrument *inst)
{
    /* The count is the only thing a share changes: the instrument itself stays immutable. */
    pf_instrument *owned = (pf_instrument *)(uintptr_t)inst;
    atomic_fetch_add_explicit(&owned->shares, 1, memory_order_relaxed);
    return owned;
}

int pf__instrument_find(const pf_instrument *inst, const char *id)
{
    size_t i;
    return id && pf__strmap_get(&inst->index, id, &i) ? (int)i : -1;
}

int pf__slot_option(const pf_inst_slot *slot, const char *option)
{
    for (size_t i = 0; i < slot->option_count; i++)
        if (strcmp(slot->options[i].id, option) == 0)
            return (int)i;
    return -1;
}

static int compare_ids(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

pf_status pf__instrument_sort_ids(pf_instrument *inst)
{
    inst->sorted_ids = pf__calloc(&inst->alloc, inst->slot_count ? inst->slot_count : 1, sizeof *inst->sorted_ids);
    if (!inst->sorted_ids)
        return PF_ENOMEM;
    for (size_t i = 0; i < inst->slot_count; i++)
        inst->sorted_ids[i] = inst->slots[i].id ? inst->slots[i].id : "";
    qsort(inst->sorted_ids, inst->slot_count, sizeof *inst->sorted_ids, compare_ids);
    return PF_OK;
}

/* The ids beginning with "<question>." are together in strcmp order: found by one binary search. */
bool pf__instrument_has_items_of(const pf_instrument *inst, const char *question)
{
    size_t n = strlen(question), lo = 0, hi = inst->sorted_ids ? inst->slot_count : 0;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const char *id = inst->sorted_ids[mid];
        int c = strncmp(id, question, n);
        if (c == 0)
            c = (unsigned char)id[n] - (unsigned char)'.';
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < inst->slot_count && strncmp(inst->sorted_ids[lo], question, n) == 0 && inst->sorted_ids[lo][n] == '.';
}

bool pf__instrument_is_path(const char *value)
{
    size_t n = strlen(value);
    return strchr(value, '/') || (n > 5 && strcmp(value + n - 5, ".yaml") == 0) ||
           (n > 4 && strcmp(value + n - 4, ".yml") == 0);
}

/* ---- public API ---- */

pf_status pf_instrument_open_default(const pf_allocator *allocator, pf_instrument **out, pf_error *err)
{
    if (!out)
        return pf__fail(err, PF_EARG, "out is NULL");
    pf_allocator a = pf__allocator_resolve(allocator);
    return pf__instrument_open(&a, PF_DEFAULT_INSTRUMENT, out, err);
}

void pf_instrument_free(pf_instrument *inst)
{
    pf__instrument_free(inst);
}

const char *pf_instrument_id(const pf_instrument *inst)
{
    return inst->id;
}

const char *pf_instrument_title(const pf_instrument *inst)
{
    return inst->title;
}

pf_status pf_instrument_scoring(const pf_instrument *inst, pf_instrument_scoring_info *out)
{
    if (!inst || !out)
        return PF_EARG;
    out->pet_scale = inst->pet_scale;
    out->capability_base = inst->capability_base;
    out->level_medium = inst->level_medium;
    out->level_high = inst->level_high;
    memcpy(out->facet_max, inst->facet_max, sizeof out->facet_max);
    memcpy(out->dimension_min, inst->dimension_min, sizeof out->dimension_min);
    memcpy(out->dimension_max, inst->dimension_max, sizeof out->dimension_max);
    return PF_OK;
}

size_t pf_instrument_question_count(const pf_instrument *inst)
{
    return inst->question_count;
}

static bool answered_whole(pf_form form)
{
    return form == PF_FORM_RANK || form == PF_FORM_MULTI;
}

pf_status pf_instrument_question_at(const pf_instrument *inst, size_t index, pf_question_info *out)
{
    if (!inst || !out)
        return PF_EARG;
    if (index >= inst->question_count)
        return PF_ENOTFOUND;
    const pf_inst_question *q = &inst->questions[index];
    const pf_inst_slot *whole = answered_whole(q->form) ? &inst->slots[q->first_slot] : NULL;
    out->id = q->id;
    out->text = q->text;
    out->part = q->part;
    out->form = q->form;
    out->item_count = whole ? 0 : q->slot_count;
    out->option_count = whole ? whole->option_count : 0;
    out->rank_points = q->form == PF_FORM_RANK ? whole->rank_points : NULL;
    return PF_OK;
}

pf_status pf_instrument_item_at(const pf_instrument *inst, size_t question, size_t index, pf_item_info *out)
{
    if (!inst || !out)
        return PF_EARG;
    if (question >= inst->question_count)
        return PF_ENOTFOUND;
    const pf_inst_question *q = &inst->questions[question];
    if (answered_whole(q->form) || index >= q->slot_count)
        return PF_ENOTFOUND;
    const pf_inst_slot *s = &inst->slots[q->first_slot + index];
    out->id = s->id;
    out->text = s->text;
    out->form = s->form;
    out->facet = s->facet;
    out->dimension = s->dimension;
    memcpy(out->points, s->choice_points, sizeof out->points);
    return PF_OK;
}

pf_status pf_instrument_option_at(const pf_instrument *inst, size_t question, size_t index, pf_option_info *out)
{
    if (!inst || !out)
        return PF_EARG;
    if (question >= inst->question_count)
        return PF_ENOTFOUND;
    const pf_inst_question *q = &inst->questions[question];
    if (!answered_whole(q->form) || index >= inst->slots[q->first_slot].option_count)
        return PF_ENOTFOUND;
    const pf_inst_option *o = &inst->slots[q->first_slot].options[index];
    out->id = o->id;
    out->text = o->text;
    out->facet = o->facet;
    out->points = o->points;
    return PF_OK;
}
