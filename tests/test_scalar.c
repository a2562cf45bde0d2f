/* Internal scalar helpers: numbers, dates, ids, UTF-8, countries. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <string.h>
#include <stdio.h>

#include <cmocka.h>

#include "internal.h"

static void test_number_parsing_is_strict(void **state)
{
    (void)state;
    double v;
    assert_true(pf__parse_number("0.25", &v) && v == 0.25);
    assert_true(pf__parse_number("-3", &v) && v == -3);
    assert_true(pf__parse_number("+1e3", &v) && v == 1000);
    assert_true(pf__parse_number(".5", &v) && v == 0.5);
    assert_true(pf__parse_number("5.", &v) && v == 5);
    assert_true(pf__parse_number("1e-400", &v) && v == 0); /* underflow reads as the nearest double */
    assert_false(pf__parse_number("1e400", &v));
    assert_false(pf__parse_number("0x10", &v));
    assert_false(pf__parse_number("1,5", &v));
    assert_false(pf__parse_number("1_000", &v));
    assert_false(pf__parse_number("", &v));
    assert_false(pf__parse_number(".", &v));
    assert_false(pf__parse_number("1e", &v));
    assert_false(pf__parse_number(" 1", &v));
    assert_false(pf__parse_number("nan", &v));
    assert_false(pf__parse_number("inf", &v));
}

static void test_integers(void **state)
{
    (void)state;
    int64_t v;
    assert_true(pf__parse_int64("9223372036854775807", &v) && v == INT64_MAX);
    assert_true(pf__parse_int64("-9223372036854775808", &v) && v == INT64_MIN);
    assert_false(pf__parse_int64("9223372036854775808", &v));
    assert_false(pf__parse_int64("1.0", &v));
    assert_false(pf__parse_int64("", &v));
    assert_false(pf__parse_int64("-", &v));
}

static void test_number_formatting_is_shortest_exact(void **state)
{
    (void)state;
    static const struct {
        double v;
        const char *text;
    } cases[] = {
        { 0, "0" },         { 20, "20" },          { 0.15, "0.15" },       { 6500000, "6500000" },
        { -2.5, "-2.5" },   { 0.1 + 0.2, "0.30000000000000004" },       { 1e15, "1e+15" },
        { 1e-7, "1e-07" },  { 123456789012345, "123456789012345" },     { 1.0 / 3, "0.3333333333333333" },
        /* Short decimals, written without printf up to 4 places and below 10^9, and their neighbours
           (the texts the old loop over every count of decimals gave). */
        { -0.125, "-0.125" }, { 0.0001, "0.0001" }, { 999999999.5, "999999999.5" }, { 1e9 + 0.5, "1000000000.5" },
        { 0.00015, "0.00015" }, { 1e-6, "0.000001" }, { 123.4567, "123.4567" }, { 0.5, "0.5" },
        { 2.0 / 3, "0.6666666666666666" }, { -1e14 - 0.5, "-100000000000000.5" },
        { 1e-4 * 3, "0.00030000000000000003" }, { 0.1 * 3, "0.30000000000000004" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char out[32];
        pf__format_number(cases[i].v, out);
        assert_string_equal(out, cases[i].text);
        double back;
        assert_true(pf__parse_number(out, &back));
        assert_true(back == cases[i].v);
    }
}

static void test_dates(void **state)
{
    (void)state;
    pf_date d;
    char out[11];
    assert_true(pf__parse_date("2024-02-29", &d));
    assert_true(pf__date_valid(d));
    pf__format_date(d, out);
    assert_string_equal(out, "2024-02-29");
    assert_true(pf__parse_date("2023-02-29", &d));
    assert_false(pf__date_valid(d));
    assert_true(pf__parse_date("2024-04-31", &d));
    assert_false(pf__date_valid(d));
    assert_false(pf__parse_date("2024-4-01", &d));
    assert_false(pf__parse_date("2024-04-01T00:00", &d));
    assert_false(pf__parse_date("24-04-01", &d));
    pf_date a = { 2024, 1, 31 }, b = { 2024, 2, 1 };
    assert_true(pf__date_compare(a, b) < 0);
    assert_true(pf__date_compare(b, a) > 0);
    assert_int_equal(pf__date_compare(a, a), 0);
}

static void test_ids_utf8_countries(void **state)
{
    (void)state;
    assert_true(pf__id_valid("flood-ai_2.0"));
    assert_false(pf__id_valid("a b"));
    assert_false(pf__id_valid("é"));
    assert_false(pf__id_valid(""));
    assert_true(pf__utf8_valid("h\xC3\xA9 \xF0\x9F\x9A\x80", 8));
    assert_false(pf__utf8_valid("\xC0\xAF", 2));         /* overlong '/' */
    assert_false(pf__utf8_valid("\xED\xA0\x80", 3));     /* surrogate */
    assert_false(pf__utf8_valid("\xF4\x90\x80\x80", 4)); /* above U+10FFFF */
    assert_false(pf__utf8_valid("\xE2\x82", 2));         /* truncated */
    assert_false(pf__utf8_valid("a\0b", 3));
    int assigned = 0;
    for (char a = 'A'; a <= 'Z'; a++) {
        for (char b = 'A'; b <= 'Z'; b++) {
            char code[3] = { a, b, 0 };
            assigned += pf__country_valid(code);
        }
    }
    assert_int_equal(assigned, 249);
    assert_true(pf__country_valid("SE"));
    assert_false(pf__country_valid("UK"));
    assert_false(pf__country_valid("se"));
}

static void test_quote_truncates_on_character_boundary(void **state)
{
    (void)state;
    char out[64];
    pf__quote("tab\there", out);
    assert_string_equal(out, "'tab\\x09here'");
    pf__quote("ééééééééééééééééééééééééééééééééééé", out); /* 70 bytes */
    assert_true(pf__utf8_valid(out, strlen(out)));
    assert_string_equal(out + strlen(out) - 4, "...'");
}

static void test_string_index(void **state)
{
    (void)state;
    pf_allocator a = pf__allocator_resolve(NULL);
    pf_strmap m = { 0 };
    char keys[1000][8];
    for (size_t i = 0; i < 1000; i++) {
        snprintf(keys[i], sizeof keys[i], "k%zu", i);
        assert_int_equal(pf__strmap_put(&a, &m, keys[i], i), PF_OK);
    }
    for (size_t i = 0; i < 1000; i++) {
        size_t v;
        assert_true(pf__strmap_get(&m, keys[i], &v));
        assert_int_equal(v, i);
    }
    size_t v;
    assert_false(pf__strmap_get(&m, "missing", &v));
    pf__strmap_free(&a, &m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_number_parsing_is_strict),
        cmocka_unit_test(test_integers),
        cmocka_unit_test(test_number_formatting_is_shortest_exact),
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_ids_utf8_countries),
        cmocka_unit_test(test_quote_truncates_on_character_boundary),
        cmocka_unit_test(test_string_index),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
