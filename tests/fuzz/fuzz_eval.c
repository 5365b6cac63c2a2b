/*
 * fuzz_eval.c - dipx-eval on a pair of streams: the input is cut at its
 * first NUL byte (else in the middle) into a gold and a predicted stream.
 * Oracles: no crash, hang or leak; the exit status is 0 or 1 (a bad
 * document is reported, never fatal) for scoring in every format with the
 * listing; --anchor on the predicted half exits 0 or 1, and what it
 * writes is a gold corpus that scores itself without a failure.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "dipx/eval.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
put(const char *path, const uint8_t *p, size_t n)
{
    FILE *f = fopen(path, "wb");

    FUZZ_CHECK(f != NULL);
    FUZZ_CHECK(n == 0 || fwrite(p, 1, n, f) == n);
    FUZZ_CHECK(fclose(f) == 0);
}

static int
run(int argc, char **argv)
{
    FILE *out = fopen("/dev/null", "w"), *err = fopen("/dev/null", "w");
    int rc;

    FUZZ_CHECK(out != NULL && err != NULL);
    rc = dipx_eval_main(argc, argv, out, err);
    fclose(out);
    fclose(err);
    return rc;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char gold[] = "/tmp/dipx-fuzz-gold-XXXXXX";
    char pred[] = "/tmp/dipx-fuzz-pred-XXXXXX";
    char anch[] = "/tmp/dipx-fuzz-anchor-XXXXXX";
    static const char *formats[] = {"text", "tsv", "xml"};
    const uint8_t *cut = memchr(data, 0, size);
    size_t ng = cut ? (size_t)(cut - data) : size / 2;
    size_t skip = cut ? 1 : 0;
    int fg = mkstemp(gold), fp = mkstemp(pred), fa = mkstemp(anch), i, rc;

    FUZZ_CHECK(fg >= 0 && fp >= 0 && fa >= 0);
    close(fg);
    close(fp);
    close(fa);
    put(gold, data, ng);
    put(pred, data + ng + skip, size - ng - skip);
    for (i = 0; i < 3; i++) {
        char *argv[] = {"dipx-eval", "--list", "--format", (char *)formats[i],
                        "--min-f1", "vote=0", gold, pred, NULL};

        rc = run(8, argv);
        FUZZ_CHECK(rc == 0 || rc == 1);
    }
    {
        char *argv[] = {"dipx-eval", "--anchor", "-o", anch, pred, NULL};

        rc = run(5, argv);
        FUZZ_CHECK(rc == 0 || rc == 1);
    }
    {
        /* Anchored documents without a sha256 are refused as gold (exit
         * 1); the others are their own perfect prediction. */
        char *argv[] = {"dipx-eval", "--min-f1", "symbol=1", "--min-f1",
                        "vote=1", "--min-f1", "item:lenient=1", anch, anch,
                        NULL};

        rc = run(9, argv);
        FUZZ_CHECK(rc == 0 || rc == 1);
    }
    unlink(gold);
    unlink(pred);
    unlink(anch);
    return 0;
}
