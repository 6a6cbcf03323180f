/*
** test_monitor.c: what external monitoring reads from outside answers:
** robots.txt (groups, longest match, wildcards, Crawl-delay), the items
** of RSS, RDF and Atom feeds, sitemaps and search answers through their
** mapping, refusals of what is not one; and the signature of an alert.
*/
#include <stdio.h>
#include <string.h>

#include "crypto/hook.h"
#include "detect/feed.h"
#include "detect/robots.h"
#include "test.h"

#define AGENT "sanctum-monitor/0.1 (+https://sanctum.invalid/monitor)"

static int
may(const char *robots, const char *path)
{
	return robots_allows(robots, strlen(robots), AGENT, path, NULL);
}

void
test_robots_rules(void)
{
	const char *r;
	int delay;

	/* the "*" group, the longest match, Allow winning a tie */
	r = "# a comment\nUser-agent: *\nDisallow: /private/\n"
	    "Allow: /private/open\nDisallow: /*.pdf$\n";
	CHECK(may(r, "/") == 1);
	CHECK(may(r, "/private/x") == 0);
	CHECK(may(r, "/private/open/page") == 1);
	CHECK(may(r, "/files/a.pdf") == 0);
	CHECK(may(r, "/files/a.pdf?x=1") == 1);
	CHECK(may(r, "/robots.txt") == 1);
	r = "User-agent: *\nDisallow: /a\nAllow: /a\n";
	CHECK(may(r, "/a") == 1);
	/* our own group wins over "*", and only it is read */
	r = "User-agent: *\nDisallow: /\n\nUser-agent: Sanctum-Monitor\n"
	    "Disallow: /feeds/secret\nCrawl-delay: 7\n";
	CHECK(may(r, "/feeds/x") == 1);
	CHECK(may(r, "/feeds/secret") == 0);
	CHECK(robots_allows(r, strlen(r), AGENT, "/x", &delay) == 1);
	CHECK(delay == 7);
	/* a group of several agents; an agent that is not us */
	r = "User-agent: otherbot\nUser-agent: *\nDisallow: /x\n"
	    "User-agent: otherbot2\nDisallow: /\n";
	CHECK(may(r, "/x/1") == 0);
	CHECK(may(r, "/y") == 1);
	r = "User-agent: sanctum-monitor-two\nDisallow: /\n";
	CHECK(may(r, "/") == 1);
	/* an empty Disallow allows; CRLF lines; wildcards in the middle */
	CHECK(may("User-agent: *\r\nDisallow:\r\n", "/any") == 1);
	CHECK(may("User-agent: *\r\nDisallow: /a*/b\r\n", "/aXYZ/b/c") == 0);
	CHECK(may("User-agent: *\r\nDisallow: /a*/b\r\n", "/aXYZ/c") == 1);
	/* a huge delay is capped; nonsense lines are ignored */
	r = "garbage\n:::\nUser-agent: *\nCrawl-delay: 100000\nDisallow: /z\n";
	CHECK(robots_allows(r, strlen(r), AGENT, "/z", &delay) == 0);
	CHECK(delay == ROBOTS_MAX_DELAY);
	CHECK(may("", "/") == 1);
}

struct items {
	int n, pages, sitemaps;
	char link[8][128], text[8][256], mod[8][32];
};

static int
keep(void *ctx, const struct feed_item *it)
{
	struct items *k = ctx;

	if (it->kind == FEED_PAGE)
		k->pages++;
	if (it->kind == FEED_SITEMAP)
		k->sitemaps++;
	if (k->n < 8) {
		snprintf(k->link[k->n], sizeof(k->link[0]), "%s", it->link ?
		    it->link : "");
		snprintf(k->text[k->n], sizeof(k->text[0]), "%.*s",
		    (int)it->len, it->text ? it->text : "");
		snprintf(k->mod[k->n], sizeof(k->mod[0]), "%s", it->lastmod ?
		    it->lastmod : "");
	}
	k->n++;
	return 0;
}

static struct items
read_xml(const char *x, int want_rc)
{
	struct items k;
	char err[256];

	memset(&k, 0, sizeof(k));
	CHECK(feed_read_xml(x, strlen(x), keep, &k, err) == want_rc);
	return k;
}

void
test_feed_items(void)
{
	struct items k;
	struct feed_map m = { "data.children", "data.title,data.body",
	    "data.url" };
	char err[256];
	const char *j;

	k = read_xml("<?xml version=\"1.0\"?><rss version=\"2.0\" xmlns:content"
	    "=\"http://purl.org/rss/1.0/modules/content/\"><channel><title>t"
	    "</title><item><title>One</title><link>https://e.org/1</link>"
	    "<description>&lt;p&gt;the words&lt;/p&gt;</description>"
	    "<content:encoded><![CDATA[<b>more</b>]]></content:encoded></item>"
	    "<item><title>Two</title><guid>https://e.org/2</guid></item>"
	    "</channel></rss>", 0);
	CHECK(k.n == 2);
	CHECK(strcmp(k.link[0], "https://e.org/1") == 0);
	CHECK(strcmp(k.text[0], "One\n<p>the words</p>\n<b>more</b>") == 0);
	CHECK(strcmp(k.link[1], "https://e.org/2") == 0);
	/* Atom: the alternate link, summary and content */
	k = read_xml("<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry>"
	    "<title>A</title><link rel=\"self\" href=\"https://e.org/self\"/>"
	    "<link href=\"https://e.org/a\"/><summary>s</summary></entry>"
	    "<entry><title>B</title><link rel=\"edit\" href=\"https://e.org/"
	    "b\"/></entry></feed>", 0);
	CHECK(k.n == 2);
	CHECK(strcmp(k.link[0], "https://e.org/a") == 0);
	CHECK(strcmp(k.text[0], "A\ns") == 0);
	CHECK(strcmp(k.link[1], "https://e.org/b") == 0);
	/* RSS 1.0 keeps its items beside the channel */
	k = read_xml("<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-"
	    "syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\"><channel/><item>"
	    "<title>R</title><link>https://e.org/r</link></item></rdf:RDF>", 0);
	CHECK(k.n == 1 && strcmp(k.link[0], "https://e.org/r") == 0);
	/* sitemaps and sitemap indexes */
	k = read_xml("<urlset><url><loc>https://e.org/p</loc><lastmod>2026-01"
	    "-02</lastmod></url><url><loc>https://e.org/q</loc></url>"
	    "<url><lastmod>x</lastmod></url></urlset>", 0);
	CHECK(k.n == 2 && k.pages == 2);
	CHECK(strcmp(k.mod[0], "2026-01-02") == 0 && k.mod[1][0] == '\0');
	k = read_xml("<sitemapindex><sitemap><loc>https://e.org/s.xml</loc>"
	    "</sitemap></sitemapindex>", 0);
	CHECK(k.n == 1 && k.sitemaps == 1);
	/* what is not a feed is refused; no network, no external entity */
	read_xml("<html><body>hi</body></html>", -1);
	read_xml("not xml at all", -1);
	read_xml("", -1);
	k = read_xml("<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY x SYSTEM "
	    "\"file:///etc/passwd\">]><rss><channel><item><title>&x;</title>"
	    "</item></channel></rss>", 0);
	CHECK(k.n == 1 && strstr(k.text[0], "root") == NULL);

	/* a search answer through its mapping; numbers index lists */
	j = "{\"data\": {\"children\": [{\"data\": {\"title\": \"T1\", \"body\":"
	    " \"B1\", \"url\": \"/r/1\"}}, {\"data\": {\"title\": \"T2\"}}, 5,"
	    " {\"data\": {\"url\": 7}}]}}";
	memset(&k, 0, sizeof(k));
	CHECK(feed_read_json(j, strlen(j), &m, keep, &k, err) == 0);
	CHECK(k.n == 4);
	CHECK(strcmp(k.text[0], "T1\nB1") == 0 && strcmp(k.link[0], "/r/1") == 0);
	CHECK(strcmp(k.text[1], "T2") == 0 && k.link[1][0] == '\0');
	CHECK(k.text[2][0] == '\0' && k.link[3][0] == '\0');
	m.items = "data.children.0";
	CHECK(feed_read_json(j, strlen(j), &m, keep, &k, err) == -1);
	CHECK(strstr(err, "no list of items") != NULL);
	m.items = "";
	memset(&k, 0, sizeof(k));
	j = "[{\"content\": \"c\", \"url\": \"u\"}]";
	CHECK(feed_read_json(j, strlen(j), &(struct feed_map){ "", "content",
	    "url" }, keep, &k, err) == 0);
	CHECK(k.n == 1 && strcmp(k.text[0], "c") == 0);
	CHECK(feed_read_json("{\"a\": ", 6, &m, keep, &k, err) == -1);
	CHECK(feed_read_json("{\"a\": 1, \"a\": 2}", 16, &m, keep, &k, err) ==
	    -1);

	/* mappings: paths of names and numbers only */
	CHECK(feed_map_valid(&(struct feed_map){ "", "a.b,c", "d" }, err));
	CHECK(!feed_map_valid(&(struct feed_map){ "a..b", "t", "l" }, err));
	CHECK(!feed_map_valid(&(struct feed_map){ "", "", "l" }, err));
	CHECK(!feed_map_valid(&(struct feed_map){ "", "t", "" }, err));
	CHECK(!feed_map_valid(&(struct feed_map){ "", "t,", "l" }, err));
	CHECK(!feed_map_valid(&(struct feed_map){ "a b", "t", "l" }, err));
	CHECK(feed_preset("reddit") != NULL && feed_preset("lemmy") != NULL &&
	    feed_preset("mastodon") != NULL && feed_preset("x") == NULL);
	CHECK(feed_map_valid(&feed_preset("reddit")->map, err));
}

void
test_hook_signature(void)
{
	char sig[HOOK_SIGNATURE_LEN + 1];
	const char *body = "{\"findings\":2}";

	/* HMAC-SHA256 over "<timestamp>.<body>", as a receiver computes it
	** (the figure from `openssl dgst -sha256 -hmac key`) */
	hook_sign("key", "1700000000", body, strlen(body), sig);
	CHECK(strcmp(sig, "sha256=0ca1935424f336057a74abc131eb17e152762e00668e"
	    "99e669506afbbcf13678") == 0);
	CHECK(strlen(sig) == HOOK_SIGNATURE_LEN);
	/* another timestamp, another signature */
	hook_sign("key", "1700000001", body, strlen(body), sig);
	CHECK(strcmp(sig, "sha256=0ca1935424f336057a74abc131eb17e152762e00668e"
	    "99e669506afbbcf13678") != 0);
}
