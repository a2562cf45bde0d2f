/* portfolio relations (and its deprecated name synergies): relations between projects (docs/relations.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* The facet with the strictly largest share, as the tension rule sees it. */
static const char *top_facet_label(const pf_placement *pl)
{
    if (!pl->placed)
        return "not placed";
    int top = 0;
    for (int f = 1; f < PF_FACET_COUNT; f++)
        if (pl->share[f] > pl->share[top])
            top = f;
    for (int f = 0; f < PF_FACET_COUNT; f++)
        if (f != top && pl->share[f] >= pl->share[top] - 1e-9)
            return "none (tie)";
    return pf_facet_name((pf_facet)top);
}

static const char *zone_label(const pf_placement *pl)
{
    return pl->placed ? pf_zone_name(pl->zone) : "not placed";
}

/* A project's id and position, to find placements by id in logarithmic time. */
typedef struct id_position {
    const char *id;
    size_t index;
} id_position;

static int compare_ids(const void *x, const void *y)
{
    return strcmp(((const id_position *)x)->id, ((const id_position *)y)->id);
}

static const pf_placement *placement_of(const pf_map *map, const id_position *ids, const char *id)
{
    id_position key = { id, 0 };
    const id_position *found = bsearch(&key, ids, pf_map_count(map), sizeof *ids, compare_ids);
    return found ? pf_map_at(map, found->index) : NULL;
}

static int print_relations_text(const pf_doc *doc, const pf_map *map, const pf_relations *rel)
{
    static const char *const titles[PF_RELATION_KIND_COUNT] = { "Synergies", "Tensions", "Possible duplicates",
                                                                "Handover candidates" };
    const pf_relation_options *o = pf_relations_options(rel);
    size_t n = pf_doc_project_count(doc);
    size_t pairs = pf_relations_pairs_examined(rel);
    printf("Relations between %zu projects (%zu pair%s compared)\n", n, pairs, pairs == 1 ? "" : "s");
    printf("similarity = %g x Jaccard(tags) + %g x Jaccard(partners); threshold %g,\n"
           "duplicates from %g; top %zu synergies per project\n",
           o->tag_weight, o->partner_weight, o->threshold, o->duplicate_threshold, o->top_k);
    id_position *ids = calloc(n ? n : 1, sizeof *ids);
    if (!ids) {
        fprintf(stderr, "portfolio: out of memory\n");
        return EXIT_INVALID;
    }
    for (size_t i = 0; i < n; i++) {
        ids[i].id = pf_map_at(map, i)->project;
        ids[i].index = i;
    }
    qsort(ids, n, sizeof *ids, compare_ids);
    size_t index = 0;
    for (int k = 0; k < PF_RELATION_KIND_COUNT; k++) {
        size_t count = pf_relations_count_kind(rel, (pf_relation_kind)k);
        printf("\n%s (%zu)\n", titles[k], count);
        if (!count)
            printf("  none\n");
        for (size_t end = index + count; index < end; index++) {
            const pf_relation *r = pf_relations_at(rel, index);
            const pf_project *pa = pf_doc_find_project(doc, r->a), *pb = pf_doc_find_project(doc, r->b);
            const pf_placement *la = placement_of(map, ids, r->a), *lb = placement_of(map, ids, r->b);
            int width = printf("  %s %s %s", r->a, k == PF_RELATION_HANDOVER ? "->" : "<->", r->b);
            printf("%*s S %.2f", width < 50 ? 50 - width : 0, "", r->similarity);
            if (r->is_explicit)
                printf("  linked: %s", pf_link_kind_name(r->link_kind));
            printf("\n");
            const char *unit_a = pf_project_unit(pa), *unit_b = pf_project_unit(pb);
            if (k == PF_RELATION_TENSION) {
                printf("      top facets: %s vs %s\n", top_facet_label(la), top_facet_label(lb));
            } else if (k == PF_RELATION_DUPLICATE) {
                printf("      zones: %s, %s\n", zone_label(la), zone_label(lb));
            } else if (k == PF_RELATION_HANDOVER) {
                printf("      from %s, %s (%s)\n", zone_label(la), pf_stage_name(pf_project_stage(pa)), unit_a);
                printf("      to   %s (%s)\n", zone_label(lb), unit_b);
            }
            if (r->shared_tag_count)
                print_list_wrapped(6, "tags", r->shared_tags, r->shared_tag_count);
            if (r->shared_partner_count)
                print_list_wrapped(6, "partners", r->shared_partners, r->shared_partner_count);
        }
    }
    free(ids);
    return 0;
}

int run_relations(int argc, char **argv)
{
    const command *cmd = command_named(argv[0]); /* relations, or its deprecated name synergies */
    pf_doc *doc = NULL;
    int json = 0;
    int r = one_document(cmd, argc, argv, &doc, &json);
    if (r >= 0)
        return r;
    pf_map *map = NULL;
    pf_relations *rel = NULL;
    pf_error err;
    int status = 0;
    if (pf_doc_map(doc, NULL, NULL, &map, &err) != PF_OK || pf_doc_relations(doc, map, NULL, &rel, &err) != PF_OK)
        status = report_failure(&err);
    else if (json && pf_relations_write_json_to(rel, &stdout_sink, &err) != PF_OK)
        status = stream_failure(&err);
    else if (!json)
        status = print_relations_text(doc, map, rel);
    pf_relations_free(rel);
    pf_map_free(map);
    pf_doc_free(doc);
    return status;
}
