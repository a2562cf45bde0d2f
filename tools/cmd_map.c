/* portfolio map: projects on the facet diamond and the portfolio metrics. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "several.h"

static void print_facet_row(const char *label, const double v[PF_FACET_COUNT], bool signed_percent)
{
    printf("  %-14s", label);
    for (int f = 0; f < PF_FACET_COUNT; f++)
        printf(signed_percent ? " %s %+.1f" : " %s %.1f%%", pf_facet_name((pf_facet)f), v[f] * 100);
    printf("\n");
}

static void print_map_text(const pf_map *map)
{
    const pf_metrics *m = pf_map_metrics(map);
    printf("Project map (weighting: %s; %zu projects, %zu placed, %zu weighted)\n\n", pf_weighting_name(m->weighting),
           m->projects, m->placed, m->weighted);
    printf("%-24s %-15s %6s %6s %10s\n", "project", "zone", "x", "y", "weight");
    for (size_t i = 0; i < pf_map_count(map); i++) {
        const pf_placement *p = pf_map_at(map, i);
        if (!p->placed) {
            printf("%-24s %-15s\n", p->project, "(not placed)");
            continue;
        }
        char weight[32] = "-";
        if (p->weighted)
            snprintf(weight, sizeof weight, "%g", p->weight);
        printf("%-24s %-15s %6.2f %6.2f %10s\n", p->project, pf_zone_name(p->zone), p->x, p->y, weight);
    }
    printf("\nPortfolio\n");
    if (m->has_shares) {
        print_facet_row("shares", m->share, false);
        printf("  %-14s HHI %.3f, effective facets %.2f, dominant %s\n", "concentration", m->hhi, m->effective_facets,
               pf_facet_name(m->dominant));
    } else {
        printf("  %-14s none: no project is both placed and weighted\n", "shares");
    }
    printf("  %-14s", "zones");
    for (int z = 0; z < PF_ZONE_COUNT; z++)
        printf("%s %s %zu", z ? "," : "", pf_zone_name((pf_zone)z), m->zone_count[z]);
    printf("\n");
    if (m->has_targets) {
        print_facet_row("targets", m->target, false);
        if (m->has_shares) {
            print_facet_row("gap (points)", m->gap, true);
            printf("  %-14s %.3f\n", "balance dist.", m->balance_distance);
        }
    }
    if (m->has_orientation) {
        print_facet_row("orientation", m->orientation, false);
        if (m->has_shares)
            print_facet_row("mismatch", m->mismatch, true);
    }
    printf("  %-14s", "stages");
    for (int s = 0; s < PF_STAGE_COUNT; s++)
        printf("%s %s %zu", s ? "," : "", pf_stage_name((pf_stage)s), m->stage_count[s]);
    if (m->stage_unset)
        printf(", not given %zu", m->stage_unset);
    printf("\n");
}

static pf_status map_json(const void *map, pf_buf *out, pf_error *err)
{
    return pf_map_write_json(map, out, err);
}

static pf_status map_json_to(const void *map, const pf_sink *sink, pf_error *err)
{
    return pf_map_write_json_to(map, sink, err);
}

static void map_text(const void *map, const choices *c)
{
    (void)c;
    print_map_text(map);
}

static const several_writer map_writer = { "map", map_json, map_json_to, map_text };

int run_map(int argc, char **argv)
{
    const command *cmd = command_named("map");
    char **files;
    choices c = { 0 };
    int r = parse_choices(cmd, argc, argv, -1, &files, &c);
    if (r >= 0)
        return r;
    int count = c.file_count;
    pf_doc **docs = load_docs(files, count);
    pf_map **maps = docs ? calloc((size_t)count, sizeof *maps) : NULL;
    int status = maps ? 0 : EXIT_INVALID;
    if (docs && !maps)
        fprintf(stderr, "portfolio: out of memory\n");
    pf_error err;
    /* Every document is mapped before anything is written. */
    for (int i = 0; i < count && maps; i++) {
        pf_scores *sc = NULL;
        if (pf_doc_score(docs[i], &c.score, &sc, NULL, &err) != PF_OK ||
            pf_doc_map(docs[i], sc, &c.map, &maps[i], &err) != PF_OK)
            status = report_failure(&err);
        pf_scores_free(sc);
    }
    if (!status)
        status = several_write(&map_writer, (void *const *)maps, files, count, &c);
    for (int i = 0; i < count && maps; i++)
        pf_map_free(maps[i]);
    free(maps);
    free_docs(docs, count);
    free(files);
    return status;
}
