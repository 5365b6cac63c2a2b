/* doc.c - the document model and its arena (doc.h). */
#include <inttypes.h>
#include <stdalign.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dipx/doc.h"
#include "dipx/utf8.h"

/*
 * A bump allocator: every string and array of a document lives in it and
 * is freed in one go with the document, which is how a stage's memory
 * stays flat over a corpus however many small annotations it makes.
 */
struct arena_block {
    struct arena_block *next;
    size_t used, cap;
    alignas(max_align_t) unsigned char data[];
};

struct dipx_arena {
    struct arena_block *head;
};

#define ARENA_BLOCK 65536

static void *
arena_alloc(struct dipx_arena *a, size_t n)
{
    const size_t align = alignof(max_align_t);
    struct arena_block *b = a->head;
    size_t off;

    if (n > SIZE_MAX - align - sizeof(*b))
        return NULL;
    if (b != NULL) {
        off = (b->used + align - 1) & ~(align - 1);
        if (off <= b->cap && n <= b->cap - off) {
            b->used = off + n;
            return b->data + off;
        }
    }
    size_t cap = n > ARENA_BLOCK ? n : ARENA_BLOCK;
    b = malloc(sizeof(*b) + cap);
    if (b == NULL)
        return NULL;
    b->cap = cap;
    b->used = n;
    if (a->head != NULL && n > ARENA_BLOCK) {
        /* A big one-off: keep the current block for small allocations. */
        b->next = a->head->next;
        a->head->next = b;
    } else {
        b->next = a->head;
        a->head = b;
    }
    return b->data;
}

static void
arena_free(struct dipx_arena *a)
{
    struct arena_block *b, *next;

    if (a == NULL)
        return;
    for (b = a->head; b != NULL; b = next) {
        next = b->next;
        free(b);
    }
    free(a);
}

struct dipx_doc *
dipx_doc_new(void)
{
    struct dipx_doc *doc = calloc(1, sizeof(*doc));

    if (doc == NULL)
        return NULL;
    doc->arena = calloc(1, sizeof(*doc->arena));
    if (doc->arena == NULL) {
        free(doc);
        return NULL;
    }
    return doc;
}

void
dipx_doc_free(struct dipx_doc *doc)
{
    if (doc == NULL)
        return;
    free(doc->text);
    free(doc->edits);
    free(doc->layers);
    arena_free(doc->arena);
    free(doc);
}

void *
dipx_doc_alloc(struct dipx_doc *doc, size_t n)
{
    return arena_alloc(doc->arena, n ? n : 1);
}

const char *
dipx_doc_strndup(struct dipx_doc *doc, const char *s, size_t n)
{
    char *p;

    if (n == (size_t)-1)
        n = strlen(s);
    p = arena_alloc(doc->arena, n + 1);
    if (p == NULL)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

const char *
dipx_doc_strdup(struct dipx_doc *doc, const char *s)
{
    return dipx_doc_strndup(doc, s, (size_t)-1);
}

void
dipx_doc_take_text(struct dipx_doc *doc, char *text, size_t len)
{
    free(doc->text);
    doc->text = text;
    doc->text_len = len;
    doc->text_cps = dipx_utf8_count(text, len);
    doc->edits_indexed = 0;
    doc->text_clean = 0;
}

/* Grows an array of SIZE-byte items to hold one more; 0 or DIPX_ENOMEM. */
static int
grow(void **arr, size_t *cap, size_t n, size_t size)
{
    size_t ncap;
    void *p;

    if (n < *cap)
        return 0;
    ncap = *cap ? *cap * 2 : 8;
    if (ncap > SIZE_MAX / size)
        return DIPX_ENOMEM;
    p = realloc(*arr, ncap * size);
    if (p == NULL)
        return DIPX_ENOMEM;
    *arr = p;
    *cap = ncap;
    return 0;
}

/* The same in the arena (old arrays are left to die with the arena). */
static int
arena_grow(struct dipx_doc *doc, void **arr, size_t *cap, size_t n,
           size_t size)
{
    size_t ncap;
    void *p;

    if (n < *cap)
        return 0;
    ncap = *cap ? *cap * 2 : 4;
    if (ncap > SIZE_MAX / size)
        return DIPX_ENOMEM;
    p = arena_alloc(doc->arena, ncap * size);
    if (p == NULL)
        return DIPX_ENOMEM;
    if (n > 0)
        memcpy(p, *arr, n * size);
    *arr = p;
    *cap = ncap;
    return 0;
}

int
dipx_doc_add_edit(struct dipx_doc *doc, size_t at, size_t len, int64_t src,
                  const unsigned char *was, size_t srclen)
{
    struct dipx_edit *e;
    unsigned char *copy;

    if (grow((void **)&doc->edits, &doc->capedits, doc->nedits,
             sizeof(*doc->edits)) < 0)
        return DIPX_ENOMEM;
    copy = arena_alloc(doc->arena, srclen ? srclen : 1);
    if (copy == NULL)
        return DIPX_ENOMEM;
    if (srclen > 0)
        memcpy(copy, was, srclen);
    e = &doc->edits[doc->nedits++];
    doc->edits_indexed = 0;
    e->byte = 0;
    e->at = at;
    e->len = len;
    e->src = src;
    e->srclen = srclen;
    e->was = copy;
    return 0;
}

struct dipx_layer *
dipx_doc_layer(const struct dipx_doc *doc, const char *stage)
{
    size_t i;

    for (i = 0; i < doc->nlayers; i++)
        if (strcmp(doc->layers[i].stage, stage) == 0)
            return &doc->layers[i];
    return NULL;
}

/* 1 when the space-separated list NEEDS names STAGE. */
static int
needs_stage(const char *needs, const char *stage)
{
    size_t n = strlen(stage);
    const char *p = needs;

    while (p != NULL && *p) {
        while (*p == ' ')
            p++;
        size_t w = strcspn(p, " ");
        if (w == n && strncmp(p, stage, n) == 0)
            return 1;
        p += w;
    }
    return 0;
}

/* Removes layer I and, recursively, every layer that needs its stage. */
static void
drop_layer(struct dipx_doc *doc, size_t i)
{
    const char *stage = doc->layers[i].stage;
    size_t j;

    memmove(&doc->layers[i], &doc->layers[i + 1],
            (doc->nlayers - i - 1) * sizeof(doc->layers[0]));
    doc->nlayers--;
    for (j = 0; j < doc->nlayers;) {
        if (needs_stage(doc->layers[j].needs, stage))
            drop_layer(doc, j);  /* the array shifted: look at j again */
        else
            j++;
    }
}

struct dipx_layer *
dipx_doc_append_layer(struct dipx_doc *doc)
{
    struct dipx_layer *l;

    if (grow((void **)&doc->layers, &doc->caplayers, doc->nlayers,
             sizeof(*doc->layers)) < 0)
        return NULL;
    l = &doc->layers[doc->nlayers++];
    memset(l, 0, sizeof(*l));
    return l;
}

struct dipx_layer *
dipx_doc_new_layer(struct dipx_doc *doc, const char *stage,
                   const char *version, const char *dict, const char *needs)
{
    struct dipx_layer *l;
    size_t i;

    for (i = 0; i < doc->nlayers; i++) {
        if (strcmp(doc->layers[i].stage, stage) == 0) {
            drop_layer(doc, i);
            i = (size_t)-1;     /* start over: the array changed */
        }
    }
    stage = dipx_doc_strdup(doc, stage);
    version = dipx_doc_strdup(doc, version);
    dict = dict != NULL ? dipx_doc_strdup(doc, dict) : NULL;
    needs = needs != NULL ? dipx_doc_strdup(doc, needs) : NULL;
    if (stage == NULL || version == NULL)
        return NULL;
    l = dipx_doc_append_layer(doc);
    if (l == NULL)
        return NULL;
    l->stage = stage;
    l->version = version;
    l->dict = dict;
    l->needs = needs;
    return l;
}

int
dipx_doc_require(const struct dipx_doc *doc, const char *stage,
                 struct dipx_error *err)
{
    if (dipx_doc_layer(doc, stage) != NULL)
        return 0;
    dipx_error_where(err, NULL, doc->id);
    /* Every layer is written by the stage of its name, but structure,
     * which dipx-normalize writes with the text. */
    return dipx_error_set(err, DIPX_ELAYER,
                          "missing layer '%s' (run dipx-%s before this stage)",
                          stage, strcmp(stage, "structure") == 0
                                      ? "normalize" : stage);
}

static struct dipx_elem *
add_elem(struct dipx_doc *doc, struct dipx_elem **arr, size_t *n,
         size_t *cap, const char *name)
{
    struct dipx_elem *e;
    const char *nm = dipx_doc_strdup(doc, name);

    if (nm == NULL || arena_grow(doc, (void **)arr, cap, *n, sizeof(**arr)) < 0)
        return NULL;
    e = &(*arr)[(*n)++];
    memset(e, 0, sizeof(*e));
    e->name = nm;
    return e;
}

struct dipx_elem *
dipx_layer_add(struct dipx_doc *doc, struct dipx_layer *l, const char *name)
{
    return add_elem(doc, &l->elems, &l->nelems, &l->capelems, name);
}

struct dipx_elem *
dipx_elem_add_kid(struct dipx_doc *doc, struct dipx_elem *parent,
                  const char *name)
{
    return add_elem(doc, &parent->kids, &parent->nkids, &parent->capkids,
                    name);
}

int
dipx_elem_set(struct dipx_doc *doc, struct dipx_elem *e, const char *name,
              const char *value)
{
    const char *n = dipx_doc_strdup(doc, name);
    const char *v = dipx_doc_strdup(doc, value);

    if (n == NULL || v == NULL)
        return DIPX_ENOMEM;
    if (e->nattr == e->capattr) {
        size_t ncap = e->capattr ? e->capattr * 2 : 4;
        const char **p = arena_alloc(doc->arena, 2 * ncap * sizeof(*p));

        if (p == NULL)
            return DIPX_ENOMEM;
        if (e->nattr > 0)
            memcpy(p, e->attr, 2 * e->nattr * sizeof(*p));
        e->attr = p;
        e->capattr = ncap;
    }
    e->attr[2 * e->nattr] = n;
    e->attr[2 * e->nattr + 1] = v;
    e->nattr++;
    return 0;
}

int
dipx_elem_set_int(struct dipx_doc *doc, struct dipx_elem *e, const char *name,
                  int64_t value)
{
    char tmp[32];

    snprintf(tmp, sizeof(tmp), "%" PRId64, value);
    return dipx_elem_set(doc, e, name, tmp);
}

int
dipx_elem_set_text(struct dipx_doc *doc, struct dipx_elem *e,
                   const char *text, size_t len)
{
    e->text = dipx_doc_strndup(doc, text, len);
    return e->text == NULL ? DIPX_ENOMEM : 0;
}

const char *
dipx_elem_get(const struct dipx_elem *e, const char *name)
{
    size_t i;

    for (i = 0; i < e->nattr; i++)
        if (strcmp(e->attr[2 * i], name) == 0)
            return e->attr[2 * i + 1];
    return NULL;
}

int
dipx_elem_get_size(const struct dipx_elem *e, const char *name, size_t *out)
{
    const char *v = dipx_elem_get(e, name);
    size_t n = 0;

    if (v == NULL || *v == '\0')
        return DIPX_EINPUT;
    for (; *v; v++) {
        if (*v < '0' || *v > '9' || n > (SIZE_MAX - 9) / 10)
            return DIPX_EINPUT;
        n = n * 10 + (size_t)(*v - '0');
    }
    *out = n;
    return 0;
}
