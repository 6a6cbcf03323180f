/*
** test_app.c: opening a community with the right and wrong key, and the
** promise that sensitive fields never reach the disk readable: the test
** writes marked values and then reads the raw database file and its WAL.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "community/post.h"
#include "core/gate.h"
#include "store/care.h"
#include "store/community.h"
#include "store/db.h"
#include "store/response.h"
#include "test.h"
#include "util/util.h"

/* The folder part of path, in a static buffer. */
static const char *
tmpdir_of(const char *path)
{
	static char dir[512];
	char *slash;

	snprintf(dir, sizeof(dir), "%s", path);
	slash = strrchr(dir, '/');
	if (slash)
		*slash = '\0';
	return dir;
}

void
test_app_wrong_key(void)
{
	struct app_opts o = { 0 }, w = { 0 };
	char db[512], other[600], err[ERR_MAX];
	struct app a;

	snprintf(db, sizeof(db), "%s/c.db", test_tmpdir());
	snprintf(other, sizeof(other), "%s/other.db", tmpdir_of(db));
	o.db_path = db;
	CHECK(app_create(&o, &a, err) == 0);
	app_close(&a);
	CHECK(app_create(&o, &a, err) == -1);	/* never over a community */
	CHECK(app_open(&o, &a, err) == 0);
	app_close(&a);
	/* a key made for another community does not open this one */
	w.db_path = other;
	CHECK(app_create(&w, &a, err) == 0);
	app_close(&a);
	snprintf(other, sizeof(other), "%s/other.db.key", tmpdir_of(db));
	o.key_file = other;
	CHECK(app_open(&o, &a, err) == -1);
	CHECK(strstr(err, "wrong key file") != NULL);
	o.key_file = "/nonexistent/key";
	CHECK(app_open(&o, &a, err) == -1);
	CHECK(strstr(err, "cannot open key file") != NULL);
}

/* Read a whole file into a malloc'd buffer; *n its size (0 if absent). */
static char *
slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	char *p;
	long len;

	*n = 0;
	if (f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	fseek(f, 0, SEEK_SET);
	p = malloc((size_t)len + 1);
	if (p && fread(p, 1, (size_t)len, f) == (size_t)len)
		*n = (size_t)len;
	fclose(f);
	return p;
}

/* Does any of the files hold needle? */
static int
found_on_disk(const char *db, const char *needle)
{
	const char *suffix[] = { "", "-wal", "-shm", "-journal" };
	char path[600];
	size_t i, n;
	char *p;
	int hit = 0;

	for (i = 0; i < 4; i++) {
		snprintf(path, sizeof(path), "%s%s", db, suffix[i]);
		p = slurp(path, &n);
		if (p && n && memmem(p, n, needle, strlen(needle)))
			hit = 1;
		free(p);
	}
	return hit;
}

void
test_app_no_plaintext_at_rest(void)
{
	struct app_opts o = { 0 };
	char db[512], err[ERR_MAX];
	const char *body = "canary-body: I have never said this aloud before";
	const char *contact = "canary-contact@example.org";
	const char *note = "canary-note: prefers a call after six";
	struct app a;
	struct gate *gt;
	int64_t g, m, p, inc, cs;
	uint8_t *s;
	size_t n;

	snprintf(db, sizeof(db), "%s/c.db", test_tmpdir());
	o.db_path = db;
	CHECK(app_create(&o, &a, err) == 0);
	gt = test_gate(&a);
	test_gate_begin(gt);
	CHECK(community_group_add(a.db, "Circle", "", 10, 1, &g) == 0);
	CHECK(community_member_add(a.db, "willow", 0, 1, &m) == 0);
	s = gate_seal(gt, SEALED_MEMBER_CONTACT, m, contact, &n);
	CHECK(community_member_seal_contact(a.db, m, s, n, NULL, 0) == 0);
	free(s);
	{
		struct post_new np = { g, m, 0, 1, body, "suicide", NULL, NULL };
		CHECK(post_create(gt, &np, &p) == 0);
	}
	CHECK(response_incident_add(a.db, 0, "hand", "low", 1, &inc) == 0);
	s = gate_seal(gt, SEALED_INCIDENT_SUMMARY, inc, note, &n);
	CHECK(response_incident_seal(a.db, inc, s, n) == 0);
	free(s);
	CHECK(care_case_add(a.db, m, inc, 0, 1, &cs) == 0);
	test_gate_commit(gt);
	gate_free(gt);
	/* still in the WAL */
	CHECK(!found_on_disk(db, "canary"));
	CHECK(!found_on_disk(db, "never said this"));
	CHECK(!found_on_disk(db, "example.org"));
	CHECK(!found_on_disk(db, "suicide"));
	/* and after the WAL is copied into the main file */
	CHECK(db_checkpoint(a.db) == 0);
	app_close(&a);
	CHECK(!found_on_disk(db, "canary"));
	CHECK(!found_on_disk(db, "never said this"));
	CHECK(!found_on_disk(db, "prefers a call"));
	/* the pseudonym itself is not secret, so this proves the reader */
	CHECK(found_on_disk(db, "willow"));
}

/* A community an older sanctum filled kept the imported platforms' ids in
** clear: the first open with the key keeps them only as keyed hashes, and
** the post commands still find a post by its platform id. */
void
test_app_keys_external_ids(void)
{
	struct app_opts o = { 0 };
	char db[512], err[ERR_MAX];
	struct app a;
	struct gate *gt;
	int64_t gid, mid, pid, found = 0;

	snprintf(db, sizeof(db), "%s/c.db", test_tmpdir());
	o.db_path = db;
	CHECK(app_create(&o, &a, err) == 0);
	gt = test_gate(&a);
	test_gate_begin(gt);
	CHECK(community_group_add(a.db, "morning pages", "", 12, 1, &gid)
	    == 0);
	CHECK(community_member_add(a.db, "ash", 0, 1, &mid) == 0);
	CHECK(community_post_add(a.db, gid, mid, 0, 1, "jsonl", "p-1", &pid)
	    == 0);
	CHECK(db_exec_literal(a.db, "UPDATE members SET source = 'jsonl', "
	    "external_id = 'u-7'") == 0);
	CHECK(db_exec_literal(a.db, "DELETE FROM meta WHERE key = "
	    "'extid_keyed'") == 0);
	test_gate_commit(gt);
	gate_free(gt);
	app_close(&a);
	CHECK(app_open(&o, &a, err) == 0);
	gt = test_gate(&a);
	CHECK(community_post_find_external(a.db, "jsonl", "p-1", &found)
	    == 0);
	CHECK(post_ref(gt, "jsonl:p-1", &found) == 1 && found == pid);
	CHECK(post_ref(gt, "csv:p-1", &found) == 0);
	CHECK(post_ref(gt, "jsonl:", &found) == 0);
	CHECK(post_ref(gt, "61x", &found) == 0);
	CHECK(post_ref(gt, "61", &found) == 1 && found == 61);
	gate_free(gt);
	app_close(&a);
	/* and nothing of them is left on disk in clear */
	CHECK(!found_on_disk(db, "p-1"));
	CHECK(!found_on_disk(db, "u-7"));
}
