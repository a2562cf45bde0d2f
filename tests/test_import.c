/*
 * CSV imports (import.h, docs/import.md). Every example document written as CSV
 * in several styles imports back into the same projects and answers; golden
 * suites: tests/data/csv/<case>.csv imports (with <case>.map.yaml when present)
 * into exactly <case>.yaml; tests/data/invalid-csv/<case>.csv fails with exactly
 * the problems of <case>.err ("ROW:COLUMN: message", prefixed by the file for
 * problems in the mapping file); tests/data/invalid-import-map/<case>.yaml fails
 * to read as a mapping file with exactly <case>.err. A case's name begins with
 * what it imports: answers-... or projects-....
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "test_files.h"

#include <portfolio/portfolio.h>

#include "failing_alloc.h"

/* ---- a growable string ---- */

typedef struct sb {
    char *data;
    size_t len, cap;
} sb;

static void sb_add(sb *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        b->cap = (b->len + n + 1) * 2;
        b->data = realloc(b->data, b->cap);
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

static void sb_puts(sb *b, const char *s)
{
    sb_add(b, s, strlen(s));
}

static void sb_printf(sb *b, const char *fmt, ...)
{
    char tmp[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    sb_add(b, tmp, (size_t)n);
}

/* ---- writing documents as CSV, the way spreadsheets and survey tools do ---- */

typedef struct csv_style {
    char sep;
    bool bom;
    bool crlf;
    int words;      /* agreement and yes-no: 0 numbers and format words, 1 English labels, 2 French labels */
    bool by_option; /* rank and multi questions one column per option (places; 1 or 0) */
} csv_style;

typedef struct csv_writer {
    sb out;
    csv_style style;
    bool first;
} csv_writer;

static void cell(csv_writer *w, const char *text)
{
    if (!w->first)
        sb_add(&w->out, &w->style.sep, 1);
    w->first = false;
    if (!strpbrk(text, "\"\r\n,;")) {
        sb_puts(&w->out, text);
        return;
    }
    sb_puts(&w->out, "\"");
    for (const char *p = text; *p; p++) {
        sb_add(&w->out, p, 1);
        if (*p == '"')
            sb_add(&w->out, "\"", 1);
    }
    sb_puts(&w->out, "\"");
}

static void end_row(csv_writer *w)
{
    sb_puts(&w->out, w->style.crlf ? "\r\n" : "\n");
    w->first = true;
}

static void start(csv_writer *w, csv_style style)
{
    memset(w, 0, sizeof *w);
    w->style = style;
    w->first = true;
    if (style.bom)
        sb_puts(&w->out, "\xEF\xBB\xBF");
    else
        sb_add(&w->out, "", 0);
}

static void number_cell(csv_writer *w, double v)
{
    char t[40];
    snprintf(t, sizeof t, "%.17g", v);
    cell(w, t);
}

static void date_cell(csv_writer *w, pf_date d)
{
    char t[16] = "";
    if (d.year)
        snprintf(t, sizeof t, "%04d-%02d-%02d", d.year, d.month, d.day);
    cell(w, t);
}

static char *projects_csv(const pf_doc *doc, csv_style style)
{
    static const char *const header[] = { "id", "title", "unit", "purpose", "driver", "priority", "facets.enhancement",
                                          "facets.mission", "facets.adaptive", "facets.anticipatory", "stage",
                                          "budget", "fte", "start", "end", "tags", "partners", "links" };
    csv_writer w;
    start(&w, style);
    for (size_t i = 0; i < sizeof header / sizeof *header; i++)
        cell(&w, header[i]);
    end_row(&w);
    for (size_t i = 0; i < pf_doc_project_count(doc); i++) {
        const pf_project *p = pf_doc_project_at(doc, i);
        double weights[PF_FACET_COUNT], v;
        cell(&w, pf_project_id(p));
        cell(&w, pf_project_title(p) ? pf_project_title(p) : "");
        cell(&w, pf_project_unit(p) ? pf_project_unit(p) : "");
        cell(&w, pf_project_purpose(p) != PF_PURPOSE_UNSET ? pf_purpose_name(pf_project_purpose(p)) : "");
        cell(&w, pf_project_driver(p) != PF_FACET_UNSET ? pf_facet_name(pf_project_driver(p)) : "");
        cell(&w, pf_project_priority(p) != PF_PRIORITY_UNSET ? pf_priority_name(pf_project_priority(p)) : "");
        bool has_weights = pf_project_facet_weights(p, weights);
        for (int f = 0; f < PF_FACET_COUNT; f++) {
            if (has_weights)
                number_cell(&w, weights[f]);
            else
                cell(&w, "");
        }
        cell(&w, pf_project_stage(p) != PF_STAGE_UNSET ? pf_stage_name(pf_project_stage(p)) : "");
        if (pf_project_budget(p, &v))
            number_cell(&w, v);
        else
            cell(&w, "");
        if (pf_project_fte(p, &v))
            number_cell(&w, v);
        else
            cell(&w, "");
        date_cell(&w, pf_project_start(p));
        date_cell(&w, pf_project_end(p));
        sb list = { NULL, 0, 0 };
        sb_add(&list, "", 0);
        for (size_t t = 0; t < pf_project_tag_count(p); t++)
            sb_printf(&list, "%s%s", t ? ";" : "", pf_project_tag_at(p, t));
        cell(&w, list.data);
        list.len = 0;
        list.data[0] = '\0';
        for (size_t t = 0; t < pf_project_partner_count(p); t++)
            sb_printf(&list, "%s%s", t ? "; " : "", pf_project_partner_at(p, t));
        cell(&w, list.data);
        list.len = 0;
        list.data[0] = '\0';
        for (size_t l = 0; l < pf_project_link_count(p); l++) {
            pf_link link;
            assert_int_equal(pf_project_link_at(p, l, &link), PF_OK);
            sb_printf(&list, "%s%s:%s", l ? ";" : "", link.to, pf_link_kind_name(link.kind));
        }
        cell(&w, list.data);
        free(list.data);
        end_row(&w);
    }
    return w.out.data;
}

static const char *agree_word(int style, int v, size_t salt)
{
    static const char *const format[] = { "strongly-disagree", "disagree", "neutral", "agree", "strongly-agree" };
    static const char *const english[] = { "Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree",
                                           "Strongly agree" };
    static const char *const english2[] = { "STRONGLY DISAGREE", "Somewhat disagree", "Neutral", "Somewhat agree",
                                            "strongly agree" };
    static const char *const french[] = { "Pas du tout d\xE2\x80\x99" "accord", "Plut\xC3\xB4t pas d'accord",
                                          "Ni d\xE2\x80\x99" "accord ni pas d\xE2\x80\x99" "accord",
                                          "Plut\xC3\xB4t d'accord", "TOUT \xC3\x80 FAIT D'ACCORD" };
    static const char *const digits[] = { "0", "1", "2", "3", "4" };
    if (style == 1)
        return salt % 2 ? english[v] : english2[v];
    if (style == 2)
        return french[v];
    return salt % 3 ? digits[v] : format[v];
}

static const char *choice_word(int style, pf_choice c)
{
    static const char *const words[3][3] = { { "yes", "no", "unsure" },
                                             { "Yes", "No", "Don\xE2\x80\x99t know" },
                                             { "Oui", "Non", "Je ne sais pas" } };
    return words[style][c];
}

static char *answers_csv(const pf_doc *doc, csv_style style)
{
    const pf_instrument *inst = pf_doc_instrument(doc);
    csv_writer w;
    start(&w, style);
    cell(&w, "respondent");
    cell(&w, "role");
    cell(&w, "unit");
    cell(&w, "date");
    for (size_t q = 0; q < pf_instrument_question_count(inst); q++) {
        pf_question_info qi;
        assert_int_equal(pf_instrument_question_at(inst, q, &qi), PF_OK);
        for (size_t i = 0; i < qi.item_count; i++) {
            pf_item_info ii;
            assert_int_equal(pf_instrument_item_at(inst, q, i, &ii), PF_OK);
            cell(&w, ii.id);
        }
        if (qi.option_count && !style.by_option)
            cell(&w, qi.id);
        for (size_t o = 0; qi.option_count && style.by_option && o < qi.option_count; o++) {
            pf_option_info oi;
            assert_int_equal(pf_instrument_option_at(inst, q, o, &oi), PF_OK);
            char h[128];
            snprintf(h, sizeof h, "%s.%s", qi.id, oi.id);
            cell(&w, h);
        }
    }
    end_row(&w);
    for (size_t a = 0; a < pf_doc_assessment_count(doc); a++) {
        const pf_assessment *as = pf_doc_assessment_at(doc, a);
        cell(&w, pf_assessment_respondent(as));
        cell(&w, pf_assessment_role(as) != PF_ROLE_UNSET ? pf_role_name(pf_assessment_role(as)) : "");
        cell(&w, pf_assessment_unit(as) ? pf_assessment_unit(as) : "");
        date_cell(&w, pf_assessment_date(as));
        for (size_t q = 0; q < pf_instrument_question_count(inst); q++) {
            pf_question_info qi;
            assert_int_equal(pf_instrument_question_at(inst, q, &qi), PF_OK);
            for (size_t i = 0; i < qi.item_count; i++) {
                pf_item_info ii;
                pf_answer ans;
                assert_int_equal(pf_instrument_item_at(inst, q, i, &ii), PF_OK);
                if (pf_assessment_answer(as, ii.id, &ans) != PF_OK)
                    cell(&w, "");
                else if (ans.form == PF_FORM_YES_NO)
                    cell(&w, choice_word(style.words, ans.choice));
                else
                    cell(&w, agree_word(style.words, ans.agreement, a + i));
            }
            if (!qi.option_count)
                continue;
            pf_answer ans;
            bool answered = pf_assessment_answer(as, qi.id, &ans) == PF_OK;
            if (!style.by_option) {
                sb list = { NULL, 0, 0 };
                sb_add(&list, "", 0);
                for (size_t o = 0; answered && o < ans.option_count; o++)
                    sb_printf(&list, "%s%s", o ? ";" : "", ans.options[o]);
                cell(&w, answered && !ans.option_count ? "none" : list.data);
                free(list.data);
                continue;
            }
            for (size_t o = 0; o < qi.option_count; o++) {
                pf_option_info oi;
                assert_int_equal(pf_instrument_option_at(inst, q, o, &oi), PF_OK);
                char v[24] = "";
                for (size_t k = 0; answered && k < ans.option_count; k++)
                    if (strcmp(ans.options[k], oi.id) == 0)
                        snprintf(v, sizeof v, "%zu", qi.form == PF_FORM_RANK ? k + 1 : 1);
                if (answered && !v[0] && qi.form == PF_FORM_MULTI)
                    snprintf(v, sizeof v, "%s", o % 2 ? "0" : "no");
                if (v[0] == '1' && qi.form == PF_FORM_MULTI && o % 2)
                    snprintf(v, sizeof v, "x");
                cell(&w, v);
            }
        }
        end_row(&w);
    }
    return w.out.data;
}

/* The document's YAML without its instrument line (a file's path depends on where it is read from). */
static char *yaml_of(const pf_doc *doc)
{
    pf_buf out = PF_BUF_INIT;
    assert_int_equal(pf_doc_write_buf(doc, &out, NULL), PF_OK);
    sb b = { NULL, 0, 0 };
    sb_add(&b, "", 0);
    for (const char *line = out.data; *line;) {
        const char *end = strchr(line, '\n');
        size_t n = end ? (size_t)(end - line) + 1 : strlen(line);
        if (strncmp(line, "instrument:", 11) != 0)
            sb_add(&b, line, n);
        line += n;
    }
    pf_buf_dispose(&out);
    return b.data;
}

static const char *const examples[] = { "environment-agency", "environment-agency-2026", "university-city", "minimal",
                                        "team-pulse" };

static void test_examples_round_trip(void **state)
{
    (void)state;
    static const csv_style styles[] = {
        { ',', false, false, 0, false },
        { ';', true, true, 1, true },
        { ';', false, true, 2, false },
        { ',', true, false, 2, true },
    };
    for (size_t e = 0; e < sizeof examples / sizeof *examples; e++) {
        char path[512], instrument[512];
        snprintf(path, sizeof path, "%s/examples/data/%s.yaml", SOURCE_ROOT, examples[e]);
        pf_doc *doc = NULL;
        pf_error err;
        if (pf_doc_read_file(path, NULL, &doc, NULL, &err) != PF_OK)
            fail_msg("%s: %s", path, err.message);
        snprintf(instrument, sizeof instrument, "%s/examples/data/%s", SOURCE_ROOT,
                 pf_doc_instrument_path(doc) ? pf_doc_instrument_path(doc) : "");

        /* What each import should give: the document with only its projects, or only its assessments. */
        pf_doc *projects_only = NULL, *answers_only = NULL;
        assert_int_equal(pf_doc_read_file(path, NULL, &projects_only, NULL, NULL), PF_OK);
        assert_int_equal(pf_doc_read_file(path, NULL, &answers_only, NULL, NULL), PF_OK);
        pf_doc *both[] = { projects_only, answers_only };
        for (int k = 0; k < 2; k++) {
            pf_org *org = pf_doc_org(both[k]);
            pf_org_set_name(org, NULL, NULL);
            pf_org_set_country(org, NULL, NULL);
            pf_org_set_level(org, PF_GOV_LEVEL_UNSET, NULL);
            pf_org_set_people(org, 0, NULL);
            pf_org_set_sectors(org, 0, NULL);
            pf_doc_clear_targets(both[k]);
        }
        while (pf_doc_assessment_count(projects_only))
            pf_doc_remove_assessment(projects_only, pf_assessment_respondent(pf_doc_assessment_at(projects_only, 0)),
                                     NULL);
        while (pf_doc_project_count(answers_only))
            pf_doc_remove_project(answers_only, pf_project_id(pf_doc_project_at(answers_only, 0)), NULL);
        char *want_projects = yaml_of(projects_only), *want_answers = yaml_of(answers_only);
        assert_true(pf_doc_project_count(doc) > 0 && pf_doc_assessment_count(doc) > 0);

        for (size_t s = 0; s < sizeof styles / sizeof *styles; s++) {
            pf_diagnostics *diags = NULL;
            assert_int_equal(pf_diagnostics_new(NULL, &diags), PF_OK);
            char *csv = projects_csv(doc, styles[s]);
            pf_doc *got = NULL;
            if (pf_import_projects_buffer(csv, strlen(csv), "projects.csv", NULL, &got, diags, &err) != PF_OK)
                fail_msg("%s projects, style %zu: %u:%u: %s\n%s", examples[e], s, err.line, err.column, err.message,
                         csv);
            char *have = yaml_of(got);
            if (strcmp(have, want_projects) != 0)
                fail_msg("%s projects, style %zu:\n%s\nexpected:\n%s", examples[e], s, have, want_projects);
            free(have);
            pf_doc_free(got);
            free(csv);

            csv = answers_csv(doc, styles[s]);
            pf_import_options o = PF_IMPORT_OPTIONS_INIT;
            o.instrument = pf_doc_instrument_path(doc) ? instrument : NULL;
            got = NULL;
            if (pf_import_answers_buffer(csv, strlen(csv), "answers.csv", &o, &got, diags, &err) != PF_OK)
                fail_msg("%s answers, style %zu: %u:%u: %s\n%s", examples[e], s, err.line, err.column, err.message,
                         csv);
            assert_string_equal(pf_doc_instrument_id(got), pf_doc_instrument_id(doc));
            have = yaml_of(got);
            if (strcmp(have, want_answers) != 0)
                fail_msg("%s answers, style %zu:\n%s\nexpected:\n%s", examples[e], s, have, want_answers);
            free(have);
            pf_doc_free(got);
            free(csv);
            assert_int_equal(pf_diagnostics_count(diags), 0);
            pf_diagnostics_free(diags);
        }
        free(want_projects);
        free(want_answers);
        pf_doc_free(projects_only);
        pf_doc_free(answers_only);
        pf_doc_free(doc);
    }
}

/* ---- small inputs ---- */

static pf_status import_text(pf_import_kind kind, const char *text, const pf_import_options *o, pf_doc **out,
                             pf_diagnostics *diags, pf_error *err)
{
    *out = NULL;
    return kind == PF_IMPORT_ANSWERS ? pf_import_answers_buffer(text, strlen(text), "t.csv", o, out, diags, err)
                                     : pf_import_projects_buffer(text, strlen(text), "t.csv", o, out, diags, err);
}

/* Imports text that must load and returns the document's YAML (the caller frees it). */
static char *imported(pf_import_kind kind, const char *text, const pf_import_options *o)
{
    pf_doc *doc;
    pf_error err;
    if (import_text(kind, text, o, &doc, NULL, &err) != PF_OK)
        fail_msg("%u:%u: %s\nin:\n%s", err.line, err.column, err.message, text);
    char *yaml = yaml_of(doc);
    pf_doc_free(doc);
    return yaml;
}

/* Imports text that must fail; returns its problems as "ROW:COLUMN: message" lines (the caller frees them). */
static char *problems(pf_import_kind kind, const char *text, const pf_import_options *o, pf_status want)
{
    pf_diagnostics *diags;
    pf_doc *doc;
    pf_error err;
    assert_int_equal(pf_diagnostics_new(NULL, &diags), PF_OK);
    pf_status s = import_text(kind, text, o, &doc, diags, &err);
    if (s != want)
        fail_msg("status %d, expected %d, for:\n%s", s, want, text);
    assert_null(doc);
    sb b = { NULL, 0, 0 };
    sb_add(&b, "", 0);
    for (size_t i = 0; i < pf_diagnostics_count(diags); i++) {
        const pf_error *e = pf_diagnostics_at(diags, i);
        sb_printf(&b, "%u:%u: %s\n", e->line, e->column, e->message);
    }
    /* The error names the first problem, or the one that stopped reading. */
    assert_true(pf_diagnostics_count(diags) > 0);
    assert_int_equal(err.code, want);
    pf_diagnostics_free(diags);
    return b.data;
}

static void expect_problems(pf_import_kind kind, const char *text, const pf_import_options *o, pf_status want,
                            const char *expected)
{
    char *got = problems(kind, text, o, want);
    if (strcmp(got, expected) != 0)
        fail_msg("for:\n%s\nexpected:\n%sactual:\n%s", text, expected, got);
    free(got);
}

static void expect_yaml(pf_import_kind kind, const char *text, const pf_import_options *o, const char *expected)
{
    char *got = imported(kind, text, o);
    if (strcmp(got, expected) != 0)
        fail_msg("for:\n%s\nexpected:\n%sactual:\n%s", text, expected, got);
    free(got);
}

static void test_separator_is_detected_from_the_header(void **state)
{
    (void)state;
    /* Semicolons split the header into more cells: a European spreadsheet. */
    expect_yaml(PF_IMPORT_PROJECTS, "id;title;budget\na;Roads, bridges;1.5\n", NULL,
                "portfolio: 1\nprojects:\n- id: a\n  title: Roads, bridges\n  budget: 1.5\n");
    /* A tie goes to the comma (the mapping names the headers it gives). */
    pf_import_map *map = NULL;
    const char *tie = "import: 1\nkind: projects\ncolumns: {\"id;x\": id, title: title}\n";
    assert_int_equal(pf_import_map_read_buffer(tie, strlen(tie), "m.yaml", NULL, &map, NULL, NULL), PF_OK);
    pf_import_options o = PF_IMPORT_OPTIONS_INIT;
    o.map = map;
    expect_yaml(PF_IMPORT_PROJECTS, "id;x,title\na,b;c\n", &o, "portfolio: 1\nprojects:\n- id: a\n  title: b;c\n");
    pf_import_map_free(map);
    o.map = NULL;
    /* A separator inside a quoted header cell does not count. */
    const char *quoted = "import: 1\nkind: projects\ncolumns: {\"Title; or name; or label\": title}\n";
    assert_int_equal(pf_import_map_read_buffer(quoted, strlen(quoted), "m.yaml", NULL, &map, NULL, NULL), PF_OK);
    o.map = map;
    expect_yaml(PF_IMPORT_PROJECTS, "id,\"Title; or name; or label\"\na,b\n", &o,
                "portfolio: 1\nprojects:\n- id: a\n  title: b\n");
    pf_import_map_free(map);
    o.map = NULL;
    /* Given explicitly, it is not detected. */
    o.separator = ';';
    expect_problems(PF_IMPORT_PROJECTS, "id,title\na,b\n", &o, PF_EINVALID,
                    "1:1: column \"id,title\": unknown column (expected one of: id, title, unit, purpose, driver, "
                    "priority, facets.enhancement, facets.mission, facets.adaptive, facets.anticipatory, stage, "
                    "budget, fte, start, end, tags, partners, links, enhancement, mission, adaptive, anticipatory, "
                    "ignore; a mapping file can name it, or ignore it)\n"
                    "1:1: missing column \"id\": every row needs the project's id (name a column id, or map one to it "
                    "in a mapping file)\n");
    /* From a mapping file. */
    const char *m = "import: 1\nkind: projects\nseparator: \";\"\ncolumns: {\"id,title\": id}\n";
    assert_int_equal(pf_import_map_read_buffer(m, strlen(m), "m.yaml", NULL, &map, NULL, NULL), PF_OK);
    assert_int_equal(pf_import_map_kind(map), PF_IMPORT_PROJECTS);
    o.separator = 0;
    o.map = map;
    expect_yaml(PF_IMPORT_PROJECTS, "id,title\nx\n", &o, "portfolio: 1\nprojects:\n- id: x\n");
    pf_import_map_free(map);
    o.map = NULL;
    o.separator = '\t';
    pf_doc *doc;
    pf_error err;
    assert_int_equal(import_text(PF_IMPORT_PROJECTS, "id\na\n", &o, &doc, NULL, &err), PF_EARG);
    assert_string_equal(err.message, "the separator must be ',' or ';'");
}

static void test_rows_are_records(void **state)
{
    (void)state;
    /* A BOM, CRLF, CR alone, blank lines and a cell over three lines: rows count records, blank ones too. */
    expect_problems(PF_IMPORT_PROJECTS,
                    "\xEF\xBB\xBFid,title,budget\r\n"
                    "a,\"one\r\ntwo\r\nthree\",x\r\n"
                    "\r\n"
                    "b,,y\r"
                    "\r"
                    ",,,\n"
                    "  c  ,, z \n",
                    NULL, PF_EINVALID,
                    "2:3: column \"budget\": expected a number such as 4.5 or 1250000 (a decimal point, no thousands "
                    "separators), got 'x'\n"
                    "4:3: column \"budget\": expected a number such as 4.5 or 1250000 (a decimal point, no thousands "
                    "separators), got 'y'\n"
                    "7:3: column \"budget\": expected a number such as 4.5 or 1250000 (a decimal point, no thousands "
                    "separators), got 'z'\n");
    /* Line breaks inside a cell become LF; the file may end without one. */
    expect_yaml(PF_IMPORT_PROJECTS, "id,title\r\na,\"one\r\ntwo\rthree\"", NULL,
                "portfolio: 1\nprojects:\n- id: a\n  title: 'one\n\n    two\n\n    three'\n");
    /* A header alone gives an empty document. */
    expect_yaml(PF_IMPORT_ANSWERS, "respondent,q17\n", NULL, "portfolio: 1\n");
}

static void test_positions_of_syntax_errors(void **state)
{
    (void)state;
    pf_diagnostics *diags;
    pf_doc *doc;
    pf_error err;
    assert_int_equal(pf_diagnostics_new(NULL, &diags), PF_OK);
    const char *text = "id,title\na,b\nc,d\"e\n";
    assert_int_equal(import_text(PF_IMPORT_PROJECTS, text, NULL, &doc, diags, &err), PF_ESYNTAX);
    assert_int_equal(err.line, 3);
    assert_int_equal(err.column, 2);
    assert_int_equal(err.offset, 16); /* the quote */
    assert_string_equal(err.source, "t.csv");
    pf_diagnostics_clear(diags);
    /* Cells are located by byte offset too, after a BOM and quoted separators. */
    text = "\xEF\xBB\xBFid,\"title\",budget\na,\"b,\"\"c\"\"\",-1\n";
    assert_int_equal(import_text(PF_IMPORT_PROJECTS, text, NULL, &doc, diags, &err), PF_EINVALID);
    assert_int_equal(err.line, 2);
    assert_int_equal(err.column, 3);
    assert_int_equal(err.offset, (size_t)(strstr(text, "-1") - text));
    assert_string_equal(err.message, "column \"budget\": must be >= 0 (got -1)");
    pf_diagnostics_free(diags);
    /* Problems before a syntax error are kept; it stops reading. */
    expect_problems(PF_IMPORT_PROJECTS, "id,budget\na,x\n\"b\"c,1\nc,y\n", NULL, PF_ESYNTAX,
                    "2:2: column \"budget\": expected a number such as 4.5 or 1250000 (a decimal point, no thousands "
                    "separators), got 'x'\n"
                    "3:1: text after the closing quote of a quoted cell (a quote inside a quoted cell is written "
                    "twice: \"\")\n");
    /* Invalid UTF-8 in a later row. */
    expect_problems(PF_IMPORT_ANSWERS, "respondent,unit\nr1,ok\nr2,Direction g\xE9n\xE9rale\n", NULL, PF_ESYNTAX,
                    "3:2: invalid UTF-8: byte 0xE9 does not begin a valid character (save the file as CSV UTF-8, not "
                    "in a legacy encoding)\n");
}

static void test_words_in_english_and_french(void **state)
{
    (void)state;
    const char *header = "respondent,q1.enhancement,q1.mission,q1.adaptive,q1.anticipatory,q21,q22a,q17,q19,q20\n";
    static const struct {
        const char *cells;
        const char *yaml;
    } rows[] = {
        { "Strongly disagree,Disagree,Neither agree nor disagree,Agree,Strongly agree,Neutral,Yes,No,Not sure",
          "0, 1, 2, 3, 4, 2, yes, no, unsure" },
        { "\"Pas du tout d\xE2\x80\x99" "accord\",Plut\xC3\xB4t pas d'accord,\"Ni d'accord ni pas d'accord\","
          "Plut\xC3\xB4t d\xE2\x80\x99" "accord,Tout \xC3\xA0 fait d'accord,Neutre,Oui,Non,Je ne sais pas",
          "0, 1, 2, 3, 4, 2, yes, no, unsure" },
        { "strongly-disagree, somewhat disagree ,NEUTRAL,Somewhat agree,TOUT \xC3\x80 FAIT D\xE2\x80\x99" "ACCORD,"
          "neither  agree  nor  disagree,oui,non,Don\xE2\x80\x99t know",
          "0, 1, 2, 3, 4, 2, yes, no, unsure" },
        { "0,1,2,3,4,Ni d\xE2\x80\x99" "accord ni pas d\xE2\x80\x99" "accord,YES,NO,ne sais pas",
          "0, 1, 2, 3, 4, 2, yes, no, unsure" },
        { "Fortement en d\xC3\xA9saccord,En d\xC3\xA9saccord,Neither agree or disagree,D'accord,Totalement d'accord,"
          "Tend to agree,yes,no,Do not know",
          "0, 1, 2, 3, 4, 3, yes, no, unsure" },
    };
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        char text[1024], want[1024], v[9][16];
        snprintf(text, sizeof text, "%sr1,%s\n", header, rows[i].cells);
        sscanf(rows[i].yaml, "%15[^,], %15[^,], %15[^,], %15[^,], %15[^,], %15[^,], %15[^,], %15[^,], %15s", v[0],
               v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8]);
        snprintf(want, sizeof want,
                 "portfolio: 1\nassessments:\n- respondent: r1\n  answers:\n    q1.enhancement: %s\n    q1.mission: %s\n"
                 "    q1.adaptive: %s\n    q1.anticipatory: %s\n    q17: %s\n    q19: %s\n    q20: %s\n    q21: %s\n"
                 "    q22a: %s\n",
                 v[0], v[1], v[2], v[3], v[6], v[7], v[8], v[4], v[5]);
        expect_yaml(PF_IMPORT_ANSWERS, text, NULL, want);
    }
    /* Words the mapping file adds are looked up first: a survey tool's 1..5 scale. */
    pf_import_map *map = NULL;
    const char *m = "import: 1\nkind: answers\nvalues:\n  agree: {\"1\": 0, \"2\": 1, \"3\": 2, \"4\": 3, \"5\": 4}\n"
                    "  yes-no: {Y: yes, N: no, \"?\": unsure}\n  role: {Board: senior-management}\n";
    assert_int_equal(pf_import_map_read_buffer(m, strlen(m), "m.yaml", NULL, &map, NULL, NULL), PF_OK);
    pf_import_options o = PF_IMPORT_OPTIONS_INIT;
    o.map = map;
    expect_yaml(PF_IMPORT_ANSWERS, "respondent,role,q1.mission,q1.adaptive,q17,q19,q20\nr1,board,1,5,y,N,?\n", &o,
                "portfolio: 1\nassessments:\n- respondent: r1\n  role: senior-management\n  answers:\n"
                "    q1.mission: 0\n    q1.adaptive: 4\n    q17: yes\n    q19: no\n    q20: unsure\n");
    pf_import_map_free(map);
}

static void test_rank_and_multi_columns(void **state)
{
    (void)state;
    /* Whole: option ids separated by ';' (quoted when ';' separates cells); none, and empty for unanswered. */
    expect_yaml(PF_IMPORT_ANSWERS,
                "respondent;q2;q10;q13\nr1;\"mission; enhancement;adaptive;anticipatory\";none;\nr2;;\"adaptive;\";"
                "\"mission1;adaptive2\"\n",
                NULL,
                "portfolio: 1\nassessments:\n- respondent: r1\n  answers:\n    q2: [mission, enhancement, adaptive, "
                "anticipatory]\n    q10: [none]\n- respondent: r2\n  answers:\n    q10: [adaptive]\n"
                "    q13: [mission1, adaptive2]\n");
    /* By option: places of a ranking; 1, x, yes or 0, no for a multi question; all empty is unanswered. */
    expect_yaml(PF_IMPORT_ANSWERS,
                "respondent,q5.enhancement,q5.mission,q5.adaptive,q5.anticipatory,q10.mission,q10.adaptive,"
                "q10.enhancement\n"
                "r1,4,3,2,1,x,Oui,0\n"
                "r2,,,,,no,0,non\n"
                "r3,,,,,,,\n",
                NULL,
                "portfolio: 1\nassessments:\n- respondent: r1\n  answers:\n    q5: [anticipatory, adaptive, mission, "
                "enhancement]\n    q10: [mission, adaptive]\n- respondent: r2\n  answers:\n    q10: [none]\n"
                "- respondent: r3\n");
}

/* ---- limits ---- */

static void test_limits(void **state)
{
    (void)state;
    pf_read_options ro = PF_READ_OPTIONS_INIT;
    pf_import_options o = PF_IMPORT_OPTIONS_INIT;
    o.read = &ro;
    ro.max_bytes = 20;
    expect_problems(PF_IMPORT_PROJECTS, "id,title\na,twenty-one\n", &o, PF_ELIMIT,
                    "1:1: the file is 22 bytes, more than the limit of 20\n");
    ro.max_bytes = 0;
    /* A cell of exactly max_string bytes is read, quoted or not; one more byte stops reading. */
    ro.max_string = 5;
    expect_yaml(PF_IMPORT_PROJECTS, "id,title,unit\nabcde,\"ab\"\"de\",\"ab,de\"  \n", &o,
                "portfolio: 1\nprojects:\n- id: abcde\n  title: ab\"de\n  unit: ab,de\n");
    expect_problems(PF_IMPORT_PROJECTS, "id,title\na,abcdef\n", &o, PF_ELIMIT,
                    "2:2: cell of 6 bytes is longer than the limit of 5\n");
    expect_problems(PF_IMPORT_PROJECTS,
                    "id,title\na,\"abcdefghijklmnopqrstuvwxyz abcdefghijklmnopqrstuvwxyz abcdefghijklmnopqrstuvwxyz\n"
                    "b,c\n",
                    &o, PF_ELIMIT,
                    "2:2: cell longer than the limit of 5 bytes (it begins with a quote: is its closing quote "
                    "missing?)\n");
    ro.max_string = 0;
    /* Rows (blank ones count) and columns. */
    ro.max_items = 3;
    expect_yaml(PF_IMPORT_PROJECTS, "id,title,unit\na,,\n\n", &o, "portfolio: 1\nprojects:\n- id: a\n");
    expect_problems(PF_IMPORT_PROJECTS, "id,title,unit\na,,\n\nb\n", &o, PF_ELIMIT,
                    "4:1: the file has more than the limit of 3 rows\n");
    expect_problems(PF_IMPORT_PROJECTS, "id,title,unit,stage\n", &o, PF_ELIMIT,
                    "1:4: the row has more than the limit of 3 columns\n");
    ro.max_items = 0;
    /* Problems beyond max_diagnostics are counted, not stored. */
    ro.max_diagnostics = 3;
    sb text = { NULL, 0, 0 };
    sb_puts(&text, "id,budget\n");
    for (int i = 0; i < 50; i++)
        sb_printf(&text, "p%d,-%d\n", i, i + 1);
    pf_diagnostics *diags;
    pf_doc *doc;
    assert_int_equal(pf_diagnostics_new(NULL, &diags), PF_OK);
    assert_int_equal(import_text(PF_IMPORT_PROJECTS, text.data, &o, &doc, diags, NULL), PF_EINVALID);
    assert_int_equal(pf_diagnostics_count(diags), 3);
    assert_int_equal(pf_diagnostics_total(diags), 50);
    assert_string_equal(pf_diagnostics_at(diags, 2)->message, "column \"budget\": must be >= 0 (got -3)");
    pf_diagnostics_free(diags);
    free(text.data);
}

/* ---- arguments, files and instruments ---- */

static void test_arguments_and_files(void **state)
{
    (void)state;
    pf_doc *doc = NULL;
    pf_error err;
    assert_int_equal(pf_import_answers_buffer("", 0, NULL, NULL, NULL, NULL, &err), PF_EARG);
    assert_int_equal(pf_import_projects_file("x.csv", NULL, NULL, NULL, &err), PF_EARG);
    assert_int_equal(pf_import_projects_buffer(NULL, 3, NULL, NULL, &doc, NULL, &err), PF_EARG);
    pf_import_options o = PF_IMPORT_OPTIONS_INIT;
    o.version = 99;
    assert_int_equal(pf_import_answers_file("x.csv", &o, &doc, NULL, &err), PF_EARG);
    assert_null(doc);
    assert_int_equal(pf_import_answers_file(SOURCE_ROOT "/tests/data/csv/no-such.csv", NULL, &doc, NULL, &err),
                     PF_ENOTFOUND);
    assert_string_equal(err.source, SOURCE_ROOT "/tests/data/csv/no-such.csv");
    /* The buffer's default name. */
    assert_int_equal(pf_import_projects_buffer("", 0, NULL, NULL, &doc, NULL, &err), PF_EINVALID);
    assert_string_equal(err.source, "<buffer>");
    assert_string_equal(err.message, "the file is empty: it needs a header row naming the columns");
    /* A map of the other kind. */
    pf_import_map *map = NULL;
    const char *m = "import: 1\nkind: projects\n";
    assert_int_equal(pf_import_map_read_buffer(m, strlen(m), NULL, NULL, &map, NULL, NULL), PF_OK);
    o.version = PF_IMPORT_OPTIONS_VERSION;
    o.map = map;
    assert_int_equal(import_text(PF_IMPORT_ANSWERS, "respondent\nr\n", &o, &doc, NULL, &err), PF_EARG);
    assert_string_equal(err.message, "kind: this mapping file is for projects; it cannot import answers");
    assert_string_equal(err.source, "<buffer>");
    assert_int_equal(err.line, 2);
    pf_import_map_free(map);
    pf_import_map_free(NULL);
    assert_int_equal(pf_import_map_read_buffer(m, strlen(m), NULL, NULL, NULL, NULL, &err), PF_EARG);
    assert_int_equal(pf_import_map_read_file(SOURCE_ROOT "/tests/data/csv/no-such.yaml", NULL, &map, NULL, &err),
                     PF_ENOTFOUND);
}

static void test_instruments(void **state)
{
    (void)state;
    pf_import_options o = PF_IMPORT_OPTIONS_INIT;
    o.instrument = SOURCE_ROOT "/examples/data/instruments/team-pulse.yaml";
    pf_doc *doc;
    pf_error err;
    assert_int_equal(import_text(PF_IMPORT_ANSWERS, "respondent,p1.mission,p2,c1\nr1,Agree,"
                                                    "\"impact;efficiency;foresight;responsiveness\",Oui\n",
                                 &o, &doc, NULL, &err),
                     PF_OK);
    assert_string_equal(pf_doc_instrument_id(doc), "team-pulse-2025");
    assert_null(pf_doc_instrument_path(doc)); /* an answers file names its instrument by id */
    pf_answer a;
    assert_int_equal(pf_assessment_answer(pf_doc_assessment_at(doc, 0), "p2", &a), PF_OK);
    assert_string_equal(a.options[0], "impact");
    pf_doc_free(doc);
    /* Columns are checked against that instrument. */
    expect_problems(PF_IMPORT_ANSWERS, "respondent,q1.mission\nr1,3\n", &o, PF_EINVALID,
                    "1:2: column \"q1.mission\": unknown column (did you mean 'p1.mission'?)\n");
    expect_problems(PF_IMPORT_ANSWERS, "respondent,q99\nr1,3\n", &o, PF_EINVALID,
                    "1:2: column \"q99\": unknown column: not respondent, role, unit or date, nor an item or "
                    "question of team-pulse-2025 (a mapping file can name it, or ignore it)\n");
    o.instrument = "opsi-pet-2021";
    assert_int_equal(import_text(PF_IMPORT_ANSWERS, "respondent\n", &o, &doc, NULL, &err), PF_ENOTFOUND);
    assert_string_equal(err.message, "instrument: 'opsi-pet-2021' is not a known instrument (known: opsi-pet-2020)");
    /* An unusable instrument file: its own problems, with its name and positions. */
    o.instrument = SOURCE_ROOT "/tests/data/invalid-instrument/duplicate-item-id.yaml";
    pf_diagnostics *diags;
    assert_int_equal(pf_diagnostics_new(NULL, &diags), PF_OK);
    assert_int_equal(import_text(PF_IMPORT_ANSWERS, "respondent\n", &o, &doc, diags, &err), PF_EINVALID);
    assert_true(pf_diagnostics_count(diags) > 0);
    assert_string_equal(pf_diagnostics_at(diags, 0)->source, o.instrument);
    pf_diagnostics_free(diags);
    /* Projects imports ignore it. */
    expect_yaml(PF_IMPORT_PROJECTS, "id\na\n", &o, "portfolio: 1\nprojects:\n- id: a\n");
}

/* ---- memory ---- */

/* Fails each allocation of an import in turn: every failure is PF_ENOMEM, with nothing leaked. */
static void walk_failures(pf_import_kind kind, const char *csv_path, const char *map_path, pf_status want)
{
    size_t len = 0;
    char *csv = slurp(csv_path, &len), *m = map_path ? slurp(map_path, NULL) : NULL;
    assert_non_null(csv);
    long n = 1;
    for (;; n++) {
        failing_alloc f = { 0 };
        pf_read_options ro = PF_READ_OPTIONS_INIT;
        ro.allocator = failing_alloc_allocator(&f);
        pf_import_map *map = NULL;
        pf_doc *doc = NULL;
        pf_error err;
        failing_alloc_arm(&f, n); /* the nth allocation of reading the map then importing fails */
        pf_status s = m ? pf_import_map_read_buffer(m, strlen(m), map_path, &ro, &map, NULL, &err) : PF_OK;
        if (s == PF_OK) {
            pf_import_options o = PF_IMPORT_OPTIONS_INIT;
            o.read = &ro;
            o.map = map;
            s = kind == PF_IMPORT_ANSWERS ? pf_import_answers_buffer(csv, len, csv_path, &o, &doc, NULL, &err)
                                          : pf_import_projects_buffer(csv, len, csv_path, &o, &doc, NULL, &err);
        }
        pf_doc_free(doc);
        pf_import_map_free(map);
        assert_int_equal(f.live, 0); /* nothing leaked through the allocator */
        if (failing_alloc_walk_done(&f, s, want, &err, csv_path, n))
            break;
    }
    assert_true(n > 20);
    free(csv);
    free(m);
}

static void test_every_allocation_failure_is_reported(void **state)
{
    (void)state;
    walk_failures(PF_IMPORT_ANSWERS, SOURCE_ROOT "/tests/data/csv/answers-survey-tool.csv",
                  SOURCE_ROOT "/tests/data/csv/answers-survey-tool.map.yaml", PF_OK);
    walk_failures(PF_IMPORT_PROJECTS, SOURCE_ROOT "/tests/data/csv/projects-quoted.csv", NULL, PF_OK);
    walk_failures(PF_IMPORT_PROJECTS, SOURCE_ROOT "/tests/data/csv/projects-mapped.csv",
                  SOURCE_ROOT "/tests/data/csv/projects-mapped.map.yaml", PF_OK);
    walk_failures(PF_IMPORT_ANSWERS, SOURCE_ROOT "/tests/data/invalid-csv/answers-bad-cells.csv",
                  SOURCE_ROOT "/tests/data/invalid-csv/answers-bad-cells.map.yaml", PF_EINVALID);
    walk_failures(PF_IMPORT_PROJECTS, SOURCE_ROOT "/tests/data/invalid-csv/projects-bad-cells.csv", NULL, PF_EINVALID);
}

/* ---- golden suites ---- */

typedef enum case_kind { CASE_VALID, CASE_INVALID, CASE_MAP } case_kind;

typedef struct golden_case {
    char *base; /* path without its extension */
    case_kind kind;
} golden_case;

static pf_import_kind kind_of(const char *base)
{
    const char *name = strrchr(base, '/') + 1;
    if (strncmp(name, "answers-", 8) == 0)
        return PF_IMPORT_ANSWERS;
    if (strncmp(name, "projects-", 9) != 0)
        fail_msg("%s: a case's name begins with answers- or projects-", base);
    return PF_IMPORT_PROJECTS;
}

/* Reads <base>.map.yaml when there is one; NULL otherwise. */
static pf_import_map *case_map(const char *base)
{
    char path[4096];
    snprintf(path, sizeof path, "%s.map.yaml", base);
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fclose(f);
    pf_import_map *map = NULL;
    pf_error err;
    if (pf_import_map_read_file(path, NULL, &map, NULL, &err) != PF_OK)
        fail_msg("%s:%u:%u: %s", path, err.line, err.column, err.message);
    return map;
}

static void test_valid_case(void **state)
{
    const golden_case *c = *state;
    char csv[4096], yaml[4096];
    snprintf(csv, sizeof csv, "%s.csv", c->base);
    snprintf(yaml, sizeof yaml, "%s.yaml", c->base);
    pf_import_options o = PF_IMPORT_OPTIONS_INIT;
    pf_import_map *map = case_map(c->base);
    o.map = map;
    pf_doc *doc = NULL;
    pf_error err;
    pf_status s = kind_of(c->base) == PF_IMPORT_ANSWERS ? pf_import_answers_file(csv, &o, &doc, NULL, &err)
                                                        : pf_import_projects_file(csv, &o, &doc, NULL, &err);
    if (s != PF_OK)
        fail_msg("%s:%u:%u: %s", csv, err.line, err.column, err.message);
    pf_buf out = PF_BUF_INIT;
    assert_int_equal(pf_doc_write_buf(doc, &out, NULL), PF_OK);
    char *expected = slurp(yaml, NULL);
    if (!expected)
        fail_msg("missing %s", yaml);
    if (strcmp(out.data, expected) != 0)
        fail_msg("%s\nexpected:\n%sactual:\n%s", csv, expected, out.data);
    /* What was imported reads back as a document. */
    pf_doc *back = NULL;
    if (pf_doc_read_buffer(out.data, out.size, yaml, NULL, &back, NULL, &err) != PF_OK)
        fail_msg("%s: %u:%u: %s", yaml, err.line, err.column, err.message);
    pf_doc_free(back);
    free(expected);
    pf_buf_dispose(&out);
    pf_doc_free(doc);
    pf_import_map_free(map);
}

/* The problems as the .err files give them: "ROW:COLUMN: message", prefixed by another file's name. */
static char *format_problems(const pf_diagnostics *diags, const char *main_source, const char *dir)
{
    sb b = { NULL, 0, 0 };
    sb_add(&b, "", 0);
    size_t dl = strlen(dir);
    for (size_t i = 0; i < pf_diagnostics_count(diags); i++) {
        const pf_error *e = pf_diagnostics_at(diags, i);
        if (strcmp(e->source, main_source) != 0)
            sb_printf(&b, "%s:", strncmp(e->source, dir, dl) == 0 ? e->source + dl : e->source);
        sb_printf(&b, "%u:%u: %s\n", e->line, e->column, e->message);
    }
    return b.data;
}

static void test_invalid_case(void **state)
{
    const golden_case *c = *state;
    char input[4096], errfile[4096], dir[4096];
    snprintf(input, sizeof input, "%s%s", c->base, c->kind == CASE_MAP ? ".yaml" : ".csv");
    snprintf(errfile, sizeof errfile, "%s.err", c->base);
    snprintf(dir, sizeof dir, "%.*s", (int)(strrchr(c->base, '/') - c->base + 1), c->base);
    char *expected = slurp(errfile, NULL);
    if (!expected)
        fail_msg("missing %s", errfile);
    pf_diagnostics *diags;
    assert_int_equal(pf_diagnostics_new(NULL, &diags), PF_OK);
    pf_error err;
    if (c->kind == CASE_MAP) {
        pf_import_map *map = NULL;
        assert_int_not_equal(pf_import_map_read_file(input, NULL, &map, diags, &err), PF_OK);
        assert_null(map);
    } else {
        pf_import_options o = PF_IMPORT_OPTIONS_INIT;
        pf_import_map *map = case_map(c->base);
        o.map = map;
        pf_doc *doc = NULL;
        pf_status s = kind_of(c->base) == PF_IMPORT_ANSWERS ? pf_import_answers_file(input, &o, &doc, diags, &err)
                                                            : pf_import_projects_file(input, &o, &doc, diags, &err);
        assert_int_not_equal(s, PF_OK);
        assert_null(doc);
        pf_import_map_free(map);
    }
    char *actual = format_problems(diags, input, dir);
    if (strcmp(actual, expected) != 0)
        fail_msg("%s\nexpected:\n%sactual:\n%s", input, expected, actual);
    free(actual);
    free(expected);
    pf_diagnostics_free(diags);
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Adds the cases of a folder: files ending in ext (but not .map.yaml or the expected .yaml of valid cases). */
static size_t add_cases(const char *dir, const char *ext, case_kind kind, struct CMUnitTest **tests,
                        golden_case **cases, size_t *count)
{
    DIR *d = opendir(dir);
    size_t n = 0, el = strlen(ext);
    struct dirent *ent;
    char **names = NULL;
    while (d && (ent = readdir(d))) {
        size_t len = strlen(ent->d_name);
        if (len <= el || strcmp(ent->d_name + len - el, ext) != 0 ||
            (len > 9 && strcmp(ent->d_name + len - 9, ".map.yaml") == 0))
            continue;
        names = realloc(names, (n + 1) * sizeof *names);
        names[n] = malloc(strlen(dir) + len + 2);
        sprintf(names[n], "%s/%.*s", dir, (int)(len - el), ent->d_name);
        n++;
    }
    if (d)
        closedir(d);
    qsort(names, n, sizeof *names, compare_names);
    *tests = realloc(*tests, (*count + n) * sizeof **tests);
    *cases = realloc(*cases, (*count + n) * sizeof **cases);
    for (size_t i = 0; i < n; i++) {
        (*cases)[*count + i].base = names[i];
        (*cases)[*count + i].kind = kind;
        struct CMUnitTest t = { strrchr(names[i], '/') + 1, kind == CASE_VALID ? test_valid_case : test_invalid_case,
                                NULL, NULL, NULL };
        (*tests)[*count + i] = t;
    }
    *count += n;
    free(names);
    return n;
}

int main(void)
{
    static const struct CMUnitTest fixed[] = {
        cmocka_unit_test(test_examples_round_trip),
        cmocka_unit_test(test_separator_is_detected_from_the_header),
        cmocka_unit_test(test_rows_are_records),
        cmocka_unit_test(test_positions_of_syntax_errors),
        cmocka_unit_test(test_words_in_english_and_french),
        cmocka_unit_test(test_rank_and_multi_columns),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_arguments_and_files),
        cmocka_unit_test(test_instruments),
        cmocka_unit_test(test_every_allocation_failure_is_reported),
    };
    size_t count = sizeof fixed / sizeof *fixed;
    struct CMUnitTest *tests = malloc(sizeof fixed);
    memcpy(tests, fixed, sizeof fixed);
    golden_case *cases = calloc(count, sizeof *cases);
    size_t nv = add_cases(SOURCE_ROOT "/tests/data/csv", ".csv", CASE_VALID, &tests, &cases, &count);
    size_t ni = add_cases(SOURCE_ROOT "/tests/data/invalid-csv", ".csv", CASE_INVALID, &tests, &cases, &count);
    size_t nm = add_cases(SOURCE_ROOT "/tests/data/invalid-import-map", ".yaml", CASE_MAP, &tests, &cases, &count);
    /* States point into cases, which moved while it grew: set them now. */
    for (size_t i = sizeof fixed / sizeof *fixed; i < count; i++)
        tests[i].initial_state = &cases[i];
    if (nv < 4 || ni < 15 || nm < 12) {
        fprintf(stderr, "golden suites too small: %zu valid, %zu invalid CSV files, %zu invalid maps\n", nv, ni, nm);
        return 1;
    }
    int failed = _cmocka_run_group_tests("import", tests, count, NULL, NULL);
    for (size_t i = 0; i < count; i++)
        free(cases[i].base);
    free(cases);
    free(tests);
    return failed;
}
