/* Charts of a comparison for the report's "since" section (chart_compare.h): both diamonds, and zone moves. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "chart_common.h"
#include "chart_compare.h"

/* The four "<prefix><facet>" values of each side; has[k] when that side has all four. */
static void facet_values(const pf_comparison *cmp, const char *prefix, double v[2][PF_FACET_COUNT], bool has[2])
{
    has[0] = has[1] = true;
    for (int f = 0; f < PF_FACET_COUNT; f++) {
        char name[64];
        snprintf(name, sizeof name, "%s%s", prefix, pf_facet_name((pf_facet)f));
        const pf_metric_change *c = pf_comparison_find(cmp, name);
        has[0] = has[0] && c && c->in_old;
        has[1] = has[1] && c && c->in_new;
        v[0][f] = c ? c->old_value : 0;
        v[1][f] = c ? c->new_value : 0;
    }
}

pf_status pf__chart_since_diamond(const pf_comparison *cmp, double threshold, const char *old_label,
                                  const char *new_label, const pf_chart_options *opts, pf_buf *out, pf_error *err)
{
    if (!cmp || !out || !old_label || !new_label)
        return pf__fail(err, PF_EARG, "cmp, a label or out is NULL");
    pf__lang lang;
    unsigned width;
    pf_status st = pf__svg_options(opts, &lang, &width, err);
    if (st != PF_OK)
        return st;
    double v[2][PF_FACET_COUNT];
    bool has[2];
    facet_values(cmp, "orientation.", v, has);
    const char *labels[2] = { old_label, new_label };
    pf_chart_legend_item legend[2] = { { old_label, PF_SVG_ORANGE, "6 4", true, 2.5 },
                                       { new_label, PF_SVG_BLUE, NULL, true, 3 } };
    double legend_y = DIAMOND_CY + DIAMOND_R + 66;
    double h = legend_y + (double)pf__chart_legend_rows(legend, 2, DIAMOND_W - 48) * 20;

    pf_svg s;
    const char *title = pf__label(lang, "since.diamond.title");
    pf__svg_begin(&s, out, pf__comparison_allocator(cmp), lang, DIAMOND_W, h, width, title);
    pf__svg_printf(&s, "%t (0–100).", pf__label(lang, "chart.orientation.mean"));
    for (int k = 0; k < 2; k++) {
        pf__svg_printf(&s, " %t%: ", labels[k]);
        if (!has[k])
            pf__svg_printf(&s, "%t", pf__label(lang, "chart.no_respondents")); /* a sentence with its stop */
        for (int f = 0; has[k] && f < PF_FACET_COUNT; f++)
            pf__svg_printf(&s, "%s%l %1", f ? ", " : "", pf__label_facet(lang, (pf_facet)f), v[k][f]);
        if (has[k])
            pf__svg_printf(&s, ".");
    }
    if (has[0] && has[1]) {
        pf__svg_printf(&s, " %t%: ", pf__label(lang, "chart.change"));
        for (int f = 0; f < PF_FACET_COUNT; f++)
            pf__svg_printf(&s, "%s%l %+", f ? ", " : "", pf__label_facet(lang, (pf_facet)f), v[1][f] - v[0][f]);
        pf__svg_printf(&s, ".");
    }
    pf__svg_desc_end(&s);
    char subtitle[160];
    snprintf(subtitle, sizeof subtitle, "%s, 0–100", pf__label(lang, "chart.orientation.mean"));
    pf__svg_heading(&s, title, subtitle);
    pf__chart_diamond_grid(&s, threshold);
    if (has[0]) {
        pf__svg_printf(&s, "<polygon points=\"");
        pf__chart_diamond_polygon(&s, v[0]);
        pf__svg_printf(&s, "\" fill=\"none\" stroke=\"%s\" stroke-width=\"2.5\" stroke-dasharray=\"6 4\" "
                           "stroke-linejoin=\"round\"/>\n",
                       PF_SVG_ORANGE);
        for (int f = 0; f < PF_FACET_COUNT; f++) {
            double x, y;
            pf__chart_diamond_point((pf_facet)f, v[0][f], &x, &y);
            pf__svg_printf(&s, "<circle cx=\"%n\" cy=\"%n\" r=\"3.5\" fill=\"%s\"/>\n", x, y, PF_SVG_ORANGE);
        }
    }
    if (has[1]) {
        pf__svg_printf(&s, "<polygon points=\"");
        pf__chart_diamond_polygon(&s, v[1]);
        pf__svg_printf(&s,
                       "\" fill=\"%s\" fill-opacity=\"0.16\" stroke=\"%s\" stroke-width=\"3\" "
                       "stroke-linejoin=\"round\"/>\n",
                       PF_SVG_BLUE, PF_SVG_BLUE);
        for (int f = 0; f < PF_FACET_COUNT; f++) {
            double x, y, lx, ly;
            pf__chart_diamond_point((pf_facet)f, v[1][f], &x, &y);
            /* As on the diamond: the later value beside its point, and the change under it. */
            double at = fmax(v[1][f], v[0][f] * has[0]);
            pf__chart_diamond_point((pf_facet)f, at < 24 * 100 / DIAMOND_R ? 24 * 100 / DIAMOND_R : at, &lx, &ly);
            pf__svg_printf(&s,
                           "<circle cx=\"%n\" cy=\"%n\" r=\"4.5\" fill=\"%s\" stroke=\"#ffffff\" stroke-width=\"1.5\"/>\n",
                           x, y, PF_SVG_BLUE);
            bool horizontal = f == PF_FACET_ENHANCEMENT || f == PF_FACET_ANTICIPATORY;
            double tx = horizontal ? lx : lx + 10, ty = horizontal ? ly - 11 : ly + (f == PF_FACET_MISSION ? -4 : 14);
            pf__svg_printf(&s,
                           "<text x=\"%n\" y=\"%n\" font-size=\"15\" font-weight=\"700\" text-anchor=\"%s\" "
                           "stroke=\"#ffffff\" stroke-width=\"4\" paint-order=\"stroke\">%0",
                           tx, ty, horizontal ? "middle" : "start", v[1][f]);
            /* The change beside the later value, when it shows at one decimal. */
            if (has[0] && fabs(v[1][f] - v[0][f]) >= 0.05)
                pf__svg_printf(&s, "<tspan font-size=\"11\" font-weight=\"400\" fill=\"%s\"> (%+)</tspan>", PF_SVG_INK2,
                               v[1][f] - v[0][f]);
            pf__svg_printf(&s, "</text>\n");
        }
    }
    if (!has[0] && !has[1])
        pf__svg_printf(&s, "<text x=\"%n\" y=\"%n\" text-anchor=\"middle\" fill=\"%s\">%t</text>\n", DIAMOND_CX,
                       DIAMOND_CY + 40, PF_SVG_INK2, pf__label(lang, "chart.no_respondents"));
    pf__chart_legend(&s, DIAMOND_CX, legend_y, DIAMOND_W - 48, legend, 2);
    return pf__svg_end(&s, err);
}

/* ---- zone moves ---- */

/* Past this many projects between the same two zones, one arrow stands for them all. */
#define MAX_ARROWS_PER_PAIR 6
/* The description lists this many moves, then counts the rest. */
#define MAX_LISTED 100

static const char *zone_name(pf__lang lang, pf_zone z)
{
    return z == PF_ZONE_UNSET ? pf__label(lang, "chart.not_placed.one") : pf__label_zone(lang, z);
}

/* An arrow from (x1, y1) to (x2, y2), shifted sideways by `lane` and shortened at both ends, with its label. */
static void arrow(pf_svg *s, double x1, double y1, double x2, double y2, double lane, const char *label)
{
    double dx = x2 - x1, dy = y2 - y1, len = sqrt(dx * dx + dy * dy);
    if (len < 40)
        return;
    dx /= len;
    dy /= len;
    double nx = -dy, ny = dx, trim = 22; /* clear of the zones' names at the centres */
    double ax = x1 + nx * lane + dx * trim, ay = y1 + ny * lane + dy * trim;
    double bx = x2 + nx * lane - dx * trim, by = y2 + ny * lane - dy * trim;
    pf__svg_printf(s, "<line x1=\"%n\" y1=\"%n\" x2=\"%n\" y2=\"%n\" stroke=\"%s\" stroke-width=\"2\"/>\n", ax, ay,
                   bx - dx * 8, by - dy * 8, PF_SVG_INK);
    pf__svg_printf(s, "<polygon points=\"%n,%n %n,%n %n,%n\" fill=\"%s\"/>\n", bx, by, bx - dx * 11 + nx * 5,
                   by - dy * 11 + ny * 5, bx - dx * 11 - nx * 5, by - dy * 11 - ny * 5, PF_SVG_INK);
    pf__svg_printf(s,
                   "<text x=\"%n\" y=\"%n\" font-size=\"11\" text-anchor=\"middle\" fill=\"%s\" stroke=\"#ffffff\" "
                   "stroke-width=\"3\" paint-order=\"stroke\">%f</text>\n",
                   (ax + bx) / 2, (ay + by) / 2 + 4, PF_SVG_INK, label, 14.0);
}

pf_status pf__chart_since_moves(const pf_comparison *cmp, const pf_chart_options *opts, pf_buf *out, pf_error *err)
{
    if (!cmp || !out)
        return pf__fail(err, PF_EARG, "cmp or out is NULL");
    pf__lang lang;
    unsigned width;
    pf_status st = pf__svg_options(opts, &lang, &width, err);
    if (st != PF_OK)
        return st;
    size_t added[PF_ZONE_COUNT] = { 0 }, removed[PF_ZONE_COUNT] = { 0 }, pair[PF_ZONE_COUNT][PF_ZONE_COUNT];
    size_t kinds[3] = { 0, 0, 0 };
    memset(pair, 0, sizeof pair);
    size_t n = pf_comparison_project_count(cmp);
    for (size_t i = 0; i < n; i++) {
        const pf_project_change *p = pf_comparison_project_at(cmp, i);
        kinds[p->kind]++;
        if (p->kind == PF_CHANGE_ADDED && p->new_zone != PF_ZONE_UNSET)
            added[p->new_zone]++;
        else if (p->kind == PF_CHANGE_REMOVED && p->old_zone != PF_ZONE_UNSET)
            removed[p->old_zone]++;
        else if (p->kind == PF_CHANGE_MOVED && p->old_zone != PF_ZONE_UNSET && p->new_zone != PF_ZONE_UNSET)
            pair[p->old_zone][p->new_zone]++;
    }
    pf_chart_legend_item legend[3] = { { pf__label(lang, "since.moved"), PF_SVG_INK, NULL, true, 2 },
                                       { pf__label(lang, "since.added"), PF_SVG_GREEN, NULL, false, 0 },
                                       { pf__label(lang, "since.removed"), PF_SVG_VERMILLION, NULL, false, 0 } };
    double legend_y = 600, h = legend_y + (double)pf__chart_legend_rows(legend, 3, PF_CHART_MAP_W - 48) * 20;
    char subtitle[320], num[3][48];
    for (int k = 0; k < 3; k++)
        pf__format_fixed((double)kinds[k], 0, true, num[k]);
    snprintf(subtitle, sizeof subtitle, "%s %s, %s %s, %s %s", num[PF_CHANGE_MOVED],
             pf__label_count(lang, "chart.moved.one", "chart.moved", kinds[PF_CHANGE_MOVED]), num[PF_CHANGE_ADDED],
             pf__label_count(lang, "chart.added.one", "chart.added", kinds[PF_CHANGE_ADDED]), num[PF_CHANGE_REMOVED],
             pf__label_count(lang, "chart.removed.one", "chart.removed", kinds[PF_CHANGE_REMOVED]));

    pf_svg s;
    const char *title = pf__label(lang, "since.moves.title");
    pf__svg_begin(&s, out, pf__comparison_allocator(cmp), lang, PF_CHART_MAP_W, h, width, title);
    pf__svg_printf(&s, "%t.", subtitle);
    size_t listed = 0;
    for (int k = PF_CHANGE_MOVED; k >= PF_CHANGE_ADDED; k--) {
        bool first = true;
        for (size_t i = 0; i < n; i++) {
            const pf_project_change *p = pf_comparison_project_at(cmp, i);
            if ((int)p->kind != k)
                continue;
            if (listed++ >= MAX_LISTED)
                continue;
            static const char *const heads[3] = { "since.added", "since.removed", "since.moved" };
            pf__svg_printf(&s, first ? " %t%: " : "%; ", pf__label(lang, heads[k]));
            first = false;
            if (k == PF_CHANGE_MOVED)
                pf__svg_printf(&s, "%t (%l → %l)", p->project, zone_name(lang, p->old_zone), zone_name(lang, p->new_zone));
            else
                pf__svg_printf(&s, "%t (%l)", p->project, zone_name(lang, k == PF_CHANGE_ADDED ? p->new_zone : p->old_zone));
        }
        if (!first)
            pf__svg_printf(&s, ".");
    }
    if (listed > MAX_LISTED)
        pf__svg_printf(&s, " +%z %t.", listed - MAX_LISTED, pf__label(lang, "report.more"));
    pf__svg_desc_end(&s);
    pf__svg_heading(&s, title, subtitle);
    pf__chart_zone_cells(&s);
    for (int z = 0; z < PF_ZONE_COUNT; z++) {
        double x, y;
        pf__chart_zone_centre((pf_zone)z, &x, &y);
        pf__svg_printf(&s,
                       "<text x=\"%n\" y=\"%n\" font-size=\"11\" font-weight=\"600\" text-anchor=\"middle\" "
                       "fill=\"%s\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\">%t</text>\n",
                       x, y + 4, PF_SVG_INK2,
                       z == PF_ZONE_MIXED ? pf__label(lang, "zone.mixed.short") : pf__label_zone(lang, (pf_zone)z));
        /* Added and removed as counts beside a coloured mark: the mark carries the colour, the text the number. */
        double cx = x - (added[z] && removed[z] ? 22 : 0) - (added[z] || removed[z] ? 8 : 0);
        for (int k = 0; k < 2; k++) {
            size_t count = k ? removed[z] : added[z];
            if (!count)
                continue;
            pf__svg_printf(&s,
                           "<rect x=\"%n\" y=\"%n\" width=\"10\" height=\"10\" fill=\"%s\"/>\n"
                           "<text x=\"%n\" y=\"%n\" font-size=\"11\" fill=\"%s\">%s%z</text>\n",
                           cx - 5, y + 20, k ? PF_SVG_VERMILLION : PF_SVG_GREEN, cx + 8, y + 29, PF_SVG_INK,
                           k ? "−" : "+", count);
            cx += 44;
        }
    }
    size_t seen[PF_ZONE_COUNT][PF_ZONE_COUNT];
    memset(seen, 0, sizeof seen);
    for (size_t i = 0; i < n; i++) {
        const pf_project_change *p = pf_comparison_project_at(cmp, i);
        if (p->kind != PF_CHANGE_MOVED || p->old_zone == PF_ZONE_UNSET || p->new_zone == PF_ZONE_UNSET)
            continue;
        size_t count = pair[p->old_zone][p->new_zone], k = seen[p->old_zone][p->new_zone]++;
        double x1, y1, x2, y2;
        pf__chart_zone_centre(p->old_zone, &x1, &y1);
        pf__chart_zone_centre(p->new_zone, &x2, &y2);
        if (count > MAX_ARROWS_PER_PAIR) {
            if (k == 0) {
                char many[96];
                snprintf(many, sizeof many, "%zu %s", count, pf__label_count(lang, "chart.project", "chart.projects", count));
                arrow(&s, x1, y1, x2, y2, 8, many);
            }
            continue;
        }
        /* Lanes to the right of the direction of travel, so moves both ways between two zones stay apart. */
        arrow(&s, x1, y1, x2, y2, 8 + 16 * (double)k, p->project);
    }
    if (!kinds[PF_CHANGE_MOVED])
        pf__svg_printf(&s, "<text x=\"%n\" y=\"%n\" text-anchor=\"middle\" fill=\"%s\">%t</text>\n", PF_CHART_MAP_W / 2,
                       legend_y - 20, PF_SVG_INK2, pf__label(lang, "since.moves.none"));
    pf__chart_legend(&s, PF_CHART_MAP_W / 2, legend_y, PF_CHART_MAP_W - 48, legend, 3);
    return pf__svg_end(&s, err);
}
