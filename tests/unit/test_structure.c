/*
 * test_structure.c - the structure layer (structure.h): paragraphs,
 * sentences and list items, on texts normalized the way dipx-normalize
 * does it.  Offsets are code points into the normalized text.
 */
#include "testutil.h"

#include <stdio.h>

#include "dipx/utf8.h"

struct fixture {
    struct dipx_dict *d;
    struct dipx_norm *n;
    struct dipx_struct *s;
};

static int
setup(void **state)
{
    struct fixture *fx = calloc(1, sizeof(*fx));
    struct dipx_error err;

    if (fx == NULL)
        return -1;
    dipx_error_clear(&err);
    fx->d = test_dict();
    fx->n = dipx_norm_new(fx->d, &err);
    if (fx->n != NULL)
        fx->s = dipx_struct_new(fx->d, &err);
    if (fx->n == NULL || fx->s == NULL) {
        print_error("%s:%ld: %s\n", err.file, err.line, err.msg);
        dipx_norm_free(fx->n);
        dipx_dict_free(fx->d);
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

    dipx_struct_free(fx->s);
    dipx_norm_free(fx->n);
    dipx_dict_free(fx->d);
    free(fx);
    return 0;
}

/* Normalizes TEXT and builds its structure layer for LANG (may be NULL).
 * The caller frees the document. */
static struct dipx_doc *
build(const struct fixture *fx, const char *text, const char *lang)
{
    struct dipx_doc *doc = test_normalize(fx->n, text, strlen(text), NULL);
    struct dipx_error err;

    if (lang != NULL) {
        doc->lang = dipx_doc_strdup(doc, lang);
        assert_non_null(doc->lang);
    }
    dipx_error_clear(&err);
    assert_int_equal(dipx_struct_build(fx->s, doc, NULL, &err), 0);
    return doc;
}

static const struct dipx_layer *
structure(const struct dipx_doc *doc)
{
    const struct dipx_layer *l = dipx_doc_layer(doc, "structure");

    assert_non_null(l);
    return l;
}

/* The number of elements named NAME in the structure layer. */
static size_t
count(const struct dipx_doc *doc, const char *name)
{
    const struct dipx_layer *l = structure(doc);
    size_t i, n = 0;

    for (i = 0; i < l->nelems; i++)
        n += strcmp(l->elems[i].name, name) == 0;
    return n;
}

/* Prints the elements of the structure layer (to see why a test failed). */
static void
dump(const struct dipx_doc *doc)
{
    const struct dipx_layer *l = structure(doc);
    size_t i, a, b, x, y;

    for (i = 0; i < l->nelems; i++) {
        const struct dipx_elem *e = &l->elems[i];
        const char *m = dipx_elem_get(e, "marker");

        if (dipx_elem_get_size(e, "start", &a) != 0 ||
            dipx_elem_get_size(e, "end", &b) != 0 || a > b ||
            b > doc->text_cps) {
            print_error("  <%s> bad offsets\n", e->name);
            continue;
        }
        x = dipx_utf8_offset(doc->text, doc->text_len, a);
        y = dipx_utf8_offset(doc->text, doc->text_len, b);
        print_error("  <%s%s%s%s> %zu-%zu '%.*s'\n", e->name,
                    m ? " marker='" : "", m ? m : "", m ? "'" : "", a, b,
                    (int)(y - x), doc->text + x);
    }
}

/*
 * Finds the IDX-th (from 0) element named NAME in DOC's structure layer
 * and checks that it spans the code points [START, END) and that they are
 * the text SLICE.  Returns the element.
 */
static const struct dipx_elem *
check(const struct dipx_doc *doc, const char *name, size_t idx, size_t start,
      size_t end, const char *slice)
{
    const struct dipx_layer *l = structure(doc);
    size_t i, k = 0, a, b, x, y;

    for (i = 0; i < l->nelems; i++) {
        const struct dipx_elem *e = &l->elems[i];

        if (strcmp(e->name, name) != 0 || k++ != idx)
            continue;
        assert_int_equal(dipx_elem_get_size(e, "start", &a), 0);
        assert_int_equal(dipx_elem_get_size(e, "end", &b), 0);
        if (a != start || b != end)
            dump(doc);
        assert_int_equal(a, start);
        assert_int_equal(b, end);
        assert_true(b <= doc->text_cps);
        x = dipx_utf8_offset(doc->text, doc->text_len, a);
        y = dipx_utf8_offset(doc->text, doc->text_len, b);
        if (y - x != strlen(slice) || memcmp(doc->text + x, slice, y - x))
            fail_msg("<%s> %zu is '%.*s', expected '%s'", name, idx,
                     (int)(y - x), doc->text + x, slice);
        return e;
    }
    dump(doc);
    fail_msg("no <%s> number %zu (there are %zu)", name, idx, k);
    return NULL;
}

/* Checks that there are N elements named NAME, and dumps them if not. */
static void
check_count(const struct dipx_doc *doc, const char *name, size_t n)
{
    size_t got = count(doc, name);

    if (got != n)
        dump(doc);
    assert_int_equal(got, n);
}

/* Checks the marker attribute of the IDX-th list item. */
static void
check_marker(const struct dipx_doc *doc, size_t idx, size_t start,
             size_t end, const char *slice, const char *marker)
{
    const struct dipx_elem *e = check(doc, "li", idx, start, end, slice);
    const char *m = dipx_elem_get(e, "marker");

    assert_non_null(m);
    assert_string_equal(m, marker);
}

/* ---- paragraphs ------------------------------------------------------ */

static void
test_paragraphs(void **state)
{
    const struct fixture *fx = *state;
    struct dipx_doc *doc;

    doc = build(fx, "\n\nFirst paragraph.\n\nSecond one\nstill second.\n"
                    "   \n\nThird.\n\n\n", NULL);
    check_count(doc, "p", 3);
    check(doc, "p", 0, 2, 18, "First paragraph.");
    check(doc, "p", 1, 20, 44, "Second one\nstill second.");
    check(doc, "p", 2, 50, 56, "Third.");
    assert_int_equal(count(doc, "li"), 0);
    dipx_doc_free(doc);

    /* CR LF line ends are one line end in the text. */
    doc = build(fx, "One.\r\n\r\nTwo.", NULL);
    check_count(doc, "p", 2);
    check(doc, "p", 0, 0, 4, "One.");
    check(doc, "p", 1, 6, 10, "Two.");
    dipx_doc_free(doc);

    /* Nothing but blank lines: an empty layer. */
    doc = build(fx, " \n\t\n\n", NULL);
    assert_int_equal(structure(doc)->nelems, 0);
    dipx_doc_free(doc);
    doc = build(fx, "", NULL);
    assert_int_equal(structure(doc)->nelems, 0);
    dipx_doc_free(doc);
}

/* ---- sentences ------------------------------------------------------- */

static void
test_sentences(void **state)
{
    const struct fixture *fx = *state;
    struct dipx_doc *doc;

    doc = build(fx, "The U.S. delegation voted. See No. 5 of the list. "
                    "Draft resolution A/C.1/73/L.27.Rev.1 was adopted. "
                    "Growth was 3.5 per cent. J. Smith spoke. "
                    "He said \"yes.\" Then he left. Why? Because! Fine.",
                "en");
    check_count(doc, "p", 1);
    check_count(doc, "s", 10);
    check(doc, "s", 0, 0, 26, "The U.S. delegation voted.");
    check(doc, "s", 1, 27, 49, "See No. 5 of the list.");
    check(doc, "s", 2, 50, 99,
          "Draft resolution A/C.1/73/L.27.Rev.1 was adopted.");
    check(doc, "s", 3, 100, 124, "Growth was 3.5 per cent.");
    check(doc, "s", 4, 125, 140, "J. Smith spoke.");
    check(doc, "s", 5, 141, 155, "He said \"yes.\"");
    check(doc, "s", 6, 156, 169, "Then he left.");
    check(doc, "s", 7, 170, 174, "Why?");
    check(doc, "s", 8, 175, 183, "Because!");
    check(doc, "s", 9, 184, 189, "Fine.");
    check(doc, "p", 0, 0, 189, doc->text);
    dipx_doc_free(doc);
}

static void
test_sentences_abbrev(void **state)
{
    const struct fixture *fx = *state;
    struct dipx_doc *doc;

    /* Before a capital: only the abbreviation list keeps it whole. */
    doc = build(fx, "The U.S. Mission voted. It won.", "en");
    check_count(doc, "s", 2);
    check(doc, "s", 0, 0, 23, "The U.S. Mission voted.");
    check(doc, "s", 1, 24, 31, "It won.");
    dipx_doc_free(doc);

    /* A symbol at the end of a sentence does end it. */
    doc = build(fx, "It was adopted as A/C.1/73/L.27. Then it passed.", "en");
    check_count(doc, "s", 2);
    check(doc, "s", 0, 0, 32, "It was adopted as A/C.1/73/L.27.");
    check(doc, "s", 1, 33, 48, "Then it passed.");
    dipx_doc_free(doc);

    /* Brackets close a sentence too; a lowercase word does not start
     * one. */
    doc = build(fx, "(See annex I.) The vote was 120 to 8. and so on.", "en");
    check_count(doc, "s", 2);
    check(doc, "s", 0, 0, 14, "(See annex I.)");
    check(doc, "s", 1, 15, 48, "The vote was 120 to 8. and so on.");
    dipx_doc_free(doc);
}

/*
 * Spanish questions and exclamations open with U+00BF and U+00A1: a "?"
 * or "!" before them ends a sentence (3 sentences, not 1).
 */
static void
test_sentences_spanish_marks(void **state)
{
    const struct fixture *fx = *state;
    struct dipx_doc *doc;

    /* "¿Qué pasa? ¿Y tú? ¡Basta!" */
    doc = build(fx, "\xC2\xBFQu\xC3\xA9 pasa? \xC2\xBFY t\xC3\xBA? "
                    "\xC2\xA1" "Basta!", "es");
    check_count(doc, "s", 3);
    check(doc, "s", 0, 0, 10, "\xC2\xBFQu\xC3\xA9 pasa?");
    check(doc, "s", 1, 11, 17, "\xC2\xBFY t\xC3\xBA?");
    check(doc, "s", 2, 18, 25, "\xC2\xA1" "Basta!");
    dipx_doc_free(doc);
}

/* ---- list items ------------------------------------------------------ */

static void
test_list_markers(void **state)
{
    const struct fixture *fx = *state;
    struct dipx_doc *doc;

    doc = build(fx, "The Assembly decided:\n"
                    "\xE2\x80\xA2 to act;\n"
                    "- to report;\n"
                    "1. first;\n"
                    "2) second;\n"
                    "(a) third;\n"
                    "b) fourth;\n"
                    "(iv) fifth;\n"
                    "ii. sixth;\n"
                    "\xD0\xB0) seventh.",
                "en");
    check_count(doc, "p", 1);
    check_count(doc, "li", 9);
    check_count(doc, "s", 10);
    /* The text before the first item is a sentence of its own. */
    check(doc, "s", 0, 0, 21, "The Assembly decided:");
    check_marker(doc, 0, 22, 31, "\xE2\x80\xA2 to act;", "\xE2\x80\xA2");
    check_marker(doc, 1, 32, 44, "- to report;", "-");
    check_marker(doc, 2, 45, 54, "1. first;", "1.");
    check_marker(doc, 3, 55, 65, "2) second;", "2)");
    check_marker(doc, 4, 66, 76, "(a) third;", "(a)");
    check_marker(doc, 5, 77, 87, "b) fourth;", "b)");
    check_marker(doc, 6, 88, 99, "(iv) fifth;", "(iv)");
    check_marker(doc, 7, 100, 110, "ii. sixth;", "ii.");
    check_marker(doc, 8, 111, 122, "\xD0\xB0) seventh.", "\xD0\xB0)");
    /* An item's sentence leaves its marker out. */
    check(doc, "s", 1, 24, 31, "to act;");
    check(doc, "s", 2, 34, 44, "to report;");
    check(doc, "s", 3, 48, 54, "first;");
    check(doc, "s", 5, 70, 76, "third;");
    check(doc, "s", 7, 93, 99, "fifth;");
    check(doc, "s", 9, 114, 122, "seventh.");
    dipx_doc_free(doc);
}

static void
test_list_not_markers(void **state)
{
    const struct fixture *fx = *state;
    struct dipx_doc *doc;

    /* Words, symbols and initials at the start of a line are not
     * markers. */
    doc = build(fx, "See. This line starts with a word and a period here.\n"
                    "U.S. policy was discussed at length in the Committee.\n"
                    "J. Smith spoke for the delegation of the United States.\n"
                    "2018. That year the session opened in September again.",
                "en");
    assert_int_equal(count(doc, "li"), 0);
    dipx_doc_free(doc);
}

static void
test_list_wrapped(void **state)
{
    static const char text[] =
        "The General Assembly, recalling its earlier resolutions on the "
        "matter,\n"
        "(a) Decides to convene a high-level meeting on the question of "
        "nuclear\n"
        "    disarmament during its seventy-fourth session in New York;\n"
        "(b) Requests the Secretary-General to submit to it a report on the\n"
        "    implementation of the present resolution at its next session.";
    const struct fixture *fx = *state;
    struct dipx_doc *doc = build(fx, text, "en");

    check_count(doc, "p", 1);
    check_count(doc, "li", 2);
    check_count(doc, "s", 3);
    check(doc, "s", 0, 0, 70, "The General Assembly, recalling its earlier "
                              "resolutions on the matter,");
    check_marker(doc, 0, 71, 204,
                 "(a) Decides to convene a high-level meeting on the "
                 "question of nuclear\n    disarmament during its "
                 "seventy-fourth session in New York;", "(a)");
    check(doc, "s", 1, 75, 204,
          "Decides to convene a high-level meeting on the question of "
          "nuclear\n    disarmament during its seventy-fourth session in "
          "New York;");
    check_marker(doc, 1, 205, 337,
                 "(b) Requests the Secretary-General to submit to it a "
                 "report on the\n    implementation of the present "
                 "resolution at its next session.", "(b)");
    check(doc, "s", 2, 209, 337,
          "Requests the Secretary-General to submit to it a report on the\n"
          "    implementation of the present resolution at its next "
          "session.");
    dipx_doc_free(doc);
}

/* ---- line ends ------------------------------------------------------- */

static void
test_short_lines(void **state)
{
    const struct fixture *fx = *state;
    struct dipx_doc *doc = build(fx, "Home\nAbout us\nContact", "en");

    check_count(doc, "p", 1);
    check_count(doc, "s", 3);
    check(doc, "s", 0, 0, 4, "Home");
    check(doc, "s", 1, 5, 13, "About us");
    check(doc, "s", 2, 14, 21, "Contact");
    dipx_doc_free(doc);
}

static void
test_hard_wrapped(void **state)
{
    static const char text[] =
        "The Committee considered the report of the Secretary-General on the\n"
        "question and heard statements by the representatives of several "
        "States,\n"
        "who stressed the importance of dialogue and of full respect for the\n"
        "Charter of the United Nations.";
    const struct fixture *fx = *state;
    struct dipx_doc *doc = build(fx, text, "en");

    check_count(doc, "p", 1);
    check_count(doc, "s", 1);
    check(doc, "s", 0, 0, 238, text);
    dipx_doc_free(doc);
}

/* ---- offsets --------------------------------------------------------- */

static void
test_offsets_code_points(void **state)
{
    /* "Ассамблея café." then a paragraph of two sentences. */
    static const char pre[] =
        "\xD0\x90\xD1\x81\xD1\x81\xD0\xB0\xD0\xBC\xD0\xB1\xD0\xBB\xD0\xB5"
        "\xD1\x8F caf\xC3\xA9.";
    static const char nfd[] =
        "\xD0\x90\xD1\x81\xD1\x81\xD0\xB0\xD0\xBC\xD0\xB1\xD0\xBB\xD0\xB5"
        "\xD1\x8F cafe\xCC\x81.";
    const struct fixture *fx = *state;
    char text[128];
    struct dipx_doc *doc;

    snprintf(text, sizeof(text), "%s\n\nThe vote. It passed.", pre);
    doc = build(fx, text, NULL);
    check_count(doc, "p", 2);
    check_count(doc, "s", 3);
    check(doc, "p", 0, 0, 15, pre);
    check(doc, "s", 0, 0, 15, pre);
    check(doc, "p", 1, 17, 37, "The vote. It passed.");
    check(doc, "s", 1, 17, 26, "The vote.");
    check(doc, "s", 2, 27, 37, "It passed.");
    dipx_doc_free(doc);

    /* A decomposed é is one code point of the text once composed. */
    snprintf(text, sizeof(text), "%s\n\nThe vote. It passed.", nfd);
    doc = build(fx, text, NULL);
    check(doc, "s", 0, 0, 15, pre);
    check(doc, "s", 1, 17, 26, "The vote.");
    check(doc, "s", 2, 27, 37, "It passed.");
    dipx_doc_free(doc);
}

/* ---- the layer ------------------------------------------------------- */

static void
test_build_twice(void **state)
{
    const struct fixture *fx = *state;
    struct dipx_doc *doc = build(fx, "One. Two.\n\nThree.", "en");
    struct dipx_error err;
    size_t i, layers = 0, nelems = structure(doc)->nelems;

    assert_int_equal(nelems, 5);
    dipx_error_clear(&err);
    assert_int_equal(dipx_struct_build(fx->s, doc, "sha256:0", &err), 0);
    for (i = 0; i < doc->nlayers; i++)
        layers += strcmp(doc->layers[i].stage, "structure") == 0;
    assert_int_equal(layers, 1);
    assert_int_equal(structure(doc)->nelems, nelems);
    assert_string_equal(structure(doc)->version, DIPX_STRUCTURE_VERSION);
    assert_string_equal(structure(doc)->dict, "sha256:0");
    check(doc, "s", 1, 5, 9, "Two.");
    check(doc, "p", 1, 11, 17, "Three.");
    dipx_doc_free(doc);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_paragraphs),
        cmocka_unit_test(test_sentences),
        cmocka_unit_test(test_sentences_abbrev),
        cmocka_unit_test(test_sentences_spanish_marks),
        cmocka_unit_test(test_list_markers),
        cmocka_unit_test(test_list_not_markers),
        cmocka_unit_test(test_list_wrapped),
        cmocka_unit_test(test_short_lines),
        cmocka_unit_test(test_hard_wrapped),
        cmocka_unit_test(test_offsets_code_points),
        cmocka_unit_test(test_build_twice),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
