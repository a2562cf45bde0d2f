/* An allocator that counts live and peak bytes (with a size header per block), and a monotonic clock. */
#ifndef PF_BENCH_METER_H
#define PF_BENCH_METER_H

#include <stdlib.h>
#include <time.h>

typedef struct meter {
    size_t live, peak;
} meter;

static void *meter_malloc(void *ctx, size_t size)
{
    meter *m = ctx;
    size_t *p = malloc(size + sizeof(size_t) * 2);
    if (!p)
        return NULL;
    p[0] = size;
    m->live += size;
    if (m->live > m->peak)
        m->peak = m->live;
    return p + 2;
}

static void *meter_realloc(void *ctx, void *ptr, size_t size)
{
    meter *m = ctx;
    if (!ptr)
        return meter_malloc(ctx, size);
    size_t *old = (size_t *)ptr - 2;
    size_t old_size = old[0];
    size_t *p = realloc(old, size + sizeof(size_t) * 2);
    if (!p)
        return NULL;
    p[0] = size;
    m->live = m->live - old_size + size;
    if (m->live > m->peak)
        m->peak = m->live;
    return p + 2;
}

static void meter_free(void *ctx, void *ptr)
{
    meter *m = ctx;
    size_t *p = (size_t *)ptr - 2;
    m->live -= p[0];
    free(p);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

#endif
