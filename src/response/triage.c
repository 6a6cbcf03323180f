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
#include <pthread.h>
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
	F_NOPAST = 4,	/* the past does not set it aside (behaviour) */
	F_ALONE = 8,	/* a method that shows ideation by itself (research) */
	F_WEAK = 16,	/* a method of everyday talk ("pills"): with a time it
			   is not yet a plan */
	F_NEAR = 32	/* `then` must begin within NEAR bytes */
	/* and F_ALONE on a plan: a plan said as one ("the plan is"), which
	   with any method, everyday ones too, is a plan */
};

#define NEAR 40

/* A phrase, and when `then` is set, one of its '|'-separated words or
** phrases must follow later in the same clause ("looked up" ... "lethal
** dose"); a '*' at the end of one lets the word go on. */
struct phrase {
	const char *text;	/* folded: lower case, plain apostrophes */
	enum cat cat;
	unsigned flags;
	const char *then;
};

/* What may follow, shared by several phrases. */
#define DEATH_WISH "die|dead|get hit|got hit|get killed|don't wake*|" \
	"dont wake*|never wake*|won't wake*|wont wake*|not wake*|wasn't here|" \
	"wasnt here|was gone|were gone|wasn't around|wasnt around|" \
	"didn't exist|didnt exist|disappeared|stop existing|not exist|" \
	"goes down|crashes|goes wrong|kills me|killed me|hits me|" \
	"didn't wake*|didnt wake*|doesn't stop|doesnt stop|hit me|ran me over"
#define METHODS "pill*|tablet*|meds|overdos*|lethal|fatal|dose|bridge*|" \
	"height*|painless|rope|noose|hang*|carbon monoxide|belt|gun|" \
	"how to die|ways to die|methods|jump*|train*|insulin|hold my weight|" \
	"dangerous|large amount*|how high|high enough|exhaust|hose|roof"
/* Words for dying or ending one's life, for what people want, think about
** or mean to do (not "kill me", "for good" or "check out": everyday
** speech says them of other things). */
#define ENDINGS "die|dying|be dead|were dead|was dead|death|not exist*|" \
	"not to exist|stop being|stop existing|vanish*|not be here|" \
	"not being here|not be around|not being around|end it all|" \
	"ending it all|end my life|end my own life|finish it|finish my life|" \
	"out of living|my own hand|not come back|not wake*|never wake*|" \
	"takes me in my sleep|take me in my sleep|off myself|offing myself|" \
	"topping myself|top myself|neck myself|yeet* myself|join her|" \
	"join him|stop breathing|stop living|my life to end|life to be over|" \
	"be with her again|be with him again|not be alive|not being alive|" \
	"never been born|never born|ded|asleep for good|sleep for good|" \
	"over for good|gone for good|all be over|all to be over|" \
	"take me|takes me|kill me off|to end it|dying" ACTS
/* Acts of ending one's own life: wanted, thought of or meant, they are
** ideation (with the method they name). */
#define ACTS "hang myself|hanging myself|hanged myself|overdos*|" \
	"jump off|jumping off|jump from|jumping from|jump in front|" \
	"jumping in front|step off|stepping off|step in front|" \
	"stepping in front|walk into the sea|walking into the sea|" \
	"walk into the river|walking into the river|walk into traffic|" \
	"walking into traffic|crash the car|crashing the car|crash my car|" \
	"crashing my car|drive off|driving off|drive into|driving into|" \
	"drown myself|drowning myself|take them all|taking them all|" \
	"take the whole|taking the whole|the whole pack|the whole bottle|" \
	"slit my|slitting my|shoot myself|shooting myself|gas myself|" \
	"delete myself|deleting myself|speed it up|make it official"
#define ENDS "end it|end things|kill me|die|do it|be fatal|be lethal|" \
	"finish me|stop my heart"
#define PILLS "pills|tablets|meds|pils|medication|sleeping pills|" \
	"prescription|everything in|painkillers|paracetamol"

/* Phrases, each as it is matched.  Kept in one place so a reviewer sees
** the whole lexicon; the tests hold lines that must and must not match. */
static const struct phrase lexicon[] = {
	/* a wish to be dead, passive */
	{ "wish i was dead", C_WISH, 0, NULL },
	{ "wish i were dead", C_WISH, 0, NULL },
	{ "wish i wasn't alive", C_WISH, 0, NULL },
	{ "wish i could disappear", C_WISH, 0, NULL },
	{ "wish i could just disappear", C_WISH, 0, NULL },
	{ "wish i'd never been born", C_WISH, 0, NULL },
	{ "wish i had never been born", C_WISH, 0, NULL },
	{ "want to die", C_WISH, F_FIRST, NULL },
	{ "wanna die", C_WISH, F_FIRST, NULL },
	{ "wants to die", C_WISH, F_FIRST, NULL },
	{ "want to be dead", C_WISH, F_FIRST, NULL },
	{ "better off dead", C_WISH, F_FIRST, NULL },
	{ "better off without me", C_WISH, 0, NULL },
	{ "don't want to be here anymore", C_WISH, 0, NULL },
	{ "dont want to be here anymore", C_WISH, 0, NULL },
	{ "don't want to wake up", C_WISH, 0, NULL },
	{ "dont want to wake up", C_WISH, 0, NULL },
	{ "don't want to live", C_WISH, 0, NULL },
	{ "dont want to live", C_WISH, 0, NULL },
	{ "don't want to exist", C_WISH, 0, NULL },
	{ "no reason to live", C_WISH, 0, NULL },
	{ "nothing to live for", C_WISH, 0, NULL },
	{ "rather be dead", C_WISH, 0, NULL },
	{ "tired of living", C_WISH, 0, NULL },
	{ "tired of being alive", C_WISH, 0, NULL },
	{ "can't go on", C_WISH, 0, NULL },
	{ "cant go on", C_WISH, 0, NULL },
	{ "want it all to end", C_WISH, 0, NULL },
	{ "want it to be over", C_WISH, 0, NULL },
	{ "go to sleep and never wake up", C_WISH, 0, NULL },
	{ "not wake up", C_WISH, 0, NULL },
	{ "what's the point of living", C_WISH, 0, NULL },
	/* active ideation */
	{ "kill myself", C_IDEATION, 0, NULL },
	{ "killing myself", C_IDEATION, 0, NULL },
	{ "kms", C_IDEATION, 0, NULL },
	{ "end my life", C_IDEATION, 0, NULL },
	{ "ending my life", C_IDEATION, 0, NULL },
	{ "end it all", C_IDEATION, 0, NULL },
	{ "ended my life", C_IDEATION, 0, NULL },
	{ "ending it all", C_IDEATION, 0, NULL },
	{ "take my own life", C_IDEATION, 0, NULL },
	{ "take my life", C_IDEATION, 0, NULL },
	{ "unalive myself", C_IDEATION, 0, NULL },
	{ "off myself", C_IDEATION, 0, NULL },
	{ "suicide", C_IDEATION, F_FIRST, NULL },
	{ "suicidal", C_IDEATION, F_FIRST, NULL },
	{ "sewer slide", C_IDEATION, F_FIRST, NULL },
	{ "thoughts of dying", C_IDEATION, F_FIRST, NULL },
	{ "thinking about dying", C_IDEATION, F_FIRST, NULL },
	{ "hang myself", C_IDEATION, 0, NULL },
	{ "shoot myself", C_IDEATION, 0, NULL },
	{ "drown myself", C_IDEATION, 0, NULL },
	{ "not be alive", C_IDEATION, 0, NULL },
	/* a method, which counts beside ideation */
	{ "pills", C_METHOD, F_WEAK, NULL },
	{ "overdose", C_METHOD, 0, NULL },
	{ "rope", C_METHOD, 0, NULL },
	{ "noose", C_METHOD, 0, NULL },
	{ "jump off", C_METHOD, 0, NULL },
	{ "jump in front of", C_METHOD, 0, NULL },
	{ "bridge", C_METHOD, 0, NULL },
	{ "gun", C_METHOD, F_WEAK, NULL },
	{ "razor", C_METHOD, F_WEAK, NULL },
	{ "blade", C_METHOD, F_WEAK, NULL },
	{ "train tracks", C_METHOD, 0, NULL },
	{ "carbon monoxide", C_METHOD, 0, NULL },
	{ "how many pills", C_METHOD, 0, NULL },
	{ "painless way", C_METHOD, 0, NULL },
	{ "how much it would take", C_METHOD, 0, NULL },
	{ "lethal dose", C_METHOD, 0, NULL },
	/* intent */
	{ "going to kill myself", C_INTENT, 0, NULL },
	{ "gonna kill myself", C_INTENT, 0, NULL },
	{ "will kill myself", C_INTENT, 0, NULL },
	{ "i'll kill myself", C_INTENT, 0, NULL },
	{ "going to end it", C_INTENT, 0, NULL },
	{ "gonna end it", C_INTENT, 0, NULL },
	{ "going to end my life", C_INTENT, 0, NULL },
	{ "decided to end", C_INTENT, 0, NULL },
	{ "made up my mind", C_INTENT, 0, NULL },
	{ "going to do it", C_INTENT, F_FIRST, NULL },
	{ "this is goodbye", C_INTENT, 0, NULL },
	{ "won't be here", C_INTENT, 0, NULL },
	{ "wont be here", C_INTENT, 0, NULL },
	/* a plan: when, how, arrangements */
	{ "tonight", C_PLAN, 0, NULL },
	{ "tomorrow", C_PLAN, 0, NULL },
	{ "this weekend", C_PLAN, 0, NULL },
	{ "my plan", C_PLAN, F_ALONE, NULL },
	{ "planned", C_PLAN, 0, NULL },
	{ "planning to", C_PLAN, 0, NULL },
	{ "set a date", C_PLAN, F_ALONE, NULL },
	{ "picked a date", C_PLAN, F_ALONE, NULL },
	{ "giving away my", C_PLAN, 0, NULL },
	{ "gave away my", C_PLAN, 0, NULL },
	{ "said my goodbyes", C_PLAN, 0, NULL },
	{ "goodbye letter", C_PLAN, 0, NULL },
	/* behaviour: an attempt, an aborted one, or preparing */
	{ "tried to kill myself", C_BEHAVIOR, F_NOPAST, NULL },
	{ "attempted suicide", C_BEHAVIOR, F_NOPAST, NULL },
	{ "suicide attempt", C_BEHAVIOR, F_NOPAST, NULL },
	{ "tried to end my life", C_BEHAVIOR, F_NOPAST, NULL },
	{ "tried to end it", C_BEHAVIOR, F_NOPAST, NULL },
	{ "overdosed", C_BEHAVIOR, F_NOPAST, NULL },
	{ "took all my pills", C_BEHAVIOR, F_NOPAST, NULL },
	{ "took a bunch of pills", C_BEHAVIOR, F_NOPAST, NULL },
	{ "took too many pills", C_BEHAVIOR, F_NOPAST, NULL },
	{ "stockpil", C_BEHAVIOR, F_PREFIX | F_NOPAST, NULL },
	{ "saving up pills", C_BEHAVIOR, F_NOPAST, NULL },
	{ "bought a rope", C_BEHAVIOR, F_NOPAST, NULL },
	{ "wrote a suicide note", C_BEHAVIOR, F_NOPAST, NULL },
	{ "wrote my note", C_BEHAVIOR, F_NOPAST, NULL },
	{ "suicide note", C_BEHAVIOR, F_NOPAST, NULL },
	{ "stood on the bridge", C_BEHAVIOR, F_NOPAST, NULL },
	{ "stopped myself", C_BEHAVIOR, F_NOPAST, NULL },
	{ "held the pills", C_BEHAVIOR, F_NOPAST, NULL },
	/* self-harm */
	{ "cut myself", C_SELFHARM, 0, NULL },
	{ "cutting myself", C_SELFHARM, 0, NULL },
	{ "cutting again", C_SELFHARM, 0, NULL },
	{ "self harm", C_SELFHARM, 0, NULL },
	{ "self-harm", C_SELFHARM, 0, NULL },
	{ "selfharm", C_SELFHARM, 0, NULL },
	{ "hurt myself", C_SELFHARM, 0, NULL },
	{ "hurting myself", C_SELFHARM, 0, NULL },
	{ "burn myself", C_SELFHARM, 0, NULL },
	{ "burning myself", C_SELFHARM, 0, NULL },
	{ "scratch myself", C_SELFHARM, 0, NULL },
	{ "hit myself", C_SELFHARM, 0, NULL },
	/* a disclosure of abuse */
	{ "abused me", C_ABUSE, 0, NULL },
	{ "abused", C_ABUSE, 0, NULL },
	{ "abusive", C_ABUSE, 0, NULL },
	{ "raped", C_ABUSE, 0, NULL },
	{ "rape", C_ABUSE, 0, NULL },
	{ "molested", C_ABUSE, 0, NULL },
	{ "assaulted", C_ABUSE, 0, NULL },
	{ "hit me", C_ABUSE, 0, NULL },
	{ "hits me", C_ABUSE, 0, NULL },
	{ "beat me", C_ABUSE, 0, NULL },
	{ "beats me", C_ABUSE, 0, NULL },
	{ "touched me", C_ABUSE, 0, NULL },
	{ "strangled me", C_ABUSE, 0, NULL },
	{ "choked me", C_ABUSE, 0, NULL },
	{ "threatened to kill me", C_ABUSE, 0, NULL },
	{ "domestic violence", C_ABUSE, 0, NULL },
	{ "groomed me", C_ABUSE, 0, NULL },
	/* details that say who someone is */
	{ "my name is", C_IDENT, 0, NULL },
	{ "my real name", C_IDENT, 0, NULL },
	{ "i live in", C_IDENT, 0, NULL },
	{ "i live on", C_IDENT, 0, NULL },
	{ "i work at", C_IDENT, 0, NULL },
	{ "i work for", C_IDENT, 0, NULL },
	{ "my employer", C_IDENT, 0, NULL },
	{ "my address", C_IDENT, 0, NULL },
	{ "my number is", C_IDENT, 0, NULL },
	{ "my school", C_IDENT, 0, NULL },

	/* a wish to be dead, in the many ways people say it */
	{ "don't want to be alive", C_WISH, 0, NULL },
	{ "dont want to be alive", C_WISH, 0, NULL },
	{ "don't wanna be alive", C_WISH, 0, NULL },
	{ "dont wanna be alive", C_WISH, 0, NULL },
	{ "don't want to be here", C_WISH, 0, NULL },
	{ "dont want to be here", C_WISH, 0, NULL },
	{ "don't want to be around", C_WISH, 0, NULL },
	{ "wouldn't mind if i", C_WISH, 0, DEATH_WISH },
	{ "wouldnt mind if i", C_WISH, 0, DEATH_WISH },
	{ "hope i", C_WISH, 0, DEATH_WISH },
	{ "hope it", C_WISH, 0, "goes down|crashes|goes wrong|kills me" },
	{ "hope the", C_WISH, 0, "goes down|crashes|goes wrong|kills me" },
	{ "pray i", C_WISH, 0, DEATH_WISH },
	{ "wish i could", C_WISH, 0, "never wake*|sleep forever|not exist|"
	    "stop existing|die|disappear*|fall asleep and never" },
	{ "easier if i", C_WISH, 0, DEATH_WISH },
	{ "better if i", C_WISH, 0, DEATH_WISH },
	{ "relieved if i", C_WISH, 0, DEATH_WISH },
	{ "never wake up", C_WISH, 0, NULL },
	{ "won't wake up", C_WISH, 0, NULL },
	{ "wont wake up", C_WISH, 0, NULL },
	{ "don't wake up", C_WISH, 0, NULL },
	{ "dont wake up", C_WISH, 0, NULL },
	{ "welcome death", C_WISH, 0, NULL },
	{ "don't care about living", C_WISH, 0, NULL },
	{ "dont care about living", C_WISH, 0, NULL },
	{ "don't care if i die", C_WISH, 0, NULL },
	{ "dont care if i die", C_WISH, 0, NULL },
	{ "don't care if i live", C_WISH, 0, NULL },
	{ "if something hits me", C_WISH, 0, NULL },
	{ "terminal", C_WISH, F_FIRST, "relieved|relief" },
	{ "if i was gone", C_WISH, 0, NULL },
	{ "if i were gone", C_WISH, 0, NULL },
	{ "if i wasn't around", C_WISH, 0, NULL },
	{ "if i wasnt around", C_WISH, 0, NULL },
	{ "if i wasn't here", C_WISH, 0, NULL },
	{ "if i wasnt here", C_WISH, 0, NULL },
	{ "if i disappeared", C_WISH, 0, NULL },
	{ "when i'm gone", C_WISH, 0, NULL },
	{ "when im gone", C_WISH, 0, NULL },
	{ "if i died", C_WISH, 0, NULL },
	{ "burden", C_WISH, F_FIRST, NULL },
	{ "won't be a problem", C_WISH, 0, NULL },
	{ "wont be a problem", C_WISH, 0, NULL },
	{ "won't be", C_WISH, 0, "around|alive|a burden" },
	{ "wont be", C_WISH, 0, "around|alive|a burden" },
	{ "not going to be", C_INTENT, 0, "here|around|alive" },
	{ "don't think i'll be", C_WISH, 0, "around|here|alive" },
	{ "dont think ill be", C_WISH, 0, "around|here|alive" },
	{ "won't matter anymore", C_WISH, 0, NULL },
	{ "made my peace", C_WISH, 0, NULL },
	{ "if anything happens", C_WISH, 0, NULL },
	{ "if something happens", C_WISH, 0, NULL },
	{ "already gone", C_WISH, F_FIRST, NULL },
	{ "my own funeral", C_WISH, 0, NULL },
	{ "my funeral", C_WISH, 0, NULL },
	{ "go away for good", C_WISH, 0, NULL },
	{ "gone for good", C_WISH, 0, NULL },
	{ "disappear for good", C_WISH, 0, NULL },
	{ "disappear forever", C_WISH, 0, NULL },
	{ "done living", C_WISH, 0, NULL },
	{ "done with life", C_WISH, 0, NULL },
	{ "done with living", C_WISH, 0, NULL },
	{ "be over quick", C_WISH, 0, NULL },
	/* active ideation, said other ways */
	{ "taking my own life", C_IDEATION, 0, NULL },
	{ "taking my life", C_IDEATION, 0, NULL },
	{ "end my own life", C_IDEATION, 0, NULL },
	{ "ending things", C_IDEATION, F_FIRST, NULL },
	{ "end things", C_IDEATION, F_FIRST, NULL },
	{ "want to end it", C_IDEATION, 0, NULL },
	{ "wanna end it", C_IDEATION, 0, NULL },
	{ "kill my self", C_IDEATION, 0, NULL },
	{ "killing my self", C_IDEATION, 0, NULL },
	{ "unaliv", C_IDEATION, F_PREFIX | F_FIRST, NULL },
	{ "s*icide", C_IDEATION, F_FIRST, NULL },
	{ "su*cide", C_IDEATION, F_FIRST, NULL },
	{ "sewerslide", C_IDEATION, F_FIRST, NULL },
	{ "ctb", C_IDEATION, F_FIRST, NULL },
	{ "forever nap", C_IDEATION, 0, NULL },
	{ "log off permanently", C_IDEATION, 0, NULL },
	{ "log off for good", C_IDEATION, 0, NULL },
	{ "wanna kys", C_IDEATION, 0, NULL },
	{ "want to kys", C_IDEATION, 0, NULL },
	{ "yeet myself", C_IDEATION, 0, NULL },
	{ "yeet themselves off", C_IDEATION, 0, NULL },
	{ "pain to stop", C_IDEATION, 0, "permanently|forever|for good" },
	{ "one way out", C_IDEATION, F_FIRST, NULL },
	{ "only way out", C_IDEATION, F_FIRST, NULL },
	{ "thinking of", C_IDEATION, 0, "jumping|overdos*|hanging|drowning|"
	    "driving into|stepping in front|ending" },
	{ "thinking about", C_IDEATION, 0, "jumping|overdos*|hanging|"
	    "drowning|driving into|stepping in front|ending|cutting deep" },
	/* intent */
	{ "won't hear from me again", C_INTENT, 0, NULL },
	{ "wont hear from me again", C_INTENT, 0, NULL },
	{ "never hear from me again", C_INTENT, 0, NULL },
	{ "going to act on", C_INTENT, 0, NULL },
	{ "act on the thoughts", C_INTENT, F_FIRST, NULL },
	{ "follow through", C_INTENT, F_FIRST, NULL },
	{ "going through with it", C_INTENT, 0, NULL },
	{ "go through with it", C_INTENT, F_FIRST, NULL },
	{ "i will do it", C_INTENT, 0, NULL },
	{ "i'll do it", C_INTENT, 0, NULL },
	{ "i'm ending it", C_INTENT, 0, NULL },
	{ "im ending it", C_INTENT, 0, NULL },
	{ "going to overdose", C_INTENT, 0, NULL },
	{ "gonna overdose", C_INTENT, 0, NULL },
	{ "going to jump", C_INTENT, 0, NULL },
	{ "gonna jump", C_INTENT, 0, NULL },
	{ "going to take", C_INTENT, 0, PILLS "|all of" },
	{ "taking all the", C_INTENT, 0, PILLS },
	{ "going to the", C_INTENT, F_FIRST, "bridge|cliff|tracks|ledge|"
	    "rooftop|roof|reservoir" },
	{ "not coming back", C_INTENT, F_FIRST, NULL },
	{ "won't be coming back", C_INTENT, 0, NULL },
	{ "doing it", C_INTENT, F_FIRST, "tonight|tomorrow|today|this "
	    "weekend|soon" },
	{ "going to step", C_INTENT, 0, "in front|off" },
	/* a method, and looking for one */
	{ "step in front of", C_METHOD, 0, NULL },
	{ "step off", C_METHOD, 0, NULL },
	{ "walking into the water", C_METHOD, 0, NULL },
	{ "drive into", C_METHOD, 0, NULL },
	{ "drove into", C_METHOD, 0, NULL },
	{ "jump from", C_METHOD, 0, NULL },
	{ "jumping from", C_METHOD, 0, NULL },
	{ "jumping off", C_METHOD, 0, NULL },
	{ "top floor", C_METHOD, 0, NULL },
	{ "multi-storey", C_METHOD, 0, NULL },
	{ "multi storey", C_METHOD, 0, NULL },
	{ "ledge", C_METHOD, 0, NULL },
	{ "cliff", C_METHOD, 0, NULL },
	{ "car running", C_METHOD, 0, NULL },
	{ "medicine cabinet", C_METHOD, F_WEAK, NULL },
	{ "how many", C_METHOD, F_ALONE, "pill*|tablet*|meds|it would take|"
	    "would it take|would kill|fatal|lethal|to die|would do it|enough" },
	{ "looking up", C_METHOD, F_ALONE, METHODS },
	{ "looked up", C_METHOD, F_ALONE, METHODS },
	{ "googling", C_METHOD, F_ALONE, METHODS },
	{ "googled", C_METHOD, F_ALONE, METHODS },
	{ "researching", C_METHOD, F_ALONE, METHODS },
	{ "reading about", C_METHOD, F_ALONE, METHODS },
	{ "read that", C_METHOD, F_ALONE, METHODS },
	{ "searching", C_METHOD, F_ALONE, METHODS },
	{ "keep looking at", C_METHOD, F_ALONE, "rope|pill*|bridge|gun|knife|"
	    "blade|tablets" },
	{ "worked out", C_METHOD, F_ALONE, "dose|when i'd|how many|timing|"
	    "exactly when|how much" },
	{ "enough to", C_METHOD, F_ALONE, ENDS },
	{ "would be enough", C_METHOD, F_ALONE, NULL },
	{ "painless way", C_METHOD, F_ALONE, NULL },
	{ "hold my weight", C_METHOD, F_ALONE, NULL },
	{ "dad's gun", C_METHOD, F_ALONE, "know where|keeps|key" },
	{ "meds", C_METHOD, F_ALONE, "would do it|could do it|to do it" },
	{ "pills", C_METHOD, F_ALONE, "would do it|could do it|to do it" },
	{ "insulin", C_METHOD, F_ALONE, "would do*|could do*|dose" },
	{ "cutting deep enough", C_METHOD, F_ALONE, NULL },
	/* a plan: when and where */
	{ "when and how", C_PLAN, 0, NULL },
	{ "picked the day", C_PLAN, 0, NULL },
	{ "picked a day", C_PLAN, 0, NULL },
	{ "next week", C_PLAN, 0, NULL },
	{ "next month", C_PLAN, 0, NULL },
	{ "monday", C_PLAN, 0, NULL },
	{ "tuesday", C_PLAN, 0, NULL },
	{ "wednesday", C_PLAN, 0, NULL },
	{ "thursday", C_PLAN, 0, NULL },
	{ "friday", C_PLAN, 0, NULL },
	{ "saturday", C_PLAN, 0, NULL },
	{ "sunday", C_PLAN, 0, NULL },
	{ "hotel room", C_PLAN, 0, NULL },
	{ "after christmas", C_PLAN, 0, NULL },
	{ "after my last", C_PLAN, 0, NULL },
	{ "when my shift ends", C_PLAN, 0, NULL },
	{ "the timing", C_PLAN, 0, NULL },
	{ "all sorted", C_PLAN, 0, NULL },
	{ "date in mind", C_PLAN, 0, NULL },
	/* preparing, and attempts (behaviour) */
	{ "letters to everyone", C_BEHAVIOR, F_NOPAST, NULL },
	{ "wrote letters", C_BEHAVIOR, F_NOPAST, NULL },
	{ "written letters", C_BEHAVIOR, F_NOPAST, NULL },
	{ "written notes", C_BEHAVIOR, F_NOPAST, NULL },
	{ "wrote notes", C_BEHAVIOR, F_NOPAST, NULL },
	{ "wrote the note", C_BEHAVIOR, F_NOPAST, NULL },
	{ "wrote a note", C_BEHAVIOR, F_NOPAST, NULL },
	{ "left a note", C_BEHAVIOR, F_NOPAST, NULL },
	{ "wrote my will", C_BEHAVIOR, F_NOPAST, NULL },
	{ "written my will", C_BEHAVIOR, F_NOPAST, NULL },
	{ "giving away", C_BEHAVIOR, F_NOPAST, "stuff|things|belongings|"
	    "possessions|my" },
	{ "loose ends", C_BEHAVIOR, F_NOPAST, NULL },
	{ "who gets what", C_BEHAVIOR, F_NOPAST, NULL },
	{ "insurance", C_BEHAVIOR, F_NOPAST, "pay out|pays out|still pay|"
	    "first year|suicide" },
	{ "deleted all my", C_BEHAVIOR, F_NOPAST, NULL },
	{ "charcoal", C_BEHAVIOR, F_NOPAST, "tape" },
	{ "bought", C_BEHAVIOR, F_NOPAST, "rope|charcoal|a gun|blade*|razor*|"
	    "noose" },
	{ "saving", C_BEHAVIOR, F_NOPAST, "pills|tablets|meds|pils|up my" },
	{ "hoarding", C_BEHAVIOR, F_NOPAST, "pills|tablets|meds" },
	{ "tablets together", C_BEHAVIOR, F_NOPAST, NULL },
	{ "pills together", C_BEHAVIOR, F_NOPAST, NULL },
	{ "in case i'm not", C_BEHAVIOR, F_NOPAST, NULL },
	{ "in case im not", C_BEHAVIOR, F_NOPAST, NULL },
	{ "picked the spot", C_BEHAVIOR, F_NOPAST, NULL },
	{ "picked a spot", C_BEHAVIOR, F_NOPAST, NULL },
	{ "rehom", C_BEHAVIOR, F_PREFIX | F_NOPAST | F_FIRST, NULL },
	{ "goodbye", C_BEHAVIOR, F_NOPAST, "without them knowing|for the "
	    "last time|forever|for good" },
	{ "saying goodbye to people", C_BEHAVIOR, F_NOPAST, NULL },
	{ "took a load of", C_BEHAVIOR, F_NOPAST, NULL },
	{ "took a bottle of", C_BEHAVIOR, F_NOPAST, NULL },
	{ "took a handful of", C_BEHAVIOR, F_NOPAST, NULL },
	{ "took all my", C_BEHAVIOR, F_NOPAST, NULL },
	{ "took all the", C_BEHAVIOR, F_NOPAST, NULL },
	{ "took the tablets", C_BEHAVIOR, F_NOPAST, NULL },
	{ "swallowed", C_BEHAVIOR, F_NOPAST, PILLS "|a bottle|everything" },
	{ "on the ledge", C_BEHAVIOR, F_NOPAST, NULL },
	{ "poured them back", C_BEHAVIOR, F_NOPAST, NULL },
	{ "pills in my hand", C_BEHAVIOR, F_NOPAST, NULL },
	{ "around my neck", C_BEHAVIOR, F_NOPAST, NULL },
	{ "tried to", C_BEHAVIOR, F_NOPAST | F_FIRST, "overdose|hang|kill|end|"
	    "jump|drown|die|take my" },
	{ "cut my wrists", C_BEHAVIOR, F_NOPAST, NULL },
	{ "meaning to die", C_BEHAVIOR, F_NOPAST, NULL },
	{ "in front of", C_BEHAVIOR, F_NOPAST, "on purpose" },
	{ "my overdose", C_BEHAVIOR, F_NOPAST, NULL },
	{ "my attempt", C_BEHAVIOR, F_NOPAST, NULL },
	{ "my last attempt", C_BEHAVIOR, F_NOPAST, NULL },
	{ "attempted", C_BEHAVIOR, F_NOPAST | F_FIRST, NULL },
	{ "jumped", C_BEHAVIOR, F_NOPAST, "bridge|building|roof|car park|"
	    "cliff" },
	/* more ways of saying the same, found in a second tuning set */
	{ "life to be over", C_WISH, 0, NULL },
	{ "stop existing", C_WISH, F_FIRST, NULL },
	{ "cease to exist", C_WISH, F_FIRST, NULL },
	{ "nice to be dead", C_WISH, 0, NULL },
	{ "wouldn't mind if", C_WISH, 0, DEATH_WISH "|went down|crashed" },
	{ "wouldnt mind if", C_WISH, 0, DEATH_WISH "|went down|crashed" },
	{ "hoping the", C_WISH, 0, "doesn't stop|doesnt stop|crashes|goes "
	    "down|hits me|kills me" },
	{ "if i", C_WISH, 0, "got hit|got run over|didn't wake*|didnt wake*|"
	    "didn't make it|didnt make it|wasn't in it|died" },
	{ "taken me yet", C_WISH, 0, NULL },
	{ "i'd welcome it", C_WISH, 0, NULL },
	{ "would welcome it", C_WISH, F_FIRST, NULL },
	{ "finish me off", C_WISH, F_FIRST, NULL },
	{ "my last birthday", C_WISH, 0, NULL },
	{ "my last one", C_WISH, 0, NULL },
	{ "my last christmas", C_WISH, 0, NULL },
	{ "a mercy if", C_WISH, 0, DEATH_WISH "|didn't make it|didnt make it" },
	{ "sleep forever", C_WISH, 0, NULL },
	{ "permanent kind of sleep", C_WISH, 0, NULL },
	{ "never be found", C_WISH, 0, NULL },
	{ "won't have to", C_WISH, 0, "carry me|deal with me|worry about me|"
	    "put up with me|look after me" },
	{ "while i still can", C_WISH, 0, NULL },
	{ "worry about me", C_WISH, 0, "after|soon|anymore" },
	{ "the insurance money", C_WISH, 0, NULL },
	{ "one less problem", C_WISH, 0, NULL },
	{ "one less burden", C_WISH, 0, NULL },
	{ "one less mouth", C_WISH, 0, NULL },
	{ "already a ghost", C_WISH, 0, NULL },
	{ "if i stop posting", C_WISH, 0, NULL },
	{ "fine without me", C_WISH, 0, NULL },
	{ "better without me", C_WISH, 0, NULL },
	{ "manage without me", C_WISH, 0, NULL },
	{ "after i'm gone", C_WISH, 0, NULL },
	{ "after im gone", C_WISH, 0, NULL },
	{ "easy for them after", C_BEHAVIOR, F_NOPAST, NULL },
	{ "wanting to end it", C_IDEATION, 0, NULL },
	{ "wanted it to be the end", C_IDEATION, 0, NULL },
	{ "checking out early", C_IDEATION, 0, NULL },
	{ "check out early", C_IDEATION, 0, NULL },
	{ "top myself", C_IDEATION, 0, NULL },
	{ "become a statistic", C_IDEATION, F_FIRST, NULL },
	{ "walk off a short pier", C_IDEATION, F_FIRST, NULL },
	{ "mind is made up", C_INTENT, 0, NULL },
	{ "not going to make it to", C_INTENT, 0, NULL },
	{ "won't make it to", C_INTENT, 0, NULL },
	{ "gonna do it", C_INTENT, F_FIRST, NULL },
	{ "take matters into my own hands", C_INTENT, 0, NULL },
	{ "i'll take", C_INTENT, 0, PILLS },
	{ "not to come back", C_INTENT, 0, NULL },
	{ "got what i need", C_PLAN, 0, NULL },
	{ "the plan is", C_PLAN, F_ALONE, NULL },
	{ "picked the date", C_PLAN, F_ALONE, NULL },
	{ "nobody goes", C_PLAN, 0, NULL },
	{ "nobody walks", C_PLAN, 0, NULL },
	{ "nobody checks", C_PLAN, 0, NULL },
	{ "nobody will look", C_PLAN, 0, NULL },
	{ "no one will look", C_PLAN, 0, NULL },
	{ "after my shift", C_PLAN, 0, NULL },
	{ "shotgun", C_METHOD, 0, NULL },
	{ "rifle", C_METHOD, 0, NULL },
	{ "pistol", C_METHOD, 0, NULL },
	{ "where he keeps", C_METHOD, F_ALONE, "key|gun|shotgun|pills|"
	    "tablets|rifle" },
	{ "where she keeps", C_METHOD, F_ALONE, "key|gun|pills|tablets" },
	{ "how i'd do it", C_METHOD, F_ALONE, NULL },
	{ "how i would do it", C_METHOD, F_ALONE, NULL },
	{ "cliffs", C_METHOD, 0, NULL },
	{ "quarry", C_METHOD, 0, NULL },
	{ "top level", C_METHOD, 0, NULL },
	{ "roof access", C_METHOD, F_ALONE, NULL },
	{ "engine running", C_METHOD, 0, NULL },
	{ "into the sea", C_METHOD, 0, NULL },
	{ "reservoir", C_METHOD, 0, NULL },
	{ "train line", C_METHOD, 0, NULL },
	{ "gave my", C_BEHAVIOR, F_NOPAST, "away|favourite|favorite|to my "
	    "little|to my best|to my cousin|to my sister|to my brother|to my "
	    "neighbour|to my neighbor|to my friend" },
	{ "updated my will", C_BEHAVIOR, F_NOPAST, NULL },
	{ "who gets the", C_BEHAVIOR, F_NOPAST, NULL },
	{ "painkillers", C_BEHAVIOR, F_NOPAST, "put aside|saved|stash*|hidden|"
	    "keeping" },
	{ "pills", C_BEHAVIOR, F_NOPAST, "put aside|saved up|stash*|hidden|"
	    "counted out" },
	{ "tablets", C_BEHAVIOR, F_NOPAST, "put aside|saved up|stash*|hidden|"
	    "counted out" },
	{ "counted out", C_BEHAVIOR, F_NOPAST, NULL },
	{ "took a lot of", C_BEHAVIOR, F_NOPAST, PILLS },
	{ "took some of", C_BEHAVIOR, F_NOPAST, PILLS },
	{ "took loads of", C_BEHAVIOR, F_NOPAST, PILLS },
	{ "taken everything", C_BEHAVIOR, F_NOPAST, NULL },
	{ "round my neck", C_BEHAVIOR, F_NOPAST, NULL },
	{ "stood on the edge", C_BEHAVIOR, F_NOPAST, NULL },
	{ "found me", C_BEHAVIOR, F_NOPAST, "garage|engine|bath|pills|"
	    "hanging|unconscious|tablets" },
	{ "drove to the", C_BEHAVIOR, F_NOPAST, "bridge|cliff|reservoir|"
	    "tracks|quarry" },
	{ "cut deep", C_BEHAVIOR, F_NOPAST, "end|die|dead" },
	{ "the last text", C_BEHAVIOR, F_NOPAST, NULL },
	{ "last message to", C_BEHAVIOR, F_NOPAST, NULL },
	{ "survived", C_BEHAVIOR, F_NOPAST | F_FIRST, "overdose|attempt*" },
	{ "survivor of", C_BEHAVIOR, F_NOPAST, "attempt*" },
	{ "attempts", C_BEHAVIOR, F_NOPAST | F_FIRST, NULL },
	{ "made an attempt", C_BEHAVIOR, F_NOPAST, NULL },
	/* what people want, think about or mean to do, near a word for
	** dying or ending: the many ways a wish, a thought or an intent is
	** said without the stock phrases (within a few words: F_NEAR) */
	{ "want", C_WISH, F_NEAR, ENDINGS },
	{ "wanna", C_WISH, F_NEAR, ENDINGS },
	{ "wanting", C_WISH, F_NEAR, ENDINGS },
	{ "wish", C_WISH, F_NEAR, ENDINGS },
	{ "wishing", C_WISH, F_NEAR, ENDINGS },
	{ "hope", C_WISH, F_NEAR, ENDINGS },
	{ "hoping", C_WISH, F_NEAR, ENDINGS },
	{ "pray", C_WISH, F_NEAR, ENDINGS },
	{ "praying", C_WISH, F_NEAR, ENDINGS },
	{ "rather", C_WISH, F_NEAR, ENDINGS },
	{ "okay with", C_WISH, F_NEAR, ENDINGS },
	{ "ok with", C_WISH, F_NEAR, ENDINGS },
	{ "fine with", C_WISH, F_NEAR, ENDINGS },
	{ "wouldn't fight", C_WISH, F_NEAR, NULL },
	{ "easier to", C_WISH, F_NEAR, ENDINGS },
	{ "better to", C_WISH, F_NEAR, ENDINGS },
	{ "longing", C_WISH, F_NEAR, ENDINGS },
	{ "can't wait to", C_WISH, F_NEAR, ENDINGS },
	{ "glad if", C_WISH, F_NEAR, ENDINGS },
	{ "thinking about", C_IDEATION, F_NEAR, ENDINGS },
	{ "thinking of", C_IDEATION, F_NEAR, ENDINGS },
	{ "think about", C_IDEATION, F_NEAR, ENDINGS },
	{ "thought about", C_IDEATION, F_NEAR, ENDINGS },
	{ "thoughts about", C_IDEATION, F_NEAR, ENDINGS },
	{ "picturing", C_IDEATION, F_NEAR, ENDINGS },
	{ "imagining", C_IDEATION, F_NEAR, ENDINGS },
	{ "fantasi", C_IDEATION, F_NEAR | F_PREFIX, ENDINGS },
	{ "considering", C_IDEATION, F_NEAR, ENDINGS },
	{ "contemplating", C_IDEATION, F_NEAR, ENDINGS },
	{ "urge to", C_IDEATION, F_NEAR, ENDINGS },
	{ "tempted to", C_IDEATION, F_NEAR, ENDINGS },
	{ "want out of", C_IDEATION, 0, "living|life|this life" },
	{ "going to", C_INTENT, F_NEAR, ENDINGS },
	{ "gonna", C_INTENT, F_NEAR, ENDINGS },
	{ "intend to", C_INTENT, F_NEAR, ENDINGS },
	{ "ready to", C_INTENT, F_NEAR, ENDINGS },
	{ "decided to", C_INTENT, F_NEAR, ENDINGS },
	{ "planning on", C_INTENT, F_NEAR, ENDINGS },
	{ "plan to", C_INTENT, F_NEAR, ENDINGS },
	{ "about to", C_INTENT, F_NEAR, ENDINGS },
	{ "acting on it", C_INTENT, 0, NULL },
	{ "finish it properly", C_INTENT, 0, NULL },
	{ "my decision", C_INTENT, F_FIRST, "at peace|made|final|don't try|"
	    "talk me out" },
	{ "talk me out of it", C_INTENT, 0, NULL },
	{ "talk me down", C_INTENT, 0, NULL },
	/* found in a third tuning set: the same concepts, said in more ways */
	{ "hopes", C_WISH, F_NEAR, ENDINGS },
	{ "might just", C_IDEATION, F_NEAR, ACTS },
	{ "could just", C_IDEATION, F_NEAR, ACTS },
	{ "intention of", C_INTENT, F_NEAR, ENDINGS },
	{ "talk me out of", C_INTENT, 0, NULL },
	{ "welcome dying", C_WISH, 0, NULL },
	{ "death sounds", C_WISH, 0, "peaceful|nice|good|appealing|like" },
	{ "dying sounds", C_WISH, 0, "peaceful|nice|good|appealing|like" },
	{ "how nice it would be", C_WISH, F_NEAR, DEATH_WISH },
	{ "nobody would miss me", C_WISH, 0, NULL },
	{ "no one would miss me", C_WISH, 0, NULL },
	{ "without me in it", C_WISH, 0, NULL },
	{ "lighter without me", C_WISH, 0, NULL },
	{ "everything to be over", C_WISH, 0, NULL },
	{ "a future where i", C_WISH, 0, NULL },
	{ "being around by", C_WISH, F_FIRST, NULL },
	{ "won't need them", C_WISH, F_FIRST, NULL },
	{ "won't need it where", C_BEHAVIOR, F_NOPAST, NULL },
	{ "where i'm going", C_WISH, F_FIRST, "won't need|wont need" },
	{ "last post", C_WISH, F_FIRST, NULL },
	{ "my time to run out", C_WISH, 0, NULL },
	{ "a way out", C_IDEATION, F_FIRST, "looking at|staring at|keep" },
	{ "feel like an answer", C_IDEATION, 0, NULL },
	{ "like the answer", C_IDEATION, F_FIRST, NULL },
	{ "tall enough", C_METHOD, F_ALONE, NULL },
	{ "high enough", C_METHOD, F_ALONE, NULL },
	{ "ways to do it", C_METHOD, F_ALONE, NULL },
	{ "rope", C_METHOD, F_ALONE, "think about it|thinking about it|"
	    "staring at it|looking at it" },
	{ "gun", C_METHOD, F_ALONE, "think about it|thinking about it|"
	    "staring at it|looking at it" },
	{ "medicine cabinet", C_METHOD, F_ALONE, "staring at it|looking at it|"
	    "think about it|thinking about it" },
	{ "viaduct", C_METHOD, 0, NULL },
	{ "tracks", C_METHOD, 0, NULL },
	{ "the route to", C_PLAN, 0, NULL },
	{ "decided how", C_INTENT, F_FIRST, NULL },
	{ "decided when", C_INTENT, F_FIRST, NULL },
	{ "everything in the cabinet", C_METHOD, F_WEAK, NULL },
	{ "tablets", C_METHOD, F_WEAK, NULL },
	{ "mapped out", C_PLAN, F_ALONE, NULL },
	{ "planned it", C_PLAN, F_ALONE, NULL },
	{ "that's when", C_PLAN, F_ALONE, NULL },
	{ "thats when", C_PLAN, F_ALONE, NULL },
	{ "the night of", C_PLAN, 0, NULL },
	{ "at midnight", C_PLAN, 0, NULL },
	{ "goes to bed", C_PLAN, 0, NULL },
	{ "house will be empty", C_PLAN, 0, NULL },
	{ "my birthday", C_PLAN, 0, NULL },
	{ "anniversary", C_PLAN, 0, NULL },
	{ "end of the month", C_PLAN, 0, NULL },
	{ "has to find me", C_BEHAVIOR, F_NOPAST, NULL },
	{ "whoever finds me", C_BEHAVIOR, F_NOPAST, NULL },
	{ "for when i'm not here", C_BEHAVIOR, F_NOPAST, NULL },
	{ "when i'm dead", C_BEHAVIOR, F_NOPAST, NULL },
	{ "when im dead", C_BEHAVIOR, F_NOPAST, NULL },
	{ "who should get what", C_BEHAVIOR, F_NOPAST, NULL },
	{ "means forever", C_BEHAVIOR, F_NOPAST, NULL },
	{ "goodbye", C_BEHAVIOR, F_NOPAST, "texts|messages|letters|letter|"
	    "notes|note|video" },
	{ "my stuff away", C_BEHAVIOR, F_NOPAST, NULL },
	{ "my things away", C_BEHAVIOR, F_NOPAST, NULL },
	{ "pills i've been saving", C_BEHAVIOR, F_NOPAST, NULL },
	{ "hidden the pills", C_BEHAVIOR, F_NOPAST, NULL },
	{ "bought the tablets", C_BEHAVIOR, F_NOPAST, NULL },
	{ "bought the pills", C_BEHAVIOR, F_NOPAST, NULL },
	{ "different chemists", C_BEHAVIOR, F_NOPAST, NULL },
	{ "different pharmacies", C_BEHAVIOR, F_NOPAST, NULL },
	{ "explaining everything", C_BEHAVIOR, F_NOPAST, NULL },
	{ "trying to end", C_BEHAVIOR, F_NOPAST, NULL },
	{ "trying to take my", C_BEHAVIOR, F_NOPAST, NULL },
	{ "tried again", C_BEHAVIOR, F_NOPAST | F_FIRST, NULL },
	{ "tried three times", C_BEHAVIOR, F_NOPAST, NULL },
	{ "tried twice", C_BEHAVIOR, F_NOPAST, NULL },
	{ "stomach pumped", C_BEHAVIOR, F_NOPAST, NULL },
	{ "already swallowed", C_BEHAVIOR, F_NOPAST, NULL },
	{ "took an overdose", C_BEHAVIOR, F_NOPAST, NULL },
	{ "first attempt", C_BEHAVIOR, F_NOPAST | F_FIRST, NULL },
	{ "second attempt", C_BEHAVIOR, F_NOPAST | F_FIRST, NULL },
};

/* Words that set a phrase aside, found in its clause: just before it
** (negators), or anywhere before it (framings such as "it's not that"). */
static const char *const negators[] = {
	"not", "never", "don't", "dont", "won't", "wont", "wouldn't",
	"no longer", "isn't", "wasn't", "am not", "im not", "haven't",
	"havent", "hasn't", "didn't", "didnt", "stopped", "quit"
};
static const char *const framings[] = {
	"it's not that", "its not that", "not that i", "no thoughts of",
	"no thought of", "no plans to", "no plan to", "no intention",
	"no intent", "never had thoughts", "haven't had thoughts",
	"havent had thoughts", "haven't had any thoughts", "never once", "never thought",
	"not once", "doesn't mean", "doesnt mean", "does not mean"
};
/* ... or after it: "suicide has never been on the table". */
static const char *const denials[] = {
	"never been on the table", "has never been", "was never",
	"is not an option", "isn't an option", "said no", "saying no",
	"not on the table", "not at all", "telling her no", "telling him no",
	"telling them no", "and i mean it"
};
/* Fiction and questions about "if ever": "what if I just ended it" is the
** writer's own thought, and counts. */
static const char *const hypotheticals[] = {
	"in the movie", "in the film", "in the book", "in the show",
	"in the song", "lyrics", "the character", "in my story",
	"a character", "in the novel", "in the game", "if i ever",
	"my novel", "my comic", "my character", "main character",
	"book club", "the plot", "my screenplay", "my fic", "fanfic",
	"short story", "storyline", "tv series", "the series", "the serial",
	"episode", "documentary", "podcast", "what would happen",
	"what happens if"
};
static const char *const pasts[] = {
	"used to", "years ago", "months ago", "when i was", "back then",
	"in the past", "recovered", "recovery", "since then", "as a teen",
	"as a kid", "back in", "no longer", "not anymore", "don't anymore",
	"dont anymore", "since i last", "last felt", "ended when", "faded",
	"went away", "in my twenties", "in my teens", "my teens",
	"during the pandemic", "never came back", "took the edge off"
};
/* Said of a time gone by ("I was", "I had") it is set aside when the
** item also says the writer came through it. */
static const char *const past_tense[] = {
	"was", "were", "had", "remember", "during", "started after",
	"i thought"
};
static const char *const recoveries[] = {
	"okay now", "ok now", "better now", "doing well", "are gone now",
	"is gone now", "changed everything", "saved me", "saved my life",
	"got me through", "helped me through", "helped a lot", "i'm proud",
	"in recovery", "don't think that anymore", "dont think that anymore",
	"has gone", "now and happy", "i'm stable", "im stable",
	"now i volunteer", "working again"
};
/* Someone else the clause speaks of; a phrase after one of these, with no
** "I" between, is theirs. */
static const char *const others[] = {
	"friend", "sister", "brother", "mom", "mum", "dad", "mother",
	"father", "son", "daughter", "partner", "boyfriend", "girlfriend",
	"husband", "wife", "uncle", "aunt", "cousin", "nan", "grandma",
	"grandad", "grandpa", "flatmate", "roommate", "therapist", "mate",
	"kid", "child", "student", "client", "colleague", "coworker",
	"neighbour", "neighbor", "lost my", "lost a", "died by", "our ",
	"service user", "patient", "resident", "keeps talking",
	"someone", "people who", "he ", "she ", "they ", "her ", "his ",
	"he's", "she's", "they're"
};
/* People in general: a phrase that needs the writer to speak of
** themselves ("suicide") is not theirs in a clause that names only these
** or the people above. */
static const char *const persons[] = {
	"we ", "you ", "people ", "everyone ", "anyone ", "my friend",
	"my sister", "my brother", "my mom", "my mum", "my dad", "someone",
	"he ", "she ", "they ", "her ", "his ", "he's", "she's", "they're"
};
static const char *const subject_i[] = {
	"i", "i'm", "im", "i've", "ive", "i'd", "i'll"
};
/* A phrase followed by one of these is about the subject, not a person:
** "suicide prevention", "suicide hotline". */
static const char *const topics[] = {
	" prevention", " awareness", " hotline", " helpline", " line",
	" squad", " rate", " rates", " statistics", " crisis line",
	" bombing", " bomber", " mission", " doors", " note"
};

/* Misspellings that matter, made right before matching; and the words
** a single slip of the keys (a letter dropped, added or swapped, and for
** the first two a letter changed) is taken for. */
static const struct {
	const char *from, *to;
} spellings[] = {
	{ "kil", "kill" }, { "killin", "killing" }, { "dei", "die" },
	{ "lfe", "life" }, { "pils", "pills" }, { "tonite", "tonight" },
	{ "goign", "going" }, { "wnat", "want" }, { "abt", "about" },
	{ "thinkin", "thinking" }, { "b", "be" }, { "nite", "night" },
	{ "gunna", "gonna" }, { "gona", "gonna" }, { "meself", "myself" },
	{ "lfie", "life" }, { "tird", "tired" }, { "dissapear", "disappear" },
	{ "dissappear", "disappear" }, { "alvie", "alive" },
	{ "slef", "self" }
};
static const char *const near_words[] = {
	"suicide", "suicidal", "myself", "killing", "overdose", "tonight",
	"tomorrow", "thinking", "better", "without", "ending", "living",
	"forever", "disappear"
};

/* The text, folded: lower-case ASCII, plain quotes; for each folded byte
** the original byte it came from, the characters of the text before it,
** and whether it stands inside double quotes.  Made once, so that no
** question about a position reads the text from its start again. */
struct folded {
	char *s;
	uint32_t *orig;
	uint32_t *chars;
	char *inquote;
	size_t n;
	void *mem;	/* one allocation holds the four arrays */
	char small[64 * 10];	/* or this, for a short item */
};

/* Items are at most 64 MiB (the command's limit), so positions fit in 32
** bits. */
static int
fold(const char *t, size_t n, struct folded *f)
{
	const unsigned char *u = (const unsigned char *)t;
	size_t i = 0, need = (n + 1) * (2 * sizeof(uint32_t) + 2);
	uint32_t chars = 0;
	int q = 0;

	f->mem = NULL;
	f->n = 0;
	if (n >= UINT32_MAX / 2)
		return -1;
	if (need > sizeof(f->small) && (f->mem = malloc(need)) == NULL)
		return -1;
	f->orig = f->mem ? f->mem : (void *)f->small;
	f->chars = f->orig + n + 1;
	f->s = (char *)(f->chars + n + 1);
	f->inquote = f->s + n + 1;
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
		f->orig[f->n] = (uint32_t)i;
		f->chars[f->n] = chars;
		f->inquote[f->n++] = (char)q;	/* a quote mark: before it */
		q ^= c == '"';
		for (; w > 0; w--, i++)
			chars += ((unsigned char)t[i] & 0xC0) != 0x80;
	}
	f->s[f->n] = '\0';
	f->orig[f->n] = (uint32_t)n;
	f->chars[f->n] = chars;
	f->inquote[f->n] = (char)q;
	return 0;
}

static void
unfold(struct folded *f)
{
	free(f->mem);
}

static int
is_word(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '\'' ||
	    (unsigned char)c >= 0x80;
}

/* Is w (n bytes) one slip from t: a letter dropped, added (not a plural
** "s") or two swapped, or with change, one letter changed?  Returns 1 or
** 0 (and 0 for t itself). */
static int
one_slip(const char *w, size_t n, const char *t, int change)
{
	size_t m = strlen(t), i;

	if (n == m) {
		for (i = 0; i < n && w[i] == t[i]; i++)
			;
		if (i == n)
			return 0;
		if (i + 1 < n && w[i] == t[i + 1] && w[i + 1] == t[i] &&
		    memcmp(w + i + 2, t + i + 2, n - i - 2) == 0)
			return 1;
		return change && memcmp(w + i + 1, t + i + 1, n - i - 1) == 0;
	}
	if (n + 1 == m) {
		for (i = 0; i < n && w[i] == t[i]; i++)
			;
		return memcmp(w + i, t + i + 1, n - i) == 0;
	}
	if (n == m + 1) {
		if (w[n - 1] == 's' && memcmp(w, t, m) == 0)
			return 0;
		for (i = 0; i < m && w[i] == t[i]; i++)
			;
		return memcmp(w + i + 1, t + i, m - i) == 0;
	}
	return 0;
}

/* The word w (n letters) is taken for, or NULL. */
static const char *
respelled(const char *w, size_t n)
{
	size_t k;

	for (k = 0; k < sizeof(spellings) / sizeof(spellings[0]); k++)
		if (spellings[k].from[0] == w[0] &&
		    strlen(spellings[k].from) == n &&
		    memcmp(spellings[k].from, w, n) == 0)
			return spellings[k].to;
	if (n < 5)
		return NULL;
	for (k = 0; k < sizeof(near_words) / sizeof(near_words[0]); k++)
		if (w[0] == near_words[k][0] &&
		    one_slip(w, n, near_words[k], k < 2))
			return near_words[k];
	return NULL;
}

/* Make the misspellings in f right, keeping for every byte of a
** respelled word the position of the word as written.  Returns 0 or -1. */
static int
respell(struct folded *f)
{
	struct folded g;
	size_t i, j, e, n2 = 0, fixes = 0, need;
	const char *to;

	for (i = 0; i < f->n; i = e) {
		for (e = i; e < f->n && f->s[e] >= 'a' && f->s[e] <= 'z'; e++)
			;
		if (e == i || (i > 0 && is_word(f->s[i - 1])) ||
		    (e < f->n && is_word(f->s[e]))) {
			n2 += e == i ? 1 : e - i;
			e += e == i;
			continue;
		}
		to = respelled(f->s + i, e - i);
		n2 += to ? strlen(to) : e - i;
		fixes += to != NULL;
	}
	if (fixes == 0)
		return 0;
	need = (n2 + 1) * (2 * sizeof(uint32_t) + 2);
	if ((g.mem = malloc(need)) == NULL)
		return -1;
	g.orig = g.mem;
	g.chars = g.orig + n2 + 1;
	g.s = (char *)(g.chars + n2 + 1);
	g.inquote = g.s + n2 + 1;
	g.n = 0;
	for (i = 0; i < f->n; i = e) {
		for (e = i; e < f->n && f->s[e] >= 'a' && f->s[e] <= 'z'; e++)
			;
		to = NULL;
		if (e == i)
			e++;
		else if (!(i > 0 && is_word(f->s[i - 1])) &&
		    !(e < f->n && is_word(f->s[e])))
			to = respelled(f->s + i, e - i);
		if (to == NULL) {
			for (j = i; j < e; j++, g.n++) {
				g.s[g.n] = f->s[j];
				g.orig[g.n] = f->orig[j];
				g.chars[g.n] = f->chars[j];
				g.inquote[g.n] = f->inquote[j];
			}
			continue;
		}
		for (j = 0; to[j]; j++, g.n++) {
			g.s[g.n] = to[j];
			g.orig[g.n] = f->orig[i];
			g.chars[g.n] = f->chars[i];
			g.inquote[g.n] = f->inquote[i];
		}
	}
	g.s[g.n] = '\0';
	g.orig[g.n] = f->orig[f->n];
	g.chars[g.n] = f->chars[f->n];
	g.inquote[g.n] = f->inquote[f->n];
	free(f->mem);
	f->mem = g.mem;
	f->s = g.s;
	f->orig = g.orig;
	f->chars = g.chars;
	f->inquote = g.inquote;
	f->n = g.n;
	return 0;
}

/* Does word-list entry w occur in s[from, to) as whole words?  Returns
** its position, or -1. */
static long
find_in(const char *s, size_t from, size_t to, const char *w)
{
	size_t k = strlen(w), i;
	const char *hit;

	for (i = from; i + k <= to; i = (size_t)(hit - s) + 1) {
		hit = memchr(s + i, w[0], to - k + 1 - i);
		if (hit == NULL)
			break;
		i = (size_t)(hit - s);
		if ((k < 2 || s[i + 1] == w[1]) && (i == from ||
		    !is_word(s[i - 1])) && memcmp(s + i, w, k) == 0
		    && (i + k == to || !is_word(s[i + k]) || w[k - 1] == ' '))
			return (long)i;
	}
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

/* Does one of the '|'-separated words or phrases of alts (a '*' at the
** end lets a word go on) stand in s[from, to) as whole words, beginning
** at start_to or before?  Returns
** the end of the first found, or 0.  With figures, a word followed by
** "of", "if" or "laughing" is a figure of speech, not found. */
static size_t
then_in(const char *s, size_t from, size_t start_to, size_t to,
    const char *alts, int figures)
{
	const char *a = alts;
	size_t best = 0, i, k;
	int open;

	while (*a) {
		k = strcspn(a, "|");
		open = k > 0 && a[k - 1] == '*';
		for (i = from; i <= start_to && i + k - open <= to; i++) {
			if (s[i] != a[0] || (i > from && is_word(s[i - 1])) ||
			    memcmp(s + i, a, k - open) != 0)
				continue;
			if (!open && i + k < to && is_word(s[i + k]))
				continue;
			/* "die of embarrassment", "die if I don't get coffee",
			** "dying laughing": figures of speech */
			if (figures && s[i + k - open] == ' ' && (strncmp(s + i + k - open,
			    " of ", 4) == 0 || strncmp(s + i + k - open, " if ",
			    4) == 0 || strncmp(s + i + k - open, " laughing",
			    9) == 0))
				continue;
			if (best == 0 || i + k - open < best) {
				best = i + k - open;
				while (open && best < to && is_word(s[best]))
					best++;
			}
			break;
		}
		a += k + (a[k] == '|');
	}
	return best;
}

/* Is the phrase at `at` someone else's: after a person the clause names,
** with no "I" between them? */
static int
someone_else(const char *s, size_t clause, size_t at)
{
	size_t w, k, last = 0;
	long p;
	int found = 0;

	for (w = 0; w < sizeof(others) / sizeof(others[0]); w++) {
		k = strlen(others[w]);
		for (p = find_in(s, clause, at, others[w]); p >= 0;
		    p = find_in(s, (size_t)p + 1, at, others[w]))
			if ((p < 3 || memcmp(s + p - 3, "as ", 3) != 0) &&
			    (!found || (size_t)p + k > last)) {
				last = (size_t)p + k;
				found = 1;
			}
	}
	return found && !any_in(s, last, at, subject_i, sizeof(subject_i) /
	    sizeof(subject_i[0]));
}

/* Where the clause that holds at begins and ends: at sentence ends,
** semicolons, line breaks and "but", and no further than CLAUSE_REACH
** bytes either way (a long run without stops is judged near the phrase,
** and costs no more than that). */
#define CLAUSE_REACH 240

static void
clause_of(const struct folded *f, size_t at, size_t *from, size_t *to)
{
	const char *s = f->s;
	size_t i, lo = at > CLAUSE_REACH ? at - CLAUSE_REACH : 0,
	    hi = f->n - at > CLAUSE_REACH ? at + CLAUSE_REACH : f->n;

	for (i = at; i > lo; i--) {
		char c = s[i - 1];
		if (c == '.' || c == '!' || c == '?' || c == ';' || c == '\n' ||
		    (c == ' ' && i >= 5 && s[i - 2] == 't' &&
		    memcmp(s + i - 5, " but ", 5) == 0))
			break;
	}
	*from = i;
	for (i = at; i < hi; i++) {
		char c = s[i];
		if (c == '.' || c == '!' || c == '?' || c == ';' || c == '\n' ||
		    (c == ' ' && s[i + 1] == 'b' && i + 5 <= f->n &&
		    memcmp(s + i, " but ", 5) == 0))
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

#define NLEXICON (sizeof(lexicon) / sizeof(lexicon[0]))

/* The lexicon by its phrases' first two bytes, so that a word start is
** compared only with the few phrases that begin as it does: for the two
** bytes b0 b1, the phrases byfirst[head[b0][b1] ...] up to the next
** head, each with its length.  Built once. */
/* And each phrase's `then` words split once: the bytes they may begin
** with (a 256-bit set) and where each lies in the string. */
struct then_alt {
	unsigned short off, len;	/* in the phrase's `then` */
	unsigned char open;		/* ends in '*' */
};
static struct {
	unsigned short head[27][28];	/* a-z and other; then end */
	unsigned short order[NLEXICON];
	unsigned short len[NLEXICON];
	uint64_t first[NLEXICON][4];	/* bytes a `then` word begins with */
	unsigned alt0[NLEXICON], naltn[NLEXICON];
	struct then_alt *alt;		/* NULL: then_in reads the strings */
} lex;
static pthread_once_t lex_once = PTHREAD_ONCE_INIT;

static int
lex_slot(unsigned char c)
{
	return c >= 'a' && c <= 'z' ? c - 'a' : 26;
}

/* Split every phrase's `then` into its words (lex.alt); left NULL, and
** then_in used instead, if memory runs out. */
static void
then_build(void)
{
	size_t p, n = 0, k;
	const char *a;

	for (p = 0; p < NLEXICON; p++)
		for (a = lexicon[p].then; a && *a; a += k + (a[k] == '|'), n++)
			k = strcspn(a, "|");
	if ((lex.alt = calloc(n ? n : 1, sizeof(*lex.alt))) == NULL)
		return;
	n = 0;
	for (p = 0; p < NLEXICON; p++) {
		const char *then = lexicon[p].then;
		lex.alt0[p] = (unsigned)n;
		for (a = then; a && *a; a += k + (a[k] == '|')) {
			unsigned char c = (unsigned char)a[0];
			k = strcspn(a, "|");
			lex.alt[n].off = (unsigned short)(a - then);
			lex.alt[n].len = (unsigned short)k;
			lex.alt[n].open = k > 0 && a[k - 1] == '*';
			lex.first[p][c >> 6] |= (uint64_t)1 << (c & 63);
			n++;
		}
		lex.naltn[p] = (unsigned)(n - lex.alt0[p]);
	}
}

static void
lex_build(void)
{
	unsigned short count[27][27] = { { 0 } };
	size_t p, a, b, at = 0;
	unsigned short fill[27][27];

	for (p = 0; p < NLEXICON; p++) {
		const char *t = lexicon[p].text;
		lex.len[p] = (unsigned short)strlen(t);
		count[lex_slot((unsigned char)t[0])][lex_slot((unsigned char)
		    t[1])]++;
	}
	for (a = 0; a < 27; a++) {
		for (b = 0; b < 27; b++) {
			lex.head[a][b] = (unsigned short)at;
			fill[a][b] = (unsigned short)at;
			at += count[a][b];
		}
		lex.head[a][27] = (unsigned short)at;
	}
	for (p = 0; p < NLEXICON; p++) {
		const char *t = lexicon[p].text;
		a = lex_slot((unsigned char)t[0]);
		b = lex_slot((unsigned char)t[1]);
		lex.order[fill[a][b]++] = (unsigned short)p;
	}
	then_build();
}

/* then_at: then_in on the split words, looking at each byte of the
** window once and only at the words that may begin there.  It finds the
** same end: the earliest end of any word's whole-word occurrence that is
** not a figure of speech. */
static size_t
then_at(const char *s, size_t from, size_t start_to, size_t to, size_t p,
    int figures)
{
	const char *then = lexicon[p].then;
	size_t best = 0, i, j, k, e;
	unsigned char c;

	if (lex.alt == NULL)
		return then_in(s, from, start_to, to, then, figures);
	for (i = from; i <= start_to && i < to && (best == 0 || i < best);
	    i++) {
		c = (unsigned char)s[i];
		if (!((lex.first[p][c >> 6] >> (c & 63)) & 1) || (i > from &&
		    is_word(s[i - 1])))
			continue;
		for (j = lex.alt0[p]; j < lex.alt0[p] + lex.naltn[p]; j++) {
			const struct then_alt *a = &lex.alt[j];
			const char *w = then + a->off;
			k = a->len;
			if (w[0] != (char)c || i + k - a->open > to ||
			    memcmp(s + i, w, k - a->open) != 0)
				continue;
			if (!a->open && i + k < to && is_word(s[i + k]))
				continue;
			e = i + k - a->open;
			if (figures && s[e] == ' ' && (strncmp(s + e, " of ", 4) ==
			    0 || strncmp(s + e, " if ", 4) == 0 || strncmp(s + e,
			    " laughing", 9) == 0))
				continue;
			if (best == 0 || e < best) {
				best = e;
				while (a->open && best < to && is_word(s[best]))
					best++;
			}
		}
	}
	return best;
}

/* Is the phrase at [at, end) followed by a topic ("suicide prevention")? */
static int
topic_follows(const struct folded *f, size_t end)
{
	size_t w, k;

	for (w = 0; w < sizeof(topics) / sizeof(topics[0]); w++) {
		k = strlen(topics[w]);
		if (end + k <= f->n && memcmp(f->s + end, topics[w], k) == 0 &&
		    (end + k == f->n || !is_word(f->s[end + k])))
			return 1;
	}
	return 0;
}

#define NOF(a) (sizeof(a) / sizeof((a)[0]))

/* Does the phrase name the writer as its object ("found me")? */
static int
object_me(const char *t)
{
	const char *p = strstr(t, " me");

	return p != NULL && (p[3] == '\0' || p[3] == ' ');
}

/* Why the phrase x at [i, end) of clause [cf, ct) is set aside, or NULL
** when it counts.  *recovered caches whether the item says the writer
** came through (-1: not asked yet). */
static const char *
set_aside_why(const struct folded *f, const struct phrase *x, size_t i,
    size_t cf, size_t ct, int *recovered)
{
	const char *s = f->s;

	if (x->cat == C_IDENT || ((x->cat == C_METHOD || x->cat == C_PLAN) &&
	    !(x->flags & F_ALONE)))
		return NULL;	/* they count only beside what is judged */
	if (f->inquote[i])
		return "someone else";
	if (negated(s, cf, i) || any_in(s, cf, i, framings, NOF(framings)) ||
	    any_in(s, i, i + strlen(x->text) + NEAR < ct ? i +
	    strlen(x->text) + NEAR : ct, denials, NOF(denials)))
		return "negated";
	if (any_in(s, cf, i, hypotheticals, NOF(hypotheticals)))
		return "hypothetical";
	if (!(x->flags & F_NOPAST)) {
		if (any_in(s, cf, ct, pasts, NOF(pasts)))
			return "in the past";
		if (any_in(s, cf, ct, past_tense, NOF(past_tense))) {
			if (*recovered < 0)
				*recovered = any_in(s, 0, f->n, recoveries,
				    NOF(recoveries));
			if (*recovered)
				return "in the past";
		}
	}
	/* abuse is told of who did it, and "found me" is the writer's */
	if (x->cat != C_ABUSE && !object_me(x->text) && someone_else(s, cf, i))
		return "someone else";
	return NULL;
}

/* Score text[0..n) into out. */
void
triage_text(const char *text, size_t n, struct triage_result *out)
{
	struct folded f;
	size_t i, p, k, cf, ct, c, a, b, end;
	int seen[9] = { 0 }, recovered = -1, place = 0, decided = 0;
	const char *why;

	out->level = TRIAGE_NONE;
	out->self_harm = out->abuse = out->identifying = 0;
	out->nreasons = 0;
	pthread_once(&lex_once, lex_build);
	if (fold(text, n, &f) != 0 || respell(&f) != 0) {
		unfold(&f);
		return;
	}
	for (i = 0; i < f.n; i++) {
		if (i > 0 && is_word(f.s[i - 1]))
			continue;	/* phrases start words */
		a = lex_slot((unsigned char)f.s[i]);
		b = lex_slot((unsigned char)f.s[i + 1]);
		for (c = lex.head[a][b]; c < lex.head[a][b + 1]; c++) {
			const struct phrase *x;
			p = lex.order[c];
			x = &lexicon[p];
			k = lex.len[p];
			if (i + k > f.n || f.s[i + 2] != x->text[2] ||
			    memcmp(f.s + i, x->text, k) != 0)
				continue;
			end = i + k;
			if (x->flags & F_PREFIX)
				while (end < f.n && is_word(f.s[end]))
					end++;
			else if (end < f.n && is_word(f.s[end]))
				continue;
			/* "want to die of embarrassment": a figure of speech;
			** "suicide prevention": a subject, not a person */
			if ((x->cat == C_WISH && end + 4 <= f.n &&
			    memcmp(f.s + end, " of ", 4) == 0) ||
			    topic_follows(&f, end))
				continue;
			clause_of(&f, i, &cf, &ct);
			if (x->then != NULL && (end = then_at(f.s, end,
			    (x->flags & F_NEAR) && end + NEAR < ct ? end + NEAR :
			    ct, ct, p, x->flags & F_NEAR)) == 0)
				continue;
			why = set_aside_why(&f, x, i, cf, ct, &recovered);
			/* said of no one, it is the writer's; said of
			** someone else only, it is theirs */
			if (why == NULL && (x->flags & F_FIRST) &&
			    !first_person(f.s, cf, ct) && any_in(f.s, cf, ct,
			    persons, NOF(persons)))
				why = "someone else";
			if (why) {
				add_reason(out, text, &f, i, end,
				    set_aside(x->cat, why));
				continue;
			}
			seen[x->cat] = 1;
			place |= x->cat == C_METHOD && !(x->flags & F_WEAK);
			decided |= x->cat == C_PLAN && (x->flags & F_ALONE);
			if ((x->flags & F_ALONE) && x->cat != C_PLAN)
				seen[C_IDEATION] = 1;
			if (x->cat == C_IDENT)
				out->identifying = 1;
			add_reason(out, text, &f, i, end, cat_name[x->cat]);
		}
	}
	find_contacts(text, &f, out);
	out->self_harm = seen[C_SELFHARM];
	out->abuse = seen[C_ABUSE];
	if (seen[C_BEHAVIOR])
		out->level = TRIAGE_BEHAVIOR;
	else if (((seen[C_INTENT] || seen[C_IDEATION] || place) &&
	    seen[C_PLAN]) || (decided && seen[C_METHOD]))
		/* a time and a place make a plan, as does a plan said as
		** one with any means */
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

/* What to do when someone is at immediate risk: one wording, for the
** command line and the console. */
const char *
triage_crisis_actions(void)
{
	return "Reach out now, privately and warmly; give crisis lines for "
	    "their country; where a plan or an attempt is under way, call "
	    "local emergency services.";
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
			printf("IMMEDIATE RISK in %d item%s: %s\n", urgent,
			    urgent == 1 ? "" : "s", triage_crisis_actions());
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
