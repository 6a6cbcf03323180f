/*
** app.h: an open community: its database connection and its keyring.
**
** Every command that touches a community goes through app_open, which
** checks that the key really opens this database before anything else
** happens; `sanctum init` goes through app_create.
*/
#ifndef SANCTUM_APP_H
#define SANCTUM_APP_H

#include <stddef.h>
#include <stdint.h>

struct db;
struct gate;
struct keyring;

struct app_opts {
	const char *db_path;		/* --db or SANCTUM_DB */
	const char *key_file;		/* --key-file or SANCTUM_KEY_FILE */
	const char *passphrase_file;	/* --passphrase-file or
					   SANCTUM_PASSPHRASE_FILE */
	int passphrase;			/* init: derive the key from a passphrase */
	const char *community_name;	/* init: the community's name */
};

struct app {
	struct db *db;
	struct keyring *kr;
	char db_path[1024];
};

/* What a backup held, once checked (crypto/backup.h). */
struct app_backup_report {
	int version;			/* its schema */
	long long audit_entries;	/* its audit trail, verified */
	char moved_to[1100];		/* restore: where the old database went */
};

int app_create(const struct app_opts *o, struct app *a, char *err);
int app_open(const struct app_opts *o, struct app *a, char *err);
int app_open_db(const struct app_opts *o, struct app *a, char *err);
void app_close(struct app *a);
const char *app_key_path(const struct app_opts *o, char *buf, unsigned n);
int app_backup(const struct app *a, const char *path, char *err);
int app_verify_backup(const struct app_opts *o, const char *path,
    struct app_backup_report *r, char *err);
int app_restore(const struct app_opts *o, const char *path, int force,
    struct app_backup_report *r, char *err);
int app_rotate_begin(const struct app_opts *o, const struct app *a,
    struct gate *g, const char *new_pass_file, char *err);
int app_rotate_stage(const struct app_opts *o, const struct app *a,
    char *err);
int app_rotate_swap(const struct app_opts *o, char *retired, size_t rn,
    char *err);

#endif
