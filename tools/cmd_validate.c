/* portfolio validate: checks documents; --format json lists every file and its problems. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* {"file", "kind", "valid", "problems": [...], "more_problems"} of one file read (docs/json.md). */
static void file_json(pf_json *j, const char *path, const char *kind, bool valid, const pf_diagnostics *diags,
                      const pf_error *err)
{
    pf__json_object_begin(j);
    pf__json_key(j, "file");
    pf__json_string(j, path);
    pf__json_key(j, "kind");
    pf__json_string(j, kind);
    pf__json_key(j, "valid");
    pf__json_bool(j, valid);
    pf__json_key(j, "problems");
    pf__json_array_begin(j);
    /* The listed problems, or the one err holds when none was listed (a file that cannot be opened). */
    size_t n = valid ? 0 : pf_diagnostics_count(diags), listed = valid ? 0 : n ? n : 1;
    for (size_t i = 0; i < listed; i++) {
        const pf_error *e = n ? pf_diagnostics_at(diags, i) : err;
        pf__json_object_begin(j);
        pf__json_key(j, "file");
        pf__json_string(j, e->source[0] ? e->source : strcmp(path, "-") == 0 ? "<stdin>" : path);
        pf__json_key(j, "line");
        if (e->line)
            pf__json_integer(j, e->line);
        else
            pf__json_null(j);
        pf__json_key(j, "column");
        if (e->line && e->column)
            pf__json_integer(j, e->column);
        else
            pf__json_null(j);
        pf__json_key(j, "message");
        pf__json_string(j, e->message);
        pf__json_key(j, "severity");
        pf__json_string(j, "error");
        pf__json_object_end(j);
    }
    pf__json_array_end(j);
    pf__json_key(j, "more_problems");
    pf__json_integer(j, valid ? 0 : (long long)(pf_diagnostics_total(diags) - n));
    pf__json_object_end(j);
}

/* Reads one file into *out (NULL when unusable), in JSON when j is given, else with problems on stderr. */
static bool check_file(pf_json *j, const char *path, const char *kind, read_buffer_fn from_buffer,
                       read_file_fn from_file, const void *ctx, void **out)
{
    if (!j) {
        *out = load_with(path, from_buffer, from_file, ctx);
        return *out != NULL;
    }
    pf_diagnostics *diags = NULL;
    pf_error err = { 0 };
    if (pf_diagnostics_new(&diags, NULL) != PF_OK) {
        j->status = PF_ENOMEM;
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
    pf_buf entries_text = PF_BUF_INIT;
    pf_json entries, *j = NULL;
    if (json) {
        j = &entries;
        pf__json_init(j, &entries_text);
        pf__json_array_begin(j);
    }
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
        pf__json_array_end(j);
        pf_buf top_text = PF_BUF_INIT;
        pf_json top;
        pf__json_init(&top, &top_text);
        pf__json_object_begin(&top);
        pf__json_key(&top, "schema_version");
        pf__json_integer(&top, 1);
        pf__json_key(&top, "valid");
        pf__json_bool(&top, valid);
        pf__json_key(&top, "files");
        if (j->status != PF_OK)
            top.status = j->status;
        else
            pf__json_embed(&top, entries_text.data, entries_text.size);
        pf_buf_dispose(&entries_text);
        pf__json_object_end(&top);
        if (!emit_json(&top, NULL))
            return EXIT_INVALID;
    }
    return valid ? 0 : EXIT_INVALID;
}
