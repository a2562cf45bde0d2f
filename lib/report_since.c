/*
 * The report's section on the change since an earlier document
 * (pf_report_options::since): headline metrics before and after with their
 * change in words, both diamonds, and the projects added, removed or moved to
 * another zone, in every format. Everything comes from the comparison
 * (compare.c); nothing is recomputed here.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "chart_compare.h"
#include "json.h"
#include "report_impl.h"
#include "xml.h"

pf_status pf__report_since_compare(const pf_doc *old_doc, const pf_doc *new_doc, const pf_score_options *so,
                                   const pf_map_options *mo, pf_comparison **out, pf_error *err)
{
    /* Compared anyway, then refused here, so that the message suits a report (which has no option to allow it). */
    pf_compare_options co = PF_COMPARE_OPTIONS_INIT;
    co.allow_different_instruments = true;
    pf_error e;
    pf_status s = pf_doc_compare_with(old_doc, new_doc, so, mo, &co, out, &e);
    if (s == PF_ENOMEM)
        return pf__oom(err);
    if (s != PF_OK)
        return pf__fail(err, s, "since: %s", e.message);
    if (pf_comparison_instruments_differ(*out)) {
        char a[64], b[64];
        pf__quote(pf_comparison_old_instrument(*out), a);
        pf__quote(pf_comparison_new_instrument(*out), b);
        pf_comparison_free(*out);
        *out = NULL;
        return pf__fail(err, PF_EINVALID,
                        "since: the earlier document's assessments answer another instrument (%s) than this one's "
                        "(%s): their scores do not compare",
                        a, b);
    }
    return PF_OK;
}

/* ---- the headline metrics ---- */

typedef enum value_kind {
    V_COUNT,    /* whole number: "up 2" */
    V_PCT,      /* pct 0..100, 1 decimal: "up 4.0 points" */
    V_FRACTION, /* fraction 0..1 shown as a percentage: "up 2.5 points" */
    V_NUMBER,   /* plain number, 2 decimals: "up 0.12" */
    V_TENDENCY, /* text: the strong facets */
    V_LEVEL     /* text: low, medium, high */
} value_kind;

typedef struct headline {
    const char *metric;
    const char *label;  /* label key */
    const char *suffix; /* label key of "(orientation)" or "(share)" after a facet's name, or NULL */
    value_kind kind;
} headline;

/* In this order in every format; a metric neither document has is left out. */
static const headline headlines[] = {
    { "respondents", "since.respondents", NULL, V_COUNT },
    { "orientation.enhancement", "facet.enhancement", "since.orientation", V_PCT },
    { "orientation.mission", "facet.mission", "since.orientation", V_PCT },
    { "orientation.adaptive", "facet.adaptive", "since.orientation", V_PCT },
    { "orientation.anticipatory", "facet.anticipatory", "since.orientation", V_PCT },
    { "capability.score", "chart.capability.score", NULL, V_PCT },
    { "portfolio.projects", "heading.projects", NULL, V_COUNT },
    { "portfolio.share.enhancement", "facet.enhancement", "since.share", V_FRACTION },
    { "portfolio.share.mission", "facet.mission", "since.share", V_FRACTION },
    { "portfolio.share.adaptive", "facet.adaptive", "since.share", V_FRACTION },
    { "portfolio.share.anticipatory", "facet.anticipatory", "since.share", V_FRACTION },
    { "portfolio.effective_facets", "since.effective", NULL, V_NUMBER },
    { "portfolio.balance_distance", "since.balance", NULL, V_FRACTION },
    { "tendency", "report.tendency", NULL, V_TENDENCY },
    { "capability.level", "since.capability_level", NULL, V_LEVEL },
};
#define HEADLINE_COUNT (sizeof headlines / sizeof *headlines)

typedef enum direction { D_UP, D_DOWN, D_UNCHANGED, D_CHANGED, D_NA } direction;
static const char *const direction_names[] = { "up", "down", "unchanged", "changed", "n/a" };

typedef struct row {
    const headline *h;
    const pf_metric_change *m;
    char label[160];
    char before[160], after[160]; /* a tendency names up to four facets */
    char change[96];
    direction dir;
} row;

static bool is_text(value_kind k)
{
    return k == V_TENDENCY || k == V_LEVEL;
}

static void tendency_words(pf__lang lang, const char *name, char *out, size_t cap)
{
    unsigned mask;
    out[0] = '\0';
    if (pf_tendency_from_name(name, &mask) != PF_OK) {
        pf__copy_truncated(out, cap, name);
        return;
    }
    if (!mask) {
        pf__copy_truncated(out, cap, pf__label(lang, "since.no_strong"));
        return;
    }
    size_t o = 0;
    for (int f = 0; f < PF_FACET_COUNT; f++)
        if (mask >> f & 1)
            o += (size_t)snprintf(out + o, o < cap ? cap - o : 0, "%s%s", o ? " + " : "",
                                  pf__label_facet(lang, (pf_facet)f));
}

static void value_text(pf__lang lang, const headline *h, const char *text, double v, char out[160])
{
    char num[56];
    switch (h->kind) {
    case V_COUNT: pf__format_decimal(lang, v, 0, num); break;
    case V_PCT: pf__format_decimal(lang, v, 1, num); break;
    case V_FRACTION: pf__format_percent(lang, v * 100, 1, num); break;
    case V_NUMBER: pf__format_decimal(lang, v, 2, num); break;
    case V_TENDENCY: tendency_words(lang, text, out, 160); return;
    case V_LEVEL: pf__copy_truncated(out, 160, pf__label_of(lang, "level", text)); return;
    }
    pf__copy_truncated(out, 160, num);
}

/* A value as the report shows it (rounded to `decimals`), read back as a number. */
static double shown_value(double v, int decimals)
{
    char text[48];
    double back = 0;
    pf__format_fixed(v, decimals, false, text);
    pf__parse_number(text, &back);
    return back;
}

/*
 * The change in words: the difference between the two values as they are
 * shown, so that the words never contradict the numbers beside them (15.9% then
 * 12.0% is "down 3.9 points", and a change hidden by rounding is "unchanged").
 */
static void change_words(pf__lang lang, row *r)
{
    const pf_metric_change *m = r->m;
    if (!m->in_old || !m->in_new) {
        r->dir = D_NA;
        pf__copy_truncated(r->change, sizeof r->change, pf__label(lang, "chart.n_a"));
        return;
    }
    if (is_text(r->h->kind)) {
        bool same = m->old_text && m->new_text && strcmp(m->old_text, m->new_text) == 0;
        r->dir = same ? D_UNCHANGED : D_CHANGED;
        pf__copy_truncated(r->change, sizeof r->change, pf__label(lang, same ? "since.unchanged" : "since.changed"));
        return;
    }
    static const int decimals[] = { [V_COUNT] = 0, [V_PCT] = 1, [V_FRACTION] = 1, [V_NUMBER] = 2 };
    int d = decimals[r->h->kind];
    double scale = r->h->kind == V_FRACTION ? 100 : 1, p = pow(10, d);
    /* Rounded again: the difference of two decimals carries binary noise (12.0 - 15.9 = -3.9000000000000004). */
    double diff = round((shown_value(m->new_value * scale, d) - shown_value(m->old_value * scale, d)) * p) / p;
    if (diff == 0) {
        r->dir = D_UNCHANGED;
        pf__copy_truncated(r->change, sizeof r->change, pf__label(lang, "since.unchanged"));
        return;
    }
    r->dir = diff > 0 ? D_UP : D_DOWN;
    double shown = fabs(diff);
    char num[48];
    pf__format_decimal(lang, shown, d, num);
    const char *unit = "";
    if (r->h->kind == V_PCT || r->h->kind == V_FRACTION)
        /* English: "1.0 points"; French: the singular below 2 ("1,5 point"). */
        unit = pf__label(lang, lang == PF__LANG_FR && shown < 2 ? "since.point" : "since.points");
    snprintf(r->change, sizeof r->change, "%s %s%s%s", pf__label(lang, r->dir == D_UP ? "since.up" : "since.down"), num,
             *unit ? " " : "", unit);
}

/* The headline rows of the comparison, in the table's order. */
static size_t make_rows(const pf_report_analysis *a, row rows[HEADLINE_COUNT])
{
    size_t n = 0;
    for (size_t i = 0; i < HEADLINE_COUNT; i++) {
        const headline *h = &headlines[i];
        const pf_metric_change *m = pf_comparison_find(a->since, h->metric);
        if (!m || (!m->in_old && !m->in_new))
            continue;
        row *r = &rows[n++];
        memset(r, 0, sizeof *r);
        r->h = h;
        r->m = m;
        if (h->suffix)
            snprintf(r->label, sizeof r->label, "%s (%s)", pf__label(a->lang, h->label), pf__label(a->lang, h->suffix));
        else
            pf__copy_truncated(r->label, sizeof r->label, pf__label(a->lang, h->label));
        if (m->in_old)
            value_text(a->lang, h, m->old_text, m->old_value, r->before);
        else
            pf__copy_truncated(r->before, sizeof r->before, pf__label(a->lang, "chart.n_a"));
        if (m->in_new)
            value_text(a->lang, h, m->new_text, m->new_value, r->after);
        else
            pf__copy_truncated(r->after, sizeof r->after, pf__label(a->lang, "chart.n_a"));
        change_words(a->lang, r);
    }
    return n;
}

/* The latest answer date of a document ("" when no assessment is dated). */
static void latest_date(const pf_doc *doc, char out[11])
{
    pf_date best = { 0, 0, 0 };
    for (size_t i = 0; i < pf_doc_assessment_count(doc); i++) {
        pf_date d = pf_assessment_date(pf_doc_assessment_at(doc, i));
        if (!pf__date_is_unset(d) && (pf__date_is_unset(best) || pf__date_compare(d, best) > 0))
            best = d;
    }
    out[0] = '\0';
    if (!pf__date_is_unset(best))
        pf__format_date(best, out);
}

/* The names of the two sides: their latest answer dates when both have one and they differ, else Before / After. */
typedef struct sides {
    char date[2][11];
    const char *label[2];
} sides;

static void make_sides(const pf_report_analysis *a, sides *s)
{
    latest_date(a->opts.since, s->date[0]);
    latest_date(a->doc, s->date[1]);
    bool dated = s->date[0][0] && s->date[1][0] && strcmp(s->date[0], s->date[1]) != 0;
    s->label[0] = dated ? s->date[0] : pf__label(a->lang, "chart.before");
    s->label[1] = dated ? s->date[1] : pf__label(a->lang, "chart.after");
}

static const pf_project *project_of(const pf_report_analysis *a, const pf_project_change *p)
{
    return pf_doc_find_project(p->kind == PF_CHANGE_REMOVED ? a->opts.since : a->doc, p->project);
}

static const char *zone_words(const pf_report_analysis *a, pf_zone z)
{
    return z == PF_ZONE_UNSET ? pf__label(a->lang, "chart.not_placed.one") : pf__label_zone(a->lang, z);
}

static const char *const change_keys[3] = { "since.added", "since.removed", "since.moved" };

/* "Transformative → Anticipatory", or the one zone of a project added or removed. */
static void zones_text(const pf_report_analysis *a, const pf_project_change *p, char out[200])
{
    if (p->kind == PF_CHANGE_MOVED)
        snprintf(out, 200, "%s → %s", zone_words(a, p->old_zone), zone_words(a, p->new_zone));
    else
        pf__copy_truncated(out, 200, zone_words(a, p->kind == PF_CHANGE_ADDED ? p->new_zone : p->old_zone));
}

/* ---- text and Markdown ---- */

typedef pf_text_writer writer;

static const int table_widths[4] = { 30, -10, -10, 24 }; /* 80 columns with the longest change in words */

pf_status pf__report_since_text(const pf_report_analysis *a, pf_buf *b, bool markdown, bool color)
{
    writer w = { b, a, markdown, color && !markdown, false };
    pf__lang lang = a->lang;
    sides sd;
    make_sides(a, &sd);
    pf__tw_heading(&w, 2, pf__label(lang, "since.title"));
    pf__tw_paragraph(&w, "", pf__label(lang, "since.intro"), 0);
    if (sd.date[0][0] || sd.date[1][0]) {
        char line[160];
        snprintf(line, sizeof line, "%s%s%s → %s.", pf__label(lang, "since.dates"), pf__label(lang, "report.colon"),
                 sd.date[0][0] ? sd.date[0] : pf__label(lang, "chart.n_a"),
                 sd.date[1][0] ? sd.date[1] : pf__label(lang, "chart.n_a"));
        pf__tw_paragraph(&w, "", line, 0);
    }
    row rows[HEADLINE_COUNT];
    size_t n = make_rows(a, rows);
    pf__tw_put(&w, "\n");
    const char *head[4] = { pf__label(lang, "since.metric"), sd.label[0], sd.label[1], pf__label(lang, "chart.change") };
    pf__tw_row(&w, head, table_widths, 4, true);
    for (size_t i = 0; i < n; i++) {
        if (is_text(rows[i].h->kind))
            continue;
        const char *cells[4] = { rows[i].label, rows[i].before, rows[i].after, rows[i].change };
        pf__tw_row(&w, cells, table_widths, 4, false);
    }
    /* Text metrics as sentences: a tendency does not fit a column. */
    for (size_t i = 0; i < n; i++) {
        if (!is_text(rows[i].h->kind))
            continue;
        char line[600];
        if (rows[i].dir == D_UNCHANGED)
            snprintf(line, sizeof line, "%s%s%s (%s).", rows[i].label, pf__label(lang, "report.colon"), rows[i].after,
                     rows[i].change);
        else
            snprintf(line, sizeof line, "%s%s%s → %s (%s).", rows[i].label, pf__label(lang, "report.colon"),
                     rows[i].before, rows[i].after, rows[i].change);
        pf__tw_put(&w, i && !is_text(rows[i - 1].h->kind) ? "\n" : "");
        pf__tw_paragraph(&w, "", line, 0);
    }
    pf__tw_heading(&w, 3, pf__label(lang, "since.projects"));
    size_t count = pf_comparison_project_count(a->since);
    if (!count)
        pf__tw_paragraph(&w, "", pf__label(lang, "since.no_change"), 0);
    for (size_t i = 0; i < count && !w.failed; i++) {
        const pf_project_change *p = pf_comparison_project_at(a->since, i);
        const pf_project *pr = project_of(a, p);
        const char *title = pr ? pf_project_title(pr) : NULL;
        char zones[200];
        zones_text(a, p, zones);
        pf_buf line = PF_BUF_INIT;
        line.allocator = b->allocator;
        if (pf__buf_printf(&line, "%s%s%s%s%s (%s)", pf__label(lang, change_keys[p->kind]), pf__label(lang, "report.colon"),
                           p->project, title ? ", " : "", title ? title : "", zones) != PF_OK)
            w.failed = true;
        else
            pf__tw_paragraph(&w, "- ", line.data, 2);
        pf_buf_dispose(&line);
    }
    return w.failed ? PF_ENOMEM : PF_OK;
}

/* ---- HTML ---- */

typedef struct page {
    pf_buf *b;
    const pf_report_analysis *a;
    bool failed;
} page;

static void hput(page *p, const char *s)
{
    if (!p->failed && pf__buf_puts(p->b, s) != PF_OK)
        p->failed = true;
}

static void hesc(page *p, const char *s)
{
    if (!p->failed && s && pf__xml_escape(p->b, s) != PF_OK)
        p->failed = true;
}

static void hcell(page *p, const char *tag, const char *cls, const char *s)
{
    hput(p, "<");
    hput(p, tag);
    if (cls) {
        hput(p, " class=\"");
        hput(p, cls);
        hput(p, "\"");
    }
    hput(p, ">");
    hesc(p, s);
    hput(p, "</");
    hput(p, tag);
    hput(p, ">");
}

static void hfigure(page *p, pf_status drawn, pf_buf *svg)
{
    if (drawn != PF_OK) {
        p->failed = true;
        return;
    }
    hput(p, "<figure>\n");
    hput(p, svg->data);
    hput(p, "\n</figure>\n");
    pf_buf_dispose(svg);
}

static void hcaption(page *p, const char *title)
{
    hput(p, "<table>\n<caption>");
    hesc(p, pf__label(p->a->lang, "report.table_of"));
    hesc(p, pf__label(p->a->lang, "report.colon"));
    hesc(p, title);
    hput(p, "</caption>\n");
}

pf_status pf__report_since_html(const pf_report_analysis *a, pf_buf *b)
{
    page p = { b, a, false };
    pf__lang lang = a->lang;
    sides sd;
    make_sides(a, &sd);
    pf_chart_options o = PF_CHART_OPTIONS_INIT;
    o.lang = a->opts.lang;
    hput(&p, "<section id=\"since\">\n<h2>");
    hesc(&p, pf__label(lang, "since.title"));
    hput(&p, "</h2>\n<p>");
    hesc(&p, pf__label(lang, "since.intro"));
    if (sd.date[0][0] || sd.date[1][0]) {
        hput(&p, " ");
        hesc(&p, pf__label(lang, "since.dates"));
        hesc(&p, pf__label(lang, "report.colon"));
        hesc(&p, sd.date[0][0] ? sd.date[0] : pf__label(lang, "chart.n_a"));
        hput(&p, " → ");
        hesc(&p, sd.date[1][0] ? sd.date[1] : pf__label(lang, "chart.n_a"));
        hput(&p, ".");
    }
    hput(&p, "</p>\n");

    /* Both diamonds, and their data, when either document has respondents. */
    pf_buf svg = PF_BUF_INIT;
    row rows[HEADLINE_COUNT];
    size_t n = make_rows(a, rows), orientation = 0;
    for (size_t i = 0; i < n; i++)
        orientation += strncmp(rows[i].h->metric, "orientation.", 12) == 0;
    if (orientation) {
        double threshold = pf_scores_options(a->scores)->strong_threshold;
        hfigure(&p, pf__chart_since_diamond(a->since, threshold, sd.label[0], sd.label[1], &o, &svg, NULL), &svg);
        hcaption(&p, pf__label(lang, "since.diamond.title"));
        hput(&p, "<thead><tr>");
        hcell(&p, "th", NULL, pf__label(lang, "report.facet"));
        hcell(&p, "th", "num", sd.label[0]);
        hcell(&p, "th", "num", sd.label[1]);
        hcell(&p, "th", NULL, pf__label(lang, "chart.change"));
        hput(&p, "</tr></thead>\n<tbody>\n");
        for (size_t i = 0; i < n; i++) {
            if (strncmp(rows[i].h->metric, "orientation.", 12) != 0)
                continue;
            hput(&p, "<tr>");
            hcell(&p, "th", NULL, pf__label(lang, rows[i].h->label));
            hcell(&p, "td", "num", rows[i].before);
            hcell(&p, "td", "num", rows[i].after);
            hcell(&p, "td", NULL, rows[i].change);
            hput(&p, "</tr>\n");
        }
        hput(&p, "</tbody>\n</table>\n");
    }

    /* Every headline metric, after the before-and-after bars of orientation and shares. */
    hput(&p, "<h3>");
    hesc(&p, pf__label(lang, "chart.compare.title"));
    hput(&p, "</h3>\n");
    hfigure(&p, pf_chart_compare(a->since, &o, &svg, NULL), &svg);
    hcaption(&p, pf__label(lang, "chart.compare.title"));
    hput(&p, "<thead><tr>");
    hcell(&p, "th", NULL, pf__label(lang, "since.metric"));
    hcell(&p, "th", "num", sd.label[0]);
    hcell(&p, "th", "num", sd.label[1]);
    hcell(&p, "th", NULL, pf__label(lang, "chart.change"));
    hput(&p, "</tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < n; i++) {
        hput(&p, "<tr>");
        hcell(&p, "th", NULL, rows[i].label);
        hcell(&p, "td", "num", rows[i].before);
        hcell(&p, "td", "num", rows[i].after);
        hcell(&p, "td", NULL, rows[i].change);
        hput(&p, "</tr>\n");
    }
    hput(&p, "</tbody>\n</table>\n");

    /* Projects: the zone moves as arrows, then every change. */
    hput(&p, "<h3>");
    hesc(&p, pf__label(lang, "since.projects"));
    hput(&p, "</h3>\n");
    size_t count = pf_comparison_project_count(a->since);
    if (!count) {
        hput(&p, "<p>");
        hesc(&p, pf__label(lang, "since.no_change"));
        hput(&p, "</p>\n</section>\n");
        return p.failed ? PF_ENOMEM : PF_OK;
    }
    hfigure(&p, pf__chart_since_moves(a->since, &o, &svg, NULL), &svg);
    hcaption(&p, pf__label(lang, "since.moves.title"));
    hput(&p, "<thead><tr>");
    hcell(&p, "th", NULL, pf__label(lang, "report.project"));
    hcell(&p, "th", NULL, pf__label(lang, "report.title_col"));
    hcell(&p, "th", NULL, pf__label(lang, "chart.change"));
    hcell(&p, "th", NULL, pf__label(lang, "report.zone"));
    hput(&p, "</tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < count; i++) {
        const pf_project_change *pc = pf_comparison_project_at(a->since, i);
        const pf_project *pr = project_of(a, pc);
        char zones[200];
        zones_text(a, pc, zones);
        hput(&p, "<tr>");
        hcell(&p, "th", NULL, pc->project);
        hcell(&p, "td", NULL, pr ? pf_project_title(pr) : NULL);
        hcell(&p, "td", NULL, pf__label(lang, change_keys[pc->kind]));
        hcell(&p, "td", NULL, zones);
        hput(&p, "</tr>\n");
    }
    hput(&p, "</tbody>\n</table>\n</section>\n");
    return p.failed ? PF_ENOMEM : PF_OK;
}

/* ---- JSON ---- */

void pf__report_since_json(const pf_report_analysis *a, pf_json *j)
{
    static const char *const kinds[3] = { "added", "removed", "moved" };
    sides sd;
    make_sides(a, &sd);
    row rows[HEADLINE_COUNT];
    size_t n = make_rows(a, rows);
    pf__json_object_begin(j);
    pf__json_key(j, "old_date");
    pf__json_string(j, sd.date[0][0] ? sd.date[0] : NULL);
    pf__json_key(j, "new_date");
    pf__json_string(j, sd.date[1][0] ? sd.date[1] : NULL);
    pf__json_key(j, "headline");
    pf__json_array_begin(j);
    for (size_t i = 0; i < n; i++) {
        const pf_metric_change *m = rows[i].m;
        pf__json_object_begin(j);
        pf__metric_change_json(j, m);
        pf__json_key(j, "direction");
        pf__json_string(j, direction_names[rows[i].dir]);
        pf__json_key(j, "words");
        pf__json_string(j, rows[i].change);
        pf__json_object_end(j);
    }
    pf__json_array_end(j);
    pf__json_key(j, "projects");
    pf__json_array_begin(j);
    for (size_t i = 0; i < pf_comparison_project_count(a->since); i++) {
        const pf_project_change *p = pf_comparison_project_at(a->since, i);
        const pf_project *pr = project_of(a, p);
        pf__json_object_begin(j);
        pf__json_key(j, "id");
        pf__json_string(j, p->project);
        pf__json_key(j, "title");
        pf__json_string(j, pr ? pf_project_title(pr) : NULL);
        pf__json_key(j, "change");
        pf__json_string(j, kinds[p->kind]);
        pf__json_object_end(j);
    }
    pf__json_array_end(j);
    pf__json_key(j, "comparison");
    pf__comparison_json(j, a->since);
    pf__json_object_end(j);
}
