/* hash.c - SHA-256 through libmd (hash.h). */
#include <sys/types.h>
#include <sha2.h>
#include <string.h>

#include "dipx/hash.h"

_Static_assert(sizeof(SHA2_CTX) <= sizeof(((struct dipx_sha256 *)0)->state),
               "struct dipx_sha256 too small for libmd's SHA2_CTX");

void
dipx_sha256_init(struct dipx_sha256 *h)
{
    SHA256Init((SHA2_CTX *)(void *)h->state);
}

void
dipx_sha256_update(struct dipx_sha256 *h, const void *p, size_t n)
{
    SHA256Update((SHA2_CTX *)(void *)h->state, p, n);
}

void
dipx_sha256_hex(struct dipx_sha256 *h, char hex[DIPX_SHA256_HEX])
{
    static const char digits[] = "0123456789abcdef";
    unsigned char md[SHA256_DIGEST_LENGTH];
    int i;

    SHA256Final(md, (SHA2_CTX *)(void *)h->state);
    for (i = 0; i < SHA256_DIGEST_LENGTH; i++) {
        hex[2 * i] = digits[md[i] >> 4];
        hex[2 * i + 1] = digits[md[i] & 15];
    }
    hex[64] = '\0';
}

void
dipx_sha256_of(const void *p, size_t n, char hex[DIPX_SHA256_HEX])
{
    struct dipx_sha256 h;

    dipx_sha256_init(&h);
    dipx_sha256_update(&h, p, n);
    dipx_sha256_hex(&h, hex);
}
