/*
** care.c: the SQL behind sustained support.  See care.h.
*/
#include "care.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db.h"
#include "prevention.h"

static void
copy_col(struct stmt *q, int col, char *out, size_t cap)
{
	const char *t = db_col_text(q, col);

	snprintf(out, cap, "%s", t ? t : "");
}

/* The choices of a member who has made none. */
void
care_prefs_default(struct care_prefs *p)
{
	memset(p, 0, sizeof(*p));
	p->contact = 1;
	snprintf(p->channel, sizeof(p->channel), "in-app");
	snprintf(p->lang, sizeof(p->lang), "en");
	snprintf(p->zone, sizeof(p->zone), "UTC");
	p->hour = 10;
}

/* A member's choices into *p (the defaults when they made none).
** Returns 1 (chosen), 0 (the defaults) or -1. */
int
care_prefs_get(struct db *db, int64_t member, struct care_prefs *p)
{
	struct stmt q;
	int rc;

	care_prefs_default(p);
	if (db_prepare(db, &q, "SELECT contact, channel, coalesce(every_days, "
	    "0), lang, zone, hour, updated_at, updated_by FROM care_prefs "
	    "WHERE member_id = :m") != 0)
		return -1;
	db_bind_int(&q, ":m", member);
	if ((rc = db_step(&q)) == DB_ROW) {
		p->contact = (int)db_col_int(&q, 0);
		copy_col(&q, 1, p->channel, sizeof(p->channel));
		p->every_days = (int)db_col_int(&q, 2);
		copy_col(&q, 3, p->lang, sizeof(p->lang));
		copy_col(&q, 4, p->zone, sizeof(p->zone));
		p->hour = (int)db_col_int(&q, 5);
		p->updated_at = db_col_int(&q, 6);
		copy_col(&q, 7, p->updated_by, sizeof(p->updated_by));
	}
	db_finalize(&q);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

/* Keep a member's choices.  Returns 0 or -1. */
int
care_prefs_set(struct db *db, int64_t member, const struct care_prefs *p,
    int64_t now, const char *by)
{
	struct stmt q;

	if (db_prepare(db, &q, "INSERT INTO care_prefs(member_id, contact, "
	    "channel, every_days, lang, zone, hour, updated_at, updated_by) "
	    "VALUES (:m, :c, :ch, nullif(:e, 0), :l, :z, :h, :now, :by) "
	    "ON CONFLICT (member_id) DO UPDATE SET contact = excluded.contact, "
	    "channel = excluded.channel, every_days = excluded.every_days, "
	    "lang = excluded.lang, zone = excluded.zone, hour = excluded.hour, "
	    "updated_at = excluded.updated_at, updated_by = excluded.updated_by")
	    != 0)
		return -1;
	db_bind_int(&q, ":m", member);
	db_bind_int(&q, ":c", p->contact);
	db_bind_text(&q, ":ch", p->channel);
	db_bind_int(&q, ":e", p->every_days);
	db_bind_text(&q, ":l", p->lang);
	db_bind_text(&q, ":z", p->zone);
	db_bind_int(&q, ":h", p->hour);
	db_bind_int(&q, ":now", now);
	db_bind_text(&q, ":by", by);
	return db_step_done(&q);
}

/* Open a care case (supporter 0: nobody yet).  Returns 0 and sets *id. */
int
care_case_add(struct db *db, int64_t member, int64_t incident,
    int64_t supporter, int64_t now, int64_t *id)
{
	struct stmt q;

	if (db_prepare(db, &q, "INSERT INTO care_cases(member_id, incident_id, "
	    "supporter_id, opened_at) VALUES (:m, nullif(:i, 0), "
	    "nullif(:s, 0), :now)") != 0)
		return -1;
	db_bind_int(&q, ":m", member);
	db_bind_int(&q, ":i", incident);
	db_bind_int(&q, ":s", supporter);
	db_bind_int(&q, ":now", now);
	if (db_step_done(&q) != 0)
		return -1;
	*id = db_last_id(db);
	return 0;
}

static void
case_row(struct stmt *q, struct care_case *c)
{
	memset(c, 0, sizeof(*c));
	c->id = db_col_int(q, 0);
	c->member_id = db_col_int(q, 1);
	c->member_user = db_col_int(q, 2);
	c->incident_id = db_col_int(q, 3);
	c->supporter_id = db_col_int(q, 4);
	c->opened_at = db_col_int(q, 5);
	c->closed_at = db_col_int(q, 6);
	c->notes_deleted_at = db_col_int(q, 7);
	copy_col(q, 8, c->pseudonym, sizeof(c->pseudonym));
	copy_col(q, 9, c->supporter, sizeof(c->supporter));
	copy_col(q, 10, c->closed_by, sizeof(c->closed_by));
	c->has_needs = (int)db_col_int(q, 11);
	c->has_notes = (int)db_col_int(q, 12);
	c->next_due = db_col_int(q, 13);
	c->overdue = (int)db_col_int(q, 14);
	c->notes_purged_at = db_col_int(q, 15);
}

/* One case into *c, with `now` for what is overdue.  Returns DB_ROW,
** DB_DONE (no such case) or -1. */
int
care_case_get(struct db *db, int64_t id, struct care_case *c)
{
	struct stmt q;
	int rc;

	if (db_prepare(db, &q, "SELECT c.id, c.member_id, coalesce(m.user_id, 0), "
	    "coalesce(c.incident_id, 0), coalesce(c.supporter_id, 0), "
	    "c.opened_at, coalesce(c.closed_at, 0), "
	    "coalesce(c.notes_deleted_at, 0), m.pseudonym, "
	    "coalesce(u.name, ''), coalesce(c.closed_by, ''), "
	    "c.needs_sealed IS NOT NULL, c.notes_sealed IS NOT NULL, "
	    "coalesce((SELECT min(f.due_at) FROM followups f WHERE "
	    "f.case_id = c.id AND f.status = 'planned'), 0), (SELECT "
	    "count(*) FROM followups f WHERE f.case_id = c.id AND f.status "
	    "= 'planned' AND f.due_at <= :now), coalesce(c.notes_purged_at, "
	    "0) FROM care_cases c JOIN "
	    "members m ON m.id = c.member_id LEFT JOIN users u ON u.id = "
	    "c.supporter_id WHERE c.id = :id") != 0)
		return -1;
	db_bind_int(&q, ":id", id);
	db_bind_int(&q, ":now", (int64_t)time(NULL));
	if ((rc = db_step(&q)) == DB_ROW)
		case_row(&q, c);
	db_finalize(&q);
	return rc;
}

/* The open case of member about incident (0: about none), if any.
** Returns 1 and sets *id, 0, or -1. */
int
care_case_open_for(struct db *db, int64_t member, int64_t incident,
    int64_t *id)
{
	struct stmt q;
	int rc;

	if (db_prepare(db, &q, "SELECT id FROM care_cases WHERE member_id = :m "
	    "AND coalesce(incident_id, 0) = :i AND closed_at IS NULL") != 0)
		return -1;
	db_bind_int(&q, ":m", member);
	db_bind_int(&q, ":i", incident);
	if ((rc = db_step(&q)) == DB_ROW)
		*id = db_col_int(&q, 0);
	db_finalize(&q);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

/* Cases, open ones first and then the soonest due: of supporter (0: of
** anyone), of member (0: of anyone), with the closed ones too if closed.
** Returns 0 or -1. */
int
care_cases_each(struct db *db, int64_t supporter, int64_t member,
    int closed, int64_t now,
    int (*each)(void *ctx, const struct care_case *c), void *ctx)
{
	struct stmt q;
	struct care_case c;
	int rc;

	if (db_prepare(db, &q, "SELECT c.id, c.member_id, coalesce(m.user_id, 0), "
	    "coalesce(c.incident_id, 0), coalesce(c.supporter_id, 0), "
	    "c.opened_at, coalesce(c.closed_at, 0), "
	    "coalesce(c.notes_deleted_at, 0), m.pseudonym, "
	    "coalesce(u.name, ''), coalesce(c.closed_by, ''), "
	    "c.needs_sealed IS NOT NULL, c.notes_sealed IS NOT NULL, "
	    "coalesce((SELECT min(f.due_at) FROM followups f WHERE "
	    "f.case_id = c.id AND f.status = 'planned'), 0), (SELECT "
	    "count(*) FROM followups f WHERE f.case_id = c.id AND f.status "
	    "= 'planned' AND f.due_at <= :now), coalesce(c.notes_purged_at, "
	    "0) FROM care_cases c JOIN "
	    "members m ON m.id = c.member_id LEFT JOIN users u ON u.id = "
	    "c.supporter_id WHERE (:s = 0 OR "
	    "c.supporter_id = :s) AND (:m = 0 OR c.member_id = :m) AND (:all "
	    "OR c.closed_at IS NULL) ORDER BY c.closed_at IS NOT NULL, "
	    "coalesce((SELECT min(f.due_at) FROM followups f WHERE f.case_id = "
	    "c.id AND f.status = 'planned'), 9e18), c.id LIMIT 1000") != 0)
		return -1;
	db_bind_int(&q, ":s", supporter);
	db_bind_int(&q, ":m", member);
	db_bind_int(&q, ":all", closed);
	db_bind_int(&q, ":now", now);
	while ((rc = db_step(&q)) == DB_ROW) {
		case_row(&q, &c);
		if (each(ctx, &c) != 0) {
			rc = -1;
			break;
		}
	}
	db_finalize(&q);
	return rc == DB_DONE ? 0 : -1;
}

/* Close an open case; its planned check-ins go.  Returns 1 (closed), 0
** (not open) or -1. */
int
care_case_close(struct db *db, int64_t id, const char *by, int64_t now)
{
	struct stmt q;
	int n;

	if (db_prepare(db, &q, "UPDATE care_cases SET closed_at = :now, "
	    "closed_by = :by WHERE id = :id AND closed_at IS NULL") != 0)
		return -1;
	db_bind_int(&q, ":now", now);
	db_bind_text(&q, ":by", by);
	db_bind_int(&q, ":id", id);
	if (db_step_done(&q) != 0)
		return -1;
	if ((n = db_changes(db)) == 0)
		return 0;
	if (db_prepare(db, &q, "DELETE FROM followups WHERE case_id = :id AND "
	    "status = 'planned'") != 0)
		return -1;
	db_bind_int(&q, ":id", id);
	return db_step_done(&q) == 0 ? 1 : -1;
}

/* Give a case to user `to`, keeping who had it.  Returns 0 or -1. */
int
care_case_hand(struct db *db, int64_t id, int64_t from, int64_t to,
    const char *by, const char *reason, int64_t now)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE care_cases SET supporter_id = :to "
	    "WHERE id = :id") != 0)
		return -1;
	db_bind_int(&q, ":to", to);
	db_bind_int(&q, ":id", id);
	if (db_step_done(&q) != 0)
		return -1;
	if (db_prepare(db, &q, "INSERT INTO care_handovers(case_id, at, "
	    "from_user, to_user, by_name, reason) VALUES (:id, :now, "
	    "nullif(:from, 0), :to, :by, :why)") != 0)
		return -1;
	db_bind_int(&q, ":id", id);
	db_bind_int(&q, ":now", now);
	db_bind_int(&q, ":from", from);
	db_bind_int(&q, ":to", to);
	db_bind_text(&q, ":by", by);
	db_bind_text(&q, ":why", reason);
	return db_step_done(&q);
}

/* A case's handovers, oldest first.  Returns 0 or -1. */
int
care_handovers_each(struct db *db, int64_t id,
    int (*each)(void *ctx, const struct care_handover *h), void *ctx)
{
	struct stmt q;
	struct care_handover h;
	int rc;

	if (db_prepare(db, &q, "SELECT h.at, coalesce(f.name, ''), t.name, "
	    "h.by_name, h.reason FROM care_handovers h LEFT JOIN users f ON "
	    "f.id = h.from_user JOIN users t ON t.id = h.to_user WHERE "
	    "h.case_id = :id ORDER BY h.id") != 0)
		return -1;
	db_bind_int(&q, ":id", id);
	while ((rc = db_step(&q)) == DB_ROW) {
		h.at = db_col_int(&q, 0);
		copy_col(&q, 1, h.from, sizeof(h.from));
		copy_col(&q, 2, h.to, sizeof(h.to));
		copy_col(&q, 3, h.by, sizeof(h.by));
		copy_col(&q, 4, h.reason, sizeof(h.reason));
		if (each(ctx, &h) != 0) {
			rc = -1;
			break;
		}
	}
	db_finalize(&q);
	return rc == DB_DONE ? 0 : -1;
}

/* Bind a sealed value, or NULL, to :v and id to :id, and run q. */
static int
set_blob(struct stmt *q, int64_t id, const void *p, size_t n)
{
	if (p == NULL)
		db_bind_null(q, ":v");
	else
		db_bind_blob(q, ":v", p, n);
	db_bind_int(q, ":id", id);
	return db_step_done(q);
}

/* Run q for row id and copy its one blob into *out (malloc'd; NULL when
** there is none). */
static int
get_blob(struct stmt *q, int64_t id, void **out, size_t *n)
{
	const void *p;
	int rc;

	*out = NULL;
	*n = 0;
	db_bind_int(q, ":id", id);
	if ((rc = db_step(q)) == DB_ROW && (p = db_col_blob(q, 0, n)) !=
	    NULL && *n > 0) {
		if ((*out = malloc(*n)) == NULL)
			rc = -1;
		else
			memcpy(*out, p, *n);
	}
	db_finalize(q);
	return rc == DB_ROW || rc == DB_DONE ? 0 : -1;
}

/* The member's own words about what they need, sealed (NULL clears). */
int
care_case_needs(struct db *db, int64_t id, const void *sealed, size_t n)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE care_cases SET needs_sealed = :v WHERE "
	    "id = :id") != 0)
		return -1;
	return set_blob(&q, id, sealed, n);
}

/* The sealed words into *sealed (malloc'd; NULL when there are none).
** Returns 0 or -1. */
int
care_case_needs_get(struct db *db, int64_t id, void **sealed, size_t *n)
{
	struct stmt q;

	if (db_prepare(db, &q, "SELECT needs_sealed FROM care_cases WHERE id = "
	    ":id") != 0)
		return -1;
	return get_blob(&q, id, sealed, n);
}

/* The supporter's notes on the case, sealed. */
int
care_case_notes(struct db *db, int64_t id, const void *sealed, size_t n)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE care_cases SET notes_sealed = :v WHERE "
	    "id = :id") != 0)
		return -1;
	return set_blob(&q, id, sealed, n);
}

int
care_case_notes_get(struct db *db, int64_t id, void **sealed, size_t *n)
{
	struct stmt q;

	if (db_prepare(db, &q, "SELECT notes_sealed FROM care_cases WHERE id = "
	    ":id") != 0)
		return -1;
	return get_blob(&q, id, sealed, n);
}

/* Delete a closed case's notes, the check-ins' notes and the member's
** words, keeping when that was done.  Returns 1, 0 (the case is open or
** unknown) or -1. */
int
care_case_forget_notes(struct db *db, int64_t id, int64_t now)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE care_cases SET notes_sealed = NULL, "
	    "needs_sealed = NULL, notes_deleted_at = :now WHERE id = :id AND "
	    "closed_at IS NOT NULL") != 0)
		return -1;
	db_bind_int(&q, ":now", now);
	db_bind_int(&q, ":id", id);
	if (db_step_done(&q) != 0)
		return -1;
	if (db_changes(db) == 0)
		return 0;
	if (db_prepare(db, &q, "UPDATE followups SET notes_sealed = NULL "
	    "WHERE case_id = :id") != 0)
		return -1;
	db_bind_int(&q, ":id", id);
	if (db_step_done(&q) != 0)
		return -1;
	if (db_prepare(db, &q, "UPDATE care_help SET note_sealed = NULL WHERE "
	    "case_id = :id") != 0)
		return -1;
	db_bind_int(&q, ":id", id);
	return db_step_done(&q) == 0 ? 1 : -1;
}

/* Plan a check-in.  Returns 0 or -1. */
int
care_checkin_add(struct db *db, int64_t case_id, int64_t due,
    const char *label)
{
	struct stmt q;

	if (db_prepare(db, &q, "INSERT INTO followups(case_id, due_at, label) "
	    "VALUES (:c, :due, :l)") != 0)
		return -1;
	db_bind_int(&q, ":c", case_id);
	db_bind_int(&q, ":due", due);
	db_bind_text(&q, ":l", label);
	return db_step_done(&q);
}

static void
checkin_row(struct stmt *q, struct care_checkin *k)
{
	memset(k, 0, sizeof(*k));
	k->id = db_col_int(q, 0);
	k->case_id = db_col_int(q, 1);
	k->due_at = db_col_int(q, 2);
	k->moved_from = db_col_int(q, 3);
	k->done_at = db_col_int(q, 4);
	copy_col(q, 5, k->label, sizeof(k->label));
	copy_col(q, 6, k->status, sizeof(k->status));
	copy_col(q, 7, k->done_by, sizeof(k->done_by));
	k->has_note = (int)db_col_int(q, 8);
}

/* One check-in.  Returns DB_ROW, DB_DONE or -1. */
int
care_checkin_get(struct db *db, int64_t id, struct care_checkin *k)
{
	struct stmt q;
	int rc;

	if (db_prepare(db, &q, "SELECT id, case_id, due_at, coalesce(moved_from, 0), "
	    "coalesce(done_at, 0), label, status, coalesce(done_by, ''), "
	    "notes_sealed IS NOT NULL FROM followups WHERE id = :id") != 0)
		return -1;
	db_bind_int(&q, ":id", id);
	if ((rc = db_step(&q)) == DB_ROW)
		checkin_row(&q, k);
	db_finalize(&q);
	return rc;
}

/* A case's check-ins by when they are (or were) due.  Returns 0 or -1. */
int
care_checkins_each(struct db *db, int64_t case_id,
    int (*each)(void *ctx, const struct care_checkin *k), void *ctx)
{
	struct stmt q;
	struct care_checkin k;
	int rc;

	if (db_prepare(db, &q, "SELECT id, case_id, due_at, coalesce(moved_from, 0), "
	    "coalesce(done_at, 0), label, status, coalesce(done_by, ''), "
	    "notes_sealed IS NOT NULL FROM followups WHERE case_id = :c "
	    "ORDER BY due_at, id") != 0)
		return -1;
	db_bind_int(&q, ":c", case_id);
	while ((rc = db_step(&q)) == DB_ROW) {
		checkin_row(&q, &k);
		if (each(ctx, &k) != 0) {
			rc = -1;
			break;
		}
	}
	db_finalize(&q);
	return rc == DB_DONE ? 0 : -1;
}

/* Set a planned check-in's time; moved keeps when it was first due. */
int
care_checkin_due_set(struct db *db, int64_t id, int64_t due, int moved)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE followups SET moved_from = CASE WHEN "
	    ":moved THEN coalesce(moved_from, due_at) ELSE moved_from END, "
	    "due_at = :due WHERE id = :id AND status = 'planned'") != 0)
		return -1;
	db_bind_int(&q, ":moved", moved);
	db_bind_int(&q, ":due", due);
	db_bind_int(&q, ":id", id);
	return db_step_done(&q);
}

/* Take a planned check-in out of the plan. */
int
care_checkin_drop(struct db *db, int64_t id)
{
	struct stmt q;

	if (db_prepare(db, &q, "DELETE FROM followups WHERE id = :id AND "
	    "status = 'planned'") != 0)
		return -1;
	db_bind_int(&q, ":id", id);
	return db_step_done(&q);
}

/* Mark a planned check-in done or skipped.  Returns 1, 0 (it is not
** planned) or -1. */
int
care_checkin_finish(struct db *db, int64_t id, const char *status,
    const char *by, int64_t now)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE followups SET status = :st, done_at = "
	    ":now, done_by = :by WHERE id = :id AND status = 'planned'") != 0)
		return -1;
	db_bind_text(&q, ":st", status);
	db_bind_int(&q, ":now", now);
	db_bind_text(&q, ":by", by);
	db_bind_int(&q, ":id", id);
	if (db_step_done(&q) != 0)
		return -1;
	return db_changes(db) > 0;
}

/* A check-in's note, sealed. */
int
care_checkin_note(struct db *db, int64_t id, const void *sealed, size_t n)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE followups SET notes_sealed = :v WHERE "
	    "id = :id") != 0)
		return -1;
	return set_blob(&q, id, sealed, n);
}

/* A check-in's sealed note into *sealed (malloc'd; NULL when none). */
int
care_checkin_note_get(struct db *db, int64_t id, void **sealed, size_t *n)
{
	struct stmt q;

	if (db_prepare(db, &q, "SELECT notes_sealed FROM followups WHERE id = "
	    ":id") != 0)
		return -1;
	return get_blob(&q, id, sealed, n);
}

/* Planned check-ins due at `at` or before, of open cases of supporter (0:
** anyone's), never of a member who asked not to be contacted; the most
** overdue first.  Returns 0 or -1. */
int
care_due_each(struct db *db, int64_t at, int64_t supporter,
    int (*each)(void *ctx, const struct care_due *d), void *ctx)
{
	struct stmt q;
	struct care_due d;
	int rc;

	if (db_prepare(db, &q, "SELECT f.id, f.case_id, f.due_at, f.label, "
	    "m.pseudonym, coalesce(u.name, ''), coalesce(p.channel, 'in-app') "
	    "FROM followups f JOIN care_cases c ON c.id = f.case_id JOIN "
	    "members m ON m.id = c.member_id LEFT JOIN users u ON u.id = "
	    "c.supporter_id LEFT JOIN care_prefs p ON p.member_id = "
	    "c.member_id WHERE f.status = 'planned' AND f.due_at <= :at AND "
	    "c.closed_at IS NULL AND coalesce(p.contact, 1) = 1 AND (:s = 0 OR "
	    "c.supporter_id = :s) ORDER BY f.due_at, f.id LIMIT 1000") != 0)
		return -1;
	db_bind_int(&q, ":at", at);
	db_bind_int(&q, ":s", supporter);
	while ((rc = db_step(&q)) == DB_ROW) {
		memset(&d, 0, sizeof(d));
		d.checkin_id = db_col_int(&q, 0);
		d.case_id = db_col_int(&q, 1);
		d.due_at = db_col_int(&q, 2);
		copy_col(&q, 3, d.label, sizeof(d.label));
		copy_col(&q, 4, d.pseudonym, sizeof(d.pseudonym));
		copy_col(&q, 5, d.supporter, sizeof(d.supporter));
		copy_col(&q, 6, d.channel, sizeof(d.channel));
		if (each(ctx, &d) != 0) {
			rc = -1;
			break;
		}
	}
	db_finalize(&q);
	return rc == DB_DONE ? 0 : -1;
}

/* May user hold care cases: a supporter, or a moderator or admin whose
** every training is current at now?  Returns 1, 0 or -1. */
int
care_user_may_support(struct db *db, int64_t user, int64_t now)
{
	struct stmt q;
	char role[16] = "";
	int rc;

	if (db_prepare(db, &q, "SELECT role FROM users WHERE id = :u AND "
	    "disabled = 0") != 0)
		return -1;
	db_bind_int(&q, ":u", user);
	if ((rc = db_step(&q)) == DB_ROW)
		copy_col(&q, 0, role, sizeof(role));
	db_finalize(&q);
	if (rc != DB_ROW && rc != DB_DONE)
		return -1;
	if (strcmp(role, "supporter") == 0)
		return 1;
	if (strcmp(role, "moderator") != 0 && strcmp(role, "admin") != 0)
		return 0;
	return prevention_training_current(db, user, now);
}

/* A check-in message drafted for case_id (checkin 0: none).  Returns 0
** and sets *id. */
int
care_message_add(struct db *db, int64_t case_id, int64_t checkin,
    const char *channel, const char *lang, const char *by, int64_t now,
    int64_t *id)
{
	struct stmt q;

	if (db_prepare(db, &q, "INSERT INTO care_messages(case_id, checkin_id, "
	    "channel, lang, created_at, created_by) VALUES (:c, nullif(:k, 0), "
	    ":ch, :l, :now, :by)") != 0)
		return -1;
	db_bind_int(&q, ":c", case_id);
	db_bind_int(&q, ":k", checkin);
	db_bind_text(&q, ":ch", channel);
	db_bind_text(&q, ":l", lang);
	db_bind_int(&q, ":now", now);
	db_bind_text(&q, ":by", by);
	if (db_step_done(&q) != 0)
		return -1;
	*id = db_last_id(db);
	return 0;
}

/* Mark message id as the update on a removal request's status. */
int
care_message_about(struct db *db, int64_t id, int64_t takedown,
    const char *status)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE care_messages SET takedown_id = :t, "
	    "takedown_status = :s WHERE id = :id") != 0)
		return -1;
	db_bind_int(&q, ":t", takedown);
	db_bind_text(&q, ":s", status);
	db_bind_int(&q, ":id", id);
	return db_step_done(&q);
}

/* Has case_id an update drafted on takedown at status?  Returns 1, 0 or
** -1. */
int
care_update_exists(struct db *db, int64_t case_id, int64_t takedown,
    const char *status)
{
	struct stmt q;
	int rc;

	if (db_prepare(db, &q, "SELECT 1 FROM care_messages WHERE case_id = :c "
	    "AND takedown_id = :t AND takedown_status = :s") != 0)
		return -1;
	db_bind_int(&q, ":c", case_id);
	db_bind_int(&q, ":t", takedown);
	db_bind_text(&q, ":s", status);
	rc = db_step(&q);
	db_finalize(&q);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

/* A message's sealed words. */
int
care_message_seal(struct db *db, int64_t id, const void *sealed, size_t n)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE care_messages SET body_sealed = :v WHERE "
	    "id = :id AND status != 'sent'") != 0)
		return -1;
	return set_blob(&q, id, sealed, n);
}

/* The member's sealed answer. */
int
care_message_seal_reply(struct db *db, int64_t id, const void *sealed,
    size_t n, int64_t now)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE care_messages SET reply_sealed = :v, "
	    "replied_at = :now WHERE id = :id AND status = 'sent'") != 0)
		return -1;
	db_bind_int(&q, ":now", now);
	return set_blob(&q, id, sealed, n);
}

/* What came of sending: status sent or failed, by whom, the reason. */
int
care_message_sent(struct db *db, int64_t id, const char *status,
    const char *by, const char *error, int64_t now)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE care_messages SET status = :st, sent_at "
	    "= CASE WHEN :st = 'sent' THEN :now ELSE sent_at END, sent_by = "
	    ":by, error = :e, attempts = attempts + 1 WHERE id = :id") != 0)
		return -1;
	db_bind_text(&q, ":st", status);
	db_bind_int(&q, ":now", now);
	db_bind_text(&q, ":by", by);
	db_bind_text(&q, ":e", error);
	db_bind_int(&q, ":id", id);
	return db_step_done(&q);
}

/* Messages of a case (case_id), or the sent ones to the member whose
** account is user (case_id 0), oldest first; the sealed words are valid
** during the call.  Returns 0 or -1. */
int
care_messages_each(struct db *db, int64_t case_id, int64_t user,
    int (*each)(void *ctx, const struct care_message *m), void *ctx)
{
	struct stmt q;
	struct care_message m;
	int rc;

	if (db_prepare(db, &q, "SELECT g.id, g.case_id, "
	    "coalesce(g.checkin_id, 0), g.channel, g.lang, g.status, "
	    "g.created_at, coalesce(g.sent_at, 0), g.attempts, g.error, "
	    "coalesce(g.replied_at, 0), g.body_sealed, g.reply_sealed, "
	    "c.member_id, coalesce(c.incident_id, 0), coalesce(m.user_id, 0), "
	    "coalesce(g.takedown_id, 0) FROM care_messages g JOIN care_cases c "
	    "ON c.id = g.case_id JOIN members m ON m.id = c.member_id WHERE "
	    "(:c != 0 AND g.case_id = "
	    ":c) OR (:c = 0 AND m.user_id = :u AND g.status = 'sent') ORDER "
	    "BY g.id") != 0)
		return -1;
	db_bind_int(&q, ":c", case_id);
	db_bind_int(&q, ":u", user);
	while ((rc = db_step(&q)) == DB_ROW) {
		memset(&m, 0, sizeof(m));
		m.id = db_col_int(&q, 0);
		m.case_id = db_col_int(&q, 1);
		m.checkin_id = db_col_int(&q, 2);
		copy_col(&q, 3, m.channel, sizeof(m.channel));
		copy_col(&q, 4, m.lang, sizeof(m.lang));
		copy_col(&q, 5, m.status, sizeof(m.status));
		m.created_at = db_col_int(&q, 6);
		m.sent_at = db_col_int(&q, 7);
		m.attempts = (int)db_col_int(&q, 8);
		copy_col(&q, 9, m.error, sizeof(m.error));
		m.replied_at = db_col_int(&q, 10);
		m.body = db_col_blob(&q, 11, &m.body_n);
		m.reply = db_col_blob(&q, 12, &m.reply_n);
		m.member_id = db_col_int(&q, 13);
		m.incident_id = db_col_int(&q, 14);
		m.member_user = db_col_int(&q, 15);
		m.takedown_id = db_col_int(&q, 16);
		if (each(ctx, &m) != 0) {
			rc = -1;
			break;
		}
	}
	db_finalize(&q);
	return rc == DB_DONE ? 0 : -1;
}

/* One message into *m, its sealed words copied (free m->body).  Returns
** DB_ROW, DB_DONE or -1. */
int
care_message_get(struct db *db, int64_t id, struct care_message *m)
{
	struct stmt q;
	const void *p;
	int rc;

	memset(m, 0, sizeof(*m));
	if (db_prepare(db, &q, "SELECT g.id, g.case_id, "
	    "coalesce(g.checkin_id, 0), g.channel, g.lang, g.status, "
	    "g.created_at, coalesce(g.sent_at, 0), g.attempts, g.error, "
	    "coalesce(g.replied_at, 0), g.body_sealed, c.member_id, "
	    "coalesce(c.incident_id, 0), coalesce(m.user_id, 0), "
	    "coalesce(g.takedown_id, 0) FROM care_messages g JOIN care_cases c "
	    "ON c.id = g.case_id JOIN members m ON m.id = c.member_id WHERE "
	    "g.id = :id") != 0)
		return -1;
	db_bind_int(&q, ":id", id);
	if ((rc = db_step(&q)) == DB_ROW) {
		m->id = db_col_int(&q, 0);
		m->case_id = db_col_int(&q, 1);
		m->checkin_id = db_col_int(&q, 2);
		copy_col(&q, 3, m->channel, sizeof(m->channel));
		copy_col(&q, 4, m->lang, sizeof(m->lang));
		copy_col(&q, 5, m->status, sizeof(m->status));
		m->created_at = db_col_int(&q, 6);
		m->sent_at = db_col_int(&q, 7);
		m->attempts = (int)db_col_int(&q, 8);
		copy_col(&q, 9, m->error, sizeof(m->error));
		m->replied_at = db_col_int(&q, 10);
		p = db_col_blob(&q, 11, &m->body_n);
		if (p != NULL && m->body_n > 0) {
			void *copy = malloc(m->body_n);
			if (copy == NULL)
				rc = -1;
			else
				memcpy(copy, p, m->body_n);
			m->body = copy;
		}
		m->member_id = db_col_int(&q, 12);
		m->incident_id = db_col_int(&q, 13);
		m->member_user = db_col_int(&q, 14);
		m->takedown_id = db_col_int(&q, 15);
	}
	db_finalize(&q);
	return rc;
}

/* Counselling and practical help. */

/* Add a therapist to the directory.  Returns 0 and sets *id. */
int
care_therapist_add(struct db *db, const struct care_therapist *t,
    const char *by, int64_t now, int64_t *id)
{
	struct stmt q;

	if (db_prepare(db, &q, "INSERT INTO therapists(name, region, languages, "
	    "contact, source, added_at, added_by) VALUES (:n, :r, :l, :c, :s, "
	    ":now, :by)") != 0)
		return -1;
	db_bind_text(&q, ":n", t->name);
	db_bind_text(&q, ":r", t->region);
	db_bind_text(&q, ":l", t->languages);
	db_bind_text(&q, ":c", t->contact);
	db_bind_text(&q, ":s", t->source);
	db_bind_int(&q, ":now", now);
	db_bind_text(&q, ":by", by);
	if (db_step_done(&q) != 0)
		return -1;
	*id = db_last_id(db);
	return 0;
}

/* The active therapists, by region and name (strings valid during the
** call).  Returns 0 or -1. */
int
care_therapists_each(struct db *db,
    int (*each)(void *ctx, const struct care_therapist *t), void *ctx)
{
	struct stmt q;
	struct care_therapist t;
	int rc;

	if (db_prepare(db, &q, "SELECT id, name, region, languages, contact, "
	    "source FROM therapists WHERE active = 1 ORDER BY region, name "
	    "LIMIT 1000") != 0)
		return -1;
	while ((rc = db_step(&q)) == DB_ROW) {
		t.id = db_col_int(&q, 0);
		t.name = db_col_text(&q, 1);
		t.region = db_col_text(&q, 2);
		t.languages = db_col_text(&q, 3);
		t.contact = db_col_text(&q, 4);
		t.source = db_col_text(&q, 5);
		if (each(ctx, &t) != 0) {
			rc = -1;
			break;
		}
	}
	db_finalize(&q);
	return rc == DB_DONE ? 0 : -1;
}

/* Is therapist id in the directory and active?  Returns 1, 0 or -1. */
int
care_therapist_active(struct db *db, int64_t id)
{
	struct stmt q;
	int rc;

	if (db_prepare(db, &q, "SELECT 1 FROM therapists WHERE id = :id AND "
	    "active = 1") != 0)
		return -1;
	db_bind_int(&q, ":id", id);
	rc = db_step(&q);
	db_finalize(&q);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

/* An offer of counselling.  Returns 0 and sets *id. */
int
care_offer_add(struct db *db, int64_t case_id, int64_t therapist,
    int sessions, const char *by, int64_t now, int64_t *id)
{
	struct stmt q;

	if (db_prepare(db, &q, "INSERT INTO counselling_offers(case_id, "
	    "therapist_id, sessions, offered_at, offered_by) VALUES (:c, "
	    "nullif(:t, 0), :s, :now, :by)") != 0)
		return -1;
	db_bind_int(&q, ":c", case_id);
	db_bind_int(&q, ":t", therapist);
	db_bind_int(&q, ":s", sessions);
	db_bind_int(&q, ":now", now);
	db_bind_text(&q, ":by", by);
	if (db_step_done(&q) != 0)
		return -1;
	*id = db_last_id(db);
	return 0;
}

static void
offer_row(struct stmt *q, struct care_offer *o)
{
	const char *t;

	memset(o, 0, sizeof(*o));
	o->id = db_col_int(q, 0);
	o->case_id = db_col_int(q, 1);
	o->therapist_id = db_col_int(q, 2);
	o->sessions = (int)db_col_int(q, 3);
	copy_col(q, 4, o->status, sizeof(o->status));
	o->offered_at = db_col_int(q, 5);
	o->used = (int)db_col_int(q, 6);
	o->spent = db_col_int(q, 7);
	t = db_col_text(q, 8);
	snprintf(o->therapist, sizeof(o->therapist), "%s", t ? t : "");
}

/* Offer id, or (id 0) a case's offers, oldest first, each with the
** sessions used and their cost.  Returns 0 or -1. */
static int
offers_each(struct db *db, int64_t id, int64_t case_id,
    int (*each)(void *ctx, const struct care_offer *o), void *ctx)
{
	struct stmt q;
	struct care_offer o;
	int rc;

	if (db_prepare(db, &q, "SELECT o.id, o.case_id, "
	    "coalesce(o.therapist_id, 0), o.sessions, o.status, o.offered_at, "
	    "(SELECT count(*) FROM counselling_sessions s WHERE s.offer_id = "
	    "o.id), (SELECT coalesce(sum(cost), 0) FROM counselling_sessions s "
	    "WHERE s.offer_id = o.id), coalesce(t.name, '') FROM "
	    "counselling_offers o LEFT JOIN therapists t ON t.id = "
	    "o.therapist_id WHERE (:id != 0 AND o.id = :id) OR (:id = 0 AND "
	    "o.case_id = :c) ORDER BY o.id") != 0)
		return -1;
	db_bind_int(&q, ":id", id);
	db_bind_int(&q, ":c", case_id);
	while ((rc = db_step(&q)) == DB_ROW) {
		offer_row(&q, &o);
		if (each(ctx, &o) != 0) {
			rc = -1;
			break;
		}
	}
	db_finalize(&q);
	return rc == DB_DONE ? 0 : -1;
}

static int
copy_offer(void *ctx, const struct care_offer *o)
{
	*(struct care_offer *)ctx = *o;
	return 0;
}

/* One offer, with the sessions used and their cost.  Returns DB_ROW,
** DB_DONE or -1. */
int
care_offer_get(struct db *db, int64_t id, struct care_offer *o)
{
	memset(o, 0, sizeof(*o));
	if (id <= 0)
		return DB_DONE;
	if (offers_each(db, id, 0, copy_offer, o) != 0)
		return -1;
	return o->id == id ? DB_ROW : DB_DONE;
}

/* A case's offers, oldest first.  Returns 0 or -1. */
int
care_offers_each(struct db *db, int64_t case_id,
    int (*each)(void *ctx, const struct care_offer *o), void *ctx)
{
	return offers_each(db, 0, case_id, each, ctx);
}

/* Set an offer's status.  Returns 0 or -1. */
int
care_offer_status(struct db *db, int64_t id, const char *status)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE counselling_offers SET status = :s "
	    "WHERE id = :id") != 0)
		return -1;
	db_bind_text(&q, ":s", status);
	db_bind_int(&q, ":id", id);
	return db_step_done(&q);
}

/* A covered session.  Returns 0 or -1. */
int
care_session_add(struct db *db, int64_t offer, int64_t held_on, int64_t cost,
    const char *by, int64_t now)
{
	struct stmt q;

	if (db_prepare(db, &q, "INSERT INTO counselling_sessions(offer_id, "
	    "held_on, cost, recorded_at, recorded_by) VALUES (:o, :h, :c, :now, "
	    ":by)") != 0)
		return -1;
	db_bind_int(&q, ":o", offer);
	db_bind_int(&q, ":h", held_on);
	db_bind_int(&q, ":c", cost);
	db_bind_int(&q, ":now", now);
	db_bind_text(&q, ":by", by);
	return db_step_done(&q);
}

/* What every covered session has cost, or -1. */
int64_t
care_spent(struct db *db)
{
	struct stmt q;
	int64_t spent = -1;

	if (db_prepare(db, &q, "SELECT coalesce(sum(cost), 0) FROM "
	    "counselling_sessions") != 0)
		return -1;
	if (db_step(&q) == DB_ROW)
		spent = db_col_int(&q, 0);
	db_finalize(&q);
	return spent;
}

/* A piece of practical help.  Returns 0 and sets *id. */
int
care_help_add(struct db *db, int64_t case_id, const char *kind,
    const char *by, int64_t now, int64_t *id)
{
	struct stmt q;

	if (db_prepare(db, &q, "INSERT INTO care_help(case_id, kind, created_at, "
	    "created_by, changed_at) VALUES (:c, :k, :now, :by, :now)") != 0)
		return -1;
	db_bind_int(&q, ":c", case_id);
	db_bind_text(&q, ":k", kind);
	db_bind_int(&q, ":now", now);
	db_bind_text(&q, ":by", by);
	if (db_step_done(&q) != 0)
		return -1;
	*id = db_last_id(db);
	return 0;
}

/* Its sealed note. */
int
care_help_seal(struct db *db, int64_t id, const void *sealed, size_t n)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE care_help SET note_sealed = :v WHERE "
	    "id = :id") != 0)
		return -1;
	return set_blob(&q, id, sealed, n);
}

/* Its outcome.  Returns 0 or -1. */
int
care_help_outcome(struct db *db, int64_t id, const char *outcome,
    int64_t now)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE care_help SET outcome = :o, changed_at = "
	    ":now WHERE id = :id") != 0)
		return -1;
	db_bind_text(&q, ":o", outcome);
	db_bind_int(&q, ":now", now);
	db_bind_int(&q, ":id", id);
	return db_step_done(&q);
}

/* A case's practical help (case_id), or one piece (id, case_id 0), oldest
** first; the sealed note is valid during the call.  Returns 0 or -1. */
int
care_helps_each(struct db *db, int64_t case_id, int64_t id,
    int (*each)(void *ctx, const struct care_help *h), void *ctx)
{
	struct stmt q;
	struct care_help h;
	int rc;

	if (db_prepare(db, &q, "SELECT id, case_id, kind, outcome, created_at, "
	    "changed_at, note_sealed FROM care_help WHERE (:c != 0 AND case_id "
	    "= :c) OR (:c = 0 AND id = :id) ORDER BY id") != 0)
		return -1;
	db_bind_int(&q, ":c", case_id);
	db_bind_int(&q, ":id", id);
	while ((rc = db_step(&q)) == DB_ROW) {
		memset(&h, 0, sizeof(h));
		h.id = db_col_int(&q, 0);
		h.case_id = db_col_int(&q, 1);
		copy_col(&q, 2, h.kind, sizeof(h.kind));
		copy_col(&q, 3, h.outcome, sizeof(h.outcome));
		h.created_at = db_col_int(&q, 4);
		h.changed_at = db_col_int(&q, 5);
		h.note = db_col_blob(&q, 6, &h.note_n);
		if (each(ctx, &h) != 0) {
			rc = -1;
			break;
		}
	}
	db_finalize(&q);
	return rc == DB_DONE ? 0 : -1;
}

/* The incidents that affect member, with what was done in each for
** everyone it affects (messages to this member, removal requests by
** status), newest first.  Returns 0 or -1. */
int
care_member_incidents_each(struct db *db, int64_t member,
    int (*each)(void *ctx, const struct care_incident *i), void *ctx)
{
	struct stmt q;
	struct care_incident i;
	int rc;

	if (db_prepare(db, &q, "SELECT i.id, i.opened_at, i.step, i.status, "
	    "(SELECT count(*) FROM outreach o WHERE o.incident_id = i.id AND "
	    "o.member_id = :m AND o.status = 'sent'), (SELECT count(*) FROM "
	    "takedowns t JOIN leaks l ON l.id = t.leak_id WHERE l.incident_id = "
	    "i.id AND t.status != 'to request'), (SELECT count(*) FROM "
	    "takedowns t JOIN leaks l ON l.id = t.leak_id WHERE l.incident_id = "
	    "i.id AND t.status = 'removed'), (SELECT count(*) FROM "
	    "announcements a WHERE a.incident_id = i.id AND a.published_at IS "
	    "NOT NULL) FROM incident_members im JOIN incidents i ON i.id = "
	    "im.incident_id WHERE im.member_id = :m ORDER BY i.id DESC LIMIT "
	    "100") != 0)
		return -1;
	db_bind_int(&q, ":m", member);
	while ((rc = db_step(&q)) == DB_ROW) {
		memset(&i, 0, sizeof(i));
		i.id = db_col_int(&q, 0);
		i.opened_at = db_col_int(&q, 1);
		i.step = (int)db_col_int(&q, 2);
		copy_col(&q, 3, i.status, sizeof(i.status));
		i.messages = (int)db_col_int(&q, 4);
		i.requested = (int)db_col_int(&q, 5);
		i.removed = (int)db_col_int(&q, 6);
		i.announced = (int)db_col_int(&q, 7);
		if (each(ctx, &i) != 0) {
			rc = -1;
			break;
		}
	}
	db_finalize(&q);
	return rc == DB_DONE ? 0 : -1;
}

/* What a case holds, counted.  Returns 0 or -1. */
int
care_case_counts(struct db *db, int64_t id, struct care_counts *c)
{
	struct stmt q;
	int rc;

	memset(c, 0, sizeof(*c));
	if (db_prepare(db, &q, "SELECT (SELECT count(*) FROM followups WHERE "
	    "case_id = :c AND status = 'done'), (SELECT count(*) FROM followups "
	    "WHERE case_id = :c AND notes_sealed IS NOT NULL), (SELECT count(*) "
	    "FROM care_messages WHERE case_id = :c AND status = 'sent'), "
	    "(SELECT count(*) FROM care_messages WHERE case_id = :c AND "
	    "reply_sealed IS NOT NULL), (SELECT count(*) FROM "
	    "counselling_offers WHERE case_id = :c), (SELECT count(*) FROM "
	    "care_help WHERE case_id = :c), (SELECT count(*) FROM care_help "
	    "WHERE case_id = :c AND note_sealed IS NOT NULL)") != 0)
		return -1;
	db_bind_int(&q, ":c", id);
	if ((rc = db_step(&q)) == DB_ROW) {
		c->checkins_done = (int)db_col_int(&q, 0);
		c->checkin_notes = (int)db_col_int(&q, 1);
		c->messages = (int)db_col_int(&q, 2);
		c->answers = (int)db_col_int(&q, 3);
		c->offers = (int)db_col_int(&q, 4);
		c->helps = (int)db_col_int(&q, 5);
		c->help_notes = (int)db_col_int(&q, 6);
	}
	db_finalize(&q);
	return rc == DB_ROW ? 0 : -1;
}

/* Figures by week for the dashboard's charts: the weeks starting at
** start, each 7 days, into counts[0 .. weeks). */

static int
by_week(struct stmt *q, int64_t start, int weeks, long *counts)
{
	int rc, w;

	memset(counts, 0, (size_t)weeks * sizeof(*counts));
	db_bind_int(q, ":start", start);
	db_bind_int(q, ":end", start + (int64_t)weeks * 7 * 86400);
	while ((rc = db_step(q)) == DB_ROW) {
		w = (int)db_col_int(q, 0);
		if (w >= 0 && w < weeks)
			counts[w] = (long)db_col_int(q, 1);
	}
	db_finalize(q);
	return rc == DB_DONE ? 0 : -1;
}

/* Incidents opened, by week.  Returns 0 or -1. */
int
care_incidents_by_week(struct db *db, int64_t start, int weeks, long *counts)
{
	struct stmt q;

	if (db_prepare(db, &q, "SELECT (opened_at - :start) / 604800, count(*) "
	    "FROM incidents WHERE opened_at >= :start AND opened_at < :end "
	    "GROUP BY 1") != 0)
		return -1;
	return by_week(&q, start, weeks, counts);
}

/* Check-ins done (by when), or planned and due (by when, never for a
** member who asked not to be contacted), by week.  Returns 0 or -1. */
int
care_checkins_by_week(struct db *db, int done, int64_t start, int weeks,
    long *counts)
{
	struct stmt q;
	int rc;

	if (done)
		rc = db_prepare(db, &q, "SELECT (done_at - :start) / 604800, "
		    "count(*) FROM followups WHERE status = 'done' AND done_at >= "
		    ":start AND done_at < :end GROUP BY 1");
	else
		rc = db_prepare(db, &q, "SELECT (f.due_at - :start) / 604800, "
		    "count(*) FROM followups f JOIN care_cases c ON c.id = "
		    "f.case_id LEFT JOIN care_prefs p ON p.member_id = "
		    "c.member_id WHERE f.status = 'planned' AND c.closed_at IS "
		    "NULL AND coalesce(p.contact, 1) = 1 AND f.due_at >= :start "
		    "AND f.due_at < :end GROUP BY 1");
	if (rc != 0)
		return -1;
	return by_week(&q, start, weeks, counts);
}

/* For the latest incidents that a member's report opened, the hours from
** the first report to the first message sent to an affected member (-1:
** none sent yet), oldest first, at most max.  Returns how many, or -1. */
int
care_report_to_contact(struct db *db, int64_t *incident, long *hours,
    int max)
{
	struct stmt q;
	int rc, n = 0;

	if (db_prepare(db, &q, "SELECT id, h FROM (SELECT i.id AS id, "
	    "coalesce((SELECT (min(o.sent_at) - min(r.received_at)) / 3600 "
	    "FROM outreach o, reports r WHERE o.incident_id = i.id AND "
	    "o.status = 'sent' AND r.incident_id = i.id), -1) AS h FROM "
	    "incidents i WHERE EXISTS (SELECT 1 FROM reports r WHERE "
	    "r.incident_id = i.id) ORDER BY i.id DESC LIMIT :max) ORDER BY id")
	    != 0)
		return -1;
	db_bind_int(&q, ":max", max);
	while ((rc = db_step(&q)) == DB_ROW && n < max) {
		incident[n] = db_col_int(&q, 0);
		hours[n] = (long)db_col_int(&q, 1);
		n++;
	}
	db_finalize(&q);
	return rc == DB_DONE || rc == DB_ROW ? n : -1;
}

/* Keep user's sealed reminder address (sealed NULL: stop reminders).
** Returns 0 or -1. */
int
care_reminder_put(struct db *db, int64_t user, const void *sealed, size_t n)
{
	struct stmt q;

	if (sealed == NULL) {
		if (db_prepare(db, &q, "DELETE FROM user_reminders WHERE "
		    "user_id = :u") != 0)
			return -1;
		db_bind_int(&q, ":u", user);
		return db_step_done(&q);
	}
	if (db_prepare(db, &q, "INSERT INTO user_reminders(user_id, "
	    "email_sealed) VALUES (:u, :e) ON CONFLICT (user_id) DO UPDATE SET "
	    "email_sealed = excluded.email_sealed") != 0)
		return -1;
	db_bind_int(&q, ":u", user);
	db_bind_blob(&q, ":e", sealed, n);
	return db_step_done(&q);
}

/* Does user get reminders?  Returns 1, 0, or -1. */
int
care_reminder_on(struct db *db, int64_t user)
{
	struct stmt q;
	int rc;

	if (db_prepare(db, &q, "SELECT 1 FROM user_reminders WHERE user_id = "
	    ":u") != 0)
		return -1;
	db_bind_int(&q, ":u", user);
	rc = db_step(&q);
	db_finalize(&q);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

/* Call each for the people who get reminders and were not reminded since
** `since`, with their sealed address (valid during the call).  Returns 0,
** each's non-zero return, or -1. */
int
care_reminders_each(struct db *db, int64_t since,
    int (*each)(void *ctx, int64_t user, const char *name,
    const void *sealed, size_t n), void *ctx)
{
	struct stmt q;
	const void *b;
	size_t n;
	int rc;

	if (db_prepare(db, &q, "SELECT r.user_id, u.name, r.email_sealed FROM "
	    "user_reminders r JOIN users u ON u.id = r.user_id WHERE "
	    "u.disabled = 0 AND (r.last_sent_at IS NULL OR r.last_sent_at < "
	    ":since) ORDER BY r.user_id") != 0)
		return -1;
	db_bind_int(&q, ":since", since);
	while ((rc = db_step(&q)) == DB_ROW) {
		b = db_col_blob(&q, 2, &n);
		if ((rc = each(ctx, db_col_int(&q, 0), db_col_text(&q, 1), b,
		    n)) != 0)
			break;
	}
	db_finalize(&q);
	return rc < 0 ? -1 : rc == DB_DONE ? 0 : rc;
}

/* The reminder to user went at now.  Returns 0 or -1. */
int
care_reminder_sent(struct db *db, int64_t user, int64_t now)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE user_reminders SET last_sent_at = :now "
	    "WHERE user_id = :u") != 0)
		return -1;
	db_bind_int(&q, ":now", now);
	db_bind_int(&q, ":u", user);
	return db_step_done(&q);
}
