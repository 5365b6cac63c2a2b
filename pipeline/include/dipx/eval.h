/*
 * eval.h - dipx-eval: extraction accuracy against a gold corpus, scored
 * the way GATE's AnnotationDiffer and Corpus QA score it.
 *
 * Gold is anchored to the source file: a gold document's text is its
 * source, byte for byte (no edits), so gold offsets are code points of
 * the source.  Predicted annotations are mapped back through their
 * document's <edits> to source bytes, and from there to source code
 * points, before they are compared; a change to normalization therefore
 * never invalidates the gold.
 *
 * Per document and annotation type, gold and predicted annotations are
 * paired one to one (dipx_eval_match):
 *   correct   same span and every compared attribute equal;
 *   partial   paired with overlapping spans, but not correct;
 *   missing   gold annotation left unpaired;
 *   spurious  predicted annotation left unpaired.
 * Strict precision is correct / (correct + partial + spurious), lenient
 * precision (correct + partial) / (the same); recall likewise with
 * missing.  Attributes are scored separately over the paired
 * annotations: an attribute value is correct when both sides of a pair
 * have it and they are equal; its precision divides by the predicted
 * annotations that have it, its recall by the gold ones.
 */
#ifndef DIPX_EVAL_H
#define DIPX_EVAL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "dipx/doc.h"
#include "dipx/error.h"

#define DIPX_EVAL_MAXATTR 8
#define DIPX_EVAL_NS "urn:dipx:eval:1"

enum dipx_eval_type_id {
    DIPX_EVAL_SYMBOL,
    DIPX_EVAL_TITLE,
    DIPX_EVAL_VOTE,
    DIPX_EVAL_SPONSORS,
    DIPX_EVAL_NORMS,
    DIPX_EVAL_ITEM,
    DIPX_EVAL_NTYPES
};

/* An annotation type: which elements of which layer, and the attributes
 * compared (some derived: a vote's "subject" is its ref, else its title,
 * else "unknown"; a title's "symbol" is the canonical form of the symbol
 * it names). */
struct dipx_eval_type {
    const char *name;           /* "vote" */
    const char *layer;          /* "votes" */
    const char *elem;           /* "vote" */
    const char *parent;         /* element it sits in ("norms"), or NULL */
    int nattr;
    const char *attr[DIPX_EVAL_MAXATTR];
};

/* The type T (0 <= T < DIPX_EVAL_NTYPES).  Cannot fail. */
const struct dipx_eval_type *dipx_eval_type_get(int t);

/* The index of the type called NAME, or -1.  Cannot fail. */
int dipx_eval_type_find(const char *name);

/* An annotation as compared: its span in source code points and its
 * attribute values (NULL when absent), in the order of its type. */
struct dipx_eval_ann {
    int64_t start, end;
    const char *val[DIPX_EVAL_MAXATTR];
};

enum dipx_eval_kind {
    DIPX_EVAL_UNPAIRED = 0,
    DIPX_EVAL_CORRECT,
    DIPX_EVAL_PARTIAL
};

/* Counts of one type over some documents. */
struct dipx_eval_counts {
    long gold, pred, correct, partial, missing, spurious;
    long agold[DIPX_EVAL_MAXATTR];      /* gold annotations with attr */
    long apred[DIPX_EVAL_MAXATTR];      /* predicted ones with attr */
    long acorrect[DIPX_EVAL_MAXATTR];   /* pairs where both equal */
};

/*
 * Pairs the NG gold and NP predicted annotations of one document and one
 * type (NATTR attributes compared).  For each gold annotation, GPAIR[i]
 * is the index of its predicted partner or -1, and GKIND[i] says how it
 * was paired; PPAIR[j] is the gold partner of predicted annotation j or
 * -1.  Pairs are chosen greedily, best first: correct pairs, then same
 * span with the most equal attributes, then the most equal attributes,
 * the largest overlap and the closest boundaries; ties go to the earlier
 * annotations, so the result does not depend on anything but the input
 * order.  Spans overlap when they share a code point, or when both are
 * the same empty span.  Returns 0 or DIPX_ENOMEM.
 */
int dipx_eval_match(const struct dipx_eval_ann *gold, size_t ng,
                    const struct dipx_eval_ann *pred, size_t np, int nattr,
                    long *gpair, long *ppair, unsigned char *gkind);

/* 1 when attribute values A and B are equal: both absent (NULL), or the
 * same string; else 0.  The comparison pairing uses.  Cannot fail. */
int dipx_eval_same_value(const char *a, const char *b);

/* Adds a pairing made by dipx_eval_match to C.  Cannot fail. */
void dipx_eval_count(const struct dipx_eval_ann *gold, size_t ng,
                     const struct dipx_eval_ann *pred, size_t np, int nattr,
                     const long *gpair, const unsigned char *gkind,
                     struct dipx_eval_counts *c);

/* Adds B to A.  Cannot fail. */
void dipx_eval_counts_add(struct dipx_eval_counts *a,
                          const struct dipx_eval_counts *b);

/* Precision, recall and F1 of C: strict (LENIENT 0) or lenient.  With
 * nothing predicted precision is 1 (no false claim), with nothing in the
 * gold recall is 1; F1 is 0 when both P and R are.  Cannot fail. */
void dipx_eval_prf(const struct dipx_eval_counts *c, int lenient,
                   double *p, double *r, double *f1);

/* The same for attribute A of C. */
void dipx_eval_attr_prf(const struct dipx_eval_counts *c, int a,
                        double *p, double *r, double *f1);

/* dipx-eval --anchor: reads the streams ARGV (none: standard input) and
 * writes each document onto its source (anchor.c), to OUTPUT (atomically)
 * or OUT.  Returns an exit status. */
int dipx_eval_anchor(int argc, char **argv, const char *output, FILE *out,
                     FILE *errf);

/* The dipx-eval command.  Returns an exit status (enum dipx_exit). */
int dipx_eval_main(int argc, char **argv, FILE *out, FILE *errf);

#endif
