/* Helpers every command of the portfolio command line shares (cli.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

void print_diagnostic(const pf_error *e)
{
    if (e->line)
        fprintf(stderr, "%s:%u:%u: %s\n", e->source, e->line, e->column, e->message);
    else
        fprintf(stderr, "%s: %s\n", e->source[0] ? e->source : "portfolio", e->message);
}

/* Reads all of standard input into a malloc'ed buffer; false (reported) when too large or out of memory. */
bool read_stdin(char **out, size_t *len)
{
    size_t cap = 65536, got;
    char *data = malloc(cap);
    *len = 0;
    while (data && (got = fread(data + *len, 1, cap - *len, stdin)) > 0) {
        *len += got;
        if (*len == cap) {
            char *bigger = cap > PF_DEFAULT_MAX_BYTES ? NULL : realloc(data, cap *= 2);
            if (!bigger) {
                free(data);
                data = NULL;
                break;
            }
            data = bigger;
        }
    }
    if (!data)
        fprintf(stderr, "<stdin>: input too large or out of memory\n");
    *out = data;
    return data != NULL;
}

/* Prints every problem of a failed read (or err when none was listed). */
void print_problems(const pf_diagnostics *diags, const pf_error *err, const char *path)
{
    size_t n = pf_diagnostics_count(diags);
    for (size_t i = 0; i < n; i++)
        print_diagnostic(pf_diagnostics_at(diags, i));
    if (n == 0)
        print_diagnostic(err);
    if (pf_diagnostics_total(diags) > n)
        fprintf(stderr, "%s: %zu more problems not shown\n", path, pf_diagnostics_total(diags) - n);
}


/* What load_input() reads with: the caller's readers, or the document reader with options. */
typedef struct input_reader {
    read_buffer_fn from_buffer;
    read_file_fn from_file;
    const pf_read_options *opts; /* with the document reader, when the functions are NULL */
} input_reader;

/* Reads FILE ("-" for standard input), printing every problem; NULL when unusable. */
static void *load_input(const char *path, const input_reader *reader)
{
    pf_diagnostics *diags = NULL;
    void *out = NULL;
    pf_error err;
    if (pf_diagnostics_new(&diags, NULL) != PF_OK) {
        fprintf(stderr, "portfolio: out of memory\n");
        return NULL;
    }
    pf_status s;
    pf_doc *doc = NULL;
    if (strcmp(path, "-") == 0) {
        char *data;
        size_t len;
        if (!read_stdin(&data, &len)) {
            pf_diagnostics_free(diags);
            return NULL;
        }
        if (reader->from_buffer) {
            s = reader->from_buffer(&out, data, len, "<stdin>", diags, &err);
        } else {
            s = pf_doc_read_buffer(&doc, data, len, "<stdin>", reader->opts, diags, &err);
            out = doc;
        }
        free(data);
    } else if (reader->from_file) {
        s = reader->from_file(&out, path, diags, &err);
    } else {
        s = pf_doc_read_file(&doc, path, reader->opts, diags, &err);
        out = doc;
    }
    if (s != PF_OK)
        print_problems(diags, &err, path);
    pf_diagnostics_free(diags);
    return out;
}

/* Reads FILE ("-" for standard input) with the given reader, printing every problem; NULL when unusable. */
void *load_with(const char *path, read_buffer_fn from_buffer, read_file_fn from_file)
{
    input_reader reader = { from_buffer, from_file, NULL };
    return load_input(path, &reader);
}

/* Reads a portfolio document with read options, printing every problem; NULL when it is unusable. */
pf_doc *load_doc(const char *path, const pf_read_options *opts)
{
    input_reader reader = { NULL, NULL, opts };
    return load_input(path, &reader);
}

/* The readers, typed for load_with(): each library reader wrapped once. */
#define CLI_READERS(name, type, read_buffer, read_file)                                                       \
    pf_status name##_from_buffer(void **out, const char *data, size_t size, const char *source,        \
                                        pf_diagnostics *diags, pf_error *err)                                \
    {                                                                                                         \
        type *object = NULL;                                                                                  \
        pf_status s = read_buffer(&object, data, size, source, NULL, diags, err);                             \
        *out = object;                                                                                        \
        return s;                                                                                             \
    }                                                                                                         \
    pf_status name##_from_file(void **out, const char *path, pf_diagnostics *diags, pf_error *err)     \
    {                                                                                                         \
        type *object = NULL;                                                                                  \
        pf_status s = read_file(&object, path, NULL, diags, err);                                             \
        *out = object;                                                                                        \
        return s;                                                                                             \
    }

CLI_READERS(doc, pf_doc, pf_doc_read_buffer, pf_doc_read_file)
CLI_READERS(instrument, pf_instrument, pf_instrument_read_buffer, pf_instrument_read_file)
CLI_READERS(record, pf_record, pf_record_read_buffer, pf_record_read_file)
CLI_READERS(rules, pf_rules, pf_rules_read_buffer, pf_rules_read_file)

/* Reads a portfolio document, printing every problem; NULL when it is unusable. */
pf_doc *load(const char *path)
{
    return load_with(path, doc_from_buffer, doc_from_file);
}

int usage_error(const command *cmd, const char *fmt, const char *arg)
{
    fprintf(stderr, "portfolio %s: ", cmd->name);
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nusage: portfolio %s %s\n", cmd->name, cmd->usage);
    return EXIT_USAGE;
}

/* Handles --help and --version; returns -1 to go on, else an exit status. */
int common_options(const command *cmd, int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0)
            break;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            printf("usage: portfolio %s %s\n\n%s\n", cmd->name, cmd->usage, cmd->summary);
            return 0;
        }
        if (strcmp(argv[i], "--version") == 0) {
            printf("portfolio %s\n", pf_version());
            return 0;
        }
    }
    return -1;
}


/* Collects file operands and the given options, refusing others ("-" alone is standard input). */
int operands(const command *cmd, int argc, char **argv, const cli_option *opts, char ***files, int *count)
{
    *files = calloc((size_t)argc, sizeof **files);
    *count = 0;
    if (!*files)
        return EXIT_INVALID;
    bool only_files = false;
    for (int i = 1; i < argc; i++) {
        if (!only_files && strcmp(argv[i], "--") == 0) {
            only_files = true;
            continue;
        }
        if (only_files || argv[i][0] != '-' || !argv[i][1]) {
            (*files)[(*count)++] = argv[i];
            continue;
        }
        const cli_option *o = opts;
        while (o && o->name && strcmp(o->name, argv[i]) != 0)
            o++;
        if (!o || !o->name)
            return free(*files), usage_error(cmd, "unknown option %s", argv[i]);
        if (o->flag) {
            *o->flag = true;
        } else if (i + 1 >= argc) {
            return free(*files), usage_error(cmd, "option %s needs a value", argv[i]);
        } else {
            *o->value = argv[++i];
        }
    }
    return -1;
}

/* Matches an option's value against the allowed words; -1 (after a usage message) when none fits. */
int choose(const command *cmd, const char *option_name, const char *value, const char *const *words)
{
    for (int i = 0; words[i]; i++)
        if (strcmp(value, words[i]) == 0)
            return i;
    fprintf(stderr, "portfolio %s: %s must be one of:", cmd->name, option_name);
    for (int i = 0; words[i]; i++)
        fprintf(stderr, " %s", words[i]);
    fprintf(stderr, " (got '%s')\n", value);
    return -1;
}

void print_buf(const pf_buf *b)
{
    fwrite(b->data, 1, b->size, stdout);
}
