/*
** record.c: the field helpers every import parser uses: RFC 3339 and
** epoch times to UTC seconds, UTF-8 validation (utf8proc), HTML to plain
** text (libxml2's HTML parser), JSON fields (Jansson), and the last check
** a record passes before it is emitted.  See record.h.
*/
#include "record.h"

#include <math.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <utf8proc.h>

#include "../util/buf.h"

#define NAME_MAX_BYTES 256	/* the longest author or group name kept */

/* Days from 1970-01-01 to the proleptic Gregorian date y-m-d (Howard
** Hinnant's days_from_civil). */
static int64_t
days_from_civil(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* Read exactly n decimal digits at *p into *out and move *p past them.
** Returns 0 or -1. */
static int
digits(const char **p, int n, int *out)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if ((*p)[i] < '0' || (*p)[i] > '9')
			return -1;
		v = v * 10 + ((*p)[i] - '0');
	}
	*p += n;
	*out = v;
	return 0;
}

/* Parse an RFC 3339 / ISO 8601 time with a UTC offset, such as
** 2023-04-01T12:34:56.789+02:00, 2023-04-01 12:34:56Z or
** 2023-04-01T12:34:56+0200, into seconds since the epoch (UTC; a
** fraction is dropped).  Seconds and the offset (Z, +HH:MM, +HHMM or +HH)
** are required; a time without an offset is refused, since it could be
** anywhere.  Returns 0 with *out set, or -1. */
int
record_time_rfc3339(const char *s, int64_t *out)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	const char *p = s;
	int y, mo, d, h, mi, sec, oh = 0, om = 0, sign = 0, leap, dim;

	if (s == NULL || digits(&p, 4, &y) || *p++ != '-' ||
	    digits(&p, 2, &mo) || *p++ != '-' || digits(&p, 2, &d))
		return -1;
	if (*p != 'T' && *p != 't' && *p != ' ')
		return -1;
	p++;
	if (digits(&p, 2, &h) || *p++ != ':' || digits(&p, 2, &mi) ||
	    *p++ != ':' || digits(&p, 2, &sec))
		return -1;
	if (*p == '.' || *p == ',') {
		p++;
		if (*p < '0' || *p > '9')
			return -1;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	if (*p == 'Z' || *p == 'z') {
		p++;
	} else if (*p == '+' || *p == '-') {
		sign = *p++ == '-' ? -1 : 1;
		if (digits(&p, 2, &oh))
			return -1;
		if (*p == ':') {
			p++;
			if (digits(&p, 2, &om))
				return -1;
		} else if (*p >= '0' && *p <= '9' && digits(&p, 2, &om)) {
			return -1;
		}
	} else {
		return -1;
	}
	if (*p != '\0')
		return -1;
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (mo < 1 || mo > 12)
		return -1;
	dim = mdays[mo - 1] + (mo == 2 && leap);
	if (d < 1 || d > dim || h > 23 || mi > 59 || sec > 60 || oh > 23 ||
	    om > 59)
		return -1;
	*out = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec -
	    sign * (oh * 3600 + om * 60);
	return 0;
}

/* Parse seconds since the epoch written as digits with an optional
** fraction ("1510000000" or Slack's "1510000000.000100").  Returns 0 with
** *out set (the fraction dropped), or -1. */
int
record_time_epoch(const char *s, int64_t *out)
{
	int64_t v = 0;
	int n = 0;

	if (s == NULL)
		return -1;
	for (; *s >= '0' && *s <= '9'; s++) {
		if (++n > 12)
			return -1;
		v = v * 10 + (*s - '0');
	}
	if (n == 0)
		return -1;
	if (*s == '.') {
		s++;
		if (*s < '0' || *s > '9')
			return -1;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	if (*s != '\0')
		return -1;
	*out = v;
	return 0;
}

/* Seconds since the epoch from a JSON number (integer or real) or a
** string of digits, as Reddit's created_utc comes.  Returns 0 or -1. */
int
record_time_json(const json_t *v, int64_t *out)
{
	double d;

	if (json_is_integer(v)) {
		if (json_integer_value(v) < 0)
			return -1;
		*out = (int64_t)json_integer_value(v);
		return 0;
	}
	if (json_is_real(v)) {
		d = json_real_value(v);
		if (!isfinite(d) || d < 0 || d > (double)RECORD_TIME_MAX)
			return -1;
		*out = (int64_t)d;
		return 0;
	}
	if (json_is_string(v))
		return record_time_epoch(json_string_value(v), out);
	return -1;
}

/* Is s[0..n) valid UTF-8 (no surrogates, no overlongs)?  Returns 1 or 0. */
int
record_utf8_valid(const char *s, size_t n)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_int32_t cp;
	utf8proc_ssize_t k;
	size_t i = 0;

	while (i < n) {
		if (p[i] < 0x80) {	/* ASCII, the common case */
			i++;
			continue;
		}
		k = utf8proc_iterate(p + i, (utf8proc_ssize_t)(n - i), &cp);
		if (k <= 0 || cp < 0)
			return 0;
		i += (size_t)k;
	}
	return 1;
}

/* Append text to b, collapsing runs of white space to one space and
** dropping space at the start of a line (unless pre). */
static void
html_put_text(struct buf *b, const char *t, int pre)
{
	int space = 0;

	if (pre) {
		buf_puts(b, t);
		return;
	}
	for (; *t; t++) {
		if (*t == ' ' || *t == '\t' || *t == '\n' || *t == '\r' ||
		    *t == '\f') {
			space = 1;
			continue;
		}
		if (space && b->len > 0 && b->data[b->len - 1] != '\n' &&
		    b->data[b->len - 1] != ' ')
			buf_putc(b, ' ');
		space = 0;
		buf_putc(b, *t);
	}
	if (space && b->len > 0 && b->data[b->len - 1] != '\n' &&
	    b->data[b->len - 1] != ' ')
		buf_putc(b, ' ');
}

/* End the current line in b; with para, leave an empty line too. */
static void
html_break(struct buf *b, int para)
{
	while (b->len > 0 && b->data[b->len - 1] == ' ')
		b->data[--b->len] = '\0';
	if (b->len == 0)
		return;
	if (b->data[b->len - 1] != '\n')
		buf_putc(b, '\n');
	if (para && (b->len < 2 || b->data[b->len - 2] != '\n'))
		buf_putc(b, '\n');
}

/* How an element breaks the text: 0 inline, 1 a line, 2 a paragraph. */
static int
html_block(const char *name)
{
	static const char *para[] = { "p", "h1", "h2", "h3", "h4", "h5",
	    "h6", "blockquote", "pre", "ul", "ol", "table", "aside", "hr" };
	static const char *line[] = { "br", "div", "li", "tr", "dt", "dd",
	    "section", "article", "header", "footer", "details", "summary" };
	size_t i;

	for (i = 0; i < sizeof(para) / sizeof(para[0]); i++)
		if (strcmp(name, para[i]) == 0)
			return 2;
	for (i = 0; i < sizeof(line) / sizeof(line[0]); i++)
		if (strcmp(name, line[i]) == 0)
			return 1;
	return 0;
}

/* Write the text under n to b. */
static void
html_walk(const xmlNode *n, struct buf *b, int depth, int pre)
{
	const char *name;
	int blk;

	if (depth > 256)
		return;
	for (; n; n = n->next) {
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			if (n->content)
				html_put_text(b, (const char *)n->content, pre);
			continue;
		}
		if (n->type != XML_ELEMENT_NODE)
			continue;
		name = (const char *)n->name;
		if (strcmp(name, "script") == 0 || strcmp(name, "style") == 0 ||
		    strcmp(name, "template") == 0)
			continue;
		blk = html_block(name);
		if (blk)
			html_break(b, blk == 2);
		html_walk(n->children, b, depth + 1, pre ||
		    strcmp(name, "pre") == 0);
		if (blk)
			html_break(b, blk == 2);
	}
}

/* The plain text of an HTML fragment (Discourse's "cooked"): tags
** dropped, entities decoded, paragraphs and line breaks kept as new
** lines.  Sets *out to the text (allocated; the caller frees it).
** Returns 0, or -1 when the text would pass RECORD_BODY_MAX or memory ran
** out. */
int
record_html_text(const char *html, size_t n, char **out)
{
	htmlDocPtr doc;
	struct buf b;

	*out = NULL;
	if (n > (size_t)1 << 30)
		return -1;
	xmlInitParser();
	buf_init(&b, RECORD_BODY_MAX + 1);
	doc = htmlReadMemory(html, (int)n, NULL, "UTF-8", HTML_PARSE_RECOVER |
	    HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
	if (doc)
		html_walk(xmlDocGetRootElement(doc), &b, 0, 0);
	xmlFreeDoc(doc);
	html_break(&b, 0);
	while (b.len > 0 && b.data[b.len - 1] == '\n')
		b.data[--b.len] = '\0';
	if (b.failed || b.len > RECORD_BODY_MAX) {
		buf_free(&b);
		return -1;
	}
	*out = buf_steal(&b);
	return *out ? 0 : -1;
}

/* The string member key of obj, or NULL when absent or not a string. */
const char *
record_json_str(const json_t *obj, const char *key)
{
	return json_string_value(json_object_get(obj, key));
}

/* An id from a JSON string or integer (tmp holds the integer's digits).
** Returns the id, or NULL when v is neither or is empty. */
const char *
record_json_id(const json_t *v, char *tmp, size_t n)
{
	const char *s;

	if (json_is_integer(v)) {
		snprintf(tmp, n, "%lld", (long long)json_integer_value(v));
		return tmp;
	}
	s = json_string_value(v);
	return s && s[0] ? s : NULL;
}

/* Parse one JSON record (an array element or a line) into an object.
** Returns the object (the caller decrefs it), or NULL with *why saying
** what is wrong: never the parser's message, which may quote content. */
json_t *
record_json_parse(const char *data, size_t n, const char **why)
{
	json_error_t e;
	json_t *v;

	v = json_loadb(data, n, JSON_DECODE_ANY, &e);
	if (v == NULL) {
		*why = json_error_code(&e) == json_error_invalid_utf8 ?
		    "the text is not valid UTF-8" : "not valid JSON";
		return NULL;
	}
	if (!json_is_object(v)) {
		json_decref(v);
		*why = "not a JSON object";
		return NULL;
	}
	return v;
}

/* Is the optional text field s valid?  Returns NULL or why not. */
static const char *
check_name(const char *s, const char *bad_utf8, const char *too_long)
{
	size_t n;

	if (s == NULL)
		return NULL;
	n = strlen(s);
	if (n > NAME_MAX_BYTES)
		return too_long;
	return record_utf8_valid(s, n) ? NULL : bad_utf8;
}

/* The last check before a record is emitted: an id, a body of text that
** is valid UTF-8 and at most RECORD_BODY_MAX bytes, names that are valid
** UTF-8, and a time between 1970 and 9999.  Returns NULL when the record
** is well formed, or the reason it is not (never its content). */
const char *
record_check(const struct import_record *r)
{
	const char *why, *p;
	size_t n;

	if (r->id == NULL || r->id[0] == '\0')
		return "it has no id";
	if (strlen(r->id) > RECORD_ID_MAX)
		return "its id is longer than 128 bytes";
	if (!record_utf8_valid(r->id, strlen(r->id)))
		return "its id is not valid UTF-8";
	if (r->body == NULL)
		return "it has no text";
	n = strlen(r->body);
	if (n > RECORD_BODY_MAX)
		return "the text is longer than 1 MiB";
	if (!record_utf8_valid(r->body, n))
		return "the text is not valid UTF-8";
	for (p = r->body; *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r';
	    p++)
		;
	if (*p == '\0')
		return "it has no text";
	if ((why = check_name(r->author, "the author's name is not valid UTF-8",
	    "the author's name is longer than 256 bytes")) != NULL ||
	    (why = check_name(r->author_id, "the author's id is not valid UTF-8",
	    "the author's id is longer than 256 bytes")) != NULL ||
	    (why = check_name(r->group, "the group's name is not valid UTF-8",
	    "the group's name is longer than 256 bytes")) != NULL ||
	    (why = check_name(r->group_id, "the group's id is not valid UTF-8",
	    "the group's id is longer than 256 bytes")) != NULL)
		return why;
	if (r->time < 0 || r->time > RECORD_TIME_MAX)
		return "its time is not between 1970 and 9999";
	return NULL;
}

/* Check r and hand it to e->record, or report it to e->skip.  Returns 0,
** or -1 when the emitter stopped the import (err filled). */
int
record_emit(const struct import_emit *e, const struct import_record *r,
    const char *where, char *err)
{
	const char *why = record_check(r);

	if (why) {
		e->skip(e->ctx, where, why);
		return 0;
	}
	return e->record(e->ctx, r, where, err);
}
