/*
 * Times pf_doc_relations() on one document against a bare libyaml scan of the same file, and counts the work.
 *
 *   bench_synergy FILE [REPEAT [THRESHOLD [TAG_WEIGHT PARTNER_WEIGHT]]]
 *
 * Prints the best of REPEAT runs (default 5) of pf_doc_relations() (placing the projects included) with the
 * default options but for those given, and the best of as many bare libyaml event scans of the file's bytes,
 * alternating with them in the same run, with their ratio; the candidate pairs examined (their similarity computed) against the relations
 * found and against all n(n-1)/2 pairs; the relations per kind; and the peak heap of the call beyond the
 * document's own.
 */
#include <stdio.h>
#include <stdlib.h>

#include <portfolio/portfolio.h>

#include "meter.h"
#include "scan.h"

static char *slurp(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 20, n = 0;
    char *data = malloc(cap);
    for (size_t got; data && (got = fread(data + n, 1, cap - n, f)) > 0;) {
        n += got;
        if (n == cap) {
            char *more = realloc(data, cap *= 2);
            if (!more)
                free(data);
            data = more;
        }
    }
    fclose(f);
    *size = n;
    return data;
}

int main(int argc, char **argv)
{
    if (argc < 2 || argc == 5 || argc > 6) {
        fprintf(stderr, "usage: bench_synergy FILE [REPEAT [THRESHOLD [TAG_WEIGHT PARTNER_WEIGHT]]]\n");
        return 2;
    }
    int repeat = argc > 2 ? atoi(argv[2]) : 5;
    pf_synergy_options so = PF_SYNERGY_OPTIONS_INIT;
    if (argc > 3)
        so.threshold = strtod(argv[3], NULL);
    if (argc > 5) {
        so.tag_weight = strtod(argv[4], NULL);
        so.partner_weight = strtod(argv[5], NULL);
    }
    size_t size;
    char *data = slurp(argv[1], &size);
    if (!data) {
        fprintf(stderr, "bench_synergy: cannot read %s\n", argv[1]);
        return 1;
    }
    meter m = { 0, 0 };
    pf_read_options opts = PF_READ_OPTIONS_INIT;
    pf_allocator a = { meter_malloc, meter_realloc, meter_free, &m };
    opts.allocator = a;
    pf_doc *doc;
    pf_error err;
    double t0 = now();
    if (pf_doc_read_file(&doc, argv[1], &opts, NULL, &err) != PF_OK) {
        fprintf(stderr, "%s:%u:%u: %s\n", err.source, err.line, err.column, err.message);
        return 1;
    }
    double load = now() - t0, best = 1e30, scan = 1e30;
    size_t doc_bytes = m.live, peak = 0, events = 0;
    pf_relations *rel = NULL;
    /* The scan and the call alternate, so that a shared machine's load weighs on both alike. */
    for (int run = 0; run < repeat || !rel; run++) {
        double t1 = now();
        events = bare_yaml_scan(data, size);
        double t = now() - t1;
        scan = t < scan ? t : scan;
        pf_relations_free(rel);
        rel = NULL;
        m.peak = m.live;
        t1 = now();
        if (pf_doc_relations(doc, &so, NULL, &rel, &err) != PF_OK) {
            fprintf(stderr, "bench_synergy: %s\n", err.message);
            return 1;
        }
        t = now() - t1;
        best = t < best ? t : best;
        peak = m.peak - doc_bytes;
    }
    free(data);
    const pf_synergy_options *used = pf_relations_options(rel);
    size_t n = pf_doc_project_count(doc), found = pf_relations_count(rel);
    double all_pairs = (double)n * (double)(n > 0 ? n - 1 : 0) / 2;
    size_t examined = pf_relations_pairs_examined(rel);
    printf("file                 %s (%.1f MiB, %zu events, %zu projects; load %.3f s)\n", argv[1],
           (double)size / 1048576, events, n, load);
    printf("options              threshold %g, duplicate_threshold %g, tag_weight %g, partner_weight %g\n",
           used->threshold, used->duplicate_threshold, used->tag_weight, used->partner_weight);
    int runs = repeat > 0 ? repeat : 1;
    printf("bare libyaml scan    %8.3f s (best of %d)\n", scan, runs);
    printf("pf_doc_relations     %8.3f s (best of %d): %.2f x the bare scan\n", best, runs, best / scan);
    printf("candidates examined  %zu (%.4f%% of %.0f pairs)\n", examined,
           all_pairs > 0 ? 100.0 * (double)examined / all_pairs : 0.0, all_pairs);
    printf("relations found      %zu:", found);
    for (int k = 0; k < PF_RELATION_KIND_COUNT; k++)
        printf(" %s %zu", pf_relation_kind_name((pf_relation_kind)k), pf_relations_count_kind(rel, (pf_relation_kind)k));
    printf("\ncandidates/relations %.2f\n", found ? (double)examined / (double)found : 0.0);
    printf("peak heap of the call %7.1f MiB (the document: %.1f MiB)\n", (double)peak / 1048576,
           (double)doc_bytes / 1048576);
    pf_relations_free(rel);
    pf_doc_free(doc);
    return 0;
}
