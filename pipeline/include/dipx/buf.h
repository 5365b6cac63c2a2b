/*
 * buf.h - a growable byte buffer.
 *
 * A struct dipx_buf is a plain value: {NULL, 0, 0} is an empty buffer, and
 * dipx_buf_free() returns it to that state.  The bytes are always followed
 * by a NUL (not counted in len) once anything was appended, so b.data can
 * be handed to functions that want a C string when the data has no NUL.
 */
#ifndef DIPX_BUF_H
#define DIPX_BUF_H

#include <stddef.h>
#include <stdint.h>

struct dipx_buf {
    char *data;
    size_t len;
    size_t cap;
};

#define DIPX_BUF_INIT {NULL, 0, 0}

/* Makes room for N more bytes.  Returns 0, or DIPX_ENOMEM (buffer kept). */
int dipx_buf_reserve(struct dipx_buf *b, size_t n);

/* Appends N bytes / a C string / one byte / one code point as UTF-8.
 * Return 0 or DIPX_ENOMEM (the buffer is left as it was). */
int dipx_buf_append(struct dipx_buf *b, const void *p, size_t n);
int dipx_buf_puts(struct dipx_buf *b, const char *s);
int dipx_buf_putc(struct dipx_buf *b, int c);
int dipx_buf_put_cp(struct dipx_buf *b, uint32_t cp);

/* Appends printf-style text.  Returns 0 or DIPX_ENOMEM. */
int dipx_buf_printf(struct dipx_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Empties the buffer, keeping its memory.  Cannot fail. */
void dipx_buf_reset(struct dipx_buf *b);

/* Frees the memory; B becomes an empty buffer.  Cannot fail. */
void dipx_buf_free(struct dipx_buf *b);

/* Hands the bytes over to the caller (who frees them with free()) and
 * leaves B empty.  Returns "" allocated when B is empty, or NULL when
 * that allocation fails. */
char *dipx_buf_steal(struct dipx_buf *b);

#endif
