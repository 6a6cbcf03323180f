/*
** keys.h: the community's master key and the sub-keys derived from it.
**
** The master key is 32 random bytes kept apart from the database: in a key
** file (mode 0600) or derived from a passphrase with Argon2id.  Nothing
** outside src/crypto/ ever sees key bytes; other modules hold an opaque
** struct keyring and ask the crypto functions to seal, open or hash.
** Sub-keys (libsodium's KDF, context "sanctum1"):
**   1 sealing fields   2 keyed fingerprints   3 tokens at rest and CSRF
**   4 the audit chain  5 the key check stored in the database
**   6 external ids     7 backups
** A key rotation (keys_follow, keys.c) replaces the master key; the
** fingerprint, token and external-id sub-keys are carried over.
*/
#ifndef SANCTUM_KEYS_H
#define SANCTUM_KEYS_H

#include <stddef.h>
#include <stdint.h>

struct keyring;

#define KEYS_SALT_BYTES 16
#define KEYS_CHECK_MAX 128
#define KEYS_WRAP_BYTES (24 + 32 + 16)
#define KEYS_CARRIED_BYTES (24 + 96 + 16)

int keys_init(char *err);
int keys_create_file(const char *path, struct keyring **out, char *err);
int keys_load_file(const char *path, struct keyring **out, char *err);
int keys_generate(struct keyring **out, char *err);
int keys_write_file(const struct keyring *kr, const char *path, char *err);
int keys_parse(const char *text, size_t n, struct keyring **out, char *err);
int keys_from_passphrase(const char *pass, const uint8_t *salt,
    struct keyring **out, char *err);
void keys_new_salt(uint8_t *salt);
void keys_free(struct keyring *kr);

int keys_check_make(const struct keyring *kr, uint8_t *out, size_t *n);
int keys_check_verify(const struct keyring *kr, const uint8_t *blob, size_t n);

long long keys_epoch(const struct keyring *kr);
void keys_set_epoch(struct keyring *kr, long long epoch);
int keys_retiring(const struct keyring *kr);
int keys_wrap(const struct keyring *kr, const struct keyring *next,
    uint8_t out[KEYS_WRAP_BYTES]);
int keys_carried_make(const struct keyring *kr,
    uint8_t out[KEYS_CARRIED_BYTES]);
int keys_carried_load(struct keyring *kr, const uint8_t *blob, size_t n);
int keys_follow(const struct keyring *kr, long long epoch,
    const uint8_t *wrapped, size_t n);
int keys_same(const struct keyring *a, const struct keyring *b);

#endif
