/* fuzz_common.h - what the fuzz targets share: dictionaries, oracles. */
#ifndef DIPX_FUZZ_COMMON_H
#define DIPX_FUZZ_COMMON_H

#include <stdio.h>
#include <stdlib.h>

#include "dipx/dict.h"

/* The dictionaries (DIPX_DICT_PATH, else the source tree), once. */
static struct dipx_dict *
fuzz_dict(void)
{
    static struct dipx_dict *d;
    struct dipx_error err;

    if (d == NULL) {
        dipx_error_clear(&err);
        d = dipx_dict_open(getenv("DIPX_DICT_PATH"), &err);
        if (d == NULL) {
            fprintf(stderr, "fuzz: %s\n", err.msg);
            abort();
        }
    }
    return d;
}

/* An oracle failed: crash loudly so the fuzzer keeps the input. */
#define FUZZ_CHECK(cond)                                                      \
    do {                                                                      \
        if (!(cond)) {                                                        \
            fprintf(stderr, "fuzz oracle failed: %s (%s:%d)\n", #cond,        \
                    __FILE__, __LINE__);                                      \
            abort();                                                          \
        }                                                                     \
    } while (0)

#endif
