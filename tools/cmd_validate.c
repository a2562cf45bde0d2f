/* portfolio validate: checks documents. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int run_validate(int argc, char **argv)
{
    const command *cmd = command_named("validate");
    const char *instrument = NULL;
    const cli_option opts[] = { { "--instrument", &instrument, NULL }, { NULL, NULL, NULL } };
    char **files;
    int count, status = 0;
    int r = operands(cmd, argc, argv, opts, &files, &count);
    if (r >= 0)
        return r;
    if (count == 0) {
        free(files);
        return usage_error(cmd, "%s", "no FILE given");
    }
    pf_read_options ro = PF_READ_OPTIONS_INIT;
    pf_instrument *inst = NULL;
    if (instrument && !(inst = load_with(instrument, instrument_from_buffer, instrument_from_file, NULL))) {
        free(files);
        return EXIT_INVALID;
    }
    ro.instrument = inst;
    for (int i = 0; i < count; i++) {
        pf_doc *doc = load_doc(files[i], &ro);
        if (!doc)
            status = EXIT_INVALID;
        pf_doc_free(doc);
    }
    pf_instrument_free(inst);
    free(files);
    return status;
}
