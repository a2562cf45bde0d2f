/*
 * score, map and report over several documents at once (docs/cli.md, "Several documents"):
 * every document is read and analysed before anything is written, so one bad document fails
 * the whole command with its located problems and no partial output. One FILE gives exactly
 * the one-document output; several give one section per file (text), the results wrapped in
 * {"schema_version", "command", "documents": [{"source", "result"}]} (JSON, docs/json.md), or
 * one table with a first column `source` (CSV). The source is the name given on the command line
 * ("-" for standard input).
 */
#ifndef PORTFOLIO_SEVERAL_H
#define PORTFOLIO_SEVERAL_H

#include "cli.h"

/* Reads every FILE (printing the problems of each bad one); NULL when any is unusable. Free with free_docs(). */
pf_doc **load_docs(char **files, int count);
void free_docs(pf_doc **docs, int count);

/* The heading of a file's section in text output: "==> FILE <==" (a blank line before all but the first). */
void print_section_heading(const char *file, int index);

/* The JSON wrapper of several results: begin, one add per document (its one-document JSON), end. */
void several_json_begin(pf_json *j, const char *name);
void several_json_add(pf_json *j, const char *source, const pf_buf *result);
/* Closes the wrapper and writes it to standard output or atomically to path; false (reported) on failure. */
bool several_json_end(pf_json *j, const char *path);

/* How a command writes one document's result (score's scores, map's map). */
typedef struct several_writer {
    const char *command; /* named in the JSON wrapper */
    pf_status (*json)(const void *result, pf_buf *out, pf_error *err);
    pf_status (*json_to)(const void *result, const pf_sink *sink, pf_error *err);
    void (*text)(const void *result, const choices *c);
} several_writer;

/* Writes the documents' results, all computed: JSON (one document's streamed to standard output, several
   wrapped) or text (a section each when several); returns the exit status. */
int several_write(const several_writer *w, void *const *results, char **files, int count, const choices *c);

/* Appends a document's CSV (header and rows, RFC 4180) with its source as a first column, the header once; false when out of memory. */
bool several_csv_add(pf_buf *t, const char *source, const pf_buf *csv, bool first);

#endif
