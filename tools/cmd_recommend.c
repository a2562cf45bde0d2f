/* portfolio recommend: the recommendations and their evidence (docs/rules.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void print_advice_text(const pf_advice *adv, const char *lang)
{
    bool fr = strcmp(lang, "fr") == 0;
    static const char *const headings_en[] = { "Strengths", "Actions", "Warnings", "Information" };
    static const char *const headings_fr[] = { "Points forts", "Actions", "Points de vigilance", "Informations" };
    const char *const *headings = fr ? headings_fr : headings_en;
    if (!pf_advice_count(adv))
        printf("%s\n", fr ? "Aucune recommandation : aucune règle du catalogue ne s'applique à ce portefeuille."
                          : "No recommendation: no rule of the catalogue fires for this portfolio.");
    for (int kind = 0; kind < PF_ADVICE_KIND_COUNT; kind++) {
        bool any = false;
        for (size_t i = 0; i < pf_advice_count(adv); i++) {
            const pf_recommendation *r = pf_advice_at(adv, i);
            if ((int)r->kind != kind)
                continue;
            if (!any)
                printf("%s%s\n", kind && pf_advice_count(adv) ? "\n" : "", headings[kind]);
            any = true;
            char label[64];
            snprintf(label, sizeof label, "%s%s%s", r->rule, r->subject ? " " : "", r->subject ? r->subject : "");
            printf("- [%s] ", label);
            print_wrapped(r->message, 5 + columns(label, strlen(label)), 2);
            printf("  %s", fr ? "indices :" : "evidence:");
            for (size_t k = 0; k < r->evidence_count; k++) {
                if (r->evidence[k].text)
                    printf(" %s=%s", r->evidence[k].metric, r->evidence[k].text);
                else
                    printf(" %s=%.4g", r->evidence[k].metric, r->evidence[k].value);
            }
            printf("\n");
        }
    }
}

int run_recommend(int argc, char **argv)
{
    const command *cmd = command_named("recommend");
    char **files;
    choices c = { 0 };
    int r = parse_choices(cmd, argc, argv, 1, &files, &c);
    if (r >= 0)
        return r;
    pf_doc *doc = load(files[0]);
    free(files);
    if (!doc)
        return EXIT_INVALID;
    int status = 0;
    pf_rules *rules = load_catalogue(&c);
    pf_scores *sc = NULL;
    pf_map *map = NULL;
    pf_relations *rel = NULL;
    pf_advice *adv = NULL;
    pf_error err;
    pf_buf out = PF_BUF_INIT;
    if (!rules) {
        status = EXIT_INVALID;
    } else if (pf_doc_score(doc, &c.score, &sc, NULL, &err) != PF_OK ||
               pf_doc_map(doc, &c.map, sc, &map, &err) != PF_OK ||
               pf_doc_relations(doc, NULL, map, &rel, &err) != PF_OK) {
        status = report_failure(&err);
    } else {
        size_t relation_counts[PF_RELATION_KIND_COUNT];
        for (int k = 0; k < PF_RELATION_KIND_COUNT; k++)
            relation_counts[k] = pf_relations_count_kind(rel, (pf_relation_kind)k);
        pf_analysis analysis = { sc, map, relation_counts };
        pf_advice_options ao = PF_ADVICE_OPTIONS_INIT;
        ao.lang = c.lang;
        if (pf_recommend(rules, &analysis, &ao, &adv, &err) != PF_OK)
            status = report_failure(&err);
        else if (c.json && pf_advice_write_json(adv, &out, &err) != PF_OK)
            status = report_failure(&err);
        else if (c.json)
            print_buf(&out);
        else
            print_advice_text(adv, c.lang);
    }
    pf_buf_dispose(&out);
    pf_advice_free(adv);
    pf_relations_free(rel);
    pf_map_free(map);
    pf_scores_free(sc);
    pf_rules_free(rules);
    pf_doc_free(doc);
    return status;
}
