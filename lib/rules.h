/* Rule catalogues (advice.h): their in-memory form, shared by the reader and the evaluator. */
#ifndef PF_RULES_H
#define PF_RULES_H

#include "expr.h"
#include "model_impl.h"

/* What a rule iterates over. */
typedef enum pf_subject_kind { PF_SUBJECT_NONE = -1, PF_SUBJECT_FACET = 0, PF_SUBJECT_DIMENSION = 1, PF_SUBJECT_ROLE = 2 } pf_subject_kind;
#define PF_SUBJECT_KIND_COUNT 3

extern const pf__names pf__subject_kind_names, pf__advice_kind_names;
/* "facet", "dimension", "role", or NULL for PF_SUBJECT_NONE. */
const char *pf__subject_kind_name(pf_subject_kind kind);
/* The subjects of a kind, in their enum order. */
const pf__names *pf__subjects_of(pf_subject_kind kind);

typedef struct pf_translation {
    char *lang;
    char *text;
    pf_pos pos; /* of the text in its catalogue, for problems found after reading it */
} pf_translation;

typedef struct pf_translations {
    pf_translation *items;
    size_t count;
} pf_translations;

typedef struct pf_rule {
    char *id;
    pf_advice_kind kind;
    int priority;
    pf_subject_kind subject_kind;
    pf_expr *when;
    pf_translations message;
} pf_rule;

/* One word of subject vocabulary, e.g. facet enhancement's "needs", in several languages. */
typedef struct pf_vocab {
    pf_subject_kind kind;
    int subject;
    char *attribute;
    pf_translations text;
} pf_vocab;

struct pf_rules {
    pf_allocator alloc;
    pf_rule *rules;
    size_t count, cap;
    pf_vocab *vocab;
    size_t vocab_count, vocab_cap;
};

/* An index of vocabulary entries by kind, subject and attribute, into `index`; its keys live in *keys (free it
   after the index). */
pf_status pf__vocab_index(const pf_allocator *a, const pf_vocab *vocab, size_t count, pf_strmap *index, char **keys);
/* The position of a word in an index made by pf__vocab_index. */
bool pf__vocab_find(const pf_strmap *index, pf_subject_kind kind, int subject, const char *attribute, size_t *at);

/* The text for lang, else English, else NULL. */
const char *pf__translation(const pf_translations *t, const char *lang, const char **used_lang);
void pf__translations_free(const pf_allocator *a, pf_translations *t);
pf_status pf__translations_copy(const pf_allocator *a, const pf_translations *from, pf_translations *to);
void pf__rule_free(const pf_allocator *a, pf_rule *r);

/* Whether a metric name template (with {facet}-style placeholders of `kind`) can name a metric. */
typedef struct pf_known_names pf_known_names;
pf_status pf__known_names_new(const pf_allocator *a, pf_known_names **out);
void pf__known_names_free(pf_known_names *k);
bool pf__known_name(const pf_known_names *k, pf_subject_kind kind, const char *template_name);

/*
 * Checks a message template: every {placeholder} is the subject ({facet}), one of its
 * words ({facet.needs}), or a metric with an optional format ({orientation.{facet}|int});
 * "{{" writes a brace. On failure fills msg (for the message) and returns false.
 */
/*
 * Whether a placeholder names the subject of `kind_name` ({facet}) or one of its
 * words ({facet.needs}, *word set to "needs"; "name" for the bare subject).
 * Metric names such as role.team.respondents have more parts and are not subjects.
 */
bool pf__placeholder_subject(const char *inner, const char *kind_name, const char **word);

bool pf__template_check(const char *tmpl, pf_subject_kind kind, const pf_known_names *known, char *msg, size_t cap);

#endif
