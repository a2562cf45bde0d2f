/*
 * Helpers every command of the portfolio command line shares: reading inputs
 * with located problems, option parsing, usage errors. One file per group of
 * commands includes this (portfolio.c holds the command table and main).
 * Exit status: 0 success, 1 invalid input or failure, 2 usage error.
 */
#ifndef PORTFOLIO_CLI_H
#define PORTFOLIO_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include <portfolio/portfolio.h>

#include "json.h" /* the library's JSON writer, linked into the command from lib/ (tools/meson.build) */

enum { EXIT_INVALID = 1, EXIT_USAGE = 2 };

typedef struct command {
    const char *name;
    const char *usage;
    const char *summary;
    int (*run)(int argc, char **argv);
} command;

/* The command table's entry for a name (always present: the names are the table's own). */
const command *command_named(const char *name);

/* FILE:LINE:COLUMN: message (or FILE: message for problems without a position) on stderr. */
void print_diagnostic(const pf_error *e);
/* Reads all of standard input into a malloc'ed buffer; false (reported) when unreadable, too large or out of memory. */
bool read_stdin(char **out, size_t *len);
/*
 * Keeps descriptors 0-2 taken when the caller closed them, so no file a command opens
 * becomes its standard input or output; using them still fails (EBADF), as if closed.
 * main() calls it first.
 */
void guard_standard_streams(void);
/* Prints every problem of a failed read (or err when none was listed). */
void print_problems(const pf_diagnostics *diags, const pf_error *err, const char *path);

/* A reader for load_with(); ctx is what the caller gave (the read options, for the library's readers). */
typedef pf_status (*read_buffer_fn)(void **out, const char *data, size_t size, const char *source, const void *ctx,
                                    pf_diagnostics *diags, pf_error *err);
typedef pf_status (*read_file_fn)(void **out, const char *path, const void *ctx, pf_diagnostics *diags,
                                  pf_error *err);

/* Reads FILE ("-" for standard input) with the given reader, printing every problem; NULL when unusable. */
void *load_with(const char *path, read_buffer_fn from_buffer, read_file_fn from_file, const void *ctx);
/* As load_with(), the problems listed in diags (err: the first, or the only one when none is listed). */
void *read_with(const char *path, read_buffer_fn from_buffer, read_file_fn from_file, const void *ctx,
                pf_diagnostics *diags, pf_error *err);

/* The library's readers typed for load_with(), ctx being a `const pf_read_options *` or NULL (cli.c). */
#define CLI_READER_DECLARATIONS(name)                                                                          \
    pf_status name##_from_buffer(void **out, const char *data, size_t size, const char *source, const void *ctx, \
                                 pf_diagnostics *diags, pf_error *err);                                       \
    pf_status name##_from_file(void **out, const char *path, const void *ctx, pf_diagnostics *diags, pf_error *err);
CLI_READER_DECLARATIONS(doc)
CLI_READER_DECLARATIONS(instrument)
CLI_READER_DECLARATIONS(record)
CLI_READER_DECLARATIONS(rules)
CLI_READER_DECLARATIONS(import_map)

/* Reads a portfolio document, printing every problem; NULL when it is unusable. */
pf_doc *load(const char *path);
/* As load(), with read options (limits, an instrument documents may name by id). */
pf_doc *load_doc(const char *path, const pf_read_options *opts);
/* The read options load_doc() reads FILE with: opts (NULL: the defaults) and --confine or --no-files. */
pf_read_options doc_read_options(const char *path, const pf_read_options *opts);

/* As fprintf(stderr, ...) unless --quiet was given: "wrote" lines and summaries, never errors. */
void notice(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/* Prints "portfolio CMD: <fmt with arg>" and the usage line; returns EXIT_USAGE. */
int usage_error(const command *cmd, const char *fmt, const char *arg);
/* What every command's --help says of the options operands() takes for every command. */
#define FILES_HELP                                                                                          \
    "--confine: a document may name (as its instrument: file) only files in its own\n"                      \
    "folder; --no-files: no file at all. A document on standard input is taken to be\n"                   \
    "in the current directory. See docs/format.md, section 3. --quiet: no \"wrote\"\n"           \
    "lines or summaries on standard error (errors are still printed). An option's\n"                      \
    "value may also be given as --option=value."
/* What every --help says of the exit status (one table in docs/cli.md; tools/man.py makes it a section). */
#define EXIT_HELP "Exit status: 0 success, 1 invalid input or failure, 2 usage error (docs/cli.md)."
/* Handles --help and --version; returns -1 to go on, else an exit status. */
int common_options(const command *cmd, int argc, char **argv);

/* A command's option: --name VALUE (value) or --name alone (flag). */
typedef struct cli_option {
    const char *name;
    const char **value;
    bool *flag;
} cli_option;

/*
 * Collects file operands into a malloc'ed array (the caller frees it) and the given options
 * (terminated by a NULL name; opts may be NULL), refusing others ("-" alone is standard input).
 * Every command also takes --confine or --no-files: the files the documents it reads (load(),
 * load_doc()) may name (FILES_HELP), and --quiet (notice()). A long option's value may be
 * joined to it, --name=value; a flag given a value is a usage error.
 * What an option's value is comes from the command's usage line: `NAME FILE` (or `NAME RECORD`)
 * is a file to read, where "-" is standard input, and `NAME OUT` a file to write, where "-" is
 * standard output (the option's value is then left NULL, as when it is not given).
 * Usage errors: an unknown option, an option given twice, an option without its value, an
 * empty file name (an operand or a FILE or OUT value), and standard input named more than once
 * (by operands and FILE values), since it can be read only once, and an OUT that is (by device
 * and inode) a file read, except collect's PORTFOLIO.
 * Returns -1 to go on, else an exit status (the array is then already freed).
 */
int operands(const command *cmd, int argc, char **argv, const cli_option *opts, char ***files, int *count);
/* Matches an option's value against the allowed words; -1 (after a usage message) when none fits. */
int choose(const command *cmd, const char *option_name, const char *value, const char *const *words);
/* Writes the buffer's bytes to standard output (a failure is reported by finish_stdout()). */
void print_buf(const pf_buf *b);
/* A sink to standard output for the library's streaming writers; once a write fails it stops them, and
   finish_stdout() says why. */
extern const pf_sink stdout_sink;
/* The exit status of a streaming writer's failure: its message, unless standard output failed (finish_stdout()
   says that). */
int stream_failure(const pf_error *err);
/*
 * Flushes and closes standard output: when anything written to it was lost, prints
 * "portfolio: cannot write to standard output: <reason>" and returns status, or 1 when that is 0.
 * main() calls it last, so no command's output is lost without a sign.
 */
int finish_stdout(int status);
/* Writes the text to standard output, or atomically to path ("wrote" notice); disposes of it. False (reported) on failure. */
bool emit_buf(pf_buf *b, const char *path);
/* Finishes the JSON (pf__json_finish) and emits its buffer as emit_buf() does; false (reported) on failure. */
bool emit_json(pf_json *j, const char *path);
/*
 * Before a document read from FROM is written to TO: a relative instrument path
 * is rewritten relative to TO's directory, so the written file still finds its
 * instrument. False (reported) on failure.
 */
bool relocate_instrument(pf_doc *doc, const char *from, const char *to);

/* The commands, one file each (tools/cmd_NAME.c); portfolio.c's table names them. */
int run_validate(int argc, char **argv);
int run_show(int argc, char **argv);
int run_score(int argc, char **argv);
int run_map(int argc, char **argv);
int run_compare(int argc, char **argv);
int run_recommend(int argc, char **argv);
int run_report(int argc, char **argv);
int run_relations(int argc, char **argv);
int run_instrument(int argc, char **argv);
int run_anonymise(int argc, char **argv);
int run_benchmark(int argc, char **argv);

/* choices.c: the options score, map, compare, recommend, report, anonymise and benchmark share. */
typedef struct choices {
    const char *mode, *weight, *format, *lang, *rules, *add_rules, *output, *k, *org, *floor, *since, *min_group;
    bool by_role, strict, anonymous, allow_different, include_incomplete, respondents;
    pf_score_options score;
    pf_map_options map;
    bool json;
    int report_format;
    int file_count;
} choices;
/* report --format pdf: not a library format but the HTML report printed by Chromium (cmd_pdf.c). */
enum { REPORT_PDF = PF_REPORT_FORMAT_COUNT };
/* The --format words of commands printing text or JSON. */
extern const char *const format_words[];
/*
 * Parses the operands (want_files of them: 1, 2, or -1 for at least one) and the shared
 * choices into c; -1 to go on, else an exit status (files already freed).
 */
int parse_choices(const command *cmd, int argc, char **argv, int want_files, char ***files, choices *c);
/*
 * One FILE operand and --format text|json (show, relations): the document read (NULL when
 * unusable) and whether JSON was asked for; -1 to go on, else an exit status.
 */
int one_document(const command *cmd, int argc, char **argv, pf_doc **doc, int *json);
/* Prints the failure and returns EXIT_INVALID. */
int report_failure(const pf_error *e);
/* The catalogue --rules and --add-rules ask for (the built-in one by default); NULL (reported) when unusable. */
pf_rules *load_catalogue(const choices *c);

/* text.c: text for an 80-column terminal. */
/* Columns the UTF-8 text takes (one per character). */
size_t columns(const char *s, size_t len);
/* Prints text word by word from column col, wrapping onto lines indented by indent, and ends the line. */
void print_wrapped(const char *text, size_t col, size_t indent);
/* Prints "<indent><label>  <text>" with the text in a column after labels of label_width. */
void print_labelled(size_t indent, const char *label, size_t label_width, const char *text);
/* Prints "label: a, b, c" wrapped to 80 columns, continuation lines under the first item. */
void print_list_wrapped(int indent, const char *label, const char *const *items, size_t count);

/* cmd_form.c: portfolio form, the questionnaire as one HTML page. */
int run_form(int argc, char **argv);
/* cmd_collect.c: portfolio collect, and the blank answers file of portfolio instrument --template. */
int run_collect(int argc, char **argv);
/* Prints the instrument's blank answers file (lang NULL: English); returns the exit status. */
int print_template(const pf_instrument *inst, const char *lang);
/* cmd_import.c: portfolio import answers|projects, from CSV. */
int run_import(int argc, char **argv);
/* cmd_pdf.c: the report (opts, as HTML) printed to PDF by Chromium, into OUT (NULL: standard output). */
int report_pdf(const pf_doc *doc, const pf_report_options *opts, const char *output);

#endif
