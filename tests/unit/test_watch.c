/*
** test_watch.c: the watch list's rules read outside text as the leak
** detector reads it: a name near one of its words is found whatever the
** case, accents, look-alike letters or invisible characters; whole words
** only; within the distance and not one word further; a rule's own words
** replace sanctum's; thousands of rules cost one lookup per word.
*/
#include <stdio.h>
#include <string.h>

#include "detect/watch.h"
#include "test.h"

struct seen {
	int n;
	int64_t rule;
	int distance;
	char near[64];
};

static int
see(void *ctx, const struct watch_hit *h)
{
	struct seen *s = ctx;

	s->n++;
	s->rule = h->rule;
	s->distance = h->distance;
	snprintf(s->near, sizeof(s->near), "%s", h->near);
	return 0;
}

static struct seen
read_text(struct watch_set *w, const char *text)
{
	struct seen s = { 0, 0, 0, "" };

	CHECK(watch_text(w, text, strlen(text), see, &s) == s.n);
	return s;
}

void
test_watch_rules(void)
{
	struct watch_set *w = watch_set_new();
	struct seen s;
	char big[512];
	int i;

	CHECK(w != NULL);
	CHECK(watch_set_rule(w, 1, "Quiet Harbour", NULL, 5) == 0);
	CHECK(watch_set_rule(w, 2, "QH", "screenshot, leak", 2) == 0);
	/* a name of no words, or of too many, is refused */
	CHECK(watch_set_rule(w, 3, "  --  ", NULL, 5) == -1);
	CHECK(watch_set_rule(w, 4, "one two three four five six seven eight "
	    "nine", NULL, 5) == -1);
	CHECK(watch_set_rule(w, 5, "QH", " , ", 5) == -1);
	CHECK(watch_rules(w) == 2);

	/* sanctum's words, whatever the case, accents, look-alike letters
	** and invisible characters */
	s = read_text(w, "A SCREENSHOT from Quiet Harbour went round.");
	CHECK(s.n == 1 && s.rule == 1 && strcmp(s.near, "screenshot") == 0);
	s = read_text(w, "quiet-harbour: someone is \xd1\x95ui\xd1\x81id"
	    "al");	/* Cyrillic dze and es */
	CHECK(s.n == 1 && strcmp(s.near, "suicidal") == 0);
	s = read_text(w, "Qui\xe2\x80\x8b" "et Harbour, sant\xc3\xa9 "
	    "MENTALE");	/* a zero-width space; French */
	CHECK(s.n == 1 && strcmp(s.near, "sant\xc3\xa9 mentale") == 0);
	/* whole words only */
	s = read_text(w, "Quiet Harbour on a bleak day, unleaked.");
	CHECK(s.n == 0);
	/* the name alone, or its words alone, is nothing */
	CHECK(read_text(w, "Quiet Harbour is a lovely place to sail.").n == 0);
	CHECK(read_text(w, "a screenshot of a suicidal post").n == 0);
	/* within the distance, and not one word further */
	s = read_text(w, "Quiet Harbour one two three four trauma");
	CHECK(s.n == 1 && s.distance == 5);
	CHECK(read_text(w, "Quiet Harbour one two three four five trauma").n ==
	    0);
	s = read_text(w, "trauma one two three four Quiet Harbour");
	CHECK(s.n == 1 && s.distance == 5);
	/* the nearest word is the one named */
	s = read_text(w, "abuse x Quiet Harbour leaked");
	CHECK(s.n == 1 && s.distance == 1 && strcmp(s.near, "leaked") == 0);
	/* a rule's own words replace sanctum's */
	CHECK(read_text(w, "QH trauma").n == 0);
	s = read_text(w, "QH x leak");
	CHECK(s.n == 1 && s.rule == 2);
	CHECK(read_text(w, "QH x y leak").n == 0);
	/* every place a name stands is a hit */
	CHECK(read_text(w, "QH leak. Later, QH screenshot.").n == 2);
	watch_set_free(w);

	/* thousands of rules: found in one pass, the right one */
	w = watch_set_new();
	for (i = 0; i < 5000; i++) {
		snprintf(big, sizeof(big), "circle%d", i);
		CHECK(watch_set_rule(w, i + 1, big, NULL, 10) == 0);
	}
	CHECK(watch_rules(w) == 5000);
	CHECK(watch_patterns(w) < 5000 + 64);
	s = read_text(w, "they posted a screenshot from circle4321 today");
	CHECK(s.n == 1 && s.rule == 4322);
	CHECK(watch_text(w, "", 0, see, &s) == 0);
	watch_set_free(w);
	CHECK(watch_words("don't  stop", 8) == 2);
}
