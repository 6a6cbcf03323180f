/*
** monitor.c: the SQL behind external monitoring.  See monitor.h.
*/
#include "monitor.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"

/* Watch for text near words (near: comma-separated, or "" for sanctum's
** list).  Returns 0 with *id, or -1. */
int
monitor_watch_add(struct db *db, const char *text, const char *near,
    int within, const char *by, int64_t now, int64_t *id)
{
	struct stmt q;

	if (db_prepare(db, &q, "INSERT INTO watch_terms(text, near, within, "
	    "created_by, created_at) VALUES (:t, :n, :w, :by, :now)") != 0)
		return -1;
	db_bind_text(&q, ":t", text);
	db_bind_text(&q, ":n", near);
	db_bind_int(&q, ":w", within);
	db_bind_text(&q, ":by", by);
	db_bind_int(&q, ":now", now);
	if (db_step_done(&q) != 0)
		return -1;
	*id = db_last_id(db);
	return 0;
}

/* Stop watching for rule id.  Returns 0, 1 when there was none, or -1. */
int
monitor_watch_remove(struct db *db, int64_t id, int64_t now)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE watch_terms SET removed_at = :now WHERE "
	    "id = :id AND removed_at IS NULL") != 0)
		return -1;
	db_bind_int(&q, ":now", now);
	db_bind_int(&q, ":id", id);
	if (db_step_done(&q) != 0)
		return -1;
	return db_changes(db) == 0 ? 1 : 0;
}

/* The watch list, oldest first.  Returns 0 or -1. */
int
monitor_watch_each(struct db *db,
    int (*each)(void *ctx, const struct watch_row *w), void *ctx)
{
	struct stmt q;
	struct watch_row w;
	int rc;

	if (db_prepare(db, &q, "SELECT id, created_at, within, text, near, "
	    "created_by FROM watch_terms WHERE removed_at IS NULL ORDER BY "
	    "id") != 0)
		return -1;
	while ((rc = db_step(&q)) == DB_ROW) {
		memset(&w, 0, sizeof(w));
		w.id = db_col_int(&q, 0);
		w.created_at = db_col_int(&q, 1);
		w.within = (int)db_col_int(&q, 2);
		snprintf(w.text, sizeof(w.text), "%s", db_col_text(&q, 3));
		snprintf(w.near, sizeof(w.near), "%s", db_col_text(&q, 4));
		snprintf(w.created_by, sizeof(w.created_by), "%s",
		    db_col_text(&q, 5));
		if (each(ctx, &w) != 0) {
			rc = -1;
			break;
		}
	}
	db_finalize(&q);
	return rc == DB_DONE ? 0 : -1;
}

/* ---- sources ---- */

/* Add source s (its url, kind, every, mapping, next_at, created_by,
** created_at).  Returns 0 with *id, or -1. */
int
monitor_source_add(struct db *db, const struct source_row *s, int64_t *id)
{
	struct stmt q;

	if (db_prepare(db, &q, "INSERT INTO monitor_sources(url, kind, every, "
	    "items, text_at, link_at, next_at, created_by, created_at) VALUES "
	    "(:u, :k, :e, :i, :t, :l, :n, :by, :at)") != 0)
		return -1;
	db_bind_text(&q, ":u", s->url);
	db_bind_text(&q, ":k", s->kind);
	db_bind_int(&q, ":e", s->every);
	db_bind_text(&q, ":i", s->items);
	db_bind_text(&q, ":t", s->text_at);
	db_bind_text(&q, ":l", s->link_at);
	db_bind_int(&q, ":n", s->next_at);
	db_bind_text(&q, ":by", s->created_by);
	db_bind_int(&q, ":at", s->created_at);
	if (db_step_done(&q) != 0)
		return -1;
	*id = db_last_id(db);
	return 0;
}

/* Stop reading source id.  Returns 0, 1 when there was none, or -1. */
int
monitor_source_remove(struct db *db, int64_t id, int64_t now)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE monitor_sources SET removed_at = :now "
	    "WHERE id = :id AND removed_at IS NULL") != 0)
		return -1;
	db_bind_int(&q, ":now", now);
	db_bind_int(&q, ":id", id);
	if (db_step_done(&q) != 0)
		return -1;
	return db_changes(db) == 0 ? 1 : 0;
}

/* The source row q stands on, into s. */
static void
source_read(struct stmt *q, struct source_row *s)
{
	memset(s, 0, sizeof(*s));
	s->id = db_col_int(q, 0);
	snprintf(s->url, sizeof(s->url), "%s", db_col_text(q, 1));
	snprintf(s->kind, sizeof(s->kind), "%s", db_col_text(q, 2));
	s->every = (int)db_col_int(q, 3);
	snprintf(s->items, sizeof(s->items), "%s", db_col_text(q, 4));
	snprintf(s->text_at, sizeof(s->text_at), "%s", db_col_text(q, 5));
	snprintf(s->link_at, sizeof(s->link_at), "%s", db_col_text(q, 6));
	s->next_at = db_col_int(q, 7);
	s->last_at = db_col_int(q, 8);
	s->last_status = (int)db_col_int(q, 9);
	snprintf(s->last_result, sizeof(s->last_result), "%s",
	    db_col_text(q, 10));
	s->failures = (int)db_col_int(q, 11);
	s->findings = (int)db_col_int(q, 12);
	snprintf(s->created_by, sizeof(s->created_by), "%s",
	    db_col_text(q, 13));
	s->created_at = db_col_int(q, 14);
}

/* Source id, if it is still read.  Returns 1, 0 when there is none, or
** -1. */
int
monitor_source_get(struct db *db, int64_t id, struct source_row *s)
{
	struct stmt q;
	int rc;

	if (db_prepare(db, &q, "SELECT id, url, kind, every, items, text_at, "
	    "link_at, next_at, coalesce(last_at, 0), last_status, last_result, "
	    "failures, findings, created_by, created_at FROM monitor_sources "
	    "WHERE id = :id AND removed_at IS NULL") != 0)
		return -1;
	db_bind_int(&q, ":id", id);
	rc = db_step(&q);
	if (rc == DB_ROW)
		source_read(&q, s);
	db_finalize(&q);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

/* The sources read, soonest due first; with due_by > 0 only those due by
** then.  Returns 0 or -1. */
int
monitor_source_each(struct db *db, int64_t due_by,
    int (*each)(void *ctx, const struct source_row *s), void *ctx)
{
	struct stmt q;
	struct source_row s;
	int rc;

	if (db_prepare(db, &q, "SELECT id, url, kind, every, items, text_at, "
	    "link_at, next_at, coalesce(last_at, 0), last_status, last_result, "
	    "failures, findings, created_by, created_at FROM monitor_sources "
	    "WHERE removed_at IS NULL AND (:due = 0 OR next_at <= :due) "
	    "ORDER BY next_at, id") != 0)
		return -1;
	db_bind_int(&q, ":due", due_by);
	while ((rc = db_step(&q)) == DB_ROW) {
		source_read(&q, &s);
		if (each(ctx, &s) != 0) {
			rc = -1;
			break;
		}
	}
	db_finalize(&q);
	return rc == DB_DONE ? 0 : -1;
}

/* Record what reading source s came to (its next_at, last_at,
** last_status, last_result, failures and findings).  Returns 0 or -1. */
int
monitor_source_done(struct db *db, const struct source_row *s)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE monitor_sources SET next_at = :n, "
	    "last_at = :l, last_status = :st, last_result = :r, failures = :f, "
	    "findings = :fi WHERE id = :id") != 0)
		return -1;
	db_bind_int(&q, ":n", s->next_at);
	db_bind_int(&q, ":l", s->last_at);
	db_bind_int(&q, ":st", s->last_status);
	db_bind_text(&q, ":r", s->last_result);
	db_bind_int(&q, ":f", s->failures);
	db_bind_int(&q, ":fi", s->findings);
	db_bind_int(&q, ":id", s->id);
	return db_step_done(&q);
}

/* ---- URLs and hosts ---- */

/* What the last answer for url said of itself.  Returns 1, 0 when url
** was never fetched, or -1. */
int
monitor_url_get(struct db *db, const char *url, char *etag, size_t ecap,
    char *modified, size_t mcap, char *lastmod, size_t lcap)
{
	struct stmt q;
	int rc;

	etag[0] = modified[0] = lastmod[0] = '\0';
	if (db_prepare(db, &q, "SELECT etag, modified, lastmod FROM "
	    "monitor_urls WHERE url = :u") != 0)
		return -1;
	db_bind_text(&q, ":u", url);
	rc = db_step(&q);
	if (rc == DB_ROW) {
		snprintf(etag, ecap, "%s", db_col_text(&q, 0));
		snprintf(modified, mcap, "%s", db_col_text(&q, 1));
		snprintf(lastmod, lcap, "%s", db_col_text(&q, 2));
	}
	db_finalize(&q);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

/* Keep what the answer for url said of itself.  Returns 0 or -1. */
int
monitor_url_put(struct db *db, const char *url, const char *etag,
    const char *modified, const char *lastmod, int64_t now)
{
	struct stmt q;

	if (db_prepare(db, &q, "INSERT INTO monitor_urls(url, etag, modified, "
	    "lastmod, fetched_at) VALUES (:u, :e, :m, :l, :now) ON CONFLICT "
	    "(url) DO UPDATE SET etag = :e, modified = :m, lastmod = :l, "
	    "fetched_at = :now") != 0)
		return -1;
	db_bind_text(&q, ":u", url);
	db_bind_text(&q, ":e", etag);
	db_bind_text(&q, ":m", modified);
	db_bind_text(&q, ":l", lastmod);
	db_bind_int(&q, ":now", now);
	return db_step_done(&q);
}

/* Host host's row into h (zeroes when never asked).  Returns 0 or -1. */
int
monitor_host_get(struct db *db, const char *host, struct host_row *h)
{
	struct stmt q;
	int rc;

	memset(h, 0, sizeof(*h));
	if (db_prepare(db, &q, "SELECT next_ms, robots, robots_status, "
	    "robots_at, failures FROM monitor_hosts WHERE host = :h") != 0)
		return -1;
	db_bind_text(&q, ":h", host);
	rc = db_step(&q);
	if (rc == DB_ROW) {
		h->next_ms = db_col_int(&q, 0);
		if (!db_col_is_null(&q, 1) && (h->robots =
		    strdup(db_col_text(&q, 1))) == NULL)
			rc = -1;
		h->robots_status = (int)db_col_int(&q, 2);
		h->robots_at = db_col_int(&q, 3);
		h->failures = (int)db_col_int(&q, 4);
	}
	db_finalize(&q);
	return rc == DB_ROW || rc == DB_DONE ? 0 : -1;
}

/* Keep host's row.  Returns 0 or -1. */
int
monitor_host_put(struct db *db, const char *host, const struct host_row *h)
{
	struct stmt q;

	if (db_prepare(db, &q, "INSERT INTO monitor_hosts(host, next_ms, "
	    "robots, robots_status, robots_at, failures) VALUES (:h, :n, :r, "
	    ":rs, :ra, :f) ON CONFLICT (host) DO UPDATE SET next_ms = :n, "
	    "robots = :r, robots_status = :rs, robots_at = :ra, failures = :f")
	    != 0)
		return -1;
	db_bind_text(&q, ":h", host);
	db_bind_int(&q, ":n", h->next_ms);
	if (h->robots)
		db_bind_text(&q, ":r", h->robots);
	else
		db_bind_null(&q, ":r");
	db_bind_int(&q, ":rs", h->robots_status);
	db_bind_int(&q, ":ra", h->robots_at);
	db_bind_int(&q, ":f", h->failures);
	return db_step_done(&q);
}

void
monitor_host_free(struct host_row *h)
{
	free(h->robots);
	h->robots = NULL;
}

/* ---- the log of fetches ---- */

/* Log one fetch.  Returns 0 or -1. */
int
monitor_fetch_log(struct db *db, const struct fetch_row *f)
{
	struct stmt q;

	if (db_prepare(db, &q, "INSERT INTO monitor_fetches(at, source, url, "
	    "status, bytes, result) VALUES (:at, nullif(:s, 0), :u, :st, :b, "
	    ":r)") != 0)
		return -1;
	db_bind_int(&q, ":at", f->at);
	db_bind_int(&q, ":s", f->source);
	db_bind_text(&q, ":u", f->url);
	db_bind_int(&q, ":st", f->status);
	db_bind_int(&q, ":b", f->bytes);
	db_bind_text(&q, ":r", f->result);
	return db_step_done(&q);
}

/* The fetches since then, oldest first, at most limit (the latest
** ones).  Returns 0 or -1. */
int
monitor_fetch_each(struct db *db, int64_t since, int limit,
    int (*each)(void *ctx, const struct fetch_row *f), void *ctx)
{
	struct stmt q;
	struct fetch_row f;
	int rc;

	if (db_prepare(db, &q, "SELECT id, at, coalesce(source, 0), url, "
	    "status, bytes, result FROM (SELECT * FROM monitor_fetches WHERE "
	    "at >= :since ORDER BY id DESC LIMIT :lim) ORDER BY id") != 0)
		return -1;
	db_bind_int(&q, ":since", since);
	db_bind_int(&q, ":lim", limit);
	while ((rc = db_step(&q)) == DB_ROW) {
		memset(&f, 0, sizeof(f));
		f.id = db_col_int(&q, 0);
		f.at = db_col_int(&q, 1);
		f.source = db_col_int(&q, 2);
		snprintf(f.url, sizeof(f.url), "%s", db_col_text(&q, 3));
		f.status = (int)db_col_int(&q, 4);
		f.bytes = db_col_int(&q, 5);
		snprintf(f.result, sizeof(f.result), "%s", db_col_text(&q, 6));
		if (each(ctx, &f) != 0) {
			rc = -1;
			break;
		}
	}
	db_finalize(&q);
	return rc == DB_DONE ? 0 : -1;
}

/* ---- findings ---- */

/* Record finding f under key; the same key seen again is counted, not
** added.  Returns 0 with *id and *is_new, or -1. */
int
monitor_finding_add(struct db *db, const struct finding_row *f,
    const void *key, size_t keylen, int64_t *id, int *is_new)
{
	struct stmt q;
	int rc;

	*is_new = 0;
	if (db_prepare(db, &q, "INSERT INTO monitor_findings(source, key, "
	    "found_at, seen_at, score, posts, rules, reason) VALUES (nullif(:s, "
	    "0), :k, :now, :now, :sc, :p, :r, :why) ON CONFLICT (key) DO "
	    "NOTHING") != 0)
		return -1;
	db_bind_int(&q, ":s", f->source);
	db_bind_blob(&q, ":k", key, keylen);
	db_bind_int(&q, ":now", f->found_at);
	db_bind_int(&q, ":sc", f->score);
	db_bind_text(&q, ":p", f->posts);
	db_bind_text(&q, ":r", f->rules);
	db_bind_text(&q, ":why", f->reason);
	if (db_step_done(&q) != 0)
		return -1;
	if (db_changes(db) == 1) {
		*is_new = 1;
		*id = db_last_id(db);
		return 0;
	}
	if (db_prepare(db, &q, "UPDATE monitor_findings SET seen_at = :now, "
	    "times = times + 1 WHERE key = :k RETURNING id") != 0)
		return -1;
	db_bind_int(&q, ":now", f->found_at);
	db_bind_blob(&q, ":k", key, keylen);
	rc = db_step(&q);
	if (rc == DB_ROW)
		*id = db_col_int(&q, 0);
	db_finalize(&q);
	return rc == DB_ROW ? 0 : -1;
}

/* Keep finding id's sealed address.  Returns 0 or -1. */
int
monitor_finding_set_link(struct db *db, int64_t id, const void *sealed,
    size_t n)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE monitor_findings SET link_sealed = :l "
	    "WHERE id = :id") != 0)
		return -1;
	db_bind_blob(&q, ":l", sealed, n);
	db_bind_int(&q, ":id", id);
	return db_step_done(&q);
}

/* Finding id's sealed address (malloc'd).  Returns 1, 0 when it has
** none, or -1. */
int
monitor_finding_link(struct db *db, int64_t id, void **sealed, size_t *n)
{
	struct stmt q;
	const void *p;
	int rc;

	*sealed = NULL;
	*n = 0;
	if (db_prepare(db, &q, "SELECT link_sealed FROM monitor_findings "
	    "WHERE id = :id AND link_sealed IS NOT NULL") != 0)
		return -1;
	db_bind_int(&q, ":id", id);
	rc = db_step(&q);
	if (rc == DB_ROW && (p = db_col_blob(&q, 0, n)) != NULL &&
	    (*sealed = malloc(*n)) != NULL)
		memcpy(*sealed, p, *n);
	else if (rc == DB_ROW)
		rc = -1;
	db_finalize(&q);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

static void
finding_read(struct stmt *q, struct finding_row *f)
{
	memset(f, 0, sizeof(*f));
	f->id = db_col_int(q, 0);
	f->source = db_col_int(q, 1);
	f->found_at = db_col_int(q, 2);
	f->seen_at = db_col_int(q, 3);
	f->times = (int)db_col_int(q, 4);
	f->score = (int)db_col_int(q, 5);
	snprintf(f->posts, sizeof(f->posts), "%s", db_col_text(q, 6));
	snprintf(f->rules, sizeof(f->rules), "%s", db_col_text(q, 7));
	snprintf(f->reason, sizeof(f->reason), "%s", db_col_text(q, 8));
	snprintf(f->status, sizeof(f->status), "%s", db_col_text(q, 9));
	f->incident_id = db_col_int(q, 10);
	snprintf(f->reviewed_by, sizeof(f->reviewed_by), "%s",
	    db_col_text(q, 11));
	f->reviewed_at = db_col_int(q, 12);
}

/* Finding id.  Returns 1, 0 when there is none, or -1. */
int
monitor_finding_get(struct db *db, int64_t id, struct finding_row *f)
{
	struct stmt q;
	int rc;

	if (db_prepare(db, &q, "SELECT id, coalesce(source, 0), found_at, "
	    "seen_at, times, score, posts, rules, reason, status, "
	    "coalesce(incident_id, 0), coalesce(reviewed_by, ''), "
	    "coalesce(reviewed_at, 0) FROM monitor_findings WHERE id = :id")
	    != 0)
		return -1;
	db_bind_int(&q, ":id", id);
	rc = db_step(&q);
	if (rc == DB_ROW)
		finding_read(&q, f);
	db_finalize(&q);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

/* The findings with status (or all, for ""), newest first, at most
** limit.  Returns 0 or -1. */
int
monitor_finding_each(struct db *db, const char *status, int limit,
    int (*each)(void *ctx, const struct finding_row *f), void *ctx)
{
	struct stmt q;
	struct finding_row f;
	int rc;

	if (db_prepare(db, &q, "SELECT id, coalesce(source, 0), found_at, "
	    "seen_at, times, score, posts, rules, reason, status, "
	    "coalesce(incident_id, 0), coalesce(reviewed_by, ''), "
	    "coalesce(reviewed_at, 0) FROM monitor_findings WHERE :st = '' OR "
	    "status = :st ORDER BY id DESC LIMIT :lim") != 0)
		return -1;
	db_bind_text(&q, ":st", status);
	db_bind_int(&q, ":lim", limit);
	while ((rc = db_step(&q)) == DB_ROW) {
		finding_read(&q, &f);
		if (each(ctx, &f) != 0) {
			rc = -1;
			break;
		}
	}
	db_finalize(&q);
	return rc == DB_DONE ? 0 : -1;
}

/* Close finding id, still new, as status ("dismissed" or "incident",
** with the incident).  Returns 0, 1 when it was not new, or -1. */
int
monitor_finding_review(struct db *db, int64_t id, const char *status,
    int64_t incident, const char *by, int64_t now)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE monitor_findings SET status = :st, "
	    "incident_id = nullif(:inc, 0), reviewed_by = :by, reviewed_at = "
	    ":now WHERE id = :id AND status = 'new'") != 0)
		return -1;
	db_bind_text(&q, ":st", status);
	db_bind_int(&q, ":inc", incident);
	db_bind_text(&q, ":by", by);
	db_bind_int(&q, ":now", now);
	db_bind_int(&q, ":id", id);
	if (db_step_done(&q) != 0)
		return -1;
	return db_changes(db) == 0 ? 1 : 0;
}

/* How many findings have status ("" for those not yet alerted).
** Returns the count, or -1. */
int
monitor_findings_count(struct db *db, const char *status)
{
	struct stmt q;
	int rc, n = -1;

	if (db_prepare(db, &q, "SELECT count(*) FROM monitor_findings WHERE "
	    "(:st = '' AND status = 'new' AND alerted_at IS NULL) OR status = "
	    ":st") != 0)
		return -1;
	db_bind_text(&q, ":st", status);
	if ((rc = db_step(&q)) == DB_ROW)
		n = (int)db_col_int(&q, 0);
	db_finalize(&q);
	return n;
}

/* Mark the new findings not yet alerted as alerted.  Returns 0 or -1. */
int
monitor_findings_alerted(struct db *db, int64_t now)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE monitor_findings SET alerted_at = :now "
	    "WHERE status = 'new' AND alerted_at IS NULL") != 0)
		return -1;
	db_bind_int(&q, ":now", now);
	return db_step_done(&q);
}

/* ---- where alerts go ---- */

/* Add a webhook (its address sealed after, with its id).  Returns 0
** with *id, or -1. */
int
monitor_hook_add(struct db *db, const char *label, const char *by,
    int64_t now, int64_t *id)
{
	struct stmt q;

	if (db_prepare(db, &q, "INSERT INTO alert_hooks(label, created_by, "
	    "created_at) VALUES (:l, :by, :now)") != 0)
		return -1;
	db_bind_text(&q, ":l", label);
	db_bind_text(&q, ":by", by);
	db_bind_int(&q, ":now", now);
	if (db_step_done(&q) != 0)
		return -1;
	*id = db_last_id(db);
	return 0;
}

int
monitor_hook_set_url(struct db *db, int64_t id, const void *sealed, size_t n)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE alert_hooks SET url_sealed = :u WHERE "
	    "id = :id") != 0)
		return -1;
	db_bind_blob(&q, ":u", sealed, n);
	db_bind_int(&q, ":id", id);
	return db_step_done(&q);
}

/* Stop sending to webhook id.  Returns 0, 1 when there was none, or -1. */
int
monitor_hook_remove(struct db *db, int64_t id, int64_t now)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE alert_hooks SET removed_at = :now "
	    "WHERE id = :id AND removed_at IS NULL") != 0)
		return -1;
	db_bind_int(&q, ":now", now);
	db_bind_int(&q, ":id", id);
	if (db_step_done(&q) != 0)
		return -1;
	return db_changes(db) == 0 ? 1 : 0;
}

/* The webhooks in use, with their sealed addresses.  Returns 0 or -1. */
int
monitor_hook_each(struct db *db, int (*each)(void *ctx,
    const struct hook_row *h, const void *sealed, size_t n), void *ctx)
{
	struct stmt q;
	struct hook_row h;
	const void *p;
	size_t n;
	int rc;

	if (db_prepare(db, &q, "SELECT id, created_at, coalesce(last_at, 0), "
	    "label, created_by, last_result, url_sealed FROM alert_hooks "
	    "WHERE removed_at IS NULL AND url_sealed IS NOT NULL ORDER BY id")
	    != 0)
		return -1;
	while ((rc = db_step(&q)) == DB_ROW) {
		memset(&h, 0, sizeof(h));
		h.id = db_col_int(&q, 0);
		h.created_at = db_col_int(&q, 1);
		h.last_at = db_col_int(&q, 2);
		snprintf(h.label, sizeof(h.label), "%s", db_col_text(&q, 3));
		snprintf(h.created_by, sizeof(h.created_by), "%s",
		    db_col_text(&q, 4));
		snprintf(h.last_result, sizeof(h.last_result), "%s",
		    db_col_text(&q, 5));
		p = db_col_blob(&q, 6, &n);
		if (each(ctx, &h, p, n) != 0) {
			rc = -1;
			break;
		}
	}
	db_finalize(&q);
	return rc == DB_DONE ? 0 : -1;
}

int
monitor_hook_result(struct db *db, int64_t id, int64_t now,
    const char *result)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE alert_hooks SET last_at = :now, "
	    "last_result = :r WHERE id = :id") != 0)
		return -1;
	db_bind_int(&q, ":now", now);
	db_bind_text(&q, ":r", result);
	db_bind_int(&q, ":id", id);
	return db_step_done(&q);
}

/* Whether user wants alerts by e-mail.  Returns 0 or -1. */
int
monitor_alert_email_set(struct db *db, int64_t user, int on)
{
	struct stmt q;

	if (db_prepare(db, &q, "INSERT INTO alert_prefs(user_id, email) "
	    "VALUES (:u, :on) ON CONFLICT (user_id) DO UPDATE SET email = :on")
	    != 0)
		return -1;
	db_bind_int(&q, ":u", user);
	db_bind_int(&q, ":on", on ? 1 : 0);
	return db_step_done(&q);
}

/* 1 when user wants alerts by e-mail, 0 when not, -1 on error. */
int
monitor_alert_email_get(struct db *db, int64_t user)
{
	struct stmt q;
	int rc, on = 0;

	if (db_prepare(db, &q, "SELECT email FROM alert_prefs WHERE user_id "
	    "= :u") != 0)
		return -1;
	db_bind_int(&q, ":u", user);
	if ((rc = db_step(&q)) == DB_ROW)
		on = (int)db_col_int(&q, 0);
	db_finalize(&q);
	return rc == DB_ROW || rc == DB_DONE ? on : -1;
}
