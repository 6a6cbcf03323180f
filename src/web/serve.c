/*
** serve.c: `sanctum serve`: parse the options, open the community (which
** proves the key is right), and run the server.
*/
#include "serve.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "../cli.h"
#include "../detect/monitor.h"
#include "../tasks.h"
#include "../util/util.h"

/* The defaults: loopback, 10 MiB bodies, 30-minute idle and 12-hour
** absolute session limits, one thread per core, 10 s for a request to
** arrive, 64 connections from one address, as many connections in all
** as the open-file limit allows (8192 at most), and the scheduled tasks
** every five minutes. */
void
serve_defaults(struct serve_config *cfg)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	memset(cfg, 0, sizeof(*cfg));
	cfg->listen = "127.0.0.1:8080";
	cfg->max_body = 10 << 20;
	cfg->idle_timeout = 1800;
	cfg->session_lifetime = 43200;
	cfg->threads = n > 0 && n < 64 ? (int)n : 2;
	cfg->conn_timeout = 30;
	cfg->request_timeout = 10;
	cfg->max_connections = 0;
	cfg->max_per_address = 64;
	cfg->tasks_every = 300;
}

/* The long options serve takes (and demo, beside its own): each one's
** val is its index here plus SERVE_OPT_BASE. */
static const struct option serve_opts[] = {
	{ "listen", required_argument, NULL, 0 },
	{ "max-body", required_argument, NULL, 1 },
	{ "idle-timeout", required_argument, NULL, 2 },
	{ "session-lifetime", required_argument, NULL, 3 },
	{ "threads", required_argument, NULL, 4 },
	{ "request-timeout", required_argument, NULL, 5 },
	{ "max-connections", required_argument, NULL, 6 },
	{ "max-per-address", required_argument, NULL, 7 },
	{ "tls-cert", required_argument, NULL, 8 },
	{ "tls-key", required_argument, NULL, 9 },
	{ "secure-cookies", no_argument, NULL, 10 },
	{ "allow-private-fetch", no_argument, NULL, 11 },
	{ "tasks-every", required_argument, NULL, 12 },
};

#define NSERVE_OPTS (sizeof(serve_opts) / sizeof(serve_opts[0]))
_Static_assert(NSERVE_OPTS == SERVE_NOPTS, "SERVE_NOPTS counts serve_opts");

/* Fill out (room for cap options) with serve's long options, then extra
** (ending with a zero row), then the zero row getopt_long wants.  Returns
** 0, or -1 when there is no room. */
int
serve_longopts(struct option *out, size_t cap, const struct option *extra)
{
	size_t i, n = 0;

	for (i = 0; i < NSERVE_OPTS; i++) {
		if (n + 1 >= cap)
			return -1;
		out[n] = serve_opts[i];
		out[n++].val = SERVE_OPT_BASE + (int)i;
	}
	for (i = 0; extra && extra[i].name; i++) {
		if (n + 1 >= cap)
			return -1;
		out[n++] = extra[i];
	}
	memset(&out[n], 0, sizeof(out[n]));
	return 0;
}

/* Take serve option ch (from serve_longopts) with its argument arg.
** Returns 0, or -1 when the value is bad. */
int
serve_option(struct serve_config *cfg, int ch, const char *arg)
{
	long long n;

	switch (ch - SERVE_OPT_BASE) {
	case 0:
		cfg->listen = arg;
		return 0;
	case 1:
		if (util_parse_int(arg, 1024, (long long)1 << 30, &n) != 0)
			return -1;
		cfg->max_body = (size_t)n;
		return 0;
	case 2:
		if (util_parse_int(arg, 1, 86400 * 30, &n) != 0)
			return -1;
		cfg->idle_timeout = n;
		return 0;
	case 3:
		if (util_parse_int(arg, 1, 86400 * 90, &n) != 0)
			return -1;
		cfg->session_lifetime = n;
		return 0;
	case 4:
		if (util_parse_int(arg, 1, 64, &n) != 0)
			return -1;
		cfg->threads = (int)n;
		return 0;
	case 5:
		if (util_parse_int(arg, 1, 3600, &n) != 0)
			return -1;
		cfg->request_timeout = (unsigned)n;
		return 0;
	case 6:
		if (util_parse_int(arg, 1, 1000000, &n) != 0)
			return -1;
		cfg->max_connections = (unsigned)n;
		return 0;
	case 7:
		if (util_parse_int(arg, 0, 1000000, &n) != 0)
			return -1;
		cfg->max_per_address = (unsigned)n;
		return 0;
	case 8:
		cfg->tls_cert = arg;
		return 0;
	case 9:
		cfg->tls_key = arg;
		return 0;
	case 10:
		cfg->secure_cookies = 1;
		return 0;
	case 11:
		cfg->allow_private_fetch = 1;
		return 0;
	case 12:
		if (util_parse_int(arg, 0, 86400, &n) != 0)
			return -1;
		cfg->tasks_every = (unsigned)n;
		return 0;
	}
	return -1;
}

struct serve_tasks {
	struct cli *c;
	int allow_private;
};

/* The scheduled work: the tasks, then the monitoring sources that are
** due (detect/monitor.h) and their alerts. */
static void
serve_tick(void *arg)
{
	struct serve_tasks *t = arg;

	tasks_tick(t->c);
	monitor_tick(t->c->gate, t->allow_private);
}

/* Serve the community c has open (with its key) until stopped.  Returns
** an exit code. */
int
serve_community(struct cli *c, const struct serve_config *cfg)
{
	struct serve_config run = *cfg;
	struct serve_tasks t;
	char err[ERR_MAX];

	if ((cfg->tls_cert == NULL) != (cfg->tls_key == NULL))
		return cli_fail("serve: --tls-cert and --tls-key go together");
	/* the scheduled tasks run on the command's own connection, in the
	** main thread, which has nothing else to do */
	t.c = c;
	t.allow_private = cfg->allow_private_fetch;
	run.tasks = serve_tick;
	run.tasks_arg = &t;
	if (serve_run(&run, c->opts.db_path, c->gate, err) != 0)
		return cli_fail("serve: %s", err);
	return EXIT_OK;
}

/* sanctum serve [options] */
int
serve_cmd(struct cli *c, int argc, char **argv)
{
	struct option opts[NSERVE_OPTS + 1];
	struct serve_config cfg;
	int ch;

	serve_defaults(&cfg);
	serve_longopts(opts, NSERVE_OPTS + 1, NULL);
	optind = 0;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1)
		if (ch < SERVE_OPT_BASE || serve_option(&cfg, ch, optarg) != 0)
			return cli_usage(c, "serve");
	if (optind != argc)
		return cli_usage(c, "serve");
	if ((ch = cli_open(c)) != EXIT_OK)
		return ch;
	return serve_community(c, &cfg);
}
