/*
** keys.c: creating, loading and deriving the master key; sub-keys; the key
** check that tells a wrong key from a right one.  See keys.h.
**
** A key file is two lines of text:
**     sanctum-master-key-v1
**     <the 32 key bytes in standard base64>
*/
#include "keys.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../util/util.h"
#include "keyring.h"
#include "seal.h"

#define KEY_HEADER "sanctum-master-key-v1\n"
#define KEY_FILE_MAX 256

static const char check_text[] = "sanctum key check v1";

/* Start libsodium.  Returns 0 or -1. */
int
keys_init(char *err)
{
	if (sodium_init() < 0) {
		err_set(err, "libsodium could not start");
		return -1;
	}
	return 0;
}

/* Derive every sub-key from master into sk. */
static void
derive_into(struct subkeys *sk, const uint8_t master[crypto_kdf_KEYBYTES])
{
	memcpy(sk->master, master, crypto_kdf_KEYBYTES);
	crypto_kdf_derive_from_key(sk->seal, sizeof(sk->seal), SUBKEY_SEAL,
	    "sanctum1", master);
	crypto_kdf_derive_from_key(sk->fingerprint, sizeof(sk->fingerprint),
	    SUBKEY_FINGERPRINT, "sanctum1", master);
	crypto_kdf_derive_from_key(sk->token, sizeof(sk->token), SUBKEY_TOKEN,
	    "sanctum1", master);
	memcpy(sk->hook, sk->token, sizeof(sk->hook));
	crypto_kdf_derive_from_key(sk->audit, sizeof(sk->audit), SUBKEY_AUDIT,
	    "sanctum1", master);
	crypto_kdf_derive_from_key(sk->check, sizeof(sk->check), SUBKEY_CHECK,
	    "sanctum1", master);
	crypto_kdf_derive_from_key(sk->extid, sizeof(sk->extid), SUBKEY_EXTID,
	    "sanctum1", master);
	crypto_kdf_derive_from_key(sk->backup, sizeof(sk->backup),
	    SUBKEY_BACKUP, "sanctum1", master);
}

/* Derive every sub-key from master into a new keyring (locked in memory
** where the system allows).  Returns NULL when memory runs out. */
static struct keyring *
keys_derive(const uint8_t master[crypto_kdf_KEYBYTES])
{
	struct keyring *kr = sodium_malloc(sizeof(*kr));

	if (kr == NULL)
		return NULL;
	sodium_memzero(kr, sizeof(*kr));
	derive_into(&kr->gen[0], master);
	kr->cur = 0;
	kr->retiring = 0;
	atomic_init(&kr->epoch, 0);
	pthread_rwlock_init(&kr->lock, NULL);
	return kr;
}

/* Wipe and free a keyring. */
void
keys_free(struct keyring *kr)
{
	if (kr) {
		pthread_rwlock_destroy(&kr->lock);
		sodium_free(kr);
	}
}

/* Write master into a new key file at path (mode 0600; an existing file
** is never overwritten).  Returns 0 or -1 with err filled. */
static int
write_key_file(const char *path, const uint8_t master[crypto_kdf_KEYBYTES],
    char *err)
{
	char text[KEY_FILE_MAX];
	char b64[sodium_base64_ENCODED_LEN(crypto_kdf_KEYBYTES,
	    sodium_base64_VARIANT_ORIGINAL)];
	size_t n;
	int fd, rc = -1;

	sodium_bin2base64(b64, sizeof(b64), master, crypto_kdf_KEYBYTES,
	    sodium_base64_VARIANT_ORIGINAL);
	n = (size_t)snprintf(text, sizeof(text), "%s%s\n", KEY_HEADER, b64);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0) {
		err_set(err, "cannot create key file %s: %s", path,
		    errno == EEXIST ? "it already exists" : strerror(errno));
		goto cleanup;
	}
	if (write(fd, text, n) != (ssize_t)n || fsync(fd) != 0) {
		err_set(err, "cannot write key file %s: %s", path,
		    strerror(errno));
		close(fd);
		unlink(path);
		goto cleanup;
	}
	close(fd);
	rc = 0;
cleanup:
	sodium_memzero(text, sizeof(text));
	sodium_memzero(b64, sizeof(b64));
	return rc;
}

/* Create a new random master key in a new file at path (mode 0600; an
** existing file is never overwritten) and return its keyring in *out.
** Returns 0 or -1 with err filled. */
int
keys_create_file(const char *path, struct keyring **out, char *err)
{
	uint8_t master[crypto_kdf_KEYBYTES];
	int rc = -1;

	*out = NULL;
	crypto_kdf_keygen(master);
	if (write_key_file(path, master, err) != 0)
		goto cleanup;
	*out = keys_derive(master);
	if (*out == NULL) {
		unlink(path);
		err_set(err, "out of memory");
		goto cleanup;
	}
	rc = 0;
cleanup:
	sodium_memzero(master, sizeof(master));
	return rc;
}

/* A new random master key, kept nowhere yet (a key rotation writes it
** once the community is sealed with it).  Returns 0 or -1 with err. */
int
keys_generate(struct keyring **out, char *err)
{
	uint8_t master[crypto_kdf_KEYBYTES];

	crypto_kdf_keygen(master);
	*out = keys_derive(master);
	sodium_memzero(master, sizeof(master));
	if (*out == NULL) {
		err_set(err, "out of memory");
		return -1;
	}
	return 0;
}

/* Write kr's current master key into a new key file at path (mode 0600,
** never over an existing file).  Returns 0 or -1 with err. */
int
keys_write_file(const struct keyring *kr, const char *path, char *err)
{
	uint8_t master[crypto_kdf_KEYBYTES];
	int rc;

	KR_TAKE(kr, master, master, NULL);
	rc = write_key_file(path, master, err);
	sodium_memzero(master, sizeof(master));
	return rc;
}

/* Parse the text of a key file.  Returns 0 and sets *out, or -1 with a
** message that never repeats the file's bytes. */
int
keys_parse(const char *text, size_t n, struct keyring **out, char *err)
{
	uint8_t master[crypto_kdf_KEYBYTES];
	const char *b64, *end;
	size_t hl = strlen(KEY_HEADER), binlen = 0;
	int rc = -1;

	*out = NULL;
	if (n < hl || memcmp(text, KEY_HEADER, hl) != 0) {
		err_set(err, "not a sanctum key file (bad first line)");
		return -1;
	}
	b64 = text + hl;
	end = memchr(b64, '\n', n - hl);
	if (end == NULL)
		end = text + n;
	if (end < text + n && end + 1 != text + n) {
		err_set(err, "not a sanctum key file (extra content)");
		return -1;
	}
	if (sodium_base642bin(master, sizeof(master), b64, (size_t)(end - b64),
	    NULL, &binlen, NULL, sodium_base64_VARIANT_ORIGINAL) != 0 ||
	    binlen != sizeof(master)) {
		err_set(err, "not a sanctum key file (bad key line)");
		goto cleanup;
	}
	*out = keys_derive(master);
	if (*out == NULL) {
		err_set(err, "out of memory");
		goto cleanup;
	}
	rc = 0;
cleanup:
	sodium_memzero(master, sizeof(master));
	return rc;
}

/* Load the key file at path.  It must be a regular file that only its
** owner can read.  Returns 0 or -1 with err filled. */
int
keys_load_file(const char *path, struct keyring **out, char *err)
{
	char text[KEY_FILE_MAX];
	struct stat sb;
	ssize_t n;
	int fd, rc;

	*out = NULL;
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0) {
		err_set(err, "cannot open key file %s: %s", path,
		    strerror(errno));
		return -1;
	}
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		err_set(err, "key file %s is not a regular file", path);
		close(fd);
		return -1;
	}
	if (sb.st_mode & 077) {
		err_set(err, "key file %s can be read by others (mode %o); "
		    "run chmod 600 %s", path, (unsigned)(sb.st_mode & 0777),
		    path);
		close(fd);
		return -1;
	}
	n = read(fd, text, sizeof(text));
	close(fd);
	if (n < 0 || n == (ssize_t)sizeof(text)) {
		err_set(err, "key file %s is not a sanctum key file", path);
		return -1;
	}
	rc = keys_parse(text, (size_t)n, out, err);
	sodium_memzero(text, sizeof(text));
	if (rc != 0) {
		char why[ERR_MAX];
		snprintf(why, sizeof(why), "%s", err ? err : "");
		err_set(err, "key file %s: %s", path, why);
	}
	return rc;
}

/* Fill salt with KEYS_SALT_BYTES random bytes. */
void
keys_new_salt(uint8_t *salt)
{
	randombytes_buf(salt, KEYS_SALT_BYTES);
}

/* Derive the master key from a passphrase with Argon2id (libsodium's
** moderate limits) and salt.  Returns 0 or -1 with err filled. */
int
keys_from_passphrase(const char *pass, const uint8_t *salt,
    struct keyring **out, char *err)
{
	uint8_t master[crypto_kdf_KEYBYTES];

	*out = NULL;
	if (strlen(pass) < 12) {
		err_set(err, "passphrase is shorter than 12 characters");
		return -1;
	}
	if (crypto_pwhash(master, sizeof(master), pass, strlen(pass), salt,
	    crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE,
	    crypto_pwhash_ALG_ARGON2ID13) != 0) {
		err_set(err, "not enough memory to derive the key");
		return -1;
	}
	*out = keys_derive(master);
	sodium_memzero(master, sizeof(master));
	if (*out == NULL) {
		err_set(err, "out of memory");
		return -1;
	}
	return 0;
}

/* Make the key-check value stored in a new database: a known text sealed
** with the check sub-key.  out holds KEYS_CHECK_MAX bytes.  Returns 0. */
int
keys_check_make(const struct keyring *kr, uint8_t *out, size_t *n)
{
	uint8_t *nonce = out, key[crypto_aead_xchacha20poly1305_ietf_KEYBYTES];
	unsigned long long clen;

	KR_TAKE(kr, check, key, NULL);
	randombytes_buf(nonce, crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
	crypto_aead_xchacha20poly1305_ietf_encrypt(out +
	    crypto_aead_xchacha20poly1305_ietf_NPUBBYTES, &clen,
	    (const uint8_t *)check_text, sizeof(check_text) - 1, NULL, 0, NULL,
	    nonce, key);
	sodium_memzero(key, sizeof(key));
	*n = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + (size_t)clen;
	return 0;
}

/* Does this keyring open the database's key-check value?  Returns 0 when
** it does, -1 when it is the wrong key. */
int
keys_check_verify(const struct keyring *kr, const uint8_t *blob, size_t n)
{
	uint8_t plain[64], key[crypto_aead_xchacha20poly1305_ietf_KEYBYTES];
	unsigned long long plen;
	size_t nb = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
	int rc;

	if (n < nb + crypto_aead_xchacha20poly1305_ietf_ABYTES ||
	    n - nb - crypto_aead_xchacha20poly1305_ietf_ABYTES > sizeof(plain))
		return -1;
	KR_TAKE(kr, check, key, NULL);
	rc = crypto_aead_xchacha20poly1305_ietf_decrypt(plain, &plen, NULL,
	    blob + nb, n - nb, NULL, 0, blob, key);
	sodium_memzero(key, sizeof(key));
	if (rc != 0)
		return -1;
	if (plen != sizeof(check_text) - 1 ||
	    memcmp(plain, check_text, plen) != 0)
		return -1;
	return 0;
}

/* ---- key rotation ----
**
** `sanctum key rotate` makes a new master key and re-seals the community
** with it while every process that has it open goes on.  The database
** says where a rotation stands with an epoch: even when settled, odd while
** values are being re-sealed.  While it is odd (and for a grace period
** after), the database holds the new master key wrapped with the check
** key of the one being retired, so a process holding the old key can
** follow (keys_follow) without being restarted.
**
** Three sub-keys are carried from the first key to every later one
** instead of being derived anew: the fingerprint key (the index holds a
** million keyed fingerprints that only re-reading every post would
** remake), the token key (sessions, API tokens and webhook secrets are
** stored as keyed hashes of values sanctum never keeps) and the external
** ids key (imported platforms' ids, never kept either).  The database
** keeps them sealed with the current check key (keys_carried_*).  What
** the token key signs for others to check (webhook secrets) uses the
** master's own derivation instead, which is not carried. */

#define NB crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define AB crypto_aead_xchacha20poly1305_ietf_ABYTES
#define CARRIED_BYTES (32 + crypto_generichash_KEYBYTES * 2)

static const char wrap_ad[] = "sanctum next master key";
static const char carry_ad[] = "sanctum carried sub-keys";

/* The database epoch this keyring follows. */
long long
keys_epoch(const struct keyring *kr)
{
	return atomic_load(&kr->epoch);
}

/* Say which database epoch a freshly opened keyring is at. */
void
keys_set_epoch(struct keyring *kr, long long epoch)
{
	atomic_store(&kr->epoch, epoch);
}

/* Is a rotation's old key held?  Returns 1 or 0. */
int
keys_retiring(const struct keyring *ckr)
{
	struct keyring *kr = (struct keyring *)ckr;	/* the lock only */
	int retiring;

	pthread_rwlock_rdlock(&kr->lock);
	retiring = kr->retiring;
	pthread_rwlock_unlock(&kr->lock);
	return retiring;
}

/* Seal n bytes of plain (then wiped) with kr's check key and the
** associated text ad, into out (NB + n + AB bytes). */
static void
check_seal(const struct keyring *kr, uint8_t *plain, size_t n,
    const char *ad, size_t adn, uint8_t *out)
{
	uint8_t check[crypto_aead_xchacha20poly1305_ietf_KEYBYTES];
	unsigned long long clen;

	KR_TAKE(kr, check, check, NULL);
	randombytes_buf(out, NB);
	crypto_aead_xchacha20poly1305_ietf_encrypt(out + NB, &clen, plain, n,
	    (const uint8_t *)ad, adn, NULL, out, check);
	sodium_memzero(plain, n);
	sodium_memzero(check, sizeof(check));
}

/* Wrap next's master key with kr's check key, into out (KEYS_WRAP_BYTES).
** Returns 0. */
int
keys_wrap(const struct keyring *kr, const struct keyring *next,
    uint8_t out[KEYS_WRAP_BYTES])
{
	uint8_t master[crypto_kdf_KEYBYTES];

	KR_TAKE(next, master, master, NULL);
	check_seal(kr, master, sizeof(master), wrap_ad, sizeof(wrap_ad), out);
	return 0;
}

/* Seal the carried sub-keys of kr with its check key, into out
** (KEYS_CARRIED_BYTES).  Returns 0. */
int
keys_carried_make(const struct keyring *kr, uint8_t out[KEYS_CARRIED_BYTES])
{
	uint8_t plain[CARRIED_BYTES];

	KR_TAKE(kr, fingerprint, plain, NULL);
	KR_TAKE(kr, token, plain + 32, NULL);
	KR_TAKE(kr, extid, plain + 32 + crypto_generichash_KEYBYTES, NULL);
	check_seal(kr, plain, sizeof(plain), carry_ad, sizeof(carry_ad), out);
	return 0;
}

/* Take the carried sub-keys a database keeps (sealed with kr's check
** key) into a keyring that has just been opened and is not shared yet.
** Returns 0, or -1 when they do not open with this key. */
int
keys_carried_load(struct keyring *kr, const uint8_t *blob, size_t n)
{
	struct subkeys *sk;
	uint8_t plain[CARRIED_BYTES];
	unsigned long long plen;
	int rc = -1;

	pthread_rwlock_wrlock(&kr->lock);
	sk = &kr->gen[kr->cur];
	if (n != KEYS_CARRIED_BYTES ||
	    crypto_aead_xchacha20poly1305_ietf_decrypt(plain, &plen, NULL,
	    blob + NB, n - NB, (const uint8_t *)carry_ad, sizeof(carry_ad),
	    blob, sk->check) != 0 || plen != sizeof(plain))
		goto out;
	memcpy(sk->fingerprint, plain, 32);
	memcpy(sk->token, plain + 32, crypto_generichash_KEYBYTES);
	memcpy(sk->extid, plain + 32 + crypto_generichash_KEYBYTES,
	    crypto_generichash_KEYBYTES);
	rc = 0;
out:
	sodium_memzero(plain, sizeof(plain));
	pthread_rwlock_unlock(&kr->lock);
	return rc;
}

/* Follow the database to epoch, with the wrapped next key it holds (NULL
** when none).  A keyring at the epoch before a rotating (odd) one takes
** the next key as its current one and keeps its own to open what is not
** re-sealed yet; at a settled (even) epoch it wipes the old key; a
** keyring two epochs behind (it slept through a whole rotation) takes the
** next key while the database still holds it.  Many threads may share the
** keyring: they copy sub-keys under its read lock (kr_take), and this
** takes the write lock.  Returns 0, or -1 when this keyring cannot follow
** (the next key no longer there, or not wrapped with this key). */
int
keys_follow(const struct keyring *ckr, long long epoch,
    const uint8_t *wrapped, size_t n)
{
	struct keyring *kr = (struct keyring *)ckr;	/* see above */
	struct subkeys *now, *spare;
	uint8_t master[crypto_kdf_KEYBYTES];
	unsigned long long plen;
	long long have;
	int rc = 0;

	if (atomic_load(&kr->epoch) == epoch)
		return 0;
	pthread_rwlock_wrlock(&kr->lock);
	have = atomic_load(&kr->epoch);
	if (have == epoch)
		goto out;
	if (have % 2 == 1 && epoch > have) {
		/* the rotation it followed ended: every value opens with the
		** new key, and the old one goes (another rotation may have
		** started since) */
		sodium_memzero(&kr->gen[!kr->cur], sizeof(kr->gen[0]));
		kr->retiring = 0;
		atomic_store(&kr->epoch, ++have);
		if (have == epoch)
			goto out;
	}
	if (have != epoch - 1 && have != epoch - 2) {
		rc = -1;
		goto out;
	}
	now = &kr->gen[kr->cur];
	spare = &kr->gen[!kr->cur];
	if (wrapped == NULL || n != KEYS_WRAP_BYTES ||
	    crypto_aead_xchacha20poly1305_ietf_decrypt(master, &plen, NULL,
	    wrapped + NB, n - NB, (const uint8_t *)wrap_ad, sizeof(wrap_ad),
	    wrapped, now->check) != 0 || plen != sizeof(master)) {
		rc = -1;
		goto out;
	}
	derive_into(spare, master);
	memcpy(spare->fingerprint, now->fingerprint, sizeof(now->fingerprint));
	memcpy(spare->token, now->token, sizeof(now->token));
	memcpy(spare->extid, now->extid, sizeof(now->extid));
	sodium_memzero(master, sizeof(master));
	kr->cur = !kr->cur;
	if (epoch % 2 == 1)	/* keep the old key to open what is not */
		kr->retiring = 1;	/* re-sealed yet */
	else
		sodium_memzero(now, sizeof(*now));
	atomic_store(&kr->epoch, epoch);
out:
	pthread_rwlock_unlock(&kr->lock);
	return rc;
}

/* Is kr's current key the one that next's current key is?  (The rotate
** command checks that it followed its own rotation.)  Returns 1 or 0. */
int
keys_same(const struct keyring *a, const struct keyring *b)
{
	uint8_t ma[crypto_kdf_KEYBYTES], mb[crypto_kdf_KEYBYTES];
	int same;

	KR_TAKE(a, master, ma, NULL);
	KR_TAKE(b, master, mb, NULL);
	same = sodium_memcmp(ma, mb, sizeof(ma)) == 0;
	sodium_memzero(ma, sizeof(ma));
	sodium_memzero(mb, sizeof(mb));
	return same;
}
