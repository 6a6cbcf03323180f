/*
** test_extract.c: the extraction layer (src/detect/extract.c, html.c,
** ocr.c, fetch.c): text through the sink into a capped buffer, for plain
** text, HTML, JSON, images (rendered during the test and read back by
** OCR), URLs (a tiny HTTP server on loopback) and folders.
*/
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utf8proc.h>

#include "detect/extract.h"
#include "detect/fetch.h"
#include "test.h"
#include "util/buf.h"
#include "util/util.h"

#define FIXTURES "tests/fixtures/extract/"

/* What a sink received. */
struct got {
	struct buf b;
	int pieces;
	int bad;		/* a piece was empty, too long or not UTF-8 */
	size_t stop_at;		/* ask to stop once this much arrived (0: never) */
};

/* 1 when p[0..n) is valid UTF-8. */
static int
valid_utf8(const char *p, size_t n)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t r;
	size_t i = 0;

	while (i < n) {
		r = utf8proc_iterate((const utf8proc_uint8_t *)p + i, (utf8proc_ssize_t)(n - i), &cp);
		if (r <= 0)
			return 0;
		i += (size_t)r;
	}
	return 1;
}

/* The sink every test uses. */
static int
collect(void *ctx, const char *text, size_t n)
{
	struct got *g = ctx;

	g->pieces++;
	if (n == 0 || n > EXTRACT_CHUNK || !valid_utf8(text, n))
		g->bad = 1;
	buf_append(&g->b, text, n);
	return g->stop_at > 0 && g->b.len >= g->stop_at;
}

static void
got_init(struct got *g)
{
	memset(g, 0, sizeof(*g));
	buf_init(&g->b, (size_t)64 << 20);
}

/* Extract a buffer; returns extract_buffer's result, text in g. */
static int
run_buffer(struct got *g, const char *data, size_t n, const char *ctype, enum extract_kind *k,
    char *err)
{
	got_init(g);
	err[0] = '\0';
	return extract_buffer(data, n, ctype, NULL, collect, g, k, err);
}

/* The text extracted from the C string s as content type ctype; the
** caller frees it. */
static char *
text_of(const char *s, const char *ctype, int *rc)
{
	struct got g;
	char err[ERR_MAX];
	int r = run_buffer(&g, s, strlen(s), ctype, NULL, err);

	if (rc != NULL)
		*rc = r;
	CHECK(!g.bad);
	if (g.b.data == NULL)
		return strdup("");
	return buf_steal(&g.b);
}

/* 1 when s contains word, ignoring case. */
static int
has(const char *s, const char *word)
{
	return s != NULL && strcasestr(s, word) != NULL;
}

/* An extract_put that appends to a struct buf. */
static int
put_buf(void *arg, const char *p, size_t n)
{
	return buf_append(arg, p, n) == 0 ? 0 : 1;
}

void
test_extract_utf8_repair(void)
{
	/* Invalid sequences become one U+FFFD each (maximal subparts). */
	static const char in[] = "a\xff" "b\xe2\x82" "c\xed\xa0\x80" "d\xc3\xa9\xf0\x9f\x98";
	static const char want[] = "a\xef\xbf\xbd" "b\xef\xbf\xbd" "c\xef\xbf\xbd\xef\xbf\xbd"
	    "\xef\xbf\xbd" "d\xc3\xa9\xef\xbf\xbd";
	static const char mixed[] = "plain \xc3\xa9 \xe2\x82\xac \xf0\x9f\x8c\xbf \xff\xfe "
	    "\xc0\xaf \xe0\x80\x80 \xf4\x90\x80\x80 end \xe2\x82";
	struct extract_utf8 u;
	struct buf whole, split;
	size_t i, cut;

	memset(&u, 0, sizeof(u));
	buf_init(&whole, 1024);
	extract_utf8_repair(&u, in, sizeof(in) - 1, put_buf, &whole);
	extract_utf8_finish(&u, put_buf, &whole);
	CHECK(whole.len == sizeof(want) - 1 && memcmp(whole.data, want, whole.len) == 0);

	/* Cut anywhere, byte by byte or in two, the result is the same. */
	buf_reset(&whole);
	extract_utf8_repair(&u, mixed, sizeof(mixed) - 1, put_buf, &whole);
	extract_utf8_finish(&u, put_buf, &whole);
	CHECK(valid_utf8(whole.data, whole.len));
	buf_init(&split, 1024);
	for (cut = 0; cut <= sizeof(mixed) - 1; cut++) {
		buf_reset(&split);
		extract_utf8_repair(&u, mixed, cut, put_buf, &split);
		extract_utf8_repair(&u, mixed + cut, sizeof(mixed) - 1 - cut, put_buf, &split);
		extract_utf8_finish(&u, put_buf, &split);
		CHECK(split.len == whole.len && memcmp(split.data, whole.data, whole.len) == 0);
	}
	buf_reset(&split);
	for (i = 0; i < sizeof(mixed) - 1; i++)
		extract_utf8_repair(&u, mixed + i, 1, put_buf, &split);
	extract_utf8_finish(&u, put_buf, &split);
	CHECK(split.len == whole.len && memcmp(split.data, whole.data, whole.len) == 0);
	buf_free(&whole);
	buf_free(&split);
}

void
test_extract_text_chunks(void)
{
	/* 200 KiB of text with multibyte characters across every 64 KiB
	** boundary, read from a file (64 KiB reads) and from memory. */
	size_t n = 200 * 1024, i, b;
	char *data = malloc(n), path[512], err[ERR_MAX];
	static const char *const chars[] = { "\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x8c\xbf" };
	enum extract_kind k = EXTRACT_JSON;
	struct got g;

	for (i = 0; i < n; i++)
		data[i] = (char)('a' + i % 26);
	for (b = 1; b * EXTRACT_CHUNK < n; b++) {
		const char *c = chars[b % 3];

		memcpy(data + b * EXTRACT_CHUNK - 1, c, strlen(c));
	}
	snprintf(path, sizeof(path), "%s/notes.txt", test_tmpdir());
	CHECK(test_write_file(path, data, n) == 0);
	got_init(&g);
	CHECK(extract_source(path, NULL, collect, &g, &k, err) == 0);
	CHECK(k == EXTRACT_TEXT);
	CHECK(!g.bad && g.pieces >= 4);
	CHECK(g.b.len == n && memcmp(g.b.data, data, n) == 0);
	buf_free(&g.b);

	CHECK(run_buffer(&g, data, n, NULL, &k, err) == 0 && k == EXTRACT_TEXT);
	CHECK(!g.bad && g.b.len == n && memcmp(g.b.data, data, n) == 0);
	buf_free(&g.b);

	/* The fixture, and a sink that stops early. */
	got_init(&g);
	CHECK(extract_source(FIXTURES "notes.txt", NULL, collect, &g, &k, err) == 0);
	CHECK(has(g.b.data, "Caf\xc3\xa9 plans next week \xe2\x80\x94 all welcome"));
	buf_free(&g.b);
	got_init(&g);
	g.stop_at = 1;
	CHECK(extract_source(path, NULL, collect, &g, &k, err) == 0);
	CHECK(g.pieces == 1);
	buf_free(&g.b);
	free(data);
}

void
test_extract_text_invalid(void)
{
	char *t;

	/* Invalid bytes → U+FFFD, a leading BOM dropped. */
	t = text_of("\xef\xbb\xbfok \xff\xfe then caf\xc3\xa9 \xe2\x82", NULL, NULL);
	CHECK(strcmp(t, "ok \xef\xbf\xbd\xef\xbf\xbd then caf\xc3\xa9 \xef\xbf\xbd") == 0);
	free(t);
	t = text_of("<3 you all", NULL, NULL);	/* not markup */
	CHECK(strcmp(t, "<3 you all") == 0);
	free(t);
}

void
test_extract_sources_refused(void)
{
	char path[512], err[ERR_MAX];
	struct extract_opts o;
	struct got g;

	got_init(&g);
	CHECK(extract_source("tests/fixtures/extract/no-such-file", NULL, collect, &g, NULL,
	    err) == -1);
	CHECK(has(err, "no-such-file: cannot open"));
	CHECK(extract_source("tests/fixtures/extract", NULL, collect, &g, NULL, err) == -1);
	CHECK(has(err, "is a folder"));
	memset(&o, 0, sizeof(o));
	o.max_bytes = 10;
	CHECK(extract_source(FIXTURES "notes.txt", &o, collect, &g, NULL, err) == -1);
	CHECK(has(err, "notes.txt: larger than 10 bytes"));
	/* The same cap for a buffer. */
	snprintf(path, sizeof(path), "0123456789abc");
	CHECK(extract_buffer(path, strlen(path), NULL, &o, collect, &g, NULL, err) == -1);
	CHECK(has(err, "larger than 10 bytes"));
	buf_free(&g.b);
}

void
test_extract_html(void)
{
	enum extract_kind k;
	struct got g;
	char err[ERR_MAX], *t;
	int rc;

	got_init(&g);
	CHECK(extract_source(FIXTURES "page.html", NULL, collect, &g, &k, err) == 0);
	CHECK(k == EXTRACT_HTML && !g.bad);
	t = g.b.data;
	CHECK(has(t, "Quiet Harbour \xe2\x80\x93 a made-up forum"));	/* &ndash; */
	CHECK(has(t, "A gentle place to talk."));			/* meta */
	CHECK(has(t, "Small steps count\nToday I made tea"));
	CHECK(has(t, "sat in the sun for ten minutes. That was enough, and that is okay."));
	CHECK(has(t, "listening. Caf\xc3\xa9 plans next week? \xf0\x9f\x8c\xbf"));
	CHECK(has(t, "A sunrise over a calm lake"));			/* alt */
	CHECK(has(t, "morning walk"));					/* title */
	CHECK(has(t, "drink some water\nstep outside\nmessage a friend"));
	CHECK(has(t, "Monday\ncheck-in"));
	CHECK(has(t, "You are doing better than you think."));	/* JSON script */
	CHECK(!has(t, "do-not-extract") && !has(t, "font-family"));
	CHECK(!has(t, "please-enable") && !has(t, "template-placeholder"));
	CHECK(!has(t, "reply"));					/* a key */
	buf_free(&g.b);

	t = text_of("<p>Hello <b>friend</b></p><p>second</p>", "text/html", NULL);
	CHECK(strcmp(t, "Hello friend\nsecond") == 0);
	free(t);
	t = text_of("<span>one</span><span>two</span><br>three", "text/html", NULL);
	CHECK(strcmp(t, "one two\nthree") == 0);
	free(t);
	/* Broken markup is no error. */
	t = text_of("<div><p>unclosed <b>bold <i>italic</div> after </span></p></td> <<>> & end",
	    "text/html; charset=utf-8", &rc);
	CHECK(rc == 0 && has(t, "unclosed bold italic") && has(t, "after") && has(t, "& end"));
	free(t);
	t = text_of("<html><body><p>never closed <!-- a comment that never", "text/html", &rc);
	CHECK(rc == 0 && has(t, "never closed"));
	free(t);
	/* An invalid byte does not turn the rest of a UTF-8 page into Latin-1. */
	t = text_of("<p>caf\xc3\xa9 \xff then caf\xc3\xa9</p>", "text/html", NULL);
	CHECK(strcmp(t, "caf\xc3\xa9 \xef\xbf\xbd then caf\xc3\xa9") == 0);
	free(t);
	/* Other encodings: from <meta> or from the Content-Type. */
	t = text_of("<html><head><meta charset=\"windows-1252\"></head><p>caf\xe9 \x93hi\x94</p>",
	    NULL, NULL);
	CHECK(strcmp(t, "caf\xc3\xa9 \xe2\x80\x9chi\xe2\x80\x9d") == 0);
	free(t);
	t = text_of("<p>caf\xe9</p>", "text/html; charset=ISO-8859-1", NULL);
	CHECK(strcmp(t, "caf\xc3\xa9") == 0);
	free(t);
	/* Sniffing. */
	CHECK(run_buffer(&g, "\n  <DIV>x</DIV>", 15, NULL, &k, err) == 0 && k == EXTRACT_HTML);
	buf_free(&g.b);
	CHECK(run_buffer(&g, "<!doctype html>x", 16, "text/plain", &k, err) == 0 &&
	    k == EXTRACT_HTML);
	buf_free(&g.b);
}

void
test_extract_html_streams(void)
{
	/* A 6 MB page fed in 4 KiB pieces (cut inside quoted attributes,
	** which stalled libxml2 2.9's push parser until the end): the text
	** arrives while the page does, pieces stay small, nothing is lost. */
	struct extract_stream *s;
	struct buf page;
	struct got g;
	char err[ERR_MAX];
	enum extract_kind k;
	size_t at, step, before_close;
	int i;

	buf_init(&page, (size_t)16 << 20);
	buf_puts(&page, "<!DOCTYPE html><html><body>");
	for (i = 0; i < 60000; i++)
		buf_printf(&page, "<div class=\"post item-%d\" title='a > b'><p>Post %d: we are "
		    "here for each other &amp; that matters.</p><script>x()</script></div>\n", i, i);
	buf_puts(&page, "</body></html>");
	CHECK(!page.failed);
	got_init(&g);
	s = extract_stream_open(NULL, NULL, collect, &g);
	for (at = 0; s != NULL && at < page.len; at += step) {
		step = page.len - at < 4096 ? page.len - at : 4096;
		CHECK(extract_stream_feed(s, page.data + at, step, err) == 0);
	}
	before_close = g.b.len;
	CHECK(s != NULL && extract_stream_close(s, &k, err) == 0 && k == EXTRACT_HTML);
	CHECK(before_close + 2 * EXTRACT_CHUNK > g.b.len);
	CHECK(!g.bad && g.pieces > 10);
	CHECK(has(g.b.data, "Post 0: we are here for each other & that matters.\nPost 1:"));
	CHECK(has(g.b.data, "Post 59999: we are here"));
	CHECK(!has(g.b.data, "x()"));
	buf_free(&g.b);
	buf_free(&page);
}

void
test_extract_html_deep(void)
{
	/* Thousands of unclosed tags and stray end tags: libxml2 compares
	** every end tag with every open element, so the parser restarts past
	** 256 levels; the text on either side survives. */
	struct buf page;
	struct got g;
	char err[ERR_MAX];
	int i;

	buf_init(&page, (size_t)4 << 20);
	buf_puts(&page, "<html><body><p>first</p>");
	for (i = 0; i < 20000; i++)
		buf_puts(&page, "<x>");
	buf_puts(&page, "<p>middle</p>");
	for (i = 0; i < 200000; i++)
		buf_puts(&page, "</y>");
	for (i = 0; i < 3000; i++)
		buf_printf(&page, "<font>post %d ", i);
	buf_puts(&page, "<p>after</p>");
	CHECK(run_buffer(&g, page.data, page.len, "text/html", NULL, err) == 0);
	CHECK(has(g.b.data, "first\nmiddle\n"));
	CHECK(has(g.b.data, "post 0 post 1 post 2"));
	CHECK(has(g.b.data, "post 2999\nafter"));
	buf_free(&g.b);
	/* Other encodings cannot restart: an error, the text so far kept. */
	buf_reset(&page);
	buf_puts(&page, "<p>caf\xe9</p>");
	for (i = 0; i < 1000; i++)
		buf_puts(&page, "<x>");
	CHECK(run_buffer(&g, page.data, page.len, "text/html; charset=iso-8859-1", NULL,
	    err) == -1);
	CHECK(strcmp(err, "HTML: elements nested deeper than 256 levels") == 0);
	CHECK(has(g.b.data, "caf\xc3\xa9"));
	buf_free(&g.b);
	buf_free(&page);
}

void
test_extract_json(void)
{
	enum extract_kind k;
	struct got g;
	char err[ERR_MAX], *t;
	int rc;

	got_init(&g);
	CHECK(extract_source(FIXTURES "export.json", NULL, collect, &g, &k, err) == 0);
	CHECK(k == EXTRACT_JSON && !g.bad);
	CHECK(g.b.data != NULL && strcmp(g.b.data, "Quiet Harbour\nriver\n"
	    "Today I made tea and sat in the sun.\nstone\nProud of you.\nOne step at a time "
	    "\xe2\x9d\xa4\xef\xb8\x8f\nfern\nCaf\xc3\xa9 plans next week? \xf0\x9f\x8c\xbf") == 0);
	buf_free(&g.b);

	t = text_of("{\"title\":\"a\",\"body\":[\"b\",\"\",\"c\"],\"n\":-1.5e+3,\"ok\":true,"
	    "\"z\":null,\"o\":{\"k\":\"d\"},\"e\":[],\"f\":{}}", NULL, &rc);
	CHECK(rc == 0 && strcmp(t, "a\nb\nc\nd") == 0);
	free(t);
	/* Escapes, surrogate pairs, lone surrogates. */
	t = text_of("[\"q\\\"uote \\\\ \\/ tab\\tnl\\n \\u00e9 \\ud83c\\udf3f|\\ud800|\\udc00|"
	    "\\ud800\\u0041|\\ud83c\"]", "application/json", &rc);
	CHECK(rc == 0 && strcmp(t, "q\"uote \\ / tab\tnl\n \xc3\xa9 \xf0\x9f\x8c\xbf|"
	    "\xef\xbf\xbd|\xef\xbf\xbd|\xef\xbf\xbd" "A|\xef\xbf\xbd") == 0);
	free(t);
	/* Keys are not text, even with escapes in them. */
	t = text_of("{\"k\\u0065y\\ud800\":\"v\"}", NULL, &rc);
	CHECK(rc == 0 && strcmp(t, "v") == 0);
	free(t);
	/* JSON Lines. */
	t = text_of("{\"a\":\"x\"}\n{\"a\":\"y\"}\n", NULL, &rc);
	CHECK(rc == 0 && strcmp(t, "x\ny") == 0);
	free(t);
	/* Invalid UTF-8 inside a string. */
	t = text_of("[\"a\xff" "b\"]", NULL, &rc);
	CHECK(rc == 0 && strcmp(t, "a\xef\xbf\xbd" "b") == 0);
	free(t);
}

void
test_extract_json_malformed(void)
{
	static const char *const bad[] = {
		"{\"a\":\"b\",}", "{\"a\" \"b\"}", "[1,2", "[01]", "[tru]", "[1.]", "[-]",
		"{\"a\":\"b\"}}", "[\"\\x\"]", "[\"\\u12g4\"]", "[1 2]", "{1:2}", "[\"open",
		"[nul", "[1e]", "[,1]"
	};
	struct got g;
	char err[ERR_MAX], deep[6000];
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		CHECK(run_buffer(&g, bad[i], strlen(bad[i]), "application/json", NULL, err) == -1);
		CHECK(strncmp(err, "JSON: ", 6) == 0);
		if (strncmp(err, "JSON: ", 6) != 0)
			fprintf(stderr, "#   accepted: %s\n", bad[i]);
		buf_free(&g.b);
	}
	/* What came before the error reached the sink; the message has the
	** position, not the content. */
	CHECK(run_buffer(&g, "[\"kind words\", \"more\" oops]", 27, "application/json", NULL,
	    err) == -1);
	CHECK(g.b.data != NULL && strcmp(g.b.data, "kind words\nmore") == 0);
	CHECK(strcmp(err, "JSON: malformed at byte 22 (expected ',' or ']')") == 0);
	buf_free(&g.b);
	memset(deep, '[', sizeof(deep));
	CHECK(run_buffer(&g, deep, sizeof(deep), NULL, NULL, err) == -1);
	CHECK(has(err, "nested deeper than"));
	buf_free(&g.b);
}

void
test_extract_json_or_text(void)
{
	/* Sniffed as JSON but not JSON within the first 1 KiB: text after
	** all, as when "[1] ..." is pasted into the console. */
	enum extract_kind k;
	struct buf big;
	struct got g;
	char err[ERR_MAX];
	int i;

	CHECK(run_buffer(&g, "[1] I feel alone today", 22, "text/plain", &k, err) == 0);
	CHECK(k == EXTRACT_TEXT && g.b.data != NULL &&
	    strcmp(g.b.data, "[1] I feel alone today") == 0);
	buf_free(&g.b);
	CHECK(run_buffer(&g, "{\"a\": \"b\", hugs to all", 23, NULL, &k, err) == 0);
	CHECK(k == EXTRACT_TEXT && strcmp(g.b.data, "{\"a\": \"b\", hugs to all") == 0);
	buf_free(&g.b);
	CHECK(run_buffer(&g, "[\"unfinished\"", 13, NULL, &k, err) == 0 && k == EXTRACT_TEXT);
	buf_free(&g.b);
	/* Declared JSON stays JSON, and so does JSON broken after 1 KiB. */
	CHECK(run_buffer(&g, "[1] I feel", 10, "application/json", &k, err) == -1);
	CHECK(k == EXTRACT_JSON);
	buf_free(&g.b);
	buf_init(&big, 8192);
	buf_puts(&big, "[");
	for (i = 0; i < 300; i++)
		buf_puts(&big, "\"ok\",");
	buf_puts(&big, "oops]");
	CHECK(run_buffer(&g, big.data, big.len, NULL, &k, err) == -1 && k == EXTRACT_JSON);
	CHECK(has(err, "JSON: malformed at byte 1501"));
	buf_free(&g.b);
	buf_free(&big);
}

void
test_extract_json_split(void)
{
	/* Fed byte by byte, the result is the same as whole. */
	static const char doc[] = "{\"a\":[\"caf\xc3\xa9\",\"\\ud83c\\udf3f x\",12.5e-3,true],"
	    "\"b\\n\":{\"c\":\"\\u00e9\xf0\x9f\x8c\xbf\"}}";
	struct extract_stream *s;
	struct got g;
	char err[ERR_MAX];
	enum extract_kind k;
	size_t i;

	got_init(&g);
	s = extract_stream_open("application/json", NULL, collect, &g);
	CHECK(s != NULL);
	for (i = 0; s != NULL && i < sizeof(doc) - 1; i++)
		CHECK(extract_stream_feed(s, doc + i, 1, err) == 0);
	CHECK(s != NULL && extract_stream_close(s, &k, err) == 0 && k == EXTRACT_JSON);
	CHECK(g.b.data != NULL &&
	    strcmp(g.b.data, "caf\xc3\xa9\n\xf0\x9f\x8c\xbf x\n\xc3\xa9\xf0\x9f\x8c\xbf") == 0);
	buf_free(&g.b);
}

/* Render text into an image at path with ImageMagick.  Returns 0 or -1. */
static int
render(const char *path, const char *size, const char *text)
{
	char cmd[1024];

	snprintf(cmd, sizeof(cmd), "convert -size %s xc:white -font DejaVu-Sans -pointsize 36 "
	    "-fill black -annotate +20+100 '%s' '%s' 2>/dev/null", size, text, path);
	return system(cmd) == 0 ? 0 : -1;
}

void
test_extract_image_ocr(void)
{
	static const char *const names[] = { "post.png", "post.jpg", "post.webp" };
	char path[512], err[ERR_MAX], cmd[1024];
	enum extract_kind k;
	struct got g;
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", test_tmpdir(), names[i]);
		CHECK(render(path, "1200x200", "You are not alone in this") == 0);
		got_init(&g);
		err[0] = '\0';
		CHECK(extract_source(path, NULL, collect, &g, &k, err) == 0);
		if (err[0] != '\0')
			fprintf(stderr, "#   %s: %s\n", names[i], err);
		CHECK(k == EXTRACT_IMAGE && !g.bad);
		CHECK(has(g.b.data, "you") && has(g.b.data, "are") && has(g.b.data, "not") &&
		    has(g.b.data, "alone"));
		buf_free(&g.b);
	}
	/* Dark text on a transparent background is laid on white first. */
	snprintf(path, sizeof(path), "%s/clear.png", test_tmpdir());
	snprintf(cmd, sizeof(cmd), "convert -size 800x120 xc:none -font DejaVu-Sans "
	    "-pointsize 32 -fill black -annotate +20+70 'Transparent kindness works' "
	    "png32:'%s' 2>/dev/null", path);
	CHECK(system(cmd) == 0);
	got_init(&g);
	CHECK(extract_source(path, NULL, collect, &g, &k, err) == 0);
	CHECK(has(g.b.data, "transparent") && has(g.b.data, "kindness"));
	buf_free(&g.b);
	extract_thread_cleanup();
}

/* One worker's share of test_extract_threads: OCR and HTML, twice. */
static void *
worker(void *arg)
{
	const char *png = arg;
	char err[ERR_MAX];
	struct got g;
	int i, *ok = calloc(1, sizeof(int));

	*ok = 1;
	for (i = 0; i < 2; i++) {
		got_init(&g);
		if (extract_source(png, NULL, collect, &g, NULL, err) != 0 ||
		    !has(g.b.data, "alone"))
			*ok = 0;
		buf_free(&g.b);
		got_init(&g);
		if (extract_source(FIXTURES "page.html", NULL, collect, &g, NULL, err) != 0 ||
		    !has(g.b.data, "A sunrise over a calm lake"))
			*ok = 0;
		buf_free(&g.b);
	}
	return ok;	/* the thread's Tesseract handle is freed as it ends */
}

void
test_extract_threads(void)
{
	/* The web server extracts from worker threads: each has its own
	** Tesseract handle and libxml2 error handlers. */
	pthread_t t[3];
	char path[512];
	void *ok;
	int i;

	snprintf(path, sizeof(path), "%s/post.png", test_tmpdir());
	CHECK(render(path, "1200x200", "You are not alone in this") == 0);
	for (i = 0; i < 3; i++)
		CHECK(pthread_create(&t[i], NULL, worker, path) == 0);
	for (i = 0; i < 3; i++) {
		CHECK(pthread_join(t[i], &ok) == 0);
		CHECK(ok != NULL && *(int *)ok == 1);
		free(ok);
	}
}

/* CRC-32 (PNG's) of p[0..n). */
static uint32_t
crc32_of(const unsigned char *p, size_t n)
{
	uint32_t c = 0xFFFFFFFFu;
	size_t i;
	int k;

	for (i = 0; i < n; i++) {
		c ^= p[i];
		for (k = 0; k < 8; k++)
			c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1)));
	}
	return c ^ 0xFFFFFFFFu;
}

void
test_extract_image_refused(void)
{
	unsigned char png[33 + 12] = "\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR";
	char path[512], err[ERR_MAX], *data;
	struct extract_opts o;
	struct got g;
	FILE *f;
	long n;
	uint32_t crc;

	/* A header that claims 12000x9000: refused before decoding. */
	png[16] = 0; png[17] = 0; png[18] = 0x2E; png[19] = 0xE0;	/* 12000 */
	png[20] = 0; png[21] = 0; png[22] = 0x23; png[23] = 0x28;	/* 9000 */
	png[24] = 8; png[25] = 2; png[26] = 0; png[27] = 0; png[28] = 0;
	crc = crc32_of(png + 12, 17);
	png[29] = (unsigned char)(crc >> 24); png[30] = (unsigned char)(crc >> 16);
	png[31] = (unsigned char)(crc >> 8); png[32] = (unsigned char)crc;
	memcpy(png + 33, "\0\0\0\0IEND\xae\x42\x60\x82", 12);
	CHECK(run_buffer(&g, (const char *)png, sizeof(png), NULL, NULL, err) == -1);
	CHECK(strcmp(err, "image: 12000x9000 is over the 40 megapixel limit") == 0);
	buf_free(&g.b);

	/* Truncated and broken images. */
	snprintf(path, sizeof(path), "%s/post.png", test_tmpdir());
	CHECK(render(path, "1200x200", "Kindness") == 0);
	f = fopen(path, "rb");
	CHECK(f != NULL);
	if (f == NULL)
		return;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	data = malloc((size_t)n);
	CHECK(fread(data, 1, (size_t)n, f) == (size_t)n);
	fclose(f);
	CHECK(run_buffer(&g, data, (size_t)n / 2, NULL, NULL, err) == -1);
	CHECK(strcmp(err, "image: not a PNG, JPEG or WebP image Leptonica can read") == 0);
	buf_free(&g.b);
	CHECK(run_buffer(&g, data, 20, NULL, NULL, err) == -1);
	CHECK(strcmp(err, "image: not a PNG, JPEG or WebP image Leptonica can read") == 0);
	buf_free(&g.b);
	CHECK(run_buffer(&g, "GIF89a....", 10, "image/gif", NULL, err) == -1);
	CHECK(strcmp(err, "image: not a PNG, JPEG or WebP image Leptonica can read") == 0);
	buf_free(&g.b);

	/* Languages: a missing one is named; a path is no language. */
	memset(&o, 0, sizeof(o));
	o.lang = "eng+zzz";
	got_init(&g);
	CHECK(extract_buffer(data, (size_t)n, NULL, &o, collect, &g, NULL, err) == -1);
	CHECK(strcmp(err, "OCR: language zzz is not installed "
	    "(apt-get install tesseract-ocr-zzz)") == 0);
	o.lang = "../../tmp/x";
	CHECK(extract_buffer(data, (size_t)n, NULL, &o, collect, &g, NULL, err) == -1);
	CHECK(has(err, "is not a list of Tesseract languages"));
	buf_free(&g.b);
	free(data);
	extract_thread_cleanup();
}

void
test_fetch_address_classifier(void)
{
	static const struct {
		const char *addr;
		int private;
	} cases[] = {
		{ "127.0.0.1", 1 }, { "127.255.255.254", 1 }, { "10.1.2.3", 1 },
		{ "172.16.0.1", 1 }, { "172.31.255.255", 1 }, { "172.32.0.1", 0 },
		{ "172.15.255.255", 0 }, { "192.168.1.1", 1 }, { "192.169.0.1", 0 },
		{ "169.254.169.254", 1 }, { "100.64.0.1", 1 }, { "100.127.255.255", 1 },
		{ "100.128.0.1", 0 }, { "0.0.0.0", 1 }, { "0.1.2.3", 1 },
		{ "224.0.0.1", 1 }, { "239.255.255.250", 1 }, { "255.255.255.255", 1 },
		{ "8.8.8.8", 0 }, { "93.184.216.34", 0 }, { "1.1.1.1", 0 },
		{ "::1", 1 }, { "::", 1 }, { "fe80::1", 1 }, { "febf::1", 1 },
		{ "fc00::1", 1 }, { "fd12:3456::1", 1 }, { "ff02::1", 1 },
		{ "::ffff:127.0.0.1", 1 }, { "::ffff:10.0.0.1", 1 }, { "::ffff:8.8.8.8", 0 },
		{ "::127.0.0.1", 1 }, { "64:ff9b::a00:1", 1 }, { "64:ff9b::808:808", 0 },
		{ "2002:7f00:1::", 1 }, { "2002:808:808::", 0 },
		{ "2606:4700:4700::1111", 0 }, { "2001:4860:4860::8888", 0 },
		{ "2001:db8::1", 1 },
	};
	struct sockaddr_in in;
	struct sockaddr_in6 in6;
	struct sockaddr un;
	size_t i;
	int got;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memset(&in, 0, sizeof(in));
		memset(&in6, 0, sizeof(in6));
		if (inet_pton(AF_INET, cases[i].addr, &in.sin_addr) == 1) {
			in.sin_family = AF_INET;
			got = fetch_address_is_private((struct sockaddr *)&in);
		} else {
			CHECK(inet_pton(AF_INET6, cases[i].addr, &in6.sin6_addr) == 1);
			in6.sin6_family = AF_INET6;
			got = fetch_address_is_private((struct sockaddr *)&in6);
		}
		if (got != cases[i].private)
			fprintf(stderr, "#   %s: got %d\n", cases[i].addr, got);
		CHECK(got == cases[i].private);
	}
	memset(&un, 0, sizeof(un));
	un.sa_family = AF_UNIX;
	CHECK(fetch_address_is_private(&un) == 1);
}

void
test_fetch_refuses(void)
{
	static const char *const schemes[] = {
		"ftp://x", "file:///etc/passwd", "FILE:/etc/passwd", "gopher://example.org/",
		"dict://127.0.0.1:11211/stat"
	};
	char err[ERR_MAX];
	struct got g;
	size_t i;

	got_init(&g);
	for (i = 0; i < sizeof(schemes) / sizeof(schemes[0]); i++) {
		CHECK(extract_source(schemes[i], NULL, collect, &g, NULL, err) == -1);
		CHECK(has(err, "only http and https URLs can be scanned"));
	}
	/* Loopback is refused at connect time; the message has the host
	** but not the path or query. */
	CHECK(extract_source("http://127.0.0.1:9/private/path?token=hush", NULL, collect, &g,
	    NULL, err) == -1);
	CHECK(strcmp(err, "URL: refusing to fetch a private or loopback address (127.0.0.1)") == 0);
	CHECK(extract_source("http://localhost:9/", NULL, collect, &g, NULL, err) == -1);
	CHECK(has(err, "refusing to fetch a private or loopback address"));
	CHECK(extract_source("http://[::ffff:10.0.0.1]:9/", NULL, collect, &g, NULL, err) == -1);
	CHECK(has(err, "refusing to fetch a private or loopback address"));
	CHECK(g.b.len == 0);
	buf_free(&g.b);
}

/* A tiny HTTP server on loopback for the fetch tests: answers each
** request from a table by path, one request per connection. */
struct server {
	int fd;
	int port;
	int conns;	/* connections to serve before stopping */
};

/* The canned answer for path. */
static const char *
answer(const char *path)
{
	if (strncmp(path, "/page ", 6) == 0)
		return "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
		    "Content-Length: 43\r\nConnection: close\r\n\r\n"
		    "<p>hello from <b>the</b> kind server</p>\n\n\n";
	if (strncmp(path, "/data ", 6) == 0)
		return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
		    "Connection: close\r\n\r\n{\"body\": \"a post, as JSON\"}";
	if (strncmp(path, "/plain ", 7) == 0)
		return "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
		    "Connection: close\r\n\r\n[\"sniffed as JSON\"]";
	if (strncmp(path, "/moved ", 7) == 0)
		return "HTTP/1.1 302 Found\r\nLocation: /page\r\nContent-Length: 5\r\n"
		    "Connection: close\r\n\r\nmoved";
	if (strncmp(path, "/ftp ", 5) == 0)
		return "HTTP/1.1 302 Found\r\nLocation: ftp://127.0.0.1/x\r\n"
		    "Content-Length: 0\r\nConnection: close\r\n\r\n";
	if (strncmp(path, "/big ", 5) == 0)
		return "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
		    "Connection: close\r\n\r\n0123456789012345678901234567890123456789";
	return "HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\nConnection: close\r\n\r\nnot found";
}

/* The server thread. */
static void *
serve(void *arg)
{
	struct server *sv = arg;
	struct pollfd pfd;
	char req[2048], *sp;
	const char *a;
	size_t n;
	ssize_t r;
	int c;

	while (sv->conns-- > 0) {
		pfd.fd = sv->fd;
		pfd.events = POLLIN;
		if (poll(&pfd, 1, 5000) <= 0)
			break;
		if ((c = accept(sv->fd, NULL, NULL)) < 0)
			break;
		n = 0;
		while (n < sizeof(req) - 1 && (r = read(c, req + n, sizeof(req) - 1 - n)) > 0) {
			n += (size_t)r;
			req[n] = '\0';
			if (strstr(req, "\r\n\r\n") != NULL)
				break;
		}
		req[n] = '\0';
		sp = strchr(req, ' ');
		a = answer(sp != NULL ? sp + 1 : "/");
		if (write(c, a, strlen(a)) < 0)
			perror("write");
		close(c);
	}
	return NULL;
}

/* Start a server for conns connections; returns 0 with sv filled. */
static int
server_start(struct server *sv, int conns, pthread_t *t)
{
	struct sockaddr_in a;
	socklen_t len = sizeof(a);

	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	sv->conns = conns;
	if ((sv->fd = socket(AF_INET, SOCK_STREAM, 0)) < 0 ||
	    bind(sv->fd, (struct sockaddr *)&a, sizeof(a)) != 0 || listen(sv->fd, 8) != 0 ||
	    getsockname(sv->fd, (struct sockaddr *)&a, &len) != 0)
		return -1;
	sv->port = ntohs(a.sin_port);
	return pthread_create(t, NULL, serve, sv) == 0 ? 0 : -1;
}

void
test_fetch_local_server(void)
{
	struct extract_opts o;
	struct server sv;
	pthread_t t;
	char url[128], err[ERR_MAX];
	enum extract_kind k;
	struct got g;

	/* 7 requests; /moved makes two connections. */
	CHECK(server_start(&sv, 8, &t) == 0);
	memset(&o, 0, sizeof(o));
	o.allow_private = 1;
	o.timeout = 10;
	got_init(&g);

	snprintf(url, sizeof(url), "http://127.0.0.1:%d/page", sv.port);
	CHECK(extract_source(url, &o, collect, &g, &k, err) == 0 && k == EXTRACT_HTML);
	CHECK(g.b.data != NULL && strcmp(g.b.data, "hello from the kind server") == 0);
	buf_reset(&g.b);
	snprintf(url, sizeof(url), "http://127.0.0.1:%d/data", sv.port);
	CHECK(extract_source(url, &o, collect, &g, &k, err) == 0 && k == EXTRACT_JSON);
	CHECK(g.b.data != NULL && strcmp(g.b.data, "a post, as JSON") == 0);
	buf_reset(&g.b);
	snprintf(url, sizeof(url), "http://127.0.0.1:%d/plain", sv.port);
	CHECK(extract_source(url, &o, collect, &g, &k, err) == 0 && k == EXTRACT_JSON);
	buf_reset(&g.b);
	snprintf(url, sizeof(url), "http://127.0.0.1:%d/moved", sv.port);
	CHECK(extract_source(url, &o, collect, &g, &k, err) == 0 && k == EXTRACT_HTML);
	CHECK(g.b.data != NULL && strcmp(g.b.data, "hello from the kind server") == 0);
	buf_reset(&g.b);
	snprintf(url, sizeof(url), "http://127.0.0.1:%d/missing?q=secret", sv.port);
	CHECK(extract_source(url, &o, collect, &g, &k, err) == -1);
	CHECK(strcmp(err, "URL: the server answered 404 (127.0.0.1)") == 0);
	CHECK(g.b.len == 0);
	snprintf(url, sizeof(url), "http://127.0.0.1:%d/ftp", sv.port);
	CHECK(extract_source(url, &o, collect, &g, &k, err) == -1);
	CHECK(has(err, "redirected to something other than http or https"));
	o.max_bytes = 16;
	snprintf(url, sizeof(url), "http://127.0.0.1:%d/big", sv.port);
	CHECK(extract_source(url, &o, collect, &g, &k, err) == -1);
	CHECK(strcmp(err, "URL: larger than 16 bytes (127.0.0.1)") == 0);
	pthread_join(t, NULL);
	close(sv.fd);
	buf_free(&g.b);
}

/* extract_walk's callback: note each path after the top folder. */
static int
note_path(void *ctx, const char *path)
{
	struct buf *b = ctx;
	const char *rel = strstr(path, "/tree/");

	buf_puts(b, rel != NULL ? rel + 6 : path);
	buf_putc(b, '|');
	return 0;
}

/* extract_walk's callback that stops at once. */
static int
stop_walk(void *ctx, const char *path)
{
	(void)path;
	(*(int *)ctx)++;
	return 1;
}

void
test_extract_walk(void)
{
	char top[512], p[600], err[ERR_MAX];
	struct buf b;
	int calls = 0;

	snprintf(top, sizeof(top), "%s/tree", test_tmpdir());
	CHECK(mkdir(top, 0700) == 0);
	snprintf(p, sizeof(p), "%s/b", top);
	CHECK(mkdir(p, 0700) == 0);
	snprintf(p, sizeof(p), "%s/b/c", top);
	CHECK(mkdir(p, 0700) == 0);
	snprintf(p, sizeof(p), "%s/b/c/deep.txt", top);
	CHECK(test_write_file(p, "x", 1) == 0);
	snprintf(p, sizeof(p), "%s/b/a.json", top);
	CHECK(test_write_file(p, "[]", 2) == 0);
	snprintf(p, sizeof(p), "%s/Z.txt", top);
	CHECK(test_write_file(p, "x", 1) == 0);
	snprintf(p, sizeof(p), "%s/a.txt", top);
	CHECK(test_write_file(p, "x", 1) == 0);
	snprintf(p, sizeof(p), "%s/link.txt", top);
	CHECK(symlink("a.txt", p) == 0);
	snprintf(p, sizeof(p), "%s/linkdir", top);
	CHECK(symlink("b", p) == 0);
	snprintf(p, sizeof(p), "%s/outside", top);
	CHECK(symlink("/etc", p) == 0);

	buf_init(&b, 4096);
	CHECK(extract_walk(top, note_path, &b, err) == 0);
	CHECK(b.data != NULL && strcmp(b.data, "Z.txt|a.txt|b/a.json|b/c/deep.txt|") == 0);
	CHECK(extract_walk(top, stop_walk, &calls, err) == 0 && calls == 1);
	snprintf(p, sizeof(p), "%s/nothing-here", top);
	CHECK(extract_walk(p, note_path, &b, err) == -1 && has(err, "cannot open folder"));
	buf_free(&b);
}
