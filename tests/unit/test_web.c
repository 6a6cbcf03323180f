/*
** test_web.c: the route table's promises, and login throttling.
*/
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "core/gate.h"
#include "test.h"
#include "util/util.h"
#include "web/routes.h"
#include "web/session.h"

void
test_routes_table(void)
{
	const struct route *rt = routes_table(&(int){0});
	int n, i, k;

	routes_table(&n);
	CHECK(n > 10);
	for (i = 0; i < n; i++) {
		CHECK(rt[i].handler != NULL);
		CHECK(rt[i].path[0] == '/');
		/* what writes or opens sealed values is never a GET */
		CHECK(!(rt[i].flags & (R_WRITES | R_SEALED)) ||
		    strcmp(rt[i].method, "POST") == 0);
		/* only the login form checks its own CSRF token */
		CHECK(!(rt[i].flags & R_OWN_CSRF) ||
		    strcmp(rt[i].path, "/login") == 0);
		/* the admin areas are for admins */
		if (strncmp(rt[i].path, "/users", 6) == 0 ||
		    strncmp(rt[i].path, "/tokens", 7) == 0 ||
		    strncmp(rt[i].path, "/audit", 6) == 0 ||
		    strncmp(rt[i].path, "/api/v1/users", 13) == 0 ||
		    strncmp(rt[i].path, "/api/v1/tokens", 14) == 0 ||
		    strncmp(rt[i].path, "/api/v1/audit", 13) == 0)
			CHECK(rt[i].role == ROLE_ADMIN);
		/* public routes are few and named */
		if (rt[i].role == ROLE_NONE)
			CHECK(strcmp(rt[i].path, "/login") == 0 ||
			    strcmp(rt[i].path, "/healthz") == 0 ||
			    strncmp(rt[i].path, "/static/", 8) == 0);
		for (k = 0; k < i; k++)
			CHECK(strcmp(rt[i].path, rt[k].path) != 0 ||
			    strcmp(rt[i].method, rt[k].method) != 0);
	}
}

void
test_session_throttle(void)
{
	struct app_opts o = { 0 };
	char db[512], err[ERR_MAX];
	struct app a;
	struct gate *g;
	int64_t wait = 0;
	int i;

	snprintf(db, sizeof(db), "%s/t.db", test_tmpdir());
	o.db_path = db;
	CHECK(app_create(&o, &a, err) == 0);
	g = test_gate(&a);
	for (i = 1; i < THROTTLE_USER_MAX; i++) {
		CHECK(session_throttle_fail(g, "user", "river",
		    THROTTLE_USER_MAX, 1000) == 0);
		CHECK(!session_throttled(g, "user", "river", 1000,
		    &wait));
	}
	CHECK(session_throttle_fail(g, "user", "river",
	    THROTTLE_USER_MAX, 1000) == 1);
	CHECK(session_throttled(g, "user", "river", 1001, &wait));
	CHECK(wait == THROTTLE_WINDOW - 1);
	CHECK(!session_throttled(g, "user", "stone", 1001, &wait));
	/* the lock ends with the window */
	CHECK(!session_throttled(g, "user", "river",
	    1000 + THROTTLE_WINDOW + 1, &wait));
	gate_free(g);
	app_close(&a);
}
