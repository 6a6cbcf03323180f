/*
** extract.c: one scan source into a stream of UTF-8 text.  See extract.h.
**
** The pipeline for every source is the same:
**
**   bytes  →  extract_stream (decides the kind from the first bytes)
**          →  the kind's extractor (text as is, JSON tokenizer here,
**             HTML in html.c, OCR in ocr.c)
**          →  extract_out (UTF-8 repair, separators, 64 KiB pieces)
**          →  the caller's sink
**
** Files and standard input are read 64 KiB at a time and a download
** (fetch.c) is fed as it arrives, so memory stays bounded whatever the
** size; only an image is collected whole, because OCR needs all of it.
** JSON has a small streaming tokenizer of its own: Jansson builds the whole
** document in memory, which a 100 MB export must not need.
*/
#include "extract.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utf8proc.h>

#include "../util/buf.h"
#include "../util/util.h"
#include "fetch.h"
#include "html.h"
#include "ocr.h"

#define SNIFF_BYTES 1024	/* bytes looked at before the kind is decided */
#define WALK_MAX_DEPTH 64	/* folders nested deeper are refused */
#define JSON_MAX_DEPTH 4096	/* arrays and objects nested deeper are refused */
#define IMAGE_EARLY_CHECK ((size_t)64 << 10)	/* check an image's size here */

static const char REPLACEMENT[] = "\xEF\xBF\xBD";	/* U+FFFD */

/* Resolve o (may be NULL) into out with every default filled in. */
void
extract_opts_resolve(const struct extract_opts *o, struct extract_opts *out)
{
	memset(out, 0, sizeof(*out));
	if (o != NULL)
		*out = *o;
	if (out->lang == NULL || out->lang[0] == '\0')
		out->lang = "eng";
	if (out->max_bytes == 0)
		out->max_bytes = EXTRACT_MAX_BYTES;
	if (out->timeout <= 0)
		out->timeout = EXTRACT_TIMEOUT;
	if (out->max_redirects == 0)
		out->max_redirects = EXTRACT_MAX_REDIRECTS;
	else if (out->max_redirects < 0)
		out->max_redirects = 0;
}

/* "text", "HTML", "JSON" or "image". */
const char *
extract_kind_name(enum extract_kind k)
{
	switch (k) {
	case EXTRACT_HTML:
		return "HTML";
	case EXTRACT_JSON:
		return "JSON";
	case EXTRACT_IMAGE:
		return "image";
	case EXTRACT_TEXT:
		break;
	}
	return "text";
}

/* Free what this thread keeps between calls. */
void
extract_thread_cleanup(void)
{
	ocr_thread_cleanup();
}

/* ------------------------------------------------------------------ */
/* UTF-8 repair                                                        */

/* How the bytes at s (n of them, n >= 1) start a character: returns how
** many of them form a valid beginning of one (at least 1) and sets *need
** to the length of a whole character with this first byte (0 when the
** byte can never start one).  The ranges are the Unicode standard's
** table 3-7, so overlong forms, surrogates and values past U+10FFFF are
** refused at the byte where they go wrong. */
static size_t
utf8_prefix(const unsigned char *s, size_t n, size_t *need)
{
	unsigned char c = s[0], lo = 0x80, hi = 0xBF;
	size_t len, k;

	if (c < 0x80) {
		*need = 1;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		if (c == 0xE0)
			lo = 0xA0;
		else if (c == 0xED)
			hi = 0x9F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F;
	} else {
		*need = 0;
		return 1;
	}
	*need = len;
	for (k = 1; k < len && k < n; k++) {
		if (s[k] < lo || s[k] > hi)
			return k;
		lo = 0x80;
		hi = 0xBF;
	}
	return k;
}

/* Pass p[0..n) to put as valid UTF-8.  See extract.h. */
int
extract_utf8_repair(struct extract_utf8 *u, const char *p, size_t n, extract_put put,
    void *arg)
{
	const unsigned char *s = (const unsigned char *)p;
	size_t i = 0, start, ok, need;
	utf8proc_ssize_t r;
	utf8proc_int32_t cp;
	int rc;

	/* First finish a character the previous piece ended inside.  What
	** is pending is always a valid, unfinished beginning. */
	while (u->npend > 0 && i < n) {
		u->pend[u->npend++] = s[i++];
		ok = utf8_prefix(u->pend, u->npend, &need);
		if (ok == need) {
			u->npend = 0;
			if ((rc = put(arg, (const char *)u->pend, need)) != 0)
				return rc;
		} else if (ok < u->npend) {
			/* The new byte does not continue it: replace what was
			** pending and look at the new byte afresh. */
			u->npend = 0;
			i--;
			if ((rc = put(arg, REPLACEMENT, 3)) != 0)
				return rc;
		}
	}
	start = i;
	while (i < n) {
		if (s[i] < 0x80) {
			/* ASCII: eight bytes at a time while it lasts. */
			uint64_t w;

			i++;
			while (n - i >= 8) {
				memcpy(&w, s + i, 8);
				if (w & 0x8080808080808080ull)
					break;
				i += 8;
			}
			continue;
		}
		r = utf8proc_iterate(s + i, (utf8proc_ssize_t)(n - i), &cp);
		if (r > 0) {
			i += (size_t)r;
			continue;
		}
		ok = utf8_prefix(s + i, n - i, &need);
		if (i > start && (rc = put(arg, p + start, i - start)) != 0)
			return rc;
		if (need > 0 && ok < need && ok == n - i) {
			/* A character that goes on in the next piece. */
			memcpy(u->pend, s + i, ok);
			u->npend = (unsigned char)ok;
			return 0;
		}
		if ((rc = put(arg, REPLACEMENT, 3)) != 0)
			return rc;
		i += ok;
		start = i;
	}
	if (i > start)
		return put(arg, p + start, i - start);
	return 0;
}

/* Replace an unfinished character left at the end.  See extract.h. */
int
extract_utf8_finish(struct extract_utf8 *u, extract_put put, void *arg)
{
	if (u->npend == 0)
		return 0;
	u->npend = 0;
	return put(arg, REPLACEMENT, 3);
}

/* ------------------------------------------------------------------ */
/* The output stage                                                    */

struct extract_out {
	extract_sink sink;
	void *ctx;
	struct extract_utf8 u;
	char sep;		/* separator owed before the next text, or 0 */
	int any;		/* some text was written */
	int stopped;		/* the sink asked to stop */
	int sent;		/* the sink has had a piece */
	size_t len;
	char buf[EXTRACT_CHUNK];
};

/* Hand the collected text to the sink. */
static void
out_flush(struct extract_out *x)
{
	if (x->len > 0 && !x->stopped) {
		x->sent = 1;
		if (x->sink(x->ctx, x->buf, x->len) != 0)
			x->stopped = 1;
	}
	x->len = 0;
}

/* Add valid UTF-8 to the collected text, handing full pieces to the sink
** cut at character boundaries.  An extract_put; returns 1 once the sink
** has stopped. */
static int
out_put(void *arg, const char *p, size_t n)
{
	struct extract_out *x = arg;
	size_t cut;

	while (n > 0 && !x->stopped) {
		if (n <= sizeof(x->buf) - x->len) {
			memcpy(x->buf + x->len, p, n);
			x->len += n;
			break;
		}
		cut = sizeof(x->buf) - x->len;
		while (cut > 0 && ((unsigned char)p[cut] & 0xC0) == 0x80)
			cut--;
		memcpy(x->buf + x->len, p, cut);
		x->len += cut;
		p += cut;
		n -= cut;
		out_flush(x);
	}
	return x->stopped;
}

/* Start an output stage for sink; x is zeroed storage. */
static void
out_init(struct extract_out *x, extract_sink sink, void *ctx)
{
	x->sink = sink;
	x->ctx = ctx;
}

/* Write text (any bytes; repaired to UTF-8).  See extract.h. */
int
extract_out_text(struct extract_out *x, const char *p, size_t n)
{
	if (x->stopped)
		return 1;
	if (n == 0)
		return 0;
	if (x->sep != 0 && x->any)
		out_put(x, &x->sep, 1);
	x->sep = 0;
	x->any = 1;
	extract_utf8_repair(&x->u, p, n, out_put, x);
	return x->stopped;
}

/* Owe a separator before the next text.  See extract.h. */
void
extract_out_sep(struct extract_out *x, char c)
{
	extract_utf8_finish(&x->u, out_put, x);
	if (x->sep != '\n')
		x->sep = c;
}

/* Cancel an owed space (not a line break). */
void
extract_out_unsep(struct extract_out *x)
{
	if (x->sep == ' ')
		x->sep = 0;
}

/* 1 once the sink has asked to stop. */
int
extract_out_stopped(const struct extract_out *x)
{
	return x->stopped;
}

/* Finish: replace an unfinished character and hand over the rest. */
static void
out_finish(struct extract_out *x)
{
	extract_utf8_finish(&x->u, out_put, x);
	out_flush(x);
}

/* ------------------------------------------------------------------ */
/* JSON: a streaming tokenizer that writes every string value          */

enum json_state {
	J_VALUE,		/* a value must come */
	J_ARRAY_FIRST,		/* after '[': a value or ']' */
	J_OBJECT_FIRST,		/* after '{': a key or '}' */
	J_KEY,			/* after ',' in an object: a key */
	J_COLON,		/* after a key */
	J_AFTER,		/* after a value: ',' or the container's end */
	J_STRING,		/* inside a string */
	J_ESCAPE,		/* after a backslash */
	J_HEX,			/* inside \uXXXX */
	J_LITERAL,		/* inside true, false or null */
	J_NUMBER		/* inside a number */
};

/* Where a number has got to (RFC 8259's grammar). */
enum json_num {
	N_MINUS, N_ZERO, N_INT, N_DOT, N_FRAC, N_E, N_ESIGN, N_EXP
};

struct extract_json {
	struct extract_out *out;
	enum json_state state;
	enum json_num num;
	int depth;
	int key;		/* the string being read is a key */
	int failed;
	const char *lit;	/* the literal being read, and how far */
	int nlit;
	int nhex;
	uint32_t hex;
	uint32_t high;		/* a high surrogate waiting for its low half */
	unsigned long long pos;	/* bytes consumed before this piece */
	unsigned char stack[JSON_MAX_DEPTH / 8];	/* 1 bit per level: object */
};

/* Start extracting a JSON document into x; NULL when out of memory. */
struct extract_json *
extract_json_open(struct extract_out *x)
{
	struct extract_json *j = calloc(1, sizeof(*j));

	if (j != NULL) {
		j->out = x;
		j->state = J_VALUE;
	}
	return j;
}

/* Fail at byte i of the current piece. */
static int
json_fail(struct extract_json *j, size_t i, const char *what, char *err)
{
	j->failed = 1;
	err_set(err, "JSON: malformed at byte %llu (%s)", j->pos + i, what);
	return -1;
}

/* Write code point cp of a string value. */
static void
json_put_cp(struct extract_json *j, uint32_t cp)
{
	utf8proc_uint8_t u[4];
	utf8proc_ssize_t n;

	if (j->key)
		return;
	n = utf8proc_encode_char((utf8proc_int32_t)cp, u);
	extract_out_text(j->out, (const char *)u, (size_t)n);
}

/* A surrogate half that found no partner becomes U+FFFD. */
static void
json_drop_high(struct extract_json *j)
{
	if (j->high != 0) {
		j->high = 0;
		json_put_cp(j, 0xFFFD);
	}
}

/* Open an array or object. */
static int
json_push(struct extract_json *j, int object, char *err)
{
	if (j->depth >= JSON_MAX_DEPTH) {
		j->failed = 1;
		err_set(err, "JSON: nested deeper than %d levels", JSON_MAX_DEPTH);
		return -1;
	}
	if (object)
		j->stack[j->depth / 8] |= (unsigned char)(1u << (j->depth % 8));
	else
		j->stack[j->depth / 8] &= (unsigned char)~(1u << (j->depth % 8));
	j->depth++;
	j->state = object ? J_OBJECT_FIRST : J_ARRAY_FIRST;
	return 0;
}

/* 1 when the innermost open container is an object. */
static int
json_in_object(const struct extract_json *j)
{
	int d = j->depth - 1;

	return (j->stack[d / 8] >> (d % 8)) & 1;
}

/* Begin the value whose first byte is c. */
static int
json_value(struct extract_json *j, unsigned char c, size_t i, char *err)
{
	switch (c) {
	case '{':
		return json_push(j, 1, err);
	case '[':
		return json_push(j, 0, err);
	case '"':
		j->state = J_STRING;
		j->key = 0;
		return 0;
	case 't':
	case 'f':
	case 'n':
		j->lit = c == 't' ? "true" : c == 'f' ? "false" : "null";
		j->nlit = 1;
		j->state = J_LITERAL;
		return 0;
	case '-':
		j->num = N_MINUS;
		j->state = J_NUMBER;
		return 0;
	default:
		if (c >= '0' && c <= '9') {
			j->num = c == '0' ? N_ZERO : N_INT;
			j->state = J_NUMBER;
			return 0;
		}
	}
	return json_fail(j, i, "expected a value", err);
}

/* Take the next byte of a number.  Returns 1 when c is a digit or sign
** the number takes, 0 when the number has ended before c, -1 when the
** number is broken. */
static int
json_number(struct extract_json *j, unsigned char c)
{
	int digit = c >= '0' && c <= '9';

	switch (j->num) {
	case N_MINUS:
		if (!digit)
			return -1;
		j->num = c == '0' ? N_ZERO : N_INT;
		return 1;
	case N_ZERO:
	case N_INT:
		if (digit && j->num == N_INT)
			return 1;
		if (digit)
			return -1;	/* a leading zero */
		if (c == '.') {
			j->num = N_DOT;
			return 1;
		}
		if (c == 'e' || c == 'E') {
			j->num = N_E;
			return 1;
		}
		return 0;
	case N_DOT:
		if (!digit)
			return -1;
		j->num = N_FRAC;
		return 1;
	case N_FRAC:
		if (digit)
			return 1;
		if (c == 'e' || c == 'E') {
			j->num = N_E;
			return 1;
		}
		return 0;
	case N_E:
		if (c == '+' || c == '-') {
			j->num = N_ESIGN;
			return 1;
		}
		if (!digit)
			return -1;
		j->num = N_EXP;
		return 1;
	case N_ESIGN:
		if (!digit)
			return -1;
		j->num = N_EXP;
		return 1;
	case N_EXP:
		return digit ? 1 : 0;
	}
	return -1;
}

/* The value of hex digit c, or -1. */
static int
hex_value(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* A \uXXXX escape has been read: pair surrogates, write the character. */
static void
json_escaped_cp(struct extract_json *j, uint32_t cp)
{
	if (j->high != 0) {
		if (cp >= 0xDC00 && cp <= 0xDFFF) {
			json_put_cp(j, 0x10000 + ((j->high - 0xD800) << 10) + (cp - 0xDC00));
			j->high = 0;
			return;
		}
		json_drop_high(j);
	}
	if (cp >= 0xD800 && cp <= 0xDBFF)
		j->high = cp;
	else if (cp >= 0xDC00 && cp <= 0xDFFF)
		json_put_cp(j, 0xFFFD);
	else
		json_put_cp(j, cp);
}

/* Consume the next bytes of the document.  See extract.h. */
int
extract_json_feed(struct extract_json *j, const char *p, size_t n, char *err)
{
	const unsigned char *s = (const unsigned char *)p;
	size_t i = 0, k;
	unsigned char c;
	int r, v;

	if (j->failed)
		return -1;
	while (i < n) {
		if (extract_out_stopped(j->out))
			return 1;
		c = s[i];
		switch (j->state) {
		case J_STRING:
			if (j->high != 0 && c != '\\')
				json_drop_high(j);
			for (k = i; k < n && s[k] != '"' && s[k] != '\\'; k++)
				;
			if (k > i && !j->key)
				extract_out_text(j->out, p + i, k - i);
			i = k;
			if (i == n)
				break;
			if (s[i] == '\\') {
				j->state = J_ESCAPE;
			} else {
				json_drop_high(j);
				if (j->key) {
					j->state = J_COLON;
				} else {
					extract_out_sep(j->out, '\n');
					j->state = J_AFTER;
				}
			}
			i++;
			break;
		case J_ESCAPE:
			if (c != 'u')
				json_drop_high(j);
			j->state = J_STRING;
			switch (c) {
			case '"': case '\\': case '/':
				json_put_cp(j, c);
				break;
			case 'b':
				json_put_cp(j, '\b');
				break;
			case 'f':
				json_put_cp(j, '\f');
				break;
			case 'n':
				json_put_cp(j, '\n');
				break;
			case 'r':
				json_put_cp(j, '\r');
				break;
			case 't':
				json_put_cp(j, '\t');
				break;
			case 'u':
				j->state = J_HEX;
				j->nhex = 0;
				j->hex = 0;
				break;
			default:
				return json_fail(j, i, "unknown escape", err);
			}
			i++;
			break;
		case J_HEX:
			if ((v = hex_value(c)) < 0)
				return json_fail(j, i, "bad \\u escape", err);
			j->hex = j->hex * 16 + (uint32_t)v;
			if (++j->nhex == 4) {
				j->state = J_STRING;
				json_escaped_cp(j, j->hex);
			}
			i++;
			break;
		case J_LITERAL:
			if (c != (unsigned char)j->lit[j->nlit])
				return json_fail(j, i, "bad literal", err);
			if (j->lit[++j->nlit] == '\0')
				j->state = J_AFTER;
			i++;
			break;
		case J_NUMBER:
			r = json_number(j, c);
			if (r < 0)
				return json_fail(j, i, "bad number", err);
			if (r == 0)
				j->state = J_AFTER;	/* look at c again */
			else
				i++;
			break;
		default:
			if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
				i++;
				break;
			}
			switch (j->state) {
			case J_ARRAY_FIRST:
				if (c == ']')
					goto close;
				/* fall through */
			case J_VALUE:
				if (json_value(j, c, i, err) != 0)
					return -1;
				break;
			case J_OBJECT_FIRST:
				if (c == '}')
					goto close;
				/* fall through */
			case J_KEY:
				if (c != '"')
					return json_fail(j, i, "expected a key", err);
				j->state = J_STRING;
				j->key = 1;
				break;
			case J_COLON:
				if (c != ':')
					return json_fail(j, i, "expected ':'", err);
				j->state = J_VALUE;
				break;
			default:	/* J_AFTER */
				if (j->depth == 0) {
					/* Another document: JSON Lines. */
					if (json_value(j, c, i, err) != 0)
						return -1;
					break;
				}
				if (c == ',') {
					j->state = json_in_object(j) ? J_KEY : J_VALUE;
					break;
				}
				if (c == (json_in_object(j) ? '}' : ']'))
					goto close;
				return json_fail(j, i, json_in_object(j) ?
				    "expected ',' or '}'" : "expected ',' or ']'", err);
			}
			i++;
			break;
close:
			j->depth--;
			j->state = J_AFTER;
			i++;
			break;
		}
	}
	j->pos += n;
	return extract_out_stopped(j->out) ? 1 : 0;
}

/* Check the document ended where it may and free j.  See extract.h. */
int
extract_json_close(struct extract_json *j, char *err)
{
	int rc = 0;

	if (j == NULL)
		return 0;
	if (!j->failed) {
		if (j->state == J_NUMBER && j->depth == 0 &&
		    (j->num == N_ZERO || j->num == N_INT || j->num == N_FRAC ||
		    j->num == N_EXP))
			j->state = J_AFTER;
		if (j->depth > 0 || (j->state != J_AFTER && j->state != J_VALUE)) {
			err_set(err, "JSON: ends early, at byte %llu", j->pos);
			rc = -1;
		}
	} else {
		rc = -1;
	}
	free(j);
	return rc;
}

/* ------------------------------------------------------------------ */
/* The stream: decide the kind, then pass bytes to its extractor       */

struct extract_stream {
	struct extract_opts o;
	enum extract_kind kind;
	int decided;
	int failed;
	int sniffed;		/* the kind came from the bytes, not the type */
	char ctype[128];
	size_t total;		/* bytes fed so far */
	size_t nsniff;
	unsigned char sniff[SNIFF_BYTES];
	struct extract_json *json;
	struct extract_html *html;
	struct buf image;
	int image_checked;
	int enc;		/* ENC_*: how the bytes are encoded */
	unsigned char head[2];	/* the first bytes, until enc is known */
	int nhead;
	iconv_t cd;		/* UTF-16 to UTF-8, for ENC_UTF16 */
	unsigned char pend[4];	/* a UTF-16 character split between pieces */
	size_t npend;
	struct extract_out out;	/* last: it is large */
};

/* What the first two bytes said. */
enum { ENC_UNKNOWN, ENC_BYTES, ENC_UTF16 };

/* Start a stream.  See extract.h. */
struct extract_stream *
extract_stream_open(const char *content_type, const struct extract_opts *o,
    extract_sink sink, void *ctx)
{
	struct extract_stream *s = calloc(1, sizeof(*s));

	if (s == NULL)
		return NULL;
	extract_opts_resolve(o, &s->o);
	if (content_type != NULL)
		snprintf(s->ctype, sizeof(s->ctype), "%s", content_type);
	out_init(&s->out, sink, ctx);
	return s;
}

/* 1 when the media type (before any ';') in ct is t, ignoring case. */
static int
type_is(const char *ct, const char *t)
{
	size_t n = strlen(t);

	while (*ct == ' ' || *ct == '\t')
		ct++;
	return strncasecmp(ct, t, n) == 0 &&
	    (ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ' || ct[n] == '\t');
}

/* The kind a Content-Type names, or -1 when it names none of ours (then
** the content decides). */
static int
kind_from_type(const char *ct)
{
	const char *semi, *plus;

	if (ct == NULL || ct[0] == '\0')
		return -1;
	if (type_is(ct, "text/html") || type_is(ct, "application/xhtml+xml"))
		return EXTRACT_HTML;
	if (type_is(ct, "application/json") || type_is(ct, "text/json") ||
	    type_is(ct, "application/x-ndjson") || type_is(ct, "application/jsonl"))
		return EXTRACT_JSON;
	semi = strchr(ct, ';');
	plus = strstr(ct, "+json");
	if (plus != NULL && (semi == NULL || plus < semi) &&
	    (plus[5] == '\0' || plus[5] == ';' || plus[5] == ' '))
		return EXTRACT_JSON;
	if (strncasecmp(ct + strspn(ct, " \t"), "image/", 6) == 0)
		return EXTRACT_IMAGE;
	return -1;
}

/* Copy the charset parameter of ct into out; 0 when there is none. */
static int
type_charset(const char *ct, char *out, size_t n)
{
	const char *p = ct;
	size_t len = 0;

	while (p != NULL && (p = strchr(p, ';')) != NULL) {
		p++;
		p += strspn(p, " \t");
		if (strncasecmp(p, "charset=", 8) != 0)
			continue;
		p += 8;
		if (*p == '"')
			p++;
		while (len + 1 < n && p[len] != '\0' && p[len] != '"' && p[len] != ';' &&
		    p[len] != ' ')
			len++;
		memcpy(out, p, len);
		out[len] = '\0';
		return len > 0;
	}
	return 0;
}

/* 1 when the bytes after a '<' look like the start of markup. */
static int
looks_like_markup(const unsigned char *p, size_t n)
{
	static const char *const starts[] = {
		"!doctype", "!--", "?xml", "html", "head", "body", "p", "div",
		"span", "a", "meta", "title", "link", "script", "style", "table",
		"ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "img", "br",
		"article", "section", "main", "header", "nav", "form", "blockquote",
		"pre", "iframe", "base", "noscript", "svg"
	};
	size_t i, len;

	for (i = 0; i < sizeof(starts) / sizeof(starts[0]); i++) {
		len = strlen(starts[i]);
		if (n < len || strncasecmp((const char *)p, starts[i], len) != 0)
			continue;
		if (starts[i][0] == '!' || starts[i][0] == '?' || n == len ||
		    strchr(" \t\r\n>/", p[len]) != NULL)
			return 1;
	}
	return 0;
}

/* The kind of content that starts with p[0..n). */
static enum extract_kind
sniff(const unsigned char *p, size_t n)
{
	size_t i = 0;

	if (n >= 8 && memcmp(p, "\x89PNG\r\n\x1a\n", 8) == 0)
		return EXTRACT_IMAGE;
	if (n >= 3 && p[0] == 0xFF && p[1] == 0xD8 && p[2] == 0xFF)
		return EXTRACT_IMAGE;
	if (n >= 12 && memcmp(p, "RIFF", 4) == 0 && memcmp(p + 8, "WEBP", 4) == 0)
		return EXTRACT_IMAGE;
	if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n' ||
	    p[i] == '\f'))
		i++;
	if (i < n && p[i] == '<' && looks_like_markup(p + i + 1, n - i - 1))
		return EXTRACT_HTML;
	if (i < n && (p[i] == '{' || p[i] == '['))
		return EXTRACT_JSON;
	return EXTRACT_TEXT;
}

/* The kind of a file that starts with p[0..n).  See extract.h. */
enum extract_kind
extract_sniff(const void *p, size_t n, size_t *bom)
{
	const unsigned char *u = p;
	enum extract_kind k = sniff(u, n < SNIFF_BYTES ? n : SNIFF_BYTES);

	*bom = (k == EXTRACT_TEXT || k == EXTRACT_JSON) && n >= 3 &&
	    memcmp(u, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	return k;
}

/* Pass bytes to the decided kind's extractor. */
static int
stream_pass(struct extract_stream *s, const char *p, size_t n, char *err)
{
	int w, h, rc = 0;

	switch (s->kind) {
	case EXTRACT_TEXT:
		rc = extract_out_text(&s->out, p, n);
		break;
	case EXTRACT_JSON:
		rc = extract_json_feed(s->json, p, n, err);
		break;
	case EXTRACT_HTML:
		rc = extract_html_feed(s->html, p, n, err);
		break;
	case EXTRACT_IMAGE:
		if (buf_append(&s->image, p, n) != 0) {
			err_set(err, "image: larger than %zu bytes", s->o.max_bytes);
			rc = -1;
			break;
		}
		/* Refuse a huge image before it has all arrived. */
		if (!s->image_checked && s->image.len >= IMAGE_EARLY_CHECK &&
		    ocr_header(s->image.data, s->image.len, &w, &h) == 0) {
			s->image_checked = 1;
			if ((long long)w * h > OCR_MAX_PIXELS) {
				err_set(err, "image: %dx%d is over the %lld megapixel limit",
				    w, h, OCR_MAX_PIXELS / 1000000);
				rc = -1;
			}
		}
		break;
	}
	if (rc < 0)
		s->failed = 1;
	return rc;
}

/* How many bytes of the sniffed ones are a UTF-8 BOM that text and JSON
** drop (HTML's parser reads it itself). */
static size_t
bom_length(const struct extract_stream *s)
{
	if ((s->kind == EXTRACT_TEXT || s->kind == EXTRACT_JSON) && s->nsniff >= 3 &&
	    memcmp(s->sniff, "\xEF\xBB\xBF", 3) == 0)
		return 3;
	return 0;
}

/* Bytes sniffed as JSON that stop being JSON within the sniffed bytes were
** text after all ("[1] I feel..." pasted into the console): drop what the
** tokenizer wrote (none of it has reached the sink) and read them again
** as text.  Returns 1 when it did, 0 when the error stands. */
static int
json_fallback(struct extract_stream *s)
{
	if (s->kind != EXTRACT_JSON || !s->sniffed || s->total > SNIFF_BYTES || s->out.sent)
		return 0;
	extract_json_close(s->json, NULL);
	s->json = NULL;
	s->out.len = 0;
	s->out.any = 0;
	s->out.sep = 0;
	s->out.u.npend = 0;
	s->kind = EXTRACT_TEXT;
	s->failed = 0;
	return stream_pass(s, (const char *)s->sniff + bom_length(s),
	    s->nsniff - bom_length(s), NULL) == 0;
}

/* Decide the kind from the Content-Type and the bytes sniffed so far,
** start its extractor and pass it those bytes. */
static int
stream_decide(struct extract_stream *s, char *err)
{
	enum extract_kind k = sniff(s->sniff, s->nsniff);
	char charset[64];
	int t = kind_from_type(s->ctype);

	if (k != EXTRACT_IMAGE && t >= 0)
		k = (enum extract_kind)t;
	s->kind = k;
	s->decided = 1;
	s->sniffed = t < 0;
	switch (k) {
	case EXTRACT_JSON:
		s->json = extract_json_open(&s->out);
		if (s->json == NULL)
			goto nomem;
		break;
	case EXTRACT_HTML:
		s->html = extract_html_open(&s->out,
		    type_charset(s->ctype, charset, sizeof(charset)) ? charset : NULL);
		if (s->html == NULL)
			goto nomem;
		break;
	case EXTRACT_IMAGE:
		buf_init(&s->image, s->o.max_bytes);
		break;
	case EXTRACT_TEXT:
		break;
	}
	if (stream_pass(s, (const char *)s->sniff + bom_length(s), s->nsniff - bom_length(s),
	    err) < 0)
		return json_fallback(s) ? 0 : -1;
	return extract_out_stopped(&s->out);
nomem:
	s->failed = 1;
	err_set(err, "out of memory");
	return -1;
}

/* Take the next bytes (UTF-8 or any other byte format). */
static int
stream_feed_bytes(struct extract_stream *s, const void *data, size_t n, char *err)
{
	const char *p = data;
	size_t take;
	int rc;

	if (s->failed)
		return -1;
	if (s->out.stopped)
		return 1;
	if (n > s->o.max_bytes - s->total) {
		s->failed = 1;
		err_set(err, "larger than %zu bytes", s->o.max_bytes);
		return -1;
	}
	s->total += n;
	if (!s->decided) {
		take = n < SNIFF_BYTES - s->nsniff ? n : SNIFF_BYTES - s->nsniff;
		memcpy(s->sniff + s->nsniff, p, take);
		s->nsniff += take;
		p += take;
		n -= take;
		if (s->nsniff < SNIFF_BYTES)
			return 0;
		if ((rc = stream_decide(s, err)) != 0)
			return rc;
	}
	if (n == 0)
		return 0;
	return stream_pass(s, p, n, err);
}

/* Take the next bytes of a UTF-16 source (its byte order mark seen and
** dropped) and pass them on as UTF-8, through iconv.  A character split
** between pieces waits in pend; an unpaired surrogate becomes U+FFFD. */
static int
stream_feed_utf16(struct extract_stream *s, const unsigned char *p, size_t n,
    int last, char *err)
{
	static const char repl[] = "\xEF\xBF\xBD";
	unsigned char *joined = NULL;
	char out[16384], *in, *o;
	size_t inleft, oleft;
	int rc = 0;

	if (s->npend > 0) {
		if ((joined = malloc(s->npend + n + 1)) == NULL) {
			s->failed = 1;
			err_set(err, "out of memory");
			return -1;
		}
		memcpy(joined, s->pend, s->npend);
		if (n)
			memcpy(joined + s->npend, p, n);
		n += s->npend;
		p = joined;
		s->npend = 0;
	}
	in = (char *)p;
	inleft = n;
	while (inleft > 0 && rc == 0) {
		o = out;
		oleft = sizeof(out);
		if (iconv(s->cd, &in, &inleft, &o, &oleft) == (size_t)-1) {
			if (errno == EINVAL && !last && inleft < sizeof(s->pend)) {
				memcpy(s->pend, in, inleft);	/* wait for more */
				s->npend = inleft;
				inleft = 0;
			} else if (errno == EILSEQ || errno == EINVAL) {
				/* keep what came before, then U+FFFD */
				if (o > out)
					rc = stream_feed_bytes(s, out, (size_t)(o - out), err);
				o = out;
				if (rc == 0)
					rc = stream_feed_bytes(s, repl, 3, err);
				in += inleft < 2 ? inleft : 2;
				inleft -= inleft < 2 ? inleft : 2;
			} else if (errno != E2BIG) {
				s->failed = 1;
				err_set(err, "cannot read UTF-16 text");
				rc = -1;
			}
		}
		if (rc == 0 && o > out)
			rc = stream_feed_bytes(s, out, (size_t)(o - out), err);
	}
	free(joined);
	return rc < 0 ? -1 : rc;
}

/* Take the next bytes of the source.  See extract.h.  The first two bytes
** say whether it is UTF-16 (a byte order mark); anything else goes on as
** bytes. */
int
extract_stream_feed(struct extract_stream *s, const void *data, size_t n, char *err)
{
	const unsigned char *p = data;
	int le;

	if (s->failed)
		return -1;
	if (s->enc == ENC_UNKNOWN) {
		while (n > 0 && s->nhead < 2) {
			s->head[s->nhead++] = *p++;
			n--;
		}
		if (s->nhead < 2)
			return 0;
		le = s->head[0] == 0xFF && s->head[1] == 0xFE;
		if (le || (s->head[0] == 0xFE && s->head[1] == 0xFF)) {
			s->cd = iconv_open("UTF-8", le ? "UTF-16LE" : "UTF-16BE");
			if (s->cd == (iconv_t)-1) {
				s->failed = 1;
				err_set(err, "cannot read UTF-16 text");
				return -1;
			}
			s->enc = ENC_UTF16;
		} else {
			s->enc = ENC_BYTES;
			if (stream_feed_bytes(s, s->head, 2, err) != 0)
				return s->failed ? -1 : 1;
		}
	}
	if (n == 0)
		return 0;
	if (s->enc == ENC_UTF16)
		return stream_feed_utf16(s, p, n, 0, err);
	return stream_feed_bytes(s, p, n, err);
}

/* Drop a stream without finishing it. */
void
extract_stream_free(struct extract_stream *s)
{
	if (s == NULL)
		return;
	if (s->enc == ENC_UTF16)
		iconv_close(s->cd);
	if (s->json != NULL)
		extract_json_close(s->json, NULL);
	extract_html_free(s->html);
	buf_free(&s->image);
	free(s);
}

/* Finish the stream and free it.  See extract.h. */
int
extract_stream_close(struct extract_stream *s, enum extract_kind *kind, char *err)
{
	int rc = 0;

	/* a source of one byte, or a UTF-16 one cut inside a character */
	if (!s->failed && s->enc == ENC_UNKNOWN && s->nhead > 0) {
		s->enc = ENC_BYTES;
		if (stream_feed_bytes(s, s->head, (size_t)s->nhead, err) < 0)
			rc = -1;
	}
	if (!s->failed && s->enc == ENC_UTF16 && s->npend > 0 &&
	    stream_feed_utf16(s, NULL, 0, 1, err) < 0)
		rc = -1;
	if (!s->failed && !s->decided && stream_decide(s, err) < 0)
		rc = -1;
	if (s->failed)
		rc = -1;
	if (rc == 0 && !s->out.stopped) {
		switch (s->kind) {
		case EXTRACT_JSON:
			rc = extract_json_close(s->json, err);
			s->json = NULL;
			if (rc < 0 && json_fallback(s))
				rc = 0;
			break;
		case EXTRACT_HTML:
			rc = extract_html_close(s->html, err);
			s->html = NULL;
			break;
		case EXTRACT_IMAGE:
			rc = ocr_image(s->image.data, s->image.len, s->o.lang, &s->out, err);
			break;
		case EXTRACT_TEXT:
			break;
		}
	}
	if (kind != NULL)
		*kind = s->kind;
	/* Even after an error, what was extracted so far reaches the sink. */
	out_finish(&s->out);
	extract_stream_free(s);
	return rc < 0 ? -1 : 0;
}

/* ------------------------------------------------------------------ */
/* Sources                                                             */

/* Extract from a buffer in memory.  See extract.h. */
int
extract_buffer(const void *data, size_t n, const char *content_type_or_null,
    const struct extract_opts *o, extract_sink sink, void *ctx, enum extract_kind *kind,
    char *err)
{
	struct extract_stream *s;
	const char *p = data;
	size_t step;

	if (kind != NULL)
		*kind = EXTRACT_TEXT;
	s = extract_stream_open(content_type_or_null, o, sink, ctx);
	if (s == NULL) {
		err_set(err, "out of memory");
		return -1;
	}
	/* In pieces, so that an HTML page meets the parser as a download would. */
	while (n > 0) {
		step = n < EXTRACT_CHUNK ? n : EXTRACT_CHUNK;
		if (extract_stream_feed(s, p, step, err) != 0)
			break;
		p += step;
		n -= step;
	}
	return extract_stream_close(s, kind, err);
}

/* Extract a file, or standard input when fd is 0, named label in
** messages. */
static int
extract_fd(int fd, const char *label, const struct extract_opts *o, extract_sink sink,
    void *ctx, enum extract_kind *kind, char *err)
{
	struct extract_stream *s;
	char reason[ERR_MAX], *chunk = malloc(EXTRACT_CHUNK);
	ssize_t got;
	int rc = 0;

	s = extract_stream_open(NULL, o, sink, ctx);
	if (s == NULL || chunk == NULL) {
		extract_stream_free(s);
		free(chunk);
		err_set(err, "%s: out of memory", label);
		return -1;
	}
	reason[0] = '\0';
	for (;;) {
		got = read(fd, chunk, EXTRACT_CHUNK);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			err_set(reason, "cannot read: %s", strerror(errno));
			rc = -1;
			break;
		}
		if (got == 0 || extract_stream_feed(s, chunk, (size_t)got, reason) != 0)
			break;
	}
	free(chunk);
	if (rc < 0) {
		/* Hand over what was read before the error; report the error. */
		extract_stream_close(s, kind, NULL);
	} else {
		rc = extract_stream_close(s, kind, reason);
	}
	if (rc < 0)
		err_set(err, "%s: %s", label, reason);
	return rc;
}

/* Extract one source.  See extract.h. */
int
extract_source(const char *source, const struct extract_opts *o, extract_sink sink, void *ctx,
    enum extract_kind *kind, char *err)
{
	struct extract_opts r;
	struct stat st;
	int fd, rc;

	if (kind != NULL)
		*kind = EXTRACT_TEXT;
	if (source == NULL || source[0] == '\0') {
		err_set(err, "no source given");
		return -1;
	}
	if (fetch_is_url(source))
		return fetch_url(source, o, sink, ctx, kind, err);
	if (strcmp(source, "-") == 0)
		return extract_fd(STDIN_FILENO, "standard input", o, sink, ctx, kind, err);
	extract_opts_resolve(o, &r);
	fd = open(source, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		err_set(err, "%s: cannot open: %s", source, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) != 0) {
		err_set(err, "%s: cannot read: %s", source, strerror(errno));
		close(fd);
		return -1;
	}
	if (S_ISDIR(st.st_mode)) {
		err_set(err, "%s: is a folder (scan the files in it one by one)", source);
		close(fd);
		return -1;
	}
	if (S_ISREG(st.st_mode) && (unsigned long long)st.st_size > r.max_bytes) {
		err_set(err, "%s: larger than %zu bytes", source, r.max_bytes);
		close(fd);
		return -1;
	}
	rc = extract_fd(fd, source, &r, sink, ctx, kind, err);
	close(fd);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Folders                                                             */

/* qsort comparison of two names, byte by byte (stable across locales). */
static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Walk dir (depth levels down from the top).  Returns 0, 1 when each()
** stopped the walk, or -1 with err. */
static int
walk(const char *dir, int depth, int (*each)(void *ctx, const char *path), void *ctx,
    char *err)
{
	DIR *d;
	struct dirent *e;
	struct stat st;
	struct buf path;
	char **names = NULL, **grown;
	size_t n = 0, alloc = 0, i, dlen = strlen(dir);
	int rc = 0;

	if (depth > WALK_MAX_DEPTH) {
		err_set(err, "%s: folders nested deeper than %d levels", dir, WALK_MAX_DEPTH);
		return -1;
	}
	if ((d = opendir(dir)) == NULL) {
		err_set(err, "%s: cannot open folder: %s", dir, strerror(errno));
		return -1;
	}
	for (;;) {
		errno = 0;
		if ((e = readdir(d)) == NULL) {
			if (errno != 0) {
				err_set(err, "%s: cannot read folder: %s", dir, strerror(errno));
				rc = -1;
			}
			break;
		}
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (n == alloc) {
			alloc = alloc ? alloc * 2 : 64;
			grown = realloc(names, alloc * sizeof(*names));
			if (grown == NULL) {
				err_set(err, "%s: out of memory", dir);
				rc = -1;
				break;
			}
			names = grown;
		}
		if ((names[n] = strdup(e->d_name)) == NULL) {
			err_set(err, "%s: out of memory", dir);
			rc = -1;
			break;
		}
		n++;
	}
	closedir(d);
	if (rc == 0)
		qsort(names, n, sizeof(*names), name_cmp);
	buf_init(&path, 4096);
	for (i = 0; rc == 0 && i < n; i++) {
		buf_reset(&path);
		buf_append(&path, dir, dlen);
		if (dlen == 0 || dir[dlen - 1] != '/')
			buf_putc(&path, '/');
		if (buf_puts(&path, names[i]) != 0) {
			err_set(err, "%s: a path in it is too long", dir);
			rc = -1;
			break;
		}
		if (lstat(path.data, &st) != 0) {
			if (errno == ENOENT)
				continue;	/* gone since the listing */
			err_set(err, "%s: %s", path.data, strerror(errno));
			rc = -1;
		} else if (S_ISDIR(st.st_mode)) {
			rc = walk(path.data, depth + 1, each, ctx, err);
		} else if (S_ISREG(st.st_mode)) {
			rc = each(ctx, path.data) != 0 ? 1 : 0;
		}
		/* Symbolic links, devices, pipes and sockets are not scanned. */
	}
	buf_free(&path);
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}

/* Call each() for every regular file under dir.  See extract.h. */
int
extract_walk(const char *dir, int (*each)(void *ctx, const char *path), void *ctx, char *err)
{
	return walk(dir, 0, each, ctx, err) < 0 ? -1 : 0;
}
