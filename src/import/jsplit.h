/*
** jsplit.h: a streaming splitter for one big JSON document.
**
** Jansson reads whole documents; an export of a busy channel is one
** document of a gigabyte.  The splitter is pushed the document in chunks
** of any size and, without building it, yields each element of the
** arrays named by paths ("messages", "post_stream.posts", or "" for a
** top-level array) as the byte range of that element, which the caller
** parses alone with json_loadb.  It also yields the other members of the
** top-level object (Discord's "channel") when they are small.  It tracks
** strings, escapes and nesting, checks the structure (brackets, commas,
** colons) and keeps no more than one element, up to its cap, in memory.
*/
#ifndef SANCTUM_JSPLIT_H
#define SANCTUM_JSPLIT_H

#include <stddef.h>
#include <stdint.h>

#define JSPLIT_MAX_PATHS 4
#define JSPLIT_MAX_DEPTH 512

enum jsplit_kind {
	JSPLIT_ELEMENT,		/* an element of a named array */
	JSPLIT_MEMBER		/* a member of the top-level object */
};

struct jsplit_item {
	enum jsplit_kind kind;
	int path;		/* element: which of the paths (0, 1, ...) */
	int64_t index;		/* element: 1, 2, ... over the document */
	const char *key;	/* member: its key */
	const char *data;	/* the value's JSON text, or NULL when it was
				   longer than the cap */
	size_t len;
	uint64_t offset;	/* where it starts in the document */
};

/* Called for each item; returns 0 to go on, or -1 to stop (err filled). */
typedef int (*jsplit_fn)(void *ctx, const struct jsplit_item *it, char *err);

struct jsplit;

struct jsplit *jsplit_new(const char *const *paths, int npaths,
    size_t element_cap, size_t member_cap, jsplit_fn fn, void *ctx);
int jsplit_feed(struct jsplit *js, const char *data, size_t n, char *err);
int jsplit_end(struct jsplit *js, char *err);
int jsplit_arrays(const struct jsplit *js);
void jsplit_free(struct jsplit *js);

#endif
