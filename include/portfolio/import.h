/**
 * @file import.h
 * @brief Importing answers and projects from CSV files written by spreadsheets
 *        and survey tools (docs/import.md).
 *
 * An answers file has one row per respondent and gives a document with one
 * assessment per row; a projects file has one row per project and gives a
 * document with one project per row. The first non-blank row names the
 * columns: with the format's own names (`respondent`, `q1.mission`, `budget`),
 * or with any headers a mapping file (::pf_import_map) translates.
 *
 * Importing checks every cell with the rules of the document format and
 * reports every problem as `FILE:ROW:COLUMN: message`, where ROW is the
 * record number (the first record is row 1, blank rows count) and COLUMN the
 * 1-based position of the cell in its row; each message begins with the
 * column's header. A broken quote, invalid UTF-8 or a broken limit stops
 * reading; any problem means no document is returned.
 */
#ifndef PORTFOLIO_IMPORT_H
#define PORTFOLIO_IMPORT_H

#include "instrument.h"

#ifdef __cplusplus
extern "C" {
#endif

/** What a CSV file (and a mapping file) describes. */
typedef enum pf_import_kind {
    PF_IMPORT_ANSWERS = 0,  /**< One row per respondent: assessments. */
    PF_IMPORT_PROJECTS = 1  /**< One row per project. */
} pf_import_kind;

/**
 * A mapping file: which column header gives which field, item or question, and
 * extra words for answers and project values. Read with
 * pf_import_map_read_file(); free with pf_import_map_free(). Immutable once
 * read, so one map may be used by several threads at once.
 */
typedef struct pf_import_map pf_import_map;

/**
 * Reads a mapping file (YAML, format in docs/import.md), checking all of it
 * like every reader: every problem is reported with file, line, column and key
 * path. Column targets naming items of an instrument are checked when the map
 * is used, against that import's instrument.
 * @param path   File to read; also the source name in errors.
 * @param opts   Limits and allocator, or NULL for the defaults.
 * @param out    Receives the map on success; the caller frees it with pf_import_map_free().
 * @param diags  Receives every problem found (may be NULL).
 * @param err    Receives the first problem (may be NULL).
 * @return PF_OK, PF_ENOTFOUND (no such file), PF_EIO, PF_ESYNTAX, PF_EINVALID, PF_ELIMIT, PF_ENOMEM or PF_EARG.
 */
PF_API pf_status pf_import_map_read_file(const char *path, const pf_read_options *opts, pf_import_map **out,
                                         pf_diagnostics *diags, pf_error *err);

/**
 * Reads a mapping file from memory; as pf_import_map_read_file().
 * @param data    The bytes (UTF-8; need not be NUL-terminated); not kept.
 * @param size    Number of bytes.
 * @param source  Name used in errors, or NULL for "<buffer>"; copied.
 * @param opts    Limits and allocator, or NULL for the defaults.
 * @param out     Receives the map; the caller frees it with pf_import_map_free().
 * @param diags   Receives every problem found (may be NULL).
 * @param err     Receives the first problem (may be NULL).
 */
PF_API pf_status pf_import_map_read_buffer(const char *data, size_t size, const char *source, const pf_read_options *opts,
                                           pf_import_map **out, pf_diagnostics *diags, pf_error *err);

/** Frees the map. Accepts NULL. */
PF_API void pf_import_map_free(pf_import_map *map);

/** What the map is for (its `kind:`); PF_IMPORT_ANSWERS for NULL. */
PF_API pf_import_kind pf_import_map_kind(const pf_import_map *map);

/** Choices for the imports. Zero members take the documented defaults. */
typedef struct pf_import_options {
    unsigned version;              /**< ::PF_IMPORT_OPTIONS_VERSION. */
    const pf_read_options *read;   /**< Limits for the CSV file and an instrument file, and the allocator of
                                        the document made; NULL for the defaults. Borrowed for the call. */
    const pf_import_map *map;      /**< Headers to fields, items and questions, and extra words; NULL when
                                        the headers are the format's names. Borrowed for the call; its kind
                                        must match the import. */
    const char *instrument;        /**< Answers: the instrument the answers refer to, as
                                        pf_doc_set_instrument() takes it: a built-in id, or a file when it
                                        contains '/' or ends in .yaml or .yml (read from the current
                                        directory). The document names it by its id, as answers files do
                                        (read it back with pf_read_options::instrument). NULL:
                                        ::PF_DEFAULT_INSTRUMENT.
                                        Ignored by projects imports. Borrowed for the call. */
    char separator;                /**< ',' or ';'; 0 takes the map's `separator`, else the one that splits
                                        the header row into more cells (a comma on a tie). */
} pf_import_options;
/** Current version of ::pf_import_options. */
#define PF_IMPORT_OPTIONS_VERSION 1
/** Initialiser for ::pf_import_options: default limits, no map, the default instrument, detected separator. */
#define PF_IMPORT_OPTIONS_INIT { PF_IMPORT_OPTIONS_VERSION, NULL, NULL, NULL, 0 }

/**
 * Imports answers from a CSV file: one row per respondent, giving a document
 * with the chosen instrument and one assessment per row, in file order.
 * @param path   The CSV file; also the source name in errors.
 * @param opts   Choices, or NULL for the defaults.
 * @param out    Receives the document on success; the caller frees it with pf_doc_free().
 * @param diags  Receives every problem found, sorted by position (may be NULL); the mapping file's
 *               problems follow the CSV file's, then those of an instrument file.
 * @param err    Receives the first problem (may be NULL).
 * @return PF_OK; PF_ENOTFOUND (no such file, or an unknown built-in instrument); PF_EIO; PF_ESYNTAX
 *         (quoting, UTF-8); PF_EINVALID (a bad header or cell); PF_ELIMIT; PF_ENOMEM; or PF_EARG (a NULL
 *         argument, an unknown options version or separator, a map of the other kind). No document is
 *         returned unless every row is valid.
 */
PF_API pf_status pf_import_answers_file(const char *path, const pf_import_options *opts, pf_doc **out,
                                        pf_diagnostics *diags, pf_error *err);

/**
 * Imports answers from CSV bytes in memory; as pf_import_answers_file().
 * @param data    The bytes; not kept.
 * @param size    Number of bytes.
 * @param source  Name used in errors (e.g. "<stdin>"), or NULL for "<buffer>".
 */
PF_API pf_status pf_import_answers_buffer(const char *data, size_t size, const char *source, const pf_import_options *opts,
                                          pf_doc **out, pf_diagnostics *diags, pf_error *err);

/**
 * Imports projects from a CSV file: one row per project, giving a document
 * with one project per row, in file order, checked as a document's projects
 * are (links must name a project of the file). Arguments and results as
 * pf_import_answers_file().
 */
PF_API pf_status pf_import_projects_file(const char *path, const pf_import_options *opts, pf_doc **out,
                                         pf_diagnostics *diags, pf_error *err);

/** Imports projects from CSV bytes in memory; as pf_import_projects_file() and pf_import_answers_buffer(). */
PF_API pf_status pf_import_projects_buffer(const char *data, size_t size, const char *source, const pf_import_options *opts,
                                           pf_doc **out, pf_diagnostics *diags, pf_error *err);

#ifdef __cplusplus
}
#endif

#endif
