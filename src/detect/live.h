/*
** live.h: the fingerprint index a running server scans with, kept up to
** date with every write.
**
** A view is a base index (index.h) and a delta (delta.h) of the posts
** written, edited or deleted since the base was built.  Each scan takes
** the current view; when the database's index generation has moved on
** (a post written through the console, the API, or the command line while
** the server runs), the changes since the view's generation are read and a
** new delta made from the last one, in milliseconds even at a million
** posts, so the next scan finds the new post and no longer finds the
** deleted one.  When the delta grows past a share of the base, a new base
** is built in a thread of its own while scans go on with the old one and
** its delta.  Views are counted: one is freed when the last scan using
** it gives it back.
*/
#ifndef SANCTUM_LIVE_H
#define SANCTUM_LIVE_H

#include <stdint.h>

struct fpindex;
struct index_delta;
struct gate;

struct live_view {
	const struct fpindex *ix;
	const struct index_delta *delta;	/* NULL when nothing changed */
	int64_t generation;			/* every write up to it is in */
};

struct live_view *live_take(struct gate *g, char *err);
void live_give(struct live_view *v);
void live_stop(void);
void live_limits(uint32_t min_rebuild);

#endif
