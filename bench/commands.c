/*
 * Times whole `portfolio` commands as processes, against a bare libyaml event scan of the same
 * file in the same run (docs/performance.md):
 *
 *   commands [--repeat N] [--generate GENERATOR] PORTFOLIO FILE
 *
 * With --generate, FILE is first written by the benchmark generator (100 000 projects, 2 000
 * assessments, seed 1: about 32 MiB). Each command runs N times (default 3) with its output sent
 * to /dev/null; the figures are the least CPU time (user + system, from wait4) and the least peak
 * resident memory of those runs, as ratios to the bare scan's CPU time and to the file's size.
 * A last child reads the document through the library and times the stages of the report, so the
 * cost of relations (lib/synergy.c) can be told apart from the rest.
 * This is a benchmark, not a test: it prints figures (shared machines are noisy).
 */
/* wait4() is a BSD call. */
#define _DEFAULT_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <portfolio/portfolio.h>

#include "scan.h"

typedef struct usage {
    double cpu;     /* user + system, seconds */
    double rss_mib; /* peak resident set, MiB */
} usage;

static double seconds(struct timeval tv)
{
    return (double)tv.tv_sec + (double)tv.tv_usec / 1e6;
}

static double cpu_of(const struct rusage *ru)
{
    return seconds(ru->ru_utime) + seconds(ru->ru_stime);
}

/* The bare scan: every event of the file, read through a FILE* as libyaml streams it. */
static int bare_scan(const char *path, int unused)
{
    (void)unused;
    FILE *f = fopen(path, "rb");
    if (!f)
        return 1;
    int status = bare_yaml_scan_file(f) ? 0 : 1;
    fclose(f);
    return status;
}

/* Library stages, timed inside one process: read, score, map, relations, the JSON report. */
static double stage_clock(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return cpu_of(&ru);
}

static int stages(const char *path, int out_fd)
{
    double t[6];
    pf_doc *doc;
    pf_scores *scores;
    pf_map *map;
    pf_relations *relations;
    pf_error err;
    pf_buf out = PF_BUF_INIT;
    pf_report_options ro = PF_REPORT_OPTIONS_INIT;
    ro.format = PF_REPORT_JSON;
    t[0] = stage_clock();
    if (pf_doc_read_file(path, NULL, &doc, NULL, &err) != PF_OK)
        return 1;
    t[1] = stage_clock();
    if (pf_doc_score(doc, NULL, &scores, NULL, &err) != PF_OK)
        return 1;
    t[2] = stage_clock();
    if (pf_doc_map(doc, scores, NULL, &map, &err) != PF_OK)
        return 1;
    t[3] = stage_clock();
    if (pf_doc_relations(doc, map, NULL, &relations, &err) != PF_OK)
        return 1;
    t[4] = stage_clock();
    if (pf_doc_report(doc, &ro, &out, &err) != PF_OK)
        return 1;
    t[5] = stage_clock();
    pf_buf_dispose(&out);
    pf_relations_free(relations);
    pf_map_free(map);
    pf_scores_free(scores);
    pf_doc_free(doc);
    double d[5];
    for (int i = 0; i < 5; i++)
        d[i] = t[i + 1] - t[i];
    return write(out_fd, d, sizeof d) == (ssize_t)sizeof d ? 0 : 1;
}

/* Runs argv (or, when argv is NULL, fn(arg) in the child) with stdout on /dev/null; its usage. */
static int run(char *const *argv, int (*fn)(const char *, int), const char *arg, int fd, usage *u)
{
    pid_t pid = fork();
    if (pid < 0)
        return 1;
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        if (null < 0 || dup2(null, 1) < 0)
            _exit(127);
        if (!argv)
            _exit(fn(arg, fd));
        execv(argv[0], argv);
        _exit(127);
    }
    int status;
    struct rusage ru;
    if (wait4(pid, &status, 0, &ru) != pid)
        return 1;
    u->cpu = cpu_of(&ru);
    u->rss_mib = (double)ru.ru_maxrss / 1024; /* kilobytes on Linux */
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 1;
}

static void best(usage *b, const usage *u, int first)
{
    if (first || u->cpu < b->cpu)
        b->cpu = u->cpu;
    if (first || u->rss_mib < b->rss_mib)
        b->rss_mib = u->rss_mib;
}

int main(int argc, char **argv)
{
    int repeat = 3, i = 1;
    const char *generator = NULL;
    for (; i + 1 < argc && argv[i][0] == '-' && argv[i][1] == '-'; i += 2) {
        if (strcmp(argv[i], "--repeat") == 0)
            repeat = atoi(argv[i + 1]);
        else if (strcmp(argv[i], "--generate") == 0)
            generator = argv[i + 1];
        else
            break;
    }
    if (argc - i != 2 || repeat < 1) {
        fprintf(stderr, "usage: commands [--repeat N] [--generate GENERATOR] PORTFOLIO FILE\n");
        return 2;
    }
    char *portfolio = argv[i], *file = argv[i + 1];
    usage u;
    if (generator) {
        char *gen[] = { (char *)generator, "100000", "2000", "1", file, NULL };
        if (run(gen, NULL, NULL, -1, &u) != 0) {
            fprintf(stderr, "commands: %s failed\n", generator);
            return 1;
        }
    }
    struct stat st;
    if (stat(file, &st) != 0) {
        perror(file);
        return 1;
    }
    double file_mib = (double)st.st_size / 1048576;

    enum { SCAN, VALIDATE, SCORE, MAP, REPORT, COMMANDS };
    static const char *const names[COMMANDS] = { "bare libyaml scan", "validate", "score --format json",
                                                 "map --format json", "report --format json" };
    static const char *const targets[COMMANDS] = { "", "", "(target: 2x, 2x)", "(target: 2x, 2x)",
                                                   "(target: 3x, 3x)" };
    char *args[COMMANDS][6] = {
        { NULL },
        { portfolio, "validate", file, NULL },
        { portfolio, "score", file, "--format", "json", NULL },
        { portfolio, "map", file, "--format", "json", NULL },
        { portfolio, "report", file, "--format", "json", NULL },
    };
    usage b[COMMANDS];
    double stage[5] = { 0 };
    for (int r = 0; r < repeat; r++) {
        /* Interleaved, so a busy moment of the machine spreads over every command. */
        for (int c = 0; c < COMMANDS; c++) {
            int failed = c == SCAN ? run(NULL, bare_scan, file, -1, &u)
                                   : run(args[c], NULL, NULL, -1, &u);
            if (failed) {
                fprintf(stderr, "commands: %s failed on %s\n", names[c], file);
                return 1;
            }
            best(&b[c], &u, r == 0);
        }
        int fds[2];
        double d[5];
        if (pipe(fds) != 0 || run(NULL, stages, file, fds[1], &u) != 0 || read(fds[0], d, sizeof d) != sizeof d) {
            fprintf(stderr, "commands: the library stages failed on %s\n", file);
            return 1;
        }
        close(fds[0]);
        close(fds[1]);
        for (int s = 0; s < 5; s++)
            if (r == 0 || d[s] < stage[s])
                stage[s] = d[s];
    }
    printf("file %s: %.1f MiB; best of %d runs\n", file, file_mib, repeat);
    printf("%-22s %9s %8s %10s %8s\n", "command", "CPU s", "x scan", "peak MiB", "x file");
    for (int c = 0; c < COMMANDS; c++)
        printf("%-22s %9.3f %8.2f %10.1f %8.2f %s\n", names[c], b[c].cpu, b[c].cpu / b[SCAN].cpu, b[c].rss_mib,
               b[c].rss_mib / file_mib, targets[c]);
    static const char *const stage_names[] = { "read + validate", "score", "map", "relations", "report json" };
    printf("library stages in one process (CPU s, x scan):\n");
    for (int s = 0; s < 5; s++)
        printf("  %-20s %9.3f %8.2f\n", stage_names[s], stage[s], stage[s] / b[SCAN].cpu);
    double without = stage[4] - stage[3];
    printf("  %-20s %9.3f %8.2f (the report's own work less relations)\n", "report - relations", without,
           without / b[SCAN].cpu);
    return 0;
}
