/*
 * A small SVG writer for the charts: a header with the accessibility
 * elements, formatted output without printf's locale, and the shared look
 * (palette, fonts, text sizes). Like the JSON writer, the first failure
 * sticks in `status` and later calls do nothing.
 */
#ifndef PF_SVG_H
#define PF_SVG_H

#include "i18n.h"
#include "internal.h"

typedef struct pf_svg {
    pf_buf *out;
    pf_status status;
    pf__lang lang;
} pf_svg;

/* Text colours: main and secondary, both above 7:1 on white. */
#define PF_SVG_INK "#1a1a1a"
#define PF_SVG_INK2 "#4d4d4d"
/* Lines and fills that carry no text. */
#define PF_SVG_GRID "#d9d9d9"
#define PF_SVG_AXIS "#8c8c8c"
/* Okabe-Ito colours. */
#define PF_SVG_BLUE "#0072B2"
#define PF_SVG_ORANGE "#E69F00"
#define PF_SVG_SKY "#56B4E9"
#define PF_SVG_GREEN "#009E73"
#define PF_SVG_VERMILLION "#D55E00"
#define PF_SVG_PURPLE "#CC79A7"
#define PF_SVG_FONT "system-ui, -apple-system, &quot;Segoe UI&quot;, Roboto, &quot;Noto Sans&quot;, &quot;DejaVu Sans&quot;, sans-serif"

/* Colour and dash pattern of a role, the same in every chart. */
const char *pf__svg_role_colour(pf_role role);
const char *pf__svg_role_dash(pf_role role);

/*
 * Appends to the output. The format knows:
 *   %s  a string written as it is (markup; never user text)
 *   %t  a string escaped for XML (any text)
 *   %f  a string escaped and shortened to an em width: two arguments, (const char *, double max_em)
 *   %n  a coordinate (double) with at most 2 decimals and '.'
 *   %d  an int; %z a size_t
 *   %0 %1  a double in the chart's language with 0 or 1 decimals ("52", "42,4")
 *   %p  a percentage (double, 0..100) with 1 decimal and its sign ("42.4%", "42,4 %"); %P with none
 *   %l  a label escaped, its first letter in lower case (inside a sentence)
 *   %+  a signed change (double) with 1 decimal ("+6.3", "−1.1", "0.0"), in the chart's language
 *   %:  a colon as the language writes it (French: a no-break space before it); %; a semicolon (narrow one)
 *   %%  a percent sign
 */
void pf__svg_printf(pf_svg *s, const char *fmt, ...);

/*
 * Clears `out`, gives it the allocator and writes the opening <svg> with a
 * viewBox of w x h, a pixel size of `width_px` (0: w) wide, role="img", the
 * language, the shared font and colour, then <title> and the opening <desc>:
 * the caller writes the description's text and calls pf__svg_desc_end().
 */
void pf__svg_begin(pf_svg *s, pf_buf *out, const pf_allocator *alloc, pf__lang lang, double w, double h,
                   unsigned width_px, const char *title);
void pf__svg_desc_end(pf_svg *s);
/* The visible heading and an optional subtitle (NULL for none) at the top left. */
void pf__svg_heading(pf_svg *s, const char *title, const char *subtitle);
/* Closes the svg; on failure empties the buffer. Returns the status. */
pf_status pf__svg_end(pf_svg *s, pf_error *err);

/* Checks the options and resolves the language. PF_OK or PF_EARG (err filled). */
pf_status pf__svg_options(const pf_chart_options *opts, pf__lang *lang, unsigned *width, pf_error *err);

#endif
