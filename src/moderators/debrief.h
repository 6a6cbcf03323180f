/*
** debrief.h: confidential debriefs of the moderators' team.
**
** The team meets on a schedule it sets (every 14 days unless it says
** otherwise, with an iCalendar invitation), and after every incident
** those involved meet too: its lead and every moderator or admin the
** audit trail shows acting on it.  The incident's debrief is planned when
** its announcement is published, the end of the response.
**
** Each person writes a structured entry: what happened, what was hard,
** what helped, what to change (the team's: sealed, opened for moderators
** through the gateway, audited) and a reflection of their own (sealed,
** opened for its author alone: the gateway refuses it to every role,
** admins included).  What helped and what to change, across all
** debriefs, are the lessons the team keeps.
*/
#ifndef SANCTUM_DEBRIEF_H
#define SANCTUM_DEBRIEF_H

#include <stdint.h>

struct buf;
struct cli;
struct db;
struct gate;

#define DEBRIEF_FIELD_MAX 4000	/* bytes of each answer */
#define DEBRIEF_HOUR 16		/* the default: Thursdays, 16:00 UTC */

struct debrief_words {
	const char *happened, *hard, *helped, *change;	/* the team's */
	const char *reflection;				/* theirs alone */
	int shown;		/* the team may see that they took part */
};

int debrief_slot(struct db *db, int64_t now, int next, int64_t *at,
    int *every);
int debrief_schedule(struct gate *g, int every, int64_t first, char *err);
int debrief_plan_incident(struct gate *g, int64_t incident);
int debrief_team_current(struct gate *g, int64_t *id, char *err);
int debrief_write(struct gate *g, int64_t debrief,
    const struct debrief_words *w, char *err);
int debrief_ical(struct db *db, int64_t now, struct buf *out);

int debrief_schedule_cmd(struct cli *c, int argc, char **argv);
int debrief_list_cmd(struct cli *c, int argc, char **argv);
int debrief_invite_cmd(struct cli *c, int argc, char **argv);

#endif
