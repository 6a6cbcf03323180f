/*
** takedown.h: step 4 of the response, removing what leaked, with the
** affected members' consent.
**
** Each affected member decides what is done in their name: whether a
** removal request may mention them, whether a copyright notice may be
** sent (it usually shows the poster who wrote the words), and whether
** they want to see what leaked.  They answer on their own messages page,
** or a moderator records an answer given another way.  Without a yes,
** only requests that name nobody are made: a request naming a member, or
** a copyright notice, is refused.
**
** A request is made for a place (a location of the incident): its kind
** (privacy, terms of service, copyright), where it goes, and words
** generated for it (sealed: they hold the address).  It walks to request,
** requested, removed or refused, and reappeared; a requested one is due
** for a look three days on.  A re-check fetches each place again and
** reads it with the leak detector: gone or no longer holding the posts is
** removed, found again after removal is reappeared.
*/
#ifndef SANCTUM_TAKEDOWN_H
#define SANCTUM_TAKEDOWN_H

#include <stdint.h>

struct cli;
struct gate;

#define TAKEDOWN_RECHECK_DAYS 3

int takedown_consent(struct gate *g, int64_t incident, int64_t member,
    int mention, int copyright, int see, int by_member, char *err);
int takedown_create(struct gate *g, int64_t leak, const char *kind,
    const char *names, const char *send_to, int64_t *id, char *err);
int takedown_mark(struct gate *g, int64_t id, const char *status,
    char *err);
int takedown_recheck(struct gate *g, int64_t incident, int allow_private,
    int *gone, int *found, char *err);

int takedown_consent_cmd(struct cli *c, int argc, char **argv);
int takedown_create_cmd(struct cli *c, int argc, char **argv);
int takedown_mark_cmd(struct cli *c, int argc, char **argv);
int takedown_recheck_cmd(struct cli *c, int argc, char **argv);

#endif
