/*
** test_routes_audit.c: a test made from the route table.  Every route
** that declares R_WRITES gets a valid request through the real server,
** and must leave exactly one new entry in the audit trail; a writing
** route without a sample request here fails the test, so a new route
** cannot slip past it.
*/
#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "admin/tokens.h"
#include "admin/users.h"
#include "app.h"
#include "community/post.h"
#include "core/gate.h"
#include "store/accounts.h"
#include "store/care.h"
#include "store/community.h"
#include "store/db.h"
#include "store/response.h"
#include "test.h"
#include "web_client.h"
#include "prevention/membership.h"
#include "prevention/pledge.h"
#include "prevention/training.h"
#include "moderators/rota.h"
#include "store/moderators.h"
#include "store/monitor.h"
#include "store/peers.h"
#include "store/prevention.h"
#include "util/buf.h"
#include "util/util.h"
#include "web/routes.h"
#include "web/serve.h"

#define ADMIN "route-admin"
#define ADMIN_PW "a long and quiet password"
#define MEMBER "route-member"
#define MEMBER_PW "a member's own long password"
#define CARED "route-cared"	/* a member with care cases (MEMBER leaves) */

/* A valid request for each writing route: its method and pattern as the
** table has them, the path to ask for, and a form or JSON body (the CSRF
** token is added when sent), sent by ADMIN, by MEMBER (member 1) or by
** someone not logged in (member 2, with a public form's token; CODE and
** LINK in the form stand for an application's status code and activation
** link made in setup).  Run in the table's order. */
static const struct sample {
	const char *method, *pattern, *path, *json, *form;
	int member;
} samples[] = {
	{ "POST", "/account/password", "/account/password", NULL,
	    "current=" "a+long+and+quiet+password" "&new=another+long+"
	    "password+here&confirm=another+long+password+here", 0 },
	{ "POST", "/users", "/users", NULL, "name=route-user&role=supporter",
	    0 },
	{ "POST", "/users/disable", "/users/disable", NULL, "name=route-user",
	    0 },
	{ "POST", "/users/enable", "/users/enable", NULL, "name=route-user",
	    0 },
	{ "POST", "/tokens", "/tokens", NULL, "label=route-token&user="
	    ADMIN, 0 },
	{ "POST", "/tokens/{id}/revoke", "/tokens/1/revoke", NULL, "", 0 },
	{ "POST", "/apply", "/apply", NULL, "pseudonym=route-applicant&"
	    "accept=yes&pledge_version=1&answer0=hello", 2 },
	{ "POST", "/apply/status", "/apply/status", NULL, "code=CODE", 2 },
	{ "POST", "/report", "/report", NULL, "platform=a+forum&text=Someone+"
	    "shared+a+screenshot+of+our+group.", 2 },
	{ "POST", "/activate", "/activate", NULL, "password=a+long+enough+"
	    "password&t=LINK", 2 },
	{ "POST", "/applications/{id}/approve", "/applications/3/approve",
	    NULL, "message=Welcome.", 0 },
	{ "POST", "/applications/{id}/decline", "/applications/4/decline",
	    NULL, "message=Not+just+now.", 0 },
	{ "POST", "/invitations", "/invitations", NULL, "days=3&uses=1", 0 },
	{ "POST", "/members/{id}/contact", "/members/2/contact", NULL,
	    "reason=A+member+report+needs+a+reply", 0 },
	{ "POST", "/training", "/training", NULL, "user=" ADMIN "&training="
	    "mental+health+first+aid&date=2026-11-01", 0 },
	{ "POST", "/wellbeing/break", "/wellbeing/break", NULL,
	    "days=2&show=yes", 0 },
	{ "POST", "/wellbeing/back", "/wellbeing/back", NULL, "", 0 },
	{ "POST", "/rota/members", "/rota/members", NULL, "name=" ADMIN
	    "&action=add", 0 },
	{ "POST", "/rota/swap", "/rota/swap", NULL, "with=mod-rota&on=ONCALL",
	    0 },
	{ "POST", "/rota/swaps/{id}/answer", "/rota/swaps/2/answer", NULL,
	    "answer=yes", 0 },
	{ "POST", "/rota/cover", "/rota/cover", NULL, "name=mod-rota&for="
	    ADMIN "&on=ONCALL", 0 },
	{ "POST", "/rota/caps", "/rota/caps", NULL, "daily=30&weekly=100&"
	    "near=80", 0 },
	{ "POST", "/incidents/{id}/handoff", "/incidents/1/handoff", NULL, "",
	    0 },
	{ "POST", "/wellbeing/check", "/wellbeing/check", NULL,
	    "q0=1&q1=0&q2=2&q3=0&q4=1", 0 },
	{ "POST", "/support", "/support", NULL, "name=Calm+Line&kind=helpline&"
	    "contact=0800+000+000&languages=en&note=", 0 },
	{ "POST", "/support/{id}/remove", "/support/1/remove", NULL, "", 0 },
	{ "POST", "/support/budget", "/support/budget", NULL,
	    "amount=300.00&currency=EUR", 0 },
	{ "POST", "/wellbeing/session", "/wellbeing/session", NULL,
	    "date=2026-11-20&cost=60.00", 0 },
	{ "POST", "/thanks", "/thanks", NULL, "to=mod-rota&message=Thank+you+"
	    "for+last+night.&anonymous=yes", 0 },
	{ "POST", "/debriefs/schedule", "/debriefs/schedule", NULL,
	    "every=21&first=", 0 },
	{ "POST", "/debriefs/team", "/debriefs/team", NULL, "happened=A+long+"
	    "week.&hard=&helped=Talking+it+through.&change=&reflection="
	    "Tired+but+steady.", 0 },
	{ "POST", "/debriefs/{id}/entry", "/debriefs/1/entry", NULL,
	    "happened=A+long+week.&helped=Talking.&change=Two+readers.", 0 },
	{ "POST", "/pledge", "/pledge", NULL, "accept=yes&version=1", 1 },
	{ "POST", "/groups/{id}/join", "/groups/1/join", NULL, "", 1 },
	{ "POST", "/groups/{id}/posts", "/groups/1/posts", NULL,
	    "body=A+first+post+of+mine.", 1 },
	{ "POST", "/posts/{id}/edit", "/posts/2/edit", NULL,
	    "body=A+first+post+of+mine%2C+edited.", 1 },
	{ "POST", "/posts/{id}/delete", "/posts/2/delete", NULL, "", 1 },
	{ "POST", "/groups/{id}/leave", "/groups/1/leave", NULL, "", 1 },
	{ "POST", "/me/messages/{id}/reply", "/me/messages/1/reply", NULL,
	    "reply=Thank+you.+A+call+on+Thursday+would+help.", 1 },
	{ "POST", "/me/messages/{id}/consent", "/me/messages/1/consent", NULL,
	    "mention=yes&copyright=no&see=", 1 },
	{ "POST", "/me/messages/{id}/connect", "/me/messages/1/connect", NULL,
	    "", 1 },
	{ "POST", "/me/delete", "/me/delete", NULL, "confirm=" MEMBER, 1 },
	{ "POST", "/incidents", "/incidents", NULL, "post=1", 0 },
	{ "POST", "/incidents/{id}/assess", "/incidents/2/assess", NULL,
	    "risk=immediate&note=", 0 },
	{ "POST", "/incidents/{id}/members", "/incidents/2/members", NULL,
	    "pseudonym=" CARED, 0 },
	{ "POST", "/incidents/{id}/locations", "/incidents/2/locations", NULL,
	    "url=http%3A%2F%2F127.0.0.1%3A9%2Ft%2F7&platform=example", 0 },
	{ "POST", "/incidents/{id}/outreach", "/incidents/2/outreach", NULL,
	    "country=GB", 0 },
	{ "POST", "/outreach/{id}", "/outreach/2", NULL, "channel=in-app&body="
	    "Hello.+You+did+nothing+wrong.+Samaritans%3A+call+116+123.", 0 },
	{ "POST", "/outreach/{id}/send", "/outreach/2/send", NULL, "", 0 },
	{ "POST", "/connects/{id}/done", "/connects/1/done", NULL, "", 0 },
	{ "POST", "/incidents/{id}/consent", "/incidents/2/consent", NULL,
	    "pseudonym=willow&mention=yes&copyright=&see=no", 0 },
	{ "POST", "/incidents/{id}/takedowns", "/incidents/2/takedowns", NULL,
	    "leak=1&kind=privacy&names=willow&to=", 0 },
	{ "POST", "/takedowns/{id}/status", "/takedowns/1/status", NULL,
	    "status=requested", 0 },
	{ "POST", "/incidents/{id}/recheck", "/incidents/2/recheck", NULL, "",
	    0 },
	{ "POST", "/incidents/{id}/announcement", "/incidents/1/announcement",
	    NULL, "", 0 },
	{ "POST", "/announcements/{id}", "/announcements/1", NULL, "body=To+"
	    "everyone%3A+we+are+working+on+it.+Find+A+Helpline+lists+lines.",
	    0 },
	{ "POST", "/announcements/{id}/publish", "/announcements/1/publish",
	    NULL, "", 0 },
	{ "POST", "/care", "/care", NULL, "member=" CARED "&supporter=sue&"
	    "incident=2", 0 },
	{ "POST", "/care/reminders", "/care/reminders", NULL,
	    "email=route-admin%40example.org", 0 },
	{ "POST", "/care/peers/{id}/train", "/care/peers/2/train", NULL, "", 0 },
	{ "POST", "/care/{id}/notes", "/care/2/notes", NULL, "notes=Prefers+"
	    "short+messages.", 0 },
	{ "POST", "/care/{id}/hand", "/care/2/hand", NULL, "to=sky&reason="
	    "rota", 0 },
	{ "POST", "/checkins/{id}/done", "/checkins/1/done", NULL, "note="
	    "Talked+for+a+while.", 0 },
	{ "POST", "/checkins/{id}/skip", "/checkins/2/skip", NULL, "", 0 },
	{ "POST", "/checkins/{id}/move", "/checkins/3/move", NULL,
	    "to=2030-01-07T10%3A00", 0 },
	{ "POST", "/checkins/{id}/draft", "/checkins/4/draft", NULL, "", 0 },
	{ "POST", "/care-messages/{id}", "/care-messages/1", NULL, "body=Hello"
	    "%2C+checking+in.+Find+A+Helpline+lists+lines+near+you.", 0 },
	{ "POST", "/care-messages/{id}/send", "/care-messages/1/send", NULL,
	    "", 0 },
	{ "POST", "/care/{id}/updates", "/care/2/updates", NULL, "takedown=1",
	    0 },
	{ "POST", "/care/{id}/offers", "/care/2/offers", NULL, "therapist=0&"
	    "sessions=6", 0 },
	{ "POST", "/offers/{id}/status", "/offers/1/status", NULL,
	    "status=accepted", 0 },
	{ "POST", "/offers/{id}/sessions", "/offers/1/sessions", NULL,
	    "date=2026-01-10&cost=0", 0 },
	{ "POST", "/care/{id}/help", "/care/2/help", NULL, "kind=employer&"
	    "note=Wrote+to+their+manager+with+them.", 0 },
	{ "POST", "/care/{id}/peer", "/care/1/peer", NULL, "peer=willow", 0 },
	{ "POST", "/help/{id}/outcome", "/help/1/outcome", NULL,
	    "outcome=helped", 0 },
	{ "POST", "/me/support/messages/{id}/reply",
	    "/me/support/messages/1/reply", NULL, "reply=Doing+better.", 3 },
	{ "POST", "/me/support/prefs", "/me/support/prefs", NULL, "contact="
	    "yes&channel=in-app&every=14&hour=9&zone=Europe%2FLondon&lang=en",
	    3 },
	{ "POST", "/me/support/{id}/needs", "/me/support/1/needs", NULL,
	    "needs=Short+messages%2C+please.", 3 },
	{ "POST", "/me/support/{id}/close", "/me/support/1/close", NULL, "",
	    3 },
	{ "POST", "/me/support/{id}/forget", "/me/support/1/forget", NULL, "",
	    3 },
	{ "POST", "/me/support/better", "/me/support/better", NULL,
	    "share=yes", 3 },
	{ "POST", "/me/support/peer", "/me/support/peer", NULL,
	    "offer=yes&capacity=1", 3 },
	{ "POST", "/me/support/{id}/peer", "/me/support/2/peer", NULL,
	    "want=yes", 3 },
	{ "POST", "/me/peers/{id}/answer", "/me/peers/1/answer", NULL,
	    "answer=yes", 3 },
	{ "POST", "/me/peers/{id}/messages", "/me/peers/1/messages", NULL,
	    "body=Thank+you+for+saying+yes.", 3 },
	{ "POST", "/me/peers/{id}/end", "/me/peers/1/end", NULL, "", 3 },
	{ "POST", "/care/{id}/close", "/care/2/close", NULL, "", 0 },
	{ "POST", "/changes", "/changes", NULL, "title=Screenshots+are+now+"
	    "blurred+in+the+support+groups&detail=&date=2026-01-05", 0 },
	{ "POST", "/pulse", "/pulse", NULL, "question=&days=7", 0 },
	{ "POST", "/pulse/{id}/answer", "/pulse/1/answer", NULL, "value=4", 3 },
	{ "POST", "/spaces", "/spaces", NULL, "name=After+the+leak&facilitator="
	    "sue&incident=1&days=14&capacity=6&reminder=", 0 },
	{ "POST", "/spaces/{id}/invite", "/spaces/2/invite", NULL,
	    "pseudonym=willow", 0 },
	{ "POST", "/spaces/{id}/answer", "/spaces/2/answer", NULL,
	    "answer=decline", 3 },
	{ "POST", "/spaces/{id}/note", "/spaces/2/note", NULL,
	    "note=We+meet+on+Thursdays.", 0 },
	{ "POST", "/spaces/{id}/end", "/spaces/2/end", NULL, "", 0 },
	{ "POST", "/reports/{id}/incident", "/reports/1/incident", NULL, "", 0 },
	{ "POST", "/reports/{id}/dismiss", "/reports/1/dismiss", NULL, "", 0 },
	{ "POST", "/monitor/{id}/dismiss", "/monitor/1/dismiss", NULL, "", 0 },
	{ "POST", "/monitor/{id}/incident", "/monitor/2/incident", NULL, "", 0 },
	{ "POST", "/api/v1/care", "/api/v1/care", "{\"member\": \"" CARED
	    "\", \"supporter\": \"sue\", \"incident\": 2}", NULL, 0 },
	{ "POST", "/api/v1/care/prefs", "/api/v1/care/prefs",
	    "{\"pseudonym\": \"willow\", \"contact\": true, "
	    "\"every_days\": 7}", NULL, 0 },
	{ "POST", "/api/v1/checkins/{id}", "/api/v1/checkins/CHECKIN",
	    "{\"action\": \"skip\"}", NULL, 0 },
	{ "POST", "/api/v1/care/{id}/hand", "/api/v1/care/3/hand",
	    "{\"to\": \"sky\", \"reason\": \"rota\"}", NULL, 0 },
	{ "POST", "/api/v1/care/{id}/notes", "/api/v1/care/3/notes",
	    "{\"notes\": \"Prefers short messages.\"}", NULL, 0 },
	{ "POST", "/api/v1/checkins/{id}/draft", "/api/v1/checkins/CHECKIN/"
	    "draft", "{}", NULL, 0 },
	{ "POST", "/api/v1/care-messages/{id}", "/api/v1/care-messages/3",
	    "{\"body\": \"Hello, checking in. Find A Helpline lists lines "
	    "near you.\"}", NULL, 0 },
	{ "POST", "/api/v1/care-messages/{id}/send",
	    "/api/v1/care-messages/3/send", "{}", NULL, 0 },
	{ "POST", "/api/v1/care/{id}/updates", "/api/v1/care/3/updates",
	    "{\"takedown\": 1}", NULL, 0 },
	{ "POST", "/api/v1/care/{id}/offers", "/api/v1/care/3/offers",
	    "{\"sessions\": 4}", NULL, 0 },
	{ "POST", "/api/v1/offers/{id}", "/api/v1/offers/2",
	    "{\"status\": \"accepted\"}", NULL, 0 },
	{ "POST", "/api/v1/offers/{id}/sessions", "/api/v1/offers/2/sessions",
	    "{\"date\": \"2026-02-03\", \"cost\": \"0\"}", NULL, 0 },
	{ "POST", "/api/v1/care/{id}/help", "/api/v1/care/3/help",
	    "{\"kind\": \"school\", \"note\": \"Asked the school for a "
	    "quiet room.\"}", NULL, 0 },
	{ "POST", "/api/v1/help/{id}", "/api/v1/help/2",
	    "{\"outcome\": \"helped\"}", NULL, 0 },
	{ "POST", "/api/v1/care/{id}/peer", "/api/v1/care/3/peer",
	    "{\"peer\": \"route-peer\"}", NULL, 0 },
	{ "POST", "/api/v1/care/{id}/close", "/api/v1/care/3/close", "{}",
	    NULL, 0 },
	{ "POST", "/api/v1/me/self-check", "/api/v1/me/self-check",
	    "{\"answers\": [0, 1, 2, 1, 0]}", NULL, 0 },
	{ "POST", "/api/v1/thanks", "/api/v1/thanks",
	    "{\"message\": \"Thank you, team.\"}", NULL, 0 },
	{ "POST", "/api/v1/support", "/api/v1/support", "{\"name\": \"Peer "
	    "circle\", \"kind\": \"peer support\", \"contact\": \"Thursdays"
	    "\"}", NULL, 0 },
	{ "POST", "/api/v1/support/budget", "/api/v1/support/budget",
	    "{\"amount\": \"400.00\", \"currency\": \"EUR\"}", NULL, 0 },
	{ "POST", "/api/v1/support/sessions", "/api/v1/support/sessions",
	    "{\"date\": \"2026-11-21\", \"cost\": \"10.00\"}", NULL, 0 },
	{ "POST", "/api/v1/support/{id}/remove", "/api/v1/support/2/remove",
	    "{}", NULL, 0 },
	{ "POST", "/api/v1/debriefs/schedule", "/api/v1/debriefs/schedule",
	    "{\"every\": 14}", NULL, 0 },
	{ "POST", "/api/v1/debriefs/entry", "/api/v1/debriefs/entry",
	    "{\"debrief\": 1, \"helped\": \"Two readers.\"}", NULL, 0 },
	{ "POST", "/api/v1/exposure/caps", "/api/v1/exposure/caps",
	    "{\"daily\": 25, \"weekly\": 90}", NULL, 0 },
	{ "POST", "/api/v1/rota/break", "/api/v1/rota/break", "{\"days\": 1}",
	    NULL, 0 },
	{ "POST", "/api/v1/rota/back", "/api/v1/rota/back", "{}", NULL, 0 },
	{ "POST", "/api/v1/rota/swap", "/api/v1/rota/swap", "{\"with\": "
	    "\"mod-rota\", \"on\": \"ONCALL\"}", NULL, 0 },
	{ "POST", "/api/v1/rota/swaps/{id}", "/api/v1/rota/swaps/4",
	    "{\"answer\": \"yes\"}", NULL, 0 },
	{ "POST", "/api/v1/rota/members", "/api/v1/rota/members",
	    "{\"name\": \"mod-two\"}", NULL, 0 },
	{ "POST", "/api/v1/rota/cover", "/api/v1/rota/cover", "{\"name\": "
	    "\"mod-two\", \"for\": \"" ADMIN "\", \"on\": \"ONCALL\"}", NULL,
	    0 },
	{ "POST", "/api/v1/incidents/{id}/handoff",
	    "/api/v1/incidents/1/handoff", "{}", NULL, 0 },
	{ "POST", "/api/v1/spaces", "/api/v1/spaces", "{\"name\": \"Second "
	    "space\", \"facilitator\": \"sue\", \"days\": 7}", NULL, 0 },
	{ "POST", "/api/v1/users", "/api/v1/users",
	    "{\"name\": \"api-user\", \"role\": \"member\"}", NULL, 0 },
	{ "POST", "/api/v1/users/disable", "/api/v1/users/disable",
	    "{\"name\": \"api-user\"}", NULL, 0 },
	{ "POST", "/api/v1/tokens/revoke", "/api/v1/tokens/revoke",
	    "{\"id\": 2}", NULL, 0 },
	{ "POST", "/api/v1/monitor/findings/{id}/dismiss",
	    "/api/v1/monitor/findings/3/dismiss", "{}", NULL, 0 },
	{ "POST", "/api/v1/monitor/findings/{id}/incident",
	    "/api/v1/monitor/findings/4/incident", "{}", NULL, 0 },
	{ "POST", "/api/v1/groups", "/api/v1/groups",
	    "{\"name\": \"api-group\", \"cap\": 5}", NULL, 0 },
	{ "POST", "/api/v1/groups/{id}/members", "/api/v1/groups/1/members",
	    "{\"pseudonym\": \"willow\"}", NULL, 0 },
	{ "POST", "/api/v1/groups/{id}/leave", "/api/v1/groups/1/leave",
	    "{\"pseudonym\": \"willow\"}", NULL, 0 },
	{ "POST", "/api/v1/groups/{id}/moderators",
	    "/api/v1/groups/1/moderators", "{\"name\": \"" ADMIN "\"}", NULL,
	    0 },
	{ "POST", "/api/v1/pledge", "/api/v1/pledge",
	    "{\"text\": \"New words for a new year.\"}", NULL, 0 },
	{ "POST", "/api/v1/pledge/accept", "/api/v1/pledge/accept",
	    "{\"pseudonym\": \"willow\"}", NULL, 0 },
	{ "POST", "/api/v1/applications/{id}/approve",
	    "/api/v1/applications/5/approve", "{\"message\": \"Welcome.\"}",
	    NULL, 0 },
	{ "POST", "/api/v1/applications/{id}/decline",
	    "/api/v1/applications/6/decline", "{\"message\": \"Not now.\"}",
	    NULL, 0 },
	{ "POST", "/api/v1/invitations", "/api/v1/invitations",
	    "{\"days\": 3}", NULL, 0 },
	{ "POST", "/api/v1/violations", "/api/v1/violations",
	    "{\"pseudonym\": \"willow\", \"message\": \"Please keep "
	    "posts in the group.\"}", NULL, 0 },
	{ "POST", "/api/v1/training", "/api/v1/training",
	    "{\"user\": \"" ADMIN "\", \"training\": \"mental health first "
	    "aid\", \"date\": \"2026-11-02\"}", NULL, 0 },
	{ "POST", "/api/v1/members/{id}/contact", "/api/v1/members/2/contact",
	    "{\"reason\": \"A safety check after a report\"}", NULL, 0 },
};

static char app_code[TOKEN_LEN + 1], app_link[TOKEN_LEN + 1];

/* The number of entries in the audit trail. */
static int64_t
entries(struct db *db)
{
	struct stmt q;
	int64_t n = -1;

	if (db_prepare(db, &q, "SELECT count(*) FROM audit") == 0 &&
	    db_step(&q) == DB_ROW)
		n = db_col_int(&q, 0);
	db_finalize(&q);
	return n;
}

/* The first day of the first shift from now in which ADMIN is on call
** (YYYY-MM-DD), or "none". */
static void
admin_on_call(struct db *db, char *out, size_t cap)
{
	struct mod_settings s;
	struct rota_team t;
	int64_t admin, k, k0;

	snprintf(out, cap, "none");
	if (accounts_user_id(db, ADMIN, &admin) != 1 ||
	    mods_settings_get(db, &s) != 0)
		return;
	k0 = rota_shift_of(util_now(), s.shift_days);
	for (k = k0; k < k0 + 8; k++)
		if (rota_team(db, k, &t) == 0 && rota_on_call(&t, admin)) {
			util_format_time(rota_shift_start(k, s.shift_days), out,
			    cap);
			out[10] = '\0';
			return;
		}
}

static int
count_change(void *ctx, const struct rota_change *c)
{
	(void)c;
	(*(int *)ctx)++;
	return 0;
}

/* Has any place in shift been changed? */
static int
changed_any(struct db *db, int64_t shift)
{
	int n = 0;

	CHECK(mods_changes_each(db, shift, count_change, &n) == 0);
	return n > 0;
}

/* mod-rota asks ADMIN to swap: a later shift of mod-rota's for one of
** ADMIN's after it, neither changed before.  Returns the swap's id. */
static int64_t
ask_admin_to_swap(struct db *db, struct gate *g)
{
	struct mod_settings s;
	struct rota_team t;
	int64_t admin, mr, k, j, k0, id = 0;

	CHECK(accounts_user_id(db, ADMIN, &admin) == 1);
	CHECK(accounts_user_id(db, "mod-rota", &mr) == 1);
	CHECK(mods_settings_get(db, &s) == 0);
	k0 = rota_shift_of(util_now(), s.shift_days);
	/* shifts whose places nobody has changed yet (a swap or a cover
	** made by the samples before), so that the swap can be made */
	for (k = k0 + 1; k < k0 + 30; k++)
		if (rota_team(db, k, &t) == 0 && rota_on_call(&t, mr) &&
		    !rota_on_call(&t, admin) && !changed_any(db, k))
			break;
	for (j = k + 1; j < k + 30; j++)
		if (rota_team(db, j, &t) == 0 && rota_on_call(&t, admin) &&
		    !rota_on_call(&t, mr) && !changed_any(db, j))
			break;
	test_gate_begin(g);
	CHECK(mods_swap_add(db, mr, admin, k, j, util_now(), &id) == 0);
	test_gate_commit(g);
	return id;
}

/* The newest planned check-in's id, or 0. */
static int64_t
newest_checkin(struct db *db)
{
	struct stmt q;
	int64_t n = 0;

	if (db_prepare(db, &q, "SELECT coalesce(max(id), 0) FROM followups "
	    "WHERE status = 'planned'") == 0 && db_step(&q) == DB_ROW)
		n = db_col_int(&q, 0);
	db_finalize(&q);
	return n;
}

/* A community with ADMIN, a post to open an incident about, and a token
** to revoke; a gate onto it in *g. */
static int
setup(struct app *a, struct gate **g, const char *path)
{
	struct app_opts o = { 0 };
	struct post_new np = { 0 };
	char err[ERR_MAX], tok[API_TOKEN_LEN + 1];
	int64_t id;

	o.db_path = path;
	if (app_create(&o, a, err) != 0)
		return -1;
	*g = test_gate(a);
	test_gate_begin(*g);
	CHECK(users_add(*g, ADMIN, ROLE_ADMIN, ADMIN_PW, 0, err) == 0);
	CHECK(users_add(*g, MEMBER, ROLE_MEMBER, MEMBER_PW, 0, err) == 0);
	CHECK(community_group_add(a->db, "Circle", "", 10, 1,
	    &np.group_id) == 0);
	CHECK(community_member_add(a->db, "willow", 0, 1, &np.member_id) == 0);
	{
		size_t cn;
		uint8_t *sc = gate_seal(*g, SEALED_MEMBER_CONTACT,
		    np.member_id, "willow@example.org", &cn);
		CHECK(sc != NULL && community_member_seal_contact(a->db,
		    np.member_id, sc, cn, NULL, 0) == 0);
		free(sc);
	}
	np.created_at = 1;
	np.body = "Some days the quiet is the kindest thing in the house.";
	CHECK(post_create(*g, &np, &id) == 0);
	/* the default trainings stored, as once anyone has recorded one */
	CHECK(training_defaults(*g) == 0);
	/* the default pledge stored, as once anyone has accepted it */
	CHECK(pledge_accept(*g, np.member_id, "willow", &id, err) == 0);
	/* five applications: one approved (its code), one approved and
	** checked (its activation link), three waiting for a decision */
	{
		struct application_form f;
		struct membership_status st;
		const char *names[] = { "app-a", "app-b", "app-c", "app-d",
		    "app-e" };
		char code[TOKEN_LEN + 1];
		int k;

		for (k = 0; k < 5; k++) {
			memset(&f, 0, sizeof(f));
			f.pseudonym = names[k];
			f.pledge_version = 1;
			CHECK(membership_apply(*g, &f, code, &id) ==
			    MEMBERSHIP_OK);
			if (k < 2)
				CHECK(membership_decide(*g, id, 1, "Welcome.",
				    err) == 0);
			if (k == 0)
				snprintf(app_code, sizeof(app_code), "%s", code);
			if (k == 1) {
				CHECK(membership_check(*g, code, &st) == 1);
				snprintf(app_link, sizeof(app_link), "%s",
				    st.link);
			}
		}
	}
	CHECK(tokens_create(*g, ADMIN, "first", tok, &id, err) == 0);
	/* incident 1, with message 1 sent to MEMBER in the app */
	{
		int64_t inc, mem, msg;
		size_t bn;
		uint8_t *b;

		CHECK(community_member_by_pseudonym(a->db, MEMBER, &mem) == 1);
		CHECK(response_incident_add(a->db, 0, "hand", "low", 1, &inc) ==
		    0);
		CHECK(response_outreach_add(a->db, inc, mem, "en", ADMIN, 1,
		    &msg) == 0);
		b = gate_seal(*g, SEALED_OUTREACH_BODY, msg, "Hello, privately.",
		    &bn);
		CHECK(b != NULL && response_outreach_seal(a->db, msg, b, bn,
		    "in-app") == 0);
		free(b);
		CHECK(response_outreach_sent(a->db, msg, "sent", ADMIN, "", 1) ==
		    0);
		CHECK(response_incident_member_add(a->db, inc, mem, "added", 1)
		    == 0);
		CHECK(response_incident_assess(a->db, inc, "low", ADMIN, 1) ==
		    0);
		CHECK(response_incident_step(a->db, inc, 3) == 0);
		/* care case 1 for CARED about incident 1, held by sue, with
		** check-in 1 planned; sky may hold cases too */
		CHECK(users_add(*g, "sue", ROLE_SUPPORTER, ADMIN_PW, 0, err) ==
		    0);
		CHECK(users_add(*g, "sky", ROLE_SUPPORTER, ADMIN_PW, 0, err) ==
		    0);
		/* two trained moderators, mod-rota on the rota, one on call
		** a shift */
		{
			struct mod_settings ms;
			int64_t mr, m2;
			CHECK(users_add(*g, "mod-rota", ROLE_MODERATOR, ADMIN_PW,
			    0, err) == 0);
			CHECK(users_add(*g, "mod-two", ROLE_MODERATOR, ADMIN_PW,
			    0, err) == 0);
			CHECK(accounts_user_id(a->db, "mod-rota", &mr) == 1);
			CHECK(accounts_user_id(a->db, "mod-two", &m2) == 1);
			CHECK(prevention_training_record(a->db, mr, "mental "
			    "health first aid", util_now(), ADMIN) == 0);
			CHECK(prevention_training_record(a->db, mr,
			    "trauma-informed communication", util_now(),
			    ADMIN) == 0);
			CHECK(prevention_training_record(a->db, m2, "mental "
			    "health first aid", util_now(), ADMIN) == 0);
			CHECK(prevention_training_record(a->db, m2,
			    "trauma-informed communication", util_now(),
			    ADMIN) == 0);
			CHECK(mods_rota_add(a->db, mr, 1) == 0);
			CHECK(mods_settings_get(a->db, &ms) == 0);
			ms.per_shift = 1;
			CHECK(mods_settings_set(a->db, &ms) == 0);
		}
		CHECK(users_add(*g, CARED, ROLE_MEMBER, MEMBER_PW, 0, err) ==
		    0);
		{
			struct user u;
			int64_t cs, cared;
			CHECK(community_member_by_pseudonym(a->db, CARED, &cared)
			    == 1);
			CHECK(response_incident_member_add(a->db, inc, cared,
			    "added", 1) == 0);
			CHECK(accounts_user_by_name(a->db, "sue", &u) == DB_ROW);
			CHECK(care_case_add(a->db, cared, inc, u.id, 1, &cs) ==
			    0);
			CHECK(care_checkin_add(a->db, cs, util_now() + 3600,
			    "one day") == 0);
			/* willow (member 2) volunteers as a peer; CARED asked
			** for one in case 1, and introduction 1 to route-peer
			** waits for CARED's answer, the peer having said yes */
			{
				int64_t px, intro;
				CHECK(np.member_id == 2);
				CHECK(peers_offer(a->db, np.member_id, 2, 1) == 0);
				CHECK(peers_wanted_set(a->db, cs, 1) == 0);
				CHECK(community_member_add(a->db, "route-peer", 0,
				    1, &px) == 0);
				CHECK(peers_intro_add(a->db, cs, cared, px, ADMIN,
				    1, &intro) == 0 && intro == 1);
				CHECK(peers_intro_answer(a->db, intro, 1, "yes",
				    1) == 0);
				/* route-peer is trained, for case 3's ask */
				CHECK(peers_offer(a->db, px, 2, 1) == 0);
				CHECK(peers_train(a->db, px, ADMIN, 1) == 0);
			}
		}
	}
	/* four findings of monitoring, each about post 1 */
	for (id = 1; id <= 4; id++) {
		struct finding_row f;
		uint8_t key[8] = { (uint8_t)id };
		int64_t fid;
		int is_new;

		memset(&f, 0, sizeof(f));
		f.found_at = 1;
		f.score = 90;
		snprintf(f.posts, sizeof(f.posts), "1");
		snprintf(f.reason, sizeof(f.reason), "a test finding");
		CHECK(monitor_finding_add(a->db, &f, key, sizeof(key), &fid,
		    &is_new) == 0 && fid == id && is_new);
	}
	test_gate_commit(*g);
	return 0;
}

void
test_routes_writes_are_audited(void)
{
	const struct route *rt;
	struct serve_config cfg;
	struct MHD_Daemon *d;
	struct app a;
	struct gate *g = NULL;
	struct buf body;
	char path[512], listen[64], base[96], err[ERR_MAX], csrf[64],
	    hdr[160], form[512];
	const char *pw = ADMIN_PW, *target, *mark;
	char filled_path[128];
	struct curl_slist *headers;
	int64_t before, after;
	int n, i, k, port, tried = 0;
	long status;
	CURL *c;

	snprintf(path, sizeof(path), "%s/r.db", test_tmpdir());
	CHECK(setup(&a, &g, path) == 0);
	port = free_port();
	snprintf(listen, sizeof(listen), "127.0.0.1:%d", port);
	snprintf(base, sizeof(base), "http://%s", listen);
	serve_defaults(&cfg);
	cfg.listen = listen;
	cfg.threads = 1;
	d = serve_start(&cfg, path, g, err);
	CHECK(d != NULL);
	c = curl_easy_init();
	buf_init(&body, (size_t)1 << 22);
	curl_easy_setopt(c, CURLOPT_COOKIEFILE, "");
	rt = routes_table(&n);
	for (i = 0; d && c && i < n; i++) {
		const struct sample *s = NULL;
		if (!(rt[i].flags & R_WRITES))
			continue;
		for (k = 0; k < (int)(sizeof(samples) / sizeof(samples[0]));
		    k++)
			if (strcmp(samples[k].method, rt[i].method) == 0 &&
			    strcmp(samples[k].pattern, rt[i].path) == 0)
				s = &samples[k];
		if (s == NULL) {
			fprintf(stderr, "#   no sample request for %s %s\n",
			    rt[i].method, rt[i].path);
			CHECK(s != NULL);
			continue;
		}
		/* the member of case 3 asks for a peer as members do, on
		** their own page */
		/* a swap asked of ADMIN, to answer */
		if (strcmp(rt[i].path, "/rota/swaps/{id}/answer") == 0)
			CHECK(ask_admin_to_swap(a.db, g) == 2);
		if (strcmp(rt[i].path, "/api/v1/rota/swaps/{id}") == 0)
			CHECK(ask_admin_to_swap(a.db, g) == 4);
		if (strcmp(rt[i].path, "/api/v1/care/{id}/peer") == 0) {
			test_gate_begin(g);
			CHECK(peers_wanted_set(a.db, 3, 1) == 0);
			test_gate_commit(g);
		}
		/* CHECKIN stands for the newest planned check-in */
		target = s->path;
		if ((mark = strstr(target, "CHECKIN")) != NULL) {
			snprintf(filled_path, sizeof(filled_path), "%.*s%lld%s",
			    (int)(mark - target), target,
			    (long long)newest_checkin(a.db), mark + 7);
			target = filled_path;
		}
		CHECK(routes_match(rt[i].path, target, NULL));
		/* a fresh login each time: the password change ends the
		** sessions; a public form's token comes with the form */
		if (s->member == 2) {
			curl_easy_setopt(c, CURLOPT_COOKIELIST, "ALL");
			if (ask(c, base, "/apply/status", NULL, NULL, &body) !=
			    200)
				CHECK(0);
		} else {
			CHECK(s->member ? login(c, base, s->member == 3 ? CARED
			    : MEMBER, MEMBER_PW, &body) : login(c, base, ADMIN,
			    pw, &body));
			if (ask(c, base, "/account/password", NULL, NULL,
			    &body) != 200)
				CHECK(0);
		}
		csrf_in(body.data, csrf, sizeof(csrf));
		before = entries(a.db);
		if (s->json) {
			const char *j = s->json, *cut;
			char filled[512], day[32];
			/* ONCALL stands for a day ADMIN is on call */
			if ((cut = strstr(j, "ONCALL")) != NULL) {
				admin_on_call(a.db, day, sizeof(day));
				snprintf(filled, sizeof(filled), "%.*s%s%s",
				    (int)(cut - j), j, day, cut + 6);
				j = filled;
			}
			snprintf(hdr, sizeof(hdr), "X-CSRF-Token: %s", csrf);
			headers = curl_slist_append(NULL, hdr);
			headers = curl_slist_append(headers,
			    "Content-Type: application/json");
			status = ask(c, base, target, j, headers, &body);
			curl_slist_free_all(headers);
		} else {
			const char *f = s->form, *cut;
			char filled[256];
			/* CODE and LINK stand for tokens made in setup */
			if ((cut = strstr(f, "CODE")) != NULL ||
			    (cut = strstr(f, "LINK")) != NULL) {
				snprintf(filled, sizeof(filled), "%.*s%s",
				    (int)(cut - f), f, strncmp(cut, "CODE", 4)
				    == 0 ? app_code : app_link);
				f = filled;
			}
			/* ONCALL stands for a day ADMIN is on call */
			if ((cut = strstr(f, "ONCALL")) != NULL) {
				char day[32];
				admin_on_call(a.db, day, sizeof(day));
				snprintf(filled, sizeof(filled), "%.*s%s%s",
				    (int)(cut - f), f, day, cut + 6);
				f = filled;
			}
			snprintf(form, sizeof(form), "%s%scsrf=%s", f,
			    f[0] ? "&" : "", csrf);
			status = ask(c, base, target, form, NULL, &body);
		}
		after = entries(a.db);
		if (status < 200 || status >= 400 || after != before + 1)
			fprintf(stderr, "#   %s %s: status %ld, %lld new audit "
			    "entries\n", rt[i].method, target, status,
			    (long long)(after - before));
		CHECK(status >= 200 && status < 400);
		CHECK(after == before + 1);
		tried++;
		if (strcmp(rt[i].path, "/account/password") == 0)
			pw = "another long password here";
	}
	/* every sample stands for a writing route of the table */
	CHECK(tried == (int)(sizeof(samples) / sizeof(samples[0])));
	buf_free(&body);
	if (c)
		curl_easy_cleanup(c);
	if (d)
		serve_finish(d);
	gate_free(g);
	app_close(&a);
}
