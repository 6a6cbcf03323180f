/*
** test_prevention.c: prevention's rules: names that look alike, the
** confidentiality pledge's versions, and small groups with waiting lists.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin/users.h"
#include "app.h"
#include "core/gate.h"
#include "core/throttle.h"
#include "crypto/digest.h"
#include "prevention/copymark.h"
#include "prevention/groups.h"
#include "prevention/membership.h"
#include "prevention/pledge.h"
#include "prevention/pseudonym.h"
#include "prevention/training.h"
#include "prevention/violations.h"
#include "store/accounts.h"
#include "store/community.h"
#include "store/db.h"
#include "store/membership.h"
#include "store/prevention.h"
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
test_pseudonym_any_script(void)
{
	char out[PSEUDONYM_MAX + 1];

	CHECK(pseudonym_normalize("river-stone", out, sizeof(out)) == 0);
	CHECK(strcmp(out, "river-stone") == 0);
	CHECK(pseudonym_normalize("\u5C0F\u96E8", out, sizeof(out)) == 0);
	CHECK(pseudonym_normalize("\u0391\u03C5\u03B3\u03AE", out,
	    sizeof(out)) == 0);				/* Greek */
	CHECK(pseudonym_normalize("\u0646\u0648\u0631", out, sizeof(out))
	    == 0);					/* Arabic */
	CHECK(pseudonym_normalize("\u0905\u0928\u0941", out, sizeof(out))
	    == 0);					/* a vowel sign */
	CHECK(pseudonym_normalize("mar\u00EDa_2", out, sizeof(out)) == 0);
	/* typed decomposed, kept composed */
	CHECK(pseudonym_normalize("mari\u0301a", out, sizeof(out)) == 0);
	CHECK(strcmp(out, "mar\u00EDa") == 0);
	/* what a name cannot be */
	CHECK(pseudonym_normalize("", out, sizeof(out)) == -1);
	CHECK(pseudonym_normalize("-river", out, sizeof(out)) == -1);
	CHECK(pseudonym_normalize("\u0301a", out, sizeof(out)) == -1);
	CHECK(pseudonym_normalize("two words", out, sizeof(out)) == -1);
	CHECK(pseudonym_normalize("a<b", out, sizeof(out)) == -1);
	CHECK(pseudonym_normalize("zero\u200Bwidth", out, sizeof(out)) == -1);
	CHECK(pseudonym_normalize("bad\xC3", out, sizeof(out)) == -1);
	CHECK(pseudonym_normalize("\U0001F600", out, sizeof(out)) == -1);
	CHECK(pseudonym_normalize("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "aaaaaaaaaaaaaaaaaaaaaaaaa", out, sizeof(out)) == -1); /* 65 */
	CHECK(pseudonym_normalize("\u5C0F\u5C0F\u5C0F\u5C0F\u5C0F\u5C0F"
	    "\u5C0F\u5C0F\u5C0F\u5C0F\u5C0F\u5C0F\u5C0F\u5C0F\u5C0F"
	    "\u5C0F\u5C0F\u5C0F\u5C0F\u5C0F\u5C0F", out, sizeof(out)) == 0);
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

/* A count from the database: "SELECT count(*) FROM notices WHERE ..."
** cannot be bound here, so each question is its own literal. */
static int64_t
count_of(struct db *db, const char *which)
{
	struct stmt q;
	int64_t n = -1;
	int rc;

	if (strcmp(which, "notices.pledge") == 0)
		rc = db_prepare(db, &q, "SELECT count(*) FROM notices WHERE "
		    "kind = 'pledge.new'");
	else if (strcmp(which, "notices.place") == 0)
		rc = db_prepare(db, &q, "SELECT count(*) FROM notices WHERE "
		    "kind = 'group.place'");
	else if (strcmp(which, "versions") == 0)
		rc = db_prepare(db, &q, "SELECT count(*) FROM pledge_versions");
	else
		rc = db_prepare(db, &q, "SELECT count(*) FROM group_members "
		    "WHERE left_at IS NOT NULL");
	CHECK(rc == 0);
	if (rc == 0) {
		if (db_step(&q) == DB_ROW)
			n = db_col_int(&q, 0);
		db_finalize(&q);
	}
	return n;
}

/* The digest kept with an acceptance is that of the exact words. */
static int
accepted_digest_is(struct db *db, int64_t member, const char *text)
{
	uint8_t d[DIGEST_BYTES];
	struct stmt q;
	const void *p;
	size_t n = 0;
	int same = 0;

	digest_text(text, strlen(text), d);
	CHECK(db_prepare(db, &q, "SELECT text_hash FROM pledges WHERE "
	    "member_id = :m ORDER BY id DESC LIMIT 1") == 0);
	db_bind_int(&q, ":m", member);
	if (db_step(&q) == DB_ROW) {
		p = db_col_blob(&q, 0, &n);
		same = n == sizeof(d) && memcmp(p, d, n) == 0;
	}
	db_finalize(&q);
	return same;
}

void
test_pledge_versions(void)
{
	struct app a;
	struct app_opts o = { 0 };
	struct gate *g;
	struct pledge p;
	char db[512], err[ERR_MAX];
	int64_t m1, m2, v = 0;

	snprintf(db, sizeof(db), "%s/pledge.db", test_tmpdir());
	o.db_path = db;
	CHECK(app_create(&o, &a, err) == 0);
	g = test_gate(&a);
	test_gate_begin(g);
	CHECK(community_member_add(a.db, "willow", 0, 1, &m1) == 0);
	CHECK(community_member_add(a.db, "\u5C0F\u96E8", 0, 1, &m2) == 0);
	test_gate_commit(g);

	/* the default is in force before anything is stored */
	CHECK(pledge_current(a.db, &p) == 0);
	CHECK(p.version == 1 && !p.stored);
	CHECK(strcmp(p.body, pledge_default_text) == 0);
	CHECK(strstr(p.body, "screenshots") != NULL);
	CHECK(strstr(p.body, "traced") != NULL);
	pledge_free(&p);
	CHECK(pledge_accepted_current(a.db, m1) == 0);
	CHECK(count_of(a.db, "versions") == 0);

	/* accepting it stores it, with the digest of its words */
	CHECK(pledge_accept(g, m1, "willow", &v, err) == 0 && v == 1);
	CHECK(pledge_accepted_current(a.db, m1) == 1);
	CHECK(pledge_accepted_current(a.db, m2) == 0);
	CHECK(accepted_digest_is(a.db, m1, pledge_default_text));
	CHECK(count_of(a.db, "versions") == 1);
	CHECK(pledge_accept(g, m1, "willow", &v, err) == 0 && v == 1);

	/* a new version asks everyone again */
	CHECK(pledge_publish(g, "Kept in the group.\n", &v, err) == 0);
	CHECK(v == 2);
	CHECK(pledge_accepted_current(a.db, m1) == 0);
	CHECK(count_of(a.db, "notices.pledge") == 2);
	CHECK(pledge_current(a.db, &p) == 0);
	CHECK(p.version == 2 && p.stored &&
	    strcmp(p.body, "Kept in the group.\n") == 0);
	pledge_free(&p);
	CHECK(pledge_accept(g, m2, "\u5C0F\u96E8", &v, err) == 0 && v == 2);
	CHECK(accepted_digest_is(a.db, m2, "Kept in the group.\n"));
	CHECK(pledge_accepted_current(a.db, m2) == 1);

	/* what is refused changes nothing */
	CHECK(pledge_publish(g, "Kept in the group.\n", &v, err) == -1);
	CHECK(strstr(err, "in force already") != NULL);
	CHECK(pledge_publish(g, "", &v, err) == -1);
	CHECK(pledge_publish(g, "bad \xC3 byte", &v, err) == -1);
	CHECK(pledge_publish(g, "a bell \a", &v, err) == -1);
	CHECK(count_of(a.db, "versions") == 2);
	CHECK(count_of(a.db, "notices.pledge") == 2);
	gate_free(g);
	app_close(&a);
}

void
test_groups_cap_and_waiting_list(void)
{
	struct app a;
	struct app_opts o = { 0 };
	struct gate *g;
	char db[512], err[ERR_MAX], name[32];
	int64_t gid, big, m[16], pos = 0, told = 0, v;
	int i;

	snprintf(db, sizeof(db), "%s/groups.db", test_tmpdir());
	o.db_path = db;
	CHECK(app_create(&o, &a, err) == 0);
	g = test_gate(&a);
	CHECK(groups_create(g, "Too many", 15, &gid, err) == -1);
	CHECK(strstr(err, "2 to 14") != NULL);
	CHECK(groups_create(g, "Alone", 1, &gid, err) == -1);
	CHECK(groups_create(g, "Big", GROUPS_MAX_CAPACITY, &big, err) == 0);
	CHECK(groups_create(g, "Circle", 3, &gid, err) == 0);
	CHECK(groups_create(g, "circle", 3, &v, err) == DB_EXISTS);
	test_gate_begin(g);
	for (i = 0; i < 16; i++) {
		snprintf(name, sizeof(name), "member-%d", i);
		CHECK(community_member_add(a.db, name, 0, 1, &m[i]) == 0);
	}
	test_gate_commit(g);

	/* no group without the pledge in force */
	CHECK(groups_join(g, gid, m[0], 0, &pos, err) == -1);
	CHECK(strstr(err, "pledge") != NULL);
	for (i = 0; i < 16; i++) {
		snprintf(name, sizeof(name), "member-%d", i);
		CHECK(pledge_accept(g, m[i], name, &v, err) == 0);
	}
	CHECK(groups_join(g, gid, m[0], 0, &pos, err) == GROUPS_JOINED);
	CHECK(groups_join(g, gid, m[0], 0, &pos, err) == GROUPS_ALREADY);
	CHECK(groups_join(g, gid, m[1], 0, &pos, err) == GROUPS_JOINED);
	CHECK(groups_join(g, gid, m[2], 0, &pos, err) == GROUPS_JOINED);
	/* full: refused, or a place on the waiting list */
	CHECK(groups_join(g, gid, m[3], 0, &pos, err) == GROUPS_FULL);
	CHECK(strstr(err, "3 of 3") != NULL);
	CHECK(groups_join(g, gid, m[3], 1, &pos, err) == GROUPS_WAITING);
	CHECK(pos == 1);
	CHECK(groups_join(g, gid, m[4], 1, &pos, err) == GROUPS_WAITING);
	CHECK(pos == 2);
	CHECK(groups_join(g, gid, m[3], 1, &pos, err) == GROUPS_WAITING);
	CHECK(pos == 1);
	/* a place opens: the first who waits is told, once */
	CHECK(groups_leave(g, gid, m[0], &told, err) == 1 && told == m[3]);
	CHECK(count_of(a.db, "notices.place") == 1);
	CHECK(count_of(a.db, "left") == 1);
	CHECK(groups_leave(g, gid, m[0], &told, err) == 0);
	/* they take it, and leave the waiting list */
	CHECK(groups_join(g, gid, m[3], 0, &pos, err) == GROUPS_JOINED);
	CHECK(groups_leave(g, gid, m[1], &told, err) == 1 && told == m[4]);
	CHECK(groups_leave(g, gid, m[1], &told, err) == 0);
	/* leaving the waiting list alone is leaving too */
	CHECK(groups_join(g, gid, m[5], 1, &pos, err) == GROUPS_JOINED);
	CHECK(groups_join(g, gid, m[6], 1, &pos, err) == GROUPS_WAITING);
	CHECK(groups_leave(g, gid, m[6], &told, err) == 1 && told == 0);

	/* 14 at most, even for the largest group */
	for (i = 0; i < 16; i++)
		CHECK(groups_join(g, big, m[i], 0, &pos, err) ==
		    (i < GROUPS_MAX_CAPACITY ? GROUPS_JOINED : GROUPS_FULL));

	/* a new pledge closes every group until it is accepted */
	CHECK(pledge_publish(g, "New words.\n", &v, err) == 0);
	CHECK(groups_join(g, gid, m[7], 1, &pos, err) == -1);
	CHECK(pledge_accept(g, m[7], "member-7", &v, err) == 0);
	CHECK(groups_join(g, gid, m[7], 1, &pos, err) == GROUPS_WAITING);

	/* an erasure and a removal free places too: the next are told; a
	** suspension keeps the place */
	CHECK(pledge_accept(g, m[8], "member-8", &v, err) == 0);
	CHECK(groups_join(g, gid, m[8], 1, &pos, err) == GROUPS_WAITING);
	CHECK(count_of(a.db, "notices.place") == 2);
	test_gate_begin(g);
	CHECK(prevention_member_erase(a.db, m[2]) == 0);
	test_gate_commit(g);
	CHECK(count_of(a.db, "notices.place") == 3);
	test_gate_begin(g);
	CHECK(prevention_member_restrict(a.db, m[3], 0, 1) == 0);
	test_gate_commit(g);
	CHECK(count_of(a.db, "notices.place") == 4);
	test_gate_begin(g);
	CHECK(prevention_member_restrict(a.db, m[5], 2000000000, 1) == 0);
	test_gate_commit(g);
	CHECK(count_of(a.db, "notices.place") == 4);
	gate_free(g);
	app_close(&a);
}

void
test_import_membership_history(void)
{
	struct app a;
	struct app_opts o = { 0 };
	struct gate *g;
	struct stmt q;
	char db[512], err[ERR_MAX];
	int64_t gid, mid, n = 0, joined = 0;

	snprintf(db, sizeof(db), "%s/history.db", test_tmpdir());
	o.db_path = db;
	CHECK(app_create(&o, &a, err) == 0);
	g = test_gate(&a);
	test_gate_begin(g);
	CHECK(community_group_add(a.db, "general", "", 2, 1, &gid) == 0);
	CHECK(community_member_add(a.db, "fern", 0, 1, &mid) == 0);
	/* posts come in any order: membership starts at the first */
	CHECK(community_membership_since(a.db, gid, mid, 5000) == 0);
	CHECK(community_membership_since(a.db, gid, mid, 3000) == 0);
	CHECK(community_membership_since(a.db, gid, mid, 9000) == 0);
	test_gate_commit(g);
	CHECK(db_prepare(a.db, &q, "SELECT count(*), min(joined_at) FROM "
	    "group_members WHERE member_id = :m") == 0);
	db_bind_int(&q, ":m", mid);
	if (db_step(&q) == DB_ROW) {
		n = db_col_int(&q, 0);
		joined = db_col_int(&q, 1);
	}
	db_finalize(&q);
	CHECK(n == 1 && joined == 3000);
	gate_free(g);
	app_close(&a);
}

/* Pieces of copymark_split, joined, and the same without the marks. */
struct marked {
	char all[8192], plain[4096];
	size_t nall, nplain, marks;
	int mark_in_word;
};

static int
join_piece(void *ctx, const char *p, size_t n, int is_mark)
{
	struct marked *m = ctx;

	if (m->nall + n >= sizeof(m->all))
		return 1;
	if (is_mark) {
		m->marks++;
		/* never inside a word: after white space, or at the start */
		if (m->nplain > 0 && m->plain[m->nplain - 1] != ' ' &&
		    m->plain[m->nplain - 1] != '\n')
			m->mark_in_word = 1;
	} else {
		memcpy(m->plain + m->nplain, p, n);
		m->nplain += n;
	}
	memcpy(m->all + m->nall, p, n);
	m->nall += n;
	return 0;
}

/* The accounts named by the marks in text, read in pieces of step bytes
** (any byte boundary), into acc; returns how many. */
static size_t
read_marks(const struct gate *g, const char *text, size_t n, size_t step,
    int64_t *acc, size_t max)
{
	struct copymark_reader *r = malloc(sizeof(*r));
	size_t i, k = 0;

	copymark_reader_init(r);
	for (i = 0; i < n; i += step)
		copymark_reader_feed(r, text + i, n - i < step ? n - i : step);
	copymark_reader_finish(r);
	for (i = 0; i < r->ncodes && k < max; i++)
		if (copymark_verify(g, r->codes[i], &acc[k]))
			k++;
	free(r);
	return k;
}

void
test_copymark_survives_copying(void)
{
	static const char post[] =
	    "I have not told anyone this before. Last winter I stopped going "
	    "to work for three weeks and nobody at home noticed. I am doing "
	    "a little better now!\nThank you all for listening, it means "
	    "more than I can say right now and I will try to come back "
	    "tomorrow evening if I can manage it at all.";
	struct app a, b;
	struct app_opts o = { 0 };
	struct gate *g, *other;
	struct marked *m = calloc(1, sizeof(*m));
	char db[512], err[ERR_MAX], mark[COPYMARK_BYTES + 1];
	char copy[8192], *q;
	int64_t acc[8];
	size_t i, n, k;

	snprintf(db, sizeof(db), "%s/marks.db", test_tmpdir());
	o.db_path = db;
	CHECK(app_create(&o, &a, err) == 0);
	g = test_gate(&a);
	snprintf(db, sizeof(db), "%s/other.db", test_tmpdir());
	o.db_path = db;
	CHECK(app_create(&o, &b, err) == 0);
	other = test_gate(&b);

	CHECK(copymark_make(g, 0, mark) == -1);
	CHECK(copymark_make(g, COPYMARK_MAX_ACCOUNT, mark) == -1);
	CHECK(copymark_make(g, 42, mark) == 0);
	CHECK(strlen(mark) == COPYMARK_BYTES);
	CHECK(copymark_split(post, strlen(post), mark, join_piece, m) == 0);
	/* the text itself is untouched, and marked often */
	CHECK(m->nplain == strlen(post) && memcmp(m->plain, post, m->nplain)
	    == 0);
	CHECK(!m->mark_in_word);
	CHECK(m->marks >= 6);

	/* the whole, read in pieces of any size */
	for (i = 1; i <= 7; i += 3) {
		n = read_marks(g, m->all, m->nall, i, acc, 8);
		CHECK(n == 1 && acc[0] == 42);
	}
	/* only this community's key reads it */
	CHECK(read_marks(other, m->all, m->nall, 4096, acc, 8) == 0);

	/* a quote of one sentence from the middle, re-wrapped */
	q = strstr(m->all, "Last winter");
	CHECK(q != NULL);
	n = (size_t)(strstr(m->all, "noticed.") + 8 - q);
	memcpy(copy, q, n);
	for (i = 0; i < n; i++)
		if (copy[i] == ' ' && i % 3 == 0)
			copy[i] = '\n';
	k = read_marks(g, copy, n, 4096, acc, 8);
	CHECK(k == 1 && acc[0] == 42);

	/* a broken mark names nobody; nor does one of another account's
	** bits with this account's MAC */
	memcpy(copy, m->all, COPYMARK_BYTES);
	copy[COPYMARK_BYTES - 1] = copy[COPYMARK_BYTES - 1] == '\x8B' ?
	    '\x8C' : '\x8B';
	CHECK(read_marks(g, copy, COPYMARK_BYTES, 4096, acc, 8) == 0);
	CHECK(read_marks(g, copy, COPYMARK_BYTES - 3, 4096, acc, 8) == 0);

	/* two viewers' copies pasted together name both */
	CHECK(copymark_make(g, 7, mark) == 0);
	memcpy(copy, m->all, m->nall);
	memcpy(copy + m->nall, " and ", 5);
	memcpy(copy + m->nall + 5, mark, COPYMARK_BYTES);
	memcpy(copy + m->nall + 5 + COPYMARK_BYTES, "hello", 5);
	k = read_marks(g, copy, m->nall + 10 + COPYMARK_BYTES, 4096, acc, 8);
	CHECK(k == 2);

	/* a long run of the same characters is not read as many marks */
	for (i = 0, n = 0; i < 2000; i++, n += 3)
		memcpy(copy + n, "\xE2\x80\x8B", 3);
	CHECK(read_marks(g, copy, n, 4096, acc, 8) == 0);
	free(m);
	gate_free(g);
	gate_free(other);
	app_close(&a);
	app_close(&b);
}

/* How many applications are kept. */
static int64_t
applications(struct db *db)
{
	struct stmt q;
	int64_t n = -1;

	if (db_prepare(db, &q, "SELECT count(*) FROM applications") == 0) {
		if (db_step(&q) == DB_ROW)
			n = db_col_int(&q, 0);
		db_finalize(&q);
	}
	return n;
}

void
test_membership_applications(void)
{
	struct app a;
	struct app_opts o = { 0 };
	struct gate *g;
	struct application_form f;
	struct membership_status st;
	struct stmt q;
	char db[512], err[ERR_MAX] = "", code[TOKEN_LEN + 1], code2[TOKEN_LEN + 1];
	char tok[TOKEN_LEN + 1], name[72], *plain;
	int64_t id, id2, inv, mid = 0, wait = 0;
	void *contact = NULL;
	size_t cn = 0;
	int i;

	snprintf(db, sizeof(db), "%s/apply.db", test_tmpdir());
	o.db_path = db;
	CHECK(app_create(&o, &a, err) == 0);
	g = test_gate(&a);

	/* what is refused keeps nothing */
	memset(&f, 0, sizeof(f));
	f.pseudonym = "\u5C0F\u96E8";
	f.contact = "signal +1 555 0100";
	f.answers[0] = "A friend told me.";
	CHECK(membership_apply(g, &f, code, &id) == MEMBERSHIP_NO_PLEDGE);
	f.pledge_version = 2;
	CHECK(membership_apply(g, &f, code, &id) == MEMBERSHIP_PLEDGE_CHANGED);
	f.pledge_version = 1;
	f.answers[1] = "bad \x01 byte";
	CHECK(membership_apply(g, &f, code, &id) == MEMBERSHIP_INVALID);
	f.answers[1] = NULL;
	f.pseudonym = "two words";
	CHECK(membership_apply(g, &f, code, &id) == MEMBERSHIP_NAME);
	CHECK(applications(a.db) == 0);

	/* taken, and the same name again, or one that looks like it */
	f.pseudonym = "\u5C0F\u96E8";
	CHECK(membership_apply(g, &f, code, &id) == MEMBERSHIP_OK);
	CHECK(strlen(code) == TOKEN_LEN);
	CHECK(membership_apply(g, &f, code2, &id2) == MEMBERSHIP_TAKEN);
	memset(&f, 0, sizeof(f));
	f.pledge_version = 1;
	f.pseudonym = "robin";
	CHECK(membership_apply(g, &f, code2, &id2) == MEMBERSHIP_OK);
	f.pseudonym = "r0bin";
	CHECK(membership_apply(g, &f, tok, &id) == MEMBERSHIP_TAKEN);
	CHECK(applications(a.db) == 2);

	/* floods from one address */
	f.address = "192.0.2.7";
	f.pseudonym = "ash1";
	CHECK(membership_apply(g, &f, tok, &id) == MEMBERSHIP_OK);
	f.pseudonym = "ash2";
	CHECK(membership_apply(g, &f, tok, &id) == MEMBERSHIP_OK);
	f.pseudonym = "ash3";
	CHECK(membership_apply(g, &f, tok, &id) == MEMBERSHIP_OK);
	f.pseudonym = "ash4";
	CHECK(membership_apply(g, &f, tok, &id) == MEMBERSHIP_FLOOD);
	f.address = "192.0.2.8";
	CHECK(membership_apply(g, &f, tok, &id) == MEMBERSHIP_OK);

	/* names asked about from one address: each answer that a name is in
	** use is counted, so no one tries name after name */
	f.address = "192.0.2.9";
	f.wait = &wait;
	for (i = 0; i < MEMBERSHIP_NAMES_PER_ADDRESS; i++) {
		f.pseudonym = i % 2 ? "robin" : "r0bin";
		CHECK(membership_apply(g, &f, tok, &id) == MEMBERSHIP_TAKEN);
	}
	f.pseudonym = "wren";
	CHECK(membership_apply(g, &f, tok, &id) == MEMBERSHIP_FLOOD);
	CHECK(wait > 0 && wait <= THROTTLE_WINDOW);
	f.address = "192.0.2.10";
	CHECK(membership_apply(g, &f, tok, &id) == MEMBERSHIP_OK);
	f.address = NULL;
	f.wait = NULL;

	/* status, approval, the contact moved unread, activation once */
	CHECK(membership_check(g, code, &st) == 1);
	CHECK(strcmp(st.status, "pending") == 0 && st.link[0] == '\0');
	CHECK(membership_check(g, "no-such-code", &st) == 0);
	CHECK(membership_decide(g, 1, 1, "Welcome, \u5C0F\u96E8.", err) == 0);
	CHECK(membership_decide(g, 1, 0, "Again.", err) == 1);
	CHECK(community_member_by_pseudonym(a.db, "\u5C0F\u96E8", &mid) == 1);
	test_gate_begin(g);
	CHECK(db_prepare(a.db, &q, "SELECT contact_sealed FROM members WHERE "
	    "id = :m") == 0);
	db_bind_int(&q, ":m", mid);
	if (db_step(&q) == DB_ROW) {
		const void *p = db_col_blob(&q, 0, &cn);
		if (p && (contact = malloc(cn)) != NULL)
			memcpy(contact, p, cn);
	}
	db_finalize(&q);
	plain = contact ? gate_open(g, SEALED_MEMBER_CONTACT, mid, contact, cn,
	    err) : NULL;
	CHECK(plain && strcmp(plain, "signal +1 555 0100") == 0);
	gate_wipe(plain);
	free(contact);
	test_gate_commit(g);
	CHECK(pledge_accepted_current(a.db, mid) == 1);
	CHECK(membership_check(g, code, &st) == 1);
	CHECK(strcmp(st.status, "approved") == 0);
	CHECK(strstr(st.message, "Welcome") != NULL && st.link[0]);
	snprintf(tok, sizeof(tok), "%s", st.link);
	/* a fresh link replaces the one before */
	CHECK(membership_check(g, code, &st) == 1);
	CHECK(membership_activate(g, tok, "a long enough password", name,
	    sizeof(name), err) == 1);
	CHECK(membership_activate(g, st.link, "short", name, sizeof(name),
	    err) == -1);
	CHECK(membership_activate(g, st.link, "a long enough password", name,
	    sizeof(name), err) == 0);
	CHECK(strcmp(name, "\u5C0F\u96E8") == 0);
	CHECK(membership_activate(g, st.link, "a long enough password", name,
	    sizeof(name), err) == 1);
	/* the member's own contact details open for them, and for nobody
	** else through that door, an admin included */
	{
		int64_t uid = 0;
		void *c2 = NULL;
		size_t c2n = 0;

		CHECK(accounts_user_id(a.db, name, &uid) == 1);
		CHECK(community_member_contact(a.db, mid, &c2, &c2n) == 1);
		gate_set_actor(g, uid, name, ROLE_MEMBER);
		plain = gate_open_own(g, SEALED_MEMBER_CONTACT, mid, c2, c2n,
		    err);
		CHECK(plain && strcmp(plain, "signal +1 555 0100") == 0);
		gate_wipe(plain);
		gate_set_actor(g, 0, "unit test", ROLE_ADMIN);
		CHECK(gate_open_own(g, SEALED_MEMBER_CONTACT, mid, c2, c2n,
		    err) == NULL);
		free(c2);
	}
	/* an activation link that has expired */
	memset(&f, 0, sizeof(f));
	f.pledge_version = 1;
	f.pseudonym = "late";
	CHECK(membership_apply(g, &f, code, &id) == MEMBERSHIP_OK);
	CHECK(membership_decide(g, id, 1, "Welcome.", err) == 0);
	CHECK(membership_check(g, code, &st) == 1 && st.link[0]);
	test_gate_begin(g);
	CHECK(db_prepare(a.db, &q, "UPDATE applications SET "
	    "activation_expires = 1 WHERE id = :id") == 0);
	db_bind_int(&q, ":id", id);
	CHECK(db_step_done(&q) == 0);
	test_gate_commit(g);
	CHECK(membership_activate(g, st.link, "a long enough password", name,
	    sizeof(name), err) == 1);

	/* a declined application keeps no contact details or answers */
	CHECK(membership_decide(g, id2, 0, "Not just now.", err) == 0);
	CHECK(membership_check(g, code2, &st) == 1);
	CHECK(strcmp(st.status, "declined") == 0 && st.link[0] == '\0');
	CHECK(community_member_by_pseudonym(a.db, "robin", &mid) == 0);

	/* invited people only: an invitation, used up */
	CHECK(membership_set_mode(g, MEMBERSHIP_INVITED, err) == 0);
	memset(&f, 0, sizeof(f));
	f.pledge_version = 1;
	f.pseudonym = "fern";
	CHECK(membership_apply(g, &f, tok, &id) == MEMBERSHIP_NO_INVITATION);
	CHECK(membership_invite(g, 0, 1, "", code, &inv, err) == -1);
	CHECK(membership_invite(g, 3, 1, "for fern", code, &inv, err) == 0);
	CHECK(membership_valid_invitation(g, code));
	f.invitation = code;
	CHECK(membership_apply(g, &f, tok, &id) == MEMBERSHIP_OK);
	CHECK(!membership_valid_invitation(g, code));
	f.pseudonym = "oak";
	CHECK(membership_apply(g, &f, tok, &id) == MEMBERSHIP_NO_INVITATION);
	/* an invitation that has expired */
	CHECK(membership_invite(g, 3, 5, "", code, &inv, err) == 0);
	test_gate_begin(g);
	CHECK(db_prepare(a.db, &q, "UPDATE invitations SET expires_at = 1 "
	    "WHERE id = :id") == 0);
	db_bind_int(&q, ":id", inv);
	CHECK(db_step_done(&q) == 0);
	test_gate_commit(g);
	f.invitation = code;
	CHECK(!membership_valid_invitation(g, code));
	CHECK(membership_apply(g, &f, tok, &id) == MEMBERSHIP_NO_INVITATION);
	gate_free(g);
	app_close(&a);
}

void
test_violations_ladder(void)
{
	struct app a;
	struct app_opts o = { 0 };
	struct gate *g;
	struct ladder_step s[VIOLATIONS_LADDER_MAX], got;
	struct stmt q;
	char db[512], err[ERR_MAX] = "", status[16];
	int64_t m, gid, id, pos, v;
	int n;

	snprintf(db, sizeof(db), "%s/violations.db", test_tmpdir());
	o.db_path = db;
	CHECK(app_create(&o, &a, err) == 0);
	g = test_gate(&a);

	/* the default ladder, a community's own, and what is not one */
	n = violations_ladder(a.db, s, VIOLATIONS_LADDER_MAX);
	CHECK(n == 3 && strcmp(s[0].step, "warning") == 0 &&
	    strcmp(s[1].step, "suspension") == 0 && s[1].days == 7 &&
	    strcmp(s[2].step, "removal") == 0);
	CHECK(violations_set_ladder(g, "warning,suspension", err) == -1);
	CHECK(violations_set_ladder(g, "warning,exile", err) == -1);
	CHECK(violations_set_ladder(g, "suspension:400", err) == -1);
	CHECK(violations_set_ladder(g, "warning,suspension:3,removal", err)
	    == 0);
	CHECK(violations_ladder(a.db, s, VIOLATIONS_LADDER_MAX) == 3 &&
	    s[1].days == 3);

	test_gate_begin(g);
	CHECK(community_member_add(a.db, "fern", 0, 1, &m) == 0);
	test_gate_commit(g);
	CHECK(groups_create(g, "Circle", 5, &gid, err) == 0);
	CHECK(pledge_accept(g, m, "fern", &v, err) == 0);
	CHECK(groups_join(g, gid, m, 0, &pos, err) == GROUPS_JOINED);

	/* a message is needed; then the ladder, step by step */
	CHECK(violations_record(g, m, 0, NULL, 0, "", NULL, &id, &got, err)
	    == -1);
	CHECK(violations_record(g, m, 0, NULL, 0, "Please keep posts here.",
	    "secret-note-canary", &id, &got, err) == 0);
	CHECK(strcmp(got.step, "warning") == 0);
	CHECK(community_member_status(a.db, m, status, sizeof(status)) == 1 &&
	    strcmp(status, "active") == 0);
	CHECK(violations_record(g, m, 0, NULL, 0, "Again.", NULL, &id, &got,
	    err) == 0);
	CHECK(strcmp(got.step, "suspension") == 0 && got.days == 3);
	CHECK(community_member_status(a.db, m, status, sizeof(status)) == 1 &&
	    strcmp(status, "suspended") == 0);
	CHECK(groups_join(g, gid, m, 0, &pos, err) == -1);	/* suspended */
	/* a suspension ends by itself */
	test_gate_begin(g);
	CHECK(db_prepare(a.db, &q, "UPDATE members SET suspended_until = 1 "
	    "WHERE id = :m") == 0);
	db_bind_int(&q, ":m", m);
	CHECK(db_step_done(&q) == 0);
	test_gate_commit(g);
	CHECK(community_member_status(a.db, m, status, sizeof(status)) == 1 &&
	    strcmp(status, "active") == 0);
	/* the last step, and beyond it the last again */
	CHECK(violations_record(g, m, 0, NULL, 0, "We are ending this.", NULL,
	    &id, &got, err) == 0);
	CHECK(strcmp(got.step, "removal") == 0);
	CHECK(community_member_status(a.db, m, status, sizeof(status)) == 1 &&
	    strcmp(status, "left") == 0);
	CHECK(groups_join(g, gid, m, 0, &pos, err) == -1);
	CHECK(violations_record(g, m, 0, NULL, 0, "Still.", NULL, &id, &got,
	    err) == 0 && strcmp(got.step, "removal") == 0);
	/* named steps, checked */
	CHECK(violations_record(g, m, 0, "suspension", 0, "x", NULL, &id, &got,
	    err) == -1);
	CHECK(violations_record(g, m, 0, "exile", 0, "x", NULL, &id, &got,
	    err) == -1);
	/* the note is sealed */
	CHECK(db_prepare(a.db, &q, "SELECT count(*) FROM violations WHERE "
	    "CAST(note_sealed AS TEXT) LIKE '%canary%'") == 0);
	CHECK(db_step(&q) == DB_ROW && db_col_int(&q, 0) == 0);
	db_finalize(&q);
	gate_free(g);
	app_close(&a);
}

void
test_training_opens_leaked_material(void)
{
	struct app a;
	struct app_opts o = { 0 };
	struct gate *g, *mo;
	struct user u;
	char db[512], err[ERR_MAX] = "", *plain;
	uint8_t *sealed;
	size_t n;
	int64_t now = util_now();

	snprintf(db, sizeof(db), "%s/training.db", test_tmpdir());
	o.db_path = db;
	CHECK(app_create(&o, &a, err) == 0);
	g = test_gate(&a);
	CHECK(users_add(g, "mo", ROLE_MODERATOR, "a long enough password", 0,
	    err) == 0);
	CHECK(accounts_user_by_name(a.db, "mo", &u) == 1);
	mo = test_gate(&a);
	gate_set_actor(mo, u.id, "mo", ROLE_MODERATOR);

	/* nothing defined: the defaults are asked, and nobody has them */
	CHECK(prevention_training_current(a.db, u.id, now) == 0);
	CHECK(training_record(g, "mo", "no such training", now, err) == -1);
	CHECK(training_record(g, "nobody", "mental health first aid", now,
	    err) == -1);
	CHECK(training_record(g, "mo", "mental health first aid", now +
	    86400 * 9, err) == -1);		/* in the future */
	CHECK(training_record(g, "mo", "mental health first aid", now, err)
	    == 0);
	CHECK(prevention_training_count(a.db) == 2);
	CHECK(prevention_training_current(a.db, u.id, now) == 0);

	/* leaked material stays closed until every training is current */
	test_gate_begin(g);
	sealed = gate_seal(g, SEALED_LEAK_MATERIAL, 1, "leaked words", &n);
	test_gate_commit(g);
	test_gate_begin(mo);
	CHECK(gate_open(mo, SEALED_LEAK_MATERIAL, 1, sealed, n, err) == NULL);
	CHECK(strstr(err, "no current training") != NULL);
	test_gate_commit(mo);
	/* an old completion has lapsed; a recent one counts */
	CHECK(training_record(g, "mo", "trauma-informed communication",
	    now - 86400 * 800, err) == 0);
	CHECK(prevention_training_current(a.db, u.id, now) == 0);
	CHECK(training_record(g, "mo", "trauma-informed communication",
	    now - 86400 * 10, err) == 0);
	CHECK(prevention_training_current(a.db, u.id, now) == 1);
	test_gate_begin(mo);
	plain = gate_open(mo, SEALED_LEAK_MATERIAL, 1, sealed, n, err);
	CHECK(plain && strcmp(plain, "leaked words") == 0);
	gate_wipe(plain);
	test_gate_commit(mo);
	/* a training added later is asked of everyone at once */
	CHECK(training_add(g, "safeguarding", 365, err) == 0);
	CHECK(training_add(g, "Safeguarding", 365, err) == -1);
	CHECK(training_add(g, "forever", 0, err) == -1);
	CHECK(prevention_training_current(a.db, u.id, now) == 0);
	free(sealed);
	gate_free(mo);
	gate_free(g);
	app_close(&a);
}
