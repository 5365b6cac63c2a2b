/*
 * test_nfc_conformance.c - Unicode's NormalizationTest.txt, NFC part,
 * through dipx_norm_nfc(): the function dipx-normalize itself uses (runs
 * of non-ASCII with the starter before them, stream-safe CGJs).
 *
 * Part 1 and the other parts: for each line c1;c2;c3;c4;c5,
 *   c2 == NFC(c1) == NFC(c2) == NFC(c3) and c4 == NFC(c4) == NFC(c5);
 * and every code point not listed in part 1 is its own NFC.
 * The file comes from Debian's unicode-data, compressed; ctest passes its
 * path in NORMALIZATION_TEST and the decompressor in BZCAT.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>

#include "testutil.h"
#include "dipx/buf.h"
#include "dipx/utf8.h"

/* Parses a field of space-separated hex code points into UTF-8. */
static void
field_utf8(const char *f, size_t n, struct dipx_buf *out)
{
    const char *p = f, *end = f + n;

    dipx_buf_reset(out);
    while (p < end) {
        char *next;
        unsigned long cp = strtoul(p, &next, 16);

        if (next == p)
            break;
        assert_int_equal(dipx_buf_put_cp(out, (uint32_t)cp), 0);
        p = next;
        while (p < end && *p == ' ')
            p++;
    }
}

static int
nfc_equals(const struct dipx_buf *in, const struct dipx_buf *want,
           struct dipx_buf *tmp)
{
    dipx_buf_reset(tmp);
    assert_int_equal(dipx_norm_nfc(in->data ? in->data : "", in->len, tmp),
                     0);
    return tmp->len == want->len &&
           memcmp(tmp->data ? tmp->data : "", want->data ? want->data : "",
                  want->len) == 0;
}

static void
test_normalization_test(void **state)
{
    const char *path = getenv("NORMALIZATION_TEST");
    const char *bzcat = getenv("BZCAT");
    struct dipx_buf c[5] = {DIPX_BUF_INIT, DIPX_BUF_INIT, DIPX_BUF_INIT,
                            DIPX_BUF_INIT, DIPX_BUF_INIT};
    struct dipx_buf tmp = DIPX_BUF_INIT, cmd = DIPX_BUF_INIT;
    static unsigned char in_part1[0x110000];
    char line[4096];
    int part = -1;
    long cases = 0, failures = 0;
    uint32_t cp;
    FILE *f;

    (void)state;
    assert_non_null(path);
    assert_non_null(bzcat);
    assert_int_equal(dipx_buf_printf(&cmd, "%s '%s'", bzcat, path), 0);
    f = popen(cmd.data, "r");
    assert_non_null(f);
    while (fgets(line, sizeof(line), f) != NULL) {
        const char *p = line, *semi[5];
        int k;

        if (line[0] == '#' || line[0] == '\n')
            continue;
        if (line[0] == '@') {
            part = atoi(line + 5);
            continue;
        }
        for (k = 0; k < 5; k++) {
            semi[k] = strchr(p, ';');
            assert_non_null(semi[k]);
            field_utf8(p, (size_t)(semi[k] - p), &c[k]);
            p = semi[k] + 1;
        }
        if (part == 1) {
            size_t len;

            cp = dipx_utf8_decode((const unsigned char *)c[0].data, c[0].len,
                                  &len);
            if (cp < 0x110000)
                in_part1[cp] = 1;
        }
        cases++;
        if (!nfc_equals(&c[0], &c[1], &tmp) ||
            !nfc_equals(&c[1], &c[1], &tmp) ||
            !nfc_equals(&c[2], &c[1], &tmp) ||
            !nfc_equals(&c[3], &c[3], &tmp) ||
            !nfc_equals(&c[4], &c[3], &tmp)) {
            if (failures++ < 10)
                print_error("NFC fails on: %s", line);
        }
    }
    assert_int_equal(pclose(f), 0);
    assert_true(cases > 15000);
    /* Every other scalar value is its own NFC. */
    for (cp = 0; cp < 0x110000; cp++) {
        if (in_part1[cp] || (cp >= 0xD800 && cp <= 0xDFFF))
            continue;
        dipx_buf_reset(&c[0]);
        assert_int_equal(dipx_buf_put_cp(&c[0], cp), 0);
        cases++;
        if (!nfc_equals(&c[0], &c[0], &tmp) && failures++ < 10)
            print_error("NFC changes U+%04X\n", cp);
    }
    print_message("%ld conformance cases, %ld failures\n", cases, failures);
    assert_int_equal(failures, 0);
    for (part = 0; part < 5; part++)
        dipx_buf_free(&c[part]);
    dipx_buf_free(&tmp);
    dipx_buf_free(&cmd);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_normalization_test),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
