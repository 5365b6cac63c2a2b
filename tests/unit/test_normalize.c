/*
 * test_normalize.c - dipx_norm_*: decoding, line ends, controls, folding,
 * look-alikes, stream-safe NFC, edits, encodings, sniffing and cutting.
 * Every normalization here also proves the round trip (testutil.h).
 */
#include <stdio.h>

#include "testutil.h"
#include "dipx/buf.h"
#include "dipx/utf8.h"

struct fixture {
    struct dipx_dict *dict;
    struct dipx_norm *norm;
};

static int
setup(void **state)
{
    struct fixture *fx = calloc(1, sizeof(*fx));
    struct dipx_error err;

    dipx_error_clear(&err);
    fx->dict = test_dict();
    fx->norm = dipx_norm_new(fx->dict, &err);
    if (fx->norm == NULL)
        fail_msg("%s:%ld: %s", err.file, err.line, err.msg);
    *state = fx;
    return 0;
}

static int
teardown(void **state)
{
    struct fixture *fx = *state;

    dipx_norm_free(fx->norm);
    dipx_dict_free(fx->dict);
    free(fx);
    return 0;
}

/* Normalizes IN (C string) and checks the text is WANT. */
static struct dipx_doc *
norm_is(struct fixture *fx, const char *in, size_t len, const char *want)
{
    struct dipx_doc *doc = test_normalize(fx->norm, in, len, NULL);

    assert_string_equal(doc->text, want);
    return doc;
}

static void
check_map(const struct dipx_doc *doc, size_t a, size_t b, int64_t sa,
          int64_t sb)
{
    int64_t x, y;

    assert_int_equal(dipx_edits_map(doc, a, b, &x, &y), 0);
    assert_int_equal(x, sa);
    assert_int_equal(y, sb);
}

static void
test_ascii_untouched(void **state)
{
    const char *s = "The draft A/C.1/73/L.27/Rev.1 was approved by 109 to 45."
                    "\n\tIndented line.\n";
    struct dipx_doc *doc = norm_is(*state, s, strlen(s), s);

    assert_int_equal(doc->nedits, 0);
    assert_int_equal(doc->text_cps, strlen(s));
    check_map(doc, 10, 29, 10, 29);
    dipx_doc_free(doc);
}

static void
test_line_ends(void **state)
{
    const char s[] = "a\r\nb\rc\xc2\x85" "d\xe2\x80\xa8" "e\f\vf";
    struct dipx_doc *doc = norm_is(*state, s, sizeof(s) - 1,
                                   "a\nb\nc\nd\ne\n\nf");

    /* "\r\n" is one LF standing for two bytes. */
    check_map(doc, 1, 2, 1, 3);
    check_map(doc, 2, 3, 3, 4);
    check_map(doc, 7, 8, 9, 12);    /* U+2028 */
    dipx_doc_free(doc);
}

static void
test_invalid_utf8(void **state)
{
    struct fixture *fx = *state;
    const char s[] = "ok \x80 \xe2\x82 \xf4\x90\x80\x80 \xed\xa0\x80 end";
    struct dipx_norm_report rep = {0};
    struct dipx_doc *doc = test_normalize(fx->norm, s, sizeof(s) - 1, &rep);

    /* Maximal subparts: 80 | E2 82 | F4 | 90 | 80 | 80 | ED | A0 | 80 */
    assert_string_equal(doc->text,
                        "ok \xef\xbf\xbd \xef\xbf\xbd \xef\xbf\xbd\xef\xbf\xbd"
                        "\xef\xbf\xbd\xef\xbf\xbd \xef\xbf\xbd\xef\xbf\xbd"
                        "\xef\xbf\xbd end");
    assert_int_equal(rep.total, 9);
    assert_int_equal(rep.issues[0].kind, DIPX_NI_INVALID);
    assert_int_equal(rep.issues[0].src, 3);
    assert_int_equal(rep.issues[1].src, 5);
    assert_int_equal(rep.issues[1].len, 2);
    check_map(doc, 5, 6, 5, 7);
    dipx_norm_report_free(&rep);
    dipx_doc_free(doc);
}

static void
test_controls_dropped(void **state)
{
    struct fixture *fx = *state;
    const char s[] = "\0A\x01" "B\x1b\x7f" "C\xc2\x9b\0";
    struct dipx_norm_report rep = {0};
    struct dipx_doc *doc = test_normalize(fx->norm, s, sizeof(s) - 1, &rep);

    assert_string_equal(doc->text, "ABC");
    assert_int_equal(rep.total, 6);
    assert_int_equal(rep.issues[0].kind, DIPX_NI_NUL);
    assert_int_equal(rep.issues[1].kind, DIPX_NI_CONTROL);
    /* Dropped bytes belong to the character before them (or, at the
     * start, to the first one). */
    check_map(doc, 0, 1, 0, 3);
    check_map(doc, 1, 2, 3, 6);
    check_map(doc, 2, 3, 6, 10);
    dipx_norm_report_free(&rep);
    dipx_doc_free(doc);
}

static void
test_all_dropped(void **state)
{
    const char s[] = "\0\0\x01";
    struct dipx_doc *doc = norm_is(*state, s, 3, "");

    assert_int_equal(doc->nedits, 1);
    assert_int_equal(doc->edits[0].len, 0);
    assert_int_equal(doc->edits[0].srclen, 3);
    dipx_doc_free(doc);
}

static void
test_bom(void **state)
{
    const char s[] = "\xef\xbb\xbfVote\xef\xbb\xbfs";
    struct dipx_doc *doc = norm_is(*state, s, sizeof(s) - 1, "Votes");

    check_map(doc, 0, 1, 0, 4);
    dipx_doc_free(doc);
}

static void
test_folding(void **state)
{
    /* “quotes” – dash, NBSP, soft hyphen, ellipsis, ligature, fullwidth */
    const char s[] = "\xe2\x80\x9cYes\xe2\x80\x9d \xe2\x80\x93 "
                     "124\xc2\xa0States, ab\xc2\xad" "stain\xe2\x80\xa6 "
                     "\xef\xac\x81nal \xef\xbc\xa1\xef\xbc\x8f\xef\xbc\xb2";
    struct dipx_doc *doc = norm_is(*state, s, sizeof(s) - 1,
                                   "\"Yes\" - 124 States, abstain... "
                                   "final A/R");

    check_map(doc, 0, 1, 0, 3);         /* the opening quote */
    check_map(doc, 6, 7, 10, 13);       /* the dash */
    dipx_doc_free(doc);
}

static void
test_lookalikes(void **state)
{
    struct dipx_doc *doc;

    /* A/RES/73/27 typed with a Cyrillic А */
    doc = norm_is(*state, "\xd0\x90/RES/73/27", 12, "A/RES/73/27");
    check_map(doc, 0, 1, 0, 2);
    dipx_doc_free(doc);
    /* "резолюция" with a Latin e: the word is Cyrillic */
    doc = norm_is(*state, "\xd1\x80" "e\xd0\xb7\xd0\xbe\xd0\xbb\xd1\x8e"
                          "\xd1\x86\xd0\xb8\xd1\x8f", 17,
                  "\xd1\x80\xd0\xb5\xd0\xb7\xd0\xbe\xd0\xbb\xd1\x8e\xd1\x86"
                  "\xd0\xb8\xd1\x8f");
    dipx_doc_free(doc);
    /* Words of look-alikes only stay as written: "ООН-UN", "COP" */
    doc = norm_is(*state, "\xd0\x9e\xd0\x9e\xd0\x9d-UN COP", 13,
                  "\xd0\x9e\xd0\x9e\xd0\x9d-UN COP");
    assert_int_equal(doc->nedits, 0);
    dipx_doc_free(doc);
}

static void
test_nfc(void **state)
{
    struct dipx_doc *doc;

    /* e + U+0301 -> é; the edit covers both source characters */
    doc = norm_is(*state, "Resolu e\xcc\x81t", 11, "Resolu \xc3\xa9t");
    check_map(doc, 7, 8, 7, 10);
    check_map(doc, 8, 9, 10, 11);
    dipx_doc_free(doc);
    /* Hangul jamo compose; marks are put in canonical order */
    doc = norm_is(*state, "\xe1\x84\x80\xe1\x85\xa1 a\xcc\xa3\xcc\x87", 12,
                  "\xea\xb0\x80 \xe1\xba\xa1\xcc\x87");
    dipx_doc_free(doc);
}

static void
test_stream_safe(void **state)
{
    struct fixture *fx = *state;
    struct dipx_buf in = DIPX_BUF_INIT, again = DIPX_BUF_INIT;
    struct dipx_doc *doc;
    size_t i, cgj = 0;

    dipx_buf_putc(&in, 'a');
    for (i = 0; i < 100; i++)
        dipx_buf_put_cp(&in, 0x0301);
    doc = test_normalize(fx->norm, in.data, in.len, NULL);
    for (i = 0; i + 1 < doc->text_len; i++)
        cgj += memcmp(doc->text + i, "\xcd\x8f", 2) == 0;
    /* á, then 99 marks in runs of at most 30 */
    assert_int_equal(cgj, 3);
    assert_memory_equal(doc->text, "\xc3\xa1", 2);
    /* The output is NFC: normalizing it again changes nothing. */
    assert_int_equal(dipx_norm_nfc(doc->text, doc->text_len, &again), 0);
    assert_int_equal(again.len, doc->text_len);
    assert_memory_equal(again.data, doc->text, again.len);
    dipx_doc_free(doc);
    dipx_buf_free(&in);
    dipx_buf_free(&again);
}

static void
test_encodings(void **state)
{
    struct fixture *fx = *state;
    struct dipx_error err;
    struct dipx_doc *doc;

    dipx_error_clear(&err);
    assert_int_equal(dipx_norm_set_encoding(fx->norm, "windows-1252", &err),
                     0);
    assert_string_equal(dipx_norm_encoding(fx->norm), "windows-1252");
    doc = norm_is(fx, "R\xe9solution \x93" "A\x94 \x96 x", 18,
                  "R\xc3\xa9solution \"A\" - x");
    check_map(doc, 1, 2, 1, 2);
    dipx_doc_free(doc);
    assert_int_equal(dipx_norm_set_encoding(fx->norm, "windows-1251", &err),
                     0);
    doc = norm_is(fx, "\xd0\xe5\xe7\xee\xeb\xfe\xf6\xe8\xff", 9,
                  "\xd0\xa0\xd0\xb5\xd0\xb7\xd0\xbe\xd0\xbb\xd1\x8e\xd1\x86"
                  "\xd0\xb8\xd1\x8f");
    dipx_doc_free(doc);
    assert_int_equal(dipx_norm_set_encoding(fx->norm, "utf-16", &err), 0);
    doc = norm_is(fx, "\xff\xfeV\0o\0t\0e\0\x01\xd8\x01\xdc", 14,
                  "Vote\xf0\x90\x90\x81");
    dipx_doc_free(doc);
    assert_int_equal(dipx_norm_set_encoding(fx->norm, "utf-16be", &err), 0);
    doc = norm_is(fx, "\0A\xd8\x01", 4, "A\xef\xbf\xbd");
    dipx_doc_free(doc);
    assert_int_equal(dipx_norm_set_encoding(fx->norm, "no-such-charset",
                                            &err), DIPX_EUSAGE);
    assert_int_equal(dipx_norm_set_encoding(fx->norm, "utf-8", &err), 0);
}

static void
test_sniff(void **state)
{
    struct fixture *fx = *state;
    struct dipx_error err;
    const char *fine = "Caf\xc3\xa9 \xd0\x96 ok \x80";
    const char *cp1252 = "R\xe9solution adopt\xe9" "e \xe0 l'unanimit\xe9, "
                         "d\xe9j\xe0 vot\xe9" "e, apr\xe8s d\xe9" "bat";

    dipx_error_clear(&err);
    assert_int_equal(dipx_norm_sniff(fx->norm, (const unsigned char *)fine,
                                     strlen(fine), &err), 0);
    assert_int_equal(dipx_norm_sniff(fx->norm, (const unsigned char *)cp1252,
                                     strlen(cp1252), &err), DIPX_EINPUT);
    assert_non_null(strstr(err.msg, "--encoding"));
    assert_int_equal(dipx_norm_sniff(fx->norm,
                                     (const unsigned char *)"\xfe\xff\0A", 4,
                                     &err), DIPX_EINPUT);
    assert_non_null(strstr(err.msg, "UTF-16BE"));
    assert_int_equal(dipx_norm_sniff(fx->norm, (const unsigned char *)
                                     "V\0o\0t\0e\0 \0o\0f\0 \0" "1\0" "2\0",
                                     20, &err), DIPX_EINPUT);
    assert_non_null(strstr(err.msg, "UTF-16LE"));
}

static void
test_cut(void **state)
{
    struct fixture *fx = *state;
    const char *s = "First paragraph here.\n\nSecond one. It goes on and on";
    const unsigned char *u = (const unsigned char *)s;
    unsigned char nospace[300];
    size_t i, off, cut;

    assert_int_equal(dipx_norm_cut(fx->norm, u, strlen(s), 100), strlen(s));
    /* A blank line within the last half of the limit wins... */
    assert_int_equal(dipx_norm_cut(fx->norm, u, strlen(s), 40), 23);
    /* ...else a sentence end, else a space. */
    assert_int_equal(dipx_norm_cut(fx->norm, u + 23, strlen(s) - 23, 20),
                     12);
    assert_int_equal(dipx_norm_cut(fx->norm, u + 35, strlen(s) - 35, 10), 8);
    /* No space: never inside a UTF-8 sequence, always forward. */
    for (i = 0; i + 1 < sizeof(nospace); i += 2) {
        nospace[i] = 0xd0;
        nospace[i + 1] = 0x96;
    }
    for (off = 0; off < sizeof(nospace); off += cut) {
        cut = dipx_norm_cut(fx->norm, nospace + off, sizeof(nospace) - off,
                            65);
        assert_true(cut > 0);
        assert_true(off + cut == sizeof(nospace) ||
                    (nospace[off + cut] & 0xc0) != 0x80);
    }
}

/* Random bytes of every kind: the round trip holds, the text is valid
 * UTF-8, carries no character XML forbids, and is NFC. */
static void
test_random_inputs(void **state)
{
    static const char *const pieces[] = {
        "a", " ", "\n", "\r\n", "\r", "\0", "\x01", "\x80", "\xc3", "\xe2\x82",
        "\xc3\xa9", "e\xcc\x81", "\xcc\x81", "\xd0\x90", "\xe2\x80\x93",
        "\xc2\xa0", "\xc2\xad", "\xef\xbb\xbf", "\xf0\x9f\x98\x80",
        "\xed\xa0\x80", "\xef\xbf\xbf", "R", "-", "\xe1\x84\x80",
        "\xe1\x85\xa1", "\xe1\x86\xa8", "\xef\xac\x81", "\xd1\x80", "."};
    struct fixture *fx = *state;
    struct dipx_buf in = DIPX_BUF_INIT, again = DIPX_BUF_INIT;
    unsigned seed = 12345;
    int round, k;

    for (round = 0; round < 3000; round++) {
        struct dipx_doc *doc;
        size_t i, len;
        int n = (int)(seed % 60);

        dipx_buf_reset(&in);
        for (k = 0; k < n; k++) {
            seed = seed * 1103515245u + 12345u;
            const char *p = pieces[(seed >> 16) %
                                   (sizeof(pieces) / sizeof(pieces[0]))];
            dipx_buf_append(&in, p, p[0] ? strlen(p) : 1);
        }
        seed = seed * 1103515245u + 12345u;
        doc = test_normalize(fx->norm, in.data ? in.data : "", in.len, NULL);
        assert_true(dipx_utf8_valid(doc->text, doc->text_len, NULL));
        for (i = 0; i < doc->text_len; i += len) {
            uint32_t cp = dipx_utf8_decode((const unsigned char *)doc->text
                                           + i, doc->text_len - i, &len);
            assert_true(dipx_xml_char_ok(cp) && cp != '\r');
        }
        dipx_buf_reset(&again);
        assert_int_equal(dipx_norm_nfc(doc->text, doc->text_len, &again), 0);
        assert_int_equal(again.len, doc->text_len);
        assert_memory_equal(again.data ? again.data : "", doc->text,
                            doc->text_len);
        dipx_doc_free(doc);
    }
    dipx_buf_free(&in);
    dipx_buf_free(&again);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_ascii_untouched, setup, teardown),
        cmocka_unit_test_setup_teardown(test_line_ends, setup, teardown),
        cmocka_unit_test_setup_teardown(test_invalid_utf8, setup, teardown),
        cmocka_unit_test_setup_teardown(test_controls_dropped, setup, teardown),
        cmocka_unit_test_setup_teardown(test_all_dropped, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bom, setup, teardown),
        cmocka_unit_test_setup_teardown(test_folding, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lookalikes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_nfc, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stream_safe, setup, teardown),
        cmocka_unit_test_setup_teardown(test_encodings, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sniff, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cut, setup, teardown),
        cmocka_unit_test_setup_teardown(test_random_inputs, setup, teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
