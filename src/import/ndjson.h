/*
** ndjson.h: the part the one-JSON-object-a-line formats share (Reddit,
** JSONL): lines cut by lines.c, blank lines passed over, each other line
** parsed with Jansson and handed to the format's function as an object
** with its position ("FILE: line N").  Lines that are not JSON objects,
** or longer than 16 MiB, are skipped by number; a file where no line is a
** JSON object (or none of the first 100) is refused as not this format at
** all, with one message rather than one for each line.
*/
#ifndef SANCTUM_NDJSON_H
#define SANCTUM_NDJSON_H

#include "lines.h"
#include "record.h"

struct ndjson;

/* Make a record of o (position where) and emit it, or skip it.  Returns
** 0, or -1 when the emitter stopped (err filled). */
typedef int (*ndjson_fn)(const struct import_emit *e, const json_t *o,
    const char *where, char *err);

void *ndjson_open(const struct import_emit *e, ndjson_fn fn,
    const char *what, char *err);
int ndjson_feed(void *p, const char *data, size_t n, char *err);
int ndjson_end(void *p, char *err);
void ndjson_free(void *p);

#endif
