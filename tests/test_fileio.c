/* pf_buf_write_file(): atomic replacement of regular files, symbolic links followed, special files written in place;
   and the file written a piece at a time under it (pf_atomic_file). */
/* mknod() and readlink() are XSI. */
#define _XOPEN_SOURCE 700
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include <portfolio/portfolio.h>

#include "internal.h" /* pf_atomic_file, which pf_doc_report_file() streams into */

static const char text[] = "written\n";

/* A buffer over static bytes: pf_buf_write_file() only reads it, so it is never disposed. */
static pf_buf text_buf(void)
{
    pf_buf b = PF_BUF_INIT;
    b.data = (char *)text;
    b.size = sizeof text - 1;
    return b;
}

static char folder[64];

static int make_folder(void **state)
{
    (void)state;
    strcpy(folder, "/tmp/test_fileio-XXXXXX");
    return mkdtemp(folder) ? 0 : -1;
}

static int remove_folder(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", folder);
    return system(cmd) == 0 ? 0 : -1;
}

static const char *in_folder(const char *name)
{
    static char paths[4][256];
    static int next;
    char *p = paths[next++ % 4];
    snprintf(p, sizeof paths[0], "%s/%s", folder, name);
    return p;
}

static void assert_content(const char *path, const char *want)
{
    char got[64] = { 0 };
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    size_t n = fread(got, 1, sizeof got - 1, f);
    fclose(f);
    assert_int_equal(n, strlen(want));
    assert_string_equal(got, want);
}

/* No temporary file is left beside the written ones: the folder holds exactly `want` entries. */
static void assert_entries(size_t want)
{
    DIR *d = opendir(folder);
    assert_non_null(d);
    size_t n = 0;
    for (struct dirent *e; (e = readdir(d));)
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    closedir(d);
    assert_int_equal(n, want);
}

static void test_regular_file_keeps_its_mode(void **state)
{
    (void)state;
    const char *path = in_folder("plain.txt");
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("old\n", f);
    fclose(f);
    assert_int_equal(chmod(path, 0600), 0);
    pf_buf b = text_buf();
    pf_error err;
    assert_int_equal(pf_buf_write_file(&b, path, &err), PF_OK);
    assert_content(path, text);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0600);
    assert_entries(1);
}

static void test_symbolic_links_are_followed(void **state)
{
    (void)state;
    assert_int_equal(mkdir(in_folder("real"), 0755), 0);
    assert_int_equal(mkdir(in_folder("links"), 0755), 0);
    FILE *f = fopen(in_folder("real/target.txt"), "w");
    assert_non_null(f);
    fclose(f);
    /* A relative target is read from the link's folder, and a chain is followed to its end. */
    assert_int_equal(symlink("../real/target.txt", in_folder("links/one")), 0);
    assert_int_equal(symlink("one", in_folder("links/two")), 0);
    pf_buf b = text_buf();
    pf_error err;
    assert_int_equal(pf_buf_write_file(&b, in_folder("links/two"), &err), PF_OK);
    assert_content(in_folder("real/target.txt"), text);
    struct stat st;
    assert_int_equal(lstat(in_folder("links/two"), &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    assert_int_equal(lstat(in_folder("links/one"), &st), 0);
    assert_true(S_ISLNK(st.st_mode));

    /* A dangling link: the file it names is created. */
    assert_int_equal(symlink("../real/new.txt", in_folder("links/dangling")), 0);
    assert_int_equal(pf_buf_write_file(&b, in_folder("links/dangling"), &err), PF_OK);
    assert_content(in_folder("real/new.txt"), text);
    assert_int_equal(lstat(in_folder("links/dangling"), &st), 0);
    assert_true(S_ISLNK(st.st_mode));

    /* A loop is an error naming the path given. */
    assert_int_equal(symlink("loop-b", in_folder("links/loop-a")), 0);
    assert_int_equal(symlink("loop-a", in_folder("links/loop-b")), 0);
    const char *loop = in_folder("links/loop-a");
    assert_int_equal(pf_buf_write_file(&b, loop, &err), PF_EIO);
    char want[300];
    snprintf(want, sizeof want, "cannot write %s: %s", loop, strerror(ELOOP));
    assert_string_equal(err.message, want);
}

static void test_fifo_is_written_in_place(void **state)
{
    (void)state;
    const char *path = in_folder("fifo");
    assert_int_equal(mkfifo(path, 0600), 0);
    /* A reader opened first (without waiting for a writer) lets the writer's open return at once. */
    int reader = open(path, O_RDONLY | O_NONBLOCK);
    assert_true(reader >= 0);
    pf_buf b = text_buf();
    pf_error err;
    assert_int_equal(pf_buf_write_file(&b, path, &err), PF_OK);
    char got[64] = { 0 };
    ssize_t n = read(reader, got, sizeof got - 1);
    close(reader);
    assert_int_equal(n, (ssize_t)strlen(text));
    assert_string_equal(got, text);
    struct stat st;
    assert_int_equal(lstat(path, &st), 0);
    assert_true(S_ISFIFO(st.st_mode));
    assert_entries(1);
}

static void test_device_is_written_in_place(void **state)
{
    (void)state;
    struct stat null_st, st;
    if (stat("/dev/null", &null_st) != 0 || !S_ISCHR(null_st.st_mode))
        skip();
    /* A node of its own (root only): the test never risks the system's /dev/null. */
    const char *path = in_folder("null");
    if (mknod(path, S_IFCHR | 0666, null_st.st_rdev) != 0)
        skip();
    pf_buf b = text_buf();
    pf_error err;
    assert_int_equal(pf_buf_write_file(&b, path, &err), PF_OK);
    assert_int_equal(lstat(path, &st), 0);
    assert_true(S_ISCHR(st.st_mode));
    assert_int_equal(st.st_rdev, null_st.st_rdev);
    assert_entries(1);
}

static void test_device_error_is_reported(void **state)
{
    (void)state;
    struct stat st;
    if (stat("/dev/full", &st) != 0 || !S_ISCHR(st.st_mode))
        skip();
    pf_buf b = text_buf();
    pf_error err;
    assert_int_equal(pf_buf_write_file(&b, "/dev/full", &err), PF_EIO);
    char want[128];
    snprintf(want, sizeof want, "cannot write /dev/full: %s", strerror(ENOSPC));
    assert_string_equal(err.message, want);
    assert_int_equal(stat("/dev/full", &st), 0);
    assert_true(S_ISCHR(st.st_mode));
}

/* Whether the folder's file system gives unnamed files (O_TMPFILE), as the writer asks for. */
static bool unnamed_files(void)
{
#ifdef O_TMPFILE
    int fd = open(folder, O_TMPFILE | O_WRONLY, 0600);
    if (fd >= 0)
        close(fd);
    return fd >= 0 && access("/proc/self/fd", X_OK) == 0;
#else
    return false;
#endif
}

/* A file written a piece at a time: nothing is there before the first byte, nothing named while it is written
   (where the system gives unnamed files), the old content until the commit, and nothing left when abandoned. */
static void test_streamed_file_appears_whole_or_not_at_all(void **state)
{
    (void)state;
    const char *path = in_folder("report.txt");
    pf_buf b = text_buf();
    pf_error err;
    assert_int_equal(pf_buf_write_file(&b, path, &err), PF_OK);
    assert_int_equal(chmod(path, 0640), 0);
    pf_atomic_file f;
    pf__atomic_init(&f, path);
    assert_entries(1); /* nothing created yet */
    assert_int_equal(pf__atomic_write(&f, "new ", 4), PF_OK);
    assert_int_equal(pf__atomic_write(&f, "text\n", 5), PF_OK);
    if (unnamed_files())
        assert_entries(1); /* a process killed now leaves nothing behind */
    assert_content(path, text);
    pf__atomic_abandon(&f);
    assert_entries(1);
    assert_content(path, text);

    pf__atomic_init(&f, path);
    assert_int_equal(pf__atomic_write(&f, "new ", 4), PF_OK);
    assert_int_equal(pf__atomic_write(&f, "text\n", 5), PF_OK);
    assert_content(path, text);
    assert_int_equal(pf__atomic_commit(&f, &err), PF_OK);
    assert_content(path, "new text\n");
    assert_entries(1);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0640);

    /* An output of no bytes is a file too. */
    pf__atomic_init(&f, in_folder("empty.txt"));
    assert_int_equal(pf__atomic_commit(&f, &err), PF_OK);
    assert_content(in_folder("empty.txt"), "");
    assert_int_equal(stat(in_folder("empty.txt"), &st), 0);
    assert_int_equal(st.st_mode & 0777, 0644);
    assert_entries(2);

    /* A folder cannot be replaced: the failure names it and leaves nothing. */
    assert_int_equal(mkdir(in_folder("dir"), 0755), 0);
    pf__atomic_init(&f, in_folder("dir"));
    assert_int_equal(pf__atomic_write(&f, "x", 1), PF_OK);
    assert_int_equal(pf__atomic_commit(&f, &err), PF_EIO);
    char want[512];
    snprintf(want, sizeof want, "cannot write %s: %s", in_folder("dir"), strerror(EISDIR));
    assert_string_equal(err.message, want);
    assert_entries(3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_regular_file_keeps_its_mode, make_folder, remove_folder),
        cmocka_unit_test_setup_teardown(test_symbolic_links_are_followed, make_folder, remove_folder),
        cmocka_unit_test_setup_teardown(test_fifo_is_written_in_place, make_folder, remove_folder),
        cmocka_unit_test_setup_teardown(test_device_is_written_in_place, make_folder, remove_folder),
        cmocka_unit_test(test_device_error_is_reported),
        cmocka_unit_test_setup_teardown(test_streamed_file_appears_whole_or_not_at_all, make_folder, remove_folder),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
