/*
** case.c: care cases, and `sanctum care open|show|list|hand|close`.  See
** case.h.
*/
#include "case.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../cli.h"
#include "../admin/roles.h"
#include "../core/gate.h"
#include "../prevention/pseudonym.h"
#include "../store/accounts.h"
#include "../store/care.h"
#include "../store/community.h"
#include "../store/db.h"
#include "../store/peers.h"
#include "../store/response.h"
#include "../util/util.h"
#include "checkin.h"
#include "holder.h"

#define NOTE_MAX 8000	/* bytes of a note or of the member's words */

static void
case_target(int64_t id, char *out, size_t cap)
{
	snprintf(out, cap, "care case %lld", (long long)id);
}

/* Open a care case for member, held by user supporter, about incident
** (0: none), and plan its check-ins from the member's choices.  Returns 0
** and sets *id, or -1 with err. */
int
care_open(struct gate *g, int64_t member, int64_t supporter,
    int64_t incident, int64_t *id, char *err)
{
	struct db *db = gate_db(g);
	struct incident_row ir;
	char target[32], detail[96], status[16];
	int64_t existing;
	int a, b, c;

	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	if (community_member_status(db, member, status, sizeof(status)) != DB_ROW ||
	    strcmp(status, "left") == 0) {
		err_set(err, "that member is not in the community");
		goto fail;
	}
	if (care_user_may_support(db, supporter, util_now()) != 1) {
		err_set(err, "a case is held by a supporter, or by a moderator "
		    "whose training is current");
		goto fail;
	}
	if (incident != 0 && (response_incident_get(db, incident, &ir) !=
	    DB_ROW || response_consent_get(db, incident, member, &a, &b, &c)
	    != DB_ROW)) {
		err_set(err, "that member is not affected by incident %lld",
		    (long long)incident);
		goto fail;
	}
	if (care_case_open_for(db, member, incident, &existing) != 0) {
		err_set(err, "care case %lld is already open for that member",
		    (long long)existing);
		goto fail;
	}
	if (care_case_add(db, member, incident, supporter, util_now(), id) !=
	    0)
		goto db_fail;
	if (checkin_replan(g, *id, err) != 0)
		goto fail;
	case_target(*id, target, sizeof(target));
	snprintf(detail, sizeof(detail), "member %lld, held by user %lld",
	    (long long)member, (long long)supporter);
	if (incident)
		snprintf(detail + strlen(detail), sizeof(detail) -
		    strlen(detail), ", incident %lld", (long long)incident);
	if (gate_audit(g, "care.open", target, detail) != 0 ||
	    gate_commit(g) != 0)
		goto db_fail;
	return 0;
db_fail:
	err_set(err, "cannot save: %s", db_error(db));
fail:
	gate_rollback(g);
	return -1;
}

static const char *const reasons[] = {
	"rota", "stepping back", "member asked", "other"
};

/* Hand case id to user `to` for reason.  Returns 0 or -1 with err. */
int
care_hand(struct gate *g, int64_t id, int64_t to, const char *reason,
    char *err)
{
	struct db *db = gate_db(g);
	struct care_case cs;
	char target[32], detail[96];
	size_t i;

	for (i = 0; i < sizeof(reasons) / sizeof(reasons[0]); i++)
		if (reason && strcmp(reason, reasons[i]) == 0)
			break;
	if (i == sizeof(reasons) / sizeof(reasons[0])) {
		err_set(err, "a handover is for: rota, stepping back, member "
		    "asked or other");
		return -1;
	}
	if (care_may_hold(g, id, err) != 0)
		return -1;
	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	if (care_case_get(db, id, &cs) != DB_ROW || cs.closed_at != 0) {
		err_set(err, "there is no open care case %lld", (long long)id);
		goto fail;
	}
	if (cs.supporter_id == to) {
		err_set(err, "the case is already theirs");
		goto fail;
	}
	if (care_user_may_support(db, to, util_now()) != 1) {
		err_set(err, "a case is held by a supporter, or by a moderator "
		    "whose training is current");
		goto fail;
	}
	case_target(id, target, sizeof(target));
	snprintf(detail, sizeof(detail), "from user %lld to user %lld (%s)",
	    (long long)cs.supporter_id, (long long)to, reasons[i]);
	if (care_case_hand(db, id, cs.supporter_id, to, gate_actor(g)->name,
	    reasons[i], util_now()) != 0 || gate_audit(g, "care.hand", target,
	    detail) != 0 || gate_commit(g) != 0) {
		err_set(err, "cannot save: %s", db_error(db));
		goto fail;
	}
	return 0;
fail:
	gate_rollback(g);
	return -1;
}

/* Close case id, or (forget) delete a closed case's notes: for its member
** (who must be the actor) or by the person supporting them.  Returns 0 or
** -1 with err. */
static int
end_step(struct gate *g, int64_t id, int by_member, int forget, char *err)
{
	char target[32];
	int rc;

	if (by_member ? care_member_case(g, id, err) != 0 : care_may_hold(g,
	    id, err) != 0)
		return -1;
	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	rc = forget ? care_case_forget_notes(gate_db(g), id, util_now()) :
	    care_case_close(gate_db(g), id, by_member ? "member" :
	    gate_actor(g)->name, util_now());
	if (rc == 0) {
		if (forget)
			err_set(err, "notes are deleted once the case is closed");
		else
			err_set(err, "there is no open care case %lld",
			    (long long)id);
		goto fail;
	}
	case_target(id, target, sizeof(target));
	if (rc < 0 || gate_audit(g, forget ? "care.forget" : "care.close",
	    target, forget ? (by_member ? "notes deleted at the member's "
	    "request" : "notes deleted") : by_member ? "by the member" :
	    "by the person supporting them") != 0 || gate_commit(g) != 0) {
		err_set(err, "cannot save: %s", db_error(gate_db(g)));
		goto fail;
	}
	return 0;
fail:
	gate_rollback(g);
	return -1;
}

/* Close case id: by its member (who must be the actor) or by the person
** supporting them.  Returns 0 or -1 with err. */
int
care_close(struct gate *g, int64_t id, int by_member, char *err)
{
	return end_step(g, id, by_member, 0, err);
}

/* Delete a closed case's notes and the member's words.  Returns 0 or -1
** with err. */
int
care_forget(struct gate *g, int64_t id, int by_member, char *err)
{
	return end_step(g, id, by_member, 1, err);
}

static int
keep_sealed(struct gate *g, int64_t id, enum sealed_col col, const char *text,
    const char *action, char *err)
{
	struct care_case cs;
	char target[32];
	uint8_t *sealed = NULL;
	size_t sn = 0, n = text ? strlen(text) : 0;

	if (n > NOTE_MAX || !util_valid_text(text ? text : "", n)) {
		err_set(err, "write up to %d characters of text", NOTE_MAX);
		return -1;
	}
	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	if (care_case_get(gate_db(g), id, &cs) != DB_ROW) {
		err_set(err, "there is no care case %lld", (long long)id);
		goto fail;
	}
	if (n > 0 && (sealed = gate_seal(g, col, id, text, &sn)) == NULL)
		goto db_fail;
	if ((col == SEALED_CARE_NEEDS ? care_case_needs(gate_db(g), id, sealed,
	    sn) : care_case_notes(gate_db(g), id, sealed, sn)) != 0)
		goto db_fail;
	case_target(id, target, sizeof(target));
	if (gate_audit(g, action, target, n ? "sealed" : "cleared") != 0 ||
	    gate_commit(g) != 0)
		goto db_fail;
	free(sealed);
	return 0;
db_fail:
	err_set(err, "cannot save: %s", db_error(gate_db(g)));
fail:
	free(sealed);
	gate_rollback(g);
	return -1;
}

/* The member's own words about what they need (the member must be the
** actor); empty clears them.  Returns 0 or -1 with err. */
int
care_set_needs(struct gate *g, int64_t id, const char *text, char *err)
{
	if (care_member_case(g, id, err) != 0)
		return -1;
	return keep_sealed(g, id, SEALED_CARE_NEEDS, text, "care.needs", err);
}

/* The supporter's notes on the case (replacing the last). */
int
care_set_notes(struct gate *g, int64_t id, const char *text, char *err)
{
	if (care_may_hold(g, id, err) != 0)
		return -1;
	return keep_sealed(g, id, SEALED_CASE_NOTES, text, "care.notes", err);
}

/* The command line. */

/* sanctum care open --member PSEUDONYM --supporter NAME [--incident ID] */
int
care_open_cmd(struct cli *c, int argc, char **argv)
{
	const char *member = NULL, *supporter = NULL;
	char err[ERR_MAX];
	long long incident = 0;
	int64_t m, s, id;
	int i, rc;

	for (i = 1; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "--member") == 0)
			member = argv[i + 1];
		else if (strcmp(argv[i], "--supporter") == 0)
			supporter = argv[i + 1];
		else if (strcmp(argv[i], "--incident") == 0 &&
		    util_parse_int(argv[i + 1], 1, INT64_MAX, &incident) == 0)
			;
		else
			return cli_usage(c, "care");
	}
	if (i != argc || member == NULL || supporter == NULL)
		return cli_usage(c, "care");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (pseudonym_member(c->db, member, &m) != 1)
		return cli_fail("care: no member is known by that pseudonym");
	if (accounts_user_id(c->db, supporter, &s) != 1)
		return cli_fail("care: there is no account %s", supporter);
	if (care_open(c->gate, m, s, incident, &id, err) != 0)
		return cli_fail("care: %s", err);
	cli_say(c, "%lld\n", (long long)id);
	return EXIT_OK;
}

static json_t *
time_json(int64_t t)
{
	char s[32];

	if (t == 0)
		return json_null();
	util_format_rfc3339(t, s, sizeof(s));
	return json_string(s);
}

static int
checkin_json(void *ctx, const struct care_checkin *k)
{
	json_array_append_new(ctx, json_pack("{sIsssossso*so*so}", "id",
	    (json_int_t)k->id, "label", k->label, "due_at", time_json(k->due_at),
	    "status", k->status, "moved_from", k->moved_from ?
	    time_json(k->moved_from) : NULL, "done_at", k->done_at ?
	    time_json(k->done_at) : NULL, "note", json_boolean(k->has_note)));
	return 0;
}

static int
handover_json(void *ctx, const struct care_handover *h)
{
	json_array_append_new(ctx, json_pack("{sossssssss}", "at",
	    time_json(h->at), "from", h->from, "to", h->to, "by", h->by,
	    "reason", h->reason));
	return 0;
}

static json_t *
id_json(int64_t id)
{
	return id ? json_integer(id) : json_null();
}

/* A check-in message (or an update on a removal) as JSON: its state,
** never its words.  Returns a new reference. */
json_t *
care_message_json(const struct care_message *m)
{
	return json_pack("{s:I, s:I, s:o, s:o, s:s, s:s, s:s, s:o, s:o, s:b, "
	    "s:b}", "id", (json_int_t)m->id, "case", (json_int_t)m->case_id,
	    "checkin", id_json(m->checkin_id), "takedown",
	    id_json(m->takedown_id), "channel", m->channel, "language",
	    m->lang, "status", m->status, "created_at",
	    time_json(m->created_at), "sent_at", time_json(m->sent_at),
	    "replied", m->replied_at != 0, "error", m->error[0] != '\0');
}

/* A counselling offer as JSON (`spent` in the budget's minor units).
** Returns a new reference. */
json_t *
care_offer_json(const struct care_offer *o)
{
	return json_pack("{s:I, s:I, s:I, s:s, s:i, s:i, s:s, s:o, s:I}", "id",
	    (json_int_t)o->id, "case", (json_int_t)o->case_id, "therapist_id",
	    (json_int_t)o->therapist_id, "therapist", o->therapist,
	    "sessions", o->sessions, "used", o->used, "status", o->status,
	    "offered_at", time_json(o->offered_at), "spent",
	    (json_int_t)o->spent);
}

/* A piece of practical help as JSON; its note stays sealed.  Returns a
** new reference. */
json_t *
care_help_json(const struct care_help *h)
{
	return json_pack("{s:I, s:I, s:s, s:s, s:o, s:o, s:b}", "id",
	    (json_int_t)h->id, "case", (json_int_t)h->case_id, "kind", h->kind,
	    "outcome", h->outcome, "created_at", time_json(h->created_at),
	    "changed_at", time_json(h->changed_at), "note", h->note_n > 0);
}

static int
message_json(void *ctx, const struct care_message *m)
{
	json_array_append_new(ctx, care_message_json(m));
	return 0;
}

static int
offer_json(void *ctx, const struct care_offer *o)
{
	json_array_append_new(ctx, care_offer_json(o));
	return 0;
}

static int
help_json(void *ctx, const struct care_help *h)
{
	json_array_append_new(ctx, care_help_json(h));
	return 0;
}

static const char *
answer_word(const char *a)
{
	return strcmp(a, "yes") == 0 ? "yes" : strcmp(a, "no") == 0 ? "no" :
	    "waiting";
}

static int
intro_json(void *ctx, const struct intro_row *i)
{
	json_array_append_new(ctx, json_pack("{sIsssssssoso}", "id",
	    (json_int_t)i->id, "peer", i->peer, "peer_answer",
	    answer_word(i->peer_answer), "seeker_answer",
	    answer_word(i->seeker_answer), "proposed_at",
	    time_json(i->proposed_at), "ended_at", time_json(i->ended_at)));
	return 0;
}

/* A case as JSON, with its member's choices, its check-ins (`checkins`,
** each with `due_at` and `status`), its handovers, the messages drafted
** and sent to the member (`messages`), counselling offers (`offers`,
** `spent` in the budget's minor units), practical help (`help`) and peer
** introductions (`introductions`); names, times and states only, never
** notes, message bodies or the member's words.  Returns a new reference,
** or NULL when there is no such case. */
json_t *
care_case_json(struct db *db, int64_t id)
{
	struct care_case cs;
	struct care_prefs p;
	json_t *o, *ks, *hs, *ms, *os, *ps, *is;

	if (care_case_get(db, id, &cs) != DB_ROW ||
	    care_prefs_get(db, cs.member_id, &p) < 0)
		return NULL;
	ks = json_array();
	hs = json_array();
	care_checkins_each(db, id, checkin_json, ks);
	care_handovers_each(db, id, handover_json, hs);
	ms = json_array();
	os = json_array();
	ps = json_array();
	is = json_array();
	care_messages_each(db, id, 0, message_json, ms);
	care_offers_each(db, id, offer_json, os);
	care_helps_each(db, id, 0, help_json, ps);
	peers_intros_each(db, 0, id, intro_json, is);
	o = json_pack("{sIsssssosososssosbsbs{sbss*sssssssi}sosososososo}",
	    "id", (json_int_t)cs.id, "member", cs.pseudonym, "supporter",
	    cs.supporter, "incident", cs.incident_id ?
	    json_integer(cs.incident_id) : json_null(), "opened_at",
	    time_json(cs.opened_at), "closed_at", time_json(cs.closed_at),
	    "status", cs.closed_at ? "closed" : "open", "next_due",
	    time_json(cs.next_due), "needs", cs.has_needs, "notes",
	    cs.has_notes, "choices", "contact", p.contact, "channel",
	    p.contact ? p.channel : NULL, "plan", p.every_days ? "every" :
	    "default", "zone", p.zone, "language", p.lang, "hour", p.hour,
	    "checkins", ks, "handovers", hs, "messages", ms, "offers", os,
	    "help", ps, "introductions", is);
	if (o != NULL && p.every_days)
		json_object_set_new(json_object_get(o, "choices"), "every_days",
		    json_integer(p.every_days));
	return o;
}

/* sanctum care show ID [--json] */
int
care_show_cmd(struct cli *c, int argc, char **argv)
{
	long long id;
	json_t *o, *k;
	size_t i;
	int rc;

	if ((argc != 2 && !(argc == 3 && strcmp(argv[2], "--json") == 0)) ||
	    util_parse_int(argv[1], 1, INT64_MAX, &id) != 0)
		return cli_usage(c, "care");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if ((o = care_case_json(c->db, id)) == NULL)
		return cli_fail("care: there is no care case %lld", id);
	if (argc == 3) {
		cli_print_json(o);
		json_decref(o);
		return EXIT_OK;
	}
	printf("care case %lld: %s, for %s, held by %s\n", id,
	    json_string_value(json_object_get(o, "status")),
	    json_string_value(json_object_get(o, "member")),
	    *json_string_value(json_object_get(o, "supporter")) ?
	    json_string_value(json_object_get(o, "supporter")) : "nobody");
	k = json_object_get(o, "choices");
	if (json_is_true(json_object_get(k, "contact")) &&
	    json_object_get(k, "every_days") != NULL)
		printf("the member chose: %s, every %lld days, %s at %lld:00\n",
		    json_string_value(json_object_get(k, "channel")),
		    (long long)json_integer_value(json_object_get(k,
		    "every_days")), json_string_value(json_object_get(k, "zone")),
		    (long long)json_integer_value(json_object_get(k, "hour")));
	else if (json_is_true(json_object_get(k, "contact")))
		printf("the member chose: %s, the default plan, %s at %lld:00\n",
		    json_string_value(json_object_get(k, "channel")),
		    json_string_value(json_object_get(k, "zone")),
		    (long long)json_integer_value(json_object_get(k, "hour")));
	else
		printf("the member asked not to be contacted\n");
	json_array_foreach(json_object_get(o, "checkins"), i, k)
		printf("  check-in %lld  %-13s %s  %s\n", (long long)
		    json_integer_value(json_object_get(k, "id")),
		    json_string_value(json_object_get(k, "label")),
		    json_string_value(json_object_get(k, "due_at")),
		    json_string_value(json_object_get(k, "status")));
	json_decref(o);
	return EXIT_OK;
}

static int
list_row(void *ctx, const struct care_case *cs)
{
	char next[32] = "-";

	(void)ctx;
	if (cs->next_due)
		util_format_rfc3339(cs->next_due, next, sizeof(next));
	printf("%-6lld %-20s %-20s %-8s %-20s %s\n", (long long)cs->id,
	    cs->pseudonym, cs->supporter[0] ? cs->supporter : "(nobody)",
	    cs->closed_at ? "closed" : "open", next, cs->overdue ? "overdue" :
	    "");
	return 0;
}

/* sanctum care list [--all] */
int
care_list_cmd(struct cli *c, int argc, char **argv)
{
	int rc, all = argc == 2 && strcmp(argv[1], "--all") == 0;

	if (argc != 1 && !all)
		return cli_usage(c, "care");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	printf("%-6s %-20s %-20s %-8s %-20s\n", "CASE", "MEMBER", "HELD BY",
	    "STATUS", "NEXT CHECK-IN");
	if (care_cases_each(c->db, 0, 0, all, util_now(), list_row, NULL) != 0)
		return cli_fail("care: cannot read the cases");
	return EXIT_OK;
}

/* sanctum care hand ID --to NAME [--reason WHY] */
int
care_hand_cmd(struct cli *c, int argc, char **argv)
{
	const char *to = NULL, *reason = "rota";
	char err[ERR_MAX];
	long long id;
	int64_t user;
	int i, rc;

	if (argc < 2 || util_parse_int(argv[1], 1, INT64_MAX, &id) != 0)
		return cli_usage(c, "care");
	for (i = 2; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "--to") == 0)
			to = argv[i + 1];
		else if (strcmp(argv[i], "--reason") == 0)
			reason = argv[i + 1];
		else
			return cli_usage(c, "care");
	}
	if (i != argc || to == NULL)
		return cli_usage(c, "care");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (accounts_user_id(c->db, to, &user) != 1)
		return cli_fail("care: there is no account %s", to);
	if (care_hand(c->gate, id, user, reason, err) != 0)
		return cli_fail("care: %s", err);
	cli_say(c, "care case %lld is now held by %s\n", id, to);
	return EXIT_OK;
}

/* sanctum care close ID [--forget] */
int
care_close_cmd(struct cli *c, int argc, char **argv)
{
	char err[ERR_MAX];
	long long id;
	int rc, forget = argc == 3 && strcmp(argv[2], "--forget") == 0;

	if ((argc != 2 && !forget) || util_parse_int(argv[1], 1, INT64_MAX,
	    &id) != 0)
		return cli_usage(c, "care");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (care_close(c->gate, id, 0, err) != 0 || (forget &&
	    care_forget(c->gate, id, 0, err) != 0))
		return cli_fail("care: %s", err);
	cli_say(c, "care case %lld is closed%s\n", id, forget ?
	    "; its notes are deleted" : "");
	return EXIT_OK;
}
