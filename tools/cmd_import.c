/* portfolio import: answers and projects from CSV files (docs/import.md). */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* The import of one kind with its options, as a reader for load_with(). */
typedef struct import_call {
    pf_import_kind kind;
    const pf_import_options *opts;
} import_call;

static pf_status import_from_buffer(void **out, const char *data, size_t size, const char *source, const void *ctx,
                                    pf_diagnostics *diags, pf_error *err)
{
    const import_call *c = ctx;
    pf_doc *doc = NULL;
    pf_status s = c->kind == PF_IMPORT_ANSWERS ? pf_import_answers_buffer(data, size, source, c->opts, &doc, diags, err)
                                               : pf_import_projects_buffer(data, size, source, c->opts, &doc, diags, err);
    *out = doc;
    return s;
}

static pf_status import_from_file(void **out, const char *path, const void *ctx, pf_diagnostics *diags, pf_error *err)
{
    const import_call *c = ctx;
    pf_doc *doc = NULL;
    pf_status s = c->kind == PF_IMPORT_ANSWERS ? pf_import_answers_file(path, c->opts, &doc, diags, err)
                                               : pf_import_projects_file(path, c->opts, &doc, diags, err);
    *out = doc;
    return s;
}

int run_import(int argc, char **argv)
{
    static const char *const kinds[] = { "answers", "projects", NULL };
    const command *cmd = command_named("import");
    const char *map_path = NULL, *instrument = NULL, *output = NULL;
    const cli_option options[] = {
        { "--map", &map_path, NULL },
        { "--instrument", &instrument, NULL },
        { "-o", &output, NULL },
        { NULL, NULL, NULL },
    };
    char **files;
    int count;
    int r = operands(cmd, argc, argv, options, &files, &count);
    if (r >= 0)
        return r;
    if (count != 2) {
        free(files);
        return usage_error(cmd, "%s", count < 2 ? "expected answers or projects, and a FILE" : "expected one FILE");
    }
    int kind = choose(cmd, "what to import", files[0], kinds);
    const char *path = files[1];
    free(files);
    if (kind < 0)
        return EXIT_USAGE;
    if (instrument && kind != PF_IMPORT_ANSWERS)
        return usage_error(cmd, "%s", "--instrument is for answers only");

    pf_import_map *map = NULL;
    if (map_path && !(map = load_with(map_path, import_map_from_buffer, import_map_from_file, NULL)))
        return EXIT_INVALID;
    pf_import_options o = PF_IMPORT_OPTIONS_INIT;
    o.map = map;
    o.instrument = instrument;
    import_call call = { (pf_import_kind)kind, &o };
    pf_doc *doc = load_with(path, import_from_buffer, import_from_file, &call);
    pf_import_map_free(map);
    if (!doc)
        return EXIT_INVALID;

    int status = 0;
    pf_error err;
    pf_buf out = PF_BUF_INIT;
    if (pf_doc_write_buf(doc, &out, &err) != PF_OK) {
        print_diagnostic(&err);
        status = EXIT_INVALID;
    } else if (!output) {
        print_buf(&out);
    } else if (pf_buf_write_file(&out, output, &err) != PF_OK) {
        print_diagnostic(&err);
        status = EXIT_INVALID;
    } else {
        size_t n = kind == PF_IMPORT_ANSWERS ? pf_doc_assessment_count(doc) : pf_doc_project_count(doc);
        notice("portfolio: wrote %s (%zu %s)\n", output, n,
                kind == PF_IMPORT_ANSWERS ? (n == 1 ? "assessment" : "assessments")
                                          : (n == 1 ? "project" : "projects"));
    }
    pf_buf_dispose(&out);
    pf_doc_free(doc);
    return status;
}
