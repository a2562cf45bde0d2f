/*
 * Blank answers files (answers.h). The YAML is written by hand rather than
 * through libyaml's emitter, which cannot write comments: every comment line
 * is ours, so an instrument's text can never end one early.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "instrument.h"

enum { WIDTH = 80, ANSWER_INDENT = 6 };

typedef struct tpl {
    pf_buf *out;
    pf_buf lead; /* scratch for a comment's lead, which holds ids of any length */
    pf__lang lang;
    const char *tag; /* for the instrument's texts */
    bool failed;
} tpl;

static void put_n(tpl *t, const char *s, size_t n)
{
    if (!t->failed && pf__buf_append(t->out, s, n) != PF_OK)
        t->failed = true;
}

static void put(tpl *t, const char *s)
{
    put_n(t, s, strlen(s));
}

static void spaces(tpl *t, size_t n)
{
    static const char blank[] = "                                        ";
    for (; n > sizeof blank - 1; n -= sizeof blank - 1)
        put_n(t, blank, sizeof blank - 1);
    put_n(t, blank, n);
}

/*
 * The instrument's id as a value: plain when it is a word YAML reads as itself, as the form
 * writes it (data/form.js), else double-quoted (ids hold nothing a quoted text escapes):
 * "null" would name no instrument, and "-" would begin a list.
 */
static bool same_word(const char *a, const char *lower)
{
    for (; *a && *lower; a++, lower++)
        if ((*a >= 'A' && *a <= 'Z' ? *a - 'A' + 'a' : *a) != *lower)
            return false;
    return !*a && !*lower;
}

static void instrument_id(tpl *t, const char *id)
{
    static const char *const typed[] = { "null", "true", "false", "yes", "no", "on", "off", "y", "n" };
    bool plain = (id[0] >= 'a' && id[0] <= 'z') || (id[0] >= 'A' && id[0] <= 'Z');
    for (size_t i = 0; plain && i < sizeof typed / sizeof *typed; i++)
        plain = !same_word(id, typed[i]);
    if (!plain)
        put(t, "\"");
    put(t, id);
    if (!plain)
        put(t, "\"");
}

/* Formats a comment's lead into t->lead (valid until the next call); "" once memory ran out. */
static const char *lead_of(tpl *t, const char *fmt, ...) PF_PRINTF(2, 3);
static const char *lead_of(tpl *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    t->lead.size = 0;
    if (n < 0 || t->failed || pf__buf_reserve(&t->lead, (size_t)n) != PF_OK) {
        t->failed = true;
        return "";
    }
    va_start(ap, fmt);
    vsnprintf(t->lead.data, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return t->lead.data;
}

static const char *L(const tpl *t, const char *key)
{
    return pf__label(t->lang, key);
}

/* Characters on screen: UTF-8 bytes that do not continue a character. */
static size_t columns(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

/* Bytes of a YAML line break at p (\r\n, \n, \r, NEL, LS, PS): it would end a comment. Else 0. */
static size_t break_len(const char *p)
{
    const unsigned char *u = (const unsigned char *)p;
    if (u[0] == '\r')
        return u[1] == '\n' ? 2 : 1;
    if (u[0] == '\n')
        return 1;
    if (u[0] == 0xC2 && u[1] == 0x85)
        return 2;
    if (u[0] == 0xE2 && u[1] == 0x80 && (u[2] == 0xA8 || u[2] == 0xA9))
        return 3;
    return 0;
}

/* Bytes of a character YAML refuses or that would disturb a line (tab, controls, U+FFFE, U+FFFF), else 0. */
static size_t blank_len(const char *p)
{
    const unsigned char *u = (const unsigned char *)p;
    if (u[0] == '\t' || u[0] == ' ')
        return 1;
    if (u[0] == 0xEF && u[1] == 0xBF && (u[2] == 0xBE || u[2] == 0xBF))
        return 3;
    return pf__control_len(p);
}

/*
 * A comment: `indent` spaces, "# ", then `lead` and the text's words wrapped at WIDTH;
 * following lines have `hang` spaces where the lead was. Line breaks in the text start a
 * new comment line, and characters that YAML refuses become spaces.
 */
static void comment(tpl *t, size_t indent, const char *lead, size_t hang, const char *text)
{
    size_t lead_len = strlen(lead), col = 0;
    bool first_line = true, line_has_words = false, pending_break = false;
    const char *p = text;
    spaces(t, indent);
    put(t, "#");
    for (;;) {
        size_t n;
        while ((n = blank_len(p)) > 0 || (n = break_len(p)) > 0) {
            pending_break |= break_len(p) > 0 && line_has_words;
            p += n;
        }
        if (!*p)
            break;
        size_t len = 0;
        while (p[len] && !blank_len(p + len) && !break_len(p + len))
            len++;
        size_t w = columns(p, len);
        if (line_has_words && (pending_break || col + 1 + w > WIDTH)) {
            put(t, "\n");
            spaces(t, indent);
            put(t, "#");
            line_has_words = pending_break = false;
        }
        if (line_has_words) {
            put(t, " ");
            col++;
        } else if (first_line) {
            put(t, " ");
            put(t, lead);
            col = indent + 2 + columns(lead, lead_len);
            first_line = false;
        } else {
            put(t, " ");
            spaces(t, hang);
            col = indent + 2 + hang;
        }
        put_n(t, p, len);
        col += w;
        line_has_words = true;
        p += len;
    }
    if (first_line && lead_len) { /* a text of nothing but blanks: the lead alone */
        size_t keep = lead_len;
        while (keep && lead[keep - 1] == ' ')
            keep--;
        put(t, " ");
        put_n(t, lead, keep);
    }
    put(t, "\n");
}

/* "    key:" padded so its note begins in one column, then "# note". */
static void field(tpl *t, const char *key, const char *note)
{
    size_t used = 4 + strlen(key) + 1;
    spaces(t, 4);
    put(t, key);
    put(t, ":");
    spaces(t, used < 21 ? 21 - used : 1);
    put(t, "# ");
    put(t, note);
    put(t, "\n");
}

/* A comment listing units ("3 = agree") separated by commas, wrapped between units only. */
static void units(tpl *t, char (*unit)[128], size_t count)
{
    size_t col = 0;
    for (size_t i = 0; i < count; i++) {
        size_t w = columns(unit[i], strlen(unit[i])) + (i + 1 < count);
        if (i == 0 || col + 1 + w > WIDTH) {
            if (i)
                put(t, "\n");
            spaces(t, ANSWER_INDENT);
            put(t, "#");
            col = ANSWER_INDENT + 1;
        }
        put(t, " ");
        put(t, unit[i]);
        if (i + 1 < count)
            put(t, ",");
        col += 1 + w;
    }
    put(t, "\n");
}

/* "0 = strongly disagree, 1 = disagree, ..." or "yes = yes, no = no, unsure = not sure". */
static void scale(tpl *t, pf_form form)
{
    static const char *const choice_keys[] = { "answer.yes", "answer.no", "answer.unsure" };
    char unit[5][128];
    size_t n = form == PF_FORM_YES_NO ? PF_CHOICE_COUNT : 5;
    for (size_t i = 0; i < n; i++) {
        char key[48], word[96]; /* key: room for any size_t (-Wformat-truncation at -O0) */
        if (form == PF_FORM_YES_NO) {
            pf__lower_first(L(t, choice_keys[i]), word, sizeof word);
            snprintf(unit[i], sizeof unit[i], "%s = %s", pf_choice_name((pf_choice)i), word);
        } else {
            snprintf(key, sizeof key, "answer.agree.%zu", i);
            pf__lower_first(L(t, key), word, sizeof word);
            snprintf(unit[i], sizeof unit[i], "%zu = %s", i, word);
        }
    }
    units(t, unit, n);
}

/* The options of a rank or multi question, ids in a column and their texts beside. */
static void options(tpl *t, const pf_instrument *inst, size_t q, size_t count)
{
    size_t width = 0;
    pf_option_info o;
    for (size_t k = 0; k < count; k++)
        if (pf_instrument_option_in(inst, q, k, t->tag, &o) == PF_OK && strlen(o.id) > width)
            width = strlen(o.id);
    /* Long ids would leave no room: their texts go on the line below. */
    bool below = ANSWER_INDENT + 4 + width + 2 > WIDTH / 2;
    for (size_t k = 0; k < count; k++) {
        if (pf_instrument_option_in(inst, q, k, t->tag, &o) != PF_OK)
            continue;
        if (below) {
            spaces(t, ANSWER_INDENT);
            put(t, "#   ");
            put(t, o.id);
            put(t, "\n");
            comment(t, ANSWER_INDENT, "      ", 6, o.text);
        } else {
            comment(t, ANSWER_INDENT, lead_of(t, "  %-*s  ", (int)width, o.id), width + 4, o.text);
        }
    }
}

static void answer_key(tpl *t, const char *id)
{
    spaces(t, ANSWER_INDENT);
    put(t, id);
    put(t, ":\n");
}

static void question(tpl *t, const pf_instrument *inst, size_t index)
{
    pf_question_info q;
    if (pf_instrument_question_in(inst, index, t->tag, &q) != PF_OK)
        return;
    put(t, "\n");
    comment(t, ANSWER_INDENT,
            lead_of(t, "%s %zu (%s)%s", L(t, "template.question"), index + 1, q.id, L(t, "report.colon")), 0, q.text);
    if (q.form == PF_FORM_RANK || q.form == PF_FORM_MULTI) {
        if (q.form == PF_FORM_RANK)
            comment(t, ANSWER_INDENT, "", 0,
                    lead_of(t, "%s%zu%s", L(t, "template.rank.before"), q.option_count, L(t, "template.rank.after")));
        else
            comment(t, ANSWER_INDENT, "", 0, L(t, "template.multi"));
        options(t, inst, index, q.option_count);
        answer_key(t, q.id);
        return;
    }
    scale(t, q.form == PF_FORM_YES_NO ? PF_FORM_YES_NO : PF_FORM_AGREE);
    for (size_t k = 0; k < q.item_count; k++) {
        pf_item_info item;
        if (pf_instrument_item_in(inst, index, k, t->tag, &item) != PF_OK)
            continue;
        if (strcmp(item.text, q.text) != 0)
            comment(t, ANSWER_INDENT, "", 0, item.text);
        answer_key(t, item.id);
    }
}

pf_status pf_instrument_template(const pf_instrument *inst, const pf_template_options *opts, pf_buf *out,
                                 pf_error *err)
{
    if (!inst || !out)
        return pf__fail(err, PF_EARG, "inst or out is NULL");
    if (opts && opts->version != PF_TEMPLATE_OPTIONS_VERSION)
        return pf__fail(err, PF_EARG, "unknown pf_template_options version %u", opts->version);
    pf_buf_dispose(out);
    out->allocator = inst->alloc;
    tpl t = { out, PF_BUF_INIT, PF__LANG_EN, opts ? opts->lang : NULL, false };
    t.lead.allocator = inst->alloc;
    if (!pf__lang_parse(t.tag, &t.lang))
        t.lang = PF__LANG_EN;

    comment(&t, 0, "", 0, pf_instrument_title_in(inst, t.tag));
    comment(&t, 0, "", 0, L(&t, "template.intro"));
    put(&t, "portfolio: 1\ninstrument: ");
    instrument_id(&t, pf_instrument_id(inst));
    put(&t, "\nassessments:\n  - respondent:");
    spaces(&t, 21 - 15);
    put(&t, "# ");
    put(&t, L(&t, "template.respondent"));
    put(&t, "\n");
    char roles[256];
    pf__names_join(&pf_role__names, roles, sizeof roles);
    field(&t, "role", roles);
    field(&t, "unit", L(&t, "template.unit"));
    field(&t, "date", L(&t, "template.date"));
    put(&t, "    answers:\n");
    size_t n = pf_instrument_question_count(inst);
    for (size_t i = 0; i < n; i++)
        question(&t, inst, i);
    pf_buf_dispose(&t.lead);
    if (t.failed) {
        pf_buf_dispose(out);
        return pf__oom(err);
    }
    return PF_OK;
}
