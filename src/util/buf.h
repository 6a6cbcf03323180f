/*
** buf.h: the one growable byte buffer, always created with a cap.
**
** Everything sanctum builds from outside input (request bodies, HTML pages,
** JSON, file contents) goes through a struct buf.  A buffer refuses to grow
** past its cap, so a hostile input cannot make the process allocate without
** bound; the caller sees the refusal as an error and answers accordingly.
*/
#ifndef SANCTUM_BUF_H
#define SANCTUM_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char *data;	/* always NUL-terminated when non-NULL */
	size_t len;	/* bytes in use, not counting the NUL */
	size_t alloc;	/* bytes allocated */
	size_t cap;	/* the most len may ever be */
	int failed;	/* set once an append was refused (cap or memory) */
};

#define BUF_NOCAP ((size_t)1 << 40)

void buf_init(struct buf *b, size_t cap);
void buf_free(struct buf *b);
void buf_reset(struct buf *b);
int buf_append(struct buf *b, const void *p, size_t n);
int buf_puts(struct buf *b, const char *s);
int buf_putc(struct buf *b, char c);
int buf_printf(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
int buf_vprintf(struct buf *b, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
char *buf_steal(struct buf *b);

#endif
