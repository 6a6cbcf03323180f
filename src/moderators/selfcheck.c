/*
** selfcheck.c: the private self-check.  See selfcheck.h.
*/
#include "selfcheck.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/gate.h"
#include "../store/db.h"
#include "../store/moderators.h"
#include "../util/util.h"

const char *const selfcheck_items[SELFCHECK_ITEMS] = {
	"What I read came back to me when I did not want it to: in "
	    "thoughts, pictures or dreams.",
	"I felt on edge, irritable or easily startled.",
	"I kept away from moderating, or from things that reminded me of it.",
	"I felt numb, or far from the people around me.",
	"My sleep was worse than usual.",
};

const char *const selfcheck_answers[5] = {
	"not at all", "a little", "sometimes", "often", "very often"
};

/* The score of five answers (each 0 to 4): 0 to 20, or -1. */
int
selfcheck_score(const int answers[SELFCHECK_ITEMS])
{
	int i, sum = 0;

	for (i = 0; i < SELFCHECK_ITEMS; i++) {
		if (answers[i] < 0 || answers[i] > 4)
			return -1;
		sum += answers[i];
	}
	return sum;
}

/* Has the trend of n scores (oldest first) worsened: the last is high, or
** rose by SELFCHECK_RISE or more over the one before?  Returns 1 or 0. */
int
selfcheck_worse(const int *scores, int n)
{
	if (n < 1)
		return 0;
	if (scores[n - 1] >= SELFCHECK_HIGH)
		return 1;
	return n >= 2 && scores[n - 1] - scores[n - 2] >= SELFCHECK_RISE;
}

/* The actor records a self-check.  Returns 0 with *score, or -1 with
** err. */
int
selfcheck_record(struct gate *g, const int answers[SELFCHECK_ITEMS],
    int *score, char *err)
{
	char text[64];
	uint8_t *sealed = NULL;
	size_t n;
	int64_t id;

	if (gate_actor(g)->user_id <= 0) {
		err_set(err, "a self-check is a person's own");
		return -1;
	}
	if ((*score = selfcheck_score(answers)) < 0) {
		err_set(err, "each answer is 0 (not at all) to 4 (very often)");
		return -1;
	}
	snprintf(text, sizeof(text), "%d %d %d %d %d", answers[0], answers[1],
	    answers[2], answers[3], answers[4]);
	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	if (mods_selfcheck_add(gate_db(g), gate_actor(g)->user_id, util_now(),
	    &id) != 0 || (sealed = gate_seal(g, SEALED_SELF_CHECK, id, text,
	    &n)) == NULL || mods_selfcheck_seal(gate_db(g), id, sealed, n) !=
	    0 || gate_audit_unnamed(g, "selfcheck", "", "") != 0 ||
	    gate_commit(g) != 0) {
		free(sealed);
		err_set(err, "cannot save: %s", db_error(gate_db(g)));
		gate_rollback(g);
		return -1;
	}
	free(sealed);
	return 0;
}

struct trend_ctx {
	struct gate *g;
	int n;
	int *scores;
	int64_t *at;
};

static int
one_check(void *ctx, int64_t id, int64_t at, const void *sealed, size_t n)
{
	struct trend_ctx *t = ctx;
	char err[ERR_MAX], *text;
	int a[SELFCHECK_ITEMS];

	if (t->n >= SELFCHECK_TREND)
		return 0;
	text = gate_open_own(t->g, SEALED_SELF_CHECK, id, sealed, n, err);
	if (text == NULL)
		return 0;
	if (sscanf(text, "%d %d %d %d %d", &a[0], &a[1], &a[2], &a[3],
	    &a[4]) == SELFCHECK_ITEMS && selfcheck_score(a) >= 0) {
		t->scores[t->n] = selfcheck_score(a);
		t->at[t->n++] = at;
	}
	gate_wipe(text);
	return 0;
}

/* The actor's last SELFCHECK_TREND scores, oldest first, opened for them
** alone.  Returns how many, or -1. */
int
selfcheck_trend(struct gate *g, int scores[SELFCHECK_TREND],
    int64_t at[SELFCHECK_TREND])
{
	struct trend_ctx t = { g, 0, scores, at };

	if (mods_selfchecks_each(gate_db(g), gate_actor(g)->user_id,
	    SELFCHECK_TREND, one_check, &t) != 0)
		return -1;
	return t.n;
}
