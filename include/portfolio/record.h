/**
 * @file record.h
 * @brief Anonymised records of a portfolio, and benchmarking an organisation
 *        against a set of them (docs/records.md).
 *
 * A record is a small JSON text that keeps only what can be shared between
 * organisations: the instrument, country, level of government, a size band,
 * sectors, the year and month of the latest assessment, the number of
 * respondents, aggregate statistics of groups of at least k respondents
 * (smaller groups are left out, not rounded, and one more role when that is
 * needed so that no difference of kept groups holds 1 to k - 1 respondents),
 * and the zone counts and facet shares of the projects. Names, free text, titles, units, respondent ids,
 * tags, partners, project ids, links and budgets never enter a record.
 *
 * pf_doc_anonymise() writes a record; pf_record_read_file() and
 * pf_record_read_buffer() read one back (with located errors, like every
 * reader); pf_benchmark() places an organisation among many records.
 */
#ifndef PORTFOLIO_RECORD_H
#define PORTFOLIO_RECORD_H

#include "document.h"
#include "map.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Choices for pf_doc_anonymise() and pf_benchmark(). Zero members take the documented defaults. */
typedef struct pf_record_options {
    unsigned version;        /**< ::PF_RECORD_OPTIONS_VERSION. */
    size_t k;                /**< Smallest group of respondents whose statistics are kept (default 5; 0 means 5). */
    pf_score_mode mode;      /**< How facet pct are computed (default: as the PET did). */
    pf_weighting weighting;  /**< How projects are weighted in the facet shares (default: 1 each). */
} pf_record_options;
/** Current version of ::pf_record_options. */
#define PF_RECORD_OPTIONS_VERSION 1
/** The default smallest group kept in a record. */
#define PF_RECORD_DEFAULT_K 5
/** Initialiser for ::pf_record_options: k = 5, PET mode, count weighting. */
#define PF_RECORD_OPTIONS_INIT { PF_RECORD_OPTIONS_VERSION, 0, PF_SCORE_PET, PF_WEIGHT_COUNT }

/** Version of the record format that pf_doc_anonymise() writes (the `record` member). */
#define PF_RECORD_FORMAT_VERSION 1

/**
 * Writes the anonymised record of a document as JSON (format in docs/records.md).
 * Groups below k are suppressed; then, if overall is kept and 1 to k - 1
 * respondents are in no kept role (overall minus the roles would reveal
 * them), the smallest kept role is suppressed too. Every union of kept groups
 * minus another is then empty or holds at least k respondents.
 * Deterministic and locale-independent.
 * @param doc   The document; only read.
 * @param o     Choices, or NULL for the defaults.
 * @param out   Receives the text (replacing its content); the caller releases it with pf_buf_dispose().
 * @return PF_OK; PF_EARG (NULL doc or out, unknown options version, mode or weighting); PF_ENOMEM.
 */
PF_API pf_status pf_doc_anonymise(const pf_doc *doc, const pf_record_options *o, pf_buf *out, pf_error *err);

/**
 * Writes the anonymised record of a document to a file, atomically (a reader
 * sees the old file or the new one, never a part). Symbolic links, devices and
 * FIFOs are written as pf_buf_write_file() writes them.
 * @return As pf_doc_anonymise(), or PF_EIO when the file cannot be written.
 */
PF_API pf_status pf_doc_anonymise_file(const pf_doc *doc, const pf_record_options *o, const char *path,
                                       pf_error *err);

/** An anonymised record, read back. Opaque; free with pf_record_free(). */
typedef struct pf_record pf_record;

/**
 * Reads a record from a file. Besides the format, the reader refuses what no
 * record's writer makes: a group below k, groups whose sizes contradict the
 * respondents or each other, 1 to k - 1 respondents outside the kept roles,
 * statistics no set of values could have (min above max, a mean or median
 * outside min..max, an sd too wide for the range), shares not adding up to 1.
 * @param path   File to read; also the source name in errors, and the record's name in pf_benchmark() errors.
 * @param opts   Limits and allocator, or NULL for the defaults.
 * @param out    Receives the record on success; the caller frees it with pf_record_free().
 * @param diags  Receives every problem found, located by line, column and key path (may be NULL).
 * @param err    Receives the first problem (may be NULL).
 * @return PF_OK; PF_EIO; PF_ESYNTAX; PF_ELIMIT; PF_EINVALID (a problem with a value); PF_ENOMEM; PF_EARG.
 */
PF_API pf_status pf_record_read_file(const char *path, const pf_read_options *opts, pf_record **out,
                                     pf_diagnostics *diags, pf_error *err);
/**
 * Reads a record from memory; as pf_record_read_file().
 * @param data    The bytes (not copied; need not be NUL-terminated).
 * @param source  Name used in errors (NULL: "<buffer>"), and the record's name in pf_benchmark() errors
 *                (NULL: its position, `records[i]`).
 */
PF_API pf_status pf_record_read_buffer(const char *data, size_t size, const char *source, const pf_read_options *opts,
                                       pf_record **out, pf_diagnostics *diags, pf_error *err);
/** Frees a record. Accepts NULL. */
PF_API void pf_record_free(pf_record *record);
/** Number of respondents the record was made from. */
PF_API size_t pf_record_respondents(const pf_record *record);
/**
 * Writes a record as JSON, exactly as pf_doc_anonymise() wrote it.
 * @param out  Receives the text; the caller releases it with pf_buf_dispose().
 * @return PF_OK, PF_EARG or PF_ENOMEM.
 */
PF_API pf_status pf_record_write_json(const pf_record *record, pf_buf *out, pf_error *err);

/** One metric of a benchmark: the organisation's value and where it falls among the records. */
typedef struct pf_benchmark_entry {
    const char *metric;  /**< Named metric (docs/metrics.md): "orientation.mission", "portfolio.share.adaptive"; owned by the result. */
    double value;        /**< The organisation's value. */
    size_t n;            /**< Records that have the metric and were compared. */
    size_t below;        /**< Of them, records with a smaller value. */
    size_t equal;        /**< Of them, records with the same value. */
    double percentile;   /**< 100 x (below + equal / 2) / n. */
} pf_benchmark_entry;

/** The result of pf_benchmark(). Opaque; free with pf_benchmark_result_free(). */
typedef struct pf_benchmark_result pf_benchmark_result;

/**
 * Places an organisation among records: for each metric present in the
 * organisation and in at least one record, the organisation's value, the
 * number of records compared and its percentile. Metrics come in a fixed
 * order: `respondents`, the overall group metrics, each role's (`role.<role>.`),
 * `portfolio.share.<facet>`, `portfolio.zone.<zone>`. Records made with another
 * mode or weighting than `o`, or with another instrument than the organisation's,
 * are refused.
 * @param records  n records (borrowed; n may be 0).
 * @param org      The organisation's document; only read.
 * @param o        Choices (mode and weighting; k is not used), or NULL for the defaults.
 * @param out      Receives the result; the caller frees it with pf_benchmark_result_free().
 * @return PF_OK; PF_EINVALID (a record made with other options or instrument: the error's source names it,
 *         as it was read, or `records[i]` for one read from a buffer without a name); PF_EARG; PF_ENOMEM.
 */
PF_API pf_status pf_benchmark(const pf_record *const *records, size_t n, const pf_doc *org,
                              const pf_record_options *o, pf_benchmark_result **out, pf_error *err);
/** Frees a benchmark result. Accepts NULL. */
PF_API void pf_benchmark_result_free(pf_benchmark_result *result);
/** Number of records the benchmark was given. */
PF_API size_t pf_benchmark_result_records(const pf_benchmark_result *result);
/** Number of metrics compared. */
PF_API size_t pf_benchmark_result_count(const pf_benchmark_result *result);
/** The `index`-th metric, or NULL; borrowed from the result. */
PF_API const pf_benchmark_entry *pf_benchmark_result_at(const pf_benchmark_result *result, size_t index);
/**
 * Writes a benchmark result as JSON (docs/records.md). Deterministic and locale-independent.
 * @param out  Receives the text; the caller releases it with pf_buf_dispose().
 * @return PF_OK, PF_EARG or PF_ENOMEM.
 */
PF_API pf_status pf_benchmark_write_json(const pf_benchmark_result *result, pf_buf *out, pf_error *err);

#ifdef __cplusplus
}
#endif

#endif
