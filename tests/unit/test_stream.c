/*
 * test_stream.c - the stream writer and reader (stream.h) and the layer
 * rules of the document model (doc.h): what is written is read back the
 * same, what XML cannot carry never reaches the file, several files,
 * directories and roots read as one corpus.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testutil.h"
#include "dipx/stream.h"

struct fixture {
    char dir[64];
};

static int
setup(void **state)
{
    struct fixture *fx = calloc(1, sizeof(*fx));

    strcpy(fx->dir, "/tmp/dipx-stream-XXXXXX");
    assert_non_null(mkdtemp(fx->dir));
    *state = fx;
    return 0;
}

static int
teardown(void **state)
{
    struct fixture *fx = *state;
    char cmd[128];

    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", fx->dir);
    assert_int_equal(system(cmd), 0);
    free(fx);
    return 0;
}

static char *
path_in(const struct fixture *fx, const char *name)
{
    static char buf[256];

    snprintf(buf, sizeof(buf), "%s/%s", fx->dir, name);
    return buf;
}

static struct dipx_doc *
sample_doc(const char *id, const char *text)
{
    struct dipx_doc *doc = dipx_doc_new();
    struct dipx_layer *l;
    struct dipx_elem *e, *k;

    doc->id = dipx_doc_strdup(doc, id);
    doc->lang = "en";
    doc->sha256 = "0000000000000000000000000000000000000000000000000000"
                  "000000000000";
    doc->bytes = (int64_t)strlen(text);
    dipx_doc_take_text(doc, strdup(text), strlen(text));
    l = dipx_doc_new_layer(doc, "structure", "1", NULL, NULL);
    e = dipx_layer_add(doc, l, "s");
    dipx_elem_set_int(doc, e, "start", 0);
    dipx_elem_set_int(doc, e, "end", 3);
    l = dipx_doc_new_layer(doc, "future", "2", NULL, "structure");
    e = dipx_layer_add(doc, l, "group");
    dipx_elem_set(doc, e, "label", "a \"b\" & <c>");
    k = dipx_elem_add_kid(doc, e, "member");
    dipx_elem_set(doc, k, "n", "1");
    dipx_elem_set_text(doc, k, " spaced text ", 13);
    return doc;
}

static void
write_docs(const char *path, struct dipx_doc **docs, size_t n)
{
    FILE *f = fopen(path, "w");
    struct dipx_writer *w;
    struct dipx_error err;
    size_t i;

    assert_non_null(f);
    w = dipx_writer_new(f);
    dipx_error_clear(&err);
    for (i = 0; i < n; i++)
        assert_int_equal(dipx_writer_doc(w, docs[i], &err), 0);
    assert_int_equal(dipx_writer_finish(w, &err), 0);
    dipx_writer_free(w);
    assert_int_equal(fclose(f), 0);
}

/* Reads every document of PATHS; returns how many, filling DOCS. */
static size_t
read_all(const char *const *paths, size_t npaths, struct dipx_doc **docs,
         size_t max, int *errors)
{
    struct dipx_reader *r = dipx_reader_new();
    struct dipx_error err;
    struct dipx_doc *doc;
    size_t i, n = 0;
    int rc;

    dipx_error_clear(&err);
    *errors = 0;
    for (i = 0; i < npaths; i++)
        assert_int_equal(dipx_reader_add(r, paths[i], &err), 0);
    while ((rc = dipx_reader_next(r, &doc, &err)) != 0) {
        if (rc < 0) {
            ++*errors;
            continue;
        }
        if (n < max)
            docs[n++] = doc;
        else
            dipx_doc_free(doc);
    }
    dipx_reader_free(r);
    return n;
}

static void
test_round_trip(void **state)
{
    struct fixture *fx = *state;
    struct dipx_doc *in[2], *out[2];
    const char *p = path_in(fx, "a.xml");
    int errors;

    /* \x01 and U+FFFF cannot be in XML; \r must survive; & < > escape. */
    in[0] = sample_doc("one", "ab\x01" "c\r\nd & <e> \xef\xbf\xbf \"q\"");
    in[1] = sample_doc("two/three", "");
    write_docs(p, in, 2);
    assert_int_equal(read_all(&p, 1, out, 2, &errors), 2);
    assert_int_equal(errors, 0);
    assert_string_equal(out[0]->id, "one");
    assert_string_equal(out[0]->text,
                        "ab\xef\xbf\xbd" "c\r\nd & <e> \xef\xbf\xbd \"q\"");
    assert_int_equal(out[0]->text_cps, in[0]->text_cps);
    assert_string_equal(out[1]->text, "");
    assert_int_equal(out[0]->nlayers, 2);
    assert_string_equal(out[0]->layers[1].stage, "future");
    assert_string_equal(out[0]->layers[1].needs, "structure");
    assert_string_equal(dipx_elem_get(&out[0]->layers[1].elems[0], "label"),
                        "a \"b\" & <c>");
    assert_string_equal(out[0]->layers[1].elems[0].kids[0].text,
                        " spaced text ");
    assert_null(out[0]->layers[1].elems[0].text);
    dipx_doc_free(in[0]);
    dipx_doc_free(in[1]);
    dipx_doc_free(out[0]);
    dipx_doc_free(out[1]);
}

static void
test_bad_utf8_in_attribute(void **state)
{
    struct fixture *fx = *state;
    struct dipx_doc *in = sample_doc("x", "t"), *out;
    const char *p = path_in(fx, "b.xml");
    int errors;

    in->title = "caf\xc3 \x02";
    write_docs(p, &in, 1);
    assert_int_equal(read_all(&p, 1, &out, 1, &errors), 1);
    assert_string_equal(out->title, "caf\xef\xbf\xbd \xef\xbf\xbd");
    dipx_doc_free(in);
    dipx_doc_free(out);
}

static void
test_many_sources(void **state)
{
    struct fixture *fx = *state;
    struct dipx_doc *in[1], *out[8];
    char sub[256], cmd[600];
    const char *paths[2];
    size_t i, n;
    int errors;

    snprintf(sub, sizeof(sub), "%s/dir", fx->dir);
    assert_int_equal(mkdir(sub, 0755), 0);
    in[0] = sample_doc("b", "second");
    write_docs(path_in(fx, "dir/b.xml"), in, 1);
    dipx_doc_free(in[0]);
    in[0] = sample_doc("a", "first");
    write_docs(path_in(fx, "dir/a.xml"), in, 1);
    dipx_doc_free(in[0]);
    /* Two roots in one file. */
    snprintf(cmd, sizeof(cmd), "cat %s/dir/a.xml %s/dir/b.xml > %s/two.xml",
             fx->dir, fx->dir, fx->dir);
    assert_int_equal(system(cmd), 0);
    paths[0] = sub;
    paths[1] = strdup(path_in(fx, "two.xml"));
    n = read_all(paths, 2, out, 8, &errors);
    assert_int_equal(errors, 0);
    assert_int_equal(n, 4);
    /* A directory is read in name order, then the next operand. */
    assert_string_equal(out[0]->id, "a");
    assert_string_equal(out[1]->id, "b");
    assert_string_equal(out[2]->id, "a");
    assert_string_equal(out[3]->id, "b");
    for (i = 0; i < n; i++)
        dipx_doc_free(out[i]);
    free((char *)(uintptr_t)paths[1]);
}

static void
test_empty_corpus_and_missing_file(void **state)
{
    struct fixture *fx = *state;
    struct dipx_reader *r = dipx_reader_new();
    struct dipx_error err;
    struct dipx_doc *out;
    const char *p = path_in(fx, "empty.xml");
    int errors;

    write_docs(p, NULL, 0);
    assert_int_equal(read_all(&p, 1, &out, 1, &errors), 0);
    assert_int_equal(errors, 0);
    dipx_error_clear(&err);
    assert_int_equal(dipx_reader_add(r, path_in(fx, "none.xml"), &err),
                     DIPX_EIO);
    assert_non_null(strstr(err.file, "none.xml"));
    dipx_reader_free(r);
}

static void
test_layer_rules(void **state)
{
    struct dipx_doc *doc = dipx_doc_new();
    struct dipx_error err;

    (void)state;
    dipx_error_clear(&err);
    doc->id = "d";
    assert_non_null(dipx_doc_new_layer(doc, "structure", "1", NULL, NULL));
    assert_non_null(dipx_doc_new_layer(doc, "symbols", "1", NULL,
                                       "structure"));
    assert_non_null(dipx_doc_new_layer(doc, "votes", "1", NULL, "symbols"));
    assert_non_null(dipx_doc_new_layer(doc, "norms", "1", NULL,
                                       "structure"));
    assert_int_equal(doc->nlayers, 4);
    /* Symbols again: its old layer goes, and votes, which needs it. */
    assert_non_null(dipx_doc_new_layer(doc, "symbols", "1", NULL,
                                       "structure"));
    assert_int_equal(doc->nlayers, 3);
    assert_null(dipx_doc_layer(doc, "votes"));
    assert_string_equal(doc->layers[2].stage, "symbols");
    /* Structure again: everything below it goes. */
    assert_non_null(dipx_doc_new_layer(doc, "structure", "1", NULL, NULL));
    assert_int_equal(doc->nlayers, 1);
    assert_int_equal(dipx_doc_require(doc, "structure", &err), 0);
    assert_int_equal(dipx_doc_require(doc, "symbols", &err), DIPX_ELAYER);
    assert_non_null(strstr(err.msg, "missing layer 'symbols'"));
    assert_string_equal(err.doc, "d");
    dipx_doc_free(doc);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_utf8_in_attribute, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_many_sources, setup, teardown),
        cmocka_unit_test_setup_teardown(test_empty_corpus_and_missing_file,
                                        setup, teardown),
        cmocka_unit_test(test_layer_rules),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
