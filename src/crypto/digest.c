/*
** digest.c: public digests of texts.  See digest.h.
*/
#include "digest.h"

#include <sodium.h>

/* The BLAKE2b-256 digest of p[0..n). */
void
digest_text(const char *p, size_t n, uint8_t out[DIGEST_BYTES])
{
	crypto_generichash(out, DIGEST_BYTES, (const unsigned char *)p, n,
	    NULL, 0);
}
