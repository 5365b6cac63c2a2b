/*
 * test_edits.c - edits.h on documents built by hand: mapping offsets to
 * source bytes at every kind of boundary, rebuilding the source, and
 * refusing edits that do not fit the text.
 */
#define _POSIX_C_SOURCE 200809L
#include "testutil.h"
#include "dipx/buf.h"

/* A document with TEXT and the edits given as (at, len, src, was). */
static struct dipx_doc *
make(const char *text, int64_t srcbase)
{
    struct dipx_doc *doc = dipx_doc_new();
    char *t = strdup(text);

    assert_non_null(doc);
    assert_non_null(t);
    dipx_doc_take_text(doc, t, strlen(t));
    doc->srcbase = srcbase;
    doc->id = "t";
    return doc;
}

static void
add(struct dipx_doc *doc, size_t at, size_t len, int64_t src, const char *was)
{
    assert_int_equal(dipx_doc_add_edit(doc, at, len, src,
                                       (const unsigned char *)was,
                                       strlen(was)), 0);
}

static void
map_is(const struct dipx_doc *doc, size_t a, size_t b, int64_t sa, int64_t sb)
{
    int64_t x = -1, y = -1;

    assert_int_equal(dipx_edits_map(doc, a, b, &x, &y), 0);
    assert_int_equal(x, sa);
    assert_int_equal(y, sb);
}

static void
restores_to(const struct dipx_doc *doc, const char *want)
{
    struct dipx_buf b = DIPX_BUF_INIT;
    struct dipx_error err;

    dipx_error_clear(&err);
    assert_int_equal(dipx_edits_restore(doc, &b, &err), 0);
    assert_int_equal(b.len, strlen(want));
    assert_memory_equal(b.data, want, b.len);
    dipx_buf_free(&b);
}

/* Source "a\xe2\x80\x93b\r\nc" normalized to "a-b\nc". */
static void
test_replacements(void **state)
{
    struct dipx_doc *doc = make("a-b\nc", 0);
    struct dipx_error err;

    (void)state;
    add(doc, 1, 1, 1, "\xe2\x80\x93");
    add(doc, 3, 1, 5, "\r\n");
    dipx_error_clear(&err);
    assert_int_equal(dipx_edits_check(doc, &err), 0);
    restores_to(doc, "a\xe2\x80\x93" "b\r\nc");
    map_is(doc, 0, 1, 0, 1);
    map_is(doc, 1, 2, 1, 4);
    map_is(doc, 2, 3, 4, 5);
    map_is(doc, 3, 4, 5, 7);
    map_is(doc, 0, 5, 0, 8);
    map_is(doc, 4, 5, 7, 8);
    map_is(doc, 2, 2, 4, 4);        /* empty range */
    dipx_doc_free(doc);
}

/* An edit of several code points: a boundary inside it widens. */
static void
test_widening(void **state)
{
    struct dipx_doc *doc = make("x...y", 0);

    (void)state;
    add(doc, 1, 3, 1, "\xe2\x80\xa6");
    assert_int_equal(dipx_edits_check(doc, NULL), 0);
    map_is(doc, 2, 3, 1, 4);
    map_is(doc, 1, 2, 1, 4);
    map_is(doc, 0, 2, 0, 4);
    map_is(doc, 4, 5, 4, 5);
    restores_to(doc, "x\xe2\x80\xa6y");
    dipx_doc_free(doc);
}

/* Insertions (len > 0, no source) and a deletion (len 0). */
static void
test_insert_delete(void **state)
{
    struct dipx_doc *doc = make("ab\xcd\x8f" "cd", 0);

    (void)state;
    add(doc, 2, 1, 2, "");              /* an inserted CGJ */
    add(doc, 5, 0, 4, "\x01\x02");      /* two dropped bytes at the end */
    assert_int_equal(dipx_edits_check(doc, NULL), 0);
    restores_to(doc, "abcd\x01\x02");
    map_is(doc, 2, 3, 2, 2);
    map_is(doc, 3, 4, 2, 3);
    /* A range ends before bytes dropped after it, and one that starts
     * at them starts after them. */
    map_is(doc, 0, 5, 0, 4);
    map_is(doc, 5, 5, 6, 6);
    dipx_doc_free(doc);
}

/* A part: source offsets count from the file, srcbase is where it starts. */
static void
test_part_base(void **state)
{
    struct dipx_doc *doc = make("tail-end", 1000);

    (void)state;
    add(doc, 4, 1, 1004, "\xe2\x80\x94");
    assert_int_equal(dipx_edits_check(doc, NULL), 0);
    map_is(doc, 0, 4, 1000, 1004);
    map_is(doc, 5, 8, 1007, 1010);
    dipx_doc_free(doc);
}

/* Offsets are code points: Cyrillic before the edit. */
static void
test_code_points(void **state)
{
    struct dipx_doc *doc = make("\xd0\x96\xd0\x96 \"x\"", 0);

    (void)state;
    add(doc, 3, 1, 5, "\xc2\xab");
    add(doc, 5, 1, 8, "\xc2\xbb");
    assert_int_equal(dipx_edits_check(doc, NULL), 0);
    map_is(doc, 0, 1, 0, 2);
    map_is(doc, 3, 6, 5, 10);
    map_is(doc, 4, 5, 7, 8);
    dipx_doc_free(doc);
}

static void
test_refused(void **state)
{
    struct dipx_doc *doc;
    struct dipx_error err;
    int64_t x, y;

    (void)state;
    dipx_error_clear(&err);
    doc = make("abc", 0);
    add(doc, 2, 1, 2, "C");
    add(doc, 1, 1, 1, "B");             /* out of order */
    assert_int_equal(dipx_edits_check(doc, &err), DIPX_EINPUT);
    assert_non_null(strstr(err.msg, "out of order"));
    dipx_doc_free(doc);
    doc = make("abc", 0);
    add(doc, 2, 5, 2, "C");             /* past the end */
    assert_int_equal(dipx_edits_check(doc, &err), DIPX_EINPUT);
    dipx_doc_free(doc);
    doc = make("abc", 0);
    add(doc, 1, 1, 7, "B");             /* source offsets do not follow */
    assert_int_equal(dipx_edits_check(doc, &err), DIPX_EINPUT);
    assert_non_null(strstr(err.msg, "source byte 7"));
    assert_int_equal(dipx_edits_map(doc, 2, 1, &x, &y), DIPX_EUSAGE);
    assert_int_equal(dipx_edits_map(doc, 0, 4, &x, &y), DIPX_EUSAGE);
    dipx_doc_free(doc);
}

/* Without the index (edits added, not checked) mapping is still right. */
static void
test_unindexed(void **state)
{
    struct dipx_doc *doc = make("a-b", 0);

    (void)state;
    add(doc, 1, 1, 1, "\xe2\x80\x93");
    assert_int_equal(doc->edits_indexed, 0);
    map_is(doc, 2, 3, 4, 5);
    dipx_doc_free(doc);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_replacements),
        cmocka_unit_test(test_widening),
        cmocka_unit_test(test_insert_delete),
        cmocka_unit_test(test_part_base),
        cmocka_unit_test(test_code_points),
        cmocka_unit_test(test_refused),
        cmocka_unit_test(test_unindexed),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
