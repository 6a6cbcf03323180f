/*
** warc.c: WARC records out of a stream of bytes, and WARC files (plain
** or gzip) into that stream.  See warc.h.
**
** The parser is a small state machine: between records it skips line
** ends; in a header it collects lines into one capped buffer until the
** empty line, then parses the fields in place (values are trimmed,
** continuation lines joined to their field, each value NUL-terminated
** where it ends); in a block it counts Content-Length bytes down, handing
** them on as they come.  Nothing but the header is ever held.
**
** Decompression is libarchive's gzip filter under its "raw" format,
** which reads concatenated members (a crawl's record-per-member files)
** as one stream.  libarchive takes whatever follows the last whole
** member, even the start of a cut one, as the end of the data; so the
** reader compares the bytes the filter consumed with the file's size and
** calls any difference an error.  The filter fills 64 KiB of output at a
** time, member after member, and drops the piece it was filling when a
** member in it is damaged or cut: the error is reported, but the pages
** in up to 64 KiB of text before the damage are not read.  (zlib itself
** would give everything up to the damage; libarchive is what sanctum
** links already.)
*/
#include "warc.h"

#include <archive.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../util/buf.h"
#include "../util/util.h"

#define READ_CHUNK ((size_t)64 << 10)	/* bytes read or decompressed at a time */

enum warc_state {
	W_BETWEEN,		/* before a record: line ends are skipped */
	W_HEADER,		/* in a record's header */
	W_BLOCK,		/* in a record's block */
	W_STOPPED,		/* the handler asked to stop */
	W_FAILED		/* an error; err says which */
};

struct warc_parser {
	struct warc_handler h;
	void *ctx;
	enum warc_state state;
	struct buf hdr;		/* the header being read, lines and all */
	size_t line_start;	/* where its current line starts in hdr */
	int checked;		/* its first bytes were seen to be "WARC/" */
	int want;		/* the handler takes this record's block */
	uint64_t pos;		/* input bytes consumed */
	uint64_t left;		/* bytes of the block still to come */
	uint64_t records;	/* headers read */
	struct warc_record rec;
	char err[ERR_MAX];	/* why it failed, for every later call */
};

/* A parser calling h with ctx.  See warc.h. */
struct warc_parser *
warc_parser_new(const struct warc_handler *h, void *ctx)
{
	struct warc_parser *p = calloc(1, sizeof(*p));

	if (p == NULL)
		return NULL;
	if (h != NULL)
		p->h = *h;
	p->ctx = ctx;
	p->state = W_BETWEEN;
	buf_init(&p->hdr, WARC_HEADER_MAX);
	return p;
}

/* Free p. */
void
warc_parser_free(struct warc_parser *p)
{
	if (p == NULL)
		return;
	buf_free(&p->hdr);
	free(p);
}

/* Records whose header has been read. */
uint64_t
warc_parser_records(const struct warc_parser *p)
{
	return p->records;
}

/* Fail: the message names the record being read and its offset, then
** the reason.  Returns -1. */
static int
fail(struct warc_parser *p, char *err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
fail(struct warc_parser *p, char *err, const char *fmt, ...)
{
	char reason[ERR_MAX - 96];	/* room for the record's number and offset */
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	snprintf(p->err, sizeof(p->err), "WARC record %llu (byte %llu): %s",
	    (unsigned long long)p->rec.number, (unsigned long long)p->rec.offset, reason);
	p->state = W_FAILED;
	err_set(err, "%s", p->err);
	return -1;
}

/* 1 when the field name n[0..len) is name, ignoring case. */
static int
name_is(const char *n, size_t len, const char *name)
{
	return strlen(name) == len && strncasecmp(n, name, len) == 0;
}

/* Parse Content-Length's value s into *out; 0, or -1 when it is not
** digits only or over WARC_MAX_BLOCK. */
static int
parse_length(const char *s, uint64_t *out)
{
	uint64_t v = 0;

	if (*s == '\0')
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (uint64_t)(*s - '0');
		if (v > WARC_MAX_BLOCK)
			return -1;
	}
	*out = v;
	return 0;
}

/* Parse the header in p->hdr (its lines, the empty one last) into p->rec.
** Values are trimmed of spaces and tabs, continuation lines joined to
** their field with one space, and each value NUL-terminated in place: a
** value only ever moves towards the start of the buffer, and its NUL
** lands at or before the end of its own last line.  Returns 0 or -1 with
** err. */
static int
parse_header(struct warc_parser *p, char *err)
{
	char *d = p->hdr.data, *line, *eol, *next, *end = d + p->hdr.len;
	char *cur = NULL, *cur_end = NULL, *colon, *v, *ve, *name;
	const char **slot = NULL;
	const char *length = NULL;
	size_t k;
	int first = 1;

	p->rec.type = p->rec.uri = p->rec.id = p->rec.content_type = "";
	p->rec.version = "";
	for (line = d; line < end; line = next) {
		eol = memchr(line, '\n', (size_t)(end - line));
		if (eol == NULL)
			eol = end;
		next = eol + 1;
		if (eol > line && eol[-1] == '\r')
			eol--;
		if (first) {
			/* "WARC/" and a version of digits and dots */
			for (k = 5; line + k < eol; k++)
				if ((line[k] < '0' || line[k] > '9') && line[k] != '.')
					break;
			if (eol - line < 6 || memcmp(line, "WARC/", 5) != 0 || line + k != eol)
				return fail(p, err, "the version line is not WARC/ and a number");
			*eol = '\0';
			p->rec.version = line;
			first = 0;
			continue;
		}
		if (eol == line)
			break;		/* the empty line: the header's end */
		if (*line == ' ' || *line == '\t') {
			/* a continuation of the field before */
			if (cur_end == NULL)
				return fail(p, err, "a continuation line with no field before it");
			for (v = line; v < eol && (*v == ' ' || *v == '\t'); v++)
				;
			for (ve = eol; ve > v && (ve[-1] == ' ' || ve[-1] == '\t'); ve--)
				;
			if (ve > v) {
				if (cur_end > cur)
					*cur_end++ = ' ';
				memmove(cur_end, v, (size_t)(ve - v));
				cur_end += ve - v;
			}
			continue;
		}
		if ((colon = memchr(line, ':', (size_t)(eol - line))) == NULL)
			return fail(p, err, "a header line without ':'");
		for (name = line; name < colon; name++)
			if ((unsigned char)*name <= ' ' || *name == 0x7f)
				return fail(p, err, "a field name with a space or a control character");
		if (colon == line)
			return fail(p, err, "a field with no name");
		if (cur_end != NULL) {
			*cur_end = '\0';
			if (slot != NULL && **slot == '\0')
				*slot = cur;
		}
		for (v = colon + 1; v < eol && (*v == ' ' || *v == '\t'); v++)
			;
		for (ve = eol; ve > v && (ve[-1] == ' ' || ve[-1] == '\t'); ve--)
			;
		cur = v;
		cur_end = ve;
		k = (size_t)(colon - line);
		slot = NULL;
		if (name_is(line, k, "WARC-Type")) {
			slot = &p->rec.type;
		} else if (name_is(line, k, "WARC-Target-URI")) {
			slot = &p->rec.uri;
		} else if (name_is(line, k, "WARC-Record-ID")) {
			slot = &p->rec.id;
		} else if (name_is(line, k, "Content-Type")) {
			slot = &p->rec.content_type;
		} else if (name_is(line, k, "Content-Length")) {
			if (length != NULL)
				return fail(p, err, "two Content-Length fields");
			length = "";
			slot = &length;
		}
	}
	if (cur_end != NULL) {
		*cur_end = '\0';
		if (slot != NULL && **slot == '\0')
			*slot = cur;
	}
	if (length == NULL)
		return fail(p, err, "no Content-Length");
	if (parse_length(length, &p->rec.length) != 0)
		return fail(p, err, "Content-Length is not a number of at most %llu",
		    (unsigned long long)WARC_MAX_BLOCK);
	/* WARC/1.0's grammar put the target URI in <>; writers differ */
	k = strlen(p->rec.uri);
	if (k >= 2 && p->rec.uri[0] == '<' && p->rec.uri[k - 1] == '>') {
		((char *)p->rec.uri)[k - 1] = '\0';
		p->rec.uri++;
	}
	return 0;
}

/* The block of the current record is over: tell the handler, and wait
** for the next record.  Returns 0 or 1 (stop). */
static int
end_record(struct warc_parser *p)
{
	int rc = 0;

	if (p->want && p->h.end != NULL)
		rc = p->h.end(p->ctx, &p->rec) != 0;
	p->want = 0;
	p->state = rc ? W_STOPPED : W_BETWEEN;
	return rc;
}

/* The header is complete: parse it and ask the handler whether it wants
** the block.  Returns 0, 1 (stop) or -1 with err. */
static int
header_done(struct warc_parser *p, char *err)
{
	int r;

	if (parse_header(p, err) != 0)
		return -1;
	p->records++;
	p->left = p->rec.length;
	r = p->h.begin != NULL ? p->h.begin(p->ctx, &p->rec) : 0;
	if (r < 0) {
		p->state = W_STOPPED;
		return 1;
	}
	p->want = r > 0;
	p->state = W_BLOCK;
	if (p->left == 0)
		return end_record(p);
	return 0;
}

/* Take header bytes s[0..n): up to and including the next line end.
** Returns the bytes taken, or -1 with err; *done is set when the empty
** line that ends the header was taken. */
static long
header_bytes(struct warc_parser *p, const char *s, size_t n, int *done, char *err)
{
	const char *nl = memchr(s, '\n', n);
	size_t take = nl ? (size_t)(nl - s) + 1 : n, len;

	*done = 0;
	if (take > WARC_HEADER_MAX - p->hdr.len || buf_append(&p->hdr, s, take) != 0)
		return fail(p, err, "a header longer than %zu bytes", WARC_HEADER_MAX);
	if (!p->checked && p->hdr.len >= 5) {
		if (memcmp(p->hdr.data, "WARC/", 5) != 0)
			return fail(p, err, "does not start with \"WARC/\"%s",
			    p->records ? " (is the Content-Length before it right?)" : "");
		p->checked = 1;
	}
	if (nl == NULL)
		return (long)take;
	if (!p->checked)
		return fail(p, err, "does not start with \"WARC/\"");
	/* the line just ended: empty (but for a '\r') ends the header */
	len = p->hdr.len - p->line_start - 1;
	if (len > 0 && p->hdr.data[p->hdr.len - 2] == '\r')
		len--;
	if (len == 0 && p->line_start > 0)
		*done = 1;
	p->line_start = p->hdr.len;
	return (long)take;
}

/* Take the next bytes of the input.  See warc.h. */
int
warc_parser_feed(struct warc_parser *p, const void *data, size_t n, char *err)
{
	const char *s = data;
	size_t i = 0, take;
	long got;
	int done, rc;

	if (p->state == W_FAILED) {
		err_set(err, "%s", p->err);
		return -1;
	}
	while (i < n) {
		switch (p->state) {
		case W_STOPPED:
			return 1;
		case W_FAILED:
			return -1;
		case W_BETWEEN:
			if (s[i] == '\r' || s[i] == '\n') {
				i++;
				p->pos++;
				break;
			}
			p->state = W_HEADER;
			memset(&p->rec, 0, sizeof(p->rec));
			p->rec.number = p->records + 1;
			p->rec.offset = p->pos;
			buf_reset(&p->hdr);
			p->line_start = 0;
			p->checked = 0;
			break;
		case W_HEADER:
			if ((got = header_bytes(p, s + i, n - i, &done, err)) < 0)
				return -1;
			i += (size_t)got;
			p->pos += (uint64_t)got;
			if (done && (rc = header_done(p, err)) != 0)
				return rc;
			break;
		case W_BLOCK:
			take = n - i < p->left ? n - i : (size_t)p->left;
			if (p->want && p->h.block != NULL &&
			    p->h.block(p->ctx, s + i, take) != 0) {
				p->state = W_STOPPED;
				return 1;
			}
			i += take;
			p->pos += take;
			p->left -= take;
			if (p->left == 0 && end_record(p) != 0)
				return 1;
			break;
		}
	}
	return p->state == W_STOPPED ? 1 : 0;
}

/* The input has ended.  See warc.h. */
int
warc_parser_finish(struct warc_parser *p, char *err)
{
	switch (p->state) {
	case W_BETWEEN:
	case W_STOPPED:
		return 0;
	case W_HEADER:
		return fail(p, err, "the input ends inside its header");
	case W_BLOCK:
		return fail(p, err, "the input ends %llu bytes into its block of %llu "
		    "(Content-Length): a cut file, or a Content-Length that is too large",
		    (unsigned long long)(p->rec.length - p->left),
		    (unsigned long long)p->rec.length);
	case W_FAILED:
		break;
	}
	err_set(err, "%s", p->err);
	return -1;
}

/* ------------------------------------------------------------------ */
/* Files                                                               */

/* 1 when p[0..n) starts a WARC record or a gzip stream. */
int
warc_magic(const void *p, size_t n)
{
	const unsigned char *u = p;

	if (n >= 2 && u[0] == 0x1f && u[1] == 0x8b)
		return 1;
	return n >= 5 && memcmp(u, "WARC/", 5) == 0;
}

/* 1 when s ends in suffix, ignoring case. */
static int
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n > k && strcasecmp(s + n - k, suffix) == 0;
}

/* A libarchive reader of gzip data under the raw format, open on fd (not
** -1) or on mem[0..n).  Returns it, or NULL with err. */
static struct archive *
gzip_open(int fd, const void *mem, size_t n, char *err)
{
	struct archive *a = archive_read_new();
	struct archive_entry *e;
	int rc;

	if (a == NULL) {
		err_set(err, "out of memory");
		return NULL;
	}
	/* ARCHIVE_WARN: libarchive would run an outside gzip program */
	if (archive_read_support_filter_gzip(a) != ARCHIVE_OK ||
	    archive_read_support_format_raw(a) != ARCHIVE_OK) {
		err_set(err, "this libarchive cannot read gzip itself");
		archive_read_free(a);
		return NULL;
	}
	rc = fd >= 0 ? archive_read_open_fd(a, fd, READ_CHUNK) :
	    archive_read_open_memory(a, mem, n);
	if (rc == ARCHIVE_OK)
		rc = archive_read_next_header(a, &e);
	if (rc != ARCHIVE_OK || archive_filter_code(a, 0) != ARCHIVE_FILTER_GZIP) {
		err_set(err, "gzip: %.120s", rc == ARCHIVE_OK ? "not a gzip stream" :
		    archive_error_string(a) ? archive_error_string(a) : "damaged or cut");
		archive_read_free(a);
		return NULL;
	}
	return a;
}

/* Pass data[0..n) to p unless it takes the uncompressed bytes past
** limit.  Returns warc_parser_feed's result, or -1 with err. */
static int
feed(struct warc_parser *p, const char *data, size_t n, uint64_t *total, uint64_t limit,
    char *err)
{
	if (n > limit - *total) {
		err_set(err, "more than %llu bytes uncompressed", (unsigned long long)limit);
		return -1;
	}
	*total += n;
	return warc_parser_feed(p, data, n, err);
}

/* Read the gzip stream a, of size compressed bytes, into p.  Returns 0,
** 1 (stopped) or -1 with err. */
static int
read_gzip(struct archive *a, uint64_t size, struct warc_parser *p, uint64_t limit,
    char *chunk, char *err)
{
	uint64_t total = 0;
	la_ssize_t got;
	int rc;

	for (;;) {
		got = archive_read_data(a, chunk, READ_CHUNK);
		if (got < 0) {
			err_set(err, "gzip: %.120s", archive_error_string(a) ?
			    archive_error_string(a) : "damaged or cut");
			return -1;
		}
		if (got == 0)
			break;
		if ((rc = feed(p, chunk, (size_t)got, &total, limit, err)) != 0)
			return rc;
	}
	if ((uint64_t)archive_filter_bytes(a, -1) < size) {
		err_set(err, "gzip: %llu bytes after the last whole member are not gzip "
		    "(a cut or damaged file?)",
		    (unsigned long long)(size - (uint64_t)archive_filter_bytes(a, -1)));
		return -1;
	}
	return warc_parser_finish(p, err);
}

/* Read fd (a regular file of size bytes) or, when fd is -1, mem[0..size)
** into a parser for h.  Returns 0, 1 or -1 with err (the reason only). */
static int
read_input(int fd, const void *mem, uint64_t size, uint64_t limit,
    const struct warc_handler *h, void *ctx, char *err)
{
	struct warc_parser *p = warc_parser_new(h, ctx);
	char *chunk = malloc(READ_CHUNK);
	unsigned char head[5];
	struct archive *a;
	uint64_t total = 0;
	ssize_t got;
	size_t nhead, off;
	int rc = -1;

	if (limit == 0)
		limit = WARC_MAX_TOTAL;
	if (p == NULL || chunk == NULL) {
		err_set(err, "out of memory");
		goto cleanup;
	}
	if (fd >= 0) {
		got = pread(fd, head, sizeof(head), 0);
		if (got < 0) {
			err_set(err, "cannot read: %s", strerror(errno));
			goto cleanup;
		}
		nhead = (size_t)got;
	} else {
		nhead = size < sizeof(head) ? (size_t)size : sizeof(head);
		if (nhead > 0)
			memcpy(head, mem, nhead);
	}
	if (nhead == 0) {
		rc = 0;		/* an empty file holds no records */
		goto cleanup;
	}
	if (!warc_magic(head, nhead)) {
		err_set(err, "not a WARC file: it starts with neither \"WARC/\" nor gzip's "
		    "magic bytes");
		goto cleanup;
	}
	if (head[0] == 0x1f) {
		if ((a = gzip_open(fd, mem, (size_t)size, err)) == NULL)
			goto cleanup;
		rc = read_gzip(a, size, p, limit, chunk, err);
		archive_read_free(a);
		goto cleanup;
	}
	if (fd < 0) {
		for (off = 0; off < size; off += READ_CHUNK) {
			size_t step = size - off < READ_CHUNK ? (size_t)(size - off) : READ_CHUNK;
			if ((rc = feed(p, (const char *)mem + off, step, &total, limit, err)) != 0)
				goto cleanup;
		}
		rc = warc_parser_finish(p, err);
		goto cleanup;
	}
	for (;;) {
		got = read(fd, chunk, READ_CHUNK);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			err_set(err, "cannot read: %s", strerror(errno));
			rc = -1;
			goto cleanup;
		}
		if (got == 0)
			break;
		if ((rc = feed(p, chunk, (size_t)got, &total, limit, err)) != 0)
			goto cleanup;
	}
	rc = warc_parser_finish(p, err);
cleanup:
	warc_parser_free(p);
	free(chunk);
	return rc;
}

/* Read the WARC file at path.  See warc.h. */
int
warc_read_file(const char *path, uint64_t limit, const struct warc_handler *h, void *ctx,
    char *err)
{
	char reason[ERR_MAX];
	struct stat st;
	int fd, rc;

	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		err_set(err, "%s: cannot open: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		err_set(err, "%s: not a regular file", path);
		close(fd);
		return -1;
	}
	reason[0] = '\0';
	rc = read_input(fd, NULL, (uint64_t)st.st_size, limit, h, ctx, reason);
	close(fd);
	if (rc < 0)
		err_set(err, "%s: %s", path, reason);
	return rc;
}

/* Read a WARC file's bytes from memory.  See warc.h. */
int
warc_read_buffer(const void *data, size_t n, uint64_t limit, const struct warc_handler *h,
    void *ctx, char *err)
{
	return read_input(-1, data, n, limit, h, ctx, err);
}

/* 1 when p[0..n) starts with a whole version line, "WARC/1.0" and a line
** end: a text that merely begins with the word is not taken for WARC. */
static int
version_line(const unsigned char *p, size_t n)
{
	size_t i = 5, digits = 0, dots = 0;

	if (n < 9 || memcmp(p, "WARC/", 5) != 0)
		return 0;
	for (; i < n && ((p[i] >= '0' && p[i] <= '9') || p[i] == '.'); i++) {
		digits += p[i] != '.';
		dots += p[i] == '.';
	}
	if (i < n && p[i] == '\r')
		i++;
	return digits >= 2 && dots == 1 && i < n && p[i] == '\n';
}

/* Whether path is to be read as WARC.  See warc.h. */
int
warc_is_warc_file(const char *path)
{
	static const char *const names[] = { ".warc", ".wet", ".warc.gz", ".wet.gz" };
	struct archive *a;
	struct stat st;
	unsigned char head[32];
	char err[ERR_MAX];
	size_t i, have = 0;
	la_ssize_t got;
	int fd, yes = 0;

	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
		return 0;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (ends_with(path, names[i]))
			return 1;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY)) < 0)
		return 0;
	got = pread(fd, head, sizeof(head), 0);
	if (got > 0 && version_line(head, (size_t)got)) {
		yes = 1;
	} else if (got >= 2 && head[0] == 0x1f && head[1] == 0x8b &&
	    (a = gzip_open(fd, NULL, 0, err)) != NULL) {
		/* a gzip file: does what it holds start a record? */
		while (have < sizeof(head) &&
		    (got = archive_read_data(a, head + have, sizeof(head) - have)) > 0)
			have += (size_t)got;
		yes = version_line(head, have);
		archive_read_free(a);
	}
	close(fd);
	return yes;
}
