/*
 * hash.h - SHA-256 in hex, on libmd (Debian's libmd-dev), never hand-rolled.
 */
#ifndef DIPX_HASH_H
#define DIPX_HASH_H

#include <stddef.h>
#include <stdint.h>

#define DIPX_SHA256_HEX 65  /* 64 hex digits and a NUL */

struct dipx_sha256 {
    uint64_t state[32];         /* holds libmd's SHA2_CTX (checked at build) */
};

void dipx_sha256_init(struct dipx_sha256 *h);
void dipx_sha256_update(struct dipx_sha256 *h, const void *p, size_t n);
/* Writes the digest as 64 lowercase hex digits and a NUL into HEX. */
void dipx_sha256_hex(struct dipx_sha256 *h, char hex[DIPX_SHA256_HEX]);

/* One call: the digest of the N bytes at P.  Cannot fail. */
void dipx_sha256_of(const void *p, size_t n, char hex[DIPX_SHA256_HEX]);

#endif
