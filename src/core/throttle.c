/*
** throttle.c: attempts counted per keyed name.  See throttle.h.
*/
#include "throttle.h"

#include <string.h>

#include "../store/accounts.h"
#include "gate.h"

/* Is kind:value locked out now?  Sets *wait to the seconds left.
** Returns 1 when locked, 0 when not (or on a store error). */
int
throttle_locked(struct gate *g, const char *kind, const char *value,
    int64_t now, int64_t *wait)
{
	struct mac_field f[2] = { { kind, strlen(kind) },
	    { value, strlen(value) } };
	struct throttle_row t;
	uint8_t key[MAC_BYTES];

	gate_mac(g, f, 2, key);
	if (accounts_throttle_get(gate_db(g), key, sizeof(key), &t) != 1)
		return 0;
	if (t.locked_until > now) {
		*wait = t.locked_until - now;
		return 1;
	}
	return 0;
}

/* Count one more attempt (a failed login, an application) against
** kind:value; lock it for the rest of the window once max are reached.
** Returns 1 when now locked. */
int
throttle_count(struct gate *g, const char *kind, const char *value,
    int max, int64_t now)
{
	struct mac_field f[2] = { { kind, strlen(kind) },
	    { value, strlen(value) } };
	struct throttle_row t;
	uint8_t key[MAC_BYTES];

	gate_mac(g, f, 2, key);
	if (accounts_throttle_get(gate_db(g), key, sizeof(key), &t) != 1 ||
	    now - t.window_start > THROTTLE_WINDOW) {
		t.failures = 0;
		t.window_start = now;
		t.locked_until = 0;
	}
	t.failures++;
	if (t.failures >= max)
		t.locked_until = now + THROTTLE_WINDOW;
	accounts_throttle_put(gate_db(g), key, sizeof(key), &t);
	return t.locked_until > now;
}

/* Forget the attempts of kind:value (after a good login). */
void
throttle_clear(struct gate *g, const char *kind, const char *value)
{
	struct mac_field f[2] = { { kind, strlen(kind) },
	    { value, strlen(value) } };
	uint8_t key[MAC_BYTES];

	gate_mac(g, f, 2, key);
	accounts_throttle_clear(gate_db(g), key, sizeof(key));
}
