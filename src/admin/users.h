/*
** users.h: the people who log in to the console: adding (with a chosen or
** generated password), listing, disabling; command, pages and API.
*/
#ifndef SANCTUM_USERS_H
#define SANCTUM_USERS_H

#include <stdint.h>

#include "roles.h"

struct cli;
struct gate;
struct req;

int users_add(struct gate *g, const char *name, enum role role,
    const char *password, int must_change, char *err);
int users_set_disabled(struct gate *g, const char *name, int disabled,
    char *err);

int users_add_cmd(struct cli *c, int argc, char **argv);
int users_list_cmd(struct cli *c, int argc, char **argv);
int users_disable_cmd(struct cli *c, int argc, char **argv);
int users_enable_cmd(struct cli *c, int argc, char **argv);
void users_page(struct req *r);
void users_add_post(struct req *r);
void users_disable_post(struct req *r);
void users_enable_post(struct req *r);
void users_list_api(struct req *r);
void users_add_api(struct req *r);
void users_disable_api(struct req *r);

#endif
