/*
 * Reading CSV files (RFC 4180) over libcsv, record by record, with every cell
 * located by row (the record number, blank records counted, the first record
 * row 1) and column (the 1-based field index). The readers of CSV imports are
 * built on it (import.c); docs/import.md describes what it accepts.
 *
 * It checks what is wrong with the text itself: UTF-8 (a BOM is skipped,
 * UTF-16 refused), NUL and control characters, quoting, and the limits of
 * pf_read_options (size, cell length, rows and columns per row). Those stop
 * reading; what the cells mean is the caller's to check, with pf__csv_problem().
 */
#ifndef PF_CSV_READ_H
#define PF_CSV_READ_H

#include "internal.h"

/* One cell of a record: its text (NUL-terminated, unquoted, without the spaces, tabs and line
   breaks around it, CRLF and CR inside it made LF) and the byte offset in the source where the
   cell begins. */
typedef struct pf_csv_cell {
    const char *text;
    size_t len;
    size_t offset;
} pf_csv_cell;

typedef struct pf_csv {
    const char *source;
    pf_read_options opts; /* resolved: no zero limits */
    pf_allocator alloc;
    char separator;       /* ',' or ';', or 0 to detect it from the first record; set to the one used */
    pf_diagnostics *diags; /* the reading's own, handed over by pf__csv_close() */
    bool stopped;         /* a syntax error or a broken limit: nothing more is read */
    pf_status stop_status;
    pf_error stop_error;
    bool oom;
} pf_csv;

/*
 * Called once per record that has a non-empty cell, in order (the first is the header);
 * the cells are valid for the call only. `row` is the record's number.
 */
typedef void (*pf_csv_record_fn)(void *ctx, pf_csv *csv, unsigned row, const pf_csv_cell *cells, size_t count);

/* Prepares to read; ro must be resolved (pf__yr_resolve_options). PF_ENOMEM is the only failure. */
pf_status pf__csv_open(pf_csv *csv, const char *source, const pf_read_options *ro, char separator);
/* Reads data (not kept), calling fn for each record, until the end or a stop. */
void pf__csv_read(pf_csv *csv, const char *data, size_t size, pf_csv_record_fn fn, void *ctx);
/* A problem at a cell (PF_EINVALID); reading goes on. */
void pf__csv_problem(pf_csv *csv, unsigned row, unsigned column, size_t offset, const char *fmt, ...) PF_PRINTF(5, 6);
/* A problem that stops reading (PF_ESYNTAX or PF_ELIMIT). */
void pf__csv_stop(pf_csv *csv, unsigned row, unsigned column, size_t offset, pf_status code, const char *fmt, ...)
    PF_PRINTF(6, 7);
/* Orders the problems by position, copies them to diags (may be NULL), fills err with the
   first (or the one that stopped reading), releases the reader. Returns the reading's status. */
pf_status pf__csv_close(pf_csv *csv, pf_diagnostics *diags, pf_error *err);

#endif
