/*
 * Files a document names (its instrument file; docs/instrument.md and docs/format.md,
 * section 3): their problems are named with the file and a position but never quote it,
 * whatever the file is, and pf_read_options::referenced_files keeps them to the
 * document's folder, or refuses them. Every test works in a fresh tree:
 *   ROOT/outside/  files a document must not be able to show (a secret planted in each)
 *   ROOT/docs/     documents, a valid instrument (also in sub/), links in and out of the folder
 *   ROOT/alias     a link to docs/, a document's folder reached through a link
 */
#define _XOPEN_SOURCE 700
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "test_files.h"

#include <portfolio/portfolio.h>

#define TEAM_PULSE_INSTRUMENT SOURCE_ROOT "/examples/data/instruments/team-pulse.yaml"
/* The reading limits of every test: small enough for a file beyond them. */
#define MAX_BYTES 100000

static char root[64];
static char docs[128], outside[128];

/* What no diagnostic may show: the planted secrets, byte values, and the system's reasons. */
static const char *const planted[] = { "s3cr3t", "73737", "hunter2", "BEGIN", "aws_", "0x", "#x",
                                       "No such file", "Permission denied", "Is a directory", "Not a directory" };

/* A file the tests plant outside the documents' folder, and the first problem a document naming it gets
   listed from it (line 0: it cannot be read at all, and the document's problem says so). */
typedef struct planted_file {
    const char *name;
    const char *data;
    size_t size;
    unsigned line, column;
    const char *message;
} planted_file;

#define TEXT(s) s, sizeof s - 1
#define NOT_AN_INSTRUMENT "expected a mapping beginning with 'instrument: 1'"

static char long_text[70000];
static char big_text[MAX_BYTES + 10];

static const planted_file planted_files[] = {
    { "plain.txt", TEXT("s3cr3t plain text, 73737\n"), 1, 1, NOT_AN_INSTRUMENT },
    { "secret.env", TEXT("DB_PASSWORD=s3cr3t-hunter2\nAPI_TOKEN=s3cr3t73737\n"), 1, 1, NOT_AN_INSTRUMENT },
    { "credentials.yaml", TEXT("aws_access_key_id: s3cr3tKEY\naws_secret_access_key: s3cr3t/73737+hunter2\n"), 1, 1,
      "unknown key in the instrument file (expected one of: instrument, id, language, title, scoring, questions)" },
    { "key.pem", TEXT("-----BEGIN PRIVATE KEY-----\nMIIEvs3cr3t73737hunter2\n-----END PRIVATE KEY-----\n"), 1, 1,
      NOT_AN_INSTRUMENT },
    { "binary.bin", TEXT("s3cr3t\xC3\x28 73737\n"), 1, 7,
      "invalid UTF-8: a byte that does not begin a valid character (the document must be UTF-8)" },
    { "nul.bin", TEXT("s3cr3t\0 73737\n"), 1, 7, "NUL byte: the document must be UTF-8 text" },
    { "control.txt", TEXT("s3cr3t\x01 73737\n"), 1, 7, "invalid character: control characters are not allowed" },
    { "utf16.txt", TEXT("\xFF\xFEs\0003\0c\0r\0003\0t\0"), 1, 1, "the document is UTF-16; save it as UTF-8" },
    { "huge.yaml", TEXT("instrument: 737370000000000000000000\n"), 1, 13, "instrument: too large a whole number" },
    { "long.yaml", NULL, 0, 2, 5, "id: text longer than the limit of 65536 bytes" }, /* long_text */
    { "big.yaml", NULL, 0, 0, 0, NULL },                                           /* big_text */
    { "folder.yaml", NULL, 0, 0, 0, NULL },                                        /* a directory */
    { "fifo.yaml", NULL, 0, 0, 0, NULL },                                          /* a named pipe */
    { "missing.yaml", NULL, 0, 0, 0, NULL },                                       /* not made */
};
#define FILE_COUNT (sizeof planted_files / sizeof *planted_files)

static void put(const char *dir, const char *name, const char *data, size_t size)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, size, f), size);
    assert_int_equal(fclose(f), 0);
}

static void link_to(const char *target, const char *dir, const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    assert_int_equal(symlink(target, path), 0);
}

static int make_tree(void **state)
{
    (void)state;
    strcpy(root, "/tmp/pf-confine-XXXXXX");
    if (!mkdtemp(root))
        return -1;
    snprintf(docs, sizeof docs, "%s/docs", root);
    snprintf(outside, sizeof outside, "%s/outside", root);
    char sub[300], alias[300];
    snprintf(sub, sizeof sub, "%s/sub", docs);
    snprintf(alias, sizeof alias, "%s/alias", root);
    if (mkdir(docs, 0755) || mkdir(outside, 0755) || mkdir(sub, 0755) || symlink("docs", alias))
        return -1;
    memcpy(long_text, "instrument: 1\nid: ", 18);
    for (size_t i = 18; i < sizeof long_text - 1; i++)
        long_text[i] = "s3cr3t"[i % 6];
    long_text[sizeof long_text - 1] = '\n';
    for (size_t i = 0; i < sizeof big_text; i++)
        big_text[i] = "s3cr3t 73737\n"[i % 13];
    for (size_t i = 0; i < FILE_COUNT; i++) {
        const planted_file *f = &planted_files[i];
        char path[512];
        snprintf(path, sizeof path, "%s/%s", outside, f->name);
        if (f->data)
            put(outside, f->name, f->data, f->size);
        else if (strcmp(f->name, "long.yaml") == 0)
            put(outside, f->name, long_text, sizeof long_text);
        else if (strcmp(f->name, "big.yaml") == 0)
            put(outside, f->name, big_text, sizeof big_text);
        else if (strcmp(f->name, "folder.yaml") == 0 && mkdir(path, 0755))
            return -1;
        else if (strcmp(f->name, "fifo.yaml") == 0 && mkfifo(path, 0644))
            return -1;
        /* a link to each from the documents' folder */
        char target[128], name[128];
        snprintf(target, sizeof target, "../outside/%s", f->name);
        snprintf(name, sizeof name, "link-%s", f->name);
        link_to(target, docs, name);
    }
    size_t len = 0;
    char *team = slurp(TEAM_PULSE_INSTRUMENT, &len);
    assert_non_null(team);
    put(docs, "team.yaml", team, len);
    put(sub, "team.yaml", team, len);
    free(team);
    put(docs, "local.env", TEXT("DB_PASSWORD=s3cr3t-hunter2\n"));
    snprintf(sub, sizeof sub, "%s/inner.yaml", docs);
    if (mkdir(sub, 0755))
        return -1;
    link_to("sub/team.yaml", docs, "link-in.yaml");
    link_to("../outside", docs, "link-dir");
    return 0;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(path);
}

static int remove_tree(void **state)
{
    (void)state;
    return nftw(root, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* ---- checks ---- */

/* TEXT with every occurrence of the tree's name replaced by "<root>", into out. */
static void without_root(const char *text, char *out, size_t cap)
{
    size_t n = strlen(root), w = 0;
    while (*text && w + 7 < cap) {
        if (strncmp(text, root, n) == 0) {
            memcpy(out + w, "<root>", 6);
            w += 6;
            text += n;
        } else {
            out[w++] = *text++;
        }
    }
    out[w] = '\0';
}

static void assert_shows_nothing(const pf_error *e)
{
    /* The tree's name is random (mkdtemp may well give "0x" in it): paths inside the tree are
       named by the document's own problems, so only the rest of a message or source counts. */
    char message[2 * sizeof e->message], source[2 * sizeof e->source];
    without_root(e->message, message, sizeof message);
    without_root(e->source, source, sizeof source);
    for (size_t i = 0; i < sizeof planted / sizeof *planted; i++)
        if (strstr(message, planted[i]) || strstr(source, planted[i]))
            fail_msg("shows '%s': %s:%u:%u: %s", planted[i], e->source, e->line, e->column, e->message);
}

static void assert_no_problem_shows_anything(const pf_diagnostics *d, const pf_error *err)
{
    for (size_t i = 0; i < pf_diagnostics_count(d); i++)
        assert_shows_nothing(pf_diagnostics_at(d, i));
    assert_shows_nothing(err);
}

static void assert_problem(const pf_diagnostics *d, size_t index, const char *source, unsigned line, unsigned column,
                           const char *message)
{
    if (index >= pf_diagnostics_count(d))
        fail_msg("problem %zu missing: %s:%u:%u: %s", index, source, line, column, message);
    const pf_error *e = pf_diagnostics_at(d, index);
    if (strcmp(e->source, source) != 0 || e->line != line || e->column != column || strcmp(e->message, message) != 0)
        fail_msg("expected %s:%u:%u: %s\n     got %s:%u:%u: %s", source, line, column, message, e->source, e->line,
                 e->column, e->message);
}

/* The problem is listed, and every problem after the document's first is the file's. */
static void assert_listed(const pf_diagnostics *d, const char *source, unsigned line, unsigned column,
                          const char *message)
{
    bool found = false;
    for (size_t i = 1; i < pf_diagnostics_count(d); i++) {
        const pf_error *e = pf_diagnostics_at(d, i);
        assert_string_equal(e->source, source);
        found |= e->line == line && e->column == column && strcmp(e->message, message) == 0;
    }
    if (!found)
        fail_msg("not listed: %s:%u:%u: %s", source, line, column, message);
}

/* "portfolio: 1\ninstrument: VALUE\n": the value is at line 2, column 13. */
static char *document(const char *value)
{
    static char text[1024];
    snprintf(text, sizeof text, "portfolio: 1\ninstrument: %s\n", value);
    return text;
}

static void write_document(const char *dir, const char *name, const char *value)
{
    const char *text = document(value);
    put(dir, name, text, strlen(text));
}

/* How a document is read: from a file, or from memory with a base folder or only a source name. */
typedef enum read_way { FROM_FILE, FROM_MEMORY_BASE, FROM_MEMORY_NAMED } read_way;

/* Reads a document naming VALUE from ROOT/docs; *source receives the name its problems carry. */
static pf_status read_naming(read_way how, const char *value, pf_read_options *ro, pf_diagnostics *d, pf_error *err,
                             pf_doc **doc, char source[512])
{
    snprintf(source, 512, "%s/doc.yaml", docs);
    const char *text = document(value);
    if (d)
        pf_diagnostics_clear(d);
    switch (how) {
    case FROM_FILE:
        write_document(docs, "doc.yaml", value);
        return pf_doc_read_file(source, ro, doc, d, err);
    case FROM_MEMORY_BASE:
        ro->base_folder = docs;
        strcpy(source, "<upload>");
        return pf_doc_read_buffer(text, strlen(text), "<upload>", ro, doc, d, err);
    default:
        ro->base_folder = NULL;
        return pf_doc_read_buffer(text, strlen(text), source, ro, doc, d, err);
    }
}

static pf_read_options options(pf_referenced_files files)
{
    pf_read_options ro = PF_READ_OPTIONS_INIT;
    ro.max_bytes = MAX_BYTES;
    ro.referenced_files = files;
    return ro;
}

#define CANNOT_READ "cannot be read as an instrument (it is missing, unreadable, not a regular file, or too large)"
#define CANNOT_READ_HERE                                                                                           \
    "cannot be read as an instrument from the document's folder (it is missing, unreadable, not a regular file, " \
    "too large, or a link out of the folder)"

/*
 * Every planted file, named by a relative path through '..', an absolute path and a link,
 * from a document read from a file and from memory: its problem is named with the file and
 * a position (or, unreadable, the document's value says so), and nothing planted shows.
 */
static void test_problems_of_a_named_file_quote_nothing_of_it(void **state)
{
    (void)state;
    pf_diagnostics *d;
    assert_int_equal(pf_diagnostics_new(NULL, &d), PF_OK);
    for (size_t i = 0; i < FILE_COUNT; i++) {
        const planted_file *f = &planted_files[i];
        char values[3][512];
        snprintf(values[0], sizeof values[0], "../outside/%s", f->name);
        snprintf(values[1], sizeof values[1], "%s/%s", outside, f->name);
        snprintf(values[2], sizeof values[2], "./link-%s", f->name);
        for (size_t v = 0; v < 3; v++) {
            for (read_way how = FROM_FILE; how <= FROM_MEMORY_NAMED; how++) {
                pf_read_options ro = options(PF_REFERENCED_FILES_ANY);
                pf_doc *doc = NULL;
                pf_error err;
                char source[512], expected[1024], file[1024];
                pf_status s = read_naming(how, values[v], &ro, d, &err, &doc, source);
                assert_int_equal(s, PF_EINVALID);
                assert_null(doc);
                assert_no_problem_shows_anything(d, &err);
                if (f->line == 0) {
                    snprintf(expected, sizeof expected, "instrument: '%s' " CANNOT_READ, values[v]);
                    assert_int_equal(pf_diagnostics_count(d), 1);
                    assert_problem(d, 0, source, 2, 13, expected);
                    continue;
                }
                /* The file by the name the document gives, from the document's folder. */
                snprintf(file, sizeof file, "%s%s%s", v == 1 ? "" : docs, v == 1 ? "" : "/", values[v]);
                snprintf(expected, sizeof expected,
                         "instrument: '%s' is not a usable instrument (%zu problem%s in it, listed after this "
                         "document's)", values[v], pf_diagnostics_count(d) - 1,
                         pf_diagnostics_count(d) == 2 ? "" : "s");
                assert_problem(d, 0, source, 2, 13, expected);
                assert_listed(d, file, f->line, f->column, f->message);
            }
        }
    }
    pf_diagnostics_free(d);
}

/* The same files given directly keep today's full messages: the caller chose to read them. */
static void test_a_file_given_directly_is_quoted(void **state)
{
    (void)state;
    char path[512];
    pf_instrument *inst = NULL;
    pf_error err;
    snprintf(path, sizeof path, "%s/credentials.yaml", outside);
    assert_int_equal(pf_instrument_read_file(path, NULL, &inst, NULL, &err), PF_EINVALID);
    assert_string_equal(err.message, "unknown key 'aws_access_key_id' in the instrument file (expected one of: "
                                     "instrument, id, language, title, scoring, questions)");
    snprintf(path, sizeof path, "%s/missing.yaml", outside);
    assert_int_equal(pf_instrument_read_file(path, NULL, &inst, NULL, &err), PF_ENOTFOUND);
    assert_string_equal(err.message, "cannot open: No such file or directory");
    pf_doc *doc = NULL;
    assert_int_equal(pf_doc_new(NULL, &doc, &err), PF_OK);
    snprintf(path, sizeof path, "%s/secret.env", outside);
    assert_int_equal(pf_doc_set_instrument_file(doc, path, NULL, &err), PF_EINVALID);
    assert_string_equal(err.message, "expected a mapping beginning with 'instrument: 1', got 'DB_PASSWORD=s3cr3t-"
                                     "hunter2 API_TOKEN=s3cr3t73737'");
    pf_doc_free(doc);
}

/* Confined to the document's folder: what it names inside is read, every way out is refused. */
static void test_document_folder(void **state)
{
    (void)state;
    pf_diagnostics *d;
    assert_int_equal(pf_diagnostics_new(NULL, &d), PF_OK);
    static const char *const inside[] = { "team.yaml", "./team.yaml", "sub/team.yaml", "./link-in.yaml",
                                          "sub//team.yaml" };
    for (size_t i = 0; i < sizeof inside / sizeof *inside; i++) {
        for (read_way how = FROM_FILE; how <= FROM_MEMORY_BASE; how++) {
            pf_read_options ro = options(PF_REFERENCED_FILES_DOCUMENT_FOLDER);
            pf_doc *doc = NULL;
            pf_error err;
            char source[512];
            if (read_naming(how, inside[i], &ro, d, &err, &doc, source) != PF_OK)
                fail_msg("%s: %s:%u:%u: %s", inside[i], err.source, err.line, err.column, err.message);
            assert_string_equal(pf_doc_instrument_id(doc), "team-pulse-2025");
            assert_string_equal(pf_doc_instrument_path(doc), inside[i]);
            pf_doc_free(doc);
        }
    }
    char absolute[512];
    snprintf(absolute, sizeof absolute, "%s/team.yaml", docs);
    static const char *const refused[][2] = {
        { "../outside/credentials.yaml", "leaves the document's folder ('..'); only files in it can be named" },
        { "sub/../team.yaml", "leaves the document's folder ('..'); only files in it can be named" },
        { "..//outside/secret.env", "leaves the document's folder ('..'); only files in it can be named" },
        { "", "is an absolute path; only files in the document's folder can be named" },
        { "./link-credentials.yaml", CANNOT_READ_HERE },
        { "./link-secret.env", CANNOT_READ_HERE },
        { "link-dir/credentials.yaml", CANNOT_READ_HERE },
        { "./link-missing.yaml", CANNOT_READ_HERE },
        { "missing.yaml", CANNOT_READ_HERE },
        { "inner.yaml", CANNOT_READ_HERE },
        { "sub/", CANNOT_READ_HERE },
        { "./", CANNOT_READ_HERE },
    };
    for (size_t i = 0; i < sizeof refused / sizeof *refused; i++) {
        const char *value = refused[i][0][0] ? refused[i][0] : absolute;
        for (read_way how = FROM_FILE; how <= FROM_MEMORY_BASE; how++) {
            pf_read_options ro = options(PF_REFERENCED_FILES_DOCUMENT_FOLDER);
            pf_doc *doc = NULL;
            pf_error err;
            char source[512], expected[1024];
            assert_int_equal(read_naming(how, value, &ro, d, &err, &doc, source), PF_EINVALID);
            assert_null(doc);
            snprintf(expected, sizeof expected, "instrument: '%s' %s", value, refused[i][1]);
            assert_int_equal(pf_diagnostics_count(d), 1);
            assert_problem(d, 0, source, 2, 13, expected);
            assert_no_problem_shows_anything(d, &err);
        }
    }
    /* A file inside is read, and its problems quote nothing of it either. */
    pf_read_options ro = options(PF_REFERENCED_FILES_DOCUMENT_FOLDER);
    pf_doc *doc = NULL;
    pf_error err;
    char source[512], file[512];
    assert_int_equal(read_naming(FROM_FILE, "./local.env", &ro, d, &err, &doc, source), PF_EINVALID);
    snprintf(file, sizeof file, "%s/./local.env", docs);
    assert_listed(d, file, 1, 1, NOT_AN_INSTRUMENT);
    assert_no_problem_shows_anything(d, &err);
    pf_diagnostics_free(d);
}

/* A document's folder reached through a link is still its folder; a link out of it still leads out. */
static void test_document_folder_through_a_link(void **state)
{
    (void)state;
    char alias[128], path[512];
    snprintf(alias, sizeof alias, "%s/alias", root);
    snprintf(path, sizeof path, "%s/doc-alias.yaml", alias);
    pf_read_options ro = options(PF_REFERENCED_FILES_DOCUMENT_FOLDER);
    pf_diagnostics *d;
    pf_doc *doc = NULL;
    pf_error err;
    assert_int_equal(pf_diagnostics_new(NULL, &d), PF_OK);
    write_document(alias, "doc-alias.yaml", "sub/team.yaml");
    assert_int_equal(pf_doc_read_file(path, &ro, &doc, d, &err), PF_OK);
    assert_string_equal(pf_doc_instrument_id(doc), "team-pulse-2025");
    pf_doc_free(doc);
    write_document(alias, "doc-alias.yaml", "./link-credentials.yaml");
    assert_int_equal(pf_doc_read_file(path, &ro, &doc, d, &err), PF_EINVALID);
    assert_problem(d, 0, path, 2, 13, "instrument: './link-credentials.yaml' " CANNOT_READ_HERE);
    /* From memory, the base folder may be a link too. */
    ro.base_folder = alias;
    const char *text = document("sub/team.yaml");
    assert_int_equal(pf_doc_read_buffer(text, strlen(text), NULL, &ro, &doc, d, &err), PF_OK);
    pf_doc_free(doc);
    pf_diagnostics_free(d);
}

/* From memory without a base folder, a confined document has no folder: it names no file. */
static void test_document_folder_from_memory_without_a_base(void **state)
{
    (void)state;
    pf_read_options ro = options(PF_REFERENCED_FILES_DOCUMENT_FOLDER);
    pf_diagnostics *d;
    pf_doc *doc = NULL;
    pf_error err;
    char source[512];
    assert_int_equal(pf_diagnostics_new(NULL, &d), PF_OK);
    /* Even when its source name is a path in a folder: a name is not where the text came from. */
    assert_int_equal(read_naming(FROM_MEMORY_NAMED, "team.yaml", &ro, d, &err, &doc, source), PF_EINVALID);
    assert_problem(d, 0, source, 2, 13,
                   "instrument: 'team.yaml' names a file, but a document read from memory has no folder to read it "
                   "from");
    const char *text = document(PF_DEFAULT_INSTRUMENT);
    assert_int_equal(pf_doc_read_buffer(text, strlen(text), NULL, &ro, &doc, d, &err), PF_OK);
    pf_doc_free(doc);
    pf_diagnostics_free(d);
}

/* No files at all: every path is refused, ids still work. */
static void test_no_files(void **state)
{
    (void)state;
    pf_diagnostics *d;
    assert_int_equal(pf_diagnostics_new(NULL, &d), PF_OK);
    char absolute[512];
    snprintf(absolute, sizeof absolute, "%s/team.yaml", docs);
    const char *const values[] = { "team.yaml", "./link-in.yaml", "../outside/credentials.yaml", absolute,
                                   "missing.yaml" };
    for (size_t i = 0; i < sizeof values / sizeof *values; i++) {
        for (read_way how = FROM_FILE; how <= FROM_MEMORY_NAMED; how++) {
            pf_read_options ro = options(PF_REFERENCED_FILES_NONE);
            pf_doc *doc = NULL;
            pf_error err;
            char source[512], expected[1024];
            assert_int_equal(read_naming(how, values[i], &ro, d, &err, &doc, source), PF_EINVALID);
            snprintf(expected, sizeof expected,
                     "instrument: '%s' names a file, and reading the files a document names is turned off", values[i]);
            assert_int_equal(pf_diagnostics_count(d), 1);
            assert_problem(d, 0, source, 2, 13, expected);
        }
    }
    pf_read_options ro = options(PF_REFERENCED_FILES_NONE);
    pf_doc *doc = NULL;
    pf_error err;
    char source[512];
    assert_int_equal(read_naming(FROM_FILE, PF_DEFAULT_INSTRUMENT, &ro, d, &err, &doc, source), PF_OK);
    pf_doc_free(doc);
    /* The caller's own instrument, named by its id, is no file either. */
    pf_instrument *inst = NULL;
    assert_int_equal(pf_instrument_read_file(TEAM_PULSE_INSTRUMENT, &ro, &inst, NULL, &err), PF_OK);
    ro.instrument = inst;
    assert_int_equal(read_naming(FROM_MEMORY_NAMED, "team-pulse-2025", &ro, d, &err, &doc, source), PF_OK);
    assert_ptr_equal(pf_doc_instrument(doc), inst);
    pf_doc_free(doc);
    pf_instrument_free(inst);
    pf_diagnostics_free(d);
}

/* Any file (the default): relative to the document's folder or absolute, through links, from memory
   relative to the base folder or to the folder part of the source name. */
static void test_any_file(void **state)
{
    (void)state;
    char absolute[512];
    snprintf(absolute, sizeof absolute, "%s/team.yaml", docs);
    const char *const values[] = { "team.yaml", "../docs/sub/team.yaml", "./link-in.yaml", absolute };
    for (size_t i = 0; i < sizeof values / sizeof *values; i++) {
        for (read_way how = FROM_FILE; how <= FROM_MEMORY_NAMED; how++) {
            pf_read_options ro = options(PF_REFERENCED_FILES_ANY);
            pf_doc *doc = NULL;
            pf_error err;
            char source[512];
            if (read_naming(how, values[i], &ro, NULL, &err, &doc, source) != PF_OK)
                fail_msg("%s: %s:%u:%u: %s", values[i], err.source, err.line, err.column, err.message);
            assert_string_equal(pf_doc_instrument_id(doc), "team-pulse-2025");
            pf_doc_free(doc);
        }
    }
}

/* The layout of pf_read_options version 2, which ended before `referenced_files`. */
typedef struct read_options_v2 {
    unsigned version;
    size_t max_bytes, max_depth, max_string, max_items, max_diagnostics;
    pf_allocator allocator;
    const pf_instrument *instrument;
} read_options_v2;

static void test_version_2_read_options_read_any_file(void **state)
{
    (void)state;
    assert_int_equal(sizeof(read_options_v2), offsetof(pf_read_options, referenced_files));
    /* Exactly the size of a version-2 struct on the heap, so reading past it shows under valgrind and ASan. */
    read_options_v2 *v2 = calloc(1, sizeof *v2);
    v2->version = 2;
    char path[512];
    snprintf(path, sizeof path, "%s/doc-v2.yaml", docs);
    write_document(docs, "doc-v2.yaml", "../docs/sub/team.yaml");
    pf_doc *doc = NULL;
    pf_error err;
    assert_int_equal(pf_doc_read_file(path, (const pf_read_options *)v2, &doc, NULL, &err), PF_OK);
    assert_string_equal(pf_doc_instrument_id(doc), "team-pulse-2025");
    pf_doc_free(doc);
    const char *text = document("sub/team.yaml");
    assert_int_equal(pf_doc_read_buffer(text, strlen(text), path, (const pf_read_options *)v2, &doc, NULL, &err),
                     PF_OK);
    pf_doc_free(doc);
    free(v2);
}

static void test_unknown_choice_is_refused(void **state)
{
    (void)state;
    pf_read_options ro = PF_READ_OPTIONS_INIT;
    ro.referenced_files = (pf_referenced_files)7;
    pf_doc *doc = NULL;
    pf_error err;
    const char *text = document(PF_DEFAULT_INSTRUMENT);
    assert_int_equal(pf_doc_read_buffer(text, strlen(text), NULL, &ro, &doc, NULL, &err), PF_EARG);
    assert_string_equal(err.message, "unknown pf_read_options::referenced_files 7");
    assert_null(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_problems_of_a_named_file_quote_nothing_of_it),
        cmocka_unit_test(test_a_file_given_directly_is_quoted),
        cmocka_unit_test(test_document_folder),
        cmocka_unit_test(test_document_folder_through_a_link),
        cmocka_unit_test(test_document_folder_from_memory_without_a_base),
        cmocka_unit_test(test_no_files),
        cmocka_unit_test(test_any_file),
        cmocka_unit_test(test_version_2_read_options_read_any_file),
        cmocka_unit_test(test_unknown_choice_is_refused),
    };
    return cmocka_run_group_tests(tests, make_tree, remove_tree);
}
