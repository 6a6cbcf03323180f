/*
** remind.h: reminders of the check-ins a person holds, and the cases that
** need a new holder.
**
** A supporter, moderator or admin may give an address for reminders
** (sealed: it is their contact detail).  Once a day at most, when
** check-ins they hold are due by tomorrow, they get one e-mail that says
** how many, and how many are overdue, and where to see them: it names no
** member.  The scheduled tasks (tasks.h) send them; `sanctum care remind`
** does so at once.  A case whose holder may no longer hold it (their
** account disabled, their role gone, their training lapsed) is never
** dropped silently: it is listed for the moderators to hand over.
*/
#ifndef SANCTUM_CARE_REMIND_H
#define SANCTUM_CARE_REMIND_H

#include <stdint.h>

struct cli;
struct gate;
struct db;
struct care_case;

#define REMIND_EVERY (20 * 3600)	/* seconds between two reminders */

int care_reminder_set(struct gate *g, int64_t user, const char *email,
    char *err);
int care_remind(struct gate *g, int64_t now, int *sent, int *failed,
    char *err);
int care_orphans_each(struct db *db, int64_t now,
    int (*each)(void *ctx, const struct care_case *c), void *ctx);

int care_reminders_cmd(struct cli *c, int argc, char **argv);
int care_remind_cmd(struct cli *c, int argc, char **argv);

#endif
