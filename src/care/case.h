/*
** case.h: care cases, the sustained support of one affected member.
**
** Every case has one assigned person: someone with the supporter role,
** or a moderator or admin whose training is current.  A case changes
** hands only by an explicit handover that names why (rota, stepping
** back, the member asked), kept with the case; it is never dropped
** silently.  The member's own words about what they need are sealed and
** shown to whoever supports them; the member closes their case when they
** choose, and may then ask for the case notes to be deleted (the audit
** trail keeps that it happened, not what was said).
*/
#ifndef SANCTUM_CARE_CASE_H
#define SANCTUM_CARE_CASE_H

#include <stdint.h>

struct care_help;
struct care_message;
struct care_offer;
struct cli;
struct db;
struct gate;
struct json_t;

int care_open(struct gate *g, int64_t member, int64_t supporter,
    int64_t incident, int64_t *id, char *err);
int care_hand(struct gate *g, int64_t id, int64_t to, const char *reason,
    char *err);
int care_close(struct gate *g, int64_t id, int by_member, char *err);
int care_forget(struct gate *g, int64_t id, int by_member, char *err);
int care_set_needs(struct gate *g, int64_t id, const char *text, char *err);
int care_set_notes(struct gate *g, int64_t id, const char *text, char *err);
struct json_t *care_case_json(struct db *db, int64_t id);
struct json_t *care_message_json(const struct care_message *m);
struct json_t *care_offer_json(const struct care_offer *o);
struct json_t *care_help_json(const struct care_help *h);

int care_open_cmd(struct cli *c, int argc, char **argv);
int care_show_cmd(struct cli *c, int argc, char **argv);
int care_list_cmd(struct cli *c, int argc, char **argv);
int care_hand_cmd(struct cli *c, int argc, char **argv);
int care_close_cmd(struct cli *c, int argc, char **argv);

#endif
