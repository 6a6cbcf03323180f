/*
** prevention.h: the SQL behind confidentiality pledges (their versions and
** who accepted which), the waiting lists of full groups, and members'
** notices.  Callers run writes inside an audited transaction (gate.h).
*/
#ifndef SANCTUM_STORE_PREVENTION_H
#define SANCTUM_STORE_PREVENTION_H

#include <stddef.h>
#include <stdint.h>

struct db;

struct pledge_row {
	int64_t version;
	const char *body;	/* valid during the callback */
	const void *digest;	/* DIGEST_BYTES */
	int64_t published_at;
	const char *published_by;
};

int prevention_pledge_latest(struct db *db, int64_t *version);
int prevention_pledge_get(struct db *db, int64_t version,
    int (*each)(void *ctx, const struct pledge_row *p), void *ctx);
int prevention_pledge_add(struct db *db, int64_t version, const char *body,
    const void *digest, size_t dn, int64_t now, const char *by);
int prevention_pledge_accept(struct db *db, int64_t member_id,
    int64_t version, const void *digest, size_t dn, int64_t now);
int prevention_pledge_accepted(struct db *db, int64_t member_id,
    int64_t version);
int prevention_pledge_counts(struct db *db, int64_t version,
    int64_t *accepted, int64_t *members);
int prevention_notice_all_members(struct db *db, const char *kind,
    int64_t now);

struct wait_row {
	int64_t member_id;
	const char *pseudonym;	/* valid during the callback */
	int64_t asked_at;
	int64_t told_at;	/* 0: not told yet */
};

int prevention_wait_add(struct db *db, int64_t group_id, int64_t member_id,
    int64_t now, int64_t *position);
int prevention_wait_remove(struct db *db, int64_t group_id,
    int64_t member_id);
int prevention_wait_tell_next(struct db *db, int64_t group_id, int64_t now,
    int64_t *member_id);
int prevention_wait_each(struct db *db, int64_t group_id,
    int (*each)(void *ctx, const struct wait_row *w), void *ctx);

int prevention_member_in_group(struct db *db, int64_t user_id,
    int64_t group_id, int64_t *member_id);
int prevention_member_may_read_post(struct db *db, int64_t user_id,
    int64_t post_id);

/* A group as one member sees it. */
struct member_group {
	int64_t id;
	const char *name;	/* valid during the callback */
	const char *description;
	int capacity;
	int64_t members;	/* who belong now */
	int belongs;		/* the member belongs to it */
	int64_t waiting;	/* their place on its waiting list, or 0 */
	int anonymous_ok;	/* members may post anonymously */
};

int prevention_groups_for_member(struct db *db, int64_t member_id,
    int (*each)(void *ctx, const struct member_group *g), void *ctx);
int prevention_notices_each(struct db *db, int64_t member_id,
    int (*each)(void *ctx, const char *kind, const char *group,
    int64_t group_id, int64_t at), void *ctx);
int prevention_notices_seen(struct db *db, int64_t member_id,
    const char *kind, int64_t group_id, int64_t now);

/* A violation as the moderators' pages list it. */
struct violation_row {
	int64_t id;
	int64_t member_id;
	const char *pseudonym;	/* valid during the callback */
	int64_t incident_id;	/* 0: none */
	const char *step;	/* warning, suspension, removal */
	int days;
	const char *message;
	const char *recorded_by;
	int64_t at;
	int64_t ends_at;	/* 0: none */
};

int prevention_violation_count(struct db *db, int64_t member_id,
    int64_t *n);
int prevention_violation_add(struct db *db, int64_t member_id,
    int64_t incident_id, const char *step, int days, const char *message,
    const char *by, int64_t now, int64_t ends_at, int64_t *id);
int prevention_violation_seal(struct db *db, int64_t id, const void *note,
    size_t n);
int prevention_notice_violation(struct db *db, int64_t member_id,
    int64_t violation_id, int64_t now);
int prevention_member_restrict(struct db *db, int64_t member_id,
    int64_t until, int64_t now);
int prevention_violation_each(struct db *db, int64_t member_id,
    int (*each)(void *ctx, const struct violation_row *v), void *ctx);

/* One person's standing in one training. */
struct training_status {
	int64_t user_id;
	const char *user;	/* valid during the callback */
	const char *role;
	const char *training;
	int64_t current_until;	/* 0: never completed */
};

int prevention_training_add(struct db *db, const char *name, int valid_days,
    int64_t now, int64_t *id);
int prevention_training_count(struct db *db);
int prevention_training_record(struct db *db, int64_t user_id,
    const char *name, int64_t completed_at, const char *by);
int prevention_training_status_each(struct db *db,
    int (*each)(void *ctx, const struct training_status *t), void *ctx);
int prevention_training_current(struct db *db, int64_t user_id,
    int64_t now);

int prevention_own_posts_each(struct db *db, int64_t member_id,
    int (*each)(void *ctx, int64_t id, const char *group, int64_t at,
    int anonymous, int64_t reply_to, const void *body, size_t n),
    void *ctx);
int prevention_own_records_each(struct db *db, int64_t member_id,
    int (*each)(void *ctx, const char *what, const char *name, int64_t from,
    int64_t to), void *ctx);
int prevention_member_erase(struct db *db, int64_t member_id);

int prevention_group_moderator(struct db *db, int64_t group_id,
    int64_t user_id, int on, int64_t now);
int prevention_group_moderated_by(struct db *db, int64_t group_id,
    int64_t user_id);
int prevention_group_moderators_each(struct db *db, int64_t group_id,
    int (*each)(void *ctx, const char *name), void *ctx);
int prevention_group_set_visible_mark(struct db *db, int64_t group_id,
    int on);
int prevention_group_visible_mark(struct db *db, int64_t group_id);

#endif
