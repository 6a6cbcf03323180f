/*
** accounts.h: the SQL behind console accounts: users, sessions, API tokens
** and login throttling.  The logic lives in src/admin/ and src/web/.
*/
#ifndef SANCTUM_ACCOUNTS_H
#define SANCTUM_ACCOUNTS_H

#include <stddef.h>
#include <stdint.h>

struct db;


struct user {
	int64_t id;
	char name[65];
	char role[16];
	char pw_hash[128];
	int must_change;
	int disabled;
	int64_t created_at;
};

struct session_row {
	int64_t id;
	int64_t created_at;
	int64_t last_seen_at;
	struct user user;
};

struct api_token_row {
	int64_t id;
	char label[65];
	char user[65];
	int64_t created_at;
	int64_t revoked_at;	/* 0 while valid */
	int64_t last_used_at;	/* 0 if never */
};

struct throttle_row {
	int64_t failures;
	int64_t window_start;
	int64_t locked_until;
};

int accounts_user_add(struct db *db, const char *name, const char *role,
    const char *pw_hash, int must_change, int64_t now, int64_t *id);
int accounts_user_by_name(struct db *db, const char *name, struct user *u);
int accounts_user_id(struct db *db, const char *name, int64_t *id);
int accounts_user_by_id(struct db *db, int64_t id, struct user *u);
int accounts_user_list(struct db *db,
    int (*each)(void *ctx, const struct user *u), void *ctx);
int accounts_user_set_disabled(struct db *db, int64_t id, int disabled);
int accounts_user_set_password(struct db *db, int64_t id,
    const char *pw_hash, int must_change, int64_t now);
int64_t accounts_active_admins(struct db *db);

int accounts_session_add(struct db *db, const uint8_t *hash, size_t n,
    int64_t user_id, int64_t now);
int accounts_session_find(struct db *db, const uint8_t *hash, size_t n,
    struct session_row *s);
int accounts_session_touch(struct db *db, int64_t id, int64_t now);
int accounts_session_delete(struct db *db, int64_t id);
int accounts_sessions_end_user(struct db *db, int64_t user_id);

int accounts_token_add(struct db *db, int64_t user_id, const char *label,
    const uint8_t *hash, size_t n, int64_t now, int64_t *id);
int accounts_token_find(struct db *db, const uint8_t *hash, size_t n,
    int64_t *token_id, struct user *u);
int accounts_token_used(struct db *db, int64_t id, int64_t now);
int accounts_token_revoke(struct db *db, int64_t id, int64_t now);
int accounts_token_list(struct db *db,
    int (*each)(void *ctx, const struct api_token_row *t), void *ctx);

int accounts_throttle_get(struct db *db, const uint8_t *key, size_t n,
    struct throttle_row *t);
int accounts_throttle_put(struct db *db, const uint8_t *key, size_t n,
    const struct throttle_row *t);
int accounts_throttle_clear(struct db *db, const uint8_t *key, size_t n);

#endif
