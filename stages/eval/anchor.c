/*
 * anchor.c - dipx-eval --anchor: a stream rewritten onto its sources.
 *
 * Each document's source is rebuilt from its text and edits; the new
 * document has that source as its text (so no edits), and every element
 * of its layers with start and end gets them mapped from the normalized
 * text to code points of the source.  The structure layer is dropped (it
 * describes the normalized text, not an annotation), and layers lose
 * their dict and needs: they are no longer what a stage computed.  This
 * is how a gold file starts: anchor the stages' output, then correct it
 * by hand (corpus/gold/GUIDE.md).
 */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>

#include "dipx/buf.h"
#include "dipx/cli.h"
#include "dipx/edits.h"
#include "dipx/eval.h"
#include "dipx/fs.h"
#include "dipx/hash.h"
#include "dipx/stage.h"
#include "dipx/stream.h"
#include "dipx/utf8.h"

#define PROG "dipx-eval"

struct anchor {
    const struct dipx_doc *od;  /* as read: normalized text, edits */
    struct dipx_doc *nd;        /* text = the source */
    struct dipx_cpcursor cur;
};

static int
copy_elem(struct anchor *an, struct dipx_elem *dst,
          const struct dipx_elem *src, struct dipx_error *err)
{
    size_t s, e, i;
    int64_t bs, be;
    int span = dipx_elem_get_size(src, "start", &s) == 0 &&
               dipx_elem_get_size(src, "end", &e) == 0;

    if (span && (s > e || dipx_edits_map(an->od, s, e, &bs, &be) < 0))
        return dipx_error_set(err, DIPX_EINPUT, "<%s>: start %zu and end %zu "
                              "are not a span of the text", src->name, s, e);
    for (i = 0; i < src->nattr; i++) {
        const char *n = src->attr[2 * i], *v = src->attr[2 * i + 1];
        int rc;

        if (span && strcmp(n, "start") == 0)
            rc = dipx_elem_set_int(an->nd, dst, n, (int64_t)dipx_cpcursor_at(
                                                       &an->cur, (size_t)bs));
        else if (span && strcmp(n, "end") == 0)
            rc = dipx_elem_set_int(an->nd, dst, n, (int64_t)dipx_cpcursor_at(
                                                       &an->cur, (size_t)be));
        else
            rc = dipx_elem_set(an->nd, dst, n, v);
        if (rc < 0)
            return dipx_error_set(err, DIPX_ENOMEM, "out of memory");
    }
    if (src->text != NULL &&
        dipx_elem_set_text(an->nd, dst, src->text, strlen(src->text)) < 0)
        return dipx_error_set(err, DIPX_ENOMEM, "out of memory");
    for (i = 0; i < src->nkids; i++) {
        struct dipx_elem *k = dipx_elem_add_kid(an->nd, dst,
                                                src->kids[i].name);
        int rc;

        if (k == NULL)
            return dipx_error_set(err, DIPX_ENOMEM, "out of memory");
        if ((rc = copy_elem(an, k, &src->kids[i], err)) < 0)
            return rc;
    }
    return 0;
}

/* Checks that SRC can be the text of a document as it is. */
static int
check_source(const struct dipx_doc *d, const struct dipx_buf *src,
             struct dipx_error *err)
{
    char hex[DIPX_SHA256_HEX];
    size_t i, n;

    if (d->nparts > 0)
        return dipx_error_set(err, DIPX_EINPUT, "part %d/%d: anchor whole "
                              "documents (dipx-normalize --max-doc-bytes)",
                              d->part, d->nparts);
    if (d->sha256 != NULL) {
        dipx_sha256_of(src->data ? src->data : "", src->len, hex);
        if (strcmp(hex, d->sha256) != 0)
            return dipx_error_set(err, DIPX_EINPUT, "the rebuilt source does "
                                  "not have the sha256 the document names");
    }
    if (!dipx_utf8_valid(src->data ? src->data : "", src->len, &i))
        return dipx_error_set(err, DIPX_EINPUT, "the source is not UTF-8 "
                              "(byte %zu): it cannot be the text of a gold "
                              "document", i);
    for (i = 0; i < src->len; i += n) {
        uint32_t cp = dipx_utf8_decode((const unsigned char *)src->data + i,
                                       src->len - i, &n);

        if (!dipx_xml_char_ok(cp))
            return dipx_error_set(err, DIPX_EINPUT, "the source has U+%04X "
                                  "at byte %zu, which XML cannot carry", cp,
                                  i);
    }
    return 0;
}

#define COPY(f) \
    (od->f == NULL || (nd->f = dipx_doc_strdup(nd, od->f)) != NULL)

static int
anchor_doc(const struct dipx_doc *od, struct dipx_doc **out,
           struct dipx_error *err)
{
    struct dipx_buf src = DIPX_BUF_INIT;
    struct dipx_doc *nd = NULL;
    struct anchor an;
    size_t i, k;
    int rc;

    *out = NULL;
    if ((rc = dipx_edits_restore(od, &src, err)) < 0 ||
        (rc = check_source(od, &src, err)) < 0)
        goto out;
    rc = DIPX_ENOMEM;
    if ((nd = dipx_doc_new()) == NULL || !COPY(id) || !COPY(lang) ||
        !COPY(date) || !COPY(source) || !COPY(url) || !COPY(title) ||
        !COPY(publisher) || !COPY(sha256))
        goto oom;
    nd->bytes = od->bytes;
    if (src.data == NULL && dipx_buf_puts(&src, "") < 0)
        goto oom;
    i = src.len;
    dipx_doc_take_text(nd, dipx_buf_steal(&src), i);
    if (nd->text == NULL)
        goto oom;
    an.od = od;
    an.nd = nd;
    an.cur.text = nd->text;
    an.cur.byte = an.cur.cp = 0;
    for (i = 0; i < od->nlayers; i++) {
        const struct dipx_layer *ol = &od->layers[i];
        struct dipx_layer *nl;

        if (strcmp(ol->stage, "structure") == 0)
            continue;
        if ((nl = dipx_doc_append_layer(nd)) == NULL ||
            (nl->stage = dipx_doc_strdup(nd, ol->stage)) == NULL ||
            (nl->version = dipx_doc_strdup(nd, ol->version)) == NULL)
            goto oom;
        for (k = 0; k < ol->nelems; k++) {
            struct dipx_elem *e = dipx_layer_add(nd, nl, ol->elems[k].name);

            if (e == NULL)
                goto oom;
            if ((rc = copy_elem(&an, e, &ol->elems[k], err)) < 0)
                goto out;
        }
    }
    *out = nd;
    nd = NULL;
    rc = 0;
    goto out;
oom:
    rc = dipx_error_set(err, DIPX_ENOMEM, "out of memory");
out:
    dipx_doc_free(nd);
    dipx_buf_free(&src);
    return rc;
}

int
dipx_eval_anchor(int argc, char **argv, const char *output, FILE *out,
                 FILE *errf)
{
    struct dipx_reader *rd = dipx_reader_new();
    struct dipx_writer *w = NULL;
    struct dipx_atomic atomic = {0};
    struct dipx_error err;
    struct dipx_doc *d, *nd;
    const char *file;
    long line;
    int i, rc, rval = DIPX_EXIT_OK, out_failed = 0;

    dipx_error_clear(&err);
    if (rd == NULL)
        goto oom;
    if (output != NULL && dipx_atomic_open(&atomic, output, &err) < 0) {
        dipx_error_print(errf, PROG, NULL, &err);
        rval = DIPX_EXIT_FATAL;
        goto done;
    }
    if ((w = dipx_writer_new(output ? atomic.f : out)) == NULL)
        goto oom;
    for (i = 0; i < argc; i++)
        if (dipx_reader_add(rd, argv[i], &err) < 0) {
            dipx_error_print(errf, PROG, NULL, &err);
            dipx_error_clear(&err);
            rval = DIPX_EXIT_PARTIAL;
        }
    if (argc == 0)
        dipx_reader_add(rd, "-", &err);
    while ((rc = dipx_reader_next(rd, &d, &err)) != 0) {
        if (rc < 0) {
            dipx_error_print(errf, PROG, NULL, &err);
            dipx_error_clear(&err);
            rval = DIPX_EXIT_PARTIAL;
            continue;
        }
        dipx_reader_where(rd, &file, &line);
        rc = anchor_doc(d, &nd, &err);
        if (rc < 0) {
            dipx_error_where(&err, file, d->id);
            dipx_error_at(&err, line, 0, -1);
            dipx_error_print(errf, PROG, NULL, &err);
            dipx_error_clear(&err);
            dipx_doc_free(d);
            if (rc == DIPX_ENOMEM)
                goto oom;
            rval = DIPX_EXIT_PARTIAL;
            continue;
        }
        dipx_doc_free(d);
        rc = dipx_writer_doc(w, nd, &err);
        dipx_doc_free(nd);
        if (rc < 0) {
            dipx_error_print(errf, PROG, NULL, &err);
            out_failed = 1;
            rval = DIPX_EXIT_FATAL;
            break;
        }
    }
    if (!out_failed && dipx_writer_finish(w, &err) < 0) {
        dipx_error_print(errf, PROG, NULL, &err);
        out_failed = 1;
        rval = DIPX_EXIT_FATAL;
    }
    dipx_writer_free(w);
    w = NULL;
    if (output != NULL && !out_failed &&
        dipx_atomic_commit(&atomic, &err) < 0) {
        dipx_error_print(errf, PROG, NULL, &err);
        rval = DIPX_EXIT_FATAL;
    }
    goto done;
oom:
    fprintf(errf, PROG ": out of memory\n");
    rval = DIPX_EXIT_FATAL;
done:
    dipx_writer_free(w);
    if (atomic.f != NULL)
        dipx_atomic_abort(&atomic);
    dipx_reader_free(rd);
    return dipx_cli_finish(out, errf, PROG, rval);
}
