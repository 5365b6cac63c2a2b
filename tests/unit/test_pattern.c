/*
 * test_pattern.c - the pattern-file loader and matcher (pattern.h), and
 * every shipped pattern file's examples (STYLE.md 20: a dictionary is
 * tested like code: a rule that stops matching its + examples, or starts
 * matching a - example, fails here, naming file, line and rule).
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testutil.h"
#include "dipx/buf.h"
#include "dipx/pattern.h"

/* A dictionary directory of our own, for the loader's own tests. */
static char tmpdir[64];

static void
write_file(const char *rel, const char *text)
{
    char path[256];
    FILE *f;

    snprintf(path, sizeof(path), "%s/%s", tmpdir, rel);
    f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static int
setup(void **state)
{
    char path[128];

    (void)state;
    strcpy(tmpdir, "/tmp/dipx-pattern-XXXXXX");
    assert_non_null(mkdtemp(tmpdir));
    snprintf(path, sizeof(path), "%s/common", tmpdir);
    mkdir(path, 0755);
    snprintf(path, sizeof(path), "%s/en", tmpdir);
    mkdir(path, 0755);
    return 0;
}

static int
teardown(void **state)
{
    char cmd[128];

    (void)state;
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
    return system(cmd);
}

static struct dipx_patset *
load(const char *type, struct dipx_error *err)
{
    struct dipx_dict *d = dipx_dict_open(tmpdir, err);
    struct dipx_patset *ps;

    assert_non_null(d);
    ps = dipx_patset_load(d, type, "en", err);
    dipx_dict_free(d);
    return ps;
}

static void
test_loader(void **state)
{
    struct dipx_error err;
    struct dipx_patset *ps;
    struct dipx_match m;
    struct dipx_buf val = DIPX_BUF_INIT, rep = DIPX_BUF_INIT;
    const char *key, *text = "votes: 119-46-14 and 7-0-1.";

    (void)state;
    dipx_error_clear(&err);
    write_file("common/t.pcre", "define N [0-9]{1,3}\n");
    write_file("en/t.pcre",
               "# a rule with shared pieces, optional parts, examples\n"
               "rule triple\n"
               "  pattern (?<y>{N}) - (?<n>{N})\n"
               "  pattern (?: - (?<a>{N}) )?\n"
               "  emit yes=$y no=$n abstain=$a tally=$y/$n[/$a]\n"
               "  + [[119-46-14]] => yes=119 tally=119/46/14\n"
               "  + [[3-4]] => tally=3/4\n"
               "  - none here\n"
               "- nor here\n");
    ps = load("t", &err);
    assert_non_null(ps);
    assert_int_equal(dipx_patset_nrules(ps), 1);
    assert_string_equal(dipx_patset_rule_name(ps, 0), "triple");
    assert_int_equal(dipx_patset_next(ps, text, strlen(text), 0, &m, &err),
                     1);
    assert_int_equal(m.start, 7);
    assert_int_equal(m.end, 16);
    assert_int_equal(dipx_patset_emit(ps, text, 0, 3, &key, &val), 0);
    assert_string_equal(key, "tally");
    assert_string_equal(val.data, "119/46/14");
    assert_int_equal(dipx_patset_next(ps, text, strlen(text), m.end, &m,
                                      &err), 1);
    assert_int_equal(dipx_patset_check_examples(ps, &rep), 0);
    dipx_patset_free(ps);
    dipx_buf_free(&val);
    dipx_buf_free(&rep);
}

static void
test_failing_examples(void **state)
{
    struct dipx_error err;
    struct dipx_patset *ps;
    struct dipx_buf rep = DIPX_BUF_INIT;

    (void)state;
    dipx_error_clear(&err);
    write_file("en/f.pcre",
               "rule r\n"
               "  pattern [0-9]+\n"
               "  emit n=$none\n"
               "  + [[12]] => n=12\n"      /* emits "" */
               "  + abc\n"                 /* no match */
               "  - 7 days\n"              /* matches */
               "- 99\n");
    ps = load("f", &err);
    assert_non_null(ps);
    assert_int_equal(dipx_patset_check_examples(ps, &rep), 4);
    assert_non_null(strstr(rep.data, "en/f.pcre:4: r: emits n="));
    assert_non_null(strstr(rep.data, "en/f.pcre:5: r: does not match"));
    assert_non_null(strstr(rep.data, "en/f.pcre:6: r: matches \"7\""));
    assert_non_null(strstr(rep.data, "en/f.pcre:7: (any rule)"));
    dipx_patset_free(ps);
    dipx_buf_free(&rep);
}

static void
test_errors(void **state)
{
    struct dipx_error err;

    (void)state;
    dipx_error_clear(&err);
    write_file("en/e1.pcre", "rule bad\n  pattern (unclosed\n");
    assert_null(load("e1", &err));
    assert_int_equal(err.code, DIPX_EDICT);
    assert_non_null(strstr(err.file, "en/e1.pcre"));
    assert_int_equal(err.line, 1);
    assert_non_null(strstr(err.msg, "rule bad"));
    write_file("en/e2.pcre", "rule r\n  pattern {NOPE}\n");
    assert_null(load("e2", &err));
    assert_non_null(strstr(err.msg, "undefined {NOPE}"));
    assert_int_equal(err.line, 2);
    write_file("en/e3.pcre", "  pattern x\n");
    assert_null(load("e3", &err));
    write_file("en/e4.pcre", "rule r\n  pattern (a+)+$\n  bogus line\n");
    assert_null(load("e4", &err));
    assert_int_equal(err.line, 3);
    assert_null(load("none", &err));
    assert_non_null(strstr(err.msg, "no pattern file"));
}

/* Backtracking bait is a resource error, never "no match". */
static void
test_match_limit(void **state)
{
    struct dipx_error err;
    struct dipx_patset *ps;
    struct dipx_match m;
    char text[66];

    (void)state;
    dipx_error_clear(&err);
    write_file("en/bt.pcre", "rule bait\n  pattern ^(a|a)*b\n");
    ps = load("bt", &err);
    assert_non_null(ps);
    /* a^63 c b: the required "b" is there, so the match is tried. */
    memset(text, 'a', sizeof(text) - 3);
    text[sizeof(text) - 3] = 'c';
    text[sizeof(text) - 2] = 'b';
    text[sizeof(text) - 1] = '\0';
    assert_int_equal(dipx_patset_next(ps, text, strlen(text), 0, &m, &err),
                     DIPX_ELIMIT);
    assert_non_null(strstr(err.msg, "pattern matching failed"));
    dipx_patset_free(ps);
}

/* Every shipped pattern file, in every language it exists for. */
static void
test_shipped_examples(void **state)
{
    static const char *const langs[] = {"en", "fr", "es", "ru"};
    const char *root = getenv("DIPX_DICT_PATH");
    struct dipx_buf rep = DIPX_BUF_INIT;
    size_t i, failures = 0, sets = 0;
    char dir[512];

    (void)state;
    assert_non_null(root);
    for (i = 0; i < sizeof(langs) / sizeof(langs[0]); i++) {
        struct dirent *de;
        DIR *dp;

        snprintf(dir, sizeof(dir), "%s/%s", root, langs[i]);
        dp = opendir(dir);
        assert_non_null(dp);
        while ((de = readdir(dp)) != NULL) {
            size_t n = strlen(de->d_name);
            struct dipx_error err;
            struct dipx_dict *d;
            struct dipx_patset *ps;
            char type[128];

            if (n < 6 || strcmp(de->d_name + n - 5, ".pcre") != 0)
                continue;
            snprintf(type, sizeof(type), "%.*s", (int)(n - 5), de->d_name);
            dipx_error_clear(&err);
            d = test_dict();
            ps = dipx_patset_load(d, type, langs[i], &err);
            if (ps == NULL)
                fail_msg("%s:%ld: %s", err.file, err.line, err.msg);
            failures += dipx_patset_check_examples(ps, &rep);
            sets++;
            dipx_patset_free(ps);
            dipx_dict_free(d);
        }
        closedir(dp);
    }
    if (failures > 0)
        print_error("%s", rep.data);
    print_message("%zu pattern sets checked\n", sets);
    assert_true(sets >= 4);
    assert_int_equal(failures, 0);
    dipx_buf_free(&rep);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_loader),
        cmocka_unit_test(test_failing_examples),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_match_limit),
        cmocka_unit_test(test_shipped_examples),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
