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

_Static_assert(PATH_MAX <= sizeof ((pf_atomic_file *)0)->file, "pf_atomic_file holds a path");

void pf__atomic_init(pf_atomic_file *f, const char *path)
{
    f->path = path;
    f->fd = -1;
    f->in_place = false;
    f->unnamed = false;
    f->mode = 0644;
    f->saved = 0;
    f->failed_to = "write";
}

static bool atomic_failed(pf_atomic_file *f, int saved, const char *what)
{
    f->saved = saved ? saved : EIO;
    f->failed_to = what;
    return false;
}

/* Opens the temporary file (or the device in place) on the first byte. */
static bool atomic_open(pf_atomic_file *f)
{
    static const char suffix[] = ".tmp-" "XXXX" "XX"; /* mkstemp's six-letter template */
    if (strlen(f->path) >= PATH_MAX)
        return atomic_failed(f, ENAMETOOLONG, "write");
    /* A symbolic link stays a link: the file it names is the one replaced. */
    int saved = resolve_links(f->path, f->file);
    if (saved)
        return atomic_failed(f, saved, "write");
    struct stat st;
    bool exists = stat(f->file, &st) == 0;
    if (exists && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) {
        /* A device, FIFO or socket is written in place: renaming over it would replace the node. */
        f->in_place = true;
        f->fd = open(f->file, O_WRONLY | O_NOCTTY | O_CLOEXEC);
        return f->fd >= 0 || atomic_failed(f, errno, "write");
    }
    /* Keep the mode of a file being replaced; new files get rw-r--r--. */
    if (exists)
        f->mode = st.st_mode & 07777;
    size_t plen = strlen(f->file);
#ifdef O_TMPFILE
    /* An unnamed file in the same folder, linked to a name at the commit through /proc (linkat with
       AT_EMPTY_PATH needs a privilege). A file system without O_TMPFILE takes a named one below. */
    const char *slash = strrchr(f->file, '/');
    size_t dir = !slash ? 0 : slash == f->file ? 1 : (size_t)(slash - f->file);
    memcpy(f->tmp, dir ? f->file : ".", dir ? dir : 1);
    f->tmp[dir ? dir : 1] = '\0';
    if (access("/proc/self/fd", X_OK) == 0) {
        f->fd = open(f->tmp, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
        if (f->fd >= 0) {
            f->unnamed = true;
            return true;
        }
    }
#endif
    memcpy(f->tmp, f->file, plen);
    memcpy(f->tmp + plen, suffix, sizeof suffix);
    f->fd = mkstemp(f->tmp);
    if (f->fd < 0)
        return atomic_failed(f, errno, "create a temporary file beside");
    return true;
}

pf_status pf__atomic_write(pf_atomic_file *f, const char *data, size_t len)
{
    if (!f->saved && f->fd < 0)
        atomic_open(f);
    if (!f->saved && len) {
        int saved = write_all(f->fd, data, len);
        if (saved)
            atomic_failed(f, saved, "write");
    }
    return f->saved ? PF_EIO : PF_OK;
}

void pf__atomic_abandon(pf_atomic_file *f)
{
    if (f->fd >= 0) {
        close(f->fd);
        if (!f->in_place && !f->unnamed)
            unlink(f->tmp);
    }
    f->fd = -1;
}

/* Gives the unnamed file written a temporary name beside the file (one nobody has taken); 0 or an errno. */
static int atomic_name(pf_atomic_file *f)
{
    char proc[40];
    snprintf(proc, sizeof proc, "/proc/self/fd/%d", f->fd);
    size_t plen = strlen(f->file);
    for (unsigned attempt = 0; attempt < 1000; attempt++) {
        snprintf(f->tmp + plen, sizeof f->tmp - plen, ".tmp-%ld-%u", (long)getpid(), attempt);
        memcpy(f->tmp, f->file, plen);
        if (linkat(AT_FDCWD, proc, AT_FDCWD, f->tmp, AT_SYMLINK_FOLLOW) == 0) {
            f->unnamed = false;
            return 0;
        }
        if (errno != EEXIST)
            return errno;
    }
    return EEXIST;
}

pf_status pf__atomic_commit(pf_atomic_file *f, pf_error *err)
{
    pf__atomic_write(f, "", 0); /* an empty output is a file too */
    int saved = f->saved;
    if (!saved && !f->in_place && fchmod(f->fd, (mode_t)f->mode) != 0)
        saved = errno;
    if (!saved && !f->in_place && fsync(f->fd) != 0)
        saved = errno;
    if (!saved && f->unnamed)
        saved = atomic_name(f);
    if (f->fd >= 0 && close(f->fd) != 0 && !saved)
        saved = errno;
    if (!saved && !f->in_place && rename(f->tmp, f->file) != 0)
        saved = errno;
    if (saved && f->fd >= 0 && !f->in_place && !f->unnamed)
        unlink(f->tmp);
    f->fd = -1;
    if (!saved)
        return PF_OK;
    if (saved == ENAMETOOLONG && strlen(f->path) >= PATH_MAX)
        return pf__fail(err, PF_EIO, "cannot write %s: the path is longer than %d bytes", f->path, PATH_MAX - 1);
    return pf__fail(err, PF_EIO, "cannot %s %s: %s", f->saved ? f->failed_to : "write", f->path, strerror(saved));
}

static pf_status atomic_sink_write(void *ctx, const char *data, size_t size)
{
    return pf__atomic_write(ctx, data, size);
}

pf_sink pf__atomic_sink(pf_atomic_file *f)
{
    return (pf_sink){ atomic_sink_write, f };
}

pf_status pf__write_file_atomic(const char *path, const char *data, size_t len, pf_error *err)
{
    pf_atomic_file f;
    pf__atomic_init(&f, path);
    pf__atomic_write(&f, data, len);
    return pf__atomic_commit(&f, err);
}

pf_status pf_buf_write_file(const pf_buf *buf, const char *path, pf_error *err)
{
    if (!buf || !path)
        return pf__fail(err, PF_EARG, "%s is NULL", buf ? "path" : "buf");
    return pf__write_file_atomic(path, buf->size ? buf->data : "", buf->size, err);
}
