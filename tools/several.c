/* score, map and report over several documents (several.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "several.h"

pf_doc **load_docs(char **files, int count)
{
    pf_doc **docs = calloc((size_t)count, sizeof *docs);
    if (!docs) {
        fprintf(stderr, "portfolio: out of memory\n");
        return NULL;
    }
    bool ok = true;
    /* Every file is read, so every bad one is reported at once. */
    for (int i = 0; i < count; i++)
        if (!(docs[i] = load(files[i])))
            ok = false;
    if (!ok) {
        free_docs(docs, count);
        return NULL;
    }
    return docs;
}

void free_docs(pf_doc **docs, int count)
{
    for (int i = 0; docs && i < count; i++)
        pf_doc_free(docs[i]);
    free(docs);
}

void print_section_heading(const char *file, int index)
{
    printf("%s==> %s <==\n", index ? "\n" : "", file);
}

void several_json_begin(pf_json *j, const char *name)
{
    pf__json_object_begin(j);
    pf__json_key(j, "schema_version");
    pf__json_integer(j, 1);
    pf__json_key(j, "command");
    pf__json_string(j, name);
    pf__json_key(j, "documents");
    pf__json_array_begin(j);
}

void several_json_add(pf_json *j, const char *source, const pf_buf *result)
{
    pf__json_object_begin(j);
    pf__json_key(j, "source");
    pf__json_string(j, source);
    pf__json_key(j, "result");
    pf__json_embed(j, result->data, result->size);
    pf__json_object_end(j);
}

bool several_json_end(pf_json *j, const char *path)
{
    pf__json_array_end(j);
    pf__json_object_end(j);
    return emit_json(j, path);
}

int several_write(const several_writer *w, void *const *results, char **files, int count, const choices *c)
{
    pf_error err;
    if (c->json && count == 1)
        return w->json_to(results[0], &stdout_sink, &err) == PF_OK ? 0 : stream_failure(&err);
    if (!c->json) {
        for (int i = 0; i < count; i++) {
            if (count > 1)
                print_section_heading(files[i], i);
            w->text(results[i], c);
        }
        return 0;
    }
    pf_buf out = PF_BUF_INIT, wrapper = PF_BUF_INIT;
    pf_json j;
    pf__json_init(&j, &wrapper);
    several_json_begin(&j, w->command);
    int status = 0;
    for (int i = 0; i < count && !status; i++) {
        if (w->json(results[i], &out, &err) != PF_OK)
            status = report_failure(&err);
        else
            several_json_add(&j, files[i], &out);
    }
    if (!status && !several_json_end(&j, NULL))
        status = EXIT_INVALID;
    pf_buf_dispose(&wrapper);
    pf_buf_dispose(&out);
    return status;
}

/* Appends bytes, remembering the first failure in *ok. */
static void put(pf_buf *t, const char *s, size_t n, bool *ok)
{
    if (*ok && pf__buf_append(t, s, n) != PF_OK)
        *ok = false;
}

/* One CSV field as the library writes cells: quoted when it holds a comma or a quote, controls left out. */
static void csv_field(pf_buf *t, const char *s, bool *ok)
{
    bool quote = strpbrk(s, ",\"") != NULL;
    if (quote)
        put(t, "\"", 1, ok);
    for (const char *p = s; *p; p++) {
        if ((unsigned char)*p < 0x20 || *p == 0x7f)
            continue;
        put(t, *p == '"' ? "\"\"" : p, *p == '"' ? 2 : 1, ok);
    }
    if (quote)
        put(t, "\"", 1, ok);
}

bool several_csv_add(pf_buf *t, const char *source, const pf_buf *csv, bool first)
{
    bool ok = true;
    const char *p = csv->data ? csv->data : "", *end = p + csv->size;
    for (bool header = true; p < end; header = false) {
        /* A record ends at a CRLF outside quotes. */
        const char *q = p;
        bool quoted = false;
        while (q < end && (quoted || !(q[0] == '\r' && q + 1 < end && q[1] == '\n'))) {
            quoted ^= *q == '"';
            q++;
        }
        if (!header || first) {
            if (header)
                put(t, "source", 6, &ok);
            else
                csv_field(t, source, &ok);
            put(t, ",", 1, &ok);
            put(t, p, (size_t)(q - p), &ok);
            put(t, "\r\n", 2, &ok);
        }
        p = q < end ? q + 2 : end;
    }
    return ok;
}
