/*
** community.h: the SQL behind members, groups, memberships and posts, and
** the dashboard's figures.  Sealed columns are written by the caller after
** the row exists, because the row id is part of what a seal is bound to.
*/
#ifndef SANCTUM_COMMUNITY_H
#define SANCTUM_COMMUNITY_H

#include <stddef.h>
#include <stdint.h>

struct db;

struct community_stats {
	int64_t open_incidents;
	int64_t followups_due;
	int64_t members;
	int64_t groups;
	int64_t posts;
	int64_t open_reports;
};

/* Who a found post is by and where it was posted, for whoever has the
** database at hand (the index names no one). */
struct post_names {
	char *group;		/* allocated; community_post_names_free */
	char *author;
	int anonymous;		/* posted anonymously */
};

struct post_row {
	int64_t id;
	int64_t group_id;
	int64_t member_id;
	int anonymous;
	int64_t created_at;
	const void *body;	/* sealed; valid during the callback */
	size_t body_len;
	const void *cw;
	size_t cw_len;
};

struct group_row {
	int64_t id;
	const char *name;	/* valid during the callback */
	int capacity;
	int64_t members;	/* who belong now */
	const char *source;	/* "sanctum", or the format it was imported from */
};

/* A post of a group's conversation, as the group's pages show it. */
struct group_post {
	int64_t id;
	int64_t reply_to;	/* the thread's first post, or 0: it is one */
	int64_t member_id;
	const char *author;	/* pseudonym; valid during the callback */
	int64_t author_user;	/* the author's console account, or 0 */
	int anonymous;
	int64_t created_at;
	int64_t edited_at;	/* 0: never */
	const void *body;	/* sealed */
	size_t body_len;
	const void *cw;		/* sealed, or NULL */
	size_t cw_len;
};

int community_member_add(struct db *db, const char *pseudonym,
    int anonymous_ok, int64_t now, int64_t *id);
int community_member_seal_contact(struct db *db, int64_t id,
    const void *contact, size_t n, const void *pref, size_t pn);
int community_member_for_user(struct db *db, const char *pseudonym,
    int64_t user_id, int64_t now, int *linked);
int community_group_add(struct db *db, const char *name,
    const char *description, int capacity, int64_t now, int64_t *id);
int community_group_join(struct db *db, int64_t group_id, int64_t member_id,
    int64_t now);
int community_group_leave(struct db *db, int64_t group_id, int64_t member_id,
    int64_t now);
int community_membership_since(struct db *db, int64_t group_id,
    int64_t member_id, int64_t at);
int community_group_size(struct db *db, int64_t group_id, int *capacity,
    int64_t *members);
int community_group_members_each(struct db *db, int64_t group_id,
    int (*each)(void *ctx, const char *pseudonym, int64_t joined_at),
    void *ctx);
int community_member_status(struct db *db, int64_t member_id, char *out,
    size_t cap);
int community_post_set_reply_to(struct db *db, int64_t id, int64_t thread);
int community_group_posts_each(struct db *db, int64_t group_id, int threads,
    int (*each)(void *ctx, const struct group_post *p), void *ctx);
int community_member_of_user(struct db *db, int64_t user_id, int64_t *id);
int community_group_get(struct db *db, int64_t id, char *name, size_t cap,
    int *anonymous_ok);
/* A member as the admins' list shows it. */
struct member_row {
	int64_t id;
	const char *pseudonym;	/* valid during the callback */
	const char *status;	/* active (also once a suspension ended), ... */
	int64_t joined_at;
	int has_contact;
	const char *source;
};

int community_member_contact(struct db *db, int64_t id, void **sealed,
    size_t *n);
int community_member_each(struct db *db,
    int (*each)(void *ctx, const struct member_row *m), void *ctx);
int community_group_set_anonymous(struct db *db, int64_t id, int on);
int community_member_user(struct db *db, int64_t id, int64_t *user_id);
int community_member_name(struct db *db, int64_t id, char *out, size_t cap);
int community_post_owner(struct db *db, int64_t id, int64_t *group_id,
    int64_t *member_id);
int community_post_add(struct db *db, int64_t group_id, int64_t member_id,
    int anonymous, int64_t created_at, const char *source,
    const char *external_id, int64_t *id);
int community_member_external(struct db *db, const char *source,
    const char *external_id, const char *pseudonym, int64_t now,
    int64_t *id);
int community_group_external(struct db *db, const char *source,
    const char *external_id, const char *name, int64_t now, int64_t *id);
int community_post_find_external(struct db *db, const char *source,
    const char *external_id, int64_t *id);
int community_post_seal(struct db *db, int64_t id, const void *body,
    size_t n, const void *cw, size_t cwn);
int community_post_each(struct db *db,
    int (*each)(void *ctx, const struct post_row *p), void *ctx);
int community_stats(struct db *db, int64_t now, struct community_stats *s);

int community_post_set_body(struct db *db, int64_t id, const void *body,
    size_t n, int64_t edited_at);
int community_post_mark_deleted(struct db *db, int64_t id, int64_t now);
int community_post_live(struct db *db, int64_t id);
int community_post_sealed(struct db *db, int64_t id, void **body,
    size_t *bn, void **cw, size_t *cn);
int community_group_by_name(struct db *db, const char *name, int64_t *id);
int community_group_each(struct db *db,
    int (*each)(void *ctx, const struct group_row *g), void *ctx);
int community_member_by_pseudonym(struct db *db, const char *pseudonym,
    int64_t *id);
int community_name_each(struct db *db, int (*each)(void *ctx,
    const char *name), void *ctx);
int community_post_names(struct db *db, int64_t id, struct post_names *n);

/* The tables whose rows an import may bring, with the platform's id. */
enum community_table { COMMUNITY_POSTS, COMMUNITY_MEMBERS, COMMUNITY_GROUPS };
int community_external_each(struct db *db, enum community_table t,
    int (*each)(void *ctx, int64_t id, const char *source,
    const char *external_id), void *ctx);
int community_external_set(struct db *db, enum community_table t,
    int64_t id, const char *external_id);
void community_post_names_free(struct post_names *n);

#endif
