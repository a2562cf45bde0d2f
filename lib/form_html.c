/*
 * Questionnaire forms (form.h): an instrument as one HTML page, written here
 * so that it works as a printable questionnaire without JavaScript. The style
 * and the script (data/form.css, data/form.js) are embedded at build time and
 * inlined, allowed by the hashes of a Content-Security-Policy that forbids
 * everything else. The script learns the answer slots from a JSON block.
 *
 * Respondents see only the instrument's texts and neutral words: facet and
 * dimension names and item ids stay in attributes (control names are the ids
 * documents answer, docs/format.md section 4) and in the JSON block.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "instrument.h"
#include "json.h"
#include "xml.h"

extern const char pf__form_css[];
extern const size_t pf__form_css_size;
extern const char pf__form_css_sha256[];
extern const char pf__form_js[];
extern const size_t pf__form_js_size;
extern const char pf__form_js_sha256[];

typedef struct page {
    pf_buf *b;
    const pf_instrument *inst;
    pf__lang lang;
    const char *code; /* "en" or "fr" */
    const char *own;  /* the instrument's own language, that of every text it does not translate */
    bool foreign;     /* the own language is not the page's */
    size_t questions;
    size_t slots;
    pf_status status; /* the first failure sticks */
} page;

static void put(page *p, const char *s)
{
    if (p->status == PF_OK)
        p->status = pf__buf_puts(p->b, s);
}

static void putf(page *p, const char *fmt, ...) PF_PRINTF(2, 3);
static void putf(page *p, const char *fmt, ...)
{
    char text[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    put(p, text);
}

/* Text and attribute values alike: pf__xml_escape also escapes both quotes. */
static void esc(page *p, const char *s)
{
    if (p->status == PF_OK && s)
        p->status = pf__xml_escape(p->b, s);
}

static const char *L(const page *p, const char *key)
{
    return pf__label(p->lang, key);
}

/*
 * An instrument text's attributes: its own direction, and its language when it
 * is not the page's (the instrument has it only in its own language), as
 * screen readers need to pronounce it.
 */
static void text_attrs(page *p, const char *shown, const char *own)
{
    put(p, " dir=\"auto\"");
    if (p->foreign && shown && own && strcmp(shown, own) == 0) {
        put(p, " lang=\"");
        esc(p, p->own);
        put(p, "\"");
    }
}

/* "1st", "2nd", "11th" / "1er", "2e". */
static void ordinal(pf__lang lang, size_t n, char out[32])
{
    const char *suffix;
    if (lang == PF__LANG_FR) {
        suffix = n == 1 ? "er" : "e";
    } else if (n % 100 >= 11 && n % 100 <= 13) {
        suffix = "th";
    } else {
        static const char *const ends[] = { "th", "st", "nd", "rd" };
        suffix = n % 10 <= 3 ? ends[n % 10] : "th";
    }
    snprintf(out, 32, "%zu%s", n, suffix);
}

/* "Question 3 of 24" */
static void question_number(page *p, size_t n)
{
    char num[64];
    snprintf(num, sizeof num, "%zu %s %zu", n, L(p, "form.of"), p->questions);
    put(p, "<span class=\"qnum\">");
    esc(p, L(p, "form.question"));
    put(p, " ");
    esc(p, num);
    put(p, "</span> ");
}

static void legend(page *p, size_t qi, const char *text)
{
    pf_question_info own;
    put(p, "<legend><h2>");
    question_number(p, qi + 1);
    put(p, "<span");
    text_attrs(p, text, pf_instrument_question_at(p->inst, qi, &own) == PF_OK ? own.text : NULL);
    put(p, ">");
    esc(p, text);
    put(p, "</span></h2></legend>\n");
}

/* One radio or checkbox with its label: id pf-s<slot>-<k>. */
static void control(page *p, const char *type, size_t slot, size_t k, const char *name, const char *value,
                    const char *label, const char *own_label)
{
    char id[48];
    snprintf(id, sizeof id, "pf-s%zu-%zu", slot, k);
    put(p, "<div class=\"choice\"><input type=\"");
    put(p, type);
    put(p, "\" id=\"");
    put(p, id);
    put(p, "\" name=\"");
    esc(p, name);
    put(p, "\" value=\"");
    esc(p, value);
    put(p, "\"><label for=\"");
    put(p, id);
    put(p, "\"");
    if (own_label)
        text_attrs(p, label, own_label);
    put(p, ">");
    esc(p, label);
    put(p, "</label></div>\n");
}

static void item_fieldset(page *p, size_t slot, const pf_item_info *item, const char *own_text)
{
    putf(p, "<fieldset class=\"item\" id=\"pf-s%zu\">\n<legend", slot);
    text_attrs(p, item->text, own_text);
    put(p, ">");
    esc(p, item->text);
    put(p, "</legend>\n");
    if (item->form == PF_FORM_YES_NO) {
        static const char *const values[] = { "yes", "no", "unsure" };
        static const char *const keys[] = { "answer.yes", "answer.no", "answer.unsure" };
        put(p, "<div class=\"scale yes-no\">\n");
        for (size_t k = 0; k < 3; k++)
            control(p, "radio", slot, k, item->id, values[k], L(p, keys[k]), NULL);
    } else {
        put(p, "<div class=\"scale agree\">\n");
        for (size_t k = 0; k <= 4; k++) {
            char value[2] = { (char)('0' + k), '\0' };
            char key[32];
            snprintf(key, sizeof key, "answer.agree.%zu", k);
            control(p, "radio", slot, k, item->id, value, L(p, key), NULL);
        }
    }
    put(p, "</div>\n</fieldset>\n");
}

static void hint_and_error(page *p, size_t slot, const char *hint_key)
{
    putf(p, "<p class=\"hint\" id=\"pf-s%zu-hint\">", slot);
    esc(p, L(p, hint_key));
    putf(p, "</p>\n<p class=\"error-message\" id=\"pf-s%zu-error\"></p>\n", slot);
}

/* Option o of question qi in the page's language, and its text in the instrument's own. */
static bool option_texts(const page *p, size_t qi, size_t o, pf_option_info *shown, const char **own)
{
    pf_option_info own_opt;
    if (pf_instrument_option_in(p->inst, qi, o, p->code, shown) != PF_OK ||
        pf_instrument_option_at(p->inst, qi, o, &own_opt) != PF_OK)
        return false;
    *own = own_opt.text;
    return true;
}

static void rank_question(page *p, size_t qi, const pf_question_info *q, size_t slot)
{
    putf(p, "<fieldset class=\"question rank\" id=\"pf-q%zu\" aria-describedby=\"pf-s%zu-hint\">\n", qi + 1, slot);
    legend(p, qi, q->text);
    hint_and_error(p, slot, "form.rank.hint");
    /* Listed whole (a closed select shows only the start of a long text), and on paper with a box to number. */
    put(p, "<ul class=\"rank-options\">\n");
    for (size_t o = 0; o < q->option_count; o++) {
        pf_option_info opt;
        const char *own;
        if (!option_texts(p, qi, o, &opt, &own))
            continue;
        put(p, "<li");
        text_attrs(p, opt.text, own);
        put(p, ">");
        esc(p, opt.text);
        put(p, "</li>\n");
    }
    putf(p, "</ul>\n<div class=\"places\" id=\"pf-s%zu\">\n", slot);
    for (size_t place = 0; place < q->option_count; place++) {
        char id[48], nth[32];
        snprintf(id, sizeof id, "pf-s%zu-%zu", slot, place);
        ordinal(p->lang, place + 1, nth);
        put(p, "<div class=\"place\"><label for=\"");
        put(p, id);
        put(p, "\">");
        esc(p, nth);
        put(p, " ");
        esc(p, L(p, "form.choice"));
        put(p, "</label>\n<select id=\"");
        put(p, id);
        put(p, "\" name=\"");
        esc(p, q->id);
        putf(p, "\" aria-describedby=\"pf-s%zu-error\">\n<option value=\"\">", slot);
        esc(p, L(p, "form.choose"));
        put(p, "</option>\n");
        for (size_t o = 0; o < q->option_count; o++) {
            pf_option_info opt;
            const char *own;
            if (!option_texts(p, qi, o, &opt, &own))
                continue;
            put(p, "<option value=\"");
            esc(p, opt.id);
            put(p, "\"");
            text_attrs(p, opt.text, own);
            put(p, ">");
            esc(p, opt.text);
            put(p, "</option>\n");
        }
        put(p, "</select></div>\n");
    }
    put(p, "</div>\n</fieldset>\n");
}

static void multi_question(page *p, size_t qi, const pf_question_info *q, size_t slot)
{
    putf(p, "<fieldset class=\"question multi\" id=\"pf-q%zu\" aria-describedby=\"pf-s%zu-hint\">\n", qi + 1, slot);
    legend(p, qi, q->text);
    hint_and_error(p, slot, "form.multi.hint");
    putf(p, "<div class=\"choices\" id=\"pf-s%zu\">\n", slot);
    for (size_t o = 0; o < q->option_count; o++) {
        pf_option_info opt;
        const char *own;
        if (option_texts(p, qi, o, &opt, &own))
            control(p, "checkbox", slot, o, q->id, opt.id, opt.text, own);
    }
    put(p, "<p class=\"or\">");
    esc(p, L(p, "form.or"));
    put(p, "</p>\n");
    control(p, "checkbox", slot, q->option_count, q->id, "none", L(p, "answer.none"), NULL);
    put(p, "</div>\n</fieldset>\n");
}

/* A text field of the respondent fieldset, with its hint and error when it has them. */
static void text_field(page *p, const char *name, const char *label_key, const char *hint_key, bool optional,
                       const char *extra)
{
    put(p, "<div class=\"field\"><label for=\"pf-");
    put(p, name);
    put(p, "\">");
    esc(p, L(p, label_key));
    if (optional) {
        put(p, " <span class=\"optional\">");
        esc(p, L(p, "form.optional"));
        put(p, "</span>");
    }
    put(p, "</label>\n");
    if (hint_key) {
        put(p, "<p class=\"hint\" id=\"pf-");
        put(p, name);
        put(p, "-hint\">");
        esc(p, L(p, hint_key));
        put(p, "</p>\n<p class=\"error-message\" id=\"pf-");
        put(p, name);
        put(p, "-error\"></p>\n");
    }
    put(p, "<input type=\"text\" id=\"pf-");
    put(p, name);
    put(p, "\" name=\"");
    put(p, name);
    put(p, "\" ");
    put(p, extra);
    if (hint_key) {
        put(p, " aria-describedby=\"pf-");
        put(p, name);
        put(p, "-hint pf-");
        put(p, name);
        put(p, "-error\"");
    }
    put(p, "></div>\n");
}

static void about(page *p)
{
    put(p, "<fieldset class=\"about\" id=\"pf-about\">\n<legend><h2>");
    esc(p, L(p, "form.about"));
    put(p, "</h2></legend>\n");
    text_field(p, "respondent", "form.respondent", "form.respondent.hint", false,
               "class=\"short\" maxlength=\"200\" autocomplete=\"off\" autocapitalize=\"none\" spellcheck=\"false\"");
    put(p, "<div class=\"field\"><label for=\"pf-role\">");
    esc(p, L(p, "form.role"));
    put(p, " <span class=\"optional\">");
    esc(p, L(p, "form.optional"));
    put(p, "</span></label>\n<select id=\"pf-role\" name=\"role\">\n<option value=\"\">");
    esc(p, L(p, "form.role.none"));
    put(p, "</option>\n");
    for (int r = 0; r < PF_ROLE_COUNT; r++) {
        put(p, "<option value=\"");
        put(p, pf_role_name((pf_role)r));
        put(p, "\">");
        esc(p, pf__label_role(p->lang, (pf_role)r));
        put(p, "</option>\n");
    }
    put(p, "</select></div>\n");
    text_field(p, "unit", "form.unit", NULL, true, "maxlength=\"500\" autocomplete=\"off\"");
    text_field(p, "date", "form.date", "form.date.hint", true,
               "class=\"short\" maxlength=\"10\" autocomplete=\"off\" spellcheck=\"false\"");
    put(p, "</fieldset>\n");
}

static void questions(page *p)
{
    size_t slot = 0;
    for (size_t qi = 0; qi < p->questions; qi++) {
        pf_question_info q;
        if (pf_instrument_question_in(p->inst, qi, p->code, &q) != PF_OK)
            continue;
        if (q.form == PF_FORM_RANK) {
            rank_question(p, qi, &q, slot++);
            continue;
        }
        if (q.form == PF_FORM_MULTI) {
            multi_question(p, qi, &q, slot++);
            continue;
        }
        putf(p, "<fieldset class=\"question\" id=\"pf-q%zu\">\n", qi + 1);
        legend(p, qi, q.text);
        for (size_t i = 0; i < q.item_count; i++) {
            pf_item_info item, own;
            if (pf_instrument_item_in(p->inst, qi, i, p->code, &item) == PF_OK &&
                pf_instrument_item_at(p->inst, qi, i, &own) == PF_OK)
                item_fieldset(p, slot, &item, own.text);
            slot++;
        }
        put(p, "</fieldset>\n");
    }
}

/* What the script needs: the instrument's id and title, the page's words, and every answer slot. */
static void data_block(page *p)
{
    pf_buf json = PF_BUF_INIT;
    json.allocator = p->b->allocator;
    pf_json j;
    pf__json_init(&j, &json);
    pf__json_object_begin(&j);
    pf__json_key(&j, "instrument");
    pf__json_string(&j, pf_instrument_id(p->inst));
    pf__json_key(&j, "title");
    pf__json_string(&j, pf_instrument_title_in(p->inst, p->code));
    pf__json_key(&j, "lang");
    pf__json_string(&j, p->code);
    pf__json_key(&j, "default_instrument");
    pf__json_string(&j, PF_DEFAULT_INSTRUMENT);
    pf__json_key(&j, "roles");
    pf__json_array_begin(&j);
    for (int r = 0; r < PF_ROLE_COUNT; r++)
        pf__json_string(&j, pf_role_name((pf_role)r));
    pf__json_array_end(&j);
    pf__json_key(&j, "strings");
    pf__json_object_begin(&j);
    for (size_t i = 0; i < pf__label_table_size(); i++) {
        const char *key = pf__label_key_at(i);
        if (strncmp(key, "form.", 5) == 0) {
            pf__json_key(&j, key + 5);
            pf__json_string(&j, L(p, key));
        }
    }
    pf__json_object_end(&j);
    pf__json_key(&j, "slots");
    pf__json_array_begin(&j);
    for (size_t qi = 0; qi < p->questions; qi++) {
        pf_question_info q;
        if (pf_instrument_question_at(p->inst, qi, &q) != PF_OK)
            continue;
        bool whole = q.form == PF_FORM_RANK || q.form == PF_FORM_MULTI;
        size_t n = whole ? 1 : q.item_count;
        for (size_t i = 0; i < n; i++) {
            pf_item_info item;
            if (!whole && pf_instrument_item_at(p->inst, qi, i, &item) != PF_OK)
                continue;
            pf__json_object_begin(&j);
            pf__json_key(&j, "id");
            pf__json_string(&j, whole ? q.id : item.id);
            pf__json_key(&j, "form");
            pf__json_string(&j, whole ? pf_form_name(q.form) : item.form == PF_FORM_YES_NO ? "yes-no" : "agree");
            pf__json_key(&j, "q");
            pf__json_integer(&j, (long long)qi + 1);
            pf__json_key(&j, "k");
            pf__json_integer(&j, (long long)i + 1);
            pf__json_key(&j, "n");
            pf__json_integer(&j, (long long)n);
            if (whole) {
                pf__json_key(&j, "options");
                pf__json_array_begin(&j);
                for (size_t o = 0; o < q.option_count; o++) {
                    pf_option_info opt;
                    if (pf_instrument_option_at(p->inst, qi, o, &opt) == PF_OK)
                        pf__json_string(&j, opt.id);
                }
                pf__json_array_end(&j);
            }
            pf__json_object_end(&j);
        }
    }
    pf__json_array_end(&j);
    pf__json_object_end(&j);
    pf_status s = pf__json_finish(&j);
    if (s != PF_OK && p->status == PF_OK)
        p->status = s;
    put(p, "<script type=\"application/json\" id=\"pf-data\">\n");
    /* '<' only occurs inside JSON strings, where \u003c means the same: no "</script>" can end the block early. */
    const char *run = json.data;
    for (const char *c = json.data; p->status == PF_OK && c && *c; c++) {
        if (*c == '<') {
            p->status = pf__buf_append(p->b, run, (size_t)(c - run));
            put(p, "\\u003c");
            run = c + 1;
        }
    }
    if (run)
        put(p, run);
    put(p, "</script>\n");
    pf_buf_dispose(&json);
}

static void head(page *p, const char *title)
{
    put(p, "<!DOCTYPE html>\n<html lang=\"");
    put(p, p->code);
    put(p, "\">\n<head>\n<meta charset=\"utf-8\">\n"
           "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'sha256-");
    put(p, pf__form_js_sha256);
    put(p, "'; style-src 'sha256-");
    put(p, pf__form_css_sha256);
    put(p, "'; form-action 'none'; base-uri 'none'\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title");
    text_attrs(p, title, pf_instrument_title(p->inst));
    put(p, ">");
    esc(p, title);
    put(p, "</title>\n<style>");
    if (p->status == PF_OK)
        p->status = pf__buf_append(p->b, pf__form_css, pf__form_css_size);
    put(p, "</style>\n</head>\n");
}

static void page_body(page *p, const char *title)
{
    char progress[160];
    char n[48];
    snprintf(n, sizeof n, "%zu", p->slots);
    put(p, "<body>\n<header>\n<h1");
    text_attrs(p, title, pf_instrument_title(p->inst));
    put(p, ">");
    esc(p, title);
    put(p, "</h1>\n<p>");
    esc(p, L(p, "form.intro"));
    put(p, "</p>\n<noscript><p class=\"notice\">");
    esc(p, L(p, "form.noscript"));
    put(p, "</p></noscript>\n</header>\n<main>\n");
    put(p, "<div class=\"error-summary\" id=\"pf-summary\" tabindex=\"-1\" aria-labelledby=\"pf-summary-title\" hidden>"
           "\n<h2 id=\"pf-summary-title\">");
    esc(p, L(p, "form.errors"));
    put(p, "</h2>\n<ul id=\"pf-summary-list\"></ul>\n</div>\n");
    put(p, "<div class=\"notice\" id=\"pf-status\" role=\"status\"></div>\n");
    put(p, "<div class=\"notice\" id=\"pf-restored\" hidden><p>");
    esc(p, L(p, "form.restored"));
    put(p, "</p>\n<button type=\"button\" class=\"secondary\" id=\"pf-restart\">");
    esc(p, L(p, "form.restart"));
    put(p, "</button></div>\n");
    put(p, "<div class=\"tools\" id=\"pf-tools\" hidden>\n<div class=\"field\"><label for=\"pf-load\">");
    esc(p, L(p, "form.load"));
    put(p, "</label>\n<p class=\"hint\" id=\"pf-load-hint\">");
    esc(p, L(p, "form.load.hint"));
    put(p, "</p>\n<input type=\"file\" id=\"pf-load\" accept=\".yaml,.yml,.json\" aria-describedby=\"pf-load-hint\">"
           "</div>\n</div>\n");
    put(p, "<div class=\"bar\" id=\"pf-bar\" hidden>\n<p class=\"progress\"><span id=\"pf-progress-text\">");
    /* The script rewrites it as answers come; it starts at 0. */
    const char *tmpl = L(p, "form.progress");
    const char *at_n = strstr(tmpl, "{n}"), *at_m = strstr(tmpl, "{m}");
    if (at_n && at_m && at_n < at_m) {
        snprintf(progress, sizeof progress, "%.*s0%.*s%s%s", (int)(at_n - tmpl), tmpl, (int)(at_m - at_n - 3),
                 at_n + 3, n, at_m + 3);
        esc(p, progress);
    }
    put(p, "</span> <progress id=\"pf-progress\" max=\"");
    put(p, n);
    put(p, "\" value=\"0\" aria-label=\"");
    esc(p, L(p, "form.progress.label"));
    put(p, "\"></progress></p>\n<button type=\"button\" class=\"save\" id=\"pf-save-top\">");
    esc(p, L(p, "form.save"));
    put(p, "</button>\n</div>\n");
    put(p, "<form id=\"pf-form\" novalidate autocomplete=\"off\">\n");
    about(p);
    questions(p);
    put(p, "</form>\n<div class=\"finish\" id=\"pf-finish\" hidden>\n"
           "<div class=\"unanswered\" id=\"pf-unanswered\" tabindex=\"-1\" aria-labelledby=\"pf-unanswered-title\" hidden>"
           "\n<h2 id=\"pf-unanswered-title\">");
    esc(p, L(p, "form.unanswered"));
    put(p, "</h2>\n<p>");
    esc(p, L(p, "form.unanswered.hint"));
    put(p, "</p>\n<button type=\"button\" id=\"pf-save-anyway\">");
    esc(p, L(p, "form.save.anyway"));
    put(p, "</button>\n<ul id=\"pf-unanswered-list\"></ul>\n</div>\n<p class=\"hint\">");
    esc(p, L(p, "form.save.hint"));
    put(p, "</p>\n<button type=\"button\" class=\"save\" id=\"pf-save\">");
    esc(p, L(p, "form.save"));
    put(p, "</button>\n</div>\n</main>\n<footer>");
    esc(p, L(p, "report.generated"));
    put(p, " " PF_VERSION_STRING "</footer>\n");
    data_block(p);
    put(p, "<script>");
    if (p->status == PF_OK)
        p->status = pf__buf_append(p->b, pf__form_js, pf__form_js_size);
    put(p, "</script>\n</body>\n</html>\n");
}

pf_status pf_instrument_form_html(const pf_instrument *inst, const pf_form_options *opts, pf_buf *out, pf_error *err)
{
    if (!inst || !out)
        return pf__fail(err, PF_EARG, "%s is NULL", inst ? "out" : "inst");
    pf_form_options o = PF_FORM_OPTIONS_INIT;
    if (opts) {
        if (opts->version != PF_FORM_OPTIONS_VERSION)
            return pf__fail(err, PF_EARG, "unknown pf_form_options version %u", opts->version);
        o = *opts;
    }
    page p = { NULL, inst, PF__LANG_EN, "en", NULL, false, pf_instrument_question_count(inst), 0, PF_OK };
    if (!pf__lang_parse(o.lang, &p.lang))
        return pf__fail(err, PF_EARG, "unknown language '%s' (expected en or fr)", o.lang);
    p.code = pf__lang_code(p.lang);
    /* A primary subtag other than the page's: "en-GB" is not foreign to an English page, "de" is. */
    p.own = pf_instrument_language_at(inst, 0);
    p.foreign = p.own && !(strncmp(p.own, p.code, 2) == 0 && (p.own[2] == '\0' || p.own[2] == '-'));
    for (size_t qi = 0; qi < p.questions; qi++) {
        pf_question_info q;
        if (pf_instrument_question_at(inst, qi, &q) == PF_OK)
            p.slots += q.form == PF_FORM_RANK || q.form == PF_FORM_MULTI ? 1 : q.item_count;
    }
    pf_buf b = PF_BUF_INIT;
    b.allocator = inst->alloc;
    p.b = &b;
    const char *title = pf_instrument_title_in(inst, p.code);
    head(&p, title);
    page_body(&p, title);
    if (p.status != PF_OK) {
        pf_buf_dispose(&b);
        return p.status == PF_ENOMEM ? pf__oom(err) : pf__fail(err, p.status, "cannot write the form");
    }
    pf_buf_dispose(out);
    *out = b;
    return PF_OK;
}
