/*
** feed.c: the items of feeds, sitemaps and search answers.  See feed.h.
*/
#include "feed.h"

#include <jansson.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"
#include "../util/util.h"

/* Examples that ship: where a platform's search answer keeps its items,
** their text and their address.  {q} is filled with each watched name. */
const struct feed_preset feed_presets[] = {
	{ "reddit", "https://www.reddit.com/search.json?q={q}&sort=new",
	    { "data.children", "data.title,data.selftext", "data.permalink" } },
	{ "mastodon", "https://mastodon.social/api/v1/timelines/tag/{q}",
	    { "", "spoiler_text,content", "url" } },
	{ "lemmy", "https://lemmy.world/api/v3/search?q={q}&type_=Posts&"
	    "sort=New", { "posts", "post.name,post.body", "post.ap_id" } },
	{ NULL, NULL, { NULL, NULL, NULL } }
};

static pthread_once_t xml_once = PTHREAD_ONCE_INIT;

static void
xml_init(void)
{
	xmlInitParser();
}

/* The preset called name, or NULL. */
const struct feed_preset *
feed_preset(const char *name)
{
	int i;

	for (i = 0; feed_presets[i].name; i++)
		if (strcmp(feed_presets[i].name, name) == 0)
			return &feed_presets[i];
	return NULL;
}

/* 1 when p is a dot path of names and numbers ("" too, when empty_ok). */
static int
path_valid(const char *p, int empty_ok)
{
	const char *c;

	if (p == NULL || p[0] == '\0')
		return empty_ok;
	if (strlen(p) > FEED_PATH_MAX || p[0] == '.')
		return 0;
	for (c = p; *c; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
		    (*c >= '0' && *c <= '9') || *c == '_' || *c == '-' ||
		    (*c == '.' && c[1] != '.' && c[1] != '\0')))
			return 0;
	return 1;
}

/* Is m a mapping that can be read?  Returns 1, or 0 with err. */
int
feed_map_valid(const struct feed_map *m, char *err)
{
	char one[FEED_PATH_MAX + 1];
	const char *p, *comma;
	size_t n;

	if (!path_valid(m->items, 1)) {
		err_set(err, "--items is a dot path such as data.children");
		return 0;
	}
	if (!path_valid(m->link, 0)) {
		err_set(err, "--link is a dot path such as data.url");
		return 0;
	}
	if (m->text == NULL || m->text[0] == '\0' ||
	    strlen(m->text) > FEED_PATH_MAX ||
	    m->text[strlen(m->text) - 1] == ',') {
		err_set(err, "--text is one or more dot paths, comma-separated");
		return 0;
	}
	for (p = m->text; *p; p = comma ? comma + 1 : p + n) {
		comma = strchr(p, ',');
		n = comma ? (size_t)(comma - p) : strlen(p);
		snprintf(one, sizeof(one), "%.*s", (int)n, p);
		if (!path_valid(one, 0)) {
			err_set(err, "--text is one or more dot paths, "
			    "comma-separated");
			return 0;
		}
	}
	return 1;
}

/* ---- XML: RSS, RDF, Atom, sitemaps ---- */

/* 1 when node is an element called name (its local name). */
static int
is(const xmlNode *node, const char *name)
{
	return node->type == XML_ELEMENT_NODE &&
	    strcmp((const char *)node->name, name) == 0;
}

/* The first child element of node called name, or NULL. */
static xmlNode *
child(const xmlNode *node, const char *name)
{
	xmlNode *c;

	for (c = node->children; c; c = c->next)
		if (is(c, name))
			return c;
	return NULL;
}

/* Append the text of node's first child called name to b, a line. */
static void
put_child(struct buf *b, const xmlNode *node, const char *name)
{
	xmlNode *c = child(node, name);
	xmlChar *t;

	if (c == NULL || (t = xmlNodeGetContent(c)) == NULL)
		return;
	if (b->len)
		buf_putc(b, '\n');
	buf_puts(b, (const char *)t);
	xmlFree(t);
}

/* An Atom entry's address: its first link whose rel is "alternate" or
** not given, else its first link. */
static xmlChar *
atom_link(const xmlNode *entry)
{
	xmlNode *c, *first = NULL;
	xmlChar *rel;
	int alternate;

	for (c = entry->children; c; c = c->next) {
		if (!is(c, "link"))
			continue;
		if (first == NULL)
			first = c;
		rel = xmlGetProp(c, (const xmlChar *)"rel");
		alternate = rel == NULL || strcmp((const char *)rel,
		    "alternate") == 0;
		xmlFree(rel);
		if (alternate)
			return xmlGetProp(c, (const xmlChar *)"href");
	}
	return first ? xmlGetProp(first, (const xmlChar *)"href") : NULL;
}

/* Hand one entry of a feed (RSS item or Atom entry) to each. */
static int
entry(const xmlNode *node, int atom, feed_each each, void *ctx)
{
	struct feed_item it;
	struct buf b;
	xmlChar *link = NULL;
	xmlNode *l;
	int rc;

	buf_init(&b, (size_t)8 << 20);
	put_child(&b, node, "title");
	if (atom) {
		put_child(&b, node, "summary");
		put_child(&b, node, "content");
		link = atom_link(node);
	} else {
		/* description, and content:encoded where a feed has both */
		put_child(&b, node, "description");
		put_child(&b, node, "encoded");
		if ((l = child(node, "link")) != NULL)
			link = xmlNodeGetContent(l);
		if ((link == NULL || link[0] == '\0') &&
		    (l = child(node, "guid")) != NULL) {
			xmlFree(link);
			link = xmlNodeGetContent(l);
		}
	}
	memset(&it, 0, sizeof(it));
	it.kind = FEED_ITEM;
	it.link = link && link[0] ? (const char *)link : NULL;
	it.text = b.data ? b.data : "";
	it.len = b.len;
	rc = each(ctx, &it);
	xmlFree(link);
	buf_free(&b);
	return rc;
}

/* Hand one <url> or <sitemap> of a sitemap to each. */
static int
location(const xmlNode *node, enum feed_kind kind, feed_each each, void *ctx)
{
	struct feed_item it;
	xmlNode *l;
	xmlChar *loc = NULL, *mod = NULL;
	int rc = 0;

	if ((l = child(node, "loc")) != NULL)
		loc = xmlNodeGetContent(l);
	if ((l = child(node, "lastmod")) != NULL)
		mod = xmlNodeGetContent(l);
	if (loc && loc[0]) {
		memset(&it, 0, sizeof(it));
		it.kind = kind;
		it.link = (const char *)loc;
		it.lastmod = mod && mod[0] ? (const char *)mod : NULL;
		rc = each(ctx, &it);
	}
	xmlFree(loc);
	xmlFree(mod);
	return rc;
}

/* Read an RSS, RDF or Atom feed, a sitemap or a sitemap index.  Returns
** 0, or -1 with err (not XML, or XML of another kind). */
int
feed_read_xml(const char *body, size_t n, feed_each each, void *ctx,
    char *err)
{
	xmlDoc *doc;
	xmlNode *root, *c, *items;
	int count = 0, rc = 0;

	pthread_once(&xml_once, xml_init);
	if (n > (size_t)INT32_MAX) {
		err_set(err, "too large to read");
		return -1;
	}
	doc = xmlReadMemory(body, (int)n, NULL, NULL, XML_PARSE_NONET |
	    XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA);
	if (doc == NULL || (root = xmlDocGetRootElement(doc)) == NULL) {
		xmlFreeDoc(doc);
		err_set(err, "not a feed: the XML could not be read");
		return -1;
	}
	if (is(root, "rss") || is(root, "RDF")) {
		/* RSS 2.0 keeps its items in the channel, RSS 1.0 beside it */
		items = is(root, "rss") ? child(root, "channel") : root;
		for (c = items ? items->children : NULL; c && rc == 0 &&
		    count < FEED_ITEMS_MAX; c = c->next)
			if (is(c, "item")) {
				rc = entry(c, 0, each, ctx);
				count++;
			}
	} else if (is(root, "feed")) {
		for (c = root->children; c && rc == 0 && count <
		    FEED_ITEMS_MAX; c = c->next)
			if (is(c, "entry")) {
				rc = entry(c, 1, each, ctx);
				count++;
			}
	} else if (is(root, "urlset") || is(root, "sitemapindex")) {
		int index = is(root, "sitemapindex");

		for (c = root->children; c && rc == 0 && count <
		    FEED_ITEMS_MAX; c = c->next)
			if (is(c, index ? "sitemap" : "url")) {
				rc = location(c, index ? FEED_SITEMAP :
				    FEED_PAGE, each, ctx);
				count++;
			}
	} else {
		xmlFreeDoc(doc);
		err_set(err, "not a feed or a sitemap");
		return -1;
	}
	xmlFreeDoc(doc);
	return 0;
}

/* ---- JSON search answers ---- */

/* The value at dot path p in v, or NULL. */
static json_t *
at_path(json_t *v, const char *p)
{
	char seg[FEED_PATH_MAX + 1];
	const char *dot;
	size_t n;
	char *end;
	long i;

	while (v && p && *p) {
		dot = strchr(p, '.');
		n = dot ? (size_t)(dot - p) : strlen(p);
		snprintf(seg, sizeof(seg), "%.*s", (int)n, p);
		if (json_is_array(v)) {
			i = strtol(seg, &end, 10);
			v = *end == '\0' && i >= 0 ? json_array_get(v,
			    (size_t)i) : NULL;
		} else {
			v = json_object_get(v, seg);
		}
		p = dot ? dot + 1 : NULL;
	}
	return v;
}

/* Read a search endpoint's JSON answer through m.  Returns 0, or -1 with
** err. */
int
feed_read_json(const char *body, size_t n, const struct feed_map *m,
    feed_each each, void *ctx, char *err)
{
	json_error_t je;
	json_t *root, *arr, *item, *v;
	struct feed_item it;
	struct buf b;
	char one[FEED_PATH_MAX + 1];
	const char *p, *comma;
	size_t i, k;
	int rc = 0;

	root = json_loadb(body, n, JSON_REJECT_DUPLICATES, &je);
	if (root == NULL) {
		err_set(err, "not JSON: %s at line %d", je.text, je.line);
		return -1;
	}
	arr = at_path(root, m->items);
	if (!json_is_array(arr)) {
		json_decref(root);
		err_set(err, "the answer has no list of items where the "
		    "mapping says");
		return -1;
	}
	buf_init(&b, (size_t)8 << 20);
	for (i = 0; i < json_array_size(arr) && i < FEED_ITEMS_MAX &&
	    rc == 0; i++) {
		item = json_array_get(arr, i);
		buf_reset(&b);
		for (p = m->text; p && *p; p = comma ? comma + 1 : NULL) {
			comma = strchr(p, ',');
			k = comma ? (size_t)(comma - p) : strlen(p);
			snprintf(one, sizeof(one), "%.*s", (int)k, p);
			v = at_path(item, one);
			if (json_is_string(v) && json_string_length(v) > 0) {
				if (b.len)
					buf_putc(&b, '\n');
				buf_append(&b, json_string_value(v),
				    json_string_length(v));
			}
		}
		v = at_path(item, m->link);
		memset(&it, 0, sizeof(it));
		it.kind = FEED_ITEM;
		it.link = json_is_string(v) && json_string_length(v) > 0 ?
		    json_string_value(v) : NULL;
		it.text = b.data ? b.data : "";
		it.len = b.len;
		rc = each(ctx, &it);
	}
	buf_free(&b);
	json_decref(root);
	return 0;
}
