/*
** jsonl.c: plain JSON Lines, sanctum's own simple format, for anything
** another tool can write:
**
**   { "id": "p1", "group": "evening circle", "author": "river",
**     "time": "2023-04-01T12:34:56+02:00", "body": "..." }
**
** id (string or integer), group, author, time (RFC 3339 with an offset)
** and body are required; "group_id" and "author_id" may give stable ids
** when names can change (the names are the ids otherwise).
*/
#include "formats.h"

#include <stdio.h>
#include <string.h>

#include "ndjson.h"

/* Make a record of one line's object and emit it, or skip it. */
static int
jsonl_object(const struct import_emit *e, const json_t *o,
    const char *where, char *err)
{
	static const char *const need[] = { "group", "author", "time",
	    "body" };
	char idtmp[32], gtmp[32], atmp[32], why[64];
	struct import_record r;
	const char *t;
	size_t i;

	memset(&r, 0, sizeof(r));
	r.id = record_json_id(json_object_get(o, "id"), idtmp, sizeof(idtmp));
	if (r.id == NULL) {
		e->skip(e->ctx, where, "field \"id\" is missing");
		return 0;
	}
	for (i = 0; i < sizeof(need) / sizeof(need[0]); i++) {
		if (record_json_str(o, need[i]) == NULL) {
			snprintf(why, sizeof(why), "field \"%s\" is missing",
			    need[i]);
			e->skip(e->ctx, where, why);
			return 0;
		}
	}
	t = record_json_str(o, "time");
	if (record_time_rfc3339(t, &r.time) != 0) {
		e->skip(e->ctx, where, "field \"time\" is not an RFC 3339 time");
		return 0;
	}
	r.group = record_json_str(o, "group");
	r.author = record_json_str(o, "author");
	r.body = record_json_str(o, "body");
	r.group_id = record_json_id(json_object_get(o, "group_id"), gtmp,
	    sizeof(gtmp));
	r.author_id = record_json_id(json_object_get(o, "author_id"), atmp,
	    sizeof(atmp));
	if (r.group_id == NULL)
		r.group_id = r.group;
	if (r.author_id == NULL)
		r.author_id = r.author;
	return record_emit(e, &r, where, err);
}

/* Start reading JSON Lines. */
static void *
jsonl_open(const struct import_emit *e, char *err)
{
	return ndjson_open(e, jsonl_object, "a JSON Lines file", err);
}

const struct import_format jsonl_format = {
	"jsonl", jsonl_open, ndjson_feed, ndjson_end, ndjson_free
};
