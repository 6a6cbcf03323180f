/*
** csvfile.c: CSV, read with libcsv as a stream.
**
** The first row is a header naming the columns, in any order and in any
** case: id, group, author, time (RFC 3339 with an offset) and body are
** required; group_id and author_id are optional; other columns are
** ignored.  Fields may be quoted ("..." with "" for a quote) and span
** lines.  A row with a different number of fields than the header, or a
** bad field, is skipped by the line it starts on.  The quoting itself
** must be well formed (libcsv's strict mode): a quote out of place, or a
** file that ends inside a quoted field, means the rest cannot be read
** safely, and the import stops.
**
** libcsv reports rows but not lines, so the input is fed to it a line at
** a time; a field's line is then the line being fed when it ends.
*/
#include "formats.h"

#include <ctype.h>
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"
#include "../util/util.h"

#define FIELD_CAP ((size_t)16 << 20)	/* libcsv never holds more */

enum { C_ID, C_GROUP, C_AUTHOR, C_TIME, C_BODY, C_GROUP_ID, C_AUTHOR_ID,
    NCOLS, NREQUIRED = C_GROUP_ID };

static const char *const colname[NCOLS] = { "id", "group", "author",
    "time", "body", "group_id", "author_id" };

struct csvfile {
	struct import_emit e;
	struct csv_parser p;
	int64_t line;		/* the line being fed, from 1 */
	int after_nl;		/* the last byte fed ended a line */
	int64_t row_line;	/* the line the current row starts on */
	int64_t rows;		/* rows ended, the header included */
	int field;		/* fields so far in the current row */
	int nheader;		/* fields in the header */
	int *colmap;		/* header field -> column (or -1) */
	int colmap_n;
	struct buf val[NCOLS];	/* the current row's wanted fields */
	int seen[NCOLS];
	int nul;		/* the row has a field with a NUL byte */
	int stop;		/* a fatal error is in err */
	char err[ERR_MAX];
};

/* libcsv's allocator: never more than FIELD_CAP for one field. */
static void *
csvfile_realloc(void *p, size_t n)
{
	if (n > FIELD_CAP + 1)
		return NULL;
	return realloc(p, n);
}

/* A header field: which column it names, in place. */
static int
csvfile_column(char *s, size_t n)
{
	size_t i;
	int k;

	if (n >= 3 && (unsigned char)s[0] == 0xef &&
	    (unsigned char)s[1] == 0xbb && (unsigned char)s[2] == 0xbf) {
		memmove(s, s + 3, n - 3);	/* a byte order mark */
		n -= 3;
	}
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		n--;
	for (i = 0; i < n; i++)
		s[i] = (char)tolower((unsigned char)s[i]);
	for (k = 0; k < NCOLS; k++)
		if (strlen(colname[k]) == n && memcmp(s, colname[k], n) == 0)
			return k;
	return -1;
}

/* libcsv's field callback. */
static void
csvfile_field(void *s, size_t n, void *ctx)
{
	struct csvfile *c = ctx;
	int *m, k;

	if (c->stop)
		return;
	if (c->field == 0)
		c->row_line = c->line;
	if (c->rows == 0) {	/* the header */
		if (c->field >= 1024) {
			err_set(c->err, "the header has over 1024 columns");
			c->stop = 1;
			return;
		}
		m = realloc(c->colmap, (size_t)(c->field + 1) * sizeof(*m));
		if (m == NULL) {
			err_set(c->err, "out of memory");
			c->stop = 1;
			return;
		}
		c->colmap = m;
		k = s ? csvfile_column(s, n) : -1;
		if (k >= 0 && c->seen[k]) {
			err_set(c->err, "the header names column \"%s\" twice",
			    colname[k]);
			c->stop = 1;
			return;
		}
		if (k >= 0)
			c->seen[k] = 1;
		c->colmap[c->field++] = k;
		c->colmap_n = c->field;
		return;
	}
	if (c->field < c->colmap_n && (k = c->colmap[c->field]) >= 0) {
		if (s && memchr(s, '\0', n))
			c->nul = 1;
		buf_reset(&c->val[k]);
		buf_append(&c->val[k], s ? s : "", s ? n : 0);
	}
	c->field++;
}

/* The end of the header: are the required columns there? */
static void
csvfile_header(struct csvfile *c)
{
	int k;

	c->nheader = c->field;
	for (k = 0; k < NREQUIRED; k++) {
		if (!c->seen[k]) {
			err_set(c->err, "the header has no column \"%s\" (it "
			    "needs id, group, author, time and body)",
			    colname[k]);
			c->stop = 1;
			return;
		}
	}
}

/* A row ended: make a record of it and emit it, or skip it. */
static void
csvfile_row(struct csvfile *c)
{
	char where[RECORD_WHERE_MAX], why[96];
	struct import_record r;
	int k;

	snprintf(where, sizeof(where), "%s: line %lld", c->e.name,
	    (long long)c->row_line);
	if (c->field != c->nheader) {
		snprintf(why, sizeof(why), "it has %d fields, the header %d",
		    c->field, c->nheader);
		c->e.skip(c->e.ctx, where, why);
		return;
	}
	if (c->nul) {
		c->e.skip(c->e.ctx, where, "a field has a NUL byte");
		return;
	}
	for (k = 0; k < NCOLS; k++) {
		if (c->seen[k] && c->val[k].failed) {
			snprintf(why, sizeof(why), "field \"%s\" is longer "
			    "than 1 MiB", colname[k]);
			c->e.skip(c->e.ctx, where, why);
			return;
		}
	}
	memset(&r, 0, sizeof(r));
	if (record_time_rfc3339(c->val[C_TIME].data, &r.time) != 0) {
		c->e.skip(c->e.ctx, where,
		    "field \"time\" is not an RFC 3339 time");
		return;
	}
	r.id = c->val[C_ID].data;
	r.group = c->val[C_GROUP].data;
	r.author = c->val[C_AUTHOR].data;
	r.body = c->val[C_BODY].data;
	r.group_id = c->seen[C_GROUP_ID] && c->val[C_GROUP_ID].len ?
	    c->val[C_GROUP_ID].data : r.group;
	r.author_id = c->seen[C_AUTHOR_ID] && c->val[C_AUTHOR_ID].len ?
	    c->val[C_AUTHOR_ID].data : r.author;
	if (record_emit(&c->e, &r, where, c->err) != 0)
		c->stop = 1;
}

/* libcsv's end-of-row callback. */
static void
csvfile_end_row(int term, void *ctx)
{
	struct csvfile *c = ctx;
	int k;

	(void)term;
	if (c->stop)
		return;
	if (c->rows++ == 0)
		csvfile_header(c);
	else
		csvfile_row(c);
	c->field = 0;
	c->nul = 0;
	for (k = 0; k < NCOLS; k++)
		buf_reset(&c->val[k]);
}

/* Start reading CSV. */
static void *
csvfile_open(const struct import_emit *e, char *err)
{
	struct csvfile *c = calloc(1, sizeof(*c));
	int k;

	if (c == NULL || csv_init(&c->p, CSV_STRICT | CSV_STRICT_FINI |
	    CSV_APPEND_NULL) != 0) {
		free(c);
		err_set(err, "out of memory");
		return NULL;
	}
	csv_set_realloc_func(&c->p, csvfile_realloc);
	c->e = *e;
	c->line = 1;
	for (k = 0; k < NCOLS; k++) {	/* each holds "" from the start */
		buf_init(&c->val[k], RECORD_BODY_MAX + 1);
		buf_putc(&c->val[k], '\0');
		buf_reset(&c->val[k]);
	}
	return c;
}

/* Say why libcsv stopped, at the current line.  Returns -1. */
static int
csvfile_fail(struct csvfile *c, char *err)
{
	if (c->stop)
		err_set(err, "%s", c->err);
	else if (csv_error(&c->p) == CSV_EPARSE)
		err_set(err, "line %lld: not valid CSV (a quote out of place, "
		    "or the file ends inside a quoted field)",
		    (long long)c->line);
	else
		err_set(err, "line %lld: a field longer than 16 MiB",
		    (long long)c->line);
	return -1;
}

/* Feed libcsv one piece of a line. */
static int
csvfile_parse(struct csvfile *c, const char *s, size_t n, char *err)
{
	if (csv_parse(&c->p, s, n, csvfile_field, csvfile_end_row, c) != n ||
	    c->stop)
		return csvfile_fail(c, err);
	return 0;
}

/* The next bytes of the file, a line at a time so lines can be counted. */
static int
csvfile_feed(void *p, const char *data, size_t n, char *err)
{
	struct csvfile *c = p;
	const char *end = data + n, *nl;

	if (n == 0)
		return 0;
	c->after_nl = end[-1] == '\n';
	while (data < end) {
		nl = memchr(data, '\n', (size_t)(end - data));
		if (nl == NULL)
			return csvfile_parse(c, data, (size_t)(end - data), err);
		if (csvfile_parse(c, data, (size_t)(nl + 1 - data), err) != 0)
			return -1;
		c->line++;
		data = nl + 1;
	}
	return 0;
}

/* The end of the file: the last row, and was there a header at all? */
static int
csvfile_end(void *p, char *err)
{
	struct csvfile *c = p;

	if (c->after_nl && c->line > 1)
		c->line--;	/* an error now is on the last line */
	if (csv_fini(&c->p, csvfile_field, csvfile_end_row, c) != 0 ||
	    c->stop)
		return csvfile_fail(c, err);
	if (c->rows == 0) {
		err_set(err, "the file is empty: it needs a header row");
		return -1;
	}
	return 0;
}

static void
csvfile_free(void *p)
{
	struct csvfile *c = p;
	int k;

	if (c == NULL)
		return;
	csv_free(&c->p);
	free(c->colmap);
	for (k = 0; k < NCOLS; k++)
		buf_free(&c->val[k]);
	free(c);
}

const struct import_format csvfile_format = {
	"csv", csvfile_open, csvfile_feed, csvfile_end, csvfile_free
};
