/*
** care.h: the SQL behind sustained support: care cases, who holds them
** and their handovers, the member's own choices, and check-ins.  The
** logic is in src/care/.
*/
#ifndef SANCTUM_STORE_CARE_H
#define SANCTUM_STORE_CARE_H

#include <stddef.h>
#include <stdint.h>

struct db;

struct care_prefs {
	int contact;		/* 0: "please don't contact me" */
	char channel[8];	/* in-app, email */
	int every_days;		/* 0: the default plan */
	char lang[8];
	char zone[64];		/* an IANA time zone */
	int hour;		/* of the day, in zone */
	int64_t updated_at;	/* 0: never chosen, the defaults */
	char updated_by[72];
};

struct care_case {
	int64_t id, member_id, member_user, incident_id, supporter_id;
	int64_t opened_at, closed_at, notes_deleted_at;
	int64_t notes_purged_at;	/* by the retention period for notes */
	char pseudonym[72], supporter[72], closed_by[72];
	int has_needs, has_notes;
	int64_t next_due;	/* the next planned check-in, 0 if none */
	int overdue;		/* planned check-ins already past */
};

struct care_checkin {
	int64_t id, case_id, due_at, moved_from, done_at;
	char label[24], status[8], done_by[72];
	int has_note;
};

struct care_handover {
	int64_t at;
	char from[72], to[72], by[72], reason[16];
};

void care_prefs_default(struct care_prefs *p);
int care_prefs_get(struct db *db, int64_t member, struct care_prefs *p);
int care_prefs_set(struct db *db, int64_t member, const struct care_prefs *p,
    int64_t now, const char *by);

int care_case_add(struct db *db, int64_t member, int64_t incident,
    int64_t supporter, int64_t now, int64_t *id);
int care_case_get(struct db *db, int64_t id, struct care_case *c);
int care_case_open_for(struct db *db, int64_t member, int64_t incident,
    int64_t *id);
int care_cases_each(struct db *db, int64_t supporter, int64_t member,
    int closed, int64_t now,
    int (*each)(void *ctx, const struct care_case *c), void *ctx);
int care_case_close(struct db *db, int64_t id, const char *by, int64_t now);
int care_case_hand(struct db *db, int64_t id, int64_t from, int64_t to,
    const char *by, const char *reason, int64_t now);
int care_handovers_each(struct db *db, int64_t id,
    int (*each)(void *ctx, const struct care_handover *h), void *ctx);
int care_case_needs(struct db *db, int64_t id, const void *sealed, size_t n);
int care_case_needs_get(struct db *db, int64_t id, void **sealed, size_t *n);
int care_case_notes(struct db *db, int64_t id, const void *sealed, size_t n);
int care_case_notes_get(struct db *db, int64_t id, void **sealed, size_t *n);
int care_case_forget_notes(struct db *db, int64_t id, int64_t now);

int care_checkin_add(struct db *db, int64_t case_id, int64_t due,
    const char *label);
int care_checkin_get(struct db *db, int64_t id, struct care_checkin *k);
int care_checkins_each(struct db *db, int64_t case_id,
    int (*each)(void *ctx, const struct care_checkin *k), void *ctx);
int care_checkin_due_set(struct db *db, int64_t id, int64_t due, int moved);
int care_checkin_drop(struct db *db, int64_t id);
int care_checkin_finish(struct db *db, int64_t id, const char *status,
    const char *by, int64_t now);
int care_checkin_note(struct db *db, int64_t id, const void *sealed,
    size_t n);
int care_checkin_note_get(struct db *db, int64_t id, void **sealed,
    size_t *n);

struct care_due {
	int64_t checkin_id, case_id, due_at;
	char label[24], pseudonym[72], supporter[72], channel[8];
};
int care_due_each(struct db *db, int64_t at, int64_t supporter,
    int (*each)(void *ctx, const struct care_due *d), void *ctx);

int care_user_may_support(struct db *db, int64_t user, int64_t now);

int care_reminder_put(struct db *db, int64_t user, const void *sealed,
    size_t n);
int care_reminder_on(struct db *db, int64_t user);
int care_reminders_each(struct db *db, int64_t since,
    int (*each)(void *ctx, int64_t user, const char *name,
    const void *sealed, size_t n), void *ctx);
int care_reminder_sent(struct db *db, int64_t user, int64_t now);

struct care_message {
	int64_t id, case_id, checkin_id, member_id, member_user, incident_id;
	int64_t takedown_id;	/* an update on a removal request, or 0 */
	int64_t created_at, sent_at, replied_at;
	char channel[8], lang[8], status[8], error[160];
	int attempts;
	const void *body, *reply;	/* sealed */
	size_t body_n, reply_n;
};

int care_message_add(struct db *db, int64_t case_id, int64_t checkin,
    const char *channel, const char *lang, const char *by, int64_t now,
    int64_t *id);
int care_message_seal(struct db *db, int64_t id, const void *sealed,
    size_t n);
int care_message_about(struct db *db, int64_t id, int64_t takedown,
    const char *status);
int care_update_exists(struct db *db, int64_t case_id, int64_t takedown,
    const char *status);
int care_message_seal_reply(struct db *db, int64_t id, const void *sealed,
    size_t n, int64_t now);
int care_message_sent(struct db *db, int64_t id, const char *status,
    const char *by, const char *error, int64_t now);
int care_messages_each(struct db *db, int64_t case_id, int64_t user,
    int (*each)(void *ctx, const struct care_message *m), void *ctx);
int care_message_get(struct db *db, int64_t id, struct care_message *m);

struct care_therapist {
	int64_t id;
	const char *name, *region, *languages, *contact, *source;
};

struct care_offer {
	int64_t id, case_id, therapist_id, offered_at, spent;
	int sessions, used;
	char status[12], therapist[128];
};

struct care_help {
	int64_t id, case_id, created_at, changed_at;
	char kind[20], outcome[20];
	const void *note;	/* sealed */
	size_t note_n;
};

int care_therapist_add(struct db *db, const struct care_therapist *t,
    const char *by, int64_t now, int64_t *id);
int care_therapists_each(struct db *db,
    int (*each)(void *ctx, const struct care_therapist *t), void *ctx);
int care_therapist_active(struct db *db, int64_t id);
int care_offer_add(struct db *db, int64_t case_id, int64_t therapist,
    int sessions, const char *by, int64_t now, int64_t *id);
int care_offer_get(struct db *db, int64_t id, struct care_offer *o);
int care_offers_each(struct db *db, int64_t case_id,
    int (*each)(void *ctx, const struct care_offer *o), void *ctx);
int care_offer_status(struct db *db, int64_t id, const char *status);
int care_session_add(struct db *db, int64_t offer, int64_t held_on,
    int64_t cost, const char *by, int64_t now);
int64_t care_spent(struct db *db);
int care_help_add(struct db *db, int64_t case_id, const char *kind,
    const char *by, int64_t now, int64_t *id);
int care_help_seal(struct db *db, int64_t id, const void *sealed, size_t n);
int care_help_outcome(struct db *db, int64_t id, const char *outcome,
    int64_t now);
int care_helps_each(struct db *db, int64_t case_id, int64_t id,
    int (*each)(void *ctx, const struct care_help *h), void *ctx);

struct care_incident {
	int64_t id, opened_at;
	int step, messages, requested, removed, announced;
	char status[8];
};

struct care_counts {
	int checkins_done, checkin_notes, messages, answers, offers, helps,
	    help_notes;
};

int care_member_incidents_each(struct db *db, int64_t member,
    int (*each)(void *ctx, const struct care_incident *i), void *ctx);
int care_case_counts(struct db *db, int64_t id, struct care_counts *c);

int care_incidents_by_week(struct db *db, int64_t start, int weeks,
    long *counts);
int care_checkins_by_week(struct db *db, int done, int64_t start, int weeks,
    long *counts);
int care_report_to_contact(struct db *db, int64_t *incident, long *hours,
    int max);

#endif
