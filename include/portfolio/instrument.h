/**
 * @file instrument.h
 * @brief Instruments: the questionnaire an assessment answers and how each
 *        answer scores, read from instrument files (docs/instrument.md).
 *
 * An instrument has questions in two parts (orientation, capability). Agree
 * and yes-no questions are answered item by item; rank and multi questions
 * are answered as a whole with their options. The default instrument,
 * `opsi-pet-2020`, is built into the library.
 *
 * Reading an instrument file validates all of it, like reading a document
 * (see document.h): a syntax error or a broken limit stops reading, every
 * other problem is collected with its file, line, column and key path.
 *
 * Texts (title, questions, items, options) may be given in several languages;
 * the plain getters give the instrument's own language, the `_in` getters the
 * language asked for, with fallbacks (pf_instrument_title_in()).
 *
 * An instrument is immutable once read: strings and value structs returned by
 * its getters are borrowed from it and stay valid until pf_instrument_free().
 * One instrument may be read from several threads at once.
 */
#ifndef PORTFOLIO_INSTRUMENT_H
#define PORTFOLIO_INSTRUMENT_H

#include "document.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A questionnaire with its scoring. Read with pf_instrument_read_file(); free with pf_instrument_free(). */
typedef struct pf_instrument pf_instrument;

/** The format version of instrument files this library reads (`instrument: 1`). */
#define PF_INSTRUMENT_FORMAT_VERSION 1
/** Most options a rank question can have (a rank answer packs 4 bits per place). */
#define PF_MAX_RANK_OPTIONS 16
/**
 * Largest number an instrument file may give (points, rank points, pet_scale, capability_base and
 * levels): 10^6. With it, and ::PF_INSTRUMENT_MIN_NUMBER, every score is finite and printable.
 */
#define PF_INSTRUMENT_MAX_NUMBER 1e6
/** Smallest number above 0 an instrument file may give: 10^-6 (0 itself is allowed but for pet_scale). */
#define PF_INSTRUMENT_MIN_NUMBER 1e-6
/** Most languages one instrument's texts can be given in, its own language included. */
#define PF_INSTRUMENT_MAX_LANGUAGES 64

/** One question, as the instrument file gives it. */
typedef struct pf_question_info {
    const char *id;            /**< Question id (`q2`); borrowed from the instrument. */
    const char *text;          /**< The question, in the language asked for (the `_in` getter) or the
                                    instrument's own; borrowed. */
    pf_part part;              /**< The part it belongs to. */
    pf_form form;              /**< How it is answered; items may override an agree form. */
    size_t item_count;         /**< Agree and yes-no questions: items; 0 for rank and multi. */
    size_t option_count;       /**< Rank and multi questions: options; 0 otherwise. */
    const double *rank_points; /**< Rank: points by place, first place first (option_count values);
                                    NULL otherwise; borrowed. */
} pf_question_info;

/** One item of an agree or yes-no question: what a respondent answers in one go. */
typedef struct pf_item_info {
    const char *id;          /**< Item id, unique in the instrument (`q1.mission`, `q18a`); borrowed. */
    const char *text;        /**< The statement, in the language asked for or the instrument's own; borrowed. */
    pf_form form;            /**< agree, agree-half, agree-reversed or yes-no. */
    pf_facet facet;          /**< Orientation items: the facet it scores; PF_FACET_UNSET otherwise. */
    pf_dimension dimension;  /**< Capability items: the dimension it scores; PF_DIMENSION_UNSET otherwise. */
    double points[PF_CHOICE_COUNT]; /**< Yes-no items: points for yes, no, unsure (pf_choice order); 0 otherwise. */
} pf_item_info;

/** One option of a rank or multi question. */
typedef struct pf_option_info {
    const char *id;   /**< Option id, unique in its question (`mission`, `adaptive2`); borrowed. */
    const char *text; /**< What the option says, in the language asked for or the instrument's own; borrowed. */
    pf_facet facet;   /**< The facet it scores. */
    double points;    /**< Multi: points when selected; rank: 0 (places score, see pf_question_info::rank_points). */
} pf_option_info;

/** The instrument's scoring constants and the ranges its items can reach. */
typedef struct pf_instrument_scoring_info {
    double pet_scale;       /**< `pet` mode: facet pct = round(raw / pet_scale * 100). */
    double capability_base; /**< Added to the capability items' points to give the capability score. */
    double level_medium;    /**< Capability score from which the level is medium. */
    double level_high;      /**< Capability score from which the level is high. */
    double facet_max[PF_FACET_COUNT];         /**< Most raw points each facet can reach. */
    double dimension_min[PF_DIMENSION_COUNT]; /**< Least points each dimension can reach. */
    double dimension_max[PF_DIMENSION_COUNT]; /**< Most points each dimension can reach. */
} pf_instrument_scoring_info;

/**
 * Reads an instrument file.
 * @param path   File to read; also the source name in errors.
 * @param opts   Limits and allocator, or NULL for the defaults.
 * @param out    Receives the instrument on success; the caller frees it with pf_instrument_free().
 * @param diags  Receives every problem found (may be NULL).
 * @param err    Receives the first problem (may be NULL).
 * @return PF_OK, PF_ENOTFOUND (no such file), PF_EIO, PF_ESYNTAX, PF_EINVALID, PF_ELIMIT, PF_ENOMEM
 *         or PF_EARG. After PF_ESYNTAX or PF_ELIMIT, `err` holds the problem that stopped reading.
 */
PF_API pf_status pf_instrument_read_file(const char *path, const pf_read_options *opts, pf_instrument **out,
                                         pf_diagnostics *diags, pf_error *err);

/**
 * Reads an instrument from memory; as pf_instrument_read_file().
 * @param data    The bytes (UTF-8; need not be NUL-terminated); not kept.
 * @param size    Number of bytes.
 * @param source  Name used in errors, or NULL for "<buffer>".
 * @param opts    Limits and allocator, or NULL for the defaults.
 * @param out     Receives the instrument; the caller frees it with pf_instrument_free().
 * @param diags   Receives every problem found (may be NULL).
 * @param err     Receives the first problem (may be NULL).
 */
PF_API pf_status pf_instrument_read_buffer(const char *data, size_t size, const char *source, const pf_read_options *opts,
                                           pf_instrument **out, pf_diagnostics *diags, pf_error *err);

/**
 * Opens the built-in default instrument, ::PF_DEFAULT_INSTRUMENT (no file is read).
 * @param allocator  Memory functions, or NULL for the defaults; copied.
 * @param out        Receives the instrument; the caller frees it with pf_instrument_free().
 * @return PF_OK, PF_ENOMEM, or PF_EARG when out is NULL.
 */
PF_API pf_status pf_instrument_open_default(const pf_allocator *allocator, pf_instrument **out, pf_error *err);

/**
 * Frees the instrument and everything borrowed from it, or, while documents read with it as
 * pf_read_options::instrument still share it, lets go of the caller's hold: the last of them
 * to be freed frees it. Safe when those documents are freed on other threads. Accepts NULL.
 */
PF_API void pf_instrument_free(pf_instrument *inst);

/** The instrument's id (`opsi-pet-2020`); borrowed from the instrument. */
PF_API const char *pf_instrument_id(const pf_instrument *inst);
/** The instrument's title, in its own language (see pf_instrument_title_in()); borrowed from the instrument. */
PF_API const char *pf_instrument_title(const pf_instrument *inst);
/** Copies the scoring constants and ranges into `out`. @return PF_OK, or PF_EARG for a NULL argument. */
PF_API pf_status pf_instrument_scoring(const pf_instrument *inst, pf_instrument_scoring_info *out);

/** Number of questions, in file order. */
PF_API size_t pf_instrument_question_count(const pf_instrument *inst);
/**
 * Describes question `index` (0-based, file order).
 * @param out  Receives the description; its strings are borrowed from the instrument.
 * @return PF_OK, PF_ENOTFOUND when index is out of range, or PF_EARG for a NULL argument.
 */
PF_API pf_status pf_instrument_question_at(const pf_instrument *inst, size_t index, pf_question_info *out);
/**
 * Describes item `index` of question `question` (an agree or yes-no question).
 * @param out  Receives the description; its strings are borrowed from the instrument.
 * @return PF_OK, PF_ENOTFOUND when either index is out of range (rank and multi questions
 *         have no items), or PF_EARG for a NULL argument.
 */
PF_API pf_status pf_instrument_item_at(const pf_instrument *inst, size_t question, size_t index,
                                       pf_item_info *out);
/**
 * Describes option `index` of question `question` (a rank or multi question).
 * @param out  Receives the description; its strings are borrowed from the instrument.
 * @return PF_OK, PF_ENOTFOUND when either index is out of range (agree and yes-no questions
 *         have no options), or PF_EARG for a NULL argument.
 */
PF_API pf_status pf_instrument_option_at(const pf_instrument *inst, size_t question, size_t index,
                                         pf_option_info *out);

/* ---- texts in other languages (docs/instrument.md, "Languages") ---- */

/**
 * Number of languages the instrument's texts are given in: 1 (its own language) and
 * one more for every other language tag its texts use. 0 for a NULL instrument.
 */
PF_API size_t pf_instrument_language_count(const pf_instrument *inst);

/**
 * Language tag `index`, as the file writes it (`en`, `fr`, `fr-CA`). Index 0 is the
 * instrument's own language (its `language:` key, default `en`): the language of its
 * plain texts and the fallback of every text. The others follow in the order they
 * first appear in the file. Not every text need be given in every language.
 * @return The tag, borrowed from the instrument; NULL when index is out of range or inst is NULL.
 */
PF_API const char *pf_instrument_language_at(const pf_instrument *inst, size_t index);

/**
 * The instrument's title in a language. Every `*_in` getter picks a text the same way:
 * the text given in `lang` exactly (ASCII case ignored, `_` read as `-`); else in `lang`
 * without its last subtag, repeatedly (`fr-CA` falls back to `fr`); else the text in the
 * instrument's own language, which every text has. `lang` NULL (or a language the
 * instrument does not know) gives the instrument's own language, as pf_instrument_title().
 * @return The title, borrowed from the instrument; NULL when inst is NULL.
 */
PF_API const char *pf_instrument_title_in(const pf_instrument *inst, const char *lang);

/**
 * As pf_instrument_question_at(), with the question's text in `lang` (chosen as
 * pf_instrument_title_in() says; NULL: the instrument's own language).
 * @param out  Receives the description; its strings are borrowed from the instrument.
 * @return PF_OK, PF_ENOTFOUND when index is out of range, or PF_EARG for a NULL inst or out.
 */
PF_API pf_status pf_instrument_question_in(const pf_instrument *inst, size_t index, const char *lang,
                                           pf_question_info *out);

/**
 * As pf_instrument_item_at(), with the item's text in `lang` (chosen as
 * pf_instrument_title_in() says; NULL: the instrument's own language).
 * @param out  Receives the description; its strings are borrowed from the instrument.
 * @return PF_OK, PF_ENOTFOUND when either index is out of range, or PF_EARG for a NULL inst or out.
 */
PF_API pf_status pf_instrument_item_in(const pf_instrument *inst, size_t question, size_t index, const char *lang,
                                       pf_item_info *out);

/**
 * As pf_instrument_option_at(), with the option's text in `lang` (chosen as
 * pf_instrument_title_in() says; NULL: the instrument's own language).
 * @param out  Receives the description; its strings are borrowed from the instrument.
 * @return PF_OK, PF_ENOTFOUND when either index is out of range, or PF_EARG for a NULL inst or out.
 */
PF_API pf_status pf_instrument_option_in(const pf_instrument *inst, size_t question, size_t index,
                                         const char *lang, pf_option_info *out);

/* ---- documents and their instrument ---- */

/** The instrument the document's answers refer to; borrowed, valid until the document changes instrument or is freed. */
PF_API const pf_instrument *pf_doc_instrument(const pf_doc *doc);

/**
 * The instrument file the document names, exactly as written in it (or as given to
 * pf_doc_set_instrument_file()), or NULL when the instrument is a built-in one; borrowed.
 * Writing the document writes this path back unchanged.
 */
PF_API const char *pf_doc_instrument_path(const pf_doc *doc);

/**
 * Changes how the document names its instrument file, keeping the instrument it
 * holds: for writing the document into another directory, where a relative
 * path must be relative to the new place. Nothing is read.
 * @param path  The new name; copied. It must read as a file (contain '/' or end in
 *              `.yaml` or `.yml`), as the `instrument` key requires.
 * @return PF_OK; PF_EARG when the document's instrument is not from a file or path is
 *         NULL or not a file name; PF_ENOMEM.
 */
PF_API pf_status pf_doc_set_instrument_path(pf_doc *doc, const char *path, pf_error *err);

/**
 * Makes the document use the instrument read from a file. Only a document
 * without assessments can change instrument. The path is kept as given and
 * written back as `instrument: <path>`; a relative path is read from the
 * current directory here (a document's own `instrument:` path is read
 * relative to the document's directory).
 * @param path   The instrument file; copied.
 * @param diags  Receives every problem of the instrument file (may be NULL).
 * @param err    Receives the first problem (may be NULL).
 * @return PF_OK; PF_EARG when assessments exist or path is NULL; the status of
 *         pf_instrument_read_file() when the file cannot be used; PF_ENOMEM.
 */
PF_API pf_status pf_doc_set_instrument_file(pf_doc *doc, const char *path, pf_diagnostics *diags, pf_error *err);

#ifdef __cplusplus
}
#endif

#endif
