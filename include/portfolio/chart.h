/**
 * @file chart.h
 * @brief Charts as SVG: the facet diamond, the project map, capability,
 *        target versus actual mix, roles and change over time.
 *
 * Each function writes one self-contained `<svg>` element into a ::pf_buf: it
 * declares its namespace, has a `viewBox`, `role="img"`, a `<title>` and a
 * `<desc>` that says the data in words, and uses neither scripts, nor
 * external resources, nor style sheets (only presentation attributes), so it
 * can be saved as a `.svg` file or pasted inline into HTML. Its intrinsic size
 * is the chart's width in pixels; `max-width:100%` lets it shrink to the page.
 * Colours come from the Okabe-Ito palette, which colour-blind readers can
 * tell apart; text is dark grey on white (contrast above 7:1).
 *
 * Every string from the document (project ids and titles) is escaped for
 * XML, and long labels are shortened on a character boundary with an
 * ellipsis. The output depends only on the input: the same results give the
 * same bytes on any machine and under any locale. docs/charts.md shows each
 * chart.
 *
 * On success the buffer's content is replaced by the SVG and its allocator
 * is set to that of the results drawn (the document's), like the other
 * writers; on failure the buffer is left empty.
 */
#ifndef PORTFOLIO_CHART_H
#define PORTFOLIO_CHART_H

#include "compare.h"

#ifdef __cplusplus
extern "C" {
#endif

/** What the project map writes next to each dot. */
typedef enum pf_chart_label {
    PF_CHART_LABEL_ID = 0,    /**< The project's id (default). */
    PF_CHART_LABEL_TITLE = 1  /**< The project's title where the document gives one, else its id. */
} pf_chart_label;

/** Choices for every chart function. Zero members take the documented defaults. */
typedef struct pf_chart_options {
    unsigned version;      /**< ::PF_CHART_OPTIONS_VERSION. */
    const char *lang;      /**< "en" or "fr" (a region such as "fr-CA" is accepted): labels, title and description; NULL for English. */
    unsigned width;        /**< Width of the SVG in pixels (1..10000); the height follows the chart's proportions. 0: the chart's default (640 or 720). */
    pf_chart_label label;  /**< Project map: ids (default) or titles by the dots. */
} pf_chart_options;
/** Current version of ::pf_chart_options. */
#define PF_CHART_OPTIONS_VERSION 1
/** Initialiser for ::pf_chart_options: English, default width, ids on the map. */
#define PF_CHART_OPTIONS_INIT { PF_CHART_OPTIONS_VERSION, NULL, 0, PF_CHART_LABEL_ID }

/**
 * The facet diamond: four axes from the centre to the poles (enhancement
 * left, mission top, anticipatory right, adaptive bottom), a scale of 0..100
 * from the centre with the strong threshold dashed, and the mean pct of each
 * facet over every respondent as a polygon with its four values. When two or
 * more roles have respondents, each role adds a thinner polygon and a legend
 * entry. Without respondents the diamond is drawn empty, with a note.
 * @param scores  The scores to draw; borrowed.
 * @param opts    Choices, or NULL for the defaults.
 * @param out     Receives the SVG (replacing its content); the caller releases it with pf_buf_dispose().
 * @return PF_OK; PF_EARG for a NULL argument, an unknown options version, language or label choice,
 *         or a width above 10000; PF_ENOMEM.
 */
PF_API pf_status pf_chart_diamond(const pf_scores *scores, const pf_chart_options *opts, pf_buf *out,
                                  pf_error *err);

/**
 * The project map: the diamond split into its nine zones (the four facets at
 * the poles, the change types between neighbours, mixed in the centre), each
 * labelled with its name and number of projects, and each placed project as a
 * dot at its (x, y) with its id or title beside it. Dots at one position are
 * fanned out around it in a fixed pattern, and labels are placed where they
 * overlap nothing else, with a leader line when they had to move away; labels
 * that find no room are left out and counted in a note (past 250 placed
 * projects, all are). Hovering a dot shows the project's id, title, zone and
 * priority; the description lists the projects of each zone.
 * @param map   The map to draw; borrowed.
 * @param doc   The document the map was made from, for titles and priorities (dot sizes: high > medium
 *              > low); may be NULL: ids only, dots of one size. Projects are matched by id.
 * @param opts  Choices, or NULL for the defaults.
 * @param out   Receives the SVG (replacing its content); the caller releases it with pf_buf_dispose().
 * @return PF_OK, PF_EARG (as pf_chart_diamond()) or PF_ENOMEM.
 */
PF_API pf_status pf_chart_map(const pf_map *map, const pf_doc *doc, const pf_chart_options *opts, pf_buf *out,
                              pf_error *err);

/**
 * Capability: a gauge of the mean capability score over the instrument's
 * range (0..108 for the default instrument) with its low, medium and high
 * bands (from 36 and 72), and six horizontal bars with the mean pct of each
 * dimension and its level.
 * @param scores  The scores to draw; borrowed.
 * @param opts    Choices, or NULL for the defaults.
 * @param out     Receives the SVG (replacing its content); the caller releases it with pf_buf_dispose().
 * @return PF_OK, PF_EARG (as pf_chart_diamond()) or PF_ENOMEM.
 */
PF_API pf_status pf_chart_capability(const pf_scores *scores, const pf_chart_options *opts, pf_buf *out,
                                     pf_error *err);

/**
 * The facet mix of the portfolio against its target: per facet, the actual
 * weighted share and the intended one as paired bars, with the gap in
 * percentage points. Only the actual share when the document sets no targets.
 * @param map   The map whose metrics to draw; borrowed.
 * @param opts  Choices, or NULL for the defaults.
 * @param out   Receives the SVG (replacing its content); the caller releases it with pf_buf_dispose().
 * @return PF_OK, PF_EARG (as pf_chart_diamond()) or PF_ENOMEM.
 */
PF_API pf_status pf_chart_targets(const pf_map *map, const pf_chart_options *opts, pf_buf *out, pf_error *err);

/**
 * The four facet means of each role that has respondents, as grouped bars
 * (one group per facet, one bar per role, in role order), with the strong
 * threshold dashed.
 * @param scores  The scores to draw; borrowed.
 * @param opts    Choices, or NULL for the defaults.
 * @param out     Receives the SVG (replacing its content); the caller releases it with pf_buf_dispose().
 * @return PF_OK, PF_EARG (as pf_chart_diamond()) or PF_ENOMEM.
 */
PF_API pf_status pf_chart_roles(const pf_scores *scores, const pf_chart_options *opts, pf_buf *out,
                                pf_error *err);

/**
 * Change between two documents: the four facet orientation means and the
 * four portfolio shares, before and after, as paired bars with the change;
 * a metric that one document lacks shows as "n/a". The description also
 * counts the projects added, removed and moved to another zone.
 * @param cmp   The comparison to draw; borrowed.
 * @param opts  Choices, or NULL for the defaults.
 * @param out   Receives the SVG (replacing its content); the caller releases it with pf_buf_dispose().
 * @return PF_OK, PF_EARG (as pf_chart_diamond()) or PF_ENOMEM.
 */
PF_API pf_status pf_chart_compare(const pf_comparison *cmp, const pf_chart_options *opts, pf_buf *out,
                                  pf_error *err);

#ifdef __cplusplus
}
#endif

#endif
