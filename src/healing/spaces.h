/*
** spaces.h: healing spaces.  After an incident a moderator may open a
** temporary, extra-private group for those who want to talk about it:
** smaller than a support group (8 people at most), facilitated by one
** person who may support others, with its own reminder of the pledge and
** an end date.  Nobody is put in one: the affected members of the
** incident (those who did not ask to be left alone) and anyone a
** moderator names are invited, and each chooses on their own page.  A
** member enters only by accepting, with the pledge in force accepted and
** the space's reminder read.  The facilitator reads the conversation
** through the audited door (their exposure counted) and speaks to the
** space in its note.  When the space ends, what was said in it is erased,
** its fingerprints go, and everyone leaves it; the audit trail keeps that
** it was held.
*/
#ifndef SANCTUM_HEALING_SPACES_H
#define SANCTUM_HEALING_SPACES_H

#include <stdint.h>

struct cli;
struct gate;
struct req;

#define SPACE_MAX_CAPACITY 8
#define SPACE_DEFAULT_CAPACITY 6
#define SPACE_MAX_DAYS 90
#define SPACE_REMINDER_MAX 1000	/* bytes */
#define SPACE_NOTE_MAX 2000	/* bytes */

struct space_new {
	const char *name;
	const char *reminder;	/* NULL or "": the default */
	int capacity;		/* 0: the default */
	int days;		/* how long it is open, 1 to 90 */
	int64_t incident;	/* 0: none; else its affected members are invited */
	int64_t facilitator;	/* a user who may support others */
};

int healing_space_open(struct gate *g, const struct space_new *n,
    int64_t *gid, int *invited, char *err);
int healing_space_invite_member(struct gate *g, int64_t gid, int64_t member,
    char *err);
int healing_space_reply(struct gate *g, int64_t gid, int64_t member,
    int accept, char *err);
int healing_space_set_note(struct gate *g, int64_t gid, const char *note,
    char *err);
int healing_space_close(struct gate *g, int64_t gid, int64_t now,
    char *err);
int healing_spaces_end_due(struct gate *g, int64_t now, int *ended,
    char *err);

int healing_space_cmd(struct cli *c, int argc, char **argv);
int healing_spaces_cmd(struct cli *c, int argc, char **argv);

void spaces_page(struct req *r);
void spaces_open_post(struct req *r);
void space_page(struct req *r);
void space_answer_post(struct req *r);
void space_invite_post(struct req *r);
void space_note_post(struct req *r);
void space_read_post(struct req *r);
void space_end_post(struct req *r);

#endif
