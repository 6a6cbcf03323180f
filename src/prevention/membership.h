/*
** membership.h: closed membership.
**
** Nobody walks in: a person applies, with no account, under a pseudonym
** of their choice (any script), optionally with contact details (sealed,
** and opened only by an admin), with answers to the community's questions
** (sealed) and the pledge in force accepted.  They are given a status
** code, shown once, kept only as a keyed hash.  A moderator approves or
** declines with a kind message of their own words; an approval makes the
** member (the contact details move to the member without anyone reading
** them, the pledge acceptance is kept), and the applicant, checking their
** status with the code, gets a one-time activation link (7 days) that
** sets their password.  A declined application keeps no contact details
** and no answers.
**
** The community can take invited people only: then an application needs
** an invitation link, which expires and can be used a set number of times.
** Floods are refused: a few applications an hour from one address, and a
** ceiling for all of them together.  An applicant is told when their name,
** or one that looks like it, is in use (they must choose another); that
** says a name exists here, so names refused so are counted too, from one
** address and from all together, and a visitor cannot try name after
** name.
*/
#ifndef SANCTUM_MEMBERSHIP_H
#define SANCTUM_MEMBERSHIP_H

#include <stdint.h>

#include "../crypto/token.h"

struct cli;
struct db;
struct gate;

#define MEMBERSHIP_QUESTIONS_MAX 8
#define MEMBERSHIP_ANSWER_MAX 4000	/* bytes of one answer */
#define MEMBERSHIP_CONTACT_MAX 400	/* bytes of contact details */
#define MEMBERSHIP_MESSAGE_MAX 2000	/* bytes of a moderator's message */
#define MEMBERSHIP_LINK_DAYS 7		/* an activation link's life */
#define MEMBERSHIP_PER_ADDRESS 3	/* applications an hour from one */
#define MEMBERSHIP_PER_HOUR 60		/* applications an hour, from all */
#define MEMBERSHIP_NAMES_PER_ADDRESS 10	/* names found in use, from one
					   address, in THROTTLE_WINDOW */
#define MEMBERSHIP_TRIES_ALL 120	/* applications and names found in
					   use, from all, in THROTTLE_WINDOW */

enum membership_mode { MEMBERSHIP_OPEN, MEMBERSHIP_INVITED };

/* Why an application was refused (nothing of it is kept). */
enum membership_refusal {
	MEMBERSHIP_OK = 0,
	MEMBERSHIP_INVALID,	/* a field is missing, too long or not text */
	MEMBERSHIP_NAME,	/* the pseudonym is not a usable name */
	MEMBERSHIP_TAKEN,	/* it is taken, or looks like one in use */
	MEMBERSHIP_NO_PLEDGE,	/* the pledge was not accepted */
	MEMBERSHIP_PLEDGE_CHANGED,	/* a new version came meanwhile */
	MEMBERSHIP_NO_INVITATION,	/* invited people only, and none valid */
	MEMBERSHIP_FLOOD,	/* too many applications just now */
	MEMBERSHIP_FAILED	/* the store failed */
};

struct application_form {
	const char *pseudonym;
	const char *contact;		/* or NULL */
	const char *answers[MEMBERSHIP_QUESTIONS_MAX];
	int64_t pledge_version;		/* the version read and accepted, or 0 */
	const char *invitation;		/* an invitation token, or NULL */
	const char *address;		/* the applicant's, for flood limits */
	int64_t *wait;			/* or NULL: set to the seconds until a
					   flood's refusal ends */
};

int membership_mode(struct db *db);
int membership_set_mode(struct gate *g, enum membership_mode m, char *err);
int membership_questions(struct db *db, char **q, int max, char *store,
    size_t cap);
int membership_set_questions(struct gate *g, const char *text, char *err);
enum membership_refusal membership_apply(struct gate *g,
    const struct application_form *f, char code[TOKEN_LEN + 1],
    int64_t *id);
int membership_decide(struct gate *g, int64_t id, int approve,
    const char *message, char *err);

struct membership_status {
	char status[16];	/* pending, approved, declined, activated */
	char pseudonym[72];
	char message[MEMBERSHIP_MESSAGE_MAX + 1];
	char link[TOKEN_LEN + 1];	/* when approved: a fresh link's token */
};

int membership_check(struct gate *g, const char *code,
    struct membership_status *st);
int membership_activate(struct gate *g, const char *token,
    const char *password, char *name, size_t cap, char *err);
int membership_invite(struct gate *g, int days, int uses, const char *note,
    char token[TOKEN_LEN + 1], int64_t *id, char *err);
int membership_valid_invitation(struct gate *g, const char *token);

int membership_mode_cmd(struct cli *c, int argc, char **argv);
int membership_questions_cmd(struct cli *c, int argc, char **argv);
int membership_invite_cmd(struct cli *c, int argc, char **argv);
int membership_list_cmd(struct cli *c, int argc, char **argv);
int membership_approve_cmd(struct cli *c, int argc, char **argv);
int membership_decline_cmd(struct cli *c, int argc, char **argv);

#endif
