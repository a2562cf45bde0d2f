/* portfolio anonymise and benchmark: anonymised records and comparison among them (docs/records.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* The record options of the shared --mode and --weight choices. */
static pf_record_options record_options(const choices *c)
{
    pf_record_options o = PF_RECORD_OPTIONS_INIT;
    o.mode = c->score.mode;
    o.weighting = c->map.weighting;
    return o;
}

int run_anonymise(int argc, char **argv)
{
    const command *cmd = command_named("anonymise");
    char **files;
    choices c = { 0 };
    int r = parse_choices(cmd, argc, argv, 1, &files, &c);
    if (r >= 0)
        return r;
    pf_record_options o = record_options(&c);
    if (c.k) {
        char *end;
        unsigned long k = strtoul(c.k, &end, 10);
        if (!*c.k || *end || c.k[0] == '-' || k < 1 || k > 1000000) {
            free(files);
            return usage_error(cmd, "-k must be a whole number from 1 (got '%s')", c.k);
        }
        o.k = k;
    }
    pf_doc *doc = load(files[0]);
    free(files);
    if (!doc)
        return EXIT_INVALID;
    int status = 0;
    pf_error err;
    pf_buf out = PF_BUF_INIT;
    if (c.output) {
        if (pf_doc_anonymise_file(doc, &o, c.output, &err) != PF_OK)
            status = report_failure(&err);
        else
            notice("portfolio: wrote %s\n", c.output);
    } else if (pf_doc_anonymise(doc, &o, &out, &err) != PF_OK) {
        status = report_failure(&err);
    } else {
        print_buf(&out);
    }
    pf_buf_dispose(&out);
    pf_doc_free(doc);
    return status;
}

int run_benchmark(int argc, char **argv)
{
    const command *cmd = command_named("benchmark");
    char **files;
    choices c = { 0 };
    int r = parse_choices(cmd, argc, argv, -1, &files, &c);
    if (r >= 0)
        return r;
    if (!c.org) {
        free(files);
        return usage_error(cmd, "%s", "--org FILE is required");
    }
    size_t n = (size_t)c.file_count;
    pf_record **records = calloc(n, sizeof *records);
    int status = records ? 0 : EXIT_INVALID;
    for (size_t i = 0; records && i < n; i++)
        if (!(records[i] = load_with(files[i], record_from_buffer, record_from_file, NULL)))
            status = EXIT_INVALID;
    pf_doc *doc = status ? NULL : load(c.org);
    pf_benchmark_result *res = NULL;
    pf_record_options o = record_options(&c);
    pf_error err;
    pf_buf out = PF_BUF_INIT;
    if (!status && !doc) {
        status = EXIT_INVALID;
    } else if (!status && pf_benchmark((const pf_record *const *)records, n, doc, &o, &res, &err) != PF_OK) {
        status = report_failure(&err);
    } else if (!status && c.json) {
        if (pf_benchmark_write_json(res, &out, &err) != PF_OK)
            status = report_failure(&err);
        else
            print_buf(&out);
    } else if (!status) {
        printf("Benchmark of %s among %zu records (mode %s, weighting %s)\n\n", c.org,
               pf_benchmark_result_records(res), c.mode, c.weight);
        printf("%-44s %10s %7s %10s\n", "Metric", "Value", "Records", "Percentile");
        for (size_t i = 0; i < pf_benchmark_result_count(res); i++) {
            const pf_benchmark_entry *e = pf_benchmark_result_at(res, i);
            printf("%-44s %10.4g %7zu %10.1f\n", e->metric, e->value, e->n, e->percentile);
        }
        if (!pf_benchmark_result_count(res))
            printf("No metric of the organisation is in any record.\n");
    }
    pf_buf_dispose(&out);
    pf_benchmark_result_free(res);
    pf_doc_free(doc);
    for (size_t i = 0; records && i < n; i++)
        pf_record_free(records[i]);
    free(records);
    free(files);
    return status;
}
