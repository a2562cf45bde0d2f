/*
 * Giving a document its instrument (model.h, instrument.h): the instrument is
 * opened or read here and handed to the model already parsed, so the model
 * (model.c) never calls a reader and the readers may use the model freely.
 */
#include <string.h>

#include "model_impl.h"

pf_status pf__doc_new_sharing(pf_doc **out, const pf_allocator *allocator, const pf_instrument *shared,
                              pf_error *err)
{
    if (shared)
        return pf__doc_new_with(out, allocator, pf__instrument_share(shared), err);
    pf_allocator a = pf__allocator_resolve(allocator);
    pf_instrument *inst;
    pf_status s = pf__instrument_open(&a, PF_DEFAULT_INSTRUMENT, &inst, err);
    return s == PF_OK ? pf__doc_new_with(out, &a, inst, err) : s;
}

pf_status pf_doc_new(const pf_doc_options *opts, pf_doc **out, pf_error *err)
{
    if (!out)
        return pf__fail(err, PF_EARG, "out is NULL");
    if (opts && opts->version != PF_DOC_OPTIONS_VERSION)
        return pf__fail(err, PF_EARG, "unknown pf_doc_options version %u", opts->version);
    return pf__doc_new_sharing(out, opts ? &opts->allocator : NULL, NULL, err);
}

pf_status pf_doc_set_instrument(pf_doc *doc, const char *instrument_id, pf_error *err)
{
    if (doc->assessment_count)
        return pf__fail(err, PF_EARG, "instrument: cannot change once assessments refer to it");
    if (instrument_id && pf__instrument_is_path(instrument_id))
        return pf_doc_set_instrument_file(doc, instrument_id, NULL, err);
    if (instrument_id && !doc->instrument_path && strcmp(instrument_id, doc->instrument->id) == 0)
        return PF_OK; /* already in use */
    pf_instrument *inst;
    pf_status s = pf__instrument_open(&doc->alloc, instrument_id, &inst, err);
    if (s == PF_ENOTFOUND) {
        char q[64];
        pf__quote(instrument_id ? instrument_id : "", q);
        return pf__fail(err, s, "instrument: %s is not a known instrument (known: %s)", q, PF_DEFAULT_INSTRUMENT);
    }
    if (s != PF_OK)
        return s;
    if (pf__doc_use_instrument(doc, inst, NULL) != PF_OK) {
        pf__instrument_free(inst);
        return pf__oom(err);
    }
    return PF_OK;
}

pf_status pf_doc_set_instrument_file(pf_doc *doc, const char *path, pf_diagnostics *diags, pf_error *err)
{
    if (!doc || !path)
        return pf__fail(err, PF_EARG, "doc or path is NULL");
    if (doc->assessment_count)
        return pf__fail(err, PF_EARG, "instrument: cannot change once assessments refer to it");
    pf_read_options ro = PF_READ_OPTIONS_INIT;
    ro.allocator = doc->alloc;
    pf_instrument *inst;
    pf_status s = pf_instrument_read_file(path, &ro, &inst, diags, err);
    if (s != PF_OK)
        return s;
    if (pf__doc_use_instrument(doc, inst, path) != PF_OK) {
        pf__instrument_free(inst);
        return pf__oom(err);
    }
    return PF_OK;
}
