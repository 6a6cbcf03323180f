/*
** test_guard.c: the connection guard's arithmetic (web/guard.c): which
** addresses share a per-address count, when a request's deadline falls,
** how many connections fit the open-file limit; and the serve options
** that set them.
*/
#include <arpa/inet.h>
#include <getopt.h>
#include <netinet/in.h>
#include <stdint.h>
#include <string.h>

#include "test.h"
#include "util/util.h"
#include "web/guard.h"
#include "web/serve.h"

/* The group of a textual IPv4 or IPv6 address. */
static struct guard_prefix
prefix_of(const char *text)
{
	struct sockaddr_in in4;
	struct sockaddr_in6 in6;
	struct guard_prefix p;

	memset(&in4, 0, sizeof(in4));
	memset(&in6, 0, sizeof(in6));
	if (inet_pton(AF_INET, text, &in4.sin_addr) == 1) {
		in4.sin_family = AF_INET;
		guard_prefix_of((struct sockaddr *)&in4, sizeof(in4), &p);
	} else {
		CHECK(inet_pton(AF_INET6, text, &in6.sin6_addr) == 1);
		in6.sin6_family = AF_INET6;
		guard_prefix_of((struct sockaddr *)&in6, sizeof(in6), &p);
	}
	return p;
}

/* Do a and b share a count?  1 or 0. */
static int
same_group(const char *a, const char *b)
{
	struct guard_prefix pa = prefix_of(a), pb = prefix_of(b);

	return guard_prefix_cmp(&pa, &pb) == 0;
}

void
test_guard_prefix(void)
{
	struct guard_prefix p = prefix_of("192.0.2.7");
	struct sockaddr_in short_one;

	CHECK(p.family == 4);
	CHECK(memcmp(p.bytes, "\xc0\x00\x02\x07\0\0\0\0", 8) == 0);
	/* IPv4: every address is its own group */
	CHECK(same_group("192.0.2.7", "192.0.2.7"));
	CHECK(!same_group("192.0.2.7", "192.0.2.8"));
	CHECK(!same_group("127.0.0.2", "127.0.0.3"));
	/* an IPv4-mapped IPv6 address is the IPv4 address */
	CHECK(same_group("::ffff:192.0.2.7", "192.0.2.7"));
	CHECK(!same_group("::ffff:192.0.2.8", "192.0.2.7"));
	/* IPv6: one /64, one group */
	CHECK(same_group("2001:db8:1:2::1", "2001:db8:1:2:ffff:eeee:dddd:9"));
	CHECK(same_group("2001:db8:1:2::1", "2001:db8:1:2::2"));
	CHECK(!same_group("2001:db8:1:2::1", "2001:db8:1:3::1"));
	CHECK(!same_group("2001:db8:1:2::1", "2001:db9:1:2::1"));
	p = prefix_of("2001:db8:1:2:ffff::9");
	CHECK(p.family == 6);
	CHECK(memcmp(p.bytes, "\x20\x01\x0d\xb8\x00\x01\x00\x02", 8) == 0);
	/* the families never meet, even where the bytes would */
	CHECK(!same_group("::", "0.0.0.0"));
	CHECK(!same_group("::1", "0.0.0.1"));
	/* an address shorter than its family says, or none, is family 0 */
	memset(&short_one, 0, sizeof(short_one));
	short_one.sin_family = AF_INET;
	guard_prefix_of((struct sockaddr *)&short_one, 4, &p);
	CHECK(p.family == 0);
	guard_prefix_of(NULL, 0, &p);
	CHECK(p.family == 0);
}

void
test_guard_deadline(void)
{
	int64_t h = 5000, t, d;
	uint64_t got;

	/* the headers: the timeout alone */
	CHECK(guard_deadline(h, 10, 0) == h + 10000);
	/* the body earns a second per GUARD_MIN_RATE bytes */
	CHECK(guard_deadline(h, 10, GUARD_MIN_RATE) == h + 11000);
	CHECK(guard_deadline(h, 10, 2 * GUARD_MIN_RATE) == h + 12000);
	CHECK(guard_deadline(h, 10, GUARD_MIN_RATE / 2) == h + 10500);
	CHECK(guard_deadline(h, 3, 10ull << 20) == h + 3000 + 10240000);
	/* 0 is no deadline; the deadline itself is past */
	CHECK(!guard_expired(0, INT64_MAX));
	CHECK(!guard_expired(h + 10000, h + 9999));
	CHECK(guard_expired(h + 10000, h + 10000));
	CHECK(guard_expired(h + 10000, h + 10001));

	/* a body coming at the minimum rate never runs out of time ... */
	for (t = 0; t <= 600; t++) {
		got = (uint64_t)t * GUARD_MIN_RATE;
		CHECK(!guard_expired(guard_deadline(h, 10, got),
		    h + t * 1000));
	}
	/* ... at half of it, it does once the grace is spent: after twice
	** the timeout */
	for (t = 0; t <= 40; t++) {
		got = (uint64_t)t * GUARD_MIN_RATE / 2;
		d = guard_deadline(h, 10, got);
		CHECK(guard_expired(d, h + t * 1000) == (t >= 20));
	}
}

void
test_guard_connection_limit(void)
{
	char err[ERR_MAX];
	unsigned limit = 0;
	uint64_t need = 0;
	uint64_t reserve2 = GUARD_FD_RESERVE + 2 * GUARD_FD_PER_THREAD;

	/* plenty of files: the default total */
	CHECK(guard_connection_limit(20000, 2, 0, &limit, &need, err) == 0);
	CHECK(limit == GUARD_MAX_CONNECTIONS);
	CHECK(need == GUARD_MAX_CONNECTIONS + reserve2);
	CHECK(guard_connection_limit(UINT64_MAX, 2, 0, &limit, &need,
	    err) == 0);
	CHECK(limit == GUARD_MAX_CONNECTIONS);
	/* a small limit: what it leaves after the reserve */
	CHECK(guard_connection_limit(1024, 2, 0, &limit, &need, err) == 0);
	CHECK(limit == 1024 - reserve2);
	CHECK(need == 1024);
	/* more threads keep more files back */
	CHECK(guard_connection_limit(1024, 8, 0, &limit, &need, err) == 0);
	CHECK(limit == 1024 - GUARD_FD_RESERVE - 8 * GUARD_FD_PER_THREAD);
	/* asked for: granted when it fits, beyond the default too */
	CHECK(guard_connection_limit(UINT64_MAX, 2, 100000, &limit, &need,
	    err) == 0);
	CHECK(limit == 100000);
	CHECK(guard_connection_limit(20000, 2, 500, &limit, &need, err) == 0);
	CHECK(limit == 500);
	CHECK(need == 500 + reserve2);
	/* refused with a reason when it cannot fit */
	err[0] = '\0';
	CHECK(guard_connection_limit(4096, 2, 5000, &limit, &need, err) != 0);
	CHECK(strstr(err, "open files") != NULL);
	CHECK(strstr(err, "4096") != NULL);
	CHECK(guard_connection_limit(reserve2, 2, 0, &limit, &need, err) != 0);
	CHECK(guard_connection_limit(20000, 4, 3, &limit, &need, err) != 0);
	CHECK(strstr(err, "threads") != NULL);
}

/* Parse one option and its value as `serve` does.  Returns 0, or -1
** when it is refused. */
static int
option(struct serve_config *cfg, const char *name, const char *value)
{
	struct option opts[SERVE_NOPTS + 1];
	char *argv[4];
	int argc = value ? 3 : 2, ch, rc = 0;

	argv[0] = (char *)"serve";
	argv[1] = (char *)name;
	argv[2] = (char *)value;
	argv[3] = NULL;
	serve_longopts(opts, SERVE_NOPTS + 1, NULL);
	optind = 0;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1)
		if (ch < SERVE_OPT_BASE || serve_option(cfg, ch, optarg) != 0)
			rc = -1;
	opterr = 1;
	return rc;
}

void
test_guard_serve_options(void)
{
	struct serve_config cfg;

	serve_defaults(&cfg);
	CHECK(cfg.request_timeout == 10);
	CHECK(cfg.max_per_address == 64);
	CHECK(cfg.max_connections == 0);
	CHECK(option(&cfg, "--request-timeout", "3") == 0);
	CHECK(cfg.request_timeout == 3);
	CHECK(option(&cfg, "--request-timeout", "0") == -1);
	CHECK(option(&cfg, "--request-timeout", "3601") == -1);
	CHECK(option(&cfg, "--request-timeout", NULL) == -1);
	CHECK(option(&cfg, "--max-per-address", "0") == 0);
	CHECK(cfg.max_per_address == 0);
	CHECK(option(&cfg, "--max-per-address", "-1") == -1);
	CHECK(option(&cfg, "--max-connections", "2000") == 0);
	CHECK(cfg.max_connections == 2000);
	CHECK(option(&cfg, "--max-connections", "0") == -1);
	CHECK(option(&cfg, "--max-connections", "many") == -1);
	CHECK(cfg.request_timeout == 3 && cfg.max_connections == 2000);
}
