/*
** slack.c: a Slack workspace export, the .zip Slack's admins download,
** read with libarchive as a stream, entry by entry.  What it holds:
**
**   users.json       [ { "id": "U024BE7LH", "name": "...",
**                        "profile": { "display_name": "..." }, ... } ]
**   channels.json    [ { "id": "C024BE91L", "name": "general", ... } ]
**   groups.json      the same, for private channels (when exported)
**   CHANNEL/YYYY-MM-DD.json
**                    [ { "type": "message", "user": "U024BE7LH",
**                        "text": "...", "ts": "1510000000.000100",
**                        "subtype": ..., "client_msg_id": ... }, ... ]
**
** (also when all of it sits in one folder, as a zip re-made by hand
** does).  users.json may come after the channels' files, so the archive
** is read twice: first only users.json and channels.json, to map user ids
** to names and channel names to ids; then every day's file.  Every file
** is streamed through the JSON splitter, one element at a time, so memory
** is bounded by the two maps, not by the archive.
**
** A message's id is CHANNEL_ID/ts (ts is unique within a channel).  Its
** author is the user's display name, else their name (never the real
** name).  Messages with a subtype (joins, topic changes, bots) are skipped,
** except thread broadcasts, file shares and /me messages; Slack's &amp;
** &lt; &gt; are turned back into & < >.
*/
#include "formats.h"

#include <archive.h>
#include <archive_entry.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsplit.h"
#include "../util/buf.h"
#include "../util/util.h"

#define NAMES_MAX 1000000	/* users or channels kept in a map */
#define ELEMENT_CAP ((size_t)16 << 20)	/* a message of more is skipped */
#define BLOCK 65536

struct slack_src {
	const char *path;	/* a file, or */
	const void *data;	/* the archive in memory */
	size_t n;
};

struct slack {
	struct import_emit e;
	json_t *users;		/* user id -> name */
	json_t *channels;	/* channel name -> id */
	int lists;		/* users.json or channels.json seen */
	int64_t days;		/* day files read */
	char entry[128];	/* the day file's name, printable */
	char channel[128];	/* its folder: the channel's name */
	const char *channel_id;
	char *block;
};

/* Open the archive for one pass.  Returns it or NULL (err filled). */
static struct archive *
slack_open(const struct slack_src *src, char *err)
{
	struct archive *a = archive_read_new();
	int rc;

	if (a == NULL) {
		err_set(err, "out of memory");
		return NULL;
	}
	archive_read_support_format_zip(a);
	if (src->path)
		rc = archive_read_open_filename(a, src->path, BLOCK);
	else
		rc = archive_read_open_memory(a, src->data, src->n);
	if (rc != ARCHIVE_OK) {
		err_set(err, "not a zip archive: %s", archive_error_string(a) ?
		    archive_error_string(a) : "unreadable");
		archive_read_free(a);
		return NULL;
	}
	return a;
}

/* The next entry's name (UTF-8), or NULL at the end; *rc says which end
** (ARCHIVE_EOF, or an error). */
static const char *
slack_next(struct archive *a, int *rc)
{
	struct archive_entry *ent;
	const char *name;

	for (;;) {
		*rc = archive_read_next_header(a, &ent);
		if (*rc == ARCHIVE_WARN)
			*rc = ARCHIVE_OK;
		if (*rc != ARCHIVE_OK)
			return NULL;
		if (archive_entry_filetype(ent) != AE_IFREG)
			continue;
		name = archive_entry_pathname_utf8(ent);
		if (name == NULL)
			name = archive_entry_pathname(ent);
		if (name)
			return name;
	}
}

/* The last part of a path. */
static const char *
slack_base(const char *name)
{
	const char *s = strrchr(name, '/');

	return s ? s + 1 : name;
}

/* How many folders deep is name? */
static int
slack_depth(const char *name)
{
	int n = 0;

	for (; *name; name++)
		n += *name == '/';
	return n;
}

/* Is name CHANNEL/YYYY-MM-DD.json (perhaps inside one more folder)?
** Copies the channel's name to s->channel when it is. */
static int
slack_day_file(struct slack *s, const char *name)
{
	const char *base = slack_base(name), *dir;
	size_t i, n;
	int depth = slack_depth(name);

	if (depth < 1 || depth > 2 || strlen(base) != 15 ||
	    strcmp(base + 10, ".json") != 0)
		return 0;
	for (i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? base[i] != '-' :
		    (base[i] < '0' || base[i] > '9'))
			return 0;
	for (dir = base - 1; dir > name && dir[-1] != '/'; dir--)
		;
	n = (size_t)(base - 1 - dir);
	if (n == 0 || n >= sizeof(s->channel))
		return 0;
	memcpy(s->channel, dir, n);
	s->channel[n] = '\0';
	return 1;
}

/* Copy name to s->entry with anything unprintable replaced, so a
** position never carries control characters to a terminal. */
static void
slack_entry_name(struct slack *s, const char *name)
{
	size_t i;

	for (i = 0; name[i] && i + 1 < sizeof(s->entry); i++)
		s->entry[i] = name[i] >= 0x20 && name[i] < 0x7f ? name[i] : '?';
	s->entry[i] = '\0';
}

/* The splitter's callback for users.json: map each user's id to the
** name they go by (the display name, else the name; never the real
** name).  A user that is not an object is passed over. */
static int
slack_user(void *ctx, const struct jsplit_item *it, char *err)
{
	struct slack *s = ctx;
	const char *why, *id, *name;
	json_t *u;

	(void)err;
	if (it->data == NULL || json_object_size(s->users) >= NAMES_MAX ||
	    (u = record_json_parse(it->data, it->len, &why)) == NULL)
		return 0;
	id = record_json_str(u, "id");
	name = record_json_str(json_object_get(u, "profile"), "display_name");
	if (name == NULL || name[0] == '\0')
		name = record_json_str(u, "name");
	if (id && id[0] && name && name[0])
		json_object_set_new(s->users, id, json_string(name));
	json_decref(u);
	return 0;
}

/* The splitter's callback for channels.json and groups.json: map each
** channel's name to its id. */
static int
slack_channel(void *ctx, const struct jsplit_item *it, char *err)
{
	struct slack *s = ctx;
	const char *why, *id, *name;
	json_t *c;

	(void)err;
	if (it->data == NULL || json_object_size(s->channels) >= NAMES_MAX ||
	    (c = record_json_parse(it->data, it->len, &why)) == NULL)
		return 0;
	id = record_json_str(c, "id");
	name = record_json_str(c, "name");
	if (id && id[0] && name && name[0])
		json_object_set_new(s->channels, name, json_string(id));
	json_decref(c);
	return 0;
}

/* Stream the current entry, which must be a JSON list, through the
** splitter, handing each element to fn; show progress when asked.
** Returns 0 or -1 (err filled, naming the entry). */
static int
slack_stream(struct slack *s, struct archive *a, jsplit_fn fn,
    int progress, char *err)
{
	static const char *const top[] = { "" };
	char why[ERR_MAX];
	struct jsplit *js;
	la_ssize_t r;
	int rc = 0;

	js = jsplit_new(top, 1, ELEMENT_CAP, 0, fn, s);
	if (js == NULL) {
		err_set(err, "out of memory");
		return -1;
	}
	why[0] = '\0';
	while (rc == 0 && (r = archive_read_data(a, s->block, BLOCK)) > 0) {
		rc = jsplit_feed(js, s->block, (size_t)r, why);
		if (progress && s->e.progress)
			s->e.progress(s->e.ctx,
			    (uint64_t)archive_filter_bytes(a, -1));
	}
	if (rc == 0 && r < 0) {
		err_set(err, "the zip archive is broken: %s",
		    archive_error_string(a) ? archive_error_string(a) : "?");
		rc = -1;
	} else if (rc == 0 && jsplit_end(js, why) != 0) {
		rc = -1;
	} else if (rc == 0 && jsplit_arrays(js) == 0) {
		err_set(why, "not a JSON list: this is not a Slack export");
		rc = -1;
	}
	if (rc != 0 && why[0])
		err_set(err, "%s: %s", s->entry, why);
	jsplit_free(js);
	return rc;
}

/* The first pass: users.json, channels.json and groups.json only.
** Returns 0 or -1 (err filled). */
static int
slack_pass_lists(struct slack *s, const struct slack_src *src, char *err)
{
	struct archive *a;
	const char *name, *base;
	int rc, user;

	if ((a = slack_open(src, err)) == NULL)
		return -1;
	while ((name = slack_next(a, &rc)) != NULL) {
		base = slack_base(name);
		if (slack_depth(name) > 1)
			continue;
		user = strcmp(base, "users.json") == 0;
		if (!user && strcmp(base, "channels.json") != 0 &&
		    strcmp(base, "groups.json") != 0)
			continue;
		slack_entry_name(s, name);
		if (slack_stream(s, a, user ? slack_user : slack_channel, 0,
		    err) != 0) {
			archive_read_free(a);
			return -1;
		}
		s->lists++;
	}
	if (rc != ARCHIVE_EOF) {
		err_set(err, "the zip archive is broken: %s",
		    archive_error_string(a) ? archive_error_string(a) : "?");
		archive_read_free(a);
		return -1;
	}
	archive_read_free(a);
	return 0;
}

/* Is a message of this subtype something a member wrote? */
static int
slack_member_subtype(const char *st)
{
	return st == NULL || strcmp(st, "thread_broadcast") == 0 ||
	    strcmp(st, "file_share") == 0 || strcmp(st, "me_message") == 0;
}

/* Copy Slack's text to b, turning &amp; &lt; &gt; back into & < >.
** Returns 0 or -1 (too long). */
static int
slack_text(struct buf *b, const char *t)
{
	static const struct { const char *ent; char c; } ents[] = {
		{ "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' } };
	const char *amp;
	size_t i, n;

	while ((amp = strchr(t, '&')) != NULL) {
		buf_append(b, t, (size_t)(amp - t));
		for (i = 0; i < 3; i++) {
			n = strlen(ents[i].ent);
			if (strncmp(amp, ents[i].ent, n) == 0)
				break;
		}
		if (i < 3) {
			buf_putc(b, ents[i].c);
			t = amp + n;
		} else {
			buf_putc(b, '&');
			t = amp + 1;
		}
	}
	buf_puts(b, t);
	return b->failed ? -1 : 0;
}

/* Turn one message into a record and emit it, or skip it. */
static int
slack_message(struct slack *s, const struct jsplit_item *it, char *err)
{
	char where[RECORD_WHERE_MAX], id[RECORD_ID_MAX * 2];
	const char *why = NULL, *type, *user, *text, *ts, *name;
	struct import_record r;
	const json_t *prof;
	struct buf body;
	json_t *m;
	int rc = 0;

	snprintf(where, sizeof(where), "%s: %s: message %lld", s->e.name,
	    s->entry, (long long)it->index);
	if (it->data == NULL) {
		s->e.skip(s->e.ctx, where, "longer than 16 MiB");
		return 0;
	}
	m = record_json_parse(it->data, it->len, &why);
	if (m == NULL) {
		s->e.skip(s->e.ctx, where, why);
		return 0;
	}
	buf_init(&body, RECORD_BODY_MAX + 1);
	memset(&r, 0, sizeof(r));
	type = record_json_str(m, "type");
	user = record_json_str(m, "user");
	text = record_json_str(m, "text");
	ts = record_json_str(m, "ts");
	if (type == NULL || strcmp(type, "message") != 0)
		why = "not a message";
	else if (!slack_member_subtype(record_json_str(m, "subtype")))
		why = "not a member's message (a system or bot message)";
	else if (user == NULL || user[0] == '\0')
		why = "field \"user\" is missing";
	else if (text == NULL)
		why = "field \"text\" is missing";
	else if (ts == NULL)
		why = "field \"ts\" is missing";
	else if (record_time_epoch(ts, &r.time) != 0)
		why = "field \"ts\" is not a time";
	else if (slack_text(&body, text) != 0)
		why = "the text is longer than 1 MiB";
	if (why) {
		s->e.skip(s->e.ctx, where, why);
		goto cleanup;
	}
	name = json_string_value(json_object_get(s->users, user));
	prof = json_object_get(m, "user_profile");
	if (name == NULL)
		name = record_json_str(prof, "display_name");
	if (name == NULL || name[0] == '\0')
		name = record_json_str(prof, "name");
	snprintf(id, sizeof(id), "%s/%s", s->channel_id, ts);
	r.id = id;
	r.author_id = user;
	r.author = name && name[0] ? name : user;
	r.group_id = s->channel_id;
	r.group = s->channel;
	r.body = body.data;
	rc = record_emit(&s->e, &r, where, err);
cleanup:
	buf_free(&body);
	json_decref(m);
	return rc;
}

/* The splitter's callback: each message of a day's file. */
static int
slack_item(void *ctx, const struct jsplit_item *it, char *err)
{
	if (it->kind != JSPLIT_ELEMENT)
		return 0;
	return slack_message(ctx, it, err);
}

/* The second pass: every day's file.  Returns 0 or -1 (err filled). */
static int
slack_pass_days(struct slack *s, const struct slack_src *src, char *err)
{
	struct archive *a;
	const char *name;
	int rc;

	if ((a = slack_open(src, err)) == NULL)
		return -1;
	while ((name = slack_next(a, &rc)) != NULL) {
		if (!slack_day_file(s, name))
			continue;
		slack_entry_name(s, name);
		s->channel_id = json_string_value(json_object_get(s->channels,
		    s->channel));
		if (s->channel_id == NULL)
			s->channel_id = s->channel;
		s->days++;
		if (slack_stream(s, a, slack_item, 1, err) != 0) {
			archive_read_free(a);
			return -1;
		}
	}
	if (rc != ARCHIVE_EOF) {
		err_set(err, "the zip archive is broken: %s",
		    archive_error_string(a) ? archive_error_string(a) : "?");
		archive_read_free(a);
		return -1;
	}
	archive_read_free(a);
	return 0;
}

/* Read a Slack export from src, emitting each message to e.  Returns 0,
** or -1 when the archive is broken, not a Slack export, or e stopped
** (err filled). */
static int
slack_read(const struct slack_src *src, const struct import_emit *e,
    char *err)
{
	struct slack s;
	int rc = -1;

	memset(&s, 0, sizeof(s));
	s.e = *e;
	s.users = json_object();
	s.channels = json_object();
	s.block = malloc(BLOCK);
	if (s.users == NULL || s.channels == NULL || s.block == NULL) {
		err_set(err, "out of memory");
		goto cleanup;
	}
	if (slack_pass_lists(&s, src, err) != 0 ||
	    slack_pass_days(&s, src, err) != 0)
		goto cleanup;
	if (s.lists == 0 && s.days == 0) {
		err_set(err, "no users.json, channels.json or CHANNEL/"
		    "YYYY-MM-DD.json in the archive: this is not a Slack "
		    "export");
		goto cleanup;
	}
	rc = 0;
cleanup:
	json_decref(s.users);
	json_decref(s.channels);
	free(s.block);
	return rc;
}

/* Read the Slack export in the zip file at path.  See slack_read. */
int
slack_read_file(const char *path, const struct import_emit *e, char *err)
{
	struct slack_src src = { path, NULL, 0 };

	return slack_read(&src, e, err);
}

/* Read a Slack export from a zip archive in memory (the fuzzer's way in).
** See slack_read. */
int
slack_read_memory(const void *data, size_t n, const struct import_emit *e,
    char *err)
{
	struct slack_src src = { NULL, data, n };

	return slack_read(&src, e, err);
}
