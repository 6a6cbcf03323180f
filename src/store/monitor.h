/*
** monitor.h: the SQL behind external monitoring: the watch list, the
** sources, the hosts and URLs fetched, the log of fetches, the findings
** and where alerts go.  The logic is in src/detect/watch.c, monitor.c,
** findings.c and alert.c.
*/
#ifndef SANCTUM_STORE_MONITOR_H
#define SANCTUM_STORE_MONITOR_H

#include <stddef.h>
#include <stdint.h>

struct db;

#define WATCH_TEXT_MAX 200	/* bytes of a watched name or phrase */
#define WATCH_NEAR_MAX 2000	/* bytes of a rule's own words */

struct watch_row {
	int64_t id, created_at;
	int within;
	char text[WATCH_TEXT_MAX + 1], near[WATCH_NEAR_MAX + 1];
	char created_by[72];
};

int monitor_watch_add(struct db *db, const char *text, const char *near,
    int within, const char *by, int64_t now, int64_t *id);
int monitor_watch_remove(struct db *db, int64_t id, int64_t now);
int monitor_watch_each(struct db *db,
    int (*each)(void *ctx, const struct watch_row *w), void *ctx);

#define MONITOR_URL_MAX 2000	/* bytes of an outside address */
#define MONITOR_PATH_MAX 200	/* bytes of a search mapping's path */
#define MONITOR_RESULT_MAX 200	/* bytes of what a fetch came to */

struct source_row {
	int64_t id, next_at, last_at, created_at;
	int every, last_status, failures, findings;
	char kind[12];
	char url[MONITOR_URL_MAX + 1];
	char items[MONITOR_PATH_MAX + 1], text_at[MONITOR_PATH_MAX + 1];
	char link_at[MONITOR_PATH_MAX + 1];
	char last_result[MONITOR_RESULT_MAX + 1];
	char created_by[72];
};

struct host_row {
	int64_t next_ms, robots_at;
	int robots_status, failures;
	char *robots;		/* malloc'd, or NULL when never read */
};

struct fetch_row {
	int64_t id, at, source;
	int status;
	int64_t bytes;
	char url[MONITOR_URL_MAX + 1];
	char result[MONITOR_RESULT_MAX + 1];
};

struct finding_row {
	int64_t id, source, found_at, seen_at, incident_id, reviewed_at;
	int times, score;
	char status[12];
	char posts[400], rules[200], reason[600];
	char reviewed_by[72];
};

struct hook_row {
	int64_t id, created_at, last_at;
	char label[81], created_by[72], last_result[MONITOR_RESULT_MAX + 1];
};

int monitor_source_add(struct db *db, const struct source_row *s,
    int64_t *id);
int monitor_source_remove(struct db *db, int64_t id, int64_t now);
int monitor_source_get(struct db *db, int64_t id, struct source_row *s);
int monitor_source_each(struct db *db, int64_t due_by,
    int (*each)(void *ctx, const struct source_row *s), void *ctx);
int monitor_source_done(struct db *db, const struct source_row *s);

int monitor_url_get(struct db *db, const char *url, char *etag,
    size_t ecap, char *modified, size_t mcap, char *lastmod, size_t lcap);
int monitor_url_put(struct db *db, const char *url, const char *etag,
    const char *modified, const char *lastmod, int64_t now);

int monitor_host_get(struct db *db, const char *host, struct host_row *h);
int monitor_host_put(struct db *db, const char *host,
    const struct host_row *h);
void monitor_host_free(struct host_row *h);

int monitor_fetch_log(struct db *db, const struct fetch_row *f);
int monitor_fetch_each(struct db *db, int64_t since, int limit,
    int (*each)(void *ctx, const struct fetch_row *f), void *ctx);

int monitor_finding_add(struct db *db, const struct finding_row *f,
    const void *key, size_t keylen, int64_t *id, int *is_new);
int monitor_finding_set_link(struct db *db, int64_t id, const void *sealed,
    size_t n);
int monitor_finding_link(struct db *db, int64_t id, void **sealed,
    size_t *n);
int monitor_finding_get(struct db *db, int64_t id, struct finding_row *f);
int monitor_finding_each(struct db *db, const char *status, int limit,
    int (*each)(void *ctx, const struct finding_row *f), void *ctx);
int monitor_finding_review(struct db *db, int64_t id, const char *status,
    int64_t incident, const char *by, int64_t now);
int monitor_findings_count(struct db *db, const char *status);
int monitor_findings_alerted(struct db *db, int64_t now);

int monitor_hook_add(struct db *db, const char *label, const char *by,
    int64_t now, int64_t *id);
int monitor_hook_set_url(struct db *db, int64_t id, const void *sealed,
    size_t n);
int monitor_hook_remove(struct db *db, int64_t id, int64_t now);
int monitor_hook_each(struct db *db,
    int (*each)(void *ctx, const struct hook_row *h, const void *sealed,
    size_t n), void *ctx);
int monitor_hook_result(struct db *db, int64_t id, int64_t now,
    const char *result);

int monitor_alert_email_set(struct db *db, int64_t user, int on);
int monitor_alert_email_get(struct db *db, int64_t user);

#endif
