/* portfolio validate: checks documents; --format json lists every file and its problems. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "jsonw.h"

/* {"file", "kind", "valid", "problems": [...], "more_problems"} of one file read (docs/json.md). */
static void file_json(jsonw *j, const char *path, const char *kind, bool valid, const pf_diagnostics *diags,
                      const pf_error *err)
{
    jw_object_begin(j);
    jw_key(j, "file");
    jw_string(j, path);
    jw_key(j, "kind");
    jw_string(j, kind);
    jw_key(j, "valid");
    jw_bool(j, valid);
    jw_key(j, "problems");
    jw_array_begin(j);
    /* The listed problems, or the one err holds when none was listed (a file that cannot be opened). */
    size_t n = valid ? 0 : pf_diagnostics_count(diags), listed = valid ? 0 : n ? n : 1;
    for (size_t i = 0; i < listed; i++) {
        const pf_error *e = n ? pf_diagnostics_at(diags, i) : err;
        jw_object_begin(j);
        jw_key(j, "file");
        jw_string(j, e->source[0] ? e->source : strcmp(path, "-") == 0 ? "<stdin>" : path);
        jw_key(j, "line");
        if (e->line)
            jw_integer(j, e->line);
        else
            jw_null(j);
        jw_key(j, "column");
        if (e->line && e->column)
            jw_integer(j, e->column);
        else
            jw_null(j);
        jw_key(j, "message");
        jw_string(j, e->message);
        jw_key(j, "severity");
        jw_string(j, "error");
        jw_object_end(j);
    }
    jw_array_end(j);
    jw_key(j, "more_problems");
    jw_integer(j, valid ? 0 : (long long)(pf_diagnostics_total(diags) - n));
    jw_object_end(j);
}

/* Reads one file into *out (NULL when unusable), in JSON when j is given, else with problems on stderr. */
static bool check_file(jsonw *j, const char *path, const char *kind, read_buffer_fn from_buffer,
                       read_file_fn from_file, const void *ctx, void **out)
{
    if (!j) {
        *out = load_with(path, from_buffer, from_file, ctx);
        return *out != NULL;
    }
    pf_diagnostics *diags = NULL;
    pf_error err = { 0 };
    if (pf_diagnostics_new(&diags, NULL) != PF_OK) {
        j->out.failed = true;
        *out = NULL;
        return false;
    }
    *out = read_with(path, from_buffer, from_file, ctx, diags, &err);
    file_json(j, path, kind, *out != NULL, diags, &err);
    pf_diagnostics_free(diags);
    return *out != NULL;
}

int run_validate(int argc, char **argv)
{
    const command *cmd = command_named("validate");
    const char *instrument = NULL, *format = "text";
    const cli_option opts[] = { { "--instrument", &instrument, NULL },
                                { "--format", &format, NULL },
                                { NULL, NULL, NULL } };
    char **files;
    int count;
    int r = operands(cmd, argc, argv, opts, &files, &count);
    if (r >= 0)
        return r;
    if (count == 0) {
        free(files);
        return usage_error(cmd, "%s", "no FILE given");
    }
    int json = choose(cmd, "--format", format, format_words);
    if (json < 0) {
        free(files);
        return EXIT_USAGE;
    }
    /* The files' entries first, so that the top-level "valid" can come before them. */
    jsonw entries = { 0 }, *j = json ? &entries : NULL;
    if (j)
        jw_array_begin(j);
    bool valid = true;
    pf_instrument *inst = NULL;
    if (instrument)
        valid = check_file(j, instrument, "instrument", instrument_from_buffer, instrument_from_file, NULL,
                           (void **)&inst);
    /* Documents may name the instrument by its id: without it they are not checked. */
    if (valid) {
        pf_read_options given = PF_READ_OPTIONS_INIT;
        given.instrument = inst;
        for (int i = 0; i < count; i++) {
            pf_read_options ro = doc_read_options(files[i], &given);
            pf_doc *doc = NULL;
            if (!check_file(j, files[i], "document", doc_from_buffer, doc_from_file, &ro, (void **)&doc))
                valid = false;
            pf_doc_free(doc);
        }
    }
    pf_instrument_free(inst);
    free(files);
    if (j) {
        jw_array_end(j);
        jsonw top = { 0 };
        jw_object_begin(&top);
        jw_key(&top, "schema_version");
        jw_integer(&top, 1);
        jw_key(&top, "valid");
        jw_bool(&top, valid);
        jw_key(&top, "files");
        if (j->out.failed)
            top.out.failed = true;
        else
            jw_embed(&top, j->out.data, j->out.size);
        cli_text_dispose(&j->out);
        jw_object_end(&top);
        if (!jw_print(&top))
            return EXIT_INVALID;
    }
    return valid ? 0 : EXIT_INVALID;
}
