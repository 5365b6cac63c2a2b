/*
 * dict.h - finding and reading dictionary files.
 *
 * Everything language- or institution-specific is data under a dictionary
 * directory (DESIGN.md).  It is found, in order, from --dict DIR,
 * $DIPX_DICT_PATH, the install datadir, and, for executables run from the
 * build tree, the source tree's dictionaries/.  A dictionary handle
 * remembers every file a stage read, so the stage can stamp its layer
 * with their digest.
 */
#ifndef DIPX_DICT_H
#define DIPX_DICT_H

#include <stddef.h>

#include "dipx/buf.h"
#include "dipx/error.h"
#include "dipx/hash.h"

struct dipx_dict;

/*
 * Opens the dictionary directory: DIR when not NULL, else the search
 * order above.  Returns NULL with ERR set (DIPX_EDICT) when none exists.
 */
struct dipx_dict *dipx_dict_open(const char *dir, struct dipx_error *err);

/* The directory in use.  Cannot fail. */
const char *dipx_dict_dir(const struct dipx_dict *d);

/*
 * Reads RELPATH ("en/abbrev.txt") into OUT (replacing its content) and
 * records it for the digest.  Returns 0; DIPX_EDICT with ERR naming the
 * file when it is missing and REQUIRED; 1 when it is missing and not
 * required; DIPX_ENOMEM.
 */
int dipx_dict_read(struct dipx_dict *d, const char *relpath, int required,
                   struct dipx_buf *out, struct dipx_error *err);

/* "sha256:<hex>" over the files read so far (path and content, in path
 * order), stable whatever the order they were read in.  The string lives
 * until the next call or dipx_dict_free().  NULL when out of memory. */
const char *dipx_dict_digest(struct dipx_dict *d);

void dipx_dict_free(struct dipx_dict *d);

/* The entries of a list file: lines "KEY" or "KEY<TAB>VALUE". */
struct dipx_dict_list {
    char **key, **val;          /* val[i] is NULL in a one-column list */
    size_t n;
};

/*
 * Reads the list file RELPATH: one entry a line, comments and blank lines
 * skipped; with PAIRS, each line KEY<TAB>VALUE.  An empty key, or a line
 * without its TAB, is an error naming file and line.  Returns 0; 1 when
 * the file is missing and not REQUIRED (OUT is then empty); DIPX_EDICT;
 * DIPX_ENOMEM.  OUT is freed with dipx_dict_list_free() in every case.
 */
int dipx_dict_read_list(struct dipx_dict *d, const char *relpath,
                        int required, int pairs, struct dipx_dict_list *out,
                        struct dipx_error *err);
void dipx_dict_list_free(struct dipx_dict_list *l);

#define DIPX_LANG_MAX 32

/* The languages dipx has dictionaries for (common/languages.txt). */
struct dipx_langs {
    char code[DIPX_LANG_MAX][16];       /* BCP 47 */
    char script[DIPX_LANG_MAX][16];     /* latin, cyrillic ... */
    size_t n;
};

/* Reads common/languages.txt ("CODE SCRIPT" lines) into OUT.  Returns 0,
 * or DIPX_EDICT with ERR at the bad line, or DIPX_ENOMEM. */
int dipx_dict_languages(struct dipx_dict *d, struct dipx_langs *out,
                        struct dipx_error *err);

/*
 * Iterates over the lines of a dictionary file's TEXT: skips blank lines
 * and lines whose first non-blank character is '#'.  Start with *POS = 0
 * and *LINENO = 0.  Returns 1 with [*LINE, *LINE + *LEN) the line (no
 * newline, trailing blanks and CR trimmed) and *LINENO its 1-based number,
 * or 0 at the end.  Cannot fail.
 */
int dipx_dict_next_line(const struct dipx_buf *text, size_t *pos,
                        const char **line, size_t *len, long *lineno);

#endif
