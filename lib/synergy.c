/*
 * Relations between projects (docs/relations.md): synergies, tensions, possible
 * duplicates and handover candidates.
 *
 * Never all pairs, and yet exactly the pairs of the definition: an exact
 * set-similarity join (docs/relations.md, "how pairs are found", proves it).
 * Tags and partners are interned as features (tags first, then partners) and
 * ordered globally by how few projects hold them. A token of project x weighs
 * w_x = tag_weight / x's tags (or partner_weight / x's partners), the most it
 * can add to S. A small project is indexed by keys of one, two or three of its
 * tokens whose weights can reach tau, the lower threshold; the keys are sorted,
 * and two projects holding the same key meet, and are examined when the bound
 * the key gives with their sizes (size and positional filter) reaches tau. A
 * large project is indexed by its prefix, token by token (AllPairs). Explicitly
 * linked pairs are examined on their own. Synergies found by similarity go
 * into a small heap per project that keeps its top_k.
 *
 * Intersections walk the smaller of the two projects' features and look them
 * up in the other's, so a project with thousands of tags costs little per
 * pair. Every step (making and walking keys and postings, looking features
 * up, listing the shared ones) is counted against work_limit, which by
 * default grows with the tags and partners held: a document whose projects
 * are alike so widely that relating them would take more is refused
 * (PF_ELIMIT) rather than analysed for hours or answered with a flood.
 */
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "model_impl.h"

/* Similarities equal to a threshold in exact arithmetic reach it despite rounding (0.6 * 0.4 + 0.4 * 0.25);
   facet shares equal in exact arithmetic tie (as in map.c). */
#define S_EPSILON 1e-9

enum {
    LINK_SYNERGY = 1u << PF_LINK_SYNERGY,
    LINK_DEPENDENCY = 1u << PF_LINK_DEPENDENCY,
    LINK_CONFLICT = 1u << PF_LINK_CONFLICT,
    LINK_DUPLICATE = 1u << PF_LINK_DUPLICATE
};

/* A relation while computing: projects by document position. */
typedef struct rel { /* struct rel: pf_relations holds them in the compact form */
    double s; /* the Jaccard indexes are found again with the shared features (build_result): 24 bytes, not 40 */
    uint32_t a, b;
    uint8_t kind;
    uint8_t links; /* link kinds joining the pair, as LINK_ bits */
} rel;

/* A synergy in a project's top-k heap; the root is the worst kept. */
typedef struct top_entry {
    double s;
    uint32_t other;
    uint32_t links;
} top_entry;

typedef struct top_heap {
    top_entry *items;
    size_t count, cap;
} top_heap;

/* An explicitly linked pair, lo < hi. */
typedef struct link_pair {
    uint32_t lo, hi;
    unsigned links;
} link_pair;

/* A project is indexed by keys of one to three of its tokens when it has at most this many keys (and tokens); a
   larger one by its prefix, token by token (docs/relations.md, "how pairs are found"). */
#define KEYS_MAX 48
#define KEY_TOKENS_MAX 64
/* The small projects' keys are made and met in about this many batches (meet_small_projects). */
#define KEY_BATCHES 8
/* A rank past a key's length. */
#define NO_RANK UINT32_MAX

/* A key of a small project: one to three of its tokens, by rank r[0] < r[1] < r[2]. */
typedef struct key_entry {
    uint32_t r[3];
    uint32_t project;
    uint8_t tags, partners;             /* among the key's tokens */
    uint8_t tags_after, partners_after; /* for a key of three: the project's tokens after the key's last one */
    uint8_t tags_held, partners_held;   /* the project's */
} key_entry;

/* A project holding a token in its prefix, and what it holds after it. */
typedef struct posting {
    uint32_t project;
    uint32_t tags_after, partners_after;
} posting;

/* How many tags and partners a project has: all the pair loop reads of most candidates. */
typedef struct psize { /* struct psize: pf_relations holds them in the compact form */
    uint32_t tags, partners;
} psize;

/* What the rules need to know of a project, packed so they never reach into the document. */
typedef struct pinfo {
    uint32_t unit;           /* interned, or NO_UNIT */
    int8_t zone;             /* pf_zone, PF_ZONE_UNSET when not placed */
    int8_t top;              /* facet with the strictly largest share, or -1 */
    bool gives;              /* adaptive, anticipatory or disruptive zone, at piloting or scaling */
    bool receives;           /* enhancement, mission or sustaining zone */
    bool linked;             /* an explicit link joins it to another project of the document */
} pinfo;

#define NO_UNIT UINT32_MAX

struct pf_relations {
    pf_allocator alloc;
    pf_relation_options opts;
    pf_relation *items; /* NULL in the compact form */
    size_t count;
    /* The compact form (pf__doc_relations_compact): 36 bytes a relation rather than 88, and 16 a project. */
    struct rel *rels;
    size_t *ev_at;       /* count + 1: where each relation's evidence starts in lists */
    uint32_t *tag_n;     /* how much of it is tags */
    struct psize *sizes; /* per project: its tags and partners, for the Jaccard indexes */
    const char **ids;    /* per project: its id in strings, or NULL when it is in no relation */
    size_t kind_count[PF_RELATION_KIND_COUNT];
    size_t examined;
    const char **lists; /* every shared_tags and shared_partners array */
    char *strings;      /* every id, tag and partner named, once */
};

/* The working state of one pf_doc_relations() call. */
typedef struct ctx {
    const pf_doc *doc;
    const pf_allocator *alloc;
    pf_relation_options o;
    size_t n;
    psize *size;
    pinfo *info;
    pf_strmap unit_index;
    double floor; /* below this raw similarity a pair can be nothing (but an explicit link) */
    /* features: tags 0..ntags-1, partners ntags..nfeat-1 */
    pf_strmap tag_index, partner_index;
    size_t ntags, nfeat, name_cap;
    const char **feat_name; /* borrowed from the document */
    size_t *feat_off;       /* n + 1: project i's features, ascending, are feats[feat_off[i] .. feat_off[i + 1]) */
    uint32_t *feats;
    uint32_t *place;        /* parallel to feats: where the project lists the feature (0 first) */
    uint32_t *listed;       /* the same features as the project lists them: tags, then partners */
    /* the join (see examine_candidates) */
    uint32_t *rank;         /* per feature: its place in the global order (fewest holders first, then by number) */
    uint32_t *ord;          /* parallel to feats: each project's features in the global order */
    double *suffix;         /* scratch, most + 1: W(k), the weight of a project's tokens from position k on */
    uint32_t *tags_from, *partners_from; /* scratch, most + 1: the tags and partners from position k on */
    size_t most;            /* the most tokens a project holds */
    uint8_t *large;         /* per project: indexed by its prefix rather than by keys */
    bool any_large;
    size_t nkeys;           /* keys of the small projects (meet_small_projects) */
    size_t *large_off, *small_off; /* nfeat + 1 each: postings of the prefixes of large and of small projects */
    posting *large_post, *small_post;
    link_pair *links;
    size_t nlinks, links_cap;
    top_heap *heaps;
    rel *rels;
    size_t nrels, rels_cap;
    size_t examined;
    uint32_t *stamp;        /* per project: x + 1 once its pair with project x has been examined */
    size_t work;            /* steps taken, against o.work_limit */
} ctx;

/* ---- names ---- */

/* pf_relation_kind_name() and pf_relation_kind_from_name() live in enums.c with the other vocabularies. */

/* ---- options ---- */

static pf_status resolve_options(const pf_relation_options *opts, pf_relation_options *o, pf_error *err)
{
    pf_relation_options d = PF_RELATION_OPTIONS_INIT;
    if (!opts) {
        *o = d;
        return PF_OK;
    }
    if (opts->version == 1) {
        /* Version 1 ends before work_limit. */
        memcpy(o, opts, offsetof(pf_relation_options, work_limit));
        o->version = PF_RELATION_OPTIONS_VERSION;
        o->work_limit = 0;
    } else if (opts->version == PF_RELATION_OPTIONS_VERSION) {
        *o = *opts;
    } else {
        return pf__fail(err, PF_EARG, "unknown pf_relation_options version %u", opts->version);
    }
    const struct {
        double *v;
        double def, max;
        const char *name;
    } reals[] = {
        { &o->tag_weight, d.tag_weight, HUGE_VAL, "tag_weight" },
        { &o->partner_weight, d.partner_weight, HUGE_VAL, "partner_weight" },
        { &o->threshold, d.threshold, 1, "threshold" },
        { &o->duplicate_threshold, d.duplicate_threshold, 1, "duplicate_threshold" },
        { &o->common_share, d.common_share, 1, "common_share" },
    };
    for (size_t i = 0; i < sizeof reals / sizeof *reals; i++) {
        double v = *reals[i].v;
        if (!isfinite(v) || v < 0 || v > reals[i].max)
            return pf__fail(err, PF_EARG, "pf_relation_options.%s: must be %s (got %g)", reals[i].name,
                            reals[i].max == 1 ? "between 0 and 1" : "finite and >= 0", v);
        if (v == 0)
            *reals[i].v = reals[i].def;
    }
    if (!o->top_k)
        o->top_k = d.top_k;
    if (!o->common_min)
        o->common_min = d.common_min;
    return PF_OK;
}

/* ---- projects: placement facts, features and their global order ---- */

static bool opposite(int f, int g)
{
    return (f == PF_FACET_ENHANCEMENT && g == PF_FACET_ANTICIPATORY) ||
           (f == PF_FACET_ANTICIPATORY && g == PF_FACET_ENHANCEMENT) ||
           (f == PF_FACET_MISSION && g == PF_FACET_ADAPTIVE) || (f == PF_FACET_ADAPTIVE && g == PF_FACET_MISSION);
}

static void project_info(const pf_project *p, const pf_placement *pl, pinfo *in)
{
    in->zone = PF_ZONE_UNSET;
    in->top = -1;
    if (!pl->placed)
        return;
    in->zone = (int8_t)pl->zone;
    int top = 0;
    for (int f = 1; f < PF_FACET_COUNT; f++)
        if (pl->share[f] > pl->share[top])
            top = f;
    bool tie = false;
    for (int f = 0; f < PF_FACET_COUNT; f++)
        if (f != top && pl->share[f] >= pl->share[top] - S_EPSILON)
            tie = true;
    in->top = tie ? -1 : (int8_t)top;
    in->gives = (pl->zone == PF_ZONE_ADAPTIVE || pl->zone == PF_ZONE_ANTICIPATORY || pl->zone == PF_ZONE_DISRUPTIVE) &&
                (p->stage == PF_STAGE_PILOTING || p->stage == PF_STAGE_SCALING);
    in->receives = pl->zone == PF_ZONE_ENHANCEMENT || pl->zone == PF_ZONE_MISSION || pl->zone == PF_ZONE_SUSTAINING;
}

static pf_status place_projects(ctx *c, const pf_map *map, pf_error *err)
{
    pf_map *own = NULL;
    if (!map) {
        pf_status s = pf_doc_map(c->doc, NULL, NULL, &own, err);
        if (s != PF_OK)
            return s;
        map = own;
    } else if (pf_map_count(map) != c->n) {
        return pf__fail(err, PF_EARG, "the map has %zu projects, the document %zu: map this document (again)",
                        pf_map_count(map), c->n);
    }
    for (size_t i = 0; i < c->n; i++) {
        const pf_placement *pl = pf_map_at(map, i);
        if (strcmp(pl->project, c->doc->projects[i]->id) != 0) {
            pf_map_free(own);
            return pf__fail(err, PF_EARG, "the map's project %zu is '%s', the document's '%s': map this document "
                            "(again)", i, pl->project, c->doc->projects[i]->id);
        }
    }
    c->info = pf__calloc(c->alloc, c->n, sizeof *c->info);
    c->size = pf__calloc(c->alloc, c->n, sizeof *c->size);
    pf_status s = c->info && c->size ? PF_OK : PF_ENOMEM;
    for (size_t i = 0; i < c->n && s == PF_OK; i++) {
        const pf_project *p = c->doc->projects[i];
        project_info(p, pf_map_at(map, i), &c->info[i]);
        c->size[i].tags = (uint32_t)p->tags.count;
        c->size[i].partners = (uint32_t)p->partners.count;
        size_t unit = NO_UNIT;
        if (p->unit && !pf__strmap_get(&c->unit_index, p->unit, &unit)) {
            unit = c->unit_index.count;
            s = pf__strmap_put(c->alloc, &c->unit_index, p->unit, unit);
        }
        c->info[i].unit = (uint32_t)unit;
    }
    pf_map_free(own);
    return s == PF_OK ? PF_OK : pf__oom(err);
}

/* The id of `s` in `index`: its rank of first appearance, named in *names. */
static pf_status intern(ctx *c, pf_strmap *index, const char ***names, size_t *cap, const char *s, uint32_t *id)
{
    size_t v;
    if (!pf__strmap_get(index, s, &v)) {
        v = index->count;
        if (pf__grow(c->alloc, (void **)names, cap, v + 1, sizeof **names) != PF_OK ||
            pf__strmap_put(c->alloc, index, s, v) != PF_OK)
            return PF_ENOMEM;
        (*names)[v] = s;
    }
    *id = (uint32_t)v;
    return PF_OK;
}

static int compare_u32(const void *x, const void *y)
{
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
    return a < b ? -1 : a > b;
}

static int compare_u64(const void *x, const void *y)
{
    uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
    return a < b ? -1 : a > b;
}

/* Sorts a project's few features: insertion sort while short. */
static void sort_u64(uint64_t *v, size_t n)
{
    if (n > 16) {
        qsort(v, n, sizeof *v, compare_u64);
        return;
    }
    for (size_t i = 1; i < n; i++) {
        uint64_t x = v[i];
        size_t j = i;
        for (; j > 0 && v[j - 1] > x; j--)
            v[j] = v[j - 1];
        v[j] = x;
    }
}

/* Counts n steps of work; false once they pass the limit. */
static bool spend(ctx *c, size_t n)
{
    c->work = n > SIZE_MAX - c->work ? SIZE_MAX : c->work + n;
    return c->work <= c->o.work_limit;
}

/* About log2(n) + 1: the steps of a binary search in n features. */
static size_t search_steps(size_t n)
{
    size_t steps = 1;
    while (n > 1) {
        n /= 2;
        steps++;
    }
    return steps;
}

/* Each project's features as listed, tags numbered first (0..ntags-1), then partners (ntags..nfeat-1). */
static pf_status number_features(ctx *c, size_t total)
{
    const char **partner_names = NULL;
    size_t partner_cap = 0, k = 0;
    pf_status s = PF_OK;
    for (size_t i = 0; i < c->n && s == PF_OK; i++) {
        const pf_project *p = c->doc->projects[i];
        c->feat_off[i] = k;
        for (size_t t = 0; t < p->tags.count && s == PF_OK; t++)
            s = intern(c, &c->tag_index, &c->feat_name, &c->name_cap, p->tags.items[t], &c->listed[k++]);
        for (size_t t = 0; t < p->partners.count && s == PF_OK; t++)
            s = intern(c, &c->partner_index, &partner_names, &partner_cap, p->partners.items[t], &c->listed[k++]);
    }
    c->feat_off[c->n] = total;
    c->ntags = c->tag_index.count;
    c->nfeat = c->ntags + c->partner_index.count;
    if (s == PF_OK)
        s = pf__grow(c->alloc, (void **)&c->feat_name, &c->name_cap, c->nfeat + 1, sizeof *c->feat_name);
    if (s == PF_OK) {
        if (c->nfeat > c->ntags)
            memcpy(c->feat_name + c->ntags, partner_names, (c->nfeat - c->ntags) * sizeof *partner_names);
        for (size_t i = 0; i < c->n; i++)
            for (size_t f = c->feat_off[i] + c->doc->projects[i]->tags.count; f < c->feat_off[i + 1]; f++)
                c->listed[f] += (uint32_t)c->ntags;
    }
    pf__free(c->alloc, partner_names);
    return s;
}

static pf_status build_index(ctx *c, pf_error *err)
{
    size_t total = 0;
    for (size_t i = 0; i < c->n; i++)
        total += c->doc->projects[i]->tags.count + c->doc->projects[i]->partners.count;
    if (total >= UINT32_MAX)
        return pf__fail(err, PF_ELIMIT, "more than %u tags and partners", UINT32_MAX - 1);
    c->feat_off = pf__calloc(c->alloc, c->n + 1, sizeof *c->feat_off);
    c->feats = pf__calloc(c->alloc, total, sizeof *c->feats);
    c->listed = pf__calloc(c->alloc, total, sizeof *c->listed);
    c->ord = pf__calloc(c->alloc, total ? total : 1, sizeof *c->ord);
    if (!c->feat_off || !c->feats || !c->listed || !c->ord || number_features(c, total) != PF_OK)
        return pf__oom(err);
    /* Sorted copies for intersections, with where the project lists each, and how many projects hold each feature. */
    c->most = 0;
    for (size_t i = 0; i < c->n; i++)
        c->most = c->feat_off[i + 1] - c->feat_off[i] > c->most ? c->feat_off[i + 1] - c->feat_off[i] : c->most;
    size_t nf = c->nfeat ? c->nfeat : 1, most = c->most ? c->most : 1;
    uint64_t *pairs = pf__malloc(c->alloc, (most > nf ? most : nf) * sizeof *pairs);
    size_t *held = pf__calloc(c->alloc, nf, sizeof *held);
    c->place = pf__malloc(c->alloc, (total ? total : 1) * sizeof *c->place);
    c->rank = pf__malloc(c->alloc, nf * sizeof *c->rank);
    c->suffix = pf__malloc(c->alloc, (c->most + 1) * sizeof *c->suffix);
    c->tags_from = pf__malloc(c->alloc, (c->most + 1) * sizeof *c->tags_from);
    c->partners_from = pf__malloc(c->alloc, (c->most + 1) * sizeof *c->partners_from);
    if (!pairs || !held || !c->place || !c->rank || !c->suffix || !c->tags_from || !c->partners_from) {
        pf__free(c->alloc, pairs);
        pf__free(c->alloc, held);
        return pf__oom(err);
    }
    for (size_t i = 0; i < c->n; i++) {
        size_t off = c->feat_off[i], count = c->feat_off[i + 1] - off;
        for (size_t k = 0; k < count; k++)
            pairs[k] = (uint64_t)c->listed[off + k] << 32 | k;
        sort_u64(pairs, count);
        for (size_t k = 0; k < count; k++) {
            c->feats[off + k] = (uint32_t)(pairs[k] >> 32);
            c->place[off + k] = (uint32_t)pairs[k];
            held[c->feats[off + k]]++;
        }
    }
    /* The global order: fewest holders first (ties by number), so that prefixes hold the rarest tokens. */
    for (size_t f = 0; f < c->nfeat; f++)
        pairs[f] = (uint64_t)held[f] << 32 | f;
    if (c->nfeat)
        qsort(pairs, c->nfeat, sizeof *pairs, compare_u64);
    for (size_t r = 0; r < c->nfeat; r++)
        c->rank[(uint32_t)pairs[r]] = (uint32_t)r;
    /* Each project's features in that order. */
    for (size_t i = 0; i < c->n; i++) {
        size_t off = c->feat_off[i], count = c->feat_off[i + 1] - off;
        for (size_t k = 0; k < count; k++)
            pairs[k] = (uint64_t)c->rank[c->feats[off + k]] << 32 | c->feats[off + k];
        sort_u64(pairs, count);
        for (size_t k = 0; k < count; k++)
            c->ord[off + k] = (uint32_t)pairs[k];
    }
    pf__free(c->alloc, pairs);
    pf__free(c->alloc, held);
    return PF_OK;
}

static int compare_links(const void *x, const void *y)
{
    const link_pair *a = x, *b = y;
    if (a->lo != b->lo)
        return a->lo < b->lo ? -1 : 1;
    return a->hi < b->hi ? -1 : a->hi > b->hi;
}

/* Every explicitly linked pair once, lo < hi, with the kinds of the links either way. */
static pf_status collect_links(ctx *c, pf_error *err)
{
    for (size_t i = 0; i < c->n; i++) {
        const pf_project *p = c->doc->projects[i];
        for (size_t k = 0; k < p->link_count; k++) {
            size_t j;
            if (!pf__strmap_get(&c->doc->project_index, p->links[k].to, &j) || j == i)
                continue; /* a link to a missing project (unvalidated document) */
            if (pf__grow(c->alloc, (void **)&c->links, &c->links_cap, c->nlinks + 1, sizeof *c->links) != PF_OK)
                return pf__oom(err);
            link_pair lp = { (uint32_t)(i < j ? i : j), (uint32_t)(i < j ? j : i), 1u << p->links[k].kind };
            c->links[c->nlinks++] = lp;
            c->info[i].linked = c->info[j].linked = true;
        }
    }
    if (c->nlinks)
        qsort(c->links, c->nlinks, sizeof *c->links, compare_links);
    size_t kept = 0;
    for (size_t k = 0; k < c->nlinks; k++) {
        if (kept && c->links[kept - 1].lo == c->links[k].lo && c->links[kept - 1].hi == c->links[k].hi)
            c->links[kept - 1].links |= c->links[k].links;
        else
            c->links[kept++] = c->links[k];
    }
    c->nlinks = kept;
    return PF_OK;
}

/* ---- similarity and the rules ---- */

static double jaccard(size_t shared, size_t na, size_t nb)
{
    size_t either = na + nb - shared;
    return either ? (double)shared / (double)either : 0;
}

/* Where feature f is in project j's sorted features, or SIZE_MAX. */
static size_t find_feature(const ctx *c, size_t j, uint32_t f)
{
    size_t lo = c->feat_off[j], hi = c->feat_off[j + 1];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->feats[mid] == f)
            return mid;
        if (c->feats[mid] < f)
            lo = mid + 1;
        else
            hi = mid;
    }
    return SIZE_MAX;
}

static bool holds(const ctx *c, size_t j, uint32_t f)
{
    return find_feature(c, j, f) != SIZE_MAX;
}

static pf_status add_rel(ctx *c, pf_relation_kind kind, uint32_t a, uint32_t b, double s, unsigned links)
{
    if (pf__grow(c->alloc, (void **)&c->rels, &c->rels_cap, c->nrels + 1, sizeof *c->rels) != PF_OK)
        return PF_ENOMEM;
    rel r = { s, a, b, (uint8_t)kind, (uint8_t)links };
    c->rels[c->nrels++] = r;
    return PF_OK;
}

static bool worse(const top_entry *x, const top_entry *y)
{
    return x->s < y->s || (x->s == y->s && x->other > y->other);
}

static void sift_down(top_heap *h, size_t i)
{
    for (;;) {
        size_t w = i, l = 2 * i + 1, r = l + 1;
        if (l < h->count && worse(&h->items[l], &h->items[w]))
            w = l;
        if (r < h->count && worse(&h->items[r], &h->items[w]))
            w = r;
        if (w == i)
            return;
        top_entry t = h->items[i];
        h->items[i] = h->items[w];
        h->items[w] = t;
        i = w;
    }
}

/* Keeps e among the project's top_k synergies if it is good enough. */
static pf_status offer(ctx *c, top_heap *h, top_entry e)
{
    if (h->count < c->o.top_k) {
        if (h->count == h->cap) {
            /* Doubling, but never beyond top_k: most projects keep few, and n heaps add up. */
            size_t first = c->o.top_k < 4 ? c->o.top_k : 4;
            size_t ncap = h->cap ? (h->cap < c->o.top_k / 2 ? h->cap * 2 : c->o.top_k) : first;
            top_entry *items = pf__realloc(c->alloc, h->items, ncap * sizeof *items);
            if (!items)
                return PF_ENOMEM;
            h->items = items;
            h->cap = ncap;
        }
        size_t i = h->count++;
        h->items[i] = e;
        while (i > 0 && worse(&h->items[i], &h->items[(i - 1) / 2])) {
            top_entry t = h->items[i];
            h->items[i] = h->items[(i - 1) / 2];
            h->items[(i - 1) / 2] = t;
            i = (i - 1) / 2;
        }
    } else if (worse(&h->items[0], &e)) {
        h->items[0] = e;
        sift_down(h, 0);
    }
    return PF_OK;
}

/* S of the pair i, j, which shares tags_shared tags and partners_shared partners. */
static double similarity(const ctx *c, uint32_t i, uint32_t j, size_t tags_shared, size_t partners_shared)
{
    double jt = jaccard(tags_shared, c->size[i].tags, c->size[j].tags);
    double jp = jaccard(partners_shared, c->size[i].partners, c->size[j].partners);
    /* Rounded to 12 decimals, so 0.6 * 0.4 + 0.4 * 0.25 is 0.34 as in exact arithmetic, not 0.33999999999999997. */
    return round((c->o.tag_weight * jt + c->o.partner_weight * jp) * 1e12) / 1e12;
}

/* How many tags and partners projects i and j share: the smaller's features looked up in the other's, or
   both merged when they are of a size. False once the work limit is passed. */
static bool intersect(ctx *c, uint32_t i, uint32_t j, size_t *tags_shared, size_t *partners_shared)
{
    size_t ni = c->feat_off[i + 1] - c->feat_off[i], nj = c->feat_off[j + 1] - c->feat_off[j];
    uint32_t small = ni <= nj ? i : j, large = ni <= nj ? j : i;
    size_t ns = ni <= nj ? ni : nj, nl = ni <= nj ? nj : ni;
    *tags_shared = *partners_shared = 0;
    if (ns * search_steps(nl) < ns + nl) {
        if (!spend(c, ns * search_steps(nl)))
            return false;
        for (size_t x = c->feat_off[small]; x < c->feat_off[small + 1]; x++) {
            if (holds(c, large, c->feats[x])) {
                if (c->feats[x] < c->ntags)
                    (*tags_shared)++;
                else
                    (*partners_shared)++;
            }
        }
        return true;
    }
    if (!spend(c, ns + nl))
        return false;
    size_t x = c->feat_off[i], xe = c->feat_off[i + 1], y = c->feat_off[j], ye = c->feat_off[j + 1];
    while (x < xe && y < ye) {
        if (c->feats[x] < c->feats[y]) {
            x++;
        } else if (c->feats[x] > c->feats[y]) {
            y++;
        } else {
            if (c->feats[x] < c->ntags)
                (*tags_shared)++;
            else
                (*partners_shared)++;
            x++;
            y++;
        }
    }
    return true;
}

/* Applies the rules to the pair i < j, which shares tags_shared tags and partners_shared partners. */
static pf_status classify(ctx *c, uint32_t i, uint32_t j, size_t tags_shared, size_t partners_shared, unsigned links)
{
    const pinfo *a = &c->info[i], *b = &c->info[j];
    double s = similarity(c, i, j, tags_shared, partners_shared);
    bool similar = s >= c->o.threshold - S_EPSILON;
    pf_status st = PF_OK;
    if (links & (LINK_SYNERGY | LINK_DEPENDENCY)) {
        st = add_rel(c, PF_RELATION_SYNERGY, i, j, s, links);
    } else if (similar) {
        top_entry to_j = { s, j, links }, to_i = { s, i, links };
        st = offer(c, &c->heaps[i], to_j);
        if (st == PF_OK)
            st = offer(c, &c->heaps[j], to_i);
    }
    if (st == PF_OK && ((links & LINK_CONFLICT) || (similar && opposite(a->top, b->top))))
        st = add_rel(c, PF_RELATION_TENSION, i, j, s, links);
    if (st == PF_OK && ((links & LINK_DUPLICATE) ||
                        (a->zone != PF_ZONE_UNSET && a->zone == b->zone && s >= c->o.duplicate_threshold - S_EPSILON)))
        st = add_rel(c, PF_RELATION_DUPLICATE, i, j, s, links);
    if (st == PF_OK && similar && a->unit != NO_UNIT && b->unit != NO_UNIT && a->unit != b->unit) {
        if (a->gives && b->receives)
            st = add_rel(c, PF_RELATION_HANDOVER, i, j, s, links);
        else if (b->gives && a->receives)
            st = add_rel(c, PF_RELATION_HANDOVER, j, i, s, links);
    }
    return st;
}

/* ---- the join: the pairs that may reach a threshold (docs/relations.md, "how pairs are found") ---- */

/* True when an explicit link joins lo < hi: such a pair is examined with the links. */
static bool linked(const ctx *c, uint32_t lo, uint32_t hi)
{
    size_t from = 0, to = c->nlinks;
    while (from < to) {
        size_t mid = from + (to - from) / 2;
        const link_pair *l = &c->links[mid];
        if (l->lo == lo && l->hi == hi)
            return true;
        if (l->lo < lo || (l->lo == lo && l->hi < hi))
            from = mid + 1;
        else
            to = mid;
    }
    return false;
}

/* w_x(f): the most one token of project x can add to S with any project (J(tags) <= shared tags / x's tags). */
static double token_weight(const ctx *c, uint32_t x, uint32_t f)
{
    return f < c->ntags ? c->o.tag_weight / c->size[x].tags : c->o.partner_weight / c->size[x].partners;
}

/* For project x's tokens in the global order, fills suffix[k] = W_x(k) (the weight of the tokens from position k
   on) and the tags and partners from k on; returns the length of x's prefix, the positions where W_x(k) >= tau. */
static size_t prefix_of(ctx *c, uint32_t x)
{
    size_t off = c->feat_off[x], m = c->feat_off[x + 1] - off;
    c->suffix[m] = 0;
    c->tags_from[m] = c->partners_from[m] = 0;
    for (size_t k = m; k-- > 0;) {
        uint32_t f = c->ord[off + k];
        c->suffix[k] = c->suffix[k + 1] + token_weight(c, x, f);
        c->tags_from[k] = c->tags_from[k + 1] + (f < c->ntags);
        c->partners_from[k] = c->partners_from[k + 1] + (f >= c->ntags);
    }
    size_t p = 0;
    while (p < m && c->suffix[p] >= c->floor)
        p++;
    return p;
}

/*
 * The keys of project x, into out, or only counted (up to KEYS_MAX + 1) when out is NULL: each token a with
 * w_x(a) >= tau alone; each pair a < b with w_x(a) + w_x(b) >= tau; each triple a < b < c with
 * w_x(a) + w_x(b) + W_x(c) >= tau.
 */
static size_t project_keys(ctx *c, uint32_t x, key_entry *out)
{
    size_t off = c->feat_off[x], m = c->feat_off[x + 1] - off, p = prefix_of(c, x), count = 0;
    const uint32_t *ord = c->ord + off;
    double tau = c->floor;
    uint8_t held_t = (uint8_t)c->size[x].tags, held_p = (uint8_t)c->size[x].partners;
    for (size_t a = 0; a < p; a++) {
        double wa = token_weight(c, x, ord[a]);
        uint8_t ta = ord[a] < c->ntags;
        if (wa >= tau) {
            if (out)
                out[count] = (key_entry){ { c->rank[ord[a]], NO_RANK, NO_RANK }, x, ta, (uint8_t)!ta, 0, 0, held_t,
                                          held_p };
            count++;
        }
        for (size_t b = a + 1; b < m && wa + c->suffix[b] >= tau; b++) {
            double wab = wa + token_weight(c, x, ord[b]);
            uint8_t tab = (uint8_t)(ta + (ord[b] < c->ntags));
            if (wab >= tau) {
                if (out)
                    out[count] = (key_entry){ { c->rank[ord[a]], c->rank[ord[b]], NO_RANK }, x, tab,
                                              (uint8_t)(2 - tab), 0, 0, held_t, held_p };
                count++;
            }
            for (size_t k = b + 1; k < m && wab + c->suffix[k] >= tau; k++) {
                if (out) {
                    uint8_t tabk = (uint8_t)(tab + (ord[k] < c->ntags));
                    out[count] = (key_entry){ { c->rank[ord[a]], c->rank[ord[b]], c->rank[ord[k]] }, x, tabk,
                                              (uint8_t)(3 - tabk), (uint8_t)c->tags_from[k + 1],
                                              (uint8_t)c->partners_from[k + 1], held_t, held_p };
                }
                count++;
            }
            if (!out && count > KEYS_MAX)
                return count;
        }
    }
    return count;
}

/* Stable counting sort of n keys by r[i] (NO_RANK last; count: nfeat + 2 scratch). */
static void sort_keys(const key_entry *from, key_entry *to, size_t n, size_t *count, size_t nfeat, int i)
{
    memset(count, 0, (nfeat + 2) * sizeof *count);
    for (size_t e = 0; e < n; e++)
        count[(from[e].r[i] == NO_RANK ? nfeat : from[e].r[i]) + 1]++;
    for (size_t b = 0; b <= nfeat; b++)
        count[b + 1] += count[b];
    for (size_t e = 0; e < n; e++)
        to[count[from[e].r[i] == NO_RANK ? nfeat : from[e].r[i]]++] = from[e];
}

/* Decides which projects are small, and counts their keys by first token (first: nfeat entries). */
static pf_status count_keys(ctx *c, size_t *first)
{
    c->large = pf__calloc(c->alloc, c->n ? c->n : 1, sizeof *c->large);
    if (!c->large)
        return PF_ENOMEM;
    key_entry made[KEYS_MAX];
    size_t total = 0;
    for (uint32_t x = 0; x < c->n; x++) {
        size_t keys = c->feat_off[x + 1] - c->feat_off[x] <= KEY_TOKENS_MAX ? project_keys(c, x, NULL) : SIZE_MAX;
        if (keys > KEYS_MAX) {
            c->large[x] = c->any_large = true;
            continue;
        }
        project_keys(c, x, made);
        for (size_t k = 0; k < keys; k++)
            first[made[k].r[0]]++;
        total += keys;
    }
    c->nkeys = total;
    return spend(c, total) ? PF_OK : PF_ELIMIT;
}

/* The end of the batch of first tokens from lo: about nkeys / KEY_BATCHES keys, and at least one token. */
static size_t batch_end(const ctx *c, const size_t *first, size_t lo, size_t *keys)
{
    size_t target = c->nkeys / KEY_BATCHES + 1, hi = lo;
    *keys = 0;
    while (hi < c->nfeat && *keys < target)
        *keys += first[hi++];
    return hi;
}

/* Postings of the prefixes, token by token: of the large projects, and (for the large ones to probe) of the small. */
static pf_status build_postings(ctx *c)
{
    if (!c->any_large)
        return PF_OK;
    size_t nf = c->nfeat;
    c->large_off = pf__calloc(c->alloc, nf + 1, sizeof *c->large_off);
    c->small_off = pf__calloc(c->alloc, nf + 1, sizeof *c->small_off);
    size_t *large_at = pf__malloc(c->alloc, (nf ? nf : 1) * sizeof *large_at);
    size_t *small_at = pf__malloc(c->alloc, (nf ? nf : 1) * sizeof *small_at);
    pf_status s = c->large_off && c->small_off && large_at && small_at ? PF_OK : PF_ENOMEM;
    for (uint32_t x = 0; x < c->n && s == PF_OK; x++) {
        size_t off = c->feat_off[x], p = prefix_of(c, x);
        size_t *counts = c->large[x] ? c->large_off : c->small_off;
        for (size_t k = 0; k < p; k++)
            counts[c->ord[off + k] + 1]++;
    }
    if (s == PF_OK) {
        for (size_t f = 0; f < nf; f++) {
            c->large_off[f + 1] += c->large_off[f];
            c->small_off[f + 1] += c->small_off[f];
        }
        if (!spend(c, c->large_off[nf] + c->small_off[nf]))
            s = PF_ELIMIT;
    }
    if (s == PF_OK) {
        c->large_post = pf__malloc(c->alloc, (c->large_off[nf] ? c->large_off[nf] : 1) * sizeof *c->large_post);
        c->small_post = pf__malloc(c->alloc, (c->small_off[nf] ? c->small_off[nf] : 1) * sizeof *c->small_post);
        if (!c->large_post || !c->small_post)
            s = PF_ENOMEM;
    }
    if (s == PF_OK) {
        memcpy(large_at, c->large_off, nf * sizeof *large_at);
        memcpy(small_at, c->small_off, nf * sizeof *small_at);
        for (uint32_t x = 0; x < c->n; x++) {
            size_t off = c->feat_off[x], p = prefix_of(c, x);
            bool large = c->large[x];
            for (size_t k = 0; k < p; k++) {
                uint32_t f = c->ord[off + k];
                posting h = { x, c->tags_from[k + 1], c->partners_from[k + 1] };
                if (large)
                    c->large_post[large_at[f]++] = h;
                else
                    c->small_post[small_at[f]++] = h;
            }
        }
    }
    pf__free(c->alloc, large_at);
    pf__free(c->alloc, small_at);
    return s;
}

/* Examines the pair i < j: its similarity, and the rules when it may reach a threshold. */
static pf_status examine(ctx *c, uint32_t i, uint32_t j)
{
    size_t tags_shared, partners_shared;
    if (!intersect(c, i, j, &tags_shared, &partners_shared))
        return PF_ELIMIT;
    c->examined++;
    /* Most candidates are settled here, without the rules. */
    const psize *x = &c->size[i], *y = &c->size[j];
    double raw = c->o.tag_weight * jaccard(tags_shared, x->tags, y->tags) +
                 c->o.partner_weight * jaccard(partners_shared, x->partners, y->partners);
    return raw >= c->floor ? classify(c, i, j, tags_shared, partners_shared, 0) : PF_OK;
}

/*
 * Whether projects holding xt tags and xp partners, and yt and yp, may reach tau when they share `tags` tags and
 * `partners` partners and at most the fewer of what follows in each (tx tags and px partners in one, ty and py in
 * the other): the size and positional filter. Valid when the key they met by is all they share (a key of one or
 * two tokens), or when the token or the three tokens are the first they share; a pair met otherwise may be left
 * here, as it is also met by that key or token, and bounded rightly there.
 */
static bool may_reach(const ctx *c, size_t xt, size_t xp, size_t yt, size_t yp, unsigned tags, unsigned partners,
                      size_t tx, size_t px, size_t ty, size_t py)
{
    size_t it = tags + (tx < ty ? tx : ty), ip = partners + (px < py ? px : py);
    return c->o.tag_weight * jaccard(it, xt, yt) + c->o.partner_weight * jaccard(ip, xp, yp) >= c->floor;
}

/* Projects x and y < x met through a prefix token: examined once if they may reach the threshold. */
static pf_status meet(ctx *c, uint32_t x, uint32_t y, unsigned tags, unsigned partners, size_t tx, size_t px,
                      size_t ty, size_t py)
{
    if (c->stamp[y] == x + 1 ||
        !may_reach(c, c->size[x].tags, c->size[x].partners, c->size[y].tags, c->size[y].partners, tags, partners, tx,
                   px, ty, py))
        return PF_OK;
    c->stamp[y] = x + 1;
    if (c->info[x].linked && c->info[y].linked && linked(c, y, x))
        return PF_OK; /* examined with the explicit links */
    return examine(c, y, x);
}

static bool same_key(const key_entry *a, const key_entry *b)
{
    return a->r[0] == b->r[0] && a->r[1] == b->r[1] && a->r[2] == b->r[2];
}

/*
 * Examines small projects i < j, met by key k within the bound, if k is their own key: all they share for a key
 * of one or two tokens, the first three they share for a key of three. Otherwise the pair is left to its own key,
 * so that it is examined once without a record of the pairs seen. Their tokens are merged in the global order.
 */
static pf_status examine_by_key(ctx *c, uint32_t i, uint32_t j, const key_entry *k)
{
    if (c->info[i].linked && c->info[j].linked && linked(c, i, j))
        return PF_OK; /* examined with the explicit links */
    const uint32_t *a = c->ord + c->feat_off[i], *b = c->ord + c->feat_off[j];
    size_t na = c->feat_off[i + 1] - c->feat_off[i], nb = c->feat_off[j + 1] - c->feat_off[j];
    size_t x = 0, y = 0, tags_shared = 0, partners_shared = 0, shared = 0;
    uint32_t first[3] = { NO_RANK, NO_RANK, NO_RANK };
    if (!spend(c, na + nb))
        return PF_ELIMIT;
    while (x < na && y < nb) {
        uint32_t ra = c->rank[a[x]], rb = c->rank[b[y]];
        if (ra < rb) {
            x++;
        } else if (ra > rb) {
            y++;
        } else {
            if (shared < 3)
                first[shared] = ra;
            shared++;
            *(a[x] < c->ntags ? &tags_shared : &partners_shared) += 1;
            x++;
            y++;
        }
    }
    size_t len = k->r[1] == NO_RANK ? 1 : k->r[2] == NO_RANK ? 2 : 3;
    bool own = len < 3 ? shared == len
                       : shared >= 3 && first[0] == k->r[0] && first[1] == k->r[1] && first[2] == k->r[2];
    if (!own)
        return PF_OK; /* the merge is counted as work, but no similarity was computed */
    c->examined++;
    const psize *p = &c->size[i], *q = &c->size[j];
    double raw = c->o.tag_weight * jaccard(tags_shared, p->tags, q->tags) +
                 c->o.partner_weight * jaccard(partners_shared, p->partners, q->partners);
    return raw >= c->floor ? classify(c, i, j, tags_shared, partners_shared, 0) : PF_OK;
}

/* Orders a key's holders by their tags, then partners, then place: the size filter's order. */
static int compare_by_tags(const void *x, const void *y)
{
    const key_entry *a = x, *b = y;
    if (a->tags_held != b->tags_held)
        return a->tags_held < b->tags_held ? -1 : 1;
    if (a->partners_held != b->partners_held)
        return a->partners_held < b->partners_held ? -1 : 1;
    return a->project < b->project ? -1 : a->project > b->project;
}

/* The same, partners first: for a key of partners only, whose S the holders' tags do not change. */
static int compare_by_partners(const void *x, const void *y)
{
    const key_entry *a = x, *b = y;
    if (a->partners_held != b->partners_held)
        return a->partners_held < b->partners_held ? -1 : 1;
    if (a->tags_held != b->tags_held)
        return a->tags_held < b->tags_held ? -1 : 1;
    return a->project < b->project ? -1 : a->project > b->project;
}

/*
 * Every two holders of one key that may reach the bound, examined at their own key. The holders are sorted by size: for a key
 * of one or two tokens S only falls as the other project holds more tags or partners, so once a holder is below
 * tau even with the fewest tags or partners the order still allows, so are all that follow (size filtering,
 * without walking them).
 */
static pf_status meet_holders(ctx *c, key_entry *k, size_t count)
{
    bool partners_first = k[0].tags == 0;
    int (*compare)(const void *, const void *) = partners_first ? compare_by_partners : compare_by_tags;
    if (count <= 16) {
        for (size_t i = 1; i < count; i++) {
            key_entry x = k[i];
            size_t j = i;
            for (; j > 0 && compare(&k[j - 1], &x) > 0; j--)
                k[j] = k[j - 1];
            k[j] = x;
        }
    } else {
        if (!spend(c, count * search_steps(count)))
            return PF_ELIMIT;
        qsort(k, count, sizeof *k, compare);
    }
    bool by_size = k[0].r[2] == NO_RANK;
    for (size_t e = 1; e < count; e++) {
        const key_entry *kx = &k[e];
        size_t h = 0;
        for (; h < e; h++) {
            const key_entry *ky = &k[h];
            if (!may_reach(c, kx->tags_held, kx->partners_held, ky->tags_held, ky->partners_held, kx->tags,
                           kx->partners, kx->tags_after, kx->partners_after, ky->tags_after, ky->partners_after)) {
                /* The holders after this one hold at least as many of what the order sorts first, and at least
                   the key's of the rest. */
                size_t yt = partners_first ? kx->tags : ky->tags_held;
                size_t yp = partners_first ? ky->partners_held : kx->partners;
                if (by_size &&
                    !may_reach(c, kx->tags_held, kx->partners_held, yt, yp, kx->tags, kx->partners, 0, 0, 0, 0))
                    break;
                continue;
            }
            pf_status s = examine_by_key(c, kx->project < ky->project ? kx->project : ky->project,
                                         kx->project < ky->project ? ky->project : kx->project, kx);
            if (s != PF_OK)
                return s;
        }
        if (!spend(c, 1 + h))
            return PF_ELIMIT;
    }
    return PF_OK;
}

/* Project x against the earlier holders of its prefix token at position k in one posting list. */
static pf_status probe_postings(ctx *c, uint32_t x, size_t k, const posting *post, size_t from, size_t to)
{
    uint32_t f = c->ord[c->feat_off[x] + k];
    unsigned tag = f < c->ntags;
    size_t h = from;
    pf_status s = PF_OK;
    for (; h < to && post[h].project < x && s == PF_OK; h++)
        s = meet(c, x, post[h].project, tag, !tag, c->tags_from[k + 1], c->partners_from[k + 1], post[h].tags_after,
                 post[h].partners_after);
    return s != PF_OK ? s : spend(c, 1 + h - from) ? PF_OK : PF_ELIMIT;
}

/* Every pair, when a pair sharing nothing reaches a threshold (one of them at most 1e-9). */
static pf_status examine_all_pairs(ctx *c)
{
    double all = (double)c->n * (double)(c->n ? c->n - 1 : 0) / 2;
    if (!spend(c, all >= (double)SIZE_MAX ? SIZE_MAX : (size_t)all))
        return PF_ELIMIT;
    for (uint32_t x = 1; x < c->n; x++)
        for (uint32_t y = 0; y < x; y++)
            if (!(c->info[x].linked && c->info[y].linked && linked(c, y, x))) {
                pf_status s = examine(c, y, x);
                if (s != PF_OK)
                    return s;
            }
    return PF_OK;
}

/*
 * The small projects, key group by key group: every two holders of a key that may reach the bound. The keys are
 * made and met a batch of first tokens at a time, in the order of all of them, (r[0], r[1], r[2], project), so only
 * about a KEY_BATCHES-th of them is held at once; each batch makes them again from the projects, which costs
 * little next to meeting them.
 */
static pf_status meet_small_projects(ctx *c, const size_t *first)
{
    size_t most = 0, n;
    for (size_t lo = 0; lo < c->nfeat; lo = batch_end(c, first, lo, &n))
        if (batch_end(c, first, lo, &n) && n > most)
            most = n;
    if (!most)
        return PF_OK;
    key_entry *batch = pf__malloc(c->alloc, most * sizeof *batch);
    key_entry *sorted = pf__malloc(c->alloc, most * sizeof *sorted);
    size_t *count = pf__malloc(c->alloc, (c->nfeat + 2) * sizeof *count);
    pf_status s = batch && sorted && count ? PF_OK : PF_ENOMEM;
    key_entry made[KEYS_MAX];
    for (size_t lo = 0, hi; lo < c->nfeat && s == PF_OK; lo = hi) {
        hi = batch_end(c, first, lo, &n);
        if (!n)
            continue;
        size_t got = 0;
        for (uint32_t x = 0; x < c->n; x++) {
            if (c->large[x])
                continue;
            size_t keys = project_keys(c, x, made);
            for (size_t k = 0; k < keys; k++)
                if (made[k].r[0] >= lo && made[k].r[0] < hi)
                    batch[got++] = made[k];
        }
        /* Made in project order; three stable passes leave them by (r[0], r[1], r[2], project). */
        sort_keys(batch, sorted, got, count, c->nfeat, 2);
        sort_keys(sorted, batch, got, count, c->nfeat, 1);
        sort_keys(batch, sorted, got, count, c->nfeat, 0);
        for (size_t g = 0, end; g < got && s == PF_OK; g = end) {
            for (end = g + 1; end < got && same_key(&sorted[end], &sorted[g]); end++)
                ;
            if (end - g > 1)
                s = meet_holders(c, sorted + g, end - g);
        }
    }
    pf__free(c->alloc, batch);
    pf__free(c->alloc, sorted);
    pf__free(c->alloc, count);
    return s;
}

/*
 * The pairs that may reach the lower threshold, each examined once: pairs of small projects through the holders of
 * each key, pairs with a large project through the prefix postings (from the later project of the pair, with a
 * stamp per project so that a pair meeting through several tokens is examined once).
 */
static pf_status examine_candidates(ctx *c)
{
    if (fmin(c->o.threshold, c->o.duplicate_threshold) - S_EPSILON <= 0)
        return examine_all_pairs(c);
    size_t *first = pf__calloc(c->alloc, c->nfeat ? c->nfeat : 1, sizeof *first);
    pf_status s = first ? count_keys(c, first) : PF_ENOMEM;
    if (s == PF_OK)
        s = build_postings(c);
    /* Pairs with a large project, from the later one: its prefix tokens against the earlier large projects'
       postings, or, for a large one, every earlier project's. */
    for (uint32_t x = 0; x < c->n && c->any_large && s == PF_OK; x++) {
        size_t p = prefix_of(c, x);
        for (size_t k = 0; k < p && s == PF_OK; k++) {
            uint32_t f = c->ord[c->feat_off[x] + k];
            s = probe_postings(c, x, k, c->large_post, c->large_off[f], c->large_off[f + 1]);
            if (c->large[x] && s == PF_OK)
                s = probe_postings(c, x, k, c->small_post, c->small_off[f], c->small_off[f + 1]);
        }
    }
    if (s == PF_OK)
        s = meet_small_projects(c, first);
    pf__free(c->alloc, first);
    return s;
}

static pf_status examine_links(ctx *c)
{
    for (size_t k = 0; k < c->nlinks; k++) {
        const link_pair *lp = &c->links[k];
        size_t tags_shared, partners_shared;
        if (!intersect(c, lp->lo, lp->hi, &tags_shared, &partners_shared))
            return PF_ELIMIT;
        c->examined++;
        if (classify(c, lp->lo, lp->hi, tags_shared, partners_shared, lp->links) != PF_OK)
            return PF_ENOMEM;
    }
    return PF_OK;
}

/* The synergies each project kept, as relations (a pair kept by both appears twice until deduplicated). */
static pf_status collect_top(ctx *c)
{
    for (uint32_t i = 0; i < c->n; i++) {
        const top_heap *h = &c->heaps[i];
        for (size_t k = 0; k < h->count; k++) {
            const top_entry *e = &h->items[k];
            uint32_t a = i < e->other ? i : e->other, b = i < e->other ? e->other : i;
            size_t tags_shared, partners_shared;
            if (!intersect(c, a, b, &tags_shared, &partners_shared))
                return PF_ELIMIT;
            double s = similarity(c, a, b, tags_shared, partners_shared); /* e->s, computed alike */
            if (add_rel(c, PF_RELATION_SYNERGY, a, b, s, e->links) != PF_OK)
                return PF_ENOMEM;
        }
    }
    return PF_OK;
}

static int compare_rels(const void *x, const void *y)
{
    const rel *a = x, *b = y;
    if (a->kind != b->kind)
        return a->kind < b->kind ? -1 : 1;
    if (a->s != b->s)
        return a->s > b->s ? -1 : 1;
    if (a->a != b->a)
        return a->a < b->a ? -1 : 1;
    return a->b < b->b ? -1 : a->b > b->b;
}

/* ---- the result: relations owning their strings ---- */

static pf_link_kind link_behind(pf_relation_kind kind, unsigned links)
{
    unsigned wanted = kind == PF_RELATION_SYNERGY   ? LINK_SYNERGY | LINK_DEPENDENCY
                      : kind == PF_RELATION_TENSION ? LINK_CONFLICT
                      : kind == PF_RELATION_DUPLICATE ? LINK_DUPLICATE
                                                      : 0;
    unsigned m = links & wanted ? links & wanted : links;
    for (int k = 0; k < PF_LINK_KIND_COUNT; k++)
        if (m >> k & 1)
            return (pf_link_kind)k;
    return PF_LINK_SYNERGY;
}

/* Room for a string in the result's block, unless it has some already. */
static void reserve_string(size_t *offset, const char *s, size_t *bytes)
{
    if (*offset == SIZE_MAX) {
        *offset = *bytes;
        *bytes += strlen(s) + 1;
    }
}

static pf_status add_evidence(ctx *c, uint32_t f, uint32_t **ev, size_t *count, size_t *cap, pf_relation *out)
{
    if (pf__grow(c->alloc, (void **)ev, cap, *count + 1, sizeof **ev) != PF_OK)
        return PF_ENOMEM;
    (*ev)[(*count)++] = f;
    if (f < c->ntags)
        out->shared_tag_count++;
    else
        out->shared_partner_count++;
    return PF_OK;
}

/*
 * Appends to `ev` the tags, then the partners, of `from` that project `to` holds, in from's order: from's
 * listing checked against to's features, or, when `to` has fewer, to's features looked up in from's and put
 * back in from's order (`places` is scratch).
 */
static pf_status shared_features(ctx *c, uint32_t from, uint32_t to, uint32_t **ev, size_t *count, size_t *cap,
                                 uint32_t **places, size_t *places_cap, pf_relation *out)
{
    out->shared_tag_count = out->shared_partner_count = 0;
    size_t nf = c->feat_off[from + 1] - c->feat_off[from], nt = c->feat_off[to + 1] - c->feat_off[to];
    if (nf <= nt) {
        if (!spend(c, nf * search_steps(nt)))
            return PF_ELIMIT;
        for (size_t k = c->feat_off[from]; k < c->feat_off[from + 1]; k++)
            if (holds(c, to, c->listed[k]) && add_evidence(c, c->listed[k], ev, count, cap, out) != PF_OK)
                return PF_ENOMEM;
    } else {
        if (!spend(c, nt * search_steps(nf)))
            return PF_ELIMIT;
        size_t m = 0;
        for (size_t x = c->feat_off[to]; x < c->feat_off[to + 1]; x++) {
            size_t k = find_feature(c, from, c->feats[x]);
            if (k == SIZE_MAX)
                continue;
            if (pf__grow(c->alloc, (void **)places, places_cap, m + 1, sizeof **places) != PF_OK)
                return PF_ENOMEM;
            (*places)[m++] = c->place[k];
        }
        if (!spend(c, m * search_steps(m)))
            return PF_ELIMIT;
        if (m)
            qsort(*places, m, sizeof **places, compare_u32);
        for (size_t k = 0; k < m; k++)
            if (add_evidence(c, c->listed[c->feat_off[from] + (*places)[k]], ev, count, cap, out) != PF_OK)
                return PF_ENOMEM;
    }
    /* The evidence is output: a flood of it is refused like the work that finds it. */
    return spend(c, out->shared_tag_count + out->shared_partner_count) ? PF_OK : PF_ELIMIT;
}

/* The result, with its own copy of every string; in the compact form the relations found (c->rels) become it and
   the ids stay the document's. */
static pf_status build_result(ctx *c, pf_relations *r, bool compact)
{
    if (compact) {
        r->ev_at = pf__malloc(c->alloc, (c->nrels + 1) * sizeof *r->ev_at);
        r->tag_n = pf__malloc(c->alloc, (c->nrels ? c->nrels : 1) * sizeof *r->tag_n);
        r->ids = pf__calloc(c->alloc, c->n ? c->n : 1, sizeof *r->ids);
    } else {
        r->items = pf__calloc(c->alloc, c->nrels, sizeof *r->items);
    }
    size_t *id_at = pf__malloc(c->alloc, c->n * sizeof *id_at);
    size_t *name_at = pf__malloc(c->alloc, c->nfeat * sizeof *name_at);
    uint32_t *ev = NULL, *places = NULL;
    size_t nev = 0, ev_cap = 0, places_cap = 0, bytes = 0;
    pf_status s = (compact ? r->ev_at && r->tag_n && r->ids : r->items != NULL) && id_at && name_at ? PF_OK : PF_ENOMEM;
    if (s == PF_OK) {
        memset(id_at, 0xff, c->n * sizeof *id_at);
        memset(name_at, 0xff, c->nfeat * sizeof *name_at);
    }
    /* Sizes: the evidence of every relation, and each string once. */
    for (size_t k = 0; k < c->nrels && s == PF_OK; k++) {
        const rel *x = &c->rels[k];
        pf_relation counted, *out = compact ? &counted : &r->items[k];
        size_t first = nev;
        s = shared_features(c, x->a, x->b, &ev, &nev, &ev_cap, &places, &places_cap, out);
        if (compact) {
            r->ev_at[k] = first;
            r->tag_n[k] = (uint32_t)out->shared_tag_count;
        }
        reserve_string(&id_at[x->a], c->doc->projects[x->a]->id, &bytes);
        reserve_string(&id_at[x->b], c->doc->projects[x->b]->id, &bytes);
        for (size_t e = first; e < nev; e++)
            reserve_string(&name_at[ev[e]], c->feat_name[ev[e]], &bytes);
    }
    if (s == PF_OK && compact) {
        r->ev_at[c->nrels] = nev;
        r->rels = c->rels;
        c->rels = NULL;
        r->sizes = c->size;
        c->size = NULL;
        for (size_t k = 0; k < c->nrels; k++)
            r->kind_count[r->rels[k].kind]++;
    }
    if (s == PF_OK) {
        r->lists = pf__calloc(c->alloc, nev, sizeof *r->lists);
        r->strings = pf__malloc(c->alloc, bytes);
        if (!r->lists || !r->strings)
            s = PF_ENOMEM;
    }
    if (s == PF_OK) {
        for (size_t i = 0; i < c->n; i++) {
            if (id_at[i] != SIZE_MAX)
                strcpy(r->strings + id_at[i], c->doc->projects[i]->id);
            if (id_at[i] != SIZE_MAX && compact)
                r->ids[i] = r->strings + id_at[i];
        }
        for (size_t f = 0; f < c->nfeat; f++)
            if (name_at[f] != SIZE_MAX)
                strcpy(r->strings + name_at[f], c->feat_name[f]);
        for (size_t e = 0; e < nev; e++)
            r->lists[e] = r->strings + name_at[ev[e]];
        size_t e = 0;
        for (size_t k = 0; k < c->nrels && !compact; k++) {
            const rel *x = &c->rels[k];
            pf_relation *out = &r->items[k];
            out->kind = (pf_relation_kind)x->kind;
            out->a = r->strings + id_at[x->a];
            out->b = r->strings + id_at[x->b];
            out->similarity = x->s;
            out->tag_jaccard = jaccard(out->shared_tag_count, c->size[x->a].tags, c->size[x->b].tags);
            out->partner_jaccard = jaccard(out->shared_partner_count, c->size[x->a].partners, c->size[x->b].partners);
            out->is_explicit = x->links != 0;
            out->link_kind = link_behind(out->kind, x->links);
            out->shared_tags = r->lists + e;
            e += out->shared_tag_count;
            out->shared_partners = r->lists + e;
            e += out->shared_partner_count;
            r->kind_count[out->kind]++;
        }
        r->count = c->nrels;
    }
    pf__free(c->alloc, id_at);
    pf__free(c->alloc, name_at);
    pf__free(c->alloc, ev);
    pf__free(c->alloc, places);
    return s;
}

/* Frees what only finding the pairs needs, so building the result does not add to it. */
static void free_search(ctx *c)
{
    const pf_allocator *a = c->alloc;
    for (size_t i = 0; c->heaps && i < c->n; i++)
        pf__free(a, c->heaps[i].items);
    pf__free(a, c->heaps);
    pf__free(a, c->stamp);
    pf__free(a, c->rank);
    pf__free(a, c->ord);
    pf__free(a, c->suffix);
    pf__free(a, c->tags_from);
    pf__free(a, c->partners_from);
    pf__free(a, c->large);
    pf__free(a, c->large_off);
    pf__free(a, c->small_off);
    pf__free(a, c->large_post);
    pf__free(a, c->small_post);
    c->heaps = NULL;
    c->stamp = c->rank = c->ord = c->tags_from = c->partners_from = NULL;
    c->suffix = NULL;
    c->large_off = c->small_off = NULL;
    c->large = NULL;
    c->large_post = c->small_post = NULL;
}

static void ctx_free(ctx *c)
{
    const pf_allocator *a = c->alloc;
    free_search(c);
    pf__free(a, c->info);
    pf__free(a, c->size);
    pf__strmap_free(a, &c->unit_index);
    pf__strmap_free(a, &c->tag_index);
    pf__strmap_free(a, &c->partner_index);
    pf__free(a, c->feat_name);
    pf__free(a, c->feat_off);
    pf__free(a, c->feats);
    pf__free(a, c->place);
    pf__free(a, c->listed);
    pf__free(a, c->links);
    pf__free(a, c->rels);
}

/* ENOMEM or ELIMIT as the caller's error. */
static pf_status failed(const ctx *c, pf_status s, pf_error *err)
{
    if (s != PF_ELIMIT)
        return pf__oom(err);
    return pf__fail(err, PF_ELIMIT,
                    "relations: the %zu projects share their tags and partners so widely that relating them would "
                    "take more than the work limit of %zu steps (docs/relations.md)",
                    c->n, c->o.work_limit);
}

static pf_status find_relations(ctx *c, const pf_map *map, pf_relations *r, bool compact, pf_error *err)
{
    pf_status s = place_projects(c, map, err);
    if (s == PF_OK)
        s = build_index(c, err);
    if (s == PF_OK)
        s = collect_links(c, err);
    if (s != PF_OK)
        return s;
    if (!c->o.work_limit) {
        size_t held = c->feat_off[c->n] + c->n;
        c->o.work_limit = held > (SIZE_MAX - PF_RELATION_WORK_BASE) / PF_RELATION_WORK_PER_ENTRY
                              ? SIZE_MAX
                              : PF_RELATION_WORK_BASE + PF_RELATION_WORK_PER_ENTRY * held;
    }
    r->opts = c->o;
    c->heaps = pf__calloc(c->alloc, c->n, sizeof *c->heaps);
    c->stamp = pf__calloc(c->alloc, c->n ? c->n : 1, sizeof *c->stamp);
    s = c->heaps && c->stamp ? PF_OK : PF_ENOMEM;
    if (s == PF_OK)
        s = examine_candidates(c);
    if (s == PF_OK)
        s = examine_links(c);
    if (s == PF_OK)
        s = collect_top(c);
    if (s != PF_OK)
        return failed(c, s, err);
    free_search(c);
    if (c->nrels)
        qsort(c->rels, c->nrels, sizeof *c->rels, compare_rels);
    size_t kept = 0;
    for (size_t k = 0; k < c->nrels; k++) {
        const rel *x = &c->rels[k], *prev = kept ? &c->rels[kept - 1] : NULL;
        if (!prev || prev->kind != x->kind || prev->a != x->a || prev->b != x->b)
            c->rels[kept++] = *x; /* a synergy kept by both projects appears twice, side by side */
    }
    c->nrels = kept;
    /* Give back the duplicates' room before the result is built beside it. */
    if (kept) {
        rel *fit = pf__realloc(c->alloc, c->rels, kept * sizeof *c->rels);
        if (!fit)
            return failed(c, PF_ENOMEM, err);
        c->rels = fit;
        c->rels_cap = kept;
    }
    r->examined = c->examined;
    s = build_result(c, r, compact);
    return s == PF_OK ? PF_OK : failed(c, s, err);
}

static pf_status relations(const pf_doc *doc, const pf_map *map, const pf_relation_options *opts, bool compact,
                           pf_relations **out, pf_error *err)
{
    if (!doc || !out)
        return pf__fail(err, PF_EARG, "doc or out is NULL");
    ctx c;
    memset(&c, 0, sizeof c);
    c.doc = doc;
    c.alloc = &doc->alloc;
    c.n = doc->project_count;
    pf_status s = resolve_options(opts, &c.o, err);
    if (s != PF_OK)
        return s;
    /* Far enough below both thresholds that rounding can never matter. */
    c.floor = fmin(c.o.threshold, c.o.duplicate_threshold) - 1e-6;
    if (c.n >= UINT32_MAX)
        return pf__fail(err, PF_ELIMIT, "more than %u projects", UINT32_MAX - 1);
    pf_relations *r = pf__calloc(c.alloc, 1, sizeof *r);
    if (!r)
        return pf__oom(err);
    r->alloc = doc->alloc;
    r->opts = c.o;
    s = find_relations(&c, map, r, compact, err);
    ctx_free(&c);
    if (s != PF_OK) {
        pf_relations_free(r);
        return s;
    }
    *out = r;
    return PF_OK;
}

pf_status pf_doc_relations(const pf_doc *doc, const pf_map *map, const pf_relation_options *opts, pf_relations **out,
                           pf_error *err)
{
    return relations(doc, map, opts, false, out, err);
}

pf_status pf__doc_relations_compact(const pf_doc *doc, const pf_map *map, const pf_relation_options *opts,
                                    pf_relations **out, pf_error *err)
{
    return relations(doc, map, opts, true, out, err);
}

void pf__relation_view(const pf_relations *r, size_t index, pf_relation *out)
{
    if (r->items) {
        *out = r->items[index];
        return;
    }
    const rel *x = &r->rels[index];
    const psize *a = &r->sizes[x->a], *b = &r->sizes[x->b];
    size_t ev = r->ev_at[index], tags = r->tag_n[index], partners = r->ev_at[index + 1] - ev - tags;
    /* As build_result() makes the public struct. */
    out->kind = (pf_relation_kind)x->kind;
    out->a = r->ids[x->a];
    out->b = r->ids[x->b];
    out->similarity = x->s;
    out->tag_jaccard = jaccard(tags, a->tags, b->tags);
    out->partner_jaccard = jaccard(partners, a->partners, b->partners);
    out->is_explicit = x->links != 0;
    out->link_kind = link_behind(out->kind, x->links);
    out->shared_tags = r->lists + ev;
    out->shared_tag_count = tags;
    out->shared_partners = r->lists + ev + tags;
    out->shared_partner_count = partners;
}

void pf_relations_free(pf_relations *r)
{
    if (!r)
        return;
    pf_allocator a = r->alloc;
    pf__free(&a, r->items);
    pf__free(&a, r->rels);
    pf__free(&a, r->ev_at);
    pf__free(&a, r->tag_n);
    pf__free(&a, r->sizes);
    pf__free(&a, r->ids);
    pf__free(&a, r->lists);
    pf__free(&a, r->strings);
    pf__free(&a, r);
}

size_t pf_relations_count(const pf_relations *r)
{
    return r->count;
}

const pf_relation *pf_relations_at(const pf_relations *r, size_t index)
{
    return index < r->count && r->items ? &r->items[index] : NULL;
}

size_t pf_relations_count_kind(const pf_relations *r, pf_relation_kind kind)
{
    return (int)kind >= 0 && kind < PF_RELATION_KIND_COUNT ? r->kind_count[kind] : 0;
}

const pf_relation_options *pf_relations_options(const pf_relations *r)
{
    return &r->opts;
}

size_t pf_relations_pairs_examined(const pf_relations *r)
{
    return r->examined;
}

/* ---- JSON ---- */

static void json_strings(pf_json *j, const char *key, const char *const *items, size_t count)
{
    pf__json_key(j, key);
    pf__json_array_begin(j);
    for (size_t i = 0; i < count; i++)
        pf__json_string(j, items[i]);
    pf__json_array_end(j);
}

void pf__relations_json(pf_json *j, const pf_relations *r)
{
    const pf_relation_options *o = &r->opts;
    pf__json_object_begin(j);
    pf__json_key(j, "schema_version");
    pf__json_integer(j, 1);
    pf__json_key(j, "options");
    pf__json_object_begin(j);
    pf__json_key(j, "tag_weight");
    pf__json_number(j, o->tag_weight);
    pf__json_key(j, "partner_weight");
    pf__json_number(j, o->partner_weight);
    pf__json_key(j, "threshold");
    pf__json_number(j, o->threshold);
    pf__json_key(j, "duplicate_threshold");
    pf__json_number(j, o->duplicate_threshold);
    pf__json_key(j, "top_k");
    pf__json_integer(j, (long long)o->top_k);
    pf__json_key(j, "common_share");
    pf__json_number(j, o->common_share);
    pf__json_key(j, "common_min");
    pf__json_integer(j, (long long)o->common_min);
    pf__json_object_end(j);
    pf__json_key(j, "pairs_examined");
    pf__json_integer(j, (long long)r->examined);
    pf__json_key(j, "counts");
    pf__json_object_begin(j);
    for (int k = 0; k < PF_RELATION_KIND_COUNT; k++) {
        pf__json_key(j, pf_relation_kind_name((pf_relation_kind)k));
        pf__json_integer(j, (long long)r->kind_count[k]);
    }
    pf__json_object_end(j);
    pf__json_key(j, "relations");
    pf__json_array_begin(j);
    for (size_t i = 0; i < r->count; i++) {
        pf_relation view;
        const pf_relation *x = &view;
        pf__relation_view(r, i, &view);
        pf__json_object_begin(j);
        pf__json_key(j, "kind");
        pf__json_string(j, pf_relation_kind_name(x->kind));
        pf__json_key(j, "a");
        pf__json_string(j, x->a);
        pf__json_key(j, "b");
        pf__json_string(j, x->b);
        pf__json_key(j, "similarity");
        pf__json_number(j, x->similarity);
        pf__json_key(j, "tag_jaccard");
        pf__json_number(j, x->tag_jaccard);
        pf__json_key(j, "partner_jaccard");
        pf__json_number(j, x->partner_jaccard);
        pf__json_key(j, "explicit");
        pf__json_bool(j, x->is_explicit);
        pf__json_key(j, "link_kind");
        pf__json_string(j, x->is_explicit ? pf_link_kind_name(x->link_kind) : NULL);
        json_strings(j, "shared_tags", x->shared_tags, x->shared_tag_count);
        json_strings(j, "shared_partners", x->shared_partners, x->shared_partner_count);
        pf__json_object_end(j);
    }
    pf__json_array_end(j);
    pf__json_object_end(j);
}

static pf_status write_json(const pf_relations *r, pf_buf *out, const pf_sink *sink, pf_error *err)
{
    if (!r || (!out && !sink))
        return pf__fail(err, PF_EARG, "relations or %s is NULL", out ? "out" : "sink");
    pf_json j;
    pf__json_open(&j, out, sink, &r->alloc);
    pf__relations_json(&j, r);
    return pf__json_close(&j, err);
}

pf_status pf_relations_write_json(const pf_relations *r, pf_buf *out, pf_error *err)
{
    return out ? write_json(r, out, NULL, err) : pf__fail(err, PF_EARG, "relations or out is NULL");
}

pf_status pf_relations_write_json_to(const pf_relations *r, const pf_sink *sink, pf_error *err)
{
    return sink && sink->write_fn ? write_json(r, NULL, sink, err)
                                  : pf__fail(err, PF_EARG, "relations or sink is NULL");
}
