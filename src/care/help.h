/*
** help.h: counselling the community covers, and practical help.
**
** A directory of therapists who work in a trauma-informed way (only such
** are listed); offers of a number of covered sessions to a member in
** care, which they accept or decline; and each session covered, with its
** cost, recorded against the budget the admins set.  No clinical detail
** is kept, and a session that would go past the budget is refused.
** Practical help (with an employer, a school, a platform's appeal) is
** kept as a sealed note with a plain outcome.
*/
#ifndef SANCTUM_CARE_HELP_H
#define SANCTUM_CARE_HELP_H

#include <stddef.h>
#include <stdint.h>

struct cli;
struct db;
struct gate;

struct care_budget {
	int64_t budget, spent;	/* minor units (cents); budget 0: none set */
	char currency[4];
};

int care_budget_get(struct db *db, struct care_budget *b);
int care_budget_set(struct gate *g, int64_t amount, const char *currency,
    char *err);
int care_parse_money(const char *s, int64_t *minor);
void care_format_money(int64_t minor, const char *currency, char *out,
    size_t cap);
int care_offer(struct gate *g, int64_t case_id, int64_t therapist,
    int sessions, int64_t *id, char *err);
int care_offer_mark(struct gate *g, int64_t offer, const char *status,
    char *err);
int care_session(struct gate *g, int64_t offer, int64_t held_on,
    int64_t cost, char *err);
int care_help(struct gate *g, int64_t case_id, const char *kind,
    const char *note, int64_t *id, char *err);
int care_help_mark(struct gate *g, int64_t id, const char *outcome,
    char *err);

int care_therapist_cmd(struct cli *c, int argc, char **argv);
int care_therapists_cmd(struct cli *c, int argc, char **argv);
int care_budget_cmd(struct cli *c, int argc, char **argv);
int care_offer_cmd(struct cli *c, int argc, char **argv);
int care_session_cmd(struct cli *c, int argc, char **argv);
int care_help_cmd(struct cli *c, int argc, char **argv);

#endif
