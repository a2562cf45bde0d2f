/*
 * Prints what the library reads from a portfolio document's assessments, as
 * JSON: respondent, role, unit, date and every answer. The browser test of
 * the form (check_form.mjs) compares files through it, so the comparison does
 * not depend on the form's own YAML reader.
 *   form_answers FILE [INSTRUMENT]
 * INSTRUMENT: an instrument file the document may name by its id (a custom
 * instrument's form saves `instrument: <id>`).
 */
#include <stdio.h>

#include "json.h"

int main(int argc, char **argv)
{
    if (argc != 2 && argc != 3) {
        fprintf(stderr, "usage: form_answers FILE [INSTRUMENT]\n");
        return 2;
    }
    pf_doc *doc = NULL;
    pf_instrument *inst = NULL;
    pf_read_options opts = PF_READ_OPTIONS_INIT;
    pf_error err;
    if (argc == 3 && pf_instrument_read_file(argv[2], NULL, &inst, NULL, &err) != PF_OK) {
        fprintf(stderr, "%s:%u:%u: %s\n", err.source, err.line, err.column, err.message);
        return 1;
    }
    opts.instrument = inst;
    pf_status read = pf_doc_read_file(argv[1], &opts, &doc, NULL, &err);
    pf_instrument_free(inst); /* a document that uses it holds its own reference */
    if (read != PF_OK) {
        fprintf(stderr, "%s:%u:%u: %s\n", err.source, err.line, err.column, err.message);
        return 1;
    }
    pf_buf out = PF_BUF_INIT;
    pf_json j;
    pf__json_init(&j, &out);
    pf__json_array_begin(&j);
    for (size_t i = 0; i < pf_doc_assessment_count(doc); i++) {
        const pf_assessment *a = pf_doc_assessment_at(doc, i);
        pf__json_object_begin(&j);
        pf__json_key(&j, "respondent");
        pf__json_string(&j, pf_assessment_respondent(a));
        pf__json_key(&j, "role");
        pf__json_string(&j, pf_assessment_role(a) == PF_ROLE_UNSET ? NULL : pf_role_name(pf_assessment_role(a)));
        pf__json_key(&j, "unit");
        pf__json_string(&j, pf_assessment_unit(a));
        pf__json_key(&j, "date");
        pf_date d = pf_assessment_date(a);
        char date[16];
        snprintf(date, sizeof date, "%04d-%02d-%02d", d.year, d.month, d.day);
        pf__json_string(&j, d.year ? date : NULL);
        pf__json_key(&j, "answers");
        pf__json_object_begin(&j);
        for (size_t k = 0; k < pf_assessment_answer_count(a); k++) {
            pf_answer ans;
            if (pf_assessment_answer_at(a, k, &ans) != PF_OK)
                continue;
            pf__json_key(&j, ans.id);
            if (ans.form == PF_FORM_YES_NO) {
                pf__json_string(&j, pf_choice_name(ans.choice));
            } else if (ans.form == PF_FORM_RANK || ans.form == PF_FORM_MULTI) {
                pf__json_array_begin(&j);
                for (size_t o = 0; o < ans.option_count; o++)
                    pf__json_string(&j, ans.options[o]);
                if (ans.form == PF_FORM_MULTI && !ans.option_count)
                    pf__json_string(&j, "none");
                pf__json_array_end(&j);
            } else {
                pf__json_integer(&j, ans.agreement);
            }
        }
        pf__json_object_end(&j);
        pf__json_object_end(&j);
    }
    pf__json_array_end(&j);
    int status = pf__json_finish(&j) == PF_OK ? 0 : 1;
    fwrite(out.data, 1, out.size, stdout);
    pf_buf_dispose(&out);
    pf_doc_free(doc);
    return status;
}
