/*
 * CSV imports (import.c) and their mapping files (import_map.c): what a map
 * holds, and the words both agree on. docs/import.md describes the format.
 */
#ifndef PF_IMPORT_IMPL_H
#define PF_IMPORT_IMPL_H

#include "model_impl.h"

/* The kinds of value a map can add words for (`values:`), in the order of their names. */
typedef enum pf_value_kind {
    PF_VALUES_AGREE,
    PF_VALUES_YES_NO,
    PF_VALUES_ROLE,
    PF_VALUES_PURPOSE,
    PF_VALUES_DRIVER,
    PF_VALUES_PRIORITY,
    PF_VALUES_STAGE
} pf_value_kind;
#define PF_VALUES_COUNT 7
extern const pf__names pf__value_kind_names;

/* Column names of a projects file, in the order of the format's projects table; the enum
   follows it. Facet columns are facets.<facet>, or the facet's name alone. */
enum {
    PF_PCOL_ID, PF_PCOL_TITLE, PF_PCOL_UNIT, PF_PCOL_PURPOSE, PF_PCOL_DRIVER, PF_PCOL_PRIORITY,
    PF_PCOL_FACETS_ENHANCEMENT, PF_PCOL_FACETS_MISSION, PF_PCOL_FACETS_ADAPTIVE, PF_PCOL_FACETS_ANTICIPATORY,
    PF_PCOL_STAGE, PF_PCOL_BUDGET, PF_PCOL_FTE, PF_PCOL_START, PF_PCOL_END, PF_PCOL_TAGS, PF_PCOL_PARTNERS,
    PF_PCOL_LINKS, PF_PCOL_ENHANCEMENT, PF_PCOL_MISSION, PF_PCOL_ADAPTIVE, PF_PCOL_ANTICIPATORY, PF_PCOL_IGNORE,
    PF_PCOL_COUNT
};
extern const pf__names pf__project_column_names;

/* Column names of an answers file besides item and question ids. */
enum { PF_ACOL_RESPONDENT, PF_ACOL_ROLE, PF_ACOL_UNIT, PF_ACOL_DATE, PF_ACOL_IGNORE, PF_ACOL_COUNT };
extern const pf__names pf__answer_column_names;

typedef struct pf_map_column {
    char *header;  /* spaces around it dropped */
    char *target;  /* a column name, an item or question id, or <question>.<option> */
    pf_pos pos;    /* of the target in the map file */
} pf_map_column;

struct pf_import_map {
    pf_allocator alloc;
    char *source;
    pf_import_kind kind;
    pf_pos kind_pos;
    char separator;  /* 0 when the map leaves it to detection */
    pf_map_column *columns;
    size_t column_count, column_cap;
    pf_strmap column_index;  /* header -> index in columns */
    pf_strvec value_keys;    /* "<kind letter><normalised word>" */
    int *value_targets;      /* parallel to value_keys */
    size_t value_cap;
    pf_strmap value_index;   /* key -> index */
};

/* The map's column for a header (spaces around it dropped), or NULL. */
const pf_map_column *pf__map_column(const pf_import_map *map, const char *header);
/* The value the map gives a normalised word of that kind; false when it gives none. */
bool pf__map_value(const pf_import_map *map, pf_value_kind kind, const char *normalised, int *out);

/*
 * The form in which words are compared: spaces around dropped, runs of spaces, tabs,
 * no-break spaces, '-' and '_' made one space, letters in lower case (ASCII and Latin-1),
 * and typographic apostrophes made '. False (out empty) when it needs more than cap bytes.
 */
bool pf__import_normalise(const char *in, char *out, size_t cap);
#define PF_IMPORT_WORD_MAX 160

/* The agreement (0..4) or yes-no choice a word gives by the built-in vocabularies; -1 when none. */
int pf__import_agreement_word(const char *normalised);
int pf__import_choice_word(const char *normalised);

#endif
