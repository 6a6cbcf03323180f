/*
** test_prevention.c: prevention's rules: names that look alike.
*/
#include <stdio.h>
#include <string.h>

#include "admin/users.h"
#include "app.h"
#include "core/gate.h"
#include "prevention/pseudonym.h"
#include "store/accounts.h"
#include "store/community.h"
#include "store/db.h"
#include "test.h"
#include "util/util.h"

static int
alike(const char *a, const char *b)
{
	char sa[PSEUDONYM_SKELETON_MAX], sb[PSEUDONYM_SKELETON_MAX];

	CHECK(pseudonym_skeleton(a, sa, sizeof(sa)) == 0);
	CHECK(pseudonym_skeleton(b, sb, sizeof(sb)) == 0);
	return strcmp(sa, sb) == 0;
}

void
test_pseudonym_skeleton(void)
{
	char out[PSEUDONYM_SKELETON_MAX];

	CHECK(alike("robin", "robin"));
	CHECK(alike("robin", "ROBIN"));
	CHECK(alike("robin", "r0bin"));			/* digit zero */
	CHECK(alike("robin", "r\u03BFbin"));		/* Greek omicron */
	CHECK(alike("robin", "r\u043Ebin"));		/* Cyrillic o */
	CHECK(alike("robin", "rob_in"));
	CHECK(alike("robin", "\uFF52obin"));		/* fullwidth r */
	CHECK(alike("moderator", "rnoderator"));	/* r n reads as m */
	CHECK(alike("mod1", "modl"));
	CHECK(alike("willow", "wi11ow"));
	CHECK(!alike("robin", "robyn"));
	CHECK(!alike("robin", "r\u00F6bin"));		/* an o with marks */
	CHECK(!alike("\u5C0F\u96E8", "\u5C0F\u96EA"));	/* other Han names */
	CHECK(alike("\u0410\u043D\u043D\u0430", "\u0430\u043D\u043D\u0430"));
	/* invalid UTF-8, and a skeleton that does not fit */
	CHECK(pseudonym_skeleton("ro\xC3", out, sizeof(out)) == -1);
	CHECK(pseudonym_skeleton("robin", out, 3) == -1);
}

void
test_pseudonym_lookalike_refused(void)
{
	struct app a;
	struct app_opts o = { 0 };
	struct gate *g;
	struct user u;
	char db[512], err[ERR_MAX], like[64];
	int64_t id;

	snprintf(db, sizeof(db), "%s/p.db", test_tmpdir());
	o.db_path = db;
	CHECK(app_create(&o, &a, err) == 0);
	g = test_gate(&a);
	/* an imported member, and a moderator */
	test_gate_begin(g);
	CHECK(community_member_add(a.db, "robin", 0, 1, &id) == 0);
	test_gate_commit(g);
	CHECK(users_add(g, "sam-moderator", ROLE_MODERATOR,
	    "correct horse battery", 0, err) == 0);

	CHECK(pseudonym_lookalike(a.db, "robin", like, sizeof(like)) == 0);
	CHECK(pseudonym_lookalike(a.db, "alex", like, sizeof(like)) == 0);
	CHECK(pseudonym_lookalike(a.db, "R0BIN", like, sizeof(like)) == 1 &&
	    strcmp(like, "robin") == 0);
	CHECK(pseudonym_lookalike(a.db, "ro\xC3", like, sizeof(like)) == -1);

	/* a member account passing for the moderator, or for robin, is
	** refused and nothing is kept */
	CHECK(users_add(g, "sarn_moderator", ROLE_MEMBER,
	    "correct horse battery", 0, err) != 0);
	CHECK(strstr(err, "looks like sam-moderator") != NULL);
	CHECK(accounts_user_by_name(a.db, "sarn_moderator", &u) == 0);
	CHECK(users_add(g, "Robin", ROLE_MEMBER, "correct horse battery", 0,
	    err) != 0);
	CHECK(strstr(err, "looks like robin") != NULL);
	CHECK(accounts_user_by_name(a.db, "Robin", &u) == 0);
	/* robin's own account joins the imported member */
	CHECK(users_add(g, "robin", ROLE_MEMBER, "correct horse battery", 0,
	    err) == 0);
	CHECK(accounts_user_by_name(a.db, "robin", &u) == 1);
	gate_free(g);
	app_close(&a);
}
