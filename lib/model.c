/* The portfolio model: documents, organisation, projects and assessments. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model_impl.h"

/* ---- shared checks: every setter reports "<field>: <problem>" ---- */

static pf_status set_text(pf_doc *doc, char **slot, const char *field, const char *value, pf_error *err)
{
    char *copy = NULL;
    if (value) {
        if (!*value)
            return pf__fail(err, PF_EARG, "%s: must not be empty (leave it out instead)", field);
        if (!pf__utf8_valid(value, strlen(value)))
            return pf__fail(err, PF_EARG, "%s: is not valid UTF-8", field);
        copy = pf__strdup(&doc->alloc, value);
        if (!copy)
            return pf__oom(err);
    }
    pf__free(&doc->alloc, *slot);
    *slot = copy;
    return PF_OK;
}

/* set_text for text many objects repeat: the document's interned copy. */
static pf_status set_interned(pf_doc *doc, const char **slot, const char *field, const char *value, pf_error *err)
{
    const char *copy = NULL;
    if (value) {
        if (!*value)
            return pf__fail(err, PF_EARG, "%s: must not be empty (leave it out instead)", field);
        if (!pf__utf8_valid(value, strlen(value)))
            return pf__fail(err, PF_EARG, "%s: is not valid UTF-8", field);
        copy = pf__intern(&doc->alloc, &doc->strings, value);
        if (!copy)
            return pf__oom(err);
    }
    *slot = copy;
    return PF_OK;
}

static pf_status check_enum(int value, int count, const char *field, const pf__names *names, pf_error *err)
{
    if (value < -1 || value >= count) {
        char expected[256];
        pf__names_join(names, expected, sizeof expected);
        return pf__fail(err, PF_EARG, "%s: unknown value %d (expected one of: %s)", field, value, expected);
    }
    return PF_OK;
}

static pf_status check_facet_mix(const double v[PF_FACET_COUNT], const char *field, pf_error *err)
{
    double sum = 0;
    for (int f = 0; f < PF_FACET_COUNT; f++) {
        char sub[64];
        snprintf(sub, sizeof sub, "%s.%s", field, pf_facet_name((pf_facet)f));
        pf_status s = pf__check_amount(v[f], PF_MAX_AMOUNT, sub, err);
        if (s != PF_OK)
            return s;
        sum += v[f];
    }
    if (!(sum > 0) || !isfinite(sum))
        return pf__fail(err, PF_EARG, "%s: %s", field,
                        sum > 0 ? "values are too large to add up" : "at least one facet must be above 0");
    return PF_OK;
}

static pf_status check_date(pf_date d, const char *field, pf_error *err)
{
    if (pf__date_is_unset(d) || pf__date_valid(d))
        return PF_OK;
    return pf__fail(err, PF_EARG, "%s: %04d-%02d-%02d is not a date in the calendar", field, d.year, d.month, d.day);
}

static pf_status check_id(const char *id, const char *field, pf_error *err)
{
    if (!id)
        return pf__fail(err, PF_EARG, "%s: is required", field);
    if (!*id)
        return pf__fail(err, PF_EARG, "%s: must not be empty", field);
    if (!pf__id_valid(id)) {
        char q[64];
        pf__quote(id, q);
        return pf__fail(err, PF_EARG, "%s: %s must be letters, digits, '.', '_' or '-'", field, q);
    }
    return PF_OK;
}

/* ---- documents ---- */

pf_status pf__doc_new_with(pf_doc **out, const pf_allocator *allocator, pf_instrument *inst, pf_error *err)
{
    pf_allocator a = pf__allocator_resolve(allocator);
    pf_doc *doc = pf__calloc(&a, 1, sizeof *doc);
    if (!doc) {
        pf__instrument_free(inst);
        return pf__oom(err);
    }
    doc->alloc = a;
    doc->org.doc = doc;
    doc->org.level = PF_GOV_LEVEL_UNSET;
    doc->instrument = inst;
    *out = doc;
    return PF_OK;
}

void pf_doc_free(pf_doc *doc)
{
    if (!doc)
        return;
    pf_allocator a = doc->alloc;
    for (size_t i = 0; i < doc->project_count; i++)
        pf__project_free(doc->projects[i]);
    for (size_t i = 0; i < doc->assessment_count; i++)
        pf__assessment_free(doc->assessments[i]);
    pf__free(&a, doc->projects);
    pf__free(&a, doc->assessments);
    pf__strmap_free(&a, &doc->project_index);
    pf__strmap_free(&a, &doc->assessment_index);
    pf__strings_free(&a, &doc->strings);
    pf__free(&a, doc->org.name);
    pf__free(&a, doc->source);
    pf__free(&a, doc->instrument_path);
    pf__instrument_free(doc->instrument);
    pf__free(&a, doc);
}

const char *pf_doc_instrument_id(const pf_doc *doc)
{
    return doc->instrument->id;
}

const pf_instrument *pf_doc_instrument(const pf_doc *doc)
{
    return doc->instrument;
}

const char *pf_doc_instrument_path(const pf_doc *doc)
{
    return doc->instrument_path;
}

pf_status pf_doc_set_instrument_path(pf_doc *doc, const char *path, pf_error *err)
{
    if (!doc || !path)
        return pf__fail(err, PF_EARG, "%s is NULL", doc ? "path" : "doc");
    if (!doc->instrument_path)
        return pf__fail(err, PF_EARG, "instrument: %s is not read from a file", doc->instrument->id);
    if (!pf__instrument_is_path(path))
        return pf__fail(err, PF_EARG, "instrument: a file name contains '/' or ends in .yaml or .yml");
    char *copy = pf__strdup(&doc->alloc, path);
    if (!copy)
        return pf__oom(err);
    pf__free(&doc->alloc, doc->instrument_path);
    doc->instrument_path = copy;
    return PF_OK;
}

pf_status pf__doc_use_instrument(pf_doc *doc, pf_instrument *inst, const char *path)
{
    char *copy = NULL;
    if (path && !(copy = pf__strdup(&doc->alloc, path)))
        return PF_ENOMEM;
    pf__instrument_free(doc->instrument);
    doc->instrument = inst;
    pf__free(&doc->alloc, doc->instrument_path);
    doc->instrument_path = copy;
    return PF_OK;
}

pf_org *pf_doc_org(pf_doc *doc)
{
    return &doc->org;
}

const pf_org *pf_doc_org_const(const pf_doc *doc)
{
    return &doc->org;
}

pf_status pf_doc_set_targets(pf_doc *doc, const double targets[PF_FACET_COUNT], pf_error *err)
{
    pf_status s = check_facet_mix(targets, "targets", err);
    if (s != PF_OK)
        return s;
    memcpy(doc->targets, targets, sizeof doc->targets);
    doc->has_targets = true;
    return PF_OK;
}

void pf_doc_clear_targets(pf_doc *doc)
{
    doc->has_targets = false;
    memset(doc->targets, 0, sizeof doc->targets);
}

bool pf_doc_targets(const pf_doc *doc, double out[PF_FACET_COUNT])
{
    if (doc->has_targets && out)
        memcpy(out, doc->targets, sizeof doc->targets);
    return doc->has_targets;
}

/* ---- organisation ---- */

const char *pf_org_name(const pf_org *org)
{
    return org->name;
}

pf_status pf_org_set_name(pf_org *org, const char *name, pf_error *err)
{
    return set_text(org->doc, &org->name, "name", name, err);
}

const char *pf_org_country(const pf_org *org)
{
    return org->country[0] ? org->country : NULL;
}

pf_status pf_org_set_country(pf_org *org, const char *country, pf_error *err)
{
    if (!country) {
        org->country[0] = '\0';
        return PF_OK;
    }
    if (!pf__country_valid(country)) {
        char q[64];
        pf__quote(country, q);
        char upper[3] = { 0 };
        for (int i = 0; i < 2 && country[i]; i++)
            upper[i] = (char)(country[i] >= 'a' && country[i] <= 'z' ? country[i] - 'a' + 'A' : country[i]);
        if (strlen(country) == 2 && pf__country_valid(upper))
            return pf__fail(err, PF_EARG, "country: %s must be upper case ('%s')", q, upper);
        return pf__fail(err, PF_EARG, "country: %s is not an assigned ISO 3166-1 alpha-2 country code (such as GB or SE)",
                        q);
    }
    memcpy(org->country, country, 3);
    return PF_OK;
}

pf_gov_level pf_org_level(const pf_org *org)
{
    return org->level;
}

pf_status pf_org_set_level(pf_org *org, pf_gov_level level, pf_error *err)
{
    pf_status s = check_enum((int)level, PF_GOV_LEVEL_COUNT, "level", &pf_gov_level__names, err);
    if (s == PF_OK)
        org->level = level;
    return s;
}

int64_t pf_org_people(const pf_org *org)
{
    return org->people;
}

pf_status pf_org_set_people(pf_org *org, int64_t people, pf_error *err)
{
    if (people < 0)
        return pf__fail(err, PF_EARG, "people: must be at least 1 (got %lld)", (long long)people);
    org->people = people;
    return PF_OK;
}

unsigned pf_org_sectors(const pf_org *org)
{
    return org->sectors;
}

pf_status pf_org_set_sectors(pf_org *org, unsigned sectors, pf_error *err)
{
    if (sectors >> PF_SECTOR_COUNT)
        return pf__fail(err, PF_EARG, "sectors: unknown sector bits 0x%x", sectors >> PF_SECTOR_COUNT << PF_SECTOR_COUNT);
    org->sectors = sectors;
    return PF_OK;
}

/* ---- projects ---- */

size_t pf_doc_project_count(const pf_doc *doc)
{
    return doc->project_count;
}

pf_project *pf_doc_project_at(const pf_doc *doc, size_t index)
{
    return index < doc->project_count ? doc->projects[index] : NULL;
}

pf_project *pf_doc_find_project(const pf_doc *doc, const char *id)
{
    size_t i;
    return id && pf__strmap_get(&doc->project_index, id, &i) ? doc->projects[i] : NULL;
}

pf_project *pf__project_new(pf_doc *doc, const char *id)
{
    pf_project *p = pf__calloc(&doc->alloc, 1, sizeof *p);
    if (!p)
        return NULL;
    p->doc = doc;
    p->id = pf__strdup(&doc->alloc, id);
    if (!p->id) {
        pf__free(&doc->alloc, p);
        return NULL;
    }
    p->purpose = PF_PURPOSE_UNSET;
    p->driver = PF_FACET_UNSET;
    p->priority = PF_PRIORITY_UNSET;
    p->stage = PF_STAGE_UNSET;
    p->source_index = -1;
    return p;
}

void pf__project_free(pf_project *p)
{
    if (!p)
        return;
    const pf_allocator *a = &p->doc->alloc;
    for (size_t i = 0; i < p->link_count; i++)
        pf__free(a, p->links[i].to);
    pf__free(a, p->links);
    pf__list_index_drop(a, &p->link_index);
    pf__free(a, p->weights);
    pf__strvec_free_borrowed(a, &p->tags);
    pf__strvec_free_borrowed(a, &p->partners);
    pf__free(a, p->title);
    pf__free(a, p->id);
    pf__free(a, p);
}

pf_status pf__doc_attach_project(pf_doc *doc, pf_project *p, pf_error *err)
{
    if (pf_doc_find_project(doc, p->id)) {
        char q[64];
        pf__quote(p->id, q);
        return pf__fail(err, PF_EEXISTS, "id: duplicate project id %s", q);
    }
    if (pf__grow(&doc->alloc, (void **)&doc->projects, &doc->project_cap, doc->project_count + 1,
                 sizeof *doc->projects) != PF_OK ||
        pf__strmap_put(&doc->alloc, &doc->project_index, p->id, doc->project_count) != PF_OK)
        return pf__oom(err);
    doc->projects[doc->project_count++] = p;
    return PF_OK;
}

pf_status pf_doc_add_project(pf_doc *doc, const char *id, pf_project **out, pf_error *err)
{
    pf_status s = check_id(id, "id", err);
    if (s != PF_OK)
        return s;
    pf_project *p = pf__project_new(doc, id);
    if (!p)
        return pf__oom(err);
    s = pf__doc_attach_project(doc, p, err);
    if (s != PF_OK) {
        pf__project_free(p);
        return s;
    }
    if (out)
        *out = p;
    return PF_OK;
}

/* Through the links' index: adding a link stays O(1) however many there are. PF_LIST_NOMEM when out of memory. */
static size_t link_find(pf_project *p, const char *to)
{
    const void *base = p->links ? (const void *)&p->links[0].to : NULL;
    return pf__list_find(&p->doc->alloc, &p->link_index, base, sizeof *p->links, p->link_count, to);
}

/* A plain scan, for removals: they move the links after the one removed anyway. */
static size_t link_scan(const pf_project *p, const char *to)
{
    for (size_t i = 0; i < p->link_count; i++)
        if (strcmp(p->links[i].to, to) == 0)
            return i;
    return SIZE_MAX;
}

static void link_remove_at(pf_project *p, size_t i)
{
    pf__list_index_drop(&p->doc->alloc, &p->link_index); /* the links after i move */
    pf__free(&p->doc->alloc, p->links[i].to);
    memmove(&p->links[i], &p->links[i + 1], (p->link_count - i - 1) * sizeof *p->links);
    p->link_count--;
}


pf_status pf_doc_remove_project(pf_doc *doc, const char *id, pf_error *err)
{
    size_t index;
    if (!id || !pf__strmap_get(&doc->project_index, id, &index)) {
        char q[64];
        pf__quote(id ? id : "", q);
        return pf__fail(err, PF_ENOTFOUND, "no project with id %s", q);
    }
    pf_project *gone = doc->projects[index];
    for (size_t i = 0; i < doc->project_count; i++) {
        size_t l = link_scan(doc->projects[i], id);
        if (l != SIZE_MAX && doc->projects[i] != gone)
            link_remove_at(doc->projects[i], l);
    }
    memmove(&doc->projects[index], &doc->projects[index + 1], (doc->project_count - index - 1) * sizeof *doc->projects);
    doc->project_count--;
    /* Positions shifted: rebuild the index. It never grows here, so it cannot fail. */
    pf__strmap_clear(&doc->project_index);
    for (size_t i = 0; i < doc->project_count; i++)
        (void)pf__strmap_put(&doc->alloc, &doc->project_index, doc->projects[i]->id, i);
    pf__project_free(gone);
    return PF_OK;
}

const char *pf_project_id(const pf_project *p)
{
    return p->id;
}

const char *pf_project_title(const pf_project *p)
{
    return p->title;
}

pf_status pf_project_set_title(pf_project *p, const char *title, pf_error *err)
{
    return set_text(p->doc, &p->title, "title", title, err);
}

const char *pf_project_unit(const pf_project *p)
{
    return p->unit;
}

pf_status pf_project_set_unit(pf_project *p, const char *unit, pf_error *err)
{
    return set_interned(p->doc, &p->unit, "unit", unit, err);
}

pf_purpose pf_project_purpose(const pf_project *p)
{
    return p->purpose;
}

pf_status pf_project_set_purpose(pf_project *p, pf_purpose purpose, pf_error *err)
{
    pf_status s = check_enum((int)purpose, PF_FACET_COUNT + 1, "purpose", &pf_purpose__names, err);
    if (s == PF_OK)
        p->purpose = purpose;
    return s;
}

pf_facet pf_project_driver(const pf_project *p)
{
    return p->driver;
}

pf_status pf_project_set_driver(pf_project *p, pf_facet driver, pf_error *err)
{
    pf_status s = check_enum((int)driver, PF_FACET_COUNT, "driver", &pf_facet__names, err);
    if (s == PF_OK)
        p->driver = driver;
    return s;
}

pf_priority pf_project_priority(const pf_project *p)
{
    return p->priority;
}

pf_status pf_project_set_priority(pf_project *p, pf_priority priority, pf_error *err)
{
    pf_status s = check_enum((int)priority, PF_PRIORITY_COUNT, "priority", &pf_priority__names, err);
    if (s == PF_OK)
        p->priority = priority;
    return s;
}

pf_stage pf_project_stage(const pf_project *p)
{
    return p->stage;
}

pf_status pf_project_set_stage(pf_project *p, pf_stage stage, pf_error *err)
{
    pf_status s = check_enum((int)stage, PF_STAGE_COUNT, "stage", &pf_stage__names, err);
    if (s == PF_OK)
        p->stage = stage;
    return s;
}

bool pf_project_facet_weights(const pf_project *p, double out[PF_FACET_COUNT])
{
    if (p->weights && out)
        memcpy(out, p->weights, PF_FACET_COUNT * sizeof *p->weights);
    return p->weights != NULL;
}

pf_status pf_project_set_facet_weights(pf_project *p, const double weights[PF_FACET_COUNT], pf_error *err)
{
    pf_status s = check_facet_mix(weights, "facets", err);
    if (s != PF_OK)
        return s;
    if (!p->weights && !(p->weights = pf__malloc(&p->doc->alloc, PF_FACET_COUNT * sizeof *p->weights)))
        return pf__oom(err);
    memcpy(p->weights, weights, PF_FACET_COUNT * sizeof *p->weights);
    return PF_OK;
}

void pf_project_clear_facet_weights(pf_project *p)
{
    pf__free(&p->doc->alloc, p->weights);
    p->weights = NULL;
}

bool pf_project_budget(const pf_project *p, double *out)
{
    if (p->has_budget && out)
        *out = p->budget;
    return p->has_budget;
}

pf_status pf_project_set_budget(pf_project *p, double budget, pf_error *err)
{
    pf_status s = pf__check_amount(budget, PF_MAX_AMOUNT, "budget", err);
    if (s == PF_OK) {
        p->budget = budget;
        p->has_budget = true;
    }
    return s;
}

void pf_project_clear_budget(pf_project *p)
{
    p->has_budget = false;
    p->budget = 0;
}

bool pf_project_fte(const pf_project *p, double *out)
{
    if (p->has_fte && out)
        *out = p->fte;
    return p->has_fte;
}

pf_status pf_project_set_fte(pf_project *p, double fte, pf_error *err)
{
    pf_status s = pf__check_amount(fte, PF_MAX_FTE, "fte", err);
    if (s == PF_OK) {
        p->fte = fte;
        p->has_fte = true;
    }
    return s;
}

void pf_project_clear_fte(pf_project *p)
{
    p->has_fte = false;
    p->fte = 0;
}

pf_date pf_project_start(const pf_project *p)
{
    return p->start;
}

pf_status pf_project_set_start(pf_project *p, pf_date start, pf_error *err)
{
    pf_status s = check_date(start, "start", err);
    if (s == PF_OK)
        p->start = start;
    return s;
}

pf_date pf_project_end(const pf_project *p)
{
    return p->end;
}

pf_status pf_project_set_end(pf_project *p, pf_date end, pf_error *err)
{
    pf_status s = check_date(end, "end", err);
    if (s == PF_OK)
        p->end = end;
    return s;
}

static pf_status list_add(pf_project *p, pf_strvec *v, const char *field, const char *value, pf_error *err)
{
    if (!value || !*value)
        return pf__fail(err, PF_EARG, "%s: entries must not be empty", field);
    if (!pf__utf8_valid(value, strlen(value)))
        return pf__fail(err, PF_EARG, "%s: is not valid UTF-8", field);
    size_t at = pf__strvec_find(&p->doc->alloc, v, value);
    if (at == PF_LIST_NOMEM)
        return pf__oom(err);
    if (at != SIZE_MAX) {
        char q[64];
        pf__quote(value, q);
        return pf__fail(err, PF_EEXISTS, "%s: %s is listed twice", field, q);
    }
    const char *copy = pf__intern(&p->doc->alloc, &p->doc->strings, value);
    return copy && pf__strvec_push_borrowed(&p->doc->alloc, v, copy) == PF_OK ? PF_OK : pf__oom(err);
}

static pf_status list_remove(pf_project *p, pf_strvec *v, const char *field, const char *value, pf_error *err)
{
    /* A plain scan: removing moves the entries after it anyway. */
    size_t i = SIZE_MAX;
    for (size_t k = 0; value && k < v->count && i == SIZE_MAX; k++)
        if (strcmp(v->items[k], value) == 0)
            i = k;
    if (i == SIZE_MAX) {
        char q[64];
        pf__quote(value ? value : "", q);
        return pf__fail(err, PF_ENOTFOUND, "%s: %s is not listed", field, q);
    }
    pf__strvec_remove_borrowed(&p->doc->alloc, v, i);
    return PF_OK;
}

size_t pf_project_tag_count(const pf_project *p)
{
    return p->tags.count;
}

const char *pf_project_tag_at(const pf_project *p, size_t index)
{
    return index < p->tags.count ? p->tags.items[index] : NULL;
}

pf_status pf_project_add_tag(pf_project *p, const char *tag, pf_error *err)
{
    return list_add(p, &p->tags, "tags", tag, err);
}

pf_status pf_project_remove_tag(pf_project *p, const char *tag, pf_error *err)
{
    return list_remove(p, &p->tags, "tags", tag, err);
}

size_t pf_project_partner_count(const pf_project *p)
{
    return p->partners.count;
}

const char *pf_project_partner_at(const pf_project *p, size_t index)
{
    return index < p->partners.count ? p->partners.items[index] : NULL;
}

pf_status pf_project_add_partner(pf_project *p, const char *partner, pf_error *err)
{
    return list_add(p, &p->partners, "partners", partner, err);
}

pf_status pf_project_remove_partner(pf_project *p, const char *partner, pf_error *err)
{
    return list_remove(p, &p->partners, "partners", partner, err);
}

size_t pf_project_link_count(const pf_project *p)
{
    return p->link_count;
}

pf_status pf_project_link_at(const pf_project *p, size_t index, pf_link *out)
{
    if (index >= p->link_count || !out)
        return PF_ENOTFOUND;
    out->to = p->links[index].to;
    out->kind = p->links[index].kind;
    return PF_OK;
}

pf_status pf_project_add_link(pf_project *p, const char *to, pf_link_kind kind, pf_error *err)
{
    pf_status s = check_id(to, "to", err);
    if (s != PF_OK)
        return s;
    if ((int)kind < 0 || (int)kind >= PF_LINK_KIND_COUNT)
        return pf__fail(err, PF_EARG, "kind: unknown link kind %d (expected synergy, dependency, conflict or duplicate)",
                        (int)kind);
    char q[64];
    pf__quote(to, q);
    if (strcmp(to, p->id) == 0)
        return pf__fail(err, PF_EARG, "to: a project cannot link to itself");
    size_t at = link_find(p, to);
    if (at == PF_LIST_NOMEM)
        return pf__oom(err);
    if (at != SIZE_MAX)
        return pf__fail(err, PF_EEXISTS, "to: already linked to %s", q);
    if (pf__grow(&p->doc->alloc, (void **)&p->links, &p->link_cap, p->link_count + 1, sizeof *p->links) != PF_OK)
        return pf__oom(err);
    char *copy = pf__strdup(&p->doc->alloc, to);
    if (!copy)
        return pf__oom(err);
    pf_link_entry e = { copy, kind, { 0, 0, 0 } };
    p->links[p->link_count++] = e;
    return PF_OK;
}

pf_status pf_project_remove_link(pf_project *p, const char *to, pf_error *err)
{
    size_t i = to ? link_scan(p, to) : SIZE_MAX;
    if (i == SIZE_MAX) {
        char q[64];
        pf__quote(to ? to : "", q);
        return pf__fail(err, PF_ENOTFOUND, "links: no link to %s", q);
    }
    link_remove_at(p, i);
    return PF_OK;
}

/* ---- assessments ---- */

size_t pf_doc_assessment_count(const pf_doc *doc)
{
    return doc->assessment_count;
}

pf_assessment *pf_doc_assessment_at(const pf_doc *doc, size_t index)
{
    return index < doc->assessment_count ? doc->assessments[index] : NULL;
}

pf_assessment *pf_doc_find_assessment(const pf_doc *doc, const char *respondent)
{
    size_t i;
    return respondent && pf__strmap_get(&doc->assessment_index, respondent, &i) ? doc->assessments[i] : NULL;
}

pf_assessment *pf__assessment_new(pf_doc *doc, const char *respondent)
{
    pf_assessment *a = pf__calloc(&doc->alloc, 1, sizeof *a);
    if (!a)
        return NULL;
    a->doc = doc;
    a->role = PF_ROLE_UNSET;
    a->respondent = pf__strdup(&doc->alloc, respondent);
    if (!a->respondent) {
        pf__assessment_free(a);
        return NULL;
    }
    return a;
}

void pf__assessment_free(pf_assessment *a)
{
    if (!a)
        return;
    const pf_allocator *al = &a->doc->alloc;
    pf__free(al, a->respondent);
    pf__free(al, a->unit);
    pf__free(al, a->answers);
    pf__free(al, a);
}

pf_status pf__doc_attach_assessment(pf_doc *doc, pf_assessment *a, pf_error *err)
{
    if (pf_doc_find_assessment(doc, a->respondent)) {
        char q[64];
        pf__quote(a->respondent, q);
        return pf__fail(err, PF_EEXISTS, "respondent: duplicate respondent %s", q);
    }
    if (pf__grow(&doc->alloc, (void **)&doc->assessments, &doc->assessment_cap, doc->assessment_count + 1,
                 sizeof *doc->assessments) != PF_OK ||
        pf__strmap_put(&doc->alloc, &doc->assessment_index, a->respondent, doc->assessment_count) != PF_OK)
        return pf__oom(err);
    doc->assessments[doc->assessment_count++] = a;
    return PF_OK;
}

pf_status pf_doc_add_assessment(pf_doc *doc, const char *respondent, pf_assessment **out, pf_error *err)
{
    pf_status s = check_id(respondent, "respondent", err);
    if (s != PF_OK)
        return s;
    pf_assessment *a = pf__assessment_new(doc, respondent);
    if (!a)
        return pf__oom(err);
    s = pf__doc_attach_assessment(doc, a, err);
    if (s != PF_OK) {
        pf__assessment_free(a);
        return s;
    }
    if (out)
        *out = a;
    return PF_OK;
}

pf_status pf_doc_remove_assessment(pf_doc *doc, const char *respondent, pf_error *err)
{
    size_t index;
    if (!respondent || !pf__strmap_get(&doc->assessment_index, respondent, &index)) {
        char q[64];
        pf__quote(respondent ? respondent : "", q);
        return pf__fail(err, PF_ENOTFOUND, "no assessment by respondent %s", q);
    }
    pf_assessment *gone = doc->assessments[index];
    memmove(&doc->assessments[index], &doc->assessments[index + 1],
            (doc->assessment_count - index - 1) * sizeof *doc->assessments);
    doc->assessment_count--;
    pf__strmap_clear(&doc->assessment_index);
    for (size_t i = 0; i < doc->assessment_count; i++)
        (void)pf__strmap_put(&doc->alloc, &doc->assessment_index, doc->assessments[i]->respondent, i);
    pf__assessment_free(gone);
    return PF_OK;
}

const char *pf_assessment_respondent(const pf_assessment *a)
{
    return a->respondent;
}

pf_role pf_assessment_role(const pf_assessment *a)
{
    return a->role;
}

pf_status pf_assessment_set_role(pf_assessment *a, pf_role role, pf_error *err)
{
    pf_status s = check_enum((int)role, PF_ROLE_COUNT, "role", &pf_role__names, err);
    if (s == PF_OK)
        a->role = role;
    return s;
}

const char *pf_assessment_unit(const pf_assessment *a)
{
    return a->unit;
}

pf_status pf_assessment_set_unit(pf_assessment *a, const char *unit, pf_error *err)
{
    return set_text(a->doc, &a->unit, "unit", unit, err);
}

pf_date pf_assessment_date(const pf_assessment *a)
{
    return a->date;
}

pf_status pf_assessment_set_date(pf_assessment *a, pf_date date, pf_error *err)
{
    pf_status s = check_date(date, "date", err);
    if (s == PF_OK)
        a->date = date;
    return s;
}

/* ---- answers ---- */

/* Where slot's entry is in the (sorted) answers, or where it would go; *found says which. */
static size_t answer_find(const pf_assessment *a, size_t slot, bool *found)
{
    size_t lo = 0, hi = a->answered;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (a->answers[mid].slot < slot)
            lo = mid + 1;
        else
            hi = mid;
    }
    *found = lo < a->answered && a->answers[lo].slot == slot;
    return lo;
}

static pf_status answer_store(pf_assessment *a, int slot, uint64_t value, pf_error *err)
{
    bool found = false;
    size_t at = a->appending ? a->answered : answer_find(a, (size_t)slot, &found);
    if (found) {
        a->answers[at].value = value;
        return PF_OK;
    }
    if (pf__grow(&a->doc->alloc, (void **)&a->answers, &a->answers_cap, a->answered + 1, sizeof *a->answers) != PF_OK)
        return pf__oom(err);
    memmove(&a->answers[at + 1], &a->answers[at], (a->answered - at) * sizeof *a->answers);
    a->answers[at].slot = (uint32_t)slot;
    a->answers[at].value = value;
    a->answered++;
    return PF_OK;
}

void pf__answers_append(pf_assessment *a)
{
    a->appending = true;
}

static int compare_entries(const void *x, const void *y)
{
    uint32_t a = ((const pf_answer_entry *)x)->slot, b = ((const pf_answer_entry *)y)->slot;
    return a < b ? -1 : a > b;
}

pf_status pf__answers_done(pf_assessment *a)
{
    a->appending = false;
    bool sorted = true;
    for (size_t i = 1; i < a->answered && sorted; i++)
        sorted = a->answers[i - 1].slot < a->answers[i].slot;
    if (!sorted)
        qsort(a->answers, a->answered, sizeof *a->answers, compare_entries);
    return PF_OK;
}

static pf_status slot_lookup(const pf_assessment *a, const char *id, int *slot, pf_error *err)
{
    *slot = pf__instrument_find(a->doc->instrument, id);
    if (*slot < 0) {
        char q[64];
        pf__quote(id ? id : "", q);
        return pf__fail(err, PF_ENOTFOUND, "%s: not an item or question of instrument %s", q, a->doc->instrument->id);
    }
    return PF_OK;
}

static pf_status wrong_form(const pf_inst_slot *s, pf_error *err)
{
    static const char *const how[] = { "an agreement 0..4",          "an agreement 0..4",
                                       "an agreement 0..4",          "a ranking of its options",
                                       "a list of options (or none)", "yes, no or unsure" };
    return pf__fail(err, PF_EARG, "%s: is answered with %s", s->id, how[s->form]);
}

pf_status pf__answer_set_agreement(pf_assessment *a, int slot, int agreement, pf_error *err)
{
    const pf_inst_slot *s = &a->doc->instrument->slots[slot];
    if (s->form != PF_FORM_AGREE && s->form != PF_FORM_AGREE_HALF && s->form != PF_FORM_AGREE_REVERSED)
        return wrong_form(s, err);
    if (agreement < 0 || agreement > 4)
        return pf__fail(err, PF_EARG, "%s: agreement must be 0..4 (got %d)", s->id, agreement);
    return answer_store(a, slot, (uint64_t)agreement, err);
}

pf_status pf__answer_set_choice(pf_assessment *a, int slot, pf_choice choice, pf_error *err)
{
    const pf_inst_slot *s = &a->doc->instrument->slots[slot];
    if (s->form != PF_FORM_YES_NO)
        return wrong_form(s, err);
    if ((int)choice < 0 || (int)choice >= PF_CHOICE_COUNT)
        return pf__fail(err, PF_EARG, "%s: unknown choice %d (expected yes, no or unsure)", s->id, (int)choice);
    return answer_store(a, slot, (uint64_t)choice, err);
}

pf_status pf__answer_set_options(pf_assessment *a, int slot, const char *const *options, size_t count, pf_error *err)
{
    const pf_inst_slot *s = &a->doc->instrument->slots[slot];
    if (s->form != PF_FORM_RANK && s->form != PF_FORM_MULTI)
        return wrong_form(s, err);
    if (count && !options)
        return pf__fail(err, PF_EARG, "%s: options is NULL", s->id);
    uint64_t seen = 0, value = 0;
    for (size_t i = 0; i < count; i++) {
        char q[64];
        pf__quote(options[i] ? options[i] : "", q);
        if (options[i] && strcmp(options[i], "none") == 0 && s->form == PF_FORM_MULTI) {
            if (count > 1)
                return pf__fail(err, PF_EARG, "%s: 'none' cannot be combined with other options", s->id);
            continue;
        }
        int o = options[i] ? pf__slot_option(s, options[i]) : -1;
        if (o < 0) {
            char expected[PF_ERROR_MESSAGE_MAX / 2] = "";
            for (size_t k = 0, used = 0; k < s->option_count; k++) {
                int n = snprintf(expected + used, sizeof expected - used, "%s%s", k ? ", " : "", s->options[k].id);
                if (n < 0 || (size_t)n >= sizeof expected - used)
                    break;
                used += (size_t)n;
            }
            return pf__fail(err, PF_EARG, "%s: unknown option %s (expected %s%s)", s->id, q, expected,
                            s->form == PF_FORM_MULTI ? ", or none" : "");
        }
        if (seen & ((uint64_t)1 << o))
            return pf__fail(err, PF_EARG, "%s: option %s is given twice", s->id, q);
        seen |= (uint64_t)1 << o;
        value |= s->form == PF_FORM_RANK ? (uint64_t)o << (4 * i) : (uint64_t)1 << o;
    }
    if (s->form == PF_FORM_RANK && count != s->option_count)
        return pf__fail(err, PF_EARG, "%s: a ranking must list all %zu options once each (got %zu)", s->id,
                        s->option_count, count);
    return answer_store(a, slot, value, err);
}

void pf__answer_get(const pf_assessment *a, const pf_answer_entry *e, pf_answer *out)
{
    const pf_inst_slot *s = &a->doc->instrument->slots[e->slot];
    uint64_t v = e->value;
    memset(out, 0, sizeof *out);
    out->id = s->id;
    out->form = s->form;
    switch (s->form) {
    case PF_FORM_AGREE:
    case PF_FORM_AGREE_HALF:
    case PF_FORM_AGREE_REVERSED:
        out->agreement = (int)v;
        break;
    case PF_FORM_YES_NO:
        out->choice = (pf_choice)v;
        break;
    case PF_FORM_RANK:
        for (size_t i = 0; i < s->option_count; i++)
            out->options[out->option_count++] = s->options[(v >> (4 * i)) & 0xF].id;
        break;
    case PF_FORM_MULTI:
        for (size_t i = 0; i < s->option_count; i++)
            if (v & ((uint64_t)1 << i))
                out->options[out->option_count++] = s->options[i].id;
        break;
    }
}

pf_status pf_assessment_set_agreement(pf_assessment *a, const char *item_id, int agreement, pf_error *err)
{
    int slot;
    pf_status s = slot_lookup(a, item_id, &slot, err);
    return s == PF_OK ? pf__answer_set_agreement(a, slot, agreement, err) : s;
}

pf_status pf_assessment_set_choice(pf_assessment *a, const char *item_id, pf_choice choice, pf_error *err)
{
    int slot;
    pf_status s = slot_lookup(a, item_id, &slot, err);
    return s == PF_OK ? pf__answer_set_choice(a, slot, choice, err) : s;
}

pf_status pf_assessment_set_options(pf_assessment *a, const char *question_id, const char *const *option_ids,
                                    size_t count, pf_error *err)
{
    int slot;
    pf_status s = slot_lookup(a, question_id, &slot, err);
    return s == PF_OK ? pf__answer_set_options(a, slot, option_ids, count, err) : s;
}

pf_status pf_assessment_clear_answer(pf_assessment *a, const char *id, pf_error *err)
{
    int slot;
    pf_status s = slot_lookup(a, id, &slot, err);
    if (s != PF_OK)
        return s;
    bool found;
    size_t at = answer_find(a, (size_t)slot, &found);
    if (found) {
        memmove(&a->answers[at], &a->answers[at + 1], (a->answered - at - 1) * sizeof *a->answers);
        a->answered--;
    }
    return PF_OK;
}

size_t pf_assessment_answer_count(const pf_assessment *a)
{
    return a->answered;
}

pf_status pf_assessment_answer_at(const pf_assessment *a, size_t index, pf_answer *out)
{
    if (index >= a->answered)
        return PF_ENOTFOUND;
    pf__answer_get(a, &a->answers[index], out);
    return PF_OK;
}

pf_status pf_assessment_answer(const pf_assessment *a, const char *id, pf_answer *out)
{
    int slot = pf__instrument_find(a->doc->instrument, id);
    bool found = false;
    size_t at = slot < 0 ? 0 : answer_find(a, (size_t)slot, &found);
    if (!found)
        return PF_ENOTFOUND;
    pf__answer_get(a, &a->answers[at], out);
    return PF_OK;
}
