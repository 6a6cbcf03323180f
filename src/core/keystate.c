/*
** keystate.c: the key epoch and what goes with it, in the meta table.
** See keystate.h.
*/
#include "keystate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../crypto/keys.h"
#include "../store/db.h"
#include "../util/util.h"

#define KS_EPOCH "key_epoch"		/* decimal; absent: 0 */
#define KS_NEXT "key_next"		/* the new master, wrapped (keys.h) */
#define KS_NEXT_UNTIL "key_next_until"	/* decimal unix time */
#define KS_SWITCH "key_audit_switch"	/* decimal audit entry id */
#define KS_AT "key_reseal_at"		/* "COLUMN ROW" */
#define KS_CARRIED "key_carried"	/* carried sub-keys (keys.h) */
#define KS_CHECK "key_check"		/* the key check (app.c makes it) */
#define KS_SALT "kdf_salt"		/* a passphrase's salt (app.c) */
#define KS_SALT_NEXT "kdf_salt_next"

/* Read a decimal meta value.  Returns 1 with *v, 0 when absent, -1. */
static int
meta_num(struct db *db, const char *key, long long *v)
{
	char buf[32];
	size_t n = 0;
	int rc = db_meta_get(db, key, buf, sizeof(buf) - 1, &n);

	*v = 0;
	if (rc != 1)
		return rc;
	buf[n] = '\0';
	*v = strtoll(buf, NULL, 10);
	return 1;
}

/* Write a decimal meta value.  Returns 0 or -1. */
static int
meta_set_num(struct db *db, const char *key, long long v)
{
	char buf[32];
	int n = snprintf(buf, sizeof(buf), "%lld", v);

	return db_meta_set(db, key, buf, (size_t)n);
}

/* Read where the key stands.  Returns 0 or -1. */
int
keystate_read(struct db *db, struct keystate *ks)
{
	char at[64];
	long long v;
	size_t n = 0;
	int rc;

	memset(ks, 0, sizeof(*ks));
	if (meta_num(db, KS_EPOCH, &ks->epoch) < 0 ||
	    meta_num(db, KS_SWITCH, &v) < 0)
		return -1;
	ks->audit_switch = v;
	if (meta_num(db, KS_NEXT_UNTIL, &v) < 0)
		return -1;
	ks->next_until = v;
	rc = db_meta_get(db, KS_AT, at, sizeof(at) - 1, &n);
	if (rc < 0)
		return -1;
	if (rc == 1) {
		long long row = 0;
		int col = 0;

		at[n] = '\0';
		if (sscanf(at, "%d %lld", &col, &row) == 2) {
			ks->column = col;
			ks->row = row;
		}
	}
	return 0;
}

/* The last audit entry MACed with the key a rotation retires, or 0
** outside a rotation (trail.c). */
int64_t
keystate_audit_switch(struct db *db)
{
	long long v = 0;

	return meta_num(db, KS_SWITCH, &v) == 1 ? v : 0;
}

/* Follow the database's epoch with kr (keys_follow).  Returns 0, or -1
** when kr cannot (the rotation went on without it). */
int
keystate_follow(struct db *db, const struct keyring *kr)
{
	uint8_t wrapped[KEYS_WRAP_BYTES];
	long long epoch;
	size_t n = 0;
	int rc;

	if (meta_num(db, KS_EPOCH, &epoch) < 0)
		return -1;
	if (epoch == keys_epoch(kr))
		return 0;
	rc = db_meta_get(db, KS_NEXT, wrapped, sizeof(wrapped), &n);
	if (rc < 0)
		return -1;
	rc = keys_follow(kr, epoch, rc == 1 ? wrapped : NULL, n);
	explicit_bzero(wrapped, sizeof(wrapped));
	return rc;
}

/* Set up a keyring that has just opened the database's key check: take
** the carried sub-keys, say which epoch it is at and follow a rotation
** under way.  Returns 0 or -1 with err. */
int
keystate_open(struct db *db, struct keyring *kr, char *err)
{
	uint8_t carried[KEYS_CARRIED_BYTES];
	long long epoch;
	size_t n = 0;
	int rc;

	rc = db_meta_get(db, KS_CARRIED, carried, sizeof(carried), &n);
	if (rc < 0 || meta_num(db, KS_EPOCH, &epoch) < 0) {
		err_set(err, "cannot read the key's state: %s", db_error(db));
		return -1;
	}
	if (rc == 1 && keys_carried_load(kr, carried, n) != 0) {
		err_set(err, "the key opens the database but not its carried "
		    "sub-keys: the database is damaged");
		return -1;
	}
	/* the key check is the old key's until a rotation ends */
	keys_set_epoch(kr, epoch % 2 ? epoch - 1 : epoch);
	if (keystate_follow(db, kr) != 0) {
		err_set(err, "a key rotation is under way and its next key "
		    "cannot be read");
		return -1;
	}
	return 0;
}

/* Start a rotation to next, in the caller's transaction: the epoch moves
** to odd, the next key is kept wrapped with kr's, and so is the new salt
** of a passphrase community.  audit_switch is the last audit entry under
** kr's audit key.  Returns 0 or -1. */
int
keystate_begin(struct db *db, const struct keyring *kr,
    const struct keyring *next, const uint8_t *salt_next,
    int64_t audit_switch)
{
	uint8_t wrapped[KEYS_WRAP_BYTES];
	long long epoch;

	if (meta_num(db, KS_EPOCH, &epoch) < 0 || epoch % 2 != 0)
		return -1;
	keys_wrap(kr, next, wrapped);
	return db_meta_set(db, KS_NEXT, wrapped, sizeof(wrapped)) != 0 ||
	    db_meta_del(db, KS_NEXT_UNTIL) != 0 ||
	    meta_set_num(db, KS_SWITCH, audit_switch) != 0 ||
	    meta_set_num(db, KS_EPOCH, epoch + 1) != 0 ||
	    db_meta_set(db, KS_AT, "0 0", 3) != 0 ||
	    (salt_next && db_meta_set(db, KS_SALT_NEXT, salt_next,
	    KEYS_SALT_BYTES) != 0) ? -1 : 0;
}

/* Save how far re-sealing went (in the caller's transaction), so a
** rotation cut short goes on from there.  Returns 0 or -1. */
int
keystate_progress(struct db *db, int column, int64_t row)
{
	char at[64];
	int n = snprintf(at, sizeof(at), "%d %lld", column, (long long)row);

	return db_meta_set(db, KS_AT, at, (size_t)n);
}

/* End a rotation, in the caller's transaction (kr follows it: its current
** key is the new one): the key check, the carried sub-keys and a
** passphrase's salt become the new key's, the epoch moves to even, and
** the next key stays for processes still holding the old one for
** grace_seconds (0: not at all).  Returns 0 or -1. */
int
keystate_end(struct db *db, const struct keyring *kr, int64_t grace_seconds)
{
	uint8_t check[KEYS_CHECK_MAX], carried[KEYS_CARRIED_BYTES];
	uint8_t salt[KEYS_SALT_BYTES];
	long long epoch;
	size_t n = 0, sn = 0;
	int rc;

	if (meta_num(db, KS_EPOCH, &epoch) < 0 || epoch % 2 != 1)
		return -1;
	keys_check_make(kr, check, &n);
	keys_carried_make(kr, carried);
	rc = db_meta_get(db, KS_SALT_NEXT, salt, sizeof(salt), &sn);
	if (rc < 0 || (rc == 1 && (sn != sizeof(salt) ||
	    db_meta_set(db, KS_SALT, salt, sizeof(salt)) != 0 ||
	    db_meta_del(db, KS_SALT_NEXT) != 0)))
		return -1;
	if (db_meta_set(db, KS_CHECK, check, n) != 0 ||
	    db_meta_set(db, KS_CARRIED, carried, sizeof(carried)) != 0 ||
	    db_meta_del(db, KS_SWITCH) != 0 ||
	    db_meta_del(db, KS_AT) != 0 ||
	    meta_set_num(db, KS_EPOCH, epoch + 1) != 0)
		return -1;
	if (grace_seconds <= 0)
		return db_meta_del(db, KS_NEXT);
	return meta_set_num(db, KS_NEXT_UNTIL, util_now() + grace_seconds);
}

/* After a rotation's grace period (or at once with force), forget the
** next key the database kept for processes still holding the old one:
** with it gone, the old key opens nothing.  In the caller's transaction;
** *retired says whether there was one to forget.  Returns 0 or -1. */
int
keystate_retire(struct db *db, int force, int *retired)
{
	long long epoch, until;
	uint8_t wrapped[KEYS_WRAP_BYTES];
	size_t n = 0;
	int rc;

	*retired = 0;
	if (meta_num(db, KS_EPOCH, &epoch) < 0 || meta_num(db, KS_NEXT_UNTIL,
	    &until) < 0)
		return -1;
	if (epoch % 2 != 0)
		return 0;
	rc = db_meta_get(db, KS_NEXT, wrapped, sizeof(wrapped), &n);
	if (rc <= 0)
		return rc;
	if (!force && until > util_now())
		return 0;
	if (db_meta_del(db, KS_NEXT) != 0 || db_meta_del(db, KS_NEXT_UNTIL)
	    != 0)
		return -1;
	*retired = 1;
	return 0;
}
