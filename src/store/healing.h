/*
** healing.h: the SQL behind community healing: safety measures, pulse
** surveys, healing spaces and members who share they are doing better.
** The logic is in src/healing/.
*/
#ifndef SANCTUM_STORE_HEALING_H
#define SANCTUM_STORE_HEALING_H

#include <stddef.h>
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

/* A healing space: a group, extra-private, for a while. */
struct space_row {
	int64_t group_id, incident_id, facilitator_id;
	int64_t opened_at, ends_at, ended_at;	/* ended_at 0: open */
	char name[96], facilitator[72], reminder[1024], note[2048];
	int capacity;
	int64_t members, invited, pending;	/* pending: not answered */
};

int healing_space_add(struct db *db, int64_t gid, int64_t incident,
    int64_t facilitator, const char *reminder, int64_t now, int64_t ends_at,
    const char *by);
int healing_space_get(struct db *db, int64_t gid, struct space_row *s);
int healing_spaces_each(struct db *db, int64_t member,
    int (*each)(void *ctx, const struct space_row *s, const char *answer),
    void *ctx);
int healing_space_invite(struct db *db, int64_t gid, int64_t member,
    int64_t now);
int healing_space_invitation(struct db *db, int64_t gid, int64_t member,
    char *answer, size_t cap);
int healing_space_answer(struct db *db, int64_t gid, int64_t member,
    const char *answer, int64_t now);
int healing_space_admits(struct db *db, int64_t gid, int64_t member,
    int64_t now);
int healing_space_note(struct db *db, int64_t gid, const char *note);
int healing_spaces_due(struct db *db, int64_t now, int64_t *ids, int max);
int healing_space_next_post(struct db *db, int64_t gid, int64_t *post);
int healing_space_end(struct db *db, int64_t gid, int64_t now);
int healing_space_facilitates(struct db *db, int64_t post, int64_t user,
    int64_t now);
int healing_doing_better_set(struct db *db, int64_t member, int on,
    int64_t now);
int64_t healing_doing_better(struct db *db, int64_t member);

#endif
