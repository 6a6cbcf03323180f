/*
** alert.h: telling the people on duty that monitoring found something.
**
** An alert never carries member content, names or the outside address:
** it says that a possible leak needs review, how many, and links to the
** console's review queue (SANCTUM_CONSOLE_URL).  It goes, once for each
** batch of new findings:
**   - to the console, always: the review queue and the dashboard;
**   - by e-mail to those on call (the rota; everyone on it when no one
**     is on call) who asked for alerts by e-mail, at the address they
**     gave for reminders;
**   - to each webhook, as JSON signed with HMAC-SHA256 (crypto/hook.h),
**     which a chat room's bridge can receive.
** Sending happens outside any transaction; what went is then kept, with
** its audit entry.
*/
#ifndef SANCTUM_ALERT_H
#define SANCTUM_ALERT_H

#include <stdint.h>

struct cli;
struct gate;

#define ALERT_HOOK_TIMEOUT 10	/* seconds for one webhook */

int alert_pending(struct gate *g, char *err);
int alert_hook_add(struct gate *g, const char *url, const char *label,
    int64_t *id, char *err);
int alert_hook_remove(struct gate *g, int64_t id, char *err);
int alert_email_set(struct gate *g, int64_t user, int on, char *err);

int alert_hook_cmd(struct cli *c, int argc, char **argv);
int alert_email_cmd(struct cli *c, int argc, char **argv);
int alert_send_cmd(struct cli *c, int argc, char **argv);

#endif
