/* libFuzzer target: any bytes as an instrument file; a valid one is read back in each of its languages. */
#include <stddef.h>
#include <stdint.h>

#include <portfolio/portfolio.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Every text in one language: the getters must hold for any instrument the reader accepts. */
static void read_all(const pf_instrument *inst, const char *lang)
{
    pf_question_info q;
    pf_item_info item;
    pf_option_info option;
    (void)pf_instrument_title_in(inst, lang);
    for (size_t i = 0; pf_instrument_question_in(inst, i, lang, &q) == PF_OK; i++) {
        for (size_t k = 0; k < q.item_count; k++)
            (void)pf_instrument_item_in(inst, i, k, lang, &item);
        for (size_t k = 0; k < q.option_count; k++)
            (void)pf_instrument_option_in(inst, i, k, lang, &option);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pf_read_options opts = PF_READ_OPTIONS_INIT;
    opts.max_bytes = 1 << 20;
    pf_instrument *inst = NULL;
    if (pf_instrument_read_buffer((const char *)data, size, "fuzz", &opts, &inst, NULL, NULL) != PF_OK)
        return 0;
    read_all(inst, NULL);
    read_all(inst, "xx-Yy-1");
    for (size_t l = 0; l < pf_instrument_language_count(inst); l++)
        read_all(inst, pf_instrument_language_at(inst, l));
    pf_instrument_free(inst);
    return 0;
}
