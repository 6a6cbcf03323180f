/*
** html.c: text from HTML pages.  See html.h.
**
** libxml2's HTML parser runs in push mode with SAX callbacks, so a page is
** parsed as it arrives and no tree is built: a 50 MB page takes about 1 MB
** (libxml2 must still hold one whole text run, tag or script at a time, so
** a page that is one 50 MB text node takes 50 MB; the source's byte cap
** bounds that).  libxml2 is lenient with broken markup and decodes the
** entities; its error reports go to handlers that drop them.  Two faults
** of libxml2 2.9 are worked around here: a push-parser stall that held
** the whole page unparsed (unstall), and the quadratic cost of deep
** nesting (restart).
**
** What is written: text nodes; the alt and title of img elements; the
** description and title a page gives in <meta> (where pages that draw
** themselves with script keep their text); the strings of JSON script
** blocks (application/json, application/ld+json: the same reason).  Not
** written: the rest of script, style, noscript and template.  A block
** element's start or end owes a "\n", any other tag a space (so
** "<td>a</td><td>b</td>" does not become "ab"), and runs of white space
** become one space.
**
** Encoding: the Content-Type's charset, else a <meta> charset in the first
** 4 KiB, else UTF-8.  A UTF-8 page is repaired (invalid bytes to U+FFFD)
** before libxml2 sees it, because libxml2 would otherwise reread the rest
** of the page as Latin-1 after the first invalid byte.
*/
#include "html.h"

#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../util/util.h"
#include "extract.h"

#define HEAD_BYTES 4096		/* held back to look for a <meta> charset */
#define PARSE_BYTES 16384	/* repaired bytes handed to libxml2 at once */
#define MAX_DEPTH 256		/* open elements before the parser restarts */
#define DEEP_STEP 64		/* bytes per parse step near MAX_DEPTH */

struct extract_html {
	struct extract_out *out;
	htmlParserCtxtPtr ctxt;
	htmlSAXHandler sax;
	struct extract_utf8 u;
	int repair;		/* UTF-8: repair before libxml2 reads it */
	int skip;		/* depth inside script, style, noscript, template */
	int gap;		/* the space owed comes from a tag, not the text */
	int depth;		/* elements open in libxml2's stack */
	size_t rescan_at;	/* see unstall() */
	char reason[ERR_MAX];	/* why h->failed */
	int failed;
	struct extract_json *json;	/* inside a JSON script block */
	char charset[64];	/* the Content-Type's charset, or "" */
	char encoding[64];	/* the encoding the parser is set to, or "" */
	int utf16;		/* let libxml2 read a UTF-16 BOM */
	size_t nhead;
	size_t ntmp;
	char head[HEAD_BYTES];
	char tmp[PARSE_BYTES];
};

static pthread_once_t html_once = PTHREAD_ONCE_INIT;

/* libxml2 must be initialised once, before threads use it. */
static void
html_init(void)
{
	xmlInitParser();
}

/* Elements that end a line of text: a "\n" at their start and end. */
static const char *const blocks[] = {
	"address", "article", "aside", "blockquote", "body", "br", "caption",
	"dd", "details", "dialog", "div", "dl", "dt", "fieldset", "figcaption",
	"figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "head",
	"header", "hr", "html", "li", "main", "nav", "ol", "option", "p", "pre",
	"section", "summary", "table", "tbody", "td", "tfoot", "th", "thead",
	"title", "tr", "ul"
};

/* bsearch comparison of a name with an entry of blocks[]. */
static int
name_cmp(const void *key, const void *entry)
{
	return strcmp(key, *(const char *const *)entry);
}

/* 1 when element name (lower case, as libxml2 gives it) is a block. */
static int
is_block(const char *name)
{
	return bsearch(name, blocks, sizeof(blocks) / sizeof(blocks[0]), sizeof(blocks[0]),
	    name_cmp) != NULL;
}

/* 1 when the contents of element name are not text a reader sees. */
static int
is_skipped(const char *name)
{
	return strcmp(name, "script") == 0 || strcmp(name, "style") == 0 ||
	    strcmp(name, "noscript") == 0 || strcmp(name, "template") == 0;
}

/* The value of attribute name in atts, or NULL. */
static const char *
attr(const xmlChar **atts, const char *name)
{
	size_t i;

	for (i = 0; atts != NULL && atts[i] != NULL; i += 2)
		if (strcasecmp((const char *)atts[i], name) == 0)
			return atts[i + 1] ? (const char *)atts[i + 1] : "";
	return NULL;
}

/* 1 for the white space HTML collapses. */
static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Owe a space for a tag between two texts. */
static void
tag_gap(struct extract_html *h)
{
	extract_out_sep(h->out, ' ');
	h->gap = 1;
}

/* Write text, each run of white space as one owed space.  A space owed
** only to a tag is dropped before closing punctuation, so
** "<em>enough</em>, and" stays "enough, and". */
static void
text_run(struct extract_html *h, const char *p, size_t n)
{
	size_t i = 0, k;

	while (i < n) {
		if (is_space(p[i])) {
			while (i < n && is_space(p[i]))
				i++;
			extract_out_sep(h->out, ' ');
			h->gap = 0;
			continue;
		}
		if (h->gap && strchr(",.;:!?)]}", p[i]) != NULL)
			extract_out_unsep(h->out);
		h->gap = 0;
		/* Up to white space that needs collapsing; single spaces
		** between words go along as they are. */
		for (k = i; k < n; k++) {
			if (!is_space(p[k]))
				continue;
			if (p[k] == ' ' && k + 1 < n && !is_space(p[k + 1]))
				continue;
			break;
		}
		extract_out_text(h->out, p + i, k - i);
		i = k;
	}
}

/* Write an attribute's value as a text of its own. */
static void
attr_text(struct extract_html *h, const char *v)
{
	if (v == NULL || v[0] == '\0')
		return;
	extract_out_sep(h->out, ' ');
	text_run(h, v, strlen(v));
	extract_out_sep(h->out, ' ');
}

/* Feed a JSON script block's contents; a broken one is dropped quietly
** (it is part of a page, not the source). */
static void
json_text(struct extract_html *h, const char *p, size_t n)
{
	if (h->json != NULL && extract_json_feed(h->json, p, n, NULL) < 0) {
		extract_json_close(h->json, NULL);
		h->json = NULL;
	}
}

/* SAX: an element starts. */
static void
on_start(void *ctx, const xmlChar *xname, const xmlChar **atts)
{
	struct extract_html *h = ctx;
	const char *name = (const char *)xname, *v;

	h->depth++;
	if (is_skipped(name)) {
		if (h->skip++ == 0 && strcmp(name, "script") == 0 &&
		    (v = attr(atts, "type")) != NULL &&
		    (strcasecmp(v, "application/json") == 0 ||
		    strcasecmp(v, "application/ld+json") == 0)) {
			extract_out_sep(h->out, '\n');
			h->json = extract_json_open(h->out);
		}
		return;
	}
	if (h->skip > 0)
		return;
	if (is_block(name))
		extract_out_sep(h->out, '\n');
	else
		tag_gap(h);
	if (strcmp(name, "img") == 0) {
		attr_text(h, attr(atts, "alt"));
		attr_text(h, attr(atts, "title"));
	} else if (strcmp(name, "meta") == 0) {
		if ((v = attr(atts, "name")) == NULL)
			v = attr(atts, "property");
		if (v != NULL && (strcasecmp(v, "description") == 0 ||
		    strcasecmp(v, "og:description") == 0 ||
		    strcasecmp(v, "og:title") == 0 ||
		    strcasecmp(v, "twitter:description") == 0 ||
		    strcasecmp(v, "twitter:title") == 0))
			attr_text(h, attr(atts, "content"));
	}
}

/* SAX: an element ends (libxml2 also ends those the page left open). */
static void
on_end(void *ctx, const xmlChar *xname)
{
	struct extract_html *h = ctx;
	const char *name = (const char *)xname;

	if (h->depth > 0)
		h->depth--;
	if (is_skipped(name)) {
		if (h->skip > 0 && --h->skip == 0 && h->json != NULL) {
			extract_json_close(h->json, NULL);
			h->json = NULL;
			extract_out_sep(h->out, '\n');
		}
		return;
	}
	if (h->skip == 0 && is_block(name))
		extract_out_sep(h->out, '\n');
	else if (h->skip == 0)
		tag_gap(h);
}

/* SAX: text (entities already decoded, always UTF-8). */
static void
on_text(void *ctx, const xmlChar *ch, int len)
{
	struct extract_html *h = ctx;

	if (len <= 0)
		return;
	if (h->skip > 0)
		json_text(h, (const char *)ch, (size_t)len);
	else
		text_run(h, (const char *)ch, (size_t)len);
}

/* SAX: the raw contents of script and style. */
static void
on_cdata(void *ctx, const xmlChar *ch, int len)
{
	struct extract_html *h = ctx;

	if (len > 0)
		json_text(h, (const char *)ch, (size_t)len);
}

/* libxml2's reports about broken markup: broken markup is normal here. */
static void
on_error(void *ctx, xmlErrorPtr e)
{
	(void)ctx;
	(void)e;
}

/* Start extracting a page.  See html.h. */
struct extract_html *
extract_html_open(struct extract_out *x, const char *charset)
{
	struct extract_html *h;

	pthread_once(&html_once, html_init);
	if ((h = calloc(1, sizeof(*h))) == NULL)
		return NULL;
	h->out = x;
	if (charset != NULL)
		snprintf(h->charset, sizeof(h->charset), "%s", charset);
	h->sax.startElement = on_start;
	h->sax.endElement = on_end;
	h->sax.characters = on_text;
	h->sax.ignorableWhitespace = on_text;
	h->sax.cdataBlock = on_cdata;
	h->sax.initialized = XML_SAX2_MAGIC;
	h->sax.serror = on_error;
	return h;
}

/* Find a <meta> charset in p[0..n) (HTML5's prescan, simplified); copies
** it into out and returns 1, or returns 0. */
static int
meta_charset(const char *p, size_t n, char *out, size_t outn)
{
	size_t i, k, end, len;

	for (i = 0; i + 5 <= n; i++) {
		if (p[i] != '<' || strncasecmp(p + i + 1, "meta", 4) != 0)
			continue;
		for (end = i; end < n && p[end] != '>'; end++)
			;
		for (k = i + 5; k + 7 <= end; k++) {
			if (strncasecmp(p + k, "charset", 7) != 0)
				continue;
			k += 7;
			while (k < end && is_space(p[k]))
				k++;
			if (k >= end || p[k] != '=')
				break;
			k++;
			while (k < end && (is_space(p[k]) || p[k] == '"' || p[k] == '\''))
				k++;
			for (len = 0; k + len < end && len + 1 < outn &&
			    (strchr("-_.:", p[k + len]) != NULL ||
			    (p[k + len] >= '0' && p[k + len] <= '9') ||
			    ((p[k + len] | 0x20) >= 'a' && (p[k + len] | 0x20) <= 'z')); len++)
				;
			memcpy(out, p + k, len);
			out[len] = '\0';
			return len > 0;
		}
	}
	return 0;
}

/* libxml2's thread-wide error handlers, saved while ours are in place. */
struct quiet {
	xmlStructuredErrorFunc serror;
	void *sctx;
	xmlGenericErrorFunc gerror;
	void *gctx;
};

/* Drop libxml2's generic error output (encoding errors, for one). */
static void
on_generic(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

/* Some of libxml2's reports (a failed charset conversion) bypass the
** parser context and go to handlers kept per thread, by default standard
** error; put discarding ones in place for the length of a call. */
static void
quiet_begin(struct quiet *q)
{
	q->serror = xmlStructuredError;
	q->sctx = xmlStructuredErrorContext;
	q->gerror = xmlGenericError;
	q->gctx = xmlGenericErrorContext;
	xmlSetStructuredErrorFunc(NULL, on_error);
	xmlSetGenericErrorFunc(NULL, on_generic);
}

/* Put the thread's own handlers back. */
static void
quiet_end(const struct quiet *q)
{
	xmlSetStructuredErrorFunc(q->sctx, q->serror);
	xmlSetGenericErrorFunc(q->gctx, q->gerror);
}

/* Work around a libxml2 push-parser bug (before 2.11, fixed by its commit
** 68a6518c): when a chunk ends inside a quoted attribute value, the search
** for the tag's '>' resumes knowing it is inside quotes but not which
** quote, so it never finds the end, and the parser holds the rest of the
** page unparsed until the last chunk (a 50 MB page took 60 MB instead of
** a few).  That state is "the last failed search stopped inside a value"
** (bit 0 of hasPErefs, which 2.9 borrows for it, with checkIndex set);
** forgetting the search position makes the next search start again at
** the tag's '<', where it tracks the quotes correctly.  Each restart
** rescans the pending tag, so for a huge tag (a data: URI) restarts are
** spaced out geometrically to keep the work linear.  With a libxml2 that
** has the fix the bit is never set and this does nothing. */
static void
unstall(struct extract_html *h)
{
	htmlParserCtxtPtr c = h->ctxt;
	size_t pending;

	if (!(c->hasPErefs & 1) || c->checkIndex <= 0 || c->input == NULL ||
	    c->instate == XML_PARSER_EOF) {
		h->rescan_at = 0;
		return;
	}
	pending = (size_t)(c->input->end - c->input->cur);
	if (pending >= h->rescan_at) {
		c->checkIndex = 0;
		c->hasPErefs &= ~1;
		h->rescan_at = 2 * pending;
	}
}

static int new_parser(struct extract_html *h);
static void parse(struct extract_html *h, const char *p, size_t n, int terminate);

/* Free the parser (no end-of-page callbacks). */
static void
free_parser(struct extract_html *h)
{
	if (h->ctxt == NULL)
		return;
	if (h->ctxt->myDoc != NULL)
		xmlFreeDoc(h->ctxt->myDoc);
	htmlFreeParserCtxt(h->ctxt);
	h->ctxt = NULL;
}

/* The page nests deeper than MAX_DEPTH (unclosed tags, or an attack):
** libxml2 keeps every open element and compares each end tag with all of
** them, so deep nesting costs memory and quadratic time (10,000 unclosed
** tags and a million stray end tags took 49 s for 4 MB).  Start a fresh
** parser on what the old one had not read yet, which loses only the
** nesting, as a browser flattens a tree too deep for it.  Only for UTF-8
** pages: the unread bytes are already converted, the input to come is
** not, so any other encoding fails instead. */
static void
restart(struct extract_html *h, int terminate)
{
	htmlParserCtxtPtr old = h->ctxt;
	const char *rest = (const char *)old->input->cur;
	size_t len = (size_t)(old->input->end - old->input->cur);
	char *copy;

	if (!h->repair) {
		h->failed = 1;
		err_set(h->reason, "HTML: elements nested deeper than %d levels", MAX_DEPTH);
		return;
	}
	/* The start tag's '>' may still be unread. */
	if (len >= 1 && rest[0] == '>') {
		rest++;
		len--;
	} else if (len >= 2 && rest[0] == '/' && rest[1] == '>') {
		rest += 2;
		len -= 2;
	}
	if ((copy = malloc(len + 1)) == NULL) {
		h->failed = 1;
		err_set(h->reason, "HTML: out of memory");
		return;
	}
	memcpy(copy, rest, len);
	free_parser(h);
	h->depth = 0;
	h->skip = 0;
	if (h->json != NULL) {
		extract_json_close(h->json, NULL);
		h->json = NULL;
	}
	extract_out_sep(h->out, '\n');
	if (new_parser(h) != 0) {
		h->failed = 1;
		err_set(h->reason, "HTML: out of memory");
	} else {
		/* Inside a body already: a document that starts with an end
		** tag would end the new parser at once. */
		parse(h, "<body>", 6, 0);
		parse(h, copy, len, terminate);
	}
	free(copy);
}

/* Hand bytes to libxml2 (terminate: this is the end of the page).  Near
** MAX_DEPTH the steps get small, so a restart comes soon after the limit
** is passed. */
static void
parse(struct extract_html *h, const char *p, size_t n, int terminate)
{
	struct quiet q;
	size_t step;
	int last;

	do {
		if (h->failed || h->ctxt == NULL)
			return;
		step = h->depth + DEEP_STEP > MAX_DEPTH ? DEEP_STEP : PARSE_BYTES;
		if (step > n)
			step = n;
		last = terminate && step == n;
		quiet_begin(&q);
		htmlParseChunk(h->ctxt, step > 0 ? p : NULL, (int)step, last);
		quiet_end(&q);
		if (step > 0)
			p += step;
		n -= step;
		if (h->depth > MAX_DEPTH) {
			restart(h, last);
			if (h->failed)
				return;
		} else if (!last) {
			unstall(h);
		}
	} while (n > 0);
}

/* An extract_put: collect repaired bytes and parse them in batches. */
static int
parse_put(void *arg, const char *p, size_t n)
{
	struct extract_html *h = arg;
	size_t take;

	while (n > 0) {
		take = sizeof(h->tmp) - h->ntmp;
		if (take >= n) {
			take = n;
		} else {
			/* Whole characters only, so nothing waits inside libxml2
			** when a restart moves the unread text on. */
			while (take > 0 && ((unsigned char)p[take] & 0xC0) == 0x80)
				take--;
		}
		memcpy(h->tmp + h->ntmp, p, take);
		h->ntmp += take;
		p += take;
		n -= take;
		if (n > 0) {
			parse(h, h->tmp, h->ntmp, 0);
			h->ntmp = 0;
		}
	}
	return extract_out_stopped(h->out);
}

/* Pass the page's next bytes on, repaired when the page is UTF-8. */
static void
pass(struct extract_html *h, const char *p, size_t n, int terminate)
{
	if (!h->repair) {
		parse(h, p, n, terminate);
		return;
	}
	extract_utf8_repair(&h->u, p, n, parse_put, h);
	if (terminate)
		extract_utf8_finish(&h->u, parse_put, h);
	if (h->ntmp > 0 || terminate)
		parse(h, h->tmp, h->ntmp, terminate);
	h->ntmp = 0;
}

/* Decide the encoding, create the parser and give it the held bytes; sets
** h->failed and h->reason when that fails. */
static void
start(struct extract_html *h)
{
	xmlCharEncodingHandlerPtr enc;
	const unsigned char *u = (const unsigned char *)h->head;
	char cs[64];

	h->repair = 1;
	snprintf(h->encoding, sizeof(h->encoding), "UTF-8");
	if (h->nhead >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
		/* UTF-16: libxml2 reads the BOM. */
		h->repair = 0;
		h->utf16 = 1;
		h->encoding[0] = '\0';
	} else {
		if (h->charset[0] != '\0')
			snprintf(cs, sizeof(cs), "%s", h->charset);
		else if (!meta_charset(h->head, h->nhead, cs, sizeof(cs)))
			cs[0] = '\0';
		/* HTML5: a page that says UTF-16 in ASCII is not UTF-16.  An
		** encoding libxml2 does not know is read as UTF-8. */
		if (cs[0] != '\0' && strcasecmp(cs, "utf-8") != 0 && strcasecmp(cs, "utf8") != 0 &&
		    strncasecmp(cs, "utf-16", 6) != 0 && (enc = xmlFindCharEncodingHandler(cs)) != NULL) {
			xmlCharEncCloseFunc(enc);
			h->repair = 0;
			snprintf(h->encoding, sizeof(h->encoding), "%s", cs);
		}
	}
	if (new_parser(h) != 0) {
		h->failed = 1;
		err_set(h->reason, "HTML: out of memory");
		return;
	}
	pass(h, h->head, h->nhead, 0);
}

/* Create the parser for the encoding start() chose. */
static int
new_parser(struct extract_html *h)
{
	xmlCharEncodingHandlerPtr enc = NULL;
	struct quiet q;
	int rc = 0;

	quiet_begin(&q);
	h->ctxt = htmlCreatePushParserCtxt(&h->sax, h, NULL, 0, NULL,
	    h->utf16 ? XML_CHAR_ENCODING_NONE : XML_CHAR_ENCODING_UTF8);
	if (h->ctxt == NULL) {
		rc = -1;
	} else {
		htmlCtxtUseOptions(h->ctxt,
		    HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
		/* A set encoding is final: a later <meta> does not switch it. */
		if (h->encoding[0] != '\0' &&
		    (enc = xmlFindCharEncodingHandler(h->encoding)) != NULL)
			xmlSwitchToEncoding(h->ctxt, enc);
	}
	quiet_end(&q);
	h->rescan_at = 0;
	return rc;
}

/* Parse the next bytes.  See html.h. */
int
extract_html_feed(struct extract_html *h, const char *p, size_t n, char *err)
{
	size_t take;

	if (h->failed) {
		err_set(err, "%s", h->reason);
		return -1;
	}
	if (extract_out_stopped(h->out))
		return 1;
	if (h->ctxt == NULL) {
		take = n < HEAD_BYTES - h->nhead ? n : HEAD_BYTES - h->nhead;
		memcpy(h->head + h->nhead, p, take);
		h->nhead += take;
		p += take;
		n -= take;
		if (h->nhead < HEAD_BYTES)
			return 0;
		start(h);
	}
	if (n > 0 && !h->failed)
		pass(h, p, n, 0);
	if (h->failed) {
		err_set(err, "%s", h->reason);
		return -1;
	}
	return extract_out_stopped(h->out);
}

/* Finish the page and free h.  See html.h. */
int
extract_html_close(struct extract_html *h, char *err)
{
	int rc = 0;

	if (h == NULL)
		return 0;
	if (!h->failed && h->ctxt == NULL)
		start(h);
	if (h->ctxt != NULL && !h->failed && !extract_out_stopped(h->out))
		pass(h, NULL, 0, 1);
	free_parser(h);
	if (h->json != NULL)
		extract_json_close(h->json, NULL);
	if (h->failed) {
		if (h->reason[0] != '\0')
			err_set(err, "%s", h->reason);
		rc = -1;
	}
	free(h);
	return rc;
}

/* Free h without finishing the page. */
void
extract_html_free(struct extract_html *h)
{
	if (h == NULL)
		return;
	h->failed = 1;
	extract_html_close(h, NULL);
}
