/*
 * Surrogate-pair escapes in double-quoted scalars (see yaml_events.h).
 *
 * JSON writes a character beyond U+FFFF as two \u escapes, a high and a low surrogate
 * ("\ud83d\ude00" for U+1F600: what Python's json.dumps writes for an emoji). YAML has \U for
 * those and libyaml refuses any \u escape of a surrogate. So libyaml reads a copy of the
 * document in which each pair inside a double-quoted scalar is written as its \U escape,
 * 12 bytes becoming 10, and the marks of every event and error are moved back to the original
 * text, so positions are those of the document as written. A lone surrogate is left alone:
 * libyaml stops there, and pf__yr_lone_surrogate() words the error.
 *
 * Which pair-shaped escapes are inside double-quoted scalars is libyaml's to say, not a guess
 * of ours: a first scan of a copy in which every candidate is rewritten finds the double-quoted
 * scalar tokens; only the candidates inside them are rewritten in the copy that is parsed.
 * Elsewhere (plain, single-quoted and block scalars, comments) the text stays as written. The
 * rewrite changes no token's kind or extent, as it only replaces ASCII escape text by ASCII
 * escape text beginning with the same backslash, so both scans see the same structure.
 * Documents without a pair-shaped escape are read directly, as before. This works on a document in
 * memory: a streamed file whose parse libyaml stops at a surrogate escape is read again into memory
 * (pf__yr_with_stream).
 */
#include <stdio.h>
#include <string.h>

#include "internal.h"

#include "yaml_events.h"

/* Escaped ASCII bytes saved per rewritten pair: "\uD83D\uDE00" (12) becomes "\U0001F600" (10). */
#define SAVED 2u

static int hex_value(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* The code unit of a "\uXXXX" escape at p (6 bytes available), or -1. */
static long escape_unit(const unsigned char *p)
{
    if (p[0] != '\\' || p[1] != 'u')
        return -1;
    long v = 0;
    for (int i = 2; i < 6; i++) {
        int h = hex_value(p[i]);
        if (h < 0)
            return -1;
        v = v * 16 + h;
    }
    return v;
}

/* Whether the backslash at i begins an escape in a double-quoted scalar: an odd run of backslashes ends there. */
static bool escape_starts(const unsigned char *u, size_t start, size_t i)
{
    size_t run = 0;
    while (i > start + run && u[i - run - 1] == '\\')
        run++;
    return run % 2 == 0;
}

/* The copy's text for the candidates whose keep flag is set; the others as in the original. */
static void write_copy(const unsigned char *u, size_t size, const pf__yr_site *sites, size_t n, const bool *keep,
                       unsigned char *out)
{
    size_t from = 0, to = 0;
    for (size_t k = 0; k < n; k++) {
        if (keep && !keep[k])
            continue;
        size_t at = sites[k].orig;
        memcpy(out + to, u + from, at - from);
        to += at - from;
        unsigned long hi = (unsigned long)escape_unit(u + at), lo = (unsigned long)escape_unit(u + at + 6);
        unsigned long cp = 0x10000u + ((hi - 0xD800u) << 10) + (lo - 0xDC00u);
        static const char digits[] = "0123456789ABCDEF";
        out[to++] = '\\';
        out[to++] = 'U';
        for (int s = 28; s >= 0; s -= 4)
            out[to++] = (unsigned char)digits[(cp >> s) & 0xFu];
        from = at + 12;
    }
    memcpy(out + to, u + from, size - from);
}

/* Sets where each kept site is in the copy; returns how many were kept, compacting the array. */
static size_t place_sites(pf__yr_site *sites, size_t n, const bool *keep)
{
    size_t kept = 0;
    for (size_t k = 0; k < n; k++) {
        if (keep && !keep[k])
            continue;
        sites[kept] = sites[k];
        sites[kept].at = sites[kept].chr - SAVED * kept;
        sites[kept].byte = sites[kept].orig - SAVED * kept;
        sites[kept].nth = kept && sites[kept - 1].line == sites[kept].line ? sites[kept - 1].nth + 1 : 0;
        kept++;
    }
    return kept;
}

/*
 * The character index and line of each site, as libyaml's marks count them (characters after
 * the byte order mark, a CRLF two characters but one line break), in one walk over the text.
 */
static void locate_sites(const pf_yreader *r, pf__yr_site *sites, size_t n)
{
    const char *p = r->data + r->bom, *end = r->data + r->size;
    size_t chr = 0, line = 0;
    for (size_t k = 0; k < n; k++) {
        const char *to = r->data + sites[k].orig;
        while (p < to) {
            size_t w = pf__yr_break_width(p, end);
            if (w) {
                line++;
                chr += w == 2 && *p == '\r' ? 2 : 1;
                p += w;
            } else {
                chr += ((unsigned char)*p & 0xC0) != 0x80;
                p++;
            }
        }
        sites[k].chr = chr;
        sites[k].line = line;
    }
}

/*
 * Marks which candidates lie inside double-quoted scalars, scanning `copy` (every candidate
 * rewritten, at the indexes `at`) with libyaml's scanner. False when out of memory.
 */
static bool find_quoted(const unsigned char *copy, size_t size, const pf__yr_site *sites, size_t n, bool *keep)
{
    yaml_parser_t p;
    if (!yaml_parser_initialize(&p))
        return false;
    yaml_parser_set_input_string(&p, copy, size);
    size_t k = 0;
    bool ok = true;
    for (;;) {
        yaml_token_t t;
        if (!yaml_parser_scan(&p, &t)) {
            /* A syntax error: the parse proper stops at it too, having read no further. Inside a
               quoted scalar (a lone surrogate, an unknown escape), the pairs before it are
               rewritten, so the error is the same. */
            ok = p.error != YAML_MEMORY_ERROR;
            if (p.context && !strcmp(p.context, "while parsing a quoted scalar")) {
                while (k < n && sites[k].at < p.context_mark.index)
                    k++;
                for (; k < n && sites[k].at + 10 <= p.problem_mark.index; k++)
                    keep[k] = true;
            }
            break;
        }
        bool end = t.type == YAML_STREAM_END_TOKEN;
        if (t.type == YAML_SCALAR_TOKEN) {
            size_t from = t.start_mark.index, to = t.end_mark.index;
            while (k < n && sites[k].at < from)
                k++;
            if (t.data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE)
                for (; k < n && sites[k].at + 10 <= to; k++)
                    keep[k] = true;
        }
        yaml_token_delete(&t);
        if (end)
            break;
    }
    yaml_parser_delete(&p);
    return ok;
}

bool pf__yr_surrogates_prepare(pf_yreader *r, const unsigned char **input, size_t *size)
{
    const pf_allocator *alloc = &r->alloc;
    const unsigned char *u = *input;
    size_t n = *size, start = r->bom;
    /* Candidates: an escaping backslash, then a high surrogate's \u escape directly followed by a low one's. */
    size_t count = 0, cap = 0;
    pf__yr_site *sites = NULL;
    for (const unsigned char *p = u + start; (p = memchr(p, '\\', n - (size_t)(p - u))) != NULL;) {
        size_t i = (size_t)(p - u);
        if (n - i < 12) {
            break;
        }
        long hi = escape_unit(p);
        if (hi < 0xD800 || hi > 0xDBFF || !escape_starts(u, start, i)) {
            p++;
            continue;
        }
        long lo = escape_unit(p + 6);
        if (lo < 0xDC00 || lo > 0xDFFF) {
            p += 6;
            continue;
        }
        if (pf__grow(alloc, (void **)&sites, &cap, count + 1, sizeof *sites) != PF_OK) {
            pf__free(alloc, sites);
            return false;
        }
        sites[count].orig = i;
        count++;
        p += 12;
    }
    if (!count)
        return true;
    unsigned char *copy = pf__malloc(alloc, n);
    bool *keep = pf__calloc(alloc, count, sizeof *keep);
    if (!copy || !keep) {
        pf__free(alloc, copy);
        pf__free(alloc, keep);
        pf__free(alloc, sites);
        return false;
    }
    /* First scan: every candidate rewritten; then the copy read, with only those in double-quoted scalars. */
    locate_sites(r, sites, count);
    write_copy(u, n, sites, count, NULL, copy);
    place_sites(sites, count, NULL);
    bool ok = find_quoted(copy, n - SAVED * count, sites, count, keep);
    if (ok) {
        write_copy(u, n, sites, count, keep, copy);
        count = place_sites(sites, count, keep);
    }
    pf__free(alloc, keep);
    if (!ok || !count) {
        pf__free(alloc, copy);
        pf__free(alloc, sites);
        return ok;
    }
    r->copy = copy;
    r->sites = sites;
    r->site_count = count;
    *input = copy;
    *size = n - SAVED * count;
    return true;
}

void pf__yr_surrogates_free(pf_yreader *r)
{
    if (r->copy) {
        pf__free(&r->alloc, r->copy);
        pf__free(&r->alloc, r->sites);
    }
    r->copy = NULL;
    r->sites = NULL;
    r->site_count = 0;
}

/* Sites of the copy before its index `at`. */
static size_t sites_before(const pf_yreader *r, size_t at)
{
    size_t lo = 0, hi = r->site_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (r->sites[mid].at < at)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

size_t pf__yr_surrogates_offset(const pf_yreader *r, size_t byte)
{
    size_t lo = 0, hi = r->site_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (r->sites[mid].byte < byte)
            lo = mid + 1;
        else
            hi = mid;
    }
    return byte + SAVED * lo;
}

void pf__yr_surrogates_mark(const pf_yreader *r, yaml_mark_t *m)
{
    if (!r->site_count)
        return;
    size_t k = sites_before(r, m->index);
    /* Those of the sites before on the mark's own line move its column (counted, not walked:
       minified JSON has every site on one line). */
    size_t on_line = k && r->sites[k - 1].line == m->line ? r->sites[k - 1].nth + 1 : 0;
    m->index += SAVED * k;
    m->column += SAVED * on_line;
}

bool pf__yr_lone_surrogate(pf_yreader *r, const yaml_parser_t *p)
{
    /* libyaml stops with its mark on the escape's first hex digit, past "\u". */
    if (p->error != YAML_SCANNER_ERROR || !p->problem || strcmp(p->problem, "found invalid Unicode character escape code"))
        return false;
    yaml_mark_t m = p->problem_mark; /* already moved to the document's text */
    if (m.column < 2 || m.index < 2)
        return false;
    m.column -= 2;
    m.index -= 2;
    pf_pos pos = pf__yr_pos_of_mark(r, m);
    if (pos.offset + 6 > r->size)
        return false;
    long unit = escape_unit((const unsigned char *)r->data + pos.offset);
    if (unit < 0xD800 || unit > 0xDFFF)
        return false;
    /* What was read after the scalar began is a symptom (as for libyaml's other errors in yaml_events.c). */
    if (p->context)
        pf__diag_drop_from(r->diags, (unsigned)p->context_mark.line + 1, (unsigned)p->context_mark.column + 1);
    char code[8];
    snprintf(code, sizeof code, "%04lx", (unsigned long)unit);
    const char *shown = pf__yr_show(r, code);
    const char *half = unit < 0xDC00 ? "a high surrogate not followed by a low one"
                                     : "a low surrogate without a high one before it";
    if (shown)
        pf__yr_stop(r, pos, PF_ESYNTAX,
                    "lone surrogate \\u%s: %s (a character beyond U+FFFF is written as a pair, such as "
                    "\\ud83d\\ude00, or as \\U0001F600)", shown, half);
    else
        pf__yr_stop(r, pos, PF_ESYNTAX, "lone surrogate in a \\u escape: %s", half);
    return true;
}
