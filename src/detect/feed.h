/*
** feed.h: the items of what monitoring fetches: RSS 2.0, RSS 1.0 (RDF)
** and Atom feeds, sitemaps and sitemap indexes, and the JSON answers of
** search endpoints, read through a small mapping of where the items,
** their text and their address are.
**
** An item is an address (may be NULL), its text (title and body, markup
** still in it: the caller reads it as HTML) and, for a sitemap, its
** lastmod.  XML is parsed by libxml2 without the network, without
** loading external DTDs and within its limits on entity expansion; JSON
** by jansson.  Nothing here fetches.
*/
#ifndef SANCTUM_FEED_H
#define SANCTUM_FEED_H

#include <stddef.h>

#define FEED_PATH_MAX 200	/* bytes of a mapping's path */
#define FEED_ITEMS_MAX 10000	/* items read from one answer */

enum feed_kind {
	FEED_ITEM,		/* a feed's entry or a search result */
	FEED_PAGE,		/* a sitemap's page: fetch it */
	FEED_SITEMAP		/* a sitemap index's sitemap */
};

struct feed_item {
	enum feed_kind kind;
	const char *link;	/* may be NULL */
	const char *text;	/* may be NULL (sitemaps) */
	size_t len;
	const char *lastmod;	/* a sitemap's, or NULL */
};

/* Return 0 to go on, non-zero to stop. */
typedef int (*feed_each)(void *ctx, const struct feed_item *it);

struct feed_map {
	const char *items;	/* dot path to the array; "" the top level */
	const char *text;	/* comma-separated dot paths in each item */
	const char *link;	/* dot path in each item */
};

/* A preset mapping and URL template for a known platform's search. */
struct feed_preset {
	const char *name, *url;
	struct feed_map map;
};

extern const struct feed_preset feed_presets[];

const struct feed_preset *feed_preset(const char *name);
int feed_map_valid(const struct feed_map *m, char *err);
int feed_read_xml(const char *body, size_t n, feed_each each, void *ctx,
    char *err);
int feed_read_json(const char *body, size_t n, const struct feed_map *m,
    feed_each each, void *ctx, char *err);

#endif
