/*
** alert.c: alerts of new findings.  See alert.h.
*/
#include "alert.h"

#include <curl/curl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../admin/users.h"
#include "../cli.h"
#include "../core/gate.h"
#include "../moderators/rota.h"
#include "../store/accounts.h"
#include "../store/care.h"
#include "../store/db.h"
#include "../store/monitor.h"
#include "../util/mail.h"
#include "../util/util.h"
#include "fetch.h"

#define ALERT_TO_MAX 32		/* people one alert is e-mailed to */

#define HOOKS_MAX 16	/* webhooks one alert goes to */

struct hook_send {
	struct gate *g;
	const char *body;
	int sent, failed;
	int64_t id[HOOKS_MAX];
	void *sealed[HOOKS_MAX];
	size_t len[HOOKS_MAX];
	char result[HOOKS_MAX][MONITOR_RESULT_MAX + 1];
	int n;
};

static size_t
drop_body(char *p, size_t size, size_t nmemb, void *userdata)
{
	(void)p;
	(void)userdata;
	return size * nmemb;
}

/* The reader of a webhook's sealed address: post the alert to it. */
struct hook_post {
	struct hook_send *hs;
	int64_t id;
	long status;
	char err[ERR_MAX];
};

static void
post_to(void *arg, const char *url, size_t len)
{
	struct hook_post *hp = arg;
	struct curl_slist *h = NULL;
	char stamp[24], sig[HOOK_SIGNATURE_LEN + 1], line[128];
	CURL *curl;
	CURLcode cc;

	(void)len;
	if (!fetch_http_url(url, MONITOR_URL_MAX, NULL, 0)) {
		err_set(hp->err, "not an http(s) address");
		return;
	}
	snprintf(stamp, sizeof(stamp), "%lld", (long long)util_now());
	gate_hook_sign(hp->hs->g, hp->id, stamp, hp->hs->body,
	    strlen(hp->hs->body), sig);
	if ((curl = curl_easy_init()) == NULL) {
		err_set(hp->err, "out of memory");
		return;
	}
	h = curl_slist_append(h, "Content-Type: application/json");
	snprintf(line, sizeof(line), "X-Sanctum-Timestamp: %s", stamp);
	h = curl_slist_append(h, line);
	snprintf(line, sizeof(line), "X-Sanctum-Signature: %s", sig);
	h = curl_slist_append(h, line);
	curl_easy_setopt(curl, CURLOPT_URL, url);
	curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(curl, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(curl, CURLOPT_POSTFIELDS, hp->hs->body);
	curl_easy_setopt(curl, CURLOPT_TIMEOUT, (long)ALERT_HOOK_TIMEOUT);
	curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(curl, CURLOPT_PROXY, "");
	curl_easy_setopt(curl, CURLOPT_USERAGENT, "sanctum-alert/0.1");
	curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, drop_body);
	cc = curl_easy_perform(curl);
	if (cc == CURLE_OK)
		curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &hp->status);
	else
		err_set(hp->err, "%s", curl_easy_strerror(cc));
	curl_slist_free_all(h);
	curl_easy_cleanup(curl);
}

/* Keep a webhook's sealed address to post to once the listing is over:
** no read is held open while a receiver answers. */
static int
each_hook(void *ctx, const struct hook_row *h, const void *sealed, size_t n)
{
	struct hook_send *hs = ctx;

	if (hs->n == HOOKS_MAX || n == 0 || (hs->sealed[hs->n] = malloc(n)) ==
	    NULL)
		return 0;
	memcpy(hs->sealed[hs->n], sealed, n);
	hs->len[hs->n] = n;
	hs->id[hs->n++] = h->id;
	return 0;
}

/* Post the alert to each webhook kept, and keep what each came to. */
static void
post_hooks(struct hook_send *hs)
{
	struct hook_post hp;
	int i;

	for (i = 0; i < hs->n; i++) {
		memset(&hp, 0, sizeof(hp));
		hp.hs = hs;
		hp.id = hs->id[i];
		if (gate_machine_read(hs->g, SEALED_ALERT_HOOK, hs->id[i],
		    hs->sealed[i], hs->len[i], post_to, &hp) != 0)
			err_set(hp.err, "its address could not be opened");
		if (hp.err[0] == '\0' && hp.status >= 200 && hp.status < 300) {
			snprintf(hs->result[i], sizeof(hs->result[0]),
			    "sent (%ld)", hp.status);
			hs->sent++;
		} else {
			if (hp.err[0])
				snprintf(hs->result[i], sizeof(hs->result[0]),
				    "not sent: %.180s", hp.err);
			else
				snprintf(hs->result[i], sizeof(hs->result[0]),
				    "not sent: the receiver answered %ld",
				    hp.status);
			hs->failed++;
		}
		free(hs->sealed[i]);
		hs->sealed[i] = NULL;
	}
}

/* Who gets the alert by e-mail: those on call (everyone on the rota when
** no one is) who asked for it. */
struct mail_ctx {
	struct gate *g;
	int64_t want[ROTA_MEMBERS_MAX];
	int nwant;
	struct mail_to to[ALERT_TO_MAX];
	int nto;
};

static int
each_address(void *ctx, int64_t user, const char *name, const void *sealed,
    size_t n)
{
	struct mail_ctx *m = ctx;
	int i;

	(void)name;
	for (i = 0; i < m->nwant; i++)
		if (m->want[i] == user && m->nto < ALERT_TO_MAX) {
			memset(&m->to[m->nto], 0, sizeof(m->to[0]));
			if (gate_machine_read(m->g, SEALED_USER_REMINDER, user,
			    sealed, n, mail_address_reader, &m->to[m->nto]) ==
			    0 && m->to[m->nto].ok)
				m->nto++;
		}
	return 0;
}

static int
email_list(struct gate *g, struct mail_ctx *m)
{
	struct rota_candidate c[ROTA_MEMBERS_MAX];
	int n, i, on_call = 0, rc;

	memset(m, 0, sizeof(*m));
	m->g = g;
	n = rota_candidates(gate_db(g), util_now(), 0, c, ROTA_MEMBERS_MAX);
	if (n < 0)
		return -1;
	for (i = 0; i < n; i++)
		if (c[i].on_call && !c[i].away && c[i].staff)
			on_call++;
	for (i = 0; i < n; i++) {
		if (!c[i].staff || c[i].away || (on_call && !c[i].on_call))
			continue;
		rc = monitor_alert_email_get(gate_db(g), c[i].user);
		if (rc < 0)
			return -1;
		if (rc == 1)
			m->want[m->nwant++] = c[i].user;
	}
	if (m->nwant == 0)
		return 0;
	return care_reminders_each(gate_db(g), INT64_MAX, each_address, m) <
	    0 ? -1 : 0;
}

/* Alert about the new findings not yet alerted, if any.  Returns how
** many findings the alert was about (0: none waiting), or -1 with err. */
int
alert_pending(struct gate *g, char *err)
{
	struct hook_send hs;
	struct mail_ctx m;
	const char *console = getenv("SANCTUM_CONSOLE_URL");
	char link[512], subject[96], body[1024], detail[200], merr[ERR_MAX];
	json_t *j;
	char *text;
	int n, i, mailed = 0, unmailed = 0;

	n = monitor_findings_count(gate_db(g), "");
	if (n < 0) {
		err_set(err, "cannot read the findings");
		return -1;
	}
	if (n == 0)
		return 0;
	snprintf(link, sizeof(link), "%s/monitor", console ? console : "");
	snprintf(body, sizeof(body), "%d possible leak%s need%s review. Open "
	    "the review queue: %s\n\nThis alert names no one and holds no "
	    "words from the community.\n", n, n == 1 ? "" : "s", n == 1 ? "s" :
	    "", console ? link : "the Monitoring page of the console");
	j = json_pack("{s:s, s:s, s:i, s:s?}", "event", "findings", "text",
	    n == 1 ? "A possible leak needs review." : "Possible leaks need "
	    "review.", "findings", n, "url", console ? link : NULL);
	text = j ? json_dumps(j, JSON_COMPACT) : NULL;
	json_decref(j);
	if (text == NULL) {
		err_set(err, "out of memory");
		return -1;
	}
	memset(&hs, 0, sizeof(hs));
	hs.g = g;
	hs.body = text;
	if (monitor_hook_each(gate_db(g), each_hook, &hs) != 0) {
		for (i = 0; i < hs.n; i++)
			free(hs.sealed[i]);
		free(text);
		err_set(err, "cannot read the webhooks");
		return -1;
	}
	post_hooks(&hs);
	free(text);
	if (email_list(g, &m) != 0) {
		err_set(err, "cannot read who is on call");
		return -1;
	}
	snprintf(subject, sizeof(subject), "sanctum: %d possible leak%s to "
	    "review", n, n == 1 ? "" : "s");
	for (i = 0; i < m.nto; i++) {
		if (mail_send(m.to[i].to, subject, body, merr) == 0)
			mailed++;
		else
			unmailed++;
	}
	explicit_bzero(&m, sizeof(m));
	snprintf(detail, sizeof(detail), "%d finding%s; %d webhook%s sent, %d "
	    "not; %d e-mail%s sent, %d not", n, n == 1 ? "" : "s", hs.sent,
	    hs.sent == 1 ? "" : "s", hs.failed, mailed, mailed == 1 ? "" : "s",
	    unmailed);
	if (gate_begin(g) != 0)
		goto fail;
	for (i = 0; i < hs.n; i++)
		if (monitor_hook_result(gate_db(g), hs.id[i], util_now(),
		    hs.result[i]) != 0)
			goto fail;
	if (monitor_findings_alerted(gate_db(g), util_now()) != 0 ||
	    gate_audit(g, "monitor.alert", "findings", detail) != 0 ||
	    gate_commit(g) != 0)
		goto fail;
	return n;
fail:
	gate_rollback(g);
	err_set(err, "cannot save: %s", db_error(gate_db(g)));
	return -1;
}

/* Add a webhook at url.  Returns 0 with *id, or -1 with err. */
int
alert_hook_add(struct gate *g, const char *url, const char *label,
    int64_t *id, char *err)
{
	uint8_t *sealed;
	size_t n;
	char target[32];

	if (!fetch_http_url(url, MONITOR_URL_MAX, NULL, 0)) {
		err_set(err, "a webhook is an http or https address");
		return -1;
	}
	if (label && !util_valid_label(label, 80)) {
		err_set(err, "a label is up to 80 characters of plain text");
		return -1;
	}
	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	if (monitor_hook_add(gate_db(g), label ? label : "", gate_actor(g)->name,
	    util_now(), id) != 0)
		goto fail;
	if ((sealed = gate_seal(g, SEALED_ALERT_HOOK, *id, url, &n)) == NULL)
		goto fail;
	if (monitor_hook_set_url(gate_db(g), *id, sealed, n) != 0) {
		free(sealed);
		goto fail;
	}
	free(sealed);
	snprintf(target, sizeof(target), "webhook %lld", (long long)*id);
	if (gate_audit(g, "alert.hook.add", target, label ? label : "") != 0 ||
	    gate_commit(g) != 0)
		goto fail;
	return 0;
fail:
	err_set(err, "cannot save: %s", db_error(gate_db(g)));
	gate_rollback(g);
	return -1;
}

/* Stop sending alerts to webhook id.  Returns 0 or -1 with err. */
int
alert_hook_remove(struct gate *g, int64_t id, char *err)
{
	char target[32];
	int rc;

	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	rc = monitor_hook_remove(gate_db(g), id, util_now());
	if (rc == 1) {
		gate_rollback(g);
		err_set(err, "no webhook %lld", (long long)id);
		return -1;
	}
	snprintf(target, sizeof(target), "webhook %lld", (long long)id);
	if (rc != 0 || gate_audit(g, "alert.hook.remove", target, "") != 0 ||
	    gate_commit(g) != 0) {
		err_set(err, "cannot save: %s", db_error(gate_db(g)));
		gate_rollback(g);
		return -1;
	}
	return 0;
}

/* Whether user wants alerts by e-mail.  Returns 0 or -1 with err. */
int
alert_email_set(struct gate *g, int64_t user, int on, char *err)
{
	char target[32];

	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	snprintf(target, sizeof(target), "user %lld", (long long)user);
	if (monitor_alert_email_set(gate_db(g), user, on) != 0 ||
	    gate_audit(g, "alert.email", target, on ? "on" : "off") != 0 ||
	    gate_commit(g) != 0) {
		err_set(err, "cannot save: %s", db_error(gate_db(g)));
		gate_rollback(g);
		return -1;
	}
	return 0;
}

static int
list_hook(void *ctx, const struct hook_row *h, const void *sealed, size_t n)
{
	json_t *arr = ctx;
	char when[32];

	(void)sealed;
	(void)n;
	if (arr) {
		json_array_append_new(arr, json_pack("{s:I, s:s, s:s, s:s}",
		    "id", (json_int_t)h->id, "label", h->label, "created_by",
		    h->created_by, "last_result", h->last_result));
		return 0;
	}
	if (h->last_at)
		util_format_time(h->last_at, when, sizeof(when));
	else
		snprintf(when, sizeof(when), "never used");
	printf("%-4lld %-24s %s%s%s\n", (long long)h->id, h->label[0] ?
	    h->label : "(no label)", when, h->last_result[0] ? ": " : "",
	    h->last_result);
	return 0;
}

struct find_hook {
	int64_t id;
	int found;
};

static int
find_hook(void *ctx, const struct hook_row *h, const void *sealed, size_t n)
{
	struct find_hook *f = ctx;

	(void)sealed;
	(void)n;
	f->found |= h->id == f->id;
	return 0;
}

/* sanctum alert hook add URL [--label TEXT] | list [--json] | secret ID |
** remove ID */
int
alert_hook_cmd(struct cli *c, int argc, char **argv)
{
	char err[ERR_MAX], secret[HOOK_SECRET_LEN + 1];
	long long id;
	int64_t nid;
	json_t *arr = NULL;
	int rc;

	if (argc >= 3 && strcmp(argv[1], "add") == 0) {
		const char *label = NULL;

		if (argc == 5 && strcmp(argv[3], "--label") == 0)
			label = argv[4];
		else if (argc != 3)
			return cli_usage(c, "alert");
		if ((rc = cli_open(c)) != EXIT_OK)
			return rc;
		if (alert_hook_add(c->gate, argv[2], label, &nid, err) != 0)
			return cli_fail("alert: %s", err);
		gate_hook_secret(c->gate, nid, secret);
		cli_say(c, "webhook %lld added; its receiver checks "
		    "X-Sanctum-Signature with this secret:\n%s\n",
		    (long long)nid, secret);
		explicit_bzero(secret, sizeof(secret));
		return EXIT_OK;
	}
	if ((argc == 2 || argc == 3) && strcmp(argv[1], "list") == 0) {
		if (argc == 3 && strcmp(argv[2], "--json") != 0)
			return cli_usage(c, "alert");
		if ((rc = cli_open(c)) != EXIT_OK)
			return rc;
		if (argc == 3)
			arr = json_array();
		if (monitor_hook_each(c->db, list_hook, arr) != 0) {
			json_decref(arr);
			return cli_fail("alert: cannot read the webhooks");
		}
		if (arr) {
			cli_print_json(arr);
			json_decref(arr);
		}
		return EXIT_OK;
	}
	if (argc == 3 && (strcmp(argv[1], "remove") == 0 ||
	    strcmp(argv[1], "secret") == 0)) {
		if (util_parse_int(argv[2], 1, INT64_MAX, &id) != 0)
			return cli_usage(c, "alert");
		if ((rc = cli_open(c)) != EXIT_OK)
			return rc;
		if (strcmp(argv[1], "secret") == 0) {
			struct find_hook fh = { id, 0 };
			char target[32];

			if (monitor_hook_each(c->db, find_hook, &fh) != 0)
				return cli_fail("alert: cannot read the "
				    "webhooks");
			if (!fh.found)
				return cli_fail("alert: no webhook %lld", id);
			/* shown once the showing is in the audit trail */
			snprintf(target, sizeof(target), "webhook %lld", id);
			if (gate_audit(c->gate, "alert.hook.secret", target,
			    "its secret was shown") != 0)
				return cli_fail("alert: cannot save");
			gate_hook_secret(c->gate, id, secret);
			cli_say(c, "%s\n", secret);
			explicit_bzero(secret, sizeof(secret));
			return EXIT_OK;
		}
		if (alert_hook_remove(c->gate, id, err) != 0)
			return cli_fail("alert: %s", err);
		cli_say(c, "webhook %lld removed\n", id);
		return EXIT_OK;
	}
	return cli_usage(c, "alert");
}

/* sanctum alert email NAME on|off */
int
alert_email_cmd(struct cli *c, int argc, char **argv)
{
	char err[ERR_MAX];
	int64_t user;
	int rc, on;

	if (argc != 3 || (strcmp(argv[2], "on") != 0 &&
	    strcmp(argv[2], "off") != 0))
		return cli_usage(c, "alert");
	on = strcmp(argv[2], "on") == 0;
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	rc = accounts_user_id(c->db, argv[1], &user);
	if (rc != 1)
		return cli_fail("alert: no user %s", argv[1]);
	if (alert_email_set(c->gate, user, on, err) != 0)
		return cli_fail("alert: %s", err);
	cli_say(c, "alerts by e-mail for %s: %s\n", argv[1], on ? "on" :
	    "off");
	return EXIT_OK;
}

/* sanctum alert send: alert about the findings waiting now */
int
alert_send_cmd(struct cli *c, int argc, char **argv)
{
	char err[ERR_MAX];
	int rc, n;

	(void)argv;
	if (argc != 1)
		return cli_usage(c, "alert");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if ((n = alert_pending(c->gate, err)) < 0)
		return cli_fail("alert: %s", err);
	cli_say(c, "%d finding%s alerted\n", n, n == 1 ? "" : "s");
	return EXIT_OK;
}
