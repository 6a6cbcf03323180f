/*
** feedsrv: the outside web for the end-to-end tests of external
** monitoring.  On one loopback address (tests start one per "host") it
** serves feeds, pages, sitemaps and JSON search answers from a folder,
** receives signed webhooks, and logs every request for the test to count.
**
**   feedsrv ADDR PORT DIR LOG
**
** GET or HEAD /p serves DIR/p, read afresh each time, with an ETag (a hash
** of the content) and Last-Modified; a matching If-None-Match, or with
** none an If-Modified-Since at or after the mtime, gets 304.  The query is
** ignored, but a missing DIR/p with q= in the query serves DIR/p.json.  A
** ".." segment gets 400.  /slow/REST waits FEEDSRV_SLOW seconds (default
** 5) then serves /REST; /error/ answers 500, /busy/ 503 with Retry-After:
** 120, /big/ 50 MiB of "a " with no Content-Length.  POST /hook answers 204
** when X-Sanctum-Signature is "sha256=" and the hex HMAC-SHA256, keyed with
** FEEDSRV_HOOK_SECRET, of "TIMESTAMP.BODY", TIMESTAMP being
** X-Sanctum-Timestamp and within 300 s of now; else 401, or 413 above
** 64 KiB.  Each request appends to LOG, when answered, the line
**
**   MS METHOD URI STATUS inm=IF-NONE-MATCH|- ims=present|- ua=AGENT|-
**
** MS being when it arrived (ms since the start), URI as sent, spaces in
** header values as "_"; a hook adds "HOOK ok BODY" (control bytes as
** spaces) or "HOOK bad".  Prints "ready" once listening; exits 0 on
** SIGTERM or SIGINT, 1 when it cannot start, 2 on a usage error.
*/
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define HOOK_MAX	(64 * 1024)
#define FILE_MAX	(64 * 1024 * 1024)
#define BIG_SIZE	((uint64_t)50 * 1024 * 1024)
#define HOOK_SKEW	300
#define IMF_FIXDATE	"%a, %d %b %Y %H:%M:%S GMT"

/* One request, made by uri_seen() and freed by completed(). */
struct req {
	char *uri;		/* the request target as sent, with its query */
	long long ms;		/* when it arrived, ms since the start */
	int started;		/* the handler has been called once */
	unsigned char *body;	/* a hook's body so far */
	size_t len;
	int too_big;		/* the body went over HOOK_MAX */
};

static const char *dir;
static const char *secret;	/* FEEDSRV_HOOK_SECRET, or NULL */
static double slow = 5;
static int logfd = -1;
static pthread_mutex_t loglock = PTHREAD_MUTEX_INITIALIZER;
static struct timespec start;
static atomic_int stopping;

/* The value of request header name, or NULL. */
static const char *
hdr(struct MHD_Connection *c, const char *name)
{
	return MHD_lookup_connection_value(c, MHD_HEADER_KIND, name);
}

/* Copy s to *p and advance it: n bytes, or all of it when n is -1; mode 1
** turns blanks into '_', mode 2 turns control bytes into spaces. */
static void
put(char **p, const char *s, long n, int mode)
{
	long i;

	for (i = 0; n < 0 ? s[i] != '\0' : i < n; i++)
		*(*p)++ = mode == 1 && (s[i] == ' ' || s[i] == '\t') ? '_' :
		    mode == 2 && (unsigned char)s[i] < 0x20 ? ' ' : s[i];
}

/* Append the log line of request r (and its HOOK line when hook is 1 for
** a good hook, 2 for a bad one) to LOG, all in one write. */
static void
log_request(struct MHD_Connection *c, const char *method, const struct req *r,
    unsigned status, int hook)
{
	const char *inm = hdr(c, MHD_HTTP_HEADER_IF_NONE_MATCH);
	const char *ua = hdr(c, MHD_HTTP_HEADER_USER_AGENT);
	char *line, *p, num[32];
	ssize_t n;

	inm = inm && *inm ? inm : "-";
	ua = ua && *ua ? ua : "-";
	line = malloc(strlen(method) + strlen(r->uri) + strlen(inm) +
	    strlen(ua) + r->len + 128);
	if ((p = line) == NULL) {
		fputs("feedsrv: out of memory for the log\n", stderr);
		return;
	}
	snprintf(num, sizeof(num), "%lld ", r->ms);
	put(&p, num, -1, 0);
	put(&p, method, -1, 1);
	put(&p, " ", -1, 0);
	put(&p, r->uri, -1, 1);
	snprintf(num, sizeof(num), " %u inm=", status);
	put(&p, num, -1, 0);
	put(&p, inm, -1, 1);
	put(&p, hdr(c, MHD_HTTP_HEADER_IF_MODIFIED_SINCE) ?
	    " ims=present ua=" : " ims=- ua=", -1, 0);
	put(&p, ua, -1, 1);
	put(&p, hook == 1 ? "\nHOOK ok " : hook == 2 ? "\nHOOK bad" : "", -1, 0);
	if (hook == 1)
		put(&p, (const char *)r->body, (long)r->len, 2);
	put(&p, "\n", -1, 0);
	if (pthread_mutex_lock(&loglock) != 0) {
		fputs("feedsrv: cannot lock the log\n", stderr);
		free(line);
		return;
	}
	n = write(logfd, line, (size_t)(p - line));
	pthread_mutex_unlock(&loglock);
	if (n != p - line)
		fprintf(stderr, "feedsrv: writing the log: %s\n",
		    n < 0 ? strerror(errno) : "short write");
	free(line);
}

/* Add the header name: value to resp, or destroy resp when that fails.
** Returns resp, or NULL. */
static struct MHD_Response *
with(struct MHD_Response *resp, const char *name, const char *value)
{
	if (resp && MHD_add_response_header(resp, name, value) != MHD_YES) {
		MHD_destroy_response(resp);
		return NULL;
	}
	return resp;
}

/* A response with the constant body text ("" for none).  Returns it, or
** NULL. */
static struct MHD_Response *
text(const char *body)
{
	return with(MHD_create_response_from_buffer(strlen(body),
	    (void *)body, MHD_RESPMEM_PERSISTENT), MHD_HTTP_HEADER_CONTENT_TYPE,
	    "text/plain; charset=utf-8");
}

/* Queue resp (NULL when making it failed) with status, log the request
** with hook as for log_request(), and drop our reference to resp.
** Returns what MHD should be told. */
static enum MHD_Result
reply(struct MHD_Connection *c, const char *method, const struct req *r,
    unsigned status, struct MHD_Response *resp, int hook)
{
	enum MHD_Result ok;

	if (resp == NULL) {
		fputs("feedsrv: cannot make a response\n", stderr);
		return MHD_NO;
	}
	ok = MHD_queue_response(c, status, resp);
	MHD_destroy_response(resp);
	log_request(c, method, r, status, hook);
	return ok;
}

/* The content reader of /big: "a a a ..." until BIG_SIZE bytes. */
static ssize_t
big_reader(void *cls, uint64_t pos, char *buf, size_t max)
{
	size_t i, n;

	(void)cls;
	if (pos >= BIG_SIZE)
		return MHD_CONTENT_READER_END_OF_STREAM;
	n = BIG_SIZE - pos < max ? (size_t)(BIG_SIZE - pos) : max;
	for (i = 0; i < n; i++)
		buf[i] = (pos + i) % 2 ? ' ' : 'a';
	return (ssize_t)n;
}

/* The Content-Type for the name of file. */
static const char *
content_type(const char *file)
{
	static const char *const types[] = {
		".rss", "application/rss+xml", ".atom", "application/atom+xml",
		".xml", "application/xml", ".json", "application/json",
		".html", "text/html; charset=utf-8",
		".txt", "text/plain; charset=utf-8",
	};
	const char *slash = strrchr(file, '/'), *dot = strrchr(file, '.');
	size_t i;

	for (i = 0; dot && dot > slash && i < sizeof(types) / sizeof(*types);
	    i += 2)
		if (strcmp(dot, types[i]) == 0)
			return types[i + 1];
	return "application/octet-stream";
}

/* Read the open file fd, of size bytes by fstat, into *out (malloc'd,
** the caller frees) and its length into *len.  Returns 0, or -1. */
static int
slurp(int fd, off_t size, unsigned char **out, size_t *len)
{
	size_t n = 0, cap = (size_t)size + 1;
	ssize_t k = 1;

	if (size > FILE_MAX || (*out = malloc(cap)) == NULL)
		return -1;
	while (n < cap && k != 0)
		if ((k = read(fd, *out + n, cap - n)) > 0)
			n += (size_t)k;
		else if (k < 0 && errno != EINTR)
			break;
	if (k < 0 || n == cap) {	/* an error, or it grew meanwhile */
		free(*out);
		return -1;
	}
	*len = n;
	return 0;
}

/* Serve DIR/path, or DIR/path.json when that is missing and q_asked (the
** query has q=): 200, 304, 404, or 500 when it cannot be read. */
static enum MHD_Result
serve_file(struct MHD_Connection *c, const char *method, const struct req *r,
    const char *path, int q_asked)
{
	struct MHD_Response *resp;
	unsigned char *buf;
	const char *inm = hdr(c, MHD_HTTP_HEADER_IF_NONE_MATCH);
	const char *ims = hdr(c, MHD_HTTP_HEADER_IF_MODIFIED_SINCE), *end;
	char file[4096], etag[24], date[40];
	struct stat st;
	struct tm tm;
	uint64_t h = 0xcbf29ce484222325ULL;	/* 64-bit FNV-1a */
	size_t len, i;
	int fd, k, fresh = 0;

	k = snprintf(file, sizeof(file), "%s%s", dir, path);
	if (k < 0 || (size_t)k >= sizeof(file) - 5)
		return reply(c, method, r, 404, text("not found\n"), 0);
	if ((fd = open(file, O_RDONLY | O_CLOEXEC)) < 0 && errno == ENOENT &&
	    q_asked)
		fd = open(strcat(file, ".json"), O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		if (fd >= 0)
			close(fd);
		return reply(c, method, r, 404, text("not found\n"), 0);
	}
	k = slurp(fd, st.st_size, &buf, &len);
	close(fd);
	if (k != 0)
		return reply(c, method, r, 500, text("cannot read\n"), 0);
	for (i = 0; i < len; i++)
		h = (h ^ buf[i]) * 0x100000001b3ULL;
	snprintf(etag, sizeof(etag), "\"%016llx\"", (unsigned long long)h);
	if (gmtime_r(&st.st_mtime, &tm) == NULL ||
	    strftime(date, sizeof(date), IMF_FIXDATE, &tm) == 0)
		date[0] = '\0';
	if (inm)
		fresh = strcmp(inm, etag) == 0;
	else if (ims) {
		memset(&tm, 0, sizeof(tm));
		end = strptime(ims, IMF_FIXDATE, &tm);
		fresh = end && *end == '\0' && timegm(&tm) >= st.st_mtime;
	}
	if (fresh) {
		free(buf);
		resp = MHD_create_response_from_buffer(0, (void *)"",
		    MHD_RESPMEM_PERSISTENT);
	} else if ((resp = MHD_create_response_from_buffer(len, buf,
	    MHD_RESPMEM_MUST_FREE)) == NULL)
		free(buf);
	else
		resp = with(resp, MHD_HTTP_HEADER_CONTENT_TYPE,
		    content_type(file));
	resp = with(resp, MHD_HTTP_HEADER_ETAG, etag);
	if (date[0])
		resp = with(resp, MHD_HTTP_HEADER_LAST_MODIFIED, date);
	return reply(c, method, r, fresh ? 304 : 200, resp, 0);
}

/* Check the signature and timestamp of the hook r.  Returns 1 when they
** are right, 0 when not. */
static int
hook_good(struct MHD_Connection *c, const struct req *r)
{
	crypto_auth_hmacsha256_state st;
	unsigned char mac[crypto_auth_hmacsha256_BYTES];
	char hex[2 * crypto_auth_hmacsha256_BYTES + 1], *end;
	const char *ts = hdr(c, "X-Sanctum-Timestamp");
	const char *sig = hdr(c, "X-Sanctum-Signature");
	long long t;
	int good;

	if (secret == NULL || ts == NULL || sig == NULL || *ts < '0' ||
	    *ts > '9' || strncmp(sig, "sha256=", 7) != 0 ||
	    strlen(sig + 7) != sizeof(hex) - 1)
		return 0;
	errno = 0;
	t = strtoll(ts, &end, 10);
	if (errno || *end || llabs(t - (long long)time(NULL)) > HOOK_SKEW)
		return 0;
	good = crypto_auth_hmacsha256_init(&st, (const unsigned char *)secret,
	    strlen(secret)) == 0 &&
	    crypto_auth_hmacsha256_update(&st, (const unsigned char *)ts,
	    strlen(ts)) == 0 &&
	    crypto_auth_hmacsha256_update(&st, (const unsigned char *)".",
	    1) == 0 &&
	    crypto_auth_hmacsha256_update(&st, r->body, r->len) == 0 &&
	    crypto_auth_hmacsha256_final(&st, mac) == 0 &&
	    sodium_bin2hex(hex, sizeof(hex), mac, sizeof(mac)) != NULL &&
	    sodium_memcmp(hex, sig + 7, sizeof(hex) - 1) == 0;
	sodium_memzero(&st, sizeof(st));
	sodium_memzero(mac, sizeof(mac));
	return good;
}

/* Sleep for FEEDSRV_SLOW seconds, or until the server is stopping. */
static void
nap(void)
{
	struct timespec step = { 0, 50 * 1000000L };
	double left;

	for (left = slow; left > 0 && !atomic_load(&stopping); left -= 0.05) {
		if (left < 0.05)
			step.tv_nsec = (long)(left * 1e9);
		nanosleep(&step, NULL);
	}
}

/* MHD's access handler.  The first call only marks the request started
** (answering then would make libmicrohttpd close the connection after
** the answer); the calls with upload data gather a hook's body and
** discard any other; the last call answers. */
static enum MHD_Result
handle(void *cls, struct MHD_Connection *c, const char *url,
    const char *method, const char *version, const char *upload_data,
    size_t *upload_data_size, void **con_cls)
{
	struct req *r = *con_cls;
	unsigned char *nb;
	const char *q, *p;
	size_t n;
	int hook = strcmp(url, "/hook") == 0 && strcmp(method, "POST") == 0;

	(void)cls;
	(void)version;
	if (r == NULL)
		return MHD_NO;	/* uri_seen() ran out of memory */
	if (!r->started) {
		r->started = 1;
		return MHD_YES;
	}
	if ((n = *upload_data_size) > 0) {
		*upload_data_size = 0;
		if (!hook || r->too_big || n > HOOK_MAX - r->len) {
			r->too_big = 1;
			return MHD_YES;
		}
		if ((nb = realloc(r->body, r->len + n)) == NULL)
			return MHD_NO;
		memcpy(nb + r->len, upload_data, n);
		r->body = nb;
		r->len += n;
		return MHD_YES;
	}

	if (hook && r->too_big)
		return reply(c, method, r, 413, text("too big\n"), 2);
	if (hook && hook_good(c, r))
		return reply(c, method, r, 204, text(""), 1);
	if (hook)
		return reply(c, method, r, 401, text("bad signature\n"), 2);
	if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0)
		return reply(c, method, r, 405, with(text("not allowed\n"),
		    MHD_HTTP_HEADER_ALLOW, "GET, HEAD"), 0);
	n = strlen(url);
	if (url[0] != '/' || strstr(url, "/../") ||
	    (n >= 3 && strcmp(url + n - 3, "/..") == 0))
		return reply(c, method, r, 400, text("bad path\n"), 0);

	for (p = url; strncmp(p, "/slow/", 6) == 0; p += 5)
		nap();
	if (strncmp(p, "/error/", 7) == 0)
		return reply(c, method, r, 500, text("internal error\n"), 0);
	if (strncmp(p, "/busy/", 6) == 0)
		return reply(c, method, r, 503, with(text("busy\n"),
		    MHD_HTTP_HEADER_RETRY_AFTER, "120"), 0);
	if (strncmp(p, "/big/", 5) == 0)
		return reply(c, method, r, 200, with(
		    MHD_create_response_from_callback(MHD_SIZE_UNKNOWN,
		    64 * 1024, big_reader, NULL, NULL),
		    MHD_HTTP_HEADER_CONTENT_TYPE, "text/plain"), 0);
	q = strchr(r->uri, '?');
	return serve_file(c, method, r, p,
	    q && (strncmp(q + 1, "q=", 2) == 0 || strstr(q, "&q=")));
}

/* MHD's URI logger, called once per request before the handler: make
** the request's struct req.  Returns it, or NULL when out of memory. */
static void *
uri_seen(void *cls, const char *uri, struct MHD_Connection *c)
{
	struct req *r = calloc(1, sizeof(*r));
	struct timespec t;

	(void)cls;
	(void)c;
	if (r == NULL || (r->uri = strdup(uri)) == NULL) {
		free(r);
		return NULL;
	}
	clock_gettime(CLOCK_MONOTONIC, &t);
	r->ms = (long long)(t.tv_sec - start.tv_sec) * 1000 +
	    (t.tv_nsec - start.tv_nsec) / 1000000;
	return r;
}

/* MHD's completion callback: free the request's struct req. */
static void
completed(void *cls, struct MHD_Connection *c, void **con_cls,
    enum MHD_RequestTerminationCode toe)
{
	struct req *r = *con_cls;

	(void)cls;
	(void)c;
	(void)toe;
	if (r) {
		free(r->uri);
		free(r->body);
		free(r);
	}
	*con_cls = NULL;
}

int
main(int argc, char **argv)
{
	struct MHD_Daemon *d = NULL;
	struct sockaddr_in sa = { .sin_family = AF_INET };
	struct stat st;
	sigset_t set;
	const char *s = getenv("FEEDSRV_SLOW");
	char *end = NULL;
	long port = 0;
	int sig;

	if (argc == 5)
		port = strtol(argv[2], &end, 10);
	if (argc != 5 || inet_pton(AF_INET, argv[1], &sa.sin_addr) != 1 ||
	    *end || port < 1 || port > 65535) {
		fputs("usage: feedsrv ADDR PORT DIR LOG\n", stderr);
		return 2;
	}
	if (s && (slow = strtod(s, &end), end == s || *end || !(slow >= 0 &&
	    slow <= 3600))) {
		fputs("feedsrv: FEEDSRV_SLOW is not a number of seconds\n",
		    stderr);
		return 2;
	}
	sa.sin_port = htons((uint16_t)port);
	secret = getenv("FEEDSRV_HOOK_SECRET");
	dir = argv[3];
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		fprintf(stderr, "feedsrv: %s: not a folder\n", dir);
		return 1;
	}
	if (sodium_init() < 0) {
		fputs("feedsrv: cannot start libsodium\n", stderr);
		return 1;
	}
	if ((logfd = open(argv[4], O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC,
	    0644)) < 0) {
		fprintf(stderr, "feedsrv: %s: %s\n", argv[4], strerror(errno));
		return 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &start);

	/* every thread blocks the stop signals; main waits for them */
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	if (pthread_sigmask(SIG_BLOCK, &set, NULL) == 0 &&
	    signal(SIGPIPE, SIG_IGN) != SIG_ERR)
		d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD |
		    MHD_USE_THREAD_PER_CONNECTION | MHD_USE_AUTO,
		    (uint16_t)port, NULL, NULL, handle, NULL,
		    MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
		    MHD_OPTION_URI_LOG_CALLBACK, uri_seen, NULL,
		    MHD_OPTION_NOTIFY_COMPLETED, completed, NULL,
		    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)60,
		    MHD_OPTION_END);
	if (d == NULL) {
		fprintf(stderr, "feedsrv: cannot listen on %s:%ld\n", argv[1],
		    port);
		close(logfd);
		return 1;
	}
	if (puts("ready") == EOF || fflush(stdout) != 0)
		fputs("feedsrv: cannot write to stdout\n", stderr);
	while (sigwait(&set, &sig) != 0)
		;
	atomic_store(&stopping, 1);
	MHD_stop_daemon(d);
	close(logfd);
	return 0;
}
