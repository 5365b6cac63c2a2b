/*
 * driver.c - runs a fuzz target on files, without libFuzzer: the seed
 * corpora and every crash found so far run in `make check` with any
 * compiler (tests/fuzz/README.md).  Usage: fuzz-X FILE|DIR...
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dipx/fs.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
main(int argc, char **argv)
{
    struct dipx_error err;
    size_t runs = 0;
    int i;

    for (i = 1; i < argc; i++) {
        struct dipx_paths files = {0};
        size_t k;

        dipx_error_clear(&err);
        if (dipx_fs_is_dir(argv[i])) {
            if (dipx_fs_list(argv[i], "", &files, &err) < 0) {
                fprintf(stderr, "%s: %s\n", argv[i], err.msg);
                return 2;
            }
        } else if (dipx_paths_add(&files, argv[i]) < 0) {
            return 2;
        }
        for (k = 0; k < files.n; k++) {
            struct dipx_input in;

            if (dipx_input_open(files.v[k], 0, &in, &err) < 0) {
                fprintf(stderr, "%s: %s\n", files.v[k], err.msg);
                return 2;
            }
            LLVMFuzzerTestOneInput(in.data, in.len);
            dipx_input_close(&in);
            runs++;
        }
        dipx_paths_free(&files);
    }
    printf("%zu inputs run\n", runs);
    return 0;
}
