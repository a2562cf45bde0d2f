/* portfolio score: facet orientation and capability of every assessment. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "several.h"

static void print_group_line(const char *label, const pf_group *g)
{
    const pf_stats *st = g->stats;
    printf("%-28s %5.1f %5.1f %5.1f %5.1f  %-22s %5.1f %s\n", label, st[0].mean, st[1].mean, st[2].mean, st[3].mean,
           pf_tendency_name(g->tendency), st[PF_GROUP_CAPABILITY].mean, pf_level_name(g->capability_level));
}

static void print_scores_text(const pf_scores *sc, bool by_role)
{
    const pf_score_options *o = pf_scores_options(sc);
    size_t n = pf_scores_count(sc);
    printf("Facet orientation (%s mode, strong from %g) and capability\n\n",
           o->mode == PF_SCORE_PET ? "PET" : o->mode == PF_SCORE_NORMALISED ? "normalised" : "published PET",
           o->strong_threshold);
    printf("%-12s %-17s %5s %5s %5s %5s  %-22s %5s\n", "respondent", "role", "enh", "mis", "ada", "ant", "tendency",
           "capability");
    for (size_t i = 0; i < n; i++) {
        const pf_assessment_score *a = pf_scores_at(sc, i);
        const double *p = a->orientation.pct;
        printf("%-12s %-17s %5.1f %5.1f %5.1f %5.1f  %-22s %5g %s", a->respondent,
               a->role == PF_ROLE_UNSET ? "-" : pf_role_name(a->role), p[0], p[1], p[2], p[3],
               pf_tendency_name(a->orientation.tendency), a->capability.score, pf_level_name(a->capability.level));
        if (a->left_out)
            printf("  (left out: %.0f %% answered)", a->completeness * 100);
        printf("\n");
    }
    if (!n) {
        printf("(no assessments)\n");
        return;
    }
    printf("\nMeans\n");
    char label[64];
    snprintf(label, sizeof label, "everyone (n=%zu)", pf_scores_overall(sc)->stats[0].n);
    if (pf_scores_overall(sc)->stats[0].n)
        print_group_line(label, pf_scores_overall(sc));
    else
        printf("%s: no respondent counted\n", label);
    if (by_role) {
        for (int r = 0; r < PF_ROLE_COUNT; r++) {
            const pf_group *g = pf_scores_by_role(sc, (pf_role)r);
            if (!g->stats[0].n)
                continue;
            snprintf(label, sizeof label, "%s (n=%zu)", pf_role_name((pf_role)r), g->stats[0].n);
            print_group_line(label, g);
        }
    }
    size_t left_out = pf_scores_left_out_count(sc);
    if (left_out)
        printf("%zu respondent%s left out: fewer than %g %% of items answered\n", left_out, left_out == 1 ? "" : "s",
               o->completeness_floor * 100);
    const pf_group *all = pf_scores_overall(sc);
    if (all->stats[0].n) {
        printf("\nCapability dimensions (mean pct): ");
        for (int d = 0; d < PF_DIMENSION_COUNT; d++)
            printf("%s%s %.1f", d ? ", " : "", pf_dimension_name((pf_dimension)d),
                   all->stats[PF_GROUP_SENSE_MAKING + d].mean);
        printf("\n");
    }
    size_t nf = pf_scores_flag_count(sc);
    printf("\nFlags%s\n", nf ? "" : ": none");
    for (size_t i = 0; i < nf; i++) {
        const pf_flag *f = pf_scores_flag_at(sc, i);
        if (f->kind == PF_FLAG_LOW_AGREEMENT)
            printf("  low agreement   %-26s sd %.1f over %zu respondents\n", pf_group_metric_name(f->metric), f->value,
                   f->n);
        else
            printf("  perception gap  %-26s %s above %s by %.1f\n", pf_group_metric_name(f->metric),
                   pf_role_name(f->role_a), pf_role_name(f->role_b), f->value);
    }
}

/* Scores a document; NULL after printing its problems (--strict: every unanswered item). */
static pf_scores *score_doc(pf_doc *doc, const choices *c)
{
    pf_scores *sc = NULL;
    pf_error err;
    pf_diagnostics *diags = NULL;
    if (pf_diagnostics_new(NULL, &diags) != PF_OK) {
        fprintf(stderr, "portfolio: out of memory\n");
        return NULL;
    }
    if (pf_doc_score(doc, &c->score, &sc, diags, &err) != PF_OK) {
        for (size_t i = 0; i < pf_diagnostics_count(diags); i++)
            print_diagnostic(pf_diagnostics_at(diags, i));
        if (!pf_diagnostics_count(diags))
            print_diagnostic(&err);
        sc = NULL;
    }
    pf_diagnostics_free(diags);
    return sc;
}

static pf_status scores_json(const void *scores, pf_buf *out, pf_error *err)
{
    return pf_scores_write_json(scores, false, out, err);
}

static pf_status scores_json_to(const void *scores, const pf_sink *sink, pf_error *err)
{
    return pf_scores_write_json_to(scores, false, sink, err);
}

static void scores_text(const void *scores, const choices *c)
{
    print_scores_text(scores, c->by_role);
}

static const several_writer scores_writer = { "score", scores_json, scores_json_to, scores_text };

int run_score(int argc, char **argv)
{
    const command *cmd = command_named("score");
    char **files;
    choices c = { 0 };
    int r = parse_choices(cmd, argc, argv, -1, &files, &c);
    if (r >= 0)
        return r;
    int count = c.file_count;
    pf_doc **docs = load_docs(files, count);
    pf_scores **scores = docs ? calloc((size_t)count, sizeof *scores) : NULL;
    int status = scores ? 0 : EXIT_INVALID;
    if (docs && !scores)
        fprintf(stderr, "portfolio: out of memory\n");
    /* Every document is scored before anything is written. */
    for (int i = 0; i < count && scores; i++)
        if (!(scores[i] = score_doc(docs[i], &c)))
            status = EXIT_INVALID;
    if (!status)
        status = several_write(&scores_writer, (void *const *)scores, files, count, &c);
    for (int i = 0; i < count && scores; i++)
        pf_scores_free(scores[i]);
    free(scores);
    free_docs(docs, count);
    free(files);
    return status;
}
