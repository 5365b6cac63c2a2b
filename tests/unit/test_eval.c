/*
 * test_eval.c - eval.h: pairing gold and predicted annotations (exact,
 * overlapping, crossing, nested and empty spans; attributes; ties) and the
 * precision / recall / F1 arithmetic.
 */
#define _POSIX_C_SOURCE 200809L
#include "testutil.h"
#include "dipx/eval.h"

#define MAXN 8

/* A pairing of up to MAXN gold and predicted annotations of one type with
 * one attribute ("v"). */
struct pairing {
    struct dipx_eval_ann g[MAXN], p[MAXN];
    size_t ng, np;
    long gpair[MAXN], ppair[MAXN];
    unsigned char gkind[MAXN];
    struct dipx_eval_counts c;
};

static void
gold(struct pairing *x, int64_t s, int64_t e, const char *v)
{
    memset(&x->g[x->ng], 0, sizeof(x->g[0]));
    x->g[x->ng].start = s;
    x->g[x->ng].end = e;
    x->g[x->ng++].val[0] = v;
}

static void
pred(struct pairing *x, int64_t s, int64_t e, const char *v)
{
    memset(&x->p[x->np], 0, sizeof(x->p[0]));
    x->p[x->np].start = s;
    x->p[x->np].end = e;
    x->p[x->np++].val[0] = v;
}

static void
run(struct pairing *x)
{
    memset(&x->c, 0, sizeof(x->c));
    assert_int_equal(dipx_eval_match(x->g, x->ng, x->p, x->np, 1, x->gpair,
                                     x->ppair, x->gkind), 0);
    dipx_eval_count(x->g, x->ng, x->p, x->np, 1, x->gpair, x->gkind, &x->c);
}

static void
counts_are(const struct pairing *x, long corr, long part, long miss,
           long spur)
{
    assert_int_equal(x->c.correct, corr);
    assert_int_equal(x->c.partial, part);
    assert_int_equal(x->c.missing, miss);
    assert_int_equal(x->c.spurious, spur);
    assert_int_equal(x->c.gold, (long)x->ng);
    assert_int_equal(x->c.pred, (long)x->np);
}

static void
test_exact_is_correct(void **state)
{
    struct pairing x = {0};

    (void)state;
    gold(&x, 10, 21, "A/RES/73/27");
    pred(&x, 10, 21, "A/RES/73/27");
    run(&x);
    counts_are(&x, 1, 0, 0, 0);
    assert_int_equal(x.gpair[0], 0);
    assert_int_equal(x.gkind[0], DIPX_EVAL_CORRECT);
    assert_int_equal(x.c.acorrect[0], 1);
}

static void
test_same_span_other_value_is_partial(void **state)
{
    struct pairing x = {0};
    double p, r, f;

    (void)state;
    gold(&x, 0, 40, "C1");
    pred(&x, 0, 40, "GA");
    run(&x);
    counts_are(&x, 0, 1, 0, 0);
    dipx_eval_prf(&x.c, 0, &p, &r, &f);
    assert_true(p == 0.0 && r == 0.0 && f == 0.0);
    dipx_eval_prf(&x.c, 1, &p, &r, &f);
    assert_true(p == 1.0 && r == 1.0 && f == 1.0);
    /* The attribute is wrong: counted in gold and pred, not correct. */
    assert_int_equal(x.c.agold[0], 1);
    assert_int_equal(x.c.apred[0], 1);
    assert_int_equal(x.c.acorrect[0], 0);
}

static void
test_overlap_is_partial_with_attribute_right(void **state)
{
    struct pairing x = {0};
    double p, r, f;

    (void)state;
    gold(&x, 100, 150, "recorded");
    pred(&x, 90, 149, "recorded");
    run(&x);
    counts_are(&x, 0, 1, 0, 0);
    dipx_eval_attr_prf(&x.c, 0, &p, &r, &f);
    assert_true(f == 1.0);
}

static void
test_no_overlap_is_missing_and_spurious(void **state)
{
    struct pairing x = {0};

    (void)state;
    gold(&x, 0, 10, "x");
    pred(&x, 10, 20, "x");          /* touching is not overlapping */
    run(&x);
    counts_are(&x, 0, 0, 1, 1);
    assert_int_equal(x.gpair[0], -1);
    assert_int_equal(x.ppair[0], -1);
}

/* gold [0,10) [8,20), pred [5,12) [15,25): both pairs by best overlap,
 * although the first prediction overlaps both gold spans. */
static void
test_crossing_spans(void **state)
{
    struct pairing x = {0};

    (void)state;
    gold(&x, 0, 10, "a");
    gold(&x, 8, 20, "b");
    pred(&x, 5, 12, "a");
    pred(&x, 15, 25, "b");
    run(&x);
    counts_are(&x, 0, 2, 0, 0);
    assert_int_equal(x.gpair[0], 0);
    assert_int_equal(x.gpair[1], 1);
}

/* One long prediction over two gold spans pairs with one of them only,
 * the one whose attribute agrees. */
static void
test_one_prediction_two_gold(void **state)
{
    struct pairing x = {0};

    (void)state;
    gold(&x, 0, 10, "a");
    gold(&x, 12, 30, "b");
    pred(&x, 0, 30, "b");
    run(&x);
    counts_are(&x, 0, 1, 1, 0);
    assert_int_equal(x.gpair[0], -1);
    assert_int_equal(x.gpair[1], 0);
}

/* Nested: a prediction inside a gold span, another equal to it. */
static void
test_correct_beats_larger_overlap(void **state)
{
    struct pairing x = {0};

    (void)state;
    gold(&x, 0, 50, "a");
    pred(&x, 10, 20, "a");
    pred(&x, 0, 50, "a");
    run(&x);
    counts_are(&x, 1, 0, 0, 1);
    assert_int_equal(x.gpair[0], 1);
    assert_int_equal(x.ppair[0], -1);
}

static void
test_equal_values_beat_larger_overlap(void **state)
{
    struct pairing x = {0};

    (void)state;
    gold(&x, 0, 50, "a");
    pred(&x, 0, 49, "z");
    pred(&x, 30, 60, "a");
    run(&x);
    assert_int_equal(x.gpair[0], 1);
    counts_are(&x, 0, 1, 0, 1);
}

static void
test_ties_go_to_the_first(void **state)
{
    struct pairing x = {0};

    (void)state;
    gold(&x, 5, 9, "a");
    pred(&x, 5, 9, "a");
    pred(&x, 5, 9, "a");
    run(&x);
    counts_are(&x, 1, 0, 0, 1);
    assert_int_equal(x.gpair[0], 0);
}

static void
test_empty_spans(void **state)
{
    struct pairing x = {0};

    (void)state;
    gold(&x, 7, 7, "a");
    gold(&x, 20, 20, "a");
    pred(&x, 7, 7, "a");
    pred(&x, 19, 21, "a");          /* contains no code point of [20,20) */
    run(&x);
    assert_int_equal(x.gkind[0], DIPX_EVAL_CORRECT);
    assert_int_equal(x.gpair[1], -1);
    counts_are(&x, 1, 0, 1, 1);
}

/* Input order does not matter: unsorted annotations pair the same. */
static void
test_unsorted_input(void **state)
{
    struct pairing x = {0};

    (void)state;
    gold(&x, 300, 310, "c");
    gold(&x, 0, 10, "a");
    gold(&x, 100, 110, "b");
    pred(&x, 101, 110, "b");
    pred(&x, 300, 310, "c");
    pred(&x, 2, 8, "a");
    run(&x);
    assert_int_equal(x.gpair[0], 1);
    assert_int_equal(x.gpair[1], 2);
    assert_int_equal(x.gpair[2], 0);
    counts_are(&x, 1, 2, 0, 0);
}

/* A long span seen after many short ones that ended: the sweep must not
 * skip predictions that start earlier but end later. */
static void
test_long_prediction_after_short_ones(void **state)
{
    struct pairing x = {0};

    (void)state;
    pred(&x, 0, 100, "a");
    pred(&x, 1, 2, "z");
    pred(&x, 3, 4, "z");
    gold(&x, 50, 60, "a");
    run(&x);
    assert_int_equal(x.gpair[0], 0);
}

static void
test_absent_attribute(void **state)
{
    struct pairing x = {0};

    (void)state;
    gold(&x, 0, 5, NULL);
    pred(&x, 0, 5, NULL);
    gold(&x, 10, 15, "14");
    pred(&x, 10, 15, NULL);
    run(&x);
    /* Both absent: equal; absent against a value: not. */
    assert_int_equal(x.gkind[0], DIPX_EVAL_CORRECT);
    assert_int_equal(x.gkind[1], DIPX_EVAL_PARTIAL);
    assert_int_equal(x.c.agold[0], 1);
    assert_int_equal(x.c.apred[0], 0);
    assert_int_equal(x.c.acorrect[0], 0);
}

static void
test_prf_edges(void **state)
{
    struct dipx_eval_counts c;
    double p, r, f;

    (void)state;
    memset(&c, 0, sizeof(c));
    dipx_eval_prf(&c, 0, &p, &r, &f);
    assert_true(p == 1.0 && r == 1.0 && f == 1.0);
    c.gold = 4;
    c.missing = 4;
    dipx_eval_prf(&c, 0, &p, &r, &f);
    assert_true(p == 1.0 && r == 0.0 && f == 0.0);
    c.pred = 4;
    c.correct = 2;
    c.partial = 1;
    c.spurious = 1;
    c.missing = 1;
    dipx_eval_prf(&c, 0, &p, &r, &f);
    assert_true(p == 0.5 && r == 0.5 && f == 0.5);
    dipx_eval_prf(&c, 1, &p, &r, &f);
    assert_true(p == 0.75 && r == 0.75 && f == 0.75);
}

static void
test_types(void **state)
{
    const struct dipx_eval_type *t;

    (void)state;
    assert_int_equal(dipx_eval_type_find("vote"), DIPX_EVAL_VOTE);
    assert_int_equal(dipx_eval_type_find("norm"), -1);
    t = dipx_eval_type_get(DIPX_EVAL_ITEM);
    assert_string_equal(t->parent, "norms");
    assert_string_equal(t->attr[0], "n");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_exact_is_correct),
        cmocka_unit_test(test_same_span_other_value_is_partial),
        cmocka_unit_test(test_overlap_is_partial_with_attribute_right),
        cmocka_unit_test(test_no_overlap_is_missing_and_spurious),
        cmocka_unit_test(test_crossing_spans),
        cmocka_unit_test(test_one_prediction_two_gold),
        cmocka_unit_test(test_correct_beats_larger_overlap),
        cmocka_unit_test(test_equal_values_beat_larger_overlap),
        cmocka_unit_test(test_ties_go_to_the_first),
        cmocka_unit_test(test_empty_spans),
        cmocka_unit_test(test_unsorted_input),
        cmocka_unit_test(test_long_prediction_after_short_ones),
        cmocka_unit_test(test_absent_attribute),
        cmocka_unit_test(test_prf_edges),
        cmocka_unit_test(test_types),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
