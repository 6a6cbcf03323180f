/*
** app.c: creating and opening a community (database + key).  See app.h.
*/
#include "app.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/gate.h"
#include "core/keystate.h"
#include "core/trail.h"
#include "crypto/backup.h"
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
	/* under the write lock, a key rotation cannot start unseen */
	if (db_begin(a->db) != 0 || keystate_follow(a->db, a->kr) != 0)
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

/* Remove a database file and what SQLite may have left beside it. */
static void
unlink_db(const char *path)
{
	char side[1200];

	unlink(path);
	snprintf(side, sizeof(side), "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof(side), "%s-shm", path);
	unlink(side);
}

/* Make a rename or a new file in path's folder durable.  Returns 0 or
** -1. */
static int
sync_dir_of(const char *path)
{
	char copy[1100];
	int fd, rc;

	snprintf(copy, sizeof(copy), "%s", path);
	fd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

/* The key file a rotation writes before it ends, and where the old one
** goes once it has (app_rotate_*). */
static void
next_key_path(const char *kpath, char *buf, size_t n)
{
	snprintf(buf, n, "%s.next", kpath);
}

/* The last step of a key rotation, after a crash cut it short: the
** database ended the rotation but the new key file was not put in place.
** When KEY.next opens the key check, it takes the key file's place (the
** old one kept as KEY.retired-TIME) and a->kr becomes it.  Returns 0, or
** -1 when there is no such file or it does not open the check. */
static int
finish_key_swap(const struct app_opts *o, struct app *a,
    const uint8_t *check, size_t n)
{
	char kpath[1100], next[1200], retired[1200], err[ERR_MAX];
	struct keyring *kr = NULL;

	app_key_path(o, kpath, sizeof(kpath));
	next_key_path(kpath, next, sizeof(next));
	if (access(next, F_OK) != 0 || keys_load_file(next, &kr, err) != 0)
		return -1;
	if (keys_check_verify(kr, check, n) != 0) {
		keys_free(kr);
		return -1;
	}
	if (app_rotate_swap(o, retired, sizeof(retired), err) != 0) {
		log_msg(LOG_WARN, "key rotation: %s", err);
		keys_free(kr);
		return -1;
	}
	log_msg(LOG_INFO, "key rotation: its last step is done now: the new "
	    "key is in %s, the old one in %s", kpath, retired);
	keys_free(a->kr);
	a->kr = kr;
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
	    || (keys_check_verify(a->kr, check, n) != 0 &&
	    (strcmp(mode, "file") != 0 || finish_key_swap(o, a, check, n) !=
	    0))) {
		err_set(err, "the key does not open %s: wrong %s", o->db_path,
		    strcmp(mode, "passphrase") == 0 ? "passphrase" :
		    "key file");
		goto fail;
	}
	if (keystate_open(a->db, a->kr, err) != 0)
		goto fail;
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

/* ---- backups (crypto/backup.h) ---- */

/* Back the open community up into path: SQLite's online backup into a
** copy beside it, sealed into path, the copy removed.  Returns 0, or -1
** with err. */
int
app_backup(const struct app *a, const char *path, char *err)
{
	struct backup_head h;
	struct keystate ks;
	struct db *c = NULL;
	uint8_t check[KEYS_CHECK_MAX];
	char copy[1100], mode[16];
	size_t n = 0, sn = 0, cn = 0;
	int rc;

	memset(&h, 0, sizeof(h));
	if (strlen(path) > 1000 || strlen(a->db_path) > 1000) {
		err_set(err, "the backup's path is too long");
		return -1;
	}
	/* the unsealed copy stays beside the database, never where the
	** backup goes (removable or shared media) */
	snprintf(copy, sizeof(copy), "%s.backup-tmp", a->db_path);
	unlink(copy);
	keystate_follow(a->db, a->kr);
	rc = db_backup_to(a->db, copy, err);
	/* what the header says and the key it is sealed with come from the
	** copy itself: a key rotation may have moved on meanwhile */
	if (rc == 0 && db_open(copy, 0, &c, err) != 0)
		rc = -1;
	if (rc == 0 && (db_meta_get(c, META_KEY_MODE, mode, sizeof(mode) - 1,
	    &n) != 1 || keystate_read(c, &ks) != 0 || db_meta_get(c,
	    META_KEY_CHECK, check, sizeof(check), &cn) != 1)) {
		err_set(err, "the database has no key record");
		rc = -1;
	}
	if (rc == 0 && ks.epoch % 2) {
		err_set(err, "a key rotation is under way: end it (sanctum key "
		    "rotate) before backing up, since a backup of its middle "
		    "would need both keys");
		rc = -1;
	}
	if (rc == 0 && keys_check_verify(a->kr, check, cn) != 0) {
		err_set(err, "the community's key changed while the backup was "
		    "made: run it again");
		rc = -1;
	}
	if (rc == 0) {
		mode[n] = '\0';
		h.passphrase = strcmp(mode, "passphrase") == 0;
		if (h.passphrase && (db_meta_get(c, META_SALT, h.salt,
		    sizeof(h.salt), &sn) != 1 || sn != sizeof(h.salt))) {
			err_set(err, "the passphrase's salt is missing");
			rc = -1;
		}
	}
	db_close(c);
	if (rc == 0)
		rc = backup_seal_file(a->kr, &h, copy, path, err);
	unlink_db(copy);
	return rc;
}

/* The keyring backup path's header asks for: the key file of the
** options, or the passphrase with the salt the header keeps. */
static int
backup_keys(const struct app_opts *o, const char *path, struct keyring **kr,
    char *err)
{
	struct backup_head h;
	char kpath[1100], pass[512];
	int rc;

	if (backup_read_head(path, &h, err) != 0)
		return -1;
	if (!h.passphrase)
		return keys_load_file(app_key_path(o, kpath, sizeof(kpath)), kr,
		    err);
	if (app_read_passphrase(o, 0, pass, sizeof(pass), err) != 0)
		return -1;
	rc = keys_from_passphrase(pass, h.salt, kr, err);
	explicit_bzero(pass, sizeof(pass));
	return rc;
}

/* Open backup path into plain and check what it holds: the key opens it,
** integrity_check passes and the audit trail verifies.  Returns 0 with
** r, or -1 with err (plain removed). */
static int
backup_check(const struct app_opts *o, const char *path, const char *plain,
    struct app_backup_report *r, char *err)
{
	struct keyring *kr = NULL;
	struct db *db = NULL;
	struct trail_report rep;
	uint8_t check[KEYS_CHECK_MAX];
	size_t n = 0;
	int rc = -1;

	memset(r, 0, sizeof(*r));
	if (keys_init(err) != 0 || backup_keys(o, path, &kr, err) != 0)
		return -1;
	if (backup_open_file(kr, path, plain, err) != 0)
		goto out;
	if (db_open(plain, 0, &db, err) != 0)
		goto out;
	if (db_meta_get(db, META_KEY_CHECK, check, sizeof(check), &n) != 1 ||
	    keys_check_verify(kr, check, n) != 0) {
		err_set(err, "the key does not open the database in %s", path);
		goto out;
	}
	if (keystate_open(db, kr, err) != 0 || db_integrity(db, err) != 0)
		goto out;
	memset(&rep, 0, sizeof(rep));
	if (trail_verify(db, kr, &rep) != 0) {
		err_set(err, "its audit trail is broken at entry %lld: %s",
		    (long long)rep.broken_id, rep.reason);
		goto out;
	}
	r->version = db_schema_version(db);
	r->audit_entries = rep.entries;
	rc = 0;
out:
	db_close(db);
	keys_free(kr);
	if (rc != 0)
		unlink(plain);
	return rc;
}

/* Check backup path without restoring it.  Returns 0 with r, or -1 with
** err. */
int
app_verify_backup(const struct app_opts *o, const char *path,
    struct app_backup_report *r, char *err)
{
	char plain[1100];
	int rc;

	if (strlen(o->db_path) > 1000) {
		err_set(err, "the database's path is too long");
		return -1;
	}
	/* opened beside the database, never beside the backup */
	snprintf(plain, sizeof(plain), "%s.verify-tmp", o->db_path);
	unlink(plain);
	rc = backup_check(o, path, plain, r, err);
	unlink(plain);
	return rc;
}

/* Put backup path in place of the options' database, once checked.  A
** database already there is refused unless force, then moved aside to
** DB.pre-restore-TIME (with its -wal and -shm).  Returns 0 with r (its
** moved_to set when one was moved), or -1 with err. */
int
app_restore(const struct app_opts *o, const char *path, int force,
    struct app_backup_report *r, char *err)
{
	char plain[1100], side[1100], from[1100], to[1100];
	struct stat sb;
	static const char *const ext[] = { "", "-wal", "-shm" };
	size_t i;

	if (strlen(o->db_path) > 1000) {
		err_set(err, "the database's path is too long");
		return -1;
	}
	snprintf(plain, sizeof(plain), "%s.restore", o->db_path);
	unlink(plain);
	if (backup_check(o, path, plain, r, err) != 0)
		return -1;
	if (stat(o->db_path, &sb) == 0) {
		if (!force) {
			unlink(plain);
			err_set(err, "%s exists; stop the server and give --force "
			    "to move it aside", o->db_path);
			return -1;
		}
		snprintf(side, sizeof(side), "%s.pre-restore-%lld", o->db_path,
		    (long long)util_now());
		for (i = 0; i < sizeof(ext) / sizeof(ext[0]); i++) {
			snprintf(from, sizeof(from), "%s%s", o->db_path, ext[i]);
			snprintf(to, sizeof(to), "%s%s", side, ext[i]);
			if (rename(from, to) != 0 && i == 0) {
				unlink(plain);
				err_set(err, "cannot move %s aside", o->db_path);
				return -1;
			}
		}
		snprintf(r->moved_to, sizeof(r->moved_to), "%s", side);
	}
	if (rename(plain, o->db_path) != 0) {
		unlink(plain);
		err_set(err, "cannot put the restored database in place");
		return -1;
	}
	return 0;
}

/* ---- key rotation (admin/keyrotate.h) ---- */

/* Start a rotation of the open community through g: its next key is a
** new random key for a community with a key file; for one with a
** passphrase, the key of a new salt and the passphrase in new_pass_file,
** or asked on the terminal twice (it may be the same one again).  The
** key is handed to the gateway alone, which starts the rotation in one
** audited transaction.  Returns 0, or -1 with err. */
int
app_rotate_begin(const struct app_opts *o, const struct app *a,
    struct gate *g, const char *new_pass_file, char *err)
{
	struct app_opts po = *o;
	struct keyring *next = NULL;
	struct trail_report rep;
	uint8_t salt[KEYS_SALT_BYTES];
	char mode[16], pass[512];
	size_t n = 0;
	int rc, salted;

	if (db_meta_get(a->db, META_KEY_MODE, mode, sizeof(mode) - 1, &n) !=
	    1) {
		err_set(err, "the database has no key record");
		return -1;
	}
	mode[n] = '\0';
	salted = strcmp(mode, "passphrase") == 0;
	if (!salted) {
		rc = keys_generate(&next, err);
	} else {
		po.passphrase_file = new_pass_file;
		if (new_pass_file == NULL && isatty(STDIN_FILENO))
			fprintf(stderr, "The new passphrase (it may be the "
			    "same one again):\n");
		if (app_read_passphrase(&po, 1, pass, sizeof(pass), err) != 0)
			return -1;
		keys_new_salt(salt);
		rc = keys_from_passphrase(pass, salt, &next, err);
		explicit_bzero(pass, sizeof(pass));
	}
	if (rc != 0)
		return -1;
	/* a broken trail is found before anything changes, outside the
	** transaction (its end verifies the whole trail again) */
	if (gate_verify_trail(g, &rep) != 0) {
		keys_free(next);
		err_set(err, "the audit trail is broken at entry %lld (%s): "
		    "nothing was changed", (long long)rep.broken_id,
		    rep.reason);
		return -1;
	}
	if (gate_begin(g) != 0 || gate_audit(g, "key.rotate", "community",
	    "started: every sealed value is sealed again with a new key") !=
	    0 || gate_rotate_begin(g, next, salted ? salt : NULL) != 0 ||
	    gate_commit(g) != 0) {
		gate_rollback(g);
		err_set(err, "cannot start: %s", db_error(a->db));
		rc = -1;
	}
	keys_free(next);
	return rc;
}

/* Before a rotation of a community with a key file ends: write its new
** key (a->kr's current one) to KEY.next, so that the key is on disk
** before the database needs it.  Nothing to do with a passphrase.
** Returns 0 or -1 with err. */
int
app_rotate_stage(const struct app_opts *o, const struct app *a, char *err)
{
	char kpath[1100], next[1200], mode[16];
	size_t n = 0;

	if (db_meta_get(a->db, META_KEY_MODE, mode, sizeof(mode) - 1, &n) !=
	    1) {
		err_set(err, "the database has no key record");
		return -1;
	}
	mode[n] = '\0';
	if (strcmp(mode, "file") != 0)
		return 0;
	app_key_path(o, kpath, sizeof(kpath));
	next_key_path(kpath, next, sizeof(next));
	/* one from a rotation cut short before its end holds the same key */
	if (unlink(next) != 0 && errno != ENOENT) {
		err_set(err, "cannot replace %s: %s", next, strerror(errno));
		return -1;
	}
	if (keys_write_file(a->kr, next, err) != 0)
		return -1;
	if (sync_dir_of(next) != 0) {
		err_set(err, "cannot make %s durable: %s", next,
		    strerror(errno));
		return -1;
	}
	return 0;
}

/* Once the database has ended a rotation: KEY.next takes the key file's
** place, the old key kept beside it as KEY.retired-TIME (its path in
** retired; backups made before the rotation open with it alone).  Nothing
** to do with a passphrase (retired is "").  Returns 0 or -1 with err. */
int
app_rotate_swap(const struct app_opts *o, char *retired, size_t rn,
    char *err)
{
	char kpath[1100], next[1200];
	int i, rc;

	retired[0] = '\0';
	app_key_path(o, kpath, sizeof(kpath));
	next_key_path(kpath, next, sizeof(next));
	if (access(next, F_OK) != 0)
		return 0;
	/* a new name: never over a key kept from an earlier rotation */
	snprintf(retired, rn, "%s.retired-%lld", kpath,
	    (long long)util_now());
	for (i = 2; (rc = link(kpath, retired)) != 0 && errno == EEXIST &&
	    i < 100; i++)
		snprintf(retired, rn, "%s.retired-%lld-%d", kpath,
		    (long long)util_now(), i);
	if (rc != 0) {
		err_set(err, "cannot keep the old key as %s: %s", retired,
		    strerror(errno));
		retired[0] = '\0';
		return -1;
	}
	if (rename(next, kpath) != 0) {
		err_set(err, "cannot put the new key in %s: %s", kpath,
		    strerror(errno));
		return -1;
	}
	if (sync_dir_of(kpath) != 0) {
		err_set(err, "cannot make %s durable: %s", kpath,
		    strerror(errno));
		return -1;
	}
	return 0;
}
