/*
** exposure.h: how much difficult content a person has read, held to the
** community's caps.
**
** The gateway counts every opening of sealed difficult content (leaked
** material, members' reports, posts, case notes...) with a weight by
** severity (core/sealed.c: three times more for content whose warnings
** name suicide, self-harm or abuse).  Here those counts become a person's
** exposure in the last 24 hours and the last 7 days, measured against a
** daily and a weekly cap: "near" from near_percent of either cap, "at the
** cap" from the cap itself.  Near a cap the console suggests handing off;
** at the cap, exposure-heavy work goes to someone else (rota.h).
**
** A person sees their own figures; admins see only the level.
*/
#ifndef SANCTUM_EXPOSURE_H
#define SANCTUM_EXPOSURE_H

#include <stdint.h>

struct cli;
struct db;
struct gate;
struct mod_settings;

enum exposure_level {
	EXPOSURE_FINE = 0,
	EXPOSURE_NEAR = 1,
	EXPOSURE_AT = 2
};

struct exposure_status {
	int day, week;			/* weight, last 24 hours and 7 days */
	int daily_cap, weekly_cap;
	enum exposure_level level;
};

#define EXPOSURE_WEEKS 8	/* weeks in a person's own chart */

enum exposure_level exposure_level_of(int day, int week,
    const struct mod_settings *s);
const char *exposure_level_name(enum exposure_level l);
int exposure_status_get(struct db *db, int64_t user, int64_t now,
    struct exposure_status *st);
int exposure_weeks(struct db *db, int64_t user, int64_t now,
    long out[EXPOSURE_WEEKS]);
struct json_t *exposure_own_json(struct db *db, int64_t user, int64_t now);
int exposure_caps_set(struct gate *g, int daily, int weekly, int near,
    char *err);

int exposure_show_cmd(struct cli *c, int argc, char **argv);
int exposure_caps_cmd(struct cli *c, int argc, char **argv);

#endif
