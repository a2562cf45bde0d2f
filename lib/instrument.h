/*
 * Instruments: the questions and items an assessment answers, and how each
 * answer scores. An answer slot is what a respondent answers in one go: an
 * agree or yes/no item, or a whole rank or multi question.
 */
#ifndef PF_INSTRUMENT_H
#define PF_INSTRUMENT_H

#include "internal.h"

/* Most options of a rank question (4 bits each in a 64-bit answer). */
#define PF_MAX_RANK_OPTIONS 16

/* Which part of the questionnaire a question belongs to. */
typedef enum pf_part {
    PF_PART_ORIENTATION = 0, /* scores facets */
    PF_PART_CAPABILITY = 1   /* scores capability dimensions */
} pf_part;

typedef struct pf_inst_option {
    const char *id;
    const char *text;
    pf_facet facet;  /* the facet the option scores to */
    double points;   /* multi: points when selected */
} pf_inst_option;

typedef struct pf_inst_slot {
    const char *id;
    const char *text;
    pf_form form;
    size_t question;                         /* index into the instrument's questions */
    pf_facet facet;                          /* orientation items; PF_FACET_UNSET otherwise */
    int dimension;                           /* capability items; -1 otherwise */
    double choice_points[PF_CHOICE_COUNT];   /* yes-no items: points for yes, no, unsure */
    size_t option_count;                     /* rank and multi */
    const pf_inst_option *options;           /* rank and multi; never "none" */
    double rank_points[PF_MAX_RANK_OPTIONS]; /* rank: points by place, first place first */
} pf_inst_slot;

typedef struct pf_inst_question {
    const char *id;
    const char *text;
    pf_part part;
    size_t first_slot;
    size_t slot_count;
} pf_inst_question;

typedef struct pf_instrument {
    const char *id;
    const char *title;
    const pf_inst_question *questions;
    size_t question_count;
    const pf_inst_slot *slots;
    size_t slot_count;
    double pet_scale;       /* pet mode: pct = round(raw / pet_scale * 100) */
    double capability_base; /* added to the capability items' points */
    double level_medium;    /* capability score from which the level is medium */
    double level_high;      /* ... and high */
    /* Derived when opened: the range each facet and dimension can reach. */
    double facet_max[PF_FACET_COUNT];
    double dimension_min[PF_DIMENSION_COUNT];
    double dimension_max[PF_DIMENSION_COUNT];
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
/* Most points one answer to the slot can give each facet (orientation) or the slot's range (capability). */
void pf__slot_range(const pf_inst_slot *slot, double facet_max[PF_FACET_COUNT], double *min, double *max);

#endif
