/*
 * SVG charts: byte-exact golden files, well-formed XML, escaping of hostile
 * and international text, label shortening, the label table, argument checks,
 * every allocation failure, and independence from the locale.
 *
 * Golden files live in tests/data/golden/charts/. After an intended change,
 * regenerate them with
 *     PF_REGENERATE_GOLDEN=1 meson test -C build test_chart
 * then look at the diff and at the pictures (docs/charts.md says how to
 * render them) before committing.
 */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "test_files.h"

#include <portfolio/portfolio.h>

#include "failing_alloc.h"
#include "i18n.h"
#include "xml.h"

#define GOLDEN_DIR SOURCE_ROOT "/tests/data/golden/charts/"
#define EXAMPLES SOURCE_ROOT "/examples/data/"

/* ---- helpers ---- */

typedef struct loaded {
    pf_doc *doc;
    pf_scores *scores;
    pf_map *map;
} loaded;

/* Scoring options that keep every respondent in the statistics: the documents here answer a few items each,
   below the default completeness floor (docs/method.md 7.1), and test something else. */
static const pf_score_options *every_respondent(void)
{
    static const pf_score_options o = { .version = PF_SCORE_OPTIONS_VERSION, .include_incomplete = true };
    return &o;
}

static loaded load(const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s%s", EXAMPLES, name);
    loaded l = { NULL, NULL, NULL };
    pf_error err;
    if (pf_doc_read_file(path, NULL, &l.doc, NULL, &err) != PF_OK)
        fail_msg("%s: %s", path, err.message);
    assert_int_equal(pf_doc_score(l.doc, every_respondent(), &l.scores, NULL, NULL), PF_OK);
    assert_int_equal(pf_doc_map(l.doc, l.scores, NULL, &l.map, NULL), PF_OK);
    return l;
}

static void unload(loaded *l)
{
    pf_map_free(l->map);
    pf_scores_free(l->scores);
    pf_doc_free(l->doc);
}

/*
 * A small well-formedness check, enough for what the charts write: one root
 * element, tags that nest and close, quoted attributes without '<' or a bare
 * '&', known entity references, no "]]>" and no character XML 1.0 forbids.
 * Returns NULL or what is wrong.
 */
static const char *xml_problem(const char *s, size_t len)
{
    static char msg[160];
    const char *stack[64];
    size_t stack_len[64];
    int depth = 0, roots = 0;
    size_t i = 0;
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 && c != '\n' && c != '\t' && c != '\r')
            return snprintf(msg, sizeof msg, "control character 0x%02x at %zu", c, i), msg;
        if (c == '&') {
            static const char *const ents[] = { "&amp;", "&lt;", "&gt;", "&quot;", "&apos;", "&#39;" };
            bool ok = false;
            for (size_t k = 0; k < sizeof ents / sizeof *ents; k++)
                ok = ok || strncmp(s + i, ents[k], strlen(ents[k])) == 0;
            if (!ok)
                return snprintf(msg, sizeof msg, "bare & at %zu", i), msg;
            i++;
            continue;
        }
        if (c == ']' && strncmp(s + i, "]]>", 3) == 0)
            return snprintf(msg, sizeof msg, "]]> in text at %zu", i), msg;
        if (c == '>')
            return snprintf(msg, sizeof msg, "> outside a tag at %zu", i), msg;
        if (c != '<') {
            if (depth == 0 && c != '\n' && c != ' ')
                return snprintf(msg, sizeof msg, "text outside the root at %zu", i), msg;
            i++;
            continue;
        }
        bool closing = s[i + 1] == '/';
        size_t j = i + (closing ? 2 : 1), name = j;
        while (j < len && (s[j] == '-' || s[j] == ':' || (s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z') ||
                           (s[j] >= '0' && s[j] <= '9')))
            j++;
        size_t name_len = j - name;
        if (!name_len)
            return snprintf(msg, sizeof msg, "tag without a name at %zu", i), msg;
        if (closing) {
            if (depth == 0 || stack_len[depth - 1] != name_len || strncmp(stack[depth - 1], s + name, name_len) != 0)
                return snprintf(msg, sizeof msg, "mismatched closing tag at %zu", i), msg;
            depth--;
            if (s[j] != '>')
                return snprintf(msg, sizeof msg, "junk in closing tag at %zu", i), msg;
            i = j + 1;
            continue;
        }
        /* attributes: name="value" */
        for (;;) {
            while (j < len && (s[j] == ' ' || s[j] == '\n'))
                j++;
            if (s[j] == '>' || (s[j] == '/' && s[j + 1] == '>'))
                break;
            size_t an = j;
            while (j < len && s[j] != '=' && s[j] != ' ' && s[j] != '>')
                j++;
            if (j == an || s[j] != '=' || s[j + 1] != '"')
                return snprintf(msg, sizeof msg, "malformed attribute at %zu", an), msg;
            j += 2;
            while (j < len && s[j] != '"') {
                if (s[j] == '<')
                    return snprintf(msg, sizeof msg, "< in attribute at %zu", j), msg;
                if (s[j] == '&' && strncmp(s + j, "&amp;", 5) && strncmp(s + j, "&lt;", 4) && strncmp(s + j, "&gt;", 4) &&
                    strncmp(s + j, "&quot;", 6) && strncmp(s + j, "&#39;", 5))
                    return snprintf(msg, sizeof msg, "bare & in attribute at %zu", j), msg;
                j++;
            }
            if (j >= len)
                return "unterminated attribute";
            j++;
        }
        bool empty = s[j] == '/';
        if (depth == 0 && ++roots > 1)
            return "more than one root element";
        if (!empty) {
            if (depth == 64)
                return "too deep";
            stack[depth] = s + name;
            stack_len[depth++] = name_len;
        }
        i = j + (empty ? 2 : 1);
    }
    if (depth)
        return "unclosed element";
    if (roots != 1)
        return "no root element";
    return NULL;
}

static void assert_well_formed(const pf_buf *b, const char *what)
{
    const char *problem = xml_problem(b->data, b->size);
    if (problem)
        fail_msg("%s: %s", what, problem);
    assert_true(strncmp(b->data, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"", 49) == 0);
    assert_non_null(strstr(b->data, " role=\"img\""));
    assert_non_null(strstr(b->data, "<title>"));
    assert_non_null(strstr(b->data, "<desc>"));
    assert_null(strstr(b->data, "<script"));
    assert_null(strstr(b->data, "href"));
    assert_null(strstr(b->data, "url("));
}

/* Compares with the golden file, or rewrites it under PF_REGENERATE_GOLDEN. */
static void golden(const pf_buf *b, const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s%s", GOLDEN_DIR, name);
    assert_well_formed(b, name);
    assert_golden(path, b->data, b->size);
}

typedef pf_status (*scores_chart)(const pf_scores *, const pf_chart_options *, pf_buf *, pf_error *);
typedef pf_status (*map_chart)(const pf_map *, const pf_chart_options *, pf_buf *, pf_error *);

/* ---- golden charts ---- */

static void test_golden_agency(void **state)
{
    (void)state;
    loaded l = load("environment-agency.yaml");
    pf_buf out = PF_BUF_INIT;
    pf_chart_options en = PF_CHART_OPTIONS_INIT, fr = PF_CHART_OPTIONS_INIT;
    fr.lang = "fr";
    assert_int_equal(pf_chart_diamond(l.scores, NULL, &out, NULL), PF_OK);
    golden(&out, "diamond-environment-agency.svg");
    assert_int_equal(pf_chart_diamond(l.scores, &fr, &out, NULL), PF_OK);
    golden(&out, "diamond-environment-agency-fr.svg");
    assert_int_equal(pf_chart_map(l.map, l.doc, &en, &out, NULL), PF_OK);
    golden(&out, "map-environment-agency.svg");
    assert_int_equal(pf_chart_map(l.map, l.doc, &fr, &out, NULL), PF_OK);
    golden(&out, "map-environment-agency-fr.svg");
    en.label = PF_CHART_LABEL_TITLE;
    assert_int_equal(pf_chart_map(l.map, l.doc, &en, &out, NULL), PF_OK);
    golden(&out, "map-environment-agency-titles.svg");
    en.label = PF_CHART_LABEL_ID;
    assert_int_equal(pf_chart_map(l.map, NULL, NULL, &out, NULL), PF_OK); /* no document: ids, one dot size */
    golden(&out, "map-environment-agency-nodoc.svg");
    assert_int_equal(pf_chart_capability(l.scores, NULL, &out, NULL), PF_OK);
    golden(&out, "capability-environment-agency.svg");
    assert_int_equal(pf_chart_capability(l.scores, &fr, &out, NULL), PF_OK);
    golden(&out, "capability-environment-agency-fr.svg");
    assert_int_equal(pf_chart_targets(l.map, NULL, &out, NULL), PF_OK);
    golden(&out, "targets-environment-agency.svg");
    assert_int_equal(pf_chart_roles(l.scores, NULL, &out, NULL), PF_OK);
    golden(&out, "roles-environment-agency.svg");

    /* The description says the data in words. */
    assert_int_equal(pf_chart_diamond(l.scores, NULL, &out, NULL), PF_OK);
    assert_non_null(strstr(out.data, "enhancement 85, mission 52, adaptive 38, anticipatory 17"));
    assert_non_null(strstr(out.data, "<title>Facet orientation</title>"));
    assert_int_equal(pf_chart_diamond(l.scores, &fr, &out, NULL), PF_OK);
    assert_non_null(strstr(out.data, "<title>Orientation par facette</title>"));
    assert_non_null(strstr(out.data, "lang=\"fr\""));

    /* The width option sets the pixel size, not the layout. */
    en.width = 320;
    assert_int_equal(pf_chart_diamond(l.scores, &en, &out, NULL), PF_OK);
    assert_non_null(strstr(out.data, " width=\"320\" "));
    pf_buf_dispose(&out);
    unload(&l);
}

static void test_golden_compare(void **state)
{
    (void)state;
    loaded a = load("environment-agency.yaml"), b = load("environment-agency-2026.yaml");
    pf_comparison *cmp = NULL;
    assert_int_equal(pf_doc_compare(a.doc, b.doc, NULL, NULL, &cmp, NULL), PF_OK);
    pf_buf out = PF_BUF_INIT;
    assert_int_equal(pf_chart_compare(cmp, NULL, &out, NULL), PF_OK);
    golden(&out, "compare-environment-agency.svg");
    assert_non_null(strstr(out.data, "anticipatory 17.2 → 23.5 (+6.3)"));
    pf_chart_options fr = PF_CHART_OPTIONS_INIT;
    fr.lang = "fr-FR";
    assert_int_equal(pf_chart_compare(cmp, &fr, &out, NULL), PF_OK);
    golden(&out, "compare-environment-agency-fr.svg");
    assert_non_null(strstr(out.data, "anticipative 17,2 → 23,5 (+6,3)"));
    pf_buf_dispose(&out);
    pf_comparison_free(cmp);
    unload(&a);
    unload(&b);
}

/* The minimal example: one respondent, no roles to compare, no targets. */
static void test_golden_minimal(void **state)
{
    (void)state;
    loaded l = load("minimal.yaml");
    pf_buf out = PF_BUF_INIT;
    assert_int_equal(pf_chart_diamond(l.scores, NULL, &out, NULL), PF_OK);
    golden(&out, "diamond-minimal.svg");
    assert_int_equal(pf_chart_targets(l.map, NULL, &out, NULL), PF_OK);
    golden(&out, "targets-minimal.svg");
    assert_non_null(strstr(out.data, "No target mix is set."));
    assert_int_equal(pf_chart_map(l.map, l.doc, NULL, &out, NULL), PF_OK);
    golden(&out, "map-minimal.svg");
    pf_buf_dispose(&out);
    unload(&l);
}

/* A document with nothing in it still gives every chart, each saying there is nothing to show. */
static void test_empty_document(void **state)
{
    (void)state;
    pf_doc *doc = NULL;
    assert_int_equal(pf_doc_new(NULL, &doc, NULL), PF_OK);
    pf_scores *scores = NULL;
    pf_map *map = NULL;
    assert_int_equal(pf_doc_score(doc, NULL, &scores, NULL, NULL), PF_OK);
    assert_int_equal(pf_doc_map(doc, scores, NULL, &map, NULL), PF_OK);
    pf_comparison *cmp = NULL;
    assert_int_equal(pf_doc_compare(doc, doc, NULL, NULL, &cmp, NULL), PF_OK);
    pf_buf out = PF_BUF_INIT;
    const scores_chart sc[] = { pf_chart_diamond, pf_chart_capability, pf_chart_roles };
    for (size_t i = 0; i < sizeof sc / sizeof *sc; i++) {
        assert_int_equal(sc[i](scores, NULL, &out, NULL), PF_OK);
        assert_well_formed(&out, "empty scores");
        assert_non_null(strstr(out.data, "No assessments to show."));
    }
    assert_int_equal(pf_chart_map(map, doc, NULL, &out, NULL), PF_OK);
    assert_well_formed(&out, "empty map");
    assert_non_null(strstr(out.data, "No project has a place on the map."));
    assert_int_equal(pf_chart_targets(map, NULL, &out, NULL), PF_OK);
    assert_well_formed(&out, "empty targets");
    assert_non_null(strstr(out.data, "there are no shares"));
    assert_int_equal(pf_chart_compare(cmp, NULL, &out, NULL), PF_OK);
    assert_well_formed(&out, "empty comparison");
    assert_non_null(strstr(out.data, "n/a"));
    pf_buf_dispose(&out);
    pf_comparison_free(cmp);
    pf_map_free(map);
    pf_scores_free(scores);
    pf_doc_free(doc);
}

/* Large maps: many positions give dots without labels; a crowd at one position stays within the
 * map and lists its first labels; both in little time. */
static void test_large_maps(void **state)
{
    (void)state;
    const struct {
        size_t projects;
        bool one_place;
        const char *expect;
    } cases[] = {
        { 3000, false, "3000 labels left out" },   /* past 250 placed projects: dots only */
        { 240, false, "labels left out for lack of room" }, /* labels where they fit, the others counted */
        { 240, true, "+231 more" },                /* one position: 9 labels and the rest counted */
    };
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        pf_doc *doc = NULL;
        assert_int_equal(pf_doc_new(NULL, &doc, NULL), PF_OK);
        uint32_t seed = 12345;
        for (size_t i = 0; i < cases[c].projects; i++) {
            char id[32];
            snprintf(id, sizeof id, "project-%zu", i);
            pf_project *p;
            assert_int_equal(pf_doc_add_project(doc, id, &p, NULL), PF_OK);
            double w[4] = { 1, 0, 0, 0 };
            if (!cases[c].one_place)
                for (int f = 0; f < 4; f++) {
                    seed = seed * 1103515245u + 12345u;
                    w[f] = (double)(seed >> 16 & 0x7fff) + 1;
                }
            assert_int_equal(pf_project_set_facet_weights(p, w, NULL), PF_OK);
            assert_int_equal(pf_project_set_priority(p, (pf_priority)(i % 3), NULL), PF_OK);
        }
        pf_map *map = NULL;
        assert_int_equal(pf_doc_map(doc, NULL, NULL, &map, NULL), PF_OK);
        pf_buf out = PF_BUF_INIT;
        assert_int_equal(pf_chart_map(map, doc, NULL, &out, NULL), PF_OK);
        assert_well_formed(&out, "large map");
        assert_non_null(strstr(out.data, cases[c].expect));
        /* Every dot within the drawing. */
        for (const char *p = strstr(out.data, "<circle cx=\""); p; p = strstr(p + 1, "<circle cx=\"")) {
            double x = strtod(p + 12, NULL), y = strtod(strstr(p, "cy=\"") + 4, NULL);
            assert_true(x > 0 && x < 720 && y > 60 && y < 640);
        }
        pf_buf_dispose(&out);
        pf_map_free(map);
        pf_doc_free(doc);
    }
}

/* ---- escaping ---- */

/* The text as XML escapes it: the five markup characters, nothing else. */
static char *escaped_form(const char *s)
{
    char *out = malloc(strlen(s) * 6 + 1), *p = out;
    assert_non_null(out);
    for (; *s; s++) {
        switch (*s) {
        case '&': p += sprintf(p, "&amp;"); break;
        case '<': p += sprintf(p, "&lt;"); break;
        case '>': p += sprintf(p, "&gt;"); break;
        case '"': p += sprintf(p, "&quot;"); break;
        case '\'': p += sprintf(p, "&#39;"); break;
        default: *p++ = *s;
        }
    }
    *p = '\0';
    return out;
}

static const char *const hostile_titles[] = {
    "<script>alert('x')</script>",
    "\"Quoted\" & 'single' & <b>bold</b>",
    "end of CDATA ]]> here",
    "مشروع جودة المياه في الأنهار",              /* Arabic, right to left */
    "פרויקט ניטור איכות המים",                  /* Hebrew */
    "河流水质监测项目与洪水预警系统",              /* Chinese */
    "e\xCC\x81te\xCC\x81 a\xCC\x8A o\xCC\x88\xCC\x81 Cafe\xCC\x81 no\xCC\x88" "el",  /* combining marks */
    "Flood \xF0\x9F\x8C\x8A team \xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x94\xAC \xF0\x9F\x87\xAC\xF0\x9F\x87\xA7 \xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD",
};

static pf_doc *hostile_doc(void)
{
    pf_doc *doc = NULL;
    assert_int_equal(pf_doc_new(NULL, &doc, NULL), PF_OK);
    for (size_t i = 0; i < sizeof hostile_titles / sizeof *hostile_titles; i++) {
        char id[32];
        snprintf(id, sizeof id, "p_%zu.x-%zu", i, i);
        pf_project *p;
        assert_int_equal(pf_doc_add_project(doc, id, &p, NULL), PF_OK);
        assert_int_equal(pf_project_set_title(p, hostile_titles[i], NULL), PF_OK);
        assert_int_equal(pf_project_set_purpose(p, (pf_purpose)(i % 5), NULL), PF_OK);
        assert_int_equal(pf_project_set_driver(p, (pf_facet)(i % 4), NULL), PF_OK);
        assert_int_equal(pf_project_set_priority(p, (pf_priority)(i % 3), NULL), PF_OK);
    }
    /* Control characters XML 1.0 forbids are dropped; tab and newline stay. */
    pf_project *p;
    assert_int_equal(pf_doc_add_project(doc, "controls", &p, NULL), PF_OK);
    assert_int_equal(pf_project_set_title(p, "a\x01" "b\x1f" "c\x7f" "d\r" "e\tf\ng\xC2\x85h\xEF\xBF\xBEi", NULL), PF_OK);
    assert_int_equal(pf_project_set_purpose(p, PF_PURPOSE_MISSION, NULL), PF_OK);
    assert_int_equal(pf_project_set_driver(p, PF_FACET_MISSION, NULL), PF_OK);
    return doc;
}

static void test_escaping_in_the_map(void **state)
{
    (void)state;
    pf_doc *doc = hostile_doc();
    pf_map *map = NULL;
    assert_int_equal(pf_doc_map(doc, NULL, NULL, &map, NULL), PF_OK);
    pf_buf out = PF_BUF_INIT;
    pf_chart_options o = PF_CHART_OPTIONS_INIT;
    for (int label = 0; label < 2; label++) {
        o.label = (pf_chart_label)label;
        assert_int_equal(pf_chart_map(map, doc, &o, &out, NULL), PF_OK);
        assert_well_formed(&out, "hostile map");
        assert_null(strstr(out.data, "<script"));
        assert_null(strstr(out.data, "<b>"));
        assert_null(strstr(out.data, "]]>"));
        /* Each title comes out whole in its dot's tooltip, byte for byte but for the five escapes. */
        for (size_t i = 0; i < sizeof hostile_titles / sizeof *hostile_titles; i++) {
            char *want = escaped_form(hostile_titles[i]);
            if (!strstr(out.data, want))
                fail_msg("title %zu is not intact in the SVG: %s", i, want);
            free(want);
        }
        assert_non_null(strstr(out.data, "controls: abcde\tf\nghi ("));
        assert_non_null(strstr(out.data, "p_0.x-0"));
    }
    golden(&out, "map-international.svg");
    /* The labels are titles, shortened where long, never cutting a character apart. */
    assert_non_null(strstr(out.data, ">&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;<"));
    assert_non_null(strstr(out.data, "\xE2\x80\xA6<")); /* a long title ends in an ellipsis */
    assert_non_null(strstr(out.data, " direction=\"rtl\">\xD9\x85\xD8\xB4")); /* Arabic runs right to left */
    pf_buf_dispose(&out);
    pf_map_free(map);
    pf_doc_free(doc);
}

static void test_escape_helper(void **state)
{
    (void)state;
    pf_buf b = PF_BUF_INIT;
    assert_int_equal(pf__xml_escape(&b, "a<b>&\"c'd]]>"), PF_OK);
    assert_string_equal(b.data, "a&lt;b&gt;&amp;&quot;c&#39;d]]&gt;");
    b.size = 0;
    /* Allowed controls stay, others go; malformed UTF-8 becomes U+FFFD; the rest is untouched. */
    assert_int_equal(pf__xml_escape(&b, "\t\n\r\x01\x7f\xC2\x9F|\xC3\xA9|\xFF|\xE2\x82|\xED\xA0\x80|\xEF\xBF\xBF|\xF0\x9F\x98\x80"),
                     PF_OK);
    assert_string_equal(b.data, "\t\n|\xC3\xA9|\xEF\xBF\xBD|\xEF\xBF\xBD\xEF\xBF\xBD|\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD||"
                                "\xF0\x9F\x98\x80");
    b.size = 0;
    assert_int_equal(pf__xml_escape_n(&b, "abc&def", 4), PF_OK);
    assert_string_equal(b.data, "abc&amp;");
    pf_buf_dispose(&b);
}

static void test_fitting_labels(void **state)
{
    (void)state;
    double w;
    /* Short text fits whole. */
    assert_int_equal(pf__text_fit("permit-online", 15, &w), strlen("permit-online"));
    assert_true(w > 5 && w < 10);
    /* A cut keeps combining marks with their base: "é" (e + U+0301) is never split. */
    const char *combining = "e\xCC\x81" "e\xCC\x81" "e\xCC\x81" "e\xCC\x81" "e\xCC\x81" "e\xCC\x81";
    for (double max = 1; max < 6; max += 0.25) {
        size_t keep = pf__text_fit(combining, max, NULL);
        assert_int_equal(keep % 3, 0);
    }
    /* Never inside a UTF-8 sequence; a whole CJK character or none. */
    const char *cjk = "河流水质监测项目";
    for (double max = 1; max < 9; max += 0.5) {
        size_t keep = pf__text_fit(cjk, max, &w);
        assert_int_equal(keep % 3, 0);
        assert_true(w <= max + 1e-9 || keep == 0);
    }
    /* An emoji ZWJ sequence, a skin tone and a flag stay whole. */
    const char *emoji = "\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x94\xAC\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD\xF0\x9F\x87\xAC\xF0\x9F\x87\xA7xxxxxxxx";
    size_t cuts[] = { 0, 11, 19, 27 };
    for (double max = 1; max < 6; max += 0.25) {
        size_t keep = pf__text_fit(emoji, max, NULL);
        bool ok = keep >= 27;
        for (size_t k = 0; k < sizeof cuts / sizeof *cuts; k++)
            ok = ok || keep == cuts[k];
        if (!ok)
            fail_msg("cut at byte %zu inside an emoji (max %.2f)", keep, max);
    }
    /* Direction from the first strong character, as dir="auto". */
    assert_true(pf__text_is_rtl("مشروع المياه"));
    assert_true(pf__text_is_rtl("2040: פרויקט"));
    assert_false(pf__text_is_rtl("Flood מים"));
    assert_false(pf__text_is_rtl("河流"));
    assert_false(pf__text_is_rtl("123"));
    /* Trailing spaces before the ellipsis go. */
    size_t keep = pf__text_fit("abcd        efghijklmnopqrstuvwxyz", 6, NULL);
    assert_true(keep <= 4);
    pf_buf b = PF_BUF_INIT;
    assert_int_equal(pf__xml_escape_fit(&b, "A & B and a very long title that goes on", 6), PF_OK);
    assert_string_equal(b.data + b.size - 3, "\xE2\x80\xA6");
    assert_true(strncmp(b.data, "A &amp; B", 9) == 0);
    pf_buf_dispose(&b);
}

/* ---- labels and numbers ---- */

static void test_label_table(void **state)
{
    (void)state;
    size_t n = pf__label_table_size();
    assert_true(n > 60);
    for (size_t i = 1; i < n; i++)
        if (strcmp(pf__label_key_at(i - 1), pf__label_key_at(i)) >= 0)
            fail_msg("labels not sorted at %s", pf__label_key_at(i));
    /* Every entry speaks both languages. */
    for (size_t i = 0; i < n; i++) {
        assert_non_null(pf__label_exact(PF__LANG_EN, pf__label_key_at(i)));
        assert_non_null(pf__label_exact(PF__LANG_FR, pf__label_key_at(i)));
    }
    /* Every value of the vocabularies has a label. */
    for (int f = 0; f < PF_FACET_COUNT; f++)
        assert_string_not_equal(pf__label_facet(PF__LANG_FR, (pf_facet)f), pf_facet_name((pf_facet)f));
    for (int z = 0; z < PF_ZONE_COUNT; z++)
        assert_string_not_equal(pf__label_zone(PF__LANG_EN, (pf_zone)z), pf_zone_name((pf_zone)z));
    for (int s = 0; s < PF_STAGE_COUNT; s++)
        assert_string_not_equal(pf__label_stage(PF__LANG_FR, (pf_stage)s), pf_stage_name((pf_stage)s));
    for (int r = 0; r < PF_ROLE_COUNT; r++)
        assert_string_not_equal(pf__label_role(PF__LANG_EN, (pf_role)r), pf_role_name((pf_role)r));
    for (int d = 0; d < PF_DIMENSION_COUNT; d++)
        assert_string_not_equal(pf__label_dimension(PF__LANG_EN, (pf_dimension)d), pf_dimension_name((pf_dimension)d));
    for (int v = 0; v < PF_LEVEL_COUNT; v++)
        assert_string_not_equal(pf__label_level(PF__LANG_FR, (pf_level)v), pf_level_name((pf_level)v));
    for (int p = 0; p < PF_PRIORITY_COUNT; p++)
        assert_string_not_equal(pf__label_priority(PF__LANG_FR, (pf_priority)p), pf_priority_name((pf_priority)p));
    assert_string_equal(pf__label(PF__LANG_FR, "zone.transformative"), "Transformatrice");
    assert_string_equal(pf__label_tag("de", "facet.mission"), "Mission");    /* English fallback */
    assert_string_equal(pf__label(PF__LANG_FR, "no.such.key"), "no.such.key"); /* the key shows */
    assert_string_equal(pf__label_zone(PF__LANG_EN, PF_ZONE_UNSET), "");
    pf__lang lang;
    assert_true(pf__lang_parse("fr_CA", &lang) && lang == PF__LANG_FR);
    assert_true(pf__lang_parse(NULL, &lang) && lang == PF__LANG_EN);
    assert_false(pf__lang_parse("french", &lang));
    char lower[64];
    pf__lower_first("Équipe", lower, sizeof lower);
    assert_string_equal(lower, "équipe");
    pf__lower_first("Senior management", lower, sizeof lower);
    assert_string_equal(lower, "senior management");
}

static void test_number_formats(void **state)
{
    (void)state;
    char buf[56];
    pf__format_fixed(85.4, 0, false, buf);
    assert_string_equal(buf, "85");
    /* As printf rounds, so the charts agree with the text outputs: an exact half goes to even... */
    pf__format_fixed(2.5, 0, false, buf);
    assert_string_equal(buf, "2");
    pf__format_fixed(56.25, 1, false, buf);
    assert_string_equal(buf, "56.2");
    pf__format_fixed(-3.5, 0, false, buf);
    assert_string_equal(buf, "-4");
    /* ...and other values by their exact binary value (0.15 is just below 0.15). */
    pf__format_fixed(0.15, 1, false, buf);
    assert_string_equal(buf, "0.1");
    pf__format_fixed(-0.004, 2, true, buf);
    assert_string_equal(buf, "0"); /* never -0 */
    pf__format_fixed(12.5, 2, true, buf);
    assert_string_equal(buf, "12.5");
    pf__format_fixed(0.05, 1, false, buf);
    assert_string_equal(buf, "0.1");
    pf__format_fixed(1234567.891, 2, false, buf);
    assert_string_equal(buf, "1234567.89");
    pf__format_decimal(PF__LANG_FR, 42.44, 1, buf);
    assert_string_equal(buf, "42,4");
    pf__format_percent(PF__LANG_FR, 42.44, 1, buf);
    assert_string_equal(buf, "42,4\xE2\x80\xAF%");
    pf__format_percent(PF__LANG_EN, 7, 0, buf);
    assert_string_equal(buf, "7%");
}

/* ---- arguments ---- */

static void test_arguments(void **state)
{
    (void)state;
    loaded l = load("minimal.yaml");
    pf_comparison *cmp = NULL;
    assert_int_equal(pf_doc_compare(l.doc, l.doc, NULL, NULL, &cmp, NULL), PF_OK);
    pf_buf out = PF_BUF_INIT;
    pf_error err;
    const scores_chart sc[] = { pf_chart_diamond, pf_chart_capability, pf_chart_roles };
    for (size_t i = 0; i < sizeof sc / sizeof *sc; i++) {
        assert_int_equal(sc[i](NULL, NULL, &out, &err), PF_EARG);
        assert_int_equal(err.code, PF_EARG);
        assert_int_equal(sc[i](l.scores, NULL, NULL, NULL), PF_EARG);
    }
    assert_int_equal(pf_chart_map(NULL, l.doc, NULL, &out, NULL), PF_EARG);
    assert_int_equal(pf_chart_map(l.map, l.doc, NULL, NULL, NULL), PF_EARG);
    assert_int_equal(pf_chart_targets(NULL, NULL, &out, NULL), PF_EARG);
    assert_int_equal(pf_chart_targets(l.map, NULL, NULL, NULL), PF_EARG);
    assert_int_equal(pf_chart_compare(NULL, NULL, &out, NULL), PF_EARG);
    assert_int_equal(pf_chart_compare(cmp, NULL, NULL, NULL), PF_EARG);

    pf_chart_options o = PF_CHART_OPTIONS_INIT;
    o.version = 99;
    assert_int_equal(pf_chart_diamond(l.scores, &o, &out, &err), PF_EARG);
    assert_non_null(strstr(err.message, "version"));
    o = (pf_chart_options)PF_CHART_OPTIONS_INIT;
    o.lang = "de";
    assert_int_equal(pf_chart_map(l.map, NULL, &o, &out, &err), PF_EARG);
    assert_non_null(strstr(err.message, "lang"));
    o = (pf_chart_options)PF_CHART_OPTIONS_INIT;
    o.width = 10001;
    assert_int_equal(pf_chart_targets(l.map, &o, &out, &err), PF_EARG);
    o = (pf_chart_options)PF_CHART_OPTIONS_INIT;
    o.label = (pf_chart_label)7;
    assert_int_equal(pf_chart_compare(cmp, &o, &out, &err), PF_EARG);
    assert_null(out.data); /* nothing was written */

    /* A buffer with content is replaced, not appended to. */
    assert_int_equal(pf_chart_roles(l.scores, NULL, &out, NULL), PF_OK);
    size_t size = out.size;
    assert_int_equal(pf_chart_roles(l.scores, NULL, &out, NULL), PF_OK);
    assert_int_equal(out.size, size);
    pf_buf_dispose(&out);
    pf_comparison_free(cmp);
    unload(&l);
}

/* ---- allocation failures ---- */

/* Every chart of the agency example, each allocation failing in turn: PF_ENOMEM each time, nothing leaked. */
static void test_every_allocation_failure(void **state)
{
    (void)state;
    loaded a = load("environment-agency.yaml"), b = load("environment-agency-2026.yaml");
    size_t total_walked = 0;
    for (int chart = 0; chart < 6; chart++) {
        long n = 1;
        for (;; n++) {
            failing_alloc f = { 0 };
            pf_read_options ro = PF_READ_OPTIONS_INIT;
            ro.allocator = failing_alloc_allocator(&f);
            pf_doc *doc = NULL, *doc2 = NULL;
            pf_scores *scores = NULL;
            pf_map *map = NULL;
            pf_comparison *cmp = NULL;
            /* Everything up to the chart allocates normally; the chart's n-th allocation fails. */
            assert_int_equal(pf_doc_read_file(EXAMPLES "environment-agency.yaml", &ro, &doc, NULL, NULL), PF_OK);
            assert_int_equal(pf_doc_score(doc, NULL, &scores, NULL, NULL), PF_OK);
            assert_int_equal(pf_doc_map(doc, scores, NULL, &map, NULL), PF_OK);
            if (chart == 5) {
                assert_int_equal(pf_doc_read_file(EXAMPLES "environment-agency-2026.yaml", &ro, &doc2, NULL, NULL),
                                 PF_OK);
                assert_int_equal(pf_doc_compare(doc, doc2, NULL, NULL, &cmp, NULL), PF_OK);
            }
            pf_buf out = PF_BUF_INIT;
            pf_error err;
            memset(&err, 0, sizeof err);
            pf_status s = PF_OK;
            failing_alloc_arm(&f, n);
            switch (chart) {
            case 0: s = pf_chart_diamond(scores, NULL, &out, &err); break;
            case 1: s = pf_chart_map(map, doc, NULL, &out, &err); break;
            case 2: s = pf_chart_capability(scores, NULL, &out, &err); break;
            case 3: s = pf_chart_targets(map, NULL, &out, &err); break;
            case 4: s = pf_chart_roles(scores, NULL, &out, &err); break;
            default: s = pf_chart_compare(cmp, NULL, &out, &err); break;
            }
            char what[24];
            snprintf(what, sizeof what, "chart %d", chart);
            bool done = failing_alloc_walk_done(&f, s, PF_OK, &err, what, n);
            if (done)
                assert_well_formed(&out, "chart");
            else
                assert_null(out.data); /* a failed chart leaves the buffer empty */
            pf_buf_dispose(&out);
            pf_comparison_free(cmp);
            pf_map_free(map);
            pf_scores_free(scores);
            pf_doc_free(doc2);
            pf_doc_free(doc);
            assert_int_equal(f.live, 0); /* nothing leaked through the allocator */
            if (done)
                break;
        }
        assert_true(n > 2);
        total_walked += (size_t)n;
    }
    assert_true(total_walked > 20);
    unload(&a);
    unload(&b);
}

/* ---- locale ---- */

static void test_locale_independence(void **state)
{
    (void)state;
    loaded a = load("environment-agency.yaml"), b = load("environment-agency-2026.yaml");
    pf_comparison *cmp = NULL;
    assert_int_equal(pf_doc_compare(a.doc, b.doc, NULL, NULL, &cmp, NULL), PF_OK);
    pf_buf before[6], after[6];
    for (int pass = 0; pass < 2; pass++) {
        pf_buf *o = pass ? after : before;
        for (int i = 0; i < 6; i++)
            o[i] = (pf_buf)PF_BUF_INIT;
        assert_int_equal(pf_chart_diamond(a.scores, NULL, &o[0], NULL), PF_OK);
        assert_int_equal(pf_chart_map(a.map, a.doc, NULL, &o[1], NULL), PF_OK);
        assert_int_equal(pf_chart_capability(a.scores, NULL, &o[2], NULL), PF_OK);
        assert_int_equal(pf_chart_targets(a.map, NULL, &o[3], NULL), PF_OK);
        assert_int_equal(pf_chart_roles(a.scores, NULL, &o[4], NULL), PF_OK);
        assert_int_equal(pf_chart_compare(cmp, NULL, &o[5], NULL), PF_OK);
        if (pass == 0 && !setlocale(LC_ALL, "de_DE.UTF-8") && !setlocale(LC_ALL, "de_DE.utf8") &&
            !setlocale(LC_ALL, "fr_FR.UTF-8")) {
            /* No locale with a decimal comma on this machine: the second pass runs in "C" again. */
            printf("# no de_DE or fr_FR locale available; comparing two runs in the C locale\n");
        }
    }
    setlocale(LC_ALL, "C");
    for (int i = 0; i < 6; i++) {
        assert_int_equal(before[i].size, after[i].size);
        assert_memory_equal(before[i].data, after[i].data, before[i].size);
        pf_buf_dispose(&before[i]);
        pf_buf_dispose(&after[i]);
    }
    pf_comparison_free(cmp);
    unload(&a);
    unload(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_golden_agency),
        cmocka_unit_test(test_golden_compare),
        cmocka_unit_test(test_golden_minimal),
        cmocka_unit_test(test_empty_document),
        cmocka_unit_test(test_large_maps),
        cmocka_unit_test(test_escaping_in_the_map),
        cmocka_unit_test(test_escape_helper),
        cmocka_unit_test(test_fitting_labels),
        cmocka_unit_test(test_label_table),
        cmocka_unit_test(test_number_formats),
        cmocka_unit_test(test_arguments),
        cmocka_unit_test(test_every_allocation_failure),
        cmocka_unit_test(test_locale_independence),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
