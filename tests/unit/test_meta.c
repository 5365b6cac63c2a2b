/*
 * test_meta.c - sidecar .meta files, index.tsv and dates (meta.h), on
 * files made under a fresh mkdtemp() directory that the group teardown
 * removes.
 */
#define _POSIX_C_SOURCE 200809L
#include "testutil.h"

#include <stdio.h>
#include <unistd.h>

#include "dipx/meta.h"

#define MAX_FILES 32

struct fixture {
    char dir[256];
    char *files[MAX_FILES];     /* made so far, removed at teardown */
    size_t nfiles;
};

static int
setup(void **state)
{
    struct fixture *fx = calloc(1, sizeof(*fx));
    const char *tmp = getenv("TMPDIR");

    if (fx == NULL)
        return -1;
    snprintf(fx->dir, sizeof(fx->dir), "%s/dipx-test-meta-XXXXXX",
             tmp != NULL && *tmp != '\0' ? tmp : "/tmp");
    if (mkdtemp(fx->dir) == NULL) {
        free(fx);
        return -1;
    }
    *state = fx;
    return 0;
}

static int
teardown(void **state)
{
    struct fixture *fx = *state;
    size_t i;
    int rc = 0;

    for (i = 0; i < fx->nfiles; i++) {
        if (unlink(fx->files[i]) != 0)
            rc = -1;
        free(fx->files[i]);
    }
    if (rmdir(fx->dir) != 0)
        rc = -1;
    free(fx);
    return rc;
}

/* The path of NAME in the fixture's directory, in BUF. */
static const char *
path_of(const struct fixture *fx, const char *name, char *buf, size_t n)
{
    snprintf(buf, n, "%s/%s", fx->dir, name);
    return buf;
}

/* Writes CONTENT to NAME in the fixture's directory (remembered for the
 * teardown) and returns its path in BUF. */
static const char *
put_file(struct fixture *fx, const char *name, const char *content,
         char *buf, size_t n)
{
    FILE *f;
    size_t i;

    path_of(fx, name, buf, n);
    for (i = 0; i < fx->nfiles && strcmp(fx->files[i], buf) != 0; i++)
        ;
    if (i == fx->nfiles) {
        assert_true(fx->nfiles < MAX_FILES);
        fx->files[fx->nfiles] = strdup(buf);
        assert_non_null(fx->files[fx->nfiles]);
        fx->nfiles++;
    }
    f = fopen(buf, "w");
    assert_non_null(f);
    assert_int_equal(fputs(content, f) >= 0, 1);
    assert_int_equal(fclose(f), 0);
    return buf;
}

static void
test_sidecar_fields(void **state)
{
    struct fixture *fx = *state;
    struct dipx_meta m = {0};
    struct dipx_error err;
    char in[512], meta[512];

    put_file(fx, "x.txt", "Some text.\n", in, sizeof(in));
    put_file(fx, "x.meta",
             "# made by hand\n"
             "\n"
             "source: United Nations Press\n"
             "url: https://press.un.org/en/2018/ga12107.doc.htm\n"
             "lang: en\r\n"
             "date: 2018-12-05   \n"
             "title: Resolution 73/27: the vote\n"
             "notes: unknown keys stay out\n"
             "publisher: not a key of its own\n",
             meta, sizeof(meta));
    dipx_error_clear(&err);
    assert_int_equal(dipx_meta_sidecar(in, &m, &err), 0);
    assert_string_equal(m.publisher, "United Nations Press");
    assert_string_equal(m.url, "https://press.un.org/en/2018/ga12107.doc.htm");
    assert_string_equal(m.lang, "en");
    assert_string_equal(m.date, "2018-12-05");
    /* Only the first colon separates the key. */
    assert_string_equal(m.title, "Resolution 73/27: the vote");
    assert_int_equal(err.code, 0);
    dipx_meta_clear(&m);
    assert_null(m.url);
    assert_null(m.publisher);
}

static void
test_sidecar_unknown_keys(void **state)
{
    struct fixture *fx = *state;
    struct dipx_meta m = {0};
    struct dipx_error err;
    char in[512], meta[512];

    put_file(fx, "u.txt", "Text.\n", in, sizeof(in));
    put_file(fx, "u.meta", "author: Someone\nsymbol: A/RES/73/27\n", meta,
             sizeof(meta));
    dipx_error_clear(&err);
    assert_int_equal(dipx_meta_sidecar(in, &m, &err), 0);
    assert_null(m.url);
    assert_null(m.lang);
    assert_null(m.date);
    assert_null(m.title);
    assert_null(m.publisher);
    dipx_meta_clear(&m);
}

static void
test_sidecar_bad_line(void **state)
{
    struct fixture *fx = *state;
    struct dipx_meta m = {0};
    struct dipx_error err;
    char in[512], meta[512];
    size_t n;

    put_file(fx, "bad.txt", "Text.\n", in, sizeof(in));
    put_file(fx, "bad.meta", "lang: fr\n# comment\nthis line has no colon\n"
             "date: 2019\n", meta, sizeof(meta));
    dipx_error_clear(&err);
    assert_int_equal(dipx_meta_sidecar(in, &m, &err), DIPX_EINPUT);
    assert_int_equal(err.code, DIPX_EINPUT);
    assert_int_equal(err.line, 3);
    /* The error names the sidecar, not the input. */
    n = strlen(err.file);
    assert_true(n >= 8);
    assert_string_equal(err.file + n - 8, "bad.meta");
    assert_true(err.msg[0] != '\0');
    dipx_meta_clear(&m);
}

static void
test_sidecar_missing(void **state)
{
    struct fixture *fx = *state;
    struct dipx_meta m = {0};
    struct dipx_error err;
    char in[512], p[512];

    put_file(fx, "alone.txt", "No sidecar here.\n", in, sizeof(in));
    dipx_error_clear(&err);
    assert_int_equal(dipx_meta_sidecar(in, &m, &err), 1);
    assert_null(m.lang);
    /* Standard input has no sidecar. */
    assert_int_equal(dipx_meta_sidecar("-", &m, &err), 1);
    /* An input that does not exist has none either. */
    path_of(fx, "nowhere.txt", p, sizeof(p));
    assert_int_equal(dipx_meta_sidecar(p, &m, &err), 1);
    assert_int_equal(err.code, 0);
    /* A .meta file is not its own sidecar. */
    put_file(fx, "self.meta", "lang: en\n", in, sizeof(in));
    assert_int_equal(dipx_meta_sidecar(in, &m, &err), 1);
    assert_null(m.lang);
}

static void
test_sidecar_no_extension(void **state)
{
    struct fixture *fx = *state;
    struct dipx_meta m = {0};
    struct dipx_error err;
    char in[512], meta[512];

    /* "noext" -> "noext.meta": the extension is replaced, or added. */
    put_file(fx, "noext", "Text.\n", in, sizeof(in));
    put_file(fx, "noext.meta", "lang: ru\n", meta, sizeof(meta));
    dipx_error_clear(&err);
    assert_int_equal(dipx_meta_sidecar(in, &m, &err), 0);
    assert_string_equal(m.lang, "ru");
    dipx_meta_clear(&m);
    /* A leading dot is not an extension: ".hidden" -> ".hidden.meta". */
    put_file(fx, ".hidden", "Text.\n", in, sizeof(in));
    put_file(fx, ".hidden.meta", "lang: es\n", meta, sizeof(meta));
    assert_int_equal(dipx_meta_sidecar(in, &m, &err), 0);
    assert_string_equal(m.lang, "es");
    dipx_meta_clear(&m);
}

static void
test_index_any_order(void **state)
{
    struct fixture *fx = *state;
    struct dipx_meta_index *ix;
    struct dipx_meta m = {0};
    struct dipx_error err;
    char p[512];

    put_file(fx, "index.tsv",
             "title\tnotes\tdate\tpath\tsource\tlang\turl\r\n"
             "Vote on 73/27\tx\t2018-12-05\ta.txt\tUN Press\ten\thttps://a\r\n"
             "\r\n"
             "\t\t\tb.txt\t\tfr\t\r\n"
             "Only a title\t\t2019\t\t\t\t\n"
             "C\t\t2020\tsub/c.txt\t\tes\n",
             p, sizeof(p));
    dipx_error_clear(&err);
    ix = dipx_meta_index_load(p, &err);
    assert_non_null(ix);

    assert_int_equal(dipx_meta_index_get(ix, "a.txt", &m), 0);
    assert_string_equal(m.title, "Vote on 73/27");
    assert_string_equal(m.date, "2018-12-05");
    assert_string_equal(m.publisher, "UN Press");
    assert_string_equal(m.lang, "en");
    assert_string_equal(m.url, "https://a");
    dipx_meta_clear(&m);

    /* "./a.txt" is the same input as "a.txt". */
    assert_int_equal(dipx_meta_index_get(ix, "./a.txt", &m), 0);
    assert_string_equal(m.lang, "en");
    dipx_meta_clear(&m);

    /* Empty cells are unknown, not "". */
    assert_int_equal(dipx_meta_index_get(ix, "b.txt", &m), 0);
    assert_string_equal(m.lang, "fr");
    assert_null(m.title);
    assert_null(m.date);
    assert_null(m.url);
    assert_null(m.publisher);
    dipx_meta_clear(&m);

    assert_int_equal(dipx_meta_index_get(ix, "sub/c.txt", &m), 0);
    assert_string_equal(m.lang, "es");
    assert_string_equal(m.date, "2020");
    dipx_meta_clear(&m);

    /* Not listed; a row without a path is skipped. */
    assert_int_equal(dipx_meta_index_get(ix, "c.txt", &m), 1);
    assert_int_equal(dipx_meta_index_get(ix, "", &m), 1);
    assert_int_equal(dipx_meta_index_get(ix, "nowhere.txt", &m), 1);
    assert_null(m.title);
    dipx_meta_index_free(ix);
}

/*
 * Index rows written "./d.txt" (as `find .` prints paths) are found by
 * "d.txt" and by "./d.txt".  (Regression: only lookups were stripped.)
 */
static void
test_index_dot_slash_rows(void **state)
{
    struct fixture *fx = *state;
    struct dipx_meta_index *ix;
    struct dipx_meta m = {0};
    struct dipx_error err;
    char p[512];

    put_file(fx, "dots.tsv", "path\tlang\n./d.txt\tfr\n", p, sizeof(p));
    dipx_error_clear(&err);
    ix = dipx_meta_index_load(p, &err);
    assert_non_null(ix);
    assert_int_equal(dipx_meta_index_get(ix, "./d.txt", &m), 0);
    assert_string_equal(m.lang, "fr");
    dipx_meta_clear(&m);
    assert_int_equal(dipx_meta_index_get(ix, "d.txt", &m), 0);
    assert_string_equal(m.lang, "fr");
    dipx_meta_clear(&m);
    dipx_meta_index_free(ix);
}

static void
test_index_no_path_column(void **state)
{
    struct fixture *fx = *state;
    struct dipx_error err;
    char p[512];

    put_file(fx, "nopath.tsv", "file\tlang\na.txt\ten\n", p, sizeof(p));
    dipx_error_clear(&err);
    assert_null(dipx_meta_index_load(p, &err));
    assert_int_equal(err.code, DIPX_EINPUT);
    assert_int_equal(err.line, 1);
    assert_true(strstr(err.file, "nopath.tsv") != NULL);

    /* A file that cannot be read is an error too. */
    path_of(fx, "missing.tsv", p, sizeof(p));
    dipx_error_clear(&err);
    assert_null(dipx_meta_index_load(p, &err));
    assert_true(err.code < 0);
}

static void
test_index_free_null(void **state)
{
    (void)state;
    dipx_meta_index_free(NULL);
}

static void
test_date_ok(void **state)
{
    static const char *const good[] = {
        "2019", "2019-11", "2019-11-11", "1945-06-26", "2000-01-01",
        "2018-12-31",
    };
    static const char *const bad[] = {
        "", "19", "201", "20190", "2019-", "2019-1", "2019-00", "2019-13",
        "2019-11-", "2019-11-1", "2019-11-00", "2019-11-32", "2019/11/11",
        "2019-11-11T00", "11-11-2019", "abcd", "2019-1a", "2019-11-1a",
        " 2019", "2019 ", "20-19-11",
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
        if (dipx_meta_date_ok(good[i]) != 1)
            fail_msg("'%s' should be a valid date", good[i]);
    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        if (dipx_meta_date_ok(bad[i]) != 0)
            fail_msg("'%s' should not be a valid date", bad[i]);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sidecar_fields),
        cmocka_unit_test(test_sidecar_unknown_keys),
        cmocka_unit_test(test_sidecar_bad_line),
        cmocka_unit_test(test_sidecar_missing),
        cmocka_unit_test(test_sidecar_no_extension),
        cmocka_unit_test(test_index_any_order),
        cmocka_unit_test(test_index_dot_slash_rows),
        cmocka_unit_test(test_index_no_path_column),
        cmocka_unit_test(test_index_free_null),
        cmocka_unit_test(test_date_ok),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
