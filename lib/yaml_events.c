/* The event machinery shared by the library's YAML readers (see yaml_events.h). */
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "yaml_events.h"

/* ---- positions ---- */

size_t pf__yr_break_width(const char *p, const char *end)
{
    const unsigned char *u = (const unsigned char *)p;
    size_t left = (size_t)(end - p);
    if (u[0] == '\n')
        return 1;
    if (u[0] == '\r')
        return left > 1 && u[1] == '\n' ? 2 : 1;
    if (left > 1 && u[0] == 0xC2 && u[1] == 0x85)
        return 2;
    if (left > 2 && u[0] == 0xE2 && u[1] == 0x80 && (u[2] == 0xA8 || u[2] == 0xA9))
        return 3;
    return 0;
}

/* Whether a line begins at byte x: the start of the text, or just after a line break (not inside a CRLF). */
static bool line_starts_at(const pf_yreader *r, size_t x)
{
    const unsigned char *u = (const unsigned char *)r->data;
    if (x <= r->bom)
        return true;
    if (u[x - 1] == '\n')
        return true;
    if (u[x - 1] == '\r')
        return x >= r->size || u[x] != '\n';
    if (x >= r->bom + 2 && u[x - 2] == 0xC2 && u[x - 1] == 0x85)
        return true;
    return x >= r->bom + 3 && u[x - 3] == 0xE2 && u[x - 2] == 0x80 && (u[x - 1] == 0xA8 || u[x - 1] == 0xA9);
}

/*
 * The byte offset of a mark, walking from the last one found, forwards or backwards: problems are
 * reported in any order (a mapping's missing key after its last value, say), and a walk from the
 * start each time would make reading quadratic.
 */
static pf_pos pos_of_line_column(pf_yreader *r, yaml_mark_t m)
{
    pf_pos pos = { (unsigned)m.line + 1, (unsigned)m.column + 1, 0 };
    const char *end = r->data + r->size;
    size_t line = r->cached_line, at = r->cached_line_offset;
    while (line > m.line) {
        /* Back to the start of the line before: at least one byte, then to where a line begins. */
        do
            at--;
        while (!line_starts_at(r, at));
        line--;
    }
    const char *p = r->data + at;
    while (line < m.line && p < end) {
        unsigned char c = (unsigned char)*p;
        /* Only these bytes can begin a line break; skip everything else quickly. */
        size_t w = (c == '\n' || c == '\r' || c == 0xC2 || c == 0xE2) ? pf__yr_break_width(p, end) : 0;
        if (w) {
            line++;
            p += w;
        } else {
            p++;
        }
    }
    size_t col = 0;
    if (line != r->cached_line) {
        r->cached_line = line;
        r->cached_line_offset = (size_t)(p - r->data);
        r->cached_column = 0;
        r->cached_column_offset = r->cached_line_offset;
    } else if (m.column >= r->cached_column) {
        /* Same line, further right: go on from the last column found, so a document
           written on one line (minified JSON) is not walked again for every value. */
        col = r->cached_column;
        p = r->data + r->cached_column_offset;
    } else if (m.column > r->cached_column - m.column) {
        /* Same line, a little to the left: step back character by character. */
        col = r->cached_column;
        p = r->data + r->cached_column_offset;
        while (col > m.column) {
            p--;
            while (p > r->data + r->cached_line_offset && ((unsigned char)*p & 0xC0) == 0x80)
                p--;
            col--;
        }
    }
    for (; col < m.column && p < end; col++) {
        p++;
        while (p < end && ((unsigned char)*p & 0xC0) == 0x80)
            p++;
    }
    r->cached_column = col;
    r->cached_column_offset = (size_t)(p - r->data);
    pos.offset = (size_t)(p - r->data);
    return pos;
}

/* ---- character index to byte offset ---- */

/*
 * libyaml counts characters (mark.index, from after a byte order mark); messages give bytes. The bytes are
 * counted as they are handed to libyaml, per block of PF_YBLOCK: the characters before each block and
 * whether it is all ASCII, where a character index maps onto a byte offset by addition. Only in a block with
 * other characters are its bytes looked at, read again from the file when it is not in memory. Positions
 * are asked for mostly in reading order, so the walk goes on from the last one found.
 */
#define PF_YBLOCK ((size_t)16384)

struct pf_yblock {
    size_t chars; /* UTF-8 lead bytes before the block */
    bool ascii;   /* of the bytes handed over so far */
};

/* The bytes of block k handed to libyaml so far (at most PF_YBLOCK), or NULL with *len 0 when unreadable. */
static const unsigned char *block_bytes(pf_yreader *r, size_t k, size_t *len)
{
    size_t start = k * PF_YBLOCK, end = start + PF_YBLOCK < r->fed ? start + PF_YBLOCK : r->fed;
    *len = end > start ? end - start : 0;
    if (!*len)
        return NULL;
    if (r->data)
        return (const unsigned char *)r->data + start;
    if (r->cache_block != k || r->cache_len < *len) {
        ssize_t got;
        do
            got = pread(r->fd, r->cache, *len, (off_t)start);
        while (got < 0 && errno == EINTR);
        r->cache_block = k;
        r->cache_len = got > 0 ? (size_t)got : 0;
    }
    if (r->cache_len < *len)
        *len = r->cache_len; /* the file shrank: what is left */
    return *len ? r->cache : NULL;
}

/* Counts the characters of bytes being handed to libyaml, opening an entry per block. */
static bool count_fed(pf_yreader *r, const unsigned char *p, size_t n)
{
    while (n) {
        size_t in_block = r->fed % PF_YBLOCK;
        if (in_block == 0) {
            if (r->block_count == r->block_cap &&
                pf__grow(&r->alloc, (void **)&r->blocks, &r->block_cap, r->block_count + 1, sizeof *r->blocks) != PF_OK)
                return false;
            r->blocks[r->block_count].chars = r->leads;
            r->blocks[r->block_count].ascii = true;
            r->block_count++;
        }
        size_t take = PF_YBLOCK - in_block < n ? PF_YBLOCK - in_block : n;
        /* Eight bytes at a time: continuation bytes are 10xxxxxx, the rest begin characters. */
        size_t leads = take, i = 0;
        uint64_t high = 0;
        for (; i + 8 <= take; i += 8) {
            uint64_t w;
            memcpy(&w, p + i, 8);
            uint64_t top = w & 0x8080808080808080u;
            high |= top;
            if (top)
                leads -= (size_t)__builtin_popcountll(top & ~(w << 1));
        }
        for (; i < take; i++) {
            high |= p[i] & 0x80u;
            leads -= (p[i] & 0xC0) == 0x80;
        }
        if (high)
            r->blocks[r->block_count - 1].ascii = false;
        r->leads += leads;
        r->fed += take;
        p += take;
        n -= take;
    }
    return true;
}

/* The byte offset of libyaml's character index (the end of what was read when it lies beyond). */
static size_t offset_of_index(pf_yreader *r, size_t index)
{
    size_t want = index + (r->bom ? 1 : 0); /* the mark of a byte order mark is one lead byte libyaml skips */
    if (r->block_count == 0)
        return r->bom;
    /* The last block whose first character is at or before the one wanted. */
    size_t lo = 0, hi = r->block_count - 1;
    while (lo < hi) {
        size_t mid = hi - (hi - lo) / 2;
        if (r->blocks[mid].chars <= want)
            lo = mid;
        else
            hi = mid - 1;
    }
    size_t k = lo, chars = r->blocks[k].chars, at = k * PF_YBLOCK;
    if (r->blocks[k].ascii) {
        size_t x = at + (want - chars);
        return x < r->fed ? x : r->fed;
    }
    if (r->cursor_offset >= at && r->cursor_offset < at + PF_YBLOCK && r->cursor_chars <= want &&
        r->cursor_chars >= chars) {
        chars = r->cursor_chars;
        at = r->cursor_offset;
    }
    /* Walk to the lead byte of the wanted character, into the next blocks if need be. */
    for (;;) {
        size_t len;
        const unsigned char *b = block_bytes(r, at / PF_YBLOCK, &len);
        size_t i = at % PF_YBLOCK;
        if (!b || i >= len)
            break;
        for (; i < len; i++) {
            if ((b[i] & 0xC0) != 0x80) {
                if (chars == want)
                    break;
                chars++;
            }
        }
        at = at / PF_YBLOCK * PF_YBLOCK + i;
        if (i < len || len < PF_YBLOCK)
            break;
    }
    r->cursor_chars = chars;
    r->cursor_offset = at;
    return at;
}

pf_pos pf__yr_pos_of_mark(pf_yreader *r, yaml_mark_t m)
{
    pf_pos pos = { (unsigned)m.line + 1, (unsigned)m.column + 1, offset_of_index(r, m.index) };
    return pos;
}

/* The line and column reached from mark m by the n bytes at p (breaks straddling byte n not counted; `more`
   bytes after them may be looked at to tell a CRLF). */
static yaml_mark_t walk_bytes(const unsigned char *p, size_t n, size_t more, yaml_mark_t m)
{
    const char *c = (const char *)p;
    size_t x = 0;
    while (x < n) {
        size_t w = pf__yr_break_width(c + x, c + n + more);
        if (w && x + w <= n) {
            m.line++;
            m.column = 0;
            x += w;
        } else {
            if ((p[x] & 0xC0) != 0x80)
                m.column++;
            x++;
        }
    }
    return m;
}

pf_pos pf__yr_pos_of_offset(pf_yreader *r, size_t offset)
{
    yaml_mark_t m = { 0, 0, 0 };
    if (r->data) {
        size_t end = offset < r->size ? offset : r->size;
        if (end > r->bom)
            m = walk_bytes((const unsigned char *)r->data + r->bom, end - r->bom, r->size - end, m);
    } else {
        /* From a file: walk from where libyaml's scanner stands (the problem lies ahead of it, in what it
           has read), through those bytes read again. */
        m = r->parser.mark;
        size_t from = offset_of_index(r, m.index), end = offset < r->fed ? offset : r->fed;
        if (from > end)
            from = end;
        unsigned char *bytes = pf__malloc(&r->alloc, end - from + 4);
        ssize_t got = -1;
        if (bytes) {
            do
                got = pread(r->fd, bytes, end - from + 3, (off_t)from);
            while (got < 0 && errno == EINTR);
        }
        if (got >= 0) {
            size_t n = (size_t)got < end - from ? (size_t)got : end - from;
            m = walk_bytes(bytes, n, (size_t)got - n, m);
        }
        pf__free(&r->alloc, bytes);
    }
    pf_pos pos = { (unsigned)m.line + 1, (unsigned)m.column + 1, offset };
    return pos;
}

/* A character index kept in pf_pos::offset until the byte offset is needed: marked by the top bit. */
#define INDEX_MARK (SIZE_MAX ^ (SIZE_MAX >> 1))

pf_pos pf__yr_ev_pos(pf_yreader *r)
{
    /* The byte offset is worked out only if the position is ever reported or kept. */
    pf_pos pos = { (unsigned)r->ev.start_mark.line + 1, (unsigned)r->ev.start_mark.column + 1,
                   INDEX_MARK | r->ev.start_mark.index };
    return pos;
}

pf_pos pf__yr_exact(pf_yreader *r, pf_pos pos)
{
    if (pos.offset == PF_OFFSET_UNKNOWN) {
        /* A position made from a line and column (inside a scalar, say): only in memory. */
        yaml_mark_t m = { 0, pos.line - 1, pos.column - 1 };
        if (r->data)
            return pos_of_line_column(r, m);
        pos.offset = 0;
        return pos;
    }
    if (pos.offset & INDEX_MARK)
        pos.offset = offset_of_index(r, pos.offset & ~INDEX_MARK);
    return pos;
}

/* ---- problems ---- */

static void vproblem(pf_yreader *r, pf_pos pos, pf_status code, size_t path_len, const char *fmt, va_list ap)
{
    char msg[PF_ERROR_MESSAGE_MAX];
    vsnprintf(msg, sizeof msg, fmt, ap);
    int len = (int)(path_len < r->path_len ? path_len : r->path_len);
    pos = pf__yr_exact(r, pos);
    pf_status s = len ? pf__report(r->diags, NULL, r->source, pos, code, "%.*s: %s", len, r->path, msg)
                      : pf__report(r->diags, NULL, r->source, pos, code, "%s", msg);
    if (s != PF_OK)
        r->oom = true;
}

const char *pf__yr_quote(const pf_yreader *r, const char *text, char out[64])
{
    if (r->redact)
        return NULL;
    pf__quote(text, out);
    return out;
}

const char *pf__yr_show(const pf_yreader *r, const char *text)
{
    return r->redact ? NULL : text;
}

/* A setter's message as a redacting reader may give it: without the " (got ...)" that holds the value. */
static int setter_message_length(const pf_yreader *r, const char *message)
{
    const char *got = r->redact ? strstr(message, " (got ") : NULL;
    return (int)(got ? (size_t)(got - message) : strlen(message));
}

/* A problem with the value at the current path. */
void pf__yr_problem(pf_yreader *r, pf_pos pos, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vproblem(r, pos, PF_EINVALID, r->path_len, fmt, ap);
    va_end(ap);
}

/* A setter's "field: problem" message, placed under the path of the mapping holding the field. */
void pf__yr_setter_problem(pf_yreader *r, pf_pos pos, size_t base, const pf_error *e)
{
    if (e->code == PF_ENOMEM) {
        r->oom = true;
        return;
    }
    pos = pf__yr_exact(r, pos);
    int len = setter_message_length(r, e->message);
    pf_status s = base ? pf__report(r->diags, NULL, r->source, pos, PF_EINVALID, "%.*s.%.*s", (int)base, r->path,
                                    len, e->message)
                       : pf__report(r->diags, NULL, r->source, pos, PF_EINVALID, "%.*s", len, e->message);
    if (s != PF_OK)
        r->oom = true;
}

/* A setter's "field: problem" message about the value at the current path (a list entry, say). */
void pf__yr_entry_problem(pf_yreader *r, pf_pos pos, const pf_error *e)
{
    if (e->code == PF_ENOMEM) {
        r->oom = true;
        return;
    }
    const char *colon = strstr(e->message, ": ");
    const char *problem = colon ? colon + 2 : e->message;
    pf__yr_problem(r, pos, "%.*s", setter_message_length(r, problem), problem);
}

/* Stops reading: syntax errors and broken limits leave nothing sensible to check. */
void pf__yr_stop(pf_yreader *r, pf_pos pos, pf_status code, const char *fmt, ...)
{
    pos = pf__yr_exact(r, pos);
    va_list ap;
    va_start(ap, fmt);
    vproblem(r, pos, code, 0, fmt, ap);
    va_end(ap);
    r->stopped = true;
    r->stop_status = code;
    pf__copy_truncated(r->stop_error.message, sizeof r->stop_error.message, "");
    r->stop_error.code = code;
    r->stop_error.line = pos.line;
    r->stop_error.column = pos.column;
    r->stop_error.offset = pos.offset;
    pf__copy_truncated(r->stop_error.source, sizeof r->stop_error.source, r->source);
    va_start(ap, fmt);
    vsnprintf(r->stop_error.message, sizeof r->stop_error.message, fmt, ap);
    va_end(ap);
}

void pf__yr_path_set(pf_yreader *r, size_t len)
{
    r->path_len = len;
    r->path[len] = '\0';
}

void pf__yr_path_push_key(pf_yreader *r, const char *key)
{
    size_t room = sizeof r->path - r->path_len - 1, n = strlen(key) + (r->path_len > 0);
    if (n > room)
        n = room;
    char *p = r->path + r->path_len;
    if (r->path_len > 0 && n > 0) {
        *p++ = '.';
        memcpy(p, key, n - 1);
    } else {
        memcpy(p, key, n);
    }
    r->path_len += n;
    r->path[r->path_len] = '\0';
}

void pf__yr_path_push_index(pf_yreader *r, size_t index)
{
    char digits[24];
    size_t n = 0;
    do
        digits[n++] = (char)('0' + index % 10);
    while ((index /= 10) > 0);
    if (r->path_len + n + 3 > sizeof r->path)
        return;
    char *p = r->path + r->path_len;
    *p++ = '[';
    while (n)
        *p++ = digits[--n];
    *p++ = ']';
    *p = '\0';
    r->path_len = (size_t)(p - r->path);
}

void pf__yr_path_push(pf_yreader *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(r->path + r->path_len, sizeof r->path - r->path_len, fmt, ap);
    va_end(ap);
    if (n > 0)
        r->path_len += (size_t)n < sizeof r->path - r->path_len ? (size_t)n : sizeof r->path - r->path_len - 1;
}

/* ---- events ---- */

/* The first byte that does not begin a valid UTF-8 character (up to a little past libyaml's problem offset),
   and its value; false when there is none. */
static bool find_bad_utf8(pf_yreader *r, size_t problem_offset, size_t *bad, unsigned char *byte)
{
    if (r->data) {
        if (pf__utf8_check(r->data + r->bom, r->size - r->bom, bad))
            return false;
        *bad += r->bom;
        *byte = (unsigned char)r->data[*bad];
        return true;
    }
    /* Everything before libyaml's scanner was decoded: look from there. */
    size_t from = offset_of_index(r, r->parser.mark.index), end = problem_offset + 4;
    if (end > r->fed)
        end = r->fed;
    if (from >= end)
        return false;
    char *bytes = pf__malloc(&r->alloc, end - from);
    ssize_t got = -1;
    if (bytes) {
        do
            got = pread(r->fd, bytes, end - from, (off_t)from);
        while (got < 0 && errno == EINTR);
    }
    bool found = got > 0 && !pf__utf8_check(bytes, (size_t)got, bad);
    if (found) {
        *byte = (unsigned char)bytes[*bad];
        *bad += from;
    }
    pf__free(&r->alloc, bytes);
    return found;
}

/*
 * Whether libyaml, reading from a file, stopped at a \u escape of a surrogate (half of a pair, as JSON writes
 * characters beyond U+FFFF): its problem mark is on the escape's first hex digit, past "\u".
 */
static bool surrogate_refused(pf_yreader *r, const yaml_parser_t *p)
{
    if (p->error != YAML_SCANNER_ERROR || !p->problem || strcmp(p->problem, "found invalid Unicode character escape code") ||
        p->problem_mark.index < 2)
        return false;
    size_t at = offset_of_index(r, p->problem_mark.index - 2);
    unsigned char e[6];
    ssize_t got;
    do
        got = pread(r->fd, e, sizeof e, (off_t)at);
    while (got < 0 && errno == EINTR);
    /* \uD800 to \uDFFF: 'D' (either case), then 8 to F, then two hex digits. */
    if (got != (ssize_t)sizeof e || e[0] != '\\' || e[1] != 'u' || (e[2] | 0x20) != 'd' || !e[3] ||
        !strchr("89abcdefABCDEF", e[3]))
        return false;
    for (int i = 4; i < 6; i++)
        if (!e[i] || !strchr("0123456789abcdefABCDEF", e[i]))
            return false;
    return true;
}

bool pf__yr_next(pf_yreader *r)
{
    if (r->have_event) {
        yaml_event_delete(&r->ev);
        r->have_event = false;
    }
    if (r->stopped || r->oom)
        return false;
    if (!yaml_parser_parse(&r->parser, &r->ev)) {
        yaml_parser_t *p = &r->parser;
        if (p->error == YAML_MEMORY_ERROR) {
            r->oom = true;
            return false;
        }
        size_t bad;
        unsigned char bad_byte;
        pf__yr_surrogates_mark(r, &p->problem_mark);
        pf__yr_surrogates_mark(r, &p->context_mark);
        if (r->site_count && p->error == YAML_READER_ERROR)
            p->problem_offset = pf__yr_surrogates_offset(r, p->problem_offset);
        if (p->error == YAML_READER_ERROR && r->fd_errno) {
            pf_pos nowhere = { 0, 0, 0 };
            pf__yr_stop(r, nowhere, PF_EIO, "cannot read: %s", strerror(r->fd_errno));
        } else if (!r->data && surrogate_refused(r, p)) {
            /* Streamed, libyaml refused a surrogate escape: the file is read again into memory, where pairs are
               rewritten (pf__yr_with_stream). Nothing of this attempt is reported. */
            r->reread = true;
            r->stopped = true;
        } else if (r->data && pf__yr_lone_surrogate(r, p)) {
            /* reported */
        } else if (p->error == YAML_READER_ERROR && find_bad_utf8(r, p->problem_offset, &bad, &bad_byte)) {
            /* libyaml points past the bad sequence; say where it begins, and what it is. */
            char byte[8];
            snprintf(byte, sizeof byte, "0x%02X", bad_byte);
            const char *shown = pf__yr_show(r, byte);
            if (bad_byte == 0)
                pf__yr_stop(r, pf__yr_pos_of_offset(r, bad), PF_ESYNTAX, "NUL byte: the document must be UTF-8 text");
            else if (shown)
                pf__yr_stop(r, pf__yr_pos_of_offset(r, bad), PF_ESYNTAX,
                            "invalid UTF-8: byte %s does not begin a valid character (the document must be UTF-8)",
                            shown);
            else
                pf__yr_stop(r, pf__yr_pos_of_offset(r, bad), PF_ESYNTAX,
                            "invalid UTF-8: a byte that does not begin a valid character (the document must be UTF-8)");
        } else if (p->error == YAML_READER_ERROR) {
            char value[16];
            snprintf(value, sizeof value, "#x%X", (unsigned)(p->problem_value >= 0 ? p->problem_value : 0));
            const char *shown = pf__yr_show(r, value);
            if (p->problem_value >= 0 && shown)
                pf__yr_stop(r, pf__yr_pos_of_offset(r, p->problem_offset), PF_ESYNTAX, "invalid character %s: %s",
                     shown, p->problem ? p->problem : "unreadable input");
            else if (p->problem_value >= 0)
                pf__yr_stop(r, pf__yr_pos_of_offset(r, p->problem_offset), PF_ESYNTAX, "invalid character: %s",
                     p->problem ? p->problem : "unreadable input");
            else
                pf__yr_stop(r, pf__yr_pos_of_offset(r, p->problem_offset), PF_ESYNTAX, "unreadable input: %s",
                     p->problem ? p->problem : "unknown reason");
        } else {
            pf_pos pos = pf__yr_pos_of_mark(r, p->problem_mark);
            if (p->context && p->context_mark.index < p->problem_mark.index) {
                /* What was read after the broken construct began is a symptom, not a problem of its own. */
                pf_pos began = pf__yr_pos_of_mark(r, p->context_mark);
                pf__diag_drop_from(r->diags, began.line, began.column);
                pf__yr_stop(r, pos, PF_ESYNTAX, "YAML syntax error: %s %s (which began at line %u, column %u)",
                     p->problem ? p->problem : "", p->context, began.line, began.column);
            } else if (p->context)
                pf__yr_stop(r, pos, PF_ESYNTAX, "YAML syntax error: %s %s", p->problem ? p->problem : "", p->context);
            else
                pf__yr_stop(r, pos, PF_ESYNTAX, "YAML syntax error: %s", p->problem ? p->problem : "malformed input");
        }
        return false;
    }
    r->have_event = true;
    if (r->site_count) {
        pf__yr_surrogates_mark(r, &r->ev.start_mark);
        pf__yr_surrogates_mark(r, &r->ev.end_mark);
    }
    const yaml_char_t *tag = r->ev.type == YAML_SCALAR_EVENT           ? r->ev.data.scalar.tag
                             : r->ev.type == YAML_MAPPING_START_EVENT  ? r->ev.data.mapping_start.tag
                             : r->ev.type == YAML_SEQUENCE_START_EVENT ? r->ev.data.sequence_start.tag
                                                                       : NULL;
    if (tag) {
        char buf[64];
        const char *q = pf__yr_quote(r, (const char *)tag, buf);
        if (q)
            pf__yr_problem(r, pf__yr_ev_pos(r), "YAML tags (%s) are not supported; remove the tag", q);
        else
            pf__yr_problem(r, pf__yr_ev_pos(r), "YAML tags are not supported; remove the tag");
    }
    if (r->ev.type == YAML_MAPPING_START_EVENT || r->ev.type == YAML_SEQUENCE_START_EVENT) {
        if (++r->depth > r->opts.max_depth) {
            pf__yr_stop(r, pf__yr_ev_pos(r), PF_ELIMIT, "nesting deeper than the limit of %zu levels", r->opts.max_depth);
            return false;
        }
    } else if (r->ev.type == YAML_MAPPING_END_EVENT || r->ev.type == YAML_SEQUENCE_END_EVENT) {
        r->depth--;
    }
    return true;
}

const char *pf__yr_node_kind(const yaml_event_t *ev)
{
    switch (ev->type) {
    case YAML_MAPPING_START_EVENT: return "a mapping";
    case YAML_SEQUENCE_START_EVENT: return "a list";
    case YAML_ALIAS_EVENT: return "an alias";
    default: return "a scalar";
    }
}

/* Consumes the node whose first event is current; aliases inside it expand to nothing and are not reported. */
void pf__yr_skip_node(pf_yreader *r)
{
    if (r->ev.type == YAML_ALIAS_EVENT) {
        const char *anchor = pf__yr_show(r, (const char *)r->ev.data.alias.anchor);
        if (anchor)
            pf__yr_problem(r, pf__yr_ev_pos(r), "YAML aliases (*%s) are not supported; write the value out", anchor);
        else
            pf__yr_problem(r, pf__yr_ev_pos(r), "YAML aliases are not supported; write the value out");
        return;
    }
    if (r->ev.type != YAML_MAPPING_START_EVENT && r->ev.type != YAML_SEQUENCE_START_EVENT)
        return;
    size_t level = 1;
    while (level && pf__yr_next(r)) {
        if (r->ev.type == YAML_MAPPING_START_EVENT || r->ev.type == YAML_SEQUENCE_START_EVENT)
            level++;
        else if (r->ev.type == YAML_MAPPING_END_EVENT || r->ev.type == YAML_SEQUENCE_END_EVENT)
            level--;
    }
}

bool pf__yr_is_null(const yaml_event_t *ev)
{
    if (ev->type != YAML_SCALAR_EVENT || ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
        return false;
    const char *v = (const char *)ev->data.scalar.value;
    if (*v && *v != '~' && *v != 'n' && *v != 'N')
        return false;
    return !*v || !strcmp(v, "~") || !strcmp(v, "null") || !strcmp(v, "Null") || !strcmp(v, "NULL");
}

/* Reports a node of the wrong kind and consumes it. */
void pf__yr_wrong_kind(pf_yreader *r, const char *expected)
{
    if (r->ev.type == YAML_ALIAS_EVENT) {
        pf__yr_skip_node(r);
        return;
    }
    char buf[64];
    const char *q = r->ev.type == YAML_SCALAR_EVENT ? pf__yr_quote(r, (const char *)r->ev.data.scalar.value, buf)
                                                    : pf__yr_node_kind(&r->ev);
    if (q)
        pf__yr_problem(r, pf__yr_ev_pos(r), "expected %s, got %s", expected, q);
    else
        pf__yr_problem(r, pf__yr_ev_pos(r), "expected %s", expected);
    pf__yr_skip_node(r);
}

/* The current scalar's text, or NULL after reporting why it is unusable (and consuming the node). */
const char *pf__yr_scalar_text(pf_yreader *r, const char *expected)
{
    if (r->ev.type != YAML_SCALAR_EVENT) {
        pf__yr_wrong_kind(r, expected);
        return NULL;
    }
    size_t len = r->ev.data.scalar.length;
    const char *text = (const char *)r->ev.data.scalar.value;
    if (len > r->opts.max_string) {
        char size[24];
        snprintf(size, sizeof size, "%zu", len);
        const char *shown = pf__yr_show(r, size);
        if (shown)
            pf__yr_problem(r, pf__yr_ev_pos(r), "text of %s bytes is longer than the limit of %zu", shown,
                           r->opts.max_string);
        else
            pf__yr_problem(r, pf__yr_ev_pos(r), "text longer than the limit of %zu bytes", r->opts.max_string);
        return NULL;
    }
    if (strlen(text) != len) {
        pf__yr_problem(r, pf__yr_ev_pos(r), "text contains a NUL character");
        return NULL;
    }
    return text;
}

bool pf__yr_read_number(pf_yreader *r, double *out)
{
    const char *text = pf__yr_scalar_text(r, "a number");
    if (!text)
        return false;
    char buf[64];
    const char *q = pf__yr_quote(r, text, buf);
    pf_pos pos = pf__yr_ev_pos(r);
    if (r->ev.data.scalar.style != YAML_PLAIN_SCALAR_STYLE) {
        if (q)
            pf__yr_problem(r, pos, "expected a number, got the quoted text %s", q);
        else
            pf__yr_problem(r, pos, "expected a number, got quoted text");
        return false;
    }
    const char *t = text + (*text == '-' || *text == '+');
    if (!strcmp(t, ".nan") || !strcmp(t, ".NaN") || !strcmp(t, ".NAN") || !strcmp(t, ".inf") ||
        !strcmp(t, ".Inf") || !strcmp(t, ".INF") || !strcmp(t, "nan") || !strcmp(t, "inf")) {
        if (q)
            pf__yr_problem(r, pos, "NaN and infinities are not allowed (got %s)", q);
        else
            pf__yr_problem(r, pos, "NaN and infinities are not allowed");
        return false;
    }
    if (!pf__parse_number(text, out)) {
        if (pf__is_decimal(text) && q)
            pf__yr_problem(r, pos, "%s is too large to be a number", q);
        else if (pf__is_decimal(text))
            pf__yr_problem(r, pos, "too large to be a number");
        else if (q)
            pf__yr_problem(r, pos, "expected a number, got %s", q);
        else
            pf__yr_problem(r, pos, "expected a number");
        return false;
    }
    return true;
}

bool pf__yr_read_integer(pf_yreader *r, int64_t *out)
{
    const char *text = pf__yr_scalar_text(r, "a whole number");
    if (!text)
        return false;
    char buf[64];
    const char *q = pf__yr_quote(r, text, buf);
    pf_pos pos = pf__yr_ev_pos(r);
    const char *digits = text + (*text == '-' || *text == '+');
    if (r->ev.data.scalar.style != YAML_PLAIN_SCALAR_STYLE) {
        if (q)
            pf__yr_problem(r, pos, "expected a whole number, got the quoted text %s", q);
        else
            pf__yr_problem(r, pos, "expected a whole number, got quoted text");
    } else if (pf__parse_int64(text, out)) {
        return true;
    } else if (*digits && strspn(digits, "0123456789") == strlen(digits)) {
        if (q)
            pf__yr_problem(r, pos, "%s is too large", q);
        else
            pf__yr_problem(r, pos, "too large a whole number");
    } else if (q) {
        pf__yr_problem(r, pos, "expected a whole number, got %s", q);
    } else {
        pf__yr_problem(r, pos, "expected a whole number");
    }
    return false;
}

bool pf__yr_read_enum(pf_yreader *r, const pf__names *names, int *out)
{
    const char *text = pf__yr_scalar_text(r, "one word");
    if (!text)
        return false;
    int v = pf__names_find(names, text);
    if (v < 0) {
        char buf[64], expected[256];
        const char *q = pf__yr_quote(r, text, buf);
        pf__names_join(names, expected, sizeof expected);
        if (q)
            pf__yr_problem(r, pf__yr_ev_pos(r), "unknown value %s (expected one of: %s)", q, expected);
        else
            pf__yr_problem(r, pf__yr_ev_pos(r), "unknown value (expected one of: %s)", expected);
        return false;
    }
    *out = v;
    return true;
}

const char *pf__yr_read_id(pf_yreader *r, const char *expected)
{
    pf_pos pos = pf__yr_ev_pos(r);
    const char *text = pf__yr_scalar_text(r, expected);
    if (!text)
        return NULL;
    if (!*text) {
        pf__yr_problem(r, pos, "must not be empty");
        return NULL;
    }
    if (!pf__id_valid(text)) {
        char buf[64];
        const char *q = pf__yr_quote(r, text, buf);
        if (q)
            pf__yr_problem(r, pos, "%s must be letters, digits, '.', '_' or '-'", q);
        else
            pf__yr_problem(r, pos, "must be letters, digits, '.', '_' or '-'");
        return NULL;
    }
    return text;
}

bool pf__yr_read_date(pf_yreader *r, pf_date *out)
{
    const char *text = pf__yr_scalar_text(r, "a date YYYY-MM-DD");
    if (!text)
        return false;
    char buf[64];
    const char *q = pf__yr_quote(r, text, buf);
    if (!pf__parse_date(text, out)) {
        if (q)
            pf__yr_problem(r, pf__yr_ev_pos(r), "expected a date YYYY-MM-DD, got %s", q);
        else
            pf__yr_problem(r, pf__yr_ev_pos(r), "expected a date YYYY-MM-DD");
        return false;
    }
    if (!pf__date_valid(*out)) {
        const char *shown = pf__yr_show(r, text); /* digits and dashes only: shown unquoted */
        if (shown)
            pf__yr_problem(r, pf__yr_ev_pos(r), "%s is not a date in the calendar", shown);
        else
            pf__yr_problem(r, pf__yr_ev_pos(r), "not a date in the calendar");
        return false;
    }
    return true;
}

/* ---- mappings and sequences ---- */


size_t pf__edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 30 || lb > 30)
        return 99;
    size_t row[32];
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t best = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

static void unknown_key(pf_yreader *r, pf_pos pos, const char *key, const pf__names *keys, const char *what)
{
    char buf[64];
    const char *q = pf__yr_quote(r, key, buf);
    /* A guess at what was meant would tell how close the key is to one: not when redacting. */
    for (size_t i = 0; q && i < keys->count; i++) {
        if (pf__edit_distance(key, keys->names[i]) <= 2) {
            pf__yr_problem(r, pos, "unknown key %s in %s (did you mean '%s'?)", q, what, keys->names[i]);
            return;
        }
    }
    char expected[PF_ERROR_MESSAGE_MAX / 2];
    pf__names_join(keys, expected, sizeof expected);
    if (q)
        pf__yr_problem(r, pos, "unknown key %s in %s (expected one of: %s)", q, what, expected);
    else
        pf__yr_problem(r, pos, "unknown key in %s (expected one of: %s)", what, expected);
}

/* Starts reading the mapping that is the current node; false (node consumed) when it is not one. */
bool pf__yr_map_open(pf_yreader *r, pf_map_iter *it, const char *what)
{
    memset(it, 0, sizeof *it);
    it->base = r->path_len;
    it->pos = pf__yr_ev_pos(r);
    if (r->ev.type != YAML_MAPPING_START_EVENT) {
        pf__yr_wrong_kind(r, what);
        return false;
    }
    return true;
}

/*
 * Advances to the next key with a non-null value; on true the current event
 * is that value, which the caller must consume. Unknown and duplicate keys
 * are reported and skipped; null values count as absent.
 */
bool pf__yr_map_next(pf_yreader *r, pf_map_iter *it, const pf__names *keys, const char *what)
{
    pf__yr_path_set(r, it->base);
    while (pf__yr_next(r)) {
        if (r->ev.type == YAML_MAPPING_END_EVENT)
            return false;
        if (++it->count > r->opts.max_items) {
            pf__yr_stop(r, pf__yr_ev_pos(r), PF_ELIMIT, "%s has more than the limit of %zu keys", what, r->opts.max_items);
            return false;
        }
        it->key_pos = pf__yr_ev_pos(r);
        if (r->ev.type != YAML_SCALAR_EVENT) {
            pf__yr_problem(r, it->key_pos, "keys must be plain words, not %s", pf__yr_node_kind(&r->ev));
            pf__yr_skip_node(r);
            if (pf__yr_next(r))
                pf__yr_skip_node(r);
            continue;
        }
        char key[128];
        pf__copy_truncated(key, sizeof key, (const char *)r->ev.data.scalar.value);
        if (strlen((const char *)r->ev.data.scalar.value) != r->ev.data.scalar.length) {
            pf__yr_problem(r, it->key_pos, "keys must not contain NUL characters");
            if (pf__yr_next(r))
                pf__yr_skip_node(r);
            continue;
        }
        /* Keys mostly come in the table's order (the writer's): try the one after the last first. */
        size_t guess = it->count > 1 ? (size_t)it->key + 1 : 0;
        int k = guess < keys->count && strcmp(keys->names[guess], key) == 0 ? (int)guess : pf__names_find(keys, key);
        if (k < 0 || (it->seen >> k & 1)) {
            if (k < 0) {
                unknown_key(r, it->key_pos, key, keys, what);
            } else {
                /* The key is one of the reader's own names: said even when redacting. */
                char q[64];
                pf__quote(keys->names[k], q);
                pf__yr_problem(r, it->key_pos, "duplicate key %s (first at line %u)", q, it->key_positions[k].line);
            }
            if (pf__yr_next(r))
                pf__yr_skip_node(r);
            continue;
        }
        it->seen |= (uint64_t)1 << k;
        it->key_positions[k] = it->key_pos;
        pf__yr_path_push_key(r, key);
        if (!pf__yr_next(r))
            return false;
        if (pf__yr_is_null(&r->ev)) {
            pf__yr_path_set(r, it->base);
            continue;
        }
        it->present |= (uint64_t)1 << k;
        it->key = k;
        return true;
    }
    return false;
}

/* Reports required keys that were missing or null. */
void pf__yr_map_require(pf_yreader *r, const pf_map_iter *it, const pf__names *keys, uint64_t required, const char *what)
{
    if (r->stopped)
        return;
    pf__yr_path_set(r, it->base);
    for (size_t k = 0; k < keys->count; k++) {
        if (!(required >> k & 1) || (it->present >> k & 1))
            continue;
        if (it->seen >> k & 1)
            pf__yr_problem(r, it->key_positions[k], "key '%s' of %s must have a value", keys->names[k], what);
        else
            pf__yr_problem(r, it->pos, "missing key '%s' in %s", keys->names[k], what);
    }
}


bool pf__yr_seq_open(pf_yreader *r, pf_seq_iter *it, const char *what)
{
    it->base = r->path_len;
    it->index = 0;
    if (r->ev.type != YAML_SEQUENCE_START_EVENT) {
        pf__yr_wrong_kind(r, what);
        return false;
    }
    return true;
}

bool pf__yr_seq_next(pf_yreader *r, pf_seq_iter *it)
{
    pf__yr_path_set(r, it->base);
    if (!pf__yr_next(r) || r->ev.type == YAML_SEQUENCE_END_EVENT)
        return false;
    if (it->index >= r->opts.max_items) {
        pf__yr_stop(r, pf__yr_ev_pos(r), PF_ELIMIT, "list has more than the limit of %zu entries", r->opts.max_items);
        return false;
    }
    pf__yr_path_push_index(r, it->index++);
    return true;
}


bool pf__yr_options_version_ok(const pf_read_options *o)
{
    return !o || (o->version >= 1 && o->version <= PF_READ_OPTIONS_VERSION);
}

pf_status pf__yr_check_options(const pf_read_options *o, pf_error *err)
{
    if (!pf__yr_options_version_ok(o))
        return pf__fail(err, PF_EARG, "unknown pf_read_options version %u", o->version);
    if (o && o->version >= 3 && (unsigned)o->referenced_files > PF_REFERENCED_FILES_NONE)
        return pf__fail(err, PF_EARG, "unknown pf_read_options::referenced_files %u", (unsigned)o->referenced_files);
    return PF_OK;
}

pf_read_options pf__yr_resolve_options(const pf_read_options *o)
{
    pf_read_options r = PF_READ_OPTIONS_INIT;
    /* An earlier version's struct ends before the members added since: reading past its end would
       read the caller's stack. */
    if (o && o->version == 1)
        memcpy(&r, o, offsetof(pf_read_options, instrument));
    else if (o && o->version == 2)
        memcpy(&r, o, offsetof(pf_read_options, referenced_files));
    else if (o)
        r = *o;
    r.version = PF_READ_OPTIONS_VERSION;
    if (!r.max_bytes)
        r.max_bytes = PF_DEFAULT_MAX_BYTES;
    if (!r.max_depth)
        r.max_depth = PF_DEFAULT_MAX_DEPTH;
    if (!r.max_string)
        r.max_string = PF_DEFAULT_MAX_STRING;
    if (!r.max_items)
        r.max_items = PF_DEFAULT_MAX_ITEMS;
    if (!r.max_diagnostics)
        r.max_diagnostics = PF_DEFAULT_MAX_DIAGNOSTICS;
    return r;
}

pf_status pf__yr_open(pf_yreader *r, const char *data, size_t size, const char *source, const pf_read_options *opts,
                      const pf_allocator *alloc)
{
    return pf__yr_open_as(r, data, size, source, opts, alloc, false);
}

/* libyaml's input: the next bytes of the memory or the file, counted for positions on the way. */
static int feed(void *ctx, unsigned char *buffer, size_t size, size_t *size_read)
{
    pf_yreader *r = ctx;
    if (r->copy) {
        /* The copy with surrogate pairs rewritten: the document's own bytes were counted when it was made. */
        size_t n = r->copy_size - r->copy_fed < size ? r->copy_size - r->copy_fed : size;
        memcpy(buffer, r->copy + r->copy_fed, n);
        r->copy_fed += n;
        *size_read = n;
        return 1;
    }
    size_t n = r->size - r->fed < size ? r->size - r->fed : size;
    if (r->data) {
        memcpy(buffer, r->data + r->fed, n);
    } else if (n) {
        ssize_t got;
        do
            got = read(r->fd, buffer, n);
        while (got < 0 && errno == EINTR);
        if (got < 0) {
            r->fd_errno = errno ? errno : EIO;
            return 0;
        }
        n = (size_t)got; /* 0: the file shrank, and ends here */
    }
    if (!count_fed(r, buffer, n)) {
        r->oom = true;
        return 0;
    }
    *size_read = n;
    return 1;
}

/*
 * A document in memory with surrogate-pair escapes is read through a copy with the pairs rewritten
 * (yaml_surrogates.c); positions are then the document's, so its bytes are counted here, all at once,
 * rather than as the copy is handed over. False when out of memory.
 */
static bool surrogates_prepare(pf_yreader *r)
{
    const unsigned char *input = (const unsigned char *)r->data;
    size_t size = r->size;
    if (!pf__yr_surrogates_prepare(r, &input, &size))
        return false;
    if (!r->copy)
        return true;
    r->copy_size = size;
    return count_fed(r, (const unsigned char *)r->data, r->size);
}

/* What pf__yr_open_as and pf__yr_open_file share; head holds the first bytes (up to 3). */
static pf_status open_source(pf_yreader *r, const char *data, int fd, size_t size, const unsigned char *head,
                             const char *source, const pf_read_options *opts, const pf_allocator *alloc, bool redact)
{
    memset(r, 0, sizeof *r);
    r->redact = redact;
    r->opts = *opts;
    r->data = data;
    r->fd = fd;
    r->size = size;
    r->source = source;
    r->alloc = pf__allocator_resolve(alloc);
    r->cache_block = SIZE_MAX;
    if (pf_diagnostics_new(alloc, &r->diags) != PF_OK)
        return PF_ENOMEM;
    pf__diag_set_limit(r->diags, r->opts.max_diagnostics);
    const unsigned char *u = head;
    if (size >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
        r->bom = 3;
    r->cached_line_offset = r->bom;
    r->cached_column_offset = r->bom;
    pf_pos start = { 1, 1, 0 };
    char bytes[24];
    snprintf(bytes, sizeof bytes, "%zu", size);
    const char *shown = pf__yr_show(r, bytes);
    if (size > r->opts.max_bytes && shown) {
        pf__yr_stop(r, start, PF_ELIMIT, "the document is %s bytes, more than the limit of %zu", shown,
                    r->opts.max_bytes);
    } else if (size > r->opts.max_bytes) {
        pf__yr_stop(r, start, PF_ELIMIT, "the document is larger than the limit of %zu bytes", r->opts.max_bytes);
    } else if (size >= 2 && ((u[0] == 0xFE && u[1] == 0xFF) || (u[0] == 0xFF && u[1] == 0xFE))) {
        /* Said when redacting too: it names an encoding, not text. */
        pf__yr_stop(r, start, PF_ESYNTAX, "the document is UTF-16; save it as UTF-8");
    } else if (!data && !(r->cache = pf__malloc(&r->alloc, PF_YBLOCK))) {
        r->oom = true;
    } else if (data && !surrogates_prepare(r)) {
        r->oom = true;
    } else if (!yaml_parser_initialize(&r->parser)) {
        r->oom = true;
    } else {
        r->parser_ready = true;
        yaml_parser_set_input(&r->parser, feed, r);
    }
    return PF_OK;
}

pf_status pf__yr_open_as(pf_yreader *r, const char *data, size_t size, const char *source,
                         const pf_read_options *opts, const pf_allocator *alloc, bool redact)
{
    return open_source(r, data, -1, size, (const unsigned char *)data, source, opts, alloc, redact);
}

pf_status pf__yr_open_file(pf_yreader *r, int fd, size_t size, const char *source, const pf_read_options *opts,
                           const pf_allocator *alloc)
{
    unsigned char head[3] = { 0, 0, 0 };
    ssize_t got;
    do
        got = pread(fd, head, sizeof head, 0);
    while (got < 0 && errno == EINTR);
    /* A shorter read leaves zeros, which match no mark; reading reports the failure itself. */
    return open_source(r, NULL, fd, size, head, source, opts, alloc, false);
}

bool pf__yr_root(pf_yreader *r, const char *what)
{
    if (!r->parser_ready || !pf__yr_next(r) || r->ev.type != YAML_STREAM_START_EVENT || !pf__yr_next(r))
        return false;
    pf_pos start = { 1, 1, r->bom };
    if (r->ev.type == YAML_STREAM_END_EVENT) {
        pf__yr_problem(r, start, "the document is empty (it needs %s)", what);
        return false;
    }
    if (!pf__yr_next(r))
        return false;
    if (pf__yr_is_null(&r->ev)) {
        pf__yr_problem(r, start, "the document is empty (it needs %s)", what);
        return false;
    }
    return true;
}

void pf__yr_end(pf_yreader *r)
{
    if (!pf__yr_next(r) || !pf__yr_next(r))
        return;
    if (r->ev.type == YAML_DOCUMENT_START_EVENT)
        pf__yr_problem(r, pf__yr_ev_pos(r), "a file holds one document; found a second one after '---'");
}

pf_status pf__yr_close(pf_yreader *r, pf_diagnostics *diags, pf_error *err)
{
    if (r->have_event)
        yaml_event_delete(&r->ev);
    r->have_event = false;
    if (r->parser_ready)
        yaml_parser_delete(&r->parser);
    r->parser_ready = false;
    pf__free(&r->alloc, r->blocks);
    pf__free(&r->alloc, r->cache);
    r->blocks = NULL;
    r->cache = NULL;
    pf__yr_surrogates_free(r);
    if (r->reread && !r->oom) {
        /* Read again from memory by pf__yr_with_stream, which reports that reading's problems instead. */
        pf_diagnostics_free(r->diags);
        r->diags = NULL;
        return PF__YR_REREAD;
    }
    if (!r->diags)
        return pf__oom(err);
    if (pf__diag_sort(r->diags) != PF_OK)
        r->oom = true;
    pf__diag_set_limit(diags, r->opts.max_diagnostics);
    if (!r->oom && pf__diag_copy(diags, r->diags) != PF_OK)
        r->oom = true;
    const pf_error *first = pf_diagnostics_at(r->diags, 0);
    pf_status status = r->oom ? pf__oom(err) : !first ? PF_OK : r->stopped ? r->stop_status : PF_EINVALID;
    if (first && !r->oom && err)
        *err = r->stopped ? r->stop_error : *first;
    pf_diagnostics_free(r->diags);
    r->diags = NULL;
    return status;
}

pf_status pf__yr_with_buffer(const char *data, size_t size, const char *source, const pf_read_options *opts,
                             pf_diagnostics *diags, pf_error *err,
                             pf_status (*parse)(void *ctx, const char *data, size_t size, const char *source,
                                                const pf_read_options *ro, pf_diagnostics *diags, pf_error *err),
                             void *ctx)
{
    if (!data && size)
        return pf__fail(err, PF_EARG, "data is NULL");
    pf_status checked = pf__yr_check_options(opts, err);
    if (checked != PF_OK)
        return checked;
    pf_read_options ro = pf__yr_resolve_options(opts);
    return parse(ctx, data ? data : "", size, source ? source : "<buffer>", &ro, diags, err);
}

pf_status pf__yr_with_file(const char *path, const pf_read_options *opts, pf_diagnostics *diags, pf_error *err,
                           pf_status (*parse)(void *ctx, const char *data, size_t size, const char *source,
                                              const pf_read_options *ro, pf_diagnostics *diags, pf_error *err),
                           void *ctx)
{
    if (!path)
        return pf__fail(err, PF_EARG, "path is NULL");
    pf_status checked = pf__yr_check_options(opts, err);
    if (checked != PF_OK)
        return checked;
    pf_read_options ro = pf__yr_resolve_options(opts);
    pf_allocator a = pf__allocator_resolve(&ro.allocator);
    char *data;
    size_t size;
    pf_error local;
    pf_status s = pf__read_file(path, ro.max_bytes, &a, &data, &size, &local);
    if (s != PF_OK) {
        pf__copy_truncated(local.source, sizeof local.source, path);
        if (pf__diag_add(diags, &local) != PF_OK)
            return pf__oom(err);
        if (err)
            *err = local;
        return s;
    }
    s = parse(ctx, data, size, path, &ro, diags, err);
    pf__free(&a, data);
    return s;
}

/* A failure to open or read a file, reported as every problem is (under the file's name, without a position). */
static pf_status file_problem(const char *path, pf_error *local, pf_diagnostics *diags, pf_error *err)
{
    pf__copy_truncated(local->source, sizeof local->source, path);
    if (pf__diag_add(diags, local) != PF_OK)
        return pf__oom(err);
    if (err)
        *err = *local;
    return local->code;
}

pf_status pf__yr_with_stream(const char *path, const pf_read_options *opts, pf_diagnostics *diags, pf_error *err,
                             pf_status (*parse)(void *ctx, const char *data, size_t size, const char *source,
                                                const pf_read_options *ro, pf_diagnostics *diags, pf_error *err),
                             pf_status (*parse_file)(void *ctx, int fd, size_t size, const char *source,
                                                     const pf_read_options *ro, pf_diagnostics *diags, pf_error *err),
                             void *ctx)
{
    if (!path)
        return pf__fail(err, PF_EARG, "path is NULL");
    pf_status checked = pf__yr_check_options(opts, err);
    if (checked != PF_OK)
        return checked;
    pf_read_options ro = pf__yr_resolve_options(opts);
    pf_error local;
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        pf__fail(&local, errno == ENOENT ? PF_ENOTFOUND : PF_EIO, "cannot open: %s", strerror(errno));
        return file_problem(path, &local, diags, err);
    }
    struct stat st;
    pf_status s;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
        /* A regular file streams: its size is known, and its bytes can be read again for positions. */
        if ((uintmax_t)st.st_size > ro.max_bytes) {
            close(fd);
            pf__fail(&local, PF_ELIMIT, "the file is larger than the limit of %zu bytes", ro.max_bytes);
            return file_problem(path, &local, diags, err);
        }
        s = parse_file(ctx, fd, (size_t)st.st_size, path, &ro, diags, err);
        if (s != PF__YR_REREAD) {
            close(fd);
            return s;
        }
        /* libyaml refused a surrogate escape: the file is read again, whole, within the same limit, and read
           from memory, where surrogate pairs are rewritten and a lone surrogate is located. */
        if (lseek(fd, 0, SEEK_SET) != 0) {
            pf__fail(&local, PF_EIO, "cannot read: %s", strerror(errno));
            close(fd);
            return file_problem(path, &local, diags, err);
        }
    }
    /* A pipe or a device can be read only once: whole, within the limit, as before (and a file read again). */
    FILE *f = fdopen(fd, "rb");
    if (!f) {
        pf__fail(&local, PF_EIO, "cannot open: %s", strerror(errno));
        close(fd);
        return file_problem(path, &local, diags, err);
    }
    pf_allocator a = pf__allocator_resolve(&ro.allocator);
    char *data;
    size_t size;
    s = pf__read_stream(f, ro.max_bytes, &a, &data, &size, &local);
    fclose(f);
    if (s != PF_OK)
        return file_problem(path, &local, diags, err);
    s = parse(ctx, data, size, path, &ro, diags, err);
    pf__free(&a, data);
    return s;
}
