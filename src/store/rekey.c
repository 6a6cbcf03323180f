/*
** rekey.c: walking a sealed column for a key rotation.  See rekey.h.
**
** The only SQL in sanctum built from names: the names come from the
** sealed-column table, and are checked to be plain lower-case identifiers
** before they are put in a statement.
*/
#include "rekey.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"

/* Is s a plain identifier ([a-z_]+)?  Returns 1 or 0. */
static int
plain_name(const char *s)
{
	if (*s == '\0' || strlen(s) > 64)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || *s == '_'))
			return 0;
	return 1;
}

/* For up to limit rows of table after row `after` (by rowid) whose column
** holds a value, call each with it; when each hands back a new value
** (*out), write it in place of the old one, unless the row changed since
** it was read.  Sets *last to the last row seen (0 when there were none).
** Returns 0, or -1 on a store error or when each fails. */
int
rekey_rows(struct db *db, const char *table, const char *column,
    int64_t after, int limit,
    int (*each)(void *arg, int64_t row, const void *v, size_t n,
    uint8_t **out, size_t *outn), void *arg, int64_t *last)
{
	char sel[256], upd[256];
	struct stmt q, u;
	const void *v;
	uint8_t *out;
	size_t n, outn;
	int64_t row;
	int rc, bad = 0;

	*last = 0;
	if (!plain_name(table) || !plain_name(column))
		return -1;
	snprintf(sel, sizeof(sel), "SELECT rowid, %s FROM %s WHERE rowid > "
	    ":after AND %s IS NOT NULL ORDER BY rowid LIMIT :limit", column,
	    table, column);
	snprintf(upd, sizeof(upd), "UPDATE %s SET %s = :new WHERE rowid = "
	    ":row AND %s = :old", table, column, column);
	if (db_prepare_built(db, &q, sel) != 0)
		return -1;
	if (db_prepare_built(db, &u, upd) != 0) {
		db_finalize(&q);
		return -1;
	}
	db_bind_int(&q, ":after", after);
	db_bind_int(&q, ":limit", limit);
	while (!bad && (rc = db_step(&q)) == DB_ROW) {
		row = db_col_int(&q, 0);
		v = db_col_blob(&q, 1, &n);
		*last = row;
		out = NULL;
		if (each(arg, row, v, n, &out, &outn) != 0) {
			bad = 1;
			break;
		}
		if (out == NULL)
			continue;
		db_bind_blob(&u, ":new", out, outn);
		db_bind_int(&u, ":row", row);
		db_bind_blob(&u, ":old", v, n);
		if (db_step(&u) != DB_DONE)
			bad = 1;
		db_reset(&u);
		free(out);
	}
	db_finalize(&u);
	db_finalize(&q);
	return bad || rc < 0 ? -1 : 0;
}
