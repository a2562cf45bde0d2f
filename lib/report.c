/*
 * Reports (report.h): the analysis is computed once, then written in the
 * chosen shape. Labels come from the language tables; every user string is
 * escaped for the target format.
 */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "json.h"
#include "report_impl.h"

static const char *const format_names[] = { "text", "md", "html", "json", "csv", "csv-assessments" };

const char *pf_report_format_name(pf_report_format f)
{
    return (int)f >= 0 && f < PF_REPORT_FORMAT_COUNT ? format_names[f] : NULL;
}

pf_status pf_report_format_from_name(const char *name, pf_report_format *out)
{
    for (int i = 0; name && out && i < PF_REPORT_FORMAT_COUNT; i++) {
        if (strcmp(name, format_names[i]) == 0) {
            *out = (pf_report_format)i;
            return PF_OK;
        }
    }
    return PF_EARG;
}

typedef pf_report_analysis analysis;

static void analysis_free(analysis *a)
{
    pf__report_board_free(a);
    pf_advice_free(a->advice);
    pf_relations_free(a->relations);
    pf_map_free(a->map);
    pf_scores_free(a->scores);
    pf_comparison_free(a->since);
}

static pf_status analyse(const pf_doc *doc, const pf_report_options *opts, analysis *a, pf_error *err)
{
    memset(a, 0, sizeof *a);
    a->doc = doc;
    a->opts = *opts;
    if (!pf__lang_parse(opts->lang, &a->lang))
        return pf__fail(err, PF_EARG, "unknown language '%.16s' (en or fr)", opts->lang);
    a->opts.lang = pf__lang_code(a->lang);
    pf_score_options so = PF_SCORE_OPTIONS_INIT;
    pf_map_options mo = PF_MAP_OPTIONS_INIT;
    pf_advice_options ao = PF_ADVICE_OPTIONS_INIT;
    so.mode = opts->mode;
    so.completeness_floor = opts->completeness_floor;
    so.include_incomplete = opts->include_incomplete;
    mo.weighting = opts->weighting;
    ao.lang = a->opts.lang;
    pf_status s = pf_doc_score(doc, &so, &a->scores, NULL, err);
    if (s == PF_OK)
        s = pf_doc_map(doc, a->scores, &mo, &a->map, err);
    if (s == PF_OK)
        s = pf__doc_relations_compact(doc, a->map, NULL, &a->relations, err);
    if (s == PF_OK) {
        size_t counts[PF_RELATION_KIND_COUNT];
        for (int k = 0; k < PF_RELATION_KIND_COUNT; k++)
            counts[k] = pf_relations_count_kind(a->relations, (pf_relation_kind)k);
        pf_analysis an = { a->scores, a->map, counts };
        s = pf_recommend(opts->rules, &an, &ao, &a->advice, err);
    }
    if (s == PF_OK && opts->since)
        s = pf__report_since_compare(opts->since, doc, &so, &mo, &a->since, err);
    if (s == PF_OK)
        s = pf__report_board_prepare(a, err);
    if (s != PF_OK)
        analysis_free(a);
    return s;
}

/* ---- CSV (RFC 4180: CRLF line ends, fields quoted when they hold a comma, quote or line break) ----
   After a failure nothing more is written, so a sink never receives a row missing a field. */

static void csv_field(pf_buf *b, const char *s, bool *failed)
{
    if (*failed)
        return;
    if (!s)
        s = "";
    bool quote = strpbrk(s, ",\"\r\n") != NULL;
    pf_status st = quote ? pf__buf_puts(b, "\"") : PF_OK;
    for (const char *p = s; *p && st == PF_OK; p++) {
        size_t control = pf__control_len(p);
        if (control)
            p += control - 1; /* no terminal escapes or other controls in a cell */
        else
            st = *p == '"' ? pf__buf_puts(b, "\"\"") : pf__buf_append(b, p, 1);
    }
    if (quote && st == PF_OK)
        st = pf__buf_puts(b, "\"");
    if (st != PF_OK)
        *failed = true;
}

static void csv_number(pf_buf *b, double v, bool present, bool *failed)
{
    char num[32] = "";
    if (present)
        pf__format_number(v == 0 ? 0 : v, num);
    csv_field(b, num, failed);
}

static void csv_sep(pf_buf *b, bool *failed)
{
    if (!*failed && pf__buf_puts(b, ",") != PF_OK)
        *failed = true;
}

static void csv_row(pf_buf *b, const char *const *cells, size_t n, bool *failed)
{
    for (size_t i = 0; i < n; i++) {
        if (i)
            csv_sep(b, failed);
        csv_field(b, cells[i], failed);
    }
    if (!*failed && pf__buf_puts(b, "\r\n") != PF_OK)
        *failed = true;
}

/* A data row's end: a streamed report is handed over a row at a time. */
static void csv_line_end(const analysis *a, pf_buf *b, bool *failed)
{
    if (!*failed && (pf__buf_puts(b, "\r\n") != PF_OK || pf__stream_drain(a->stream, b, 0) != PF_OK))
        *failed = true;
}

static pf_status write_csv_projects(const analysis *a, pf_buf *b)
{
    static const char *const head[] = { "id",       "title",  "purpose",      "driver", "priority", "zone",  "x",
                                        "y",        "enhancement", "mission", "adaptive", "anticipatory", "stage",
                                        "budget",   "fte" };
    bool failed = false;
    csv_row(b, head, sizeof head / sizeof *head, &failed);
    for (size_t i = 0; i < a->doc->project_count && !failed; i++) {
        const pf_project *p = a->doc->projects[i];
        const pf_placement *pl = pf_map_at(a->map, i);
        const char *cells[] = { p->id, p->title, pf_purpose_name(p->purpose), pf_facet_name(p->driver),
                                pf_priority_name(p->priority), pl->placed ? pf_zone_name(pl->zone) : NULL };
        for (size_t c = 0; c < 6; c++) {
            if (c)
                csv_sep(b, &failed);
            csv_field(b, cells[c], &failed);
        }
        csv_sep(b, &failed);
        csv_number(b, pl->x, pl->placed, &failed);
        csv_sep(b, &failed);
        csv_number(b, pl->y, pl->placed, &failed);
        for (int f = 0; f < PF_FACET_COUNT; f++) {
            csv_sep(b, &failed);
            csv_number(b, pl->share[f], pl->placed, &failed);
        }
        csv_sep(b, &failed);
        csv_field(b, pf_stage_name(p->stage), &failed);
        csv_sep(b, &failed);
        csv_number(b, p->budget, p->has_budget, &failed);
        csv_sep(b, &failed);
        csv_number(b, p->fte, p->has_fte, &failed);
        csv_line_end(a, b, &failed);
    }
    return failed ? PF_ENOMEM : PF_OK;
}

static pf_status write_csv_assessments(const analysis *a, pf_buf *b)
{
    bool failed = false;
    const char *head[3 + PF_FACET_COUNT + 1 + PF_DIMENSION_COUNT];
    size_t n = 0;
    if (!a->opts.anonymous)
        head[n++] = "respondent";
    head[n++] = "role";
    for (int f = 0; f < PF_FACET_COUNT; f++)
        head[n++] = pf_facet_name((pf_facet)f);
    head[n++] = "capability";
    for (int d = 0; d < PF_DIMENSION_COUNT; d++)
        head[n++] = pf_dimension_name((pf_dimension)d);
    csv_row(b, head, n, &failed);
    for (size_t i = 0; i < pf_scores_count(a->scores) && !failed; i++) {
        const pf_assessment_score *s = pf_scores_at(a->scores, i);
        if (!a->opts.anonymous) {
            csv_field(b, s->respondent, &failed);
            csv_sep(b, &failed);
        }
        csv_field(b, pf_role_name(s->role), &failed);
        for (int f = 0; f < PF_FACET_COUNT; f++) {
            csv_sep(b, &failed);
            csv_number(b, s->orientation.pct[f], true, &failed);
        }
        csv_sep(b, &failed);
        csv_number(b, s->capability.score, true, &failed);
        for (int d = 0; d < PF_DIMENSION_COUNT; d++) {
            csv_sep(b, &failed);
            csv_number(b, s->capability.dimension_pct[d], true, &failed);
        }
        csv_line_end(a, b, &failed);
    }
    return failed ? PF_ENOMEM : PF_OK;
}

/* ---- JSON: the complete result ---- */

static pf_status write_json(const analysis *a, pf_buf *b)
{
    const pf_doc *doc = a->doc;
    pf_json j;
    pf__json_init(&j, b);
    j.stream = a->stream;
    pf__json_object_begin(&j);
    pf__json_key(&j, "schema_version");
    pf__json_integer(&j, 1);
    pf__json_key(&j, "lang");
    pf__json_string(&j, a->opts.lang);
    pf__json_key(&j, "organisation");
    pf__json_object_begin(&j);
    pf__json_key(&j, "name");
    pf__json_string(&j, doc->org.name);
    pf__json_key(&j, "country");
    pf__json_string(&j, doc->org.country[0] ? doc->org.country : NULL);
    pf__json_key(&j, "level");
    pf__json_string(&j, pf_gov_level_name(doc->org.level));
    pf__json_key(&j, "people");
    if (doc->org.people)
        pf__json_integer(&j, (long long)doc->org.people);
    else
        pf__json_null(&j);
    pf__json_key(&j, "sectors");
    pf__json_array_begin(&j);
    for (int s = 0; s < PF_SECTOR_COUNT; s++)
        if (doc->org.sectors >> s & 1)
            pf__json_string(&j, pf_sector_name((pf_sector)s));
    pf__json_array_end(&j);
    pf__json_object_end(&j);
    pf__json_key(&j, "instrument");
    pf__json_string(&j, pf_doc_instrument_id(doc));
    pf__json_key(&j, "summary");
    pf__report_summary_json(a, &j);
    pf__json_key(&j, "explanations");
    pf__report_explanations_json(a, &j);
    pf__json_key(&j, "scores");
    pf__scores_json(&j, a->scores, a->opts.anonymous);
    pf__json_key(&j, "map");
    pf__map_json(&j, a->map);
    pf__json_key(&j, "recommendations");
    pf__advice_json(&j, a->advice);
    pf__json_key(&j, "relations");
    pf__relations_json(&j, a->relations);
    if (a->since) {
        pf__json_key(&j, "since");
        pf__report_since_json(a, &j);
    }
    pf__json_object_end(&j);
    return pf__json_finish(&j);
}


/* The report into out, or (out NULL) through a chunk-sized buffer handed to sink as it fills. */
static pf_status report(const pf_doc *doc, const pf_report_options *opts, pf_buf *out, const pf_sink *sink,
                        pf_error *err)
{
    if (!doc || (!out && !(sink && sink->write_fn)))
        return pf__fail(err, PF_EARG, "doc or %s is NULL", out || !sink ? "out" : "sink");
    pf_report_options o = PF_REPORT_OPTIONS_INIT;
    if (opts) {
        if (opts->version != 1 && opts->version != PF_REPORT_OPTIONS_VERSION)
            return pf__fail(err, PF_EARG, "unknown pf_report_options version %u", opts->version);
        /* A version 1 struct ends before the completeness members. */
        if (opts->version == 1)
            memcpy(&o, opts, offsetof(pf_report_options, completeness_floor));
        else
            o = *opts;
        o.version = PF_REPORT_OPTIONS_VERSION;
    }
    if ((int)o.format < 0 || o.format >= PF_REPORT_FORMAT_COUNT)
        return pf__fail(err, PF_EARG, "unknown report format %d", (int)o.format);
    analysis a;
    pf_status s = analyse(doc, &o, &a, err);
    if (s != PF_OK)
        return s;
    pf_buf own = PF_BUF_INIT;
    pf_stream stream = { sink, PF_OK };
    pf_buf *b = out ? out : &own;
    pf_buf_dispose(b);
    b->allocator = doc->alloc;
    a.stream = out ? NULL : &stream;
    switch (o.format) {
    case PF_REPORT_TEXT: s = pf__report_text(&a, b, false); break;
    case PF_REPORT_MARKDOWN: s = pf__report_text(&a, b, true); break;
    case PF_REPORT_HTML: s = pf__report_html(&a, b); break;
    case PF_REPORT_JSON: s = write_json(&a, b); break;
    case PF_REPORT_CSV: s = write_csv_projects(&a, b); break;
    case PF_REPORT_CSV_ASSESSMENTS: s = write_csv_assessments(&a, b); break;
    }
    if (s == PF_OK && out && !out->data) /* a caller's buffer holds "" at least; a sink needs nothing */
        s = pf__buf_append(out, "", 0);
    if (s == PF_OK)
        pf__stream_flush(a.stream, b);
    analysis_free(&a);
    if (s != PF_OK || stream.status != PF_OK || !out)
        pf_buf_dispose(b);
    if (stream.status != PF_OK)
        return pf__stream_fail(&stream, err);
    return s == PF_OK ? PF_OK : pf__oom(err);
}

pf_status pf_doc_report(const pf_doc *doc, const pf_report_options *opts, pf_buf *out, pf_error *err)
{
    return report(doc, opts, out, NULL, err);
}

pf_status pf_doc_report_to(const pf_doc *doc, const pf_report_options *opts, const pf_sink *sink, pf_error *err)
{
    if (!sink)
        return pf__fail(err, PF_EARG, "doc or sink is NULL");
    return report(doc, opts, NULL, sink, err);
}

pf_status pf_doc_report_file(const pf_doc *doc, const pf_report_options *opts, const char *path, pf_error *err)
{
    if (!path)
        return pf__fail(err, PF_EARG, "path is NULL");
    /* The temporary file is created by the first byte, so a report refused for its input leaves none. */
    pf_atomic_file f;
    pf__atomic_init(&f, path);
    pf_sink sink = pf__atomic_sink(&f);
    pf_status s = report(doc, opts, NULL, &sink, err);
    if (s == PF_OK || f.saved) /* the file's own reason rather than "the sink stopped it" */
        return pf__atomic_commit(&f, err);
    pf__atomic_abandon(&f);
    return s;
}
