/*
 * Writes a synthetic portfolio document for benchmarks, built through the
 * library's own API and writer, reproducibly from a seed.
 *
 *   generate [--tags N --partners M [--tags-per-project K] [--partners-per-project L]]
 *            PROJECTS ASSESSMENTS SEED OUT.yaml
 *
 * Tags and partners follow a Zipf-like law (a few common themes, a long tail
 * of rare ones), as real portfolios do; every assessment answers every item.
 * With --tags and --partners they are drawn uniformly from vocabularies of N
 * tags and M partners instead, K (default 3) distinct tags and L (default 2)
 * distinct partners per project: the dense case that is hardest for finding
 * relations (docs/relations.md, "performance").
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <portfolio/portfolio.h>

#include "random.h"

static uint64_t state;

static uint64_t next_random(void)
{
    return bench_random(&state);
}

static unsigned below(unsigned n)
{
    return (unsigned)(next_random() % n);
}

/* Index in 0..n-1, mostly Zipf-like, a quarter of the time uniform. */
static unsigned zipf(unsigned n)
{
    unsigned v = bench_zipf(&state, n);
    return below(4) == 0 ? below(n) : v;
}

#define CHECK(call)                                                         \
    do {                                                                    \
        if ((call) != PF_OK) {                                              \
            fprintf(stderr, "generate: %s\n", err.message);                 \
            return 1;                                                       \
        }                                                                   \
    } while (0)

/* Adds `count` distinct words "PREFIX-k", k drawn uniformly below `space`. */
static pf_status add_uniform(pf_project *p, const char *prefix, unsigned space, unsigned count,
                             pf_status (*add)(pf_project *, const char *, pf_error *), pf_error *err)
{
    char text[48];
    for (unsigned added = 0; added < count;) {
        snprintf(text, sizeof text, "%s-%u", prefix, below(space));
        pf_status s = add(p, text, err);
        if (s == PF_OK)
            added++;
        else if (s != PF_EEXISTS)
            return s;
    }
    return PF_OK;
}

static unsigned option(const char *name, const char *value)
{
    char *end;
    unsigned long v = value ? strtoul(value, &end, 10) : 0;
    if (!value || *end || v == 0 || v > 1000000) {
        fprintf(stderr, "generate: %s needs a number from 1 to 1000000\n", name);
        exit(2);
    }
    return (unsigned)v;
}

int main(int argc, char **argv)
{
    unsigned uniform_tags = 0, uniform_partners = 0, tags_each = 3, partners_each = 2;
    while (argc > 1 && strncmp(argv[1], "--", 2) == 0) {
        unsigned *target = strcmp(argv[1], "--tags") == 0                   ? &uniform_tags
                           : strcmp(argv[1], "--partners") == 0             ? &uniform_partners
                           : strcmp(argv[1], "--tags-per-project") == 0     ? &tags_each
                           : strcmp(argv[1], "--partners-per-project") == 0 ? &partners_each
                                                                            : NULL;
        if (!target) {
            fprintf(stderr, "generate: unknown option %s\n", argv[1]);
            return 2;
        }
        *target = option(argv[1], argc > 2 ? argv[2] : NULL);
        argc -= 2;
        argv += 2;
    }
    if (argc != 5 || !uniform_tags != !uniform_partners) {
        fprintf(stderr, "usage: generate [--tags N --partners M [--tags-per-project K] [--partners-per-project L]] "
                        "PROJECTS ASSESSMENTS SEED OUT.yaml\n");
        return 2;
    }
    if (uniform_tags && (tags_each > uniform_tags || partners_each > uniform_partners)) {
        fprintf(stderr, "generate: more tags or partners per project than the vocabulary holds\n");
        return 2;
    }
    unsigned projects = (unsigned)strtoul(argv[1], NULL, 10);
    unsigned assessments = (unsigned)strtoul(argv[2], NULL, 10);
    state = strtoull(argv[3], NULL, 10) * 0x9E3779B97F4A7C15ull + 1;
    pf_doc *doc;
    pf_error err;
    CHECK(pf_doc_new(NULL, &doc, &err));
    pf_org *org = pf_doc_org(doc);
    CHECK(pf_org_set_name(org, "Synthetic Benchmark Agency", &err));
    CHECK(pf_org_set_country(org, "FR", &err));
    CHECK(pf_org_set_level(org, PF_GOV_LEVEL_NATIONAL, &err));
    CHECK(pf_org_set_people(org, 25000, &err));
    const double targets[PF_FACET_COUNT] = { 0.35, 0.25, 0.2, 0.2 };
    CHECK(pf_doc_set_targets(doc, targets, &err));
    unsigned tag_space = projects / 20 + 50, partner_space = projects / 50 + 20;
    for (unsigned i = 0; i < projects; i++) {
        char id[32], text[96];
        pf_project *p;
        snprintf(id, sizeof id, "p%06u", i);
        CHECK(pf_doc_add_project(doc, id, &p, &err));
        snprintf(text, sizeof text, "Synthetic project %u improving service number %u", i, below(1000));
        CHECK(pf_project_set_title(p, text, &err));
        snprintf(text, sizeof text, "Directorate %u", below(40));
        CHECK(pf_project_set_unit(p, text, &err));
        if (below(10) == 0) {
            double w[PF_FACET_COUNT] = { below(5), below(5), below(5), 1 + below(5) };
            CHECK(pf_project_set_facet_weights(p, w, &err));
        } else {
            CHECK(pf_project_set_purpose(p, (pf_purpose)below(5), &err));
            CHECK(pf_project_set_driver(p, (pf_facet)below(4), &err));
        }
        CHECK(pf_project_set_priority(p, (pf_priority)below(3), &err));
        CHECK(pf_project_set_stage(p, (pf_stage)below(7), &err));
        if (below(8))
            CHECK(pf_project_set_budget(p, 1000.0 * (10 + below(5000)), &err));
        if (below(8))
            CHECK(pf_project_set_fte(p, 0.5 * (1 + below(20)), &err));
        pf_date start = { 2020 + (int)below(5), 1 + (int)below(12), 1 + (int)below(28) };
        pf_date end = { start.year + 1 + (int)below(3), start.month, start.day };
        CHECK(pf_project_set_start(p, start, &err));
        CHECK(pf_project_set_end(p, end, &err));
        if (uniform_tags) {
            CHECK(add_uniform(p, "theme", uniform_tags, tags_each, pf_project_add_tag, &err));
            CHECK(add_uniform(p, "partner", uniform_partners, partners_each, pf_project_add_partner, &err));
        }
        for (unsigned t = uniform_tags ? 0 : 1 + below(4); t > 0; t--) {
            snprintf(text, sizeof text, "theme-%u", zipf(tag_space));
            pf_status s = pf_project_add_tag(p, text, &err);
            if (s != PF_OK && s != PF_EEXISTS)
                CHECK(s);
        }
        for (unsigned t = uniform_tags ? 0 : below(3); t > 0; t--) {
            snprintf(text, sizeof text, "partner-%u", zipf(partner_space));
            pf_status s = pf_project_add_partner(p, text, &err);
            if (s != PF_OK && s != PF_EEXISTS)
                CHECK(s);
        }
        if (i > 0 && below(5) == 0) {
            snprintf(id, sizeof id, "p%06u", below(i));
            CHECK(pf_project_add_link(p, id, (pf_link_kind)below(4), &err));
        }
    }
    static const char *const facets[] = { "enhancement", "mission", "adaptive", "anticipatory" };
    static const char *const suffixes[] = { "1", "2", "3", "4" };
    for (unsigned i = 0; i < assessments; i++) {
        char id[32];
        pf_assessment *a;
        snprintf(id, sizeof id, "r%05u", i);
        CHECK(pf_doc_add_assessment(doc, id, &a, &err));
        CHECK(pf_assessment_set_role(a, (pf_role)below(5), &err));
        pf_date date = { 2025, 1 + (int)below(12), 1 + (int)below(28) };
        CHECK(pf_assessment_set_date(a, date, &err));
        /* Every item of the default instrument, through its public form. */
        static const char *const agree_questions[] = { "q1", "q3", "q4", "q7", "q9", "q11" };
        char item[32];
        for (size_t q = 0; q < 6; q++)
            for (int f = 0; f < 4; f++) {
                snprintf(item, sizeof item, "%s.%s", agree_questions[q], facets[f]);
                CHECK(pf_assessment_set_agreement(a, item, (int)below(5), &err));
            }
        for (int f = 0; f < 4; f++)
            for (int k = 0; k < 2; k++) {
                if (f < 3) {
                    snprintf(item, sizeof item, "q6.%s%s", facets[f], suffixes[k]);
                    CHECK(pf_assessment_set_agreement(a, item, (int)below(5), &err));
                }
                snprintf(item, sizeof item, "q16.%s%s", facets[f], suffixes[k]);
                CHECK(pf_assessment_set_agreement(a, item, (int)below(5), &err));
            }
        static const char *const ranks[] = { "q2", "q5", "q8", "q12" };
        for (size_t q = 0; q < 4; q++) {
            const char *order[4] = { facets[0], facets[1], facets[2], facets[3] };
            for (int k = 3; k > 0; k--) {
                int j = (int)below((unsigned)k + 1);
                const char *t = order[k];
                order[k] = order[j];
                order[j] = t;
            }
            CHECK(pf_assessment_set_options(a, ranks[q], order, 4, &err));
        }
        const char *picked[16];
        size_t n = 0;
        for (int f = 0; f < 4; f++)
            if (below(2))
                picked[n++] = facets[f];
        CHECK(pf_assessment_set_options(a, "q10", picked, n, &err));
        static const char *const multis[] = { "q13", "q14", "q15" };
        char names[16][20];
        for (size_t q = 0; q < 3; q++) {
            int per_facet = q == 2 ? 4 : 2;
            n = 0;
            for (int f = 0; f < 4; f++)
                for (int k = 0; k < per_facet; k++)
                    if (below(3) == 0) {
                        snprintf(names[n], sizeof names[n], "%s%s", facets[f], suffixes[k]);
                        picked[n] = names[n];
                        n++;
                    }
            CHECK(pf_assessment_set_options(a, multis[q], picked, n, &err));
        }
        static const char *const yes_no[] = { "q17", "q19", "q20" };
        for (size_t q = 0; q < 3; q++)
            CHECK(pf_assessment_set_choice(a, yes_no[q], (pf_choice)below(3), &err));
        static const char *const capability[] = { "q18a", "q18b", "q21",  "q22a", "q22b", "q22c", "q22d", "q22e",
                                                  "q23a", "q23b", "q23c", "q23d", "q24a", "q24b", "q24c", "q24d",
                                                  "q24e", "q24f", "q24g", "q24h", "q24i", "q24j", "q24k" };
        for (size_t q = 0; q < sizeof capability / sizeof *capability; q++)
            CHECK(pf_assessment_set_agreement(a, capability[q], (int)below(5), &err));
    }
    CHECK(pf_doc_validate(doc, NULL, &err));
    CHECK(pf_doc_write_file(doc, argv[4], &err));
    pf_doc_free(doc);
    return 0;
}
