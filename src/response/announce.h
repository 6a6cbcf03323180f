/*
** announce.h: step 5 of the response, telling the community, carefully.
**
** Only after every affected member has been written to (step 2) does the
** community hear of an incident.  An announcement is drafted from a
** template (an acknowledgment, what is being done, the community's
** purpose reaffirmed, support resources), edited by a moderator and
** published only through the guard, which refuses it while it holds a
** member's or anyone's name known here, words of any post of the
** community (read by the leak detector itself), contact data (e-mail
** addresses, phone numbers, street addresses), or details of suicide
** methods or attempts (safe messaging guidelines; triage reads them).
** A draft is sealed; a published announcement is the community's to read,
** on every member's page.
*/
#ifndef SANCTUM_ANNOUNCE_H
#define SANCTUM_ANNOUNCE_H

#include <stdint.h>

struct cli;
struct gate;
struct req;

#define ANNOUNCE_MAX 6000		/* bytes of an announcement */
#define ANNOUNCE_FINDINGS 8

struct announce_guard {
	int n;
	char finding[ANNOUNCE_FINDINGS][160];
};

int announce_guard_check(struct gate *g, const char *text,
    struct announce_guard *out, char *err);
int announce_draft(struct gate *g, int64_t incident, int64_t *id, char *err);
int announce_edit(struct gate *g, int64_t id, const char *text,
    struct announce_guard *guard, char *err);
int announce_publish(struct gate *g, int64_t id, struct announce_guard *guard,
    char *err);

int announce_draft_cmd(struct cli *c, int argc, char **argv);
int announce_publish_cmd(struct cli *c, int argc, char **argv);

#endif
