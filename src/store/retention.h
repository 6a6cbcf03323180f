/*
** retention.h: the SQL of retention: the community's three periods, what
** is due for a purge before a cutoff, and the purges themselves.  The
** logic (what a period means, when the purge runs, its audit entry) is in
** src/admin/retention.c.
**
** Each purge empties what holds words or names a person and leaves the
** row a tombstone with its dates, so the counts and timelines stay:
**   leaked  reports (the words, the address, what a screenshot said) once
**           dismissed or linked to an incident no longer open, with the
**           posts and accounts their scan named; places of a leak (address
**           and material) and their removal requests' words, unless the
**           incident is open; monitoring findings' addresses and posts,
**           once dismissed or their incident closed;
**   notes   a closed case's notes, the member's words about what they
**           need, check-in and help notes, and the check-in messages with
**           the member's answers (counted from the case's closing);
**   closed  a closed incident's summary and assessment, its leaked posts
**           and their triage, the affected members and their consents,
**           the messages to them with their answers, the removal requests,
**           unpublished announcements, and (whatever leaked says) its
**           places', reports' and findings' words.
** A cutoff is a time: what happened at or before it is due.
*/
#ifndef SANCTUM_STORE_RETENTION_H
#define SANCTUM_STORE_RETENTION_H

#include <stdint.h>

struct db;

/* The periods in days; 0 is "keep until an admin decides". */
struct retention_policy {
	int leaked_days, notes_days, closed_days;
	int64_t changed_at;
	char changed_by[72];
};

/* What a purge empties (or would): rows, never their content. */
struct retention_counts {
	int reports, leaks, findings;	/* leaked material */
	int cases;			/* closed cases' notes */
	int incidents;			/* closed incidents */
};

int retention_policy_get(struct db *db, struct retention_policy *p);
int retention_policy_set(struct db *db, const struct retention_policy *p,
    int64_t now, const char *by);

int retention_due_leaked(struct db *db, int64_t cut,
    struct retention_counts *n);
int retention_due_notes(struct db *db, int64_t cut,
    struct retention_counts *n);
int retention_due_closed(struct db *db, int64_t cut,
    struct retention_counts *n);

int retention_purge_leaked(struct db *db, int64_t cut, int64_t now);
int retention_purge_notes(struct db *db, int64_t cut, int64_t now);
int retention_purge_closed(struct db *db, int64_t cut, int64_t now);

#endif
