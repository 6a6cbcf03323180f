/*
** api.c: the JSON API of sustained support and healing spaces.  See
** api.h.
*/
#include "api.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/gate.h"
#include "../prevention/training.h"
#include "../response/outreach.h"
#include "../healing/spaces.h"
#include "../prevention/pseudonym.h"
#include "../store/accounts.h"
#include "../store/care.h"
#include "../store/community.h"
#include "../store/db.h"
#include "../store/healing.h"
#include "../store/peers.h"
#include "../util/util.h"
#include "../web/server.h"
#include "case.h"
#include "checkin.h"
#include "help.h"
#include "holder.h"
#include "message.h"
#include "peers.h"
#include "prefs.h"

/* The member a string field names.  Returns 1 with *id, or 0 after
** answering. */
static int
member_of(struct req *r, const char *field, int64_t *id)
{
	const char *p = req_form(r, field);
	char msg[64];

	if (p == NULL) {
		snprintf(msg, sizeof(msg), "%s is required", field);
		req_fail(r, 400, msg);
		return 0;
	}
	if (pseudonym_member(r->db, p, id) != 1) {
		req_fail(r, 404, "no member with that pseudonym");
		return 0;
	}
	return 1;
}

/* The account a string field names.  Returns 1 with *id, or 0 after
** answering. */
static int
user_of(struct req *r, const char *field, int64_t *id)
{
	const char *name = req_form(r, field);
	struct user u;
	char msg[64];

	if (name == NULL) {
		snprintf(msg, sizeof(msg), "%s is required", field);
		req_fail(r, 400, msg);
		return 0;
	}
	if (accounts_user_by_name(r->db, name, &u) != DB_ROW) {
		req_fail(r, 404, "no account with that name");
		return 0;
	}
	*id = u.id;
	return 1;
}

/* Answer a refusal of the logic with its reason (which never holds
** sealed words): 403 when the case is someone else's, 404 when there is
** none, else 409. */
static void
refused(struct req *r, const char *err)
{
	req_json(r, strstr(err, "held by someone else") ? 403 :
	    strstr(err, "there is no ") ? 404 : 409, json_pack("{ss}", "error",
	    err));
}

/* POST /api/v1/care {"member", "supporter", "incident"?} */
void
care_open_api(struct req *r)
{
	char err[ERR_MAX];
	long long incident;
	int64_t m, s, id;

	if (!member_of(r, "member", &m) || !user_of(r, "supporter", &s) ||
	    req_json_int(r, "incident", 0, INT64_MAX, 0, &incident) != 0)
		return;
	if (care_open(r->gate, m, s, incident, &id, err) != 0) {
		refused(r, err);
		return;
	}
	req_json(r, 201, care_case_json(r->db, id));
}

/* POST /api/v1/care/{id}/hand {"to", "reason"} */
void
care_hand_api(struct req *r)
{
	const char *reason = req_form(r, "reason");
	char err[ERR_MAX];
	int64_t to;

	if (!user_of(r, "to", &to))
		return;
	if (care_hand(r->gate, req_param(r, "id"), to, reason ? reason :
	    "other", err) != 0) {
		refused(r, err);
		return;
	}
	req_json(r, 200, care_case_json(r->db, req_param(r, "id")));
}

/* POST /api/v1/care/{id}/close {"forget"?} */
void
care_close_api(struct req *r)
{
	char err[ERR_MAX];
	int64_t id = req_param(r, "id");

	if (care_close(r->gate, id, 0, err) != 0 || (req_json_bool(r,
	    "forget") && care_forget(r->gate, id, 0, err) != 0)) {
		refused(r, err);
		return;
	}
	req_json(r, 200, care_case_json(r->db, id));
}

/* POST /api/v1/checkins/{id} {"action": "done"|"skip"|"move", "note"?,
** "due_at"? (RFC 3339, for move)} */
void
care_checkin_api(struct req *r)
{
	const char *action = req_form(r, "action"), *at = req_form(r,
	    "due_at");
	char err[ERR_MAX];
	int64_t id = req_param(r, "id"), due;
	int rc;

	if (action == NULL) {
		req_fail(r, 400, "action is done, skip or move");
		return;
	}
	if (strcmp(action, "done") == 0)
		rc = checkin_done(r->gate, id, req_form(r, "note"), err);
	else if (strcmp(action, "skip") == 0)
		rc = checkin_skip(r->gate, id, err);
	else if (strcmp(action, "move") == 0) {
		if (at == NULL || checkin_parse_time(at, &due) != 0) {
			req_fail(r, 400, "due_at is an RFC 3339 time");
			return;
		}
		rc = checkin_move(r->gate, id, due, err);
	} else {
		req_fail(r, 400, "action is done, skip or move");
		return;
	}
	if (rc != 0) {
		refused(r, err);
		return;
	}
	req_json(r, 200, json_pack("{sIss}", "id", (json_int_t)id, "status",
	    action));
}

/* POST /api/v1/care/prefs {"pseudonym", "contact": bool, "channel"?,
** "every_days"?, "zone"?, "hour"?, "lang"?}: what the member said another
** way. */
void
care_prefs_api(struct req *r)
{
	struct care_prefs p;
	const char *ch = req_form(r, "channel"), *zone = req_form(r, "zone"),
	    *lang = req_form(r, "lang");
	json_t *contact = r->json ? json_object_get(r->json, "contact") : NULL;
	char err[ERR_MAX];
	long long every, hour;
	int64_t m;

	if (!member_of(r, "pseudonym", &m))
		return;
	if (care_prefs_get(r->db, m, &p) < 0) {
		req_fail(r, 500, "the choices could not be read");
		return;
	}
	if (contact == NULL || !json_is_boolean(contact)) {
		req_fail(r, 400, "contact is true or false");
		return;
	}
	if (req_json_int(r, "every_days", 0, 90, p.every_days, &every) != 0 ||
	    req_json_int(r, "hour", 0, 23, p.hour, &hour) != 0)
		return;
	if ((ch && strlen(ch) >= sizeof(p.channel)) || (zone && strlen(zone) >=
	    sizeof(p.zone)) || (lang && strlen(lang) >= sizeof(p.lang))) {
		req_fail(r, 400, "a field is too long");
		return;
	}
	p.contact = json_is_true(contact);
	p.every_days = (int)every;
	p.hour = (int)hour;
	if (ch)
		snprintf(p.channel, sizeof(p.channel), "%s", ch);
	if (zone)
		snprintf(p.zone, sizeof(p.zone), "%s", zone);
	if (lang)
		snprintf(p.lang, sizeof(p.lang), "%s", lang);
	if (care_prefs_change(r->gate, m, &p, 0, err) != 0) {
		refused(r, err);
		return;
	}
	req_json(r, 200, json_pack("{sbsssisissss}", "contact", p.contact,
	    "channel", p.channel, "every_days", p.every_days, "hour", p.hour,
	    "zone", p.zone, "lang", p.lang));
}

/* POST /api/v1/care/{id}/notes {"notes"}: the supporter's notes, sealed,
** replacing the last ("" clears them). */
void
care_notes_api(struct req *r)
{
	const char *notes = req_form(r, "notes");
	char err[ERR_MAX];
	int64_t id = req_param(r, "id");

	if (notes == NULL) {
		req_fail(r, 400, "notes is required");
		return;
	}
	if (care_set_notes(r->gate, id, notes, err) != 0) {
		refused(r, err);
		return;
	}
	req_json(r, 200, care_case_json(r->db, id));
}

/* Message id as JSON (care_message_json). */
static json_t *
message_json(struct db *db, int64_t id)
{
	struct care_message m;
	json_t *o;

	if (care_message_get(db, id, &m) != DB_ROW)
		return json_pack("{sI}", "id", (json_int_t)id);
	o = care_message_json(&m);
	free((void *)m.body);
	free((void *)m.reply);
	return o;
}

static json_t *
lint_json(const struct outreach_lint *l)
{
	json_t *a = json_array();
	int i;

	for (i = 0; i < l->n; i++)
		json_array_append_new(a, json_string(l->problem[i]));
	return a;
}

/* POST /api/v1/checkins/{id}/draft {"country"?}: a check-in message from
** the member's language's template, with resources for their country. */
void
care_draft_api(struct req *r)
{
	char err[ERR_MAX];
	int64_t id;

	if (care_message_draft(r->gate, req_param(r, "id"), req_form(r,
	    "country"), &id, err) != 0) {
		refused(r, err);
		return;
	}
	req_json(r, 201, message_json(r->db, id));
}

/* POST /api/v1/care/{id}/updates {"takedown"}: a plain update on a
** removal request, drafted for review. */
void
care_update_api(struct req *r)
{
	char err[ERR_MAX];
	long long takedown;
	int64_t id;

	if (req_json_int(r, "takedown", 1, INT64_MAX, 0, &takedown) != 0)
		return;
	if (takedown == 0) {
		req_fail(r, 400, "takedown is required");
		return;
	}
	if (care_update_draft(r->gate, req_param(r, "id"), takedown, &id,
	    err) != 0) {
		refused(r, err);
		return;
	}
	req_json(r, 201, message_json(r->db, id));
}

/* POST /api/v1/care-messages/{id}/open: the words of a message, opened
** through the gateway for the case's holder. */
void
care_message_open_api(struct req *r)
{
	struct care_message m;
	char err[ERR_MAX] = "", *text = NULL;
	json_t *o;
	int64_t id = req_param(r, "id");
	int had;

	if (care_message_get(r->db, id, &m) != DB_ROW) {
		req_fail(r, 404, "there is no such message");
		return;
	}
	free((void *)m.reply);
	if (care_may_hold(r->gate, m.case_id, err) != 0) {
		free((void *)m.body);
		refused(r, err);
		return;
	}
	had = m.body != NULL;
	if (had)
		text = gate_open(r->gate, SEALED_CARE_MESSAGE, id, m.body,
		    m.body_n, err);
	free((void *)m.body);
	if (had && text == NULL) {
		req_fail(r, 500, "the message could not be opened");
		return;
	}
	o = message_json(r->db, id);
	json_object_set_new(o, "body", json_string(text ? text : ""));
	gate_wipe(text);
	req_json(r, 200, o);
}

/* POST /api/v1/care-messages/{id} {"body"}: new words for a draft, with
** what the lint finds in them. */
void
care_message_edit_api(struct req *r)
{
	struct outreach_lint lint;
	const char *body = req_form(r, "body");
	char err[ERR_MAX];
	int64_t id = req_param(r, "id");

	if (body == NULL) {
		req_fail(r, 400, "body is required");
		return;
	}
	memset(&lint, 0, sizeof(lint));
	if (care_message_edit(r->gate, id, body, &lint, err) != 0) {
		if (lint.n > 0)
			req_json(r, 422, json_pack("{ssso}", "error", err,
			    "problems", lint_json(&lint)));
		else
			refused(r, err);
		return;
	}
	req_json(r, 200, json_pack("{soso}", "message", message_json(r->db,
	    id), "problems", lint_json(&lint)));
}

/* POST /api/v1/care-messages/{id}/send: 200 sent, 502 when the channel
** did not take it (it stays to send again), 409 with the lint's problems
** when it may not go. */
void
care_message_send_api(struct req *r)
{
	struct outreach_lint lint;
	char err[ERR_MAX];
	int64_t id = req_param(r, "id");
	int rc;

	memset(&lint, 0, sizeof(lint));
	rc = care_message_send(r->gate, id, &lint, err);
	if (rc == 0)
		req_json(r, 200, message_json(r->db, id));
	else if (rc == 1)
		req_json(r, 502, json_pack("{ssso}", "error", "not delivered; "
		    "it stays to send again", "message", message_json(r->db,
		    id)));
	else if (lint.n > 0)
		req_json(r, 409, json_pack("{ssso}", "error", err, "problems",
		    lint_json(&lint)));
	else
		refused(r, err);
}

static json_t *
offer_json(struct db *db, int64_t id)
{
	struct care_offer o;

	if (care_offer_get(db, id, &o) != DB_ROW)
		return json_pack("{sI}", "id", (json_int_t)id);
	return care_offer_json(&o);
}

/* POST /api/v1/care/{id}/offers {"therapist"?, "sessions"?}: sessions
** the community covers (6 unless said, 1 to 52). */
void
care_offer_api(struct req *r)
{
	char err[ERR_MAX];
	long long therapist, sessions;
	int64_t id;

	if (req_json_int(r, "therapist", 0, INT64_MAX, 0, &therapist) != 0 ||
	    req_json_int(r, "sessions", 1, 52, 6, &sessions) != 0)
		return;
	if (care_offer(r->gate, req_param(r, "id"), therapist, (int)sessions,
	    &id, err) != 0) {
		refused(r, err);
		return;
	}
	req_json(r, 201, offer_json(r->db, id));
}

/* POST /api/v1/offers/{id} {"status"}: accepted, declined, ended... */
void
care_offer_mark_api(struct req *r)
{
	const char *status = req_form(r, "status");
	char err[ERR_MAX];
	int64_t id = req_param(r, "id");

	if (status == NULL) {
		req_fail(r, 400, "status is required");
		return;
	}
	if (care_offer_mark(r->gate, id, status, err) != 0) {
		refused(r, err);
		return;
	}
	req_json(r, 200, offer_json(r->db, id));
}

/* POST /api/v1/offers/{id}/sessions {"date": "YYYY-MM-DD", "cost":
** "45.00"}: a covered session, against the budget. */
void
care_session_api(struct req *r)
{
	const char *d = req_form(r, "date"), *c = req_form(r, "cost");
	char err[ERR_MAX];
	int64_t id = req_param(r, "id"), on, cost;

	if (d == NULL || (on = training_parse_date(d)) <= 0) {
		req_fail(r, 400, "date is YYYY-MM-DD");
		return;
	}
	if (c == NULL || care_parse_money(c, &cost) != 0) {
		req_fail(r, 400, "cost is an amount such as \"45.00\"");
		return;
	}
	if (care_session(r->gate, id, on, cost, err) != 0) {
		refused(r, err);
		return;
	}
	req_json(r, 201, offer_json(r->db, id));
}

static int
help_found(void *ctx, const struct care_help *h)
{
	*(json_t **)ctx = care_help_json(h);
	return 0;
}

/* Answer with a piece of practical help (its note stays sealed). */
static void
help_answer(struct req *r, int status, int64_t id)
{
	json_t *o = NULL;

	care_helps_each(r->db, 0, id, help_found, &o);
	if (o == NULL)
		req_fail(r, 404, "there is no such help");
	else
		req_json(r, status, o);
}

/* POST /api/v1/care/{id}/help {"kind", "note"}: practical help with an
** employer, a school or a platform, its note sealed. */
void
care_help_api(struct req *r)
{
	const char *kind = req_form(r, "kind"), *note = req_form(r, "note");
	char err[ERR_MAX];
	int64_t id;

	if (kind == NULL || note == NULL) {
		req_fail(r, 400, "kind and note are required");
		return;
	}
	if (care_help(r->gate, req_param(r, "id"), kind, note, &id, err) != 0) {
		refused(r, err);
		return;
	}
	help_answer(r, 201, id);
}

/* POST /api/v1/help/{id} {"outcome"} */
void
care_help_mark_api(struct req *r)
{
	const char *outcome = req_form(r, "outcome");
	char err[ERR_MAX];

	if (outcome == NULL) {
		req_fail(r, 400, "outcome is required");
		return;
	}
	if (care_help_mark(r->gate, req_param(r, "id"), outcome, err) != 0) {
		refused(r, err);
		return;
	}
	help_answer(r, 200, req_param(r, "id"));
}

/* POST /api/v1/care/{id}/peer {"peer"}: propose an introduction to a
** trained peer supporter; both must say yes before a word passes. */
void
care_peer_api(struct req *r)
{
	struct intro_row i;
	char err[ERR_MAX];
	int64_t peer, id;

	if (!member_of(r, "peer", &peer))
		return;
	if (peer_introduce(r->gate, req_param(r, "id"), peer, &id, err) != 0) {
		refused(r, err);
		return;
	}
	if (peers_intro_get(r->db, id, &i) != DB_ROW) {
		req_fail(r, 500, "the introduction could not be read");
		return;
	}
	req_json(r, 201, json_pack("{sIsIssss}", "id", (json_int_t)i.id,
	    "case", (json_int_t)i.case_id, "peer", i.peer, "status",
	    "waiting for both to say yes"));
}

static int
space_json(void *ctx, const struct space_row *s, const char *answer)
{
	char ends[32];

	(void)answer;
	util_format_rfc3339(s->ends_at, ends, sizeof(ends));
	json_array_append_new(ctx, json_pack("{sIsssssssisIsIsb}", "id",
	    (json_int_t)s->group_id, "name", s->name, "facilitator",
	    s->facilitator, "ends_at", ends, "capacity", s->capacity,
	    "members", (json_int_t)s->members, "invited",
	    (json_int_t)s->invited, "ended", s->ended_at != 0));
	return 0;
}

/* GET /api/v1/spaces */
void
spaces_list_api(struct req *r)
{
	json_t *list = json_array();

	if (healing_spaces_each(r->db, 0, space_json, list) != 0) {
		json_decref(list);
		req_fail(r, 500, "the spaces could not be read");
		return;
	}
	req_json(r, 200, json_pack("{so}", "spaces", list));
}

/* POST /api/v1/spaces {"name", "facilitator", "days", "incident"?,
** "capacity"?, "reminder"?} */
void
spaces_open_api(struct req *r)
{
	struct space_new n;
	char err[ERR_MAX];
	long long days, cap, incident;
	int64_t gid;
	int invited;

	memset(&n, 0, sizeof(n));
	n.name = req_form(r, "name");
	n.reminder = req_form(r, "reminder");
	if (n.name == NULL) {
		req_fail(r, 400, "name is required");
		return;
	}
	if (!user_of(r, "facilitator", &n.facilitator) || req_json_int(r,
	    "days", 1, SPACE_MAX_DAYS, 28, &days) != 0 || req_json_int(r,
	    "capacity", 2, SPACE_MAX_CAPACITY, SPACE_DEFAULT_CAPACITY, &cap) !=
	    0 || req_json_int(r, "incident", 0, INT64_MAX, 0, &incident) != 0)
		return;
	n.days = (int)days;
	n.capacity = (int)cap;
	n.incident = incident;
	if (healing_space_open(r->gate, &n, &gid, &invited, err) != 0) {
		refused(r, err);
		return;
	}
	req_json(r, 201, json_pack("{sIsi}", "id", (json_int_t)gid, "invited",
	    invited));
}
