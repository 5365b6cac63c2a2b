/*
 * votes.c - vote results, support figures and sponsorship (votes.h).
 *
 * One pass of the language's combined vote pattern over the text; each
 * match is placed in its sentence and paragraph (the structure layer),
 * and given:
 *   body:    the most specific body the sentence names (a Main Committee
 *            over the Assembly), else the one the subject's symbol implies
 *            (a resolution is adopted in plenary), else the nearest
 *            sentence before it in the paragraph that names one;
 *   subject: the symbol in the sentence (the last one before the figures,
 *            else the first after), else the last symbol or title before
 *            it in the paragraph; a title when no symbol is known;
 *            subject="unknown" rather than a guess.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <utf8proc.h>

#include "dipx/buf.h"
#include "dipx/lang.h"
#include "dipx/pattern.h"
#include "dipx/votes.h"

#define MAX_LANGS DIPX_LANG_MAX
#define MAX_MEMBERS 200         /* figures of one vote add up to no more */

struct numword {
    char *w;
    int v;
};

struct body {
    char *phrase;
    char code[8];
};

struct langdata {
    char lang[16];
    struct dipx_patset *set;
    struct numword *nums;
    size_t nnums;
    struct body *bodies;
    size_t nbodies;
    struct dipx_dict_list joiners;
    struct dipx_dict_list lists;    /* labels of country lists, roles */
    char **states;                  /* member-state names and aliases,
                                       lower case, sorted */
    size_t nstates;
};

/* A span of the document in code points, with what it carries. */
struct span {
    size_t start, end;
    const char *id, *canonical, *family, *title, *code;
};

struct spans {
    struct span *v;
    size_t n, cap;
};

struct ctx {
    struct langdata l[MAX_LANGS];
    size_t nlang;
    struct dipx_dict_list fam;  /* common/families.tsv */
    struct spans para, sent, sym, mention;
    struct dipx_buf val;
};

static int
push(struct spans *s, const struct span *x)
{
    if (s->n == s->cap) {
        size_t ncap = s->cap ? 2 * s->cap : 64;
        struct span *v = realloc(s->v, ncap * sizeof(*v));

        if (v == NULL)
            return DIPX_ENOMEM;
        s->v = v;
        s->cap = ncap;
    }
    s->v[s->n++] = *x;
    return 0;
}

/* ---- dictionaries ---------------------------------------------------- */

static int
read_list(struct dipx_dict *d, const char *lang, const char *name, int pairs,
          struct dipx_dict_list *out, struct dipx_error *err)
{
    char path[128];

    snprintf(path, sizeof(path), "%s/%s", lang, name);
    return dipx_dict_read_list(d, path, 0, pairs, out, err) < 0 ? -1 : 0;
}

static int
cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int lower(const char *s, size_t n, struct dipx_buf *out);

/* The names a country list may give: the voting records' own (upper case
 * in reference/member-states.tsv) and the language's aliases, compared in
 * lower case. */
static int
load_states(struct langdata *ld, struct dipx_dict *d, struct dipx_error *err)
{
    struct dipx_dict_list ref, alias;
    struct dipx_buf tmp = DIPX_BUF_INIT;
    char path[128];
    size_t i, n;
    int rc = 0;

    snprintf(path, sizeof(path), "%s/state-aliases.tsv", ld->lang);
    if (dipx_dict_read_list(d, "reference/member-states.tsv", 1, 1, &ref,
                            err) < 0 ||
        dipx_dict_read_list(d, path, 0, 1, &alias, err) < 0) {
        dipx_dict_list_free(&ref);
        return err->code;
    }
    n = ref.n + alias.n;
    ld->states = calloc(n ? n : 1, sizeof(*ld->states));
    for (i = 0; ld->states != NULL && i < n && rc == 0; i++) {
        const char *name = i < ref.n ? ref.key[i] : alias.key[i - ref.n];

        if (lower(name, strlen(name), &tmp) < 0 ||
            (ld->states[i] = strdup(tmp.data ? tmp.data : "")) == NULL)
            rc = DIPX_ENOMEM;
        else
            ld->nstates++;
    }
    if (ld->states == NULL)
        rc = DIPX_ENOMEM;
    if (rc == 0 && ld->nstates > 1)
        qsort(ld->states, ld->nstates, sizeof(*ld->states), cmp_str);
    dipx_buf_free(&tmp);
    dipx_dict_list_free(&ref);
    dipx_dict_list_free(&alias);
    return rc < 0 ? dipx_error_set(err, rc, "out of memory") : 0;
}

static int
load_lang(struct langdata *ld, struct dipx_dict *d, struct dipx_error *err)
{
    struct dipx_dict_list nums, bodies;
    size_t i;
    int rc;

    ld->set = dipx_patset_load(d, "votes", ld->lang, err);
    if (ld->set == NULL)
        return err->code ? err->code : DIPX_EDICT;
    if (read_list(d, ld->lang, "numbers.tsv", 1, &nums, err) < 0 ||
        read_list(d, ld->lang, "bodies.tsv", 1, &bodies, err) < 0 ||
        read_list(d, ld->lang, "number-joiners.txt", 0, &ld->joiners,
                  err) < 0 ||
        read_list(d, ld->lang, "vote-lists.tsv", 1, &ld->lists, err) < 0 ||
        load_states(ld, d, err) < 0) {
        dipx_dict_list_free(&nums);
        dipx_dict_list_free(&bodies);
        return err->code;
    }
    ld->nums = calloc(nums.n ? nums.n : 1, sizeof(*ld->nums));
    ld->bodies = calloc(bodies.n ? bodies.n : 1, sizeof(*ld->bodies));
    rc = ld->nums && ld->bodies ? 0 : DIPX_ENOMEM;
    for (i = 0; rc == 0 && i < nums.n; i++) {
        ld->nums[i].w = nums.key[i];
        ld->nums[i].v = atoi(nums.val[i]);
        nums.key[i] = NULL;     /* taken */
    }
    ld->nnums = rc == 0 ? nums.n : 0;
    for (i = 0; rc == 0 && i < bodies.n; i++) {
        ld->bodies[i].phrase = bodies.key[i];
        snprintf(ld->bodies[i].code, sizeof(ld->bodies[i].code), "%s",
                 bodies.val[i]);
        bodies.key[i] = NULL;
    }
    ld->nbodies = rc == 0 ? bodies.n : 0;
    dipx_dict_list_free(&nums);
    dipx_dict_list_free(&bodies);
    return rc < 0 ? dipx_error_set(err, rc, "out of memory") : 0;
}

static void
ctx_free(void *p)
{
    struct ctx *c = p;
    size_t i, k;

    if (c == NULL)
        return;
    for (i = 0; i < c->nlang; i++) {
        dipx_patset_free(c->l[i].set);
        for (k = 0; k < c->l[i].nnums; k++)
            free(c->l[i].nums[k].w);
        for (k = 0; k < c->l[i].nbodies; k++)
            free(c->l[i].bodies[k].phrase);
        dipx_dict_list_free(&c->l[i].joiners);
        dipx_dict_list_free(&c->l[i].lists);
        for (k = 0; k < c->l[i].nstates; k++)
            free(c->l[i].states[k]);
        free(c->l[i].states);
        free(c->l[i].nums);
        free(c->l[i].bodies);
    }
    dipx_dict_list_free(&c->fam);
    free(c->para.v);
    free(c->sent.v);
    free(c->sym.v);
    free(c->mention.v);
    dipx_buf_free(&c->val);
    free(c);
}

static void *
ctx_new(struct dipx_dict *d, struct dipx_error *err)
{
    struct ctx *c = calloc(1, sizeof(*c));
    struct dipx_langs langs;
    size_t i;

    if (c == NULL) {
        dipx_error_set(err, DIPX_ENOMEM, "out of memory");
        return NULL;
    }
    if (dipx_dict_languages(d, &langs, err) < 0 ||
        read_list(d, "common", "families.tsv", 1, &c->fam, err) < 0)
        goto fail;
    for (i = 0; i < langs.n && i < MAX_LANGS; i++) {
        memcpy(c->l[i].lang, langs.code[i], sizeof(c->l[i].lang));
        c->nlang = i + 1;
        if (load_lang(&c->l[i], d, err) < 0)
            goto fail;
    }
    return c;
fail:
    ctx_free(c);
    return NULL;
}

/* ---- reading figures ------------------------------------------------- */

/* Lower-cases S into OUT (any script).  Returns 0 or DIPX_ENOMEM. */
static int
lower(const char *s, size_t n, struct dipx_buf *out)
{
    size_t i = 0;

    dipx_buf_reset(out);
    while (i < n) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t l = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(n - i), &cp);

        if (l <= 0)
            return DIPX_EINPUT;
        if (dipx_buf_put_cp(out, (uint32_t)utf8proc_tolower(cp)) < 0)
            return DIPX_ENOMEM;
        i += (size_t)l;
    }
    return dipx_buf_reserve(out, 0);
}

static int
is_joiner(const struct langdata *ld, const char *w, size_t n)
{
    size_t i;

    for (i = 0; i < ld->joiners.n; i++)
        if (strlen(ld->joiners.key[i]) == n &&
            strncmp(ld->joiners.key[i], w, n) == 0)
            return 1;
    return 0;
}

static int
word_value(const struct langdata *ld, const char *w, size_t n)
{
    size_t i;

    for (i = 0; i < ld->nnums; i++)
        if (strlen(ld->nums[i].w) == n && strncmp(ld->nums[i].w, w, n) == 0)
            return ld->nums[i].v;
    return -1;
}

/*
 * The value of a figure as written: digits, or number words added up
 * ("twenty-three"), a hundred multiplying what came before ("one hundred
 * and nine"); joining words (<lang>/number-joiners.txt) skipped.  -1 when
 * it is not a number.
 */
static long
figure(const struct langdata *ld, const char *s, struct dipx_buf *tmp)
{
    size_t i = 0, n = strlen(s);
    long v = 0;
    int words = 0;

    if (n > 0 && s[0] >= '0' && s[0] <= '9')
        return strtol(s, NULL, 10);
    if (lower(s, n, tmp) < 0)
        return -1;
    s = tmp->data;
    n = tmp->len;
    /* The whole text first: entries of several words ("ни одного"). */
    if ((v = word_value(ld, s, n)) >= 0)
        return v;
    v = 0;
    while (i < n) {
        size_t k = i;
        int w;

        while (k < n && s[k] != ' ' && s[k] != '-' && s[k] != '\n')
            k++;
        if (k > i && !is_joiner(ld, s + i, k - i)) {
            if ((w = word_value(ld, s + i, k - i)) < 0)
                return -1;
            v = w == 100 ? (v ? v : 1) * 100 : v + w;
            words++;
        }
        i = k + 1;
    }
    return words > 0 ? v : -1;
}

/* ---- the document around a match ------------------------------------- */

static int
rank(const char *code)
{
    if (code == NULL)
        return 0;
    if (code[0] == 'C' && code[1] >= '1' && code[1] <= '6')
        return 3;               /* a Main Committee: the most specific */
    return strcmp(code, "GA") == 0 ? 1 : 2;
}

static int
cmp_span(const void *a, const void *b)
{
    const struct span *x = a, *y = b;

    return x->start < y->start ? -1 : x->start > y->start;
}

/* By start, and the longer of two that start together first. */
static int
cmp_outer(const void *a, const void *b)
{
    const struct span *x = a, *y = b;

    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return x->end > y->end ? -1 : x->end < y->end;
}

/* Paragraphs, sentences, and the symbols and titles a vote can be about. */
static int
gather(struct ctx *c, const struct dipx_doc *doc)
{
    const struct dipx_layer *st = dipx_doc_layer(doc, "structure");
    const struct dipx_layer *sy = dipx_doc_layer(doc, "symbols");
    size_t i;

    c->para.n = c->sent.n = c->sym.n = 0;
    for (i = 0; st != NULL && i < st->nelems; i++) {
        const struct dipx_elem *e = &st->elems[i];
        struct span x = {0, 0, NULL, NULL, NULL, NULL, NULL};
        struct spans *to = !strcmp(e->name, "p") ? &c->para
                           : !strcmp(e->name, "s") ? &c->sent : NULL;

        if (to == NULL || dipx_elem_get_size(e, "start", &x.start) < 0 ||
            dipx_elem_get_size(e, "end", &x.end) < 0)
            continue;
        if (push(to, &x) < 0)
            return DIPX_ENOMEM;
    }
    for (i = 0; sy != NULL && i < sy->nelems; i++) {
        const struct dipx_elem *e = &sy->elems[i];
        struct span x = {0, 0, NULL, NULL, NULL, NULL, NULL};
        const char *kind = dipx_elem_get(e, "kind");
        const char *fam = dipx_elem_get(e, "family");
        size_t fl = fam ? strlen(fam) : 0;

        if (dipx_elem_get_size(e, "start", &x.start) < 0 ||
            dipx_elem_get_size(e, "end", &x.end) < 0)
            continue;
        x.id = dipx_elem_get(e, "id");
        if (!strcmp(e->name, "symbol")) {
            /* Press releases and meeting records are not what is voted. */
            if ((kind && strcmp(kind, "press") == 0) ||
                (fl >= 3 && (!strcmp(fam + fl - 3, "/PV") ||
                             !strcmp(fam + fl - 3, "/SR"))))
                continue;
            x.canonical = dipx_elem_get(e, "canonical");
            x.family = fam;
        } else if (!strcmp(e->name, "title") &&
                   dipx_elem_get(e, "of") == NULL) {
            x.title = e->text;  /* its symbol, when it has one, stands */
        } else {
            continue;
        }
        if (push(&c->sym, &x) < 0)
            return DIPX_ENOMEM;
    }
    /* qsort wants an array, even an empty one */
    if (c->sym.n > 1)
        qsort(c->sym.v, c->sym.n, sizeof(*c->sym.v), cmp_span);
    if (c->para.n > 1)
        qsort(c->para.v, c->para.n, sizeof(*c->para.v), cmp_span);
    if (c->sent.n > 1)
        qsort(c->sent.v, c->sent.n, sizeof(*c->sent.v), cmp_span);
    return 0;
}

/* Where the bodies of the language are named, in code points. */
static int
mentions(struct ctx *c, const struct langdata *ld, const struct dipx_doc *doc)
{
    struct dipx_cpcursor cur = {doc->text, 0, 0};
    size_t i;

    c->mention.n = 0;
    for (i = 0; i < ld->nbodies; i++) {
        const char *ph = ld->bodies[i].phrase, *p = doc->text;
        size_t n = strlen(ph);

        while ((p = strstr(p, ph)) != NULL) {
            size_t b = (size_t)(p - doc->text);
            unsigned char after = (unsigned char)p[n];
            struct span x = {0, 0, NULL, NULL, NULL, NULL,
                             ld->bodies[i].code};

            /* whole words: not "Assembly" in "Assemblyman" */
            if ((b == 0 || !((unsigned char)p[-1] >= 'A' &&
                             (p[-1] | 0x20) >= 'a' && (p[-1] | 0x20) <= 'z')) &&
                !(((after | 0x20) >= 'a' && (after | 0x20) <= 'z'))) {
                x.start = b;        /* bytes for now */
                x.end = b + n;
                if (push(&c->mention, &x) < 0)
                    return DIPX_ENOMEM;
            }
            p += n;
        }
    }
    /* "First Committee of the General Assembly" is one mention: sorted by
     * start, longest first, a mention that ends within one before it is
     * part of it. */
    if (c->mention.n > 1)
        qsort(c->mention.v, c->mention.n, sizeof(*c->mention.v), cmp_outer);
    {
        size_t k = 0, maxend = 0;

        for (i = 0; i < c->mention.n; i++) {
            if (k > 0 && c->mention.v[i].end <= maxend)
                continue;
            maxend = c->mention.v[i].end;
            c->mention.v[k++] = c->mention.v[i];
        }
        c->mention.n = k;
    }
    for (i = 0; i < c->mention.n; i++) {     /* bytes to code points */
        c->mention.v[i].start = dipx_cpcursor_at(&cur, c->mention.v[i].start);
        c->mention.v[i].end = dipx_cpcursor_at(&cur, c->mention.v[i].end);
    }
    return 0;
}

/* The index of the first span of S (sorted by start) that starts at or
 * after P, or S->n. */
static size_t
first_from(const struct spans *s, size_t p)
{
    size_t lo = 0, hi = s->n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (s->v[mid].start < p)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The index of the span of S that holds code point P, or -1. */
static long
holding(const struct spans *s, size_t p)
{
    size_t lo = 0, hi = s->n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (s->v[mid].start <= p)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo > 0 && p < s->v[lo - 1].end ? (long)lo - 1 : -1;
}

/* The most specific body named in [A, B). */
static const char *
named_in(const struct ctx *c, size_t a, size_t b)
{
    const char *best = NULL;
    size_t i;

    for (i = first_from(&c->mention, a);
         i < c->mention.n && c->mention.v[i].start < b; i++) {
        const struct span *m = &c->mention.v[i];

        if (m->end <= b && rank(m->code) > rank(best))
            best = m->code;
    }
    return best;
}

static const char *
family_body(const struct ctx *c, const char *family)
{
    size_t i, best = 0;
    const char *code = NULL;

    for (i = 0; family != NULL && i < c->fam.n; i++) {
        size_t n = strlen(c->fam.key[i]);

        if (n > best && strncmp(family, c->fam.key[i], n) == 0 &&
            (family[n] == '\0' || family[n] == '/')) {
            best = n;
            code = c->fam.val[i];
        }
    }
    return code;
}

/* The subject of a vote at [A, B): see the top of the file; a symbol
 * inside the vote's own words comes first. */
static const struct span *
subject(const struct ctx *c, size_t a, size_t b, long s, long p)
{
    const struct span *before = NULL, *after = NULL;
    size_t sa = s >= 0 ? c->sent.v[s].start : a;
    size_t se = s >= 0 ? c->sent.v[s].end : b;
    size_t pa = p >= 0 ? c->para.v[p].start : sa;
    size_t i = first_from(&c->sym, a), k;

    /* named inside the vote's own words: "109 States voted in favour of
     * resolution A/RES/73/27, with 46 voting against" */
    for (k = i; k < c->sym.n && c->sym.v[k].start < b; k++)
        if (c->sym.v[k].end <= b)
            return &c->sym.v[k];
    /* the last one before, in the paragraph */
    for (k = i; k-- > 0 && c->sym.v[k].start >= pa;)
        if (c->sym.v[k].end <= a) {
            before = &c->sym.v[k];
            break;
        }
    for (k = first_from(&c->sym, b); k < c->sym.n && after == NULL; k++)
        if (c->sym.v[k].start < se)
            after = &c->sym.v[k];
        else
            break;
    if (before != NULL && before->start >= sa)
        return before;
    if (after != NULL)
        return after;
    return before;
}

/* The mention nearest before code point B, not before A, or NULL. */
static const char *
last_named(const struct ctx *c, size_t a, size_t b)
{
    const char *code = NULL;
    size_t i;

    for (i = first_from(&c->mention, a);
         i < c->mention.n && c->mention.v[i].start < b; i++)
        if (c->mention.v[i].end <= b)
            code = c->mention.v[i].code;
    return code;
}

/*
 * The body of a vote at [A, B) in sentence S of paragraph P: the body the
 * sentence names nearest before the figures ("on the recommendation of
 * its First Committee, the General Assembly adopted ... by 162 votes" is
 * GA; "the First Committee of the General Assembly approved" is one
 * mention, C1); else the one the subject's symbol implies (a resolution
 * is adopted in plenary); else the most specific one of the nearest
 * sentence before it in the paragraph that names one; else the most
 * specific one of the document's first paragraph (its headline: "Human
 * Rights Council adopts six resolutions"); else one the sentence names
 * after the figures.  NULL when the text says nothing.
 */
static const char *
body_of(const struct ctx *c, size_t a, size_t b, long s, long p,
        const struct span *subj)
{
    size_t sa = s >= 0 ? c->sent.v[s].start : a;
    size_t se = s >= 0 ? c->sent.v[s].end : b;
    size_t pa = p >= 0 ? c->para.v[p].start : sa;
    const char *code;
    long i, k;

    if ((code = last_named(c, sa, a)) != NULL)
        return code;
    if (subj != NULL && (code = family_body(c, subj->family)) != NULL)
        return code;
    for (i = (long)first_from(&c->mention, sa) - 1; i >= 0; i--) {
        if (c->mention.v[i].end > sa)
            continue;
        if (c->mention.v[i].start < pa)
            break;
        k = holding(&c->sent, c->mention.v[i].start);
        return k < 0 ? c->mention.v[i].code
                     : named_in(c, c->sent.v[k].start, c->sent.v[k].end);
    }
    if (c->para.n > 0 && p > 0 &&
        (code = named_in(c, c->para.v[0].start, c->para.v[0].end)) != NULL)
        return code;
    return named_in(c, b, se);
}

/* ---- the layer ------------------------------------------------------- */

struct emitted {
    const char *type, *mode, *yes, *no, *abstain, *qualifier, *count, *lead;
    const char *body;
};

static int
read_emits(struct ctx *c, struct dipx_patset *ps, struct dipx_doc *doc,
           size_t rule, struct emitted *em)
{
    size_t i, n = dipx_patset_nemit(ps, rule);

    memset(em, 0, sizeof(*em));
    for (i = 0; i < n; i++) {
        const char *key, *v;
        const char **slot;

        if (dipx_patset_emit(ps, doc->text, rule, i, &key, &c->val) < 0)
            return DIPX_ENOMEM;
        slot = !strcmp(key, "type") ? &em->type
               : !strcmp(key, "mode") ? &em->mode
               : !strcmp(key, "yes") ? &em->yes
               : !strcmp(key, "no") ? &em->no
               : !strcmp(key, "abstain") ? &em->abstain
               : !strcmp(key, "qualifier") ? &em->qualifier
               : !strcmp(key, "count") ? &em->count
               : !strcmp(key, "lead") ? &em->lead
               : !strcmp(key, "body") ? &em->body : NULL;
        if (slot == NULL || c->val.len == 0)
            continue;
        if ((v = dipx_doc_strdup(doc, c->val.data)) == NULL)
            return DIPX_ENOMEM;
        *slot = v;
    }
    return 0;
}

/* Sets figure attribute NAME from the text as written; 1 when it is not
 * a number (the match is then not a vote). */
static int
set_figure(struct ctx *c, const struct langdata *ld, struct dipx_doc *doc,
           struct dipx_elem *e, const char *name, const char *text,
           long *value)
{
    struct dipx_buf tmp = DIPX_BUF_INIT;
    long v = figure(ld, text, &tmp);

    dipx_buf_free(&tmp);
    (void)c;
    if (v < 0)
        return 1;
    *value = v;
    return dipx_elem_set_int(doc, e, name, v) < 0 ? DIPX_ENOMEM : 0;
}

static int
set_subject(struct dipx_doc *doc, struct dipx_elem *e, const struct span *x)
{
    if (x == NULL)
        return dipx_elem_set(doc, e, "subject", "unknown");
    if (dipx_elem_set(doc, e, "subj", x->id) < 0)
        return DIPX_ENOMEM;
    if (x->canonical != NULL)
        return dipx_elem_set(doc, e, "ref", x->canonical);
    return x->title ? dipx_elem_set(doc, e, "title", x->title) : 0;
}

/* One match: a <vote> or <sponsors>, or nothing when its figures are not
 * figures of a vote (more votes than members). */
static int
add_claim(struct ctx *c, const struct langdata *ld, struct dipx_doc *doc,
          struct dipx_layer *l, const struct emitted *em, size_t a, size_t b,
          size_t *nv, size_t *np)
{
    int sponsors = em->type && !strcmp(em->type, "sponsors");
    long s = holding(&c->sent, a), p = holding(&c->para, a);
    const struct span *subj = subject(c, a, b, s, p);
    const char *body = em->body ? em->body : body_of(c, a, b, s, p, subj);
    struct dipx_elem *e;
    long y = 0, n = 0, ab = 0, count = 0;
    size_t mark = l->nelems;
    char id[32];
    int rc = 0;

    snprintf(id, sizeof(id), sponsors ? "p%zu" : "v%zu",
             (sponsors ? *np : *nv) + 1);
    if ((e = dipx_layer_add(doc, l, sponsors ? "sponsors" : "vote")) == NULL ||
        dipx_elem_set(doc, e, "id", id) < 0 ||
        dipx_elem_set_int(doc, e, "start", (int64_t)a) < 0 ||
        dipx_elem_set_int(doc, e, "end", (int64_t)b) < 0 ||
        (!sponsors && em->mode && dipx_elem_set(doc, e, "mode", em->mode) < 0) ||
        (!sponsors && body && dipx_elem_set(doc, e, "body", body) < 0) ||
        set_subject(doc, e, subj) < 0)
        return DIPX_ENOMEM;
    if (sponsors) {
        if ((em->count &&
             (rc = set_figure(c, ld, doc, e, "count", em->count, &count))) ||
            (em->lead && dipx_elem_set(doc, e, "lead", em->lead) < 0) ||
            /* "Russia in collaboration with 32 states": 33 in all */
            (em->lead && em->qualifier == NULL &&
             dipx_elem_set_int(doc, e, "total", count + 1) < 0))
            rc = rc ? rc : DIPX_ENOMEM;
    } else {
        if (em->yes)
            rc = set_figure(c, ld, doc, e, "yes", em->yes, &y);
        if (rc == 0 && em->no)
            rc = set_figure(c, ld, doc, e, "no", em->no, &n);
        if (rc == 0 && em->abstain)
            rc = set_figure(c, ld, doc, e, "abstain", em->abstain, &ab);
        if (rc == 0 && y + n + ab > MAX_MEMBERS)
            rc = 1;
    }
    if (rc == 0 && em->qualifier &&
        dipx_elem_set(doc, e, "qualifier", em->qualifier) < 0)
        rc = DIPX_ENOMEM;
    if (rc == 1) {
        l->nelems = mark;       /* not a vote after all */
        return 0;
    }
    if (rc == 0)
        ++*(sponsors ? np : nv);
    return rc;
}

/* 1 when the N bytes at S, trimmed and lower-cased, name a member state. */
static int
is_state(const struct langdata *ld, const char *s, size_t n,
         struct dipx_buf *tmp)
{
    const char *key;

    while (n > 0 && (*s == ' ' || *s == '\n')) {
        s++;
        n--;
    }
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\n'))
        n--;
    if (n == 0 || ld->nstates == 0 || lower(s, n, tmp) < 0)
        return 0;
    key = tmp->data;
    return bsearch(&key, ld->states, ld->nstates, sizeof(char *),
                   cmp_str) != NULL;
}

/* The member states the N bytes of one list item name: one ("Antigua and
 * Barbuda"), or those its joining words separate ("Albania and Algeria"). */
static size_t
item_states(const struct langdata *ld, const char *s, size_t n,
            struct dipx_buf *tmp)
{
    size_t i, k, start = 0, count = 0;

    if (is_state(ld, s, n, tmp))
        return 1;
    for (i = 0; i < n; i++) {
        for (k = 0; k < ld->joiners.n; k++) {
            size_t w = strlen(ld->joiners.key[k]);

            if (s[i] == ' ' && i + w + 2 <= n &&
                strncmp(s + i + 1, ld->joiners.key[k], w) == 0 &&
                s[i + 1 + w] == ' ') {
                count += is_state(ld, s + start, i - start, tmp);
                start = i + w + 2;
                break;
            }
        }
    }
    return start > 0 ? count + is_state(ld, s + start, n - start, tmp) : 0;
}

/* Counts the member states of the list after byte B, up to its end: a
 * period, a closing bracket, a blank line, or the next "Label:". */
static size_t
count_states(const struct langdata *ld, const char *text, size_t b,
             struct dipx_buf *tmp)
{
    size_t n = 0, i = b;

    for (;;) {
        size_t len = strcspn(text + i, ",;.)\n");
        char stop = text[i + len];

        if (memchr(text + i, ':', len) != NULL)
            break;              /* the next list's label */
        n += item_states(ld, text + i, len, tmp);
        i += len;
        if (stop == '\0' || stop == '.' || stop == ')' ||
            (stop == '\n' && text[i + 1] == '\n'))
            break;
        i++;                    /* past the separator */
    }
    return n;
}

/* Country lists given with a recorded vote ("In favour: Afghanistan,
 * Albania, ..."): counted against the member states, kept beside the
 * stated figures on the vote before them (listed-yes, listed-no,
 * listed-abstain). */
static int
country_lists(const struct langdata *ld, struct dipx_doc *doc,
              struct dipx_layer *l)
{
    struct dipx_buf tmp = DIPX_BUF_INIT;
    size_t i, k;
    int rc = 0;

    for (i = 0; i < ld->lists.n && rc == 0; i++) {
        const char *label = ld->lists.key[i], *p = doc->text;
        /* a label's places come in text order: one pass over the text */
        struct dipx_cpcursor cur = {doc->text, 0, 0};
        size_t n = strlen(label);

        while (rc == 0 && (p = strstr(p, label)) != NULL) {
            size_t b = (size_t)(p - doc->text) + n, cp, best = l->nelems;
            char attr[32];

            p += n;
            while (doc->text[b] == ' ')
                b++;
            if (doc->text[b] != ':')
                continue;
            cp = dipx_cpcursor_at(&cur, b);
            for (k = 0; k < l->nelems; k++) {
                size_t end;
                const char *mode = dipx_elem_get(&l->elems[k], "mode");

                if (strcmp(l->elems[k].name, "vote") == 0 && mode &&
                    strcmp(mode, "recorded") == 0 &&
                    dipx_elem_get_size(&l->elems[k], "end", &end) == 0 &&
                    end <= cp)
                    best = k;
            }
            if (best == l->nelems)
                continue;
            snprintf(attr, sizeof(attr), "listed-%s", ld->lists.val[i]);
            if (dipx_elem_get(&l->elems[best], attr) == NULL &&
                dipx_elem_set_int(doc, &l->elems[best], attr, (int64_t)
                                  count_states(ld, doc->text, b + 1,
                                               &tmp)) < 0)
                rc = DIPX_ENOMEM;
        }
    }
    dipx_buf_free(&tmp);
    return rc;
}

static int
run(void *p, struct dipx_doc *doc, struct dipx_layer *l, const char *lang,
    struct dipx_error *err)
{
    struct ctx *c = p;
    const struct langdata *ld = NULL;
    struct dipx_cpcursor cur = {doc->text, 0, 0};
    struct dipx_match m;
    struct emitted em;
    size_t i, from = 0, nv = 0, np = 0;
    int rc;

    for (i = 0; lang != NULL && i < c->nlang && ld == NULL; i++)
        if (dipx_lang_matches(c->l[i].lang, lang))
            ld = &c->l[i];
    if (ld == NULL)
        return 0;               /* no vote patterns for this language */
    if (gather(c, doc) < 0 || mentions(c, ld, doc) < 0)
        return dipx_error_set(err, DIPX_ENOMEM, "out of memory");
    while ((rc = dipx_patset_next(ld->set, doc->text, doc->text_len, from,
                                  &m, err)) > 0) {
        if (m.end > m.start) {
            size_t a = dipx_cpcursor_at(&cur, m.start);
            size_t b = dipx_cpcursor_at(&cur, m.end);

            if (read_emits(c, ld->set, doc, m.rule, &em) < 0 ||
                add_claim(c, ld, doc, l, &em, a, b, &nv, &np) < 0)
                return dipx_error_set(err, DIPX_ENOMEM, "out of memory");
        }
        from = dipx_patset_after(doc->text, doc->text_len, &m);
        if (from >= doc->text_len)
            break;
    }
    if (rc < 0)
        return rc;
    if (country_lists(ld, doc, l) < 0)
        return dipx_error_set(err, DIPX_ENOMEM, "out of memory");
    return 0;
}

const struct dipx_stage dipx_votes_stage = {
    "votes", DIPX_VOTES_VERSION, "structure symbols",
    "Finds how UN texts were voted: recorded votes, adoption without a vote,\n"
    "support figures and sponsorship counts, with body and subject.",
    ctx_new, run, ctx_free,
};

int
dipx_votes_main(int argc, char **argv, FILE *out, FILE *errf)
{
    return dipx_stage_main(&dipx_votes_stage, argc, argv, out, errf);
}
