/*
** violations.h: when the pledge is broken.
**
** A moderator records a violation (linked to an incident when there is
** one) and applies a step of the community's ladder, by default a warning,
** then a suspension for 7 days, then removal; the step follows from how
** many violations the member has had unless the moderator names one.  A
** suspension or a removal takes effect at once: the member's sessions
** end, a suspended member opens no group until the suspension ends (by
** itself), and a removed member belongs to no group any more.  The member
** is told on their own page, in the moderator's words, what happened and
** how to appeal; their account stays so they can read it, appeal and take
** their data with them.  The moderators' own note is sealed.  All audited.
*/
#ifndef SANCTUM_VIOLATIONS_H
#define SANCTUM_VIOLATIONS_H

#include <stddef.h>
#include <stdint.h>

struct cli;
struct db;
struct gate;

#define VIOLATIONS_LADDER_MAX 8		/* steps */
#define VIOLATIONS_MESSAGE_MAX 2000	/* bytes of the message */

struct ladder_step {
	char step[16];		/* warning, suspension, removal */
	int days;		/* a suspension's length */
};

int violations_ladder(struct db *db, struct ladder_step *s, int max);
int violations_set_ladder(struct gate *g, const char *spec, char *err);
int violations_record(struct gate *g, int64_t member_id, int64_t incident,
    const char *step, int days, const char *message, const char *note,
    int64_t *id, struct ladder_step *applied, char *err);
void violations_appeal_text(struct db *db, char *out, size_t cap);

int violations_record_cmd(struct cli *c, int argc, char **argv);
int violations_list_cmd(struct cli *c, int argc, char **argv);
int violations_ladder_cmd(struct cli *c, int argc, char **argv);
int violations_appeal_cmd(struct cli *c, int argc, char **argv);

#endif
