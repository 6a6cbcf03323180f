/*
** discord.c: DiscordChatExporter's JSON, one file per channel.
**
** The shape accepted (DiscordChatExporter writes "channel" before
** "messages", which is what lets the file stream):
**
**   { "guild": {...},
**     "channel": { "id": "...", "name": "...", "category": "...", ... },
**     "messages": [
**       { "id": "...", "type": "Default",
**         "timestamp": "2023-04-01T12:34:56.789+02:00",
**         "content": "...",
**         "author": { "id": "...", "name": "...", "nickname": "...",
**                     "isBot": false, ... }, ... }, ... ] }
**
** Each message becomes a post in the group of its channel, by its author
** (the nickname when there is one, else the name).  Messages of other
** types than Default and Reply (joins, pins, thread notices), bots'
** messages and messages without text (attachments only) are skipped with
** their reason.
*/
#include "formats.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsplit.h"
#include "../util/util.h"

#define ELEMENT_CAP ((size_t)16 << 20)	/* a message of more is skipped */
#define MEMBER_CAP ((size_t)1 << 20)	/* a bigger "channel" is ignored */

struct discord {
	struct import_emit e;
	struct jsplit *js;
	int have_channel;
	char channel_id[RECORD_ID_MAX + 1];
	char channel_name[160];
};

/* Take the channel's id and name from the "channel" member. */
static void
discord_channel(struct discord *d, const char *data, size_t n)
{
	const char *why, *id, *name;
	char tmp[32];
	json_t *ch;

	ch = record_json_parse(data, n, &why);
	if (ch == NULL)
		return;
	id = record_json_id(json_object_get(ch, "id"), tmp, sizeof(tmp));
	name = record_json_str(ch, "name");
	if (id && strlen(id) <= RECORD_ID_MAX) {
		snprintf(d->channel_id, sizeof(d->channel_id), "%s", id);
		snprintf(d->channel_name, sizeof(d->channel_name), "%s",
		    name && name[0] ? name : id);
		d->have_channel = 1;
	}
	json_decref(ch);
}

/* Is the author of m a bot? */
static int
discord_is_bot(const json_t *author)
{
	return json_is_true(json_object_get(author, "isBot"));
}

/* Turn one message into a record and emit it, or skip it. */
static int
discord_message(struct discord *d, const struct jsplit_item *it, char *err)
{
	char where[RECORD_WHERE_MAX], idtmp[32], atmp[32];
	struct import_record r;
	const char *why = NULL, *type, *ts, *nick;
	json_t *m, *author;
	int rc = 0;

	snprintf(where, sizeof(where), "%s: message %lld", d->e.name,
	    (long long)it->index);
	if (it->data == NULL) {
		d->e.skip(d->e.ctx, where, "longer than 16 MiB");
		return 0;
	}
	if (!d->have_channel) {
		err_set(err, "no \"channel\" object with an id before "
		    "\"messages\": this is not a DiscordChatExporter file");
		return -1;
	}
	m = record_json_parse(it->data, it->len, &why);
	if (m == NULL) {
		d->e.skip(d->e.ctx, where, why);
		return 0;
	}
	memset(&r, 0, sizeof(r));
	author = json_object_get(m, "author");
	type = record_json_str(m, "type");
	ts = record_json_str(m, "timestamp");
	r.id = record_json_id(json_object_get(m, "id"), idtmp, sizeof(idtmp));
	r.body = record_json_str(m, "content");
	if (type && strcmp(type, "Default") != 0 && strcmp(type, "Reply") != 0)
		why = "not a member's message (a system message)";
	else if (r.id == NULL)
		why = "field \"id\" is missing";
	else if (!json_is_object(author))
		why = "field \"author\" is missing";
	else if (discord_is_bot(author))
		why = "a bot's message";
	else if (ts == NULL)
		why = "field \"timestamp\" is missing";
	else if (record_time_rfc3339(ts, &r.time) != 0)
		why = "field \"timestamp\" is not a time";
	else if (r.body == NULL)
		why = "field \"content\" is missing";
	if (why) {
		d->e.skip(d->e.ctx, where, why);
		goto cleanup;
	}
	r.author_id = record_json_id(json_object_get(author, "id"), atmp,
	    sizeof(atmp));
	nick = record_json_str(author, "nickname");
	r.author = nick && nick[0] ? nick : record_json_str(author, "name");
	if (r.author_id == NULL)
		r.author_id = r.author;
	if (r.author_id == NULL) {
		d->e.skip(d->e.ctx, where, "the author has no id or name");
		goto cleanup;
	}
	r.group_id = d->channel_id;
	r.group = d->channel_name;
	rc = record_emit(&d->e, &r, where, err);
cleanup:
	json_decref(m);
	return rc;
}

/* The splitter's callback: the channel, then each message. */
static int
discord_item(void *ctx, const struct jsplit_item *it, char *err)
{
	struct discord *d = ctx;

	if (it->kind == JSPLIT_MEMBER) {
		if (strcmp(it->key, "channel") == 0 && it->data)
			discord_channel(d, it->data, it->len);
		return 0;
	}
	return discord_message(d, it, err);
}

/* Start reading a DiscordChatExporter file. */
static void *
discord_open(const struct import_emit *e, char *err)
{
	static const char *const paths[] = { "messages" };
	struct discord *d = calloc(1, sizeof(*d));

	if (d == NULL ||
	    (d->js = jsplit_new(paths, 1, ELEMENT_CAP, MEMBER_CAP,
	    discord_item, d)) == NULL) {
		free(d);
		err_set(err, "out of memory");
		return NULL;
	}
	d->e = *e;
	return d;
}

/* The next bytes of the file. */
static int
discord_feed(void *p, const char *data, size_t n, char *err)
{
	struct discord *d = p;

	return jsplit_feed(d->js, data, n, err);
}

/* The end of the file: it must have been whole, with a messages array. */
static int
discord_end(void *p, char *err)
{
	struct discord *d = p;

	if (jsplit_end(d->js, err) != 0)
		return -1;
	if (jsplit_arrays(d->js) == 0) {
		err_set(err, "no \"messages\" array: this is not a "
		    "DiscordChatExporter JSON file");
		return -1;
	}
	return 0;
}

static void
discord_free(void *p)
{
	struct discord *d = p;

	if (d == NULL)
		return;
	jsplit_free(d->js);
	free(d);
}

const struct import_format discord_format = {
	"discord", discord_open, discord_feed, discord_end, discord_free
};
