/**
 * @file relations.h
 * @brief Relations between projects (docs/relations.md): synergies, tensions,
 *        possible duplicates and handover candidates, found from shared tags
 *        and partners and from the projects' explicit links.
 *
 * The similarity of two projects is
 * S = tag_weight * J(tags) + partner_weight * J(partners), where J is the
 * Jaccard index |A∩B| / |A∪B| (0 when both sets are empty). Pairs are found
 * by an exact set-similarity join (prefix, size and positional filtering on
 * the tags and partners in a global order, rarest first), never by comparing
 * all pairs: the relations are those of the definition for every threshold
 * and weight, and only pairs that may reach the lower threshold are examined,
 * plus every pair joined by an explicit link. docs/relations.md explains the
 * rules, proves the join exact and describes the JSON output.
 *
 * pf_doc_relations() computes everything once into a ::pf_relations, which owns
 * its data (project ids, tags and partners included) and outlives the
 * document. A ::pf_relations may be read from several threads at once.
 */
#ifndef PORTFOLIO_RELATIONS_H
#define PORTFOLIO_RELATIONS_H

#include "map.h"

#ifdef __cplusplus
extern "C" {
#endif

/** How two projects relate. Values are stable: they order results and index arrays. */
typedef enum pf_relation_kind {
    PF_RELATION_SYNERGY = 0,    /**< They could reinforce each other: similar enough, or explicitly linked. */
    PF_RELATION_TENSION = 1,    /**< Similar, but their top facets are opposite poles; or linked as a conflict. */
    PF_RELATION_DUPLICATE = 2,  /**< Very similar and in the same zone; or linked as duplicates. */
    PF_RELATION_HANDOVER = 3    /**< An exploring project another unit could take up and run. */
} pf_relation_kind;
/** Number of relation kinds. */
#define PF_RELATION_KIND_COUNT 4

/** Identifier of a relation kind ("synergy", "tension", "duplicate", "handover"), or NULL when out of range. */
PF_API const char *pf_relation_kind_name(pf_relation_kind kind);
/** Parses a relation kind identifier. @return PF_OK, or PF_EARG for an unknown word or a NULL argument. */
PF_API pf_status pf_relation_kind_from_name(const char *name, pf_relation_kind *out);

/** Default pf_relation_options::tag_weight. */
#define PF_RELATION_DEFAULT_TAG_WEIGHT 0.6
/** Default pf_relation_options::partner_weight. */
#define PF_RELATION_DEFAULT_PARTNER_WEIGHT 0.4
/** Default pf_relation_options::threshold. */
#define PF_RELATION_DEFAULT_THRESHOLD 0.34
/** Default pf_relation_options::duplicate_threshold. */
#define PF_RELATION_DEFAULT_DUPLICATE_THRESHOLD 0.8
/** Default pf_relation_options::top_k. */
#define PF_RELATION_DEFAULT_TOP_K 5
/** Default pf_relation_options::common_share. */
#define PF_RELATION_DEFAULT_COMMON_SHARE 0.05
/** Default pf_relation_options::common_min. */
#define PF_RELATION_DEFAULT_COMMON_MIN 50
/** The default pf_relation_options::work_limit is this many steps ... */
#define PF_RELATION_WORK_BASE 50000000u
/** ... plus this many per project and per tag or partner a project holds. */
#define PF_RELATION_WORK_PER_ENTRY 1024u

/**
 * Choices for pf_doc_relations(). Initialise with ::PF_RELATION_OPTIONS_INIT.
 * A member left at zero takes its documented default, so a weight or a
 * threshold of exactly 0 cannot be asked for (use a tiny positive value).
 * Similarities are rounded to 12 decimal places and compared with the
 * thresholds with a tolerance of 1e-9, so a similarity equal to a threshold in
 * exact arithmetic (0.6 x 2/5 + 0.4 x 1/4 = 0.34) reaches it.
 */
typedef struct pf_relation_options {
    unsigned version;            /**< ::PF_RELATION_OPTIONS_VERSION. */
    double tag_weight;           /**< Weight of J(tags) in S; finite, >= 0 (default 0.6). */
    double partner_weight;       /**< Weight of J(partners) in S; finite, >= 0 (default 0.4). */
    double threshold;            /**< S from which a pair is a synergy, tension or handover; 0..1 (default 0.34). */
    double duplicate_threshold;  /**< S from which a pair in the same zone is a possible duplicate; 0..1 (default 0.8). */
    size_t top_k;                /**< Synergies found by similarity kept per project, best first (default 5). */
    double common_share;         /**< Kept for compatibility, without effect since the join is exact (every pair
                                      reaching a threshold is found, however common what it shares); still
                                      checked to be 0..1 and reported (default 0.05). */
    size_t common_min;           /**< Kept for compatibility, without effect (default 50). */
    size_t work_limit;           /**< Most steps finding the relations may take (making and walking the join's keys,
                                      looking tags and partners up, listing the shared ones); beyond it
                                      pf_doc_relations() fails with PF_ELIMIT. Default ::PF_RELATION_WORK_BASE + ::PF_RELATION_WORK_PER_ENTRY x (the
                                      projects + the tags and partners they hold), which keeps the time linear in the
                                      document. Since version 2. */
} pf_relation_options;
/** Current version of ::pf_relation_options (version 1, without work_limit, is still accepted). */
#define PF_RELATION_OPTIONS_VERSION 2
/** Initialiser for ::pf_relation_options: the defaults. */
#define PF_RELATION_OPTIONS_INIT                                                                              \
    {                                                                                                        \
        PF_RELATION_OPTIONS_VERSION, PF_RELATION_DEFAULT_TAG_WEIGHT, PF_RELATION_DEFAULT_PARTNER_WEIGHT,        \
            PF_RELATION_DEFAULT_THRESHOLD, PF_RELATION_DEFAULT_DUPLICATE_THRESHOLD, PF_RELATION_DEFAULT_TOP_K, \
            PF_RELATION_DEFAULT_COMMON_SHARE, PF_RELATION_DEFAULT_COMMON_MIN, 0                                \
    }

/**
 * One relation between two projects, with its evidence. A pair of projects
 * can appear once under each kind (a synergy and a handover, say).
 * Every pointer is owned by the ::pf_relations it was read from.
 */
typedef struct pf_relation {
    pf_relation_kind kind;         /**< What the relation is. */
    const char *a;                 /**< Id of the first project: for a handover, the project handing over (adaptive,
                                        anticipatory or disruptive, at piloting or scaling); otherwise the one earlier
                                        in the document. */
    const char *b;                 /**< Id of the second project: for a handover, the receiving enhancement, mission
                                        or sustaining project of another unit. */
    double similarity;             /**< S = tag_weight * tag_jaccard + partner_weight * partner_jaccard, rounded to 12
                                        decimal places. */
    double tag_jaccard;            /**< J(tags) of the two projects, 0..1. */
    double partner_jaccard;        /**< J(partners) of the two projects, 0..1. */
    bool is_explicit;              /**< An explicit link (in either direction) joins the two projects. */
    pf_link_kind link_kind;        /**< When is_explicit: the link behind this relation (synergy or dependency for a
                                        synergy, conflict for a tension, duplicate for a duplicate) if there is one,
                                        else the first kind, in enum order, of the links joining them. 0 (and
                                        meaningless) when not is_explicit. */
    const char *const *shared_tags;      /**< The tags both hold, in the order project a lists them. */
    size_t shared_tag_count;             /**< Number of shared_tags. */
    const char *const *shared_partners;  /**< The partners both hold, in the order project a lists them. */
    size_t shared_partner_count;         /**< Number of shared_partners. */
} pf_relation;

/** The relations found between the projects of a document. */
typedef struct pf_relations pf_relations;

/**
 * Finds the synergies, tensions, possible duplicates and handover candidates
 * between the document's projects (docs/relations.md):
 * - synergy: S >= threshold, or an explicit link of kind synergy or
 *   dependency. Of the pairs found by similarity, each project keeps its
 *   top_k by S (ties: the other project earlier in the document first); a pair
 *   is kept when it is in the top_k of either project. Explicitly linked
 *   synergies are always kept and take no place in the top_k.
 * - tension: S >= threshold and the two projects' top facets (largest share)
 *   are opposite poles (enhancement/anticipatory or mission/adaptive); a
 *   project whose largest shares tie has no top facet. Or an explicit
 *   conflict link, whatever S.
 * - duplicate: both placed in the same zone and S >= duplicate_threshold; or
 *   an explicit duplicate link, whatever S.
 * - handover: S >= threshold, both units set and different, one project
 *   in the adaptive, anticipatory or disruptive zone at stage piloting or
 *   scaling, the other in the enhancement, mission or sustaining zone.
 *
 * Tensions, duplicates and handovers are all reported. Links to projects the
 * document lacks are ignored.
 *
 * All memory comes from the document's allocator. The work grows with the
 * pairs that share enough to come near the lower threshold, not with the
 * square of the number of projects, and never beyond work_limit. A threshold
 * of 1e-9 or less makes pairs sharing nothing similar: then every pair is
 * examined (within work_limit).
 *
 * @param map   The document's map (from pf_doc_map() on this document, any
 *              weighting), for zones and facet shares; NULL to place the
 *              projects here.
 * @param opts  Choices, or NULL for the defaults.
 * @param out   Receives the relations; the caller frees them with
 *              pf_relations_free(). They do not refer to the document or the map.
 * @return PF_OK; PF_EARG for a NULL argument, an unknown options version, an
 *         option out of range, or a map whose projects are not the document's
 *         (another document's, or made before projects were added or removed);
 *         PF_ELIMIT for 2^32 - 1 projects or tag and partner entries or more, or when finding the relations
 *         would take more than work_limit steps;
 *         PF_ENOMEM.
 */
PF_API pf_status pf_doc_relations(const pf_doc *doc, const pf_map *map, const pf_relation_options *opts,
                                  pf_relations **out, pf_error *err);
/** Frees the relations. Accepts NULL. */
PF_API void pf_relations_free(pf_relations *rel);
/**
 * Number of relations. They are ordered by kind (in enum order), then by
 * descending similarity, then by the position of project a in the document,
 * then by that of project b: the same document always gives the same order.
 */
PF_API size_t pf_relations_count(const pf_relations *rel);
/** The `index`-th relation, or NULL when out of range; borrowed from the relations. */
PF_API const pf_relation *pf_relations_at(const pf_relations *rel, size_t index);
/** Number of relations of one kind (0 for a kind out of range). */
PF_API size_t pf_relations_count_kind(const pf_relations *rel, pf_relation_kind kind);
/** The options used, every default filled in; borrowed from the relations. */
PF_API const pf_relation_options *pf_relations_options(const pf_relations *rel);
/**
 * Number of project pairs whose similarity was computed: the candidates the
 * join's filters let through (each once), plus the explicitly linked pairs.
 * A measure of the work done (all pairs would be n(n-1)/2).
 */
PF_API size_t pf_relations_pairs_examined(const pf_relations *rel);

/**
 * Writes the relations as JSON (schema_version 1; see docs/relations.md): the
 * options, counts per kind and every relation with its evidence.
 * Deterministic and locale-independent.
 * @param out  Receives the text; the caller releases it with pf_buf_dispose().
 * @return PF_OK, PF_EARG (a NULL argument) or PF_ENOMEM.
 */
PF_API pf_status pf_relations_write_json(const pf_relations *rel, pf_buf *out, pf_error *err);

/**
 * Writes the same JSON as pf_relations_write_json(), handed to `sink` as it is
 * made (about 64 KiB at a time) rather than held whole.
 * @param sink  Receives the text; borrowed for the call.
 * @return PF_OK, PF_EARG (a NULL argument), PF_ENOMEM, or the status the sink stopped it with.
 */
PF_API pf_status pf_relations_write_json_to(const pf_relations *rel, const pf_sink *sink, pf_error *err);

#ifdef __cplusplus
}
#endif

#endif
