/*
** test_routes_matrix.c: the authorisation matrix, generated from the
** route table.  Every route is tried with no session, an expired
** session, a revoked API token, and a session of each role below the one
** it declares, and must refuse: 401 (API) or a redirect to the login
** page (console) for the first three, 403 from the router for the rest.
** Every GET route is tried with each role that may use it and must not
** be refused by the router.  Refused requests never reach a handler, so
** the matrix changes nothing.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin/roles.h"
#include "admin/tokens.h"
#include "admin/users.h"
#include "app.h"
#include "core/gate.h"
#include "store/accounts.h"
#include "store/db.h"
#include "test.h"
#include "util/buf.h"
#include "util/util.h"
#include "web/routes.h"
#include "web/serve.h"
#include "web/server.h"
#include "web_client.h"

#define PW "a matrix password, long enough"
#define ROUTER_NO "Your role does not allow this."

static const char *const who[4] = { "mx-member", "mx-supporter",
    "mx-moderator", "mx-admin" };
static const enum role roles[4] = { ROLE_MEMBER, ROLE_SUPPORTER,
    ROLE_MODERATOR, ROLE_ADMIN };

/* pattern with every {name} part filled with 1 */
static void
fill(const char *pattern, char *out, size_t cap)
{
	size_t k = 0;

	while (*pattern && k + 2 < cap) {
		if (*pattern == '{') {
			while (*pattern && *pattern != '}')
				pattern++;
			if (*pattern)
				pattern++;
			out[k++] = '1';
		} else
			out[k++] = *pattern++;
	}
	out[k] = '\0';
}

static long
try(CURL *c, const char *base, const struct route *rt, const char *path,
    const char *token, struct buf *body, char *where, size_t cap)
{
	struct curl_slist *h = NULL;
	char hdr[160];
	const char *loc = NULL;
	long status;

	if (token) {
		snprintf(hdr, sizeof(hdr), "Authorization: Bearer %s", token);
		h = curl_slist_append(h, hdr);
	}
	status = ask(c, base, path, strcmp(rt->method, "POST") == 0 ? "" :
	    NULL, h, body);
	curl_slist_free_all(h);
	where[0] = '\0';
	if (curl_easy_getinfo(c, CURLINFO_REDIRECT_URL, &loc) == CURLE_OK &&
	    loc)
		snprintf(where, cap, "%s", loc);
	return status;
}

/* Is this the answer of a request that was not let in? */
static int
not_let_in(const char *path, long status, const char *where)
{
	if (strncmp(path, "/api/", 5) == 0)
		return status == 401;
	return status == 303 && strstr(where, "/login") != NULL;
}

void
test_routes_authorisation_matrix(void)
{
	struct app_opts o = { 0 };
	struct serve_config cfg;
	struct MHD_Daemon *d;
	struct app a;
	struct gate *g;
	struct buf body;
	const struct route *rt;
	CURL *c[4], *anon, *old;
	char path[512], listen[64], base[96], err[ERR_MAX], dead[API_TOKEN_LEN
	    + 1], where[512], p[256];
	int64_t tid, oid;
	int n, i, k, port, denied = 0, admitted = 0, bad = 0;
	long st;

	snprintf(path, sizeof(path), "%s/matrix.db", test_tmpdir());
	o.db_path = path;
	CHECK(app_create(&o, &a, err) == 0);
	g = test_gate(&a);
	gate_set_actor(g, 0, "test", ROLE_ADMIN);
	for (k = 0; k < 4; k++)
		CHECK(users_add(g, who[k], roles[k], PW, 0, err) == 0);
	CHECK(users_add(g, "mx-old", ROLE_ADMIN, PW, 0, err) == 0);
	CHECK(tokens_create(g, "mx-admin", "revoked", dead, &tid, err) == 0);
	CHECK(tokens_revoke(g, tid, err) == 0);

	port = free_port();
	snprintf(listen, sizeof(listen), "127.0.0.1:%d", port);
	snprintf(base, sizeof(base), "http://%s", listen);
	serve_defaults(&cfg);
	cfg.listen = listen;
	cfg.threads = 1;
	d = serve_start(&cfg, path, g, err);
	CHECK(d != NULL);
	buf_init(&body, (size_t)1 << 22);
	for (k = 0; k < 4; k++) {
		c[k] = curl_easy_init();
		curl_easy_setopt(c[k], CURLOPT_COOKIEFILE, "");
		CHECK(login(c[k], base, who[k], PW, &body));
	}
	anon = curl_easy_init();
	old = curl_easy_init();
	curl_easy_setopt(old, CURLOPT_COOKIEFILE, "");
	CHECK(login(old, base, "mx-old", PW, &body));
	/* mx-old's session was last seen long ago: expired */
	CHECK(accounts_user_id(a.db, "mx-old", &oid) == 1);
	test_gate_begin(g);
	{
		struct stmt q;
		CHECK(db_prepare(a.db, &q, "UPDATE sessions SET created_at = 1, "
		    "last_seen_at = 1 WHERE user_id = :u") == 0);
		db_bind_int(&q, ":u", oid);
		CHECK(db_step_done(&q) == 0);
	}
	test_gate_commit(g);

	rt = routes_table(&n);
	for (i = 0; d && i < n; i++) {
		if (rt[i].role == ROLE_NONE)
			continue;
		fill(rt[i].path, p, sizeof(p));
		/* nobody, an expired session, a revoked token */
		st = try(anon, base, &rt[i], p, NULL, &body, where,
		    sizeof(where));
		if (!not_let_in(p, st, where)) {
			fprintf(stderr, "#   %s %s with no session: %ld\n",
			    rt[i].method, p, st);
			bad++;
		}
		st = try(old, base, &rt[i], p, NULL, &body, where,
		    sizeof(where));
		if (!not_let_in(p, st, where)) {
			fprintf(stderr, "#   %s %s with an expired session: "
			    "%ld\n", rt[i].method, p, st);
			bad++;
		}
		st = try(anon, base, &rt[i], p, dead, &body, where,
		    sizeof(where));
		if (!not_let_in(p, st, where)) {
			fprintf(stderr, "#   %s %s with a revoked token: %ld\n",
			    rt[i].method, p, st);
			bad++;
		}
		denied += 3;
		for (k = 0; k < 4; k++) {
			if (roles[k] < rt[i].role) {
				/* below the route's role: the router says no */
				st = try(c[k], base, &rt[i], p, NULL, &body,
				    where, sizeof(where));
				if (st != 403 || body.data == NULL ||
				    strstr(body.data, ROUTER_NO) == NULL) {
					fprintf(stderr, "#   %s %s as %s: %ld\n",
					    rt[i].method, p, who[k], st);
					bad++;
				}
				denied++;
			} else if (strcmp(rt[i].method, "GET") == 0) {
				/* allowed: the router lets the GET through */
				st = try(c[k], base, &rt[i], p, NULL, &body,
				    where, sizeof(where));
				if (st == 401 || (st == 403 && body.data &&
				    strstr(body.data, ROUTER_NO)) || (st == 303 &&
				    strstr(where, "/login"))) {
					fprintf(stderr, "#   GET %s as %s: "
					    "%ld\n", p, who[k], st);
					bad++;
				}
				admitted++;
			}
		}
	}
	fprintf(stderr, "#   %d refusals and %d admissions tried\n", denied,
	    admitted);
	CHECK(bad == 0);
	CHECK(denied > 400 && admitted > 100);
	for (k = 0; k < 4; k++)
		curl_easy_cleanup(c[k]);
	curl_easy_cleanup(anon);
	curl_easy_cleanup(old);
	buf_free(&body);
	if (d)
		serve_finish(d);
	gate_free(g);
	app_close(&a);
}
