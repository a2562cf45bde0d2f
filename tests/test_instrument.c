/* Instruments: the default one against the method, instrument files, documents that name them, the public API. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "failing_alloc.h"
#include "instrument.h" /* internal: slots and derived ranges */

#define EXAMPLES SOURCE_ROOT "/examples/data/"
#define PULSE EXAMPLES "instruments/team-pulse.yaml"

/*
 * The static table lib/instrument.c held before instruments became data
 * (docs/method.md, sections 2.3 and 2.5): data/opsi-pet-2020.yaml must reproduce it slot by
 * slot, in order.
 */
typedef struct expected_slot {
    const char *id;
    pf_form form;
    pf_facet facet;
    pf_dimension dimension;
    double yes;           /* yes-no items: points for yes (no and unsure give 0) */
    const char *options;  /* rank and multi: option ids, space-separated; each scores the facet it is named after */
    double option_points; /* multi */
} expected_slot;

enum { E = PF_FACET_ENHANCEMENT, M = PF_FACET_MISSION, A = PF_FACET_ADAPTIVE, X = PF_FACET_ANTICIPATORY };
#define NOF PF_FACET_UNSET
#define NOD PF_DIMENSION_UNSET
#define ITEM(id, form, facet) { id, form, facet, NOD, 0, NULL, 0 }
#define FACET_ITEMS(q, form) ITEM(q ".enhancement", form, E), ITEM(q ".mission", form, M), \
                             ITEM(q ".adaptive", form, A), ITEM(q ".anticipatory", form, X)
#define RANK(q) { q, PF_FORM_RANK, NOF, NOD, 0, "enhancement mission adaptive anticipatory", 0 }
#define MULTI(q, options, points) { q, PF_FORM_MULTI, NOF, NOD, 0, options, points }
#define CAP(id, form, dim) { id, form, NOF, dim, 0, NULL, 0 }
#define YES_NO(id, yes, dim) { id, PF_FORM_YES_NO, NOF, dim, yes, NULL, 0 }
#define FACETS8 "enhancement1 enhancement2 mission1 mission2 adaptive1 adaptive2 anticipatory1 anticipatory2"
#define FACETS16                                                                                      \
    "enhancement1 enhancement2 enhancement3 enhancement4 mission1 mission2 mission3 mission4 adaptive1 " \
    "adaptive2 adaptive3 adaptive4 anticipatory1 anticipatory2 anticipatory3 anticipatory4"
#define AG PF_FORM_AGREE
#define HALF PF_FORM_AGREE_HALF
#define REV PF_FORM_AGREE_REVERSED
#define SENSE PF_DIMENSION_SENSE_MAKING
#define STEWARD PF_DIMENSION_STEWARDSHIP
#define STRUCT PF_DIMENSION_STRUCTURES
#define RESOURCE PF_DIMENSION_RESOURCES
#define LEARN PF_DIMENSION_LEARNING
#define ECO PF_DIMENSION_ECOSYSTEM

static const expected_slot pet2020[] = {
    FACET_ITEMS("q1", AG),
    RANK("q2"),
    FACET_ITEMS("q3", AG),
    FACET_ITEMS("q4", AG),
    RANK("q5"),
    ITEM("q6.enhancement1", HALF, E), ITEM("q6.enhancement2", HALF, E), ITEM("q6.mission1", HALF, M),
    ITEM("q6.mission2", HALF, M), ITEM("q6.adaptive1", HALF, A), ITEM("q6.adaptive2", HALF, A),
    FACET_ITEMS("q7", AG),
    RANK("q8"),
    FACET_ITEMS("q9", AG),
    MULTI("q10", "enhancement mission adaptive anticipatory", 4),
    FACET_ITEMS("q11", AG),
    RANK("q12"),
    MULTI("q13", FACETS8, 2),
    MULTI("q14", FACETS8, 2),
    MULTI("q15", FACETS16, 1),
    ITEM("q16.enhancement1", HALF, E), ITEM("q16.enhancement2", HALF, E), ITEM("q16.mission1", HALF, M),
    ITEM("q16.mission2", HALF, M), ITEM("q16.adaptive1", HALF, A), ITEM("q16.adaptive2", HALF, A),
    ITEM("q16.anticipatory1", HALF, X), ITEM("q16.anticipatory2", HALF, X),
    YES_NO("q17", 4, SENSE),
    CAP("q18a", AG, SENSE), CAP("q18b", REV, SENSE),
    YES_NO("q19", 4, STEWARD),
    YES_NO("q20", 8, STEWARD),
    CAP("q21", AG, STEWARD),
    CAP("q22a", AG, SENSE), CAP("q22b", AG, STEWARD), CAP("q22c", AG, STEWARD), CAP("q22d", AG, SENSE),
    CAP("q22e", AG, LEARN),
    CAP("q23a", AG, RESOURCE), CAP("q23b", AG, RESOURCE), CAP("q23c", AG, RESOURCE), CAP("q23d", AG, RESOURCE),
    CAP("q24a", AG, STRUCT), CAP("q24b", AG, STRUCT), CAP("q24c", AG, LEARN), CAP("q24d", REV, LEARN),
    CAP("q24e", AG, LEARN), CAP("q24f", AG, LEARN), CAP("q24g", REV, LEARN), CAP("q24h", REV, LEARN),
    CAP("q24i", AG, ECO), CAP("q24j", AG, ECO), CAP("q24k", AG, ECO),
};

static pf_instrument *open_default(void)
{
    pf_instrument *inst = NULL;
    pf_error err;
    if (pf_instrument_open_default(NULL, &inst, &err) != PF_OK)
        fail_msg("%s:%u:%u: %s", err.source, err.line, err.column, err.message);
    return inst;
}

static void test_default_reproduces_the_method(void **state)
{
    (void)state;
    pf_instrument *inst = open_default();
    assert_int_equal(inst->slot_count, 72);
    assert_int_equal(inst->slot_count, sizeof pet2020 / sizeof *pet2020);
    for (size_t i = 0; i < inst->slot_count; i++) {
        const pf_inst_slot *s = &inst->slots[i];
        const expected_slot *x = &pet2020[i];
        assert_string_equal(s->id, x->id);
        assert_int_equal(s->form, x->form);
        assert_int_equal(s->facet, x->facet);
        assert_int_equal(s->dimension, x->dimension);
        assert_true(s->choice_points[PF_CHOICE_YES] == x->yes);
        assert_true(s->choice_points[PF_CHOICE_NO] == 0 && s->choice_points[PF_CHOICE_UNSURE] == 0);
        assert_int_equal(pf__instrument_find(inst, x->id), (int)i);
        assert_non_null(s->text);
        if (!x->options) {
            assert_int_equal(s->option_count, 0);
            continue;
        }
        char ids[256];
        snprintf(ids, sizeof ids, "%s", x->options);
        size_t n = 0;
        for (char *tok = strtok(ids, " "); tok; tok = strtok(NULL, " "), n++) {
            assert_true(n < s->option_count);
            assert_string_equal(s->options[n].id, tok);
            tok[strcspn(tok, "0123456789")] = '\0';
            assert_string_equal(pf_facet_name(s->options[n].facet), tok);
            assert_true(s->options[n].points == x->option_points);
            assert_non_null(s->options[n].text);
        }
        assert_int_equal(s->option_count, n);
        if (s->form == PF_FORM_RANK) {
            static const double places[] = { 4, 2, 1, 0 };
            assert_memory_equal(s->rank_points, places, sizeof places);
        }
    }
    /* Questions: q1..q24, 16 of orientation then 8 of capability, covering the slots in order. */
    assert_int_equal(inst->question_count, 24);
    size_t next = 0;
    for (size_t q = 0; q < inst->question_count; q++) {
        const pf_inst_question *qu = &inst->questions[q];
        char id[24];
        snprintf(id, sizeof id, "q%zu", q + 1);
        assert_string_equal(qu->id, id);
        assert_int_equal(qu->part, q < 16 ? PF_PART_ORIENTATION : PF_PART_CAPABILITY);
        assert_int_equal(qu->first_slot, next);
        for (size_t s = qu->first_slot; s < qu->first_slot + qu->slot_count; s++)
            assert_int_equal(inst->slots[s].question, q);
        next += qu->slot_count;
    }
    assert_int_equal(next, 72);
    assert_true(inst->pet_scale == 64 && inst->capability_base == 16);
    assert_true(inst->level_medium == 36 && inst->level_high == 72);
    pf_instrument_free(inst);
}

static void test_default_ranges(void **state)
{
    (void)state;
    pf_instrument *inst = open_default();
    static const double facet_max[PF_FACET_COUNT] = { 64, 64, 64, 60 };
    static const double dmin[PF_DIMENSION_COUNT] = { -4, 0, 0, 0, -12, 0 };
    static const double dmax[PF_DIMENSION_COUNT] = { 16, 24, 8, 16, 16, 12 };
    assert_memory_equal(inst->facet_max, facet_max, sizeof facet_max);
    assert_memory_equal(inst->dimension_min, dmin, sizeof dmin);
    assert_memory_equal(inst->dimension_max, dmax, sizeof dmax);
    /* The capability score 16 + sum spans 0..108 (docs/method.md, section 4.1). */
    double lo = inst->capability_base, hi = inst->capability_base;
    for (int d = 0; d < PF_DIMENSION_COUNT; d++)
        lo += dmin[d], hi += dmax[d];
    assert_true(lo == 0 && hi == 108);
    pf_instrument_scoring_info info;
    assert_int_equal(pf_instrument_scoring(inst, &info), PF_OK);
    assert_memory_equal(info.facet_max, facet_max, sizeof facet_max);
    assert_memory_equal(info.dimension_min, dmin, sizeof dmin);
    assert_memory_equal(info.dimension_max, dmax, sizeof dmax);
    assert_true(info.pet_scale == 64 && info.capability_base == 16);
    assert_true(info.level_medium == 36 && info.level_high == 72);
    assert_int_equal(pf_instrument_scoring(inst, NULL), PF_EARG);
    pf_instrument_free(inst);
}

static void test_public_getters(void **state)
{
    (void)state;
    pf_instrument *inst = open_default();
    pf_question_info q;
    pf_item_info item;
    pf_option_info option;
    assert_string_equal(pf_instrument_id(inst), PF_DEFAULT_INSTRUMENT);
    assert_non_null(strstr(pf_instrument_title(inst), "Portfolio Exploration Tool"));
    assert_int_equal(pf_instrument_question_count(inst), 24);

    assert_int_equal(pf_instrument_question_at(inst, 0, &q), PF_OK);
    assert_string_equal(q.id, "q1");
    assert_int_equal(q.part, PF_PART_ORIENTATION);
    assert_int_equal(q.form, PF_FORM_AGREE);
    assert_int_equal(q.item_count, 4);
    assert_int_equal(q.option_count, 0);
    assert_null(q.rank_points);
    assert_int_equal(pf_instrument_item_at(inst, 0, 1, &item), PF_OK);
    assert_string_equal(item.id, "q1.mission");
    assert_int_equal(item.facet, PF_FACET_MISSION);
    assert_int_equal(item.dimension, PF_DIMENSION_UNSET);
    assert_int_equal(item.form, PF_FORM_AGREE);
    assert_non_null(item.text);

    assert_int_equal(pf_instrument_question_at(inst, 1, &q), PF_OK);
    assert_string_equal(q.id, "q2");
    assert_int_equal(q.form, PF_FORM_RANK);
    assert_int_equal(q.item_count, 0);
    assert_int_equal(q.option_count, 4);
    assert_true(q.rank_points[0] == 4 && q.rank_points[1] == 2 && q.rank_points[2] == 1 && q.rank_points[3] == 0);
    assert_int_equal(pf_instrument_option_at(inst, 1, 3, &option), PF_OK);
    assert_string_equal(option.id, "anticipatory");
    assert_int_equal(option.facet, PF_FACET_ANTICIPATORY); /* PET's scoring, kept (see the file) */
    assert_true(option.points == 0);

    assert_int_equal(pf_instrument_question_at(inst, 9, &q), PF_OK);
    assert_string_equal(q.id, "q10");
    assert_int_equal(q.form, PF_FORM_MULTI);
    assert_null(q.rank_points);
    assert_int_equal(pf_instrument_option_at(inst, 9, 0, &option), PF_OK);
    assert_true(option.points == 4);

    assert_int_equal(pf_instrument_question_at(inst, 16, &q), PF_OK);
    assert_int_equal(q.part, PF_PART_CAPABILITY);
    assert_int_equal(q.form, PF_FORM_YES_NO);
    assert_int_equal(pf_instrument_item_at(inst, 16, 0, &item), PF_OK);
    assert_string_equal(item.id, "q17");
    assert_int_equal(item.dimension, PF_DIMENSION_SENSE_MAKING);
    assert_int_equal(item.facet, PF_FACET_UNSET);
    assert_true(item.points[PF_CHOICE_YES] == 4 && item.points[PF_CHOICE_NO] == 0 && item.points[PF_CHOICE_UNSURE] == 0);
    assert_int_equal(pf_instrument_item_at(inst, 17, 1, &item), PF_OK);
    assert_string_equal(item.id, "q18b");
    assert_int_equal(item.form, PF_FORM_AGREE_REVERSED); /* the item's own form within an agree question */

    assert_int_equal(pf_instrument_question_at(inst, 24, &q), PF_ENOTFOUND);
    assert_int_equal(pf_instrument_item_at(inst, 0, 4, &item), PF_ENOTFOUND);
    assert_int_equal(pf_instrument_item_at(inst, 1, 0, &item), PF_ENOTFOUND);   /* rank: options only */
    assert_int_equal(pf_instrument_option_at(inst, 0, 0, &option), PF_ENOTFOUND); /* agree: items only */
    assert_int_equal(pf_instrument_option_at(inst, 1, 4, &option), PF_ENOTFOUND);
    assert_int_equal(pf_instrument_option_at(inst, 99, 0, &option), PF_ENOTFOUND);
    assert_int_equal(pf_instrument_question_at(inst, 0, NULL), PF_EARG);
    assert_int_equal(pf_instrument_item_at(NULL, 0, 0, &item), PF_EARG);
    pf_error err;
    assert_int_equal(pf_instrument_open_default(NULL, NULL, &err), PF_EARG);
    pf_instrument_free(inst);
    pf_instrument_free(NULL);
}

static void test_enum_names(void **state)
{
    (void)state;
    pf_dimension d;
    pf_part p;
    assert_string_equal(pf_dimension_name(PF_DIMENSION_SENSE_MAKING), "sense-making");
    assert_string_equal(pf_dimension_name(PF_DIMENSION_ECOSYSTEM), "ecosystem");
    assert_null(pf_dimension_name(PF_DIMENSION_UNSET));
    assert_null(pf_dimension_name((pf_dimension)PF_DIMENSION_COUNT));
    for (int i = 0; i < PF_DIMENSION_COUNT; i++) {
        assert_int_equal(pf_dimension_from_name(pf_dimension_name((pf_dimension)i), &d), PF_OK);
        assert_int_equal(d, i);
    }
    assert_int_equal(pf_dimension_from_name("sensemaking", &d), PF_EARG);
    assert_string_equal(pf_part_name(PF_PART_CAPABILITY), "capability");
    assert_int_equal(pf_part_from_name("orientation", &p), PF_OK);
    assert_int_equal(p, PF_PART_ORIENTATION);
    assert_int_equal(pf_part_from_name(NULL, &p), PF_EARG);
    assert_null(pf_part_name((pf_part)PF_PART_COUNT));
}

static void test_read_file_and_buffer(void **state)
{
    (void)state;
    pf_instrument *inst = NULL;
    pf_error err;
    assert_int_equal(pf_instrument_read_file(PULSE, NULL, &inst, NULL, &err), PF_OK);
    assert_string_equal(pf_instrument_id(inst), "team-pulse-2025");
    assert_int_equal(pf_instrument_question_count(inst), 5);
    assert_int_equal(inst->slot_count, 12);
    static const double facet_max[PF_FACET_COUNT] = { 10, 10, 10, 10 };
    static const double dmin[PF_DIMENSION_COUNT] = { 0, 0, 0, 0, -4, 0 };
    static const double dmax[PF_DIMENSION_COUNT] = { 4, 4, 4, 4, 0, 4 };
    assert_memory_equal(inst->facet_max, facet_max, sizeof facet_max);
    assert_memory_equal(inst->dimension_min, dmin, sizeof dmin);
    assert_memory_equal(inst->dimension_max, dmax, sizeof dmax);
    pf_item_info item;
    assert_int_equal(pf_instrument_item_at(inst, 3, 0, &item), PF_OK);
    assert_true(item.points[PF_CHOICE_UNSURE] == 1);
    pf_instrument_free(inst);

    /* Buffers: the source name and the options are checked as for documents. */
    const char *text = "instrument: 1\nid: x\n";
    inst = NULL;
    assert_int_equal(pf_instrument_read_buffer(text, strlen(text), NULL, NULL, &inst, NULL, &err), PF_EINVALID);
    assert_null(inst);
    assert_string_equal(err.source, "<buffer>");
    assert_string_equal(err.message, "missing key 'title' in the instrument file");
    assert_int_equal(pf_instrument_read_buffer(text, strlen(text), NULL, NULL, NULL, NULL, &err), PF_EARG);
    assert_int_equal(pf_instrument_read_buffer(NULL, 3, NULL, NULL, &inst, NULL, &err), PF_EARG);
    pf_read_options opts = PF_READ_OPTIONS_INIT;
    opts.version = 99;
    assert_int_equal(pf_instrument_read_buffer(text, strlen(text), NULL, &opts, &inst, NULL, &err), PF_EARG);
    assert_int_equal(pf_instrument_read_file(PULSE, &opts, &inst, NULL, &err), PF_EARG);
    opts.version = PF_READ_OPTIONS_VERSION;
    opts.max_depth = 3; /* root, questions, a question: items are one level too deep */
    assert_int_equal(pf_instrument_read_file(PULSE, &opts, &inst, NULL, &err), PF_ELIMIT);
    assert_string_equal(err.message, "nesting deeper than the limit of 3 levels");
    assert_int_equal(pf_instrument_read_file("/nonexistent/x.yaml", NULL, &inst, NULL, &err), PF_ENOTFOUND);
    assert_int_equal(pf_instrument_read_file(PULSE, NULL, NULL, NULL, &err), PF_EARG);
    assert_null(inst);
}

static void test_document_answers_its_instrument_file(void **state)
{
    (void)state;
    pf_doc *doc = NULL;
    pf_error err;
    if (pf_doc_read_file(EXAMPLES "team-pulse.yaml", NULL, &doc, NULL, &err) != PF_OK)
        fail_msg("%s:%u:%u: %s", err.source, err.line, err.column, err.message);
    assert_string_equal(pf_doc_instrument_id(doc), "team-pulse-2025");
    assert_string_equal(pf_doc_instrument_path(doc), "instruments/team-pulse.yaml");
    assert_string_equal(pf_instrument_title(pf_doc_instrument(doc)), "Team innovation pulse");
    pf_assessment *a = pf_doc_find_assessment(doc, "r-001");
    assert_int_equal(pf_assessment_answer_count(a), 12);
    pf_answer ans;
    assert_int_equal(pf_assessment_answer(a, "p2", &ans), PF_OK);
    assert_int_equal(ans.option_count, 4);
    assert_string_equal(ans.options[0], "efficiency");
    assert_int_equal(pf_assessment_answer(a, "c2.silos", &ans), PF_OK);
    assert_int_equal(ans.form, PF_FORM_AGREE_REVERSED);
    assert_int_equal(ans.agreement, 3);
    /* The API checks answers against the same instrument. */
    assert_int_equal(pf_assessment_set_agreement(a, "q1.mission", 3, &err), PF_ENOTFOUND);
    assert_string_equal(err.message, "'q1.mission': not an item or question of instrument team-pulse-2025");
    const char *picks[] = { "prototype", "scenarios" };
    assert_int_equal(pf_assessment_set_options(a, "p3", picks, 2, &err), PF_OK);
    /* Written back with the path as the document gave it. */
    pf_buf out = PF_BUF_INIT;
    assert_int_equal(pf_doc_write_buf(doc, &out, &err), PF_OK);
    assert_non_null(strstr(out.data, "\ninstrument: instruments/team-pulse.yaml\n"));
    assert_non_null(strstr(out.data, "p3: [prototype, scenarios]"));
    pf_buf_dispose(&out);
    pf_doc_free(doc);
}

static void test_instrument_file_problems_keep_their_positions(void **state)
{
    (void)state;
    const char *path = SOURCE_ROOT "/tests/data/invalid/instrument-file-invalid.yaml";
    pf_diagnostics *diags;
    pf_doc *doc = NULL;
    pf_error err;
    assert_int_equal(pf_diagnostics_new(NULL, &diags), PF_OK);
    assert_int_equal(pf_doc_read_file(path, NULL, &doc, diags, &err), PF_EINVALID);
    assert_int_equal(pf_diagnostics_count(diags), 4);
    const pf_error *e = pf_diagnostics_at(diags, 0);
    assert_string_equal(e->source, path);
    assert_int_equal(e->line, 4);
    assert_memory_equal(&err, e, sizeof err);
    e = pf_diagnostics_at(diags, 2);
    assert_string_equal(e->source, SOURCE_ROOT "/tests/data/invalid/instruments/broken.yaml");
    assert_int_equal(e->line, 12);
    assert_int_equal(e->column, 27);
    assert_int_equal(e->offset, 362);
    /* Without a diagnostics list, err still says what is wrong. */
    assert_int_equal(pf_doc_read_file(path, NULL, &doc, NULL, &err), PF_EINVALID);
    assert_string_equal(err.message, "instrument: 'instruments/broken.yaml' is not a usable instrument (2 problems "
                                     "in it, listed after this document's)");
    pf_diagnostics_free(diags);
}

static void test_set_instrument_file(void **state)
{
    (void)state;
    pf_doc *doc = NULL;
    pf_error err;
    pf_diagnostics *diags;
    assert_int_equal(pf_diagnostics_new(NULL, &diags), PF_OK);
    assert_int_equal(pf_doc_new(NULL, &doc, &err), PF_OK);
    assert_null(pf_doc_instrument_path(doc));
    assert_int_equal(pf_doc_set_instrument_file(doc, PULSE, diags, &err), PF_OK);
    assert_string_equal(pf_doc_instrument_path(doc), PULSE);
    assert_string_equal(pf_doc_instrument_id(doc), "team-pulse-2025");
    /* Back to the built-in one by id; then a path through pf_doc_set_instrument. */
    assert_int_equal(pf_doc_set_instrument(doc, PF_DEFAULT_INSTRUMENT, &err), PF_OK);
    assert_null(pf_doc_instrument_path(doc));
    assert_string_equal(pf_doc_instrument_id(doc), PF_DEFAULT_INSTRUMENT);
    assert_int_equal(pf_doc_set_instrument(doc, PULSE, &err), PF_OK);
    assert_string_equal(pf_doc_instrument_id(doc), "team-pulse-2025");
    /* A file that cannot be used leaves the document as it was. */
    const char *broken = SOURCE_ROOT "/tests/data/invalid/instruments/broken.yaml";
    assert_int_equal(pf_doc_set_instrument_file(doc, broken, diags, &err), PF_EINVALID);
    assert_int_equal(pf_diagnostics_count(diags), 2);
    assert_string_equal(err.source, broken);
    assert_int_equal(err.line, 12);
    assert_int_equal(pf_doc_set_instrument(doc, "nowhere/x.yaml", &err), PF_ENOTFOUND);
    assert_string_equal(err.source, "nowhere/x.yaml");
    assert_string_equal(pf_doc_instrument_path(doc), PULSE);
    assert_int_equal(pf_doc_set_instrument_file(doc, NULL, NULL, &err), PF_EARG);
    /* Once assessments refer to it, the instrument stays. */
    pf_assessment *a;
    assert_int_equal(pf_doc_add_assessment(doc, "r1", &a, &err), PF_OK);
    assert_int_equal(pf_assessment_set_choice(a, "c1", PF_CHOICE_YES, &err), PF_OK);
    assert_int_equal(pf_doc_set_instrument_file(doc, PULSE, NULL, &err), PF_EARG);
    assert_string_equal(err.message, "instrument: cannot change once assessments refer to it");
    pf_buf out = PF_BUF_INIT;
    assert_int_equal(pf_doc_write_buf(doc, &out, &err), PF_OK);
    assert_non_null(strstr(out.data, "instrument: " PULSE "\n"));
    pf_buf_dispose(&out);
    pf_diagnostics_free(diags);
    pf_doc_free(doc);
}

/* A file name that would read as an id is written so that it reads back as the same file. */
static void test_instrument_file_without_extension_round_trips(void **state)
{
    (void)state;
    char dir[] = "/tmp/pf-instrument-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char cwd[4096], cmd[8192];
    assert_non_null(getcwd(cwd, sizeof cwd));
    snprintf(cmd, sizeof cmd, "cp '%s' '%s/pulse'", PULSE, dir);
    assert_int_equal(system(cmd), 0);
    assert_int_equal(chdir(dir), 0);
    pf_doc *doc = NULL, *back = NULL;
    pf_error err;
    pf_buf out = PF_BUF_INIT;
    assert_int_equal(pf_doc_new(NULL, &doc, &err), PF_OK);
    assert_int_equal(pf_doc_set_instrument_file(doc, "pulse", NULL, &err), PF_OK);
    assert_int_equal(pf_doc_write_buf(doc, &out, &err), PF_OK);
    assert_non_null(strstr(out.data, "instrument: ./pulse\n"));
    assert_int_equal(pf_doc_read_buffer(out.data, out.size, "doc.yaml", NULL, &back, NULL, &err), PF_OK);
    assert_string_equal(pf_doc_instrument_id(back), "team-pulse-2025");
    assert_int_equal(chdir(cwd), 0);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
    pf_buf_dispose(&out);
    pf_doc_free(back);
    pf_doc_free(doc);
}

/* docs/instrument.md shows examples/data/instruments/team-pulse.yaml, verbatim. */
static void test_docs_example_is_the_example_file(void **state)
{
    (void)state;
    FILE *f = fopen(SOURCE_ROOT "/docs/instrument.md", "r");
    assert_non_null(f);
    char line[1024], block[16384] = "";
    bool in = false, done = false;
    while (!done && fgets(line, sizeof line, f)) {
        if (!in && strcmp(line, "```yaml\n") == 0)
            in = true;
        else if (in && strcmp(line, "```\n") == 0)
            done = true;
        else if (in && strlen(block) + strlen(line) < sizeof block)
            strcat(block, line);
    }
    fclose(f);
    assert_true(done);
    f = fopen(PULSE, "r");
    assert_non_null(f);
    char file[16384];
    size_t n = fread(file, 1, sizeof file - 1, f);
    fclose(f);
    file[n] = '\0';
    assert_string_equal(block, file);
    pf_instrument *inst = NULL;
    pf_error err;
    assert_int_equal(pf_instrument_read_buffer(block, strlen(block), "docs", NULL, &inst, NULL, &err), PF_OK);
    pf_instrument_free(inst);
}

/* ---- texts in several languages ---- */

/* Both forms of text, an instrument in French with English and Canadian French translations. */
static const char translated_yaml[] =
    "instrument: 1\n"
    "id: bilingual\n"
    "language: fr\n"
    "title: {fr: Petit instrument, en: Tiny instrument, fr-CA: Petit questionnaire}\n"
    "scoring: {pet_scale: 4, capability_base: 0, capability_levels: {medium: 8, high: 16}}\n"
    "questions:\n"
    "  - id: o1\n"
    "    part: orientation\n"
    "    form: agree\n"
    "    text:\n"
    "      fr: \"O\xc3\xb9 l'\xc3\xa9quipe met-elle ses efforts\\u202f?\"\n"
    "      en: Where does the team put its effort?\n"
    "      de: Wohin steckt das Team seine Kraft?\n"
    "    items:\n"
    "      - {id: o1.e, facet: enhancement, text: {en: Efficiency., fr: Efficience.}}\n"
    "      - {id: o1.m, facet: mission, text: Objectifs.}\n"
    "      - {id: o1.a, facet: adaptive, text: {fr: Usagers., fr-CA: Usagers et usag\xc3\xa8res., en: Users.}}\n"
    "      - {id: o1.x, facet: anticipatory, text: {fr: Avenirs.}}\n"
    "  - id: c1\n"
    "    part: capability\n"
    "    form: agree\n"
    "    text: Comment l'\xc3\xa9quipe travaille-t-elle ?\n"
    "    items:\n"
    "      - {id: c1.s, dimension: sense-making, text: Revues.}\n"
    "      - {id: c1.t, dimension: stewardship, text: Vue d'ensemble.}\n"
    "      - {id: c1.u, dimension: structures, text: M\xc3\xa9thodes.}\n"
    "      - {id: c1.r, dimension: resources, text: Financement.}\n"
    "      - {id: c1.l, dimension: learning, text: Apprentissage.}\n"
    "      - {id: c1.e, dimension: ecosystem, text: Partenaires.}\n"
    "  - id: r1\n"
    "    part: orientation\n"
    "    form: rank\n"
    "    text: {fr: Qu'est-ce qui compte le plus ?, en: What matters most?}\n"
    "    rank_points: [4, 2, 1, 0]\n"
    "    options:\n"
    "      - {id: e, facet: enhancement, text: {fr: Budgets., en-GB: Budgets (GB).}}\n"
    "      - {id: m, facet: mission, text: {fr: Objectifs., en: Goals.}}\n"
    "      - {id: a, facet: adaptive, text: Usagers.}\n"
    "      - {id: x, facet: anticipatory, text: {fr: Avenirs., en: Futures.}}\n";

static pf_instrument *read_translated(void)
{
    pf_instrument *inst = NULL;
    pf_error err;
    if (pf_instrument_read_buffer(translated_yaml, strlen(translated_yaml), "bilingual.yaml", NULL, &inst, NULL,
                                  &err) != PF_OK)
        fail_msg("%s:%u:%u: %s", err.source, err.line, err.column, err.message);
    return inst;
}

static const char *question_text(const pf_instrument *inst, size_t q, const char *lang)
{
    pf_question_info info;
    assert_int_equal(pf_instrument_question_in(inst, q, lang, &info), PF_OK);
    return info.text;
}

static const char *item_text(const pf_instrument *inst, size_t q, size_t i, const char *lang)
{
    pf_item_info info;
    assert_int_equal(pf_instrument_item_in(inst, q, i, lang, &info), PF_OK);
    return info.text;
}

static const char *option_text(const pf_instrument *inst, size_t q, size_t i, const char *lang)
{
    pf_option_info info;
    assert_int_equal(pf_instrument_option_in(inst, q, i, lang, &info), PF_OK);
    return info.text;
}

static void test_translations_languages(void **state)
{
    (void)state;
    pf_instrument *inst = read_translated();
    /* The instrument's own language first, then the others as they first appear. */
    assert_int_equal(pf_instrument_language_count(inst), 5);
    assert_string_equal(pf_instrument_language_at(inst, 0), "fr");
    assert_string_equal(pf_instrument_language_at(inst, 1), "en");
    assert_string_equal(pf_instrument_language_at(inst, 2), "fr-CA");
    assert_string_equal(pf_instrument_language_at(inst, 3), "de");
    assert_string_equal(pf_instrument_language_at(inst, 4), "en-GB");
    assert_null(pf_instrument_language_at(inst, 5));
    assert_null(pf_instrument_language_at(NULL, 0));
    assert_int_equal(pf_instrument_language_count(NULL), 0);
    /* Only the texts' versions in other languages take room in the table. */
    assert_int_equal(inst->translation_count, 11);
    pf_instrument_free(inst);

    /* Plain texts only: one language, English by default, and no table. */
    assert_int_equal(pf_instrument_read_file(PULSE, NULL, &inst, NULL, NULL), PF_OK);
    assert_int_equal(pf_instrument_language_count(inst), 2);
    assert_string_equal(pf_instrument_language_at(inst, 0), "en");
    assert_string_equal(pf_instrument_language_at(inst, 1), "fr");
    pf_instrument_free(inst);
    const char *plain = strstr(translated_yaml, "  - id: c1\n");
    char yaml[2048];
    snprintf(yaml, sizeof yaml, "instrument: 1\nid: plain\ntitle: Plain\nscoring: {pet_scale: 4, capability_base: 0, "
             "capability_levels: {medium: 8, high: 16}}\nquestions:\n  - id: o1\n    part: orientation\n    form: agree\n"
             "    text: Q?\n    items:\n      - {id: o1.e, facet: enhancement, text: E.}\n"
             "      - {id: o1.m, facet: mission, text: M.}\n      - {id: o1.a, facet: adaptive, text: A.}\n"
             "      - {id: o1.x, facet: anticipatory, text: X.}\n%.*s",
             (int)(strstr(plain, "  - id: r1\n") - plain), plain);
    pf_error err;
    if (pf_instrument_read_buffer(yaml, strlen(yaml), "plain.yaml", NULL, &inst, NULL, &err) != PF_OK)
        fail_msg("%s:%u:%u: %s", err.source, err.line, err.column, err.message);
    assert_int_equal(pf_instrument_language_count(inst), 1);
    assert_string_equal(pf_instrument_language_at(inst, 0), "en");
    assert_int_equal(inst->translation_count, 0);
    assert_null(inst->translations);
    assert_string_equal(pf_instrument_title_in(inst, "fr"), "Plain");
    assert_string_equal(question_text(inst, 0, "fr"), "Q?");
    assert_string_equal(item_text(inst, 1, 2, "de"), "M\xc3\xa9thodes.");
    pf_instrument_free(inst);
}

static void test_translations_getters(void **state)
{
    (void)state;
    pf_instrument *inst = read_translated();
    /* title: fr (own), en, fr-CA */
    assert_string_equal(pf_instrument_title(inst), "Petit instrument");
    assert_string_equal(pf_instrument_title_in(inst, NULL), "Petit instrument");
    assert_string_equal(pf_instrument_title_in(inst, "fr"), "Petit instrument");
    assert_string_equal(pf_instrument_title_in(inst, "en"), "Tiny instrument");
    assert_string_equal(pf_instrument_title_in(inst, "fr-CA"), "Petit questionnaire");
    assert_string_equal(pf_instrument_title_in(inst, "fr-BE"), "Petit instrument");  /* fr-BE -> fr */
    assert_string_equal(pf_instrument_title_in(inst, "de"), "Petit instrument");     /* no German title */
    assert_string_equal(pf_instrument_title_in(inst, "en-GB"), "Tiny instrument");   /* en-GB -> en */
    /* Case is ignored and '_' reads as '-', as in locale names; subtags are dropped one by one. */
    assert_string_equal(pf_instrument_title_in(inst, "EN"), "Tiny instrument");
    assert_string_equal(pf_instrument_title_in(inst, "fr_ca"), "Petit questionnaire");
    assert_string_equal(pf_instrument_title_in(inst, "fr-CA-x-quebec"), "Petit questionnaire");
    assert_string_equal(pf_instrument_title_in(inst, "fr-"), "Petit instrument");
    assert_string_equal(pf_instrument_title_in(inst, ""), "Petit instrument");
    assert_string_equal(pf_instrument_title_in(inst, "e"), "Petit instrument");
    assert_string_equal(pf_instrument_title_in(inst, "eng"), "Petit instrument"); /* not a prefix match */
    assert_null(pf_instrument_title_in(NULL, "en"));

    /* question o1: fr, en, de */
    const char *fr_q = "O\xc3\xb9 l'\xc3\xa9quipe met-elle ses efforts\xe2\x80\xaf?";
    assert_string_equal(question_text(inst, 0, NULL), fr_q);
    assert_string_equal(question_text(inst, 0, "fr"), fr_q);
    assert_string_equal(question_text(inst, 0, "fr-CA"), fr_q); /* the question has no fr-CA: fr */
    assert_string_equal(question_text(inst, 0, "en"), "Where does the team put its effort?");
    assert_string_equal(question_text(inst, 0, "de"), "Wohin steckt das Team seine Kraft?");
    assert_string_equal(question_text(inst, 0, "de-AT"), "Wohin steckt das Team seine Kraft?");
    assert_string_equal(question_text(inst, 0, "it"), fr_q);
    pf_question_info q, q_at;
    assert_int_equal(pf_instrument_question_in(inst, 2, "en", &q), PF_OK);
    assert_int_equal(pf_instrument_question_at(inst, 2, &q_at), PF_OK);
    /* Everything but the text is the plain getter's. */
    assert_string_equal(q.text, "What matters most?");
    assert_string_equal(q_at.text, "Qu'est-ce qui compte le plus ?");
    assert_ptr_equal(q.id, q_at.id);
    assert_ptr_equal(q.rank_points, q_at.rank_points);
    assert_int_equal(q.form, PF_FORM_RANK);
    assert_int_equal(q.option_count, 4);
    /* The plain text is the own-language text itself, not a copy. */
    assert_ptr_equal(question_text(inst, 2, NULL), q_at.text);
    assert_ptr_equal(question_text(inst, 2, "de"), q_at.text);
    /* A plain text in a French instrument is French, whatever the language asked for. */
    assert_string_equal(question_text(inst, 1, "en"), "Comment l'\xc3\xa9quipe travaille-t-elle ?");

    /* items */
    assert_string_equal(item_text(inst, 0, 0, "en"), "Efficiency.");
    assert_string_equal(item_text(inst, 0, 0, "fr-CA"), "Efficience.");
    assert_string_equal(item_text(inst, 0, 0, NULL), "Efficience.");
    assert_string_equal(item_text(inst, 0, 1, "en"), "Objectifs.");
    assert_string_equal(item_text(inst, 0, 2, "fr-CA"), "Usagers et usag\xc3\xa8res.");
    assert_string_equal(item_text(inst, 0, 2, "fr"), "Usagers.");
    assert_string_equal(item_text(inst, 0, 2, "en-US"), "Users.");
    assert_string_equal(item_text(inst, 0, 2, "de"), "Usagers.");
    assert_string_equal(item_text(inst, 0, 3, "en"), "Avenirs."); /* a mapping with its own language only */
    pf_item_info item, item_at;
    assert_int_equal(pf_instrument_item_in(inst, 0, 2, "en", &item), PF_OK);
    assert_int_equal(pf_instrument_item_at(inst, 0, 2, &item_at), PF_OK);
    assert_string_equal(item.id, "o1.a");
    assert_int_equal(item.facet, PF_FACET_ADAPTIVE);
    assert_int_equal(item.form, PF_FORM_AGREE);
    assert_string_equal(item_at.text, "Usagers.");

    /* options */
    assert_string_equal(option_text(inst, 2, 0, "en"), "Budgets.");   /* only en-GB: en is not en-GB */
    assert_string_equal(option_text(inst, 2, 0, "en-GB"), "Budgets (GB).");
    assert_string_equal(option_text(inst, 2, 1, "en"), "Goals.");
    assert_string_equal(option_text(inst, 2, 1, "fr-CA"), "Objectifs.");
    assert_string_equal(option_text(inst, 2, 1, "de"), "Objectifs.");
    assert_string_equal(option_text(inst, 2, 1, NULL), "Objectifs.");
    assert_string_equal(option_text(inst, 2, 2, "en"), "Usagers.");
    assert_string_equal(option_text(inst, 2, 3, "en"), "Futures.");
    pf_option_info option, option_at;
    assert_int_equal(pf_instrument_option_in(inst, 2, 3, "en", &option), PF_OK);
    assert_int_equal(pf_instrument_option_at(inst, 2, 3, &option_at), PF_OK);
    assert_ptr_equal(option.id, option_at.id);
    assert_int_equal(option.facet, PF_FACET_ANTICIPATORY);

    /* Arguments and ranges as the plain getters. */
    assert_int_equal(pf_instrument_question_in(inst, 3, "en", &q), PF_ENOTFOUND);
    assert_int_equal(pf_instrument_question_in(NULL, 0, "en", &q), PF_EARG);
    assert_int_equal(pf_instrument_question_in(inst, 0, "en", NULL), PF_EARG);
    assert_int_equal(pf_instrument_item_in(inst, 0, 4, "en", &item), PF_ENOTFOUND);
    assert_int_equal(pf_instrument_item_in(inst, 2, 0, "en", &item), PF_ENOTFOUND); /* rank: options only */
    assert_int_equal(pf_instrument_item_in(inst, 9, 0, "en", &item), PF_ENOTFOUND);
    assert_int_equal(pf_instrument_item_in(NULL, 0, 0, "en", &item), PF_EARG);
    assert_int_equal(pf_instrument_item_in(inst, 0, 0, "en", NULL), PF_EARG);
    assert_int_equal(pf_instrument_option_in(inst, 2, 4, "en", &option), PF_ENOTFOUND);
    assert_int_equal(pf_instrument_option_in(inst, 0, 0, "en", &option), PF_ENOTFOUND); /* agree: items only */
    assert_int_equal(pf_instrument_option_in(inst, 9, 0, "en", &option), PF_ENOTFOUND);
    assert_int_equal(pf_instrument_option_in(NULL, 2, 0, "en", &option), PF_EARG);
    assert_int_equal(pf_instrument_option_in(inst, 2, 0, "en", NULL), PF_EARG);
    pf_instrument_free(inst);
}

static void test_language_tags(void **state)
{
    (void)state;
    static const char *const valid[] = { "en", "fr", "gsw", "fr-CA", "es-419", "zh-Hant-TW", "sr-Latn-RS",
                                         "de-CH-1996", "en-a-12345678", "fr-x-y-z" };
    static const char *const invalid[] = { "", "e", "engl", "EN", "Fr", "fr_CA", "fr-", "-fr", "fr--CA", "fr-CA-",
                                           "fr-abcdefghi", "fr CA", "fr.CA", "\xc3\xa9n", "12",
                                           "en-a-b-c-d-e-f-g-h-i-j-k-l-m-n-o-p-q" /* 36 characters */ };
    for (size_t i = 0; i < sizeof valid / sizeof *valid; i++)
        if (!pf__lang_tag_valid(valid[i]))
            fail_msg("'%s' should be a language tag", valid[i]);
    for (size_t i = 0; i < sizeof invalid / sizeof *invalid; i++)
        if (pf__lang_tag_valid(invalid[i]))
            fail_msg("'%s' should not be a language tag", invalid[i]);
    assert_int_equal(strlen("en-a-b-c-d-e-f-g-h-i-j-k-l-m-n-o-pq"), PF__LANG_TAG_MAX);
    assert_true(pf__lang_tag_valid("en-a-b-c-d-e-f-g-h-i-j-k-l-m-n-o-pq"));
    assert_true(pf__lang_tag_equal("fr-CA", "fr_ca", 5));
    assert_true(pf__lang_tag_equal("fr", "fr-CA", 2));
    assert_false(pf__lang_tag_equal("fr", "fr-CA", 5));
    assert_false(pf__lang_tag_equal("fr-CA", "fr", 2));
}

/* Counts the default instrument's texts and their French versions, checking each. */
static void check_all_french(const pf_instrument *inst, size_t *texts, size_t *french)
{
    *texts = *french = 0;
    const char *candidates[3 * 200][2];
    size_t n = 0;
    candidates[n][0] = pf_instrument_title(inst);
    candidates[n++][1] = pf_instrument_title_in(inst, "fr");
    for (size_t q = 0; q < pf_instrument_question_count(inst); q++) {
        pf_question_info info, fr;
        assert_int_equal(pf_instrument_question_at(inst, q, &info), PF_OK);
        assert_int_equal(pf_instrument_question_in(inst, q, "fr", &fr), PF_OK);
        candidates[n][0] = info.text;
        candidates[n++][1] = fr.text;
        /* French questions end as French typography writes them: a narrow no-break space before '?'. */
        size_t len = strlen(fr.text);
        assert_true(len > 4 && strcmp(fr.text + len - 4, "\xe2\x80\xaf?") == 0);
        for (size_t i = 0; i < info.item_count; i++) {
            pf_item_info a, b;
            assert_int_equal(pf_instrument_item_at(inst, q, i, &a), PF_OK);
            assert_int_equal(pf_instrument_item_in(inst, q, i, "fr", &b), PF_OK);
            candidates[n][0] = a.text;
            candidates[n++][1] = b.text;
        }
        for (size_t i = 0; i < info.option_count; i++) {
            pf_option_info a, b;
            assert_int_equal(pf_instrument_option_at(inst, q, i, &a), PF_OK);
            assert_int_equal(pf_instrument_option_in(inst, q, i, "fr", &b), PF_OK);
            candidates[n][0] = a.text;
            candidates[n++][1] = b.text;
        }
    }
    for (size_t i = 0; i < n; i++) {
        assert_non_null(candidates[i][0]);
        assert_non_null(candidates[i][1]);
        assert_true(strlen(candidates[i][1]) > 0);
        (*texts)++;
        if (strcmp(candidates[i][0], candidates[i][1]) != 0)
            (*french)++;
        else
            print_message("no French text: %s\n", candidates[i][0]);
    }
}

static void test_default_in_french(void **state)
{
    (void)state;
    pf_instrument *inst = open_default();
    assert_int_equal(pf_instrument_language_count(inst), 2);
    assert_string_equal(pf_instrument_language_at(inst, 0), "en");
    assert_string_equal(pf_instrument_language_at(inst, 1), "fr");
    size_t texts, french;
    check_all_french(inst, &texts, &french);
    /* The title, 24 questions, 64 items and 52 options: every one in French. */
    assert_int_equal(texts, 1 + 24 + 64 + 52);
    assert_int_equal(french, texts);
    assert_int_equal(inst->translation_count, texts);
    /* French wins, Canadian French falls back to it, anything else to English. */
    assert_string_equal(item_text(inst, 0, 1, "fr"), "Faire avancer de grands objectifs de soci\xc3\xa9t\xc3\xa9.");
    assert_string_equal(item_text(inst, 0, 1, "fr-CA"), "Faire avancer de grands objectifs de soci\xc3\xa9t\xc3\xa9.");
    assert_string_equal(item_text(inst, 0, 1, "de"), "Making progress on large goals for society.");
    assert_string_equal(item_text(inst, 0, 1, NULL), "Making progress on large goals for society.");
    assert_string_equal(item_text(inst, 0, 1, "en"), "Making progress on large goals for society.");
    assert_string_equal(option_text(inst, 1, 0, "fr"), "Respecter les d\xc3\xa9lais et le budget pr\xc3\xa9vus.");
    assert_string_equal(option_text(inst, 1, 0, "de"), "Delivering on time and within budget.");
    assert_string_equal(question_text(inst, 23, "fr-FR"),
                        "Comment les \xc3\xa9quipes et les services travaillent-ils, s\xc3\xa9par\xc3\xa9ment et "
                        "ensemble\xe2\x80\xaf?");
    assert_non_null(strstr(pf_instrument_title_in(inst, "fr"), "de l'OCDE (2020)"));
    pf_instrument_free(inst);

    /* The example instrument too. */
    assert_int_equal(pf_instrument_read_file(PULSE, NULL, &inst, NULL, NULL), PF_OK);
    check_all_french(inst, &texts, &french);
    assert_int_equal(texts, 1 + 5 + 12 - 2 + 8);
    assert_int_equal(french, texts);
    assert_string_equal(pf_instrument_title_in(inst, "fr"), "Barom\xc3\xa8tre de l'innovation de l'\xc3\xa9quipe");
    pf_instrument_free(inst);
}

enum { OPEN_DEFAULT, READ_PULSE, READ_DOCUMENT, SET_FILE, READ_TRANSLATED, WALKS };

static pf_status walk_step(int what, const pf_allocator *a, pf_error *err)
{
    pf_read_options opts = PF_READ_OPTIONS_INIT;
    opts.allocator = *a;
    pf_instrument *inst = NULL;
    pf_doc *doc = NULL;
    pf_status s = PF_OK;
    switch (what) {
    case OPEN_DEFAULT:
        s = pf_instrument_open_default(a, &inst, err);
        break;
    case READ_PULSE:
        s = pf_instrument_read_file(PULSE, &opts, &inst, NULL, err);
        break;
    case READ_DOCUMENT:
        s = pf_doc_read_file(EXAMPLES "team-pulse.yaml", &opts, &doc, NULL, err);
        break;
    case READ_TRANSLATED:
        s = pf_instrument_read_buffer(translated_yaml, strlen(translated_yaml), NULL, &opts, &inst, NULL, err);
        break;
    case SET_FILE: {
        pf_doc_options dopts = PF_DOC_OPTIONS_INIT;
        dopts.allocator = *a;
        s = pf_doc_new(&dopts, &doc, err);
        if (s == PF_OK)
            s = pf_doc_set_instrument_file(doc, PULSE, NULL, err);
        break;
    }
    }
    pf_instrument_free(inst);
    pf_doc_free(doc);
    return s;
}

static void test_every_allocation_failure_is_reported(void **state)
{
    (void)state;
    for (int what = 0; what < WALKS; what++) {
        long n = 1;
        for (;; n++) {
            failing_alloc f = { 0 };
            pf_allocator a = failing_alloc_allocator(&f);
            pf_error err;
            failing_alloc_arm(&f, n);
            pf_status s = walk_step(what, &a, &err);
            assert_int_equal(f.live, 0); /* nothing leaked through the allocator */
            char name[24];
            snprintf(name, sizeof name, "walk %d", what);
            if (failing_alloc_walk_done(&f, s, PF_OK, &err, name, n))
                break;
        }
        assert_true(n > 20);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_default_reproduces_the_method),
        cmocka_unit_test(test_default_ranges),
        cmocka_unit_test(test_public_getters),
        cmocka_unit_test(test_enum_names),
        cmocka_unit_test(test_read_file_and_buffer),
        cmocka_unit_test(test_document_answers_its_instrument_file),
        cmocka_unit_test(test_instrument_file_problems_keep_their_positions),
        cmocka_unit_test(test_set_instrument_file),
        cmocka_unit_test(test_instrument_file_without_extension_round_trips),
        cmocka_unit_test(test_docs_example_is_the_example_file),
        cmocka_unit_test(test_translations_languages),
        cmocka_unit_test(test_translations_getters),
        cmocka_unit_test(test_language_tags),
        cmocka_unit_test(test_default_in_french),
        cmocka_unit_test(test_every_allocation_failure_is_reported),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
