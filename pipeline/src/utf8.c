/* utf8.c - UTF-8 decoding and code point arithmetic (utf8.h). */
#include "dipx/utf8.h"

uint32_t
dipx_utf8_decode(const unsigned char *s, size_t n, size_t *len)
{
    unsigned c = s[0];
    uint32_t cp;
    size_t need, i;
    unsigned lo = 0x80, hi = 0xBF;  /* bounds of the second byte */

    if (c < 0x80) {
        *len = 1;
        return c;
    }
    if (c >= 0xC2 && c <= 0xDF) {
        need = 1;
        cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 2;
        cp = c & 0x0F;
        if (c == 0xE0)
            lo = 0xA0;          /* no overlongs */
        else if (c == 0xED)
            hi = 0x9F;          /* no surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3;
        cp = c & 0x07;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F;          /* nothing above U+10FFFF */
    } else {
        *len = 1;
        return DIPX_UTF8_INVALID;
    }
    /* The maximal subpart: stop at the first byte that cannot continue. */
    for (i = 1; i <= need; i++) {
        unsigned b;

        if (i >= n) {
            *len = i;
            return DIPX_UTF8_INVALID;
        }
        b = s[i];
        if (b < (i == 1 ? lo : 0x80) || b > (i == 1 ? hi : 0xBF)) {
            *len = i;
            return DIPX_UTF8_INVALID;
        }
        cp = (cp << 6) | (b & 0x3F);
    }
    *len = need + 1;
    return cp;
}

size_t
dipx_utf8_encode(uint32_t cp, unsigned char *out)
{
    if (cp < 0x80) {
        out[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (unsigned char)(0xC0 | (cp >> 6));
        out[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (unsigned char)(0xE0 | (cp >> 12));
        out[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (unsigned char)(0xF0 | (cp >> 18));
    out[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

size_t
dipx_utf8_cplen(uint32_t cp)
{
    return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

int
dipx_utf8_valid(const char *s, size_t n, size_t *bad)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, len;

    while (i < n) {
        if (p[i] < 0x80) {
            i++;
            continue;
        }
        if (dipx_utf8_decode(p + i, n - i, &len) == DIPX_UTF8_INVALID) {
            if (bad != NULL)
                *bad = i;
            return 0;
        }
        i += len;
    }
    return 1;
}

size_t
dipx_utf8_count(const char *s, size_t n)
{
    size_t i, count = 0;

    /* Count the bytes that are not continuation bytes. */
    for (i = 0; i < n; i++)
        count += ((unsigned char)s[i] & 0xC0) != 0x80;
    return count;
}

size_t
dipx_utf8_offset(const char *s, size_t n, size_t cp)
{
    size_t i = 0;

    while (cp > 0 && i < n) {
        i++;
        while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80)
            i++;
        cp--;
    }
    return i;
}

int
dipx_xml_char_ok(uint32_t cp)
{
    if (cp < 0x20)
        return cp == 0x9 || cp == 0xA || cp == 0xD;
    if (cp <= 0xD7FF)
        return 1;
    if (cp < 0xE000)
        return 0;
    if (cp <= 0xFFFD)
        return 1;
    return cp >= 0x10000 && cp <= 0x10FFFF;
}
