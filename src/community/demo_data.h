/*
** demo_data.h: the fictional community that `sanctum demo` loads.
**
** Everything here is invented for demonstration and testing: the members,
** their pseudonyms and contact details (555-01xx numbers, example.org
** addresses), the groups and every post. No real person is described or
** quoted. The posts are written to read like a small, kind peer-support
** forum, so some touch on anxiety, grief, trauma and, in one thread, passive
** suicidal thoughts; those carry content warnings and never describe
** methods. Each post body is distinct so the leak detector can be tested
** against them.
*/
#ifndef SANCTUM_DEMO_DATA_H
#define SANCTUM_DEMO_DATA_H

#include <stddef.h>

struct demo_member {
	const char *pseudonym;	/* e.g. "quiet-harbor"; lowercase, [a-z0-9_-], unique */
	int anonymous_ok;	/* 1 if this member sometimes posts anonymously */
	const char *contact;	/* fictional contact detail, or NULL */
	const char *contact_pref; /* how they want to be reached, in their words */
};

struct demo_group {
	const char *name;		/* e.g. "Evening check-in" */
	const char *description;	/* one sentence */
	int size;			/* how many of the members (by order) belong; < 15 */
};

struct demo_post {
	int group;		/* index into demo_groups */
	int member;		/* index into demo_members */
	int days_ago;		/* 0..60 */
	int anonymous;		/* 1 if posted anonymously (only if anonymous_ok) */
	const char *cw;		/* comma-separated content warnings, or NULL */
	const char *body;	/* the post text */
};

static const struct demo_member demo_members[] = {
	/*  0 */ {
		"quiet-harbor", 0, "email:harbor@example.org",
		"Email only, please, and not before 10am."
	},
	/*  1 */ {
		"willow-reads", 0, "email:willow@example.org",
		"Email is best. I check it most evenings."
	},
	/*  2 */ {
		"lanternfish", 1, "signal:+1 555 0142",
		"A Signal message first, please. I don't pick up calls from numbers I don't "
		"know."
	},
	/*  3 */ {
		"marigold_7", 0, "phone:+1 555 0118",
		"Text is fine any time; calls only after the school run."
	},
	/*  4 */ {
		"slow-tide", 1, NULL,
		"Please only contact me through the forum inbox. Nothing by post to my home, "
		"ever."
	},
	/*  5 */ {
		"paper-crane", 0, "email:papercrane@example.org",
		"Email, and keep the subject line vague if you can."
	},
	/*  6 */ {
		"fern-and-moss", 0, "signal:+1 555 0163",
		"Signal is great. Voice notes are welcome too."
	},
	/*  7 */ {
		"night-owl-42", 1, "email:nightowl@example.org",
		"I'm up late, so evening emails are perfect. No phone calls, please."
	},
	/*  8 */ {
		"bramble", 0, "phone:+1 555 0127",
		"Call or text, either is fine. If I don't answer, leave a short message and "
		"I'll ring back."
	},
	/*  9 */ {
		"saltwater-sky", 1, NULL,
		"Forum messages only. I share a computer at home, so please don't email."
	},
	/* 10 */ {
		"kettle-on", 0, "email:kettle@example.org",
		"Email during the week; I switch off completely at weekends."
	},
	/* 11 */ {
		"morning_glory", 0, "email:morningglory@example.org",
		"Email, please. Mornings are when I read things properly."
	},
	/* 12 */ {
		"river-stone", 0, "signal:+1 555 0175",
		"A Signal message, and it's okay to be direct with me."
	},
	/* 13 */ {
		"small-wren", 1, NULL,
		"Message me here on the forum. If it's urgent, say so in the first line."
	},
	/* 14 */ {
		"amber-lamp", 0, "email:amberlamp@example.org",
		"Email. A heads-up before any phone call would mean a lot."
	},
	/* 15 */ {
		"cedar-path", 0, "phone:+1 555 0139",
		"Text me; I can't always answer calls with the kids around."
	},
	/* 16 */ {
		"tuesday-rain", 1, "email:tuesdayrain@example.org",
		"Gently, by email. Please don't contact anyone else on my behalf without "
		"asking me first."
	},
	/* 17 */ {
		"patchwork", 0, "email:patchwork@example.org",
		"Email, but expect slow replies. I'm a carer and my days are unpredictable."
	},
	/* 18 */ {
		"blue-heron", 0, "signal:+1 555 0106",
		"Signal, any time after lunch."
	},
	/* 19 */ {
		"softly-north", 1, "email:softlynorth@example.org",
		"Email, please. I may be slow with a newborn in the house, but I will reply."
	},
	/* 20 */ {
		"thistle", 0, "phone:+1 555 0151",
		"Texts rather than calls, please. I get anxious when the phone rings."
	},
	/* 21 */ {
		"open-window", 0, NULL,
		"The forum inbox is fine. I'd rather not share personal contact details."
	},
	/* 22 */ {
		"evening-fox", 1, "signal:+1 555 0184",
		"Signal only. Please use my pseudonym, never my real name."
	},
	/* 23 */ {
		"little-compass", 0, "email:compass@example.org",
		"Email or a forum message, whichever is easier for you."
	},
};

static const struct demo_group demo_groups[] = {
	/* 0 */ {
		"Anxiety circle",
		"A gentle space for sharing worries, panic and the small wins that come with "
		"living alongside anxiety.",
		10
	},
	/* 1 */ {
		"Grief and loss",
		"For anyone carrying a loss of any kind, however recent or long ago, with no "
		"timeline on healing.",
		8
	},
	/* 2 */ {
		"Survivors' space",
		"A quieter room for survivors of trauma and abuse, where you only ever share "
		"what feels safe to share.",
		7
	},
	/* 3 */ {
		"Evening check-in",
		"A daily thread for saying how the day went: good, bad, or somewhere in "
		"between.",
		12
	},
	/* 4 */ {
		"Parents and carers",
		"Support for people looking after children, partners or relatives while trying "
		"to look after themselves too.",
		9
	},
};

static const struct demo_post demo_posts[] = {
	/* ---- Anxiety circle ---- */
	/*  0 */
	{
		0, 0, 2, 0, NULL,
		"Had my first panic attack in months at the supermarket today, right by the "
		"bread aisle of all places. I left the basket where it was and sat in the car "
		"until my hands stopped buzzing. Part of me is embarrassed, but I’m trying to "
		"remember that it passed, like it always does. Posting here because saying it "
		"out loud helps a little."
	},
	/*  1 */
	{
		0, 6, 2, 0, NULL,
		"Leaving the basket was a good call, honestly. You noticed what your body "
		"needed and gave yourself space. When that happens to me I name five blue "
		"things I can see — it sounds silly, yet it drags my attention back outside my "
		"head. Proud of you for sharing this."
	},
	/*  2 */
	{
		0, 11, 5, 0, NULL,
		"Does anyone else rehearse phone calls before making them? I wrote a full "
		"script to book a dentist appointment and still hung up when the receptionist "
		"answered. Tomorrow I'm going to try again with the script taped to the wall "
		"beside me. Small steps, I guess."
	},
	/*  3 */
	{
		0, 14, 5, 0, NULL,
		"Scripts are completely valid! I keep a little notes file with openers for "
		"calls I dread, and I tick them off afterwards. Some practices let you book "
		"online or by email too, which counts just as much. Rooting for you and your "
		"taped-up wall tomorrow."
	},
	/*  4 */
	{
		0, 2, 9, 1, NULL,
		"My chest has been tight for about a week and I keep convincing myself it's "
		"something serious. I saw my GP and every test came back normal, which I know "
		"should feel reassuring. Instead my brain just moved the goalposts. Has anyone "
		"found ways to sit with health worry without googling symptoms at 2am?"
	},
	/*  5 */
	{
		0, 20, 8, 0, NULL,
		"Health anxiety is such a sneaky one. What helped me was agreeing with myself "
		"that I'd write the worry down and only look at it the following afternoon, in "
		"daylight. By then it usually looked smaller. Also, moving the browser off my "
		"phone's home screen made a surprising difference. Sending steadiness your "
		"way."
	},
	/*  6 */
	{
		0, 15, 14, 0, NULL,
		"Quick win to share: I went to my cousin's birthday dinner and stayed for the "
		"entire meal. Normally I'd invent an excuse halfway through and bolt for the "
		"door. My leg was bouncing under the table the whole evening, but nobody "
		"noticed, or if they did they were kind about it."
	},
	/*  7 */
	{
		0, 10, 17, 0, NULL,
		"Work has announced 'restructuring' and my sleep has gone to pieces. I replay "
		"every meeting looking for signs that I'm the one who'll be let go. My "
		"therapist suggested I schedule a fifteen-minute worry window each evening "
		"instead of letting it leak into the whole day. Trying it from tonight; will "
		"report back."
	},
	/*  8 */
	{
		0, 1, 16, 0, NULL,
		"The worry window has quietly changed things for me over the past year. At "
		"first my worries spilled over constantly, so please don't be discouraged if "
		"the first week is messy. It got easier once I used a kitchen timer and then "
		"switched deliberately to something mindless, like a crossword."
	},
	/*  9 */
	{
		0, 23, 22, 0, NULL,
		"Today is just a low hum of dread with no obvious cause. Nothing is wrong, "
		"exactly, which almost makes it harder to explain to anyone. I managed a short "
		"walk round the block and ate a proper lunch. Checking in so I'm not alone "
		"with the hum."
	},
	/* 10 */
	{
		0, 8, 28, 0, NULL,
		"Started a new anxiety medication about three weeks ago and the first "
		"fortnight was rough — jittery, vivid dreams, not much appetite. This week "
		"it's settling, and I can feel a bit more room between me and the spiral. Not "
		"advice, just sharing that the bumpy early stretch can ease. My prescriber was "
		"glad I phoned about the side effects rather than struggling alone."
	},
	/* 11 */
	{
		0, 17, 27, 0, NULL,
		"Thank you for posting this. I've been nervous about starting something "
		"similar, and an honest account of those wobbly first weeks makes it feel less "
		"scary. I'm going to bring it up at my next appointment and jot my questions "
		"down beforehand so I don't freeze in the room."
	},

	/* ---- Grief and loss ---- */
	/* 12 */
	{
		1, 3, 3, 0, "grief",
		"It’s been eleven months since my dad died and the anniversary is creeping up "
		"on the calendar. Everyone else seems to have moved on, and I feel like I'm "
		"supposed to be better by now. I still reach for my phone to tell him the "
		"football scores. I don't really know what I want from posting, maybe just for "
		"someone to know."
	},
	/* 13 */
	{
		1, 12, 3, 0, "grief",
		"I see you, and I'm so sorry about your dad. There isn't a schedule for this, "
		"whatever anyone implies. My mum's first anniversary was harder than her "
		"funeral in some ways, so go gently as it approaches. Maybe plan something "
		"small that's just for the two of you, like watching a match he'd have loved."
	},
	/* 14 */
	{
		1, 18, 7, 0, "grief",
		"Our dog Pepper had to be put to sleep on Saturday. She was fourteen, grey "
		"around the muzzle, and still wagged at the postman every morning. People say "
		"it was only a dog without meaning any harm, but the house is so quiet now. "
		"Her lead is hanging by the door and I can't bring myself to move it."
	},
	/* 15 */
	{
		1, 21, 6, 0, "grief",
		"There's no 'only' about losing Pepper. She was family, woven into fourteen "
		"years of your everyday life. The lead can stay by the door for as long as you "
		"need. I kept my cat's bowl out for months, and putting it away when I was "
		"ready felt right in a way it wouldn't have earlier."
	},
	/* 16 */
	{
		1, 9, 12, 1, "grief",
		"My brother and I hadn't spoken in two years when he died suddenly in the "
		"spring. Now I'm grieving him and also grieving the conversation we were never "
		"going to have. I've started writing him letters that I don't send. Is it "
		"strange to feel angry and heartbroken in the same breath?"
	},
	/* 17 */
	{
		1, 0, 11, 0, "grief",
		"Not strange at all. Estrangement makes grief so tangled, because you lose the "
		"person and the chance of repair together. The letters sound like a really "
		"wise idea. A bereavement volunteer once told me that anger is often love with "
		"nowhere to go, and that stuck with me."
	},
	/* 18 */
	{
		1, 13, 19, 0, "grief",
		"Cleared out Grandma's sewing room with my aunt yesterday. We found a biscuit "
		"tin of buttons she'd been saving since the seventies, sorted by colour. The "
		"two of us sat on the floor laughing and crying at once. I took a handful home "
		"and they're in a jar on my windowsill now."
	},
	/* 19 */
	{
		1, 22, 24, 0, "grief",
		"Grief shows up in such odd places. I held together all through the service, "
		"and then today I broke down in a car park because the radio played the song "
		"my partner used to hum while cooking. I had to sit there for twenty minutes. "
		"My first session with a bereavement counsellor is on Thursday and I’m nervous "
		"about it."
	},
	/* 20 */
	{
		1, 5, 23, 0, "grief",
		"First sessions can feel awkward, so it's fine if you mostly cry or barely "
		"talk. You don't need to arrive with anything prepared. I went to six sessions "
		"after my sister passed, and the biggest gift was an hour each week where I "
		"didn't have to look after anyone else's feelings."
	},
	/* 21 */
	{
		1, 16, 35, 0, "grief",
		"Today would have been my best friend's thirtieth birthday. A few of us met at "
		"the beach she loved and each said one memory out loud. Mine was her "
		"gloriously terrible singing on every road trip. It was sad, but gentler than "
		"I expected, and I'm grateful we did it together."
	},
	/* 22 */
	{
		1, 19, 41, 0, "grief",
		"Miscarriage grief feels invisible. There was no funeral, hardly anyone knew, "
		"and colleagues carry on as though nothing happened. I'm not looking for "
		"advice; I just wanted to name it somewhere safe. Thank you for holding space "
		"for quieter losses like this one."
	},

	/* ---- Survivors' space ---- */
	/* 23 */
	{
		2, 4, 4, 1, "trauma,abuse",
		"I've never written this down before. For most of my twenties I was with "
		"someone who controlled who I saw, what I wore and where the money went, and "
		"who made me feel it was my fault whenever things went wrong. I left three "
		"years ago, but I still flinch when a door closes too hard. I'm safe now and I "
		"have a therapist, yet some days my body hasn't caught up with that. Thank you "
		"for reading."
	},
	/* 24 */
	{
		2, 7, 4, 0, "abuse",
		"I'm grateful you trusted us with this. What you described was real, and none "
		"of it was your fault. The flinching makes so much sense — your body learned "
		"to stay alert in order to survive. It took me a long time to meet those "
		"reactions with patience instead of frustration. You belong here."
	},
	/* 25 */
	{
		2, 1, 3, 0, "trauma",
		"Leaving took enormous courage, and so does putting it into words. I've found "
		"my nervous system catches up in fits and starts rather than all at once. "
		"Grounding with something cold, like holding a glass of iced water in both "
		"hands, sometimes helps me come back to the room. Really glad you're safe."
	},
	/* 26 */
	{
		2, 20, 10, 0, "trauma",
		"A smell set off a flashback at work today and I spent lunch in a bathroom "
		"stall just breathing. I didn't tell anyone. The afternoon was fine in the "
		"end, but I feel completely wrung out. Does anyone have a go-to way to reset "
		"after a day like that?"
	},
	/* 27 */
	{
		2, 9, 10, 0, "trauma",
		"Wrung out is exactly the word. On those evenings I lower the bar completely: "
		"soup, blanket, a familiar show I've seen ten times, bed early. No processing, "
		"no big reflections. You got through the afternoon, and that deserves some "
		"tenderness tonight."
	},
	/* 28 */
	{
		2, 15, 18, 0, NULL,
		"Something good: I said no to a family gathering that always leaves me shaky, "
		"and I didn't apologise five times while doing it. My therapist and I "
		"practised the wording for weeks. I felt guilty for about an hour and then "
		"oddly light. Boundaries are a muscle, apparently."
	},
	/* 29 */
	{
		2, 13, 25, 0, "abuse",
		"The court date finally has a month attached to it. I'm relieved and terrified "
		"at once. My advocate says she'll be with me throughout, and a friend has "
		"offered to wait outside. If anyone has been through giving evidence and is "
		"willing to share what helped, I'd be grateful — only if that feels okay for "
		"you."
	},
	/* 30 */
	{
		2, 22, 24, 0, "abuse",
		"I gave evidence two years ago. What helped most was visiting the building "
		"beforehand so it wasn't unfamiliar, and keeping a smooth pebble in my pocket "
		"to hold. You're allowed to ask for breaks and for questions to be repeated. "
		"Whatever the outcome, standing up in that room is brave."
	},
	/* 31 */
	{
		2, 2, 33, 0, "trauma",
		"Anniversary reactions are strange. Every October my sleep falls apart before "
		"I consciously remember why. This year I marked the date in my diary ahead of "
		"time and booked an extra session with my counsellor. It's still hard, but "
		"knowing it's coming makes it feel less like an ambush."
	},
	/* 32 */
	{
		2, 19, 32, 0, NULL,
		"Marking the date in advance is such a kind thing to do for yourself, and I "
		"might borrow that idea. Mine falls in February and it blindsides me every "
		"single year without fail. Sending warmth your way for October, whatever it "
		"brings."
	},

	/* ---- Evening check-in ---- */
	/* 33 */
	{
		3, 10, 0, 0, NULL,
		"Evening check-in: energy is about a four out of ten. Managed a shower, "
		"replied to two emails, and watered the plants that were looking tragic. "
		"Dinner is going to be toast and I'm at peace with that. How's everyone's day "
		"landing?"
	},
	/* 34 */
	{
		3, 17, 0, 0, NULL,
		"Checking in from the sofa. Work was long, but my manager actually thanked me "
		"for covering a shift, which never happens. I'm trying to let that land "
		"instead of brushing it off. Planning an early night with a library book and a "
		"hot water bottle."
	},
	/* 35 (passive suicidal ideation; replies follow) */
	{
		3, 16, 1, 1, "suicide",
		"I've been going back and forth about whether to post this. For the last "
		"couple of weeks I've had thoughts that I don't want to be here anymore. I "
		"don't have a plan and I'm not going to act on them; it's more a heavy "
		"tiredness that keeps whispering it. I haven't told anyone in my life yet. "
		"Writing it here is me trying to reach out instead of hiding. I’m okay "
		"tonight, but I didn't want to keep carrying this alone."
	},
	/* 36 */
	{
		3, 12, 1, 0, "suicide",
		"I'm really glad you posted, and I mean that. Thoughts like those are heavier "
		"than anyone should carry by themselves, and telling us took courage. Would "
		"you feel able to let one person in your life know, or to see your doctor this "
		"week? If the thoughts get louder or you start to feel unsafe, please contact "
		"a crisis line or emergency services straight away. We're here too."
	},
	/* 37 */
	{
		3, 6, 1, 0, "suicide",
		"Thank you for telling us. I've had that same heavy, tired feeling in the "
		"past, and ringing a crisis line late one night was what got me through to the "
		"morning. The person I spoke to didn't judge me at all; they just listened. "
		"You don't have to be in immediate danger to call. Please keep checking in "
		"with us, even if it's only one word."
	},
	/* 38 */
	{
		3, 23, 0, 0, "suicide",
		"Sitting with you tonight, in the virtual sense. I'm not going anywhere. "
		"Reaching out like this is a strength, not a burden on anyone here. If it "
		"would help, I can check in with you tomorrow evening in this thread and we "
		"can see how the day went together."
	},
	/* 39 */
	{
		3, 5, 2, 0, NULL,
		"Rough one. Got some news about my housing situation that I can't fix tonight, "
		"so I'm choosing not to think about it until the advice centre opens in the "
		"morning. Made pasta, called my sister, cried for a bit. Feeling about sixty "
		"percent human now."
	},
	/* 40 */
	{
		3, 3, 6, 0, NULL,
		"Little joy report: a neighbour's toddler waved at me through the window for a "
		"full minute this afternoon. Then a robin landed on the fence and stared at "
		"me. That's it, that's the whole report. Hope you all found a small nice thing "
		"today too."
	},
	/* 41 */
	{
		3, 21, 8, 0, NULL,
		"Day three of actually going outside before noon. It's a new thing my "
		"therapist and I agreed on, because mornings indoors make my mood sink fast. "
		"Today's outing was just to the corner shop for milk, but it counts. Tomorrow, "
		"maybe the park."
	},
	/* 42 */
	{
		3, 11, 8, 0, NULL,
		"It absolutely counts! Milk runs are legitimate expeditions. I tried something "
		"similar last winter, and by the third week the park felt doable. Keep us "
		"posted; we'll cheer for every single outing, however small it seems."
	},
	/* 43 */
	{
		3, 8, 13, 0, "substance",
		"Ninety days without a drink as of tonight. I expected to feel triumphant, and "
		"mostly I just feel tired and a bit raw. My sponsor says that's normal around "
		"this point. Wanted to mark it somewhere with people who understand that "
		"milestones can feel complicated."
	},
	/* 44 */
	{
		3, 4, 13, 0, "substance",
		"Ninety days is huge, raw or not. I remember the flatness around that stage — "
		"nobody warns you about it. It did lift for me after a while. Really happy for "
		"you, and glad you chose to tell us."
	},
	/* 45 */
	{
		3, 14, 20, 0, NULL,
		"Couldn't sleep, so I'm checking in late. Nothing's wrong exactly; my mind "
		"just won't switch off. I've got a podcast about lighthouses playing quietly "
		"and it's helping a little. Anyone else still awake out there?"
	},
	/* 46 */
	{
		3, 7, 20, 0, NULL,
		"Awake here too, true to my name. Lighthouse podcasts are an elite choice. I'm "
		"doing a jigsaw of an extremely confusing forest. Let's both aim for sleep by "
		"one o'clock and see how we go."
	},
	/* 47 */
	{
		3, 10, 30, 0, NULL,
		"Had my first properly good day in ages. Went swimming at the lido, the water "
		"was freezing, and I laughed out loud at how cold it was. I know the bad days "
		"will come back, but I wanted to write this one down so I remember it exists."
	},
	/* 48 */
	{
		3, 17, 45, 0, NULL,
		"Checking in after a week away from the forum. I needed a break from screens "
		"in general, nothing dramatic. I'm back with a slightly tidier flat and a new "
		"rule: the phone goes in the kitchen drawer at ten. Missed you all."
	},

	/* ---- Parents and carers ---- */
	/* 49 */
	{
		4, 11, 4, 0, NULL,
		"My teenager has stopped going to school most days because of anxiety, and the "
		"emails from the attendance office make me feel like a failure. I'm trying to "
		"be patient with her while also being scared for her future. We've got a "
		"referral in, but the waiting list is months long. How do other parents keep "
		"steady through the waiting?"
	},
	/* 50 */
	{
		4, 3, 4, 0, NULL,
		"We were in almost exactly this place two years ago. What helped was asking "
		"the school for a meeting to agree a reduced timetable rather than battling "
		"over every single morning. Also, find one thing each week that's just fun "
		"together, with no agenda. You're not failing; you're staying beside her, and "
		"that matters enormously."
	},
	/* 51 */
	{
		4, 17, 9, 0, NULL,
		"I care for my mum, who has dementia, and today she didn't recognise me for "
		"most of the afternoon. She was polite, the way you'd be with a stranger on a "
		"bus. Later she called me by my name as if nothing had happened. I'm fine, I "
		"think, but I needed to say it to someone."
	},
	/* 52 */
	{
		4, 10, 9, 0, "grief",
		"That's such a particular kind of grief, losing someone a piece at a time "
		"while they're still here. Being treated politely by your own mother must have "
		"been so disorienting. Please make sure someone is caring for you, too. Is "
		"there any respite support near where you live?"
	},
	/* 53 */
	{
		4, 5, 15, 0, "eating",
		"Our son is in treatment for an eating disorder, and mealtimes have become the "
		"hardest part of every day. The clinic has given us a plan and we're following "
		"it, but I'm exhausted from staying calm at the table. Has anyone found a "
		"carers' group that genuinely helped? I think I need people who get it."
	},
	/* 54 */
	{
		4, 9, 15, 0, "eating",
		"I'm a parent who has walked that road, and the calm you hold at the table is "
		"invisible work that matters so much. The clinic we used ran a monthly evening "
		"session for carers, so it's worth asking yours. Take breaks where you can, "
		"even ten minutes in the garden. Your son is lucky to have you in his corner."
	},
	/* 55 */
	{
		4, 19, 21, 0, NULL,
		"New baby, very little sleep, and my mood has been low in a way that scares me "
		"a bit. I finally mentioned it to the health visitor today; she was kind and "
		"is arranging a follow-up with my doctor. I nearly didn't say anything because "
		"I felt ashamed. I'm glad I did."
	},
	/* 56 */
	{
		4, 1, 21, 0, NULL,
		"So glad you spoke up. Postnatal low mood is common and treatable, and asking "
		"for help is exactly what a good parent does. Keep leaning on people — and if "
		"anyone offers to hold the baby while you nap, say yes every time."
	},
	/* 57 */
	{
		4, 15, 26, 0, NULL,
		"My partner has bipolar disorder and has been in hospital for a fortnight. I'm "
		"holding the house together, explaining things gently to our kids, and feeling "
		"strangely numb. Visiting is twice a week. I keep reminding myself it's okay "
		"to not be okay, even while I'm still functioning."
	},
	/* 58 */
	{
		4, 20, 26, 0, NULL,
		"Numb makes sense; it's often how the mind copes when there's too much to feel "
		"at once. When my husband was admitted, a carers' support worker at the "
		"hospital was a real lifeline, so ask the ward whether they have one. Kids do "
		"well with simple, honest explanations, and it sounds like that's exactly what "
		"you're giving them."
	},
	/* 59 */
	{
		4, 23, 38, 0, NULL,
		"Six months since I started looking after my brother following his accident. "
		"Some days I'm patient and funny; other days I snap about the washing-up and "
		"feel awful afterwards. Today I booked a haircut for myself for the first time "
		"since spring. It felt ridiculous and also necessary."
	},
};

#endif /* SANCTUM_DEMO_DATA_H */
