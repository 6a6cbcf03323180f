/*
** cli.h: the command table's row, what every command handler is given, the
** exit codes, and the helpers handlers share.
**
** Like git's commands[], each row of the table (cli.c) declares what its
** command needs, and the dispatcher provides it before the handler runs:
**   CMD_COMMUNITY  the community's database is open (c->db),
**   CMD_KEY        and its key: c->gate acts for the account running the
**                  command (never the keyring itself),
**   CMD_WRITES     the command runs in one transaction, committed when it
**                  succeeds and rolled back when it fails; the store refuses
**                  the commit unless it names its audit entry.  What such a
**                  command says with cli_say is printed only once it has
**                  committed, so nothing is acknowledged that was not kept.
** A handler first checks its arguments (a usage error exits 2 whether or
** not there is a community), then calls cli_open, which opens what its
** row declares; the dispatcher commits and closes after it returns.
*/
#ifndef SANCTUM_CLI_H
#define SANCTUM_CLI_H

#include <stdio.h>

#include "app.h"
#include "util/buf.h"

enum {
	EXIT_OK = 0,
	EXIT_FAIL = 1,
	EXIT_USAGE = 2,
	EXIT_LEAK = 3
};

enum {
	CMD_COMMUNITY = 1,
	CMD_KEY = 2,		/* implies CMD_COMMUNITY */
	CMD_WRITES = 4		/* implies CMD_KEY */
};

struct db;
struct gate;
struct json_t;

struct cli {
	struct app_opts opts;	/* the global options */
	const char *argv0;
	struct db *db;		/* with CMD_COMMUNITY */
	struct gate *gate;	/* with CMD_KEY */
	struct buf said;	/* cli_say's words, until the commit */
	int opened;		/* the dispatcher opened the community */
	const struct command *cmd;	/* the row being run */
};

#ifndef SANCTUM_VERSION
#define SANCTUM_VERSION "0.1.0"
#endif

typedef int (*cmd_fn)(struct cli *c, int argc, char **argv);

struct command {
	const char *name;	/* "user" */
	const char *sub;	/* "add", or NULL for a command without */
	cmd_fn fn;		/* gets argv[0] = sub (or name) */
	unsigned flags;		/* CMD_* */
	const char *synopsis;
	const char *help;
};

const struct command *cli_find(const char *name, const char *sub);
int cli_run(struct cli *c, const struct command *cmd, int argc, char **argv);
int cli_open(struct cli *c);
const struct app *cli_app(void);
int cli_help(const char *name, FILE *f, int code);
const char *cli_actor(void);
int cli_open_community(struct cli *c, int need_key, char *err);
int cli_create_community(struct cli *c, char *err);

int cli_usage(struct cli *c, const char *command);
int cli_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void cli_say(struct cli *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void cli_print_json(struct json_t *j);

#endif
