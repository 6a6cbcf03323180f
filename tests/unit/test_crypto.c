/*
** test_crypto.c: keys, sealing, passwords, tokens.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "crypto/backup.h"
#include "crypto/fingerprint.h"
#include "crypto/keys.h"
#include "crypto/password.h"
#include "crypto/seal.h"
#include "crypto/token.h"
#include "test.h"
#include "util/util.h"

void
test_keys_file_roundtrip(void)
{
	char path[512], err[ERR_MAX];
	struct keyring *a, *b, *c;
	uint8_t check[KEYS_CHECK_MAX];
	struct stat sb;
	size_t n;

	snprintf(path, sizeof(path), "%s/k", test_tmpdir());
	CHECK(keys_create_file(path, &a, err) == 0);
	CHECK(stat(path, &sb) == 0 && (sb.st_mode & 0777) == 0600);
	CHECK(keys_create_file(path, &c, err) == -1);	/* never overwrite */
	CHECK(strstr(err, "already exists") != NULL);
	CHECK(keys_load_file(path, &b, err) == 0);
	keys_check_make(a, check, &n);
	CHECK(keys_check_verify(b, check, n) == 0);
	check[n - 1] ^= 1;
	CHECK(keys_check_verify(b, check, n) == -1);
	chmod(path, 0644);
	CHECK(keys_load_file(path, &c, err) == -1);
	CHECK(strstr(err, "chmod 600") != NULL);
	keys_free(a);
	keys_free(b);
}

void
test_keys_parse_rejects(void)
{
	static const char *bad[] = {
		"",
		"sanctum-master-key-v1\n",
		"sanctum-master-key-v2\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n",
		"sanctum-master-key-v1\nAAAA\n",
		"sanctum-master-key-v1\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\nmore\n",
		"sanctum-master-key-v1\n!!!!AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n",
	};
	const char *good = "sanctum-master-key-v1\n"
	    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n";
	struct keyring *kr;
	char err[ERR_MAX];
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		CHECK(keys_parse(bad[i], strlen(bad[i]), &kr, err) == -1);
		CHECK(kr == NULL);
	}
	CHECK(keys_parse(good, strlen(good), &kr, err) == 0);
	keys_free(kr);
}

void
test_keys_passphrase(void)
{
	uint8_t salt[KEYS_SALT_BYTES], check[KEYS_CHECK_MAX];
	struct keyring *a, *b, *c;
	char err[ERR_MAX];
	size_t n;

	keys_new_salt(salt);
	CHECK(keys_from_passphrase("short", salt, &a, err) == -1);
	CHECK(keys_from_passphrase("a long passphrase here", salt, &a, err)
	    == 0);
	CHECK(keys_from_passphrase("a long passphrase here", salt, &b, err)
	    == 0);
	CHECK(keys_from_passphrase("another long passphrase", salt, &c, err)
	    == 0);
	keys_check_make(a, check, &n);
	CHECK(keys_check_verify(b, check, n) == 0);
	CHECK(keys_check_verify(c, check, n) == -1);
	keys_free(a);
	keys_free(b);
	keys_free(c);
}

/* A keyring from a fixed test key. */
static struct keyring *
test_keyring(char last)
{
	char text[] = "sanctum-master-key-v1\n"
	    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n";
	struct keyring *kr;
	char err[ERR_MAX];

	text[22] = last;
	if (keys_parse(text, strlen(text), &kr, err) != 0)
		abort();
	return kr;
}

void
test_seal_roundtrip(void)
{
	struct keyring *kr = test_keyring('A'), *other = test_keyring('B');
	const char *msg = "I haven't told anyone else this.";
	uint8_t *s;
	char *p;
	size_t n;

	s = seal_text(kr, "posts", "body", 7, msg, strlen(msg), &n);
	CHECK(s != NULL && n == strlen(msg) + 24 + 16);
	CHECK(memmem(s, n, "anyone", 6) == NULL);
	p = seal_open_text(kr, "posts", "body", 7, s, n);
	CHECK(p && strcmp(p, msg) == 0);
	seal_wipe(p);
	CHECK(seal_open_text(other, "posts", "body", 7, s, n) == NULL);
	s[30] ^= 1;
	CHECK(seal_open_text(kr, "posts", "body", 7, s, n) == NULL);
	CHECK(seal_open_text(kr, "posts", "body", 7, s, 10) == NULL);
	free(s);
	keys_free(kr);
	keys_free(other);
}

void
test_seal_bound_to_row(void)
{
	struct keyring *kr = test_keyring('A');
	uint8_t *s;
	size_t n;

	s = seal_text(kr, "posts", "body", 7, "x", 1, &n);
	CHECK(seal_open_text(kr, "posts", "body", 8, s, n) == NULL);
	CHECK(seal_open_text(kr, "posts", "cw", 7, s, n) == NULL);
	CHECK(seal_open_text(kr, "members", "body", 7, s, n) == NULL);
	free(s);
	keys_free(kr);
}

void
test_password_hash_verify(void)
{
	char h[PASSWORD_HASH_MAX];

	CHECK(password_hash("a good long password", h) == 0);
	CHECK(strncmp(h, "$argon2id$", 10) == 0);
	CHECK(password_verify(h, "a good long password"));
	CHECK(!password_verify(h, "a good long passworD"));
	CHECK(password_weakness("short") != NULL);
	CHECK(password_weakness("long enough!") == NULL);
}

void
test_password_generate(void)
{
	char a[PASSWORD_GEN_LEN + 1], b[PASSWORD_GEN_LEN + 1];

	password_generate(a);
	password_generate(b);
	CHECK(strlen(a) == PASSWORD_GEN_LEN);
	CHECK(a[5] == '-' && a[11] == '-' && a[17] == '-');
	CHECK(strcmp(a, b) != 0);
	CHECK(password_weakness(a) == NULL);
}

void
test_token_hash_and_csrf(void)
{
	struct keyring *kr = test_keyring('A'), *other = test_keyring('B');
	char t[TOKEN_LEN + 1], u[TOKEN_LEN + 1], c1[TOKEN_LEN + 1],
	    c2[TOKEN_LEN + 1];
	uint8_t h1[TOKEN_HASH_BYTES], h2[TOKEN_HASH_BYTES];

	token_new(t);
	token_new(u);
	CHECK(strlen(t) == TOKEN_LEN && strcmp(t, u) != 0);
	token_hash(kr, t, h1);
	token_hash(other, t, h2);
	CHECK(memcmp(h1, h2, sizeof(h1)) != 0);
	token_csrf(kr, t, c1);
	token_csrf(kr, u, c2);
	CHECK(!token_equal(c1, c2));
	token_csrf(kr, t, c2);
	CHECK(token_equal(c1, c2));
	CHECK(!token_equal(c1, "short"));
	keys_free(kr);
	keys_free(other);
}

/* A sealed backup opens with its key alone, byte for byte, at the chunk
** boundaries too; another key, a changed byte, a cut or a longer file
** are refused and leave no plain file. */
void
test_backup_seal_roundtrip(void)
{
	struct keyring *kr = test_keyring('A'), *other = test_keyring('B');
	struct backup_head h, got;
	char plain[512], sealed[512], back[512], err[256], cmd[1200];
	size_t sizes[] = { 0, 1, 65536, 65537, 200000 }, i;
	FILE *f;

	memset(&h, 0, sizeof(h));
	h.passphrase = 1;
	memset(h.salt, 7, sizeof(h.salt));
	snprintf(plain, sizeof(plain), "%s/plain", test_tmpdir());
	snprintf(sealed, sizeof(sealed), "%s/sealed", test_tmpdir());
	snprintf(back, sizeof(back), "%s/back", test_tmpdir());
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		size_t k;

		CHECK((f = fopen(plain, "wb")) != NULL);
		for (k = 0; k < sizes[i]; k++)
			fputc((int)("secret words "[k % 13]), f);
		fclose(f);
		unlink(back);
		CHECK(backup_seal_file(kr, &h, plain, sealed, err) == 0);
		CHECK(backup_read_head(sealed, &got, err) == 0);
		CHECK(got.passphrase == 1 && got.salt[3] == 7);
		CHECK(backup_open_file(kr, sealed, back, err) == 0);
		snprintf(cmd, sizeof(cmd), "cmp -s %s %s", plain, back);
		CHECK(system(cmd) == 0);
		unlink(back);
		CHECK(backup_open_file(other, sealed, back, err) == -1);
		CHECK(access(back, F_OK) != 0);
	}
	/* a changed byte (flipped: writing a fixed one left the file as it
	** was once in 256 runs), a cut, more at the end */
	{
		int c;
		f = fopen(sealed, "r+b");
		CHECK(f != NULL && fseek(f, 100, SEEK_SET) == 0);
		c = fgetc(f);
		CHECK(c != EOF && fseek(f, 100, SEEK_SET) == 0);
		CHECK(fputc(c ^ 1, f) != EOF && fclose(f) == 0);
	}
	CHECK(backup_open_file(kr, sealed, back, err) == -1);
	CHECK(backup_seal_file(kr, &h, plain, sealed, err) == 0);
	snprintf(cmd, sizeof(cmd), "truncate -s -1 %s", sealed);
	CHECK(system(cmd) == 0);
	CHECK(backup_open_file(kr, sealed, back, err) == -1);
	CHECK(backup_seal_file(kr, &h, plain, sealed, err) == 0);
	snprintf(cmd, sizeof(cmd), "printf y >> %s", sealed);
	CHECK(system(cmd) == 0);
	CHECK(backup_open_file(kr, sealed, back, err) == -1);
	CHECK(access(back, F_OK) != 0);
	/* a header that is no backup's */
	CHECK(backup_read_head(plain, &got, err) == -1);
	keys_free(kr);
	keys_free(other);
}

/* A keyring follows a rotation: at the odd epoch it seals with the new
** key and opens with both; at the even one the old key is let go; the
** carried sub-keys stay; a keyring two epochs behind follows while the
** wrapped key is there, and one further behind, or given a key wrapped
** with another one, cannot. */
void
test_keys_follow_rotation(void)
{
	struct keyring *kr = test_keyring('A'), *next = test_keyring('C');
	struct keyring *late = test_keyring('A'), *other = test_keyring('B');
	struct fpkey f0, f1;
	uint8_t wrapped[KEYS_WRAP_BYTES], carried[KEYS_CARRIED_BYTES];
	uint8_t tok0[TOKEN_HASH_BYTES], tok1[TOKEN_HASH_BYTES];
	uint8_t *old, *neu, *re;
	size_t on, nn, rn;
	char *p;

	old = seal_text(kr, "posts", "body", 3, "before", 6, &on);
	fingerprint_key(kr, &f0);
	token_hash(kr, "snt_x", tok0);
	keys_wrap(kr, next, wrapped);
	CHECK(keys_follow(kr, 1, wrapped, sizeof(wrapped)) == 0);
	CHECK(keys_epoch(kr) == 1 && keys_retiring(kr));
	CHECK(keys_same(kr, next));
	neu = seal_text(kr, "posts", "body", 4, "during", 6, &nn);
	p = seal_open_text(next, "posts", "body", 4, neu, nn);
	CHECK(p && strcmp(p, "during") == 0);	/* sealed with the new key */
	seal_wipe(p);
	p = seal_open_text(kr, "posts", "body", 3, old, on);
	CHECK(p && strcmp(p, "before") == 0);	/* the old one still opens */
	seal_wipe(p);
	CHECK(seal_rekey(kr, "posts", "body", 4, neu, nn, &re, &rn) == 0);
	CHECK(seal_rekey(kr, "posts", "body", 3, old, on, &re, &rn) == 1);
	p = seal_open_text(next, "posts", "body", 3, re, rn);
	CHECK(p && strcmp(p, "before") == 0);
	seal_wipe(p);
	free(re);
	CHECK(seal_rekey(kr, "posts", "body", 9, old, on, &re, &rn) == -1);
	fingerprint_key(kr, &f1);
	token_hash(kr, "snt_x", tok1);
	CHECK(memcmp(&f0, &f1, sizeof(f0)) == 0);	/* carried */
	CHECK(memcmp(tok0, tok1, sizeof(tok0)) == 0);
	CHECK(keys_follow(kr, 2, wrapped, sizeof(wrapped)) == 0);
	CHECK(!keys_retiring(kr));
	CHECK(seal_open_text(kr, "posts", "body", 3, old, on) == NULL);
	/* the carried sub-keys reach a process that opens with the new key */
	keys_carried_make(kr, carried);
	CHECK(keys_carried_load(next, carried, sizeof(carried)) == 0);
	fingerprint_key(next, &f1);
	CHECK(memcmp(&f0, &f1, sizeof(f0)) == 0);
	CHECK(keys_carried_load(other, carried, sizeof(carried)) == -1);
	/* asleep through the whole rotation, within its grace */
	CHECK(keys_follow(late, 2, wrapped, sizeof(wrapped)) == 0);
	CHECK(keys_same(late, next) && !keys_retiring(late));
	/* mid-rotation when it ended and the next one started */
	{
		struct keyring *mid = test_keyring('A');
		struct keyring *third = test_keyring('D');
		uint8_t w2[KEYS_WRAP_BYTES];

		CHECK(keys_follow(mid, 1, wrapped, sizeof(wrapped)) == 0);
		keys_wrap(next, third, w2);
		CHECK(keys_follow(mid, 3, w2, sizeof(w2)) == 0);
		CHECK(keys_same(mid, third) && keys_retiring(mid));
		keys_free(mid);
		keys_free(third);
	}
	CHECK(keys_follow(other, 1, wrapped, sizeof(wrapped)) == -1);
	CHECK(keys_follow(other, 4, wrapped, sizeof(wrapped)) == -1);
	CHECK(keys_epoch(other) == 0);
	free(old);
	free(neu);
	keys_free(kr);
	keys_free(next);
	keys_free(late);
	keys_free(other);
}
