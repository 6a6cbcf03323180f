/*
** cli.h: what every command handler shares: the global options, exit
** codes, the command table (cli.c), and the usage and failure helpers.
*/
#ifndef SANCTUM_CLI_H
#define SANCTUM_CLI_H

#include "app.h"

enum {
	EXIT_OK = 0,
	EXIT_FAIL = 1,
	EXIT_USAGE = 2,
	EXIT_LEAK = 3
};

struct cli {
	struct app_opts opts;
	const char *argv0;
};

#include <stdio.h>

#ifndef SANCTUM_VERSION
#define SANCTUM_VERSION "0.1.0"
#endif

typedef int (*cmd_fn)(struct cli *c, int argc, char **argv);

struct command {
	const char *name;
	cmd_fn fn;
	const char *synopsis;
	const char *help;
};

const struct command *cli_find(const char *name);
int cli_help(const char *name, FILE *f, int code);

int cli_usage(struct cli *c, const char *command);
int cli_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
