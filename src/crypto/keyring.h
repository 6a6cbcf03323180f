/*
** keyring.h: the inside of struct keyring, for src/crypto/ alone.
**
** A keyring holds two generations of sub-keys.  Outside a key rotation
** only the current one is set.  While `sanctum key rotate` re-seals the
** community (keys_follow), the current generation is the new key and the
** other one the key being retired: values are sealed with the new one and
** opened with either.  Sub-keys are read by many threads of the server
** while one of them may follow a rotation, so the generation in use is
** switched atomically and a generation is only ever written while it is
** not in use (keys.c).
*/
#ifndef SANCTUM_KEYRING_H
#define SANCTUM_KEYRING_H

#include <pthread.h>
#include <stdatomic.h>
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

struct subkeys {
	uint8_t master[crypto_kdf_KEYBYTES];
	uint8_t seal[crypto_aead_xchacha20poly1305_ietf_KEYBYTES];
	uint8_t fingerprint[32];
	uint8_t token[crypto_generichash_KEYBYTES];
	uint8_t audit[crypto_generichash_KEYBYTES];
	uint8_t check[crypto_aead_xchacha20poly1305_ietf_KEYBYTES];
	uint8_t extid[crypto_generichash_KEYBYTES];
	uint8_t backup[crypto_secretstream_xchacha20poly1305_KEYBYTES];
};

struct keyring {
	struct subkeys gen[2];
	atomic_int cur;		/* the generation in use: 0 or 1 */
	atomic_int retiring;	/* 1: gen[!cur] is the key being retired */
	atomic_llong epoch;	/* the database's key epoch this follows */
	pthread_mutex_t follow;	/* one thread follows a rotation at a time */
};

/* The sub-keys in use. */
static inline const struct subkeys *
kr_now(const struct keyring *kr)
{
	return &kr->gen[atomic_load(&kr->cur)];
}

/* The sub-keys being retired, or NULL outside a rotation. */
static inline const struct subkeys *
kr_old(const struct keyring *kr)
{
	return atomic_load(&kr->retiring) ? &kr->gen[!atomic_load(&kr->cur)] :
	    NULL;
}

#endif
