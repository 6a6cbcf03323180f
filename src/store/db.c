/*
** db.c: connections, the statement cache, named binding, transactions and
** schema migrations.  See db.h.
**
** No write without an audit entry: every commit, a transaction's or a
** single statement's, passes SQLite's commit hook, which refuses it (and
** so rolls it back) when it changed a table other than the bookkeeping
** ones below and added no entry to the audit trail.  The update hook
** notes which tables a transaction touched.  Migrations run before the
** hooks are set.
*/
#include "db.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../util/embedded.h"
#include "../util/log.h"
#include "../util/util.h"

#define CACHE_SLOTS 96
#define DB_MAX_DEPTH 16		/* nested db_begin calls */


struct cached {
	const char *sql;	/* the literal's address is the key */
	sqlite3_stmt *st;
	int busy;
};

struct db {
	sqlite3 *h;
	char path[1024];
	struct cached cache[CACHE_SLOTS];
	int ncache;
	int depth;		/* nested db_begin calls */
	char errmsg[ERR_MAX];
	/* what the open transaction did, for the commit hook */
	int audited;		/* it added an audit entry */
	char changed[32];	/* a table it changed that needs one, or "" */
	struct {		/* the same as each nested part began */
		int audited;
		char changed[32];
	} saved[DB_MAX_DEPTH];
};

/* Tables a commit may change without an audit entry: they record no one's
** action (sessions and failed logins, a token's last use, settings and
** the audit trail's head, a member's notice marked seen) or follow an
** audited change of a post. */
static const char *const bookkeeping[] = {
	"sessions", "throttle", "api_tokens", "meta", "post_fingerprints",
	"index_state", "index_deletions", "notices", NULL
};

/* SQLite's update hook: note what the transaction changes. */
static void
db_on_update(void *arg, int op, const char *dbname, const char *table,
    sqlite3_int64 rowid)
{
	struct db *db = arg;
	int i;

	(void)op; (void)dbname; (void)rowid;
	if (strcmp(table, "audit") == 0) {
		db->audited = 1;
		return;
	}
	if (db->changed[0])
		return;
	for (i = 0; bookkeeping[i]; i++)
		if (strcmp(table, bookkeeping[i]) == 0)
			return;
	snprintf(db->changed, sizeof(db->changed), "%s", table);
}

/* SQLite's commit hook: refuse a commit that changed what needs an audit
** entry without one.  Returns non-zero to turn the commit into a
** rollback. */
static int
db_on_commit(void *arg)
{
	struct db *db = arg;
	int refuse = db->changed[0] && !db->audited;

	if (refuse)
		log_msg(LOG_ERROR, "store: a change of %s without an audit "
		    "entry was refused", db->changed);
	db->changed[0] = '\0';
	db->audited = 0;
	return refuse;
}

/* SQLite's rollback hook: forget what the transaction did. */
static void
db_on_rollback(void *arg)
{
	struct db *db = arg;

	db->changed[0] = '\0';
	db->audited = 0;
}

/* The newest schema version this binary knows. */
int
db_latest_version(void)
{
	return store_migrations_count;
}

/* Remember SQLite's message for the last failure and log it.  The message
** names the statement's table or constraint, never a bound value. */
static void
db_note_error(struct db *db, const char *what)
{
	snprintf(db->errmsg, sizeof(db->errmsg), "%s: %s", what,
	    sqlite3_errmsg(db->h));
	log_msg(LOG_WARN, "store: %s", db->errmsg);
}

/* The path of the database this connection opened. */
const char *
db_path(const struct db *db)
{
	return db->path;
}

/* The message of the last failure on this connection. */
const char *
db_error(struct db *db)
{
	return db->errmsg;
}

/* Run SQL text that is a literal in the source (schema, pragmas).
** Returns 0 or -1. */
int
db_exec_literal(struct db *db, const char *sql)
{
	if (sqlite3_exec(db->h, sql, NULL, NULL, NULL) != SQLITE_OK) {
		db_note_error(db, "exec");
		return -1;
	}
	return 0;
}

/* Size this connection's page cache for a bulk write into a table of
** about rows rows, or give SQLite's default of 2 MB back (rows 0): 256
** bytes a row, in steps up to 64 MiB from 250 000 rows on.  A bulk write in
** one transaction that lands at random places of a large index (an
** import: imported posts' ids are keyed hashes, so each goes to a random
** leaf of the unique index) otherwise pushes its changed pages out of the
** cache into the write-ahead log and reads them back, again and again: an
** import of a million posts took 159 s with 2 MB throughout, 109 s with
** 64 MiB and 114 s with 256 MiB throughout, and 118 s (92 MB at peak) with
** the cache sized as here.  A small community keeps the default, so an
** import into it takes little memory.  Returns 0 or -1. */
int
db_bulk(struct db *db, int64_t rows)
{
	if (rows >= 250000)
		return db_exec_literal(db, "PRAGMA cache_size=-65536");
	if (rows >= 125000)
		return db_exec_literal(db, "PRAGMA cache_size=-32768");
	if (rows >= 62500)
		return db_exec_literal(db, "PRAGMA cache_size=-16384");
	if (rows >= 31250)
		return db_exec_literal(db, "PRAGMA cache_size=-8192");
	return db_exec_literal(db, "PRAGMA cache_size=-2000");
}

/* The schema version recorded in the file (PRAGMA user_version). */
int
db_schema_version(struct db *db)
{
	sqlite3_stmt *st;
	int v = -1;

	if (sqlite3_prepare_v2(db->h, "PRAGMA user_version", -1, &st, NULL)
	    != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* Copy the whole database to bpath with SQLite's online backup: a
** consistent copy while others read and write.  Returns 0 or -1 with
** err. */
int
db_backup_to(struct db *db, const char *bpath, char *err)
{
	sqlite3 *to;
	sqlite3_backup *bk;
	int rc;

	if (sqlite3_open(bpath, &to) != SQLITE_OK) {
		err_set(err, "cannot create backup %s", bpath);
		sqlite3_close(to);
		return -1;
	}
	bk = sqlite3_backup_init(to, "main", db->h, "main");
	if (bk == NULL) {
		err_set(err, "backup to %s failed: %s", bpath,
		    sqlite3_errmsg(to));
		sqlite3_close(to);
		return -1;
	}
	chmod(bpath, 0600);
	rc = sqlite3_backup_step(bk, -1);
	sqlite3_backup_finish(bk);
	sqlite3_close(to);
	if (rc != SQLITE_DONE) {
		err_set(err, "backup to %s did not complete", bpath);
		return -1;
	}
	return 0;
}

/* Copy the whole database to PATH.pre-vN.bak before a migration changes
** it.  Returns 0 or -1. */
static int
db_backup_before(struct db *db, int version, char *err)
{
	char bpath[1100];

	snprintf(bpath, sizeof(bpath), "%s.pre-v%d.bak", db->path, version);
	if (db_backup_to(db, bpath, err) != 0)
		return -1;
	log_msg(LOG_INFO, "store: backed up schema v%d to %s before upgrade",
	    version, bpath);
	return 0;
}

/* PRAGMA integrity_check.  Returns 0 when it says ok, or -1 with its
** first finding in err. */
int
db_integrity(struct db *db, char *err)
{
	struct stmt q;
	int rc;

	if (db_prepare(db, &q, "PRAGMA integrity_check") != 0) {
		err_set(err, "cannot check: %s", db_error(db));
		return -1;
	}
	rc = db_step(&q);
	if (rc == DB_ROW && strcmp(db_col_text(&q, 0), "ok") == 0)
		rc = 0;
	else {
		err_set(err, "integrity_check: %.200s", rc == DB_ROW ?
		    db_col_text(&q, 0) : db_error(db));
		rc = -1;
	}
	db_finalize(&q);
	return rc;
}

/* Apply migrations after the file's version up to target, each in its own
** transaction that also sets user_version.  Returns 0 or -1. */
static int
db_migrate(struct db *db, int target, char *err)
{
	char pragma[64];
	int v = db_schema_version(db), i;

	if (v < 0) {
		err_set(err, "%s is not a sanctum database", db->path);
		return -1;
	}
	if (v > store_migrations_count) {
		err_set(err, "%s has schema v%d, newer than this sanctum "
		    "(v%d); upgrade sanctum", db->path, v,
		    store_migrations_count);
		return -1;
	}
	if (v > 0 && v < target && db_backup_before(db, v, err) != 0)
		return -1;
	for (i = v; i < target; i++) {
		if (db_exec_literal(db, "BEGIN IMMEDIATE") != 0)
			goto fail;
		if (sqlite3_exec(db->h, (const char *)store_migrations[i].data, NULL, NULL,
		    NULL) != SQLITE_OK) {
			db_note_error(db, store_migrations[i].name);
			db_exec_literal(db, "ROLLBACK");
			goto fail;
		}
		snprintf(pragma, sizeof(pragma), "PRAGMA user_version=%d",
		    i + 1);
		/* the version is a number of ours, not outside input */
		if (sqlite3_exec(db->h, pragma, NULL, NULL, NULL) != SQLITE_OK
		    || db_exec_literal(db, "COMMIT") != 0) {
			db_exec_literal(db, "ROLLBACK");
			goto fail;
		}
		log_msg(LOG_INFO, "store: applied migration %s",
		    store_migrations[i].name);
	}
	return 0;
fail:
	err_set(err, "migration %s failed: %s", store_migrations[i].name,
	    db->errmsg);
	return -1;
}

/* May this process not write path or its folder?  (SQLite would say
** "attempt to write a readonly database" from a pragma.)  Returns 1 or 0. */
static int
read_only_here(const char *path)
{
	char dir[1100];
	const char *slash = strrchr(path, '/');

	if (access(path, W_OK) != 0 && errno != ENOENT)
		return 1;
	if (slash == NULL)
		snprintf(dir, sizeof(dir), ".");
	else
		snprintf(dir, sizeof(dir), "%.*s", (int)(slash - path) ?
		    (int)(slash - path) : 1, path);
	return access(dir, W_OK) != 0 && errno != ENOENT;
}

/* Open (or with create, create) the database at path and migrate its
** schema to version.  Returns 0 and sets *out, or -1 with err filled.
** The caller closes *out with db_close. */
static int
db_open_at(const char *path, int create, int version, struct db **out,
    char *err)
{
	struct db *db;
	struct stat sb;

	static int configured;

	*out = NULL;
	if (!configured) {
		/* no global allocation statistics: they cost a mutex per
		** malloc shared by every server thread */
		sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
		configured = 1;
	}
	if (!create && stat(path, &sb) != 0) {
		err_set(err, "no database at %s (run `sanctum init` first)",
		    path);
		return -1;
	}
	if (!create && read_only_here(path)) {
		err_set(err, "cannot open %s: it is read-only for this user "
		    "(sanctum writes the database, and its folder for the "
		    "write-ahead log); nothing was changed", path);
		return -1;
	}
	db = calloc(1, sizeof(*db));
	if (db == NULL) {
		err_set(err, "out of memory");
		return -1;
	}
	snprintf(db->path, sizeof(db->path), "%s", path);
	if (sqlite3_open_v2(path, &db->h, SQLITE_OPEN_READWRITE |
	    (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX,
	    NULL) != SQLITE_OK) {
		err_set(err, "cannot open %s: %s", path,
		    db->h ? sqlite3_errmsg(db->h) : "out of memory");
		db_close(db);
		return -1;
	}
	if (create)
		chmod(path, 0600);
	sqlite3_busy_timeout(db->h, 5000);
	sqlite3_extended_result_codes(db->h, 1);
	if (db_exec_literal(db, "PRAGMA journal_mode=WAL") != 0 ||
	    db_exec_literal(db, "PRAGMA foreign_keys=ON") != 0 ||
	    db_exec_literal(db, "PRAGMA synchronous=NORMAL") != 0 ||
	    db_exec_literal(db, "PRAGMA secure_delete=ON") != 0 ||
	    db_exec_literal(db, "PRAGMA trusted_schema=OFF") != 0) {
		err_set(err, "cannot open %s: %s", path, db->errmsg);
		db_close(db);
		return -1;
	}
	if (db_migrate(db, version, err) != 0) {
		db_close(db);
		return -1;
	}
	sqlite3_update_hook(db->h, db_on_update, db);
	sqlite3_commit_hook(db->h, db_on_commit, db);
	sqlite3_rollback_hook(db->h, db_on_rollback, db);
	*out = db;
	return 0;
}

/* Make SQLite write its temporary files (large sorts, temporary tables)
** in dir from now on, instead of the system's temporary folder: `serve`'s
** sandbox lets it write only the database's folder.  Call it while no
** other thread uses SQLite.  Returns 0, or -1 with err filled. */
int
db_temp_dir(const char *dir, char *err)
{
	char *p = sqlite3_mprintf("%s", dir);

	if (p == NULL) {
		err_set(err, "out of memory");
		return -1;
	}
	sqlite3_free(sqlite3_temp_directory);
	sqlite3_temp_directory = p;
	return 0;
}

/* Open the database at path, creating it when create is set, with its
** schema at the latest version.  Returns 0 or -1 with err filled. */
int
db_open(const char *path, int create, struct db **out, char *err)
{
	return db_open_at(path, create, store_migrations_count, out, err);
}

/* Open or create path with its schema at an older version; the tests use
** it to make a database as an earlier sanctum left it.  Returns 0 or -1. */
int
db_open_version(const char *path, int version, struct db **out, char *err)
{
	if (version < 1 || version > store_migrations_count) {
		err_set(err, "no schema version %d", version);
		return -1;
	}
	return db_open_at(path, 1, version, out, err);
}

/* Finalise cached statements and close the connection. */
void
db_close(struct db *db)
{
	int i;

	if (db == NULL)
		return;
	for (i = 0; i < db->ncache; i++)
		sqlite3_finalize(db->cache[i].st);
	if (db->h)
		sqlite3_close(db->h);
	free(db);
}

/* Prepare sql (a string literal) into q, reusing this connection's cached
** statement for the same literal when it is free.  Returns 0 or -1. */
int
db_prepare(struct db *db, struct stmt *q, const char *sql)
{
	int i;

	memset(q, 0, sizeof(*q));
	q->db = db;
	q->sql = sql;
	for (i = 0; i < db->ncache; i++) {
		if (db->cache[i].sql == sql && !db->cache[i].busy) {
			db->cache[i].busy = 1;
			q->st = db->cache[i].st;
			q->cached = 1;
			return 0;
		}
	}
	if (sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT,
	    &q->st, NULL) != SQLITE_OK) {
		db_note_error(db, "prepare");
		q->bad = 1;
		return -1;
	}
	if (db->ncache < CACHE_SLOTS) {
		db->cache[db->ncache].sql = sql;
		db->cache[db->ncache].st = q->st;
		db->cache[db->ncache].busy = 1;
		db->ncache++;
		q->cached = 1;
	}
	return 0;
}

/* Prepare sql built at run time (not a literal: never cached, since the
** cache knows statements by their text's address) into q.  Returns 0 or
** -1. */
int
db_prepare_built(struct db *db, struct stmt *q, const char *sql)
{
	memset(q, 0, sizeof(*q));
	q->db = db;
	q->sql = sql;
	if (sqlite3_prepare_v3(db->h, sql, -1, 0, &q->st, NULL) != SQLITE_OK) {
		db_note_error(db, "prepare");
		q->bad = 1;
		return -1;
	}
	return 0;
}

/* Make q ready to be bound and stepped again. */
void
db_reset(struct stmt *q)
{
	if (q->st) {
		sqlite3_reset(q->st);
		sqlite3_clear_bindings(q->st);
	}
}

/* Find the index of a named parameter, marking q bad when there is none. */
static int
db_param(struct stmt *q, const char *name)
{
	int i;

	if (q->st == NULL)
		return 0;
	i = sqlite3_bind_parameter_index(q->st, name);
	if (i == 0) {
		log_msg(LOG_ERROR, "store: statement has no parameter %s",
		    name);
		q->bad = 1;
		return 0;
	}
	if (i <= 64)
		q->bound |= (uint64_t)1 << (i - 1);
	return i;
}

/* Note a failed bind (out of memory, too big). */
static void
db_bound(struct stmt *q, int rc)
{
	if (rc != SQLITE_OK) {
		db_note_error(q->db, "bind");
		q->bad = 1;
	}
}

/* Bind an integer to the parameter called name. */
void
db_bind_int(struct stmt *q, const char *name, int64_t v)
{
	int i = db_param(q, name);

	if (i)
		db_bound(q, sqlite3_bind_int64(q->st, i, v));
}

/* Bind text (copied) to name; a NULL s binds NULL. */
void
db_bind_text(struct stmt *q, const char *name, const char *s)
{
	int i = db_param(q, name);

	if (i)
		db_bound(q, s ? sqlite3_bind_text(q->st, i, s, -1,
		    SQLITE_TRANSIENT) : sqlite3_bind_null(q->st, i));
}

/* Bind a blob (copied) of n bytes to name; a NULL p binds NULL. */
void
db_bind_blob(struct stmt *q, const char *name, const void *p, size_t n)
{
	int i = db_param(q, name);

	if (i)
		db_bound(q, p ? sqlite3_bind_blob64(q->st, i, p, n,
		    SQLITE_TRANSIENT) : sqlite3_bind_null(q->st, i));
}

/* Bind NULL to name. */
void
db_bind_null(struct stmt *q, const char *name)
{
	int i = db_param(q, name);

	if (i)
		db_bound(q, sqlite3_bind_null(q->st, i));
}

/* Step q.  Returns DB_ROW, DB_DONE, or -1 on an error (including a bad
** bind or a parameter left unbound, in which case nothing runs). */
int
db_step(struct stmt *q)
{
	int n, rc;
	uint64_t want;

	if (q->bad || q->st == NULL)
		return -1;
	n = sqlite3_bind_parameter_count(q->st);
	want = n >= 64 ? ~(uint64_t)0 : (((uint64_t)1 << n) - 1);
	if ((q->bound & want) != want) {
		log_msg(LOG_ERROR, "store: a parameter was left unbound");
		q->bad = 1;
		return -1;
	}
	rc = sqlite3_step(q->st);
	if (rc == SQLITE_ROW)
		return DB_ROW;
	if (rc == SQLITE_DONE)
		return DB_DONE;
	db_note_error(q->db, "step");
	return -1;
}

/* Column accessors; col counts from 0. */
int64_t
db_col_int(struct stmt *q, int col)
{
	return sqlite3_column_int64(q->st, col);
}

/* The text of a column, valid until the next step or finalize; never NULL. */
const char *
db_col_text(struct stmt *q, int col)
{
	const unsigned char *s = sqlite3_column_text(q->st, col);

	return s ? (const char *)s : "";
}

/* The bytes of a column and their count, valid until the next step. */
const void *
db_col_blob(struct stmt *q, int col, size_t *n)
{
	const void *p = sqlite3_column_blob(q->st, col);

	*n = (size_t)sqlite3_column_bytes(q->st, col);
	return p;
}

/* Is the column NULL? */
int
db_col_is_null(struct stmt *q, int col)
{
	return sqlite3_column_type(q->st, col) == SQLITE_NULL;
}

/* Release q: a cached statement is reset and returned to the cache. */
void
db_finalize(struct stmt *q)
{
	int i;

	if (q->st == NULL)
		return;
	if (q->cached) {
		sqlite3_reset(q->st);
		sqlite3_clear_bindings(q->st);
		for (i = 0; i < q->db->ncache; i++)
			if (q->db->cache[i].st == q->st)
				q->db->cache[i].busy = 0;
	} else {
		sqlite3_finalize(q->st);
	}
	q->st = NULL;
}

/* Step a statement that returns no rows to its end and release it.
** Returns 0 or -1. */
int
db_step_done(struct stmt *q)
{
	int rc = db_step(q) == DB_DONE ? 0 : -1;

	db_finalize(q);
	return rc;
}

/* Start a write transaction (BEGIN IMMEDIATE), or inside one a nested
** part (a savepoint) that db_rollback can undo alone.  Returns 0 or -1. */
int
db_begin(struct db *db)
{
	if (db->depth >= DB_MAX_DEPTH) {
		snprintf(db->errmsg, sizeof(db->errmsg), "transactions nested "
		    "too deep");
		return -1;
	}
	if (db->depth == 0) {
		if (db_exec_literal(db, "BEGIN IMMEDIATE") != 0)
			return -1;
	} else if (db_exec_literal(db, "SAVEPOINT nest") != 0) {
		return -1;
	}
	/* what the part may have to forget when it is undone */
	db->saved[db->depth].audited = db->audited;
	memcpy(db->saved[db->depth].changed, db->changed, sizeof(db->changed));
	db->depth++;
	return 0;
}

/* Commit the transaction, or keep a nested part in the one around it.
** Returns 0 or -1 (the transaction was rolled back: the store refuses a
** commit that changed something without an audit entry). */
int
db_commit(struct db *db)
{
	if (db->depth <= 0)
		return -1;
	if (db->depth > 1) {
		if (db_exec_literal(db, "RELEASE nest") != 0)
			return -1;
		db->depth--;
		return 0;
	}
	db->depth = 0;
	if (db_exec_literal(db, "COMMIT") != 0) {
		if (!sqlite3_get_autocommit(db->h))
			db_exec_literal(db, "ROLLBACK");
		return -1;
	}
	return 0;
}

/* Is a write transaction open?  Returns 1 or 0. */
int
db_in_transaction(struct db *db)
{
	return db->depth > 0;
}

/* Undo the innermost part begun with db_begin: a nested part alone, or
** the whole transaction. */
void
db_rollback(struct db *db)
{
	if (db->depth <= 0)
		return;
	if (db->depth > 1 && !sqlite3_get_autocommit(db->h)) {
		db->depth--;
		if (db_exec_literal(db, "ROLLBACK TO nest") == 0 &&
		    db_exec_literal(db, "RELEASE nest") == 0) {
			db->audited = db->saved[db->depth].audited;
			memcpy(db->changed, db->saved[db->depth].changed,
			    sizeof(db->changed));
			return;
		}
	}
	db->depth = 0;
	if (!sqlite3_get_autocommit(db->h))
		db_exec_literal(db, "ROLLBACK");
}

/* Start a read transaction: every query until db_read_end sees one
** snapshot of the database.  Returns 0 or -1. */
int
db_read_begin(struct db *db)
{
	if (db->depth > 0)
		return 0;
	return db_exec_literal(db, "BEGIN DEFERRED");
}

/* End a read transaction begun with db_read_begin. */
void
db_read_end(struct db *db)
{
	if (db->depth == 0 && !sqlite3_get_autocommit(db->h))
		db_exec_literal(db, "COMMIT");
}

/* The rowid of the last insert on this connection. */
int64_t
db_last_id(struct db *db)
{
	return sqlite3_last_insert_rowid(db->h);
}

/* Rows changed by the last statement. */
int
db_changes(struct db *db)
{
	return sqlite3_changes(db->h);
}

/* meta key: "1" while old pages (purged words, values sealed with a
** retired key) may still be in the WAL because a reader held it */
#define WAL_OWED "wal_truncation_owed"

/* Note, in the caller's transaction, that once it commits the WAL must
** be truncated (db_wal_truncate).  Returns 0 or -1. */
int
db_wal_owe(struct db *db)
{
	return db_meta_set(db, WAL_OWED, "1", 1);
}

/* Truncate the WAL, whose frames still hold the old pages, then clear the
** note that it was owed and truncate again, so that the note leaves no
** frame behind either.  Returns 0, or -1 when a reader held the WAL: the
** note stays, and db_wal_settle tries again. */
int
db_wal_truncate(struct db *db)
{
	if (db_checkpoint(db) != 0)
		return -1;
	if (db_meta_set(db, WAL_OWED, "0", 1) == 0)
		db_checkpoint(db);
	return 0;
}

/* Truncate the WAL if an earlier commit (of this process or another)
** owed it and could not.  Returns 0 or -1. */
int
db_wal_settle(struct db *db)
{
	char v[4];
	size_t len = 0;

	if (db_meta_get(db, WAL_OWED, v, sizeof(v), &len) != DB_ROW ||
	    len != 1 || v[0] != '1')
		return 0;
	return db_wal_truncate(db);
}

/* Copy what the WAL holds into the main file without making writers
** wait (a passive checkpoint: readers may keep part of it there). */
void
db_checkpoint_passive(struct db *db)
{
	sqlite3_wal_checkpoint_v2(db->h, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL,
	    NULL);
}

/* Copy the WAL into the main file and truncate it.  Returns 0 or -1. */
int
db_checkpoint(struct db *db)
{
	if (sqlite3_wal_checkpoint_v2(db->h, NULL, SQLITE_CHECKPOINT_TRUNCATE,
	    NULL, NULL) != SQLITE_OK) {
		db_note_error(db, "checkpoint");
		return -1;
	}
	return 0;
}

/* Does this connection overwrite what it deletes with zeros, freed pages
** included (PRAGMA secure_delete on, as db_open sets it)?  Returns 1, 0
** (off, or "fast", which leaves old bytes on freed pages) or -1. */
int
db_secure_delete(struct db *db)
{
	sqlite3_stmt *st;
	int v = -1;

	if (sqlite3_prepare_v2(db->h, "PRAGMA secure_delete", -1, &st, NULL)
	    != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0) == 1;
	sqlite3_finalize(st);
	return v;
}

/* Read the meta value for key into out (at most cap bytes), setting *len.
** Returns 1 when found, 0 when absent, -1 on error or when it is larger
** than cap. */
int
db_meta_get(struct db *db, const char *key, void *out, size_t cap,
    size_t *len)
{
	struct stmt q;
	const void *p;
	size_t n;
	int rc;

	if (db_prepare(db, &q, "SELECT value FROM meta WHERE key = :key") != 0)
		return -1;
	db_bind_text(&q, ":key", key);
	rc = db_step(&q);
	if (rc == DB_ROW) {
		p = db_col_blob(&q, 0, &n);
		if (n > cap) {
			rc = -1;
		} else {
			if (n)
				memcpy(out, p, n);
			*len = n;
		}
	}
	db_finalize(&q);
	return rc;
}

/* Remove the meta value for key, if any.  Returns 0 or -1. */
int
db_meta_del(struct db *db, const char *key)
{
	struct stmt q;

	if (db_prepare(db, &q, "DELETE FROM meta WHERE key = :key") != 0)
		return -1;
	db_bind_text(&q, ":key", key);
	return db_step_done(&q);
}

/* Set the meta value for key.  Returns 0 or -1. */
int
db_meta_set(struct db *db, const char *key, const void *p, size_t n)
{
	struct stmt q;

	if (db_prepare(db, &q, "INSERT INTO meta(key, value) VALUES "
	    "(:key, :value) ON CONFLICT(key) DO UPDATE SET value = "
	    "excluded.value") != 0)
		return -1;
	db_bind_text(&q, ":key", key);
	db_bind_blob(&q, ":value", p, n);
	return db_step_done(&q);
}
