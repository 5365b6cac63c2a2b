/*
 * rawpcre.c - the "raw PCRE2" baseline of the benchmarks: a stage's
 * compiled pattern set run with PCRE2 (JIT) over the normalized text in
 * one buffer, counting matches: no XML, no stream, no annotations.
 *
 *   dipx-bench-raw TYPE LANG FILE   prints "SECONDS MATCHES"
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dipx/fs.h"
#include "dipx/normalize.h"
#include "dipx/pattern.h"

static double
now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int
main(int argc, char **argv)
{
    struct dipx_error err;
    struct dipx_dict *d;
    struct dipx_norm *n;
    struct dipx_patset *ps;
    struct dipx_input in;
    struct dipx_doc *doc;
    struct dipx_match m;
    size_t from = 0, matches = 0;
    double t0;

    if (argc != 4) {
        fprintf(stderr, "usage: dipx-bench-raw TYPE LANG FILE\n");
        return 2;
    }
    dipx_error_clear(&err);
    if ((d = dipx_dict_open(NULL, &err)) == NULL ||
        (n = dipx_norm_new(d, &err)) == NULL ||
        (ps = dipx_patset_load(d, argv[1], argv[2], &err)) == NULL ||
        dipx_input_open(argv[3], 0, &in, &err) < 0 ||
        (doc = dipx_doc_new()) == NULL ||
        dipx_norm_run(n, in.data, in.len, 0, 1, doc, NULL, &err) < 0) {
        fprintf(stderr, "dipx-bench-raw: %s\n", err.msg);
        return 2;
    }
    t0 = now();
    while (from < doc->text_len) {
        int rc = dipx_patset_next(ps, doc->text, doc->text_len, from, &m,
                                  &err);

        if (rc < 0) {
            fprintf(stderr, "dipx-bench-raw: %s\n", err.msg);
            return 2;
        }
        if (rc == 0)
            break;
        matches++;
        from = dipx_patset_after(doc->text, doc->text_len, &m);
    }
    printf("%.3f %zu\n", now() - t0, matches);
    dipx_doc_free(doc);
    dipx_input_close(&in);
    dipx_patset_free(ps);
    dipx_norm_free(n);
    dipx_dict_free(d);
    return 0;
}
