/*
** tokens.h: API bearer tokens for automation, created and revoked by an
** admin.  A token is "snt_" and 43 random characters; it is shown once and
** only its keyed hash is kept.
*/
#ifndef SANCTUM_TOKENS_H
#define SANCTUM_TOKENS_H

#include <stdint.h>

#include "../crypto/token.h"

struct cli;
struct gate;
struct req;

#define API_TOKEN_LEN (4 + TOKEN_LEN)

int tokens_create(struct gate *g, const char *user, const char *label,
    char out[API_TOKEN_LEN + 1], int64_t *id, char *err);
int tokens_revoke(struct gate *g, int64_t id, char *err);

int tokens_create_cmd(struct cli *c, int argc, char **argv);
int tokens_list_cmd(struct cli *c, int argc, char **argv);
int tokens_revoke_cmd(struct cli *c, int argc, char **argv);
void tokens_page(struct req *r);
void tokens_create_post(struct req *r);
void tokens_revoke_post(struct req *r);
void tokens_list_api(struct req *r);
void tokens_revoke_api(struct req *r);

#endif
