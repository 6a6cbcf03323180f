/*
** token.h: random tokens (session cookies, API bearer tokens), the keyed
** hashes under which they are stored, CSRF tokens tied to a session, and
** keyed MACs over lists of fields (the audit chain, throttle keys).
*/
#ifndef SANCTUM_TOKEN_H
#define SANCTUM_TOKEN_H

#include <stddef.h>
#include <stdint.h>

struct keyring;

#define TOKEN_LEN 43		/* 32 random bytes, base64url, no padding */
#define TOKEN_HASH_BYTES 32
#define MAC_BYTES 32

enum mac_use { MAC_TOKEN, MAC_HOOK, MAC_AUDIT, MAC_AUDIT_OLD };

struct mac_field {
	const void *p;
	size_t n;
};

void token_new(char out[TOKEN_LEN + 1]);
void token_hash(const struct keyring *kr, const char *token,
    uint8_t out[TOKEN_HASH_BYTES]);
void token_csrf(const struct keyring *kr, const char *session_token,
    char out[TOKEN_LEN + 1]);
int token_equal(const char *a, const char *b);
int token_bytes_equal(const void *a, const void *b, size_t n);
void token_mac(const struct keyring *kr, enum mac_use use,
    const struct mac_field *f, size_t n, uint8_t out[MAC_BYTES]);

#endif
