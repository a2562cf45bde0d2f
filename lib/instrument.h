/*
 * Instruments: the questions and items an assessment answers. An answer
 * slot is what a respondent answers in one go: an agree or yes/no item, or a
 * whole rank or multi question. Internal until the instrument file format
 * makes instruments public.
 */
#ifndef PF_INSTRUMENT_H
#define PF_INSTRUMENT_H

#include "internal.h"

/* Most options of a rank question (4 bits each in a 64-bit answer). */
#define PF_MAX_RANK_OPTIONS 16

typedef struct pf_inst_slot {
    const char *id;
    pf_form form;
    size_t option_count;          /* rank and multi only */
    const char *const *options;   /* rank and multi only; never "none" */
} pf_inst_slot;

typedef struct pf_instrument {
    const char *id;
    const pf_inst_slot *slots;
    size_t slot_count;
    pf_strmap index; /* slot id -> position in slots */
    pf_allocator alloc;
} pf_instrument;

/* Opens a known instrument by id; PF_ENOTFOUND for others. */
pf_status pf__instrument_open(const pf_allocator *a, const char *id, pf_instrument **out, pf_error *err);
void pf__instrument_free(pf_instrument *inst);
/* Slot index or -1. */
int pf__instrument_find(const pf_instrument *inst, const char *id);
/* Option index within a rank or multi slot, or -1. */
int pf__slot_option(const pf_inst_slot *slot, const char *option);
/* True when some slot's id starts with "<question>." (an item-level question). */
bool pf__instrument_has_items_of(const pf_instrument *inst, const char *question);

#endif
