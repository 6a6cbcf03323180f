/*
** rota.h: the on-call rota for incident duty, and who the next
** exposure-heavy task goes to.
**
** Shifts are shift_days long (7 unless the team says otherwise) and start
** on Mondays at 00:00 UTC; per_shift people (2 by default) are on call in
** each.  The team of shift k is found by walking the rota, in its order,
** from place k * per_shift: whoever is away at any time of the shift is
** passed over and the next person steps in, so turns go round fairly and
** nobody's break becomes someone's debt.  Swaps (two people exchange a
** shift each) and covers (an admin puts someone in another's place) are
** kept as changes to single shifts, applied over that walk; one whose
** newcomer is away by then lapses, and the person they would have
** replaced stays on call.
**
** "I need a break" takes a person off the rota at once for the days they
** choose, without a reason; time off is the same, planned ahead; coming
** back early ends what is under way and leaves planned time off as it is.
** A swap is asked of the other person and made only when they say yes
** (the command line records one both have agreed); it is refused when
** either would be away in the shift they take.  A break
** is shown to the team as "away" unless its owner chooses to show it for
** what it is (leaders modelling self-care).
**
** The assignment rule (rota_choose): among those on call now, the one
** who can take the work (not away, training current, under both exposure
** caps) and has read the least in the last 7 days, then the last 24
** hours, then the rota's order; if nobody on call can, the same rule over
** the rest of the rota; if nobody at all, the work waits for a person and
** the reason is said.
*/
#ifndef SANCTUM_ROTA_H
#define SANCTUM_ROTA_H

#include <stdint.h>

struct buf;
struct cli;
struct db;
struct gate;
struct rota_change;

#define ROTA_EPOCH 345600	/* Monday 1970-01-05 00:00 UTC */
#define ROTA_TEAM_MAX 5		/* per_shift at most */
#define ROTA_MEMBERS_MAX 64
#define ROTA_BREAK_DAYS_MAX 90
#define ROTA_SHOW_SHIFTS 8	/* shifts the console and --weeks show */

struct rota_team {
	int n;
	int64_t user[ROTA_TEAM_MAX];
};

struct rota_candidate {
	int64_t user;
	char name[65];
	int on_call, away, trained, staff;	/* staff: moderator or admin,
						   not disabled */
	int level;				/* enum exposure_level */
	int week, day, position;
	int excluded;				/* handing the work off */
	int shown;				/* away, and shows the team
						   it is a break */
};

struct rota_pick {
	int64_t user;			/* 0: nobody can take it now */
	char name[65];
	int on_call;
	char why[256];
};

int64_t rota_shift_of(int64_t t, int shift_days);
int64_t rota_shift_start(int64_t shift, int shift_days);
void rota_team_walk(int64_t shift, int per_shift, const int64_t *members,
    const unsigned char *away, int n, struct rota_team *out);
void rota_team_change(struct rota_team *t, const struct rota_change *c);
int rota_team(struct db *db, int64_t shift, struct rota_team *out);
int rota_on_call(const struct rota_team *t, int64_t user);

const char *rota_unable(const struct rota_candidate *c);
int rota_choose(const struct rota_candidate *c, int n, int *fallback);
int rota_candidates(struct db *db, int64_t now, int64_t exclude,
    struct rota_candidate *out, int cap);
int rota_next(struct db *db, int64_t now, int64_t exclude,
    struct rota_pick *p);
int rota_assign_incident(struct gate *g, int64_t incident, int64_t exclude,
    struct rota_pick *p);
int rota_away_now(struct db *db, int64_t user, int64_t now, int64_t *until);

int rota_join(struct gate *g, int64_t user, char *err);
int rota_leave(struct gate *g, int64_t user, char *err);
int rota_break(struct gate *g, int64_t user, int64_t starts, int days,
    int shown, char *err);
int rota_back(struct gate *g, int64_t user, char *err);
int rota_swap(struct gate *g, int64_t user, int64_t other, int64_t on,
    char *err);
int rota_swap_ask(struct gate *g, int64_t other, int64_t on, int64_t *id,
    char *err);
int rota_swap_answer(struct gate *g, int64_t id, int yes, char *err);
int rota_cover(struct gate *g, int64_t in_user, int64_t out_user,
    int64_t on, char *err);
int rota_ical(struct db *db, int64_t now, int shifts, struct buf *out);

int rota_person_cmd(struct cli *c, int argc, char **argv);
int rota_list_cmd(struct cli *c, int argc, char **argv);
int rota_break_cmd(struct cli *c, int argc, char **argv);
int rota_swap_cmd(struct cli *c, int argc, char **argv);
int rota_cover_cmd(struct cli *c, int argc, char **argv);
int rota_next_cmd(struct cli *c, int argc, char **argv);
int rota_export_cmd(struct cli *c, int argc, char **argv);
int rota_settings_cmd(struct cli *c, int argc, char **argv);

#endif
