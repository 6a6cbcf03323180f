/*
** apply.c: closed membership in the console.  See apply.h and
** membership.h.
**
** The public pages (apply, status, activate) are reached without an
** account; their forms carry a token tied to a pre-login cookie, as the
** login form's does.  Codes and links travel in forms, never in a page's
** address, except the activation link, which is used once.
*/
#include "apply.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/gate.h"
#include "../store/membership.h"
#include "../util/util.h"
#include "../web/html.h"
#include "../web/server.h"
#include "../web/session.h"
#include "membership.h"
#include "pledge.h"

#define QUESTIONS_STORE 4096

/* The application form, with what was given kept (values may be NULL). */
static void
apply_form(struct req *r, const char *invite, const char *error)
{
	char csrf[TOKEN_LEN + 1], store[QUESTIONS_STORE], name[16];
	char *q[MEMBERSHIP_QUESTIONS_MAX];
	const char *pseudonym = req_form(r, "pseudonym"), *contact =
	    req_form(r, "contact"), *given;
	struct pledge p;
	int n, i, optional;

	if (pledge_current(r->db, &p) != 0 || (n = membership_questions(r->db,
	    q, MEMBERSHIP_QUESTIONS_MAX, store, sizeof(store))) < 0) {
		req_fail(r, 500, "The application form could not be read.");
		return;
	}
	session_form_token(r, csrf);
	page_begin(r, "Apply to join", NULL);
	html_printf(&r->out, "<h1>Apply to join</h1><p class=\"lede\">This "
	    "is a closed community: a moderator reads every application. You "
	    "do not need an account, and you never give your real name.</p>\n");
	if (error)
		html_printf(&r->out, "<div class=\"notice error\" role=\"alert\">"
		    "%s</div>\n", error);
	html_printf(&r->out, "<form class=\"stack\" method=\"post\" action=\""
	    "/apply\"><input type=\"hidden\" name=\"csrf\" value=\"%s\">"
	    "<input type=\"hidden\" name=\"invite\" value=\"%s\"><input type="
	    "\"hidden\" name=\"pledge_version\" value=\"%lld\">", csrf,
	    invite ? invite : "", (long long)p.version);
	html_printf(&r->out, "<label for=\"pseudonym\">A name to be known by "
	    "here</label><p class=\"hint\" id=\"pseudonym-hint\">Not your "
	    "real name. Any script is welcome; letters and digits, with . _ "
	    "or - between them.</p><input id=\"pseudonym\" name=\"pseudonym\" "
	    "required maxlength=\"64\" autocomplete=\"off\" aria-describedby="
	    "\"pseudonym-hint\" value=\"%s\">", pseudonym ? pseudonym : "");
	html_printf(&r->out, "<label for=\"contact\">How we may reach you "
	    "(optional)</label><p class=\"hint\" id=\"contact-hint\">Sealed: "
	    "only an admin can ever open it, one at a time, with a reason "
	    "that is recorded.</p><input id=\"contact\" name=\"contact\" "
	    "maxlength=\"400\" autocomplete=\"off\" aria-describedby=\""
	    "contact-hint\" value=\"%s\">", contact ? contact : "");
	for (i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "answer%d", i);
		given = req_form(r, name);
		optional = strstr(q[i], "(optional)") != NULL;
		html_printf(&r->out, "<label for=\"%s\">%s</label><textarea id="
		    "\"%s\" name=\"%s\" rows=\"4\" maxlength=\"4000\"%s>%s"
		    "</textarea>", name, q[i], name, name, optional ? "" :
		    " required", given ? given : "");
	}
	html_printf(&r->out, "<section class=\"panel pledge\" aria-label=\""
	    "The confidentiality pledge\"><div class=\"pledge-text\">%s</div>"
	    "</section><label><input type=\"checkbox\" name=\"accept\" value=\""
	    "yes\" required> I have read the pledge and I accept it</label>"
	    "<button type=\"submit\">Send my application</button></form>\n",
	    p.body);
	html_printf(&r->out, "<p><a href=\"/apply/status\">Check an application "
	    "you sent</a></p>\n");
	page_end(r);
	pledge_free(&p);
}

/* The invitation the request carries (query or form), or NULL. */
static const char *
invitation_of(struct req *r)
{
	const char *t = req_form(r, "invite");

	if (t == NULL || t[0] == '\0')
		t = req_arg(r, "invite");
	return t && t[0] ? t : NULL;
}

/* A page saying that only invited people may apply. */
static void
invited_only(struct req *r)
{
	r->status = 403;
	page_begin(r, "Invitation needed", NULL);
	html_printf(&r->out, "<h1>Invitation needed</h1><p class=\"lede\">This "
	    "community welcomes new members by invitation just now. If "
	    "someone gave you an invitation link, please open that link; it "
	    "may have expired or been used already. Thank you for your "
	    "interest, and take care.</p>\n");
	page_end(r);
}

/* GET /apply [?invite=TOKEN] */
void
prevention_apply_page(struct req *r)
{
	const char *invite = invitation_of(r);

	if (r->user.id) {
		req_redirect(r, "/");
		return;
	}
	if (membership_mode(r->db) == MEMBERSHIP_INVITED &&
	    !membership_valid_invitation(r->gate, invite)) {
		invited_only(r);
		return;
	}
	apply_form(r, invite, NULL);
}

/* POST /apply */
void
prevention_apply_post(struct req *r)
{
	struct application_form f;
	char code[TOKEN_LEN + 1], name[16], later[128];
	const char *accept = req_form(r, "accept"), *ver =
	    req_form(r, "pledge_version"), *why = NULL;
	long long v = 0;
	int64_t id, wait = 0;
	int i;

	if (!session_form_token_ok(r)) {
		r->status = 403;
		apply_form(r, invitation_of(r), "That form had expired; please "
		    "send it again.");
		return;
	}
	memset(&f, 0, sizeof(f));
	f.pseudonym = req_form(r, "pseudonym");
	f.contact = req_form(r, "contact");
	for (i = 0; i < MEMBERSHIP_QUESTIONS_MAX; i++) {
		snprintf(name, sizeof(name), "answer%d", i);
		f.answers[i] = req_form(r, name);
	}
	if (accept && strcmp(accept, "yes") == 0 && ver &&
	    util_parse_int(ver, 1, INT64_MAX / 2, &v) == 0)
		f.pledge_version = v;
	f.invitation = invitation_of(r);
	f.address = r->addr;
	f.wait = &wait;
	gate_set_actor(r->gate, 0, "applicant", ROLE_NONE);
	switch (membership_apply(r->gate, &f, code, &id)) {
	case MEMBERSHIP_OK:
		break;
	case MEMBERSHIP_INVALID:
		r->status = 400;
		why = "Please check the form: an answer is too long or holds "
		    "characters that are not text.";
		break;
	case MEMBERSHIP_NAME:
		r->status = 400;
		why = "Please choose another name: letters and digits of any "
		    "script, with . _ or - between them, up to 64 bytes.";
		break;
	case MEMBERSHIP_TAKEN:
		r->status = 409;
		why = "That name, or one that looks just like it, is in use "
		    "here. Please choose another.";
		break;
	case MEMBERSHIP_NO_PLEDGE:
		r->status = 400;
		why = "Joining asks everyone to accept the confidentiality "
		    "pledge below.";
		break;
	case MEMBERSHIP_PLEDGE_CHANGED:
		r->status = 409;
		why = "The pledge changed while you were reading it. Please "
		    "read the new version below.";
		break;
	case MEMBERSHIP_NO_INVITATION:
		invited_only(r);
		return;
	case MEMBERSHIP_FLOOD:
		r->status = 429;
		r->retry_after = wait;
		snprintf(later, sizeof(later), "Many applications have arrived "
		    "just now. Please try again in %lld minutes; nothing you "
		    "wrote was kept.", (long long)(wait + 59) / 60);
		why = later;
		break;
	default:
		req_fail(r, 500, "The application could not be saved.");
		return;
	}
	if (why) {
		apply_form(r, f.invitation, why);
		return;
	}
	page_begin(r, "Application sent", NULL);
	html_printf(&r->out, "<h1>Thank you</h1><p class=\"lede\">Your "
	    "application has reached the moderators. They read each one "
	    "themselves, so it can take a few days.</p><div class=\"notice\" "
	    "role=\"status\">Please keep this code somewhere private. With it "
	    "you can see how your application stands, and, once it is "
	    "approved, activate your account. It is shown only now.</div>"
	    "<pre class=\"secret\" id=\"code\">%s</pre><p><a href=\""
	    "/apply/status\">Check your application</a></p>\n", code);
	explicit_bzero(code, sizeof(code));
	page_end(r);
}

/* The status form. */
static void
status_form(struct req *r, const char *error)
{
	char csrf[TOKEN_LEN + 1];

	session_form_token(r, csrf);
	page_begin(r, "Your application", NULL);
	html_printf(&r->out, "<h1>Your application</h1>\n");
	if (error)
		html_printf(&r->out, "<div class=\"notice error\" role=\"alert\">"
		    "%s</div>\n", error);
	html_printf(&r->out, "<form class=\"stack\" method=\"post\" action=\""
	    "/apply/status\"><input type=\"hidden\" name=\"csrf\" value=\"%s\">"
	    "<label for=\"code\">The code you were given</label><input id=\""
	    "code\" name=\"code\" required autocomplete=\"off\"><button type="
	    "\"submit\">Check</button></form>\n", csrf);
	page_end(r);
}

/* GET /apply/status */
void
prevention_status_page(struct req *r)
{
	status_form(r, NULL);
}

/* POST /apply/status: code */
void
prevention_status_post(struct req *r)
{
	struct membership_status st;
	char csrf[TOKEN_LEN + 1];
	int rc;

	if (!session_form_token_ok(r)) {
		r->status = 403;
		status_form(r, "That form had expired; please try again.");
		return;
	}
	gate_set_actor(r->gate, 0, "applicant", ROLE_NONE);
	rc = membership_check(r->gate, req_form(r, "code"), &st);
	if (rc < 0) {
		req_fail(r, 500, "The application could not be read.");
		return;
	}
	if (rc == 0) {
		r->status = 404;
		status_form(r, "No application has that code. Please check it "
		    "and try again.");
		return;
	}
	page_begin(r, "Your application", NULL);
	html_printf(&r->out, "<h1>Your application, %s</h1>\n", st.pseudonym);
	if (strcmp(st.status, "pending") == 0)
		html_printf(&r->out, "<p class=\"lede\">It is waiting for a "
		    "moderator. Thank you for your patience.</p>\n");
	else if (strcmp(st.status, "activated") == 0)
		html_printf(&r->out, "<p class=\"lede\">Your account is active. "
		    "<a href=\"/login\">Log in</a> with your name and the "
		    "password you chose.</p>\n");
	else
		html_printf(&r->out, "<p class=\"lede\">%s</p><blockquote class="
		    "\"message\">%s</blockquote>\n", strcmp(st.status,
		    "approved") == 0 ? "Your application was approved. A "
		    "moderator wrote:" : "A moderator wrote:", st.message);
	if (st.link[0]) {
		session_form_token(r, csrf);
		html_printf(&r->out, "<section class=\"panel\"><h2>Activate your "
		    "account</h2><p>Choose a password. Your name here is "
		    "<strong>%s</strong>. This form, and the link below, work "
		    "once, within %d days.</p><form class=\"stack\" method=\""
		    "post\" action=\"/activate\"><input type=\"hidden\" name=\""
		    "csrf\" value=\"%s\"><input type=\"hidden\" name=\"t\" "
		    "value=\"%s\"><label for=\"password\">Password (at least 10 "
		    "characters)</label><input id=\"password\" name=\"password\" "
		    "type=\"password\" autocomplete=\"new-password\" required "
		    "minlength=\"10\"><button type=\"submit\">Activate</button>"
		    "</form><p>Or later: <a href=\"/activate?t=%s\">your "
		    "activation link</a>.</p></section>\n", st.pseudonym,
		    MEMBERSHIP_LINK_DAYS, csrf, st.link, st.link);
	}
	explicit_bzero(st.link, sizeof(st.link));
	page_end(r);
}

/* The activation form for token t. */
static void
activate_form(struct req *r, const char *t, const char *error)
{
	char csrf[TOKEN_LEN + 1];

	session_form_token(r, csrf);
	page_begin(r, "Activate your account", NULL);
	html_printf(&r->out, "<h1>Activate your account</h1>\n");
	if (error)
		html_printf(&r->out, "<div class=\"notice error\" role=\"alert\">"
		    "%s</div>\n", error);
	html_printf(&r->out, "<form class=\"stack\" method=\"post\" action=\""
	    "/activate\"><input type=\"hidden\" name=\"csrf\" value=\"%s\">"
	    "<input type=\"hidden\" name=\"t\" value=\"%s\"><label for=\""
	    "password\">Choose a password (at least 10 characters)</label>"
	    "<input id=\"password\" name=\"password\" type=\"password\" "
	    "autocomplete=\"new-password\" required minlength=\"10\"><button "
	    "type=\"submit\">Activate</button></form>\n", csrf, t ? t : "");
	page_end(r);
}

/* GET /activate?t=TOKEN */
void
prevention_activate_page(struct req *r)
{
	activate_form(r, req_arg(r, "t"), NULL);
}

/* POST /activate: t, password */
void
prevention_activate_post(struct req *r)
{
	const char *t = req_form(r, "t");
	char err[ERR_MAX] = "", name[72];
	int rc;

	if (!session_form_token_ok(r)) {
		r->status = 403;
		activate_form(r, t, "That form had expired; please try again.");
		return;
	}
	gate_set_actor(r->gate, 0, "applicant", ROLE_NONE);
	rc = membership_activate(r->gate, t, req_form(r, "password"), name,
	    sizeof(name), err);
	if (rc != 0) {
		r->status = rc == 1 ? 410 : 400;
		if (rc == 1) {
			page_begin(r, "Link not usable", NULL);
			html_printf(&r->out, "<h1>This link cannot be used</h1>"
			    "<p class=\"lede\">It has been used already, has "
			    "expired, or is not one of ours. Check your "
			    "application with your code for a fresh link.</p>"
			    "<p><a href=\"/apply/status\">Check your application"
			    "</a></p>\n");
			page_end(r);
		} else {
			activate_form(r, t, err);
		}
		return;
	}
	page_begin(r, "Welcome", NULL);
	html_printf(&r->out, "<h1>Welcome, %s</h1><p class=\"lede\">Your "
	    "account is ready. <a href=\"/login\">Log in</a> with your name "
	    "and the password you chose; the groups are waiting.</p>\n", name);
	page_end(r);
}

/* One pending application of the queue. */
static int
queue_row(void *ctx, const struct application_row *a)
{
	struct req *r = ctx;
	char when[32];

	util_format_time(a->created_at, when, sizeof(when));
	html_printf(&r->out, "<tr><td>%s</td><td>%s</td><td>%s</td><td><form "
	    "class=\"inline\" method=\"post\" action=\"/applications/%lld/"
	    "review\">", a->pseudonym, when, a->invitation_id ? "invited" :
	    "", (long long)a->id);
	page_csrf_field(r);
	html_printf(&r->out, "<button type=\"submit\">Review</button></form>"
	    "</td></tr>\n");
	return 0;
}

/* GET /applications: the queue. */
void
prevention_applications_page(struct req *r)
{
	page_begin(r, "Applications", "/applications");
	page_notice(r);
	html_printf(&r->out, "<h1>Applications</h1><p class=\"lede\">People "
	    "who would like to join, oldest first. Membership is %s. <a href="
	    "\"/invitations\">Invitations</a></p>\n<table class=\"list\">"
	    "<caption>Waiting for a decision</caption><thead><tr><th scope=\""
	    "col\">Name</th><th scope=\"col\">Received</th><th scope=\"col\">"
	    "Invitation</th><th scope=\"col\">Decision</th></tr></thead>"
	    "<tbody>\n", membership_mode(r->db) == MEMBERSHIP_INVITED ?
	    "by invitation" : "open to applications");
	if (membership_application_each(r->db, "pending", queue_row, r) != 0)
		html_printf(&r->out, "<tr><td colspan=\"4\">The applications "
		    "could not be read.</td></tr>\n");
	html_printf(&r->out, "</tbody></table>\n");
	page_end(r);
}

/* Show the sealed answers of application a, opened through the gateway
** (audited, counted as exposure). */
struct review {
	struct req *r;
	int found;
};

static int
review_row(void *ctx, const struct application_row *a)
{
	struct review *v = ctx;
	struct req *r = v->r;
	char err[ERR_MAX], when[32], *text = NULL;
	json_t *arr;
	size_t i;

	v->found = 1;
	if (strcmp(a->status, "pending") != 0) {
		v->found = 2;
		return 1;
	}
	util_format_time(a->created_at, when, sizeof(when));
	page_begin(r, "Review an application", "/applications");
	html_printf(&r->out, "<h1>%s</h1><p class=\"lede\">Applied %s%s. "
	    "Opening these answers is in the audit trail.</p>\n<section "
	    "class=\"panel\"><h2>Answers</h2>", a->pseudonym, when,
	    a->invitation_id ? ", with an invitation" : "");
	if (a->answers && a->answers_len)
		text = gate_open(r->gate, SEALED_APPLICATION_ANSWERS, a->id,
		    a->answers, a->answers_len, err);
	arr = text ? json_loads(text, 0, NULL) : NULL;
	for (i = 0; i < json_array_size(arr); i++) {
		json_t *e = json_array_get(arr, i);
		const char *ans = json_string_value(json_object_get(e,
		    "answer"));
		html_printf(&r->out, "<h3>%s</h3><p class=\"answer\">%s</p>",
		    json_string_value(json_object_get(e, "question")),
		    ans && ans[0] ? ans : "(no answer)");
	}
	if (arr == NULL)
		html_printf(&r->out, "<p>(the answers could not be opened)</p>");
	json_decref(arr);
	gate_wipe(text);
	html_printf(&r->out, "</section>\n<section class=\"panel\"><h2>Approve"
	    "</h2><form class=\"stack\" method=\"post\" action=\""
	    "/applications/%lld/approve\">", (long long)a->id);
	page_csrf_field(r);
	html_printf(&r->out, "<label for=\"approve-message\">Your message to "
	    "them</label><textarea id=\"approve-message\" name=\"message\" "
	    "rows=\"4\" maxlength=\"2000\">Welcome, %s. We are glad you are "
	    "here. The groups page shows where you can join.</textarea><button "
	    "type=\"submit\">Approve</button></form></section>\n<section class="
	    "\"panel\"><h2>Decline</h2><form class=\"stack\" method=\"post\" "
	    "action=\"/applications/%lld/decline\">", a->pseudonym,
	    (long long)a->id);
	page_csrf_field(r);
	html_printf(&r->out, "<label for=\"decline-message\">Your message to "
	    "them</label><textarea id=\"decline-message\" name=\"message\" "
	    "rows=\"4\" maxlength=\"2000\">Thank you for applying, and for "
	    "what you shared. We are not able to offer you a place just now. "
	    "This is not a judgement of you. If you are struggling, please "
	    "reach out to a local support line.</textarea><button class=\""
	    "secondary\" type=\"submit\">Decline</button></form></section>\n");
	page_end(r);
	return 1;
}

/* POST /applications/{id}/review */
void
prevention_application_review_post(struct req *r)
{
	struct review v = { r, 0 };

	if (membership_application_get(r->db, req_param(r, "id"), review_row,
	    &v) < 0)
		req_fail(r, 500, "The application could not be read.");
	else if (v.found == 0)
		req_fail(r, 404, "There is no such application.");
	else if (v.found == 2)
		req_redirect(r, "/applications?error=decided");
}

/* Approve or decline {id} with the form's message. */
static void
decide(struct req *r, int approve)
{
	char err[ERR_MAX] = "";
	int rc;

	rc = membership_decide(r->gate, req_param(r, "id"), approve,
	    req_form(r, "message"), err);
	if (rc == 0)
		req_redirect(r, approve ? "/applications?done=approved" :
		    "/applications?done=declined");
	else if (rc == 1)
		req_redirect(r, "/applications?error=decided");
	else if (strstr(err, "in use now") != NULL)
		req_redirect(r, "/applications?error=name-taken");
	else if (strstr(err, "bytes of text") != NULL)
		req_redirect(r, "/applications?error=invalid");
	else
		req_fail(r, 500, "The decision could not be saved.");
}

/* POST /applications/{id}/approve: message */
void
prevention_application_approve_post(struct req *r)
{
	decide(r, 1);
}

/* POST /applications/{id}/decline: message */
void
prevention_application_decline_post(struct req *r)
{
	decide(r, 0);
}

static int
invitation_row(void *ctx, const struct invitation_row *v)
{
	struct req *r = ctx;
	char until[32];

	util_format_time(v->expires_at, until, sizeof(until));
	html_printf(&r->out, "<tr><td>%lld</td><td>%s</td><td>%s</td><td>%d"
	    "</td><td>%s</td></tr>\n", (long long)v->id, v->note, until,
	    v->uses_left, v->revoked_at ? "revoked" : v->created_by);
	return 0;
}

/* GET /invitations */
void
prevention_invitations_page(struct req *r)
{
	page_begin(r, "Invitations", "/applications");
	page_notice(r);
	html_printf(&r->out, "<h1>Invitations</h1><p class=\"lede\">An "
	    "invitation link lets someone apply while membership is by "
	    "invitation. It expires, and can be used a set number of times."
	    "</p>\n<section class=\"panel\"><h2>New invitation</h2><form "
	    "class=\"stack\" method=\"post\" action=\"/invitations\">");
	page_csrf_field(r);
	html_printf(&r->out, "<label for=\"days\">Days it lasts</label><input "
	    "id=\"days\" name=\"days\" type=\"number\" min=\"1\" max=\"90\" "
	    "value=\"14\" required><label for=\"uses\">People it can bring"
	    "</label><input id=\"uses\" name=\"uses\" type=\"number\" min=\"1\" "
	    "max=\"100\" value=\"1\" required><label for=\"note\">A note for "
	    "the moderators (optional)</label><input id=\"note\" name=\"note\" "
	    "maxlength=\"200\"><button type=\"submit\">Create</button></form>"
	    "</section>\n<table class=\"list\"><caption>Invitations</caption>"
	    "<thead><tr><th scope=\"col\">Number</th><th scope=\"col\">Note"
	    "</th><th scope=\"col\">Until</th><th scope=\"col\">Uses left</th>"
	    "<th scope=\"col\">By</th></tr></thead><tbody>\n");
	if (membership_invitation_each(r->db, invitation_row, r) != 0)
		html_printf(&r->out, "<tr><td colspan=\"5\">The invitations "
		    "could not be read.</td></tr>\n");
	html_printf(&r->out, "</tbody></table>\n");
	page_end(r);
}

/* POST /invitations: days, uses, note */
void
prevention_invitations_post(struct req *r)
{
	const char *d = req_form(r, "days"), *u = req_form(r, "uses");
	char err[ERR_MAX], token[TOKEN_LEN + 1];
	long long days = 0, uses = 0;
	int64_t id;

	if (d == NULL || u == NULL || util_parse_int(d, 1, 90, &days) != 0 ||
	    util_parse_int(u, 1, 100, &uses) != 0) {
		req_redirect(r, "/invitations?error=invalid");
		return;
	}
	if (membership_invite(r->gate, (int)days, (int)uses,
	    req_form(r, "note"), token, &id, err) != 0) {
		req_redirect(r, "/invitations?error=invalid");
		return;
	}
	page_begin(r, "Invitation created", "/applications");
	html_printf(&r->out, "<h1>Invitation created</h1><div class=\"notice\" "
	    "role=\"status\">Share this link privately. It is shown only now."
	    "</div><pre class=\"secret\" id=\"invitation\">/apply?invite=%s"
	    "</pre><p><a href=\"/invitations\">Back to invitations</a></p>\n",
	    token);
	explicit_bzero(token, sizeof(token));
	page_end(r);
}
