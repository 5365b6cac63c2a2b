/* edits.c - offsets of the normalized text to source bytes (edits.h). */
#include <string.h>

#include "dipx/edits.h"
#include "dipx/utf8.h"

/* Index of the last edit with at <= P, or -1. */
static long
last_edit_at_or_before(const struct dipx_doc *doc, size_t p)
{
    size_t lo = 0, hi = doc->nedits;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (doc->edits[mid].at <= p)
            lo = mid + 1;
        else
            hi = mid;
    }
    return (long)lo - 1;
}

/*
 * The source byte offset of text boundary P.  IS_START chooses, where a
 * boundary stands for more than one source position (inside an edit, or
 * at a deletion), the side that keeps a range widest: a start maps
 * before, an end after, what the edit covers - except that a start at a
 * pure deletion maps after the deleted bytes, which belong to the left.
 */
static int64_t
boundary(const struct dipx_doc *doc, size_t p, int is_start)
{
    long i = last_edit_at_or_before(doc, p);
    const struct dipx_edit *e;
    size_t from_cp, from_byte, to_byte;
    int64_t from_src;

    if (i < 0) {
        from_cp = 0;
        from_src = doc->srcbase;
    } else {
        e = &doc->edits[i];
        if (p == e->at && e->len > 0)
            return e->src;
        if (p < e->at + e->len)
            return is_start ? e->src : e->src + (int64_t)e->srclen;
        if (p == e->at && e->len == 0 && !is_start)
            return e->src;
        from_cp = e->at + e->len;
        from_src = e->src + (int64_t)e->srclen;
    }
    if (i >= 0 && doc->edits_indexed) {
        e = &doc->edits[i];
        from_byte = e->byte + dipx_utf8_offset(doc->text + e->byte,
                                               doc->text_len - e->byte,
                                               e->len);
    } else {
        from_byte = dipx_utf8_offset(doc->text, doc->text_len, from_cp);
    }
    to_byte = from_byte + dipx_utf8_offset(doc->text + from_byte,
                                           doc->text_len - from_byte,
                                           p - from_cp);
    return from_src + (int64_t)(to_byte - from_byte);
}

int
dipx_edits_map(const struct dipx_doc *doc, size_t start, size_t end,
               int64_t *src_start, int64_t *src_end)
{
    if (start > end || end > doc->text_cps)
        return DIPX_EUSAGE;
    *src_start = boundary(doc, start, 1);
    *src_end = boundary(doc, end, 0);
    if (*src_end < *src_start)  /* an empty range at a deletion */
        *src_end = *src_start;
    return 0;
}

int
dipx_edits_check(struct dipx_doc *doc, struct dipx_error *err)
{
    size_t i, cp = 0, byte = 0;
    int64_t src = doc->srcbase;

    for (i = 0; i < doc->nedits; i++) {
        const struct dipx_edit *e = &doc->edits[i];
        size_t b;

        if (e->at < cp || e->at > doc->text_cps ||
            e->len > doc->text_cps - e->at || (i > 0 && e->at == cp &&
            doc->edits[i - 1].len == 0 && e->len == 0)) {
            dipx_error_where(err, NULL, doc->id);
            return dipx_error_set(err, DIPX_EINPUT,
                                  "edit %zu (at=%zu len=%zu) is out of order "
                                  "or outside the text (%zu code points)",
                                  i + 1, e->at, e->len, doc->text_cps);
        }
        b = byte + dipx_utf8_offset(doc->text + byte, doc->text_len - byte,
                                    e->at - cp);
        doc->edits[i].byte = b;
        if (e->src != src + (int64_t)(b - byte)) {
            dipx_error_where(err, NULL, doc->id);
            return dipx_error_set(err, DIPX_EINPUT,
                                  "edit %zu (at=%zu) says source byte %lld, "
                                  "the text before it says %lld",
                                  i + 1, e->at, (long long)e->src,
                                  (long long)(src + (int64_t)(b - byte)));
        }
        byte = b + dipx_utf8_offset(doc->text + b, doc->text_len - b,
                                    e->len);
        cp = e->at + e->len;
        src = e->src + (int64_t)e->srclen;
    }
    doc->edits_indexed = 1;
    return 0;
}

int
dipx_edits_restore(const struct dipx_doc *doc, struct dipx_buf *out,
                   struct dipx_error *err)
{
    size_t i, cp = 0, byte = 0;

    for (i = 0; i < doc->nedits; i++) {
        const struct dipx_edit *e = &doc->edits[i];
        size_t b;

        if (e->at < cp || e->at > doc->text_cps ||
            e->len > doc->text_cps - e->at) {
            dipx_error_where(err, NULL, doc->id);
            return dipx_error_set(err, DIPX_EINPUT, "edit %zu (at=%zu) is "
                                  "out of order or outside the text", i + 1,
                                  e->at);
        }
        b = byte + dipx_utf8_offset(doc->text + byte, doc->text_len - byte,
                                    e->at - cp);
        if (dipx_buf_append(out, doc->text + byte, b - byte) < 0 ||
            dipx_buf_append(out, e->was, e->srclen) < 0)
            return DIPX_ENOMEM;
        byte = b + dipx_utf8_offset(doc->text + b, doc->text_len - b,
                                    e->len);
        cp = e->at + e->len;
    }
    if (dipx_buf_append(out, doc->text + byte, doc->text_len - byte) < 0)
        return DIPX_ENOMEM;
    return 0;
}
