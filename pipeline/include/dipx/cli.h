/*
 * cli.h - what every dipx command shares: one option table from which
 * getopt_long's table and the --help text are both made (pcre2grep's
 * optionlist[]), and the final check of the output stream.
 */
#ifndef DIPX_CLI_H
#define DIPX_CLI_H

#include <getopt.h>
#include <stdio.h>

struct dipx_opt {
    const char *name;           /* long name, without "--" */
    int key;                    /* short letter, or a code >= 256 */
    const char *arg;            /* argument name, or NULL for a flag */
    const char *help;
};

#define DIPX_OPT_MAX 64

/* Fills LONGOPTS (room for DIPX_OPT_MAX + 1) and SHORTOPTS (room for
 * 3 * DIPX_OPT_MAX + 2) from the NOPT entries of OPTS.  SHORTOPTS starts
 * with ':', so getopt_long returns ':' for a missing argument and '?' for
 * an unknown option.  Cannot fail. */
void dipx_cli_getopt_tables(const struct dipx_opt *opts, size_t nopt,
                            struct option *longopts, char *shortopts);

/* Prints the option list, one option a line, aligned.  Cannot fail. */
void dipx_cli_print_options(FILE *out, const struct dipx_opt *opts,
                            size_t nopt);

/* Reports what getopt_long returned as C (':' or '?') for ARGV: the
 * option that lacks its argument or is unknown, and a hint to --help.
 * Cannot fail. */
void dipx_cli_bad_option(FILE *errf, const char *prog, int c, char **argv);

/* Prints "PROG (dipx) VERSION".  Cannot fail. */
void dipx_cli_version(FILE *out, const char *prog);

/*
 * The end of every command: flushes OUT and checks it for errors (a full
 * disk is not success).  Returns RC, or DIPX_EXIT_FATAL with a message on
 * ERRF when OUT failed.
 */
int dipx_cli_finish(FILE *out, FILE *errf, const char *prog, int rc);

/* Parses a size with an optional K, M or G suffix (powers of 1024).
 * Returns 0 and *OUT, or -1 when S is not a size. */
int dipx_cli_parse_size(const char *s, size_t *out);

#endif
