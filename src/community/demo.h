/*
** demo.h: `sanctum demo`: a fictional community to try sanctum on.
*/
#ifndef SANCTUM_DEMO_H
#define SANCTUM_DEMO_H

struct gate;
struct cli;

#define DEMO_ADMIN "demo-admin"

int demo_fill(struct gate *g, char *password_out, unsigned n, char *err);
int demo_cmd(struct cli *c, int argc, char **argv);

#endif
