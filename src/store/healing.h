/*
** healing.h: the SQL behind community healing: safety measures and pulse
** surveys.  The logic is in src/healing/.
*/
#ifndef SANCTUM_STORE_HEALING_H
#define SANCTUM_STORE_HEALING_H

#include <stdint.h>

struct db;

struct measure_row {
	int64_t id, taken_at, incident_id;
	const char *title, *detail;	/* valid during the call */
};

int healing_measure_add(struct db *db, const char *title,
    const char *detail, int64_t taken_at, int64_t incident,
    const char *by, int64_t now, int64_t *id);
int healing_measures_each(struct db *db,
    int (*each)(void *ctx, const struct measure_row *m), void *ctx);

#define PULSE_VALUES 5

struct pulse_row {
	int64_t id, opened_at, closes_at, closed_at;
	char question[256], opened_by[72];
	long counts[PULSE_VALUES];	/* answers of 1 .. 5 */
	long total;
};

int healing_pulse_open(struct db *db, const char *question, int64_t now,
    int64_t closes_at, const char *by, int64_t *id);
int healing_pulse_get(struct db *db, int64_t id, struct pulse_row *p);
int healing_pulse_current(struct db *db, int64_t now, int64_t *id);
int healing_pulse_each(struct db *db,
    int (*each)(void *ctx, const struct pulse_row *p), void *ctx);
int healing_pulse_answered(struct db *db, int64_t id, int64_t user);
int healing_pulse_answer(struct db *db, int64_t id, int64_t user,
    int value);
int healing_pulse_close(struct db *db, int64_t id, int64_t now);
int64_t healing_last_incident(struct db *db);

#endif
