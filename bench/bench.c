/*
 * Times the stages of analysing one document against a bare libyaml event
 * scan of the same bytes, and measures the library's peak heap.
 *
 *   bench FILE [REPEAT]
 *
 * Every stage reads the same in-memory copy, so disk speed does not enter.
 * Each figure is the best of REPEAT runs (default 5): the machines are shared
 * and noisy, and the minimum is the least disturbed measurement.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include <portfolio/portfolio.h>

#include "meter.h"
#include "scan.h"

static size_t bare_scan(const char *data, size_t size)
{
    size_t events = bare_yaml_scan(data, size);
    if (!events) {
        fprintf(stderr, "bench: the file is not YAML\n");
        exit(1);
    }
    return events;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench FILE [REPEAT]\n");
        return 2;
    }
    int repeat = argc > 2 ? atoi(argv[2]) : 5;
    FILE *f = fopen(argv[1], "rb");
    if (!f) {
        perror(argv[1]);
        return 1;
    }
    fseek(f, 0, SEEK_END);
    size_t size = (size_t)ftell(f);
    fseek(f, 0, SEEK_SET);
    char *data = malloc(size + 1);
    if (!data || fread(data, 1, size, f) != size) {
        fprintf(stderr, "bench: cannot read %s\n", argv[1]);
        return 1;
    }
    fclose(f);

    double best_scan = 1e30, best_load = 1e30, best_score = 1e30, best_map = 1e30;
    size_t events = 0, projects = 0, assessments = 0, peak = 0;
    for (int run = 0; run < repeat; run++) {
        double t0 = now();
        events = bare_scan(data, size);
        double t1 = now();
        meter m = { 0, 0 };
        pf_read_options opts = PF_READ_OPTIONS_INIT;
        pf_allocator a = { meter_malloc, meter_realloc, meter_free, &m };
        opts.allocator = a;
        pf_doc *doc;
        pf_scores *scores;
        pf_map *map;
        pf_error err;
        double t2 = now();
        if (pf_doc_read_buffer(data, size, argv[1], &opts, &doc, NULL, &err) != PF_OK) {
            fprintf(stderr, "%s:%u:%u: %s\n", err.source, err.line, err.column, err.message);
            return 1;
        }
        double t3 = now();
        if (pf_doc_score(doc, NULL, &scores, NULL, &err) != PF_OK) {
            fprintf(stderr, "bench: %s\n", err.message);
            return 1;
        }
        double t4 = now();
        if (pf_doc_map(doc, scores, NULL, &map, &err) != PF_OK) {
            fprintf(stderr, "bench: %s\n", err.message);
            return 1;
        }
        double t5 = now();
        projects = pf_doc_project_count(doc);
        assessments = pf_doc_assessment_count(doc);
        peak = m.peak;
        pf_map_free(map);
        pf_scores_free(scores);
        pf_doc_free(doc);
        best_scan = t1 - t0 < best_scan ? t1 - t0 : best_scan;
        best_load = t3 - t2 < best_load ? t3 - t2 : best_load;
        best_score = t4 - t3 < best_score ? t4 - t3 : best_score;
        best_map = t5 - t4 < best_map ? t5 - t4 : best_map;
    }
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    double total = best_load + best_score + best_map;
    printf("file                 %s (%.1f MiB, %zu projects, %zu assessments, %zu events)\n", argv[1],
           (double)size / 1048576, projects, assessments, events);
    printf("bare libyaml scan    %8.3f s\n", best_scan);
    printf("load (parse+check)   %8.3f s\n", best_load);
    printf("score + aggregate    %8.3f s\n", best_score);
    printf("map + metrics        %8.3f s\n", best_map);
    printf("load+score+map       %8.3f s  = %.2f x the bare scan (target < 2)\n", total, total / best_scan);
    printf("library peak heap    %8.1f MiB = %.2f x the file (target < 2)\n", (double)peak / 1048576,
           (double)peak / (double)size);
    printf("process peak RSS     %8.1f MiB (includes the file's bytes and libyaml)\n", (double)ru.ru_maxrss / 1024);
    free(data);
    return 0;
}
