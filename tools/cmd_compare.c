/* portfolio compare: two documents of one organisation. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void print_compare_text(const pf_comparison *cmp)
{
    size_t unchanged = 0;
    if (pf_comparison_instruments_differ(cmp))
        printf("WARNING: the assessments answer different instruments, %s (old) and %s (new):\n"
               "their scores measure different questions and do not compare.\n\n",
               pf_comparison_old_instrument(cmp), pf_comparison_new_instrument(cmp));
    printf("%-48s %12s %12s %12s\n", "metric", "old", "new", "change");
    for (size_t i = 0; i < pf_comparison_metric_count(cmp); i++) {
        const pf_metric_change *m = pf_comparison_metric_at(cmp, i);
        bool is_text = m->old_text || m->new_text;
        if (m->in_old && m->in_new &&
            (is_text ? (m->old_text && m->new_text && strcmp(m->old_text, m->new_text) == 0) : m->delta == 0)) {
            unchanged++;
            continue;
        }
        if (is_text) {
            printf("%-48s %s -> %s\n", m->name, m->old_text ? m->old_text : "-", m->new_text ? m->new_text : "-");
            continue;
        }
        char old_value[32] = "-", new_value[32] = "-", delta[32] = "";
        if (m->in_old)
            snprintf(old_value, sizeof old_value, "%.4g", m->old_value);
        if (m->in_new)
            snprintf(new_value, sizeof new_value, "%.4g", m->new_value);
        if (m->in_old && m->in_new)
            snprintf(delta, sizeof delta, "%+.4g", m->delta);
        printf("%-48s %12s %12s %12s\n", m->name, old_value, new_value, delta);
    }
    printf("(%zu metrics unchanged)\n\nProjects\n", unchanged);
    size_t n = pf_comparison_project_count(cmp);
    if (!n)
        printf("  no project added, removed or moved\n");
    for (size_t i = 0; i < n; i++) {
        const pf_project_change *p = pf_comparison_project_at(cmp, i);
        const char *from = pf_zone_name(p->old_zone), *to = pf_zone_name(p->new_zone);
        if (p->kind == PF_CHANGE_ADDED)
            printf("  added    %-24s %s\n", p->project, to ? to : "(not placed)");
        else if (p->kind == PF_CHANGE_REMOVED)
            printf("  removed  %-24s %s\n", p->project, from ? from : "(not placed)");
        else
            printf("  moved    %-24s %s -> %s\n", p->project, from ? from : "(not placed)", to ? to : "(not placed)");
    }
}

int run_compare(int argc, char **argv)
{
    const command *cmd = command_named("compare");
    char **files;
    choices c = { 0 };
    int r = parse_choices(cmd, argc, argv, 2, &files, &c);
    if (r >= 0)
        return r;
    pf_doc *old_doc = load(files[0]);
    pf_doc *new_doc = load(files[1]);
    free(files);
    int status = 0;
    pf_comparison *cmp = NULL;
    pf_error err;
    pf_buf out = PF_BUF_INIT;
    if (!old_doc || !new_doc)
        status = EXIT_INVALID;
    else if (pf_doc_compare_with(old_doc, new_doc, &c.score, &c.map,
                                 &(pf_compare_options){ PF_COMPARE_OPTIONS_VERSION, c.allow_different }, &cmp,
                                 &err) != PF_OK)
        status = report_failure(&err);
    else if (c.json && pf_comparison_write_json(cmp, &out, &err) != PF_OK)
        status = report_failure(&err);
    else if (c.json)
        print_buf(&out);
    else
        print_compare_text(cmp);
    pf_buf_dispose(&out);
    pf_comparison_free(cmp);
    pf_doc_free(old_doc);
    pf_doc_free(new_doc);
    return status;
}
