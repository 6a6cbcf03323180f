/*
** retention.c: SQL for the retention periods and their purges.  See
** retention.h.
**
** Every purge is a handful of set-wise statements, each idempotent: it
** empties what is still there before the cutoff, so a purge cut short
** (a crash rolls its transaction back) or run twice does the same.  The
** caller runs them in one audited transaction; the connection's
** secure_delete (db.c) zeroes the freed space, and the caller
** checkpoints the WAL once the purge has committed.
*/
#include "retention.h"

#include <stdio.h>
#include <string.h>

#include "db.h"

/* The community's periods into *p.  Returns 0 or -1. */
int
retention_policy_get(struct db *db, struct retention_policy *p)
{
	struct stmt q;
	int rc;

	memset(p, 0, sizeof(*p));
	if (db_prepare(db, &q, "SELECT coalesce(leaked_days, 0), "
	    "coalesce(notes_days, 0), coalesce(closed_days, 0), "
	    "coalesce(changed_at, 0), coalesce(changed_by, '') FROM retention "
	    "WHERE id = 1") != 0)
		return -1;
	rc = db_step(&q);
	if (rc == DB_ROW) {
		p->leaked_days = (int)db_col_int(&q, 0);
		p->notes_days = (int)db_col_int(&q, 1);
		p->closed_days = (int)db_col_int(&q, 2);
		p->changed_at = db_col_int(&q, 3);
		snprintf(p->changed_by, sizeof(p->changed_by), "%s",
		    db_col_text(&q, 4));
	}
	db_finalize(&q);
	return rc == DB_ROW ? 0 : -1;
}

/* Set the periods (0: keep), noting when and by whom.  Returns 0 or -1. */
int
retention_policy_set(struct db *db, const struct retention_policy *p,
    int64_t now, const char *by)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE retention SET leaked_days = nullif(:l, "
	    "0), notes_days = nullif(:n, 0), closed_days = nullif(:c, 0), "
	    "changed_at = :now, changed_by = :by WHERE id = 1") != 0)
		return -1;
	db_bind_int(&q, ":l", p->leaked_days);
	db_bind_int(&q, ":n", p->notes_days);
	db_bind_int(&q, ":c", p->closed_days);
	db_bind_int(&q, ":now", now);
	db_bind_text(&q, ":by", by);
	return db_step_done(&q);
}

/* Leaked material found (or received, or last seen) at or before cut and
** no longer needed by an open incident, into n's reports, leaks and
** findings.  Returns 0 or -1. */
int
retention_due_leaked(struct db *db, int64_t cut, struct retention_counts *n)
{
	struct stmt q;
	int rc;

	if (db_prepare(db, &q, "SELECT "
	    "(SELECT count(*) FROM reports r WHERE r.purged_at IS NULL AND "
	    "r.received_at <= :cut AND r.status IN ('linked', 'dismissed') "
	    "AND NOT EXISTS (SELECT 1 FROM incidents i WHERE i.id = "
	    "r.incident_id AND i.status = 'open')), "
	    "(SELECT count(*) FROM leaks l WHERE l.purged_at IS NULL AND "
	    "l.found_at <= :cut AND NOT EXISTS (SELECT 1 FROM incidents i "
	    "WHERE i.id = l.incident_id AND i.status = 'open')), "
	    "(SELECT count(*) FROM monitor_findings f WHERE f.purged_at IS "
	    "NULL AND f.seen_at <= :cut AND f.status <> 'new' AND NOT EXISTS "
	    "(SELECT 1 FROM incidents i WHERE i.id = f.incident_id AND "
	    "i.status = 'open'))") != 0)
		return -1;
	db_bind_int(&q, ":cut", cut);
	rc = db_step(&q);
	if (rc == DB_ROW) {
		n->reports = (int)db_col_int(&q, 0);
		n->leaks = (int)db_col_int(&q, 1);
		n->findings = (int)db_col_int(&q, 2);
	}
	db_finalize(&q);
	return rc == DB_ROW ? 0 : -1;
}

/* Cases closed at or before cut that still hold notes or words, into
** n->cases.  An open case is never due, however old.  Returns 0 or -1. */
int
retention_due_notes(struct db *db, int64_t cut, struct retention_counts *n)
{
	struct stmt q;
	int rc;

	if (db_prepare(db, &q, "SELECT count(*) FROM care_cases c WHERE "
	    "c.closed_at <= :cut AND (c.notes_sealed IS NOT NULL OR "
	    "c.needs_sealed IS NOT NULL OR EXISTS (SELECT 1 FROM followups f "
	    "WHERE f.case_id = c.id AND f.notes_sealed IS NOT NULL) OR EXISTS "
	    "(SELECT 1 FROM care_help h WHERE h.case_id = c.id AND "
	    "h.note_sealed IS NOT NULL) OR EXISTS (SELECT 1 FROM care_messages "
	    "m WHERE m.case_id = c.id AND (m.body_sealed IS NOT NULL OR "
	    "m.reply_sealed IS NOT NULL)))") != 0)
		return -1;
	db_bind_int(&q, ":cut", cut);
	rc = db_step(&q);
	if (rc == DB_ROW)
		n->cases = (int)db_col_int(&q, 0);
	db_finalize(&q);
	return rc == DB_ROW ? 0 : -1;
}

/* Incidents closed at or before cut and not purged yet, into
** n->incidents.  Returns 0 or -1. */
int
retention_due_closed(struct db *db, int64_t cut, struct retention_counts *n)
{
	struct stmt q;
	int rc;

	if (db_prepare(db, &q, "SELECT count(*) FROM incidents WHERE status = "
	    "'closed' AND closed_at <= :cut AND purged_at IS NULL") != 0)
		return -1;
	db_bind_int(&q, ":cut", cut);
	rc = db_step(&q);
	if (rc == DB_ROW)
		n->incidents = (int)db_col_int(&q, 0);
	db_finalize(&q);
	return rc == DB_ROW ? 0 : -1;
}

/* Run a purge's statement q with its cutoff bound (and the time of the
** purge, for one that marks what it emptied).  Returns 0 or -1. */
static int
run_cut(struct stmt *q, int64_t cut)
{
	db_bind_int(q, ":cut", cut);
	return db_step_done(q);
}

static int
run_cut_now(struct stmt *q, int64_t cut, int64_t now)
{
	db_bind_int(q, ":now", now);
	return run_cut(q, cut);
}

/* The reports a purge emptied no longer say which posts or copy marks
** they found.  Returns 0 or -1. */
static int
forget_report_links(struct db *db)
{
	struct stmt q;

	if (db_prepare(db, &q, "DELETE FROM report_posts WHERE report_id IN "
	    "(SELECT id FROM reports WHERE purged_at IS NOT NULL)") != 0 ||
	    db_step_done(&q) != 0)
		return -1;
	if (db_prepare(db, &q, "DELETE FROM report_marks WHERE report_id IN "
	    "(SELECT id FROM reports WHERE purged_at IS NOT NULL)") != 0)
		return -1;
	return db_step_done(&q);
}

/* Empty the leaked material retention_due_leaked counts.  Returns 0 or
** -1. */
int
retention_purge_leaked(struct db *db, int64_t cut, int64_t now)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE reports SET body_sealed = NULL, "
	    "purged_at = :now WHERE purged_at IS NULL AND received_at <= :cut "
	    "AND status IN ('linked', 'dismissed') AND NOT EXISTS (SELECT 1 "
	    "FROM incidents i WHERE i.id = reports.incident_id AND i.status = "
	    "'open')") != 0 ||
	    run_cut_now(&q, cut, now) != 0 || forget_report_links(db) != 0)
		return -1;
	if (db_prepare(db, &q, "UPDATE leaks SET location_sealed = NULL, "
	    "material_sealed = NULL, purged_at = :now WHERE purged_at IS NULL "
	    "AND found_at <= :cut AND NOT EXISTS (SELECT 1 FROM incidents i "
	    "WHERE i.id = leaks.incident_id AND i.status = 'open')") != 0 ||
	    run_cut_now(&q, cut, now) != 0)
		return -1;
	/* a removal request's words hold the address, and it may name the
	** member who allowed that */
	if (db_prepare(db, &q, "UPDATE takedowns SET request_sealed = NULL, "
	    "member_id = NULL WHERE (request_sealed IS NOT NULL OR member_id "
	    "IS NOT NULL) AND leak_id IN (SELECT id FROM leaks WHERE "
	    "purged_at IS NOT NULL)") != 0 || db_step_done(&q) != 0)
		return -1;
	if (db_prepare(db, &q, "UPDATE monitor_findings SET link_sealed = "
	    "NULL, posts = '', rules = '', reason = '', purged_at = :now "
	    "WHERE purged_at IS NULL AND seen_at <= :cut AND status <> 'new' "
	    "AND NOT EXISTS (SELECT 1 FROM incidents i WHERE i.id = "
	    "monitor_findings.incident_id AND i.status = 'open')") != 0)
		return -1;
	return run_cut_now(&q, cut, now);
}

/* Empty the notes of the cases closed at or before cut: the case's own
** (marked first, while it can still be told which held anything), then
** its check-ins', its help's and its messages'.  Returns 0 or -1. */
int
retention_purge_notes(struct db *db, int64_t cut, int64_t now)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE care_cases SET notes_sealed = NULL, "
	    "needs_sealed = NULL, notes_purged_at = :now WHERE closed_at <= "
	    ":cut AND (notes_sealed IS NOT NULL OR needs_sealed IS NOT NULL OR "
	    "EXISTS (SELECT 1 FROM followups f WHERE f.case_id = care_cases.id "
	    "AND f.notes_sealed IS NOT NULL) OR EXISTS (SELECT 1 FROM "
	    "care_help h WHERE h.case_id = care_cases.id AND h.note_sealed IS "
	    "NOT NULL) OR EXISTS (SELECT 1 FROM care_messages m WHERE "
	    "m.case_id = care_cases.id AND (m.body_sealed IS NOT NULL OR "
	    "m.reply_sealed IS NOT NULL)))") != 0 ||
	    run_cut_now(&q, cut, now) != 0)
		return -1;
	if (db_prepare(db, &q, "UPDATE followups SET notes_sealed = NULL WHERE "
	    "notes_sealed IS NOT NULL AND case_id IN (SELECT id FROM "
	    "care_cases WHERE closed_at <= :cut)") != 0 ||
	    run_cut(&q, cut) != 0)
		return -1;
	if (db_prepare(db, &q, "UPDATE care_help SET note_sealed = NULL WHERE "
	    "note_sealed IS NOT NULL AND case_id IN (SELECT id FROM care_cases "
	    "WHERE closed_at <= :cut)") != 0 ||
	    run_cut(&q, cut) != 0)
		return -1;
	if (db_prepare(db, &q, "UPDATE care_messages SET body_sealed = NULL, "
	    "reply_sealed = NULL WHERE (body_sealed IS NOT NULL OR "
	    "reply_sealed IS NOT NULL) AND case_id IN (SELECT id FROM "
	    "care_cases WHERE closed_at <= :cut)") != 0)
		return -1;
	return run_cut(&q, cut);
}

/* Purge the incidents closed at or before cut down to their tombstone:
** the row with its dates, source, risk and step, its places' platforms
** and outcomes, and its published announcements (the community's own
** words).  Returns 0 or -1. */
int
retention_purge_closed(struct db *db, int64_t cut, int64_t now)
{
	struct stmt q;

	if (db_prepare(db, &q, "DELETE FROM incident_posts WHERE incident_id "
	    "IN (SELECT id FROM incidents WHERE status = 'closed' AND "
	    "closed_at <= :cut)") != 0 ||
	    run_cut(&q, cut) != 0)
		return -1;
	if (db_prepare(db, &q, "DELETE FROM incident_members WHERE incident_id "
	    "IN (SELECT id FROM incidents WHERE status = 'closed' AND "
	    "closed_at <= :cut)") != 0 ||
	    run_cut(&q, cut) != 0)
		return -1;
	/* the messages to the members and their answers (and, by the
	** schema's cascade, their requests to be connected, once answered:
	** incident close refuses while one waits, and this keeps it) */
	if (db_prepare(db, &q, "DELETE FROM outreach WHERE incident_id IN "
	    "(SELECT id FROM incidents WHERE status = 'closed' AND closed_at "
	    "<= :cut) AND NOT EXISTS (SELECT 1 FROM connect_requests c WHERE "
	    "c.outreach_id = outreach.id AND c.done_at IS NULL)") != 0 ||
	    run_cut(&q, cut) != 0)
		return -1;
	if (db_prepare(db, &q, "DELETE FROM takedowns WHERE leak_id IN (SELECT "
	    "l.id FROM leaks l JOIN incidents i ON i.id = l.incident_id WHERE "
	    "i.status = 'closed' AND i.closed_at <= :cut)") != 0 ||
	    run_cut(&q, cut) != 0)
		return -1;
	if (db_prepare(db, &q, "UPDATE leaks SET location_sealed = NULL, "
	    "material_sealed = NULL, purged_at = :now WHERE purged_at IS NULL "
	    "AND incident_id IN (SELECT id FROM incidents WHERE status = "
	    "'closed' AND closed_at <= :cut)") != 0 ||
	    run_cut_now(&q, cut, now) != 0)
		return -1;
	if (db_prepare(db, &q, "DELETE FROM announcements WHERE status = "
	    "'draft' AND incident_id IN (SELECT id FROM incidents WHERE status "
	    "= 'closed' AND closed_at <= :cut)") != 0 ||
	    run_cut(&q, cut) != 0)
		return -1;
	if (db_prepare(db, &q, "UPDATE reports SET body_sealed = NULL, "
	    "purged_at = :now WHERE purged_at IS NULL AND incident_id IN "
	    "(SELECT id FROM incidents WHERE status = 'closed' AND closed_at "
	    "<= :cut)") != 0 ||
	    run_cut_now(&q, cut, now) != 0 || forget_report_links(db) != 0)
		return -1;
	if (db_prepare(db, &q, "UPDATE monitor_findings SET link_sealed = "
	    "NULL, posts = '', rules = '', reason = '', purged_at = :now "
	    "WHERE purged_at IS NULL AND incident_id IN (SELECT id FROM "
	    "incidents WHERE status = 'closed' AND closed_at <= :cut)") != 0 ||
	    run_cut_now(&q, cut, now) != 0)
		return -1;
	if (db_prepare(db, &q, "UPDATE incidents SET summary_sealed = NULL, "
	    "assessment_sealed = NULL, purged_at = :now WHERE status = "
	    "'closed' AND closed_at <= :cut AND purged_at IS NULL") != 0)
		return -1;
	return run_cut_now(&q, cut, now);
}
