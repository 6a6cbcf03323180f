/*
** ndjson.c: one JSON object a line.  See ndjson.h.
*/
#include "ndjson.h"

#include <stdio.h>
#include <stdlib.h>

#include "../util/util.h"

#define EARLY_MAX 100	/* bad lines before any object: not this format */

struct ndjson {
	struct import_emit e;
	struct lines lines;
	ndjson_fn fn;
	const char *what;	/* the format's name for messages */
	int64_t records;	/* lines that were not blank */
	int64_t objects;	/* lines that were JSON objects */
	int nearly;		/* bad lines held back until an object comes */
	struct {
		int64_t lineno;
		const char *why;
	} early[EARLY_MAX];
};

/* Report a bad line; while no line has been a JSON object, hold the
** report back, so a file of another format is refused with one message
** rather than a skip for each line.  Returns 0, or -1 when too many lines
** came before any object (err filled). */
static int
ndjson_bad(struct ndjson *nd, int64_t lineno, const char *why, char *err)
{
	char where[RECORD_WHERE_MAX];

	if (nd->objects == 0) {
		if (nd->nearly == EARLY_MAX) {
			err_set(err, "none of the first %d lines is a JSON "
			    "object: this is not %s", EARLY_MAX, nd->what);
			return -1;
		}
		nd->early[nd->nearly].lineno = lineno;
		nd->early[nd->nearly++].why = why;
		return 0;
	}
	snprintf(where, sizeof(where), "%s: line %lld", nd->e.name,
	    (long long)lineno);
	nd->e.skip(nd->e.ctx, where, why);
	return 0;
}

/* Start reading lines for fn; what names the format in messages. */
void *
ndjson_open(const struct import_emit *e, ndjson_fn fn, const char *what,
    char *err)
{
	struct ndjson *nd = calloc(1, sizeof(*nd));

	if (nd == NULL) {
		err_set(err, "out of memory");
		return NULL;
	}
	nd->e = *e;
	nd->fn = fn;
	nd->what = what;
	lines_init(&nd->lines, LINES_CAP);
	return nd;
}

/* One line: pass over it when blank, else parse it and hand it over. */
static int
ndjson_line(void *ctx, int64_t lineno, const char *s, size_t n, char *err)
{
	struct ndjson *nd = ctx;
	char where[RECORD_WHERE_MAX];
	const char *why;
	size_t i;
	json_t *o;
	int rc, k;

	if (s) {
		for (i = 0; i < n && (s[i] == ' ' || s[i] == '\t'); i++)
			;
		if (i == n)
			return 0;
	}
	nd->records++;
	if (s == NULL)
		return ndjson_bad(nd, lineno, "longer than 16 MiB", err);
	o = record_json_parse(s, n, &why);
	if (o == NULL)
		return ndjson_bad(nd, lineno, why, err);
	if (nd->objects++ == 0) {	/* the lines held back */
		for (k = 0; k < nd->nearly; k++)
			ndjson_bad(nd, nd->early[k].lineno, nd->early[k].why,
			    err);
		nd->nearly = 0;
	}
	snprintf(where, sizeof(where), "%s: line %lld", nd->e.name,
	    (long long)lineno);
	rc = nd->fn(&nd->e, o, where, err);
	json_decref(o);
	return rc;
}

/* The next bytes of the file. */
int
ndjson_feed(void *p, const char *data, size_t n, char *err)
{
	struct ndjson *nd = p;

	return lines_feed(&nd->lines, data, n, ndjson_line, nd, err);
}

/* The end of the file: the last line, and was this the format at all? */
int
ndjson_end(void *p, char *err)
{
	struct ndjson *nd = p;

	if (lines_end(&nd->lines, ndjson_line, nd, err) != 0)
		return -1;
	if (nd->records > 0 && nd->objects == 0) {
		err_set(err, "no line is a JSON object: this is not %s",
		    nd->what);
		return -1;
	}
	return 0;
}

void
ndjson_free(void *p)
{
	struct ndjson *nd = p;

	if (nd == NULL)
		return;
	lines_free(&nd->lines);
	free(nd);
}
