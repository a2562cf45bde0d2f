/*
 * The machinery every YAML reader of the library shares: pulling libyaml
 * events with depth, size and encoding limits, locating problems by file,
 * line, column and key path, and typed access to scalars, mappings and lists.
 * The document, instrument and rule readers are built on it.
 */
#ifndef PF_YAML_EVENTS_H
#define PF_YAML_EVENTS_H

#include <yaml.h>

#include "model_impl.h"

/* A surrogate-pair escape rewritten in the copy libyaml reads (yaml_surrogates.c). */
typedef struct pf__yr_site {
    size_t orig; /* byte offset of its backslash in the document */
    size_t chr;  /* ...its character index, as libyaml's marks count (after a byte order mark) */
    size_t line; /* ...its line, from 0 */
    size_t nth;  /* how many kept sites come before it on its line */
    size_t at;   /* character index in the copy */
    size_t byte; /* byte offset in the copy */
} pf__yr_site;

typedef struct pf_yreader {
    yaml_parser_t parser;
    bool parser_ready;
    yaml_event_t ev; /* the current event */
    bool have_event;
    bool stopped; /* a syntax error or broken limit: nothing more is read */
    pf_status stop_status;
    pf_error stop_error; /* why reading stopped: what the caller's err receives */
    bool oom;
    /* Messages say what is wrong without any of the source's text, numbers or sizes: the
       reader reads a file a document names (pf__yr_open_as), whose contents are not the
       document writer's to see. Keys in paths are the reader's own names. */
    bool redact;
    const char *data; /* the whole source in memory, or NULL when it is read from fd */
    size_t size;
    size_t bom; /* bytes of a UTF-8 byte order mark at the start */
    /* A regular file read as libyaml asks for it (pf__yr_open_file): no copy of it is kept. Positions are
       worked out from libyaml's character index through one entry per block of the file (the characters
       before it, whether it is all ASCII), and the few bytes a non-ASCII block needs are read again. */
    int fd;
    int fd_errno;     /* why reading fd failed, or 0 */
    size_t fed;       /* bytes handed to libyaml so far */
    size_t leads;     /* characters (UTF-8 lead bytes) among them */
    struct pf_yblock *blocks;
    size_t block_count, block_cap;
    unsigned char *cache; /* one block of fd, read again for positions */
    size_t cache_block, cache_len;
    size_t cursor_chars, cursor_offset; /* the last character index turned into an offset */
    pf_allocator alloc;
    const char *source;
    pf_read_options opts;
    pf_diagnostics *diags; /* the reader's own, copied to the caller's list at the end */
    size_t depth;
    char path[256]; /* key path of the current node, e.g. projects[2].budget */
    size_t path_len;
    /* Resume point for turning libyaml's line and column into a byte offset. */
    size_t cached_line;
    size_t cached_line_offset;
    size_t cached_column; /* ...and of the last column found on that line */
    size_t cached_column_offset;
    /* The copy libyaml reads when the document (in memory) has surrogate-pair escapes, else NULL; marks are
       moved back. The per-block counts are then those of the document, taken at once. */
    unsigned char *copy;
    size_t copy_size, copy_fed;
    pf__yr_site *sites;
    size_t site_count;
    /* Streaming stopped at a surrogate escape libyaml refused: the file is to be read again into memory. */
    bool reread;
} pf_yreader;

typedef struct pf_map_iter {
    size_t base;       /* path length of the mapping */
    pf_pos pos;        /* of the mapping */
    uint64_t seen;     /* keys met, for duplicates */
    uint64_t present;  /* keys met with a non-null value */
    size_t count;
    int key;           /* index of the current key in the table */
    pf_pos key_pos;
    pf_pos key_positions[16]; /* of each key met, by table index */
} pf_map_iter;

typedef struct pf_seq_iter {
    size_t base;
    size_t index;
} pf_seq_iter;

/* Versions 1 to 3 of pf_read_options are read (NULL too). */
bool pf__yr_options_version_ok(const pf_read_options *o);
/* Fills zero limits with their defaults; members past the end of an earlier version's struct
   take their defaults (a version-1 struct gets no instrument, any referenced file). */
pf_read_options pf__yr_resolve_options(const pf_read_options *o);
/* A caller's options as the readers take them: the version known and the choices in range. */
pf_status pf__yr_check_options(const pf_read_options *o, pf_error *err);
/* Prepares to read data (not copied; must outlive the reader). Size, encoding and UTF-8
   problems stop the reader at once. PF_ENOMEM is the only failure. */
pf_status pf__yr_open(pf_yreader *r, const char *data, size_t size, const char *source, const pf_read_options *opts,
                      const pf_allocator *alloc);
/* Prepares to read the regular file open on fd (not closed; must outlive the reader), of `size` bytes,
   streaming it through libyaml: only a block of it is ever held. Otherwise as pf__yr_open. */
pf_status pf__yr_open_file(pf_yreader *r, int fd, size_t size, const char *source, const pf_read_options *opts,
                           const pf_allocator *alloc);
/* pf__yr_open, redacting every message when `redact` (see pf_yreader::redact). */
pf_status pf__yr_open_as(pf_yreader *r, const char *data, size_t size, const char *source,
                         const pf_read_options *opts, const pf_allocator *alloc, bool redact);
/* Advances to the first event of the single document's root node; false (reported) when
   there is no usable root. `what` names what the root should hold, for the message. */
bool pf__yr_root(pf_yreader *r, const char *what);
/* After the root node: refuses a second document in the stream. */
void pf__yr_end(pf_yreader *r);
/* Orders the problems, copies them to diags (may be NULL), fills err with the first (or
   the one that stopped reading) and releases the reader. Returns the reading's status. */
pf_status pf__yr_close(pf_yreader *r, pf_diagnostics *diags, pf_error *err);
/* pf__yr_close's status for a streamed reading to be done again from memory: nothing was copied to diags
   or err. Never returned beyond pf__yr_with_stream. */
#define PF__YR_REREAD ((pf_status)1)
/* Reads a file within the size limit and hands its bytes to parse(); the I/O problem,
   if any, is reported like any other. */
pf_status pf__yr_with_file(const char *path, const pf_read_options *opts, pf_diagnostics *diags, pf_error *err,
                           pf_status (*parse)(void *ctx, const char *data, size_t size, const char *source,
                                              const pf_read_options *ro, pf_diagnostics *diags, pf_error *err),
                           void *ctx);

/* As pf__yr_with_file, for a reader that can stream: parse_file gets the open regular file (fd, size);
   anything else (a pipe, a device) is read whole and given to parse as before. When parse_file returns
   PF__YR_REREAD (its reader met a surrogate escape, see pf_yreader::reread), having reported nothing,
   the file is read whole within the size limit and given to parse. */
pf_status pf__yr_with_stream(const char *path, const pf_read_options *opts, pf_diagnostics *diags, pf_error *err,
                             pf_status (*parse)(void *ctx, const char *data, size_t size, const char *source,
                                                const pf_read_options *ro, pf_diagnostics *diags, pf_error *err),
                             pf_status (*parse_file)(void *ctx, int fd, size_t size, const char *source,
                                                     const pf_read_options *ro, pf_diagnostics *diags, pf_error *err),
                             void *ctx);

/* The in-memory counterpart of pf__yr_with_file: checks the arguments and options, then parses. */
pf_status pf__yr_with_buffer(const char *data, size_t size, const char *source, const pf_read_options *opts,
                             pf_diagnostics *diags, pf_error *err,
                             pf_status (*parse)(void *ctx, const char *data, size_t size, const char *source,
                                                const pf_read_options *ro, pf_diagnostics *diags, pf_error *err),
                             void *ctx);

pf_pos pf__yr_pos_of_mark(pf_yreader *r, yaml_mark_t m);
/* Bytes of the line break at p, or 0: LF, CR, CRLF, NEL, LS, PS as libyaml counts them. */
size_t pf__yr_break_width(const char *p, const char *end);

/*
 * Surrogate-pair escapes ("\ud83d\ude00", as JSON writes characters beyond U+FFFF), which libyaml
 * refuses: when the document has some in double-quoted scalars, *input and *size become a copy
 * with each written as its \U escape (held by the reader until pf__yr_surrogates_free). False when
 * out of memory. pf__yr_surrogates_mark moves a mark of the copy to the document's text, and
 * pf__yr_surrogates_offset a byte offset. pf__yr_lone_surrogate reports libyaml's refusal of a
 * lone surrogate as such, at its backslash, stopping the reader; false for any other error.
 */
bool pf__yr_surrogates_prepare(pf_yreader *r, const unsigned char **input, size_t *size);
void pf__yr_surrogates_free(pf_yreader *r);
void pf__yr_surrogates_mark(const pf_yreader *r, yaml_mark_t *m);
size_t pf__yr_surrogates_offset(const pf_yreader *r, size_t byte);
bool pf__yr_lone_surrogate(pf_yreader *r, const yaml_parser_t *p);
pf_pos pf__yr_pos_of_offset(pf_yreader *r, size_t offset);
/* Position of the current event; its byte offset is left PF_OFFSET_UNKNOWN until needed. */
pf_pos pf__yr_ev_pos(pf_yreader *r);
/* The position with its byte offset worked out (for positions kept in the model). */
pf_pos pf__yr_exact(pf_yreader *r, pf_pos pos);

/*
 * Every message that would show text of the source (a value, a key, a tag) or a number or
 * size read from it goes through here: `text` quoted ('text', shortened, control characters
 * escaped) into out, which is returned; NULL when the reader redacts. The caller then words
 * the problem without it, so a redacting reader can say what is wrong but never quote.
 */
const char *pf__yr_quote(const pf_yreader *r, const char *text, char out[64]);
/* As pf__yr_quote, for what the reader formatted itself (a number, a size): unquoted. */
const char *pf__yr_show(const pf_yreader *r, const char *text);

/* A problem with the value at the current path. */
void pf__yr_problem(pf_yreader *r, pf_pos pos, const char *fmt, ...) PF_PRINTF(3, 4);
/* A setter's "field: problem" message, placed under the path (of length base) of the mapping holding the field.
   Redacting, the message ends before its " (got ...)", where setters give the value; readers that redact use
   only setters whose messages say nothing else of it (pf__check_amount). */
void pf__yr_setter_problem(pf_yreader *r, pf_pos pos, size_t base, const pf_error *e);
/* A setter's "field: problem" message about the value at the current path (a list entry, say). */
void pf__yr_entry_problem(pf_yreader *r, pf_pos pos, const pf_error *e);
/* Stops reading: syntax errors and broken limits leave nothing sensible to check. */
void pf__yr_stop(pf_yreader *r, pf_pos pos, pf_status code, const char *fmt, ...) PF_PRINTF(4, 5);
void pf__yr_path_set(pf_yreader *r, size_t len);
void pf__yr_path_push(pf_yreader *r, const char *fmt, ...) PF_PRINTF(2, 3);
/* ".key" (or "key" at the root) and "[index]": the hot paths, without printf. */
void pf__yr_path_push_key(pf_yreader *r, const char *key);
void pf__yr_path_push_index(pf_yreader *r, size_t index);

/* Fetches the next event; false once reading has stopped. */
bool pf__yr_next(pf_yreader *r);
/* "a mapping", "a list", "an alias" or "a scalar". */
const char *pf__yr_node_kind(const yaml_event_t *ev);
/* Consumes the node whose first event is current. */
void pf__yr_skip_node(pf_yreader *r);
/* A plain ~, null or empty scalar: the key counts as absent. */
bool pf__yr_is_null(const yaml_event_t *ev);
/* Reports a node of the wrong kind and consumes it. */
void pf__yr_wrong_kind(pf_yreader *r, const char *expected);
/* The current scalar's text (valid until the next event), or NULL after reporting why not. */
const char *pf__yr_scalar_text(pf_yreader *r, const char *expected);
bool pf__yr_read_number(pf_yreader *r, double *out);
bool pf__yr_read_integer(pf_yreader *r, int64_t *out);
bool pf__yr_read_enum(pf_yreader *r, const pf__names *names, int *out);
/* The current scalar as an id ([A-Za-z0-9._-]+; valid until the next event), or NULL after reporting why not. */
const char *pf__yr_read_id(pf_yreader *r, const char *expected);
bool pf__yr_read_date(pf_yreader *r, pf_date *out);

/* Starts reading the mapping that is the current node; false (node consumed) when it is not one. */
bool pf__yr_map_open(pf_yreader *r, pf_map_iter *it, const char *what);
/* Advances to the next key (of at most 16 known keys) with a non-null value; on true the
   current event is that value, which the caller must consume. Unknown and duplicate keys
   are reported and skipped; null values count as absent. */
bool pf__yr_map_next(pf_yreader *r, pf_map_iter *it, const pf__names *keys, const char *what);
/* Reports required keys (a bit per key index) that were missing or null. */
void pf__yr_map_require(pf_yreader *r, const pf_map_iter *it, const pf__names *keys, uint64_t required,
                        const char *what);
bool pf__yr_seq_open(pf_yreader *r, pf_seq_iter *it, const char *what);
/* Advances to the next entry; false at the end of the list. */
bool pf__yr_seq_next(pf_yreader *r, pf_seq_iter *it);

/* Levenshtein distance of two short strings (99 when either is longer than 30 bytes), for suggestions. */
size_t pf__edit_distance(const char *a, const char *b);

/* Table of names for a key or word list. */
#define PF_NAMES(table) { table, sizeof table / sizeof *table }

#endif
