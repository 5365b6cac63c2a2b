/*
 * pattern.h - pattern files: rule blocks of PCRE2 patterns, compiled once
 * into one pattern per set, matched in one pass over a document.
 *
 * A pattern file (dictionaries/<lang>/<type>.pcre, and common/<type>.pcre
 * for what every language shares) holds, one directive per line:
 *
 *   include common/numbers.pcre      other files' defines (not their rules)
 *   define NAME  REGEX               a shared piece, used as {NAME}
 *                                    (NAME in capitals; \p{L} is PCRE's)
 *   define NAME  @FILE               the first column of a word list
 *                                    (dictionary path) as an alternation
 *   rule NAME                        a rule; its lines follow, indented:
 *     pattern REGEX                    (repeatable: lines join with LF)
 *     emit KEY=VALUE ...               what a match says; VALUE may use
 *                                      $group (a named group's text),
 *                                      $group:u (upper-cased), and
 *                                      [...] (left out unless every
 *                                      group inside took part); an
 *                                      unset group outside [] is empty
 *     flags i                          caseless
 *     + TEXT                           must match; [[ ]] mark the span
 *     + TEXT => KEY=VALUE ...          ... and emit these
 *     - TEXT                           the rule must not match in TEXT
 *   - TEXT                           (outside a rule) no rule may match
 *
 * Patterns are in PCRE2 extended syntax (spaces and # comments ignored),
 * UTF and UCP; write digits as [0-9].  All rules of a set are tried at
 * each position in file order (common/ first); the first that matches
 * wins, and matching goes on after its end.
 */
#ifndef DIPX_PATTERN_H
#define DIPX_PATTERN_H

#include <stddef.h>

#include "dipx/dict.h"
#include "dipx/error.h"

struct dipx_patset;

/* One match: the rule, and its span in bytes of the subject. */
struct dipx_match {
    size_t rule;
    size_t start, end;
};

/*
 * Loads and compiles the rules of TYPE for LANG: common/TYPE.pcre, then
 * LANG/TYPE.pcre (either may be missing, not both).  Returns NULL with ERR
 * naming file, line and, for a compile error, the offset in the pattern.
 */
struct dipx_patset *dipx_patset_load(struct dipx_dict *d, const char *type,
                                     const char *lang,
                                     struct dipx_error *err);
void dipx_patset_free(struct dipx_patset *ps);

size_t dipx_patset_nrules(const struct dipx_patset *ps);
const char *dipx_patset_rule_name(const struct dipx_patset *ps, size_t rule);

/*
 * Finds the first match in SUBJECT[0..LEN) at or after byte FROM (SUBJECT
 * is valid UTF-8: it is not checked again).  Returns 1 and fills *M, 0
 * when there is none, or DIPX_ELIMIT with ERR set when a match limit was
 * hit (a resource error is an error, never "no match").
 */
int dipx_patset_next(struct dipx_patset *ps, const char *subject, size_t len,
                     size_t from, struct dipx_match *m,
                     struct dipx_error *err);

/* Where to look for the match after M in SUBJECT[0..LEN): its end, or
 * one code point on when it is empty (never inside a UTF-8 sequence, which
 * PCRE2 must not be started in).  Cannot fail. */
size_t dipx_patset_after(const char *subject, size_t len,
                         const struct dipx_match *m);

/* The text of named group NAME in the last match (*LEN bytes), or NULL
 * when it did not take part. */
const char *dipx_patset_group(const struct dipx_patset *ps,
                              const char *subject, const char *name,
                              size_t *len);

/* The number of emit pairs of RULE, and pair I: its key and its value
 * expanded from the last match of SUBJECT into OUT (replaced; empty when
 * it expands to nothing).  Returns 0 or DIPX_ENOMEM. */
size_t dipx_patset_nemit(const struct dipx_patset *ps, size_t rule);
int dipx_patset_emit(const struct dipx_patset *ps, const char *subject,
                     size_t rule, size_t i, const char **key,
                     struct dipx_buf *out);

/*
 * Runs every example of the set.  Returns the number of failures; each is
 * described on a line appended to REPORT ("file:line: rule: why").
 */
size_t dipx_patset_check_examples(struct dipx_patset *ps,
                                  struct dipx_buf *report);

#endif
