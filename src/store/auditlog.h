/*
** auditlog.h: the SQL behind the audit trail (src/admin/audit.c holds the
** chaining and verification).
*/
#ifndef SANCTUM_AUDITLOG_H
#define SANCTUM_AUDITLOG_H

#include <stddef.h>
#include <stdint.h>

struct db;

struct audit_row {
	int64_t id;
	int64_t at;
	int64_t actor_id;	/* 0 for the command line or the system */
	char actor[65];
	char action[65];
	char target[129];
	char detail[257];
	uint8_t mac[32];
	size_t maclen;
};

int auditlog_last(struct db *db, struct audit_row *r);
int auditlog_insert(struct db *db, const struct audit_row *r);
int auditlog_set_mac(struct db *db, int64_t id, const uint8_t *mac, size_t n);
int auditlog_each(struct db *db, int64_t before_id, int64_t limit,
    int (*each)(void *ctx, const struct audit_row *r), void *ctx);
int auditlog_each_asc(struct db *db,
    int (*each)(void *ctx, const struct audit_row *r), void *ctx);
int auditlog_target_each(struct db *db, const char *target,
    int (*each)(void *ctx, const struct audit_row *r), void *ctx);
int64_t auditlog_count(struct db *db);

#endif
