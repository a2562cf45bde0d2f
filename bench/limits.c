/*
 * Documents at the reader's documented limits (docs/format.md, section 6), built in memory, and the
 * time each stage takes on them against a bare libyaml event scan of the same bytes:
 *
 *   limits [SCALE] [CASE...]
 *
 * SCALE (default 1) shrinks every case for a quick run (0.1: a tenth of the entries and bytes).
 * Cases (all by default):
 *   tags         one project with 1 000 000 tags (the entries limit, in one list)
 *   links        1 000 000 projects and one linking to every other
 *   projects     1 000 000 projects with titles, placements, budgets, tags, partners and a link (~220 MiB)
 *   assessments  as many assessments answering every item as fit in ~250 MiB
 *   scalars      projects whose titles are 64 KiB scalars, ~250 MiB of them
 *   problems     1 000 000 projects on one line, each with two problems, one behind the other
 *   relations    projects sharing their tags so widely that relating them meets the work limit
 * For each: reading (validation included), then scoring, mapping, relating and the JSON report
 * (which does all of these again and writes them), in seconds, in seconds per MiB, and as a ratio to
 * the bare scan. The last line gives the worst seconds per MiB of reading plus the analysis.
 * This is a benchmark, not a test: it prints figures (shared machines are noisy).
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <portfolio/portfolio.h>

#include "meter.h"
#include "random.h"
#include "scan.h"

typedef struct text {
    char *data;
    size_t size, cap;
} text;

static void grow(text *t, size_t extra)
{
    if (t->size + extra + 1 <= t->cap)
        return;
    size_t cap = t->cap ? t->cap : 1 << 20;
    while (cap < t->size + extra + 1)
        cap *= 2;
    t->data = realloc(t->data, cap);
    if (!t->data) {
        fprintf(stderr, "limits: out of memory\n");
        exit(1);
    }
    t->cap = cap;
}

static void put(text *t, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof buf) {
        fprintf(stderr, "limits: piece too long\n");
        exit(1);
    }
    grow(t, (size_t)n);
    memcpy(t->data + t->size, buf, (size_t)n + 1);
    t->size += (size_t)n;
}

static uint64_t state = 0x9E3779B97F4A7C15ull;

static uint64_t next_random(void)
{
    return bench_random(&state);
}

static unsigned zipf(unsigned n)
{
    return bench_zipf(&state, n);
}

static const char *const facets[] = { "enhancement", "mission", "adaptive", "anticipatory" };

static size_t scaled(double scale, size_t n)
{
    size_t v = (size_t)((double)n * scale);
    return v ? v : 1;
}

/* ---- the cases ---- */

static void make_tags(text *t, double scale)
{
    size_t n = scaled(scale, 1000000);
    put(t, "portfolio: 1\nprojects:\n  - id: p\n    purpose: mission\n    driver: mission\n    tags: [");
    for (size_t i = 0; i < n; i++)
        put(t, "%st%zu", i ? ", " : "", i);
    put(t, "]\n");
}

static void make_links(text *t, double scale)
{
    size_t n = scaled(scale, 1000000) - 1;
    put(t, "portfolio: 1\nprojects:\n  - id: hub\n    purpose: mission\n    driver: mission\n    links:\n");
    for (size_t i = 0; i < n; i++)
        put(t, "      - {to: p%zu, kind: %s}\n", i, i % 3 ? "synergy" : "dependency");
    for (size_t i = 0; i < n; i++)
        put(t, "  - {id: p%zu, purpose: %s, driver: %s}\n", i, facets[i % 4], facets[(i / 4) % 4]);
}

/* One project a line, in flow style, so that 1 000 000 of them fit in the size limit. */
static void make_projects(text *t, double scale)
{
    size_t n = scaled(scale, 1000000);
    static const char *const stages[] = { "idea", "exploring", "piloting", "implementing", "scaling", "embedded" };
    put(t, "portfolio: 1\norganisation: {name: Limits Agency, country: SE, level: national, people: 90000}\n"
           "targets: {enhancement: 40, mission: 30, adaptive: 20, anticipatory: 10}\nprojects:\n");
    for (size_t i = 0; i < n; i++) {
        put(t, "  - {id: p%zu, title: Project %zu, unit: Unit %u, ", i, i, (unsigned)(next_random() % 400));
        if (i % 7 == 3)
            put(t, "facets: {%s: 0.6, %s: 0.4}, ", facets[i % 4], facets[(i + 1) % 4]);
        else
            put(t, "purpose: %s, driver: %s, ", facets[zipf(4)], facets[zipf(4)]);
        put(t, "priority: %s, stage: %s, budget: %u, fte: %u.5, ", i % 3 ? "medium" : "high", stages[i % 6],
            (unsigned)(next_random() % 5000000), (unsigned)(next_random() % 20));
        unsigned a = zipf(50000), b = zipf(50000);
        while (b == a)
            b = zipf(50000);
        /* Two themes and a partner by popularity, and a theme and a partner shared with a few others. */
        put(t, "tags: [t%u, t%u, t%u], partners: [o%u, o%u], ", a, b, 50000 + (unsigned)i % 100000,
            zipf(20000), 20000 + (unsigned)i % 50000);
        put(t, "links: [{to: p%zu, kind: synergy}]}\n", i ? i - 1 : n - 1);
    }
}

/* Every item of the default instrument, answered. */
static void put_answers(text *t, unsigned r)
{
    static const char *const agree_items[] = {
        "q1.enhancement", "q1.mission", "q1.adaptive", "q1.anticipatory", "q3.enhancement", "q3.mission",
        "q3.adaptive", "q3.anticipatory", "q4.enhancement", "q4.mission", "q4.adaptive", "q4.anticipatory",
        "q6.enhancement1", "q6.enhancement2", "q6.mission1", "q6.mission2", "q6.adaptive1", "q6.adaptive2",
        "q7.enhancement", "q7.mission", "q7.adaptive", "q7.anticipatory", "q9.enhancement", "q9.mission",
        "q9.adaptive", "q9.anticipatory", "q11.enhancement", "q11.mission", "q11.adaptive", "q11.anticipatory",
        "q16.enhancement1", "q16.enhancement2", "q16.mission1", "q16.mission2", "q16.adaptive1", "q16.adaptive2",
        "q16.anticipatory1", "q16.anticipatory2", "q18a", "q18b", "q21", "q22a", "q22b", "q22c", "q22d", "q22e",
        "q23a", "q23b", "q23c", "q23d", "q24a", "q24b", "q24c", "q24d", "q24e", "q24f", "q24g", "q24h", "q24i",
        "q24j", "q24k" };
    static const char *const ranks[] = { "[enhancement, mission, adaptive, anticipatory]",
                                         "[anticipatory, adaptive, mission, enhancement]",
                                         "[mission, enhancement, anticipatory, adaptive]" };
    put(t, "    answers: {");
    for (size_t k = 0; k < sizeof agree_items / sizeof *agree_items; k++)
        put(t, "%s: %u, ", agree_items[k], (r + (unsigned)k) % 5);
    put(t, "q2: %s, q5: %s, q8: %s, q12: %s, ", ranks[r % 3], ranks[(r + 1) % 3], ranks[(r + 2) % 3], ranks[r % 3]);
    put(t, "q10: [mission, adaptive], q13: [enhancement1, mission2], q14: [none], q15: [adaptive4, mission1], ");
    put(t, "q17: yes, q19: %s, q20: unsure}\n", r % 2 ? "no" : "yes");
}

static void make_assessments(text *t, double scale)
{
    static const char *const roles[] = { "individual", "team", "senior-management", "steward", "external" };
    size_t limit = scaled(scale, (size_t)250 << 20);
    put(t, "portfolio: 1\nprojects:\n  - {id: only, purpose: mission, driver: adaptive}\nassessments:\n");
    for (unsigned r = 0; t->size < limit && r < 1000000; r++) {
        put(t, "  - respondent: r-%u\n    role: %s\n    date: 2025-10-%02u\n", r, roles[r % 5], 1 + r % 28);
        put_answers(t, r);
    }
}

static void make_scalars(text *t, double scale)
{
    size_t limit = scaled(scale, (size_t)250 << 20), len = 65536 - 2;
    put(t, "portfolio: 1\nprojects:\n");
    for (size_t i = 0; t->size < limit; i++) {
        put(t, "  - id: p%zu\n    title: \"", i);
        grow(t, len + 2);
        for (size_t k = 0; k < len; k++)
            t->data[t->size + k] = (char)('a' + (i + k) % 26);
        t->size += len;
        t->data[t->size] = '\0';
        put(t, "\"\n    purpose: %s\n    driver: %s\n", facets[i % 4], facets[i % 4]);
    }
}

static void make_problems(text *t, double scale)
{
    size_t n = scaled(scale, 1000000);
    put(t, "{\"portfolio\": 1, \"projects\": [");
    for (size_t i = 0; i < n; i++)
        put(t, "%s{\"title\": \"t%zu\", \"links\": [{\"to\": \"x\", \"kind\": \"synergy\"}]}", i ? ", " : "", i);
    put(t, "]}\n");
}

/* 1000 projects sharing the same many tags, which 20 000 others hold too few of to make them too common. */
static void make_relations(text *t, double scale)
{
    size_t shared = scaled(scale, 30000), pad = 20000;
    put(t, "portfolio: 1\nprojects:\n");
    for (size_t i = 0; i < 1000; i++) {
        put(t, "  - id: d%zu\n    purpose: mission\n    driver: mission\n    tags: [", i);
        for (size_t k = 0; k < shared; k++)
            put(t, "%st%zu", k ? ", " : "", k);
        put(t, "]\n");
    }
    for (size_t i = 0; i < pad; i++)
        put(t, "  - {id: x%zu, tags: [t%zu]}\n", i, i % shared);
}

typedef struct bench_case {
    const char *name;
    void (*make)(text *t, double scale);
} bench_case;

static const bench_case cases[] = {
    { "tags", make_tags },           { "links", make_links },     { "projects", make_projects },
    { "assessments", make_assessments }, { "scalars", make_scalars }, { "problems", make_problems },
    { "relations", make_relations },
};

/* ---- timing ---- */

static double bare_scan(const char *data, size_t size)
{
    double t0 = now();
    (void)bare_yaml_scan(data, size);
    return now() - t0;
}

static const char *outcome(pf_status s, const pf_error *err)
{
    static char buf[160];
    if (s == PF_OK)
        return "ok";
    snprintf(buf, sizeof buf, "%s: %.120s", pf_status_string(s), err->message);
    return buf;
}

static void row(const char *stage, double seconds, double mib, double scan, const char *what)
{
    printf("  %-22s %8.3f s %8.4f s/MiB %7.2f x scan  %s\n", stage, seconds, seconds / mib, seconds / scan, what);
}

/* Runs one case; returns its seconds per MiB for reading and the analysis together. */
static double run(const bench_case *c, double scale)
{
    text t = { NULL, 0, 0 };
    c->make(&t, scale);
    double mib = (double)t.size / 1048576;
    double scan = bare_scan(t.data, t.size);
    printf("%s: %.1f MiB\n", c->name, mib);
    row("bare libyaml scan", scan, mib, scan, "");
    meter m = { 0, 0 };
    pf_read_options ro = PF_READ_OPTIONS_INIT;
    pf_allocator a = { meter_malloc, meter_realloc, meter_free, &m };
    ro.allocator = a;
    pf_diagnostics *diags = NULL;
    pf_diagnostics_new(NULL, &diags);
    pf_doc *doc = NULL;
    pf_error err;
    double t0 = now();
    pf_status s = pf_doc_read_buffer(t.data, t.size, c->name, &ro, &doc, diags, &err);
    double read = now() - t0, total = read;
    char what[200];
    snprintf(what, sizeof what, "%s (%zu problems; %zu projects, %zu assessments)", outcome(s, &err),
             pf_diagnostics_total(diags), doc ? pf_doc_project_count(doc) : 0,
             doc ? pf_doc_assessment_count(doc) : 0);
    row("read and validate", read, mib, scan, what);
    pf_diagnostics_free(diags);
    if (doc) {
        pf_scores *scores = NULL;
        pf_map *map = NULL;
        pf_relations *rel = NULL;
        pf_buf out = PF_BUF_INIT;
        t0 = now();
        s = pf_doc_score(doc, NULL, &scores, NULL, &err);
        double d = now() - t0;
        total += d;
        row("score", d, mib, scan, outcome(s, &err));
        t0 = now();
        s = pf_doc_map(doc, scores, NULL, &map, &err);
        d = now() - t0;
        total += d;
        row("map", d, mib, scan, outcome(s, &err));
        t0 = now();
        s = pf_doc_relations(doc, map, NULL, &rel, &err);
        d = now() - t0;
        total += d;
        row("relations", d, mib, scan, outcome(s, &err));
        pf_report_options rpo = PF_REPORT_OPTIONS_INIT;
        rpo.format = PF_REPORT_JSON;
        t0 = now();
        s = pf_doc_report(doc, &rpo, &out, &err);
        d = now() - t0;
        total += d;
        snprintf(what, sizeof what, "%s (%.1f MiB of JSON)", outcome(s, &err), (double)out.size / 1048576);
        row("report --format json", d, mib, scan, what);
        pf_buf_dispose(&out);
        pf_relations_free(rel);
        pf_map_free(map);
        pf_scores_free(scores);
        pf_doc_free(doc);
    }
    row("all of the above", total, mib, scan, "");
    printf("  library peak heap      %8.1f MiB = %.2f x the document\n\n", (double)m.peak / 1048576,
           (double)m.peak / (double)t.size);
    free(t.data);
    return total / mib;
}

int main(int argc, char **argv)
{
    double scale = 1;
    int first = 1;
    if (argc > 1 && strspn(argv[1], "0123456789.") == strlen(argv[1])) {
        scale = atof(argv[1]);
        first = 2;
        if (!(scale > 0 && scale <= 1)) {
            fprintf(stderr, "limits: SCALE must be above 0 and at most 1\n");
            return 2;
        }
    }
    double worst = 0;
    const char *worst_case = "";
    size_t ncases = sizeof cases / sizeof *cases;
    for (size_t i = 0; i < ncases; i++) {
        bool wanted = first >= argc;
        for (int k = first; k < argc; k++)
            wanted = wanted || strcmp(argv[k], cases[i].name) == 0;
        if (!wanted)
            continue;
        double per_mib = run(&cases[i], scale);
        if (per_mib > worst) {
            worst = per_mib;
            worst_case = cases[i].name;
        }
    }
    for (int k = first; k < argc; k++) {
        bool known = false;
        for (size_t i = 0; i < ncases; i++)
            known = known || strcmp(argv[k], cases[i].name) == 0;
        if (!known) {
            fprintf(stderr, "limits: unknown case '%s'\n", argv[k]);
            return 2;
        }
    }
    printf("worst: %.3f s per MiB (%s), reading and every analysis together\n", worst, worst_case);
    return 0;
}
