/*
 * The whole analysis in one call (analyse.h): the four steps run in the order
 * each needs the one before, and their results are kept together with the
 * relation counts pf_recommend() reads, so no caller assembles a pf_analysis.
 */
#include "model_impl.h"

#include <portfolio/analyse.h>

struct pf_analysis_result {
    pf_allocator alloc;
    pf_scores *scores;
    pf_map *map;
    pf_relations *relations;
    pf_advice *advice;
    size_t relation_counts[PF_RELATION_KIND_COUNT];
    pf_analysis analysis; /* points into this struct: scores, map, relation_counts */
};

void pf_analysis_result_free(pf_analysis_result *r)
{
    if (!r)
        return;
    pf_advice_free(r->advice);
    pf_relations_free(r->relations);
    pf_map_free(r->map);
    pf_scores_free(r->scores);
    pf_allocator a = r->alloc;
    pf__free(&a, r);
}

pf_status pf_doc_analyse(const pf_doc *doc, const pf_analyse_options *opts, pf_analysis_result **out,
                         pf_diagnostics *diags, pf_error *err)
{
    if (!doc || !out)
        return pf__fail(err, PF_EARG, "%s is NULL", doc ? "out" : "doc");
    if (opts && opts->version != PF_ANALYSE_OPTIONS_VERSION)
        return pf__fail(err, PF_EARG, "unknown pf_analyse_options version %u", opts->version);
    pf_analyse_options o = PF_ANALYSE_OPTIONS_INIT;
    if (opts)
        o = *opts;
    pf_analysis_result *r = pf__calloc(&doc->alloc, 1, sizeof *r);
    if (!r)
        return pf__oom(err);
    r->alloc = doc->alloc;
    pf_status s = pf_doc_score(doc, o.score, &r->scores, diags, err);
    if (s == PF_OK)
        s = pf_doc_map(doc, r->scores, o.map, &r->map, err);
    if (s == PF_OK)
        s = pf_doc_relations(doc, r->map, o.relations, &r->relations, err);
    if (s == PF_OK) {
        for (int k = 0; k < PF_RELATION_KIND_COUNT; k++)
            r->relation_counts[k] = pf_relations_count_kind(r->relations, (pf_relation_kind)k);
        r->analysis.scores = r->scores;
        r->analysis.map = r->map;
        r->analysis.relation_counts = r->relation_counts;
        s = pf_recommend(o.rules, &r->analysis, o.advice, &r->advice, err);
    }
    if (s != PF_OK) {
        pf_analysis_result_free(r);
        return s;
    }
    *out = r;
    return PF_OK;
}

const pf_scores *pf_analysis_result_scores(const pf_analysis_result *r)
{
    return r->scores;
}

const pf_map *pf_analysis_result_map(const pf_analysis_result *r)
{
    return r->map;
}

const pf_relations *pf_analysis_result_relations(const pf_analysis_result *r)
{
    return r->relations;
}

const pf_advice *pf_analysis_result_advice(const pf_analysis_result *r)
{
    return r->advice;
}

const pf_analysis *pf_analysis_result_analysis(const pf_analysis_result *r)
{
    return &r->analysis;
}
