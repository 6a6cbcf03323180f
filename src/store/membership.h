/*
** membership.h: the SQL behind closed membership: applications and
** invitations.  Tokens and codes are stored only as keyed hashes; sealed
** columns are written by the caller after the row exists.
*/
#ifndef SANCTUM_STORE_MEMBERSHIP_H
#define SANCTUM_STORE_MEMBERSHIP_H

#include <stddef.h>
#include <stdint.h>

struct db;

struct application_row {
	int64_t id;
	const char *pseudonym;	/* valid during the callback, or copied */
	const char *status;	/* pending, approved, declined, activated */
	int64_t created_at;
	int64_t decided_at;	/* 0: not yet */
	const char *decided_by;
	const char *message;	/* the moderator's words to the applicant */
	int64_t pledge_version;
	int64_t invitation_id;	/* 0: none */
	int64_t member_id;	/* 0: none yet */
	int64_t activation_expires;	/* 0: no link made */
	const void *contact;	/* sealed, or NULL */
	size_t contact_len;
	const void *answers;	/* sealed, or NULL */
	size_t answers_len;
};

int membership_application_add(struct db *db, const char *pseudonym,
    int64_t pledge_version, const void *digest, size_t dn,
    int64_t invitation_id, const void *check_hash, size_t hn, int64_t now,
    int64_t *id);
int membership_application_seal(struct db *db, int64_t id,
    const void *contact, size_t cn, const void *answers, size_t an);
int membership_application_each(struct db *db, const char *status,
    int (*each)(void *ctx, const struct application_row *a), void *ctx);
int membership_application_get(struct db *db, int64_t id,
    int (*each)(void *ctx, const struct application_row *a), void *ctx);
int membership_application_of_member(struct db *db, int64_t member_id,
    int (*each)(void *ctx, const struct application_row *a), void *ctx);
int membership_application_by_check(struct db *db, const void *hash,
    size_t n, int (*each)(void *ctx, const struct application_row *a),
    void *ctx);
int membership_application_decide(struct db *db, int64_t id,
    const char *status, const char *message, const char *by, int64_t now,
    int64_t member_id);
int membership_application_set_activation(struct db *db, int64_t id,
    const void *hash, size_t n, int64_t expires);
int membership_application_activate(struct db *db, const void *hash,
    size_t n, int64_t now, int64_t *id, int64_t *member_id);
int membership_application_name_taken(struct db *db, const char *name);
int membership_applications_since(struct db *db, int64_t since,
    int64_t *count);

int membership_invitation_add(struct db *db, const void *hash, size_t n,
    const char *note, const char *by, int64_t now, int64_t expires,
    int uses, int64_t *id);
int membership_invitation_valid(struct db *db, const void *hash, size_t n,
    int64_t now, int64_t *id);
int membership_invitation_use(struct db *db, int64_t id);
int membership_invitation_revoke(struct db *db, int64_t id, int64_t now);

struct invitation_row {
	int64_t id;
	const char *note;	/* valid during the callback */
	const char *created_by;
	int64_t created_at;
	int64_t expires_at;
	int uses_left;
	int64_t revoked_at;	/* 0: not revoked */
};

int membership_invitation_each(struct db *db,
    int (*each)(void *ctx, const struct invitation_row *i), void *ctx);

#endif
