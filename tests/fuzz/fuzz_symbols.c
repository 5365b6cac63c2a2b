/*
 * fuzz_symbols.c - the symbol patterns on arbitrary (normalized) text.
 * Oracles: no crash; a resource limit is reported as an error, never a
 * silent "no match"; matches lie inside the text on code point
 * boundaries and move forward.
 */
#include <stdint.h>
#include <string.h>

#include "dipx/normalize.h"
#include "dipx/pattern.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct dipx_norm *n;
    static struct dipx_patset *ps[4];
    static const char *const langs[] = {"en", "fr", "es", "ru"};
    struct dipx_error err;
    struct dipx_doc *doc;
    struct dipx_match m;
    size_t k, from;
    int rc;

    dipx_error_clear(&err);
    if (n == NULL) {
        n = dipx_norm_new(fuzz_dict(), &err);
        FUZZ_CHECK(n != NULL);
        for (k = 0; k < 4; k++) {
            ps[k] = dipx_patset_load(fuzz_dict(), "symbols", langs[k], &err);
            FUZZ_CHECK(ps[k] != NULL);
        }
    }
    doc = dipx_doc_new();
    FUZZ_CHECK(dipx_norm_run(n, data, size, 0, 1, doc, NULL, &err) == 0);
    k = size > 0 ? data[0] % 4 : 0;
    for (from = 0; from < doc->text_len;) {
        rc = dipx_patset_next(ps[k], doc->text, doc->text_len, from, &m,
                              &err);
        FUZZ_CHECK(rc >= 0 || err.code == DIPX_ELIMIT);
        if (rc <= 0)
            break;
        FUZZ_CHECK(m.start >= from && m.end >= m.start &&
                   m.end <= doc->text_len);
        FUZZ_CHECK(((unsigned char)doc->text[m.start] & 0xC0) != 0x80);
        from = dipx_patset_after(doc->text, doc->text_len, &m);
    }
    dipx_doc_free(doc);
    return 0;
}
