/**
 * @file score.h
 * @brief Scoring assessments: facet orientation, portfolio-management
 *        capability, and the statistics of many respondents (docs/method.md, sections 2-4 and 7).
 *
 * pf_doc_score() computes everything once into a ::pf_scores object; the
 * getters only read it. Results own all their data (respondent ids included),
 * so they stay valid after the document is freed. One ::pf_scores may be read
 * from several threads at once.
 */
#ifndef PORTFOLIO_SCORE_H
#define PORTFOLIO_SCORE_H

#include "model.h"

#ifdef __cplusplus
extern "C" {
#endif

/** How answers become scores (docs/method.md 3.2, 3.3 and 3.6). */
typedef enum pf_score_mode {
    /** The PET's stated rules: round(raw / pet_scale * 100), halves away from zero. */
    PF_SCORE_PET = 0,
    /** raw / (most points the answered items could give) * 100, unrounded. */
    PF_SCORE_NORMALISED = 1,
    /** As the published PET computed, defects included, to compare with results it gave: multi questions
        (Q10, Q13-Q15) give no points and each answered capability agreement item counts 1. Only for the
        instrument opsi-pet-2020. */
    PF_SCORE_PET_PUBLISHED = 2
} pf_score_mode;
/** Number of score modes. */
#define PF_SCORE_MODE_COUNT 3

/** Identifier of a mode as outputs and the command line write it ("pet", "normalised", "pet-published"): a static
    string, or NULL when out of range. */
PF_API const char *pf_score_mode_name(pf_score_mode mode);
/** Parses a mode identifier. @return PF_OK, or PF_EARG for an unknown one (`*out` unchanged). */
PF_API pf_status pf_score_mode_from_name(const char *name, pf_score_mode *out);

/** Choices for pf_doc_score(). Zero members take the documented defaults. */
typedef struct pf_score_options {
    unsigned version;              /**< ::PF_SCORE_OPTIONS_VERSION. */
    pf_score_mode mode;            /**< The PET's stated rules (default), normalised, or as the published PET computed. */
    double strong_threshold;       /**< A facet is strong from this pct (default 50). */
    bool strict;                   /**< Any unanswered item is an error rather than 0 points. */
    double low_agreement_sd;       /**< Low agreement when a metric's sd exceeds this (default 15)... */
    size_t low_agreement_min_n;    /**< ...among at least this many respondents (default 3). */
    double perception_gap;         /**< Perception gap when two roles' means differ by more (default 20)... */
    size_t perception_gap_min_n;   /**< ...and each role has at least this many respondents (default 2). */
    /** Since version 2. Respondents whose completeness is below this share (0..1; 0 means the default, 0.5) are
        left out of the statistics (overall, per role, flags) but still scored one by one. */
    double completeness_floor;
    bool include_incomplete;       /**< Since version 2. Keep every respondent in the statistics, whatever the floor. */
} pf_score_options;
/** Current version of ::pf_score_options (version 1, without the completeness members, is still accepted and
    takes their defaults). */
#define PF_SCORE_OPTIONS_VERSION 2
/** Initialiser for ::pf_score_options: PET mode and every default. */
#define PF_SCORE_OPTIONS_INIT { PF_SCORE_OPTIONS_VERSION, PF_SCORE_PET, 0, false, 0, 0, 0, 0, 0, false }

/** One respondent's facet orientation. */
typedef struct pf_orientation {
    double raw[PF_FACET_COUNT];            /**< Points per facet. */
    double answered_max[PF_FACET_COUNT];   /**< Most points the answered items could have given. */
    double pct_pet[PF_FACET_COUNT];        /**< PET-mode percentage (whole numbers). */
    double pct_normalised[PF_FACET_COUNT]; /**< Normalised percentage; 0 when no item of the facet was answered. */
    double pct[PF_FACET_COUNT];            /**< The percentage in the chosen mode. */
    bool strong[PF_FACET_COUNT];           /**< pct >= the strong threshold. */
    unsigned tendency;                     /**< Bit f set when facet f is strong; see pf_tendency_name(). */
    size_t answered;                       /**< Orientation items and questions answered. */
    size_t items;                          /**< Orientation items and questions of the instrument. */
} pf_orientation;

/** One respondent's portfolio-management capability. */
typedef struct pf_capability {
    double score;                                  /**< Base (16) plus item points: 0..108. */
    pf_level level;                                /**< low < 36 <= medium < 72 <= high. */
    double dimension_sum[PF_DIMENSION_COUNT];      /**< Item points per dimension. */
    double dimension_pct[PF_DIMENSION_COUNT];      /**< (sum - min) / (max - min) * 100. */
    pf_level dimension_level[PF_DIMENSION_COUNT];  /**< low below 100/3, high from 200/3. */
    size_t answered;                               /**< Capability items answered. */
    size_t items;                                  /**< Capability items of the instrument. */
} pf_capability;

/** The scores of one assessment. */
typedef struct pf_assessment_score {
    const char *respondent;      /**< The respondent's pseudonym; owned by the ::pf_scores. */
    pf_role role;                /**< The respondent's role, or PF_ROLE_UNSET. */
    double completeness;         /**< Answered items and questions / all of the instrument's (0..1). */
    pf_orientation orientation;  /**< Facet orientation. */
    pf_capability capability;    /**< Capability. */
    bool left_out;               /**< Completeness below the floor: not counted in the statistics and flags. */
} pf_assessment_score;

/** Summary statistics of one metric over a group of respondents. */
typedef struct pf_stats {
    size_t n;       /**< Respondents; the other members are 0 when n is 0. */
    double mean;    /**< Arithmetic mean. */
    double median;  /**< Middle value, or the mean of the two middle values. */
    double sd;      /**< Sample standard deviation (n - 1); 0 when n is 1. */
    double min;     /**< Smallest value. */
    double max;     /**< Largest value. */
} pf_stats;

/** The metrics summarised over respondents, in the order of pf_group::stats. */
typedef enum pf_group_metric {
    PF_GROUP_ENHANCEMENT = 0,   /**< Facet pct: enhancement. */
    PF_GROUP_MISSION = 1,       /**< Facet pct: mission. */
    PF_GROUP_ADAPTIVE = 2,      /**< Facet pct: adaptive. */
    PF_GROUP_ANTICIPATORY = 3,  /**< Facet pct: anticipatory. */
    PF_GROUP_CAPABILITY = 4,    /**< Capability score. */
    PF_GROUP_SENSE_MAKING = 5,  /**< Dimension pct: sense-making (then the other dimensions in order). */
    PF_GROUP_STEWARDSHIP = 6,   /**< Dimension pct: stewardship. */
    PF_GROUP_STRUCTURES = 7,    /**< Dimension pct: structures. */
    PF_GROUP_RESOURCES = 8,     /**< Dimension pct: resources. */
    PF_GROUP_LEARNING = 9,      /**< Dimension pct: learning. */
    PF_GROUP_ECOSYSTEM = 10     /**< Dimension pct: ecosystem. */
} pf_group_metric;
/** Number of group metrics. */
#define PF_GROUP_METRIC_COUNT 11

/**
 * Name of a group metric as used in outputs and rules: "orientation.enhancement",
 * "capability.score", "capability.sense-making"; NULL when out of range.
 */
PF_API const char *pf_group_metric_name(pf_group_metric metric);

/** Statistics of a group of respondents: everyone, or one role. */
typedef struct pf_group {
    pf_stats stats[PF_GROUP_METRIC_COUNT]; /**< One per ::pf_group_metric. */
    unsigned tendency;                     /**< Tendency group of the mean facet pct (see pf_tendency_name()). */
    pf_level capability_level;             /**< Level of the mean capability score. */
    pf_level dimension_level[PF_DIMENSION_COUNT]; /**< Level of each mean dimension pct, in thirds as for one respondent. */
} pf_group;

/** Why a group of respondents deserves a conversation. */
typedef enum pf_flag_kind {
    PF_FLAG_LOW_AGREEMENT = 0,   /**< Respondents' answers spread widely (sd above the threshold). */
    PF_FLAG_PERCEPTION_GAP = 1   /**< Two roles see a metric differently (means far apart). */
} pf_flag_kind;

/** One raised flag, with the numbers that raised it. */
typedef struct pf_flag {
    pf_flag_kind kind;       /**< What was found. */
    pf_group_metric metric;  /**< On which metric. */
    pf_role role_a;          /**< Perception gap: the role with the higher mean; otherwise PF_ROLE_UNSET. */
    pf_role role_b;          /**< Perception gap: the role with the lower mean; otherwise PF_ROLE_UNSET. */
    double value;            /**< The sd (low agreement) or the divergence (perception gap). */
    size_t n;                /**< Respondents behind it (for a perception gap, both roles together). */
} pf_flag;

/** Scores of every assessment of a document, and their statistics. */
typedef struct pf_scores pf_scores;

/**
 * Scores every assessment of the document.
 * @param out    Receives the scores; the caller frees them with pf_scores_free(). They do not refer to the document.
 * @param opts   Choices, or NULL for the defaults.
 * @param diags  With `strict`, receives every missing answer (may be NULL).
 * @return PF_OK; PF_EINVALID when `strict` and an answer is missing, or with ::PF_SCORE_PET_PUBLISHED when the
 *         document's instrument is not opsi-pet-2020; PF_EARG for a NULL argument or a bad option; PF_ENOMEM.
 */
PF_API pf_status pf_doc_score(const pf_doc *doc, const pf_score_options *opts, pf_scores **out,
                              pf_diagnostics *diags, pf_error *err);

/** Frees the scores. Accepts NULL. */
PF_API void pf_scores_free(pf_scores *scores);
/** The options the scores were computed with (defaults filled in); borrowed. */
PF_API const pf_score_options *pf_scores_options(const pf_scores *scores);
/** Number of assessments scored (the document's, in its order). */
PF_API size_t pf_scores_count(const pf_scores *scores);
/** The scores of the `index`-th assessment, or NULL; borrowed from the scores. */
PF_API const pf_assessment_score *pf_scores_at(const pf_scores *scores, size_t index);
/** Respondents left out of the statistics for answering less than the completeness floor (0 with `include_incomplete`). */
PF_API size_t pf_scores_left_out_count(const pf_scores *scores);
/** Statistics over every respondent counted (see pf_score_options::completeness_floor); borrowed. */
PF_API const pf_group *pf_scores_overall(const pf_scores *scores);
/** Statistics over the counted respondents of one role (n = 0 when there are none), or NULL for an invalid role; borrowed. */
PF_API const pf_group *pf_scores_by_role(const pf_scores *scores, pf_role role);
/** |mean of role a - mean of role b| for a metric; 0 when either role has no respondent. */
PF_API double pf_scores_divergence(const pf_scores *scores, pf_group_metric metric, pf_role a, pf_role b);
/** Number of flags raised (low agreement first, then perception gaps, each in metric order). */
PF_API size_t pf_scores_flag_count(const pf_scores *scores);
/** The `index`-th flag, or NULL; borrowed. */
PF_API const pf_flag *pf_scores_flag_at(const pf_scores *scores, size_t index);

/**
 * Writes the scores as JSON (see docs/json.md): the options, each assessment
 * (pass `anonymous` to leave out respondent pseudonyms), the overall and
 * per-role statistics, and the flags (divergences appear in the flags they
 * raise; pf_scores_divergence() gives any other). Deterministic and locale-independent.
 * @param out  Receives the text (replacing its content); the caller releases it with pf_buf_dispose().
 * @return PF_OK or PF_ENOMEM.
 */
PF_API pf_status pf_scores_write_json(const pf_scores *scores, bool anonymous, pf_buf *out, pf_error *err);

/**
 * Writes the same JSON as pf_scores_write_json(), handed to `sink` as it is
 * made (about 64 KiB at a time) rather than held whole.
 * @param sink  Receives the text; borrowed for the call.
 * @return PF_OK, PF_EARG (a NULL argument), PF_ENOMEM, or the status the sink stopped it with.
 */
PF_API pf_status pf_scores_write_json_to(const pf_scores *scores, bool anonymous, const pf_sink *sink,
                                         pf_error *err);

#ifdef __cplusplus
}
#endif

#endif
