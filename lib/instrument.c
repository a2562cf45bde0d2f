/* The built-in instrument and the answer slots of instruments. */
#include <string.h>

#include "instrument.h"

static const pf_inst_option facets4_rank[] = {
    { "enhancement", NULL, PF_FACET_ENHANCEMENT, 0 },
    { "mission", NULL, PF_FACET_MISSION, 0 },
    { "adaptive", NULL, PF_FACET_ADAPTIVE, 0 },
    { "anticipatory", NULL, PF_FACET_ANTICIPATORY, 0 },
};
static const pf_inst_option q10_options[] = {
    { "enhancement", NULL, PF_FACET_ENHANCEMENT, 4 },
    { "mission", NULL, PF_FACET_MISSION, 4 },
    { "adaptive", NULL, PF_FACET_ADAPTIVE, 4 },
    { "anticipatory", NULL, PF_FACET_ANTICIPATORY, 4 },
};
static const pf_inst_option facets8[] = {
    { "enhancement1", NULL, PF_FACET_ENHANCEMENT, 2 },   { "enhancement2", NULL, PF_FACET_ENHANCEMENT, 2 },
    { "mission1", NULL, PF_FACET_MISSION, 2 },           { "mission2", NULL, PF_FACET_MISSION, 2 },
    { "adaptive1", NULL, PF_FACET_ADAPTIVE, 2 },         { "adaptive2", NULL, PF_FACET_ADAPTIVE, 2 },
    { "anticipatory1", NULL, PF_FACET_ANTICIPATORY, 2 }, { "anticipatory2", NULL, PF_FACET_ANTICIPATORY, 2 },
};
static const pf_inst_option facets16[] = {
    { "enhancement1", NULL, PF_FACET_ENHANCEMENT, 1 },   { "enhancement2", NULL, PF_FACET_ENHANCEMENT, 1 },
    { "enhancement3", NULL, PF_FACET_ENHANCEMENT, 1 },   { "enhancement4", NULL, PF_FACET_ENHANCEMENT, 1 },
    { "mission1", NULL, PF_FACET_MISSION, 1 },           { "mission2", NULL, PF_FACET_MISSION, 1 },
    { "mission3", NULL, PF_FACET_MISSION, 1 },           { "mission4", NULL, PF_FACET_MISSION, 1 },
    { "adaptive1", NULL, PF_FACET_ADAPTIVE, 1 },         { "adaptive2", NULL, PF_FACET_ADAPTIVE, 1 },
    { "adaptive3", NULL, PF_FACET_ADAPTIVE, 1 },         { "adaptive4", NULL, PF_FACET_ADAPTIVE, 1 },
    { "anticipatory1", NULL, PF_FACET_ANTICIPATORY, 1 }, { "anticipatory2", NULL, PF_FACET_ANTICIPATORY, 1 },
    { "anticipatory3", NULL, PF_FACET_ANTICIPATORY, 1 }, { "anticipatory4", NULL, PF_FACET_ANTICIPATORY, 1 },
};

enum { SENSE = 0, STEWARD = 1, STRUCT = 2, RESOURCE = 3, LEARN = 4, ECO = 5 };

#define ITEM(q, form_, facet_) { q, NULL, form_, 0, facet_, -1, { 0, 0, 0 }, 0, NULL, { 0 } }
#define FACET_ITEMS(q, form)                                                                        \
    ITEM(q ".enhancement", form, PF_FACET_ENHANCEMENT), ITEM(q ".mission", form, PF_FACET_MISSION), \
        ITEM(q ".adaptive", form, PF_FACET_ADAPTIVE), ITEM(q ".anticipatory", form, PF_FACET_ANTICIPATORY)
#define RANK(q) { q, NULL, PF_FORM_RANK, 0, PF_FACET_UNSET, -1, { 0, 0, 0 }, 4, facets4_rank, { 4, 2, 1, 0 } }
#define MULTI(q, opts) \
    { q, NULL, PF_FORM_MULTI, 0, PF_FACET_UNSET, -1, { 0, 0, 0 }, sizeof opts / sizeof *opts, opts, { 0 } }
#define CAP(q, form_, dim) { q, NULL, form_, 0, PF_FACET_UNSET, dim, { 0, 0, 0 }, 0, NULL, { 0 } }
#define YES_NO(q, yes, dim) { q, NULL, PF_FORM_YES_NO, 0, PF_FACET_UNSET, dim, { yes, 0, 0 }, 0, NULL, { 0 } }

/* METHOD.md section 2: facet orientation Q1-Q16, then capability Q17-Q24, in answer order. */
static const pf_inst_slot pet2020[] = {
    FACET_ITEMS("q1", PF_FORM_AGREE),
    RANK("q2"),
    FACET_ITEMS("q3", PF_FORM_AGREE),
    FACET_ITEMS("q4", PF_FORM_AGREE),
    RANK("q5"),
    ITEM("q6.enhancement1", PF_FORM_AGREE_HALF, PF_FACET_ENHANCEMENT),
    ITEM("q6.enhancement2", PF_FORM_AGREE_HALF, PF_FACET_ENHANCEMENT),
    ITEM("q6.mission1", PF_FORM_AGREE_HALF, PF_FACET_MISSION),
    ITEM("q6.mission2", PF_FORM_AGREE_HALF, PF_FACET_MISSION),
    ITEM("q6.adaptive1", PF_FORM_AGREE_HALF, PF_FACET_ADAPTIVE),
    ITEM("q6.adaptive2", PF_FORM_AGREE_HALF, PF_FACET_ADAPTIVE),
    FACET_ITEMS("q7", PF_FORM_AGREE),
    RANK("q8"),
    FACET_ITEMS("q9", PF_FORM_AGREE),
    MULTI("q10", q10_options),
    FACET_ITEMS("q11", PF_FORM_AGREE),
    RANK("q12"),
    MULTI("q13", facets8),
    MULTI("q14", facets8),
    MULTI("q15", facets16),
    ITEM("q16.enhancement1", PF_FORM_AGREE_HALF, PF_FACET_ENHANCEMENT),
    ITEM("q16.enhancement2", PF_FORM_AGREE_HALF, PF_FACET_ENHANCEMENT),
    ITEM("q16.mission1", PF_FORM_AGREE_HALF, PF_FACET_MISSION),
    ITEM("q16.mission2", PF_FORM_AGREE_HALF, PF_FACET_MISSION),
    ITEM("q16.adaptive1", PF_FORM_AGREE_HALF, PF_FACET_ADAPTIVE),
    ITEM("q16.adaptive2", PF_FORM_AGREE_HALF, PF_FACET_ADAPTIVE),
    ITEM("q16.anticipatory1", PF_FORM_AGREE_HALF, PF_FACET_ANTICIPATORY),
    ITEM("q16.anticipatory2", PF_FORM_AGREE_HALF, PF_FACET_ANTICIPATORY),
    YES_NO("q17", 4, SENSE),
    CAP("q18a", PF_FORM_AGREE, SENSE),
    CAP("q18b", PF_FORM_AGREE_REVERSED, SENSE),
    YES_NO("q19", 4, STEWARD),
    YES_NO("q20", 8, STEWARD),
    CAP("q21", PF_FORM_AGREE, STEWARD),
    CAP("q22a", PF_FORM_AGREE, SENSE),
    CAP("q22b", PF_FORM_AGREE, STEWARD),
    CAP("q22c", PF_FORM_AGREE, STEWARD),
    CAP("q22d", PF_FORM_AGREE, SENSE),
    CAP("q22e", PF_FORM_AGREE, LEARN),
    CAP("q23a", PF_FORM_AGREE, RESOURCE),
    CAP("q23b", PF_FORM_AGREE, RESOURCE),
    CAP("q23c", PF_FORM_AGREE, RESOURCE),
    CAP("q23d", PF_FORM_AGREE, RESOURCE),
    CAP("q24a", PF_FORM_AGREE, STRUCT),
    CAP("q24b", PF_FORM_AGREE, STRUCT),
    CAP("q24c", PF_FORM_AGREE, LEARN),
    CAP("q24d", PF_FORM_AGREE_REVERSED, LEARN),
    CAP("q24e", PF_FORM_AGREE, LEARN),
    CAP("q24f", PF_FORM_AGREE, LEARN),
    CAP("q24g", PF_FORM_AGREE_REVERSED, LEARN),
    CAP("q24h", PF_FORM_AGREE_REVERSED, LEARN),
    CAP("q24i", PF_FORM_AGREE, ECO),
    CAP("q24j", PF_FORM_AGREE, ECO),
    CAP("q24k", PF_FORM_AGREE, ECO),
};

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
        /* A facet with k options at best takes the k first places. */
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

pf_status pf__instrument_open(const pf_allocator *a, const char *id, pf_instrument **out, pf_error *err)
{
    if (!id || strcmp(id, PF_DEFAULT_INSTRUMENT) != 0)
        return pf__fail(err, PF_ENOTFOUND, "unknown instrument (this version of libportfolio knows %s)",
                        PF_DEFAULT_INSTRUMENT);
    pf_instrument *inst = pf__calloc(a, 1, sizeof *inst);
    if (!inst)
        return pf__oom(err);
    inst->id = PF_DEFAULT_INSTRUMENT;
    inst->slots = pet2020;
    inst->slot_count = sizeof pet2020 / sizeof *pet2020;
    inst->pet_scale = 64;
    inst->capability_base = 16;
    inst->level_medium = 36;
    inst->level_high = 72;
    inst->alloc = *a;
    for (size_t i = 0; i < inst->slot_count; i++) {
        const pf_inst_slot *s = &inst->slots[i];
        double fmax[PF_FACET_COUNT], lo, hi;
        pf__slot_range(s, fmax, &lo, &hi);
        for (int f = 0; f < PF_FACET_COUNT; f++)
            inst->facet_max[f] += fmax[f];
        if (s->dimension >= 0) {
            inst->dimension_min[s->dimension] += lo;
            inst->dimension_max[s->dimension] += hi;
        }
        if (pf__strmap_put(a, &inst->index, s->id, i) != PF_OK) {
            pf__instrument_free(inst);
            return pf__oom(err);
        }
    }
    *out = inst;
    return PF_OK;
}

void pf__instrument_free(pf_instrument *inst)
{
    if (!inst)
        return;
    pf_allocator a = inst->alloc;
    pf__strmap_free(&a, &inst->index);
    pf__free(&a, inst);
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

bool pf__instrument_has_items_of(const pf_instrument *inst, const char *question)
{
    size_t n = strlen(question);
    for (size_t i = 0; i < inst->slot_count; i++)
        if (strncmp(inst->slots[i].id, question, n) == 0 && inst->slots[i].id[n] == '.')
            return true;
    return false;
}
