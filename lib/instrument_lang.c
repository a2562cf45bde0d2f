/*
 * Instrument texts in several languages (docs/instrument.md, "Languages"):
 * language tags, choosing a text's translation with its fallbacks, and the
 * public getters. A text keeps its own language's version in place and its
 * others as a short run in the instrument's translation table, so a lookup
 * allocates nothing and is linear in the few languages of one text.
 */
#include <string.h>

#include "instrument.h"

static bool is_lower(char c)
{
    return c >= 'a' && c <= 'z';
}

static bool is_alnum(char c)
{
    return is_lower(c) || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool pf__lang_tag_valid(const char *tag)
{
    size_t n = 0;
    while (is_lower(tag[n]))
        n++;
    if (n < 2 || n > 3)
        return false;
    while (tag[n] == '-') {
        size_t start = ++n;
        while (is_alnum(tag[n]))
            n++;
        if (n == start || n - start > 8)
            return false;
    }
    return tag[n] == '\0' && n <= PF__LANG_TAG_MAX;
}

static char fold(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c == '_' ? '-' : c;
}

bool pf__lang_tag_equal(const char *tag, const char *want, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (tag[i] == '\0' || fold(tag[i]) != fold(want[i]))
            return false;
    return tag[len] == '\0';
}

/* The index of the language whose tag is the first len bytes of want, or -1. */
static int language_index(const pf_instrument *inst, const char *want, size_t len)
{
    for (size_t i = 0; i < inst->language_count; i++)
        if (pf__lang_tag_equal(inst->languages[i], want, len))
            return (int)i;
    return -1;
}

const char *pf__inst_text_in(const pf_instrument *inst, const char *text, pf_inst_tr tr, const char *lang)
{
    if (!lang || tr.count == 0)
        return text;
    /* The tag, then the tag without its last subtag, and so on (RFC 4647 lookup). */
    for (size_t len = strlen(lang); len > 0;) {
        int l = language_index(inst, lang, len);
        if (l == 0)
            return text;
        for (size_t i = tr.first; l > 0 && i < tr.first + tr.count; i++)
            if (inst->translations[i].lang == (size_t)l)
                return inst->translations[i].text;
        while (len > 0 && lang[len - 1] != '-' && lang[len - 1] != '_')
            len--;
        if (len > 0)
            len--;
    }
    return text;
}

/* ---- public API ---- */

size_t pf_instrument_language_count(const pf_instrument *inst)
{
    return inst ? inst->language_count : 0;
}

const char *pf_instrument_language_at(const pf_instrument *inst, size_t index)
{
    return inst && index < inst->language_count ? inst->languages[index] : NULL;
}

const char *pf_instrument_title_in(const pf_instrument *inst, const char *lang)
{
    return inst ? pf__inst_text_in(inst, inst->title, inst->title_tr, lang) : NULL;
}

pf_status pf_instrument_question_in(const pf_instrument *inst, size_t index, const char *lang, pf_question_info *out)
{
    pf_status s = pf_instrument_question_at(inst, index, out);
    if (s == PF_OK) {
        const pf_inst_question *q = &inst->questions[index];
        out->text = pf__inst_text_in(inst, q->text, q->tr, lang);
    }
    return s;
}

pf_status pf_instrument_item_in(const pf_instrument *inst, size_t question, size_t index, const char *lang,
                                pf_item_info *out)
{
    pf_status s = pf_instrument_item_at(inst, question, index, out);
    if (s == PF_OK) {
        const pf_inst_slot *slot = &inst->slots[inst->questions[question].first_slot + index];
        out->text = pf__inst_text_in(inst, slot->text, slot->tr, lang);
    }
    return s;
}

pf_status pf_instrument_option_in(const pf_instrument *inst, size_t question, size_t index, const char *lang,
                                  pf_option_info *out)
{
    pf_status s = pf_instrument_option_at(inst, question, index, out);
    if (s == PF_OK) {
        const pf_inst_option *o = &inst->slots[inst->questions[question].first_slot].options[index];
        out->text = pf__inst_text_in(inst, o->text, o->tr, lang);
    }
    return s;
}
