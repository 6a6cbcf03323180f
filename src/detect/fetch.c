/*
** fetch.c: scan an http(s) URL.  See fetch.h.
**
** libcurl downloads the page and its body streams into the extractors as
** it arrives (the kind is decided from the Content-Type at the first
** bytes).  A scan is asked for by a moderator but fetched by the server,
** so it must not become a way to reach the server's own network: every
** connection, the first and each one after a redirect, passes through
** on_socket, which sees the address curl is about to connect to (after
** DNS, so a name that resolves to 127.0.0.1 is caught, and so is a name
** that changes its answer between lookups) and refuses loopback, private,
** link-local and the other local ranges unless allow_private is set.
** Proxies from the environment are not used: a proxy would connect on our
** behalf where this check cannot see.
**
** Limits: http and https only, also for redirects; at most max_redirects
** redirects; a timeout for the whole transfer; a size cap checked against
** Content-Length and again as bytes (decompressed) arrive.  Messages name
** the host only, never the path, the query or the content.
*/
#include "fetch.h"

#include <curl/curl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>

#include "../util/buf.h"
#include "../util/util.h"

#define USER_AGENT "sanctum-scan/0.1"
#define CONNECT_TIMEOUT 10L	/* seconds, at most, to connect */

struct fetch {
	struct extract_opts o;
	extract_sink sink;
	void *ctx;
	CURL *curl;
	struct extract_stream *s;
	size_t total;
	long status;
	int refused;		/* on_socket refused an address */
	int bad_status;		/* the answer was not 2xx */
	int too_big;
	int failed;		/* the extractor failed; reason says why */
	int stopped;		/* the sink asked to stop */
	char reason[ERR_MAX];
};

static pthread_once_t fetch_once = PTHREAD_ONCE_INIT;
static int fetch_ready;

/* Once per process: libcurl's global start. */
static void
fetch_init(void)
{
	fetch_ready = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
}

/* Start libcurl now, while the process has one thread and before
** `serve` enters its sandbox: the start reads TLS configuration files.
** Fetches start it themselves otherwise. */
void
fetch_start(void)
{
	pthread_once(&fetch_once, fetch_init);
}

/* 1 for an ASCII letter. */
static int
is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Is url an http(s) address libcurl parses?  See fetch.h. */
int
fetch_http_url(const char *url, size_t max, char *host, size_t cap)
{
	char *h = NULL;
	CURLU *u;
	int ok;

	if (url == NULL || strlen(url) > max || !util_valid_text(url,
	    strlen(url)) || strpbrk(url, " \t\r\n") != NULL ||
	    (strncasecmp(url, "http://", 7) != 0 &&
	    strncasecmp(url, "https://", 8) != 0))
		return 0;
	u = curl_url();
	ok = u != NULL && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_HOST, &h, 0) == CURLUE_OK;
	if (ok && host)
		snprintf(host, cap, "%s", strncmp(h, "www.", 4) == 0 ? h + 4 :
		    h);
	curl_free(h);
	curl_url_cleanup(u);
	return ok;
}

/* 1 when source has the form of a URL.  See fetch.h. */
int
fetch_is_url(const char *source)
{
	size_t i;

	if (strncasecmp(source, "file:", 5) == 0)
		return 1;
	if (!is_alpha(source[0]))
		return 0;
	for (i = 1; is_alpha(source[i]) || (source[i] >= '0' && source[i] <= '9') ||
	    source[i] == '+' || source[i] == '-' || source[i] == '.'; i++)
		;
	return strncmp(source + i, "://", 3) == 0;
}

/* 1 when IPv4 address a (host byte order) is one a scan must not reach. */
static int
v4_private(uint32_t a)
{
	static const struct {
		uint32_t net;
		int bits;
	} nets[] = {
		{ 0x00000000, 8 },	/* 0.0.0.0/8: this network */
		{ 0x0A000000, 8 },	/* 10.0.0.0/8: private */
		{ 0x64400000, 10 },	/* 100.64.0.0/10: carrier-grade NAT */
		{ 0x7F000000, 8 },	/* 127.0.0.0/8: loopback */
		{ 0xA9FE0000, 16 },	/* 169.254.0.0/16: link-local, cloud metadata */
		{ 0xAC100000, 12 },	/* 172.16.0.0/12: private */
		{ 0xC0000000, 24 },	/* 192.0.0.0/24: protocol assignments */
		{ 0xC0000200, 24 },	/* 192.0.2.0/24: documentation */
		{ 0xC0A80000, 16 },	/* 192.168.0.0/16: private */
		{ 0xC6120000, 15 },	/* 198.18.0.0/15: benchmarking */
		{ 0xC6336400, 24 },	/* 198.51.100.0/24: documentation */
		{ 0xCB007100, 24 },	/* 203.0.113.0/24: documentation */
		{ 0xE0000000, 4 },	/* 224.0.0.0/4: multicast */
		{ 0xF0000000, 4 },	/* 240.0.0.0/4: reserved, broadcast */
	};
	size_t i;

	for (i = 0; i < sizeof(nets) / sizeof(nets[0]); i++)
		if ((a & (0xFFFFFFFFu << (32 - nets[i].bits))) == nets[i].net)
			return 1;
	return 0;
}

/* The IPv4 address in the four bytes at b. */
static uint32_t
v4_at(const unsigned char *b)
{
	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

/* 1 when IPv6 address b is one a scan must not reach. */
static int
v6_private(const unsigned char *b)
{
	static const unsigned char zero[16];

	if (memcmp(b, zero, 15) == 0 && b[15] <= 1)
		return 1;			/* :: and ::1 */
	if (b[0] == 0xFF)
		return 1;			/* ff00::/8 multicast */
	if (b[0] == 0xFE && (b[1] & 0x80) == 0x80)
		return 1;			/* fe80::/10 link-local, fec0::/10 site-local */
	if ((b[0] & 0xFE) == 0xFC)
		return 1;			/* fc00::/7 unique local */
	if (b[0] == 0x01 && b[1] == 0x00 && memcmp(b + 2, zero, 6) == 0)
		return 1;			/* 100::/64 discard */
	if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8)
		return 1;			/* 2001:db8::/32 documentation */
	/* IPv4 inside IPv6: mapped ::ffff:a.b.c.d, compatible ::a.b.c.d,
	** NAT64 64:ff9b::a.b.c.d (and 64:ff9b:1::/48 for local use), 6to4
	** 2002:aabb:ccdd::, Teredo 2001:0::/32 (client address inverted). */
	if (memcmp(b, zero, 10) == 0 && ((b[10] == 0xFF && b[11] == 0xFF) ||
	    (b[10] == 0 && b[11] == 0)))
		return v4_private(v4_at(b + 12));
	if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B) {
		if (b[4] == 0x00 && b[5] == 0x01)
			return 1;
		return v4_private(v4_at(b + 12));
	}
	if (b[0] == 0x20 && b[1] == 0x02)
		return v4_private(v4_at(b + 2));
	if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x00 && b[3] == 0x00)
		return v4_private(~v4_at(b + 12)) || v4_private(v4_at(b + 4));
	return 0;
}

/* 1 when sa must not be reached.  See fetch.h. */
int
fetch_address_is_private(const struct sockaddr *sa)
{
	struct sockaddr_in in;
	struct sockaddr_in6 in6;

	if (sa == NULL)
		return 1;
	if (sa->sa_family == AF_INET) {
		memcpy(&in, sa, sizeof(in));
		return v4_private(ntohl(in.sin_addr.s_addr));
	}
	if (sa->sa_family == AF_INET6) {
		memcpy(&in6, sa, sizeof(in6));
		return v6_private(in6.sin6_addr.s6_addr);
	}
	return 1;
}

/* The socket for address a, unless a is private and that is not allowed
** (then *refused is set): what every connection of every fetch passes. */
static curl_socket_t
checked_socket(int allow_private, int *refused, curlsocktype purpose,
    struct curl_sockaddr *a)
{
	if (purpose != CURLSOCKTYPE_IPCXN)
		return CURL_SOCKET_BAD;
	if ((a->family == AF_INET && a->addrlen < sizeof(struct sockaddr_in)) ||
	    (a->family == AF_INET6 && a->addrlen < sizeof(struct sockaddr_in6)) ||
	    (!allow_private && fetch_address_is_private(&a->addr))) {
		*refused = 1;
		return CURL_SOCKET_BAD;
	}
	return socket(a->family, a->socktype | SOCK_CLOEXEC, a->protocol);
}

/* curl's socket callback: the one place every connection passes, with the
** address it will connect to. */
static curl_socket_t
on_socket(void *clientp, curlsocktype purpose, struct curl_sockaddr *a)
{
	struct fetch *f = clientp;

	return checked_socket(f->o.allow_private, &f->refused, purpose, a);
}

/* curl's write callback: the body as it arrives.  Returning less than
** was given stops the transfer. */
static size_t
on_body(char *p, size_t size, size_t nmemb, void *userdata)
{
	struct fetch *f = userdata;
	size_t n = size * nmemb;
	char *ct = NULL;
	int rc;

	if (f->s == NULL) {
		curl_easy_getinfo(f->curl, CURLINFO_RESPONSE_CODE, &f->status);
		if (f->status < 200 || f->status > 299) {
			f->bad_status = 1;
			return 0;
		}
		curl_easy_getinfo(f->curl, CURLINFO_CONTENT_TYPE, &ct);
		if ((f->s = extract_stream_open(ct, &f->o, f->sink, f->ctx)) == NULL) {
			err_set(f->reason, "out of memory");
			f->failed = 1;
			return 0;
		}
	}
	if (n > f->o.max_bytes - f->total) {
		f->too_big = 1;
		return 0;
	}
	f->total += n;
	rc = extract_stream_feed(f->s, p, n, f->reason);
	if (rc < 0)
		f->failed = 1;
	else if (rc > 0)
		f->stopped = 1;
	return rc == 0 ? n : 0;
}

/* Say why a transfer that ended with cc failed, or return 0 when it did
** not. */
static int
explain(struct fetch *f, CURLcode cc, const char *host, char *err)
{
	if (f->bad_status || (cc == CURLE_OK && (f->status < 200 || f->status > 299))) {
		err_set(err, "URL: the server answered %ld (%s)", f->status, host);
	} else if (f->failed) {
		err_set(err, "URL: %s (%s)", f->reason, host);
	} else if (f->too_big || cc == CURLE_FILESIZE_EXCEEDED) {
		err_set(err, "URL: larger than %zu bytes (%s)", f->o.max_bytes, host);
	} else if (f->stopped || cc == CURLE_OK) {
		return 0;
	} else if (f->refused) {
		err_set(err, "URL: refusing to fetch a private or loopback address (%s)", host);
	} else if (cc == CURLE_UNSUPPORTED_PROTOCOL) {
		err_set(err, "URL: redirected to something other than http or https (%s)", host);
	} else if (cc == CURLE_COULDNT_RESOLVE_HOST) {
		err_set(err, "URL: cannot find the host (%s)", host);
	} else if (cc == CURLE_COULDNT_CONNECT) {
		err_set(err, "URL: cannot connect (%s)", host);
	} else if (cc == CURLE_OPERATION_TIMEDOUT) {
		err_set(err, "URL: no answer within %ld seconds (%s)", f->o.timeout, host);
	} else if (cc == CURLE_TOO_MANY_REDIRECTS) {
		err_set(err, "URL: more than %d redirects (%s)", f->o.max_redirects, host);
	} else {
		err_set(err, "URL: %s (%s)", curl_easy_strerror(cc), host);
	}
	return -1;
}

/* Download url and extract its body.  See fetch.h. */
int
fetch_url(const char *url, const struct extract_opts *o, extract_sink sink, void *ctx,
    enum extract_kind *kind, char *err)
{
	struct fetch f;
	CURLU *u = NULL;
	CURLcode cc;
	char *host = NULL, name[128], scheme[16];
	size_t n;
	int rc = -1;

	if (kind != NULL)
		*kind = EXTRACT_TEXT;
	memset(&f, 0, sizeof(f));
	extract_opts_resolve(o, &f.o);
	f.sink = sink;
	f.ctx = ctx;
	if (strncasecmp(url, "http://", 7) != 0 && strncasecmp(url, "https://", 8) != 0) {
		n = strcspn(url, ":");
		snprintf(scheme, sizeof(scheme), "%.*s", (int)(n < 15 ? n : 15), url);
		err_set(err, "URL: only http and https URLs can be scanned (not %s)", scheme);
		return -1;
	}
	pthread_once(&fetch_once, fetch_init);
	if (!fetch_ready) {
		err_set(err, "URL: libcurl could not start");
		return -1;
	}
	if ((u = curl_url()) == NULL || curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK) {
		err_set(err, "URL: not a valid URL");
		goto cleanup;
	}
	snprintf(name, sizeof(name), "%s", host);
	if ((f.curl = curl_easy_init()) == NULL) {
		err_set(err, "URL: out of memory");
		goto cleanup;
	}
	curl_easy_setopt(f.curl, CURLOPT_CURLU, u);
	curl_easy_setopt(f.curl, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(f.curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(f.curl, CURLOPT_FOLLOWLOCATION, f.o.max_redirects > 0 ? 1L : 0L);
	curl_easy_setopt(f.curl, CURLOPT_MAXREDIRS, (long)f.o.max_redirects);
	curl_easy_setopt(f.curl, CURLOPT_TIMEOUT, f.o.timeout);
	curl_easy_setopt(f.curl, CURLOPT_CONNECTTIMEOUT,
	    f.o.timeout < CONNECT_TIMEOUT ? f.o.timeout : CONNECT_TIMEOUT);
	curl_easy_setopt(f.curl, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)f.o.max_bytes);
	curl_easy_setopt(f.curl, CURLOPT_USERAGENT, USER_AGENT);
	curl_easy_setopt(f.curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(f.curl, CURLOPT_PROXY, "");
	curl_easy_setopt(f.curl, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(f.curl, CURLOPT_OPENSOCKETFUNCTION, on_socket);
	curl_easy_setopt(f.curl, CURLOPT_OPENSOCKETDATA, &f);
	curl_easy_setopt(f.curl, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(f.curl, CURLOPT_WRITEDATA, &f);
	cc = curl_easy_perform(f.curl);
	if (cc == CURLE_OK)
		curl_easy_getinfo(f.curl, CURLINFO_RESPONSE_CODE, &f.status);
	rc = explain(&f, cc, name, err);
	if (rc == 0 && f.s == NULL) {
		/* An empty body: still a source of its kind. */
		char *ct = NULL;

		curl_easy_getinfo(f.curl, CURLINFO_CONTENT_TYPE, &ct);
		f.s = extract_stream_open(ct, &f.o, sink, ctx);
	}
	if (f.s != NULL) {
		/* Even after an error, what arrived reaches the sink. */
		if (extract_stream_close(f.s, kind, f.reason) != 0 && rc == 0) {
			err_set(err, "URL: %s (%s)", f.reason, name);
			rc = -1;
		}
		f.s = NULL;
	}
cleanup:
	if (f.curl != NULL)
		curl_easy_cleanup(f.curl);
	curl_free(host);
	curl_url_cleanup(u);
	return rc;
}

/* The state of one fetch_get transfer. */
struct getter {
	struct fetch_get *q;
	struct buf body;
	int refused;		/* on_get_socket refused an address */
	int too_big;
};

static curl_socket_t
on_get_socket(void *clientp, curlsocktype purpose, struct curl_sockaddr *a)
{
	struct getter *t = clientp;

	return checked_socket(t->q->allow_private, &t->refused, purpose, a);
}

static size_t
on_get_body(char *p, size_t size, size_t nmemb, void *userdata)
{
	struct getter *t = userdata;
	size_t n = size * nmemb;

	if (buf_append(&t->body, p, n) != 0) {
		t->too_big = 1;
		return 0;
	}
	return n;
}

/* Copy the value of the last answer's header name into out, or "". */
static void
answer_header(CURL *curl, const char *name, char *out, size_t cap)
{
	struct curl_header *h = NULL;

	out[0] = '\0';
	if (curl_easy_header(curl, name, 0, CURLH_HEADER, -1, &h) ==
	    CURLHE_OK && h && h->value && strlen(h->value) < cap)
		snprintf(out, cap, "%s", h->value);
}

/* A GET for monitoring.  See fetch.h.  Returns 0 when an answer came (any
** status: the caller reads q->status), or -1 with err naming the host. */
int
fetch_get(struct fetch_get *q, char *err)
{
	struct getter t;
	struct curl_slist *hdrs = NULL;
	CURLU *u = NULL;
	CURL *curl = NULL;
	CURLcode cc;
	char *host = NULL, name[128], line[320], ra[32], *ct = NULL;
	int rc = -1;

	memset(&t, 0, sizeof(t));
	t.q = q;
	q->status = 0;
	q->etag_out[0] = q->modified_out[0] = q->ctype[0] = '\0';
	q->retry_after = 0;
	q->body = NULL;
	q->len = 0;
	buf_init(&t.body, q->max_bytes);
	snprintf(name, sizeof(name), "?");
	if (strncasecmp(q->url, "http://", 7) != 0 &&
	    strncasecmp(q->url, "https://", 8) != 0) {
		err_set(err, "only http and https addresses are fetched");
		goto done;
	}
	pthread_once(&fetch_once, fetch_init);
	if (!fetch_ready) {
		err_set(err, "libcurl could not start");
		goto done;
	}
	if ((u = curl_url()) == NULL || curl_url_set(u, CURLUPART_URL, q->url,
	    0) != CURLUE_OK || curl_url_get(u, CURLUPART_HOST, &host, 0) !=
	    CURLUE_OK) {
		err_set(err, "not a valid address");
		goto done;
	}
	snprintf(name, sizeof(name), "%s", host);
	if ((curl = curl_easy_init()) == NULL) {
		err_set(err, "out of memory (%s)", name);
		goto done;
	}
	if (q->etag && q->etag[0] && strlen(q->etag) < 256) {
		snprintf(line, sizeof(line), "If-None-Match: %s", q->etag);
		hdrs = curl_slist_append(hdrs, line);
	}
	if (q->modified && q->modified[0] && strlen(q->modified) < 64) {
		snprintf(line, sizeof(line), "If-Modified-Since: %s",
		    q->modified);
		hdrs = curl_slist_append(hdrs, line);
	}
	curl_easy_setopt(curl, CURLOPT_CURLU, u);
	curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(curl, CURLOPT_MAXREDIRS, 3L);
	curl_easy_setopt(curl, CURLOPT_TIMEOUT, q->timeout);
	curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT,
	    q->timeout < CONNECT_TIMEOUT ? q->timeout : CONNECT_TIMEOUT);
	curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE,
	    (curl_off_t)q->max_bytes);
	curl_easy_setopt(curl, CURLOPT_USERAGENT, q->agent ? q->agent :
	    USER_AGENT);
	curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(curl, CURLOPT_PROXY, "");
	curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(curl, CURLOPT_HTTPHEADER, hdrs);
	curl_easy_setopt(curl, CURLOPT_OPENSOCKETFUNCTION, on_get_socket);
	curl_easy_setopt(curl, CURLOPT_OPENSOCKETDATA, &t);
	curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_get_body);
	curl_easy_setopt(curl, CURLOPT_WRITEDATA, &t);
	cc = curl_easy_perform(curl);
	if (t.too_big || cc == CURLE_FILESIZE_EXCEEDED) {
		err_set(err, "larger than %zu bytes (%s)", q->max_bytes, name);
		goto done;
	}
	if (cc != CURLE_OK) {
		if (t.refused)
			err_set(err, "refusing to fetch a private or loopback "
			    "address (%s)", name);
		else if (cc == CURLE_COULDNT_RESOLVE_HOST)
			err_set(err, "cannot find the host (%s)", name);
		else if (cc == CURLE_COULDNT_CONNECT)
			err_set(err, "cannot connect (%s)", name);
		else if (cc == CURLE_OPERATION_TIMEDOUT)
			err_set(err, "no answer within %ld seconds (%s)",
			    q->timeout, name);
		else if (cc == CURLE_TOO_MANY_REDIRECTS)
			err_set(err, "more than 3 redirects (%s)", name);
		else if (cc == CURLE_UNSUPPORTED_PROTOCOL)
			err_set(err, "redirected to something other than http "
			    "or https (%s)", name);
		else
			err_set(err, "%s (%s)", curl_easy_strerror(cc), name);
		goto done;
	}
	curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &q->status);
	if (curl_easy_getinfo(curl, CURLINFO_CONTENT_TYPE, &ct) == CURLE_OK &&
	    ct && strlen(ct) < sizeof(q->ctype))
		snprintf(q->ctype, sizeof(q->ctype), "%s", ct);
	answer_header(curl, "ETag", q->etag_out, sizeof(q->etag_out));
	answer_header(curl, "Last-Modified", q->modified_out,
	    sizeof(q->modified_out));
	answer_header(curl, "Retry-After", ra, sizeof(ra));
	if (ra[0] >= '0' && ra[0] <= '9')
		q->retry_after = strtol(ra, NULL, 10);
	else if (ra[0]) {
		time_t when = curl_getdate(ra, NULL);

		if (when > 0 && when > time(NULL))
			q->retry_after = (long)(when - time(NULL));
	}
	q->len = t.body.len;
	if ((q->body = buf_steal(&t.body)) == NULL) {
		err_set(err, "out of memory (%s)", name);
		goto done;
	}
	rc = 0;
done:
	buf_free(&t.body);
	curl_slist_free_all(hdrs);
	if (curl != NULL)
		curl_easy_cleanup(curl);
	curl_free(host);
	curl_url_cleanup(u);
	return rc;
}
