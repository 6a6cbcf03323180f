/*
** pulse.h: a pulse of the community without surveillance.
**
** Moderators may open a short, optional survey ("how safe does the
** community feel to you this week?"), answered on a scale of 1 to 5.  No
** answer is linked to an account: the store keeps only a count per
** value, and apart from it who has answered (so each person answers
** once), never what they answered.  Results are shown only as aggregates
** and only once at least five people have answered, so no one's answer
** can be worked out from a small total.
*/
#ifndef SANCTUM_HEALING_PULSE_H
#define SANCTUM_HEALING_PULSE_H

#include <stdint.h>

struct cli;
struct gate;
struct req;

#define PULSE_MIN_ANSWERS 5	/* results are hidden below this */
#define PULSE_QUESTION_MAX 200

int healing_pulse_start(struct gate *g, const char *question, int days,
    int64_t *id, char *err);
int healing_pulse_give(struct gate *g, int64_t id, int value, char *err);

int healing_pulse_cmd(struct cli *c, int argc, char **argv);
int healing_results_cmd(struct cli *c, int argc, char **argv);

void pulse_page(struct req *r);
void pulse_answer_post(struct req *r);
void pulse_open_post(struct req *r);

#endif
