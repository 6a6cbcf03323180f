/*
** checkin.h: when a care case's check-ins fall due, and the check-ins
** themselves: done, skipped, moved, and which are due at a time.
**
** A member chooses how often they hear from the person supporting them:
** the default plan (a day, a week, a month, three and six months after
** the case opened), or every N days.  Each check-in falls at the hour the
** member chose on a date in the member's own time zone, so "ten in the
** morning" stays ten in the morning across daylight saving; months are
** calendar months (the 31st of January plus one month is the 28th or 29th
** of February).  Time zones are IANA names, read through libical.
*/
#ifndef SANCTUM_CHECKIN_H
#define SANCTUM_CHECKIN_H

#include <stddef.h>
#include <stdint.h>

struct cli;
struct gate;

#define CHECKIN_LABEL_MAX 24
#define CHECKIN_PLAN_MAX 5	/* the default plan's steps */

struct checkin_slot {
	int64_t due;			/* Unix time */
	char label[CHECKIN_LABEL_MAX];	/* "one week", "every 14 days" */
};

int checkin_zone_ok(const char *zone);
int checkin_parse_time(const char *s, int64_t *t);
int checkin_at(int64_t from, const char *zone, int hour, int days,
    int months, int64_t *due);
int checkin_default_plan(int64_t opened, const char *zone, int hour,
    struct checkin_slot out[CHECKIN_PLAN_MAX]);
int checkin_every(int64_t base, int64_t after, const char *zone, int hour,
    int every_days, struct checkin_slot *out);
void checkin_local(int64_t t, const char *zone, char *out, size_t cap);

int checkin_replan(struct gate *g, int64_t case_id, char *err);
int checkin_done(struct gate *g, int64_t id, const char *note, char *err);
int checkin_skip(struct gate *g, int64_t id, char *err);
int checkin_move(struct gate *g, int64_t id, int64_t due, char *err);

int checkin_due_cmd(struct cli *c, int argc, char **argv);
int checkin_cmd(struct cli *c, int argc, char **argv);

#endif
