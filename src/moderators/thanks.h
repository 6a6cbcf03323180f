/*
** thanks.h: recognition.  Members, moderators and admins thank a
** moderator or supporter by name, or the whole team; they may sign it or
** choose not to say who they are.  The words are sealed for whoever they
** are for (the whole team's, for its staff) and reach them on their own
** page.  Each person also sees a summary of what they contributed, read
** from the audit trail's record of their own actions.
*/
#ifndef SANCTUM_THANKS_H
#define SANCTUM_THANKS_H

#include <stdint.h>

struct db;
struct gate;
struct json_t;

#define THANKS_MAX 1000		/* bytes of a message */
#define THANKS_SHOWN 20		/* the newest shown */
#define CONTRIB_DAYS 90

int thanks_send(struct gate *g, const char *to, const char *message,
    int anonymous, char *err);
struct json_t *thanks_own_json(struct gate *g);
struct json_t *contributions_json(struct db *db, int64_t user, int64_t now);
const char *contribution_words(const char *action);

#endif
