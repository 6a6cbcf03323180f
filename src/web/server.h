/*
** server.h: what a page or API handler sees of an HTTP request, and how it
** answers.  The server (server.c) reads the request with libmicrohttpd,
** caps its body, parses forms and JSON, and hands it to the dispatcher
** (routes.c), which checks role, CSRF and the password-change gate before
** any handler runs.
*/
#ifndef SANCTUM_SERVER_H
#define SANCTUM_SERVER_H

#include <stddef.h>
#include <stdint.h>

#include "../admin/roles.h"
#include "../crypto/token.h"
#include "../store/accounts.h"
#include "../util/buf.h"

struct db;
struct gate;
struct MHD_Connection;
struct json_t;

struct serve_config {
	const char *listen;		/* "127.0.0.1:8080" */
	size_t max_body;		/* bytes; larger requests get 413 */
	int64_t idle_timeout;		/* seconds without a request */
	int64_t session_lifetime;	/* seconds since login */
	int threads;			/* libmicrohttpd thread pool size */
	unsigned conn_timeout;		/* seconds a quiet connection is kept */
	unsigned request_timeout;	/* seconds for a request to arrive */
	unsigned max_connections;	/* 0: from the open-file limit */
	unsigned max_per_address;	/* an IPv4 address or IPv6 /64; 0: any */
	const char *tls_cert;		/* PEM paths: serve HTTPS when set */
	const char *tls_key;
	int secure_cookies;		/* behind a TLS-terminating proxy */
	int allow_private_fetch;	/* console scans may fetch private URLs */
	unsigned tasks_every;		/* seconds between scheduled tasks; 0: none */
	int no_sandbox;			/* serve without Landlock and seccomp */
	void (*tasks)(void *arg);	/* the scheduled tasks (tasks.h) */
	void *tasks_arg;
	int external_loop;		/* no threads of its own: the caller
					   runs serve_poll (the fuzz target) */
	int (*confine)(void *arg, char *err);	/* once the socket is bound,
					   before any thread: the sandbox */
	void *confine_arg;
};

#define FORM_MAX_FIELDS 64
#define REQ_MAX_PARAMS 4

struct form_field {
	char *key;
	struct buf val;
	int is_file;		/* an uploaded file: bytes, not text */
	char ctype[64];		/* its content type, if the client said */
};

struct form {
	int n;
	struct form_field f[FORM_MAX_FIELDS];
};

struct req {
	struct MHD_Connection *conn;
	const struct serve_config *cfg;
	struct gate *gate;		/* acts for r->user, once known */
	struct db *db;
	const char *method;
	const char *path;
	const char *addr;		/* the peer's address, for throttling */
	int tls;

	struct buf body;		/* capped at cfg->max_body */
	int too_big;
	struct form form;
	struct json_t *json;		/* a JSON request body, if any */

	/* the numbers a route pattern's {name} parts matched */
	int nparams;
	const char *param_name[REQ_MAX_PARAMS];	/* into the pattern */
	size_t param_len[REQ_MAX_PARAMS];
	int64_t param[REQ_MAX_PARAMS];

	struct user user;		/* user.id == 0 when not logged in */
	int via_token;			/* authenticated by a bearer token */
	int64_t session_id;
	char csrf[TOKEN_LEN + 1];	/* this session's CSRF token */
	int is_api;			/* path under /api/: answer in JSON */

	/* the answer */
	unsigned status;
	struct buf out;
	const char *ctype;
	char location[512];
	char cookie[2][256];
	int ncookie;
	int cacheable;			/* static assets only */
	int64_t retry_after;		/* seconds, for a 429; 0: not said */
};

typedef void (*handler_fn)(struct req *r);

struct MHD_Daemon;

int serve_run(const struct serve_config *cfg, const char *db_path,
    const struct gate *proto, char *err);
struct MHD_Daemon *serve_start(const struct serve_config *cfg,
    const char *db_path, const struct gate *proto, char *err);
void serve_finish(struct MHD_Daemon *d);
void serve_stop(void);
void serve_poll(struct MHD_Daemon *d);

const char *req_arg(struct req *r, const char *name);
int64_t req_param(const struct req *r, const char *name);
const char *req_form(struct req *r, const char *name);
int req_json_int(struct req *r, const char *name, long long lo, long long hi,
    long long def, long long *out);
int req_json_bool(struct req *r, const char *name);
const struct form_field *req_file(struct req *r, const char *name);
const char *req_header(struct req *r, const char *name);
const char *req_cookie(struct req *r, const char *name);
void req_redirect(struct req *r, const char *location);
void req_set_cookie(struct req *r, const char *name, const char *value,
    int64_t max_age);
void req_json(struct req *r, unsigned status, struct json_t *j);
void req_fail(struct req *r, unsigned status, const char *message);
void req_overflowed(struct req *r);

#endif
