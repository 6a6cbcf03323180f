/*
** measures.h: "what we changed", the safety measures a community took
** after its incidents, listed with their dates for everyone to read and
** without anything about any member: each passes the announcement guard
** (no name known here, no words of any post, no contact data, no details
** of a method) before it is kept.  Beside them, healing milestones (weeks
** without a new incident, measures taken, and how many members chose to
** share that they are doing better, once at least BETTER_MIN did), shown
** to moderators and, if the community chooses, to everyone.
*/
#ifndef SANCTUM_HEALING_MEASURES_H
#define SANCTUM_HEALING_MEASURES_H

#include <stdint.h>

struct cli;
struct gate;
struct req;

#define MEASURE_TITLE_MAX 200
#define BETTER_MIN 3	/* members sharing before the number shows */
#define MEASURE_DETAIL_MAX 2000

int healing_measure(struct gate *g, const char *title, const char *detail,
    int64_t taken_at, int64_t incident, int64_t *id, char *err);

int healing_measure_cmd(struct cli *c, int argc, char **argv);
int healing_measures_cmd(struct cli *c, int argc, char **argv);
int healing_milestones_cmd(struct cli *c, int argc, char **argv);

int healing_better_share(struct gate *g, int64_t member, int on,
    char *err);
void healing_better_panel(struct req *r, int64_t member);
void my_better_post(struct req *r);

void changes_page(struct req *r);
void changes_post(struct req *r);

#endif
