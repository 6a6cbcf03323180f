/*
** fingerprint.h: keyed fingerprints.  The fingerprint index stores only
** SipHash-2-4 values (libsodium's crypto_shorthash) of k-gram hashes,
** keyed with the community's fingerprint sub-key: without the key the
** index reveals nothing and cannot be probed with guessed sentences.
*/
#ifndef SANCTUM_FINGERPRINT_H
#define SANCTUM_FINGERPRINT_H

#include <stdint.h>

struct keyring;

#define FPKEY_BYTES 16

struct fpkey {
	uint8_t k[FPKEY_BYTES];
};

void fingerprint_key(const struct keyring *kr, struct fpkey *out);
uint64_t fingerprint_keyed(const struct fpkey *key, uint64_t kgram);
void fingerprint_key_wipe(struct fpkey *key);

#endif
