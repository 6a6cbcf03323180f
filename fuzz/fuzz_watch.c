/*
** fuzz_watch.c: libFuzzer target for the watch list's rules over outside
** text.  The input is a rule ("name|words|within") and the text after a
** newline.  Beyond the sanitizers, the oracle is that every hit lies
** within the text and within its rule's distance, and that a rule sanctum
** refuses adds nothing.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "detect/watch.h"

struct ctx {
	size_t len;
	int within;
};

static int
check(void *p, const struct watch_hit *h)
{
	struct ctx *c = p;

	if (h->distance < 0 || h->distance > c->within ||
	    h->name_at < 0 || h->name_at > h->name_end ||
	    (size_t)h->name_end > c->len || h->near_at < 0 ||
	    h->near_at > h->near_end || (size_t)h->near_end > c->len)
		abort();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct watch_set *w;
	struct ctx c;
	char rule[512], *bar, *near = NULL;
	const uint8_t *nl = memchr(data, '\n', size);
	size_t rn = nl ? (size_t)(nl - data) : size;
	int rc;

	if (rn >= sizeof(rule))
		rn = sizeof(rule) - 1;
	memcpy(rule, data, rn);
	rule[rn] = '\0';
	c.within = 1 + (size ? data[size - 1] % 40 : 0);
	if ((bar = strchr(rule, '|')) != NULL) {
		*bar = '\0';
		near = bar + 1;
	}
	if ((w = watch_set_new()) == NULL)
		return 0;
	rc = watch_set_rule(w, 7, rule, near, c.within);
	if (rc != 0 && watch_rules(w) != 0)
		abort();
	/* a second, fixed rule beside it */
	if (watch_set_rule(w, 8, "quiet harbour", NULL, c.within) != 0)
		abort();
	/* the text after the first line (rn may have been cut to fit) */
	c.len = nl ? size - (size_t)(nl - data) - 1 : 0;
	if (watch_text(w, nl ? (const char *)nl + 1 : "", c.len, check, &c) < 0)
		abort();
	watch_set_free(w);
	return 0;
}
