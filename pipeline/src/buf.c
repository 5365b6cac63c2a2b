/* buf.c - growable byte buffer (buf.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dipx/buf.h"
#include "dipx/error.h"
#include "dipx/utf8.h"

int
dipx_buf_reserve(struct dipx_buf *b, size_t n)
{
    size_t need, cap;
    char *p;

    if (n > SIZE_MAX - b->len - 1)
        return DIPX_ENOMEM;
    need = b->len + n + 1;
    if (need <= b->cap)
        return 0;
    cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    p = realloc(b->data, cap);
    if (p == NULL)
        return DIPX_ENOMEM;
    b->data = p;
    b->cap = cap;
    return 0;
}

int
dipx_buf_append(struct dipx_buf *b, const void *p, size_t n)
{
    if (dipx_buf_reserve(b, n) < 0)
        return DIPX_ENOMEM;
    if (n > 0)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 0;
}

int
dipx_buf_puts(struct dipx_buf *b, const char *s)
{
    return dipx_buf_append(b, s, strlen(s));
}

int
dipx_buf_putc(struct dipx_buf *b, int c)
{
    char ch = (char)c;

    return dipx_buf_append(b, &ch, 1);
}

int
dipx_buf_put_cp(struct dipx_buf *b, uint32_t cp)
{
    unsigned char tmp[4];

    return dipx_buf_append(b, tmp, dipx_utf8_encode(cp, tmp));
}

int
dipx_buf_printf(struct dipx_buf *b, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || dipx_buf_reserve(b, (size_t)n) < 0)
        return DIPX_ENOMEM;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return 0;
}

void
dipx_buf_reset(struct dipx_buf *b)
{
    b->len = 0;
    if (b->data != NULL)
        b->data[0] = '\0';
}

void
dipx_buf_free(struct dipx_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

char *
dipx_buf_steal(struct dipx_buf *b)
{
    char *p = b->data;

    if (p == NULL)
        return calloc(1, 1);
    b->data = NULL;
    b->len = b->cap = 0;
    return p;
}
