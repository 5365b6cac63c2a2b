/*
 * fs.h - files: listing directories, reading whole inputs, atomic output.
 */
#ifndef DIPX_FS_H
#define DIPX_FS_H

#include <stddef.h>
#include <stdio.h>

#include "dipx/error.h"

/* A list of paths, each malloc'ed. */
struct dipx_paths {
    char **v;
    size_t n, cap;
};

/* Appends a copy of PATH.  Returns 0 or DIPX_ENOMEM. */
int dipx_paths_add(struct dipx_paths *p, const char *path);
void dipx_paths_free(struct dipx_paths *p);

/*
 * Appends to OUT the regular files under DIR (recursively, not following
 * symbolic links to directories) whose names end in SUFFIX (e.g. ".txt"),
 * sorted bytewise by path so that runs are deterministic.  Hidden entries
 * (name starting with '.') are skipped.  Returns 0, or DIPX_EIO with ERR
 * naming the directory that could not be read, or DIPX_ENOMEM.
 */
int dipx_fs_list(const char *dir, const char *suffix, struct dipx_paths *out,
                 struct dipx_error *err);

/* 1 when PATH is a directory, 0 otherwise.  Cannot fail. */
int dipx_fs_is_dir(const char *path);

/*
 * A whole input in memory: mapped when it is a regular file, read when it
 * is a pipe or "-" (standard input).  Reading stops with DIPX_ELIMIT when
 * more than MAX bytes would be needed (0: no limit).
 */
struct dipx_input {
    const unsigned char *data;
    size_t len;
    int mapped;
};

int dipx_input_open(const char *path, size_t max, struct dipx_input *in,
                    struct dipx_error *err);
void dipx_input_close(struct dipx_input *in);

/*
 * Atomic output: a temporary file next to PATH, renamed into place by
 * dipx_atomic_commit() only after every byte was written and flushed, so
 * a crash or an error never leaves a half-written PATH.
 */
struct dipx_atomic {
    FILE *f;
    char *path, *tmp;
};

int dipx_atomic_open(struct dipx_atomic *a, const char *path,
                     struct dipx_error *err);
/* Flushes, syncs and renames.  On failure removes the temporary file. */
int dipx_atomic_commit(struct dipx_atomic *a, struct dipx_error *err);
/* Removes the temporary file (no-op after commit).  Cannot fail. */
void dipx_atomic_abort(struct dipx_atomic *a);

/* The id of an input: PATH relative to ROOT (when PATH is under it),
 * without its extension and without a leading "./".  Returns a malloc'ed
 * string or NULL when out of memory. */
char *dipx_fs_doc_id(const char *path, const char *root);

#endif
