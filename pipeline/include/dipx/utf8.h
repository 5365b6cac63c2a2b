/*
 * utf8.h - UTF-8 decoding and code point arithmetic.
 *
 * Offsets in the stream are code points (DESIGN.md); these helpers convert
 * between code point and byte offsets and decode with the Unicode
 * "maximal subpart" rule, so that every ill-formed sequence becomes exactly
 * one U+FFFD the way browsers and Python do it.
 */
#ifndef DIPX_UTF8_H
#define DIPX_UTF8_H

#include <stddef.h>
#include <stdint.h>

#define DIPX_UTF8_INVALID 0xFFFFFFFFu

/*
 * Decodes one code point from S (N > 0 bytes available).  Sets *LEN to
 * the bytes used (1..4).  Returns the code point, or DIPX_UTF8_INVALID
 * when S starts with an ill-formed sequence; *LEN is then the length of
 * its maximal subpart (at least 1), the bytes one U+FFFD replaces.
 * Surrogates, overlongs and values above U+10FFFF are ill-formed.
 * Cannot fail otherwise.
 */
uint32_t dipx_utf8_decode(const unsigned char *s, size_t n, size_t *len);

/* Encodes CP (<= 0x10FFFF) into OUT (room for 4 bytes); returns the
 * number of bytes written (1..4).  Cannot fail. */
size_t dipx_utf8_encode(uint32_t cp, unsigned char *out);

/* The number of bytes CP takes in UTF-8 (1..4). */
size_t dipx_utf8_cplen(uint32_t cp);

/* Returns 1 when the N bytes at S are well-formed UTF-8, else 0 and, if
 * BAD is not NULL, the byte offset of the first ill-formed sequence. */
int dipx_utf8_valid(const char *s, size_t n, size_t *bad);

/* The number of code points in the N bytes of valid UTF-8 at S. */
size_t dipx_utf8_count(const char *s, size_t n);

/* Byte offset of code point CP in the N bytes of valid UTF-8 at S; N when
 * CP is at or past the end. */
size_t dipx_utf8_offset(const char *s, size_t n, size_t cp);

/* Returns 1 when CP may appear in an XML 1.0 document (the Char
 * production), else 0. */
int dipx_xml_char_ok(uint32_t cp);

#endif
