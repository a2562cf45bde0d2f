/*
 * Files in the C tests: reading one whole, and comparing an output with its golden file.
 * Include it after <cmocka.h> and its prerequisites (and <stdio.h>, <stdlib.h>, <string.h>).
 */
#ifndef PF_TESTS_TEST_FILES_H
#define PF_TESTS_TEST_FILES_H

/* A whole file, NUL-terminated, in a block the caller frees; its size in *len when len is given.
   NULL when it cannot be opened (a missing golden file is a failure the caller words). */
static inline char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0, got;
    char *data = malloc(cap + 1);
    assert_non_null(data);
    while ((got = fread(data + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            data = realloc(data, (cap *= 2) + 1);
            assert_non_null(data);
        }
    }
    fclose(f);
    data[n] = '\0';
    if (len)
        *len = n;
    return data;
}

/* The bytes must equal the golden file's, or, with PF_REGENERATE_GOLDEN set, become them. */
static inline void assert_golden(const char *path, const char *data, size_t size)
{
    if (getenv("PF_REGENERATE_GOLDEN")) {
        FILE *f = fopen(path, "wb");
        assert_non_null(f);
        assert_int_equal(fwrite(data, 1, size, f), size);
        fclose(f);
        return;
    }
    size_t len = 0;
    char *want = slurp(path, &len);
    if (!want)
        fail_msg("%s: missing golden file (PF_REGENERATE_GOLDEN=1 writes it)", path);
    if (len != size || memcmp(want, data, len) != 0) {
        size_t at = 0;
        while (at < len && at < size && want[at] == data[at])
            at++;
        free(want);
        fail_msg("%s differs from the output at byte %zu (%zu bytes, expected %zu; PF_REGENERATE_GOLDEN=1 "
                 "rewrites it)", path, at, size, len);
    }
    free(want);
}

#endif
