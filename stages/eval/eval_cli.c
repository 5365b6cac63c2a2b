/*
 * eval_cli.c - the dipx-eval command (eval.h): reads the gold corpus,
 * reads predicted streams one document at a time, pairs and counts, and
 * writes the scores (text, TSV or XML), the differences, and the checks
 * asked for with --min-f1 / --floors.
 */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlwriter.h>
#include <utf8proc.h>

#include "dipx/buf.h"
#include "dipx/cli.h"
#include "dipx/edits.h"
#include "dipx/eval.h"
#include "dipx/fs.h"
#include "dipx/stage.h"
#include "dipx/hash.h"
#include "dipx/stream.h"
#include "dipx/utf8.h"

#define PROG "dipx-eval"
#define MAX_LANGS 32
#define MAX_CHECKS 64

enum {
    OPT_FORMAT = 256, OPT_LIST, OPT_MINF1, OPT_FLOORS, OPT_SOURCES,
    OPT_ANCHOR, OPT_CONTEXT, OPT_ONLY, OPT_SHOW
};

static const struct dipx_opt options[] = {
    {"output", 'o', "FILE", "write to FILE (atomically), not stdout"},
    {"format", OPT_FORMAT, "FMT", "text (default), tsv or xml"},
    {"list", OPT_LIST, NULL, "list every missing, spurious and partial "
                             "annotation"},
    {"context", OPT_CONTEXT, "N", "code points of text around a listed "
                                  "annotation (40)"},
    {"min-f1", OPT_MINF1, "SPEC=F", "fail (exit 3) when an F1 is under F; "
                                    "SPEC: TYPE[.ATTR][:lenient][@LANG]"},
    {"floors", OPT_FLOORS, "FILE", "--min-f1 checks, one SPEC=F a line"},
    {"only-predicted", OPT_ONLY, NULL, "score only gold documents that "
                                       "have a prediction"},
    {"sources", OPT_SOURCES, NULL, "print the source files of the gold "
                                   "documents and exit"},
    {"show", OPT_SHOW, NULL, "print each gold annotation with its text "
                             "and exit"},
    {"anchor", OPT_ANCHOR, NULL, "rewrite streams onto their source text "
                                 "(to start a gold file)"},
    {"help", 'h', NULL, "show this help and exit"},
    {"version", 'V', NULL, "show the version and exit"},
};
#define NOPT (sizeof(options) / sizeof(options[0]))

/* A check: the F1 of TYPE (or of its attribute ATTR), strict or lenient,
 * in one language or all, must reach MIN. */
struct check {
    char spec[128];
    int type, attr, lenient;
    char lang[16];              /* "" for all languages */
    double min, got;
    int ok;
};

struct annv {
    struct dipx_eval_ann *v;
    size_t n, cap;
};

/* A gold document with what was predicted for it. */
struct gdoc {
    struct dipx_doc *doc;       /* text = the source */
    char lang[16];
    char *file;                 /* stream file it came from */
    long line;
    struct annv gold[DIPX_EVAL_NTYPES], pred[DIPX_EVAL_NTYPES];
    long *gpair[DIPX_EVAL_NTYPES], *ppair[DIPX_EVAL_NTYPES];
    unsigned char *gkind[DIPX_EVAL_NTYPES];
    int bad;
    int *parts;                 /* parts of it predicted so far (0: whole);
                                   none: no prediction */
    size_t nparts, capparts;
};

/* Scores of one type in one language (index nlangs: all). */
struct cell {
    struct dipx_eval_counts c;
    long docs;
    double macro_s, macro_l;    /* sums of per-document F1 */
};

struct eval {
    const char *output, *format, *gold_path, *floors;
    int list, only_predicted, sources, anchor, show;
    long context;
    FILE *errf;
    int rval;
    struct gdoc *g;
    size_t ng, capg;
    long pred_docs, pred_unknown;
    char langs[MAX_LANGS][16];
    int nlangs;
    struct cell cells[DIPX_EVAL_NTYPES][MAX_LANGS + 1];
    struct check checks[MAX_CHECKS];
    int nchecks;
};

static void
usage(FILE *out)
{
    fprintf(out,
            "usage: " PROG " [options] GOLD [PREDICTED...]\n"
            "       " PROG " --sources GOLD\n"
            "       " PROG " --anchor [STREAM...]\n"
            "\n"
            "Scores predicted annotations (streams from the dipx stages; "
            "none or '-':\n"
            "standard input) against a gold corpus (a stream file or a "
            "directory of them),\n"
            "matching documents by id and source sha256.  Gold offsets are "
            "code points of\n"
            "the source; predictions are mapped back to it through their "
            "<edits>.  Prints\n"
            "precision, recall and F1, strict and lenient, micro and macro "
            "(over documents),\n"
            "per annotation type (symbol, title, vote, sponsors, norms, "
            "item), attribute\n"
            "and language.\n"
            "\n");
    dipx_cli_print_options(out, options, NOPT);
    fprintf(out,
            "\n"
            "Exit status: 0 fine; 1 some documents could not be scored "
            "(stale gold, no\n"
            "prediction, bad input: reported, the rest scored); 2 usage or "
            "fatal error;\n"
            "3 an F1 is under a floor given with --min-f1 or --floors.\n");
}

/* Parses "TYPE[.ATTR][:lenient|:strict][@LANG]=F" into C.  Returns 0 or
 * -1 with a message in WHY. */
static int
parse_check(const char *s, struct check *c, char *why, size_t nwhy)
{
    char buf[128], *eq, *at, *colon, *dot, *end;
    const struct dipx_eval_type *ty;
    int i;

    memset(c, 0, sizeof(*c));
    if (strlen(s) >= sizeof(buf) || (eq = strchr(strcpy(buf, s), '=')) == NULL)
        return snprintf(why, nwhy, "expected TYPE[.ATTR][:lenient][@LANG]=F"),
               -1;
    *eq = '\0';
    snprintf(c->spec, sizeof(c->spec), "%s", buf);
    c->min = strtod(eq + 1, &end);
    if (end == eq + 1 || *end != '\0' || !(c->min >= 0 && c->min <= 1))
        return snprintf(why, nwhy, "'%s' is not a number from 0 to 1",
                        eq + 1), -1;
    if ((at = strchr(buf, '@')) != NULL) {
        *at = '\0';
        snprintf(c->lang, sizeof(c->lang), "%s", at + 1);
        if (strcmp(c->lang, "all") == 0)
            c->lang[0] = '\0';
    }
    if ((colon = strchr(buf, ':')) != NULL) {
        *colon = '\0';
        if (strcmp(colon + 1, "lenient") == 0)
            c->lenient = 1;
        else if (strcmp(colon + 1, "strict") != 0)
            return snprintf(why, nwhy, "unknown measure '%s' (strict or "
                            "lenient)", colon + 1), -1;
    }
    c->attr = -1;
    if ((dot = strchr(buf, '.')) != NULL)
        *dot = '\0';
    if ((c->type = dipx_eval_type_find(buf)) < 0)
        return snprintf(why, nwhy, "unknown annotation type '%s'", buf), -1;
    if (dot != NULL) {
        ty = dipx_eval_type_get(c->type);
        for (i = 0; i < ty->nattr; i++)
            if (strcmp(ty->attr[i], dot + 1) == 0)
                c->attr = i;
        if (c->attr < 0)
            return snprintf(why, nwhy, "type '%s' has no attribute '%s'",
                            buf, dot + 1), -1;
        if (colon != NULL)
            return snprintf(why, nwhy, "an attribute has one measure: drop "
                            "':%s'", colon + 1), -1;
    }
    return 0;
}

static int
add_check(struct eval *ev, const char *spec, const char *file, long line)
{
    char why[160];

    if (ev->nchecks == MAX_CHECKS) {
        fprintf(ev->errf, PROG ": more than %d checks\n", MAX_CHECKS);
        return -1;
    }
    if (parse_check(spec, &ev->checks[ev->nchecks], why, sizeof(why)) < 0) {
        if (file != NULL)
            fprintf(ev->errf, PROG ": %s:%ld: bad check '%s': %s\n", file,
                    line, spec, why);
        else
            fprintf(ev->errf, PROG ": bad --min-f1 '%s': %s\n", spec, why);
        return -1;
    }
    ev->nchecks++;
    return 0;
}

/* Reads the checks of a floors file: one SPEC=F a line, '#' comments. */
static int
read_floors(struct eval *ev, const char *path)
{
    FILE *f = fopen(path, "r");
    char line[1024];
    long n = 0;
    int rc = 0;

    if (f == NULL) {
        fprintf(ev->errf, PROG ": %s: cannot open: %s\n", path,
                strerror(errno));
        return -1;
    }
    while (rc == 0 && fgets(line, sizeof(line), f) != NULL) {
        char *s = line, *e, *d;

        n++;
        if (strchr(line, '\n') == NULL && !feof(f)) {
            fprintf(ev->errf, PROG ": %s:%ld: line longer than %zu bytes\n",
                    path, n, sizeof(line) - 2);
            rc = -1;
            break;
        }
        if ((e = strchr(s, '#')) != NULL)
            *e = '\0';
        /* A check has no blanks: "vote = 0.9" is "vote=0.9". */
        for (d = e = s; *e; e++)
            if (!isspace((unsigned char)*e))
                *d++ = *e;
        *d = '\0';
        if (*s != '\0')
            rc = add_check(ev, s, path, n);
    }
    if (ferror(f)) {
        fprintf(ev->errf, PROG ": %s: read error\n", path);
        rc = -1;
    }
    fclose(f);
    return rc;
}

static int
parse(struct eval *ev, int argc, char **argv, FILE *out, int *done)
{
    struct option longopts[DIPX_OPT_MAX + 1];
    char shortopts[3 * DIPX_OPT_MAX + 2], *end;
    int c;

    dipx_cli_getopt_tables(options, NOPT, longopts, shortopts);
    optind = 1;
    opterr = 0;
    *done = 0;
    while ((c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
        switch (c) {
        case 'o': ev->output = optarg; break;
        case OPT_FORMAT:
            if (strcmp(optarg, "text") != 0 && strcmp(optarg, "tsv") != 0 &&
                strcmp(optarg, "xml") != 0) {
                fprintf(ev->errf, PROG ": --format: '%s' is not text, tsv "
                        "or xml\n", optarg);
                return -1;
            }
            ev->format = optarg;
            break;
        case OPT_LIST: ev->list = 1; break;
        case OPT_CONTEXT:
            ev->context = strtol(optarg, &end, 10);
            if (end == optarg || *end != '\0' || ev->context < 0 ||
                ev->context > 1000) {
                fprintf(ev->errf, PROG ": --context: '%s' is not a number "
                        "from 0 to 1000\n", optarg);
                return -1;
            }
            break;
        case OPT_MINF1:
            if (add_check(ev, optarg, NULL, 0) < 0)
                return -1;
            break;
        case OPT_FLOORS: ev->floors = optarg; break;
        case OPT_ONLY: ev->only_predicted = 1; break;
        case OPT_SOURCES: ev->sources = 1; break;
        case OPT_ANCHOR: ev->anchor = 1; break;
        case OPT_SHOW: ev->show = 1; break;
        case 'h': usage(out); *done = 1; return 0;
        case 'V': dipx_cli_version(out, PROG); *done = 1; return 0;
        default:
            dipx_cli_bad_option(ev->errf, PROG, c, argv);
            return -1;
        }
    }
    if (ev->floors != NULL && read_floors(ev, ev->floors) < 0)
        return -1;
    return 0;
}

/* ---- annotations ---------------------------------------------------- */

static int
annv_push(struct annv *a, const struct dipx_eval_ann *x)
{
    if (a->n == a->cap) {
        size_t nc = a->cap ? 2 * a->cap : 16;
        struct dipx_eval_ann *nv = realloc(a->v, nc * sizeof(*nv));

        if (nv == NULL)
            return DIPX_ENOMEM;
        a->v = nv;
        a->cap = nc;
    }
    a->v[a->n++] = *x;
    return 0;
}

/* Lower case ASCII, white space runs as one space, trimmed. */
static void
fold_title(struct dipx_buf *b, const char *s)
{
    int sp = 0;

    dipx_buf_puts(b, "title:");
    for (; *s; s++) {
        if (isspace((unsigned char)*s)) {
            sp = 1;
            continue;
        }
        if (sp && b->len > 6)
            dipx_buf_putc(b, ' ');
        sp = 0;
        dipx_buf_putc(b, tolower((unsigned char)*s));
    }
}

/* The value of attribute NAME of E as compared (see eval.h), copied into
 * OWNER's arena; NULL when absent. */
static const char *
attr_value(struct dipx_doc *owner, const struct dipx_layer *l,
           const struct dipx_elem *e, const char *name, int *oom)
{
    struct dipx_buf b = DIPX_BUF_INIT;
    const char *v = NULL, *r;
    size_t i;

    if (strcmp(e->name, "title") == 0 && strcmp(name, "symbol") == 0) {
        const char *of = dipx_elem_get(e, "of");

        for (i = 0; of != NULL && i < l->nelems; i++)
            if (strcmp(l->elems[i].name, "symbol") == 0 &&
                dipx_eval_same_value(dipx_elem_get(&l->elems[i], "id"), of))
                v = dipx_elem_get(&l->elems[i], "canonical");
    } else if (strcmp(name, "subject") == 0) {
        if ((v = dipx_elem_get(e, "ref")) == NULL &&
            (r = dipx_elem_get(e, "title")) != NULL) {
            fold_title(&b, r);
            v = b.data;
            if (v == NULL)
                *oom = 1;
        } else if (v == NULL) {
            v = dipx_elem_get(e, "subject");
        }
    } else {
        v = dipx_elem_get(e, name);
    }
    /* Qualifiers and sponsor names are words as written: "More than" at
     * the start of a sentence is "more than". */
    if (v != NULL && (strcmp(name, "qualifier") == 0 ||
                      strcmp(name, "lead") == 0)) {
        utf8proc_uint8_t *f = NULL;

        if (utf8proc_map((const utf8proc_uint8_t *)v, 0, &f,
                         UTF8PROC_NULLTERM | UTF8PROC_STABLE |
                             UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD) < 0) {
            v = NULL;   /* not UTF-8: cannot come from the reader */
        } else {
            v = dipx_doc_strdup(owner, (const char *)f);
            *oom |= v == NULL;
        }
        free(f);
        dipx_buf_free(&b);
        return v;
    }
    if (v != NULL && (v = dipx_doc_strdup(owner, v)) == NULL)
        *oom = 1;
    dipx_buf_free(&b);
    return v;
}

/* Code point offset of source byte B in the gold text (the source),
 * rounded down to a code point boundary. */
static int64_t
src_cp(const struct dipx_doc *g, struct dipx_cpcursor *cur, int64_t b)
{
    size_t x = b < 0 ? 0 : (size_t)b;

    if (x > g->text_len)
        x = g->text_len;
    while (x > 0 && ((unsigned char)g->text[x] & 0xC0) == 0x80)
        x--;
    return (int64_t)dipx_cpcursor_at(cur, x);
}

/*
 * Adds the annotations of D to GD's gold (GOLD set) or predicted lists.
 * Gold offsets are taken as they are; predicted ones are mapped through
 * D's edits to source bytes and then to code points of the gold text.
 */
static int
collect(struct gdoc *gd, struct dipx_doc *d, int gold, struct dipx_error *err)
{
    struct dipx_cpcursor cur = {gd->doc->text, 0, 0};
    int t, oom = 0;

    for (t = 0; t < DIPX_EVAL_NTYPES; t++) {
        const struct dipx_eval_type *ty = dipx_eval_type_get(t);
        const struct dipx_layer *l = dipx_doc_layer(d, ty->layer);
        size_t i, k;

        for (i = 0; l != NULL && i < l->nelems; i++) {
            const struct dipx_elem *top = &l->elems[i];
            size_t nk = ty->parent ? top->nkids : 1;

            if (strcmp(top->name, ty->parent ? ty->parent : ty->elem) != 0)
                continue;
            for (k = 0; k < nk; k++) {
                const struct dipx_elem *e = ty->parent ? &top->kids[k] : top;
                struct dipx_eval_ann a;
                size_t s, en;
                int64_t bs, be;
                int j;

                if (strcmp(e->name, ty->elem) != 0)
                    continue;
                memset(&a, 0, sizeof(a));
                if (dipx_elem_get_size(e, "start", &s) < 0 ||
                    dipx_elem_get_size(e, "end", &en) < 0 || s > en ||
                    en > d->text_cps)
                    return dipx_error_set(err, DIPX_EINPUT,
                                          "<%s id=\"%s\">: start and end "
                                          "are not a span of the text",
                                          e->name,
                                          dipx_elem_get(e, "id")
                                              ? dipx_elem_get(e, "id") : "");
                if (gold) {
                    a.start = (int64_t)s;
                    a.end = (int64_t)en;
                } else {
                    if (dipx_edits_map(d, s, en, &bs, &be) < 0)
                        return dipx_error_set(err, DIPX_EINPUT,
                                              "<%s>: span %zu-%zu does not "
                                              "map to the source", e->name,
                                              s, en);
                    a.start = src_cp(gd->doc, &cur, bs);
                    a.end = src_cp(gd->doc, &cur, be);
                }
                for (j = 0; j < ty->nattr; j++)
                    a.val[j] = attr_value(gd->doc, l, e, ty->attr[j], &oom);
                if (oom || annv_push(gold ? &gd->gold[t] : &gd->pred[t],
                                     &a) < 0)
                    return dipx_error_set(err, DIPX_ENOMEM,
                                          "out of memory");
            }
        }
    }
    return 0;
}

/* ---- the gold corpus ------------------------------------------------ */

static void
report(struct eval *ev, const char *file, long line, const char *doc,
       struct dipx_error *err)
{
    dipx_error_where(err, file, doc);
    if (line > 0)
        dipx_error_at(err, line, 0, -1);
    dipx_error_print(ev->errf, PROG, NULL, err);
    dipx_error_clear(err);
    if (ev->rval < DIPX_EXIT_PARTIAL)
        ev->rval = DIPX_EXIT_PARTIAL;
}

/* Checks that D's text is its source: whole, no edits, same sha256. */
static int
check_gold(const struct dipx_doc *d, struct dipx_error *err)
{
    char hex[DIPX_SHA256_HEX];

    if (d->nparts > 0)
        return dipx_error_set(err, DIPX_EINPUT, "a gold document is whole: "
                              "part=\"%d/%d\" is not allowed", d->part,
                              d->nparts);
    if (d->sha256 == NULL)
        return dipx_error_set(err, DIPX_EINPUT, "a gold document needs the "
                              "sha256 of its source");
    if (d->nedits > 0)
        return dipx_error_set(err, DIPX_EINPUT, "a gold document's text is "
                              "its source: it has %zu edits (start gold files "
                              "with dipx-eval --anchor)", d->nedits);
    dipx_sha256_of(d->text, d->text_len, hex);
    if (strcmp(hex, d->sha256) != 0)
        return dipx_error_set(err, DIPX_EINPUT, "the text is not the source "
                              "its sha256 names (text sha256 %.12s..., "
                              "source %.12s...)", hex, d->sha256);
    return 0;
}

static int
gdoc_cmp(const void *a, const void *b)
{
    return strcmp(((const struct gdoc *)a)->doc->id,
                  ((const struct gdoc *)b)->doc->id);
}

static struct gdoc *
gdoc_find(struct eval *ev, const char *id)
{
    size_t lo = 0, hi = ev->ng;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(ev->g[mid].doc->id, id);

        if (c == 0)
            return &ev->g[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

static int
lang_index(struct eval *ev, const char *lang)
{
    int i;

    for (i = 0; i < ev->nlangs; i++)
        if (strcmp(ev->langs[i], lang) == 0)
            return i;
    if (ev->nlangs == MAX_LANGS)
        return -1;
    snprintf(ev->langs[ev->nlangs], sizeof(ev->langs[0]), "%s", lang);
    return ev->nlangs++;
}

static void
gdoc_free(struct gdoc *g)
{
    int t;

    for (t = 0; t < DIPX_EVAL_NTYPES; t++) {
        free(g->gold[t].v);
        free(g->pred[t].v);
        free(g->gpair[t]);
        free(g->ppair[t]);
        free(g->gkind[t]);
    }
    free(g->file);
    free(g->parts);
    dipx_doc_free(g->doc);
}

/* Reads every gold document into EV.  Returns 0, or -1 on a fatal error
 * (bad documents are reported and left out). */
static int
load_gold(struct eval *ev)
{
    struct dipx_reader *rd = dipx_reader_new();
    struct dipx_error err;
    struct dipx_doc *d;
    const char *file;
    long line;
    size_t i;
    int rc, fatal = -1;

    dipx_error_clear(&err);
    if (rd == NULL)
        goto out;
    if (dipx_reader_add(rd, ev->gold_path, &err) < 0) {
        dipx_error_print(ev->errf, PROG, NULL, &err);
        goto out;
    }
    while ((rc = dipx_reader_next(rd, &d, &err)) != 0) {
        struct gdoc *g;
        size_t n;

        if (rc < 0) {
            report(ev, NULL, 0, NULL, &err);
            continue;
        }
        dipx_reader_where(rd, &file, &line);
        if (check_gold(d, &err) < 0) {
            report(ev, file, line, d->id, &err);
            dipx_doc_free(d);
            continue;
        }
        if (ev->ng == ev->capg) {
            size_t nc = ev->capg ? 2 * ev->capg : 64;
            struct gdoc *nv = realloc(ev->g, nc * sizeof(*nv));

            if (nv == NULL) {
                dipx_doc_free(d);
                goto oom;
            }
            ev->g = nv;
            ev->capg = nc;
        }
        g = &ev->g[ev->ng++];
        memset(g, 0, sizeof(*g));
        g->doc = d;
        g->line = line;
        if ((g->file = strdup(file)) == NULL)
            goto oom;
        n = d->lang ? strcspn(d->lang, "-") : 0;
        if (n > 0)
            snprintf(g->lang, sizeof(g->lang), "%.*s", (int)n, d->lang);
        else
            snprintf(g->lang, sizeof(g->lang), "und");
        if (lang_index(ev, g->lang) < 0) {
            fprintf(ev->errf, PROG ": more than %d languages in the gold\n",
                    MAX_LANGS);
            goto out;
        }
        if ((rc = collect(g, d, 1, &err)) < 0) {
            if (rc == DIPX_ENOMEM)
                goto oom;
            report(ev, g->file, g->line, d->id, &err);
            gdoc_free(g);
            ev->ng--;
        }
    }
    if (ev->ng > 1)
        qsort(ev->g, ev->ng, sizeof(*ev->g), gdoc_cmp);
    for (i = 1; i < ev->ng; i++)
        if (strcmp(ev->g[i - 1].doc->id, ev->g[i].doc->id) == 0) {
            fprintf(ev->errf, PROG ": %s:%ld: doc %s: the gold has this "
                    "document twice (also %s:%ld)\n", ev->g[i].file,
                    ev->g[i].line, ev->g[i].doc->id, ev->g[i - 1].file,
                    ev->g[i - 1].line);
            goto out;
        }
    fatal = 0;
    goto out;
oom:
    fprintf(ev->errf, PROG ": out of memory\n");
out:
    dipx_reader_free(rd);
    return fatal;
}

/* ---- predictions ---------------------------------------------------- */

/* Records that part PART of G was predicted (0: the whole document).
 * Returns 1 when it was already, 0 when new, or DIPX_ENOMEM. */
static int
seen_part(struct gdoc *g, int part)
{
    size_t i;

    for (i = 0; i < g->nparts; i++)
        if (g->parts[i] == part)
            return 1;
    if (g->nparts == g->capparts) {
        size_t nc = g->capparts ? 2 * g->capparts : 4;
        int *nv = realloc(g->parts, nc * sizeof(*nv));

        if (nv == NULL)
            return DIPX_ENOMEM;
        g->parts = nv;
        g->capparts = nc;
    }
    g->parts[g->nparts++] = part;
    return 0;
}

static int
read_predictions(struct eval *ev, int argc, char **argv)
{
    struct dipx_reader *rd = dipx_reader_new();
    struct dipx_error err;
    struct dipx_doc *d;
    const char *file;
    long line;
    int i, rc, fatal = -1;

    dipx_error_clear(&err);
    if (rd == NULL)
        goto out;
    for (i = 0; i < argc; i++)
        if (dipx_reader_add(rd, argv[i], &err) < 0)
            report(ev, NULL, 0, NULL, &err);
    if (argc == 0)
        dipx_reader_add(rd, "-", &err);
    while ((rc = dipx_reader_next(rd, &d, &err)) != 0) {
        struct gdoc *g;

        if (rc < 0) {
            report(ev, NULL, 0, NULL, &err);
            continue;
        }
        dipx_reader_where(rd, &file, &line);
        ev->pred_docs++;
        if ((g = gdoc_find(ev, d->id)) == NULL) {
            ev->pred_unknown++;
        } else if (g->bad) {
            /* Reported with its first part. */
        } else if (d->sha256 == NULL || strcmp(d->sha256, g->doc->sha256)) {
            dipx_error_set(&err, DIPX_EINPUT, "the source is not the one "
                           "the gold was made from (sha256 %.12s..., gold "
                           "%.12s... in %s): annotate it again",
                           d->sha256 ? d->sha256 : "none", g->doc->sha256,
                           g->file);
            report(ev, file, line, d->id, &err);
            g->bad = 1;
        } else if ((rc = seen_part(g, d->part)) != 0) {
            if (rc < 0) {
                dipx_doc_free(d);
                fprintf(ev->errf, PROG ": out of memory\n");
                goto out;
            }
            dipx_error_set(&err, DIPX_EINPUT, "this document was predicted "
                           "before: the second copy is not scored");
            report(ev, file, line, d->id, &err);
        } else {
            if ((rc = collect(g, d, 0, &err)) < 0) {
                if (rc == DIPX_ENOMEM) {
                    dipx_doc_free(d);
                    fprintf(ev->errf, PROG ": out of memory\n");
                    goto out;
                }
                report(ev, file, line, d->id, &err);
                g->bad = 1;
            }
        }
        dipx_doc_free(d);
    }
    fatal = 0;
out:
    dipx_reader_free(rd);
    return fatal;
}

/* ---- scoring -------------------------------------------------------- */

/* 1 when G is scored: not refused, and predicted unless missing
 * predictions count (the default). */
static int
scored(const struct eval *ev, const struct gdoc *g)
{
    return !g->bad && (g->nparts > 0 || !ev->only_predicted);
}

static int
score(struct eval *ev)
{
    size_t i;
    int t;

    for (i = 0; i < ev->ng; i++) {
        struct gdoc *g = &ev->g[i];
        int li;

        if (g->nparts == 0 && !g->bad && !ev->only_predicted) {
            fprintf(ev->errf, PROG ": %s:%ld: doc %s: no prediction for "
                    "this document: its gold annotations count as missed\n",
                    g->file, g->line, g->doc->id);
            if (ev->rval < DIPX_EXIT_PARTIAL)
                ev->rval = DIPX_EXIT_PARTIAL;
        }
        if (!scored(ev, g))
            continue;
        li = lang_index(ev, g->lang);
        for (t = 0; t < DIPX_EVAL_NTYPES; t++) {
            const struct dipx_eval_type *ty = dipx_eval_type_get(t);
            struct annv *ga = &g->gold[t], *pa = &g->pred[t];
            struct dipx_eval_counts c;
            double p, r, fs, fl;
            int k;

            g->gpair[t] = malloc((ga->n ? ga->n : 1) * sizeof(long));
            g->ppair[t] = malloc((pa->n ? pa->n : 1) * sizeof(long));
            g->gkind[t] = malloc(ga->n ? ga->n : 1);
            if (g->gpair[t] == NULL || g->ppair[t] == NULL ||
                g->gkind[t] == NULL ||
                dipx_eval_match(ga->v, ga->n, pa->v, pa->n, ty->nattr,
                                g->gpair[t], g->ppair[t], g->gkind[t]) < 0)
                return DIPX_ENOMEM;
            memset(&c, 0, sizeof(c));
            dipx_eval_count(ga->v, ga->n, pa->v, pa->n, ty->nattr,
                            g->gpair[t], g->gkind[t], &c);
            if (c.gold + c.pred == 0)
                continue;
            dipx_eval_prf(&c, 0, &p, &r, &fs);
            dipx_eval_prf(&c, 1, &p, &r, &fl);
            for (k = 0; k < 2; k++) {
                struct cell *cl = &ev->cells[t][k ? MAX_LANGS : li];

                dipx_eval_counts_add(&cl->c, &c);
                cl->docs++;
                cl->macro_s += fs;
                cl->macro_l += fl;
            }
        }
    }
    return 0;
}

static const struct cell *
cell_of(const struct eval *ev, int t, const char *lang)
{
    int i;

    if (lang == NULL || *lang == '\0')
        return &ev->cells[t][MAX_LANGS];
    for (i = 0; i < ev->nlangs; i++)
        if (strcmp(ev->langs[i], lang) == 0)
            return &ev->cells[t][i];
    return NULL;
}

/* Runs the checks; returns the number that failed. */
static int
run_checks(struct eval *ev)
{
    int i, failed = 0;

    for (i = 0; i < ev->nchecks; i++) {
        struct check *c = &ev->checks[i];
        const struct cell *cl = cell_of(ev, c->type, c->lang);
        double p, r;

        if (cl == NULL) {
            /* A language the gold does not have is a typo, not a pass. */
            fprintf(ev->errf, PROG ": check %s: the gold has no document "
                    "in '%s'\n", c->spec, c->lang);
            c->got = 0;
            c->ok = 0;
            failed++;
            continue;
        }
        if (c->attr >= 0)
            dipx_eval_attr_prf(&cl->c, c->attr, &p, &r, &c->got);
        else
            dipx_eval_prf(&cl->c, c->lenient, &p, &r, &c->got);
        /* Compared as printed (3 decimals), so that what the table shows
         * is what the check judged. */
        c->ok = (long)(c->got * 1000 + 0.5) >= (long)(c->min * 1000 + 0.5);
        if (!c->ok) {
            fprintf(ev->errf, PROG ": F1 of %s is %.3f, under the floor "
                    "%.3f\n", c->spec, c->got, c->min);
            failed++;
        }
    }
    return failed;
}

/* ---- output --------------------------------------------------------- */

/* One line of the score tables, in every format. */
struct row {
    const char *type, *attr, *lang;
    const struct cell *cell;
    int a;                      /* attribute index, or -1 */
};

static int
row_empty(const struct row *r)
{
    const struct dipx_eval_counts *c = &r->cell->c;

    if (r->a >= 0)
        return c->agold[r->a] + c->apred[r->a] == 0;
    /* Every type has its line for all languages, even with nothing. */
    return strcmp(r->lang, "all") != 0 && c->gold + c->pred == 0;
}

static void
text_header(FILE *out)
{
    fprintf(out, "%-9s %-4s %4s %5s %5s %5s %5s %5s %5s | %-17s | %-17s |"
            " %s\n", "", "", "", "", "", "", "", "", "",
            "strict", "lenient", "macro F1");
    fprintf(out, "%-9s %-4s %4s %5s %5s %5s %5s %5s %5s | %5s %5s %5s | "
            "%5s %5s %5s | %6s %7s\n", "type", "lang", "docs", "gold", "pred",
            "corr", "part", "miss", "spur", "P", "R", "F1", "P", "R", "F1",
            "strict", "lenient");
}

static void
text_row(void *out, const struct row *r)
{
    const struct cell *cl = r->cell;
    const struct dipx_eval_counts *c = &cl->c;
    double p, rr, f, pl, rl, fl;
    char name[64];

    if (r->a >= 0) {
        dipx_eval_attr_prf(c, r->a, &p, &rr, &f);
        snprintf(name, sizeof(name), "%s.%s", r->type, r->attr);
        fprintf(out, "%-20s %-4s %5ld %5ld %5ld   %5.3f %5.3f %5.3f\n", name,
                r->lang, c->agold[r->a], c->apred[r->a], c->acorrect[r->a],
                p, rr, f);
        return;
    }
    dipx_eval_prf(c, 0, &p, &rr, &f);
    dipx_eval_prf(c, 1, &pl, &rl, &fl);
    fprintf(out, "%-9s %-4s %4ld %5ld %5ld %5ld %5ld %5ld %5ld | %5.3f %5.3f "
            "%5.3f | %5.3f %5.3f %5.3f | ", r->type, r->lang, cl->docs,
            c->gold, c->pred, c->correct, c->partial, c->missing, c->spurious,
            p, rr, f, pl, rl, fl);
    if (cl->docs > 0)
        fprintf(out, "%6.3f %7.3f\n", cl->macro_s / (double)cl->docs,
                cl->macro_l / (double)cl->docs);
    else
        fprintf(out, "%6s %7s\n", "-", "-");
}

static void
tsv_row(void *out, const struct row *r)
{
    const struct cell *cl = r->cell;
    const struct dipx_eval_counts *c = &cl->c;
    double p, rr, f, pl, rl, fl;

    if (r->a >= 0) {
        dipx_eval_attr_prf(c, r->a, &p, &rr, &f);
        fprintf(out, "attr\t%s\t%s\t%s\t\t%ld\t%ld\t%ld\t\t\t\t%.4f\t%.4f\t"
                "%.4f\t\t\t\t\t\n", r->type, r->attr, r->lang,
                c->agold[r->a], c->apred[r->a], c->acorrect[r->a], p, rr, f);
        return;
    }
    dipx_eval_prf(c, 0, &p, &rr, &f);
    dipx_eval_prf(c, 1, &pl, &rl, &fl);
    fprintf(out, "type\t%s\t\t%s\t%ld\t%ld\t%ld\t%ld\t%ld\t%ld\t%ld\t%.4f\t"
            "%.4f\t%.4f\t%.4f\t%.4f\t%.4f\t", r->type, r->lang, cl->docs,
            c->gold, c->pred, c->correct, c->partial, c->missing, c->spurious,
            p, rr, f, pl, rl, fl);
    if (cl->docs > 0)
        fprintf(out, "%.4f\t%.4f\n", cl->macro_s / (double)cl->docs,
                cl->macro_l / (double)cl->docs);
    else
        fprintf(out, "\t\n");
}

static void
xml_double(xmlTextWriterPtr xw, const char *name, double v)
{
    xmlTextWriterWriteFormatAttribute(xw, BAD_CAST name, "%.4f", v);
}

static void
xml_long(xmlTextWriterPtr xw, const char *name, long v)
{
    xmlTextWriterWriteFormatAttribute(xw, BAD_CAST name, "%ld", v);
}

static void
xml_row(void *xw, const struct row *r)
{
    const struct cell *cl = r->cell;
    const struct dipx_eval_counts *c = &cl->c;
    double p, rr, f;

    xmlTextWriterStartElement(xw, BAD_CAST(r->a >= 0 ? "attr" : "score"));
    xmlTextWriterWriteAttribute(xw, BAD_CAST "type", BAD_CAST r->type);
    if (r->a >= 0)
        xmlTextWriterWriteAttribute(xw, BAD_CAST "name", BAD_CAST r->attr);
    xmlTextWriterWriteAttribute(xw, BAD_CAST "lang", BAD_CAST r->lang);
    if (r->a >= 0) {
        dipx_eval_attr_prf(c, r->a, &p, &rr, &f);
        xml_long(xw, "gold", c->agold[r->a]);
        xml_long(xw, "pred", c->apred[r->a]);
        xml_long(xw, "correct", c->acorrect[r->a]);
        xml_double(xw, "p", p);
        xml_double(xw, "r", rr);
        xml_double(xw, "f1", f);
    } else {
        xml_long(xw, "docs", cl->docs);
        xml_long(xw, "gold", c->gold);
        xml_long(xw, "pred", c->pred);
        xml_long(xw, "correct", c->correct);
        xml_long(xw, "partial", c->partial);
        xml_long(xw, "missing", c->missing);
        xml_long(xw, "spurious", c->spurious);
        dipx_eval_prf(c, 0, &p, &rr, &f);
        xml_double(xw, "p-strict", p);
        xml_double(xw, "r-strict", rr);
        xml_double(xw, "f1-strict", f);
        dipx_eval_prf(c, 1, &p, &rr, &f);
        xml_double(xw, "p-lenient", p);
        xml_double(xw, "r-lenient", rr);
        xml_double(xw, "f1-lenient", f);
        if (cl->docs > 0) {
            xml_double(xw, "macro-f1-strict", cl->macro_s / (double)cl->docs);
            xml_double(xw, "macro-f1-lenient",
                       cl->macro_l / (double)cl->docs);
        }
    }
    xmlTextWriterEndElement(xw);
}

/* Calls EMIT for every row: per type, each language then all; then per
 * attribute likewise (rows without any value left out). */
static void
each_row(const struct eval *ev, int attrs,
         void (*emit)(void *, const struct row *), void *arg)
{
    int t, a, l;

    for (t = 0; t < DIPX_EVAL_NTYPES; t++) {
        const struct dipx_eval_type *ty = dipx_eval_type_get(t);

        for (a = attrs ? 0 : -1; a < (attrs ? ty->nattr : 0); a++)
            for (l = 0; l <= ev->nlangs; l++) {
                struct row r;

                r.type = ty->name;
                r.attr = a >= 0 ? ty->attr[a] : "";
                r.lang = l < ev->nlangs ? ev->langs[l] : "all";
                r.cell = &ev->cells[t][l < ev->nlangs ? l : MAX_LANGS];
                r.a = a;
                if (!row_empty(&r))
                    emit(arg, &r);
            }
    }
}

/* "name=value name=value" of the attributes A has. */
static void
attr_text(struct dipx_buf *b, const struct dipx_eval_type *ty,
          const struct dipx_eval_ann *a)
{
    int i;

    dipx_buf_reset(b);
    for (i = 0; i < ty->nattr; i++)
        if (a->val[i] != NULL)
            dipx_buf_printf(b, "%s%s=%s", b->len ? " " : "", ty->attr[i],
                            a->val[i]);
    if (b->data == NULL)
        dipx_buf_puts(b, "");
}

/* Appends N bytes of S with line breaks and tabs as spaces. */
static void
put_flat(struct dipx_buf *b, const char *s, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        dipx_buf_putc(b, s[i] == '\n' || s[i] == '\t' || s[i] == '\r' ? ' '
                                                                   : s[i]);
}

/* The text around [START, END) of G's text, the span in [[ ]], line
 * breaks and tabs as spaces. */
static void
context_text(struct dipx_buf *b, const struct dipx_doc *g, int64_t start,
             int64_t end, long ctx)
{
    size_t cs = (size_t)(start > ctx ? start - ctx : 0);
    size_t ce = (size_t)end + (size_t)ctx, b0, b1, b2, b3;

    b0 = dipx_utf8_offset(g->text, g->text_len, cs);
    b1 = dipx_utf8_offset(g->text, g->text_len, (size_t)start);
    b2 = dipx_utf8_offset(g->text, g->text_len, (size_t)end);
    b3 = dipx_utf8_offset(g->text, g->text_len, ce);
    dipx_buf_reset(b);
    put_flat(b, g->text + b0, b1 - b0);
    dipx_buf_puts(b, "[[");
    put_flat(b, g->text + b1, b2 - b1);
    dipx_buf_puts(b, "]]");
    put_flat(b, g->text + b2, b3 - b2);
    if (b->data == NULL)
        dipx_buf_puts(b, "");
}

/* One difference: KIND of annotation type T in G; GA / PA the gold and
 * predicted annotations (either may be NULL). */
struct diff {
    const char *kind;
    const struct dipx_eval_type *ty;
    const struct gdoc *g;
    const struct dipx_eval_ann *ga, *pa;
};

static void
print_diff(const struct eval *ev, FILE *out, xmlTextWriterPtr xw,
           const struct diff *d, struct dipx_buf *b1, struct dipx_buf *b2,
           struct dipx_buf *b3)
{
    const struct dipx_eval_ann *a = d->ga ? d->ga : d->pa;
    char gs[48] = "", ps[48] = "";

    attr_text(b1, d->ty, d->ga ? d->ga : d->pa);
    if (d->ga && d->pa)
        attr_text(b2, d->ty, d->pa);
    else
        dipx_buf_reset(b2);
    context_text(b3, d->g->doc, a->start, a->end, ev->context);
    if (d->ga)
        snprintf(gs, sizeof(gs), "%lld-%lld", (long long)d->ga->start,
                 (long long)d->ga->end);
    if (d->pa)
        snprintf(ps, sizeof(ps), "%lld-%lld", (long long)d->pa->start,
                 (long long)d->pa->end);
    if (xw != NULL) {
        xmlTextWriterStartElement(xw, BAD_CAST "diff");
        xmlTextWriterWriteAttribute(xw, BAD_CAST "kind", BAD_CAST d->kind);
        xmlTextWriterWriteAttribute(xw, BAD_CAST "type",
                                    BAD_CAST d->ty->name);
        xmlTextWriterWriteAttribute(xw, BAD_CAST "doc",
                                    BAD_CAST d->g->doc->id);
        if (d->ga) {
            xml_long(xw, "gold-start", (long)d->ga->start);
            xml_long(xw, "gold-end", (long)d->ga->end);
            xmlTextWriterWriteAttribute(xw, BAD_CAST "gold",
                                        BAD_CAST(b1->data ? b1->data : ""));
        }
        if (d->pa) {
            xml_long(xw, "pred-start", (long)d->pa->start);
            xml_long(xw, "pred-end", (long)d->pa->end);
            xmlTextWriterWriteAttribute(
                xw, BAD_CAST "pred",
                BAD_CAST(d->ga ? (b2->data ? b2->data : "")
                               : (b1->data ? b1->data : "")));
        }
        xmlTextWriterWriteString(xw, BAD_CAST(b3->data ? b3->data : ""));
        xmlTextWriterEndElement(xw);
    } else if (strcmp(ev->format, "tsv") == 0) {
        fprintf(out, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", d->kind,
                d->ty->name, d->g->doc->id, gs, ps,
                d->ga ? b1->data : "",
                d->pa ? (d->ga ? b2->data : b1->data) : "", b3->data);
    } else {
        fprintf(out, "%-8s %-8s %s  gold %s pred %s\n", d->kind, d->ty->name,
                d->g->doc->id, *gs ? gs : "-", *ps ? ps : "-");
        if (d->ga)
            fprintf(out, "    gold: %s\n", b1->data);
        if (d->pa)
            fprintf(out, "    pred: %s\n", d->ga ? b2->data : b1->data);
        if (d->ga && d->pa) {
            int i;

            fprintf(out, "    differs:");
            if (d->ga->start != d->pa->start || d->ga->end != d->pa->end)
                fprintf(out, " span");
            for (i = 0; i < d->ty->nattr; i++)
                if (!dipx_eval_same_value(d->ga->val[i], d->pa->val[i]))
                    fprintf(out, " %s", d->ty->attr[i]);
            fprintf(out, "\n");
        }
        fprintf(out, "    text: %s\n", b3->data);
    }
}

/* Lists the differences, document by document, in gold order, then the
 * spurious ones. */
static void
each_diff(const struct eval *ev, FILE *out, xmlTextWriterPtr xw)
{
    struct dipx_buf b1 = DIPX_BUF_INIT, b2 = DIPX_BUF_INIT,
                    b3 = DIPX_BUF_INIT;
    size_t i, k;
    int t;

    for (i = 0; i < ev->ng; i++) {
        const struct gdoc *g = &ev->g[i];

        for (t = 0; t < DIPX_EVAL_NTYPES; t++) {
            const struct annv *ga = &g->gold[t], *pa = &g->pred[t];
            struct diff d;

            if (g->gpair[t] == NULL)
                continue;
            d.ty = dipx_eval_type_get(t);
            d.g = g;
            for (k = 0; k < ga->n; k++) {
                if (g->gkind[t][k] == DIPX_EVAL_CORRECT)
                    continue;
                d.kind = g->gpair[t][k] < 0 ? "missing" : "partial";
                d.ga = &ga->v[k];
                d.pa = g->gpair[t][k] < 0 ? NULL : &pa->v[g->gpair[t][k]];
                print_diff(ev, out, xw, &d, &b1, &b2, &b3);
            }
            for (k = 0; k < pa->n; k++) {
                if (g->ppair[t][k] >= 0)
                    continue;
                d.kind = "spurious";
                d.ga = NULL;
                d.pa = &pa->v[k];
                print_diff(ev, out, xw, &d, &b1, &b2, &b3);
            }
        }
    }
    dipx_buf_free(&b1);
    dipx_buf_free(&b2);
    dipx_buf_free(&b3);
}

static long
scored_docs(const struct eval *ev)
{
    long n = 0;
    size_t i;

    for (i = 0; i < ev->ng; i++)
        n += scored(ev, &ev->g[i]);
    return n;
}

static void
write_text(const struct eval *ev, FILE *out)
{
    int i;

    fprintf(out, "gold %s: %zu documents, %ld scored; %ld predicted "
            "documents read, %ld not in the gold\n\n", ev->gold_path, ev->ng,
            scored_docs(ev), ev->pred_docs, ev->pred_unknown);
    text_header(out);
    each_row(ev, 0, text_row, out);
    fprintf(out, "\n%-20s %-4s %5s %5s %5s   %5s %5s %5s\n", "attribute",
            "lang", "gold", "pred", "corr", "P", "R", "F1");
    each_row(ev, 1, text_row, out);
    if (ev->nchecks > 0) {
        fprintf(out, "\n%-32s %6s %6s\n", "check", "F1", "floor");
        for (i = 0; i < ev->nchecks; i++)
            fprintf(out, "%-32s %6.3f %6.3f %s\n", ev->checks[i].spec,
                    ev->checks[i].got, ev->checks[i].min,
                    ev->checks[i].ok ? "ok" : "FAILED");
    }
    if (ev->list) {
        fprintf(out, "\n");
        each_diff(ev, out, NULL);
    }
}

static void
write_tsv(const struct eval *ev, FILE *out)
{
    if (ev->list) {
        fprintf(out, "kind\ttype\tdoc\tgold\tpred\tgold_attrs\tpred_attrs\t"
                "context\n");
        each_diff(ev, out, NULL);
        return;
    }
    fprintf(out, "kind\ttype\tattr\tlang\tdocs\tgold\tpred\tcorrect\t"
            "partial\tmissing\tspurious\tp_strict\tr_strict\tf1_strict\t"
            "p_lenient\tr_lenient\tf1_lenient\tmacro_f1_strict\t"
            "macro_f1_lenient\n");
    each_row(ev, 0, tsv_row, out);
    each_row(ev, 1, tsv_row, out);
}

static int
write_xml(const struct eval *ev, FILE *out)
{
    xmlOutputBufferPtr ob = xmlOutputBufferCreateFile(out, NULL);
    xmlTextWriterPtr xw;
    int i;

    if (ob == NULL || (xw = xmlNewTextWriter(ob)) == NULL) {
        if (ob != NULL)
            xmlOutputBufferClose(ob);
        return DIPX_ENOMEM;
    }
    xmlTextWriterSetIndent(xw, 1);
    xmlTextWriterSetIndentString(xw, BAD_CAST "  ");
    xmlTextWriterStartDocument(xw, "1.0", "UTF-8", NULL);
    xmlTextWriterStartElementNS(xw, NULL, BAD_CAST "eval",
                                BAD_CAST DIPX_EVAL_NS);
    xmlTextWriterWriteAttribute(xw, BAD_CAST "gold", BAD_CAST ev->gold_path);
    xml_long(xw, "docs", (long)ev->ng);
    xml_long(xw, "scored", scored_docs(ev));
    xml_long(xw, "predicted", ev->pred_docs);
    xml_long(xw, "unknown", ev->pred_unknown);
    each_row(ev, 0, xml_row, xw);
    each_row(ev, 1, xml_row, xw);
    for (i = 0; i < ev->nchecks; i++) {
        xmlTextWriterStartElement(xw, BAD_CAST "check");
        xmlTextWriterWriteAttribute(xw, BAD_CAST "spec",
                                    BAD_CAST ev->checks[i].spec);
        xml_double(xw, "min", ev->checks[i].min);
        xml_double(xw, "f1", ev->checks[i].got);
        xmlTextWriterWriteAttribute(xw, BAD_CAST "ok",
                                    BAD_CAST(ev->checks[i].ok ? "yes" : "no"));
        xmlTextWriterEndElement(xw);
    }
    if (ev->list)
        each_diff(ev, out, xw);
    xmlTextWriterEndDocument(xw);
    xmlFreeTextWriter(xw);
    return 0;
}

static void
write_sources(struct eval *ev, FILE *out)
{
    size_t i;

    for (i = 0; i < ev->ng; i++)
        if (ev->g[i].doc->source != NULL)
            fprintf(out, "%s\n", ev->g[i].doc->source);
        else
        {
            fprintf(ev->errf, PROG ": %s:%ld: doc %s: no source= to "
                    "print\n", ev->g[i].file, ev->g[i].line,
                    ev->g[i].doc->id);
            ev->rval = DIPX_EXIT_PARTIAL;
        }
}

/* Every gold annotation, document by document, with the text it spans:
 * what a reviewer of the gold reads. */
static void
write_show(const struct eval *ev, FILE *out)
{
    struct dipx_buf b = DIPX_BUF_INIT;
    size_t i, k;
    int t;

    for (i = 0; i < ev->ng; i++) {
        const struct gdoc *g = &ev->g[i];

        fprintf(out, "%s%s (%s) %s\n", i ? "\n" : "", g->doc->id, g->lang,
                g->doc->source ? g->doc->source : "");
        for (t = 0; t < DIPX_EVAL_NTYPES; t++) {
            const struct dipx_eval_type *ty = dipx_eval_type_get(t);

            for (k = 0; k < g->gold[t].n; k++) {
                const struct dipx_eval_ann *a = &g->gold[t].v[k];
                size_t b0 = dipx_utf8_offset(g->doc->text, g->doc->text_len,
                                             (size_t)a->start);
                size_t b1 = dipx_utf8_offset(g->doc->text, g->doc->text_len,
                                             (size_t)a->end);

                attr_text(&b, ty, a);
                fprintf(out, "  %-8s %5lld-%-5lld %s\n           \"%.*s\"\n",
                        ty->name, (long long)a->start, (long long)a->end,
                        b.data, (int)(b1 - b0), g->doc->text + b0);
            }
        }
    }
    dipx_buf_free(&b);
}

int
dipx_eval_main(int argc, char **argv, FILE *out, FILE *errf)
{
    struct eval ev;
    struct dipx_atomic atomic = {0};
    struct dipx_error err;
    FILE *o = out;
    size_t i;
    int done, failed = 0;

    memset(&ev, 0, sizeof(ev));
    ev.errf = errf;
    ev.format = "text";
    ev.context = 40;
    if (parse(&ev, argc, argv, out, &done) < 0)
        return DIPX_EXIT_FATAL;
    if (done)
        return dipx_cli_finish(out, errf, PROG, DIPX_EXIT_OK);
    dipx_error_clear(&err);
    if (ev.anchor)
        return dipx_eval_anchor(argc - optind, argv + optind, ev.output,
                                out, errf);
    if (optind >= argc) {
        fprintf(errf, PROG ": no gold corpus named (try --help)\n");
        return DIPX_EXIT_FATAL;
    }
    ev.gold_path = argv[optind++];
    if (load_gold(&ev) < 0) {
        ev.rval = DIPX_EXIT_FATAL;
        goto out;
    }
    if (ev.output != NULL && dipx_atomic_open(&atomic, ev.output, &err) < 0) {
        dipx_error_print(errf, PROG, NULL, &err);
        ev.rval = DIPX_EXIT_FATAL;
        goto out;
    }
    if (ev.output != NULL)
        o = atomic.f;
    if (ev.sources) {
        write_sources(&ev, o);
    } else if (ev.show) {
        write_show(&ev, o);
    } else {
        if (read_predictions(&ev, argc - optind, argv + optind) < 0 ||
            score(&ev) < 0) {
            fprintf(errf, PROG ": out of memory\n");
            ev.rval = DIPX_EXIT_FATAL;
            goto out;
        }
        failed = run_checks(&ev);
        if (strcmp(ev.format, "xml") == 0)
            write_xml(&ev, o);
        else if (strcmp(ev.format, "tsv") == 0)
            write_tsv(&ev, o);
        else
            write_text(&ev, o);
    }
    if (ev.output != NULL) {
        if (dipx_atomic_commit(&atomic, &err) < 0) {
            dipx_error_print(errf, PROG, NULL, &err);
            ev.rval = DIPX_EXIT_FATAL;
        }
    }
    if (failed && ev.rval < DIPX_EXIT_FATAL)
        ev.rval = DIPX_EXIT_CHECK;
out:
    if (atomic.f != NULL)
        dipx_atomic_abort(&atomic);
    for (i = 0; i < ev.ng; i++)
        gdoc_free(&ev.g[i]);
    free(ev.g);
    return dipx_cli_finish(out, errf, PROG, ev.rval);
}
