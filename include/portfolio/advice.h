/**
 * @file advice.h
 * @brief Recommendations: a catalogue of rules (data, not code) evaluated over
 *        a portfolio's named metrics, each recommendation with its evidence.
 *
 * A rule has an id, a kind, a priority, an optional subject kind it iterates
 * over (one recommendation per matching facet, dimension or role), a
 * condition over named metrics (docs/metrics.md; grammar in docs/rules.md) and
 * a message template in several languages. The default catalogue is embedded
 * in the library; pf_rules_read_file() reads another, pf_rules_merge() adds
 * rules to one. docs/rules.md describes the format.
 */
#ifndef PORTFOLIO_ADVICE_H
#define PORTFOLIO_ADVICE_H

#include "document.h"
#include "map.h"

#ifdef __cplusplus
extern "C" {
#endif

/** What a recommendation is. Strengths come first in every output. */
typedef enum pf_advice_kind {
    PF_ADVICE_STRENGTH = 0,  /**< Something to build on. */
    PF_ADVICE_ACTION = 1,    /**< Something to do. */
    PF_ADVICE_WARNING = 2,   /**< A risk to watch. */
    PF_ADVICE_INFO = 3       /**< Context worth knowing. */
} pf_advice_kind;
/** Number of advice kinds. */
#define PF_ADVICE_KIND_COUNT 4

/** Identifier of an advice kind ("action"), or NULL when out of range. */
PF_API const char *pf_advice_kind_name(pf_advice_kind kind);
/** Parses an advice kind identifier. @return PF_OK or PF_EARG. */
PF_API pf_status pf_advice_kind_from_name(const char *name, pf_advice_kind *out);

/**
 * Deepest nesting of a rule condition: parentheses, prefix `-` and `not`, and function
 * calls, counted together. A condition nested deeper is refused when its catalogue is read
 * ("condition nested deeper than 64 levels"); long chains such as `a + b + c` do not nest.
 */
#define PF_MAX_EXPR_DEPTH 64

/** A catalogue of rules. */
typedef struct pf_rules pf_rules;

/**
 * Opens the default catalogue embedded in the library (R01-R12 and strengths, English and French).
 * @param allocator  Memory functions, or NULL for the defaults; copied.
 * @param out        Receives the catalogue; the caller frees it with pf_rules_free().
 * @return PF_OK or PF_ENOMEM.
 */
PF_API pf_status pf_rules_open_default(const pf_allocator *allocator, pf_rules **out, pf_error *err);

/**
 * Reads a catalogue file, checking every rule: its fields, its condition (an
 * expression error is reported with the rule's id and the line and column of
 * the fault) and its message templates.
 * @param opts   Limits and allocator, or NULL for the defaults.
 * @param out    Receives the catalogue; the caller frees it with pf_rules_free().
 * @param diags  Receives every problem (may be NULL).
 * @return PF_OK, PF_ENOTFOUND, PF_EIO, PF_ESYNTAX, PF_EINVALID, PF_ELIMIT, PF_ENOMEM or PF_EARG.
 */
PF_API pf_status pf_rules_read_file(const char *path, const pf_read_options *opts, pf_rules **out,
                                   pf_diagnostics *diags, pf_error *err);
/** Reads a catalogue from memory; as pf_rules_read_file(). `source` names it in errors (NULL: "<buffer>"). */
PF_API pf_status pf_rules_read_buffer(const char *data, size_t size, const char *source, const pf_read_options *opts,
                                     pf_rules **out, pf_diagnostics *diags, pf_error *err);

/**
 * Adds the rules of `extra` to `base`: a rule whose id `base` already has
 * replaces it (so an organisation can reword or disable a default rule), the
 * others are appended; subject vocabulary is merged the same way.
 * @return PF_OK or PF_ENOMEM (then `base` is unchanged).
 */
PF_API pf_status pf_rules_merge(pf_rules *base, const pf_rules *extra, pf_error *err);

/** Frees the catalogue. Accepts NULL. */
PF_API void pf_rules_free(pf_rules *rules);
/** Number of rules. */
PF_API size_t pf_rules_count(const pf_rules *rules);
/** Id of the `index`-th rule, or NULL; borrowed. */
PF_API const char *pf_rules_id_at(const pf_rules *rules, size_t index);

/** A metric a recommendation was drawn from. */
typedef struct pf_evidence {
    const char *metric;  /**< Its name (docs/metrics.md); owned by the advice. */
    double value;        /**< Its value, for a number. */
    const char *text;    /**< Its value, for a text metric (a tendency group, a level); NULL for numbers. */
} pf_evidence;

/** One recommendation. */
typedef struct pf_recommendation {
    const char *rule;           /**< The rule's id; owned by the advice. */
    pf_advice_kind kind;        /**< Strength, action, warning or info. */
    int priority;               /**< 1 (most important) .. 9. */
    const char *subject_kind;   /**< "facet", "dimension" or "role" when the rule iterates; NULL otherwise. Static. */
    const char *subject;        /**< The facet, dimension or role it is about; NULL otherwise. Owned by the advice. */
    const char *message;        /**< The rendered message in the chosen language; owned by the advice. */
    const char *lang;           /**< The language the message is in (the chosen one, or "en" as fallback); owned by the advice. */
    size_t evidence_count;      /**< Number of metrics in `evidence`. */
    const pf_evidence *evidence; /**< The metrics its condition read, with their values; owned by the advice. */
} pf_recommendation;

/** Choices for pf_recommend() (and pf_doc_analyse(), which calls it). */
typedef struct pf_advice_options {
    unsigned version;     /**< ::PF_ADVICE_OPTIONS_VERSION. */
    const char *lang;     /**< Language of the messages, e.g. "en" or "fr" (NULL: "en"); missing translations fall back to English. */
} pf_advice_options;
/** Current version of ::pf_advice_options. */
#define PF_ADVICE_OPTIONS_VERSION 1
/** Initialiser for ::pf_advice_options. */
#define PF_ADVICE_OPTIONS_INIT { PF_ADVICE_OPTIONS_VERSION, NULL }

/**
 * What the rules are evaluated over; NULL members are left out (their metrics are absent).
 * pf_doc_analyse() computes all of it, and pf_analysis_result_analysis() gives it ready
 * for pf_recommend() with another catalogue, so it rarely needs filling by hand.
 */
typedef struct pf_analysis {
    const pf_scores *scores;  /**< The document's scores, or NULL. */
    const pf_map *map;        /**< The document's map, or NULL. */
    const size_t *relation_counts; /**< Synergies, tensions, duplicates and handovers found, in that order, or NULL. */
} pf_analysis;

/** The recommendations for one portfolio. */
typedef struct pf_advice pf_advice;

/**
 * Evaluates every rule of the catalogue.
 * @param rules     The catalogue, or NULL for the default one.
 * @param analysis  What to evaluate the rules over.
 * @param opts      Choices, or NULL for the defaults.
 * @param out       Receives the recommendations, ordered strengths first, then by priority, rule id and
 *                  subject; the caller frees them with pf_advice_free(). They refer to nothing else.
 * @return PF_OK, PF_EARG or PF_ENOMEM.
 */
PF_API pf_status pf_recommend(const pf_rules *rules, const pf_analysis *analysis, const pf_advice_options *opts,
                              pf_advice **out, pf_error *err);
/** Frees the recommendations. Accepts NULL. */
PF_API void pf_advice_free(pf_advice *advice);
/** Number of recommendations. */
PF_API size_t pf_advice_count(const pf_advice *advice);
/** The `index`-th recommendation, or NULL; borrowed. */
PF_API const pf_recommendation *pf_advice_at(const pf_advice *advice, size_t index);
/** Writes the recommendations as JSON (see docs/json.md). @return PF_OK or PF_ENOMEM. */
PF_API pf_status pf_advice_write_json(const pf_advice *advice, pf_buf *out, pf_error *err);

#ifdef __cplusplus
}
#endif

#endif
