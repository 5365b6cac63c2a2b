/* stage.c - the frame of the extraction stages (stage.h). */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>

#include "dipx/cli.h"
#include "dipx/fs.h"
#include "dipx/stage.h"
#include "dipx/stream.h"

enum { OPT_DICT = 256, OPT_LANG };

static const struct dipx_opt options[] = {
    {"output", 'o', "FILE", "write to FILE (atomically), not stdout"},
    {"lang", OPT_LANG, "LANG", "use LANG's dictionaries for every document"},
    {"dict", OPT_DICT, "DIR", "dictionary directory"},
    {"help", 'h', NULL, "show this help and exit"},
    {"version", 'V', NULL, "show the version and exit"},
};
#define NOPT (sizeof(options) / sizeof(options[0]))

struct run {
    const struct dipx_stage *st;
    char prog[64];
    const char *output, *dict_dir, *lang;
    FILE *errf;
    struct dipx_dict *dict;
    void *ctx;
    const char *digest;
    int rval;
    int out_failed;             /* the output could not be written */
};

static void
usage(const struct run *r, FILE *out)
{
    fprintf(out, "usage: %s [options] [STREAM | DIR | -]...\n\n%s\n\n"
            "Reads the dipx stream (files, directories of *.xml, or standard "
            "input),\nneeds the layers: %s; replaces its own layer '%s' in "
            "each document\nand writes the stream.\n\n",
            r->prog, r->st->summary, r->st->needs, r->st->name);
    dipx_cli_print_options(out, options, NOPT);
    fprintf(out, "\nExit status: 0 all documents fine; 1 some documents or "
            "inputs failed (reported,\nthe rest written); 2 usage or fatal "
            "error, or a needed layer missing.\n");
}

static int
parse(struct run *r, int argc, char **argv, FILE *out, int *done)
{
    struct option longopts[DIPX_OPT_MAX + 1];
    char shortopts[3 * DIPX_OPT_MAX + 2];
    int c;

    dipx_cli_getopt_tables(options, NOPT, longopts, shortopts);
    optind = 1;
    opterr = 0;
    *done = 0;
    while ((c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
        switch (c) {
        case 'o': r->output = optarg; break;
        case OPT_DICT: r->dict_dir = optarg; break;
        case OPT_LANG: r->lang = optarg; break;
        case 'h': usage(r, out); *done = 1; return 0;
        case 'V': dipx_cli_version(out, r->prog); *done = 1; return 0;
        default:
            dipx_cli_bad_option(r->errf, r->prog, c, argv);
            return -1;
        }
    }
    return 0;
}

/* One document: check its needs, run the stage, write it.  Messages name
 * the stream file and the line the document starts on. */
static int
one_doc(struct run *r, struct dipx_doc *doc, struct dipx_writer *w,
        const struct dipx_reader *rd)
{
    struct dipx_error err;
    const char *n = r->st->needs, *file;
    struct dipx_layer *l, *saved = NULL;
    size_t nsaved = doc->nlayers;
    long line;
    int rc = 0;

    dipx_error_clear(&err);
    dipx_reader_where(rd, &file, &line);
    dipx_error_where(&err, file, doc->id);
    dipx_error_at(&err, line, 0, -1);
    while (n != NULL && *n && rc == 0) {
        char need[64];
        size_t k = strcspn(n, " ");

        snprintf(need, sizeof(need), "%.*s", (int)k, n);
        rc = dipx_doc_require(doc, need, &err);
        n += k + (n[k] == ' ');
    }
    /* The layers as they are, to put back if the stage fails: its new
     * layer replaces its old one and drops those that need it. */
    if (rc == 0 && nsaved > 0 &&
        (saved = malloc(nsaved * sizeof(*saved))) == NULL) {
        fprintf(r->errf, "%s: out of memory\n", r->prog);
        return -1;
    }
    if (saved != NULL)
        memcpy(saved, doc->layers, nsaved * sizeof(*saved));
    if (rc < 0) {
        dipx_error_print(r->errf, r->prog, NULL, &err);
        r->rval = DIPX_EXIT_FATAL;
    } else if ((l = dipx_doc_new_layer(doc, r->st->name, r->st->version,
                                       r->digest, r->st->needs)) == NULL) {
        fprintf(r->errf, "%s: out of memory\n", r->prog);
        free(saved);
        return -1;
    } else if ((rc = r->st->run(r->ctx, doc, l,
                                r->lang ? r->lang : doc->lang, &err)) < 0) {
        dipx_error_where(&err, file, doc->id);
        dipx_error_at(&err, line, 0, -1);
        dipx_error_print(r->errf, r->prog, NULL, &err);
        /* Written as it came (the layers live in the document's arena):
         * nothing lost, and what comes after says which layer is
         * missing or old. */
        if (saved != NULL)
            memcpy(doc->layers, saved, nsaved * sizeof(*saved));
        doc->nlayers = nsaved;
        if (r->rval < DIPX_EXIT_PARTIAL)
            r->rval = DIPX_EXIT_PARTIAL;
    }
    free(saved);
    dipx_error_clear(&err);
    if (dipx_writer_doc(w, doc, &err) < 0) {
        dipx_error_print(r->errf, r->prog, NULL, &err);
        return -1;
    }
    return 0;
}

static void
run_stream(struct run *r, int argc, char **argv, struct dipx_writer *w)
{
    struct dipx_reader *rd = dipx_reader_new();
    struct dipx_error err;
    struct dipx_doc *doc;
    int i, rc;

    dipx_error_clear(&err);
    if (rd == NULL) {
        r->rval = DIPX_EXIT_FATAL;
        return;
    }
    for (i = 0; i < argc; i++)
        if (dipx_reader_add(rd, argv[i], &err) < 0) {
            dipx_error_print(r->errf, r->prog, NULL, &err);
            r->rval = DIPX_EXIT_PARTIAL;
        }
    if (argc == 0)
        dipx_reader_add(rd, "-", &err);
    while ((rc = dipx_reader_next(rd, &doc, &err)) != 0) {
        if (rc < 0) {
            dipx_error_print(r->errf, r->prog, NULL, &err);
            dipx_error_clear(&err);
            if (r->rval < DIPX_EXIT_PARTIAL)
                r->rval = DIPX_EXIT_PARTIAL;
            continue;
        }
        rc = one_doc(r, doc, w, rd);
        dipx_doc_free(doc);
        if (rc < 0) {
            r->rval = DIPX_EXIT_FATAL;
            r->out_failed = 1;
            break;
        }
    }
    dipx_reader_free(rd);
}

int
dipx_stage_main(const struct dipx_stage *st, int argc, char **argv,
                FILE *out, FILE *errf)
{
    struct run r;
    struct dipx_atomic atomic = {0};
    struct dipx_writer *w = NULL;
    struct dipx_error err;
    int done;

    memset(&r, 0, sizeof(r));
    r.st = st;
    r.errf = errf;
    snprintf(r.prog, sizeof(r.prog), "dipx-%s", st->name);
    if (parse(&r, argc, argv, out, &done) < 0)
        return DIPX_EXIT_FATAL;
    if (done)
        return dipx_cli_finish(out, errf, r.prog, DIPX_EXIT_OK);
    dipx_error_clear(&err);
    if ((r.dict = dipx_dict_open(r.dict_dir, &err)) == NULL ||
        (r.ctx = st->init(r.dict, &err)) == NULL ||
        (r.output != NULL && dipx_atomic_open(&atomic, r.output, &err) < 0)) {
        dipx_error_print(errf, r.prog, NULL, &err);
        r.rval = DIPX_EXIT_FATAL;
        goto out;
    }
    r.digest = dipx_dict_digest(r.dict);
    w = dipx_writer_new(r.output ? atomic.f : out);
    if (w == NULL) {
        r.rval = DIPX_EXIT_FATAL;
        goto out;
    }
    run_stream(&r, argc - optind, argv + optind, w);
    /* A missing layer is exit 2 but every document was still written:
     * only a failed output leaves the stream unfinished. */
    if (!r.out_failed && dipx_writer_finish(w, &err) < 0) {
        dipx_error_print(errf, r.prog, NULL, &err);
        r.rval = DIPX_EXIT_FATAL;
        r.out_failed = 1;
    }
    dipx_writer_free(w);
    w = NULL;
    if (r.output != NULL && !r.out_failed &&
        dipx_atomic_commit(&atomic, &err) < 0) {
        dipx_error_print(errf, r.prog, NULL, &err);
        r.rval = DIPX_EXIT_FATAL;
    }
out:
    dipx_writer_free(w);
    if (atomic.f != NULL)
        dipx_atomic_abort(&atomic);
    if (r.ctx != NULL)
        st->free(r.ctx);
    dipx_dict_free(r.dict);
    return dipx_cli_finish(out, errf, r.prog, r.rval);
}

size_t
dipx_cpcursor_at(struct dipx_cpcursor *c, size_t b)
{
    while (c->byte < b) {
        c->byte++;
        while (((unsigned char)c->text[c->byte] & 0xC0) == 0x80)
            c->byte++;
        c->cp++;
    }
    while (c->byte > b) {
        c->byte--;
        while (c->byte > 0 &&
               ((unsigned char)c->text[c->byte] & 0xC0) == 0x80)
            c->byte--;
        c->cp--;
    }
    return c->cp;
}
