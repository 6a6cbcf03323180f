/*
** users.c: console accounts.  See users.h.
**
** A generated password is shown once and must be changed at first login.
** The last admin who can log in cannot be disabled.  Every change is in
** the audit trail, in the same transaction as the change.
*/
#include "users.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "../cli.h"
#include "../crypto/password.h"
#include "../store/accounts.h"
#include "../store/community.h"
#include "../store/db.h"
#include "../util/util.h"
#include "../web/html.h"
#include "../web/server.h"
#include "audit.h"

#define USERS_NOTFOUND (-4)
#define USERS_LAST_ADMIN (-5)

/* Add a user with password (already checked) and role.  A member's
** account name is their pseudonym: the member of that name is made with
** the account, or, when an import brought one in that no account has yet,
** joined to it.  Returns 0, or DB_EXISTS, or -1 with err filled. */
int
users_add(struct db *db, const struct keyring *kr, int64_t actor_id,
    const char *actor, const char *name, enum role role,
    const char *password, int must_change, char *err)
{
	char hash[PASSWORD_HASH_MAX];
	int64_t id;
	int rc, linked = 0;

	if (!util_valid_name(name, 64)) {
		err_set(err, "a name has 1 to 64 letters, digits, '.', '_' or "
		    "'-', and starts with a letter or digit");
		return -1;
	}
	if (role == ROLE_NONE) {
		err_set(err, "the role must be admin, moderator, supporter or "
		    "member");
		return -1;
	}
	if (password_hash(password, hash) != 0) {
		err_set(err, "out of memory hashing the password");
		return -1;
	}
	if (db_begin(db) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	rc = accounts_user_add(db, name, role_name(role), hash, must_change,
	    util_now(), &id);
	if (rc == 0 && role == ROLE_MEMBER)
		rc = community_member_for_user(db, name, id, util_now(),
		    &linked);
	if (rc == DB_EXISTS) {
		db_rollback(db);
		err_set(err, "%s already exists", name);
		return DB_EXISTS;
	}
	if (rc != 0 || audit_append(db, kr, actor_id, actor, "user.add", name,
	    linked ? "member, joined to the imported member" :
	    role_name(role)) != 0 || db_commit(db) != 0) {
		db_rollback(db);
		err_set(err, "cannot save the user: %s", db_error(db));
		return -1;
	}
	return 0;
}

/* Disable or enable the user called name; disabling ends their sessions
** and refuses to leave no admin.  Returns 0, USERS_NOTFOUND,
** USERS_LAST_ADMIN or -1, with err filled. */
int
users_set_disabled(struct db *db, const struct keyring *kr, int64_t actor_id,
    const char *actor, const char *name, int disabled, char *err)
{
	struct user u;
	int rc;

	if (db_begin(db) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	rc = accounts_user_by_name(db, name, &u);
	if (rc != 1) {
		db_rollback(db);
		err_set(err, "no user %s", name);
		return rc == 0 ? USERS_NOTFOUND : -1;
	}
	if (disabled && !u.disabled && strcmp(u.role, "admin") == 0 &&
	    accounts_active_admins(db) <= 1) {
		db_rollback(db);
		err_set(err, "%s is the last admin who can log in", name);
		return USERS_LAST_ADMIN;
	}
	if (accounts_user_set_disabled(db, u.id, disabled) != 0 ||
	    (disabled && accounts_sessions_end_user(db, u.id) != 0) ||
	    audit_append(db, kr, actor_id, actor, disabled ? "user.disable" :
	    "user.enable", u.name, "") != 0 || db_commit(db) != 0) {
		db_rollback(db);
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

struct add_args {
	const char *name;
	const char *role;
	int generate;
};

/* Parse `user add NAME --role ROLE [--generate]`.  Returns 0 or -1. */
static int
parse_add(int argc, char **argv, struct add_args *a)
{
	int i;

	memset(a, 0, sizeof(*a));
	for (i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--role") == 0 && i + 1 < argc)
			a->role = argv[++i];
		else if (strncmp(argv[i], "--role=", 7) == 0)
			a->role = argv[i] + 7;
		else if (strcmp(argv[i], "--generate") == 0)
			a->generate = 1;
		else if (argv[i][0] != '-' && a->name == NULL)
			a->name = argv[i];
		else
			return -1;
	}
	return a->name && a->role ? 0 : -1;
}

/* Add the user described by args, reading or generating the password. */
static int
cmd_add(struct app *a, const struct add_args *args)
{
	char pw[PASSWORD_MAX + 2], again[PASSWORD_MAX + 2], err[ERR_MAX];
	const char *weak;
	int rc;

	if (role_parse(args->role) == ROLE_NONE)
		return cli_fail("user: no role %s (admin, moderator, "
		    "supporter or member)", args->role);
	if (args->generate) {
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
	rc = users_add(a->db, a->kr, 0, audit_cli_actor(), args->name,
	    role_parse(args->role), pw, args->generate, err);
	if (rc == 0) {
		printf("added %s (%s)\n", args->name, args->role);
		if (args->generate)
			printf("password (shown once; it must be changed at "
			    "first login): %s\n", pw);
	}
	explicit_bzero(pw, sizeof(pw));
	explicit_bzero(again, sizeof(again));
	return rc == 0 ? EXIT_OK : cli_fail("user: %s", err);
}

/* sanctum user add|list|disable|enable ... */
int
users_cmd(struct cli *c, int argc, char **argv)
{
	struct add_args add;
	struct app a;
	char err[ERR_MAX];
	json_t *arr;
	int rc = EXIT_OK, json;

	if (argc < 2)
		return cli_usage(c, "user");
	if (strcmp(argv[1], "add") != 0 && strcmp(argv[1], "list") != 0 &&
	    strcmp(argv[1], "disable") != 0 && strcmp(argv[1], "enable") != 0)
		return cli_usage(c, "user");
	if (strcmp(argv[1], "list") != 0 && strcmp(argv[1], "add") != 0 &&
	    argc != 3)
		return cli_usage(c, "user");
	json = argc == 3 && strcmp(argv[1], "list") == 0 &&
	    strcmp(argv[2], "--json") == 0;
	if (strcmp(argv[1], "list") == 0 && argc > 2 && !json)
		return cli_usage(c, "user");
	if (strcmp(argv[1], "add") == 0 && parse_add(argc, argv, &add) != 0)
		return cli_usage(c, "user");
	if (app_open(&c->opts, &a, err) != 0)
		return cli_fail("%s", err);
	if (strcmp(argv[1], "add") == 0) {
		rc = cmd_add(&a, &add);
	} else if (strcmp(argv[1], "list") == 0) {
		if (json) {
			arr = json_array();
			if (accounts_user_list(a.db, json_user, arr) != 0)
				rc = cli_fail("user: cannot read users");
			json_dumpf(arr, stdout, JSON_INDENT(2));
			putchar('\n');
			json_decref(arr);
		} else if (accounts_user_list(a.db, print_user, NULL) != 0) {
			rc = cli_fail("user: cannot read users");
		}
	} else {
		if (users_set_disabled(a.db, a.kr, 0, audit_cli_actor(),
		    argv[2], strcmp(argv[1], "disable") == 0, err) != 0)
			rc = cli_fail("user: %s", err);
		else
			printf("%sd %s\n", argv[1], argv[2]);
	}
	app_close(&a);
	return rc;
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
	    "[A-Za-z0-9][A-Za-z0-9._-]*\"><label for=\"role\">Role</label>"
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

	if (name == NULL || role == NULL || role_parse(role) == ROLE_NONE ||
	    !util_valid_name(name, 64)) {
		req_redirect(r, "/users?error=invalid");
		return;
	}
	password_generate(pw);
	rc = users_add(r->db, r->kr, r->user.id, r->user.name, name,
	    role_parse(role), pw, 1, err);
	if (rc != 0) {
		explicit_bzero(pw, sizeof(pw));
		if (rc == DB_EXISTS)
			req_redirect(r, "/users?error=exists");
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
	rc = users_set_disabled(r->db, r->kr, r->user.id, r->user.name, name,
	    disabled, err);
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

	if (name == NULL || role == NULL || role_parse(role) == ROLE_NONE ||
	    !util_valid_name(name, 64)) {
		req_fail(r, 400, "name and role (admin, moderator, supporter, "
		    "member) are required");
		return;
	}
	password_generate(pw);
	rc = users_add(r->db, r->kr, r->user.id, r->user.name, name,
	    role_parse(role), pw, 1, err);
	if (rc == 0)
		req_json(r, 201, json_pack("{s:s, s:s, s:s}", "name", name,
		    "role", role, "password", pw));
	else if (rc == DB_EXISTS)
		req_fail(r, 409, "that name is already taken");
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
	rc = users_set_disabled(r->db, r->kr, r->user.id, r->user.name, name,
	    1, err);
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
