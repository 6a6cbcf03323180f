/*
** prefs.c: a member's choices about being supported, and `sanctum care
** prefs`.  See prefs.h.
*/
#include "prefs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../cli.h"
#include "../core/gate.h"
#include "../prevention/pseudonym.h"
#include "../store/care.h"
#include "../store/community.h"
#include "../store/db.h"
#include "../util/util.h"
#include "checkin.h"

/* Are the choices ones sanctum can follow?  Returns 0 or -1 with err. */
int
care_prefs_check(const struct care_prefs *p, char *err)
{
	size_t n = strlen(p->lang);

	if (p->contact != 0 && p->contact != 1) {
		err_set(err, "contact is yes or no");
		return -1;
	}
	if (strcmp(p->channel, "in-app") != 0 && strcmp(p->channel, "email")
	    != 0) {
		err_set(err, "the channel is in-app or email");
		return -1;
	}
	if (p->every_days < 0 || p->every_days > 90) {
		err_set(err, "check-ins come every 1 to 90 days, or on the "
		    "default plan");
		return -1;
	}
	if (p->hour < 0 || p->hour > 23) {
		err_set(err, "the hour is 0 to 23");
		return -1;
	}
	if (n < 2 || n > 7 || strspn(p->lang, "abcdefghijklmnopqrstuvwxyz-") !=
	    n) {
		err_set(err, "the language is a tag such as en, fr or pt-br");
		return -1;
	}
	if (!checkin_zone_ok(p->zone)) {
		err_set(err, "the time zone is not known (an IANA name such as "
		    "Europe/Berlin)");
		return -1;
	}
	return 0;
}

struct replan_ctx {
	struct gate *g;
	char *err;
};

static int
replan_one(void *ctx, const struct care_case *cs)
{
	struct replan_ctx *r = ctx;

	return checkin_replan(r->g, cs->id, r->err);
}

/* Keep member's new choices and replan every open case of theirs at
** once.  by_member: the member chose (their account must be the actor);
** otherwise a supporter records what the member said.  Returns 0 or -1
** with err. */
int
care_prefs_change(struct gate *g, int64_t member, const struct care_prefs *p,
    int by_member, char *err)
{
	struct db *db = gate_db(g);
	struct replan_ctx rc = { g, err };
	char target[32], detail[96];
	int64_t user = 0;
	void *contact = NULL;
	size_t cn = 0;

	if (care_prefs_check(p, err) != 0)
		return -1;
	if (by_member && (community_member_user(db, member, &user) != 1 ||
	    user <= 0 || user != gate_actor(g)->user_id)) {
		err_set(err, "only the member chooses for themselves");
		return -1;
	}
	if (p->contact && strcmp(p->channel, "email") == 0) {
		if (community_member_contact(db, member, &contact, &cn) < 0) {
			err_set(err, "cannot read the member");
			return -1;
		}
		free(contact);
		if (cn == 0) {
			err_set(err, "email needs contact details on file; ask "
			    "an admin to add them, or choose in-app messages");
			return -1;
		}
	}
	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	if (care_prefs_set(db, member, p, util_now(), by_member ? "member" :
	    gate_actor(g)->name) != 0)
		goto db_fail;
	err[0] = '\0';
	if (care_cases_each(db, 0, member, 0, util_now(), replan_one, &rc) !=
	    0) {
		if (err[0] == '\0')
			goto db_fail;
		goto fail;
	}
	snprintf(target, sizeof(target), "member %lld", (long long)member);
	if (p->contact)
		snprintf(detail, sizeof(detail), "contact by %s, %s%s", p->channel,
		    by_member ? "chosen by the member" : "as the member said",
		    p->every_days ? ", every few days" : ", the default plan");
	else
		snprintf(detail, sizeof(detail), "no contact, %s", by_member ?
		    "chosen by the member" : "as the member said");
	if (gate_audit(g, "care.prefs", target, detail) != 0 ||
	    gate_commit(g) != 0)
		goto db_fail;
	return 0;
db_fail:
	err_set(err, "cannot save: %s", db_error(db));
fail:
	gate_rollback(g);
	return -1;
}

/* sanctum care prefs PSEUDONYM --no-contact | --contact CHANNEL
**     [--every DAYS | --default-plan] [--zone ZONE] [--hour H] [--lang L] */
int
care_prefs_cmd(struct cli *c, int argc, char **argv)
{
	struct care_prefs p;
	char err[ERR_MAX], name[4 * PSEUDONYM_MAX + 1];
	const char *channel = NULL, *zone = NULL, *lang = NULL;
	long long every = -1, hour = -1;
	int64_t member;
	int i, rc, none = 0;

	if (argc < 3)
		return cli_usage(c, "care");
	for (i = 2; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(a, "--no-contact") == 0) {
			none = 1;
			continue;
		}
		if (strcmp(a, "--default-plan") == 0) {
			every = 0;
			continue;
		}
		if (v == NULL)
			return cli_usage(c, "care");
		if (strcmp(a, "--contact") == 0)
			channel = v;
		else if (strcmp(a, "--every") == 0) {
			if (util_parse_int(v, 1, 90, &every) != 0)
				return cli_fail("care: --every is 1 to 90 days");
		} else if (strcmp(a, "--zone") == 0)
			zone = v;
		else if (strcmp(a, "--hour") == 0) {
			if (util_parse_int(v, 0, 23, &hour) != 0)
				return cli_fail("care: --hour is 0 to 23");
		} else if (strcmp(a, "--lang") == 0)
			lang = v;
		else
			return cli_usage(c, "care");
		i++;
	}
	if (none == (channel != NULL))
		return cli_usage(c, "care");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (pseudonym_normalize(argv[1], name, sizeof(name)) != 0 ||
	    pseudonym_member(c->db, name, &member) != 1)
		return cli_fail("care: no member is known by that pseudonym");
	if (care_prefs_get(c->db, member, &p) < 0)
		return cli_fail("care: cannot read the member's choices");
	p.contact = !none;
	if (channel)
		snprintf(p.channel, sizeof(p.channel), "%.7s", channel);
	if (channel && strlen(channel) > 7)
		return cli_fail("care: the channel is in-app or email");
	if (every >= 0)
		p.every_days = (int)every;
	if (hour >= 0)
		p.hour = (int)hour;
	if (zone && strlen(zone) >= sizeof(p.zone))
		return cli_fail("care: the time zone is not known");
	if (zone)
		snprintf(p.zone, sizeof(p.zone), "%s", zone);
	if (lang && strlen(lang) >= sizeof(p.lang))
		return cli_fail("care: the language is a tag such as en");
	if (lang)
		snprintf(p.lang, sizeof(p.lang), "%s", lang);
	if (care_prefs_change(c->gate, member, &p, 0, err) != 0)
		return cli_fail("care: %s", err);
	if (none)
		cli_say(c, "%s will not be contacted; no check-in is due for "
		    "them until they say otherwise\n", name);
	else if (p.every_days)
		cli_say(c, "%s chose %s, every %d days\n", name, p.channel,
		    p.every_days);
	else
		cli_say(c, "%s chose %s, the default plan\n", name, p.channel);
	return EXIT_OK;
}
