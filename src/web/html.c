/*
** html.c: the escaping HTML writer.  See html.h.
*/
#include "html.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* Append s[0..n) with &, <, >, " and ' escaped; safe in text and in
** quoted attribute values. */
void
html_escape_n(struct buf *b, const char *s, size_t n)
{
	const char *p, *run = s, *end = s + n;

	for (p = s; p < end; p++) {
		const char *rep;
		switch (*p) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		buf_append(b, run, (size_t)(p - run));
		buf_puts(b, rep);
		run = p + 1;
	}
	buf_append(b, run, (size_t)(p - run));
}

/* Append the string s escaped (nothing for NULL). */
void
html_escape(struct buf *b, const char *s)
{
	if (s != NULL)
		html_escape_n(b, s, strlen(s));
}

/* printf into b with every %s escaped.  Understands %s, %d, %02d (a width
** of 1 to 9, padded with noughts), %u, %ld, %lld, %zu and %%; any other
** conversion is written as "?" and its argument is not read, so the
** unit tests print each one the pages use. */
void
html_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	const char *p, *run = fmt;
	char num[32];

	va_start(ap, fmt);
	for (p = fmt; *p; p++) {
		if (*p != '%')
			continue;
		buf_append(b, run, (size_t)(p - run));
		p++;
		if (*p == 's') {
			html_escape(b, va_arg(ap, const char *));
		} else if (*p == 'd') {
			snprintf(num, sizeof(num), "%d", va_arg(ap, int));
			buf_puts(b, num);
		} else if (p[0] == '0' && p[1] >= '1' && p[1] <= '9' &&
		    p[2] == 'd') {
			/* "%02d": a number padded with noughts */
			snprintf(num, sizeof(num), "%0*d", p[1] - '0',
			    va_arg(ap, int));
			buf_puts(b, num);
			p += 2;
		} else if (*p == 'u') {
			snprintf(num, sizeof(num), "%u", va_arg(ap, unsigned));
			buf_puts(b, num);
		} else if (p[0] == 'l' && p[1] == 'd') {
			snprintf(num, sizeof(num), "%ld", va_arg(ap, long));
			buf_puts(b, num);
			p++;
		} else if (p[0] == 'l' && p[1] == 'l' && p[2] == 'd') {
			snprintf(num, sizeof(num), "%lld",
			    va_arg(ap, long long));
			buf_puts(b, num);
			p += 2;
		} else if (p[0] == 'z' && p[1] == 'u') {
			snprintf(num, sizeof(num), "%zu", va_arg(ap, size_t));
			buf_puts(b, num);
			p++;
		} else if (*p == '%') {
			buf_putc(b, '%');
		} else {
			buf_putc(b, '?');
			if (*p == '\0')
				break;
		}
		run = p + 1;
	}
	buf_append(b, run, (size_t)(p - run));
	va_end(ap);
}

/* Append markup that sanctum itself generated (never request data). */
void
html_raw_trusted(struct buf *b, const char *markup)
{
	buf_puts(b, markup);
}
