/* libFuzzer target: any bytes as a rule catalogue; when it loads, it is evaluated over an example. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <portfolio/portfolio.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char example[] = "portfolio: 1\n"
                              "targets: {enhancement: 1, anticipatory: 1}\n"
                              "projects:\n"
                              "  - {id: a, purpose: mission, driver: mission, priority: high, stage: idea, tags: [x]}\n"
                              "  - {id: b, facets: {adaptive: 2, anticipatory: 1}, stage: piloting, tags: [x, y]}\n"
                              "assessments:\n"
                              "  - {respondent: r1, role: team, answers: {q1.mission: 4, q17: yes, q2: [mission, "
                              "enhancement, adaptive, anticipatory]}}\n"
                              "  - {respondent: r2, role: steward, answers: {q1.mission: 1, q24k: 3}}\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pf_read_options opts = PF_READ_OPTIONS_INIT;
    opts.max_bytes = 1 << 20;
    pf_rules *rules = NULL;
    if (pf_rules_read_buffer((const char *)data, size, "fuzz", &opts, &rules, NULL, NULL) != PF_OK)
        return 0;
    pf_doc *doc = NULL;
    pf_scores *scores = NULL;
    pf_map *map = NULL;
    pf_advice *advice = NULL;
    if (pf_doc_read_buffer(example, strlen(example), "example", NULL, &doc, NULL, NULL) == PF_OK &&
        pf_doc_score(doc, NULL, &scores, NULL, NULL) == PF_OK && pf_doc_map(doc, scores, NULL, &map, NULL) == PF_OK) {
        size_t counts[PF_RELATION_KIND_COUNT] = { 1, 0, 2, 0 };
        pf_analysis an = { scores, map, counts };
        pf_advice_options ao = PF_ADVICE_OPTIONS_INIT;
        ao.lang = size % 2 ? "fr" : "en";
        if (pf_recommend(rules, &an, &ao, &advice, NULL) == PF_OK) {
            pf_buf out = PF_BUF_INIT;
            pf_advice_write_json(advice, &out, NULL);
            pf_buf_dispose(&out);
        }
    }
    pf_advice_free(advice);
    pf_map_free(map);
    pf_scores_free(scores);
    pf_doc_free(doc);
    pf_rules_free(rules);
    return 0;
}
