/*
** keystate.h: where the community's key stands, as the database says.
**
** A key rotation (admin/keyrotate.h) moves the database's key epoch from
** even (settled) to odd (re-sealing) and back to even, and keeps beside it
** what a process holding the old key needs to follow (crypto/keys.h,
** keys_follow).  Every process checks the epoch when it opens the
** community and at the start of every write transaction (gate_begin), so
** a running server follows a rotation made by the command line without
** being restarted.  The meta rows are read and written here alone.
*/
#ifndef SANCTUM_KEYSTATE_H
#define SANCTUM_KEYSTATE_H

#include <stdint.h>

struct db;
struct keyring;

struct keystate {
	long long epoch;	/* even: settled; odd: re-sealing */
	int64_t audit_switch;	/* last audit entry under the old key, or 0 */
	int64_t next_until;	/* old key followable until (unix time), or 0 */
	int column;		/* re-sealing: the sealed column reached */
	int64_t row;		/* and the last row done in it */
};

int keystate_read(struct db *db, struct keystate *ks);
int keystate_open(struct db *db, struct keyring *kr, char *err);
int keystate_follow(struct db *db, const struct keyring *kr);
int keystate_begin(struct db *db, const struct keyring *kr,
    const struct keyring *next, const uint8_t *salt_next,
    int64_t audit_switch);
int keystate_progress(struct db *db, int column, int64_t row);
int keystate_end(struct db *db, const struct keyring *kr,
    int64_t grace_seconds);
int keystate_retire(struct db *db, int force, int *retired);
int64_t keystate_audit_switch(struct db *db);

#endif
