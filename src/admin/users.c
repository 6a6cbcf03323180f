/*
** users.c: console accounts.  See users.h.
**
** A generated password is shown once and must be changed at first login.
** The last admin who can log in cannot be disabled.  Every change is in
** the audit trail, in the same transaction as the change.
*/
#include "users.h"

#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "../cli.h"
#include "../core/gate.h"
#include "../crypto/password.h"
#include "../prevention/pseudonym.h"
#include "../store/accounts.h"
#include "../store/community.h"
#include "../store/db.h"
#include "../util/util.h"
#include "../web/html.h"
#include "../web/server.h"

#define USERS_NOTFOUND (-4)
#define USERS_LAST_ADMIN (-5)
#define USERS_LOOKALIKE (-6)	/* see prevention/pseudonym.h */
#define USERS_BADNAME (-7)	/* not a name one can be known by */

/* Add a user with password (already checked) and role, for whoever acts
** through g, in one part of the caller's transaction.  A member's account
** name is their pseudonym: the member of that name is made with the
** account, or, when an import brought one in that no account has yet,
** joined to it.  A name that looks like one in use (pseudonym.h) is
** refused.  Returns 0, or DB_EXISTS, USERS_LOOKALIKE, USERS_BADNAME or -1
** with err filled; on failure nothing of it is kept. */
int
users_add(struct gate *g, const char *name, enum role role,
    const char *password, int must_change, char *err)
{
	struct db *db = gate_db(g);
	char hash[PASSWORD_HASH_MAX], like[256], nfc[PSEUDONYM_MAX + 1];
	int64_t id;
	int rc, linked = 0;

	if (pseudonym_normalize(name, nfc, sizeof(nfc)) != 0) {
		err_set(err, "a name is 1 to %d bytes of letters and digits of "
		    "any script, with '.', '_' or '-' between them, and starts "
		    "with a letter or digit", PSEUDONYM_MAX);
		return USERS_BADNAME;
	}
	name = nfc;
	if (role == ROLE_NONE) {
		err_set(err, "the role must be admin, moderator, supporter or "
		    "member");
		return -1;
	}
	if (password_hash(password, hash) != 0) {
		err_set(err, "out of memory hashing the password");
		return -1;
	}
	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	rc = pseudonym_lookalike(db, name, like, sizeof(like));
	if (rc == 1) {
		gate_rollback(g);
		err_set(err, "%s looks like %s, a name already in use (letters "
		    "or case that look alike): choose another", name, like);
		return USERS_LOOKALIKE;
	}
	if (rc == 0)
		rc = accounts_user_add(db, name, role_name(role), hash,
		    must_change, util_now(), &id);
	if (rc == 0 && role == ROLE_MEMBER)
		rc = community_member_for_user(db, name, id, util_now(),
		    &linked);
	if (rc == DB_EXISTS) {
		gate_rollback(g);
		err_set(err, "%s already exists", name);
		return DB_EXISTS;
	}
	if (rc != 0 || gate_audit(g, "user.add", name, linked ?
	    "member, joined to the imported member" : role_name(role)) != 0 ||
	    gate_commit(g) != 0) {
		gate_rollback(g);
		err_set(err, "cannot save the user: %s", db_error(db));
		return -1;
	}
	return 0;
}

/* Disable or enable the user called name; disabling ends their sessions
** and refuses to leave no admin.  Returns 0, USERS_NOTFOUND,
** USERS_LAST_ADMIN or -1, with err filled; on failure nothing changes. */
int
users_set_disabled(struct gate *g, const char *name, int disabled, char *err)
{
	struct db *db = gate_db(g);
	struct user u;
	int rc;

	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	rc = accounts_user_by_name(db, name, &u);
	if (rc != 1) {
		gate_rollback(g);
		err_set(err, "no user %s", name);
		return rc == 0 ? USERS_NOTFOUND : -1;
	}
	if (disabled && !u.disabled && strcmp(u.role, "admin") == 0 &&
	    accounts_active_admins(db) <= 1) {
		gate_rollback(g);
		err_set(err, "%s is the last admin who can log in", name);
		return USERS_LAST_ADMIN;
	}
	if (accounts_user_set_disabled(db, u.id, disabled) != 0 ||
	    (disabled && accounts_sessions_end_user(db, u.id) != 0) ||
	    gate_audit(g, disabled ? "user.disable" : "user.enable", u.name,
	    "") != 0 || gate_commit(g) != 0) {
		gate_rollback(g);
		err_set(err, "cannot save: %s", db_error(db));
		return -1;
	}
	return 0;
}

/* Print one user for `user list`. */
static int
print_user(void *ctx, const struct user *u)
{
	(void)ctx;
	printf("%-24s %-10s %s%s\n", u->name, u->role,
	    u->disabled ? "disabled" : "active",
	    u->must_change ? " (must change password)" : "");
	return 0;
}

/* Add one user to a JSON array. */
static int
json_user(void *ctx, const struct user *u)
{
	json_array_append_new(ctx, json_pack("{s:s, s:s, s:b, s:b, s:I}",
	    "name", u->name, "role", u->role, "disabled", u->disabled,
	    "must_change_password", u->must_change, "created_at",
	    (json_int_t)u->created_at));
	return 0;
}

/* sanctum user add NAME --role ROLE [--generate]: the password is read,
** or generated and shown once the account is saved. */
int
users_add_cmd(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "role", required_argument, NULL, 'r' },
		{ "generate", no_argument, NULL, 'g' },
		{ NULL, 0, NULL, 0 }
	};
	char pw[PASSWORD_MAX + 2], again[PASSWORD_MAX + 2], err[ERR_MAX];
	const char *role = NULL, *weak;
	int ch, generate = 0, rc;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch == 'r')
			role = optarg;
		else if (ch == 'g')
			generate = 1;
		else
			return cli_usage(c, "user");
	}
	if (role == NULL || optind != argc - 1)
		return cli_usage(c, "user");
	if (role_parse(role) == ROLE_NONE)
		return cli_fail("user: no role %s (admin, moderator, "
		    "supporter or member)", role);
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;

	if (generate) {
		password_generate(pw);
	} else {
		if (util_read_secret("Password: ", pw, sizeof(pw), err) != 0)
			return cli_fail("user: %s", err);
		if (isatty(STDIN_FILENO)) {
			if (util_read_secret("Password again: ", again,
			    sizeof(again), err) != 0)
				return cli_fail("user: %s", err);
			if (strcmp(pw, again) != 0)
				return cli_fail("user: the passwords differ");
		}
		if ((weak = password_weakness(pw)) != NULL)
			return cli_fail("user: %s", weak);
	}
	rc = users_add(c->gate, argv[optind], role_parse(role), pw, generate,
	    err);
	if (rc == 0) {
		cli_say(c, "added %s (%s)\n", argv[optind], role);
		if (generate)
			cli_say(c, "password (shown once; it must be changed "
			    "at first login): %s\n", pw);
	}
	explicit_bzero(pw, sizeof(pw));
	explicit_bzero(again, sizeof(again));
	return rc == 0 ? EXIT_OK : cli_fail("user: %s", err);
}

/* sanctum user list [--json] */
int
users_list_cmd(struct cli *c, int argc, char **argv)
{
	json_t *arr;
	int json = argc == 2 && strcmp(argv[1], "--json") == 0, rc;

	if (argc > 2 || (argc == 2 && !json))
		return cli_usage(c, "user");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (!json)
		return accounts_user_list(c->db, print_user, NULL) == 0 ?
		    EXIT_OK : cli_fail("user: cannot read users");
	arr = json_array();
	rc = accounts_user_list(c->db, json_user, arr);
	if (rc == 0)
		cli_print_json(arr);
	json_decref(arr);
	return rc == 0 ? EXIT_OK : cli_fail("user: cannot read users");
}

/* sanctum user disable|enable NAME */
static int
set_disabled_cmd(struct cli *c, int argc, char **argv, int disabled)
{
	char err[ERR_MAX];
	int rc;

	if (argc != 2)
		return cli_usage(c, "user");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (users_set_disabled(c->gate, argv[1], disabled, err) != 0)
		return cli_fail("user: %s", err);
	cli_say(c, "%s %s\n", disabled ? "disabled" : "enabled", argv[1]);
	return EXIT_OK;
}

/* sanctum user disable NAME */
int
users_disable_cmd(struct cli *c, int argc, char **argv)
{
	return set_disabled_cmd(c, argc, argv, 1);
}

/* sanctum user enable NAME */
int
users_enable_cmd(struct cli *c, int argc, char **argv)
{
	return set_disabled_cmd(c, argc, argv, 0);
}

struct page_ctx {
	struct req *r;
	int64_t self;
};

/* One row of the people table, with a disable or enable button. */
static int
page_user(void *ctx, const struct user *u)
{
	struct page_ctx *p = ctx;
	struct req *r = p->r;
	char when[40];

	util_format_time(u->created_at, when, sizeof(when));
	html_printf(&r->out, "<tr><td>%s</td><td><span class=\"badge\">%s"
	    "</span></td><td>%s%s</td><td>%s</td><td>", u->name, u->role,
	    u->disabled ? "disabled" : "active", u->must_change ?
	    ", password change due" : "", when);
	if (u->id != p->self) {
		html_printf(&r->out, "<form class=\"inline\" method=\"post\" "
		    "action=\"/users/%s\">", u->disabled ? "enable" :
		    "disable");
		page_csrf_field(r);
		html_printf(&r->out, "<input type=\"hidden\" name=\"name\" "
		    "value=\"%s\"><button type=\"submit\" class=\"%s\">%s "
		    "%s</button></form>", u->name, u->disabled ? "secondary" :
		    "danger", u->disabled ? "Enable" : "Disable", u->name);
	}
	html_printf(&r->out, "</td></tr>\n");
	return 0;
}

/* GET /users */
void
users_page(struct req *r)
{
	struct page_ctx p = { r, r->user.id };

	page_begin(r, "People", "/users");
	html_printf(&r->out, "<h1>People</h1><p class=\"lede\">Who can log "
	    "in to this console, and with which role.</p>\n");
	page_notice(r);
	html_printf(&r->out, "<table class=\"list\"><caption>Accounts"
	    "</caption><thead><tr><th scope=\"col\">Name</th><th scope=\""
	    "col\">Role</th><th scope=\"col\">State</th><th scope=\"col\">"
	    "Since</th><th scope=\"col\"><span class=\"visually-hidden\">"
	    "Actions</span></th></tr></thead><tbody>\n");
	if (accounts_user_list(r->db, page_user, &p) != 0)
		html_printf(&r->out, "<tr><td colspan=\"5\">The accounts "
		    "could not be read.</td></tr>");
	html_printf(&r->out, "</tbody></table>\n<section class=\"panel\">"
	    "<h2>Add someone</h2><form class=\"stack\" method=\"post\" "
	    "action=\"/users\">");
	page_csrf_field(r);
	html_printf(&r->out, "<label for=\"name\">Name</label><input id=\""
	    "name\" name=\"name\" required maxlength=\"64\" pattern=\""
	    "[A-Za-z0-9][A-Za-z0-9._\\-]*\"><label for=\"role\">Role</label>"
	    "<select id=\"role\" name=\"role\"><option>supporter</option>"
	    "<option>moderator</option><option>admin</option><option>member"
	    "</option></select><p class=\"hint\" id=\"add-hint\">They get a "
	    "generated password, shown once here, and choose their own at "
	    "first login.</p><button type=\"submit\" aria-describedby=\""
	    "add-hint\">Add</button></form></section>\n");
	page_end(r);
}

/* POST /users: name, role.  Shows the generated password once. */
void
users_add_post(struct req *r)
{
	const char *name = req_form(r, "name"), *role = req_form(r, "role");
	char pw[PASSWORD_GEN_LEN + 1], err[ERR_MAX];
	int rc;

	if (name == NULL || role == NULL || role_parse(role) == ROLE_NONE) {
		req_redirect(r, "/users?error=invalid");
		return;
	}
	password_generate(pw);
	rc = users_add(r->gate, name, role_parse(role), pw, 1, err);
	if (rc != 0) {
		explicit_bzero(pw, sizeof(pw));
		if (rc == DB_EXISTS)
			req_redirect(r, "/users?error=exists");
		else if (rc == USERS_LOOKALIKE)
			req_redirect(r, "/users?error=lookalike");
		else if (rc == USERS_BADNAME)
			req_redirect(r, "/users?error=invalid");
		else
			req_fail(r, 500, "The account could not be saved.");
		return;
	}
	page_begin(r, "Person added", "/users");
	html_printf(&r->out, "<h1>Added %s</h1><div class=\"notice\" role=\""
	    "status\">Give %s this password in a private way. It is shown "
	    "only now, and they will choose their own at first login.</div>"
	    "<pre class=\"secret\" id=\"generated\">%s</pre><p><a href=\""
	    "/users\">Back to people</a></p>\n", name, name, pw);
	explicit_bzero(pw, sizeof(pw));
	page_end(r);
}

/* Shared body of the disable and enable forms. */
static void
set_disabled_post(struct req *r, int disabled)
{
	const char *name = req_form(r, "name");
	char err[ERR_MAX];
	int rc;

	if (name == NULL) {
		req_redirect(r, "/users?error=invalid");
		return;
	}
	rc = users_set_disabled(r->gate, name, disabled, err);
	if (rc == USERS_LAST_ADMIN)
		req_redirect(r, "/users?error=last-admin");
	else if (rc == USERS_NOTFOUND)
		req_redirect(r, "/users?error=invalid");
	else if (rc != 0)
		req_fail(r, 500, "The change could not be saved.");
	else
		req_redirect(r, disabled ? "/users?done=disabled" :
		    "/users?done=enabled");
}

/* POST /users/disable: name */
void
users_disable_post(struct req *r)
{
	set_disabled_post(r, 1);
}

/* POST /users/enable: name */
void
users_enable_post(struct req *r)
{
	set_disabled_post(r, 0);
}

/* GET /api/v1/users */
void
users_list_api(struct req *r)
{
	json_t *arr = json_array();

	if (accounts_user_list(r->db, json_user, arr) != 0) {
		json_decref(arr);
		req_fail(r, 500, "the accounts could not be read");
		return;
	}
	req_json(r, 200, json_pack("{s:o}", "users", arr));
}

/* POST /api/v1/users {"name", "role"}: answers with the generated
** password, once. */
void
users_add_api(struct req *r)
{
	const char *name = req_form(r, "name"), *role = req_form(r, "role");
	char pw[PASSWORD_GEN_LEN + 1], err[ERR_MAX];
	int rc;

	if (name == NULL || role == NULL || role_parse(role) == ROLE_NONE) {
		req_fail(r, 400, "name and role (admin, moderator, supporter, "
		    "member) are required");
		return;
	}
	password_generate(pw);
	rc = users_add(r->gate, name, role_parse(role), pw, 1, err);
	if (rc == 0)
		req_json(r, 201, json_pack("{s:s, s:s, s:s}", "name", name,
		    "role", role, "password", pw));
	else if (rc == DB_EXISTS)
		req_fail(r, 409, "that name is already taken");
	else if (rc == USERS_LOOKALIKE)
		req_fail(r, 409, "that name looks like one already in use");
	else if (rc == USERS_BADNAME)
		req_fail(r, 400, err);
	else
		req_fail(r, 500, "the account could not be saved");
	explicit_bzero(pw, sizeof(pw));
}

/* POST /api/v1/users/disable {"name"} */
void
users_disable_api(struct req *r)
{
	const char *name = req_form(r, "name");
	char err[ERR_MAX];
	int rc;

	if (name == NULL) {
		req_fail(r, 400, "name is required");
		return;
	}
	rc = users_set_disabled(r->gate, name, 1, err);
	if (rc == USERS_NOTFOUND)
		req_fail(r, 404, "no such user");
	else if (rc == USERS_LAST_ADMIN)
		req_fail(r, 409, "that would leave no admin who can log in");
	else if (rc != 0)
		req_fail(r, 500, "the change could not be saved");
	else
		req_json(r, 200, json_pack("{s:s, s:b}", "name", name,
		    "disabled", 1));
}
