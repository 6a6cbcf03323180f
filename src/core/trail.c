/*
** trail.c: the audit trail's chain.  See trail.h.
**
** trail_append runs inside the caller's transaction, so an action and its
** entry commit together or not at all (and the store refuses a commit
** that changed something without one, db.c).
*/
#include "trail.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../crypto/token.h"
#include "../store/auditlog.h"
#include "../store/db.h"
#include "../util/util.h"
#include "keystate.h"

#define HEAD_KEY "audit_head"

/* Compute the MAC of row r after prev, with the audit key of use. */
static void
entry_mac(const struct keyring *kr, enum mac_use use,
    const uint8_t prev[MAC_BYTES], const struct audit_row *r,
    uint8_t out[MAC_BYTES])
{
	uint8_t id[8], at[8], actor[8];
	struct mac_field f[8];
	int i;

	for (i = 0; i < 8; i++) {
		id[i] = (uint8_t)((uint64_t)r->id >> (8 * i));
		at[i] = (uint8_t)((uint64_t)r->at >> (8 * i));
		actor[i] = (uint8_t)((uint64_t)r->actor_id >> (8 * i));
	}
	f[0] = (struct mac_field){ prev, MAC_BYTES };
	f[1] = (struct mac_field){ id, 8 };
	f[2] = (struct mac_field){ at, 8 };
	f[3] = (struct mac_field){ actor, 8 };
	f[4] = (struct mac_field){ r->actor, strlen(r->actor) };
	f[5] = (struct mac_field){ r->action, strlen(r->action) };
	f[6] = (struct mac_field){ r->target, strlen(r->target) };
	f[7] = (struct mac_field){ r->detail, strlen(r->detail) };
	token_mac(kr, use, f, 8, out);
}

/* The head record for the entry with id and mac: 8 id bytes and a MAC. */
static void
head_make(const struct keyring *kr, enum mac_use use, int64_t id,
    const uint8_t *mac, uint8_t out[8 + MAC_BYTES])
{
	struct mac_field f[3];
	int i;

	for (i = 0; i < 8; i++)
		out[i] = (uint8_t)((uint64_t)id >> (8 * i));
	f[0] = (struct mac_field){ "head", 4 };
	f[1] = (struct mac_field){ out, 8 };
	f[2] = (struct mac_field){ mac, MAC_BYTES };
	token_mac(kr, use, f, 3, out + 8);
}

/* Append an entry (inside the caller's transaction).  Texts are cut to
** their column sizes; they must be ids and names, never content.
** Returns 0 or -1. */
int
trail_append(struct db *db, const struct keyring *kr, int64_t actor_id,
    const char *actor, const char *action, const char *target,
    const char *detail)
{
	struct audit_row last, r;
	uint8_t prev[MAC_BYTES] = { 0 }, head[8 + MAC_BYTES];
	int rc;

	rc = auditlog_last(db, &last);
	if (rc < 0)
		return -1;
	memset(&r, 0, sizeof(r));
	r.id = 1;
	if (rc == DB_ROW) {
		if (last.maclen != MAC_BYTES)
			return -1;
		memcpy(prev, last.mac, MAC_BYTES);
		r.id = last.id + 1;
	}
	r.at = util_now();
	r.actor_id = actor_id;
	snprintf(r.actor, sizeof(r.actor), "%s", actor ? actor : "");
	snprintf(r.action, sizeof(r.action), "%s", action ? action : "");
	snprintf(r.target, sizeof(r.target), "%s", target ? target : "");
	snprintf(r.detail, sizeof(r.detail), "%s", detail ? detail : "");
	entry_mac(kr, MAC_AUDIT, prev, &r, r.mac);
	r.maclen = MAC_BYTES;
	if (auditlog_insert(db, &r) != 0)
		return -1;
	head_make(kr, MAC_AUDIT, r.id, r.mac, head);
	return db_meta_set(db, HEAD_KEY, head, sizeof(head));
}

/* The id of the last entry, 0 when none.  Returns 0 or -1. */
int
trail_last_id(struct db *db, int64_t *id)
{
	struct audit_row last;
	int rc = auditlog_last(db, &last);

	*id = rc == DB_ROW ? last.id : 0;
	return rc < 0 ? -1 : 0;
}

struct walk {
	const struct keyring *kr;
	struct trail_report *rep;
	uint8_t prev[MAC_BYTES];
	int64_t last_id;
	int64_t old_upto;	/* entries up to here: the retired audit key */
	struct remac *remac;	/* trail_rechain: the new MACs */
};

/* trail_rechain's list of entries and their MACs with the new key. */
struct remac {
	int64_t *id;
	uint8_t (*mac)[MAC_BYTES];
	size_t n, cap;
	uint8_t prev[MAC_BYTES];
};

/* The audit key entry id was MACed with, during a rotation. */
static enum mac_use
use_for(const struct walk *w, int64_t id)
{
	return id <= w->old_upto ? MAC_AUDIT_OLD : MAC_AUDIT;
}

/* Add the MAC of r with the current audit key, after the last one added.
** Returns 0, or -1 when memory runs out. */
static int
remac_add(struct remac *m, const struct keyring *kr,
    const struct audit_row *r)
{
	if (m->n == m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 1024;
		int64_t *id = realloc(m->id, cap * sizeof(*id));
		uint8_t (*mac)[MAC_BYTES];

		if (id == NULL)
			return -1;
		m->id = id;
		mac = realloc(m->mac, cap * sizeof(*mac));
		if (mac == NULL)
			return -1;
		m->mac = mac;
		m->cap = cap;
	}
	m->id[m->n] = r->id;
	entry_mac(kr, MAC_AUDIT, m->prev, r, m->mac[m->n]);
	memcpy(m->prev, m->mac[m->n], MAC_BYTES);
	m->n++;
	return 0;
}

/* Check one entry against the one before it. */
static int
verify_one(void *ctx, const struct audit_row *r)
{
	struct walk *w = ctx;
	uint8_t mac[MAC_BYTES];

	if (r->id != w->last_id + 1) {
		w->rep->broken_id = w->last_id + 1;
		snprintf(w->rep->reason, sizeof(w->rep->reason),
		    "entry %lld is missing", (long long)(w->last_id + 1));
		return 1;
	}
	entry_mac(w->kr, use_for(w, r->id), w->prev, r, mac);
	if (r->maclen != MAC_BYTES || !token_bytes_equal(mac, r->mac, MAC_BYTES)) {
		w->rep->broken_id = r->id;
		snprintf(w->rep->reason, sizeof(w->rep->reason),
		    "entry %lld was changed, or an entry before it was",
		    (long long)r->id);
		return 1;
	}
	memcpy(w->prev, mac, MAC_BYTES);
	w->last_id = r->id;
	w->rep->entries++;
	if (w->remac)
		return remac_add(w->remac, w->kr, r);
	return 0;
}

/* Walk the whole trail with w (its kr, rep and remac set).  Returns 0
** when intact, 1 when broken (rep says where and why), -1 on a store
** error. */
static int
walk_trail(struct db *db, struct walk *w)
{
	struct trail_report *rep = w->rep;
	uint8_t head[8 + MAC_BYTES], want[8 + MAC_BYTES];
	size_t n = 0;
	int rc;

	memset(rep, 0, sizeof(*rep));
	/* one snapshot: the switch, the entries and the head as a rotation's
	** end left them all, or as they were before it */
	if (db_read_begin(db) != 0)
		return -1;
	w->old_upto = keystate_audit_switch(db);
	rc = auditlog_each_asc(db, verify_one, w) != 0 ? -1 :
	    db_meta_get(db, HEAD_KEY, head, sizeof(head), &n);
	db_read_end(db);
	if (rc < 0)
		return -1;
	if (rep->broken_id)
		return 1;
	if (rc == 0 && w->last_id == 0)
		return 0;
	head_make(w->kr, use_for(w, w->last_id), w->last_id, w->prev, want);
	if (rc == 0 || n != sizeof(head) ||
	    !token_bytes_equal(head, want, sizeof(head))) {
		rep->broken_id = w->last_id + 1;
		snprintf(rep->reason, sizeof(rep->reason), "the trail ends at "
		    "entry %lld but was longer: entries were cut off the end",
		    (long long)w->last_id);
		return 1;
	}
	return 0;
}

/* Walk the whole trail.  During a key rotation, the entries up to the
** one that started it were MACed with the key being retired.  Returns 0
** when intact, 1 when broken (rep says where and why), -1 on a store
** error. */
int
trail_verify(struct db *db, const struct keyring *kr,
    struct trail_report *rep)
{
	struct walk w;

	memset(&w, 0, sizeof(w));
	w.kr = kr;
	w.rep = rep;
	return walk_trail(db, &w);
}

/* At the end of a key rotation, in the caller's transaction: verify the
** whole trail (with the retired key up to the rotation's start) and MAC
** every entry again with the current audit key, so the retired key is
** needed for nothing.  Returns 0, 1 when the trail is broken (rep says
** where; nothing is changed), or -1. */
int
trail_rechain(struct db *db, const struct keyring *kr,
    struct trail_report *rep)
{
	struct remac m;
	struct walk w;
	uint8_t head[8 + MAC_BYTES];
	size_t i;
	int rc;

	memset(&m, 0, sizeof(m));
	memset(&w, 0, sizeof(w));
	w.kr = kr;
	w.rep = rep;
	w.remac = &m;
	rc = walk_trail(db, &w);
	if (rc == 0 && w.last_id != 0 && m.n != (size_t)rep->entries)
		rc = -1;	/* out of memory while walking */
	for (i = 0; rc == 0 && i < m.n; i++)
		if (auditlog_set_mac(db, m.id[i], m.mac[i], MAC_BYTES) != 0)
			rc = -1;
	if (rc == 0 && m.n) {
		head_make(kr, MAC_AUDIT, m.id[m.n - 1], m.mac[m.n - 1], head);
		rc = db_meta_set(db, HEAD_KEY, head, sizeof(head));
	}
	free(m.id);
	free(m.mac);
	return rc;
}
