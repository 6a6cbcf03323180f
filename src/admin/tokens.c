/*
** tokens.c: API bearer tokens.  See tokens.h.
*/
#include "tokens.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "../cli.h"
#include "../store/accounts.h"
#include "../store/db.h"
#include "../util/util.h"
#include "../web/html.h"
#include "../web/server.h"
#include "audit.h"

/* Create a token for user labelled label.  Returns 0 with the token in out
** and its id in *id, or -1 with err filled. */
int
tokens_create(struct db *db, const struct keyring *kr, int64_t actor_id,
    const char *actor, const char *user, const char *label,
    char out[API_TOKEN_LEN + 1], int64_t *id, char *err)
{
	struct user u;
	uint8_t hash[TOKEN_HASH_BYTES];
	char idtext[24];

	if (label == NULL || label[0] == '\0' || strlen(label) > 64 ||
	    !util_valid_name(label, 64)) {
		err_set(err, "a label has 1 to 64 letters, digits, '.', '_' "
		    "or '-'");
		return -1;
	}
	if (db_begin(db) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	if (accounts_user_by_name(db, user, &u) != 1 || u.disabled) {
		db_rollback(db);
		err_set(err, "no active user %s", user);
		return -1;
	}
	memcpy(out, "snt_", 4);
	token_new(out + 4);
	token_hash(kr, out, hash);
	if (accounts_token_add(db, u.id, label, hash, sizeof(hash),
	    util_now(), id) != 0)
		goto fail;
	snprintf(idtext, sizeof(idtext), "token %lld", (long long)*id);
	if (audit_append(db, kr, actor_id, actor, "token.create", idtext,
	    u.name) != 0 || db_commit(db) != 0)
		goto fail;
	return 0;
fail:
	db_rollback(db);
	explicit_bzero(out, API_TOKEN_LEN + 1);
	err_set(err, "cannot save the token: %s", db_error(db));
	return -1;
}

/* Revoke token id.  Returns 0, 1 when there was no such valid token, or
** -1 with err filled. */
int
tokens_revoke(struct db *db, const struct keyring *kr, int64_t actor_id,
    const char *actor, int64_t id, char *err)
{
	char idtext[24];
	int rc;

	if (db_begin(db) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	rc = accounts_token_revoke(db, id, util_now());
	if (rc == 0) {
		db_rollback(db);
		err_set(err, "no valid token %lld", (long long)id);
		return 1;
	}
	snprintf(idtext, sizeof(idtext), "token %lld", (long long)id);
	if (rc < 0 || audit_append(db, kr, actor_id, actor, "token.revoke",
	    idtext, "") != 0 || db_commit(db) != 0) {
		db_rollback(db);
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

/* sanctum token create --user NAME LABEL | list [--json] | revoke ID */
int
tokens_cmd(struct cli *c, int argc, char **argv)
{
	struct app a;
	char err[ERR_MAX], tok[API_TOKEN_LEN + 1];
	const char *user = NULL, *label = NULL;
	long long id;
	int64_t nid;
	json_t *arr;
	int i, rc = EXIT_OK;

	if (argc < 2)
		return cli_usage(c, "token");
	if (strcmp(argv[1], "create") == 0) {
		for (i = 2; i < argc; i++) {
			if (strcmp(argv[i], "--user") == 0 && i + 1 < argc)
				user = argv[++i];
			else if (argv[i][0] != '-' && label == NULL)
				label = argv[i];
			else
				return cli_usage(c, "token");
		}
		if (user == NULL || label == NULL)
			return cli_usage(c, "token");
	} else if (strcmp(argv[1], "revoke") == 0) {
		if (argc != 3 || util_parse_int(argv[2], 1, INT64_MAX, &id))
			return cli_usage(c, "token");
	} else if (strcmp(argv[1], "list") == 0) {
		if (argc > 3 || (argc == 3 && strcmp(argv[2], "--json") != 0))
			return cli_usage(c, "token");
	} else {
		return cli_usage(c, "token");
	}
	if (app_open(&c->opts, &a, err) != 0)
		return cli_fail("%s", err);
	if (strcmp(argv[1], "create") == 0) {
		if (tokens_create(a.db, a.kr, 0, audit_cli_actor(), user, label,
		    tok, &nid, err) != 0) {
			rc = cli_fail("token: %s", err);
		} else {
			printf("token %lld for %s (shown once):\n%s\n",
			    (long long)nid, user, tok);
			explicit_bzero(tok, sizeof(tok));
		}
	} else if (strcmp(argv[1], "revoke") == 0) {
		if (tokens_revoke(a.db, a.kr, 0, audit_cli_actor(), id, err)
		    != 0)
			rc = cli_fail("token: %s", err);
		else
			printf("revoked token %lld\n", id);
	} else if (argc == 3) {
		arr = json_array();
		if (accounts_token_list(a.db, json_token, arr) != 0)
			rc = cli_fail("token: cannot read tokens");
		json_dumpf(arr, stdout, JSON_INDENT(2));
		putchar('\n');
		json_decref(arr);
	} else if (accounts_token_list(a.db, print_token, NULL) != 0) {
		rc = cli_fail("token: cannot read tokens");
	}
	app_close(&a);
	return rc;
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
		    "action=\"/tokens/revoke\">");
		page_csrf_field(r);
		html_printf(&r->out, "<input type=\"hidden\" name=\"id\" value="
		    "\"%lld\"><button class=\"danger\" type=\"submit\">Revoke "
		    "%s</button></form>", (long long)t->id, t->label);
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
	    tokens_create(r->db, r->kr, r->user.id, r->user.name, user, label,
	    tok, &id, err) != 0) {
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

/* POST /tokens/revoke: id */
void
tokens_revoke_post(struct req *r)
{
	const char *idtext = req_form(r, "id");
	char err[ERR_MAX];
	long long id;
	int rc;

	if (idtext == NULL || util_parse_int(idtext, 1, INT64_MAX, &id) != 0) {
		req_redirect(r, "/tokens?error=invalid");
		return;
	}
	rc = tokens_revoke(r->db, r->kr, r->user.id, r->user.name, id, err);
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
	rc = tokens_revoke(r->db, r->kr, r->user.id, r->user.name,
	    json_integer_value(v), err);
	if (rc < 0)
		req_fail(r, 500, "the token could not be revoked");
	else if (rc > 0)
		req_fail(r, 404, "no valid token with that id");
	else
		req_json(r, 200, json_pack("{s:I, s:b}", "id",
		    (json_int_t)json_integer_value(v), "revoked", 1));
}
