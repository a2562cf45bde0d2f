/* libFuzzer target: any bytes as a mapping file of CSV imports; when it reads, it is used for a small import. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <portfolio/portfolio.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char answers[] = "respondent,Q1,Q2,role\nr1,Sometimes,Y,Boss\nr2,3,no,team\n";
static const char projects[] = "Identifiant;Titre;Etape\na;A;Pilote\nb;B;idea\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pf_read_options ro = PF_READ_OPTIONS_INIT;
    ro.max_bytes = 1 << 20;
    pf_import_map *map = NULL;
    if (pf_import_map_read_buffer((const char *)data, size, "fuzz", &ro, &map, NULL, NULL) != PF_OK)
        return 0;
    pf_import_options o = PF_IMPORT_OPTIONS_INIT;
    o.map = map;
    pf_doc *doc = NULL;
    pf_diagnostics *diags = NULL;
    if (pf_diagnostics_new(NULL, &diags) == PF_OK) {
        if (pf_import_map_kind(map) == PF_IMPORT_ANSWERS)
            pf_import_answers_buffer(answers, strlen(answers), "answers.csv", &o, &doc, diags, NULL);
        else
            pf_import_projects_buffer(projects, strlen(projects), "projects.csv", &o, &doc, diags, NULL);
    }
    pf_doc_free(doc);
    pf_diagnostics_free(diags);
    pf_import_map_free(map);
    return 0;
}
