/**
 * @file enums.h
 * @brief The method's vocabularies (facets, zones, stages, roles, ...) and
 *        their identifiers as written in documents.
 *
 * Every enumeration has a `_name()` function giving the document identifier
 * (a static string; NULL for a value out of range, including `_UNSET`) and a
 * `_from_name()` function parsing it. Optional fields use the `_UNSET` value.
 * Values are stable across releases: they index arrays in results.
 */
#ifndef PORTFOLIO_ENUMS_H
#define PORTFOLIO_ENUMS_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The four innovation facets, in the canonical order used by every array and output. */
typedef enum pf_facet {
    PF_FACET_UNSET = -1,        /**< Not given. */
    PF_FACET_ENHANCEMENT = 0,   /**< Left pole: certain, incremental, exploiting. */
    PF_FACET_MISSION = 1,       /**< Top pole: directed, top-down, shaping. */
    PF_FACET_ADAPTIVE = 2,      /**< Bottom pole: undirected, bottom-up, responding. */
    PF_FACET_ANTICIPATORY = 3   /**< Right pole: uncertain, radical, exploring. */
} pf_facet;
/** Number of facets; the length of every per-facet array. */
#define PF_FACET_COUNT 4

/** What a project was primarily created to do: one facet, or all of them. */
typedef enum pf_purpose {
    PF_PURPOSE_UNSET = -1,                            /**< Not given. */
    PF_PURPOSE_ENHANCEMENT = PF_FACET_ENHANCEMENT,    /**< Improve existing services. */
    PF_PURPOSE_MISSION = PF_FACET_MISSION,            /**< Solve a policy problem or reach a goal. */
    PF_PURPOSE_ADAPTIVE = PF_FACET_ADAPTIVE,          /**< Address new user needs, test bottom-up. */
    PF_PURPOSE_ANTICIPATORY = PF_FACET_ANTICIPATORY,  /**< Explore uncertainties and new possibilities. */
    PF_PURPOSE_ALL = 4                                /**< All of these (maps to the mixed zone). */
} pf_purpose;

/** The nine zones of the facet diamond a project can fall in. */
typedef enum pf_zone {
    PF_ZONE_UNSET = -1,          /**< Not placed (no purpose, driver or weights). */
    PF_ZONE_ENHANCEMENT = 0,     /**< The enhancement pole. */
    PF_ZONE_MISSION = 1,         /**< The mission pole. */
    PF_ZONE_ADAPTIVE = 2,        /**< The adaptive pole. */
    PF_ZONE_ANTICIPATORY = 3,    /**< The anticipatory pole. */
    PF_ZONE_SUSTAINING = 4,      /**< Between enhancement and mission. */
    PF_ZONE_TRANSFORMATIVE = 5,  /**< Between mission and anticipatory. */
    PF_ZONE_DISRUPTIVE = 6,      /**< Between anticipatory and adaptive. */
    PF_ZONE_OPTIMISING = 7,      /**< Between adaptive and enhancement. */
    PF_ZONE_MIXED = 8            /**< Mixed or unclear. */
} pf_zone;
/** Number of zones. */
#define PF_ZONE_COUNT 9

/** Where a project is in its life. */
typedef enum pf_stage {
    PF_STAGE_UNSET = -1,        /**< Not given. */
    PF_STAGE_IDEA = 0,          /**< An idea not yet worked on. */
    PF_STAGE_EXPLORING = 1,     /**< Being explored. */
    PF_STAGE_PILOTING = 2,      /**< Piloted or tested. */
    PF_STAGE_IMPLEMENTING = 3,  /**< Being implemented. */
    PF_STAGE_SCALING = 4,       /**< Being scaled up or spread. */
    PF_STAGE_EMBEDDED = 5,      /**< Part of how things are done. */
    PF_STAGE_STOPPED = 6        /**< Ended before being embedded. */
} pf_stage;
/** Number of stages. */
#define PF_STAGE_COUNT 7

/** A project's priority; weights 3, 2, 1 and dot sizes on the map. */
typedef enum pf_priority {
    PF_PRIORITY_UNSET = -1,  /**< Not given. */
    PF_PRIORITY_HIGH = 0,    /**< Weight 3. */
    PF_PRIORITY_MEDIUM = 1,  /**< Weight 2. */
    PF_PRIORITY_LOW = 2      /**< Weight 1. */
} pf_priority;
/** Number of priorities. */
#define PF_PRIORITY_COUNT 3

/** The position from which a respondent answered. */
typedef enum pf_role {
    PF_ROLE_UNSET = -1,             /**< Not given. */
    PF_ROLE_INDIVIDUAL = 0,         /**< A member of staff answering for themselves. */
    PF_ROLE_TEAM = 1,               /**< Answering for a team. */
    PF_ROLE_SENIOR_MANAGEMENT = 2,  /**< Senior management. */
    PF_ROLE_STEWARD = 3,            /**< Whoever stewards the portfolio. */
    PF_ROLE_EXTERNAL = 4            /**< Someone outside the organisation. */
} pf_role;
/** Number of roles. */
#define PF_ROLE_COUNT 5

/** The level of government of an organisation. */
typedef enum pf_gov_level {
    PF_GOV_LEVEL_UNSET = -1,    /**< Not given. */
    PF_GOV_LEVEL_NATIONAL = 0,  /**< National government. */
    PF_GOV_LEVEL_REGIONAL = 1,  /**< Regional government. */
    PF_GOV_LEVEL_LOCAL = 2,     /**< Local government. */
    PF_GOV_LEVEL_AGENCY = 3,    /**< An agency. */
    PF_GOV_LEVEL_TEAM = 4,      /**< A team. */
    PF_GOV_LEVEL_OTHER = 5      /**< Anything else. */
} pf_gov_level;
/** Number of organisation levels. */
#define PF_GOV_LEVEL_COUNT 6

/** Policy sectors an organisation works in; combine as bits `1u << sector`. */
typedef enum pf_sector {
    PF_SECTOR_ECONOMIC = 0,      /**< Economic affairs. */
    PF_SECTOR_EDUCATION = 1,     /**< Education. */
    PF_SECTOR_EMPLOYMENT = 2,    /**< Employment. */
    PF_SECTOR_ENVIRONMENTAL = 3, /**< Environment, climate and agriculture. */
    PF_SECTOR_EXTERNAL = 4,      /**< External relations. */
    PF_SECTOR_HEALTH = 5,        /**< Health. */
    PF_SECTOR_HOUSING = 6,       /**< Housing and community. */
    PF_SECTOR_INFORMATION = 7,   /**< Information society and digitalisation. */
    PF_SECTOR_PUBLIC_ADMIN = 8,  /**< Public administration reform. */
    PF_SECTOR_PUBLIC_ORDER = 9,  /**< Public order, justice and human rights. */
    PF_SECTOR_RECREATION = 10,   /**< Recreation and culture. */
    PF_SECTOR_SCIENCE = 11,      /**< Science, research and innovation. */
    PF_SECTOR_TRANSPORT = 12     /**< Transport and infrastructure. */
} pf_sector;
/** Number of sectors. */
#define PF_SECTOR_COUNT 13

/** How two projects are explicitly related. */
typedef enum pf_link_kind {
    PF_LINK_SYNERGY = 0,     /**< They reinforce each other. */
    PF_LINK_DEPENDENCY = 1,  /**< The project depends on the other. */
    PF_LINK_CONFLICT = 2,    /**< They pull against each other. */
    PF_LINK_DUPLICATE = 3    /**< They do the same thing. */
} pf_link_kind;
/** Number of link kinds. */
#define PF_LINK_KIND_COUNT 4

/** How a question or item of an instrument is answered and scored. */
typedef enum pf_form {
    PF_FORM_AGREE = 0,           /**< Agreement 0..4, scoring a points. */
    PF_FORM_AGREE_HALF = 1,      /**< Agreement 0..4, scoring a/2 points. */
    PF_FORM_AGREE_REVERSED = 2,  /**< Agreement 0..4, scoring -a points. */
    PF_FORM_RANK = 3,            /**< The question's options, most important first. */
    PF_FORM_MULTI = 4,           /**< Any of the question's options, or none. */
    PF_FORM_YES_NO = 5           /**< yes, no or unsure. */
} pf_form;
/** Number of answer forms. */
#define PF_FORM_COUNT 6

/** An answer to a yes/no/unsure item. */
typedef enum pf_choice {
    PF_CHOICE_YES = 0,     /**< yes */
    PF_CHOICE_NO = 1,      /**< no */
    PF_CHOICE_UNSURE = 2   /**< unsure */
} pf_choice;
/** Number of yes/no/unsure choices. */
#define PF_CHOICE_COUNT 3

/** The part of an instrument a question belongs to. */
typedef enum pf_part {
    PF_PART_ORIENTATION = 0,  /**< Scores the four facets (the PET's organisational snapshot). */
    PF_PART_CAPABILITY = 1    /**< Scores portfolio-management capability and its dimensions. */
} pf_part;
/** Number of parts. */
#define PF_PART_COUNT 2

/**
 * The six dimensions of portfolio-management capability (docs/method.md, section 4.2), libportfolio's
 * split of the PET's single capability score.
 */
typedef enum pf_dimension {
    PF_DIMENSION_UNSET = -1,        /**< Not a capability item. */
    PF_DIMENSION_SENSE_MAKING = 0,  /**< Making sense of the portfolio, its problems and environment. */
    PF_DIMENSION_STEWARDSHIP = 1,   /**< Someone holds and advises on the whole portfolio. */
    PF_DIMENSION_STRUCTURES = 2,    /**< Room for several ways of working and skills. */
    PF_DIMENSION_RESOURCES = 3,     /**< Long-term, flexible, portfolio-aware funding. */
    PF_DIMENSION_LEARNING = 4,      /**< Learning and cooperation across units. */
    PF_DIMENSION_ECOSYSTEM = 5      /**< Working with stakeholders outside the organisation. */
} pf_dimension;
/** Number of capability dimensions; the length of every per-dimension array. */
#define PF_DIMENSION_COUNT 6

/** A low, medium or high band of a score. */
typedef enum pf_level {
    PF_LEVEL_LOW = 0,     /**< Low. */
    PF_LEVEL_MEDIUM = 1,  /**< Medium. */
    PF_LEVEL_HIGH = 2     /**< High. */
} pf_level;
/** Number of levels. */
#define PF_LEVEL_COUNT 3

/** Number of tendency groups: one per set of strong facets, identified by its bit mask. */
#define PF_TENDENCY_COUNT 16

/** Document identifier of a facet ("enhancement"), or NULL when out of range. */
PF_API const char *pf_facet_name(pf_facet facet);
/** Parses a facet identifier. @return PF_OK, or PF_EARG for an unknown word or NULL argument. */
PF_API pf_status pf_facet_from_name(const char *name, pf_facet *out);
/** Document identifier of a purpose ("all" for ::PF_PURPOSE_ALL), or NULL when out of range. */
PF_API const char *pf_purpose_name(pf_purpose purpose);
/** Parses a purpose identifier. @return PF_OK or PF_EARG. */
PF_API pf_status pf_purpose_from_name(const char *name, pf_purpose *out);
/** Document identifier of a zone ("sustaining"), or NULL when out of range. */
PF_API const char *pf_zone_name(pf_zone zone);
/** Parses a zone identifier. @return PF_OK or PF_EARG. */
PF_API pf_status pf_zone_from_name(const char *name, pf_zone *out);
/** Document identifier of a stage ("piloting"), or NULL when out of range. */
PF_API const char *pf_stage_name(pf_stage stage);
/** Parses a stage identifier. @return PF_OK or PF_EARG. */
PF_API pf_status pf_stage_from_name(const char *name, pf_stage *out);
/** Document identifier of a priority ("high"), or NULL when out of range. */
PF_API const char *pf_priority_name(pf_priority priority);
/** Parses a priority identifier. @return PF_OK or PF_EARG. */
PF_API pf_status pf_priority_from_name(const char *name, pf_priority *out);
/** Document identifier of a role ("senior-management"), or NULL when out of range. */
PF_API const char *pf_role_name(pf_role role);
/** Parses a role identifier. @return PF_OK or PF_EARG. */
PF_API pf_status pf_role_from_name(const char *name, pf_role *out);
/** Document identifier of an organisation level ("national"), or NULL when out of range. */
PF_API const char *pf_gov_level_name(pf_gov_level level);
/** Parses an organisation level identifier. @return PF_OK or PF_EARG. */
PF_API pf_status pf_gov_level_from_name(const char *name, pf_gov_level *out);
/** Document identifier of a sector ("public_admin"), or NULL when out of range. */
PF_API const char *pf_sector_name(pf_sector sector);
/** Parses a sector identifier. @return PF_OK or PF_EARG. */
PF_API pf_status pf_sector_from_name(const char *name, pf_sector *out);
/** Document identifier of a link kind ("dependency"), or NULL when out of range. */
PF_API const char *pf_link_kind_name(pf_link_kind kind);
/** Parses a link kind identifier. @return PF_OK or PF_EARG. */
PF_API pf_status pf_link_kind_from_name(const char *name, pf_link_kind *out);
/** Identifier of an answer form ("agree-half"), or NULL when out of range. */
PF_API const char *pf_form_name(pf_form form);
/** Parses an answer form identifier. @return PF_OK or PF_EARG. */
PF_API pf_status pf_form_from_name(const char *name, pf_form *out);
/** Document identifier of a choice ("unsure"), or NULL when out of range. */
PF_API const char *pf_choice_name(pf_choice choice);
/** Parses a choice identifier. @return PF_OK or PF_EARG. */
PF_API pf_status pf_choice_from_name(const char *name, pf_choice *out);
/** Identifier of a part ("orientation"), or NULL when out of range. */
PF_API const char *pf_part_name(pf_part part);
/** Parses a part identifier. @return PF_OK or PF_EARG. */
PF_API pf_status pf_part_from_name(const char *name, pf_part *out);
/** Identifier of a capability dimension ("sense-making"), or NULL when out of range. */
PF_API const char *pf_dimension_name(pf_dimension dimension);
/** Parses a capability dimension identifier. @return PF_OK or PF_EARG. */
PF_API pf_status pf_dimension_from_name(const char *name, pf_dimension *out);

/** Identifier of a level ("medium"), or NULL when out of range. */
PF_API const char *pf_level_name(pf_level level);
/** Parses a level identifier. @return PF_OK or PF_EARG. */
PF_API pf_status pf_level_from_name(const char *name, pf_level *out);
/**
 * Identifier of the tendency group whose strong facets are the bits of
 * `strong_mask` (bit f for facet f): "all-four", "weak-in-all",
 * "primarily-<facet>", or the strong facets in facet order joined by '+'
 * ("enhancement+anticipatory"). NULL for a mask above 15.
 */
PF_API const char *pf_tendency_name(unsigned strong_mask);
/** Parses a tendency group identifier into its mask of strong facets. @return PF_OK or PF_EARG. */
PF_API pf_status pf_tendency_from_name(const char *name, unsigned *out);

#ifdef __cplusplus
}
#endif

#endif
