/*
** fuzz_feed.c: libFuzzer target for what monitoring reads from outside
** answers: RSS, RDF and Atom feeds and sitemaps (libxml2), and search
** answers through a mapping (jansson).  The first byte picks the reader
** and, for JSON, one of the shipped mappings or one made of the input's
** first line.  Beyond the sanitizers, the oracle is that every item's
** text ends where its length says and its address is a string.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "detect/feed.h"

static int
check(void *ctx, const struct feed_item *it)
{
	(void)ctx;
	if ((it->text == NULL && it->len != 0) ||
	    (it->text && it->text[it->len] != '\0'))
		abort();
	if (it->link && strlen(it->link) > (size_t)16 << 20)
		abort();
	if (it->kind != FEED_ITEM && it->kind != FEED_PAGE &&
	    it->kind != FEED_SITEMAP)
		abort();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct feed_map m;
	char err[256], line[256];
	const char *body;
	const uint8_t *nl;
	size_t n, ln;
	int pick;

	if (size < 1)
		return 0;
	pick = data[0] % 5;
	body = (const char *)data + 1;
	n = size - 1;
	if (pick == 0) {
		feed_read_xml(body, n, check, NULL, err);
		return 0;
	}
	if (pick < 4) {
		m = feed_presets[pick - 1].map;
	} else {
		/* "items|text|link" on the first line, the answer after it */
		nl = memchr(body, '\n', n);
		ln = nl ? (size_t)(nl - (const uint8_t *)body) : n;
		if (ln >= sizeof(line))
			return 0;
		memcpy(line, body, ln);
		line[ln] = '\0';
		m.items = line;
		m.text = strchr(line, '|');
		if (m.text == NULL)
			return 0;
		*(char *)m.text++ = '\0';
		m.link = strchr(m.text, '|');
		if (m.link == NULL)
			return 0;
		*(char *)m.link++ = '\0';
		if (!feed_map_valid(&m, err))
			return 0;
		body += nl ? ln + 1 : ln;
		n -= nl ? ln + 1 : ln;
	}
	feed_read_json(body, n, &m, check, NULL, err);
	return 0;
}
