/*
** bad_example.c: what tools/codecheck must reject (never compiled).  The
** lint test expects exactly the five problems below.
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
}
