/**
 * @file document.h
 * @brief Reading and writing portfolio documents (YAML, and JSON as YAML).
 *
 * Reading validates the whole document: a syntax error stops it (PF_ESYNTAX),
 * a broken limit stops it (PF_ELIMIT), and every semantic problem is collected
 * (PF_EINVALID) with its file, line, column and a message beginning with the
 * key path (`projects[2].budget: ...`). On any failure no document is returned.
 * YAML aliases are refused (so no alias bomb can expand); anchors are ignored.
 */
#ifndef PORTFOLIO_DOCUMENT_H
#define PORTFOLIO_DOCUMENT_H

#include "model.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Default for pf_read_options::max_bytes: 256 MiB. */
#define PF_DEFAULT_MAX_BYTES ((size_t)256 << 20)
/** Default for pf_read_options::max_depth: mappings and sequences nested 32 deep. */
#define PF_DEFAULT_MAX_DEPTH 32
/** Default for pf_read_options::max_string: 64 KiB per scalar. */
#define PF_DEFAULT_MAX_STRING ((size_t)64 << 10)
/** Default for pf_read_options::max_items: entries in one sequence or mapping. */
#define PF_DEFAULT_MAX_ITEMS ((size_t)1000000)
/** Default for pf_read_options::max_diagnostics: problems stored (more are counted). */
#define PF_DEFAULT_MAX_DIAGNOSTICS 1000

/** Limits and choices for reading. Zero members take the documented defaults. */
typedef struct pf_read_options {
    unsigned version;        /**< ::PF_READ_OPTIONS_VERSION. */
    size_t max_bytes;        /**< Largest input accepted (::PF_DEFAULT_MAX_BYTES). */
    size_t max_depth;        /**< Deepest nesting accepted (::PF_DEFAULT_MAX_DEPTH). */
    size_t max_string;       /**< Longest scalar in bytes (::PF_DEFAULT_MAX_STRING). */
    size_t max_items;        /**< Most entries in one sequence or mapping (::PF_DEFAULT_MAX_ITEMS). */
    size_t max_diagnostics;  /**< Most problems stored in the diagnostics list (::PF_DEFAULT_MAX_DIAGNOSTICS). */
    pf_allocator allocator;  /**< Memory functions for the document; zero for the defaults. */
    /**
     * An instrument documents may name by its id (version 2). A document whose `instrument:`
     * is this instrument's id uses it (and writes that id back); other values keep their usual
     * meaning, and a document without `instrument:` keeps the built-in default. Borrowed: the
     * reader does not copy it, a document that uses it shares it (it stays valid as long as
     * such a document lives, even after pf_instrument_free()). NULL: built-in ids only.
     * Readers of anything but documents ignore it.
     */
    const struct pf_instrument *instrument;
} pf_read_options;
/** Current version of ::pf_read_options (2 added `instrument`; version-1 structs are still read). */
#define PF_READ_OPTIONS_VERSION 2
/** Initialiser for ::pf_read_options: every limit at its default, no instrument. */
#define PF_READ_OPTIONS_INIT { PF_READ_OPTIONS_VERSION, 0, 0, 0, 0, 0, { NULL, NULL, NULL, NULL }, NULL }

/**
 * Reads a document from a file.
 * @param out    Receives the document on success; the caller frees it with pf_doc_free().
 * @param path   File to read; also the source name in errors.
 * @param opts   Limits, or NULL for the defaults.
 * @param diags  Receives every problem found (may be NULL).
 * @param err    Receives the first problem (may be NULL).
 * @return PF_OK, PF_ENOTFOUND (no such file), PF_EIO, PF_ESYNTAX, PF_EINVALID, PF_ELIMIT, PF_ENOMEM
 *         or PF_EARG. After PF_ESYNTAX or PF_ELIMIT, `err` holds the problem that stopped reading.
 */
PF_API pf_status pf_doc_read_file(pf_doc **out, const char *path, const pf_read_options *opts,
                                  pf_diagnostics *diags, pf_error *err);

/**
 * Reads a document from memory; as pf_doc_read_file().
 * @param data    The bytes (UTF-8; need not be NUL-terminated); not kept.
 * @param size    Number of bytes.
 * @param source  Name used in errors (e.g. "<stdin>"), or NULL for "<buffer>".
 */
PF_API pf_status pf_doc_read_buffer(pf_doc **out, const char *data, size_t size, const char *source,
                                    const pf_read_options *opts, pf_diagnostics *diags, pf_error *err);

/**
 * Writes the document as YAML in the canonical layout: keys in the format's
 * order, every set field, nothing else. Deterministic and locale-independent;
 * reading the output gives an equal document.
 * @param out  Receives the text (replacing any content; left empty on failure); the caller releases it
 *             with pf_buf_dispose().
 * @return PF_OK, PF_ENOMEM, or PF_EARG for a NULL argument.
 */
PF_API pf_status pf_doc_write_buf(const pf_doc *doc, pf_buf *out, pf_error *err);

/**
 * Writes the document as YAML to a file, atomically: the file is either
 * replaced whole or left as it was. A replaced file keeps its permissions; a new one is rw-r--r--.
 * @return PF_OK, PF_EIO, PF_ENOMEM, or PF_EARG for a NULL argument.
 */
PF_API pf_status pf_doc_write_file(const pf_doc *doc, const char *path, pf_error *err);

#ifdef __cplusplus
}
#endif

#endif
