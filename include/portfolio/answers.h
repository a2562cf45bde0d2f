/**
 * @file answers.h
 * @brief Answers in: blank templates to fill in, and collecting answers files
 *        into a portfolio (docs/format.md, section 8).
 *
 * An *answers file* is a portfolio document that holds only `portfolio: 1`, the
 * `instrument` its answers are to (by id) and one or more `assessments`: what one
 * respondent (or a few) sends back, as the questionnaire template and the HTML form save it.
 * Collecting folds answers files into a portfolio, all or nothing: when any file is
 * refused the portfolio is left exactly as it was and every problem is reported.
 */
#ifndef PORTFOLIO_ANSWERS_H
#define PORTFOLIO_ANSWERS_H

#include "instrument.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Choices for pf_instrument_template(). Zero members take the documented defaults. */
typedef struct pf_template_options {
    unsigned version; /**< ::PF_TEMPLATE_OPTIONS_VERSION. */
    /**
     * Language tag of the template's notes (`en`, `fr`; others and NULL: English) and of the
     * instrument's texts, chosen as pf_instrument_title_in() says (NULL: the instrument's own).
     * Borrowed for the call.
     */
    const char *lang;
} pf_template_options;
/** Current version of ::pf_template_options. */
#define PF_TEMPLATE_OPTIONS_VERSION 1
/** Initialiser for ::pf_template_options: English, the instrument's own texts. */
#define PF_TEMPLATE_OPTIONS_INIT { PF_TEMPLATE_OPTIONS_VERSION, NULL }

/**
 * Writes a blank answers file for the instrument: YAML with `portfolio: 1`, `instrument: <id>`
 * and one assessment whose `respondent`, `role`, `unit`, `date` and every answer id of the
 * instrument (in slot order) have empty values. Comments before each answer give the question
 * (number, id and text, once per question), the item's statement and the answer scale with the
 * meaning of each value. Every line of a comment begins with `#`, whatever the instrument's
 * texts hold. Filled in, it is an answers file; blank, the only problem it has is its missing
 * respondent. Deterministic and locale-independent.
 * @param inst  The instrument; borrowed.
 * @param opts  Language, or NULL for the defaults.
 * @param out   Receives the text (replacing any content; left empty on failure); the caller
 *              releases it with pf_buf_dispose().
 * @param err   Receives the problem on failure (may be NULL).
 * @return PF_OK, PF_ENOMEM, or PF_EARG for a NULL argument or an unknown options version.
 */
PF_API pf_status pf_instrument_template(const pf_instrument *inst, const pf_template_options *opts, pf_buf *out,
                                        pf_error *err);

/** Choices for pf_doc_collect_files(). Zero members take the documented defaults. */
typedef struct pf_collect_options {
    unsigned version; /**< ::PF_COLLECT_OPTIONS_VERSION. */
    /** Replace the assessment of a respondent the portfolio already has (it keeps its place);
        false (the default) refuses such a file. */
    bool replace;
    /**
     * Limits for reading the answers files, or NULL for the defaults; borrowed for the call.
     * Its `allocator` and `instrument` are not used: answers files are read with the
     * portfolio's allocator and against the portfolio's instrument.
     */
    const pf_read_options *read;
} pf_collect_options;
/** Current version of ::pf_collect_options. */
#define PF_COLLECT_OPTIONS_VERSION 1
/** Initialiser for ::pf_collect_options: refuse known respondents, default limits. */
#define PF_COLLECT_OPTIONS_INIT { PF_COLLECT_OPTIONS_VERSION, false, NULL }

/**
 * What a collect did, or would have done when it was refused. An answers file is taken whole
 * or refused whole.
 */
typedef struct pf_collect_summary {
    size_t files;    /**< Answers files given. */
    size_t added;    /**< Assessments of accepted files by respondents new to the portfolio. */
    size_t replaced; /**< Assessments of accepted files that replace a respondent's (with `replace`). */
    size_t refused;  /**< Answers files refused (unreadable, invalid, another instrument, a known or repeated respondent). */
} pf_collect_summary;

/**
 * Adds the assessments of answers files to the document, in the order of the files and of the
 * assessments in each; a replaced assessment keeps its place. Each file is read as a document
 * (YAML or JSON) against the document's instrument and refused when it has any problem: a
 * reading or validation problem, a key other than `portfolio`, `instrument` and `assessments`,
 * no assessment, an instrument other than the document's (named by id; without `instrument:`
 * the default), a respondent the document already has (unless opts->replace), or a respondent
 * that another file of the same call holds too.
 *
 * All or nothing: when a file is refused, or memory runs out, the document is left exactly as
 * it was. Every problem of every file is listed in `diags`, file by file in the order given,
 * as `FILE:LINE:COLUMN` (a known respondent at its `respondent` value, naming where the
 * document's own is). Collected assessments carry no source position (they were not read from
 * the document's file). Linear in the number of assessments.
 * @param doc      The portfolio; changed only on success.
 * @param paths    The answers files (also their names in problems); borrowed.
 * @param count    Number of paths (0: nothing to do).
 * @param opts     Options, or NULL for the defaults.
 * @param summary  Receives the counts, on success and when files were refused (may be NULL).
 * @param diags    Receives every problem (may be NULL).
 * @param err      Receives the first problem (may be NULL).
 * @return PF_OK; on refusal the status of the first problem (PF_ENOTFOUND or PF_EIO for a file
 *         that cannot be read, PF_ESYNTAX, PF_ELIMIT, PF_EINVALID, PF_EEXISTS for a known or
 *         repeated respondent); PF_ENOMEM; PF_EARG for a NULL argument or an unknown options version.
 */
PF_API pf_status pf_doc_collect_files(pf_doc *doc, const char *const *paths, size_t count,
                                      const pf_collect_options *opts, pf_collect_summary *summary,
                                      pf_diagnostics *diags, pf_error *err);

/**
 * As pf_doc_collect_files() for one answers file held in memory.
 * @param doc      The portfolio; changed only on success.
 * @param data     The bytes (UTF-8; need not be NUL-terminated); not kept.
 * @param size     Number of bytes.
 * @param source   Name used in problems, or NULL for "<buffer>".
 * @param opts     Options, or NULL for the defaults.
 * @param summary  Receives the counts (may be NULL).
 * @param diags    Receives every problem (may be NULL).
 * @param err      Receives the first problem (may be NULL).
 */
PF_API pf_status pf_doc_collect_buffer(pf_doc *doc, const char *data, size_t size, const char *source,
                                       const pf_collect_options *opts, pf_collect_summary *summary,
                                       pf_diagnostics *diags, pf_error *err);

#ifdef __cplusplus
}
#endif

#endif
