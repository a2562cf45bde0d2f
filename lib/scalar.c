/* Locale-independent parsing and formatting of the scalars documents carry. */
#include <errno.h>
#include <locale.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/*
 * strtod and printf follow the thread's locale; a "C" locale object, made
 * once and never changed, is switched in for the duration of each call so
 * a German or Swedish host still reads and writes "0.25".
 */
static locale_t c_locale;
static pthread_once_t c_locale_once = PTHREAD_ONCE_INIT;

static void make_c_locale(void)
{
    c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0);
}

static locale_t enter_c_locale(void)
{
    pthread_once(&c_locale_once, make_c_locale);
    return c_locale ? uselocale(c_locale) : (locale_t)0;
}

static void leave_c_locale(locale_t previous)
{
    if (previous)
        uselocale(previous);
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

bool pf__is_decimal(const char *s)
{
    const char *p = s;
    if (*p == '-' || *p == '+')
        p++;
    size_t int_digits = 0, frac_digits = 0;
    while (is_digit(*p))
        p++, int_digits++;
    if (*p == '.') {
        p++;
        while (is_digit(*p))
            p++, frac_digits++;
    }
    if (int_digits + frac_digits == 0)
        return false;
    if (*p == 'e' || *p == 'E') {
        p++;
        if (*p == '-' || *p == '+')
            p++;
        if (!is_digit(*p))
            return false;
        while (is_digit(*p))
            p++;
    }
    return *p == '\0';
}

bool pf__parse_number(const char *s, double *out)
{
    if (!pf__is_decimal(s))
        return false;
    locale_t prev = enter_c_locale();
    errno = 0;
    double v = strtod(s, NULL);
    int e = errno;
    leave_c_locale(prev);
    if (e == ERANGE && isinf(v))
        return false;
    *out = v;
    return true;
}

bool pf__parse_int64(const char *s, int64_t *out)
{
    const char *p = s;
    bool neg = false;
    if (*p == '-' || *p == '+')
        neg = *p++ == '-';
    if (!is_digit(*p))
        return false;
    uint64_t v = 0;
    uint64_t limit = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
    for (; is_digit(*p); p++) {
        unsigned d = (unsigned)(*p - '0');
        if (v > (limit - d) / 10)
            return false;
        v = v * 10 + d;
    }
    if (*p)
        return false;
    *out = neg ? (v == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)v) : (int64_t)v;
    return true;
}

/* Whether v printed with `digits` in the format (%.*f or %.*g) reads back as v; the text is left in out. */
static bool round_trips(double v, const char *format, int digits, char out[32])
{
    snprintf(out, 32, format, digits, v);
    return strtod(out, NULL) == v;
}

/*
 * The fewest digits (lo..hi) for which the format reads back as v, its text in out; false when even hi does not.
 * Printing rounds correctly and so does strtod, so more digits are never further from v: once a count reads
 * back, every larger one does (the rounding interval is lopsided only at powers of two, which are exact at
 * their own few digits). So the search may start anywhere: at `guess` (where a computed value, a third say,
 * needs 15 to 17 significant digits), going up one at a time when it fails, else down by halves.
 */
static bool fewest_digits(double v, const char *format, int lo, int hi, int guess, char out[32])
{
    guess = guess < lo ? lo : guess > hi ? hi : guess;
    if (!round_trips(v, format, guess, out)) {
        while (++guess <= hi)
            if (round_trips(v, format, guess, out))
                return true;
        return false;
    }
    hi = guess;
    char text[32];
    strcpy(text, out);
    /* Round numbers (0.25, 4.5) need few digits: try those first. */
    for (int d = lo; d < hi && d < lo + 2; d++)
        if (round_trips(v, format, d, out))
            return true;
    lo += 2;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (round_trips(v, format, mid, out)) {
            hi = mid;
            strcpy(text, out);
        } else {
            lo = mid + 1;
        }
    }
    strcpy(out, text);
    return true;
}

void pf__format_number(double v, char out[32])
{
    if (v == 0) {
        strcpy(out, "0");
        return;
    }
    double mag = fabs(v);
    if (mag < 1e15 && v == (double)(int64_t)v) {
        /* A whole number below 10^15 is its digits (what "%.0f" writes), without printf. */
        char digits[24];
        size_t n = 0;
        for (uint64_t u = (uint64_t)mag; u; u /= 10)
            digits[n++] = (char)('0' + u % 10);
        char *w = out;
        if (v < 0)
            *w++ = '-';
        while (n)
            *w++ = digits[--n];
        *w = '\0';
        return;
    }
    if (mag < 1e9) {
        /*
         * Short decimals (0.5, 12.25, -0.125) exactly, without printf: k / 10^d divides two exact doubles, so it
         * rounds as strtod reads "k with d decimals"; when that gives v back, k / 10^d is within half a unit of
         * v's last place, far closer than the 0.5 / 10^d that makes it the nearest d-place decimal, which is
         * what "%.*f" writes. The first d that gives v back is the fewest (none of 0 places: v is not whole).
         */
        static const double tens[] = { 1, 10, 100, 1000, 10000 };
        for (int d = 1; d <= 4; d++) {
            double scaled = v * tens[d];
            int64_t k = (int64_t)(scaled < 0 ? scaled - 0.5 : scaled + 0.5);
            if ((double)k / tens[d] == v) {
                char digits[24];
                size_t n = 0;
                for (uint64_t u = (uint64_t)(k < 0 ? -k : k); u || n <= (size_t)d; u /= 10)
                    digits[n++] = (char)('0' + u % 10);
                char *w = out;
                if (v < 0)
                    *w++ = '-';
                while (n > (size_t)d)
                    *w++ = digits[--n];
                *w++ = '.';
                while (n)
                    *w++ = digits[--n];
                *w = '\0';
                return;
            }
        }
    }
    locale_t prev = enter_c_locale();
    /* Plain decimals for everyday magnitudes (budgets, shares), fewest digits that read back exactly. The power
       of ten of mag (perhaps one off, where 10^k is inexact) is only where the search starts; no libm call, so
       static programs need not link it. */
    int e10 = -7;
    for (double ten = 1e-6; e10 < 15 && mag >= ten; ten *= 10)
        e10++;
    bool done = mag >= 1e-6 && mag < 1e15 && fewest_digits(v, "%.*f", 0, 17, 14 - e10, out);
    if (!done)
        fewest_digits(v, "%.*g", 1, 17, 15, out);
    leave_c_locale(prev);
}

void pf__format_fixed(double v, int decimals, bool trim, char out[48])
{
    if (!isfinite(v)) {
        strcpy(out, "0");
        return;
    }
    if (fabs(v) >= 1e15) {
        char tmp[32];
        pf__format_number(v, tmp);
        strcpy(out, tmp);
        return;
    }
    decimals = decimals < 0 ? 0 : decimals > 6 ? 6 : decimals;
    /* printf rounds the exact binary value (ties to even), as the text outputs do. */
    locale_t prev = enter_c_locale();
    snprintf(out, 48, "%.*f", decimals, v);
    leave_c_locale(prev);
    if (out[0] == '-' && strspn(out + 1, "0.") == strlen(out + 1))
        memmove(out, out + 1, strlen(out)); /* no "-0" */
    if (trim && strchr(out, '.')) {
        size_t n = strlen(out);
        while (out[n - 1] == '0')
            out[--n] = '\0';
        if (out[n - 1] == '.')
            out[n - 1] = '\0';
    }
}

static bool is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

bool pf__date_is_unset(pf_date d)
{
    return d.year == 0 && d.month == 0 && d.day == 0;
}

bool pf__date_valid(pf_date d)
{
    static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (d.year < 1 || d.year > 9999 || d.month < 1 || d.month > 12 || d.day < 1)
        return false;
    int max = days[d.month - 1] + (d.month == 2 && is_leap(d.year));
    return d.day <= max;
}

int pf__date_compare(pf_date a, pf_date b)
{
    if (a.year != b.year)
        return a.year < b.year ? -1 : 1;
    if (a.month != b.month)
        return a.month < b.month ? -1 : 1;
    if (a.day != b.day)
        return a.day < b.day ? -1 : 1;
    return 0;
}

bool pf__parse_date(const char *s, pf_date *out)
{
    static const char shape[] = "dddd-dd-dd";
    for (size_t i = 0; i < sizeof shape - 1; i++)
        if (shape[i] == 'd' ? !is_digit(s[i]) : s[i] != shape[i])
            return false;
    if (s[sizeof shape - 1])
        return false;
    pf_date d = { (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0'),
                  (s[5] - '0') * 10 + (s[6] - '0'), (s[8] - '0') * 10 + (s[9] - '0') };
    *out = d;
    return true;
}

void pf__format_date(pf_date d, char out[11])
{
    /* Dates are valid when stored, so each field fits its width. */
    unsigned y = (unsigned)d.year % 10000u, m = (unsigned)d.month % 100u, day = (unsigned)d.day % 100u;
    const char digits[] = "0123456789";
    out[0] = digits[y / 1000], out[1] = digits[y / 100 % 10], out[2] = digits[y / 10 % 10], out[3] = digits[y % 10];
    out[4] = '-', out[5] = digits[m / 10], out[6] = digits[m % 10];
    out[7] = '-', out[8] = digits[day / 10], out[9] = digits[day % 10], out[10] = '\0';
}

bool pf__id_valid(const char *s)
{
    if (!s || !*s)
        return false;
    for (; *s; s++) {
        char c = *s;
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) || c == '.' || c == '_' ||
              c == '-'))
            return false;
    }
    return true;
}

bool pf__utf8_valid(const char *s, size_t len)
{
    size_t bad;
    return pf__utf8_check(s, len, &bad);
}

bool pf__utf8_check(const char *str, size_t len, size_t *bad_offset)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < len) {
        unsigned c = s[i];
        size_t n;
        uint32_t cp;
        if (c == 0)
            return *bad_offset = i, false;
        if (c < 0x80) {
            i++;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            n = 1, cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            n = 2, cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            n = 3, cp = c & 0x07;
        } else {
            return *bad_offset = i, false;
        }
        if (len - i <= n)
            return *bad_offset = i, false;
        for (size_t k = 1; k <= n; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return *bad_offset = i, false;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        static const uint32_t min_for_length[4] = { 0, 0x80, 0x800, 0x10000 };
        if (cp < min_for_length[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return *bad_offset = i, false;
        i += n + 1;
    }
    return true;
}

/* Officially assigned ISO 3166-1 alpha-2 codes (249). */
static const char countries[] =
    "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS "
    "BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE "
    "EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM "
    "HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC "
    "LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA "
    "NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW "
    "SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO "
    "TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW";

bool pf__country_valid(const char *s)
{
    if (!s || !(s[0] >= 'A' && s[0] <= 'Z') || !(s[1] >= 'A' && s[1] <= 'Z') || s[2])
        return false;
    /* Entries are two letters and a separator; the last ends the string. */
    for (const char *p = countries;; p += 3) {
        if (p[0] == s[0] && p[1] == s[1])
            return true;
        if (!p[2])
            return false;
    }
}

size_t pf__control_len(const char *p)
{
    const unsigned char *u = (const unsigned char *)p;
    if ((u[0] < 0x20 && u[0] != '\t' && u[0] != '\n' && u[0] != '\r') || u[0] == 0x7F)
        return u[0] ? 1 : 0;
    return u[0] == 0xC2 && u[1] >= 0x80 && u[1] <= 0x9F ? 2 : 0;
}

void pf__quote(const char *s, char out[64])
{
    size_t o = 0;
    out[o++] = '\'';
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (o >= 52) {
            /* Back off to a character boundary before the ellipsis. */
            while (o > 1 && ((unsigned char)out[o - 1] & 0xC0) == 0x80)
                o--;
            if (o > 1 && ((unsigned char)out[o - 1] & 0x80))
                o--;
            memcpy(out + o, "...", 3);
            o += 3;
            break;
        }
        if (*p < 0x20 || *p == 0x7F) {
            snprintf(out + o, 5, "\\x%02X", *p);
            o += 4;
        } else {
            out[o++] = (char)*p;
        }
    }
    out[o++] = '\'';
    out[o] = '\0';
}

pf_status pf__check_amount(double v, double max, const char *field, pf_error *err)
{
    if (!isfinite(v))
        return pf__fail(err, PF_EARG, "%s: must be a finite number", field);
    if (v >= 0 && v <= max)
        return PF_OK; /* formatting is only for the message: readers check every amount */
    char num[32], most[32];
    pf__format_number(v, num);
    if (v < 0)
        return pf__fail(err, PF_EARG, "%s: must be >= 0 (got %s)", field, num);
    if (v > max) {
        pf__format_number(max, most);
        return pf__fail(err, PF_EARG, "%s: must be at most %s (got %s)", field, most, num);
    }
    return PF_OK;
}
