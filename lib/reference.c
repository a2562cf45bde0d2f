/*
 * Files a document names (its `instrument:` file), read as pf_read_options::referenced_files
 * allows (docs/instrument.md, "Documents and untrusted instrument files"). The document's
 * writer may not be the program's user: what is said about such a file tells whether it
 * could be used, never why the operating system refused it, nor anything of its contents.
 */
/* realpath() is XSI. */
#define _XOPEN_SOURCE 700
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

/* Bytes of the folder part of a path, its final '/' included: 0 for a bare name. */
static size_t folder_length(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? (size_t)(slash - path) + 1 : 0;
}

/* Whether a path has a ".." component. */
static bool climbs(const char *path)
{
    for (const char *p = path; *p;) {
        size_t n = strcspn(p, "/");
        if (n == 2 && p[0] == '.' && p[1] == '.')
            return true;
        p += n;
        while (*p == '/')
            p++;
    }
    return false;
}

/* Whether a resolved path lies below a resolved folder (not the folder itself). */
static bool below(const char *folder, const char *path)
{
    size_t n = strlen(folder);
    if (n == 1)
        return path[0] == '/' && path[1] != '\0'; /* the folder is the root */
    return strncmp(folder, path, n) == 0 && path[n] == '/';
}

/*
 * Opens a regular file and reads it whole. Only regular files: a device or a pipe could feed
 * the reader without end, and opening some devices has effects of its own, so the type is
 * checked before opening and again on what was opened (in case the name changed in between).
 */
static pf_status read_regular(const char *path, bool no_link, size_t max, const pf_allocator *a, char **data,
                              size_t *size)
{
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
        return PF_EIO;
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | (no_link ? O_NOFOLLOW : 0));
    if (fd < 0)
        return PF_EIO;
    FILE *f = NULL;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || !(f = fdopen(fd, "rb"))) {
        close(fd);
        return PF_EIO;
    }
    pf_error local;
    pf_status s = pf__read_stream(f, max, a, data, size, &local);
    fclose(f);
    return s == PF_OK || s == PF_ENOMEM ? s : PF_EIO;
}

pf_status pf__read_referenced(const char *value, const char *source, bool from_memory, const pf_read_options *ro,
                              const char *what, const pf_allocator *a, char **path, char **data, size_t *size,
                              pf_error *why)
{
    bool confined = ro->referenced_files == PF_REFERENCED_FILES_DOCUMENT_FOLDER;
    if (ro->referenced_files == PF_REFERENCED_FILES_NONE)
        return pf__fail(why, PF_EARG, "names a file, and reading the files a document names is turned off");
    /* The folder relative names are read from: the document's, or the caller's for one in memory. */
    const char *folder = source;
    size_t folder_len = folder_length(source);
    if (from_memory && ro->base_folder) {
        folder = ro->base_folder;
        folder_len = strlen(folder);
    } else if (from_memory && confined) {
        return pf__fail(why, PF_EARG, "names a file, but a document read from memory has no folder to read it from");
    }
    if (confined && value[0] == '/')
        return pf__fail(why, PF_EARG, "is an absolute path; only files in the document's folder can be named");
    if (confined && climbs(value))
        return pf__fail(why, PF_EARG, "leaves the document's folder ('..'); only files in it can be named");
    bool separator = value[0] != '/' && folder_len && folder[folder_len - 1] != '/';
    size_t dir = value[0] == '/' ? 0 : folder_len, len = strlen(value);
    char *joined = pf__malloc(a, dir + separator + len + 1);
    if (!joined)
        return pf__oom(why);
    memcpy(joined, folder, dir);
    if (separator)
        joined[dir] = '/';
    memcpy(joined + dir + separator, value, len + 1);
    pf_status s;
    if (!confined) {
        s = read_regular(joined, false, ro->max_bytes, a, data, size);
    } else {
        /* Both resolved (links followed), the file must still lie below the folder; then it is opened
           by its resolved name, which has no link left to follow. */
        char base[PATH_MAX], real[PATH_MAX];
        char *folder_copy = pf__strndup(a, folder_len ? folder : ".", folder_len ? folder_len : 1);
        if (!folder_copy) {
            pf__free(a, joined);
            return pf__oom(why);
        }
        bool inside = realpath(folder_copy, base) && realpath(joined, real) && below(base, real);
        pf__free(a, folder_copy);
        s = inside ? read_regular(real, true, ro->max_bytes, a, data, size) : PF_EIO;
    }
    if (s == PF_OK) {
        *path = joined;
        return PF_OK;
    }
    pf__free(a, joined);
    if (s == PF_ENOMEM)
        return pf__oom(why);
    /* One message whatever the cause: which one it was would tell what lies outside the document. */
    if (confined)
        return pf__fail(why, PF_EIO, "cannot be read as %s from the document's folder (it is missing, unreadable, "
                        "not a regular file, too large, or a link out of the folder)", what);
    return pf__fail(why, PF_EIO, "cannot be read as %s (it is missing, unreadable, not a regular file, or too large)",
                    what);
}
