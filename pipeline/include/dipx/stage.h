/*
 * stage.h - the frame every extraction stage runs in: a filter that reads
 * the stream (stdin, files, directories), requires the layers it needs,
 * replaces its own layer in each document, and writes the stream.
 *
 * A stage supplies what is its own (struct dipx_stage): the tables it
 * loads once, and the work on one document.  dipx_stage_main() does the
 * rest the same way for all: options, errors, exit status, output checks.
 */
#ifndef DIPX_STAGE_H
#define DIPX_STAGE_H

#include <stdio.h>

#include "dipx/dict.h"
#include "dipx/doc.h"
#include "dipx/error.h"

struct dipx_stage {
    const char *name;           /* "symbols": the program is dipx-symbols */
    const char *version;        /* its layer format's version */
    const char *needs;          /* layers it reads, space-separated */
    const char *summary;        /* what it does, for --help */
    /* Loads everything the stage needs from D, once (all languages, so
     * the layer's dictionary digest does not depend on the input).
     * Returns the stage's context, or NULL with ERR set. */
    void *(*init)(struct dipx_dict *d, struct dipx_error *err);
    /* Fills LAYER (new and empty) for DOC.  LANG is the language to use
     * (--lang, else the document's).  Returns 0 or a DIPX_E* code with
     * ERR set; the document is then written without the stage's layer. */
    int (*run)(void *ctx, struct dipx_doc *doc, struct dipx_layer *layer,
               const char *lang, struct dipx_error *err);
    void (*free)(void *ctx);
};

/* The whole command for stage ST.  Returns an exit status. */
int dipx_stage_main(const struct dipx_stage *st, int argc, char **argv,
                    FILE *out, FILE *errf);

/*
 * A cursor from byte offsets to code point offsets in a text, for stages
 * that see their matches in increasing order: each call costs the
 * distance from the previous one.  Start it with {TEXT, 0, 0}.
 */
struct dipx_cpcursor {
    const char *text;
    size_t byte, cp;
};

/* The code point offset of byte B (B at a code point boundary).  Moving
 * backwards is allowed and costs the distance too.  Cannot fail. */
size_t dipx_cpcursor_at(struct dipx_cpcursor *c, size_t b);

#endif
