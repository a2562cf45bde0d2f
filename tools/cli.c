/* Helpers every command of the portfolio command line shares (cli.h). */
/* realpath() is XSI. */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

void print_diagnostic(const pf_error *e)
{
    if (e->line)
        fprintf(stderr, "%s:%u:%u: %s\n", e->source, e->line, e->column, e->message);
    else
        fprintf(stderr, "%s: %s\n", e->source[0] ? e->source : "portfolio", e->message);
}

/* As read_stdin(), the failure described in err (source "<stdin>") instead of printed. */
static bool read_stdin_or(char **out, size_t *len, pf_error *err)
{
    size_t cap = 65536, got;
    char *data = malloc(cap);
    *len = 0;
    errno = 0;
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
    *err = (pf_error){ .code = PF_EIO, .source = "<stdin>" };
    /* A closed descriptor (EBADF) or a directory (EISDIR) is not an empty document. */
    if (data && ferror(stdin)) {
        snprintf(err->message, sizeof err->message, "cannot read: %s", strerror(errno ? errno : EIO));
        free(data);
        *out = NULL;
        return false;
    }
    if (!data) {
        err->code = PF_ENOMEM;
        snprintf(err->message, sizeof err->message, "input too large or out of memory");
    }
    *out = data;
    return data != NULL;
}

/* Reads all of standard input into a malloc'ed buffer; false (reported) when unreadable, too large or out of memory. */
bool read_stdin(char **out, size_t *len)
{
    pf_error err;
    bool ok = read_stdin_or(out, len, &err);
    if (!ok)
        print_diagnostic(&err);
    return ok;
}

void guard_standard_streams(void)
{
    /* open() takes the lowest free descriptor: a closed 0, 1 or 2 is filled in order. */
    for (int fd = 0; fd <= 2; fd++) {
        if (fcntl(fd, F_GETFD) != -1 || errno != EBADF)
            continue;
        int placeholder = open("/dev/null", fd == 0 ? O_WRONLY : O_RDONLY);
        if (placeholder >= 0 && placeholder != fd) {
            dup2(placeholder, fd);
            close(placeholder);
        }
    }
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


/*
 * The files the documents of this run may name (`instrument:` files): set by operands() from
 * --confine or --no-files, used by load_doc(). The command line runs one command on one thread.
 */
static pf_referenced_files referenced_files = PF_REFERENCED_FILES_ANY;
/* --quiet: no "wrote" lines or summaries on stderr. Set by operands(), as referenced_files is. */
static bool quiet;

void notice(const char *fmt, ...)
{
    if (quiet)
        return;
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
}

void *read_with(const char *path, read_buffer_fn from_buffer, read_file_fn from_file, const void *ctx,
                pf_diagnostics *diags, pf_error *err)
{
    void *out = NULL;
    if (strcmp(path, "-") == 0) {
        char *data;
        size_t len;
        if (!read_stdin_or(&data, &len, err))
            return NULL;
        if (from_buffer(&out, data, len, "<stdin>", ctx, diags, err) != PF_OK)
            out = NULL;
        free(data);
    } else if (from_file(&out, path, ctx, diags, err) != PF_OK) {
        out = NULL;
    }
    return out;
}

void *load_with(const char *path, read_buffer_fn from_buffer, read_file_fn from_file, const void *ctx)
{
    pf_diagnostics *diags = NULL;
    pf_error err;
    if (pf_diagnostics_new(NULL, &diags) != PF_OK) {
        fprintf(stderr, "portfolio: out of memory\n");
        return NULL;
    }
    void *out = read_with(path, from_buffer, from_file, ctx, diags, &err);
    if (!out)
        print_problems(diags, &err, path);
    pf_diagnostics_free(diags);
    return out;
}

pf_read_options doc_read_options(const char *path, const pf_read_options *opts)
{
    pf_read_options ro = PF_READ_OPTIONS_INIT;
    if (opts)
        ro = *opts;
    ro.referenced_files = referenced_files;
    /* A document on standard input is in the current directory (its name "<stdin>" has no folder part,
       which already means that unless the document is confined to its folder). */
    if (strcmp(path, "-") == 0 && referenced_files == PF_REFERENCED_FILES_DOCUMENT_FOLDER)
        ro.base_folder = ".";
    return ro;
}

/* Reads a portfolio document with read options, printing every problem; NULL when it is unusable. */
pf_doc *load_doc(const char *path, const pf_read_options *opts)
{
    pf_read_options ro = doc_read_options(path, opts);
    return load_with(path, doc_from_buffer, doc_from_file, &ro);
}

/* The readers, typed for load_with(): each library reader wrapped once. */
#define CLI_READERS(name, type, read_buffer, read_file)                                                       \
    pf_status name##_from_buffer(void **out, const char *data, size_t size, const char *source, const void *ctx, \
                                 pf_diagnostics *diags, pf_error *err)                                       \
    {                                                                                                         \
        type *object = NULL;                                                                                  \
        pf_status s = read_buffer(data, size, source, ctx, &object, diags, err);                              \
        *out = object;                                                                                        \
        return s;                                                                                             \
    }                                                                                                         \
    pf_status name##_from_file(void **out, const char *path, const void *ctx, pf_diagnostics *diags, pf_error *err) \
    {                                                                                                         \
        type *object = NULL;                                                                                  \
        pf_status s = read_file(path, ctx, &object, diags, err);                                              \
        *out = object;                                                                                        \
        return s;                                                                                             \
    }

CLI_READERS(doc, pf_doc, pf_doc_read_buffer, pf_doc_read_file)
CLI_READERS(instrument, pf_instrument, pf_instrument_read_buffer, pf_instrument_read_file)
CLI_READERS(record, pf_record, pf_record_read_buffer, pf_record_read_file)
CLI_READERS(rules, pf_rules, pf_rules_read_buffer, pf_rules_read_file)
CLI_READERS(import_map, pf_import_map, pf_import_map_read_buffer, pf_import_map_read_file)

/* Reads a portfolio document, printing every problem; NULL when it is unusable. */
pf_doc *load(const char *path)
{
    return load_doc(path, NULL);
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
            printf("usage: portfolio %s %s\n\n%s\n\n%s\n\n%s\n", cmd->name, cmd->usage, cmd->summary, FILES_HELP,
                   EXIT_HELP);
            return 0;
        }
        if (strcmp(argv[i], "--version") == 0) {
            printf("portfolio %s\n", pf_version());
            return 0;
        }
    }
    return -1;
}


typedef enum value_kind { VALUE_TEXT, VALUE_INPUT, VALUE_OUTPUT } value_kind;

#define STDIN_TWICE "standard input (-) is given more than once, but it can be read only once"

/* What the usage line says the option's value is: `NAME FILE` or `NAME RECORD` to read, `NAME OUT` to write. */
static value_kind value_kind_of(const char *usage, const char *name)
{
    size_t n = strlen(name);
    for (const char *p = strstr(usage, name); p; p = strstr(p + n, name)) {
        if ((p != usage && !strchr(" [\n", p[-1])) || p[n] != ' ')
            continue; /* part of a longer option name, or not followed by its value */
        const char *word = p + n + 1;
        size_t len = strspn(word, "ABCDEFGHIJKLMNOPQRSTUVWXYZ");
        if ((len == 4 && strncmp(word, "FILE", 4) == 0) || (len == 6 && strncmp(word, "RECORD", 6) == 0))
            return VALUE_INPUT;
        if (len == 3 && strncmp(word, "OUT", 3) == 0)
            return VALUE_OUTPUT;
    }
    return VALUE_TEXT;
}

/*
 * A usage error when OUT is a regular file that is (by device and inode, so through any link or
 * other name) one of the files read; -1 when it is none. collect may write its PORTFOLIO back (documented; operands()
 * leaves it out of the inputs): it has been read whole before anything is written.
 */
static int refuse_input_as_output(const command *cmd, const char *out, const char *const *inputs, size_t count)
{
    struct stat o, in;
    if (stat(out, &o) != 0 || !S_ISREG(o.st_mode))
        return -1; /* a new file, one writing will report, or a terminal or pipe read and written alike */
    for (size_t i = 0; i < count; i++) {
        if (stat(inputs[i], &in) == 0 && in.st_dev == o.st_dev && in.st_ino == o.st_ino) {
            fprintf(stderr, "portfolio %s: the output %s is the input %s; refusing to overwrite it\n", cmd->name, out,
                    inputs[i]);
            return EXIT_USAGE;
        }
    }
    return -1;
}

/* Collects file operands and the given options, refusing others ("-" alone is standard input). */
int operands(const command *cmd, int argc, char **argv, const cli_option *opts, char ***files, int *count)
{
    size_t option_count = 0;
    while (opts && opts[option_count].name)
        option_count++;
    *files = calloc((size_t)argc, sizeof **files);
    bool *seen = calloc(option_count + 1, sizeof *seen);
    *count = 0;
    if (!*files || !seen) {
        free(*files);
        free(seen);
        fprintf(stderr, "portfolio: out of memory\n");
        return EXIT_INVALID;
    }
    bool only_files = false;
    bool stdin_named = false; /* it can be read only once */
    bool files_option = false; /* --confine or --no-files */
    /* The files read and written, to refuse writing over an input (refuse_input_as_output()). */
    const char **inputs = calloc((size_t)argc, sizeof *inputs), **outputs = calloc((size_t)argc, sizeof *outputs);
    size_t input_count = 0, output_count = 0;
    int status = -1;
    if (!inputs || !outputs) {
        fprintf(stderr, "portfolio: out of memory\n");
        status = EXIT_INVALID;
    }
    for (int i = 1; i < argc && status < 0; i++) {
        if (!only_files && strcmp(argv[i], "--") == 0) {
            only_files = true;
            continue;
        }
        if (only_files || argv[i][0] != '-' || !argv[i][1]) {
            if (!argv[i][0])
                status = usage_error(cmd, "%s", "an empty operand is not a file name");
            else if (strcmp(argv[i], "-") == 0 && stdin_named)
                status = usage_error(cmd, "%s", STDIN_TWICE);
            else if (strcmp(argv[i], "-") == 0)
                stdin_named = true;
            else if (*count > 0 || strcmp(cmd->name, "collect") != 0) /* collect's PORTFOLIO: -o may name it */
                inputs[input_count++] = argv[i];
            (*files)[(*count)++] = argv[i];
            continue;
        }
        /* --name=value: the name is the part before the first '='. */
        const char *eq = strncmp(argv[i], "--", 2) == 0 ? strchr(argv[i], '=') : NULL;
        size_t name_len = eq ? (size_t)(eq - argv[i]) : strlen(argv[i]);
        char name[64];
        if (name_len >= sizeof name) {
            status = usage_error(cmd, "unknown option %s", argv[i]);
            break;
        }
        memcpy(name, argv[i], name_len);
        name[name_len] = '\0';
        bool is_quiet = strcmp(name, "--quiet") == 0;
        if (eq && (is_quiet || strcmp(name, "--confine") == 0 || strcmp(name, "--no-files") == 0)) {
            status = usage_error(cmd, "option %s takes no value", name);
            continue;
        }
        if (is_quiet) {
            if (quiet)
                status = usage_error(cmd, "option %s is given more than once", name);
            quiet = true;
            continue;
        }
        bool confine = strcmp(argv[i], "--confine") == 0;
        if (confine || strcmp(argv[i], "--no-files") == 0) {
            pf_referenced_files want = confine ? PF_REFERENCED_FILES_DOCUMENT_FOLDER : PF_REFERENCED_FILES_NONE;
            if (files_option && referenced_files == want)
                status = usage_error(cmd, "option %s is given more than once", argv[i]);
            else if (files_option)
                status = usage_error(cmd, "%s", "--confine and --no-files cannot be given together");
            files_option = true;
            referenced_files = want;
            continue;
        }
        size_t k = 0;
        while (k < option_count && strcmp(opts[k].name, name) != 0)
            k++;
        if (k == option_count) {
            status = usage_error(cmd, "unknown option %s", argv[i]);
        } else if (seen[k]) {
            status = usage_error(cmd, "option %s is given more than once", name);
        } else if (opts[k].flag && eq) {
            status = usage_error(cmd, "option %s takes no value", name);
        } else if (opts[k].flag) {
            seen[k] = true;
            *opts[k].flag = true;
        } else if (!eq && i + 1 >= argc) {
            status = usage_error(cmd, "option %s needs a value", name);
        } else {
            value_kind kind = value_kind_of(cmd->usage, name);
            const char *value = eq ? eq + 1 : argv[++i];
            seen[k] = true;
            *opts[k].value = value;
            if (kind != VALUE_TEXT && !value[0])
                status = usage_error(cmd, "%s needs a file name", name);
            else if (kind == VALUE_INPUT && strcmp(value, "-") == 0 && stdin_named)
                status = usage_error(cmd, "%s", STDIN_TWICE);
            else if (kind == VALUE_INPUT && strcmp(value, "-") == 0)
                stdin_named = true;
            else if (kind == VALUE_INPUT)
                inputs[input_count++] = value;
            else if (kind == VALUE_OUTPUT && strcmp(value, "-") == 0)
                *opts[k].value = NULL; /* -o - is standard output, as without -o */
            else if (kind == VALUE_OUTPUT)
                outputs[output_count++] = value;
        }
    }
    for (size_t o = 0; o < output_count && status < 0; o++)
        status = refuse_input_as_output(cmd, outputs[o], inputs, input_count);
    free(inputs);
    free(outputs);
    free(seen);
    if (status >= 0)
        free(*files);
    return status;
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

/* Why print_buf() first failed (0: it has not): a write bigger than stdio's buffer fails at once,
   leaving nothing for the final fflush() to fail with, so its reason would be lost. */
static int print_buf_errno;

static pf_status print_bytes(void *ctx, const char *data, size_t size)
{
    (void)ctx;
    errno = 0;
    if (fwrite(data, 1, size, stdout) != size && !print_buf_errno)
        print_buf_errno = errno ? errno : EIO;
    return print_buf_errno ? PF_EIO : PF_OK;
}

void print_buf(const pf_buf *b)
{
    print_bytes(NULL, b->data, b->size);
}

const pf_sink stdout_sink = { print_bytes, NULL };

int stream_failure(const pf_error *err)
{
    return print_buf_errno ? EXIT_INVALID : report_failure(err);
}

int finish_stdout(int status)
{
    errno = 0;
    bool flushed = fflush(stdout) == 0;
    int reason = flushed ? print_buf_errno : errno;
    bool failed = !flushed || ferror(stdout);
    if (fclose(stdout) != 0 && !failed) {
        failed = true;
        reason = errno;
    }
    if (!failed)
        return status;
    fprintf(stderr, "portfolio: cannot write to standard output: %s\n", strerror(reason ? reason : EIO));
    return status ? status : EXIT_INVALID;
}

/* The directory part of a path, "." when it has none; malloc'ed. */
static char *directory_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return strdup(".");
    size_t n = slash == path ? 1 : (size_t)(slash - path);
    char *dir = malloc(n + 1);
    if (dir) {
        memcpy(dir, path, n);
        dir[n] = '\0';
    }
    return dir;
}

/* FILE relative to DIR, both absolute and canonical; malloc'ed. */
static char *relative_path(const char *dir, const char *file)
{
    /* The longest shared leading run of whole components ends at `common`. */
    size_t common = 0;
    for (size_t i = 1; dir[i - 1] == file[i - 1]; i++) {
        if ((dir[i] == '/' || dir[i] == '\0') && file[i] == '/')
            common = i;
        if (dir[i] == '\0')
            break;
    }
    size_t ups = 0; /* components of DIR below the shared part */
    for (const char *p = dir + common; *p; p++)
        ups += *p != '/' && (p == dir || p[-1] == '/');
    const char *rest = file + common + 1;
    char *out = malloc(ups * 3 + strlen(rest) + 3);
    if (!out)
        return NULL;
    char *w = out;
    size_t n = strlen(rest);
    bool reads_as_file = ups > 0 || strchr(rest, '/') || (n > 5 && strcmp(rest + n - 5, ".yaml") == 0) ||
                         (n > 4 && strcmp(rest + n - 4, ".yml") == 0);
    if (!reads_as_file)
        w += sprintf(w, "./"); /* the `instrument` key reads "./x" as a file, whatever its name */
    for (size_t i = 0; i < ups; i++)
        w += sprintf(w, "../");
    strcpy(w, rest);
    return out;
}

bool relocate_instrument(pf_doc *doc, const char *from, const char *to)
{
    const char *named = pf_doc_instrument_path(doc);
    if (!named || named[0] == '/')
        return true;
    char *from_dir = directory_of(strcmp(from, "-") == 0 ? "./-" : from);
    char *to_dir = directory_of(to);
    char *joined = from_dir ? malloc(strlen(from_dir) + strlen(named) + 2) : NULL;
    char file[PATH_MAX], dir[PATH_MAX], old_dir[PATH_MAX];
    bool ok = true;
    if (!from_dir || !to_dir || !joined) {
        fprintf(stderr, "portfolio: out of memory\n");
        ok = false;
    } else {
        sprintf(joined, "%s/%s", from_dir, named);
        /* Unresolvable paths are left as they are (writing reports its own failure), and so is a path
         * written back into the same directory. */
        if (realpath(joined, file) && realpath(to_dir, dir) && realpath(from_dir, old_dir) &&
            strcmp(dir, old_dir) != 0) {
            char *moved = relative_path(dir, file);
            pf_error err;
            if (!moved || pf_doc_set_instrument_path(doc, moved, &err) != PF_OK) {
                fprintf(stderr, "portfolio: %s\n", moved ? err.message : "out of memory");
                ok = false;
            }
            free(moved);
        }
    }
    free(joined);
    free(to_dir);
    free(from_dir);
    return ok;
}

bool emit_buf(pf_buf *b, const char *path)
{
    bool ok = true;
    pf_error err;
    if (path) {
        ok = pf_buf_write_file(b, path, &err) == PF_OK;
        if (ok)
            notice("portfolio: wrote %s\n", path);
        else
            print_diagnostic(&err);
    } else {
        print_buf(b);
    }
    pf_buf_dispose(b);
    return ok;
}

bool emit_json(pf_json *j, const char *path)
{
    if (pf__json_finish(j) != PF_OK) {
        fprintf(stderr, "portfolio: out of memory\n");
        pf_buf_dispose(j->out);
        return false;
    }
    return emit_buf(j->out, path);
}
