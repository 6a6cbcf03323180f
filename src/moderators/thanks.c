/*
** thanks.c: thanks and what each person contributed.  See thanks.h.
*/
#include "thanks.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../admin/roles.h"
#include "../core/gate.h"
#include "../store/accounts.h"
#include "../store/db.h"
#include "../store/moderators.h"
#include "../util/util.h"

/* The actor thanks `to` (an account name of a supporter, moderator or
** admin; NULL or "" for the whole team), signed unless anonymous.
** Returns 0 or -1 with err. */
int
thanks_send(struct gate *g, const char *to, const char *message,
    int anonymous, char *err)
{
	struct user u;
	uint8_t *sealed = NULL;
	size_t n;
	int64_t id, to_id = 0;

	if (gate_actor(g)->user_id <= 0) {
		err_set(err, "thanks come from a person");
		return -1;
	}
	if (message == NULL || message[0] == '\0' || strlen(message) >
	    THANKS_MAX || !util_valid_text(message, strlen(message))) {
		err_set(err, "thanks are text of 1 to %d bytes", THANKS_MAX);
		return -1;
	}
	if (to && to[0]) {
		if (accounts_user_by_name(gate_db(g), to, &u) != DB_ROW ||
		    u.disabled || role_parse(u.role) < ROLE_SUPPORTER) {
			err_set(err, "there is nobody on the team called that");
			return -1;
		}
		if (u.id == gate_actor(g)->user_id) {
			err_set(err, "thanks go to someone else");
			return -1;
		}
		to_id = u.id;
	}
	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	if (mods_thanks_add(gate_db(g), to_id, anonymous ? 0 :
	    gate_actor(g)->user_id, util_now(), &id) != 0 || (sealed =
	    gate_seal(g, SEALED_THANKS, id, message, &n)) == NULL ||
	    mods_thanks_seal(gate_db(g), id, sealed, n) != 0 ||
	    (anonymous ? gate_audit_unnamed(g, "thanks", to_id ? to :
	    "the team", "") : gate_audit(g, "thanks", to_id ? to : "the team",
	    "")) != 0 ||
	    gate_commit(g) != 0) {
		free(sealed);
		err_set(err, "cannot save: %s", db_error(gate_db(g)));
		gate_rollback(g);
		return -1;
	}
	free(sealed);
	return 0;
}

static int
one_thanks(void *ctx, int64_t id, int64_t at, int to_team, const char *from,
    const void *sealed, size_t n)
{
	struct gate *g = ((void **)ctx)[0];
	json_t *arr = ((void **)ctx)[1];
	char err[ERR_MAX], when[32], *text;

	text = gate_open_own(g, SEALED_THANKS, id, sealed, n, err);
	if (text == NULL)
		return 0;
	util_format_rfc3339(at, when, sizeof(when));
	json_array_append_new(arr, json_pack("{s:s, s:s?, s:b, s:s}", "at",
	    when, "from", from[0] ? from : NULL, "to_team", to_team,
	    "message", text));
	gate_wipe(text);
	return 0;
}

/* The thanks the actor received (and the whole team's), newest first,
** opened for them.  Returns a new reference, or NULL. */
json_t *
thanks_own_json(struct gate *g)
{
	void *ctx[2];
	json_t *arr = json_array();

	ctx[0] = g;
	ctx[1] = arr;
	if (mods_thanks_each(gate_db(g), gate_actor(g)->user_id, THANKS_SHOWN,
	    one_thanks, ctx) != 0) {
		json_decref(arr);
		return NULL;
	}
	return arr;
}

static const struct {
	const char *action, *words;
} contrib[] = {
	{ "incident.open", "incidents opened" },
	{ "incident.assess", "risk assessments made" },
	{ "outreach.send", "messages sent to affected members" },
	{ "takedown.create", "removal requests made" },
	{ "announce.publish", "announcements published" },
	{ "care.open", "care cases opened" },
	{ "care.message.send", "check-in messages sent" },
	{ "care.help", "pieces of practical help" },
	{ "report.dismiss", "members' reports answered" },
	{ "debrief.write", "debrief entries written" },
	{ "space.open", "healing spaces opened" },
	{ "peer.introduce", "peer introductions" },
	{ "healing.measure", "safety measures announced" },
};

/* An action of the audit trail in plain words, or NULL. */
const char *
contribution_words(const char *action)
{
	size_t i;

	for (i = 0; i < sizeof(contrib) / sizeof(contrib[0]); i++)
		if (strcmp(contrib[i].action, action) == 0)
			return contrib[i].words;
	return NULL;
}

static int
one_contribution(void *ctx, const char *action, int count)
{
	const char *w = contribution_words(action);

	if (w)
		json_array_append_new(ctx, json_pack("{s:s, s:i}", "what", w,
		    "count", count));
	return 0;
}

/* What user contributed in the last CONTRIB_DAYS days, most first.
** Returns a new reference, or NULL. */
json_t *
contributions_json(struct db *db, int64_t user, int64_t now)
{
	json_t *arr = json_array();

	if (mods_contributions(db, user, now - (int64_t)CONTRIB_DAYS * 86400,
	    one_contribution, arr) != 0) {
		json_decref(arr);
		return NULL;
	}
	return arr;
}
