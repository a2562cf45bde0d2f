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

void several_json_begin(jsonw *j, const char *name)
{
    jw_object_begin(j);
    jw_key(j, "schema_version");
    jw_integer(j, 1);
    jw_key(j, "command");
    jw_string(j, name);
    jw_key(j, "documents");
    jw_array_begin(j);
}

void several_json_add(jsonw *j, const char *source, const pf_buf *result)
{
    jw_object_begin(j);
    jw_key(j, "source");
    jw_string(j, source);
    jw_key(j, "result");
    jw_embed(j, result->data, result->size);
    jw_object_end(j);
}

bool several_json_end(jsonw *j, const char *path)
{
    jw_array_end(j);
    jw_object_end(j);
    cli_text_puts(&j->out, "\n");
    return cli_text_emit(&j->out, path);
}

/* One CSV field as the library writes cells: quoted when it holds a comma or a quote, controls left out. */
static void csv_field(cli_text *t, const char *s)
{
    bool quote = strpbrk(s, ",\"") != NULL;
    if (quote)
        cli_text_puts(t, "\"");
    for (const char *p = s; *p; p++) {
        if ((unsigned char)*p < 0x20 || *p == 0x7f)
            continue;
        cli_text_append(t, *p == '"' ? "\"\"" : p, *p == '"' ? 2 : 1);
    }
    if (quote)
        cli_text_puts(t, "\"");
}

void several_csv_add(cli_text *t, const char *source, const pf_buf *csv, bool first)
{
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
                cli_text_puts(t, "source");
            else
                csv_field(t, source);
            cli_text_puts(t, ",");
            cli_text_append(t, p, (size_t)(q - p));
            cli_text_puts(t, "\r\n");
        }
        p = q < end ? q + 2 : end;
    }
}
