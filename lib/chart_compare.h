/*
 * Charts of the change between two documents drawn from their comparison
 * (chart_compare.c), for the report's "since" section: the facet diamond of
 * both dates, and the zone map with an arrow per project that moved zone.
 * Both follow the conventions of chart.h (title, desc, escaping, palette).
 */
#ifndef PF_CHART_COMPARE_H
#define PF_CHART_COMPARE_H

#include "internal.h"

/*
 * The two mean orientations ("orientation.<facet>" of the comparison) as two
 * polygons on one diamond: the earlier one dashed, the later one filled, each
 * named in the legend by its label (a date, or "Before" / "After").
 * `threshold` is the strong threshold the scores used.
 */
pf_status pf__chart_since_diamond(const pf_comparison *cmp, double threshold, const char *old_label,
                                  const char *new_label, const pf_chart_options *opts, pf_buf *out, pf_error *err);

/*
 * The nine zones with an arrow from the old zone to the new one for every
 * project that moved (grouped per pair of zones past six), and in each zone
 * the number of projects added and removed.
 */
pf_status pf__chart_since_moves(const pf_comparison *cmp, const pf_chart_options *opts, pf_buf *out, pf_error *err);

#endif
