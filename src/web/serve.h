/*
** serve.h: the `sanctum serve` command and the options it shares with
** `sanctum demo`.
*/
#ifndef SANCTUM_SERVE_H
#define SANCTUM_SERVE_H

#include "server.h"

struct cli;
struct app;

void serve_defaults(struct serve_config *cfg);
int serve_option(struct serve_config *cfg, int argc, char **argv, int i);
int serve_app(struct app *a, const struct serve_config *cfg);
int serve_cmd(struct cli *c, int argc, char **argv);

#endif
