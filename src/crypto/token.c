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
	uint8_t key[crypto_generichash_KEYBYTES];

	KR_TAKE(kr, token, key, NULL);
	crypto_generichash_init(&st, key, sizeof(key), TOKEN_HASH_BYTES);
	sodium_memzero(key, sizeof(key));
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
	uint8_t key[crypto_generichash_KEYBYTES];

	KR_TAKE(kr, token, key, NULL);
	crypto_generichash_init(&st, key, sizeof(key), sizeof(raw));
	sodium_memzero(key, sizeof(key));
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
** collide, with the sub-key of use (MAC_TOKEN, MAC_HOOK, MAC_AUDIT, or
** MAC_AUDIT_OLD:
** the audit key being retired by a rotation, the current one outside
** one). */
void
token_mac(const struct keyring *kr, enum mac_use use,
    const struct mac_field *f, size_t n, uint8_t out[MAC_BYTES])
{
	uint8_t key[crypto_generichash_KEYBYTES], old[sizeof(key)];
	crypto_generichash_state st;
	uint8_t len[8];
	size_t i, j;
	uint64_t v;

	if (use == MAC_TOKEN)
		KR_TAKE(kr, token, key, NULL);
	else if (use == MAC_HOOK)
		KR_TAKE(kr, hook, key, NULL);
	else if (use == MAC_AUDIT_OLD && KR_TAKE(kr, audit, key, old))
		memcpy(key, old, sizeof(key));
	else
		KR_TAKE(kr, audit, key, NULL);
	crypto_generichash_init(&st, key, sizeof(key), MAC_BYTES);
	sodium_memzero(key, sizeof(key));
	sodium_memzero(old, sizeof(old));
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
