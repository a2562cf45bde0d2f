/* libFuzzer target: any bytes as an instrument file. */
#include <stddef.h>
#include <stdint.h>

#include <portfolio/portfolio.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pf_read_options opts = PF_READ_OPTIONS_INIT;
    opts.max_bytes = 1 << 20;
    pf_instrument *inst = NULL;
    if (pf_instrument_read_buffer(&inst, (const char *)data, size, "fuzz", &opts, NULL, NULL) == PF_OK)
        pf_instrument_free(inst);
    return 0;
}
