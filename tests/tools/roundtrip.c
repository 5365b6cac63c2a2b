/*
 * roundtrip.c - a test tool for the offsets contract (edits.h).
 *
 *   dipx-roundtrip STREAM...   for every document (all parts of it in
 *       order), rebuilds the source bytes from the text and the edits and
 *       compares them with the file named by its source attribute, its
 *       sha256 and its byte count; maps every code point and checks that
 *       the source ranges are in order, inside the file, and equal to the
 *       text's own bytes wherever no edit applies.
 *   dipx-roundtrip --copy [STREAM...]   reads the stream and writes it
 *       again (stdin to stdout when no operand): the reader and the writer
 *       must give back the same bytes.
 * Exit status 0 when all is well, 1 when a check failed, 2 on errors.
 */
#include <stdio.h>
#include <string.h>

#include <libxml/parser.h>

#include "dipx/buf.h"
#include "dipx/edits.h"
#include "dipx/fs.h"
#include "dipx/hash.h"
#include "dipx/stream.h"

static int
fail(const char *id, const char *what)
{
    fprintf(stderr, "dipx-roundtrip: doc %s: %s\n", id, what);
    return 1;
}

/* Checks dipx_edits_map at P: the one code point there maps inside the
 * source, after the one before it, and to the very same bytes when no
 * edit covers it. */
static int
check_at(const struct dipx_doc *doc, const struct dipx_input *in, size_t p,
         size_t byte, int covered, int64_t *prev)
{
    int64_t a, b;
    size_t l = 1;

    if (dipx_edits_map(doc, p, p + 1, &a, &b) != 0)
        return fail(doc->id, "dipx_edits_map refused an offset");
    if (a < *prev || b < a || (size_t)b > in->len)
        return fail(doc->id, "a mapped range is out of order");
    while (byte + l < doc->text_len &&
           ((unsigned char)doc->text[byte + l] & 0xC0) == 0x80)
        l++;
    if (!covered && ((size_t)(b - a) != l ||
                     memcmp(in->data + a, doc->text + byte, l) != 0))
        return fail(doc->id, "a mapped range holds other bytes");
    *prev = a;
    return 0;
}

/* dipx_edits_map over the text: every code point of small documents; of
 * large ones, every edit's neighbourhood and an even sample (each call
 * costs the distance from the edit before it). */
static int
check_map(const struct dipx_doc *doc, const struct dipx_input *in)
{
    size_t step = doc->text_cps / 256 + 1, p, byte = 0, k = 0;
    int64_t prev = doc->srcbase;
    int bad = 0;

    for (p = 0; p < doc->text_cps && !bad; p++) {
        int covered, near;

        while (k < doc->nedits && p >= doc->edits[k].at + doc->edits[k].len)
            k++;
        covered = k < doc->nedits && p >= doc->edits[k].at;
        near = covered || (k < doc->nedits && p + 1 == doc->edits[k].at) ||
               (k > 0 && p == doc->edits[k - 1].at + doc->edits[k - 1].len);
        if (near || p % step == 0)
            bad = check_at(doc, in, p, byte, covered, &prev);
        byte++;
        while (byte < doc->text_len &&
               ((unsigned char)doc->text[byte] & 0xC0) == 0x80)
            byte++;
    }
    return bad;
}

static int
check_docs(const char *path)
{
    struct dipx_reader *r = dipx_reader_new();
    struct dipx_buf whole = DIPX_BUF_INIT;
    struct dipx_error err;
    struct dipx_doc *doc;
    char last_id[1024] = "", sha[DIPX_SHA256_HEX];
    int rc, bad = 0;

    dipx_error_clear(&err);
    if (r == NULL || dipx_reader_add(r, path, &err) < 0)
        return 2;
    while ((rc = dipx_reader_next(r, &doc, &err)) != 0) {
        struct dipx_input in;

        if (rc < 0) {
            dipx_error_print(stderr, "dipx-roundtrip", NULL, &err);
            bad = 1;
            continue;
        }
        if (doc->part <= 1)
            dipx_buf_reset(&whole);
        if (dipx_edits_restore(doc, &whole, &err) < 0)
            bad |= fail(doc->id, err.msg);
        snprintf(last_id, sizeof(last_id), "%s", doc->id);
        if (doc->source == NULL ||
            dipx_input_open(doc->source, 0, &in, &err) < 0) {
            bad |= fail(doc->id, "cannot read its source");
            dipx_doc_free(doc);
            continue;
        }
        bad |= check_map(doc, &in);
        if (doc->part == doc->nparts) {
            dipx_sha256_of(whole.data ? whole.data : "", whole.len, sha);
            if (whole.len != in.len ||
                (in.len > 0 && memcmp(whole.data, in.data, in.len) != 0))
                bad |= fail(doc->id, "rebuilt bytes differ from the source");
            else if (doc->sha256 == NULL || strcmp(sha, doc->sha256) != 0)
                bad |= fail(doc->id, "sha256 differs");
            else if (doc->bytes != (int64_t)in.len)
                bad |= fail(doc->id, "bytes differs");
        }
        dipx_input_close(&in);
        dipx_doc_free(doc);
    }
    dipx_buf_free(&whole);
    dipx_reader_free(r);
    return bad;
}

static int
copy(int argc, char **argv)
{
    struct dipx_reader *r = dipx_reader_new();
    struct dipx_writer *w = dipx_writer_new(stdout);
    struct dipx_error err;
    struct dipx_doc *doc;
    int i, rc, status = 0;

    dipx_error_clear(&err);
    if (r == NULL || w == NULL)
        return 2;
    for (i = 0; i < argc; i++)
        if (dipx_reader_add(r, argv[i], &err) < 0) {
            dipx_error_print(stderr, "dipx-roundtrip", NULL, &err);
            status = 1;
        }
    if (argc == 0)
        dipx_reader_add(r, "-", &err);
    while ((rc = dipx_reader_next(r, &doc, &err)) != 0) {
        if (rc < 0) {
            dipx_error_print(stderr, "dipx-roundtrip", NULL, &err);
            status = 1;
            continue;
        }
        if (dipx_writer_doc(w, doc, &err) < 0) {
            dipx_error_print(stderr, "dipx-roundtrip", NULL, &err);
            status = 2;
        }
        dipx_doc_free(doc);
        if (status == 2)
            break;
    }
    if (status < 2 && dipx_writer_finish(w, &err) < 0)
        status = 2;
    dipx_writer_free(w);
    dipx_reader_free(r);
    if (fflush(stdout) != 0 || ferror(stdout))
        status = 2;
    return status;
}

int
main(int argc, char **argv)
{
    int i, rc = 0;

    LIBXML_TEST_VERSION
    if (argc >= 2 && strcmp(argv[1], "--copy") == 0)
        rc = copy(argc - 2, argv + 2);
    else
        for (i = 1; i < argc; i++) {
            int r = check_docs(argv[i]);

            rc = r > rc ? r : rc;
        }
    xmlCleanupParser();
    return rc;
}
