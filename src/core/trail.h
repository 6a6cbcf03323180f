/*
** trail.h: the audit trail's chain: appending an entry and verifying the
** whole trail.  The gateway (gate.h) appends on behalf of whoever acts;
** nothing else writes the trail.
**
** Entry i carries mac_i = BLAKE2b keyed with the audit sub-key over
** (mac_{i-1}, id, time, actor id, actor, action, target, detail), with
** mac_0 = 32 zero bytes.  The meta row "audit_head" holds the last id and
** a keyed MAC of it, so cutting entries off the end is noticed too.
** While a key rotation runs, the entries up to the one that started it
** carry MACs of the key being retired; its end MACs them all again with
** the new key (trail_rechain).
*/
#ifndef SANCTUM_TRAIL_H
#define SANCTUM_TRAIL_H

#include <stdint.h>

struct db;
struct keyring;

struct trail_report {
	int64_t entries;
	int64_t broken_id;	/* the first entry that fails, 0 if none */
	char reason[160];
};

int trail_append(struct db *db, const struct keyring *kr, int64_t actor_id,
    const char *actor, const char *action, const char *target,
    const char *detail);
int trail_verify(struct db *db, const struct keyring *kr,
    struct trail_report *rep);
int trail_last_id(struct db *db, int64_t *id);
int trail_rechain(struct db *db, const struct keyring *kr,
    struct trail_report *rep);

#endif
