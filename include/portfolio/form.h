/**
 * @file form.h
 * @brief Questionnaire forms: an instrument as one self-contained, accessible
 *        HTML page that people fill in and save as a portfolio document
 *        (docs/form.md).
 *
 * The page needs no network and no other file: its style and script are
 * inline, behind a Content-Security-Policy that forbids every outside
 * resource. Without JavaScript it is a printable questionnaire; with it, it
 * shows progress, keeps unsaved answers in the browser, saves the answers as a
 * YAML portfolio document holding one assessment, and loads such a file back.
 * Each control's `name` is the item or question id it answers, as in
 * documents (docs/format.md, section 4).
 */
#ifndef PORTFOLIO_FORM_H
#define PORTFOLIO_FORM_H

#include "instrument.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Choices for a form. */
typedef struct pf_form_options {
    unsigned version; /**< ::PF_FORM_OPTIONS_VERSION. */
    const char *lang; /**< "en" (default, also for NULL) or "fr": the page's words and the instrument's texts. */
} pf_form_options;
/** Current version of ::pf_form_options. */
#define PF_FORM_OPTIONS_VERSION 1
/** Initialiser for ::pf_form_options. */
#define PF_FORM_OPTIONS_INIT { PF_FORM_OPTIONS_VERSION, NULL }

/**
 * Writes the instrument's questionnaire as one HTML page. The output depends
 * only on the instrument and the options.
 * @param inst  The instrument (the default one or one read from a file); borrowed.
 * @param opts  Choices, or NULL for the defaults.
 * @param out   Receives the page (replacing its content); the caller releases it with
 *              pf_buf_dispose() or writes it with pf_buf_write_file(). Unchanged on failure.
 * @param err   Receives the problem on failure (may be NULL).
 * @return PF_OK; PF_EARG for a NULL argument, an unknown options version or a language
 *         other than "en" and "fr"; PF_ENOMEM.
 */
PF_API pf_status pf_instrument_form_html(const pf_instrument *inst, const pf_form_options *opts, pf_buf *out,
                                         pf_error *err);

#ifdef __cplusplus
}
#endif

#endif
