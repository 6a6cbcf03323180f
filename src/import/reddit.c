/*
** reddit.c: Reddit comments and submissions, one JSON object a line, as
** the Reddit API's "data" objects and Pushshift dumps (decompressed, or
** compressed: import.c reads .zst, .gz and .xz through libarchive) give
** them:
**
**   comment     { "id": "abc12", "author": "...", "subreddit": "...",
**                 "created_utc": 1510000000 (or "1510000000"),
**                 "body": "...", ... }
**   submission  { "id": "xyz9", "author": "...", "subreddit": "...",
**                 "created_utc": ..., "title": "...", "selftext": "...",
**                 ... }
**
** A line with a "title" is a submission, whose body is the title, then
** an empty line, then the selftext (the title alone for a link).  Ids are
** kept as Reddit's fullnames (t1_ for comments, t3_ for submissions), so
** a comment and a submission with the same short id stay apart.  The
** group is the subreddit; the author's name is its id too.  Bodies that
** are "[deleted]" or "[removed]" are gone from the source and skipped.
*/
#include "formats.h"

#include <stdio.h>
#include <string.h>

#include "ndjson.h"
#include "../util/buf.h"

/* Was this text deleted or removed in the source? */
static int
reddit_gone(const char *s)
{
	return s && (strcmp(s, "[deleted]") == 0 ||
	    strcmp(s, "[removed]") == 0);
}

/* Make a record of one comment or submission and emit it, or skip it. */
static int
reddit_object(const struct import_emit *e, const json_t *o,
    const char *where, char *err)
{
	char idtmp[32], full[RECORD_ID_MAX + 8];
	const char *why = NULL, *id, *title, *self, *prefix;
	struct import_record r;
	struct buf body;
	int rc = 0;

	memset(&r, 0, sizeof(r));
	buf_init(&body, RECORD_BODY_MAX + 1);
	id = record_json_id(json_object_get(o, "id"), idtmp, sizeof(idtmp));
	title = record_json_str(o, "title");
	self = record_json_str(o, "selftext");
	r.author = r.author_id = record_json_str(o, "author");
	r.group = r.group_id = record_json_str(o, "subreddit");
	if (title) {
		prefix = "t3_";
		if (reddit_gone(self))
			why = "deleted or removed in the source";
		else if (buf_puts(&body, title) != 0 || (self && self[0] &&
		    buf_printf(&body, "\n\n%s", self) != 0))
			why = "the text is longer than 1 MiB";
	} else {
		prefix = "t1_";
		self = record_json_str(o, "body");
		if (self == NULL)
			why = "neither field \"body\" nor \"title\" is there";
		else if (reddit_gone(self))
			why = "deleted or removed in the source";
		else if (buf_puts(&body, self) != 0)
			why = "the text is longer than 1 MiB";
	}
	if (why)
		;
	else if (id == NULL)
		why = "field \"id\" is missing";
	else if (r.author == NULL || r.author[0] == '\0')
		why = "field \"author\" is missing";
	else if (r.group == NULL || r.group[0] == '\0')
		why = "field \"subreddit\" is missing";
	else if (json_object_get(o, "created_utc") == NULL)
		why = "field \"created_utc\" is missing";
	else if (record_time_json(json_object_get(o, "created_utc"),
	    &r.time) != 0)
		why = "field \"created_utc\" is not a time";
	if (why) {
		e->skip(e->ctx, where, why);
		goto cleanup;
	}
	if (strncmp(id, prefix, 3) == 0)
		prefix = "";
	snprintf(full, sizeof(full), "%s%s", prefix, id);
	r.id = full;
	r.body = body.data;
	rc = record_emit(e, &r, where, err);
cleanup:
	buf_free(&body);
	return rc;
}

/* Start reading Reddit NDJSON. */
static void *
reddit_open(const struct import_emit *e, char *err)
{
	return ndjson_open(e, reddit_object, "Reddit NDJSON", err);
}

const struct import_format reddit_format = {
	"reddit", reddit_open, ndjson_feed, ndjson_end, ndjson_free
};
