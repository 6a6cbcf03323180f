/*
** fingerprint.c: keyed fingerprints.  See fingerprint.h.
*/
#include "fingerprint.h"

#include <string.h>

#include "keyring.h"

/* The fingerprint key of a community (a sub-key of its master key). */
void
fingerprint_key(const struct keyring *kr, struct fpkey *out)
{
	memcpy(out->k, kr->fingerprint, FPKEY_BYTES);
}

/* The keyed fingerprint of one k-gram hash. */
uint64_t
fingerprint_keyed(const struct fpkey *key, uint64_t kgram)
{
	uint8_t in[8], out[crypto_shorthash_BYTES];
	uint64_t v = 0;
	int i;

	for (i = 0; i < 8; i++)
		in[i] = (uint8_t)(kgram >> (8 * i));
	crypto_shorthash(out, in, sizeof(in), key->k);
	for (i = 7; i >= 0; i--)
		v = (v << 8) | out[i];
	return v;
}

/* Forget a fingerprint key. */
void
fingerprint_key_wipe(struct fpkey *key)
{
	sodium_memzero(key->k, sizeof(key->k));
}
