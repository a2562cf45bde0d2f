/* JSON and text composed by the command line (jsonw.h). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "jsonw.h"

void cli_text_append(cli_text *t, const char *s, size_t n)
{
    if (t->failed)
        return;
    if (t->size + n + 1 > t->capacity) {
        size_t cap = t->capacity ? t->capacity : 256;
        while (cap < t->size + n + 1)
            cap *= 2;
        char *bigger = realloc(t->data, cap);
        if (!bigger) {
            t->failed = true;
            return;
        }
        t->data = bigger;
        t->capacity = cap;
    }
    memcpy(t->data + t->size, s, n);
    t->size += n;
    t->data[t->size] = '\0';
}

void cli_text_puts(cli_text *t, const char *s)
{
    cli_text_append(t, s, strlen(s));
}

void cli_text_dispose(cli_text *t)
{
    free(t->data);
    *t = (cli_text){ 0 };
}

bool cli_text_emit(cli_text *t, const char *path)
{
    bool ok = !t->failed;
    if (!ok) {
        fprintf(stderr, "portfolio: out of memory\n");
    } else if (path) {
        pf_buf b = PF_BUF_INIT;
        b.data = t->data;
        b.size = t->size;
        b.capacity = t->capacity;
        pf_error err;
        ok = pf_buf_write_file(&b, path, &err) == PF_OK;
        if (ok)
            notice("portfolio: wrote %s\n", path);
        else
            print_diagnostic(&err);
    } else if (t->size) {
        pf_buf b = PF_BUF_INIT;
        b.data = t->data;
        b.size = t->size;
        print_buf(&b);
    }
    cli_text_dispose(t);
    return ok;
}

/* Separator and indentation before a value or key. */
static void before_value(jsonw *j)
{
    if (j->after_key) {
        j->after_key = false;
        return;
    }
    if (j->depth > 0) {
        cli_text_puts(&j->out, j->has_members[j->depth - 1] ? ",\n" : "\n");
        j->has_members[j->depth - 1] = true;
        for (int i = 0; i < j->depth; i++)
            cli_text_puts(&j->out, "  ");
    }
}

static void open_container(jsonw *j, const char *bracket)
{
    before_value(j);
    cli_text_puts(&j->out, bracket);
    if (j->depth >= JSONW_MAX_DEPTH) {
        j->out.failed = true; /* the command line's own shapes never nest this deep */
        return;
    }
    j->has_members[j->depth++] = false;
}

static void close_container(jsonw *j, const char *bracket)
{
    bool had = j->depth > 0 && j->has_members[--j->depth];
    if (had) {
        cli_text_puts(&j->out, "\n");
        for (int i = 0; i < j->depth; i++)
            cli_text_puts(&j->out, "  ");
    }
    cli_text_puts(&j->out, bracket);
}

void jw_object_begin(jsonw *j) { open_container(j, "{"); }
void jw_object_end(jsonw *j) { close_container(j, "}"); }
void jw_array_begin(jsonw *j) { open_container(j, "["); }
void jw_array_end(jsonw *j) { close_container(j, "]"); }

static void quoted(jsonw *j, const char *s)
{
    cli_text_puts(&j->out, "\"");
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
            if (*p < 0x20) {
                snprintf(buf, sizeof buf, "\\u%04x", *p);
                esc = buf;
            } else if (p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9)) {
                /* U+2028 and U+2029 break JavaScript embedding. */
                snprintf(buf, sizeof buf, "\\u%04x", p[2] == 0xA8 ? 0x2028u : 0x2029u);
                cli_text_append(&j->out, run, (size_t)((const char *)p - run));
                cli_text_puts(&j->out, buf);
                p += 2;
                run = (const char *)p + 1;
                continue;
            }
        }
        if (esc) {
            cli_text_append(&j->out, run, (size_t)((const char *)p - run));
            cli_text_puts(&j->out, esc);
            run = (const char *)p + 1;
        }
    }
    cli_text_puts(&j->out, run);
    cli_text_puts(&j->out, "\"");
}

void jw_key(jsonw *j, const char *key)
{
    before_value(j);
    quoted(j, key);
    cli_text_puts(&j->out, ": ");
    j->after_key = true;
}

void jw_string(jsonw *j, const char *s)
{
    before_value(j);
    if (s)
        quoted(j, s);
    else
        cli_text_puts(&j->out, "null");
}

void jw_integer(jsonw *j, long long v)
{
    char buf[32];
    before_value(j);
    snprintf(buf, sizeof buf, "%lld", v);
    cli_text_puts(&j->out, buf);
}

void jw_number(jsonw *j, double v)
{
    char buf[32] = "0";
    before_value(j);
    if (!isfinite(v)) {
        cli_text_puts(&j->out, "null");
        return;
    }
    /* The command line never calls setlocale(): printf and strtod use the C locale's point. */
    bool done = v == 0; /* also -0, written 0 */
    double mag = fabs(v);
    if (mag >= 1e-6 && mag < 1e15)
        for (int decimals = 0; decimals <= 17 && !done; decimals++) {
            snprintf(buf, sizeof buf, "%.*f", decimals, v);
            done = strtod(buf, NULL) == v;
        }
    for (int precision = 1; precision <= 17 && !done; precision++) {
        snprintf(buf, sizeof buf, "%.*g", precision, v);
        done = strtod(buf, NULL) == v;
    }
    cli_text_puts(&j->out, buf);
}

void jw_bool(jsonw *j, bool v)
{
    before_value(j);
    cli_text_puts(&j->out, v ? "true" : "false");
}

void jw_null(jsonw *j)
{
    before_value(j);
    cli_text_puts(&j->out, "null");
}

void jw_embed(jsonw *j, const char *json, size_t size)
{
    before_value(j);
    while (size && json[size - 1] == '\n')
        size--;
    /* Strings in it hold no raw line break (docs/json.md), so every '\n' starts a line to indent. */
    const char *end = json + size;
    for (const char *line = json; line < end;) {
        const char *nl = memchr(line, '\n', (size_t)(end - line));
        size_t n = nl ? (size_t)(nl - line) + 1 : (size_t)(end - line);
        if (line != json)
            for (int i = 0; i < j->depth; i++)
                cli_text_puts(&j->out, "  ");
        cli_text_append(&j->out, line, n);
        line += n;
    }
}

bool jw_print(jsonw *j)
{
    cli_text_puts(&j->out, "\n");
    return cli_text_emit(&j->out, NULL);
}
