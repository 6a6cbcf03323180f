/*
** sink.c: members, groups and sealed posts from imported records.  See
** sink.h.
*/
#include "sink.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../community/post.h"
#include "../core/gate.h"
#include "../store/community.h"
#include "../store/db.h"
#include "../util/log.h"
#include "../util/util.h"

#define BODY_MAX ((size_t)1 << 20)	/* a post longer than 1 MiB is refused */

struct import {
	struct gate *g;
	char source[32];
	struct import_counts counts;
	int64_t members_before;
	int64_t groups_before;
	int64_t posts_before;
};

/* Start an import from source (e.g. "discord") in one transaction.
** Returns 0 with *out set, or -1 with err filled. */
int
import_begin(struct gate *g, const char *source, struct import **out,
    char *err)
{
	struct import *im = calloc(1, sizeof(*im));
	struct community_stats s;

	*out = NULL;
	if (im == NULL) {
		err_set(err, "out of memory");
		return -1;
	}
	im->g = g;
	snprintf(im->source, sizeof(im->source), "%s", source);
	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy");
		free(im);
		return -1;
	}
	if (community_stats(gate_db(g), util_now(), &s) != 0) {
		err_set(err, "cannot read the community: %s",
		    db_error(gate_db(g)));
		gate_rollback(g);
		free(im);
		return -1;
	}
	im->members_before = s.members;
	im->groups_before = s.groups;
	im->posts_before = s.posts;
	db_bulk(gate_db(g), s.posts);
	*out = im;
	return 0;
}

/* Make a pseudonym from a display name: [a-z0-9_-], at most 48 chars. */
static void
pseudonym_of(const char *name, char *out, size_t n)
{
	size_t o = 0;
	const unsigned char *p;

	for (p = (const unsigned char *)name; *p && o + 1 < n && o < 48; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    *p == '_' || *p == '-')
			out[o++] = (char)*p;
		else if (*p >= 'A' && *p <= 'Z')
			out[o++] = (char)(*p - 'A' + 'a');
		else if ((*p == ' ' || *p == '.') && o > 0 && out[o - 1] != '-')
			out[o++] = '-';
	}
	while (o > 0 && out[o - 1] == '-')
		o--;
	out[o] = '\0';
	if (o == 0)
		snprintf(out, n, "member");
}

/* Add one record.  Returns 0 when added, 1 when it was imported before,
** 2 when it is malformed (the caller reports it with import_skip, which
** counts it), or -1 on a fatal store error (err filled; the caller
** aborts). */
int
import_add(struct import *im, const struct import_record *r, char *err)
{
	struct post_new np;
	char pseudo[64], post_key[EXTID_LEN + 1], member_key[EXTID_LEN + 1],
	    group_key[EXTID_LEN + 1];
	int64_t gid, mid, pid;
	int rc;

	if (r->id == NULL || r->id[0] == '\0' || strlen(r->id) > 128)
		return 2;
	if (r->body == NULL || strlen(r->body) > BODY_MAX)
		return 2;
	/* the platform's ids are kept only as keyed hashes (extid.h) */
	gate_extid(im->g, im->source, r->id, post_key);
	rc = community_post_find_external(gate_db(im->g), im->source, post_key,
	    &pid);
	if (rc < 0)
		goto fatal;
	if (rc == 1) {
		im->counts.duplicates++;
		return 1;
	}
	pseudonym_of(r->author ? r->author : (r->author_id ? r->author_id :
	    ""), pseudo, sizeof(pseudo));
	gate_extid(im->g, im->source, r->author_id ? r->author_id :
	    pseudo, member_key);
	gate_extid(im->g, im->source, r->group_id ? r->group_id :
	    (r->group ? r->group : "imported"), group_key);
	if (community_member_external(gate_db(im->g), im->source, member_key,
	    pseudo, util_now(), &mid) != 0)
		goto fatal;
	if (community_group_external(gate_db(im->g), im->source, group_key,
	    r->group && r->group[0] ? r->group : "imported", util_now(), &gid)
	    != 0)
		goto fatal;
	memset(&np, 0, sizeof(np));
	np.group_id = gid;
	np.member_id = mid;
	np.created_at = r->time;
	np.body = r->body;
	np.source = im->source;
	np.external_id = post_key;
	/* an author belongs to where they posted from their first post
	** there on: who could see a post must have an answer */
	if (post_create(im->g, &np, &pid) != 0 ||
	    community_membership_since(gate_db(im->g), gid, mid, r->time) != 0)
		goto fatal;
	/* the page cache grows with the community (db_bulk) */
	if (++im->counts.added % 4096 == 0)
		db_bulk(gate_db(im->g), im->posts_before + im->counts.added);
	return 0;
fatal:
	err_set(err, "cannot store the record: %s", db_error(gate_db(im->g)));
	return -1;
}

/* Count a malformed record and report where it was and why (never its
** content) on stderr. */
void
import_skip(struct import *im, const char *where, const char *why)
{
	im->counts.skipped++;
	fprintf(stderr, "import: %s: %s; skipped\n", where, why);
}

/* Commit everything and fill counts (the members and groups it made are
** the difference in the community's figures, read inside the
** transaction).  Returns 0 or -1 (rolled back). */
int
import_finish(struct import *im, struct import_counts *counts, char *err)
{
	struct community_stats s;
	char detail[128];
	int rc = 0;

	if (community_stats(gate_db(im->g), util_now(), &s) == 0) {
		im->counts.members = s.members - im->members_before;
		im->counts.groups = s.groups - im->groups_before;
	}
	snprintf(detail, sizeof(detail), "%lld added, %lld already there, "
	    "%lld skipped, %lld new members, %lld new groups",
	    (long long)im->counts.added, (long long)im->counts.duplicates,
	    (long long)im->counts.skipped, (long long)im->counts.members,
	    (long long)im->counts.groups);
	if (gate_audit(im->g, "import", im->source, detail) != 0 ||
	    gate_commit(im->g) != 0) {
		gate_rollback(im->g);
		err_set(err, "cannot commit the import: %s",
		    db_error(gate_db(im->g)));
		rc = -1;
	}
	if (counts)
		*counts = im->counts;
	db_bulk(gate_db(im->g), 0);
	free(im);
	return rc;
}

/* Roll back everything this import wrote. */
void
import_abort(struct import *im)
{
	if (im == NULL)
		return;
	gate_rollback(im->g);
	db_bulk(gate_db(im->g), 0);
	log_msg(LOG_WARN, "import: rolled back; nothing was kept");
	free(im);
}
