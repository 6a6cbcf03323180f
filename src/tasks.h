/*
** tasks.h: the work sanctum does on a schedule, beside the requests it
** answers: healing spaces whose end has come are ended (what was said in
** them erased), and the people who hold check-ins are reminded of those
** due (care/remind.h); the cases that need a new holder are counted for
** the log; and once a day what the retention periods make due is purged
** (admin/retention.h).  `sanctum serve` runs them every few minutes
** (--tasks-every); `sanctum tasks` runs them once, for a timer of the
** system's or a test.
*/
#ifndef SANCTUM_TASKS_H
#define SANCTUM_TASKS_H

#include <stdint.h>

#include "store/retention.h"

struct cli;
struct gate;

struct tasks_done {
	int spaces_ended;
	int reminders_sent, reminders_failed;
	int cases_without_holder;
	int old_key_retired;	/* a key rotation's grace period ended */
	struct retention_counts purged;	/* once a day */
};

int tasks_run(struct gate *g, int64_t now, struct tasks_done *d, char *err);
void tasks_tick(void *cli);
int tasks_cmd(struct cli *c, int argc, char **argv);

#endif
