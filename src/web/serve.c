/*
** serve.c: `sanctum serve`: parse the options, open the community (which
** proves the key is right), enter the sandbox, and run the server; and
** `sanctum sandbox-check`, which shows what that sandbox refuses.
*/
#include "serve.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <libgen.h>
#include <limits.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "../cli.h"
#include "../detect/fetch.h"
#include "../detect/monitor.h"
#include "../store/db.h"
#include "../tasks.h"
#include "../util/log.h"
#include "../util/sandbox.h"
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
	{ "no-sandbox", no_argument, NULL, 13 },
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
	case 13:
		cfg->no_sandbox = 1;
		return 0;
	}
	return -1;
}

/* What a running server still reads, besides the database's folder: the
** certificate authorities (libcurl, for monitoring and mail over TLS),
** name resolution's files and the libraries it loads, the time zones of
** check-ins (libical), Tesseract's language data, randomness for SQLite,
** and what glibc's malloc asks of the kernel.  (Tesseract also writes its
** debug output to /dev/null.)  Start-up reads the rest (the key, TLS
** files) before the sandbox.  A path this machine lacks is passed over. */
static const char *const serve_reads[] = {
	"/etc/ssl/certs", "/usr/share/ca-certificates",
	"/usr/local/share/ca-certificates", "/etc/ssl/openssl.cnf",
	"/etc/resolv.conf", "/etc/hosts", "/etc/nsswitch.conf",
	"/etc/gai.conf", "/etc/host.conf", "/etc/ld.so.cache", "/usr/lib",
	"/usr/share/zoneinfo", "/etc/localtime", "/usr/share/tesseract-ocr",
	"/dev/urandom", "/proc/sys/vm/overcommit_memory",
};

#define NSERVE_READS (sizeof(serve_reads) / sizeof(serve_reads[0]))

/* Confine this process to what serving the database at db_path needs
** (util/sandbox.h): read and write in the database's folder, where
** SQLite's temporary files go too, and read serve_reads.  Writes what
** was applied to said.  Returns 0, or -1 with err filled. */
int
serve_sandbox(const char *db_path, char *said, size_t saidlen, char *err)
{
	struct sandbox_path p[NSERVE_READS + 3];
	char real[PATH_MAX], *dir;
	const char *tess = getenv("TESSDATA_PREFIX");
	size_t i, n = 0;

	/* SQLite puts the journal and WAL beside the file a link leads to */
	if (realpath(db_path, real) == NULL) {
		err_set(err, "sandbox: cannot find %s: %s", db_path,
		    strerror(errno));
		return -1;
	}
	dir = dirname(real);
	if (db_temp_dir(dir, err) != 0)
		return -1;
	p[n].path = dir;
	p[n++].access = SANDBOX_READ | SANDBOX_WRITE;
	for (i = 0; i < NSERVE_READS; i++) {
		p[n].path = serve_reads[i];
		p[n++].access = SANDBOX_READ;
	}
	p[n].path = "/dev/null";
	p[n++].access = SANDBOX_READ | SANDBOX_WRITE;
	if (tess && *tess) {
		p[n].path = tess;
		p[n++].access = SANDBOX_READ;
	}
	/* libcurl reads its TLS configuration when it starts */
	fetch_start();
	return sandbox_enter(p, n, said, saidlen, err);
}

/* serve_start's confine hook: the sandbox for the database at arg. */
static int
serve_confine(void *arg, char *err)
{
	char said[ERR_MAX];

	if (serve_sandbox(arg, said, sizeof(said), err) != 0)
		return -1;
	log_msg(LOG_INFO, "serve: sandbox: %s", said);
	return 0;
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
	if (cfg->no_sandbox) {
		log_msg(LOG_WARN, "serve: no sandbox (--no-sandbox)");
	} else {
		run.confine = serve_confine;
		run.confine_arg = (void *)c->opts.db_path;
	}
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

/* sandbox-check: try to open path for reading and for writing (creating
** it if it can), and print what happened to each. */
static void
check_path(const char *path)
{
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	printf("read %s: %s\n", path, fd >= 0 ? "allowed" : strerror(errno));
	if (fd >= 0)
		close(fd);
	fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | O_NOCTTY, 0600);
	printf("write %s: %s\n", path, fd >= 0 ? "allowed" : strerror(errno));
	if (fd >= 0)
		close(fd);
}

/* sanctum sandbox-check [PATH...]: enter the sandbox serve enters for the
** database (--db), then try to read and write each PATH, to listen on a
** new TCP port, and last to run /bin/true, which the sandbox answers by
** ending the process (SIGSYS).  The test of the sandbox drives it. */
int
serve_sandbox_check_cmd(struct cli *c, int argc, char **argv)
{
	struct sockaddr_in in;
	char said[ERR_MAX], err[ERR_MAX];
	char *const args[] = { (char *)"/bin/true", NULL };
	int i, fd;

	if (argc > 1 && argv[1][0] == '-')
		return cli_usage(c, "sandbox-check");
	if (serve_sandbox(c->opts.db_path, said, sizeof(said), err) != 0)
		return cli_fail("sandbox-check: %s", err);
	printf("sandbox: %s\n", said);
	for (i = 1; i < argc; i++)
		check_path(argv[i]);
	memset(&in, 0, sizeof(in));
	in.sin_family = AF_INET;
	in.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	printf("bind a TCP port: %s\n", fd < 0 ? strerror(errno) :
	    bind(fd, (struct sockaddr *)&in, sizeof(in)) == 0 ? "allowed" :
	    strerror(errno));
	if (fd >= 0)
		close(fd);
	printf("run /bin/true: ");
	fflush(stdout);
	execv(args[0], args);
	printf("%s\n", strerror(errno));
	return EXIT_FAIL;
}
