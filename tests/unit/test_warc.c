/*
** test_warc.c: the WARC reader (src/detect/warc.c): records and their
** fields, line ends of either kind, input in pieces of any size, and the
** ways a file goes wrong (cut short, a Content-Length that lies, a header
** without end, not WARC at all, damaged gzip).  The records are written
** here: a few plainly fictional pages.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "detect/warc.h"
#include "test.h"
#include "util/buf.h"
#include "util/util.h"

/* What the parser reported, as one line of text per call. */
struct trace {
	struct buf b;
	int takes_all;		/* begin() asks for every block, not only conversions */
	uint64_t stop_at;	/* begin() stops at this record (0: never) */
};

static int
t_begin(void *ctx, const struct warc_record *r)
{
	struct trace *t = ctx;

	buf_printf(&t->b, "begin %llu @%llu %s type=%s uri=%s id=%s ctype=%s len=%llu\n",
	    (unsigned long long)r->number, (unsigned long long)r->offset, r->version, r->type,
	    r->uri, r->id, r->content_type, (unsigned long long)r->length);
	if (t->stop_at == r->number)
		return -1;
	return t->takes_all || strcmp(r->type, "conversion") == 0;
}

static int
t_block(void *ctx, const char *p, size_t n)
{
	struct trace *t = ctx;

	buf_append(&t->b, p, n);
	return 0;
}

static int
t_end(void *ctx, const struct warc_record *r)
{
	struct trace *t = ctx;

	buf_printf(&t->b, "|end %llu\n", (unsigned long long)r->number);
	return 0;
}

static const struct warc_handler handler = { t_begin, t_block, t_end };

/* Parse in[0..n) fed step bytes at a time into t; returns what feed and
** finish returned (the first non-zero), err filled. */
static int
parse(struct trace *t, const char *in, size_t n, size_t step, char *err)
{
	struct warc_parser *p = warc_parser_new(&handler, t);
	size_t i, k;
	int rc = 0;

	buf_init(&t->b, (size_t)1 << 20);
	err[0] = '\0';
	CHECK(p != NULL);
	if (p == NULL)
		return -2;
	for (i = 0; i < n && rc == 0; i += k) {
		k = n - i < step ? n - i : step;
		rc = warc_parser_feed(p, in + i, k, err);
	}
	if (rc == 0)
		rc = warc_parser_finish(p, err);
	warc_parser_free(p);
	return rc;
}

/* A WET file as a crawl writes it: warcinfo, then pages (conversion
** records), with a response record among them that is not text. */
static const char wet_crlf[] =
	"WARC/1.0\r\n"
	"WARC-Type: warcinfo\r\n"
	"WARC-Date: 2024-05-01T10:00:00Z\r\n"
	"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000001>\r\n"
	"Content-Type: application/warc-fields\r\n"
	"Content-Length: 23\r\n"
	"\r\n"
	"isPartOf: TEST-2024\r\n\r\n"
	"\r\n\r\n"
	"WARC/1.0\r\n"
	"WARC-Type: conversion\r\n"
	"WARC-Target-URI: https://garden.example/tomatoes\r\n"
	"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000002>\r\n"
	"Content-Type: text/plain\r\n"
	"Content-Length: 38\r\n"
	"\r\n"
	"Tomatoes like sun.\nWater them gently.\n"
	"\r\n\r\n"
	"WARC/1.1\r\n"
	"warc-type: response\r\n"
	"WARC-Target-URI: https://garden.example/logo.png\r\n"
	"content-length: 4\r\n"
	"\r\n"
	"\x89PNG"
	"\r\n\r\n"
	"WARC/1.0\r\n"
	"WARC-Type: conversion\r\n"
	"WARC-Target-URI: <https://bakery.example/bread?a=1&b=2>\r\n"
	"WARC-Record-ID:\r\n"
	"  <urn:uuid:00000000-0000-0000-0000-000000000003>\r\n"
	"Content-Length:   0   \r\n"
	"\r\n"
	"\r\n\r\n";

static const char want_crlf[] =
	"begin 1 @0 WARC/1.0 type=warcinfo uri= id=<urn:uuid:00000000-0000-0000-0000-"
	"000000000001> ctype=application/warc-fields len=23\n"
	"begin 2 @217 WARC/1.0 type=conversion uri=https://garden.example/tomatoes "
	"id=<urn:uuid:00000000-0000-0000-0000-000000000002> ctype=text/plain len=38\n"
	"Tomatoes like sun.\nWater them gently.\n"
	"|end 2\n"
	"begin 3 @455 WARC/1.1 type=response uri=https://garden.example/logo.png id= "
	"ctype= len=4\n"
	"begin 4 @565 WARC/1.0 type=conversion uri=https://bakery.example/bread?a=1&b=2 "
	"id=<urn:uuid:00000000-0000-0000-0000-000000000003> ctype= len=0\n"
	"|end 4\n";

static const char lf_wet[] =
	"WARC/1.0\n"
	"WARC-Type: conversion\n"
	"WARC-Target-URI: https://garden.example/tomatoes\n"
	"Content-Length: 38\n"
	"\n"
	"Tomatoes like sun.\nWater them gently.\n"
	"\n\n"
	"WARC/1.0\n"
	"WARC-Type: conversion\n"
	"WARC-Target-URI: https://garden.example/beans\n"
	"Content-Length: 6\n"
	"\n"
	"Beans."
	"\n\n";

/* Records, their fields and blocks, whatever the pieces the input
** arrives in; lines that end in "\n" alone read the same. */
void
test_warc_records(void)
{
	static const size_t steps[] = { 1, 2, 3, 7, 64, 100000 };
	struct trace t = { .takes_all = 0 };
	char err[ERR_MAX];
	size_t i;

	for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		CHECK(parse(&t, wet_crlf, sizeof(wet_crlf) - 1, steps[i], err) == 0);
		CHECK(strcmp(t.b.data, want_crlf) == 0);
		if (strcmp(t.b.data, want_crlf) != 0)
			fprintf(stderr, "#   step %zu got:\n%s\n", steps[i], t.b.data);
		buf_free(&t.b);
	}

	/* lines that end in "\n" alone, in the headers and between records
	** (a block is Content-Length bytes, whatever they hold) */
	CHECK(parse(&t, lf_wet, sizeof(lf_wet) - 1, 5, err) == 0);
	CHECK(strstr(t.b.data, "begin 1 @0 WARC/1.0 type=conversion uri=https://garden."
	    "example/tomatoes id= ctype= len=38\nTomatoes like sun.\nWater them "
	    "gently.\n|end 1\n") == t.b.data);
	CHECK(strstr(t.b.data, "uri=https://garden.example/beans id= ctype= len=6\n"
	    "Beans.|end 2\n") != NULL);
	buf_free(&t.b);

	/* begin() may take every block, or stop the parse */
	t.takes_all = 1;
	CHECK(parse(&t, wet_crlf, sizeof(wet_crlf) - 1, 11, err) == 0);
	CHECK(strstr(t.b.data, "isPartOf: TEST-2024\r\n\r\n|end 1\n") != NULL);
	CHECK(strstr(t.b.data, "len=4\n\x89PNG|end 3\n") != NULL);
	buf_free(&t.b);
	t.takes_all = 0;
	t.stop_at = 3;
	CHECK(parse(&t, wet_crlf, sizeof(wet_crlf) - 1, 9, err) == 1);
	CHECK(strstr(t.b.data, "begin 3 ") != NULL);
	CHECK(strstr(t.b.data, "begin 4 ") == NULL);
	buf_free(&t.b);
	t.stop_at = 0;

	/* no input, or only line ends: no records, no error */
	CHECK(parse(&t, "", 0, 1, err) == 0);
	CHECK(t.b.len == 0);
	buf_free(&t.b);
	CHECK(parse(&t, "\r\n\n", 3, 1, err) == 0);
	buf_free(&t.b);
}

/* One malformed input: it fails (at feed or finish) with a message that
** contains want, after the records before it were passed on. */
static void
malformed(const char *in, const char *want, const char *before)
{
	struct trace t = { .takes_all = 0 };
	char err[ERR_MAX];
	size_t steps[] = { 1, 4096 }, i;

	for (i = 0; i < 2; i++) {
		CHECK(parse(&t, in, strlen(in), steps[i], err) == -1);
		CHECK(strstr(err, want) != NULL);
		if (strstr(err, want) == NULL)
			fprintf(stderr, "#   wanted [%s] in [%s]\n", want, err);
		if (before != NULL)
			CHECK(strstr(t.b.data, before) != NULL);
		buf_free(&t.b);
	}
}

#define PAGE1 "WARC/1.0\r\nWARC-Type: conversion\r\nWARC-Target-URI: https://a.example/\r\n" \
	"Content-Length: 12\r\n\r\nA calm page.\r\n\r\n"

/* Cut, lying, endless and foreign input fails with a message naming the
** record and the reason; the records before it were read. */
void
test_warc_malformed(void)
{
	struct warc_parser *p;
	char err[ERR_MAX], *huge;
	size_t n;

	/* cut inside a header, inside a block */
	malformed(PAGE1 "WARC/1.0\r\nWARC-Type: conv", "WARC record 2 (byte 108): the "
	    "input ends inside its header", "A calm page.|end 1");
	malformed(PAGE1 "WARC/1.0\r\nWARC-Type: conversion\r\nContent-Length: 40\r\n\r\n"
	    "only part", "WARC record 2 (byte 108): the input ends 9 bytes into its block "
	    "of 40", "A calm page.|end 1");
	/* a Content-Length too short: the rest of the block is where the
	** next record should start */
	malformed("WARC/1.0\r\nWARC-Type: conversion\r\nContent-Length: 6\r\n\r\nA calm page."
	    "\r\n\r\n" PAGE1, "WARC record 2 (byte 60): does not start with \"WARC/\" "
	    "(is the Content-Length before it right?)", "A calm|end 1");
	/* too long: it swallows the next record and the input ends early */
	malformed("WARC/1.0\r\nWARC-Type: conversion\r\nContent-Length: 200\r\n\r\nA calm page."
	    "\r\n\r\n" PAGE1, "WARC record 1 (byte 0): the input ends 124 bytes into its "
	    "block of 200", NULL);
	/* fields */
	malformed("WARC/1.0\r\nWARC-Type: conversion\r\n\r\nhello", "no Content-Length", NULL);
	malformed("WARC/1.0\r\nContent-Length: 12x\r\n\r\n", "Content-Length is not a number",
	    NULL);
	malformed("WARC/1.0\r\nContent-Length: -1\r\n\r\n", "Content-Length is not a number",
	    NULL);
	malformed("WARC/1.0\r\nContent-Length: 99999999999999999999999\r\n\r\n",
	    "Content-Length is not a number", NULL);
	malformed("WARC/1.0\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nabc",
	    "two Content-Length fields", NULL);
	malformed("WARC/1.0\r\nthis line has no colon\r\nContent-Length: 0\r\n\r\n",
	    "a header line without ':'", NULL);
	malformed("WARC/1.0\r\n  folded\r\nContent-Length: 0\r\n\r\n",
	    "a continuation line with no field before it", NULL);
	malformed("WARC/1.0\r\nBad Name: x\r\nContent-Length: 0\r\n\r\n",
	    "a field name with a space", NULL);
	/* not WARC */
	malformed("<html><body>a page</body></html>", "WARC record 1 (byte 0): does not "
	    "start with \"WARC/\"", NULL);
	malformed("WARC/x\r\nContent-Length: 0\r\n\r\n", "the version line is not WARC/", NULL);
	malformed("WARC\r\n", "does not start with \"WARC/\"", NULL);

	/* a header that never ends stops at the cap, not at the memory */
	n = WARC_HEADER_MAX + 100;
	huge = malloc(n + 1);
	CHECK(huge != NULL);
	if (huge == NULL)
		return;
	memcpy(huge, "WARC/1.0\r\nX-Long: ", 18);
	memset(huge + 18, 'a', n - 18);
	huge[n] = '\0';
	malformed(huge, "a header longer than 65536 bytes", NULL);
	free(huge);

	/* after an error, every call fails the same way */
	p = warc_parser_new(&handler, NULL);
	CHECK(p != NULL);
	if (p == NULL)
		return;
	CHECK(warc_parser_feed(p, "nope!", 5, err) == -1);
	err[0] = '\0';
	CHECK(warc_parser_feed(p, "WARC/1.0\r\n", 10, err) == -1);
	CHECK(strstr(err, "does not start with") != NULL);
	CHECK(warc_parser_finish(p, err) == -1);
	warc_parser_free(p);
}

/* Two gzip members (as crawls write them): a warcinfo record, then a
** page whose URI is https://example.org/walk. */
static const char wet_gz[] =
	"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\x03\x0b\x77\x0c\x72\xd6\x37"
	"\xd4\x33\xe0\xe5\x0a\x07\xb2\x74\x43\x2a\x0b\x52\xad\x14\xca\x13"
	"\x8b\x92\x33\xf3\xd2\xf2\xa1\x82\x41\xa9\xc9\xf9\x45\x29\xba\x9e"
	"\x2e\x56\x0a\x36\xa5\x45\x79\x56\xa5\xa5\x99\x29\x56\x86\x76\xbc"
	"\x5c\xce\xf9\x79\x25\xa9\x79\x25\xba\x3e\xa9\x79\xe9\x25\x19\x56"
	"\x0a\x86\x66\xbc\x5c\xbc\x5c\x99\xc5\x01\x89\x45\x25\xfe\x69\x56"
	"\x0a\x25\xa9\xc5\x25\x20\x11\x5e\x2e\x00\xdd\xb0\xfa\x4b\x67\x00"
	"\x00\x00\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\x03\x35\x8e\xcb\x0a"
	"\xc2\x30\x10\x45\xf7\x81\xfc\xc3\xfc\x40\x1a\x1f\x1b\x09\x22\x48"
	"\xdd\x14\x5c\x15\xa5\xeb\xb4\x1d\xda\xd0\x3a\x53\xe2\x44\xed\xdf"
	"\xdb\x82\xee\x0e\x97\xc3\xe5\x54\xe7\x32\xb7\xdb\x6c\xa3\x55\xb5"
	"\x90\xb9\xcd\x13\x3a\x68\x98\x5e\x18\x9f\x81\xe9\x3f\xfb\xd8\xa1"
	"\x98\x7b\x59\x38\xe8\x45\x26\x67\x2d\x7e\xfc\x63\x1a\x31\xe3\xd8"
	"\xd9\xb7\x1f\x87\x9f\x59\x62\xc3\xb1\x35\xc5\xc5\xc1\x31\x45\x72"
	"\x29\x85\xd6\xed\x4e\x5a\xe5\x4c\x82\x24\xe6\x8a\xd4\x49\xef\x60"
	"\x7f\xd0\x4a\xab\x33\x0c\x81\x5a\x20\x16\x04\x5f\x73\x12\xf0\xb0"
	"\xbe\x41\x3d\x83\xf4\x08\x31\x2c\x21\xd9\x6a\x7e\x01\x5f\x7f\x35"
	"\xbb\xa9\x00\x00\x00";

/* Read a file's bytes through warc_read_buffer into t. */
static int
read_buf(struct trace *t, const char *data, size_t n, uint64_t limit, char *err)
{
	buf_init(&t->b, (size_t)1 << 20);
	err[0] = '\0';
	return warc_read_buffer(data, n, limit, &handler, t, err);
}

/* Files: gzip with many members or plain, decided by the first bytes;
** damaged gzip, bytes after the last member, the uncompressed limit, and
** which files scan takes for WARC. */
void
test_warc_files(void)
{
	struct trace t = { .takes_all = 0 };
	char err[ERR_MAX], path[512], *junk;
	const char *dir = test_tmpdir();
	size_t n = sizeof(wet_gz) - 1;

	CHECK(read_buf(&t, wet_gz, n, 0, err) == 0);
	CHECK(strstr(t.b.data, "begin 1 @0 WARC/1.0 type=warcinfo") == t.b.data);
	CHECK(strstr(t.b.data, "type=conversion uri=http://example.org/walk id=<urn:uuid:2> "
	    "ctype= len=38\nA kind note about a walk by the river.|end 2\n") != NULL);
	buf_free(&t.b);
	/* the same records, uncompressed */
	CHECK(read_buf(&t, PAGE1, strlen(PAGE1), 0, err) == 0);
	CHECK(strstr(t.b.data, "A calm page.|end 1") != NULL);
	buf_free(&t.b);

	/* the second member cut short, or damaged, or junk after it */
	CHECK(read_buf(&t, wet_gz, n - 20, 0, err) == -1);
	CHECK(strncmp(err, "gzip: ", 6) == 0);
	buf_free(&t.b);
	junk = malloc(n + 8);
	CHECK(junk != NULL);
	if (junk == NULL)
		return;
	memcpy(junk, wet_gz, n);
	junk[200] ^= 0x55;
	CHECK(read_buf(&t, junk, n, 0, err) == -1);
	CHECK(strncmp(err, "gzip: ", 6) == 0);
	buf_free(&t.b);
	memcpy(junk, wet_gz, n);
	memcpy(junk + n, "trailing", 8);
	CHECK(read_buf(&t, junk, n + 8, 0, err) == -1);
	CHECK(strstr(err, "8 bytes after the last whole member are not gzip") != NULL);
	buf_free(&t.b);
	free(junk);
	/* neither gzip nor WARC */
	CHECK(read_buf(&t, "Hello, plain text.", 18, 0, err) == -1);
	CHECK(strstr(err, "not a WARC file") != NULL);
	buf_free(&t.b);
	/* more uncompressed bytes than the limit */
	CHECK(read_buf(&t, wet_gz, n, 100, err) == -1);
	CHECK(strstr(err, "more than 100 bytes uncompressed") != NULL);
	buf_free(&t.b);

	/* which files are WARC: by name, or by content */
	snprintf(path, sizeof(path), "%s/shard.warc.wet.gz", dir);
	CHECK(test_write_file(path, wet_gz, n) == 0);
	CHECK(warc_is_warc_file(path) == 1);
	buf_init(&t.b, (size_t)1 << 20);
	CHECK(warc_read_file(path, 0, &handler, &t, err) == 0);
	CHECK(strstr(t.b.data, "A kind note about a walk by the river.") != NULL);
	buf_free(&t.b);
	unlink(path);
	snprintf(path, sizeof(path), "%s/no-name", dir);
	CHECK(test_write_file(path, wet_gz, n) == 0);
	CHECK(warc_is_warc_file(path) == 1);
	CHECK(test_write_file(path, PAGE1, strlen(PAGE1)) == 0);
	CHECK(warc_is_warc_file(path) == 1);
	CHECK(test_write_file(path, "just words", 10) == 0);
	CHECK(warc_is_warc_file(path) == 0);
	/* a text that only starts with the word stays text */
	CHECK(test_write_file(path, "WARC/ is a file format.\n", 24) == 0);
	CHECK(warc_is_warc_file(path) == 0);
	CHECK(test_write_file(path, "WARC/1.1\nContent-Length: 0\n\n", 29) == 0);
	CHECK(warc_is_warc_file(path) == 1);
	unlink(path);
	snprintf(path, sizeof(path), "%s/fake.WARC", dir);
	CHECK(test_write_file(path, "just words", 10) == 0);
	CHECK(warc_is_warc_file(path) == 1);
	buf_init(&t.b, (size_t)1 << 20);
	CHECK(warc_read_file(path, 0, &handler, &t, err) == -1);
	CHECK(strstr(err, "fake.WARC: not a WARC file") != NULL);
	buf_free(&t.b);
	unlink(path);
	CHECK(warc_is_warc_file(dir) == 0);
	rmdir(dir);
}
