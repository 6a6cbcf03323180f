/*
** token.c: random tokens, their keyed hashes, CSRF tokens and field MACs.
** See token.h.
*/
#include "token.h"

#include <string.h>

#include "keyring.h"

/* Fill out with a new token from the CSPRNG: 32 bytes as base64url. */
void
token_new(char out[TOKEN_LEN + 1])
{
	uint8_t raw[32];

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(out, TOKEN_LEN + 1, raw, sizeof(raw),
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof(raw));
}

/* The keyed hash under which a token is stored: BLAKE2b with the token
** sub-key, so the stored value cannot be turned back into a token. */
void
token_hash(const struct keyring *kr, const char *token,
    uint8_t out[TOKEN_HASH_BYTES])
{
	crypto_generichash_state st;

	crypto_generichash_init(&st, kr->token, sizeof(kr->token),
	    TOKEN_HASH_BYTES);
	crypto_generichash_update(&st, (const uint8_t *)"token\0", 6);
	crypto_generichash_update(&st, (const uint8_t *)token, strlen(token));
	crypto_generichash_final(&st, out, TOKEN_HASH_BYTES);
}

/* The CSRF token for a session: a keyed hash of the session's token, so
** it needs no storage and changes with every new session. */
void
token_csrf(const struct keyring *kr, const char *session_token,
    char out[TOKEN_LEN + 1])
{
	uint8_t raw[32];
	crypto_generichash_state st;

	crypto_generichash_init(&st, kr->token, sizeof(kr->token), sizeof(raw));
	crypto_generichash_update(&st, (const uint8_t *)"csrf\0", 5);
	crypto_generichash_update(&st, (const uint8_t *)session_token,
	    strlen(session_token));
	crypto_generichash_final(&st, raw, sizeof(raw));
	sodium_bin2base64(out, TOKEN_LEN + 1, raw, sizeof(raw),
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

/* Compare two token strings in constant time.  Returns 1 when equal. */
int
token_equal(const char *a, const char *b)
{
	size_t n = strlen(a);

	if (n != strlen(b))
		return 0;
	return sodium_memcmp(a, b, n) == 0;
}

/* Compare n bytes in constant time.  Returns 1 when equal. */
int
token_bytes_equal(const void *a, const void *b, size_t n)
{
	return sodium_memcmp(a, b, n) == 0;
}

/* A keyed MAC over a list of fields, each length-prefixed so no two lists
** collide.  audit selects the audit sub-key, otherwise the token sub-key. */
void
token_mac(const struct keyring *kr, int audit, const struct mac_field *f,
    size_t n, uint8_t out[MAC_BYTES])
{
	crypto_generichash_state st;
	uint8_t len[8];
	size_t i, j;
	uint64_t v;

	crypto_generichash_init(&st, audit ? kr->audit : kr->token,
	    crypto_generichash_KEYBYTES, MAC_BYTES);
	for (i = 0; i < n; i++) {
		v = f[i].n;
		for (j = 0; j < 8; j++, v >>= 8)
			len[j] = (uint8_t)(v & 0xff);
		crypto_generichash_update(&st, len, sizeof(len));
		if (f[i].n)
			crypto_generichash_update(&st, f[i].p, f[i].n);
	}
	crypto_generichash_final(&st, out, MAC_BYTES);
}
