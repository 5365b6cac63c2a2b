/*
 * test_utf8.c - UTF-8 decoding with the maximal-subpart rule, encoding,
 * code point arithmetic and the XML Char production (utf8.h).
 */
#include "testutil.h"

#include "dipx/utf8.h"

/* Decodes the N bytes at S once and checks the code point and length. */
static void
check_decode(const char *s, size_t n, uint32_t cp, size_t len)
{
    size_t got = 0;

    assert_int_equal(dipx_utf8_decode((const unsigned char *)s, n, &got),
                     cp);
    assert_int_equal(got, len);
}

static void
test_stray_continuation(void **state)
{
    (void)state;
    check_decode("\x80", 1, DIPX_UTF8_INVALID, 1);
    check_decode("\xBF" "A", 2, DIPX_UTF8_INVALID, 1);
    check_decode("\x80\x80\x80", 3, DIPX_UTF8_INVALID, 1);
}

static void
test_truncated(void **state)
{
    (void)state;
    /* A lone lead byte at the end of the input. */
    check_decode("\xC3", 1, DIPX_UTF8_INVALID, 1);
    check_decode("\xE2", 1, DIPX_UTF8_INVALID, 1);
    check_decode("\xF0", 1, DIPX_UTF8_INVALID, 1);
    /* A lead byte followed by something that cannot continue it. */
    check_decode("\xC3" "A", 2, DIPX_UTF8_INVALID, 1);
    /* A good start cut short: the whole prefix is one subpart. */
    check_decode("\xE2\x82", 2, DIPX_UTF8_INVALID, 2);
    check_decode("\xE2\x82" "A", 3, DIPX_UTF8_INVALID, 2);
    check_decode("A", 1, 'A', 1);
    check_decode("\xF0\x9F\x98", 3, DIPX_UTF8_INVALID, 3);
    check_decode("\xF0\x9F\x98" "A", 4, DIPX_UTF8_INVALID, 3);
    check_decode("\xF0\x9F", 2, DIPX_UTF8_INVALID, 2);
    /* N bounds the read even when more bytes follow in memory. */
    check_decode("\xE2\x82\xAC", 2, DIPX_UTF8_INVALID, 2);
}

static void
test_overlong(void **state)
{
    (void)state;
    check_decode("\xC0\x80", 2, DIPX_UTF8_INVALID, 1);
    check_decode("\xC1\xBF", 2, DIPX_UTF8_INVALID, 1);
    check_decode("\xE0\x80\x80", 3, DIPX_UTF8_INVALID, 1);
    check_decode("\xE0\x9F\xBF", 3, DIPX_UTF8_INVALID, 1);
    check_decode("\xF0\x80\x80\x80", 4, DIPX_UTF8_INVALID, 1);
    check_decode("\xF0\x8F\xBF\xBF", 4, DIPX_UTF8_INVALID, 1);
}

static void
test_surrogate_and_range(void **state)
{
    (void)state;
    check_decode("\xED\xA0\x80", 3, DIPX_UTF8_INVALID, 1);
    check_decode("\xED\xBF\xBF", 3, DIPX_UTF8_INVALID, 1);
    check_decode("\xF4\x90\x80\x80", 4, DIPX_UTF8_INVALID, 1);
    check_decode("\xF5\x80\x80\x80", 4, DIPX_UTF8_INVALID, 1);
    check_decode("\xF5", 1, DIPX_UTF8_INVALID, 1);
    check_decode("\xF8\x88\x80\x80\x80", 5, DIPX_UTF8_INVALID, 1);
    check_decode("\xFE", 1, DIPX_UTF8_INVALID, 1);
    check_decode("\xFF", 1, DIPX_UTF8_INVALID, 1);
    /* The edges just inside. */
    check_decode("\xED\x9F\xBF", 3, 0xD7FF, 3);
    check_decode("\xEE\x80\x80", 3, 0xE000, 3);
    check_decode("\xF4\x8F\xBF\xBF", 4, 0x10FFFF, 4);
}

/* Unicode 15, table 3-8: each maximal subpart is one U+FFFD. */
static void
test_replacement_count(void **state)
{
    static const unsigned char in[] = {
        0x61, 0xF1, 0x80, 0x80, 0xE1, 0x80, 0xC2, 0x62, 0x80, 0x63,
        0x80, 0xBF, 0x64,
    };
    static const uint32_t want[] = {
        0x61, 0xFFFD, 0xFFFD, 0xFFFD, 0x62, 0xFFFD, 0x63, 0xFFFD, 0xFFFD,
        0x64,
    };
    size_t i = 0, k = 0, len;

    (void)state;
    while (i < sizeof(in)) {
        uint32_t cp = dipx_utf8_decode(in + i, sizeof(in) - i, &len);

        assert_true(len >= 1);
        assert_true(k < sizeof(want) / sizeof(want[0]));
        assert_int_equal(cp == DIPX_UTF8_INVALID ? 0xFFFD : cp, want[k]);
        i += len;
        k++;
    }
    assert_int_equal(i, sizeof(in));
    assert_int_equal(k, sizeof(want) / sizeof(want[0]));
}

static void
test_valid(void **state)
{
    (void)state;
    check_decode("\0", 1, 0, 1);
    check_decode("A", 1, 'A', 1);
    check_decode("\x7F", 1, 0x7F, 1);
    check_decode("\xC2\x80", 2, 0x80, 2);
    check_decode("\xC3\xA9", 2, 0xE9, 2);
    check_decode("\xDF\xBF", 2, 0x7FF, 2);
    check_decode("\xE0\xA0\x80", 3, 0x800, 3);
    check_decode("\xE2\x82\xAC", 3, 0x20AC, 3);
    check_decode("\xEF\xBF\xBD", 3, 0xFFFD, 3);
    check_decode("\xEF\xBF\xBF", 3, 0xFFFF, 3);
    check_decode("\xF0\x90\x80\x80", 4, 0x10000, 4);
    check_decode("\xF0\x9F\x98\x80", 4, 0x1F600, 4);
    /* Only the first code point is decoded. */
    check_decode("\xC3\xA9" "A", 3, 0xE9, 2);
}

static void
test_round_trip(void **state)
{
    unsigned char b[4];
    uint32_t cp;
    size_t n, len;

    (void)state;
    for (cp = 0; cp <= 0x10FFFF; cp++) {
        if (cp >= 0xD800 && cp <= 0xDFFF) {
            /* Encoded surrogates must not decode. */
            n = dipx_utf8_encode(cp, b);
            assert_int_equal(n, 3);
            assert_int_equal(dipx_utf8_decode(b, n, &len),
                             DIPX_UTF8_INVALID);
            continue;
        }
        n = dipx_utf8_encode(cp, b);
        if (n != dipx_utf8_cplen(cp))
            fail_msg("U+%04X: encode wrote %zu bytes, cplen says %zu",
                     (unsigned)cp, n, dipx_utf8_cplen(cp));
        if (dipx_utf8_decode(b, n, &len) != cp || len != n)
            fail_msg("U+%04X does not survive encode and decode",
                     (unsigned)cp);
        if (!dipx_utf8_valid((const char *)b, n, NULL))
            fail_msg("U+%04X encoded is not valid", (unsigned)cp);
    }
}

static void
test_valid_offset(void **state)
{
    static const char s[] = "ab\xC3\xA9" "c\xE2\x82" "d";
    size_t bad = 99;

    (void)state;
    assert_int_equal(dipx_utf8_valid("", 0, &bad), 1);
    assert_int_equal(dipx_utf8_valid("a\xC3\xA9\xF0\x9F\x98\x80", 8, &bad),
                     1);
    assert_int_equal(dipx_utf8_valid(s, sizeof(s) - 1, &bad), 0);
    assert_int_equal(bad, 5);
    assert_int_equal(dipx_utf8_valid("\xC3", 1, NULL), 0);
}

static void
test_count_offset(void **state)
{
    /* a, e acute, euro sign, U+1F600: 1 + 2 + 3 + 4 bytes. */
    static const char s[] = "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80";
    const size_t n = sizeof(s) - 1;

    (void)state;
    assert_int_equal(dipx_utf8_count(s, n), 4);
    assert_int_equal(dipx_utf8_count(s, 0), 0);
    assert_int_equal(dipx_utf8_count("abc", 3), 3);
    assert_int_equal(dipx_utf8_count(s, 3), 2);
    assert_int_equal(dipx_utf8_offset(s, n, 0), 0);
    assert_int_equal(dipx_utf8_offset(s, n, 1), 1);
    assert_int_equal(dipx_utf8_offset(s, n, 2), 3);
    assert_int_equal(dipx_utf8_offset(s, n, 3), 6);
    assert_int_equal(dipx_utf8_offset(s, n, 4), n);
    assert_int_equal(dipx_utf8_offset(s, n, 5), n);
    assert_int_equal(dipx_utf8_offset(s, n, (size_t)-1), n);
    assert_int_equal(dipx_utf8_offset("", 0, 3), 0);
}

static void
test_cplen(void **state)
{
    (void)state;
    assert_int_equal(dipx_utf8_cplen(0), 1);
    assert_int_equal(dipx_utf8_cplen(0x7F), 1);
    assert_int_equal(dipx_utf8_cplen(0x80), 2);
    assert_int_equal(dipx_utf8_cplen(0x7FF), 2);
    assert_int_equal(dipx_utf8_cplen(0x800), 3);
    assert_int_equal(dipx_utf8_cplen(0xFFFF), 3);
    assert_int_equal(dipx_utf8_cplen(0x10000), 4);
    assert_int_equal(dipx_utf8_cplen(0x10FFFF), 4);
}

static void
test_xml_char(void **state)
{
    (void)state;
    assert_int_equal(dipx_xml_char_ok(0x0), 0);
    assert_int_equal(dipx_xml_char_ok(0x8), 0);
    assert_int_equal(dipx_xml_char_ok(0x9), 1);
    assert_int_equal(dipx_xml_char_ok(0xA), 1);
    assert_int_equal(dipx_xml_char_ok(0xB), 0);
    assert_int_equal(dipx_xml_char_ok(0xC), 0);
    assert_int_equal(dipx_xml_char_ok(0xD), 1);
    assert_int_equal(dipx_xml_char_ok(0x1F), 0);
    assert_int_equal(dipx_xml_char_ok(0x20), 1);
    assert_int_equal(dipx_xml_char_ok(0x7F), 1);
    assert_int_equal(dipx_xml_char_ok(0xD7FF), 1);
    assert_int_equal(dipx_xml_char_ok(0xD800), 0);
    assert_int_equal(dipx_xml_char_ok(0xDFFF), 0);
    assert_int_equal(dipx_xml_char_ok(0xE000), 1);
    assert_int_equal(dipx_xml_char_ok(0xFFFD), 1);
    assert_int_equal(dipx_xml_char_ok(0xFFFE), 0);
    assert_int_equal(dipx_xml_char_ok(0xFFFF), 0);
    assert_int_equal(dipx_xml_char_ok(0x10000), 1);
    assert_int_equal(dipx_xml_char_ok(0x10FFFF), 1);
    assert_int_equal(dipx_xml_char_ok(0x110000), 0);
    assert_int_equal(dipx_xml_char_ok(DIPX_UTF8_INVALID), 0);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stray_continuation),
        cmocka_unit_test(test_truncated),
        cmocka_unit_test(test_overlong),
        cmocka_unit_test(test_surrogate_and_range),
        cmocka_unit_test(test_replacement_count),
        cmocka_unit_test(test_valid),
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_valid_offset),
        cmocka_unit_test(test_count_offset),
        cmocka_unit_test(test_cplen),
        cmocka_unit_test(test_xml_char),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
