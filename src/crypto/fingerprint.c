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
	/* SipHash takes the first FPKEY_BYTES of the sub-key */
	kr_take(kr, offsetof(struct subkeys, fingerprint), FPKEY_BYTES, out->k,
	    NULL);
}

/* The keyed fingerprint of one k-gram hash: SipHash-2-4 of its eight
** bytes, little-endian on every machine.  This runs for every selected
** k-gram of every scanned text, so on little-endian machines the bytes
** are copied whole instead of shifted one at a time. */
uint64_t
fingerprint_keyed(const struct fpkey *key, uint64_t kgram)
{
	uint8_t in[8], out[crypto_shorthash_BYTES];
	uint64_t v = 0;
	int i;

#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	memcpy(in, &kgram, sizeof(in));
	crypto_shorthash(out, in, sizeof(in), key->k);
	memcpy(&v, out, sizeof(v));
#else
	for (i = 0; i < 8; i++)
		in[i] = (uint8_t)(kgram >> (8 * i));
	crypto_shorthash(out, in, sizeof(in), key->k);
	for (i = 7; i >= 0; i--)
		v = (v << 8) | out[i];
#endif
	(void)i;
	return v;
}

/* Forget a fingerprint key. */
void
fingerprint_key_wipe(struct fpkey *key)
{
	sodium_memzero(key->k, sizeof(key->k));
}
