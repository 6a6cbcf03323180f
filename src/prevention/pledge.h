/*
** pledge.h: the confidentiality pledge.
**
** Every member accepts the community's pledge before they can enter a
** group: what is shared in a group stays there.  The pledge has versions;
** a new version asks everyone to accept again (each active member gets a
** notice), and until they do, no group is open to them.  Who accepted
** which version when is kept with the digest of the exact words accepted
** (digest.h).  A good default ships as version 1 and is stored the first
** time anyone accepts it or a new version is published.
*/
#ifndef SANCTUM_PLEDGE_H
#define SANCTUM_PLEDGE_H

#include <stdint.h>

struct cli;
struct db;
struct gate;

#define PLEDGE_MAX ((size_t)64 << 10)	/* bytes of a pledge's text */

extern const char pledge_default_text[];

struct pledge {
	int64_t version;
	char *body;		/* allocated; pledge_free */
	int stored;		/* 0: the default, not stored yet */
	int64_t published_at;
	char published_by[72];
};

int pledge_current(struct db *db, struct pledge *p);
void pledge_free(struct pledge *p);
int pledge_publish(struct gate *g, const char *body, int64_t *version,
    char *err);
int pledge_keep_acceptance(struct gate *g, int64_t member_id,
    int64_t *version);
int pledge_accept(struct gate *g, int64_t member_id, const char *pseudonym,
    int64_t *version, char *err);
int pledge_accepted_current(struct db *db, int64_t member_id);

int pledge_show_cmd(struct cli *c, int argc, char **argv);
int pledge_publish_cmd(struct cli *c, int argc, char **argv);
int pledge_accept_cmd(struct cli *c, int argc, char **argv);

#endif
