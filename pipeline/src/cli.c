/* cli.c - shared command-line pieces (cli.h). */
#include <errno.h>
#include <string.h>

#include "dipx/cli.h"
#include "dipx/error.h"
#include "config.h"

void
dipx_cli_getopt_tables(const struct dipx_opt *opts, size_t nopt,
                       struct option *longopts, char *shortopts)
{
    size_t i, k = 0;

    shortopts[k++] = ':';   /* a missing argument returns ':' */
    for (i = 0; i < nopt && i < DIPX_OPT_MAX; i++) {
        longopts[i].name = opts[i].name;
        longopts[i].has_arg = opts[i].arg ? required_argument : no_argument;
        longopts[i].flag = NULL;
        longopts[i].val = opts[i].key;
        if (opts[i].key < 256) {
            shortopts[k++] = (char)opts[i].key;
            if (opts[i].arg)
                shortopts[k++] = ':';
        }
    }
    memset(&longopts[i], 0, sizeof(longopts[i]));
    shortopts[k] = '\0';
}

void
dipx_cli_print_options(FILE *out, const struct dipx_opt *opts, size_t nopt)
{
    size_t i;

    for (i = 0; i < nopt; i++) {
        char lhs[64];

        if (opts[i].key < 256)
            snprintf(lhs, sizeof(lhs), "-%c, --%s%s%s", opts[i].key,
                     opts[i].name, opts[i].arg ? " " : "",
                     opts[i].arg ? opts[i].arg : "");
        else
            snprintf(lhs, sizeof(lhs), "    --%s%s%s", opts[i].name,
                     opts[i].arg ? " " : "", opts[i].arg ? opts[i].arg : "");
        fprintf(out, "  %-26s %s\n", lhs, opts[i].help);
    }
}

void
dipx_cli_bad_option(FILE *errf, const char *prog, int c, char **argv)
{
    char shortopt[3] = {'-', (char)optopt, '\0'};
    const char *last = argv[optind - 1];
    /* A long option as written ("--output"); a short one by its letter,
     * since inside a cluster ("-vh") optind has not moved on. */
    const char *what = strncmp(last, "--", 2) == 0 ||
                               optopt == 0 || optopt >= 256
                           ? last : shortopt;

    fprintf(errf, "%s: %s: '%s'\nTry '%s --help'.\n", prog,
            c == ':' ? "option needs an argument" : "unknown option", what,
            prog);
}

void
dipx_cli_version(FILE *out, const char *prog)
{
    fprintf(out, "%s (dipx) %s\n", prog, DIPX_VERSION);
}

int
dipx_cli_finish(FILE *out, FILE *errf, const char *prog, int rc)
{
    if (fflush(out) != 0 || ferror(out)) {
        fprintf(errf, "%s: write error on output: %s\n", prog,
                errno ? strerror(errno) : "unknown error");
        return DIPX_EXIT_FATAL;
    }
    return rc;
}

int
dipx_cli_parse_size(const char *s, size_t *out)
{
    unsigned long long v = 0;
    const char *p = s;

    if (*p < '0' || *p > '9')
        return -1;
    for (; *p >= '0' && *p <= '9'; p++) {
        if (v > (~0ULL - 9) / 10)
            return -1;
        v = v * 10 + (unsigned)(*p - '0');
    }
    int shift = *p == 'K' || *p == 'k' ? 10 : *p == 'M' || *p == 'm' ? 20
                : *p == 'G' || *p == 'g' ? 30 : 0;
    if (shift)
        p++;
    if (*p != '\0' || v > (~0ULL >> shift) || v == 0)
        return -1;
    *out = (size_t)(v << shift);
    return 0;
}
