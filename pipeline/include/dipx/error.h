/*
 * error.h - error codes and the error record every libdipx call fills.
 *
 * The library never prints and never exits: a failing call returns a
 * negative DIPX_E* code and, when given a struct dipx_error, fills it with
 * where (file, document, line, column, byte) and what.  Only a stage's
 * *_main turns the record into text, with dipx_error_print().
 */
#ifndef DIPX_ERROR_H
#define DIPX_ERROR_H

#include <stdio.h>
#include <stddef.h>

enum dipx_errcode {
    DIPX_OK = 0,
    DIPX_ENOMEM = -1,   /* an allocation failed */
    DIPX_EIO = -2,      /* reading or writing failed */
    DIPX_EINPUT = -3,   /* the input is bad (encoding, XML, size) */
    DIPX_EUSAGE = -4,   /* a caller or user asked for something invalid */
    DIPX_EDICT = -5,    /* a dictionary file is missing or malformed */
    DIPX_ELAYER = -6,   /* a layer a stage needs is missing */
    DIPX_ELIMIT = -7    /* a resource limit was hit (size, depth, match) */
};

/* Exit statuses of every dipx executable (STYLE.md, DESIGN.md). */
enum dipx_exit {
    DIPX_EXIT_OK = 0,       /* all inputs fine */
    DIPX_EXIT_PARTIAL = 1,  /* some inputs failed, the rest were done */
    DIPX_EXIT_FATAL = 2,    /* usage or fatal error */
    DIPX_EXIT_CHECK = 3     /* a check the user asked for failed */
};

#define DIPX_ERRMSG_MAX 512
#define DIPX_ERRFILE_MAX 1024
#define DIPX_ERRDOC_MAX 256

struct dipx_error {
    int code;                       /* a DIPX_E* value, 0 when none */
    char file[DIPX_ERRFILE_MAX];    /* file as the user named it, or "" */
    char doc[DIPX_ERRDOC_MAX];      /* document id, or "" */
    long line;                      /* 1-based, 0 when unknown */
    long col;                       /* 1-based, in code points, 0 if unknown */
    long long byte;                 /* 0-based byte offset, -1 if unknown */
    char msg[DIPX_ERRMSG_MAX];
};

/* Clears ERR (code 0, empty strings, unknown position).  ERR may be NULL.
 * Cannot fail. */
void dipx_error_clear(struct dipx_error *err);

/*
 * Sets ERR's code and message (printf-style) and returns CODE, so that
 * `return dipx_error_set(err, DIPX_EINPUT, "...")` reads as one step.
 * Keeps the position fields as they are.  ERR may be NULL.
 */
int dipx_error_set(struct dipx_error *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Sets the file and document names of ERR (either may be NULL: unchanged). */
void dipx_error_where(struct dipx_error *err, const char *file,
                      const char *doc);

/* Sets the position of ERR.  Pass 0 / -1 for what is unknown. */
void dipx_error_at(struct dipx_error *err, long line, long col,
                   long long byte);

/*
 * Prints ERR on OUT as one line:
 *   PROG: FILE:LINE:COL: doc ID: message
 * leaving out the parts that are unknown.  SEVERITY, when not NULL, goes
 * before the message ("warning").  Cannot fail (write errors are left to
 * the caller's final check of OUT).
 */
void dipx_error_print(FILE *out, const char *prog, const char *severity,
                      const struct dipx_error *err);

/* A short English text for a DIPX_E* code.  Cannot fail. */
const char *dipx_strerror(int code);

#endif
