/*
** test_store.c: the SQL layer, migrations, and the community tables.
*/
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "store/accounts.h"
#include "store/community.h"
#include "store/db.h"
#include "test.h"
#include "util/util.h"

void
test_store_open_pragmas(void)
{
	char path[512], err[ERR_MAX];
	struct db *db;
	struct stmt q;

	snprintf(path, sizeof(path), "%s/s.db", test_tmpdir());
	CHECK(db_open(path, 0, &db, err) == -1);	/* no create: refused */
	CHECK(strstr(err, "sanctum init") != NULL);
	CHECK(db_open(path, 1, &db, err) == 0);
	CHECK(db_schema_version(db) == db_latest_version());
	CHECK(db_prepare(db, &q, "PRAGMA journal_mode") == 0);
	CHECK(db_step(&q) == DB_ROW && strcmp(db_col_text(&q, 0), "wal") == 0);
	db_finalize(&q);
	CHECK(db_prepare(db, &q, "PRAGMA foreign_keys") == 0);
	CHECK(db_step(&q) == DB_ROW && db_col_int(&q, 0) == 1);
	db_finalize(&q);
	/* a bulk write (an import) into a large table gets a page cache
	** that grows with it, and gives it back */
	CHECK(db_bulk(db, 3000000) == 0 && test_cache_size(db) == -65536);
	CHECK(db_bulk(db, 70000) == 0 && test_cache_size(db) == -16384);
	CHECK(db_bulk(db, 20000) == 0 && test_cache_size(db) == -2000);
	db_close(db);
}

void
test_store_named_params(void)
{
	char path[512], err[ERR_MAX];
	struct db *db;
	struct stmt q;

	snprintf(path, sizeof(path), "%s/s.db", test_tmpdir());
	CHECK(db_open(path, 1, &db, err) == 0);
	/* an unknown parameter name is an error, and nothing runs */
	CHECK(db_prepare(db, &q, "INSERT INTO meta(key, value) VALUES (:k, "
	    ":v)") == 0);
	db_bind_text(&q, ":k", "a");
	db_bind_text(&q, ":nope", "b");
	CHECK(db_step(&q) == -1);
	db_finalize(&q);
	/* a parameter left unbound is an error, not a NULL */
	CHECK(db_prepare(db, &q, "INSERT INTO meta(key, value) VALUES (:k, "
	    ":v)") == 0);
	db_bind_text(&q, ":k", "a");
	CHECK(db_step(&q) == -1);
	db_finalize(&q);
	CHECK(db_meta_get(db, "a", err, sizeof(err), &(size_t){0}) == 0);
	/* bound values are data, never SQL */
	CHECK(db_meta_set(db, "x'); DROP TABLE users; --", "v", 1) == 0);
	CHECK(db_prepare(db, &q, "SELECT count(*) FROM users") == 0);
	CHECK(db_step(&q) == DB_ROW);
	db_finalize(&q);
	/* the cache hands out a second statement while the first is busy */
	{
		struct stmt a, b;
		CHECK(db_prepare(db, &a, "SELECT key FROM meta") == 0);
		CHECK(db_prepare(db, &b, "SELECT key FROM meta") == 0);
		CHECK(a.st != b.st);
		db_finalize(&a);
		db_finalize(&b);
	}
	db_close(db);
}

void
test_store_migrate_old_db(void)
{
	char path[512], bak[600], err[ERR_MAX];
	struct db *db;
	struct user u;
	int64_t id;
	struct stat sb;

	snprintf(path, sizeof(path), "%s/old.db", test_tmpdir());
	CHECK(db_open_version(path, 1, &db, err) == 0);
	CHECK(db_schema_version(db) == 1);
	test_begin(db);
	CHECK(accounts_user_add(db, "early-admin", "admin", "x", 0, 1, &id)
	    == 0);
	test_commit(db);
	db_close(db);
	CHECK(db_open(path, 0, &db, err) == 0);
	CHECK(db_schema_version(db) == db_latest_version());
	CHECK(accounts_user_by_name(db, "early-admin", &u) == 1);
	test_begin(db);
	CHECK(community_member_add(db, "later-member", 0, 1, &id) == 0);
	test_commit(db);
	db_close(db);
	snprintf(bak, sizeof(bak), "%s.pre-v1.bak", path);
	CHECK(stat(bak, &sb) == 0 && (sb.st_mode & 0777) == 0600);
}

void
test_store_refuses_newer(void)
{
	char path[512], err[ERR_MAX];
	struct db *db;

	snprintf(path, sizeof(path), "%s/new.db", test_tmpdir());
	CHECK(db_open(path, 1, &db, err) == 0);
	CHECK(db_exec_literal(db, "PRAGMA user_version=999") == 0);
	db_close(db);
	CHECK(db_open(path, 0, &db, err) == -1);
	CHECK(strstr(err, "newer") != NULL);
}

void
test_store_group_capacity(void)
{
	char path[512], err[ERR_MAX], name[32];
	struct db *db;
	int64_t g, m[16];
	int i;

	snprintf(path, sizeof(path), "%s/g.db", test_tmpdir());
	CHECK(db_open(path, 1, &db, err) == 0);
	test_begin(db);
	CHECK(community_group_add(db, "Evening circle", "", 14, 1, &g) == 0);
	CHECK(community_group_add(db, "evening CIRCLE", "", 14, 1, &g)
	    == DB_EXISTS);
	CHECK(community_group_add(db, "Too big", "", 15, 1, &g) == -1);
	for (i = 0; i < 15; i++) {
		snprintf(name, sizeof(name), "member-%d", i);
		CHECK(community_member_add(db, name, 0, 1, &m[i]) == 0);
		CHECK(community_group_join(db, 1, m[i], 1) ==
		    (i < 14 ? 0 : DB_FULL));
	}
	CHECK(community_group_join(db, 1, m[0], 1) == 1);	/* already in */
	CHECK(community_member_add(db, "MEMBER-0", 0, 1, &m[15]) == DB_EXISTS);
	test_commit(db);
	db_close(db);
}
