/*
** test_gate.c: the gateway's promises: a sealed value opens only inside a
** transaction and for a role allowed to open it, each opening leaves an
** audit entry for its row and counts the person's exposure, an unknown
** column is refused, no commit passes that changed something without an
** audit entry, and every *_sealed column of the schema is in the table.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "community/post.h"
#include "core/gate.h"
#include "core/sealed.h"
#include "core/trail.h"
#include "store/community.h"
#include "store/db.h"
#include "test.h"
#include "util/util.h"

/* How many rows a one-number query gives: "SELECT count(*) ...". */
static int64_t
count_of(struct db *db, const char *sql)
{
	struct stmt q;
	int64_t n = -1;

	if (db_prepare(db, &q, sql) != 0)
		return -1;
	if (db_step(&q) == DB_ROW)
		n = db_col_int(&q, 0);
	db_finalize(&q);
	return n;
}

void
test_gate_open(void)
{
	struct app_opts o = { 0 };
	char db[512], err[ERR_MAX], *plain;
	struct app a;
	struct gate *g;
	int64_t gid, mid, pid, audits, exposures, uid = 0;
	struct post_new np = { 0 };
	void *body, *cw;
	size_t bn, cn;

	snprintf(db, sizeof(db), "%s/g.db", test_tmpdir());
	o.db_path = db;
	CHECK(app_create(&o, &a, err) == 0);
	g = test_gate(&a);
	test_gate_begin(g);
	CHECK(community_group_add(a.db, "Circle", "", 10, 1, &gid) == 0);
	CHECK(community_member_add(a.db, "willow", 0, 1, &mid) == 0);
	CHECK(db_exec_literal(a.db, "INSERT INTO users(name, role, pw_hash, "
	    "created_at, pw_changed_at) VALUES ('mo', 'moderator', 'x', 1, 1), "
	    "('sam', 'supporter', 'x', 1, 1)") == 0);
	np.group_id = gid;
	np.member_id = mid;
	np.created_at = 1;
	np.body = "A walk by the river helped more than I thought it would.";
	np.cw = "grief";
	CHECK(post_create(g, &np, &pid) == 0);
	test_gate_commit(g);
	CHECK(community_post_sealed(a.db, pid, &body, &bn, &cw, &cn) == 1);
	uid = count_of(a.db, "SELECT id FROM users WHERE name = 'mo'");

	/* outside a transaction: refused */
	gate_set_actor(g, uid, "mo", ROLE_MODERATOR);
	CHECK(gate_open(g, SEALED_POST_BODY, pid, body, bn, err) == NULL);
	CHECK(strstr(err, "transaction") != NULL);
	/* a role below the column's: refused, nothing written */
	CHECK(gate_begin(g) == 0);
	gate_set_actor(g, uid + 1, "sam", ROLE_SUPPORTER);
	audits = count_of(a.db, "SELECT count(*) FROM audit");
	CHECK(gate_open(g, SEALED_POST_BODY, pid, body, bn, err) == NULL);
	CHECK(strstr(err, "may not open") != NULL);
	CHECK(count_of(a.db, "SELECT count(*) FROM audit") == audits);
	/* an unknown column: refused */
	CHECK(gate_open(g, (enum sealed_col)99, pid, body, bn, err) == NULL);
	CHECK(gate_open(g, (enum sealed_col)-1, pid, body, bn, err) == NULL);
	/* a moderator: the text, an entry naming the row, an exposure */
	gate_set_actor(g, uid, "mo", ROLE_MODERATOR);
	exposures = count_of(a.db, "SELECT count(*) FROM exposures");
	plain = gate_open(g, SEALED_POST_BODY, pid, body, bn, err);
	CHECK(plain != NULL && strstr(plain, "river") != NULL);
	gate_wipe(plain);
	CHECK(count_of(a.db, "SELECT count(*) FROM audit") == audits + 1);
	CHECK(count_of(a.db, "SELECT count(*) FROM audit WHERE action = "
	    "'sealed.open' AND actor = 'mo' AND target LIKE 'posts.body %'")
	    == 1);
	CHECK(count_of(a.db, "SELECT count(*) FROM exposures") ==
	    exposures + 1);
	/* the labels are sealed too, and open without exposure */
	plain = gate_open(g, SEALED_POST_CW, pid, cw, cn, err);
	CHECK(plain != NULL && strcmp(plain, "grief") == 0);
	gate_wipe(plain);
	CHECK(count_of(a.db, "SELECT count(*) FROM exposures") ==
	    exposures + 1);
	/* a value bound to another row does not open */
	CHECK(gate_open(g, SEALED_POST_BODY, pid + 1, body, bn, err) == NULL);
	CHECK(gate_commit(g) == 0);
	free(body);
	free(cw);
	gate_free(g);
	app_close(&a);
}

void
test_gate_no_write_without_audit(void)
{
	struct app_opts o = { 0 };
	char db[512], err[ERR_MAX];
	struct trail_report rep;
	struct app a;
	struct gate *g;
	int64_t gid;

	snprintf(db, sizeof(db), "%s/w.db", test_tmpdir());
	o.db_path = db;
	CHECK(app_create(&o, &a, err) == 0);
	g = test_gate(&a);
	/* a transaction that changes something and names no entry */
	CHECK(gate_begin(g) == 0);
	CHECK(community_group_add(a.db, "Circle", "", 10, 1, &gid) == 0);
	CHECK(gate_commit(g) == -1);
	CHECK(count_of(a.db, "SELECT count(*) FROM groups") == 0);
	/* nor a single statement outside one */
	CHECK(community_group_add(a.db, "Circle", "", 10, 1, &gid) == -1);
	CHECK(count_of(a.db, "SELECT count(*) FROM groups") == 0);
	/* an entry undone with its nested part does not count */
	CHECK(gate_begin(g) == 0);
	CHECK(community_group_add(a.db, "Circle", "", 10, 1, &gid) == 0);
	CHECK(gate_begin(g) == 0);
	CHECK(gate_audit(g, "group.add", "Circle", "") == 0);
	gate_rollback(g);
	CHECK(gate_commit(g) == -1);
	CHECK(count_of(a.db, "SELECT count(*) FROM groups") == 0);
	/* with its entry it commits, and the trail verifies */
	CHECK(gate_begin(g) == 0);
	CHECK(community_group_add(a.db, "Circle", "", 10, 1, &gid) == 0);
	CHECK(gate_audit(g, "group.add", "Circle", "") == 0);
	CHECK(gate_commit(g) == 0);
	CHECK(count_of(a.db, "SELECT count(*) FROM groups") == 1);
	/* a nested part undone keeps the rest */
	CHECK(gate_begin(g) == 0);
	CHECK(community_group_add(a.db, "Walkers", "", 10, 1, &gid) == 0);
	CHECK(gate_begin(g) == 0);
	CHECK(community_group_add(a.db, "Readers", "", 10, 1, &gid) == 0);
	gate_rollback(g);
	CHECK(gate_audit(g, "group.add", "Walkers", "") == 0);
	CHECK(gate_commit(g) == 0);
	CHECK(count_of(a.db, "SELECT count(*) FROM groups") == 2);
	/* the audit entry itself needs a transaction */
	CHECK(gate_audit(g, "nothing", "", "") == -1);
	CHECK(gate_verify_trail(g, &rep) == 0 && rep.entries == 2);
	gate_free(g);
	app_close(&a);
}

void
test_gate_every_sealed_column(void)
{
	struct app_opts o = { 0 };
	char db[512], err[ERR_MAX];
	struct app a;
	struct stmt q;
	int found = 0, i, col;

	snprintf(db, sizeof(db), "%s/s.db", test_tmpdir());
	o.db_path = db;
	CHECK(app_create(&o, &a, err) == 0);
	/* every *_sealed column of the schema has its row ... */
	CHECK(db_prepare(a.db, &q, "SELECT m.name, p.name FROM sqlite_master "
	    "m JOIN pragma_table_info(m.name) p WHERE m.type = 'table' AND "
	    "p.name LIKE '%\\_sealed' ESCAPE '\\'") == 0);
	while (db_step(&q) == DB_ROW) {
		col = sealed_find(db_col_text(&q, 0), db_col_text(&q, 1));
		if (col < 0)
			fprintf(stderr, "#   %s.%s is not in src/core/sealed.c\n",
			    db_col_text(&q, 0), db_col_text(&q, 1));
		CHECK(col >= 0);
		found++;
	}
	db_finalize(&q);
	/* ... and every row is a column of the schema */
	CHECK(found == SEALED_NCOLS);
	for (i = 0; i < SEALED_NCOLS; i++) {
		const struct sealed_info *si = sealed_info((enum sealed_col)i);
		CHECK(si != NULL && si->table && si->column && si->bound);
		CHECK(strlen(si->column) > 7 && strcmp(si->column +
		    strlen(si->column) - 7, "_sealed") == 0);
		CHECK(si->open_role >= ROLE_SUPPORTER);
		CHECK(si->exposure == 0 || si->kind != NULL);
	}
	app_close(&a);
}
