/* portfolio report: the whole analysis in one of the report formats (docs/reports.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

int run_report(int argc, char **argv)
{
    const command *cmd = command_named("report");
    char **files;
    choices c = { 0 };
    int r = parse_choices(cmd, argc, argv, 1, &files, &c);
    if (r >= 0)
        return r;
    pf_report_options o = PF_REPORT_OPTIONS_INIT;
    if (strcmp(c.lang, "en") != 0 && strcmp(c.lang, "fr") != 0) {
        free(files);
        return usage_error(cmd, "--lang must be en or fr (got '%s')", c.lang);
    }
    pf_doc *doc = load(files[0]);
    free(files);
    if (!doc)
        return EXIT_INVALID;
    pf_error err;
    pf_rules *rules = load_catalogue(&c);
    int status = rules ? 0 : EXIT_INVALID;
    o.format = (pf_report_format)c.report_format;
    o.lang = c.lang;
    o.mode = c.score.mode;
    o.weighting = c.map.weighting;
    o.anonymous = c.anonymous;
    o.rules = rules;
    /* Colour only for a person at a terminal who has not asked for none (no-color.org). */
    const char *no_color = getenv("NO_COLOR");
    o.color = o.format == PF_REPORT_TEXT && !c.output && isatty(STDOUT_FILENO) && !(no_color && *no_color);
    pf_buf out = PF_BUF_INIT;
    if (!status && c.output) {
        if (pf_doc_report_file(doc, &o, c.output, &err) != PF_OK)
            status = report_failure(&err);
        else
            notice("portfolio: wrote %s\n", c.output);
    } else if (!status) {
        if (pf_doc_report(doc, &o, &out, &err) != PF_OK)
            status = report_failure(&err);
        else
            print_buf(&out);
    }
    pf_buf_dispose(&out);
    pf_rules_free(rules);
    pf_doc_free(doc);
    return status;
}
