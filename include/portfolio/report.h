/**
 * @file report.h
 * @brief Reports: the whole analysis of a portfolio (orientation, capability,
 *        project map, recommendations, relations between projects) as text for
 *        a terminal, Markdown, a self-contained HTML page with SVG charts, JSON,
 *        or CSV tables for pipelines.
 *
 * The same functions serve programs, bindings and the `portfolio report`
 * command, so every route gives the same bytes. Output is deterministic and
 * locale-independent.
 */
#ifndef PORTFOLIO_REPORT_H
#define PORTFOLIO_REPORT_H

#include "advice.h"
#include "relations.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The shape of a report. */
typedef enum pf_report_format {
    PF_REPORT_TEXT = 0,            /**< Plain text for a terminal, 80 columns (ANSI colour on request). */
    PF_REPORT_MARKDOWN = 1,        /**< Markdown with tables. */
    PF_REPORT_HTML = 2,            /**< One self-contained HTML page with inline CSS and SVG charts. */
    PF_REPORT_JSON = 3,            /**< The complete result (docs/json.md). */
    PF_REPORT_CSV = 4,             /**< One row per project (RFC 4180). */
    PF_REPORT_CSV_ASSESSMENTS = 5  /**< One row per assessment (RFC 4180). */
} pf_report_format;
/** Number of report formats. */
#define PF_REPORT_FORMAT_COUNT 6

/** Identifier of a format ("md", "csv-assessments"), or NULL when out of range. */
PF_API const char *pf_report_format_name(pf_report_format format);
/** Parses a format identifier: text, md, html, json, csv, csv-assessments. @return PF_OK or PF_EARG. */
PF_API pf_status pf_report_format_from_name(const char *name, pf_report_format *out);

/** Choices for a report. */
typedef struct pf_report_options {
    unsigned version;          /**< ::PF_REPORT_OPTIONS_VERSION. */
    pf_report_format format;   /**< The shape (default: text). */
    const char *lang;          /**< "en" (default) or "fr": headings, labels and recommendations. */
    pf_score_mode mode;        /**< Scoring mode (default: as the PET). */
    pf_weighting weighting;    /**< Project weighting (default: count). */
    bool color;                /**< Text only: ANSI colours (for a terminal that wants them). */
    bool anonymous;            /**< Leave respondent pseudonyms and units out (counts and statistics stay). */
    const pf_rules *rules;     /**< Recommendation catalogue, or NULL for the default one; borrowed. */
    double completeness_floor; /**< Since version 2: as pf_score_options::completeness_floor (default 0.5). */
    bool include_incomplete;   /**< Since version 2: as pf_score_options::include_incomplete. */
    /**
     * Since version 2. An earlier document of the same organisation, or NULL: the report then adds a
     * section on the change since it (headline metrics in words, both diamonds, projects added,
     * removed or moved to another zone; docs/reports.md), compared as pf_doc_compare() does with
     * the report's mode and weighting. Documents whose assessments answer different instruments
     * are refused (PF_EINVALID). Borrowed: it must outlive the call.
     */
    const pf_doc *since;
    /** Since version 2. Text, Markdown and HTML: add a row per respondent (pseudonym, scores, share of the
        questions answered); by default only aggregates are shown. Ignored with `anonymous`. JSON and
        csv-assessments always hold every respondent (docs/reports.md). */
    bool respondents;
    /** Since version 2. Text, Markdown and HTML show a role's means only when it has at least this many
        respondents (0: the default, 3), else "fewer than N respondents"; its answers still count
        overall. JSON keeps every group and names the small ones in its summary. */
    unsigned min_group;
} pf_report_options;
/** Current version of ::pf_report_options (version 1, which ends before `completeness_floor`, is still accepted). */
#define PF_REPORT_OPTIONS_VERSION 2
/** Initialiser for ::pf_report_options. */
#define PF_REPORT_OPTIONS_INIT                                                                                         \
    { PF_REPORT_OPTIONS_VERSION, PF_REPORT_TEXT, NULL, PF_SCORE_PET, PF_WEIGHT_COUNT, false, false, NULL, 0, false, NULL, \
      false, 0 }

/**
 * Analyses the document and writes the report.
 * @param opts  Choices, or NULL for the defaults.
 * @param out   Receives the report (replacing its content); the caller releases it with pf_buf_dispose().
 * @return PF_OK, PF_EARG, PF_EINVALID (with `since`: the documents answer different instruments) or PF_ENOMEM.
 */
PF_API pf_status pf_doc_report(const pf_doc *doc, const pf_report_options *opts, pf_buf *out, pf_error *err);

/**
 * Analyses the document and writes the same report as pf_doc_report(),
 * handed to `sink` as it is made (about 64 KiB at a time), so a report of any
 * size takes no more memory than the analysis: for serving it or piping it
 * on. The analysis is done first: a report refused for its input calls the
 * sink not at all.
 * @param opts  Choices, or NULL for the defaults.
 * @param sink  Receives the report; borrowed for the call.
 * @return PF_OK, PF_EARG, PF_EINVALID (as pf_doc_report()), PF_ENOMEM, or the
 *         status the sink stopped it with (the sink then has part of the report).
 */
PF_API pf_status pf_doc_report_to(const pf_doc *doc, const pf_report_options *opts, const pf_sink *sink,
                                  pf_error *err);

/**
 * Writes the report to a file atomically: a failure leaves no partial file and
 * keeps any previous one. The report streams into a temporary file beside it,
 * created once the analysis has succeeded, which is renamed over the file at
 * the end. Symbolic links, devices and FIFOs are written as
 * pf_buf_write_file() writes them (a device or FIFO as the report is made).
 * @return PF_OK, PF_EARG, PF_EIO or PF_ENOMEM.
 */
PF_API pf_status pf_doc_report_file(const pf_doc *doc, const pf_report_options *opts, const char *path,
                                    pf_error *err);

#ifdef __cplusplus
}
#endif

#endif
