/*
** test_audit.c: the audit chain verifies, and any edit, deletion or cut
** is found and named.
*/
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "core/gate.h"
#include "core/trail.h"
#include "store/db.h"
#include "test.h"
#include "util/util.h"

/* A new community with n audit entries. */
static void
make_trail(struct app *a, int n)
{
	struct app_opts o = { 0 };
	static char db[512];
	char err[ERR_MAX], target[32];
	int i;

	snprintf(db, sizeof(db), "%s/a.db", test_tmpdir());
	o.db_path = db;
	if (app_create(&o, a, err) != 0)
		return;
	for (i = 1; i <= n; i++) {
		snprintf(target, sizeof(target), "case %d", i);
		CHECK(db_begin(a->db) == 0);
		CHECK(trail_append(a->db, a->kr, 1, "river", "case.read",
		    target, "") == 0);
		CHECK(db_commit(a->db) == 0);
	}
}

void
test_audit_chain_verify(void)
{
	struct trail_report rep;
	struct app a;

	make_trail(&a, 0);
	CHECK(trail_verify(a.db, a.kr, &rep) == 0 && rep.entries == 0);
	app_close(&a);
	make_trail(&a, 5);
	CHECK(trail_verify(a.db, a.kr, &rep) == 0);
	CHECK(rep.entries == 5 && rep.broken_id == 0);
	app_close(&a);
}

void
test_audit_detects_edit(void)
{
	struct trail_report rep;
	struct app a;

	make_trail(&a, 5);
	CHECK(db_exec_literal(a.db, "UPDATE audit SET target = 'case 9' "
	    "WHERE id = 3") == 0);
	CHECK(trail_verify(a.db, a.kr, &rep) == 1);
	CHECK(rep.broken_id == 3);
	app_close(&a);

	make_trail(&a, 5);
	CHECK(db_exec_literal(a.db, "DELETE FROM audit WHERE id = 2") == 0);
	CHECK(trail_verify(a.db, a.kr, &rep) == 1);
	CHECK(rep.broken_id == 2);
	CHECK(strstr(rep.reason, "missing") != NULL);
	app_close(&a);
}

void
test_audit_detects_truncation(void)
{
	struct trail_report rep;
	struct app a;

	make_trail(&a, 5);
	CHECK(db_exec_literal(a.db, "DELETE FROM audit WHERE id >= 4") == 0);
	CHECK(trail_verify(a.db, a.kr, &rep) == 1);
	CHECK(rep.broken_id == 4);
	CHECK(strstr(rep.reason, "cut off") != NULL);
	app_close(&a);
}
