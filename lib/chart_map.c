/*
 * The project map chart (pf_chart_map): the nine zones of the diamond, a dot
 * per placed project, dots at one position fanned out, and labels placed
 * greedily where they overlap nothing.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart_common.h"
#include "xml.h"

#define MAP_W PF_CHART_MAP_W
#define MAP_H 640.0
#define CX 360.0
#define CY 340.0
#define R 220.0
/* Zone boundaries in the diamond's own coordinates: where a share of 0.6 puts them along the edges. */
#define CUT 0.2
#define LABEL_FONT 11.0
#define LABEL_LINE 13.0
#define LABEL_MAX_EM 15.0
/* Past this many placed projects the map shows dots only: labels would not be readable anyway. */
#define MAX_LABELLED 250
/* A position lists at most this many labels, the last saying how many more there are. */
#define MAX_LINES 10
/* However many dots share a position, their fan stays within this radius (they overlap beyond). */
#define MAX_FAN 44.0
/* A block of labels moves at most this many 12 px steps away from its dots, plus one per line past the first. */
#define MAX_RING 8

typedef struct box {
    double x0, y0, x1, y1;
} box;

typedef struct dot {
    size_t index;        /* in the map */
    long long kx, ky;    /* position rounded, for grouping */
    double px, py;       /* where the dot is drawn (fanned out) */
    double r;
    const char *text;    /* label: id or title */
    const char *title;   /* the project's title, or NULL */
    pf_priority priority;
} dot;

typedef struct group {
    size_t first, count; /* a run of dots */
    double cx, cy;       /* the true position */
    double rc;           /* radius of the fan, dots included */
} group;

/* The order in which groups get their labels: a total order, so qsort is deterministic. */
typedef struct rank {
    size_t count, first_index, group;
} rank;

static int by_size(const void *a, const void *b)
{
    const rank *x = a, *y = b;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    return x->first_index < y->first_index ? -1 : x->first_index > y->first_index;
}

typedef struct block {
    box b;
    int align;           /* -1 right-aligned (block on the left), 0 centred, 1 left-aligned */
    bool leader;
} block;

static double dot_radius(const pf_doc *doc, pf_priority p)
{
    if (!doc)
        return 5.5;
    switch (p) {
    case PF_PRIORITY_HIGH: return 8;
    case PF_PRIORITY_MEDIUM: return 5.5;
    case PF_PRIORITY_LOW: return 3.5;
    default: return 4.5;
    }
}

static int by_position(const void *a, const void *b)
{
    const dot *x = a, *y = b;
    if (x->kx != y->kx)
        return x->kx < y->kx ? -1 : 1;
    if (x->ky != y->ky)
        return x->ky < y->ky ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

/* Pixel position of a map position (x right = anticipatory, y up = mission). */
static void to_px(double x, double y, double *px, double *py)
{
    *px = CX + x * R;
    *py = CY - y * R;
}

/* Pixel position of the diamond coordinates u = x + y, v = y - x. */
static void uv_px(double u, double v, double *px, double *py)
{
    to_px((u - v) / 2, (u + v) / 2, px, py);
}

/*
 * Fans the dots of a group out around its position: a ring for up to six, a
 * sunflower beyond. A group on the diamond's outline is moved inwards by the
 * fan's radius, so that its dots stay on the map rather than in the margin.
 */
static void fan(dot *d, group *g, double x, double y)
{
    double rmax = 0;
    for (size_t i = 0; i < g->count; i++)
        rmax = fmax(rmax, d[i].r);
    if (g->count == 1) {
        d[0].px = g->cx;
        d[0].py = g->cy;
        g->rc = d[0].r;
        return;
    }
    const double pi = 3.14159265358979323846;
    double spacing = 2 * rmax + 3;
    g->rc = 0;
    for (size_t i = 0; i < g->count; i++) {
        double rr, a;
        if (g->count <= 6) {
            double k = (double)g->count;
            rr = spacing / (2 * sin(pi / k));
            a = -pi / 2 + pi / k + 2 * pi * (double)i / k;
        } else {
            double widest = spacing * 0.56 * sqrt((double)g->count - 0.5);
            double shrink = widest > MAX_FAN - rmax ? (MAX_FAN - rmax) / widest : 1;
            rr = spacing * 0.56 * sqrt((double)i + 0.5) * shrink;
            a = (double)i * 2.399963229728653; /* the golden angle */
        }
        d[i].px = rr * cos(a);
        d[i].py = rr * sin(a);
        g->rc = fmax(g->rc, rr + d[i].r);
    }
    double ux = 0, uy = 0; /* inwards, in pixels (y down) */
    if (fabs(x) + fabs(y) > 1 - 1e-9) {
        ux = x > 1e-9 ? -1 : x < -1e-9 ? 1 : 0;
        uy = y > 1e-9 ? 1 : y < -1e-9 ? -1 : 0;
        double len = sqrt(ux * ux + uy * uy);
        ux /= len;
        uy /= len;
    }
    for (size_t i = 0; i < g->count; i++) {
        d[i].px += g->cx + ux * (g->rc - rmax);
        d[i].py += g->cy + uy * (g->rc - rmax);
    }
    g->cx += ux * (g->rc - rmax);
    g->cy += uy * (g->rc - rmax);
}

static double overlap(const box *a, const box *b)
{
    double w = fmin(a->x1, b->x1) - fmax(a->x0, b->x0), h = fmin(a->y1, b->y1) - fmax(a->y0, b->y0);
    return w > 0 && h > 0 ? w * h : 0;
}

typedef struct layout {
    box *obstacles;
    size_t count, cap;
    const pf_allocator *alloc;
} layout;

static pf_status add_obstacle(layout *l, box b)
{
    if (pf__grow(l->alloc, (void **)&l->obstacles, &l->cap, l->count + 1, sizeof *l->obstacles) != PF_OK)
        return PF_ENOMEM;
    l->obstacles[l->count++] = b;
    return PF_OK;
}

/* How much a box at this place would cover: obstacles, and anything outside the drawing area. */
static double cost(const layout *l, const box *b)
{
    double c = 0;
    if (b->x0 < 4 || b->x1 > MAP_W - 4 || b->y0 < 62 || b->y1 > MAP_H - 34)
        c += 1e6;
    for (size_t i = 0; i < l->count; i++)
        c += overlap(b, &l->obstacles[i]);
    return c;
}

/* Keeps the cheapest place seen; true once a place covers nothing. */
static bool consider(const layout *l, block *best, double *best_cost, double x0, double y0, double bw, double bh,
                     int align, bool leader)
{
    box b = { x0, y0, x0 + bw, y0 + bh };
    double c = cost(l, &b);
    if (c < *best_cost) {
        *best_cost = c;
        best->b = b;
        best->align = align;
        best->leader = leader;
    }
    return c == 0;
}

/*
 * Places the label block of a group: beside it (first on the side facing the
 * centre of the diamond), sliding up and down along it, then above or below,
 * sliding sideways, then each of these further away, with a leader line. The
 * first place that covers nothing wins. False when there is none: the labels
 * are left out rather than drawn over something.
 */
static bool place_block(const layout *l, const group *g, double bw, double bh, block *out)
{
    block best = { { 0, 0, 0, 0 }, 1, false };
    double best_cost = INFINITY;
    double rc = g->rc, gx = g->cx, gy = g->cy;
    int first = gx > CX + 1 ? -1 : 1; /* the side towards the centre */
    int rings = MAX_RING + (int)(bh / LABEL_LINE) - 1;
    for (int ring = 0; ring <= rings; ring++) {
        double far = ring * 12.0;
        bool leader = ring > 0;
        int slides = (int)ceil((bh / 2 + rc) / 8);
        for (int k = 0; k <= 2 * slides; k++) {
            double dy = (double)((k + 1) / 2) * (k % 2 ? 8.0 : -8.0);
            for (int side = 0; side < 2; side++) {
                int dir = side ? -first : first;
                double x0 = dir > 0 ? gx + rc + 4 + far : gx - rc - 4 - bw - far;
                bool away = leader || fabs(dy) > bh / 2 + 2;
                if (consider(l, &best, &best_cost, x0, gy - bh / 2 + dy, bw, bh, dir, away)) {
                    *out = best;
                    return true;
                }
            }
        }
        int across = (int)ceil(bw / 2 / 12);
        for (int k = 0; k <= 2 * across; k++) {
            double dx = (double)((k + 1) / 2) * (k % 2 ? 12.0 : -12.0);
            if (consider(l, &best, &best_cost, gx - bw / 2 + dx, gy - rc - 2 - bh - far, bw, bh, 0, leader) ||
                consider(l, &best, &best_cost, gx - bw / 2 + dx, gy + rc + 2 + far, bw, bh, 0, leader)) {
                *out = best;
                return true;
            }
        }
    }
    return false;
}

/* How far the dots of the group at (x, y) on the map reach beyond its pixel position in direction (ux, uy). */
static double reach(const dot *dots, const group *groups, size_t count, double x, double y, double ux, double uy)
{
    double px, py, r = 0;
    to_px(x, y, &px, &py);
    for (size_t i = 0; i < count; i++) {
        const dot *d = &dots[groups[i].first];
        if (d->kx != llround(x * 1e6) || d->ky != llround(y * 1e6))
            continue;
        for (size_t k = 0; k < groups[i].count; k++)
            r = fmax(r, (d[k].px - px) * ux + (d[k].py - py) * uy + d[k].r);
    }
    return r;
}

static const char *project_word(pf__lang lang, size_t n)
{
    return pf__label_count(lang, "chart.project", "chart.projects", n);
}

/* The zone labels: the poles beyond the corners, the change types beyond the middle of the edges,
 * mixed in the centre. Each is drawn and recorded as an obstacle. */
static pf_status zone_labels(pf_svg *s, layout *l, const pf_metrics *m, const dot *dots, const group *groups,
                             size_t group_count)
{
    static const struct {
        pf_zone zone;
        double x, y; /* position on the map */
        double dx, dy;
        const char *anchor;
    } z[PF_ZONE_COUNT] = {
        { PF_ZONE_ENHANCEMENT, -1, 0, -14, -3, "end" },
        { PF_ZONE_MISSION, 0, 1, 0, -28, "middle" },
        { PF_ZONE_ANTICIPATORY, 1, 0, 14, -3, "start" },
        { PF_ZONE_ADAPTIVE, 0, -1, 0, 22, "middle" },
        { PF_ZONE_SUSTAINING, -0.5, 0.5, -14, -28, "end" },
        { PF_ZONE_TRANSFORMATIVE, 0.5, 0.5, 14, -28, "start" },
        { PF_ZONE_DISRUPTIVE, 0.5, -0.5, 14, 20, "start" },
        { PF_ZONE_OPTIMISING, -0.5, -0.5, -14, 20, "end" },
        { PF_ZONE_MIXED, 0, 0, 0, -CUT * R + 16, "middle" },
    };
    for (int i = 0; i < PF_ZONE_COUNT; i++) {
        bool pole = i < 4, mixed = z[i].zone == PF_ZONE_MIXED;
        double x, y;
        to_px(z[i].x, z[i].y, &x, &y);
        /* Out of the way of the dots at the corner or the middle of the edge, outwards. */
        double ux = z[i].dx >= 10 ? 1 : z[i].dx <= -10 ? -1 : 0, uy = z[i].dy >= 10 ? 1 : z[i].dy <= -10 ? -1 : 0;
        double len = sqrt(ux * ux + uy * uy);
        double out = mixed || len == 0 ? 0 : reach(dots, groups, group_count, z[i].x, z[i].y, ux / len, uy / len);
        x += z[i].dx + ux / (len > 0 ? len : 1) * out;
        y += z[i].dy + uy / (len > 0 ? len : 1) * out;
        const char *name = pf__label(s->lang, mixed ? "zone.mixed.short" : "");
        if (!mixed)
            name = pf__label_zone(s->lang, z[i].zone);
        size_t count = m->zone_count[z[i].zone];
        double size = pole ? 14 : mixed ? 11 : 12.5;
        double w = fmax(size * pf__text_width_em(name, strlen(name)), 11 * 6.5);
        double x0 = strcmp(z[i].anchor, "end") == 0 ? x - w : strcmp(z[i].anchor, "start") == 0 ? x : x - w / 2;
        if (mixed) {
            pf__svg_printf(s,
                           "<text x=\"%n\" y=\"%n\" font-size=\"11\" font-style=\"italic\" text-anchor=\"middle\" "
                           "fill=\"%s\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\">%t (%z)</text>\n",
                           x, y, PF_SVG_INK2, name, count);
            box b = { x - w / 2 - 8, y - 10, x + w / 2 + 8, y + 3 };
            if (add_obstacle(l, b) != PF_OK)
                return PF_ENOMEM;
            continue;
        }
        pf__svg_printf(s,
                       "<text x=\"%n\" y=\"%n\" font-size=\"%n\" font-weight=\"%s\" text-anchor=\"%s\">%t</text>\n"
                       "<text x=\"%n\" y=\"%n\" font-size=\"11\" text-anchor=\"%s\" fill=\"%s\">%z %t</text>\n",
                       x, y, size, pole ? "700" : "600", z[i].anchor, name, x, y + 14, z[i].anchor, PF_SVG_INK2, count,
                       project_word(s->lang, count));
        box b = { x0, y - size, x0 + w, y + 18 };
        if (add_obstacle(l, b) != PF_OK)
            return PF_ENOMEM;
    }
    return PF_OK;
}

void pf__chart_zone_cells(pf_svg *s)
{
    /* The diamond in its own coordinates is a square; the cuts split it into a 3 x 3 grid. */
    const double cuts[4] = { -1, -CUT, CUT, 1 };
    /* Cell (i along u, j along v) -> zone. u grows towards mission/anticipatory, v towards mission/enhancement. */
    static const pf_zone zone_of[3][3] = {
        { PF_ZONE_ADAPTIVE, PF_ZONE_OPTIMISING, PF_ZONE_ENHANCEMENT },
        { PF_ZONE_DISRUPTIVE, PF_ZONE_MIXED, PF_ZONE_SUSTAINING },
        { PF_ZONE_ANTICIPATORY, PF_ZONE_TRANSFORMATIVE, PF_ZONE_MISSION },
    };
    for (int i = 0; i < 3; i++) {
        for (int j = 0; j < 3; j++) {
            pf_zone z = zone_of[i][j];
            const char *fill = z <= PF_ZONE_ANTICIPATORY ? "#e6eef6" : z == PF_ZONE_MIXED ? "#fbf0de" : "#f2f2f2";
            double x[4], y[4];
            uv_px(cuts[i], cuts[j], &x[0], &y[0]);
            uv_px(cuts[i + 1], cuts[j], &x[1], &y[1]);
            uv_px(cuts[i + 1], cuts[j + 1], &x[2], &y[2]);
            uv_px(cuts[i], cuts[j + 1], &x[3], &y[3]);
            pf__svg_printf(s,
                           "<polygon points=\"%n,%n %n,%n %n,%n %n,%n\" fill=\"%s\" stroke=\"#ffffff\" "
                           "stroke-width=\"2\"><title>%t</title></polygon>\n",
                           x[0], y[0], x[1], y[1], x[2], y[2], x[3], y[3], fill, pf__label_zone(s->lang, z));
        }
    }
    double l, t, r, b, cx, cy;
    to_px(-1, 0, &l, &cy);
    to_px(0, 1, &cx, &t);
    to_px(1, 0, &r, &cy);
    to_px(0, -1, &cx, &b);
    pf__svg_printf(s, "<polygon points=\"%n,%n %n,%n %n,%n %n,%n\" fill=\"none\" stroke=\"%s\"/>\n", l, cy, cx, t, r,
                   cy, cx, b, PF_SVG_AXIS);
}

void pf__chart_zone_centre(pf_zone z, double *px, double *py)
{
    /* Each zone's cell centre in the diamond's coordinates (u, v): the middle of its third. */
    static const double centre[PF_ZONE_COUNT][2] = {
        [PF_ZONE_ENHANCEMENT] = { -0.6, 0.6 },  [PF_ZONE_MISSION] = { 0.6, 0.6 },
        [PF_ZONE_ADAPTIVE] = { -0.6, -0.6 },    [PF_ZONE_ANTICIPATORY] = { 0.6, -0.6 },
        [PF_ZONE_SUSTAINING] = { 0, 0.6 },      [PF_ZONE_TRANSFORMATIVE] = { 0.6, 0 },
        [PF_ZONE_DISRUPTIVE] = { 0, -0.6 },     [PF_ZONE_OPTIMISING] = { -0.6, 0 },
        [PF_ZONE_MIXED] = { 0, 0 },
    };
    int i = (int)z >= 0 && z < PF_ZONE_COUNT ? (int)z : PF_ZONE_MIXED;
    uv_px(centre[i][0], centre[i][1], px, py);
}

/* The description: counts per zone and, for portfolios small enough to list, the ids in each zone. */
static void describe(pf_svg *s, const pf_map *map, const pf_metrics *m, bool list)
{
    size_t unplaced = m->projects - m->placed;
    pf__svg_printf(s, "%z %t %t, %z %t.", m->placed, project_word(s->lang, m->placed),
                   pf__label_count(s->lang, "chart.placed.one", "chart.placed", m->placed), unplaced,
                   pf__label_count(s->lang, "chart.not_placed.one", "chart.not_placed", unplaced));
    for (int z = 0; z < PF_ZONE_COUNT; z++) {
        pf__svg_printf(s, " %t%: %z", pf__label_zone(s->lang, (pf_zone)z), m->zone_count[z]);
        const char *sep = " (";
        for (size_t i = 0; list && i < pf_map_count(map); i++) {
            const pf_placement *p = pf_map_at(map, i);
            if (p->placed && p->zone == (pf_zone)z) {
                pf__svg_printf(s, "%s%t", sep, p->project);
                sep = ", ";
            }
        }
        pf__svg_printf(s, "%s.", *sep == ',' ? ")" : "");
    }
}

pf_status pf_chart_map(const pf_map *map, const pf_doc *doc, const pf_chart_options *opts, pf_buf *out, pf_error *err)
{
    if (!map || !out)
        return pf__fail(err, PF_EARG, "map or out is NULL");
    pf__lang lang;
    unsigned width;
    pf_status st = pf__svg_options(opts, &lang, &width, err);
    if (st != PF_OK)
        return st;
    bool titles = opts && opts->label == PF_CHART_LABEL_TITLE;
    const pf_allocator *alloc = pf__map_allocator(map);
    const pf_metrics *m = pf_map_metrics(map);
    size_t total = pf_map_count(map), n = 0;
    dot *dots = pf__calloc(alloc, total ? total : 1, sizeof *dots);
    group *groups = pf__calloc(alloc, total ? total : 1, sizeof *groups);
    rank *order = pf__calloc(alloc, total ? total : 1, sizeof *order);
    layout l = { NULL, 0, 0, alloc };
    if (!dots || !groups || !order) {
        st = PF_ENOMEM;
        goto done;
    }
    bool any_unset = false;
    for (size_t i = 0; i < total; i++) {
        const pf_placement *p = pf_map_at(map, i);
        if (!p->placed)
            continue;
        dot *d = &dots[n++];
        d->index = i;
        d->kx = llround(p->x * 1e6);
        d->ky = llround(p->y * 1e6);
        d->text = p->project;
        d->priority = PF_PRIORITY_UNSET;
        const pf_project *proj = doc ? pf_doc_find_project(doc, p->project) : NULL;
        if (proj) {
            d->priority = pf_project_priority(proj);
            d->title = pf_project_title(proj);
            if (d->title && !*d->title)
                d->title = NULL;
            if (titles && d->title)
                d->text = d->title;
        }
        any_unset = any_unset || (doc && d->priority == PF_PRIORITY_UNSET);
        d->r = dot_radius(doc, d->priority);
    }
    qsort(dots, n, sizeof *dots, by_position);
    size_t group_count = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && dots[j].kx == dots[i].kx && dots[j].ky == dots[i].ky)
            j++;
        group *g = &groups[group_count++];
        g->first = i;
        g->count = j - i;
        const pf_placement *p = pf_map_at(map, dots[i].index);
        to_px(p->x, p->y, &g->cx, &g->cy);
        fan(&dots[i], g, p->x, p->y);
        i = j;
    }
    bool labelled = n <= MAX_LABELLED;

    pf_svg s;
    const char *title = pf__label(lang, "chart.map.title");
    pf__svg_begin(&s, out, alloc, lang, MAP_W, MAP_H, width, title);
    describe(&s, map, m, labelled);
    pf__svg_desc_end(&s);
    char subtitle[200], placed[48], unplaced[48];
    pf__format_fixed((double)m->placed, 0, true, placed);
    pf__format_fixed((double)(m->projects - m->placed), 0, true, unplaced);
    snprintf(subtitle, sizeof subtitle, "%s %s %s, %s %s", placed, project_word(lang, m->placed),
             pf__label_count(lang, "chart.placed.one", "chart.placed", m->placed), unplaced,
             pf__label_count(lang, "chart.not_placed.one", "chart.not_placed", m->projects - m->placed));
    pf__svg_heading(&s, title, subtitle);
    pf__chart_zone_cells(&s);
    st = zone_labels(&s, &l, m, dots, groups, group_count);
    if (st != PF_OK)
        goto done;

    /* Every dot is an obstacle for every label, with a little room around it. */
    for (size_t i = 0; labelled && i < n && st == PF_OK; i++) {
        double r = dots[i].r + 3;
        box b = { dots[i].px - r, dots[i].py - r, dots[i].px + r, dots[i].py + r };
        st = add_obstacle(&l, b);
    }
    if (st != PF_OK)
        goto done;

    /* Labels: the biggest groups first, they need the most room; then in the map's order. */
    for (size_t g = 0; g < group_count; g++) {
        order[g].count = groups[g].count;
        order[g].first_index = dots[groups[g].first].index;
        order[g].group = g;
    }
    qsort(order, group_count, sizeof *order, by_size);
    pf_buf labels = PF_BUF_INIT;
    labels.allocator = *alloc;
    pf_svg ls = { &labels, PF_OK, lang };
    size_t left_out = labelled ? 0 : n;
    for (size_t k = 0; labelled && k < group_count && st == PF_OK; k++) {
        const group *g = &groups[order[k].group];
        size_t lines = g->count > MAX_LINES ? MAX_LINES : g->count;
        char more[96] = "";
        if (lines < g->count) {
            char num[48];
            pf__format_fixed((double)(g->count - lines + 1), 0, true, num);
            snprintf(more, sizeof more, "+%s %s", num, pf__label(lang, "chart.more"));
        }
        double bw = more[0] ? LABEL_FONT * pf__text_width_em(more, strlen(more)) : 0;
        for (size_t i = 0; i < lines - (more[0] ? 1 : 0); i++) {
            double w;
            pf__text_fit(dots[g->first + i].text, LABEL_MAX_EM, &w);
            bw = fmax(bw, w * LABEL_FONT);
        }
        bw += 4;
        double bh = (double)lines * LABEL_LINE + 2;
        block bl;
        if (!place_block(&l, g, bw, bh, &bl)) {
            left_out += g->count;
            continue;
        }
        st = add_obstacle(&l, bl.b);
        if (bl.leader) {
            /* From the edge of the fan to the nearest point of the block. */
            double nx = fmin(fmax(g->cx, bl.b.x0), bl.b.x1), ny = fmin(fmax(g->cy, bl.b.y0), bl.b.y1);
            double dx = nx - g->cx, dy = ny - g->cy, len = sqrt(dx * dx + dy * dy);
            if (len > g->rc + 8)
                pf__svg_printf(&s, "<line x1=\"%n\" y1=\"%n\" x2=\"%n\" y2=\"%n\" stroke=\"%s\"/>\n",
                               g->cx + dx / len * (g->rc + 1), g->cy + dy / len * (g->rc + 1), nx, ny, PF_SVG_INK2);
        }
        double tx = bl.align < 0 ? bl.b.x1 - 2 : bl.align > 0 ? bl.b.x0 + 2 : (bl.b.x0 + bl.b.x1) / 2;
        for (size_t i = 0; i < lines; i++) {
            /* Right-to-left text runs from the right: its anchor's start and end swap. */
            const char *text = more[0] && i == lines - 1 ? more : dots[g->first + i].text;
            bool rtl = pf__text_is_rtl(text);
            int align = rtl ? -bl.align : bl.align;
            pf__svg_printf(&ls, "<text x=\"%n\" y=\"%n\" text-anchor=\"%s\"%s>%f</text>\n", tx,
                           bl.b.y0 + 1 + LABEL_LINE * ((double)i + 1) - 3,
                           align < 0 ? "end" : align > 0 ? "start" : "middle", rtl ? " direction=\"rtl\"" : "",
                           text, LABEL_MAX_EM);
        }
    }
    if (st == PF_OK && ls.status != PF_OK)
        st = ls.status;

    /* Dots, each with its project in a tooltip. */
    for (size_t i = 0; i < n && st == PF_OK; i++) {
        const dot *d = &dots[i];
        const pf_placement *p = pf_map_at(map, d->index);
        pf__svg_printf(&s, "<circle cx=\"%n\" cy=\"%n\" r=\"%n\" fill=\"%s\" stroke=\"#ffffff\" stroke-width=\"1.2\">"
                           "<title>%t",
                       d->px, d->py, d->r, PF_SVG_BLUE, p->project);
        if (d->title)
            pf__svg_printf(&s, ": %t", d->title); /* id: title, in every language */
        pf__svg_printf(&s, " (%t", pf__label_zone(lang, p->zone));
        if (d->priority != PF_PRIORITY_UNSET)
            pf__svg_printf(&s, "; %t%: %l", pf__label(lang, "chart.priority"), pf__label_priority(lang, d->priority));
        pf__svg_printf(&s, ")</title></circle>\n");
    }
    if (st == PF_OK && labels.size) {
        pf__svg_printf(&s,
                       "<g font-size=\"11\" stroke=\"#ffffff\" stroke-width=\"3\" stroke-linejoin=\"round\" "
                       "paint-order=\"stroke\">\n");
        pf__svg_printf(&s, "%s", labels.data);
        pf__svg_printf(&s, "</g>\n");
    }
    pf_buf_dispose(&labels);
    if (st == PF_OK && left_out > 0)
        pf__svg_printf(&s, "<text x=\"%n\" y=\"%n\" text-anchor=\"end\" fill=\"%s\">%z %t</text>\n", MAP_W - 24,
                       MAP_H - 16, PF_SVG_INK2, left_out,
                       pf__label_count(lang, "chart.label_left_out.one", "chart.label_left_out", left_out));
    if (st == PF_OK && n == 0)
        pf__svg_printf(&s, "<text x=\"%n\" y=\"%n\" text-anchor=\"middle\" fill=\"%s\">%t</text>\n", CX, CY + 70,
                       PF_SVG_INK2, pf__label(lang, "chart.no_projects"));

    /* Legend: dot sizes by priority. */
    if (st == PF_OK && doc) {
        static const pf_priority prios[4] = { PF_PRIORITY_HIGH, PF_PRIORITY_MEDIUM, PF_PRIORITY_LOW, PF_PRIORITY_UNSET };
        double x = 24, y = MAP_H - 16;
        pf__svg_printf(&s, "<text x=\"%n\" y=\"%n\" fill=\"%s\">%t</text>\n", x, y, PF_SVG_INK2,
                       pf__label(lang, "chart.dot_size"));
        x += 12 * pf__text_width_em(pf__label(lang, "chart.dot_size"), strlen(pf__label(lang, "chart.dot_size"))) + 16;
        for (int k = 0; k < (any_unset ? 4 : 3); k++) {
            double r = dot_radius(doc, prios[k]);
            const char *name = k < 3 ? pf__label_priority(lang, prios[k]) : pf__label(lang, "chart.no_priority");
            pf__svg_printf(&s,
                           "<circle cx=\"%n\" cy=\"%n\" r=\"%n\" fill=\"%s\" stroke=\"#ffffff\" stroke-width=\"1.2\"/>\n"
                           "<text x=\"%n\" y=\"%n\">%t</text>\n",
                           x + 8, y - 4, r, PF_SVG_BLUE, x + 20, y, name);
            x += 20 + 12 * pf__text_width_em(name, strlen(name)) + 20;
        }
    }
    if (st == PF_OK)
        st = pf__svg_end(&s, err);
done:
    if (st != PF_OK)
        pf_buf_dispose(out);
    pf__free(alloc, l.obstacles);
    pf__free(alloc, order);
    pf__free(alloc, groups);
    pf__free(alloc, dots);
    if (st == PF_ENOMEM)
        return pf__oom(err);
    return st;
}
