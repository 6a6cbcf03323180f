/*
** progress.h: a progress bar on standard error, for long commands such as
** `sanctum import`.  It draws only when standard error is a terminal, at
** most ten times a second, and leaves nothing behind when done.
*/
#ifndef SANCTUM_PROGRESS_H
#define SANCTUM_PROGRESS_H

#include <stdint.h>

struct progress {
	int on;			/* standard error is a terminal */
	int drawn;		/* a bar is on the screen */
	uint64_t total;		/* bytes in all; 0 when unknown */
	uint64_t last_ms;	/* when it was last drawn */
	const char *label;
};

void progress_start(struct progress *p, const char *label, uint64_t total);
void progress_update(struct progress *p, uint64_t done);
void progress_clear(struct progress *p);
void progress_done(struct progress *p);

#endif
