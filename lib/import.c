/*
 * CSV imports of answers and projects (import.h, docs/import.md): the header
 * row is matched to the format's fields, items and questions (directly or
 * through a mapping file), then every row is read into a document with the
 * model's own checks, every bad cell reported at its row and column.
 */
#include <stdio.h>
#include <string.h>

#include "csv_read.h"
#include "i18n.h"
#include "import_impl.h"
#include "yaml_events.h"

/* ---- words ---- */

bool pf__import_normalise(const char *in, char *out, size_t cap)
{
    const unsigned char *p = (const unsigned char *)in;
    size_t o = 0;
    bool space = false;
    out[0] = '\0';
    while (*p) {
        unsigned char c = *p, repl[2];
        size_t width = 1, n = 1;
        repl[0] = c;
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '-' || c == '_') {
            n = 0;
        } else if (c == 0xC2 && p[1] == 0xA0) { /* no-break space */
            width = 2, n = 0;
        } else if (c == 0xE2 && p[1] == 0x80 && (p[2] == 0xAF || p[2] == 0x89)) { /* narrow no-break, thin space */
            width = 3, n = 0;
        } else if (c == 0xE2 && p[1] == 0x80 && (p[2] == 0x98 || p[2] == 0x99)) { /* typographic apostrophes */
            width = 3, repl[0] = '\'';
        } else if (c == 0xCA && p[1] == 0xBC) { /* modifier letter apostrophe */
            width = 2, repl[0] = '\'';
        } else if (c >= 'A' && c <= 'Z') {
            repl[0] = (unsigned char)(c + 32);
        } else if (c == 0xC3 && p[1] >= 0x80 && p[1] <= 0x9E && p[1] != 0x97) { /* Latin-1 capitals */
            width = 2, n = 2, repl[1] = (unsigned char)(p[1] + 0x20);
        } else if (c == 0xC3 && p[1]) {
            width = 2, n = 2, repl[1] = p[1];
        }
        p += width;
        if (n == 0) {
            space = o > 0;
            continue;
        }
        if (o + space + n >= cap) {
            out[0] = '\0';
            return false;
        }
        if (space)
            out[o++] = ' ';
        space = false;
        memcpy(out + o, repl, n);
        o += n;
    }
    out[o] = '\0';
    return true;
}

/* Words of survey tools besides the format's own and the library's labels (i18n.c). */
static const char *const agree_words[5][8] = {
    { "strongly disagree", "pas du tout d'accord", "tout à fait en désaccord", "totalement en désaccord",
      "fortement en désaccord", NULL },
    { "disagree", "somewhat disagree", "tend to disagree", "plutôt pas d'accord", "pas d'accord",
      "plutôt en désaccord", "en désaccord", NULL },
    { "neutral", "neither agree nor disagree", "neither agree or disagree", "neutre", "ni d'accord ni pas d'accord",
      "ni en accord ni en désaccord", NULL },
    { "agree", "somewhat agree", "tend to agree", "plutôt d'accord", "d'accord", NULL },
    { "strongly agree", "tout à fait d'accord", "totalement d'accord", "fortement d'accord", NULL },
};

static const char *const choice_words[PF_CHOICE_COUNT][10] = {
    { "yes", "oui", NULL },
    { "no", "non", NULL },
    { "unsure", "not sure", "don't know", "do not know", "i don't know", "je ne sais pas", "ne sais pas",
      "ne sait pas", NULL },
};

/* The label of `key` in either language, normalised, equals the word. */
static bool label_is(const char *word, const char *key)
{
    for (int lang = 0; lang < PF__LANG_COUNT; lang++) {
        const char *label = pf__label_exact((pf__lang)lang, key);
        char norm[PF_IMPORT_WORD_MAX];
        if (label && pf__import_normalise(label, norm, sizeof norm) && strcmp(norm, word) == 0)
            return true;
    }
    return false;
}

int pf__import_agreement_word(const char *word)
{
    if (word[0] >= '0' && word[0] <= '4' && !word[1])
        return word[0] - '0';
    for (int v = 0; v < 5; v++) {
        for (size_t i = 0; agree_words[v][i]; i++)
            if (strcmp(word, agree_words[v][i]) == 0)
                return v;
        char key[32];
        snprintf(key, sizeof key, "answer.agree.%d", v);
        if (label_is(word, key))
            return v;
    }
    return -1;
}

int pf__import_choice_word(const char *word)
{
    static const char *const keys[PF_CHOICE_COUNT] = { "answer.yes", "answer.no", "answer.unsure" };
    for (int v = 0; v < PF_CHOICE_COUNT; v++) {
        for (size_t i = 0; choice_words[v][i]; i++)
            if (strcmp(word, choice_words[v][i]) == 0)
                return v;
        if (label_is(word, keys[v]))
            return v;
    }
    return -1;
}

/* ---- the importer ---- */

typedef enum col_kind {
    COL_IGNORE,     /* ignored by the mapping */
    COL_UNNAMED,    /* no header: its cells must stay empty */
    COL_UNKNOWN,    /* a header problem was reported; its cells are not read */
    COL_RESPONDENT,
    COL_ROLE,
    COL_UNIT,
    COL_DATE,
    COL_SLOT,       /* an item, or a rank or multi question as a whole */
    COL_OPTION,     /* one option of a rank or multi question */
    COL_PROJECT     /* a project field (PF_PCOL_*) */
} col_kind;

typedef struct column {
    col_kind kind;
    int field;  /* COL_PROJECT: PF_PCOL_* (facet names alone as facets.<facet>) */
    int slot;   /* COL_SLOT, COL_OPTION */
    int option; /* COL_OPTION */
    char *label; /* "Q1_3" (q1.mission) */
} column;

/* A rank or multi question answered with one column per option. */
typedef struct option_group {
    int slot;
    bool usable;
    size_t columns[PF_MAX_OPTIONS]; /* per option: its column, or SIZE_MAX */
} option_group;

/* Where an attached object came from, for "first in row N" and the checks of links. */
typedef struct site {
    unsigned row;
    unsigned links_column; /* 0 when no links cell */
    size_t links_offset;
} site;

typedef struct importer {
    pf_csv csv;
    pf_import_kind kind;
    const pf_import_map *map;
    bool *map_reported;        /* per map column: its problem was reported */
    pf_diagnostics *map_diags; /* problems found in the mapping file */
    pf_doc *doc;
    const pf_instrument *inst;
    bool header_seen;
    column *cols;
    size_t col_count;
    size_t key_column;  /* respondent or id; SIZE_MAX when missing */
    size_t *used;       /* per target (answers: keyword or slot; projects: field): its column + 1 */
    size_t used_count;
    option_group *groups;
    size_t group_count, group_cap;
    size_t *slot_group; /* per slot: its option group, or SIZE_MAX */
    pf_strvec option_ids;   /* "<question>.<option>" of every rank and multi question */
    pf_strmap option_index; /* -> slot * PF_MAX_OPTIONS + option */
    int *values;        /* per column, for option columns of the current row: -1 empty, -2 bad, else the value */
    site *sites;
    size_t site_cap;
    size_t suggestions_tried; /* names compared for "did you mean": bounded, see suggest() */
} importer;

static void cell_problem(importer *im, unsigned row, size_t col, size_t offset, const char *fmt, ...) PF_PRINTF(5, 6);

static void cell_problem(importer *im, unsigned row, size_t col, size_t offset, const char *fmt, ...)
{
    char msg[PF_ERROR_MESSAGE_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    pf__csv_problem(&im->csv, row, (unsigned)(col + 1), offset, "column %s: %s", im->cols[col].label, msg);
}

/* A setter's "field: problem" message about a cell, without the field. */
static void setter_problem(importer *im, unsigned row, size_t col, size_t offset, const pf_error *e)
{
    if (e->code == PF_ENOMEM) {
        im->csv.oom = true;
        return;
    }
    const char *colon = strstr(e->message, ": ");
    cell_problem(im, row, col, offset, "%s", colon ? colon + 2 : e->message);
}

/* "Q1_3" (q1.mission), or "q1.mission" when the header is the target: headers shown on one line, cut at 60 bytes. */
static char *make_label(importer *im, const char *header, const char *target)
{
    char shown[72];
    size_t o = 0;
    for (const char *p = header; *p && o < 60; p++)
        shown[o++] = *p == '\n' || *p == '\r' || *p == '\t' ? ' ' : *p;
    if (header[o]) {
        while (o > 0 && ((unsigned char)header[o] & 0xC0) == 0x80)
            o--; /* back to the start of the cut character */
        memcpy(shown + o, "...", 3);
        o += 3;
    }
    shown[o] = '\0';
    char label[256];
    if (target && strcmp(target, header) != 0)
        snprintf(label, sizeof label, "\"%s\" (%s)", shown, target);
    else
        snprintf(label, sizeof label, "\"%s\"", shown);
    return pf__strdup(&im->csv.alloc, label);
}

/* A problem with a header: in the mapping file when the map gave its target, else at the header cell. */
static void header_problem(importer *im, const pf_map_column *mc, unsigned row, size_t col, size_t offset,
                           const char *fmt, ...) PF_PRINTF(6, 7);

static void header_problem(importer *im, const pf_map_column *mc, unsigned row, size_t col, size_t offset,
                           const char *fmt, ...)
{
    char msg[PF_ERROR_MESSAGE_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (!mc) {
        cell_problem(im, row, col, offset, "%s", msg);
        return;
    }
    size_t index = (size_t)(mc - im->map->columns);
    if (im->map_reported[index])
        return;
    im->map_reported[index] = true;
    char h[64];
    pf__quote(mc->header, h);
    if (pf__report(im->map_diags, NULL, im->map->source, mc->pos, PF_EINVALID, "columns.%s: %s", h, msg) != PF_OK)
        im->csv.oom = true;
}

/* Names "did you mean" may compare in one import: with a large instrument and many unknown headers the
   search would grow with their product. 2000 suggestions against the default instrument fit. */
#define SUGGESTION_BUDGET 200000

/* " (did you mean 'x'?)" for the closest name within two edits (fewer than the name's length less
   one, so 'Q1' is not taken for 'q2'), else "". Only while problems are stored and the budget lasts:
   the search is not free. */
static void suggest(importer *im, const char *name, const pf__names *names, char *out, size_t cap)
{
    out[0] = '\0';
    size_t len = strlen(name), candidates = names->count + (im->inst ? im->inst->slot_count : 0);
    if (pf_diagnostics_count(im->csv.diags) >= im->csv.opts.max_diagnostics || len < 3 ||
        candidates > SUGGESTION_BUDGET - im->suggestions_tried)
        return;
    im->suggestions_tried += candidates;
    size_t best = len - 1 < 3 ? len - 1 : 3;
    const char *found = NULL;
    for (size_t i = 0; i < names->count; i++) {
        size_t d = pf__edit_distance(name, names->names[i]);
        if (d < best)
            best = d, found = names->names[i];
    }
    for (size_t i = 0; im->inst && i < im->inst->slot_count; i++) {
        size_t d = pf__edit_distance(name, im->inst->slots[i].id);
        if (d < best)
            best = d, found = im->inst->slots[i].id;
    }
    if (found)
        snprintf(out, cap, " (did you mean '%s'?)", found);
}

/* The option group of a slot, created on first use; NULL when out of memory. */
static option_group *group_of(importer *im, int slot)
{
    if (im->slot_group[slot] != SIZE_MAX)
        return &im->groups[im->slot_group[slot]];
    if (pf__grow(&im->csv.alloc, (void **)&im->groups, &im->group_cap, im->group_count + 1, sizeof *im->groups) !=
        PF_OK)
        return NULL;
    im->slot_group[slot] = im->group_count;
    option_group *g = &im->groups[im->group_count++];
    g->slot = slot;
    g->usable = true;
    for (size_t i = 0; i < PF_MAX_OPTIONS; i++)
        g->columns[i] = SIZE_MAX;
    return g;
}

/* Answers: what a target names; false (reported) when nothing. */
static bool resolve_answer(importer *im, column *c, const char *target, const pf_map_column *mc, unsigned row,
                           size_t col, size_t offset)
{
    const pf_instrument *inst = im->inst;
    int k = pf__names_find(&pf__answer_column_names, target);
    if (k >= 0) {
        static const col_kind kinds[] = { COL_RESPONDENT, COL_ROLE, COL_UNIT, COL_DATE, COL_IGNORE };
        c->kind = kinds[k];
        c->slot = k;
        return true;
    }
    int slot = pf__instrument_find(inst, target);
    if (slot >= 0) {
        c->kind = COL_SLOT;
        c->slot = slot;
        return true;
    }
    size_t v;
    if (pf__strmap_get(&im->option_index, target, &v)) {
        c->kind = COL_OPTION;
        c->slot = (int)(v / PF_MAX_OPTIONS);
        c->option = (int)(v % PF_MAX_OPTIONS);
        return true;
    }
    /* Unknown. Saying why costs more than finding: only for problems that are stored. */
    if (mc ? im->map_reported[mc - im->map->columns]
           : pf_diagnostics_count(im->csv.diags) >= im->csv.opts.max_diagnostics) {
        header_problem(im, mc, row, col, offset, "unknown column");
        return false;
    }
    char q[64];
    pf__quote(target, q);
    /* A rank or multi question with an option it lacks: the question id may hold dots, so every dot is tried. */
    for (const char *dot = strchr(target, '.'); dot; dot = strchr(dot + 1, '.')) {
        char question[128];
        size_t n = (size_t)(dot - target);
        if (n >= sizeof question)
            break;
        memcpy(question, target, n);
        question[n] = '\0';
        int qs = pf__instrument_find(inst, question);
        if (qs < 0 || (inst->slots[qs].form != PF_FORM_RANK && inst->slots[qs].form != PF_FORM_MULTI))
            continue;
        const pf_inst_slot *s = &inst->slots[qs];
        char expected[PF_ERROR_MESSAGE_MAX / 2] = "";
        size_t o = 0;
        for (size_t i = 0; i < s->option_count && o + 40 < sizeof expected; i++)
            o += (size_t)snprintf(expected + o, sizeof expected - o, "%s%s", i ? ", " : "", s->options[i].id);
        header_problem(im, mc, row, col, offset, "%s has no option '%s' (its options: %s)", question, dot + 1,
                       expected);
        return false;
    }
    if (pf__instrument_has_items_of(inst, target)) {
        const char *example = "";
        size_t n = strlen(target);
        for (size_t i = 0; i < inst->slot_count && !*example; i++)
            if (strncmp(inst->slots[i].id, target, n) == 0 && inst->slots[i].id[n] == '.')
                example = inst->slots[i].id;
        header_problem(im, mc, row, col, offset, "%s is answered item by item: one column per item, such as %s", q,
                       example);
        return false;
    }
    char hint[96];
    suggest(im, target, &pf__answer_column_names, hint, sizeof hint);
    if (mc)
        header_problem(im, mc, row, col, offset,
                       "%s is not respondent, role, unit, date or ignore, nor an item or question of %s%s", q,
                       inst->id, hint);
    else if (hint[0])
        header_problem(im, mc, row, col, offset, "unknown column%s", hint);
    else
        header_problem(im, mc, row, col, offset,
                       "unknown column: not respondent, role, unit or date, nor an item or question of %s (a mapping "
                       "file can name it, or ignore it)", inst->id);
    return false;
}

/* Projects: what a target names; false (reported) when nothing. */
static bool resolve_project(importer *im, column *c, const char *target, const pf_map_column *mc, unsigned row,
                            size_t col, size_t offset)
{
    int k = pf__names_find(&pf__project_column_names, target);
    if (k == PF_PCOL_IGNORE) {
        c->kind = COL_IGNORE;
        return true;
    }
    if (k >= 0) {
        c->kind = COL_PROJECT;
        c->field = k >= PF_PCOL_ENHANCEMENT ? PF_PCOL_FACETS_ENHANCEMENT + (k - PF_PCOL_ENHANCEMENT) : k;
        return true;
    }
    char hint[96];
    suggest(im, target, &pf__project_column_names, hint, sizeof hint);
    if (hint[0]) {
        header_problem(im, mc, row, col, offset, "unknown column%s", hint);
    } else {
        char expected[PF_ERROR_MESSAGE_MAX / 2];
        pf__names_join(&pf__project_column_names, expected, sizeof expected);
        header_problem(im, mc, row, col, offset, "unknown column (expected one of: %s; a mapping file can name it, "
                                                 "or ignore it)", expected);
    }
    return false;
}

/* The index a column's target takes in `used`, for duplicates. */
static size_t target_index(const importer *im, const column *c)
{
    if (im->kind == PF_IMPORT_PROJECTS)
        return (size_t)c->field;
    if (c->kind == COL_SLOT || c->kind == COL_OPTION)
        return PF_ACOL_COUNT + (size_t)c->slot * (PF_MAX_OPTIONS + 1) + (c->kind == COL_OPTION ? (size_t)c->option + 1 : 0);
    return (size_t)c->slot; /* the keyword's index */
}

static void read_header(importer *im, unsigned row, const pf_csv_cell *cells, size_t count)
{
    const pf_allocator *al = &im->csv.alloc;
    im->header_seen = true;
    im->key_column = SIZE_MAX;
    im->used_count = im->kind == PF_IMPORT_PROJECTS
                         ? PF_PCOL_COUNT
                         : PF_ACOL_COUNT + im->inst->slot_count * (PF_MAX_OPTIONS + 1);
    im->cols = pf__calloc(al, count, sizeof *im->cols);
    im->values = pf__calloc(al, count, sizeof *im->values);
    im->used = pf__calloc(al, im->used_count, sizeof *im->used);
    size_t slots = im->kind == PF_IMPORT_ANSWERS ? im->inst->slot_count : 0;
    im->slot_group = pf__malloc(al, (slots ? slots : 1) * sizeof *im->slot_group);
    if (!im->cols || !im->values || !im->used || !im->slot_group) {
        im->csv.oom = true;
        return;
    }
    for (size_t i = 0; i < slots; i++) {
        im->slot_group[i] = SIZE_MAX;
        const pf_inst_slot *s = &im->inst->slots[i];
        for (size_t o = 0; (s->form == PF_FORM_RANK || s->form == PF_FORM_MULTI) && o < s->option_count; o++) {
            size_t n = strlen(s->id) + strlen(s->options[o].id) + 2;
            char *id = pf__malloc(al, n);
            if (!id) {
                im->csv.oom = true;
                return;
            }
            snprintf(id, n, "%s.%s", s->id, s->options[o].id);
            pf_status st = pf__strvec_push(al, &im->option_ids, id);
            pf__free(al, id);
            if (st != PF_OK || pf__strmap_put(al, &im->option_index, im->option_ids.items[im->option_ids.count - 1],
                                              i * PF_MAX_OPTIONS + o) != PF_OK) {
                im->csv.oom = true;
                return;
            }
        }
    }
    im->col_count = count;
    for (size_t j = 0; j < count && !im->csv.oom; j++) {
        column *c = &im->cols[j];
        const char *header = cells[j].text;
        c->kind = COL_UNKNOWN;
        if (!*header) {
            c->kind = COL_UNNAMED;
            char label[48];
            snprintf(label, sizeof label, "%zu (no header)", j + 1);
            if (!(c->label = pf__strdup(al, label)))
                im->csv.oom = true;
            continue;
        }
        const pf_map_column *mc = pf__map_column(im->map, header);
        const char *target = mc ? mc->target : header;
        if (!(c->label = make_label(im, header, target))) {
            im->csv.oom = true;
            break;
        }
        bool ok = im->kind == PF_IMPORT_ANSWERS ? resolve_answer(im, c, target, mc, row, j, cells[j].offset)
                                                : resolve_project(im, c, target, mc, row, j, cells[j].offset);
        if (!ok) {
            c->kind = COL_UNKNOWN;
            continue;
        }
        if (c->kind == COL_IGNORE)
            continue;
        size_t t = target_index(im, c);
        if (im->used[t]) {
            size_t first = im->used[t] - 1;
            cell_problem(im, row, j, cells[j].offset, "column %zu, %s, gives %s already", first + 1,
                         im->cols[first].label,
                         im->kind == PF_IMPORT_PROJECTS ? pf__project_column_names.names[c->field] : target);
            c->kind = COL_UNKNOWN;
            continue;
        }
        im->used[t] = j + 1;
        if (c->kind == COL_RESPONDENT || (c->kind == COL_PROJECT && c->field == PF_PCOL_ID))
            im->key_column = j;
        if (c->kind == COL_OPTION || c->kind == COL_SLOT) {
            /* A question answered whole and option by option at once could disagree with itself. */
            size_t whole = PF_ACOL_COUNT + (size_t)c->slot * (PF_MAX_OPTIONS + 1), other = SIZE_MAX;
            if (c->kind == COL_OPTION && im->used[whole])
                other = im->used[whole] - 1;
            for (size_t i = 0; c->kind == COL_SLOT && i < PF_MAX_OPTIONS && other == SIZE_MAX; i++)
                if (im->used[whole + 1 + i])
                    other = im->used[whole + 1 + i] - 1;
            if (other != SIZE_MAX) {
                cell_problem(im, row, j, cells[j].offset,
                             "%s is already answered in column %zu, %s: give a question whole or option by option, "
                             "not both", im->inst->slots[c->slot].id, other + 1, im->cols[other].label);
                c->kind = COL_UNKNOWN;
                continue;
            }
        }
        if (c->kind == COL_OPTION) {
            option_group *g = group_of(im, c->slot);
            if (!g) {
                im->csv.oom = true;
                break;
            }
            g->columns[c->option] = j;
        }
    }
    if (im->csv.oom)
        return;
    /* A ranking answered option by option needs a column for every option. */
    for (size_t i = 0; i < im->group_count; i++) {
        option_group *g = &im->groups[i];
        const pf_inst_slot *s = &im->inst->slots[g->slot];
        if (s->form != PF_FORM_RANK)
            continue;
        size_t first = SIZE_MAX;
        const char *missing = NULL;
        for (size_t o = 0; o < s->option_count; o++) {
            if (g->columns[o] == SIZE_MAX && !missing)
                missing = s->options[o].id;
            else if (g->columns[o] < first)
                first = g->columns[o];
        }
        if (missing) {
            g->usable = false;
            cell_problem(im, row, first, cells[first].offset,
                         "%s is a ranking: each of its %zu options needs a column of places (%s.%s has none)", s->id,
                         s->option_count, s->id, missing);
        }
    }
    if (im->key_column == SIZE_MAX)
        pf__csv_problem(&im->csv, row, 1, cells[0].offset,
                        im->kind == PF_IMPORT_ANSWERS
                            ? "missing column \"respondent\": every row needs the respondent's pseudonym (name a column "
                              "respondent, or map one to it in a mapping file)"
                            : "missing column \"id\": every row needs the project's id (name a column id, or map one "
                              "to it in a mapping file)");
}

/* ---- cell values ---- */

static bool word_of(const char *text, char word[PF_IMPORT_WORD_MAX])
{
    return pf__import_normalise(text, word, PF_IMPORT_WORD_MAX);
}

/* The map's word, or a word of the format's list (names) in any case and with spaces for '-'; -1 when neither. */
static int enum_value(const importer *im, const char *text, const pf__names *names, pf_value_kind kind)
{
    int v;
    char word[PF_IMPORT_WORD_MAX], name[PF_IMPORT_WORD_MAX];
    if (!word_of(text, word))
        return -1;
    if (pf__map_value(im->map, kind, word, &v))
        return v;
    for (size_t i = 0; i < names->count; i++)
        if (pf__import_normalise(names->names[i], name, sizeof name) && strcmp(name, word) == 0)
            return (int)i;
    return -1;
}

static bool read_enum(importer *im, unsigned row, size_t col, const pf_csv_cell *cell, const pf__names *names,
                      pf_value_kind kind, int *out)
{
    *out = enum_value(im, cell->text, names, kind);
    if (*out >= 0)
        return true;
    char q[64], expected[256];
    pf__quote(cell->text, q);
    pf__names_join(names, expected, sizeof expected);
    cell_problem(im, row, col, cell->offset, "unknown value %s (expected one of: %s)", q, expected);
    return false;
}

/* YYYY-MM-DD, or a date and time as survey tools write it (2025-10-14T09:30:00Z, 2025-10-14 09:30): the time is dropped. */
static bool read_date(importer *im, unsigned row, size_t col, const pf_csv_cell *cell, pf_date *out)
{
    const char *s = cell->text;
    char day[11], q[64];
    bool shaped = cell->len >= 10;
    if (shaped && cell->len > 10)
        shaped = (s[10] == 'T' || s[10] == ' ') && cell->len >= 16 && s[11] >= '0' && s[11] <= '9' &&
                 s[12] >= '0' && s[12] <= '9' && s[13] == ':' && s[14] >= '0' && s[14] <= '9' && s[15] >= '0' &&
                 s[15] <= '9';
    if (shaped) {
        memcpy(day, s, 10);
        day[10] = '\0';
        shaped = pf__parse_date(day, out);
    }
    pf__quote(s, q);
    if (!shaped) {
        cell_problem(im, row, col, cell->offset, "expected a date YYYY-MM-DD, got %s", q);
        return false;
    }
    if (!pf__date_valid(*out)) {
        cell_problem(im, row, col, cell->offset, "%s is not a date in the calendar", day);
        return false;
    }
    return true;
}

static bool read_number(importer *im, unsigned row, size_t col, const pf_csv_cell *cell, double *out)
{
    if (pf__parse_number(cell->text, out))
        return true;
    char q[64];
    pf__quote(cell->text, q);
    if (pf__is_decimal(cell->text))
        cell_problem(im, row, col, cell->offset, "%s is too large to be a number", q);
    else
        cell_problem(im, row, col, cell->offset,
                     "expected a number such as 4.5 or 1250000 (a decimal point, no thousands separators), got %s", q);
    return false;
}

static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* The next ';'-separated entry of *rest, without the spaces around it, copied to buf (which
   has room for all of *rest); NULL at the end. Empty entries come back as "". */
static char *next_entry(const char **rest, char *buf)
{
    if (!**rest)
        return NULL;
    const char *p = *rest, *end = strchr(p, ';');
    size_t len = end ? (size_t)(end - p) : strlen(p);
    *rest = end ? end + 1 : p + len;
    while (len && is_blank(*p))
        p++, len--;
    while (len && is_blank(p[len - 1]))
        len--;
    memcpy(buf, p, len);
    buf[len] = '\0';
    return buf;
}

/* A cell's non-empty entries into buf (strlen(text) + 1 bytes); more than max gives max + 1. */
static size_t split_list(const char *text, char *buf, const char **items, size_t max)
{
    size_t n = 0;
    char *entry;
    while ((entry = next_entry(&text, buf))) {
        if (!*entry)
            continue;
        if (n == max)
            return max + 1;
        items[n++] = entry;
        buf = entry + strlen(entry) + 1;
    }
    return n;
}

/* ---- answers ---- */

static void read_answer_cell(importer *im, pf_assessment *a, unsigned row, size_t col, const pf_csv_cell *cell)
{
    const column *c = &im->cols[col];
    const pf_inst_slot *s = &im->inst->slots[c->slot];
    char q[64], word[PF_IMPORT_WORD_MAX];
    pf__quote(cell->text, q);
    bool have_word = word_of(cell->text, word);
    pf_error e;
    pf_status st = PF_OK;
    int v = -1;
    switch (s->form) {
    case PF_FORM_AGREE:
    case PF_FORM_AGREE_HALF:
    case PF_FORM_AGREE_REVERSED: {
        if (have_word && !pf__map_value(im->map, PF_VALUES_AGREE, word, &v))
            v = pf__import_agreement_word(word);
        int64_t n;
        if (v >= 0)
            st = pf__answer_set_agreement(a, c->slot, v, &e);
        else if (pf__parse_int64(cell->text, &n))
            cell_problem(im, row, col, cell->offset,
                         "agreement must be 0..4 (got %s; a scale numbered 1 to 5 needs words in the mapping file)",
                         cell->text);
        else
            cell_problem(im, row, col, cell->offset,
                         "%s is not an agreement (0..4 or strongly disagree ... strongly agree, in English or French)",
                         q);
        break;
    }
    case PF_FORM_YES_NO:
        if (have_word && !pf__map_value(im->map, PF_VALUES_YES_NO, word, &v))
            v = pf__import_choice_word(word);
        if (v >= 0)
            st = pf__answer_set_choice(a, c->slot, (pf_choice)v, &e);
        else
            cell_problem(im, row, col, cell->offset,
                         "%s is not a yes-no answer (yes, no or unsure, in English or French)", q);
        break;
    case PF_FORM_RANK:
    case PF_FORM_MULTI: {
        const char *items[PF_MAX_OPTIONS + 1];
        char *buf = pf__malloc(&im->csv.alloc, cell->len + 1);
        if (!buf) {
            im->csv.oom = true;
            break;
        }
        size_t n = split_list(cell->text, buf, items, PF_MAX_OPTIONS + 1);
        if (n > PF_MAX_OPTIONS + 1)
            cell_problem(im, row, col, cell->offset, "more options than %s has", s->id);
        else
            st = pf__answer_set_options(a, c->slot, items, n, &e);
        pf__free(&im->csv.alloc, buf);
        break;
    }
    }
    if (st != PF_OK)
        setter_problem(im, row, col, cell->offset, &e);
}

/* A cell of one option of a rank (its place) or multi question (chosen or not) into im->values. */
static void read_option_cell(importer *im, unsigned row, size_t col, const pf_csv_cell *cell)
{
    const column *c = &im->cols[col];
    const pf_inst_slot *s = &im->inst->slots[c->slot];
    char q[64], word[PF_IMPORT_WORD_MAX];
    pf__quote(cell->text, q);
    int64_t n;
    im->values[col] = -2;
    if (s->form == PF_FORM_RANK) {
        if (pf__parse_int64(cell->text, &n) && n >= 1 && (uint64_t)n <= s->option_count)
            im->values[col] = (int)n;
        else
            cell_problem(im, row, col, cell->offset, "%s is not a place in the ranking of %s (1 to %zu)", q, s->id,
                         s->option_count);
        return;
    }
    int v = -1;
    if (word_of(cell->text, word) && !pf__map_value(im->map, PF_VALUES_YES_NO, word, &v)) {
        if (strcmp(word, "1") == 0 || strcmp(word, "x") == 0)
            v = PF_CHOICE_YES;
        else if (strcmp(word, "0") == 0)
            v = PF_CHOICE_NO;
        else
            v = pf__import_choice_word(word);
    }
    if (v == PF_CHOICE_YES || v == PF_CHOICE_NO)
        im->values[col] = v == PF_CHOICE_YES;
    else
        cell_problem(im, row, col, cell->offset,
                     "%s does not say whether the option is chosen (1, x or yes when it is; 0 or no when not)", q);
}

/* The questions answered option by option, once the row's cells are read. */
static void finish_groups(importer *im, pf_assessment *a, unsigned row, const pf_csv_cell *cells, size_t count)
{
    for (size_t i = 0; i < im->group_count; i++) {
        const option_group *g = &im->groups[i];
        const pf_inst_slot *s = &im->inst->slots[g->slot];
        if (!g->usable)
            continue;
        bool bad = false, any = false;
        size_t first_empty = SIZE_MAX;
        for (size_t o = 0; o < s->option_count; o++) {
            size_t col = g->columns[o];
            int v = col < count ? im->values[col] : -1;
            bad = bad || v == -2;
            any = any || v >= 0;
            if (v == -1 && col != SIZE_MAX && first_empty == SIZE_MAX)
                first_empty = col;
        }
        if (bad || !any)
            continue; /* reported already, or unanswered */
        const char *options[PF_MAX_OPTIONS];
        size_t n = 0;
        pf_error e;
        pf_status st = PF_OK;
        size_t at = SIZE_MAX;
        if (s->form == PF_FORM_MULTI) {
            for (size_t o = 0; o < s->option_count; o++)
                if (g->columns[o] != SIZE_MAX && g->columns[o] < count && im->values[g->columns[o]] == 1)
                    options[n++] = s->options[o].id;
            for (size_t o = 0; o < s->option_count && at == SIZE_MAX; o++)
                at = g->columns[o] < count ? g->columns[o] : at;
            st = pf__answer_set_options(a, g->slot, options, n, &e);
        } else if (first_empty != SIZE_MAX) {
            cell_problem(im, row, first_empty, first_empty < count ? cells[first_empty].offset : 0,
                         "no place given, though other options of %s are ranked (a ranking gives each of its %zu "
                         "options a place)", s->id, s->option_count);
            continue;
        } else {
            size_t by_place[PF_MAX_OPTIONS];
            for (size_t p = 0; p < s->option_count; p++)
                by_place[p] = SIZE_MAX;
            for (size_t o = 0; o < s->option_count; o++) {
                size_t col = g->columns[o];
                size_t place = (size_t)im->values[col] - 1;
                if (by_place[place] != SIZE_MAX) {
                    size_t other = g->columns[by_place[place]];
                    cell_problem(im, row, col, cells[col].offset, "place %zu is also given in column %zu, %s",
                                 place + 1, other + 1, im->cols[other].label);
                    bad = true;
                } else {
                    by_place[place] = o;
                }
            }
            if (bad)
                continue;
            for (size_t p = 0; p < s->option_count; p++)
                options[n++] = s->options[by_place[p]].id;
            st = pf__answer_set_options(a, g->slot, options, n, &e);
            at = g->columns[0];
        }
        if (st != PF_OK)
            setter_problem(im, row, at, at < count ? cells[at].offset : 0, &e);
    }
}

static bool grow_sites(importer *im, size_t need)
{
    if (pf__grow(&im->csv.alloc, (void **)&im->sites, &im->site_cap, need, sizeof *im->sites) != PF_OK) {
        im->csv.oom = true;
        return false;
    }
    return true;
}

/* The row's respondent or project id, copied into *id; false (reported) when missing or malformed. */
static bool read_key(importer *im, unsigned row, const pf_csv_cell *cells, size_t count, char **id)
{
    size_t key = im->key_column;
    bool answers = im->kind == PF_IMPORT_ANSWERS;
    if (key >= count || !cells[key].len) {
        cell_problem(im, row, key, key < count ? cells[key].offset : cells[count - 1].offset, "every row needs %s",
                     answers ? "a respondent (a pseudonym)" : "a project id");
        return false;
    }
    if (!pf__id_valid(cells[key].text)) {
        char q[64];
        pf__quote(cells[key].text, q);
        cell_problem(im, row, key, cells[key].offset, "%s must be letters, digits, '.', '_' or '-'%s", q,
                     answers ? " (a pseudonym, never a name)" : "");
        return false;
    }
    char *copy = pf__strdup(&im->doc->alloc, cells[key].text);
    if (!copy) {
        im->csv.oom = true;
        return false;
    }
    pf__free(&im->doc->alloc, *id);
    *id = copy;
    return true;
}

/* "first in row N" for an id already taken, else false. */
static bool duplicate(importer *im, const pf_strmap *index, const char *id, unsigned row, const pf_csv_cell *cells,
                      const char *what)
{
    size_t first;
    if (!pf__strmap_get(index, id, &first))
        return false;
    char q[64];
    pf__quote(id, q);
    cell_problem(im, row, im->key_column, cells[im->key_column].offset, "duplicate %s %s (first in row %u)", what, q,
                 im->sites[first].row);
    return true;
}

static void read_answer_row(importer *im, unsigned row, const pf_csv_cell *cells, size_t count)
{
    pf_assessment *a = pf__assessment_new(im->doc, "");
    if (!a) {
        im->csv.oom = true;
        return;
    }
    bool id_ok = read_key(im, row, cells, count, &a->respondent);
    for (size_t j = 0; j < count && j < im->col_count; j++)
        im->values[j] = -1; /* cells past the row's end are never read: finish_groups() treats them as empty */
    for (size_t j = 0; j < count && j < im->col_count && !im->csv.oom; j++) {
        const pf_csv_cell *cell = &cells[j];
        const column *c = &im->cols[j];
        if (!cell->len)
            continue;
        pf_error e;
        pf_status st = PF_OK;
        int v;
        pf_date d;
        switch (c->kind) {
        case COL_ROLE:
            if (read_enum(im, row, j, cell, &pf_role__names, PF_VALUES_ROLE, &v))
                st = pf_assessment_set_role(a, (pf_role)v, &e);
            break;
        case COL_UNIT:
            st = pf_assessment_set_unit(a, cell->text, &e);
            break;
        case COL_DATE:
            if (read_date(im, row, j, cell, &d))
                st = pf_assessment_set_date(a, d, &e);
            break;
        case COL_SLOT:
            read_answer_cell(im, a, row, j, cell);
            break;
        case COL_OPTION:
            read_option_cell(im, row, j, cell);
            break;
        default:
            break;
        }
        if (st != PF_OK)
            setter_problem(im, row, j, cell->offset, &e);
    }
    if (!im->csv.oom)
        finish_groups(im, a, row, cells, count);
    if (id_ok && !im->csv.oom && !duplicate(im, &im->doc->assessment_index, a->respondent, row, cells, "respondent") &&
        grow_sites(im, im->doc->assessment_count + 1)) {
        pf_error e;
        if (pf__doc_attach_assessment(im->doc, a, &e) == PF_OK) {
            site st = { row, 0, 0 };
            im->sites[im->doc->assessment_count - 1] = st;
            return;
        }
        im->csv.oom = true;
    }
    pf__assessment_free(a);
}

/* ---- projects ---- */

static void read_links(importer *im, pf_project *p, unsigned row, size_t col, const pf_csv_cell *cell)
{
    char *buf = pf__malloc(&im->csv.alloc, cell->len + 1), *entry;
    if (!buf) {
        im->csv.oom = true;
        return;
    }
    const char *rest = cell->text;
    while ((entry = next_entry(&rest, buf)) && !im->csv.oom) {
        if (!*entry)
            continue;
        char q[64];
        pf__quote(entry, q);
        char *colon = strrchr(entry, ':');
        if (!colon) {
            cell_problem(im, row, col, cell->offset,
                         "link %s must be written <project id>:<kind> (kinds: synergy, dependency, conflict, duplicate)",
                         q);
            continue;
        }
        char *to = entry, *kind = colon + 1;
        for (*colon = '\0'; colon > to && is_blank(colon[-1]); colon--)
            colon[-1] = '\0';
        while (is_blank(*kind))
            kind++;
        int k = pf__names_find(&pf_link_kind__names, kind);
        if (k < 0) {
            char kq[64], expected[128];
            pf__quote(kind, kq);
            pf__names_join(&pf_link_kind__names, expected, sizeof expected);
            cell_problem(im, row, col, cell->offset, "unknown link kind %s (expected one of: %s)", kq, expected);
            continue;
        }
        pf_error e;
        if (pf_project_add_link(p, to, (pf_link_kind)k, &e) != PF_OK)
            setter_problem(im, row, col, cell->offset, &e);
    }
    pf__free(&im->csv.alloc, buf);
}

static void read_list(importer *im, pf_project *p, unsigned row, size_t col, const pf_csv_cell *cell,
                      pf_status (*add)(pf_project *, const char *, pf_error *))
{
    char *buf = pf__malloc(&im->csv.alloc, cell->len + 1), *entry;
    if (!buf) {
        im->csv.oom = true;
        return;
    }
    const char *rest = cell->text;
    while ((entry = next_entry(&rest, buf)) && !im->csv.oom) {
        pf_error e;
        if (*entry && add(p, entry, &e) != PF_OK)
            setter_problem(im, row, col, cell->offset, &e);
    }
    pf__free(&im->csv.alloc, buf);
}

static void read_project_row(importer *im, unsigned row, const pf_csv_cell *cells, size_t count)
{
    pf_project *p = pf__project_new(im->doc, "");
    if (!p) {
        im->csv.oom = true;
        return;
    }
    bool id_ok = read_key(im, row, cells, count, &p->id); /* first, so a link to the project itself is known */
    bool placement_bad = false, facets_bad = false;
    double weights[PF_FACET_COUNT] = { 0, 0, 0, 0 };
    size_t first_facet = SIZE_MAX, links_col = SIZE_MAX, end_col = 0, purpose_col = 0, driver_col = 0;
    for (size_t j = 0; j < count && j < im->col_count && !im->csv.oom; j++) {
        const pf_csv_cell *cell = &cells[j];
        const column *c = &im->cols[j];
        if (!cell->len || c->kind != COL_PROJECT)
            continue;
        pf_error e;
        pf_status st = PF_OK;
        int v;
        double d;
        pf_date date;
        switch (c->field) {
        case PF_PCOL_TITLE:
            st = pf_project_set_title(p, cell->text, &e);
            break;
        case PF_PCOL_UNIT:
            st = pf_project_set_unit(p, cell->text, &e);
            break;
        case PF_PCOL_PURPOSE:
            purpose_col = j;
            if (read_enum(im, row, j, cell, &pf_purpose__names, PF_VALUES_PURPOSE, &v))
                st = pf_project_set_purpose(p, (pf_purpose)v, &e);
            else
                placement_bad = true;
            break;
        case PF_PCOL_DRIVER:
            driver_col = j;
            if (read_enum(im, row, j, cell, &pf_facet__names, PF_VALUES_DRIVER, &v))
                st = pf_project_set_driver(p, (pf_facet)v, &e);
            else
                placement_bad = true;
            break;
        case PF_PCOL_PRIORITY:
            if (read_enum(im, row, j, cell, &pf_priority__names, PF_VALUES_PRIORITY, &v))
                st = pf_project_set_priority(p, (pf_priority)v, &e);
            break;
        case PF_PCOL_FACETS_ENHANCEMENT:
        case PF_PCOL_FACETS_MISSION:
        case PF_PCOL_FACETS_ADAPTIVE:
        case PF_PCOL_FACETS_ANTICIPATORY: {
            int f = c->field - PF_PCOL_FACETS_ENHANCEMENT;
            if (first_facet == SIZE_MAX)
                first_facet = j;
            if (!read_number(im, row, j, cell, &weights[f]))
                facets_bad = true;
            else if (pf__check_amount(weights[f], PF_MAX_AMOUNT, pf_facet_name((pf_facet)f), &e) != PF_OK)
                st = e.code, facets_bad = true;
            break;
        }
        case PF_PCOL_STAGE:
            if (read_enum(im, row, j, cell, &pf_stage__names, PF_VALUES_STAGE, &v))
                st = pf_project_set_stage(p, (pf_stage)v, &e);
            break;
        case PF_PCOL_BUDGET:
            if (read_number(im, row, j, cell, &d))
                st = pf_project_set_budget(p, d, &e);
            break;
        case PF_PCOL_FTE:
            if (read_number(im, row, j, cell, &d))
                st = pf_project_set_fte(p, d, &e);
            break;
        case PF_PCOL_START:
            if (read_date(im, row, j, cell, &date))
                st = pf_project_set_start(p, date, &e);
            break;
        case PF_PCOL_END:
            end_col = j;
            if (read_date(im, row, j, cell, &date))
                st = pf_project_set_end(p, date, &e);
            break;
        case PF_PCOL_TAGS:
            read_list(im, p, row, j, cell, pf_project_add_tag);
            break;
        case PF_PCOL_PARTNERS:
            read_list(im, p, row, j, cell, pf_project_add_partner);
            break;
        case PF_PCOL_LINKS:
            links_col = j;
            read_links(im, p, row, j, cell);
            break;
        default: /* the id, read first */
            break;
        }
        if (st != PF_OK)
            setter_problem(im, row, j, cell->offset, &e);
    }
    if (im->csv.oom) {
        pf__project_free(p);
        return;
    }
    pf_error e;
    bool any_facet = first_facet != SIZE_MAX;
    if (any_facet && !facets_bad && pf_project_set_facet_weights(p, weights, &e) != PF_OK)
        setter_problem(im, row, first_facet, cells[first_facet].offset, &e);
    bool has_purpose = p->purpose != PF_PURPOSE_UNSET, has_driver = p->driver != PF_FACET_UNSET;
    if (!any_facet && !placement_bad && has_purpose != has_driver) {
        size_t at = has_purpose ? purpose_col : driver_col;
        cell_problem(im, row, at, cells[at].offset, "has a %s but no %s (give both, or facets)",
                     has_purpose ? "purpose" : "driver", has_purpose ? "driver" : "purpose");
    }
    if (!pf__date_is_unset(p->start) && !pf__date_is_unset(p->end) && pf__date_compare(p->end, p->start) < 0) {
        char end[11], start[11];
        pf__format_date(p->end, end);
        pf__format_date(p->start, start);
        cell_problem(im, row, end_col, cells[end_col].offset, "%s is before start %s", end, start);
    }
    if (id_ok && !im->csv.oom && !duplicate(im, &im->doc->project_index, p->id, row, cells, "project id") &&
        grow_sites(im, im->doc->project_count + 1)) {
        if (pf__doc_attach_project(im->doc, p, &e) == PF_OK) {
            site st = { row, links_col == SIZE_MAX ? 0 : (unsigned)(links_col + 1),
                        links_col == SIZE_MAX ? 0 : cells[links_col].offset };
            im->sites[im->doc->project_count - 1] = st;
            return;
        }
        im->csv.oom = true;
    }
    pf__project_free(p);
}

/* Links name projects of the same file: checked once every row is read. */
static void check_links(importer *im)
{
    for (size_t i = 0; i < im->doc->project_count; i++) {
        const pf_project *p = im->doc->projects[i];
        const site *s = &im->sites[i];
        for (size_t l = 0; l < p->link_count; l++) {
            if (pf_doc_find_project(im->doc, p->links[l].to))
                continue;
            char q[64];
            pf__quote(p->links[l].to, q);
            cell_problem(im, s->row, s->links_column - 1, s->links_offset, "no project has id %s", q);
        }
    }
}

/* ---- rows ---- */

static void on_record(void *ctx, pf_csv *csv, unsigned row, const pf_csv_cell *cells, size_t count)
{
    importer *im = ctx;
    (void)csv;
    if (!im->header_seen) {
        read_header(im, row, cells, count);
        return;
    }
    if (im->csv.oom)
        return;
    for (size_t j = 0; j < count; j++) {
        if (!cells[j].len)
            continue;
        if (j >= im->col_count)
            pf__csv_problem(&im->csv, row, (unsigned)(j + 1), cells[j].offset,
                            "cell beyond the last column (the header row has %zu)", im->col_count);
        else if (im->cols[j].kind == COL_UNNAMED)
            cell_problem(im, row, j, cells[j].offset, "a cell in a column without a header");
    }
    if (im->key_column == SIZE_MAX)
        return; /* reported once, at the header */
    if (im->kind == PF_IMPORT_ANSWERS)
        read_answer_row(im, row, cells, count);
    else
        read_project_row(im, row, cells, count);
}

/* ---- entry points ---- */

typedef struct import_call {
    pf_doc **out;
    pf_import_kind kind;
    const pf_import_options *opts;
} import_call;

static void importer_free(importer *im)
{
    const pf_allocator *al = &im->csv.alloc;
    for (size_t j = 0; j < im->col_count; j++)
        pf__free(al, im->cols[j].label);
    pf__free(al, im->cols);
    pf__free(al, im->values);
    pf__free(al, im->used);
    pf__free(al, im->groups);
    pf__free(al, im->slot_group);
    pf__strvec_free(al, &im->option_ids);
    pf__strmap_free(al, &im->option_index);
    pf__free(al, im->sites);
    pf__free(al, im->map_reported);
    pf_diagnostics_free(im->map_diags);
}

/*
 * The instrument the answers refer to; problems of an instrument file go to diags.
 * Imported answers are an answers file, which names its instrument by id (docs/format.md,
 * section 8): the file is read here, and the document holds it without its path.
 */
static pf_status choose_instrument(importer *im, const char *instrument, const pf_read_options *ro,
                                   pf_diagnostics *diags, pf_error *err)
{
    if (!instrument)
        return PF_OK;
    if (!pf__instrument_is_path(instrument))
        return pf_doc_set_instrument(im->doc, instrument, err);
    pf_instrument *inst = NULL;
    pf_status s = pf_instrument_read_file(instrument, ro, &inst, diags, err);
    if (s != PF_OK)
        return s;
    if (pf__doc_use_instrument(im->doc, inst, NULL) != PF_OK) {
        pf__instrument_free(inst);
        return pf__oom(err);
    }
    return PF_OK;
}

static pf_status import(void *ctx, const char *data, size_t size, const char *source, const pf_read_options *ro,
                        pf_diagnostics *diags, pf_error *err)
{
    const import_call *call = ctx;
    const pf_import_options *o = call->opts;
    const pf_import_map *map = o ? o->map : NULL;
    importer im;
    memset(&im, 0, sizeof im);
    im.kind = call->kind;
    im.map = map;
    if (map && map->kind != call->kind) {
        static const char *const kinds[] = { "answers", "projects" };
        pf_error e;
        pf__fail(&e, PF_EARG, "kind: this mapping file is for %s; it cannot import %s", kinds[map->kind],
                 kinds[call->kind]);
        e.line = map->kind_pos.line;
        e.column = map->kind_pos.column;
        e.offset = map->kind_pos.offset;
        pf__copy_truncated(e.source, sizeof e.source, map->source);
        if (pf__diag_add(diags, &e) != PF_OK)
            return pf__oom(err);
        if (err)
            *err = e;
        return PF_EARG;
    }
    char separator = o && o->separator ? o->separator : map ? map->separator : 0;
    pf_doc_options dopts = PF_DOC_OPTIONS_INIT;
    dopts.allocator = ro->allocator;
    pf_status s = pf_doc_new(&dopts, &im.doc, err);
    if (s != PF_OK)
        return s;
    if (call->kind == PF_IMPORT_ANSWERS && (s = choose_instrument(&im, o ? o->instrument : NULL, ro, diags, err)) != PF_OK) {
        pf_doc_free(im.doc);
        return s;
    }
    im.inst = im.doc->instrument;
    if (pf__csv_open(&im.csv, source, ro, separator) != PF_OK ||
        pf_diagnostics_new(&im.csv.alloc, &im.map_diags) != PF_OK ||
        (map && map->column_count && !(im.map_reported = pf__calloc(&im.csv.alloc, map->column_count, 1)))) {
        pf__csv_close(&im.csv, NULL, NULL);
        importer_free(&im);
        pf_doc_free(im.doc);
        return pf__oom(err);
    }
    pf__diag_set_limit(im.map_diags, ro->max_diagnostics);
    pf__csv_read(&im.csv, data, size, on_record, &im);
    if (!im.csv.stopped && !im.csv.oom && !im.header_seen)
        pf__csv_problem(&im.csv, 1, 1, 0, "the file is empty: it needs a header row naming the columns");
    if (!im.csv.stopped && !im.csv.oom && call->kind == PF_IMPORT_PROJECTS)
        check_links(&im);
    s = pf__csv_close(&im.csv, diags, err);
    if (s != PF_ENOMEM && pf_diagnostics_total(im.map_diags)) {
        if (pf__diag_copy(diags, im.map_diags) != PF_OK)
            s = pf__oom(err);
        else if (s == PF_OK) {
            s = PF_EINVALID;
            if (err)
                *err = *pf_diagnostics_at(im.map_diags, 0);
        }
    }
    importer_free(&im);
    if (s != PF_OK) {
        pf_doc_free(im.doc);
        return s;
    }
    *call->out = im.doc;
    return PF_OK;
}

static pf_status check_call(pf_doc **out, const pf_import_options *o, pf_error *err)
{
    if (!out)
        return pf__fail(err, PF_EARG, "out is NULL");
    if (o && o->version != PF_IMPORT_OPTIONS_VERSION)
        return pf__fail(err, PF_EARG, "unknown pf_import_options version %u", o->version);
    if (o && o->separator && o->separator != ',' && o->separator != ';')
        return pf__fail(err, PF_EARG, "the separator must be ',' or ';'");
    return PF_OK;
}

static pf_status import_buffer(pf_import_kind kind, pf_doc **out, const char *data, size_t size, const char *source,
                               const pf_import_options *o, pf_diagnostics *diags, pf_error *err)
{
    pf_status s = check_call(out, o, err);
    if (s != PF_OK)
        return s;
    import_call call = { out, kind, o };
    return pf__yr_with_buffer(data, size, source, o ? o->read : NULL, diags, err, import, &call);
}

static pf_status import_file(pf_import_kind kind, pf_doc **out, const char *path, const pf_import_options *o,
                             pf_diagnostics *diags, pf_error *err)
{
    pf_status s = check_call(out, o, err);
    if (s != PF_OK)
        return s;
    import_call call = { out, kind, o };
    return pf__yr_with_file(path, o ? o->read : NULL, diags, err, import, &call);
}

pf_status pf_import_answers_buffer(const char *data, size_t size, const char *source, const pf_import_options *opts,
                                   pf_doc **out, pf_diagnostics *diags, pf_error *err)
{
    return import_buffer(PF_IMPORT_ANSWERS, out, data, size, source, opts, diags, err);
}

pf_status pf_import_answers_file(const char *path, const pf_import_options *opts, pf_doc **out,
                                 pf_diagnostics *diags, pf_error *err)
{
    return import_file(PF_IMPORT_ANSWERS, out, path, opts, diags, err);
}

pf_status pf_import_projects_buffer(const char *data, size_t size, const char *source, const pf_import_options *opts,
                                    pf_doc **out, pf_diagnostics *diags, pf_error *err)
{
    return import_buffer(PF_IMPORT_PROJECTS, out, data, size, source, opts, diags, err);
}

pf_status pf_import_projects_file(const char *path, const pf_import_options *opts, pf_doc **out,
                                  pf_diagnostics *diags, pf_error *err)
{
    return import_file(PF_IMPORT_PROJECTS, out, path, opts, diags, err);
}
