/*
** serve.c: `sanctum serve`: parse the options, open the community (which
** proves the key is right), and run the server.
*/
#include "serve.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "../app.h"
#include "../cli.h"
#include "../util/util.h"

/* The defaults: loopback, 10 MiB bodies, 30-minute idle and 12-hour
** absolute session limits, one thread per core, 10 s for a request to
** arrive, 64 connections from one address, and as many connections in
** all as the open-file limit allows (8192 at most). */
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
}

/* Take the serve option at argv[i].  Returns how many arguments it used,
** 0 when argv[i] is not a serve option, or -1 when its value is bad. */
int
serve_option(struct serve_config *cfg, int argc, char **argv, int i)
{
	const char *o = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
	long long n;

	if (strcmp(o, "--secure-cookies") == 0) {
		cfg->secure_cookies = 1;
		return 1;
	}
	if (strcmp(o, "--allow-private-fetch") == 0) {
		cfg->allow_private_fetch = 1;
		return 1;
	}
	if (strcmp(o, "--listen") == 0 || strcmp(o, "--tls-cert") == 0 ||
	    strcmp(o, "--tls-key") == 0) {
		if (v == NULL)
			return -1;
		if (o[2] == 'l')
			cfg->listen = v;
		else if (strcmp(o, "--tls-cert") == 0)
			cfg->tls_cert = v;
		else
			cfg->tls_key = v;
		return 2;
	}
	if (strcmp(o, "--max-body") == 0) {
		if (util_parse_int(v, 1024, (long long)1 << 30, &n) != 0)
			return -1;
		cfg->max_body = (size_t)n;
		return 2;
	}
	if (strcmp(o, "--idle-timeout") == 0) {
		if (util_parse_int(v, 1, 86400 * 30, &n) != 0)
			return -1;
		cfg->idle_timeout = n;
		return 2;
	}
	if (strcmp(o, "--session-lifetime") == 0) {
		if (util_parse_int(v, 1, 86400 * 90, &n) != 0)
			return -1;
		cfg->session_lifetime = n;
		return 2;
	}
	if (strcmp(o, "--request-timeout") == 0) {
		if (util_parse_int(v, 1, 3600, &n) != 0)
			return -1;
		cfg->request_timeout = (unsigned)n;
		return 2;
	}
	if (strcmp(o, "--max-connections") == 0) {
		if (util_parse_int(v, 1, 1000000, &n) != 0)
			return -1;
		cfg->max_connections = (unsigned)n;
		return 2;
	}
	if (strcmp(o, "--max-per-address") == 0) {
		if (util_parse_int(v, 0, 1000000, &n) != 0)
			return -1;
		cfg->max_per_address = (unsigned)n;
		return 2;
	}
	if (strcmp(o, "--threads") == 0) {
		if (util_parse_int(v, 1, 64, &n) != 0)
			return -1;
		cfg->threads = (int)n;
		return 2;
	}
	return 0;
}

/* Serve an open community until stopped.  Returns an exit code. */
int
serve_app(struct app *a, const struct serve_config *cfg)
{
	char err[ERR_MAX];
	int rc;

	if ((cfg->tls_cert == NULL) != (cfg->tls_key == NULL))
		return cli_fail("serve: --tls-cert and --tls-key go together");
	rc = serve_run(cfg, a->db_path, a->kr, err);
	if (rc != 0)
		return cli_fail("serve: %s", err);
	return EXIT_OK;
}

/* sanctum serve [options] */
int
serve_cmd(struct cli *c, int argc, char **argv)
{
	struct serve_config cfg;
	struct app a;
	char err[ERR_MAX];
	int i, k, rc;

	serve_defaults(&cfg);
	for (i = 1; i < argc; i += k) {
		k = serve_option(&cfg, argc, argv, i);
		if (k <= 0)
			return cli_usage(c, "serve");
	}
	if (app_open(&c->opts, &a, err) != 0)
		return cli_fail("serve: %s", err);
	rc = serve_app(&a, &cfg);
	app_close(&a);
	return rc;
}
