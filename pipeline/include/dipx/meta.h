/*
 * meta.h - document metadata from sidecar NAME.meta files and index.tsv.
 *
 * A sidecar sits next to its input (x.txt -> x.meta) and holds lines
 * "key: value"; keys used: source (the publisher), url, lang, date,
 * title; others are kept out of the stream.  An index is a TSV file with
 * a header row naming its columns (path, url, lang, date, title, source)
 * for large batches.
 */
#ifndef DIPX_META_H
#define DIPX_META_H

#include "dipx/doc.h"
#include "dipx/error.h"

struct dipx_meta {
    char *url, *lang, *date, *title, *publisher;
};

/* Frees the strings of M and clears it.  Cannot fail. */
void dipx_meta_clear(struct dipx_meta *m);

/*
 * Reads the sidecar of INPUT (same path, extension replaced by .meta)
 * into M.  Returns 0 when read, 1 when there is none, DIPX_EINPUT with
 * ERR at the bad line, DIPX_EIO or DIPX_ENOMEM.
 */
int dipx_meta_sidecar(const char *input, struct dipx_meta *m,
                      struct dipx_error *err);

struct dipx_meta_index;

/* Loads an index file.  Returns NULL with ERR set on failure. */
struct dipx_meta_index *dipx_meta_index_load(const char *path,
                                             struct dipx_error *err);

/* Copies the index entry of PATH into M.  Returns 0 when found, 1 when
 * not, DIPX_ENOMEM. */
int dipx_meta_index_get(const struct dipx_meta_index *ix, const char *path,
                        struct dipx_meta *m);

void dipx_meta_index_free(struct dipx_meta_index *ix);

/* Checks a date as DESIGN.md allows it (YYYY, YYYY-MM, YYYY-MM-DD).
 * Returns 1 when valid.  Cannot fail. */
int dipx_meta_date_ok(const char *s);

/* Checks a language tag the way the stream schema types it (BCP 47
 * shape: "en", "pt-BR", "sr-Latn").  Returns 1 when valid.  Cannot fail. */
int dipx_meta_lang_ok(const char *s);

#endif
