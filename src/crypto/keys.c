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

/* Derive every sub-key from master into a new keyring (locked in memory
** where the system allows).  Returns NULL when memory runs out. */
static struct keyring *
keys_derive(const uint8_t master[crypto_kdf_KEYBYTES])
{
	struct keyring *kr = sodium_malloc(sizeof(*kr));

	if (kr == NULL)
		return NULL;
	crypto_kdf_derive_from_key(kr->seal, sizeof(kr->seal), SUBKEY_SEAL,
	    "sanctum1", master);
	crypto_kdf_derive_from_key(kr->fingerprint, sizeof(kr->fingerprint),
	    SUBKEY_FINGERPRINT, "sanctum1", master);
	crypto_kdf_derive_from_key(kr->token, sizeof(kr->token), SUBKEY_TOKEN,
	    "sanctum1", master);
	crypto_kdf_derive_from_key(kr->audit, sizeof(kr->audit), SUBKEY_AUDIT,
	    "sanctum1", master);
	crypto_kdf_derive_from_key(kr->check, sizeof(kr->check), SUBKEY_CHECK,
	    "sanctum1", master);
	crypto_kdf_derive_from_key(kr->extid, sizeof(kr->extid), SUBKEY_EXTID,
	    "sanctum1", master);
	crypto_kdf_derive_from_key(kr->backup, sizeof(kr->backup),
	    SUBKEY_BACKUP, "sanctum1", master);
	return kr;
}

/* Wipe and free a keyring. */
void
keys_free(struct keyring *kr)
{
	if (kr)
		sodium_free(kr);
}

/* Create a new random master key in a new file at path (mode 0600; an
** existing file is never overwritten) and return its keyring in *out.
** Returns 0 or -1 with err filled. */
int
keys_create_file(const char *path, struct keyring **out, char *err)
{
	uint8_t master[crypto_kdf_KEYBYTES];
	char text[KEY_FILE_MAX];
	char b64[sodium_base64_ENCODED_LEN(crypto_kdf_KEYBYTES,
	    sodium_base64_VARIANT_ORIGINAL)];
	size_t n;
	int fd, rc = -1;

	*out = NULL;
	crypto_kdf_keygen(master);
	sodium_bin2base64(b64, sizeof(b64), master, sizeof(master),
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
	*out = keys_derive(master);
	if (*out == NULL) {
		err_set(err, "out of memory");
		goto cleanup;
	}
	rc = 0;
cleanup:
	sodium_memzero(master, sizeof(master));
	sodium_memzero(text, sizeof(text));
	sodium_memzero(b64, sizeof(b64));
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
	uint8_t *nonce = out;
	unsigned long long clen;

	randombytes_buf(nonce, crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
	crypto_aead_xchacha20poly1305_ietf_encrypt(out +
	    crypto_aead_xchacha20poly1305_ietf_NPUBBYTES, &clen,
	    (const uint8_t *)check_text, sizeof(check_text) - 1, NULL, 0, NULL,
	    nonce, kr->check);
	*n = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + (size_t)clen;
	return 0;
}

/* Does this keyring open the database's key-check value?  Returns 0 when
** it does, -1 when it is the wrong key. */
int
keys_check_verify(const struct keyring *kr, const uint8_t *blob, size_t n)
{
	uint8_t plain[64];
	unsigned long long plen;
	size_t nb = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;

	if (n < nb + crypto_aead_xchacha20poly1305_ietf_ABYTES ||
	    n - nb - crypto_aead_xchacha20poly1305_ietf_ABYTES > sizeof(plain))
		return -1;
	if (crypto_aead_xchacha20poly1305_ietf_decrypt(plain, &plen, NULL,
	    blob + nb, n - nb, NULL, 0, blob, kr->check) != 0)
		return -1;
	if (plen != sizeof(check_text) - 1 ||
	    memcmp(plain, check_text, plen) != 0)
		return -1;
	return 0;
}
