/*
** hook.c: webhook secrets and signatures.  See hook.h.
*/
#include "hook.h"

#include <sodium.h>
#include <string.h>

#include "keyring.h"
#include "token.h"

/* The secret of webhook number hook, in hex. */
void
hook_secret(const struct keyring *kr, int64_t hook,
    char out[HOOK_SECRET_LEN + 1])
{
	static const char what[] = "alert-hook";
	uint8_t mac[MAC_BYTES], id[8];
	struct mac_field f[2];
	uint64_t v = (uint64_t)hook;
	int i;

	for (i = 0; i < 8; i++, v >>= 8)
		id[i] = (uint8_t)(v & 0xff);
	f[0].p = what;
	f[0].n = sizeof(what) - 1;
	f[1].p = id;
	f[1].n = sizeof(id);
	token_mac(kr, MAC_HOOK, f, 2, mac);
	sodium_bin2hex(out, HOOK_SECRET_LEN + 1, mac, sizeof(mac));
	sodium_memzero(mac, sizeof(mac));
}

/* The signature header's value for body sent at stamp. */
void
hook_sign(const char *secret, const char *stamp, const void *body, size_t n,
    char out[HOOK_SIGNATURE_LEN + 1])
{
	crypto_auth_hmacsha256_state st;
	uint8_t mac[crypto_auth_hmacsha256_BYTES];

	crypto_auth_hmacsha256_init(&st, (const uint8_t *)secret,
	    strlen(secret));
	crypto_auth_hmacsha256_update(&st, (const uint8_t *)stamp,
	    strlen(stamp));
	crypto_auth_hmacsha256_update(&st, (const uint8_t *)".", 1);
	if (n)
		crypto_auth_hmacsha256_update(&st, body, n);
	crypto_auth_hmacsha256_final(&st, mac);
	memcpy(out, "sha256=", 7);
	sodium_bin2hex(out + 7, HOOK_SIGNATURE_LEN + 1 - 7, mac, sizeof(mac));
	sodium_memzero(&st, sizeof(st));
}

/* Sign body for webhook number hook under its secret. */
void
hook_sign_as(const struct keyring *kr, int64_t hook, const char *stamp,
    const void *body, size_t n, char out[HOOK_SIGNATURE_LEN + 1])
{
	char secret[HOOK_SECRET_LEN + 1];

	hook_secret(kr, hook, secret);
	hook_sign(secret, stamp, body, n, out);
	sodium_memzero(secret, sizeof(secret));
}
