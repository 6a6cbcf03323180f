/*
** monitor.h: the SQL behind external monitoring: the watch list.  The
** logic is in src/detect/watch.c.
*/
#ifndef SANCTUM_STORE_MONITOR_H
#define SANCTUM_STORE_MONITOR_H

#include <stdint.h>

struct db;

#define WATCH_TEXT_MAX 200	/* bytes of a watched name or phrase */
#define WATCH_NEAR_MAX 2000	/* bytes of a rule's own words */

struct watch_row {
	int64_t id, created_at;
	int within;
	char text[WATCH_TEXT_MAX + 1], near[WATCH_NEAR_MAX + 1];
	char created_by[72];
};

int monitor_watch_add(struct db *db, const char *text, const char *near,
    int within, const char *by, int64_t now, int64_t *id);
int monitor_watch_remove(struct db *db, int64_t id, int64_t now);
int monitor_watch_each(struct db *db,
    int (*each)(void *ctx, const struct watch_row *w), void *ctx);

#endif
