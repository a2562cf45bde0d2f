/*
 * CSV reading over libcsv (csv_read.h). libcsv is fed one piece at a time,
 * each piece ending just after a separator or line break, so every cell and
 * record it completes ends at the last byte of the current piece: that is how
 * cells get their byte offsets, and how the LF of a CRLF is told from a blank
 * line (libcsv reports both as records without fields).
 */
#include <csv.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "csv_read.h"
#include "model_impl.h"

typedef struct field {
    size_t at;     /* in the record's bytes */
    size_t len;
    size_t offset; /* in the source */
} field;

typedef struct parse_state {
    pf_csv *csv;
    struct csv_parser parser;
    size_t limit;    /* the largest field buffer libcsv may have */
    bool limit_hit;  /* the last growth was refused for the limit (else for memory) */
    bool detect;     /* only counting the fields of the first record */
    bool done;       /* detection has its count */
    size_t detected;
    size_t piece_start, piece_end;
    size_t field_start;  /* where the next cell begins */
    unsigned rows;       /* records ended so far, blank ones included */
    int last_term;       /* the byte that ended the last record, or -1 */
    size_t last_term_offset;
    char *bytes;         /* the current record's cells, each NUL-terminated */
    size_t bytes_len, bytes_cap;
    field *fields;
    size_t field_count, field_cap;
    pf_csv_cell *cells;
    size_t cell_cap;
    bool nonblank;
    pf_csv_record_fn fn;
    void *ctx;
} parse_state;

/* libcsv's growth and release functions get no context: the buffer's header carries it. */
typedef union entry_header {
    parse_state *state;
    max_align_t align;
} entry_header;

static void *grow_entry(void *ptr, size_t size)
{
    entry_header *h = (entry_header *)ptr - 1;
    parse_state *s = h->state;
    if (s->csv->oom)
        return NULL;
    if (size > s->limit) {
        s->limit_hit = true;
        return NULL; /* libcsv tries smaller steps, then stops with CSV_ENOMEM */
    }
    entry_header *n = pf__realloc(&s->csv->alloc, h, sizeof *h + size);
    if (!n) {
        s->csv->oom = true; /* sticky, so libcsv's smaller retries fail too */
        return NULL;
    }
    s->limit_hit = false;
    return n + 1;
}

static void free_entry(void *ptr)
{
    entry_header *h = (entry_header *)ptr - 1;
    pf__free(&h->state->csv->alloc, h);
}

/* ---- problems ---- */

static void report(pf_csv *c, unsigned row, unsigned column, size_t offset, pf_status code, const char *fmt,
                   va_list ap) PF_PRINTF(6, 0);

static void report(pf_csv *c, unsigned row, unsigned column, size_t offset, pf_status code, const char *fmt,
                   va_list ap)
{
    char msg[PF_ERROR_MESSAGE_MAX];
    vsnprintf(msg, sizeof msg, fmt, ap);
    pf_pos pos = { row, column, offset };
    if (pf__report(c->diags, NULL, c->source, pos, code, "%s", msg) != PF_OK)
        c->oom = true;
    if (code != PF_EINVALID && !c->stopped) {
        c->stopped = true;
        c->stop_status = code;
        pf_error *e = &c->stop_error;
        e->code = code;
        e->line = row;
        e->column = column;
        e->offset = offset;
        pf__copy_truncated(e->source, sizeof e->source, c->source);
        pf__copy_truncated(e->message, sizeof e->message, msg);
    }
}

void pf__csv_problem(pf_csv *c, unsigned row, unsigned column, size_t offset, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report(c, row, column, offset, PF_EINVALID, fmt, ap);
    va_end(ap);
}

void pf__csv_stop(pf_csv *c, unsigned row, unsigned column, size_t offset, pf_status code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report(c, row, column, offset, code, fmt, ap);
    va_end(ap);
}

static unsigned u(size_t n)
{
    return n > UINT_MAX ? UINT_MAX : (unsigned)n;
}

/* ---- libcsv's callbacks ---- */

/* The text of a cell must be UTF-8 without NUL or control characters (tab and line breaks aside). */
static bool check_text(parse_state *s, const char *text, size_t len, unsigned column, size_t offset)
{
    pf_csv *c = s->csv;
    unsigned row = s->rows + 1;
    size_t bad;
    if (!pf__utf8_check(text, len, &bad)) {
        unsigned char b = (unsigned char)text[bad];
        if (b == 0)
            pf__csv_stop(c, row, column, offset, PF_ESYNTAX, "NUL byte in a cell: the file must be UTF-8 text");
        else
            pf__csv_stop(c, row, column, offset, PF_ESYNTAX,
                         "invalid UTF-8: byte 0x%02X does not begin a valid character (save the file as "
                         "CSV UTF-8, not in a legacy encoding)", b);
        return false;
    }
    for (size_t i = 0; i < len; i++) {
        unsigned char b = (unsigned char)text[i];
        if (b >= 0x20 && b != 0x7F && b != 0xC2)
            continue;
        size_t n = pf__control_len(text + i);
        if (n) {
            unsigned cp = n == 1 ? b : (unsigned)(unsigned char)text[i + 1];
            pf__csv_stop(c, row, column, offset, PF_ESYNTAX,
                         "control character U+%04X in a cell: the file must be text", cp);
            return false;
        }
    }
    return true;
}

static void on_field(void *buf, size_t len, void *data)
{
    parse_state *s = data;
    pf_csv *c = s->csv;
    if (c->stopped || c->oom || s->done)
        return;
    size_t offset = s->field_start;
    s->field_start = s->piece_end;
    if (s->detect) {
        s->field_count++;
        s->nonblank = s->nonblank || len > 0;
        return;
    }
    unsigned row = s->rows + 1, column = u(s->field_count + 1);
    if (s->field_count >= c->opts.max_items) {
        pf__csv_stop(c, row, column, offset, PF_ELIMIT, "the row has more than the limit of %zu columns",
                     c->opts.max_items);
        return;
    }
    if (len > c->opts.max_string) {
        pf__csv_stop(c, row, column, offset, PF_ELIMIT, "cell of %zu bytes is longer than the limit of %zu", len,
                     c->opts.max_string);
        return;
    }
    if (!check_text(s, buf, len, column, offset))
        return;
    const char *text = buf;
    while (len && (*text == ' ' || *text == '\t' || *text == '\r' || *text == '\n'))
        text++, len--;
    while (len && (text[len - 1] == ' ' || text[len - 1] == '\t' || text[len - 1] == '\r' || text[len - 1] == '\n'))
        len--;
    if (pf__grow(&c->alloc, (void **)&s->bytes, &s->bytes_cap, s->bytes_len + len + 1, 1) != PF_OK ||
        pf__grow(&c->alloc, (void **)&s->fields, &s->field_cap, s->field_count + 1, sizeof *s->fields) != PF_OK) {
        c->oom = true;
        return;
    }
    /* Line breaks inside a quoted cell become LF, whatever the file's own line ends. */
    char *to = s->bytes + s->bytes_len;
    for (size_t i = 0; i < len; i++) {
        if (text[i] != '\r')
            *to++ = text[i];
        else if (i + 1 == len || text[i + 1] != '\n')
            *to++ = '\n';
    }
    *to = '\0';
    len = (size_t)(to - (s->bytes + s->bytes_len));
    s->nonblank = s->nonblank || len > 0;
    field f = { s->bytes_len, len, offset };
    s->fields[s->field_count++] = f;
    s->bytes_len += len + 1;
}

static void end_record(parse_state *s)
{
    s->field_count = 0;
    s->bytes_len = 0;
    s->nonblank = false;
}

static void on_record(int term, void *data)
{
    parse_state *s = data;
    pf_csv *c = s->csv;
    if (c->stopped || c->oom || s->done)
        return;
    size_t term_offset = s->piece_end - 1;
    s->field_start = s->piece_end;
    if (s->field_count == 0 && term == '\n' && s->last_term == '\r' && s->last_term_offset + 1 == term_offset) {
        s->last_term = -1; /* the LF of a CRLF: not a line of its own */
        return;
    }
    s->last_term = term;
    s->last_term_offset = term_offset;
    if (s->detect) {
        if (s->nonblank) {
            s->done = true;
            s->detected = s->field_count;
        }
        end_record(s);
        return;
    }
    if (s->rows >= c->opts.max_items) {
        size_t offset = s->field_count ? s->fields[0].offset : term_offset;
        pf__csv_stop(c, s->rows + 1, 1, offset, PF_ELIMIT, "the file has more than the limit of %zu rows",
                     c->opts.max_items);
        return;
    }
    s->rows++;
    if (s->nonblank) {
        if (pf__grow(&c->alloc, (void **)&s->cells, &s->cell_cap, s->field_count, sizeof *s->cells) != PF_OK) {
            c->oom = true;
            return;
        }
        for (size_t i = 0; i < s->field_count; i++) {
            pf_csv_cell cell = { s->bytes + s->fields[i].at, s->fields[i].len, s->fields[i].offset };
            s->cells[i] = cell;
        }
        s->fn(s->ctx, c, s->rows, s->cells, s->field_count);
    }
    end_record(s);
}

/* ---- reading ---- */

/* libcsv stopped before the end of a piece: a quoting error, a cell too long, or no memory. */
static void parse_failed(parse_state *s, size_t offset)
{
    pf_csv *c = s->csv;
    if (c->stopped)
        return; /* a cell of this piece stopped reading already */
    if (s->detect) {
        s->done = true; /* a separator that cannot read the header loses */
        s->detected = 0;
        return;
    }
    int e = csv_error(&s->parser);
    unsigned row = s->rows + 1, column = u(s->field_count + 1);
    if (e == CSV_EPARSE && s->parser.quoted)
        pf__csv_stop(c, row, column, offset, PF_ESYNTAX,
                     "text after the closing quote of a quoted cell (a quote inside a quoted cell is written twice: \"\")");
    else if (e == CSV_EPARSE)
        pf__csv_stop(c, row, column, offset, PF_ESYNTAX,
                     "a quote inside a cell that does not begin with one (quote the whole cell and write the quote "
                     "twice: \"a \"\"b\"\"\")");
    else if (!c->oom)
        pf__csv_stop(c, row, column, s->field_start, PF_ELIMIT, "cell longer than the limit of %zu bytes%s",
                     c->opts.max_string,
                     s->parser.quoted ? " (it begins with a quote: is its closing quote missing?)" : "");
}

/* Parses from `start` with the separator `sep`: every record, or (detect) the first non-blank one. */
static size_t run(pf_csv *c, const char *data, size_t size, size_t start, char sep, bool detect,
                  pf_csv_record_fn fn, void *ctx)
{
    parse_state s;
    memset(&s, 0, sizeof s);
    s.csv = c;
    s.detect = detect;
    s.fn = fn;
    s.ctx = ctx;
    s.last_term = -1;
    s.field_start = start;
    size_t most = SIZE_MAX - sizeof(entry_header) - 8;
    /* Room for the quotes and spaces around a cell of max_string bytes; on_field checks the exact length. */
    s.limit = c->opts.max_string < most - 64 ? c->opts.max_string + 64 : most;
    if (csv_init(&s.parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL | CSV_REPALL_NL) != 0) {
        c->oom = true;
        return 0;
    }
    csv_set_delim(&s.parser, (unsigned char)sep);
    csv_set_realloc_func(&s.parser, grow_entry);
    csv_set_free_func(&s.parser, free_entry);
    csv_set_blk_size(&s.parser, 4096);
    size_t first = s.limit < 256 ? s.limit : 256;
    entry_header *h = pf__malloc(&c->alloc, sizeof *h + first);
    if (!h) {
        c->oom = true;
        return 0;
    }
    h->state = &s;
    s.parser.entry_buf = (unsigned char *)(h + 1);
    s.parser.entry_size = first;

    bool stops[256] = { false };
    stops[(unsigned char)sep] = stops['\r'] = stops['\n'] = true;
    size_t pos = start;
    while (pos < size && !c->stopped && !c->oom && !s.done) {
        size_t end = pos;
        while (end < size && !stops[(unsigned char)data[end]])
            end++;
        if (end < size)
            end++;
        s.piece_start = pos;
        s.piece_end = end;
        size_t n = csv_parse(&s.parser, data + pos, end - pos, on_field, on_record, &s);
        if (n < end - pos) {
            parse_failed(&s, pos + n);
            break;
        }
        pos = end;
    }
    if (pos >= size && !c->stopped && !c->oom && !s.done) {
        s.piece_start = s.piece_end = size;
        if (csv_fini(&s.parser, on_field, on_record, &s) != 0) {
            if (detect)
                s.done = true, s.detected = 0;
            else
                pf__csv_stop(c, s.rows + 1, u(s.field_count + 1), s.field_start, PF_ESYNTAX,
                             "a quoted cell is not closed: the file ends before its closing quote");
        }
    }
    csv_free(&s.parser);
    pf__free(&c->alloc, s.bytes);
    pf__free(&c->alloc, s.fields);
    pf__free(&c->alloc, s.cells);
    return s.done ? s.detected : 0;
}

pf_status pf__csv_open(pf_csv *c, const char *source, const pf_read_options *ro, char separator)
{
    memset(c, 0, sizeof *c);
    c->source = source;
    c->opts = *ro;
    c->alloc = pf__allocator_resolve(&ro->allocator);
    c->separator = separator;
    if (pf_diagnostics_new(&c->alloc, &c->diags) != PF_OK)
        return PF_ENOMEM;
    pf__diag_set_limit(c->diags, c->opts.max_diagnostics);
    return PF_OK;
}

void pf__csv_read(pf_csv *c, const char *data, size_t size, pf_csv_record_fn fn, void *ctx)
{
    const unsigned char *b = (const unsigned char *)data;
    if (size > c->opts.max_bytes) {
        pf__csv_stop(c, 1, 1, 0, PF_ELIMIT, "the file is %zu bytes, more than the limit of %zu", size,
                     c->opts.max_bytes);
        return;
    }
    if (size >= 2 && ((b[0] == 0xFE && b[1] == 0xFF) || (b[0] == 0xFF && b[1] == 0xFE))) {
        pf__csv_stop(c, 1, 1, 0, PF_ESYNTAX, "the file is UTF-16; save it as CSV UTF-8");
        return;
    }
    size_t start = size >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF ? 3 : 0;
    if (!c->separator) {
        /* The separator that splits the header into more cells; a comma on a tie. */
        size_t commas = run(c, data, size, start, ',', true, NULL, NULL);
        size_t semicolons = c->oom ? 0 : run(c, data, size, start, ';', true, NULL, NULL);
        c->separator = semicolons > commas ? ';' : ',';
    }
    if (!c->oom)
        run(c, data, size, start, c->separator, false, fn, ctx);
}

pf_status pf__csv_close(pf_csv *c, pf_diagnostics *diags, pf_error *err)
{
    if (!c->diags)
        return pf__oom(err);
    if (pf__diag_sort(c->diags) != PF_OK)
        c->oom = true;
    pf__diag_set_limit(diags, c->opts.max_diagnostics);
    if (!c->oom && pf__diag_copy(diags, c->diags) != PF_OK)
        c->oom = true;
    const pf_error *first = pf_diagnostics_at(c->diags, 0);
    pf_status status = c->oom ? pf__oom(err) : !first ? PF_OK : c->stopped ? c->stop_status : PF_EINVALID;
    if (first && !c->oom && err)
        *err = c->stopped ? c->stop_error : *first;
    pf_diagnostics_free(c->diags);
    c->diags = NULL;
    return status;
}
