/*
** retention.h: how long the community keeps leaked material, the notes of
** closed care cases and the record of closed incidents, and the purge
** that ends them: `sanctum retention show|set|purge`, and once a day among
** the scheduled tasks of `sanctum serve` (tasks.h).
**
** Each period is a number of days or "never" (the default: nothing is
** purged until an admin decides).  Leaked material counts from when it
** was found or reported and is never purged while its incident is open;
** a case's notes count from the case's closing, so an open case keeps
** everything however old; a closed incident counts from its closing.
** What each purge empties and what it keeps is in store/retention.h.
**
** A purge that empties anything is one transaction with one audit entry
** that says how many rows, never what they held.  The connection
** overwrites the freed space with zeros (secure_delete, which the purge
** checks before it starts), and once the purge has committed the WAL is
** checkpointed and truncated, so the old pages that held the words are
** gone from the database file and from its WAL.
*/
#ifndef SANCTUM_ADMIN_RETENTION_H
#define SANCTUM_ADMIN_RETENTION_H

#include <stdint.h>

#include "../store/retention.h"

#define RETENTION_MAX_DAYS 36500
#define RETENTION_EVERY 86400	/* the scheduled purge runs once a day */

struct cli;
struct gate;

int64_t retention_cutoff(int64_t now, int days);
int retention_parse_days(const char *s, int *days);
int retention_total(const struct retention_counts *n);
int retention_due(struct db *db, const struct retention_policy *p,
    int64_t now, struct retention_counts *n);
int retention_purge(struct gate *g, int64_t now, const char *how,
    struct retention_counts *n, char *err);
int retention_scheduled(struct gate *g, int64_t now,
    struct retention_counts *n, char *err);

int retention_show_cmd(struct cli *c, int argc, char **argv);
int retention_set_cmd(struct cli *c, int argc, char **argv);
int retention_purge_cmd(struct cli *c, int argc, char **argv);

#endif
