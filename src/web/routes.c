/*
** routes.c: every HTTP route sanctum serves, in one table, and the
** dispatcher that enforces what each route declares before its handler
** runs (Redis's processCommand is the model):
**   1. the path and method exist (404, 405),
**   2. who is asking: session cookie or API bearer token,
**   3. a login is there when the route needs one (redirect or 401),
**   4. the role is enough (403),
**   5. a due password change is done first (redirect or 403),
**   6. every request that is not GET or HEAD carries this session's CSRF
**      token (403), unless it came with a bearer token,
**   7. a route that reads sealed content is written to the audit trail.
** A handler therefore cannot forget a check.
*/
#include "routes.h"

#include <string.h>

#include "../admin/audit.h"
#include "../admin/tokens.h"
#include "../admin/users.h"
#include "../crypto/token.h"
#include "../detect/console.h"
#include "../store/db.h"
#include "dashboard.h"
#include "session.h"
#include "static.h"

static const struct route routes[] = {
	/* method, path, least role, flags, handler */
	{ "GET", "/healthz", ROLE_NONE, R_GATE_OK, static_health, NULL },
	{ "GET", "/static/console.css", ROLE_NONE, R_GATE_OK, static_asset,
	    NULL },
	{ "GET", "/login", ROLE_NONE, R_GATE_OK, session_login_page, NULL },
	{ "POST", "/login", ROLE_NONE, R_GATE_OK | R_OWN_CSRF,
	    session_login_post, NULL },
	{ "POST", "/logout", ROLE_MEMBER, R_GATE_OK, session_logout, NULL },
	{ "GET", "/account/password", ROLE_MEMBER, R_GATE_OK,
	    session_password_page, NULL },
	{ "POST", "/account/password", ROLE_MEMBER, R_GATE_OK,
	    session_password_post, NULL },
	{ "GET", "/", ROLE_MEMBER, 0, dashboard_page, NULL },
	{ "GET", "/users", ROLE_ADMIN, 0, users_page, NULL },
	{ "POST", "/users", ROLE_ADMIN, 0, users_add_post, NULL },
	{ "POST", "/users/disable", ROLE_ADMIN, 0, users_disable_post, NULL },
	{ "POST", "/users/enable", ROLE_ADMIN, 0, users_enable_post, NULL },
	{ "GET", "/tokens", ROLE_ADMIN, 0, tokens_page, NULL },
	{ "POST", "/tokens", ROLE_ADMIN, 0, tokens_create_post, NULL },
	{ "POST", "/tokens/revoke", ROLE_ADMIN, 0, tokens_revoke_post, NULL },
	{ "GET", "/audit", ROLE_ADMIN, 0, audit_page, NULL },
	{ "GET", "/scan", ROLE_MODERATOR, 0, detect_scan_page, NULL },
	{ "POST", "/scan", ROLE_MODERATOR, R_SEALED, detect_scan_post,
	    "scan.show-matches" },
	{ "POST", "/incidents", ROLE_MODERATOR, 0, detect_incident_post, NULL },

	{ "GET", "/api/v1/me", ROLE_MEMBER, R_GATE_OK, session_me_api, NULL },
	{ "GET", "/api/v1/stats", ROLE_SUPPORTER, 0, dashboard_api, NULL },
	{ "GET", "/api/v1/users", ROLE_ADMIN, 0, users_list_api, NULL },
	{ "POST", "/api/v1/users", ROLE_ADMIN, 0, users_add_api, NULL },
	{ "POST", "/api/v1/users/disable", ROLE_ADMIN, 0, users_disable_api,
	    NULL },
	{ "GET", "/api/v1/tokens", ROLE_ADMIN, 0, tokens_list_api, NULL },
	{ "POST", "/api/v1/tokens/revoke", ROLE_ADMIN, 0, tokens_revoke_api,
	    NULL },
	{ "GET", "/api/v1/audit", ROLE_ADMIN, 0, audit_list_api, NULL },
	{ "GET", "/api/v1/audit/verify", ROLE_ADMIN, 0, audit_verify_api,
	    NULL },
	{ "POST", "/api/v1/scan", ROLE_MODERATOR, 0, detect_scan_api, NULL },
};

/* The table, for the tests and `sanctum routes`. */
const struct route *
routes_table(int *n)
{
	*n = (int)(sizeof(routes) / sizeof(routes[0]));
	return routes;
}

/* Send someone who is not logged in to the login page, or answer 401. */
static void
need_login(struct req *r)
{
	if (r->is_api)
		req_fail(r, 401, "authentication required");
	else
		req_redirect(r, "/login");
}

/* Dispatch r to its route's handler after every check the route
** declares. */
void
routes_dispatch(struct req *r)
{
	const struct route *rt = NULL;
	const char *given;
	int i, path_found = 0, is_get;
	size_t n = sizeof(routes) / sizeof(routes[0]);

	is_get = strcmp(r->method, "GET") == 0 ||
	    strcmp(r->method, "HEAD") == 0;
	for (i = 0; i < (int)n; i++) {
		if (strcmp(routes[i].path, r->path) != 0)
			continue;
		path_found = 1;
		if (strcmp(routes[i].method, r->method) == 0 ||
		    (strcmp(r->method, "HEAD") == 0 &&
		    strcmp(routes[i].method, "GET") == 0)) {
			rt = &routes[i];
			break;
		}
	}
	if (rt == NULL) {
		req_fail(r, path_found ? 405 : 404, path_found ?
		    "That method is not allowed here." :
		    "There is no such page.");
		return;
	}
	session_authenticate(r);
	if (rt->role != ROLE_NONE) {
		if (r->user.id == 0) {
			need_login(r);
			return;
		}
		if (role_parse(r->user.role) < rt->role) {
			req_fail(r, 403, "Your role does not allow this.");
			return;
		}
	}
	if (r->user.id && r->user.must_change && !(rt->flags & R_GATE_OK)) {
		if (r->is_api)
			req_fail(r, 403, "a password change is required first");
		else
			req_redirect(r, "/account/password");
		return;
	}
	if (!is_get && !r->via_token && !(rt->flags & R_OWN_CSRF)) {
		given = req_form(r, "csrf");
		if (given == NULL)
			given = req_header(r, "X-CSRF-Token");
		if (r->user.id == 0 || given == NULL ||
		    !token_equal(given, r->csrf)) {
			req_fail(r, 403, "The form was stale or not sent by "
			    "this console; please reload and try again.");
			return;
		}
	}
	if (rt->flags & R_SEALED) {
		if (db_begin(r->db) != 0 || audit_append(r->db, r->kr,
		    r->user.id, r->user.name, rt->audit_as, r->path, "") != 0
		    || db_commit(r->db) != 0) {
			db_rollback(r->db);
			req_fail(r, 500, "The audit trail could not be "
			    "written, so nothing was shown.");
			return;
		}
	}
	rt->handler(r);
}
