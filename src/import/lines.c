/*
** lines.c: a stream cut into numbered lines.  See lines.h.
*/
#include "lines.h"

#include <string.h>

/* Start with no line pending; lines longer than cap bytes are refused. */
void
lines_init(struct lines *l, size_t cap)
{
	buf_init(&l->part, cap);
	l->lineno = 0;
	l->pending = 0;
}

/* Release the buffer. */
void
lines_free(struct lines *l)
{
	buf_free(&l->part);
}

/* Hand over one line: s[0..n), or NULL when it passed the cap. */
static int
emit(struct lines *l, const char *s, size_t n, lines_fn fn, void *ctx,
    char *err)
{
	if (s && n > 0 && s[n - 1] == '\r')
		n--;
	return fn(ctx, ++l->lineno, s, n, err);
}

/* The next n bytes.  Returns 0, or -1 when fn stopped (err filled). */
int
lines_feed(struct lines *l, const char *data, size_t n, lines_fn fn,
    void *ctx, char *err)
{
	const char *p = data, *end = data + n, *nl;
	int rc;

	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL) {
			buf_append(&l->part, p, (size_t)(end - p));
			l->pending = 1;
			return 0;
		}
		if (!l->pending) {
			rc = emit(l, p, (size_t)(nl - p), fn, ctx, err);
		} else {
			buf_append(&l->part, p, (size_t)(nl - p));
			rc = emit(l, l->part.failed ? NULL : l->part.data,
			    l->part.len, fn, ctx, err);
			buf_reset(&l->part);
			l->pending = 0;
		}
		if (rc != 0)
			return -1;
		p = nl + 1;
	}
	return 0;
}

/* The stream ended: hand over a last line that had no "\n".  Returns 0
** or -1 (err filled). */
int
lines_end(struct lines *l, lines_fn fn, void *ctx, char *err)
{
	int rc = 0;

	if (l->pending && (l->part.failed || l->part.len > 0))
		rc = emit(l, l->part.failed ? NULL : l->part.data, l->part.len,
		    fn, ctx, err);
	buf_reset(&l->part);
	l->pending = 0;
	return rc == 0 ? 0 : -1;
}
