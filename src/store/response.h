/*
** response.h: the SQL behind incidents (the five-step response: their
** leaked posts with the program's triage, affected members, locations,
** who could see).  The logic is in src/response/; care cases are in
** care.h.
*/
#ifndef SANCTUM_RESPONSE_H
#define SANCTUM_RESPONSE_H

#include <stddef.h>
#include <stdint.h>

struct db;

struct incident_row {
	int64_t id, opened_at, assessed_at, closed_at;
	int64_t purged_at;		/* 0, or when retention purged it */
	char opened_by[72], source[8], status[8], risk[12], assessed_by[72];
	int step;			/* 1 to 5, the protocol's step */
	int nposts, nmembers, nlocations;
	int top_rank;			/* the highest level of its posts */
	int has_note;			/* the assessment has a sealed note */
};

struct incident_post {
	int64_t post_id, member_id, created_at;
	char author[72], group[72];
	int anonymous;
	char level[12], flags[48];
	int rank;			/* 0 none ... 6 behavior */
};

struct incident_member {
	int64_t member_id;
	char pseudonym[72], why[8], flags[160];
	int top_rank, nposts;
	int mention, copyright, see;	/* -1 not answered, 0 no, 1 yes */
};

struct leak_row {
	int64_t id, found_at;
	int64_t purged_at;		/* 0, or when retention emptied it */
	char platform[72], added_by[72], takedown[16];
	const void *location;		/* sealed; valid during the call */
	size_t location_n;
};

struct outreach_row {
	int64_t id, incident_id, member_id, user_id, sent_at, replied_at;
	char pseudonym[72], channel[8], lang[8], status[8], error[160];
	int attempts, has_contact;
	const void *body, *reply;	/* sealed; valid during the call */
	size_t body_n, reply_n;
};

struct takedown_row {
	int64_t id, leak_id, incident_id, created_at, changed_at, check_at;
	char kind[12], names[72], send_to[256], status[12], platform[72];
	const void *request;		/* sealed; valid during the call */
	size_t request_n;
};

struct announcement_row {
	int64_t id, incident_id, created_at, published_at;
	char status[12];
	const void *draft;		/* sealed; valid during the call */
	size_t draft_n;
	const char *body;		/* published words, or NULL */
};

struct report_row {
	int64_t id, received_at, incident_id;
	int64_t purged_at;		/* 0, or when retention emptied it */
	char reporter[72], status[12], platform[72], note[160];
	int trusted, matches, screenshot, marks;
	const void *body;		/* sealed; valid during the call */
	size_t body_n;
};

struct connect_row {
	int64_t id, incident_id, outreach_id, asked_at, due_at, done_at;
	char pseudonym[72], assigned_to[72];
};

struct resource_row {
	int64_t id;
	const char *country, *kind, *name, *contact, *hours, *source, *lang;
};

int response_incident_add(struct db *db, int64_t opened_by,
    const char *source, const char *risk, int64_t now, int64_t *id);
int response_incident_get(struct db *db, int64_t id, struct incident_row *r);
int response_incident_each(struct db *db,
    int (*each)(void *ctx, const struct incident_row *r), void *ctx);
int response_incident_post_triage(struct db *db, int64_t incident_id,
    int64_t post_id, const char *level, const char *flags, int64_t now);
int response_incident_posts_each(struct db *db, int64_t incident_id,
    int (*each)(void *ctx, const struct incident_post *p), void *ctx);
int response_incident_member_add(struct db *db, int64_t incident_id,
    int64_t member_id, const char *why, int64_t now);
int response_incident_author_add(struct db *db, int64_t incident_id,
    int64_t post_id, int64_t now);
int response_incident_members_each(struct db *db, int64_t incident_id,
    int (*each)(void *ctx, const struct incident_member *m), void *ctx);
int response_incident_could_see_each(struct db *db, int64_t incident_id,
    int (*each)(void *ctx, int64_t member_id, const char *pseudonym),
    void *ctx);
int response_incident_assess(struct db *db, int64_t id, const char *risk,
    const char *by, int64_t now);
int response_incident_seal_assessment(struct db *db, int64_t id,
    const void *note, size_t n);
int response_incident_assessment(struct db *db, int64_t id, void **out,
    size_t *n);
int response_leak_add(struct db *db, int64_t incident_id,
    const char *platform, const char *by, int64_t now, int64_t *id);
int response_leak_seal_location(struct db *db, int64_t id, const void *loc,
    size_t n);
int response_leaks_each(struct db *db, int64_t incident_id,
    int (*each)(void *ctx, const struct leak_row *l), void *ctx);
int response_incident_step(struct db *db, int64_t id, int step);
int response_incident_close(struct db *db, int64_t id, int64_t now);
int response_incident_waiting_connects(struct db *db, int64_t id);
int response_outreach_add(struct db *db, int64_t incident_id,
    int64_t member_id, const char *lang, const char *by, int64_t now,
    int64_t *id);
int response_outreach_seal(struct db *db, int64_t id, const void *body,
    size_t n, const char *channel);
int response_outreach_sent(struct db *db, int64_t id, const char *status,
    const char *by, const char *error, int64_t now);
int response_outreach_seal_reply(struct db *db, int64_t id,
    const void *reply, size_t n, int64_t now);
int response_outreach_each(struct db *db, int64_t incident_id,
    int (*each)(void *ctx, const struct outreach_row *o), void *ctx);
int response_outreach_one(struct db *db, int64_t id, int64_t user,
    int (*each)(void *ctx, const struct outreach_row *o), void *ctx);
int64_t response_outreach_user(struct db *db, int64_t id);
int64_t response_outreach_unsent(struct db *db, int64_t incident_id);
int response_resource_add(struct db *db, const struct resource_row *r,
    const char *by);
int response_resource_remove(struct db *db, int64_t id);
int response_resources_each(struct db *db, const char *country,
    int (*each)(void *ctx, const struct resource_row *r), void *ctx);
int64_t response_resource_count(struct db *db);
int response_consent_set(struct db *db, int64_t incident_id,
    int64_t member_id, int mention, int copyright, int see, int64_t now);
int response_consent_get(struct db *db, int64_t incident_id,
    int64_t member_id, int *mention, int *copyright, int *see);
int response_takedown_add(struct db *db, int64_t leak_id, const char *kind,
    int64_t member_id, const char *send_to, const char *by, int64_t now,
    int64_t *id);
int response_takedown_seal(struct db *db, int64_t id, const void *text,
    size_t n);
int response_takedown_status(struct db *db, int64_t id, const char *status,
    int64_t check_at, int64_t now);
int response_takedowns_each(struct db *db, int64_t incident_id,
    int64_t leak_id, int (*each)(void *ctx, const struct takedown_row *t),
    void *ctx);
int response_leak_get(struct db *db, int64_t id, int64_t *incident,
    void **out, size_t *n);
int response_report_add(struct db *db, int64_t reporter, int trusted,
    const void *code_hash, size_t hn, const char *platform, int matches,
    int screenshot, const char *note, int64_t now, int64_t *id);
int response_report_seal(struct db *db, int64_t id, const void *body,
    size_t n);
int response_report_found(struct db *db, int64_t id, int64_t post,
    int64_t user);
int response_connect_add(struct db *db, int64_t outreach_id, int64_t now,
    int hours, int64_t *id);
int response_connect_done(struct db *db, int64_t id, const char *by,
    int64_t now);
int response_connects_each(struct db *db, int64_t incident_id, int64_t id,
    int (*each)(void *ctx, const struct connect_row *c), void *ctx);
int response_report_review(struct db *db, int64_t id);
int response_report_status(struct db *db, int64_t id, const char *status,
    int64_t incident);
int response_reports_each(struct db *db, int64_t id,
    int (*each)(void *ctx, const struct report_row *r), void *ctx);
int response_report_by_code(struct db *db, const void *hash, size_t n,
    char *status, size_t cap);
int response_report_posts(struct db *db, int64_t id, int64_t *posts,
    int max);
int response_trusted_set(struct db *db, int64_t member, int on,
    const char *by, int64_t now);
int response_trusted_user(struct db *db, int64_t user, int64_t *member);
int response_announcement_add(struct db *db, int64_t incident_id,
    const char *by, int64_t now, int64_t *id);
int response_announcement_seal(struct db *db, int64_t id, const void *draft,
    size_t n);
int response_announcement_publish(struct db *db, int64_t id,
    const char *body, const char *by, int64_t now);
int response_announcements_each(struct db *db, int64_t incident_id,
    int64_t id, int (*each)(void *ctx, const struct announcement_row *a),
    void *ctx);
int response_incident_seal(struct db *db, int64_t id, const void *summary,
    size_t n);
int response_incident_post(struct db *db, int64_t incident_id,
    int64_t post_id);

int response_exposure_add(struct db *db, int64_t user_id, const char *kind,
    int weight, int64_t now);

#endif
