/*
 * symbols.c - UN document symbols (symbols.h).
 *
 * One pass of one combined pattern per language over the text; each match
 * becomes a <symbol> whose attributes are the rule's emit pairs: the
 * canonical form (as the rule builds it), the key (the canonical form in
 * upper case, as the reference tables key symbols), and the parts.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dipx/buf.h"
#include "dipx/lang.h"
#include "dipx/pattern.h"
#include "dipx/symbols.h"
#include "titles.h"

#define MAX_LANGS DIPX_LANG_MAX

/* A symbol found in the current document: bytes, id number, and what
 * later references to it need (strings in the document's arena). */
struct found {
    size_t start, end, id;
    size_t elem;                /* its element in the layer */
    const char *canonical, *family, *session;
};

#define LEADIN_MAX 24            /* bytes of a lead-in word */

struct ctx {
    const struct dipx_dict_list *leadins;   /* of the current language */
    struct dipx_dict_list leadin[MAX_LANGS];
    char lang[MAX_LANGS][16];
    struct dipx_patset *set[MAX_LANGS];
    struct dipx_titles *titles[MAX_LANGS];  /* NULL: none for the language */
    size_t nlang;
    struct found *found;
    size_t nfound, capfound;
    struct dipx_patset *common;     /* for other languages */
    struct dipx_buf val, key;
};

static void
ctx_free(void *p)
{
    struct ctx *c = p;
    size_t i;

    if (c == NULL)
        return;
    for (i = 0; i < c->nlang; i++) {
        dipx_patset_free(c->set[i]);
        dipx_titles_free(c->titles[i]);
        dipx_dict_list_free(&c->leadin[i]);
    }
    free(c->found);
    dipx_patset_free(c->common);
    dipx_buf_free(&c->val);
    dipx_buf_free(&c->key);
    free(c);
}

static void *
ctx_new(struct dipx_dict *d, struct dipx_error *err)
{
    struct ctx *c = calloc(1, sizeof(*c));
    struct dipx_langs langs;
    char path[64];
    size_t i;
    int missing;

    if (c == NULL || dipx_dict_languages(d, &langs, err) < 0)
        goto fail;
    for (i = 0; i < langs.n && i < MAX_LANGS; i++) {
        memcpy(c->lang[i], langs.code[i], sizeof(c->lang[i]));
        c->nlang = i + 1;
        c->set[i] = dipx_patset_load(d, "symbols", c->lang[i], err);
        if (c->set[i] == NULL)
            goto fail;
        c->titles[i] = dipx_titles_load(d, c->lang[i], &missing, err);
        if (c->titles[i] == NULL && !missing)
            goto fail;
        snprintf(path, sizeof(path), "%s/symbol-lead-ins.txt", c->lang[i]);
        if (dipx_dict_read_list(d, path, 0, 0, &c->leadin[i], err) < 0)
            goto fail;
    }
    if ((c->common = dipx_patset_load(d, "symbols", NULL, err)) == NULL)
        goto fail;
    return c;
fail:
    if (c == NULL)
        dipx_error_set(err, DIPX_ENOMEM, "out of memory");
    ctx_free(c);
    return NULL;
}

/* The index of LANG among the languages, or -1. */
static long
lang_index(const struct ctx *c, const char *lang)
{
    size_t i;

    for (i = 0; lang != NULL && i < c->nlang; i++)
        if (dipx_lang_matches(c->lang[i], lang))
            return (long)i;
    return -1;
}

/* Sessions of the first thirty years are written in roman numerals
 * ("2758 (XXVI)"); the session attribute is always a number. */
static int
roman_value(const char *s)
{
    int v = 0, prev = 0, i;

    for (i = (int)strlen(s) - 1; i >= 0; i--) {
        int d = s[i] == 'I' ? 1 : s[i] == 'V' ? 5 : s[i] == 'X' ? 10
                : s[i] == 'L' ? 50 : -1;

        if (d < 0)
            return -1;
        v += d < prev ? -d : d;
        if (d > prev)
            prev = d;
    }
    return v;
}

static int
set_attr(struct dipx_doc *doc, struct dipx_elem *e, const char *key,
         const char *val)
{
    char num[16];
    int r;

    if (strcmp(key, "session") == 0 && (r = roman_value(val)) > 0) {
        snprintf(num, sizeof(num), "%d", r);
        val = num;
    }
    return dipx_elem_set(doc, e, key, val);
}

static int remember(struct ctx *c, const struct dipx_match *m, size_t id,
                    size_t elem, const char *canonical, const char *family,
                    const char *session);

/* The emit pairs of one match, expanded, in the rule's order. */
#define MAX_EMIT 24

struct emitted {
    const char *key[MAX_EMIT], *val[MAX_EMIT];
    size_t n;
};

static const char *
get(const struct emitted *em, const char *key)
{
    size_t i;

    for (i = 0; i < em->n; i++)
        if (strcmp(em->key[i], key) == 0)
            return em->val[i];
    return NULL;
}

static int
put(struct dipx_doc *doc, struct emitted *em, const char *key,
    const char *val)
{
    size_t i;

    for (i = 0; i < em->n && strcmp(em->key[i], key) != 0; i++)
        ;
    if (i == MAX_EMIT)
        return 0;
    if ((val = dipx_doc_strdup(doc, val)) == NULL)
        return DIPX_ENOMEM;
    em->key[i] = key;
    em->val[i] = val;
    em->n += i == em->n;
    return 0;
}

/* The last symbol before byte B that FAMILY_SUFFIX (NULL: any) fits and
 * that ends at most WITHIN bytes before B ((size_t)-1: any distance). */
static const struct found *
previous(const struct ctx *c, size_t b, const char *family_suffix,
         size_t within)
{
    size_t i = c->nfound;

    while (i-- > 0) {
        const struct found *f = &c->found[i];
        size_t n = f->family ? strlen(f->family) : 0, k;

        if (f->end > b || (within != (size_t)-1 && b - f->end > within))
            continue;
        k = family_suffix ? strlen(family_suffix) : 0;
        if (family_suffix == NULL ||
            (n >= k && strcmp(f->family + n - k, family_suffix) == 0))
            return f;
    }
    return NULL;
}

/* Takes the parts of symbol element FROM into EM (those EM has not set
 * itself), except its identity and the attribute SKIP. */
static int
inherit(struct dipx_doc *doc, struct emitted *em,
        const struct dipx_elem *from, const char *skip)
{
    static const char *const own[] = {"id", "start", "end", "form", "kind",
                                      "canonical", "key"};
    size_t i, k;

    for (i = 0; i < from->nattr; i++) {
        const char *key = from->attr[2 * i];
        const char *have = get(em, key);

        for (k = 0; k < sizeof(own) / sizeof(own[0]); k++)
            if (strcmp(key, own[k]) == 0)
                break;
        if (k < sizeof(own) / sizeof(own[0]) ||
            (skip && strcmp(key, skip) == 0) || (have && *have))
            continue;
        if (put(doc, em, key, from->attr[2 * i + 1]) < 0)
            return DIPX_ENOMEM;
    }
    return 0;
}

/*
 * Completes what a rule could not know from its own match: an addendum
 * ("and Add.1") is the symbol just before it with that suffix (replacing
 * a suffix of the same kind: "L.43/Add.1 and Add.2" is L.43/Add.2); a
 * draft named by its number ("draft L.27") takes the committee and
 * session of the last draft symbol before it.  Returns 1 when the match
 * is to be dropped.
 */
static int
complete(struct ctx *c, struct dipx_doc *doc, const struct dipx_layer *l,
         struct emitted *em, size_t start)
{
    const char *app = get(em, "append"), *draft = get(em, "draft");
    const char *after = get(em, "after");
    const struct found *f;
    struct dipx_buf b = DIPX_BUF_INIT;
    int rc = 0;

    /* "resolutions 73/27 and 73/266": a list goes on only right after a
     * symbol of the family it continues. */
    if (after != NULL && ((f = previous(c, start, NULL, 12)) == NULL ||
                          f->family == NULL || strcmp(f->family, after)))
        return 1;

    if (app != NULL) {
        const char *dot = strchr(app, '.'), *cut;
        char key[16];
        size_t k, base;

        if ((f = previous(c, start, NULL, 40)) == NULL || dot == NULL)
            return 1;
        for (k = 0; app + 1 + k < dot && k + 1 < sizeof(key); k++)
            key[k] = (char)(app[1 + k] | 0x20);
        key[k] = '\0';
        /* "/Add." in "A/73/L.43/Add.1": the suffix the new one replaces */
        base = strlen(f->canonical);
        cut = strstr(f->canonical, "/");
        while (cut != NULL) {
            if (strncmp(cut, app, (size_t)(dot - app) + 1) == 0)
                base = (size_t)(cut - f->canonical);
            cut = strchr(cut + 1, '/');
        }
        if (dipx_buf_printf(&b, "%.*s%s", (int)base, f->canonical, app) < 0 ||
            put(doc, em, "canonical", b.data) < 0 ||
            inherit(doc, em, &l->elems[f->elem], key) < 0 ||
            put(doc, em, dipx_doc_strdup(doc, key), dot + 1) < 0)
            rc = DIPX_ENOMEM;
    } else if (draft != NULL && (f = previous(c, start, "/L", (size_t)-1))) {
        const char *lp = strstr(f->canonical, "/L.");

        if (lp != NULL && (dipx_buf_printf(&b, "%.*s/%s",
                                           (int)(lp - f->canonical),
                                           f->canonical, draft) < 0 ||
                           put(doc, em, "canonical", b.data) < 0 ||
                           inherit(doc, em, &l->elems[f->elem], NULL) < 0))
            rc = DIPX_ENOMEM;
    }
    dipx_buf_free(&b);
    return rc;
}

/* The symbol element of the current match M of PS. */
static int
add_symbol(struct ctx *c, struct dipx_patset *ps, struct dipx_doc *doc,
           struct dipx_layer *l, const struct dipx_match *m,
           struct dipx_cpcursor *cur, size_t id)
{
    static const char *const first[] = {"form", "kind", "canonical"};
    static const char *const internal[] = {"form", "kind", "canonical",
                                           "append", "draft", "after"};
    size_t n = dipx_patset_nemit(ps, m->rule), i, k;
    struct emitted em = {{0}, {0}, 0};
    struct dipx_elem *e;
    const char *key, *v;
    char ids[32];
    int rc;

    for (i = 0; i < n && i < MAX_EMIT; i++) {
        if (dipx_patset_emit(ps, doc->text, m->rule, i, &key, &c->val) < 0 ||
            put(doc, &em, key, c->val.data ? c->val.data : "") < 0)
            return DIPX_ENOMEM;
    }
    if ((rc = complete(c, doc, l, &em, m->start)) != 0)
        return rc < 0 ? rc : 1;
    snprintf(ids, sizeof(ids), "s%zu", id);
    if ((e = dipx_layer_add(doc, l, "symbol")) == NULL ||
        dipx_elem_set(doc, e, "id", ids) < 0 ||
        dipx_elem_set_int(doc, e, "start",
                          (int64_t)dipx_cpcursor_at(cur, m->start)) < 0 ||
        dipx_elem_set_int(doc, e, "end",
                          (int64_t)dipx_cpcursor_at(cur, m->end)) < 0)
        return DIPX_ENOMEM;
    /* form, kind (when not "symbol"), canonical and its key first, then
     * the parts in the rule's order: the order a reader scans. */
    for (k = 0; k < 3; k++) {
        v = get(&em, first[k]);
        if (v == NULL || *v == '\0' || (k == 1 && !strcmp(v, "symbol")))
            continue;
        if (dipx_elem_set(doc, e, first[k], v) < 0)
            return DIPX_ENOMEM;
        if (k == 2) {
            dipx_buf_reset(&c->key);
            for (; *v; v++)
                if (dipx_buf_putc(&c->key, *v >= 'a' && *v <= 'z'
                                               ? *v - 32 : *v) < 0)
                    return DIPX_ENOMEM;
            if (dipx_elem_set(doc, e, "key", c->key.data) < 0)
                return DIPX_ENOMEM;
        }
    }
    for (i = 0; i < em.n; i++) {
        for (k = 0; k < sizeof(internal) / sizeof(internal[0]); k++)
            if (strcmp(em.key[i], internal[k]) == 0)
                break;
        if (k < sizeof(internal) / sizeof(internal[0]) || !*em.val[i])
            continue;
        if (set_attr(doc, e, em.key[i], em.val[i]) < 0)
            return DIPX_ENOMEM;
    }
    return remember(c, m, id, l->nelems - 1, get(&em, "canonical"),
                    get(&em, "family"), get(&em, "session"));
}

static int
remember(struct ctx *c, const struct dipx_match *m, size_t id, size_t elem,
         const char *canonical, const char *family, const char *session)
{
    struct found *f;

    if (canonical == NULL)
        return 0;               /* nothing can refer to it */
    if (c->nfound == c->capfound) {
        size_t ncap = c->capfound ? 2 * c->capfound : 64;
        struct found *v = realloc(c->found, ncap * sizeof(*v));

        if (v == NULL)
            return DIPX_ENOMEM;
        c->found = v;
        c->capfound = ncap;
    }
    f = &c->found[c->nfound++];
    f->start = m->start;
    f->end = m->end;
    f->id = id;
    f->elem = elem;
    f->canonical = canonical;
    f->family = family && *family ? family : NULL;
    f->session = session && *session ? session : NULL;
    return 0;
}

static int
symbols(struct ctx *c, struct dipx_patset *ps, struct dipx_doc *doc,
        struct dipx_layer *l, struct dipx_error *err)
{
    struct dipx_cpcursor cur = {doc->text, 0, 0};
    struct dipx_match m;
    size_t from = 0, id = 0;
    int rc;

    while ((rc = dipx_patset_next(ps, doc->text, doc->text_len, from, &m,
                                  err)) > 0) {
        if (m.end > m.start) {
            int r = add_symbol(c, ps, doc, l, &m, &cur, id + 1);

            if (r < 0)
                return dipx_error_set(err, DIPX_ENOMEM, "out of memory");
            id += r == 0;       /* 1: dropped, an addendum of nothing */
        }
        from = dipx_patset_after(doc->text, doc->text_len, &m);
        if (from >= doc->text_len)
            break;
    }
    return rc < 0 ? rc : 0;
}

/* After a title, a word may stand before its symbol: "(document
 * A/C.1/73/L.27/Rev.1)" (<lang>/symbol-lead-ins.txt).  Returns where the
 * symbol may start after K: past such a word and the spaces after it. */
static size_t
skip_leadin(const struct dipx_dict_list *words, const char *text, size_t k,
            size_t limit)
{
    size_t i;

    for (i = 0; words != NULL && i < words->n; i++) {
        size_t n = strlen(words->key[i]);

        if (k + n < limit && strncasecmp(text + k, words->key[i], n) == 0 &&
            text[k + n] == ' ') {
            for (k += n; k < limit && text[k] == ' '; k++)
                ;
            return k;
        }
    }
    return k;
}

/* The symbol whose end is at most a few spaces, quotes or brackets before
 * byte B, or whose start is as close after byte E: what a title names.
 * Symbols are found in text order, so both are found by binary search. */
static long
symbol_near(const struct ctx *c, const char *text, size_t len, size_t b,
            size_t e)
{
    size_t lo = 0, hi = c->nfound, k;

    /* The first symbol that starts at or after B. */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (c->found[mid].start < b)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo > 0) {
        const struct found *f = &c->found[lo - 1];

        if (f->end <= b && b - f->end <= 4) {
            for (k = f->end; k < b && strchr(" \"'(,:", text[k]); k++)
                ;
            if (k == b)
                return (long)f->id;
        }
    }
    for (; e != (size_t)-1 && lo < c->nfound && c->found[lo].start < e; lo++)
        ;
    if (e != (size_t)-1 && lo < c->nfound) {
        const struct found *f = &c->found[lo];

        if (f->start - e <= 4 + LEADIN_MAX && f->start <= len) {
            for (k = e; k < f->start && strchr(" \"'(,", text[k]); k++)
                ;
            k = skip_leadin(c->leadins, text, k, f->start);
            if (k == f->start)
                return (long)f->id;
        }
    }
    return -1;
}

struct near_ctx {
    const struct ctx *c;
    const char *text;
    size_t len;
};

static int
after_symbol(size_t b, void *p)
{
    const struct near_ctx *n = p;

    return symbol_near(n->c, n->text, n->len, b, (size_t)-1) >= 0;
}

static int
titles(struct ctx *c, struct dipx_titles *t, struct dipx_doc *doc,
       struct dipx_layer *l)
{
    struct dipx_cpcursor cur = {doc->text, 0, 0};
    struct near_ctx nc = {c, doc->text, doc->text_len};
    struct dipx_title_hit hit;
    size_t pos = 0, id = 0;

    while (dipx_titles_next(t, doc->text, doc->text_len, &pos, after_symbol,
                            &nc, &hit)) {
        struct dipx_elem *e = dipx_layer_add(doc, l, "title");
        long of = symbol_near(c, doc->text, doc->text_len, hit.start,
                              hit.end);
        char ids[32];

        snprintf(ids, sizeof(ids), "t%zu", ++id);
        if (e == NULL || dipx_elem_set(doc, e, "id", ids) < 0 ||
            dipx_elem_set_int(doc, e, "start", (int64_t)dipx_cpcursor_at(
                                                   &cur, hit.start)) < 0 ||
            dipx_elem_set_int(doc, e, "end", (int64_t)dipx_cpcursor_at(
                                                 &cur, hit.end)) < 0)
            return DIPX_ENOMEM;
        if (of >= 0) {
            snprintf(ids, sizeof(ids), "s%ld", of);
            if (dipx_elem_set(doc, e, "of", ids) < 0)
                return DIPX_ENOMEM;
        }
        if (dipx_elem_set(doc, e, "series", hit.series) < 0 ||
            dipx_elem_set_text(doc, e, doc->text + hit.start,
                               hit.end - hit.start) < 0)
            return DIPX_ENOMEM;
    }
    return 0;
}

static int
run(void *p, struct dipx_doc *doc, struct dipx_layer *l, const char *lang,
    struct dipx_error *err)
{
    struct ctx *c = p;
    long k = lang_index(c, lang);
    int rc;

    c->nfound = 0;
    c->leadins = k >= 0 ? &c->leadin[k] : NULL;
    rc = symbols(c, k >= 0 ? c->set[k] : c->common, doc, l, err);
    if (rc == 0 && k >= 0 && c->titles[k] != NULL &&
        titles(c, c->titles[k], doc, l) < 0)
        rc = dipx_error_set(err, DIPX_ENOMEM, "out of memory");
    return rc;
}

const struct dipx_stage dipx_symbols_stage = {
    "symbols", DIPX_SYMBOLS_VERSION, "structure",
    "Finds UN document symbols (A/RES/73/27, A/C.1/73/L.27/Rev.1, S/RES/2231 "
    "(2015)...),\nshort references (resolution 73/27) and UN press-release "
    "numbers.",
    ctx_new, run, ctx_free,
};

int
dipx_symbols_main(int argc, char **argv, FILE *out, FILE *errf)
{
    return dipx_stage_main(&dipx_symbols_stage, argc, argv, out, errf);
}
