/* The SVG writer of svg.h. */
#include <math.h>
#include <string.h>

#include "svg.h"
#include "xml.h"

static void put(pf_svg *s, const char *text, size_t n)
{
    if (s->status == PF_OK && pf__buf_append(s->out, text, n) != PF_OK)
        s->status = PF_ENOMEM;
}

static void puts_(pf_svg *s, const char *text)
{
    put(s, text, strlen(text));
}

static void escaped(pf_svg *s, const char *text, double max_em)
{
    if (s->status != PF_OK)
        return;
    pf_status st = max_em > 0 ? pf__xml_escape_fit(s->out, text, max_em) : pf__xml_escape(s->out, text);
    if (st != PF_OK)
        s->status = st;
}

void pf__svg_printf(pf_svg *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    const char *run = fmt;
    for (const char *p = fmt; *p; p++) {
        if (*p != '%')
            continue;
        put(s, run, (size_t)(p - run));
        char buf[64];
        switch (*++p) {
        case 's':
            puts_(s, va_arg(ap, const char *));
            break;
        case 't':
            escaped(s, va_arg(ap, const char *), 0);
            break;
        case 'f': {
            const char *text = va_arg(ap, const char *);
            escaped(s, text, va_arg(ap, double));
            break;
        }
        case 'n':
            pf__format_fixed(va_arg(ap, double), 2, true, buf);
            puts_(s, buf);
            break;
        case 'd':
            pf__format_fixed(va_arg(ap, int), 0, true, buf);
            puts_(s, buf);
            break;
        case 'z':
            pf__format_fixed((double)va_arg(ap, size_t), 0, true, buf);
            puts_(s, buf);
            break;
        case '0':
        case '1':
            pf__format_decimal(s->lang, va_arg(ap, double), *p - '0', buf);
            puts_(s, buf);
            break;
        case 'p':
        case 'P':
            pf__format_percent(s->lang, va_arg(ap, double), *p == 'p' ? 1 : 0, buf);
            puts_(s, buf);
            break;
        case 'l': {
            char lower[128];
            pf__lower_first(va_arg(ap, const char *), lower, sizeof lower);
            escaped(s, lower, 0);
            break;
        }
        case '+': {
            double v = va_arg(ap, double);
            pf__format_decimal(s->lang, fabs(v), 1, buf);
            bool zero = strcmp(buf, "0.0") == 0 || strcmp(buf, "0,0") == 0;
            puts_(s, zero ? "" : v > 0 ? "+" : "\xE2\x88\x92");
            puts_(s, buf);
            break;
        }
        case '%':
            puts_(s, "%");
            break;
        case ':':
            puts_(s, s->lang == PF__LANG_FR ? "\xC2\xA0:" : ":");
            break;
        case ';':
            puts_(s, s->lang == PF__LANG_FR ? "\xE2\x80\xAF;" : ";");
            break;
        default: /* a mistake in a format of this library: leave a mark rather than read a wrong argument */
            s->status = s->status == PF_OK ? PF_EARG : s->status;
            p--;
            break;
        }
        run = p + 1;
    }
    puts_(s, run);
    va_end(ap);
}

const char *pf__svg_role_colour(pf_role role)
{
    static const char *const colours[PF_ROLE_COUNT] = { PF_SVG_ORANGE, PF_SVG_GREEN, PF_SVG_VERMILLION,
                                                        PF_SVG_PURPLE, PF_SVG_INK2 };
    return (int)role >= 0 && role < PF_ROLE_COUNT ? colours[role] : PF_SVG_BLUE;
}

const char *pf__svg_role_dash(pf_role role)
{
    static const char *const dashes[PF_ROLE_COUNT] = { "7 4", "2 3", "none", "9 3 2 3", "4 2" };
    return (int)role >= 0 && role < PF_ROLE_COUNT ? dashes[role] : "none";
}

pf_status pf__svg_options(const pf_chart_options *o, pf__lang *lang, unsigned *width, pf_error *err)
{
    *lang = PF__LANG_EN;
    *width = 0;
    if (!o)
        return PF_OK;
    if (o->version != PF_CHART_OPTIONS_VERSION)
        return pf__fail(err, PF_EARG, "unknown pf_chart_options version %u", o->version);
    if (!pf__lang_parse(o->lang, lang)) {
        char q[64];
        pf__quote(o->lang, q);
        return pf__fail(err, PF_EARG, "lang: charts speak en or fr (got %s)", q);
    }
    if (o->width > 10000)
        return pf__fail(err, PF_EARG, "width: must be at most 10000 pixels (got %u)", o->width);
    if (o->label != PF_CHART_LABEL_ID && o->label != PF_CHART_LABEL_TITLE)
        return pf__fail(err, PF_EARG, "label: unknown choice %d", (int)o->label);
    *width = o->width;
    return PF_OK;
}

void pf__svg_begin(pf_svg *s, pf_buf *out, const pf_allocator *alloc, pf__lang lang, double w, double h,
                   unsigned width_px, const char *title)
{
    pf_buf_dispose(out);
    out->allocator = *alloc;
    s->out = out;
    s->status = PF_OK;
    s->lang = lang;
    double px = width_px ? width_px : w;
    double py = floor(px * h / w + 0.5);
    const char *code = pf__lang_code(lang);
    pf__svg_printf(s,
                   "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %n %n\" width=\"%n\" height=\"%n\" "
                   "role=\"img\" lang=\"%s\" xml:lang=\"%s\" style=\"max-width:100%%;height:auto\" "
                   "font-family=\"%s\" font-size=\"12\" fill=\"%s\">\n"
                   "<title>%t</title>\n<desc>",
                   w, h, px, py, code, code, PF_SVG_FONT, PF_SVG_INK, title);
}

void pf__svg_desc_end(pf_svg *s)
{
    puts_(s, "</desc>\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
}

void pf__svg_heading(pf_svg *s, const char *title, const char *subtitle)
{
    pf__svg_printf(s, "<text x=\"24\" y=\"30\" font-size=\"17\" font-weight=\"700\">%t</text>\n", title);
    if (subtitle)
        pf__svg_printf(s, "<text x=\"24\" y=\"50\" font-size=\"12\" fill=\"%s\">%t</text>\n", PF_SVG_INK2, subtitle);
}

pf_status pf__svg_end(pf_svg *s, pf_error *err)
{
    puts_(s, "</svg>\n");
    if (s->status != PF_OK) {
        pf_buf_dispose(s->out);
        return s->status == PF_ENOMEM ? pf__oom(err) : pf__fail(err, s->status, "chart: internal format error");
    }
    return PF_OK;
}
