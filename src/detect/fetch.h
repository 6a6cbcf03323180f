/*
** fetch.h: scan an http(s) URL with libcurl, refusing private addresses.
** See fetch.c.
*/
#ifndef SANCTUM_FETCH_H
#define SANCTUM_FETCH_H

#include <stddef.h>
#include <sys/socket.h>

#include "extract.h"

/* Start libcurl now rather than at the first fetch (before threads). */
void fetch_start(void);

/* 1 when source has the form of a URL ("scheme://..." or "file:..."). */
int fetch_is_url(const char *source);

/* 1 when url is an http or https address of up to max bytes, with no
** space or control character, that libcurl parses; then, with host, its
** host without a leading "www." is copied there (cap bytes). */
int fetch_http_url(const char *url, size_t max, char *host, size_t cap);

/* Download url and stream its body through the extractors into sink.
** Returns 0 or -1 with err ("URL: <reason> (<host>)"). */
int fetch_url(const char *url, const struct extract_opts *o, extract_sink sink, void *ctx,
    enum extract_kind *kind, char *err);

/* A plain GET for monitoring (monitor.h): conditional on what the last
** answer said (etag, modified), its body kept in memory up to max_bytes,
** and what the answer says of itself.  The same refusals as fetch_url:
** private addresses unless allow_private, http(s) only, redirects
** limited.  status 304 means not modified (no body). */
struct fetch_get {
	const char *url;
	const char *etag, *modified;	/* validators, or NULL or "" */
	const char *agent;		/* User-Agent */
	size_t max_bytes;
	long timeout;			/* seconds for the whole transfer */
	int allow_private;

	long status;
	char etag_out[256], modified_out[64], ctype[128];
	long retry_after;		/* seconds a 429 or 503 asked for, or 0 */
	char *body;			/* NUL-terminated; free() it */
	size_t len;
};

int fetch_get(struct fetch_get *q, char *err);

/* 1 when sa is an address a scan must not reach unless private addresses
** are allowed: loopback, private, link-local, CGNAT, unique-local,
** unspecified, multicast, reserved, and those embedded in IPv6 forms
** (IPv4-mapped, -compatible, NAT64, 6to4).  Any family other than IPv4
** and IPv6 counts as private. */
int fetch_address_is_private(const struct sockaddr *sa);

#endif
