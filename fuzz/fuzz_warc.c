/*
** fuzz_warc.c: libFuzzer target for the WARC reader (src/detect/warc.c),
** which reads crawl shards from outside: the record parser, and the file
** reader in front of it (gzip through libarchive, or plain).  Besides not
** crashing: each block ends after exactly its Content-Length bytes,
** records come numbered in order, and the records, blocks and result are
** the same whether the input arrives whole or cut in two (at a point the
** input picks).
*/
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "detect/warc.h"
#include "util/buf.h"
#include "util/util.h"

/* What the handler saw. */
struct seen {
	struct buf trace;	/* every call, with its arguments */
	uint64_t last;		/* the number of the last record begun */
	uint64_t got;		/* bytes of the current block so far */
	uint64_t want;		/* its Content-Length */
};

static int
on_begin(void *ctx, const struct warc_record *r)
{
	struct seen *s = ctx;

	if (r->number != s->last + 1 || r->version == NULL || r->type == NULL ||
	    r->uri == NULL || r->id == NULL || r->content_type == NULL)
		__builtin_trap();
	s->last = r->number;
	s->got = 0;
	s->want = r->length;
	buf_printf(&s->trace, "B%llu@%llu:%s|%s|%s|%s|%llu\n", (unsigned long long)r->number,
	    (unsigned long long)r->offset, r->version, r->type, r->uri, r->id,
	    (unsigned long long)r->length);
	/* take every other block, so skipping is exercised too */
	return (int)(r->number & 1);
}

static int
on_block(void *ctx, const char *p, size_t n)
{
	struct seen *s = ctx;

	if (n == 0 || n > s->want - s->got)
		__builtin_trap();
	s->got += n;
	buf_append(&s->trace, p, n);
	return 0;
}

static int
on_end(void *ctx, const struct warc_record *r)
{
	struct seen *s = ctx;

	if (s->got != s->want || r->number != s->last)
		__builtin_trap();
	buf_printf(&s->trace, "E%llu\n", (unsigned long long)r->number);
	return 0;
}

static const struct warc_handler handler = { on_begin, on_block, on_end };

/* Parse data[0..size) fed in two pieces cut at cut; returns the result. */
static int
parse(const uint8_t *data, size_t size, size_t cut, struct seen *s, char *err)
{
	struct warc_parser *p = warc_parser_new(&handler, s);
	int rc;

	if (p == NULL)
		return -2;
	rc = warc_parser_feed(p, data, cut, err);
	if (rc == 0)
		rc = warc_parser_feed(p, data + cut, size - cut, err);
	if (rc == 0)
		rc = warc_parser_finish(p, err);
	warc_parser_free(p);
	return rc;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct seen whole, split;
	char err[ERR_MAX], err2[ERR_MAX];
	size_t cut = size > 0 ? data[size - 1] % (size + 1) : 0;
	int rc, rc2;

	memset(&whole, 0, sizeof(whole));
	memset(&split, 0, sizeof(split));
	buf_init(&whole.trace, (size_t)1 << 20);
	buf_init(&split.trace, (size_t)1 << 20);
	rc = parse(data, size, size, &whole, err);
	rc2 = parse(data, size, cut, &split, err2);
	if (!whole.trace.failed && !split.trace.failed && (rc != rc2 ||
	    whole.trace.len != split.trace.len ||
	    (whole.trace.len > 0 && memcmp(whole.trace.data, split.trace.data,
	    whole.trace.len) != 0) || (rc < 0 && strcmp(err, err2) != 0)))
		__builtin_trap();

	/* the file reader: gzip when the input starts as gzip does */
	buf_reset(&whole.trace);
	whole.last = 0;
	warc_read_buffer(data, size, (uint64_t)1 << 24, &handler, &whole, err);
	buf_free(&whole.trace);
	buf_free(&split.trace);
	return 0;
}
