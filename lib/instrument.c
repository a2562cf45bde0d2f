/* The built-in instruments and their answer slots. */
#include <string.h>

#include "instrument.h"

static const char *const facets4[] = { "enhancement", "mission", "adaptive", "anticipatory" };
static const char *const facets8[] = { "enhancement1", "enhancement2", "mission1",      "mission2",
                                       "adaptive1",    "adaptive2",    "anticipatory1", "anticipatory2" };
static const char *const facets16[] = { "enhancement1",  "enhancement2",  "enhancement3",  "enhancement4",
                                        "mission1",      "mission2",      "mission3",      "mission4",
                                        "adaptive1",     "adaptive2",     "adaptive3",     "adaptive4",
                                        "anticipatory1", "anticipatory2", "anticipatory3", "anticipatory4" };

#define AGREE(id) { id, PF_FORM_AGREE, 0, NULL }
#define HALF(id) { id, PF_FORM_AGREE_HALF, 0, NULL }
#define REVERSED(id) { id, PF_FORM_AGREE_REVERSED, 0, NULL }
#define YES_NO(id) { id, PF_FORM_YES_NO, 0, NULL }
#define RANK(id) { id, PF_FORM_RANK, 4, facets4 }
#define MULTI(id, options) { id, PF_FORM_MULTI, sizeof options / sizeof *options, options }
#define FACET_ITEMS(q, form) form(q ".enhancement"), form(q ".mission"), form(q ".adaptive"), form(q ".anticipatory")

/* METHOD.md section 2: facet orientation Q1-Q16, then capability Q17-Q24. */
static const pf_inst_slot pet2020[] = {
    FACET_ITEMS("q1", AGREE),
    RANK("q2"),
    FACET_ITEMS("q3", AGREE),
    FACET_ITEMS("q4", AGREE),
    RANK("q5"),
    HALF("q6.enhancement1"), HALF("q6.enhancement2"), HALF("q6.mission1"), HALF("q6.mission2"),
    HALF("q6.adaptive1"), HALF("q6.adaptive2"),
    FACET_ITEMS("q7", AGREE),
    RANK("q8"),
    FACET_ITEMS("q9", AGREE),
    MULTI("q10", facets4),
    FACET_ITEMS("q11", AGREE),
    RANK("q12"),
    MULTI("q13", facets8),
    MULTI("q14", facets8),
    MULTI("q15", facets16),
    HALF("q16.enhancement1"), HALF("q16.enhancement2"), HALF("q16.mission1"), HALF("q16.mission2"),
    HALF("q16.adaptive1"), HALF("q16.adaptive2"), HALF("q16.anticipatory1"), HALF("q16.anticipatory2"),
    YES_NO("q17"),
    AGREE("q18a"), REVERSED("q18b"),
    YES_NO("q19"),
    YES_NO("q20"),
    AGREE("q21"),
    AGREE("q22a"), AGREE("q22b"), AGREE("q22c"), AGREE("q22d"), AGREE("q22e"),
    AGREE("q23a"), AGREE("q23b"), AGREE("q23c"), AGREE("q23d"),
    AGREE("q24a"), AGREE("q24b"), AGREE("q24c"), REVERSED("q24d"), AGREE("q24e"), AGREE("q24f"),
    REVERSED("q24g"), REVERSED("q24h"), AGREE("q24i"), AGREE("q24j"), AGREE("q24k"),
};

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
    inst->alloc = *a;
    for (size_t i = 0; i < inst->slot_count; i++) {
        if (pf__strmap_put(a, &inst->index, inst->slots[i].id, i) != PF_OK) {
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
        if (strcmp(slot->options[i], option) == 0)
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
