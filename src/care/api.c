/*
** api.c: the JSON API of sustained support and healing spaces.  See
** api.h.
*/
#include "api.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "../core/gate.h"
#include "../healing/spaces.h"
#include "../prevention/pseudonym.h"
#include "../store/accounts.h"
#include "../store/care.h"
#include "../store/community.h"
#include "../store/db.h"
#include "../store/healing.h"
#include "../util/util.h"
#include "../web/server.h"
#include "case.h"
#include "checkin.h"
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
** sealed words): 403 when the case is someone else's, else 409. */
static void
refused(struct req *r, const char *err)
{
	req_json(r, strstr(err, "held by someone else") ? 403 : 409,
	    json_pack("{ss}", "error", err));
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
