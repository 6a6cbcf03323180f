/*
** support.h: support for the moderators themselves: a directory of
** professional support (counselling, helplines, peer support), and
** counselling the community covers for them against a budget admins set.
**
** A covered session is kept as its day and cost, never anything clinical;
** its person records it themself.  They see their own sessions; the
** console shows admins only what the budget has left, never who was in
** counselling; the audit trail keeps that someone on the team recorded
** one, not who.
*/
#ifndef SANCTUM_SUPPORT_H
#define SANCTUM_SUPPORT_H

#include <stdint.h>

struct cli;
struct gate;
struct mod_support_row;

void support_fill(struct mod_support_row *s, const char *name,
    const char *kind, const char *contact, const char *languages,
    const char *note);
int support_add(struct gate *g, const struct mod_support_row *s,
    int64_t *id, char *err);
int support_remove(struct gate *g, int64_t id, char *err);
int support_budget_set(struct gate *g, int64_t amount, const char *currency,
    char *err);
int support_session(struct gate *g, int64_t held_on, int64_t cost,
    char *err);

int support_add_cmd(struct cli *c, int argc, char **argv);
int support_list_cmd(struct cli *c, int argc, char **argv);
int support_remove_cmd(struct cli *c, int argc, char **argv);
int support_budget_cmd(struct cli *c, int argc, char **argv);

#endif
