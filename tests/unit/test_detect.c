/*
** test_detect.c: normalisation, winnowing, the fingerprint index and the
** matcher's rules of evidence.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>

#include <unicode/uchar.h>
#include <unicode/uspoof.h>
#include <unicode/utf16.h>
#include <utf8proc.h>

#include "app.h"
#include "core/gate.h"
#include "community/post.h"
#include "crypto/fingerprint.h"
#include "detect/delta.h"
#include "detect/extract.h"
#include "detect/index.h"
#include "detect/live.h"
#include "detect/scan.h"
#include "detect/winnow.h"
#include "store/auditlog.h"
#include "store/community.h"
#include "store/db.h"
#include "store/fingerprints.h"
#include "test.h"
#include "text/normalize.h"
#include "util/util.h"

struct words {
	uint64_t h[256];
	int64_t s[256], e[256];
	int n;
};

static void
take_word(void *ctx, uint64_t h, int64_t s, int64_t e)
{
	struct words *w = ctx;

	if (w->n < 256) {
		w->h[w->n] = h;
		w->s[w->n] = s;
		w->e[w->n] = e;
		w->n++;
	}
}

/* Normalise text in one piece. */
static void
words_of(const char *text, struct words *w)
{
	struct norm n;

	memset(w, 0, sizeof(*w));
	norm_init(&n, take_word, w);
	norm_feed(&n, text, strlen(text));
	norm_finish(&n);
}

/* Do two texts normalise to the same words?  a is fed one byte at a
** time too, so every state that spans pieces is tried. */
static int
same_words(const char *a, const char *b)
{
	struct words x, y, z;
	struct norm n;
	size_t k;
	int i;

	memset(&z, 0, sizeof(z));
	norm_init(&n, take_word, &z);
	for (k = 0; a[k]; k++)
		norm_feed(&n, a + k, 1);
	norm_finish(&n);
	words_of(a, &x);
	words_of(b, &y);
	if (z.n != x.n)
		return 0;
	for (i = 0; i < x.n; i++)
		if (z.h[i] != x.h[i])
			return 0;
	if (x.n != y.n)
		return 0;
	for (i = 0; i < x.n; i++)
		if (x.h[i] != y.h[i])
			return 0;
	return 1;
}

void
test_normalize_equivalents(void)
{
	CHECK(same_words("I just want it to stop", "i JUST want it, to stop!"));
	CHECK(same_words("I don't know", "I dont know"));
	CHECK(same_words("I don\u2019t know", "I dont know"));
	CHECK(same_words("sui\u200Bcide", "suicide"));		/* zero width */
	CHECK(same_words("self\u00ADharm", "selfharm"));	/* soft hyphen */
	CHECK(same_words("\uFEFFhello", "hello"));
	CHECK(same_words("\xD1\x80\xD0\xB0ssword", "password"));	/* Cyrillic */
	CHECK(same_words("\xEF\xBD\x88\xEF\xBD\x85llo", "hello"));	/* fullwidth */
	CHECK(same_words("caf\xC3\xA9 na\xC3\xAFve", "cafe naive"));
	CHECK(same_words("cafe\xCC\x81", "cafe"));		/* combining mark */
	CHECK(same_words("l0ve", "love"));			/* OCR: 0/o */
	CHECK(same_words("I feel 1ike", "l feel like"));	/* OCR: 1/l/I */
	CHECK(same_words("STRASSE", "stra\xC3\x9F" "e"));	/* case folding */
	CHECK(!same_words("I feel fine", "I feel find"));
	CHECK(!same_words("self-harm", "selfharm"));	/* hyphens separate */
	/* web addresses make no words, wherever a piece ends */
	CHECK(same_words("see https://www.reddit.com/r/x/comments/1ab/t/?"
	    "utm_source=share&utm_medium=ios_app then", "see then"));
	CHECK(same_words("at www.example.org/a?b=c, or http://x.y <z>",
	    "at or z"));
	CHECK(same_words("a link\xC2\xA0http://caf\xC3\xA9.example/\xC3\xA9t"
	    "\xC3\xA9\xE3\x80\x80" "after", "a link after"));
	CHECK(!same_words("http is a protocol", "is a protocol"));
	CHECK(!same_words("the www of it", "the of it"));
}

/* Every character whose UTS #39 skeleton (ICU's spoof checker) is an
** ASCII letter's or digit's folds as that letter does, in a word. */
void
test_normalize_every_confusable(void)
{
	static const char ascii[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLM"
	    "NOPQRSTUVWXYZ0123456789";
	UChar skel[sizeof(ascii)][32], s[2], k[32];
	int slen[sizeof(ascii)], len, n, i, checked = 0, wrong = 0;
	char want[8], got[16];
	UErrorCode st = U_ZERO_ERROR;
	USpoofChecker *sc = uspoof_open(&st);
	uint8_t utf8[4];
	UChar32 cp;

	CHECK(!U_FAILURE(st));
	if (U_FAILURE(st))
		return;
	for (i = 0; ascii[i]; i++) {
		s[0] = (UChar)ascii[i];
		slen[i] = uspoof_getSkeleton(sc, 0, s, 1, skel[i], 32, &st);
	}
	for (cp = 0x80; cp <= 0x10ffff; cp++) {
		if (U_IS_SURROGATE(cp) || !u_isdefined(cp))
			continue;
		n = 0;
		U16_APPEND_UNSAFE(s, n, cp);
		st = U_ZERO_ERROR;
		len = uspoof_getSkeleton(sc, 0, s, n, k, 32, &st);
		if (U_FAILURE(st) || len <= 0)
			continue;
		for (i = 0; ascii[i]; i++)
			if (slen[i] == len && memcmp(skel[i], k, (size_t)len *
			    sizeof(UChar)) == 0)
				break;
		if (ascii[i] == '\0')
			continue;
		/* in the middle of a word, as in "wXrd" */
		n = (int)utf8proc_encode_char(cp, utf8);
		snprintf(want, sizeof(want), "w%cd", ascii[i]);
		snprintf(got, sizeof(got), "w%.*sd", n, (const char *)utf8);
		checked++;
		if (!same_words(want, got)) {
			if (wrong++ < 5)
				fprintf(stderr, "#   U+%04X does not fold as "
				    "'%c'\n", (unsigned)cp, ascii[i]);
		}
	}
	uspoof_close(sc);
	CHECK(checked > 1000);
	CHECK(wrong == 0);
	/* the one a real leak hid behind */
	CHECK(same_words("\xCF\xB2ould", "could"));	/* U+03F2 lunate sigma */
}

void
test_normalize_offsets(void)
{
	struct words w;
	struct norm n;
	const char *t = "Caf\xC3\xA9, \xE2\x80\x9Cna\xC3\xAFve\xE2\x80\x9D words";
	size_t i;

	words_of(t, &w);
	CHECK(w.n == 3);
	CHECK(w.s[0] == 0 && w.e[0] == 4);	/* "Café" */
	CHECK(w.s[1] == 7 && w.e[1] == 12);	/* "naïve" after ", “" */
	CHECK(w.s[2] == 14 && w.e[2] == 19);
	/* the same words and offsets when fed one byte at a time */
	{
		struct words b;
		memset(&b, 0, sizeof(b));
		norm_init(&n, take_word, &b);
		for (i = 0; t[i]; i++)
			norm_feed(&n, t + i, 1);
		norm_finish(&n);
		CHECK(b.n == 3);
		CHECK(memcmp(b.h, w.h, sizeof(w.h[0]) * 3) == 0);
		CHECK(b.s[1] == 7 && b.e[2] == 19);
	}
	/* invalid UTF-8 separates words; a broken sequence counts as one
	** character, as its U+FFFD replacement would */
	words_of("ab\xFF" "cd \xE2\x82 ef", &w);
	CHECK(w.n == 3 && w.s[1] == 3 && w.s[2] == 8);
}

/* Do text's words come out the same, hashes and offsets, fed whole (so
** that words with 16 bytes to read take the 16-byte path), one byte at a
** time (the byte loop only) and in pieces of 7? */
static int
same_fed_whole_and_in_pieces(const char *t)
{
	struct words a, b, c;
	struct norm n;
	size_t i, len = strlen(t);

	words_of(t, &a);
	memset(&b, 0, sizeof(b));
	norm_init(&n, take_word, &b);
	for (i = 0; i < len; i++)
		norm_feed(&n, t + i, 1);
	norm_finish(&n);
	memset(&c, 0, sizeof(c));
	norm_init(&n, take_word, &c);
	for (i = 0; i < len; i += 7)
		norm_feed(&n, t + i, len - i < 7 ? len - i : 7);
	norm_finish(&n);
	return a.n > 0 && a.n == b.n && a.n == c.n &&
	    memcmp(a.h, b.h, sizeof(a.h[0]) * (size_t)a.n) == 0 &&
	    memcmp(a.s, b.s, sizeof(a.s[0]) * (size_t)a.n) == 0 &&
	    memcmp(a.e, b.e, sizeof(a.e[0]) * (size_t)a.n) == 0 &&
	    memcmp(a.h, c.h, sizeof(a.h[0]) * (size_t)a.n) == 0 &&
	    memcmp(a.s, c.s, sizeof(a.s[0]) * (size_t)a.n) == 0 &&
	    memcmp(a.e, c.e, sizeof(a.e[0]) * (size_t)a.n) == 0;
}

/* norm_word_hash("sanctum") with NORM_VERSION 4 */
#define WORD_HASH_SANCTUM 0xc0ebcbfad942f186ULL

/* The 16-byte path for ASCII words (normalize.c) folds, hashes and
** places every word as the byte loop does: words of every length around
** its limits (8, 15 and 16 letters), each folded character, apostrophes
** and other bytes right where a word ends, web addresses.  The texts are
** long, so that their words have 16 bytes to read. */
void
test_normalize_fast_path(void)
{
	static const char *texts[] = {
		"l0ve 1ike I|l i1I0o LOVE like ILL lll words after them all",
		"a ab abc abcd abcde abcdef abcdefg abcdefgh abcdefghi "
		    "abcdefghijklmno abcdefghijklmnop abcdefghijklmnopq end",
		"abcdefghijklmn'o abcdefghijklmno's don't can`t it's "
		    "fifteen letters'",
		"abcdefghijklmno\xC3\xA9 caf\xC3\xA9 na\xC3\xAFve "
		    "abcdefghijklmnop\xE2\x80\x99s trailing words here",
		"see http://example.org/x?utm_source=share and "
		    "www.example.org, https:// then http.  www  words",
		"x.y,z;  !!  --  \t\n\r 0123456789 9876543210x words",
	};
	char long_text[2048];
	size_t i, o;

	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		CHECK(same_fed_whole_and_in_pieces(texts[i]));
	/* each word starting at every offset of a 16-byte window */
	for (o = 0, i = 0; i < 40 && o < sizeof(long_text) - 64; i++)
		o += (size_t)snprintf(long_text + o, sizeof(long_text) - o,
		    "%.*s%s", (int)(i % 17) + 1, "I0l1|iabcdefghijklmnopq",
		    i % 3 ? " " : ", ");
	CHECK(same_fed_whole_and_in_pieces(long_text));
	/* folded on the 16-byte path as the byte loop folds */
	CHECK(same_words("l0ve 1ike I|l, then some more words to read",
	    "love like lll, then some more words to read"));
	CHECK(!same_words("love 1ike it, then some more words to read",
	    "lave like it, then some more words to read"));
	/* stored fingerprints depend on a word's hash: a change of it
	** must come with a new NORM_VERSION, and this value with it */
	CHECK(NORM_VERSION == 4 &&
	    norm_word_hash("sanctum") == WORD_HASH_SANCTUM);
}

struct sel {
	uint64_t h[512];
	int n;
};

static void
take_sel(void *ctx, uint64_t h, int64_t k, int64_t s, int64_t e)
{
	struct sel *x = ctx;

	(void)k; (void)s; (void)e;
	if (x->n < 512)
		x->h[x->n++] = h;
}

static void
select_with(const char *text, int window, struct sel *x)
{
	struct winnow w;
	struct norm n;

	memset(x, 0, sizeof(*x));
	winnow_init(&w, window, take_sel, x);
	norm_init(&n, winnow_word, &w);
	norm_feed(&n, text, strlen(text));
	norm_finish(&n);
	winnow_finish(&w);
}

static void
select_of(const char *text, struct sel *x)
{
	select_with(text, WINNOW_W_SCAN, x);
}

void
test_winnow_guarantee(void)
{
	const char *shared = "the kettle clicked off and for a moment the "
	    "whole kitchen went quiet around me";
	char a[512], b[512];
	struct sel x, y;
	int i, j, common = 0;

	snprintf(a, sizeof(a), "alpha beta gamma delta %s epsilon zeta",
	    shared);
	snprintf(b, sizeof(b), "one two three four five six seven %s", shared);
	select_of(a, &x);
	select_of(b, &y);
	for (i = 0; i < x.n; i++)
		for (j = 0; j < y.n; j++)
			if (x.h[i] == y.h[j])
				common++;
	CHECK(common >= 1);
	/* density: about 2 / (W + 1) of the k-grams are selected */
	select_of(a, &x);
	CHECK(x.n >= 4 && x.n <= 16);
	/* every k-gram the scan's window selects in a shared run, the
	** index's smaller window selected from the post too */
	select_with(shared, WINNOW_W_SCAN, &x);
	select_with(b, WINNOW_W_INDEX, &y);
	CHECK(x.n >= 2 && y.n > x.n);
	for (i = 0; i < x.n; i++) {
		int found = 0;
		for (j = 0; j < y.n; j++)
			found |= x.h[i] == y.h[j];
		CHECK(found);
	}
	/* a text shorter than a window still yields its minimum */
	select_of("just five words right here", &x);
	CHECK(x.n == 1);
	select_of("four words only here", &x);
	CHECK(x.n == 0);
}

/* A community with posts whose bodies are given; ids in ids[].  Returns
** a gate onto it (gate_free it before app_close). */
static struct gate *
make_posts(struct app *a, const char **bodies, int n, int64_t *ids)
{
	struct gate *gt;
	struct app_opts o = { 0 };
	static char db[512];
	char err[ERR_MAX], name[32];
	int64_t g, m;
	int i;

	snprintf(db, sizeof(db), "%s/d.db", test_tmpdir());
	o.db_path = db;
	CHECK(app_create(&o, a, err) == 0);
	gt = test_gate(a);
	test_gate_begin(gt);
	CHECK(community_group_add(a->db, "Evening circle", "", 14, 1, &g) == 0);
	for (i = 0; i < n; i++) {
		struct post_new np = { 0 };
		snprintf(name, sizeof(name), "member-%d", i);
		CHECK(community_member_add(a->db, name, 0, 1, &m) == 0);
		np.group_id = g;
		np.member_id = m;
		np.created_at = 1;
		np.body = bodies[i];
		CHECK(post_create(gt, &np, &ids[i]) == 0);
	}
	test_gate_commit(gt);
	return gt;
}

/* A community of posts and its index, for the scanner's tests. */
struct indexed {
	struct app a;
	struct gate *g;
	struct fpindex *ix;
};

/* Make a community of the n posts bodies (their numbers go to ids) and
** build its index, which it returns. */
static const struct fpindex *
indexed_make(struct indexed *t, const char **bodies, int n, int64_t *ids)
{
	char err[ERR_MAX];

	t->g = make_posts(&t->a, bodies, n, ids);
	CHECK(index_build(t->g, &t->ix, err) == 0);
	return t->ix;
}

static void
indexed_free(struct indexed *t)
{
	index_free(t->ix);
	gate_free(t->g);
	app_close(&t->a);
}

/* Words from..from+count-1 of a text that never repeats a 5-word run
** (word i is one of 21 words and i / 21), into out (n bytes). */
static void
spread_words(size_t from, size_t count, char *out, size_t n)
{
	static const char *words[] = { "river", "lantern", "quiet", "bread",
	    "window", "morning", "sister", "garden", "letter", "bicycle",
	    "kettle", "harbour", "ladder", "pencil", "blanket", "orange",
	    "meadow", "violin", "pepper", "candle", "thunder" };
	const size_t nw = sizeof(words) / sizeof(words[0]);
	size_t i, o = 0;

	out[0] = '\0';
	for (i = from; i < from + count && o < n; i++)
		o += (size_t)snprintf(out + o, n - o, "%s%zu ", words[i % nw],
		    i / nw);
}

/* Three phrases of 9 words from three places of a post of 45 words, side
** by side, into out (n bytes): no run is 10 words, yet they hold 8
** fingerprints or more of the post, enough if places did not count. */
static void
three_places(size_t base, char *out, size_t n)
{
	size_t o;

	spread_words(base, 9, out, n);
	o = strlen(out);
	spread_words(base + 18, 9, out + o, n - o);
	o = strlen(out);
	spread_words(base + 36, 9, out + o, n - o);
}

/* Scan text against ix; returns the number of posts matched and the
** first match's post id and coverage. */
static size_t
scan_text(const struct fpindex *ix, const char *text, int64_t *post,
    double *coverage, int64_t *span_start, int64_t *span_end)
{
	struct scanner s;
	struct scan_match *m;
	size_t n;

	scanner_init(&s, ix, NULL, SCAN_MIN_FPS, SCAN_MIN_WORDS);
	scanner_feed(&s, text, strlen(text));
	CHECK(scanner_finish(&s, &m, &n) == 0);
	if (n > 0) {
		if (post)
			*post = m[0].post_id;
		if (coverage)
			*coverage = m[0].coverage;
		if (span_start && m[0].nspans) {
			*span_start = m[0].spans[0][0];
			*span_end = m[0].spans[m[0].nspans - 1][1];
		}
	}
	scan_matches_free(m, n);
	scanner_free(&s);
	return n;
}

static const char *posts[] = {
	"Tonight I finally told my sister about the panic attacks, and she "
	"just listened and made tea. I did not expect that to help as much as "
	"it did. I don't know what to do anymore about work, but at least "
	"someone at home knows now.",
	"The anniversary of my dad's death is next week and I keep starting "
	"letters to him that I never finish. Writing them at the kitchen "
	"table feels strange but also like the only honest thing I do.",
	"Some mornings the fog lifts by ten and some mornings it never does. "
	"My counsellor says to notice the ten o'clock mornings instead of "
	"counting the grey ones, so that is what I am practising.",
	"I don't know what to do anymore. I just want it to stop. My neighbour "
	"plays drums until midnight and I have not slept properly in weeks.",
	"I don't know what to do anymore. I just want it to stop. The new "
	"medication makes everything taste of metal and I miss real coffee.",
	"I don't know what to do anymore. I just want it to stop. Our landlord "
	"keeps promising to fix the heating and then never turns up at all.",
	"I don't know what to do anymore. I just want it to stop. The bus to "
	"the clinic was cancelled twice this month and I had to walk there.",
	"I don't know what to do anymore. I just want it to stop. Every form "
	"the council sends asks the same questions in a different order.",
};
#define NPOSTS ((int)(sizeof(posts) / sizeof(posts[0])))

void
test_scan_finds_copies(void)
{
	struct indexed t;
	const struct fpindex *ix;
	int64_t ids[NPOSTS], post = 0, s0 = -1, s1 = -1;
	double cov = 0;
	char text[2048];

	ix = indexed_make(&t, posts, NPOSTS, ids);
	/* an exact copy inside unrelated text */
	snprintf(text, sizeof(text), "Weather today: light rain. %s Thanks for "
	    "reading our page.", posts[1]);
	CHECK(scan_text(ix, text, &post, &cov, &s0, &s1) == 1);
	CHECK(post == ids[1]);
	CHECK(cov > 0.9);
	/* the span starts and ends within a few words of the copy's ends
	** (only the selected k-grams are looked up) */
	CHECK(s0 >= 27 && s0 <= 27 + 30);
	CHECK(s1 <= 27 + (int64_t)strlen(posts[1]) &&
	    s1 >= 27 + (int64_t)strlen(posts[1]) - 40);
	/* a 12-word excerpt with a look-alike letter in each of three words
	** (U+0455 for s, U+043E for o, U+03BD for v) */
	CHECK(scan_text(ix, "Seen in a chat: I keep \u0455tarting letters "
	    "t\u043E him that I ne\u03BDer finish. Writing them", &post, NULL,
	    NULL, NULL) == 1 && post == ids[1]);
	/* re-cased, re-punctuated, with zero-width characters */
	CHECK(scan_text(ix, "the anniversary of my dads death is next week, "
	    "and i keep STARTING letters to him -- that i never fin\u200Bish",
	    &post, NULL, NULL, NULL) == 1 && post == ids[1]);
	/* one sentence, excerpted */
	CHECK(scan_text(ix, "someone wrote: My counsellor says to notice the "
	    "ten o'clock mornings instead of counting the grey ones.", &post,
	    &cov, NULL, NULL) == 1 && post == ids[2] && cov < 0.8);
	/* unrelated text */
	CHECK(scan_text(ix, "A recipe for lentil soup: onions, carrots, cumin, "
	    "stock, and an hour on a low heat while the radio plays.", NULL,
	    NULL, NULL, NULL) == 0);
	indexed_free(&t);
}

void
test_scan_common_phrases_are_not_evidence(void)
{
	struct indexed t;
	const struct fpindex *ix;
	int64_t ids[NPOSTS];

	ix = indexed_make(&t, posts, NPOSTS, ids);
	/* shared by five posts: a common phrase, never a leak by itself */
	CHECK(scan_text(ix, "Honestly, I don't know what to do anymore. I just "
	    "want it to stop.", NULL, NULL, NULL, NULL) == 0);
	/* two common sentences side by side, in an unrelated page */
	CHECK(scan_text(ix, "Forum signature: I don't know what to do anymore. "
	    "I just want it to stop. I don't know what to do anymore.", NULL,
	    NULL, NULL, NULL) == 0);
	/* pieces of one post, each shorter than an excerpt that counts,
	** scattered far apart in a large input: they do not add up */
	{
		static const char *pieces[] = { "Tonight I finally told my",
		    "sister about the panic attacks", "and she just listened "
		    "and made", "tea. I did not expect", "that to help as much",
		    "as it did. I don't know" };
		size_t cap = 1 << 20, o = 0, p;
		char *big = malloc(cap);
		int i;
		for (p = 0; p < sizeof(pieces) / sizeof(pieces[0]); p++) {
			o += (size_t)snprintf(big + o, cap - o, "%s ",
			    pieces[p]);
			for (i = 0; i < 400; i++)
				o += (size_t)snprintf(big + o, cap - o, "filler "
				    "%d words about gardens and buses. ", i);
		}
		CHECK(scan_text(ix, big, NULL, NULL, NULL, NULL) == 0);
		/* while the same pieces together are the post */
		for (o = 0, p = 0; p < sizeof(pieces) / sizeof(pieces[0]); p++)
			o += (size_t)snprintf(big + o, cap - o, "%s ",
			    pieces[p]);
		CHECK(scan_text(ix, big, NULL, NULL, NULL, NULL) == 1);
		free(big);
	}
	indexed_free(&t);
}

void
test_index_follows_edits_and_deletes(void)
{
	struct gate *g;
	struct fpindex *ix;
	struct app a;
	int64_t ids[NPOSTS], post = 0;
	uint32_t version = 0;
	char err[ERR_MAX], path[600];
	const char *fresh = "After the group call I walked to the river and "
	    "counted herons until my breathing slowed back down to normal.";

	g = make_posts(&a, posts, NPOSTS, ids);
	test_gate_begin(g);
	CHECK(post_edit(g, ids[2], fresh) == 0);
	CHECK(post_delete(g, ids[1]) == 0);
	CHECK(post_delete(g, ids[1]) == 1);
	test_gate_commit(g);
	CHECK(index_build(g, &ix, err) == 0);
	CHECK(ix->nposts == NPOSTS - 1);
	CHECK(scan_text(ix, posts[1], NULL, NULL, NULL, NULL) == 0);
	CHECK(scan_text(ix, posts[2], NULL, NULL, NULL, NULL) == 0);
	CHECK(scan_text(ix, fresh, &post, NULL, NULL, NULL) == 1 &&
	    post == ids[2]);
	/* the exported file scans the same, and is refused when damaged */
	snprintf(path, sizeof(path), "%s/x.idx", test_tmpdir());
	CHECK(index_export(ix, path, err) == 0);
	index_free(ix);
	CHECK(index_load_file(path, 0, &ix, err) == 0);
	CHECK(scan_text(ix, fresh, &post, NULL, NULL, NULL) == 1 &&
	    post == ids[2]);
	CHECK(scan_text(ix, posts[0], &post, NULL, NULL, NULL) == 1 &&
	    post == ids[0]);
	index_free(ix);
	{
		FILE *f = fopen(path, "r+b");
		CHECK(fseek(f, 8, SEEK_SET) == 0 &&
		    fread(&version, sizeof(version), 1, f) == 1);
		fseek(f, 0, SEEK_END);
		CHECK(ftruncate(fileno(f), ftell(f) - 3) == 0);
		fclose(f);
	}
	CHECK(index_load_file(path, 0, &ix, err) == -1);
	CHECK(strstr(err, "truncated") != NULL);
	{
		/* a file of the older version, which named posts' groups and
		** authors, is refused with what to do */
		uint32_t v = 2;
		FILE *f = fopen(path, "r+b");
		fseek(f, 8, SEEK_SET);
		CHECK(fwrite(&v, sizeof(v), 1, f) == 1);
		fclose(f);
	}
	CHECK(index_load_file(path, 0, &ix, err) == -1);
	CHECK(strstr(err, "export it again") != NULL);
	{
		/* a file of this version whose words were made another way
		** (an older normaliser) would find nothing: refused too */
		uint64_t params = WINNOW_PARAMS - 1000;
		FILE *f = fopen(path, "r+b");
		fseek(f, 8, SEEK_SET);
		CHECK(fwrite(&version, sizeof(version), 1, f) == 1);
		fseek(f, 48, SEEK_SET);
		CHECK(fwrite(&params, sizeof(params), 1, f) == 1);
		fclose(f);
	}
	CHECK(index_load_file(path, 0, &ix, err) == -1);
	CHECK(strstr(err, "words or fingerprints another way") != NULL);
	/* a post fingerprinted by an older sanctum (other parameters and
	** other fingerprints) is fingerprinted again before the build, so
	** it keeps matching */
	CHECK(db_exec_literal(a.db, "UPDATE post_fingerprints SET params = 1, "
	    "fps = x'0102030405060708' WHERE post_id = (SELECT min(post_id) "
	    "FROM post_fingerprints)") == 0);
	CHECK(fingerprints_stale(a.db, WINNOW_PARAMS) == 1);
	/* inside a caller's transaction, which may yet be rolled back, it
	** is left out and nothing is written */
	test_gate_begin(g);
	CHECK(index_build(g, &ix, err) == 0);
	CHECK(ix->nposts == NPOSTS - 2);
	CHECK(fingerprints_stale(a.db, WINNOW_PARAMS) == 1);
	index_free(ix);
	gate_rollback(g);
	CHECK(index_build(g, &ix, err) == 0);
	CHECK(fingerprints_stale(a.db, WINNOW_PARAMS) == 0);
	CHECK(ix->nposts == NPOSTS - 1);
	CHECK(scan_text(ix, posts[0], &post, NULL, NULL, NULL) == 1 &&
	    post == ids[0]);
	index_free(ix);
	/* a stale post whose sealed body cannot be opened stays out, and
	** keeps no other post out of the index */
	CHECK(db_exec_literal(a.db, "UPDATE post_fingerprints SET params = 1 "
	    "WHERE post_id = (SELECT min(post_id) FROM post_fingerprints)")
	    == 0);
	test_gate_begin(g);
	CHECK(db_exec_literal(a.db, "UPDATE posts SET body_sealed = x'00' "
	    "WHERE id = (SELECT min(post_id) FROM post_fingerprints)") == 0);
	test_gate_commit(g);
	CHECK(index_build(g, &ix, err) == 0);
	CHECK(ix->nposts == NPOSTS - 2);
	CHECK(scan_text(ix, posts[3], &post, NULL, NULL, NULL) == 1 &&
	    post == ids[3]);
	index_free(ix);
	gate_free(g);
	app_close(&a);
}

void
test_index_keyed(void)
{
	struct app a, b;
	struct gate *ga, *gb;
	struct fpindex *x, *y;
	int64_t ids[NPOSTS];
	char err[ERR_MAX];
	uint64_t *fa, *fb;
	size_t na, nb;
	int64_t w;
	struct fpkey ka, kb;

	ga = make_posts(&a, posts, 1, ids);
	gb = make_posts(&b, posts, 1, ids);
	CHECK(index_build(ga, &x, err) == 0);
	CHECK(index_build(gb, &y, err) == 0);
	/* another community's key gives other fingerprints for one text */
	fingerprint_key(a.kr, &ka);
	fingerprint_key(b.kr, &kb);
	CHECK(index_post_fingerprints(&ka, posts[0], &fa, &na, &w) == 0);
	CHECK(index_post_fingerprints(&kb, posts[0], &fb, &nb, &w) == 0);
	CHECK(na == nb && na > 5 && memcmp(fa, fb, na * 8) != 0);
	CHECK(scan_text(y, posts[0], NULL, NULL, NULL, NULL) == 1);
	free(fa);
	free(fb);
	index_free(x);
	index_free(y);
	gate_free(ga);
	gate_free(gb);
	app_close(&a);
	app_close(&b);
}

/* A made-up post of 30 words drawn from a small vocabulary, different for
** every seed. */
static void
made_up_post(unsigned seed, char *out, size_t cap)
{
	static const char *vocab[] = {
		"quiet", "kitchen", "window", "morning", "letter", "river",
		"breathing", "sister", "heron", "counsellor", "walk", "tea",
		"bus", "clinic", "evening", "garden", "rain", "blanket",
		"radio", "notebook", "bridge", "candle", "stairs", "harbour",
		"orchard", "lantern", "meadow", "pebble", "sparrow", "tunnel",
		"violet", "whistle",
	};
	uint64_t x = seed * 0x9e3779b97f4a7c15ULL + 1;
	size_t len = 0;
	int i;

	out[0] = '\0';
	for (i = 0; i < 30; i++) {
		x = x * 6364136223846793005ULL + 1442695040888963407ULL;
		len += (size_t)snprintf(out + len, cap - len, "%s%s",
		    i ? " " : "", vocab[(x >> 33) % 32]);
	}
}

void
test_index_filter(void)
{
	struct app a;
	struct app_opts o = { 0 };
	struct gate *gt;
	struct fpindex *ix, *lx;
	struct fpkey key;
	char err[ERR_MAX], db[512], path[600], body[512], text[4096];
	int64_t g, m, id, words, post = 0, s0 = -1, s1 = -1, entries;
	uint64_t *fps, x = 12345, passed = 0, lost = 0, marked = 0, total = 0;
	size_t n, i, len;
	unsigned p;
	const int nposts = 2500;	/* more than 2048: two radix passes */

	snprintf(db, sizeof(db), "%s/f.db", test_tmpdir());
	o.db_path = db;
	CHECK(app_create(&o, &a, err) == 0);
	gt = test_gate(&a);
	test_gate_begin(gt);
	CHECK(community_group_add(a.db, "Garden circle", "", 14, 1, &g) == 0);
	CHECK(community_member_add(a.db, "member-f", 0, 1, &m) == 0);
	for (p = 0; p < (unsigned)nposts; p++) {
		struct post_new np = { 0 };
		made_up_post(p, body, sizeof(body));
		np.group_id = g;
		np.member_id = m;
		np.created_at = 1;
		np.body = body;
		CHECK(post_create(gt, &np, &id) == 0);
	}
	test_gate_commit(gt);
	CHECK(index_build(gt, &ix, err) == 0);
	CHECK(ix->nposts == (uint32_t)nposts && ix->filter_blocks > 0);
	/* no fingerprint that the scan selects from a post and that can
	** count is filtered out; the others are marked as the scan's */
	fingerprint_key(a.kr, &key);
	for (p = 0; p < (unsigned)nposts && !lost; p++) {
		made_up_post(p, body, sizeof(body));
		CHECK(index_post_fingerprints(&key, body, &fps, &n, &words)
		    == 0);
		for (i = 0; i < n; i++) {
			const struct index_entry *e;
			uint64_t h = index_filter_hash(ix, fps[i]);
			marked += (fps[i] & INDEX_FP_SCAN) != 0;
			if ((fps[i] & INDEX_FP_SCAN) &&
			    index_lookup(ix, fps[i], &e) > 0 &&
			    !index_filter_maybe(index_filter_block(ix, h), h))
				lost++;
			/* and none at all from the filter of every one */
			if (index_lookup(ix, fps[i], &e) > 0 &&
			    !index_filter_maybe(index_filter_all_block(ix, h),
			    h))
				lost++;
		}
		total += n;
		free(fps);
	}
	CHECK(lost == 0);
	/* the scan's window selects about two in five k-grams, the index's
	** about two in three: a little over half of them are marked */
	CHECK(marked * 10 > total * 4 && marked * 10 < total * 8);
	/* and most fingerprints of no post are */
	for (i = 0; i < 100000; i++) {
		uint64_t h;
		x = x * 6364136223846793005ULL + 1442695040888963407ULL;
		h = index_filter_hash(ix, x);
		passed += (uint64_t)index_filter_maybe(index_filter_block(ix, h),
		    h);
	}
	CHECK(passed < 5000);
	/* the exported file carries the same filter */
	snprintf(path, sizeof(path), "%s/f.idx", test_tmpdir());
	CHECK(index_export(ix, path, err) == 0);
	CHECK(index_load_file(path, 1, &lx, err) == 0);
	CHECK(lx->filter_blocks == ix->filter_blocks &&
	    lx->filter_all_blocks == ix->filter_all_blocks &&
	    ix->filter_all_blocks > ix->filter_blocks &&
	    memcmp(lx->filter, ix->filter, index_filter_bytes(ix)) == 0);
	CHECK(index_bytes(ix) == index_bytes(lx));
	/* three posts copied in reverse order into one text: each is found
	** with its own span (hits sorted by post keep their text order) */
	len = 0;
	for (p = 2400; p > 2400 - 3 * 700; p -= 700) {
		made_up_post(p, body, sizeof(body));
		len += (size_t)snprintf(text + len, sizeof(text) - len,
		    "Unrelated words about the weather and a bake sale. %s ",
		    body);
	}
	{
		struct scanner s;
		struct scan_match *mt;
		size_t nm, k;
		int found = 0;
		scanner_init(&s, lx, NULL, SCAN_MIN_FPS, SCAN_MIN_WORDS);
		scanner_feed(&s, text, len);
		CHECK(scanner_finish(&s, &mt, &nm) == 0);
		for (k = 0; k < nm; k++) {
			size_t q;
			CHECK(mt[k].nspans >= 1);
			for (q = 1; q < mt[k].nspans; q++)
				CHECK(mt[k].spans[q][0] >= mt[k].spans[q - 1][1]);
			if (mt[k].coverage > 0.9)
				found++;
		}
		CHECK(found == 3);
		scan_matches_free(mt, nm);
		scanner_free(&s);
	}
	made_up_post(1000, body, sizeof(body));
	CHECK(scan_text(lx, body, &post, NULL, &s0, &s1) >= 1);
	index_free(lx);
	/* after an upgrade every post is fingerprinted again, in batches
	** that are transactions of their own (2 500 posts: two), to the
	** same index */
	entries = auditlog_count(a.db);
	CHECK(db_exec_literal(a.db, "UPDATE post_fingerprints SET params = 1")
	    == 0);
	CHECK(index_build(gt, &lx, err) == 0);
	CHECK(fingerprints_stale(a.db, WINNOW_PARAMS) == 0);
	CHECK(lx->nposts == ix->nposts && lx->nentries == ix->nentries);
	CHECK(auditlog_count(a.db) == entries + 2);
	index_free(lx);
	index_free(ix);
	gate_free(gt);
	app_close(&a);
}

/* Scan text with a live view; returns the number of posts matched and the
** first one's number in *post. */
static size_t
scan_view(const struct live_view *v, const char *text, int64_t *post)
{
	struct scanner s;
	struct scan_match *m;
	size_t n, k;

	scanner_init(&s, v->ix, v->delta, SCAN_MIN_FPS, SCAN_MIN_WORDS);
	scanner_feed(&s, text, strlen(text));
	CHECK(scanner_finish(&s, &m, &n) == 0);
	for (k = 0; k < n && post; k++)
		if (m[k].coverage > 0.5) {
			*post = m[k].post_id;
			break;
		}
	scan_matches_free(m, n);
	scanner_free(&s);
	return n;
}

void
test_live_follows_writes(void)
{
	static const char *fresh = "The allotment smelled of wet earth and "
	    "tomato leaves this morning, and for an hour nothing else needed "
	    "to be decided by me.";
	static const char *edited = "We repainted the hallway a pale green "
	    "and the whole flat feels like somewhere I am allowed to rest now.";
	struct live_view *v, *v2;
	struct post_new np = { 0 };
	struct app a;
	struct gate *g;
	int64_t ids[NPOSTS], post = 0, nid, gid, mid, sid;
	char err[ERR_MAX], touched[512], spread[1024], text[1024];
	int64_t base_gen;
	size_t o;
	int k;

	g = make_posts(&a, posts, NPOSTS, ids);
	v = live_take(g, err);
	CHECK(v != NULL && v->delta == NULL);
	CHECK(scan_view(v, posts[1], &post) == 1 && post == ids[1]);
	/* a post written, one edited and one deleted since the index */
	test_gate_begin(g);
	CHECK(community_group_by_name(a.db, "Evening circle", &gid) == 1);
	CHECK(community_member_by_pseudonym(a.db, "member-0", &mid) == 1);
	np.group_id = gid;
	np.member_id = mid;
	np.created_at = 2;
	np.body = fresh;
	CHECK(post_create(g, &np, &nid) == 0);
	CHECK(post_edit(g, ids[2], edited) == 0);
	CHECK(post_delete(g, ids[1]) == 0);
	spread_words(3000, 45, spread, sizeof(spread));
	np.body = spread;
	CHECK(post_create(g, &np, &sid) == 0);
	snprintf(touched, sizeof(touched), "%s Thank you for reading.",
	    posts[0]);
	CHECK(post_edit(g, ids[0], touched) == 0);
	test_gate_commit(g);
	/* the view a scan already holds does not change under it */
	CHECK(scan_view(v, posts[1], &post) == 1 && post == ids[1]);
	/* the next view follows, without a new base */
	v2 = live_take(g, err);
	CHECK(v2 != NULL && v2 != v && v2->ix == v->ix && v2->delta != NULL);
	CHECK(v2->generation > v->generation);
	post = 0;
	CHECK(scan_view(v2, fresh, &post) == 1 && post == nid);
	post = 0;
	CHECK(scan_view(v2, edited, &post) == 1 && post == ids[2]);
	/* places are kept for the posts written since, too */
	three_places(3000, text, sizeof(text));
	CHECK(scan_view(v2, text, NULL) == 0);
	/* 40 of its words with every eighth changed: one passage only
	** where the post is against the text stays the same */
	for (k = 0, o = 0; k < 5; k++) {
		spread_words(3000 + 8 * (size_t)k, 7, text + o,
		    sizeof(text) - o);
		o = strlen(text);
		o += (size_t)snprintf(text + o, sizeof(text) - o, "quietly ");
	}
	CHECK(scan_view(v2, text, NULL) == 1);	/* its words are sid's */
	CHECK(scan_view(v2, posts[2], NULL) == 0);	/* the old text */
	CHECK(scan_view(v2, posts[1], NULL) == 0);	/* deleted */
	post = 0;
	CHECK(scan_view(v2, posts[0], &post) == 1 && post == ids[0]);
	/* a short excerpt of a post edited a little: the index's old
	** version does not count as another post holding the words */
	CHECK(scan_view(v2, "Tonight I finally told my sister about the panic "
	    "attacks, and she just listened", NULL) == 1);
	live_give(v);
	/* nothing changed: the same view again */
	v = live_take(g, err);
	CHECK(v == v2);
	live_give(v);
	/* past the limit, a new base is built in the background, and the
	** view after it has no delta */
	live_limits(0);
	test_gate_begin(g);
	CHECK(post_delete(g, ids[3]) == 0);
	test_gate_commit(g);
	v = live_take(g, err);
	CHECK(v != NULL && scan_view(v, posts[3], NULL) == 0);
	base_gen = v2->ix->generation;
	live_give(v);
	live_give(v2);
	live_limits(5000);
	for (k = 0; k < 500; k++) {	/* the rebuild takes milliseconds */
		v = live_take(g, err);
		if (v == NULL || v->delta == NULL)
			break;
		live_give(v);
		usleep(10000);
	}
	CHECK(v != NULL && v->delta == NULL && v->ix->generation > base_gen);
	CHECK(v != NULL && scan_view(v, posts[3], NULL) == 0);
	post = 0;
	CHECK(scan_view(v, fresh, &post) == 1 && post == nid);
	live_give(v);
	live_stop();
	gate_free(g);
	app_close(&a);
}

/* A share link is the same in countless posts and pages: a post holding
** one is not found in a page that holds the same kind of link. */
void
test_scan_links_are_not_evidence(void)
{
	struct indexed t;
	const struct fpindex *ix;
	static const char *linked[] = {
		"Found this thread helpful, sharing it here for anyone who "
		"needs it https://www.reddit.com/r/support/comments/1abcde/"
		"how_to_get_through_the_night/?utm_source=share&utm_medium="
		"ios_app&utm_name=iossmf&utm_term=1 and good luck tonight.",
		"My own words about the garden and the long walk home after "
		"the appointment, which I will not forget in a hurry at all.",
	};
	int64_t ids[2], post = 0;

	ix = indexed_make(&t, linked, 2, ids);
	CHECK(scan_text(ix, "Someone else wrote about their week, and "
	    "then https://www.reddit.com/r/support/comments/1abcde/"
	    "how_to_get_through_the_night/?utm_source=share&utm_medium="
	    "ios_app&utm_name=iossmf&utm_term=1 was posted below it.", NULL,
	    NULL, NULL, NULL) == 0);
	/* and the words around a link still find a post */
	CHECK(scan_text(ix, "quoted: Found this thread helpful, sharing it "
	    "here for anyone who needs it https://example.org/x and good "
	    "luck tonight.", &post, NULL, NULL, NULL) == 1 && post == ids[0]);
	indexed_free(&t);
}

/* A phrase that other posts hold too (one member's sign-off, a stock
** phrase) names no post on its own; a post written twice is still found,
** by its long run of shared words. */
void
test_scan_shared_phrases_are_not_evidence(void)
{
	struct indexed t;
	const struct fpindex *ix;
	static const char *signed_off[] = {
		"The group helped me sleep before the hearing even though I "
		"shook the whole way there. Take good care of yourselves, from "
		"the quiet one in the Thursday circle",
		"My brother came to the allotment and we planted leeks without "
		"saying much, which was exactly right. Take good care of "
		"yourselves, from the quiet one in the Thursday circle",
		"I wrote the same thing in two groups because I did not know "
		"where it belonged: the night shifts are wearing me down and I "
		"am scared of what I think about at four in the morning.",
		"I wrote the same thing in two groups because I did not know "
		"where it belonged: the night shifts are wearing me down and I "
		"am scared of what I think about at four in the morning.",
	};
	int64_t ids[4], post = 0;

	ix = indexed_make(&t, signed_off, 4, ids);
	/* the sign-off, 11 words that two posts hold, quoted elsewhere */
	CHECK(scan_text(ix, "A reply on another site ended: take good care of "
	    "yourselves, from the quiet one in the Thursday circle. Then the "
	    "thread moved on to gardening.", NULL, NULL, NULL, NULL) == 0);
	/* a post's own words with the sign-off still find that post */
	CHECK(scan_text(ix, "we planted leeks without saying much, which was "
	    "exactly right. Take good care", &post, NULL, NULL, NULL) == 1 &&
	    post == ids[1]);
	/* a post written twice: an excerpt names both */
	CHECK(scan_text(ix, "copied: the night shifts are wearing me down and "
	    "I am scared of what I think about at four in the morning", NULL,
	    NULL, NULL, NULL) == 2);
	indexed_free(&t);
}

/* Two stock phrases of the genre side by side in an outside text, each
** held by a few posts (fewer than the common-phrase cut-off of a small
** community), name no one, not even the post that holds both. */
void
test_scan_two_stock_phrases_name_nobody(void)
{
	struct indexed t;
	const struct fpindex *ix;
	static const char *stock[] = {
		"Since the move I feel like my life is falling apart at the "
		"seams. The boxes are still all over the place, but I keep "
		"telling myself the cat has found the sunny windowsill.",
		"Some days I feel like my life is falling apart at the seams "
		"and I am only watching it from the corner of the room.",
		"My notes for the meeting were all over the place, but I keep "
		"going back to them and nobody rushed me at all.",
	};
	int64_t ids[3];

	ix = indexed_make(&t, stock, 3, ids);
	CHECK(ix->common_df >= 3);	/* each phrase is below the cut-off */
	CHECK(scan_text(ix, "Posted on another forum: honestly I feel like my "
	    "life is falling apart at the seams, all over the place, but I "
	    "keep going to work.", NULL, NULL, NULL, NULL) == 0);
	indexed_free(&t);
}

/* Phrases of one post from two places far apart in it, side by side in
** an outside text, name no one: the post's k-grams would be enough
** evidence if it did not matter where in the post they are (index.h).  A
** copy with a word dropped or added is still one passage. */
void
test_scan_two_places_name_nobody(void)
{
	struct indexed t;
	const struct fpindex *ix;
	static const char *far[] = {
		"Last spring the orchard behind the old library flooded twice "
		"and nobody from the council came to look. We waited with the "
		"boots on for a week. Later that summer my grandmother showed "
		"me how she kept every letter in a biscuit tin under the "
		"stairs, tied with ribbon by the year they came.",
	};
	char spread[1024], text[1024];
	const char *bodies[2];
	int64_t ids[2], post = 0;

	spread_words(0, 45, spread, sizeof(spread));
	bodies[0] = far[0];
	bodies[1] = spread;
	ix = indexed_make(&t, bodies, 2, ids);
	/* three phrases of a post's three places, side by side */
	three_places(0, text, sizeof(text));
	CHECK(scan_text(ix, text, NULL, NULL, NULL, NULL) == 0);
	/* while 12 of its words in a row are found */
	spread_words(20, 12, text, sizeof(text));
	CHECK(scan_text(ix, text, &post, NULL, NULL, NULL) == 1 &&
	    post == ids[1]);
	CHECK(scan_text(ix, "Overheard: the orchard behind the old library "
	    "flooded twice, kept every letter in a biscuit tin, they said.",
	    NULL, NULL, NULL, NULL) == 0);
	/* the first sentence with a word dropped, the last with one added */
	CHECK(scan_text(ix, "Overheard: last spring the orchard behind the "
	    "library flooded twice and nobody from the council came to look.",
	    &post, NULL, NULL, NULL) == 1 && post == ids[0]);
	CHECK(scan_text(ix, "Overheard: my grandmother showed me how she "
	    "always kept every letter in a biscuit tin under the stairs.",
	    &post, NULL, NULL, NULL) == 1 && post == ids[0]);
	indexed_free(&t);
}

/* A post of more k-grams than a place can count (index.h): an excerpt
** across the count's turn, and one far past it, are still one passage. */
void
test_scan_places_turn_over(void)
{
	struct indexed t;
	const struct fpindex *ix;
	char *body = malloc(8192), *seen = malloc(1024), *part[1];
	int64_t ids[1], post = 0;
	size_t o, from[2] = { 251, 700 }, k;

	CHECK(body != NULL && seen != NULL);
	spread_words(0, 800, body, 8192);
	part[0] = body;
	ix = indexed_make(&t, (const char **)part, 1, ids);
	for (k = 0; k < 2; k++) {
		/* 12 words: 5 k-grams before the turn, 3 after */
		spread_words(from[k], 12, seen, 1024);
		post = 0;
		CHECK(scan_text(ix, seen, &post, NULL, NULL, NULL) == 1 &&
		    post == ids[0]);
	}
	/* the post's first 24 words with a word added after the 8th and
	** the 16th: where the post is against the text goes from 0 to 255
	** and 254, and it is still one passage */
	spread_words(0, 8, seen, 1024);
	o = strlen(seen);
	o += (size_t)snprintf(seen + o, 1024 - o, "truly ");
	spread_words(8, 8, seen + o, 1024 - o);
	o = strlen(seen);
	o += (size_t)snprintf(seen + o, 1024 - o, "really ");
	spread_words(16, 8, seen + o, 1024 - o);
	post = 0;
	CHECK(scan_text(ix, seen, &post, NULL, NULL, NULL) == 1 &&
	    post == ids[0]);
	indexed_free(&t);
	free(body);
	free(seen);
}

/* A stock sentence of the genre that a post holds, written again
** elsewhere with one word of the writer's own in its middle, names no
** one: it is two runs of the post's words, each shorter than an excerpt
** that counts.  The sentence copied whole is still found. */
void
test_scan_stock_sentence_with_a_word_changed(void)
{
	struct indexed t;
	const struct fpindex *ix;
	static const char *said[] = {
		"My sister has stopped eating again. The best thing you can do "
		"is let her know that you are there for her, a counsellor told "
		"me, but she will not open the door.",
	};
	int64_t ids[1], post = 0;

	ix = indexed_make(&t, said, 1, ids);
	CHECK(scan_text(ix, "I think that the best thing you can do is let him "
	    "know that you are there for him if he wants to talk.", NULL, NULL,
	    NULL, NULL) == 0);
	CHECK(scan_text(ix, "Quoted: the best thing you can do is let her know "
	    "that you are there for her.", &post, NULL, NULL, NULL) == 1 &&
	    post == ids[0]);
	indexed_free(&t);
}

/* Are the matches a[0..na) and b[0..nb) the same, span for span? */
static int
same_matches(const struct scan_match *a, size_t na, const struct scan_match *b,
    size_t nb)
{
	size_t i, k;

	if (na != nb)
		return 0;
	for (i = 0; i < na; i++) {
		if (a[i].post_id != b[i].post_id || a[i].fps != b[i].fps ||
		    a[i].nspans != b[i].nspans)
			return 0;
		for (k = 0; k < a[i].nspans; k++)
			if (a[i].spans[k][0] != b[i].spans[k][0] ||
			    a[i].spans[k][1] != b[i].spans[k][1])
				return 0;
	}
	return 1;
}

/* One large text scanned in parts by several workers finds exactly what
** one scan of it finds, wherever the parts' ends fall: copies across
** them, characters of several bytes, broken UTF-8 read from a file. */
void
test_scan_parts_match_one_scan(void)
{
	static const char *other[] = { "weather", "parking", "invoice",
	    "pasta", "football", "ladder", "printer", "cabbage", "tariff",
	    "\xc3\xa9t\xc3\xa9", "caf\xc3\xa9", "\xe2\x80\x94" };
	struct app a;
	struct app_opts o = { 0 };
	struct gate *gt;
	struct fpindex *ix;
	struct scanner s;
	struct scan_match *m1, *m2;
	char err[ERR_MAX], db[512], path[600], body[512];
	char *text = malloc(400000);
	size_t len = 0, n1, n2;
	uint64_t x = 77;
	int64_t g, mb, id;
	int p, w, partial, fd, copies = 0;
	enum extract_kind kind;
	const int nposts = 300;

	CHECK(text != NULL);
	snprintf(db, sizeof(db), "%s/parts.db", test_tmpdir());
	o.db_path = db;
	CHECK(app_create(&o, &a, err) == 0);
	gt = test_gate(&a);
	test_gate_begin(gt);
	CHECK(community_group_add(a.db, "Harbour circle", "", 14, 1, &g) == 0);
	CHECK(community_member_add(a.db, "member-p", 0, 1, &mb) == 0);
	for (p = 0; p < nposts; p++) {
		struct post_new np = { 0 };
		made_up_post((unsigned)p, body, sizeof(body));
		np.group_id = g;
		np.member_id = mb;
		np.created_at = 1;
		np.body = body;
		CHECK(post_create(gt, &np, &id) == 0);
	}
	test_gate_commit(gt);
	CHECK(index_build(gt, &ix, err) == 0);

	/* about 380 kB: unrelated words with whole posts and parts of posts
	** among them, every line ending in "\r\n" now and then */
	while (len < 380000) {
		x = x * 6364136223846793005ULL + 1442695040888963407ULL;
		if ((x >> 40) % 9 == 0) {
			made_up_post((unsigned)((x >> 20) % nposts), body,
			    sizeof(body));
			/* a whole post, or its last two thirds */
			len += (size_t)snprintf(text + len, 400000 - len, "%s%s",
			    (x >> 12) & 1 ? body : body + strlen(body) / 3,
			    (x >> 14) & 1 ? "\r\n" : " ");
			copies++;
		} else {
			len += (size_t)snprintf(text + len, 400000 - len, "%s%s",
			    other[(x >> 33) % 12], (x >> 50) % 13 == 0 ?
			    "\n" : " ");
		}
	}
	scanner_init(&s, ix, NULL, SCAN_MIN_FPS, SCAN_MIN_WORDS);
	scanner_feed(&s, text, len);
	CHECK(scanner_finish(&s, &m1, &n1) == 0);
	scanner_free(&s);
	CHECK(n1 > 100 && copies > 300);
	for (w = 1; w <= 5; w++) {
		CHECK(scan_text_parts(ix, text, len, -1, 0, w, SCAN_MIN_FPS,
		    SCAN_MIN_WORDS, &m2, &n2, &partial) == 0);
		CHECK(!partial);
		CHECK(same_matches(m1, n1, m2, n2));
		scan_matches_free(m2, n2);
	}
	scan_matches_free(m1, n1);

	/* a file with broken UTF-8 and a byte-order mark, read as scan reads
	** a file, and read in parts */
	memmove(text + 3, text, len);
	memcpy(text, "\xef\xbb\xbf", 3);
	len += 3;
	for (p = 1000; p < (int)len; p += 7919)
		text[p] = (char)0xff;	/* now and then a byte never valid */
	snprintf(path, sizeof(path), "%s/parts.txt", test_tmpdir());
	CHECK(test_write_file(path, text, len) == 0);
	scanner_init(&s, ix, NULL, SCAN_MIN_FPS, SCAN_MIN_WORDS);
	CHECK(extract_source(path, NULL, scanner_feed, &s, &kind, err) == 0);
	CHECK(kind == EXTRACT_TEXT);
	CHECK(scanner_finish(&s, &m1, &n1) == 0);
	scanner_free(&s);
	CHECK(n1 > 100);
	CHECK((fd = open(path, O_RDONLY)) >= 0);
	for (w = 2; w <= 3; w++) {
		CHECK(scan_text_parts(ix, text + 3, len - 3, fd, 3, w,
		    SCAN_MIN_FPS, SCAN_MIN_WORDS, &m2, &n2, &partial) == 0);
		CHECK(same_matches(m1, n1, m2, n2));
		scan_matches_free(m2, n2);
	}
	close(fd);
	scan_matches_free(m1, n1);

	/* a text without white space is one part; an empty one has none */
	memset(text, 'q', 100000);
	CHECK(scan_text_parts(ix, text, 100000, -1, 0, 4, SCAN_MIN_FPS,
	    SCAN_MIN_WORDS, &m2, &n2, &partial) == 0 && n2 == 0);
	CHECK(scan_text_parts(ix, text, 0, -1, 0, 4, SCAN_MIN_FPS,
	    SCAN_MIN_WORDS, &m2, &n2, &partial) == 0 && n2 == 0);
	free(text);
	index_free(ix);
	gate_free(gt);
	app_close(&a);
}
