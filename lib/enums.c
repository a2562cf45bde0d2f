/* Document identifiers of the method's vocabularies. */
#include <string.h>

#include "internal.h"

static const char *const facet_names[] = { "enhancement", "mission", "adaptive", "anticipatory" };
static const char *const purpose_names[] = { "enhancement", "mission", "adaptive", "anticipatory", "all" };
static const char *const zone_names[] = { "enhancement", "mission",    "adaptive",   "anticipatory", "sustaining",
                                          "transformative", "disruptive", "optimising", "mixed" };
static const char *const stage_names[] = { "idea",    "exploring", "piloting", "implementing",
                                           "scaling", "embedded",  "stopped" };
static const char *const priority_names[] = { "high", "medium", "low" };
static const char *const role_names[] = { "individual", "team", "senior-management", "steward", "external" };
static const char *const org_level_names[] = { "national", "regional", "local", "agency", "team", "other" };
static const char *const sector_names[] = { "economic",    "education",    "employment",   "environmental", "external",
                                            "health",      "housing",      "information",  "public_admin",
                                            "public_order", "recreation",  "science",      "transport" };
static const char *const link_kind_names[] = { "synergy", "dependency", "conflict", "duplicate" };
static const char *const form_names[] = { "agree", "agree-half", "agree-reversed", "rank", "multi", "yes-no" };
static const char *const choice_names[] = { "yes", "no", "unsure" };
static const char *const part_names[] = { "orientation", "capability" };
static const char *const dimension_names[] = { "sense-making", "stewardship", "structures",
                                               "resources",    "learning",    "ecosystem" };
static const char *const level_names[] = { "low", "medium", "high" };
static const char *const relation_kind_names[] = { "synergy", "tension", "duplicate", "handover" };
/* Indexed by the mask of strong facets: bit 0 enhancement, 1 mission, 2 adaptive, 3 anticipatory. */
static const char *const tendency_names[PF_TENDENCY_COUNT] = {
    "weak-in-all",
    "primarily-enhancement",
    "primarily-mission",
    "enhancement+mission",
    "primarily-adaptive",
    "enhancement+adaptive",
    "mission+adaptive",
    "enhancement+mission+adaptive",
    "primarily-anticipatory",
    "enhancement+anticipatory",
    "mission+anticipatory",
    "enhancement+mission+anticipatory",
    "adaptive+anticipatory",
    "enhancement+adaptive+anticipatory",
    "mission+adaptive+anticipatory",
    "all-four",
};

static const char *name_of(const char *const *names, size_t count, int value)
{
    return value >= 0 && (size_t)value < count ? names[value] : NULL;
}

static pf_status parse_name(const char *const *names, size_t count, const char *name, int *out)
{
    if (!name)
        return PF_EARG;
    for (size_t i = 0; i < count; i++) {
        if (strcmp(names[i], name) == 0) {
            *out = (int)i;
            return PF_OK;
        }
    }
    return PF_EARG;
}

#define PF_ENUM_NAMES(type, prefix, table)                                                   \
    const pf__names prefix##__names = { table, sizeof table / sizeof *table };               \
    const char *prefix##_name(type value)                                                    \
    {                                                                                        \
        return name_of(table, sizeof table / sizeof *table, (int)value);                     \
    }                                                                                        \
    pf_status prefix##_from_name(const char *name, type *out)                                \
    {                                                                                        \
        int v;                                                                               \
        if (!out || parse_name(table, sizeof table / sizeof *table, name, &v) != PF_OK)      \
            return PF_EARG;                                                                  \
        *out = (type)v;                                                                      \
        return PF_OK;                                                                        \
    }

PF_ENUM_NAMES(pf_facet, pf_facet, facet_names)
PF_ENUM_NAMES(pf_purpose, pf_purpose, purpose_names)
PF_ENUM_NAMES(pf_zone, pf_zone, zone_names)
PF_ENUM_NAMES(pf_stage, pf_stage, stage_names)
PF_ENUM_NAMES(pf_priority, pf_priority, priority_names)
PF_ENUM_NAMES(pf_role, pf_role, role_names)
PF_ENUM_NAMES(pf_gov_level, pf_gov_level, org_level_names)
PF_ENUM_NAMES(pf_sector, pf_sector, sector_names)
PF_ENUM_NAMES(pf_link_kind, pf_link_kind, link_kind_names)
PF_ENUM_NAMES(pf_form, pf_form, form_names)
PF_ENUM_NAMES(pf_choice, pf_choice, choice_names)
PF_ENUM_NAMES(pf_part, pf_part, part_names)
PF_ENUM_NAMES(pf_dimension, pf_dimension, dimension_names)
PF_ENUM_NAMES(pf_level, pf_level, level_names)
PF_ENUM_NAMES(pf_relation_kind, pf_relation_kind, relation_kind_names)

const char *pf_tendency_name(unsigned strong_mask)
{
    return strong_mask < PF_TENDENCY_COUNT ? tendency_names[strong_mask] : NULL;
}

pf_status pf_tendency_from_name(const char *name, unsigned *out)
{
    int v;
    if (!out || parse_name(tendency_names, PF_TENDENCY_COUNT, name, &v) != PF_OK)
        return PF_EARG;
    *out = (unsigned)v;
    return PF_OK;
}

int pf__names_find(const pf__names *t, const char *name)
{
    int v;
    return parse_name(t->names, t->count, name, &v) == PF_OK ? v : -1;
}

void pf__names_join(const pf__names *t, char *out, size_t cap)
{
    size_t o = 0;
    out[0] = '\0';
    for (size_t i = 0; i < t->count; i++) {
        size_t n = strlen(t->names[i]);
        if (o + n + 3 >= cap)
            break;
        if (i) {
            memcpy(out + o, ", ", 2);
            o += 2;
        }
        memcpy(out + o, t->names[i], n + 1);
        o += n;
    }
}
