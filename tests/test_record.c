/*
 * Anonymised records and benchmarks (docs/records.md).
 *
 * The property test builds many random documents through the API, full of
 * distinctive strings in several scripts, and checks that none of them reaches
 * a record, that every string of a record is one of the format's own words,
 * that every group kept has at least k respondents and that groups are kept
 * exactly as docs/records.md says. The anonymity property test tries, by brute
 * force, every way of deriving a set of respondents from the kept groups of
 * random records and finds none of 1 to k - 1. Golden records and benchmarks of the examples are compared
 * byte for byte (PF_REGENERATE_GOLDEN=1 rewrites them). Invalid records are a
 * golden suite of test_golden.c (tests/data/invalid-records).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "test_files.h"

#include <portfolio/portfolio.h>

#include "failing_alloc.h"

/* ---- a small, platform-independent random generator (as bench/generate.c) ---- */

static uint64_t state;

static uint64_t next_random(void)
{
    state ^= state >> 12;
    state ^= state << 25;
    state ^= state >> 27;
    return state * 2685821657736338717ull;
}

static unsigned below(unsigned n)
{
    return (unsigned)(next_random() % n);
}

/* ---- distinctive strings ---- */

#define MAX_SECRETS 4096

typedef struct secrets {
    char *items[MAX_SECRETS];
    size_t count;
} secrets;

static void put_utf8(char **p, unsigned cp)
{
    unsigned char *u = (unsigned char *)*p;
    if (cp < 0x80) {
        *u++ = (unsigned char)cp;
    } else if (cp < 0x800) {
        *u++ = (unsigned char)(0xC0 | cp >> 6);
        *u++ = (unsigned char)(0x80 | (cp & 0x3F));
    } else {
        *u++ = (unsigned char)(0xE0 | cp >> 12);
        *u++ = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
        *u++ = (unsigned char)(0x80 | (cp & 0x3F));
    }
    *p = (char *)u;
}

/* Free text in one of several scripts: Latin, Cyrillic, Greek, Han, Arabic, Devanagari, or all mixed. */
static const char *text_secret(secrets *s)
{
    static const unsigned ranges[][2] = { { 'a', 'z' },        { 0x0430, 0x044F }, { 0x03B1, 0x03C9 },
                                          { 0x4E00, 0x4FFF }, { 0x0627, 0x064A }, { 0x0915, 0x0939 } };
    char buf[128], *p = buf;
    unsigned script = below(7);
    unsigned len = 8 + below(8);
    for (unsigned i = 0; i < len; i++) {
        unsigned r = script == 6 ? below(6) : script;
        put_utf8(&p, ranges[r][0] + below(ranges[r][1] - ranges[r][0] + 1));
        if (i == len / 2 && below(3) == 0)
            *p++ = ' '; /* free text has spaces */
    }
    *p = '\0';
    assert_true(s->count < MAX_SECRETS);
    s->items[s->count] = strdup(buf);
    return s->items[s->count++];
}

/* An id ([A-Za-z0-9._-]+) that cannot be mistaken for anything else. */
static const char *id_secret(secrets *s)
{
    static const char alphabet[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-";
    char buf[32];
    unsigned len = 10 + below(6);
    buf[0] = alphabet[below(52)];
    for (unsigned i = 1; i < len; i++)
        buf[i] = alphabet[below(sizeof alphabet - 1)];
    buf[len] = '\0';
    assert_true(s->count < MAX_SECRETS);
    s->items[s->count] = strdup(buf);
    return s->items[s->count++];
}

static void secrets_free(secrets *s)
{
    for (size_t i = 0; i < s->count; i++)
        free(s->items[i]);
    s->count = 0;
}

/* ---- random documents ---- */

typedef struct doc_facts {
    size_t respondents;
    size_t per_role[PF_ROLE_COUNT];
} doc_facts;

static void answer_randomly(pf_assessment *a)
{
    static const char *const facets[] = { "enhancement", "mission", "adaptive", "anticipatory" };
    static const char *const agree_questions[] = { "q1", "q3", "q4", "q7", "q9", "q11" };
    char item[32];
    for (size_t q = 0; q < 6; q++)
        for (int f = 0; f < 4; f++) {
            if (below(6) == 0)
                continue; /* some items left unanswered */
            snprintf(item, sizeof item, "%s.%s", agree_questions[q], facets[f]);
            assert_int_equal(pf_assessment_set_agreement(a, item, (int)below(5), NULL), PF_OK);
        }
    static const char *const yes_no[] = { "q17", "q19", "q20" };
    for (size_t q = 0; q < 3; q++)
        assert_int_equal(pf_assessment_set_choice(a, yes_no[q], (pf_choice)below(3), NULL), PF_OK);
    static const char *const capability[] = { "q18a", "q18b", "q21",  "q22a", "q22b", "q22c", "q22d", "q22e",
                                              "q23a", "q23b", "q23c", "q23d", "q24a", "q24b", "q24c", "q24d",
                                              "q24e", "q24f", "q24g", "q24h", "q24i", "q24j", "q24k" };
    for (size_t q = 0; q < sizeof capability / sizeof *capability; q++)
        if (below(8))
            assert_int_equal(pf_assessment_set_agreement(a, capability[q], (int)below(5), NULL), PF_OK);
}

static pf_doc *random_doc(secrets *s, doc_facts *facts)
{
    static const char *const countries[] = { "FR", "DE", "GB", "NL", "SE", "JP", "BR", "KE" };
    pf_doc *doc = NULL;
    assert_int_equal(pf_doc_new(NULL, &doc, NULL), PF_OK);
    memset(facts, 0, sizeof *facts);
    pf_org *org = pf_doc_org(doc);
    assert_int_equal(pf_org_set_name(org, text_secret(s), NULL), PF_OK);
    if (below(4))
        assert_int_equal(pf_org_set_country(org, countries[below(8)], NULL), PF_OK);
    if (below(4))
        assert_int_equal(pf_org_set_level(org, (pf_gov_level)below(PF_GOV_LEVEL_COUNT), NULL), PF_OK);
    if (below(4)) {
        static const int64_t sizes[] = { 1, 9, 10, 49, 50, 249, 250, 999, 1000, 123457 };
        assert_int_equal(pf_org_set_people(org, sizes[below(10)], NULL), PF_OK);
    }
    assert_int_equal(pf_org_set_sectors(org, (unsigned)below(1u << PF_SECTOR_COUNT), NULL), PF_OK);
    unsigned projects = below(12);
    const char *ids[12];
    for (unsigned i = 0; i < projects; i++) {
        pf_project *p;
        ids[i] = id_secret(s);
        assert_int_equal(pf_doc_add_project(doc, ids[i], &p, NULL), PF_OK);
        assert_int_equal(pf_project_set_title(p, text_secret(s), NULL), PF_OK);
        if (below(2))
            assert_int_equal(pf_project_set_unit(p, text_secret(s), NULL), PF_OK);
        if (below(5) == 0) {
            double w[PF_FACET_COUNT] = { below(5), below(5), below(5), 1 + below(5) };
            assert_int_equal(pf_project_set_facet_weights(p, w, NULL), PF_OK);
        } else if (below(6)) {
            assert_int_equal(pf_project_set_purpose(p, (pf_purpose)below(5), NULL), PF_OK);
            assert_int_equal(pf_project_set_driver(p, (pf_facet)below(4), NULL), PF_OK);
        }
        if (below(3))
            assert_int_equal(pf_project_set_priority(p, (pf_priority)below(3), NULL), PF_OK);
        if (below(3))
            assert_int_equal(pf_project_set_stage(p, (pf_stage)below(7), NULL), PF_OK);
        if (below(2))
            assert_int_equal(pf_project_set_budget(p, 1000003.0 + 7.0 * below(100000), NULL), PF_OK);
        if (below(2))
            assert_int_equal(pf_project_set_fte(p, 0.5 * (1 + below(20)), NULL), PF_OK);
        for (unsigned t = below(4); t > 0; t--)
            assert_int_equal(pf_project_add_tag(p, below(2) ? text_secret(s) : id_secret(s), NULL), PF_OK);
        for (unsigned t = below(3); t > 0; t--)
            assert_int_equal(pf_project_add_partner(p, text_secret(s), NULL), PF_OK);
        if (i > 0 && below(3) == 0)
            assert_int_equal(pf_project_add_link(p, ids[below(i)], (pf_link_kind)below(4), NULL), PF_OK);
    }
    unsigned assessments = below(16);
    for (unsigned i = 0; i < assessments; i++) {
        pf_assessment *a;
        assert_int_equal(pf_doc_add_assessment(doc, id_secret(s), &a, NULL), PF_OK);
        int role = (int)below(PF_ROLE_COUNT + 1) - 1;
        if (role >= 0) {
            assert_int_equal(pf_assessment_set_role(a, (pf_role)role, NULL), PF_OK);
            facts->per_role[role]++;
        }
        if (below(2))
            assert_int_equal(pf_assessment_set_unit(a, text_secret(s), NULL), PF_OK);
        if (below(3)) {
            pf_date d = { 2020 + (int)below(6), 1 + (int)below(12), 1 + (int)below(28) };
            assert_int_equal(pf_assessment_set_date(a, d, NULL), PF_OK);
        }
        answer_randomly(a);
    }
    facts->respondents = assessments;
    return doc;
}

/* ---- looking into a record's text ---- */

/* Decodes the JSON string whose opening quote is at *p; advances past the closing quote. */
static char *json_string_at(const char **p)
{
    const char *s = *p + 1;
    char *out = malloc(strlen(s) * 3 + 1), *o = out;
    while (*s && *s != '"') {
        if (*s != '\\') {
            *o++ = *s++;
            continue;
        }
        s++;
        switch (*s) {
        case 'n': *o++ = '\n'; break;
        case 't': *o++ = '\t'; break;
        case 'r': *o++ = '\r'; break;
        case 'b': *o++ = '\b'; break;
        case 'f': *o++ = '\f'; break;
        case 'u': {
            unsigned cp = (unsigned)strtoul((char[5]){ s[1], s[2], s[3], s[4], 0 }, NULL, 16);
            s += 4;
            if (cp >= 0xD800 && cp < 0xDC00 && s[1] == '\\' && s[2] == 'u') {
                unsigned lo = (unsigned)strtoul((char[5]){ s[3], s[4], s[5], s[6], 0 }, NULL, 16);
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                s += 6;
                *o++ = (char)(0xF0 | cp >> 18);
                *o++ = (char)(0x80 | (cp >> 12 & 0x3F));
                *o++ = (char)(0x80 | (cp >> 6 & 0x3F));
                *o++ = (char)(0x80 | (cp & 0x3F));
            } else {
                put_utf8(&o, cp);
            }
            break;
        }
        default: *o++ = *s; break;
        }
        s++;
    }
    *o = '\0';
    *p = *s ? s + 1 : s;
    return out;
}

/* The words a record may contain: its keys and the names of the method's vocabularies. */
static bool is_format_word(const char *w)
{
    static const char *const words[] = { "record", "options", "mode", "weighting", "k", "instrument", "country",
                                         "level", "size", "sectors", "period", "respondents", "groups", "overall",
                                         "n", "metrics", "mean", "median", "sd", "min", "max", "portfolio",
                                         "zone_count", "share", "pet", "normalised", "1-9", "10-49", "50-249",
                                         "250-999", "1000+", PF_DEFAULT_INSTRUMENT };
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (strcmp(w, words[i]) == 0)
            return true;
    for (int i = 0; i < 16; i++) {
        const char *names[] = { pf_facet_name((pf_facet)i),           pf_zone_name((pf_zone)i),
                                pf_role_name((pf_role)i),             pf_gov_level_name((pf_gov_level)i),
                                pf_sector_name((pf_sector)i),         pf_weighting_name((pf_weighting)i),
                                pf_group_metric_name((pf_group_metric)i) };
        for (size_t k = 0; k < sizeof names / sizeof *names; k++)
            if (names[k] && strcmp(w, names[k]) == 0)
                return true;
    }
    /* A country code, or a year and month. */
    if (strlen(w) == 2 && w[0] >= 'A' && w[0] <= 'Z' && w[1] >= 'A' && w[1] <= 'Z')
        return true;
    int y, m;
    char tail;
    return strlen(w) == 7 && sscanf(w, "%4d-%2d%c", &y, &m, &tail) == 2 && m >= 1 && m <= 12;
}

/*
 * The roles a record keeps, by the rule of docs/records.md: those of at least k
 * respondents; then, when overall is kept and 1 to k - 1 respondents are in no
 * kept role, all but the smallest of them (the first in role order among equals).
 */
static size_t expected_roles(const doc_facts *facts, size_t k, bool kept[PF_ROLE_COUNT])
{
    size_t in_kept = 0;
    int smallest = -1;
    for (int r = 0; r < PF_ROLE_COUNT; r++) {
        kept[r] = facts->per_role[r] > 0 && facts->per_role[r] >= k;
        if (!kept[r])
            continue;
        in_kept += facts->per_role[r];
        if (smallest < 0 || facts->per_role[r] < facts->per_role[smallest])
            smallest = r;
    }
    size_t outside = facts->respondents - in_kept;
    bool overall = facts->respondents > 0 && facts->respondents >= k;
    if (overall && outside > 0 && outside < k) {
        assert_true(smallest >= 0);
        kept[smallest] = false;
        return 1;
    }
    return 0;
}

/* Every property a record must have, whatever the document. */
static void check_record(const char *text, const secrets *s, size_t k, const doc_facts *facts)
{
    for (size_t i = 0; i < s->count; i++)
        if (strstr(text, s->items[i]))
            fail_msg("the record contains '%s':\n%s", s->items[i], text);
    for (const char *p = strchr(text, '"'); p; p = strchr(p, '"')) {
        char *value = json_string_at(&p);
        for (size_t i = 0; i < s->count; i++)
            if (strstr(value, s->items[i]))
                fail_msg("the record's string '%s' contains '%s'", value, s->items[i]);
        if (!is_format_word(value))
            fail_msg("the record's string '%s' is not a word of the format:\n%s", value, text);
        free(value);
    }
    /* Every n (of a group and of each of its statistics) is at least k. */
    for (const char *p = strstr(text, "\"n\": "); p; p = strstr(p + 1, "\"n\": ")) {
        long n = strtol(p + 5, NULL, 10);
        if (n < (long)k)
            fail_msg("a group of %ld respondents with k = %zu:\n%s", n, k, text);
    }
    /* Groups are kept exactly as docs/records.md says. */
    bool kept[PF_ROLE_COUNT];
    expected_roles(facts, k, kept);
    assert_int_equal(strstr(text, "\"overall\": {") != NULL, facts->respondents >= k && facts->respondents > 0);
    for (int r = 0; r < PF_ROLE_COUNT; r++) {
        char key[64];
        snprintf(key, sizeof key, "\"%s\": {", pf_role_name((pf_role)r));
        if ((strstr(text, key) != NULL) != kept[r])
            fail_msg("role %s has %zu respondents, k = %zu:\n%s", pf_role_name((pf_role)r), facts->per_role[r], k,
                     text);
    }
}

/* A record reads back and writes out to the same bytes. */
static void check_round_trip(const char *text, size_t respondents)
{
    pf_record *rec = NULL;
    pf_error err;
    if (pf_record_read_buffer(text, strlen(text), "record", NULL, &rec, NULL, &err) != PF_OK)
        fail_msg("%u:%u: %s\n%s", err.line, err.column, err.message, text);
    assert_int_equal(pf_record_respondents(rec), respondents);
    pf_buf again = PF_BUF_INIT;
    assert_int_equal(pf_record_write_json(rec, &again, NULL), PF_OK);
    assert_string_equal(again.data, text);
    pf_buf_dispose(&again);
    pf_record_free(rec);
}

static void test_random_documents(void **st)
{
    (void)st;
    state = 0x9E3779B97F4A7C15ull;
    size_t kept_groups = 0, suppressed_groups = 0;
    for (int i = 0; i < 200; i++) {
        secrets s = { { NULL }, 0 };
        doc_facts facts;
        pf_doc *doc = random_doc(&s, &facts);
        pf_record_options o = PF_RECORD_OPTIONS_INIT;
        o.k = 1 + below(6);
        o.mode = (pf_score_mode)below(2);
        o.weighting = (pf_weighting)below(PF_WEIGHTING_COUNT);
        pf_buf out = PF_BUF_INIT;
        pf_error err;
        if (pf_doc_anonymise(doc, &o, &out, &err) != PF_OK)
            fail_msg("document %d: %s", i, err.message);
        check_record(out.data, &s, o.k, &facts);
        check_round_trip(out.data, facts.respondents);
        for (int r = 0; r < PF_ROLE_COUNT; r++) {
            kept_groups += facts.per_role[r] >= o.k && facts.per_role[r];
            suppressed_groups += facts.per_role[r] < o.k && facts.per_role[r];
        }
        pf_buf_dispose(&out);
        pf_doc_free(doc);
        secrets_free(&s);
    }
    /* The documents exercised both sides of the threshold often. */
    assert_true(kept_groups > 50);
    assert_true(suppressed_groups > 50);
}

/* ---- k: a group of k is kept, of k - 1 suppressed ---- */

static pf_doc *doc_with_roles(const size_t per_role[PF_ROLE_COUNT], size_t unset)
{
    pf_doc *doc = NULL;
    assert_int_equal(pf_doc_new(NULL, &doc, NULL), PF_OK);
    int made = 0;
    for (int r = -1; r < PF_ROLE_COUNT; r++) {
        size_t n = r < 0 ? unset : per_role[r];
        for (size_t i = 0; i < n; i++) {
            char id[32];
            pf_assessment *a;
            snprintf(id, sizeof id, "resp-%d", made++);
            assert_int_equal(pf_doc_add_assessment(doc, id, &a, NULL), PF_OK);
            if (r >= 0)
                assert_int_equal(pf_assessment_set_role(a, (pf_role)r, NULL), PF_OK);
            assert_int_equal(pf_assessment_set_agreement(a, "q1.mission", (int)(i % 5), NULL), PF_OK);
        }
    }
    return doc;
}

static char *record_text(const pf_doc *doc, size_t k)
{
    pf_record_options o = PF_RECORD_OPTIONS_INIT;
    o.k = k;
    pf_buf out = PF_BUF_INIT;
    assert_int_equal(pf_doc_anonymise(doc, &o, &out, NULL), PF_OK);
    char *text = strdup(out.data);
    pf_buf_dispose(&out);
    return text;
}

static void test_k_threshold(void **st)
{
    (void)st;
    static const size_t ks[] = { 2, 3, 5, 7 };
    for (size_t i = 0; i < sizeof ks / sizeof *ks; i++) {
        size_t k = ks[i];
        /* team: exactly k, kept; steward: k - 1, suppressed (with one respondent without a role, k are
           outside team: no complementary suppression). */
        size_t per_role[PF_ROLE_COUNT] = { 0 };
        per_role[PF_ROLE_TEAM] = k;
        per_role[PF_ROLE_STEWARD] = k - 1;
        pf_doc *doc = doc_with_roles(per_role, 1);
        char *text = record_text(doc, k);
        char want[64];
        snprintf(want, sizeof want, "\"team\": {\n      \"n\": %zu,", k);
        assert_non_null(strstr(text, want));
        assert_null(strstr(text, "\"steward\""));
        snprintf(want, sizeof want, "\"overall\": {\n      \"n\": %zu,", 2 * k);
        assert_non_null(strstr(text, want));
        free(text);
        pf_doc_free(doc);
        /* k - 1 respondents in all: no group at all, only the count. */
        memset(per_role, 0, sizeof per_role);
        per_role[PF_ROLE_INDIVIDUAL] = k - 1;
        doc = doc_with_roles(per_role, 0);
        text = record_text(doc, k);
        assert_non_null(strstr(text, "\"groups\": {}"));
        snprintf(want, sizeof want, "\"respondents\": %zu,", k - 1);
        assert_non_null(strstr(text, want));
        free(text);
        pf_doc_free(doc);
        /* k in all, without roles: the whole group is kept, no role is. */
        doc = doc_with_roles(per_role, 1);
        text = record_text(doc, k);
        snprintf(want, sizeof want, "\"overall\": {\n      \"n\": %zu,", k);
        assert_non_null(strstr(text, want));
        assert_null(strstr(text, "\"individual\""));
        free(text);
        pf_doc_free(doc);
    }
    /* k = 1 keeps single respondents, with their values as they are. */
    size_t per_role[PF_ROLE_COUNT] = { 1, 0, 0, 1, 0 };
    pf_doc *doc = doc_with_roles(per_role, 0);
    char *text = record_text(doc, 1);
    assert_non_null(strstr(text, "\"individual\": {\n      \"n\": 1,"));
    assert_non_null(strstr(text, "\"steward\": {\n      \"n\": 1,"));
    assert_non_null(strstr(text, "\"overall\": {\n      \"n\": 2,"));
    free(text);
    /* The default is 5. */
    text = record_text(doc, 0);
    assert_non_null(strstr(text, "\"k\": 5"));
    assert_non_null(strstr(text, "\"groups\": {}"));
    free(text);
    pf_doc_free(doc);
}

/* The n of a kept group ("overall" or a role), or 0 when the record suppressed it. */
static size_t group_n(const char *text, const char *name)
{
    char key[64];
    snprintf(key, sizeof key, "\n    \"%s\": {\n      \"n\": ", name);
    const char *p = strstr(text, key);
    return p ? (size_t)strtoul(p + strlen(key), NULL, 10) : 0;
}

static void assert_record_rejected(const char *text, const char *want)
{
    pf_record *rec = NULL;
    pf_error err;
    assert_int_equal(pf_record_read_buffer(text, strlen(text), "leaky.json", NULL, &rec, NULL, &err), PF_EINVALID);
    assert_null(rec);
    char got[1200];
    snprintf(got, sizeof got, "%s:%u:%u: %s", err.source, err.line, err.column, err.message);
    assert_string_equal(got, want);
}

/*
 * Issue 13: with k = 5, a record of 6 respondents kept overall and the 5 of
 * team, and 6 x overall mean - 5 x team mean was the sixth's exact score.
 */
static void test_complementary_suppression(void **st)
{
    (void)st;
    static const struct {
        size_t per_role[PF_ROLE_COUNT]; /* individual, team, senior-management, steward, external */
        size_t unset, k;
        size_t want[PF_ROLE_COUNT]; /* n of each kept role, 0 when suppressed */
    } cases[] = {
        /* The finding: the sixth has no role; team goes, overall stays. */
        { { 0, 5, 0, 0, 0 }, 1, 5, { 0, 0, 0, 0, 0 } },
        /* The sixth and seventh are in a role too small to keep: the same. */
        { { 0, 5, 0, 2, 0 }, 0, 5, { 0, 0, 0, 0, 0 } },
        /* Two roles kept, one outside: the smaller role goes (7 + 5 + 1: individual). */
        { { 5, 7, 0, 0, 0 }, 1, 5, { 0, 7, 0, 0, 0 } },
        /* Equal roles: the first in role order goes. */
        { { 0, 0, 6, 0, 6 }, 2, 5, { 0, 0, 0, 0, 6 } },
        /* k outside the roles, or none: nothing more to suppress. */
        { { 0, 5, 0, 0, 0 }, 5, 5, { 0, 5, 0, 0, 0 } },
        { { 5, 5, 0, 0, 0 }, 0, 5, { 5, 5, 0, 0, 0 } },
        /* Only the steward is outside, 1 < k = 3: the smaller kept role, individual, goes. */
        { { 3, 4, 0, 1, 0 }, 0, 3, { 0, 4, 0, 0, 0 } },
        /* k = 1 keeps every group: every difference has at least one respondent. */
        { { 0, 5, 0, 0, 0 }, 1, 1, { 0, 5, 0, 0, 0 } },
    };
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        pf_doc *doc = doc_with_roles(cases[c].per_role, cases[c].unset);
        char *text = record_text(doc, cases[c].k);
        size_t everyone = cases[c].unset;
        for (int r = 0; r < PF_ROLE_COUNT; r++)
            everyone += cases[c].per_role[r];
        assert_int_equal(group_n(text, "overall"), everyone);
        for (int r = 0; r < PF_ROLE_COUNT; r++)
            if (group_n(text, pf_role_name((pf_role)r)) != cases[c].want[r])
                fail_msg("case %zu: %s kept with %zu respondents, expected %zu:\n%s", c, pf_role_name((pf_role)r),
                         group_n(text, pf_role_name((pf_role)r)), cases[c].want[r], text);
        check_round_trip(text, everyone);
        free(text);
        pf_doc_free(doc);
    }
    /* The record the finding was about (k = 1's groups under k = 5) is refused when read. */
    size_t per_role[PF_ROLE_COUNT] = { 0, 5, 0, 0, 0 };
    pf_doc *doc = doc_with_roles(per_role, 1);
    char *text = record_text(doc, 1);
    char *k = strstr(text, "\"k\": 1");
    assert_non_null(k);
    k[5] = '5';
    assert_int_equal(group_n(text, "team"), 5);
    assert_record_rejected(text, "leaky.json:11:13: groups: overall minus the roles kept leaves 1 respondent, fewer "
                                 "than k = 5: their statistics could be worked out (records suppress one more role so "
                                 "that this never happens)");
    free(text);
    pf_doc_free(doc);
}

/* ---- anonymity, by brute force: no set derivable from kept groups holds 1 to k - 1 respondents ---- */

#define PEOPLE_MAX 40

static size_t popcount(uint64_t x)
{
    size_t n = 0;
    for (; x; x &= x - 1)
        n++;
    return n;
}

/*
 * The smallest nonempty set of respondents whose statistics can be derived
 * from the kept groups (each a bit set of respondents), trying every way, with
 * no knowledge of how the record chose them:
 *  - every union of kept groups minus every union of kept groups (overall minus
 *    a role, a role minus another, any union against another);
 *  - every sum of kept groups' totals (n x mean, and sums of squares) with
 *    coefficients -1, 0 and 1 that is the total of a set of respondents;
 *  - every cell of their Venn diagram (respondents in exactly the same kept
 *    groups), of which every union, intersection and difference is made.
 * SIZE_MAX when nothing is derivable. `how` says which way found it.
 */
static size_t smallest_derivable(const uint64_t *groups, size_t g, size_t people, char *how, size_t cap)
{
    size_t smallest = SIZE_MAX;
    for (unsigned a = 1; a < 1u << g; a++) {
        uint64_t union_a = 0;
        for (size_t j = 0; j < g; j++)
            if (a >> j & 1)
                union_a |= groups[j];
        for (unsigned b = 0; b < 1u << g; b++) {
            uint64_t union_b = 0;
            for (size_t j = 0; j < g; j++)
                if (b >> j & 1)
                    union_b |= groups[j];
            size_t n = popcount(union_a & ~union_b);
            if (n && n < smallest) {
                smallest = n;
                snprintf(how, cap, "groups %#x minus groups %#x", a, b);
            }
        }
    }
    unsigned combinations = 1;
    for (size_t j = 0; j < g; j++)
        combinations *= 3;
    for (unsigned c = 0; c < combinations; c++) {
        int coef[8];
        unsigned x = c;
        for (size_t j = 0; j < g; j++, x /= 3)
            coef[j] = (int)(x % 3) - 1;
        uint64_t set = 0;
        bool is_set = true;
        for (size_t i = 0; i < people && is_set; i++) {
            int v = 0;
            for (size_t j = 0; j < g; j++)
                v += coef[j] * (int)(groups[j] >> i & 1);
            if (v == 1)
                set |= 1ull << i;
            is_set = v == 0 || v == 1;
        }
        size_t n = popcount(set);
        if (is_set && n && n < smallest) {
            smallest = n;
            snprintf(how, cap, "sum of groups with coefficients %u (base 3, minus one)", c);
        }
    }
    for (size_t i = 0; i < people; i++) {
        uint64_t cell = ~0ull;
        bool in_any = false;
        for (size_t j = 0; j < g; j++) {
            bool in = groups[j] >> i & 1;
            cell &= in ? groups[j] : ~groups[j];
            in_any = in_any || in;
        }
        size_t n = popcount(cell & ((people < 64 ? 1ull << people : 0) - 1));
        if (in_any && n < smallest) {
            smallest = n;
            snprintf(how, cap, "the cell of respondent %zu", i);
        }
    }
    return smallest;
}

/* Respondents in random roles (some in none, some roles crowded, some empty) and units, answering at random. */
static pf_doc *random_people(size_t *people, int role[PEOPLE_MAX])
{
    static const char *const units[] = { "North office", "South office", "Laboratory", "Finance" };
    pf_doc *doc = NULL;
    assert_int_equal(pf_doc_new(NULL, &doc, NULL), PF_OK);
    unsigned weight[PF_ROLE_COUNT + 1], total = 0; /* [0]: no role */
    for (int j = 0; j <= PF_ROLE_COUNT; j++)
        total += weight[j] = below(3) ? below(10) : 0;
    if (!total)
        weight[1 + below(PF_ROLE_COUNT)] = total = 1;
    *people = 1 + below(PEOPLE_MAX);
    for (size_t i = 0; i < *people; i++) {
        unsigned pick = below(total), j = 0;
        while (pick >= weight[j])
            pick -= weight[j++];
        role[i] = (int)j - 1;
        char id[32]; /* "p-" and any size_t */
        pf_assessment *a;
        snprintf(id, sizeof id, "p-%zu", i);
        assert_int_equal(pf_doc_add_assessment(doc, id, &a, NULL), PF_OK);
        if (role[i] >= 0)
            assert_int_equal(pf_assessment_set_role(a, (pf_role)role[i], NULL), PF_OK);
        if (below(3))
            assert_int_equal(pf_assessment_set_unit(a, units[below(4)], NULL), PF_OK);
        answer_randomly(a);
    }
    return doc;
}

static void test_anonymity_property(void **st)
{
    (void)st;
    state = 0xD1B54A32D192ED03ull;
    size_t leaky_without = 0, suppressed_more = 0, several_roles = 0;
    for (int d = 0; d < 300; d++) {
        size_t people;
        int role[PEOPLE_MAX];
        pf_doc *doc = random_people(&people, role);
        size_t k = 1 + below(8);
        char *text = record_text(doc, k);
        /* Which respondents each group holds, from the document; which groups the record kept, from its text. */
        uint64_t members[1 + PF_ROLE_COUNT] = { 0 };
        for (size_t i = 0; i < people; i++) {
            members[0] |= 1ull << i;
            if (role[i] >= 0)
                members[1 + role[i]] |= 1ull << i;
        }
        uint64_t kept[1 + PF_ROLE_COUNT], naive[1 + PF_ROLE_COUNT];
        size_t g = 0, gn = 0, big_roles = 0, kept_roles = 0;
        for (int j = 0; j <= PF_ROLE_COUNT; j++) {
            size_t size = popcount(members[j]);
            size_t n = group_n(text, j ? pf_role_name((pf_role)(j - 1)) : "overall");
            if (n && n != size)
                fail_msg("document %d: the record's %s holds %zu respondents, the document %zu", d,
                         j ? pf_role_name((pf_role)(j - 1)) : "overall", n, size);
            if (n)
                kept[g++] = members[j];
            if (size && size >= k)
                naive[gn++] = members[j];
            big_roles += j && size && size >= k;
            kept_roles += j && n;
        }
        char how[128];
        size_t smallest = smallest_derivable(kept, g, people, how, sizeof how);
        if (smallest < k)
            fail_msg("document %d, k = %zu: %s is %zu respondents:\n%s", d, k, how, smallest, text);
        check_round_trip(text, people);
        /* Not by suppressing everything: overall is kept from k, and at most one role of k or more goes. */
        assert_int_equal(group_n(text, "overall") != 0, people >= k);
        assert_true(kept_roles + 1 >= big_roles);
        suppressed_more += kept_roles < big_roles;
        leaky_without += smallest_derivable(naive, gn, people, how, sizeof how) < k;
        several_roles += kept_roles >= 2;
        free(text);
        pf_doc_free(doc);
    }
    /* The documents exercised the rule: suppressing only groups below k would often have leaked. */
    assert_true(leaky_without >= 30);
    assert_int_equal(suppressed_more, leaky_without);
    assert_true(several_roles >= 50);
}

/* The facts kept: size bands, the latest month, sectors; absent when unset. */
static void test_kept_facts(void **st)
{
    (void)st;
    static const struct {
        int64_t people;
        const char *band;
    } bands[] = { { 1, "1-9" },       { 9, "1-9" },         { 10, "10-49" },  { 49, "10-49" }, { 50, "50-249" },
                  { 249, "50-249" }, { 250, "250-999" },  { 999, "250-999" }, { 1000, "1000+" }, { 5000000, "1000+" } };
    for (size_t i = 0; i < sizeof bands / sizeof *bands; i++) {
        pf_doc *doc = NULL;
        assert_int_equal(pf_doc_new(NULL, &doc, NULL), PF_OK);
        assert_int_equal(pf_org_set_people(pf_doc_org(doc), bands[i].people, NULL), PF_OK);
        char *text = record_text(doc, 0);
        char want[64];
        snprintf(want, sizeof want, "\"size\": \"%s\",", bands[i].band);
        if (!strstr(text, want))
            fail_msg("%lld people: %s", (long long)bands[i].people, text);
        free(text);
        pf_doc_free(doc);
    }
    pf_doc *doc = NULL;
    assert_int_equal(pf_doc_new(NULL, &doc, NULL), PF_OK);
    char *text = record_text(doc, 0);
    assert_null(strstr(text, "\"size\""));
    assert_null(strstr(text, "\"period\""));
    assert_null(strstr(text, "\"country\""));
    assert_null(strstr(text, "\"level\""));
    assert_null(strstr(text, "\"portfolio\""));
    assert_non_null(strstr(text, "\"sectors\": [],"));
    assert_non_null(strstr(text, "\"respondents\": 0,"));
    free(text);
    pf_assessment *a;
    const pf_date dates[] = { { 2024, 11, 30 }, { 2025, 2, 1 }, { 0, 0, 0 }, { 2025, 1, 31 } };
    for (int i = 0; i < 4; i++) {
        char id[8];
        snprintf(id, sizeof id, "r%d", i);
        assert_int_equal(pf_doc_add_assessment(doc, id, &a, NULL), PF_OK);
        assert_int_equal(pf_assessment_set_date(a, dates[i], NULL), PF_OK);
    }
    assert_int_equal(pf_org_set_sectors(pf_doc_org(doc), 1u << PF_SECTOR_HEALTH | 1u << PF_SECTOR_EDUCATION, NULL),
                     PF_OK);
    text = record_text(doc, 0);
    assert_non_null(strstr(text, "\"period\": \"2025-02\","));
    assert_non_null(strstr(text, "\"sectors\": [\n    \"education\",\n    \"health\"\n  ],"));
    free(text);
    pf_doc_free(doc);
}

/* ---- golden records and benchmarks of the examples ---- */

static void golden(const char *name, const pf_buf *actual)
{
    char path[1024];
    snprintf(path, sizeof path, SOURCE_ROOT "/tests/data/golden/records/%s", name);
    assert_golden(path, actual->data, actual->size);
}

static const char *const examples[] = { "environment-agency", "environment-agency-2026", "university-city",
                                        "minimal", "team-pulse" };
#define EXAMPLE_COUNT (sizeof examples / sizeof *examples)

static pf_doc *example(const char *name)
{
    char path[1024];
    snprintf(path, sizeof path, SOURCE_ROOT "/examples/data/%s.yaml", name);
    pf_doc *doc = NULL;
    pf_error err;
    if (pf_doc_read_file(path, NULL, &doc, NULL, &err) != PF_OK)
        fail_msg("%s: %s", path, err.message);
    return doc;
}

static void test_golden_records(void **st)
{
    (void)st;
    static const size_t ks[] = { 5, 2 };
    for (size_t i = 0; i < EXAMPLE_COUNT; i++) {
        pf_doc *doc = example(examples[i]);
        for (size_t k = 0; k < 2; k++) {
            pf_record_options o = PF_RECORD_OPTIONS_INIT;
            o.k = ks[k];
            pf_buf out = PF_BUF_INIT;
            assert_int_equal(pf_doc_anonymise(doc, &o, &out, NULL), PF_OK);
            char name[128];
            snprintf(name, sizeof name, "%s-k%zu.json", examples[i], ks[k]);
            golden(name, &out);
            check_round_trip(out.data, pf_doc_assessment_count(doc));
            pf_buf_dispose(&out);
        }
        pf_doc_free(doc);
    }
    /* Another mode and weighting. */
    pf_doc *doc = example("environment-agency");
    pf_record_options o = PF_RECORD_OPTIONS_INIT;
    o.mode = PF_SCORE_NORMALISED;
    o.weighting = PF_WEIGHT_BUDGET;
    pf_buf out = PF_BUF_INIT;
    assert_int_equal(pf_doc_anonymise(doc, &o, &out, NULL), PF_OK);
    golden("environment-agency-normalised-budget.json", &out);
    pf_buf_dispose(&out);
    pf_doc_free(doc);
}

/* Each example of the default instrument among the k = 2 records of all of them. */
static void test_golden_benchmarks(void **st)
{
    (void)st;
    pf_record *records[EXAMPLE_COUNT];
    size_t n = 0;
    for (size_t i = 0; i < EXAMPLE_COUNT; i++) {
        if (strcmp(examples[i], "team-pulse") == 0)
            continue; /* another instrument */
        char path[1024];
        snprintf(path, sizeof path, SOURCE_ROOT "/tests/data/golden/records/%s-k2.json", examples[i]);
        pf_error err;
        if (pf_record_read_file(path, NULL, &records[n], NULL, &err) != PF_OK)
            fail_msg("%s:%u:%u: %s", path, err.line, err.column, err.message);
        n++;
    }
    for (size_t i = 0; i < EXAMPLE_COUNT; i++) {
        if (strcmp(examples[i], "team-pulse") == 0)
            continue;
        pf_doc *doc = example(examples[i]);
        pf_benchmark_result *res = NULL;
        pf_error err;
        if (pf_benchmark((const pf_record *const *)records, n, doc, NULL, &res, &err) != PF_OK)
            fail_msg("%s: %s", examples[i], err.message);
        assert_int_equal(pf_benchmark_result_records(res), n);
        for (size_t m = 0; m < pf_benchmark_result_count(res); m++) {
            const pf_benchmark_entry *e = pf_benchmark_result_at(res, m);
            assert_true(e->n >= 1 && e->n <= n);
            assert_true(e->below + e->equal <= e->n);
            assert_true(e->percentile >= 0 && e->percentile <= 100);
            /* The organisation's own record is among them: it equals itself (its groups may be suppressed). */
            if (strncmp(e->metric, "portfolio.", 10) == 0 || strcmp(e->metric, "respondents") == 0)
                assert_true(e->equal >= 1);
        }
        assert_null(pf_benchmark_result_at(res, pf_benchmark_result_count(res)));
        pf_buf out = PF_BUF_INIT;
        assert_int_equal(pf_benchmark_write_json(res, &out, NULL), PF_OK);
        char name[128];
        snprintf(name, sizeof name, "benchmark-%s.json", examples[i]);
        golden(name, &out);
        pf_buf_dispose(&out);
        pf_benchmark_result_free(res);
        pf_doc_free(doc);
    }
    for (size_t i = 0; i < n; i++)
        pf_record_free(records[i]);
}

/* ---- benchmarks by hand ---- */

static pf_record *record_of_text(const char *text)
{
    pf_record *rec = NULL;
    pf_error err;
    if (pf_record_read_buffer(text, strlen(text), NULL, NULL, &rec, NULL, &err) != PF_OK)
        fail_msg("%u:%u: %s", err.line, err.column, err.message);
    return rec;
}

static void test_percentiles(void **st)
{
    (void)st;
    /* The organisation: 3 respondents, 2 projects (one enhancement, one mission). */
    size_t per_role[PF_ROLE_COUNT] = { 0, 3, 0, 0, 0 };
    pf_doc *org = doc_with_roles(per_role, 0);
    pf_project *p;
    assert_int_equal(pf_doc_add_project(org, "a", &p, NULL), PF_OK);
    assert_int_equal(pf_project_set_purpose(p, PF_PURPOSE_ENHANCEMENT, NULL), PF_OK);
    assert_int_equal(pf_project_set_driver(p, PF_FACET_ENHANCEMENT, NULL), PF_OK);
    assert_int_equal(pf_doc_add_project(org, "b", &p, NULL), PF_OK);
    assert_int_equal(pf_project_set_purpose(p, PF_PURPOSE_MISSION, NULL), PF_OK);
    assert_int_equal(pf_project_set_driver(p, PF_FACET_MISSION, NULL), PF_OK);
    /* Records with 1, 3, 3 and 5 respondents; two with shares. */
    static const char *const texts[] = {
        "{\"record\": 1, \"options\": {\"mode\": \"pet\", \"weighting\": \"count\", \"k\": 5},"
        " \"instrument\": \"opsi-pet-2020\", \"respondents\": 1, \"groups\": {}}",
        "{\"record\": 1, \"options\": {\"mode\": \"pet\", \"weighting\": \"count\", \"k\": 5},"
        " \"instrument\": \"opsi-pet-2020\", \"respondents\": 3, \"groups\": {},"
        " \"portfolio\": {\"share\": {\"enhancement\": 0.5, \"mission\": 0.5, \"adaptive\": 0, \"anticipatory\": 0}}}",
        "{\"record\": 1, \"options\": {\"mode\": \"pet\", \"weighting\": \"count\", \"k\": 5},"
        " \"instrument\": \"opsi-pet-2020\", \"respondents\": 3, \"groups\": {},"
        " \"portfolio\": {\"share\": {\"enhancement\": 0.25, \"mission\": 0.75, \"adaptive\": 0, \"anticipatory\": 0}}}",
        "{\"record\": 1, \"options\": {\"mode\": \"pet\", \"weighting\": \"count\", \"k\": 5},"
        " \"instrument\": \"opsi-pet-2020\", \"respondents\": 5, \"groups\": {}}",
    };
    pf_record *recs[4];
    for (int i = 0; i < 4; i++)
        recs[i] = record_of_text(texts[i]);
    pf_benchmark_result *res = NULL;
    assert_int_equal(pf_benchmark((const pf_record *const *)recs, 4, org, NULL, &res, NULL), PF_OK);
    /* respondents and the four shares: no record has groups or zone counts. */
    assert_int_equal(pf_benchmark_result_count(res), 5);
    const pf_benchmark_entry *e = pf_benchmark_result_at(res, 0);
    assert_string_equal(e->metric, "respondents");
    assert_int_equal(e->n, 4);
    assert_int_equal(e->below, 1);
    assert_int_equal(e->equal, 2);
    assert_true(e->percentile == 50); /* 100 x (1 + 2/2) / 4 */
    e = pf_benchmark_result_at(res, 1);
    assert_string_equal(e->metric, "portfolio.share.enhancement");
    assert_true(e->value == 0.5);
    assert_int_equal(e->n, 2);
    assert_true(e->percentile == 75); /* 0.25 below, 0.5 equal: 100 x (1 + 1/2) / 2 */
    e = pf_benchmark_result_at(res, 2);
    assert_string_equal(e->metric, "portfolio.share.mission");
    assert_true(e->percentile == 25); /* 0.5 equal, 0.75 above */
    e = pf_benchmark_result_at(res, 3);
    assert_string_equal(e->metric, "portfolio.share.adaptive");
    assert_true(e->percentile == 50); /* all equal */
    pf_benchmark_result_free(res);
    /* No records: nothing to compare. */
    assert_int_equal(pf_benchmark(NULL, 0, org, NULL, &res, NULL), PF_OK);
    assert_int_equal(pf_benchmark_result_count(res), 0);
    pf_buf out = PF_BUF_INIT;
    assert_int_equal(pf_benchmark_write_json(res, &out, NULL), PF_OK);
    assert_non_null(strstr(out.data, "\"metrics\": []"));
    pf_buf_dispose(&out);
    pf_benchmark_result_free(res);
    /* Records made otherwise are refused, by position. */
    pf_record_options o = PF_RECORD_OPTIONS_INIT;
    o.weighting = PF_WEIGHT_BUDGET;
    pf_error err;
    res = NULL;
    assert_int_equal(pf_benchmark((const pf_record *const *)recs, 4, org, &o, &res, &err), PF_EINVALID);
    assert_string_equal(err.message, "made with mode pet and weighting count, not pet and budget");
    assert_string_equal(err.source, "records[0]"); /* read without a name: named by position */
    assert_null(res);
    pf_record *other = record_of_text("{\"record\": 1, \"options\": {\"mode\": \"pet\", \"weighting\": \"count\","
                                      " \"k\": 5}, \"instrument\": \"team-pulse-2025\", \"respondents\": 0,"
                                      " \"groups\": {}}");
    const pf_record *mixed[2] = { recs[0], other };
    assert_int_equal(pf_benchmark(mixed, 2, org, NULL, &res, &err), PF_EINVALID);
    assert_string_equal(err.message, "made with instrument team-pulse-2025, not opsi-pet-2020");
    assert_string_equal(err.source, "records[1]");
    assert_true(err.line == 0 && err.column == 0);
    assert_null(res);
    pf_record_free(other);
    /* A record read under a name is named by it. */
    static const char named_text[] = "{\"record\": 1, \"options\": {\"mode\": \"pet\", \"weighting\": \"count\","
                                     " \"k\": 5}, \"instrument\": \"team-pulse-2025\", \"respondents\": 0,"
                                     " \"groups\": {}}";
    assert_int_equal(pf_record_read_buffer(named_text, sizeof named_text - 1, "shared/team.json", NULL, &other, NULL,
                                           &err),
                     PF_OK);
    mixed[1] = other;
    assert_int_equal(pf_benchmark(mixed, 2, org, NULL, &res, &err), PF_EINVALID);
    assert_string_equal(err.source, "shared/team.json");
    assert_string_equal(err.message, "made with instrument team-pulse-2025, not opsi-pet-2020");
    pf_record_free(other);
    for (int i = 0; i < 4; i++)
        pf_record_free(recs[i]);
    pf_doc_free(org);
}

static void test_arguments(void **st)
{
    (void)st;
    pf_doc *doc = NULL;
    assert_int_equal(pf_doc_new(NULL, &doc, NULL), PF_OK);
    pf_buf out = PF_BUF_INIT;
    pf_error err;
    assert_int_equal(pf_doc_anonymise(NULL, NULL, &out, &err), PF_EARG);
    assert_int_equal(pf_doc_anonymise(doc, NULL, NULL, &err), PF_EARG);
    pf_record_options o = PF_RECORD_OPTIONS_INIT;
    o.version = 99;
    assert_int_equal(pf_doc_anonymise(doc, &o, &out, &err), PF_EARG);
    assert_string_equal(err.message, "unknown pf_record_options version 99");
    o.version = PF_RECORD_OPTIONS_VERSION;
    o.weighting = (pf_weighting)9;
    assert_int_equal(pf_doc_anonymise(doc, &o, &out, &err), PF_EARG);
    o.weighting = PF_WEIGHT_COUNT;
    o.mode = (pf_score_mode)5;
    assert_int_equal(pf_doc_anonymise(doc, &o, &out, &err), PF_EARG);
    assert_int_equal(pf_doc_anonymise_file(doc, NULL, NULL, &err), PF_EARG);
    assert_int_equal(pf_doc_anonymise_file(doc, NULL, "/nonexistent-dir/x/record.json", &err), PF_EIO);
    pf_record *rec = (pf_record *)&out;
    assert_int_equal(pf_record_read_buffer("{}", 2, NULL, NULL, NULL, NULL, &err), PF_EARG);
    assert_int_equal(pf_record_read_file("/nonexistent-dir/record.json", NULL, &rec, NULL, &err), PF_ENOTFOUND);
    assert_null(rec);
    assert_int_equal(pf_record_read_buffer("{\"record\": 1", 12, "r.json", NULL, &rec, NULL, &err), PF_ESYNTAX);
    assert_null(rec);
    assert_string_equal(err.source, "r.json");
    assert_true(err.line == 2 && err.column == 1); /* where the input ended */
    assert_non_null(strstr(err.message, "syntax error"));
    assert_int_equal(pf_record_write_json(NULL, &out, &err), PF_EARG);
    pf_benchmark_result *res = NULL;
    assert_int_equal(pf_benchmark(NULL, 1, doc, NULL, &res, &err), PF_EARG);
    const pf_record *none[1] = { NULL };
    assert_int_equal(pf_benchmark(none, 1, doc, NULL, &res, &err), PF_EARG);
    assert_int_equal(pf_benchmark(NULL, 0, NULL, NULL, &res, &err), PF_EARG);
    assert_null(res);
    assert_int_equal(pf_benchmark_write_json(NULL, &out, &err), PF_EARG);
    assert_int_equal(pf_benchmark_result_count(NULL), 0);
    assert_null(pf_benchmark_result_at(NULL, 0));
    pf_record_free(NULL);
    pf_benchmark_result_free(NULL);
    pf_buf_dispose(&out);
    pf_doc_free(doc);
}

/* ---- allocation failures ---- */

static void test_allocation_failures(void **st)
{
    (void)st;
    failing_alloc fa = { 0 };
    pf_read_options ro = PF_READ_OPTIONS_INIT;
    ro.allocator = failing_alloc_allocator(&fa);
    pf_doc *doc = NULL;
    assert_int_equal(pf_doc_read_file(SOURCE_ROOT "/examples/data/university-city.yaml", &ro, &doc, NULL, NULL),
                     PF_OK);
    long baseline = fa.live;
    pf_record_options o = PF_RECORD_OPTIONS_INIT;
    o.k = 2;
    pf_buf expected = PF_BUF_INIT;
    assert_int_equal(pf_doc_anonymise(doc, &o, &expected, NULL), PF_OK);
    long n;
    for (n = 1;; n++) {
        pf_buf out = PF_BUF_INIT;
        pf_error err;
        failing_alloc_arm(&fa, n);
        pf_status s = pf_doc_anonymise(doc, &o, &out, &err);
        if (failing_alloc_walk_done(&fa, s, PF_OK, &err, "anonymise", n)) {
            assert_string_equal(out.data, expected.data);
            pf_buf_dispose(&out);
            break;
        }
        pf_buf_dispose(&out);
        assert_int_equal(fa.live, baseline + 1); /* the expected text */
    }
    assert_true(n > 5);
    assert_int_equal(fa.live, baseline + 1);
    /* Reading the record. */
    for (n = 1;; n++) {
        failing_alloc fr = { 0 };
        pf_read_options rro = PF_READ_OPTIONS_INIT;
        rro.allocator = failing_alloc_allocator(&fr);
        pf_record *rec = NULL;
        failing_alloc_arm(&fr, n);
        pf_status s = pf_record_read_buffer(expected.data, expected.size, "record.json", &rro, &rec, NULL, NULL);
        if (failing_alloc_walk_done(&fr, s, PF_OK, NULL, "reading the record", n)) {
            pf_buf again = PF_BUF_INIT;
            assert_int_equal(pf_record_write_json(rec, &again, NULL), PF_OK);
            assert_string_equal(again.data, expected.data);
            pf_buf_dispose(&again);
            pf_record_free(rec);
            assert_int_equal(fr.live, 0);
            break;
        }
        assert_null(rec);
        assert_int_equal(fr.live, 0);
    }
    /* Benchmarking and writing the result. */
    assert_int_equal(fa.live, baseline + 1);
    pf_record *rec = record_of_text(expected.data);
    const pf_record *recs[1] = { rec };
    for (n = 1;; n++) {
        pf_benchmark_result *res = NULL;
        pf_buf out = PF_BUF_INIT;
        pf_error err;
        failing_alloc_arm(&fa, n);
        pf_status s = pf_benchmark(recs, 1, doc, NULL, &res, &err);
        if (s == PF_OK)
            s = pf_benchmark_write_json(res, &out, &err);
        if (failing_alloc_walk_done(&fa, s, PF_OK, &err, "benchmark", n)) {
            assert_true(pf_benchmark_result_count(res) > 20);
            pf_buf_dispose(&out);
            pf_benchmark_result_free(res);
            break;
        }
        pf_buf_dispose(&out);
        pf_benchmark_result_free(res);
        assert_int_equal(fa.live, baseline + 1);
    }
    assert_true(n > 5);
    pf_record_free(rec);
    pf_buf_dispose(&expected);
    pf_doc_free(doc);
    assert_int_equal(fa.live, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_random_documents),   cmocka_unit_test(test_k_threshold),
        cmocka_unit_test(test_complementary_suppression), cmocka_unit_test(test_anonymity_property),
        cmocka_unit_test(test_kept_facts),         cmocka_unit_test(test_golden_records),
        cmocka_unit_test(test_golden_benchmarks),  cmocka_unit_test(test_percentiles),
        cmocka_unit_test(test_arguments),          cmocka_unit_test(test_allocation_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
