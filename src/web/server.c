/*
** server.c: the HTTP server on libmicrohttpd.
**
** libmicrohttpd (Debian's libmicrohttpd-dev) was chosen because it is a
** small, long-maintained C server library with an internal thread pool,
** request-size limits and TLS through GnuTLS, and needs no event loop of
** ours.  This file reads each request (capping its body), parses forms
** (libmicrohttpd's post processor) and JSON (Jansson), validates UTF-8,
** gives every response the same strict headers, and keeps one SQLite
** connection per server thread.
*/
#include "server.h"

#include <arpa/inet.h>
#include <errno.h>
#include <jansson.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>
#include <utf8proc.h>

#include "../core/gate.h"
#include "../crypto/password.h"
#include "../detect/live.h"
#include "../store/db.h"
#include "../util/log.h"
#include "../util/util.h"
#include "guard.h"
#include "html.h"
#include "routes.h"
#include "tls.h"

#define MAX_THREADS 64

static const struct serve_config *config;
static const struct gate *prototype;	/* each request's gate is like it */
static const char *database;
static volatile sig_atomic_t stopping;

static pthread_mutex_t conn_lock = PTHREAD_MUTEX_INITIALIZER;
static struct db *conns[MAX_THREADS];
static int nconns;
static __thread struct db *thread_db;

/* This thread's database connection, opened on first use.  Returns NULL
** when the database cannot be opened. */
static struct db *
server_db(void)
{
	char err[ERR_MAX];

	if (thread_db)
		return thread_db;
	if (db_open(database, 0, &thread_db, err) != 0) {
		log_msg(LOG_ERROR, "serve: %s", err);
		return NULL;
	}
	pthread_mutex_lock(&conn_lock);
	if (nconns < MAX_THREADS)
		conns[nconns++] = thread_db;
	pthread_mutex_unlock(&conn_lock);
	return thread_db;
}

/* Is s (n bytes) valid UTF-8 without NUL bytes?  Returns 1 or 0. */
static int
valid_utf8(const char *s, size_t n)
{
	utf8proc_int32_t c;
	utf8proc_ssize_t k;
	size_t i = 0;

	while (i < n) {
		k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
		    (utf8proc_ssize_t)(n - i), &c);
		if (k <= 0 || c == 0)
			return 0;
		i += (size_t)k;
	}
	return 1;
}

/* Count a query-string argument (decoded by libmicrohttpd) that is not
** valid UTF-8: cls is the count. */
static enum MHD_Result
arg_check(void *cls, enum MHD_ValueKind kind, const char *key,
    const char *value)
{
	(void)kind;
	if (!valid_utf8(key, strlen(key)) ||
	    (value && !valid_utf8(value, strlen(value))))
		++*(int *)cls;
	return MHD_YES;
}

/* Look up a query-string argument (decoded by libmicrohttpd). */
const char *
req_arg(struct req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND,
	    name);
}

/* The number the route pattern's {name} matched (1 or more; checked by
** the dispatcher before the handler runs), or 0 when the route has no
** such part. */
int64_t
req_param(const struct req *r, const char *name)
{
	int i;

	for (i = 0; i < r->nparams; i++)
		if (strlen(name) == r->param_len[i] &&
		    strncmp(r->param_name[i], name, r->param_len[i]) == 0)
			return r->param[i];
	return 0;
}

/* Look up a request header. */
const char *
req_header(struct req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

/* Look up a cookie. */
const char *
req_cookie(struct req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, name);
}

/* Look up a form field of the request body (urlencoded or multipart), or
** a string member of a JSON body.  NULL when absent. */
const char *
req_form(struct req *r, const char *name)
{
	json_t *v;
	int i;

	for (i = 0; i < r->form.n; i++)
		if (strcmp(r->form.f[i].key, name) == 0 &&
		    !r->form.f[i].is_file)
			return r->form.f[i].val.data ? r->form.f[i].val.data :
			    "";
	if (r->json && (v = json_object_get(r->json, name)) != NULL &&
	    json_is_string(v))
		return json_string_value(v);
	return NULL;
}

/* A number field of the JSON body (a JSON number), or def when absent.
** Returns 0 with *out set, or -1 (after answering 400) when it is not a
** whole number in [lo, hi]. */
int
req_json_int(struct req *r, const char *name, long long lo, long long hi,
    long long def, long long *out)
{
	json_t *v = r->json ? json_object_get(r->json, name) : NULL;
	char msg[96];

	*out = def;
	if (v == NULL)
		return 0;
	if (json_is_integer(v) && json_integer_value(v) >= lo &&
	    json_integer_value(v) <= hi) {
		*out = json_integer_value(v);
		return 0;
	}
	snprintf(msg, sizeof(msg), "%s must be a whole number from %lld to "
	    "%lld", name, lo, hi);
	req_fail(r, 400, msg);
	return -1;
}

/* A true/false field, false when absent. */
int
req_json_bool(struct req *r, const char *name)
{
	json_t *v = r->json ? json_object_get(r->json, name) : NULL;

	return v != NULL && json_is_true(v);
}

/* An uploaded file field of a multipart form, or NULL. */
const struct form_field *
req_file(struct req *r, const char *name)
{
	int i;

	for (i = 0; i < r->form.n; i++)
		if (strcmp(r->form.f[i].key, name) == 0 && r->form.f[i].is_file)
			return &r->form.f[i];
	return NULL;
}

/* Answer with a 303 to location (a path of ours). */
void
req_redirect(struct req *r, const char *location)
{
	r->status = 303;
	snprintf(r->location, sizeof(r->location), "%s", location);
	buf_reset(&r->out);
}

/* Add a Set-Cookie: HttpOnly, SameSite=Strict, Path=/, Secure under TLS;
** max_age 0 deletes the cookie, -1 makes a session cookie. */
void
req_set_cookie(struct req *r, const char *name, const char *value,
    int64_t max_age)
{
	char age[48] = "";

	if (r->ncookie >= 2)
		return;
	if (max_age >= 0)
		snprintf(age, sizeof(age), "; Max-Age=%lld",
		    (long long)max_age);
	snprintf(r->cookie[r->ncookie++], sizeof(r->cookie[0]),
	    "%s=%s; Path=/; HttpOnly; SameSite=Strict%s%s", name, value, age,
	    r->tls || r->cfg->secure_cookies ? "; Secure" : "");
}

/* Answer with a JSON document (taking ownership of j). */
void
req_json(struct req *r, unsigned status, json_t *j)
{
	char *s = json_dumps(j, JSON_COMPACT);

	r->status = status;
	r->ctype = "application/json";
	buf_reset(&r->out);
	if (s) {
		buf_puts(&r->out, s);
		buf_putc(&r->out, '\n');
		free(s);
	}
	json_decref(j);
}

/* The plain name of an HTTP error status, for the title and heading of
** its page: "Not found" for 404.  Never NULL. */
static const char *
req_status_name(unsigned status)
{
	static const struct { unsigned status; const char *name; } names[] = {
		{ 400, "Bad request" },
		{ 401, "Not logged in" },
		{ 403, "Not allowed" },
		{ 404, "Not found" },
		{ 405, "Method not allowed" },
		{ 409, "Conflict" },
		{ 413, "Too large" },
		{ 422, "Cannot be processed" },
		{ 429, "Too many attempts" },
		{ 500, "Something went wrong" },
		{ 503, "Unavailable" },
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].status == status)
			return names[i].name;
	return status < 500 ? "Request not served" : "Something went wrong";
}

/* Answer 500 instead of a page that outgrew its buffer (and was cut). */
void
req_overflowed(struct req *r)
{
	r->ncookie = 0;
	r->location[0] = '\0';
	req_fail(r, 500, "The answer was too large to send.");
}

/* Answer with an error: {"error": message} under /api/, a calm page
** elsewhere, titled with the error's name ("Not found · sanctum") and
** laid out for phones like every other page.  message is a fixed text of
** ours, never request data. */
void
req_fail(struct req *r, unsigned status, const char *message)
{
	const char *name = req_status_name(status);

	if (r->is_api) {
		req_json(r, status, json_pack("{s:s}", "error", message));
		return;
	}
	r->status = status;
	r->ctype = "text/html; charset=utf-8";
	buf_reset(&r->out);
	html_printf(&r->out, "<!doctype html>\n<html lang=\"en\"><head>"
	    "<meta charset=\"utf-8\"><meta name=\"viewport\" content=\""
	    "width=device-width, initial-scale=1\"><title>%s · sanctum"
	    "</title><link rel=\"stylesheet\" href=\"/static/console.css\">"
	    "<link rel=\"icon\" href=\"data:,\"></head><body class=\"login\">"
	    "<main id=\"main\" class=\"card\"><h1>%s</h1><p>%s</p><p class="
	    "\"error-code\">Error %u</p><p><a href=\"/\">Back to the console</a>"
	    "</p></main></body></html>\n", name, name, message, status);
}

/* Collect one piece of a form field from libmicrohttpd's post processor. */
static enum MHD_Result
form_iterate(void *cls, enum MHD_ValueKind kind, const char *key,
    const char *filename, const char *content_type,
    const char *transfer_encoding, const char *data, uint64_t off,
    size_t size)
{
	struct req *r = cls;
	struct form_field *f = NULL;
	int i;

	(void)kind; (void)transfer_encoding;
	/* a part of a multipart body without a name in its
	** Content-Disposition comes with no key: the body is malformed */
	if (key == NULL)
		return MHD_NO;
	/* a value arrives in pieces (off > 0 after the first); a key that
	** comes again with off == 0 is another value: post=12&post=34 */
	if (off > 0)
		for (i = r->form.n - 1; i >= 0 && f == NULL; i--)
			if (strcmp(r->form.f[i].key, key) == 0)
				f = &r->form.f[i];
	if (f == NULL) {
		if (r->form.n >= FORM_MAX_FIELDS)
			return MHD_NO;
		f = &r->form.f[r->form.n];
		f->key = strdup(key);
		if (f->key == NULL)
			return MHD_NO;
		buf_init(&f->val, r->cfg->max_body);
		buf_puts(&f->val, "");
		f->is_file = filename != NULL;
		f->ctype[0] = '\0';
		if (content_type)
			snprintf(f->ctype, sizeof(f->ctype), "%s",
			    content_type);
		r->form.n++;
	}
	if (size && buf_append(&f->val, data, size) != 0)
		return MHD_NO;
	return MHD_YES;
}

/* Parse the body by its content type.  Returns 0, or -1 when it is
** malformed (the caller answers 400). */
static int
parse_body(struct req *r)
{
	const char *ct = req_header(r, MHD_HTTP_HEADER_CONTENT_TYPE);
	struct MHD_PostProcessor *pp;
	json_error_t jerr;
	int i;

	if (r->body.len == 0)
		return 0;
	if (ct == NULL)
		return -1;
	if (strncasecmp(ct, "application/json", 16) == 0) {
		if (!valid_utf8(r->body.data, r->body.len))
			return -1;
		r->json = json_loadb(r->body.data, r->body.len,
		    JSON_REJECT_DUPLICATES, &jerr);
		return r->json && json_is_object(r->json) ? 0 : -1;
	}
	if (strncasecmp(ct, MHD_HTTP_POST_ENCODING_FORM_URLENCODED,
	    strlen(MHD_HTTP_POST_ENCODING_FORM_URLENCODED)) != 0 &&
	    strncasecmp(ct, MHD_HTTP_POST_ENCODING_MULTIPART_FORMDATA,
	    strlen(MHD_HTTP_POST_ENCODING_MULTIPART_FORMDATA)) != 0)
		return -1;
	pp = MHD_create_post_processor(r->conn, 16384, form_iterate, r);
	if (pp == NULL)
		return -1;
	if (MHD_post_process(pp, r->body.data, r->body.len) != MHD_YES) {
		MHD_destroy_post_processor(pp);
		return -1;
	}
	if (MHD_destroy_post_processor(pp) != MHD_YES)
		return -1;
	for (i = 0; i < r->form.n; i++)
		if (!valid_utf8(r->form.f[i].key, strlen(r->form.f[i].key)) ||
		    (!r->form.f[i].is_file && !valid_utf8(r->form.f[i].val.data,
		    r->form.f[i].val.len)))
			return -1;
	return 0;
}

/* Free a request and everything it owns. */
static void
req_free(struct req *r)
{
	int i;

	for (i = 0; i < r->form.n; i++) {
		free(r->form.f[i].key);
		buf_free(&r->form.f[i].val);
	}
	gate_free(r->gate);
	if (r->json)
		json_decref(r->json);
	buf_free(&r->body);
	buf_free(&r->out);
	free(r);
}

/* Add the headers every response carries. */
static void
add_headers(struct MHD_Response *resp, const struct req *r)
{
	char wait[24];
	int i;

	MHD_add_response_header(resp, "Content-Security-Policy",
	    "default-src 'none'; script-src 'self'; style-src 'self'; "
	    "img-src 'self' data:; form-action 'self'; frame-ancestors "
	    "'none'; base-uri 'none'");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(resp, "Cross-Origin-Opener-Policy",
	    "same-origin");
	MHD_add_response_header(resp, "Cross-Origin-Resource-Policy",
	    "same-origin");
	MHD_add_response_header(resp, "Permissions-Policy",
	    "camera=(), microphone=(), geolocation=(), display-capture=()");
	MHD_add_response_header(resp, "Cache-Control", r->cacheable ?
	    "public, max-age=3600" : "no-store");
	if (r->tls)
		MHD_add_response_header(resp, "Strict-Transport-Security",
		    "max-age=31536000");
	if (r->ctype)
		MHD_add_response_header(resp, "Content-Type", r->ctype);
	if (r->location[0])
		MHD_add_response_header(resp, "Location", r->location);
	for (i = 0; i < r->ncookie; i++)
		MHD_add_response_header(resp, "Set-Cookie", r->cookie[i]);
	/* a client (or a person's script) told when to come back need not
	** guess, and is not asked to retry sooner than it may */
	if (r->retry_after > 0 && (r->status == 429 || r->status == 503)) {
		snprintf(wait, sizeof(wait), "%lld", (long long)r->retry_after);
		MHD_add_response_header(resp, "Retry-After", wait);
	}
}

/* Send r's answer; it must leave at the guard's minimum rate. */
static enum MHD_Result
respond(struct req *r)
{
	struct MHD_Response *resp;
	enum MHD_Result rc;

	/* a page that outgrew its buffer is not sent cut short */
	if (r->out.failed)
		req_overflowed(r);
	if (r->status == 0)
		r->status = 200;
	resp = MHD_create_response_from_buffer(r->out.len, r->out.data,
	    MHD_RESPMEM_MUST_COPY);
	if (resp == NULL)
		return MHD_NO;
	add_headers(resp, r);
	rc = MHD_queue_response(r->conn, r->status, resp);
	MHD_destroy_response(resp);
	guard_answering(r->conn, r->out.len);
	return rc;
}

/* The peer's address as text, for throttling. */
static void
peer_addr(struct MHD_Connection *c, char *out, size_t n)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c,
	    MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const struct sockaddr *sa = ci ? ci->client_addr : NULL;

	snprintf(out, n, "unknown");
	if (sa && sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)
		    sa)->sin_addr, out, (socklen_t)n);
	else if (sa && sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)
		    sa)->sin6_addr, out, (socklen_t)n);
}

struct conn_state {
	struct req *r;
	char addr[64];
};

/* libmicrohttpd's access handler: called once with the headers, then with
** each piece of body, then once more to answer.  Each step tells the
** guard (guard.c), which keeps the request to its deadline. */
static enum MHD_Result
on_request(void *cls, struct MHD_Connection *conn, const char *url,
    const char *method, const char *version, const char *upload_data,
    size_t *upload_data_size, void **con_cls)
{
	struct conn_state *cs = *con_cls;
	struct req *r;
	const char *cl;
	long long len;
	int bad;

	(void)cls; (void)version;
	if (cs == NULL) {
		cs = calloc(1, sizeof(*cs));
		r = cs ? calloc(1, sizeof(*r)) : NULL;
		if (r == NULL) {
			free(cs);
			return MHD_NO;
		}
		cs->r = r;
		r->conn = conn;
		r->cfg = config;
		r->method = method;
		r->path = url;
		r->is_api = strncmp(url, "/api/", 5) == 0;
		r->tls = config->tls_cert != NULL;
		peer_addr(conn, cs->addr, sizeof(cs->addr));
		r->addr = cs->addr;
		buf_init(&r->body, config->max_body);
		buf_init(&r->out, (size_t)16 << 20);
		*con_cls = cs;
		cl = req_header(r, MHD_HTTP_HEADER_CONTENT_LENGTH);
		if (cl && (util_parse_int(cl, 0, (long long)1 << 50, &len) != 0
		    || (size_t)len > config->max_body))
			r->too_big = 1;
		guard_request_begins(conn);
		return MHD_YES;
	}
	r = cs->r;
	if (*upload_data_size) {
		guard_body_arrives(conn, *upload_data_size);
		if (!r->too_big && buf_append(&r->body, upload_data,
		    *upload_data_size) != 0)
			r->too_big = 1;
		*upload_data_size = 0;
		return MHD_YES;
	}
	guard_handling(conn);
	if (r->too_big) {
		req_fail(r, 413, "The request is larger than this server "
		    "accepts.");
		log_msg(LOG_INFO, "http: %s %s 413", method, url);
		return respond(r);
	}
	bad = 0;
	MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, arg_check,
	    &bad);
	if (!valid_utf8(url, strlen(url)) || bad) {
		req_fail(r, 400, "The address is not valid UTF-8.");
		return respond(r);
	}
	if (parse_body(r) != 0) {
		req_fail(r, 400, "The request body is malformed.");
		return respond(r);
	}
	r->db = server_db();
	if (r->db == NULL) {
		req_fail(r, 503, "The database cannot be opened.");
		return respond(r);
	}
	r->gate = gate_new_like(prototype, r->db);
	if (r->gate == NULL) {
		req_fail(r, 503, "Out of memory.");
		return respond(r);
	}
	routes_dispatch(r);
	if (r->status >= 400)
		log_msg(LOG_INFO, "http: %s %s %u", method, r->path, r->status);
	return respond(r);
}

/* Free a connection's request state when libmicrohttpd is done with it;
** the next request on the connection is due within the request timeout. */
static void
on_complete(void *cls, struct MHD_Connection *conn, void **con_cls,
    enum MHD_RequestTerminationCode toe)
{
	struct conn_state *cs = *con_cls;

	(void)cls; (void)toe;
	guard_request_ends(conn);
	if (cs) {
		req_free(cs->r);
		free(cs);
	}
	*con_cls = NULL;
}

/* Log libmicrohttpd's own errors (they name no request content), a few a
** second at most: under attack it has one for every connection. */
static void
on_mhd_log(void *cls, const char *fmt, va_list ap)
{
	char line[512];

	(void)cls;
	vsnprintf(line, sizeof(line), fmt, ap);
	line[strcspn(line, "\n")] = '\0';
	guard_log_library(line);
}

/* Parse "HOST:PORT" (IPv4 or [IPv6]) into a socket address.  Returns 0 or
** -1. */
static int
parse_listen(const char *s, struct sockaddr_storage *ss, socklen_t *len)
{
	char host[128];
	const char *colon = strrchr(s, ':');
	long long port;
	struct sockaddr_in *in4 = (struct sockaddr_in *)(void *)ss;
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)(void *)ss;
	size_t hl;

	if (colon == NULL || util_parse_int(colon + 1, 0, 65535, &port) != 0)
		return -1;
	hl = (size_t)(colon - s);
	if (hl >= sizeof(host))
		return -1;
	memcpy(host, s, hl);
	host[hl] = '\0';
	memset(ss, 0, sizeof(*ss));
	if (host[0] == '[' && hl > 2 && host[hl - 1] == ']') {
		host[hl - 1] = '\0';
		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons((uint16_t)port);
		*len = sizeof(*in6);
		return inet_pton(AF_INET6, host + 1, &in6->sin6_addr) == 1 ?
		    0 : -1;
	}
	in4->sin_family = AF_INET;
	in4->sin_port = htons((uint16_t)port);
	*len = sizeof(*in4);
	return inet_pton(AF_INET, host, &in4->sin_addr) == 1 ? 0 : -1;
}

static void
on_signal(int sig)
{
	(void)sig;
	stopping = 1;
}

/* Ask a running serve_run to return. */
void
serve_stop(void)
{
	stopping = 1;
}

/* Decide how many connections the server may hold (cfg->max_connections,
** or what the open-file limit allows) and raise the soft open-file limit
** as far as that needs.  Sets *limit.  Returns 0, or -1 with err filled. */
static int
connection_limit(const struct serve_config *cfg, unsigned *limit, char *err)
{
	struct rlimit rl;
	uint64_t need;

	if (getrlimit(RLIMIT_NOFILE, &rl) != 0) {
		err_set(err, "cannot read the open-file limit: %s",
		    strerror(errno));
		return -1;
	}
	if (guard_connection_limit(rl.rlim_max, cfg->threads,
	    cfg->max_connections, limit, &need, err) != 0)
		return -1;
	if (rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < need) {
		rl.rlim_cur = need;
		if (setrlimit(RLIMIT_NOFILE, &rl) != 0) {
			err_set(err, "cannot raise the open-file limit to %llu: "
			    "%s", (unsigned long long)need, strerror(errno));
			return -1;
		}
	}
	return 0;
}

/* Open, bind and listen on the socket the server will accept on: here
** rather than in libmicrohttpd, so that the sandbox can be entered
** between binding and starting the server's threads.  Returns the socket,
** or -1 with err filled. */
static int
listen_on(const struct serve_config *cfg, const struct sockaddr_storage *ss,
    socklen_t sl, char *err)
{
	int fd, on = 1;

	fd = socket(ss->ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
	    0);
	if (fd < 0) {
		err_set(err, "cannot make a socket: %s", strerror(errno));
		return -1;
	}
	/* a restarted server binds at once, as libmicrohttpd would; an IPv6
	** address is only that address, not IPv4 as well */
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
	if (ss->ss_family == AF_INET6)
		setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &on, sizeof(on));
	if (bind(fd, (const struct sockaddr *)ss, sl) != 0 ||
	    listen(fd, SOMAXCONN) != 0) {
		close(fd);
		err_set(err, "cannot listen on %s (in use, or not an address "
		    "of this machine)", cfg->listen);
		return -1;
	}
	return fd;
}

/* Let a server started with external_loop do what it can now, without
** waiting: accept, read, answer.  The fuzz target hands it requests this
** way, with no thread between them. */
void
serve_poll(struct MHD_Daemon *d)
{
	MHD_run(d);
}

/* Start the server in its own threads (or, with external_loop, in the
** caller's: see serve_poll).  Returns the daemon, or NULL with err
** filled.  serve_finish stops it. */
struct MHD_Daemon *
serve_start(const struct serve_config *cfg, const char *db_path,
    const struct gate *proto, char *err)
{
	struct sockaddr_storage ss;
	socklen_t sl;
	struct MHD_Daemon *d = NULL;
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL |
	    MHD_USE_ITC | MHD_USE_ERROR_LOG;
	unsigned limit;
	int lfd = -1;
	char *cert = NULL, *key = NULL, per[32];

	if (parse_listen(cfg->listen, &ss, &sl) != 0) {
		err_set(err, "--listen %s is not HOST:PORT", cfg->listen);
		return NULL;
	}
	if (cfg->external_loop)
		flags = MHD_USE_ERROR_LOG;
	if (ss.ss_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	if (connection_limit(cfg, &limit, err) != 0)
		return NULL;
	config = cfg;
	prototype = proto;
	database = db_path;
	if (cfg->tls_cert || cfg->tls_key) {
		if (cfg->tls_cert == NULL || cfg->tls_key == NULL) {
			err_set(err, "--tls-cert and --tls-key go together");
			return NULL;
		}
		if (MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES) {
			err_set(err, "this libmicrohttpd was built without TLS");
			return NULL;
		}
		if (tls_load(cfg->tls_cert, cfg->tls_key, &cert, &key, err)
		    != 0)
			return NULL;
		flags |= MHD_USE_TLS;
	}
	if ((lfd = listen_on(cfg, &ss, sl, err)) < 0)
		goto cleanup;
	/* everything start-up reads has been read, and no thread runs yet:
	** the sandbox binds them all */
	if (cfg->confine && cfg->confine(cfg->confine_arg, err) != 0)
		goto cleanup;
	if (guard_start(cfg->max_per_address, cfg->request_timeout, err) != 0)
		goto cleanup;
	/* a login to an unknown name must not be the first to pay for the
	** hash it is checked against (session.c) */
	password_warm();
	/* the per-address limit is the guard's, by IPv6 /64: libmicrohttpd's
	** own (exact addresses) stays off */
	d = MHD_start_daemon(flags, 0, guard_accept, NULL, on_request, NULL,
	    MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log, NULL,
	    MHD_OPTION_LISTEN_SOCKET, lfd,
	    MHD_OPTION_THREAD_POOL_SIZE, cfg->external_loop ? 0u :
	    (unsigned)cfg->threads,
	    MHD_OPTION_CONNECTION_TIMEOUT, cfg->conn_timeout,
	    MHD_OPTION_CONNECTION_LIMIT, limit,
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)32768,
	    MHD_OPTION_NOTIFY_COMPLETED, on_complete, NULL,
	    MHD_OPTION_NOTIFY_CONNECTION, guard_notify, NULL,
	    cert ? MHD_OPTION_HTTPS_MEM_CERT : MHD_OPTION_END, cert,
	    MHD_OPTION_HTTPS_MEM_KEY, key,
	    MHD_OPTION_HTTPS_PRIORITIES, TLS_PRIORITIES,
	    MHD_OPTION_END);
	if (d == NULL) {
		guard_finish();
		err_set(err, "cannot start the server on %s", cfg->listen);
		goto cleanup;
	}
	lfd = -1;	/* the daemon's now: it closes it when stopped */
	if (cfg->max_per_address)
		snprintf(per, sizeof(per), "%u", cfg->max_per_address);
	else
		snprintf(per, sizeof(per), "any number");
	log_msg(LOG_INFO, "serve: up to %u connections, %s from one address, "
	    "requests due within %u s", limit, per, cfg->request_timeout);

cleanup:
	if (lfd >= 0)
		close(lfd);
	tls_free_key(cert);	/* a certificate file may hold the key too */
	tls_free_key(key);
	return d;
}

/* Stop a daemon from serve_start, its guard, and close the threads'
** connections. */
void
serve_finish(struct MHD_Daemon *d)
{
	int i;

	MHD_stop_daemon(d);
	guard_finish();
	live_stop();
	pthread_mutex_lock(&conn_lock);
	for (i = 0; i < nconns; i++)
		db_close(conns[i]);
	nconns = 0;
	pthread_mutex_unlock(&conn_lock);
}

/* Serve the console and API until SIGINT or SIGTERM.  Returns 0, or -1
** with err filled when the server cannot start. */
int
serve_run(const struct serve_config *cfg, const char *db_path,
    const struct gate *proto, char *err)
{
	struct MHD_Daemon *d;
	struct sigaction sa;

	d = serve_start(cfg, db_path, proto, err);
	if (d == NULL)
		return -1;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	log_msg(LOG_INFO, "serve: listening on %s://%s (%d threads)",
	    cfg->tls_cert ? "https" : "http", cfg->listen, cfg->threads);
	/* the main thread runs the scheduled tasks between sleeps; a signal
	** cuts a sleep short */
	while (!stopping) {
		if (cfg->tasks && cfg->tasks_every)
			cfg->tasks(cfg->tasks_arg);
		if (!stopping)
			sleep(cfg->tasks && cfg->tasks_every ?
			    cfg->tasks_every : 3600);
	}
	log_msg(LOG_INFO, "serve: stopping");
	serve_finish(d);
	return 0;
}
