/*
 * structure.c - paragraphs, sentences and list items (structure.h).
 *
 * A paragraph is a run of non-blank lines.  Inside it, a line that starts
 * with a list marker (bullet, "1.", "(a)", "ii)", "а)") starts a list item,
 * which runs over the lines that follow until the next marker or the end
 * of the paragraph.  Sentences are split inside each item or each stretch
 * of text between items, never across them.  A sentence ends at ". ! ?"
 * (after closing quotes and brackets) followed by a space and a character
 * that can start a sentence, unless the word before is an abbreviation
 * of the document's language (dictionaries/<lang>/abbrev.txt) or a single
 * letter; and at a line break in a block of short lines (headings, menus,
 * poll answers), but not in a hard-wrapped paragraph.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "dipx/buf.h"
#include "dipx/structure.h"
#include "dipx/utf8.h"

#define ABBR_LANGS DIPX_LANG_MAX

struct abbr_set {
    char lang[16];
    struct dipx_dict_list list; /* keys sorted */
};

struct dipx_struct {
    struct abbr_set set[ABBR_LANGS];
    size_t nset;
};

static int
cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
load_set(struct dipx_struct *s, struct dipx_dict *d, const char *lang,
         struct dipx_error *err)
{
    struct abbr_set *a = &s->set[s->nset++];
    char path[64];

    snprintf(a->lang, sizeof(a->lang), "%s", lang);
    snprintf(path, sizeof(path), "%s/abbrev.txt", lang);
    if (dipx_dict_read_list(d, path, 0, 0, &a->list, err) < 0)
        return err->code;
    if (a->list.n > 1)
        qsort(a->list.key, a->list.n, sizeof(*a->list.key), cmp_str);
    return 0;
}

struct dipx_struct *
dipx_struct_new(struct dipx_dict *d, struct dipx_error *err)
{
    struct dipx_struct *s = calloc(1, sizeof(*s));
    struct dipx_langs langs;
    size_t i;
    int rc;

    if (s == NULL) {
        dipx_error_set(err, DIPX_ENOMEM, "out of memory");
        return NULL;
    }
    rc = dipx_dict_languages(d, &langs, err);
    for (i = 0; rc == 0 && i < langs.n && i < ABBR_LANGS; i++)
        rc = load_set(s, d, langs.code[i], err);
    if (rc < 0) {
        dipx_struct_free(s);
        return NULL;
    }
    return s;
}

void
dipx_struct_free(struct dipx_struct *s)
{
    size_t i;

    if (s == NULL)
        return;
    for (i = 0; i < s->nset; i++)
        dipx_dict_list_free(&s->set[i].list);
    free(s);
}

/* 1 when the word W (N bytes) is an abbreviation of LANG (any language
 * when LANG is NULL or has no list). */
static int
is_abbrev(const struct dipx_struct *s, const char *lang, const char *w,
          size_t n)
{
    char tmp[64];
    char *key = tmp;
    size_t i;
    int any = 1;

    if (n >= sizeof(tmp))
        return 0;
    memcpy(tmp, w, n);
    tmp[n] = '\0';
    for (i = 0; lang != NULL && i < s->nset; i++)
        if (strcmp(s->set[i].lang, lang) == 0)
            any = 0;
    for (i = 0; i < s->nset; i++) {
        if (!any && strcmp(s->set[i].lang, lang) != 0)
            continue;
        if (s->set[i].list.n > 0 &&
            bsearch(&key, s->set[i].list.key, s->set[i].list.n,
                    sizeof(char *), cmp_str))
            return 1;
    }
    return 0;
}

/* ---- the text as code points ----------------------------------------- */

struct cps {
    uint32_t *v;
    size_t n;
    const char *text;
    size_t *byte;               /* byte offset of each code point, n + 1 */
};

static int
is_space(uint32_t c)
{
    return c == ' ' || c == '\t';
}

static int
is_letter(uint32_t c)
{
    utf8proc_category_t cat;

    if (c < 0x80)
        return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    cat = utf8proc_category((utf8proc_int32_t)c);
    return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO;
}

static int
is_upper(uint32_t c)
{
    return c < 0x80 ? c >= 'A' && c <= 'Z'
                    : utf8proc_category((utf8proc_int32_t)c) ==
                          UTF8PROC_CATEGORY_LU ||
                          utf8proc_category((utf8proc_int32_t)c) ==
                          UTF8PROC_CATEGORY_LT ||
                          utf8proc_category((utf8proc_int32_t)c) ==
                          UTF8PROC_CATEGORY_LO;
}

static int
is_digit(uint32_t c)
{
    return c >= '0' && c <= '9';
}

static int
is_roman(const uint32_t *v, size_t n)
{
    size_t i;
    int lower = v[0] >= 'a';

    if (n == 0 || n > 6)
        return 0;
    for (i = 0; i < n; i++) {
        uint32_t c = lower ? v[i] : v[i] | 0x20;

        if ((v[i] >= 'a') != lower || (c != 'i' && c != 'v' && c != 'x'))
            return 0;
    }
    return 1;
}

/*
 * The list marker at V[I..E) (a line after its indentation), if any:
 * returns its length in code points (without the space after it), or 0.
 */
static size_t
marker_len(const uint32_t *v, size_t i, size_t e)
{
    static const uint32_t bullets[] = {
        0x2022, 0x25E6, 0x25AA, 0x25AB, 0x2023, 0x2043, 0x25CF, 0x25CB,
        0x25A0, 0x25A1, 0x25BA, 0x25B6, 0x2713, 0x2714, 0x00B7, '*', '-',
        0x27A2, 0x2219, 0xF0B7,
    };
    size_t k, j;

    for (k = 0; k < sizeof(bullets) / sizeof(bullets[0]); k++)
        if (v[i] == bullets[k])
            return i + 1 < e && is_space(v[i + 1]) ? 1 : 0;
    j = i + (v[i] == '(');
    for (k = j; k < e && k - j < 6 && (is_digit(v[k]) ||
                                       is_letter(v[k])); k++)
        ;
    if (k == j || k >= e || k + 1 >= e || !is_space(v[k + 1]))
        return 0;
    if (v[i] == '(' ? v[k] != ')' : v[k] != ')' && v[k] != '.')
        return 0;
    /* "12." "(3)" "a)" "(b)" "iv." - not words like "See." or "U.S.". */
    if (k - j <= 3 && is_digit(v[j])) {
        for (size_t q = j; q < k; q++)
            if (!is_digit(v[q]))
                return 0;
        return k + 1 - i;
    }
    /* "a)" "(B)" "c." - but "A." "V." start names ("V. Putin"). */
    if (k - j == 1 && is_letter(v[j]) &&
        (v[k] == ')' || !is_upper(v[j])))
        return k + 1 - i;
    /* "(iv)" "ii." "IV." - a lone "I." "V." "X." is a name too. */
    if (is_roman(v + j, k - j) &&
        (v[k] == ')' || v[j] >= 'a' || k - j > 1))
        return k + 1 - i;
    return 0;
}

/* ---- output ---------------------------------------------------------- */

struct out {
    struct dipx_doc *doc;
    struct dipx_layer *layer;
    const struct cps *c;
};

static int
emit(struct out *o, const char *name, size_t start, size_t end,
     const uint32_t *marker, size_t mlen)
{
    struct dipx_elem *e;

    while (end > start && (is_space(o->c->v[end - 1]) ||
                           o->c->v[end - 1] == '\n'))
        end--;
    if (end <= start)
        return 0;
    e = dipx_layer_add(o->doc, o->layer, name);
    if (e == NULL || dipx_elem_set_int(o->doc, e, "start", (int64_t)start) ||
        dipx_elem_set_int(o->doc, e, "end", (int64_t)end))
        return DIPX_ENOMEM;
    if (marker != NULL) {
        const char *t = o->c->text + o->c->byte[start];
        size_t n = o->c->byte[start + mlen] - o->c->byte[start];
        const char *m = dipx_doc_strndup(o->doc, t, n);

        (void)marker;
        if (m == NULL || dipx_elem_set(o->doc, e, "marker", m) < 0)
            return DIPX_ENOMEM;
    }
    return 0;
}

/* ---- sentences ------------------------------------------------------- */

static int
closing(uint32_t c)
{
    return c == '"' || c == '\'' || c == ')' || c == ']' || c == 0xBB ||
           c == 0x203A;
}

/* Opening quotes and brackets, and Spanish inverted marks (¿ ¡). */
static int
opening(uint32_t c)
{
    return c == '"' || c == '\'' || c == '(' || c == '[' || c == 0xAB ||
           c == 0x2039 || c == 0xBF || c == 0xA1;
}

/* Can V start a sentence?  Not a lowercase letter, not punctuation that
 * continues one. */
static int
can_start(uint32_t c)
{
    if (is_digit(c) || opening(c) || c == 0x2022 || c == '-')
        return 1;
    return is_letter(c) && (is_upper(c) || utf8proc_islower(
                                               (utf8proc_int32_t)c) == 0);
}

struct para {
    const struct dipx_struct *s;
    const char *lang;
    size_t maxline;             /* longest line of the paragraph */
};

/* 1 when the line break at V[I] ends a sentence: the line before it is
 * short for its paragraph (headings, menus, answers), not hard-wrapped. */
static int
line_ends_sentence(const struct cps *c, const struct para *p, size_t i)
{
    size_t k = i;

    while (k > 0 && c->v[k - 1] != '\n')
        k--;
    return p->maxline < 40 || 5 * (i - k) < 3 * p->maxline;
}

static int
abbrev_before(const struct cps *c, const struct para *p, size_t a, size_t i)
{
    size_t w0 = i;

    while (w0 > a && !is_space(c->v[w0 - 1]) && c->v[w0 - 1] != '\n')
        w0--;
    while (w0 < i && opening(c->v[w0]))
        w0++;
    if (i - w0 == 1 && is_upper(c->v[w0]))
        return 1;               /* an initial: "J. Smith", "L. 27" */
    return is_abbrev(p->s, p->lang, c->text + c->byte[w0],
                     c->byte[i + 1] - c->byte[w0]);
}

static int
sentences(struct out *o, const struct para *p, size_t a, size_t b)
{
    const struct cps *c = o->c;
    const uint32_t *v = c->v;
    size_t i, e, k, start;

    for (start = a; start < b && (is_space(v[start]) || v[start] == '\n');)
        start++;
    for (i = start; i < b; i++) {
        if (v[i] == '\n') {
            if (!line_ends_sentence(c, p, i))
                continue;
            e = i;
        } else if (v[i] == '.' || v[i] == '!' || v[i] == '?') {
            for (e = i + 1; e < b; e++) {
                /* French sets closing guillemets off by a space. */
                if (v[e] == ' ' && e + 1 < b &&
                    (v[e + 1] == 0xBB || v[e + 1] == 0x203A))
                    e++;
                else if (v[e] != '.' && v[e] != '!' && v[e] != '?' &&
                         !closing(v[e]))
                    break;
            }
            if (e < b && !is_space(v[e]) && v[e] != '\n') {
                i = e - 1;      /* "L.27", "U.S.", "3.5"; and linear */
                continue;
            }
        } else {
            continue;
        }
        for (k = e; k < b && (is_space(v[k]) || v[k] == '\n'); k++)
            ;
        if (k == b)
            break;
        if (v[i] != '\n' && !can_start(v[k])) {
            i = e > i ? e - 1 : i;
            continue;
        }
        if (v[i] == '.' && e == i + 1 && abbrev_before(c, p, a, i))
            continue;
        if (emit(o, "s", start, e, NULL, 0) < 0)
            return DIPX_ENOMEM;
        start = k;
        i = k - 1;
    }
    return emit(o, "s", start, b, NULL, 0);
}

/* ---- paragraphs and list items --------------------------------------- */

/* Start of the line after the one that contains I (or N). */
static size_t
next_line(const struct cps *c, size_t i)
{
    while (i < c->n && c->v[i] != '\n')
        i++;
    return i < c->n ? i + 1 : i;
}

static int
blank_line(const struct cps *c, size_t i)
{
    while (i < c->n && is_space(c->v[i]))
        i++;
    return i == c->n || c->v[i] == '\n';
}

static int
paragraph(struct out *o, struct para *p, size_t a, size_t b)
{
    const struct cps *c = o->c;
    size_t line, ind, m, block = a, item = 0, mlen = 0;
    int in_item = 0;

    p->maxline = 0;
    for (line = a; line < b; line = next_line(c, line)) {
        size_t e = line;

        while (e < b && c->v[e] != '\n')
            e++;
        if (e - line > p->maxline)
            p->maxline = e - line;
    }
    for (line = a; line < b && is_space(c->v[line]); line++)
        ;
    /* Like sentences and items, a paragraph starts at its first
     * character, after the indentation. */
    if (emit(o, "p", line, b, NULL, 0) < 0)
        return DIPX_ENOMEM;
    for (line = a; line < b; line = next_line(c, line)) {
        for (ind = line; ind < b && is_space(c->v[ind]); ind++)
            ;
        if (ind >= b || (m = marker_len(c->v, ind, b)) == 0)
            continue;
        /* A new item: close what came before it. */
        if (in_item) {
            if (emit(o, "li", item, line, c->v + item, mlen) < 0 ||
                sentences(o, p, item + mlen, line) < 0)
                return DIPX_ENOMEM;
        } else if (sentences(o, p, block, line) < 0) {
            return DIPX_ENOMEM;
        }
        in_item = 1;
        item = ind;
        mlen = m;
    }
    if (in_item)
        return emit(o, "li", item, b, c->v + item, mlen) < 0 ||
                       sentences(o, p, item + mlen, b) < 0
                   ? DIPX_ENOMEM : 0;
    return sentences(o, p, block, b);
}

static int
decode_text(const struct dipx_doc *doc, struct cps *c)
{
    const unsigned char *t = (const unsigned char *)doc->text;
    size_t i = 0, l, k = 0;

    c->n = doc->text_cps;
    c->text = doc->text;
    c->v = malloc((c->n + 1) * sizeof(*c->v));
    c->byte = malloc((c->n + 1) * sizeof(*c->byte));
    if (c->v == NULL || c->byte == NULL)
        return DIPX_ENOMEM;
    for (; i < doc->text_len; i += l, k++) {
        c->byte[k] = i;
        c->v[k] = t[i] < 0x80 ? (l = 1, t[i])
                              : dipx_utf8_decode(t + i, doc->text_len - i,
                                                 &l);
    }
    c->byte[k] = i;
    c->v[k] = 0;
    return 0;
}

int
dipx_struct_build(const struct dipx_struct *s, struct dipx_doc *doc,
                  const char *dict, struct dipx_error *err)
{
    struct cps c = {0};
    struct out o;
    struct para p = {s, doc->lang, 0};
    size_t i = 0, a;
    int rc = 0;

    o.doc = doc;
    o.c = &c;
    o.layer = dipx_doc_new_layer(doc, "structure", DIPX_STRUCTURE_VERSION,
                                 dict, NULL);
    if (o.layer == NULL || decode_text(doc, &c) < 0) {
        rc = dipx_error_set(err, DIPX_ENOMEM, "out of memory");
        goto out;
    }
    while (i < c.n) {
        while (i < c.n && blank_line(&c, i))
            i = next_line(&c, i);
        if (i >= c.n)
            break;
        for (a = i; i < c.n && !blank_line(&c, i);)
            i = next_line(&c, i);
        if (paragraph(&o, &p, a, i) < 0) {
            rc = dipx_error_set(err, DIPX_ENOMEM, "out of memory");
            goto out;
        }
    }
out:
    free(c.v);
    free(c.byte);
    return rc;
}
