/*
** holdconn.c: hold many half-sent HTTP requests open against a server on
** this machine while a normal client keeps asking it for pages, and say
** how the server coped.  The end-to-end test tests/e2e/slow_clients.sh and
** the benchmark bench/http/run both use it.
**
** It opens --per connections from each --from address (every address of
** 127.0.0.0/8 is this machine's on Linux, so binding to 127.0.0.2,
** 127.0.0.3, ... looks like several clients), and on each sends a request
** line and part of the headers, never the blank line that ends them.
** --drip more connections from --drip-from do the same and then send one
** more header byte every --every seconds, the slow client that an idle
** timeout never catches.  Meanwhile a normal client at --probe-from GETs
** each --probe path in turn on a fresh connection every --interval
** milliseconds (with one more --header line, a session cookie say), and
** each answer's latency is recorded.  After --seconds it
** prints, one line each, as words and key=value pairs:
**
**   source addr=A opened=N refused=R closed=C open=O connect_failed=F
**   drip addr=A opened=N refused=R closed=C open=O bytes=B
**   close_after_s n=C min=X median=X max=X
**   probe path=P phase=held n=N ok=K failed=F median_ms=X p99_ms=X max_ms=X
**   probe path=P phase=all n=N ok=K failed=F median_ms=X p99_ms=X max_ms=X
**
** "refused" counts connections the server closed within --refuse-window
** seconds of their opening (a limit turned them away), "closed" those it
** closed later (a deadline ended them), "open" those still open at the end.
** close_after_s is how long the later-closed ones stayed open.  A probe is
** "ok" when a whole 200 answer arrived within 5 s; phase=held counts the
** probes started before the server had closed any connection other than
** a refused one, that is while every held connection was still there.
**
** Traffic goes only to --to, which must be a loopback address.  The exit
** status is 0 when the run itself worked (whatever it measured), 1 when it
** could not, 2 on a usage error.
*/
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_SOURCES	32
#define MAX_PATHS	8
#define MAX_PROBES	100000
#define PROBE_LIMIT_MS	5000.0

/* One held connection. */
struct held {
	int fd;			/* -1 once closed */
	int source;		/* index in opts.from, or -1 for a drip one */
	double opened;		/* seconds since the start */
	double closed;		/* likewise, or -1 while open */
};

/* One probe: a normal client's GET on a fresh connection. */
struct probe {
	int path;		/* index in opts.path */
	double started;		/* seconds since the start */
	double ms;		/* latency; < 0 when it failed */
	int held;		/* started while every held one was open */
};

/* The probe under way, driven by the poll loop. */
struct pending {
	int fd;			/* -1 when none is under way */
	int sent;		/* the request has gone out */
	double t0;		/* when it started, seconds */
	char buf[512];		/* the first bytes of the answer */
	size_t len;
};

static struct {
	struct in_addr to;
	unsigned port;
	struct in_addr from[MAX_SOURCES];
	int nfrom;
	unsigned per;
	struct in_addr drip_from;
	unsigned drip;
	double every;
	const char *path[MAX_PATHS];
	int npath;
	struct in_addr probe_from;
	const char *header;		/* one more header line, or NULL */
	unsigned interval_ms;
	double seconds;
	double refuse_window;
} opts;

static struct timespec start;

/* Seconds since the start of the run. */
static double
now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - start.tv_sec) +
	    (double)(t.tv_nsec - start.tv_nsec) / 1e9;
}

/* Print the usage on stderr.  Returns 2, the exit status. */
static int
usage(void)
{
	fputs("usage: holdconn --port PORT [--to ADDR] [--from A,B,...] "
	    "[--per N]\n"
	    "                [--drip N --drip-from ADDR --every S] "
	    "[--probe PATH]...\n"
	    "                [--probe-from ADDR] [--interval MS] "
	    "[--seconds S]\n"
	    "                [--refuse-window S]\n", stderr);
	return 2;
}

/* Parse a dotted IPv4 address of 127.0.0.0/8 into a.  Returns 0 or -1. */
static int
parse_loopback(const char *s, struct in_addr *a)
{
	if (inet_pton(AF_INET, s, a) != 1)
		return -1;
	return (ntohl(a->s_addr) >> 24) == 127 ? 0 : -1;
}

/* Parse a comma-separated list of loopback addresses into opts.from.
** Returns 0 or -1. */
static int
parse_sources(char *s)
{
	char *tok, *save = NULL;

	for (tok = strtok_r(s, ",", &save); tok;
	    tok = strtok_r(NULL, ",", &save)) {
		if (opts.nfrom >= MAX_SOURCES ||
		    parse_loopback(tok, &opts.from[opts.nfrom]) != 0)
			return -1;
		opts.nfrom++;
	}
	return opts.nfrom > 0 ? 0 : -1;
}

/* Parse a number in [lo, hi] from s.  Returns 0 or -1. */
static int
parse_num(const char *s, double lo, double hi, double *out)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (errno || end == s || *end || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

/* Raise the soft limit on open files to the hard limit, so that many
** connections fit. */
static void
raise_nofile(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
}

/* Open a non-blocking TCP socket bound to from and start connecting it
** to the server.  Returns the socket, or -1. */
static int
dial(struct in_addr from)
{
	struct sockaddr_in src, dst;
	int fd, one = 1;

	fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	memset(&src, 0, sizeof(src));
	src.sin_family = AF_INET;
	src.sin_addr = from;
	memset(&dst, 0, sizeof(dst));
	dst.sin_family = AF_INET;
	dst.sin_addr = opts.to;
	dst.sin_port = htons((uint16_t)opts.port);
	if (bind(fd, (struct sockaddr *)&src, sizeof(src)) != 0 ||
	    (connect(fd, (struct sockaddr *)&dst, sizeof(dst)) != 0 &&
	    errno != EINPROGRESS)) {
		close(fd);
		return -1;
	}
	return fd;
}

/* Wait up to 3 s for fd's connection to complete.  Returns 0, or -1 when
** it failed. */
static int
wait_connected(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLOUT };
	socklen_t len = sizeof(int);
	int err = 0;

	if (poll(&p, 1, 3000) != 1)
		return -1;
	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0 || err)
		return -1;
	return 0;
}

/* Open one held connection from src and send half a request on it.
** Returns the socket, or -1 when it could not connect. */
static int
open_held(struct in_addr from)
{
	static const char half[] = "GET /healthz HTTP/1.1\r\n"
	    "Host: 127.0.0.1\r\nUser-Agent: holdconn\r\nX-Wait: ";
	int fd = dial(from);

	if (fd < 0)
		return -1;
	if (wait_connected(fd) != 0 ||
	    send(fd, half, sizeof(half) - 1, MSG_NOSIGNAL) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

/* Has the server closed held connection h?  Reads whatever arrived
** (drained and ignored).  Returns 1 when the connection is over. */
static int
is_closed(struct held *h)
{
	char scratch[4096];
	ssize_t n;

	for (;;) {
		n = recv(h->fd, scratch, sizeof(scratch), MSG_DONTWAIT);
		if (n > 0)
			continue;
		if (n == 0)
			return 1;
		return errno == EAGAIN || errno == EWOULDBLOCK ||
		    errno == EINTR ? 0 : 1;
	}
}

/* Start a probe of path p.  Fills pe; a probe that cannot even start
** leaves pe->fd at -1 and returns -1. */
static int
probe_start(struct pending *pe)
{
	pe->fd = dial(opts.probe_from);
	pe->sent = 0;
	pe->len = 0;
	pe->t0 = now();
	return pe->fd < 0 ? -1 : 0;
}

/* Drive the probe pe after poll said revents, for path.  Returns 1 when
** it is over (res set to 1 for a whole 200 answer, 0 otherwise), 0 while
** it goes on. */
static int
probe_step(struct pending *pe, short revents, const char *path, int *res)
{
	char req[1024], scratch[4096];
	socklen_t len = sizeof(int);
	ssize_t n;
	int err = 0, k;

	*res = 0;
	if (!pe->sent) {
		if (!(revents & (POLLOUT | POLLERR | POLLHUP)))
			return 0;
		if (getsockopt(pe->fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0 ||
		    err)
			return 1;
		k = snprintf(req, sizeof(req), "GET %s HTTP/1.1\r\nHost: "
		    "127.0.0.1\r\nUser-Agent: holdconn-probe\r\nConnection: "
		    "close\r\n%s%s\r\n", path, opts.header ? opts.header : "",
		    opts.header ? "\r\n" : "");
		if (k < 0 || (size_t)k >= sizeof(req) ||
		    send(pe->fd, req, (size_t)k, MSG_NOSIGNAL) != k)
			return 1;
		pe->sent = 1;
		return 0;
	}
	for (;;) {
		n = recv(pe->fd, scratch, sizeof(scratch), MSG_DONTWAIT);
		if (n < 0)
			return errno == EAGAIN || errno == EWOULDBLOCK ||
			    errno == EINTR ? 0 : 1;
		if (n == 0)
			break;
		if (pe->len < sizeof(pe->buf) - 1) {
			k = (int)(sizeof(pe->buf) - 1 - pe->len);
			if (n < k)
				k = (int)n;
			memcpy(pe->buf + pe->len, scratch, (size_t)k);
			pe->len += (size_t)k;
		}
	}
	pe->buf[pe->len] = '\0';
	*res = strncmp(pe->buf, "HTTP/1.1 200 ", 13) == 0 ||
	    strncmp(pe->buf, "HTTP/1.0 200 ", 13) == 0;
	return 1;
}

/* Compare two doubles, for qsort. */
static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* The q-quantile (0..1) of n sorted values, by the nearest rank. */
static double
quantile(const double *v, size_t n, double q)
{
	size_t i;

	if (n == 0)
		return 0;
	i = (size_t)(q * (double)n + 0.999999);
	if (i < 1)
		i = 1;
	if (i > n)
		i = n;
	return v[i - 1];
}

/* Print the summary line of the probes of path p in one phase (held only,
** or all). */
static void
report_probes(const struct probe *pr, size_t n, int p, int held_only)
{
	double *ms = calloc(n ? n : 1, sizeof(double));
	size_t i, k = 0, tries = 0, failed = 0;

	if (ms == NULL)
		return;
	for (i = 0; i < n; i++) {
		if (pr[i].path != p || (held_only && !pr[i].held))
			continue;
		tries++;
		if (pr[i].ms < 0)
			failed++;
		else
			ms[k++] = pr[i].ms;
	}
	qsort(ms, k, sizeof(double), cmp_double);
	printf("probe path=%s phase=%s n=%zu ok=%zu failed=%zu "
	    "median_ms=%.2f p99_ms=%.2f max_ms=%.2f\n", opts.path[p],
	    held_only ? "held" : "all", tries, k, failed,
	    quantile(ms, k, 0.5), quantile(ms, k, 0.99),
	    k ? ms[k - 1] : 0.0);
	free(ms);
}

/* Print one line for the connections of one source (or the drip ones
** when source is -1). */
static void
report_source(const struct held *h, size_t n, int source, size_t failed,
    unsigned long bytes)
{
	size_t i, opened = 0, refused = 0, closed = 0, open = 0;
	char addr[INET_ADDRSTRLEN];

	for (i = 0; i < n; i++) {
		if (h[i].source != source)
			continue;
		opened++;
		if (h[i].closed < 0)
			open++;
		else if (h[i].closed - h[i].opened < opts.refuse_window)
			refused++;
		else
			closed++;
	}
	inet_ntop(AF_INET, source < 0 ? &opts.drip_from : &opts.from[source],
	    addr, sizeof(addr));
	if (source < 0)
		printf("drip addr=%s opened=%zu refused=%zu closed=%zu "
		    "open=%zu bytes=%lu\n", addr, opened, refused, closed, open,
		    bytes);
	else
		printf("source addr=%s opened=%zu refused=%zu closed=%zu "
		    "open=%zu connect_failed=%zu\n", addr, opened, refused,
		    closed, open, failed);
}

/* Print how long the connections closed by a deadline stayed open. */
static void
report_closes(const struct held *h, size_t n)
{
	double *d = calloc(n ? n : 1, sizeof(double)), t;
	size_t i, k = 0;

	if (d == NULL)
		return;
	for (i = 0; i < n; i++) {
		if (h[i].closed < 0)
			continue;
		t = h[i].closed - h[i].opened;
		if (t >= opts.refuse_window)
			d[k++] = t;
	}
	qsort(d, k, sizeof(double), cmp_double);
	printf("close_after_s n=%zu min=%.2f median=%.2f max=%.2f\n", k,
	    k ? d[0] : 0.0, quantile(d, k, 0.5), k ? d[k - 1] : 0.0);
	free(d);
}

/* Take the command line into opts.  Returns 0, or 2 on a usage error. */
static int
parse_args(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "port", required_argument, NULL, 'p' },
		{ "to", required_argument, NULL, 't' },
		{ "from", required_argument, NULL, 'f' },
		{ "per", required_argument, NULL, 'n' },
		{ "drip", required_argument, NULL, 'd' },
		{ "drip-from", required_argument, NULL, 'D' },
		{ "every", required_argument, NULL, 'e' },
		{ "probe", required_argument, NULL, 'g' },
		{ "probe-from", required_argument, NULL, 'P' },
		{ "header", required_argument, NULL, 'H' },
		{ "interval", required_argument, NULL, 'i' },
		{ "seconds", required_argument, NULL, 's' },
		{ "refuse-window", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 }
	};
	double v;
	int c;

	inet_pton(AF_INET, "127.0.0.1", &opts.to);
	inet_pton(AF_INET, "127.0.0.1", &opts.probe_from);
	inet_pton(AF_INET, "127.0.0.2", &opts.drip_from);
	opts.per = 100;
	opts.every = 20;
	opts.interval_ms = 200;
	opts.seconds = 10;
	opts.refuse_window = 1;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'p':
			if (parse_num(optarg, 1, 65535, &v) != 0)
				return usage();
			opts.port = (unsigned)v;
			break;
		case 't':
			if (parse_loopback(optarg, &opts.to) != 0)
				return usage();
			break;
		case 'f':
			opts.nfrom = 0;
			if (parse_sources(optarg) != 0)
				return usage();
			break;
		case 'n':
		case 'd':
			if (parse_num(optarg, 0, 60000, &v) != 0)
				return usage();
			if (c == 'n')
				opts.per = (unsigned)v;
			else
				opts.drip = (unsigned)v;
			break;
		case 'D':
			if (parse_loopback(optarg, &opts.drip_from) != 0)
				return usage();
			break;
		case 'e':
			if (parse_num(optarg, 0.01, 3600, &opts.every) != 0)
				return usage();
			break;
		case 'g':
			if (opts.npath >= MAX_PATHS || optarg[0] != '/' ||
			    strpbrk(optarg, " \r\n") || strlen(optarg) > 200)
				return usage();
			opts.path[opts.npath++] = optarg;
			break;
		case 'P':
			if (parse_loopback(optarg, &opts.probe_from) != 0)
				return usage();
			break;
		case 'H':
			if (strpbrk(optarg, "\r\n") || !strchr(optarg, ':') ||
			    strlen(optarg) > 600)
				return usage();
			opts.header = optarg;
			break;
		case 'i':
			if (parse_num(optarg, 1, 60000, &v) != 0)
				return usage();
			opts.interval_ms = (unsigned)v;
			break;
		case 's':
			if (parse_num(optarg, 0, 3600, &opts.seconds) != 0)
				return usage();
			break;
		case 'r':
			if (parse_num(optarg, 0, 3600, &opts.refuse_window) != 0)
				return usage();
			break;
		default:
			return usage();
		}
	}
	if (optind != argc || opts.port == 0)
		return usage();
	if (opts.nfrom == 0)
		inet_pton(AF_INET, "127.0.0.2", &opts.from[opts.nfrom++]);
	if (opts.npath == 0)
		opts.path[opts.npath++] = "/healthz";
	return 0;
}

int
main(int argc, char **argv)
{
	struct held *h = NULL;
	struct probe *pr = NULL;
	struct pending pe = { .fd = -1 };
	struct pollfd *pfd = NULL;
	size_t nh = 0, cap, npr = 0, i, np, failed[MAX_SOURCES] = { 0 };
	unsigned long dripped = 0;
	double t, next_probe, next_drip;
	int s, fd, res, done, rc = 1, any_late_close = 0;

	if ((rc = parse_args(argc, argv)) != 0)
		return rc;
	rc = 1;
	raise_nofile();
	clock_gettime(CLOCK_MONOTONIC, &start);
	cap = (size_t)opts.nfrom * opts.per + opts.drip;
	h = calloc(cap ? cap : 1, sizeof(*h));
	pfd = calloc(cap + 1, sizeof(*pfd));
	pr = calloc(MAX_PROBES, sizeof(*pr));
	if (h == NULL || pfd == NULL || pr == NULL) {
		fputs("holdconn: out of memory\n", stderr);
		goto cleanup;
	}

	/* the held connections, then the drip ones */
	for (s = 0; s < opts.nfrom; s++)
		for (i = 0; i < opts.per; i++) {
			if ((fd = open_held(opts.from[s])) < 0) {
				failed[s]++;
				continue;
			}
			h[nh++] = (struct held){ fd, s, now(), -1 };
		}
	for (i = 0; i < opts.drip; i++)
		if ((fd = open_held(opts.drip_from)) >= 0)
			h[nh++] = (struct held){ fd, -1, now(), -1 };

	/* poll them all, drip, and probe, until the time is up */
	next_probe = now();
	next_drip = now() + opts.every;
	while ((t = now()) < opts.seconds) {
		if (pe.fd < 0 && t >= next_probe && npr < MAX_PROBES) {
			pr[npr].path = (int)(npr % (size_t)opts.npath);
			pr[npr].started = t;
			pr[npr].held = !any_late_close;
			if (probe_start(&pe) != 0) {
				pr[npr++].ms = -1;
				pe.fd = -1;
			}
			next_probe = t + opts.interval_ms / 1000.0;
		}
		if (t >= next_drip) {
			for (i = 0; i < nh; i++)
				if (h[i].source < 0 && h[i].fd >= 0 &&
				    send(h[i].fd, "a", 1, MSG_NOSIGNAL) == 1)
					dripped++;
			next_drip = t + opts.every;
		}
		for (i = 0; i < nh; i++) {
			pfd[i].fd = h[i].fd;
			pfd[i].events = POLLIN | POLLRDHUP;
			pfd[i].revents = 0;
		}
		np = nh;
		if (pe.fd >= 0) {
			pfd[np].fd = pe.fd;
			pfd[np].events = pe.sent ? POLLIN : POLLOUT;
			pfd[np].revents = 0;
			np++;
		}
		if (poll(pfd, np, 20) < 0 && errno != EINTR) {
			perror("holdconn: poll");
			goto cleanup;
		}
		t = now();
		for (i = 0; i < nh; i++) {
			if (h[i].fd < 0 || pfd[i].revents == 0 ||
			    !is_closed(&h[i]))
				continue;
			close(h[i].fd);
			h[i].fd = -1;
			h[i].closed = t;
			if (t - h[i].opened >= opts.refuse_window)
				any_late_close = 1;
		}
		if (pe.fd >= 0) {
			done = res = 0;
			if (pfd[nh].revents)
				done = probe_step(&pe, pfd[nh].revents,
				    opts.path[pr[npr].path], &res);
			if (!done && (t - pe.t0) * 1000 > PROBE_LIMIT_MS)
				done = 1;
			if (done) {
				pr[npr].ms = res ? (t - pe.t0) * 1000 : -1;
				npr++;
				close(pe.fd);
				pe.fd = -1;
			}
		}
	}
	if (pe.fd >= 0) {
		close(pe.fd);
		pe.fd = -1;
	}

	for (s = 0; s < opts.nfrom; s++)
		report_source(h, nh, s, failed[s], 0);
	if (opts.drip)
		report_source(h, nh, -1, 0, dripped);
	report_closes(h, nh);
	for (s = 0; s < opts.npath; s++) {
		report_probes(pr, npr, s, 1);
		report_probes(pr, npr, s, 0);
	}
	rc = 0;

cleanup:
	for (i = 0; h && i < nh; i++)
		if (h[i].fd >= 0)
			close(h[i].fd);
	free(h);
	free(pfd);
	free(pr);
	return rc;
}
