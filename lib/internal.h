/*
 * Internal helpers shared by the library's modules: memory, errors,
 * diagnostics, growable arrays, a string-keyed index, scalars and files.
 * Nothing here is exported.
 */
#ifndef PF_INTERNAL_H
#define PF_INTERNAL_H

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "portfolio/portfolio.h"

#if defined(__GNUC__)
#define PF_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define PF_PRINTF(f, a)
#endif

/* ---- memory (util.c) ---- */

/* Fills the NULL members of an allocator with the C library's functions. */
pf_allocator pf__allocator_resolve(const pf_allocator *a);
void *pf__malloc(const pf_allocator *a, size_t size);
void *pf__calloc(const pf_allocator *a, size_t count, size_t size);
void *pf__realloc(const pf_allocator *a, void *ptr, size_t size);
void pf__free(const pf_allocator *a, void *ptr);
char *pf__strdup(const pf_allocator *a, const char *s);
char *pf__strndup(const pf_allocator *a, const char *s, size_t len);
/* Grows *items (of `elem` bytes each) to hold at least `need`; doubles. */
pf_status pf__grow(const pf_allocator *a, void **items, size_t *cap, size_t need, size_t elem);

/* ---- errors (util.c) ---- */

/* Sets err (if non-NULL) with no position; returns code. */
pf_status pf__fail(pf_error *err, pf_status code, const char *fmt, ...) PF_PRINTF(3, 4);
pf_status pf__vfail(pf_error *err, pf_status code, const char *fmt, va_list ap) PF_PRINTF(3, 0);
pf_status pf__oom(pf_error *err);
/* Copies a string into a fixed array, truncating on a UTF-8 boundary. */
void pf__copy_truncated(char *dst, size_t cap, const char *src);
/* Adds a copy of e; beyond the storage limit only counts it. */
pf_status pf__diag_add(pf_diagnostics *d, const pf_error *e);
void pf__diag_set_limit(pf_diagnostics *d, size_t limit);
/* Removes problems at or after a position (symptoms of a syntax error that began there). */
void pf__diag_drop_from(pf_diagnostics *d, unsigned line, unsigned column);
/* Appends every problem of `from` (stored and only counted) to `to`, which may be NULL. */
pf_status pf__diag_copy(pf_diagnostics *to, const pf_diagnostics *from);
/* Orders the stored problems by line and column, keeping the order of equals; PF_ENOMEM leaves them as they were. */
pf_status pf__diag_sort(pf_diagnostics *d);
/* Whether another problem would be stored (false for a NULL list). */
bool pf__diag_room(const pf_diagnostics *d);
/* Counts n problems without storing them (none for a NULL list). */
void pf__diag_skip(pf_diagnostics *d, size_t n);

/* ---- byte buffers (util.c) ---- */

/* Room for `extra` more bytes and the NUL; the capacity doubles, so n appends copy O(n) bytes in all (and a
   large block grows in place where the C library can remap it). */
pf_status pf__buf_reserve(pf_buf *b, size_t extra);
pf_status pf__buf_append_slow(pf_buf *b, const void *data, size_t len);

/* Appends len bytes. Writers append millions of small pieces: the common case, when they fit, is inline. */
static inline pf_status pf__buf_append(pf_buf *b, const void *data, size_t len)
{
    if (b->capacity - b->size <= len || !b->capacity) /* the NUL needs a byte too */
        return pf__buf_append_slow(b, data, len);
    if (len)
        memcpy(b->data + b->size, data, len);
    b->size += len;
    b->data[b->size] = '\0';
    return PF_OK;
}

static inline pf_status pf__buf_puts(pf_buf *b, const char *s)
{
    return pf__buf_append(b, s, strlen(s));
}
pf_status pf__buf_printf(pf_buf *b, const char *fmt, ...) PF_PRINTF(2, 3);

/* ---- output handed to a sink as it is made (util.c) ---- */

/* A streaming writer appends to its pf_buf as usual and drains it at points where the bytes before are final. */
#define PF_STREAM_CHUNK ((size_t)64 * 1024)

typedef struct pf_stream {
    const pf_sink *sink;
    pf_status status; /* PF_OK until the sink refuses; then what it returned, and it is called no more */
} pf_stream;

/* Hands all of b but its last `keep` bytes (writers that look back at what they wrote last keep it) to the
   stream's sink once b holds PF_STREAM_CHUNK more than that, and moves the kept bytes to the front.
   A NULL stream keeps everything. After a refusal the bytes are dropped, so a writer that goes on to its
   end holds no more than a chunk. Returns the stream's status. */
pf_status pf__stream_drain(pf_stream *st, pf_buf *b, size_t keep);
/* Hands all of b to the sink, whatever its size (the end of an output). */
pf_status pf__stream_flush(pf_stream *st, pf_buf *b);
/* The message of a stream's failure, for err: "the output's sink stopped it (input/output error)". */
pf_status pf__stream_fail(const pf_stream *st, pf_error *err);

/* ---- string-keyed index (util.c): keys are borrowed and must outlive their entry ---- */

typedef struct pf_strmap_entry {
    const char *key;
    uint32_t value; /* positions in a list; 16-byte entries keep big indexes small */
    uint32_t hash;
} pf_strmap_entry;

/*
 * Open addressing with linear probing. Keys are hashed with SipHash-1-3 under a
 * random key of the map's own, drawn when its first table is made, so input
 * crafted to collide cannot make lookups quadratic. Nothing iterates a map, so
 * no output depends on that key.
 */
typedef struct pf_strmap {
    pf_strmap_entry *entries;
    size_t cap;   /* power of two, or 0 */
    size_t count;
    uint64_t seed[2];
} pf_strmap;

pf_status pf__strmap_put(const pf_allocator *a, pf_strmap *m, const char *key, size_t value);
/* Returns true and sets *value when found. */
bool pf__strmap_get(const pf_strmap *m, const char *key, size_t *value);
void pf__strmap_clear(pf_strmap *m);
void pf__strmap_free(const pf_allocator *a, pf_strmap *m);

/* What pf__list_find returns when its index cannot be built: out of memory. */
#define PF_LIST_NOMEM (SIZE_MAX - 1)

/*
 * Position of `key` among the `count` strings at base, base + stride, ... (each
 * a `char *` member), SIZE_MAX when absent, or PF_LIST_NOMEM. A short list is
 * scanned; a longer one gets an index in *index (NULL until then), brought up to
 * date with the entries added since, so finding in a list that only grows costs
 * O(1). A list whose entries move or go must drop its index (pf__list_index_drop).
 */
size_t pf__list_find(const pf_allocator *a, pf_strmap **index, const void *base, size_t stride, size_t count,
                     const char *key);
void pf__list_index_drop(const pf_allocator *a, pf_strmap **index);

/* ---- string vectors (util.c) ---- */

typedef struct pf_strvec {
    char **items;
    size_t count;
    size_t cap;
    pf_strmap *index; /* of a long vector that is searched (pf__strvec_find), else NULL */
} pf_strvec;

pf_status pf__strvec_push(const pf_allocator *a, pf_strvec *v, const char *s);
/* Index of s, SIZE_MAX, or PF_LIST_NOMEM; O(1) however long the vector (see pf__list_find). */
size_t pf__strvec_find(const pf_allocator *a, pf_strvec *v, const char *s);
void pf__strvec_remove(const pf_allocator *a, pf_strvec *v, size_t index);
void pf__strvec_free(const pf_allocator *a, pf_strvec *v);

/* Adds a string the vector borrows (an interned one, pf__intern): it is never freed through the vector. */
pf_status pf__strvec_push_borrowed(const pf_allocator *a, pf_strvec *v, const char *s);
/* pf__strvec_remove and pf__strvec_free for a vector of borrowed strings. */
void pf__strvec_remove_borrowed(const pf_allocator *a, pf_strvec *v, size_t index);
void pf__strvec_free_borrowed(const pf_allocator *a, pf_strvec *v);

/* ---- interned strings (util.c) ---- */

/*
 * One copy of each distinct string, packed into large chunks, kept until the table is freed: what many
 * objects repeat (a document's tags, partners, units) costs its bytes once, without a block of its own.
 * Nothing is freed before the end, so the table grows with the distinct strings ever interned.
 */
typedef struct pf__chunk pf__chunk;
typedef struct pf__strings {
    pf_strmap map; /* keys are the copies; values unused */
    pf__chunk *chunks;
    size_t used, room; /* bytes of the newest chunk */
} pf__strings;

/* The table's copy of text (made on first use), valid until pf__strings_free; NULL when out of memory. */
const char *pf__intern(const pf_allocator *a, pf__strings *s, const char *text);
void pf__strings_free(const pf_allocator *a, pf__strings *s);

/* ---- scalars (scalar.c): all locale-independent ---- */

/* Strict decimal number: [-+]digits[.digits][e[-+]digits]; false for anything else. */
bool pf__parse_number(const char *s, double *out);
/* Has the shape pf__parse_number accepts, whatever its magnitude. */
bool pf__is_decimal(const char *s);
/* Strict integer: [-+]digits within int64. */
bool pf__parse_int64(const char *s, int64_t *out);
/* Shortest text that reads back as the same double ("0.25", "1900", "1e+21"). */
void pf__format_number(double v, char out[32]);
/* "<field>: must be >= 0" (or "at most max") unless v is finite and within 0..max (scalar.c). */
pf_status pf__check_amount(double v, double max, const char *field, pf_error *err);
/*
 * v with `decimals` (0..6) places as printf's "%.*f" writes it in the C locale
 * (the exact binary value rounded, ties to even); `trim` drops trailing zeros
 * and the point. Never "-0". Magnitudes of 1e15 and more as pf__format_number.
 */
void pf__format_fixed(double v, int decimals, bool trim, char out[48]);
bool pf__date_valid(pf_date d);
bool pf__date_is_unset(pf_date d);
int pf__date_compare(pf_date a, pf_date b);
/* YYYY-MM-DD, existing calendar date. */
bool pf__parse_date(const char *s, pf_date *out);
void pf__format_date(pf_date d, char out[11]);
/* [A-Za-z0-9._-]+ */
bool pf__id_valid(const char *s);
/* Well-formed UTF-8 without NUL bytes or overlong forms or surrogates. */
bool pf__utf8_valid(const char *s, size_t len);
/* As pf__utf8_valid, giving the offset where the first bad character begins. */
bool pf__utf8_check(const char *s, size_t len, size_t *bad_offset);
/* Assigned ISO 3166-1 alpha-2 code, upper case. */
bool pf__country_valid(const char *s);
/* Bytes of the control character at p (C0 but tab and line breaks, DEL, or a C1 control), else 0. */
size_t pf__control_len(const char *p);
/* Quotes a string for a message: 'abc', truncated with ... past 40 bytes. */
void pf__quote(const char *s, char out[64]);

/* ---- vocabularies (enums.c): the identifiers of each enumeration, in value order ---- */

typedef struct pf__names {
    const char *const *names;
    size_t count;
} pf__names;

extern const pf__names pf_facet__names, pf_purpose__names, pf_zone__names, pf_stage__names,
    pf_priority__names, pf_role__names, pf_gov_level__names, pf_sector__names, pf_link_kind__names,
    pf_form__names, pf_choice__names, pf_part__names, pf_dimension__names, pf_level__names,
    pf_relation_kind__names;

/* Names of the group metrics (score.c: "orientation.enhancement", ...) and of the weightings (map.c). */
extern const pf__names pf__group_metric_names, pf__weighting_names;

/* Index of name in the table, or -1. */
int pf__names_find(const pf__names *t, const char *name);
/* "a, b, c" into out. */
void pf__names_join(const pf__names *t, char *out, size_t cap);

/* ---- results (score.c, map.c, compare.c): what the writers of charts and reports need ---- */

/* The allocator a result was made with: its document's. */
const pf_allocator *pf__scores_allocator(const pf_scores *scores);
/* The language-table key naming a score mode in reports: "report.mode.<mode>". */
const char *pf__score_mode_label(pf_score_mode mode);
const pf_allocator *pf__map_allocator(const pf_map *map);
const pf_allocator *pf__comparison_allocator(const pf_comparison *cmp);

/* The capability score range and level thresholds of the instrument the scores were computed with. */
typedef struct pf__capability_scale {
    double min;          /* lowest score: the base plus every dimension's least points (0 by default) */
    double max;          /* highest score (108 by default) */
    double medium_from;  /* level medium from (36 by default) */
    double high_from;    /* level high from (72 by default) */
} pf__capability_scale;
pf__capability_scale pf__scores_capability_scale(const pf_scores *scores);

/* ---- relations kept small (synergy.c) ---- */

/* pf_doc_relations() for the library's own use, which reads each relation once: the relations in a compact form
   (36 bytes each rather than 88; the Jaccard indexes are computed as they are read). pf_relations_at() gives
   NULL for it: read it with pf__relation_view(). */
pf_status pf__doc_relations_compact(const pf_doc *doc, const pf_map *map, const pf_relation_options *opts,
                                    pf_relations **out, pf_error *err);
/* Relation index (< count) of either form, as the public struct (its pointers live as long as r). */
void pf__relation_view(const pf_relations *r, size_t index, pf_relation *out);

/* ---- files (fileio.c) ---- */

/* Reads a whole file, refusing more than max bytes (PF_ELIMIT). *data is NUL-terminated. */
pf_status pf__read_file(const char *path, size_t max, const pf_allocator *a, char **data, size_t *len,
                        pf_error *err);
/* pf__read_file's reading, of a stream the caller opened (and closes). */
pf_status pf__read_stream(FILE *f, size_t max, const pf_allocator *a, char **data, size_t *len, pf_error *err);
/*
 * A file a document names (`value`, as written) read whole, as ro->referenced_files allows
 * (reference.c). `source` is the document's name: its path, unless from_memory. On PF_OK,
 * *data (NUL-terminated) and *path (the name to report its problems under) are allocated
 * with a. Else `why` holds the reason, to follow the quoted value, and the code: PF_EARG
 * refused by the options, PF_EIO cannot be read as `what` (one message whatever the cause,
 * without the system's reason), PF_ENOMEM.
 */
pf_status pf__read_referenced(const char *value, const char *source, bool from_memory, const pf_read_options *ro,
                              const char *what, const pf_allocator *a, char **path, char **data, size_t *size,
                              pf_error *why);
/* Writes via a temporary file in the same directory, fsync and rename. */
pf_status pf__write_file_atomic(const char *path, const char *data, size_t len, pf_error *err);

/*
 * A file written atomically as its bytes come: nothing is created until the first byte or the commit, then
 * a temporary file beside it is written and renamed over it by pf__atomic_commit(), or removed. Where the
 * system can, the temporary file has no name until the commit (O_TMPFILE), so a process killed while it
 * writes leaves nothing behind. A device or FIFO is written in place. Names live inside it, so no
 * allocation escapes the caller's allocator.
 */
typedef struct pf_atomic_file {
    const char *path;       /* as the caller gave it, for messages */
    char file[4096];        /* what it names once symbolic links are followed (PATH_MAX on Linux) */
    char tmp[4096 + 48];    /* the temporary file beside it */
    int fd;                 /* -1 until opened */
    bool in_place;          /* a device or FIFO */
    bool unnamed;           /* an O_TMPFILE file, named (tmp) only at the commit */
    unsigned mode;          /* of the file replaced, or rw-r--r-- */
    int saved;              /* errno of the first failure, or 0 */
    const char *failed_to;  /* what failed: "write" or "create a temporary file beside" */
} pf_atomic_file;

void pf__atomic_init(pf_atomic_file *f, const char *path);
/* Appends bytes; PF_EIO once anything has failed (the reason waits for the commit). */
pf_status pf__atomic_write(pf_atomic_file *f, const char *data, size_t len);
/* Makes the file whole (or removes what was written after a failure); PF_OK or PF_EIO with its reason. */
pf_status pf__atomic_commit(pf_atomic_file *f, pf_error *err);
/* Gives up: the temporary file is removed and the file keeps what it held. */
void pf__atomic_abandon(pf_atomic_file *f);
/* A sink that writes into f (PF_EIO stops the writer). */
pf_sink pf__atomic_sink(pf_atomic_file *f);

#endif
