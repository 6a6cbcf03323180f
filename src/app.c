/*
** app.c: creating and opening a community (database + key).  See app.h.
*/
#include "app.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/trail.h"
#include "crypto/extid.h"
#include "crypto/keys.h"
#include "store/community.h"
#include "store/db.h"
#include "util/log.h"
#include "util/util.h"

#define META_KEY_MODE "key_mode"
#define META_KEY_CHECK "key_check"
#define META_SALT "kdf_salt"
#define META_EXTID_KEYED "extid_keyed"	/* platform ids are keyed hashes */

/* The key file path: --key-file, else DB.key.  Returns buf. */
const char *
app_key_path(const struct app_opts *o, char *buf, unsigned n)
{
	if (o->key_file)
		snprintf(buf, n, "%s", o->key_file);
	else
		snprintf(buf, n, "%s.key", o->db_path);
	return buf;
}

/* Read the passphrase from --passphrase-file, or from the terminal.  With
** confirm, a terminal asks twice.  Returns 0 or -1 with err filled. */
static int
app_read_passphrase(const struct app_opts *o, int confirm, char *out,
    size_t n, char *err)
{
	char again[512];
	FILE *f;
	size_t len;

	if (o->passphrase_file) {
		f = fopen(o->passphrase_file, "r");
		if (f == NULL || fgets(out, (int)n, f) == NULL) {
			err_set(err, "cannot read passphrase file %s",
			    o->passphrase_file);
			if (f)
				fclose(f);
			return -1;
		}
		fclose(f);
		len = strlen(out);
		while (len && (out[len - 1] == '\n' || out[len - 1] == '\r'))
			out[--len] = '\0';
		return 0;
	}
	if (!isatty(STDIN_FILENO)) {
		err_set(err, "this community's key comes from a passphrase: "
		    "give --passphrase-file or run on a terminal");
		return -1;
	}
	if (util_read_secret("Passphrase: ", out, n, err) != 0)
		return -1;
	if (confirm) {
		if (util_read_secret("Passphrase again: ", again,
		    sizeof(again), err) != 0)
			return -1;
		if (strcmp(out, again) != 0) {
			err_set(err, "the two passphrases differ");
			return -1;
		}
	}
	return 0;
}

/* Create a new community: a new database and a new master key (a key file
** that must not exist yet, or a passphrase).  On failure nothing is left
** behind.  Returns 0 with a open, or -1 with err filled. */
int
app_create(const struct app_opts *o, struct app *a, char *err)
{
	char kpath[1100], pass[512];
	uint8_t check[KEYS_CHECK_MAX], salt[KEYS_SALT_BYTES];
	size_t checklen;
	struct stat sb;
	int made_key = 0;

	memset(a, 0, sizeof(*a));
	if (keys_init(err) != 0)
		return -1;
	if (stat(o->db_path, &sb) == 0) {
		err_set(err, "%s already exists; sanctum init never overwrites "
		    "a community", o->db_path);
		return -1;
	}
	if (o->passphrase) {
		keys_new_salt(salt);
		if (app_read_passphrase(o, 1, pass, sizeof(pass), err) != 0)
			return -1;
		if (keys_from_passphrase(pass, salt, &a->kr, err) != 0) {
			explicit_bzero(pass, sizeof(pass));
			return -1;
		}
		explicit_bzero(pass, sizeof(pass));
	} else {
		app_key_path(o, kpath, sizeof(kpath));
		if (keys_create_file(kpath, &a->kr, err) != 0)
			return -1;
		made_key = 1;
	}
	if (db_open(o->db_path, 1, &a->db, err) != 0)
		goto fail;
	keys_check_make(a->kr, check, &checklen);
	if (db_begin(a->db) != 0 ||
	    db_meta_set(a->db, META_KEY_MODE, o->passphrase ? "passphrase" :
	    "file", o->passphrase ? 10 : 4) != 0 ||
	    db_meta_set(a->db, META_KEY_CHECK, check, checklen) != 0 ||
	    (o->passphrase && db_meta_set(a->db, META_SALT, salt,
	    sizeof(salt)) != 0) ||
	    (o->community_name && db_meta_set(a->db, "community_name",
	    o->community_name, strlen(o->community_name)) != 0) ||
	    db_commit(a->db) != 0) {
		err_set(err, "cannot write %s: %s", o->db_path,
		    db_error(a->db));
		goto fail;
	}
	snprintf(a->db_path, sizeof(a->db_path), "%s", o->db_path);
	return 0;
fail:
	app_close(a);
	unlink(o->db_path);
	{
		char side[1100];
		snprintf(side, sizeof(side), "%s-wal", o->db_path);
		unlink(side);
		snprintf(side, sizeof(side), "%s-shm", o->db_path);
		unlink(side);
	}
	if (made_key)
		unlink(kpath);
	return -1;
}

struct rehash {
	struct app *a;
	enum community_table t;
	int64_t done;
};

/* Replace one platform id kept in clear by its keyed hash. */
static int
rehash_one(void *ctx, int64_t id, const char *source, const char *ext)
{
	struct rehash *rh = ctx;
	char key[EXTID_LEN + 1];

	if (extid_is_hashed(ext))
		return 0;
	extid_hash(rh->a->kr, source, ext, key);
	if (community_external_set(rh->a->db, rh->t, id, key) != 0)
		return -1;
	rh->done++;
	return 0;
}

/* Keep the ids imports brought from other platforms only as keyed hashes
** (extid.h): the rows an older sanctum stored in clear are hashed once,
** in one transaction, the first time the key is at hand.  Returns 0 or
** -1 with err filled. */
static int
app_key_external_ids(struct app *a, char *err)
{
	struct rehash rh = { a, COMMUNITY_POSTS, 0 };
	static const enum community_table tables[] = { COMMUNITY_POSTS,
	    COMMUNITY_MEMBERS, COMMUNITY_GROUPS };
	char flag[2];
	size_t i, n;

	if (db_meta_get(a->db, META_EXTID_KEYED, flag, sizeof(flag), &n) == 1)
		return 0;
	if (db_begin(a->db) != 0)
		goto fail;
	for (i = 0; i < sizeof(tables) / sizeof(tables[0]); i++) {
		rh.t = tables[i];
		if (community_external_each(a->db, tables[i], rehash_one, &rh)
		    != 0)
			goto fail;
	}
	if ((rh.done && trail_append(a->db, a->kr, 0, "sanctum",
	    "store.upgrade", "", "imported ids kept as keyed hashes") != 0) ||
	    db_meta_set(a->db, META_EXTID_KEYED, "1", 1) != 0 ||
	    db_commit(a->db) != 0)
		goto fail;
	if (rh.done)
		log_msg(LOG_INFO, "store: %lld ids from imported platforms are "
		    "now kept as keyed hashes", (long long)rh.done);
	return 0;
fail:
	db_rollback(a->db);
	err_set(err, "cannot upgrade the imported ids: %s", db_error(a->db));
	return -1;
}

/* Open an existing community's database without its key, for a command
** that reads nothing sealed.  Returns 0 with a open (a->kr NULL), or -1
** with err filled. */
int
app_open_db(const struct app_opts *o, struct app *a, char *err)
{
	memset(a, 0, sizeof(*a));
	if (db_open(o->db_path, 0, &a->db, err) != 0)
		return -1;
	snprintf(a->db_path, sizeof(a->db_path), "%s", o->db_path);
	return 0;
}

/* Open an existing community and prove the key opens it.  Returns 0 with a
** open, or -1 with err filled (a wrong key says so plainly). */
int
app_open(const struct app_opts *o, struct app *a, char *err)
{
	char kpath[1100], mode[16], pass[512];
	uint8_t check[KEYS_CHECK_MAX], salt[KEYS_SALT_BYTES];
	size_t n = 0, sn = 0;

	memset(a, 0, sizeof(*a));
	if (keys_init(err) != 0)
		return -1;
	if (db_open(o->db_path, 0, &a->db, err) != 0)
		return -1;
	if (db_meta_get(a->db, META_KEY_MODE, mode, sizeof(mode) - 1, &n)
	    != 1) {
		err_set(err, "%s has no key record; it was not made by "
		    "sanctum init", o->db_path);
		goto fail;
	}
	mode[n] = '\0';
	if (strcmp(mode, "passphrase") == 0) {
		if (db_meta_get(a->db, META_SALT, salt, sizeof(salt), &sn) != 1
		    || sn != sizeof(salt)) {
			err_set(err, "%s: passphrase salt is missing",
			    o->db_path);
			goto fail;
		}
		if (app_read_passphrase(o, 0, pass, sizeof(pass), err) != 0)
			goto fail;
		if (keys_from_passphrase(pass, salt, &a->kr, err) != 0) {
			explicit_bzero(pass, sizeof(pass));
			goto fail;
		}
		explicit_bzero(pass, sizeof(pass));
	} else if (keys_load_file(app_key_path(o, kpath, sizeof(kpath)),
	    &a->kr, err) != 0) {
		goto fail;
	}
	if (db_meta_get(a->db, META_KEY_CHECK, check, sizeof(check), &n) != 1
	    || keys_check_verify(a->kr, check, n) != 0) {
		err_set(err, "the key does not open %s: wrong %s", o->db_path,
		    strcmp(mode, "passphrase") == 0 ? "passphrase" :
		    "key file");
		goto fail;
	}
	if (app_key_external_ids(a, err) != 0)
		goto fail;
	snprintf(a->db_path, sizeof(a->db_path), "%s", o->db_path);
	return 0;
fail:
	app_close(a);
	return -1;
}

/* Close the database and wipe the keyring. */
void
app_close(struct app *a)
{
	db_close(a->db);
	keys_free(a->kr);
	a->db = NULL;
	a->kr = NULL;
}
