/*
 * normalize.h - dipx-normalize: source bytes to normalized text + edits.
 *
 * What normalization does, in order, and each change recorded as an edit
 * (docs/normalize.md has the whole list):
 *   decode (UTF-8 by default; UTF-16 and single-byte charsets only when
 *   asked), ill-formed UTF-8 -> U+FFFD; BOM dropped; CR, CRLF, NEL, LS,
 *   PS, VT, FF -> LF; NUL and other controls XML cannot carry dropped;
 *   the folding table (dictionaries/common/fold.tsv); look-alike letters
 *   inside otherwise Latin or Cyrillic words (common/lookalike.tsv);
 *   U+034F after 30 non-starters (UAX #15 stream-safe); NFC.
 */
#ifndef DIPX_NORMALIZE_H
#define DIPX_NORMALIZE_H

#include <stdint.h>
#include <stdio.h>

#include "dipx/buf.h"
#include "dipx/dict.h"
#include "dipx/doc.h"
#include "dipx/error.h"

struct dipx_norm;

/* Loads the folding and look-alike tables from D.  Returns NULL with ERR
 * set (naming file and line) on failure. */
struct dipx_norm *dipx_norm_new(struct dipx_dict *d, struct dipx_error *err);
void dipx_norm_free(struct dipx_norm *n);

/*
 * Selects the source encoding: NULL or "utf-8" (the default), "utf-16"
 * (byte-order mark required), "utf-16le", "utf-16be", or any single-byte
 * charset iconv knows ("windows-1252", "iso-8859-1", "windows-1251",
 * "koi8-r" ...).  Returns 0 or DIPX_EUSAGE with ERR saying why.
 */
int dipx_norm_set_encoding(struct dipx_norm *n, const char *name,
                           struct dipx_error *err);

/* The canonical name of the encoding in use ("utf-8", ...).  */
const char *dipx_norm_encoding(const struct dipx_norm *n);

enum dipx_norm_issue_kind {
    DIPX_NI_INVALID,        /* ill-formed sequence, replaced by U+FFFD */
    DIPX_NI_NUL,            /* NUL byte, dropped */
    DIPX_NI_CONTROL,        /* other control character, dropped */
    DIPX_NI_UNMAPPED        /* byte the charset does not define -> U+FFFD */
};

struct dipx_norm_issue {
    int kind;
    int64_t src;            /* source byte offset */
    size_t len;             /* source bytes */
};

/* What went wrong in one input: the first issues (up to a cap) and the
 * count of all of them. */
struct dipx_norm_report {
    struct dipx_norm_issue *issues;
    size_t nissues, capissues;
    size_t total;
};

void dipx_norm_report_free(struct dipx_norm_report *rep);

/*
 * Looks at the start of a source (up to 64 KiB) and says whether it is
 * clearly not the encoding selected: a UTF-16 byte-order mark or UTF-16
 * NUL pattern while UTF-8 is selected, or a text where ill-formed
 * sequences outnumber well-formed multibyte ones.  Returns 0 when it
 * looks fine, else DIPX_EINPUT with ERR saying what it looks like and
 * what option to use.  Call it before cutting a source into parts: it
 * also reads the byte order of UTF-16 from the byte-order mark.
 */
int dipx_norm_sniff(struct dipx_norm *n, const unsigned char *src,
                    size_t len, struct dipx_error *err);

/*
 * Normalizes the LEN source bytes at SRC, which sit at byte SRCBASE of the
 * source file, into DOC: its text (replaced) and its edits (appended, with
 * source offsets counted from the start of the file).  AT_START says SRC
 * is the start of the file (a byte-order mark is dropped only there).
 * Issues are appended to REP (which may be NULL).  Returns 0,
 * DIPX_ENOMEM, or DIPX_ELIMIT (ERR set) when LEN is too large (>= 2 GiB).
 */
int dipx_norm_run(struct dipx_norm *n, const unsigned char *src, size_t len,
                  int64_t srcbase, int at_start, struct dipx_doc *doc,
                  struct dipx_norm_report *rep, struct dipx_error *err);

/*
 * NFC of the N bytes of valid UTF-8 at S, with the stream-safe rule
 * (U+034F after 30 non-starters), appended to OUT.  utf8proc sees only
 * the non-ASCII runs and the starter before each.  Returns 0 or
 * DIPX_ENOMEM.
 */
int dipx_norm_nfc(const char *s, size_t n, struct dipx_buf *out);

/*
 * Finds where to cut a source of LEN bytes into parts of at most MAX
 * bytes: the last paragraph break (blank line), else sentence end, else
 * ASCII whitespace before MAX, else MAX moved back to a UTF-8 boundary.
 * Returns the length of the first part (LEN when LEN <= MAX).
 */
size_t dipx_norm_cut(const struct dipx_norm *n, const unsigned char *src,
                     size_t len, size_t max);

/* The dipx-normalize command.  Returns an exit status (enum dipx_exit). */
int dipx_normalize_main(int argc, char **argv, FILE *out, FILE *errf);

#endif
