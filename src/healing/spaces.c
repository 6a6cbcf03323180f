/*
** spaces.c: healing spaces, `sanctum healing space|spaces`, and their
** pages.  See spaces.h.
*/
#include "spaces.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../admin/roles.h"
#include "../cli.h"
#include "../community/post.h"
#include "../core/gate.h"
#include "../prevention/console.h"
#include "../prevention/groups.h"
#include "../prevention/pseudonym.h"
#include "../store/accounts.h"
#include "../store/care.h"
#include "../store/community.h"
#include "../store/db.h"
#include "../store/healing.h"
#include "../store/prevention.h"
#include "../store/response.h"
#include "../util/util.h"
#include "../web/html.h"
#include "../web/server.h"

#define DEFAULT_REMINDER "This space is smaller and more private than our " \
	"groups. What anyone says here stays here: no screenshots, no " \
	"copies, no retelling, even without names. You may listen without " \
	"writing, and leave at any time. When the space ends, what was said " \
	"in it is erased."

#define MAX_INVITED 256		/* affected members invited at opening */

static void
space_target(int64_t gid, char *out, size_t cap)
{
	snprintf(out, cap, "healing space %lld", (long long)gid);
}

struct affected {
	int64_t id[MAX_INVITED];
	int n;
};

static int
collect_affected(void *ctx, const struct incident_member *m)
{
	struct affected *a = ctx;

	if (a->n < MAX_INVITED)
		a->id[a->n++] = m->member_id;
	return 0;
}

/* Invite member, in the caller's transaction, when they are active and
** did not ask to be left alone.  Returns 1 (invited), 0 (not), or -1. */
static int
invite(struct db *db, int64_t gid, int64_t member, int64_t now)
{
	struct care_prefs p;
	char status[16];
	int rc;

	if (community_member_status(db, member, status, sizeof(status)) !=
	    DB_ROW || strcmp(status, "active") != 0)
		return 0;
	if (care_prefs_get(db, member, &p) < 0)
		return -1;
	if (!p.contact)
		return 0;
	rc = healing_space_invite(db, gid, member, now);
	return rc == 0 ? 1 : rc == DB_EXISTS ? 0 : -1;
}

/* Open a healing space, invite the incident's affected members who may be
** contacted, and give it to its facilitator.  Returns 0 with *gid and
** *invited, or -1 with err. */
int
healing_space_open(struct gate *g, const struct space_new *n, int64_t *gid,
    int *invited, char *err)
{
	struct db *db = gate_db(g);
	struct affected a;
	struct incident_row ir;
	const char *reminder = n->reminder && n->reminder[0] ? n->reminder :
	    DEFAULT_REMINDER;
	int capacity = n->capacity ? n->capacity : SPACE_DEFAULT_CAPACITY;
	char target[48], detail[128], until[32];
	int64_t now = util_now();
	int i, rc;

	*invited = 0;
	if (n->name == NULL || !util_valid_label(n->name, GROUPS_NAME_MAX)) {
		err_set(err, "a space's name is 1 to %d bytes of text, without "
		    "control characters", GROUPS_NAME_MAX);
		return -1;
	}
	if (capacity < 2 || capacity > SPACE_MAX_CAPACITY) {
		err_set(err, "a healing space holds 2 to %d people",
		    SPACE_MAX_CAPACITY);
		return -1;
	}
	if (n->days < 1 || n->days > SPACE_MAX_DAYS) {
		err_set(err, "a healing space is open 1 to %d days",
		    SPACE_MAX_DAYS);
		return -1;
	}
	if (strlen(reminder) > SPACE_REMINDER_MAX ||
	    !util_valid_text(reminder, strlen(reminder))) {
		err_set(err, "the reminder is text of up to %d bytes",
		    SPACE_REMINDER_MAX);
		return -1;
	}
	if (care_user_may_support(db, n->facilitator, now) != 1) {
		err_set(err, "a space is facilitated by a supporter, or by a "
		    "moderator whose training is current");
		return -1;
	}
	a.n = 0;
	if (n->incident && (response_incident_get(db, n->incident, &ir) !=
	    DB_ROW || response_incident_members_each(db, n->incident,
	    collect_affected, &a) != 0)) {
		err_set(err, "there is no incident %lld", (long long)n->incident);
		return -1;
	}
	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	/* the group is made here, not by groups_create, so the space has
	** one audit entry that says what it is */
	if ((rc = community_group_add(db, n->name, "", capacity, now, gid))
	    != 0) {
		if (rc == DB_EXISTS)
			err_set(err, "there is a group called %s already",
			    n->name);
		else
			err_set(err, "cannot save: %s", db_error(db));
		goto fail;
	}
	if (healing_space_add(db, *gid, n->incident, n->facilitator, reminder,
	    now, now + (int64_t)n->days * 86400, gate_actor(g)->name) != 0 ||
	    prevention_group_moderator(db, *gid, n->facilitator, 1, now) != 0)
		goto db_fail;
	for (i = 0; i < a.n; i++) {
		if ((rc = invite(db, *gid, a.id[i], now)) < 0)
			goto db_fail;
		*invited += rc;
	}
	space_target(*gid, target, sizeof(target));
	util_format_rfc3339(now + (int64_t)n->days * 86400, until,
	    sizeof(until));
	snprintf(detail, sizeof(detail), "for %d people until %s, "
	    "facilitated by user %lld, %d invited", capacity, until,
	    (long long)n->facilitator, *invited);
	if (gate_audit(g, "space.open", target, detail) != 0 ||
	    gate_commit(g) != 0)
		goto db_fail;
	return 0;
db_fail:
	err_set(err, "cannot save: %s", db_error(db));
fail:
	gate_rollback(g);
	return -1;
}

/* The space gid, which must be open.  Returns 0 with *s, or -1 with err. */
static int
open_space(struct db *db, int64_t gid, struct space_row *s, char *err)
{
	if (healing_space_get(db, gid, s) != DB_ROW) {
		err_set(err, "there is no healing space %lld", (long long)gid);
		return -1;
	}
	if (s->ended_at || s->ends_at <= util_now()) {
		err_set(err, "healing space %lld has ended", (long long)gid);
		return -1;
	}
	return 0;
}

/* Invite one more member.  Returns 0, 1 when they were invited already,
** or -1 with err. */
int
healing_space_invite_member(struct gate *g, int64_t gid, int64_t member,
    char *err)
{
	struct db *db = gate_db(g);
	struct space_row s;
	char target[48], detail[48];
	int rc;

	if (open_space(db, gid, &s, err) != 0)
		return -1;
	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	rc = invite(db, gid, member, util_now());
	if (rc == 0) {
		gate_rollback(g);
		rc = healing_space_invitation(db, gid, member, detail,
		    sizeof(detail));
		if (rc == DB_ROW)
			return 1;
		err_set(err, "that member is not active, or asked not to be "
		    "contacted");
		return -1;
	}
	space_target(gid, target, sizeof(target));
	snprintf(detail, sizeof(detail), "member %lld", (long long)member);
	if (rc < 0 || gate_audit(g, "space.invite", target, detail) != 0 ||
	    gate_commit(g) != 0) {
		gate_rollback(g);
		err_set(err, "cannot save: %s", db_error(db));
		return -1;
	}
	return 0;
}

/* Member answers their invitation: accepting lets them in (with the
** pledge in force accepted, and while there is room).  Returns 0 or -1
** with err. */
int
healing_space_reply(struct gate *g, int64_t gid, int64_t member, int accept,
    char *err)
{
	struct db *db = gate_db(g);
	struct space_row s;
	char answer[16], target[48], detail[48];
	int64_t pos;
	int rc;

	if (open_space(db, gid, &s, err) != 0)
		return -1;
	if (healing_space_invitation(db, gid, member, answer, sizeof(answer))
	    != DB_ROW) {
		err_set(err, "that member was not invited to this space");
		return -1;
	}
	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	if (healing_space_answer(db, gid, member, accept ? "accepted" :
	    "declined", util_now()) != 0)
		goto db_fail;
	if (accept) {
		rc = groups_join(g, gid, member, 0, &pos, err);
		if (rc != GROUPS_JOINED && rc != GROUPS_ALREADY) {
			if (rc == GROUPS_FULL)
				err_set(err, "the space is full");
			goto fail;
		}
	} else if (groups_leave(g, gid, member, &pos, err) < 0) {
		goto fail;
	}
	space_target(gid, target, sizeof(target));
	snprintf(detail, sizeof(detail), "member %lld %s", (long long)member,
	    accept ? "accepted" : "declined");
	if (gate_audit(g, "space.answer", target, detail) != 0 ||
	    gate_commit(g) != 0)
		goto db_fail;
	return 0;
db_fail:
	err_set(err, "cannot save: %s", db_error(db));
fail:
	gate_rollback(g);
	return -1;
}

/* May the actor speak for space s: its facilitator, or a moderator? */
static int
may_facilitate(struct gate *g, const struct space_row *s)
{
	const struct gate_actor *a = gate_actor(g);

	return a->role >= ROLE_MODERATOR || (a->user_id > 0 &&
	    a->user_id == s->facilitator_id);
}

/* The facilitator's note to the space.  Returns 0 or -1 with err. */
int
healing_space_set_note(struct gate *g, int64_t gid, const char *note,
    char *err)
{
	struct db *db = gate_db(g);
	struct space_row s;
	char target[48];

	if (open_space(db, gid, &s, err) != 0)
		return -1;
	if (!may_facilitate(g, &s)) {
		err_set(err, "only the space's facilitator or a moderator writes "
		    "its note");
		return -1;
	}
	if (strlen(note) > SPACE_NOTE_MAX || !util_valid_text(note,
	    strlen(note))) {
		err_set(err, "a note is text of up to %d bytes", SPACE_NOTE_MAX);
		return -1;
	}
	space_target(gid, target, sizeof(target));
	if (gate_begin(g) != 0 || healing_space_note(db, gid, note) != 0 ||
	    gate_audit(g, "space.note", target, "") != 0 ||
	    gate_commit(g) != 0) {
		gate_rollback(g);
		err_set(err, "cannot save: %s", db_error(db));
		return -1;
	}
	return 0;
}

/* End space gid now: erase what was said in it (bodies and fingerprints),
** and everyone leaves.  Returns 0, 1 when it had ended already, or -1
** with err. */
int
healing_space_close(struct gate *g, int64_t gid, int64_t now, char *err)
{
	struct db *db = gate_db(g);
	struct space_row s;
	char target[48], detail[48];
	int64_t post;
	int erased = 0, rc;

	if (healing_space_get(db, gid, &s) != DB_ROW) {
		err_set(err, "there is no healing space %lld", (long long)gid);
		return -1;
	}
	if (s.ended_at)
		return 1;
	if (!may_facilitate(g, &s)) {
		err_set(err, "only the space's facilitator or a moderator ends "
		    "it");
		return -1;
	}
	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	while ((rc = healing_space_next_post(db, gid, &post)) == DB_ROW) {
		if (post_delete(g, post) != 0)
			goto fail;
		erased++;
	}
	space_target(gid, target, sizeof(target));
	snprintf(detail, sizeof(detail), "%d post%s erased", erased,
	    erased == 1 ? "" : "s");
	if (rc != DB_DONE || healing_space_end(db, gid, now) != 0 ||
	    gate_audit(g, "space.end", target, detail) != 0 ||
	    gate_commit(g) != 0)
		goto fail;
	return 0;
fail:
	gate_rollback(g);
	err_set(err, "cannot end the space: %s", db_error(db));
	return -1;
}

/* End every space whose time has come (the scheduled tasks run this).
** Returns 0 with *ended, or -1 with err. */
int
healing_spaces_end_due(struct gate *g, int64_t now, int *ended, char *err)
{
	int64_t ids[64];
	int i, n;

	*ended = 0;
	n = healing_spaces_due(gate_db(g), now, ids, 64);
	if (n < 0) {
		err_set(err, "cannot read the healing spaces");
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (healing_space_close(g, ids[i], now, err) < 0)
			return -1;
		(*ended)++;
	}
	return 0;
}

/* The command line. */

/* sanctum healing space open NAME --facilitator USER --days N
**     [--incident ID] [--capacity N] [--reminder TEXT]
** sanctum healing space invite ID PSEUDONYM | note ID TEXT | end ID */
static int
space_open_cmd(struct cli *c, int argc, char **argv)
{
	struct space_new n;
	const char *facilitator = NULL;
	char err[ERR_MAX];
	long long v;
	int64_t gid;
	int i, rc, invited;

	memset(&n, 0, sizeof(n));
	n.name = argv[2];
	for (i = 3; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "--facilitator") == 0)
			facilitator = argv[i + 1];
		else if (strcmp(argv[i], "--reminder") == 0)
			n.reminder = argv[i + 1];
		else if (util_parse_int(argv[i + 1], 1, INT32_MAX, &v) != 0)
			return cli_usage(c, "healing");
		else if (strcmp(argv[i], "--days") == 0)
			n.days = (int)v;
		else if (strcmp(argv[i], "--capacity") == 0)
			n.capacity = (int)v;
		else if (strcmp(argv[i], "--incident") == 0)
			n.incident = v;
		else
			return cli_usage(c, "healing");
	}
	if (i != argc || facilitator == NULL || n.days == 0)
		return cli_usage(c, "healing");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (accounts_user_id(c->db, facilitator, &n.facilitator) != 1)
		return cli_fail("healing: there is no account %s", facilitator);
	if (healing_space_open(c->gate, &n, &gid, &invited, err) != 0)
		return cli_fail("healing: %s", err);
	cli_say(c, "%lld\n", (long long)gid);
	fprintf(stderr, "healing space %lld is open for %d days; %d member%s "
	    "invited\n", (long long)gid, n.days, invited, invited == 1 ? "" :
	    "s");
	return EXIT_OK;
}

int
healing_space_cmd(struct cli *c, int argc, char **argv)
{
	char err[ERR_MAX];
	long long id;
	int64_t member;
	int rc;

	if (argc >= 3 && strcmp(argv[1], "open") == 0)
		return space_open_cmd(c, argc, argv);
	if (argc < 3 || util_parse_int(argv[2], 1, INT64_MAX, &id) != 0)
		return cli_usage(c, "healing");
	if (strcmp(argv[1], "invite") == 0 && argc == 4) {
		if ((rc = cli_open(c)) != EXIT_OK)
			return rc;
		if (pseudonym_member(c->db, argv[3], &member) != 1)
			return cli_fail("healing: no member is known by that "
			    "pseudonym");
		rc = healing_space_invite_member(c->gate, id, member, err);
		if (rc < 0)
			return cli_fail("healing: %s", err);
		cli_say(c, rc ? "they were invited already\n" : "invited\n");
		return EXIT_OK;
	}
	if (strcmp(argv[1], "note") == 0 && argc == 4) {
		if ((rc = cli_open(c)) != EXIT_OK)
			return rc;
		if (healing_space_set_note(c->gate, id, argv[3], err) != 0)
			return cli_fail("healing: %s", err);
		cli_say(c, "the note is saved\n");
		return EXIT_OK;
	}
	if (strcmp(argv[1], "end") == 0 && argc == 3) {
		if ((rc = cli_open(c)) != EXIT_OK)
			return rc;
		rc = healing_space_close(c->gate, id, util_now(), err);
		if (rc < 0)
			return cli_fail("healing: %s", err);
		cli_say(c, rc ? "it had ended already\n" : "the space has ended; "
		    "what was said in it is erased\n");
		return EXIT_OK;
	}
	return cli_usage(c, "healing");
}

static int
space_json(void *ctx, const struct space_row *s, const char *answer)
{
	char opened[32], ends[32];

	(void)answer;
	util_format_rfc3339(s->opened_at, opened, sizeof(opened));
	util_format_rfc3339(s->ends_at, ends, sizeof(ends));
	json_array_append_new(ctx, json_pack("{sIsssssssssIsisIsIsIsb}", "id",
	    (json_int_t)s->group_id, "name", s->name, "facilitator",
	    s->facilitator, "opened_at", opened, "ends_at", ends, "incident",
	    (json_int_t)s->incident_id, "capacity", s->capacity, "members",
	    (json_int_t)s->members, "invited", (json_int_t)s->invited,
	    "unanswered", (json_int_t)s->pending, "ended", s->ended_at != 0));
	return 0;
}

static int
space_line(void *ctx, const struct space_row *s, const char *answer)
{
	char ends[32];

	(void)ctx;
	(void)answer;
	util_format_time(s->ends_at, ends, sizeof(ends));
	printf("%lld\t%s\t%s\t%s %s\t%lld of %d\t%lld invited, %lld "
	    "unanswered\n", (long long)s->group_id, s->name, s->facilitator,
	    s->ended_at ? "ended" : "ends", ends, (long long)s->members,
	    s->capacity, (long long)s->invited, (long long)s->pending);
	return 0;
}

/* sanctum healing spaces [--json] */
int
healing_spaces_cmd(struct cli *c, int argc, char **argv)
{
	json_t *list;
	int rc, json = argc == 2 && strcmp(argv[1], "--json") == 0;

	if (argc > 2 || (argc == 2 && !json))
		return cli_usage(c, "healing");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (!json)
		return healing_spaces_each(c->db, 0, space_line, NULL) == 0 ?
		    EXIT_OK : cli_fail("healing: cannot read the spaces");
	list = json_array();
	if (healing_spaces_each(c->db, 0, space_json, list) != 0) {
		json_decref(list);
		return cli_fail("healing: cannot read the spaces");
	}
	cli_print_json(list);
	json_decref(list);
	return EXIT_OK;
}

/* The pages. */

static int64_t
my_member(struct req *r)
{
	int64_t id = 0;

	return community_member_of_user(r->db, r->user.id, &id) == DB_ROW ?
	    id : 0;
}

static void
back_to(struct req *r, int64_t gid, const char *what)
{
	char to[96];

	snprintf(to, sizeof(to), "/spaces/%lld?%s", (long long)gid, what);
	req_redirect(r, to);
}

static int
space_tr(void *ctx, const struct space_row *s, const char *answer)
{
	struct req *r = ctx;
	char ends[32];

	(void)answer;
	util_format_time(s->ends_at, ends, sizeof(ends));
	html_printf(&r->out, "<tr><td><a href=\"/spaces/%lld\">%s</a></td><td>"
	    "%s</td><td>%s%s</td><td>%lld of %d</td><td>%lld (%lld not "
	    "answered)</td></tr>\n", (long long)s->group_id, s->name,
	    s->facilitator[0] ? s->facilitator : "-", s->ended_at ? "ended " :
	    "", ends, (long long)s->members, s->capacity,
	    (long long)s->invited, (long long)s->pending);
	return 0;
}

/* GET /spaces: the healing spaces, and a form to open one. */
void
spaces_page(struct req *r)
{
	int mod = role_parse(r->user.role) >= ROLE_MODERATOR;

	page_begin(r, "Healing spaces", "/spaces");
	page_notice(r);
	html_printf(&r->out, "<h1>Healing spaces</h1><p class=\"lede\">Small, "
	    "extra-private groups, open for a while after an incident, for "
	    "those who want to talk about it. Nobody is put in one: each "
	    "person is invited and chooses. When a space ends, what was said "
	    "in it is erased.</p>\n<table class=\"list\"><caption>Spaces"
	    "</caption><thead><tr><th scope=\"col\">Space</th><th scope=\"col\">"
	    "Facilitator</th><th scope=\"col\">Ends</th><th scope=\"col\">"
	    "People</th><th scope=\"col\">Invited</th></tr></thead><tbody>\n");
	if (healing_spaces_each(r->db, 0, space_tr, r) != 0)
		html_printf(&r->out, "<tr><td colspan=\"5\">The spaces could not "
		    "be read.</td></tr>\n");
	html_printf(&r->out, "</tbody></table>\n");
	if (mod) {
		html_printf(&r->out, "<section class=\"panel\"><h2>Open a space"
		    "</h2><form class=\"stack\" method=\"post\" action=\""
		    "/spaces\">");
		page_csrf_field(r);
		html_printf(&r->out, "<label for=\"name\">Name</label><input id="
		    "\"name\" name=\"name\" required maxlength=\"%d\"><label for="
		    "\"facilitator\">Facilitator (a supporter, or a moderator "
		    "whose training is current)</label><input id=\"facilitator"
		    "\" name=\"facilitator\" required><label for=\"incident\">"
		    "Incident (its affected members are invited, unless they "
		    "asked not to be contacted)</label><input id=\"incident\" "
		    "name=\"incident\" inputmode=\"numeric\" pattern=\"[0-9]*\">"
		    "<label for=\"days\">Open for (days, 1 to %d)</label><input "
		    "id=\"days\" name=\"days\" type=\"number\" min=\"1\" max=\""
		    "%d\" value=\"28\" required><label for=\"capacity\">People "
		    "(2 to %d)</label><input id=\"capacity\" name=\"capacity\" "
		    "type=\"number\" min=\"2\" max=\"%d\" value=\"%d\" required>"
		    "<label for=\"reminder\">Reminder of the pledge (left empty:"
		    " the default)</label><textarea id=\"reminder\" name=\""
		    "reminder\" rows=\"3\" maxlength=\"%d\"></textarea><button "
		    "type=\"submit\">Open the space</button></form></section>\n",
		    GROUPS_NAME_MAX, SPACE_MAX_DAYS, SPACE_MAX_DAYS,
		    SPACE_MAX_CAPACITY, SPACE_MAX_CAPACITY,
		    SPACE_DEFAULT_CAPACITY, SPACE_REMINDER_MAX);
	}
	page_end(r);
}

/* A number of the form, 0 when absent; -1 when it is not one. */
static int64_t
form_number(struct req *r, const char *name, int64_t max)
{
	const char *v = req_form(r, name);
	long long n;

	if (v == NULL || *v == '\0')
		return 0;
	return util_parse_int(v, 1, max, &n) == 0 ? n : -1;
}

/* POST /spaces: name, facilitator, [incident], days, capacity,
** [reminder] */
void
spaces_open_post(struct req *r)
{
	struct space_new n;
	struct user u;
	const char *fac = req_form(r, "facilitator");
	char err[ERR_MAX];
	int64_t gid;
	int invited;

	memset(&n, 0, sizeof(n));
	n.name = req_form(r, "name");
	n.reminder = req_form(r, "reminder");
	n.incident = form_number(r, "incident", INT64_MAX);
	n.days = (int)form_number(r, "days", SPACE_MAX_DAYS);
	n.capacity = (int)form_number(r, "capacity", SPACE_MAX_CAPACITY);
	if (n.name == NULL || fac == NULL || n.incident < 0 || n.days <= 0 ||
	    n.capacity < 0 || accounts_user_by_name(r->db, fac, &u) !=
	    DB_ROW) {
		req_redirect(r, "/spaces?error=space-refused");
		return;
	}
	n.facilitator = u.id;
	if (healing_space_open(r->gate, &n, &gid, &invited, err) != 0) {
		req_redirect(r, "/spaces?error=space-refused");
		return;
	}
	back_to(r, gid, "done=space-opened");
}

/* The space of the path.  Returns 1 with *s, or 0 after answering. */
static int
path_space(struct req *r, struct space_row *s)
{
	int rc = healing_space_get(r->db, req_param(r, "id"), s);

	if (rc < 0)
		req_fail(r, 500, "The space could not be read.");
	else if (rc != DB_ROW)
		req_fail(r, 404, "There is no such space.");
	return rc == DB_ROW;
}

/* What a member invited to the space sees, and chooses. */
static void
member_view(struct req *r, const struct space_row *s, const char *answer,
    int inside)
{
	html_printf(&r->out, "<section class=\"panel pledge\" aria-labelledby="
	    "\"rem\"><h2 id=\"rem\">Before you choose</h2><p>%s</p></section>\n",
	    s->reminder);
	if (inside) {
		html_printf(&r->out, "<p>You are in this space. <a href=\""
		    "/groups/%lld\">Go to its conversation</a>.</p><form method="
		    "\"post\" action=\"/spaces/%lld/answer\">",
		    (long long)s->group_id, (long long)s->group_id);
		page_csrf_field(r);
		html_printf(&r->out, "<input type=\"hidden\" name=\"answer\" "
		    "value=\"decline\"><button class=\"secondary\" type=\""
		    "submit\">Leave the space</button></form>\n");
		return;
	}
	html_printf(&r->out, "<p>%s</p><form class=\"stack\" method=\"post\" "
	    "action=\"/spaces/%lld/answer\">", strcmp(answer, "declined") == 0
	    ? "You said no, thank you. You can still change your mind." :
	    "You are invited. There is no need to answer, and no one is told "
	    "if you don't.", (long long)s->group_id);
	page_csrf_field(r);
	html_printf(&r->out, "<input type=\"hidden\" name=\"answer\" value=\""
	    "accept\"><label><input type=\"checkbox\" name=\"keep\" value=\""
	    "yes\" required> I have read the reminder, and I will keep what "
	    "is said here within this space</label><button type=\"submit\">"
	    "Join the space</button></form>\n");
	if (strcmp(answer, "declined") != 0) {
		html_printf(&r->out, "<form method=\"post\" action=\"/spaces/"
		    "%lld/answer\">", (long long)s->group_id);
		page_csrf_field(r);
		html_printf(&r->out, "<input type=\"hidden\" name=\"answer\" "
		    "value=\"decline\"><button class=\"secondary\" type=\""
		    "submit\">No, thank you</button></form>\n");
	}
}

/* What the facilitator and moderators see, and do. */
static void
staff_view(struct req *r, const struct space_row *s)
{
	long long id = (long long)s->group_id;

	html_printf(&r->out, "<p>%lld of %d people are in it; %lld invited, "
	    "%lld not answered yet. Who answered what is theirs: it is not "
	    "shown.</p>\n<section class=\"panel\"><h2>Reminder</h2><p>%s</p>"
	    "</section>\n", (long long)s->members, s->capacity,
	    (long long)s->invited, (long long)s->pending, s->reminder);
	html_printf(&r->out, "<section class=\"panel\"><h2>Read the "
	    "conversation</h2><p>Each post you open is in the audit trail and "
	    "counts towards your exposure.</p><form method=\"post\" action=\""
	    "/spaces/%lld/read\">", id);
	page_csrf_field(r);
	html_printf(&r->out, "<button type=\"submit\">Read it</button></form>"
	    "</section>\n<section class=\"panel\"><h2>Note to the space</h2>"
	    "<form class=\"stack\" method=\"post\" action=\"/spaces/%lld/note"
	    "\">", id);
	page_csrf_field(r);
	html_printf(&r->out, "<label for=\"note\">Shown above the conversation"
	    "</label><textarea id=\"note\" name=\"note\" rows=\"4\" maxlength="
	    "\"%d\">%s</textarea><button type=\"submit\">Save the note</button>"
	    "</form></section>\n", SPACE_NOTE_MAX, s->note);
	if (role_parse(r->user.role) >= ROLE_MODERATOR) {
		html_printf(&r->out, "<section class=\"panel\"><h2>Invite "
		    "someone who asked</h2><form class=\"stack\" method=\"post\" "
		    "action=\"/spaces/%lld/invite\">", id);
		page_csrf_field(r);
		html_printf(&r->out, "<label for=\"pseudonym\">Pseudonym</label>"
		    "<input id=\"pseudonym\" name=\"pseudonym\" required><button "
		    "type=\"submit\">Invite</button></form></section>\n");
	}
	html_printf(&r->out, "<form method=\"post\" action=\"/spaces/%lld/end\""
	    ">", id);
	page_csrf_field(r);
	html_printf(&r->out, "<button class=\"danger\" type=\"submit\">End the "
	    "space now and erase what was said</button></form>\n");
}

/* GET /spaces/{id} */
void
space_page(struct req *r)
{
	struct space_row s;
	char answer[16] = "", ends[32], title[sizeof(s.name) + 32];
	int64_t me = my_member(r), in = 0;
	int staff, rc, inside;

	if (!path_space(r, &s))
		return;
	staff = role_parse(r->user.role) >= ROLE_MODERATOR || (role_parse(
	    r->user.role) >= ROLE_SUPPORTER && r->user.id == s.facilitator_id);
	rc = me ? healing_space_invitation(r->db, s.group_id, me, answer,
	    sizeof(answer)) : DB_DONE;
	if (rc < 0) {
		req_fail(r, 500, "The space could not be read.");
		return;
	}
	/* a member who was not invited learns nothing of it */
	if (!staff && rc != DB_ROW) {
		req_fail(r, 404, "There is no such space.");
		return;
	}
	util_format_time(s.ends_at, ends, sizeof(ends));
	/* the staff's page and the member's say different things */
	snprintf(title, sizeof(title), "%s: %s", s.name, rc == DB_ROW ?
	    "your invitation" : "facilitation");
	page_begin(r, title, staff ? "/spaces" : "/groups");
	page_notice(r);
	html_printf(&r->out, "<h1>%s</h1><p class=\"lede\">A healing space, "
	    "facilitated by %s. %s %s.</p>\n", s.name, s.facilitator[0] ?
	    s.facilitator : "nobody now", s.ended_at || s.ends_at <= util_now()
	    ? "It ended on" : "It ends on", ends);
	if (s.ended_at || s.ends_at <= util_now()) {
		html_printf(&r->out, "<p>What was said in it %s erased.</p>\n",
		    s.ended_at ? "is" : "will be");
		page_end(r);
		return;
	}
	if (s.note[0])
		html_printf(&r->out, "<section class=\"panel\"><h2>From the "
		    "facilitator</h2><p class=\"prewrap\">%s</p></section>\n",
		    s.note);
	if (rc == DB_ROW) {
		inside = prevention_member_in_group(r->db, r->user.id,
		    s.group_id, &in);
		if (inside < 0) {
			html_printf(&r->out, "<p>The space could not be read.</p>");
			page_end(r);
			return;
		}
		member_view(r, &s, answer, inside == 1);
	} else {
		staff_view(r, &s);
	}
	page_end(r);
}

/* POST /spaces/{id}/answer: answer=accept (with keep=yes) | decline */
void
space_answer_post(struct req *r)
{
	const char *answer = req_form(r, "answer"), *keep = req_form(r, "keep");
	char err[ERR_MAX];
	int64_t me = my_member(r), gid = req_param(r, "id");
	int accept = answer && strcmp(answer, "accept") == 0;

	if (me == 0 || answer == NULL || (!accept && strcmp(answer, "decline")
	    != 0)) {
		req_fail(r, 400, "Only an invited member answers, yes or no.");
		return;
	}
	if (accept && (keep == NULL || strcmp(keep, "yes") != 0)) {
		back_to(r, gid, "error=space-keep");
		return;
	}
	if (healing_space_reply(r->gate, gid, me, accept, err) != 0) {
		if (strstr(err, "pledge") != NULL)
			req_redirect(r, "/pledge?error=no-pledge");
		else if (strstr(err, "not invited") != NULL)
			req_fail(r, 404, "There is no such space.");
		else
			back_to(r, gid, "error=space-refused");
		return;
	}
	if (accept) {
		char to[64];

		snprintf(to, sizeof(to), "/groups/%lld?done=space-joined",
		    (long long)gid);
		req_redirect(r, to);
	} else {
		back_to(r, gid, "done=space-declined");
	}
}

/* POST /spaces/{id}/invite: pseudonym */
void
space_invite_post(struct req *r)
{
	const char *name = req_form(r, "pseudonym");
	char err[ERR_MAX];
	int64_t gid = req_param(r, "id"), member;

	if (name == NULL || pseudonym_member(r->db, name, &member) != 1 ||
	    healing_space_invite_member(r->gate, gid, member, err) < 0)
		back_to(r, gid, "error=space-refused");
	else
		back_to(r, gid, "done=space-invited");
}

/* POST /spaces/{id}/note: note */
void
space_note_post(struct req *r)
{
	const char *note = req_form(r, "note");
	char err[ERR_MAX];
	int64_t gid = req_param(r, "id");

	if (note == NULL || healing_space_set_note(r->gate, gid, note, err) !=
	    0)
		back_to(r, gid, "error=space-refused");
	else
		back_to(r, gid, "done=space-note");
}

/* POST /spaces/{id}/read: the facilitator (or a moderator) reads the
** conversation through the audited door. */
void
space_read_post(struct req *r)
{
	struct space_row s;

	if (!path_space(r, &s))
		return;
	if (role_parse(r->user.role) < ROLE_MODERATOR && r->user.id !=
	    s.facilitator_id) {
		req_fail(r, 403, "Only the space's facilitator reads it.");
		return;
	}
	prevention_group_read_post(r);
}

/* POST /spaces/{id}/end */
void
space_end_post(struct req *r)
{
	char err[ERR_MAX];
	int64_t gid = req_param(r, "id");

	if (healing_space_close(r->gate, gid, util_now(), err) < 0)
		back_to(r, gid, "error=space-refused");
	else
		back_to(r, gid, "done=space-ended");
}
