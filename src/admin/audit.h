/*
** audit.h: the audit trail: an append-only, hash-chained record of every
** action of a moderator, supporter or admin that reads sealed content or
** changes state.  What members read is never recorded.
*/
#ifndef SANCTUM_AUDIT_H
#define SANCTUM_AUDIT_H

#include <stdint.h>

struct db;
struct keyring;
struct req;
struct cli;

struct audit_report {
	int64_t entries;
	int64_t broken_id;	/* the first entry that fails, 0 if none */
	char reason[160];
};

int audit_append(struct db *db, const struct keyring *kr, int64_t actor_id,
    const char *actor, const char *action, const char *target,
    const char *detail);
int audit_verify(struct db *db, const struct keyring *kr,
    struct audit_report *rep);
const char *audit_cli_actor(void);

int audit_cmd(struct cli *c, int argc, char **argv);
void audit_page(struct req *r);
void audit_list_api(struct req *r);
void audit_verify_api(struct req *r);

#endif
