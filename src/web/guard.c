/*
** guard.c: keep the server answering while some clients hold connections
** open without finishing their requests.
**
** libmicrohttpd's own limits did not suffice: its per-address limit counts
** exact addresses (an IPv6 host has a whole /64 to choose from), and its
** connection timeout is an idle timeout that any byte resets, so a client
** that sends half a request and then a byte every 20 s holds its
** connection for ever; a thousand such connections filled the server.
** This file adds, through libmicrohttpd's callbacks:
**
**   - a limit per address group: an IPv4 address (IPv4-mapped IPv6 too),
**     or an IPv6 /64.  The accept policy callback refuses a connection
**     whose group is full; the connection-started notification counts it
**     and shuts it down at once if threads accepting at the same moment
**     overshot, so the limit is exact.  The counts live in a search tree
**     (tsearch), one node per group in use;
**   - a deadline for each request: its headers must arrive within the
**     request timeout of the connection opening or of the previous
**     answer; then its body must keep coming at GUARD_MIN_RATE bytes a
**     second beyond that grace; while a handler runs there is none; its
**     answer must leave at the same minimum rate.  A reaper thread looks
**     every 250 ms and shuts down (shutdown(2)) the sockets past their
**     deadline; libmicrohttpd sees the socket fail and cleans up as for
**     any client that went away.  The reaper holds the lock that the
**     connection-closed notification takes, and libmicrohttpd sends that
**     notification before it closes the socket, so a socket in the list
**     is still that connection's and its number cannot have been reused;
**   - the total limit, computed from the open-file limit (serve_start
**     raises the soft limit as far as that total needs);
**   - a log that cannot be flooded: counts of the connections closed or
**     refused, once a minute at most, and libmicrohttpd's own messages,
**     GUARD_LOG_PER_SECOND a second at most and a count of the rest.
**
** No log line names a client's address or anything it sent.
*/
#include "guard.h"

#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <search.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "../util/log.h"
#include "../util/util.h"

#define REAP_EVERY_MS	250
#define REPORT_EVERY_MS	60000

/* One open connection, libmicrohttpd's "socket context". */
struct guard_conn {
	struct guard_conn *prev, *next;	/* g.head's list, under g.lock */
	struct guard_count *count;	/* its group's count */
	int fd;				/* its socket */
	int shut;			/* the reaper (or the limit) ended it */
	_Atomic int64_t deadline;	/* monotonic ms; 0 = none */
	int64_t headers_at;		/* when this request's headers were in */
	uint64_t received;		/* this request's body bytes so far */
};

/* How many open connections one address group has: a node of g.counts. */
struct guard_count {
	struct guard_prefix prefix;
	unsigned n;
};

static struct {
	pthread_mutex_t lock;		/* everything below, to log_lock */
	pthread_cond_t wake;		/* wakes the reaper to stop */
	pthread_t reaper;
	int running;			/* the reaper thread exists */
	int stopping;
	unsigned per_address;		/* 0: no limit */
	unsigned timeout;		/* the request timeout, seconds */
	struct guard_conn *head;	/* every open connection */
	void *counts;			/* tsearch tree of struct guard_count */
	uint64_t slow;			/* closed for being slow, not logged */
	uint64_t refused;		/* refused by the limit, not logged */
	int64_t reported_at;		/* when those were last logged */

	pthread_mutex_t log_lock;	/* libmicrohttpd's messages: */
	int64_t log_second;		/* the second being counted */
	unsigned log_lines;		/* lines logged in it */
	uint64_t log_dropped;		/* lines not logged, to report */
} g = {
	.lock = PTHREAD_MUTEX_INITIALIZER,
	.log_lock = PTHREAD_MUTEX_INITIALIZER,
};

/* Milliseconds on the monotonic clock. */
static int64_t
mono_ms(void)
{
	return util_clock_ns() / 1000000;
}

/* The group that the address sa (len bytes) is counted in.  IPv4 and
** IPv4-mapped IPv6 addresses are their own group; an IPv6 address counts
** with the rest of its /64.  Anything else (or a short address) falls in
** the one group of family 0. */
void
guard_prefix_of(const struct sockaddr *sa, socklen_t len,
    struct guard_prefix *p)
{
	const struct sockaddr_in *in4;
	const struct sockaddr_in6 *in6;

	memset(p, 0, sizeof(*p));
	if (sa == NULL)
		return;
	if (sa->sa_family == AF_INET && len >= sizeof(*in4)) {
		in4 = (const struct sockaddr_in *)(const void *)sa;
		p->family = 4;
		memcpy(p->bytes, &in4->sin_addr, 4);
	} else if (sa->sa_family == AF_INET6 && len >= sizeof(*in6)) {
		in6 = (const struct sockaddr_in6 *)(const void *)sa;
		if (IN6_IS_ADDR_V4MAPPED(&in6->sin6_addr)) {
			p->family = 4;
			memcpy(p->bytes, in6->sin6_addr.s6_addr + 12, 4);
		} else {
			p->family = 6;
			memcpy(p->bytes, in6->sin6_addr.s6_addr, 8);
		}
	}
}

/* Order two groups.  Returns <0, 0 or >0. */
int
guard_prefix_cmp(const struct guard_prefix *a, const struct guard_prefix *b)
{
	if (a->family != b->family)
		return a->family < b->family ? -1 : 1;
	return memcmp(a->bytes, b->bytes, sizeof(a->bytes));
}

/* tsearch's comparison of two struct guard_count. */
static int
count_cmp(const void *a, const void *b)
{
	return guard_prefix_cmp(&((const struct guard_count *)a)->prefix,
	    &((const struct guard_count *)b)->prefix);
}

/* The deadline of something that started at since_ms, may take timeout_s
** seconds, and then bytes more at GUARD_MIN_RATE.  Returns monotonic ms. */
int64_t
guard_deadline(int64_t since_ms, unsigned timeout_s, uint64_t bytes)
{
	/* bytes is capped by --max-body or the response buffer (1 GiB at
	** most), so the product cannot overflow */
	return since_ms + (int64_t)timeout_s * 1000 +
	    (int64_t)(bytes * 1000 / GUARD_MIN_RATE);
}

/* Is deadline_ms (0: none) past at now_ms?  Returns 1 or 0. */
int
guard_expired(int64_t deadline_ms, int64_t now_ms)
{
	return deadline_ms != 0 && now_ms >= deadline_ms;
}

/* How many connections the server may hold when the process may open
** nofile_hard files and runs threads server threads: requested (from
** --max-connections; 0 to choose), or else GUARD_MAX_CONNECTIONS or what
** the limit leaves after the reserve, whichever is less.  Sets *limit and
** *nofile_needed, the soft limit that total needs.  Returns 0, or -1 with
** err filled when the total cannot fit. */
int
guard_connection_limit(uint64_t nofile_hard, int threads, unsigned requested,
    unsigned *limit, uint64_t *nofile_needed, char *err)
{
	uint64_t n = threads > 0 ? (uint64_t)threads : 1;
	uint64_t reserve = GUARD_FD_RESERVE + GUARD_FD_PER_THREAD * n;
	uint64_t room = nofile_hard > reserve ? nofile_hard - reserve : 0;
	uint64_t want = requested;

	if (requested == 0)
		want = room < GUARD_MAX_CONNECTIONS ? room :
		    GUARD_MAX_CONNECTIONS;
	if (requested != 0 && requested < n) {
		err_set(err, "--max-connections %u is fewer than the %llu "
		    "server threads", requested, (unsigned long long)n);
		return -1;
	}
	if (want > room || want < n) {
		err_set(err, "%llu connections need %llu open files, and this "
		    "process may open %llu (raise its hard limit: ulimit -Hn, "
		    "or LimitNOFILE= in a systemd unit)",
		    (unsigned long long)(want > n ? want : n),
		    (unsigned long long)((want > n ? want : n) + reserve),
		    (unsigned long long)nofile_hard);
		return -1;
	}
	*limit = (unsigned)want;
	*nofile_needed = want + reserve;
	return 0;
}

/* Log the connections closed or refused since the last report, if any;
** with force, even before a minute has passed.  Called with g.lock
** held; drops it while logging. */
static void
report_counts(int64_t now, int force)
{
	uint64_t slow = g.slow, refused = g.refused;

	if ((slow == 0 && refused == 0) ||
	    (!force && now - g.reported_at < REPORT_EVERY_MS))
		return;
	g.slow = g.refused = 0;
	g.reported_at = now;
	pthread_mutex_unlock(&g.lock);
	if (slow)
		log_msg(LOG_WARN, "http: closed %llu connection%s that did not "
		    "send %s request in time", (unsigned long long)slow,
		    slow == 1 ? "" : "s", slow == 1 ? "its" : "their");
	if (refused)
		log_msg(LOG_WARN, "http: refused %llu connection%s over the "
		    "per-address limit", (unsigned long long)refused,
		    refused == 1 ? "" : "s");
	pthread_mutex_lock(&g.lock);
}

/* Log how many of libmicrohttpd's messages were left out, if any, once
** their second is over (or with force, now).  Called with g.log_lock
** held. */
static void
report_dropped(int64_t now, int force)
{
	if (g.log_dropped == 0 || (!force && now / 1000 == g.log_second))
		return;
	log_msg(LOG_WARN, "http: %llu more messages of libmicrohttpd not "
	    "shown", (unsigned long long)g.log_dropped);
	g.log_dropped = 0;
}

/* Log one of libmicrohttpd's messages, unless GUARD_LOG_PER_SECOND have
** been logged this second already; those are counted instead. */
void
guard_log_library(const char *line)
{
	int64_t now = mono_ms();

	pthread_mutex_lock(&g.log_lock);
	if (now / 1000 != g.log_second) {
		report_dropped(now, 0);
		g.log_second = now / 1000;
		g.log_lines = 0;
	}
	if (g.log_lines < GUARD_LOG_PER_SECOND) {
		g.log_lines++;
		log_msg(LOG_WARN, "http: %s", line);
	} else {
		g.log_dropped++;
	}
	pthread_mutex_unlock(&g.log_lock);
}

/* The reaper thread: every REAP_EVERY_MS, shut down the connections past
** their deadline and log what is due, until guard_finish. */
static void *
reaper_main(void *arg)
{
	struct timespec until;
	struct guard_conn *c;
	sigset_t all;
	int64_t now;

	(void)arg;
	/* signals are for the main thread, which waits for them */
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, NULL);
	pthread_mutex_lock(&g.lock);
	while (!g.stopping) {
		clock_gettime(CLOCK_MONOTONIC, &until);
		until.tv_nsec += REAP_EVERY_MS * 1000000L;
		if (until.tv_nsec >= 1000000000L) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000L;
		}
		while (!g.stopping && pthread_cond_timedwait(&g.wake, &g.lock,
		    &until) != ETIMEDOUT)
			;
		if (g.stopping)
			break;
		now = mono_ms();
		for (c = g.head; c; c = c->next) {
			if (c->shut || !guard_expired(atomic_load(&c->deadline),
			    now))
				continue;
			shutdown(c->fd, SHUT_RDWR);
			c->shut = 1;
			g.slow++;
		}
		report_counts(now, 0);
		/* no log line is written with g.lock held: a slow log must
		** not hold up the accepting threads */
		pthread_mutex_unlock(&g.lock);
		pthread_mutex_lock(&g.log_lock);
		report_dropped(now, 0);
		pthread_mutex_unlock(&g.log_lock);
		pthread_mutex_lock(&g.lock);
	}
	pthread_mutex_unlock(&g.lock);
	return NULL;
}

/* Set the limits and start the reaper thread.  max_per_address 0 means no
** limit; request_timeout is in seconds.  Returns 0, or -1 with err
** filled. */
int
guard_start(unsigned max_per_address, unsigned request_timeout, char *err)
{
	pthread_condattr_t ca;
	int rc;

	if (g.running) {
		err_set(err, "the connection guard is already running");
		return -1;
	}
	g.per_address = max_per_address;
	g.timeout = request_timeout;
	g.stopping = 0;
	g.reported_at = mono_ms() - REPORT_EVERY_MS;
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	rc = pthread_cond_init(&g.wake, &ca);
	pthread_condattr_destroy(&ca);
	if (rc != 0) {
		err_set(err, "cannot make a condition variable: %s",
		    strerror(rc));
		return -1;
	}
	rc = pthread_create(&g.reaper, NULL, reaper_main, NULL);
	if (rc != 0) {
		pthread_cond_destroy(&g.wake);
		err_set(err, "cannot start the reaper thread: %s",
		    strerror(rc));
		return -1;
	}
	g.running = 1;
	return 0;
}

/* Free a node of g.counts (for tdestroy). */
static void
count_free(void *p)
{
	free(p);
}

/* Stop the reaper thread and log what is left to report.  Call it after
** the daemon has stopped, when every connection has been closed. */
void
guard_finish(void)
{
	if (!g.running)
		return;
	pthread_mutex_lock(&g.lock);
	g.stopping = 1;
	pthread_cond_signal(&g.wake);
	pthread_mutex_unlock(&g.lock);
	pthread_join(g.reaper, NULL);
	pthread_cond_destroy(&g.wake);
	g.running = 0;
	pthread_mutex_lock(&g.lock);
	report_counts(mono_ms(), 1);
	/* nothing should be left; a group left by a connection that was
	** never closed must not outlive this server */
	tdestroy(g.counts, count_free);
	g.counts = NULL;
	g.head = NULL;
	pthread_mutex_unlock(&g.lock);
	pthread_mutex_lock(&g.log_lock);
	report_dropped(0, 1);
	pthread_mutex_unlock(&g.log_lock);
}

/* libmicrohttpd's accept policy: refuse a connection whose address group
** already holds its limit.  Returns MHD_YES or MHD_NO. */
enum MHD_Result
guard_accept(void *cls, const struct sockaddr *addr, socklen_t len)
{
	struct guard_count key, **found;
	int full;

	(void)cls;
	if (g.per_address == 0)
		return MHD_YES;
	guard_prefix_of(addr, len, &key.prefix);
	pthread_mutex_lock(&g.lock);
	found = tfind(&key, &g.counts, count_cmp);
	full = found && (*found)->n >= g.per_address;
	if (full)
		g.refused++;
	pthread_mutex_unlock(&g.lock);
	return full ? MHD_NO : MHD_YES;
}

/* The length of a socket address of sa's family. */
static socklen_t
addr_len(const struct sockaddr *sa)
{
	if (sa && sa->sa_family == AF_INET)
		return sizeof(struct sockaddr_in);
	if (sa && sa->sa_family == AF_INET6)
		return sizeof(struct sockaddr_in6);
	return 0;
}

/* Count and list a connection that libmicrohttpd has just started.
** Returns its state, or NULL when there was no memory for it (and then
** it is shut down: a connection we cannot watch is not served). */
static struct guard_conn *
conn_started(struct MHD_Connection *mc)
{
	const union MHD_ConnectionInfo *fi, *ai;
	struct guard_conn *c;
	struct guard_count *fresh, **node;
	const struct sockaddr *sa;

	fi = MHD_get_connection_info(mc, MHD_CONNECTION_INFO_CONNECTION_FD);
	ai = MHD_get_connection_info(mc, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (fi == NULL)
		return NULL;
	c = calloc(1, sizeof(*c));
	fresh = calloc(1, sizeof(*fresh));
	if (c == NULL || fresh == NULL) {
		shutdown(fi->connect_fd, SHUT_RDWR);
		free(c);
		free(fresh);
		return NULL;
	}
	c->fd = fi->connect_fd;
	atomic_store(&c->deadline, guard_deadline(mono_ms(), g.timeout, 0));
	sa = ai ? ai->client_addr : NULL;
	guard_prefix_of(sa, addr_len(sa), &fresh->prefix);

	pthread_mutex_lock(&g.lock);
	node = tsearch(fresh, &g.counts, count_cmp);
	if (node == NULL) {
		pthread_mutex_unlock(&g.lock);
		shutdown(c->fd, SHUT_RDWR);
		free(c);
		free(fresh);
		return NULL;
	}
	if (*node != fresh)
		free(fresh);
	c->count = *node;
	c->count->n++;
	/* threads that accepted at the same moment may all have passed
	** guard_accept: the one that went over the limit ends here */
	if (g.per_address && c->count->n > g.per_address) {
		shutdown(c->fd, SHUT_RDWR);
		c->shut = 1;
		g.refused++;
	}
	c->next = g.head;
	if (g.head)
		g.head->prev = c;
	g.head = c;
	pthread_mutex_unlock(&g.lock);
	return c;
}

/* Uncount and unlist a connection libmicrohttpd is about to close, and
** free its state. */
static void
conn_closed(struct guard_conn *c)
{
	pthread_mutex_lock(&g.lock);
	if (c->prev)
		c->prev->next = c->next;
	else
		g.head = c->next;
	if (c->next)
		c->next->prev = c->prev;
	if (--c->count->n == 0) {
		tdelete(c->count, &g.counts, count_cmp);
		free(c->count);
	}
	pthread_mutex_unlock(&g.lock);
	free(c);
}

/* libmicrohttpd's connection notification: a connection has started, or
** is about to be closed (always before its socket is). */
void
guard_notify(void *cls, struct MHD_Connection *mc, void **socket_ctx,
    enum MHD_ConnectionNotificationCode code)
{
	(void)cls;
	if (code == MHD_CONNECTION_NOTIFY_STARTED) {
		*socket_ctx = conn_started(mc);
	} else if (code == MHD_CONNECTION_NOTIFY_CLOSED && *socket_ctx) {
		conn_closed(*socket_ctx);
		*socket_ctx = NULL;
	}
}

/* The state of the connection mc, or NULL. */
static struct guard_conn *
conn_of(struct MHD_Connection *mc)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(mc,
	    MHD_CONNECTION_INFO_SOCKET_CONTEXT);

	return ci ? ci->socket_context : NULL;
}

/* A request's headers are in (the access handler's first call): its body,
** if any, is due within the request timeout plus its size at the minimum
** rate. */
void
guard_request_begins(struct MHD_Connection *mc)
{
	struct guard_conn *c = conn_of(mc);

	if (c == NULL)
		return;
	c->headers_at = mono_ms();
	c->received = 0;
	atomic_store(&c->deadline, guard_deadline(c->headers_at, g.timeout,
	    0));
}

/* n more body bytes arrived: move the deadline by what they earn. */
void
guard_body_arrives(struct MHD_Connection *mc, size_t n)
{
	struct guard_conn *c = conn_of(mc);

	if (c == NULL)
		return;
	c->received += n;
	atomic_store(&c->deadline, guard_deadline(c->headers_at, g.timeout,
	    c->received));
}

/* The whole request is in and its handler runs: no deadline meanwhile
** (a scan may take a while). */
void
guard_handling(struct MHD_Connection *mc)
{
	struct guard_conn *c = conn_of(mc);

	if (c)
		atomic_store(&c->deadline, 0);
}

/* An answer of len bytes is queued: it must leave within the request
** timeout plus its size at the minimum rate, so a client that reads
** slowly cannot hold the connection for ever either. */
void
guard_answering(struct MHD_Connection *mc, size_t len)
{
	struct guard_conn *c = conn_of(mc);

	if (c)
		atomic_store(&c->deadline, guard_deadline(mono_ms(), g.timeout,
		    len));
}

/* A request is over (answered, or abandoned): the next one's headers are
** due within the request timeout, so an idle kept-alive connection is
** closed after it too. */
void
guard_request_ends(struct MHD_Connection *mc)
{
	struct guard_conn *c = conn_of(mc);

	if (c)
		atomic_store(&c->deadline, guard_deadline(mono_ms(), g.timeout,
		    0));
}
