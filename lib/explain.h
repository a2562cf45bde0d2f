/*
 * Explanations (data/explanations.yaml, format in docs/reports.md): the report's plain-language
 * texts beside each chart and in its summary, and a label and unit for every named metric
 * (metrics.h), in English and French. Data, not code, so they can be reworded; the default is
 * embedded in the library like the rule catalogue.
 */
#ifndef PF_EXPLAIN_H
#define PF_EXPLAIN_H

#include "i18n.h"
#include "metrics.h"

typedef struct pf_explanations pf_explanations;

/* Reads explanations, reporting every problem as SOURCE:LINE:COLUMN: message (diags may be NULL). */
pf_status pf__explanations_read_buffer(pf_explanations **out, const char *data, size_t size, const char *source,
                                       const pf_read_options *opts, pf_diagnostics *diags, pf_error *err);
pf_status pf__explanations_read_file(pf_explanations **out, const char *path, const pf_read_options *opts,
                                     pf_diagnostics *diags, pf_error *err);
/* The embedded data/explanations.yaml (checked by the tests, so only memory can fail). */
pf_status pf__explanations_open_default(pf_explanations **out, const pf_allocator *alloc, pf_error *err);
void pf__explanations_free(pf_explanations *e);

/* The text of `key` in the language, else in English, else "" (a missing text shows as nothing). */
const char *pf__explain_text(const pf_explanations *e, pf__lang lang, const char *key);
/* Number of texts and the key of the i-th, for tests. */
size_t pf__explain_text_count(const pf_explanations *e);
const char *pf__explain_text_key_at(const pf_explanations *e, size_t i);
/* The language's own text, without falling back (NULL when there is none), for tests. */
const char *pf__explain_text_exact(const pf_explanations *e, pf__lang lang, const char *key);

/*
 * Appends the label of a metric ("Share of anticipatory projects") to out. False when no entry
 * names the metric or, with `exact`, when the language has no text of its own for it.
 */
bool pf__explain_metric_label(const pf_explanations *e, pf__lang lang, const char *name, bool exact, pf_buf *out);

/*
 * Appends a metric in words: "Share of anticipatory projects: 15% (target 30%)", the value written
 * with its unit; the target, when the entry names one, is looked up in `all`. A metric without an
 * entry is written as its id and value. Sets *shown_target to the target's name when one was written
 * (so a caller listing evidence can leave it out), else "". PF_OK or PF_ENOMEM.
 */
pf_status pf__explain_metric(const pf_explanations *e, pf__lang lang, const char *name, double value,
                             const char *text, const pf_named_metric *all, size_t all_count, pf_buf *out,
                             char shown_target[64]);

/* A tendency group in words ("strong: enhancement and mission"), from its mask of strong facets. */
pf_status pf__explain_tendency(const pf_explanations *e, pf__lang lang, unsigned mask, pf_buf *out);

/* Appends `tmpl` with each {name} replaced by the value paired with it (pairs: name, value, ..., NULL). */
pf_status pf__explain_fill(pf_buf *out, const char *tmpl, ...);

#endif
