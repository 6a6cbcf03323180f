/*
** progress.c: the progress bar.  See progress.h.
*/
#include "progress.h"

#include <stdio.h>
#include <unistd.h>

#include "util.h"

#define WIDTH 30		/* characters in the bar */
#define EVERY_MS 100		/* at most ten updates a second */

/* Milliseconds on the monotonic clock. */
static uint64_t
now_ms(void)
{
	return (uint64_t)(util_clock_ns() / 1000000);
}

/* Write n bytes as "12.3 MB" into out. */
static void
human(uint64_t n, char *out, size_t size)
{
	static const char *unit[] = { "B", "kB", "MB", "GB", "TB" };
	double v = (double)n;
	int u = 0;

	while (v >= 1000 && u < 4) {
		v /= 1000;
		u++;
	}
	snprintf(out, size, u ? "%.1f %s" : "%.0f %s", v, unit[u]);
}

/* Start a bar labelled label for total bytes (0: unknown).  It shows
** nothing unless standard error is a terminal. */
void
progress_start(struct progress *p, const char *label, uint64_t total)
{
	p->on = isatty(STDERR_FILENO);
	p->drawn = 0;
	p->total = total;
	p->label = label;
	p->last_ms = now_ms();
}

/* Show that done bytes are through, unless the bar was drawn less than
** a tenth of a second ago. */
void
progress_update(struct progress *p, uint64_t done)
{
	char bar[WIDTH + 1], d[32], t[32];
	uint64_t now;
	int i, fill, pct;

	if (!p->on)
		return;
	now = now_ms();
	if (now - p->last_ms < EVERY_MS)
		return;
	p->last_ms = now;
	human(done, d, sizeof(d));
	if (p->total == 0) {
		fprintf(stderr, "\r%s %s\033[K", p->label, d);
	} else {
		if (done > p->total)
			done = p->total;
		pct = (int)(done * 100 / p->total);
		fill = (int)(done * WIDTH / p->total);
		for (i = 0; i < WIDTH; i++)
			bar[i] = i < fill ? '#' : '.';
		bar[WIDTH] = '\0';
		human(p->total, t, sizeof(t));
		fprintf(stderr, "\r%s [%s] %3d%%  %s of %s\033[K", p->label,
		    bar, pct, d, t);
	}
	fflush(stderr);
	p->drawn = 1;
}

/* Take the bar off the screen (before another message is printed); the
** next update draws it again. */
void
progress_clear(struct progress *p)
{
	if (!p->drawn)
		return;
	fputs("\r\033[K", stderr);
	fflush(stderr);
	p->drawn = 0;
}

/* The work is over: take the bar away. */
void
progress_done(struct progress *p)
{
	progress_clear(p);
	p->on = 0;
}
