/*
** keyring.h: the inside of struct keyring, for src/crypto/ alone.
**
** A keyring holds two generations of sub-keys.  Outside a key rotation
** only the current one is set.  While `sanctum key rotate` re-seals the
** community (keys_follow), the current generation is the new key and the
** other one the key being retired: values are sealed with the new one and
** opened with either.  Sub-keys are read by many threads of the server
** while one of them may follow a rotation: each use copies the keys it
** needs under a read lock (kr_take), and following takes the write lock.
*/
#ifndef SANCTUM_KEYRING_H
#define SANCTUM_KEYRING_H

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <string.h>
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
	/* webhook secrets: the token key as the master derives it, never
	** carried, so a rotation gives every webhook a new secret (the old
	** key could otherwise sign alerts for ever) */
	uint8_t hook[crypto_generichash_KEYBYTES];
	uint8_t audit[crypto_generichash_KEYBYTES];
	uint8_t check[crypto_aead_xchacha20poly1305_ietf_KEYBYTES];
	uint8_t extid[crypto_generichash_KEYBYTES];
	uint8_t backup[crypto_secretstream_xchacha20poly1305_KEYBYTES];
};

struct keyring {
	struct subkeys gen[2];
	int cur;		/* the generation in use: 0 or 1 */
	int retiring;		/* 1: gen[!cur] is the key being retired */
	atomic_llong epoch;	/* the database's key epoch this follows */
	pthread_rwlock_t lock;	/* read: taking a sub-key (kr_take); write:
				   following a rotation (keys_follow) */
};

/* Copy len bytes at off in struct subkeys of the generation in use into
** now and, when old is not NULL and a rotation holds a key being
** retired, of that one into old.  Callers use the copies and wipe them:
** no pointer into the keyring outlives the read lock, so following a
** rotation may rewrite or wipe a generation at any time.  Returns 1 when
** old was filled, else 0. */
static inline int
kr_take(const struct keyring *ckr, size_t off, size_t len, uint8_t *now,
    uint8_t *old)
{
	struct keyring *kr = (struct keyring *)ckr;	/* the lock only */
	int had;

	pthread_rwlock_rdlock(&kr->lock);
	memcpy(now, (const uint8_t *)&kr->gen[kr->cur] + off, len);
	had = kr->retiring && old != NULL;
	if (had)
		memcpy(old, (const uint8_t *)&kr->gen[!kr->cur] + off, len);
	pthread_rwlock_unlock(&kr->lock);
	return had;
}

#define KR_TAKE(kr, field, now, old) kr_take((kr), \
	offsetof(struct subkeys, field), sizeof(((struct subkeys *)0)->field), \
	(now), (old))

#endif
