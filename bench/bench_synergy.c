/*
 * Times pf_doc_relations() on one document and counts the work it did.
 *
 *   bench_synergy FILE [REPEAT [COMMON_SHARE]]
 *
 * Prints the best of REPEAT runs (default 5) of pf_doc_relations() with the
 * default options (placing the projects included) but for COMMON_SHARE when
 * given, the project pairs whose similarity was computed against all n(n-1)/2
 * pairs, the relations found per kind, and the peak heap of the call beyond
 * the document's own.
 */
#include <stdio.h>
#include <stdlib.h>

#include <portfolio/portfolio.h>

#include "meter.h"

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_synergy FILE [REPEAT [COMMON_SHARE]]\n");
        return 2;
    }
    int repeat = argc > 2 ? atoi(argv[2]) : 5;
    pf_relation_options so = PF_RELATION_OPTIONS_INIT;
    if (argc > 3)
        so.common_share = strtod(argv[3], NULL);
    meter m = { 0, 0 };
    pf_read_options opts = PF_READ_OPTIONS_INIT;
    pf_allocator a = { meter_malloc, meter_realloc, meter_free, &m };
    opts.allocator = a;
    pf_doc *doc;
    pf_error err;
    double t0 = now();
    if (pf_doc_read_file(argv[1], &opts, &doc, NULL, &err) != PF_OK) {
        fprintf(stderr, "%s:%u:%u: %s\n", err.source, err.line, err.column, err.message);
        return 1;
    }
    double load = now() - t0, best = 1e30;
    size_t doc_bytes = m.live, peak = 0;
    pf_relations *rel = NULL;
    for (int run = 0; run < repeat || !rel; run++) {
        pf_relations_free(rel);
        rel = NULL;
        m.peak = m.live;
        double t1 = now();
        if (pf_doc_relations(doc, NULL, &so, &rel, &err) != PF_OK) {
            fprintf(stderr, "bench_synergy: %s\n", err.message);
            return 1;
        }
        double t = now() - t1;
        best = t < best ? t : best;
        peak = m.peak - doc_bytes;
    }
    size_t n = pf_doc_project_count(doc);
    double all_pairs = (double)n * (double)(n > 0 ? n - 1 : 0) / 2;
    size_t examined = pf_relations_pairs_examined(rel);
    printf("file                 %s (%zu projects; load %.3f s)\n", argv[1], n, load);
    printf("pf_doc_relations     %8.3f s (best of %d; common_share %g, common_min %zu)\n", best, repeat,
           so.common_share, so.common_min);
    printf("pairs examined       %zu of %.0f (%.4f%%)\n", examined, all_pairs,
           all_pairs > 0 ? 100.0 * (double)examined / all_pairs : 0.0);
    printf("relations            %zu:", pf_relations_count(rel));
    for (int k = 0; k < PF_RELATION_KIND_COUNT; k++)
        printf(" %s %zu", pf_relation_kind_name((pf_relation_kind)k), pf_relations_count_kind(rel, (pf_relation_kind)k));
    printf("\npeak heap of the call %7.1f MiB (the document: %.1f MiB)\n", (double)peak / 1048576,
           (double)doc_bytes / 1048576);
    pf_relations_free(rel);
    pf_doc_free(doc);
    return 0;
}
