/*
** lines.h: splitting a stream into lines, for the one-record-a-line
** formats (Reddit/Pushshift NDJSON, JSONL).  The stream is pushed in
** chunks of any size; each complete line goes to a callback with its
** number.  A line is copied only when it spans chunks, into a buffer with
** a cap; a longer line reaches the callback as NULL, so it can be skipped
** by number.
*/
#ifndef SANCTUM_LINES_H
#define SANCTUM_LINES_H

#include <stddef.h>
#include <stdint.h>

#include "../util/buf.h"

#define LINES_CAP ((size_t)16 << 20)	/* longest line read: 16 MiB */

/* Called for each line (without its "\n" or "\r\n"; NULL when it was
** longer than the cap).  Returns 0 to go on or -1 to stop (err filled). */
typedef int (*lines_fn)(void *ctx, int64_t lineno, const char *line,
    size_t n, char *err);

struct lines {
	struct buf part;	/* a line begun in an earlier chunk */
	int64_t lineno;		/* lines handed over so far */
	int pending;		/* part holds (or overflowed with) a line */
};

void lines_init(struct lines *l, size_t cap);
int lines_feed(struct lines *l, const char *data, size_t n, lines_fn fn,
    void *ctx, char *err);
int lines_end(struct lines *l, lines_fn fn, void *ctx, char *err);
void lines_free(struct lines *l);

#endif
