/* Whole-file reads with a size limit, and atomic writes. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
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

/* Writes all of data to fd; 0 or the errno of the failure. */
static int write_all(int fd, const char *data, size_t len)
{
    size_t done = 0;
    while (done < len) {
        ssize_t w = write(fd, data + done, len - done);
        if (w < 0 && errno != EINTR)
            return errno;
        if (w > 0)
            done += (size_t)w;
    }
    return 0;
}

/*
 * The file a path names once its symbolic links are followed (relative targets read from the link's
 * folder), into out; 0 or the errno of the failure (ELOOP past 40 links, as the kernel counts).
 * A path naming nothing (yet) is its own target: the file will be created there.
 */
static int resolve_links(const char *path, char out[PATH_MAX])
{
    strcpy(out, path);
    for (int hops = 0;; hops++) {
        struct stat st;
        if (lstat(out, &st) != 0)
            return errno == ENOENT ? 0 : errno;
        if (!S_ISLNK(st.st_mode))
            return 0;
        if (hops == 40)
            return ELOOP;
        char target[PATH_MAX];
        ssize_t n = readlink(out, target, sizeof target - 1);
        if (n < 0)
            return errno;
        target[n] = '\0';
        const char *slash = strrchr(out, '/');
        size_t dir = target[0] == '/' || !slash ? 0 : (size_t)(slash - out) + 1;
        if (dir + (size_t)n >= PATH_MAX)
            return ENAMETOOLONG;
        memcpy(out + dir, target, (size_t)n + 1);
    }
}

pf_status pf__write_file_atomic(const char *path, const char *data, size_t len, pf_error *err)
{
    /* Names live on the stack: no allocation escapes the caller's allocator. */
    static const char suffix[] = ".tmp-" "XXXX" "XX"; /* mkstemp's six-letter template */
    char file[PATH_MAX], tmp[PATH_MAX + sizeof suffix];
    if (strlen(path) >= PATH_MAX)
        return pf__fail(err, PF_EIO, "cannot write %s: the path is longer than %d bytes", path, PATH_MAX - 1);
    /* A symbolic link stays a link: the file it names is the one replaced. */
    int saved = resolve_links(path, file);
    if (saved)
        return pf__fail(err, PF_EIO, "cannot write %s: %s", path, strerror(saved));
    struct stat st;
    bool exists = stat(file, &st) == 0;
    if (exists && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) {
        /* A device, FIFO or socket is written in place: renaming over it would replace the node. */
        int fd = open(file, O_WRONLY | O_NOCTTY | O_CLOEXEC);
        if (fd < 0)
            return pf__fail(err, PF_EIO, "cannot write %s: %s", path, strerror(errno));
        saved = write_all(fd, data, len);
        if (close(fd) != 0 && !saved)
            saved = errno;
        if (saved)
            return pf__fail(err, PF_EIO, "cannot write %s: %s", path, strerror(saved));
        return PF_OK;
    }
    size_t plen = strlen(file);
    memcpy(tmp, file, plen);
    memcpy(tmp + plen, suffix, sizeof suffix);
    int fd = mkstemp(tmp);
    if (fd < 0)
        return pf__fail(err, PF_EIO, "cannot create a temporary file beside %s: %s", path, strerror(errno));
    /* Keep the mode of a file being replaced; new files get rw-r--r--. */
    mode_t mode = exists ? (st.st_mode & 07777) : 0644;
    saved = write_all(fd, data, len);
    if (!saved && fchmod(fd, mode) != 0)
        saved = errno;
    if (!saved && fsync(fd) != 0)
        saved = errno;
    if (close(fd) != 0 && !saved)
        saved = errno;
    if (!saved && rename(tmp, file) != 0)
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
