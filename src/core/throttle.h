/*
** throttle.h: counting attempts (failed logins, applications) per kind
** and value ("user:NAME", "addr:ADDRESS", "apply:ADDRESS") within a
** window, and locking a value out once it has had too many.  Only a keyed
** hash of kind and value is stored: no address is kept readable.
*/
#ifndef SANCTUM_THROTTLE_H
#define SANCTUM_THROTTLE_H

#include <stdint.h>

struct gate;

#define THROTTLE_WINDOW 900		/* seconds */

int throttle_locked(struct gate *g, const char *kind, const char *value,
    int64_t now, int64_t *wait);
int throttle_count(struct gate *g, const char *kind, const char *value,
    int max, int64_t now);
void throttle_clear(struct gate *g, const char *kind, const char *value);

#endif
