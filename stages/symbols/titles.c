/*
 * titles.c - titles of UN texts, found against a gazetteer of title
 * series (symbols.h).
 *
 * The gazetteer (<lang>/titles.tsv, made from the official voting records)
 * is loaded into a trie over words; titles are compared word by word
 * after folding case, hyphens inside words ("Non-Proliferation" =
 * "nonproliferation"), punctuation and spelling variants
 * (<lang>/title-variants.tsv: "behaviour" = "behavior").  Titles that fold
 * to the same words are one series, named by those words joined with '-'.
 * A title is taken in the text where it starts after an opening quote, a
 * cue word ("entitled") or a symbol, or anywhere when it is long enough
 * (8 words) not to be prose: the seed press release opens a quote before
 * its title and never closes it, so quote pairing alone would miss it.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <utf8proc.h>

#include "dipx/buf.h"
#include "dipx/utf8.h"
#include "titles.h"

#define LONG_TITLE 8            /* words: taken without a quote or cue */

/* An interned word or a trie edge, in one open-addressing table each. */
struct word {
    char *w;
    unsigned id;
};

struct edge {
    unsigned node, word, child;  /* node 0 = empty slot marker via child */
};

struct dipx_titles {
    struct word *words;
    size_t wcap, nwords;
    size_t used;                /* slots taken: words and variants */
    struct edge *edges;
    size_t ecap, nedges;
    unsigned nnodes;
    long *series_of;            /* node -> series index, or -1 */
    char **series;              /* series slugs */
    size_t nseries;
    const char **spelling;      /* word id -> the usual spelling */
    struct dipx_dict_list variants; /* spelling variant, usual spelling */
    struct dipx_dict_list cues;     /* words that introduce a title */
};

static unsigned long
hash_str(const char *s, size_t n)
{
    unsigned long h = 1469598103934665603UL;
    size_t i;

    for (i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211UL;
    return h;
}

/* The id of word W (N bytes), adding it when ADD; -1 when absent. */
static long
word_id(struct dipx_titles *t, const char *w, size_t n, int add)
{
    size_t i = hash_str(w, n) & (t->wcap - 1);

    while (t->words[i].w != NULL) {
        if (strlen(t->words[i].w) == n && memcmp(t->words[i].w, w, n) == 0)
            return t->words[i].id;
        i = (i + 1) & (t->wcap - 1);
    }
    if (!add || 2 * (t->used + 1) > t->wcap)
        return -1;
    t->words[i].w = strndup(w, n);
    if (t->words[i].w == NULL)
        return -1;
    t->words[i].id = (unsigned)t->nwords;
    t->spelling[t->nwords] = t->words[i].w;
    t->used++;
    return t->nwords++;
}

static long
child(const struct dipx_titles *t, unsigned node, unsigned word)
{
    size_t i = ((node * 2654435761u) ^ (word * 40503u)) & (t->ecap - 1);

    while (t->edges[i].child != 0) {
        if (t->edges[i].node == node && t->edges[i].word == word)
            return t->edges[i].child;
        i = (i + 1) & (t->ecap - 1);
    }
    return -1;
}

static long
add_child(struct dipx_titles *t, unsigned node, unsigned word)
{
    long c = child(t, node, word);
    size_t i;

    if (c >= 0)
        return c;
    if (2 * (t->nedges + 1) > t->ecap)
        return -1;
    i = ((node * 2654435761u) ^ (word * 40503u)) & (t->ecap - 1);
    while (t->edges[i].child != 0)
        i = (i + 1) & (t->ecap - 1);
    t->edges[i].node = node;
    t->edges[i].word = word;
    t->edges[i].child = ++t->nnodes;
    t->nedges++;
    return t->edges[i].child;
}

/*
 * The next word of TEXT at or after *POS: lower-cased into W, with its
 * byte span; hyphens and apostrophes inside it are dropped.  Returns 0 at
 * the end.
 */
static int
next_word(const char *text, size_t len, size_t *pos, struct dipx_buf *w,
          size_t *start, size_t *end)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = *pos, l;
    int in = 0;

    dipx_buf_reset(w);
    while (i < len) {
        uint32_t cp;
        int alnum;

        /* ASCII, most of any text, without utf8proc. */
        if (s[i] < 0x80) {
            cp = s[i];
            l = 1;
            alnum = ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') ||
                    (cp >= '0' && cp <= '9');
            if (cp >= 'A' && cp <= 'Z')
                cp |= 0x20;
        } else {
            utf8proc_category_t cat;

            cp = dipx_utf8_decode(s + i, len - i, &l);
            cat = utf8proc_category((utf8proc_int32_t)cp);
            alnum = cat >= UTF8PROC_CATEGORY_LU &&
                    cat <= UTF8PROC_CATEGORY_NO;
            if (alnum)
                cp = (uint32_t)utf8proc_tolower((utf8proc_int32_t)cp);
        }
        if (alnum) {
            if (!in)
                *start = i;
            in = 1;
            if (cp < 0x80)
                dipx_buf_putc(w, (int)cp);
            else
                dipx_buf_put_cp(w, cp);
            *end = i + l;
        } else if (in && (cp == '-' || cp == '\'') && i + l < len &&
                   (((s[i + l] | 0x20) >= 'a' && (s[i + l] | 0x20) <= 'z') ||
                    (s[i + l] >= '0' && s[i + l] <= '9'))) {
            /* inside a word: "non-proliferation", "state's" */
        } else if (in) {
            break;
        }
        i += l;
    }
    *pos = i;
    return in;
}

/* The id of word W, a spelling variant counting as its usual form (the
 * variants are interned with the id of that form at load), or -1. */
static long
lookup(struct dipx_titles *t, const struct dipx_buf *w, int add)
{
    return word_id(t, w->data, w->len, add);
}

void
dipx_titles_free(struct dipx_titles *t)
{
    size_t i;

    if (t == NULL)
        return;
    for (i = 0; i < t->wcap; i++)
        free(t->words[i].w);
    for (i = 0; i < t->nseries; i++)
        free(t->series[i]);
    dipx_dict_list_free(&t->variants);
    dipx_dict_list_free(&t->cues);
    free(t->words);
    free(t->spelling);
    free(t->edges);
    free(t->series_of);
    free(t->series);
    free(t);
}

/* Adds one title: its folded words become a trie path and a series. */
static int
add_title(struct dipx_titles *t, const char *title, size_t n)
{
    struct dipx_buf w = DIPX_BUF_INIT, slug = DIPX_BUF_INIT;
    size_t pos = 0, a, b;
    long node = 0;
    int rc = 0;

    while (next_word(title, n, &pos, &w, &a, &b)) {
        long id = lookup(t, &w, 1);

        if (id < 0 || (node = add_child(t, (unsigned)node, (unsigned)id)) < 0)
            rc = DIPX_ENOMEM;
        if (rc < 0 || (slug.len && dipx_buf_putc(&slug, '-') < 0) ||
            dipx_buf_puts(&slug, t->spelling[id]) < 0) {
            rc = DIPX_ENOMEM;
            break;
        }
    }
    if (rc == 0 && node > 0 && t->series_of[node] < 0) {
        t->series[t->nseries] = dipx_buf_steal(&slug);
        t->series_of[node] = (long)t->nseries++;
    }
    dipx_buf_free(&w);
    dipx_buf_free(&slug);
    return rc;
}

struct dipx_titles *
dipx_titles_load(struct dipx_dict *d, const char *lang, int *missing,
                 struct dipx_error *err)
{
    struct dipx_titles *t = calloc(1, sizeof(*t));
    struct dipx_buf text = DIPX_BUF_INIT;
    char path[128];
    const char *line;
    size_t pos = 0, len, lines = 0, i;
    long lineno = 0;
    int rc;

    *missing = 0;
    snprintf(path, sizeof(path), "%s/titles.tsv", lang);
    if (t == NULL || (rc = dipx_dict_read(d, path, 0, &text, err)) < 0)
        goto fail;
    if (rc == 1) {
        *missing = 1;
        goto fail;
    }
    for (i = 0; i < text.len; i++)
        lines += text.data[i] == '\n';
    /* Sized once from the file: words and edges at most one per word. */
    t->wcap = t->ecap = 1024;
    /* Words of the titles, and the variants: no more than their bytes. */
    while (t->wcap < 4 * (text.len / 4 + 16) + 4096)
        t->wcap *= 2;
    t->ecap = t->wcap;
    t->words = calloc(t->wcap, sizeof(*t->words));
    t->spelling = calloc(t->wcap, sizeof(*t->spelling));
    t->edges = calloc(t->ecap, sizeof(*t->edges));
    t->series_of = malloc((t->ecap + 1) * sizeof(*t->series_of));
    t->series = calloc(lines + 1, sizeof(*t->series));
    if (t->words == NULL || t->spelling == NULL || t->edges == NULL ||
        t->series_of == NULL || t->series == NULL)
        goto nomem;
    for (i = 0; i <= t->ecap; i++)
        t->series_of[i] = -1;
    snprintf(path, sizeof(path), "%s/title-variants.tsv", lang);
    if (dipx_dict_read_list(d, path, 0, 1, &t->variants, err) < 0)
        goto fail;
    snprintf(path, sizeof(path), "%s/title-cues.txt", lang);
    if (dipx_dict_read_list(d, path, 0, 0, &t->cues, err) < 0)
        goto fail;
    /* A variant is interned under the id of its usual form. */
    for (i = 0; i < t->variants.n; i++) {
        const char *from = t->variants.key[i], *to = t->variants.val[i];
        long id = word_id(t, to, strlen(to), 1);
        size_t k = hash_str(from, strlen(from)) & (t->wcap - 1);

        if (id < 0)
            goto nomem;
        while (t->words[k].w != NULL && strcmp(t->words[k].w, from) != 0)
            k = (k + 1) & (t->wcap - 1);
        if (t->words[k].w == NULL) {
            if (2 * (t->used + 1) > t->wcap ||
                (t->words[k].w = strdup(from)) == NULL)
                goto nomem;
            t->used++;
        }
        t->words[k].id = (unsigned)id;
    }
    while (dipx_dict_next_line(&text, &pos, &line, &len, &lineno)) {
        const char *tab = memchr(line, '\t', len);

        if (add_title(t, line, tab ? (size_t)(tab - line) : len) < 0)
            goto nomem;
    }
    dipx_buf_free(&text);
    return t;
nomem:
    dipx_error_set(err, DIPX_ENOMEM, "out of memory");
fail:
    dipx_buf_free(&text);
    dipx_titles_free(t);
    return NULL;
}

/* Is the title at byte A introduced: by an opening quote, a cue word, or
 * a symbol just before it? */
static int
introduced(const struct dipx_titles *t, const char *text, size_t a,
           int (*after_symbol)(size_t, void *), void *ctx)
{
    size_t i = a, k;

    while (i > 0 && text[i - 1] == ' ')
        i--;
    if (i > 0 && (text[i - 1] == '"' || text[i - 1] == '\''))
        return 1;
    if (i >= 2 && (unsigned char)text[i - 2] == 0xC2 &&
        (unsigned char)text[i - 1] == 0xAB)         /* « */
        return 1;
    if (after_symbol != NULL && after_symbol(i, ctx))
        return 1;
    for (k = 0; k < t->cues.n; k++) {
        const char *cue = t->cues.key[k];
        size_t n = strlen(cue);

        if (i >= n && strncasecmp(text + i - n, cue, n) == 0 &&
            (i == n || text[i - n - 1] == ' ' || text[i - n - 1] == '\n'))
            return 1;
        if (i >= n + 1 && text[i - 1] == ':' &&
            strncasecmp(text + i - n - 1, cue, n) == 0)
            return 1;
    }
    return 0;
}

int
dipx_titles_next(struct dipx_titles *t, const char *text, size_t len,
                 size_t *pos, int (*after_symbol)(size_t, void *),
                 void *ctx, struct dipx_title_hit *hit)
{
    struct dipx_buf w = DIPX_BUF_INIT;
    size_t p = *pos, a, b;
    int found = 0;

    while (!found && next_word(text, len, &p, &w, &a, &b)) {
        size_t q = p, words = 0, x, y, best_end = 0, best_words = 0;
        long node = 0, best = -1;
        long id = lookup(t, &w, 0);

        x = a;
        y = b;
        while (id >= 0 && (node = child(t, (unsigned)node,
                                        (unsigned)id)) > 0) {
            words++;
            if (t->series_of[node] >= 0) {
                best = t->series_of[node];
                best_end = y;
                best_words = words;
            }
            if (!next_word(text, len, &q, &w, &x, &y))
                break;
            id = lookup(t, &w, 0);
        }
        if (best >= 0 && (best_words >= LONG_TITLE ||
                          introduced(t, text, a, after_symbol, ctx))) {
            hit->start = a;
            hit->end = best_end;
            hit->series = t->series[best];
            p = best_end;
            found = 1;
        }
    }
    dipx_buf_free(&w);
    *pos = p;
    return found;
}
