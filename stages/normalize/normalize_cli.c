/*
 * normalize_cli.c - the dipx-normalize command (normalize.h).
 */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>

#include "dipx/cli.h"
#include "dipx/fs.h"
#include "dipx/hash.h"
#include "dipx/lang.h"
#include "dipx/meta.h"
#include "dipx/normalize.h"
#include "dipx/stream.h"
#include "dipx/structure.h"

#define PROG "dipx-normalize"
#define DEFAULT_MAX_DOC ((size_t)8 << 20)

enum {
    OPT_ID = 256, OPT_LANG, OPT_META, OPT_ROOT, OPT_MAXDOC, OPT_ENC,
    OPT_DICT
};

static const struct dipx_opt options[] = {
    {"output", 'o', "FILE", "write to FILE (atomically), not stdout"},
    {"id", OPT_ID, "ID", "document id for standard input"},
    {"lang", OPT_LANG, "LANG", "language of every input (en, fr, es, ru...)"},
    {"meta", OPT_META, "TSV", "metadata index (TSV; see the man page)"},
    {"root", OPT_ROOT, "DIR", "make ids of files under DIR relative to it"},
    {"max-doc-bytes", OPT_MAXDOC, "N", "split longer inputs into parts "
                                       "(default 8M)"},
    {"encoding", OPT_ENC, "ENC", "source charset (utf-8; utf-16, "
                                 "windows-1252...)"},
    {"dict", OPT_DICT, "DIR", "dictionary directory"},
    {"help", 'h', NULL, "show this help and exit"},
    {"version", 'V', NULL, "show the version and exit"},
};
#define NOPT (sizeof(options) / sizeof(options[0]))

struct opts {
    const char *output, *id, *lang, *meta, *root, *encoding, *dict;
    size_t max_doc;
};

/* What a run holds: tables loaded once, output, exit status so far. */
struct run {
    struct opts o;
    struct dipx_dict *dict;
    struct dipx_norm *norm;
    struct dipx_struct *st;
    struct dipx_lang *lang;
    struct dipx_meta_index *index;
    const char *digest;
    struct dipx_writer *w;
    FILE *errf;
    int rval;
    int out_failed;             /* nothing more can be written */
};

static void
usage(FILE *out)
{
    fprintf(out,
            "usage: " PROG " [options] [FILE | DIR | -]...\n"
            "\n"
            "Reads plain text files (a directory: its *.txt files, "
            "recursively; none or\n"
            "'-': standard input) and writes the dipx stream: one <doc> per "
            "input with its\n"
            "normalized text, the edits that map it back to the source "
            "bytes, and the\n"
            "structure layer (paragraphs, sentences, list items).\n"
            "\n");
    dipx_cli_print_options(out, options, NOPT);
    fprintf(out,
            "\n"
            "Exit status: 0 all inputs fine; 1 some inputs had problems "
            "(reported, the\n"
            "rest done); 2 usage or fatal error.\n");
}

static void
report(struct run *r, const char *severity, struct dipx_error *err)
{
    dipx_error_print(r->errf, PROG, severity, err);
}

/* Line and column (code points) of source byte OFF, going on from the
 * cursor (*LINE, *COL at byte *AT), so issues in order cost one pass. */
static void
position(const unsigned char *s, int64_t off, int64_t *at, long *line,
         long *col)
{
    for (; *at < off; ++*at) {
        if (s[*at] == '\n') {
            ++*line;
            *col = 1;
        } else if ((s[*at] & 0xC0) != 0x80) {
            ++*col;
        }
    }
}

static void
report_issues(struct run *r, const char *path, const char *id,
              const struct dipx_input *in, const struct dipx_norm_report *rep)
{
    static const char *const what[] = {
        "ill-formed UTF-8 replaced by U+FFFD", "NUL byte removed",
        "control character removed", "byte not in the charset replaced by "
                                     "U+FFFD"};
    int64_t at = 0;
    long line = 1, col = 1;
    size_t i, k;

    for (i = 0; i < rep->nissues; i++) {
        const struct dipx_norm_issue *is = &rep->issues[i];
        struct dipx_error e;
        char bytes[3 * 8 + 1] = "";
        size_t bl = 0;

        for (k = 0; k < is->len && k < 8; k++)
            bl += (size_t)snprintf(bytes + bl, sizeof(bytes) - bl, "%s%02X",
                                   k ? " " : "",
                                   in->data[is->src + (int64_t)k]);
        position(in->data, is->src, &at, &line, &col);
        dipx_error_clear(&e);
        dipx_error_where(&e, path, id);
        dipx_error_at(&e, line, col, is->src);
        dipx_error_set(&e, DIPX_EINPUT, "%s (byte %lld: %s)",
                       what[is->kind], (long long)is->src, bytes);
        report(r, "warning", &e);
    }
    if (rep->total > rep->nissues) {
        fprintf(r->errf, PROG ": %s: doc %s: warning: %zu more problems of "
                "the same kinds\n", path, id, rep->total - rep->nissues);
    }
}

/* Metadata of one input: --meta index, else its sidecar. */
static int
input_meta(struct run *r, const char *path, const char *id,
           struct dipx_meta *m)
{
    struct dipx_error err;
    int rc;

    dipx_error_clear(&err);
    if (r->index != NULL)
        rc = dipx_meta_index_get(r->index, path, m);
    else
        rc = dipx_meta_sidecar(path, m, &err);
    if (rc < 0) {
        char why[DIPX_ERRMSG_MAX];

        snprintf(why, sizeof(why), "%s", err.msg);
        dipx_error_where(&err, NULL, id);
        dipx_error_set(&err, rc, "%.400s (document left out)", why);
        report(r, NULL, &err);
        return rc;
    }
    if (m->lang != NULL && !dipx_meta_lang_ok(m->lang)) {
        dipx_error_clear(&err);
        dipx_error_where(&err, path, id);
        dipx_error_set(&err, DIPX_EINPUT, "metadata lang '%.100s' is not a "
                       "BCP 47 tag: left out", m->lang);
        report(r, "warning", &err);
        free(m->lang);
        m->lang = NULL;
        r->rval = DIPX_EXIT_PARTIAL;
    }
    if (m->date != NULL && !dipx_meta_date_ok(m->date)) {
        dipx_error_clear(&err);
        dipx_error_where(&err, path, id);
        dipx_error_set(&err, DIPX_EINPUT, "metadata date '%.100s' is not "
                       "YYYY, YYYY-MM or YYYY-MM-DD: left out", m->date);
        report(r, "warning", &err);
        free(m->date);
        m->date = NULL;
        r->rval = DIPX_EXIT_PARTIAL;
    }
    return 0;
}

/* Fills the metadata of a new document of input PATH. */
static int
doc_meta(struct run *r, struct dipx_doc *doc, const char *id,
         const char *path, const struct dipx_meta *m, const char *sha,
         size_t bytes)
{
    const char *enc = dipx_norm_encoding(r->norm);

    doc->id = dipx_doc_strdup(doc, id);
    doc->source = dipx_doc_strdup(doc, path);
    doc->sha256 = dipx_doc_strdup(doc, sha);
    doc->bytes = (int64_t)bytes;
    if ((m->date && !(doc->date = dipx_doc_strdup(doc, m->date))) ||
        (m->url && !(doc->url = dipx_doc_strdup(doc, m->url))) ||
        (m->title && !(doc->title = dipx_doc_strdup(doc, m->title))) ||
        (m->publisher &&
         !(doc->publisher = dipx_doc_strdup(doc, m->publisher))) ||
        (strcmp(enc, "utf-8") != 0 &&
         !(doc->encoding = dipx_doc_strdup(doc, enc))) ||
        !doc->id || !doc->source || !doc->sha256)
        return DIPX_ENOMEM;
    return 0;
}

/* Normalizes, structures and writes one part [OFF, OFF + LEN). */
static int
do_part(struct run *r, struct dipx_doc *doc, const struct dipx_input *in,
        size_t off, size_t len, const char **lang,
        struct dipx_norm_report *rep, struct dipx_error *err)
{
    int rc = dipx_norm_run(r->norm, in->data + off, len, (int64_t)off,
                           off == 0, doc, rep, err);

    if (rc < 0)
        return rc;
    /* Detected on part 1 only, and given to every part. */
    if (*lang == NULL && off == 0)
        *lang = dipx_lang_detect(r->lang, doc->text, doc->text_len);
    if (*lang != NULL && (doc->lang = dipx_doc_strdup(doc, *lang)) == NULL)
        return dipx_error_set(err, DIPX_ENOMEM, "out of memory");
    if ((rc = dipx_struct_build(r->st, doc, r->digest, err)) < 0)
        return rc;
    if ((rc = dipx_writer_doc(r->w, doc, err)) < 0)
        r->out_failed = 1;
    return rc;
}

/*
 * The length of the next part at OFF.  The limit is on the normalized
 * text (DESIGN.md: one <text> holds at most --max-doc-bytes), which can
 * be up to three times the source bytes (U+FFFD for each broken byte, a
 * single-byte charset, NFC expansions): a part whose source could grow
 * past the limit is normalized once to measure it, and cut shorter while
 * it is too long.
 */
static int
next_cut(struct run *r, const struct dipx_input *in, size_t off, size_t *cut,
         struct dipx_error *err)
{
    size_t lim = r->o.max_doc;
    struct dipx_doc *probe;
    int rc;

    for (;;) {
        *cut = dipx_norm_cut(r->norm, in->data + off, in->len - off, lim);
        if (*cut <= r->o.max_doc / 3 || (off == 0 && *cut == in->len &&
                                         *cut <= r->o.max_doc / 3))
            return 0;
        if ((probe = dipx_doc_new()) == NULL)
            return dipx_error_set(err, DIPX_ENOMEM, "out of memory");
        rc = dipx_norm_run(r->norm, in->data + off, *cut, (int64_t)off,
                           off == 0, probe, NULL, err);
        if (rc == 0 && probe->text_len > r->o.max_doc && lim > 64) {
            lim = lim / 2 > 64 ? lim / 2 : 64;
            rc = 1;
        }
        dipx_doc_free(probe);
        if (rc <= 0)
            return rc;
    }
}

/* The part boundaries of an input: cuts[0] = 0 ... cuts[n] = len. */
static size_t *
part_cuts(struct run *r, const struct dipx_input *in, size_t *nparts,
          struct dipx_error *err)
{
    size_t cap = 16, n = 0, off = 0, cut;
    size_t *cuts = malloc(cap * sizeof(*cuts)), *v;

    if (cuts == NULL)
        goto nomem;
    cuts[0] = 0;
    while (off < in->len) {
        if (next_cut(r, in, off, &cut, err) < 0) {
            free(cuts);
            return NULL;
        }
        if (n + 2 > cap) {
            cap *= 2;
            if ((v = realloc(cuts, cap * sizeof(*cuts))) == NULL)
                goto nomem;
            cuts = v;
        }
        off += cut;
        cuts[++n] = off;
    }
    if (n == 0)
        cuts[++n] = 0;      /* an empty input is one empty document */
    *nparts = n;
    return cuts;
nomem:
    free(cuts);
    dipx_error_set(err, DIPX_ENOMEM, "out of memory");
    return NULL;
}

static int
one_input(struct run *r, const char *path, const char *root)
{
    struct dipx_input in = {0};
    struct dipx_meta m = {0};
    struct dipx_norm_report rep = {0};
    struct dipx_error err;
    struct dipx_doc *doc = NULL;
    const char *shown = strcmp(path, "-") == 0 ? "<stdin>" : path;
    const char *lang;
    char *id = NULL, sha[DIPX_SHA256_HEX];
    size_t *cuts = NULL, nparts = 0, k;
    int64_t base = 0;
    int rc;

    dipx_error_clear(&err);
    if ((rc = dipx_input_open(path, 0, &in, &err)) < 0)
        goto fail;
    dipx_error_where(&err, shown, NULL);
    id = strcmp(path, "-") == 0 ? strdup(r->o.id) : dipx_fs_doc_id(path, root);
    if (id == NULL) {
        rc = dipx_error_set(&err, DIPX_ENOMEM, "out of memory");
        goto fail;
    }
    dipx_error_where(&err, NULL, id);
    dipx_error_at(&err, 1, 1, 0);
    if ((rc = dipx_norm_sniff(r->norm, in.data, in.len, &err)) < 0)
        goto fail;
    dipx_error_at(&err, 0, 0, -1);
    if ((rc = input_meta(r, path, id, &m)) < 0) {
        r->rval = DIPX_EXIT_PARTIAL;
        goto done;          /* input_meta reported it */
    }
    lang = r->o.lang ? r->o.lang : m.lang;
    dipx_sha256_of(in.data, in.len, sha);
    if ((cuts = part_cuts(r, &in, &nparts, &err)) == NULL) {
        rc = err.code;
        goto fail;
    }
    for (k = 0; k < nparts; k++) {
        if ((doc = dipx_doc_new()) == NULL ||
            doc_meta(r, doc, id, path, &m, sha, in.len) < 0) {
            rc = dipx_error_set(&err, DIPX_ENOMEM, "out of memory");
            goto fail;
        }
        if (nparts > 1) {
            doc->part = (int)k + 1;
            doc->nparts = (int)nparts;
            doc->base = base;
        }
        rc = do_part(r, doc, &in, cuts[k], cuts[k + 1] - cuts[k], &lang,
                     &rep, &err);
        if (rc < 0)
            goto fail;
        base += (int64_t)doc->text_cps;
        dipx_doc_free(doc);
        doc = NULL;
    }
    if (rep.total > 0) {
        report_issues(r, shown, id, &in, &rep);
        r->rval = DIPX_EXIT_PARTIAL;
    }
    if (in.len == 0) {
        dipx_error_set(&err, DIPX_EINPUT, "empty input (written as an "
                       "empty document)");
        dipx_error_at(&err, 1, 1, 0);
        report(r, "warning", &err);
        r->rval = DIPX_EXIT_PARTIAL;
    }
    goto done;
fail:
    report(r, NULL, &err);
    if (r->rval < DIPX_EXIT_PARTIAL)
        r->rval = DIPX_EXIT_PARTIAL;
done:
    dipx_doc_free(doc);
    dipx_norm_report_free(&rep);
    dipx_meta_clear(&m);
    dipx_input_close(&in);
    free(cuts);
    free(id);
    return rc;
}

static int
parse_opts(int argc, char **argv, struct opts *o, FILE *out, FILE *errf,
           int *done)
{
    struct option longopts[DIPX_OPT_MAX + 1];
    char shortopts[3 * DIPX_OPT_MAX + 2];
    int c;

    dipx_cli_getopt_tables(options, NOPT, longopts, shortopts);
    memset(o, 0, sizeof(*o));
    o->max_doc = DEFAULT_MAX_DOC;
    *done = 0;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
        switch (c) {
        case 'o': o->output = optarg; break;
        case OPT_ID: o->id = optarg; break;
        case OPT_LANG:
            if (!dipx_meta_lang_ok(optarg)) {
                fprintf(errf, PROG ": --lang: '%s' is not a BCP 47 language "
                        "tag (en, fr, es, ru, pt-BR...)\n", optarg);
                return -1;
            }
            o->lang = optarg;
            break;
        case OPT_META: o->meta = optarg; break;
        case OPT_ROOT: o->root = optarg; break;
        case OPT_ENC: o->encoding = optarg; break;
        case OPT_DICT: o->dict = optarg; break;
        case OPT_MAXDOC:
            /* libxml2 refuses text nodes of 10 MB and more */
            if (dipx_cli_parse_size(optarg, &o->max_doc) < 0 ||
                o->max_doc < 64 || o->max_doc > DEFAULT_MAX_DOC) {
                fprintf(errf, PROG ": --max-doc-bytes: '%s' is not a size "
                        "from 64 bytes to 8M\n", optarg);
                return -1;
            }
            break;
        case 'h':
            usage(out);
            *done = 1;
            return 0;
        case 'V':
            dipx_cli_version(out, PROG);
            *done = 1;
            return 0;
        default:
            dipx_cli_bad_option(errf, PROG, c, argv);
            return -1;
        }
    }
    return 0;
}

/* Loads dictionaries and tables once for the whole run. */
static int
setup(struct run *r)
{
    struct dipx_error err;

    dipx_error_clear(&err);
    if ((r->dict = dipx_dict_open(r->o.dict, &err)) == NULL ||
        (r->norm = dipx_norm_new(r->dict, &err)) == NULL ||
        (r->st = dipx_struct_new(r->dict, &err)) == NULL ||
        (r->lang = dipx_lang_new(r->dict, &err)) == NULL) {
        report(r, NULL, &err);
        return -1;
    }
    dipx_error_clear(&err);
    if (dipx_norm_set_encoding(r->norm, r->o.encoding, &err) < 0) {
        fprintf(r->errf, PROG ": --encoding: %s\n", err.msg);
        return -1;
    }
    if (r->o.meta != NULL &&
        (r->index = dipx_meta_index_load(r->o.meta, &err)) == NULL) {
        report(r, NULL, &err);
        return -1;
    }
    r->digest = dipx_dict_digest(r->dict);
    return 0;
}

/* Runs over the operands: files, directories (their *.txt), "-". */
static void
run_inputs(struct run *r, int argc, char **argv)
{
    static const char *const stdin_only[] = {"-"};
    const char *const *ops = argc > 0 ? (const char *const *)argv
                                      : stdin_only;
    int i, n = argc > 0 ? argc : 1;

    for (i = 0; i < n && !r->out_failed; i++) {
        struct dipx_paths files = {0};
        struct dipx_error err;
        size_t k;

        if (strcmp(ops[i], "-") == 0 || !dipx_fs_is_dir(ops[i])) {
            one_input(r, ops[i], r->o.root);
            continue;
        }
        dipx_error_clear(&err);
        if (dipx_fs_list(ops[i], ".txt", &files, &err) < 0) {
            report(r, NULL, &err);
            r->rval = DIPX_EXIT_PARTIAL;
        }
        for (k = 0; k < files.n && !r->out_failed; k++)
            one_input(r, files.v[k], r->o.root ? r->o.root : ops[i]);
        dipx_paths_free(&files);
    }
}

static int
needs_id(const struct opts *o, int argc, char **argv)
{
    int i;

    if (o->id != NULL)
        return 0;
    if (argc == 0)
        return 1;
    for (i = 0; i < argc; i++)
        if (strcmp(argv[i], "-") == 0)
            return 1;
    return 0;
}

int
dipx_normalize_main(int argc, char **argv, FILE *out, FILE *errf)
{
    struct run r;
    struct dipx_atomic atomic = {0};
    struct dipx_error err;
    FILE *dest = out;
    int done;

    memset(&r, 0, sizeof(r));
    r.errf = errf;
    if (parse_opts(argc, argv, &r.o, out, errf, &done) < 0)
        return DIPX_EXIT_FATAL;
    if (done)
        return dipx_cli_finish(out, errf, PROG, DIPX_EXIT_OK);
    argc -= optind;
    argv += optind;
    if (needs_id(&r.o, argc, argv)) {
        fprintf(errf, PROG ": standard input needs --id ID (the document "
                "id)\n");
        return DIPX_EXIT_FATAL;
    }
    dipx_error_clear(&err);
    if (setup(&r) < 0) {
        r.rval = DIPX_EXIT_FATAL;
        goto out;
    }
    if (r.o.output != NULL) {
        if (dipx_atomic_open(&atomic, r.o.output, &err) < 0) {
            report(&r, NULL, &err);
            r.rval = DIPX_EXIT_FATAL;
            goto out;
        }
        dest = atomic.f;
    }
    if ((r.w = dipx_writer_new(dest)) == NULL) {
        fprintf(errf, PROG ": out of memory\n");
        r.rval = DIPX_EXIT_FATAL;
        goto out;
    }
    run_inputs(&r, argc, argv);
    if (!r.out_failed && dipx_writer_finish(r.w, &err) < 0) {
        report(&r, NULL, &err);
        r.out_failed = 1;
    }
    if (r.out_failed)
        r.rval = DIPX_EXIT_FATAL;
    dipx_writer_free(r.w);      /* flushed: the file can be closed now */
    r.w = NULL;
    if (r.o.output != NULL) {
        if (r.rval == DIPX_EXIT_FATAL)
            dipx_atomic_abort(&atomic);
        else if (dipx_atomic_commit(&atomic, &err) < 0) {
            report(&r, NULL, &err);
            r.rval = DIPX_EXIT_FATAL;
        }
    }
out:
    dipx_writer_free(r.w);
    dipx_meta_index_free(r.index);
    dipx_lang_free(r.lang);
    dipx_struct_free(r.st);
    dipx_norm_free(r.norm);
    dipx_dict_free(r.dict);
    if (r.o.output != NULL && atomic.f != NULL)
        dipx_atomic_abort(&atomic);
    return dipx_cli_finish(out, errf, PROG, r.rval);
}
