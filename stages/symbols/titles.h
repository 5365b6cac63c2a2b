/*
 * titles.h - the title gazetteer of dipx-symbols (private to the stage).
 */
#ifndef DIPX_TITLES_H
#define DIPX_TITLES_H

#include <stddef.h>

#include "dipx/dict.h"
#include "dipx/error.h"

struct dipx_titles;

/*
 * Loads LANG's gazetteer: LANG/titles.tsv (title<TAB>sessions),
 * LANG/title-variants.tsv and LANG/title-cues.txt.  Returns NULL with
 * *MISSING set when LANG has no titles.tsv, NULL with ERR set on error.
 */
struct dipx_titles *dipx_titles_load(struct dipx_dict *d, const char *lang,
                                     int *missing, struct dipx_error *err);
void dipx_titles_free(struct dipx_titles *t);

struct dipx_title_hit {
    size_t start, end;          /* bytes of the text */
    const char *series;
};

/*
 * Finds the next title in TEXT at or after byte *POS and advances *POS
 * past it.  AFTER_SYMBOL(byte, ctx) says whether a symbol ends just
 * before a byte offset (so a title right after it is taken).  Returns 1
 * with *HIT, or 0 at the end.  Cannot fail.
 */
int dipx_titles_next(struct dipx_titles *t, const char *text, size_t len,
                     size_t *pos, int (*after_symbol)(size_t, void *),
                     void *ctx, struct dipx_title_hit *hit);

#endif
