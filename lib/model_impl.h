/* The model's structures, shared by the modules that read, write and check it. */
#ifndef PF_MODEL_IMPL_H
#define PF_MODEL_IMPL_H

#include "instrument.h"

/* A byte offset not worked out yet (readers compute it only for positions they report or keep). */
#define PF_OFFSET_UNKNOWN SIZE_MAX

/* Where a value came from in a source document; line 0 when built through the API. */
typedef struct pf_pos {
    unsigned line;
    unsigned column;
    size_t offset;
} pf_pos;

struct pf_org {
    pf_doc *doc;
    char *name;
    char country[3];
    pf_gov_level level;
    int64_t people;
    unsigned sectors;
};

typedef struct pf_link_entry {
    char *to;
    pf_link_kind kind;
    pf_pos pos; /* of the `to` value */
} pf_link_entry;

struct pf_project {
    pf_doc *doc;
    char *id;
    char *title;
    const char *unit; /* interned (pf_doc::strings) */
    pf_purpose purpose;
    pf_facet driver;
    pf_priority priority;
    pf_stage stage;
    bool has_budget, has_fte;
    double *weights; /* PF_FACET_COUNT explicit facet weights, or NULL: most projects have none */
    double budget;
    double fte;
    pf_date start, end;
    pf_strvec tags;     /* of interned strings (pf_doc::strings) */
    pf_strvec partners; /* the same */
    pf_link_entry *links;
    size_t link_count, link_cap;
    pf_strmap *link_index; /* of a long list of links, by `to` (pf__list_find), else NULL */
    pf_pos pos;     /* of the project's mapping */
    pf_pos end_pos; /* of the `end` value */
    long source_index;    /* position in the source's list, or -1 when built through the API */
    bool placement_refused; /* a reader refused its purpose or driver (and said so) */
};

/* One answer: only answered slots are stored, so an assessment costs what it says, whatever the instrument's size. */
typedef struct pf_answer_entry {
    uint32_t slot; /* the instrument slot it answers */
    /* agree: 0..4; yes/no: pf_choice; rank: option index of place i in bits 4i..4i+3;
       multi: bit i set when option i is selected. */
    uint64_t value;
} pf_answer_entry;

struct pf_assessment {
    pf_doc *doc;
    char *respondent;
    pf_role role;
    char *unit; /* owned, not interned: collect moves assessments to another document */
    pf_date date;
    pf_answer_entry *answers; /* in slot order (but while a reader appends, see pf__answers_append) */
    size_t answered, answers_cap;
    bool appending;           /* a reader is adding answers it knows are new, in any order */
    pf_pos pos;
    pf_pos respondent_pos; /* of the `respondent` value */
};

struct pf_doc {
    pf_allocator alloc;
    char *source; /* name of the file it was read from, for positions in validation */
    pf_instrument *instrument;
    char *instrument_path; /* the instrument file as the document names it; NULL for a built-in one */
    struct pf_org org;
    bool has_targets;
    double targets[PF_FACET_COUNT];
    pf_project **projects;
    size_t project_count, project_cap;
    pf_strmap project_index;
    pf_assessment **assessments;
    size_t assessment_count, assessment_cap;
    pf_strmap assessment_index;
    /* Projects' tags, partners and units, one copy of each: many projects repeat them. Getters hand these out,
       valid while the document lives (longer than the setters promise). */
    pf__strings strings;
};

/* Detached objects, so a reader can check a duplicate's fields before refusing it. */
pf_project *pf__project_new(pf_doc *doc, const char *id);
void pf__project_free(pf_project *p);
pf_status pf__doc_attach_project(pf_doc *doc, pf_project *p, pf_error *err);
pf_assessment *pf__assessment_new(pf_doc *doc, const char *respondent);
void pf__assessment_free(pf_assessment *a);
pf_status pf__doc_attach_assessment(pf_doc *doc, pf_assessment *a, pf_error *err);

/* A new document using inst, which it takes over (freed here on failure); the model never reads one. */
pf_status pf__doc_new_with(pf_doc **out, const pf_allocator *allocator, pf_instrument *inst, pf_error *err);

/* A new document with the built-in default instrument, or sharing `shared` (pf__instrument_share);
   doc_instrument.c, which opens the instrument and hands it to pf__doc_new_with. */
pf_status pf__doc_new_sharing(pf_doc **out, const pf_allocator *allocator, const pf_instrument *shared,
                              pf_error *err);

/* Makes the document use inst (taken over on success) and remembers the file it came from (NULL: built in). */
pf_status pf__doc_use_instrument(pf_doc *doc, pf_instrument *inst, const char *path);

/*
 * Reads an answers file (docs/format.md, "Answers files"): a document holding only
 * `portfolio`, `instrument` and at least one assessment, whose answers are to `expected`
 * (named by its id; with no `instrument:` only when `expected` is the default's id). The
 * document shares `expected`. `ro` is resolved (pf__yr_resolve_options); its instrument is ignored.
 */
pf_status pf__doc_read_answers_file(pf_doc **out, const char *path, const pf_read_options *ro,
                                    const pf_instrument *expected, pf_diagnostics *diags, pf_error *err);
pf_status pf__doc_read_answers_buffer(pf_doc **out, const char *data, size_t size, const char *source,
                                      const pf_read_options *ro, const pf_instrument *expected,
                                      pf_diagnostics *diags, pf_error *err);

/* Records a located problem in diags and, the first time, in *first (first->code == PF_OK until then). */
pf_status pf__report(pf_diagnostics *diags, pf_error *first, const char *source, pf_pos pos, pf_status code,
                     const char *fmt, ...) PF_PRINTF(6, 7);

/* Checks one project's cross-field rules (dates, placement, links) against the document. */
pf_status pf__validate_project(const pf_doc *doc, const pf_project *p, size_t index, pf_diagnostics *diags,
                               pf_error *first);


/* Answers by slot index, for readers that have already found the slot. */
pf_status pf__answer_set_agreement(pf_assessment *a, int slot, int agreement, pf_error *err);
pf_status pf__answer_set_choice(pf_assessment *a, int slot, pf_choice choice, pf_error *err);
pf_status pf__answer_set_options(pf_assessment *a, int slot, const char *const *options, size_t count, pf_error *err);
/* The answer of an entry as the API gives it. */
void pf__answer_get(const pf_assessment *a, const pf_answer_entry *e, pf_answer *out);
/* A reader that checks for answers given twice itself adds answers in any order between these two calls: each is
   appended, and the second puts them in slot order (n log n however they came). */
void pf__answers_append(pf_assessment *a);
pf_status pf__answers_done(pf_assessment *a);

#endif
