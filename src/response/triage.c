/*
** triage.c: rules that score text for suicide risk, self-harm, abuse and
** identifying details, and `sanctum triage`.  See triage.h.
**
** The text is folded once (ASCII case, curly quotes and apostrophes made
** plain), keeping for every folded byte the character it came from, and
** cut into clauses at sentence ends, semicolons, line breaks and "but".
** Each phrase of the lexicon is looked for at word starts; what stands
** around it in its clause decides whether it counts.
*/
#include "triage.h"

#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../cli.h"
#include "../util/buf.h"
#include "../util/util.h"

enum cat {
	C_WISH, C_IDEATION, C_METHOD, C_INTENT, C_PLAN, C_BEHAVIOR,
	C_SELFHARM, C_ABUSE, C_IDENT
};

static const char *const cat_name[] = {
	"wish to be dead", "ideation", "method", "intent", "plan",
	"behaviour", "self-harm", "abuse", "identifying"
};

enum {
	F_FIRST = 1,	/* counts only where the writer speaks of themselves */
	F_PREFIX = 2,	/* the phrase may go on ("stockpil" + "ing") */
	F_NOPAST = 4	/* the past does not set it aside (behaviour) */
};

struct phrase {
	const char *text;	/* folded: lower case, plain apostrophes */
	enum cat cat;
	unsigned flags;
};

/* Phrases, each as it is matched.  Kept in one place so a reviewer sees
** the whole lexicon; the tests hold lines that must and must not match. */
static const struct phrase lexicon[] = {
	/* a wish to be dead, passive */
	{ "wish i was dead", C_WISH, 0 }, { "wish i were dead", C_WISH, 0 },
	{ "wish i wasn't alive", C_WISH, 0 },
	{ "wish i could disappear", C_WISH, 0 },
	{ "wish i could just disappear", C_WISH, 0 },
	{ "wish i'd never been born", C_WISH, 0 },
	{ "wish i had never been born", C_WISH, 0 },
	{ "want to die", C_WISH, F_FIRST }, { "wanna die", C_WISH, F_FIRST },
	{ "wants to die", C_WISH, F_FIRST },
	{ "want to be dead", C_WISH, F_FIRST },
	{ "better off dead", C_WISH, F_FIRST },
	{ "better off without me", C_WISH, 0 },
	{ "don't want to be here anymore", C_WISH, 0 },
	{ "dont want to be here anymore", C_WISH, 0 },
	{ "don't want to wake up", C_WISH, 0 },
	{ "dont want to wake up", C_WISH, 0 },
	{ "don't want to live", C_WISH, 0 }, { "dont want to live", C_WISH, 0 },
	{ "don't want to exist", C_WISH, 0 },
	{ "no reason to live", C_WISH, 0 }, { "nothing to live for", C_WISH, 0 },
	{ "rather be dead", C_WISH, 0 }, { "tired of living", C_WISH, 0 },
	{ "tired of being alive", C_WISH, 0 },
	{ "can't go on", C_WISH, 0 }, { "cant go on", C_WISH, 0 },
	{ "want it all to end", C_WISH, 0 }, { "want it to be over", C_WISH, 0 },
	{ "go to sleep and never wake up", C_WISH, 0 },
	{ "not wake up", C_WISH, 0 },
	{ "what's the point of living", C_WISH, 0 },
	/* active ideation */
	{ "kill myself", C_IDEATION, 0 }, { "killing myself", C_IDEATION, 0 },
	{ "kms", C_IDEATION, 0 }, { "end my life", C_IDEATION, 0 },
	{ "ending my life", C_IDEATION, 0 }, { "end it all", C_IDEATION, 0 },
	{ "ended my life", C_IDEATION, 0 }, { "ending it all", C_IDEATION, 0 },
	{ "take my own life", C_IDEATION, 0 }, { "take my life", C_IDEATION, 0 },
	{ "unalive myself", C_IDEATION, 0 }, { "off myself", C_IDEATION, 0 },
	{ "suicide", C_IDEATION, F_FIRST }, { "suicidal", C_IDEATION, F_FIRST },
	{ "sewer slide", C_IDEATION, F_FIRST },
	{ "thoughts of dying", C_IDEATION, F_FIRST },
	{ "thinking about dying", C_IDEATION, F_FIRST },
	{ "hang myself", C_IDEATION, 0 }, { "shoot myself", C_IDEATION, 0 },
	{ "drown myself", C_IDEATION, 0 }, { "not be alive", C_IDEATION, 0 },
	/* a method, which counts beside ideation */
	{ "pills", C_METHOD, 0 }, { "overdose", C_METHOD, 0 },
	{ "rope", C_METHOD, 0 }, { "noose", C_METHOD, 0 },
	{ "jump off", C_METHOD, 0 }, { "jump in front of", C_METHOD, 0 },
	{ "bridge", C_METHOD, 0 }, { "gun", C_METHOD, 0 },
	{ "razor", C_METHOD, 0 }, { "blade", C_METHOD, 0 },
	{ "train tracks", C_METHOD, 0 }, { "carbon monoxide", C_METHOD, 0 },
	{ "how many pills", C_METHOD, 0 }, { "painless way", C_METHOD, 0 },
	{ "how much it would take", C_METHOD, 0 },
	{ "lethal dose", C_METHOD, 0 },
	/* intent */
	{ "going to kill myself", C_INTENT, 0 },
	{ "gonna kill myself", C_INTENT, 0 },
	{ "will kill myself", C_INTENT, 0 }, { "i'll kill myself", C_INTENT, 0 },
	{ "going to end it", C_INTENT, 0 }, { "gonna end it", C_INTENT, 0 },
	{ "going to end my life", C_INTENT, 0 },
	{ "decided to end", C_INTENT, 0 }, { "made up my mind", C_INTENT, 0 },
	{ "going to do it", C_INTENT, F_FIRST },
	{ "this is goodbye", C_INTENT, 0 }, { "won't be here", C_INTENT, 0 },
	{ "wont be here", C_INTENT, 0 },
	/* a plan: when, how, arrangements */
	{ "tonight", C_PLAN, 0 }, { "tomorrow", C_PLAN, 0 },
	{ "this weekend", C_PLAN, 0 }, { "my plan", C_PLAN, 0 },
	{ "planned", C_PLAN, 0 }, { "planning to", C_PLAN, 0 },
	{ "set a date", C_PLAN, 0 }, { "picked a date", C_PLAN, 0 },
	{ "giving away my", C_PLAN, 0 }, { "gave away my", C_PLAN, 0 },
	{ "said my goodbyes", C_PLAN, 0 }, { "goodbye letter", C_PLAN, 0 },
	/* behaviour: an attempt, an aborted one, or preparing */
	{ "tried to kill myself", C_BEHAVIOR, F_NOPAST },
	{ "attempted suicide", C_BEHAVIOR, F_NOPAST },
	{ "suicide attempt", C_BEHAVIOR, F_NOPAST },
	{ "tried to end my life", C_BEHAVIOR, F_NOPAST },
	{ "tried to end it", C_BEHAVIOR, F_NOPAST },
	{ "overdosed", C_BEHAVIOR, F_NOPAST },
	{ "took all my pills", C_BEHAVIOR, F_NOPAST },
	{ "took a bunch of pills", C_BEHAVIOR, F_NOPAST },
	{ "took too many pills", C_BEHAVIOR, F_NOPAST },
	{ "stockpil", C_BEHAVIOR, F_PREFIX | F_NOPAST },
	{ "saving up pills", C_BEHAVIOR, F_NOPAST },
	{ "bought a rope", C_BEHAVIOR, F_NOPAST },
	{ "wrote a suicide note", C_BEHAVIOR, F_NOPAST },
	{ "wrote my note", C_BEHAVIOR, F_NOPAST },
	{ "suicide note", C_BEHAVIOR, F_NOPAST },
	{ "stood on the bridge", C_BEHAVIOR, F_NOPAST },
	{ "stopped myself", C_BEHAVIOR, F_NOPAST },
	{ "held the pills", C_BEHAVIOR, F_NOPAST },
	/* self-harm */
	{ "cut myself", C_SELFHARM, 0 }, { "cutting myself", C_SELFHARM, 0 },
	{ "cutting again", C_SELFHARM, 0 }, { "self harm", C_SELFHARM, 0 },
	{ "self-harm", C_SELFHARM, 0 }, { "selfharm", C_SELFHARM, 0 },
	{ "hurt myself", C_SELFHARM, 0 }, { "hurting myself", C_SELFHARM, 0 },
	{ "burn myself", C_SELFHARM, 0 }, { "burning myself", C_SELFHARM, 0 },
	{ "scratch myself", C_SELFHARM, 0 }, { "hit myself", C_SELFHARM, 0 },
	/* a disclosure of abuse */
	{ "abused me", C_ABUSE, 0 }, { "abused", C_ABUSE, 0 },
	{ "abusive", C_ABUSE, 0 }, { "raped", C_ABUSE, 0 },
	{ "rape", C_ABUSE, 0 }, { "molested", C_ABUSE, 0 },
	{ "assaulted", C_ABUSE, 0 }, { "hit me", C_ABUSE, 0 },
	{ "hits me", C_ABUSE, 0 }, { "beat me", C_ABUSE, 0 },
	{ "beats me", C_ABUSE, 0 }, { "touched me", C_ABUSE, 0 },
	{ "strangled me", C_ABUSE, 0 }, { "choked me", C_ABUSE, 0 },
	{ "threatened to kill me", C_ABUSE, 0 },
	{ "domestic violence", C_ABUSE, 0 }, { "groomed me", C_ABUSE, 0 },
	/* details that say who someone is */
	{ "my name is", C_IDENT, 0 }, { "my real name", C_IDENT, 0 },
	{ "i live in", C_IDENT, 0 }, { "i live on", C_IDENT, 0 },
	{ "i work at", C_IDENT, 0 }, { "i work for", C_IDENT, 0 },
	{ "my employer", C_IDENT, 0 }, { "my address", C_IDENT, 0 },
	{ "my number is", C_IDENT, 0 }, { "my school", C_IDENT, 0 },
};

/* Words that set a phrase aside, found in its clause. */
static const char *const negators[] = {
	"not", "never", "don't", "dont", "won't", "wont", "wouldn't",
	"no longer", "isn't", "wasn't", "am not", "im not", "haven't",
	"havent", "hasn't", "didn't", "didnt"
};
/* Fiction only: "what if I just ended it" is the writer's own thought,
** and counts. */
static const char *const hypotheticals[] = {
	"in the movie", "in the film", "in the book", "in the show",
	"in the song", "lyrics", "the character", "in my story",
	"a character", "in the novel", "in the game"
};
static const char *const pasts[] = {
	"used to", "years ago", "months ago", "when i was", "back then",
	"in the past", "anymore", "recovered", "recovery", "since then",
	"as a teen", "as a kid", "back in", "no longer"
};
static const char *const others[] = {
	"my friend", "my sister", "my brother", "my mom", "my mum", "my dad",
	"my son", "my daughter", "my partner", "someone", "people who",
	"he ", "she ", "they ", "her ", "his "
};

/* The text, folded: lower-case ASCII, plain quotes; for each folded byte
** the original byte it came from, the characters of the text before it,
** and whether it stands inside double quotes.  Made once, so that no
** question about a position reads the text from its start again. */
struct folded {
	char *s;
	size_t *orig;
	int64_t *chars;
	char *inquote;
	size_t n;
};

static int
fold(const char *t, size_t n, struct folded *f)
{
	const unsigned char *u = (const unsigned char *)t;
	size_t i = 0;

	int64_t chars = 0;
	int q = 0;

	f->s = malloc(n + 1);
	f->orig = malloc((n + 1) * sizeof(size_t));
	f->chars = malloc((n + 1) * sizeof(int64_t));
	f->inquote = malloc(n + 1);
	f->n = 0;
	if (f->s == NULL || f->orig == NULL || f->chars == NULL ||
	    f->inquote == NULL)
		return -1;
	while (i < n) {
		char c = t[i];
		size_t w = 1;
		if (i + 2 < n && u[i] == 0xE2 && u[i + 1] == 0x80 &&
		    (u[i + 2] == 0x98 || u[i + 2] == 0x99)) {
			c = '\'';
			w = 3;
		} else if (i + 2 < n && u[i] == 0xE2 && u[i + 1] == 0x80 &&
		    (u[i + 2] == 0x9C || u[i + 2] == 0x9D)) {
			c = '"';
			w = 3;
		} else if (c >= 'A' && c <= 'Z') {
			c = (char)(c - 'A' + 'a');
		}
		f->s[f->n] = c;
		f->orig[f->n] = i;
		f->chars[f->n] = chars;
		f->inquote[f->n++] = (char)q;	/* a quote mark: before it */
		q ^= c == '"';
		for (; w > 0; w--, i++)
			chars += ((unsigned char)t[i] & 0xC0) != 0x80;
	}
	f->s[f->n] = '\0';
	f->orig[f->n] = n;
	f->chars[f->n] = chars;
	f->inquote[f->n] = (char)q;
	return 0;
}

static void
unfold(struct folded *f)
{
	free(f->s);
	free(f->orig);
	free(f->chars);
	free(f->inquote);
}

static int
is_word(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '\'' ||
	    (unsigned char)c >= 0x80;
}

/* Does word-list entry w occur in s[from, to) as whole words?  Returns
** its position, or -1. */
static long
find_in(const char *s, size_t from, size_t to, const char *w)
{
	size_t k = strlen(w), i;

	for (i = from; i + k <= to; i++)
		if (memcmp(s + i, w, k) == 0 && (i == from || !is_word(s[i - 1]))
		    && (i + k == to || !is_word(s[i + k]) || w[k - 1] == ' '))
			return (long)i;
	return -1;
}

static int
any_in(const char *s, size_t from, size_t to, const char *const *list,
    size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (find_in(s, from, to, list[i]) >= 0)
			return 1;
	return 0;
}

/* Is a negator among the two words before at (within the clause)? */
static int
negated(const char *s, size_t clause, size_t at)
{
	size_t from = at, words = 0;

	while (from > clause && words < 3) {
		from--;
		if (!is_word(s[from]) && from + 1 < at && is_word(s[from + 1]))
			words++;
	}
	if (words == 3)
		from++;
	return any_in(s, from, at, negators, sizeof(negators) /
	    sizeof(negators[0]));
}

/* Does the clause say "I", "me", "my" (the writer speaks of themselves)? */
static int
first_person(const char *s, size_t from, size_t to)
{
	static const char *const me[] = { "i", "i'm", "im", "me", "my",
	    "myself", "i've", "ive", "i'd" };

	return any_in(s, from, to, me, sizeof(me) / sizeof(me[0]));
}

/* Where the clause that holds at begins and ends. */
static void
clause_of(const struct folded *f, size_t at, size_t *from, size_t *to)
{
	const char *s = f->s;
	size_t i;

	for (i = at; i > 0; i--) {
		char c = s[i - 1];
		if (c == '.' || c == '!' || c == '?' || c == ';' || c == '\n' ||
		    (i >= 5 && memcmp(s + i - 5, " but ", 5) == 0))
			break;
	}
	*from = i;
	for (i = at; i < f->n; i++) {
		char c = s[i];
		if (c == '.' || c == '!' || c == '?' || c == ';' || c == '\n' ||
		    (i + 5 <= f->n && memcmp(s + i, " but ", 5) == 0))
			break;
	}
	*to = i;
}

/* Keep a reason: the original text of folded [fs, fe). */
static void
add_reason(struct triage_result *r, const char *text, const struct folded *f,
    size_t fs, size_t fe, const char *rule)
{
	struct triage_reason *x;
	size_t os = f->orig[fs], oe = f->orig[fe], len;

	if (r->nreasons >= TRIAGE_REASONS_MAX)
		return;
	x = &r->reasons[r->nreasons++];
	x->start = f->chars[fs];
	x->end = f->chars[fe];
	len = oe - os;
	if (len >= sizeof(x->phrase)) {
		len = sizeof(x->phrase) - 1;
		while (len > 0 && ((unsigned char)text[os + len] & 0xC0) == 0x80)
			len--;
	}
	memcpy(x->phrase, text + os, len);
	x->phrase[len] = '\0';
	x->rule = rule;
}

/* Rules of discounted phrases, by category (static strings). */
static const char *
set_aside(enum cat c, const char *why)
{
	static char rules[4][9][48];
	static const char *const whys[] = { "negated", "hypothetical",
	    "in the past", "someone else" };
	int w;

	for (w = 0; w < 4; w++)
		if (strcmp(why, whys[w]) == 0)
			break;
	if (w == 4)
		return why;
	if (rules[w][c][0] == '\0')
		snprintf(rules[w][c], sizeof(rules[w][c]), "%s: %s", whys[w],
		    cat_name[c]);
	return rules[w][c];
}

/* Identifying details the lexicon cannot hold: e-mail addresses, phone
** numbers and street addresses. */
static void
find_contacts(const char *text, const struct folded *f,
    struct triage_result *r)
{
	const char *s = f->s;
	size_t i, j, k, digits;

	for (i = 0; i < f->n; i++) {
		/* user@host.tld */
		if (s[i] == '@' && i > 0 && is_word(s[i - 1])) {
			for (j = i; j > 0 && (is_word(s[j - 1]) || s[j - 1] == '.'
			    || s[j - 1] == '_' || s[j - 1] == '-'); j--)
				;
			for (k = i + 1; k < f->n && (is_word(s[k]) || s[k] == '.'
			    || s[k] == '-'); k++)
				;
			while (k > i && s[k - 1] == '.')
				k--;	/* the sentence's full stop */
			if (memchr(s + i, '.', k - i) && k > i + 3) {
				r->identifying = 1;
				add_reason(r, text, f, j, k, "identifying: e-mail");
				i = k;
			}
			continue;
		}
		/* a phone number: 7 or more digits, with separators */
		if ((s[i] >= '0' && s[i] <= '9') || s[i] == '+') {
			if (i > 0 && is_word(s[i - 1]))
				continue;
			for (j = i, digits = 0; j < f->n && ((s[j] >= '0' &&
			    s[j] <= '9') || s[j] == ' ' || s[j] == '-' ||
			    s[j] == '(' || s[j] == ')' || s[j] == '+' ||
			    s[j] == '.'); j++)
				digits += s[j] >= '0' && s[j] <= '9';
			while (j > i && !(s[j - 1] >= '0' && s[j - 1] <= '9'))
				j--;
			if (digits >= 7 && digits <= 15) {
				r->identifying = 1;
				add_reason(r, text, f, i, j, "identifying: phone");
				i = j;
				continue;
			}
			/* 12 Some Street */
			for (k = i; k < f->n && s[k] >= '0' && s[k] <= '9'; k++)
				;
			if (k > i && k < 5 + i && k < f->n && s[k] == ' ') {
				static const char *const ways[] = { "street",
				    "st", "road", "rd", "avenue", "ave", "lane",
				    "drive", "close", "way" };
				size_t e = k + 1, w0, w1, w, len;
				while (e < f->n && is_word(s[e]))
					e++;	/* the street's name */
				if (e == k + 1 || e >= f->n || s[e] != ' ')
					continue;
				for (w0 = w1 = e + 1; w1 < f->n && is_word(s[w1]);
				    w1++)
					;
				for (w = 0; w < sizeof(ways) / sizeof(ways[0]);
				    w++) {
					len = strlen(ways[w]);
					if (w1 - w0 == len && memcmp(s + w0,
					    ways[w], len) == 0) {
						r->identifying = 1;
						add_reason(r, text, f, i, w1,
						    "identifying: address");
						break;
					}
				}
			}
		}
	}
}

/* Score text[0..n) into out. */
void
triage_text(const char *text, size_t n, struct triage_result *out)
{
	struct folded f;
	size_t i, p, k, cf, ct;
	int seen[9] = { 0 };
	const char *why;

	memset(out, 0, sizeof(*out));
	if (fold(text, n, &f) != 0) {
		unfold(&f);
		return;
	}
	for (i = 0; i < f.n; i++) {
		if (i > 0 && is_word(f.s[i - 1]))
			continue;	/* phrases start words */
		for (p = 0; p < sizeof(lexicon) / sizeof(lexicon[0]); p++) {
			const struct phrase *x = &lexicon[p];
			k = strlen(x->text);
			if (x->text[0] != f.s[i] || i + k > f.n ||
			    memcmp(f.s + i, x->text, k) != 0)
				continue;
			if (!(x->flags & F_PREFIX) && i + k < f.n &&
			    is_word(f.s[i + k]))
				continue;
			/* "want to die of embarrassment": a figure of speech */
			if (x->cat == C_WISH && i + k + 4 <= f.n &&
			    memcmp(f.s + i + k, " of ", 4) == 0)
				continue;
			clause_of(&f, i, &cf, &ct);
			why = NULL;
			if (x->cat != C_IDENT && x->cat != C_METHOD &&
			    x->cat != C_PLAN) {
				if (f.inquote[i])
					why = "someone else";
				else if (negated(f.s, cf, i))
					why = "negated";
				else if (any_in(f.s, cf, i, hypotheticals,
				    sizeof(hypotheticals) /
				    sizeof(hypotheticals[0])))
					why = "hypothetical";
				else if (!(x->flags & F_NOPAST) && any_in(f.s,
				    cf, ct, pasts, sizeof(pasts) /
				    sizeof(pasts[0])))
					why = "in the past";
				else if ((x->flags & F_FIRST) &&
				    (!first_person(f.s, cf, ct) || any_in(f.s,
				    cf, i, others, sizeof(others) /
				    sizeof(others[0]))))
					why = "someone else";
			}
			if (why) {
				add_reason(out, text, &f, i, i + k,
				    set_aside(x->cat, why));
				continue;
			}
			seen[x->cat] = 1;
			if (x->cat == C_IDENT)
				out->identifying = 1;
			add_reason(out, text, &f, i, i + k, cat_name[x->cat]);
		}
	}
	find_contacts(text, &f, out);
	out->self_harm = seen[C_SELFHARM];
	out->abuse = seen[C_ABUSE];
	if (seen[C_BEHAVIOR])
		out->level = TRIAGE_BEHAVIOR;
	else if ((seen[C_INTENT] || seen[C_IDEATION]) && seen[C_PLAN])
		out->level = TRIAGE_PLAN;
	else if (seen[C_INTENT])
		out->level = TRIAGE_INTENT;
	else if (seen[C_IDEATION] && seen[C_METHOD])
		out->level = TRIAGE_METHOD;
	else if (seen[C_IDEATION])
		out->level = TRIAGE_IDEATION;
	else if (seen[C_WISH])
		out->level = TRIAGE_WISH;
	unfold(&f);
}

const char *
triage_level_name(enum triage_level l)
{
	static const char *const names[] = { "none", "wish", "ideation",
	    "method", "intent", "plan", "behavior" };

	return (unsigned)l <= TRIAGE_BEHAVIOR ? names[l] : "none";
}

/* Does r call for crisis action now (intent, a plan, behaviour)? */
int
triage_immediate(const struct triage_result *r)
{
	return r->level >= TRIAGE_INTENT;
}

static json_t *
result_json(const struct triage_result *r, long item)
{
	json_t *reasons = json_array();
	int i;

	for (i = 0; i < r->nreasons; i++)
		json_array_append_new(reasons, json_pack("{s:s, s:[I, I], s:s}",
		    "phrase", r->reasons[i].phrase, "span",
		    (json_int_t)r->reasons[i].start,
		    (json_int_t)r->reasons[i].end, "rule", r->reasons[i].rule));
	return json_pack("{s:i, s:s, s:b, s:b, s:b, s:b, s:o}", "item",
	    (int)item, "level", triage_level_name(r->level), "immediate",
	    triage_immediate(r), "self_harm", r->self_harm, "abuse", r->abuse,
	    "identifying", r->identifying, "reasons", reasons);
}

static void
print_result(const struct triage_result *r, long item)
{
	int i;

	printf("item %ld: %s%s%s%s\n", item, triage_level_name(r->level),
	    r->self_harm ? ", self-harm" : "", r->abuse ? ", abuse" : "",
	    r->identifying ? ", identifying details" : "");
	for (i = 0; i < r->nreasons; i++)
		printf("  \"%s\" [%lld, %lld]: %s\n", r->reasons[i].phrase,
		    (long long)r->reasons[i].start,
		    (long long)r->reasons[i].end, r->reasons[i].rule);
}

/* sanctum triage [--json] [--lines] FILE|- */
int
triage_cmd(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "lines", no_argument, NULL, 'l' },
		{ NULL, 0, NULL, 0 }
	};
	struct triage_result *res = NULL, *grown;
	struct buf b;
	char chunk[65536];
	FILE *f;
	size_t n, at, end, nres = 0, i;
	int ch, json = 0, lines = 0, urgent = 0;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch == 'j')
			json = 1;
		else if (ch == 'l')
			lines = 1;
		else
			return cli_usage(c, "triage");
	}
	if (argc - optind != 1)
		return cli_usage(c, "triage");
	f = strcmp(argv[optind], "-") == 0 ? stdin : fopen(argv[optind], "rb");
	if (f == NULL)
		return cli_fail("triage: cannot open %s", argv[optind]);
	buf_init(&b, (size_t)64 << 20);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (buf_append(&b, chunk, n) != 0)
			break;
	if (f != stdin)
		fclose(f);
	if (b.failed) {
		buf_free(&b);
		return cli_fail("triage: %s is larger than 64 MiB", argv[optind]);
	}
	for (at = 0; at < b.len || (at == 0 && !lines); at = end + 1) {
		end = lines ? at : b.len;
		while (lines && end < b.len && b.data[end] != '\n')
			end++;
		if (nres % 256 == 0) {
			grown = realloc(res, (nres + 256) * sizeof(*res));
			if (grown == NULL) {
				free(res);
				buf_free(&b);
				return cli_fail("triage: out of memory");
			}
			res = grown;
		}
		triage_text(b.data ? b.data + at : "", end - at, &res[nres]);
		urgent += triage_immediate(&res[nres]);
		nres++;
		if (!lines)
			break;
	}
	if (json) {
		for (i = 0; i < nres; i++) {
			json_t *o = result_json(&res[i], (long)i + 1);
			json_dumpf(o, stdout, JSON_COMPACT);
			putchar('\n');
			json_decref(o);
		}
	} else {
		/* who is at immediate risk first, with what to do */
		if (urgent)
			printf("IMMEDIATE RISK in %d item%s: reach out now, "
			    "privately and warmly; give crisis lines for their "
			    "country; where a plan or an attempt is under way, "
			    "call local emergency services.\n", urgent,
			    urgent == 1 ? "" : "s");
		for (i = 0; i < nres; i++)
			if (triage_immediate(&res[i]))
				print_result(&res[i], (long)i + 1);
		for (i = 0; i < nres; i++)
			if (!triage_immediate(&res[i]))
				print_result(&res[i], (long)i + 1);
	}
	free(res);
	buf_free(&b);
	return EXIT_OK;
}
