/*
** outreach.c: the messages of step 2, their lint, sending them in the app
** or over SMTP, members' answers, the resources of step 3, and `sanctum
** incident draft|send` and `sanctum resources ...`.  See outreach.h.
*/
#include "outreach.h"

#include <ctype.h>
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../cli.h"
#include "../core/gate.h"
#include "../store/community.h"
#include "../store/db.h"
#include "../store/response.h"
#include "../util/buf.h"
#include "../util/mail.h"
#include "../util/util.h"
#include "incident.h"

/* The lint. */

static const char *const blaming[] = {
	"your fault", "you should have", "you shouldn't have",
	"you should not have", "why did you", "careless", "you chose to",
	"you were warned", "blame you", "you brought", "your own fault",
	"you posted it"
};
static const char *const minimising[] = {
	"not a big deal", "no big deal", "don't worry", "only a few people",
	"just a screenshot", "calm down", "overreact", "could be worse",
	"it's fine", "nothing to worry", "get over it", "move on", "at least "
	"it", "not that bad"
};

static void
lower(const char *s, char *out, size_t cap)
{
	size_t i;

	for (i = 0; s[i] && i + 1 < cap; i++) {
		/* a curly apostrophe reads as a plain one */
		if ((unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] ==
		    0x80 && ((unsigned char)s[i + 2] == 0x98 ||
		    (unsigned char)s[i + 2] == 0x99)) {
			out[i] = '\'';
			out[i + 1] = out[i + 2] = ' ';
			if (i + 3 >= cap)
				break;
			i += 2;
			continue;
		}
		out[i] = (char)tolower((unsigned char)s[i]);
	}
	out[i] = '\0';
}

static void
problem(struct outreach_lint *l, const char *what, const char *words)
{
	if (l->n < OUTREACH_LINT_MAX)
		snprintf(l->problem[l->n++], sizeof(l->problem[0]), "%s: \"%s\"",
		    what, words);
}

/* Check a draft's words: no blame, no minimising, and at least one of
** the support resources given (their names or how to reach them). */
void
outreach_lint_text(const char *text, const char *const *resources,
    size_t nresources, struct outreach_lint *out)
{
	char *t = malloc(strlen(text) + 1), *r;
	size_t i;
	int found = 0;

	memset(out, 0, sizeof(*out));
	if (t == NULL) {
		problem(out, "it could not be checked", "out of memory");
		return;
	}
	lower(text, t, strlen(text) + 1);
	for (i = 0; i < sizeof(blaming) / sizeof(blaming[0]); i++)
		if (strstr(t, blaming[i]))
			problem(out, "it blames", blaming[i]);
	for (i = 0; i < sizeof(minimising) / sizeof(minimising[0]); i++)
		if (strstr(t, minimising[i]))
			problem(out, "it minimises", minimising[i]);
	for (i = 0; i < nresources && !found; i++) {
		if ((r = malloc(strlen(resources[i]) + 1)) == NULL)
			break;
		lower(resources[i], r, strlen(resources[i]) + 1);
		found = r[0] != '\0' && strstr(t, r) != NULL;
		free(r);
	}
	if (!found)
		problem(out, "it gives no support resource", "add one from the "
		    "directory");
	free(t);
}

/* The words of a text, lower-cased, for the leaked-words check. */
struct words {
	char **w;
	size_t n, cap;
};

static void
split_words(const char *s, size_t len, struct words *out)
{
	size_t i = 0, j, k;
	char **grown;

	while (i < len) {
		while (i < len && !isalnum((unsigned char)s[i]) &&
		    (unsigned char)s[i] < 0x80)
			i++;
		for (j = i; j < len && (isalnum((unsigned char)s[j]) ||
		    (unsigned char)s[j] >= 0x80 || s[j] == '\''); j++)
			;
		if (j == i)
			break;
		if (out->n == out->cap) {
			out->cap = out->cap ? out->cap * 2 : 64;
			grown = realloc(out->w, out->cap * sizeof(char *));
			if (grown == NULL)
				return;
			out->w = grown;
		}
		if ((out->w[out->n] = malloc(j - i + 1)) == NULL)
			return;
		for (k = 0; k < j - i; k++)
			out->w[out->n][k] = (char)tolower((unsigned char)s[i + k]);
		out->w[out->n++][j - i] = '\0';
		i = j;
	}
}

static void
free_words(struct words *w)
{
	size_t i;

	for (i = 0; i < w->n; i++)
		free(w->w[i]);
	free(w->w);
}

#define LEAK_RUN 6	/* words in a row that make a quote */

struct leak_check {
	struct words draft;
	int found;
};

/* Does the post (handed over by the gateway) share LEAK_RUN words in a
** row with the draft? */
static void
leak_reader(void *arg, const char *text, size_t len)
{
	struct leak_check *c = arg;
	struct words post = { NULL, 0, 0 };
	size_t i, j, k;

	split_words(text, len, &post);
	for (i = 0; i + LEAK_RUN <= post.n && !c->found; i++)
		for (j = 0; j + LEAK_RUN <= c->draft.n && !c->found; j++) {
			for (k = 0; k < LEAK_RUN && strcmp(post.w[i + k],
			    c->draft.w[j + k]) == 0; k++)
				;
			c->found = k == LEAK_RUN;
		}
	free_words(&post);
}

struct res_list {
	const char **v;
	size_t n, cap;
};

static int
collect_resource(void *ctx, const struct resource_row *r)
{
	struct res_list *l = ctx;
	const char **grown;

	if (l->n + 2 > l->cap) {
		l->cap = l->cap ? l->cap * 2 : 32;
		if ((grown = realloc(l->v, l->cap * sizeof(char *))) == NULL)
			return -1;
		l->v = grown;
	}
	l->v[l->n++] = strdup(r->name);
	l->v[l->n++] = strdup(r->source);
	return 0;
}

static void
free_res(struct res_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free((void *)l->v[i]);
	free(l->v);
}

struct post_ids {
	int64_t id[64];
	int n;
};

static int
collect_post(void *ctx, const struct incident_post *p)
{
	struct post_ids *ids = ctx;

	if (ids->n < 64)
		ids->id[ids->n++] = p->post_id;
	return 0;
}

/* The whole lint: the words, and no run of LEAK_RUN words from any of the
** incident's leaked posts (read by the gateway for the check alone).
** Returns the number of problems, or -1. */
int
outreach_lint_full(struct gate *g, int64_t incident, const char *text,
    struct outreach_lint *out)
{
	struct res_list res = { NULL, 0, 0 };
	struct post_ids ids = { { 0 }, 0 };
	struct leak_check c = { { NULL, 0, 0 }, 0 };
	void *body, *cw;
	size_t bn, cn;
	int i;

	if (response_resources_each(gate_db(g), NULL, collect_resource, &res)
	    != 0) {
		free_res(&res);
		return -1;
	}
	outreach_lint_text(text, res.v, res.n, out);
	free_res(&res);
	if (response_incident_posts_each(gate_db(g), incident, collect_post,
	    &ids) != 0)
		return -1;
	split_words(text, strlen(text), &c.draft);
	for (i = 0; i < ids.n && !c.found; i++) {
		if (community_post_sealed(gate_db(g), ids.id[i], &body, &bn, &cw,
		    &cn) != 1)
			continue;
		if (body)
			gate_machine_read(g, SEALED_POST_BODY, ids.id[i], body,
			    bn, leak_reader, &c);
		free(body);
		free(cw);
	}
	free_words(&c.draft);
	if (c.found)
		problem(out, "it carries words of a leaked post", "take them "
		    "out; say what happened in your own words");
	return out->n;
}

/* Drafting. */

struct draft_ctx {
	struct buf groups, platforms, resources;
	int ngroups, nplatforms;
};

static int
add_group(void *ctx, const struct incident_post *p)
{
	struct draft_ctx *d = ctx;

	if (strstr(d->groups.data ? d->groups.data : "", p->group) == NULL) {
		buf_printf(&d->groups, "%s\"%s\"", d->ngroups ? ", " : "",
		    p->group);
		d->ngroups++;
	}
	return 0;
}

static int
add_platform(void *ctx, const struct leak_row *l)
{
	struct draft_ctx *d = ctx;

	buf_printf(&d->platforms, "%s%s", d->nplatforms ? ", " : "",
	    l->platform);
	d->nplatforms++;
	return 0;
}

static int
add_resource(void *ctx, const struct resource_row *r)
{
	buf_printf(ctx, "- %s: %s (%s; %s)\n", r->name, r->contact, r->hours,
	    r->source);
	return 0;
}

/* The support resources of country (ISO 3166 code; "" for the
** international ones only), a line each with how to reach them, their
** hours and source, as messages to members list them.  Returns 0 or -1. */
int
outreach_resources_text(struct db *db, const char *country, struct buf *out)
{
	return response_resources_each(db, country ? country : "",
	    add_resource, out);
}

/* The message for one member, from the English template. */
static void
compose(struct buf *b, const char *name, const struct draft_ctx *d,
    const char *community, int author)
{
	buf_printf(b, "Hello %s,\n\n", name);
	buf_printf(b, "We are writing to you privately, because something has "
	    "happened that concerns you, and we wanted you to hear it from us "
	    "first.\n\n");
	if (author && d->ngroups > 0)
		buf_printf(b, "Words you shared in %s were copied to a place "
		    "outside the community", d->groups.data);
	else
		buf_printf(b, "Something from the community was shared outside "
		    "it, and it may concern you");
	if (d->nplatforms)
		buf_printf(b, " (%s)", d->platforms.data);
	buf_printf(b, ".\n\n");
	buf_printf(b, "What we are doing: we are working to have it taken down, "
	    "and we are looking at how it happened so that it does not happen "
	    "again. Nothing will be done in your name without asking you "
	    "first.\n\n");
	buf_printf(b, "You did nothing wrong. Whatever you feel about this "
	    "makes sense.\n\n");
	buf_printf(b, "How are you doing? If you would like to tell us how you "
	    "are and what you need, you can answer this message; only the "
	    "people supporting you will read it. You do not have to answer.\n\n");
	buf_printf(b, "Your choices: you can ask us to contact you another way, "
	    "less often, or not at all; you can tell us whether a request to "
	    "remove what was shared may mention you; and you can decide "
	    "whether you want to see what was shared.\n\n");
	buf_printf(b, "If things feel heavy, these can help, at any hour:\n%s\n",
	    d->resources.data ? d->resources.data : "");
	buf_printf(b, "With care,\nthe moderators of %s\n", community);
}

struct draft_job {
	struct gate *g;
	int64_t incident;
	struct draft_ctx *d;
	const char *community;
	int made, failed;
};

static int
member_name(void *ctx, const struct incident_member *m)
{
	struct draft_job *x = ctx;
	struct buf b;
	uint8_t *sealed;
	size_t sn;
	int64_t id;

	if (response_outreach_add(gate_db(x->g), x->incident, m->member_id, "en",
	    gate_actor(x->g)->name, util_now(), &id) != 0) {
		x->failed = 1;
		return -1;
	}
	if (id == 0)
		return 0;	/* drafted before */
	buf_init(&b, OUTREACH_BODY_MAX * 2);
	compose(&b, m->pseudonym, x->d, x->community,
	    strcmp(m->why, "author") == 0);
	sealed = b.failed ? NULL : gate_seal(x->g, SEALED_OUTREACH_BODY, id,
	    b.data, &sn);
	buf_free(&b);
	if (sealed == NULL || response_outreach_seal(gate_db(x->g), id, sealed,
	    sn, "in-app") != 0) {
		free(sealed);
		x->failed = 1;
		return -1;
	}
	free(sealed);
	x->made++;
	return 0;
}

/* Draft a message for every affected member who has none, with the
** resources of country (ISO 3166 code, or "" for the international
** ones only).  Step 2: refused before the risk assessment.  Returns 0 and
** sets *made, or -1 with err. */
int
outreach_draft_all(struct gate *g, int64_t incident, const char *country,
    int *made, char *err)
{
	struct draft_ctx d;
	char community[128] = "this community", target[32], detail[64];
	size_t n = 0;
	int rc;
	struct draft_job x = { g, incident, &d, community, 0, 0 };

	*made = 0;
	if (country == NULL || strlen(country) > 2 || (country[0] &&
	    (!isupper((unsigned char)country[0]) ||
	    !isupper((unsigned char)country[1])))) {
		err_set(err, "a country is a two-letter code such as GB or US");
		return -1;
	}
	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	if (incident_ready(g, incident, 2, NULL, err) != 0)
		goto fail;
	if (db_meta_get(gate_db(g), "community_name", community,
	    sizeof(community) - 1, &n) == DB_ROW)
		community[n] = '\0';
	memset(&d, 0, sizeof(d));
	buf_init(&d.groups, 4096);
	buf_init(&d.platforms, 4096);
	buf_init(&d.resources, 8192);
	response_incident_posts_each(gate_db(g), incident, add_group, &d);
	response_leaks_each(gate_db(g), incident, add_platform, &d);
	outreach_resources_text(gate_db(g), country, &d.resources);
	rc = response_incident_members_each(gate_db(g), incident, member_name,
	    &x);
	buf_free(&d.groups);
	buf_free(&d.platforms);
	buf_free(&d.resources);
	if (rc != 0 || x.failed) {
		err_set(err, "cannot save the drafts");
		goto fail;
	}
	snprintf(target, sizeof(target), "incident %lld", (long long)incident);
	snprintf(detail, sizeof(detail), "%d draft%s", x.made, x.made == 1 ?
	    "" : "s");
	if (x.made > 0 && (gate_audit(g, "outreach.draft", target, detail) !=
	    0)) {
		err_set(err, "cannot save the drafts");
		goto fail;
	}
	if (gate_commit(g) != 0) {
		err_set(err, "cannot save the drafts");
		gate_rollback(g);
		return -1;
	}
	*made = x.made;
	return 0;
fail:
	gate_rollback(g);
	return -1;
}

static int
copy_row(void *ctx, const struct outreach_row *o)
{
	struct outreach_row *out = ctx;
	void *b = NULL;

	*out = *o;
	if (o->body_n > 0 && (b = malloc(o->body_n)) != NULL)
		memcpy(b, o->body, o->body_n);
	out->body = b;
	out->reply = NULL;
	out->reply_n = 0;
	return 1;	/* one row is enough */
}

/* One message, with a copy of its sealed body (free out->body). */
static int
get_one(struct gate *g, int64_t id, struct outreach_row *out, char *err)
{
	memset(out, 0, sizeof(*out));
	response_outreach_one(gate_db(g), id, 0, copy_row, out);
	if (out->id == 0) {
		err_set(err, "there is no message %lld", (long long)id);
		return -1;
	}
	return 0;
}

/* Change a draft's words and channel ("in-app" or "email"), and lint it.
** Returns 0 (saved; *lint says what still stands in the way of sending)
** or -1 with err. */
int
outreach_edit(struct gate *g, int64_t id, const char *body,
    const char *channel, struct outreach_lint *lint, char *err)
{
	struct outreach_row o;
	char target[32];
	uint8_t *sealed;
	size_t sn;

	memset(lint, 0, sizeof(*lint));
	if (body == NULL || body[0] == '\0' || strlen(body) >
	    OUTREACH_BODY_MAX || !util_valid_text(body, strlen(body))) {
		err_set(err, "a message is text of 1 to %d bytes",
		    OUTREACH_BODY_MAX);
		return -1;
	}
	if (channel == NULL || (strcmp(channel, "in-app") != 0 &&
	    strcmp(channel, "email") != 0)) {
		err_set(err, "the channel is in-app or email");
		return -1;
	}
	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	if (get_one(g, id, &o, err) != 0)
		goto fail;
	free((void *)o.body);
	if (strcmp(o.status, "sent") == 0) {
		err_set(err, "message %lld is sent already", (long long)id);
		goto fail;
	}
	if (incident_ready(g, o.incident_id, 2, NULL, err) != 0)
		goto fail;
	if (strcmp(channel, "email") == 0 && !o.has_contact) {
		err_set(err, "%s gave no contact details; the message can go in "
		    "the app", o.pseudonym);
		goto fail;
	}
	sealed = gate_seal(g, SEALED_OUTREACH_BODY, id, body, &sn);
	snprintf(target, sizeof(target), "incident %lld",
	    (long long)o.incident_id);
	if (sealed == NULL || response_outreach_seal(gate_db(g), id, sealed, sn,
	    channel) != 0 || gate_audit(g, "outreach.edit", target, channel) !=
	    0) {
		free(sealed);
		err_set(err, "cannot save the message");
		goto fail;
	}
	free(sealed);
	if (outreach_lint_full(g, o.incident_id, body, lint) < 0) {
		err_set(err, "cannot check the message");
		goto fail;
	}
	if (gate_commit(g) != 0) {
		err_set(err, "cannot save the message");
		gate_rollback(g);
		return -1;
	}
	return 0;
fail:
	gate_rollback(g);
	return -1;
}

/* Send a message: it must pass the lint.  In the app, the member reads it
** on their own page; by e-mail, the gateway opens the member's address for
** the sending alone.  A failure is kept (status failed, with the reason)
** and can be tried again.  When every affected member's message is sent,
** the incident moves on to step 3.  It reads, checks and delivers outside
** any transaction of its own, then keeps the outcome in one.  Returns 0,
** 1 (failed to deliver; kept), or -1 with err (nothing changed). */
int
outreach_send(struct gate *g, int64_t id, struct outreach_lint *lint,
    char *err)
{
	struct outreach_row o;
	struct mail_to m;
	char target[32], detail[64], send_err[ERR_MAX] = "", *body = NULL;
	void *contact = NULL;
	size_t cn = 0;
	int failed = 0;

	struct outreach_row now;

	/* read, check and deliver outside any transaction: a mail server
	** does not hold the database */
	memset(lint, 0, sizeof(*lint));
	memset(&o, 0, sizeof(o));
	if (get_one(g, id, &o, err) != 0)
		goto fail;
	if (strcmp(o.status, "sent") == 0) {
		err_set(err, "message %lld is sent already", (long long)id);
		goto fail;
	}
	if (incident_ready(g, o.incident_id, 2, NULL, err) != 0)
		goto fail;
	/* the program reads it to check and deliver it: nobody is shown
	** it here, so this is no opening of a person's */
	if (o.body == NULL || gate_machine_read(g, SEALED_OUTREACH_BODY, id,
	    o.body, o.body_n, incident_keep_text, &body) != 0 || body == NULL) {
		err_set(err, "message %lld has no words", (long long)id);
		goto fail;
	}
	if (outreach_lint_full(g, o.incident_id, body, lint) != 0) {
		err_set(err, "the message cannot go yet: %s", lint->n ?
		    lint->problem[0] : "it could not be checked");
		goto fail;
	}
	if (strcmp(o.channel, "email") == 0) {
		memset(&m, 0, sizeof(m));
		if (community_member_contact(gate_db(g), o.member_id, &contact,
		    &cn) != 1 || contact == NULL || gate_machine_read(g,
		    SEALED_MEMBER_CONTACT, o.member_id, contact, cn,
		    mail_address_reader, &m) != 0 || !m.ok) {
			free(contact);
			err_set(err, "%s's contact details hold no e-mail "
			    "address; send it in the app", o.pseudonym);
			goto fail;
		}
		free(contact);
		failed = mail_send(m.to, "A private message from your "
		    "community's moderators", body, send_err) != 0;
		explicit_bzero(m.to, sizeof(m.to));
	}
	/* then keep what happened, if no one sent it meanwhile */
	snprintf(target, sizeof(target), "incident %lld",
	    (long long)o.incident_id);
	snprintf(detail, sizeof(detail), "message %lld to member %lld, %s%s",
	    (long long)id, (long long)o.member_id, o.channel, failed ?
	    ", not delivered" : "");
	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy");
		goto fail;
	}
	if (get_one(g, id, &now, err) != 0 || strcmp(now.status, "sent") ==
	    0) {
		free((void *)now.body);
		err_set(err, "message %lld was sent by someone else meanwhile",
		    (long long)id);
		gate_rollback(g);
		goto fail;
	}
	free((void *)now.body);
	if (response_outreach_sent(gate_db(g), id, failed ? "failed" : "sent",
	    gate_actor(g)->name, send_err, util_now()) != 0 ||
	    gate_audit(g, "outreach.send", target, detail) != 0 ||
	    (!failed && response_outreach_unsent(gate_db(g), o.incident_id) ==
	    0 && response_incident_step(gate_db(g), o.incident_id, 3) != 0) ||
	    gate_commit(g) != 0) {
		err_set(err, "cannot save: %s", db_error(gate_db(g)));
		gate_rollback(g);
		goto fail;
	}
	gate_wipe(body);
	free((void *)o.body);
	if (failed)
		err_set(err, "%s", send_err);
	return failed;
fail:
	gate_wipe(body);
	free((void *)o.body);
	return -1;
}

/* A member answers a message sent to them: how they are, what they need.
** Sealed for whoever supports them.  Returns 0 or -1 with err. */
int
outreach_reply(struct gate *g, int64_t id, const char *text, char *err)
{
	char target[32];
	uint8_t *sealed;
	size_t sn;
	int64_t incident = 0;
	struct outreach_row o;

	if (text == NULL || text[0] == '\0' || strlen(text) >
	    OUTREACH_REPLY_MAX || !util_valid_text(text, strlen(text))) {
		err_set(err, "an answer is text of 1 to %d bytes",
		    OUTREACH_REPLY_MAX);
		return -1;
	}
	if (gate_actor(g)->user_id <= 0 || response_outreach_user(gate_db(g),
	    id) != gate_actor(g)->user_id) {
		err_set(err, "that message is not yours");
		return -1;
	}
	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	if (get_one(g, id, &o, err) != 0) {
		gate_rollback(g);
		return -1;
	}
	free((void *)o.body);
	incident = o.incident_id;
	sealed = gate_seal(g, SEALED_OUTREACH_REPLY, id, text, &sn);
	snprintf(target, sizeof(target), "incident %lld", (long long)incident);
	if (sealed == NULL || response_outreach_seal_reply(gate_db(g), id,
	    sealed, sn, util_now()) != 0 || gate_audit(g, "outreach.reply",
	    target, "the member answered") != 0 || gate_commit(g) != 0) {
		free(sealed);
		gate_rollback(g);
		err_set(err, "cannot save the answer");
		return -1;
	}
	free(sealed);
	return 0;
}

/* A member who read a message asks to be connected with someone: the
** request goes to the person who sent it, due OUTREACH_CONNECT_HOURS on.
** Returns 0 or -1 with err. */
int
outreach_connect(struct gate *g, int64_t id, char *err)
{
	struct outreach_row o;
	char target[32], detail[64];
	int64_t cid;

	if (gate_actor(g)->user_id <= 0 || response_outreach_user(gate_db(g),
	    id) != gate_actor(g)->user_id) {
		err_set(err, "that message is not yours");
		return -1;
	}
	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	if (get_one(g, id, &o, err) != 0)
		goto fail;
	free((void *)o.body);
	snprintf(target, sizeof(target), "incident %lld",
	    (long long)o.incident_id);
	if (response_connect_add(gate_db(g), id, util_now(),
	    OUTREACH_CONNECT_HOURS, &cid) != 0) {
		err_set(err, "cannot save the request");
		goto fail;
	}
	snprintf(detail, sizeof(detail), "request %lld: the member asked to be "
	    "connected", (long long)cid);
	if (gate_audit(g, "connect.ask", target, detail) != 0 ||
	    gate_commit(g) != 0) {
		err_set(err, "cannot save the request");
		goto fail;
	}
	return 0;
fail:
	gate_rollback(g);
	return -1;
}

static int
take_connect(void *ctx, const struct connect_row *c)
{
	*(struct connect_row *)ctx = *c;
	return 1;
}

/* Mark a request to be connected as done.  Returns 0 or -1 with err. */
int
outreach_connect_done(struct gate *g, int64_t id, int64_t *incident,
    char *err)
{
	struct connect_row c;
	char target[32], detail[48];

	memset(&c, 0, sizeof(c));
	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	response_connects_each(gate_db(g), 0, id, take_connect, &c);
	*incident = c.incident_id;
	if (c.id == 0 || c.done_at) {
		err_set(err, "there is no open request %lld", (long long)id);
		goto fail;
	}
	snprintf(target, sizeof(target), "incident %lld",
	    (long long)c.incident_id);
	snprintf(detail, sizeof(detail), "request %lld done", (long long)id);
	if (response_connect_done(gate_db(g), id, gate_actor(g)->name,
	    util_now()) != 1 || gate_audit(g, "connect.done", target, detail) !=
	    0 || gate_commit(g) != 0) {
		err_set(err, "cannot save it");
		goto fail;
	}
	return 0;
fail:
	gate_rollback(g);
	return -1;
}

/* The command line. */

/* sanctum incident draft N [--country CC] */
int
outreach_draft_cmd(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "country", required_argument, NULL, 'c' },
		{ NULL, 0, NULL, 0 }
	};
	const char *country = "";
	char err[ERR_MAX];
	long long v;
	int ch, rc, made;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch != 'c')
			return cli_usage(c, "incident");
		country = optarg;
	}
	if (argc - optind != 1 || util_parse_int(argv[optind], 1, INT64_MAX,
	    &v) != 0)
		return cli_usage(c, "incident");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (outreach_draft_all(c->gate, v, country, &made, err) != 0)
		return cli_fail("incident: %s", err);
	cli_say(c, "drafted %d message%s for incident %lld; edit and send them "
	    "in the console\n", made, made == 1 ? "" : "s", v);
	return EXIT_OK;
}

/* sanctum incident send MESSAGE */
int
outreach_send_cmd(struct cli *c, int argc, char **argv)
{
	struct outreach_lint lint;
	char err[ERR_MAX];
	long long v;
	int rc, i;

	if (argc != 2 || util_parse_int(argv[1], 1, INT64_MAX, &v) != 0)
		return cli_usage(c, "incident");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	rc = outreach_send(c->gate, v, &lint, err);
	if (rc < 0) {
		for (i = 1; i < lint.n; i++)
			fprintf(stderr, "sanctum: incident: also %s\n",
			    lint.problem[i]);
		return cli_fail("incident: %s", err);
	}
	if (rc == 1)
		return cli_fail("incident: message %lld was not delivered (%s); "
		    "it is kept, and can be sent again", v, err);
	cli_say(c, "sent message %lld\n", v);
	return EXIT_OK;
}

static int
print_resource(void *ctx, const struct resource_row *r)
{
	json_t *arr = ctx;

	if (arr) {
		json_array_append_new(arr, json_pack("{s:I, s:s, s:s, s:s, s:s, "
		    "s:s, s:s}", "id", (json_int_t)r->id, "country", r->country,
		    "kind", r->kind, "name", r->name, "contact", r->contact,
		    "hours", r->hours, "source", r->source));
		return 0;
	}
	printf("%-4lld %-3s %-13s %s: %s (%s) [%s]\n", (long long)r->id,
	    r->country[0] ? r->country : "*", r->kind, r->name, r->contact,
	    r->hours, r->source);
	return 0;
}

/* sanctum resources list [--country CC] [--json] */
int
resources_list_cmd(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "country", required_argument, NULL, 'c' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 }
	};
	const char *country = NULL;
	json_t *arr = NULL;
	int ch, rc, json = 0;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch == 'c')
			country = optarg;
		else if (ch == 'j')
			json = 1;
		else
			return cli_usage(c, "resources");
	}
	if (argc != optind)
		return cli_usage(c, "resources");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (json)
		arr = json_array();
	rc = response_resources_each(c->db, country, print_resource, arr);
	if (rc == 0 && json)
		cli_print_json(arr);
	json_decref(arr);
	return rc == 0 ? EXIT_OK : cli_fail("resources: cannot read them");
}

/* sanctum resources add --country CC --kind K --name N --contact C
**     --hours H --source URL */
int
resources_add_cmd(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "country", required_argument, NULL, 'c' },
		{ "kind", required_argument, NULL, 'k' },
		{ "name", required_argument, NULL, 'n' },
		{ "contact", required_argument, NULL, 't' },
		{ "hours", required_argument, NULL, 'h' },
		{ "source", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 }
	};
	struct resource_row r = { 0, "", "crisis", NULL, NULL, "", NULL, "en" };
	int ch, rc;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'c': r.country = optarg; break;
		case 'k': r.kind = optarg; break;
		case 'n': r.name = optarg; break;
		case 't': r.contact = optarg; break;
		case 'h': r.hours = optarg; break;
		case 's': r.source = optarg; break;
		default: return cli_usage(c, "resources");
		}
	}
	if (argc != optind || r.name == NULL || r.contact == NULL ||
	    r.source == NULL)
		return cli_usage(c, "resources");
	if (strlen(r.country) > 2 || (r.country[0] && (!isupper(
	    (unsigned char)r.country[0]) || !isupper((unsigned char)
	    r.country[1]))))
		return cli_fail("resources: a country is a two-letter code such "
		    "as GB, or empty for everywhere");
	if (strcmp(r.kind, "crisis") != 0 && strcmp(r.kind, "counselling") !=
	    0 && strcmp(r.kind, "support-group") != 0 && strcmp(r.kind,
	    "peer") != 0)
		return cli_fail("resources: the kind is crisis, counselling, "
		    "support-group or peer");
	if (!util_valid_label(r.name, 200) || !util_valid_label(r.contact,
	    400) || (r.hours[0] && !util_valid_label(r.hours, 200)) ||
	    !util_valid_label(r.source, 400))
		return cli_fail("resources: name, contact, hours and source are "
		    "text without control characters (up to 200 to 400 bytes)");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	rc = response_resource_add(c->db, &r, cli_actor());
	if (rc == DB_EXISTS)
		return cli_fail("resources: %s is listed already for that "
		    "country", r.name);
	if (rc != 0 || gate_audit(c->gate, "resources.add", r.name,
	    r.country[0] ? r.country : "everywhere") != 0)
		return cli_fail("resources: cannot save it");
	cli_say(c, "added %s\n", r.name);
	return EXIT_OK;
}

/* sanctum resources remove ID */
int
resources_remove_cmd(struct cli *c, int argc, char **argv)
{
	char target[32];
	long long v;
	int rc;

	if (argc != 2 || util_parse_int(argv[1], 1, INT64_MAX, &v) != 0)
		return cli_usage(c, "resources");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	rc = response_resource_remove(c->db, v);
	if (rc == 0)
		return cli_fail("resources: there is no resource %lld", v);
	snprintf(target, sizeof(target), "resource %lld", v);
	if (rc < 0 || gate_audit(c->gate, "resources.remove", target, "") != 0)
		return cli_fail("resources: cannot remove it");
	cli_say(c, "removed resource %lld\n", v);
	return EXIT_OK;
}
