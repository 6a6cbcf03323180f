/*
** demo.c: fill a new community with the fictional members, groups and
** posts of demo_data.h, one open incident about the post with suicidal
** ideation, a care case whose follow-up is due, and an admin with a
** generated password; then serve it.
*/
#include "demo.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../admin/audit.h"
#include "../admin/users.h"
#include "../app.h"
#include "../cli.h"
#include "../crypto/password.h"
#include "../crypto/seal.h"
#include "../store/accounts.h"
#include "../store/community.h"
#include "../store/db.h"
#include "../store/response.h"
#include "../util/util.h"
#include "../web/serve.h"
#include "demo_data.h"
#include "post.h"

#define NMEMBERS (sizeof(demo_members) / sizeof(demo_members[0]))
#define NGROUPS (sizeof(demo_groups) / sizeof(demo_groups[0]))
#define NPOSTS (sizeof(demo_posts) / sizeof(demo_posts[0]))

/* Seal text for table.column of row, store it with put, free it.  Returns
** 0 or -1. */
static int
seal_member_contact(struct app *a, int64_t id, const struct demo_member *m)
{
	uint8_t *c = NULL, *p = NULL;
	size_t cn = 0, pn = 0;
	int rc;

	if (m->contact)
		c = seal_text(a->kr, "members", "contact", id, m->contact,
		    strlen(m->contact), &cn);
	if (m->contact_pref)
		p = seal_text(a->kr, "members", "contact_pref", id,
		    m->contact_pref, strlen(m->contact_pref), &pn);
	rc = community_member_seal_contact(a->db, id, c, cn, p, pn);
	free(c);
	free(p);
	return rc;
}

/* Fill the open community a with the demo data and an admin whose
** generated password is written to password_out.  Returns 0 or -1 with
** err filled; on failure nothing is kept. */
int
demo_fill(struct app *a, char *password_out, unsigned n, char *err)
{
	int64_t member[NMEMBERS], group[NGROUPS], post_ids[NPOSTS];
	int64_t now = util_now(), inc, cs, fu, admin_id = 0, t;
	char pw[PASSWORD_GEN_LEN + 1];
	uint8_t *sealed;
	size_t i, k, sn;
	const char *note;
	struct user admin;

	password_generate(pw);
	if (users_add(a->db, a->kr, 0, "demo", DEMO_ADMIN, ROLE_ADMIN, pw, 1,
	    err) != 0)
		return -1;
	if (db_begin(a->db) != 0)
		goto fail;
	for (i = 0; i < NMEMBERS; i++) {
		if (community_member_add(a->db, demo_members[i].pseudonym,
		    demo_members[i].anonymous_ok, now - 86400 * 90,
		    &member[i]) != 0 ||
		    seal_member_contact(a, member[i], &demo_members[i]) != 0)
			goto fail;
	}
	for (i = 0; i < NGROUPS; i++)
		if (community_group_add(a->db, demo_groups[i].name,
		    demo_groups[i].description, 14, now - 86400 * 90,
		    &group[i]) != 0)
			goto fail;
	/* Authors belong to the groups they write in; the rest of each group
	** is a rotating slice of members, as long as there is room. */
	for (i = 0; i < NPOSTS; i++)
		if (community_group_join(a->db, group[demo_posts[i].group],
		    member[demo_posts[i].member], now - 86400 * 80) != 0) {
			err_set(err, "demo group %d is over capacity",
			    demo_posts[i].group);
			goto fail;
		}
	for (i = 0; i < NGROUPS; i++)
		for (k = 0; k < (size_t)demo_groups[i].size; k++)
			if (community_group_join(a->db, group[i],
			    member[(i * 5 + k) % NMEMBERS],
			    now - 86400 * 80) == -1)
				goto fail;
	for (i = 0; i < NPOSTS; i++) {
		const struct demo_post *p = &demo_posts[i];
		t = now - 86400 * (int64_t)p->days_ago - (int64_t)(i * 613 %
		    80000);
		struct post_new np = { group[p->group], member[p->member],
		    p->anonymous, t, p->body, p->cw, NULL, NULL };
		if (post_create(a->db, a->kr, &np, &post_ids[i]) != 0)
			goto fail;
	}
	/* An open incident about the thread with suicidal ideation, and a
	** care case for its author with a follow-up due today. */
	for (i = 0; i < NPOSTS; i++)
		if (demo_posts[i].cw && strcmp(demo_posts[i].cw, "suicide") == 0)
			break;
	if (i == NPOSTS) {
		err_set(err, "demo data has no post marked suicide");
		goto fail;
	}
	if (accounts_user_by_name(a->db, DEMO_ADMIN, &admin) != 1)
		goto fail;
	admin_id = admin.id;
	note = "A member reported that a screenshot of the evening check-in "
	    "thread was shared in a public chat. Risk to assess first.";
	if (response_incident_add(a->db, admin_id, "elevated", now - 3600 * 5,
	    &inc) != 0 || response_incident_post(a->db, inc, post_ids[i]) != 0)
		goto fail;
	sealed = seal_text(a->kr, "incidents", "summary", inc, note,
	    strlen(note), &sn);
	if (sealed == NULL || response_incident_seal(a->db, inc, sealed, sn)
	    != 0) {
		free(sealed);
		goto fail;
	}
	free(sealed);
	note = "Prefers short messages in the forum inbox. Agreed to a gentle "
	    "check-in every few days while the screenshot is being removed.";
	if (response_case_add(a->db, member[demo_posts[i].member], inc,
	    admin_id, 3, now - 3600 * 4, &cs) != 0 ||
	    response_followup_add(a->db, cs, now - 600, &fu) != 0 ||
	    response_followup_add(a->db, cs, now + 86400 * 14, &fu) != 0)
		goto fail;
	sealed = seal_text(a->kr, "care_cases", "notes", cs, note, strlen(note),
	    &sn);
	if (sealed == NULL || response_case_seal(a->db, cs, sealed, sn) != 0) {
		free(sealed);
		goto fail;
	}
	free(sealed);
	if (audit_append(a->db, a->kr, 0, "demo", "demo.fill", "",
	    "fictional members, groups and posts") != 0 || db_commit(a->db) != 0)
		goto fail;
	snprintf(password_out, n, "%s", pw);
	explicit_bzero(pw, sizeof(pw));
	return 0;
fail:
	db_rollback(a->db);
	explicit_bzero(pw, sizeof(pw));
	if (err[0] == '\0')
		err_set(err, "cannot write the demo: %s", db_error(a->db));
	return -1;
}

/* sanctum demo [--dir DIR] [--no-serve] [serve options] */
int
demo_cmd(struct cli *c, int argc, char **argv)
{
	struct serve_config cfg;
	struct app a;
	char dir[1024] = "", dbpath[1100], err[ERR_MAX] = "", pw[64];
	const char *given = NULL;
	struct stat sb;
	int i, k, serve = 1, fresh = 1, rc;

	serve_defaults(&cfg);
	for (i = 1; i < argc; i += k) {
		k = serve_option(&cfg, argc, argv, i);
		if (k > 0)
			continue;
		if (k < 0)
			return cli_usage(c, "demo");
		if (strcmp(argv[i], "--dir") == 0 && i + 1 < argc) {
			given = argv[i + 1];
			k = 2;
		} else if (strcmp(argv[i], "--no-serve") == 0) {
			serve = 0;
			k = 1;
		} else {
			return cli_usage(c, "demo");
		}
	}
	if (given) {
		snprintf(dir, sizeof(dir), "%s", given);
		if (mkdir(dir, 0700) != 0 && errno != EEXIST)
			return cli_fail("demo: cannot create %s", dir);
	} else {
		const char *tmp = getenv("TMPDIR");
		snprintf(dir, sizeof(dir), "%s/sanctum-demo-XXXXXX",
		    tmp && *tmp ? tmp : "/tmp");
		if (mkdtemp(dir) == NULL)
			return cli_fail("demo: cannot create a temporary "
			    "folder");
	}
	snprintf(dbpath, sizeof(dbpath), "%s/demo.db", dir);
	c->opts.db_path = dbpath;
	c->opts.key_file = NULL;
	c->opts.passphrase = 0;
	c->opts.community_name = "Harbour Lights (demo)";
	if (stat(dbpath, &sb) == 0) {
		fresh = 0;
		if (app_open(&c->opts, &a, err) != 0)
			return cli_fail("demo: %s", err);
	} else {
		if (app_create(&c->opts, &a, err) != 0)
			return cli_fail("demo: %s", err);
		if (demo_fill(&a, pw, sizeof(pw), err) != 0) {
			app_close(&a);
			return cli_fail("demo: %s", err);
		}
	}
	printf("demo community: %s (key %s.key)\n", dbpath, dbpath);
	if (fresh)
		printf("log in as %s with password %s\n(you will be asked to "
		    "choose your own password at first login)\n", DEMO_ADMIN,
		    pw);
	else
		printf("reusing the demo in %s; log in as %s as before\n", dir,
		    DEMO_ADMIN);
	explicit_bzero(pw, sizeof(pw));
	if (serve)
		printf("console: http%s://%s/\n", cfg.tls_cert ? "s" : "",
		    cfg.listen);
	fflush(stdout);
	rc = serve ? serve_app(&a, &cfg) : EXIT_OK;
	app_close(&a);
	return rc;
}
