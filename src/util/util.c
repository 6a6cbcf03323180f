/*
** util.c: small shared helpers.  See util.h.
*/
#include "util.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <utf8proc.h>

/* Fill err (ERR_MAX bytes) with a message; err may be NULL. */
void
err_set(char *err, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(err, ERR_MAX, fmt, ap);
	va_end(ap);
}

/* Seconds since the epoch.  Nothing outside can shift this clock: an
** installed binary must not let its environment move an audit entry's
** time or a check-in's due date. */
int64_t
util_now(void)
{
	return (int64_t)time(NULL);
}

/* A monotonic clock's nanoseconds, for measuring how long work took. */
int64_t
util_clock_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

/* Sleep as long as it has been since since (a util_clock_ns value): a
** long job that takes the write lock in batches leaves the others as much
** time between its batches as it held the lock, so their writes get
** through instead of waiting out the busy timeout. */
void
util_pause_since(int64_t since)
{
	int64_t held = util_clock_ns() - since;
	struct timespec pause;

	if (held <= 0)
		return;
	pause.tv_sec = (time_t)(held / 1000000000);
	pause.tv_nsec = (long)(held % 1000000000);
	nanosleep(&pause, NULL);
}

/* Write t as an RFC 3339 time in UTC ("2027-01-31T10:00:00Z") into out. */
void
util_format_rfc3339(int64_t t, char *out, size_t n)
{
	time_t tt = (time_t)t;
	struct tm tm;

	gmtime_r(&tt, &tm);
	strftime(out, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* Write t as "YYYY-MM-DD HH:MM UTC" into out. */
void
util_format_time(int64_t t, char *out, size_t n)
{
	time_t tt = (time_t)t;
	struct tm tm;

	gmtime_r(&tt, &tm);
	strftime(out, n, "%Y-%m-%d %H:%M UTC", &tm);
}

/* Read one line of secret input (a password or passphrase) into out.
** On a terminal it prompts on stderr with echo turned off; otherwise it
** reads the first line of standard input.  The trailing newline is
** removed.  Returns 0, or -1 with err filled. */
int
util_read_secret(const char *prompt, char *out, size_t n, char *err)
{
	struct termios old, quiet;
	int tty = isatty(STDIN_FILENO);
	size_t len;

	if (tty) {
		fprintf(stderr, "%s", prompt);
		fflush(stderr);
		if (tcgetattr(STDIN_FILENO, &old) == 0) {
			quiet = old;
			quiet.c_lflag &= ~(tcflag_t)ECHO;
			tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
		}
	}
	if (fgets(out, (int)n, stdin) == NULL) {
		if (tty) {
			tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
			fputc('\n', stderr);
		}
		err_set(err, "no secret given on standard input");
		return -1;
	}
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
		fputc('\n', stderr);
	}
	len = strlen(out);
	if (len > 0 && out[len - 1] != '\n' && len == n - 1) {
		err_set(err, "secret is longer than %zu bytes", n - 2);
		return -1;
	}
	while (len > 0 && (out[len - 1] == '\n' || out[len - 1] == '\r'))
		out[--len] = '\0';
	return 0;
}

/* Is s a usable account or pseudonym name: 1..maxlen characters from
** [A-Za-z0-9._-], starting with a letter or digit?  Returns 1 or 0. */
int
util_valid_name(const char *s, size_t maxlen)
{
	size_t i;

	if (s == NULL || s[0] == '\0' || s[0] == '.' || s[0] == '-')
		return 0;
	for (i = 0; s[i]; i++) {
		char c = s[i];
		if (i >= maxlen)
			return 0;
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'))
			return 0;
	}
	return 1;
}

/* Is s a name people chose, in any script: valid UTF-8 of 1 to maxlen
** bytes, with no control, format or unassigned characters and not only
** spaces?  Returns 1 or 0. */
int
util_valid_label(const char *s, size_t maxlen)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_ssize_t n, len;
	utf8proc_int32_t c;
	utf8proc_category_t cat;
	int seen = 0;

	if (s == NULL || (len = (utf8proc_ssize_t)strlen(s)) == 0 ||
	    (size_t)len > maxlen)
		return 0;
	while (len > 0) {
		n = utf8proc_iterate(p, len, &c);
		if (n <= 0)
			return 0;
		cat = utf8proc_category(c);
		if (cat == UTF8PROC_CATEGORY_CC || cat == UTF8PROC_CATEGORY_CF ||
		    cat == UTF8PROC_CATEGORY_CN || cat == UTF8PROC_CATEGORY_CS ||
		    cat == UTF8PROC_CATEGORY_CO || cat == UTF8PROC_CATEGORY_ZL ||
		    cat == UTF8PROC_CATEGORY_ZP)
			return 0;
		if (cat != UTF8PROC_CATEGORY_ZS)
			seen = 1;
		p += n;
		len -= n;
	}
	return seen;
}

/* Is s[0..n) text a person wrote: valid UTF-8 with no control characters
** but tabs and line breaks?  Returns 1 or 0. */
int
util_valid_text(const char *s, size_t n)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_ssize_t k, len = (utf8proc_ssize_t)n;
	utf8proc_int32_t c;

	while (len > 0) {
		k = utf8proc_iterate(p, len, &c);
		if (k <= 0)
			return 0;
		if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
		    c == 0x7f)
			return 0;
		p += k;
		len -= k;
	}
	return 1;
}

/* Parse a whole decimal integer in [lo, hi].  Returns 0 or -1. */
int
util_parse_int(const char *s, long long lo, long long hi, long long *out)
{
	char *end;
	long long v;

	if (s == NULL || *s == '\0')
		return -1;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || *end != '\0' || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}
