/*
 * testutil.h - helpers shared by the cmocka tests: the dictionaries of
 * the source tree, and normalizing a string in memory.
 */
#ifndef DIPX_TESTUTIL_H
#define DIPX_TESTUTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "dipx/dict.h"
#include "dipx/doc.h"
#include "dipx/edits.h"
#include "dipx/error.h"
#include "dipx/normalize.h"
#include "dipx/structure.h"

/* The dictionaries of the source tree (DIPX_DICT_PATH is set by ctest). */
static inline struct dipx_dict *
test_dict(void)
{
    struct dipx_error err;
    struct dipx_dict *d;

    dipx_error_clear(&err);
    d = dipx_dict_open(getenv("DIPX_DICT_PATH"), &err);
    if (d == NULL)
        fail_msg("dictionaries: %s", err.msg);
    return d;
}

/* Normalizes the N bytes at S as a whole file into a new document, and
 * checks that the edits rebuild S exactly.  REP may be NULL. */
static inline struct dipx_doc *
test_normalize(struct dipx_norm *n, const char *s, size_t len,
               struct dipx_norm_report *rep)
{
    struct dipx_doc *doc = dipx_doc_new();
    struct dipx_buf back = DIPX_BUF_INIT;
    struct dipx_error err;

    assert_non_null(doc);
    dipx_error_clear(&err);
    assert_int_equal(dipx_norm_run(n, (const unsigned char *)s, len, 0, 1,
                                   doc, rep, &err), 0);
    assert_int_equal(dipx_edits_restore(doc, &back, &err), 0);
    assert_int_equal(back.len, len);
    assert_memory_equal(back.data ? back.data : "", s, len);
    dipx_buf_free(&back);
    return doc;
}

#endif
