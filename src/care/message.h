/*
** message.h: a check-in's message to the member.
**
** Drafted from a template in the member's language (English, French and
** Spanish ship), warm and without pressure: how are you, you need not
** answer, you decide how this goes, and the support resources.  Whoever
** holds the case edits it; the outreach lint refuses words that blame or
** minimise, a message without a support resource, and, for a case that
** follows an incident, any run of the leaked posts' words.  It goes the
** way the member chose (in the app, or by e-mail over SMTP), never to a
** member who asked not to be contacted; sent, its check-in is done.  The
** member's answer is sealed for the person supporting them.  When a
** removal request's status changes, an update in the same languages is
** drafted the same way, for review, once per status.
*/
#ifndef SANCTUM_CARE_MESSAGE_H
#define SANCTUM_CARE_MESSAGE_H

#include <stdint.h>

struct cli;
struct gate;
struct outreach_lint;

int care_message_draft(struct gate *g, int64_t checkin, const char *country,
    int64_t *id, char *err);
int care_update_draft(struct gate *g, int64_t case_id, int64_t takedown,
    int64_t *id, char *err);
int care_message_edit(struct gate *g, int64_t id, const char *body,
    struct outreach_lint *lint, char *err);
int care_message_send(struct gate *g, int64_t id, struct outreach_lint *lint,
    char *err);
int care_message_reply(struct gate *g, int64_t id, const char *text,
    char *err);

int care_draft_cmd(struct cli *c, int argc, char **argv);
int care_send_cmd(struct cli *c, int argc, char **argv);
int care_update_cmd(struct cli *c, int argc, char **argv);

#endif
