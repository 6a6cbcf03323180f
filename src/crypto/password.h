/*
** password.h: console passwords, hashed with Argon2id (libsodium's pwhash).
*/
#ifndef SANCTUM_PASSWORD_H
#define SANCTUM_PASSWORD_H

#include <stddef.h>

#define PASSWORD_HASH_MAX 128	/* crypto_pwhash_STRBYTES */
#define PASSWORD_MIN 10
#define PASSWORD_MAX 256
#define PASSWORD_GEN_LEN 23

int password_hash(const char *pw, char out[PASSWORD_HASH_MAX]);
int password_verify(const char *hash, const char *pw);
void password_burn_time(const char *pw);
void password_warm(void);
unsigned long password_verify_count(void);
void password_generate(char out[PASSWORD_GEN_LEN + 1]);
const char *password_weakness(const char *pw);

#endif
