/* The charts of chart.h but the project map (chart_map.c): diamond, capability, targets, roles, compare. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "chart_common.h"
#include "xml.h"

/* ---- legends ---- */

#define LEGEND_ROW 20
#define LEGEND_GAP 22
#define LEGEND_SWATCH 22

static double legend_item_width(const pf_chart_legend_item *it)
{
    return LEGEND_SWATCH + 6 + 12 * pf__text_width_em(it->label, strlen(it->label));
}

size_t pf__chart_legend_rows(const pf_chart_legend_item *items, size_t n, double max_w)
{
    size_t rows = n ? 1 : 0;
    double used = 0;
    for (size_t i = 0; i < n; i++) {
        double w = legend_item_width(&items[i]);
        if (used > 0 && used + LEGEND_GAP + w > max_w) {
            rows++;
            used = 0;
        }
        used += (used > 0 ? LEGEND_GAP : 0) + w;
    }
    return rows;
}

void pf__chart_legend(pf_svg *s, double cx, double y, double max_w, const pf_chart_legend_item *items, size_t n)
{
    size_t i = 0;
    while (i < n) {
        /* One row: as many items as fit, centred on cx. */
        size_t j = i;
        double used = 0;
        while (j < n) {
            double w = legend_item_width(&items[j]);
            if (j > i && used + LEGEND_GAP + w > max_w)
                break;
            used += (j > i ? LEGEND_GAP : 0) + w;
            j++;
        }
        double x = cx - used / 2;
        for (size_t k = i; k < j; k++) {
            const pf_chart_legend_item *it = &items[k];
            if (it->line)
                pf__svg_printf(s,
                               "<line x1=\"%n\" y1=\"%n\" x2=\"%n\" y2=\"%n\" stroke=\"%s\" stroke-width=\"%n\" "
                               "stroke-dasharray=\"%s\"/>\n",
                               x, y - 4, x + LEGEND_SWATCH, y - 4, it->colour, it->stroke, it->dash ? it->dash : "none");
            else
                pf__svg_printf(s, "<rect x=\"%n\" y=\"%n\" width=\"%n\" height=\"12\" fill=\"%s\"/>\n", x + 4, y - 10,
                               (double)LEGEND_SWATCH - 8, it->colour);
            pf__svg_printf(s, "<text x=\"%n\" y=\"%n\">%t</text>\n", x + LEGEND_SWATCH + 6, y, it->label);
            x += legend_item_width(it) + LEGEND_GAP;
        }
        y += LEGEND_ROW;
        i = j;
    }
}

/* ---- bar panels ---- */

double pf__chart_bars_height(const pf_chart_bars *p)
{
    double group = (double)p->series_count * p->bar_h + (double)(p->series_count - 1) * p->bar_gap;
    return 24 + (double)p->row_count * group + (double)(p->row_count - 1) * p->row_gap + 6 +
           (p->reference_label ? 16 : 0);
}

static void bar_value(pf_svg *s, pf_chart_value_format fmt, double v)
{
    switch (fmt) {
    case PF_CHART_INT: pf__svg_printf(s, "%0", v); break;
    case PF_CHART_ONE: pf__svg_printf(s, "%1", v); break;
    case PF_CHART_PERCENT: pf__svg_printf(s, "%p", v); break;
    }
}

void pf__chart_bars(pf_svg *s, const pf_chart_bars *p)
{
    double bx = p->x + p->label_w;
    double pw = p->width - p->label_w - p->note_w - 56;
    double group = (double)p->series_count * p->bar_h + (double)(p->series_count - 1) * p->bar_gap;
    double top = p->y + 24;
    double bottom = top + (double)p->row_count * group + (double)(p->row_count - 1) * p->row_gap;
    /* Scale: grid lines and their values above the bars. */
    for (int i = 0; i * p->step <= p->max + 1e-9; i++) {
        double t = i * p->step, gx = bx + pw * t / p->max;
        pf__svg_printf(s, "<line x1=\"%n\" y1=\"%n\" x2=\"%n\" y2=\"%n\" stroke=\"%s\"/>\n", gx, top - 6, gx, bottom + 2,
                       i == 0 ? PF_SVG_AXIS : PF_SVG_GRID);
        pf__svg_printf(s, "<text x=\"%n\" y=\"%n\" font-size=\"10\" text-anchor=\"middle\" fill=\"%s\">", gx, p->y + 10,
                       PF_SVG_INK2);
        if (p->fmt == PF_CHART_PERCENT)
            pf__svg_printf(s, "%P", t);
        else
            pf__svg_printf(s, "%0", t);
        pf__svg_printf(s, "</text>\n");
    }
    if (p->reference_label) {
        double rx = bx + pw * p->reference / p->max;
        pf__svg_printf(s,
                       "<line x1=\"%n\" y1=\"%n\" x2=\"%n\" y2=\"%n\" stroke=\"%s\" stroke-width=\"1.5\" "
                       "stroke-dasharray=\"5 4\"/>\n"
                       "<text x=\"%n\" y=\"%n\" font-size=\"10\" text-anchor=\"middle\" fill=\"%s\">%t</text>\n",
                       rx, top - 6, rx, bottom + 4, PF_SVG_INK2, rx, bottom + 16, PF_SVG_INK2, p->reference_label);
    }
    if (p->note_heading)
        pf__svg_printf(s, "<text x=\"%n\" y=\"%n\" font-size=\"10\" text-anchor=\"end\" fill=\"%s\">%t</text>\n",
                       p->x + p->width, p->y + 10, PF_SVG_INK2, p->note_heading);
    for (size_t r = 0; r < p->row_count; r++) {
        const pf_chart_bar_row *row = &p->rows[r];
        double gy = top + (double)r * (group + p->row_gap);
        pf__svg_printf(s, "<text x=\"%n\" y=\"%n\" text-anchor=\"end\">%f</text>\n", bx - 10, gy + group / 2 + 4,
                       row->label, (p->label_w - 16) / 12);
        for (size_t k = 0; k < p->series_count; k++) {
            double by = gy + (double)k * (p->bar_h + p->bar_gap);
            double ty = by + p->bar_h / 2 + 3.5;
            if (!row->present[k]) {
                pf__svg_printf(s, "<text x=\"%n\" y=\"%n\" font-size=\"11\" fill=\"%s\">%t</text>\n", bx + 4, ty,
                               PF_SVG_INK2, pf__label(s->lang, "chart.n_a"));
                continue;
            }
            double v = row->value[k] < 0 ? 0 : row->value[k] > p->max ? p->max : row->value[k];
            double w = pw * v / p->max;
            if (w >= 0.005) /* what rounds to a width of 0 is no bar */
                pf__svg_printf(s, "<rect x=\"%n\" y=\"%n\" width=\"%n\" height=\"%n\" fill=\"%s\"/>\n", bx, by, w,
                               p->bar_h, p->series[k].colour);
            pf__svg_printf(s, "<text x=\"%n\" y=\"%n\" font-size=\"11\">", bx + w + 4, ty);
            bar_value(s, p->fmt, row->value[k]);
            pf__svg_printf(s, "</text>\n");
        }
        if (row->has_note)
            pf__svg_printf(s, "<text x=\"%n\" y=\"%n\" text-anchor=\"end\" font-weight=\"600\">%+</text>\n",
                           p->x + p->width, gy + group / 2 + 4, row->note);
    }
}

/* A scale end for values up to `max`: the next multiple of `step`, at least one step. */
double pf__chart_nice_max(double max, double step)
{
    double m = ceil(max / step - 1e-9) * step;
    return m < step ? step : m;
}

/* "Label (n=3)" */
void pf__chart_with_count(char *out, size_t cap, const char *label, size_t n)
{
    char num[48];
    pf__format_fixed((double)n, 0, true, num);
    snprintf(out, cap, "%s (n=%s)", label, num);
}

/* ---- the facet diamond ---- */


/* Pixel position of a pct on a facet's axis. */
void pf__chart_diamond_point(pf_facet f, double pct, double *x, double *y)
{
    double r = DIAMOND_R * (pct < 0 ? 0 : pct > 100 ? 100 : pct) / 100;
    *x = DIAMOND_CX;
    *y = DIAMOND_CY;
    switch (f) {
    case PF_FACET_ENHANCEMENT: *x -= r; break;
    case PF_FACET_MISSION: *y -= r; break;
    case PF_FACET_ADAPTIVE: *y += r; break;
    default: *x += r; break;
    }
}

/* The polygon through the four facet values, written as a points list. */
void pf__chart_diamond_polygon(pf_svg *s, const double pct[PF_FACET_COUNT])
{
    static const pf_facet order[4] = { PF_FACET_ENHANCEMENT, PF_FACET_MISSION, PF_FACET_ANTICIPATORY,
                                       PF_FACET_ADAPTIVE };
    for (int i = 0; i < 4; i++) {
        double x, y;
        pf__chart_diamond_point(order[i], pct[order[i]], &x, &y);
        pf__svg_printf(s, i ? " %n,%n" : "%n,%n", x, y);
    }
}

static void group_means(const pf_group *g, double pct[PF_FACET_COUNT])
{
    for (int f = 0; f < PF_FACET_COUNT; f++)
        pct[f] = g->stats[f].mean;
}

/* "enhancement 85, mission 52, adaptive 38, anticipatory 17" */
static void desc_facets(pf_svg *s, const double v[PF_FACET_COUNT], bool percent)
{
    for (int f = 0; f < PF_FACET_COUNT; f++)
        pf__svg_printf(s, percent ? "%s%l %p" : "%s%l %0", f ? ", " : "", pf__label_facet(s->lang, (pf_facet)f), v[f]);
}

/* Grid: the diamonds of 25, 50, 75 and 100, the strong threshold dashed, the four axes, the poles' names
 * and the scale; the polygons go over it. */
void pf__chart_diamond_grid(pf_svg *s, double threshold)
{
    pf__lang lang = s->lang;
    static const double rings[4] = { 25, 50, 75, 100 };
    for (int i = 0; i < 4; i++) {
        double v[PF_FACET_COUNT] = { rings[i], rings[i], rings[i], rings[i] };
        pf__svg_printf(s, "<polygon points=\"");
        pf__chart_diamond_polygon(s, v);
        pf__svg_printf(s, "\" fill=\"none\" stroke=\"%s\"/>\n", i == 3 ? PF_SVG_AXIS : PF_SVG_GRID);
    }
    if (threshold > 0 && threshold < 100) {
        double v[PF_FACET_COUNT] = { threshold, threshold, threshold, threshold };
        pf__svg_printf(s, "<polygon points=\"");
        pf__chart_diamond_polygon(s, v);
        pf__svg_printf(s, "\" fill=\"none\" stroke=\"%s\" stroke-width=\"1.2\" stroke-dasharray=\"5 4\"/>\n",
                       PF_SVG_AXIS);
        double x = DIAMOND_CX + DIAMOND_R * threshold / 200, y = DIAMOND_CY + DIAMOND_R * threshold / 200;
        pf__svg_printf(s, "<text x=\"%n\" y=\"%n\" font-size=\"10\" fill=\"%s\">%t %0</text>\n", x + 8, y + 10,
                       PF_SVG_INK2, pf__label(lang, "chart.strong_from"), threshold);
    }
    for (int f = 0; f < PF_FACET_COUNT; f++) {
        double x, y;
        pf__chart_diamond_point((pf_facet)f, 100, &x, &y);
        pf__svg_printf(s, "<line x1=\"%n\" y1=\"%n\" x2=\"%n\" y2=\"%n\" stroke=\"%s\"/>\n", DIAMOND_CX, DIAMOND_CY, x,
                       y, PF_SVG_AXIS);
    }
    /* The poles' names at the ends of the axes. */
    pf__svg_printf(s,
                   "<g font-size=\"14\" font-weight=\"700\">\n"
                   "<text x=\"%n\" y=\"%n\" text-anchor=\"end\">%t</text>\n"
                   "<text x=\"%n\" y=\"%n\" text-anchor=\"middle\">%t</text>\n"
                   "<text x=\"%n\" y=\"%n\" text-anchor=\"start\">%t</text>\n"
                   "<text x=\"%n\" y=\"%n\" text-anchor=\"middle\">%t</text>\n</g>\n",
                   DIAMOND_CX - DIAMOND_R - 12, DIAMOND_CY + 5, pf__label_facet(lang, PF_FACET_ENHANCEMENT), DIAMOND_CX,
                   DIAMOND_CY - DIAMOND_R - 12, pf__label_facet(lang, PF_FACET_MISSION), DIAMOND_CX + DIAMOND_R + 12,
                   DIAMOND_CY + 5, pf__label_facet(lang, PF_FACET_ANTICIPATORY), DIAMOND_CX,
                   DIAMOND_CY + DIAMOND_R + 24, pf__label_facet(lang, PF_FACET_ADAPTIVE));
    /* The scale along the anticipatory axis, over the polygons' lines. */
    for (int i = 0; i < 4; i++) {
        double x, y;
        pf__chart_diamond_point(PF_FACET_ANTICIPATORY, rings[i], &x, &y);
        pf__svg_printf(s,
                       "<text x=\"%n\" y=\"%n\" font-size=\"10\" text-anchor=\"end\" fill=\"%s\" "
                       "stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\">%0</text>\n",
                       x - 3, y + 14, PF_SVG_INK2, rings[i]);
    }
}

pf_status pf_chart_diamond(const pf_scores *scores, const pf_chart_options *opts, pf_buf *out, pf_error *err)
{
    if (!scores || !out)
        return pf__fail(err, PF_EARG, "scores or out is NULL");
    pf__lang lang;
    unsigned width;
    pf_status st = pf__svg_options(opts, &lang, &width, err);
    if (st != PF_OK)
        return st;
    const pf_group *all = pf_scores_overall(scores);
    size_t n = all->stats[PF_GROUP_ENHANCEMENT].n;
    double threshold = pf_scores_options(scores)->strong_threshold;
    pf_role roles[PF_ROLE_COUNT];
    size_t role_count = 0;
    for (int r = 0; r < PF_ROLE_COUNT; r++)
        if (pf_scores_by_role(scores, (pf_role)r)->stats[PF_GROUP_ENHANCEMENT].n > 0)
            roles[role_count++] = (pf_role)r;
    bool overlay = role_count >= 2;

    char names[PF_ROLE_COUNT + 1][160];
    pf_chart_legend_item legend[PF_ROLE_COUNT + 1];
    size_t legend_count = 0;
    if (n > 0) {
        pf__chart_with_count(names[0], sizeof names[0], pf__label(lang, "role.everyone"), n);
        legend[legend_count++] = (pf_chart_legend_item){ names[0], PF_SVG_BLUE, NULL, true, 3 };
    }
    for (size_t i = 0; overlay && i < role_count; i++) {
        pf__chart_with_count(names[i + 1], sizeof names[i + 1], pf__label_role(lang, roles[i]),
                             pf_scores_by_role(scores, roles[i])->stats[0].n);
        legend[legend_count++] = (pf_chart_legend_item){ names[i + 1], pf__svg_role_colour(roles[i]),
                                                         pf__svg_role_dash(roles[i]), true, 2 };
    }
    double legend_y = DIAMOND_CY + DIAMOND_R + 66;
    size_t rows = pf__chart_legend_rows(legend, legend_count, DIAMOND_W - 48);
    double h = legend_y + (double)(rows ? rows : 1) * LEGEND_ROW;

    pf_svg s;
    const char *title = pf__label(lang, "chart.diamond.title");
    pf__svg_begin(&s, out, pf__scores_allocator(scores), lang, DIAMOND_W, h, width, title);
    double means[PF_FACET_COUNT];
    group_means(all, means);
    if (n == 0) {
        pf__svg_printf(&s, "%t", pf__label(lang, "chart.no_respondents"));
    } else {
        pf__svg_printf(&s, "%t (%z %t%; %t 0–100, %t %0)%: ", pf__label(lang, "chart.orientation.mean"), n,
                       pf__label_count(lang, "chart.respondent", "chart.respondents", n), pf__label(lang, "chart.scale"),
                       pf__label(lang, "chart.strong_from"), threshold);
        desc_facets(&s, means, false);
        pf__svg_printf(&s, ".");
        for (size_t i = 0; overlay && i < role_count; i++) {
            const pf_group *g = pf_scores_by_role(scores, roles[i]);
            double v[PF_FACET_COUNT];
            group_means(g, v);
            if (i == 0)
                pf__svg_printf(&s, " %t%: ", pf__label(lang, "chart.by_role"));
            pf__svg_printf(&s, i ? "%; %l (n=%z)%: " : "%l (n=%z)%: ", pf__label_role(lang, roles[i]), g->stats[0].n);
            desc_facets(&s, v, false);
        }
        if (overlay)
            pf__svg_printf(&s, ".");
    }
    pf__svg_desc_end(&s);
    char subtitle[200];
    if (n > 0) {
        char num[48];
        pf__format_fixed((double)n, 0, true, num);
        snprintf(subtitle, sizeof subtitle, "%s %s %s, 0–100", pf__label(lang, "chart.mean_of"), num,
                 pf__label_count(lang, "chart.respondent", "chart.respondents", n));
    }
    pf__svg_heading(&s, title, n > 0 ? subtitle : pf__label(lang, "chart.no_respondents"));

    pf__chart_diamond_grid(&s, threshold);
    /* Roles under everyone. */
    for (size_t i = 0; overlay && i < role_count; i++) {
        double v[PF_FACET_COUNT];
        group_means(pf_scores_by_role(scores, roles[i]), v);
        pf__svg_printf(&s, "<polygon points=\"");
        pf__chart_diamond_polygon(&s, v);
        pf__svg_printf(&s, "\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\" stroke-dasharray=\"%s\" "
                           "stroke-linejoin=\"round\"/>\n",
                       pf__svg_role_colour(roles[i]), pf__svg_role_dash(roles[i]));
    }
    if (n > 0) {
        pf__svg_printf(&s, "<polygon points=\"");
        pf__chart_diamond_polygon(&s, means);
        pf__svg_printf(&s,
                       "\" fill=\"%s\" fill-opacity=\"0.16\" stroke=\"%s\" stroke-width=\"3\" "
                       "stroke-linejoin=\"round\"/>\n",
                       PF_SVG_BLUE, PF_SVG_BLUE);
        for (int f = 0; f < PF_FACET_COUNT; f++) {
            double x, y, lx, ly;
            pf__chart_diamond_point((pf_facet)f, means[f], &x, &y);
            /* The value's label no nearer the centre than 24 px, so that small values do not collide. */
            pf__chart_diamond_point((pf_facet)f, means[f] < 24 * 100 / DIAMOND_R ? 24 * 100 / DIAMOND_R : means[f], &lx, &ly);
            pf__svg_printf(&s, "<circle cx=\"%n\" cy=\"%n\" r=\"4.5\" fill=\"%s\" stroke=\"#ffffff\" stroke-width=\"1.5\"/>\n",
                           x, y, PF_SVG_BLUE);
            /* Values beside their point, away from the axis and the scale. */
            bool horizontal = f == PF_FACET_ENHANCEMENT || f == PF_FACET_ANTICIPATORY;
            double tx = horizontal ? lx : lx + 10, ty = horizontal ? ly - 11 : ly + (f == PF_FACET_MISSION ? -4 : 14);
            pf__svg_printf(&s,
                           "<text x=\"%n\" y=\"%n\" font-size=\"15\" font-weight=\"700\" text-anchor=\"%s\" "
                           "stroke=\"#ffffff\" stroke-width=\"4\" paint-order=\"stroke\">%0</text>\n",
                           tx, ty, horizontal ? "middle" : "start", means[f]);
        }
    } else {
        pf__svg_printf(&s, "<text x=\"%n\" y=\"%n\" text-anchor=\"middle\" fill=\"%s\">%t</text>\n", DIAMOND_CX,
                       DIAMOND_CY + 40, PF_SVG_INK2, pf__label(lang, "chart.no_respondents"));
    }
    pf__chart_legend(&s, DIAMOND_CX, legend_y, DIAMOND_W - 48, legend, legend_count);
    return pf__svg_end(&s, err);
}

/* ---- capability ---- */

#define WIDE_W 720.0

static pf_level pct_level(double pct)
{
    return 3 * pct < 100 ? PF_LEVEL_LOW : 3 * pct >= 200 ? PF_LEVEL_HIGH : PF_LEVEL_MEDIUM;
}

pf_status pf_chart_capability(const pf_scores *scores, const pf_chart_options *opts, pf_buf *out, pf_error *err)
{
    if (!scores || !out)
        return pf__fail(err, PF_EARG, "scores or out is NULL");
    pf__lang lang;
    unsigned width;
    pf_status st = pf__svg_options(opts, &lang, &width, err);
    if (st != PF_OK)
        return st;
    const pf_group *all = pf_scores_overall(scores);
    const pf_stats *score = &all->stats[PF_GROUP_CAPABILITY];
    size_t n = score->n;
    pf__capability_scale scale = pf__scores_capability_scale(scores);
    double span = scale.max - scale.min > 0 ? scale.max - scale.min : 1;

    pf_chart_bar_row rows[PF_DIMENSION_COUNT];
    static const pf_chart_series series[1] = { { NULL, PF_SVG_BLUE } };
    memset(rows, 0, sizeof rows);
    for (int d = 0; d < PF_DIMENSION_COUNT; d++) {
        rows[d].label = pf__label_dimension(lang, (pf_dimension)d);
        rows[d].value[0] = all->stats[PF_GROUP_SENSE_MAKING + d].mean;
        rows[d].present[0] = n > 0;
    }
    pf_chart_bars bars = { .x = 24, .y = 222, .width = WIDE_W - 48, .label_w = 230, .note_w = 80,
                           .note_heading = pf__label(lang, "chart.level"), .max = 100, .step = 25,
                           .fmt = PF_CHART_ONE, .series_count = 1, .series = series,
                           .row_count = PF_DIMENSION_COUNT, .rows = rows, .bar_h = 16, .row_gap = 10 };
    double h = bars.y + pf__chart_bars_height(&bars) + 28;

    pf_svg s;
    const char *title = pf__label(lang, "chart.capability.title");
    pf__svg_begin(&s, out, pf__scores_allocator(scores), lang, WIDE_W, h, width, title);
    if (n == 0) {
        pf__svg_printf(&s, "%t", pf__label(lang, "chart.no_respondents"));
    } else {
        pf__svg_printf(&s, "%t (%l %z %t)%: %1 %t %0, %l (%l %t %0, %l %t %0). %t%: ",
                       pf__label(lang, "chart.capability.score"), pf__label(lang, "chart.mean_of"), n,
                       pf__label_count(lang, "chart.respondent", "chart.respondents", n), score->mean,
                       pf__label(lang, "chart.out_of"), scale.max, pf__label_level(lang, all->capability_level),
                       pf__label_level(lang, PF_LEVEL_MEDIUM), pf__label(lang, "chart.from"), scale.medium_from,
                       pf__label_level(lang, PF_LEVEL_HIGH), pf__label(lang, "chart.from"), scale.high_from,
                       pf__label(lang, "chart.capability.dimensions"));
        for (int d = 0; d < PF_DIMENSION_COUNT; d++)
            pf__svg_printf(&s, "%s%l %1 (%l)", d ? ", " : "", rows[d].label, rows[d].value[0],
                           pf__label_level(lang, pct_level(rows[d].value[0])));
        pf__svg_printf(&s, ".");
    }
    pf__svg_desc_end(&s);
    char subtitle[160];
    if (n > 0) {
        char num[48];
        pf__format_fixed((double)n, 0, true, num);
        snprintf(subtitle, sizeof subtitle, "%s %s %s", pf__label(lang, "chart.mean_of"), num,
                 pf__label_count(lang, "chart.respondent", "chart.respondents", n));
    }
    pf__svg_heading(&s, title, n > 0 ? subtitle : pf__label(lang, "chart.no_respondents"));

    /* The gauge: the score's range in three bands, the mean as a bar with a marker. */
    double gx = 24, gw = WIDE_W - 48, gy = 112, gh = 40;
    pf__svg_printf(&s, "<text x=\"%n\" y=\"82\" font-size=\"14\" font-weight=\"700\">%t</text>\n", gx,
                   pf__label(lang, "chart.capability.score"));
    const double bounds[4] = { scale.min, scale.medium_from, scale.high_from, scale.max };
    static const char *const tints[3] = { "#f7d9c4", "#f9e7b5", "#c6e8dc" };
    for (int b = 0; b < 3; b++) {
        double x0 = gx + gw * (bounds[b] - scale.min) / span, x1 = gx + gw * (bounds[b + 1] - scale.min) / span;
        if (x1 <= x0)
            continue;
        pf__svg_printf(&s,
                       "<rect x=\"%n\" y=\"%n\" width=\"%n\" height=\"%n\" fill=\"%s\"/>\n"
                       "<text x=\"%n\" y=\"%n\" font-size=\"11\" fill=\"%s\">%t</text>\n",
                       x0, gy, x1 - x0, gh, tints[b], x0 + 6, gy + 14, PF_SVG_INK2,
                       pf__label_level(lang, (pf_level)b));
    }
    for (int b = 0; b < 4; b++) {
        double x = gx + gw * (bounds[b] - scale.min) / span;
        pf__svg_printf(&s,
                       "<line x1=\"%n\" y1=\"%n\" x2=\"%n\" y2=\"%n\" stroke=\"%s\"/>\n"
                       "<text x=\"%n\" y=\"%n\" font-size=\"11\" text-anchor=\"%s\" fill=\"%s\">%0</text>\n",
                       x, gy + gh, x, gy + gh + 5, PF_SVG_AXIS, x, gy + gh + 18,
                       b == 0 ? "start" : b == 3 ? "end" : "middle", PF_SVG_INK2, bounds[b]);
    }
    if (n > 0) {
        double v = score->mean < scale.min ? scale.min : score->mean > scale.max ? scale.max : score->mean;
        double x = gx + gw * (v - scale.min) / span;
        pf__svg_printf(&s,
                       "<rect x=\"%n\" y=\"%n\" width=\"%n\" height=\"14\" fill=\"%s\"/>\n"
                       "<line x1=\"%n\" y1=\"%n\" x2=\"%n\" y2=\"%n\" stroke=\"%s\" stroke-width=\"2.5\"/>\n"
                       "<text x=\"%n\" y=\"%n\" font-size=\"15\" font-weight=\"700\" text-anchor=\"%s\">%1 · %t</text>\n",
                       gx, gy + 20, x - gx, PF_SVG_BLUE, x, gy - 6, x, gy + gh, PF_SVG_INK, x, gy - 10,
                       x < gx + 80 ? "start" : x > gx + gw - 80 ? "end" : "middle", score->mean,
                       pf__label_level(lang, all->capability_level));
    }

    /* The six dimensions. */
    pf__svg_printf(&s, "<text x=\"%n\" y=\"%n\" font-size=\"14\" font-weight=\"700\">%t</text>\n", gx, bars.y - 14,
                   pf__label(lang, "chart.capability.dimensions"));
    pf__chart_bars(&s, &bars);
    /* The thirds that separate the levels, and each dimension's level in the last column. */
    double bx = bars.x + bars.label_w, pw = bars.width - bars.label_w - bars.note_w - 56;
    double top = bars.y + 24;
    for (int t = 1; t <= 2; t++) {
        double x = bx + pw * t / 3;
        pf__svg_printf(&s,
                       "<line x1=\"%n\" y1=\"%n\" x2=\"%n\" y2=\"%n\" stroke=\"%s\" stroke-dasharray=\"3 3\"/>\n", x,
                       top - 6, x, top + PF_DIMENSION_COUNT * (bars.bar_h + bars.row_gap) - bars.row_gap + 2,
                       PF_SVG_AXIS);
    }
    double below = top + PF_DIMENSION_COUNT * (bars.bar_h + bars.row_gap) - bars.row_gap + 16;
    for (int t = 0; t < 3; t++)
        pf__svg_printf(&s, "<text x=\"%n\" y=\"%n\" font-size=\"10\" text-anchor=\"middle\" fill=\"%s\">%t</text>\n",
                       bx + pw * (2 * t + 1) / 6, below, PF_SVG_INK2, pf__label_level(lang, (pf_level)t));
    for (int d = 0; n > 0 && d < PF_DIMENSION_COUNT; d++) {
        double y = top + d * (bars.bar_h + bars.row_gap) + bars.bar_h / 2 + 4;
        pf__svg_printf(&s, "<text x=\"%n\" y=\"%n\" text-anchor=\"end\" font-weight=\"600\">%t</text>\n",
                       bars.x + bars.width, y, pf__label_level(lang, pct_level(rows[d].value[0])));
    }
    return pf__svg_end(&s, err);
}

/* ---- target versus actual mix ---- */

static void facet_rows(pf__lang lang, pf_chart_bar_row rows[PF_FACET_COUNT])
{
    memset(rows, 0, PF_FACET_COUNT * sizeof *rows);
    for (int f = 0; f < PF_FACET_COUNT; f++)
        rows[f].label = pf__label_facet(lang, (pf_facet)f);
}

pf_status pf_chart_targets(const pf_map *map, const pf_chart_options *opts, pf_buf *out, pf_error *err)
{
    if (!map || !out)
        return pf__fail(err, PF_EARG, "map or out is NULL");
    pf__lang lang;
    unsigned width;
    pf_status st = pf__svg_options(opts, &lang, &width, err);
    if (st != PF_OK)
        return st;
    const pf_metrics *m = pf_map_metrics(map);
    bool targets = m->has_targets;
    pf_chart_series series[2] = { { pf__label(lang, "chart.actual"), PF_SVG_BLUE },
                                  { pf__label(lang, "chart.target"), PF_SVG_ORANGE } };
    pf_chart_bar_row rows[PF_FACET_COUNT];
    facet_rows(lang, rows);
    double top = 0, actual[PF_FACET_COUNT], target[PF_FACET_COUNT];
    for (int f = 0; f < PF_FACET_COUNT; f++) {
        actual[f] = m->share[f] * 100;
        target[f] = m->target[f] * 100;
        rows[f].value[0] = m->share[f] * 100;
        rows[f].present[0] = m->has_shares;
        rows[f].value[1] = m->target[f] * 100;
        rows[f].present[1] = targets;
        rows[f].note = m->gap[f] * 100;
        rows[f].has_note = targets && m->has_shares;
        top = fmax(top, fmax(rows[f].value[0], targets ? rows[f].value[1] : 0));
    }
    pf_chart_legend_item legend[2] = { { series[0].name, series[0].colour, NULL, false, 0 },
                                       { series[1].name, series[1].colour, NULL, false, 0 } };
    pf_chart_bars bars = { .x = 24, .y = 104, .width = WIDE_W - 48, .label_w = 150, .note_w = targets ? 90 : 0,
                           .max = pf__chart_nice_max(top, 10), .step = 10, .fmt = PF_CHART_PERCENT,
                           .series_count = targets ? 2 : 1, .series = series, .row_count = PF_FACET_COUNT,
                           .rows = rows, .bar_h = 18, .bar_gap = 3, .row_gap = 16 };
    char gap_heading[96];
    snprintf(gap_heading, sizeof gap_heading, "%s (%s)", pf__label(lang, "chart.gap"), pf__label(lang, "chart.points"));
    if (targets)
        bars.note_heading = gap_heading;
    double h = bars.y + pf__chart_bars_height(&bars) + 12;

    pf_svg s;
    const char *title = pf__label(lang, "chart.targets.title");
    pf__svg_begin(&s, out, pf__map_allocator(map), lang, WIDE_W, h, width, title);
    char counts[3][48];
    pf__format_fixed((double)m->weighted, 0, true, counts[0]);
    pf__format_fixed((double)m->placed, 0, true, counts[1]);
    pf__format_fixed((double)m->projects, 0, true, counts[2]);
    char subtitle[240];
    snprintf(subtitle, sizeof subtitle, "%s %s, %s %s (%s / %s %s)", counts[0],
             pf__label_count(lang, "chart.project", "chart.projects", m->weighted),
             pf__label(lang, "chart.weighted_by"), pf__label_of(lang, "weighting", pf_weighting_name(m->weighting)),
             counts[1], counts[2], pf__label_count(lang, "chart.placed.one", "chart.placed", m->placed));
    pf__svg_printf(&s, "%t. ", subtitle);
    if (!m->has_shares) {
        pf__svg_printf(&s, "%t", pf__label(lang, "chart.no_shares"));
    } else {
        pf__svg_printf(&s, "%t%: ", series[0].name);
        desc_facets(&s, actual, true);
        pf__svg_printf(&s, ".");
    }
    if (targets) {
        pf__svg_printf(&s, " %t%: ", series[1].name);
        desc_facets(&s, target, true);
        pf__svg_printf(&s, ".");
    } else {
        pf__svg_printf(&s, " %t", pf__label(lang, "chart.no_targets"));
    }
    pf__svg_desc_end(&s);
    pf__svg_heading(&s, title, subtitle);
    pf__chart_legend(&s, WIDE_W / 2, 80, WIDE_W - 48, legend, targets ? 2 : 1);
    if (m->has_shares || targets)
        pf__chart_bars(&s, &bars);
    if (!m->has_shares || !targets)
        pf__svg_printf(&s, "<text x=\"%n\" y=\"80\" text-anchor=\"end\" fill=\"%s\">%t</text>\n", WIDE_W - 24,
                       PF_SVG_INK2, pf__label(lang, m->has_shares ? "chart.no_targets" : "chart.no_shares"));
    return pf__svg_end(&s, err);
}

/* ---- roles ---- */

pf_status pf_chart_roles(const pf_scores *scores, const pf_chart_options *opts, pf_buf *out, pf_error *err)
{
    if (!scores || !out)
        return pf__fail(err, PF_EARG, "scores or out is NULL");
    pf__lang lang;
    unsigned width;
    pf_status st = pf__svg_options(opts, &lang, &width, err);
    if (st != PF_OK)
        return st;
    double threshold = pf_scores_options(scores)->strong_threshold;
    pf_role roles[PF_ROLE_COUNT];
    size_t role_count = 0;
    for (int r = 0; r < PF_ROLE_COUNT; r++)
        if (pf_scores_by_role(scores, (pf_role)r)->stats[PF_GROUP_ENHANCEMENT].n > 0)
            roles[role_count++] = (pf_role)r;
    char names[PF_ROLE_COUNT][160];
    pf_chart_series series[PF_ROLE_COUNT];
    pf_chart_legend_item legend[PF_ROLE_COUNT];
    pf_chart_bar_row rows[PF_FACET_COUNT];
    facet_rows(lang, rows);
    for (size_t i = 0; i < role_count; i++) {
        const pf_group *g = pf_scores_by_role(scores, roles[i]);
        pf__chart_with_count(names[i], sizeof names[i], pf__label_role(lang, roles[i]), g->stats[0].n);
        series[i] = (pf_chart_series){ names[i], pf__svg_role_colour(roles[i]) };
        legend[i] = (pf_chart_legend_item){ names[i], series[i].colour, NULL, false, 0 };
        for (int f = 0; f < PF_FACET_COUNT; f++) {
            rows[f].value[i] = g->stats[f].mean;
            rows[f].present[i] = true;
        }
    }
    char reference[96];
    char num[48];
    pf__format_decimal(lang, threshold, 0, num);
    snprintf(reference, sizeof reference, "%s %s", pf__label(lang, "chart.strong_from"), num);
    size_t legend_rows = pf__chart_legend_rows(legend, role_count, WIDE_W - 48);
    pf_chart_bars bars = { .x = 24, .y = 84 + (double)legend_rows * LEGEND_ROW, .width = WIDE_W - 48,
                           .label_w = 150, .max = 100, .step = 25, .fmt = PF_CHART_INT, .reference = threshold,
                           .reference_label = threshold > 0 && threshold < 100 ? reference : NULL,
                           .series_count = role_count ? role_count : 1, .series = series,
                           .row_count = role_count ? PF_FACET_COUNT : 0, .rows = rows, .bar_h = 14, .bar_gap = 2,
                           .row_gap = 16 };
    double h = role_count ? bars.y + pf__chart_bars_height(&bars) + 12 : 110;

    pf_svg s;
    const char *title = pf__label(lang, "chart.roles.title");
    pf__svg_begin(&s, out, pf__scores_allocator(scores), lang, WIDE_W, h, width, title);
    if (!role_count)
        pf__svg_printf(&s, "%t", pf__label(lang, "chart.no_respondents"));
    for (size_t i = 0; i < role_count; i++) {
        pf__svg_printf(&s, i ? " %t%: " : "%t%: ", names[i]);
        double v[PF_FACET_COUNT] = { rows[0].value[i], rows[1].value[i], rows[2].value[i], rows[3].value[i] };
        desc_facets(&s, v, false);
        pf__svg_printf(&s, ".");
    }
    pf__svg_desc_end(&s);
    char subtitle[200];
    snprintf(subtitle, sizeof subtitle, "%s (0–100), %s", pf__label(lang, "chart.orientation.mean"), reference);
    pf__svg_heading(&s, title, role_count ? subtitle : pf__label(lang, "chart.no_respondents"));
    if (role_count) {
        pf__chart_legend(&s, WIDE_W / 2, 80, WIDE_W - 48, legend, role_count);
        pf__chart_bars(&s, &bars);
    }
    return pf__svg_end(&s, err);
}

/* ---- change between two documents ---- */

static void compare_rows(const pf_comparison *cmp, pf__lang lang, const char *prefix, double scale,
                         pf_chart_bar_row rows[PF_FACET_COUNT], double *top)
{
    facet_rows(lang, rows);
    for (int f = 0; f < PF_FACET_COUNT; f++) {
        char name[64];
        snprintf(name, sizeof name, "%s%s", prefix, pf_facet_name((pf_facet)f));
        const pf_metric_change *c = pf_comparison_find(cmp, name);
        rows[f].present[0] = c && c->in_old;
        rows[f].present[1] = c && c->in_new;
        rows[f].value[0] = c ? c->old_value * scale : 0;
        rows[f].value[1] = c ? c->new_value * scale : 0;
        rows[f].has_note = c && c->in_old && c->in_new;
        rows[f].note = c ? (c->new_value - c->old_value) * scale : 0;
        *top = fmax(*top, fmax(rows[f].value[0], rows[f].value[1]));
    }
}

static void desc_compare(pf_svg *s, const char *heading, const pf_chart_bar_row rows[PF_FACET_COUNT], bool percent)
{
    pf__svg_printf(s, " %t%: ", heading);
    for (int f = 0; f < PF_FACET_COUNT; f++) {
        pf__svg_printf(s, "%s%l ", f ? ", " : "", rows[f].label);
        for (int k = 0; k < 2; k++) {
            if (k)
                pf__svg_printf(s, " → ");
            if (!rows[f].present[k])
                pf__svg_printf(s, "%t", pf__label(s->lang, "chart.n_a"));
            else
                pf__svg_printf(s, percent ? "%p" : "%1", rows[f].value[k]);
        }
        if (rows[f].has_note)
            pf__svg_printf(s, " (%+)", rows[f].note);
    }
    pf__svg_printf(s, ".");
}

pf_status pf_chart_compare(const pf_comparison *cmp, const pf_chart_options *opts, pf_buf *out, pf_error *err)
{
    if (!cmp || !out)
        return pf__fail(err, PF_EARG, "cmp or out is NULL");
    pf__lang lang;
    unsigned width;
    pf_status st = pf__svg_options(opts, &lang, &width, err);
    if (st != PF_OK)
        return st;
    pf_chart_series series[2] = { { pf__label(lang, "chart.before"), PF_SVG_SKY },
                                  { pf__label(lang, "chart.after"), PF_SVG_BLUE } };
    pf_chart_legend_item legend[2] = { { series[0].name, series[0].colour, NULL, false, 0 },
                                       { series[1].name, series[1].colour, NULL, false, 0 } };
    pf_chart_bar_row orientation[PF_FACET_COUNT], shares[PF_FACET_COUNT];
    double top_o = 0, top_s = 0;
    compare_rows(cmp, lang, "orientation.", 1, orientation, &top_o);
    compare_rows(cmp, lang, "portfolio.share.", 100, shares, &top_s);
    pf_chart_bars p1 = { .x = 24, .y = 126, .width = WIDE_W - 48, .label_w = 150, .note_w = 80,
                         .note_heading = pf__label(lang, "chart.change"), .max = 100, .step = 25, .fmt = PF_CHART_ONE,
                         .series_count = 2, .series = series, .row_count = PF_FACET_COUNT, .rows = orientation,
                         .bar_h = 14, .bar_gap = 2, .row_gap = 14 };
    pf_chart_bars p2 = p1;
    p2.y = p1.y + pf__chart_bars_height(&p1) + 48;
    p2.rows = shares;
    p2.max = pf__chart_nice_max(top_s, 10);
    p2.step = 10;
    p2.fmt = PF_CHART_PERCENT;
    char change_points[96];
    snprintf(change_points, sizeof change_points, "%s (%s)", pf__label(lang, "chart.change"),
             pf__label(lang, "chart.points"));
    p2.note_heading = change_points;
    double h = p2.y + pf__chart_bars_height(&p2) + 12;

    size_t kinds[3] = { 0, 0, 0 };
    for (size_t i = 0; i < pf_comparison_project_count(cmp); i++)
        kinds[pf_comparison_project_at(cmp, i)->kind]++;
    const pf_metric_change *projects = pf_comparison_find(cmp, "portfolio.projects");
    char subtitle[640], num[5][48];
    pf__format_fixed(projects ? projects->old_value : 0, 0, true, num[0]);
    pf__format_fixed(projects ? projects->new_value : 0, 0, true, num[1]);
    for (int k = 0; k < 3; k++)
        pf__format_fixed((double)kinds[k], 0, true, num[2 + k]);
    char before[64], after[64];
    pf__lower_first(series[0].name, before, sizeof before);
    pf__lower_first(series[1].name, after, sizeof after);
    /* "Projects: 27 before, ..."; French puts a no-break space before the colon. */
    snprintf(subtitle, sizeof subtitle, "%s%s %s %s, %s %s (%s %s, %s %s, %s %s)", pf__label(lang, "heading.projects"),
             lang == PF__LANG_FR ? "\xC2\xA0:" : ":", num[0], before, num[1], after, num[2],
             pf__label_count(lang, "chart.added.one", "chart.added", kinds[PF_CHANGE_ADDED]), num[3],
             pf__label_count(lang, "chart.removed.one", "chart.removed", kinds[PF_CHANGE_REMOVED]), num[4],
             pf__label_count(lang, "chart.moved.one", "chart.moved", kinds[PF_CHANGE_MOVED]));

    pf_svg s;
    const char *title = pf__label(lang, "chart.compare.title");
    pf__svg_begin(&s, out, pf__comparison_allocator(cmp), lang, WIDE_W, h, width, title);
    pf__svg_printf(&s, "%t.", subtitle);
    desc_compare(&s, pf__label(lang, "chart.compare.orientation"), orientation, false);
    desc_compare(&s, pf__label(lang, "chart.compare.shares"), shares, true);
    pf__svg_desc_end(&s);
    pf__svg_heading(&s, title, subtitle);
    pf__chart_legend(&s, WIDE_W / 2, 80, WIDE_W - 48, legend, 2);
    pf__svg_printf(&s, "<text x=\"24\" y=\"%n\" font-size=\"14\" font-weight=\"700\">%t</text>\n", p1.y - 14,
                   pf__label(lang, "chart.compare.orientation"));
    pf__chart_bars(&s, &p1);
    pf__svg_printf(&s, "<text x=\"24\" y=\"%n\" font-size=\"14\" font-weight=\"700\">%t</text>\n", p2.y - 14,
                   pf__label(lang, "chart.compare.shares"));
    pf__chart_bars(&s, &p2);
    return pf__svg_end(&s, err);
}
