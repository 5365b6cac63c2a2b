/*
 * fuzz_normalize.c - dipx-normalize on raw bytes.  Oracles beyond "no
 * crash": the text is valid UTF-8 with nothing XML forbids, it is NFC,
 * the edits are consistent and rebuild the input exactly, and every
 * offset maps inside the input.
 */
#include <stdint.h>
#include <string.h>

#include "dipx/buf.h"
#include "dipx/edits.h"
#include "dipx/normalize.h"
#include "dipx/structure.h"
#include "dipx/utf8.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct dipx_norm *n;
    static struct dipx_struct *st;
    struct dipx_buf back = DIPX_BUF_INIT, nfc = DIPX_BUF_INIT;
    struct dipx_error err;
    struct dipx_doc *doc;
    size_t i, l;
    int64_t a, b;

    dipx_error_clear(&err);
    if (n == NULL) {
        n = dipx_norm_new(fuzz_dict(), &err);
        st = dipx_struct_new(fuzz_dict(), &err);
        FUZZ_CHECK(n != NULL && st != NULL);
    }
    doc = dipx_doc_new();
    FUZZ_CHECK(doc != NULL);
    FUZZ_CHECK(dipx_norm_run(n, data, size, 0, 1, doc, NULL, &err) == 0);
    FUZZ_CHECK(dipx_utf8_valid(doc->text, doc->text_len, NULL));
    for (i = 0; i < doc->text_len; i += l) {
        uint32_t cp = dipx_utf8_decode((const unsigned char *)doc->text + i,
                                       doc->text_len - i, &l);
        FUZZ_CHECK(dipx_xml_char_ok(cp) && cp != '\r');
    }
    FUZZ_CHECK(dipx_norm_nfc(doc->text, doc->text_len, &nfc) == 0);
    FUZZ_CHECK(nfc.len == doc->text_len &&
               memcmp(nfc.data ? nfc.data : "", doc->text, nfc.len) == 0);
    FUZZ_CHECK(dipx_edits_restore(doc, &back, &err) == 0);
    FUZZ_CHECK(back.len == size &&
               (size == 0 || memcmp(back.data, data, size) == 0));
    for (i = 0; i < doc->text_cps && i < 256; i++) {
        FUZZ_CHECK(dipx_edits_map(doc, i, i + 1, &a, &b) == 0);
        FUZZ_CHECK(a >= 0 && a <= b && (size_t)b <= size);
    }
    doc->lang = "en";
    FUZZ_CHECK(dipx_struct_build(st, doc, NULL, &err) == 0);
    dipx_buf_free(&back);
    dipx_buf_free(&nfc);
    dipx_doc_free(doc);
    return 0;
}
