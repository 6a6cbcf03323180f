/*
** audit.h: reading the audit trail, an append-only, hash-chained record of
** every action of a moderator, supporter or admin that reads sealed
** content or changes state (src/core/trail.h keeps the chain).  What
** members read is never recorded.
*/
#ifndef SANCTUM_AUDIT_H
#define SANCTUM_AUDIT_H

#include <stdint.h>

struct req;
struct cli;

int audit_verify_cmd(struct cli *c, int argc, char **argv);
int audit_list_cmd(struct cli *c, int argc, char **argv);
void audit_page(struct req *r);
void audit_list_api(struct req *r);
void audit_verify_api(struct req *r);

#endif
