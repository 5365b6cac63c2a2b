/* lang.c - language detection from function words (lang.h). */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <utf8proc.h>

#include "dipx/buf.h"
#include "dipx/lang.h"
#include "dipx/utf8.h"

#define LANG_MAX DIPX_LANG_MAX
#define LANG_SCAN 65536

struct word {
    char *w;
    unsigned lang;              /* index into the language table */
};

struct dipx_lang {
    char code[LANG_MAX][16];
    int cyrillic[LANG_MAX];
    size_t nlang;
    struct word *words;
    size_t nwords;
};

static int
cmp_word(const void *a, const void *b)
{
    return strcmp(((const struct word *)a)->w, ((const struct word *)b)->w);
}

static int
load_words(struct dipx_lang *l, struct dipx_dict *d, unsigned k,
           struct dipx_error *err)
{
    struct dipx_dict_list list;
    char path[64];
    struct word *v;
    size_t i;

    snprintf(path, sizeof(path), "%s/stopwords.txt", l->code[k]);
    if (dipx_dict_read_list(d, path, 1, 0, &list, err) < 0) {
        dipx_dict_list_free(&list);
        return err->code;
    }
    v = realloc(l->words, (l->nwords + list.n + 1) * sizeof(*v));
    if (v == NULL) {
        dipx_dict_list_free(&list);
        return dipx_error_set(err, DIPX_ENOMEM, "out of memory");
    }
    l->words = v;
    for (i = 0; i < list.n; i++) {
        l->words[l->nwords].w = list.key[i];
        l->words[l->nwords++].lang = k;
        list.key[i] = NULL;     /* taken */
    }
    dipx_dict_list_free(&list);
    return 0;
}

struct dipx_lang *
dipx_lang_new(struct dipx_dict *d, struct dipx_error *err)
{
    struct dipx_lang *l = calloc(1, sizeof(*l));
    struct dipx_langs langs;
    size_t i;
    int rc;

    if (l == NULL) {
        dipx_error_set(err, DIPX_ENOMEM, "out of memory");
        return NULL;
    }
    rc = dipx_dict_languages(d, &langs, err);
    for (i = 0; rc == 0 && i < langs.n && i < LANG_MAX; i++) {
        memcpy(l->code[i], langs.code[i], sizeof(l->code[i]));
        l->cyrillic[i] = strcmp(langs.script[i], "cyrillic") == 0;
        l->nlang = i + 1;
        rc = load_words(l, d, (unsigned)i, err);
    }
    if (rc < 0) {
        dipx_lang_free(l);
        return NULL;
    }
    if (l->nwords > 1)
        qsort(l->words, l->nwords, sizeof(*l->words), cmp_word);
    return l;
}

void
dipx_lang_free(struct dipx_lang *l)
{
    size_t i;

    if (l == NULL)
        return;
    for (i = 0; i < l->nwords; i++)
        free(l->words[i].w);
    free(l->words);
    free(l);
}

int
dipx_lang_matches(const char *have, const char *want)
{
    size_t n = strlen(have);

    return want != NULL && strncasecmp(have, want, n) == 0 &&
           (want[n] == '\0' || want[n] == '-');
}

int
dipx_lang_known(const struct dipx_lang *l, const char *lang)
{
    size_t i;

    for (i = 0; i < l->nlang; i++)
        if (strcmp(l->code[i], lang) == 0)
            return 1;
    return 0;
}

/* Counts a lowercased word toward the languages that list it. */
static void
score_word(const struct dipx_lang *l, const char *w, unsigned *score)
{
    struct word key = {(char *)(uintptr_t)w, 0};
    const struct word *hit = l->nwords == 0 ? NULL
                             : bsearch(&key, l->words, l->nwords,
                                       sizeof(*l->words), cmp_word);
    const struct word *p;

    if (hit == NULL)
        return;
    /* Words are unique per language, but may be in several languages. */
    for (p = hit; p > l->words && strcmp(p[-1].w, w) == 0; p--)
        ;
    for (; p < l->words + l->nwords && strcmp(p->w, w) == 0; p++)
        score[p->lang]++;
}

const char *
dipx_lang_detect(const struct dipx_lang *l, const char *text, size_t n)
{
    const unsigned char *p = (const unsigned char *)text;
    unsigned score[LANG_MAX] = {0};
    size_t i = 0, len, best = 0, second = 0, cyr = 0, latin = 0, k;
    char word[64];
    size_t wl = 0;

    if (n > LANG_SCAN)
        n = LANG_SCAN;
    while (i <= n) {
        uint32_t cp = i < n ? dipx_utf8_decode(p + i, n - i, &len) : ' ';
        int letter;

        if (i == n)
            len = 1;
        if (cp == DIPX_UTF8_INVALID)
            cp = ' ';
        if (cp < 0x80) {
            /* An apostrophe is part of a word only inside it ("don't"). */
            letter = ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') ||
                     (cp == '\'' && wl > 0);
        } else {
            utf8proc_category_t cat =
                utf8proc_category((utf8proc_int32_t)cp);

            letter = cat >= UTF8PROC_CATEGORY_LU &&
                     cat <= UTF8PROC_CATEGORY_LO;
        }
        if (letter) {
            if (cp >= 0x400 && cp <= 0x4FF)
                cyr++;
            else if (cp < 0x250)
                latin++;
            cp = (uint32_t)utf8proc_tolower((utf8proc_int32_t)cp);
            if (wl + 4 < sizeof(word))
                wl += dipx_utf8_encode(cp, (unsigned char *)word + wl);
        } else if (wl > 0) {
            word[wl] = '\0';
            score_word(l, word, score);
            wl = 0;
        }
        i += len;
    }
    for (k = 1; k < l->nlang; k++)
        if (score[k] > score[best])
            best = k;
    for (k = 0; k < l->nlang; k++)
        if (k != best && score[k] > second)
            second = score[k];
    /* Clear: a few hits, and half as many again as the runner-up. */
    if (l->nlang > 0 && score[best] >= 3 && 2 * score[best] >= 3 * second)
        return l->code[best];
    /* Few words: a text mostly in Cyrillic letters. */
    if (cyr > 20 && cyr > 4 * latin) {
        for (k = 0; k < l->nlang; k++)
            if (l->cyrillic[k])
                return l->code[k];
    }
    return NULL;
}
