/*
 * doc.h - the document model: one <doc> of the stream.
 *
 * A document is a plain struct that stages read and fill; it owns all its
 * memory (strings live in the document's arena and die with it).  Layers
 * hold annotation elements generically (name, attributes, text, children),
 * so a stage copies the layers it does not know without understanding them.
 *
 * Offsets in annotations are code points into doc->text (DESIGN.md).
 * doc->text is always valid UTF-8 without characters XML cannot carry.
 */
#ifndef DIPX_DOC_H
#define DIPX_DOC_H

#include <stddef.h>
#include <stdint.h>

#include "dipx/error.h"

struct dipx_arena;

/* One annotation element: <symbol id="s1" start="3" end="14" .../>. */
struct dipx_elem {
    const char *name;           /* local name, in the dipx namespace */
    const char **attr;          /* nattr name/value pairs: attr[2i], attr[2i+1] */
    size_t nattr, capattr;
    const char *text;           /* text content, or NULL */
    struct dipx_elem *kids;     /* child elements */
    size_t nkids, capkids;
};

/* <layer stage="..." version="..." dict="..." needs="...">. */
struct dipx_layer {
    const char *stage;
    const char *version;
    const char *dict;           /* "sha256:..." or NULL */
    const char *needs;          /* space-separated stage names, or NULL */
    struct dipx_elem *elems;
    size_t nelems, capelems;
};

/*
 * One change normalize made: the code points [at, at+len) of the text
 * stand for the source bytes [src, src+srclen), which were WAS.  Between
 * edits the text is the source, byte for byte.
 */
struct dipx_edit {
    size_t at, len;
    int64_t src;
    size_t srclen;
    const unsigned char *was;   /* srclen bytes */
    size_t byte;                /* byte offset of AT in the text, set by
                                   dipx_edits_check() */
};

struct dipx_doc {
    /* Metadata (NULL when unknown); see DESIGN.md and docs/stream.md. */
    const char *id, *lang, *date, *source, *url, *title, *publisher;
    const char *encoding;       /* source encoding when not UTF-8 */
    const char *sha256;         /* of the whole source file, hex */
    int64_t bytes;              /* size of the whole source file */
    int part, nparts;           /* 0, 0 when the document is whole */
    int64_t base;               /* code point offset of this part */
    int64_t srcbase;            /* source byte offset of this part */

    char *text;                 /* NUL-terminated, text_len bytes */
    int text_clean;             /* known valid UTF-8 that XML can carry:
                                   set by the reader and normalize, and
                                   cleared by dipx_doc_take_text */
    size_t text_len;            /* bytes */
    size_t text_cps;            /* code points */

    struct dipx_edit *edits;
    size_t nedits, capedits;
    int edits_indexed;          /* edit byte offsets are up to date */

    struct dipx_layer *layers;
    size_t nlayers, caplayers;

    struct dipx_arena *arena;
};

/* A new empty document, or NULL when out of memory. */
struct dipx_doc *dipx_doc_new(void);

/* Frees DOC and everything it owns.  NULL is a no-op. */
void dipx_doc_free(struct dipx_doc *doc);

/* Copies S (N bytes, or strlen when N is (size_t)-1) into DOC's arena,
 * NUL-terminated.  Returns the copy or NULL when out of memory. */
const char *dipx_doc_strndup(struct dipx_doc *doc, const char *s, size_t n);
const char *dipx_doc_strdup(struct dipx_doc *doc, const char *s);

/* Allocates N bytes in DOC's arena (aligned for any type), or NULL. */
void *dipx_doc_alloc(struct dipx_doc *doc, size_t n);

/*
 * Takes TEXT (LEN bytes of valid UTF-8, malloc'ed) as the document's text;
 * DOC owns it afterwards, and the old text is freed.  Counts code points.
 * Cannot fail.
 */
void dipx_doc_take_text(struct dipx_doc *doc, char *text, size_t len);

/* Appends an edit (WAS is copied).  Returns 0 or DIPX_ENOMEM. */
int dipx_doc_add_edit(struct dipx_doc *doc, size_t at, size_t len,
                      int64_t src, const unsigned char *was, size_t srclen);

/* The layer of STAGE, or NULL. */
struct dipx_layer *dipx_doc_layer(const struct dipx_doc *doc,
                                  const char *stage);

/*
 * Starts STAGE's layer: removes an older layer of STAGE and every layer
 * that needs it (transitively), then appends a new empty layer.  NEEDS
 * and DICT may be NULL.  Returns the layer or NULL when out of memory.
 * Pointers to layers got before the call are invalid after it.
 */
struct dipx_layer *dipx_doc_new_layer(struct dipx_doc *doc, const char *stage,
                                      const char *version, const char *dict,
                                      const char *needs);

/* Appends a layer read from a stream as it is (no replacement rules).
 * Returns the layer or NULL when out of memory. */
struct dipx_layer *dipx_doc_append_layer(struct dipx_doc *doc);

/* Returns 0 when DOC has STAGE's layer, else DIPX_ELAYER with ERR saying
 * which layer is missing. */
int dipx_doc_require(const struct dipx_doc *doc, const char *stage,
                     struct dipx_error *err);

/* Appends an element NAME to LAYER / a child to PARENT.  Return it or
 * NULL when out of memory.  Earlier element pointers of the same array
 * may move. */
struct dipx_elem *dipx_layer_add(struct dipx_doc *doc, struct dipx_layer *l,
                                 const char *name);
struct dipx_elem *dipx_elem_add_kid(struct dipx_doc *doc,
                                    struct dipx_elem *parent,
                                    const char *name);

/* Sets attribute NAME (appended in call order, which is the output order).
 * Return 0 or DIPX_ENOMEM. */
int dipx_elem_set(struct dipx_doc *doc, struct dipx_elem *e, const char *name,
                  const char *value);
int dipx_elem_set_int(struct dipx_doc *doc, struct dipx_elem *e,
                      const char *name, int64_t value);
int dipx_elem_set_text(struct dipx_doc *doc, struct dipx_elem *e,
                       const char *text, size_t len);

/* The value of attribute NAME of E, or NULL. */
const char *dipx_elem_get(const struct dipx_elem *e, const char *name);

/* Parses attribute NAME as a non-negative integer into *OUT.  Returns 0,
 * or DIPX_EINPUT when it is missing or not a number. */
int dipx_elem_get_size(const struct dipx_elem *e, const char *name,
                       size_t *out);

#endif
