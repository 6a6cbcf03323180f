/*
** main.c: the unit test table and runner.  `unit-tests [NAME...]` runs
** all tests or those named.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "core/gate.h"
#include "crypto/keys.h"
#include "store/db.h"
#include "test.h"
#include "util/log.h"

int test_failures;

#define T(name) void name(void);
#include "list.h"
#undef T

static const struct {
	const char *name;
	void (*fn)(void);
} tests[] = {
#define T(name) { #name, name },
#include "list.h"
#undef T
};

static char tmpdir[256];

/* A fresh temporary folder for the running test. */
const char *
test_tmpdir(void)
{
	const char *base = getenv("TMPDIR");

	snprintf(tmpdir, sizeof(tmpdir), "%s/sanctum-unit-XXXXXX",
	    base && *base ? base : "/tmp");
	if (mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		exit(1);
	}
	return tmpdir;
}

/* Write n bytes to path, replacing what was there; 0 or -1. */
int
test_write_file(const char *path, const void *p, size_t n)
{
	FILE *f = fopen(path, "wb");
	int ok;

	if (f == NULL)
		return -1;
	ok = fwrite(p, 1, n, f) == n;
	return (fclose(f) == 0 && ok) ? 0 : -1;
}

/* Begin a transaction in which a store test may write anything: it
** carries an audit entry of its own (not a chained one: these tests never
** verify the trail), so the store's commit hook lets it through. */
void
test_begin(struct db *db)
{
	CHECK(db_begin(db) == 0);
	CHECK(db_exec_literal(db, "INSERT INTO audit(at, actor, action, mac) "
	    "VALUES (0, 'unit test', 'test.setup', x'00')") == 0);
}

/* Commit what test_begin began. */
void
test_commit(struct db *db)
{
	CHECK(db_commit(db) == 0);
}

/* A gate onto the open community a, acting as "unit test" with every
** right.  The caller frees it with gate_free. */
struct gate *
test_gate(struct app *a)
{
	struct gate *g = gate_new(a->db, a->kr);

	if (g)
		gate_set_actor(g, 0, "unit test", ROLE_ADMIN);
	return g;
}

/* Begin a transaction through g that names an audit entry of the test's
** own, in the chain, so that whatever the test writes may commit. */
void
test_gate_begin(struct gate *g)
{
	CHECK(gate_begin(g) == 0);
	CHECK(gate_audit(g, "test.setup", "", "") == 0);
}

/* Commit what test_gate_begin began. */
void
test_gate_commit(struct gate *g)
{
	CHECK(gate_commit(g) == 0);
}

/* SQLite's page cache of db (PRAGMA cache_size: KiB when negative). */
long long
test_cache_size(struct db *db)
{
	struct stmt q;
	long long n = 0;

	if (db_prepare(db, &q, "PRAGMA cache_size") == 0 &&
	    db_step(&q) == DB_ROW)
		n = db_col_int(&q, 0);
	db_finalize(&q);
	return n;
}

int
main(int argc, char **argv)
{
	size_t i, n = sizeof(tests) / sizeof(tests[0]);
	int k, want, failed = 0, ran = 0, before;
	char err[256];

	log_set_level(LOG_ERROR);
	if (keys_init(err) != 0) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	for (i = 0; i < n; i++) {
		want = argc < 2;
		for (k = 1; k < argc; k++)
			if (strcmp(argv[k], tests[i].name) == 0)
				want = 1;
		if (!want)
			continue;
		before = test_failures;
		tests[i].fn();
		ran++;
		if (test_failures != before) {
			failed++;
			printf("not ok %d - %s\n", ran, tests[i].name);
		} else {
			printf("ok %d - %s\n", ran, tests[i].name);
		}
		fflush(stdout);
	}
	printf("1..%d\n", ran);
	return failed ? 1 : 0;
}
