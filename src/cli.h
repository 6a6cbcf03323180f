/*
** cli.h: what every command handler shares: the global options, exit
** codes, and the usage and failure helpers.  The command table itself is
** in main.c.
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

typedef int (*cmd_fn)(struct cli *c, int argc, char **argv);

int cli_usage(struct cli *c, const char *command);
int cli_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
