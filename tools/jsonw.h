/*
 * Output the command line composes itself: JSON (validate, show, the wrapper around several
 * documents' results) and the merged CSV of several documents. The library's JSON writer
 * (lib/json.c) is internal to the shared library, so this one follows the same rules of
 * docs/json.md ("Text", "Number formatting") for the few values the command line writes.
 * A failure (out of memory) sticks: later calls do nothing and the finish functions report it.
 */
#ifndef PORTFOLIO_JSONW_H
#define PORTFOLIO_JSONW_H

#include <stdbool.h>
#include <stddef.h>

/* A growable text; data is malloc'ed (NULL while empty), failed once any append failed. */
typedef struct cli_text {
    char *data;
    size_t size, capacity;
    bool failed;
} cli_text;

void cli_text_append(cli_text *t, const char *s, size_t n);
void cli_text_puts(cli_text *t, const char *s);
/* Releases the text and leaves it empty. */
void cli_text_dispose(cli_text *t);

#define JSONW_MAX_DEPTH 16

/* A JSON writer into a text: indented by two spaces, one member per line. */
typedef struct jsonw {
    cli_text out;
    int depth;
    bool has_members[JSONW_MAX_DEPTH];
    bool after_key;
} jsonw;

void jw_object_begin(jsonw *j);
void jw_object_end(jsonw *j);
void jw_array_begin(jsonw *j);
void jw_array_end(jsonw *j);
void jw_key(jsonw *j, const char *key);
/* A string value; NULL writes null. */
void jw_string(jsonw *j, const char *s);
void jw_integer(jsonw *j, long long v);
/* The shortest decimal that reads back as exactly v (docs/json.md); not finite writes null. */
void jw_number(jsonw *j, double v);
void jw_bool(jsonw *j, bool v);
void jw_null(jsonw *j);
/* A complete JSON value written by the library (its final newline dropped), indented to this depth. */
void jw_embed(jsonw *j, const char *json, size_t size);
/* Ends the text with a newline and prints it on standard output; false (reported) when out of memory. */
bool jw_print(jsonw *j);

/*
 * Writes the text to standard output, or atomically to path when it is not NULL (reporting
 * "portfolio: wrote PATH" unless --quiet); false (reported) on failure. Disposes of the text.
 */
bool cli_text_emit(cli_text *t, const char *path);

#endif
