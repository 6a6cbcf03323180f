/*
** record.h: what every import parser shares: where records go, the
** format table's row, and the small field helpers (times, UTF-8, HTML to
** text, JSON fields).
**
** A parser never touches the database.  It reads bytes (pushed to it in
** chunks of any size), turns each record into a struct import_record and
** hands it to emit->record; malformed records go to emit->skip with their
** position and the reason, never their content.  In `sanctum import` the
** emitter is the import sink (sink.h); in the fuzzers it is a function
** that checks the record's fields.
*/
#ifndef SANCTUM_RECORD_H
#define SANCTUM_RECORD_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "sink.h"

#define RECORD_BODY_MAX ((size_t)1 << 20)	/* the sink's limit */
#define RECORD_ID_MAX 128			/* the sink's limit */
#define RECORD_WHERE_MAX 192			/* a position, e.g. "f: line 3" */
#define RECORD_TIME_MAX INT64_C(253402300799)	/* 9999-12-31T23:59:59Z */

struct import_emit {
	/* A well-formed record; where is its position.  Returns 0 to go on,
	** or -1 to stop the import (err filled). */
	int (*record)(void *ctx, const struct import_record *r,
	    const char *where, char *err);
	/* A malformed record: where it is and why (no content). */
	void (*skip)(void *ctx, const char *where, const char *why);
	/* Bytes of the input read so far (may be NULL). */
	void (*progress)(void *ctx, uint64_t bytes);
	void *ctx;
	const char *name;	/* the input's name, first in every position */
};

/* One row of the format table: a parser that is pushed its input. */
struct import_format {
	const char *name;
	/* Start reading; returns the parser's state or NULL (err filled). */
	void *(*open)(const struct import_emit *e, char *err);
	/* The next n bytes.  Returns 0, or -1 when the input cannot be read
	** as this format or the emitter stopped (err filled). */
	int (*feed)(void *p, const char *data, size_t n, char *err);
	/* The input ended.  Returns 0, or -1 when it ended too soon. */
	int (*end)(void *p, char *err);
	void (*free)(void *p);
};

int record_time_rfc3339(const char *s, int64_t *out);
int record_time_epoch(const char *s, int64_t *out);
int record_time_json(const json_t *v, int64_t *out);
int record_utf8_valid(const char *s, size_t n);
int record_html_text(const char *html, size_t n, char **out);
const char *record_json_str(const json_t *obj, const char *key);
const char *record_json_id(const json_t *v, char *tmp, size_t n);
json_t *record_json_parse(const char *data, size_t n, const char **why);
const char *record_check(const struct import_record *r);
int record_emit(const struct import_emit *e, const struct import_record *r,
    const char *where, char *err);

#endif
