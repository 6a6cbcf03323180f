/*
** monitor.h: external monitoring: reading the outside places where leaks
** appear, on a schedule, for the community's posts and its name.
**
** A source is a feed (RSS, Atom), a page to re-check (where a leak was
** found before, say), a sitemap, or a JSON search endpoint given as a URL
** template ({q} is filled with each name on the watch list) and a mapping
** of where its items, their text and their address are (feed.h; reddit,
** mastodon and lemmy ship as presets).  Each is read every so many
** minutes.  A fetch is polite and bounded: libcurl (fetch.h) with the
** validators of the last answer (ETag, Last-Modified), robots.txt read
** once a day per site (robots.h), at least host_gap seconds between two
** requests to one site (longer when robots.txt asks), back-off after
** errors (doubling, and never sooner than a Retry-After), a size cap and
** a timeout, and private addresses refused unless allowed.
**
** Every item passes the leak detector (the same fingerprints and rules as
** `scan`, on the live index) and the watch list's rules (watch.h).  What
** matched becomes a finding (findings.h) with a score and the reason,
** kept once per item and evidence: the same item seen again is counted,
** not found again.  No outside text is kept, and the item's address is
** sealed.  Every fetch is in monitor_fetches and the audit trail: which
** outside URL, when, and what it came to.
**
** Monitoring looks only outward: it never reads what members read or
** write, and never follows members' accounts elsewhere.
*/
#ifndef SANCTUM_MONITOR_H
#define SANCTUM_MONITOR_H

#include <stddef.h>
#include <stdint.h>

struct cli;
struct gate;
struct json_t;
struct source_row;

#define MONITOR_AGENT "sanctum-monitor/0.1 (+https://sanctum.invalid/monitor)"
#define MONITOR_HOST_GAP 5		/* seconds between two requests to a site */
#define MONITOR_MAX_WAIT 30		/* seconds a run waits for a site */
#define MONITOR_TIMEOUT 30		/* seconds for one fetch */
#define MONITOR_MAX_BYTES ((size_t)8 << 20)	/* bytes of one answer */
#define MONITOR_QUERIES_MAX 20		/* filled URLs of one search source */
#define MONITOR_PAGES_MAX 10		/* sitemap pages read in one run */
#define MONITOR_BACKOFF_MAX (24 * 3600)	/* seconds, after errors */

struct monitor_opts {
	int allow_private;	/* fetch loopback and private addresses */
	int host_gap;		/* seconds; 0: MONITOR_HOST_GAP */
	int max_wait;		/* seconds; 0: MONITOR_MAX_WAIT */
	long timeout;		/* seconds; 0: MONITOR_TIMEOUT */
	int budget;		/* seconds a run may start fetches for; 0: no limit */
	int64_t source;		/* read only this source, due or not (0: all due) */
};

struct monitor_report {
	int sources, fetches, not_modified, failed, refused, deferred;
	int items, found, seen_again;
	struct json_t *runs;		/* each source's outcome, or NULL */
	struct json_t *findings;	/* each new finding, or NULL */
};

int monitor_run(struct gate *g, const struct monitor_opts *o,
    struct monitor_report *r, char *err);
void monitor_tick(struct gate *g, int allow_private);
struct json_t *monitor_source_json(const struct source_row *s);

int source_add_cmd(struct cli *c, int argc, char **argv);
int source_list_cmd(struct cli *c, int argc, char **argv);
int source_remove_cmd(struct cli *c, int argc, char **argv);
int monitor_run_cmd(struct cli *c, int argc, char **argv);
int monitor_status_cmd(struct cli *c, int argc, char **argv);
int monitor_log_cmd(struct cli *c, int argc, char **argv);

#endif
