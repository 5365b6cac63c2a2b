/*
 * lang.h - language detection from function-word lists.
 *
 * Each language listed in dictionaries/common/languages.txt has a list of
 * frequent function words (<lang>/stopwords.txt).  A text is given the
 * language whose words it uses most, when that is clear; Cyrillic text
 * without enough words counts for the Cyrillic language in the list.
 */
#ifndef DIPX_LANG_H
#define DIPX_LANG_H

#include <stddef.h>

#include "dipx/dict.h"
#include "dipx/error.h"

struct dipx_lang;

struct dipx_lang *dipx_lang_new(struct dipx_dict *d, struct dipx_error *err);
void dipx_lang_free(struct dipx_lang *l);

/* The language of the N bytes of UTF-8 at TEXT ("en", ...), or NULL when
 * it is not clear.  Looks at the first 64 KiB only.  Cannot fail. */
const char *dipx_lang_detect(const struct dipx_lang *l, const char *text,
                             size_t n);

/* 1 when the language tag WANT is language HAVE or a regional form of it
 * ("en-GB" for "en").  Cannot fail. */
int dipx_lang_matches(const char *have, const char *want);

/* 1 when LANG is one of the languages listed.  Cannot fail. */
int dipx_lang_known(const struct dipx_lang *l, const char *lang);

#endif
