/*
 * The failing allocator of the C tests: a pf_allocator that fails one chosen call and counts
 * the blocks it holds, to walk every allocation failure of an API call.
 *
 * A walk arms the allocator to fail the 1st, 2nd, 3rd... call of the call under test in turn,
 * and checks each time that the failure is reported as PF_ENOMEM and leaks nothing; it ends at
 * the first n that the call does not reach, when no failure was injected and the call succeeds:
 *
 *     failing_alloc f = { 0 };
 *     pf_allocator a = failing_alloc_allocator(&f);
 *     ... set up with `a`, never failing ...
 *     for (long n = 1;; n++) {
 *         long before = f.live;
 *         failing_alloc_arm(&f, n);
 *         pf_status s = the_call(..., &err);
 *         bool done = failing_alloc_walk_done(&f, s, PF_OK, &err, "the call", n);
 *         ... check the output and that f.live == before ...
 *         if (done)
 *             break;
 *     }
 *
 * Include it after <cmocka.h> and its prerequisites. It keeps no global state: each test owns
 * its failing_alloc, given to the library as the allocator's context.
 */
#ifndef PF_TESTS_FAILING_ALLOC_H
#define PF_TESTS_FAILING_ALLOC_H

#include <stdbool.h>
#include <stdlib.h>

#include <portfolio/common.h>

/*
 * The state of the allocator. Zero-initialised ({ 0 }) it never fails, and counts; armed with
 * failing_alloc_arm(), it fails one call, and every call after that one succeeds again: a walk
 * tests each failure alone, with the error and clean-up paths it leads to free to allocate.
 */
typedef struct failing_alloc {
    /*
     * N > 0: the Nth malloc or realloc call from now fails (returns NULL, allocating nothing),
     * and the countdown is then 0. 0: no call fails. Counting down never goes below 0, so
     * after a call a countdown of 0 means a failure was injected only if it was armed: test
     * `injected` (or use failing_alloc_disarm()) rather than the countdown.
     */
    long countdown;
    /*
     * Blocks held: +1 for each successful malloc and realloc(NULL, n), -1 for each free of a
     * non-NULL pointer (a free of NULL, which the library never makes, counts nothing). A
     * realloc of a block moves it without changing the count; a failed call changes nothing.
     */
    long live;
    long calls;    /* malloc and realloc calls, failed ones included */
    bool injected; /* the countdown reached 0: a call was failed since the last failing_alloc_arm() */
} failing_alloc;

/* Counts the call down; true when this call is the one to fail. */
static inline bool failing_alloc_fails(failing_alloc *f)
{
    f->calls++;
    if (f->countdown > 0 && --f->countdown == 0) {
        f->injected = true;
        return true;
    }
    return false;
}

static inline void *failing_alloc_malloc(void *ctx, size_t size)
{
    failing_alloc *f = ctx;
    if (failing_alloc_fails(f))
        return NULL;
    void *p = malloc(size);
    f->live += p != NULL;
    return p;
}

static inline void *failing_alloc_realloc(void *ctx, void *ptr, size_t size)
{
    failing_alloc *f = ctx;
    if (failing_alloc_fails(f))
        return NULL;
    void *p = realloc(ptr, size);
    f->live += p && !ptr;
    return p;
}

static inline void failing_alloc_free(void *ctx, void *ptr)
{
    failing_alloc *f = ctx;
    f->live -= ptr != NULL;
    free(ptr);
}

/* The allocator whose context is `f`; `f` must outlive everything allocated through it. */
static inline pf_allocator failing_alloc_allocator(failing_alloc *f)
{
    pf_allocator a = { failing_alloc_malloc, failing_alloc_realloc, failing_alloc_free, f };
    return a;
}

/* Fails the nth malloc or realloc call from now (n > 0), forgetting any earlier failure. */
static inline void failing_alloc_arm(failing_alloc *f, long n)
{
    assert_true(n > 0);
    f->countdown = n;
    f->injected = false;
}

/* Stops failing calls; returns whether a failure was injected since failing_alloc_arm(). */
static inline bool failing_alloc_disarm(failing_alloc *f)
{
    f->countdown = 0;
    return f->injected;
}

/*
 * Disarms the allocator after a call of a walk that returned `s`, and says whether the walk is
 * complete. No failure injected: the call reached its end, so it must have returned `want`
 * (PF_OK, or the refusal of an invalid input), and the walk is complete (true). A failure
 * injected: the call must have returned PF_ENOMEM, with the code in `err` too unless `err` is
 * NULL, and the walk goes on (false). A failure message names `what` and the allocation `n`.
 */
static inline bool failing_alloc_walk_done(failing_alloc *f, pf_status s, pf_status want, const pf_error *err,
                                           const char *what, long n)
{
    /* err is filled only on a failure. */
    const char *message = err && s != PF_OK ? err->message : "", *colon = *message ? ": " : "";
    if (!failing_alloc_disarm(f)) {
        if (s != want)
            fail_msg("%s: no allocation failed, yet status %d (%s%s%s) instead of %d (%s)", what, (int)s,
                     pf_status_string(s), colon, message, (int)want, pf_status_string(want));
        return true;
    }
    if (s != PF_ENOMEM)
        fail_msg("%s: allocation %ld failed, yet status %d (%s%s%s) instead of PF_ENOMEM", what, n, (int)s,
                 pf_status_string(s), colon, message);
    if (err)
        assert_int_equal(err->code, PF_ENOMEM);
    return false;
}

#endif
