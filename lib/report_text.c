/* Reports as text for a terminal (80 columns, optional ANSI colour) and as Markdown. */
#include <stdio.h>
#include <string.h>

#include "report_impl.h"

enum { WIDTH = 80 };

typedef pf_text_writer writer;

void pf__tw_put(writer *w, const char *s)
{
    if (w->failed)
        return;
    size_t n = strlen(s);
    if (pf__buf_append(w->b, s, n) != PF_OK)
        w->failed = true;
    /* A line's end is final, but for the two bytes blank_line() and a table's first row look back at. */
    else if (n && s[n - 1] == '\n' && pf__stream_drain(w->a->stream, w->b, 2) != PF_OK)
        w->failed = true;
}

void pf__tw_putn(writer *w, const char *s, size_t n)
{
    if (!w->failed && pf__buf_append(w->b, s, n) != PF_OK)
        w->failed = true;
}

static const char *L(const writer *w, const char *key)
{
    return pf__label(w->a->lang, key);
}

size_t pf__tw_columns(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

/*
 * User text as it may appear: line breaks and tabs become spaces; in Markdown
 * the characters that would start markup or raw HTML are escaped, so a title
 * like "<script>" shows as written.
 */
void pf__tw_text_n(writer *w, const char *s, size_t n)
{
    const char *run = s, *end = s + n;
    for (const char *p = s; p < end; p++) {
        const char *rep = NULL;
        char one[3] = { '\\', *p, 0 };
        size_t control = pf__control_len(p);
        if (control) {
            /* Terminal escapes and other controls in a document never reach the reader's screen. */
            pf__tw_putn(w, run, (size_t)(p - run));
            p += control - 1;
            run = p + 1;
            continue;
        }
        if (*p == '\n' || *p == '\r' || *p == '\t')
            rep = " ";
        else if (w->md && *p == '<')
            rep = "&lt;";
        else if (w->md && *p == '>')
            rep = "&gt;";
        else if (w->md && *p == '&')
            rep = "&amp;";
        else if (w->md && strchr("\\`*_[]|#", *p))
            rep = one;
        if (rep) {
            pf__tw_putn(w, run, (size_t)(p - run));
            pf__tw_put(w, rep);
            run = p + 1;
        }
    }
    if (run < end)
        pf__tw_putn(w, run, (size_t)(end - run));
}

void pf__tw_text(writer *w, const char *s)
{
    if (s)
        pf__tw_text_n(w, s, strlen(s));
}

void pf__tw_heading(writer *w, int level, const char *title)
{
    if (w->md) {
        pf__tw_put(w, level == 1 ? "# " : level == 2 ? "\n## " : "\n### ");
        pf__tw_text(w, title);
        pf__tw_put(w, "\n\n");
        return;
    }
    pf__tw_put(w, level == 1 ? "" : "\n");
    if (w->color)
        pf__tw_put(w, "\033[1m");
    pf__tw_text(w, title);
    if (w->color)
        pf__tw_put(w, "\033[0m");
    pf__tw_put(w, "\n");
    if (level > 2)
        return;
    size_t n = pf__tw_columns(title, strlen(title));
    for (size_t i = 0; i < n && i < WIDTH; i++)
        pf__tw_put(w, level == 1 ? "=" : "-");
    pf__tw_put(w, "\n");
}

/* Wraps running text at 80 columns (text) or writes it as one paragraph line (Markdown). */
void pf__tw_paragraph(writer *w, const char *prefix, const char *body, size_t indent)
{
    pf__tw_put(w, prefix);
    if (w->md) {
        pf__tw_text(w, body);
        pf__tw_put(w, "\n");
        return;
    }
    size_t col = pf__tw_columns(prefix, strlen(prefix));
    bool first = true;
    for (const char *p = body; *p;) {
        while (*p == ' ' || *p == '\n')
            p++;
        if (!*p)
            break;
        size_t len = strcspn(p, " \n"), cw = pf__tw_columns(p, len);
        if (!first && col + 1 + cw > WIDTH) {
            pf__tw_put(w, "\n");
            for (size_t i = 0; i < indent; i++)
                pf__tw_put(w, " ");
            col = indent;
            first = true;
        }
        if (!first) {
            pf__tw_put(w, " ");
            col++;
        }
        pf__tw_text_n(w, p, len); /* user text may be in a paragraph: no controls reach the terminal */
        col += cw;
        first = false;
        p += len;
    }
    pf__tw_put(w, "\n");
}

/* A table row: Markdown pipes, or text padded to the column widths (cut with an ellipsis). */
void pf__tw_row(writer *w, const char *const *cells, const int *widths, size_t n, bool header)
{
    if (w->md) {
        /* A table needs a blank line before it in Markdown. */
        if (header && !(w->b->size >= 2 && w->b->data[w->b->size - 1] == '\n' && w->b->data[w->b->size - 2] == '\n'))
            pf__tw_put(w, "\n");
        pf__tw_put(w, "|");
        for (size_t i = 0; i < n; i++) {
            pf__tw_put(w, " ");
            pf__tw_text(w, cells[i] ? cells[i] : "");
            pf__tw_put(w, " |");
        }
        pf__tw_put(w, "\n");
        if (header) {
            pf__tw_put(w, "|");
            for (size_t i = 0; i < n; i++)
                pf__tw_put(w, widths[i] < 0 ? "---:|" : "---|");
            pf__tw_put(w, "\n");
        }
        return;
    }
    for (size_t i = 0; i < n; i++) {
        const char *c = cells[i] ? cells[i] : "";
        size_t width = (size_t)(widths[i] < 0 ? -widths[i] : widths[i]);
        size_t len = strlen(c), cols = pf__tw_columns(c, len);
        if (cols > width) {
            /* Keep width - 1 characters and an ellipsis, never splitting a character. */
            size_t keep = 0, k = 0;
            while (k < len && keep < width - 1) {
                k++;
                while (k < len && ((unsigned char)c[k] & 0xC0) == 0x80)
                    k++;
                keep++;
            }
            char cut[256];
            size_t m = k < sizeof cut - 4 ? k : sizeof cut - 4;
            memcpy(cut, c, m);
            memcpy(cut + m, "\xE2\x80\xA6", 4);
            pf__tw_text(w, cut);
            cols = width;
        } else if (widths[i] < 0) {
            for (size_t s = cols; s < width; s++)
                pf__tw_put(w, " ");
            pf__tw_text(w, c);
        } else {
            pf__tw_text(w, c);
        }
        if (widths[i] >= 0 && i + 1 < n)
            for (size_t s = cols; s < width; s++)
                pf__tw_put(w, " ");
        if (i + 1 < n)
            pf__tw_put(w, "  ");
    }
    /* No trailing blanks when the last cells are empty. */
    while (!w->failed && w->b->size && w->b->data[w->b->size - 1] == ' ')
        w->b->data[--w->b->size] = '\0';
    pf__tw_put(w, "\n");
    if (header) {
        size_t total = 0;
        for (size_t i = 0; i < n; i++)
            total += (size_t)(widths[i] < 0 ? -widths[i] : widths[i]) + (i + 1 < n ? 2 : 0);
        for (size_t i = 0; i < total && i < WIDTH; i++)
            pf__tw_put(w, "-");
        pf__tw_put(w, "\n");
    }
}

static void number(const writer *w, double v, int decimals, char out[48])
{
    pf__format_decimal(w->a->lang, v, decimals, out);
}

/* A scratch line as long as it needs to be (user text has no length limit here). */
static pf_buf scratch(const writer *w)
{
    pf_buf b = PF_BUF_INIT;
    b.allocator = w->b->allocator;
    return b;
}

/* Separates blocks by one blank line, however the previous block ended. */
static void blank_line(writer *w)
{
    if (!(w->b->size >= 2 && w->b->data[w->b->size - 1] == '\n' && w->b->data[w->b->size - 2] == '\n'))
        pf__tw_put(w, "\n");
}

/* A block of explanations (report_board.c): paragraphs, then one item per facet, dimension or zone. */
static void explanation(writer *w, const char *id)
{
    const pf_report_explanation *x = pf__report_explanation(id);
    if (!x)
        return;
    for (const char *const *k = x->lead; *k; k++) {
        blank_line(w);
        pf__tw_paragraph(w, "", pf__report_explain(w->a, *k), 0);
    }
    if (x->items)
        blank_line(w);
    for (int i = 0; x->items && i < (int)x->items->count; i++) {
        char key[64];
        pf__report_explanation_item(x, i, key);
        pf__tw_paragraph(w, "- ", pf__report_explain(w->a, key), 2);
    }
    for (const char *const *k = x->tail; *k; k++) {
        blank_line(w);
        pf__tw_paragraph(w, "", pf__report_explain(w->a, *k), 0);
    }
}

/* A paragraph from a text of the explanations with {n} (the smallest group shown). */
static void paragraph_n(writer *w, const char *key)
{
    pf_buf t = scratch(w);
    blank_line(w);
    if (pf__report_explain_n(w->a, key, &t) != PF_OK)
        w->failed = true;
    else
        pf__tw_paragraph(w, "", t.data, 0);
    pf_buf_dispose(&t);
}

/* The summary a board reads first. */
static void section_summary(writer *w)
{
    pf_report_summary s;
    if (pf__report_summary(w->a, &s) != PF_OK) {
        w->failed = true;
        return;
    }
    pf__tw_heading(w, 2, pf__report_explain(w->a, "summary.title"));
    for (size_t i = 0; i < s.line_count; i++) {
        pf_buf l = scratch(w);
        if (pf__buf_printf(&l, "%s%s%s", s.lines[i].label, L(w, "report.colon"), s.lines[i].value.data) != PF_OK)
            w->failed = true;
        else
            pf__tw_paragraph(w, "- ", l.data, 2);
        pf_buf_dispose(&l);
    }
    pf_buf l = scratch(w);
    if (pf__buf_printf(&l, "%s%s%s", s.gaps_title, L(w, "report.colon"), s.gap_count ? "" : s.gaps_none) != PF_OK) {
        w->failed = true;
    } else {
        while (l.size && l.data[l.size - 1] == ' ')
            l.data[--l.size] = '\0'; /* "Largest gaps:" before its list */
        pf__tw_paragraph(w, "- ", l.data, 2);
    }
    pf_buf_dispose(&l);
    for (size_t i = 0; i < s.gap_count; i++)
        pf__tw_paragraph(w, "  - ", s.gaps[i].data, 4);
    pf__tw_put(w, w->md ? "\n**" : "\n");
    pf__tw_text(w, s.recs_title);
    pf__tw_put(w, w->md ? "**\n\n" : "\n");
    if (!s.rec_count)
        pf__tw_paragraph(w, "", pf__report_explain(w->a, "summary.recommendations.none"), 0);
    for (size_t i = 0; i < s.rec_count; i++) {
        char num[24];
        snprintf(num, sizeof num, "%zu. ", i + 1);
        pf__tw_paragraph(w, num, pf_advice_at(w->a->advice, s.recs[i])->message, 3);
    }
    pf__report_summary_dispose(&s);
}

static void section_context(writer *w)
{
    const pf_doc *doc = w->a->doc;
    pf_buf title = scratch(w);
    if (pf__buf_printf(&title, "%s%s%s", L(w, "report.title"), doc->org.name ? L(w, "report.colon") : "",
                       doc->org.name ? doc->org.name : "") != PF_OK)
        w->failed = true;
    else
        pf__tw_heading(w, 1, title.data);
    pf_buf_dispose(&title);
    char line[256] = "";
    size_t o = 0;
    if (doc->org.country[0])
        o += (size_t)snprintf(line + o, sizeof line - o, "%s", doc->org.country);
    if (doc->org.level != PF_GOV_LEVEL_UNSET)
        o += (size_t)snprintf(line + o, sizeof line - o, "%s%s", o ? " · " : "", pf_gov_level_name(doc->org.level));
    if (doc->org.people)
        o += (size_t)snprintf(line + o, sizeof line - o, "%s%lld %s", o ? " · " : "", (long long)doc->org.people,
                              L(w, "report.people"));
    o += (size_t)snprintf(line + o, sizeof line - o, "%s%s %s", o ? " · " : "", L(w, "report.instrument"),
                          pf_doc_instrument_id(doc));
    pf__tw_paragraph(w, "", line, 0);
    if (w->a->opts.anonymous)
        pf__tw_paragraph(w, "", L(w, "report.anonymous"), 0);
}

/* Why a section has no mean: every respondent is under the completeness floor, or there is none. */
static void left_out_or_none(writer *w)
{
    if (!pf__report_all_left_out(w->a)) {
        pf__tw_paragraph(w, "", L(w, "chart.no_respondents"), 0);
        return;
    }
    pf_buf why = scratch(w);
    if (pf__report_left_out_all(w->a, &why) != PF_OK)
        w->failed = true;
    else
        pf__tw_paragraph(w, "", why.data, 0);
    pf_buf_dispose(&why);
}

static void section_orientation(writer *w)
{
    const pf_scores *sc = w->a->scores;
    const pf_group *g = pf_scores_overall(sc);
    pf__tw_heading(w, 2, pf__label(w->a->lang, "chart.diamond.title"));
    size_t n = g->stats[0].n;
    if (!n) {
        left_out_or_none(w);
        return;
    }
    char line[160];
    snprintf(line, sizeof line, "%zu %s, %s.", n, L(w, n == 1 ? "report.respondents.one" : "report.respondents"),
             L(w, pf__score_mode_label(pf_scores_options(sc)->mode)));
    pf__tw_paragraph(w, "", line, 0);
    if (!w->md)
        pf__tw_put(w, "\n");
    static const int widths[] = { 16, -8, 22, 8 };
    const char *head[] = { L(w, "report.facet"), L(w, "report.mean"), w->md ? "" : "0 .. 100", "" };
    pf__tw_row(w, head, widths, w->md ? 3 : 4, true);
    for (int f = 0; f < PF_FACET_COUNT; f++) {
        char mean[48], bar[64] = "";
        number(w, g->stats[f].mean, 1, mean);
        int filled = (int)(g->stats[f].mean / 5 + 0.5);
        for (int i = 0; i < 20 && !w->md; i++)
            strcat(bar, i < filled ? "#" : ".");
        const char *cells[] = { pf__label_facet(w->a->lang, (pf_facet)f), mean,
                                w->md ? L(w, g->tendency >> f & 1 ? "report.strong" : "report.weak") : bar,
                                L(w, g->tendency >> f & 1 ? "report.strong" : "report.weak") };
        pf__tw_row(w, cells, widths, w->md ? 3 : 4, false);
    }
    explanation(w, "orientation");
}

static void section_capability(writer *w)
{
    const pf_group *g = pf_scores_overall(w->a->scores);
    if (!g->stats[0].n && !pf__report_all_left_out(w->a))
        return;
    pf__tw_heading(w, 2, L(w, "chart.capability.title"));
    if (!g->stats[0].n) {
        left_out_or_none(w);
        return;
    }
    char score[48], line[160];
    number(w, g->stats[PF_GROUP_CAPABILITY].mean, 1, score);
    snprintf(line, sizeof line, "%s%s%s (%s)", L(w, "chart.capability.score"), L(w, "report.colon"), score,
             pf__label_level(w->a->lang, g->capability_level));
    pf__tw_paragraph(w, "", line, 0);
    if (!w->md)
        pf__tw_put(w, "\n");
    static const int widths[] = { 30, -8, 10 };
    const char *head[] = { L(w, "report.dimension"), "%", L(w, "chart.level") };
    pf__tw_row(w, head, widths, 3, true);
    for (int d = 0; d < PF_DIMENSION_COUNT; d++) {
        char pct[48];
        double v = g->stats[PF_GROUP_SENSE_MAKING + d].mean;
        number(w, v, 1, pct);
        const char *cells[] = { pf__label_dimension(w->a->lang, (pf_dimension)d), pct,
                                pf__label_level(w->a->lang, g->dimension_level[d]) };
        pf__tw_row(w, cells, widths, 3, false);
    }
    explanation(w, "capability");
}

static void by_role_table(writer *w);
static void respondents_table(writer *w, const char *h[PF_FACET_COUNT]);

static void section_respondents(writer *w)
{
    const pf_scores *sc = w->a->scores;
    size_t n = pf_scores_count(sc);
    if (!n)
        return;
    /* The table only when some role has a respondent counted; the respondents follow in any case. */
    bool roles = false;
    for (int r = 0; r < PF_ROLE_COUNT; r++)
        roles = roles || pf_scores_by_role(sc, (pf_role)r)->stats[0].n > 0;
    if (roles)
        by_role_table(w);
    if (w->a->opts.anonymous)
        return;
    if (!w->a->opts.respondents) {
        blank_line(w);
        pf__tw_paragraph(w, "", pf__report_explain(w->a, "respondents.hidden"), 0);
        return;
    }
    if (roles)
        pf__tw_put(w, "\n");
    else
        pf__tw_heading(w, 2, pf__report_explain(w->a, "summary.respondents"));
    const char *h[PF_FACET_COUNT];
    for (int f = 0; f < PF_FACET_COUNT; f++)
        h[f] = pf__label_facet(w->a->lang, (pf_facet)f);
    respondents_table(w, h);
}

static void by_role_table(writer *w)
{
    const pf_scores *sc = w->a->scores;
    pf__tw_heading(w, 2, L(w, "chart.by_role"));
    static const int widths[] = { 24, -8, -8, -8, -8, -10 };
    const char *h[PF_FACET_COUNT];
    for (int f = 0; f < PF_FACET_COUNT; f++)
        h[f] = pf__label_facet(w->a->lang, (pf_facet)f);
    const char *head[] = { L(w, "report.role"), h[0], h[1], h[2], h[3], L(w, "chart.capability.score") };
    pf__tw_row(w, head, widths, 6, true);
    for (int r = 0; r < PF_ROLE_COUNT; r++) {
        const pf_group *g = pf_scores_by_role(sc, (pf_role)r);
        if (!g->stats[0].n)
            continue;
        if (!pf__report_role_shown(w->a, (pf_role)r)) {
            /* Too few to show a mean without singling someone out: the count is not shown either. */
            pf_buf note = scratch(w);
            if (pf__report_explain_n(w->a, "group.small", &note) != PF_OK) {
                w->failed = true;
            } else if (w->md) {
                const char *cells[] = { pf__label_role(w->a->lang, (pf_role)r), note.data, "", "", "", "" };
                pf__tw_row(w, cells, widths, 6, false);
            } else {
                const char *role = pf__label_role(w->a->lang, (pf_role)r);
                pf__tw_text(w, role);
                size_t c = pf__tw_columns(role, strlen(role));
                for (size_t pad = c < 24 ? 26 - c : 2; pad > 0; pad--)
                    pf__tw_put(w, " ");
                pf__tw_text(w, note.data);
                pf__tw_put(w, "\n");
            }
            pf_buf_dispose(&note);
            continue;
        }
        char v[5][48], label[96];
        for (int f = 0; f < PF_FACET_COUNT; f++)
            number(w, g->stats[f].mean, 1, v[f]);
        number(w, g->stats[PF_GROUP_CAPABILITY].mean, 1, v[4]);
        snprintf(label, sizeof label, "%s (%zu)", pf__label_role(w->a->lang, (pf_role)r), g->stats[0].n);
        const char *cells[] = { label, v[0], v[1], v[2], v[3], v[4] };
        pf__tw_row(w, cells, widths, 6, false);
    }
    explanation(w, "roles");
    if (pf__report_small_roles(w->a))
        paragraph_n(w, "group.small.note");
}

static void respondents_table(writer *w, const char *h[PF_FACET_COUNT])
{
    const pf_scores *sc = w->a->scores;
    size_t n = pf_scores_count(sc);
    static const int rw[] = { 18, -8, -8, -8, -8, -10, -8 };
    const char *head2[] = { L(w, "report.respondent"), h[0], h[1], h[2], h[3], L(w, "chart.capability.score"),
                            pf__report_explain(w->a, "respondent.answered") };
    pf__tw_row(w, head2, rw, 7, true);
    for (size_t i = 0; i < n; i++) {
        const pf_assessment_score *s = pf_scores_at(sc, i);
        char v[5][48], answered[56];
        for (int f = 0; f < PF_FACET_COUNT; f++)
            number(w, s->orientation.pct[f], 1, v[f]);
        number(w, s->capability.score, 1, v[4]);
        pf__format_percent(w->a->lang, s->completeness * 100, 0, answered);
        const char *cells[] = { s->respondent, v[0], v[1], v[2], v[3], v[4], answered };
        pf__tw_row(w, cells, rw, 7, false);
    }
}

static void section_map(writer *w)
{
    const pf_metrics *m = pf_map_metrics(w->a->map);
    pf__tw_heading(w, 2, L(w, "chart.map.title"));
    if (!m->projects) {
        pf__tw_paragraph(w, "", L(w, "chart.no_projects"), 0);
        return;
    }
    explanation(w, "map");
    pf__tw_put(w, "\n");
    static const int zone_widths[] = { 20, -8 };
    const char *zh[] = { L(w, "report.zone"), L(w, "report.count") };
    pf__tw_row(w, zh, zone_widths, 2, true);
    for (int z = 0; z < PF_ZONE_COUNT; z++) {
        char count[24];
        snprintf(count, sizeof count, "%zu", m->zone_count[z]);
        const char *cells[] = { pf__label_zone(w->a->lang, (pf_zone)z), count };
        pf__tw_row(w, cells, zone_widths, 2, false);
    }
    if (m->has_shares) {
        explanation(w, "targets");
        pf__tw_put(w, "\n");
        static const int widths[] = { 16, -8, -8, -8 };
        const char *head[] = { L(w, "report.facet"), L(w, "report.share"), L(w, "report.target"), L(w, "chart.gap") };
        size_t cols = m->has_targets ? 4 : 2;
        pf__tw_row(w, head, widths, cols, true);
        for (int f = 0; f < PF_FACET_COUNT; f++) {
            char share[56], target[56] = "", gap[56] = "";
            pf__format_percent(w->a->lang, m->share[f] * 100, 1, share);
            if (m->has_targets) {
                pf__format_percent(w->a->lang, m->target[f] * 100, 1, target);
                pf__format_percent(w->a->lang, m->gap[f] * 100, 1, gap);
            }
            const char *cells[] = { pf__label_facet(w->a->lang, (pf_facet)f), share, target, gap };
            pf__tw_row(w, cells, widths, cols, false);
        }
        char hhi[48], eff[48], line[200];
        number(w, m->hhi, 3, hhi);
        number(w, m->effective_facets, 2, eff);
        snprintf(line, sizeof line, "%s%s%s (%s %s)", L(w, "report.concentration"), L(w, "report.colon"), hhi, eff,
                 L(w, "report.effective"));
        pf__tw_put(w, "\n");
        pf__tw_paragraph(w, "", line, 0);
        if (m->has_targets) {
            char bd[48];
            number(w, m->balance_distance, 3, bd);
            snprintf(line, sizeof line, "%s%s%s", L(w, "report.balance"), L(w, "report.colon"), bd);
            pf__tw_paragraph(w, "", line, 0);
        }
    }
    pf__tw_put(w, "\n");
    static const int pw[] = { 18, 20, 14, 7, 13 };
    const char *ph[] = { L(w, "report.project"), L(w, "report.title_col"), L(w, "report.zone"), L(w, "chart.priority"),
                         L(w, "report.stage") };
    pf__tw_row(w, ph, pw, 5, true);
    for (size_t i = 0; i < pf_map_count(w->a->map); i++) {
        const pf_project *p = w->a->doc->projects[i];
        const pf_placement *pl = pf_map_at(w->a->map, i);
        const char *cells[] = { p->id, p->title ? p->title : "",
                                pl->placed ? pf__label_zone(w->a->lang, pl->zone) : L(w, "chart.not_placed.one"),
                                p->priority == PF_PRIORITY_UNSET ? "" : pf__label_priority(w->a->lang, p->priority),
                                p->stage == PF_STAGE_UNSET ? "" : pf__label_stage(w->a->lang, p->stage) };
        pf__tw_row(w, cells, pw, 5, false);
    }
}

static void section_advice(writer *w)
{
    const pf_advice *adv = w->a->advice;
    pf__tw_heading(w, 2, L(w, "report.recommendations"));
    static const char *const kinds[] = { "report.kind.strength", "report.kind.action", "report.kind.warning",
                                         "report.kind.info" };
    if (!pf_advice_count(adv))
        pf__tw_paragraph(w, "", L(w, "report.none"), 0);
    for (int k = 0; k < PF_ADVICE_KIND_COUNT; k++) {
        bool any = false;
        for (size_t i = 0; i < pf_advice_count(adv); i++) {
            const pf_recommendation *r = pf_advice_at(adv, i);
            if ((int)r->kind != k)
                continue;
            if (!any) {
                pf__tw_put(w, w->md ? "\n### " : "\n");
                pf__tw_text(w, L(w, kinds[k]));
                pf__tw_put(w, w->md ? "\n\n" : "\n");
            }
            any = true;
            pf__tw_paragraph(w, "- ", r->message, 2);
            pf_buf ev = scratch(w);
            if (pf__buf_printf(&ev, "%s%s", L(w, "report.evidence"), L(w, "report.colon")) != PF_OK ||
                pf__report_evidence(w->a, r, &ev) != PF_OK)
                w->failed = true;
            else if (r->evidence_count)
                pf__tw_paragraph(w, w->md ? "  - " : "  ", ev.data, w->md ? 4 : 2);
            pf_buf_dispose(&ev);
        }
    }
}

static void section_relations(writer *w)
{
    const pf_relations *rel = w->a->relations;
    pf__tw_heading(w, 2, L(w, "report.relations"));
    static const char *const kinds[] = { "report.relation.synergy", "report.relation.tension",
                                         "report.relation.duplicate", "report.relation.handover" };
    bool any = false;
    for (int k = 0; k < PF_RELATION_KIND_COUNT; k++) {
        size_t total = pf_relations_count_kind(rel, (pf_relation_kind)k), shown = 0;
        if (!total)
            continue;
        any = true;
        char head[96];
        snprintf(head, sizeof head, "%s (%zu)", L(w, kinds[k]), total);
        pf__tw_put(w, w->md ? "\n### " : "\n");
        pf__tw_text(w, head);
        pf__tw_put(w, w->md ? "\n\n" : "\n");
        for (size_t i = 0; i < pf_relations_count(rel) && shown < 10; i++) {
            pf_relation view;
            const pf_relation *r = &view;
            pf__relation_view(rel, i, &view);
            if ((int)r->kind != k)
                continue;
            char sim[48];
            number(w, r->similarity, 2, sim);
            pf_buf line = scratch(w);
            pf_status st = pf__buf_printf(&line, "%s %s %s (%s %s)", r->a, k == PF_RELATION_HANDOVER ? "->" : "<->",
                                          r->b, L(w, "report.similarity"), sim);
            for (size_t t = 0; t < r->shared_tag_count && st == PF_OK; t++)
                st = pf__buf_printf(&line, "%s%s", t ? ", " : L(w, "report.colon"), r->shared_tags[t]);
            if (st != PF_OK)
                w->failed = true;
            else
                pf__tw_paragraph(w, "- ", line.data, 2);
            pf_buf_dispose(&line);
            shown++;
        }
        if (total > shown) {
            char more[96];
            snprintf(more, sizeof more, "+%zu %s", total - shown, L(w, "report.more"));
            pf__tw_paragraph(w, "- ", more, 2);
        }
    }
    if (!any)
        pf__tw_paragraph(w, "", L(w, "report.none"), 0);
}

pf_status pf__report_text(const pf_report_analysis *a, pf_buf *b, bool markdown)
{
    writer w = { b, a, markdown, !markdown && a->opts.color, false };
    section_context(&w);
    section_summary(&w);
    section_orientation(&w);
    section_capability(&w);
    section_respondents(&w);
    section_map(&w);
    section_advice(&w);
    section_relations(&w);
    if (a->since && !w.failed && pf__report_since_text(a, b, markdown, w.color) != PF_OK)
        w.failed = true;
    if (markdown) {
        pf__tw_put(&w, "\n---\n");
        pf__tw_text(&w, L(&w, "report.generated"));
        pf__tw_put(&w, " " PF_VERSION_STRING "\n");
    }
    return w.failed ? PF_ENOMEM : PF_OK;
}
