/*
** demo.c: fill a new community with the fictional members, groups and
** posts of demo_data.h, one open incident about the post with suicidal
** ideation, a care case whose follow-up is due, and an admin with a
** generated password; then serve it.
*/
#include "demo.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../admin/users.h"
#include "../cli.h"
#include "../core/gate.h"
#include "../crypto/password.h"
#include "../store/accounts.h"
#include "../prevention/pledge.h"
#include "../response/incident.h"
#include "../store/care.h"
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

/* Seal and store member id's contact detail and contact preference.
** Returns 0 or -1. */
static int
seal_member_contact(struct gate *g, int64_t id, const struct demo_member *m)
{
	uint8_t *c = NULL, *p = NULL;
	size_t cn = 0, pn = 0;
	int rc;

	if (m->contact)
		c = gate_seal(g, SEALED_MEMBER_CONTACT, id, m->contact, &cn);
	if (m->contact_pref)
		p = gate_seal(g, SEALED_MEMBER_CONTACT_PREF, id, m->contact_pref,
		    &pn);
	rc = community_member_seal_contact(gate_db(g), id, c, cn, p, pn);
	free(c);
	free(p);
	return rc;
}

/* Fill the community behind g with the demo data and an admin whose
** generated password is written to password_out, in one transaction.
** Returns 0 or -1 with err filled; on failure nothing is kept. */
int
demo_fill(struct gate *g, char *password_out, unsigned n, char *err)
{
	struct db *db = gate_db(g);
	int64_t member[NMEMBERS], group[NGROUPS], post_ids[NPOSTS];
	int64_t now = util_now(), inc, cs, admin_id = 0, t;
	char pw[PASSWORD_GEN_LEN + 1];
	uint8_t *sealed;
	size_t i, k, sn;
	const char *note;
	int added;
	struct user admin;

	password_generate(pw);
	if (gate_begin(g) != 0)
		goto fail;
	if (users_add(g, DEMO_ADMIN, ROLE_ADMIN, pw, 1, err) != 0)
		goto fail;
	for (i = 0; i < NMEMBERS; i++) {
		if (community_member_add(db, demo_members[i].pseudonym,
		    demo_members[i].anonymous_ok, now - 86400 * 90,
		    &member[i]) != 0 ||
		    seal_member_contact(g, member[i], &demo_members[i]) != 0 ||
		    pledge_accept(g, member[i], demo_members[i].pseudonym, &t,
		    err) != 0)
			goto fail;
	}
	for (i = 0; i < NGROUPS; i++)
		if (community_group_add(db, demo_groups[i].name,
		    demo_groups[i].description, 14, now - 86400 * 90,
		    &group[i]) != 0)
			goto fail;
	/* Authors belong to the groups they write in; the rest of each group
	** is a rotating slice of members, as long as there is room. */
	for (i = 0; i < NPOSTS; i++)
		if (community_group_join(db, group[demo_posts[i].group],
		    member[demo_posts[i].member], now - 86400 * 80) < 0) {
			err_set(err, "demo group %d is over capacity",
			    demo_posts[i].group);
			goto fail;
		}
	/* up to the group's size, so that a new member finds room */
	for (i = 0; i < NGROUPS; i++)
		for (k = 0; k < NMEMBERS; k++) {
			int cap;
			int64_t in;
			if (community_group_size(db, group[i], &cap, &in) != 1)
				goto fail;
			if (in >= demo_groups[i].size)
				break;
			if (community_group_join(db, group[i],
			    member[(i * 5 + k) % NMEMBERS],
			    now - 86400 * 80) < 0)
				goto fail;
		}
	for (i = 0; i < NPOSTS; i++) {
		const struct demo_post *p = &demo_posts[i];
		t = now - 86400 * (int64_t)p->days_ago - (int64_t)(i * 613 %
		    80000);
		struct post_new np = { group[p->group], member[p->member],
		    p->anonymous, t, p->body, p->cw, NULL, NULL };
		if (post_create(g, &np, &post_ids[i]) != 0)
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
	if (accounts_user_by_name(db, DEMO_ADMIN, &admin) != 1)
		goto fail;
	admin_id = admin.id;
	note = "A member reported that a screenshot of the evening check-in "
	    "thread was shared in a public chat. Risk to assess first.";
	if (response_incident_add(db, admin_id, "report", "unassessed",
	    now - 3600 * 5, &inc) != 0 || incident_add_posts(g, inc,
	    &post_ids[i], 1, &added, err) != 0)
		goto fail;
	{
		char target[32];
		snprintf(target, sizeof(target), "incident %lld",
		    (long long)inc);
		if (gate_audit(g, "incident.open", target, "from a member's "
		    "report; 1 post triaged") != 0)
			goto fail;
	}
	sealed = gate_seal(g, SEALED_INCIDENT_SUMMARY, inc, note, &sn);
	if (sealed == NULL || response_incident_seal(db, inc, sealed, sn)
	    != 0) {
		free(sealed);
		goto fail;
	}
	free(sealed);
	note = "Prefers short messages in the forum inbox. Agreed to a gentle "
	    "check-in every few days while the screenshot is being removed.";
	if (care_case_add(db, member[demo_posts[i].member], inc, admin_id,
	    now - 3600 * 4, &cs) != 0 || care_checkin_add(db, cs, now - 600,
	    "one day") != 0 || care_checkin_add(db, cs, now + 86400 * 14,
	    "one week") != 0)
		goto fail;
	sealed = gate_seal(g, SEALED_CASE_NOTES, cs, note, &sn);
	if (sealed == NULL || care_case_notes(db, cs, sealed, sn) != 0) {
		free(sealed);
		goto fail;
	}
	free(sealed);
	if (gate_audit(g, "demo.fill", "", "fictional members, groups and "
	    "posts") != 0 || gate_commit(g) != 0)
		goto fail;
	snprintf(password_out, n, "%s", pw);
	explicit_bzero(pw, sizeof(pw));
	return 0;
fail:
	gate_rollback(g);
	explicit_bzero(pw, sizeof(pw));
	if (err[0] == '\0')
		err_set(err, "cannot write the demo: %s", db_error(db));
	return -1;
}

/* sanctum demo [--dir DIR] [--no-serve] [serve options] */
int
demo_cmd(struct cli *c, int argc, char **argv)
{
	static const struct option own[] = {
		{ "dir", required_argument, NULL, 'd' },
		{ "no-serve", no_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 }
	};
	struct option opts[SERVE_NOPTS + 3];
	struct serve_config cfg;
	char dir[1024] = "", dbpath[1100], err[ERR_MAX] = "", pw[64];
	const char *given = NULL;
	struct stat sb;
	int ch, serve = 1, fresh = 1, rc;

	serve_defaults(&cfg);
	serve_longopts(opts, sizeof(opts) / sizeof(opts[0]), own);
	optind = 0;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch == 'd')
			given = optarg;
		else if (ch == 'n')
			serve = 0;
		else if (ch < SERVE_OPT_BASE || serve_option(&cfg, ch, optarg))
			return cli_usage(c, "demo");
	}
	if (optind != argc)
		return cli_usage(c, "demo");
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
		if (cli_open_community(c, 1, err) != 0)
			return cli_fail("demo: %s", err);
	} else {
		if (cli_create_community(c, err) != 0)
			return cli_fail("demo: %s", err);
		if (demo_fill(c->gate, pw, sizeof(pw), err) != 0)
			return cli_fail("demo: %s", err);
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
	rc = serve ? serve_community(c, &cfg) : EXIT_OK;
	return rc;
}
