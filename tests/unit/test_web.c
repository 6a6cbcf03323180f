/*
** test_web.c: the route table's promises, login throttling, and a login
** that takes as long for an unknown name as for a wrong password.
*/
#include <stdio.h>
#include <string.h>

#include "admin/users.h"
#include "app.h"
#include "core/gate.h"
#include "crypto/password.h"
#include "test.h"
#include "util/buf.h"
#include "util/util.h"
#include "web/html.h"
#include "web/routes.h"
#include "web/serve.h"
#include "web/server.h"
#include "web/session.h"
#include "web_client.h"

void
test_routes_table(void)
{
	/* each redirect names one notice */
	CHECK(page_notice_dups() == 0);
	const struct route *rt = routes_table(&(int){0});
	int n, i, k;

	routes_table(&n);
	CHECK(n > 10);
	for (i = 0; i < n; i++) {
		CHECK(rt[i].handler != NULL);
		CHECK(rt[i].path[0] == '/');
		/* a handler runs its own transaction only for a write or
		** for opening sealed values */
		CHECK(!(rt[i].flags & R_OWN_TXN) ||
		    (rt[i].flags & (R_WRITES | R_SEALED)));
		/* what writes or opens sealed values is never a GET */
		CHECK(!(rt[i].flags & (R_WRITES | R_SEALED)) ||
		    strcmp(rt[i].method, "POST") == 0);
		/* only the forms shown to people not logged in (the login,
		** an application, its status, activation, a report of a leak
		** and its status) check their own CSRF token */
		CHECK(!(rt[i].flags & R_OWN_CSRF) || (rt[i].role == ROLE_NONE &&
		    (strcmp(rt[i].path, "/login") == 0 ||
		    strncmp(rt[i].path, "/apply", 6) == 0 ||
		    strncmp(rt[i].path, "/report", 7) == 0 ||
		    strcmp(rt[i].path, "/activate") == 0)));
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
			    strncmp(rt[i].path, "/static/", 8) == 0 ||
			    strcmp(rt[i].path, "/apply") == 0 ||
			    strcmp(rt[i].path, "/apply/status") == 0 ||
			    strcmp(rt[i].path, "/report") == 0 ||
			    strcmp(rt[i].path, "/report/status") == 0 ||
			    (strcmp(rt[i].path, "/changes") == 0 &&
			    strcmp(rt[i].method, "GET") == 0) ||
			    strcmp(rt[i].path, "/activate") == 0);
		for (k = 0; k < i; k++)
			CHECK(strcmp(rt[i].path, rt[k].path) != 0 ||
			    strcmp(rt[i].method, rt[k].method) != 0);
	}
}

/* Route patterns: a {name} part is a number from 1 up, checked and kept
** before any handler runs. */
void
test_routes_patterns(void)
{
	struct req r;

	memset(&r, 0, sizeof(r));
	CHECK(routes_match("/tokens/{id}/revoke", "/tokens/42/revoke", &r));
	CHECK(req_param(&r, "id") == 42 && req_param(&r, "other") == 0);
	CHECK(routes_match("/a/{x}/b/{y}", "/a/7/b/900000000000000000", &r));
	CHECK(req_param(&r, "x") == 7 && req_param(&r, "y") ==
	    900000000000000000LL);
	CHECK(!routes_match("/tokens/{id}/revoke", "/tokens/0/revoke", NULL));
	CHECK(!routes_match("/tokens/{id}/revoke", "/tokens/07/revoke", NULL));
	CHECK(!routes_match("/tokens/{id}/revoke", "/tokens/-1/revoke", NULL));
	CHECK(!routes_match("/tokens/{id}/revoke", "/tokens/1x/revoke", NULL));
	CHECK(!routes_match("/tokens/{id}/revoke", "/tokens//revoke", NULL));
	CHECK(!routes_match("/tokens/{id}/revoke",
	    "/tokens/1000000000000000000/revoke", NULL));
	CHECK(!routes_match("/tokens/{id}/revoke", "/tokens/1/revoke/", NULL));
	CHECK(!routes_match("/tokens/{id}/revoke", "/tokens/1", NULL));
	CHECK(routes_match("/users", "/users", NULL));
	CHECK(!routes_match("/users", "/users/", NULL));
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
		CHECK(throttle_count(g, "user", "river",
		    THROTTLE_USER_MAX, 1000) == 0);
		CHECK(!throttle_locked(g, "user", "river", 1000,
		    &wait));
	}
	CHECK(throttle_count(g, "user", "river",
	    THROTTLE_USER_MAX, 1000) == 1);
	CHECK(throttle_locked(g, "user", "river", 1001, &wait));
	CHECK(wait == THROTTLE_WINDOW - 1);
	CHECK(!throttle_locked(g, "user", "stone", 1001, &wait));
	/* the lock ends with the window */
	CHECK(!throttle_locked(g, "user", "river",
	    1000 + THROTTLE_WINDOW + 1, &wait));
	gate_free(g);
	app_close(&a);
}

/* A page that outgrows its buffer is answered with a 500, not sent cut
** short with a 200. */
void
test_web_overflow_is_500(void)
{
	struct serve_config cfg;
	struct req r;
	char big[5000];

	memset(&r, 0, sizeof(r));
	serve_defaults(&cfg);
	r.cfg = &cfg;
	buf_init(&r.out, 4096);
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	html_printf(&r.out, "<p>%s</p>", big);
	CHECK(r.out.failed);
	req_overflowed(&r);
	CHECK(r.status == 500);
	CHECK(!r.out.failed && strstr(r.out.data, "too large") != NULL);
	buf_free(&r.out);
}

/* One login attempt as name with pw on a fresh pre-login cookie.
** Returns the HTTP status. */
static long
try_login(CURL *c, const char *base, const char *name, const char *pw,
    struct buf *body)
{
	char csrf[64], form[256];

	curl_easy_setopt(c, CURLOPT_COOKIELIST, "ALL");
	if (ask(c, base, "/login", NULL, NULL, body) != 200)
		return 0;
	csrf_in(body->data, csrf, sizeof(csrf));
	snprintf(form, sizeof(form), "name=%s&password=%s&csrf=%s", name, pw,
	    csrf);
	return ask(c, base, "/login", form, NULL, body);
}

/* Timing must not tell which names have an account: a login to an
** unknown name verifies one password hash, as a wrong password, a
** disabled account and a right one do.  (How long each takes, measured,
** is in bench/timing/run.) */
void
test_login_unknown_name_verifies(void)
{
	static const struct {
		const char *name, *pw;
		long status;
	} cases[] = {
		{ "tw-river", "not+the+password", 401 },
		{ "tw-nobody", "not+the+password", 401 },
		{ "TW-NOBODY-ELSE", "a+timing+password", 401 },
		{ "tw-stone", "a+timing+password", 401 },	/* disabled */
		{ "tw-river", "a+timing+password", 303 },
	};
	struct app_opts o = { 0 };
	struct serve_config cfg;
	struct MHD_Daemon *d;
	struct app a;
	struct gate *g;
	struct buf body;
	char path[512], listen[64], base[96], err[ERR_MAX];
	unsigned long before;
	size_t i;
	CURL *c;

	snprintf(path, sizeof(path), "%s/timing.db", test_tmpdir());
	o.db_path = path;
	CHECK(app_create(&o, &a, err) == 0);
	g = test_gate(&a);
	gate_set_actor(g, 0, "test", ROLE_ADMIN);
	CHECK(users_add(g, "tw-river", ROLE_MODERATOR, "a timing password",
	    0, err) == 0);
	CHECK(users_add(g, "tw-stone", ROLE_MODERATOR, "a timing password",
	    0, err) == 0);
	CHECK(users_set_disabled(g, "tw-stone", 1, err) == 0);
	snprintf(listen, sizeof(listen), "127.0.0.1:%d", free_port());
	snprintf(base, sizeof(base), "http://%s", listen);
	serve_defaults(&cfg);
	cfg.listen = listen;
	cfg.threads = 1;
	d = serve_start(&cfg, path, g, err);
	CHECK(d != NULL);
	buf_init(&body, (size_t)1 << 20);
	c = curl_easy_init();
	curl_easy_setopt(c, CURLOPT_COOKIEFILE, "");
	for (i = 0; d && i < sizeof(cases) / sizeof(cases[0]); i++) {
		before = password_verify_count();
		CHECK(try_login(c, base, cases[i].name, cases[i].pw, &body) ==
		    cases[i].status);
		CHECK(password_verify_count() == before + 1);
	}
	curl_easy_cleanup(c);
	buf_free(&body);
	if (d)
		serve_finish(d);
	gate_free(g);
	app_close(&a);
}
