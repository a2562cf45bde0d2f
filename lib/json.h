/*
 * A small JSON writer for the library's outputs: deterministic, indented,
 * locale-independent, numbers in their shortest exact form. Writing never
 * fails midway in a way the caller must untangle: the first failure sticks in
 * `status` and later calls do nothing.
 */
#ifndef PF_JSON_H
#define PF_JSON_H

#include "internal.h"

#define PF_JSON_MAX_DEPTH 32

typedef struct pf_json {
    pf_buf *out;
    pf_stream *stream; /* NULL: everything stays in out; else out is handed to it as it fills */
    pf_status status;
    int depth;
    bool has_members[PF_JSON_MAX_DEPTH]; /* per open container: something written already */
    bool after_key;
    pf_buf own;            /* out, when pf__json_open() was given a sink */
    pf_stream own_stream;  /* stream, then */
} pf_json;

void pf__json_init(pf_json *j, pf_buf *out);
/* The start of a public writer: into out (emptied first), or, with out NULL, through a buffer of j's own
   (memory from `a`) handed to the sink as it fills. */
void pf__json_open(pf_json *j, pf_buf *out, const pf_sink *sink, const pf_allocator *a);
/* Its end: finishes the text, hands the rest to the sink, frees j's own buffer and words any failure in err. */
pf_status pf__json_close(pf_json *j, pf_error *err);
void pf__json_object_begin(pf_json *j);
void pf__json_object_end(pf_json *j);
void pf__json_array_begin(pf_json *j);
void pf__json_array_end(pf_json *j);
void pf__json_key(pf_json *j, const char *key);
void pf__json_string(pf_json *j, const char *s); /* NULL writes null */
void pf__json_number(pf_json *j, double v);     /* NaN and infinities write null */
void pf__json_integer(pf_json *j, long long v);
void pf__json_bool(pf_json *j, bool v);
void pf__json_null(pf_json *j);
/* "key": {"enhancement": v0, "mission": v1, ...} */
void pf__json_facets(pf_json *j, const char *key, const double v[PF_FACET_COUNT]);
/* A complete JSON value written by pf__json_* (its final newline dropped), indented to this depth. */
void pf__json_embed(pf_json *j, const char *json, size_t size);
/* Ends the text with a newline; returns the first failure, if any. */
pf_status pf__json_finish(pf_json *j);

/* {"n": .., "mean": .., "median": .., "sd": .., "min": .., "max": ..} (null statistics when n is 0). */
void pf__stats_json(pf_json *j, const pf_stats *st);

/* Each result as a JSON object value, for the public writers and for reports that nest them. */
void pf__scores_json(pf_json *j, const pf_scores *sc, bool anonymous);
void pf__map_json(pf_json *j, const pf_map *map);
/* "name", "old" and "new" of one metric change (null where a side lacks it), inside its object. */
void pf__metric_change_json(pf_json *j, const pf_metric_change *m);
void pf__comparison_json(pf_json *j, const pf_comparison *c);
void pf__relations_json(pf_json *j, const pf_relations *r);
void pf__advice_json(pf_json *j, const pf_advice *adv);

#endif
