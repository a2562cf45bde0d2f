/*
 * Pieces shared by the charts (chart.c, chart_map.c): legends and panels of
 * horizontal bars grouped by row.
 */
#ifndef PF_CHART_COMMON_H
#define PF_CHART_COMMON_H

#include "svg.h"

/* One legend entry: a line (with its dash pattern and width) or a filled square. */
typedef struct pf_chart_legend_item {
    const char *label;
    const char *colour;
    const char *dash;  /* lines: stroke-dasharray, NULL for solid */
    bool line;
    double stroke;     /* lines: stroke width */
} pf_chart_legend_item;

/* Rows a legend takes within max_w. */
size_t pf__chart_legend_rows(const pf_chart_legend_item *items, size_t n, double max_w);
/* Draws the legend in rows centred on cx, the first row's baseline at y, 20 px apart. */
void pf__chart_legend(pf_svg *s, double cx, double y, double max_w, const pf_chart_legend_item *items, size_t n);

#define PF_CHART_MAX_SERIES 5

typedef struct pf_chart_series {
    const char *name;
    const char *colour;
} pf_chart_series;

typedef enum pf_chart_value_format {
    PF_CHART_INT = 0,     /* "52" */
    PF_CHART_ONE = 1,     /* "52.1" */
    PF_CHART_PERCENT = 2  /* values in 0..100 written "42.4%" */
} pf_chart_value_format;

typedef struct pf_chart_bar_row {
    const char *label;
    double value[PF_CHART_MAX_SERIES];
    bool present[PF_CHART_MAX_SERIES]; /* false: "n/a" instead of a bar */
    double note;                       /* a signed change or gap, in the last column */
    bool has_note;
} pf_chart_bar_row;

/* A panel: row labels on the left, one bar per series in each row, the scale on top. */
typedef struct pf_chart_bars {
    double x, y, width;           /* the panel's box (top left, width) */
    double label_w;               /* row label column */
    double note_w;                /* note column on the right (0: none) */
    const char *note_heading;     /* above the notes, or NULL */
    double max, step;             /* scale 0..max, grid every step */
    pf_chart_value_format fmt;
    double reference;             /* a dashed line at this value... */
    const char *reference_label;  /* ...labelled so below the bars, when not NULL */
    size_t series_count;
    const pf_chart_series *series;
    size_t row_count;
    const pf_chart_bar_row *rows;
    double bar_h, bar_gap, row_gap;
} pf_chart_bars;

double pf__chart_bars_height(const pf_chart_bars *p);
void pf__chart_bars(pf_svg *s, const pf_chart_bars *p);
/* The next multiple of step at or above max (at least step). */
double pf__chart_nice_max(double max, double step);
/* "Label (n=3)" into out. */
void pf__chart_with_count(char *out, size_t cap, const char *label, size_t n);

/* The facet diamond's geometry (chart.c), shared with the before-and-after diamond (chart_compare.c). */
#define DIAMOND_W 640.0
#define DIAMOND_CX 320.0
#define DIAMOND_CY 296.0
#define DIAMOND_R 190.0
/* Pixel position of a pct (0..100) on a facet's axis. */
void pf__chart_diamond_point(pf_facet f, double pct, double *x, double *y);
/* The polygon through the four facet values, written as a points list. */
void pf__chart_diamond_polygon(pf_svg *s, const double pct[PF_FACET_COUNT]);
/* The diamond's grid, axes, poles' names and scale, with the strong threshold dashed. */
void pf__chart_diamond_grid(pf_svg *s, double threshold);

/* The project map's geometry (chart_map.c), shared with the map of zone moves (chart_compare.c). */
#define PF_CHART_MAP_W 720.0
/* The nine zone cells and the diamond's outline. */
void pf__chart_zone_cells(pf_svg *s);
/* The pixel centre of a zone's cell. */
void pf__chart_zone_centre(pf_zone z, double *px, double *py);

#endif
