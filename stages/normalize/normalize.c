/*
 * normalize.c - source bytes to normalized text and edits (normalize.h).
 *
 * Two passes over a part of the source, each keeping, for every code
 * point it writes, where it came from:
 *   decode():  source bytes -> S1, src[i] = byte offset of S1's i-th code
 *              point (ill-formed bytes, line ends, controls, BOM);
 *   rewrite(): S1 -> S2, from[j] = index in S1 where S2's j-th code point
 *              came from (folding, look-alikes, stream-safe, NFC).
 * Code point j of the text then stands for the source bytes
 * [src[from[j]], src[from[j + 1]]), and the edits are the runs of code
 * points whose bytes are not their source bytes.  Dropped characters fall
 * into the span of the code point before them, so spans cover the source
 * without gaps, and the round trip (edits.h) is exact by construction.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <utf8proc.h>

#include "dipx/edits.h"
#include "dipx/normalize.h"
#include "dipx/utf8.h"

#define MAX_PART ((size_t)1 << 31)
#define MAX_ISSUES 64           /* kept in a report; all are counted */
#define FOLD_MAX 4              /* code points one character folds to */
#define STREAM_SAFE 30          /* UAX #15: non-starters before a CGJ */
#define CGJ 0x034F
#define MAX_DROP 65536          /* dropped bytes one character stands for */

enum enc { ENC_UTF8, ENC_UTF16, ENC_UTF16LE, ENC_UTF16BE, ENC_SBCS };

struct fold {
    uint32_t from;
    uint32_t n;                 /* 0: dropped */
    uint32_t to[FOLD_MAX];
    long line;                  /* in its file, for messages */
};

struct look {
    uint32_t from, to;
};

/* A growable array of uint32_t. */
struct u32v {
    uint32_t *v;
    size_t n, cap;
};

struct dipx_norm {
    struct fold *fold;
    size_t nfold;
    struct look *look;          /* Cyrillic/Greek -> Latin, by from */
    size_t nlook;
    struct look *rlook;         /* Latin -> Cyrillic, by from */
    size_t nrlook;
    unsigned char special[0x10000 / 8]; /* BMP code points in a table */

    enum enc enc;
    int be;                     /* UTF-16 byte order, from the BOM */
    char encname[32];
    uint32_t sbcs[256];

    /* Scratch, reused from document to document. */
    struct dipx_buf s1, s2, run;
    struct u32v src, from, f, forig, nfc;
    utf8proc_int32_t *ubuf;
    size_t ubufcap;
};

static const struct fold *find_fold(const struct dipx_norm *n, uint32_t cp);
static size_t bom_length(const struct dipx_norm *n, const unsigned char *s,
                         size_t len, int *be);

static int
u32_push(struct u32v *a, uint32_t x)
{
    if (a->n == a->cap) {
        size_t ncap = a->cap ? a->cap * 2 : 1024;
        uint32_t *v = realloc(a->v, ncap * sizeof(*v));

        if (v == NULL)
            return DIPX_ENOMEM;
        a->v = v;
        a->cap = ncap;
    }
    a->v[a->n++] = x;
    return 0;
}

static void
u32_free(struct u32v *a)
{
    free(a->v);
    memset(a, 0, sizeof(*a));
}

/* ---- tables ---------------------------------------------------------- */

static int
cmp_fold(const void *a, const void *b)
{
    uint32_t x = ((const struct fold *)a)->from;
    uint32_t y = ((const struct fold *)b)->from;

    return x < y ? -1 : x > y;
}

static int
cmp_look(const void *a, const void *b)
{
    uint32_t x = ((const struct look *)a)->from;
    uint32_t y = ((const struct look *)b)->from;

    return x < y ? -1 : x > y;
}

/* Parses "U+XXXX" at *P; advances *P.  Returns the code point or
 * DIPX_UTF8_INVALID. */
static uint32_t
parse_ucode(const char **p, const char *end)
{
    const char *s = *p;
    uint32_t v = 0;
    int digits = 0;

    if (end - s < 3 || s[0] != 'U' || s[1] != '+')
        return DIPX_UTF8_INVALID;
    for (s += 2; s < end && digits < 7; s++, digits++) {
        int c = *s;
        int d = c >= '0' && c <= '9' ? c - '0'
                : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;

        if (d < 0)
            break;
        v = v * 16 + (uint32_t)d;
    }
    if (digits < 4 || digits > 6 || v > 0x10FFFF ||
        (v >= 0xD800 && v <= 0xDFFF))
        return DIPX_UTF8_INVALID;
    *p = s;
    return v;
}

static int
table_error(struct dipx_error *err, const char *file, long lineno,
            const char *what)
{
    dipx_error_where(err, file, NULL);
    dipx_error_at(err, lineno, 1, -1);
    return dipx_error_set(err, DIPX_EDICT, "%s", what);
}

/*
 * Reads a table of lines "U+FROM<TAB>TO<TAB># comment" into *OUT.
 * For fold tables TO is "-" or up to FOLD_MAX code points; for look-alike
 * tables exactly one.
 */
static int
load_table(struct dipx_dict *d, const char *file, int is_fold,
           struct fold **out, size_t *nout, struct dipx_error *err)
{
    struct dipx_buf text = DIPX_BUF_INIT;
    const char *line;
    size_t pos = 0, len, cap = 0;
    long lineno = 0;
    int rc = dipx_dict_read(d, file, 1, &text, err);

    while (rc == 0 && dipx_dict_next_line(&text, &pos, &line, &len, &lineno)) {
        const char *p = line, *end = line + len;
        struct fold f = {0};

        f.line = lineno;
        f.from = parse_ucode(&p, end);
        if (f.from == DIPX_UTF8_INVALID || f.from < 0x80 || p == end ||
            *p++ != '\t') {
            rc = table_error(err, file, lineno, "expected 'U+XXXX<TAB>' "
                             "with a non-ASCII code point");
            break;
        }
        if (is_fold && p < end && *p == '-') {
            p++;
        } else {
            while (p < end && *p != '\t') {
                uint32_t cp = parse_ucode(&p, end);

                if (cp == DIPX_UTF8_INVALID || f.n == FOLD_MAX ||
                    (!is_fold && f.n == 1)) {
                    rc = table_error(err, file, lineno, "bad target: "
                                     "U+XXXX code points separated by "
                                     "spaces, or '-'");
                    break;
                }
                if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) ||
                    !dipx_xml_char_ok(cp) ||
                    (!is_fold && ((cp | 0x20) < 'a' || (cp | 0x20) > 'z' ||
                                  cp >= 0x80))) {
                    rc = table_error(err, file, lineno, is_fold
                                     ? "a target must not be a control "
                                       "character"
                                     : "a look-alike must map to a Latin "
                                       "letter");
                    break;
                }
                f.to[f.n++] = cp;
                if (p < end && *p == ' ')
                    p++;
            }
            if (rc < 0)
                break;
            if (f.n == 0) {
                rc = table_error(err, file, lineno, "missing target");
                break;
            }
        }
        if (p < end && *p != '\t') {
            rc = table_error(err, file, lineno, "expected a TAB after the "
                             "target");
            break;
        }
        if (*nout == cap) {
            cap = cap ? cap * 2 : 256;
            struct fold *v = realloc(*out, cap * sizeof(*v));

            if (v == NULL) {
                rc = dipx_error_set(err, DIPX_ENOMEM, "out of memory");
                break;
            }
            *out = v;
        }
        (*out)[(*nout)++] = f;
    }
    dipx_buf_free(&text);
    if (rc == 0) {
        size_t i;

        qsort(*out, *nout, sizeof(**out), cmp_fold);
        for (i = 1; i < *nout; i++)
            if ((*out)[i].from == (*out)[i - 1].from) {
                dipx_error_where(err, file, NULL);
                return table_error(err, file, (*out)[i].line > (*out)[i - 1].line
                                   ? (*out)[i].line : (*out)[i - 1].line,
                                   "this code point is listed twice");
            }
    }
    return rc;
}

static void
mark(struct dipx_norm *n, uint32_t cp)
{
    if (cp < 0x10000)
        n->special[cp >> 3] |= (unsigned char)(1u << (cp & 7));
}

static int
is_special(const struct dipx_norm *n, uint32_t cp)
{
    return cp >= 0x10000 || (n->special[cp >> 3] >> (cp & 7)) & 1;
}

/* The Latin -> Cyrillic table: for each Latin letter, the Cyrillic
 * look-alike with the lowest code point, which is the Russian letter
 * where there is one (U+0410..U+044F come before the other Cyrillic
 * letters that look Latin, except Ukrainian and Macedonian S, I, J, which
 * have no Russian twin). */
static int
build_reverse(struct dipx_norm *n, const struct fold *t, size_t nt)
{
    size_t i, j;

    n->rlook = calloc(nt ? nt : 1, sizeof(*n->rlook));
    if (n->rlook == NULL)
        return DIPX_ENOMEM;
    for (i = 0; i < nt; i++) {
        int seen = 0;

        if (t[i].from < 0x400 || t[i].from > 0x52F)
            continue;           /* Greek: Latin is never folded to it */
        for (j = 0; j < n->nrlook; j++)
            seen |= n->rlook[j].from == t[i].to[0];
        if (!seen) {
            n->rlook[n->nrlook].from = t[i].to[0];
            n->rlook[n->nrlook++].to = t[i].from;
        }
    }
    qsort(n->rlook, n->nrlook, sizeof(*n->rlook), cmp_look);
    return 0;
}

struct dipx_norm *
dipx_norm_new(struct dipx_dict *d, struct dipx_error *err)
{
    struct dipx_norm *n = calloc(1, sizeof(*n));
    struct fold *look = NULL;
    size_t nlook = 0, i;

    if (n == NULL) {
        dipx_error_set(err, DIPX_ENOMEM, "out of memory");
        return NULL;
    }
    if (load_table(d, "common/fold.tsv", 1, &n->fold, &n->nfold, err) < 0 ||
        load_table(d, "common/lookalike.tsv", 0, &look, &nlook, err) < 0)
        goto fail;
    n->look = calloc(nlook ? nlook : 1, sizeof(*n->look));
    if (n->look == NULL || build_reverse(n, look, nlook) < 0) {
        dipx_error_set(err, DIPX_ENOMEM, "out of memory");
        goto fail;
    }
    for (i = 0; i < nlook; i++) {
        n->look[i].from = look[i].from;
        n->look[i].to = look[i].to[0];
        mark(n, look[i].from);
    }
    n->nlook = nlook;
    for (i = 0; i < n->nfold; i++) {
        size_t k;

        mark(n, n->fold[i].from);
        for (k = 0; k < n->fold[i].n; k++)
            if (find_fold(n, n->fold[i].to[k]) != NULL) {
                table_error(err, "common/fold.tsv", n->fold[i].line,
                            "a target contains a character the table "
                            "folds (folding is applied once)");
                goto fail;
            }
    }
    free(look);
    n->enc = ENC_UTF8;
    strcpy(n->encname, "utf-8");
    return n;
fail:
    free(look);
    dipx_norm_free(n);
    return NULL;
}

void
dipx_norm_free(struct dipx_norm *n)
{
    if (n == NULL)
        return;
    free(n->fold);
    free(n->look);
    free(n->rlook);
    dipx_buf_free(&n->s1);
    dipx_buf_free(&n->s2);
    dipx_buf_free(&n->run);
    u32_free(&n->src);
    u32_free(&n->from);
    u32_free(&n->f);
    u32_free(&n->forig);
    u32_free(&n->nfc);
    free(n->ubuf);
    free(n);
}

/* ---- encodings ------------------------------------------------------- */

/* Builds the byte -> code point table of a single-byte charset with
 * iconv; fails for charsets where a byte is not one character. */
static int
load_sbcs(struct dipx_norm *n, const char *name, struct dipx_error *err)
{
    iconv_t cd = iconv_open("UTF-32LE", name);
    int b;

    if (cd == (iconv_t)-1)
        return dipx_error_set(err, DIPX_EUSAGE, "unknown encoding '%s'",
                              name);
    for (b = 0; b < 256; b++) {
        char in = (char)b, *pin = &in;
        unsigned char out[8];
        char *pout = (char *)out;
        size_t inleft = 1, outleft = sizeof(out);

        iconv(cd, NULL, NULL, NULL, NULL);
        if (iconv(cd, &pin, &inleft, &pout, &outleft) == (size_t)-1) {
            if (errno == EINVAL) {  /* a lead byte: not single-byte */
                iconv_close(cd);
                return dipx_error_set(err, DIPX_EUSAGE, "encoding '%s' is "
                                      "not a single-byte charset (dipx "
                                      "reads UTF-8, UTF-16 and single-byte "
                                      "charsets)", name);
            }
            n->sbcs[b] = DIPX_UTF8_INVALID;
            continue;
        }
        if (sizeof(out) - outleft != 4) {
            iconv_close(cd);
            return dipx_error_set(err, DIPX_EUSAGE, "encoding '%s' maps a "
                                  "byte to several characters", name);
        }
        n->sbcs[b] = (uint32_t)out[0] | (uint32_t)out[1] << 8 |
                     (uint32_t)out[2] << 16 | (uint32_t)out[3] << 24;
    }
    iconv_close(cd);
    return 0;
}

int
dipx_norm_set_encoding(struct dipx_norm *n, const char *name,
                       struct dipx_error *err)
{
    static const struct {
        const char *name, *canon;
        enum enc enc;
    } fixed[] = {
        {"utf-8", "utf-8", ENC_UTF8},
        {"utf8", "utf-8", ENC_UTF8},
        {"utf-16", "utf-16", ENC_UTF16},
        {"utf16", "utf-16", ENC_UTF16},
        {"utf-16le", "utf-16le", ENC_UTF16LE},
        {"utf-16be", "utf-16be", ENC_UTF16BE},
    };
    size_t i;
    int rc;

    if (name == NULL)
        name = "utf-8";
    if (strlen(name) >= sizeof(n->encname))
        return dipx_error_set(err, DIPX_EUSAGE, "unknown encoding '%s'",
                              name);
    for (i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++) {
        if (strcasecmp(name, fixed[i].name) == 0) {
            n->enc = fixed[i].enc;
            strcpy(n->encname, fixed[i].canon);
            return 0;
        }
    }
    if ((rc = load_sbcs(n, name, err)) < 0)
        return rc;
    n->enc = ENC_SBCS;
    for (i = 0; name[i]; i++)
        n->encname[i] = (char)(name[i] >= 'A' && name[i] <= 'Z'
                                   ? name[i] + 32 : name[i]);
    n->encname[i] = '\0';
    return 0;
}

const char *
dipx_norm_encoding(const struct dipx_norm *n)
{
    return n->encname;
}

int
dipx_norm_sniff(struct dipx_norm *n, const unsigned char *src, size_t len,
                struct dipx_error *err)
{
    size_t i, l, bad = 0, good = 0, zeros_even = 0, zeros_odd = 0;

    /* UTF-16's byte order is needed before the first cut. */
    n->be = n->enc == ENC_UTF16BE;
    bom_length(n, src, len, &n->be);
    if (n->enc != ENC_UTF8)
        return 0;
    if (len >= 2 && ((src[0] == 0xFF && src[1] == 0xFE) ||
                     (src[0] == 0xFE && src[1] == 0xFF)))
        return dipx_error_set(err, DIPX_EINPUT, "UTF-16%s input (byte-order "
                              "mark); use --encoding utf-16 or convert it "
                              "to UTF-8", src[0] == 0xFF ? "LE" : "BE");
    if (len > 65536)
        len = 65536;
    for (i = 0; i < len; i++)
        if (src[i] == 0 && i % 2)
            zeros_odd++;
        else if (src[i] == 0)
            zeros_even++;
    if (len >= 16 && (zeros_odd > len / 4 || zeros_even > len / 4))
        return dipx_error_set(err, DIPX_EINPUT, "looks like UTF-16%s "
                              "without a byte-order mark (%zu NUL bytes "
                              "in %zu); use --encoding utf-16%s",
                              zeros_odd > zeros_even ? "LE" : "BE",
                              zeros_odd + zeros_even, len,
                              zeros_odd > zeros_even ? "le" : "be");
    for (i = 0; i < len; i += l) {
        if (src[i] < 0x80) {
            l = 1;
            continue;
        }
        /* A sequence cut by the 64 KiB window is not held against it. */
        if (dipx_utf8_decode(src + i, len - i, &l) == DIPX_UTF8_INVALID) {
            if (i + l < len)
                bad++;
        } else {
            good++;
        }
    }
    /* A few broken bytes in UTF-8 text are repaired and reported; text
     * where most non-ASCII is broken is another charset. */
    if (bad >= 8 && bad > good)
        return dipx_error_set(err, DIPX_EINPUT, "not UTF-8: %zu ill-formed "
                              "sequences and %zu well-formed ones in the "
                              "first %zu bytes; give its charset with "
                              "--encoding (e.g. windows-1252, windows-1251)",
                              bad, good, len);
    return 0;
}

/* ---- pass 1: decode -------------------------------------------------- */

static int
issue(struct dipx_norm_report *rep, int kind, int64_t src, size_t len)
{
    if (rep == NULL)
        return 0;
    rep->total++;
    if (rep->nissues == MAX_ISSUES)
        return 0;
    if (rep->nissues == rep->capissues) {
        size_t ncap = rep->capissues ? rep->capissues * 2 : 8;
        struct dipx_norm_issue *v = realloc(rep->issues, ncap * sizeof(*v));

        if (v == NULL)
            return DIPX_ENOMEM;
        rep->issues = v;
        rep->capissues = ncap;
    }
    rep->issues[rep->nissues].kind = kind;
    rep->issues[rep->nissues].src = src;
    rep->issues[rep->nissues++].len = len;
    return 0;
}

void
dipx_norm_report_free(struct dipx_norm_report *rep)
{
    free(rep->issues);
    memset(rep, 0, sizeof(*rep));
}

/*
 * Decodes the unit at S[I] (N bytes in all): returns its code point and
 * sets *LEN; an ill-formed or unmapped unit gives U+FFFD and *KIND.
 */
static uint32_t
next_cp(const struct dipx_norm *n, int be, const unsigned char *s, size_t i,
        size_t len, size_t *ulen, int *kind)
{
    uint32_t cp, lo;

    *kind = -1;
    switch (n->enc) {
    case ENC_SBCS:
        *ulen = 1;
        cp = n->sbcs[s[i]];
        if (cp == DIPX_UTF8_INVALID) {
            *kind = DIPX_NI_UNMAPPED;
            cp = 0xFFFD;
        }
        return cp;
    case ENC_UTF16:
    case ENC_UTF16LE:
    case ENC_UTF16BE:
        if (len - i < 2) {
            *ulen = len - i;
            *kind = DIPX_NI_INVALID;
            return 0xFFFD;
        }
        *ulen = 2;
        cp = be ? (uint32_t)s[i] << 8 | s[i + 1]
                : (uint32_t)s[i + 1] << 8 | s[i];
        if (cp < 0xD800 || cp > 0xDFFF)
            return cp;
        if (cp <= 0xDBFF && len - i >= 4) {
            lo = be ? (uint32_t)s[i + 2] << 8 | s[i + 3]
                    : (uint32_t)s[i + 3] << 8 | s[i + 2];
            if (lo >= 0xDC00 && lo <= 0xDFFF) {
                *ulen = 4;
                return 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            }
        }
        *kind = DIPX_NI_INVALID;
        return 0xFFFD;
    case ENC_UTF8:
        break;
    }
    cp = dipx_utf8_decode(s + i, len - i, ulen);
    if (cp == DIPX_UTF8_INVALID) {
        *kind = DIPX_NI_INVALID;
        cp = 0xFFFD;
    }
    return cp;
}

/* Appends CP to S1, standing for the source unit at byte I. */
static int
put1(struct dipx_norm *n, uint32_t cp, size_t i)
{
    if (dipx_buf_put_cp(&n->s1, cp) < 0 || u32_push(&n->src, (uint32_t)i) < 0)
        return DIPX_ENOMEM;
    return 0;
}

static size_t
bom_length(const struct dipx_norm *n, const unsigned char *s, size_t len,
           int *be)
{
    if (n->enc == ENC_UTF8 && len >= 3 && s[0] == 0xEF && s[1] == 0xBB &&
        s[2] == 0xBF)
        return 3;
    if (n->enc != ENC_UTF8 && n->enc != ENC_SBCS && len >= 2) {
        if (s[0] == 0xFF && s[1] == 0xFE && n->enc != ENC_UTF16BE) {
            *be = 0;
            return 2;
        }
        if (s[0] == 0xFE && s[1] == 0xFF && n->enc != ENC_UTF16LE) {
            *be = 1;
            return 2;
        }
    }
    return 0;
}

static int
decode(struct dipx_norm *n, const unsigned char *s, size_t len,
       int64_t srcbase, int at_start, struct dipx_norm_report *rep)
{
    size_t i = 0, ulen, j, drop = (size_t)-1;
    int kind, rc = 0;

    dipx_buf_reset(&n->s1);
    n->src.n = 0;
    if (n->enc == ENC_UTF16BE)
        n->be = 1;
    else if (n->enc == ENC_UTF16LE)
        n->be = 0;
    if (at_start)
        i = bom_length(n, s, len, &n->be);
    while (i < len && rc == 0) {
        uint32_t cp;

        /* Printable ASCII, most of any text, in one go. */
        if (n->enc != ENC_UTF16 && n->enc != ENC_UTF16LE &&
            n->enc != ENC_UTF16BE && s[i] >= 0x20 && s[i] < 0x7F &&
            (n->enc == ENC_UTF8 || n->sbcs[s[i]] == s[i])) {
            for (j = i; j < len && s[j] >= 0x20 && s[j] < 0x7F &&
                        (n->enc == ENC_UTF8 || n->sbcs[s[j]] == s[j]); j++)
                if (u32_push(&n->src, (uint32_t)j) < 0)
                    return DIPX_ENOMEM;
            if (dipx_buf_append(&n->s1, s + i, j - i) < 0)
                return DIPX_ENOMEM;
            i = j;
            drop = (size_t)-1;
            continue;
        }
        cp = next_cp(n, n->be, s, i, len, &ulen, &kind);
        if (kind >= 0)
            rc = issue(rep, kind, srcbase + (int64_t)i, ulen);
        if (cp == '\r') {
            size_t l2;
            int k2;

            if (i + ulen < len &&
                next_cp(n, n->be, s, i + ulen, len, &l2, &k2) == '\n') {
                ulen += l2;
            }
            cp = '\n';
        } else if (cp == 0x0B || cp == 0x0C || cp == 0x85 || cp == 0x2028 ||
                   cp == 0x2029) {
            cp = '\n';
        }
        if ((cp < 0x20 && cp != '\t' && cp != '\n') ||
            (cp >= 0x7F && cp <= 0x9F) || cp == 0xFFFE || cp == 0xFFFF) {
            rc = issue(rep, cp == 0 ? DIPX_NI_NUL : DIPX_NI_CONTROL,
                       srcbase + (int64_t)i, ulen);
            /* What is dropped belongs to the character before it; a run
             * of more than MAX_DROP bytes leaves a U+FFFD for each
             * MAX_DROP, so that no edit grows without bound. */
            if (drop == (size_t)-1)
                drop = i;
            if (rc == 0 && i + ulen - drop >= MAX_DROP) {
                rc = put1(n, 0xFFFD, drop);
                drop = (size_t)-1;
            }
        } else if (rc == 0) {
            rc = put1(n, cp, i);
            drop = (size_t)-1;
        }
        i += ulen;
    }
    return rc;
}

/* ---- pass 2: rewrite ------------------------------------------------- */

/* Appends CP to S2, coming from S1's code point FROM. */
static int
put2(struct dipx_norm *n, uint32_t cp, uint32_t from)
{
    if (dipx_buf_put_cp(&n->s2, cp) < 0 || u32_push(&n->from, from) < 0)
        return DIPX_ENOMEM;
    return 0;
}

static const struct fold *
find_fold(const struct dipx_norm *n, uint32_t cp)
{
    struct fold key = {cp, 0, {0}, 0};

    return bsearch(&key, n->fold, n->nfold, sizeof(*n->fold), cmp_fold);
}

static const struct look *
find_look(const struct look *t, size_t nt, uint32_t cp)
{
    struct look key = {cp, 0};

    return bsearch(&key, t, nt, sizeof(*t), cmp_look);
}

static int
is_latin_letter(uint32_t cp)
{
    return ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') ||
           (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7);
}

/*
 * Look-alike letters in one word F[A..B): Cyrillic or Greek letters that
 * look Latin become Latin when the word has a letter only Latin has and
 * none only Cyrillic or Greek have ("А/RES/73/27" typed with a Cyrillic
 * А); Latin letters that look Cyrillic become Cyrillic in the mirror case
 * ("рeзолюция" with a Latin e).  Words of look-alikes only are left.
 */
static void
lookalike_word(const struct dipx_norm *n, uint32_t *f, size_t a, size_t b)
{
    size_t i, latin = 0, cyr = 0, other = 0;

    for (i = a; i < b; i++) {
        uint32_t cp = f[i];
        int known = find_look(n->look, n->nlook, cp) != NULL;

        if (cp < 0x80) {
            /* An ASCII letter is "only Latin" when nothing looks like it. */
            if (is_latin_letter(cp)) {
                size_t k;
                int twin = 0;

                for (k = 0; k < n->nlook && !twin; k++)
                    twin = n->look[k].to == cp;
                latin += !twin;
            }
        } else if (cp >= 0x400 && cp <= 0x52F) {
            cyr += !known && utf8proc_category((utf8proc_int32_t)cp) <=
                                 UTF8PROC_CATEGORY_LO;
        } else if (cp >= 0x370 && cp <= 0x3FF) {
            other += !known && utf8proc_category((utf8proc_int32_t)cp) <=
                                   UTF8PROC_CATEGORY_LO;
        } else if (is_latin_letter(cp)) {
            latin++;
        }
    }
    if (latin > 0 && cyr == 0 && other == 0) {
        for (i = a; i < b; i++) {
            const struct look *l = f[i] >= 0x370
                ? find_look(n->look, n->nlook, f[i]) : NULL;

            if (l != NULL)
                f[i] = l->to;
        }
    } else if (cyr > 0 && latin == 0 && other == 0) {
        for (i = a; i < b; i++) {
            const struct look *l = f[i] < 0x80
                ? find_look(n->rlook, n->nrlook, f[i]) : NULL;

            if (l != NULL)
                f[i] = l->to;
        }
    }
}

static int
word_break(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '-';
}

/*
 * UAX #15's stream-safe rule for one more code point CP: returns 1 when a
 * CGJ must go before it, and keeps *COUNT, the non-starters in a row.
 * Non-starters are counted in the canonical decomposition (U+0F73 has
 * combining class 0 but decomposes into two non-starters), so no run the
 * normalizer has to sort grows past 30.
 */
static int
needs_cgj(uint32_t cp, size_t *count)
{
    utf8proc_int32_t d[32];
    utf8proc_ssize_t n, lead = 0, trail = 0;
    int boundclass = 0, cgj = 0;

    if (cp < 0x300) {           /* no combining mark decomposes below */
        *count = 0;
        return 0;
    }
    n = utf8proc_decompose_char((utf8proc_int32_t)cp, d, 32,
                                UTF8PROC_DECOMPOSE, &boundclass);
    if (n <= 0 || n > 32) {
        *count = 0;
        return 0;
    }
    while (lead < n && utf8proc_get_property(d[lead])->combining_class)
        lead++;
    while (trail < n - lead &&
           utf8proc_get_property(d[n - 1 - trail])->combining_class)
        trail++;
    if (lead > 0 && *count + (size_t)lead > STREAM_SAFE) {
        cgj = 1;
        *count = 0;
    }
    *count = lead == n ? *count + (size_t)n : (size_t)trail;
    return cgj;
}

/*
 * NFC of CPS[0..N) (an ASCII starter, if any, and a run of non-ASCII code
 * points) with a CGJ where the stream-safe rule wants one, into n->ubuf.  Returns
 * the number of code points there, or DIPX_ENOMEM.
 */
static ssize_t
nfc_cps(struct dipx_norm *n, const uint32_t *cps, size_t count)
{
    const utf8proc_option_t opt = UTF8PROC_STABLE | UTF8PROC_COMPOSE;
    size_t i, nonstarters = 0;
    utf8proc_ssize_t m;

    dipx_buf_reset(&n->run);
    for (i = 0; i < count; i++) {
        if (needs_cgj(cps[i], &nonstarters) &&
            dipx_buf_put_cp(&n->run, CGJ) < 0)
            return DIPX_ENOMEM;
        if (dipx_buf_put_cp(&n->run, cps[i]) < 0)
            return DIPX_ENOMEM;
    }
    for (;;) {
        m = utf8proc_decompose_custom((const utf8proc_uint8_t *)n->run.data,
                                      (utf8proc_ssize_t)n->run.len, n->ubuf,
                                      (utf8proc_ssize_t)n->ubufcap, opt,
                                      NULL, NULL);
        if (m < 0)
            return DIPX_ENOMEM;     /* only UTF8PROC_ERROR_NOMEM can happen */
        if ((size_t)m <= n->ubufcap)
            break;
        /* One more slot: utf8proc_reencode may write a terminator. */
        utf8proc_int32_t *v = realloc(n->ubuf, ((size_t)m + 1) *
                                               sizeof(*v));
        if (v == NULL)
            return DIPX_ENOMEM;
        n->ubuf = v;
        n->ubufcap = (size_t)m + 1;
    }
    return utf8proc_normalize_utf32(n->ubuf, m, opt);
}

/* NFC of the run F[S..E) of a token, emitted into S2 with alignment: the
 * common prefix and suffix keep their origins, the rest is one group. */
static int
emit_run(struct dipx_norm *n, size_t s, size_t e)
{
    const uint32_t *f = n->f.v, *orig = n->forig.v;
    ssize_t m = nfc_cps(n, f + s, e - s);
    size_t len = e - s, p = 0, q = 0, i, lim;
    uint32_t mid;

    if (m < 0)
        return (int)m;
    lim = (size_t)m < len ? (size_t)m : len;
    while (p < lim && (uint32_t)n->ubuf[p] == f[s + p])
        p++;
    while (q < lim - p &&
           (uint32_t)n->ubuf[(size_t)m - 1 - q] == f[e - 1 - q])
        q++;
    mid = orig[s + p < e ? s + p : e - 1];
    for (i = 0; i < (size_t)m; i++) {
        uint32_t from = i < p ? orig[s + i]
                        : i >= (size_t)m - q ? orig[e - ((size_t)m - i)]
                        : mid;

        if (put2(n, (uint32_t)n->ubuf[i], from) < 0)
            return DIPX_ENOMEM;
    }
    return 0;
}

/*
 * The run F[S..E) in pieces of at most 30 non-starters, each normalized on
 * its own with a CGJ between them (UAX #15 stream-safe: the CGJ is a
 * starter, so nothing composes or reorders across it and the pieces give
 * what the whole would).  Each CGJ is an insertion of its own, so a long
 * run of marks makes many small edits, not one the size of the run.
 */
static int
emit_runs(struct dipx_norm *n, size_t s, size_t e)
{
    size_t i, nonstarters = 0;

    for (i = s; i < e; i++) {
        if (needs_cgj(n->f.v[i], &nonstarters)) {
            if (emit_run(n, s, i) < 0 || put2(n, CGJ, n->forig.v[i]) < 0)
                return DIPX_ENOMEM;
            s = i;
        }
    }
    return emit_run(n, s, e);
}

/* Rewrites one whitespace-free token of S1 that is not all ASCII:
 * folding, look-alikes, then NFC run by run. */
static int
rewrite_token(struct dipx_norm *n, const unsigned char *t, size_t len,
              uint32_t ci)
{
    size_t i, l, x, y, a;

    n->f.n = n->forig.n = 0;
    for (i = 0; i < len; i += l, ci++) {
        uint32_t cp = t[i] < 0x80 ? (l = 1, t[i])
                                  : dipx_utf8_decode(t + i, len - i, &l);
        const struct fold *fo = cp >= 0x80 && is_special(n, cp)
            ? find_fold(n, cp) : NULL;

        if (fo == NULL) {
            if (u32_push(&n->f, cp) < 0 || u32_push(&n->forig, ci) < 0)
                return DIPX_ENOMEM;
            continue;
        }
        for (x = 0; x < fo->n; x++)
            if (u32_push(&n->f, fo->to[x]) < 0 ||
                u32_push(&n->forig, ci) < 0)
                return DIPX_ENOMEM;
    }
    for (a = 0, x = 0; x <= n->f.n; x++) {
        if (x == n->f.n || word_break(n->f.v[x])) {
            lookalike_word(n, n->f.v, a, x);
            a = x + 1;
        }
    }
    for (x = 0; x < n->f.n;) {
        size_t s;

        for (y = x; y < n->f.n && n->f.v[y] < 0x80; y++)
            ;
        /* The ASCII code point before a run is its starter. */
        s = y == n->f.n ? y : y > x ? y - 1 : y;
        for (i = x; i < s; i++)
            if (put2(n, n->f.v[i], n->forig.v[i]) < 0)
                return DIPX_ENOMEM;
        if (y == n->f.n)
            break;
        for (x = y; x < n->f.n && n->f.v[x] >= 0x80; x++)
            ;
        if (emit_runs(n, s, x) < 0)
            return DIPX_ENOMEM;
    }
    return 0;
}

static int
is_ws(unsigned char c)
{
    return c == ' ' || c == '\n' || c == '\t';
}

static int
rewrite(struct dipx_norm *n)
{
    const unsigned char *s = (const unsigned char *)n->s1.data;
    size_t len = n->s1.len, i = 0, j;
    uint32_t ci = 0, cj;

    dipx_buf_reset(&n->s2);
    n->from.n = 0;
    while (i < len) {
        int ascii = 1;

        for (j = i, cj = ci; j < len && !is_ws(s[j]); j++) {
            ascii &= s[j] < 0x80;
            cj += (s[j] & 0xC0) != 0x80;
        }
        if (j == i) {
            j++;
            cj++;
        }
        if (ascii || j - i == 1) {
            if (dipx_buf_append(&n->s2, s + i, j - i) < 0)
                return DIPX_ENOMEM;
            for (; ci < cj; ci++)
                if (u32_push(&n->from, ci) < 0)
                    return DIPX_ENOMEM;
        } else if (rewrite_token(n, s + i, j - i, ci) < 0) {
            return DIPX_ENOMEM;
        }
        i = j;
        ci = cj;
    }
    return 0;
}

/* ---- edits ----------------------------------------------------------- */

static int
make_edits(struct dipx_norm *n, const unsigned char *src, size_t len,
           int64_t srcbase, struct dipx_doc *doc)
{
    const unsigned char *t = (const unsigned char *)n->s2.data;
    size_t n1 = n->src.n, n2 = n->from.n, j, pos = 0, run = 0, l;
    uint32_t *sp, *fr, run_src = 0;
    int open = 0;

    if (n2 == 0)
        return len > 0 ? dipx_doc_add_edit(doc, 0, 0, srcbase, src, len) : 0;
    if (u32_push(&n->src, (uint32_t)len) < 0 ||
        u32_push(&n->from, (uint32_t)n1) < 0)
        return DIPX_ENOMEM;
    sp = n->src.v;
    fr = n->from.v;
    sp[0] = 0;      /* dropped bytes at the start go to the first character */
    fr[0] = 0;
    for (j = 0; j < n2; j++, pos += l) {
        uint32_t a = sp[fr[j]], b = sp[fr[j + 1]];
        int same;

        l = t[pos] < 0x80 ? 1 : t[pos] < 0xE0 ? 2 : t[pos] < 0xF0 ? 3 : 4;
        same = b - a == l && memcmp(src + a, t + pos, l) == 0;
        /* One edit per changed character that stands for source bytes,
         * so that offsets map as finely as the changes allow; characters
         * that stand for none (inserted, or the first ones of an
         * expansion) join the edit of their neighbour. */
        if (!same && open && b > a && a > run_src) {
            if (dipx_doc_add_edit(doc, run, j - run, srcbase + run_src,
                                  src + run_src, a - run_src) < 0)
                return DIPX_ENOMEM;
            open = 0;
        }
        if (!same && !open) {
            open = 1;
            run = j;
            run_src = a;
        } else if (same && open) {
            open = 0;
            if (dipx_doc_add_edit(doc, run, j - run, srcbase + run_src,
                                  src + run_src, a - run_src) < 0)
                return DIPX_ENOMEM;
        }
    }
    if (open && dipx_doc_add_edit(doc, run, n2 - run, srcbase + run_src,
                                  src + run_src, len - run_src) < 0)
        return DIPX_ENOMEM;
    return 0;
}

int
dipx_norm_run(struct dipx_norm *n, const unsigned char *src, size_t len,
              int64_t srcbase, int at_start, struct dipx_doc *doc,
              struct dipx_norm_report *rep, struct dipx_error *err)
{
    char *text;
    int be = 0;

    if (len >= MAX_PART)
        return dipx_error_set(err, DIPX_ELIMIT, "part of %zu bytes is too "
                              "large (at most 2 GiB; use --max-doc-bytes)",
                              len);
    if (n->enc == ENC_UTF16 && at_start && bom_length(n, src, len, &be) == 0)
        return dipx_error_set(err, DIPX_EINPUT, "--encoding utf-16 needs a "
                              "byte-order mark; use utf-16le or utf-16be");
    doc->nedits = 0;
    if (decode(n, src, len, srcbase, at_start, rep) < 0 || rewrite(n) < 0 ||
        make_edits(n, src, len, srcbase, doc) < 0)
        return dipx_error_set(err, DIPX_ENOMEM, "out of memory");
    text = dipx_buf_steal(&n->s2);
    if (text == NULL)
        return dipx_error_set(err, DIPX_ENOMEM, "out of memory");
    dipx_doc_take_text(doc, text, strlen(text));
    doc->text_clean = 1;        /* by construction; the fuzzer checks it */
    doc->srcbase = srcbase;
    return dipx_edits_check(doc, err);
}

int
dipx_norm_nfc(const char *s, size_t len, struct dipx_buf *out)
{
    struct dipx_norm n;
    size_t i, l, x, y, st;
    int rc = 0;

    memset(&n, 0, sizeof(n));
    for (i = 0; i < len && rc == 0; i += l) {
        uint32_t cp = dipx_utf8_decode((const unsigned char *)s + i,
                                       len - i, &l);

        rc = u32_push(&n.f, cp == DIPX_UTF8_INVALID ? 0xFFFD : cp);
    }
    for (x = 0; x < n.f.n && rc == 0;) {
        for (y = x; y < n.f.n && n.f.v[y] < 0x80; y++)
            ;
        st = y == n.f.n ? y : y > x ? y - 1 : y;
        for (i = x; i < st && rc == 0; i++)
            rc = dipx_buf_putc(out, (int)n.f.v[i]);
        if (y == n.f.n || rc < 0)
            break;
        for (x = y; x < n.f.n && n.f.v[x] >= 0x80; x++)
            ;
        ssize_t m = nfc_cps(&n, n.f.v + st, x - st);

        if (m < 0)
            rc = DIPX_ENOMEM;
        for (i = 0; i < (size_t)m && rc == 0; i++)
            rc = dipx_buf_put_cp(out, (uint32_t)n.ubuf[i]);
    }
    u32_free(&n.f);
    dipx_buf_free(&n.run);
    free(n.ubuf);
    return rc;
}

/* ---- cutting into parts ---------------------------------------------- */

static size_t
cut_utf16(const struct dipx_norm *n, const unsigned char *s, size_t max)
{
    int be = n->enc == ENC_UTF16BE || (n->enc == ENC_UTF16 && n->be);
    size_t i = max & ~(size_t)1, lo = max / 2;

    for (; i >= 2 && i > lo; i -= 2) {
        size_t u = be ? (size_t)(s[i - 2] << 8 | s[i - 1])
                      : (size_t)(s[i - 1] << 8 | s[i - 2]);

        if (u == '\n')
            return i;
    }
    i = max & ~(size_t)1;
    /* Never between the halves of a surrogate pair. */
    if (i >= 2) {
        size_t u = be ? (size_t)(s[i - 2] << 8 | s[i - 1])
                      : (size_t)(s[i - 1] << 8 | s[i - 2]);

        if (u >= 0xD800 && u <= 0xDBFF)
            i -= 2;
    }
    return i > 0 ? i : 2;
}

size_t
dipx_norm_cut(const struct dipx_norm *n, const unsigned char *s, size_t len,
              size_t max)
{
    size_t i, lo;

    if (len <= max)
        return len;
    if (max < 4)
        max = 4;
    if (n->enc == ENC_UTF16 || n->enc == ENC_UTF16LE ||
        n->enc == ENC_UTF16BE)
        return cut_utf16(n, s, max);
    lo = max / 2;   /* parts smaller than half the limit are not worth it */
    for (i = max; i > lo; i--)      /* a blank line: cut after it */
        if (s[i - 1] == '\n' && i >= 2 && (s[i - 2] == '\n' ||
            (s[i - 2] == '\r' && i >= 3 && s[i - 3] == '\n')))
            return i;
    for (i = max; i > lo; i--)      /* a sentence end and a space */
        if ((s[i - 1] == ' ' || s[i - 1] == '\n') && i >= 2 &&
            (s[i - 2] == '.' || s[i - 2] == '!' || s[i - 2] == '?'))
            return i;
    for (i = max; i > lo; i--)      /* any ASCII whitespace */
        if (s[i - 1] == ' ' || s[i - 1] == '\n' || s[i - 1] == '\t')
            return i;
    /* No space in half a part: cut before a UTF-8 lead byte (at most 3
     * bytes back), never between CR and LF, and always a step forward. */
    for (i = max; i > max - 3 && (s[i] & 0xC0) == 0x80; i--)
        ;
    if (s[i - 1] == '\r' && s[i] == '\n')
        i--;
    return i > 0 ? i : max;
}
