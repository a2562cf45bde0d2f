/*
 * libFuzzer target: any bytes as a CSV file of answers and of projects, read
 * without or with a mapping file; whatever imports must write a document that
 * reads back.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <portfolio/portfolio.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A mapping that exercises headers, rank places, multi options and extra words. */
static const char answers_map[] = "import: 1\n"
                                  "kind: answers\n"
                                  "columns:\n"
                                  "  ID: respondent\n"
                                  "  Q1: q1.mission\n"
                                  "  Q2_1: q2.enhancement\n"
                                  "  Q2_2: q2.mission\n"
                                  "  Q2_3: q2.adaptive\n"
                                  "  Q2_4: q2.anticipatory\n"
                                  "  Q10_1: q10.mission\n"
                                  "  Note: ignore\n"
                                  "values:\n"
                                  "  agree: {Sometimes: 2}\n"
                                  "  yes-no: {Y: yes}\n"
                                  "  role: {Boss: senior-management}\n";

static const char projects_map[] = "import: 1\n"
                                   "kind: projects\n"
                                   "separator: \";\"\n"
                                   "columns: {Identifiant: id, Titre: title, Etape: stage, Budget: budget}\n"
                                   "values:\n"
                                   "  stage: {Pilote: piloting}\n";

static void round_trip(pf_doc *doc)
{
    pf_buf out = PF_BUF_INIT;
    if (pf_doc_write_buf(doc, &out, NULL) == PF_OK) {
        pf_doc *again = NULL;
        /* What an import gives is a document like any other. */
        if (pf_doc_read_buffer(out.data, out.size, "imported", NULL, &again, NULL, NULL) != PF_OK)
            __builtin_trap();
        pf_doc_free(again);
    }
    pf_buf_dispose(&out);
    pf_doc_free(doc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pf_read_options ro = PF_READ_OPTIONS_INIT;
    ro.max_bytes = 1 << 20;
    pf_import_options o = PF_IMPORT_OPTIONS_INIT;
    o.read = &ro;
    pf_diagnostics *diags = NULL;
    if (pf_diagnostics_new(NULL, &diags) != PF_OK)
        return 0;
    const char *text = (const char *)data;
    pf_import_map *maps[2] = { NULL, NULL };
    pf_import_map_read_buffer(answers_map, strlen(answers_map), "answers-map", NULL, &maps[0], NULL, NULL);
    pf_import_map_read_buffer(projects_map, strlen(projects_map), "projects-map", NULL, &maps[1], NULL, NULL);
    /* With a mapping or without, by the input's size, so each input costs two imports. */
    bool with_map = size % 2;
    pf_doc *doc = NULL;
    o.map = with_map ? maps[0] : NULL;
    if (pf_import_answers_buffer(text, size, "fuzz", &o, &doc, diags, NULL) == PF_OK)
        round_trip(doc);
    pf_diagnostics_clear(diags);
    doc = NULL;
    o.map = with_map ? maps[1] : NULL;
    if (pf_import_projects_buffer(text, size, "fuzz", &o, &doc, diags, NULL) == PF_OK)
        round_trip(doc);
    pf_import_map_free(maps[0]);
    pf_import_map_free(maps[1]);
    pf_diagnostics_free(diags);
    return 0;
}
