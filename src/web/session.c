/*
** session.c: who is asking, logging in and out, changing passwords.
** See session.h.
**
** A session is a random token in an HttpOnly, SameSite=Strict cookie; the
** database keeps only its keyed hash.  A session ends after idle_timeout
** without requests or session_lifetime after login, whichever is first.
** The CSRF token is a keyed hash of the session token.  Before login, the
** login form is protected the same way by a short-lived random cookie.
*/
#include "session.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "../core/gate.h"
#include "../core/throttle.h"
#include "../crypto/password.h"
#include "../crypto/token.h"
#include "../prevention/pseudonym.h"
#include "../store/accounts.h"
#include "../store/db.h"
#include "../util/log.h"
#include "../util/util.h"
#include "html.h"

/* Is s shaped like one of our tokens (43 base64url characters)? */
static int
token_shaped(const char *s)
{
	size_t i;

	if (s == NULL || strlen(s) != TOKEN_LEN)
		return 0;
	for (i = 0; i < TOKEN_LEN; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '_'))
			return 0;
	}
	return 1;
}

/* Authenticate by an "Authorization: Bearer" token (API paths only). */
static void
auth_bearer(struct req *r, const char *h)
{
	uint8_t hash[TOKEN_HASH_BYTES];
	int64_t tid;
	const char *tok;

	if (strncmp(h, "Bearer ", 7) != 0)
		return;
	tok = h + 7;
	if (strncmp(tok, "snt_", 4) != 0 || !token_shaped(tok + 4))
		return;
	gate_token_hash(r->gate, tok, hash);
	if (accounts_token_find(r->db, hash, sizeof(hash), &tid, &r->user)
	    != 1 || r->user.disabled) {
		memset(&r->user, 0, sizeof(r->user));
		return;
	}
	r->via_token = 1;
	accounts_token_used(r->db, tid, util_now());
}

/* Fill r->user from the session cookie or bearer token, if valid. */
void
session_authenticate(struct req *r)
{
	struct session_row s;
	uint8_t hash[TOKEN_HASH_BYTES];
	const char *tok, *auth;
	int64_t now = util_now(), touch;

	memset(&r->user, 0, sizeof(r->user));
	auth = req_header(r, "Authorization");
	if (auth && r->is_api) {
		auth_bearer(r, auth);
		return;
	}
	tok = req_cookie(r, SESSION_COOKIE);
	if (!token_shaped(tok))
		return;
	gate_token_hash(r->gate, tok, hash);
	if (accounts_session_find(r->db, hash, sizeof(hash), &s) != 1)
		return;
	if (s.user.disabled || now - s.last_seen_at > r->cfg->idle_timeout ||
	    now - s.created_at > r->cfg->session_lifetime) {
		accounts_session_delete(r->db, s.id);
		return;
	}
	touch = r->cfg->idle_timeout / 4 < 60 ? r->cfg->idle_timeout / 4 : 60;
	if (now - s.last_seen_at >= touch)
		accounts_session_touch(r->db, s.id, now);
	r->user = s.user;
	r->session_id = s.id;
	gate_csrf(r->gate, tok, r->csrf);
}

/* A CSRF token for a form shown to someone not logged in (the login
** form, an application): tied to a fresh pre-login cookie, which this
** sets.  The form's POST checks it with session_form_token_ok. */
void
session_form_token(struct req *r, char csrf[TOKEN_LEN + 1])
{
	char pre[TOKEN_LEN + 1];

	token_new(pre);
	gate_csrf(r->gate, pre, csrf);
	req_set_cookie(r, LOGIN_COOKIE, pre, 1800);
	explicit_bzero(pre, sizeof(pre));
}

/* Did the form come with the token its pre-login cookie asks for?
** Returns 1 or 0. */
int
session_form_token_ok(struct req *r)
{
	const char *given = req_form(r, "csrf"), *pre = req_cookie(r,
	    LOGIN_COOKIE);
	char want[TOKEN_LEN + 1];

	if (!token_shaped(pre) || given == NULL)
		return 0;
	gate_csrf(r->gate, pre, want);
	return token_equal(given, want);
}

/* Write the login form with a fresh pre-login CSRF cookie; message is a
** fixed text of ours or NULL. */
static void
login_form(struct req *r, unsigned status, const char *message,
    const char *name)
{
	char csrf[TOKEN_LEN + 1];

	session_form_token(r, csrf);
	r->status = status;
	memset(&r->user, 0, sizeof(r->user));
	page_begin(r, "Log in", NULL);
	html_printf(&r->out, "<h1>sanctum</h1><p class=\"lede\">A quiet place "
	    "to look after your community.</p>\n");
	if (message)
		html_printf(&r->out, "<div class=\"notice error\" role=\"alert\""
		    ">%s</div>\n", message);
	html_printf(&r->out, "<form class=\"stack\" method=\"post\" action=\""
	    "/login\"><input type=\"hidden\" name=\"csrf\" value=\"%s\">"
	    "<label for=\"name\">Name</label><input id=\"name\" name=\"name\" "
	    "autocomplete=\"username\" required value=\"%s\" autofocus>"
	    "<label for=\"password\">Password</label><input id=\"password\" "
	    "name=\"password\" type=\"password\" autocomplete=\""
	    "current-password\" required><button type=\"submit\">Log in"
	    "</button></form>\n", csrf, name ? name : "");
	page_end(r);
}

/* GET /login */
void
session_login_page(struct req *r)
{
	if (r->user.id) {
		req_redirect(r, "/");
		return;
	}
	login_form(r, 200, NULL, NULL);
}

/* Start a session for u: cookie, row, audit.  Returns 0 or -1. */
static int
session_start(struct req *r, const struct user *u, const char *why)
{
	char tok[TOKEN_LEN + 1];
	uint8_t hash[TOKEN_HASH_BYTES];
	int64_t now = util_now();
	int rc = -1;

	token_new(tok);
	gate_token_hash(r->gate, tok, hash);
	/* a member's login is recorded nowhere but in the session itself:
	** nobody tracks when members come and go */
	gate_set_actor(r->gate, u->id, u->name, role_parse(u->role));
	if (gate_begin(r->gate) != 0)
		return -1;
	if (accounts_session_add(r->db, hash, sizeof(hash), u->id, now) != 0)
		goto cleanup;
	if (role_parse(u->role) >= ROLE_SUPPORTER && why &&
	    gate_audit(r->gate, why, "", "") != 0)
		goto cleanup;
	if (gate_commit(r->gate) != 0)
		goto cleanup;
	req_set_cookie(r, SESSION_COOKIE, tok, r->cfg->session_lifetime);
	rc = 0;
cleanup:
	if (rc != 0)
		gate_rollback(r->gate);
	explicit_bzero(tok, sizeof(tok));
	return rc;
}

/* The throttle key of a typed account name: lower-cased, since names
** compare without case and "Alice" must not get five tries of its own. */
static void
canonical_name(const char *name, char *out, size_t n)
{
	size_t i;

	for (i = 0; name[i] && i + 1 < n; i++)
		out[i] = (name[i] >= 'A' && name[i] <= 'Z') ?
		    (char)(name[i] - 'A' + 'a') : name[i];
	out[i] = '\0';
}

/* POST /login: name, password, csrf (tied to the pre-login cookie). */
void
session_login_post(struct req *r)
{
	const char *name = req_form(r, "name"), *pw = req_form(r, "password");
	char who[72], nfc[PSEUDONYM_MAX + 1];
	struct user u;
	int64_t now = util_now(), wait = 0;
	int found, ok;

	if (!session_form_token_ok(r)) {
		login_form(r, 403, "That login form had expired; please try "
		    "again.", NULL);
		return;
	}
	if (name == NULL || pw == NULL || name[0] == '\0' ||
	    strlen(name) > 64 || strlen(pw) > PASSWORD_MAX) {
		login_form(r, 400, "Please give your name and password.",
		    NULL);
		return;
	}
	canonical_name(name, who, sizeof(who));
	if (throttle_locked(r->gate, "user", who, now, &wait) ||
	    throttle_locked(r->gate, "addr", r->addr, now, &wait)) {
		log_msg(LOG_WARN, "login: throttled");
		r->retry_after = wait;
		login_form(r, 429, "Too many attempts. Please wait a few "
		    "minutes and try again.", name);
		return;
	}
	/* names are kept composed (NFC): so is the one typed */
	found = accounts_user_by_name(r->db, pseudonym_normalize(name, nfc,
	    sizeof(nfc)) == 0 ? nfc : name, &u) == 1;
	if (found)
		ok = password_verify(u.pw_hash, pw) && !u.disabled;
	else {
		password_burn_time(pw);
		ok = 0;
	}
	if (!ok) {
		throttle_count(r->gate, "user", who,
		    THROTTLE_USER_MAX, now);
		throttle_count(r->gate, "addr", r->addr,
		    THROTTLE_ADDR_MAX, now);
		log_msg(LOG_INFO, "login: failed");
		login_form(r, 401, "That name and password do not match an "
		    "account that can log in.", name);
		return;
	}
	throttle_clear(r->gate, "user", who);
	if (session_start(r, &u, "login") != 0) {
		req_fail(r, 500, "The session could not be saved.");
		return;
	}
	req_set_cookie(r, LOGIN_COOKIE, "", 0);
	log_msg(LOG_INFO, "login: user %lld", (long long)u.id);
	req_redirect(r, u.must_change ? "/account/password" : "/");
}

/* POST /logout */
void
session_logout(struct req *r)
{
	accounts_session_delete(r->db, r->session_id);
	req_set_cookie(r, SESSION_COOKIE, "", 0);
	req_redirect(r, "/login");
}

/* GET /account/password */
void
session_password_page(struct req *r)
{
	page_begin(r, "Password", "/account/password");
	html_printf(&r->out, "<h1>Your password</h1>\n");
	if (r->user.must_change)
		html_printf(&r->out, "<p class=\"lede\">You were given a "
		    "generated password. Please choose your own before going "
		    "on.</p>\n");
	page_notice(r);
	html_printf(&r->out, "<section class=\"panel\"><form class=\"stack\" "
	    "method=\"post\" action=\"/account/password\">");
	page_csrf_field(r);
	html_printf(&r->out, "<label for=\"current\">Current password</label>"
	    "<input id=\"current\" name=\"current\" type=\"password\" "
	    "autocomplete=\"current-password\" required>"
	    "<label for=\"new\">New password</label><input id=\"new\" "
	    "name=\"new\" type=\"password\" autocomplete=\"new-password\" "
	    "minlength=\"10\" required aria-describedby=\"new-hint\"><p "
	    "class=\"hint\" id=\"new-hint\">At least 10 "
	    "characters. A few unrelated words make a good one.</p>"
	    "<label for=\"confirm\">New password again</label><input id=\""
	    "confirm\" name=\"confirm\" type=\"password\" autocomplete=\""
	    "new-password\" required><button type=\"submit\">Change password"
	    "</button></form></section>\n");
	page_end(r);
}

/* POST /account/password: current, new, confirm. */
void
session_password_post(struct req *r)
{
	const char *cur = req_form(r, "current"), *pw = req_form(r, "new");
	const char *again = req_form(r, "confirm");
	char hash[PASSWORD_HASH_MAX], who[72];
	int64_t now = util_now(), wait = 0;

	if (cur == NULL || pw == NULL || again == NULL) {
		req_redirect(r, "/account/password?error=invalid");
		return;
	}
	canonical_name(r->user.name, who, sizeof(who));
	if (throttle_locked(r->gate, "user", who, now, &wait)) {
		r->retry_after = wait;
		req_fail(r, 429, "Too many attempts. Please wait a few minutes "
		    "and try again.");
		return;
	}
	if (!password_verify(r->user.pw_hash, cur)) {
		/* a stolen session must not be a way to guess the password */
		throttle_count(r->gate, "user", who,
		    THROTTLE_USER_MAX, now);
		req_redirect(r, "/account/password?error=wrong");
		return;
	}
	if (strcmp(pw, again) != 0) {
		req_redirect(r, "/account/password?error=mismatch");
		return;
	}
	if (password_weakness(pw)) {
		req_redirect(r, "/account/password?error=weak");
		return;
	}
	if (password_hash(pw, hash) != 0) {
		req_fail(r, 500, "Out of memory.");
		return;
	}
	if (gate_begin(r->gate) != 0 ||
	    accounts_user_set_password(r->db, r->user.id, hash, 0, now) != 0 ||
	    accounts_sessions_end_user(r->db, r->user.id) != 0 ||
	    gate_audit(r->gate, "password.change", r->user.name, "") != 0 ||
	    gate_commit(r->gate) != 0) {
		gate_rollback(r->gate);
		req_fail(r, 500, "The password could not be saved.");
		return;
	}
	r->user.must_change = 0;
	if (session_start(r, &r->user, NULL) != 0) {
		req_redirect(r, "/login");
		return;
	}
	req_redirect(r, "/account/password?done=password");
}

/* GET /api/v1/me */
void
session_me_api(struct req *r)
{
	req_json(r, 200, json_pack("{s:I, s:s, s:s, s:b, s:b}", "id",
	    (json_int_t)r->user.id, "name", r->user.name, "role", r->user.role,
	    "must_change_password", r->user.must_change, "via_token",
	    r->via_token));
}
