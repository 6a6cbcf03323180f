/*
** announce.c: the announcement of step 5, its guard, and `sanctum
** incident announce|publish`.  See announce.h.
*/
#include "announce.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../cli.h"
#include "../core/gate.h"
#include "../detect/live.h"
#include "../detect/scan.h"
#include "../moderators/debrief.h"
#include "../store/community.h"
#include "../store/db.h"
#include "../store/response.h"
#include "../util/buf.h"
#include "../util/util.h"
#include "incident.h"
#include "triage.h"

static void
finding(struct announce_guard *g, const char *what, const char *words)
{
	if (g->n < ANNOUNCE_FINDINGS)
		snprintf(g->finding[g->n++], sizeof(g->finding[0]), "%s: \"%s\"",
		    what, words);
}

/* Does name stand in text as a whole word, whatever the ASCII case? */
static int
name_in(const char *text, const char *name)
{
	size_t k = strlen(name), i;

	if (k == 0)
		return 0;
	for (i = 0; text[i]; i++) {
		if (strncasecmp(text + i, name, k) != 0)
			continue;
		if ((i == 0 || !isalnum((unsigned char)text[i - 1])) &&
		    !isalnum((unsigned char)text[i + k]))
			return 1;
	}
	return 0;
}

struct names_ctx {
	const char *text;
	struct announce_guard *out;
};

static int
check_name(void *ctx, const char *name)
{
	struct names_ctx *n = ctx;

	if (name && name_in(n->text, name))
		finding(n->out, "it names someone known here", name);
	return 0;
}

/* The guard: names known here, words of any post (the leak detector),
** contact data and method details (triage).  Returns the number of
** findings, or -1 with err. */
int
announce_guard_check(struct gate *g, const char *text,
    struct announce_guard *out, char *err)
{
	struct names_ctx nc = { text, out };
	struct triage_result tr;
	struct live_view *lv;
	struct scan_match *m = NULL;
	struct scanner s;
	char post[32];
	size_t n = 0, i;
	int k;

	memset(out, 0, sizeof(*out));
	if (community_name_each(gate_db(g), check_name, &nc) < 0) {
		err_set(err, "cannot read the names");
		return -1;
	}
	if ((lv = live_take(g, err)) == NULL)
		return -1;
	scanner_init(&s, lv->ix, lv->delta, SCAN_MIN_FPS, SCAN_MIN_WORDS);
	scanner_feed(&s, text, strlen(text));
	if (scanner_finish(&s, &m, &n) == 0)
		for (i = 0; i < n; i++) {
			snprintf(post, sizeof(post), "post %lld",
			    (long long)m[i].post_id);
			finding(out, "it carries words of a post of the community",
			    post);
		}
	scan_matches_free(m, n);
	scanner_free(&s);
	live_give(lv);
	triage_text(text, strlen(text), &tr);
	for (k = 0; k < tr.nreasons; k++) {
		const char *rule = tr.reasons[k].rule;
		if (strncmp(rule, "identifying: ", 13) == 0)
			finding(out, "it holds contact data", tr.reasons[k].phrase);
		else if (strcmp(rule, "method") == 0 || strcmp(rule,
		    "behaviour") == 0 || strcmp(rule, "plan") == 0)
			finding(out, "it speaks of a method or an attempt (safe "
			    "messaging: leave the details out)",
			    tr.reasons[k].phrase);
	}
	return out->n;
}

/* The template: acknowledgment, what is done, purpose, resources. */
static int
template_resource(void *ctx, const struct resource_row *r)
{
	buf_printf(ctx, "- %s: %s (%s)\n", r->name, r->contact, r->hours);
	return 0;
}


/* Draft an announcement for incident (after every affected member has
** been written to).  Returns 0 and sets *id, or -1 with err. */
int
announce_draft(struct gate *g, int64_t incident, int64_t *id, char *err)
{
	struct buf b;
	char community[128] = "this community", target[32];
	size_t n = 0;
	uint8_t *sealed = NULL;
	size_t sn;

	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	if (incident_ready(g, incident, 5, NULL, err) != 0)
		goto fail;
	if (db_meta_get(gate_db(g), "community_name", community,
	    sizeof(community) - 1, &n) == DB_ROW)
		community[n] = '\0';
	buf_init(&b, 16384);
	buf_printf(&b, "To everyone in %s,\n\nWe want to tell you, openly and "
	    "with care, that words shared in our community were copied to a "
	    "place outside it. The people most affected have heard from us "
	    "first, privately, and they are being supported in the ways they "
	    "chose.\n\n", community);
	buf_printf(&b, "What we are doing: we are working to have what was "
	    "copied taken down, and we are looking at how it happened so it "
	    "does not happen again. We will tell you about any change to how "
	    "the community works.\n\n");
	buf_printf(&b, "This community exists so that we can speak freely and "
	    "be heard. That has not changed. Please do not search for what was "
	    "copied or share it further; if you come across it, tell the "
	    "moderators through the report page.\n\n");
	buf_printf(&b, "If this brings up something heavy for you, you are not "
	    "alone. You can write to the moderators, and these can help at any "
	    "hour:\n");
	response_resources_each(gate_db(g), "", template_resource, &b);
	buf_printf(&b, "\nWith care,\nthe moderators\n");
	if (b.failed || response_announcement_add(gate_db(g), incident,
	    gate_actor(g)->name, util_now(), id) != 0 || (sealed = gate_seal(g,
	    SEALED_ANNOUNCEMENT_DRAFT, *id, b.data, &sn)) == NULL ||
	    response_announcement_seal(gate_db(g), *id, sealed, sn) != 0) {
		buf_free(&b);
		free(sealed);
		err_set(err, "cannot save the draft");
		goto fail;
	}
	buf_free(&b);
	free(sealed);
	snprintf(target, sizeof(target), "incident %lld", (long long)incident);
	if (gate_audit(g, "announce.draft", target, "an announcement drafted")
	    != 0 || gate_commit(g) != 0) {
		err_set(err, "cannot save the draft");
		goto fail;
	}
	return 0;
fail:
	gate_rollback(g);
	return -1;
}

struct one_ann {
	int64_t id, incident;
	char status[12];
	void *draft;
	size_t draft_n;
};

static int
take_ann(void *ctx, const struct announcement_row *a)
{
	struct one_ann *o = ctx;

	o->id = a->id;
	o->incident = a->incident_id;
	snprintf(o->status, sizeof(o->status), "%s", a->status);
	if (a->draft && a->draft_n && (o->draft = malloc(a->draft_n)) != NULL) {
		memcpy(o->draft, a->draft, a->draft_n);
		o->draft_n = a->draft_n;
	}
	return 1;
}

static int
get_draft(struct gate *g, int64_t id, struct one_ann *o, char *err)
{
	memset(o, 0, sizeof(*o));
	response_announcements_each(gate_db(g), 0, id, take_ann, o);
	if (o->id == 0) {
		err_set(err, "there is no announcement %lld", (long long)id);
		return -1;
	}
	if (strcmp(o->status, "draft") != 0) {
		err_set(err, "announcement %lld is published already",
		    (long long)id);
		return -1;
	}
	return incident_ready(g, o->incident, 5, NULL, err);
}

/* Change a draft's words, and run the guard over them.  Returns 0 (saved;
** *guard says what stands in the way of publishing) or -1 with err. */
int
announce_edit(struct gate *g, int64_t id, const char *text,
    struct announce_guard *guard, char *err)
{
	struct one_ann o;
	char target[32];
	uint8_t *sealed = NULL;
	size_t sn;

	memset(guard, 0, sizeof(*guard));
	if (text == NULL || text[0] == '\0' || strlen(text) > ANNOUNCE_MAX ||
	    !util_valid_text(text, strlen(text))) {
		err_set(err, "an announcement is text of 1 to %d bytes",
		    ANNOUNCE_MAX);
		return -1;
	}
	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	if (get_draft(g, id, &o, err) != 0)
		goto fail;
	snprintf(target, sizeof(target), "incident %lld", (long long)o.incident);
	if ((sealed = gate_seal(g, SEALED_ANNOUNCEMENT_DRAFT, id, text, &sn)) ==
	    NULL || response_announcement_seal(gate_db(g), id, sealed, sn) != 0
	    || gate_audit(g, "announce.edit", target, "the draft changed") != 0
	    || announce_guard_check(g, text, guard, err) < 0 ||
	    gate_commit(g) != 0) {
		if (err[0] == '\0')
			err_set(err, "cannot save the draft");
		goto fail;
	}
	free(sealed);
	free(o.draft);
	return 0;
fail:
	free(sealed);
	free(o.draft);
	gate_rollback(g);
	return -1;
}

/* Publish a draft that passes the guard; the incident reaches step 5.
** Returns 0, or -1 with err (and *guard holding what stands in the
** way). */
int
announce_publish(struct gate *g, int64_t id, struct announce_guard *guard,
    char *err)
{
	struct one_ann o;
	char target[32], *text = NULL;

	memset(guard, 0, sizeof(*guard));
	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	if (get_draft(g, id, &o, err) != 0)
		goto fail;
	/* the program reads it to check and publish it */
	if (o.draft == NULL || gate_machine_read(g, SEALED_ANNOUNCEMENT_DRAFT,
	    id, o.draft, o.draft_n, incident_keep_text, &text) != 0 || text == NULL) {
		err_set(err, "announcement %lld has no words", (long long)id);
		goto fail;
	}
	if (announce_guard_check(g, text, guard, err) != 0) {
		if (guard->n > 0)
			err_set(err, "it cannot be published yet: %s",
			    guard->finding[0]);
		goto fail;
	}
	snprintf(target, sizeof(target), "incident %lld", (long long)o.incident);
	if (response_announcement_publish(gate_db(g), id, text,
	    gate_actor(g)->name, util_now()) != 1 ||
	    response_incident_step(gate_db(g), o.incident, 5) != 0 ||
	    gate_audit(g, "announce.publish", target, "published to the "
	    "community; a debrief is planned for those involved") != 0 ||
	    debrief_plan_incident(g, o.incident) != 0 ||
	    gate_commit(g) != 0) {
		err_set(err, "cannot publish: %s", db_error(gate_db(g)));
		goto fail;
	}
	free(text);
	free(o.draft);
	return 0;
fail:
	free(text);
	free(o.draft);
	gate_rollback(g);
	return -1;
}

/* sanctum incident announce N */
int
announce_draft_cmd(struct cli *c, int argc, char **argv)
{
	char err[ERR_MAX];
	long long v;
	int64_t id;
	int rc;

	if (argc != 2 || util_parse_int(argv[1], 1, INT64_MAX, &v) != 0)
		return cli_usage(c, "incident");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (announce_draft(c->gate, v, &id, err) != 0)
		return cli_fail("incident: %s", err);
	cli_say(c, "drafted announcement %lld; edit it in the console, then "
	    "publish it\n", (long long)id);
	return EXIT_OK;
}

/* sanctum incident publish ANNOUNCEMENT */
int
announce_publish_cmd(struct cli *c, int argc, char **argv)
{
	struct announce_guard guard;
	char err[ERR_MAX] = "";
	long long v;
	int rc, k;

	if (argc != 2 || util_parse_int(argv[1], 1, INT64_MAX, &v) != 0)
		return cli_usage(c, "incident");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (announce_publish(c->gate, v, &guard, err) != 0) {
		for (k = 1; k < guard.n; k++)
			fprintf(stderr, "sanctum: incident: also %s\n",
			    guard.finding[k]);
		return cli_fail("incident: %s", err);
	}
	cli_say(c, "published announcement %lld\n", v);
	return EXIT_OK;
}
