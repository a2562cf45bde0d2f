/* portfolio collect, and the blank answers file of portfolio instrument --template (docs/format.md, section 8). */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int print_template(const pf_instrument *inst, const char *lang)
{
    pf_template_options opts = PF_TEMPLATE_OPTIONS_INIT;
    opts.lang = lang;
    pf_buf out = PF_BUF_INIT;
    pf_error err;
    if (pf_instrument_template(inst, &opts, &out, &err) != PF_OK) {
        print_diagnostic(&err);
        return EXIT_INVALID;
    }
    print_buf(&out);
    pf_buf_dispose(&out);
    return 0;
}

/* "1 file" or "2 files". */
static const char *plural(size_t n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

int run_collect(int argc, char **argv)
{
    const command *cmd = command_named("collect");
    const char *output = NULL;
    bool replace = false;
    const cli_option opts[] = { { "-o", &output, NULL }, { "--replace", NULL, &replace }, { NULL, NULL, NULL } };
    char **files;
    int count;
    int r = operands(cmd, argc, argv, opts, &files, &count);
    if (r >= 0)
        return r;
    if (count < 2) {
        free(files);
        return usage_error(cmd, "%s", "expected PORTFOLIO and at least one ANSWERS file");
    }
    for (int i = 1; i < count; i++) {
        if (strcmp(files[i], "-") == 0) {
            free(files);
            return usage_error(cmd, "%s", "an ANSWERS file cannot be standard input (its name locates problems)");
        }
    }
    pf_doc *doc = load(files[0]);
    if (!doc) {
        free(files);
        return EXIT_INVALID;
    }
    pf_diagnostics *diags = NULL;
    if (pf_diagnostics_new(NULL, &diags) != PF_OK) {
        fprintf(stderr, "portfolio: out of memory\n");
        pf_doc_free(doc);
        free(files);
        return EXIT_INVALID;
    }
    pf_collect_options copts = PF_COLLECT_OPTIONS_INIT;
    copts.replace = replace;
    pf_collect_summary sum = { (size_t)(count - 1), 0, 0, 0 };
    pf_error err;
    pf_status s = pf_doc_collect_files(doc, (const char *const *)(files + 1), (size_t)(count - 1), &copts, &sum,
                                       diags, &err);
    int status = 0;
    const char *outcome = "nothing written", *written_to = "";
    pf_buf buf = PF_BUF_INIT;
    if (s != PF_OK) {
        print_problems(diags, &err, files[0]);
        status = EXIT_INVALID;
    } else if (output && !relocate_instrument(doc, files[0], output)) {
        status = EXIT_INVALID;
    } else if (pf_doc_write_buf(doc, &buf, &err) != PF_OK ||
               (output && pf_buf_write_file(&buf, output, &err) != PF_OK)) {
        print_diagnostic(&err);
        status = EXIT_INVALID;
    } else if (output) {
        outcome = "wrote ";
        written_to = output;
    } else {
        print_buf(&buf);
        outcome = "written to standard output";
    }
    notice("portfolio collect: %zu %s: %zu %s added, %zu replaced, %zu %s refused; %s%s\n", sum.files,
            plural(sum.files, "file", "files"), sum.added, plural(sum.added, "assessment", "assessments"),
            sum.replaced, sum.refused, plural(sum.refused, "file", "files"), outcome,
            written_to);
    pf_buf_dispose(&buf);
    pf_diagnostics_free(diags);
    pf_doc_free(doc);
    free(files);
    return status;
}
