/*
** test_import.c: the import parsers' own parts: the time parsers, the
** streaming JSON splitter (fed in every chunk size), the line splitter,
** HTML to text, UTF-8 checks, and the field mapping of each format, run
** with an emitter that collects records instead of a database; and the
** sink's page cache, on a database of its own.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "core/gate.h"
#include "import/formats.h"
#include "import/jsplit.h"
#include "import/lines.h"
#include "import/record.h"
#include "import/sink.h"
#include "store/db.h"
#include "test.h"
#include "util/util.h"

void
test_import_time_rfc3339(void)
{
	int64_t t;

	CHECK(record_time_rfc3339("1970-01-01T00:00:00Z", &t) == 0 && t == 0);
	CHECK(record_time_rfc3339("2023-04-01T12:34:56Z", &t) == 0 &&
	    t == 1680352496);
	CHECK(record_time_rfc3339("2023-04-01T12:34:56.789+02:00", &t) == 0 &&
	    t == 1680352496 - 7200);
	CHECK(record_time_rfc3339("2023-04-01t12:34:56z", &t) == 0 &&
	    t == 1680352496);
	CHECK(record_time_rfc3339("2023-04-01 12:34:56-0530", &t) == 0 &&
	    t == 1680352496 + 5 * 3600 + 1800);
	CHECK(record_time_rfc3339("2023-04-01T12:34:56+02", &t) == 0 &&
	    t == 1680352496 - 7200);
	CHECK(record_time_rfc3339("2020-09-09T18:35:23.915+00:00", &t) == 0 &&
	    t == 1599676523);
	CHECK(record_time_rfc3339("2024-02-29T00:00:00Z", &t) == 0 &&
	    t == 1709164800);
	CHECK(record_time_rfc3339("2000-02-29T00:00:00Z", &t) == 0 &&
	    t == 951782400);
	CHECK(record_time_rfc3339("1969-12-31T23:59:59Z", &t) == 0 && t == -1);
	CHECK(record_time_rfc3339("9999-12-31T23:59:59Z", &t) == 0 &&
	    t == RECORD_TIME_MAX);
	CHECK(record_time_rfc3339("2016-12-31T23:59:60Z", &t) == 0 &&
	    t == 1483228800);	/* a leap second */
	/* refused */
	CHECK(record_time_rfc3339("2023-04-01T12:34:56", &t) == -1);
	CHECK(record_time_rfc3339("2023-02-29T00:00:00Z", &t) == -1);
	CHECK(record_time_rfc3339("1900-02-29T00:00:00Z", &t) == -1);
	CHECK(record_time_rfc3339("2023-04-31T00:00:00Z", &t) == -1);
	CHECK(record_time_rfc3339("2023-13-01T00:00:00Z", &t) == -1);
	CHECK(record_time_rfc3339("2023-00-01T00:00:00Z", &t) == -1);
	CHECK(record_time_rfc3339("2023-04-01T24:00:00Z", &t) == -1);
	CHECK(record_time_rfc3339("2023-04-01T12:60:00Z", &t) == -1);
	CHECK(record_time_rfc3339("2023-04-01T12:34Z", &t) == -1);
	CHECK(record_time_rfc3339("2023-04-01T12:34:56.Z", &t) == -1);
	CHECK(record_time_rfc3339("2023-04-01T12:34:56+2:00", &t) == -1);
	CHECK(record_time_rfc3339("2023-04-01T12:34:56+02:", &t) == -1);
	CHECK(record_time_rfc3339("2023-04-01T12:34:56+24:00", &t) == -1);
	CHECK(record_time_rfc3339("2023-04-01T12:34:56Zjunk", &t) == -1);
	CHECK(record_time_rfc3339("23-04-01T12:34:56Z", &t) == -1);
	CHECK(record_time_rfc3339("2023/04/01T12:34:56Z", &t) == -1);
	CHECK(record_time_rfc3339("", &t) == -1);
	CHECK(record_time_rfc3339(NULL, &t) == -1);
}

void
test_import_time_epoch(void)
{
	json_t *v;
	int64_t t;

	CHECK(record_time_epoch("1510000000.000100", &t) == 0 &&
	    t == 1510000000);
	CHECK(record_time_epoch("1510000000", &t) == 0 && t == 1510000000);
	CHECK(record_time_epoch("0", &t) == 0 && t == 0);
	CHECK(record_time_epoch("", &t) == -1);
	CHECK(record_time_epoch("-5", &t) == -1);
	CHECK(record_time_epoch("15e8", &t) == -1);
	CHECK(record_time_epoch("1510000000.", &t) == -1);
	CHECK(record_time_epoch("1234567890123", &t) == -1);
	v = json_integer(1706000000);
	CHECK(record_time_json(v, &t) == 0 && t == 1706000000);
	json_decref(v);
	v = json_real(1706000000.75);
	CHECK(record_time_json(v, &t) == 0 && t == 1706000000);
	json_decref(v);
	v = json_string("1706000000");
	CHECK(record_time_json(v, &t) == 0 && t == 1706000000);
	json_decref(v);
	v = json_integer(-1);
	CHECK(record_time_json(v, &t) == -1);
	json_decref(v);
	v = json_real(1e300);
	CHECK(record_time_json(v, &t) == -1);
	json_decref(v);
	CHECK(record_time_json(json_null(), &t) == -1);
}

/* What the splitter yielded, joined as "E1:<bytes>|M:key=<bytes>|...". */
struct collect {
	char out[4096];
	int stop_at;		/* stop at this element (0: never) */
};

static int
collect_item(void *ctx, const struct jsplit_item *it, char *err)
{
	struct collect *c = ctx;
	size_t n = strlen(c->out);

	if (it->kind == JSPLIT_MEMBER)
		snprintf(c->out + n, sizeof(c->out) - n, "M:%s=%.*s|", it->key,
		    it->data ? (int)it->len : 4, it->data ? it->data : "NULL");
	else
		snprintf(c->out + n, sizeof(c->out) - n, "E%d.%lld:%.*s|",
		    it->path, (long long)it->index, it->data ? (int)it->len : 4,
		    it->data ? it->data : "NULL");
	if (it->kind == JSPLIT_ELEMENT && it->index == c->stop_at) {
		err_set(err, "stopped");
		return -1;
	}
	return 0;
}

/* Split doc with paths, feeding it in chunks of size step (0: whole),
** into c.  Returns what jsplit_feed/jsplit_end returned. */
static int
split(const char *doc, size_t len, const char *const *paths, int npaths,
    size_t ecap, size_t mcap, size_t step, struct collect *c, char *err)
{
	struct jsplit *js;
	size_t off, n;
	int rc = 0;

	c->out[0] = '\0';
	js = jsplit_new(paths, npaths, ecap, mcap, collect_item, c);
	if (js == NULL)
		return -2;
	if (step == 0)
		step = len ? len : 1;
	for (off = 0; rc == 0 && off < len; off += n) {
		n = len - off < step ? len - off : step;
		rc = jsplit_feed(js, doc + off, n, err);
	}
	if (rc == 0)
		rc = jsplit_end(js, err);
	jsplit_free(js);
	return rc;
}

void
test_import_jsplit_chunks(void)
{
	static const char doc[] =
	    "\xef\xbb\xbf{ \"guild\": {\"id\": \"1\"},\n"
	    "  \"channel\": {\"id\": \"2\", \"name\": \"a ] } [ { \\\" , :\"},\n"
	    "  \"messages\" : [\n"
	    "    {\"id\": \"m1\", \"content\": \"brackets ]]} and \\\\\"},\n"
	    "    {\"id\": \"m2\", \"nested\": [[1, 2], {\"messages\": [3]}]},\n"
	    "    \"a string\", 12.5e-3, true, null, [],\n"
	    "    {\"id\": \"m3\", \"u\": \"\\u00e9t\\u00e9 caf\xc3\xa9\"}\n"
	    "  ],\n"
	    "  \"messageCount\": 3 }\n";
	static const char want[] =
	    "M:guild={\"id\": \"1\"}|"
	    "M:channel={\"id\": \"2\", \"name\": \"a ] } [ { \\\" , :\"}|"
	    "E0.1:{\"id\": \"m1\", \"content\": \"brackets ]]} and \\\\\"}|"
	    "E0.2:{\"id\": \"m2\", \"nested\": [[1, 2], {\"messages\": [3]}]}|"
	    "E0.3:\"a string\"|E0.4:12.5e-3|E0.5:true|E0.6:null|E0.7:[]|"
	    "E0.8:{\"id\": \"m3\", \"u\": \"\\u00e9t\\u00e9 caf\xc3\xa9\"}|"
	    "M:messageCount=3|";
	static const char *const paths[] = { "messages" };
	struct collect c;
	char err[ERR_MAX];
	size_t step;
	int bad = 0;

	memset(&c, 0, sizeof(c));
	for (step = 0; step <= sizeof(doc); step++) {
		if (split(doc, sizeof(doc) - 1, paths, 1, 1 << 20, 1 << 20, step,
		    &c, err) != 0 || strcmp(c.out, want) != 0) {
			if (!bad++)
				fprintf(stderr, "#   step %zu: %s\n", step, c.out);
		}
	}
	CHECK(bad == 0);
	/* the callback can stop the split, with its own message */
	c.stop_at = 2;
	CHECK(split(doc, sizeof(doc) - 1, paths, 1, 1 << 20, 0, 7, &c,
	    err) == -1);
	CHECK(strcmp(err, "stopped") == 0);
	/* an element over its cap comes as NULL, and the next is whole */
	c.stop_at = 0;
	CHECK(split(doc, sizeof(doc) - 1, paths, 1, 48, 0, 5, &c, err) == 0);
	CHECK(strstr(c.out, "E0.2:NULL|E0.3:\"a string\"|") != NULL);
	CHECK(strstr(c.out, "E0.1:{\"id\": \"m1\"") != NULL);
}

void
test_import_jsplit_paths(void)
{
	static const char *const discourse[] = { "latest_posts",
	    "post_stream.posts", "posts", "" };
	static const char *const messages[] = { "messages" };
	struct collect c;
	char err[ERR_MAX];
	const char *d;

	memset(&c, 0, sizeof(c));
	d = "{\"post_stream\": {\"posts\": [{\"id\": 1}, {\"id\": 2}], "
	    "\"stream\": [1, 2]}, \"id\": 9}";
	CHECK(split(d, strlen(d), discourse, 4, 1000, 0, 3, &c, err) == 0);
	CHECK(strcmp(c.out, "E1.1:{\"id\": 1}|E1.2:{\"id\": 2}|") == 0);
	d = "[{\"id\": 1}, {\"id\": 2}]";
	CHECK(split(d, strlen(d), discourse, 4, 1000, 0, 1, &c, err) == 0);
	CHECK(strcmp(c.out, "E3.1:{\"id\": 1}|E3.2:{\"id\": 2}|") == 0);
	d = "{\"latest_posts\": [{\"id\": 5}]}";
	CHECK(split(d, strlen(d), discourse, 4, 1000, 0, 0, &c, err) == 0);
	CHECK(strcmp(c.out, "E0.1:{\"id\": 5}|") == 0);
	/* the name at a deeper level, an escaped key, or a non-array: no */
	d = "{\"x\": {\"messages\": [1]}, \"mess\\u0061ges\": [2], "
	    "\"messages\": {\"a\": [3]}}";
	CHECK(split(d, strlen(d), messages, 1, 1000, 0, 2, &c, err) == 0);
	CHECK(strcmp(c.out, "") == 0);
	d = "{}";
	CHECK(split(d, strlen(d), messages, 1, 1000, 0, 0, &c, err) == 0);
	CHECK(split(d, strlen(d), discourse, 4, 1000, 0, 0, &c, err) == 0);
}

void
test_import_jsplit_errors(void)
{
	static const char *const paths[] = { "messages" };
	static const char *const bad[] = {
		"", "   ", "{\"messages\": [1, 2", "{\"messages\": [1, 2]",
		"{\"messages\": [1, 2}}", "{\"messages\" [1]}", "{\"a\": 1,}",
		"[1, 2,]", "{\"a\": 1} x", "{\"a\": 1}{}", "hello", "\"str\"",
		"42", "{\"a\" : \"unterminated}", "{1: 2}", "[1 2]",
		"{\"a\": 1 \"b\": 2}", "[:]", "\xef\xbb{}", "{\"a\": @}",
		"{\"messages\": [1, tru"
	};
	char deep[2 * JSPLIT_MAX_DEPTH + 8], err[ERR_MAX];
	struct collect c;
	size_t i, step;
	int fails = 0;

	memset(&c, 0, sizeof(c));
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		for (step = 0; step < 4; step++) {
			err[0] = '\0';
			if (split(bad[i], strlen(bad[i]), paths, 1, 100, 100,
			    step, &c, err) != -1 || err[0] == '\0') {
				if (!fails++)
					fprintf(stderr, "#   accepted: %s\n",
					    bad[i]);
			}
		}
	}
	CHECK(fails == 0);
	CHECK(split("{\"messages\": [1", 15, paths, 1, 100, 0, 0, &c,
	    err) == -1);
	CHECK(strstr(err, "truncated") != NULL);
	CHECK(split("  x", 3, paths, 1, 100, 0, 0, &c, err) == -1);
	CHECK(strstr(err, "byte 3") != NULL);
	memset(deep, '[', JSPLIT_MAX_DEPTH + 1);
	memset(deep + JSPLIT_MAX_DEPTH + 1, ']', JSPLIT_MAX_DEPTH + 1);
	CHECK(split(deep, 2 * JSPLIT_MAX_DEPTH + 2, paths, 1, 100, 0, 0, &c,
	    err) == -1);
	CHECK(strstr(err, "deeply") != NULL);
	CHECK(split(deep + 1, 2 * JSPLIT_MAX_DEPTH, paths, 1, 100, 0, 0, &c,
	    err) == 0);
}

/* Lines joined as "N:<line>|" (or "N:NULL|"). */
static int
collect_line(void *ctx, int64_t lineno, const char *s, size_t n, char *err)
{
	struct collect *c = ctx;
	size_t len = strlen(c->out);

	(void)err;
	snprintf(c->out + len, sizeof(c->out) - len, "%lld:%.*s|",
	    (long long)lineno, s ? (int)n : 4, s ? s : "NULL");
	return 0;
}

void
test_import_lines(void)
{
	static const char text[] = "one\r\ntwo\n\nthis line is long\nlast";
	struct lines l;
	struct collect c;
	char err[ERR_MAX];
	size_t step, off, n;
	int bad = 0;

	for (step = 1; step <= sizeof(text); step++) {
		c.out[0] = '\0';
		lines_init(&l, 10);
		for (off = 0; off < sizeof(text) - 1; off += n) {
			n = sizeof(text) - 1 - off < step ?
			    sizeof(text) - 1 - off : step;
			lines_feed(&l, text + off, n, collect_line, &c, err);
		}
		lines_end(&l, collect_line, &c, err);
		lines_free(&l);
		/* a line longer than the cap comes as NULL when it spans
		** chunks; whole in one chunk it is not copied, so not capped */
		if (strcmp(c.out, "1:one|2:two|3:|4:NULL|5:last|") != 0 &&
		    strcmp(c.out, "1:one|2:two|3:|4:this line is long|5:last|")
		    != 0 && !bad++)
			fprintf(stderr, "#   step %zu: %s\n", step, c.out);
	}
	CHECK(bad == 0);
	c.out[0] = '\0';
	lines_init(&l, 10);
	lines_feed(&l, "a\n", 2, collect_line, &c, err);
	lines_end(&l, collect_line, &c, err);
	lines_free(&l);
	CHECK(strcmp(c.out, "1:a|") == 0);
}

void
test_import_html_text(void)
{
	char *t = NULL;

#define HTML(in, want) do { \
	CHECK(record_html_text(in, strlen(in), &t) == 0); \
	if (t && strcmp(t, want) != 0) \
		fprintf(stderr, "#   [%s] -> [%s]\n", in, t); \
	CHECK(t && strcmp(t, want) == 0); \
	free(t); \
	t = NULL; \
} while (0)
	HTML("<p>Three days is <strong>huge</strong> &amp; real.</p>",
	    "Three days is huge & real.");
	HTML("<p>one</p>\n<p>two</p>", "one\n\ntwo");
	HTML("<p>a<br>b</p><ul>\n<li>x</li>\n<li>y</li>\n</ul>",
	    "a\nb\n\nx\ny");
	HTML("<p>caf&eacute; &#x263A; &lt;3</p><script>alert(1)</script>",
	    "caf\xc3\xa9 \xe2\x98\xba <3");
	HTML("<pre>  keep\n  this</pre>", "  keep\n  this");
	HTML("plain text, no tags", "plain text, no tags");
	HTML("<p>unclosed <em>tags", "unclosed tags");
	HTML("", "");
#undef HTML
}

void
test_import_utf8(void)
{
	CHECK(record_utf8_valid("plain", 5));
	CHECK(record_utf8_valid("caf\xc3\xa9 \xe2\x98\xba \xf0\x9f\x8c\xb1", 14));
	CHECK(!record_utf8_valid("\xff", 1));
	CHECK(!record_utf8_valid("\xc3", 1));		/* cut short */
	CHECK(!record_utf8_valid("\xc0\xaf", 2));	/* overlong */
	CHECK(!record_utf8_valid("\xed\xa0\x80", 3));	/* a surrogate */
	CHECK(!record_utf8_valid("\xf4\x90\x80\x80", 4)); /* past U+10FFFF */
}

/* An emitter that keeps records as "id|group_id|group|author_id|author|
** time|body" lines and skips as "SKIP where: why" lines. */
struct sink_text {
	char out[8192];
};

static int
text_record(void *ctx, const struct import_record *r, const char *where,
    char *err)
{
	struct sink_text *s = ctx;
	size_t n = strlen(s->out);

	(void)where;
	(void)err;
	snprintf(s->out + n, sizeof(s->out) - n, "%s|%s|%s|%s|%s|%lld|%s\n",
	    r->id, r->group_id, r->group, r->author_id, r->author,
	    (long long)r->time, r->body);
	return 0;
}

static void
text_skip(void *ctx, const char *where, const char *why)
{
	struct sink_text *s = ctx;
	size_t n = strlen(s->out);

	snprintf(s->out + n, sizeof(s->out) - n, "SKIP %s: %s\n", where, why);
}

/* Run format f over input in chunks of step bytes.  Returns the last
** status. */
static int
run_format(const struct import_format *f, const char *input, size_t step,
    struct sink_text *s, char *err)
{
	struct import_emit e = { text_record, text_skip, NULL, s, "t" };
	size_t len = strlen(input), off, n;
	void *p;
	int rc = 0;

	s->out[0] = '\0';
	p = f->open(&e, err);
	if (p == NULL)
		return -2;
	for (off = 0; rc == 0 && off < len; off += n) {
		n = len - off < step ? len - off : step;
		rc = f->feed(p, input + off, n, err);
	}
	if (rc == 0)
		rc = f->end(p, err);
	f->free(p);
	return rc;
}

void
test_import_formats(void)
{
	static const char reddit[] =
	    "{\"id\":\"k1\",\"author\":\"ash\",\"subreddit\":\"Calm\","
	    "\"created_utc\":1706000000,\"title\":\"T\",\"selftext\":\"S\"}\n"
	    "{\"id\":\"c1\",\"author\":\"oak\",\"subreddit\":\"Calm\","
	    "\"created_utc\":\"1706000001\",\"body\":\"B\"}\n"
	    "{\"id\":\"c2\",\"author\":\"oak\",\"subreddit\":\"Calm\","
	    "\"created_utc\":1706000002,\"body\":\"[removed]\"}\n"
	    "{\"id\":\"c3\",\"author\":\"oak\",\"subreddit\":\"Calm\","
	    "\"created_utc\":1706000003,\"body\":\"bad \xff\"}\n";
	static const char csv[] =
	    "Body,time,ID,author,group,extra\r\n"
	    "\"two\nlines, and \"\"quotes\"\"\",2024-05-01T10:00:00Z,c1,elm,g,x\r\n"
	    "short,row\r\n"
	    "\"bad \xff\",2024-05-01T10:00:00Z,c2,elm,g,x\r\n"
	    "last,2024-05-01T10:00:01+00:00,c3,elm,g,x";
	static const char jsonl[] =
	    "{\"id\":7,\"group\":\"g\",\"author\":\"a\",\"time\":"
	    "\"2024-01-01T00:00:00Z\",\"body\":\"hi\"}\n"
	    "[1,2]\n"
	    "{\"id\":\"x\",\"group\":\"g\",\"author\":\"a\",\"time\":"
	    "\"2024-01-01T00:00:00Z\",\"body\":\"   \"}\n";
	static const char discord[] =
	    "{\"channel\":{\"id\":\"c9\",\"name\":\"den\"},\"messages\":["
	    "{\"id\":\"1\",\"type\":\"Default\",\"timestamp\":"
	    "\"2024-03-01T19:02:11.123+01:00\",\"content\":\"hello\","
	    "\"author\":{\"id\":\"u1\",\"name\":\"n\",\"nickname\":\"Nick\"}},"
	    "{\"id\":\"2\",\"timestamp\":\"2024-03-01T19:02:11Z\","
	    "\"content\":\"no author\"}]}";
	static const char discourse[] =
	    "{\"latest_posts\":[{\"id\":51,\"username\":\"moss\","
	    "\"name\":\"Real Name\",\"user_id\":21,\"created_at\":"
	    "\"2024-02-10T08:15:30.201Z\",\"cooked\":\"<p>Three <b>days</b> "
	    "&amp; more</p>\\n<ul><li>rest</li></ul>\",\"topic_id\":3,"
	    "\"topic_title\":\"Small wins\",\"post_type\":1},"
	    "{\"id\":52,\"username\":\"moss\",\"created_at\":"
	    "\"2024-02-10T08:15:31Z\",\"raw\":\"raw *text*\",\"cooked\":"
	    "\"<p>x</p>\",\"category_id\":4,\"topic_id\":3}]}";
	struct sink_text s;
	char err[ERR_MAX];

	CHECK(run_format(&discourse_format, discourse, 17, &s, err) == 0);
	CHECK(strcmp(s.out,
	    "51|topic:3|Small wins|21|moss|1707552930|Three days & more\n\n"
	    "rest\n"
	    "52|category:4|category 4|moss|moss|1707552931|raw *text*\n") == 0);
	CHECK(run_format(&reddit_format, reddit, 13, &s, err) == 0);
	CHECK(strcmp(s.out,
	    "t3_k1|Calm|Calm|ash|ash|1706000000|T\n\nS\n"
	    "t1_c1|Calm|Calm|oak|oak|1706000001|B\n"
	    "SKIP t: line 3: deleted or removed in the source\n"
	    "SKIP t: line 4: the text is not valid UTF-8\n") == 0);
	CHECK(run_format(&csvfile_format, csv, 5, &s, err) == 0);
	if (strstr(s.out, "c1|g|g|elm|elm|1714557600|two\nlines, and "
	    "\"quotes\"\n") != s.out)
		fprintf(stderr, "#   %s\n", s.out);
	CHECK(strcmp(s.out, "c1|g|g|elm|elm|1714557600|two\nlines, and "
	    "\"quotes\"\n"
	    "SKIP t: line 4: it has 2 fields, the header 6\n"
	    "SKIP t: line 5: the text is not valid UTF-8\n"
	    "c3|g|g|elm|elm|1714557601|last\n") == 0);
	CHECK(run_format(&csvfile_format, "id,group,author,body\nx,y,z,w\n",
	    4, &s, err) == -1 && strstr(err, "\"time\"") != NULL);
	CHECK(run_format(&csvfile_format, "id,group,author,time,body\n"
	    "1,g,a,2024-01-01T00:00:00Z,\"unterminated\n", 4, &s, err) == -1);
	CHECK(strstr(err, "line 2") != NULL);
	CHECK(run_format(&jsonl_format, jsonl, 9, &s, err) == 0);
	CHECK(strcmp(s.out, "7|g|g|a|a|1704067200|hi\n"
	    "SKIP t: line 2: not a JSON object\n"
	    "SKIP t: line 3: it has no text\n") == 0);
	CHECK(run_format(&jsonl_format, "not json\n\nnor this\n", 4, &s,
	    err) == -1 && strstr(err, "not a JSON Lines file") != NULL);
	CHECK(run_format(&discord_format, discord, 11, &s, err) == 0);
	CHECK(strcmp(s.out, "1|c9|den|u1|Nick|1709316131|hello\n"
	    "SKIP t: message 2: field \"author\" is missing\n") == 0);
	CHECK(run_format(&discord_format, "{\"messages\":[{}]}", 3, &s,
	    err) == -1 && strstr(err, "channel") != NULL);
	CHECK(run_format(&discord_format, "{\"channel\":{\"id\":\"1\"}}", 3, &s,
	    err) == -1 && strstr(err, "messages") != NULL);
}

/* An import grows the page cache with the community (db_bulk) and gives
** it back when it commits and when it rolls back, so the connection the
** import ran on (the server's, a console upload's) keeps SQLite's default
** afterwards. */
void
test_import_gives_cache_back(void)
{
	struct import_record r = { "1", "general", "general", "fern", "Fern",
	    1700000000, "a first post, written for this test" };
	struct import_counts counts;
	struct import *im;
	struct app a;
	struct app_opts o = { 0 };
	struct gate *g;
	char db[512], err[ERR_MAX];
	long long before;

	snprintf(db, sizeof(db), "%s/cache.db", test_tmpdir());
	o.db_path = db;
	CHECK(app_create(&o, &a, err) == 0);
	g = test_gate(&a);
	before = test_cache_size(a.db);
	CHECK(before == -2000);
	CHECK(import_begin(g, "test", &im, err) == 0);
	CHECK(import_add(im, &r, err) == 0);
	/* as the sink does every 4096 posts of a large community */
	CHECK(db_bulk(a.db, 3000000) == 0 && test_cache_size(a.db) == -65536);
	CHECK(import_finish(im, &counts, err) == 0 && counts.added == 1);
	CHECK(test_cache_size(a.db) == before);
	CHECK(import_begin(g, "test", &im, err) == 0);
	CHECK(db_bulk(a.db, 70000) == 0 && test_cache_size(a.db) == -16384);
	import_abort(im);
	CHECK(test_cache_size(a.db) == before);
	gate_free(g);
	app_close(&a);
}
