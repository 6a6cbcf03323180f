/*
** sink.h: where every importer puts what it reads.
**
** An importer (one file per outside format) parses its input as a stream
** and hands each record to import_add; the sink turns authors into
** pseudonymous members, channels into groups, and bodies into sealed posts
** with their fingerprints, all inside one transaction, so a fatal error
** leaves nothing half-imported.  Records already imported (same source and
** id) are skipped, so running an import twice adds nothing.
*/
#ifndef SANCTUM_SINK_H
#define SANCTUM_SINK_H

#include <stdint.h>

struct gate;
struct import;

struct import_record {
	const char *id;		/* the post's id in the source, required */
	const char *group_id;	/* the channel/category id (or its name) */
	const char *group;	/* its display name */
	const char *author_id;	/* the author's id in the source (or name) */
	const char *author;	/* the author's display name */
	int64_t time;		/* seconds since the epoch */
	const char *body;	/* UTF-8 text */
};

struct import_counts {
	int64_t added;
	int64_t duplicates;
	int64_t skipped;	/* malformed records, reported by position */
	int64_t members;	/* new members */
	int64_t groups;		/* new groups */
};

int import_begin(struct gate *g, const char *source, struct import **out,
    char *err);
int import_add(struct import *im, const struct import_record *r, char *err);
void import_skip(struct import *im, const char *where, const char *why);
int import_finish(struct import *im, struct import_counts *counts,
    char *err);
void import_abort(struct import *im);

#endif
