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

/**
 * The files a document may name (its `instrument:` file; version 3 of ::pf_read_options).
 * A program reading documents it does not trust picks ::PF_REFERENCED_FILES_DOCUMENT_FOLDER
 * or ::PF_REFERENCED_FILES_NONE, so a document cannot make it read files it should not.
 * Whatever the choice, problems in a named file are reported with its name and positions
 * but never quote it (docs/instrument.md).
 */
typedef enum pf_referenced_files {
    /** Any file the program can read: a relative path from the document's folder, or an absolute path. */
    PF_REFERENCED_FILES_ANY = 0,
    /**
     * Only files inside the document's folder: relative paths without `..` that resolve
     * (following symbolic links) inside it. A document read from memory has the folder
     * pf_read_options::base_folder, and without one names no file.
     */
    PF_REFERENCED_FILES_DOCUMENT_FOLDER,
    /** No file: a document that names one is refused (ids still work). */
    PF_REFERENCED_FILES_NONE
} pf_referenced_files;

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
    /**
     * The files a document may name (version 3); ::PF_REFERENCED_FILES_ANY, the default,
     * is how earlier versions read. Readers of anything but documents ignore it; every reader
     * refuses a value outside the enumeration (PF_EARG).
     */
    pf_referenced_files referenced_files;
    /**
     * The folder a document read from memory is taken to be in (version 3): relative file
     * names are read from it, and with ::PF_REFERENCED_FILES_DOCUMENT_FOLDER it is the folder
     * files must be in. Borrowed for the call. NULL: a document read from memory names files
     * relative to the folder part of its source name (else the current directory), or, when
     * confined to its folder, none. Documents read from a file use the file's folder.
     */
    const char *base_folder;
} pf_read_options;
/**
 * Current version of ::pf_read_options (2 added `instrument`, 3 `referenced_files` and
 * `base_folder`); structs of versions 1 and 2 are still read, up to their own end.
 */
#define PF_READ_OPTIONS_VERSION 3
/** Initialiser for ::pf_read_options: every limit at its default, no instrument, any named file. */
#define PF_READ_OPTIONS_INIT                                                                                      \
    { PF_READ_OPTIONS_VERSION, 0, 0, 0, 0, 0, { NULL, NULL, NULL, NULL }, NULL, PF_REFERENCED_FILES_ANY, NULL }

/**
 * Reads a document from a file.
 * @param path   File to read; also the source name in errors.
 * @param opts   Limits, or NULL for the defaults.
 * @param out    Receives the document on success; the caller frees it with pf_doc_free().
 * @param diags  Receives every problem found (may be NULL).
 * @param err    Receives the first problem (may be NULL).
 * @return PF_OK, PF_ENOTFOUND (no such file), PF_EIO, PF_ESYNTAX, PF_EINVALID, PF_ELIMIT, PF_ENOMEM
 *         or PF_EARG. After PF_ESYNTAX or PF_ELIMIT, `err` holds the problem that stopped reading.
 */
PF_API pf_status pf_doc_read_file(const char *path, const pf_read_options *opts, pf_doc **out,
                                  pf_diagnostics *diags, pf_error *err);

/**
 * Reads a document from memory; as pf_doc_read_file().
 * @param data    The bytes (UTF-8; need not be NUL-terminated); not kept.
 * @param size    Number of bytes.
 * @param source  Name used in errors (e.g. "<stdin>"), or NULL for "<buffer>".
 */
PF_API pf_status pf_doc_read_buffer(const char *data, size_t size, const char *source, const pf_read_options *opts,
                                    pf_doc **out, pf_diagnostics *diags, pf_error *err);

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
 * Symbolic links, devices and FIFOs are written as pf_buf_write_file() writes them.
 * @return PF_OK, PF_EIO, PF_ENOMEM, or PF_EARG for a NULL argument.
 */
PF_API pf_status pf_doc_write_file(const pf_doc *doc, const char *path, pf_error *err);

#ifdef __cplusplus
}
#endif

#endif
