/*
** test_basics.c: buffers, number parsing and the HTML writer.
*/
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "util/buf.h"
#include "util/util.h"
#include "web/html.h"

void
test_buf_cap(void)
{
	struct buf b;

	buf_init(&b, 8);
	CHECK(buf_puts(&b, "1234") == 0);
	CHECK(buf_puts(&b, "5678") == 0);
	CHECK(b.len == 8 && strcmp(b.data, "12345678") == 0);
	CHECK(buf_putc(&b, 'x') == -1);
	CHECK(b.failed);
	CHECK(buf_puts(&b, "") == -1);	/* stays failed until reset */
	buf_reset(&b);
	CHECK(buf_puts(&b, "ok") == 0 && strcmp(b.data, "ok") == 0);
	buf_free(&b);
}

void
test_buf_printf(void)
{
	struct buf b;
	char *s;

	buf_init(&b, 1000);
	CHECK(buf_printf(&b, "%d-%s", 42, "x") == 0);
	CHECK(strcmp(b.data, "42-x") == 0);
	buf_reset(&b);
	CHECK(buf_printf(&b, "%01001d", 1) == -1);
	buf_reset(&b);
	s = buf_steal(&b);
	CHECK(s != NULL && s[0] == '\0');
	free(s);
	buf_free(&b);
}

void
test_util_parse(void)
{
	long long v;

	CHECK(util_parse_int("42", 0, 100, &v) == 0 && v == 42);
	CHECK(util_parse_int("101", 0, 100, &v) == -1);
	CHECK(util_parse_int("4x", 0, 100, &v) == -1);
	CHECK(util_parse_int("", 0, 100, &v) == -1);
	CHECK(util_parse_int(NULL, 0, 100, &v) == -1);
	CHECK(util_parse_int("99999999999999999999", 0, 100, &v) == -1);
	CHECK(util_valid_name("river-stone_2", 64));
	CHECK(!util_valid_name("-lead", 64));
	CHECK(!util_valid_name("a b", 64));
	CHECK(!util_valid_name("<script>", 64));
	CHECK(!util_valid_name("", 64));
	CHECK(!util_valid_name("abcdef", 5));
	/* names people choose, in any script */
	CHECK(util_valid_label("Evening check-in", 80));
	CHECK(util_valid_label("夜の会", 80));
	CHECK(util_valid_label("مجموعة الدعم", 80));
	CHECK(!util_valid_label("", 80));
	CHECK(!util_valid_label("   ", 80));
	CHECK(!util_valid_label("tab\there", 80));
	CHECK(!util_valid_label("bell\a", 80));
	CHECK(!util_valid_label("hidden\xe2\x80\x8bspace", 80));	/* U+200B */
	CHECK(!util_valid_label("bidi\xe2\x80\xaeturn", 80));	/* U+202E */
	CHECK(!util_valid_label("\xff\xfe broken", 80));
	CHECK(!util_valid_label("\xed\xa0\x80", 80));		/* a surrogate */
	CHECK(!util_valid_label("abcdef", 5));
}

void
test_html_escape(void)
{
	struct buf b;

	buf_init(&b, 1000);
	html_escape(&b, "<a href=\"x\">Tom & 'Jerry'</a>");
	CHECK(strcmp(b.data, "&lt;a href=&quot;x&quot;&gt;Tom &amp; "
	    "&#39;Jerry&#39;&lt;/a&gt;") == 0);
	buf_reset(&b);
	html_escape(&b, "plain text, ünïcode");
	CHECK(strcmp(b.data, "plain text, ünïcode") == 0);
	buf_free(&b);
}

void
test_html_printf(void)
{
	struct buf b;

	buf_init(&b, 1000);
	html_printf(&b, "<p title=\"%s\">%s %d %lld %zu %u%%</p>", "\"><x",
	    "<script>", -3, 123456789012LL, (size_t)7, 8u);
	CHECK(strcmp(b.data, "<p title=\"&quot;&gt;&lt;x\">&lt;script&gt; -3 "
	    "123456789012 7 8%</p>") == 0);
	buf_reset(&b);
	/* an hour of the day, padded, and the arguments after it still line
	** up */
	html_printf(&b, "%02d:00 %s", 7, "<b>");
	CHECK(strcmp(b.data, "07:00 &lt;b&gt;") == 0);
	buf_reset(&b);
	html_escape(&b, NULL);
	CHECK(b.len == 0);
	buf_free(&b);
}
