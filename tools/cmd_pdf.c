/*
 * portfolio report --format pdf: the HTML report printed by the system's
 * headless Chromium. The page's own print style sheet does the layout (A4,
 * margins, page numbers in @page margin boxes, figures and tables kept whole);
 * Chromium's own header and footer are turned off. Chromium runs in a private
 * temporary folder (the page, its profile, the PDF) with networking disabled,
 * under a time limit; the PDF is then written atomically to -o OUT, or to
 * standard output.
 */
#define _XOPEN_SOURCE 700 /* nftw() */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

/* Chromium prints a report in a few seconds; past this it is stuck (a broken installation, no memory). */
#define PDF_TIMEOUT_SECONDS 180

/* The first executable `name` in PATH, malloc'ed; NULL when there is none. */
static char *find_in_path(const char *name)
{
    const char *path = getenv("PATH");
    if (!path || !*path)
        path = "/usr/local/bin:/usr/bin:/bin";
    size_t nlen = strlen(name);
    for (const char *p = path;;) {
        size_t len = strcspn(p, ":");
        char *full = malloc(len + nlen + 3);
        if (!full)
            return NULL;
        /* An empty entry is the current directory, as for the shell. */
        if (len)
            memcpy(full, p, len);
        else
            full[len++] = '.';
        full[len] = '/';
        memcpy(full + len + 1, name, nlen + 1);
        struct stat st;
        if (stat(full, &st) == 0 && S_ISREG(st.st_mode) && access(full, X_OK) == 0)
            return full;
        free(full);
        p += strcspn(p, ":");
        if (!*p)
            return NULL;
        p++;
    }
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    remove(path);
    return 0;
}

static bool write_whole(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return false;
    bool ok = fwrite(data, 1, len, f) == len;
    return fclose(f) == 0 && ok;
}

/* The file's bytes into a buffer the library can write (pf_buf with the default allocator). */
static bool read_whole(const char *path, pf_buf *out)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    size_t cap = 1 << 16, len = 0;
    char *data = malloc(cap);
    while (data) {
        len += fread(data + len, 1, cap - len, f);
        if (len < cap)
            break;
        char *bigger = realloc(data, cap * 2);
        if (!bigger) {
            free(data);
            data = NULL;
            break;
        }
        data = bigger;
        cap *= 2;
    }
    bool ok = data && !ferror(f);
    fclose(f);
    if (!ok) {
        free(data);
        return false;
    }
    out->data = data;
    out->size = len;
    out->capacity = cap;
    return true;
}

/* "file://" and the absolute path, percent-encoded where a URL needs it. */
static char *file_url(const char *path)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t n = strlen(path);
    char *url = malloc(7 + 3 * n + 1), *o = url;
    if (!url)
        return NULL;
    memcpy(o, "file://", 7);
    o += 7;
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || strchr("/._-~", *p)) {
            *o++ = (char)*p;
        } else {
            *o++ = '%';
            *o++ = hex[*p >> 4];
            *o++ = hex[*p & 15];
        }
    }
    *o = '\0';
    return url;
}

/* The last line Chromium wrote on its standard error, for the message when it fails. */
static void last_log_line(const char *log, char *out, size_t cap)
{
    pf_buf b = PF_BUF_INIT;
    out[0] = '\0';
    if (!read_whole(log, &b))
        return;
    size_t end = b.size;
    while (end && (b.data[end - 1] == '\n' || b.data[end - 1] == '\r'))
        end--;
    size_t start = end;
    while (start && b.data[start - 1] != '\n')
        start--;
    size_t len = end - start < cap - 1 ? end - start : cap - 1;
    memcpy(out, b.data + start, len);
    out[len] = '\0';
    free(b.data);
}

/*
 * Runs Chromium on the page and waits for it, at most PDF_TIMEOUT_SECONDS. It runs in a process
 * group of its own, so that on a timeout its helper processes end with it. Returns its wait status,
 * or -1 when it could not be started or was stopped.
 */
static int run_chromium(char *const argv[], const char *log)
{
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        setpgid(0, 0);
        int in = open("/dev/null", O_RDONLY), err = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (in >= 0)
            dup2(in, STDIN_FILENO);
        if (err >= 0) {
            dup2(err, STDOUT_FILENO);
            dup2(err, STDERR_FILENO);
        }
        execv(argv[0], argv);
        _exit(127);
    }
    setpgid(pid, pid); /* also here, so that the group exists whichever process runs first */
    struct timespec tick = { 0, 50 * 1000 * 1000 };
    for (long waited = 0;; waited += 50) {
        int status;
        pid_t r = waitpid(pid, &status, WNOHANG);
        if (r == pid) {
            kill(-pid, SIGKILL); /* helpers Chromium left behind, if any */
            return status;
        }
        if (r < 0 && errno != EINTR)
            return -1;
        if (waited >= PDF_TIMEOUT_SECONDS * 1000L) {
            kill(-pid, SIGKILL);
            waitpid(pid, &status, 0);
            return -1;
        }
        nanosleep(&tick, NULL);
    }
}

int report_pdf(const pf_doc *doc, const pf_report_options *opts, const char *output)
{
    if (!output && isatty(STDOUT_FILENO))
        return usage_error(command_named("report"), "%s",
                           "a PDF is not for a terminal: write it with -o OUT.pdf, or -o - into a pipe");
    char *chromium = find_in_path("chromium");
    if (!chromium)
        chromium = find_in_path("chromium-browser");
    if (!chromium) {
        fprintf(stderr, "portfolio: --format pdf prints the HTML report with Chromium, which is not in PATH "
                        "(chromium or chromium-browser); on Debian, install the package chromium "
                        "(apt-get install chromium)\n");
        return EXIT_INVALID;
    }
    pf_report_options o = *opts;
    o.format = PF_REPORT_HTML;
    o.color = false;
    pf_buf html = PF_BUF_INIT;
    pf_error err;
    if (pf_doc_report(doc, &o, &html, &err) != PF_OK) {
        print_diagnostic(&err);
        free(chromium);
        return EXIT_INVALID;
    }
    const char *tmp = getenv("TMPDIR");
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/portfolio-pdf-XXXXXX", tmp && *tmp == '/' ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        fprintf(stderr, "portfolio: cannot make a temporary folder for Chromium: %s\n", strerror(errno));
        pf_buf_dispose(&html);
        free(chromium);
        return EXIT_INVALID;
    }
    char page[4200], pdf[4200], profile[4200], log[4200], print_to[4300], data_dir[4300];
    snprintf(page, sizeof page, "%s/report.html", dir);
    snprintf(pdf, sizeof pdf, "%s/report.pdf", dir);
    snprintf(profile, sizeof profile, "%s/profile", dir);
    snprintf(log, sizeof log, "%s/chromium.log", dir);
    snprintf(print_to, sizeof print_to, "--print-to-pdf=%s", pdf);
    snprintf(data_dir, sizeof data_dir, "--user-data-dir=%s", profile);
    char *url = file_url(page);
    int status = EXIT_INVALID;
    pf_buf out = PF_BUF_INIT;
    if (!url || !write_whole(page, html.data, html.size)) {
        fprintf(stderr, "portfolio: cannot write the page for Chromium in %s\n", dir);
        goto done;
    }
    /*
     * The page's print style sheet lays it out, so Chromium's own header and footer are off. Nothing
     * may leave the machine: the page fetches nothing, every host name resolves to nothing, and the
     * browser's own background traffic (updates, sync, metrics) is off. The sandbox cannot run as
     * root (in a CI container), and only then is it turned off.
     */
    char *argv[24];
    int n = 0;
    argv[n++] = chromium;
    argv[n++] = "--headless";
    argv[n++] = "--disable-gpu";
    argv[n++] = "--no-pdf-header-footer";
    argv[n++] = print_to;
    argv[n++] = data_dir;
    argv[n++] = "--no-first-run";
    argv[n++] = "--no-default-browser-check";
    argv[n++] = "--disable-extensions";
    argv[n++] = "--disable-background-networking";
    argv[n++] = "--disable-component-update";
    argv[n++] = "--disable-sync";
    argv[n++] = "--disable-default-apps";
    argv[n++] = "--disable-dev-shm-usage";
    argv[n++] = "--host-resolver-rules=MAP * ~NOTFOUND";
    argv[n++] = "--proxy-server=127.0.0.1:9";
    if (geteuid() == 0)
        argv[n++] = "--no-sandbox";
    argv[n++] = url;
    argv[n] = NULL;
    int ws = run_chromium(argv, log);
    bool made = read_whole(pdf, &out) && out.size >= 5 && memcmp(out.data, "%PDF-", 5) == 0;
    if (made) {
        /* Gone before the PDF is written, so that nothing is left behind if writing ends the process (SIGPIPE). */
        nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
        dir[0] = '\0';
    } else {
        char last[300];
        last_log_line(log, last, sizeof last);
        if (ws == -1)
            fprintf(stderr, "portfolio: Chromium (%s) could not print the report within %d s%s%s\n", chromium,
                    PDF_TIMEOUT_SECONDS, *last ? ": " : "", last);
        else
            fprintf(stderr, "portfolio: Chromium (%s) made no PDF (exit status %d)%s%s\n", chromium,
                    WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + WTERMSIG(ws), *last ? ": " : "", last);
        goto done;
    }
    if (output) {
        if (pf_buf_write_file(&out, output, &err) != PF_OK) {
            print_diagnostic(&err);
            goto done;
        }
        notice("portfolio: wrote %s\n", output);
    } else {
        print_buf(&out);
    }
    status = 0;
done:
    if (dir[0])
        nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    free(out.data);
    free(url);
    pf_buf_dispose(&html);
    free(chromium);
    return status;
}
