/*
** test_triage.c: the risk triage's rules, line by line: levels, what sets
** a phrase aside (negation, fiction, the past, other people, quotes),
** figures of speech, flags, and spans that point at the words.
*/
#include <string.h>

#include "response/triage.h"
#include "test.h"

static const struct {
	const char *text;
	enum triage_level level;
	int self_harm, abuse, identifying;
} lines[] = {
	/* the levels */
	{ "Some days I wish I was dead.", TRIAGE_WISH, 0, 0, 0 },
	{ "honestly everyone would be better off without me", TRIAGE_WISH,
	    0, 0, 0 },
	{ "I don't want to wake up tomorrow.", TRIAGE_WISH, 0, 0, 0 },
	{ "I keep thinking about killing myself.", TRIAGE_IDEATION, 0, 0, 0 },
	{ "i feel suicidal again", TRIAGE_IDEATION, 0, 0, 0 },
	{ "What if I just ended my life?", TRIAGE_IDEATION, 0, 0, 0 },
	{ "I want to kill myself, I keep looking at the pills.",
	    TRIAGE_METHOD, 0, 0, 0 },
	{ "I'm going to kill myself.", TRIAGE_INTENT, 0, 0, 0 },
	{ "I have made up my mind.", TRIAGE_INTENT, 0, 0, 0 },
	{ "I'm going to kill myself tonight.", TRIAGE_PLAN, 0, 0, 0 },
	{ "I want to end it all this weekend.", TRIAGE_PLAN, 0, 0, 0 },
	{ "I took a bunch of pills last night.", TRIAGE_BEHAVIOR, 0, 0, 0 },
	{ "I've been stockpiling my meds.", TRIAGE_BEHAVIOR, 0, 0, 0 },
	{ "I wrote a suicide note.", TRIAGE_BEHAVIOR, 0, 0, 0 },
	/* set aside */
	{ "I'm not going to kill myself, I promise.", TRIAGE_NONE, 0, 0, 0 },
	{ "I would never kill myself.", TRIAGE_NONE, 0, 0, 0 },
	{ "I'm not suicidal, just tired.", TRIAGE_NONE, 0, 0, 0 },
	{ "I don't want to die.", TRIAGE_NONE, 0, 0, 0 },
	{ "I used to be suicidal but I'm better now.", TRIAGE_NONE, 0, 0, 0 },
	{ "Years ago I wanted to kill myself.", TRIAGE_NONE, 0, 0, 0 },
	{ "My friend said she wants to die.", TRIAGE_NONE, 0, 0, 0 },
	{ "She told me \"I want to kill myself\" and I froze.", TRIAGE_NONE,
	    0, 0, 0 },
	{ "In the movie the character wants to die.", TRIAGE_NONE, 0, 0, 0 },
	{ "I want to die of embarrassment lol", TRIAGE_NONE, 0, 0, 0 },
	{ "This homework is killing me.", TRIAGE_NONE, 0, 0, 0 },
	{ "We talked about suicide prevention at work.", TRIAGE_NONE, 0, 0,
	    0 },
	/* recall over precision: these count */
	{ "I don't know why I want to die.", TRIAGE_WISH, 0, 0, 0 },
	{ "I tried to kill myself two years ago.", TRIAGE_BEHAVIOR, 0, 0, 0 },
	{ "I can't go on like this", TRIAGE_WISH, 0, 0, 0 },
	{ "I WANT TO KILL MYSELF", TRIAGE_IDEATION, 0, 0, 0 },
	{ "I\xE2\x80\x99m going to kill myself", TRIAGE_INTENT, 0, 0, 0 },
	/* said other ways: pairs of words in one clause, preparing, typos */
	{ "I have been looking up which dose would be lethal.",
	    TRIAGE_METHOD, 0, 0, 0 },
	{ "Been reading about it, never mind.", TRIAGE_NONE, 0, 0, 0 },
	{ "I gave my rabbit to my neighbour and wrote letters to everyone.",
	    TRIAGE_BEHAVIOR, 0, 0, 0 },
	{ "i keep thinkng about sucide", TRIAGE_IDEATION, 0, 0, 0 },
	{ "cant stop thinking about killin myslef", TRIAGE_IDEATION, 0, 0,
	    0 },
	{ "The bridge on Friday, nobody goes there at night.", TRIAGE_PLAN,
	    0, 0, 0 },
	{ "I need to pick up my pills on Friday.", TRIAGE_NONE, 0, 0, 0 },
	{ "I hope I don't wake up tomorrow.", TRIAGE_WISH, 0, 0, 0 },
	{ "I hope it rains tomorrow.", TRIAGE_NONE, 0, 0, 0 },
	{ "Everyone would manage fine without me.", TRIAGE_WISH, 0, 0, 0 },
	/* a word for dying begins near the wish, however long it is */
	{ "I pray most evenings that the Lord takes me in my sleep.",
	    TRIAGE_WISH, 0, 0, 0 },
	/* an act of ending one's life, thought of, is ideation */
	{ "Most days I think about walking into the river.",
	    TRIAGE_IDEATION, 0, 0, 0 },
	/* a denial far after the phrase does not undo it */
	{ "I want to kill myself and every hour I tell the thought no.",
	    TRIAGE_IDEATION, 0, 0, 0 },
	/* a plan said as one, with an everyday means, is a plan */
	{ "My plan is the tablets in the drawer once the house is quiet.",
	    TRIAGE_PLAN, 0, 0, 0 },
	{ "My plan is to visit my aunt on Sunday.", TRIAGE_NONE, 0, 0, 0 },
	{ "The storyline about his suicide in that episode was clumsy.",
	    TRIAGE_NONE, 0, 0, 0 },
	/* set aside, said other ways */
	{ "Suicide has never been on the table for me.", TRIAGE_NONE, 0, 0,
	    0 },
	{ "Never once thought about ending my life.", TRIAGE_NONE, 0, 0, 0 },
	{ "How do I help my teenage son who is suicidal?", TRIAGE_NONE, 0,
	    0, 0 },
	{ "My nephew's therapist said he wants to die.", TRIAGE_NONE, 0, 0,
	    0 },
	{ "In my novel the main character wants to die.", TRIAGE_NONE, 0, 0,
	    0 },
	{ "I was suicidal in my twenties; therapy saved me.", TRIAGE_NONE, 0,
	    0, 0 },
	{ "We ran a suicide prevention walk.", TRIAGE_NONE, 0, 0, 0 },
	{ "My sister found me in the bath with the pills.", TRIAGE_BEHAVIOR,
	    0, 0, 0 },
	/* self-harm, abuse, identifying details */
	{ "I cut myself again yesterday.", TRIAGE_NONE, 1, 0, 0 },
	{ "I haven't hurt myself in a month, I'm not cutting myself now.",
	    TRIAGE_NONE, 0, 0, 0 },
	{ "My stepdad abused me for years.", TRIAGE_NONE, 0, 1, 0 },
	{ "He hits me when he drinks.", TRIAGE_NONE, 0, 1, 0 },
	{ "My name is Sam and I work at the bakery on Main.", TRIAGE_NONE,
	    0, 0, 1 },
	{ "write to sam.jones@example.org.", TRIAGE_NONE, 0, 0, 1 },
	{ "call me on +44 20 7946 0958", TRIAGE_NONE, 0, 0, 1 },
	{ "I live at 12 Elm Street with my mum.", TRIAGE_NONE, 0, 0, 1 },
	{ "The meeting is at 7.", TRIAGE_NONE, 0, 0, 0 },
	{ "", TRIAGE_NONE, 0, 0, 0 },
};

void
test_triage_rules(void)
{
	struct triage_result r;
	size_t i;

	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		triage_text(lines[i].text, strlen(lines[i].text), &r);
		if (r.level != lines[i].level || r.self_harm !=
		    lines[i].self_harm || r.abuse != lines[i].abuse ||
		    r.identifying != lines[i].identifying)
			fprintf(stderr, "#   \"%s\": %s%s%s%s\n", lines[i].text,
			    triage_level_name(r.level), r.self_harm ?
			    " self-harm" : "", r.abuse ? " abuse" : "",
			    r.identifying ? " identifying" : "");
		CHECK(r.level == lines[i].level);
		CHECK(r.self_harm == lines[i].self_harm);
		CHECK(r.abuse == lines[i].abuse);
		CHECK(r.identifying == lines[i].identifying);
	}
}

void
test_triage_explains(void)
{
	/* "é" and a curly apostrophe: spans count characters, not bytes */
	const char *t = "Caf\xC3\xA9 again. I\xE2\x80\x99m going to kill "
	    "myself tonight.";
	struct triage_result r;
	int i, intent = 0, plan = 0, set_aside = 0;

	triage_text(t, strlen(t), &r);
	CHECK(r.level == TRIAGE_PLAN && triage_immediate(&r));
	for (i = 0; i < r.nreasons; i++) {
		if (strcmp(r.reasons[i].rule, "intent") == 0) {
			intent = 1;
			CHECK(strcmp(r.reasons[i].phrase, "going to kill myself")
			    == 0);
			CHECK(r.reasons[i].start == 16 && r.reasons[i].end == 36);
		}
		if (strcmp(r.reasons[i].rule, "plan") == 0) {
			plan = 1;
			CHECK(strcmp(r.reasons[i].phrase, "tonight") == 0);
			CHECK(r.reasons[i].start == 37 && r.reasons[i].end == 44);
		}
	}
	CHECK(intent && plan);
	/* a phrase set aside is still shown, with why */
	triage_text("I am not suicidal.", 18, &r);
	for (i = 0; i < r.nreasons; i++)
		set_aside |= strcmp(r.reasons[i].rule, "negated: ideation") == 0;
	CHECK(r.level == TRIAGE_NONE && set_aside);
	CHECK(!triage_immediate(&r));
	/* invalid UTF-8 and a long text: no crash, still scored */
	{
		static char big[200000];
		size_t k;
		static const char seg[] = "\xff\xfe ordinary words go here. ";
		for (k = 0; k + sizeof(seg) < sizeof(big); k += sizeof(seg) - 1)
			memcpy(big + k, seg, sizeof(seg) - 1);
		memcpy(big + 1000, " I want to kill myself. ", 24);
		triage_text(big, sizeof(big) - 1, &r);
		CHECK(r.level == TRIAGE_IDEATION);
	}
}
