/* portfolio report: the whole analysis in one of the report formats (docs/reports.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "several.h"

/* Several documents' reports, each written before any is output, as one JSON or CSV (several.h). */
static int report_several(pf_doc **docs, char **files, int count, const pf_report_options *o, const char *output)
{
    pf_buf *outs = calloc((size_t)count, sizeof *outs);
    int status = outs ? 0 : EXIT_INVALID;
    if (!outs)
        fprintf(stderr, "portfolio: out of memory\n");
    pf_error err;
    for (int i = 0; i < count && outs; i++) {
        outs[i] = (pf_buf)PF_BUF_INIT;
        if (pf_doc_report(docs[i], o, &outs[i], &err) != PF_OK)
            status = report_failure(&err);
    }
    if (!status && o->format == PF_REPORT_JSON) {
        pf_buf wrapper = PF_BUF_INIT;
        pf_json w;
        pf__json_init(&w, &wrapper);
        several_json_begin(&w, "report");
        for (int i = 0; i < count; i++)
            several_json_add(&w, files[i], &outs[i]);
        if (!several_json_end(&w, output))
            status = EXIT_INVALID;
    } else if (!status) {
        pf_buf t = PF_BUF_INIT;
        bool ok = true;
        for (int i = 0; i < count && ok; i++)
            ok = several_csv_add(&t, files[i], &outs[i], i == 0);
        if (!ok) {
            fprintf(stderr, "portfolio: out of memory\n");
            pf_buf_dispose(&t);
        }
        if (!ok || !emit_buf(&t, output))
            status = EXIT_INVALID;
    }
    for (int i = 0; i < count && outs; i++)
        pf_buf_dispose(&outs[i]);
    free(outs);
    return status;
}

int run_report(int argc, char **argv)
{
    const command *cmd = command_named("report");
    char **files;
    choices c = { 0 };
    int r = parse_choices(cmd, argc, argv, -1, &files, &c);
    if (r >= 0)
        return r;
    pf_report_options o = PF_REPORT_OPTIONS_INIT;
    if (strcmp(c.lang, "en") != 0 && strcmp(c.lang, "fr") != 0) {
        free(files);
        return usage_error(cmd, "--lang must be en or fr (got '%s')", c.lang);
    }
    if (c.min_group) {
        char *end;
        unsigned long n = strtoul(c.min_group, &end, 10);
        if (!*c.min_group || *end || c.min_group[0] == '-' || n < 1 || n > 1000000) {
            free(files);
            return usage_error(cmd, "--min-group must be a whole number from 1 (got '%s')", c.min_group);
        }
        o.min_group = (unsigned)n;
    }
    int count = c.file_count;
    o.format = (pf_report_format)c.report_format;
    if (count > 1 && o.format != PF_REPORT_JSON && o.format != PF_REPORT_CSV &&
        o.format != PF_REPORT_CSV_ASSESSMENTS) {
        free(files);
        return usage_error(cmd, "--format %s holds one document; several FILEs need json, csv or csv-assessments",
                           c.format);
    }
    if (count > 1 && c.since) {
        free(files);
        return usage_error(cmd, "%s", "--since compares one document: give one FILE");
    }
    pf_doc **docs = load_docs(files, count);
    if (!docs) {
        free(files);
        return EXIT_INVALID;
    }
    pf_doc *doc = docs[0];
    pf_doc *since = c.since ? load(c.since) : NULL;
    if (c.since && !since) {
        free_docs(docs, count);
        free(files);
        return EXIT_INVALID;
    }
    o.since = since;
    pf_error err;
    pf_rules *rules = load_catalogue(&c);
    int status = rules ? 0 : EXIT_INVALID;
    o.lang = c.lang;
    o.mode = c.score.mode;
    o.completeness_floor = c.score.completeness_floor;
    o.include_incomplete = c.score.include_incomplete;
    o.weighting = c.map.weighting;
    o.anonymous = c.anonymous;
    o.respondents = c.respondents;
    o.rules = rules;
    /* Colour only for a person at a terminal who has not asked for none (no-color.org). */
    const char *no_color = getenv("NO_COLOR");
    o.color = o.format == PF_REPORT_TEXT && !c.output && isatty(STDOUT_FILENO) && !(no_color && *no_color);
    if (!status && c.report_format == REPORT_PDF) {
        status = report_pdf(doc, &o, c.output);
    } else if (!status && count > 1) {
        status = report_several(docs, files, count, &o, c.output);
    } else if (!status && c.output) {
        if (pf_doc_report_file(doc, &o, c.output, &err) != PF_OK)
            status = report_failure(&err);
        else
            notice("portfolio: wrote %s\n", c.output);
    } else if (!status && pf_doc_report_to(doc, &o, &stdout_sink, &err) != PF_OK) {
        status = stream_failure(&err);
    }
    pf_rules_free(rules);
    pf_doc_free(since);
    free_docs(docs, count);
    free(files);
    return status;
}
