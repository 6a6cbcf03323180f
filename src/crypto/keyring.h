/*
** keyring.h: the inside of struct keyring, for src/crypto/ alone.
*/
#ifndef SANCTUM_KEYRING_H
#define SANCTUM_KEYRING_H

#include <sodium.h>

enum {
	SUBKEY_SEAL = 1,
	SUBKEY_FINGERPRINT = 2,
	SUBKEY_TOKEN = 3,
	SUBKEY_AUDIT = 4,
	SUBKEY_CHECK = 5,
	SUBKEY_EXTID = 6,
	SUBKEY_BACKUP = 7
};

struct keyring {
	uint8_t seal[crypto_aead_xchacha20poly1305_ietf_KEYBYTES];
	uint8_t fingerprint[32];
	uint8_t token[crypto_generichash_KEYBYTES];
	uint8_t audit[crypto_generichash_KEYBYTES];
	uint8_t check[crypto_aead_xchacha20poly1305_ietf_KEYBYTES];
	uint8_t extid[crypto_generichash_KEYBYTES];
	uint8_t backup[crypto_secretstream_xchacha20poly1305_KEYBYTES];
};

#endif
