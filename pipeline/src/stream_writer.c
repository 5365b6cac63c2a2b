/*
 * stream_writer.c - the stream writer (stream.h).
 *
 * xmlTextWriter writes whatever bytes it is given, \x01 and U+FFFF
 * included, and the file it makes is then unreadable; every string goes
 * through xml_safe() first, which replaces each ill-formed UTF-8 sequence
 * and each character outside XML's Char production with U+FFFD.  One
 * character stands for one, so code point offsets into <text> hold.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlwriter.h>

#include "dipx/buf.h"
#include "dipx/stream.h"
#include "dipx/utf8.h"

struct dipx_writer {
    FILE *out;
    xmlTextWriterPtr xw;
    int started, io_failed;
    struct dipx_buf safe;       /* scratch for xml_safe() */
    struct dipx_buf hex;        /* scratch for hex and escaped text */
};

static int
write_cb(void *ctx, const char *buf, int len)
{
    struct dipx_writer *w = ctx;

    if (len > 0 && fwrite(buf, 1, (size_t)len, w->out) != (size_t)len) {
        w->io_failed = 1;
        return -1;
    }
    return len;
}

static int
close_cb(void *ctx)
{
    (void)ctx;
    return 0;
}

struct dipx_writer *
dipx_writer_new(FILE *out)
{
    struct dipx_writer *w = calloc(1, sizeof(*w));
    xmlOutputBufferPtr ob;

    if (w == NULL)
        return NULL;
    w->out = out;
    ob = xmlOutputBufferCreateIO(write_cb, close_cb, w, NULL);
    if (ob == NULL) {
        free(w);
        return NULL;
    }
    w->xw = xmlNewTextWriter(ob);
    if (w->xw == NULL) {
        xmlOutputBufferClose(ob);
        free(w);
        return NULL;
    }
    xmlTextWriterSetIndent(w->xw, 1);
    xmlTextWriterSetIndentString(w->xw, BAD_CAST "  ");
    return w;
}

void
dipx_writer_free(struct dipx_writer *w)
{
    if (w == NULL)
        return;
    xmlFreeTextWriter(w->xw);
    dipx_buf_free(&w->safe);
    dipx_buf_free(&w->hex);
    free(w);
}

/* S (N bytes) as XML can carry it: S itself, or a cleaned copy. */
static const xmlChar *
xml_safe(struct dipx_writer *w, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, len;
    int clean = 1;

    for (i = 0; i < n; i += len) {
        uint32_t cp = p[i] < 0x80 ? p[i] : dipx_utf8_decode(p + i, n - i,
                                                             &len);
        len = p[i] < 0x80 ? 1 : len;
        if (cp == DIPX_UTF8_INVALID || !dipx_xml_char_ok(cp)) {
            clean = 0;
            break;
        }
    }
    if (clean && s[n] == '\0')
        return (const xmlChar *)s;
    dipx_buf_reset(&w->safe);
    for (i = 0; i < n; i += len) {
        uint32_t cp = dipx_utf8_decode(p + i, n - i, &len);
        int rc;

        if (cp == DIPX_UTF8_INVALID || !dipx_xml_char_ok(cp))
            rc = dipx_buf_put_cp(&w->safe, 0xFFFD);
        else
            rc = dipx_buf_append(&w->safe, p + i, len);
        if (rc < 0)
            return NULL;
    }
    if (dipx_buf_reserve(&w->safe, 0) < 0)
        return NULL;
    w->safe.data[w->safe.len] = '\0';
    return (const xmlChar *)w->safe.data;
}

/*
 * Writes text content escaped by hand: xmlTextWriterWriteString turns
 * every '"' into "&quot;", which text content does not need and which
 * makes the stream hard to read.  \r must stay a character reference, or
 * a reader would see a line feed.
 */
static int
write_text(struct dipx_writer *w, const xmlChar *t)
{
    const char *p = (const char *)t, *q;

    dipx_buf_reset(&w->hex);
    for (q = p; *q; q++) {
        const char *rep = *q == '&' ? "&amp;" : *q == '<' ? "&lt;"
                          : *q == '>' ? "&gt;" : *q == '\r' ? "&#13;" : NULL;

        if (rep == NULL)
            continue;
        if (dipx_buf_append(&w->hex, p, (size_t)(q - p)) < 0 ||
            dipx_buf_puts(&w->hex, rep) < 0)
            return -1;
        p = q + 1;
    }
    if (w->hex.len == 0)    /* nothing to escape: no copy */
        return xmlTextWriterWriteRaw(w->xw, (const xmlChar *)p);
    if (dipx_buf_append(&w->hex, p, (size_t)(q - p)) < 0)
        return -1;
    return xmlTextWriterWriteRawLen(w->xw, (const xmlChar *)w->hex.data,
                                    (int)w->hex.len);
}

static int
fail(struct dipx_writer *w, struct dipx_error *err)
{
    if (w->io_failed)
        return dipx_error_set(err, DIPX_EIO, "write error on output");
    return dipx_error_set(err, DIPX_ENOMEM, "XML writer failed");
}

#define CHECK(call)                                                           \
    do {                                                                      \
        if ((call) < 0)                                                       \
            return fail(w, err);                                              \
    } while (0)

static int
attr(struct dipx_writer *w, const char *name, const char *value,
     struct dipx_error *err)
{
    const xmlChar *v;

    if (value == NULL)
        return 0;
    v = xml_safe(w, value, strlen(value));
    if (v == NULL)
        return dipx_error_set(err, DIPX_ENOMEM, "out of memory");
    CHECK(xmlTextWriterWriteAttribute(w->xw, BAD_CAST name, v));
    return 0;
}

static int
attr_i64(struct dipx_writer *w, const char *name, int64_t v,
         struct dipx_error *err)
{
    char tmp[32];

    snprintf(tmp, sizeof(tmp), "%" PRId64, v);
    return attr(w, name, tmp, err);
}

static int
start(struct dipx_writer *w, struct dipx_error *err)
{
    if (w->started)
        return 0;
    w->started = 1;
    CHECK(xmlTextWriterStartDocument(w->xw, "1.0", "UTF-8", NULL));
    CHECK(xmlTextWriterStartElement(w->xw, BAD_CAST "corpus"));
    CHECK(xmlTextWriterWriteAttribute(w->xw, BAD_CAST "xmlns",
                                      BAD_CAST DIPX_STREAM_NS));
    return 0;
}

static int
write_elem(struct dipx_writer *w, const struct dipx_elem *e,
           struct dipx_error *err)
{
    size_t i;
    int rc;

    CHECK(xmlTextWriterStartElement(w->xw, BAD_CAST e->name));
    for (i = 0; i < e->nattr; i++)
        if ((rc = attr(w, e->attr[2 * i], e->attr[2 * i + 1], err)) < 0)
            return rc;
    if (e->text != NULL) {
        const xmlChar *t = xml_safe(w, e->text, strlen(e->text));

        if (t == NULL)
            return dipx_error_set(err, DIPX_ENOMEM, "out of memory");
        CHECK(write_text(w, t));
    }
    for (i = 0; i < e->nkids; i++)
        if ((rc = write_elem(w, &e->kids[i], err)) < 0)
            return rc;
    CHECK(xmlTextWriterEndElement(w->xw));
    return 0;
}

static int
write_edits(struct dipx_writer *w, const struct dipx_doc *doc,
            struct dipx_error *err)
{
    static const char digits[] = "0123456789abcdef";
    size_t i, j;
    int rc;

    CHECK(xmlTextWriterStartElement(w->xw, BAD_CAST "edits"));
    for (i = 0; i < doc->nedits; i++) {
        const struct dipx_edit *e = &doc->edits[i];

        dipx_buf_reset(&w->hex);
        for (j = 0; j < e->srclen; j++)
            if (dipx_buf_putc(&w->hex, digits[e->was[j] >> 4]) < 0 ||
                dipx_buf_putc(&w->hex, digits[e->was[j] & 15]) < 0)
                return dipx_error_set(err, DIPX_ENOMEM, "out of memory");
        CHECK(xmlTextWriterStartElement(w->xw, BAD_CAST "e"));
        if ((rc = attr_i64(w, "at", (int64_t)e->at, err)) < 0 ||
            (rc = attr_i64(w, "len", (int64_t)e->len, err)) < 0 ||
            (rc = attr_i64(w, "src", e->src, err)) < 0 ||
            (rc = attr(w, "was", w->hex.data ? w->hex.data : "", err)) < 0)
            return rc;
        CHECK(xmlTextWriterEndElement(w->xw));
    }
    CHECK(xmlTextWriterFullEndElement(w->xw));
    return 0;
}

static int
write_doc_attrs(struct dipx_writer *w, const struct dipx_doc *doc,
                struct dipx_error *err)
{
    char part[32];
    int rc;

    if ((rc = attr(w, "id", doc->id, err)) < 0 ||
        (rc = attr(w, "lang", doc->lang, err)) < 0 ||
        (rc = attr(w, "date", doc->date, err)) < 0 ||
        (rc = attr(w, "source", doc->source, err)) < 0 ||
        (rc = attr(w, "url", doc->url, err)) < 0 ||
        (rc = attr(w, "title", doc->title, err)) < 0 ||
        (rc = attr(w, "publisher", doc->publisher, err)) < 0 ||
        (rc = attr(w, "encoding", doc->encoding, err)) < 0 ||
        (rc = attr(w, "sha256", doc->sha256, err)) < 0 ||
        (doc->sha256 != NULL &&
         (rc = attr_i64(w, "bytes", doc->bytes, err)) < 0))
        return rc;
    if (doc->nparts > 0) {
        snprintf(part, sizeof(part), "%d/%d", doc->part, doc->nparts);
        if ((rc = attr(w, "part", part, err)) < 0 ||
            (rc = attr_i64(w, "base", doc->base, err)) < 0 ||
            (rc = attr_i64(w, "srcbase", doc->srcbase, err)) < 0)
            return rc;
    }
    return 0;
}

int
dipx_writer_doc(struct dipx_writer *w, const struct dipx_doc *doc,
                struct dipx_error *err)
{
    const xmlChar *t;
    size_t i, j;
    int rc;

    dipx_error_where(err, NULL, doc->id);
    if ((rc = start(w, err)) < 0)
        return rc;
    CHECK(xmlTextWriterStartElement(w->xw, BAD_CAST "doc"));
    if ((rc = write_doc_attrs(w, doc, err)) < 0)
        return rc;
    CHECK(xmlTextWriterStartElement(w->xw, BAD_CAST "text"));
    CHECK(xmlTextWriterWriteAttribute(w->xw, BAD_CAST "xml:space",
                                      BAD_CAST "preserve"));
    /* Text the reader or normalize made is known clean: no second scan. */
    t = doc->text_clean && doc->text != NULL
            ? (const xmlChar *)doc->text
            : xml_safe(w, doc->text ? doc->text : "",
                       doc->text ? doc->text_len : 0);
    if (t == NULL)
        return dipx_error_set(err, DIPX_ENOMEM, "out of memory");
    CHECK(write_text(w, t));
    CHECK(xmlTextWriterFullEndElement(w->xw));
    if ((rc = write_edits(w, doc, err)) < 0)
        return rc;
    for (i = 0; i < doc->nlayers; i++) {
        const struct dipx_layer *l = &doc->layers[i];

        CHECK(xmlTextWriterStartElement(w->xw, BAD_CAST "layer"));
        if ((rc = attr(w, "stage", l->stage, err)) < 0 ||
            (rc = attr(w, "version", l->version, err)) < 0 ||
            (rc = attr(w, "dict", l->dict, err)) < 0 ||
            (rc = attr(w, "needs", l->needs, err)) < 0)
            return rc;
        for (j = 0; j < l->nelems; j++)
            if ((rc = write_elem(w, &l->elems[j], err)) < 0)
                return rc;
        CHECK(xmlTextWriterFullEndElement(w->xw));
    }
    CHECK(xmlTextWriterEndElement(w->xw));
    CHECK(xmlTextWriterFlush(w->xw));
    if (w->io_failed || fflush(w->out) != 0)
        return dipx_error_set(err, DIPX_EIO, "write error on output");
    return 0;
}

int
dipx_writer_finish(struct dipx_writer *w, struct dipx_error *err)
{
    int rc;

    if ((rc = start(w, err)) < 0)
        return rc;
    CHECK(xmlTextWriterEndDocument(w->xw));
    CHECK(xmlTextWriterFlush(w->xw));
    if (w->io_failed || fflush(w->out) != 0)
        return dipx_error_set(err, DIPX_EIO, "write error on output");
    return 0;
}
