/*
** tokens.c: API bearer tokens.  See tokens.h.
*/
#include "tokens.h"

#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "../cli.h"
#include "../core/gate.h"
#include "../store/accounts.h"
#include "../store/db.h"
#include "../util/util.h"
#include "../web/html.h"
#include "../web/server.h"

/* Create a token for user labelled label, in one part of the caller's
** transaction.  Returns 0 with the token in out and its id in *id, or -1
** with err filled (and nothing kept). */
int
tokens_create(struct gate *g, const char *user, const char *label,
    char out[API_TOKEN_LEN + 1], int64_t *id, char *err)
{
	struct db *db = gate_db(g);
	struct user u;
	uint8_t hash[TOKEN_HASH_BYTES];
	char idtext[24];

	if (label == NULL || label[0] == '\0' || strlen(label) > 64 ||
	    !util_valid_name(label, 64)) {
		err_set(err, "a label has 1 to 64 letters, digits, '.', '_' "
		    "or '-'");
		return -1;
	}
	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	if (accounts_user_by_name(db, user, &u) != 1 || u.disabled) {
		gate_rollback(g);
		err_set(err, "no active user %s", user);
		return -1;
	}
	memcpy(out, "snt_", 4);
	token_new(out + 4);
	gate_token_hash(g, out, hash);
	if (accounts_token_add(db, u.id, label, hash, sizeof(hash),
	    util_now(), id) != 0)
		goto fail;
	snprintf(idtext, sizeof(idtext), "token %lld", (long long)*id);
	if (gate_audit(g, "token.create", idtext, u.name) != 0 ||
	    gate_commit(g) != 0)
		goto fail;
	return 0;
fail:
	gate_rollback(g);
	explicit_bzero(out, API_TOKEN_LEN + 1);
	err_set(err, "cannot save the token: %s", db_error(db));
	return -1;
}

/* Revoke token id, in one part of the caller's transaction.  Returns 0,
** 1 when there was no such valid token, or -1 with err filled. */
int
tokens_revoke(struct gate *g, int64_t id, char *err)
{
	struct db *db = gate_db(g);
	char idtext[24];
	int rc;

	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	rc = accounts_token_revoke(db, id, util_now());
	if (rc == 0) {
		gate_rollback(g);
		err_set(err, "no valid token %lld", (long long)id);
		return 1;
	}
	snprintf(idtext, sizeof(idtext), "token %lld", (long long)id);
	if (rc < 0 || gate_audit(g, "token.revoke", idtext, "") != 0 ||
	    gate_commit(g) != 0) {
		gate_rollback(g);
		err_set(err, "cannot revoke: %s", db_error(db));
		return -1;
	}
	return 0;
}

/* Print one token for `token list`. */
static int
print_token(void *ctx, const struct api_token_row *t)
{
	char when[40];

	(void)ctx;
	util_format_time(t->created_at, when, sizeof(when));
	printf("%5lld  %-20s %-20s %s  %s\n", (long long)t->id, t->label,
	    t->user, when, t->revoked_at ? "revoked" : "valid");
	return 0;
}

/* Add one token to a JSON array. */
static int
json_token(void *ctx, const struct api_token_row *t)
{
	json_array_append_new(ctx, json_pack("{s:I, s:s, s:s, s:I, s:b, s:I}",
	    "id", (json_int_t)t->id, "label", t->label, "user", t->user,
	    "created_at", (json_int_t)t->created_at, "revoked",
	    t->revoked_at != 0, "last_used_at", (json_int_t)t->last_used_at));
	return 0;
}

/* sanctum token create --user NAME LABEL */
int
tokens_create_cmd(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "user", required_argument, NULL, 'u' },
		{ NULL, 0, NULL, 0 }
	};
	char err[ERR_MAX], tok[API_TOKEN_LEN + 1];
	const char *user = NULL;
	int64_t id;
	int ch, rc;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch != 'u')
			return cli_usage(c, "token");
		user = optarg;
	}
	if (user == NULL || optind != argc - 1)
		return cli_usage(c, "token");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (tokens_create(c->gate, user, argv[optind], tok, &id, err) != 0)
		return cli_fail("token: %s", err);
	cli_say(c, "token %lld for %s (shown once):\n%s\n", (long long)id,
	    user, tok);
	explicit_bzero(tok, sizeof(tok));
	return EXIT_OK;
}

/* sanctum token list [--json] */
int
tokens_list_cmd(struct cli *c, int argc, char **argv)
{
	json_t *arr;
	int json = argc == 2 && strcmp(argv[1], "--json") == 0, rc;

	if (argc > 2 || (argc == 2 && !json))
		return cli_usage(c, "token");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (!json)
		return accounts_token_list(c->db, print_token, NULL) == 0 ?
		    EXIT_OK : cli_fail("token: cannot read tokens");
	arr = json_array();
	rc = accounts_token_list(c->db, json_token, arr);
	if (rc == 0)
		cli_print_json(arr);
	json_decref(arr);
	return rc == 0 ? EXIT_OK : cli_fail("token: cannot read tokens");
}

/* sanctum token revoke ID */
int
tokens_revoke_cmd(struct cli *c, int argc, char **argv)
{
	char err[ERR_MAX];
	long long id;
	int rc;

	if (argc != 2 || util_parse_int(argv[1], 1, INT64_MAX, &id) != 0)
		return cli_usage(c, "token");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (tokens_revoke(c->gate, id, err) != 0)
		return cli_fail("token: %s", err);
	cli_say(c, "revoked token %lld\n", id);
	return EXIT_OK;
}

/* One row of the tokens table. */
static int
page_token(void *ctx, const struct api_token_row *t)
{
	struct req *r = ctx;
	char when[40], used[40] = "never";

	util_format_time(t->created_at, when, sizeof(when));
	if (t->last_used_at)
		util_format_time(t->last_used_at, used, sizeof(used));
	html_printf(&r->out, "<tr><td>%lld</td><td>%s</td><td>%s</td><td>%s"
	    "</td><td>%s</td><td>", (long long)t->id, t->label, t->user, when,
	    used);
	if (t->revoked_at) {
		html_printf(&r->out, "<span class=\"badge warn\">revoked"
		    "</span>");
	} else {
		html_printf(&r->out, "<form class=\"inline\" method=\"post\" "
		    "action=\"/tokens/%lld/revoke\">", (long long)t->id);
		page_csrf_field(r);
		html_printf(&r->out, "<button class=\"danger\" type=\"submit\">"
		    "Revoke %s</button></form>", t->label);
	}
	html_printf(&r->out, "</td></tr>\n");
	return 0;
}

/* GET /tokens */
void
tokens_page(struct req *r)
{
	page_begin(r, "API tokens", "/tokens");
	html_printf(&r->out, "<h1>API tokens</h1><p class=\"lede\">Tokens let "
	    "scripts use the JSON API under /api/v1 as a given person. A "
	    "token is shown once; only a keyed hash of it is kept.</p>\n");
	page_notice(r);
	html_printf(&r->out, "<table class=\"list\"><caption>Tokens</caption>"
	    "<thead><tr><th scope=\"col\">#</th><th scope=\"col\">Label</th>"
	    "<th scope=\"col\">Acts as</th><th scope=\"col\">Created</th><th "
	    "scope=\"col\">Last used</th><th scope=\"col\">State</th></tr>"
	    "</thead><tbody>\n");
	accounts_token_list(r->db, page_token, r);
	html_printf(&r->out, "</tbody></table>\n<section class=\"panel\"><h2>"
	    "Create a token</h2><form class=\"stack\" method=\"post\" action="
	    "\"/tokens\">");
	page_csrf_field(r);
	html_printf(&r->out, "<label for=\"label\">Label</label><input id=\""
	    "label\" name=\"label\" required maxlength=\"64\" aria-describedby="
	    "\"label-hint\"><p class=\"hint\" id=\"label-hint\">What it is "
	    "for, e.g. nightly-scan.</p><label for=\"user\">Acts"
	    " as</label><input id=\"user\" name=\"user\" required value=\"%s\">"
	    "<button type=\"submit\">Create</button></form></section>\n",
	    r->user.name);
	page_end(r);
}

/* POST /tokens: label, user.  Shows the token once. */
void
tokens_create_post(struct req *r)
{
	const char *label = req_form(r, "label"), *user = req_form(r, "user");
	char tok[API_TOKEN_LEN + 1], err[ERR_MAX];
	int64_t id;

	if (label == NULL || user == NULL ||
	    tokens_create(r->gate, user, label, tok, &id, err) != 0) {
		req_redirect(r, "/tokens?error=invalid");
		return;
	}
	page_begin(r, "Token created", "/tokens");
	html_printf(&r->out, "<h1>Token %lld created</h1><div class=\"notice\" "
	    "role=\"status\">Copy it now: it is shown only once.</div><pre "
	    "class=\"secret\" id=\"token\">%s</pre><p><a href=\"/tokens\">Back "
	    "to tokens</a></p>\n", (long long)id, tok);
	explicit_bzero(tok, sizeof(tok));
	page_end(r);
}

/* POST /tokens/{id}/revoke */
void
tokens_revoke_post(struct req *r)
{
	char err[ERR_MAX];
	int rc;

	rc = tokens_revoke(r->gate, req_param(r, "id"), err);
	if (rc < 0)
		req_fail(r, 500, "The token could not be revoked.");
	else
		req_redirect(r, rc ? "/tokens?error=invalid" :
		    "/tokens?done=revoked");
}

/* GET /api/v1/tokens */
void
tokens_list_api(struct req *r)
{
	json_t *arr = json_array();

	if (accounts_token_list(r->db, json_token, arr) != 0) {
		json_decref(arr);
		req_fail(r, 500, "the tokens could not be read");
		return;
	}
	req_json(r, 200, json_pack("{s:o}", "tokens", arr));
}

/* POST /api/v1/tokens/revoke {"id": N} */
void
tokens_revoke_api(struct req *r)
{
	json_t *v = r->json ? json_object_get(r->json, "id") : NULL;
	char err[ERR_MAX];
	int rc;

	if (v == NULL || !json_is_integer(v) || json_integer_value(v) < 1) {
		req_fail(r, 400, "id (a number) is required");
		return;
	}
	rc = tokens_revoke(r->gate, json_integer_value(v), err);
	if (rc < 0)
		req_fail(r, 500, "the token could not be revoked");
	else if (rc > 0)
		req_fail(r, 404, "no valid token with that id");
	else
		req_json(r, 200, json_pack("{s:I, s:b}", "id",
		    (json_int_t)json_integer_value(v), "revoked", 1));
}
