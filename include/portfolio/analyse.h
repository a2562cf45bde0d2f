/**
 * @file analyse.h
 * @brief The whole analysis of a document in one call: scores, map,
 *        relations between projects and recommendations.
 *
 * pf_doc_analyse() runs pf_doc_score(), pf_doc_map() (with those scores),
 * pf_doc_relations() (with that map) and pf_recommend() (over all three), each
 * with the options given or its defaults, and keeps the four results together
 * in a ::pf_analysis_result. The result owns its parts, refers to nothing else
 * and outlives the document; its getters lend the parts, which are read-only
 * and may be read from several threads at once.
 */
#ifndef PORTFOLIO_ANALYSE_H
#define PORTFOLIO_ANALYSE_H

#include "advice.h"
#include "relations.h"
#include "score.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Choices for pf_doc_analyse(). Initialise with ::PF_ANALYSE_OPTIONS_INIT. Every
 * member is optional: NULL means the defaults of that step. The pointed-to
 * structs are only read during the call.
 */
typedef struct pf_analyse_options {
    unsigned version;                     /**< ::PF_ANALYSE_OPTIONS_VERSION. */
    const pf_score_options *score;        /**< For pf_doc_score(), or NULL. */
    const pf_map_options *map;            /**< For pf_doc_map(), or NULL. */
    const pf_relation_options *relations; /**< For pf_doc_relations(), or NULL. */
    const pf_rules *rules;                /**< The recommendation catalogue, or NULL for the default one; borrowed. */
    const pf_advice_options *advice;      /**< For pf_recommend() (the language), or NULL. */
} pf_analyse_options;
/** Current version of ::pf_analyse_options. */
#define PF_ANALYSE_OPTIONS_VERSION 1
/** Initialiser for ::pf_analyse_options: every step with its defaults. */
#define PF_ANALYSE_OPTIONS_INIT { PF_ANALYSE_OPTIONS_VERSION, NULL, NULL, NULL, NULL, NULL }

/** The four results of pf_doc_analyse(); free with pf_analysis_result_free(). */
typedef struct pf_analysis_result pf_analysis_result;

/**
 * Scores the document, maps its projects, finds the relations between them and
 * evaluates the recommendation rules over all three.
 * @param doc    The document; only read.
 * @param opts   Choices, or NULL for every default.
 * @param out    Receives the result; the caller frees it with pf_analysis_result_free().
 * @param diags  Receives every problem scoring finds (as pf_doc_score(); may be NULL).
 * @param err    Receives the first problem (may be NULL).
 * @return PF_OK; PF_EARG for a NULL doc or out, an unknown options version or a
 *         member out of range (the message names it); PF_EINVALID when scoring
 *         fails (see pf_doc_score()); PF_ELIMIT when the relations exceed their work
 *         limit; PF_ENOMEM. On failure nothing is returned.
 */
PF_API pf_status pf_doc_analyse(const pf_doc *doc, const pf_analyse_options *opts, pf_analysis_result **out,
                                pf_diagnostics *diags, pf_error *err);

/** Frees the result and its four parts. Accepts NULL. */
PF_API void pf_analysis_result_free(pf_analysis_result *result);

/** The scores; borrowed, valid until the result is freed. */
PF_API const pf_scores *pf_analysis_result_scores(const pf_analysis_result *result);

/** The map of the projects; borrowed, valid until the result is freed. */
PF_API const pf_map *pf_analysis_result_map(const pf_analysis_result *result);

/** The relations between projects; borrowed, valid until the result is freed. */
PF_API const pf_relations *pf_analysis_result_relations(const pf_analysis_result *result);

/** The recommendations; borrowed, valid until the result is freed. */
PF_API const pf_advice *pf_analysis_result_advice(const pf_analysis_result *result);

/**
 * The result as the input of pf_recommend(), to evaluate another catalogue over
 * the same analysis without assembling a ::pf_analysis by hand; borrowed, valid
 * until the result is freed.
 */
PF_API const pf_analysis *pf_analysis_result_analysis(const pf_analysis_result *result);

#ifdef __cplusplus
}
#endif

#endif
