/*
** live.c: the server's fingerprint index, kept up to date.  See live.h.
**
** One thread at a time brings the view up to date (the others wait for it
** or, when nothing changed, take the current view at once).  A view holds
** its base by a count too, since successive views share one base; the base
** and the view are freed by whoever gives back the last reference.
*/
#include "live.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "../core/gate.h"
#include "../store/db.h"
#include "../store/fingerprints.h"
#include "../util/log.h"
#include "../util/util.h"
#include "delta.h"
#include "index.h"
#include "winnow.h"

struct base {
	struct fpindex *ix;
	int refs;		/* views using it, and a rebuild's hand-over */
};

struct view {
	struct live_view pub;	/* first: what live_take hands out */
	struct base *base;
	struct index_delta *delta;
	int refs;		/* the current slot's, and each scan's */
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;	/* below */
static struct view *current;
static struct base *rebuilt;	/* a new base, built in the background */
static int rebuilding;		/* the background thread runs */
static pthread_t rebuilder;
static int joinable;		/* rebuilder was started and not joined */
static uint32_t min_rebuild = 5000;	/* delta posts before a new base */

static pthread_mutex_t update_lock = PTHREAD_MUTEX_INITIALIZER;

/* Drop a reference to base b (with lock held); free it with the last. */
static void
base_drop(struct base *b)
{
	if (b && --b->refs == 0) {
		index_free(b->ix);
		free(b);
	}
}

/* Drop a reference to view v (with lock held); free it with the last. */
static void
view_drop(struct view *v)
{
	if (v && --v->refs == 0) {
		base_drop(v->base);
		delta_free(v->delta);
		free(v);
	}
}

/* Set how many changed posts the delta may hold before a new base is
** built (at least that many, or a fiftieth of the base). */
void
live_limits(uint32_t n)
{
	pthread_mutex_lock(&lock);
	min_rebuild = n;
	pthread_mutex_unlock(&lock);
}

struct changes {
	struct delta_post *w;
	size_t nw, wcap;
	uint64_t **fps;		/* each written post's copy */
	int64_t *del;
	size_t nd, dcap;
	int failed;
};

/* Keep one written post of fingerprints_changed_since. */
static int
take_written(void *ctx, const struct fp_row *r)
{
	struct changes *c = ctx;
	struct delta_post *w;
	uint64_t **f, *copy;

	if (r->params != WINNOW_PARAMS)
		return 0;	/* fingerprinted again before the next base */
	if (c->nw == c->wcap) {
		c->wcap = c->wcap ? c->wcap * 2 : 64;
		w = realloc(c->w, c->wcap * sizeof(*w));
		f = realloc(c->fps, c->wcap * sizeof(*f));
		if (w)
			c->w = w;
		if (f)
			c->fps = f;
		if (w == NULL || f == NULL)
			goto nomem;
	}
	copy = malloc(r->fps_len ? r->fps_len : 1);
	if (copy == NULL)
		goto nomem;
	memcpy(copy, r->fps, r->fps_len);
	c->fps[c->nw] = copy;
	w = &c->w[c->nw++];
	w->post_id = r->post_id;
	w->words = r->words > UINT32_MAX ? UINT32_MAX : (uint32_t)r->words;
	w->fps = copy;
	w->nfps = r->fps_len / 8;
	return 0;
nomem:
	c->failed = 1;
	return 1;
}

/* Keep one deleted post of fingerprints_deleted_since. */
static int
take_deleted(void *ctx, int64_t id)
{
	struct changes *c = ctx;
	int64_t *d;

	if (c->nd == c->dcap) {
		c->dcap = c->dcap ? c->dcap * 2 : 64;
		if ((d = realloc(c->del, c->dcap * sizeof(*d))) == NULL) {
			c->failed = 1;
			return 1;
		}
		c->del = d;
	}
	c->del[c->nd++] = id;
	return 0;
}

/* Free what changes_read kept. */
static void
changes_free(struct changes *c)
{
	size_t i;

	for (i = 0; i < c->nw; i++)
		free(c->fps[i]);
	free(c->fps);
	free(c->w);
	free(c->del);
	memset(c, 0, sizeof(*c));
}

/* Read, in one snapshot of db, the generation and every post written or
** deleted after since.  Returns 0 with *gen set, or -1. */
static int
changes_read(struct db *db, int64_t since, struct changes *c, int64_t *gen)
{
	int rc = -1;

	memset(c, 0, sizeof(*c));
	if (db_read_begin(db) != 0)
		return -1;
	*gen = fingerprints_generation(db);
	if (*gen >= 0 &&
	    fingerprints_changed_since(db, since, take_written, c) == 0 &&
	    fingerprints_deleted_since(db, since, take_deleted, c) == 0 &&
	    !c->failed)
		rc = 0;
	db_read_end(db);
	if (rc != 0)
		changes_free(c);
	return rc;
}

/* Make the current view v, dropping the one it replaces (lock held). */
static void
install(struct view *v)
{
	struct view *old = current;

	current = v;
	view_drop(old);
}

/* A view of base b (whose reference it takes over) with delta d. */
static struct view *
view_new(struct base *b, struct index_delta *d, int64_t generation)
{
	struct view *v = calloc(1, sizeof(*v));

	if (v == NULL)
		return NULL;
	v->base = b;
	v->delta = d;
	v->refs = 1;
	v->pub.ix = b->ix;
	v->pub.delta = d;
	v->pub.generation = generation;
	return v;
}

struct rebuild_job {
	struct gate *g;
	struct db *db;
};

/* The background thread: build a new base on a connection of its own and
** leave it for the next live_take to install. */
static void *
rebuild_main(void *arg)
{
	struct rebuild_job *job = arg;
	struct fpindex *ix = NULL;
	struct base *b = NULL;
	char err[ERR_MAX];

	if (index_build(job->g, &ix, err) != 0)
		log_msg(LOG_WARN, "detect: the index could not be rebuilt: %s",
		    err);
	else if ((b = calloc(1, sizeof(*b))) == NULL)
		index_free(ix);
	else {
		b->ix = ix;
		b->refs = 1;
		log_msg(LOG_INFO, "detect: index rebuilt in the background: "
		    "%u posts", ix->nposts);
	}
	gate_free(job->g);
	db_close(job->db);
	free(job);
	pthread_mutex_lock(&lock);
	base_drop(rebuilt);
	rebuilt = b;
	rebuilding = 0;
	pthread_mutex_unlock(&lock);
	return NULL;
}

/* Start building a new base in the background, on a new connection to the
** database behind g (lock held).  Failing to start is only logged: the
** delta keeps the view current meanwhile. */
static void
rebuild_start(struct gate *g)
{
	struct rebuild_job *job;
	char err[ERR_MAX];

	if (rebuilding)
		return;
	if (joinable) {
		pthread_join(rebuilder, NULL);
		joinable = 0;
	}
	job = calloc(1, sizeof(*job));
	if (job == NULL)
		return;
	if (db_open(db_path(gate_db(g)), 0, &job->db, err) != 0 ||
	    (job->g = gate_new_like(g, job->db)) == NULL) {
		log_msg(LOG_WARN, "detect: cannot rebuild the index: %s", err);
		db_close(job->db);
		free(job);
		return;
	}
	gate_set_actor(job->g, 0, "sanctum", ROLE_ADMIN);
	rebuilding = 1;
	if (pthread_create(&rebuilder, NULL, rebuild_main, job) != 0) {
		rebuilding = 0;
		gate_free(job->g);
		db_close(job->db);
		free(job);
		return;
	}
	joinable = 1;
}

/* Bring the current view up to date with the database behind g: install a
** base the background built, then make the delta of what changed since
** the view's generation.  Called with update_lock held.  Returns 0 or -1
** with err filled. */
static int
update(struct gate *g, char *err)
{
	struct changes c;
	struct fpindex *ix;
	struct base *b;
	struct view *v, *cur;
	struct index_delta *d;
	int64_t gen, since;
	const struct index_delta *prev;

	pthread_mutex_lock(&lock);
	if (rebuilt) {
		/* a fresh base: its delta starts from its own generation */
		b = rebuilt;
		rebuilt = NULL;
		v = view_new(b, NULL, b->ix->generation);
		if (v == NULL)
			base_drop(b);
		else
			install(v);
	}
	cur = current;
	if (cur)
		cur->refs++;
	pthread_mutex_unlock(&lock);

	if (cur == NULL) {
		/* the first scan: a base of everything */
		if (index_build(g, &ix, err) != 0)
			return -1;
		b = calloc(1, sizeof(*b));
		if (b) {
			b->ix = ix;
			b->refs = 1;
		}
		v = b ? view_new(b, NULL, ix->generation) : NULL;
		if (v == NULL) {
			free(b);
			index_free(ix);
			err_set(err, "out of memory");
			return -1;
		}
		pthread_mutex_lock(&lock);
		install(v);
		/* built inside a caller's transaction after an upgrade, it
		** left out the posts still to be fingerprinted again: a
		** build of its own brings them in */
		if (ix->stale > 0)
			rebuild_start(g);
		pthread_mutex_unlock(&lock);
		log_msg(LOG_INFO, "detect: index built: %u posts", ix->nposts);
		return 0;
	}
	since = cur->pub.generation;
	prev = cur->delta;
	if (changes_read(gate_db(g), since, &c, &gen) != 0) {
		pthread_mutex_lock(&lock);
		view_drop(cur);
		pthread_mutex_unlock(&lock);
		err_set(err, "the index's changes could not be read");
		return -1;
	}
	d = NULL;
	if (gen != since)
		d = delta_make(cur->base->ix, prev, gen, c.w, c.nw, c.del,
		    c.nd);
	changes_free(&c);
	pthread_mutex_lock(&lock);
	if (gen != since) {
		v = d ? view_new(cur->base, d, gen) : NULL;
		if (v == NULL) {
			delta_free(d);
			view_drop(cur);
			pthread_mutex_unlock(&lock);
			err_set(err, "out of memory");
			return -1;
		}
		cur->base->refs++;
		install(v);
		if (d->nposts + d->ndead > min_rebuild &&
		    d->nposts + d->ndead > cur->base->ix->nposts / 50)
			rebuild_start(g);
	}
	view_drop(cur);
	pthread_mutex_unlock(&lock);
	return 0;
}

/* The current view, brought up to date with the database behind g first
** when its generation moved on.  Returns it (give it back with
** live_give), or NULL with err filled. */
struct live_view *
live_take(struct gate *g, char *err)
{
	int64_t gen = fingerprints_generation(gate_db(g));
	struct view *v;

	pthread_mutex_lock(&lock);
	v = current;
	if (v && v->pub.generation == gen && rebuilt == NULL) {
		v->refs++;
		pthread_mutex_unlock(&lock);
		return &v->pub;
	}
	pthread_mutex_unlock(&lock);
	pthread_mutex_lock(&update_lock);
	pthread_mutex_lock(&lock);
	v = current;
	if (v && v->pub.generation >= gen && rebuilt == NULL) {
		/* another scan brought it up to date meanwhile */
		v->refs++;
		pthread_mutex_unlock(&lock);
		pthread_mutex_unlock(&update_lock);
		return &v->pub;
	}
	pthread_mutex_unlock(&lock);
	if (update(g, err) != 0) {
		pthread_mutex_unlock(&update_lock);
		return NULL;
	}
	pthread_mutex_lock(&lock);
	v = current;
	v->refs++;
	pthread_mutex_unlock(&lock);
	pthread_mutex_unlock(&update_lock);
	return &v->pub;
}

/* Give back a view from live_take. */
void
live_give(struct live_view *pv)
{
	pthread_mutex_lock(&lock);
	view_drop((struct view *)pv);
	pthread_mutex_unlock(&lock);
}

/* Wait for a rebuild under way and free every view no scan holds (when
** the server stops). */
void
live_stop(void)
{
	pthread_mutex_lock(&lock);
	if (joinable) {
		pthread_mutex_unlock(&lock);
		pthread_join(rebuilder, NULL);
		pthread_mutex_lock(&lock);
		joinable = 0;
	}
	base_drop(rebuilt);
	rebuilt = NULL;
	install(NULL);
	pthread_mutex_unlock(&lock);
}
