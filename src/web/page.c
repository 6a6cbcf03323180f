/*
** page.c: the frame every console page shares: head, navigation by role,
** notices, the CSRF field, the footer.  All through the escaping writer.
*/
#include <string.h>

#include "../admin/roles.h"
#include "html.h"
#include "server.h"

struct nav {
	const char *href;
	const char *label;
	enum role role;
};

static const struct nav nav[] = {
	{ "/", "Dashboard", ROLE_MEMBER },
	{ "/groups", "Groups", ROLE_MEMBER },
	{ "/pledge", "Pledge", ROLE_MEMBER },
	{ "/me/messages", "Messages", ROLE_MEMBER },
	{ "/me/support", "My support", ROLE_MEMBER },
	{ "/announcements", "Announcements", ROLE_MEMBER },
	{ "/changes", "What we changed", ROLE_MEMBER },
	{ "/pulse", "Pulse", ROLE_MEMBER },
	{ "/thanks", "Say thank you", ROLE_MEMBER },
	{ "/applications", "Applications", ROLE_MODERATOR },
	{ "/members", "Members", ROLE_MODERATOR },
	{ "/reports", "Reports", ROLE_MODERATOR },
	{ "/scan", "Scan for leaks", ROLE_MODERATOR },
	{ "/monitor", "Monitoring", ROLE_MODERATOR },
	{ "/incidents", "Incidents", ROLE_MODERATOR },
	{ "/care", "Care", ROLE_SUPPORTER },
	{ "/spaces", "Healing spaces", ROLE_SUPPORTER },
	{ "/training", "Training", ROLE_MODERATOR },
	{ "/rota", "Rota", ROLE_MODERATOR },
	{ "/debriefs", "Debriefs", ROLE_MODERATOR },
	{ "/wellbeing", "Your wellbeing", ROLE_SUPPORTER },
	{ "/users", "People", ROLE_ADMIN },
	{ "/tokens", "API tokens", ROLE_ADMIN },
	{ "/audit", "Audit trail", ROLE_ADMIN },
	{ "/account/password", "Password", ROLE_MEMBER },
};

/* Start a page: doctype, head, the header with navigation for the user's
** role (current is the href shown as the current page) and <main>. */
void
page_begin(struct req *r, const char *title, const char *current)
{
	enum role have = role_parse(r->user.role);
	size_t i;

	r->ctype = "text/html; charset=utf-8";
	html_printf(&r->out, "<!doctype html>\n<html lang=\"en\"><head>"
	    "<meta charset=\"utf-8\"><meta name=\"viewport\" content=\""
	    "width=device-width, initial-scale=1\"><title>%s · sanctum</title>"
	    "<link rel=\"stylesheet\" href=\"/static/console.css\">"
	    "<link rel=\"icon\" href=\"data:,\"></head>\n",
	    title);
	if (r->user.id == 0) {
		html_printf(&r->out, "<body class=\"login\">"
		    "<main id=\"main\" class=\"card\">\n");
		return;
	}
	html_printf(&r->out, "<body><a class=\"skip\" href=\"#main\">Skip to "
	    "content</a>\n<header class=\"top\"><a class=\"brand\" href=\"/\">"
	    "sanctum</a><nav aria-label=\"Main\"><ul>");
	for (i = 0; i < sizeof(nav) / sizeof(nav[0]); i++) {
		if (have < nav[i].role)
			continue;
		if (current && strcmp(current, nav[i].href) == 0)
			html_printf(&r->out, "<li><a href=\"%s\" aria-current="
			    "\"page\">%s</a></li>", nav[i].href, nav[i].label);
		else
			html_printf(&r->out, "<li><a href=\"%s\">%s</a></li>",
			    nav[i].href, nav[i].label);
	}
	html_printf(&r->out, "</ul></nav><form class=\"logout\" method=\"post\" "
	    "action=\"/logout\">");
	page_csrf_field(r);
	html_printf(&r->out, "<button type=\"submit\">Log out %s</button>"
	    "</form></header>\n<main id=\"main\">\n", r->user.name);
}

/* Close <main> and the page. */
void
page_end(struct req *r)
{
	html_printf(&r->out, "</main>\n");
	if (r->user.id)
		html_printf(&r->out, "<footer class=\"bottom\"><p><a href=\""
		    "/report\">Report a leak</a> (anonymously, if you like). "
		    "Members' reading is never tracked. Every action here that "
		    "opens sealed content or changes something is in the audit "
		    "trail.</p></footer>\n");
	else
		html_printf(&r->out, "<footer class=\"bottom\"><p><a href=\""
		    "/report\">Report a leak</a>, without an account.</p>"
		    "</footer>\n");
	html_printf(&r->out, "</body></html>\n");
}

/* The notices a redirect may name, each key once (page_notice_dups). */
static const struct { const char *key, *text; } msgs[] = {
	{ "added", "Added." },
	{ "disabled", "Disabled; their sessions have ended." },
	{ "enabled", "Enabled again." },
	{ "revoked", "Revoked." },
	{ "password", "Your password is changed." },
	{ "exists", "That name is already taken." },
	{ "lookalike", "That name looks like one already in use "
	    "(letters or case that look alike), so one person could "
	    "pass for the other. Please choose another." },
	{ "invalid", "Please check the form: a field is missing or "
	    "not valid." },
	{ "last-admin", "That would leave no admin who can log in." },
	{ "weak", "Passwords need at least 10 characters." },
	{ "mismatch", "The two new passwords differ." },
	{ "wrong", "The current password is not right." },
	{ "pledge", "Thank you for accepting the pledge. The groups "
	    "are open to you." },
	{ "pledge-changed", "The pledge changed while you were reading "
	    "it. Please read the new version." },
	{ "no-pledge", "Please accept the pledge in force before "
	    "joining a group." },
	{ "joined", "Welcome to the group." },
	{ "waiting", "The group is full. You are on its waiting list "
	    "and will be told here when a place opens." },
	{ "full", "That group is full." },
	{ "not-active", "Your membership does not allow joining a "
	    "group just now." },
	{ "left", "Done." },
	{ "posted", "Posted." },
	{ "edited", "Your post is changed." },
	{ "deleted", "Your post is deleted." },
	{ "too-long", "That is longer than a post can be (32 KiB). "
	    "Please make it shorter or split it." },
	{ "approved", "Approved. They will see your message, and a "
	    "link to activate their account, when they check their "
	    "application." },
	{ "declined", "Declined. They will see your message when they "
	    "check their application; their contact details and "
	    "answers are not kept." },
	{ "decided", "That application has been decided already." },
	{ "name-taken", "That name is in use now. Decline with a "
	    "message asking them to apply under another name." },
	{ "confirm", "To erase your data, please type your name "
	    "exactly as it is shown." },
	{ "reason", "A reason of 10 to 200 characters is needed: the "
	    "audit trail keeps it." },
	{ "no-contact", "That member gave no contact details." },
	{ "opened", "Incident opened. Its first step is to assess "
	    "immediate risk to the people whose posts were exposed." },
	{ "assessed", "The risk assessment is recorded. Next: contact "
	    "the affected members, with care." },
	{ "risk-note", "Triage suggests a higher risk than that. To "
	    "record it, add a note saying why." },
	{ "member-added", "Added to the incident." },
	{ "no-member", "No member is known by that pseudonym, or the "
	    "incident is closed." },
	{ "location-added", "The place is recorded; its address is "
	    "sealed." },
	{ "drafted", "The messages are drafted. Open each one, make it "
	    "yours, and send it." },
	{ "step1-first", "Step 1 comes first: record the risk "
	    "assessment before anyone is contacted." },
	{ "sent", "Sent." },
	{ "not-sent", "It was not sent: open the message to see what "
	    "stands in the way." },
	{ "not-delivered", "The mail server did not take it. It is "
	    "kept; you can try again, or send it in the app." },
	{ "answered", "Thank you. Only the people supporting you read "
	    "it." },
	{ "consent", "Their answer is recorded." },
	{ "no-consent", "That member has not allowed a request that "
	    "names them (or a copyright notice). Make one that names no "
	    "one, or ask them first." },
	{ "requested", "The request is made. Its words are with what "
	    "leaked (Read what leaked); send them, then mark it "
	    "requested." },
	{ "status", "The request's status is changed." },
	{ "unknown-member", "No member is known by that pseudonym." },
	{ "update-drafted", "The update is drafted in their language. Open "
	    "it under Messages, make it yours, and send it." },
	{ "offered", "The offer is recorded. Record their answer when "
	    "they give it." },
	{ "offer-marked", "Their answer is recorded." },
	{ "session", "The session is recorded against the budget." },
	{ "over-budget", "Not recorded: that session would go past the "
	    "counselling budget. An admin can raise it with `sanctum care "
	    "budget`." },
	{ "help", "The practical help is recorded; its note is sealed." },
	{ "help-outcome", "The outcome is recorded." },
	{ "measure", "The measure is listed." },
	{ "measure-guard", "It was not listed: the guard found something "
	    "about someone in it (a name known here, words of a post, "
	    "contact data or details of a method). Say what changed, not "
	    "who it concerned." },
	{ "space-opened", "The space is open. The people invited see the "
	    "invitation on their Groups page, and choose." },
	{ "space-invited", "They are invited, unless they asked not to be "
	    "contacted." },
	{ "space-joined", "Welcome. What is said here stays here, and is "
	    "erased when the space ends." },
	{ "space-declined", "That is fine. The invitation stays, if you "
	    "change your mind." },
	{ "space-keep", "To join, please tick that you will keep what is "
	    "said within the space." },
	{ "space-note", "The note is saved." },
	{ "space-ended", "The space has ended; what was said in it is "
	    "erased." },
	{ "space-refused", "That was not done: check the name, the "
	    "facilitator (a supporter, or a moderator whose training is "
	    "current), the numbers, and that the space is open and not "
	    "full." },
	{ "reminders", "You will be reminded when check-ins you hold are "
	    "due." },
	{ "reminders-off", "No more reminders." },
	{ "reminder-invalid", "That is not an e-mail address; nothing "
	    "changed." },
	{ "peer-offer", "Your choice about supporting others is saved. "
	    "Thank you." },
	{ "peer-refused", "That was not done: peer supporters are members "
	    "who have been through a leak, trained, with room for one more; "
	    "and an introduction waits for the answers in turn." },
	{ "peer-wanted", "The person supporting you will ask a peer "
	    "supporter. You choose once they say yes." },
	{ "peer-answered", "Your answer is saved." },
	{ "peer-ended", "The conversation has ended." },
	{ "peer-contact", "Not sent: peer support stays here, without "
	    "contact details. Please leave out addresses and numbers." },
	{ "peer-trained", "The training is recorded." },
	{ "peer-asked", "The peer supporter is asked. The member chooses "
	    "once they say yes." },
	{ "better-shared", "Thank you for sharing. It counts as a number, "
	    "never as you." },
	{ "better-withdrawn", "It no longer counts. That is fine too." },
	{ "pulse-counted", "Thank you. Your answer is counted, and never "
	    "linked to you." },
	{ "pulse-refused", "That answer was not counted: the question may "
	    "have closed, or you have answered it already." },
	{ "pulse-open", "The survey is open. Results show once at least "
	    "five people have answered." },
	{ "message-drafted", "The message is drafted from the template "
	    "in their language. Open it, make it yours, and send it." },
	{ "no-message", "No message was drafted: the member may have "
	    "asked not to be contacted, or the check-in is not planned." },
	{ "message-sent", "Sent, the way the member chose. The check-in "
	    "is done." },
	{ "message-not-delivered", "It was not delivered; it is kept, and "
	    "you can try again." },
	{ "message-not-sent", "It was not sent: open it to see what the "
	    "lint found, or the member asked not to be contacted." },
	{ "care-opened", "The case is open and its check-ins are "
	    "planned from the member's choices." },
	{ "care-refused", "That was not done: the case may be closed or "
	    "held by someone else, or the person chosen cannot hold a "
	    "case (a supporter, or a moderator whose training is "
	    "current)." },
	{ "notes-saved", "The notes are saved, sealed." },
	{ "handed", "The case is handed over; the handover is kept "
	    "with it." },
	{ "case-closed", "The case is closed." },
	{ "checkin-done", "Thank you. The check-in is marked done." },
	{ "checkin-skipped", "The check-in is skipped." },
	{ "checkin-moved", "The check-in is moved." },
	{ "prefs", "Your choices are saved." },
	{ "contact-stopped", "Nobody will contact you. You can change this "
	    "whenever you like." },
	{ "needs", "Your words are saved. Only the person supporting "
	    "you reads them." },
	{ "support-closed", "Your support is closed. You can always ask "
	    "for support again." },
	{ "forgotten", "The notes are deleted." },
	{ "zone", "That time zone is not known: please give a name such "
	    "as Europe/London." },
	{ "no-email", "Email needs an address on file; please ask an "
	    "admin to add it, or choose messages here." },
	{ "status-refused", "The status was not changed: a request "
	    "moves on from requested to removed or refused, a removed "
	    "one to reappeared, and a refused or reappeared one back to "
	    "requested." },
	{ "rechecked", "The places were looked at again; the requests "
	    "say what was found." },
	{ "choices", "Your choices are saved. Nothing is done in your "
	    "name without them." },
	{ "announce-drafted", "The announcement is drafted. Open it, "
	    "make it yours, and publish it when the guard finds nothing "
	    "in the way." },
	{ "published", "Published: every member can read it under "
	    "Announcements." },
	{ "guard", "It was not published: open it to see what the guard "
	    "found." },
	{ "dismissed", "The report is closed." },
	{ "finding-dismissed", "The finding is dismissed." },
	{ "connect", "Thank you for asking. Someone from the moderators "
	    "will be in touch within a day, the way you chose." },
	{ "connected", "Marked done." },
	{ "location", "An address is an http or https URL of up to "
	    "2000 characters, and a platform's name up to 64." },
	{ "break", "You are off the rota. Take the time you need; nobody "
	    "will ask why." },
	{ "back", "Welcome back: you are on the rota again." },
	{ "break-refused", "The break was not saved: it is 1 to 90 days." },
	{ "rota-saved", "The rota is changed." },
	{ "rota-refused", "The rota was not changed: the names must be of "
	    "moderators or admins, and a swap or cover needs a shift that has "
	    "not ended, in which the first person is on call and the other "
	    "is not." },
	{ "swapped", "The shifts are swapped." },
	{ "swap-asked", "Asked. The rota changes only if they say yes." },
	{ "swap-declined", "Not this time: the rota stays as it was." },
	{ "swap-refused", "The swap was not made: it is no longer open, or "
	    "the rota has changed since it was asked." },
	{ "caps-saved", "The exposure caps are saved." },
	{ "handed-off", "The incident is handed off to someone on the "
	    "rota." },
	{ "handoff-refused", "Nobody else on the rota can take it now; it "
	    "stays as it was." },
	{ "self-check", "Kept, for you alone. Thank you for checking in "
	    "with yourself." },
	{ "debrief-kept", "Your entry is kept. Your reflection is yours "
	    "alone." },
	{ "schedule", "The debrief schedule is saved." },
	{ "covered", "The session is recorded. Thank you for looking after "
	    "yourself." },
	{ "session-refused", "The session was not recorded: it needs a day "
	    "that has come and a cost within what the budget has left." },
	{ "support", "The list of support is changed." },
	{ "thanked", "Thank you. Your words will reach them." },
	{ "thanks-refused", "Your thanks were not sent: please check the "
	    "name, or leave it empty to thank the whole team." },
};


/* How many notice keys are used more than once (0, or a page shows two
** notices for one redirect). */
int
page_notice_dups(void)
{
	size_t i, j;
	int dups = 0;

	for (i = 0; i < sizeof(msgs) / sizeof(msgs[0]); i++)
		for (j = i + 1; j < sizeof(msgs) / sizeof(msgs[0]); j++)
			dups += strcmp(msgs[i].key, msgs[j].key) == 0;
	return dups;
}

/* Show the notice named by the ?done= or ?error= argument of a redirect.
** Only fixed messages are shown: the argument picks one, it is never
** echoed. */
void
page_notice(struct req *r)
{
	const char *done = req_arg(r, "done"), *error = req_arg(r, "error");
	size_t i;

	for (i = 0; i < sizeof(msgs) / sizeof(msgs[0]); i++) {
		if (done && strcmp(done, msgs[i].key) == 0)
			html_printf(&r->out, "<div class=\"notice\" role=\""
			    "status\">%s</div>\n", msgs[i].text);
		if (error && strcmp(error, msgs[i].key) == 0)
			html_printf(&r->out, "<div class=\"notice error\" "
			    "role=\"alert\">%s</div>\n", msgs[i].text);
	}
}

/* The hidden field carrying this session's CSRF token. */
void
page_csrf_field(struct req *r)
{
	html_printf(&r->out, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">",
	    r->csrf);
}
