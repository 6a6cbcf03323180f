/*
** fuzz_checkin.c: libFuzzer target for what a member types into "my
** support" and a supporter into `care due --at` or a move: a time zone
** name, an hour and an RFC 3339 time.  Beyond the sanitizers, the
** oracle is that a zone sanctum accepts plans every check-in at the
** hour asked or, where the clock skips it, within three hours after, on
** days in order; that any zone it refuses plans nothing; and that a time
** outside 1970 to 9999 is refused.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "care/checkin.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct checkin_slot p[CHECKIN_PLAN_MAX], e;
	char zone[80], when[64];
	const char *bar;
	int64_t t = 1800000000, due;
	size_t zn, wn;
	int hour, i;

	if (size < 2)
		return 0;
	hour = data[0] % 24;
	data++;
	size--;
	/* zone|time */
	bar = memchr(data, '|', size);
	zn = bar ? (size_t)(bar - (const char *)data) : size;
	wn = bar ? size - zn - 1 : 0;
	if (zn >= sizeof(zone))
		zn = sizeof(zone) - 1;
	memcpy(zone, data, zn);
	zone[zn] = '\0';
	if (bar) {
		if (wn >= sizeof(when))
			wn = sizeof(when) - 1;
		memcpy(when, bar + 1, wn);
		when[wn] = '\0';
		if (checkin_parse_time(when, &due) == 0)
			t = due;
	}
	if (checkin_at(-1, zone, hour, 1, 0, &due) != -1)
		abort();
	if (!checkin_zone_ok(zone)) {
		if (checkin_at(t, zone, hour, 1, 0, &due) != -1)
			abort();
		return 0;
	}
	if (checkin_default_plan(t, zone, hour, p) != CHECKIN_PLAN_MAX)
		abort();
	for (i = 1; i < CHECKIN_PLAN_MAX; i++)
		if (p[i].due <= p[i - 1].due)
			abort();
	/* a day on is 20 to 28 hours on, give or take the hour asked */
	if (p[0].due < t - 86400 || p[0].due > t + 3 * 86400)
		abort();
	if (checkin_every(t, t + 86400 * 30, zone, hour, 7, &e) != 0 ||
	    e.due <= t + 86400 * 30 - 3600 * 3)
		abort();
	return 0;
}
