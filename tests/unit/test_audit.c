/*
** test_audit.c: the audit chain verifies, and any edit, deletion or cut
** is found and named.
*/
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "core/gate.h"
#include "core/trail.h"
#include "crypto/keys.h"
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

/* The key a.db was made with, read from its key file. */
static struct keyring *
test_old_keyring(const struct app *a)
{
	char path[1100], err[ERR_MAX];
	struct keyring *kr = NULL;

	snprintf(path, sizeof(path), "%s.key", a->db_path);
	CHECK(keys_load_file(path, &kr, err) == 0);
	return kr;
}

/* A new community in a with four audit entries and a rotation to a new
** key (*next) started through the gate returned. */
static struct gate *
start_rotation(struct app *a, struct keyring **next)
{
	char err[ERR_MAX];
	struct gate *g;

	make_trail(a, 4);
	CHECK(keys_generate(next, err) == 0);
	g = gate_new(a->db, a->kr);
	gate_set_actor(g, 0, "test", ROLE_ADMIN);
	CHECK(gate_begin(g) == 0);
	CHECK(gate_audit(g, "key.rotate", "community", "started") == 0);
	CHECK(gate_rotate_begin(g, *next, NULL) == 0);
	CHECK(gate_commit(g) == 0);
	return g;
}

/* During a rotation the entries before its start verify with the old key
** and the later ones with the new; its end MACs them all with the new
** key, after which the old key verifies nothing. */
void
test_audit_rechain(void)
{
	struct trail_report rep;
	struct keyring *next, *old;
	struct app a;
	struct gate *g = start_rotation(&a, &next);

	CHECK(gate_begin(g) == 0);	/* follows: the new key from here */
	CHECK(gate_audit(g, "case.read", "case 9", "") == 0);
	CHECK(gate_commit(g) == 0);
	CHECK(trail_verify(a.db, a.kr, &rep) == 0 && rep.entries == 6);
	CHECK(gate_begin(g) == 0);
	CHECK(gate_rotate_end(g, 0, &rep) == 0);
	CHECK(gate_audit(g, "key.rotate", "community", "ended") == 0);
	CHECK(gate_commit(g) == 0);
	CHECK(gate_begin(g) == 0);	/* lets the old key go */
	gate_rollback(g);
	CHECK(trail_verify(a.db, a.kr, &rep) == 0 && rep.entries == 7);
	CHECK(trail_verify(a.db, next, &rep) == 0);
	old = test_old_keyring(&a);
	CHECK(trail_verify(a.db, old, &rep) == 1 && rep.broken_id == 1);
	keys_free(old);
	gate_free(g);
	keys_free(next);
	app_close(&a);
}

/* An entry changed before a rotation ends stops its end, which changes
** nothing. */
void
test_audit_rechain_refuses_broken(void)
{
	struct trail_report rep;
	struct keyring *next;
	struct app a;
	struct gate *g = start_rotation(&a, &next);

	CHECK(db_exec_literal(a.db, "UPDATE audit SET detail = 'x' WHERE "
	    "id = 2") == 0);
	CHECK(gate_begin(g) == 0);
	CHECK(gate_rotate_end(g, 0, &rep) == 1 && rep.broken_id == 2);
	gate_rollback(g);
	CHECK(trail_verify(a.db, a.kr, &rep) == 1 && rep.broken_id == 2);
	gate_free(g);
	keys_free(next);
	app_close(&a);
}
