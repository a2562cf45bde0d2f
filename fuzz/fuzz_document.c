/* libFuzzer target: any bytes as a portfolio document; when it loads, the whole analysis runs on it. */
#include <stddef.h>
#include <stdint.h>

#include <portfolio/portfolio.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pf_read_options opts = PF_READ_OPTIONS_INIT;
    opts.max_bytes = 1 << 20;
    pf_diagnostics *diags = NULL;
    if (pf_diagnostics_new(NULL, &diags) != PF_OK)
        return 0;
    pf_doc *doc = NULL;
    if (pf_doc_read_buffer((const char *)data, size, "fuzz", &opts, &doc, diags, NULL) == PF_OK) {
        pf_buf out = PF_BUF_INIT;
        pf_doc_write_buf(doc, &out, NULL);
        pf_doc *again = NULL;
        /* What the writer writes, the reader reads. */
        if (pf_doc_read_buffer(out.data, out.size, "rewritten", NULL, &again, NULL, NULL) != PF_OK)
            __builtin_trap();
        pf_doc_free(again);
        pf_report_options ro = PF_REPORT_OPTIONS_INIT;
        ro.format = (pf_report_format)(size % PF_REPORT_FORMAT_COUNT);
        ro.lang = size % 2 ? "fr" : "en";
        pf_doc_report(doc, &ro, &out, NULL);
        pf_buf_dispose(&out);
        pf_doc_free(doc);
    }
    pf_diagnostics_free(diags);
    return 0;
}
