/*
** bad_example.c: what tools/codecheck must reject (never compiled).  The
** lint test expects exactly the nine problems below.
*/
#include <sodium.h>

void
bad(struct db *db, struct stmt *q, struct req *r, const char *name)
{
	char sql[100];

	snprintf(sql, sizeof(sql), "SELECT * FROM users WHERE name='%s'", name);
	db_prepare(db, q, sql);
	html_printf(&r->out, name);
	buf_printf(&r->out, "<p>%s</p>", name);
	sqlite3_exec(db, "DELETE FROM audit", 0, 0, 0);
	db_prepare(db, q, "SELECT 1 FROM users WHERE name = :n");
	html_printf(&r->out, "<p>%s</p>", name);
	seal_open_text(r->kr, "posts", "body", 1, sql, 100);
	trail_append(db, r->kr, 0, "me", "nothing", "", "");
	gate_open_for_index(r->gate, 1, sql, 100);
}

static const struct keyring *kept;
