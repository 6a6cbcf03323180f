/*
** mydata.c: a member's export and erasure of their own data.  See
** mydata.h.
*/
#include "mydata.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "../community/post.h"
#include "../core/gate.h"
#include "../store/accounts.h"
#include "../store/community.h"
#include "../store/db.h"
#include "../store/membership.h"
#include "../store/prevention.h"
#include "../util/util.h"
#include "../web/html.h"
#include "../web/server.h"
#include "../web/session.h"

struct export {
	struct gate *g;
	json_t *posts, *records, *decisions;
	json_t *contact, *application;	/* NULL: none kept */
	int64_t member_id;
	int failed;
};

static int
export_post(void *ctx, int64_t id, const char *group, int64_t at,
    int anonymous, int64_t reply_to, const void *body, size_t n)
{
	struct export *e = ctx;
	char err[ERR_MAX], *text;

	/* the author's own words, through the member's door: nothing of it
	** is recorded */
	text = body ? gate_open_as_member(e->g, SEALED_POST_BODY, id, body, n,
	    err) : NULL;
	if (text == NULL) {
		e->failed = 1;
		return 1;
	}
	json_array_append_new(e->posts, json_pack("{s:I, s:s, s:I, s:b, s:I, "
	    "s:s}", "id", (json_int_t)id, "group", group, "at",
	    (json_int_t)at, "anonymous", anonymous, "reply_to",
	    (json_int_t)reply_to, "text", text));
	gate_wipe(text);
	return 0;
}

static int
export_record(void *ctx, const char *what, const char *name, int64_t from,
    int64_t to)
{
	struct export *e = ctx;

	json_array_append_new(e->records, json_pack("{s:s, s:s, s:I, s:I}",
	    "kind", what, "name", name, "from", (json_int_t)from, "to",
	    (json_int_t)to));
	return 0;
}

static int
export_decision(void *ctx, const struct violation_row *v)
{
	struct export *e = ctx;

	json_array_append_new(e->decisions, json_pack("{s:s, s:i, s:s, s:I, "
	    "s:I}", "step", v->step, "days", v->days, "message", v->message,
	    "at", (json_int_t)v->at, "until", (json_int_t)v->ends_at));
	return 0;
}

/* The member's own contact details, opened for them alone. */
static void
own_contact(struct gate *g, int64_t member_id, struct export *e)
{
	char err[ERR_MAX], *text;
	void *sealed = NULL;
	size_t n = 0;

	if (community_member_contact(gate_db(g), member_id, &sealed, &n) == 1 &&
	    sealed && (text = gate_open_own(g, SEALED_MEMBER_CONTACT,
	    member_id, sealed, n, err)) != NULL) {
		e->contact = json_string(text);
		gate_wipe(text);
	}
	free(sealed);
}

/* The member's own application: when, how it was decided and the
** message they were sent, and their answers, opened for them alone. */
static int
own_application(void *ctx, const struct application_row *a)
{
	struct export *e = ctx;
	char err[ERR_MAX], *text = NULL;
	json_t *answers = NULL;

	if (a->member_id != e->member_id || e->application)
		return 0;
	if (a->answers && a->answers_len && (text = gate_open_own(e->g,
	    SEALED_APPLICATION_ANSWERS, a->id, a->answers, a->answers_len,
	    err)) != NULL) {
		answers = json_loads(text, 0, NULL);
		gate_wipe(text);
	}
	e->application = json_pack("{s:I, s:s, s:I, s:s, s:o?}", "applied_at",
	    (json_int_t)a->created_at, "status", a->status, "decided_at",
	    (json_int_t)a->decided_at, "message", a->message, "answers",
	    answers);
	return 0;
}

/* Everything kept about member_id, as JSON (the moderators' own notes
** are theirs, not the member's, and stay out).  Returns it, or NULL with
** err. */
json_t *
mydata_export(struct gate *g, int64_t member_id, char *err)
{
	struct db *db = gate_db(g);
	struct export e = { g, json_array(), json_array(), json_array(), NULL,
	    NULL, member_id, 0 };
	char name[72], status[16];

	if (community_member_name(db, member_id, name, sizeof(name)) != 1 ||
	    community_member_status(db, member_id, status, sizeof(status))
	    != 1 || prevention_own_posts_each(db, member_id, export_post, &e)
	    < 0 || e.failed || prevention_own_records_each(db, member_id,
	    export_record, &e) != 0 || prevention_violation_each(db,
	    member_id, export_decision, &e) != 0) {
		json_decref(e.posts);
		json_decref(e.records);
		json_decref(e.decisions);
		err_set(err, "your data could not be read");
		return NULL;
	}
	own_contact(g, member_id, &e);
	if (membership_application_of_member(db, member_id, own_application,
	    &e) < 0) {
		json_decref(e.contact);
		json_decref(e.application);
		e.contact = e.application = NULL;
	}
	return json_pack("{s:s, s:s, s:I, s:o, s:o, s:o, s:o?, s:o?}",
	    "pseudonym", name, "standing", status, "exported_at",
	    (json_int_t)util_now(), "posts", e.posts,
	    "memberships_and_pledges", e.records, "moderators_decisions",
	    e.decisions, "contact", e.contact, "application", e.application);
}

struct ids {
	int64_t *v;
	size_t n, cap;
};

static int
collect_id(void *ctx, int64_t id, const char *group, int64_t at,
    int anonymous, int64_t reply_to, const void *body, size_t n)
{
	struct ids *d = ctx;
	int64_t *p;

	(void)group; (void)at; (void)anonymous; (void)reply_to; (void)body;
	(void)n;
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 64;
		if ((p = realloc(d->v, d->cap * sizeof(*p))) == NULL)
			return 1;
		d->v = p;
	}
	d->v[d->n++] = id;
	return 0;
}

/* Erase member_id's data (see mydata.h) and close their account user_id,
** in one part of the caller's transaction.  Returns 0 or -1 with err. */
int
mydata_erase(struct gate *g, int64_t member_id, int64_t user_id, char *err)
{
	struct db *db = gate_db(g);
	struct ids d = { NULL, 0, 0 };
	char name[72], detail[48];
	size_t i;

	if (community_member_name(db, member_id, name, sizeof(name)) != 1) {
		err_set(err, "no such member");
		return -1;
	}
	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	if (prevention_own_posts_each(db, member_id, collect_id, &d) != 0)
		goto fail;
	for (i = 0; i < d.n; i++)
		if (post_delete(g, d.v[i]) < 0)
			goto fail;
	snprintf(detail, sizeof(detail), "their own; %zu posts erased", d.n);
	if (prevention_member_erase(db, member_id) != 0 ||
	    (user_id && (accounts_user_set_disabled(db, user_id, 1) != 0 ||
	    accounts_sessions_end_user(db, user_id) != 0)) ||
	    gate_audit(g, "member.erase", name, detail) != 0 ||
	    gate_commit(g) != 0)
		goto fail;
	free(d.v);
	return 0;
fail:
	gate_rollback(g);
	free(d.v);
	err_set(err, "your data could not be erased: %s", db_error(db));
	return -1;
}

/* GET /me/export: the member's data as one JSON file. */
void
mydata_export_get(struct req *r)
{
	char err[ERR_MAX];
	int64_t me = 0;
	json_t *j;

	if (community_member_of_user(r->db, r->user.id, &me) != 1) {
		req_fail(r, 404, "This account is not a member's.");
		return;
	}
	if ((j = mydata_export(r->gate, me, err)) == NULL) {
		req_fail(r, 500, err);
		return;
	}
	req_json(r, 200, j);
}

/* POST /me/delete: confirm (their pseudonym, typed) */
void
mydata_delete_post(struct req *r)
{
	const char *confirm = req_form(r, "confirm");
	char err[ERR_MAX];
	int64_t me = 0;

	if (community_member_of_user(r->db, r->user.id, &me) != 1) {
		req_fail(r, 404, "This account is not a member's.");
		return;
	}
	if (confirm == NULL || strcmp(confirm, r->user.name) != 0) {
		req_redirect(r, "/?error=confirm");
		return;
	}
	if (mydata_erase(r->gate, me, r->user.id, err) != 0) {
		req_fail(r, 500, "Your data could not be erased; nothing was "
		    "changed.");
		return;
	}
	req_set_cookie(r, SESSION_COOKIE, "", 0);
	memset(&r->user, 0, sizeof(r->user));
	page_begin(r, "Your data is erased", NULL);
	html_printf(&r->out, "<h1>Your data is erased</h1><p class=\"lede\">"
	    "Your posts, your contact details and what the community kept "
	    "about where you belonged are gone, and your account is closed. "
	    "Thank you for the time you spent here. Take care of yourself."
	    "</p>\n");
	page_end(r);
}
