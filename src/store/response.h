/*
** response.h: the SQL behind incidents (the five-step response) and care
** cases with their follow-ups.  Issue-by-issue the logic grows in
** src/respond/ and src/care/; this is the part the demo and the dashboard
** need today.
*/
#ifndef SANCTUM_RESPONSE_H
#define SANCTUM_RESPONSE_H

#include <stddef.h>
#include <stdint.h>

struct db;

int response_incident_add(struct db *db, int64_t opened_by, const char *risk,
    int64_t now, int64_t *id);
int response_incident_seal(struct db *db, int64_t id, const void *summary,
    size_t n);
int response_incident_post(struct db *db, int64_t incident_id,
    int64_t post_id);
int response_case_add(struct db *db, int64_t member_id, int64_t incident_id,
    int64_t supporter_id, int every_days, int64_t now, int64_t *id);
int response_case_seal(struct db *db, int64_t id, const void *notes,
    size_t n);
int response_followup_add(struct db *db, int64_t case_id, int64_t due_at,
    int64_t *id);

int response_exposure_add(struct db *db, int64_t user_id, const char *kind,
    int weight, int64_t now);

#endif
