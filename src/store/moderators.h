/*
** moderators.h: the SQL behind moderator care: the caps exposure is held
** to, sums of a person's exposure, the on-call rota (members, time away,
** swaps and covers) and who leads an incident.  The logic is in
** src/moderators/.
*/
#ifndef SANCTUM_STORE_MODERATORS_H
#define SANCTUM_STORE_MODERATORS_H

#include <stddef.h>
#include <stdint.h>

struct db;

struct mod_settings {
	int daily_cap, weekly_cap, near_percent;	/* exposure */
	int shift_days, per_shift;			/* the rota */
};

int mods_settings_get(struct db *db, struct mod_settings *s);
int mods_settings_set(struct db *db, const struct mod_settings *s);

int mods_exposure_sum(struct db *db, int64_t user, int64_t since,
    int64_t until);
int mods_exposure_kinds(struct db *db, int64_t user, int64_t since,
    int (*each)(void *ctx, const char *kind, int weight, int times),
    void *ctx);

struct rota_member {
	int64_t user_id, added_at;
	int position, disabled;
	char name[65], role[16];
};

int mods_rota_add(struct db *db, int64_t user, int64_t now);
int mods_rota_remove(struct db *db, int64_t user);
int mods_rota_each(struct db *db,
    int (*each)(void *ctx, const struct rota_member *m), void *ctx);

struct rota_away_row {
	int64_t id, user_id, starts_at, ends_at;
	int shown;
	char kind[12], name[65];
};

int mods_away_add(struct db *db, int64_t user, const char *kind,
    int64_t starts, int64_t ends, int shown, int64_t now, int64_t *id);
int mods_away_end(struct db *db, int64_t user, int64_t now);
int mods_away_each(struct db *db, int64_t user, int64_t from, int64_t to,
    int (*each)(void *ctx, const struct rota_away_row *a), void *ctx);

struct rota_change {
	int64_t shift, out_user, in_user;
	char kind[8], made_by[72];
};

int mods_change_add(struct db *db, int64_t shift, int64_t out_user,
    int64_t in_user, const char *kind, const char *by, int64_t now);
int mods_changes_each(struct db *db, int64_t shift,
    int (*each)(void *ctx, const struct rota_change *c), void *ctx);

int mods_debrief_schedule_get(struct db *db, int *every, int64_t *first);
int mods_debrief_schedule_set(struct db *db, int every, int64_t first);

struct debrief_row {
	int64_t id, incident_id, held_at;
	char kind[12], created_by[72];
	int entries;			/* how many have written theirs */
	int mine;			/* the asking user has written */
	int involved;			/* the asking user is among its people
					   (an incident's), or it is the
					   team's */
};

int mods_debrief_add(struct db *db, const char *kind, int64_t incident,
    int64_t held_at, const char *by, int64_t now, int64_t *id);
int mods_debrief_team_at(struct db *db, int64_t held_at, int64_t *id);
int mods_debrief_of_incident(struct db *db, int64_t incident, int64_t *id);
int mods_debrief_get(struct db *db, int64_t id, int64_t user,
    struct debrief_row *d);
int mods_debriefs_each(struct db *db, int64_t user,
    int (*each)(void *ctx, const struct debrief_row *d), void *ctx);
int mods_debrief_people_add(struct db *db, int64_t debrief,
    int64_t incident);
int mods_debrief_people_each(struct db *db, int64_t debrief,
    int (*each)(void *ctx, int64_t user, const char *name), void *ctx);

struct debrief_entry {
	int64_t id, debrief_id, user_id, written_at;
	int shown;			/* the team may see they took part */
	char name[65];
	const void *shared, *private_;	/* sealed; valid during the call */
	size_t shared_n, private_n;
};

int mods_entry_put(struct db *db, int64_t debrief, int64_t user,
    int64_t now, int64_t *id);
int mods_entry_seal(struct db *db, int64_t id, int private_,
    const void *sealed, size_t n);
int mods_entries_each(struct db *db, int64_t debrief, int64_t user,
    int (*each)(void *ctx, const struct debrief_entry *e), void *ctx);
int mods_entry_author(struct db *db, int64_t id, int64_t *user);
int mods_entry_shown(struct db *db, int64_t id, int shown);

int mods_selfcheck_add(struct db *db, int64_t user, int64_t now,
    int64_t *id);
int mods_selfcheck_seal(struct db *db, int64_t id, const void *sealed,
    size_t n);
int mods_selfchecks_each(struct db *db, int64_t user, int limit,
    int (*each)(void *ctx, int64_t id, int64_t at, const void *sealed,
    size_t n), void *ctx);
int mods_selfcheck_author(struct db *db, int64_t id, int64_t *user);

struct mod_support_row {
	int64_t id, added_at;
	char name[128], kind[16], contact[256], languages[64], note[256];
};

int mods_support_add(struct db *db, const struct mod_support_row *s,
    const char *by, int64_t now, int64_t *id);
int mods_support_remove(struct db *db, int64_t id, int64_t now);
int mods_support_each(struct db *db,
    int (*each)(void *ctx, const struct mod_support_row *s), void *ctx);
int mods_budget_get(struct db *db, int64_t *budget, char *currency,
    size_t cap, int64_t *spent);
int mods_budget_set(struct db *db, int64_t budget, const char *currency);
int mods_session_add(struct db *db, int64_t user, int64_t held_on,
    int64_t cost, int64_t now);
int mods_sessions_of(struct db *db, int64_t user, int *count,
    int64_t *spent);

int mods_thanks_add(struct db *db, int64_t to, int64_t from, int64_t now,
    int64_t *id);
int mods_thanks_seal(struct db *db, int64_t id, const void *sealed,
    size_t n);
int mods_thanks_each(struct db *db, int64_t user, int limit,
    int (*each)(void *ctx, int64_t id, int64_t at, int to_team,
    const char *from, const void *sealed, size_t n), void *ctx);
int mods_thanks_for(struct db *db, int64_t id, int64_t *to);

int mods_contributions(struct db *db, int64_t user, int64_t since,
    int (*each)(void *ctx, const char *action, int count), void *ctx);

struct rota_swap_row {
	int64_t id, from_user, to_user, give_shift, take_shift, asked_at;
	char from[65], to[65], answer[4];
};

int mods_swap_add(struct db *db, int64_t from, int64_t to, int64_t give,
    int64_t take, int64_t now, int64_t *id);
int mods_swap_get(struct db *db, int64_t id, struct rota_swap_row *s);
int mods_swap_answer(struct db *db, int64_t id, const char *answer,
    int64_t now);
int mods_swaps_open(struct db *db, int64_t user,
    int (*each)(void *ctx, const struct rota_swap_row *s), void *ctx);

int mods_incident_lead_set(struct db *db, int64_t incident, int64_t user);
int mods_incident_lead(struct db *db, int64_t incident, int64_t *user,
    char *name, size_t cap);

#endif
