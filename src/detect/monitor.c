/*
** monitor.c: reading the sources on their schedule.  See monitor.h.
**
** One run reads every source that is due, one after another.  Nothing is
** held open in the database while a fetch waits on the network: each
** fetch is logged in a transaction of its own (with its audit entry), and
** what a source's items came to (its findings, its next time) in one more.
** The sites' state (next allowed request, robots.txt, errors in a row)
** is kept in memory for the run and written with each fetch.
*/
#include "monitor.h"

#include <curl/curl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "../cli.h"
#include "../core/gate.h"
#include "../crypto/digest.h"
#include "../store/db.h"
#include "../store/monitor.h"
#include "../util/buf.h"
#include "../util/log.h"
#include "../util/util.h"
#include "alert.h"
#include "extract.h"
#include "feed.h"
#include "fetch.h"
#include "live.h"
#include "robots.h"
#include "scan.h"
#include "watch.h"

#define ROBOTS_EVERY 86400	/* seconds between two reads of robots.txt */
#define HOSTS_MAX 128		/* sites one run keeps in memory */
#define NESTED_MAX 5		/* sitemaps of a sitemap index read */

static const char *const kinds[] = { "feed", "page", "sitemap", "search",
    NULL };

struct site {
	char origin[320];	/* scheme://host:port */
	struct host_row row;
	int delay;		/* robots.txt's Crawl-delay */
	char robots_err[ERR_MAX];	/* why it could not be read, this run */
};

/* A finding waiting for its source's transaction. */
struct pending {
	struct finding_row f;
	uint8_t key[MAC_BYTES];
	char *link;
};

struct run {
	struct gate *g;
	struct monitor_opts o;
	struct monitor_report *r;
	struct live_view *lv;
	struct watch_set *ws;
	struct site *sites;
	int nsites;
	int64_t started;
	/* the source being read */
	const struct source_row *src;
	struct pending *p;
	int np, cp;
	int items, ok, errors, unmodified, refused, deferred;
	long last_status, retry_after;
	char last_err[ERR_MAX];
};

static int64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* url's origin ("http://host:port") and its path with the query.
** Returns 0, or -1 when url is not an http(s) address. */
static int
split_url(const char *url, char *origin, size_t ocap, char *path,
    size_t pcap)
{
	CURLU *u = curl_url();
	char *scheme = NULL, *host = NULL, *port = NULL, *p = NULL, *q = NULL;
	int rc = -1;

	if (u && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) ==
	    CURLUE_OK && curl_url_get(u, CURLUPART_PATH, &p, 0) == CURLUE_OK &&
	    (strcmp(scheme, "http") == 0 || strcmp(scheme, "https") == 0)) {
		curl_url_get(u, CURLUPART_QUERY, &q, 0);
		snprintf(origin, ocap, "%s://%s:%s", scheme, host, port);
		snprintf(path, pcap, "%s%s%s", p, q ? "?" : "", q ? q : "");
		rc = 0;
	}
	curl_free(scheme);
	curl_free(host);
	curl_free(port);
	curl_free(p);
	curl_free(q);
	curl_url_cleanup(u);
	return rc;
}

/* The run's state of the site at origin, read from the database the
** first time.  NULL when too many sites or the database fails. */
static struct site *
site_of(struct run *R, const char *origin)
{
	struct site *s;
	int i;

	for (i = 0; i < R->nsites; i++)
		if (strcmp(R->sites[i].origin, origin) == 0)
			return &R->sites[i];
	if (R->nsites == HOSTS_MAX)
		return NULL;
	s = &R->sites[R->nsites];
	memset(s, 0, sizeof(*s));
	snprintf(s->origin, sizeof(s->origin), "%s", origin);
	if (monitor_host_get(gate_db(R->g), origin, &s->row) != 0)
		return NULL;
	if (s->row.robots)
		robots_allows(s->row.robots, strlen(s->row.robots), MONITOR_AGENT,
		    "/", &s->delay);
	R->nsites++;
	return s;
}

/* Write the log row of one fetch of url, the site's state and the
** fetch's audit entry, in the caller's transaction.  Returns 0 or -1. */
static int
fetch_rows(struct run *R, struct site *s, const char *url, long status,
    size_t bytes, const char *result)
{
	struct fetch_row f;
	char target[32], detail[200], host[128];

	memset(&f, 0, sizeof(f));
	f.at = util_now();
	f.source = R->src ? R->src->id : 0;
	snprintf(f.url, sizeof(f.url), "%s", url);
	f.status = (int)status;
	f.bytes = (int64_t)bytes;
	snprintf(f.result, sizeof(f.result), "%s", result);
	if (!fetch_http_url(url, MONITOR_URL_MAX, host, sizeof(host)))
		snprintf(host, sizeof(host), "?");
	snprintf(target, sizeof(target), "source %lld", (long long)f.source);
	snprintf(detail, sizeof(detail), "GET %.60s: %.130s", host, result);
	if (monitor_fetch_log(gate_db(R->g), &f) != 0 ||
	    monitor_host_put(gate_db(R->g), s->origin, &s->row) != 0 ||
	    gate_audit(R->g, "monitor.fetch", target, detail) != 0)
		return -1;
	R->r->fetches++;
	return 0;
}

/* Log one fetch of url in a transaction of its own.  Returns 0 or -1. */
static int
log_fetch(struct run *R, struct site *s, const char *url, long status,
    size_t bytes, const char *result)
{
	if (gate_begin(R->g) != 0)
		return -1;
	if (fetch_rows(R, s, url, status, bytes, result) != 0 ||
	    gate_commit(R->g) != 0) {
		gate_rollback(R->g);
		return -1;
	}
	return 0;
}

/* Wait until site s may be asked again.  Returns 0, or -1 when that is
** further off than the run waits (the fetch is left for a later run). */
static int
wait_for(struct run *R, struct site *s)
{
	int64_t wait = s->row.next_ms - now_ms();

	if (wait <= 0)
		return 0;
	if (wait > (int64_t)R->o.max_wait * 1000)
		return -1;
	while (wait > 0) {
		usleep((useconds_t)(wait > 500 ? 500000 : wait * 1000));
		wait = s->row.next_ms - now_ms();
	}
	return 0;
}

/* After a request to s: the next may come gap seconds later (robots.txt's
** Crawl-delay if longer), later still after errors in a row. */
static void
space_next(struct run *R, struct site *s, int error, long retry_after)
{
	int64_t gap = s->delay > R->o.host_gap ? s->delay : R->o.host_gap;

	if (error) {
		s->row.failures++;
		gap <<= s->row.failures < 6 ? s->row.failures : 6;
	} else {
		s->row.failures = 0;
	}
	if (retry_after > gap)
		gap = retry_after > MONITOR_BACKOFF_MAX ? MONITOR_BACKOFF_MAX :
		    retry_after;
	s->row.next_ms = now_ms() + gap * 1000;
}

/* Read the robots.txt of s if it is older than a day.  Returns 0, or -1
** when the site must wait (deferred). */
static int
read_robots(struct run *R, struct site *s)
{
	struct fetch_get q;
	char url[340], err[ERR_MAX], result[MONITOR_RESULT_MAX];
	int64_t now = util_now();

	if (s->row.robots_at > now - ROBOTS_EVERY)
		return 0;
	if (wait_for(R, s) != 0)
		return -1;
	snprintf(url, sizeof(url), "%s/robots.txt", s->origin);
	memset(&q, 0, sizeof(q));
	q.url = url;
	q.agent = MONITOR_AGENT;
	q.max_bytes = ROBOTS_MAX_BYTES;
	q.timeout = R->o.timeout;
	q.allow_private = R->o.allow_private;
	monitor_host_free(&s->row);
	s->delay = 0;
	s->robots_err[0] = '\0';
	if (fetch_get(&q, err) != 0) {
		/* unreachable: nothing may be fetched, and it is asked
		** again next run (RFC 9309, 2.3.1.4) */
		s->row.robots_status = 0;
		s->row.robots_at = 0;
		snprintf(s->robots_err, sizeof(s->robots_err), "%s", err);
		snprintf(result, sizeof(result), "robots.txt: %.180s", err);
	} else {
		s->row.robots_status = (int)q.status;
		s->row.robots_at = now;
		if (q.status >= 200 && q.status < 300) {
			s->row.robots = q.body;
			q.body = NULL;
			robots_allows(s->row.robots, q.len, MONITOR_AGENT, "/",
			    &s->delay);
		} else if (q.status >= 500 || q.status == 429) {
			s->row.robots_at = 0;
			snprintf(s->robots_err, sizeof(s->robots_err),
			    "robots.txt answered %ld", q.status);
		}
		snprintf(result, sizeof(result), "robots.txt: %ld", q.status);
	}
	/* an unreachable robots.txt is an error of the site: it backs off */
	space_next(R, s, s->robots_err[0] != '\0', q.retry_after);
	free(q.body);
	return log_fetch(R, s, url, q.status, q.len, result) == 0 ? 0 : -1;
}

/* May path be fetched from s, as its robots.txt says?  A robots.txt that
** could not be reached (or answered 5xx) allows nothing; a missing one
** (4xx) everything. */
static int
robots_say(const struct site *s, const char *path)
{
	if (s->row.robots)
		return robots_allows(s->row.robots, strlen(s->row.robots),
		    MONITOR_AGENT, path, NULL);
	return s->row.robots_status >= 400 && s->row.robots_status < 500 &&
	    s->row.robots_status != 429;
}

/* Fetch url for the current source, conditional on what its last answer
** said, within the site's limits.  Returns 1 with a fresh answer in q
** (2xx; the caller frees q->body), 0 when there is nothing new to read
** (not modified, refused by robots.txt, deferred, or an error, each
** counted and logged), or -1 when the database failed. */
static int
fetch_one(struct run *R, const char *url, struct fetch_get *q,
    const char *lastmod)
{
	char origin[320], path[MONITOR_URL_MAX + 1], etag[256], mod[64],
	    lm[64], err[ERR_MAX], result[MONITOR_RESULT_MAX];
	struct site *s;
	int64_t now;

	memset(q, 0, sizeof(*q));
	if (split_url(url, origin, sizeof(origin), path, sizeof(path)) != 0 ||
	    (s = site_of(R, origin)) == NULL) {
		R->errors++;
		snprintf(R->last_err, sizeof(R->last_err), "not an http(s) "
		    "address, or too many sites in one run");
		return 0;
	}
	if (R->o.budget > 0 && util_now() - R->started > R->o.budget) {
		R->deferred++;
		return 0;
	}
	/* a robots.txt that failed once in this run is not asked again in
	** it: the site's other addresses wait for the next run */
	if (!s->robots_err[0] && read_robots(R, s) != 0) {
		R->deferred++;
		return 0;
	}
	if (s->robots_err[0]) {
		/* robots.txt could not be read: nothing is fetched */
		R->errors++;
		snprintf(R->last_err, sizeof(R->last_err), "%s", s->robots_err);
		return 0;
	}
	if (!robots_say(s, path)) {
		R->refused++;
		R->r->refused++;
		snprintf(R->last_err, sizeof(R->last_err), "robots.txt does "
		    "not allow it");
		return log_fetch(R, s, url, 0, 0, "not fetched: robots.txt "
		    "does not allow it") == 0 ? 0 : -1;
	}
	if (wait_for(R, s) != 0) {
		R->deferred++;
		return 0;
	}
	if (monitor_url_get(gate_db(R->g), url, etag, sizeof(etag), mod,
	    sizeof(mod), lm, sizeof(lm)) < 0)
		return -1;
	q->url = url;
	q->etag = etag;
	q->modified = mod;
	q->agent = MONITOR_AGENT;
	q->max_bytes = MONITOR_MAX_BYTES;
	q->timeout = R->o.timeout;
	q->allow_private = R->o.allow_private;
	now = util_now();
	if (fetch_get(q, err) != 0) {
		R->errors++;
		R->last_status = 0;
		snprintf(R->last_err, sizeof(R->last_err), "%s", err);
		space_next(R, s, 1, 0);
		snprintf(result, sizeof(result), "error: %.180s", err);
		return log_fetch(R, s, url, 0, 0, result) == 0 ? 0 : -1;
	}
	R->last_status = q->status;
	if (q->status == 304) {
		R->unmodified++;
		R->r->not_modified++;
		space_next(R, s, 0, 0);
		free(q->body);
		q->body = NULL;
		return log_fetch(R, s, url, 304, 0, "not modified") == 0 ? 0 :
		    -1;
	}
	if (q->status < 200 || q->status > 299) {
		int busy = q->status == 429 || q->status >= 500;

		R->errors++;
		R->retry_after = q->retry_after > R->retry_after ?
		    q->retry_after : R->retry_after;
		snprintf(R->last_err, sizeof(R->last_err), "the site answered "
		    "%ld", q->status);
		space_next(R, s, busy, q->retry_after);
		snprintf(result, sizeof(result), "answered %ld%s", q->status,
		    q->retry_after ? ", asked to wait" : "");
		free(q->body);
		q->body = NULL;
		return log_fetch(R, s, url, q->status, 0, result) == 0 ? 0 :
		    -1;
	}
	R->ok++;
	space_next(R, s, 0, 0);
	if (gate_begin(R->g) != 0 || monitor_url_put(gate_db(R->g), url,
	    q->etag_out, q->modified_out, lastmod ? lastmod : "", now) != 0) {
		gate_rollback(R->g);
		free(q->body);
		q->body = NULL;
		return -1;
	}
	/* the validators are kept in the same transaction as the log */
	snprintf(result, sizeof(result), "%ld, %zu bytes", q->status, q->len);
	if (fetch_rows(R, s, url, q->status, q->len, result) != 0 ||
	    gate_commit(R->g) != 0) {
		gate_rollback(R->g);
		free(q->body);
		q->body = NULL;
		return -1;
	}
	return 1;
}

/* ---- judging an item ---- */

struct item_text {
	struct buf plain;
	struct scanner *s;
};

static int
keep_and_scan(void *ctx, const char *text, size_t n)
{
	struct item_text *t = ctx;

	buf_append(&t->plain, text, n);
	return scanner_feed(t->s, text, n);
}

struct hits {
	int64_t rule[32];
	char what[32][160];
	int n, closest;
};

static int
keep_hit(void *ctx, const struct watch_hit *h)
{
	struct hits *k = ctx;
	int i;

	if (h->distance < k->closest)
		k->closest = h->distance;
	for (i = 0; i < k->n; i++)
		if (k->rule[i] == h->rule)
			return 0;
	if (k->n == 32)
		return 0;
	k->rule[k->n] = h->rule;
	snprintf(k->what[k->n], sizeof(k->what[0]), "\"%.60s\" %d word%s from "
	    "\"%.60s\"", h->name, h->distance, h->distance == 1 ? "" : "s",
	    h->near);
	k->n++;
	return 0;
}

static int
by_post(const void *a, const void *b)
{
	const struct scan_match *x = a, *y = b;

	return x->post_id < y->post_id ? -1 : x->post_id > y->post_id;
}

static int
by_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

/* Judge one item: its text (of content type ctype; feed items are HTML)
** through the leak detector and the watch list.  What matched waits in
** R->p for the source's transaction.  Returns 0 or -1. */
static int
judge(struct run *R, const char *link, const char *body, size_t n,
    const char *ctype)
{
	struct extract_opts xo;
	struct item_text t;
	struct scanner s;
	struct scan_match *m = NULL;
	struct hits k;
	struct pending *p;
	struct mac_field mf[4];
	uint8_t digest[DIGEST_BYTES];
	size_t nm = 0, i, len;
	char err[ERR_MAX], reason[600], one[120];
	int rc = 0, fps = 0, score;

	R->items++;
	R->r->items++;
	memset(&xo, 0, sizeof(xo));
	xo.lang = "eng";
	xo.max_bytes = MONITOR_MAX_BYTES;
	memset(&k, 0, sizeof(k));
	k.closest = 1000;
	buf_init(&t.plain, MONITOR_MAX_BYTES);
	scanner_init(&s, R->lv->ix, R->lv->delta, SCAN_MIN_FPS,
	    SCAN_MIN_WORDS);
	t.s = &s;
	/* a broken item is judged on what could be read of it */
	(void)extract_buffer(body, n, ctype, &xo, keep_and_scan, &t, NULL,
	    err);
	if (scanner_finish(&s, &m, &nm) != 0)
		rc = -1;
	scanner_free(&s);
	if (rc == 0 && R->ws && watch_text(R->ws, t.plain.data ? t.plain.data :
	    "", t.plain.len, keep_hit, &k) < 0)
		rc = -1;
	if (rc != 0 || (nm == 0 && k.n == 0))
		goto done;
	if (R->np == R->cp) {
		int cap = R->cp ? R->cp * 2 : 16;
		struct pending *np = realloc(R->p, (size_t)cap * sizeof(*np));

		if (np == NULL) {
			rc = -1;
			goto done;
		}
		R->p = np;
		R->cp = cap;
	}
	p = &R->p[R->np];
	memset(p, 0, sizeof(*p));
	p->f.source = R->src->id;
	p->f.found_at = util_now();
	if (nm > 1)
		qsort(m, nm, sizeof(*m), by_post);
	if (k.n > 1)
		qsort(k.rule, (size_t)k.n, sizeof(k.rule[0]), by_id);
	reason[0] = '\0';
	if (nm) {
		snprintf(reason, sizeof(reason), "%zu of the community's "
		    "posts found by fingerprints (", nm);
		for (i = 0; i < nm; i++) {
			len = strlen(p->f.posts);
			snprintf(p->f.posts + len, sizeof(p->f.posts) - len,
			    "%s%lld", i ? "," : "", (long long)m[i].post_id);
			snprintf(one, sizeof(one), "%spost %lld: %u fingerprints,"
			    " %.0f%%", i ? "; " : "", (long long)m[i].post_id,
			    m[i].fps, m[i].coverage * 100);
			len = strlen(reason);
			snprintf(reason + len, sizeof(reason) - len, "%s", one);
			fps += (int)m[i].fps;
		}
		len = strlen(reason);
		snprintf(reason + len, sizeof(reason) - len, ")");
	}
	for (i = 0; i < (size_t)k.n; i++) {
		len = strlen(p->f.rules);
		snprintf(p->f.rules + len, sizeof(p->f.rules) - len, "%s%lld",
		    i ? "," : "", (long long)k.rule[i]);
	}
	if (k.n) {
		len = strlen(reason);
		snprintf(reason + len, sizeof(reason) - len, "%sthe watch list: "
		    "%s%s", nm ? "; " : "", k.what[0], k.n > 1 ? " and more" :
		    "");
	}
	snprintf(p->f.reason, sizeof(p->f.reason), "%s", reason);
	/* a post found outweighs a name near a word; both, most */
	if (nm)
		score = 70 + (fps / 2 > 20 ? 20 : fps / 2) + (k.n ? 10 : 0);
	else
		score = 30 + (k.n > 3 ? 30 : 10 * k.n) + (k.closest <= 5 ? 10 :
		    0);
	p->f.score = score > 100 ? 100 : score;
	/* the same item with the same evidence is one finding */
	digest_text(link ? link : (t.plain.data ? t.plain.data : ""), link ?
	    strlen(link) : t.plain.len, digest);
	mf[0].p = "monitor-finding";
	mf[0].n = 15;
	mf[1].p = digest;
	mf[1].n = sizeof(digest);
	mf[2].p = p->f.posts;
	mf[2].n = strlen(p->f.posts);
	mf[3].p = p->f.rules;
	mf[3].n = strlen(p->f.rules);
	gate_mac(R->g, mf, 4, p->key);
	if (link && (p->link = strdup(link)) == NULL) {
		rc = -1;
		goto done;
	}
	R->np++;
done:
	scan_matches_free(m, nm);
	explicit_bzero(t.plain.data ? t.plain.data : err, t.plain.data ?
	    t.plain.len : 0);
	buf_free(&t.plain);
	return rc;
}

/* ---- reading a source ---- */

struct feed_ctx {
	struct run *R;
	const char *base;	/* the URL fetched, for relative links */
	char (*pages)[MONITOR_URL_MAX + 1];
	char (*mods)[64];
	int npages, nsitemaps;
	char (*sitemaps)[MONITOR_URL_MAX + 1];
	int no_deeper;		/* reading a sitemap index's sitemaps */
	int failed;
};

/* link resolved against base into out ("" when it cannot be). */
static void
resolve(const char *base, const char *link, char *out, size_t cap)
{
	CURLU *u = curl_url();
	char *full = NULL;

	out[0] = '\0';
	if (u && curl_url_set(u, CURLUPART_URL, base, 0) == CURLUE_OK &&
	    curl_url_set(u, CURLUPART_URL, link, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_URL, &full, 0) == CURLUE_OK &&
	    strlen(full) < cap)
		snprintf(out, cap, "%s", full);
	curl_free(full);
	curl_url_cleanup(u);
}

static int
on_item(void *ctx, const struct feed_item *it)
{
	struct feed_ctx *fc = ctx;
	char link[MONITOR_URL_MAX + 1];

	link[0] = '\0';
	if (it->link)
		resolve(fc->base, it->link, link, sizeof(link));
	if (it->kind == FEED_ITEM) {
		if (judge(fc->R, link[0] ? link : NULL, it->text, it->len,
		    "text/html") != 0)
			fc->failed = 1;
		return fc->failed;
	}
	if (link[0] == '\0')
		return 0;
	if (it->kind == FEED_SITEMAP && !fc->no_deeper && fc->nsitemaps <
	    NESTED_MAX)
		snprintf(fc->sitemaps[fc->nsitemaps++], MONITOR_URL_MAX + 1,
		    "%s", link);
	else if (it->kind == FEED_PAGE && fc->npages < FEED_ITEMS_MAX) {
		snprintf(fc->pages[fc->npages], MONITOR_URL_MAX + 1, "%s", link);
		snprintf(fc->mods[fc->npages++], 64, "%s", it->lastmod ?
		    it->lastmod : "");
	}
	return 0;
}

/* Read the pages a sitemap listed that changed since they were last
** read, at most MONITOR_PAGES_MAX of them.  Returns 0 or -1. */
static int
read_pages(struct run *R, struct feed_ctx *fc)
{
	struct fetch_get q;
	char etag[256], mod[64], lm[64];
	int i, read = 0, rc;

	for (i = 0; i < fc->npages && read < MONITOR_PAGES_MAX; i++) {
		if (monitor_url_get(gate_db(R->g), fc->pages[i], etag,
		    sizeof(etag), mod, sizeof(mod), lm, sizeof(lm)) < 0)
			return -1;
		if (lm[0] && strcmp(lm, fc->mods[i]) == 0)
			continue;	/* the sitemap says it did not change */
		read++;
		rc = fetch_one(R, fc->pages[i], &q, fc->mods[i]);
		if (rc < 0)
			return -1;
		if (rc == 1) {
			rc = judge(R, fc->pages[i], q.body, q.len, q.ctype[0] ?
			    q.ctype : NULL);
			free(q.body);
			if (rc != 0)
				return -1;
		}
	}
	return 0;
}

struct names {
	char (*out)[MONITOR_URL_MAX + 1];
	const char *tmpl;
	int n, max;
};

static int
fill_one(void *ctx, const struct watch_row *w)
{
	struct names *nm = ctx;
	const char *at = strstr(nm->tmpl, "{q}");
	char *esc;
	int i;

	if (nm->n == nm->max)
		return 0;
	if ((esc = curl_easy_escape(NULL, w->text, 0)) == NULL)
		return -1;
	snprintf(nm->out[nm->n], MONITOR_URL_MAX + 1, "%.*s%s%s",
	    (int)(at - nm->tmpl), nm->tmpl, esc, at + 3);
	curl_free(esc);
	for (i = 0; i < nm->n; i++)
		if (strcmp(nm->out[i], nm->out[nm->n]) == 0)
			return 0;
	nm->n++;
	return 0;
}

/* Fill the template tmpl's {q} with each name on the watch list, at most
** max addresses, each once (a template without {q} is itself).  Returns
** how many, or -1. */
static int
fill_queries(struct run *R, const char *tmpl,
    char (*out)[MONITOR_URL_MAX + 1], int max)
{
	struct names nm;

	if (strstr(tmpl, "{q}") == NULL) {
		snprintf(out[0], MONITOR_URL_MAX + 1, "%s", tmpl);
		return 1;
	}
	nm.out = out;
	nm.tmpl = tmpl;
	nm.n = 0;
	nm.max = max;
	if (monitor_watch_each(gate_db(R->g), fill_one, &nm) != 0)
		return -1;
	return nm.n;
}

/* Read the items of one answer of source s.  Returns 0 or -1. */
static int
read_answer(struct run *R, const struct source_row *s, const char *url,
    struct fetch_get *q, struct feed_ctx *fc)
{
	struct feed_map map;
	char err[ERR_MAX];
	int rc = 0;

	fc->base = url;
	if (strcmp(s->kind, "page") == 0)
		return judge(R, url, q->body, q->len, q->ctype[0] ? q->ctype :
		    NULL);
	if (strcmp(s->kind, "search") == 0) {
		map.items = s->items;
		map.text = s->text_at;
		map.link = s->link_at;
		rc = feed_read_json(q->body, q->len, &map, on_item, fc, err);
	} else {
		rc = feed_read_xml(q->body, q->len, on_item, fc, err);
	}
	if (rc != 0) {
		R->errors++;
		snprintf(R->last_err, sizeof(R->last_err), "%s", err);
		return 0;
	}
	return fc->failed ? -1 : 0;
}

/* Write what source s came to, with its findings, in one transaction. */
static int
source_done(struct run *R, struct source_row *s, json_t *findings)
{
	char target[32], detail[200];
	int64_t id, now = util_now(), wait;
	int i, is_new, found = 0, again = 0;
	size_t n;
	uint8_t *sealed;

	if (gate_begin(R->g) != 0)
		return -1;
	for (i = 0; i < R->np; i++) {
		struct pending *p = &R->p[i];

		if (monitor_finding_add(gate_db(R->g), &p->f, p->key,
		    sizeof(p->key), &id, &is_new) != 0)
			goto fail;
		if (!is_new) {
			again++;
			continue;
		}
		found++;
		if (p->link) {
			sealed = gate_seal(R->g, SEALED_FINDING_LINK, id, p->link,
			    &n);
			if (sealed == NULL || monitor_finding_set_link(gate_db(
			    R->g), id, sealed, n) != 0) {
				free(sealed);
				goto fail;
			}
			free(sealed);
		}
		if (findings)
			json_array_append_new(findings, json_pack("{s:I, s:I, "
			    "s:i, s:s, s:s, s:s}", "id", (json_int_t)id,
			    "source", (json_int_t)s->id, "score", p->f.score,
			    "posts", p->f.posts, "rules", p->f.rules, "reason",
			    p->f.reason));
	}
	s->last_at = now;
	s->last_status = (int)R->last_status;
	s->findings += found;
	if (R->errors && R->ok == 0 && R->unmodified == 0) {
		/* back off: twice as long after each error in a row */
		s->failures++;
		wait = (int64_t)s->every * 60 << (s->failures < 10 ?
		    s->failures : 10);
		if (R->retry_after > wait)
			wait = R->retry_after;
		if (wait > MONITOR_BACKOFF_MAX)
			wait = MONITOR_BACKOFF_MAX;
		s->next_at = now + wait;
		snprintf(s->last_result, sizeof(s->last_result), "%s; next try "
		    "in %lld min", R->last_err, (long long)(wait + 59) / 60);
	} else {
		if (R->ok || R->unmodified)
			s->failures = 0;
		s->next_at = now + (int64_t)s->every * 60;
		if (R->deferred && R->ok == 0 && R->unmodified == 0)
			s->next_at = now + 60;	/* the site asked to wait */
		snprintf(s->last_result, sizeof(s->last_result), "%s%d item%s, "
		    "%d new finding%s%s%s%s%.120s", R->unmodified && !R->ok ?
		    "not modified; " : "", R->items, R->items == 1 ? "" : "s",
		    found, found == 1 ? "" : "s", R->refused ? "; refused by "
		    "robots.txt" : "", R->deferred ? "; some left for later" :
		    "", R->errors && R->last_err[0] ? "; " : "", R->errors ?
		    R->last_err : "");
	}
	snprintf(target, sizeof(target), "source %lld", (long long)s->id);
	snprintf(detail, sizeof(detail), "%d item%s, %d new finding%s, %d "
	    "seen again", R->items, R->items == 1 ? "" : "s", found, found ==
	    1 ? "" : "s", again);
	if (monitor_source_done(gate_db(R->g), s) != 0 ||
	    gate_audit(R->g, "monitor.read", target, detail) != 0 ||
	    gate_commit(R->g) != 0)
		goto fail;
	R->r->found += found;
	R->r->seen_again += again;
	return 0;
fail:
	gate_rollback(R->g);
	return -1;
}

/* Read source s once.  Returns 0 or -1 (the database failed). */
static int
read_source(struct run *R, struct source_row *s)
{
	struct feed_ctx fc;
	struct fetch_get q;
	char (*urls)[MONITOR_URL_MAX + 1] = NULL;
	int i, n, rc = 0;

	R->src = s;
	R->np = 0;
	R->items = R->ok = R->errors = R->unmodified = R->refused = 0;
	R->deferred = 0;
	R->last_status = R->retry_after = 0;
	R->last_err[0] = '\0';
	memset(&fc, 0, sizeof(fc));
	fc.R = R;
	urls = calloc(MONITOR_QUERIES_MAX, sizeof(*urls));
	fc.pages = calloc(FEED_ITEMS_MAX, sizeof(*fc.pages));
	fc.mods = calloc(FEED_ITEMS_MAX, sizeof(*fc.mods));
	fc.sitemaps = calloc(NESTED_MAX, sizeof(*fc.sitemaps));
	if (urls == NULL || fc.pages == NULL || fc.mods == NULL ||
	    fc.sitemaps == NULL) {
		rc = -1;
		goto out;
	}
	if (strcmp(s->kind, "search") == 0)
		n = fill_queries(R, s->url, urls, MONITOR_QUERIES_MAX);
	else {
		snprintf(urls[0], sizeof(urls[0]), "%s", s->url);
		n = 1;
	}
	if (n < 0) {
		rc = -1;
		goto out;
	}
	if (n == 0)
		snprintf(R->last_err, sizeof(R->last_err), "the watch list is "
		    "empty: nothing to search for");
	for (i = 0; i < n && rc == 0; i++) {
		int got = fetch_one(R, urls[i], &q, NULL);

		if (got < 0)
			rc = -1;
		else if (got == 1) {
			rc = read_answer(R, s, urls[i], &q, &fc);
			free(q.body);
		}
	}
	/* a sitemap index's sitemaps, then the pages of them all */
	fc.no_deeper = 1;	/* an index's sitemaps are read, not theirs */
	for (i = 0; i < fc.nsitemaps && rc == 0; i++) {
		int got = fetch_one(R, fc.sitemaps[i], &q, NULL);

		if (got < 0)
			rc = -1;
		else if (got == 1) {
			rc = read_answer(R, s, fc.sitemaps[i], &q, &fc);
			free(q.body);
		}
	}
	if (rc == 0 && fc.npages)
		rc = read_pages(R, &fc);
	if (rc == 0) {
		json_t *findings = R->r->findings;

		rc = source_done(R, s, findings);
		if (rc == 0 && R->r->runs)
			json_array_append_new(R->r->runs, json_pack("{s:I, s:s, "
			    "s:s, s:i, s:s, s:i, s:I}", "id", (json_int_t)s->id,
			    "kind", s->kind, "url", s->url, "status",
			    s->last_status, "result", s->last_result, "items",
			    R->items, "next_at", (json_int_t)s->next_at));
	}
	R->r->sources++;
	if (R->errors)
		R->r->failed++;
	if (R->deferred)
		R->r->deferred++;
out:
	for (i = 0; i < R->np; i++)
		free(R->p[i].link);
	R->np = 0;
	free(urls);
	free(fc.pages);
	free(fc.mods);
	free(fc.sitemaps);
	R->src = NULL;
	return rc;
}

struct due {
	struct source_row *s;
	int n, cap;
	int64_t only;
};

static int
collect_due(void *ctx, const struct source_row *s)
{
	struct due *d = ctx;
	struct source_row *ns;

	if (d->only && s->id != d->only)
		return 0;
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 16;
		if ((ns = realloc(d->s, (size_t)d->cap * sizeof(*ns))) == NULL)
			return -1;
		d->s = ns;
	}
	d->s[d->n++] = *s;
	return 0;
}

/* Read every source that is due (or o->source, due or not).  Returns 0
** with r filled, or -1 with err. */
int
monitor_run(struct gate *g, const struct monitor_opts *o,
    struct monitor_report *r, char *err)
{
	struct run R;
	struct due d;
	int i, rc = 0;

	memset(&R, 0, sizeof(R));
	memset(&d, 0, sizeof(d));
	R.g = g;
	R.o = *o;
	R.r = r;
	if (R.o.host_gap <= 0)
		R.o.host_gap = MONITOR_HOST_GAP;
	if (R.o.max_wait <= 0)
		R.o.max_wait = MONITOR_MAX_WAIT;
	if (R.o.timeout <= 0)
		R.o.timeout = MONITOR_TIMEOUT;
	R.started = util_now();
	d.only = o->source;
	if (monitor_source_each(gate_db(g), o->source ? 0 : R.started,
	    collect_due, &d) != 0) {
		free(d.s);
		err_set(err, "cannot read the sources");
		return -1;
	}
	if (d.n == 0) {
		free(d.s);
		return 0;
	}
	if ((R.sites = calloc(HOSTS_MAX, sizeof(*R.sites))) == NULL) {
		free(d.s);
		err_set(err, "out of memory");
		return -1;
	}
	if ((R.lv = live_take(g, err)) == NULL) {
		rc = -1;
		goto out;
	}
	if ((R.ws = watch_load(gate_db(g))) == NULL) {
		err_set(err, "cannot read the watch list");
		rc = -1;
		goto out;
	}
	for (i = 0; i < d.n; i++) {
		/* past the budget, the rest stay due for the next run */
		if (R.o.budget > 0 && util_now() - R.started > R.o.budget)
			break;
		if (read_source(&R, &d.s[i]) != 0) {
			err_set(err, "cannot save: %s", db_error(gate_db(g)));
			rc = -1;
			break;
		}
	}
out:
	if (R.lv)
		live_give(R.lv);
	watch_set_free(R.ws);
	for (i = 0; i < R.nsites; i++)
		monitor_host_free(&R.sites[i].row);
	free(R.sites);
	free(R.p);
	free(d.s);
	return rc;
}

/* What `sanctum serve` runs with its scheduled tasks: the sources due,
** for at most two minutes of fetching, then the alerts. */
void
monitor_tick(struct gate *g, int allow_private)
{
	struct monitor_opts o;
	struct monitor_report r;
	char err[ERR_MAX];

	memset(&o, 0, sizeof(o));
	memset(&r, 0, sizeof(r));
	o.allow_private = allow_private;
	o.budget = 120;
	if (monitor_run(g, &o, &r, err) != 0)
		log_msg(LOG_ERROR, "monitor: %s", err);
	if (r.sources)
		log_msg(LOG_INFO, "monitor: %d source%s read, %d fetch%s, %d "
		    "new finding%s", r.sources, r.sources == 1 ? "" : "s",
		    r.fetches, r.fetches == 1 ? "" : "es", r.found, r.found ==
		    1 ? "" : "s");
	if (alert_pending(g, err) < 0)
		log_msg(LOG_ERROR, "monitor: alerts: %s", err);
}

/* ---- the command line ---- */

/* sanctum source add URL [--kind feed|page|sitemap|search] [--every MIN]
**     [--preset NAME | --items PATH --text PATHS --link PATH] */
int
source_add_cmd(struct cli *c, int argc, char **argv)
{
	struct source_row s;
	struct feed_map map = { "", NULL, NULL };
	const struct feed_preset *pre = NULL;
	const char *kind = "feed", *url = NULL;
	char err[ERR_MAX], target[32];
	long long every = 60;
	int64_t id;
	int i, k, rc;

	for (i = 1; i < argc; i++) {
		if (argv[i][0] != '-' || argv[i][1] != '-') {
			if (url)
				return cli_usage(c, "source");
			url = argv[i];
			continue;
		}
		if (i + 1 >= argc)
			return cli_usage(c, "source");
		if (strcmp(argv[i], "--kind") == 0)
			kind = argv[++i];
		else if (strcmp(argv[i], "--every") == 0) {
			if (util_parse_int(argv[++i], 1, 10080, &every) != 0)
				return cli_fail("source: --every is 1 to 10080 "
				    "minutes");
		} else if (strcmp(argv[i], "--preset") == 0) {
			if ((pre = feed_preset(argv[++i])) == NULL)
				return cli_fail("source: no preset %s (reddit, "
				    "mastodon, lemmy)", argv[i]);
		} else if (strcmp(argv[i], "--items") == 0)
			map.items = argv[++i];
		else if (strcmp(argv[i], "--text") == 0)
			map.text = argv[++i];
		else if (strcmp(argv[i], "--link") == 0)
			map.link = argv[++i];
		else
			return cli_usage(c, "source");
	}
	if (pre) {
		kind = "search";
		if (url == NULL)
			url = pre->url;
		map = pre->map;
	}
	if (url == NULL)
		return cli_usage(c, "source");
	for (k = 0; kinds[k] && strcmp(kinds[k], kind) != 0; k++)
		;
	if (kinds[k] == NULL)
		return cli_fail("source: --kind is feed, page, sitemap or "
		    "search");
	if (!fetch_http_url(url, MONITOR_URL_MAX, NULL, 0) &&
	    !(strstr(url, "{q}") && strncmp(url, "http", 4) == 0))
		return cli_fail("source: give an http or https address of up "
		    "to %d bytes", MONITOR_URL_MAX);
	if (strcmp(kind, "search") == 0 && !feed_map_valid(&map, err))
		return cli_fail("source: %s", err);
	if (strcmp(kind, "search") != 0 && (map.text || map.link ||
	    map.items[0]))
		return cli_fail("source: --items, --text and --link are for "
		    "--kind search");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	memset(&s, 0, sizeof(s));
	snprintf(s.url, sizeof(s.url), "%s", url);
	snprintf(s.kind, sizeof(s.kind), "%s", kind);
	s.every = (int)every;
	if (strcmp(kind, "search") == 0) {
		snprintf(s.items, sizeof(s.items), "%s", map.items);
		snprintf(s.text_at, sizeof(s.text_at), "%s", map.text);
		snprintf(s.link_at, sizeof(s.link_at), "%s", map.link);
	}
	s.created_at = s.next_at = util_now();
	snprintf(s.created_by, sizeof(s.created_by), "%s",
	    gate_actor(c->gate)->name);
	if (gate_begin(c->gate) != 0)
		return cli_fail("source: the database is busy");
	if (monitor_source_add(c->db, &s, &id) != 0)
		goto fail;
	snprintf(target, sizeof(target), "source %lld", (long long)id);
	if (gate_audit(c->gate, "monitor.source.add", target, kind) != 0 ||
	    gate_commit(c->gate) != 0)
		goto fail;
	cli_say(c, "%lld\n", (long long)id);
	return EXIT_OK;
fail:
	gate_rollback(c->gate);
	return cli_fail("source: cannot save: %s", db_error(c->db));
}

/* A source as the API and `source list --json` give it. */
json_t *
monitor_source_json(const struct source_row *s)
{
	return json_pack("{s:I, s:s, s:s, s:i, s:I, s:I, s:i, s:s, s:i, s:i}",
	    "id", (json_int_t)s->id, "url", s->url, "kind", s->kind, "every",
	    s->every, "last_at", (json_int_t)s->last_at, "next_at",
	    (json_int_t)s->next_at, "last_status", s->last_status,
	    "last_result", s->last_result, "failures", s->failures,
	    "findings", s->findings);
}

static int
list_source(void *ctx, const struct source_row *s)
{
	json_t *arr = ctx;
	char last[32], next[32];

	if (arr)
		return json_array_append_new(arr, monitor_source_json(s));
	if (s->last_at)
		util_format_time(s->last_at, last, sizeof(last));
	else
		snprintf(last, sizeof(last), "never");
	util_format_time(s->next_at, next, sizeof(next));
	printf("%-4lld %-7s every %d min  %s\n     last: %s%s%s\n     next: "
	    "%s\n", (long long)s->id, s->kind, s->every, s->url, last,
	    s->last_result[0] ? ": " : "", s->last_result, next);
	return 0;
}

/* sanctum source list [--json], and sanctum monitor status [--json] */
int
source_list_cmd(struct cli *c, int argc, char **argv)
{
	json_t *arr = NULL;
	int rc, json = argc == 2 && strcmp(argv[1], "--json") == 0;

	if (argc != 1 && !json)
		return cli_usage(c, strcmp(argv[0], "status") == 0 ?
		    "monitor" : "source");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (json)
		arr = json_array();
	if (monitor_source_each(c->db, 0, list_source, arr) != 0) {
		json_decref(arr);
		return cli_fail("source: cannot read the sources");
	}
	if (json) {
		cli_print_json(arr);
		json_decref(arr);
	}
	return EXIT_OK;
}

/* sanctum source remove ID */
int
source_remove_cmd(struct cli *c, int argc, char **argv)
{
	char target[32];
	long long id;
	int rc;

	if (argc != 2 || util_parse_int(argv[1], 1, INT64_MAX, &id) != 0)
		return cli_usage(c, "source");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (gate_begin(c->gate) != 0)
		return cli_fail("source: the database is busy");
	rc = monitor_source_remove(c->db, id, util_now());
	if (rc == 1) {
		gate_rollback(c->gate);
		return cli_fail("source: no source %lld", id);
	}
	snprintf(target, sizeof(target), "source %lld", id);
	if (rc != 0 || gate_audit(c->gate, "monitor.source.remove", target,
	    "") != 0 || gate_commit(c->gate) != 0) {
		gate_rollback(c->gate);
		return cli_fail("source: cannot save: %s", db_error(c->db));
	}
	cli_say(c, "source %lld removed\n", id);
	return EXIT_OK;
}

/* sanctum monitor status [--json] */
int
monitor_status_cmd(struct cli *c, int argc, char **argv)
{
	return source_list_cmd(c, argc, argv);
}

/* sanctum monitor run --once [--json] [--source ID] [--host-gap S]
**     [--max-wait S] [--timeout S] [--allow-private-fetch]: exit 3 when
**     something new was found */
int
monitor_run_cmd(struct cli *c, int argc, char **argv)
{
	struct monitor_opts o;
	struct monitor_report r;
	char err[ERR_MAX];
	long long v;
	int i, rc, once = 0, json = 0;
	size_t k;
	json_t *j;

	memset(&o, 0, sizeof(o));
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--once") == 0)
			once = 1;
		else if (strcmp(argv[i], "--json") == 0)
			json = 1;
		else if (strcmp(argv[i], "--allow-private-fetch") == 0)
			o.allow_private = 1;
		else if (i + 1 < argc && util_parse_int(argv[i + 1], 1,
		    strcmp(argv[i], "--source") == 0 ? INT64_MAX : 3600, &v) ==
		    0 && (strcmp(argv[i], "--source") == 0 ||
		    strcmp(argv[i], "--host-gap") == 0 ||
		    strcmp(argv[i], "--max-wait") == 0 ||
		    strcmp(argv[i], "--timeout") == 0)) {
			if (strcmp(argv[i], "--source") == 0)
				o.source = v;
			else if (strcmp(argv[i], "--host-gap") == 0)
				o.host_gap = (int)v;
			else if (strcmp(argv[i], "--max-wait") == 0)
				o.max_wait = (int)v;
			else
				o.timeout = v;
			i++;
		} else
			return cli_usage(c, "monitor");
	}
	if (!once)
		return cli_fail("monitor: give --once (sanctum serve runs the "
		    "schedule)");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	memset(&r, 0, sizeof(r));
	r.runs = json_array();
	r.findings = json_array();
	rc = monitor_run(c->gate, &o, &r, err);
	if (rc == 0 && r.found > 0 && alert_pending(c->gate, err) < 0)
		rc = -1;
	if (json) {
		j = json_pack("{s:i, s:i, s:i, s:i, s:i, s:i, s:i, s:i, s:O, "
		    "s:O}", "sources", r.sources, "fetches", r.fetches,
		    "not_modified", r.not_modified, "failed", r.failed,
		    "refused", r.refused, "items", r.items, "found", r.found,
		    "seen_again", r.seen_again, "runs", r.runs, "findings",
		    r.findings);
		cli_print_json(j);
		json_decref(j);
	} else {
		for (k = 0; k < json_array_size(r.runs); k++) {
			json_t *s = json_array_get(r.runs, k);

			printf("source %lld (%s): %s\n", (long long)
			    json_integer_value(json_object_get(s, "id")),
			    json_string_value(json_object_get(s, "kind")),
			    json_string_value(json_object_get(s, "result")));
		}
		for (k = 0; k < json_array_size(r.findings); k++) {
			json_t *f = json_array_get(r.findings, k);

			printf("finding %lld (score %lld): %s\n", (long long)
			    json_integer_value(json_object_get(f, "id")),
			    (long long)json_integer_value(json_object_get(f,
			    "score")), json_string_value(json_object_get(f,
			    "reason")));
		}
		printf("%d source%s read, %d fetch%s, %d new finding%s, %d seen "
		    "again\n", r.sources, r.sources == 1 ? "" : "s", r.fetches,
		    r.fetches == 1 ? "" : "es", r.found, r.found == 1 ? "" : "s",
		    r.seen_again);
	}
	json_decref(r.runs);
	json_decref(r.findings);
	if (rc != 0)
		return cli_fail("monitor: %s", err);
	return r.found > 0 ? EXIT_LEAK : EXIT_OK;
}

static int
list_fetch(void *ctx, const struct fetch_row *f)
{
	json_t *arr = ctx;
	char when[32];

	if (arr) {
		json_array_append_new(arr, json_pack("{s:I, s:I, s:s, s:i, s:I, "
		    "s:s}", "at", (json_int_t)f->at, "source",
		    (json_int_t)f->source, "url", f->url, "status", f->status,
		    "bytes", (json_int_t)f->bytes, "result", f->result));
		return 0;
	}
	util_format_rfc3339(f->at, when, sizeof(when));
	printf("%s  source %-3lld %s  %s\n", when, (long long)f->source,
	    f->url, f->result);
	return 0;
}

/* sanctum monitor log [--json] [--days N]: every outside URL fetched */
int
monitor_log_cmd(struct cli *c, int argc, char **argv)
{
	json_t *arr = NULL;
	long long days = 7;
	int i, rc;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--json") == 0 && !arr)
			arr = json_array();
		else if (strcmp(argv[i], "--days") == 0 && i + 1 < argc &&
		    util_parse_int(argv[i + 1], 1, 3650, &days) == 0)
			i++;
		else {
			json_decref(arr);
			return cli_usage(c, "monitor");
		}
	}
	if ((rc = cli_open(c)) != EXIT_OK) {
		json_decref(arr);
		return rc;
	}
	if (monitor_fetch_each(c->db, util_now() - days * 86400, 100000,
	    list_fetch, arr) != 0) {
		json_decref(arr);
		return cli_fail("monitor: cannot read the log");
	}
	if (arr) {
		cli_print_json(arr);
		json_decref(arr);
	}
	return EXIT_OK;
}
