/* Questionnaire forms: control names, what respondents see, escaping, languages and arguments. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <portfolio/portfolio.h>

#include "failing_alloc.h"

static char *form(const pf_instrument *inst, const char *lang)
{
    pf_form_options o = PF_FORM_OPTIONS_INIT;
    o.lang = lang;
    pf_buf b = PF_BUF_INIT;
    pf_error err;
    if (pf_instrument_form_html(inst, &o, &b, &err) != PF_OK)
        fail_msg("form: %s", err.message);
    char *copy = strdup(b.data);
    assert_int_equal(strlen(copy), b.size);
    pf_buf_dispose(&b);
    return copy;
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + strlen(needle), needle))
        n++;
    return n;
}

/* Occurrences within the fieldset of the question whose controls are named `name`. */
static size_t count_in_question(const char *html, const char *name, const char *needle)
{
    char attr[96];
    snprintf(attr, sizeof attr, "name=\"%s\"", name);
    const char *start = strstr(html, attr);
    assert_non_null(start);
    const char *end = strstr(start, "</fieldset>");
    assert_non_null(end);
    size_t n = 0;
    for (const char *p = strstr(start, needle); p && p < end; p = strstr(p + strlen(needle), needle))
        n++;
    return n;
}

static pf_instrument *team_pulse(void)
{
    pf_instrument *inst = NULL;
    pf_error err;
    if (pf_instrument_read_file(SOURCE_ROOT "/examples/data/instruments/team-pulse.yaml", NULL, &inst, NULL, &err) !=
        PF_OK)
        fail_msg("%s", err.message);
    return inst;
}

static pf_instrument *default_instrument(void)
{
    pf_instrument *inst = NULL;
    assert_int_equal(pf_instrument_open_default(NULL, &inst, NULL), PF_OK);
    return inst;
}

/* Every answer slot has its controls named by the id documents answer, with the values documents use. */
static void check_control_names(const pf_instrument *inst, const char *html)
{
    size_t names = 0;
    char needle[160];
    for (size_t q = 0; q < pf_instrument_question_count(inst); q++) {
        pf_question_info qi;
        assert_int_equal(pf_instrument_question_at(inst, q, &qi), PF_OK);
        if (qi.form == PF_FORM_RANK || qi.form == PF_FORM_MULTI) {
            size_t want = qi.option_count + (qi.form == PF_FORM_MULTI);
            snprintf(needle, sizeof needle, "name=\"%s\"", qi.id);
            if (count(html, needle) != want)
                fail_msg("%s: %zu controls, expected %zu", qi.id, count(html, needle), want);
            names += want;
            for (size_t o = 0; o < qi.option_count; o++) {
                pf_option_info opt;
                assert_int_equal(pf_instrument_option_at(inst, q, o, &opt), PF_OK);
                /* Rank: listed once in every place's select; multi: one checkbox. */
                snprintf(needle, sizeof needle, qi.form == PF_FORM_MULTI ? "name=\"%s\" value=\"%s\"" : "<option value=\"%s\" dir=\"auto\"",
                         qi.form == PF_FORM_MULTI ? qi.id : opt.id, opt.id);
                assert_int_equal(count_in_question(html, qi.id, needle), qi.form == PF_FORM_MULTI ? 1 : qi.option_count);
            }
            if (qi.form == PF_FORM_MULTI) {
                snprintf(needle, sizeof needle, "name=\"%s\" value=\"none\"", qi.id);
                assert_int_equal(count(html, needle), 1);
            }
            continue;
        }
        for (size_t i = 0; i < qi.item_count; i++) {
            pf_item_info item;
            assert_int_equal(pf_instrument_item_at(inst, q, i, &item), PF_OK);
            bool yes_no = item.form == PF_FORM_YES_NO;
            snprintf(needle, sizeof needle, "name=\"%s\"", item.id);
            assert_int_equal(count(html, needle), yes_no ? 3 : 5);
            names += yes_no ? 3 : 5;
            static const char *const agree[] = { "0", "1", "2", "3", "4" };
            static const char *const choices[] = { "yes", "no", "unsure" };
            for (size_t v = 0; v < (yes_no ? 3 : 5); v++) {
                snprintf(needle, sizeof needle, "name=\"%s\" value=\"%s\"", item.id, yes_no ? choices[v] : agree[v]);
                assert_int_equal(count(html, needle), 1);
            }
        }
    }
    /* Besides the slots, only the respondent's four fields and the viewport meta carry a name. */
    static const char *const fields[] = { "respondent", "role", "unit", "date" };
    for (size_t f = 0; f < 4; f++) {
        snprintf(needle, sizeof needle, " name=\"%s\"", fields[f]);
        assert_int_equal(count(html, needle), 1);
    }
    assert_int_equal(count(html, " name=\""), names + 4 + 1);
}

static void test_control_names(void **state)
{
    (void)state;
    pf_instrument *insts[] = { default_instrument(), team_pulse() };
    for (size_t k = 0; k < 2; k++) {
        for (int l = 0; l < 2; l++) {
            char *html = form(insts[k], l ? "fr" : "en");
            check_control_names(insts[k], html);
            free(html);
        }
        pf_instrument_free(insts[k]);
    }
}

/* What a browser shows: no script or style blocks, no tags or attributes; the five entities decoded. */
static char *visible_text(const char *html)
{
    char *out = malloc(strlen(html) + 1), *w = out;
    assert_non_null(out);
    const char *p = html;
    while (*p) {
        if (strncmp(p, "<script", 7) == 0 || strncmp(p, "<style", 6) == 0) {
            const char *end = strstr(p, p[1] == 's' && p[2] == 'c' ? "</script>" : "</style>");
            assert_non_null(end);
            p = strchr(end, '>') + 1;
        } else if (*p == '<') {
            p = strchr(p, '>');
            assert_non_null(p);
            p++;
            *w++ = ' ';
        } else if (*p == '&') {
            static const char *const ents[][2] = { { "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" },
                                                   { "&quot;", "\"" }, { "&#39;", "'" } };
            size_t e = 0;
            while (e < 5 && strncmp(p, ents[e][0], strlen(ents[e][0])) != 0)
                e++;
            if (e == 5)
                fail_msg("unknown entity at %.12s", p);
            *w++ = ents[e][1][0];
            p += strlen(ents[e][0]);
        } else {
            *w++ = *p++;
        }
    }
    *w = '\0';
    return out;
}

/* Blanks every occurrence of s in text. */
static void blank_out(char *text, const char *s)
{
    size_t n = strlen(s);
    for (char *p = n ? strstr(text, s) : NULL; p; p = strstr(p + n, s))
        memset(p, ' ', n);
}

static const char *find_ci(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    for (const char *p = hay; *p; p++) {
        size_t i = 0;
        while (i < n && p[i] && tolower((unsigned char)p[i]) == tolower((unsigned char)needle[i]))
            i++;
        if (i == n)
            return p;
    }
    return NULL;
}

/* Respondents see the instrument's own texts and neutral words: no facet, dimension or part, no id. */
static void check_neutral(const pf_instrument *inst, const char *html, const char *lang)
{
    char *text = visible_text(html);
    blank_out(text, pf_instrument_title_in(inst, lang));
    for (size_t q = 0; q < pf_instrument_question_count(inst); q++) {
        pf_question_info qi;
        assert_int_equal(pf_instrument_question_in(inst, q, lang, &qi), PF_OK);
        blank_out(text, qi.text);
        for (size_t i = 0; i < qi.item_count; i++) {
            pf_item_info item;
            assert_int_equal(pf_instrument_item_in(inst, q, i, lang, &item), PF_OK);
            blank_out(text, item.text);
        }
        for (size_t o = 0; o < qi.option_count; o++) {
            pf_option_info opt;
            assert_int_equal(pf_instrument_option_in(inst, q, o, lang, &opt), PF_OK);
            blank_out(text, opt.text);
        }
    }
    static const char *const words[] = {
        "enhancement", "mission", "adaptive", "anticipatory", "amélioration", "adaptative", "anticipative",
        "sense-making", "stewardship", "structures", "resources", "learning", "ecosystem", "écosystème",
        "compréhension", "pilotage", "ressources", "apprentissage", "orientation", "capability", "capacité",
        "facet", "dimension", "score", "point", "weight", "reversed", "inversé",
    };
    for (size_t w = 0; w < sizeof words / sizeof *words; w++) {
        const char *at = find_ci(text, words[w]);
        if (at)
            fail_msg("'%s' is visible: ...%.60s...", words[w], at > text + 30 ? at - 30 : text);
    }
    for (size_t q = 0; q < pf_instrument_question_count(inst); q++) {
        pf_question_info qi;
        assert_int_equal(pf_instrument_question_at(inst, q, &qi), PF_OK);
        if (strstr(text, qi.id))
            fail_msg("question id '%s' is visible", qi.id);
        for (size_t i = 0; i < qi.item_count; i++) {
            pf_item_info item;
            assert_int_equal(pf_instrument_item_at(inst, q, i, &item), PF_OK);
            if (strstr(text, item.id))
                fail_msg("item id '%s' is visible", item.id);
        }
        for (size_t o = 0; o < qi.option_count; o++) {
            pf_option_info opt;
            assert_int_equal(pf_instrument_option_at(inst, q, o, &opt), PF_OK);
            if (strstr(text, opt.id))
                fail_msg("option id '%s' is visible", opt.id);
        }
    }
    free(text);
}

static void test_neutral_words(void **state)
{
    (void)state;
    pf_instrument *insts[] = { default_instrument(), team_pulse() };
    for (size_t k = 0; k < 2; k++) {
        for (int l = 0; l < 2; l++) {
            char *html = form(insts[k], l ? "fr" : "en");
            check_neutral(insts[k], html, l ? "fr" : "en");
            free(html);
        }
        pf_instrument_free(insts[k]);
    }
}

#define ARABIC "\xD9\x85\xD8\xB4\xD8\xB1\xD9\x88\xD8\xB9" /* Arabic: project */

/* An instrument whose texts try to break out of the page, with a rank question of 16 options. */
static const char hostile_yaml[] =
    "instrument: 1\n"
    "id: hostile-1\n"
    "title: \"</script><script>alert(1)</script> <!-- & \\\"T\\\" 'x'\"\n"
    "scoring: {pet_scale: 10, capability_base: 0, capability_levels: {medium: 1, high: 2}}\n"
    "questions:\n"
    "  - id: h1\n"
    "    part: orientation\n"
    "    form: agree\n"
    "    text: \"<b>bold</b> & " ARABIC "\"\n"
    "    items:\n"
    "      - {id: h1.a, facet: enhancement, text: \"<img src=x onerror=alert(1)>\"}\n"
    "      - {id: h1.b, facet: mission, text: \"</legend></fieldset>\"}\n"
    "      - {id: h1.c, facet: adaptive, text: \"\\u2028 line separator\"}\n"
    "      - {id: h1.d, facet: anticipatory, text: \"]]> \\\" '\"}\n"
    "  - id: h2\n"
    "    part: orientation\n"
    "    form: rank\n"
    "    text: \"Rank </select>\"\n"
    "    rank_points: [15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0]\n"
    "    options:\n"
    "      - {id: o1, facet: enhancement, text: \"</option><script>x()</script>\"}\n"
    "      - {id: o2, facet: mission, text: b}\n"
    "      - {id: o3, facet: adaptive, text: c}\n"
    "      - {id: o4, facet: anticipatory, text: d}\n"
    "      - {id: o5, facet: enhancement, text: e}\n"
    "      - {id: o6, facet: mission, text: f}\n"
    "      - {id: o7, facet: adaptive, text: g}\n"
    "      - {id: o8, facet: anticipatory, text: h}\n"
    "      - {id: o9, facet: enhancement, text: i}\n"
    "      - {id: o10, facet: mission, text: j}\n"
    "      - {id: o11, facet: adaptive, text: k}\n"
    "      - {id: o12, facet: anticipatory, text: l}\n"
    "      - {id: o13, facet: enhancement, text: m}\n"
    "      - {id: o14, facet: mission, text: n}\n"
    "      - {id: o15, facet: adaptive, text: o}\n"
    "      - {id: o16, facet: anticipatory, text: p}\n"
    "  - id: h3\n"
    "    part: orientation\n"
    "    form: multi\n"
    "    text: Multi\n"
    "    options:\n"
    "      - {id: m1, facet: mission, points: 1, text: \"</label><input name=q>\"}\n"
    "  - id: h4\n"
    "    part: capability\n"
    "    form: agree\n"
    "    text: Capability\n"
    "    items:\n"
    "      - {id: h4.a, dimension: sense-making, text: a}\n"
    "      - {id: h4.b, dimension: stewardship, text: b}\n"
    "      - {id: h4.c, dimension: structures, text: c}\n"
    "      - {id: h4.d, dimension: resources, text: d}\n"
    "      - {id: h4.e, dimension: learning, text: e}\n"
    "      - {id: h4.f, dimension: ecosystem, text: f}\n";

static void test_hostile_texts(void **state)
{
    (void)state;
    pf_instrument *inst = NULL;
    pf_error err;
    if (pf_instrument_read_buffer(hostile_yaml, sizeof hostile_yaml - 1, "hostile.yaml", NULL, &inst, NULL, &err) !=
        PF_OK)
        fail_msg("%s:%u:%u: %s", err.source, err.line, err.column, err.message);
    for (int l = 0; l < 2; l++) {
        char *html = form(inst, l ? "fr" : "en");
        /* Only the page's own two script blocks, and no comment or tag from a text. */
        assert_int_equal(count(html, "<script"), 2);
        assert_int_equal(count(html, "</script>"), 2);
        assert_null(strstr(html, "<!--"));
        assert_null(strstr(html, "<img"));
        assert_null(strstr(html, "<b>"));
        assert_null(strstr(html, "</legend></fieldset>"));
        assert_null(strstr(html, "<input name=q>"));
        assert_int_equal(count(html, "</select>"), 16 + 1); /* the places and the role */
        assert_int_equal(count(html, "</option>"), 16 * 17 + 6); /* 16 places x (choose + 16), and 6 roles */
        /* Escaped in the page, and in the data block with < as \u003c. */
        /* The instrument is only in English: its texts say so on the French page. */
        const char *lang_attr = l ? " lang=\"en\"" : "";
        char want[256];
        snprintf(want, sizeof want, "<h1 dir=\"auto\"%s>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &lt;!-- "
                 "&amp; &quot;T&quot; &#39;x&#39;</h1>", lang_attr);
        assert_non_null(strstr(html, want));
        assert_non_null(strstr(html, "\"title\": \"\\u003c/script>\\u003cscript>alert(1)\\u003c/script> \\u003c!-- & "
                                     "\\\"T\\\" 'x'\""));
        snprintf(want, sizeof want, "<span dir=\"auto\"%s>&lt;b&gt;bold&lt;/b&gt; &amp; " ARABIC "</span>", lang_attr);
        assert_non_null(strstr(html, want));
        snprintf(want, sizeof want, "<option value=\"o1\" dir=\"auto\"%s>&lt;/option&gt;&lt;script&gt;x()&lt;/script&gt;</option>",
                 lang_attr);
        assert_non_null(strstr(html, want));
        snprintf(want, sizeof want, "<label for=\"pf-s5-0\" dir=\"auto\"%s>&lt;/label&gt;&lt;input name=q&gt;</label>", lang_attr);
        assert_non_null(strstr(html, want));
        /* title and h1, 4 questions, 10 statements, 16 options listed and in 16 places, 1 option to tick */
        assert_int_equal(count(html, " lang=\"en\""), l ? 2 + 4 + 10 + 16 + 16 * 16 + 1 : 1 /* <html> */);
        /* Places are numbered as each language does. */
        static const char *const en[] = { ">1st choice<", ">2nd choice<", ">3rd choice<", ">4th choice<",
                                          ">11th choice<", ">12th choice<", ">13th choice<", ">16th choice<" };
        static const char *const fr[] = { ">1er choix<", ">2e choix<", ">3e choix<", ">11e choix<", ">16e choix<" };
        for (size_t i = 0; i < (l ? 5 : 8); i++)
            assert_non_null(strstr(html, l ? fr[i] : en[i]));
        check_control_names(inst, html);
        free(html);
    }
    pf_instrument_free(inst);
}

static void test_languages(void **state)
{
    (void)state;
    pf_instrument *inst = default_instrument();
    char *en = form(inst, NULL), *en2 = form(inst, "en"), *fr = form(inst, "fr-CA");
    assert_string_equal(en, en2); /* NULL is English, and the output is the same every time */
    assert_non_null(strstr(en, "<html lang=\"en\">"));
    assert_non_null(strstr(fr, "<html lang=\"fr\">"));
    assert_non_null(strstr(en, ">Strongly disagree</label>"));
    assert_non_null(strstr(fr, ">Pas du tout d’accord</label>"));
    assert_non_null(strstr(en, ">Answers given: 0 of 72</span>"));
    assert_non_null(strstr(fr, ">Réponses données\xC2\xA0: 0 sur 72</span>"));
    assert_non_null(strstr(en, ">Question 24 of 24</span>"));
    assert_non_null(strstr(fr, ">Question 24 sur 24</span>"));
    assert_non_null(strstr(fr, ">Aucune de ces réponses</label>"));
    /* Strict policy: nothing but the page's own hashed style and script. */
    assert_non_null(strstr(en, "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                               "script-src 'sha256-"));
    assert_null(strstr(en, "unsafe-inline"));
    assert_null(strstr(en, "http://"));
    assert_null(strstr(en, "https://"));
    free(en);
    free(en2);
    free(fr);
    pf_instrument_free(inst);
}

static void test_arguments(void **state)
{
    (void)state;
    pf_instrument *inst = default_instrument();
    pf_buf b = PF_BUF_INIT;
    pf_error err;
    assert_int_equal(pf_instrument_form_html(NULL, NULL, &b, &err), PF_EARG);
    assert_int_equal(pf_instrument_form_html(inst, NULL, NULL, &err), PF_EARG);
    pf_form_options o = PF_FORM_OPTIONS_INIT;
    o.lang = "de";
    assert_int_equal(pf_instrument_form_html(inst, &o, &b, &err), PF_EARG);
    assert_string_equal(err.message, "unknown language 'de' (expected en or fr)");
    assert_null(b.data);
    o.lang = NULL;
    o.version = 99;
    assert_int_equal(pf_instrument_form_html(inst, &o, &b, &err), PF_EARG);
    assert_string_equal(err.message, "unknown pf_form_options version 99");
    /* A buffer that held something is replaced, not appended to. */
    assert_int_equal(pf_instrument_form_html(inst, NULL, &b, &err), PF_OK);
    size_t size = b.size;
    assert_int_equal(pf_instrument_form_html(inst, NULL, &b, &err), PF_OK);
    assert_int_equal(b.size, size);
    assert_int_equal(strncmp(b.data, "<!DOCTYPE html>\n", 16), 0);
    pf_buf_dispose(&b);
    pf_instrument_free(inst);
}

/* Running out of memory at any allocation gives PF_ENOMEM, leaves the output alone and leaks nothing. */
static void test_out_of_memory(void **state)
{
    (void)state;
    failing_alloc f = { 0 };
    pf_allocator a = failing_alloc_allocator(&f);
    pf_instrument *inst = NULL;
    assert_int_equal(pf_instrument_open_default(&a, &inst, NULL), PF_OK);
    long before = f.live, n;
    for (n = 1;; n++) {
        pf_buf b = PF_BUF_INIT;
        pf_error err;
        failing_alloc_arm(&f, n);
        pf_status s = pf_instrument_form_html(inst, NULL, &b, &err);
        if (failing_alloc_walk_done(&f, s, PF_OK, &err, "form", n)) {
            pf_buf_dispose(&b);
            break;
        }
        assert_null(b.data);
        assert_int_equal(f.live, before);
    }
    assert_true(n > 2);
    pf_instrument_free(inst);
    assert_int_equal(f.live, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_control_names), cmocka_unit_test(test_neutral_words),
        cmocka_unit_test(test_hostile_texts), cmocka_unit_test(test_languages),
        cmocka_unit_test(test_arguments), cmocka_unit_test(test_out_of_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
