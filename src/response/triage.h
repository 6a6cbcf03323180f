/*
** triage.h: the first step of the response, assessing immediate risk.
**
** Each item of text (a leaked post, a line) is scored on levels aligned
** with the Columbia Suicide Severity Rating Scale: none, a wish to be
** dead, active ideation, with a method, with intent, with a plan, recent
** behaviour or an attempt; and flagged for self-harm, a disclosure of
** abuse, and identifying details (names, places, employers, contact
** data) that make exposure more harmful.  Every score is explained by the
** phrases that set it, with their character spans and the rule.
**
** The rules are English phrases matched on words, with what changes
** their meaning around them: a negation just before ("I'm not going to
** kill myself"), a hypothetical or a story ("what if", "in the movie"),
** the past and recovery ("I used to", "years ago"), quotes and other
** people ("my friend said she wants to die").  Discounted phrases are
** still listed, with the rule that set them aside.  It favours recall: a
** missed crisis is worse than a second look, so a phrase is set aside
** only when one of those markers is plainly there.
*/
#ifndef SANCTUM_TRIAGE_H
#define SANCTUM_TRIAGE_H

#include <stddef.h>
#include <stdint.h>

struct cli;

enum triage_level {
	TRIAGE_NONE, TRIAGE_WISH, TRIAGE_IDEATION, TRIAGE_METHOD,
	TRIAGE_INTENT, TRIAGE_PLAN, TRIAGE_BEHAVIOR
};

#define TRIAGE_REASONS_MAX 32

struct triage_reason {
	int64_t start, end;	/* characters of the item */
	char phrase[96];	/* as written (cut short if long) */
	const char *rule;	/* "ideation", "negated: ideation", ... */
};

struct triage_result {
	enum triage_level level;
	int self_harm, abuse, identifying;
	struct triage_reason reasons[TRIAGE_REASONS_MAX];
	int nreasons;
};

const char *triage_level_name(enum triage_level l);
void triage_text(const char *text, size_t n, struct triage_result *out);
int triage_immediate(const struct triage_result *r);
const char *triage_crisis_actions(void);

int triage_cmd(struct cli *c, int argc, char **argv);

#endif
