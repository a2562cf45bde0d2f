/**
 * @file compare.h
 * @brief Change over time: comparing two documents (two dates) metric by
 *        metric and project by project.
 *
 * The result owns its data and outlives both documents.
 */
#ifndef PORTFOLIO_COMPARE_H
#define PORTFOLIO_COMPARE_H

#include "map.h"

#ifdef __cplusplus
extern "C" {
#endif

/** One named metric before and after. Names are those of docs/metrics.md. */
typedef struct pf_metric_change {
    const char *name;    /**< e.g. "orientation.anticipatory", "portfolio.share.mission"; owned by the comparison. */
    bool in_old;         /**< The old document has the metric. */
    bool in_new;         /**< The new document has the metric. */
    double old_value;    /**< Value in the old document (0 when absent). */
    double new_value;    /**< Value in the new document (0 when absent). */
    double delta;        /**< new_value - old_value, when both have it; else 0. */
    const char *old_text; /**< For a text metric (a tendency group, a level): its old value; otherwise NULL. Static. */
    const char *new_text; /**< For a text metric: its new value; otherwise NULL. Static. */
} pf_metric_change;

/** What happened to a project between the two documents. */
typedef enum pf_project_change_kind {
    PF_CHANGE_ADDED = 0,    /**< Only in the new document. */
    PF_CHANGE_REMOVED = 1,  /**< Only in the old document. */
    PF_CHANGE_MOVED = 2     /**< In both, in another zone. */
} pf_project_change_kind;

/** One project that was added, removed or moved. */
typedef struct pf_project_change {
    const char *project;          /**< The project's id; owned by the comparison. */
    pf_project_change_kind kind;  /**< What happened. */
    pf_zone old_zone;             /**< Zone before (PF_ZONE_UNSET when added or not placed). */
    pf_zone new_zone;             /**< Zone after (PF_ZONE_UNSET when removed or not placed). */
} pf_project_change;

/** The changes between two documents. */
typedef struct pf_comparison pf_comparison;

/** Choices for pf_doc_compare_with(). Initialise with ::PF_COMPARE_OPTIONS_INIT. */
typedef struct pf_compare_options {
    unsigned version;                  /**< ::PF_COMPARE_OPTIONS_VERSION. */
    bool allow_different_instruments;  /**< Compare documents whose assessments answer different instruments
                                            anyway: their scores are set side by side and the comparison says so
                                            (pf_comparison_instruments_differ(), `"instruments"` in its JSON).
                                            By default (false) such documents are refused. */
} pf_compare_options;
/** Current version of ::pf_compare_options. */
#define PF_COMPARE_OPTIONS_VERSION 1
/** Initialiser for ::pf_compare_options: the defaults. */
#define PF_COMPARE_OPTIONS_INIT { PF_COMPARE_OPTIONS_VERSION, false }

/**
 * Scores and maps both documents with the same options and compares them.
 * Documents whose assessments answer different instruments (by id) are refused: their scores measure
 * different questions. A document without assessments has no scores, so its instrument does not matter.
 * @param score_opts  Scoring choices, or NULL for the defaults.
 * @param map_opts    Mapping choices, or NULL for the defaults.
 * @param out         Receives the comparison; the caller frees it with pf_comparison_free().
 * @return PF_OK, PF_EARG, PF_EINVALID (strict scoring, or different instruments: the message names both)
 *         or PF_ENOMEM.
 */
PF_API pf_status pf_doc_compare(const pf_doc *old_doc, const pf_doc *new_doc, const pf_score_options *score_opts,
                                const pf_map_options *map_opts, pf_comparison **out, pf_error *err);
/**
 * pf_doc_compare() with choices of its own.
 * @param opts  Choices, or NULL for the defaults (which make it pf_doc_compare()).
 * @return as pf_doc_compare(); PF_EARG for an unknown options version.
 */
PF_API pf_status pf_doc_compare_with(const pf_doc *old_doc, const pf_doc *new_doc, const pf_score_options *score_opts,
                                     const pf_map_options *map_opts, const pf_compare_options *opts,
                                     pf_comparison **out, pf_error *err);
/** The id of the instrument the old document's assessments answer; borrowed from the comparison. */
PF_API const char *pf_comparison_old_instrument(const pf_comparison *cmp);
/** The id of the instrument the new document's assessments answer; borrowed from the comparison. */
PF_API const char *pf_comparison_new_instrument(const pf_comparison *cmp);
/**
 * True when both documents have assessments and these answer different instruments, so that their
 * scores do not compare (possible only with pf_compare_options::allow_different_instruments).
 */
PF_API bool pf_comparison_instruments_differ(const pf_comparison *cmp);
/** Frees the comparison. Accepts NULL. */
PF_API void pf_comparison_free(pf_comparison *cmp);
/** Number of metrics compared: the old document's metrics in their standard order, then those only the new one has. */
PF_API size_t pf_comparison_metric_count(const pf_comparison *cmp);
/** The `index`-th metric change, or NULL; borrowed. */
PF_API const pf_metric_change *pf_comparison_metric_at(const pf_comparison *cmp, size_t index);
/** The change of the metric called `name`, or NULL; borrowed. */
PF_API const pf_metric_change *pf_comparison_find(const pf_comparison *cmp, const char *name);
/** Number of projects added, removed or moved. */
PF_API size_t pf_comparison_project_count(const pf_comparison *cmp);
/** The `index`-th project change (removed first, then added and moved in the new document's order), or NULL; borrowed. */
PF_API const pf_project_change *pf_comparison_project_at(const pf_comparison *cmp, size_t index);
/** Writes the comparison as JSON (see docs/json.md). @return PF_OK or PF_ENOMEM. */
PF_API pf_status pf_comparison_write_json(const pf_comparison *cmp, pf_buf *out, pf_error *err);

#ifdef __cplusplus
}
#endif

#endif
