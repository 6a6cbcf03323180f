/*
** password.c: Argon2id hashing, verification and generation of console
** passwords.  See password.h.
*/
#include "password.h"

#include <pthread.h>
#include <sodium.h>
#include <stdatomic.h>
#include <string.h>

/* Fuzz builds hash with libsodium's smallest cost so the fuzzer can reach
** the rest of the request path; every other build uses the interactive
** limits. */
#ifdef SANCTUM_FUZZ_CHEAP_HASH
#define PW_OPS crypto_pwhash_OPSLIMIT_MIN
#define PW_MEM crypto_pwhash_MEMLIMIT_MIN
#else
#define PW_OPS crypto_pwhash_OPSLIMIT_INTERACTIVE
#define PW_MEM crypto_pwhash_MEMLIMIT_INTERACTIVE
#endif

static atomic_ulong verifications;	/* made by this process */
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;
static char dummy[PASSWORD_HASH_MAX];	/* see password_burn_time */

/* Hash pw into out as an Argon2id string.  Returns 0 or -1 (no memory). */
int
password_hash(const char *pw, char out[PASSWORD_HASH_MAX])
{
	return crypto_pwhash_str(out, pw, strlen(pw), PW_OPS, PW_MEM) == 0 ?
	    0 : -1;
}

/* Does pw match hash?  Returns 1 or 0. */
int
password_verify(const char *hash, const char *pw)
{
	atomic_fetch_add(&verifications, 1);
	return crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0;
}

/* Once per process: the hash password_burn_time verifies against, made
** with the costs every account's hash is made with, so checking it takes
** as long as checking theirs. */
static void
dummy_make(void)
{
	if (password_hash("sanctum timing equaliser", dummy) != 0)
		dummy[0] = '\0';
}

/* Spend the time a verification would, for a login to an account that
** does not exist, so timing does not tell which names exist.  The first
** call makes the hash to verify against (password_warm does that before
** any visitor arrives); later ones only verify. */
void
password_burn_time(const char *pw)
{
	pthread_once(&dummy_once, dummy_make);
	(void)password_verify(dummy, pw);
}

/* Make password_burn_time's hash now, so no visitor's login pays for it
** (a first unknown name would otherwise take twice as long). */
void
password_warm(void)
{
	pthread_once(&dummy_once, dummy_make);
}

/* How many passwords this process has verified: the tests check that a
** login to an unknown name verifies one, as a wrong password does. */
unsigned long
password_verify_count(void)
{
	return atomic_load(&verifications);
}

/* Make a random password of PASSWORD_GEN_LEN characters: four groups of
** five from an alphabet without look-alike characters, joined by '-'. */
void
password_generate(char out[PASSWORD_GEN_LEN + 1])
{
	static const char alphabet[] = "abcdefghjkmnpqrstuvwxyz23456789";
	size_t i, o = 0;

	for (i = 0; i < 20; i++) {
		if (i && i % 5 == 0)
			out[o++] = '-';
		out[o++] = alphabet[randombytes_uniform(sizeof(alphabet) - 1)];
	}
	out[o] = '\0';
}

/* Why pw is not acceptable, or NULL when it is. */
const char *
password_weakness(const char *pw)
{
	size_t n = strlen(pw);

	if (n < PASSWORD_MIN)
		return "passwords need at least 10 characters";
	if (n > PASSWORD_MAX)
		return "passwords may have at most 256 characters";
	return NULL;
}
