/*
** contact.h: members are known by pseudonym only.  Their contact details
** (given when they applied, or by an import) stay sealed; an admin may
** reveal one member's, one at a time, giving a reason that the audit
** trail keeps beside the opening.  Moderators see the members' list, never
** their contact details.
*/
#ifndef SANCTUM_CONTACT_H
#define SANCTUM_CONTACT_H

#include <stddef.h>
#include <stdint.h>

struct cli;
struct gate;
struct req;

#define CONTACT_REASON_MIN 10	/* bytes: a reason, not a shrug */
#define CONTACT_REASON_MAX 200

char *contact_reveal(struct gate *g, int64_t member_id, const char *reason,
    char *err);

int contact_reveal_cmd(struct cli *c, int argc, char **argv);
void contact_members_page(struct req *r);
void contact_reveal_post(struct req *r);

#endif
