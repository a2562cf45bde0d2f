/*
 * Text for XML and HTML outputs (charts, reports): escaping, and measuring and
 * shortening labels without breaking characters.
 *
 * Escaping writes the five markup characters as references (& < > " ' become
 * &amp; &lt; &gt; &quot; &#39;, the last one valid in HTML too) and leaves
 * every other byte of well-formed UTF-8 as it is. What XML 1.0 does not allow,
 * or a renderer would show as garbage, is dropped: C0 control characters other
 * than tab and newline (carriage return included), DEL and the C1 controls
 * U+007F..U+009F, and U+FFFE/U+FFFF. A byte that does not begin a well-formed
 * UTF-8 sequence becomes U+FFFD, so the output is always well-formed.
 */
#ifndef PF_XML_H
#define PF_XML_H

#include "internal.h"

/* Appends the escaped text. PF_OK or PF_ENOMEM. */
pf_status pf__xml_escape(pf_buf *b, const char *s);
/* The same for the first `len` bytes of s. */
pf_status pf__xml_escape_n(pf_buf *b, const char *s, size_t len);

/*
 * Estimated width of a label in em (font-size units) for a proportional sans
 * serif: narrow and wide Latin letters, digits, CJK and emoji at 1 em,
 * combining marks at 0. An estimate for layout, not a measurement.
 */
double pf__text_width_em(const char *s, size_t len);

/*
 * How many bytes of s to keep so that they and an ellipsis fit `max_em`.
 * Cuts only between user-perceived characters: never inside a UTF-8 sequence,
 * never between a base and its combining marks, variation selectors, emoji
 * modifiers or zero-width-joined parts, never between the two halves of a
 * flag; trailing spaces before the cut are dropped. Returns strlen(s) when the
 * whole text fits (no ellipsis needed). *width_em (may be NULL) receives the
 * width of what is kept, ellipsis included when there is one.
 */
size_t pf__text_fit(const char *s, double max_em, double *width_em);

/*
 * True when the text's first strong character is right-to-left (Hebrew,
 * Arabic, Syriac, Thaana, N'Ko and their presentation forms): such a label is
 * written with direction="rtl", as HTML's dir="auto" would.
 */
bool pf__text_is_rtl(const char *s);

/* Appends s escaped, shortened with "…" (U+2026) when wider than max_em. */
pf_status pf__xml_escape_fit(pf_buf *b, const char *s, double max_em);

#endif
