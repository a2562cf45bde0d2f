/* Escaping for XML and HTML, and label measuring and shortening (xml.h). */
#include <string.h>

#include "xml.h"

/* ---- UTF-8 ---- */

/* Decodes the character at p (avail > 0 bytes). Returns its length; a malformed
 * byte gives length 1 and *ok false. */
static size_t decode(const unsigned char *p, size_t avail, uint32_t *cp, bool *ok)
{
    unsigned char c = p[0];
    *ok = true;
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t n;
    uint32_t v, min;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
        v = c & 0x1Fu;
        min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        v = c & 0x0Fu;
        min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        v = c & 0x07u;
        min = 0x10000;
    } else {
        goto bad;
    }
    if (avail < n)
        goto bad;
    for (size_t i = 1; i < n; i++) {
        if ((p[i] & 0xC0) != 0x80)
            goto bad;
        v = (v << 6) | (p[i] & 0x3Fu);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        goto bad;
    *cp = v;
    return n;
bad:
    *ok = false;
    *cp = 0xFFFD;
    return 1;
}

/* Characters XML 1.0 does not allow, or that no renderer should be given. */
static bool dropped(uint32_t cp)
{
    if (cp < 0x20)
        return cp != '\t' && cp != '\n';
    return (cp >= 0x7F && cp <= 0x9F) || cp == 0xFFFE || cp == 0xFFFF;
}

/* ---- escaping ---- */

pf_status pf__xml_escape_n(pf_buf *b, const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + len;
    const unsigned char *run = p; /* bytes copied as they are */
    pf_status st = PF_OK;
    while (p < end && st == PF_OK) {
        const char *rep = NULL;
        size_t n = 1;
        switch (*p) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        default: {
            uint32_t cp;
            bool ok;
            n = decode(p, (size_t)(end - p), &cp, &ok);
            if (!ok)
                rep = "\xEF\xBF\xBD";
            else if (dropped(cp))
                rep = "";
        }
        }
        if (rep) {
            st = pf__buf_append(b, run, (size_t)(p - run));
            if (st == PF_OK)
                st = pf__buf_puts(b, rep);
            run = p + n;
        }
        p += n;
    }
    if (st == PF_OK)
        st = pf__buf_append(b, run, (size_t)(end - run));
    return st;
}

pf_status pf__xml_escape(pf_buf *b, const char *s)
{
    return pf__xml_escape_n(b, s, strlen(s));
}

/* ---- measuring ---- */

typedef struct range {
    uint32_t lo, hi;
} range;

static bool in_ranges(uint32_t cp, const range *r, size_t n)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (cp < r[mid].lo)
            hi = mid;
        else if (cp > r[mid].hi)
            lo = mid + 1;
        else
            return true;
    }
    return false;
}

/* Characters that belong to the one before them: combining marks of the common
 * scripts, Hangul vowel and final jamo, variation selectors, emoji modifiers and
 * tags, zero-width non-joiner and joiner. Sorted. */
static const range extend_ranges[] = {
    { 0x0300, 0x036F }, { 0x0483, 0x0489 }, { 0x0591, 0x05BD }, { 0x05BF, 0x05BF }, { 0x05C1, 0x05C2 },
    { 0x05C4, 0x05C5 }, { 0x05C7, 0x05C7 }, { 0x0610, 0x061A }, { 0x064B, 0x065F }, { 0x0670, 0x0670 },
    { 0x06D6, 0x06DC }, { 0x06DF, 0x06E4 }, { 0x06E7, 0x06E8 }, { 0x06EA, 0x06ED }, { 0x0711, 0x0711 },
    { 0x0730, 0x074A }, { 0x07A6, 0x07B0 }, { 0x07EB, 0x07F3 }, { 0x0816, 0x082D }, { 0x0859, 0x085B },
    { 0x08D3, 0x08FF }, { 0x0900, 0x0903 }, { 0x093A, 0x094F }, { 0x0951, 0x0957 }, { 0x0962, 0x0963 },
    { 0x0981, 0x0983 }, { 0x09BC, 0x09D7 }, { 0x0A01, 0x0A03 }, { 0x0A3C, 0x0A51 }, { 0x0A70, 0x0A71 },
    { 0x0A81, 0x0A83 }, { 0x0ABC, 0x0ACD }, { 0x0B01, 0x0B03 }, { 0x0B3C, 0x0B57 }, { 0x0BBE, 0x0BCD },
    { 0x0C00, 0x0C04 }, { 0x0C3E, 0x0C56 }, { 0x0C81, 0x0C83 }, { 0x0CBC, 0x0CD6 }, { 0x0D00, 0x0D03 },
    { 0x0D3B, 0x0D4D }, { 0x0D57, 0x0D57 }, { 0x0E31, 0x0E31 }, { 0x0E34, 0x0E3A }, { 0x0E47, 0x0E4E },
    { 0x0EB1, 0x0EB1 }, { 0x0EB4, 0x0EBC }, { 0x0EC8, 0x0ECD }, { 0x0F18, 0x0F19 }, { 0x0F35, 0x0F39 },
    { 0x0F71, 0x0F84 }, { 0x102B, 0x103E }, { 0x1160, 0x11FF }, { 0x135D, 0x135F }, { 0x17B4, 0x17D3 },
    { 0x1AB0, 0x1AFF }, { 0x1DC0, 0x1DFF }, { 0x200C, 0x200D }, { 0x20D0, 0x20FF }, { 0x302A, 0x302F },
    { 0x3099, 0x309A }, { 0xA66F, 0xA672 }, { 0xA674, 0xA67D }, { 0xFE00, 0xFE0F }, { 0xFE20, 0xFE2F },
    { 0x1F3FB, 0x1F3FF }, { 0xE0020, 0xE007F }, { 0xE0100, 0xE01EF },
};

/* Characters about one em wide: CJK, Hangul syllables, full-width forms, emoji. Sorted. */
static const range wide_ranges[] = {
    { 0x1100, 0x115F }, { 0x2600, 0x27BF }, { 0x2E80, 0x303E }, { 0x3041, 0x33FF }, { 0x3400, 0x4DBF },
    { 0x4E00, 0x9FFF }, { 0xA000, 0xA4CF }, { 0xAC00, 0xD7A3 }, { 0xF900, 0xFAFF }, { 0xFE30, 0xFE4F },
    { 0xFF00, 0xFF60 }, { 0xFFE0, 0xFFE6 }, { 0x1F000, 0x1FAFF }, { 0x20000, 0x3FFFD },
};

#define ZWJ 0x200Du
#define IS_REGIONAL(cp) ((cp) >= 0x1F1E6 && (cp) <= 0x1F1FF)

static double char_width(uint32_t cp)
{
    if (cp < 0x80) {
        if (strchr("iljtfrI.,;:'!|()[] -", (int)cp) && cp)
            return cp == ' ' ? 0.32 : 0.34;
        if (cp >= 'A' && cp <= 'Z')
            return cp == 'M' || cp == 'W' ? 0.86 : 0.7;
        if (cp == 'm' || cp == 'w')
            return 0.86;
        if (cp >= '0' && cp <= '9')
            return 0.64;
        return 0.6;
    }
    if (in_ranges(cp, extend_ranges, sizeof extend_ranges / sizeof *extend_ranges))
        return 0;
    if (IS_REGIONAL(cp))
        return 0.5; /* a flag is two of them */
    if (in_ranges(cp, wide_ranges, sizeof wide_ranges / sizeof *wide_ranges))
        return 1.0;
    return 0.62;
}

/* Length of the user-perceived character at p (a grapheme cluster, approximately), and its width. */
static size_t cluster(const unsigned char *p, size_t avail, double *width)
{
    uint32_t cp;
    bool ok;
    size_t n = decode(p, avail, &cp, &ok);
    *width = char_width(cp);
    bool regional = ok && IS_REGIONAL(cp);
    bool joined = ok && cp == ZWJ;
    while (n < avail) {
        uint32_t next;
        size_t k = decode(p + n, avail - n, &next, &ok);
        if (!ok)
            break;
        if (joined || in_ranges(next, extend_ranges, sizeof extend_ranges / sizeof *extend_ranges)) {
            joined = next == ZWJ;
        } else if (regional && IS_REGIONAL(next)) {
            regional = false; /* a pair makes a flag; a third begins another */
            *width += char_width(next);
        } else {
            break;
        }
        n += k;
    }
    return n;
}

double pf__text_width_em(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    double total = 0;
    size_t i = 0;
    while (i < len) {
        double w;
        i += cluster(p + i, len - i, &w);
        total += w;
    }
    return total;
}

bool pf__text_is_rtl(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t len = strlen(s), i = 0;
    while (i < len) {
        uint32_t cp;
        bool ok;
        i += decode(p + i, len - i, &cp, &ok);
        if ((cp >= 0x0590 && cp <= 0x08FF) || (cp >= 0xFB1D && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFF) ||
            (cp >= 0x10800 && cp <= 0x10FFF) || (cp >= 0x1E800 && cp <= 0x1EFFF)) {
            if (!in_ranges(cp, extend_ranges, sizeof extend_ranges / sizeof *extend_ranges))
                return true;
            continue;
        }
        bool weak = cp < 0x80 ? !((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') /* digits, punctuation, spaces */
                              : (cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0x3000 && cp <= 0x303F) ||
                                    (cp >= 0x1F000 && cp <= 0x1FAFF) || cp == 0xA0 ||
                                    in_ranges(cp, extend_ranges, sizeof extend_ranges / sizeof *extend_ranges);
        if (!weak)
            return false;
    }
    return false;
}

#define ELLIPSIS "\xE2\x80\xA6"
#define ELLIPSIS_EM 1.0

size_t pf__text_fit(const char *s, double max_em, double *width_em)
{
    size_t len = strlen(s);
    double full = pf__text_width_em(s, len);
    if (full <= max_em) {
        if (width_em)
            *width_em = full;
        return len;
    }
    const unsigned char *p = (const unsigned char *)s;
    double used = 0;
    size_t keep = 0, i = 0;
    while (i < len) {
        double w;
        size_t n = cluster(p + i, len - i, &w);
        if (used + w + ELLIPSIS_EM > max_em)
            break;
        used += w;
        i += n;
        keep = i;
    }
    while (keep > 0 && s[keep - 1] == ' ') {
        keep--;
        used -= char_width(' ');
    }
    if (width_em)
        *width_em = used + ELLIPSIS_EM;
    return keep;
}

pf_status pf__xml_escape_fit(pf_buf *b, const char *s, double max_em)
{
    size_t len = strlen(s);
    size_t keep = pf__text_fit(s, max_em, NULL);
    pf_status st = pf__xml_escape_n(b, s, keep);
    if (st == PF_OK && keep < len)
        st = pf__buf_puts(b, ELLIPSIS);
    return st;
}
