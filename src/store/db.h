/*
** db.h: the only way sanctum speaks SQL.
**
** Every query is a string literal prepared once per connection and cached;
** values reach it only through named bound parameters (":name").  Binding
** a name the statement does not have, or stepping a statement with a
** parameter left unbound, is an error, not a silent NULL.  `make lint`
** (tools/codecheck.c) rejects any call whose SQL is not a literal.
**
** A connection opens the database in WAL mode with foreign keys on and a
** busy timeout, and brings its schema up to date with the numbered
** migrations in src/store/migrations/, each applied in one transaction.
*/
#ifndef SANCTUM_DB_H
#define SANCTUM_DB_H

#include <stddef.h>
#include <stdint.h>

struct db;
struct sqlite3_stmt;

struct stmt {
	struct sqlite3_stmt *st;
	struct db *db;
	const char *sql;
	uint64_t bound;		/* bit i set once parameter i+1 is bound */
	int bad;		/* a bind failed: stepping is refused */
	int cached;		/* st belongs to the connection's cache */
};

enum { DB_DONE = 0, DB_ROW = 1 };

#define DB_EXISTS (-2)	/* a unique name or id is already taken */
#define DB_FULL (-3)	/* a limit (such as a group's capacity) is reached */

int db_open(const char *path, int create, struct db **out, char *err);
int db_open_version(const char *path, int version, struct db **out, char *err);
void db_close(struct db *db);
int db_temp_dir(const char *dir, char *err);
int db_schema_version(struct db *db);
int db_latest_version(void);

int db_prepare(struct db *db, struct stmt *q, const char *sql);
int db_prepare_built(struct db *db, struct stmt *q, const char *sql);
void db_reset(struct stmt *q);
void db_bind_int(struct stmt *q, const char *name, int64_t v);
void db_bind_text(struct stmt *q, const char *name, const char *s);
void db_bind_blob(struct stmt *q, const char *name, const void *p, size_t n);
void db_bind_null(struct stmt *q, const char *name);
int db_step(struct stmt *q);
int64_t db_col_int(struct stmt *q, int col);
const char *db_col_text(struct stmt *q, int col);
const void *db_col_blob(struct stmt *q, int col, size_t *n);
int db_col_is_null(struct stmt *q, int col);
void db_finalize(struct stmt *q);
int db_step_done(struct stmt *q);

int db_exec_literal(struct db *db, const char *sql);
int db_bulk(struct db *db, int64_t rows);
int db_begin(struct db *db);
int db_commit(struct db *db);
void db_rollback(struct db *db);
int db_in_transaction(struct db *db);
int db_read_begin(struct db *db);
void db_read_end(struct db *db);
int64_t db_last_id(struct db *db);
int db_changes(struct db *db);
const char *db_error(struct db *db);
const char *db_path(const struct db *db);
int db_checkpoint(struct db *db);
void db_checkpoint_passive(struct db *db);
int db_wal_owe(struct db *db);
int db_wal_truncate(struct db *db);
int db_wal_settle(struct db *db);
int db_secure_delete(struct db *db);
int db_backup_to(struct db *db, const char *path, char *err);
int db_integrity(struct db *db, char *err);

int db_meta_get(struct db *db, const char *key, void *out, size_t cap,
    size_t *len);
int db_meta_set(struct db *db, const char *key, const void *p, size_t n);
int db_meta_del(struct db *db, const char *key);

#endif
