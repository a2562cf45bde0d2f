/* portfolio instrument: an instrument as a questionnaire, or a blank answers file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* The answer scale of a question; `single` when it has one item. Answer words stay as documents write them. */
static const char *scale_of(pf_form form, bool single, bool fr)
{
    switch (form) {
    case PF_FORM_AGREE:
    case PF_FORM_AGREE_HALF:
    case PF_FORM_AGREE_REVERSED:
        if (fr)
            return single ? "Indiquez votre degr\u00e9 d'accord\u00a0: 0\u00a0pas du tout d'accord, "
                            "1\u00a0plut\u00f4t pas d'accord, 2\u00a0ni d'accord ni pas d'accord, "
                            "3\u00a0plut\u00f4t d'accord, 4\u00a0tout \u00e0 fait d'accord."
                          : "Indiquez votre degr\u00e9 d'accord avec chaque \u00e9nonc\u00e9\u00a0: "
                            "0\u00a0pas du tout d'accord, 1\u00a0plut\u00f4t pas d'accord, "
                            "2\u00a0ni d'accord ni pas d'accord, 3\u00a0plut\u00f4t d'accord, "
                            "4\u00a0tout \u00e0 fait d'accord.";
        return single ? "Say how far you agree: 0 strongly disagree, 1 disagree, 2 neutral, 3 agree, 4 strongly agree."
                      : "Say how far you agree with each: 0 strongly disagree, 1 disagree, 2 neutral, 3 agree, "
                        "4 strongly agree.";
    case PF_FORM_YES_NO:
        if (fr)
            return single ? "R\u00e9pondez yes (oui), no (non) ou unsure (incertain)."
                          : "R\u00e9pondez \u00e0 chaque \u00e9nonc\u00e9 par yes (oui), no (non) ou unsure "
                            "(incertain).";
        return single ? "Answer yes, no or unsure." : "Answer each with yes, no or unsure.";
    case PF_FORM_RANK:
        return fr ? "Classez ces r\u00e9ponses, de la plus importante \u00e0 la moins importante."
                  : "Rank these, most important first.";
    case PF_FORM_MULTI:
        return fr ? "Choisissez toutes les r\u00e9ponses qui s'appliquent, ou none (aucune)."
                  : "Select all that apply, or none.";
    }
    return "";
}

/* The questionnaire in English or French (lang "en" or "fr"), texts in that language where the instrument has them. */
static void print_questionnaire(const pf_instrument *inst, const char *lang)
{
    bool fr = strcmp(lang, "fr") == 0;
    static const char *const part_titles[2][2] = {
        { "Part: orientation (scores the four innovation facets)",
          "Part: capability (scores portfolio-management capability)" },
        { "Partie\u00a0: orientation (mesure les quatre facettes de l'innovation)",
          "Partie\u00a0: capacit\u00e9 (mesure la capacit\u00e9 de gestion du portefeuille)" },
    };
    size_t nq = pf_instrument_question_count(inst), answers = 0;
    pf_question_info q;
    for (size_t i = 0; i < nq; i++)
        if (pf_instrument_question_at(inst, i, &q) == PF_OK)
            answers += q.item_count ? q.item_count : 1;
    print_wrapped(pf_instrument_title_in(inst, lang), 0, 0);
    printf(fr ? "Instrument %s\u00a0: %zu questions, %zu r\u00e9ponses.\n"
              : "Instrument %s: %zu questions, %zu answers.\n",
           pf_instrument_id(inst), nq, answers);
    print_wrapped(fr ? "Dans un document de portefeuille, les r\u00e9ponses s'\u00e9crivent sous la cl\u00e9 answers "
                       "d'une \u00e9valuation\u00a0: \u00c9L\u00c9MENT: R\u00c9PONSE pour les \u00e9l\u00e9ments des "
                       "questions d'accord et oui-non, QUESTION: [OPTION, ...] pour les questions de classement et "
                       "\u00e0 choix multiples."
                     : "Answers go under an assessment's answers in a portfolio document: ITEM: ANSWER for "
                       "agree and yes-no items, QUESTION: [OPTION, ...] for rank and multi questions.",
                  0, 0);
    int part = -1;
    for (size_t i = 0; i < nq; i++) {
        if (pf_instrument_question_in(inst, i, lang, &q) != PF_OK)
            continue;
        if ((int)q.part != part) {
            part = (int)q.part;
            const char *title = part_titles[fr][part];
            size_t len = columns(title, strlen(title));
            printf("\n%s\n", title);
            for (size_t k = 0; k < len; k++)
                putchar('=');
            putchar('\n');
        }
        size_t id_width = columns(q.id, strlen(q.id));
        putchar('\n');
        print_labelled(0, q.id, id_width, q.text);
        printf("    ");
        print_wrapped(scale_of(q.form, q.item_count == 1, fr), 4, 4);
        size_t n = q.item_count ? q.item_count : q.option_count, width = 0;
        for (size_t k = 0; k < n; k++) {
            pf_item_info item;
            pf_option_info option;
            const char *id = q.item_count ? (pf_instrument_item_at(inst, i, k, &item) == PF_OK ? item.id : NULL)
                                          : (pf_instrument_option_at(inst, i, k, &option) == PF_OK ? option.id : NULL);
            size_t w = id ? columns(id, strlen(id)) : 0;
            width = w > width ? w : width;
        }
        for (size_t k = 0; k < n; k++) {
            pf_item_info item;
            pf_option_info option;
            if (q.item_count && pf_instrument_item_in(inst, i, k, lang, &item) == PF_OK)
                print_labelled(4, item.id, width, item.text);
            else if (!q.item_count && pf_instrument_option_in(inst, i, k, lang, &option) == PF_OK)
                print_labelled(4, option.id, width, option.text);
        }
    }
}

int run_instrument(int argc, char **argv)
{
    const command *cmd = command_named("instrument");
    const char *lang = "en";
    bool template = false;
    const cli_option opts[] = { { "--lang", &lang, NULL }, { "--template", NULL, &template }, { NULL, NULL, NULL } };
    char **files;
    int count;
    int r = operands(cmd, argc, argv, opts, &files, &count);
    if (r >= 0)
        return r;
    if (count > 1) {
        free(files);
        return usage_error(cmd, "%s", "expected at most one FILE");
    }
    if (strcmp(lang, "en") != 0 && strcmp(lang, "fr") != 0) {
        free(files);
        return usage_error(cmd, "--lang must be en or fr (got '%s')", lang);
    }
    pf_instrument *inst = NULL;
    if (count == 1) {
        inst = load_with(files[0], instrument_from_buffer, instrument_from_file, NULL);
    } else {
        pf_error err;
        if (pf_instrument_open_default(&inst, NULL, &err) != PF_OK)
            print_diagnostic(&err);
    }
    free(files);
    if (!inst)
        return EXIT_INVALID;
    int status = 0;
    if (template)
        status = print_template(inst, lang);
    else
        print_questionnaire(inst, lang);
    pf_instrument_free(inst);
    return status;
}
