/*
 * eval.c - pairing gold and predicted annotations, and the arithmetic of
 * precision, recall and F1 (eval.h).
 */
#include <stdlib.h>
#include <string.h>

#include "dipx/eval.h"

static const struct dipx_eval_type types[DIPX_EVAL_NTYPES] = {
    {"symbol", "symbols", "symbol", NULL, 3, {"canonical", "form", "kind"}},
    {"title", "symbols", "title", NULL, 1, {"symbol"}},
    {"vote", "votes", "vote", NULL, 8,
     {"mode", "body", "subject", "yes", "no", "abstain", "qualifier",
      "part"}},
    {"sponsors", "votes", "sponsors", NULL, 5,
     {"subject", "count", "lead", "total", "qualifier"}},
    {"norms", "norms", "norms", NULL, 2, {"stated", "selection"}},
    {"item", "norms", "item", "norms", 1, {"n"}},
};

const struct dipx_eval_type *
dipx_eval_type_get(int t)
{
    return &types[t];
}

int
dipx_eval_type_find(const char *name)
{
    int t;

    for (t = 0; t < DIPX_EVAL_NTYPES; t++)
        if (strcmp(types[t].name, name) == 0)
            return t;
    return -1;
}

/* A candidate pair and what makes it good, best first when sorted. */
struct cand {
    size_t g, p;
    int same_span, equal, all_equal;
    int64_t overlap, distance;
};

static int
overlaps(const struct dipx_eval_ann *a, const struct dipx_eval_ann *b)
{
    if (a->start == a->end || b->start == b->end)
        return a->start == b->start && a->end == b->end;
    return a->start < b->end && b->start < a->end;
}

int
dipx_eval_same_value(const char *a, const char *b)
{
    if (a == NULL || b == NULL)
        return a == b;
    return strcmp(a, b) == 0;
}

static int
cand_cmp(const void *pa, const void *pb)
{
    const struct cand *a = pa, *b = pb;
    int ca = a->same_span && a->all_equal, cb = b->same_span && b->all_equal;

    if (ca != cb)
        return cb - ca;
    if (a->same_span != b->same_span)
        return b->same_span - a->same_span;
    if (a->equal != b->equal)
        return b->equal - a->equal;
    if (a->overlap != b->overlap)
        return a->overlap > b->overlap ? -1 : 1;
    if (a->distance != b->distance)
        return a->distance < b->distance ? -1 : 1;
    if (a->g != b->g)
        return a->g < b->g ? -1 : 1;
    return a->p < b->p ? -1 : a->p > b->p;
}

static int64_t
absdiff(int64_t a, int64_t b)
{
    return a > b ? a - b : b - a;
}

/* A start offset and the index of its annotation, sorted together. */
struct at {
    int64_t start;
    size_t i;
};

static int
at_cmp(const void *pa, const void *pb)
{
    const struct at *a = pa, *b = pb;

    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    return a->i < b->i ? -1 : a->i > b->i;
}

/* Indices of ANN sorted by start (ties in input order), for the sweep
 * that finds overlaps: O(n log n) whatever order a stream has. */
static size_t *
by_start(const struct dipx_eval_ann *ann, size_t n)
{
    struct at *v = malloc((n ? n : 1) * sizeof(*v));
    size_t *ix = malloc((n ? n : 1) * sizeof(*ix)), i;

    if (v == NULL || ix == NULL) {
        free(v);
        free(ix);
        return NULL;
    }
    for (i = 0; i < n; i++) {
        v[i].start = ann[i].start;
        v[i].i = i;
    }
    if (n > 1)
        qsort(v, n, sizeof(*v), at_cmp);
    for (i = 0; i < n; i++)
        ix[i] = v[i].i;
    free(v);
    return ix;
}

static int
add_cand(struct cand **v, size_t *n, size_t *cap, const struct cand *c)
{
    if (*n == *cap) {
        size_t nc = *cap ? 2 * *cap : 64;
        struct cand *nv = realloc(*v, nc * sizeof(*nv));

        if (nv == NULL)
            return DIPX_ENOMEM;
        *v = nv;
        *cap = nc;
    }
    (*v)[(*n)++] = *c;
    return 0;
}

int
dipx_eval_match(const struct dipx_eval_ann *gold, size_t ng,
                const struct dipx_eval_ann *pred, size_t np, int nattr,
                long *gpair, long *ppair, unsigned char *gkind)
{
    size_t *gi = NULL, *pi = NULL, ncand = 0, capcand = 0, a, b, lo = 0, k;
    struct cand *cand = NULL;
    int rc = DIPX_ENOMEM;

    for (k = 0; k < ng; k++) {
        gpair[k] = -1;
        gkind[k] = DIPX_EVAL_UNPAIRED;
    }
    for (k = 0; k < np; k++)
        ppair[k] = -1;
    if ((gi = by_start(gold, ng)) == NULL || (pi = by_start(pred, np)) == NULL)
        goto out;
    /* Sweep: for each gold annotation in start order, the predicted ones
     * that start before it ends; LO skips those that ended long before.
     * Predicted spans end before later gold ones start only when they
     * are short, so LO moves past a prefix of ended spans. */
    for (a = 0; a < ng; a++) {
        const struct dipx_eval_ann *g = &gold[gi[a]];

        while (lo < np && pred[pi[lo]].end < g->start)
            lo++;
        for (b = lo; b < np && pred[pi[b]].start <= g->end; b++) {
            const struct dipx_eval_ann *p = &pred[pi[b]];
            struct cand c;
            int i;

            if (!overlaps(g, p))
                continue;
            memset(&c, 0, sizeof(c));
            c.g = gi[a];
            c.p = pi[b];
            c.same_span = g->start == p->start && g->end == p->end;
            for (i = 0; i < nattr; i++)
                c.equal += dipx_eval_same_value(g->val[i], p->val[i]);
            c.all_equal = c.equal == nattr;
            c.overlap = (g->end < p->end ? g->end : p->end) -
                        (g->start > p->start ? g->start : p->start);
            c.distance = absdiff(g->start, p->start) +
                         absdiff(g->end, p->end);
            if (add_cand(&cand, &ncand, &capcand, &c) < 0)
                goto out;
        }
    }
    if (ncand > 1)
        qsort(cand, ncand, sizeof(*cand), cand_cmp);
    for (k = 0; k < ncand; k++) {
        const struct cand *c = &cand[k];

        if (gpair[c->g] >= 0 || ppair[c->p] >= 0)
            continue;
        gpair[c->g] = (long)c->p;
        ppair[c->p] = (long)c->g;
        gkind[c->g] = c->same_span && c->all_equal ? DIPX_EVAL_CORRECT
                                                   : DIPX_EVAL_PARTIAL;
    }
    rc = 0;
out:
    free(cand);
    free(gi);
    free(pi);
    return rc;
}

void
dipx_eval_count(const struct dipx_eval_ann *gold, size_t ng,
                const struct dipx_eval_ann *pred, size_t np, int nattr,
                const long *gpair, const unsigned char *gkind,
                struct dipx_eval_counts *c)
{
    long paired = 0;
    size_t k;
    int i;

    c->gold += (long)ng;
    c->pred += (long)np;
    for (k = 0; k < ng; k++) {
        for (i = 0; i < nattr; i++)
            c->agold[i] += gold[k].val[i] != NULL;
        if (gpair[k] < 0) {
            c->missing++;
            continue;
        }
        paired++;
        if (gkind[k] == DIPX_EVAL_CORRECT)
            c->correct++;
        else
            c->partial++;
        for (i = 0; i < nattr; i++) {
            const char *gv = gold[k].val[i], *pv = pred[gpair[k]].val[i];

            c->acorrect[i] += gv != NULL && pv != NULL && strcmp(gv, pv) == 0;
        }
    }
    for (k = 0; k < np; k++)
        for (i = 0; i < nattr; i++)
            c->apred[i] += pred[k].val[i] != NULL;
    c->spurious += (long)np - paired;
}

void
dipx_eval_counts_add(struct dipx_eval_counts *a,
                     const struct dipx_eval_counts *b)
{
    int i;

    a->gold += b->gold;
    a->pred += b->pred;
    a->correct += b->correct;
    a->partial += b->partial;
    a->missing += b->missing;
    a->spurious += b->spurious;
    for (i = 0; i < DIPX_EVAL_MAXATTR; i++) {
        a->agold[i] += b->agold[i];
        a->apred[i] += b->apred[i];
        a->acorrect[i] += b->acorrect[i];
    }
}

static void
prf(long tp, long npred, long ngold, double *p, double *r, double *f1)
{
    *p = npred > 0 ? (double)tp / (double)npred : 1.0;
    *r = ngold > 0 ? (double)tp / (double)ngold : 1.0;
    *f1 = *p + *r > 0 ? 2 * *p * *r / (*p + *r) : 0.0;
}

void
dipx_eval_prf(const struct dipx_eval_counts *c, int lenient, double *p,
              double *r, double *f1)
{
    long tp = c->correct + (lenient ? c->partial : 0);

    prf(tp, c->pred, c->gold, p, r, f1);
}

void
dipx_eval_attr_prf(const struct dipx_eval_counts *c, int a, double *p,
                   double *r, double *f1)
{
    prf(c->acorrect[a], c->apred[a], c->agold[a], p, r, f1);
}
