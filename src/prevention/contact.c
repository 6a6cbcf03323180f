/*
** contact.c: revealing one member's contact details, with a reason, and
** the members' list.  See contact.h.
*/
#include "contact.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../cli.h"
#include "../core/gate.h"
#include "../store/community.h"
#include "../store/db.h"
#include "../util/util.h"
#include "../web/html.h"
#include "../web/server.h"
#include "pseudonym.h"

/* Open member_id's contact details for whoever acts through g (the
** gateway lets only admins), in one part of the caller's transaction:
** the opening's audit entry keeps the reason.  Returns
** the text (gate_wipe frees it), or NULL with err ("" when there are no
** contact details). */
char *
contact_reveal(struct gate *g, int64_t member_id, const char *reason,
    char *err)
{
	struct db *db = gate_db(g);
	char who[72], *plain = NULL;	/* who: only to say there is one */
	void *sealed = NULL;
	size_t n = 0, len = reason ? strlen(reason) : 0;
	int rc;

	err[0] = '\0';
	if (len < CONTACT_REASON_MIN || len > CONTACT_REASON_MAX ||
	    !util_valid_text(reason, len) || strchr(reason, '\n')) {
		err_set(err, "a reason of %d to %d bytes, on one line, is "
		    "needed: it is kept in the audit trail", CONTACT_REASON_MIN,
		    CONTACT_REASON_MAX);
		return NULL;
	}
	if (community_member_name(db, member_id, who, sizeof(who)) != 1) {
		err_set(err, "no such member");
		return NULL;
	}
	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy");
		return NULL;
	}
	rc = community_member_contact(db, member_id, &sealed, &n);
	if (rc != 1 || sealed == NULL) {
		gate_rollback(g);
		if (rc < 0)
			err_set(err, "cannot read the member");
		return NULL;		/* err "": none given */
	}
	if ((plain = gate_open_why(g, SEALED_MEMBER_CONTACT, member_id,
	    sealed, n, reason, err)) == NULL || gate_commit(g) != 0) {
		gate_wipe(plain);
		plain = NULL;
		gate_rollback(g);
		if (err[0] == '\0')
			err_set(err, "cannot save: %s", db_error(db));
	}
	free(sealed);
	return plain;
}

/* sanctum member contact PSEUDONYM --reason TEXT */
int
contact_reveal_cmd(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "reason", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 }
	};
	const char *reason = NULL;
	char err[ERR_MAX], *text;
	int64_t mid;
	int ch, rc;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch != 'r')
			return cli_usage(c, "member");
		reason = optarg;
	}
	if (argc - optind != 1 || reason == NULL)
		return cli_usage(c, "member");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	rc = pseudonym_member(c->db, argv[optind], &mid);
	if (rc != 1)
		return rc < 0 ? cli_fail("member: cannot read the members") :
		    cli_fail("member: no member %s", argv[optind]);
	text = contact_reveal(c->gate, mid, reason, err);
	if (text == NULL)
		return err[0] ? cli_fail("member: %s", err) :
		    cli_fail("member: %s gave no contact details", argv[optind]);
	/* said once the command's transaction (and so the audit entry of
	** the opening) has committed */
	cli_say(c, "%s\n", text);
	gate_wipe(text);
	return EXIT_OK;
}

static int
member_row(void *ctx, const struct member_row *m)
{
	struct req *r = ctx;
	char when[32];
	int admin = role_parse(r->user.role) >= ROLE_ADMIN;

	util_format_time(m->joined_at, when, sizeof(when));
	html_printf(&r->out, "<tr><td>%s</td><td>%s</td><td>%s</td><td>",
	    m->pseudonym, m->status, when);
	if (m->has_contact && admin) {
		html_printf(&r->out, "<form class=\"inline\" method=\"post\" "
		    "action=\"/members/%lld/contact\">", (long long)m->id);
		page_csrf_field(r);
		html_printf(&r->out, "<label class=\"visually-hidden\" for=\""
		    "reason-%lld\">Reason to reveal %s's contact details"
		    "</label><input id=\"reason-%lld\" name=\"reason\" required "
		    "minlength=\"10\" maxlength=\"200\" placeholder=\"Reason "
		    "(kept in the audit trail)\"><button class=\"secondary\" "
		    "type=\"submit\">Reveal</button></form>", (long long)m->id,
		    m->pseudonym, (long long)m->id);
	} else {
		html_printf(&r->out, "%s", m->has_contact ? "sealed" : "none");
	}
	html_printf(&r->out, "</td></tr>\n");
	return 0;
}

/* GET /members: every member, by pseudonym; admins may reveal one
** member's contact details with a reason. */
void
contact_members_page(struct req *r)
{
	page_begin(r, "Members", "/members");
	page_notice(r);
	html_printf(&r->out, "<h1>Members</h1><p class=\"lede\">Everyone is "
	    "known here by pseudonym. Contact details stay sealed; an admin "
	    "may reveal one member's at a time, with a reason the audit trail "
	    "keeps.</p>\n<table class=\"list\"><caption>Members</caption>"
	    "<thead><tr><th scope=\"col\">Pseudonym</th><th scope=\"col\">"
	    "Standing</th><th scope=\"col\">Since</th><th scope=\"col\">"
	    "Contact</th></tr></thead><tbody>\n");
	if (community_member_each(r->db, member_row, r) != 0)
		html_printf(&r->out, "<tr><td colspan=\"4\">The members could "
		    "not be read.</td></tr>\n");
	html_printf(&r->out, "</tbody></table>\n");
	page_end(r);
}

/* POST /members/{id}/contact: reason (admins) */
void
contact_reveal_post(struct req *r)
{
	char err[ERR_MAX], who[72], *text;
	int64_t mid = req_param(r, "id");

	if (community_member_name(r->db, mid, who, sizeof(who)) != 1) {
		req_fail(r, 404, "There is no such member.");
		return;
	}
	text = contact_reveal(r->gate, mid, req_form(r, "reason"), err);
	if (text == NULL) {
		req_redirect(r, err[0] ? "/members?error=reason" :
		    "/members?error=no-contact");
		return;
	}
	page_begin(r, "Contact details", "/members");
	html_printf(&r->out, "<h1>Contact details of %s</h1><div class=\""
	    "notice\" role=\"status\">Revealed to you alone, now; the audit "
	    "trail keeps that you did and why.</div><pre class=\"secret\" id="
	    "\"contact\">%s</pre><p><a href=\"/members\">Back to members</a>"
	    "</p>\n", who, text);
	gate_wipe(text);
	page_end(r);
}
