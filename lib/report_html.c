/*
 * Reports as one self-contained HTML page: inline CSS, inline SVG charts, no
 * script and nothing fetched. Every chart is followed by a table of its data;
 * the page prints on A4. Every user string is escaped.
 */
#include <stdio.h>
#include <string.h>

#include "report_impl.h"
#include "xml.h"

typedef struct page {
    pf_buf *b;
    const pf_report_analysis *a;
    bool failed;
} page;

/* The page never looks back at what it wrote, so a streamed report is handed over whenever a chunk is full. */
static void put(page *p, const char *s)
{
    if (!p->failed && (pf__buf_puts(p->b, s) != PF_OK || pf__stream_drain(p->a->stream, p->b, 0) != PF_OK))
        p->failed = true;
}

static void esc(page *p, const char *s)
{
    if (!p->failed && s && (pf__xml_escape(p->b, s) != PF_OK || pf__stream_drain(p->a->stream, p->b, 0) != PF_OK))
        p->failed = true;
}

static const char *L(const page *p, const char *key)
{
    return pf__label(p->a->lang, key);
}

static void cell(page *p, const char *tag, const char *cls, const char *s)
{
    put(p, "<");
    put(p, tag);
    if (cls) {
        put(p, " class=\"");
        put(p, cls);
        put(p, "\"");
    }
    put(p, ">");
    esc(p, s);
    put(p, "</");
    put(p, tag);
    put(p, ">");
}

/* A chart from one of the chart functions, in a figure. */
static void figure(page *p, pf_status (*draw)(const void *data, const pf_chart_options *o, pf_buf *out),
                   const void *data)
{
    pf_chart_options o = PF_CHART_OPTIONS_INIT;
    o.lang = p->a->opts.lang;
    pf_buf svg = PF_BUF_INIT;
    if (draw(data, &o, &svg) != PF_OK) {
        p->failed = true;
        return;
    }
    put(p, "<figure>\n");
    put(p, svg.data);
    put(p, "\n</figure>\n");
    pf_buf_dispose(&svg);
}

/* A text of the explanations with {n} filled, escaped, in a paragraph. */
static void para_n(page *p, const char *key)
{
    pf_buf t = PF_BUF_INIT;
    t.allocator = p->b->allocator;
    if (pf__report_explain_n(p->a, key, &t) != PF_OK) {
        p->failed = true;
    } else {
        put(p, "<p>");
        esc(p, t.data);
        put(p, "</p>\n");
    }
    pf_buf_dispose(&t);
}

/* The plain-language explanation of a chart (report_board.c), beside it. */
static void explanation(page *p, const char *id, bool small_note)
{
    const pf_report_explanation *x = pf__report_explanation(id);
    if (!x)
        return;
    put(p, "<aside class=\"explain\" aria-label=\"");
    esc(p, pf__report_explain(p->a, "explain.title"));
    put(p, "\">\n<h3>");
    esc(p, pf__report_explain(p->a, "explain.title"));
    put(p, "</h3>\n");
    const char *const *blocks[] = { x->chart, x->lead };
    for (size_t b = 0; b < 2; b++) {
        for (const char *const *k = blocks[b]; *k; k++) {
            put(p, "<p>");
            esc(p, pf__report_explain(p->a, *k));
            put(p, "</p>\n");
        }
    }
    if (x->items) {
        put(p, "<ul>\n");
        for (int i = 0; i < (int)x->items->count; i++) {
            char key[64];
            pf__report_explanation_item(x, i, key);
            put(p, "<li>");
            esc(p, pf__report_explain(p->a, key));
            put(p, "</li>\n");
        }
        put(p, "</ul>\n");
    }
    for (const char *const *k = x->tail; *k; k++) {
        put(p, "<p>");
        esc(p, pf__report_explain(p->a, *k));
        put(p, "</p>\n");
    }
    if (small_note)
        para_n(p, "group.small.note");
    put(p, "</aside>\n");
}

/* A chart with its explanation beside it (below it on narrow screens and paper). */
static void figure_explained(page *p, pf_status (*draw)(const void *data, const pf_chart_options *o, pf_buf *out),
                             const void *data, const char *id, bool small_note)
{
    put(p, "<div class=\"chart\">\n");
    figure(p, draw, data);
    explanation(p, id, small_note);
    put(p, "</div>\n");
}

static pf_status draw_diamond(const void *d, const pf_chart_options *o, pf_buf *out)
{
    return pf_chart_diamond(d, o, out, NULL);
}

static pf_status draw_capability(const void *d, const pf_chart_options *o, pf_buf *out)
{
    return pf_chart_capability(d, o, out, NULL);
}

static pf_status draw_roles(const void *d, const pf_chart_options *o, pf_buf *out)
{
    return pf_chart_roles(d, o, out, NULL);
}

static pf_status draw_targets(const void *d, const pf_chart_options *o, pf_buf *out)
{
    return pf_chart_targets(d, o, out, NULL);
}

typedef struct map_args {
    const pf_map *map;
    const pf_doc *doc;
} map_args;

static pf_status draw_map(const void *d, const pf_chart_options *o, pf_buf *out)
{
    const map_args *m = d;
    return pf_chart_map(m->map, m->doc, o, out, NULL);
}

static void table_caption(page *p, const char *title)
{
    put(p, "<table>\n<caption>");
    esc(p, L(p, "report.table_of"));
    esc(p, L(p, "report.colon"));
    esc(p, title);
    put(p, "</caption>\n");
}

static void number(const page *p, double v, int decimals, char out[48])
{
    pf__format_decimal(p->a->lang, v, decimals, out);
}

/* The summary a board reads first. */
static void section_summary(page *p)
{
    pf_report_summary s;
    if (pf__report_summary(p->a, &s) != PF_OK) {
        p->failed = true;
        return;
    }
    put(p, "<section id=\"summary\">\n<h2>");
    esc(p, pf__report_explain(p->a, "summary.title"));
    put(p, "</h2>\n<dl class=\"summary\">\n");
    for (size_t i = 0; i < s.line_count; i++) {
        cell(p, "dt", NULL, s.lines[i].label);
        cell(p, "dd", NULL, s.lines[i].value.data);
        put(p, "\n");
    }
    cell(p, "dt", NULL, s.gaps_title);
    if (!s.gap_count) {
        cell(p, "dd", NULL, s.gaps_none);
    } else {
        put(p, "<dd><ul>");
        for (size_t i = 0; i < s.gap_count; i++)
            cell(p, "li", NULL, s.gaps[i].data);
        put(p, "</ul></dd>");
    }
    put(p, "\n</dl>\n<h3>");
    esc(p, s.recs_title);
    put(p, "</h3>\n");
    if (!s.rec_count) {
        cell(p, "p", NULL, pf__report_explain(p->a, "summary.recommendations.none"));
        put(p, "\n");
    } else {
        put(p, "<ol class=\"top\">\n");
        for (size_t i = 0; i < s.rec_count; i++) {
            cell(p, "li", NULL, pf_advice_at(p->a->advice, s.recs[i])->message);
            put(p, "\n");
        }
        put(p, "</ol>\n");
    }
    put(p, "</section>\n");
    pf__report_summary_dispose(&s);
}

/* Each respondent's row on request (--respondents), else a note that they are left out. */
static void respondents_part(page *p)
{
    if (!p->a->opts.anonymous && !p->a->opts.respondents) {
        put(p, "<p class=\"meta\">");
        esc(p, pf__report_explain(p->a, "respondents.hidden"));
        put(p, "</p>\n");
    } else if (!p->a->opts.anonymous) {
        table_caption(p, L(p, "report.respondents"));
        put(p, "<thead><tr>");
        cell(p, "th", NULL, L(p, "report.respondent"));
        cell(p, "th", NULL, L(p, "report.role"));
        for (int f = 0; f < PF_FACET_COUNT; f++)
            cell(p, "th", "num", pf__label_facet(p->a->lang, (pf_facet)f));
        cell(p, "th", "num", L(p, "chart.capability.score"));
        cell(p, "th", "num", pf__report_explain(p->a, "respondent.answered"));
        put(p, "</tr></thead>\n<tbody>\n");
        for (size_t i = 0; i < pf_scores_count(p->a->scores); i++) {
            const pf_assessment_score *s = pf_scores_at(p->a->scores, i);
            char v[48];
            put(p, "<tr>");
            cell(p, "th", NULL, s->respondent);
            cell(p, "td", NULL, s->role == PF_ROLE_UNSET ? "" : pf__label_role(p->a->lang, s->role));
            for (int f = 0; f < PF_FACET_COUNT; f++) {
                number(p, s->orientation.pct[f], 1, v);
                cell(p, "td", "num", v);
            }
            number(p, s->capability.score, 1, v);
            cell(p, "td", "num", v);
            char answered[56];
            pf__format_percent(p->a->lang, s->completeness * 100, 0, answered);
            cell(p, "td", "num", answered);
            put(p, "</tr>\n");
        }
        put(p, "</tbody>\n</table>\n");
    }
}

/* Why a section has no mean: every respondent is under the completeness floor, or there is none. */
static void left_out_or_none(page *p)
{
    put(p, "<p>");
    if (!pf__report_all_left_out(p->a)) {
        esc(p, L(p, "chart.no_respondents"));
    } else {
        pf_buf why = PF_BUF_INIT;
        why.allocator = p->b->allocator;
        if (pf__report_left_out_all(p->a, &why) != PF_OK)
            p->failed = true;
        else
            esc(p, why.data);
        pf_buf_dispose(&why);
    }
    put(p, "</p>\n");
}

static void section_orientation(page *p)
{
    const pf_group *g = pf_scores_overall(p->a->scores);
    const char *title = L(p, "chart.diamond.title");
    put(p, "<section id=\"orientation\">\n<h2>");
    esc(p, title);
    put(p, "</h2>\n");
    if (!g->stats[0].n) {
        left_out_or_none(p);
        if (pf__report_all_left_out(p->a))
            respondents_part(p);
        put(p, "</section>\n");
        return;
    }
    char intro[160];
    snprintf(intro, sizeof intro, "%zu %s, %s.", g->stats[0].n,
             L(p, g->stats[0].n == 1 ? "report.respondents.one" : "report.respondents"),
             L(p, pf__score_mode_label(pf_scores_options(p->a->scores)->mode)));
    put(p, "<p>");
    esc(p, intro);
    put(p, "</p>\n");
    figure_explained(p, draw_diamond, p->a->chart_scores, "orientation", false);
    table_caption(p, title);
    put(p, "<thead><tr>");
    cell(p, "th", NULL, L(p, "report.facet"));
    cell(p, "th", "num", L(p, "report.mean"));
    cell(p, "th", NULL, L(p, "chart.level"));
    put(p, "</tr></thead>\n<tbody>\n");
    for (int f = 0; f < PF_FACET_COUNT; f++) {
        char v[48];
        number(p, g->stats[f].mean, 1, v);
        put(p, "<tr>");
        cell(p, "th", NULL, pf__label_facet(p->a->lang, (pf_facet)f));
        cell(p, "td", "num", v);
        cell(p, "td", NULL, L(p, g->tendency >> f & 1 ? "report.strong" : "report.weak"));
        put(p, "</tr>\n");
    }
    put(p, "</tbody>\n</table>\n");
    bool several = false;
    for (int r = 0, seen = 0; r < PF_ROLE_COUNT; r++)
        several = several || (pf_scores_by_role(p->a->scores, (pf_role)r)->stats[0].n && seen++);
    if (several) {
        put(p, "<h3>");
        esc(p, L(p, "chart.by_role"));
        put(p, "</h3>\n");
        int shown = 0;
        for (int r = 0; r < PF_ROLE_COUNT; r++)
            shown += pf__report_role_shown(p->a, (pf_role)r);
        /* The chart draws only roles large enough to show; with fewer than two, the table says it all. */
        if (shown >= 2)
            figure_explained(p, draw_roles, p->a->chart_scores, "roles", pf__report_small_roles(p->a) > 0);
        else
            explanation(p, "roles", pf__report_small_roles(p->a) > 0);
        table_caption(p, L(p, "chart.by_role"));
        put(p, "<thead><tr>");
        cell(p, "th", NULL, L(p, "report.role"));
        for (int f = 0; f < PF_FACET_COUNT; f++)
            cell(p, "th", "num", pf__label_facet(p->a->lang, (pf_facet)f));
        cell(p, "th", "num", L(p, "chart.capability.score"));
        put(p, "</tr></thead>\n<tbody>\n");
        for (int r = 0; r < PF_ROLE_COUNT; r++) {
            const pf_group *rg = pf_scores_by_role(p->a->scores, (pf_role)r);
            if (!rg->stats[0].n)
                continue;
            if (!pf__report_role_shown(p->a, (pf_role)r)) {
                /* Too few to show a mean without singling someone out: the count is not shown either. */
                pf_buf note = PF_BUF_INIT;
                note.allocator = p->b->allocator;
                if (pf__report_explain_n(p->a, "group.small", &note) != PF_OK)
                    p->failed = true;
                put(p, "<tr>");
                cell(p, "th", NULL, pf__label_role(p->a->lang, (pf_role)r));
                put(p, "<td colspan=\"5\" class=\"small\">");
                esc(p, note.data);
                put(p, "</td></tr>\n");
                pf_buf_dispose(&note);
                continue;
            }
            char label[96];
            snprintf(label, sizeof label, "%s (%zu)", pf__label_role(p->a->lang, (pf_role)r), rg->stats[0].n);
            put(p, "<tr>");
            cell(p, "th", NULL, label);
            for (int m = 0; m <= PF_GROUP_CAPABILITY; m++) {
                char v[48];
                number(p, rg->stats[m].mean, 1, v);
                cell(p, "td", "num", v);
            }
            put(p, "</tr>\n");
        }
        put(p, "</tbody>\n</table>\n");
    }
    respondents_part(p);
    put(p, "</section>\n");
}

static void section_capability(page *p)
{
    const pf_group *g = pf_scores_overall(p->a->scores);
    if (!g->stats[0].n && !pf__report_all_left_out(p->a))
        return;
    const char *title = L(p, "chart.capability.title");
    put(p, "<section id=\"capability\">\n<h2>");
    esc(p, title);
    put(p, "</h2>\n");
    if (!g->stats[0].n) {
        left_out_or_none(p);
        put(p, "</section>\n");
        return;
    }
    figure_explained(p, draw_capability, p->a->scores, "capability", false);
    table_caption(p, title);
    put(p, "<thead><tr>");
    cell(p, "th", NULL, L(p, "report.dimension"));
    cell(p, "th", "num", "%");
    cell(p, "th", NULL, L(p, "chart.level"));
    put(p, "</tr></thead>\n<tbody>\n<tr>");
    char v[48];
    number(p, g->stats[PF_GROUP_CAPABILITY].mean, 1, v);
    cell(p, "th", NULL, L(p, "chart.capability.score"));
    cell(p, "td", "num", v);
    cell(p, "td", NULL, pf__label_level(p->a->lang, g->capability_level));
    put(p, "</tr>\n");
    for (int d = 0; d < PF_DIMENSION_COUNT; d++) {
        double pct = g->stats[PF_GROUP_SENSE_MAKING + d].mean;
        number(p, pct, 1, v);
        put(p, "<tr>");
        cell(p, "th", NULL, pf__label_dimension(p->a->lang, (pf_dimension)d));
        cell(p, "td", "num", v);
        cell(p, "td", NULL, pf__label_level(p->a->lang, g->dimension_level[d]));
        put(p, "</tr>\n");
    }
    put(p, "</tbody>\n</table>\n</section>\n");
}

static void section_map(page *p)
{
    const pf_metrics *m = pf_map_metrics(p->a->map);
    const char *title = L(p, "chart.map.title");
    put(p, "<section id=\"map\">\n<h2>");
    esc(p, title);
    put(p, "</h2>\n");
    map_args args = { p->a->map, p->a->doc };
    figure_explained(p, draw_map, &args, "map", false);
    table_caption(p, title);
    put(p, "<thead><tr>");
    cell(p, "th", NULL, L(p, "report.project"));
    cell(p, "th", NULL, L(p, "report.title_col"));
    cell(p, "th", NULL, L(p, "report.zone"));
    cell(p, "th", NULL, L(p, "chart.priority"));
    cell(p, "th", NULL, L(p, "report.stage"));
    put(p, "</tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < pf_map_count(p->a->map); i++) {
        const pf_project *pr = p->a->doc->projects[i];
        const pf_placement *pl = pf_map_at(p->a->map, i);
        put(p, "<tr>");
        cell(p, "th", NULL, pr->id);
        cell(p, "td", NULL, pr->title);
        cell(p, "td", NULL, pl->placed ? pf__label_zone(p->a->lang, pl->zone) : L(p, "chart.not_placed.one"));
        cell(p, "td", NULL, pr->priority == PF_PRIORITY_UNSET ? "" : pf__label_priority(p->a->lang, pr->priority));
        cell(p, "td", NULL, pr->stage == PF_STAGE_UNSET ? "" : pf__label_stage(p->a->lang, pr->stage));
        put(p, "</tr>\n");
    }
    put(p, "</tbody>\n</table>\n");
    if (m->has_shares) {
        const char *shares = L(p, "report.shares");
        put(p, "<h3>");
        esc(p, shares);
        put(p, "</h3>\n");
        figure_explained(p, draw_targets, p->a->map, "targets", false);
        table_caption(p, shares);
        put(p, "<thead><tr>");
        cell(p, "th", NULL, L(p, "report.facet"));
        cell(p, "th", "num", L(p, "report.share"));
        if (m->has_targets) {
            cell(p, "th", "num", L(p, "report.target"));
            cell(p, "th", "num", L(p, "chart.gap"));
        }
        put(p, "</tr></thead>\n<tbody>\n");
        for (int f = 0; f < PF_FACET_COUNT; f++) {
            char v[56];
            put(p, "<tr>");
            cell(p, "th", NULL, pf__label_facet(p->a->lang, (pf_facet)f));
            pf__format_percent(p->a->lang, m->share[f] * 100, 1, v);
            cell(p, "td", "num", v);
            if (m->has_targets) {
                pf__format_percent(p->a->lang, m->target[f] * 100, 1, v);
                cell(p, "td", "num", v);
                pf__format_percent(p->a->lang, m->gap[f] * 100, 1, v);
                cell(p, "td", "num", v);
            }
            put(p, "</tr>\n");
        }
        put(p, "</tbody>\n</table>\n");
    }
    put(p, "</section>\n");
}

static void section_advice(page *p)
{
    static const char *const kinds[] = { "report.kind.strength", "report.kind.action", "report.kind.warning",
                                         "report.kind.info" };
    static const char *const classes[] = { "strength", "action", "warning", "info" };
    const pf_advice *adv = p->a->advice;
    put(p, "<section id=\"recommendations\">\n<h2>");
    esc(p, L(p, "report.recommendations"));
    put(p, "</h2>\n");
    for (int k = 0; k < PF_ADVICE_KIND_COUNT; k++) {
        bool any = false;
        for (size_t i = 0; i < pf_advice_count(adv); i++) {
            const pf_recommendation *r = pf_advice_at(adv, i);
            if ((int)r->kind != k)
                continue;
            if (!any) {
                put(p, "<h3>");
                esc(p, L(p, kinds[k]));
                put(p, "</h3>\n<ul class=\"advice\">\n");
            }
            any = true;
            put(p, "<li class=\"");
            put(p, classes[k]);
            put(p, "\"><p>");
            esc(p, r->message);
            put(p, "</p><p class=\"evidence\">");
            esc(p, L(p, "report.evidence"));
            esc(p, L(p, "report.colon"));
            pf_buf ev = PF_BUF_INIT;
            ev.allocator = p->b->allocator;
            if (pf__report_evidence(p->a, r, &ev) != PF_OK)
                p->failed = true;
            else
                esc(p, ev.data ? ev.data : "");
            pf_buf_dispose(&ev);
            put(p, " · ");
            esc(p, r->rule);
            put(p, "</p></li>\n");
        }
        if (any)
            put(p, "</ul>\n");
    }
    if (!pf_advice_count(adv)) {
        put(p, "<p>");
        esc(p, L(p, "report.none"));
        put(p, "</p>\n");
    }
    put(p, "</section>\n");
}

static void section_relations(page *p)
{
    static const char *const kinds[] = { "report.relation.synergy", "report.relation.tension",
                                         "report.relation.duplicate", "report.relation.handover" };
    const pf_relations *rel = p->a->relations;
    put(p, "<section id=\"relations\">\n<h2>");
    esc(p, L(p, "report.relations"));
    put(p, "</h2>\n");
    bool any = false;
    for (int k = 0; k < PF_RELATION_KIND_COUNT; k++) {
        size_t total = pf_relations_count_kind(rel, (pf_relation_kind)k);
        if (!total)
            continue;
        any = true;
        char head[96];
        snprintf(head, sizeof head, "%s (%zu)", L(p, kinds[k]), total);
        table_caption(p, head);
        put(p, "<thead><tr>");
        cell(p, "th", NULL, L(p, "report.project"));
        cell(p, "th", NULL, L(p, "report.project"));
        cell(p, "th", "num", L(p, "report.similarity"));
        cell(p, "th", NULL, L(p, "report.shared"));
        put(p, "</tr></thead>\n<tbody>\n");
        for (size_t i = 0; i < pf_relations_count(rel); i++) {
            pf_relation view;
            const pf_relation *r = &view;
            pf__relation_view(rel, i, &view);
            if ((int)r->kind != k)
                continue;
            char sim[48];
            number(p, r->similarity, 2, sim);
            put(p, "<tr>");
            cell(p, "td", NULL, r->a);
            cell(p, "td", NULL, r->b);
            cell(p, "td", "num", sim);
            put(p, "<td>");
            for (size_t t = 0; t < r->shared_tag_count + r->shared_partner_count; t++) {
                if (t)
                    put(p, ", ");
                esc(p, t < r->shared_tag_count ? r->shared_tags[t] : r->shared_partners[t - r->shared_tag_count]);
            }
            put(p, "</td></tr>\n");
        }
        put(p, "</tbody>\n</table>\n");
    }
    if (!any) {
        put(p, "<p>");
        esc(p, L(p, "report.none"));
        put(p, "</p>\n");
    }
    put(p, "</section>\n");
}

/* Okabe-Ito accents; body text #1a1a1a on white passes WCAG AAA. */
static const char style[] =
    "<style>\n"
    "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans',sans-serif;color:#1a1a1a;"
    "background:#fff;max-width:62rem;margin:2rem auto;padding:0 1rem;line-height:1.5}\n"
    "h1{font-size:1.7rem;margin-bottom:.2rem}h2{font-size:1.3rem;border-bottom:2px solid #0072B2;"
    "padding-bottom:.2rem;margin-top:2.2rem}h3{font-size:1.05rem}\n"
    "figure{margin:1rem 0}figure svg{width:100%;height:auto;max-width:48rem}\n"
    ".chart{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:1.5rem;align-items:start}\n"
    "aside.explain{font-size:.9rem;background:#f4f8fb;border-left:4px solid #0072B2;padding:.4rem .9rem;margin:1rem 0}\n"
    "aside.explain h3{font-size:.95rem;margin:.3rem 0}aside.explain p,aside.explain ul{margin:.4rem 0}"
    "aside.explain ul{padding-left:1.1rem}\n"
    "#summary{background:#f7f7f7;border:1px solid #d0d0d0;padding:.2rem 1.2rem 1rem}#summary h2{margin-top:1rem}\n"
    "dl.summary{display:grid;grid-template-columns:max-content 1fr;gap:.35rem 1.2rem;margin:.8rem 0}\n"
    "dl.summary dt{font-weight:600}dl.summary dd{margin:0}dl.summary ul{margin:0;padding-left:1.1rem}\n"
    "ol.top li{margin:.35rem 0}td.small{color:#444;font-style:italic}\n"
    "@media (max-width:50rem){.chart{display:block}dl.summary{display:block}dl.summary dd{margin:0 0 .5rem}}\n"
    "table{border-collapse:collapse;width:100%;margin:.8rem 0 1.2rem;font-size:.92rem}\n"
    "caption{text-align:left;font-weight:600;padding:.3rem 0;color:#444}\n"
    "th,td{border-bottom:1px solid #d0d0d0;padding:.3rem .5rem;text-align:left;vertical-align:top}\n"
    "thead th{border-bottom:2px solid #555}.num{text-align:right;font-variant-numeric:tabular-nums}\n"
    "ul.advice{list-style:none;padding:0}ul.advice li{border-left:5px solid #999;padding:.2rem .8rem;"
    "margin:.6rem 0;background:#f7f7f7}\n"
    "li.strength{border-color:#009E73!important}li.action{border-color:#0072B2!important}"
    "li.warning{border-color:#D55E00!important}li.info{border-color:#56B4E9!important}\n"
    "ul.advice p{margin:.3rem 0}p.evidence{font-size:.8rem;color:#555}code{font-size:.8rem}\n"
    ".meta{color:#444}footer{margin-top:3rem;font-size:.8rem;color:#555}\n"
    "@media print{@page{size:A4;margin:14mm 14mm 16mm;@bottom-center{content:counter(page) \" / \" counter(pages);"
    "font-family:system-ui,'Noto Sans',sans-serif;font-size:8pt;color:#555}}"
    "body{max-width:none;margin:0;font-size:10.5pt}"
    "section{break-inside:auto}figure,table,li,aside{break-inside:avoid}h2,h3{break-after:avoid}"
    ".chart{display:block}#summary{break-inside:avoid}}\n"
    "</style>\n";

pf_status pf__report_html(const pf_report_analysis *a, pf_buf *b)
{
    page p = { b, a, false };
    const pf_doc *doc = a->doc;
    put(&p, "<!DOCTYPE html>\n<html lang=\"");
    put(&p, a->opts.lang);
    put(&p, "\">\n<head>\n<meta charset=\"utf-8\">\n"
             "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
    esc(&p, L(&p, "report.title"));
    if (doc->org.name) {
        esc(&p, L(&p, "report.colon"));
        esc(&p, doc->org.name);
    }
    put(&p, "</title>\n");
    put(&p, style);
    put(&p, "</head>\n<body>\n<header>\n<h1>");
    esc(&p, L(&p, "report.title"));
    if (doc->org.name) {
        esc(&p, L(&p, "report.colon"));
        esc(&p, doc->org.name);
    }
    put(&p, "</h1>\n<p class=\"meta\">");
    bool sep = false;
    if (doc->org.country[0]) {
        esc(&p, doc->org.country);
        sep = true;
    }
    if (doc->org.level != PF_GOV_LEVEL_UNSET) {
        put(&p, sep ? " · " : "");
        esc(&p, pf_gov_level_name(doc->org.level));
        sep = true;
    }
    if (doc->org.people) {
        char people[64];
        snprintf(people, sizeof people, "%lld %s", (long long)doc->org.people, L(&p, "report.people"));
        put(&p, sep ? " · " : "");
        esc(&p, people);
        sep = true;
    }
    put(&p, sep ? " · " : "");
    esc(&p, L(&p, "report.instrument"));
    put(&p, " ");
    esc(&p, pf_doc_instrument_id(doc));
    put(&p, "</p>\n");
    if (a->opts.anonymous) {
        put(&p, "<p class=\"meta\">");
        esc(&p, L(&p, "report.anonymous"));
        put(&p, "</p>\n");
    }
    put(&p, "</header>\n<main>\n");
    section_summary(&p);
    section_orientation(&p);
    section_capability(&p);
    section_map(&p);
    section_advice(&p);
    section_relations(&p);
    if (a->since && !p.failed && pf__report_since_html(a, b) != PF_OK)
        p.failed = true;
    put(&p, "</main>\n<footer>");
    esc(&p, L(&p, "report.generated"));
    put(&p, " " PF_VERSION_STRING "</footer>\n</body>\n</html>\n");
    return p.failed ? PF_ENOMEM : PF_OK;
}
