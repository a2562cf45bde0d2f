/* Whole-file reads with a size limit, and atomic writes. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

pf_status pf__read_file(const char *path, size_t max, const pf_allocator *a, char **data, size_t *len, pf_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return pf__fail(err, errno == ENOENT ? PF_ENOTFOUND : PF_EIO, "cannot open: %s", strerror(errno));
    pf_status s = pf__read_stream(f, max, a, data, len, err);
    fclose(f);
    return s;
}

pf_status pf__read_stream(FILE *f, size_t max, const pf_allocator *a, char **data, size_t *len, pf_error *err)
{
    size_t cap = 0, n = 0;
    char *buf = NULL;
    pf_status s = PF_OK;
    for (;;) {
        if (n == cap && pf__grow(a, (void **)&buf, &cap, cap ? cap * 2 : 65536, 1) != PF_OK) {
            s = pf__oom(err);
            break;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (n > max) {
            s = pf__fail(err, PF_ELIMIT, "the file is larger than the limit of %zu bytes", max);
            break;
        }
        if (got == 0) {
            if (ferror(f))
                s = pf__fail(err, PF_EIO, "cannot read: %s", strerror(errno));
            break;
        }
    }
    if (s == PF_OK && pf__grow(a, (void **)&buf, &cap, n + 1, 1) != PF_OK)
        s = pf__oom(err);
    if (s != PF_OK) {
        pf__free(a, buf);
        return s;
    }
    buf[n] = '\0';
    *data = buf;
    *len = n;
    return PF_OK;
}

pf_status pf__write_file_atomic(const char *path, const char *data, size_t len, pf_error *err)
{
    /* The temporary name lives on the stack: no allocation escapes the caller's allocator. */
    static const char suffix[] = ".tmp-" "XXXX" "XX"; /* mkstemp's six-letter template */
    char tmp[PATH_MAX + sizeof suffix];
    size_t plen = strlen(path);
    if (plen >= PATH_MAX)
        return pf__fail(err, PF_EIO, "cannot write %s: the path is longer than %d bytes", path, PATH_MAX - 1);
    memcpy(tmp, path, plen);
    memcpy(tmp + plen, suffix, sizeof suffix);
    int fd = mkstemp(tmp);
    if (fd < 0)
        return pf__fail(err, PF_EIO, "cannot create a temporary file beside %s: %s", path, strerror(errno));
    /* Keep the mode of a file being replaced; new files get rw-r--r--. */
    struct stat st;
    mode_t mode = stat(path, &st) == 0 ? (st.st_mode & 07777) : 0644;
    int saved = 0;
    size_t done = 0;
    while (done < len && !saved) {
        ssize_t w = write(fd, data + done, len - done);
        if (w < 0 && errno != EINTR)
            saved = errno;
        else if (w > 0)
            done += (size_t)w;
    }
    if (!saved && fchmod(fd, mode) != 0)
        saved = errno;
    if (!saved && fsync(fd) != 0)
        saved = errno;
    if (close(fd) != 0 && !saved)
        saved = errno;
    if (!saved && rename(tmp, path) != 0)
        saved = errno;
    if (saved)
        unlink(tmp);
    if (saved)
        return pf__fail(err, PF_EIO, "cannot write %s: %s", path, strerror(saved));
    return PF_OK;
}

pf_status pf_buf_write_file(const pf_buf *buf, const char *path, pf_error *err)
{
    if (!buf || !path)
        return pf__fail(err, PF_EARG, "%s is NULL", buf ? "path" : "buf");
    return pf__write_file_atomic(path, buf->size ? buf->data : "", buf->size, err);
}
