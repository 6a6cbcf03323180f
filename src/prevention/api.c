/*
** api.c: prevention's JSON API.  See api.h; the README lists every call.
*/
#include "api.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "../core/gate.h"
#include "../store/accounts.h"
#include "../store/community.h"
#include "../store/db.h"
#include "../store/healing.h"
#include "../store/membership.h"
#include "../store/prevention.h"
#include "../util/buf.h"
#include "../util/util.h"
#include "../web/server.h"
#include "contact.h"
#include "copymark.h"
#include "groups.h"
#include "membership.h"
#include "pledge.h"
#include "training.h"
#include "violations.h"
#include "pseudonym.h"

/* The member a "pseudonym" field names.  Returns 1 with *id set, or 0
** after answering. */
static int
member_field(struct req *r, int64_t *id)
{
	const char *p = req_form(r, "pseudonym");
	int rc;

	if (p == NULL) {
		req_fail(r, 400, "pseudonym is required");
		return 0;
	}
	rc = pseudonym_member(r->db, p, id);
	if (rc != 1)
		req_fail(r, rc < 0 ? 500 : 404, rc < 0 ? "the members could "
		    "not be read" : "no member with that pseudonym");
	return rc == 1;
}

static int
json_group(void *ctx, const struct member_group *g)
{
	json_array_append_new(ctx, json_pack("{s:I, s:s, s:i, s:I, s:b}",
	    "id", (json_int_t)g->id, "name", g->name, "capacity", g->capacity,
	    "members", (json_int_t)g->members, "anonymous_ok",
	    g->anonymous_ok));
	return 0;
}

/* GET /api/v1/groups */
void
api_groups_list(struct req *r)
{
	json_t *arr = json_array();

	if (prevention_groups_for_member(r->db, 0, json_group, arr) != 0) {
		json_decref(arr);
		req_fail(r, 500, "the groups could not be read");
		return;
	}
	req_json(r, 200, json_pack("{s:o}", "groups", arr));
}

/* POST /api/v1/groups {"name", "cap"?, "anonymous"?} */
void
api_groups_create(struct req *r)
{
	const char *name = req_form(r, "name");
	char err[ERR_MAX];
	long long cap;
	int64_t id;
	int anon = req_json_bool(r, "anonymous"), rc;
	int mark = req_json_bool(r, "visible_mark");

	if (name == NULL) {
		req_fail(r, 400, "name is required");
		return;
	}
	if (req_json_int(r, "cap", 0, 1000, GROUPS_DEFAULT_CAPACITY, &cap) != 0)
		return;
	rc = groups_create(r->gate, name, (int)cap, &id, err);
	if (rc == 0 && anon && (community_group_set_anonymous(r->db, id, 1) !=
	    0 || gate_audit(r->gate, "group.anonymous", name, "on") != 0))
		rc = -1;
	/* a faint visible mark of each viewer's name: off unless asked */
	if (rc == 0 && mark && (prevention_group_set_visible_mark(r->db, id, 1)
	    != 0 || gate_audit(r->gate, "group.visible-mark", name, "on") != 0))
		rc = -1;
	if (rc == 0)
		req_json(r, 201, json_pack("{s:I, s:s, s:i, s:b, s:b}", "id",
		    (json_int_t)id, "name", name, "capacity", (int)cap,
		    "anonymous_ok", anon, "visible_mark", mark));
	else
		req_fail(r, rc == DB_EXISTS ? 409 : 400, err);
}

/* POST /api/v1/groups/{id}/members {"pseudonym", "wait"?} */
void
api_groups_add(struct req *r)
{
	char err[ERR_MAX] = "";
	int64_t mid, pos = 0;
	int rc;

	if (!member_field(r, &mid))
		return;
	rc = groups_join(r->gate, req_param(r, "id"), mid, req_json_bool(r,
	    "wait"), &pos, err);
	if (rc == GROUPS_JOINED || rc == GROUPS_ALREADY)
		req_json(r, rc == GROUPS_JOINED ? 201 : 200, json_pack("{s:b}",
		    "member", 1));
	else if (rc == GROUPS_WAITING)
		req_json(r, 202, json_pack("{s:b, s:I}", "member", 0,
		    "waiting", (json_int_t)pos));
	else if (rc == GROUPS_FULL)
		req_fail(r, 409, err);
	else
		req_fail(r, strstr(err, "cannot") ? 404 : 409, err);
}

/* POST /api/v1/groups/{id}/leave {"pseudonym"} */
void
api_groups_leave(struct req *r)
{
	char err[ERR_MAX];
	int64_t mid, told;
	int rc;

	if (!member_field(r, &mid))
		return;
	rc = groups_leave(r->gate, req_param(r, "id"), mid, &told, err);
	if (rc < 0)
		req_fail(r, 500, err);
	else if (rc == 0)
		req_fail(r, 404, "they neither belong to that group nor wait "
		    "for it");
	else
		req_json(r, 200, json_pack("{s:b, s:b}", "left", 1,
		    "told_next", told != 0));
}

/* POST /api/v1/groups/{id}/moderators {"name", "remove"?}: admins */
void
api_groups_moderator(struct req *r)
{
	const char *name = req_form(r, "name");
	struct user u;
	char gname[GROUPS_NAME_MAX + 1];
	int anon, rc, on = !req_json_bool(r, "remove");
	int64_t gid = req_param(r, "id");

	if (name == NULL || accounts_user_by_name(r->db, name, &u) != 1) {
		req_fail(r, 404, "no account with that name");
		return;
	}
	if (community_group_get(r->db, gid, gname, sizeof(gname), &anon) != 1) {
		req_fail(r, 404, "no such group");
		return;
	}
	if (role_parse(u.role) < ROLE_MODERATOR) {
		req_fail(r, 409, "a group's moderator is a moderator or an admin");
		return;
	}
	rc = prevention_group_moderator(r->db, gid, u.id, on, util_now());
	if (rc < 0 || (rc == 0 && gate_audit(r->gate, on ? "group.moderator" :
	    "group.unmoderator", gname, name) != 0)) {
		req_fail(r, 500, "the change could not be saved");
		return;
	}
	req_json(r, 200, json_pack("{s:s, s:b}", "name", name, "moderator",
	    on));
}

/* GET /api/v1/pledge */
void
api_pledge_get(struct req *r)
{
	struct pledge p;
	int64_t accepted = 0, members = 0;

	if (pledge_current(r->db, &p) != 0 || prevention_pledge_counts(r->db,
	    p.version, &accepted, &members) != 0) {
		req_fail(r, 500, "the pledge could not be read");
		return;
	}
	req_json(r, 200, json_pack("{s:I, s:s, s:b, s:I, s:I}", "version",
	    (json_int_t)p.version, "text", p.body, "stored", p.stored,
	    "accepted", (json_int_t)accepted, "members", (json_int_t)members));
	pledge_free(&p);
}

/* POST /api/v1/pledge {"text"} */
void
api_pledge_publish(struct req *r)
{
	char err[ERR_MAX];
	int64_t v;

	if (pledge_publish(r->gate, req_form(r, "text"), &v, err) != 0) {
		req_fail(r, strstr(err, "cannot save") ? 500 : 400, err);
		return;
	}
	req_json(r, 201, json_pack("{s:I}", "version", (json_int_t)v));
}

/* POST /api/v1/pledge/accept {"pseudonym"}: accepted elsewhere */
void
api_pledge_accept(struct req *r)
{
	char err[ERR_MAX];
	int64_t mid, v;

	if (!member_field(r, &mid))
		return;
	if (pledge_accept(r->gate, mid, req_form(r, "pseudonym"), &v, err) !=
	    0) {
		req_fail(r, 500, err);
		return;
	}
	req_json(r, 200, json_pack("{s:I}", "version", (json_int_t)v));
}

static int
json_application(void *ctx, const struct application_row *a)
{
	json_array_append_new(ctx, json_pack("{s:I, s:s, s:s, s:I, s:b}", "id",
	    (json_int_t)a->id, "pseudonym", a->pseudonym, "status", a->status,
	    "created_at", (json_int_t)a->created_at, "invited",
	    a->invitation_id != 0));
	return 0;
}

/* GET /api/v1/applications [?status=pending|approved|declined|activated|all] */
void
api_applications_list(struct req *r)
{
	const char *st = req_arg(r, "status");
	json_t *arr = json_array();

	if (st == NULL)
		st = "pending";
	if (strcmp(st, "all") == 0)
		st = "";
	if (membership_application_each(r->db, st, json_application, arr) !=
	    0) {
		json_decref(arr);
		req_fail(r, 500, "the applications could not be read");
		return;
	}
	req_json(r, 200, json_pack("{s:o}", "applications", arr));
}

/* Approve or decline {id} with "message". */
static void
decide(struct req *r, int approve)
{
	char err[ERR_MAX] = "";
	int rc;

	rc = membership_decide(r->gate, req_param(r, "id"), approve,
	    req_form(r, "message"), err);
	if (rc == 0)
		req_json(r, 200, json_pack("{s:I, s:s}", "id",
		    (json_int_t)req_param(r, "id"), "status", approve ?
		    "approved" : "declined"));
	else if (rc == 1)
		req_fail(r, 409, err);
	else
		req_fail(r, strstr(err, "cannot save") ? 500 : 409, err);
}

/* POST /api/v1/applications/{id}/approve {"message"?} */
void
api_application_approve(struct req *r)
{
	decide(r, 1);
}

/* POST /api/v1/applications/{id}/decline {"message"?} */
void
api_application_decline(struct req *r)
{
	decide(r, 0);
}

/* POST /api/v1/invitations {"days"?, "uses"?, "note"?}: the token, once */
void
api_invitations_create(struct req *r)
{
	char err[ERR_MAX], token[TOKEN_LEN + 1];
	long long days, uses;
	int64_t id;

	if (req_json_int(r, "days", 1, 90, 14, &days) != 0 ||
	    req_json_int(r, "uses", 1, 100, 1, &uses) != 0)
		return;
	if (membership_invite(r->gate, (int)days, (int)uses,
	    req_form(r, "note"), token, &id, err) != 0) {
		req_fail(r, 400, err);
		return;
	}
	req_json(r, 201, json_pack("{s:I, s:s, s:I, s:I}", "id",
	    (json_int_t)id, "token", token, "days", (json_int_t)days, "uses",
	    (json_int_t)uses));
	explicit_bzero(token, sizeof(token));
}

static int
json_violation(void *ctx, const struct violation_row *v)
{
	json_array_append_new(ctx, json_pack("{s:I, s:s, s:s, s:i, s:I, s:s, "
	    "s:I}", "id", (json_int_t)v->id, "member", v->pseudonym, "step",
	    v->step, "days", v->days, "at", (json_int_t)v->at, "recorded_by",
	    v->recorded_by, "incident", (json_int_t)v->incident_id));
	return 0;
}

/* GET /api/v1/violations: never the notes */
void
api_violations_list(struct req *r)
{
	json_t *arr = json_array();

	if (prevention_violation_each(r->db, 0, json_violation, arr) != 0) {
		json_decref(arr);
		req_fail(r, 500, "the violations could not be read");
		return;
	}
	req_json(r, 200, json_pack("{s:o}", "violations", arr));
}

/* POST /api/v1/violations {"pseudonym", "message", "note"?, "step"?,
** "days"?, "incident"?} */
void
api_violations_record(struct req *r)
{
	struct ladder_step applied;
	char err[ERR_MAX] = "";
	long long days, incident;
	int64_t mid, id;

	if (!member_field(r, &mid))
		return;
	if (req_json_int(r, "days", 0, 365, 0, &days) != 0 ||
	    req_json_int(r, "incident", 0, INT64_MAX / 2, 0, &incident) != 0)
		return;
	if (violations_record(r->gate, mid, incident, req_form(r, "step"),
	    (int)days, req_form(r, "message"), req_form(r, "note"), &id,
	    &applied, err) != 0) {
		req_fail(r, strstr(err, "cannot save") ? 500 : 400, err);
		return;
	}
	req_json(r, 201, json_pack("{s:I, s:s, s:i}", "id", (json_int_t)id,
	    "step", applied.step, "days", applied.days));
}

static int
json_training(void *ctx, const struct training_status *t)
{
	json_array_append_new(ctx, json_pack("{s:s, s:s, s:s, s:I}", "user",
	    t->user, "role", t->role, "training", t->training,
	    "current_until", (json_int_t)t->current_until));
	return 0;
}

/* GET /api/v1/training */
void
api_training_list(struct req *r)
{
	json_t *arr = json_array();

	if (prevention_training_status_each(r->db, json_training, arr) != 0) {
		json_decref(arr);
		req_fail(r, 500, "the training records could not be read");
		return;
	}
	req_json(r, 200, json_pack("{s:o}", "training", arr));
}

/* POST /api/v1/training {"user", "training", "date"? (YYYY-MM-DD)} */
void
api_training_record(struct req *r)
{
	const char *user = req_form(r, "user"), *t = req_form(r, "training"),
	    *d = req_form(r, "date");
	char err[ERR_MAX];
	int64_t at = util_now();

	if (user == NULL || t == NULL) {
		req_fail(r, 400, "user and training are required");
		return;
	}
	if (d && (at = training_parse_date(d)) < 0) {
		req_fail(r, 400, "date is YYYY-MM-DD");
		return;
	}
	if (training_record(r->gate, user, t, at, err) != 0) {
		req_fail(r, strstr(err, "cannot save") ? 500 : 400, err);
		return;
	}
	req_json(r, 201, json_pack("{s:s, s:s}", "user", user, "training", t));
}

/* POST /api/v1/members/{id}/contact {"reason"}: admins */
void
api_member_contact(struct req *r)
{
	char err[ERR_MAX], *text;

	text = contact_reveal(r->gate, req_param(r, "id"), req_form(r,
	    "reason"), err);
	if (text == NULL) {
		req_fail(r, err[0] ? (strstr(err, "no such") ? 404 : 400) :
		    404, err[0] ? err : "that member gave no contact details");
		return;
	}
	req_json(r, 200, json_pack("{s:I, s:s}", "member",
	    (json_int_t)req_param(r, "id"), "contact", text));
	gate_wipe(text);
}

/* ---- what the console shows moderators, for automation ---- */

struct opened {
	struct req *r;
	json_t *answers;
	int found;
};

static int
open_answers(void *ctx, const struct application_row *a)
{
	struct opened *o = ctx;
	char err[ERR_MAX], *text = NULL;

	o->found = 1;
	/* as the console's review: a decided application's answers are the
	** member's now (their export), not the moderators' */
	if (strcmp(a->status, "pending") != 0) {
		o->found = 2;
		return 0;
	}
	if (a->answers && a->answers_len) {
		text = gate_open(o->r->gate, SEALED_APPLICATION_ANSWERS, a->id,
		    a->answers, a->answers_len, err);
		o->answers = text ? json_loads(text, 0, NULL) : NULL;
	} else
		o->answers = json_array();
	gate_wipe(text);
	return 0;
}

/* POST /api/v1/applications/{id}/open: a pending application's answers,
** opened as the console's review opens them (audited, counted as
** exposure) */
void
api_application_open(struct req *r)
{
	struct opened o = { r, NULL, 0 };

	if (membership_application_get(r->db, req_param(r, "id"),
	    open_answers, &o) < 0) {
		req_fail(r, 500, "the application could not be read");
		return;
	}
	if (!o.found) {
		req_fail(r, 404, "there is no such application");
		return;
	}
	if (o.found == 2) {
		req_fail(r, 409, "that application is decided; its answers are "
		    "no longer opened");
		return;
	}
	if (o.answers == NULL) {
		req_fail(r, 500, "the answers could not be opened");
		return;
	}
	req_json(r, 200, json_pack("{s:I, s:o}", "id", (json_int_t)
	    req_param(r, "id"), "answers", o.answers));
}

static int
json_invitation(void *ctx, const struct invitation_row *v)
{
	return json_array_append_new(ctx, json_pack("{s:I, s:s, s:s, s:I, "
	    "s:I, s:i, s:b}", "id", (json_int_t)v->id, "note", v->note,
	    "created_by", v->created_by, "created_at", (json_int_t)
	    v->created_at, "expires_at", (json_int_t)v->expires_at,
	    "uses_left", v->uses_left, "revoked", v->revoked_at != 0));
}

/* GET /api/v1/invitations: never their links, which are shown once */
void
api_invitations_list(struct req *r)
{
	json_t *arr = json_array();

	if (membership_invitation_each(r->db, json_invitation, arr) != 0) {
		json_decref(arr);
		req_fail(r, 500, "the invitations could not be read");
		return;
	}
	req_json(r, 200, json_pack("{s:o}", "invitations", arr));
}

static int
json_member(void *ctx, const struct member_row *m)
{
	return json_array_append_new(ctx, json_pack("{s:I, s:s, s:s, s:I, "
	    "s:b}", "id", (json_int_t)m->id, "pseudonym", m->pseudonym,
	    "status", m->status, "joined_at", (json_int_t)m->joined_at,
	    "has_contact", m->has_contact));
}

/* GET /api/v1/members: by pseudonym; contact details stay sealed */
void
api_members_list(struct req *r)
{
	json_t *arr = json_array();

	if (community_member_each(r->db, json_member, arr) != 0) {
		json_decref(arr);
		req_fail(r, 500, "the members could not be read");
		return;
	}
	req_json(r, 200, json_pack("{s:o}", "members", arr));
}

struct api_read {
	struct req *r;
	json_t *posts;
	char mark[COPYMARK_BYTES + 1];
	struct buf text;
};

static int
put_text(void *ctx, const char *p, size_t n, int is_mark)
{
	(void)is_mark;
	return buf_append(ctx, p, n);
}

static int
api_read_post(void *ctx, const struct group_post *p)
{
	struct api_read *a = ctx;
	char err[ERR_MAX], *text, *labels = NULL;

	text = gate_open(a->r->gate, SEALED_POST_BODY, p->id, p->body,
	    p->body_len, err);
	if (p->cw && p->cw_len)
		labels = gate_open(a->r->gate, SEALED_POST_CW, p->id, p->cw,
		    p->cw_len, err);
	buf_reset(&a->text);
	/* the words carry the reader's copy marks, as on the console */
	if (text)
		copymark_split(text, strlen(text), a->mark, put_text, &a->text);
	json_array_append_new(a->posts, json_pack("{s:I, s:o?, s:s, s:b, "
	    "s:I, s:o?, s:s?, s:s?}", "id", (json_int_t)p->id, "reply_to",
	    p->reply_to ? json_integer(p->reply_to) : NULL, "author",
	    p->author, "anonymous", p->anonymous, "created_at",
	    (json_int_t)p->created_at, "edited_at", p->edited_at ?
	    json_integer(p->edited_at) : NULL, "content_warning", labels &&
	    labels[0] ? labels : NULL, "text", text ? (a->text.data ?
	    a->text.data : "") : NULL));
	gate_wipe(text);
	gate_wipe(labels);
	return 0;
}

/* POST /api/v1/groups/{id}/read: a moderator reads a group's
** conversation, as on the console: admins and the group's own moderators
** (any moderator while it has none); each post opened is audited and
** counts towards their exposure; the words carry their copy marks. */
void
api_group_read(struct req *r)
{
	struct api_read a;
	struct space_row sp;
	char name[GROUPS_NAME_MAX + 1];
	int64_t gid = req_param(r, "id");
	int rc, anon;

	rc = community_group_get(r->db, gid, name, sizeof(name), &anon);
	if (rc != 1) {
		req_fail(r, rc < 0 ? 500 : 404, rc < 0 ? "the group could not "
		    "be read" : "there is no such group");
		return;
	}
	if (role_parse(r->user.role) < ROLE_ADMIN &&
	    prevention_group_moderated_by(r->db, gid, r->user.id) != 1) {
		req_fail(r, 403, "only the group's own moderators and admins "
		    "read its conversation");
		return;
	}
	/* a healing space that has ended is read by nobody, as on the
	** console, before its words are erased */
	rc = healing_space_get(r->db, gid, &sp);
	if (rc != DB_ROW && rc != DB_DONE) {
		req_fail(r, 500, "the group could not be read");
		return;
	}
	if (rc == DB_ROW && (sp.ended_at || sp.ends_at <= util_now())) {
		req_fail(r, 410, "this healing space has ended; what was said "
		    "in it is erased");
		return;
	}
	memset(&a, 0, sizeof(a));
	a.r = r;
	if (copymark_make(r->gate, r->user.id, a.mark) != 0 ||
	    (a.posts = json_array()) == NULL) {
		req_fail(r, 500, "the conversation cannot be shown to this "
		    "account");
		return;
	}
	buf_init(&a.text, (size_t)1 << 22);
	rc = community_group_posts_each(r->db, gid, 1000, api_read_post, &a);
	if (a.text.data)
		explicit_bzero(a.text.data, a.text.alloc);
	buf_free(&a.text);
	if (rc != 0) {
		json_decref(a.posts);
		req_fail(r, 500, "the conversation could not be read");
		return;
	}
	req_json(r, 200, json_pack("{s:I, s:s, s:o}", "id", (json_int_t)gid,
	    "name", name, "posts", a.posts));
}
