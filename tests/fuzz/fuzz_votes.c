/*
 * fuzz_votes.c - the symbols and votes stages on arbitrary text, through
 * the same stage functions the commands run.  Oracles: no crash; every
 * annotation lies inside the text; a vote's figures never add up to more
 * than the membership.
 */
#include <stdint.h>
#include <string.h>

#include "dipx/normalize.h"
#include "dipx/structure.h"
#include "dipx/symbols.h"
#include "dipx/votes.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_layer(const struct dipx_doc *doc, const char *stage)
{
    const struct dipx_layer *l = dipx_doc_layer(doc, stage);
    size_t i, a, b, y, n, ab;

    FUZZ_CHECK(l != NULL);
    for (i = 0; i < l->nelems; i++) {
        const struct dipx_elem *e = &l->elems[i];

        FUZZ_CHECK(dipx_elem_get_size(e, "start", &a) == 0 &&
                   dipx_elem_get_size(e, "end", &b) == 0);
        FUZZ_CHECK(a <= b && b <= doc->text_cps);
        if (strcmp(e->name, "vote") == 0) {
            y = n = ab = 0;
            dipx_elem_get_size(e, "yes", &y);
            dipx_elem_get_size(e, "no", &n);
            dipx_elem_get_size(e, "abstain", &ab);
            FUZZ_CHECK(y + n + ab <= 200);
        }
    }
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct dipx_norm *n;
    static struct dipx_struct *st;
    static void *sym, *vot;
    static const char *const langs[] = {"en", "fr", "es", "ru"};
    const char *lang = langs[size > 0 ? data[0] % 4 : 0];
    struct dipx_error err;
    struct dipx_doc *doc;
    struct dipx_layer *l;

    dipx_error_clear(&err);
    if (n == NULL) {
        n = dipx_norm_new(fuzz_dict(), &err);
        st = dipx_struct_new(fuzz_dict(), &err);
        sym = dipx_symbols_stage.init(fuzz_dict(), &err);
        vot = dipx_votes_stage.init(fuzz_dict(), &err);
        FUZZ_CHECK(n && st && sym && vot);
    }
    doc = dipx_doc_new();
    FUZZ_CHECK(dipx_norm_run(n, data, size, 0, 1, doc, NULL, &err) == 0);
    doc->lang = lang;
    FUZZ_CHECK(dipx_struct_build(st, doc, NULL, &err) == 0);
    l = dipx_doc_new_layer(doc, "symbols", "1", NULL, "structure");
    FUZZ_CHECK(l != NULL);
    FUZZ_CHECK(dipx_symbols_stage.run(sym, doc, l, lang, &err) == 0 ||
               err.code == DIPX_ELIMIT);
    l = dipx_doc_new_layer(doc, "votes", "1", NULL, "structure symbols");
    FUZZ_CHECK(l != NULL);
    FUZZ_CHECK(dipx_votes_stage.run(vot, doc, l, lang, &err) == 0 ||
               err.code == DIPX_ELIMIT);
    check_layer(doc, "symbols");
    check_layer(doc, "votes");
    dipx_doc_free(doc);
    return 0;
}
