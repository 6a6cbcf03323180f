/*
** incident.c: opening an incident, its triage, members and locations, the
** risk assessment that opens the way to the later steps, and `sanctum
** incident ...`.  See incident.h.
*/
#include "incident.h"

#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../admin/roles.h"
#include "../cli.h"
#include "../core/gate.h"
#include "../detect/fetch.h"
#include "../moderators/rota.h"
#include "../prevention/pseudonym.h"
#include "../store/auditlog.h"
#include "../store/community.h"
#include "../store/db.h"
#include "../store/moderators.h"
#include "../store/response.h"
#include "../util/util.h"
#include "triage.h"

static const char *const rank_names[] = { "none", "wish", "ideation",
    "method", "intent", "plan", "behavior" };

const char *
incident_rank_name(int rank)
{
	return rank >= 0 && rank <= 6 ? rank_names[rank] : "none";
}

const char *
incident_step_name(int step)
{
	static const char *const names[] = { "assess immediate risk",
	    "contact affected members", "provide support resources",
	    "remove leaked content", "communicate with the community" };

	return step >= 1 && step <= 5 ? names[step - 1] : "closed";
}

/* What triage suggests: immediate when a post shows intent, a plan or
** behaviour; elevated for any other level of risk; low otherwise. */
const char *
incident_suggested_risk(const struct incident_row *r)
{
	if (r->top_rank >= TRIAGE_INTENT)
		return "immediate";
	if (r->top_rank >= TRIAGE_WISH)
		return "elevated";
	return "low";
}

static int
risk_rank(const char *risk)
{
	if (strcmp(risk, "low") == 0)
		return 1;
	if (strcmp(risk, "elevated") == 0)
		return 2;
	if (strcmp(risk, "immediate") == 0)
		return 3;
	return 0;
}

/* May work of step `step` be done on the incident?  It must be open,
** every step after the first waits for the recorded risk assessment, and
** the community is told (step 5) only once every affected member has been
** written to.
** Returns 1, or 0 with err saying what comes first. */
int
incident_may(const struct incident_row *r, int step, char *err)
{
	if (strcmp(r->status, "open") != 0) {
		err_set(err, "incident %lld is closed", (long long)r->id);
		return 0;
	}
	if (step > 1 && r->assessed_at == 0) {
		err_set(err, "step 1 comes first: record the risk assessment of "
		    "incident %lld before %s", (long long)r->id,
		    incident_step_name(step));
		return 0;
	}
	if (step == 5 && r->step < 3) {
		err_set(err, "step 2 comes first: write to every affected member "
		    "of incident %lld before telling the community",
		    (long long)r->id);
		return 0;
	}
	return 1;
}

/* Triage one post's text as the gateway hands it over. */
static void
triage_reader(void *arg, const char *text, size_t len)
{
	triage_text(text, len, arg);
}

/* Add live posts to incident id with their authors as affected members,
** and triage each.  In the caller's transaction, which audits.  Sets
** *added.  Returns 0 or -1. */
int
incident_add_posts(struct gate *g, int64_t id, const int64_t *posts, int n,
    int *added, char *err)
{
	struct db *db = gate_db(g);
	struct triage_result tr;
	void *body, *cw;
	size_t bn, cn;
	char flags[48];
	int i;

	*added = 0;
	for (i = 0; i < n; i++) {
		if (community_post_live(db, posts[i]) != 1)
			continue;
		if (response_incident_post(db, id, posts[i]) != 0 ||
		    response_incident_author_add(db, id, posts[i], util_now())
		    != 0)
			goto fail;
		if (community_post_sealed(db, posts[i], &body, &bn, &cw, &cn)
		    != 1)
			goto fail;
		tr.level = TRIAGE_NONE;
		tr.self_harm = tr.abuse = tr.identifying = 0;
		if (body != NULL && gate_machine_read(g, SEALED_POST_BODY,
		    posts[i], body, bn, triage_reader, &tr) != 0) {
			free(body);
			free(cw);
			err_set(err, "post %lld does not open for triage",
			    (long long)posts[i]);
			return -1;
		}
		free(body);
		free(cw);
		snprintf(flags, sizeof(flags), "%s%s%s", tr.self_harm ?
		    "self-harm," : "", tr.abuse ? "abuse," : "", tr.identifying ?
		    "identifying," : "");
		if (flags[0] != '\0')
			flags[strlen(flags) - 1] = '\0';
		if (response_incident_post_triage(db, id, posts[i],
		    triage_level_name(tr.level), flags, util_now()) != 0)
			goto fail;
		(*added)++;
	}
	return 0;
fail:
	err_set(err, "cannot save: %s", db_error(db));
	return -1;
}

/* Check a location and seal its address to a new row of leaks. */
static int
add_location(struct gate *g, int64_t id, const char *platform,
    const char *url, char *err)
{
	struct db *db = gate_db(g);
	char plat[INCIDENT_PLATFORM_MAX + 1], host[256];
	uint8_t *sealed;
	size_t sn;
	int64_t leak;

	if (!fetch_http_url(url, INCIDENT_URL_MAX, host, sizeof(host))) {
		err_set(err, "an address is an http or https URL of up to %d "
		    "bytes", INCIDENT_URL_MAX);
		return -1;
	}
	/* the platform is the host unless named */
	snprintf(plat, sizeof(plat), "%.*s", INCIDENT_PLATFORM_MAX, platform &&
	    platform[0] ? platform : host);
	if (!util_valid_label(plat, INCIDENT_PLATFORM_MAX)) {
		err_set(err, "a platform's name is 1 to %d bytes of text",
		    INCIDENT_PLATFORM_MAX);
		return -1;
	}
	if (response_leak_add(db, id, plat, gate_actor(g)->name, util_now(),
	    &leak) != 0) {
		err_set(err, "cannot save: %s", db_error(db));
		return -1;
	}
	sealed = gate_seal(g, SEALED_LEAK_LOCATION, leak, url, &sn);
	if (sealed == NULL || response_leak_seal_location(db, leak, sealed, sn)
	    != 0) {
		free(sealed);
		err_set(err, "cannot seal the address");
		return -1;
	}
	free(sealed);
	return 0;
}

/* Read incident id into *r (or a row of its own when r is NULL) and say
** whether work of step may be done on it now (incident_may).  The one
** check every step's code makes first.  Returns 0, or -1 with err. */
int
incident_ready(struct gate *g, int64_t id, int step, struct incident_row *r,
    char *err)
{
	struct incident_row own;
	int rc;

	if (r == NULL)
		r = &own;
	rc = response_incident_get(gate_db(g), id, r);
	if (rc == DB_DONE)
		err_set(err, "there is no incident %lld", (long long)id);
	else if (rc != DB_ROW)
		err_set(err, "cannot read incident %lld", (long long)id);
	else if (!incident_may(r, step, err))
		rc = -1;
	return rc == DB_ROW ? 0 : -1;
}

/* A reader for gate_machine_read that keeps a copy of the text in
** *(char **)arg, for a program that must hand it on (a mail server, the
** published announcement); the caller wipes and frees it. */
void
incident_keep_text(void *arg, const char *text, size_t len)
{
	char **out = arg;

	if ((*out = malloc(len + 1)) != NULL) {
		memcpy(*out, text, len);
		(*out)[len] = '\0';
	}
}

/* Open an incident: its posts (triaged, their authors affected) and a
** first location, in one transaction with one audit entry.  Returns 0
** and sets *id, or -1 with err. */
int
incident_create(struct gate *g, const struct incident_open *in, int64_t *id,
    char *err)
{
	struct rota_pick lead;
	char target[32], detail[200];
	int added = 0;

	if (in->nposts > INCIDENT_POSTS_MAX) {
		err_set(err, "an incident opens with at most %d posts; add more "
		    "once it is open", INCIDENT_POSTS_MAX);
		return -1;
	}
	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	if (response_incident_add(gate_db(g), gate_actor(g)->user_id,
	    in->source, "unassessed", util_now(), id) != 0) {
		err_set(err, "cannot save: %s", db_error(gate_db(g)));
		goto fail;
	}
	if (incident_add_posts(g, *id, in->posts, in->nposts, &added, err) !=
	    0)
		goto fail;
	if (in->url && in->url[0] && add_location(g, *id, in->platform,
	    in->url, err) != 0)
		goto fail;
	/* its lead, by the rota's assignment rule (moderators/rota.h) */
	if (rota_assign_incident(g, *id, 0, &lead) != 0) {
		err_set(err, "cannot save: %s", db_error(gate_db(g)));
		goto fail;
	}
	snprintf(target, sizeof(target), "incident %lld", (long long)*id);
	snprintf(detail, sizeof(detail), "from a %s; %d post%s triaged%s; %s%s",
	    strcmp(in->source, "hand") == 0 ? "moderator" : in->source, added,
	    added == 1 ? "" : "s", in->url && in->url[0] ? "; 1 location" :
	    "", lead.user ? "led by " : "no lead yet", lead.name);
	if (gate_audit(g, "incident.open", target, detail) != 0 ||
	    gate_commit(g) != 0) {
		err_set(err, "cannot save: %s", db_error(gate_db(g)));
		goto fail;
	}
	return 0;
fail:
	gate_rollback(g);
	return -1;
}

/* The incident's lead hands it off (near their cap, going away, or for
** any reason they need not give): the assignment rule picks someone
** else.  Returns 0 with *p (p->user 0 when nobody else can take it now),
** or -1 with err. */
int
incident_handoff(struct gate *g, int64_t id, struct rota_pick *p, char *err)
{
	struct incident_row r;
	char name[72], target[32], detail[160];
	int64_t lead = 0;

	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	if (response_incident_get(gate_db(g), id, &r) != DB_ROW ||
	    strcmp(r.status, "open") != 0) {
		err_set(err, "there is no open incident %lld", (long long)id);
		goto fail;
	}
	if (mods_incident_lead(gate_db(g), id, &lead, name, sizeof(name)) !=
	    DB_ROW) {
		err_set(err, "cannot read: %s", db_error(gate_db(g)));
		goto fail;
	}
	if (lead != 0 && gate_actor(g)->user_id > 0 && lead !=
	    gate_actor(g)->user_id && gate_actor(g)->role < ROLE_ADMIN) {
		err_set(err, "only the incident's lead (%s) or an admin hands "
		    "it off", name);
		goto fail;
	}
	if (rota_assign_incident(g, id, lead, p) != 0) {
		err_set(err, "cannot save: %s", db_error(gate_db(g)));
		goto fail;
	}
	if (p->user == 0) {
		err_set(err, "%s", p->why);
		goto fail;
	}
	snprintf(target, sizeof(target), "incident %lld", (long long)id);
	snprintf(detail, sizeof(detail), "from %s to %s", lead ? name :
	    "nobody", p->name);
	if (gate_audit(g, "incident.handoff", target, detail) != 0 ||
	    gate_commit(g) != 0) {
		err_set(err, "cannot save: %s", db_error(gate_db(g)));
		goto fail;
	}
	return 0;
fail:
	gate_rollback(g);
	return -1;
}

/* Add a member a moderator names to the incident.  Returns 0 or -1. */
int
incident_add_member(struct gate *g, int64_t id, const char *pseudonym,
    char *err)
{
	struct incident_row r;
	char target[32], detail[48];
	int64_t member;

	if (pseudonym == NULL || pseudonym_member(gate_db(g), pseudonym,
	    &member) != 1) {
		err_set(err, "no member is known by that pseudonym");
		return -1;
	}
	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	if (incident_ready(g, id, 1, &r, err) != 0)
		goto fail;
	snprintf(target, sizeof(target), "incident %lld", (long long)id);
	snprintf(detail, sizeof(detail), "member %lld", (long long)member);
	if (response_incident_member_add(gate_db(g), id, member, "added",
	    util_now()) != 0 || gate_audit(g, "incident.member", target,
	    detail) != 0 || gate_commit(g) != 0) {
		err_set(err, "cannot save: %s", db_error(gate_db(g)));
		goto fail;
	}
	return 0;
fail:
	gate_rollback(g);
	return -1;
}

/* Add a place where the leak is.  Returns 0 or -1. */
int
incident_add_location(struct gate *g, int64_t id, const char *platform,
    const char *url, char *err)
{
	struct incident_row r;
	char target[32];

	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	if (incident_ready(g, id, 1, &r, err) != 0 ||
	    add_location(g, id, platform, url, err) != 0)
		goto fail;
	snprintf(target, sizeof(target), "incident %lld", (long long)id);
	if (gate_audit(g, "incident.location", target, "a location added") !=
	    0 || gate_commit(g) != 0) {
		err_set(err, "cannot save: %s", db_error(gate_db(g)));
		goto fail;
	}
	return 0;
fail:
	gate_rollback(g);
	return -1;
}

/* Close an incident: its work is done, or there was nothing to act on.
** Nothing of its steps can be done after; from then on the community's
** retention period for closed incidents counts (admin/retention.h).
** Returns 0 or -1 with err. */
int
incident_close(struct gate *g, int64_t id, char *err)
{
	char target[32];
	int rc, waiting;

	if (gate_actor(g)->role < ROLE_MODERATOR) {
		err_set(err, "only a moderator or an admin closes an incident");
		return -1;
	}
	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	/* a member who asked to talk with someone is answered first: a
	** closed incident's messages are purged with their requests */
	waiting = response_incident_waiting_connects(gate_db(g), id);
	if (waiting > 0) {
		gate_rollback(g);
		err_set(err, "%d member%s of incident %lld asked to be put in "
		    "touch with someone and wait%s: answer first", waiting,
		    waiting == 1 ? "" : "s", (long long)id,
		    waiting == 1 ? "s" : "");
		return -1;
	}
	rc = waiting < 0 ? -1 : response_incident_close(gate_db(g), id,
	    util_now());
	if (rc == 0)
		err_set(err, "there is no open incident %lld", (long long)id);
	snprintf(target, sizeof(target), "incident %lld", (long long)id);
	if (rc <= 0 || gate_audit(g, "incident.close", target, "") != 0 ||
	    gate_commit(g) != 0) {
		if (rc != 0)
			err_set(err, "cannot save: %s", db_error(gate_db(g)));
		gate_rollback(g);
		return -1;
	}
	return 0;
}

/* Record the risk assessment: low, elevated or immediate, with a note
** (sealed) that must say why when the risk is lower than triage
** suggests.  The incident moves on to step 2.  Returns 0 or -1. */
int
incident_assess(struct gate *g, int64_t id, const char *risk,
    const char *note, char *err)
{
	struct incident_row r;
	const char *suggested;
	char target[32], detail[96];
	uint8_t *sealed = NULL;
	size_t sn = 0, nn = note ? strlen(note) : 0;

	if (risk == NULL || risk_rank(risk) == 0) {
		err_set(err, "the risk is low, elevated or immediate");
		return -1;
	}
	if (nn > INCIDENT_NOTE_MAX || (note && !util_valid_text(note, nn))) {
		err_set(err, "a note is text of up to %d bytes",
		    INCIDENT_NOTE_MAX);
		return -1;
	}
	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	if (incident_ready(g, id, 1, &r, err) != 0)
		goto fail;
	suggested = incident_suggested_risk(&r);
	if (risk_rank(risk) < risk_rank(suggested) && nn == 0) {
		err_set(err, "triage suggests %s risk; to record %s, add a note "
		    "saying why", suggested, risk);
		goto fail;
	}
	if (nn > 0 && ((sealed = gate_seal(g, SEALED_INCIDENT_ASSESSMENT, id,
	    note, &sn)) == NULL)) {
		err_set(err, "cannot seal the note");
		goto fail;
	}
	snprintf(target, sizeof(target), "incident %lld", (long long)id);
	snprintf(detail, sizeof(detail), "risk %s (triage suggested %s)%s",
	    risk, suggested, nn ? "; with a note" : "");
	if (response_incident_assess(gate_db(g), id, risk,
	    gate_actor(g)->name, util_now()) != 0 ||
	    (nn > 0 && response_incident_seal_assessment(gate_db(g), id,
	    sealed, sn) != 0) || gate_audit(g, "incident.assess", target,
	    detail) != 0 || gate_commit(g) != 0) {
		err_set(err, "cannot save: %s", db_error(gate_db(g)));
		goto fail;
	}
	free(sealed);
	return 0;
fail:
	free(sealed);
	gate_rollback(g);
	return -1;
}

/* The command line. */

static int
parse_id(const char *s, int64_t *id)
{
	long long v;

	if (util_parse_int(s, 1, INT64_MAX, &v) != 0)
		return -1;
	*id = v;
	return 0;
}

static int
list_row(void *ctx, const struct incident_row *r)
{
	json_t *arr = ctx;
	char when[32];

	if (arr) {
		json_array_append_new(arr, json_pack("{s:I, s:I, s:s, s:s, s:i, "
		    "s:s, s:s, s:s, s:i, s:i, s:i, s:b}", "id", (json_int_t)r->id,
		    "opened_at", (json_int_t)r->opened_at, "source", r->source,
		    "status", r->status, "step", r->step, "step_name",
		    incident_step_name(r->step), "risk", r->risk, "triage",
		    incident_rank_name(r->top_rank), "posts", r->nposts,
		    "members", r->nmembers, "locations", r->nlocations,
		    "purged", r->purged_at != 0));
		return 0;
	}
	util_format_time(r->opened_at, when, sizeof(when));
	printf("%-5lld %-7s %-20s step %d (%s), risk %s, triage %s; %d post%s, "
	    "%d member%s, %d location%s\n", (long long)r->id, r->status, when,
	    r->step, incident_step_name(r->step), r->risk,
	    incident_rank_name(r->top_rank), r->nposts, r->nposts == 1 ? "" :
	    "s", r->nmembers, r->nmembers == 1 ? "" : "s", r->nlocations,
	    r->nlocations == 1 ? "" : "s");
	if (r->purged_at)
		printf("      its record is purged (retention)\n");
	return 0;
}

/* sanctum incident list [--json] */
int
incident_list_cmd(struct cli *c, int argc, char **argv)
{
	int json = argc == 2 && strcmp(argv[1], "--json") == 0, rc;
	json_t *arr = NULL;

	if (argc > 2 || (argc == 2 && !json))
		return cli_usage(c, "incident");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (json)
		arr = json_array();
	rc = response_incident_each(c->db, list_row, arr);
	if (rc == 0 && json)
		cli_print_json(arr);
	json_decref(arr);
	return rc == 0 ? EXIT_OK : cli_fail("incident: cannot read them");
}

struct show_ctx {
	json_t *arr;
	int n;
};

static int
show_member(void *ctx, const struct incident_member *m)
{
	struct show_ctx *s = ctx;

	if (s->arr)
		json_array_append_new(s->arr, json_pack("{s:s, s:s, s:s, s:s, "
		    "s:i}", "pseudonym", m->pseudonym, "why", m->why, "triage",
		    incident_rank_name(m->top_rank), "flags", m->flags, "posts",
		    m->nposts));
	else
		printf("  %s (%s): triage %s%s%s\n", m->pseudonym, m->why,
		    incident_rank_name(m->top_rank), m->flags[0] ? "; " : "",
		    m->flags);
	return 0;
}

static int
show_post(void *ctx, const struct incident_post *p)
{
	struct show_ctx *s = ctx;

	if (s->arr)
		json_array_append_new(s->arr, json_pack("{s:I, s:s, s:s, s:s, "
		    "s:s}", "post", (json_int_t)p->post_id, "group", p->group,
		    "author", p->author, "triage", p->level, "flags", p->flags));
	else
		printf("  post %lld in %s by %s: triage %s%s%s\n",
		    (long long)p->post_id, p->group, p->author, p->level,
		    p->flags[0] ? "; " : "", p->flags);
	return 0;
}

static int
show_leak(void *ctx, const struct leak_row *l)
{
	struct show_ctx *s = ctx;

	if (s->arr)
		json_array_append_new(s->arr, json_pack("{s:I, s:s, s:s, s:b}",
		    "id", (json_int_t)l->id, "platform", l->platform,
		    "takedown", l->takedown, "purged", l->purged_at != 0));
	else
		printf("  location %lld on %s (address %s), takedown %s\n",
		    (long long)l->id, l->platform, l->purged_at ? "purged" :
		    "sealed", l->takedown);
	return 0;
}

static int
show_seen(void *ctx, int64_t member, const char *pseudonym)
{
	struct show_ctx *s = ctx;

	(void)member;
	s->n++;
	if (s->arr)
		json_array_append_new(s->arr, json_string(pseudonym));
	return 0;
}

struct timeline_ctx {
	json_t *arr;
};

static int
show_event(void *ctx, const struct audit_row *a)
{
	struct timeline_ctx *t = ctx;
	char when[32];

	if (t->arr) {
		json_array_append_new(t->arr, json_pack("{s:I, s:s, s:s, s:s}",
		    "at", (json_int_t)a->at, "actor", a->actor, "action",
		    a->action, "detail", a->detail));
		return 0;
	}
	util_format_time(a->at, when, sizeof(when));
	printf("  %s  %s  %s  %s\n", when, a->actor, a->action, a->detail);
	return 0;
}

/* sanctum incident show N [--json]: everything but sealed content. */
int
incident_show_cmd(struct cli *c, int argc, char **argv)
{
	struct incident_row r;
	struct show_ctx s = { NULL, 0 };
	struct timeline_ctx t;
	char target[32], lead_name[72];
	int64_t id, lead;
	int json = 0, rc;
	json_t *o = NULL;

	if (argc == 3 && strcmp(argv[2], "--json") == 0)
		json = 1;
	else if (argc != 2)
		return cli_usage(c, "incident");
	if (parse_id(argv[1], &id) != 0)
		return cli_usage(c, "incident");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	rc = response_incident_get(c->db, id, &r);
	if (rc == DB_DONE)
		return cli_fail("incident: there is no incident %lld",
		    (long long)id);
	if (rc != DB_ROW)
		return cli_fail("incident: cannot read it");
	snprintf(target, sizeof(target), "incident %lld", (long long)id);
	t.arr = NULL;
	if (json) {
		json_t *one = json_array();
		o = json_object();
		list_row(one, &r);
		json_object_update(o, json_array_get(one, 0));
		json_decref(one);
		json_object_set_new(o, "suggested_risk", json_string(
		    incident_suggested_risk(&r)));
		if (mods_incident_lead(c->db, id, &lead, lead_name,
		    sizeof(lead_name)) == DB_ROW)
			json_object_set_new(o, "lead", lead ?
			    json_string(lead_name) : json_null());
		s.arr = json_array();
		response_incident_members_each(c->db, id, show_member, &s);
		json_object_set_new(o, "affected", s.arr);
		s.arr = json_array();
		response_incident_posts_each(c->db, id, show_post, &s);
		json_object_set_new(o, "leaked_posts", s.arr);
		s.arr = json_array();
		response_leaks_each(c->db, id, show_leak, &s);
		json_object_set_new(o, "locations", s.arr);
		s.arr = json_array();
		response_incident_could_see_each(c->db, id, show_seen, &s);
		json_object_set_new(o, "could_see", s.arr);
		t.arr = json_array();
		auditlog_target_each(c->db, target, show_event, &t);
		json_object_set_new(o, "timeline", t.arr);
		cli_print_json(o);
		json_decref(o);
		return EXIT_OK;
	}
	list_row(NULL, &r);
	if (mods_incident_lead(c->db, id, &lead, lead_name, sizeof(lead_name))
	    == DB_ROW)
		printf("led by %s\n", lead ? lead_name : "nobody yet (the rota "
		    "had no one who could take it)");
	printf("triage suggests %s risk; the recorded risk is %s%s%s\n",
	    incident_suggested_risk(&r), r.risk, r.assessed_at ? ", by " : "",
	    r.assessed_at ? r.assessed_by : "");
	printf("affected:\n");
	response_incident_members_each(c->db, id, show_member, &s);
	printf("leaked posts:\n");
	response_incident_posts_each(c->db, id, show_post, &s);
	printf("locations:\n");
	response_leaks_each(c->db, id, show_leak, &s);
	response_incident_could_see_each(c->db, id, show_seen, &s);
	printf("could see the posts: %d member%s\n", s.n, s.n == 1 ? "" : "s");
	printf("timeline:\n");
	auditlog_target_each(c->db, target, show_event, &t);
	return EXIT_OK;
}

/* sanctum incident open [--post ID]... [--url URL [--platform NAME]] */
int
incident_open_cmd(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "post", required_argument, NULL, 'p' },
		{ "url", required_argument, NULL, 'u' },
		{ "platform", required_argument, NULL, 'P' },
		{ NULL, 0, NULL, 0 }
	};
	int64_t posts[INCIDENT_POSTS_MAX + 1], id;
	struct incident_open in = { "hand", posts, 0, NULL, NULL };
	char err[ERR_MAX];
	int ch, rc;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch == 'p' && in.nposts <= INCIDENT_POSTS_MAX &&
		    parse_id(optarg, &posts[in.nposts]) == 0)
			in.nposts++;
		else if (ch == 'u')
			in.url = optarg;
		else if (ch == 'P')
			in.platform = optarg;
		else
			return cli_usage(c, "incident");
	}
	if (argc != optind)
		return cli_usage(c, "incident");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (incident_create(c->gate, &in, &id, err) != 0)
		return cli_fail("incident: %s", err);
	cli_say(c, "opened incident %lld at step 1: assess immediate risk "
	    "(sanctum incident show %lld)\n", (long long)id, (long long)id);
	return EXIT_OK;
}

/* sanctum incident assess N --risk low|elevated|immediate [--note TEXT] */
int
incident_assess_cmd(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "risk", required_argument, NULL, 'r' },
		{ "note", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 }
	};
	const char *risk = NULL, *note = NULL;
	char err[ERR_MAX];
	int64_t id;
	int ch, rc;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch == 'r')
			risk = optarg;
		else if (ch == 'n')
			note = optarg;
		else
			return cli_usage(c, "incident");
	}
	if (argc - optind != 1 || risk == NULL ||
	    parse_id(argv[optind], &id) != 0)
		return cli_usage(c, "incident");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (incident_assess(c->gate, id, risk, note, err) != 0)
		return cli_fail("incident: %s", err);
	cli_say(c, "recorded %s risk for incident %lld; next: contact the "
	    "affected members\n", risk, (long long)id);
	return EXIT_OK;
}

/* sanctum incident add-member N PSEUDONYM */
int
incident_member_cmd(struct cli *c, int argc, char **argv)
{
	char err[ERR_MAX];
	int64_t id;
	int rc;

	if (argc != 3 || parse_id(argv[1], &id) != 0)
		return cli_usage(c, "incident");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (incident_add_member(c->gate, id, argv[2], err) != 0)
		return cli_fail("incident: %s", err);
	cli_say(c, "added %s to incident %lld\n", argv[2], (long long)id);
	return EXIT_OK;
}

/* sanctum incident close N */
int
incident_close_cmd(struct cli *c, int argc, char **argv)
{
	char err[ERR_MAX];
	int64_t id;
	int rc;

	if (argc != 2 || parse_id(argv[1], &id) != 0)
		return cli_usage(c, "incident");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (incident_close(c->gate, id, err) != 0)
		return cli_fail("incident: %s", err);
	cli_say(c, "incident %lld is closed\n", (long long)id);
	return EXIT_OK;
}

/* sanctum incident add-location N URL [--platform NAME] */
int
incident_location_cmd(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "platform", required_argument, NULL, 'P' },
		{ NULL, 0, NULL, 0 }
	};
	const char *platform = NULL;
	char err[ERR_MAX];
	int64_t id;
	int ch, rc;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch != 'P')
			return cli_usage(c, "incident");
		platform = optarg;
	}
	if (argc - optind != 2 || parse_id(argv[optind], &id) != 0)
		return cli_usage(c, "incident");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (incident_add_location(c->gate, id, platform, argv[optind + 1], err)
	    != 0)
		return cli_fail("incident: %s", err);
	cli_say(c, "added a location to incident %lld (its address is "
	    "sealed)\n", (long long)id);
	return EXIT_OK;
}

/* sanctum incident handoff N */
int
incident_handoff_cmd(struct cli *c, int argc, char **argv)
{
	struct rota_pick p;
	char err[ERR_MAX];
	int64_t id;
	int rc;

	if (argc != 2 || parse_id(argv[1], &id) != 0)
		return cli_usage(c, "incident");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (incident_handoff(c->gate, id, &p, err) != 0)
		return cli_fail("incident: %s", err);
	cli_say(c, "incident %lld is now led by %s: %s\n", (long long)id,
	    p.name, p.why);
	return EXIT_OK;
}
