/**
 * @file model.h
 * @brief The portfolio model: an organisation's context, its intended facet
 *        mix, its projects and the assessments its people filled in.
 *
 * A ::pf_doc owns everything reachable from it. Organisation, project and
 * assessment handles are borrowed from their document: they stay valid until
 * the object is removed or the document is freed. Setters copy their string
 * arguments and check each value on its own (a negative budget is refused
 * at once); rules that relate several values (links to unknown projects, an
 * end before the start) are checked by pf_doc_validate().
 *
 * Thread safety: one document is used by one thread at a time; distinct
 * documents are independent.
 */
#ifndef PORTFOLIO_MODEL_H
#define PORTFOLIO_MODEL_H

#include <stdint.h>

#include "common.h"
#include "enums.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A portfolio document. Create with pf_doc_new() or a reader; free with pf_doc_free(). */
typedef struct pf_doc pf_doc;
/** The organisation described by a document; borrowed from it. */
typedef struct pf_org pf_org;
/** One innovation project; borrowed from its document. */
typedef struct pf_project pf_project;
/** One person's answers to the instrument; borrowed from its document. */
typedef struct pf_assessment pf_assessment;

/** The document format version this library reads and writes. */
#define PF_FORMAT_VERSION 1
/** Identifier of the instrument every document uses unless it names another. */
#define PF_DEFAULT_INSTRUMENT "opsi-pet-2020"
/**
 * Largest budget, facet weight or target a document may hold (10^18, enough for any budget in any
 * currency). With it every sum and share the library computes is finite (docs/format.md, section 3).
 */
#define PF_MAX_AMOUNT 1e18
/** Largest full-time equivalents a project may have (10^9). */
#define PF_MAX_FTE 1e9

/** A calendar date; all zero means "not set". */
typedef struct pf_date {
    int year;   /**< Four-digit year, 1..9999. */
    int month;  /**< 1..12. */
    int day;    /**< 1..31, valid for the month and year. */
} pf_date;

/** An explicit relation from one project to another. */
typedef struct pf_link {
    const char *to;     /**< Id of the other project; borrowed from the project. */
    pf_link_kind kind;  /**< How they relate. */
} pf_link;

/** Maximum options a rank or multi question can have. */
#define PF_MAX_OPTIONS 32

/** One answer as the respondent gave it (not points). */
typedef struct pf_answer {
    const char *id;        /**< Item or question id; borrowed from the instrument. */
    pf_form form;          /**< Which of the members below carries the answer. */
    int agreement;         /**< Agree forms: 0 strongly disagree .. 4 strongly agree. */
    pf_choice choice;      /**< Yes/no form. */
    size_t option_count;   /**< Rank: all options; multi: the selected ones (0 means "none"). */
    const char *options[PF_MAX_OPTIONS]; /**< Option ids, most important first for rank; borrowed from the instrument. */
} pf_answer;

/** Options for pf_doc_new(). Initialise with ::PF_DOC_OPTIONS_INIT. */
typedef struct pf_doc_options {
    unsigned version;        /**< ::PF_DOC_OPTIONS_VERSION. */
    pf_allocator allocator;  /**< Memory functions for the document and everything in it; zero for the defaults. */
} pf_doc_options;
/** Current version of ::pf_doc_options. */
#define PF_DOC_OPTIONS_VERSION 1
/** Initialiser for ::pf_doc_options. */
#define PF_DOC_OPTIONS_INIT { PF_DOC_OPTIONS_VERSION, { NULL, NULL, NULL, NULL } }

/**
 * Creates an empty document using the default instrument.
 * @param opts  Options, or NULL for the defaults.
 * @param out   Receives the document; the caller frees it with pf_doc_free().
 * @return PF_OK, PF_ENOMEM, or PF_EARG for an unknown options version.
 */
PF_API pf_status pf_doc_new(const pf_doc_options *opts, pf_doc **out, pf_error *err);

/** Frees the document and every object borrowed from it. Accepts NULL. */
PF_API void pf_doc_free(pf_doc *doc);

/** Identifier of the document's instrument (PF_DEFAULT_INSTRUMENT unless set); borrowed. */
PF_API const char *pf_doc_instrument_id(const pf_doc *doc);

/**
 * Chooses the instrument the document's answers refer to: a built-in instrument's id, or
 * an instrument file when the value contains '/' or ends in .yaml or .yml (as in documents;
 * a relative path is read from the current directory, and the path is written back as given).
 * Only a document without assessments can change instrument. pf_doc_set_instrument_file()
 * takes any path and reports every problem of the file.
 * @return PF_OK; PF_ENOTFOUND for an instrument this library does not know (or a missing file);
 *         PF_EARG when assessments exist; a reading status for an unusable file; PF_ENOMEM.
 */
PF_API pf_status pf_doc_set_instrument(pf_doc *doc, const char *instrument_id, pf_error *err);

/** The organisation (always present; every field starts unset); borrowed from the document. */
PF_API pf_org *pf_doc_org(pf_doc *doc);
/** Read-only view of the organisation; borrowed from the document. */
PF_API const pf_org *pf_doc_org_const(const pf_doc *doc);

/**
 * Sets the intended facet mix. Values are kept as given; analyses normalise them to sum 1.
 * @param targets  Four values from 0 to ::PF_MAX_AMOUNT in facet order, not all zero.
 * @return PF_OK or PF_EARG.
 */
PF_API pf_status pf_doc_set_targets(pf_doc *doc, const double targets[PF_FACET_COUNT], pf_error *err);
/** Removes the targets. */
PF_API void pf_doc_clear_targets(pf_doc *doc);
/** Copies the targets into `out` and returns true, or returns false when none are set. */
PF_API bool pf_doc_targets(const pf_doc *doc, double out[PF_FACET_COUNT]);

/**
 * Checks the rules that relate several values: links must name another
 * existing project; an end date must not precede the start; a project placed
 * by purpose needs both purpose and driver. Every problem is reported.
 * @param diags  Receives every problem (may be NULL); positions are known for loaded documents.
 * @param err    Receives the first problem (may be NULL).
 * @return PF_OK, PF_EINVALID or PF_ENOMEM.
 */
PF_API pf_status pf_doc_validate(const pf_doc *doc, pf_diagnostics *diags, pf_error *err);

/* ---- organisation ---- */

/** Organisation or team name, or NULL when unset; borrowed. */
PF_API const char *pf_org_name(const pf_org *org);
/** Sets the name (copied; NULL clears). @return PF_OK, PF_EARG for an empty or invalid UTF-8 string, PF_ENOMEM. */
PF_API pf_status pf_org_set_name(pf_org *org, const char *name, pf_error *err);
/** ISO 3166-1 alpha-2 country code, or NULL when unset; borrowed. */
PF_API const char *pf_org_country(const pf_org *org);
/** Sets the country (NULL clears). @return PF_OK, or PF_EARG unless an assigned upper-case ISO 3166-1 alpha-2 code. */
PF_API pf_status pf_org_set_country(pf_org *org, const char *country, pf_error *err);
/** Level of government, or PF_GOV_LEVEL_UNSET. */
PF_API pf_gov_level pf_org_level(const pf_org *org);
/** Sets the level (PF_GOV_LEVEL_UNSET clears). @return PF_OK or PF_EARG. */
PF_API pf_status pf_org_set_level(pf_org *org, pf_gov_level level, pf_error *err);
/** Number of people, or 0 when unset. */
PF_API int64_t pf_org_people(const pf_org *org);
/** Sets the number of people, at least 1 (0 clears). @return PF_OK or PF_EARG. */
PF_API pf_status pf_org_set_people(pf_org *org, int64_t people, pf_error *err);
/** Sectors as a bit set of `1u << pf_sector`. */
PF_API unsigned pf_org_sectors(const pf_org *org);
/** Sets the sectors from a bit set of `1u << pf_sector`. @return PF_OK, or PF_EARG for unknown bits. */
PF_API pf_status pf_org_set_sectors(pf_org *org, unsigned sectors, pf_error *err);

/* ---- projects ---- */

/** Number of projects. */
PF_API size_t pf_doc_project_count(const pf_doc *doc);
/** The project at `index` in document order, or NULL when out of range; borrowed. */
PF_API pf_project *pf_doc_project_at(const pf_doc *doc, size_t index);
/** The project with this id, or NULL; borrowed. Constant time. */
PF_API pf_project *pf_doc_find_project(const pf_doc *doc, const char *id);

/**
 * Appends a project with every field unset but its id.
 * @param out  Receives the new project (may be NULL); borrowed from the document.
 * @param id   Unique id matching `[A-Za-z0-9._-]+`; copied. Ids never change.
 * @return PF_OK, PF_EARG for a malformed id, PF_EEXISTS, PF_ENOMEM.
 */
PF_API pf_status pf_doc_add_project(pf_doc *doc, const char *id, pf_project **out, pf_error *err);

/**
 * Removes a project, and the links of other projects that point to it, so
 * the document never refers to a project it lacks. The handle becomes invalid.
 * @return PF_OK or PF_ENOTFOUND.
 */
PF_API pf_status pf_doc_remove_project(pf_doc *doc, const char *id, pf_error *err);

/** The project's id; borrowed. */
PF_API const char *pf_project_id(const pf_project *project);
/** Title, or NULL when unset; borrowed. */
PF_API const char *pf_project_title(const pf_project *project);
/** Sets the title (copied; NULL clears). @return PF_OK, PF_EARG (empty or invalid UTF-8), PF_ENOMEM. */
PF_API pf_status pf_project_set_title(pf_project *project, const char *title, pf_error *err);
/** Organisational unit, or NULL when unset; borrowed. */
PF_API const char *pf_project_unit(const pf_project *project);
/** Sets the unit (copied; NULL clears). @return PF_OK, PF_EARG, PF_ENOMEM. */
PF_API pf_status pf_project_set_unit(pf_project *project, const char *unit, pf_error *err);
/** What the project was created to do, or PF_PURPOSE_UNSET. */
PF_API pf_purpose pf_project_purpose(const pf_project *project);
/** Sets the purpose (PF_PURPOSE_UNSET clears). @return PF_OK or PF_EARG. */
PF_API pf_status pf_project_set_purpose(pf_project *project, pf_purpose purpose, pf_error *err);
/** What mainly pushes the project forward, or PF_FACET_UNSET. */
PF_API pf_facet pf_project_driver(const pf_project *project);
/** Sets the driver (PF_FACET_UNSET clears). @return PF_OK or PF_EARG. */
PF_API pf_status pf_project_set_driver(pf_project *project, pf_facet driver, pf_error *err);
/** Priority, or PF_PRIORITY_UNSET. */
PF_API pf_priority pf_project_priority(const pf_project *project);
/** Sets the priority (PF_PRIORITY_UNSET clears). @return PF_OK or PF_EARG. */
PF_API pf_status pf_project_set_priority(pf_project *project, pf_priority priority, pf_error *err);
/** Stage, or PF_STAGE_UNSET. */
PF_API pf_stage pf_project_stage(const pf_project *project);
/** Sets the stage (PF_STAGE_UNSET clears). @return PF_OK or PF_EARG. */
PF_API pf_status pf_project_set_stage(pf_project *project, pf_stage stage, pf_error *err);

/** Copies the explicit facet weights into `out` and returns true, or returns false when none are set. */
PF_API bool pf_project_facet_weights(const pf_project *project, double out[PF_FACET_COUNT]);
/**
 * Tags the project with explicit facet weights, which take precedence over
 * purpose and driver when it is mapped. Kept as given; normalised when used.
 * @param weights  Four values from 0 to ::PF_MAX_AMOUNT in facet order, not all zero.
 * @return PF_OK or PF_EARG.
 */
PF_API pf_status pf_project_set_facet_weights(pf_project *project, const double weights[PF_FACET_COUNT], pf_error *err);
/** Removes the explicit facet weights. */
PF_API void pf_project_clear_facet_weights(pf_project *project);

/** Copies the budget into `out` and returns true, or returns false when unset. */
PF_API bool pf_project_budget(const pf_project *project, double *out);
/** Sets the budget (0 to ::PF_MAX_AMOUNT, in the organisation's currency). @return PF_OK or PF_EARG. */
PF_API pf_status pf_project_set_budget(pf_project *project, double budget, pf_error *err);
/** Removes the budget. */
PF_API void pf_project_clear_budget(pf_project *project);
/** Copies the full-time equivalents into `out` and returns true, or returns false when unset. */
PF_API bool pf_project_fte(const pf_project *project, double *out);
/** Sets the full-time equivalents (0 to ::PF_MAX_FTE). @return PF_OK or PF_EARG. */
PF_API pf_status pf_project_set_fte(pf_project *project, double fte, pf_error *err);
/** Removes the full-time equivalents. */
PF_API void pf_project_clear_fte(pf_project *project);

/** Start date; all zero when unset. */
PF_API pf_date pf_project_start(const pf_project *project);
/** Sets the start date (all zero clears). @return PF_OK, or PF_EARG for a date that does not exist. */
PF_API pf_status pf_project_set_start(pf_project *project, pf_date start, pf_error *err);
/** End date; all zero when unset. */
PF_API pf_date pf_project_end(const pf_project *project);
/** Sets the end date (all zero clears). @return PF_OK, or PF_EARG for a date that does not exist. */
PF_API pf_status pf_project_set_end(pf_project *project, pf_date end, pf_error *err);

/** Number of tags (themes). */
PF_API size_t pf_project_tag_count(const pf_project *project);
/** The tag at `index`, or NULL when out of range; borrowed. */
PF_API const char *pf_project_tag_at(const pf_project *project, size_t index);
/** Appends a tag (copied). @return PF_OK, PF_EARG (empty, invalid UTF-8), PF_EEXISTS, PF_ENOMEM. */
PF_API pf_status pf_project_add_tag(pf_project *project, const char *tag, pf_error *err);
/** Removes a tag. @return PF_OK or PF_ENOTFOUND. */
PF_API pf_status pf_project_remove_tag(pf_project *project, const char *tag, pf_error *err);
/** Number of partners. */
PF_API size_t pf_project_partner_count(const pf_project *project);
/** The partner at `index`, or NULL when out of range; borrowed. */
PF_API const char *pf_project_partner_at(const pf_project *project, size_t index);
/** Appends a partner (copied). @return PF_OK, PF_EARG, PF_EEXISTS, PF_ENOMEM. */
PF_API pf_status pf_project_add_partner(pf_project *project, const char *partner, pf_error *err);
/** Removes a partner. @return PF_OK or PF_ENOTFOUND. */
PF_API pf_status pf_project_remove_partner(pf_project *project, const char *partner, pf_error *err);

/** Number of explicit links to other projects. */
PF_API size_t pf_project_link_count(const pf_project *project);
/** Copies the link at `index` into `out` (its `to` is borrowed). @return PF_OK or PF_ENOTFOUND. */
PF_API pf_status pf_project_link_at(const pf_project *project, size_t index, pf_link *out);
/**
 * Links the project to another by id. The target need not exist yet (documents
 * may refer forward); pf_doc_validate() reports links to missing projects.
 * @return PF_OK, PF_EARG (malformed id or kind, or the project itself),
 *         PF_EEXISTS (already linked to that project), PF_ENOMEM.
 */
PF_API pf_status pf_project_add_link(pf_project *project, const char *to, pf_link_kind kind, pf_error *err);
/** Removes the link to project `to`. @return PF_OK or PF_ENOTFOUND. */
PF_API pf_status pf_project_remove_link(pf_project *project, const char *to, pf_error *err);

/* ---- assessments ---- */

/** Number of assessments. */
PF_API size_t pf_doc_assessment_count(const pf_doc *doc);
/** The assessment at `index` in document order, or NULL; borrowed. */
PF_API pf_assessment *pf_doc_assessment_at(const pf_doc *doc, size_t index);
/** The assessment of this respondent, or NULL; borrowed. Constant time. */
PF_API pf_assessment *pf_doc_find_assessment(const pf_doc *doc, const char *respondent);

/**
 * Appends an assessment with no answers.
 * @param respondent  A pseudonym, unique in the document, matching `[A-Za-z0-9._-]+`; copied.
 * @param out         Receives the assessment (may be NULL); borrowed.
 * @return PF_OK, PF_EARG, PF_EEXISTS, PF_ENOMEM.
 */
PF_API pf_status pf_doc_add_assessment(pf_doc *doc, const char *respondent, pf_assessment **out, pf_error *err);
/** Removes the assessment of this respondent; the handle becomes invalid. @return PF_OK or PF_ENOTFOUND. */
PF_API pf_status pf_doc_remove_assessment(pf_doc *doc, const char *respondent, pf_error *err);

/** The respondent's pseudonym; borrowed. */
PF_API const char *pf_assessment_respondent(const pf_assessment *assessment);
/** Role, or PF_ROLE_UNSET. */
PF_API pf_role pf_assessment_role(const pf_assessment *assessment);
/** Sets the role (PF_ROLE_UNSET clears). @return PF_OK or PF_EARG. */
PF_API pf_status pf_assessment_set_role(pf_assessment *assessment, pf_role role, pf_error *err);
/** Unit the respondent belongs to, or NULL; borrowed. */
PF_API const char *pf_assessment_unit(const pf_assessment *assessment);
/** Sets the unit (copied; NULL clears). @return PF_OK, PF_EARG, PF_ENOMEM. */
PF_API pf_status pf_assessment_set_unit(pf_assessment *assessment, const char *unit, pf_error *err);
/** Date answered; all zero when unset. */
PF_API pf_date pf_assessment_date(const pf_assessment *assessment);
/** Sets the date (all zero clears). @return PF_OK or PF_EARG. */
PF_API pf_status pf_assessment_set_date(pf_assessment *assessment, pf_date date, pf_error *err);

/**
 * Answers an agreement item (forms agree, agree-half, agree-reversed).
 * @param agreement  0 strongly disagree .. 4 strongly agree.
 * @return PF_OK; PF_ENOTFOUND for an id the instrument lacks; PF_EARG for a
 *         value out of range or an item of another form.
 */
PF_API pf_status pf_assessment_set_agreement(pf_assessment *assessment, const char *item_id, int agreement, pf_error *err);
/** Answers a yes/no/unsure item. @return PF_OK, PF_ENOTFOUND or PF_EARG, as pf_assessment_set_agreement(). */
PF_API pf_status pf_assessment_set_choice(pf_assessment *assessment, const char *item_id, pf_choice choice, pf_error *err);
/**
 * Answers a rank or multi question with option ids.
 * Rank: a permutation of all the question's options, most important first.
 * Multi: distinct options; an empty list, or "none" alone, means none of them.
 * @return PF_OK; PF_ENOTFOUND for an unknown question; PF_EARG for an
 *         unknown option, a repeated one, "none" with others, or a rank that is
 *         not a permutation.
 */
PF_API pf_status pf_assessment_set_options(pf_assessment *assessment, const char *question_id, const char *const *option_ids, size_t count, pf_error *err);
/** Removes the answer to an item or question. @return PF_OK, or PF_ENOTFOUND when the id is unknown. */
PF_API pf_status pf_assessment_clear_answer(pf_assessment *assessment, const char *id, pf_error *err);
/** Number of items and questions answered. */
PF_API size_t pf_assessment_answer_count(const pf_assessment *assessment);
/** Copies the `index`-th answer, in instrument order, into `out`. @return PF_OK or PF_ENOTFOUND. */
PF_API pf_status pf_assessment_answer_at(const pf_assessment *assessment, size_t index, pf_answer *out);
/** Copies the answer to item or question `id` into `out`. @return PF_OK, or PF_ENOTFOUND when unknown or unanswered. */
PF_API pf_status pf_assessment_answer(const pf_assessment *assessment, const char *id, pf_answer *out);

#ifdef __cplusplus
}
#endif

#endif
