/**
 * @file common.h
 * @brief Status codes, the error record, allocators, buffers and diagnostics
 *        shared by every libportfolio module.
 *
 * Conventions (see docs/conventions.md): every function that can fail returns
 * a ::pf_status and takes an optional `pf_error *err` last, filled on failure.
 * Parameters come in one order: the object worked on, the other inputs, the
 * options, then the output (a `**out`, a `pf_buf *out` or a struct filled in),
 * which is always the last parameter before the optional `pf_diagnostics *diags`
 * and `pf_error *err`: `pf_doc_read_file(path, opts, &doc, diags, &err)`.
 * Objects are opaque handles freed with their `_free` function, which accepts
 * NULL. Returned pointers are borrowed unless the documentation says otherwise.
 */
#ifndef PORTFOLIO_COMMON_H
#define PORTFOLIO_COMMON_H

#include <stdbool.h>
#include <stddef.h>

/** Marks a declaration as part of the exported API (everything else is hidden). */
#if defined(_WIN32) && defined(PF_BUILDING_LIBRARY)
#define PF_API __declspec(dllexport)
#elif defined(__GNUC__)
#define PF_API __attribute__((visibility("default")))
#else
#define PF_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/** Result of every fallible call: 0 on success, a negative code per failure kind. */
typedef enum pf_status {
    PF_OK = 0,           /**< Success. */
    PF_ENOMEM = -1,      /**< An allocation failed; nothing was changed. */
    PF_EARG = -2,        /**< An argument is NULL, out of range or malformed. */
    PF_ENOTFOUND = -3,   /**< The id, item or file asked for does not exist. */
    PF_EEXISTS = -4,     /**< An object with that id is already present. */
    PF_EIO = -5,         /**< Reading or writing a file failed (see the message). */
    PF_ESYNTAX = -6,     /**< The input is not well-formed YAML or UTF-8; loading stopped. */
    PF_EINVALID = -7,    /**< The input is YAML but breaks the format's rules. */
    PF_ELIMIT = -8       /**< The input exceeds a documented limit (size, depth, count). */
} pf_status;

/** Capacity of pf_error::source, including the terminating NUL. */
#define PF_ERROR_SOURCE_MAX 256
/** Capacity of pf_error::message, including the terminating NUL. */
#define PF_ERROR_MESSAGE_MAX 512

/**
 * A failure, located. Caller-allocated, so reporting never allocates and stays
 * re-entrant; a function fills it only when it fails.
 */
typedef struct pf_error {
    pf_status code;                     /**< The failure kind; PF_OK when nothing failed. */
    unsigned line;                      /**< 1-based line in the source; 0 when not from a file. */
    unsigned column;                    /**< 1-based column in characters; 0 when unknown. */
    size_t offset;                      /**< 0-based byte offset of the position in the source. */
    char source[PF_ERROR_SOURCE_MAX];   /**< File name or caller-given name; "" when none. */
    char message[PF_ERROR_MESSAGE_MAX]; /**< What is wrong, beginning with the key path. */
} pf_error;

/** Short English name of a status code ("out of memory"); a static string, never NULL. */
PF_API const char *pf_status_string(pf_status status);

/**
 * Memory functions the library uses for all of its own allocations, so an
 * embedding program can account for or limit them. Leave every member NULL for
 * the C library's malloc, realloc and free. libyaml's internal allocations
 * do not go through these hooks.
 */
typedef struct pf_allocator {
    void *(*malloc_fn)(void *ctx, size_t size);             /**< Like malloc(3). */
    void *(*realloc_fn)(void *ctx, void *ptr, size_t size); /**< Like realloc(3). */
    void (*free_fn)(void *ctx, void *ptr);                  /**< Like free(3); never given NULL. */
    void *ctx;                                              /**< Passed to each function. */
} pf_allocator;

/**
 * A growable byte buffer that outputs are written into. Always NUL-terminated
 * after a successful write (the NUL is not counted in `size`).
 * Initialise with ::PF_BUF_INIT; the caller releases it with pf_buf_dispose().
 */
typedef struct pf_buf {
    char *data;             /**< The bytes; owned by the buffer. NULL while empty. */
    size_t size;            /**< Bytes written, excluding the terminating NUL. */
    size_t capacity;        /**< Bytes allocated. */
    pf_allocator allocator; /**< The allocator that owns `data`, set by the writer. */
} pf_buf;

/** Initialiser for an empty ::pf_buf. */
#define PF_BUF_INIT { NULL, 0, 0, { NULL, NULL, NULL, NULL } }

/** Frees the buffer's memory and resets it to empty. Accepts NULL. */
PF_API void pf_buf_dispose(pf_buf *buf);

/**
 * Writes the buffer's bytes to a file atomically: the file is either replaced
 * whole or left as it was (a temporary file beside it is renamed over it). A
 * replaced file keeps its permissions; a new one is rw-r--r--. A symbolic link
 * is followed (up to 40 links) and the file it names is the one replaced, so
 * the link stays. A device, FIFO or socket is written in place instead, as
 * renaming would replace the node itself: that write is not atomic, and a FIFO
 * blocks until a reader opens it. The buffer is not changed and stays owned by
 * the caller.
 * @return PF_OK, PF_EIO (with the path and the system's reason in `err`), or PF_EARG for a NULL argument.
 */
PF_API pf_status pf_buf_write_file(const pf_buf *buf, const char *path, pf_error *err);

/**
 * Where a writer hands its output as it makes it, a piece at a time, so an
 * output of any size is never held whole in memory: a report streamed to a
 * socket, a pipe or a compressor. The `_to` writers (pf_doc_report_to(),
 * pf_map_write_json_to(), ...) give the same bytes, in order, as their
 * pf_buf forms; the pieces are about 64 KiB but their sizes are not part of
 * the contract. A writer first does all the work that can fail on its input,
 * so a sink sees no byte of an output that is refused.
 */
typedef struct pf_sink {
    /**
     * Takes the next `size` bytes (size > 0), valid only during the call.
     * Return PF_OK to go on; any other status stops the writer, which calls
     * the sink no more and returns that status.
     */
    pf_status (*write_fn)(void *ctx, const char *data, size_t size);
    void *ctx; /**< Passed to write_fn; owned by the caller. */
} pf_sink;

/**
 * A list of located problems, filled by validation and loading, which report
 * every semantic problem rather than stopping at the first.
 */
typedef struct pf_diagnostics pf_diagnostics;

/**
 * Creates an empty diagnostics list.
 * @param allocator  Memory functions, or NULL for the defaults; copied.
 * @param out        Receives the list; the caller frees it with pf_diagnostics_free().
 * @return PF_OK or PF_ENOMEM.
 */
PF_API pf_status pf_diagnostics_new(const pf_allocator *allocator, pf_diagnostics **out);

/** Frees the list. Accepts NULL. */
PF_API void pf_diagnostics_free(pf_diagnostics *diags);

/** Number of problems stored (at most the `max_diagnostics` limit of the call that filled it). */
PF_API size_t pf_diagnostics_count(const pf_diagnostics *diags);

/**
 * Problems found, including those beyond the storage limit that were only
 * counted; equals pf_diagnostics_count() unless the limit was reached.
 */
PF_API size_t pf_diagnostics_total(const pf_diagnostics *diags);

/** The problem at `index` (in source order), or NULL when out of range; borrowed, valid until the list changes. */
PF_API const pf_error *pf_diagnostics_at(const pf_diagnostics *diags, size_t index);

/** Empties the list, keeping its memory. */
PF_API void pf_diagnostics_clear(pf_diagnostics *diags);

#ifdef __cplusplus
}
#endif

#endif
