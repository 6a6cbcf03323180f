/*
** buf.c: growable byte buffers with a cap.  See buf.h.
*/
#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Start an empty buffer that will never hold more than cap bytes. */
void
buf_init(struct buf *b, size_t cap)
{
	memset(b, 0, sizeof(*b));
	b->cap = cap;
}

/* Release the buffer's memory; the buffer may be used again after init. */
void
buf_free(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->alloc = 0;
	b->failed = 0;
}

/* Empty the buffer but keep its memory and cap. */
void
buf_reset(struct buf *b)
{
	b->len = 0;
	b->failed = 0;
	if (b->data)
		b->data[0] = '\0';
}

/* Make room for n more bytes.  Returns 0, or -1 (and marks the buffer
** failed) when that would pass the cap or memory runs out. */
static int
buf_grow(struct buf *b, size_t n)
{
	size_t want, nalloc;
	char *p;

	if (b->failed)
		return -1;
	if (n > b->cap || b->len > b->cap - n) {
		b->failed = 1;
		return -1;
	}
	want = b->len + n + 1;
	if (want <= b->alloc)
		return 0;
	nalloc = b->alloc ? b->alloc : 64;
	while (nalloc < want)
		nalloc *= 2;
	if (nalloc > b->cap + 1)
		nalloc = b->cap + 1;
	p = realloc(b->data, nalloc);
	if (p == NULL) {
		b->failed = 1;
		return -1;
	}
	b->data = p;
	b->alloc = nalloc;
	return 0;
}

/* Append n bytes.  Returns 0 or -1 (cap reached or no memory). */
int
buf_append(struct buf *b, const void *p, size_t n)
{
	if (buf_grow(b, n) != 0)
		return -1;
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return 0;
}

/* Append a NUL-terminated string. */
int
buf_puts(struct buf *b, const char *s)
{
	return buf_append(b, s, strlen(s));
}

/* Append one byte. */
int
buf_putc(struct buf *b, char c)
{
	return buf_append(b, &c, 1);
}

/* Append formatted text, as vsnprintf would write it. */
int
buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list aq;
	int n;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0 || buf_grow(b, (size_t)n) != 0)
		return -1;
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return 0;
}

/* Append formatted text. */
int
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = buf_vprintf(b, fmt, ap);
	va_end(ap);
	return rc;
}

/* Hand the buffer's memory to the caller, who frees it; the buffer is left
** empty.  Returns an empty allocated string for an empty buffer, or NULL
** when memory runs out. */
char *
buf_steal(struct buf *b)
{
	char *p = b->data;

	if (p == NULL)
		p = calloc(1, 1);
	b->data = NULL;
	b->len = b->alloc = 0;
	return p;
}
