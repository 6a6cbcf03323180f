/*
** log.c: timestamped log lines on standard error.  See log.h.
*/
#include "log.h"

#include <stdarg.h>
#include <stdio.h>
#include <time.h>

static enum log_level min_level = LOG_INFO;

/* Drop lines below min from now on. */
void
log_set_level(enum log_level min)
{
	min_level = min;
}

/* Write one line: UTC time, level, message.  The message is an event name
** and ids; callers never pass post bodies, contact details or secrets. */
void
log_msg(enum log_level level, const char *fmt, ...)
{
	static const char *names[] = { "debug", "info", "warn", "error" };
	char when[32], line[1024], *p;
	struct tm tm;
	time_t t;
	va_list ap;

	if (level < min_level)
		return;
	t = time(NULL);
	gmtime_r(&t, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	/* one event, one line: no control character from outside (a path
	** a client sent, say) can forge another line */
	for (p = line; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = '?';
	fprintf(stderr, "%s %s %s\n", when, names[level], line);
}
