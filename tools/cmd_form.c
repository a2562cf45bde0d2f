/* portfolio form: an instrument as a self-contained HTML questionnaire (docs/form.md). */
#include <stdlib.h>

#include "cli.h"

int run_form(int argc, char **argv);

int run_form(int argc, char **argv)
{
    static const char *const lang_words[] = { "en", "fr", NULL };
    const command *cmd = command_named("form");
    const char *lang = "en", *output = NULL;
    const cli_option opts[] = { { "--lang", &lang, NULL }, { "-o", &output, NULL }, { NULL, NULL, NULL } };
    char **files;
    int count;
    int r = operands(cmd, argc, argv, opts, &files, &count);
    if (r >= 0)
        return r;
    if (count > 1) {
        free(files);
        return usage_error(cmd, "%s", "expected at most one INSTRUMENT");
    }
    if (choose(cmd, "--lang", lang, lang_words) < 0) {
        free(files);
        return EXIT_USAGE;
    }
    pf_instrument *inst = NULL;
    pf_error err;
    if (count == 1)
        inst = load_with(files[0], instrument_from_buffer, instrument_from_file, NULL);
    else if (pf_instrument_open_default(NULL, &inst, &err) != PF_OK)
        print_diagnostic(&err);
    free(files);
    if (!inst)
        return EXIT_INVALID;
    pf_form_options o = PF_FORM_OPTIONS_INIT;
    o.lang = lang;
    pf_buf out = PF_BUF_INIT;
    int status = 0;
    if (pf_instrument_form_html(inst, &o, &out, &err) != PF_OK) {
        print_diagnostic(&err);
        status = EXIT_INVALID;
    } else if (output) {
        if (pf_buf_write_file(&out, output, &err) != PF_OK) {
            print_diagnostic(&err);
            status = EXIT_INVALID;
        } else {
            notice("portfolio: wrote %s\n", output);
        }
    } else {
        print_buf(&out);
    }
    pf_buf_dispose(&out);
    pf_instrument_free(inst);
    return status;
}
