/*
 * structure.h - the structure layer: paragraphs, sentences, list items.
 *
 * dipx-normalize writes it; every later stage reads it and none splits
 * sentences itself (DESIGN.md).  Abbreviations that do not end a sentence
 * come from dictionaries/<lang>/abbrev.txt.
 */
#ifndef DIPX_STRUCTURE_H
#define DIPX_STRUCTURE_H

#include "dipx/dict.h"
#include "dipx/doc.h"
#include "dipx/error.h"

#define DIPX_STRUCTURE_VERSION "1"

struct dipx_struct;

/* Loads the abbreviation lists of the languages in common/languages.txt.
 * Returns NULL with ERR set on failure. */
struct dipx_struct *dipx_struct_new(struct dipx_dict *d,
                                    struct dipx_error *err);
void dipx_struct_free(struct dipx_struct *s);

/*
 * Adds DOC's structure layer (replacing an older one), using the
 * abbreviations of doc->lang, or of every language dipx knows when the
 * language is unknown or has no list of its own.  DICT is the
 * digest stamped on the layer (may be NULL).  Returns 0 or DIPX_ENOMEM.
 */
int dipx_struct_build(const struct dipx_struct *s, struct dipx_doc *doc,
                      const char *dict, struct dipx_error *err);

#endif
