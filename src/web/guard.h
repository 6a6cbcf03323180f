/*
** guard.h: what keeps the server answering when clients hold connections
** open without finishing their requests: a limit on the connections of
** one address (IPv6 grouped by /64), a deadline for each request to
** arrive, a total that fits the process's open-file limit, and a log that
** cannot be flooded.  server.c wires these into libmicrohttpd.
*/
#ifndef SANCTUM_GUARD_H
#define SANCTUM_GUARD_H

#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

#include <microhttpd.h>

/* A body or a response must move at least this fast (bytes a second),
** once the request timeout's grace is spent. */
#define GUARD_MIN_RATE		1024

/* The default total when the open-file limit allows it. */
#define GUARD_MAX_CONNECTIONS	8192

/* Open files kept for everything but client connections: the database
** and its journal files, the listen socket, epoll and wake-up descriptors,
** the log, console scans; a base plus a share for each server thread. */
#define GUARD_FD_RESERVE	64
#define GUARD_FD_PER_THREAD	16

/* libmicrohttpd messages logged a second at most; the rest are counted. */
#define GUARD_LOG_PER_SECOND	5

/* The group an address is counted in: an IPv4 address (an IPv4-mapped
** IPv6 one too), or the /64 of an IPv6 address, where one host usually
** holds the whole /64. */
struct guard_prefix {
	unsigned char family;		/* 4, 6, or 0 when neither */
	unsigned char bytes[8];		/* 4 address bytes, or the /64 */
};

void guard_prefix_of(const struct sockaddr *sa, socklen_t len,
    struct guard_prefix *p);
int guard_prefix_cmp(const struct guard_prefix *a,
    const struct guard_prefix *b);

int64_t guard_deadline(int64_t since_ms, unsigned timeout_s,
    uint64_t bytes);
int guard_expired(int64_t deadline_ms, int64_t now_ms);
int guard_connection_limit(uint64_t nofile_hard, int threads,
    unsigned requested, unsigned *limit, uint64_t *nofile_needed,
    char *err);

int guard_start(unsigned max_per_address, unsigned request_timeout,
    char *err);
void guard_finish(void);

enum MHD_Result guard_accept(void *cls, const struct sockaddr *addr,
    socklen_t len);
void guard_notify(void *cls, struct MHD_Connection *c, void **socket_ctx,
    enum MHD_ConnectionNotificationCode code);
void guard_log_library(const char *line);

void guard_request_begins(struct MHD_Connection *c);
void guard_body_arrives(struct MHD_Connection *c, size_t n);
void guard_handling(struct MHD_Connection *c);
void guard_answering(struct MHD_Connection *c, size_t len);
void guard_request_ends(struct MHD_Connection *c);

#endif
