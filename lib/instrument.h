/*
 * Instruments: the questions and items an assessment answers, and how each
 * answer scores. An answer slot is what a respondent answers in one go: an
 * agree or yes/no item, or a whole rank or multi question.
 *
 * Instruments are read from instrument files (instrument_read.c); the default
 * one is a file embedded in the library at build time. A loaded instrument
 * owns all its memory, allocated through its pf_allocator.
 */
#ifndef PF_INSTRUMENT_H
#define PF_INSTRUMENT_H

#include <stdatomic.h>

#include "internal.h"

/*
 * A text's other languages: entries [first, first + count) of the instrument's
 * translations. The text in the instrument's own language (the fallback) is
 * the holder's `text`, never among them.
 */
typedef struct pf_inst_tr {
    size_t first;
    size_t count;
} pf_inst_tr;

typedef struct pf_inst_translation {
    size_t lang;      /* index into the instrument's languages; never 0 */
    const char *text;
} pf_inst_translation;

typedef struct pf_inst_option {
    const char *id;
    const char *text; /* in the instrument's language */
    pf_inst_tr tr;
    pf_facet facet;  /* the facet the option scores to */
    double points;   /* multi: points when selected */
} pf_inst_option;

typedef struct pf_inst_slot {
    const char *id;
    const char *text; /* in the instrument's language; a whole slot's is its question's */
    pf_inst_tr tr;
    pf_form form;
    size_t question;                         /* index into the instrument's questions */
    pf_facet facet;                          /* orientation items; PF_FACET_UNSET otherwise */
    pf_dimension dimension;                  /* capability items; PF_DIMENSION_UNSET otherwise */
    double choice_points[PF_CHOICE_COUNT];   /* yes-no items: points for yes, no, unsure */
    size_t option_count;                     /* rank and multi */
    const pf_inst_option *options;           /* rank and multi; never "none" */
    double rank_points[PF_MAX_RANK_OPTIONS]; /* rank: points by place, first place first */
} pf_inst_slot;

typedef struct pf_inst_question {
    const char *id;
    const char *text; /* in the instrument's language */
    pf_inst_tr tr;
    pf_part part;
    pf_form form;      /* as the question gives it; its items may override an agree form */
    size_t first_slot; /* its items, or its one rank or multi slot */
    size_t slot_count;
} pf_inst_question;

struct pf_instrument {
    const char *id;
    const char *title;  /* in the instrument's language */
    pf_inst_tr title_tr;
    /* Language tags: [0] is the instrument's language (`language:`, default en), the
       language of its plain texts and every text's fallback; others by first appearance. */
    const char *languages[PF_INSTRUMENT_MAX_LANGUAGES];
    size_t language_count;
    pf_inst_translation *translations; /* every text's other languages, text by text */
    size_t translation_count;
    pf_inst_question *questions;
    size_t question_count;
    pf_inst_slot *slots;
    size_t slot_count;
    pf_inst_option *options; /* every option of every question; slots point into it */
    size_t option_count;
    double pet_scale;       /* pet mode: pct = round(raw / pet_scale * 100) */
    double capability_base; /* added to the capability items' points */
    double level_medium;    /* capability score from which the level is medium */
    double level_high;      /* ... and high */
    /* Derived when read: the range each facet and dimension can reach. */
    double facet_max[PF_FACET_COUNT];
    double dimension_min[PF_DIMENSION_COUNT];
    double dimension_max[PF_DIMENSION_COUNT];
    pf_strmap index;    /* slot id -> position in slots */
    const char **sorted_ids; /* the slot ids in strcmp order, for pf__instrument_has_items_of */
    pf_strvec strings;  /* owns every id and text above */
    pf_allocator alloc;
    /* Owners besides the first: documents read with it as pf_read_options::instrument share it
       rather than copy it (and the shared pointer proves their answers' slots are its slots).
       Atomic because documents sharing it may be freed on different threads. */
    atomic_size_t shares;
};

/* Opens a known instrument by id; PF_ENOTFOUND for others. */
pf_status pf__instrument_open(const pf_allocator *a, const char *id, pf_instrument **out, pf_error *err);
/* Reads an instrument file's bytes with resolved options (allocator included); `redact`: its problems
   quote nothing of it (a file a document names, see pf_yreader::redact). */
pf_status pf__instrument_parse(pf_instrument **out, const char *data, size_t size, const char *source,
                               const pf_read_options *ro, bool redact, pf_diagnostics *diags, pf_error *err);
/* Lets go of one hold on the instrument; the last one frees it. */
void pf__instrument_free(pf_instrument *inst);
/* Takes one more hold on the instrument (for a document that shares it); returns it. */
pf_instrument *pf__instrument_share(const pf_instrument *inst);
/* Slot index or -1. */
int pf__instrument_find(const pf_instrument *inst, const char *id);
/* Option index within a rank or multi slot, or -1. */
int pf__slot_option(const pf_inst_slot *slot, const char *option);
/* True when some slot's id starts with "<question>." (an item-level question); O(log slots). */
bool pf__instrument_has_items_of(const pf_instrument *inst, const char *question);
/* Most points one answer to the slot can give each facet (orientation) or the slot's range (capability). */
void pf__slot_range(const pf_inst_slot *slot, double facet_max[PF_FACET_COUNT], double *min, double *max);
/* Fills facet_max, dimension_min and dimension_max from the slots. */
void pf__instrument_ranges(pf_instrument *inst);
/* A language tag as instrument files write them: [a-z]{2,3}, then any number of '-' and 1 to 8
   letters or digits (fr, fr-CA, es-419, zh-Hant-TW), at most PF__LANG_TAG_MAX bytes. */
bool pf__lang_tag_valid(const char *tag);
#define PF__LANG_TAG_MAX 35
/* Whether tag equals the first len bytes of want, ignoring ASCII case; '_' in want matches '-'. */
bool pf__lang_tag_equal(const char *tag, const char *want, size_t len);
/* The text (in the instrument's language) or its translation into lang, by the rules of
   pf_instrument_title_in(). */
const char *pf__inst_text_in(const pf_instrument *inst, const char *text, pf_inst_tr tr, const char *lang);
/* Sorts the slot ids for pf__instrument_has_items_of; PF_ENOMEM is the only failure. */
pf_status pf__instrument_sort_ids(pf_instrument *inst);
/* A document's `instrument:` value names a file (it contains '/' or ends in .yaml or .yml), not an id. */
bool pf__instrument_is_path(const char *value);

/* The default instrument's file, embedded at build time (generated by tools/embed.py). */
extern const char pf__default_instrument_yaml[];
extern const size_t pf__default_instrument_yaml_size;

#endif
