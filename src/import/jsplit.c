/*
** jsplit.c: the streaming JSON splitter.  See jsplit.h.
**
** A byte-at-a-time state machine: st says what may come next (a value, a
** key, a colon, a comma or a closing bracket), kind[] is the stack of
** open containers, and key[] holds the key chosen at each of the first
** few object levels, which is how an array is recognised as one of the
** named paths.  A value of interest (an element of a named array, or a
** member of the top-level object) is copied, span by span, into one
** capped buffer from its first byte to its last.  Scalars are checked
** only for their characters; Jansson checks each element fully.
*/
#include "jsplit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"
#include "../util/util.h"

#define KEY_DEPTH 4	/* keys are kept for this many object levels */
#define KEY_MAX 64	/* longest key kept; longer keys match nothing */
#define SHRINK_OVER ((size_t)1 << 20)

enum {
	ST_TOP,		/* before the document: '{' or '[' */
	ST_OBJ_START,	/* after '{': a key or '}' */
	ST_KEY,		/* after ',' in an object: a key */
	ST_COLON,	/* after a key */
	ST_VALUE,	/* after ':' or ',' in an array: a value */
	ST_ARR_START,	/* after '[': a value or ']' */
	ST_AFTER,	/* after a value: ',' or the closing bracket */
	ST_DONE		/* after the document: only white space */
};

struct jpath {
	char comp[KEY_DEPTH][KEY_MAX];
	int n;
};

struct jsplit {
	struct jpath paths[JSPLIT_MAX_PATHS];
	int npaths;
	size_t member_cap;
	jsplit_fn fn;
	void *ctx;

	int st, depth;
	unsigned char kind[JSPLIT_MAX_DEPTH + 1];	/* '{' or '[' */
	signed char target[KEY_DEPTH + 2];	/* path + 1 of an open array */
	char key[KEY_DEPTH + 1][KEY_MAX];
	size_t keylen[KEY_DEPTH + 1];
	int keybad[KEY_DEPTH + 1];
	int in_str, esc, str_key, in_scalar, bom;
	uint64_t off;		/* bytes before the current chunk */
	int64_t elements;
	int arrays;

	int cap_on, cap_depth, cap_path;
	enum jsplit_kind cap_kind;
	int64_t cap_index;
	uint64_t cap_off;
	size_t cap_from;	/* where the uncopied part starts in the chunk */
	char cap_key[KEY_MAX];
	struct buf element, member;	/* each with its cap */
	struct buf *cap;		/* the one in use */
};

/* A splitter for the arrays at paths (dot-separated keys from the top;
** "" names a top-level array), yielding elements up to element_cap bytes
** and top-level members up to member_cap bytes (0: none) to fn.  Returns
** it (free with jsplit_free), or NULL when a path is too long or memory
** runs out. */
struct jsplit *
jsplit_new(const char *const *paths, int npaths, size_t element_cap,
    size_t member_cap, jsplit_fn fn, void *ctx)
{
	struct jsplit *js;
	const char *p, *dot;
	size_t n;
	int i;

	if (npaths < 1 || npaths > JSPLIT_MAX_PATHS)
		return NULL;
	js = calloc(1, sizeof(*js));
	if (js == NULL)
		return NULL;
	for (i = 0; i < npaths; i++) {
		for (p = paths[i]; *p; p = *dot ? dot + 1 : dot) {
			dot = strchr(p, '.');
			if (dot == NULL)
				dot = p + strlen(p);
			n = (size_t)(dot - p);
			if (js->paths[i].n == KEY_DEPTH || n == 0 ||
			    n >= KEY_MAX) {
				free(js);
				return NULL;
			}
			memcpy(js->paths[i].comp[js->paths[i].n++], p, n);
		}
	}
	js->npaths = npaths;
	js->member_cap = member_cap;
	js->fn = fn;
	js->ctx = ctx;
	js->st = ST_TOP;
	buf_init(&js->element, element_cap);
	buf_init(&js->member, member_cap);
	return js;
}

/* How many of the named arrays the document has had so far. */
int
jsplit_arrays(const struct jsplit *js)
{
	return js->arrays;
}

/* Release the splitter. */
void
jsplit_free(struct jsplit *js)
{
	if (js == NULL)
		return;
	buf_free(&js->element);
	buf_free(&js->member);
	free(js);
}

/* Is the key at level the name comp?  Keys with escapes never match. */
static int
key_is(const struct jsplit *js, int level, const char *comp)
{
	return !js->keybad[level] && js->keylen[level] == strlen(comp) &&
	    memcmp(js->key[level], comp, js->keylen[level]) == 0;
}

/* Which path (+ 1) the array just opened at js->depth is, or 0. */
static int
array_target(const struct jsplit *js)
{
	int i, l, d = js->depth;

	if (d > KEY_DEPTH + 1)
		return 0;
	for (i = 0; i < js->npaths; i++) {
		if (js->paths[i].n != d - 1)
			continue;
		for (l = 1; l < d; l++)
			if (js->kind[l] != '{' ||
			    !key_is(js, l, js->paths[i].comp[l - 1]))
				break;
		if (l == d)
			return i + 1;
	}
	return 0;
}

/* Does a member of the top-level object with the current key lead to
** one of the named arrays? */
static int
key_on_path(const struct jsplit *js)
{
	int i;

	for (i = 0; i < js->npaths; i++)
		if (js->paths[i].n > 0 && key_is(js, 1, js->paths[i].comp[0]))
			return 1;
	return 0;
}

/* A value starts at data[i]: start copying it when it is of interest. */
static void
value_begin(struct jsplit *js, size_t i)
{
	int d = js->depth;

	if (js->cap_on || d == 0)
		return;
	if (js->kind[d] == '[' && d <= KEY_DEPTH + 1 && js->target[d]) {
		js->cap_kind = JSPLIT_ELEMENT;
		js->cap_path = js->target[d] - 1;
		js->cap_index = ++js->elements;
		js->cap = &js->element;
	} else if (d == 1 && js->kind[1] == '{' && js->member_cap > 0 &&
	    !js->keybad[1] && !key_on_path(js)) {
		js->cap_kind = JSPLIT_MEMBER;
		memcpy(js->cap_key, js->key[1], js->keylen[1]);
		js->cap_key[js->keylen[1]] = '\0';
		js->cap = &js->member;
	} else {
		return;
	}
	js->cap_on = 1;
	js->cap_depth = d;
	js->cap_from = i;
	js->cap_off = js->off + i;
	buf_reset(js->cap);
}

/* The value being copied ended just before data[end]: hand it over. */
static int
cap_finish(struct jsplit *js, const char *data, size_t end, char *err)
{
	struct jsplit_item it;
	int rc;

	buf_append(js->cap, data + js->cap_from, end - js->cap_from);
	memset(&it, 0, sizeof(it));
	it.kind = js->cap_kind;
	it.path = js->cap_path;
	it.index = js->cap_index;
	it.key = js->cap_key;
	it.data = js->cap->failed ? NULL : js->cap->data;
	it.len = js->cap->failed ? 0 : js->cap->len;
	it.offset = js->cap_off;
	js->cap_on = 0;
	rc = js->fn(js->ctx, &it, err);
	if (js->cap->alloc > SHRINK_OVER)
		buf_free(js->cap);	/* give a rare big one back */
	buf_reset(js->cap);
	return rc == 0 ? 0 : -1;
}

/* A value ended just before data[end]. */
static int
value_end(struct jsplit *js, const char *data, size_t end, char *err)
{
	js->st = js->depth == 0 ? ST_DONE : ST_AFTER;
	if (js->cap_on && js->depth == js->cap_depth)
		return cap_finish(js, data, end, err);
	return 0;
}

/* May a bare value (number, true, false, null) contain c? */
static int
scalar_char(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z') || c == '-' || c == '+' || c == '.';
}

/* Fill err with "byte N: why" for the byte at data[i]; returns -1. */
static int
fail_at(const struct jsplit *js, size_t i, const char *why, char *err)
{
	err_set(err, "byte %llu: %s", (unsigned long long)(js->off + i + 1),
	    why);
	return -1;
}

/* Fill err with what is wrong with the byte at data[i]; returns -1. */
static int
unexpected(const struct jsplit *js, size_t i, char *err)
{
	return fail_at(js, i, js->st == ST_TOP ? "not JSON (it does not "
	    "start with { or [)" : js->st == ST_DONE ? "more after the end of "
	    "the JSON document" : "not JSON here", err);
}

/* The next n bytes of the document.  Returns 0, or -1 when it is not
** JSON or fn stopped (err filled). */
int
jsplit_feed(struct jsplit *js, const char *data, size_t n, char *err)
{
	static const unsigned char bom[3] = { 0xef, 0xbb, 0xbf };
	unsigned char c;
	size_t i;
	int d;

	for (i = 0; i < n; i++) {
		c = (unsigned char)data[i];
		if (js->in_str) {
			if (js->esc) {
				js->esc = 0;
				continue;
			}
			if (!js->str_key) {	/* the fast path */
				while (i < n && data[i] != '"' &&
				    data[i] != '\\')
					i++;
				if (i == n)
					break;
				c = (unsigned char)data[i];
			}
			if (c == '\\') {
				js->esc = 1;
				if (js->str_key && js->depth <= KEY_DEPTH)
					js->keybad[js->depth] = 1;
			} else if (c == '"') {
				js->in_str = 0;
				if (js->str_key)
					js->st = ST_COLON;
				else if (value_end(js, data, i + 1, err) != 0)
					return -1;
			} else if (js->str_key && js->depth <= KEY_DEPTH) {
				d = js->depth;
				if (js->keylen[d] + 1 >= KEY_MAX)
					js->keybad[d] = 1;
				else
					js->key[d][js->keylen[d]++] = (char)c;
			}
			continue;
		}
		if (js->in_scalar) {
			if (scalar_char(c))
				continue;
			js->in_scalar = 0;
			if (value_end(js, data, i, err) != 0)
				return -1;
		}
		if (js->bom < 3 && js->st == ST_TOP) {
			if (js->off + i == (uint64_t)js->bom && c == bom[js->bom]) {
				js->bom++;
				continue;
			}
			if (js->bom > 0)	/* half a byte order mark */
				return unexpected(js, i, err);
			js->bom = 3;
		}
		switch (c) {
		case ' ': case '\t': case '\n': case '\r':
			continue;
		case '{': case '[':
			if (js->st != ST_TOP && js->st != ST_VALUE &&
			    js->st != ST_ARR_START)
				return unexpected(js, i, err);
			if (js->depth == JSPLIT_MAX_DEPTH)
				return fail_at(js, i, "nested too deeply", err);
			value_begin(js, i);
			d = ++js->depth;
			js->kind[d] = c;
			if (d <= KEY_DEPTH + 1)
				js->target[d] = 0;
			if (c == '{') {
				js->st = ST_OBJ_START;
				if (d <= KEY_DEPTH) {
					js->keylen[d] = 0;
					js->keybad[d] = 0;
				}
			} else {
				js->st = ST_ARR_START;
				if (d <= KEY_DEPTH + 1 &&
				    (js->target[d] = (signed char)
				    array_target(js)) != 0)
					js->arrays++;
			}
			continue;
		case '}': case ']':
			if (js->depth == 0 || js->kind[js->depth] !=
			    (c == '}' ? '{' : '[') || (js->st != ST_AFTER &&
			    js->st != (c == '}' ? ST_OBJ_START : ST_ARR_START)))
				return unexpected(js, i, err);
			js->depth--;
			if (value_end(js, data, i + 1, err) != 0)
				return -1;
			continue;
		case ',':
			if (js->st != ST_AFTER || js->depth == 0)
				return unexpected(js, i, err);
			if (js->kind[js->depth] == '{') {
				js->st = ST_KEY;
				if (js->depth <= KEY_DEPTH) {
					js->keylen[js->depth] = 0;
					js->keybad[js->depth] = 0;
				}
			} else {
				js->st = ST_VALUE;
			}
			continue;
		case ':':
			if (js->st != ST_COLON)
				return unexpected(js, i, err);
			js->st = ST_VALUE;
			continue;
		case '"':
			if (js->st == ST_OBJ_START || js->st == ST_KEY) {
				js->in_str = 1;
				js->str_key = 1;
			} else if (js->st == ST_VALUE ||
			    js->st == ST_ARR_START) {
				value_begin(js, i);
				js->in_str = 1;
				js->str_key = 0;
			} else {
				return unexpected(js, i, err);
			}
			continue;
		default:
			if (!scalar_char(c) || (js->st != ST_VALUE &&
			    js->st != ST_ARR_START))
				return unexpected(js, i, err);
			value_begin(js, i);
			js->in_scalar = 1;
			continue;
		}
	}
	if (js->cap_on) {
		buf_append(js->cap, data + js->cap_from, n - js->cap_from);
		js->cap_from = 0;
	}
	js->off += n;
	return 0;
}

/* The document ended.  Returns 0, or -1 when it ended too soon (err
** filled). */
int
jsplit_end(struct jsplit *js, char *err)
{
	if (js->st == ST_DONE && !js->in_scalar)
		return 0;
	if (js->st == ST_TOP) {
		err_set(err, "the file is empty");
		return -1;
	}
	err_set(err, "the JSON ends too soon, at byte %llu: the file is "
	    "truncated", (unsigned long long)js->off);
	return -1;
}
