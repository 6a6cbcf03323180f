/*
** fuzz_http.c: libFuzzer target for everything sanctum does with an HTTP
** request: libmicrohttpd parses it, then our body cap, form and JSON
** parsing, UTF-8 checks, session and token lookup, the route table's
** checks and the handlers all run, on a real demo community.
**
** Each input is a raw request written to one end of a socketpair whose
** other end is handed to the server, which runs in this thread (its
** external loop: no thread wakes up between request and answer); the
** answer is read until it is
** whole (its Content-Length, or its last chunk), not until the server
** closes the connection.  A request cut short (its head unfinished, or
** less body than it says) is dropped at once: it can get no answer, and
** waiting for the server to time it out would cost a second an input.  In the input, SESSIONTOKEN and
** CSRFTOKEN are replaced by a logged-in admin's session cookie and CSRF
** token, so the fuzzer reaches the pages behind the login too.  Beyond
** the sanitizers, the oracle is that no request ever gets a 500.
*/
#include <microhttpd.h>
#include <netinet/in.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "app.h"
#include "demo_harness.h"
#include "crypto/token.h"
#include "store/accounts.h"
#include "store/db.h"
#include "util/buf.h"
#include "util/log.h"
#include "core/gate.h"
#include "util/util.h"
#include "web/serve.h"
#include "web/server.h"

static struct MHD_Daemon *daemon_;
static struct serve_config cfg;
static struct app app;
static struct gate *gate;
static char session[TOKEN_LEN + 1], csrf[TOKEN_LEN + 1];

/* Make a demo community, a session for its admin, and start the server. */
int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char err[ERR_MAX] = "", pw[64];
	uint8_t hash[TOKEN_HASH_BYTES];
	struct user u;

	(void)argc; (void)argv;
	fuzz_demo(&app, &gate, pw, sizeof(pw));
	token_new(session);
	gate_token_hash(gate, session, hash);
	if (accounts_user_by_name(app.db, DEMO_ADMIN, &u) != 1 ||
	    gate_begin(gate) != 0 ||
	    accounts_user_set_password(app.db, u.id, u.pw_hash, 0, 0) != 0 ||
	    accounts_session_add(app.db, hash, sizeof(hash), u.id,
	    util_now()) != 0 ||
	    gate_audit(gate, "fuzz.setup", "", "") != 0 ||
	    gate_commit(gate) != 0)
		abort();
	gate_csrf(gate, session, csrf);
	serve_defaults(&cfg);
	cfg.listen = "127.0.0.1:0";
	cfg.threads = 1;
	cfg.external_loop = 1;	/* requests are handled in this thread */
	cfg.max_body = 8192;
	cfg.conn_timeout = 1;	/* incomplete requests wait this long */
	daemon_ = serve_start(&cfg, app.db_path, gate, err);
	if (daemon_ == NULL) {
		fprintf(stderr, "fuzz: %s\n", err);
		abort();
	}
	return 0;
}

/* Copy in to out, replacing the placeholders. */
static void
substitute(const uint8_t *in, size_t n, struct buf *out)
{
	size_t i = 0;

	while (i < n) {
		if (n - i >= 12 && memcmp(in + i, "SESSIONTOKEN", 12) == 0) {
			buf_puts(out, session);
			i += 12;
		} else if (n - i >= 9 && memcmp(in + i, "CSRFTOKEN", 9) == 0) {
			buf_puts(out, csrf);
			i += 9;
		} else {
			buf_putc(out, (char)in[i++]);
		}
	}
}

/* 1 when r holds a whole message (a request or an answer): its head, and
** the body its Content-Length or its last chunk says (none when neither
** is given). */
static int
answered(const struct buf *r, int head_only)
{
	const char *end, *cl;
	size_t head;

	if (r->data == NULL || (end = strstr(r->data, "\r\n\r\n")) == NULL)
		return 0;
	head = (size_t)(end - r->data) + 4;
	/* an answer to HEAD, a 204 or a 304 has no body */
	if (head_only || strncmp(r->data + 8, " 204", 4) == 0 ||
	    strncmp(r->data + 8, " 304", 4) == 0)
		return 1;
	if ((cl = strcasestr(r->data, "\r\nContent-Length:")) != NULL &&
	    cl < end)
		return r->len >= head + strtoul(cl + 17, NULL, 10);
	if ((cl = strcasestr(r->data, "\r\nTransfer-Encoding: chunked")) !=
	    NULL && cl < end)
		return r->len >= 5 && memcmp(r->data + r->len - 5, "0\r\n\r\n",
		    5) == 0;
	/* an answer without either ends when the connection does; a
	** request without either has no body */
	return strncmp(r->data, "HTTP/", 5) != 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sockaddr_in peer;
	struct buf req, resp;
	char chunk[4096];
	int sv[2];
	ssize_t n;
	size_t off = 0;
	int head_req, spins;

	buf_init(&req, (size_t)1 << 20);
	buf_init(&resp, (size_t)16 << 20);
	substitute(data, size, &req);
	head_req = req.len >= 5 && memcmp(req.data, "HEAD ", 5) == 0;
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
		abort();
	memset(&peer, 0, sizeof(peer));
	peer.sin_family = AF_INET;
	peer.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (MHD_add_connection(daemon_, sv[0], (struct sockaddr *)&peer,
	    sizeof(peer)) != MHD_YES)
		abort();
	while (off < req.len) {
		n = send(sv[1], req.data + off, req.len - off, MSG_NOSIGNAL);
		if (n <= 0)
			break;
		off += (size_t)n;
	}
	shutdown(sv[1], SHUT_WR);
	if (!answered(&req, 0)) {
		/* a request cut short gets no answer; waiting for the server
		** to time it out would cost a second an input.  The server
		** still sees it close, or such requests would pile up until
		** it takes no more connections */
		close(sv[1]);
		serve_poll(daemon_);
		buf_free(&req);
		buf_free(&resp);
		return 0;
	}
	/* the server runs in this thread: let it work, then read, until the
	** answer is whole (not until the server closes: a kept-alive
	** connection would make every input wait) */
	for (spins = 0; spins < 100000 && !answered(&resp, head_req);
	    spins++) {
		serve_poll(daemon_);
		n = recv(sv[1], chunk, sizeof(chunk), MSG_DONTWAIT);
		if (n > 0)
			buf_append(&resp, chunk, (size_t)n);
		else if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK))
			break;
	}
	close(sv[1]);
	serve_poll(daemon_);
	/* the status line alone: a page may echo what was sent */
	if (resp.data && strncmp(resp.data, "HTTP/1.1 500", 12) == 0) {
		fprintf(stderr, "fuzz: a request got 500\n");
		abort();
	}
	buf_free(&req);
	buf_free(&resp);
	return 0;
}
