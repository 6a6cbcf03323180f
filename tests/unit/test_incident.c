/*
** test_incident.c: an incident's order of steps, what triage suggests,
** and that triage reads leaked posts without anyone being exposed or any
** word kept: only levels and flags reach the database.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "community/post.h"
#include "core/gate.h"
#include "response/incident.h"
#include "response/outreach.h"
#include "response/triage.h"
#include "store/auditlog.h"
#include "store/community.h"
#include "store/db.h"
#include "store/response.h"
#include "test.h"
#include "util/util.h"

void
test_incident_order(void)
{
	struct incident_row r;
	char err[ERR_MAX];

	memset(&r, 0, sizeof(r));
	r.id = 7;
	snprintf(r.status, sizeof(r.status), "open");
	CHECK(incident_may(&r, 1, err) == 1);
	CHECK(incident_may(&r, 2, err) == 0);	/* contact waits for step 1 */
	CHECK(strstr(err, "step 1 comes first") != NULL);
	CHECK(incident_may(&r, 5, err) == 0);
	r.assessed_at = 1;
	r.step = 2;
	CHECK(incident_may(&r, 2, err) == 1);
	CHECK(incident_may(&r, 4, err) == 1);
	CHECK(incident_may(&r, 5, err) == 0);	/* everyone written to first */
	CHECK(strstr(err, "step 2 comes first") != NULL);
	r.step = 3;
	CHECK(incident_may(&r, 5, err) == 1);
	snprintf(r.status, sizeof(r.status), "closed");
	CHECK(incident_may(&r, 1, err) == 0);
	/* what triage suggests follows the highest level of the posts */
	r.top_rank = TRIAGE_NONE;
	CHECK(strcmp(incident_suggested_risk(&r), "low") == 0);
	r.top_rank = TRIAGE_WISH;
	CHECK(strcmp(incident_suggested_risk(&r), "elevated") == 0);
	r.top_rank = TRIAGE_METHOD;
	CHECK(strcmp(incident_suggested_risk(&r), "elevated") == 0);
	r.top_rank = TRIAGE_INTENT;
	CHECK(strcmp(incident_suggested_risk(&r), "immediate") == 0);
	CHECK(strcmp(incident_step_name(1), "assess immediate risk") == 0);
	CHECK(strcmp(incident_step_name(5), "communicate with the community")
	    == 0);
}

static int
count_entries(void *ctx, const struct audit_row *a)
{
	(void)a;
	(*(int *)ctx)++;
	return 0;
}

void
test_incident_triage_reads_no_one(void)
{
	struct app_opts o = { 0 };
	struct incident_row r;
	struct app a;
	struct gate *gt;
	char db[512], err[ERR_MAX];
	int64_t g, m, p, q, inc, opened = 0;
	int64_t posts[2];
	struct incident_open in = { "scan", posts, 2, NULL,
	    "https://example.net/t/1" };
	int entries = 0;

	snprintf(db, sizeof(db), "%s/c.db", test_tmpdir());
	o.db_path = db;
	CHECK(app_create(&o, &a, err) == 0);
	gt = test_gate(&a);
	gate_set_actor(gt, 0, "test", ROLE_ADMIN);
	test_gate_begin(gt);
	CHECK(community_group_add(a.db, "Circle", "", 10, 1, &g) == 0);
	CHECK(community_member_add(a.db, "willow", 0, 1, &m) == 0);
	{
		struct post_new np = { g, m, 0, 1, "I have the rope and I am "
		    "going to kill myself tonight.", NULL, NULL, NULL };
		struct post_new nq = { g, m, 0, 2, "Tomatoes again this year.",
		    NULL, NULL, NULL };
		CHECK(post_create(gt, &np, &p) == 0);
		CHECK(post_create(gt, &nq, &q) == 0);
	}
	test_gate_commit(gt);
	posts[0] = p;
	posts[1] = q;
	opened = auditlog_count(a.db);
	CHECK(incident_create(gt, &in, &inc, err) == 0);
	/* one entry for the whole opening, none per post read */
	CHECK(auditlog_count(a.db) == opened + 1);
	CHECK(response_incident_get(a.db, inc, &r) == DB_ROW);
	CHECK(r.top_rank == TRIAGE_PLAN);
	CHECK(r.nposts == 2 && r.nmembers == 1 && r.nlocations == 1);
	CHECK(strcmp(r.source, "scan") == 0);
	CHECK(strcmp(incident_suggested_risk(&r), "immediate") == 0);
	auditlog_target_each(a.db, "incident 1", count_entries, &entries);
	CHECK(entries == 1);
	/* the step order holds in the logic, not only on the page */
	CHECK(incident_assess(gt, inc, "low", NULL, err) == -1);
	CHECK(strstr(err, "add a note") != NULL);
	CHECK(incident_assess(gt, inc, "immediate", NULL, err) == 0);
	CHECK(response_incident_get(a.db, inc, &r) == DB_ROW);
	CHECK(r.step == 2 && r.assessed_at > 0);
	CHECK(incident_add_location(gt, inc, NULL, "file:///etc/passwd", err)
	    == -1);
	CHECK(incident_add_member(gt, inc, "nobody", err) == -1);
	gate_free(gt);
	app_close(&a);
}

/* The outreach lint on words alone: blame, minimising, resources. */
void
test_outreach_lint(void)
{
	static const char *const res[] = { "Samaritans", "116 123" };
	struct outreach_lint l;

	outreach_lint_text("Hello. You did nothing wrong. Samaritans are "
	    "there at any hour.", res, 2, &l);
	CHECK(l.n == 0);
	outreach_lint_text("It\xE2\x80\x99s not a big deal. Call 116 123.",
	    res, 2, &l);
	CHECK(l.n == 1 && strstr(l.problem[0], "minimises") != NULL);
	outreach_lint_text("You should have known better. 116 123", res, 2,
	    &l);
	CHECK(l.n == 1 && strstr(l.problem[0], "blames") != NULL);
	outreach_lint_text("WHY DID YOU post that? Don't worry.", res, 2, &l);
	CHECK(l.n == 3);	/* blame, minimising, no resource */
	outreach_lint_text("We are here.", res, 0, &l);
	CHECK(l.n == 1 && strstr(l.problem[0], "no support resource") !=
	    NULL);
	outreach_lint_text("", res, 2, &l);
	CHECK(l.n == 1);
}
