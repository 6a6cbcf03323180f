/*
** discourse.c: posts from a Discourse forum, in the JSON its API
** answers (app/serializers/post_serializer.rb and basic_post_serializer.rb
** in discourse/discourse).  Any of these shapes is accepted, and the
** posts array streams, however long:
**
**   /posts.json          { "latest_posts": [ POST, ... ] }
**   /t/ID.json, /t/ID/posts.json
**                        { "post_stream": { "posts": [ POST, ... ] }, ... }
**   a list of posts      { "posts": [ POST, ... ] }  or  [ POST, ... ]
**
** where POST is
**
**   { "id": 123, "username": "...", "user_id": 45,
**     "created_at": "2023-04-01T12:34:56.789Z",
**     "raw": "markdown source"      (posts.json sends it; preferred)
**     "cooked": "<p>HTML</p>"       (else its text, tags stripped)
**     "topic_id": 9, "topic_slug": "...", "topic_title": "...",
**     "category_id": 4, "post_type": 1, "deleted_at": null, ... }
**
** The author is the username (never the "name", which is often a real
** name); the member's id is user_id when present.  The group is the
** category when the post names one ("category_id", named by a
** "category" or "category_name" string if the export adds one, else
** "category N"), otherwise the topic (named by topic_title, then
** topic_slug).  Moderator actions and small actions (post_type 2 and 3)
** and deleted posts are skipped with their reason.
*/
#include "formats.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsplit.h"
#include "../util/util.h"

#define ELEMENT_CAP ((size_t)16 << 20)	/* a post of more is skipped */

struct discourse {
	struct import_emit e;
	struct jsplit *js;
};

/* Fill the record's group from the post's category or topic. */
static void
discourse_group(const json_t *p, struct import_record *r, char *gid,
    size_t gn, char *gname, size_t nn)
{
	const json_t *cat = json_object_get(p, "category_id");
	const json_t *topic = json_object_get(p, "topic_id");
	const char *name;

	if (json_is_integer(cat)) {
		snprintf(gid, gn, "category:%lld",
		    (long long)json_integer_value(cat));
		name = record_json_str(p, "category");
		if (name == NULL || name[0] == '\0')
			name = record_json_str(p, "category_name");
		if (name && name[0])
			snprintf(gname, nn, "%s", name);
		else
			snprintf(gname, nn, "category %lld",
			    (long long)json_integer_value(cat));
	} else if (json_is_integer(topic)) {
		snprintf(gid, gn, "topic:%lld",
		    (long long)json_integer_value(topic));
		name = record_json_str(p, "topic_title");
		if (name == NULL || name[0] == '\0')
			name = record_json_str(p, "topic_slug");
		if (name && name[0])
			snprintf(gname, nn, "%s", name);
		else
			snprintf(gname, nn, "topic %lld",
			    (long long)json_integer_value(topic));
	} else {
		snprintf(gid, gn, "forum");
		snprintf(gname, nn, "discourse");
	}
	r->group_id = gid;
	r->group = gname;
}

/* Turn one post into a record and emit it, or skip it. */
static int
discourse_post(struct discourse *d, const struct jsplit_item *it, char *err)
{
	char where[RECORD_WHERE_MAX], idtmp[32], utmp[32], gid[48];
	char gname[160];
	struct import_record r;
	const char *why = NULL, *ts, *raw, *cooked;
	const json_t *type, *deleted;
	char *text = NULL;
	json_t *p;
	int rc = 0;

	snprintf(where, sizeof(where), "%s: post %lld", d->e.name,
	    (long long)it->index);
	if (it->data == NULL) {
		d->e.skip(d->e.ctx, where, "longer than 16 MiB");
		return 0;
	}
	p = record_json_parse(it->data, it->len, &why);
	if (p == NULL) {
		d->e.skip(d->e.ctx, where, why);
		return 0;
	}
	memset(&r, 0, sizeof(r));
	type = json_object_get(p, "post_type");
	deleted = json_object_get(p, "deleted_at");
	ts = record_json_str(p, "created_at");
	raw = record_json_str(p, "raw");
	cooked = record_json_str(p, "cooked");
	r.id = record_json_id(json_object_get(p, "id"), idtmp, sizeof(idtmp));
	r.author = record_json_str(p, "username");
	r.author_id = json_is_integer(json_object_get(p, "user_id")) ?
	    record_json_id(json_object_get(p, "user_id"), utmp, sizeof(utmp)) :
	    r.author;
	if (json_is_integer(type) && (json_integer_value(type) == 2 ||
	    json_integer_value(type) == 3))
		why = "not a member's post (a moderator or small action)";
	else if (deleted && !json_is_null(deleted))
		why = "deleted in the source";
	else if (r.id == NULL)
		why = "field \"id\" is missing";
	else if (r.author == NULL || r.author[0] == '\0')
		why = "field \"username\" is missing";
	else if (ts == NULL)
		why = "field \"created_at\" is missing";
	else if (record_time_rfc3339(ts, &r.time) != 0)
		why = "field \"created_at\" is not a time";
	else if (raw == NULL && cooked == NULL)
		why = "it has neither \"raw\" nor \"cooked\" text";
	if (why == NULL && raw == NULL && record_html_text(cooked,
	    strlen(cooked), &text) != 0)
		why = "the text is longer than 1 MiB";
	if (why) {
		d->e.skip(d->e.ctx, where, why);
		goto cleanup;
	}
	r.body = raw ? raw : text;
	discourse_group(p, &r, gid, sizeof(gid), gname, sizeof(gname));
	rc = record_emit(&d->e, &r, where, err);
cleanup:
	free(text);
	json_decref(p);
	return rc;
}

/* The splitter's callback: each post. */
static int
discourse_item(void *ctx, const struct jsplit_item *it, char *err)
{
	if (it->kind != JSPLIT_ELEMENT)
		return 0;
	return discourse_post(ctx, it, err);
}

/* Start reading a Discourse export. */
static void *
discourse_open(const struct import_emit *e, char *err)
{
	static const char *const paths[] = { "latest_posts",
	    "post_stream.posts", "posts", "" };
	struct discourse *d = calloc(1, sizeof(*d));

	if (d == NULL || (d->js = jsplit_new(paths, 4, ELEMENT_CAP, 0,
	    discourse_item, d)) == NULL) {
		free(d);
		err_set(err, "out of memory");
		return NULL;
	}
	d->e = *e;
	return d;
}

/* The next bytes of the file. */
static int
discourse_feed(void *p, const char *data, size_t n, char *err)
{
	struct discourse *d = p;

	return jsplit_feed(d->js, data, n, err);
}

/* The end of the file: it must have been whole, with a posts array. */
static int
discourse_end(void *p, char *err)
{
	struct discourse *d = p;

	if (jsplit_end(d->js, err) != 0)
		return -1;
	if (jsplit_arrays(d->js) == 0) {
		err_set(err, "no \"latest_posts\", \"post_stream\".\"posts\" "
		    "or \"posts\" array: this is not a Discourse export");
		return -1;
	}
	return 0;
}

static void
discourse_free(void *p)
{
	struct discourse *d = p;

	if (d == NULL)
		return;
	jsplit_free(d->js);
	free(d);
}

const struct import_format discourse_format = {
	"discourse", discourse_open, discourse_feed, discourse_end,
	discourse_free
};
