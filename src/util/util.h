/*
** util.h: small helpers every module uses: error messages, time, reading
** a secret from the terminal or standard input.
*/
#ifndef SANCTUM_UTIL_H
#define SANCTUM_UTIL_H

#include <stddef.h>
#include <stdint.h>

#define ERR_MAX 256	/* size of every error message buffer */

void err_set(char *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
int64_t util_now(void);
int64_t util_clock_ns(void);
void util_pause_since(int64_t since);
void util_format_time(int64_t t, char *out, size_t n);
void util_format_rfc3339(int64_t t, char *out, size_t n);
int util_read_secret(const char *prompt, char *out, size_t n, char *err);
int util_valid_name(const char *s, size_t maxlen);
int util_valid_label(const char *s, size_t maxlen);
int util_valid_text(const char *s, size_t n);
int util_parse_int(const char *s, long long lo, long long hi, long long *out);

#endif
