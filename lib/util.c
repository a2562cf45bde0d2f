/* Memory, errors, diagnostics, buffers, string vectors and the string index. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#if defined(__linux__)
#include <sys/random.h>
#endif

#include "internal.h"

/* ---- memory ---- */

static void *default_malloc(void *ctx, size_t size)
{
    (void)ctx;
    return malloc(size);
}

static void *default_realloc(void *ctx, void *ptr, size_t size)
{
    (void)ctx;
    return realloc(ptr, size);
}

static void default_free(void *ctx, void *ptr)
{
    (void)ctx;
    free(ptr);
}

pf_allocator pf__allocator_resolve(const pf_allocator *a)
{
    pf_allocator r = { default_malloc, default_realloc, default_free, NULL };
    if (a && a->malloc_fn && a->realloc_fn && a->free_fn)
        r = *a;
    return r;
}

void *pf__malloc(const pf_allocator *a, size_t size)
{
    return a->malloc_fn(a->ctx, size ? size : 1);
}

void *pf__calloc(const pf_allocator *a, size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size)
        return NULL;
    void *p = pf__malloc(a, count * size);
    if (p)
        memset(p, 0, count * size > 0 ? count * size : 1);
    return p;
}

void *pf__realloc(const pf_allocator *a, void *ptr, size_t size)
{
    return a->realloc_fn(a->ctx, ptr, size ? size : 1);
}

void pf__free(const pf_allocator *a, void *ptr)
{
    if (ptr)
        a->free_fn(a->ctx, ptr);
}

char *pf__strndup(const pf_allocator *a, const char *s, size_t len)
{
    char *d = pf__malloc(a, len + 1);
    if (d) {
        memcpy(d, s, len);
        d[len] = '\0';
    }
    return d;
}

char *pf__strdup(const pf_allocator *a, const char *s)
{
    return pf__strndup(a, s, strlen(s));
}

pf_status pf__grow(const pf_allocator *a, void **items, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return PF_OK;
    size_t ncap = *cap ? *cap : 2; /* most lists (tags, links) are short */
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2 / elem)
            return PF_ENOMEM;
        ncap *= 2;
    }
    void *p = pf__realloc(a, *items, ncap * elem);
    if (!p)
        return PF_ENOMEM;
    *items = p;
    *cap = ncap;
    return PF_OK;
}

/* ---- errors ---- */

const char *pf_status_string(pf_status status)
{
    switch (status) {
    case PF_OK: return "success";
    case PF_ENOMEM: return "out of memory";
    case PF_EARG: return "invalid argument";
    case PF_ENOTFOUND: return "not found";
    case PF_EEXISTS: return "already exists";
    case PF_EIO: return "input/output error";
    case PF_ESYNTAX: return "syntax error";
    case PF_EINVALID: return "invalid document";
    case PF_ELIMIT: return "limit exceeded";
    }
    return "unknown status";
}

void pf__copy_truncated(char *dst, size_t cap, const char *src)
{
    size_t n = strlen(src);
    if (n >= cap) {
        n = cap - 1;
        /* Never cut a multi-byte character in half. */
        while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(dst, src, n);
    dst[n] = '\0';
}

pf_status pf__vfail(pf_error *err, pf_status code, const char *fmt, va_list ap)
{
    if (err) {
        char msg[PF_ERROR_MESSAGE_MAX * 2];
        vsnprintf(msg, sizeof msg, fmt, ap);
        memset(err, 0, sizeof *err);
        err->code = code;
        pf__copy_truncated(err->message, sizeof err->message, msg);
    }
    return code;
}

pf_status pf__fail(pf_error *err, pf_status code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    pf__vfail(err, code, fmt, ap);
    va_end(ap);
    return code;
}

pf_status pf__oom(pf_error *err)
{
    return pf__fail(err, PF_ENOMEM, "out of memory");
}

/* ---- diagnostics ---- */

struct pf_diagnostics {
    pf_allocator alloc;
    pf_error *items;
    size_t count;
    size_t cap;
    size_t total;
    size_t limit;
};

pf_status pf_diagnostics_new(const pf_allocator *allocator, pf_diagnostics **out)
{
    if (!out)
        return PF_EARG;
    pf_allocator a = pf__allocator_resolve(allocator);
    pf_diagnostics *d = pf__calloc(&a, 1, sizeof *d);
    if (!d)
        return PF_ENOMEM;
    d->alloc = a;
    d->limit = PF_DEFAULT_MAX_DIAGNOSTICS;
    *out = d;
    return PF_OK;
}

void pf_diagnostics_free(pf_diagnostics *d)
{
    if (!d)
        return;
    pf_allocator a = d->alloc;
    pf__free(&a, d->items);
    pf__free(&a, d);
}

size_t pf_diagnostics_count(const pf_diagnostics *d)
{
    return d ? d->count : 0;
}

size_t pf_diagnostics_total(const pf_diagnostics *d)
{
    return d ? d->total : 0;
}

const pf_error *pf_diagnostics_at(const pf_diagnostics *d, size_t index)
{
    return d && index < d->count ? &d->items[index] : NULL;
}

void pf_diagnostics_clear(pf_diagnostics *d)
{
    if (d) {
        d->count = 0;
        d->total = 0;
    }
}

void pf__diag_set_limit(pf_diagnostics *d, size_t limit)
{
    if (d)
        d->limit = limit ? limit : PF_DEFAULT_MAX_DIAGNOSTICS;
}

static bool diag_before(const pf_error *x, const pf_error *y)
{
    return x->line < y->line || (x->line == y->line && x->column < y->column);
}

/* Merge sort by position: stable, and n log n however many problems a caller lets be stored. */
pf_status pf__diag_sort(pf_diagnostics *d)
{
    if (!d || d->count < 2)
        return PF_OK;
    size_t sorted = 1; /* the first run already in order: often all of it */
    while (sorted < d->count && !diag_before(&d->items[sorted], &d->items[sorted - 1]))
        sorted++;
    if (sorted == d->count)
        return PF_OK;
    pf_error *tmp = pf__malloc(&d->alloc, d->count * sizeof *tmp);
    if (!tmp)
        return PF_ENOMEM;
    pf_error *from = d->items, *to = tmp;
    for (size_t width = 1; width < d->count; width *= 2) {
        for (size_t lo = 0; lo < d->count; lo += 2 * width) {
            size_t mid = lo + width < d->count ? lo + width : d->count;
            size_t hi = mid + width < d->count ? mid + width : d->count;
            size_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi)
                to[k++] = diag_before(&from[j], &from[i]) ? from[j++] : from[i++];
            while (i < mid)
                to[k++] = from[i++];
            while (j < hi)
                to[k++] = from[j++];
        }
        pf_error *t = from;
        from = to;
        to = t;
    }
    if (from != d->items)
        memcpy(d->items, from, d->count * sizeof *d->items);
    pf__free(&d->alloc, tmp);
    return PF_OK;
}

bool pf__diag_room(const pf_diagnostics *d)
{
    return d && d->count < d->limit;
}

void pf__diag_skip(pf_diagnostics *d, size_t n)
{
    if (d)
        d->total += n;
}

void pf__diag_drop_from(pf_diagnostics *d, unsigned line, unsigned column)
{
    size_t kept = 0;
    for (size_t i = 0; i < d->count; i++) {
        const pf_error *e = &d->items[i];
        if (e->line < line || (e->line == line && e->column < column))
            d->items[kept++] = *e;
    }
    d->total -= d->count - kept;
    d->count = kept;
}

pf_status pf__diag_copy(pf_diagnostics *to, const pf_diagnostics *from)
{
    if (!to)
        return PF_OK;
    for (size_t i = 0; i < from->count; i++)
        if (pf__diag_add(to, &from->items[i]) != PF_OK)
            return PF_ENOMEM;
    to->total += from->total - from->count;
    return PF_OK;
}

pf_status pf__diag_add(pf_diagnostics *d, const pf_error *e)
{
    if (!d)
        return PF_OK;
    d->total++;
    if (d->count >= d->limit)
        return PF_OK;
    if (pf__grow(&d->alloc, (void **)&d->items, &d->cap, d->count + 1, sizeof *d->items) != PF_OK)
        return PF_ENOMEM;
    d->items[d->count++] = *e;
    return PF_OK;
}

/* ---- byte buffers ---- */

void pf_buf_dispose(pf_buf *b)
{
    if (!b)
        return;
    if (b->data) {
        pf_allocator a = pf__allocator_resolve(&b->allocator);
        pf__free(&a, b->data);
    }
    b->data = NULL;
    b->size = 0;
    b->capacity = 0;
}

pf_status pf__buf_reserve(pf_buf *b, size_t extra)
{
    if (extra > SIZE_MAX - b->size - 1)
        return PF_ENOMEM;
    size_t need = b->size + extra + 1;
    if (need <= b->capacity)
        return PF_OK;
    pf_allocator a = pf__allocator_resolve(&b->allocator);
    size_t ncap = b->capacity ? b->capacity : 256;
    while (ncap < need)
        ncap = ncap > SIZE_MAX / 2 ? need : ncap * 2;
    char *p = pf__realloc(&a, b->data, ncap);
    if (!p)
        return PF_ENOMEM;
    b->data = p;
    b->capacity = ncap;
    return PF_OK;
}

pf_status pf__buf_append_slow(pf_buf *b, const void *data, size_t len)
{
    if (pf__buf_reserve(b, len) != PF_OK)
        return PF_ENOMEM;
    if (len)
        memcpy(b->data + b->size, data, len);
    b->size += len;
    b->data[b->size] = '\0';
    return PF_OK;
}

pf_status pf__buf_printf(pf_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return PF_EARG;
    if (pf__buf_reserve(b, (size_t)n) != PF_OK)
        return PF_ENOMEM;
    va_start(ap, fmt);
    vsnprintf(b->data + b->size, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->size += (size_t)n;
    return PF_OK;
}

/* ---- streams ---- */

static pf_status stream_hand_over(pf_stream *st, pf_buf *b, size_t n)
{
    if (n && st->status == PF_OK) {
        pf_status s = st->sink->write_fn(st->sink->ctx, b->data, n);
        if (s != PF_OK)
            st->status = s;
    }
    memmove(b->data, b->data + n, b->size - n + 1); /* with the NUL */
    b->size -= n;
    return st->status;
}

pf_status pf__stream_drain(pf_stream *st, pf_buf *b, size_t keep)
{
    if (!st)
        return PF_OK;
    if (b->size < PF_STREAM_CHUNK + keep)
        return st->status;
    return stream_hand_over(st, b, b->size - keep);
}

pf_status pf__stream_flush(pf_stream *st, pf_buf *b)
{
    if (!st)
        return PF_OK;
    return b->data ? stream_hand_over(st, b, b->size) : st->status;
}

pf_status pf__stream_fail(const pf_stream *st, pf_error *err)
{
    return pf__fail(err, st->status, "the output's sink stopped it (%s)", pf_status_string(st->status));
}

/* ---- string vectors ---- */

pf_status pf__strvec_push(const pf_allocator *a, pf_strvec *v, const char *s)
{
    if (pf__grow(a, (void **)&v->items, &v->cap, v->count + 1, sizeof *v->items) != PF_OK)
        return PF_ENOMEM;
    char *copy = pf__strdup(a, s);
    if (!copy)
        return PF_ENOMEM;
    v->items[v->count++] = copy;
    return PF_OK;
}

size_t pf__strvec_find(const pf_allocator *a, pf_strvec *v, const char *s)
{
    return pf__list_find(a, &v->index, v->items, sizeof *v->items, v->count, s);
}

void pf__strvec_remove(const pf_allocator *a, pf_strvec *v, size_t index)
{
    pf__list_index_drop(a, &v->index); /* positions after index shift */
    pf__free(a, v->items[index]);
    memmove(&v->items[index], &v->items[index + 1], (v->count - index - 1) * sizeof *v->items);
    v->count--;
}

void pf__strvec_free(const pf_allocator *a, pf_strvec *v)
{
    pf__list_index_drop(a, &v->index);
    for (size_t i = 0; i < v->count; i++)
        pf__free(a, v->items[i]);
    pf__free(a, v->items);
    v->items = NULL;
    v->count = v->cap = 0;
}

pf_status pf__strvec_push_borrowed(const pf_allocator *a, pf_strvec *v, const char *s)
{
    if (pf__grow(a, (void **)&v->items, &v->cap, v->count + 1, sizeof *v->items) != PF_OK)
        return PF_ENOMEM;
    v->items[v->count++] = (char *)s;
    return PF_OK;
}

void pf__strvec_remove_borrowed(const pf_allocator *a, pf_strvec *v, size_t index)
{
    pf__list_index_drop(a, &v->index);
    memmove(&v->items[index], &v->items[index + 1], (v->count - index - 1) * sizeof *v->items);
    v->count--;
}

void pf__strvec_free_borrowed(const pf_allocator *a, pf_strvec *v)
{
    pf__list_index_drop(a, &v->index);
    pf__free(a, v->items);
    v->items = NULL;
    v->count = v->cap = 0;
}

/* ---- string-keyed index: open addressing, linear probing, keyed SipHash-1-3 ---- */

static uint64_t rotl(uint64_t x, int b)
{
    return (x << b) | (x >> (64 - b));
}

#define SIPROUND                                                                                                     \
    do {                                                                                                             \
        v0 += v1;                                                                                                    \
        v1 = rotl(v1, 13) ^ v0;                                                                                      \
        v0 = rotl(v0, 32);                                                                                           \
        v2 += v3;                                                                                                    \
        v3 = rotl(v3, 16) ^ v2;                                                                                      \
        v0 += v3;                                                                                                    \
        v3 = rotl(v3, 21) ^ v0;                                                                                      \
        v2 += v1;                                                                                                    \
        v1 = rotl(v1, 17) ^ v2;                                                                                      \
        v2 = rotl(v2, 32);                                                                                           \
    } while (0)

/* SipHash-1-3 (as Python and Rust hash strings): cheap, and without the key no one can aim at a bucket. */
static uint32_t hash_string(const pf_strmap *m, const char *s)
{
    const unsigned char *in = (const unsigned char *)s;
    size_t len = strlen(s);
    uint64_t v0 = 0x736f6d6570736575ULL ^ m->seed[0], v1 = 0x646f72616e646f6dULL ^ m->seed[1];
    uint64_t v2 = 0x6c7967656e657261ULL ^ m->seed[0], v3 = 0x7465646279746573ULL ^ m->seed[1];
    const unsigned char *end = in + (len & ~(size_t)7);
    for (; in != end; in += 8) {
        uint64_t w;
        memcpy(&w, in, 8); /* native byte order: the hash never leaves the process */
        v3 ^= w;
        SIPROUND;
        v0 ^= w;
    }
    uint64_t b = (uint64_t)len << 56;
    for (size_t i = 0; i < (len & 7); i++)
        b |= (uint64_t)in[i] << (8 * i);
    v3 ^= b;
    SIPROUND;
    v0 ^= b;
    v2 ^= 0xff;
    SIPROUND;
    SIPROUND;
    SIPROUND;
    uint64_t h = v0 ^ v1 ^ v2 ^ v3;
    return (uint32_t)(h ^ (h >> 32));
}

/* A fresh random key for a map's first table; should the system have none to give, the map's address and the clock. */
static void strmap_seed(pf_strmap *m)
{
    uint64_t k[2] = { 0, 0 };
#if defined(__linux__)
    if (getrandom(k, sizeof k, GRND_NONBLOCK) == (ssize_t)sizeof k) {
        m->seed[0] = k[0];
        m->seed[1] = k[1];
        return;
    }
#endif
    struct timespec ts = { 0, 0 };
    clock_gettime(CLOCK_MONOTONIC, &ts);
    m->seed[0] = (uint64_t)(uintptr_t)m * 0x9E3779B97F4A7C15ULL ^ (uint64_t)ts.tv_nsec;
    m->seed[1] = rotl(m->seed[0], 29) ^ (uint64_t)ts.tv_sec * 0xBF58476D1CE4E5B9ULL ^ k[0] ^ k[1];
}

static void strmap_insert(pf_strmap_entry *entries, size_t cap, pf_strmap_entry e)
{
    size_t i = e.hash & (cap - 1);
    while (entries[i].key)
        i = (i + 1) & (cap - 1);
    entries[i] = e;
}

pf_status pf__strmap_put(const pf_allocator *a, pf_strmap *m, const char *key, size_t value)
{
    if (value > UINT32_MAX)
        return PF_ENOMEM;
    if ((m->count + 1) * 4 > m->cap * 3) {
        size_t ncap = m->cap ? m->cap * 2 : 16;
        pf_strmap_entry *n = pf__calloc(a, ncap, sizeof *n);
        if (!n)
            return PF_ENOMEM;
        if (!m->cap)
            strmap_seed(m); /* empty: nothing hashed under an older key */
        for (size_t i = 0; i < m->cap; i++)
            if (m->entries[i].key)
                strmap_insert(n, ncap, m->entries[i]);
        pf__free(a, m->entries);
        m->entries = n;
        m->cap = ncap;
    }
    pf_strmap_entry e = { key, (uint32_t)value, hash_string(m, key) };
    strmap_insert(m->entries, m->cap, e);
    m->count++;
    return PF_OK;
}

bool pf__strmap_get(const pf_strmap *m, const char *key, size_t *value)
{
    if (!m->cap)
        return false;
    uint32_t h = hash_string(m, key);
    for (size_t i = h & (m->cap - 1); m->entries[i].key; i = (i + 1) & (m->cap - 1)) {
        if (m->entries[i].hash == h && strcmp(m->entries[i].key, key) == 0) {
            *value = m->entries[i].value;
            return true;
        }
    }
    return false;
}

/* ---- interned strings ---- */

struct pf__chunk {
    pf__chunk *next;
    char bytes[];
};

/* Chunks of 64 KiB; a string longer than a quarter of that gets a chunk of its own. */
#define CHUNK_BYTES ((size_t)65536 - sizeof(pf__chunk))

const char *pf__intern(const pf_allocator *a, pf__strings *s, const char *text)
{
    if (s->map.cap) {
        uint32_t h = hash_string(&s->map, text);
        for (size_t i = h & (s->map.cap - 1); s->map.entries[i].key; i = (i + 1) & (s->map.cap - 1))
            if (s->map.entries[i].hash == h && strcmp(s->map.entries[i].key, text) == 0)
                return s->map.entries[i].key;
    }
    size_t len = strlen(text) + 1;
    char *copy;
    if (len > CHUNK_BYTES / 4 || len > s->room - s->used || !s->chunks) {
        size_t size = len > CHUNK_BYTES / 4 ? len : CHUNK_BYTES;
        pf__chunk *c = pf__malloc(a, sizeof *c + size);
        if (!c)
            return NULL;
        if (size == CHUNK_BYTES || !s->chunks) {
            c->next = s->chunks;
            s->chunks = c;
            s->used = len;
            s->room = size;
        } else {
            /* Behind the newest chunk, whose room stays for the short strings to come. */
            c->next = s->chunks->next;
            s->chunks->next = c;
        }
        copy = c->bytes;
    } else {
        copy = s->chunks->bytes + s->used;
        s->used += len;
    }
    memcpy(copy, text, len);
    if (pf__strmap_put(a, &s->map, copy, 0) != PF_OK)
        return NULL; /* the copy stays in its chunk, unused, until the table is freed */
    return copy;
}

void pf__strings_free(const pf_allocator *a, pf__strings *s)
{
    pf__strmap_free(a, &s->map);
    for (pf__chunk *c = s->chunks, *next; c; c = next) {
        next = c->next;
        pf__free(a, c);
    }
    s->chunks = NULL;
    s->used = s->room = 0;
}

void pf__strmap_clear(pf_strmap *m)
{
    if (m->cap)
        memset(m->entries, 0, m->cap * sizeof *m->entries);
    m->count = 0;
}

void pf__strmap_free(const pf_allocator *a, pf_strmap *m)
{
    pf__free(a, m->entries);
    m->entries = NULL;
    m->cap = m->count = 0;
}

/* ---- indexes of lists ---- */

/* Lists up to this long are scanned: most tag lists and link lists are, and they need no index. */
#define LIST_SCAN_MAX 8

static const char *list_key(const void *base, size_t stride, size_t i)
{
    const char *key;
    memcpy(&key, (const char *)base + i * stride, sizeof key);
    return key;
}

size_t pf__list_find(const pf_allocator *a, pf_strmap **index, const void *base, size_t stride, size_t count,
                     const char *key)
{
    if (count > LIST_SCAN_MAX) {
        if (!*index && !(*index = pf__calloc(a, 1, sizeof **index)))
            return PF_LIST_NOMEM;
        pf_strmap *m = *index;
        /* Entries appended since the last search; a list that shrank has dropped its index. */
        while (m->count < count) {
            if (pf__strmap_put(a, m, list_key(base, stride, m->count), m->count) != PF_OK) {
                pf__list_index_drop(a, index);
                return PF_LIST_NOMEM;
            }
        }
        size_t i;
        return pf__strmap_get(m, key, &i) ? i : SIZE_MAX;
    }
    for (size_t i = 0; i < count; i++)
        if (strcmp(list_key(base, stride, i), key) == 0)
            return i;
    return SIZE_MAX;
}

void pf__list_index_drop(const pf_allocator *a, pf_strmap **index)
{
    if (*index) {
        pf__strmap_free(a, *index);
        pf__free(a, *index);
        *index = NULL;
    }
}
