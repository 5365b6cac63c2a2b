/*
 * edits.h - mapping offsets of the normalized text back to source bytes.
 *
 * The edits of a document (struct dipx_edit in doc.h) say where the text
 * differs from the source.  With them and the text, any code point range
 * maps to the exact source byte range it came from, and the source bytes
 * of a document (or part) can be rebuilt exactly: the round trip that the
 * tests prove on every shipped file.
 */
#ifndef DIPX_EDITS_H
#define DIPX_EDITS_H

#include <stddef.h>
#include <stdint.h>

#include "dipx/buf.h"
#include "dipx/doc.h"
#include "dipx/error.h"

/*
 * Maps the code point range [START, END) of DOC's text to the source byte
 * range [*SRC_START, *SRC_END).  A boundary inside an edit widens to the
 * whole edit.  Returns 0, or DIPX_EUSAGE when START > END or END is past
 * the text.  Costs a binary search and a scan from the edit before each
 * boundary once DOC's edits are indexed (dipx_edits_check); a scan from
 * the start of the text otherwise.
 */
int dipx_edits_map(const struct dipx_doc *doc, size_t start, size_t end,
                   int64_t *src_start, int64_t *src_end);

/*
 * Rebuilds the source bytes DOC's text came from (for a part: the bytes
 * of that part, which begin at doc->srcbase) and appends them to OUT.
 * Returns 0, DIPX_ENOMEM, or DIPX_EINPUT when the edits do not fit the
 * text (overlap, out of order, past the end); whether their source
 * offsets follow each other is dipx_edits_check's to say.
 */
int dipx_edits_restore(const struct dipx_doc *doc, struct dipx_buf *out,
                       struct dipx_error *err);

/* Checks that DOC's edits are sorted, do not overlap, lie inside the text
 * and have consistent source offsets, and indexes them (records the byte
 * offset of each in the text).  The reader and normalize call it; call it
 * again after changing the text or the edits.  Returns 0 or DIPX_EINPUT. */
int dipx_edits_check(struct dipx_doc *doc, struct dipx_error *err);

#endif
