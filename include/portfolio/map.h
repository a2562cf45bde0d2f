/**
 * @file map.h
 * @brief The project map and portfolio metrics (docs/method.md, sections 5 and 6): where each
 *        project sits on the facet diamond, and what the whole portfolio looks
 *        like (facet shares, zones, concentration, targets, stages).
 *
 * pf_doc_map() computes everything once into a ::pf_map, which owns its data
 * (project ids included) and outlives the document. A ::pf_map may be read
 * from several threads at once.
 */
#ifndef PORTFOLIO_MAP_H
#define PORTFOLIO_MAP_H

#include "score.h"

#ifdef __cplusplus
extern "C" {
#endif

/** What each project counts for in the portfolio's shares. */
typedef enum pf_weighting {
    PF_WEIGHT_COUNT = 0,     /**< 1 each (default). */
    PF_WEIGHT_PRIORITY = 1,  /**< high 3, medium 2, low 1; projects without a priority are left out. */
    PF_WEIGHT_BUDGET = 2,    /**< The budget; projects without one are left out. */
    PF_WEIGHT_FTE = 3        /**< Full-time equivalents; projects without them are left out. */
} pf_weighting;
/** Number of weightings. */
#define PF_WEIGHTING_COUNT 4

/** Identifier of a weighting ("budget"), or NULL when out of range. */
PF_API const char *pf_weighting_name(pf_weighting weighting);
/** Parses a weighting identifier. @return PF_OK or PF_EARG. */
PF_API pf_status pf_weighting_from_name(const char *name, pf_weighting *out);

/** Choices for pf_doc_map(). */
typedef struct pf_map_options {
    unsigned version;        /**< ::PF_MAP_OPTIONS_VERSION. */
    pf_weighting weighting;  /**< How projects are weighted (default: count). */
} pf_map_options;
/** Current version of ::pf_map_options. */
#define PF_MAP_OPTIONS_VERSION 1
/** Initialiser for ::pf_map_options. */
#define PF_MAP_OPTIONS_INIT { PF_MAP_OPTIONS_VERSION, PF_WEIGHT_COUNT }

/** Where one project sits. */
typedef struct pf_placement {
    const char *project;          /**< The project's id; owned by the ::pf_map. */
    bool placed;                  /**< False when the project has neither purpose and driver nor facet weights. */
    bool from_weights;            /**< Placed from explicit facet weights rather than purpose and driver. */
    pf_zone zone;                 /**< One of the nine zones; PF_ZONE_UNSET when not placed. */
    double share[PF_FACET_COUNT]; /**< Facet shares, summing to 1 (0 when not placed). */
    double x;                     /**< Certainty axis: share[anticipatory] - share[enhancement], -1..1. */
    double y;                     /**< Directionality axis: share[mission] - share[adaptive], -1..1. */
    bool weighted;                /**< The project has the weighting's field (always true for count). */
    double weight;                /**< Its weight (0 when not weighted). */
} pf_placement;

/** The portfolio as a whole. Shares are over projects both placed and weighted. */
typedef struct pf_metrics {
    pf_weighting weighting;              /**< The weighting used. */
    size_t projects;                     /**< All projects. */
    size_t placed;                       /**< Projects with a place on the map. */
    size_t weighted;                     /**< Placed projects with the weighting's field (coverage). */
    double total_weight;                 /**< Sum of their weights. */
    bool has_shares;                     /**< False when no weight was counted (nothing below is meaningful). */
    double share[PF_FACET_COUNT];        /**< Weighted facet shares, summing to 1. */
    size_t zone_count[PF_ZONE_COUNT];    /**< Placed projects per zone (unweighted). */
    size_t mixed_high_priority;          /**< High-priority projects in the mixed zone (purposes to clarify first). */
    double zone_share[PF_ZONE_COUNT];    /**< Weighted share of each zone. */
    double hhi;                          /**< Concentration: sum of share^2, 0.25 (even) .. 1 (one facet). */
    double effective_facets;             /**< 1 / hhi: 1 .. 4. */
    pf_facet dominant;                   /**< The facet with the largest share (the first on a tie). */
    bool has_targets;                    /**< The document sets an intended mix. */
    double target[PF_FACET_COUNT];       /**< The intended mix, normalised to sum 1. */
    double gap[PF_FACET_COUNT];          /**< share - target. */
    double balance_distance;             /**< Half the sum of |gap|: 0 (on target) .. 1. */
    bool has_orientation;                /**< Scores with respondents were given. */
    double orientation[PF_FACET_COUNT];  /**< Mean normalised pct of the respondents, normalised to sum 1. */
    double mismatch[PF_FACET_COUNT];     /**< orientation - share. */
    size_t stage_count[PF_STAGE_COUNT];  /**< Projects per stage (unweighted). */
    size_t stage_unset;                  /**< Projects without a stage. */
} pf_metrics;

/** The project map of a document. */
typedef struct pf_map pf_map;

/**
 * Places every project and computes the portfolio metrics.
 * @param scores  The document's scores, for orientation-versus-projects; may be NULL.
 * @param opts    Choices, or NULL for the defaults.
 * @param out     Receives the map; the caller frees it with pf_map_free(). It does not refer to the document.
 * @return PF_OK, PF_EARG or PF_ENOMEM.
 */
PF_API pf_status pf_doc_map(const pf_doc *doc, const pf_scores *scores, const pf_map_options *opts, pf_map **out,
                            pf_error *err);
/** Frees the map. Accepts NULL. */
PF_API void pf_map_free(pf_map *map);
/** Number of projects (the document's, in its order). */
PF_API size_t pf_map_count(const pf_map *map);
/** Placement of the `index`-th project, or NULL; borrowed from the map. */
PF_API const pf_placement *pf_map_at(const pf_map *map, size_t index);
/** The portfolio metrics; borrowed from the map. */
PF_API const pf_metrics *pf_map_metrics(const pf_map *map);

/**
 * Zone of a project placed by purpose and driver (the PET's table): the same
 * facet gives that facet, neighbouring facets their change type, opposite
 * facets and purpose `all` give PF_ZONE_MIXED.
 */
PF_API pf_zone pf_zone_of_purpose(pf_purpose purpose, pf_facet driver);
/**
 * Zone of normalised facet shares: the top facet from a share of 0.6; else the
 * change type of the top two when they are neighbours, both at least 0.3 and
 * unambiguous (the second strictly above the third); else PF_ZONE_MIXED.
 */
PF_API pf_zone pf_zone_of_shares(const double share[PF_FACET_COUNT]);

/**
 * Writes the map as JSON (see docs/json.md): options, each placement and the
 * metrics. Deterministic and locale-independent.
 * @param out  Receives the text; the caller releases it with pf_buf_dispose().
 * @return PF_OK or PF_ENOMEM.
 */
PF_API pf_status pf_map_write_json(const pf_map *map, pf_buf *out, pf_error *err);

/**
 * Writes the same JSON as pf_map_write_json(), handed to `sink` as it is made
 * (about 64 KiB at a time) rather than held whole.
 * @param sink  Receives the text; borrowed for the call.
 * @return PF_OK, PF_EARG (a NULL argument), PF_ENOMEM, or the status the sink stopped it with.
 */
PF_API pf_status pf_map_write_json_to(const pf_map *map, const pf_sink *sink, pf_error *err);

#ifdef __cplusplus
}
#endif

#endif
