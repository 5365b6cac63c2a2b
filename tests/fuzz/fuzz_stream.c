/*
 * fuzz_stream.c - the stream reader on arbitrary bytes.  Oracles: no
 * crash or hang; whatever documents it accepts, the writer writes, and
 * the reader reads that back to the same documents (text and edits).
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "dipx/stream.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Reads every document of PATH; writes them to OUT when not NULL.
 * Returns the number read and their total text length in *BYTES. */
static size_t
read_all(const char *path, FILE *out, size_t *bytes)
{
    struct dipx_reader *r = dipx_reader_new();
    struct dipx_writer *w = out ? dipx_writer_new(out) : NULL;
    struct dipx_error err;
    struct dipx_doc *doc;
    size_t n = 0;
    int rc;

    dipx_error_clear(&err);
    *bytes = 0;
    FUZZ_CHECK(r != NULL && dipx_reader_add(r, path, &err) == 0);
    while ((rc = dipx_reader_next(r, &doc, &err)) != 0) {
        if (rc < 0)
            continue;
        n++;
        *bytes += doc->text_len;
        if (w != NULL)
            FUZZ_CHECK(dipx_writer_doc(w, doc, &err) == 0);
        dipx_doc_free(doc);
    }
    if (w != NULL)
        FUZZ_CHECK(dipx_writer_finish(w, &err) == 0);
    dipx_writer_free(w);
    dipx_reader_free(r);
    return n;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char in[] = "/tmp/dipx-fuzz-in-XXXXXX", out[] = "/tmp/dipx-fuzz-out-XXXXXX";
    int fi = mkstemp(in), fo = mkstemp(out);
    size_t n1, n2, b1, b2;
    FILE *f;

    FUZZ_CHECK(fi >= 0 && fo >= 0);
    FUZZ_CHECK(write(fi, data, size) == (ssize_t)size);
    close(fi);
    f = fdopen(fo, "w");
    n1 = read_all(in, f, &b1);
    FUZZ_CHECK(fclose(f) == 0);
    n2 = read_all(out, NULL, &b2);
    FUZZ_CHECK(n1 == n2 && b1 == b2);
    unlink(in);
    unlink(out);
    return 0;
}
