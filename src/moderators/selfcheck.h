/*
** selfcheck.h: a short, private self-check for signs of vicarious trauma.
**
** Five questions about the last week, each answered from 0 (not at all)
** to 4 (very often); the score is their sum.  The answers are sealed
** whole and opened for their author alone (the gateway refuses them to
** every role, admins included); the audit trail keeps only that someone
** on the team did a check, not who.  The author sees their scores as a trend, and when it
** worsens (a score of SELFCHECK_HIGH or more, or SELFCHECK_RISE more than
** the one before) a gentle suggestion to take a break or talk to someone.
** It is a mirror, not a diagnosis, and the page says so.
*/
#ifndef SANCTUM_SELFCHECK_H
#define SANCTUM_SELFCHECK_H

#include <stdint.h>

struct gate;

#define SELFCHECK_ITEMS 5
#define SELFCHECK_HIGH 12	/* of 20 */
#define SELFCHECK_RISE 3
#define SELFCHECK_TREND 8	/* checks in the trend */

extern const char *const selfcheck_items[SELFCHECK_ITEMS];
extern const char *const selfcheck_answers[5];

int selfcheck_score(const int answers[SELFCHECK_ITEMS]);
int selfcheck_worse(const int *scores, int n);
int selfcheck_record(struct gate *g, const int answers[SELFCHECK_ITEMS],
    int *score, char *err);
int selfcheck_trend(struct gate *g, int scores[SELFCHECK_TREND],
    int64_t at[SELFCHECK_TREND]);

#endif
