/*
 * stream.h - reading and writing the dipx XML annotation stream.
 *
 * The reader is built on libxml2's xmlTextReader and hands out one <doc>
 * at a time, so memory does not grow with the corpus.  It reads several
 * files, directories (their *.xml files, recursively, in name order) and
 * several <corpus> roots in sequence as one corpus.  It is hardened for
 * input from anywhere: no DTD, no entities, no network; a DOCTYPE is
 * refused before the parser sees it, start tags are bounded in bytes and
 * attributes before the parser sees them, and nesting depth is capped.
 *
 * The writer is built on xmlTextWriter and never emits what XML 1.0
 * forbids: ill-formed UTF-8 and characters outside the XML Char
 * production become U+FFFD (one for one, so code point offsets hold).
 */
#ifndef DIPX_STREAM_H
#define DIPX_STREAM_H

#include <stdio.h>

#include "dipx/doc.h"
#include "dipx/error.h"

#define DIPX_STREAM_NS "urn:dipx:stream:1"

struct dipx_reader;
struct dipx_writer;

/*
 * libxml2 2.9 checks a start tag's attributes for duplicates pairwise, so
 * a tag with many attributes costs quadratic time: their number is bounded
 * before the parser sees the tag, and so is its size.
 */
struct dipx_reader_limits {
    size_t max_tag_bytes;       /* bytes of one tag (default 4 MiB) */
    size_t max_attrs;           /* attributes of one tag (default 256) */
    int max_depth;              /* element nesting (default 16) */
};

/* A reader with no inputs yet, or NULL when out of memory. */
struct dipx_reader *dipx_reader_new(void);

/* Sets limits (0 fields keep their defaults).  Cannot fail. */
void dipx_reader_set_limits(struct dipx_reader *r,
                            const struct dipx_reader_limits *lim);

/*
 * Queues PATH: a stream file, a directory (its *.xml files, recursively,
 * sorted by name) or "-" for standard input.  Returns 0, or DIPX_EIO
 * with ERR naming PATH when it cannot be read (the reader stays usable).
 */
int dipx_reader_add(struct dipx_reader *r, const char *path,
                    struct dipx_error *err);

/*
 * Reads the next document into *DOC (a new document the caller frees).
 * Returns 1 when a document was read, 0 at the end of all inputs, or a
 * negative code with ERR saying where (file, doc id, line, column) when
 * an input is bad: after a document whose XML is well-formed but whose
 * content is not, the next call goes on with the next document; after
 * malformed XML, with the next <corpus> root or input it can resync on.
 */
int dipx_reader_next(struct dipx_reader *r, struct dipx_doc **doc,
                     struct dipx_error *err);

/* Where the document last returned came from: the input as the user
 * named it ("<stdin>" for standard input) and the line its <doc> started
 * on (0 when unknown), for messages about it.  Cannot fail. */
void dipx_reader_where(const struct dipx_reader *r, const char **file,
                       long *line);

/* Frees R and closes its inputs.  NULL is a no-op. */
void dipx_reader_free(struct dipx_reader *r);

/*
 * A writer on OUT (not closed by the writer).  The <corpus> root is
 * written with the first document or at dipx_writer_finish().
 * Returns NULL when out of memory.
 */
struct dipx_writer *dipx_writer_new(FILE *out);

/* Writes DOC as one <doc>.  Returns 0, DIPX_ENOMEM or DIPX_EIO. */
int dipx_writer_doc(struct dipx_writer *w, const struct dipx_doc *doc,
                    struct dipx_error *err);

/* Ends the corpus and flushes.  Returns 0 or DIPX_EIO.  Does not check
 * OUT itself beyond the flush: callers still check ferror/fclose. */
int dipx_writer_finish(struct dipx_writer *w, struct dipx_error *err);

/* Frees W.  NULL is a no-op. */
void dipx_writer_free(struct dipx_writer *w);

#endif
