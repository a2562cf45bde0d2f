/* The benchmarks' pseudo-random numbers: the same documents on every platform and every run. */
#ifndef PF_BENCH_RANDOM_H
#define PF_BENCH_RANDOM_H

#include <stdint.h>

/* xorshift64*: small, fast and the same on every platform. `*state` must not be 0. */
static inline uint64_t bench_random(uint64_t *state)
{
    *state ^= *state >> 12;
    *state ^= *state << 25;
    *state ^= *state >> 27;
    return *state * 2685821657736338717ull;
}

/* Index in 0..n-1, small indexes far more likely (roughly Zipf with s = 1), as themes are in real portfolios. */
static inline unsigned bench_zipf(uint64_t *state, unsigned n)
{
    double u = (double)(bench_random(state) >> 11) / 9007199254740992.0;
    double x = 1.0;
    for (unsigned k = 0; k < 60 && x < n; k++)
        x *= 1.0 + u;
    return (unsigned)(x * x) % n;
}

#endif
