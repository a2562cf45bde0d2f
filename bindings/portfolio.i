/*
 * libportfolio's SWIG interface: one file for every target language.
 *
 * The whole C API of <portfolio/portfolio.h> is wrapped as it is (functions, enums, structs),
 * with the Doxygen comments of the headers as docstrings (`swig -doxygen`). What depends
 * on the target language lives in the blocks under `#if defined(SWIGPYTHON)`:
 *   - `pf_x **out` parameters become extra return values (the handle, owned by the caller);
 *   - `pf_buf *out` becomes the text written (bytes);
 *   - fixed arrays of four doubles (facet weights, targets) come from and go to sequences;
 *   - option id lists (`const char *const *option_ids, size_t count`) and the files of a collect
 *     (`const char *const *paths, size_t count`) come from a sequence of str;
 *   - a `const pf_sink *sink` is a binary file object (anything with write(bytes)).
 * Handles are never freed by the wrapper: the caller (the pure-Python layer in the
 * `portfolio` package) calls the matching `pf_x_free` exactly once.
 *
 * In Python this is the private module `portfolio._capi`; `import portfolio` is the
 * Pythonic API written on top of it.
 */
%module(package="portfolio", docstring="Low-level wrapper of the libportfolio C API (private; use the portfolio package).") _capi

%{
#include <portfolio/portfolio.h>
%}

/* Language-neutral: (data, size) buffers from strings. */
%include <stdint.i>
%include <typemaps.i>
%apply (char *STRING, size_t LENGTH) { (const char *data, size_t size) };
%apply double *OUTPUT { double *out };
/* Enumerations parsed from their names come back as integers. */
%apply int *OUTPUT { pf_facet *out, pf_purpose *out, pf_zone *out, pf_stage *out, pf_priority *out, pf_role *out,
                     pf_gov_level *out, pf_sector *out, pf_link_kind *out, pf_form *out, pf_choice *out, pf_part *out,
                     pf_dimension *out, pf_level *out, pf_weighting *out, pf_relation_kind *out,
                     pf_advice_kind *out, pf_report_format *out };
%apply unsigned int *OUTPUT { unsigned *out };

/* Not useful through a binding: allocator hooks and platform macros. */
#define PF_API
%ignore pf_allocator::malloc_fn;
%ignore pf_allocator::realloc_fn;
%ignore pf_allocator::free_fn;
%ignore pf_allocator::ctx;
/* pf_answer::options is a fixed array of borrowed strings: read it with pf_swig_answer_option(). */
%ignore pf_answer::options;
/* A borrowed string a setter would have to copy (and leak): pf_swig_doc_read_buffer() takes it. */
%ignore pf_read_options::base_folder;
/* A C function pointer and its context: the `_to` writers take a file object instead (below). */
%ignore pf_sink;


#if defined(SWIGPYTHON)

/* ---- input buffers: bytes as they are, str as UTF-8 ---- */
%typemap(in) (const char *data, size_t size) {
    char *bytes = NULL;
    Py_ssize_t length = 0;
    if (PyBytes_Check($input)) {
        if (PyBytes_AsStringAndSize($input, &bytes, &length) < 0) SWIG_fail;
    } else if (PyUnicode_Check($input)) {
        bytes = (char *)PyUnicode_AsUTF8AndSize($input, &length);
        if (!bytes) SWIG_fail;
    } else {
        PyErr_SetString(PyExc_TypeError, "expected bytes or str");
        SWIG_fail;
    }
    $1 = bytes;
    $2 = (size_t)length;
}
%typemap(freearg) (const char *data, size_t size) "";
%typemap(typecheck) (const char *data, size_t size) { $1 = PyBytes_Check($input) || PyUnicode_Check($input); }

/*
 * ---- C strings: str (or None for NULL) as UTF-8, borrowed from the str for the call ----
 * SWIG's own conversion cuts a str at its first NUL ("a\0b" would be set as "a"): refused here,
 * as a str that has no UTF-8 form (a lone surrogate) is. The portfolio package checks every
 * value before (with its own exceptions); this guards the private module itself.
 */
%typemap(in) const char * {
    if ($input == Py_None) {
        $1 = NULL;
    } else if (PyUnicode_Check($input)) {
        Py_ssize_t length = 0;
        const char *text = PyUnicode_AsUTF8AndSize($input, &length);
        if (!text) SWIG_fail;
        if (strlen(text) != (size_t)length) {
            PyErr_SetString(PyExc_ValueError, "in method '$symname', argument $argnum: embedded NUL character");
            SWIG_fail;
        }
        $1 = ($1_ltype)text;
    } else {
        PyErr_Format(PyExc_TypeError, "in method '$symname', argument $argnum: expected str or None, not %s",
                     Py_TYPE($input)->tp_name);
        SWIG_fail;
    }
}
%typemap(freearg) const char * "";
%typemap(typecheck, precedence=SWIG_TYPECHECK_STRING) const char * { $1 = $input == Py_None || PyUnicode_Check($input); }

/* ---- handles returned through `**out`: appended to the result, owned by the caller ---- */
%define PF_OUT_HANDLE(TYPE)
%typemap(in, numinputs=0) TYPE **out (TYPE *tmp = NULL) { tmp = NULL; $1 = &tmp; }
%typemap(argout) TYPE **out {
    $result = SWIG_Python_AppendOutput($result, SWIG_NewPointerObj(SWIG_as_voidptr(*$1), $*1_descriptor, 0));
}
%enddef
PF_OUT_HANDLE(pf_doc)
PF_OUT_HANDLE(pf_project)
PF_OUT_HANDLE(pf_assessment)
PF_OUT_HANDLE(pf_diagnostics)
PF_OUT_HANDLE(pf_scores)
PF_OUT_HANDLE(pf_map)
PF_OUT_HANDLE(pf_comparison)
PF_OUT_HANDLE(pf_relations)
PF_OUT_HANDLE(pf_rules)
PF_OUT_HANDLE(pf_advice)
PF_OUT_HANDLE(pf_instrument)
PF_OUT_HANDLE(pf_import_map)

/* ---- text outputs: a pf_buf filled by the call, returned as bytes ---- */
%typemap(in, numinputs=0) pf_buf *out (pf_buf tmp) { pf_buf init = PF_BUF_INIT; tmp = init; $1 = &tmp; }
%typemap(argout) pf_buf *out {
    PyObject *bytes = PyBytes_FromStringAndSize($1->data ? $1->data : "", (Py_ssize_t)$1->size);
    $result = SWIG_Python_AppendOutput($result, bytes);
}
%typemap(freearg) pf_buf *out { pf_buf_dispose($1); }

/* ---- four doubles in facet order ---- */
%typemap(in) const double [4] (double tmp[PF_FACET_COUNT]) {
    PyObject *seq = PySequence_Fast($input, "expected a sequence of 4 numbers");
    if (!seq) SWIG_fail;
    if (PySequence_Fast_GET_SIZE(seq) != PF_FACET_COUNT) {
        Py_DECREF(seq);
        PyErr_SetString(PyExc_ValueError, "expected a sequence of 4 numbers");
        SWIG_fail;
    }
    for (Py_ssize_t i = 0; i < PF_FACET_COUNT; i++) {
        tmp[i] = PyFloat_AsDouble(PySequence_Fast_GET_ITEM(seq, i));
        if (PyErr_Occurred()) { Py_DECREF(seq); SWIG_fail; }
    }
    Py_DECREF(seq);
    $1 = tmp;
}
%typemap(in, numinputs=0) double out[4] (double tmp[PF_FACET_COUNT]) { $1 = tmp; }
%typemap(argout) double out[4] {
    PyObject *t = PyTuple_New(PF_FACET_COUNT);
    for (Py_ssize_t i = 0; i < PF_FACET_COUNT; i++) PyTuple_SET_ITEM(t, i, PyFloat_FromDouble($1[i]));
    $result = SWIG_Python_AppendOutput($result, t);
}

/* ---- option ids of a rank or multi answer ---- */
%typemap(in) (const char *const *option_ids, size_t count) (PyObject *seq = NULL, const char **ids = NULL) {
    seq = PySequence_Fast($input, "expected a sequence of option ids");
    if (!seq) SWIG_fail;
    $2 = (size_t)PySequence_Fast_GET_SIZE(seq);
    ids = (const char **)calloc($2 ? $2 : 1, sizeof *ids);
    if (!ids) { PyErr_NoMemory(); SWIG_fail; }
    for (size_t i = 0; i < $2; i++) {
        ids[i] = PyUnicode_AsUTF8(PySequence_Fast_GET_ITEM(seq, (Py_ssize_t)i));
        if (!ids[i]) SWIG_fail;
    }
    $1 = ($1_ltype)ids;
}
%typemap(freearg) (const char *const *option_ids, size_t count) { free((void *)ids$argnum); Py_XDECREF(seq$argnum); }

/* ---- file names of pf_doc_collect_files(): a sequence of str, each whole (no NUL) ---- */
%typemap(in) (const char *const *paths, size_t count) (PyObject *seq = NULL, const char **names = NULL) {
    seq = PySequence_Fast($input, "expected a sequence of file names");
    if (!seq) SWIG_fail;
    $2 = (size_t)PySequence_Fast_GET_SIZE(seq);
    names = (const char **)calloc($2 ? $2 : 1, sizeof *names);
    if (!names) { PyErr_NoMemory(); SWIG_fail; }
    for (size_t i = 0; i < $2; i++) {
        PyObject *item = PySequence_Fast_GET_ITEM(seq, (Py_ssize_t)i);
        Py_ssize_t length = 0;
        if (!PyUnicode_Check(item)) {
            PyErr_Format(PyExc_TypeError, "in method '$symname': file name %zu is not a str", i);
            SWIG_fail;
        }
        names[i] = PyUnicode_AsUTF8AndSize(item, &length);
        if (!names[i]) SWIG_fail;
        if (strlen(names[i]) != (size_t)length) {
            PyErr_Format(PyExc_ValueError, "in method '$symname': file name %zu has an embedded NUL character", i);
            SWIG_fail;
        }
    }
    $1 = ($1_ltype)names;
}
%typemap(freearg) (const char *const *paths, size_t count) { free((void *)names$argnum); Py_XDECREF(seq$argnum); }

/*
 * ---- a sink: a binary file object, whose write(bytes) takes each piece as it is made ----
 * The module never releases the GIL (SWIG runs without -threads), so the pieces arrive with it
 * held; PyGILState_Ensure() keeps that true if that ever changes. When write() raises, the
 * sink stops the writer (PF_EIO, so it calls write() no more) and the exception, still pending,
 * is what the call raises, unchanged, rather than the library's "the sink stopped it".
 */
%{
typedef struct pf_swig_file_sink {
    PyObject *write; /* the file's bound write method; borrowed from the wrapper's argument */
    int raised;      /* write() raised: its exception is pending */
} pf_swig_file_sink;

static pf_status pf_swig_file_sink_write(void *ctx, const char *data, size_t size)
{
    pf_swig_file_sink *f = (pf_swig_file_sink *)ctx;
    if (f->raised)
        return PF_EIO;
    PyGILState_STATE gil = PyGILState_Ensure();
    while (size && !f->raised) {
        PyObject *piece = PyBytes_FromStringAndSize(data, (Py_ssize_t)size);
        PyObject *r = piece ? PyObject_CallFunctionObjArgs(f->write, piece, NULL) : NULL;
        Py_XDECREF(piece);
        if (!r) {
            f->raised = 1;
            break;
        }
        /* A raw file (open(..., buffering=0)) may take fewer bytes than given: the rest goes again.
           Any other answer (None, as many custom writers return) means all were taken. */
        size_t taken = size;
        if (PyLong_Check(r) && !PyBool_Check(r)) {
            Py_ssize_t n = PyLong_AsSsize_t(r);
            if (n == -1 && PyErr_Occurred())
                PyErr_Clear(); /* beyond Py_ssize_t: more than was given */
            else if (n == 0) {
                PyErr_Format(PyExc_OSError, "write() took none of %zu bytes", size);
                f->raised = 1;
            } else if (n > 0 && (size_t)n < size)
                taken = (size_t)n;
        }
        Py_DECREF(r);
        data += taken;
        size -= taken;
    }
    PyGILState_Release(gil);
    return f->raised ? PF_EIO : PF_OK;
}
%}
%typemap(in) const pf_sink *sink (pf_sink sink_tmp, pf_swig_file_sink file_tmp, PyObject *write_method = NULL) {
    write_method = PyObject_GetAttrString($input, "write");
    if (!write_method && !PyErr_ExceptionMatches(PyExc_AttributeError))
        SWIG_fail; /* a write property that raised: its own exception */
    if (!write_method || !PyCallable_Check(write_method)) {
        PyErr_Clear();
        PyErr_Format(PyExc_TypeError, "in method '$symname', argument $argnum: expected a binary file "
                     "(an object with a write method), not %s", Py_TYPE($input)->tp_name);
        SWIG_fail;
    }
    file_tmp.write = write_method;
    file_tmp.raised = 0;
    sink_tmp.write_fn = pf_swig_file_sink_write;
    sink_tmp.ctx = &file_tmp;
    $1 = &sink_tmp;
}
%typemap(argout) const pf_sink *sink {
    if (file_tmp$argnum.raised && PyErr_Occurred()) {
        Py_XDECREF($result);
        $result = NULL;
        SWIG_fail;
    }
}
%typemap(freearg) const pf_sink *sink { Py_XDECREF(write_method$argnum); }
%typemap(doctype) const pf_sink *sink "a binary file object";

#endif /* SWIGPYTHON */

%include "portfolio/common.h"
%include "portfolio/version.h"
%include "portfolio/enums.h"
%include "portfolio/model.h"
%include "portfolio/document.h"
%include "portfolio/instrument.h"
%include "portfolio/score.h"
%include "portfolio/map.h"
%include "portfolio/compare.h"
%include "portfolio/relations.h"
%include "portfolio/advice.h"
%include "portfolio/chart.h"
%include "portfolio/report.h"
%include "portfolio/form.h"
%include "portfolio/answers.h"
%include "portfolio/import.h"

/* Helpers for bindings: fixed arrays and string options are awkward through SWIG. */
%ignore pf_swig_report_options; /* a C helper of the three below; Python builds no options struct */
%inline %{
/** The `index`-th option id of an answer, or NULL when out of range; borrowed from the instrument. */
const char *pf_swig_answer_option(const pf_answer *answer, size_t index)
{
    return answer && index < answer->option_count && index < PF_MAX_OPTIONS ? answer->options[index] : NULL;
}
/** The `index`-th shared tag of a relation, or NULL; borrowed from the relations. */
const char *pf_swig_relation_tag(const pf_relation *rel, size_t index)
{
    return rel && index < rel->shared_tag_count ? rel->shared_tags[index] : NULL;
}
/** The `index`-th shared partner of a relation, or NULL; borrowed from the relations. */
const char *pf_swig_relation_partner(const pf_relation *rel, size_t index)
{
    return rel && index < rel->shared_partner_count ? rel->shared_partners[index] : NULL;
}
/** Points of a yes-no item for a choice (pf_choice order), or 0 out of range. */
double pf_swig_item_points(const pf_item_info *item, size_t choice)
{
    return item && choice < PF_CHOICE_COUNT ? item->points[choice] : 0;
}
/** Points of a rank question's `place`-th place (0 first), or 0 out of range. */
double pf_swig_question_rank_points(const pf_question_info *q, size_t place)
{
    return q && q->rank_points && place < q->option_count ? q->rank_points[place] : 0;
}
/** The `index`-th evidence of a recommendation, or NULL; borrowed from the advice. */
const pf_evidence *pf_swig_recommendation_evidence(const pf_recommendation *rec, size_t index)
{
    return rec && index < rec->evidence_count ? &rec->evidence[index] : NULL;
}

/*
 * Option structs with string members cannot be filled safely through a binding (a setter
 * would have to copy, and the copy would leak): these take the strings as arguments.
 */

/**
 * pf_doc_read_buffer() with pf_read_options::base_folder as an argument, borrowed for the call
 * (`opts` NULL: the defaults; `base_folder` NULL: none).
 */
pf_status pf_swig_doc_read_buffer(pf_doc **out, const char *data, size_t size, const char *source,
                                  const pf_read_options *opts, const char *base_folder, pf_diagnostics *diags,
                                  pf_error *err)
{
    pf_read_options o = PF_READ_OPTIONS_INIT;
    if (opts && opts->version == PF_READ_OPTIONS_VERSION)
        o = *opts;
    else if (opts)
        return pf_doc_read_buffer(data, size, source, opts, out, diags, err); /* refused, or without a folder */
    o.base_folder = base_folder;
    return pf_doc_read_buffer(data, size, source, &o, out, diags, err);
}

/**
 * pf_report_options from the arguments of pf_swig_doc_report(), _to() and _file() (`lang` NULL for
 * English, `rules` NULL for the default catalogue, `since` NULL for no comparison; both borrowed).
 */
static pf_report_options pf_swig_report_options(pf_report_format format, const char *lang, pf_score_mode mode,
                                                pf_weighting weighting, bool color, bool anonymous,
                                                const pf_rules *rules, double completeness_floor,
                                                bool include_incomplete, const pf_doc *since, bool respondents,
                                                unsigned min_group)
{
    pf_report_options o = PF_REPORT_OPTIONS_INIT;
    o.completeness_floor = completeness_floor;
    o.include_incomplete = include_incomplete;
    o.since = since;
    o.respondents = respondents;
    o.min_group = min_group;
    o.format = format;
    o.lang = lang;
    o.mode = mode;
    o.weighting = weighting;
    o.color = color;
    o.anonymous = anonymous;
    o.rules = rules;
    return o;
}
/** pf_doc_report() with its options as arguments (see pf_swig_report_options()). */
pf_status pf_swig_doc_report(const pf_doc *doc, pf_report_format format, const char *lang, pf_score_mode mode,
                             pf_weighting weighting, bool color, bool anonymous, const pf_rules *rules,
                             double completeness_floor, bool include_incomplete, const pf_doc *since,
                             bool respondents, unsigned min_group, pf_buf *out, pf_error *err)
{
    pf_report_options o = pf_swig_report_options(format, lang, mode, weighting, color, anonymous, rules,
                                                 completeness_floor, include_incomplete, since, respondents,
                                                 min_group);
    return pf_doc_report(doc, &o, out, err);
}

/** pf_doc_report_to() with its options as arguments (see pf_swig_report_options()). */
pf_status pf_swig_doc_report_to(const pf_doc *doc, pf_report_format format, const char *lang, pf_score_mode mode,
                                pf_weighting weighting, bool color, bool anonymous, const pf_rules *rules,
                                double completeness_floor, bool include_incomplete, const pf_doc *since,
                                bool respondents, unsigned min_group, const pf_sink *sink, pf_error *err)
{
    pf_report_options o = pf_swig_report_options(format, lang, mode, weighting, color, anonymous, rules,
                                                 completeness_floor, include_incomplete, since, respondents,
                                                 min_group);
    return pf_doc_report_to(doc, &o, sink, err);
}

/** pf_doc_report_file() with its options as arguments (see pf_swig_report_options()). */
pf_status pf_swig_doc_report_file(const pf_doc *doc, pf_report_format format, const char *lang, pf_score_mode mode,
                                  pf_weighting weighting, bool color, bool anonymous, const pf_rules *rules,
                                  double completeness_floor, bool include_incomplete, const pf_doc *since,
                                  bool respondents, unsigned min_group, const char *path, pf_error *err)
{
    pf_report_options o = pf_swig_report_options(format, lang, mode, weighting, color, anonymous, rules,
                                                 completeness_floor, include_incomplete, since, respondents,
                                                 min_group);
    return pf_doc_report_file(doc, &o, path, err);
}

/**
 * pf_recommend() over scores, a map and relations (each may be NULL), as the `portfolio
 * report` command does. `lang` NULL for English, `rules` NULL for the default catalogue.
 */
pf_status pf_swig_recommend(const pf_rules *rules, const pf_scores *scores, const pf_map *map,
                            const pf_relations *relations, const char *lang, pf_advice **out, pf_error *err)
{
    size_t counts[PF_RELATION_KIND_COUNT];
    pf_analysis analysis = { scores, map, NULL };
    pf_advice_options o = PF_ADVICE_OPTIONS_INIT;
    if (relations) {
        for (size_t k = 0; k < PF_RELATION_KIND_COUNT; k++)
            counts[k] = pf_relations_count_kind(relations, (pf_relation_kind)k);
        analysis.relation_counts = counts;
    }
    o.lang = lang;
    return pf_recommend(rules, &analysis, &o, out, err);
}

/** pf_instrument_form_html() with its options as arguments (`lang` NULL for English). */
pf_status pf_swig_instrument_form_html(const pf_instrument *inst, const char *lang, pf_buf *out, pf_error *err)
{
    pf_form_options o = PF_FORM_OPTIONS_INIT;
    o.lang = lang;
    return pf_instrument_form_html(inst, &o, out, err);
}

/** pf_instrument_template() with its options as arguments (`lang` NULL: English notes, the instrument's own texts). */
pf_status pf_swig_instrument_template(const pf_instrument *inst, const char *lang, pf_buf *out, pf_error *err)
{
    pf_template_options o = PF_TEMPLATE_OPTIONS_INIT;
    o.lang = lang;
    return pf_instrument_template(inst, &o, out, err);
}

/**
 * pf_import_options from arguments: `read` and `map` may be NULL, `instrument` NULL for the
 * default, `separator` ',' or ';', or 0 to take the map's or detect it.
 */
static pf_import_options pf_swig_import_options(const pf_read_options *read, const pf_import_map *map,
                                                const char *instrument, int separator)
{
    pf_import_options o = PF_IMPORT_OPTIONS_INIT;
    o.read = read;
    o.map = map;
    o.instrument = instrument;
    o.separator = (char)separator;
    return o;
}
/** pf_import_answers_file() with its options as arguments (see pf_swig_import_options()). */
pf_status pf_swig_import_answers_file(pf_doc **out, const char *path, const pf_read_options *read,
                                      const pf_import_map *map, const char *instrument, int separator,
                                      pf_diagnostics *diags, pf_error *err)
{
    pf_import_options o = pf_swig_import_options(read, map, instrument, separator);
    return pf_import_answers_file(path, &o, out, diags, err);
}
/** pf_import_answers_buffer() with its options as arguments (see pf_swig_import_options()). */
pf_status pf_swig_import_answers_buffer(pf_doc **out, const char *data, size_t size, const char *source,
                                        const pf_read_options *read, const pf_import_map *map,
                                        const char *instrument, int separator, pf_diagnostics *diags, pf_error *err)
{
    pf_import_options o = pf_swig_import_options(read, map, instrument, separator);
    return pf_import_answers_buffer(data, size, source, &o, out, diags, err);
}
/** pf_import_projects_file() with its options as arguments (see pf_swig_import_options()). */
pf_status pf_swig_import_projects_file(pf_doc **out, const char *path, const pf_read_options *read,
                                       const pf_import_map *map, int separator, pf_diagnostics *diags, pf_error *err)
{
    pf_import_options o = pf_swig_import_options(read, map, NULL, separator);
    return pf_import_projects_file(path, &o, out, diags, err);
}
/** pf_import_projects_buffer() with its options as arguments (see pf_swig_import_options()). */
pf_status pf_swig_import_projects_buffer(pf_doc **out, const char *data, size_t size, const char *source,
                                         const pf_read_options *read, const pf_import_map *map, int separator,
                                         pf_diagnostics *diags, pf_error *err)
{
    pf_import_options o = pf_swig_import_options(read, map, NULL, separator);
    return pf_import_projects_buffer(data, size, source, &o, out, diags, err);
}

/** Chart options from arguments (`lang` NULL for English, `width` 0 for the default); used by pf_swig_chart_*(). */
static pf_chart_options pf_swig_chart_options(const char *lang, unsigned width, pf_chart_label label)
{
    pf_chart_options o = PF_CHART_OPTIONS_INIT;
    o.lang = lang;
    o.width = width;
    o.label = label;
    return o;
}
/** pf_chart_diamond() with its options as arguments. */
pf_status pf_swig_chart_diamond(const pf_scores *scores, const char *lang, unsigned width, pf_buf *out, pf_error *err)
{
    pf_chart_options o = pf_swig_chart_options(lang, width, PF_CHART_LABEL_ID);
    return pf_chart_diamond(scores, &o, out, err);
}
/** pf_chart_capability() with its options as arguments. */
pf_status pf_swig_chart_capability(const pf_scores *scores, const char *lang, unsigned width, pf_buf *out, pf_error *err)
{
    pf_chart_options o = pf_swig_chart_options(lang, width, PF_CHART_LABEL_ID);
    return pf_chart_capability(scores, &o, out, err);
}
/** pf_chart_roles() with its options as arguments. */
pf_status pf_swig_chart_roles(const pf_scores *scores, const char *lang, unsigned width, pf_buf *out, pf_error *err)
{
    pf_chart_options o = pf_swig_chart_options(lang, width, PF_CHART_LABEL_ID);
    return pf_chart_roles(scores, &o, out, err);
}
/** pf_chart_map() with its options as arguments (`doc` may be NULL unless labels are titles). */
pf_status pf_swig_chart_map(const pf_map *map, const pf_doc *doc, const char *lang, unsigned width,
                            pf_chart_label label, pf_buf *out, pf_error *err)
{
    pf_chart_options o = pf_swig_chart_options(lang, width, label);
    return pf_chart_map(map, doc, &o, out, err);
}
/** pf_chart_targets() with its options as arguments. */
pf_status pf_swig_chart_targets(const pf_map *map, const char *lang, unsigned width, pf_buf *out, pf_error *err)
{
    pf_chart_options o = pf_swig_chart_options(lang, width, PF_CHART_LABEL_ID);
    return pf_chart_targets(map, &o, out, err);
}
/** pf_chart_compare() with its options as arguments. */
pf_status pf_swig_chart_compare(const pf_comparison *cmp, const char *lang, unsigned width, pf_buf *out, pf_error *err)
{
    pf_chart_options o = pf_swig_chart_options(lang, width, PF_CHART_LABEL_ID);
    return pf_chart_compare(cmp, &o, out, err);
}
%}
