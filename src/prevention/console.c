/*
** console.c: the pledge, the groups and a group's conversation in the
** console.  See console.h.
**
** Who may do what is checked twice: the route table asks for a login
** (any role), and each handler asks the store whether the account is a
** member of the group who accepted the pledge in force (or the post's
** author, for their own post).  A form naming a group the member is not
** in is refused and changes nothing.
*/
#include "console.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../community/post.h"
#include "../core/gate.h"
#include "../store/community.h"
#include "../store/db.h"
#include "../store/healing.h"
#include "../store/prevention.h"
#include "../util/util.h"
#include "../web/html.h"
#include "../web/server.h"
#include "copymark.h"
#include "groups.h"
#include "pledge.h"

/* The member the logged-in account is, or 0 (staff without one). */
static int64_t
my_member(struct req *r)
{
	int64_t id = 0;

	return community_member_of_user(r->db, r->user.id, &id) == 1 ? id : 0;
}

/* GET /pledge */
void
prevention_pledge_page(struct req *r)
{
	struct pledge p;
	int64_t me = my_member(r);
	int accepted = me ? pledge_accepted_current(r->db, me) : 0;

	if (pledge_current(r->db, &p) != 0) {
		req_fail(r, 500, "The pledge could not be read.");
		return;
	}
	page_begin(r, "Confidentiality pledge", "/pledge");
	page_notice(r);
	html_printf(&r->out, "<h1>Confidentiality pledge</h1><p class=\"lede\">"
	    "Version %lld. What is shared here stays here: this is what each "
	    "of us agrees to.</p>\n<section class=\"panel pledge\"><div class="
	    "\"pledge-text\">%s</div></section>\n", (long long)p.version,
	    p.body);
	if (me && accepted == 1)
		html_printf(&r->out, "<p class=\"notice\" role=\"status\">You "
		    "have accepted this version.</p>\n");
	else if (me) {
		html_printf(&r->out, "<form class=\"stack\" method=\"post\" "
		    "action=\"/pledge\">");
		page_csrf_field(r);
		html_printf(&r->out, "<input type=\"hidden\" name=\"version\" "
		    "value=\"%lld\"><label><input type=\"checkbox\" name=\""
		    "accept\" value=\"yes\" required> I have read the pledge "
		    "and I accept it</label><button type=\"submit\">Accept the "
		    "pledge</button></form>\n", (long long)p.version);
	}
	page_end(r);
	pledge_free(&p);
}

/* POST /pledge: accept=yes, version (the one the member read). */
void
prevention_pledge_post(struct req *r)
{
	const char *yes = req_form(r, "accept"), *ver = req_form(r, "version");
	char err[ERR_MAX];
	struct pledge p;
	long long v = 0;
	int64_t me = my_member(r), got;

	if (me == 0) {
		req_fail(r, 403, "Only members accept the pledge.");
		return;
	}
	if (yes == NULL || strcmp(yes, "yes") != 0 || ver == NULL ||
	    util_parse_int(ver, 1, INT64_MAX, &v) != 0) {
		req_redirect(r, "/pledge?error=invalid");
		return;
	}
	if (pledge_current(r->db, &p) != 0) {
		req_fail(r, 500, "The pledge could not be read.");
		return;
	}
	got = p.version;
	pledge_free(&p);
	/* a new version was published while they read the old one */
	if (got != v) {
		req_redirect(r, "/pledge?error=pledge-changed");
		return;
	}
	if (pledge_accept(r->gate, me, r->user.name, &got, err) != 0 ||
	    prevention_notices_seen(r->db, me, "pledge.new", 0, util_now())
	    != 0) {
		req_fail(r, 500, "The acceptance could not be saved.");
		return;
	}
	req_redirect(r, "/groups?done=pledge");
}

/* Show the member's notices: a place opened, a new pledge. */
static int
show_notice(void *ctx, const char *kind, const char *group, int64_t gid,
    int64_t at)
{
	struct req *r = ctx;

	(void)at;
	if (strcmp(kind, "group.place") == 0)
		html_printf(&r->out, "<div class=\"notice\" role=\"status\">A "
		    "place opened in <a href=\"/groups/%lld\">%s</a>. You can "
		    "join it below.</div>\n", (long long)gid, group);
	else if (strcmp(kind, "pledge.new") == 0)
		html_printf(&r->out, "<div class=\"notice warn\" role=\""
		    "status\">The confidentiality pledge has a new version. Please <a "
		    "href=\"/pledge\">read and accept it</a> to enter your "
		    "groups again.</div>\n");
	return 0;
}

/* A healing space the member was invited to and has not entered. */
static int
show_invitation(void *ctx, const struct space_row *s, const char *answer)
{
	struct req *r = ctx;

	if (strcmp(answer, "invited") == 0)
		html_printf(&r->out, "<div class=\"notice\" role=\"status\">"
		    "You are invited to a healing space, <a href=\"/spaces/"
		    "%lld\">%s</a>. It is yours to choose.</div>\n",
		    (long long)s->group_id, s->name);
	return 0;
}

struct groups_ctx {
	struct req *r;
	int accepted;		/* they accepted the pledge in force */
	int is_member;		/* the account is a member's */
	int shown;
};

/* One group of GET /groups. */
static int
group_row(void *ctx, const struct member_group *g)
{
	struct groups_ctx *c = ctx;
	struct req *r = c->r;
	int full = g->members >= g->capacity;

	c->shown++;
	html_printf(&r->out, "<tr><td><a href=\"/groups/%lld\">%s</a>",
	    (long long)g->id, g->name);
	if (g->description[0])
		html_printf(&r->out, "<br><span class=\"desc\">%s</span>",
		    g->description);
	html_printf(&r->out, "</td><td>%lld of %d</td><td>",
	    (long long)g->members, g->capacity);
	if (!c->is_member) {
		html_printf(&r->out, "</td></tr>\n");
		return 0;
	}
	if (g->belongs) {
		html_printf(&r->out, "<span class=\"badge ok\">You belong"
		    "</span> <form class=\"inline\" method=\"post\" action=\""
		    "/groups/%lld/leave\">", (long long)g->id);
		page_csrf_field(r);
		html_printf(&r->out, "<button class=\"secondary\" type=\""
		    "submit\">Leave</button></form>");
	} else if (!c->accepted) {
		html_printf(&r->out, "<a href=\"/pledge\">Accept the pledge to "
		    "join</a>");
	} else {
		html_printf(&r->out, "<form class=\"inline\" method=\"post\" "
		    "action=\"/groups/%lld/join\">", (long long)g->id);
		page_csrf_field(r);
		if (g->waiting)
			html_printf(&r->out, "<span class=\"badge warn\">"
			    "Number %lld on the waiting list</span> ",
			    (long long)g->waiting);
		if (!full)
			html_printf(&r->out, "<button type=\"submit\">Join"
			    "</button>");
		else if (!g->waiting)
			html_printf(&r->out, "<input type=\"hidden\" name=\""
			    "wait\" value=\"yes\"><button class=\"secondary\" "
			    "type=\"submit\">Full: wait for a place</button>");
		html_printf(&r->out, "</form>");
		if (g->waiting) {
			html_printf(&r->out, "<form class=\"inline\" method=\""
			    "post\" action=\"/groups/%lld/leave\">",
			    (long long)g->id);
			page_csrf_field(r);
			html_printf(&r->out, "<button class=\"secondary\" type="
			    "\"submit\">Stop waiting</button></form>");
		}
	}
	html_printf(&r->out, "</td></tr>\n");
	return 0;
}

/* GET /groups */
void
prevention_groups_page(struct req *r)
{
	struct groups_ctx c = { r, 0, 0, 0 };
	int64_t me = my_member(r);

	c.is_member = me != 0;
	c.accepted = me ? pledge_accepted_current(r->db, me) == 1 : 0;
	page_begin(r, "Groups", "/groups");
	page_notice(r);
	html_printf(&r->out, "<h1>Groups</h1><p class=\"lede\">Small groups, "
	    "never more than %d people, each with its own conversation that "
	    "only its members can read.</p>\n", GROUPS_MAX_CAPACITY);
	if (me && prevention_notices_each(r->db, me, show_notice, r) != 0) {
		page_end(r);
		return;
	}
	if (me && healing_spaces_each(r->db, me, show_invitation, r) != 0) {
		page_end(r);
		return;
	}
	if (me && !c.accepted)
		html_printf(&r->out, "<div class=\"notice warn\" role=\""
		    "status\">Before joining a group, please <a href=\""
		    "/pledge\">read and accept the confidentiality pledge</a>."
		    "</div>\n");
	html_printf(&r->out, "<table class=\"list\"><caption>Every group"
	    "</caption><thead><tr><th scope=\"col\">Group</th><th scope=\""
	    "col\">People</th><th scope=\"col\">%s</th></tr></thead><tbody>\n",
	    me ? "You" : "");
	if (prevention_groups_for_member(r->db, me, group_row, &c) != 0)
		html_printf(&r->out, "<tr><td colspan=\"3\">The groups could "
		    "not be read.</td></tr>\n");
	else if (c.shown == 0)
		html_printf(&r->out, "<tr><td colspan=\"3\">There are no "
		    "groups yet.</td></tr>\n");
	html_printf(&r->out, "</tbody></table>\n");
	page_end(r);
}

/* The group {id} of the path, which must exist.  Returns 1 with *gid,
** its name and *anonymous_ok set, or 0 after answering 404. */
static int
path_group(struct req *r, int64_t *gid, char *name, size_t cap,
    int *anonymous_ok)
{
	int rc;

	*gid = req_param(r, "id");
	rc = community_group_get(r->db, *gid, name, cap, anonymous_ok);
	if (rc < 0)
		req_fail(r, 500, "The group could not be read.");
	else if (rc == 0)
		req_fail(r, 404, "There is no such group.");
	return rc == 1;
}

/* POST /groups/{id}/join [wait=yes] */
void
prevention_group_join_post(struct req *r)
{
	const char *wait = req_form(r, "wait");
	char err[ERR_MAX], name[GROUPS_NAME_MAX + 1], to[64];
	int64_t gid, me = my_member(r), pos = 0;
	int rc, anon;

	if (!path_group(r, &gid, name, sizeof(name), &anon))
		return;
	if (me == 0) {
		req_fail(r, 403, "Only members join groups.");
		return;
	}
	rc = groups_join(r->gate, gid, me, wait && strcmp(wait, "yes") == 0,
	    &pos, err);
	if (rc == GROUPS_JOINED || rc == GROUPS_ALREADY) {
		if (prevention_notices_seen(r->db, me, "group.place", gid,
		    util_now()) != 0) {
			req_fail(r, 500, "The change could not be saved.");
			return;
		}
		snprintf(to, sizeof(to), "/groups/%lld?done=joined",
		    (long long)gid);
		req_redirect(r, to);
	} else if (rc == GROUPS_WAITING) {
		req_redirect(r, "/groups?done=waiting");
	} else if (rc == GROUPS_FULL) {
		req_redirect(r, "/groups?error=full");
	} else if (strstr(err, "healing space") != NULL) {
		req_redirect(r, "/groups?error=space-refused");
	} else if (strstr(err, "pledge") != NULL) {
		req_redirect(r, "/pledge?error=no-pledge");
	} else if (strstr(err, "cannot") == NULL) {
		req_redirect(r, "/groups?error=not-active");
	} else {
		req_fail(r, 500, "The change could not be saved.");
	}
}

/* POST /groups/{id}/leave: leave the group, or its waiting list. */
void
prevention_group_leave_post(struct req *r)
{
	char err[ERR_MAX], name[GROUPS_NAME_MAX + 1];
	int64_t gid, me = my_member(r), told;
	int rc, anon;

	if (!path_group(r, &gid, name, sizeof(name), &anon))
		return;
	if (me == 0) {
		req_fail(r, 403, "Only members leave groups.");
		return;
	}
	rc = groups_leave(r->gate, gid, me, &told, err);
	if (rc < 0)
		req_fail(r, 500, "The change could not be saved.");
	else
		req_redirect(r, rc ? "/groups?done=left" : "/groups");
}

/* Writes a post's text with the viewer's copy marks. */
static int
put_marked(void *ctx, const char *p, size_t n, int is_mark)
{
	struct req *r = ctx;

	if (is_mark)
		html_printf(&r->out, "<span class=\"cm\" aria-hidden=\"true\">"
		    "%s</span>", p);
	else
		html_escape_n(&r->out, p, n);
	return 0;
}

struct convo {
	struct req *r;
	int64_t me;		/* the viewer's member, or 0 */
	int as_member;		/* opening as a member, not audited */
	int anonymous_ok;	/* the group allows anonymous posts */
	int64_t gid;
	int64_t thread;		/* the thread being written, or 0 */
	char mark[COPYMARK_BYTES + 1];
	int posts;
};

/* The reply form that ends a thread. */
static void
reply_form(struct convo *c)
{
	struct req *r = c->r;

	html_printf(&r->out, "<details class=\"reply\"><summary>Reply"
	    "</summary><form class=\"stack\" method=\"post\" action=\""
	    "/groups/%lld/posts\">", (long long)c->gid);
	page_csrf_field(r);
	html_printf(&r->out, "<input type=\"hidden\" name=\"reply_to\" value=\""
	    "%lld\"><label for=\"reply-%lld\">Your reply</label><textarea id=\""
	    "reply-%lld\" name=\"body\" rows=\"4\" required></textarea>",
	    (long long)c->thread, (long long)c->thread, (long long)c->thread);
	if (c->anonymous_ok)
		html_printf(&r->out, "<label><input type=\"checkbox\" name=\""
		    "anonymous\" value=\"yes\"> Post anonymously</label>");
	html_printf(&r->out, "<button type=\"submit\">Reply</button></form>"
	    "</details></article>\n");
}

/* One post of GET /groups/{id}. */
static int
show_post(void *ctx, const struct group_post *p)
{
	struct convo *c = ctx;
	struct req *r = c->r;
	char err[ERR_MAX], when[32], *text, *labels = NULL;
	const char *who;
	int own = c->me != 0 && p->member_id == c->me;

	if (p->reply_to == 0) {
		if (c->thread && c->as_member)
			reply_form(c);
		else if (c->thread)
			html_printf(&r->out, "</article>\n");
		c->thread = p->id;
		html_printf(&r->out, "<article class=\"thread\" aria-label=\""
		    "Thread %lld\">", (long long)p->id);
	}
	c->posts++;
	text = c->as_member ? gate_open_as_member(r->gate, SEALED_POST_BODY,
	    p->id, p->body, p->body_len, err) : gate_open(r->gate,
	    SEALED_POST_BODY, p->id, p->body, p->body_len, err);
	if (p->cw && p->cw_len)
		labels = c->as_member ? gate_open_as_member(r->gate,
		    SEALED_POST_CW, p->id, p->cw, p->cw_len, err) :
		    gate_open(r->gate, SEALED_POST_CW, p->id, p->cw, p->cw_len,
		    err);
	util_format_time(p->created_at, when, sizeof(when));
	/* an anonymous post names nobody to members; its author sees it is
	** theirs, a moderator who it is by */
	who = !p->anonymous ? p->author : own ? "you, anonymously" :
	    c->as_member ? "anonymous member" : p->author;
	html_printf(&r->out, "<div class=\"post\" id=\"post-%lld\"><p class=\""
	    "byline\">%s%s · %s%s</p>", (long long)p->id, who,
	    p->anonymous && !c->as_member ? " (posted anonymously)" : "", when,
	    p->edited_at ? " · edited" : "");
	if (labels && labels[0])
		html_printf(&r->out, "<details class=\"cw\"><summary>Content "
		    "warning: %s</summary>", labels);
	html_printf(&r->out, "<div class=\"post-body\">");
	if (text)
		copymark_split(text, strlen(text), c->mark, put_marked, r);
	else
		html_printf(&r->out, "(this post could not be opened)");
	html_printf(&r->out, "</div>");
	if (labels && labels[0])
		html_printf(&r->out, "</details>");
	if (own) {
		html_printf(&r->out, "<div class=\"own\"><a href=\"/posts/%lld"
		    "/edit\">Edit</a> <form class=\"inline\" method=\"post\" "
		    "action=\"/posts/%lld/delete\">", (long long)p->id,
		    (long long)p->id);
		page_csrf_field(r);
		html_printf(&r->out, "<button class=\"danger\" type=\"submit\">"
		    "Delete</button></form></div>");
	}
	html_printf(&r->out, "</div>\n");
	gate_wipe(text);
	gate_wipe(labels);
	return 0;
}

/* What a healing space says above its conversation: when it ends, its
** reminder of the pledge, and the facilitator's note. */
static void
space_banner(struct req *r, const struct space_row *s)
{
	char ends[32];

	util_format_time(s->ends_at, ends, sizeof(ends));
	html_printf(&r->out, "<section class=\"panel pledge\" aria-label=\""
	    "Healing space\"><p>A healing space, facilitated by %s, until %s. "
	    "<a href=\"/spaces/%lld\">About it</a></p><p>%s</p>",
	    s->facilitator[0] ? s->facilitator : "nobody now", ends,
	    (long long)s->group_id, s->reminder);
	if (s->note[0])
		html_printf(&r->out, "<h2>From the facilitator</h2><p class=\""
		    "prewrap\">%s</p>", s->note);
	html_printf(&r->out, "</section>\n");
}

/* The conversation of group {id}: for its members, opened through the
** member's door (nothing recorded); for a moderator who asked to read it
** (moderator set), through the audited door. */
static void
group_view(struct req *r, int moderator)
{
	struct space_row sp;
	struct convo c;
	char name[GROUPS_NAME_MAX + 1];
	int64_t member = 0;
	int rc, space;

	memset(&c, 0, sizeof(c));
	c.r = r;
	if (!path_group(r, &c.gid, name, sizeof(name), &c.anonymous_ok))
		return;
	c.me = my_member(r);
	rc = prevention_member_in_group(r->db, r->user.id, c.gid, &member);
	if (rc < 0) {
		req_fail(r, 500, "The group could not be read.");
		return;
	}
	c.as_member = rc == 1 && !moderator;
	space = healing_space_get(r->db, c.gid, &sp);
	if (space < 0) {
		req_fail(r, 500, "The group could not be read.");
		return;
	}
	space = space == DB_ROW;
	if (space && (sp.ended_at || sp.ends_at <= util_now())) {
		req_fail(r, 410, "This healing space has ended; what was said "
		    "in it is erased.");
		return;
	}
	/* not a member: an admin, or one of the group's own moderators (any
	** moderator while it has none), or a healing space's facilitator */
	if (!c.as_member && !(space && sp.facilitator_id == r->user.id &&
	    role_parse(r->user.role) >= ROLE_SUPPORTER) &&
	    (role_parse(r->user.role) < ROLE_MODERATOR ||
	    (role_parse(r->user.role) < ROLE_ADMIN &&
	    prevention_group_moderated_by(r->db, c.gid, r->user.id) != 1))) {
		req_fail(r, 403, "This group's conversation is open to its "
		    "members, once they have accepted the pledge in force, and "
		    "to its own moderators.");
		return;
	}
	if (copymark_make(r->gate, r->user.id, c.mark) != 0) {
		req_fail(r, 500, "This page cannot be shown to this account.");
		return;
	}
	page_begin(r, name, "/groups");
	page_notice(r);
	html_printf(&r->out, "<h1>%s</h1><p class=\"lede\">What is shared "
	    "here stays here. Copies of these posts can be traced to the "
	    "account they were shown to.</p>\n", name);
	if (!c.as_member && !moderator) {
		/* a moderator chooses to read, and knows what it costs */
		html_printf(&r->out, "<div class=\"notice warn\" role=\""
		    "status\">You are not a member of this group. As a moderator you "
		    "can read its conversation: each post you open is in the "
		    "audit trail and counts towards your exposure.</div><form "
		    "method=\"post\" action=\"/%s/%lld/read\">", space ?
		    "spaces" : "groups", (long long)c.gid);
		page_csrf_field(r);
		html_printf(&r->out, "<button type=\"submit\">Read the "
		    "conversation</button></form>\n");
		page_end(r);
		return;
	}
	if (space)
		space_banner(r, &sp);
	if (c.as_member) {
		html_printf(&r->out, "<section class=\"panel\"><h2>Start a "
		    "thread</h2><form class=\"stack\" method=\"post\" action=\""
		    "/groups/%lld/posts\">", (long long)c.gid);
		page_csrf_field(r);
		html_printf(&r->out, "<label for=\"body\">What would you like "
		    "to share?</label><textarea id=\"body\" name=\"body\" rows="
		    "\"5\" required></textarea><label for=\"cw\">Content "
		    "warning (optional)</label><input id=\"cw\" name=\"cw\" "
		    "maxlength=\"200\" placeholder=\"for example: self-harm"
		    "\">");
		if (c.anonymous_ok)
			html_printf(&r->out, "<label><input type=\"checkbox\" "
			    "name=\"anonymous\" value=\"yes\"> Post anonymously"
			    "</label>");
		html_printf(&r->out, "<button type=\"submit\">Post</button>"
		    "</form></section>\n");
	} else {
		html_printf(&r->out, "<div class=\"notice warn\" role=\""
		    "status\">Reading as a moderator: each post opened here is in the "
		    "audit trail and counts towards your exposure.</div>\n");
	}
	/* the faint mark, where the group shows one, is the stylesheet's
	** background of a marked conversation: each viewer's own, served to
	** them alone, and no part of what is read or copied */
	if (prevention_group_visible_mark(r->db, c.gid) == 1)
		html_printf(&r->out, "<section class=\"conversation marked\" "
		    "aria-label=\"Conversation\">");
	else
		html_printf(&r->out, "<section class=\"conversation\" "
		    "aria-label=\"Conversation\">");
	if (community_group_posts_each(r->db, c.gid, CONSOLE_THREADS,
	    show_post, &c) != 0)
		html_printf(&r->out, "<p>The conversation could not be read."
		    "</p>");
	if (c.thread) {
		if (c.as_member)
			reply_form(&c);
		else
			html_printf(&r->out, "</article>\n");
	}
	if (c.posts == 0)
		html_printf(&r->out, "<p>No one has posted here yet.</p>");
	html_printf(&r->out, "</section><p class=\"print-note\">This "
	    "conversation is not printed.</p>\n");
	page_end(r);
}

/* GET /groups/{id} */
void
prevention_group_page(struct req *r)
{
	group_view(r, 0);
}

/* POST /groups/{id}/read: a moderator reads the conversation, audited. */
void
prevention_group_read_post(struct req *r)
{
	group_view(r, 1);
}

/* The text of a post from the form: valid, not empty, not too long.
** Returns it, or NULL after redirecting back with the reason. */
static const char *
form_body(struct req *r, const char *back)
{
	const char *body = req_form(r, "body");
	char to[96];
	size_t n = body ? strlen(body) : 0, i;

	for (i = 0; i < n && (body[i] == ' ' || body[i] == '\n' ||
	    body[i] == '\r' || body[i] == '\t'); i++)
		;
	if (i == n || n > CONSOLE_POST_MAX || !util_valid_text(body, n)) {
		snprintf(to, sizeof(to), "%s?error=%s", back, n >
		    CONSOLE_POST_MAX ? "too-long" : "invalid");
		req_redirect(r, to);
		return NULL;
	}
	return body;
}

/* POST /groups/{id}/posts: body, [reply_to], [cw], [anonymous=yes] */
void
prevention_group_write_post(struct req *r)
{
	const char *reply = req_form(r, "reply_to"), *anon =
	    req_form(r, "anonymous"), *cw = req_form(r, "cw"), *body;
	char name[GROUPS_NAME_MAX + 1], back[48], to[96], target[32];
	struct post_new np;
	long long thread = 0;
	int64_t id;
	int rc, anon_ok;

	memset(&np, 0, sizeof(np));
	if (!path_group(r, &np.group_id, name, sizeof(name), &anon_ok))
		return;
	rc = prevention_member_in_group(r->db, r->user.id, np.group_id,
	    &np.member_id);
	if (rc != 1) {
		req_fail(r, rc < 0 ? 500 : 403, rc < 0 ? "The group could not "
		    "be read." : "Only the group's members, once they have "
		    "accepted the pledge in force, post here.");
		return;
	}
	if ((rc = healing_space_admits(r->db, np.group_id, np.member_id,
	    util_now())) != 1) {
		req_fail(r, rc < 0 ? 500 : 410, rc < 0 ? "The group could not "
		    "be read." : "This healing space has ended.");
		return;
	}
	snprintf(back, sizeof(back), "/groups/%lld", (long long)np.group_id);
	if ((body = form_body(r, back)) == NULL)
		return;
	if (reply && reply[0] && util_parse_int(reply, 1, INT64_MAX, &thread)
	    != 0) {
		req_fail(r, 400, "That thread is not one of this group's.");
		return;
	}
	if (cw && (strlen(cw) > 200 || !util_valid_text(cw, strlen(cw)))) {
		snprintf(to, sizeof(to), "%s?error=invalid", back);
		req_redirect(r, to);
		return;
	}
	np.anonymous = anon && strcmp(anon, "yes") == 0;
	if (np.anonymous && !anon_ok) {
		req_fail(r, 400, "This group does not take anonymous posts.");
		return;
	}
	np.created_at = util_now();
	np.body = body;
	np.cw = cw && cw[0] ? cw : NULL;
	if (post_create(r->gate, &np, &id) != 0) {
		req_fail(r, 500, "The post could not be saved.");
		return;
	}
	if (thread) {
		rc = community_post_set_reply_to(r->db, id, thread);
		if (rc != 0) {
			req_fail(r, rc < 0 ? 500 : 400, rc < 0 ? "The post "
			    "could not be saved." : "That thread is not one of "
			    "this group's.");
			return;
		}
	}
	snprintf(target, sizeof(target), "post %lld", (long long)id);
	if (gate_audit(r->gate, "post.add", target, name) != 0) {
		req_fail(r, 500, "The post could not be saved.");
		return;
	}
	snprintf(to, sizeof(to), "%s?done=posted#post-%lld", back,
	    (long long)id);
	req_redirect(r, to);
}

/* The post {id} of the path, which must be the requester's own.  Returns
** 1 with *id and *gid set, or 0 after answering. */
static int
own_post(struct req *r, int64_t *id, int64_t *gid)
{
	int64_t author = 0, me = my_member(r);
	int rc;

	*id = req_param(r, "id");
	rc = community_post_owner(r->db, *id, gid, &author);
	if (rc < 0) {
		req_fail(r, 500, "The post could not be read.");
		return 0;
	}
	if (rc == 0 || me == 0 || author != me) {
		req_fail(r, 404, "There is no such post of yours.");
		return 0;
	}
	return 1;
}

/* GET /posts/{id}/edit: the author's own post, to change. */
void
prevention_post_edit_page(struct req *r)
{
	void *body = NULL, *cw = NULL;
	size_t bn = 0, cn = 0;
	char err[ERR_MAX], *text = NULL;
	int64_t id, gid;

	if (!own_post(r, &id, &gid))
		return;
	if (community_post_sealed(r->db, id, &body, &bn, &cw, &cn) == 1)
		text = gate_open_as_member(r->gate, SEALED_POST_BODY, id, body,
		    bn, err);
	free(body);
	free(cw);
	if (text == NULL) {
		req_fail(r, 500, "The post could not be opened.");
		return;
	}
	page_begin(r, "Edit your post", "/groups");
	page_notice(r);
	html_printf(&r->out, "<h1>Edit your post</h1><form class=\"stack\" "
	    "method=\"post\" action=\"/posts/%lld/edit\">", (long long)id);
	page_csrf_field(r);
	html_printf(&r->out, "<label for=\"body\">Your post</label><textarea "
	    "id=\"body\" name=\"body\" rows=\"8\" required>%s</textarea>"
	    "<button type=\"submit\">Save</button></form><p><a href=\""
	    "/groups/%lld#post-%lld\">Back to the group</a></p>\n", text,
	    (long long)gid, (long long)id);
	gate_wipe(text);
	page_end(r);
}

/* POST /posts/{id}/edit: body */
void
prevention_post_edit_post(struct req *r)
{
	const char *body;
	char back[48], to[96], target[32];
	int64_t id, gid;

	if (!own_post(r, &id, &gid))
		return;
	snprintf(back, sizeof(back), "/posts/%lld/edit", (long long)id);
	if ((body = form_body(r, back)) == NULL)
		return;
	snprintf(target, sizeof(target), "post %lld", (long long)id);
	if (post_edit(r->gate, id, body) != 0 ||
	    gate_audit(r->gate, "post.edit", target, "") != 0) {
		req_fail(r, 500, "The post could not be saved.");
		return;
	}
	snprintf(to, sizeof(to), "/groups/%lld?done=edited#post-%lld",
	    (long long)gid, (long long)id);
	req_redirect(r, to);
}

/* POST /posts/{id}/delete */
void
prevention_post_delete_post(struct req *r)
{
	char to[64], target[32];
	int64_t id, gid;

	if (!own_post(r, &id, &gid))
		return;
	snprintf(target, sizeof(target), "post %lld", (long long)id);
	if (post_delete(r->gate, id) != 0 ||
	    gate_audit(r->gate, "post.delete", target, "") != 0) {
		req_fail(r, 500, "The post could not be deleted.");
		return;
	}
	snprintf(to, sizeof(to), "/groups/%lld?done=deleted", (long long)gid);
	req_redirect(r, to);
}

/* GET /me/mark.svg: the viewer's pseudonym, faint and repeated, for the
** groups that show a visible mark behind their conversation. */
void
prevention_mark_svg(struct req *r)
{
	int row;

	r->ctype = "image/svg+xml";
	html_printf(&r->out, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "width=\"480\" height=\"480\" viewBox=\"0 0 480 480\"><g "
	    "fill=\"#808080\" fill-opacity=\"0.12\" font-family=\""
	    "sans-serif\" font-size=\"18\" "
	    "transform=\"rotate(-30 240 240)\">");
	for (row = 0; row < 8; row++)
		html_printf(&r->out, "<text x=\"%d\" y=\"%d\">%s</text>",
		    -120 + (row % 2) * 90, 40 + row * 60, r->user.name);
	html_printf(&r->out, "</g></svg>\n");
}
