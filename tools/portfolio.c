/*
 * portfolio: the command line of libportfolio. This file holds the command
 * table (the source of every --help and of the man pages) and main(); each
 * command lives in tools/cmd_NAME.c, shared helpers in cli.c, choices.c, text.c.
 * Exit status: 0 success, 1 invalid input or failure, 2 usage error (docs/cli.md).
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const command commands[] = {
    { "report", "FILE... [--format text|md|html|json|csv|csv-assessments|pdf] [-o OUT] [--lang en|fr]\n"
                "                 [--mode pet|normalised|pet-published] [--weight ...] [--anonymous] [--rules FILE]\n"
                "                 [--add-rules FILE] [--since FILE] [--completeness-floor X] [--include-incomplete]\n"
                "                 [--respondents] [--min-group N]",
      "The whole analysis of a portfolio: facet orientation, capability, the project\n"
      "map, recommendations and relations between projects. html is one\n"
      "self-contained page with charts (every chart also as a table) that prints on\n"
      "A4; text fits 80 columns, in colour on a terminal unless NO_COLOR is set; md\n"
      "is Markdown; json the complete result; csv one row per project and\n"
      "csv-assessments one row per assessment; pdf the HTML page printed on A4 by\n"
      "Chromium (Debian's package chromium). -o writes the report to OUT\n"
      "atomically. --anonymous leaves respondents' pseudonyms out. Text, md and html\n"
      "open with a summary and show aggregates only: --respondents adds a row per\n"
      "respondent, and a role with fewer than N respondents (--min-group, default 3)\n"
      "shows no means of its own. --since FILE adds the change since an earlier\n"
      "document of the same organisation: headline metrics in words, both diamonds,\n"
      "projects added, removed or moved zone.\n"
      "Several FILEs (json, csv and csv-assessments only, without --since) give one\n"
      "result: JSON wraps every document's as {\"documents\": [{\"source\", \"result\"}]},\n"
      "CSV adds a first column source (the FILE as given, - for standard input).\n"
      "Every FILE is read and analysed before anything is written: one bad FILE\n"
      "fails the command.",
      run_report },
    { "validate", "FILE... [--instrument FILE] [--format text|json]",
      "Checks portfolio documents. Prints nothing and exits 0 when all are valid;\n"
      "otherwise prints FILE:LINE:COLUMN: message for every problem on standard\n"
      "error and exits 1. FILE - reads standard input. --instrument lets documents\n"
      "name that instrument by its id (instrument: <id>), as answers files to a\n"
      "custom instrument do. --format json prints, on standard output, an object\n"
      "listing every file with \"valid\" and its problems (file, line, column,\n"
      "message, severity) instead; the exit status is the same.",
      run_validate },
    { "show", "FILE [--format text|json]",
      "Prints a short summary of a portfolio document: the organisation, its\n"
      "targets, projects by stage and priority, and assessments by role. --format\n"
      "json prints it as JSON (docs/json.md).",
      run_show },
    { "score", "FILE... [--mode pet|normalised|pet-published] [--by-role] [--strict] [--format text|json]\n"
               "                 [--completeness-floor X] [--include-incomplete]",
      "Scores every assessment: facet orientation (percent per facet, strong\n"
      "facets, tendency group) and portfolio-management capability (score, level,\n"
      "six dimensions), then the statistics over all respondents, per role with\n"
      "--by-role, and the flags for low agreement and perception gaps.\n"
      "--mode pet (default) follows the original tool's stated rules; normalised\n"
      "divides by the points the answered items could give; pet-published gives the\n"
      "numbers the published tool computed, defects included (docs/method.md 3.6).\n"
      "Respondents who answered less than X of the items (--completeness-floor,\n"
      "default 0.5) are left out of the statistics unless --include-incomplete.\n"
      "--strict makes every unanswered item an error instead of 0 points. JSON is\n"
      "described in docs/json.md.\n"
      "Several FILEs: a section per file headed ==> FILE <== (text), or JSON\n"
      "{\"documents\": [{\"source\", \"result\"}]}; every FILE is read and scored\n"
      "before anything is written, so one bad FILE fails the command.",
      run_score },
    { "map", "FILE... [--weight count|priority|budget|fte] [--format text|json]",
      "Places every project on the facet diamond (zone and x, y) and computes the\n"
      "portfolio metrics: facet shares, zones, concentration, gaps to the targets,\n"
      "orientation versus projects, and stages. --weight chooses what a project\n"
      "counts for (default: 1 each); projects lacking that field are left out and\n"
      "the coverage is shown. Several FILEs: a section per file headed\n"
      "==> FILE <== (text), or JSON {\"documents\": [{\"source\", \"result\"}]}; every\n"
      "FILE is read and mapped before anything is written, so one bad FILE fails\n"
      "the command.",
      run_map },
    { "compare", "OLD NEW [--mode pet|normalised|pet-published] [--weight ...] [--format text|json]\n"
                 "                 [--allow-different-instruments]",
      "Compares two documents of the same organisation (two dates): the change of\n"
      "every metric, and the projects added, removed or moved to another zone.\n"
      "Documents whose assessments answer different instruments are refused, as\n"
      "their scores do not compare; --allow-different-instruments sets them side\n"
      "by side anyway, under a warning (and \"differ\": true in the JSON).",
      run_compare },
    { "synergies", "FILE [--format text|json]",
      "Finds relations between projects from their shared tags and partners and\n"
      "their explicit links: synergies (each project's closest pairs), tensions\n"
      "(similar projects whose top facets are opposite poles), possible duplicates\n"
      "(very similar, same zone) and handover candidates (a piloting or scaling\n"
      "adaptive, anticipatory or disruptive project and an enhancement, mission or\n"
      "sustaining project of another unit). Similarity = 0.6 x the Jaccard index\n"
      "of the tags + 0.4 x that of the partners. See docs/synergies.md.",
      run_synergies },
    { "recommend", "FILE [--lang en|fr] [--rules FILE] [--add-rules FILE] [--mode ...] [--weight ...]\n"
                   "                 [--format text|json]",
      "Recommendations for the portfolio, strengths first, each with the metrics\n"
      "that triggered it. --rules replaces the built-in catalogue with another;\n"
      "--add-rules adds rules to it (a rule with an existing id replaces that rule).\n"
      "Catalogues are described in docs/rules.md. A missing translation falls back\n"
      "to English.",
      run_recommend },
    { "instrument", "[FILE] [--lang en|fr] [--template]",
      "Prints an instrument as a questionnaire a person can fill in: its questions\n"
      "with their ids, the items or options to answer and the answer scale. Without\n"
      "FILE, prints the built-in default instrument (" PF_DEFAULT_INSTRUMENT "); FILE - reads\n"
      "standard input. --lang fr prints it in French (a text the instrument does not\n"
      "give in French is printed in the instrument's own language). An invalid FILE\n"
      "prints FILE:LINE:COLUMN: message for every problem on standard error and\n"
      "exits 1. --template prints a blank answers file instead: YAML with every\n"
      "answer id and, in comments, the questions and the meaning of each answer,\n"
      "to fill in and gather with collect.",
      run_instrument },
    { "collect", "PORTFOLIO ANSWERS... [-o OUT] [--replace]",
      "Adds the assessments of answers files (YAML or JSON, as the template and the\n"
      "form save them) to the portfolio, in the order given. Each file is checked\n"
      "against the portfolio's instrument; a respondent the portfolio already has is\n"
      "refused unless --replace (the replaced assessment keeps its place), and so is\n"
      "a respondent two files hold. When any file is refused, every problem is\n"
      "printed as FILE:LINE:COLUMN: message, nothing is written and the exit status\n"
      "is 1. The portfolio goes to standard output, or atomically to OUT (which may\n"
      "be PORTFOLIO itself). A summary line on standard error counts the files,\n"
      "the assessments added and replaced and the files refused.",
      run_collect },
    { "form", "[INSTRUMENT] [--lang en|fr] [-o OUT]",
      "Writes an instrument's questionnaire as one self-contained HTML page that\n"
      "works offline, from disk or an e-mail attachment: respondents fill it in,\n"
      "save their answers as a portfolio document (YAML) and load such a file back\n"
      "to continue. Without INSTRUMENT, the built-in " PF_DEFAULT_INSTRUMENT "; INSTRUMENT -\n"
      "reads standard input. --lang chooses English (default) or French. -o writes\n"
      "the page to OUT atomically. See docs/form.md.",
      run_form },
    { "import", "answers|projects FILE [--map MAP] [--instrument ID|FILE] [-o OUT]",
      "Reads answers (one row per respondent) or projects (one row per project)\n"
      "from a CSV file and writes them as a portfolio document. Headers are the\n"
      "format's names (respondent, q1.mission, budget, ...) or those a mapping file\n"
      "(--map) translates; cells are separated by ',' or ';' (detected); agreement\n"
      "may be 0..4 or words in English or French. Every bad cell is reported as\n"
      "FILE:ROW:COLUMN: message and nothing is written. --instrument names the\n"
      "instrument of the answers (default " PF_DEFAULT_INSTRUMENT "; the document names an\n"
      "instrument file by its id, as answers files do). -o writes to OUT atomically.\n"
      "See docs/import.md.",
      run_import },
    { "anonymise", "FILE [-k N] [-o OUT] [--mode pet|normalised] [--weight count|priority|budget|fte]",
      "Writes the anonymised record of a portfolio as JSON, to share for\n"
      "benchmarking: instrument, country, level, size band, sectors, the month of\n"
      "the latest assessment, the number of respondents, statistics of every group\n"
      "of at least k respondents (-k, default 5; smaller groups are left out, and\n"
      "so is the smallest role when everyone minus the roles kept would leave 1 to\n"
      "k - 1 respondents), and the zone counts and facet shares of the projects.\n"
      "Never names, free text, titles, units, respondent ids, tags, partners or\n"
      "project ids. -o writes the record to OUT atomically. See docs/records.md.",
      run_anonymise },
    { "benchmark", "RECORD... --org FILE [--mode pet|normalised] [--weight ...] [--format text|json]",
      "Places the organisation of FILE among anonymised records: for every metric\n"
      "it shares with at least one record, its value, the number of records\n"
      "compared and its percentile, 100 x (records below + half of those equal) / n.\n"
      "Records made with another --mode or --weight, or another instrument, are\n"
      "refused, naming the record's file.",
      run_benchmark },
};

/* The command table's entry for a name (always present: the names are this file's own). */
const command *command_named(const char *name)
{
    size_t i = 0;
    while (strcmp(commands[i].name, name) != 0)
        i++;
    return &commands[i];
}

static void print_help(FILE *out)
{
    fprintf(out, "usage: portfolio COMMAND [OPTIONS] [FILE...]\n\n"
                 "Explore and steward an innovation portfolio with the OECD OPSI facets method.\n\n"
                 "Commands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        fprintf(out, "  %-9s %s\n", commands[i].name, commands[i].usage);
    fprintf(out, "\nportfolio COMMAND --help describes a command. --version prints the version.\n"
                 "Every command takes --confine or --no-files: the files documents may name.\n\n"
                 EXIT_HELP "\n");
}

static int run(int argc, char **argv)
{
    if (argc < 2) {
        print_help(stderr);
        return EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
        print_help(stdout);
        return 0;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("portfolio %s\n", pf_version());
        return 0;
    }
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++) {
        if (strcmp(argv[1], commands[i].name) == 0) {
            int r = common_options(&commands[i], argc - 1, argv + 1);
            return r >= 0 ? r : commands[i].run(argc - 1, argv + 1);
        }
    }
    fprintf(stderr, "portfolio: unknown command '%s'\n\n", argv[1]);
    print_help(stderr);
    return EXIT_USAGE;
}

int main(int argc, char **argv)
{
    guard_standard_streams();
    /* Output lost on the way (a full disk, a closed pipe) fails the command: a pipeline must see it. */
    return finish_stdout(run(argc, argv));
}
