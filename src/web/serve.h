/*
** serve.h: the `sanctum serve` command and the options it shares with
** `sanctum demo`.
*/
#ifndef SANCTUM_SERVE_H
#define SANCTUM_SERVE_H

#include "server.h"

struct cli;
struct option;

#define SERVE_OPT_BASE 1000	/* getopt values of serve's options */
#define SERVE_NOPTS 14		/* how many there are */

void serve_defaults(struct serve_config *cfg);
int serve_longopts(struct option *out, size_t cap,
    const struct option *extra);
int serve_option(struct serve_config *cfg, int ch, const char *arg);
int serve_community(struct cli *c, const struct serve_config *cfg);
int serve_cmd(struct cli *c, int argc, char **argv);
int serve_sandbox(const char *db_path, char *said, size_t saidlen,
    char *err);
int serve_sandbox_check_cmd(struct cli *c, int argc, char **argv);

#endif
