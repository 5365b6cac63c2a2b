/*
 * test_dict.c - the dictionary data files, tested like code (STYLE.md 20):
 * every line of common/fold.tsv and common/lookalike.tsv does what it
 * says through dipx-normalize, every abbreviation of <lang>/abbrev.txt
 * keeps a sentence whole, and the <lang>/stopwords.txt lists tell the
 * languages apart.  The files are the real ones (DIPX_DICT_PATH).  Also
 * the reading of dictionary files itself (dict.h).
 *
 * Per-line checks report every failing line before failing, so that one
 * run lists all the bad entries of a file.
 */
#include "testutil.h"

#include <errno.h>
#include <stdio.h>

#include <utf8proc.h>

#include "dipx/buf.h"
#include "dipx/lang.h"
#include "dipx/utf8.h"

static const char *const langs[] = {"en", "fr", "es", "ru"};
#define NLANGS (sizeof(langs) / sizeof(langs[0]))

struct fixture {
    struct dipx_dict *d;
    struct dipx_norm *n;
    struct dipx_struct *s;
    struct dipx_lang *l;
};

static int
setup(void **state)
{
    struct fixture *fx = calloc(1, sizeof(*fx));
    struct dipx_error err;

    if (fx == NULL)
        return -1;
    dipx_error_clear(&err);
    fx->d = test_dict();
    fx->n = dipx_norm_new(fx->d, &err);
    if (fx->n == NULL)
        print_error("dipx_norm_new: %s:%ld: %s\n", err.file, err.line,
                    err.msg);
    fx->s = dipx_struct_new(fx->d, &err);
    if (fx->s == NULL)
        print_error("dipx_struct_new: %s:%ld: %s\n", err.file, err.line,
                    err.msg);
    fx->l = dipx_lang_new(fx->d, &err);
    if (fx->l == NULL)
        print_error("dipx_lang_new: %s:%ld: %s\n", err.file, err.line,
                    err.msg);
    *state = fx;
    return 0;
}

static int
teardown(void **state)
{
    struct fixture *fx = *state;

    dipx_lang_free(fx->l);
    dipx_struct_free(fx->s);
    dipx_norm_free(fx->n);
    dipx_dict_free(fx->d);
    free(fx);
    return 0;
}

/* Reads RELPATH of the dictionaries into OUT; fails the test if missing. */
static void
read_file(struct fixture *fx, const char *relpath, struct dipx_buf *out)
{
    struct dipx_error err;

    dipx_error_clear(&err);
    if (dipx_dict_read(fx->d, relpath, 1, out, &err) != 0)
        fail_msg("%s: %s", relpath, err.msg);
}

/* Parses "U+XXXX" at *P (up to END).  Returns the code point and moves
 * *P past it, or DIPX_UTF8_INVALID. */
static uint32_t
parse_u(const char **p, const char *end)
{
    const char *s = *p;
    uint32_t v = 0;
    int digits = 0;

    if (end - s < 6 || s[0] != 'U' || s[1] != '+')
        return DIPX_UTF8_INVALID;
    for (s += 2; s < end && digits < 6; s++, digits++) {
        int c = *s;

        if (c >= '0' && c <= '9')
            v = v * 16 + (uint32_t)(c - '0');
        else if (c >= 'A' && c <= 'F')
            v = v * 16 + (uint32_t)(c - 'A' + 10);
        else
            break;
    }
    if (digits < 4)
        return DIPX_UTF8_INVALID;
    *p = s;
    return v;
}

/* One line of a table: FROM, and TO (up to 4 code points, none for '-'). */
struct row {
    long lineno;
    uint32_t from;
    uint32_t to[4];
    size_t nto;
};

/* Parses LINE (LEN bytes) "U+FROM<TAB>TO<TAB># name" into R, or fails. */
static void
parse_row(const char *file, const char *line, size_t len, long lineno,
          struct row *r)
{
    const char *p = line, *end = line + len;

    memset(r, 0, sizeof(*r));
    r->lineno = lineno;
    r->from = parse_u(&p, end);
    if (r->from == DIPX_UTF8_INVALID || p == end || *p++ != '\t')
        fail_msg("%s:%ld: cannot parse '%.*s'", file, lineno, (int)len,
                 line);
    if (p < end && *p == '-')
        return;
    while (p < end && *p != '\t') {
        uint32_t cp = parse_u(&p, end);

        if (cp == DIPX_UTF8_INVALID || r->nto == 4)
            fail_msg("%s:%ld: bad target in '%.*s'", file, lineno, (int)len,
                     line);
        r->to[r->nto++] = cp;
        if (p < end && *p == ' ')
            p++;
    }
}

/* Reads every line of a table file into a malloc'ed array. */
static struct row *
read_rows(struct fixture *fx, const char *file, size_t *nrows)
{
    struct dipx_buf text = DIPX_BUF_INIT;
    struct row *rows = NULL;
    const char *line;
    size_t pos = 0, len, cap = 0;
    long lineno = 0;

    read_file(fx, file, &text);
    *nrows = 0;
    while (dipx_dict_next_line(&text, &pos, &line, &len, &lineno)) {
        if (*nrows == cap) {
            cap = cap ? 2 * cap : 64;
            rows = realloc(rows, cap * sizeof(*rows));
            assert_non_null(rows);
        }
        parse_row(file, line, len, lineno, &rows[(*nrows)++]);
    }
    dipx_buf_free(&text);
    return rows;
}

/* Appends the code points V[0..N) to B as UTF-8. */
static void
put_cps(struct dipx_buf *b, const uint32_t *v, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        assert_int_equal(dipx_buf_put_cp(b, v[i]), 0);
}

/*
 * Normalizes IN (a C string) and compares the text with WANT.  Returns 1
 * when they match, else prints WHAT and both and returns 0.  With AGAIN,
 * also checks that normalizing the result changes nothing.
 */
static int
norm_is(struct fixture *fx, const char *what, const char *in,
        const char *want, int again)
{
    struct dipx_doc *doc = test_normalize(fx->n, in, strlen(in), NULL);
    int ok = strcmp(doc->text, want) == 0;

    if (!ok)
        print_error("%s: '%s' normalized to '%s', expected '%s'\n", what, in,
                    doc->text, want);
    if (ok && again) {
        struct dipx_doc *doc2 = test_normalize(fx->n, doc->text,
                                               doc->text_len, NULL);

        if (strcmp(doc2->text, doc->text) != 0 || doc2->nedits != 0) {
            print_error("%s: '%s' changes when normalized again\n", what,
                        doc->text);
            ok = 0;
        }
        dipx_doc_free(doc2);
    }
    dipx_doc_free(doc);
    return ok;
}

/* ---- reading dictionary files ---------------------------------------- */

static void
test_next_line(void **state)
{
    static const char file[] = "# comment\n"
                               "\n"
                               "   \t\n"
                               "first\r\n"
                               "  # indented comment\n"
                               "second  \t\n"
                               "  third\n"
                               "last";
    struct dipx_buf text = DIPX_BUF_INIT;
    const char *line;
    size_t pos = 0, len;
    long lineno = 0;

    (void)state;
    assert_int_equal(dipx_buf_append(&text, file, sizeof(file) - 1), 0);
    assert_int_equal(dipx_dict_next_line(&text, &pos, &line, &len, &lineno),
                     1);
    assert_int_equal(lineno, 4);
    assert_int_equal(len, 5);
    assert_memory_equal(line, "first", 5);
    assert_int_equal(dipx_dict_next_line(&text, &pos, &line, &len, &lineno),
                     1);
    assert_int_equal(lineno, 6);
    assert_int_equal(len, 6);
    assert_memory_equal(line, "second", 6);
    /* Leading blanks are kept (the header only promises trailing ones
     * trimmed). */
    assert_int_equal(dipx_dict_next_line(&text, &pos, &line, &len, &lineno),
                     1);
    assert_int_equal(lineno, 7);
    assert_int_equal(len, 7);
    assert_memory_equal(line, "  third", 7);
    assert_int_equal(dipx_dict_next_line(&text, &pos, &line, &len, &lineno),
                     1);
    assert_int_equal(lineno, 8);
    assert_int_equal(len, 4);
    assert_memory_equal(line, "last", 4);
    assert_int_equal(dipx_dict_next_line(&text, &pos, &line, &len, &lineno),
                     0);
    assert_int_equal(dipx_dict_next_line(&text, &pos, &line, &len, &lineno),
                     0);
    dipx_buf_free(&text);
}

static void
test_read_optional(void **state)
{
    struct fixture *fx = *state;
    struct dipx_buf text = DIPX_BUF_INIT;
    struct dipx_error err;

    dipx_error_clear(&err);
    assert_int_equal(dipx_dict_read(fx->d, "xx/none.txt", 0, &text, &err),
                     1);
    assert_int_equal(err.code, 0);
    dipx_buf_free(&text);
}

/*
 * A missing required file names the reason.  (Regression: the message
 * was once formatted from itself, overlapping buffers, and lost it.)
 */
static void
test_read_missing_required(void **state)
{
    struct fixture *fx = *state;
    struct dipx_buf text = DIPX_BUF_INIT;
    struct dipx_error err;
    char want[256];
    size_t n;

    dipx_error_clear(&err);
    assert_int_equal(dipx_dict_read(fx->d, "xx/none.txt", 1, &text, &err),
                     DIPX_EDICT);
    assert_int_equal(err.code, DIPX_EDICT);
    n = strlen(err.file);
    assert_true(n >= 11);
    assert_string_equal(err.file + n - 11, "xx/none.txt");
    snprintf(want, sizeof(want), "cannot read dictionary: %s",
             strerror(ENOENT));
    assert_string_equal(err.msg, want);
    dipx_buf_free(&text);
}

/* ---- tables ---------------------------------------------------------- */

static void
test_tables_load(void **state)
{
    struct fixture *fx = *state;

    assert_non_null(fx->n);
    assert_non_null(fx->s);
    assert_non_null(fx->l);
}

static void
test_fold_every_line(void **state)
{
    struct fixture *fx = *state;
    struct dipx_buf in = DIPX_BUF_INIT, want = DIPX_BUF_INIT;
    struct row *rows;
    size_t nrows, i, bad = 0;
    char what[64];

    assert_non_null(fx->n);
    rows = read_rows(fx, "common/fold.tsv", &nrows);
    assert_true(nrows > 100);
    for (i = 0; i < nrows; i++) {
        const struct row *r = &rows[i];

        dipx_buf_reset(&in);
        dipx_buf_reset(&want);
        assert_int_equal(dipx_buf_putc(&in, 'x'), 0);
        put_cps(&in, &r->from, 1);
        assert_int_equal(dipx_buf_putc(&in, 'x'), 0);
        assert_int_equal(dipx_buf_putc(&want, 'x'), 0);
        put_cps(&want, r->to, r->nto);
        assert_int_equal(dipx_buf_putc(&want, 'x'), 0);
        snprintf(what, sizeof(what), "fold.tsv:%ld U+%04X", r->lineno,
                 (unsigned)r->from);
        bad += !norm_is(fx, what, in.data, want.data, 1);
    }
    free(rows);
    dipx_buf_free(&in);
    dipx_buf_free(&want);
    assert_int_equal(bad, 0);
}

/* The Cyrillic letter the first Cyrillic line of ROWS maps to LATIN, or 0
 * (the file's rule: the first line wins, so the Russian letter). */
static uint32_t
cyrillic_twin(const struct row *rows, size_t nrows, uint32_t latin)
{
    size_t i;

    for (i = 0; i < nrows; i++)
        if (rows[i].from >= 0x400 && rows[i].from <= 0x52F &&
            rows[i].to[0] == latin)
            return rows[i].from;
    return 0;
}

static void
test_lookalike_every_line(void **state)
{
    static const uint32_t de = 0x0414, zhe = 0x0416;   /* Д, Ж */
    struct fixture *fx = *state;
    struct dipx_buf in = DIPX_BUF_INIT, want = DIPX_BUF_INIT;
    struct row *rows;
    size_t nrows, i, bad = 0;
    char what[64];

    assert_non_null(fx->n);
    rows = read_rows(fx, "common/lookalike.tsv", &nrows);
    assert_true(nrows > 30);
    for (i = 0; i < nrows; i++) {
        const struct row *r = &rows[i];
        uint32_t cyr[3] = {de, r->from, zhe};

        assert_int_equal(r->nto, 1);
        assert_true((r->from >= 0x370 && r->from <= 0x3FF) ||
                    (r->from >= 0x400 && r->from <= 0x52F));
        /* In a Latin word (R has no twin): becomes Latin. */
        dipx_buf_reset(&in);
        dipx_buf_reset(&want);
        assert_int_equal(dipx_buf_putc(&in, 'R'), 0);
        put_cps(&in, &r->from, 1);
        assert_int_equal(dipx_buf_putc(&in, 'S'), 0);
        assert_int_equal(dipx_buf_putc(&want, 'R'), 0);
        put_cps(&want, r->to, 1);
        assert_int_equal(dipx_buf_putc(&want, 'S'), 0);
        snprintf(what, sizeof(what), "lookalike.tsv:%ld U+%04X in Latin",
                 r->lineno, (unsigned)r->from);
        bad += !norm_is(fx, what, in.data, want.data, 1);
        /* In a Cyrillic word (Д, Ж have no twin): left as it is. */
        dipx_buf_reset(&in);
        put_cps(&in, cyr, 3);
        snprintf(what, sizeof(what), "lookalike.tsv:%ld U+%04X in Cyrillic",
                 r->lineno, (unsigned)r->from);
        bad += !norm_is(fx, what, in.data, in.data, 1);
    }
    /* The mirror: a Latin letter with a Cyrillic twin, in a Cyrillic word,
     * becomes that twin. */
    for (i = 0; i < nrows; i++) {
        const struct row *r = &rows[i];
        uint32_t twin = cyrillic_twin(rows, nrows, r->to[0]);
        uint32_t w[3] = {de, r->to[0], zhe}, c[3] = {de, twin, zhe};

        if (r->from < 0x400 || r->from > 0x52F || twin != r->from)
            continue;           /* each Latin letter once, its first twin */
        dipx_buf_reset(&in);
        dipx_buf_reset(&want);
        put_cps(&in, w, 3);
        put_cps(&want, c, 3);
        snprintf(what, sizeof(what), "lookalike.tsv:%ld '%c' in Cyrillic",
                 r->lineno, (char)r->to[0]);
        bad += !norm_is(fx, what, in.data, want.data, 1);
    }
    free(rows);
    dipx_buf_free(&in);
    dipx_buf_free(&want);
    assert_int_equal(bad, 0);
}

static void
test_lookalike_words(void **state)
{
    struct fixture *fx = *state;
    int ok = 1;

    assert_non_null(fx->n);
    /* A symbol typed with a Cyrillic А (U+0410). */
    ok &= norm_is(fx, "symbol", "\xD0\x90/RES/73/27", "A/RES/73/27", 1);
    ok &= norm_is(fx, "symbol in text",
                  "See \xD0\x90/RES/73/27 and A/C.1/73/L.27.",
                  "See A/RES/73/27 and A/C.1/73/L.27.", 1);
    /* "резолюция" typed with a Latin e (U+0065). */
    ok &= norm_is(fx, "Russian word",
                  "\xD1\x80" "e" "\xD0\xB7\xD0\xBE\xD0\xBB\xD1\x8E\xD1\x86"
                  "\xD0\xB8\xD1\x8F",
                  "\xD1\x80\xD0\xB5\xD0\xB7\xD0\xBE\xD0\xBB\xD1\x8E\xD1\x86"
                  "\xD0\xB8\xD1\x8F", 1);
    /* Look-alikes only, on either side of a hyphen: left alone. */
    ok &= norm_is(fx, "ООН-UN", "\xD0\x9E\xD0\x9E\xD0\x9D-UN",
                  "\xD0\x9E\xD0\x9E\xD0\x9D-UN", 1);
    /* A word with letters only Latin and only Cyrillic has: left alone. */
    ok &= norm_is(fx, "mixed", "R\xD0\x94", "R\xD0\x94", 1);
    assert_true(ok);
}

/* ---- abbreviations --------------------------------------------------- */

/* The number of elements named NAME in DOC's structure layer. */
static size_t
count_elems(const struct dipx_doc *doc, const char *name)
{
    const struct dipx_layer *l = dipx_doc_layer(doc, "structure");
    size_t i, n = 0;

    assert_non_null(l);
    for (i = 0; i < l->nelems; i++)
        n += strcmp(l->elems[i].name, name) == 0;
    return n;
}

/* Normalizes TEXT, builds its structure with LANG (may be NULL) and
 * returns the number of sentences; prints them when not WANT. */
static size_t
sentences_of(struct fixture *fx, const char *text, const char *lang,
             size_t want)
{
    struct dipx_doc *doc = test_normalize(fx->n, text, strlen(text), NULL);
    const struct dipx_layer *l;
    struct dipx_error err;
    size_t n, i;

    doc->lang = lang != NULL ? dipx_doc_strdup(doc, lang) : NULL;
    dipx_error_clear(&err);
    assert_int_equal(dipx_struct_build(fx->s, doc, NULL, &err), 0);
    n = count_elems(doc, "s");
    if (n != want) {
        l = dipx_doc_layer(doc, "structure");
        print_error("lang %s: '%s': %zu sentences, expected %zu:\n",
                    lang ? lang : "(none)", text, n, want);
        for (i = 0; i < l->nelems; i++) {
            size_t a = 0, b = 0, x, y;

            if (strcmp(l->elems[i].name, "s") != 0)
                continue;
            assert_int_equal(dipx_elem_get_size(&l->elems[i], "start", &a),
                             0);
            assert_int_equal(dipx_elem_get_size(&l->elems[i], "end", &b), 0);
            x = dipx_utf8_offset(doc->text, doc->text_len, a);
            y = dipx_utf8_offset(doc->text, doc->text_len, b);
            print_error("    <s> '%.*s'\n", (int)(y - x), doc->text + x);
        }
    }
    dipx_doc_free(doc);
    return n;
}

/* The abbreviations of LANG, as a list of malloc'ed strings. */
static char **
read_abbrevs(struct fixture *fx, const char *lang, size_t *n)
{
    struct dipx_buf text = DIPX_BUF_INIT;
    char path[64], **v = NULL;
    const char *line;
    size_t pos = 0, len, cap = 0;
    long lineno = 0;

    snprintf(path, sizeof(path), "%s/abbrev.txt", lang);
    read_file(fx, path, &text);
    *n = 0;
    while (dipx_dict_next_line(&text, &pos, &line, &len, &lineno)) {
        if (*n == cap) {
            cap = cap ? 2 * cap : 64;
            v = realloc(v, cap * sizeof(*v));
            assert_non_null(v);
        }
        v[*n] = malloc(len + 1);
        assert_non_null(v[*n]);
        memcpy(v[*n], line, len);
        v[*n][len] = '\0';
        (*n)++;
    }
    dipx_buf_free(&text);
    return v;
}

static void
free_list(char **v, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

static int
in_list(char *const *v, size_t n, const char *w)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (strcmp(v[i], w) == 0)
            return 1;
    return 0;
}

static void
test_sentence_control(void **state)
{
    struct fixture *fx = *state;

    assert_non_null(fx->s);
    assert_int_equal(sentences_of(fx, "It ended here. Next one starts.",
                                  "en", 2), 2);
    assert_int_equal(sentences_of(fx, "It ended here. next one", "en", 1),
                     1);
}

static void
test_abbrev_every_line(void **state)
{
    struct fixture *fx = *state;
    size_t k, i, n, bad = 0;
    char text[256];

    assert_non_null(fx->s);
    for (k = 0; k < NLANGS; k++) {
        char **v = read_abbrevs(fx, langs[k], &n);

        assert_true(n > 20);
        for (i = 0; i < n; i++) {
            struct dipx_doc *doc;

            /* An abbreviation is matched as a whole token: no blanks. */
            if (strpbrk(v[i], " \t") != NULL) {
                print_error("%s/abbrev.txt: '%s' has a blank\n", langs[k],
                            v[i]);
                bad++;
                continue;
            }
            /* Matched on the normalized text: must come through as is. */
            doc = test_normalize(fx->n, v[i], strlen(v[i]), NULL);
            if (strcmp(doc->text, v[i]) != 0) {
                print_error("%s/abbrev.txt: '%s' is normalized to '%s'\n",
                            langs[k], v[i], doc->text);
                bad++;
            }
            dipx_doc_free(doc);
            snprintf(text, sizeof(text), "Text with %s Word here. Next one.",
                     v[i]);
            bad += sentences_of(fx, text, langs[k], 2) != 2;
        }
        free_list(v, n);
    }
    assert_int_equal(bad, 0);
}

/*
 * Counterexamples: an abbreviation of another language that is not in
 * LANG's list ends a sentence in a LANG document (when it ends in a period
 * and is not a single letter, which counts as an initial everywhere).
 */
static void
test_abbrev_other_language(void **state)
{
    struct fixture *fx = *state;
    char **v[NLANGS];
    size_t n[NLANGS], k, j, i, bad = 0, tried = 0;
    char text[256];

    assert_non_null(fx->s);
    for (k = 0; k < NLANGS; k++)
        v[k] = read_abbrevs(fx, langs[k], &n[k]);
    for (k = 0; k < NLANGS; k++) {
        for (j = 0; j < NLANGS; j++) {
            for (i = 0; j != k && i < n[j]; i++) {
                const char *a = v[j][i];
                size_t len = strlen(a);

                if (in_list(v[k], n[k], a) || a[len - 1] != '.' ||
                    dipx_utf8_count(a, len) <= 2)
                    continue;
                snprintf(text, sizeof(text),
                         "Text with %s Word here. Next one.", a);
                bad += sentences_of(fx, text, langs[k], 3) != 3;
                tried++;
            }
        }
    }
    for (k = 0; k < NLANGS; k++)
        free_list(v[k], n[k]);
    assert_true(tried > 100);
    assert_int_equal(bad, 0);
}

/* ---- stop words ------------------------------------------------------ */

/* The stop words of LANG, as a list of malloc'ed strings. */
static char **
read_stopwords(struct fixture *fx, const char *lang, size_t *n)
{
    struct dipx_buf text = DIPX_BUF_INIT;
    char path[64], **v = NULL;
    const char *line;
    size_t pos = 0, len, cap = 0;
    long lineno = 0;

    snprintf(path, sizeof(path), "%s/stopwords.txt", lang);
    read_file(fx, path, &text);
    *n = 0;
    while (dipx_dict_next_line(&text, &pos, &line, &len, &lineno)) {
        if (*n == cap) {
            cap = cap ? 2 * cap : 128;
            v = realloc(v, cap * sizeof(*v));
            assert_non_null(v);
        }
        v[*n] = malloc(len + 1);
        assert_non_null(v[*n]);
        memcpy(v[*n], line, len);
        v[*n][len] = '\0';
        (*n)++;
    }
    dipx_buf_free(&text);
    return v;
}

/*
 * 1 when W is one word as dipx_lang_detect() reads words: letters (or an
 * ASCII apostrophe), lowercase, in NFC, short enough to be compared.
 */
static int
word_ok(const char *w)
{
    struct dipx_buf nfc = DIPX_BUF_INIT;
    size_t len = strlen(w), i = 0, l;
    int ok = len > 0 && len < 60 && dipx_utf8_valid(w, len, NULL);

    while (ok && i < len) {
        uint32_t cp = dipx_utf8_decode((const unsigned char *)w + i,
                                       len - i, &l);

        if (cp < 0x80)
            ok = (cp >= 'a' && cp <= 'z') || cp == '\'';
        else
            ok = utf8proc_category((utf8proc_int32_t)cp) >=
                     UTF8PROC_CATEGORY_LU &&
                 utf8proc_category((utf8proc_int32_t)cp) <=
                     UTF8PROC_CATEGORY_LO &&
                 utf8proc_tolower((utf8proc_int32_t)cp) ==
                     (utf8proc_int32_t)cp;
        i += l;
    }
    if (ok) {
        assert_int_equal(dipx_norm_nfc(w, len, &nfc), 0);
        ok = nfc.len == len && memcmp(nfc.data, w, len) == 0;
    }
    dipx_buf_free(&nfc);
    return ok;
}

static void
test_stopwords_files(void **state)
{
    struct fixture *fx = *state;
    char **v[NLANGS];
    size_t n[NLANGS], k, j, i, q, bad = 0;

    for (k = 0; k < NLANGS; k++) {
        v[k] = read_stopwords(fx, langs[k], &n[k]);
        assert_true(n[k] >= 30);
        for (i = 0; i < n[k]; i++) {
            if (!word_ok(v[k][i])) {
                print_error("%s/stopwords.txt: '%s' is not one lowercase "
                            "NFC word\n", langs[k], v[k][i]);
                bad++;
            }
            for (q = 0; q < i; q++)
                if (strcmp(v[k][q], v[k][i]) == 0) {
                    print_error("%s/stopwords.txt: '%s' is listed twice\n",
                                langs[k], v[k][i]);
                    bad++;
                }
        }
    }
    /* No word in two files: each word points to one language. */
    for (k = 0; k < NLANGS; k++)
        for (j = k + 1; j < NLANGS; j++)
            for (i = 0; i < n[k]; i++)
                if (in_list(v[j], n[j], v[k][i])) {
                    print_error("'%s' is in both %s and %s\n", v[k][i],
                                langs[k], langs[j]);
                    bad++;
                }
    for (k = 0; k < NLANGS; k++)
        free_list(v[k], n[k]);
    assert_int_equal(bad, 0);
}

static void
test_languages_listed(void **state)
{
    struct fixture *fx = *state;
    size_t k;

    assert_non_null(fx->l);
    for (k = 0; k < NLANGS; k++)
        assert_true(dipx_lang_known(fx->l, langs[k]));
    assert_false(dipx_lang_known(fx->l, "xx"));
    assert_false(dipx_lang_known(fx->l, ""));
}

static void
test_stopwords_detect(void **state)
{
    struct fixture *fx = *state;
    struct dipx_buf text = DIPX_BUF_INIT;
    size_t k, i, n;

    assert_non_null(fx->l);
    for (k = 0; k < NLANGS; k++) {
        char **v = read_stopwords(fx, langs[k], &n);
        const char *got;

        dipx_buf_reset(&text);
        for (i = 0; i < 30 && i < n; i++)
            assert_int_equal(dipx_buf_printf(&text, "%s%s", i ? " " : "",
                                             v[i]), 0);
        got = dipx_lang_detect(fx->l, text.data, text.len);
        if (got == NULL || strcmp(got, langs[k]) != 0)
            fail_msg("first 30 stop words of %s detected as %s: %s",
                     langs[k], got ? got : "(none)", text.data);
        free_list(v, n);
    }
    dipx_buf_free(&text);
}

static void
test_detect_sentences(void **state)
{
    static const struct {
        const char *lang, *text;
    } cases[] = {
        {"en", "The General Assembly adopted the draft resolution by a "
               "recorded vote of 120 in favour to 8 against, with 45 "
               "abstentions, and decided to include the item in its "
               "agenda."},
        {"fr", "L'Assembl\xC3\xA9" "e g\xC3\xA9n\xC3\xA9rale a adopt\xC3\xA9 "
               "le projet de r\xC3\xA9solution par un vote enregistr\xC3\xA9 "
               "de 120 voix contre 8, avec 45 abstentions, et a "
               "d\xC3\xA9" "cid\xC3\xA9 d'inscrire la question \xC3\xA0 "
               "son ordre du jour."},
        {"es", "La Asamblea General aprob\xC3\xB3 el proyecto de "
               "resoluci\xC3\xB3n por una votaci\xC3\xB3n registrada de 120 "
               "votos a favor y 8 en contra, con 45 abstenciones, y "
               "decidi\xC3\xB3 incluir el tema en su programa."},
        /* Генеральная Ассамблея приняла проект резолюции путем
         * заносимого в отчет о заседании голосования 120 голосами против
         * 8 при 45 воздержавшихся и постановила включить этот пункт в
         * повестку дня. */
        {"ru", "\xD0\x93\xD0\xB5\xD0\xBD\xD0\xB5\xD1\x80\xD0\xB0\xD0\xBB"
               "\xD1\x8C\xD0\xBD\xD0\xB0\xD1\x8F "
               "\xD0\x90\xD1\x81\xD1\x81\xD0\xB0\xD0\xBC\xD0\xB1\xD0\xBB"
               "\xD0\xB5\xD1\x8F "
               "\xD0\xBF\xD1\x80\xD0\xB8\xD0\xBD\xD1\x8F\xD0\xBB\xD0\xB0 "
               "\xD0\xBF\xD1\x80\xD0\xBE\xD0\xB5\xD0\xBA\xD1\x82 "
               "\xD1\x80\xD0\xB5\xD0\xB7\xD0\xBE\xD0\xBB\xD1\x8E\xD1\x86"
               "\xD0\xB8\xD0\xB8 "
               "\xD0\xBF\xD1\x83\xD1\x82\xD0\xB5\xD0\xBC "
               "\xD0\xB7\xD0\xB0\xD0\xBD\xD0\xBE\xD1\x81\xD0\xB8\xD0\xBC"
               "\xD0\xBE\xD0\xB3\xD0\xBE \xD0\xB2 "
               "\xD0\xBE\xD1\x82\xD1\x87\xD0\xB5\xD1\x82 \xD0\xBE "
               "\xD0\xB7\xD0\xB0\xD1\x81\xD0\xB5\xD0\xB4\xD0\xB0\xD0\xBD"
               "\xD0\xB8\xD0\xB8 "
               "\xD0\xB3\xD0\xBE\xD0\xBB\xD0\xBE\xD1\x81\xD0\xBE\xD0\xB2"
               "\xD0\xB0\xD0\xBD\xD0\xB8\xD1\x8F 120 "
               "\xD0\xB3\xD0\xBE\xD0\xBB\xD0\xBE\xD1\x81\xD0\xB0\xD0\xBC"
               "\xD0\xB8 \xD0\xBF\xD1\x80\xD0\xBE\xD1\x82\xD0\xB8\xD0\xB2 8 "
               "\xD0\xBF\xD1\x80\xD0\xB8 45 "
               "\xD0\xB2\xD0\xBE\xD0\xB7\xD0\xB4\xD0\xB5\xD1\x80\xD0\xB6"
               "\xD0\xB0\xD0\xB2\xD1\x88\xD0\xB8\xD1\x85\xD1\x81\xD1\x8F "
               "\xD0\xB8 "
               "\xD0\xBF\xD0\xBE\xD1\x81\xD1\x82\xD0\xB0\xD0\xBD\xD0\xBE"
               "\xD0\xB2\xD0\xB8\xD0\xBB\xD0\xB0 "
               "\xD0\xB2\xD0\xBA\xD0\xBB\xD1\x8E\xD1\x87\xD0\xB8\xD1\x82"
               "\xD1\x8C \xD1\x8D\xD1\x82\xD0\xBE\xD1\x82 "
               "\xD0\xBF\xD1\x83\xD0\xBD\xD0\xBA\xD1\x82 \xD0\xB2 "
               "\xD0\xBF\xD0\xBE\xD0\xB2\xD0\xB5\xD1\x81\xD1\x82\xD0\xBA"
               "\xD1\x83 \xD0\xB4\xD0\xBD\xD1\x8F."},
    };
    static const char digits[] = "0123456789 2018 73 27 120 8 45";
    struct fixture *fx = *state;
    size_t i;

    assert_non_null(fx->l);
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const char *got = dipx_lang_detect(fx->l, cases[i].text,
                                           strlen(cases[i].text));

        if (got == NULL || strcmp(got, cases[i].lang) != 0)
            fail_msg("%s sentence detected as %s", cases[i].lang,
                     got ? got : "(none)");
    }
    assert_null(dipx_lang_detect(fx->l, digits, strlen(digits)));
    assert_null(dipx_lang_detect(fx->l, "", 0));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_next_line),
        cmocka_unit_test(test_read_optional),
        cmocka_unit_test(test_read_missing_required),
        cmocka_unit_test(test_tables_load),
        cmocka_unit_test(test_fold_every_line),
        cmocka_unit_test(test_lookalike_every_line),
        cmocka_unit_test(test_lookalike_words),
        cmocka_unit_test(test_sentence_control),
        cmocka_unit_test(test_abbrev_every_line),
        cmocka_unit_test(test_abbrev_other_language),
        cmocka_unit_test(test_stopwords_files),
        cmocka_unit_test(test_languages_listed),
        cmocka_unit_test(test_stopwords_detect),
        cmocka_unit_test(test_detect_sentences),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
