/*
** peers.c: peer support, `sanctum care peers|peer`, and its pages.  See
** peers.h.
*/
#include "peers.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../admin/roles.h"
#include "../cli.h"
#include "../core/gate.h"
#include "../prevention/pseudonym.h"
#include "../response/triage.h"
#include "../store/care.h"
#include "../store/community.h"
#include "../store/db.h"
#include "../store/peers.h"
#include "../util/util.h"
#include "../web/html.h"
#include "../web/server.h"
#include "holder.h"

/* One audited change to member's offer, in its own transaction: what
** (0 offer, 1 pause, 2 resume, 3 withdraw).  Returns 0 or -1 with err. */
static int
offer_change(struct gate *g, int64_t member, int what, int capacity,
    char *err)
{
	static const char *const action[] = { "peer.offer", "peer.pause",
	    "peer.resume", "peer.withdraw" };
	struct db *db = gate_db(g);
	struct peer_row p;
	char target[32], detail[32] = "";
	int rc;

	snprintf(target, sizeof(target), "member %lld", (long long)member);
	if (what == 0) {
		if (capacity < 1 || capacity > PEER_MAX_CAPACITY) {
			err_set(err, "a peer supports 1 to %d people at a time",
			    PEER_MAX_CAPACITY);
			return -1;
		}
		if ((rc = peers_affected(db, member)) != 1) {
			err_set(err, rc < 0 ? "cannot read the incidents" :
			    "peer supporters are members who have been "
			    "through a leak themselves");
			return -1;
		}
		snprintf(detail, sizeof(detail), "%d at a time", capacity);
	} else if (peers_get(db, member, &p) != DB_ROW) {
		err_set(err, "that member has not offered to support others");
		return -1;
	}
	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	rc = what == 0 ? peers_offer(db, member, capacity, util_now()) :
	    what == 3 ? peers_withdraw(db, member) :
	    peers_pause(db, member, what == 1);
	if (rc != 0 || gate_audit(g, action[what], target, detail) != 0 ||
	    gate_commit(g) != 0) {
		gate_rollback(g);
		err_set(err, "cannot save: %s", db_error(db));
		return -1;
	}
	return 0;
}

/* Member offers to support capacity people at a time. */
int
peer_offer(struct gate *g, int64_t member, int capacity, char *err)
{
	return offer_change(g, member, 0, capacity, err);
}

/* Member pauses their offer (paused) or takes it up again. */
int
peer_pause(struct gate *g, int64_t member, int paused, char *err)
{
	return offer_change(g, member, paused ? 1 : 2, 0, err);
}

/* Member withdraws their offer; conversations under way go on until one
** of the two ends them. */
int
peer_withdraw(struct gate *g, int64_t member, char *err)
{
	return offer_change(g, member, 3, 0, err);
}

/* A moderator records that member took the short training for peer
** supporters.  Returns 0 or -1 with err. */
int
peer_train(struct gate *g, int64_t member, char *err)
{
	struct db *db = gate_db(g);
	char target[32];
	int rc;

	if (gate_actor(g)->role < ROLE_MODERATOR) {
		err_set(err, "a moderator records a peer's training");
		return -1;
	}
	snprintf(target, sizeof(target), "member %lld", (long long)member);
	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	rc = peers_train(db, member, gate_actor(g)->name, util_now());
	if (rc == 1) {
		gate_rollback(g);
		err_set(err, "that member has not offered to support others");
		return -1;
	}
	if (rc != 0 || gate_audit(g, "peer.train", target, "") != 0 ||
	    gate_commit(g) != 0) {
		gate_rollback(g);
		err_set(err, "cannot save: %s", db_error(db));
		return -1;
	}
	return 0;
}

/* The member of case_id (who is acting) asks to talk with a peer, or no
** longer.  Returns 0 or -1 with err. */
int
peer_want(struct gate *g, int64_t case_id, int on, char *err)
{
	struct db *db = gate_db(g);
	struct care_case cs;
	char target[32];

	if (care_member_case(g, case_id, err) != 0)
		return -1;
	if (care_case_get(db, case_id, &cs) != DB_ROW || cs.closed_at) {
		err_set(err, "that case is closed");
		return -1;
	}
	snprintf(target, sizeof(target), "care case %lld", (long long)case_id);
	if (gate_begin(g) != 0 || peers_wanted_set(db, case_id, on) != 0 ||
	    gate_audit(g, on ? "peer.wanted" : "peer.not-wanted", target, "")
	    != 0 || gate_commit(g) != 0) {
		gate_rollback(g);
		err_set(err, "cannot save: %s", db_error(db));
		return -1;
	}
	return 0;
}

struct find_peer {
	int64_t member;
	int found;
};

static int
is_available(void *ctx, const struct peer_row *p)
{
	struct find_peer *f = ctx;

	if (p->member_id == f->member)
		f->found = 1;
	return 0;
}

/* The person supporting case_id's member introduces them to peer, who
** is asked first.  Returns 0 with *id, or -1 with err. */
int
peer_introduce(struct gate *g, int64_t case_id, int64_t peer, int64_t *id,
    char *err)
{
	struct db *db = gate_db(g);
	struct care_case cs;
	struct find_peer f = { peer, 0 };
	char target[32], detail[48];

	if (care_may_hold(g, case_id, err) != 0)
		return -1;
	if (care_case_get(db, case_id, &cs) != DB_ROW || cs.closed_at) {
		err_set(err, "that case is closed");
		return -1;
	}
	if (peers_wanted(db, case_id) != 1) {
		err_set(err, "the member has not asked to talk with a peer");
		return -1;
	}
	if (peer == cs.member_id || peers_each(db, 1, is_available, &f) != 0 ||
	    !f.found) {
		err_set(err, "that peer supporter is not available (trained, "
		    "not paused, with room for one more)");
		return -1;
	}
	if (peers_intro_open(db, cs.member_id, peer) != 0) {
		err_set(err, "they have been introduced already");
		return -1;
	}
	snprintf(target, sizeof(target), "care case %lld", (long long)case_id);
	snprintf(detail, sizeof(detail), "to peer member %lld",
	    (long long)peer);
	if (gate_begin(g) != 0 || peers_intro_add(db, case_id, cs.member_id,
	    peer, gate_actor(g)->name, util_now(), id) != 0 ||
	    gate_audit(g, "peer.introduce", target, detail) != 0 ||
	    gate_commit(g) != 0) {
		gate_rollback(g);
		err_set(err, "cannot save: %s", db_error(db));
		return -1;
	}
	return 0;
}

/* Member answers introduction intro: the peer first, then the member who
** asked.  "No" ends it.  Returns 0 or -1 with err. */
int
peer_answer(struct gate *g, int64_t intro, int64_t member, int yes,
    char *err)
{
	struct db *db = gate_db(g);
	struct intro_row r;
	char target[32];
	int as_peer;

	if (peers_intro_get(db, intro, &r) != DB_ROW || (member != r.peer_id &&
	    member != r.seeker_id)) {
		err_set(err, "there is no such introduction");
		return -1;
	}
	as_peer = member == r.peer_id;
	if (r.ended_at || (as_peer && r.peer_answer[0]) || (!as_peer &&
	    (strcmp(r.peer_answer, "yes") != 0 || r.seeker_answer[0]))) {
		err_set(err, "that introduction is not waiting for your answer");
		return -1;
	}
	snprintf(target, sizeof(target), "introduction %lld",
	    (long long)intro);
	if (gate_begin(g) != 0 || peers_intro_answer(db, intro, as_peer, yes ?
	    "yes" : "no", util_now()) != 0 || gate_audit(g, yes ?
	    "peer.yes" : "peer.no", target, as_peer ? "peer" : "member") != 0 ||
	    gate_commit(g) != 0) {
		gate_rollback(g);
		err_set(err, "cannot save: %s", db_error(db));
		return -1;
	}
	return 0;
}

/* An introduction member is one of, and that both said yes to.  Returns
** 0 with *r, or -1 with err. */
static int
open_intro(struct db *db, int64_t intro, int64_t member,
    struct intro_row *r, char *err)
{
	if (peers_intro_get(db, intro, r) != DB_ROW || (member != r->peer_id &&
	    member != r->seeker_id)) {
		err_set(err, "there is no such conversation");
		return -1;
	}
	if (r->ended_at || strcmp(r->peer_answer, "yes") != 0 ||
	    strcmp(r->seeker_answer, "yes") != 0) {
		err_set(err, "that conversation is not open");
		return -1;
	}
	return 0;
}

/* Member writes to the other in introduction intro.  Contact details
** are refused: peers talk here.  Returns 0 or -1 with err. */
int
peer_send(struct gate *g, int64_t intro, int64_t member, const char *body,
    char *err)
{
	struct db *db = gate_db(g);
	struct triage_result tr;
	struct intro_row r;
	char target[32];
	uint8_t *sealed = NULL;
	size_t n = body ? strlen(body) : 0, i;
	int64_t id;
	int k;

	if (open_intro(db, intro, member, &r, err) != 0)
		return -1;
	for (i = 0; i < n && strchr(" \t\r\n", body[i]); i++)
		;
	if (i == n || n > PEER_MESSAGE_MAX || !util_valid_text(body, n)) {
		err_set(err, "a message is text of up to %d bytes",
		    PEER_MESSAGE_MAX);
		return -1;
	}
	triage_text(body, n, &tr);
	for (k = 0; k < tr.nreasons; k++)
		if (strncmp(tr.reasons[k].rule, "identifying: ", 13) == 0) {
			err_set(err, "peer support stays here, without contact "
			    "details: please leave out addresses and numbers");
			return -1;
		}
	snprintf(target, sizeof(target), "introduction %lld",
	    (long long)intro);
	if (gate_begin(g) != 0)
		goto fail;
	if (peers_message_add(db, intro, member, util_now(), &id) != 0 ||
	    (sealed = gate_seal(g, SEALED_PEER_MESSAGE, id, body, &n)) == NULL ||
	    peers_message_seal(db, id, sealed, n) != 0 ||
	    gate_audit(g, "peer.message", target, "") != 0 ||
	    gate_commit(g) != 0)
		goto fail;
	free(sealed);
	return 0;
fail:
	free(sealed);
	gate_rollback(g);
	err_set(err, "cannot save: %s", db_error(db));
	return -1;
}

/* Either of the two ends the conversation (or the introduction while it
** waits).  Returns 0 or -1 with err. */
int
peer_end(struct gate *g, int64_t intro, int64_t member, char *err)
{
	struct db *db = gate_db(g);
	struct intro_row r;
	char target[32];

	if (peers_intro_get(db, intro, &r) != DB_ROW || (member != r.peer_id &&
	    member != r.seeker_id)) {
		err_set(err, "there is no such conversation");
		return -1;
	}
	if (r.ended_at)
		return 0;
	snprintf(target, sizeof(target), "introduction %lld",
	    (long long)intro);
	if (gate_begin(g) != 0 || peers_intro_end(db, intro, util_now()) != 0 ||
	    gate_audit(g, "peer.end", target, "") != 0 ||
	    gate_commit(g) != 0) {
		gate_rollback(g);
		err_set(err, "cannot save: %s", db_error(db));
		return -1;
	}
	return 0;
}

/* The command line. */

static int
peer_json(void *ctx, const struct peer_row *p)
{
	char offered[32], trained[32] = "";

	util_format_rfc3339(p->offered_at, offered, sizeof(offered));
	if (p->trained_at)
		util_format_rfc3339(p->trained_at, trained, sizeof(trained));
	json_array_append_new(ctx, json_pack("{sssssisbsosssI}", "pseudonym",
	    p->pseudonym, "offered_at", offered, "capacity", p->capacity,
	    "paused", p->paused, "trained_at", p->trained_at ?
	    json_string(trained) : json_null(), "status", p->status,
	    "talking_with", (json_int_t)p->open));
	return 0;
}

static int
peer_line(void *ctx, const struct peer_row *p)
{
	(void)ctx;
	printf("%s\t%d at a time\t%s\t%s\t%lld under way\n", p->pseudonym,
	    p->capacity, p->trained_at ? "trained" : "training not recorded",
	    p->paused ? "paused" : "open", (long long)p->open);
	return 0;
}

/* sanctum care peers [--json] */
int
care_peers_cmd(struct cli *c, int argc, char **argv)
{
	json_t *list;
	int rc, json = argc == 2 && strcmp(argv[1], "--json") == 0;

	if (argc > 2 || (argc == 2 && !json))
		return cli_usage(c, "care");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (!json)
		return peers_each(c->db, 0, peer_line, NULL) == 0 ? EXIT_OK :
		    cli_fail("care: cannot read the peer supporters");
	list = json_array();
	if (peers_each(c->db, 0, peer_json, list) != 0) {
		json_decref(list);
		return cli_fail("care: cannot read the peer supporters");
	}
	cli_print_json(list);
	json_decref(list);
	return EXIT_OK;
}

/* sanctum care peer train PSEUDONYM | introduce CASE PSEUDONYM */
int
care_peer_cmd(struct cli *c, int argc, char **argv)
{
	char err[ERR_MAX];
	long long cs;
	int64_t m, id;
	int rc;

	if (!(argc == 3 && strcmp(argv[1], "train") == 0) && !(argc == 4 &&
	    strcmp(argv[1], "introduce") == 0 && util_parse_int(argv[2], 1,
	    INT64_MAX, &cs) == 0))
		return cli_usage(c, "care");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (pseudonym_member(c->db, argv[argc - 1], &m) != 1)
		return cli_fail("care: no member is known by that pseudonym");
	if (argc == 3) {
		if (peer_train(c->gate, m, err) != 0)
			return cli_fail("care: %s", err);
		cli_say(c, "the training is recorded\n");
		return EXIT_OK;
	}
	if (peer_introduce(c->gate, cs, m, &id, err) != 0)
		return cli_fail("care: %s", err);
	cli_say(c, "%lld\n", (long long)id);
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

/* A member's own open cases, each with whether they want a peer. */
static int
want_form(void *ctx, const struct care_case *cs)
{
	struct req *r = ctx;
	int on = peers_wanted(r->db, cs->id) == 1;

	if (cs->closed_at)
		return 0;
	html_printf(&r->out, "<form method=\"post\" action=\"/me/support/%lld/"
	    "peer\">", (long long)cs->id);
	page_csrf_field(r);
	html_printf(&r->out, "<input type=\"hidden\" name=\"want\" value=\"%s"
	    "\"><button%s type=\"submit\">%s</button></form>", on ? "no" :
	    "yes", on ? " class=\"secondary\"" : "", on ? "I no longer wish "
	    "to talk with a peer" : "I would like to talk with a peer");
	return 0;
}

/* The "peer support" panel of a member's own support page. */
void
peer_panel(struct req *r, int64_t member)
{
	struct peer_row p;
	int affected = peers_affected(r->db, member) == 1, i;
	int offered = peers_get(r->db, member, &p) == DB_ROW;

	html_printf(&r->out, "<section class=\"panel\" aria-labelledby=\"peers"
	    "\"><h2 id=\"peers\">Peer support</h2><p>Some members who have been "
	    "through a leak offer to talk with others going through one. You "
	    "talk here, in <a href=\"/me/peers\">your peer conversations</a>, "
	    "never by sharing contact details, and either of you can stop at "
	    "any time.</p>");
	care_cases_each(r->db, 0, member, 0, util_now(), want_form, r);
	if (!affected && !offered) {
		html_printf(&r->out, "</section>\n");
		return;
	}
	if (!offered) {
		html_printf(&r->out, "<form class=\"stack\" method=\"post\" "
		    "action=\"/me/support/peer\">");
		page_csrf_field(r);
		html_printf(&r->out, "<input type=\"hidden\" name=\"offer\" value="
		    "\"yes\"><label for=\"peer-capacity\">You have been through "
		    "this. Would you offer to support others? How many people "
		    "at a time</label><select id=\"peer-capacity\" name=\""
		    "capacity\">");
		for (i = 1; i <= PEER_MAX_CAPACITY; i++)
			html_printf(&r->out, "<option value=\"%d\">%d</option>",
			    i, i);
		html_printf(&r->out, "</select><button type=\"submit\">Offer to "
		    "support others</button></form></section>\n");
		return;
	}
	html_printf(&r->out, "<p>You offered to support %d %s at a time. %s%s"
	    "</p><form class=\"inline\" method=\"post\" action=\"/me/support/"
	    "peer\">", p.capacity, p.capacity == 1 ? "person" : "people",
	    p.trained_at ? "Your training is recorded." : "A moderator will "
	    "talk you through the short training first.", p.paused ? " Your "
	    "offer is paused." : "");
	page_csrf_field(r);
	html_printf(&r->out, "<input type=\"hidden\" name=\"offer\" value=\"%s"
	    "\"><button class=\"secondary\" type=\"submit\">%s</button></form> "
	    "<form class=\"inline\" method=\"post\" action=\"/me/support/peer"
	    "\">", p.paused ? "resume" : "pause", p.paused ? "Take it up again" :
	    "Pause my offer");
	page_csrf_field(r);
	html_printf(&r->out, "<input type=\"hidden\" name=\"offer\" value=\"no"
	    "\"><button class=\"secondary\" type=\"submit\">Withdraw my offer"
	    "</button></form></section>\n");
}

/* POST /me/support/peer: offer=yes (capacity) | pause | resume | no */
void
my_peer_offer_post(struct req *r)
{
	const char *offer = req_form(r, "offer"), *cap = req_form(r, "capacity");
	char err[ERR_MAX];
	long long n = 0;
	int64_t me = my_member(r);
	int rc;

	if (me == 0 || offer == NULL) {
		req_fail(r, 400, "Only members offer peer support.");
		return;
	}
	if (strcmp(offer, "yes") == 0)
		rc = cap && util_parse_int(cap, 1, PEER_MAX_CAPACITY, &n) == 0 ?
		    peer_offer(r->gate, me, (int)n, err) : -1;
	else if (strcmp(offer, "pause") == 0 || strcmp(offer, "resume") == 0)
		rc = peer_pause(r->gate, me, strcmp(offer, "pause") == 0, err);
	else if (strcmp(offer, "no") == 0)
		rc = peer_withdraw(r->gate, me, err);
	else
		rc = -1;
	req_redirect(r, rc == 0 ? "/me/support?done=peer-offer" :
	    "/me/support?error=peer-refused");
}

/* POST /me/support/{id}/peer: want=yes|no */
void
my_peer_want_post(struct req *r)
{
	const char *want = req_form(r, "want");
	char err[ERR_MAX];

	if (want == NULL || (strcmp(want, "yes") != 0 && strcmp(want, "no") !=
	    0)) {
		req_fail(r, 400, "Say yes or no.");
		return;
	}
	if (peer_want(r->gate, req_param(r, "id"), strcmp(want, "yes") == 0,
	    err) != 0) {
		req_fail(r, 404, "There is no such case of yours.");
		return;
	}
	req_redirect(r, strcmp(want, "yes") == 0 ?
	    "/me/support?done=peer-wanted" : "/me/support?done=prefs");
}

struct intros_ctx {
	struct req *r;
	int64_t me;
	int n;
};

static void
answer_forms(struct req *r, int64_t id, const char *yes)
{
	html_printf(&r->out, "<form class=\"inline\" method=\"post\" action=\""
	    "/me/peers/%lld/answer\">", (long long)id);
	page_csrf_field(r);
	html_printf(&r->out, "<input type=\"hidden\" name=\"answer\" value=\""
	    "yes\"><button type=\"submit\">%s</button></form> <form class=\""
	    "inline\" method=\"post\" action=\"/me/peers/%lld/answer\">", yes,
	    (long long)id);
	page_csrf_field(r);
	html_printf(&r->out, "<input type=\"hidden\" name=\"answer\" value=\"no"
	    "\"><button class=\"secondary\" type=\"submit\">Not now</button>"
	    "</form>");
}

/* One introduction on GET /me/peers, as the member sees it. */
static int
intro_item(void *ctx, const struct intro_row *i)
{
	struct intros_ctx *c = ctx;
	struct req *r = c->r;
	int as_peer = i->peer_id == c->me;
	int open = !i->ended_at && strcmp(i->peer_answer, "yes") == 0 &&
	    strcmp(i->seeker_answer, "yes") == 0;

	c->n++;
	html_printf(&r->out, "<li>");
	if (open)
		html_printf(&r->out, "<a href=\"/me/peers/%lld\">Your conversation "
		    "with %s</a>", (long long)i->id, as_peer ? i->seeker :
		    i->peer);
	else if (i->ended_at)
		html_printf(&r->out, "An introduction that has ended.");
	else if (as_peer && !i->peer_answer[0]) {
		html_printf(&r->out, "Someone the community supports would like "
		    "to talk with a peer who has been through a leak. Would you? "
		    "You learn who they are only if they say yes too. ");
		answer_forms(r, i->id, "Yes, I will talk with them");
	} else if (as_peer)
		html_printf(&r->out, "You said yes; they have not answered yet. "
		    "There is no need to wait for it.");
	else if (strcmp(i->peer_answer, "yes") == 0 && !i->seeker_answer[0]) {
		html_printf(&r->out, "%s, a peer supporter who has been through "
		    "a leak, would be glad to talk with you. Would you like to "
		    "be introduced? ", i->peer);
		answer_forms(r, i->id, "Yes, introduce us");
	} else
		html_printf(&r->out, "We are asking a peer supporter for you.");
	html_printf(&r->out, "</li>\n");
	return 0;
}

/* GET /me/peers */
void
my_peers_page(struct req *r)
{
	struct intros_ctx c = { r, my_member(r), 0 };

	page_begin(r, "Peer conversations", "/me/support");
	page_notice(r);
	html_printf(&r->out, "<h1>Peer conversations</h1><p class=\"lede\">"
	    "Conversations between two members, one of whom has been through a "
	    "leak too. Only the two of you read them.</p>\n<ul class=\""
	    "intros\">");
	if (c.me && peers_intros_each(r->db, c.me, 0, intro_item, &c) != 0)
		html_printf(&r->out, "<li>They could not be read.</li>");
	else if (c.n == 0)
		html_printf(&r->out, "<li>None yet. On <a href=\"/me/support\">My "
		    "support</a> you can ask to talk with a peer, or offer to "
		    "be one.</li>");
	html_printf(&r->out, "</ul>\n");
	page_end(r);
}

struct convo_ctx {
	struct req *r;
	int64_t me;
	const struct intro_row *i;
	int n;
};

static int
message_item(void *ctx, int64_t id, int64_t from, int64_t at,
    const void *sealed, size_t n)
{
	struct convo_ctx *c = ctx;
	struct req *r = c->r;
	char err[ERR_MAX], when[32], *text;

	c->n++;
	util_format_time(at, when, sizeof(when));
	text = gate_open_as_member(r->gate, SEALED_PEER_MESSAGE, id, sealed, n,
	    err);
	html_printf(&r->out, "<div class=\"post\"><p class=\"byline\">%s · %s"
	    "</p><p class=\"prewrap\">%s</p></div>\n", from == c->me ? "you" :
	    from == c->i->peer_id ? c->i->peer : c->i->seeker, when, text ?
	    text : "(this message could not be opened)");
	gate_wipe(text);
	return 0;
}

/* GET /me/peers/{id}: the conversation, for its two members alone. */
void
my_peer_page(struct req *r)
{
	struct intro_row i;
	struct convo_ctx c = { r, my_member(r), &i, 0 };
	char err[ERR_MAX], title[96];

	if (open_intro(r->db, req_param(r, "id"), c.me, &i, err) != 0) {
		req_fail(r, 404, "There is no such conversation.");
		return;
	}
	snprintf(title, sizeof(title), "With %s", i.peer_id == c.me ? i.seeker :
	    i.peer);
	page_begin(r, title, "/me/support");
	page_notice(r);
	html_printf(&r->out, "<h1>%s</h1><p class=\"lede\">Only the two of you "
	    "read this. Please keep it here: contact details are not shared "
	    "through peer support. If something worries you, tell the person "
	    "supporting you or the moderators.</p>\n<section class=\""
	    "conversation\" aria-label=\"Conversation\">", title);
	if (peers_messages_each(r->db, i.id, message_item, &c) != 0)
		html_printf(&r->out, "<p>The conversation could not be read.</p>");
	else if (c.n == 0)
		html_printf(&r->out, "<p>Nothing has been said yet.</p>");
	html_printf(&r->out, "</section><form class=\"stack\" method=\"post\" "
	    "action=\"/me/peers/%lld/messages\">", (long long)i.id);
	page_csrf_field(r);
	html_printf(&r->out, "<label for=\"body\">Write</label><textarea id=\""
	    "body\" name=\"body\" rows=\"4\" maxlength=\"%d\" required>"
	    "</textarea><button type=\"submit\">Send</button></form><form "
	    "method=\"post\" action=\"/me/peers/%lld/end\">", PEER_MESSAGE_MAX,
	    (long long)i.id);
	page_csrf_field(r);
	html_printf(&r->out, "<button class=\"secondary\" type=\"submit\">End "
	    "this conversation</button></form>\n");
	page_end(r);
}

/* POST /me/peers/{id}/answer: answer=yes|no */
void
my_peer_answer_post(struct req *r)
{
	const char *a = req_form(r, "answer");
	char err[ERR_MAX];

	if (a == NULL || (strcmp(a, "yes") != 0 && strcmp(a, "no") != 0)) {
		req_fail(r, 400, "Say yes or no.");
		return;
	}
	if (peer_answer(r->gate, req_param(r, "id"), my_member(r),
	    strcmp(a, "yes") == 0, err) != 0) {
		req_redirect(r, "/me/peers?error=peer-refused");
		return;
	}
	req_redirect(r, "/me/peers?done=peer-answered");
}

/* POST /me/peers/{id}/messages: body */
void
my_peer_message_post(struct req *r)
{
	char err[ERR_MAX], to[64];
	int64_t id = req_param(r, "id");

	if (peer_send(r->gate, id, my_member(r), req_form(r, "body"), err) !=
	    0) {
		if (strstr(err, "no such") || strstr(err, "not open")) {
			req_fail(r, 404, "There is no such conversation.");
			return;
		}
		snprintf(to, sizeof(to), "/me/peers/%lld?error=%s", (long long)id,
		    strstr(err, "contact") ? "peer-contact" : "invalid");
		req_redirect(r, to);
		return;
	}
	snprintf(to, sizeof(to), "/me/peers/%lld", (long long)id);
	req_redirect(r, to);
}

/* POST /me/peers/{id}/end */
void
my_peer_end_post(struct req *r)
{
	char err[ERR_MAX];

	if (peer_end(r->gate, req_param(r, "id"), my_member(r), err) != 0) {
		req_fail(r, 404, "There is no such conversation.");
		return;
	}
	req_redirect(r, "/me/peers?done=peer-ended");
}

struct staff_ctx {
	struct req *r;
	int n;
};

static int
volunteer_row(void *ctx, const struct peer_row *p)
{
	struct staff_ctx *c = ctx;
	struct req *r = c->r;

	c->n++;
	html_printf(&r->out, "<tr><td>%s</td><td>%d</td><td>%lld</td><td>%s"
	    "</td><td>", p->pseudonym, p->capacity, (long long)p->open,
	    p->paused ? "paused" : strcmp(p->status, "active") != 0 ?
	    p->status : "open");
	if (p->trained_at)
		html_printf(&r->out, "recorded by %s", p->trained_by);
	else if (role_parse(r->user.role) >= ROLE_MODERATOR) {
		html_printf(&r->out, "<form class=\"inline\" method=\"post\" "
		    "action=\"/care/peers/%lld/train\">", (long long)p->member_id);
		page_csrf_field(r);
		html_printf(&r->out, "<button type=\"submit\">Record the "
		    "training</button></form>");
	} else
		html_printf(&r->out, "not yet");
	html_printf(&r->out, "</td></tr>\n");
	return 0;
}

/* GET /care/peers: the volunteers. */
void
care_peers_page(struct req *r)
{
	struct staff_ctx c = { r, 0 };

	page_begin(r, "Peer supporters", "/care");
	page_notice(r);
	html_printf(&r->out, "<h1>Peer supporters</h1><p class=\"lede\">Members "
	    "who have been through a leak and offered to talk with others, "
	    "each as often as they chose. What they say to each other is "
	    "theirs: it is not shown here.</p>\n<table class=\"list\"><thead>"
	    "<tr><th scope=\"col\">Pseudonym</th><th scope=\"col\">At a time"
	    "</th><th scope=\"col\">Under way</th><th scope=\"col\">Offer</th>"
	    "<th scope=\"col\">Training</th></tr></thead><tbody>\n");
	if (peers_each(r->db, 0, volunteer_row, &c) != 0)
		html_printf(&r->out, "<tr><td colspan=\"5\">They could not be "
		    "read.</td></tr>\n");
	else if (c.n == 0)
		html_printf(&r->out, "<tr><td colspan=\"5\">Nobody has offered "
		    "yet.</td></tr>\n");
	html_printf(&r->out, "</tbody></table>\n");
	page_end(r);
}

/* POST /care/peers/{id}/train: {id} is the member. */
void
care_peer_train_post(struct req *r)
{
	char err[ERR_MAX];

	req_redirect(r, peer_train(r->gate, req_param(r, "id"), err) == 0 ?
	    "/care/peers?done=peer-trained" : "/care/peers?error=peer-refused");
}

static int
peer_option(void *ctx, const struct peer_row *p)
{
	struct staff_ctx *c = ctx;

	c->n++;
	html_printf(&c->r->out, "<option value=\"%s\">%s</option>",
	    p->pseudonym, p->pseudonym);
	return 0;
}

static int
intro_state(void *ctx, const struct intro_row *i)
{
	struct staff_ctx *c = ctx;

	c->n++;
	html_printf(&c->r->out, "<li>Introduced to %s: %s</li>", i->peer,
	    i->ended_at ? "ended" : !i->peer_answer[0] ? "the peer has not "
	    "answered" : !i->seeker_answer[0] ? "the peer said yes; the member "
	    "has not answered" : "they are talking");
	return 0;
}

/* On a care case's page: the member asked for a peer, and who they were
** introduced to (never what was said). */
void
peer_case_panel(struct req *r, int64_t case_id)
{
	struct staff_ctx c = { r, 0 };
	int wanted = peers_wanted(r->db, case_id) == 1;

	html_printf(&r->out, "<section class=\"panel\" aria-labelledby=\""
	    "peer-h\"><h2 id=\"peer-h\">Peer support</h2><ul>");
	peers_intros_each(r->db, 0, case_id, intro_state, &c);
	if (c.n == 0)
		html_printf(&r->out, "<li>No introduction yet.</li>");
	html_printf(&r->out, "</ul>");
	if (!wanted) {
		html_printf(&r->out, "<p>The member has not asked to talk with a "
		    "peer. They can, on their own page.</p></section>\n");
		return;
	}
	html_printf(&r->out, "<p>The member would like to talk with a peer who "
	    "has been through a leak. The peer is asked first, without "
	    "learning who; then the member chooses.</p><form class=\"stack\" "
	    "method=\"post\" action=\"/care/%lld/peer\">", (long long)case_id);
	page_csrf_field(r);
	html_printf(&r->out, "<label for=\"peer\">Peer supporter (trained, "
	    "with room)</label><select id=\"peer\" name=\"peer\">");
	c.n = 0;
	peers_each(r->db, 1, peer_option, &c);
	html_printf(&r->out, "</select><button type=\"submit\"%s>Ask them"
	    "</button></form></section>\n", c.n ? "" : " disabled");
}

/* POST /care/{id}/peer: peer (pseudonym) */
void
care_peer_introduce_post(struct req *r)
{
	const char *name = req_form(r, "peer");
	char err[ERR_MAX], to[64];
	int64_t peer, id, cs = req_param(r, "id");

	snprintf(to, sizeof(to), "/care/%lld?%s", (long long)cs, name &&
	    pseudonym_member(r->db, name, &peer) == 1 && peer_introduce(r->gate, cs,
	    peer, &id, err) == 0 ? "done=peer-asked" : "error=peer-refused");
	req_redirect(r, to);
}
