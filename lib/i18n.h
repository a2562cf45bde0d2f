/*
 * Labels of the library's outputs (charts, reports) in English and French:
 * the method's vocabulary (facets, zones, stages, roles, dimensions, levels)
 * and chart titles and headings, looked up by key, plus numbers written as
 * each language writes them. Every string is static.
 */
#ifndef PF_I18N_H
#define PF_I18N_H

#include "internal.h"

typedef enum pf__lang {
    PF__LANG_EN = 0,
    PF__LANG_FR = 1
} pf__lang;
#define PF__LANG_COUNT 2

/*
 * Reads a language tag: NULL, "en" and "en-..." or "en_..." give English,
 * "fr" and "fr-..." or "fr_..." French. False for any other tag.
 */
bool pf__lang_parse(const char *tag, pf__lang *out);
/* "en" or "fr". */
const char *pf__lang_code(pf__lang lang);

/*
 * The label of `key` in the language ("facet.enhancement", "zone.mixed",
 * "stage.idea", "role.senior-management", "dimension.sense-making",
 * "level.low", "chart.map.title", ...). Falls back to English when the
 * language has no text for the key, and to the key itself when the key is
 * unknown, so a missing label shows rather than crashes.
 */
const char *pf__label(pf__lang lang, const char *key);
/* As pf__label for a language tag (NULL or unknown tags: English). */
const char *pf__label_tag(const char *tag, const char *key);
/* The label of "<kind>.<id>" (kind "facet", id "mission"); the id itself when unknown, "" for NULL. */
const char *pf__label_of(pf__lang lang, const char *kind, const char *id);
/* Labels of the enumerations; "" when out of range. */
const char *pf__label_facet(pf__lang lang, pf_facet f);
const char *pf__label_zone(pf__lang lang, pf_zone z);
const char *pf__label_role(pf__lang lang, pf_role r);
const char *pf__label_dimension(pf__lang lang, pf_dimension d);
const char *pf__label_level(pf__lang lang, pf_level l);
const char *pf__label_stage(pf__lang lang, pf_stage s);
const char *pf__label_priority(pf__lang lang, pf_priority p);

/*
 * The label for a count of n: `one` ("chart.project") or `many`
 * ("chart.projects") by the language's rule (French: 0 and 1 take the singular).
 */
const char *pf__label_count(pf__lang lang, const char *one, const char *many, size_t n);

/*
 * Copies a label with its first letter in lower case, for use inside a
 * sentence ("Senior management" -> "senior management", "Équipe" -> "équipe");
 * ASCII and Latin-1 capitals only. Truncates on a character boundary to cap.
 */
void pf__lower_first(const char *label, char *out, size_t cap);

/* Number of entries in the table and the key of the `index`-th, for tests (NULL past the end). */
size_t pf__label_table_size(void);
const char *pf__label_key_at(size_t index);
/* The language's own text for a key, without fallback (NULL when it has none), for tests. */
const char *pf__label_exact(pf__lang lang, const char *key);

/* As the language writes it: pf__format_fixed (internal.h) untrimmed, with a decimal comma in French. */
void pf__format_decimal(pf__lang lang, double v, int decimals, char out[48]);
/* A percentage (v already in 0..100) with `decimals` places and the sign: "42.4%", "42,4 %" (narrow no-break space). */
void pf__format_percent(pf__lang lang, double v, int decimals, char out[56]);

#endif
