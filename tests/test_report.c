/* Reports: every format, escaping of hostile text, languages, anonymity and atomic files. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include <portfolio/portfolio.h>

/* Text that breaks naive writers: markup, quotes, CDATA ends, right-to-left, combining marks, emoji. */
#define HOSTILE_ORG "<script>alert(\"x\")</script> & ]]> 'q'"
#define ARABIC "\xD9\x85\xD8\xB4\xD8\xB1\xD9\x88\xD8\xB9"           /* Arabic: project */
#define HEBREW "\xD7\xA4\xD7\xA8\xD7\x95\xD7\x99\xD7\xA7\xD7\x98"   /* Hebrew: project */
#define CJK "\xE9\xA1\xB9\xE7\x9B\xAE"                              /* Chinese: project */
#define COMBINING "e\xCC\x81t\xC3\xA9"                              /* e + combining acute, then é */
#define EMOJI "\xF0\x9F\x9A\x80"                                    /* rocket */
#define HOSTILE_TITLE ARABIC " " HEBREW " " CJK " " COMBINING " " EMOJI " | *x* [a](b) \"q\", 'r'"

static pf_doc *hostile_doc(void)
{
    pf_doc *doc = NULL;
    assert_int_equal(pf_doc_new(NULL, &doc, NULL), PF_OK);
    assert_int_equal(pf_org_set_name(pf_doc_org(doc), HOSTILE_ORG, NULL), PF_OK);
    pf_project *p;
    assert_int_equal(pf_doc_add_project(doc, "p1", &p, NULL), PF_OK);
    assert_int_equal(pf_project_set_title(p, HOSTILE_TITLE, NULL), PF_OK);
    assert_int_equal(pf_project_set_purpose(p, PF_PURPOSE_MISSION, NULL), PF_OK);
    assert_int_equal(pf_project_set_driver(p, PF_FACET_MISSION, NULL), PF_OK);
    assert_int_equal(pf_project_add_tag(p, "<b>bold</b>", NULL), PF_OK);
    assert_int_equal(pf_doc_add_project(doc, "p2", &p, NULL), PF_OK);
    assert_int_equal(pf_project_set_title(p, "<img src=x onerror=alert(1)>", NULL), PF_OK);
    assert_int_equal(pf_project_add_tag(p, "<b>bold</b>", NULL), PF_OK);
    pf_assessment *a;
    assert_int_equal(pf_doc_add_assessment(doc, "r-1", &a, NULL), PF_OK);
    assert_int_equal(pf_assessment_set_role(a, PF_ROLE_TEAM, NULL), PF_OK);
    assert_int_equal(pf_assessment_set_agreement(a, "q1.mission", 4, NULL), PF_OK);
    return doc;
}

/* The report as a string to free. */
static char *run_report(const pf_doc *doc, const pf_report_options *o)
{
    pf_buf b = PF_BUF_INIT;
    pf_error err;
    if (pf_doc_report(doc, o, &b, &err) != PF_OK)
        fail_msg("report: %s", err.message);
    char *copy = strdup(b.data);
    assert_int_equal(strlen(copy), b.size);
    pf_buf_dispose(&b);
    return copy;
}

static char *report_with(const pf_doc *doc, pf_report_format format, const char *lang, bool anonymous,
                         bool respondents, unsigned min_group)
{
    pf_report_options o = PF_REPORT_OPTIONS_INIT;
    o.format = format;
    o.lang = lang;
    o.anonymous = anonymous;
    o.include_incomplete = true; /* hostile_doc()'s respondent answers 1 item of 72: shown, not left out */
    o.respondents = respondents;
    o.min_group = min_group;
    return run_report(doc, &o);
}

/* A report that shows respondents unless anonymous. */
static char *report(const pf_doc *doc, pf_report_format format, const char *lang, bool anonymous)
{
    return report_with(doc, format, lang, anonymous, !anonymous, 0);
}

static void test_html_escapes_every_user_string(void **state)
{
    (void)state;
    pf_doc *doc = hostile_doc();
    char *html = report(doc, PF_REPORT_HTML, "en", false);
    /* Nothing the documents say becomes markup: the only elements are the page's own. */
    assert_null(strstr(html, "<script"));
    assert_null(strstr(html, "<img"));
    assert_null(strstr(html, "<b>"));
    assert_non_null(strstr(html, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; ]]&gt; &#39;q&#39;"));
    assert_non_null(strstr(html, "&lt;img src=x onerror=alert(1)&gt;"));
    /* Non-Latin scripts, combining marks and emoji come out byte for byte. */
    assert_non_null(strstr(html, ARABIC " " HEBREW " " CJK " " COMBINING " " EMOJI));
    assert_non_null(strstr(html, "<html lang=\"en\">"));
    assert_null(strstr(html, "http://") ? strstr(html, "src=\"http") : NULL); /* nothing fetched */
    assert_non_null(strstr(html, "<svg"));
    free(html);
    pf_doc_free(doc);
}

static void test_markdown_and_text_escape(void **state)
{
    (void)state;
    pf_doc *doc = hostile_doc();
    char *md = report(doc, PF_REPORT_MARKDOWN, "en", false);
    assert_null(strstr(md, "<script"));
    assert_non_null(strstr(md, "&lt;script&gt;"));
    /* A table cell cannot be split by a '|' in a title, nor turned into emphasis or a link. */
    assert_non_null(strstr(md, ARABIC " " HEBREW " " CJK " " COMBINING " " EMOJI " \\| \\*x\\* \\[a\\](b)"));
    free(md);
    char *text = report(doc, PF_REPORT_TEXT, "en", false);
    assert_non_null(strstr(text, HOSTILE_ORG)); /* text shows it as written */
    assert_null(strstr(text, "\033[")); /* no colour unless asked */
    free(text);
    pf_report_options o = PF_REPORT_OPTIONS_INIT;
    o.color = true;
    pf_buf b = PF_BUF_INIT;
    assert_int_equal(pf_doc_report(doc, &o, &b, NULL), PF_OK);
    assert_non_null(strstr(b.data, "\033[1m"));
    pf_buf_dispose(&b);
    pf_doc_free(doc);
}

static void test_csv_is_rfc4180(void **state)
{
    (void)state;
    pf_doc *doc = hostile_doc();
    char *csv = report(doc, PF_REPORT_CSV, "en", false);
    const char *expected_head = "id,title,purpose,driver,priority,zone,x,y,enhancement,mission,adaptive,anticipatory,"
                                "stage,budget,fte\r\n";
    assert_memory_equal(csv, expected_head, strlen(expected_head));
    /* Quotes doubled, the field quoted because of its comma and quotes. */
    assert_non_null(strstr(csv, "p1,\"" ARABIC " " HEBREW " " CJK " " COMBINING " " EMOJI
                                " | *x* [a](b) \"\"q\"\", 'r'\",mission,mission,,mission,0,1,0,1,0,0,,,\r\n"));
    assert_non_null(strstr(csv, "p2,<img src=x onerror=alert(1)>,,,,,,,,,,,,,\r\n"));
    free(csv);
    char *rows = report(doc, PF_REPORT_CSV_ASSESSMENTS, "en", false);
    assert_string_equal(rows, "respondent,role,enhancement,mission,adaptive,anticipatory,capability,sense-making,"
                              "stewardship,structures,resources,learning,ecosystem\r\n"
                              "r-1,team,0,6,0,0,16,20,0,0,0,42.857142857142854,0\r\n");
    free(rows);
    char *anonymous = report(doc, PF_REPORT_CSV_ASSESSMENTS, "en", true);
    assert_null(strstr(anonymous, "r-1"));
    assert_non_null(strstr(anonymous, "role,enhancement"));
    free(anonymous);
    pf_doc_free(doc);
}

static void test_anonymous_reports_leave_respondents_out(void **state)
{
    (void)state;
    pf_doc *doc = hostile_doc();
    const pf_report_format formats[] = { PF_REPORT_TEXT, PF_REPORT_MARKDOWN, PF_REPORT_HTML, PF_REPORT_JSON };
    for (size_t i = 0; i < 4; i++) {
        char *out = report(doc, formats[i], "en", true);
        if (strstr(out, "r-1"))
            fail_msg("format %s names the respondent", pf_report_format_name(formats[i]));
        free(out);
        out = report(doc, formats[i], "en", false);
        assert_non_null(strstr(out, "r-1"));
        free(out);
    }
    pf_doc_free(doc);
}

/* The report's completeness options reach scoring; a version 1 struct (without them) takes their defaults. */
static void test_completeness_options(void **state)
{
    (void)state;
    pf_doc *doc = hostile_doc(); /* one respondent, 1 item of 72 answered: 0.0139 */
    struct {
        unsigned version;
        double floor;
        bool include;
        const char *left_out;
    } cases[] = {
        { PF_REPORT_OPTIONS_VERSION, 0, false, "\"left_out\": 1," },    /* default floor 0.5 */
        { PF_REPORT_OPTIONS_VERSION, 0, true, "\"left_out\": 0," },     /* include_incomplete */
        { PF_REPORT_OPTIONS_VERSION, 0.0138, false, "\"left_out\": 0," }, /* 1/72 = 0.01389 >= 0.0138 */
        { PF_REPORT_OPTIONS_VERSION, 0.0139, false, "\"left_out\": 1," }, /* 0.01389 < 0.0139 */
        { 1, 0.0138, true, "\"left_out\": 1," },                       /* version 1: members not read */
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        pf_report_options o = PF_REPORT_OPTIONS_INIT;
        o.version = cases[i].version;
        o.format = PF_REPORT_JSON;
        o.completeness_floor = cases[i].floor;
        o.include_incomplete = cases[i].include;
        pf_buf b = PF_BUF_INIT;
        assert_int_equal(pf_doc_report(doc, &o, &b, NULL), PF_OK);
        if (!strstr(b.data, cases[i].left_out))
            fail_msg("case %zu: no %s", i, cases[i].left_out);
        pf_buf_dispose(&b);
    }
    /* The published mode reaches scoring, and the report names it. */
    const char *const langs[] = { "en", "fr" };
    const char *const intros[] = { "1 respondent, published PET mode.", "1 répondant, mode du PET publié." };
    for (int l = 0; l < 2; l++) {
        pf_report_options o = PF_REPORT_OPTIONS_INIT;
        o.mode = PF_SCORE_PET_PUBLISHED;
        o.lang = langs[l];
        o.include_incomplete = true;
        pf_buf b = PF_BUF_INIT;
        assert_int_equal(pf_doc_report(doc, &o, &b, NULL), PF_OK);
        if (!strstr(b.data, intros[l]))
            fail_msg("no '%s' in:\n%s", intros[l], b.data);
        pf_buf_dispose(&b);
    }
    pf_report_options o = PF_REPORT_OPTIONS_INIT;
    o.completeness_floor = 1.5;
    pf_buf b = PF_BUF_INIT;
    pf_error err;
    assert_int_equal(pf_doc_report(doc, &o, &b, &err), PF_EARG);
    assert_string_equal(err.message, "pf_score_options.completeness_floor: must be from 0 to 1 (got 1.5)");
    assert_null(b.data);
    pf_doc_free(doc);
}

static void test_french_and_languages(void **state)
{
    (void)state;
    pf_doc *doc = hostile_doc();
    char *html = report(doc, PF_REPORT_HTML, "fr", false);
    assert_non_null(strstr(html, "<html lang=\"fr\">"));
    assert_non_null(strstr(html, "Rapport sur le portefeuille"));
    free(html);
    pf_report_options o = PF_REPORT_OPTIONS_INIT;
    o.lang = "de";
    pf_buf b = PF_BUF_INIT;
    pf_error err;
    assert_int_equal(pf_doc_report(doc, &o, &b, &err), PF_EARG);
    assert_string_equal(err.message, "unknown language 'de' (en or fr)");
    o.lang = NULL;
    o.format = (pf_report_format)42;
    assert_int_equal(pf_doc_report(doc, &o, &b, &err), PF_EARG);
    assert_int_equal(pf_doc_report(NULL, NULL, &b, &err), PF_EARG);
    pf_report_format f;
    assert_int_equal(pf_report_format_from_name("csv-assessments", &f), PF_OK);
    assert_int_equal(f, PF_REPORT_CSV_ASSESSMENTS);
    assert_string_equal(pf_report_format_name(PF_REPORT_MARKDOWN), "md");
    pf_doc_free(doc);
}

static void test_reports_are_written_atomically(void **state)
{
    (void)state;
    pf_doc *doc = hostile_doc();
    char dir[] = "/tmp/pf-report-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[300], blocked[300], cmd[400];
    snprintf(path, sizeof path, "%s/report.html", dir);
    pf_report_options o = PF_REPORT_OPTIONS_INIT;
    o.format = PF_REPORT_HTML;
    assert_int_equal(pf_doc_report_file(doc, &o, path, NULL), PF_OK);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_true(st.st_size > 1000);
    /* A directory where the file should go: the write fails and leaves nothing behind. */
    snprintf(blocked, sizeof blocked, "%s/taken", dir);
    assert_int_equal(mkdir(blocked, 0700), 0);
    pf_error err;
    assert_int_equal(pf_doc_report_file(doc, &o, blocked, &err), PF_EIO);
    snprintf(cmd, sizeof cmd, "test $(ls -A %s | wc -l) -eq 2", dir);
    assert_int_equal(system(cmd), 0);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    assert_int_equal(system(cmd), 0);
    pf_doc_free(doc);
}

/* A host program may run in a locale with a decimal comma: reports must not change by one byte. */
static void test_reports_ignore_the_locale(void **state)
{
    (void)state;
    char path[4096];
    snprintf(path, sizeof path, "%s/examples/data/university-city.yaml", SOURCE_ROOT);
    pf_doc *doc = NULL;
    assert_int_equal(pf_doc_read_file(path, NULL, &doc, NULL, NULL), PF_OK);
    const pf_report_format formats[] = { PF_REPORT_TEXT, PF_REPORT_MARKDOWN, PF_REPORT_HTML, PF_REPORT_JSON,
                                         PF_REPORT_CSV, PF_REPORT_CSV_ASSESSMENTS };
    const char *locales[] = { "de_DE.UTF-8", "sv_SE.UTF-8" };
    int switched = 0;
    for (size_t f = 0; f < sizeof formats / sizeof *formats; f++) {
        setlocale(LC_ALL, "C");
        char *in_c = report(doc, formats[f], "fr", false);
        for (size_t l = 0; l < 2; l++) {
            if (!setlocale(LC_ALL, locales[l]))
                continue;
            switched++;
            char *there = report(doc, formats[f], "fr", false);
            if (strcmp(in_c, there) != 0)
                fail_msg("%s report differs under %s", pf_report_format_name(formats[f]), locales[l]);
            free(there);
        }
        free(in_c);
    }
    setlocale(LC_ALL, "C");
    if (!switched)
        print_message("# no de_DE or sv_SE locale installed; checked under C only\n");
    pf_doc_free(doc);
}

static bool valid_utf8(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    while (*u) {
        int n = *u < 0x80 ? 0 : (*u & 0xE0) == 0xC0 ? 1 : (*u & 0xF0) == 0xE0 ? 2 : (*u & 0xF8) == 0xF0 ? 3 : -1;
        if (n < 0)
            return false;
        for (int k = 1; k <= n; k++)
            if ((u[k] & 0xC0) != 0x80)
                return false;
        u += n + 1;
    }
    return true;
}

/* Long names and long lists are written whole, never cut inside a character. */
static void test_long_text_is_never_cut(void **state)
{
    (void)state;
    char name[1024] = "", tag[64];
    for (int i = 0; i < 300; i++)
        strcat(name, "\xCE\xA9"); /* Omega */
    pf_doc *doc = NULL;
    assert_int_equal(pf_doc_new(NULL, &doc, NULL), PF_OK);
    assert_int_equal(pf_org_set_name(pf_doc_org(doc), name, NULL), PF_OK);
    pf_project *a, *b;
    assert_int_equal(pf_doc_add_project(doc, "a", &a, NULL), PF_OK);
    assert_int_equal(pf_doc_add_project(doc, "b", &b, NULL), PF_OK);
    for (int i = 0; i < 12; i++) {
        snprintf(tag, sizeof tag, "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9%d", i);
        assert_int_equal(pf_project_add_tag(a, tag, NULL), PF_OK);
        assert_int_equal(pf_project_add_tag(b, tag, NULL), PF_OK);
    }
    const pf_report_format formats[] = { PF_REPORT_TEXT, PF_REPORT_MARKDOWN };
    for (size_t f = 0; f < 2; f++) {
        for (int l = 0; l < 2; l++) {
            char *out = report(doc, formats[f], l ? "fr" : "en", false);
            assert_true(valid_utf8(out));
            assert_non_null(strstr(out, name));
            assert_non_null(strstr(out, "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9" "11"));
            free(out);
        }
    }
    pf_doc_free(doc);
}

/* A document cannot drive the reader's terminal: control characters never reach text or CSV. */
static void test_control_characters_are_dropped(void **state)
{
    (void)state;
    pf_doc *doc = NULL;
    pf_project *p;
    assert_int_equal(pf_doc_new(NULL, &doc, NULL), PF_OK);
    assert_int_equal(pf_org_set_name(pf_doc_org(doc), "Org\033]0;pwned\a\033[2J", NULL), PF_OK);
    assert_int_equal(pf_doc_add_project(doc, "a", &p, NULL), PF_OK);
    assert_int_equal(pf_project_set_title(p, "T\033[31mRED\x07\b\b\xC2\x9B", NULL), PF_OK);
    const pf_report_format formats[] = { PF_REPORT_TEXT, PF_REPORT_MARKDOWN, PF_REPORT_CSV };
    for (size_t f = 0; f < 3; f++) {
        char *out = report(doc, formats[f], "en", false);
        assert_null(strchr(out, '\033'));
        assert_null(strchr(out, '\a'));
        assert_null(strchr(out, '\b'));
        assert_null(strstr(out, "\xC2\x9B"));
        static const char *const kept[] = { "Org]0;pwned[2J", "Org\\]0;pwned\\[2J", "T[31mRED" };
        assert_non_null(strstr(out, kept[f]));
        free(out);
    }
    pf_doc_free(doc);
}

static pf_doc *example(const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/examples/data/%s", SOURCE_ROOT, name);
    pf_doc *doc = NULL;
    pf_error err;
    if (pf_doc_read_file(path, NULL, &doc, NULL, &err) != PF_OK)
        fail_msg("%s: %s", path, err.message);
    return doc;
}

/* Issue 11: what a board reads shows aggregates; a respondent's own row only when asked for. */
static void test_respondents_only_on_request(void **state)
{
    (void)state;
    pf_doc *doc = example("environment-agency.yaml");
    const pf_report_format formats[] = { PF_REPORT_TEXT, PF_REPORT_MARKDOWN, PF_REPORT_HTML };
    for (size_t i = 0; i < 3; i++) {
        char *out = report_with(doc, formats[i], "en", false, false, 0);
        for (int r = 1; r <= 10; r++) {
            char id[8];
            snprintf(id, sizeof id, "r-%03d", r);
            if (strstr(out, id))
                fail_msg("format %s names %s by default", pf_report_format_name(formats[i]), id);
        }
        assert_non_null(strstr(out, "Each respondent’s own answers are left out"));
        free(out);
        out = report_with(doc, formats[i], "en", false, true, 0);
        assert_non_null(strstr(out, "r-001"));
        assert_non_null(strstr(out, "r-010"));
        assert_non_null(strstr(out, "100%")); /* the share of the questions each answered */
        free(out);
        out = report_with(doc, formats[i], "en", true, true, 0);
        assert_null(strstr(out, "r-001"));
        free(out);
    }
    /* JSON is for pipelines: every respondent stays, and the summary names the small roles. */
    char *json = report_with(doc, PF_REPORT_JSON, "en", false, false, 0);
    assert_non_null(strstr(json, "\"respondent\": \"r-001\""));
    assert_non_null(strstr(json, "\"small_roles\": [\n      \"individual\",\n      \"steward\",\n      \"external\"\n    ]"));
    free(json);
    pf_doc_free(doc);
}

/* A document with a role of 3 and a role of 2: the second has no mean of its own, in tables or charts. */
/* Adds respondent "p-<i>". */
static pf_assessment *add_respondent(pf_doc *doc, int i)
{
    char id[8];
    snprintf(id, sizeof id, "p-%d", i);
    pf_assessment *a = NULL;
    assert_int_equal(pf_doc_add_assessment(doc, id, &a, NULL), PF_OK);
    return a;
}

static pf_doc *two_roles(void)
{
    pf_doc *doc = NULL;
    assert_int_equal(pf_doc_new(NULL, &doc, NULL), PF_OK);
    for (int i = 0; i < 5; i++) {
        pf_assessment *a = add_respondent(doc, i);
        assert_int_equal(pf_assessment_set_role(a, i < 3 ? PF_ROLE_TEAM : PF_ROLE_INDIVIDUAL, NULL), PF_OK);
        assert_int_equal(pf_assessment_set_agreement(a, "q1.mission", i % 5, NULL), PF_OK);
    }
    return doc;
}

static void test_small_roles_show_no_mean(void **state)
{
    (void)state;
    pf_doc *doc = two_roles();
    const pf_report_format formats[] = { PF_REPORT_TEXT, PF_REPORT_MARKDOWN, PF_REPORT_HTML };
    for (size_t i = 0; i < 3; i++) {
        char *out = report_with(doc, formats[i], "en", false, false, 0);
        assert_null(strstr(out, "Individual (2)"));
        assert_null(strstr(out, "Individual (n=2)")); /* the charts' legends */
        assert_non_null(strstr(out, "fewer than 3 respondents"));
        assert_non_null(strstr(out, "Team (3)"));
        free(out);
        out = report_with(doc, formats[i], "fr", false, false, 0);
        assert_null(strstr(out, "Individuel (2)"));
        assert_non_null(strstr(out, "moins de 3 répondants"));
        free(out);
        out = report_with(doc, formats[i], "en", false, false, 2);
        assert_non_null(strstr(out, "Individual (2)"));
        assert_null(strstr(out, "fewer than"));
        free(out);
    }
    char *html = report_with(doc, PF_REPORT_HTML, "en", false, false, 2);
    assert_non_null(strstr(html, "Individual (n=2)"));
    free(html);
    pf_doc_free(doc);
}

/* The report with the default completeness floor unless `floor` > 0, whitespace runs made one space (text wraps). */
static char *report_floor(const pf_doc *doc, pf_report_format format, const char *lang, double floor, bool include)
{
    pf_report_options o = PF_REPORT_OPTIONS_INIT;
    o.format = format;
    o.lang = lang;
    if (floor > 0)
        o.completeness_floor = floor;
    o.include_incomplete = include;
    char *out = run_report(doc, &o);
    size_t n = 0;
    for (size_t i = 0; out[i]; i++) {
        bool space = out[i] == ' ' || out[i] == '\n';
        if (!space || (n && out[n - 1] != ' '))
            out[n++] = space ? ' ' : out[i];
    }
    out[n] = '\0';
    return out;
}

static void must_have(const char *out, const char *what, const char *format, const char *lang)
{
    assert_non_null(out);
    if (!strstr(out, what))
        fail_msg("%s %s: no '%s' in:\n%s", format ? format : "?", lang ? lang : "?", what, out);
}

/* Three respondents: two answer 2 items of 72, one answers 1; with a floor of 2%, one is left out. */
static pf_doc *one_of_three_incomplete(void)
{
    pf_doc *doc = NULL;
    assert_int_equal(pf_doc_new(NULL, &doc, NULL), PF_OK);
    for (int i = 0; i < 3; i++) {
        pf_assessment *a = add_respondent(doc, i);
        assert_int_equal(pf_assessment_set_agreement(a, "q1.mission", 4, NULL), PF_OK);
        if (i < 2)
            assert_int_equal(pf_assessment_set_agreement(a, "q1.enhancement", 3, NULL), PF_OK);
    }
    return doc;
}

/* Issue: respondents under the completeness floor are left out of the averages, and the report says so. */
static void test_report_says_who_is_left_out(void **state)
{
    (void)state;
    pf_doc *minimal = example("minimal.yaml"); /* its only respondent answered 11% */
    pf_doc *three = one_of_three_incomplete();
    const pf_report_format formats[] = { PF_REPORT_TEXT, PF_REPORT_MARKDOWN, PF_REPORT_HTML };
    const char *const langs[] = { "en", "fr" };
    const char *const one_of_one[] = {
        "1, of whom 1 left out of the averages (answered less than 50% of the questions; --include-incomplete "
        "counts them); on average 11% of the questions answered",
        "1, dont 1 hors des moyennes (réponse à moins de 50\u202f% des questions\u202f; --include-incomplete les "
        "compte)\u00a0; en moyenne 11\u202f% des questions ont reçu une réponse",
    };
    const char *const none_counted[] = {
        "No respondent is counted: each answered less than 50% of the questions (1 left out of the averages; "
        "--include-incomplete counts them).",
        "Aucun répondant n’est compté\u00a0: chacun a répondu à moins de 50\u202f% des questions (1 hors des "
        "moyennes\u202f; --include-incomplete les compte).",
    };
    const char *const one_of_three[] = {
        "3, of whom 1 left out of the averages (answered less than 2% of the questions; --include-incomplete "
        "counts them); on average 2% of the questions answered",
        "3, dont 1 hors des moyennes (réponse à moins de 2\u202f% des questions\u202f; --include-incomplete les "
        "compte)\u00a0; en moyenne 2\u202f% des questions ont reçu une réponse",
    };
    const char *const counted[] = { "2 respondents, ", "2 répondants, " };
    const char *const by_role[] = { "By role", "Par rôle" };
    for (size_t f = 0; f < 3; f++) {
        const char *fmt = pf_report_format_name(formats[f]) ? pf_report_format_name(formats[f]) : "?";
        for (int l = 0; l < 2; l++) {
            char *out = report_floor(minimal, formats[f], langs[l], 0, false);
            must_have(out, one_of_one[l], fmt, langs[l]);
            /* Orientation and capability both say why they have no mean; no empty table by role. */
            const char *at = strstr(out, none_counted[l]);
            if (!at || !strstr(at + 1, none_counted[l]))
                fail_msg("%s %s: not twice '%s' in:\n%s", fmt, langs[l], none_counted[l], out);
            assert_null(strstr(out, "No assessments to show"));
            assert_null(strstr(out, "Aucune évaluation à afficher"));
            assert_null(strstr(out, by_role[l]));
            free(out);
            out = report_floor(minimal, formats[f], langs[l], 0, true);
            assert_null(strstr(out, "left out of the averages"));
            assert_null(strstr(out, "hors des moyennes"));
            assert_null(strstr(out, "No respondent is counted"));
            assert_null(strstr(out, "Aucun répondant n’est compté"));
            free(out);
            /* Each respondent's row is still there on request, left out or not. */
            pf_report_options o = PF_REPORT_OPTIONS_INIT;
            o.format = formats[f];
            o.lang = langs[l];
            o.respondents = true;
            out = run_report(minimal, &o);
            must_have(out, "r-001", fmt, langs[l]);
            assert_null(strstr(out, "Each respondent’s own answers are left out"));
            free(out);
            out = report_floor(three, formats[f], langs[l], 0.02, false);
            must_have(out, one_of_three[l], fmt, langs[l]);
            must_have(out, counted[l], fmt, langs[l]);
            assert_null(strstr(out, "No respondent is counted"));
            assert_null(strstr(out, "Aucun répondant n’est compté"));
            free(out);
            out = report_floor(three, formats[f], langs[l], 0.02, true);
            assert_null(strstr(out, "left out of the averages"));
            assert_null(strstr(out, "hors des moyennes"));
            must_have(out, l ? "3 répondants, " : "3 respondents, ", fmt, langs[l]);
            free(out);
        }
    }
    char *json = report_floor(three, PF_REPORT_JSON, "en", 0.02, false);
    must_have(json, "\"respondents\": 3, \"left_out\": 1, \"completeness_floor\": 0.02, \"include_incomplete\": false,",
              "json", "en");
    free(json);
    pf_doc_free(three);
    pf_doc_free(minimal);
}

/* A program built when the options were at version 1 passes a shorter struct: read as the defaults. */
static void test_options_of_version_1(void **state)
{
    (void)state;
    pf_doc *doc = two_roles();
    struct {
        unsigned version;
        pf_report_format format;
        const char *lang;
        pf_score_mode mode;
        pf_weighting weighting;
        bool color, anonymous;
        const pf_rules *rules;
    } v1 = { 1, PF_REPORT_MARKDOWN, "en", PF_SCORE_PET, PF_WEIGHT_COUNT, false, false, NULL };
    pf_buf b = PF_BUF_INIT;
    pf_error err;
    assert_int_equal(pf_doc_report(doc, (const pf_report_options *)&v1, &b, &err), PF_OK);
    /* Version 1 has no completeness members: the defaults apply (report_with() includes everyone). */
    pf_report_options defaults = PF_REPORT_OPTIONS_INIT;
    defaults.format = PF_REPORT_MARKDOWN;
    defaults.lang = "en";
    pf_buf expected = PF_BUF_INIT;
    assert_int_equal(pf_doc_report(doc, &defaults, &expected, &err), PF_OK);
    assert_string_equal(b.data, expected.data);
    pf_buf_dispose(&expected);
    pf_buf_dispose(&b);
    pf_report_options o = PF_REPORT_OPTIONS_INIT;
    o.version = 3;
    assert_int_equal(pf_doc_report(doc, &o, &b, &err), PF_EARG);
    pf_doc_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_html_escapes_every_user_string),
        cmocka_unit_test(test_markdown_and_text_escape),
        cmocka_unit_test(test_csv_is_rfc4180),
        cmocka_unit_test(test_anonymous_reports_leave_respondents_out),
        cmocka_unit_test(test_completeness_options),
        cmocka_unit_test(test_french_and_languages),
        cmocka_unit_test(test_reports_are_written_atomically),
        cmocka_unit_test(test_reports_ignore_the_locale),
        cmocka_unit_test(test_long_text_is_never_cut),
        cmocka_unit_test(test_control_characters_are_dropped),
        cmocka_unit_test(test_respondents_only_on_request),
        cmocka_unit_test(test_small_roles_show_no_mean),
        cmocka_unit_test(test_options_of_version_1),
        cmocka_unit_test(test_report_says_who_is_left_out),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
