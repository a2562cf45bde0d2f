/* Relations between projects (docs/relations.md, "Similarity" and "The rules") against hand-computed similarities and a brute-force reference. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <portfolio/portfolio.h>

#include "failing_alloc.h"
#include "internal.h" /* the compact form the report reads (pf__doc_relations_compact) */

#define assert_near(a, b) assert_true(fabs((a) - (b)) < 1e-9)

static pf_doc *new_doc(void)
{
    pf_doc *doc = NULL;
    assert_int_equal(pf_doc_new(NULL, &doc, NULL), PF_OK);
    return doc;
}

/* Adds the space-separated words of `words` with `add` (tags or partners). */
static void add_words(pf_project *p, const char *words, pf_status (*add)(pf_project *, const char *, pf_error *))
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s", words ? words : "");
    for (char *w = strtok(buf, " "); w; w = strtok(NULL, " "))
        assert_int_equal(add(p, w, NULL), PF_OK);
}

/* A project placed by purpose and driver (PF_PURPOSE_UNSET: not placed). */
static pf_project *add(pf_doc *doc, const char *id, const char *unit, pf_purpose purpose, pf_facet driver,
                       pf_stage stage, const char *tags, const char *partners)
{
    pf_project *p;
    assert_int_equal(pf_doc_add_project(doc, id, &p, NULL), PF_OK);
    if (unit)
        assert_int_equal(pf_project_set_unit(p, unit, NULL), PF_OK);
    if (purpose != PF_PURPOSE_UNSET) {
        assert_int_equal(pf_project_set_purpose(p, purpose, NULL), PF_OK);
        assert_int_equal(pf_project_set_driver(p, driver, NULL), PF_OK);
    }
    if (stage != PF_STAGE_UNSET)
        assert_int_equal(pf_project_set_stage(p, stage, NULL), PF_OK);
    add_words(p, tags, pf_project_add_tag);
    add_words(p, partners, pf_project_add_partner);
    return p;
}

/* A project with tags and partners only. */
static pf_project *plain(pf_doc *doc, const char *id, const char *tags, const char *partners)
{
    return add(doc, id, NULL, PF_PURPOSE_UNSET, PF_FACET_UNSET, PF_STAGE_UNSET, tags, partners);
}

static pf_relations *relations(const pf_doc *doc, const pf_relation_options *opts)
{
    pf_relations *r = NULL;
    pf_error err;
    pf_status s = pf_doc_relations(doc, NULL, opts, &r, &err);
    if (s != PF_OK)
        fail_msg("pf_doc_relations: %s", err.message);
    return r;
}

static const pf_relation *find(const pf_relations *r, pf_relation_kind kind, const char *a, const char *b)
{
    for (size_t i = 0; i < pf_relations_count(r); i++) {
        const pf_relation *x = pf_relations_at(r, i);
        if (x->kind == kind && strcmp(x->a, a) == 0 && strcmp(x->b, b) == 0)
            return x;
    }
    return NULL;
}

static void assert_words(const char *const *items, size_t count, const char *expected)
{
    char buf[256] = "";
    for (size_t i = 0; i < count; i++)
        snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%s", i ? " " : "", items[i]);
    assert_string_equal(buf, expected);
}

static void test_names(void **state)
{
    (void)state;
    const char *names[] = { "synergy", "tension", "duplicate", "handover" };
    for (int k = 0; k < PF_RELATION_KIND_COUNT; k++) {
        pf_relation_kind kind;
        assert_string_equal(pf_relation_kind_name((pf_relation_kind)k), names[k]);
        assert_int_equal(pf_relation_kind_from_name(names[k], &kind), PF_OK);
        assert_int_equal(kind, k);
    }
    pf_relation_kind kind;
    assert_null(pf_relation_kind_name((pf_relation_kind)PF_RELATION_KIND_COUNT));
    assert_null(pf_relation_kind_name((pf_relation_kind)-1));
    assert_int_equal(pf_relation_kind_from_name("synergies", &kind), PF_EARG);
    assert_int_equal(pf_relation_kind_from_name(NULL, &kind), PF_EARG);
    assert_int_equal(pf_relation_kind_from_name("tension", NULL), PF_EARG);
}

static void test_similarity_by_hand(void **state)
{
    (void)state;
    pf_doc *doc = new_doc();
    plain(doc, "p1", "c a b", "x y");    /* tags {a,b,c}, partners {x,y} */
    plain(doc, "p2", "b c d", "y");      /* J(tags) = 2/4, J(partners) = 1/2: S = 0.3 + 0.2 = 0.5 */
    plain(doc, "p3", "z", NULL);         /* no partners on either side: J(partners) = 0 */
    plain(doc, "p4", "z", NULL);         /* J(tags) = 1: S = 0.6 */
    plain(doc, "p5", NULL, "x");         /* with p1: J(partners) = 1/2, no tags: S = 0.2 */
    plain(doc, "p6", NULL, NULL);        /* nothing: never a candidate */
    pf_relations *r = relations(doc, NULL);
    assert_int_equal(pf_relations_count(r), 2);
    assert_int_equal(pf_relations_count_kind(r, PF_RELATION_SYNERGY), 2);
    assert_int_equal(pf_relations_count_kind(r, PF_RELATION_TENSION), 0);
    assert_int_equal(pf_relations_count_kind(r, (pf_relation_kind)7), 0);
    /* p1-p2, p3-p4 and p1-p5 share something, but p1-p5 cannot reach the threshold: one shared token weighs at
       most 0.2 for p1 (a partner of its two), so p1 is only met through pairs of its tokens, which p5 (with its
       single partner) has none of. The join never examines it. */
    assert_int_equal(pf_relations_pairs_examined(r), 2);
    const pf_relation *x = pf_relations_at(r, 0); /* the larger S first */
    assert_string_equal(x->a, "p3");
    assert_string_equal(x->b, "p4");
    assert_near(x->similarity, 0.6);
    assert_near(x->tag_jaccard, 1);
    assert_near(x->partner_jaccard, 0);
    assert_false(x->is_explicit);
    x = pf_relations_at(r, 1);
    assert_string_equal(x->a, "p1");
    assert_string_equal(x->b, "p2");
    assert_near(x->similarity, 0.5);
    assert_near(x->tag_jaccard, 0.5);
    assert_near(x->partner_jaccard, 0.5);
    assert_words(x->shared_tags, x->shared_tag_count, "c b"); /* in the order p1 lists them */
    assert_words(x->shared_partners, x->shared_partner_count, "y");
    assert_null(pf_relations_at(r, 2));
    pf_relations_free(r);

    /* Other weights: S = 0.9 J(tags) + 0.1 J(partners). */
    pf_relation_options o = PF_RELATION_OPTIONS_INIT;
    o.tag_weight = 0.9;
    o.partner_weight = 0.1;
    o.threshold = 0.1;
    r = relations(doc, &o);
    assert_near(find(r, PF_RELATION_SYNERGY, "p1", "p2")->similarity, 0.9 * 0.5 + 0.1 * 0.5);
    assert_near(find(r, PF_RELATION_SYNERGY, "p3", "p4")->similarity, 0.9);
    assert_null(find(r, PF_RELATION_SYNERGY, "p1", "p5")); /* 0.1 * 1/2 = 0.05: below 0.1 */
    o.threshold = 0.05;
    pf_relations_free(r);
    r = relations(doc, &o);
    assert_near(find(r, PF_RELATION_SYNERGY, "p1", "p5")->similarity, 0.05);
    pf_relations_free(r);
    pf_doc_free(doc);
}

static void test_threshold_boundary(void **state)
{
    (void)state;
    pf_doc *doc = new_doc();
    /* J(tags) = 2/5 and J(partners) = 1/4: S = 0.24 + 0.1 = 0.34 exactly, the default threshold. */
    plain(doc, "at1", "a b c d", "x y z");
    plain(doc, "at2", "a b e", "x w");
    /* J(tags) = 5/9, no partners: S = 1/3, just below. */
    plain(doc, "below1", "k1 k2 k3 k4 k5 k6 k7", NULL);
    plain(doc, "below2", "k1 k2 k3 k4 k5 k8 k9", NULL);
    pf_relations *r = relations(doc, NULL);
    const pf_relation *x = find(r, PF_RELATION_SYNERGY, "at1", "at2");
    assert_non_null(x);
    assert_true(x->similarity == 0.34); /* rounded: not 0.33999999999999997 */
    assert_null(find(r, PF_RELATION_SYNERGY, "below1", "below2"));
    assert_int_equal(pf_relations_count(r), 1);
    pf_relations_free(r);

    pf_relation_options o = PF_RELATION_OPTIONS_INIT;
    o.threshold = 1.0 / 3; /* reached by below1-below2 */
    r = relations(doc, &o);
    assert_non_null(find(r, PF_RELATION_SYNERGY, "below1", "below2"));
    pf_relations_free(r);
    o.threshold = 0.3400001;
    r = relations(doc, &o);
    assert_int_equal(pf_relations_count(r), 0);
    pf_relations_free(r);
    pf_doc_free(doc);
}

static void test_explicit_links(void **state)
{
    (void)state;
    pf_doc *doc = new_doc();
    /* Nothing shared: S = 0 for every pair, and every zone is different. */
    pf_project *a = add(doc, "a", "U", PF_PURPOSE_ENHANCEMENT, PF_FACET_ENHANCEMENT, PF_STAGE_IDEA, "t1", NULL);
    pf_project *b = add(doc, "b", "U", PF_PURPOSE_MISSION, PF_FACET_MISSION, PF_STAGE_IDEA, "t2", NULL);
    pf_project *c = add(doc, "c", "U", PF_PURPOSE_ADAPTIVE, PF_FACET_ADAPTIVE, PF_STAGE_IDEA, "t3", NULL);
    pf_project *d = add(doc, "d", "U", PF_PURPOSE_ANTICIPATORY, PF_FACET_ANTICIPATORY, PF_STAGE_IDEA, "t4", NULL);
    add(doc, "e", "U", PF_PURPOSE_ENHANCEMENT, PF_FACET_MISSION, PF_STAGE_IDEA, "t5", NULL);
    assert_int_equal(pf_project_add_link(a, "b", PF_LINK_SYNERGY, NULL), PF_OK);
    assert_int_equal(pf_project_add_link(c, "a", PF_LINK_DEPENDENCY, NULL), PF_OK); /* later to earlier */
    assert_int_equal(pf_project_add_link(b, "c", PF_LINK_CONFLICT, NULL), PF_OK);   /* mission vs adaptive */
    assert_int_equal(pf_project_add_link(a, "e", PF_LINK_CONFLICT, NULL), PF_OK);   /* not opposite facets */
    assert_int_equal(pf_project_add_link(d, "e", PF_LINK_DUPLICATE, NULL), PF_OK);  /* other zones */
    assert_int_equal(pf_project_add_link(b, "d", PF_LINK_DUPLICATE, NULL), PF_OK);  /* both ways: */
    assert_int_equal(pf_project_add_link(d, "b", PF_LINK_SYNERGY, NULL), PF_OK);    /* a duplicate and a synergy */
    assert_int_equal(pf_project_add_link(c, "missing", PF_LINK_SYNERGY, NULL), PF_OK); /* ignored */
    pf_relations *r = relations(doc, NULL);
    assert_int_equal(pf_relations_count_kind(r, PF_RELATION_SYNERGY), 3);
    assert_int_equal(pf_relations_count_kind(r, PF_RELATION_TENSION), 2);
    assert_int_equal(pf_relations_count_kind(r, PF_RELATION_DUPLICATE), 2);
    assert_int_equal(pf_relations_count_kind(r, PF_RELATION_HANDOVER), 0);
    assert_int_equal(pf_relations_pairs_examined(r), 6);
    const pf_relation *x = find(r, PF_RELATION_SYNERGY, "a", "b");
    assert_non_null(x);
    assert_true(x->is_explicit);
    assert_int_equal(x->link_kind, PF_LINK_SYNERGY);
    assert_near(x->similarity, 0);
    x = find(r, PF_RELATION_SYNERGY, "a", "c"); /* a is the earlier project, whichever way the link goes */
    assert_non_null(x);
    assert_int_equal(x->link_kind, PF_LINK_DEPENDENCY);
    assert_non_null(find(r, PF_RELATION_TENSION, "b", "c"));
    x = find(r, PF_RELATION_TENSION, "a", "e");
    assert_non_null(x);
    assert_int_equal(x->link_kind, PF_LINK_CONFLICT);
    assert_non_null(find(r, PF_RELATION_DUPLICATE, "d", "e"));
    x = find(r, PF_RELATION_DUPLICATE, "b", "d");
    assert_non_null(x);
    assert_int_equal(x->link_kind, PF_LINK_DUPLICATE);
    x = find(r, PF_RELATION_SYNERGY, "b", "d");
    assert_non_null(x);
    assert_int_equal(x->link_kind, PF_LINK_SYNERGY);
    /* Order: kind, then S (all 0 here), then a's and b's positions in the document. */
    const char *order[][3] = { { "synergy", "a", "b" },   { "synergy", "a", "c" },   { "synergy", "b", "d" },
                               { "tension", "a", "e" },   { "tension", "b", "c" },   { "duplicate", "b", "d" },
                               { "duplicate", "d", "e" } };
    assert_int_equal(pf_relations_count(r), 7);
    for (size_t i = 0; i < 7; i++) {
        x = pf_relations_at(r, i);
        assert_string_equal(pf_relation_kind_name(x->kind), order[i][0]);
        assert_string_equal(x->a, order[i][1]);
        assert_string_equal(x->b, order[i][2]);
    }
    pf_relations_free(r);
    pf_doc_free(doc);
}

/* A pair of similar projects (S = 0.6: the same single tag) placed by purpose and driver. */
static pf_relations *pair(pf_purpose pa, pf_facet da, pf_purpose pb, pf_facet db)
{
    pf_doc *doc = new_doc();
    add(doc, "x", "U", pa, da, PF_STAGE_IDEA, "same", NULL);
    add(doc, "y", "U", pb, db, PF_STAGE_IDEA, "same", NULL);
    pf_relations *r = relations(doc, NULL);
    pf_doc_free(doc);
    return r;
}

static void test_tension_needs_opposite_top_facets(void **state)
{
    (void)state;
    const struct {
        pf_purpose pa;
        pf_facet da;
        pf_purpose pb;
        pf_facet db;
        bool tension;
    } cases[] = {
        { PF_PURPOSE_ENHANCEMENT, PF_FACET_ENHANCEMENT, PF_PURPOSE_ANTICIPATORY, PF_FACET_ANTICIPATORY, true },
        { PF_PURPOSE_MISSION, PF_FACET_MISSION, PF_PURPOSE_ADAPTIVE, PF_FACET_ADAPTIVE, true },
        { PF_PURPOSE_ADAPTIVE, PF_FACET_ADAPTIVE, PF_PURPOSE_MISSION, PF_FACET_MISSION, true },
        /* purpose `all` with driver mission: 5/8 mission, the top facet though the zone is mixed */
        { PF_PURPOSE_ALL, PF_FACET_MISSION, PF_PURPOSE_ADAPTIVE, PF_FACET_ADAPTIVE, true },
        { PF_PURPOSE_ENHANCEMENT, PF_FACET_ENHANCEMENT, PF_PURPOSE_MISSION, PF_FACET_MISSION, false }, /* neighbours */
        { PF_PURPOSE_ENHANCEMENT, PF_FACET_ENHANCEMENT, PF_PURPOSE_ENHANCEMENT, PF_FACET_ENHANCEMENT, false },
        /* mission 1/2 and adaptive 1/2 tie for the top: no top facet, no tension */
        { PF_PURPOSE_MISSION, PF_FACET_ADAPTIVE, PF_PURPOSE_ADAPTIVE, PF_FACET_ADAPTIVE, false },
        { PF_PURPOSE_ENHANCEMENT, PF_FACET_ANTICIPATORY, PF_PURPOSE_ANTICIPATORY, PF_FACET_ANTICIPATORY, false },
        { PF_PURPOSE_UNSET, PF_FACET_UNSET, PF_PURPOSE_ANTICIPATORY, PF_FACET_ANTICIPATORY, false }, /* not placed */
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        pf_relations *r = pair(cases[i].pa, cases[i].da, cases[i].pb, cases[i].db);
        assert_non_null(find(r, PF_RELATION_SYNERGY, "x", "y"));
        if ((find(r, PF_RELATION_TENSION, "x", "y") != NULL) != cases[i].tension)
            fail_msg("case %zu: tension %s", i, cases[i].tension ? "missing" : "unexpected");
        pf_relations_free(r);
    }

    /* Weights: a tie between the two largest shares leaves no top facet; a strict maximum gives one. */
    pf_doc *doc = new_doc();
    pf_project *p = plain(doc, "tied", "same", NULL);
    const double tied[4] = { 0.4, 0, 0.2, 0.4 }, top[4] = { 0.41, 0, 0.2, 0.39 }, ant[4] = { 0, 0.1, 0, 0.9 };
    assert_int_equal(pf_project_set_facet_weights(p, tied, NULL), PF_OK);
    p = plain(doc, "top", "same", NULL);
    assert_int_equal(pf_project_set_facet_weights(p, top, NULL), PF_OK);
    p = plain(doc, "ant", "same", NULL);
    assert_int_equal(pf_project_set_facet_weights(p, ant, NULL), PF_OK);
    pf_relations *r = relations(doc, NULL);
    assert_int_equal(pf_relations_count_kind(r, PF_RELATION_TENSION), 1);
    assert_non_null(find(r, PF_RELATION_TENSION, "top", "ant"));
    pf_relations_free(r);
    pf_doc_free(doc);
}

static void test_duplicates_need_the_same_zone(void **state)
{
    (void)state;
    pf_doc *doc = new_doc();
    /* S = 1 between each pair of the first three, S = 0.6 + 0.4 * 1/2 = 0.8 for the last pair. */
    add(doc, "m1", NULL, PF_PURPOSE_MISSION, PF_FACET_MISSION, PF_STAGE_UNSET, "a b", "x");
    add(doc, "m2", NULL, PF_PURPOSE_MISSION, PF_FACET_MISSION, PF_STAGE_UNSET, "a b", "x");
    add(doc, "s3", NULL, PF_PURPOSE_MISSION, PF_FACET_ENHANCEMENT, PF_STAGE_UNSET, "a b", "x"); /* sustaining */
    add(doc, "u4", NULL, PF_PURPOSE_UNSET, PF_FACET_UNSET, PF_STAGE_UNSET, "c", "y");            /* not placed */
    add(doc, "u5", NULL, PF_PURPOSE_UNSET, PF_FACET_UNSET, PF_STAGE_UNSET, "c", "y");
    add(doc, "t6", NULL, PF_PURPOSE_ANTICIPATORY, PF_FACET_MISSION, PF_STAGE_UNSET, "d", "z w");
    add(doc, "t7", NULL, PF_PURPOSE_MISSION, PF_FACET_ANTICIPATORY, PF_STAGE_UNSET, "d", "z");
    pf_relations *r = relations(doc, NULL);
    assert_int_equal(pf_relations_count_kind(r, PF_RELATION_DUPLICATE), 2);
    const pf_relation *x = find(r, PF_RELATION_DUPLICATE, "m1", "m2");
    assert_non_null(x);
    assert_near(x->similarity, 1);
    x = find(r, PF_RELATION_DUPLICATE, "t6", "t7"); /* both transformative; S exactly 0.8 */
    assert_non_null(x);
    assert_true(x->similarity == 0.8);
    assert_null(find(r, PF_RELATION_DUPLICATE, "m1", "s3"));
    assert_null(find(r, PF_RELATION_DUPLICATE, "u4", "u5"));
    assert_non_null(find(r, PF_RELATION_SYNERGY, "u4", "u5"));
    pf_relations_free(r);
    pf_relation_options o = PF_RELATION_OPTIONS_INIT;
    o.duplicate_threshold = 0.81;
    r = relations(doc, &o);
    assert_int_equal(pf_relations_count_kind(r, PF_RELATION_DUPLICATE), 1);
    pf_relations_free(r);
    pf_doc_free(doc);
}

static void test_handovers_across_units(void **state)
{
    (void)state;
    pf_doc *doc = new_doc();
    /* Receivers first, so the giver is not the earlier project. S = 0.6 for every pair sharing "t". */
    add(doc, "enh", "Ops", PF_PURPOSE_ENHANCEMENT, PF_FACET_ENHANCEMENT, PF_STAGE_EMBEDDED, "t", NULL);
    add(doc, "sus", "Ops", PF_PURPOSE_ENHANCEMENT, PF_FACET_MISSION, PF_STAGE_IDEA, "t", NULL);
    add(doc, "same-unit", "Lab", PF_PURPOSE_MISSION, PF_FACET_MISSION, PF_STAGE_IMPLEMENTING, "t", NULL);
    add(doc, "no-unit", NULL, PF_PURPOSE_MISSION, PF_FACET_MISSION, PF_STAGE_IMPLEMENTING, "t", NULL);
    add(doc, "opt", "Ops", PF_PURPOSE_ADAPTIVE, PF_FACET_ENHANCEMENT, PF_STAGE_IMPLEMENTING, "t", NULL); /* wrong zone */
    add(doc, "pilot", "Lab", PF_PURPOSE_ANTICIPATORY, PF_FACET_ANTICIPATORY, PF_STAGE_PILOTING, "t", NULL);
    add(doc, "scale", "Lab2", PF_PURPOSE_ANTICIPATORY, PF_FACET_ADAPTIVE, PF_STAGE_SCALING, "t", NULL); /* disruptive */
    add(doc, "early", "Lab", PF_PURPOSE_ADAPTIVE, PF_FACET_ADAPTIVE, PF_STAGE_EXPLORING, "t", NULL);   /* wrong stage */
    add(doc, "trans", "Lab", PF_PURPOSE_ANTICIPATORY, PF_FACET_MISSION, PF_STAGE_PILOTING, "t", NULL); /* wrong zone */
    pf_relation_options o = PF_RELATION_OPTIONS_INIT;
    o.top_k = 10;
    pf_relations *r = relations(doc, &o);
    const char *expected[][2] = { { "pilot", "enh" }, { "pilot", "sus" }, { "scale", "enh" },
                                  { "scale", "sus" }, { "scale", "same-unit" } };
    assert_int_equal(pf_relations_count_kind(r, PF_RELATION_HANDOVER), 5);
    size_t first = pf_relations_count(r) - 5; /* handovers come last */
    for (size_t i = 0; i < 5; i++) {
        const pf_relation *x = pf_relations_at(r, first + i);
        assert_int_equal(x->kind, PF_RELATION_HANDOVER);
        assert_string_equal(x->a, expected[i][0]);
        assert_string_equal(x->b, expected[i][1]);
    }
    /* A pair can be a synergy and a handover at once. */
    assert_non_null(find(r, PF_RELATION_SYNERGY, "enh", "pilot"));
    pf_relations_free(r);
    /* Below the threshold there is no handover. */
    o.threshold = 0.61;
    r = relations(doc, &o);
    assert_int_equal(pf_relations_count(r), 0);
    pf_relations_free(r);
    pf_doc_free(doc);
}

static void test_top_k(void **state)
{
    (void)state;
    pf_doc *doc = new_doc();
    plain(doc, "A", "t1 t2 t3 t4 t5 t6", NULL);
    plain(doc, "B", "t1 t2 t3 t4 t5 t6 t7", NULL);     /* AB: 6/7 -> 0.514 */
    plain(doc, "C", "t1 t2 t3 t4 t5 t8", NULL);        /* AC: 5/7 -> 0.429, BC: 5/8 -> 0.375 */
    pf_relation_options o = PF_RELATION_OPTIONS_INIT;
    o.top_k = 1; /* A keeps AB, B keeps AB, C keeps AC: BC is in no one's top 1 */
    pf_relations *r = relations(doc, &o);
    assert_int_equal(pf_relations_count(r), 2);
    assert_near(pf_relations_at(r, 0)->similarity, 0.6 * 6 / 7);
    assert_string_equal(pf_relations_at(r, 1)->a, "A");
    assert_string_equal(pf_relations_at(r, 1)->b, "C");
    assert_int_equal(pf_relations_options(r)->top_k, 1);
    pf_relations_free(r);
    o.top_k = 2;
    r = relations(doc, &o);
    assert_int_equal(pf_relations_count(r), 3);
    pf_relations_free(r);

    /* Explicit synergies are always kept and take no place: A keeps its link to D and still AB. */
    pf_project *d = plain(doc, "D", "other", NULL);
    assert_int_equal(pf_project_add_link(d, "A", PF_LINK_SYNERGY, NULL), PF_OK);
    o.top_k = 1;
    r = relations(doc, &o);
    assert_int_equal(pf_relations_count(r), 3);
    assert_non_null(find(r, PF_RELATION_SYNERGY, "A", "D"));
    assert_non_null(find(r, PF_RELATION_SYNERGY, "A", "B"));
    assert_non_null(find(r, PF_RELATION_SYNERGY, "A", "C"));
    pf_relations_free(r);
    pf_doc_free(doc);

    /* Eleven projects with the same single tag: every pair has S = 1, and ties go to the earlier project, so
       each keeps its five earliest others. Pair i < j is in i's top 5 when j <= 5 (j is i's j-th other) and in
       j's when i <= 4 (i is j's (i+1)-th): the 15 pairs within 0..5, and 5 x 5 with i <= 4 < 5 < j. */
    doc = new_doc();
    plain(doc, "hub", "h", NULL);
    char id[16];
    for (int i = 0; i < 10; i++) {
        snprintf(id, sizeof id, "s%d", i);
        plain(doc, id, "h", NULL);
    }
    r = relations(doc, NULL);
    assert_int_equal(pf_relations_count(r), 40);
    assert_string_equal(pf_relations_at(r, 0)->a, "hub");
    assert_string_equal(pf_relations_at(r, 0)->b, "s0");
    pf_relations_free(r);
    pf_doc_free(doc);
}

static void test_common_features_change_nothing(void **state)
{
    (void)state;
    pf_doc *doc = new_doc();
    plain(doc, "p1", "everyone x", "all");
    plain(doc, "p2", "everyone x", "all");
    plain(doc, "p3", "everyone", "all");
    plain(doc, "p4", "everyone", "all");
    pf_relation_options o = PF_RELATION_OPTIONS_INIT;
    o.common_share = 0.5; /* held by 4 > 2 projects: once too common to find candidates with */
    o.common_min = 4;
    pf_relations *r = relations(doc, &o);
    /* Every pair reaches the threshold: p1-p2 and p3-p4 have S = 1, the others S = 0.6 x 1/2 + 0.4 = 0.7. */
    assert_int_equal(pf_relations_count(r), 6);
    assert_int_equal(pf_relations_pairs_examined(r), 6);
    const pf_relation *x = find(r, PF_RELATION_SYNERGY, "p3", "p4"); /* shares only the common tag and partner */
    assert_non_null(x);
    assert_near(x->similarity, 1);
    assert_words(x->shared_tags, x->shared_tag_count, "everyone");
    assert_words(x->shared_partners, x->shared_partner_count, "all");
    assert_int_equal(pf_relations_options(r)->common_min, 4); /* accepted and reported, but without effect */
    pf_relations_free(r);
    pf_doc_free(doc);

    /* 2000 projects sharing one theme, each with a tag of its own: S = 0.6 x 1/3 = 0.2 for every pair. The theme
       comes last in the global order and out of every prefix (its weight 0.3 alone cannot reach 0.34), and no two
       projects share a pair of tokens: no pair is examined instead of 1 999 000. */
    doc = new_doc();
    char id[32], tags[64];
    for (int i = 0; i < 2000; i++) {
        snprintf(id, sizeof id, "p%d", i);
        snprintf(tags, sizeof tags, "theme own-%d", i);
        plain(doc, id, tags, NULL);
    }
    r = relations(doc, NULL);
    assert_int_equal(pf_relations_pairs_examined(r), 0);
    assert_int_equal(pf_relations_count(r), 0);
    pf_relations_free(r);
    /* At threshold 0.2 every pair is similar: a synergy for the top 5 of each, found through the theme alone. */
    o = (pf_relation_options)PF_RELATION_OPTIONS_INIT;
    o.threshold = 0.2;
    r = relations(doc, &o);
    assert_int_equal(pf_relations_pairs_examined(r), 1999000);
    assert_int_equal(pf_relations_count(r), 5 * 1999 - 10); /* p_i with i < 5 keeps p0..p5 but itself */
    pf_relations_free(r);
    pf_doc_free(doc);
}

static void test_results_outlive_the_document(void **state)
{
    (void)state;
    pf_doc *doc = new_doc();
    pf_project *p = add(doc, "energy-sandbox", "Climate", PF_PURPOSE_ANTICIPATORY, PF_FACET_ANTICIPATORY,
                        PF_STAGE_PILOTING, "energy sandbox climate-neutral data", "university utility institute");
    add(doc, "led-streetlights", "Streets", PF_PURPOSE_ENHANCEMENT, PF_FACET_MISSION, PF_STAGE_SCALING,
        "streets energy climate-neutral", "utility");
    assert_int_equal(pf_project_add_link(p, "led-streetlights", PF_LINK_DEPENDENCY, NULL), PF_OK);
    pf_relations *r = relations(doc, NULL);
    pf_doc_free(doc);
    assert_int_equal(pf_relations_count(r), 2);
    const pf_relation *x = pf_relations_at(r, 1);
    assert_int_equal(x->kind, PF_RELATION_HANDOVER);
    assert_string_equal(x->a, "energy-sandbox");
    assert_string_equal(x->b, "led-streetlights");
    assert_near(x->similarity, 0.6 * 2 / 5 + 0.4 / 3);
    assert_true(x->is_explicit);
    assert_int_equal(x->link_kind, PF_LINK_DEPENDENCY); /* no link kind is behind a handover: the first one */
    assert_words(x->shared_tags, x->shared_tag_count, "energy climate-neutral");
    assert_words(x->shared_partners, x->shared_partner_count, "utility");
    pf_buf out = PF_BUF_INIT;
    assert_int_equal(pf_relations_write_json(r, &out, NULL), PF_OK);
    assert_non_null(strstr(out.data, "{\n  \"schema_version\": 1,\n  \"options\": {\n    \"tag_weight\": 0.6,"));
    assert_non_null(strstr(out.data, "\"counts\": {\n    \"synergy\": 1,\n    \"tension\": 0,\n"
                                     "    \"duplicate\": 0,\n    \"handover\": 1\n  }"));
    assert_non_null(strstr(out.data, "\"kind\": \"handover\",\n      \"a\": \"energy-sandbox\",\n"
                                     "      \"b\": \"led-streetlights\",\n      \"similarity\": 0.373333333333,\n"
                                     "      \"tag_jaccard\": 0.4,\n      \"partner_jaccard\": 0.3333333333333333,\n"
                                     "      \"explicit\": true,\n      \"link_kind\": \"dependency\",\n"
                                     "      \"shared_tags\": [\n        \"energy\",\n        \"climate-neutral\"\n"
                                     "      ],\n      \"shared_partners\": [\n        \"utility\"\n      ]\n    }"));
    pf_buf_dispose(&out);
    pf_relations_free(r);
}

static void test_arguments_and_options(void **state)
{
    (void)state;
    pf_doc *doc = new_doc(), *other = new_doc();
    plain(doc, "a", "t", NULL);
    plain(doc, "b", "t", NULL);
    plain(other, "a", "t", NULL);
    plain(other, "c", "t", NULL);
    pf_relations *r = NULL;
    pf_error err;
    assert_int_equal(pf_doc_relations(NULL, NULL, NULL, &r, &err), PF_EARG);
    assert_int_equal(pf_doc_relations(doc, NULL, NULL, NULL, &err), PF_EARG);
    pf_relation_options o = PF_RELATION_OPTIONS_INIT;
    o.version = 99;
    assert_int_equal(pf_doc_relations(doc, NULL, &o, &r, &err), PF_EARG);
    assert_string_equal(err.message, "unknown pf_relation_options version 99");
    const struct {
        size_t member;
        double value;
        const char *message;
    } bad[] = {
        { offsetof(pf_relation_options, tag_weight), -0.1, "pf_relation_options.tag_weight: must be finite and >= 0 (got -0.1)" },
        { offsetof(pf_relation_options, partner_weight), INFINITY, "pf_relation_options.partner_weight: must be finite and >= 0 (got inf)" },
        { offsetof(pf_relation_options, threshold), 1.5, "pf_relation_options.threshold: must be between 0 and 1 (got 1.5)" },
        { offsetof(pf_relation_options, duplicate_threshold), NAN, NULL },
        { offsetof(pf_relation_options, common_share), -1, "pf_relation_options.common_share: must be between 0 and 1 (got -1)" },
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        pf_relation_options b = PF_RELATION_OPTIONS_INIT;
        memcpy((char *)&b + bad[i].member, &bad[i].value, sizeof(double));
        assert_int_equal(pf_doc_relations(doc, NULL, &b, &r, &err), PF_EARG);
        assert_int_equal(err.code, PF_EARG);
        if (bad[i].message)
            assert_string_equal(err.message, bad[i].message);
    }
    assert_null(r);

    /* Zero members take the defaults. */
    pf_relation_options zero;
    memset(&zero, 0, sizeof zero);
    zero.version = PF_RELATION_OPTIONS_VERSION;
    r = relations(doc, &zero);
    const pf_relation_options *used = pf_relations_options(r);
    assert_near(used->tag_weight, 0.6);
    assert_near(used->partner_weight, 0.4);
    assert_near(used->threshold, 0.34);
    assert_near(used->duplicate_threshold, 0.8);
    assert_int_equal(used->top_k, 5);
    assert_near(used->common_share, 0.05);
    assert_int_equal(used->common_min, 50);
    pf_relations_free(r);

    /* A map of the document (any weighting) is used as given; another document's is refused. */
    pf_map *map = NULL, *other_map = NULL;
    pf_map_options mo = PF_MAP_OPTIONS_INIT;
    mo.weighting = PF_WEIGHT_BUDGET;
    assert_int_equal(pf_doc_map(doc, NULL, &mo, &map, NULL), PF_OK);
    assert_int_equal(pf_doc_map(other, NULL, NULL, &other_map, NULL), PF_OK);
    r = NULL;
    assert_int_equal(pf_doc_relations(doc, map, NULL, &r, &err), PF_OK);
    assert_int_equal(pf_relations_count(r), 1);
    pf_relations_free(r);
    r = NULL;
    assert_int_equal(pf_doc_relations(doc, other_map, NULL, &r, &err), PF_EARG);
    assert_string_equal(err.message, "the map's project 1 is 'c', the document's 'b': map this document (again)");
    plain(doc, "d", NULL, NULL); /* the map predates a change */
    assert_int_equal(pf_doc_relations(doc, map, NULL, &r, &err), PF_EARG);
    assert_string_equal(err.message, "the map has 2 projects, the document 3: map this document (again)");
    assert_null(r);
    pf_map_free(map);
    pf_map_free(other_map);

    /* Empty documents and NULL arguments. */
    pf_doc *empty = new_doc();
    r = relations(empty, NULL);
    assert_int_equal(pf_relations_count(r), 0);
    assert_int_equal(pf_relations_pairs_examined(r), 0);
    pf_buf out = PF_BUF_INIT;
    assert_int_equal(pf_relations_write_json(r, &out, NULL), PF_OK);
    assert_non_null(strstr(out.data, "\"relations\": []\n}\n"));
    assert_int_equal(pf_relations_write_json(NULL, &out, &err), PF_EARG);
    assert_int_equal(pf_relations_write_json(r, NULL, &err), PF_EARG);
    pf_buf_dispose(&out);
    pf_relations_free(r);
    pf_relations_free(NULL);
    pf_doc_free(empty);
    pf_doc_free(doc);
    pf_doc_free(other);
}

/* ---- a brute-force reference over every pair, on random portfolios ---- */

static uint64_t rng = 88172645463325252ull;

static unsigned below(unsigned n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng % n);
}

typedef struct expect {
    int kind;
    size_t a, b;
    double s, jt, jp;
    unsigned links;
} expect;

static int compare_expect(const void *x, const void *y)
{
    const expect *a = x, *b = y;
    if (a->kind != b->kind)
        return a->kind - b->kind;
    if (a->s != b->s)
        return a->s > b->s ? -1 : 1;
    if (a->a != b->a)
        return a->a < b->a ? -1 : 1;
    return a->b < b->b ? -1 : a->b > b->b;
}

static const char *word_at(pf_project *p, bool tags, size_t i)
{
    return tags ? pf_project_tag_at(p, i) : pf_project_partner_at(p, i);
}

static size_t word_count(pf_project *p, bool tags)
{
    return tags ? pf_project_tag_count(p) : pf_project_partner_count(p);
}

static bool holds_word(pf_project *q, bool tags, const char *w)
{
    for (size_t j = 0; j < word_count(q, tags); j++)
        if (strcmp(word_at(q, tags, j), w) == 0)
            return true;
    return false;
}

static size_t shared(pf_project *p, pf_project *q, bool tags)
{
    size_t n = 0;
    for (size_t i = 0; i < word_count(p, tags); i++)
        n += holds_word(q, tags, word_at(p, tags, i));
    return n;
}

static double jac(size_t s, size_t a, size_t b)
{
    return a + b - s ? (double)s / (double)(a + b - s) : 0;
}

static int top_of(const pf_placement *pl)
{
    if (!pl->placed)
        return -1;
    int top = -1;
    double best = -1;
    for (int f = 0; f < 4; f++)
        if (pl->share[f] > best + 1e-9) {
            best = pl->share[f];
            top = f;
        } else if (fabs(pl->share[f] - best) <= 1e-9) {
            top = -2;
        }
    return top < 0 ? -1 : top;
}

static unsigned links_of(pf_project *p, const char *to)
{
    unsigned m = 0;
    for (size_t k = 0; k < pf_project_link_count(p); k++) {
        pf_link l;
        assert_int_equal(pf_project_link_at(p, k, &l), PF_OK);
        if (strcmp(l.to, to) == 0)
            m |= 1u << l.kind;
    }
    return m;
}

/* A growing text, for comparing whole results byte for byte. */
typedef struct text {
    char *data;
    size_t size, cap;
} text;

static void put(text *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (t->size + (size_t)n + 1 > t->cap) {
        t->cap = (t->size + (size_t)n + 1) * 2;
        t->data = realloc(t->data, t->cap);
        assert_non_null(t->data);
    }
    va_start(ap, fmt);
    vsnprintf(t->data + t->size, (size_t)n + 1, fmt, ap);
    va_end(ap);
    t->size += (size_t)n;
}

/* One relation as a line: kind, projects, S and both indexes to the last bit, link, evidence. */
static void put_relation(text *t, int kind, const char *a, const char *b, double s, double jt, double jp,
                         bool is_explicit, int link_kind)
{
    put(t, "%s %s %s %a %a %a %s", pf_relation_kind_name((pf_relation_kind)kind), a, b, s, jt, jp,
        is_explicit ? pf_link_kind_name((pf_link_kind)link_kind) : "-");
}

/* The whole result of pf_doc_relations() as text. */
/* Every relation, read through pf__relation_view() (compact form) or pf_relations_at(). */
static void render(const pf_relations *r, text *t)
{
    for (size_t i = 0; i < pf_relations_count(r); i++) {
        pf_relation view;
        pf__relation_view(r, i, &view);
        const pf_relation *x = pf_relations_at(r, i) ? pf_relations_at(r, i) : &view;
        if (x != &view && memcmp(x, &view, sizeof view) != 0)
            fail_msg("relation %zu: pf__relation_view() differs from pf_relations_at()", i);
        put_relation(t, (int)x->kind, x->a, x->b, x->similarity, x->tag_jaccard, x->partner_jaccard, x->is_explicit,
                     (int)x->link_kind);
        put(t, " |");
        for (size_t k = 0; k < x->shared_tag_count; k++)
            put(t, " %s", x->shared_tags[k]);
        put(t, " |");
        for (size_t k = 0; k < x->shared_partner_count; k++)
            put(t, " %s", x->shared_partners[k]);
        put(t, "\n");
    }
}

/* The link kind a relation names (docs/relations.md, "the rules"). */
static int link_named(int kind, unsigned links)
{
    unsigned wanted = kind == 0 ? 3u : kind == 1 ? 4u : kind == 2 ? 8u : 0u;
    unsigned m = links & wanted ? links & wanted : links;
    for (int k = 0; k < 4; k++)
        if (m >> k & 1)
            return k;
    return 0;
}

/* The relations of every pair by the definition (docs/relations.md), O(n^2), as render() writes them. */
static void brute_force(pf_doc *doc, const pf_map *map, const pf_relation_options *o, const double *JT,
                        const double *JP, const unsigned *L, text *t)
{
    size_t n = pf_doc_project_count(doc), k = o->top_k;
    double *S = calloc(n * n + 1, sizeof *S);
    expect *want = calloc(n * n * 4 + 1, sizeof *want);
    bool *kept = calloc(n * n + 1, sizeof *kept);
    size_t nwant = 0;
    for (size_t i = 0; i < n * n; i++)
        S[i] = round((o->tag_weight * JT[i] + o->partner_weight * JP[i]) * 1e12) / 1e12;
    /* Each project's top k by similarity: (S desc, other's position asc), explicit synergies aside. */
    for (size_t i = 0; i < n; i++) {
        for (size_t taken = 0; taken < k; taken++) {
            size_t best = SIZE_MAX;
            for (size_t j = 0; j < n; j++) {
                if (j == i || kept[i * n + j] || S[i * n + j] < o->threshold - 1e-9 || (L[i * n + j] & 3))
                    continue;
                if (best == SIZE_MAX || S[i * n + j] > S[i * n + best])
                    best = j;
            }
            if (best == SIZE_MAX)
                break;
            kept[i * n + best] = true; /* in i's top k */
        }
    }
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++) {
            size_t ij = i * n + j;
            double s = S[ij];
            unsigned l = L[ij];
            bool similar = s >= o->threshold - 1e-9;
            const pf_placement *a = pf_map_at(map, i), *b = pf_map_at(map, j);
            int ta = top_of(a), tb = top_of(b);
            if ((l & 3) || kept[ij] || kept[j * n + i])
                want[nwant++] = (expect){ 0, i, j, s, JT[ij], JP[ij], l };
            if ((l & 4) || (similar && ta >= 0 && tb >= 0 && (ta ^ tb) == 3)) /* 0^3 enh/ant, 1^2 mis/ada */
                want[nwant++] = (expect){ 1, i, j, s, JT[ij], JP[ij], l };
            if ((l & 8) || (a->placed && b->placed && a->zone == b->zone && s >= o->duplicate_threshold - 1e-9))
                want[nwant++] = (expect){ 2, i, j, s, JT[ij], JP[ij], l };
            const char *ua = pf_project_unit(pf_doc_project_at(doc, i)), *ub = pf_project_unit(pf_doc_project_at(doc, j));
            if (similar && ua && ub && strcmp(ua, ub) != 0) {
                for (int dir = 0; dir < 2; dir++) {
                    const pf_placement *g = dir ? b : a, *r = dir ? a : b;
                    pf_stage st = pf_project_stage(pf_doc_project_at(doc, dir ? j : i));
                    bool gives = g->placed && (g->zone == PF_ZONE_ADAPTIVE || g->zone == PF_ZONE_ANTICIPATORY ||
                                               g->zone == PF_ZONE_DISRUPTIVE) &&
                                 (st == PF_STAGE_PILOTING || st == PF_STAGE_SCALING);
                    bool receives = r->placed && (r->zone == PF_ZONE_ENHANCEMENT || r->zone == PF_ZONE_MISSION ||
                                                  r->zone == PF_ZONE_SUSTAINING);
                    if (gives && receives)
                        want[nwant++] = (expect){ 3, dir ? j : i, dir ? i : j, s, JT[ij], JP[ij], l };
                }
            }
        }
    qsort(want, nwant, sizeof *want, compare_expect);
    for (size_t w = 0; w < nwant; w++) {
        pf_project *a = pf_doc_project_at(doc, want[w].a), *b = pf_doc_project_at(doc, want[w].b);
        put_relation(t, want[w].kind, pf_project_id(a), pf_project_id(b), want[w].s, want[w].jt, want[w].jp,
                     want[w].links != 0, link_named(want[w].kind, want[w].links));
        for (int tags = 1; tags >= 0; tags--) {
            put(t, " |");
            for (size_t x = 0; x < word_count(a, tags); x++)
                if (holds_word(b, tags, word_at(a, tags, x)))
                    put(t, " %s", word_at(a, tags, x));
        }
        put(t, "\n");
    }
    free(S);
    free(want);
    free(kept);
}

/*
 * The library's relations against brute_force() under every option set in `opts`, byte for byte; returns the
 * relations found, and adds the pairs examined to *examined and the linked pairs (examined whatever they share) to
 * *linked, once per option set.
 */
static size_t check_against_brute_force(pf_doc *doc, const pf_relation_options *opts, size_t nopts, size_t *examined,
                                        size_t *linked)
{
    size_t n = pf_doc_project_count(doc), found = 0;
    pf_map *map = NULL;
    assert_int_equal(pf_doc_map(doc, NULL, NULL, &map, NULL), PF_OK);
    double *JT = calloc(n * n + 1, sizeof *JT), *JP = calloc(n * n + 1, sizeof *JP);
    unsigned *L = calloc(n * n + 1, sizeof *L);
    size_t linked_pairs = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++) {
            if (i == j)
                continue;
            pf_project *p = pf_doc_project_at(doc, i), *q = pf_doc_project_at(doc, j);
            JT[i * n + j] = jac(shared(p, q, true), pf_project_tag_count(p), pf_project_tag_count(q));
            JP[i * n + j] = jac(shared(p, q, false), pf_project_partner_count(p), pf_project_partner_count(q));
            L[i * n + j] = links_of(p, pf_project_id(q)) | links_of(q, pf_project_id(p));
            linked_pairs += i < j && L[i * n + j];
        }
    for (size_t k = 0; k < nopts; k++) {
        text want = { NULL, 0, 0 }, got = { NULL, 0, 0 };
        put(&want, "");
        put(&got, "");
        brute_force(doc, map, &opts[k], JT, JP, L, &want);
        pf_relations *r = relations(doc, &opts[k]), *compact = NULL;
        render(r, &got);
        /* The compact form gives every relation exactly as the public one. */
        text from_compact = { NULL, 0, 0 };
        put(&from_compact, "");
        assert_int_equal(pf__doc_relations_compact(doc, NULL, &opts[k], &compact, NULL), PF_OK);
        assert_null(pf_relations_at(compact, 0));
        render(compact, &from_compact);
        assert_string_equal(from_compact.data, got.data);
        pf_relations_free(compact);
        free(from_compact.data);
        if (strcmp(got.data, want.data) != 0) {
            size_t at = 0;
            while (got.data[at] == want.data[at])
                at++;
            while (at > 0 && got.data[at - 1] != '\n')
                at--;
            fail_msg("weights %g/%g, threshold %g, duplicates %g, top %zu: from byte %zu, got\n%.300s\n"
                     "expected\n%.300s",
                     opts[k].tag_weight, opts[k].partner_weight, opts[k].threshold, opts[k].duplicate_threshold,
                     opts[k].top_k, at, got.data + at, want.data + at);
        }
        found += pf_relations_count(r);
        *examined += pf_relations_pairs_examined(r);
        *linked += linked_pairs;
        pf_relations_free(r);
        free(want.data);
        free(got.data);
    }
    pf_map_free(map);
    free(JT);
    free(JP);
    free(L);
    return found;
}

/* How random_doc() draws tags and partners. */
typedef struct vocabulary {
    unsigned tags, partners;        /* words to draw from */
    unsigned tags_each, partners_each; /* per project: exactly that many distinct, or 0 for 0-4 and 0-2 at random */
    unsigned large_every;           /* every so many projects (0: none) holds 12 to 70 tags and partners */
} vocabulary;

static void add_random(pf_project *p, bool tag, unsigned space, unsigned count)
{
    char word[16];
    for (unsigned added = 0, tries = 0; added < count && tries < 20 * count; tries++) {
        snprintf(word, sizeof word, "%s%u", tag ? "t" : "q", below(space));
        pf_status s = tag ? pf_project_add_tag(p, word, NULL) : pf_project_add_partner(p, word, NULL);
        assert_true(s == PF_OK || s == PF_EEXISTS);
        added += s == PF_OK;
    }
}

static pf_doc *random_doc(size_t n, const vocabulary *v)
{
    pf_doc *doc = new_doc();
    char id[16], word[16];
    for (size_t i = 0; i < n; i++) {
        pf_project *p;
        snprintf(id, sizeof id, "p%zu", i);
        assert_int_equal(pf_doc_add_project(doc, id, &p, NULL), PF_OK);
        if (below(5)) {
            snprintf(word, sizeof word, "unit%u", below(3));
            assert_int_equal(pf_project_set_unit(p, word, NULL), PF_OK);
        }
        unsigned how = below(6);
        if (how == 0) {
            double w[4] = { below(3), below(3), below(3), 1 + below(3) };
            assert_int_equal(pf_project_set_facet_weights(p, w, NULL), PF_OK);
        } else if (how < 5) {
            assert_int_equal(pf_project_set_purpose(p, (pf_purpose)below(5), NULL), PF_OK);
            assert_int_equal(pf_project_set_driver(p, (pf_facet)below(4), NULL), PF_OK);
        }
        if (below(4))
            assert_int_equal(pf_project_set_stage(p, (pf_stage)below(7), NULL), PF_OK);
        bool large = v->large_every && below(v->large_every) == 0;
        unsigned nt = large ? 6 + below(50) : v->tags_each ? v->tags_each : below(5);
        unsigned np = large ? 6 + below(20) : v->tags_each ? v->partners_each : below(3);
        add_random(p, true, v->tags, nt);
        add_random(p, false, v->partners, np);
        if (i > 0 && below(4) == 0) {
            snprintf(id, sizeof id, "p%u", below((unsigned)i));
            pf_status s = pf_project_add_link(p, id, (pf_link_kind)below(4), NULL);
            assert_true(s == PF_OK || s == PF_EEXISTS);
        }
    }
    return doc;
}

/* Weights: the defaults, equal, tags alone and partners alone (the other as small as options allow: 0 takes the
   default), summing to more than 1, and to less than most thresholds. */
static const double weights[][2] = { { 0.6, 0.4 }, { 0.5, 0.5 }, { 1, 1e-300 }, { 1e-300, 1 }, { 2, 3 }, { 0.2, 0.1 } };

/* Every weight setting, thresholds 0.1 to 1 by 0.1, duplicate thresholds above, at and below the threshold. */
static size_t option_sets(pf_relation_options *out)
{
    size_t count = 0;
    for (size_t w = 0; w < sizeof weights / sizeof *weights; w++)
        for (int t = 1; t <= 10; t++) {
            pf_relation_options o = PF_RELATION_OPTIONS_INIT;
            o.tag_weight = weights[w][0];
            o.partner_weight = weights[w][1];
            o.threshold = t / 10.0;
            o.duplicate_threshold = t % 3 == 0 ? 0.8 : t % 3 == 1 ? o.threshold : 0.5;
            o.top_k = 1 + below(4);
            o.common_share = 0.01 * (1 + below(100)); /* without effect: results are exact whatever it is */
            o.common_min = 1 + below(3);
            out[count++] = o;
        }
    return count;
}

static void test_random_portfolios_match_brute_force(void **state)
{
    (void)state;
    const vocabulary vocabularies[] = {
        { 400, 300, 3, 2, 0 },  /* the dense benchmark's: uniform, 3 tags and 2 partners each */
        { 40, 30, 3, 2, 0 },    /* the same, ten times denser */
        { 5, 3, 3, 2, 0 },      /* five tags: most pairs share most of them */
        { 5, 3, 0, 0, 0 },      /* 0-4 tags, 0-2 partners: empty sets, tags only, partners only */
        { 12, 7, 0, 0, 6 },     /* and large projects, found through their prefixes */
        { 400, 300, 0, 0, 4 },  /* large projects among sparse small ones */
    };
    pf_relation_options opts[64];
    size_t examined = 0, linked = 0, found = 0;
    for (size_t v = 0; v < sizeof vocabularies / sizeof *vocabularies; v++)
        for (int seed = 0; seed < 3; seed++) {
            rng = 88172645463325252ull + 7919 * (uint64_t)(v * 3 + (size_t)seed);
            pf_doc *doc = random_doc(vocabularies[v].tags >= 400 ? 260 : 40 + below(60), &vocabularies[v]);
            size_t nopts = option_sets(opts);
            found += check_against_brute_force(doc, opts, nopts, &examined, &linked);
            pf_doc_free(doc);
        }
    /* The join examines few pairs the thresholds reject: here fewer than four for each relation found. */
    assert_true(found > 100000);
    assert_true(examined - linked < 4 * found);
}

/* Thresholds at the edges: 1e-9 makes pairs sharing nothing similar (every pair is examined), 1 needs identical
   sets (or weights above 1), and a weight sum below the threshold leaves only explicit links. */
static void test_edge_thresholds_match_brute_force(void **state)
{
    (void)state;
    const vocabulary v = { 6, 4, 0, 0, 5 };
    pf_relation_options opts[6];
    for (size_t k = 0; k < 6; k++) {
        pf_relation_options o = PF_RELATION_OPTIONS_INIT;
        o.threshold = k < 2 ? 1e-9 : k < 4 ? 1 : 0.9;
        o.duplicate_threshold = k == 1 ? 1e-9 : 1;
        o.tag_weight = k == 4 ? 0.5 : k == 3 ? 2 : 0.6;
        o.partner_weight = k == 4 ? 0.3 : 0.4;
        o.top_k = 2;
        opts[k] = o;
    }
    for (int seed = 0; seed < 4; seed++) {
        rng = 1234567 + (uint64_t)seed;
        pf_doc *doc = random_doc(30 + below(30), &v);
        size_t examined = 0, linked = 0, n = pf_doc_project_count(doc);
        check_against_brute_force(doc, opts, 2, &examined, &linked);
        assert_int_equal(examined, 2 * (n * (n - 1) / 2)); /* every pair, under both option sets */
        check_against_brute_force(doc, opts + 2, 2, &examined, &linked);
        check_against_brute_force(doc, opts + 5, 1, &examined, &linked);
        examined = linked = 0;
        check_against_brute_force(doc, opts + 4, 1, &examined, &linked);
        assert_int_equal(examined, linked); /* weights summing to 0.8 never reach 0.9: no candidate at all */
        pf_doc_free(doc);
    }
}

/* ---- allocation failures ---- */

static void test_every_allocation_failure_is_reported(void **state)
{
    (void)state;
    /* Without and with a map, and (2) the compact form the report reads. */
    for (int with_map = 0; with_map < 3; with_map++) {
        long n = 1;
        for (;; n++) {
            failing_alloc f = { 0 };
            pf_doc_options dopts = PF_DOC_OPTIONS_INIT;
            pf_allocator a = failing_alloc_allocator(&f);
            dopts.allocator = a;
            pf_doc *doc = NULL;
            assert_int_equal(pf_doc_new(&dopts, &doc, NULL), PF_OK);
            /* Relations of every kind, evidence, links both ways and to a missing project, several heaps. */
            pf_project *p = add(doc, "sandbox", "Lab", PF_PURPOSE_ANTICIPATORY, PF_FACET_ANTICIPATORY,
                                PF_STAGE_PILOTING, "energy data climate", "uni utility");
            add(doc, "lights", "Streets", PF_PURPOSE_ENHANCEMENT, PF_FACET_ENHANCEMENT, PF_STAGE_SCALING,
                "energy data climate", "uni utility");
            pf_project *q = add(doc, "lights2", "Streets", PF_PURPOSE_ENHANCEMENT, PF_FACET_ENHANCEMENT,
                                PF_STAGE_SCALING, "energy data climate streets", "utility");
            add(doc, "other", NULL, PF_PURPOSE_UNSET, PF_FACET_UNSET, PF_STAGE_UNSET, "data x y", NULL);
            add(doc, "lonely", NULL, PF_PURPOSE_UNSET, PF_FACET_UNSET, PF_STAGE_UNSET, "z", "w");
            /* A large project (found through prefix postings rather than keys), similar to none. */
            pf_project *big = add(doc, "big", NULL, PF_PURPOSE_UNSET, PF_FACET_UNSET, PF_STAGE_UNSET, "energy", NULL);
            for (int t = 0; t < 70; t++) {
                char tag[16];
                snprintf(tag, sizeof tag, "b%d", t);
                assert_int_equal(pf_project_add_tag(big, tag, NULL), PF_OK);
            }
            assert_int_equal(pf_project_add_link(p, "lonely", PF_LINK_SYNERGY, NULL), PF_OK);
            assert_int_equal(pf_project_add_link(q, "lonely", PF_LINK_CONFLICT, NULL), PF_OK);
            assert_int_equal(pf_project_add_link(q, "sandbox", PF_LINK_DUPLICATE, NULL), PF_OK);
            assert_int_equal(pf_project_add_link(q, "gone", PF_LINK_DUPLICATE, NULL), PF_OK);
            pf_map *map = NULL;
            if (with_map)
                assert_int_equal(pf_doc_map(doc, NULL, NULL, &map, NULL), PF_OK);
            long before = f.live;
            pf_relations *r = NULL;
            pf_buf out = PF_BUF_INIT;
            out.allocator = a;
            pf_error err;
            pf_relation_options o = PF_RELATION_OPTIONS_INIT;
            o.top_k = 1;
            failing_alloc_arm(&f, n);
            pf_status s = with_map == 2 ? pf__doc_relations_compact(doc, map, &o, &r, &err)
                                        : pf_doc_relations(doc, map, &o, &r, &err);
            if (s == PF_OK) {
                assert_int_equal(pf_relations_count_kind(r, PF_RELATION_HANDOVER), 2);
                assert_int_equal(pf_relations_count_kind(r, PF_RELATION_TENSION), 3);
                assert_int_equal(pf_relations_count_kind(r, PF_RELATION_DUPLICATE), 1);
                s = pf_relations_write_json(r, &out, &err);
            } else {
                assert_null(r);
                assert_int_equal(f.live, before); /* a failed call leaves nothing behind */
            }
            char what[24];
            snprintf(what, sizeof what, "relations %d", with_map);
            bool done = failing_alloc_walk_done(&f, s, PF_OK, &err, what, n);
            pf_buf_dispose(&out);
            pf_relations_free(r);
            pf_map_free(map);
            pf_doc_free(doc);
            assert_int_equal(f.live, 0);
            if (done)
                break;
        }
        assert_true(n > 20);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_similarity_by_hand),
        cmocka_unit_test(test_threshold_boundary),
        cmocka_unit_test(test_explicit_links),
        cmocka_unit_test(test_tension_needs_opposite_top_facets),
        cmocka_unit_test(test_duplicates_need_the_same_zone),
        cmocka_unit_test(test_handovers_across_units),
        cmocka_unit_test(test_top_k),
        cmocka_unit_test(test_common_features_change_nothing),
        cmocka_unit_test(test_results_outlive_the_document),
        cmocka_unit_test(test_arguments_and_options),
        cmocka_unit_test(test_random_portfolios_match_brute_force),
        cmocka_unit_test(test_edge_thresholds_match_brute_force),
        cmocka_unit_test(test_every_allocation_failure_is_reported),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
