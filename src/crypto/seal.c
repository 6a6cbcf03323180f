/*
** seal.c: XChaCha20-Poly1305 field sealing bound to table, column and row.
** See seal.h.
*/
#include "seal.h"

#include <stdlib.h>
#include <string.h>

#include "keyring.h"

#define NB crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define AB crypto_aead_xchacha20poly1305_ietf_ABYTES

/* Build the associated data "table\0column\0<row, 8 bytes big-endian>" into
** ad (at least 160 bytes).  Returns its length, or 0 when the names are too
** long (a programming error). */
static size_t
seal_ad(uint8_t *ad, const char *table, const char *column, int64_t row)
{
	size_t t = strlen(table), c = strlen(column), n;
	uint64_t r = (uint64_t)row;
	int i;

	if (t > 64 || c > 64)
		return 0;
	memcpy(ad, table, t + 1);
	memcpy(ad + t + 1, column, c + 1);
	n = t + c + 2;
	for (i = 7; i >= 0; i--, r >>= 8)
		ad[n + (size_t)i] = (uint8_t)(r & 0xff);
	return n + 8;
}

#define KB crypto_aead_xchacha20poly1305_ietf_KEYBYTES

/* Seal n bytes of plain with key and the associated data ad.  Returns a
** newly allocated sealed value and sets *outlen, or NULL. */
static uint8_t *
seal_with(const uint8_t *key, const uint8_t *ad, size_t adlen,
    const void *plain, size_t n, size_t *outlen)
{
	unsigned long long clen;
	uint8_t *out;

	if (n > SEAL_MAX_PLAIN)
		return NULL;
	out = malloc(NB + n + AB);
	if (out == NULL)
		return NULL;
	randombytes_buf(out, NB);
	crypto_aead_xchacha20poly1305_ietf_encrypt(out + NB, &clen, plain, n,
	    ad, adlen, NULL, out, key);
	*outlen = NB + (size_t)clen;
	return out;
}

/* Seal n bytes of plain for table.column of row.  Returns a newly
** allocated sealed value (the caller frees it) and sets *outlen, or NULL
** when memory runs out or the value is larger than SEAL_MAX_PLAIN. */
uint8_t *
seal_text(const struct keyring *kr, const char *table, const char *column,
    int64_t row, const void *plain, size_t n, size_t *outlen)
{
	uint8_t ad[160], key[KB], *out;
	size_t adlen = seal_ad(ad, table, column, row);

	if (adlen == 0)
		return NULL;
	KR_TAKE(kr, seal, key, NULL);
	out = seal_with(key, ad, adlen, plain, n, outlen);
	sodium_memzero(key, sizeof(key));
	return out;
}

/* Open n sealed bytes with key into out (room for n - NB - AB + 1).
** Returns 0 with out NUL-terminated, or -1. */
static int
open_with(const uint8_t *key, const uint8_t *ad, size_t adlen,
    const uint8_t *s, size_t n, char *out)
{
	unsigned long long plen;

	if (crypto_aead_xchacha20poly1305_ietf_decrypt((uint8_t *)out, &plen,
	    NULL, s + NB, n - NB, ad, adlen, s, key) != 0)
		return -1;
	out[plen] = '\0';
	return 0;
}

/* Open a sealed value of table.column of row: with the current key, or
** during a key rotation with the key being retired.  Returns a newly
** allocated NUL-terminated plaintext (free it with seal_wipe), or NULL
** when the value is damaged, belongs elsewhere, or the key is wrong. */
char *
seal_open_text(const struct keyring *kr, const char *table,
    const char *column, int64_t row, const void *sealed, size_t n)
{
	uint8_t ad[160], key[KB], old[KB];
	size_t adlen = seal_ad(ad, table, column, row);
	char *out;
	int had;

	if (adlen == 0 || sealed == NULL || n < NB + AB)
		return NULL;
	out = malloc(n - NB - AB + 1);
	if (out == NULL)
		return NULL;
	had = KR_TAKE(kr, seal, key, old);
	if (open_with(key, ad, adlen, sealed, n, out) != 0 &&
	    (!had || open_with(old, ad, adlen, sealed, n, out) != 0)) {
		free(out);
		out = NULL;
	}
	sodium_memzero(key, sizeof(key));
	sodium_memzero(old, sizeof(old));
	return out;
}

/* Seal a value of table.column of row again with the current key, when
** it was sealed with the key a rotation retires.  The plaintext never
** leaves this function.  Returns 1 with a new value in *out (the caller
** frees it), 0 when the value is already sealed with the current key, or
** -1 when neither key opens it (or memory ran out). */
int
seal_rekey(const struct keyring *kr, const char *table, const char *column,
    int64_t row, const void *sealed, size_t n, uint8_t **out,
    size_t *outlen)
{
	uint8_t ad[160], key[KB], old[KB];
	size_t adlen = seal_ad(ad, table, column, row);
	char *plain;
	int rc = -1, had;

	*out = NULL;
	if (adlen == 0 || sealed == NULL || n < NB + AB)
		return -1;
	plain = malloc(n - NB - AB + 1);
	if (plain == NULL)
		return -1;
	had = KR_TAKE(kr, seal, key, old);
	if (open_with(key, ad, adlen, sealed, n, plain) == 0)
		rc = 0;
	else if (had && open_with(old, ad, adlen, sealed, n, plain) == 0) {
		*out = seal_with(key, ad, adlen, plain, n - NB - AB, outlen);
		rc = *out ? 1 : -1;
	}
	sodium_memzero(plain, n - NB - AB + 1);
	free(plain);
	sodium_memzero(key, sizeof(key));
	sodium_memzero(old, sizeof(old));
	return rc;
}

/* Zero and free a plaintext returned by seal_open_text. */
void
seal_wipe(char *plain)
{
	if (plain) {
		sodium_memzero(plain, strlen(plain));
		free(plain);
	}
}
