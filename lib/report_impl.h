/* Reports: the analysis a report shows, shared by the writers of each format. */
#ifndef PF_REPORT_IMPL_H
#define PF_REPORT_IMPL_H

#include "explain.h"
#include "json.h"
#include "model_impl.h"

typedef struct pf_report_analysis {
    const pf_doc *doc;
    pf_report_options opts;
    pf__lang lang;
    pf_scores *scores;
    pf_map *map;
    pf_relations *relations;
    pf_advice *advice;
    pf_comparison *since; /* with pf_report_options::since: from it to doc (report_since.c) */
    /* For the report a board reads (report_board.c). */
    pf_explanations *explain;
    pf_named_metric *metrics; /* every named metric, for evidence in words */
    size_t metric_count;
    pf_scores *chart_scores;  /* the scores with roles below min_group left out, for charts; may be `scores` */
    unsigned min_group;       /* resolved: at least 1 */
    /* pf_doc_report_to(): writers drain their buffer into it as it fills; NULL keeps everything. */
    pf_stream *stream;
} pf_report_analysis;

/* Writes text for a terminal (md false: 80 columns, optional ANSI colour) or Markdown (md true). */
typedef struct pf_text_writer {
    pf_buf *b;
    const pf_report_analysis *a;
    bool md;
    bool color;
    bool failed; /* out of memory: the rest is skipped */
} pf_text_writer;
/* Library text as it is. */
void pf__tw_put(pf_text_writer *w, const char *s);
void pf__tw_putn(pf_text_writer *w, const char *s, size_t n);
/* User text: controls dropped, line breaks as spaces, Markdown's markup escaped. */
void pf__tw_text_n(pf_text_writer *w, const char *s, size_t n);
void pf__tw_text(pf_text_writer *w, const char *s);
/* Terminal columns of UTF-8 text (one per character). */
size_t pf__tw_columns(const char *s, size_t len);
/* Level 1 underlined with '=', 2 with '-', 3 not underlined; "#", "##", "###" in Markdown. */
void pf__tw_heading(pf_text_writer *w, int level, const char *title);
/* Running text wrapped at 80 columns (one line in Markdown); `indent` for the continuation lines. */
void pf__tw_paragraph(pf_text_writer *w, const char *prefix, const char *body, size_t indent);
/* A table row: Markdown pipes, or cells padded to the widths (negative: right-aligned), cut with an ellipsis. */
void pf__tw_row(pf_text_writer *w, const char *const *cells, const int *widths, size_t n, bool header);

/* Text for a terminal (markdown false) or Markdown (true). */
pf_status pf__report_text(const pf_report_analysis *a, pf_buf *b, bool markdown);
/* One self-contained HTML page. */
pf_status pf__report_html(const pf_report_analysis *a, pf_buf *b);

/* The "since" section (report_since.c): the comparison, and the section in each format. */
pf_status pf__report_since_compare(const pf_doc *old_doc, const pf_doc *new_doc, const pf_score_options *so,
                                   const pf_map_options *mo, pf_comparison **out, pf_error *err);
pf_status pf__report_since_text(const pf_report_analysis *a, pf_buf *b, bool markdown, bool color);
pf_status pf__report_since_html(const pf_report_analysis *a, pf_buf *b);
struct pf_json;
void pf__report_since_json(const pf_report_analysis *a, struct pf_json *j);
/* ---- the summary, explanations and evidence in words (report_board.c) ---- */

/* Computes what the board parts need; called by analyse() after the scores, map and advice. */
pf_status pf__report_board_prepare(pf_report_analysis *a, pf_error *err);
void pf__report_board_free(pf_report_analysis *a);

/* Whether a role's means may be shown in text, Markdown and HTML (it has at least min_group respondents). */
bool pf__report_role_shown(const pf_report_analysis *a, pf_role role);
/* Roles that have respondents but fewer than min_group. */
size_t pf__report_small_roles(const pf_report_analysis *a);

/* One line of the summary: its label and its value in words. */
typedef struct pf_report_line {
    const char *label;
    pf_buf value;
} pf_report_line;

/* What the summary says; release with pf__report_summary_dispose. */
typedef struct pf_report_summary {
    pf_report_line lines[5]; /* organisation, date, respondents, tendency, capability (those that apply) */
    size_t line_count;
    const char *gaps_title;
    pf_buf gaps[PF_FACET_COUNT]; /* the largest gaps to the targets, largest first */
    size_t gap_count;
    const char *gaps_none; /* when there are none: why */
    const char *recs_title;
    size_t recs[3]; /* indexes into the advice: the three most important */
    size_t rec_count;
} pf_report_summary;

pf_status pf__report_summary(const pf_report_analysis *a, pf_report_summary *out);
void pf__report_summary_dispose(pf_report_summary *s);

/* A text of the explanations (explain.h), in the report's language. */
const char *pf__report_explain(const pf_report_analysis *a, const char *key);
/* The completeness floor as a percentage in the report's language ("50%"). */
void pf__report_floor(const pf_report_analysis *a, char out[56]);
/* Whether no respondent is counted because every one is under the completeness floor. */
bool pf__report_all_left_out(const pf_report_analysis *a);
/* The sentence saying so (left_out.all), for a section that has no mean to show. */
pf_status pf__report_left_out_all(const pf_report_analysis *a, pf_buf *out);
/* A text with {n} filled with min_group. */
pf_status pf__report_explain_n(const pf_report_analysis *a, const char *key, pf_buf *out);
/* The recommendation's evidence in words: "Share of anticipatory projects: 15% (target 30%); ...". */
pf_status pf__report_evidence(const pf_report_analysis *a, const pf_recommendation *r, pf_buf *out);

/*
 * The explanation beside a chart, as keys of texts: paragraphs about the chart itself (HTML only,
 * where the chart is), then lead paragraphs, a list (one item per facet, dimension or zone), and
 * closing paragraphs. Lists of keys end with NULL.
 */
typedef struct pf_report_explanation {
    const char *id;           /* orientation, roles, capability, map, targets */
    const char *chart[2];
    const char *lead[3];
    const char *items_prefix; /* "explain.facet." ..., or NULL */
    const pf__names *items;   /* the ids of the list's items */
    const char *tail[2];
} pf_report_explanation;
/* The explanation of a chart by id, or NULL. */
const pf_report_explanation *pf__report_explanation(const char *id);
/* The key of an explanation's i-th item ("explain.facet.mission") into out. */
void pf__report_explanation_item(const pf_report_explanation *x, int i, char out[64]);

/* The JSON parts `summary` and `explanations`. */
void pf__report_summary_json(const pf_report_analysis *a, pf_json *j);
void pf__report_explanations_json(const pf_report_analysis *a, pf_json *j);

#endif
