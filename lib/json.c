/* The JSON writer of json.h. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "json.h"

void pf__json_init(pf_json *j, pf_buf *out)
{
    memset(j, 0, sizeof *j);
    j->out = out;
    out->size = 0;
    if (out->data)
        out->data[0] = '\0';
}

void pf__json_open(pf_json *j, pf_buf *out, const pf_sink *sink, const pf_allocator *a)
{
    if (out) {
        pf__json_init(j, out);
        return;
    }
    memset(j, 0, sizeof *j);
    j->own.allocator = *a;
    j->own_stream.sink = sink;
    j->out = &j->own;
    j->stream = &j->own_stream;
}

pf_status pf__json_close(pf_json *j, pf_error *err)
{
    pf_status s = pf__json_finish(j);
    if (s == PF_OK)
        s = pf__stream_flush(j->stream, j->out);
    if (j->out == &j->own)
        pf_buf_dispose(&j->own);
    if (s == PF_OK)
        return PF_OK;
    if (j->stream && j->stream->status != PF_OK)
        return pf__stream_fail(j->stream, err);
    return pf__fail(err, s, "%s", s == PF_ENOMEM ? "out of memory" : "malformed JSON nesting");
}

static void put(pf_json *j, const char *s, size_t n)
{
    if (j->status != PF_OK)
        return;
    if (pf__buf_append(j->out, s, n) != PF_OK)
        j->status = PF_ENOMEM;
    else if (j->stream && j->out->size >= PF_STREAM_CHUNK && pf__stream_drain(j->stream, j->out, 0) != PF_OK)
        j->status = j->stream->status;
}

static void puts_(pf_json *j, const char *s)
{
    put(j, s, strlen(s));
}

/* A comma, a line break and the deepest indentation: what goes between values is a piece of it. */
static const char between[] = ",\n                                                                ";
_Static_assert(sizeof between - 3 == 2 * PF_JSON_MAX_DEPTH, "room for the deepest indentation");

/* A line break (after a comma when `comma`) and the indentation of the current depth, in one piece. */
static void new_line(pf_json *j, bool comma)
{
    put(j, between + !comma, 1 + comma + 2 * (size_t)j->depth);
}

/* Separator and indentation before a value or key. */
static void before_value(pf_json *j)
{
    if (j->after_key) {
        j->after_key = false;
        return;
    }
    if (j->depth > 0) {
        new_line(j, j->has_members[j->depth - 1]);
        j->has_members[j->depth - 1] = true;
    }
}

static void open_container(pf_json *j, const char *bracket)
{
    before_value(j);
    puts_(j, bracket);
    if (j->depth >= PF_JSON_MAX_DEPTH) {
        j->status = PF_EARG;
        return;
    }
    j->has_members[j->depth++] = false;
}

static void close_container(pf_json *j, const char *bracket)
{
    if (j->depth == 0) {
        j->status = PF_EARG;
        return;
    }
    if (j->has_members[--j->depth])
        new_line(j, false);
    puts_(j, bracket);
}

void pf__json_object_begin(pf_json *j)
{
    open_container(j, "{");
}

void pf__json_object_end(pf_json *j)
{
    close_container(j, "}");
}

void pf__json_array_begin(pf_json *j)
{
    open_container(j, "[");
}

void pf__json_array_end(pf_json *j)
{
    close_container(j, "]");
}

static void quoted(pf_json *j, const char *s)
{
    puts_(j, "\"");
    const char *run = s;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        const char *esc = NULL;
        char buf[8];
        switch (*p) {
        case '"': esc = "\\\""; break;
        case '\\': esc = "\\\\"; break;
        case '\n': esc = "\\n"; break;
        case '\r': esc = "\\r"; break;
        case '\t': esc = "\\t"; break;
        default:
            /* Control characters, and U+2028/2029 which break JavaScript embedding, as \u escapes. */
            if (*p < 0x20) {
                snprintf(buf, sizeof buf, "\\u%04x", *p);
                esc = buf;
            } else if (p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9)) {
                snprintf(buf, sizeof buf, "\\u%04x", p[2] == 0xA8 ? 0x2028u : 0x2029u);
                put(j, run, (size_t)((const char *)p - run));
                puts_(j, buf);
                p += 2;
                run = (const char *)p + 1;
                continue;
            }
        }
        if (esc) {
            put(j, run, (size_t)((const char *)p - run));
            puts_(j, esc);
            run = (const char *)p + 1;
        }
    }
    puts_(j, run);
    puts_(j, "\"");
}

void pf__json_key(pf_json *j, const char *key)
{
    before_value(j);
    quoted(j, key);
    puts_(j, ": ");
    j->after_key = true;
}

void pf__json_string(pf_json *j, const char *s)
{
    before_value(j);
    if (s)
        quoted(j, s);
    else
        puts_(j, "null");
}

void pf__json_number(pf_json *j, double v)
{
    before_value(j);
    char buf[32];
    if (!isfinite(v)) {
        puts_(j, "null");
        return;
    }
    pf__format_number(v == 0 ? 0 : v, buf); /* no "-0" */
    puts_(j, buf);
}

void pf__json_integer(pf_json *j, long long v)
{
    before_value(j);
    char buf[32];
    snprintf(buf, sizeof buf, "%lld", v);
    puts_(j, buf);
}

void pf__json_bool(pf_json *j, bool v)
{
    before_value(j);
    puts_(j, v ? "true" : "false");
}

void pf__json_null(pf_json *j)
{
    before_value(j);
    puts_(j, "null");
}

void pf__json_facets(pf_json *j, const char *key, const double v[PF_FACET_COUNT])
{
    pf__json_key(j, key);
    pf__json_object_begin(j);
    for (int f = 0; f < PF_FACET_COUNT; f++) {
        pf__json_key(j, pf_facet_name((pf_facet)f));
        pf__json_number(j, v[f]);
    }
    pf__json_object_end(j);
}

void pf__json_embed(pf_json *j, const char *json, size_t size)
{
    before_value(j);
    while (size && json[size - 1] == '\n')
        size--;
    /* Strings hold no raw line break (docs/json.md), so every '\n' starts a line to indent. */
    const char *end = json + size;
    for (const char *line = json; line < end;) {
        const char *nl = memchr(line, '\n', (size_t)(end - line));
        size_t n = nl ? (size_t)(nl - line) + 1 : (size_t)(end - line);
        if (line != json)
            put(j, between + 2, 2 * (size_t)j->depth);
        put(j, line, n);
        line += n;
    }
}

pf_status pf__json_finish(pf_json *j)
{
    if (j->depth != 0 && j->status == PF_OK)
        j->status = PF_EARG;
    puts_(j, "\n");
    return j->status;
}
