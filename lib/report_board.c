/*
 * What makes a report one a board can read (report_impl.h): the summary that opens it, the
 * plain-language explanation beside each chart, evidence in words, and roles too small to show
 * on their own. The words are data (data/explanations.yaml, explain.h).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report_impl.h"

enum { DEFAULT_MIN_GROUP = 3 };

bool pf__report_role_shown(const pf_report_analysis *a, pf_role role)
{
    return pf_scores_by_role(a->scores, role)->stats[0].n >= a->min_group;
}

size_t pf__report_small_roles(const pf_report_analysis *a)
{
    size_t small = 0;
    for (int r = 0; r < PF_ROLE_COUNT; r++) {
        size_t n = pf_scores_by_role(a->scores, (pf_role)r)->stats[0].n;
        small += n > 0 && n < a->min_group;
    }
    return small;
}

/*
 * The scores the charts draw: as the report's, but respondents of roles below min_group count
 * only overall (as respondents without a role do), so no chart shows a small group's mean. The
 * document is copied shallowly, roles aside, and scored with the same options.
 */
static pf_status chart_scores(pf_report_analysis *a, pf_error *err)
{
    a->chart_scores = a->scores;
    if (!pf__report_small_roles(a))
        return PF_OK;
    const pf_doc *doc = a->doc;
    pf_doc copy = *doc;
    pf_assessment *items = pf__calloc(&doc->alloc, doc->assessment_count, sizeof *items);
    pf_assessment **ptrs = pf__calloc(&doc->alloc, doc->assessment_count, sizeof *ptrs);
    pf_status s = items && ptrs ? PF_OK : pf__oom(err);
    for (size_t i = 0; s == PF_OK && i < doc->assessment_count; i++) {
        items[i] = *doc->assessments[i];
        if (items[i].role != PF_ROLE_UNSET && !pf__report_role_shown(a, items[i].role))
            items[i].role = PF_ROLE_UNSET;
        ptrs[i] = &items[i];
    }
    copy.assessments = ptrs;
    if (s == PF_OK) {
        pf_score_options so = *pf_scores_options(a->scores);
        s = pf_doc_score(&copy, &so, &a->chart_scores, NULL, err);
        if (s != PF_OK)
            a->chart_scores = a->scores;
    }
    pf__free(&doc->alloc, ptrs);
    pf__free(&doc->alloc, items);
    return s;
}

pf_status pf__report_board_prepare(pf_report_analysis *a, pf_error *err)
{
    a->min_group = a->opts.min_group ? a->opts.min_group : DEFAULT_MIN_GROUP;
    pf_status s = pf__explanations_open_default(&a->explain, &a->doc->alloc, err);
    if (s != PF_OK)
        return s;
    size_t counts[PF_RELATION_KIND_COUNT];
    for (int k = 0; k < PF_RELATION_KIND_COUNT; k++)
        counts[k] = pf_relations_count_kind(a->relations, (pf_relation_kind)k);
    pf_metric_sources src = { a->scores, a->map, counts };
    if (pf__metrics_collect(&a->doc->alloc, &src, &a->metrics, &a->metric_count) != PF_OK)
        return pf__oom(err);
    return chart_scores(a, err);
}

void pf__report_board_free(pf_report_analysis *a)
{
    if (a->chart_scores != a->scores)
        pf_scores_free(a->chart_scores);
    a->chart_scores = NULL;
    pf__free(&a->doc->alloc, a->metrics);
    a->metrics = NULL;
    pf__explanations_free(a->explain);
    a->explain = NULL;
}

const char *pf__report_explain(const pf_report_analysis *a, const char *key)
{
    return pf__explain_text(a->explain, a->lang, key);
}

void pf__report_floor(const pf_report_analysis *a, char out[56])
{
    pf__format_percent(a->lang, pf_scores_options(a->scores)->completeness_floor * 100, 0, out);
}

bool pf__report_all_left_out(const pf_report_analysis *a)
{
    return !pf_scores_overall(a->scores)->stats[0].n && pf_scores_left_out_count(a->scores) > 0;
}

pf_status pf__report_left_out_all(const pf_report_analysis *a, pf_buf *out)
{
    char n[24], floor[56];
    snprintf(n, sizeof n, "%zu", pf_scores_left_out_count(a->scores));
    pf__report_floor(a, floor);
    return pf__explain_fill(out, pf__report_explain(a, "left_out.all"), "n", n, "floor", floor, (const char *)NULL);
}

pf_status pf__report_explain_n(const pf_report_analysis *a, const char *key, pf_buf *out)
{
    char n[24];
    snprintf(n, sizeof n, "%u", a->min_group);
    return pf__explain_fill(out, pf__report_explain(a, key), "n", n, (const char *)NULL);
}

/* ---- explanations beside the charts ---- */

static const pf_report_explanation explanations[] = {
    { "orientation", { "explain.diamond", NULL }, { "explain.facets", NULL }, "explain.facet.", &pf_facet__names,
      { "explain.strong", NULL } },
    { "roles", { NULL }, { "explain.roles", NULL }, NULL, NULL, { NULL } },
    { "capability", { NULL }, { "explain.capability", "explain.dimensions", NULL }, "explain.dimension.",
      &pf_dimension__names, { NULL } },
    { "map", { "explain.map", NULL }, { "explain.zones", NULL }, "explain.zone.", &pf_zone__names, { NULL } },
    { "targets", { NULL }, { "explain.targets", NULL }, NULL, NULL, { NULL } },
};

const pf_report_explanation *pf__report_explanation(const char *id)
{
    for (size_t i = 0; i < sizeof explanations / sizeof *explanations; i++)
        if (strcmp(explanations[i].id, id) == 0)
            return &explanations[i];
    return NULL;
}

void pf__report_explanation_item(const pf_report_explanation *x, int i, char out[64])
{
    snprintf(out, 64, "%s%s", x->items_prefix, x->items->names[i]);
}

void pf__report_explanations_json(const pf_report_analysis *a, pf_json *j)
{
    pf__json_object_begin(j);
    for (size_t e = 0; e < sizeof explanations / sizeof *explanations; e++) {
        const pf_report_explanation *x = &explanations[e];
        pf__json_key(j, x->id);
        pf__json_array_begin(j);
        const char *const *lists[] = { x->chart, x->lead };
        for (size_t l = 0; l < 2; l++)
            for (const char *const *k = lists[l]; *k; k++)
                pf__json_string(j, pf__report_explain(a, *k));
        for (int i = 0; x->items && i < (int)x->items->count; i++) {
            char key[64];
            pf__report_explanation_item(x, i, key);
            pf__json_string(j, pf__report_explain(a, key));
        }
        for (const char *const *k = x->tail; *k; k++)
            pf__json_string(j, pf__report_explain(a, *k));
        pf__json_array_end(j);
    }
    pf__json_object_end(j);
}

/* ---- evidence in words ---- */

pf_status pf__report_evidence(const pf_report_analysis *a, const pf_recommendation *r, pf_buf *out)
{
    /* A metric written as another's target ("(target 30%)") is not repeated on its own. */
    pf_strmap shown = { NULL, 0, 0, { 0, 0 } };
    char(*targets)[64] = r->evidence_count ? pf__calloc(&a->doc->alloc, r->evidence_count, sizeof *targets) : NULL;
    pf_buf scratch = PF_BUF_INIT;
    scratch.allocator = out->allocator;
    pf_status s = r->evidence_count && !targets ? PF_ENOMEM : PF_OK;
    for (size_t i = 0; s == PF_OK && i < r->evidence_count; i++) {
        const pf_evidence *e = &r->evidence[i];
        s = pf__explain_metric(a->explain, a->lang, e->metric, e->value, e->text, a->metrics, a->metric_count,
                               &scratch, targets[i]);
        if (s == PF_OK && targets[i][0])
            s = pf__strmap_put(&a->doc->alloc, &shown, targets[i], i);
    }
    bool first = true;
    for (size_t i = 0; s == PF_OK && i < r->evidence_count; i++) {
        const pf_evidence *e = &r->evidence[i];
        size_t at;
        if (pf__strmap_get(&shown, e->metric, &at))
            continue;
        char ignored[64];
        if (!first)
            s = pf__buf_puts(out, pf__report_explain(a, "evidence.separator"));
        if (s == PF_OK)
            s = pf__explain_metric(a->explain, a->lang, e->metric, e->value, e->text, a->metrics, a->metric_count,
                                   out, ignored);
        first = false;
    }
    pf_buf_dispose(&scratch);
    pf__strmap_free(&a->doc->alloc, &shown);
    pf__free(&a->doc->alloc, targets);
    return s;
}

/* ---- the summary ---- */

static bool latest_date(const pf_doc *doc, pf_date *out)
{
    bool any = false;
    for (size_t i = 0; i < doc->assessment_count; i++) {
        pf_date d = doc->assessments[i]->date;
        if (pf__date_is_unset(d))
            continue;
        if (!any || pf__date_compare(d, *out) > 0)
            *out = d;
        any = true;
    }
    return any;
}

static double mean_completeness(const pf_scores *sc)
{
    size_t n = pf_scores_count(sc);
    double sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += pf_scores_at(sc, i)->completeness;
    return n ? sum / (double)n : 0;
}

/* The facets by the size of their gap to the target, largest first (ties in facet order). */
static size_t gaps_by_size(const pf_metrics *m, int order[PF_FACET_COUNT])
{
    if (!m->has_targets || !m->has_shares)
        return 0;
    size_t n = 0;
    for (int f = 0; f < PF_FACET_COUNT; f++) {
        /* Half a percentage point rounds to no gap at all. */
        if (fabs(m->gap[f]) < 0.005)
            continue;
        size_t at = n++;
        while (at > 0 && fabs(m->gap[order[at - 1]]) < fabs(m->gap[f])) {
            order[at] = order[at - 1];
            at--;
        }
        order[at] = f;
    }
    return n;
}

/* The three most important recommendations: not strengths, by priority, then in their order. */
static size_t top_recommendations(const pf_advice *adv, size_t out[3])
{
    size_t n = 0;
    for (size_t i = 0; i < pf_advice_count(adv); i++) {
        const pf_recommendation *r = pf_advice_at(adv, i);
        if (r->kind == PF_ADVICE_STRENGTH)
            continue;
        size_t at = n < 3 ? n++ : 3;
        while (at > 0 && pf_advice_at(adv, out[at - 1])->priority > r->priority) {
            if (at < 3)
                out[at] = out[at - 1];
            at--;
        }
        if (at < 3)
            out[at] = i;
    }
    return n;
}

static pf_buf *line(const pf_report_analysis *a, pf_report_summary *s, const char *key)
{
    pf_report_line *l = &s->lines[s->line_count++];
    l->label = pf__report_explain(a, key);
    l->value.allocator = a->doc->alloc;
    return &l->value;
}

pf_status pf__report_summary(const pf_report_analysis *a, pf_report_summary *s)
{
    memset(s, 0, sizeof *s);
    const pf_doc *doc = a->doc;
    pf__lang lang = a->lang;
    pf_status st = PF_OK;
    if (doc->org.name)
        st = pf__buf_puts(line(a, s, "summary.organisation"), doc->org.name);
    pf_date latest;
    char date[11];
    pf_buf *b = line(a, s, "summary.date");
    if (st == PF_OK && latest_date(doc, &latest)) {
        pf__format_date(latest, date);
        st = pf__explain_fill(b, pf__report_explain(a, "summary.date.value"), "date", date, (const char *)NULL);
    } else if (st == PF_OK) {
        st = pf__buf_puts(b, pf__report_explain(a, "summary.date.none"));
    }
    size_t n = pf_scores_count(a->scores);
    b = line(a, s, "summary.respondents");
    if (st == PF_OK && n) {
        char count[24], pct[56];
        snprintf(count, sizeof count, "%zu", n);
        pf__format_percent(lang, mean_completeness(a->scores) * 100, 0, pct);
        size_t left = pf_scores_left_out_count(a->scores);
        char left_out[24], floor[56];
        snprintf(left_out, sizeof left_out, "%zu", left);
        pf__report_floor(a, floor);
        st = pf__explain_fill(b, pf__report_explain(a, left ? "summary.respondents.left_out" : "summary.respondents.value"),
                              "n", count, "left_out", left_out, "floor", floor, "completeness", pct,
                              (const char *)NULL);
    } else if (st == PF_OK) {
        st = pf__buf_puts(b, pf__report_explain(a, "summary.respondents.none"));
    }
    const pf_group *g = pf_scores_overall(a->scores);
    if (st == PF_OK && g->stats[0].n) {
        st = pf__explain_tendency(a->explain, lang, g->tendency, line(a, s, "summary.tendency"));
        char score[48], level[64];
        pf__format_decimal(lang, g->stats[PF_GROUP_CAPABILITY].mean, 1, score);
        pf__lower_first(pf__label_level(lang, g->capability_level), level, sizeof level);
        if (st == PF_OK)
            st = pf__explain_fill(line(a, s, "summary.capability"), pf__report_explain(a, "summary.capability.value"),
                                  "level", level, "score", score,
                                  (const char *)NULL);
    }
    const pf_metrics *m = pf_map_metrics(a->map);
    int order[PF_FACET_COUNT];
    s->gap_count = gaps_by_size(m, order);
    s->gaps_title = pf__report_explain(a, "summary.gaps");
    if (s->gap_count > 2)
        s->gap_count = 2;
    for (size_t i = 0; st == PF_OK && i < s->gap_count; i++) {
        int f = order[i];
        char share[56], target[56];
        pf__format_percent(lang, m->share[f] * 100, 0, share);
        pf__format_percent(lang, m->target[f] * 100, 0, target);
        s->gaps[i].allocator = doc->alloc;
        st = pf__explain_fill(&s->gaps[i], pf__report_explain(a, "summary.gap.value"), "facet",
                              pf__label_facet(lang, (pf_facet)f), "share", share, "target", target,
                              (const char *)NULL);
    }
    if (!s->gap_count)
        s->gaps_none = !m->has_targets ? pf__report_explain(a, "summary.gaps.none")
                       : !m->has_shares ? pf__label(lang, "chart.no_shares")
                                        : pf__label(lang, "report.none");
    s->recs_title = pf__report_explain(a, "summary.recommendations");
    s->rec_count = top_recommendations(a->advice, s->recs);
    if (st != PF_OK)
        pf__report_summary_dispose(s);
    return st;
}

void pf__report_summary_dispose(pf_report_summary *s)
{
    for (size_t i = 0; i < s->line_count; i++)
        pf_buf_dispose(&s->lines[i].value);
    for (size_t i = 0; i < PF_FACET_COUNT; i++)
        pf_buf_dispose(&s->gaps[i]);
    memset(s, 0, sizeof *s);
}

void pf__report_summary_json(const pf_report_analysis *a, pf_json *j)
{
    const pf_doc *doc = a->doc;
    const pf_group *g = pf_scores_overall(a->scores);
    const pf_metrics *m = pf_map_metrics(a->map);
    pf__json_object_begin(j);
    pf__json_key(j, "answers_date");
    pf_date latest;
    char date[11];
    if (latest_date(doc, &latest)) {
        pf__format_date(latest, date);
        pf__json_string(j, date);
    } else {
        pf__json_null(j);
    }
    pf__json_key(j, "respondents");
    pf__json_integer(j, (long long)pf_scores_count(a->scores));
    pf__json_key(j, "left_out");
    pf__json_integer(j, (long long)pf_scores_left_out_count(a->scores));
    pf__json_key(j, "completeness_floor");
    pf__json_number(j, pf_scores_options(a->scores)->completeness_floor);
    pf__json_key(j, "include_incomplete");
    pf__json_bool(j, pf_scores_options(a->scores)->include_incomplete);
    pf__json_key(j, "completeness");
    if (pf_scores_count(a->scores))
        pf__json_number(j, mean_completeness(a->scores));
    else
        pf__json_null(j);
    pf__json_key(j, "tendency");
    pf__json_string(j, g->stats[0].n ? pf_tendency_name(g->tendency) : NULL);
    pf__json_key(j, "capability");
    if (g->stats[0].n) {
        pf__json_object_begin(j);
        pf__json_key(j, "score");
        pf__json_number(j, g->stats[PF_GROUP_CAPABILITY].mean);
        pf__json_key(j, "level");
        pf__json_string(j, pf_level_name(g->capability_level));
        pf__json_object_end(j);
    } else {
        pf__json_null(j);
    }
    int order[PF_FACET_COUNT];
    size_t gaps = gaps_by_size(m, order);
    pf__json_key(j, "gaps");
    pf__json_array_begin(j);
    for (size_t i = 0; i < gaps && i < 2; i++) {
        int f = order[i];
        pf__json_object_begin(j);
        pf__json_key(j, "facet");
        pf__json_string(j, pf_facet_name((pf_facet)f));
        pf__json_key(j, "share");
        pf__json_number(j, m->share[f]);
        pf__json_key(j, "target");
        pf__json_number(j, m->target[f]);
        pf__json_key(j, "gap");
        pf__json_number(j, m->gap[f]);
        pf__json_object_end(j);
    }
    pf__json_array_end(j);
    size_t top[3];
    size_t tops = top_recommendations(a->advice, top);
    pf__json_key(j, "recommendations");
    pf__json_array_begin(j);
    for (size_t i = 0; i < tops; i++) {
        const pf_recommendation *r = pf_advice_at(a->advice, top[i]);
        pf__json_object_begin(j);
        pf__json_key(j, "rule");
        pf__json_string(j, r->rule);
        pf__json_key(j, "kind");
        pf__json_string(j, pf_advice_kind_name(r->kind));
        pf__json_key(j, "priority");
        pf__json_integer(j, r->priority);
        pf__json_key(j, "message");
        pf__json_string(j, r->message);
        pf__json_object_end(j);
    }
    pf__json_array_end(j);
    pf__json_key(j, "min_group");
    pf__json_integer(j, a->min_group);
    pf__json_key(j, "small_roles");
    pf__json_array_begin(j);
    for (int r = 0; r < PF_ROLE_COUNT; r++) {
        size_t n = pf_scores_by_role(a->scores, (pf_role)r)->stats[0].n;
        if (n > 0 && n < a->min_group)
            pf__json_string(j, pf_role_name((pf_role)r));
    }
    pf__json_array_end(j);
    /* The same in words, in the report's language, for a pipeline that shows it. */
    pf__json_key(j, "lines");
    pf__json_array_begin(j);
    pf_report_summary s;
    if (pf__report_summary(a, &s) != PF_OK) {
        j->status = PF_ENOMEM;
    } else {
        for (size_t i = 0; i < s.line_count; i++) {
            pf__json_object_begin(j);
            pf__json_key(j, "label");
            pf__json_string(j, s.lines[i].label);
            pf__json_key(j, "value");
            pf__json_string(j, s.lines[i].value.data ? s.lines[i].value.data : "");
            pf__json_object_end(j);
        }
        pf__report_summary_dispose(&s);
    }
    pf__json_array_end(j);
    pf__json_object_end(j);
}
