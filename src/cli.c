/*
** cli.c: the table of commands, each with what it needs, its synopsis and
** its help, and the dispatcher that provides what a command declares
** before its handler runs.  See cli.h.
**
** Like git's commands[], each subcommand is one row, so `sanctum help`,
** `--help` and usage errors all print from this one table, and whether a
** command writes, needs the community or needs its key is said once, here.
** main.c parses the global options and dispatches through cli_find and
** cli_run.
*/
#include "cli.h"

#include <getopt.h>
#include <jansson.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "admin/audit.h"
#include "admin/tokens.h"
#include "admin/users.h"
#include "community/demo.h"
#include "community/post.h"
#include "core/gate.h"
#include "detect/index.h"
#include "detect/reports.h"
#include "detect/scan.h"
#include "admin/backup.h"
#include "admin/keyrotate.h"
#include "admin/retention.h"
#include "detect/alert.h"
#include "detect/findings.h"
#include "detect/monitor.h"
#include "detect/watch.h"
#include "import/import.h"
#include "prevention/contact.h"
#include "prevention/groups.h"
#include "prevention/membership.h"
#include "prevention/pledge.h"
#include "prevention/training.h"
#include "prevention/violations.h"
#include "response/incident.h"
#include "response/outreach.h"
#include "response/announce.h"
#include "response/report.h"
#include "response/takedown.h"
#include "response/triage.h"
#include "care/case.h"
#include "care/checkin.h"
#include "care/help.h"
#include "care/message.h"
#include "healing/measures.h"
#include "healing/pulse.h"
#include "healing/spaces.h"
#include "moderators/debrief.h"
#include "moderators/exposure.h"
#include "moderators/rota.h"
#include "moderators/support.h"
#include "care/peers.h"
#include "care/prefs.h"
#include "care/remind.h"
#include "store/db.h"
#include "util/util.h"
#include "tasks.h"
#include "web/guard.h"
#include "web/serve.h"

/* A macro's value as a string literal (for the help texts). */
#define CLI_STR_(x) #x
#define CLI_STR(x) CLI_STR_(x)

#define WRITES (CMD_COMMUNITY | CMD_KEY | CMD_WRITES)
#define KEY (CMD_COMMUNITY | CMD_KEY)
#define READS CMD_COMMUNITY

static int cmd_help(struct cli *c, int argc, char **argv);
static int cmd_init(struct cli *c, int argc, char **argv);

static const struct command commands[] = {
	/* name, sub, handler, what it needs, synopsis, help */
	{ "init", NULL, cmd_init, 0, "init [--name NAME] [--passphrase]",
	    "Create a new community database and a new random master key.\n"
	    "The key goes to a separate file, DB.key unless --key-file says\n"
	    "otherwise, with mode 0600; keep it apart from the database and\n"
	    "back it up: without it the sealed content cannot be read.\n"
	    "  --name NAME     the community's name (used by monitoring)\n"
	    "  --passphrase    derive the key from a passphrase (Argon2id)\n"
	    "                  instead of a key file; it is asked for on the\n"
	    "                  terminal or read from --passphrase-file" },

	{ "user", "add", users_add_cmd, WRITES,
	    "user add NAME --role ROLE [--generate]",
	    "Add a person who logs in to the console, with the role admin,\n"
	    "moderator, supporter or member.  The password is read from\n"
	    "standard input when it is not a terminal, and asked for\n"
	    "otherwise; --generate makes a random one, prints it once and\n"
	    "requires a change at first login.  A member's name is their\n"
	    "pseudonym: adding one makes the member NAME (or gives an account\n"
	    "to the imported member NAME).  A name that looks like one in\n"
	    "use (r0bin beside robin, Robin, a Cyrillic o) is refused, so no\n"
	    "one can pass for a member or a moderator.  Names may be written\n"
	    "in any script: letters, marks and digits with '.', '_' or '-'\n"
	    "between them, up to 64 bytes." },
	{ "user", "list", users_list_cmd, READS, "user list [--json]",
	    "Everyone who logs in, with role and state." },
	{ "user", "disable", users_disable_cmd, WRITES, "user disable NAME",
	    "Stop NAME logging in and end their sessions (the last admin who\n"
	    "can log in cannot be disabled)." },
	{ "user", "enable", users_enable_cmd, WRITES, "user enable NAME",
	    "Let NAME log in again." },

	{ "group", "create", groups_create_cmd, WRITES,
	    "group create NAME [--cap N] [--anonymous] [--visible-mark]",
	    "Make a support group.  Names may be written in any script.  It\n"
	    "holds " CLI_STR(GROUPS_DEFAULT_CAPACITY) " people unless "
	    "--cap says otherwise, 2 to " CLI_STR(GROUPS_MAX_CAPACITY) ":\n"
	    "support groups stay under 15 people, and nothing raises that.\n"
	    "With --anonymous, members may post anonymously: others see\n"
	    "\"anonymous member\"; the author can still edit or delete it.\n"
	    "With --visible-mark, each viewer sees a faint mark of their own\n"
	    "pseudonym behind the conversation (off by default: a visible\n"
	    "mark can make members feel watched).\n"
	    "Imports make groups too: channels, categories, subreddits." },
	{ "group", "add", groups_add_cmd, WRITES,
	    "group add GROUP PSEUDONYM [--wait]",
	    "Let a member into a group.  They must be an active member who\n"
	    "accepted the confidentiality pledge in force (`pledge accept`).\n"
	    "A full group refuses (exit 1) unless --wait puts them on its\n"
	    "waiting list; the first who waits is told when a place opens." },
	{ "group", "leave", groups_leave_cmd, WRITES,
	    "group leave GROUP PSEUDONYM",
	    "A member leaves a group (or its waiting list).  When that opens a\n"
	    "place, the first who waits is told.  The time they belonged is\n"
	    "kept, so who could have seen a post has an answer." },
	{ "group", "moderator", groups_moderator_cmd, WRITES,
	    "group moderator GROUP NAME [--remove]",
	    "Make the moderator or admin NAME one of the group's own\n"
	    "moderators (or no longer, with --remove).  Once a group has its\n"
	    "own moderators, only they and admins may read its conversation\n"
	    "without belonging to it." },
	{ "group", "show", groups_show_cmd, READS,
	    "group show GROUP [--json]",
	    "Who belongs to a group now, since when, and who waits." },
	{ "group", "list", groups_list_cmd, READS, "group list [--json]",
	    "Every group, with how many belong to it now." },

	{ "pledge", "show", pledge_show_cmd, READS,
	    "pledge show [--version N] [--json]",
	    "The confidentiality pledge in force (or version N), and how many\n"
	    "active members accepted it.  A good default ships as version 1." },
	{ "pledge", "publish", pledge_publish_cmd, WRITES,
	    "pledge publish FILE|-",
	    "Publish a new version of the pledge (UTF-8 text, up to 64 KiB).\n"
	    "Every member is asked to accept it again, and no group is open\n"
	    "to them until they do." },
	{ "pledge", "accept", pledge_accept_cmd, WRITES,
	    "pledge accept PSEUDONYM",
	    "Record that a member accepted the pledge in force, for members\n"
	    "who accepted it elsewhere (an imported community, on paper).\n"
	    "Who accepted which version when is kept, with a digest of the\n"
	    "exact words." },

	{ "membership", "mode", membership_mode_cmd, WRITES,
	    "membership mode [open|invited]",
	    "Show or set who may apply: anyone (open, the default), or only\n"
	    "people with an invitation (invited)." },
	{ "membership", "questions", membership_questions_cmd, WRITES,
	    "membership questions [FILE|-]",
	    "Show the questions the application form asks, or set them: one\n"
	    "a line, up to " CLI_STR(MEMBERSHIP_QUESTIONS_MAX) "; a question "
	    "with \"(optional)\" in it may be left\nempty." },
	{ "membership", "invite", membership_invite_cmd, WRITES,
	    "membership invite [--days N] [--uses N] [--note TEXT]",
	    "Make an invitation link (14 days and 1 person unless said\n"
	    "otherwise; at most 90 days and 100 people).  It is shown once." },
	{ "membership", "applications", membership_list_cmd, READS,
	    "membership applications [--all] [--json]",
	    "The applications waiting for a decision (--all: every one)." },
	{ "membership", "approve", membership_approve_cmd, WRITES,
	    "membership approve ID [--message TEXT]",
	    "Approve an application: the member is made, their contact\n"
	    "details move to them unread, and they see your message and a\n"
	    "one-time activation link when they check their application." },
	{ "membership", "decline", membership_decline_cmd, WRITES,
	    "membership decline ID [--message TEXT]",
	    "Decline an application with a kind message; its contact details\n"
	    "and answers are not kept." },

	{ "member", "contact", contact_reveal_cmd, WRITES,
	    "member contact PSEUDONYM --reason TEXT",
	    "Reveal one member's sealed contact details.  The reason (10 to\n"
	    "200 characters) is kept in the audit trail beside the opening." },

	{ "violation", "record", violations_record_cmd, WRITES,
	    "violation record PSEUDONYM --message TEXT [--note TEXT]\n"
	    "                 [--step warning|suspension|removal] [--days N]\n"
	    "                 [--incident N]",
	    "Record that a member broke the pledge, and apply a step of the\n"
	    "ladder: the next one for them unless --step names one.  A\n"
	    "suspension or removal takes effect at once (their sessions\n"
	    "end).  --message is what they read on their own page, with how\n"
	    "to appeal; --note is the moderators' own record, sealed." },
	{ "violation", "list", violations_list_cmd, READS,
	    "violation list [PSEUDONYM] [--json]",
	    "The violations recorded, newest first (never the notes)." },
	{ "violation", "appeal", violations_appeal_cmd, WRITES,
	    "violation appeal [TEXT]",
	    "Show or set how members may appeal a decision about them; they\n"
	    "read it with every decision, on their own page." },
	{ "violation", "ladder", violations_ladder_cmd, WRITES,
	    "violation ladder [SPEC]",
	    "Show or set the ladder, for example\n"
	    "  warning,suspension:7,suspension:30,removal\n"
	    "(the default is warning,suspension:7,removal)." },

	{ "training", "add", training_add_cmd, WRITES,
	    "training add NAME [--valid-days N]",
	    "Ask moderators and admins for a training, current for N days\n"
	    "after completion (730 unless said).  Trauma-informed\n"
	    "communication and mental health first aid are asked by default." },
	{ "training", "record", training_record_cmd, WRITES,
	    "training record USER TRAINING [--date YYYY-MM-DD]",
	    "Record that USER completed TRAINING (today unless --date)." },
	{ "training", "status", training_status_cmd, WRITES,
	    "training status [--json]",
	    "Every moderator's and admin's standing in every training:\n"
	    "current, renew soon, lapsed or never.  Without a current\n"
	    "completion of each, leaked material and incident summaries stay\n"
	    "closed to them." },

	{ "exposure", "show", exposure_show_cmd, READS,
	    "exposure show NAME [--json]",
	    "How much difficult content NAME has read: the weight of what\n"
	    "they opened in the last 24 hours and 7 days against the caps,\n"
	    "by kind, and week by week.  In the console each person sees\n"
	    "their own, and admins only whether someone is near a cap." },
	{ "exposure", "caps", exposure_caps_cmd, WRITES,
	    "exposure caps [--daily N] [--weekly N] [--near PERCENT]",
	    "Show or set the caps (20 a day and 80 a week unless set; near\n"
	    "from 75%).  At a cap, exposure-heavy work goes to someone else." },

	{ "rota", "add", rota_person_cmd, WRITES, "rota add NAME",
	    "Put a moderator or admin last on the on-call rota." },
	{ "rota", "remove", rota_person_cmd, WRITES, "rota remove NAME",
	    "Take someone off the rota." },
	{ "rota", "list", rota_list_cmd, READS,
	    "rota list [--shifts N] [--json]",
	    "Who is on the rota, who is on call and who cannot take\n"
	    "exposure-heavy work now (and why: away, at the exposure cap,\n"
	    "training not current), and the next N shifts' teams (8)." },
	{ "rota", "break", rota_break_cmd, WRITES,
	    "rota break NAME --days N [--from YYYY-MM-DD] [--show]",
	    "\"I need a break\": NAME is off the rota for N days (1 to "
	    CLI_STR(ROTA_BREAK_DAYS_MAX) "),\n"
	    "from now or, with --from, as time off later.  No reason is\n"
	    "asked.  The team sees \"away\"; with --show, \"taking a break\"." },
	{ "rota", "back", rota_person_cmd, WRITES, "rota back NAME",
	    "End NAME's time away now." },
	{ "rota", "swap", rota_swap_cmd, WRITES,
	    "rota swap NAME OTHER --on YYYY-MM-DD",
	    "Record a swap NAME and OTHER have agreed: OTHER takes NAME's\n"
	    "place in the shift of that day, and NAME takes OTHER's next\n"
	    "shift after it.  (In the console and the API a swap is asked of\n"
	    "the other person, who says yes or no.)" },
	{ "rota", "cover", rota_cover_cmd, WRITES,
	    "rota cover NAME --for OTHER --on YYYY-MM-DD",
	    "NAME takes OTHER's place in the shift of that day (an override)." },
	{ "rota", "next", rota_next_cmd, READS, "rota next [--json]",
	    "Who the next exposure-heavy task (an incident to lead) goes to,\n"
	    "and why: of those on call, someone not away, with current\n"
	    "training and under both caps who has read the least this week;\n"
	    "else the same over the rest of the rota." },
	{ "rota", "export", rota_export_cmd, READS,
	    "rota export FILE.ics [--shifts N]",
	    "The next N shifts (12) as iCalendar, for a calendar app; - for\n"
	    "standard output." },
	{ "rota", "settings", rota_settings_cmd, WRITES,
	    "rota settings [--shift-days N] [--per-shift N]",
	    "Show or set the shifts' length (7 days) and how many are on\n"
	    "call in each (2)." },

	{ "debrief", "schedule", debrief_schedule_cmd, WRITES,
	    "debrief schedule [--every DAYS] [--first TIME]",
	    "Show or set when the team debriefs: every DAYS (7 to 56, 14\n"
	    "unless set) from an RFC 3339 TIME (Thursdays at 16:00 UTC\n"
	    "unless set)." },
	{ "debrief", "list", debrief_list_cmd, READS, "debrief list [--json]",
	    "The debriefs, the team's and those after incidents (planned when\n"
	    "an incident's announcement is published, for its lead and those\n"
	    "the audit trail shows acting on it), and how many wrote an\n"
	    "entry.  Never their words." },
	{ "debrief", "invite", debrief_invite_cmd, READS,
	    "debrief invite FILE.ics",
	    "The team's debriefs as an iCalendar invitation, repeating on the\n"
	    "schedule; - for standard output." },

	{ "support", "add", support_add_cmd, WRITES,
	    "support add NAME --kind counselling|helpline|peer support|other\n"
	    "                 --contact HOW [--languages L] [--note TEXT]",
	    "Add professional support for the team to the directory on each\n"
	    "person's wellbeing page; prints its id." },
	{ "support", "list", support_list_cmd, READS, "support list [--json]",
	    "The directory, and what the budget for the team's counselling\n"
	    "has spent (never whose sessions)." },
	{ "support", "remove", support_remove_cmd, WRITES, "support remove ID",
	    "Take an entry out of the directory." },
	{ "support", "budget", support_budget_cmd, WRITES,
	    "support budget AMOUNT CURRENCY",
	    "Set the budget for the counselling the community covers for its\n"
	    "team.  Each person records their own sessions, as a day and a\n"
	    "cost." },

	{ "member", "trust", member_trust_cmd, WRITES,
	    "member trust PSEUDONYM [--remove]",
	    "Mark a member as a trusted reporter: their reports come first in\n"
	    "the moderators' queue, marked as such." },
	{ "report", "list", report_list_cmd, READS, "report list [--json]",
	    "Members' reports of leaks, open ones first and trusted reporters'\n"
	    "first among them: when, from whom (or anonymous), status, and how\n"
	    "many posts the leak detector found.  Never their words." },

	{ "watch", "add", watch_add_cmd, WRITES,
	    "watch add TEXT [--near WORDS] [--within N]",
	    "Watch outside text for TEXT (the community's name, a nickname, a\n"
	    "group's name, a distinctive phrase) within N words (30) of one of\n"
	    "WORDS (comma-separated; sanctum's words of leaks and mental\n"
	    "health in English, French and Spanish unless given).  Words are\n"
	    "read as the leak detector reads them: case, accents, look-alike\n"
	    "letters and invisible characters make no difference.  Prints its\n"
	    "id." },
	{ "watch", "list", watch_list_cmd, READS, "watch list [--json]",
	    "The watch list." },
	{ "watch", "remove", watch_remove_cmd, WRITES, "watch remove ID",
	    "Stop watching for one." },
	{ "watch", "import", watch_import_cmd, WRITES, "watch import FILE|-",
	    "Add many rules at once, one a line: NAME, or NAME|WORDS, or\n"
	    "NAME|WORDS|WITHIN (WORDS empty for sanctum's).  Blank lines and\n"
	    "lines starting with # are skipped.  All or nothing: a bad line\n"
	    "is named and nothing is kept." },
	{ "watch", "test", watch_test_cmd, READS,
	    "watch test [--json] FILE|-",
	    "Read a text against the watch list and print each place a name\n"
	    "stands near one of its words; exit 3 when there is one." },

	{ "source", "add", source_add_cmd, WRITES,
	    "source add URL [--kind feed|page|sitemap|search] [--every MINUTES]\n"
	    "    [--preset reddit|mastodon|lemmy | --items PATH --text PATHS "
	    "--link PATH]",
	    "Read an outside place every MINUTES (60) for the community's\n"
	    "posts and its watched names: an RSS or Atom feed, a page to\n"
	    "re-check, a sitemap (its changed pages are read), or a JSON search\n"
	    "endpoint whose URL's {q} is filled with each watched name, with\n"
	    "where its items (a dot path to the list), their text (dot paths,\n"
	    "comma-separated) and their address are; --preset fills those for\n"
	    "a known platform.  Prints its id." },
	{ "source", "list", source_list_cmd, READS, "source list [--json]",
	    "The sources, with their last fetch, what it came to, and the\n"
	    "next." },
	{ "source", "remove", source_remove_cmd, WRITES, "source remove ID",
	    "Stop reading one." },
	{ "monitor", "run", monitor_run_cmd, KEY,
	    "monitor run --once [--json] [--source ID] [--host-gap S]\n"
	    "    [--max-wait S] [--timeout S] [--allow-private-fetch]",
	    "Fetch every source that is due (or --source ID, due or not) and\n"
	    "read its items through the leak detector and the watch list.\n"
	    "Polite: robots.txt, S seconds (5) between two requests to a site,\n"
	    "conditional requests, back-off after errors.  Prints what each\n"
	    "source came to and each new finding; alerts whoever is on duty;\n"
	    "exit 3 when something new was found.  Loopback and private\n"
	    "addresses are refused unless --allow-private-fetch.  `sanctum\n"
	    "serve` runs the same schedule with its tasks." },
	{ "monitor", "status", monitor_status_cmd, READS,
	    "monitor status [--json]",
	    "Each source's last fetch, its result, and its next run." },
	{ "monitor", "log", monitor_log_cmd, READS,
	    "monitor log [--json] [--days N]",
	    "Every outside address fetched in the last N days (7), when, and\n"
	    "what it came to: monitoring looks only outward, and this shows\n"
	    "where." },
	{ "monitor", "findings", monitor_findings_cmd, READS,
	    "monitor findings [--all] [--json]",
	    "The findings waiting for review (--all: the decided ones too):\n"
	    "score, source and why each matched; never outside words." },
	{ "monitor", "dismiss", monitor_dismiss_cmd, WRITES,
	    "monitor dismiss ID", "Nothing to act on: close a finding." },
	{ "monitor", "incident", monitor_incident_cmd, WRITES,
	    "monitor incident ID",
	    "Open an incident from a finding, with its posts and its address,\n"
	    "at step 1: assess immediate risk." },
	{ "alert", "hook", alert_hook_cmd, WRITES,
	    "alert hook add URL [--label TEXT] | list [--json] | secret ID |\n"
	    "    remove ID",
	    "Webhooks that receive alerts of new findings: JSON that names no\n"
	    "one, signed with HMAC-SHA256 (X-Sanctum-Signature: sha256=HEX\n"
	    "over TIMESTAMP.BODY, X-Sanctum-Timestamp).  add prints the\n"
	    "secret the receiver checks with; secret prints it again." },
	{ "alert", "email", alert_email_cmd, WRITES, "alert email NAME on|off",
	    "Whether NAME gets alerts by e-mail too, at their reminder\n"
	    "address, when on call." },
	{ "alert", "send", alert_send_cmd, KEY, "alert send",
	    "Alert now about the new findings no one was alerted of." },

	{ "incident", "list", incident_list_cmd, READS,
	    "incident list [--json]",
	    "Every incident, open ones first: its step, the recorded risk,\n"
	    "triage's highest level, and how many posts, members and\n"
	    "locations it holds." },
	{ "incident", "show", incident_show_cmd, READS,
	    "incident show N [--json]",
	    "One incident: the affected members (highest risk first), the\n"
	    "leaked posts with their triage, the locations (addresses stay\n"
	    "sealed), how many members could have seen the posts, and the\n"
	    "timeline.  Never the posts' words." },
	{ "incident", "handoff", incident_handoff_cmd, WRITES,
	    "incident handoff N",
	    "The incident's lead hands it off, no reason asked: the rota's\n"
	    "assignment rule (see rota next) picks someone else." },
	{ "incident", "close", incident_close_cmd, WRITES, "incident close N",
	    "Close an incident: its work is done, or there was nothing to act\n"
	    "on.  Nothing of its steps is done after, and the retention period\n"
	    "for closed incidents counts from now (see retention)." },
	{ "incident", "open", incident_open_cmd, WRITES,
	    "incident open [--post ID]... [--url URL [--platform NAME]]",
	    "Open an incident by hand, with the leaked posts (each is triaged\n"
	    "at once and its author is affected) and where the leak is." },
	{ "incident", "assess", incident_assess_cmd, WRITES,
	    "incident assess N --risk low|elevated|immediate [--note TEXT]",
	    "Step 1: record the risk assessment.  Nothing of the later steps\n"
	    "is done before it.  A risk lower than triage suggests needs a\n"
	    "note saying why (sealed)." },
	{ "incident", "add-member", incident_member_cmd, WRITES,
	    "incident add-member N PSEUDONYM",
	    "Add an affected member whose posts did not leak (someone named\n"
	    "in a screenshot, say)." },
	{ "incident", "add-location", incident_location_cmd, WRITES,
	    "incident add-location N URL [--platform NAME]",
	    "Add a place where the leak is; the address is sealed." },
	{ "incident", "draft", outreach_draft_cmd, WRITES,
	    "incident draft N [--country CC]",
	    "Step 2: draft a private message to every affected member who has\n"
	    "none, from the trauma-informed template, with the support\n"
	    "resources of country CC (and those for everywhere).  Refused\n"
	    "before the risk assessment.  Edit them in the console." },
	{ "incident", "send", outreach_send_cmd, WRITES,
	    "incident send MESSAGE",
	    "Send a drafted message, in the app or by e-mail (SANCTUM_SMTP_URL,\n"
	    "SANCTUM_SMTP_FROM).  Refused unless it passes the lint: no blame,\n"
	    "no minimising, no words of the leaked posts, a support resource." },

	{ "incident", "consent", takedown_consent_cmd, WRITES,
	    "incident consent N PSEUDONYM [--mention yes|no]\n"
	    "                 [--copyright yes|no] [--see yes|no]",
	    "Record what an affected member allows, given another way (they\n"
	    "can answer on their own messages page): a removal request that\n"
	    "mentions them, a copyright notice, seeing what leaked." },
	{ "incident", "takedown", takedown_create_cmd, WRITES,
	    "incident takedown PLACE [--kind privacy|terms|copyright]\n"
	    "                  [--names PSEUDONYM] [--to WHERE]",
	    "Step 4: make a removal request for a place where the leak is.  It\n"
	    "names a member only if they allowed it; a copyright notice names\n"
	    "its author, who must have allowed that too." },
	{ "incident", "takedown-status", takedown_mark_cmd, WRITES,
	    "incident takedown-status REQUEST requested|removed|refused|"
	    "reappeared",
	    "Move a removal request on; a requested one is due for a look\n"
	    "three days later." },
	{ "incident", "recheck", takedown_recheck_cmd, WRITES,
	    "incident recheck N",
	    "Fetch each place with a request under way and read it with the\n"
	    "leak detector: gone is removed, found again is reappeared." },

	{ "incident", "report", incident_report_cmd, READS,
	    "incident report N",
	    "The incident's report as a page of HTML on standard output: the\n"
	    "steps, figures and timeline, with no leaked words, no names of\n"
	    "the people affected, no addresses and no notes." },
	{ "incident", "announce", announce_draft_cmd, WRITES,
	    "incident announce N",
	    "Step 5: draft the announcement to the community from the template\n"
	    "(only once every affected member has been written to)." },
	{ "incident", "publish", announce_publish_cmd, WRITES,
	    "incident publish ANNOUNCEMENT",
	    "Publish it, only if the guard finds no name known here, no words\n"
	    "of any post, no contact data and no details of a method." },

	{ "care", "open", care_open_cmd, WRITES,
	    "care open --member PSEUDONYM --supporter NAME [--incident N]",
	    "Open a care case for a member, held by one person (a supporter,\n"
	    "or a moderator whose training is current), and plan its check-ins\n"
	    "from the member's choices.  Prints the case's id." },
	{ "care", "show", care_show_cmd, READS, "care show N [--json]",
	    "A case: who holds it, the member's choices, its check-ins (each\n"
	    "with due_at and status) and its handovers; with --json also its\n"
	    "messages, offers, help and peer introductions.  Never notes,\n"
	    "messages' words or the member's words." },
	{ "care", "list", care_list_cmd, READS, "care list [--all]",
	    "Open cases (with --all, closed ones too), the soonest check-in\n"
	    "first." },
	{ "care", "prefs", care_prefs_cmd, WRITES,
	    "care prefs PSEUDONYM --no-contact | --contact in-app|email\n"
	    "                 [--every DAYS | --default-plan] [--zone ZONE]\n"
	    "                 [--hour H] [--lang TAG]",
	    "Record what the member chose: no contact at all (every planned\n"
	    "check-in goes at once), or a channel, how often (the default plan\n"
	    "of a day, a week, a month, three and six months, or every DAYS),\n"
	    "and when in their own time zone." },
	{ "care", "due", checkin_due_cmd, READS, "care due [--json] [--at TIME]",
	    "Check-ins due now, or at an RFC 3339 time: never one for a member\n"
	    "who asked not to be contacted." },
	{ "care", "checkin", checkin_cmd, WRITES,
	    "care checkin ID done [--note TEXT] | skip | move TIME",
	    "A check-in was done (with a sealed note), skipped, or moved to an\n"
	    "RFC 3339 time." },
	{ "care", "draft", care_draft_cmd, WRITES,
	    "care draft CHECKIN [--country CC]",
	    "Draft the check-in's message to the member from the template in\n"
	    "their language, with the support resources (of country CC and the\n"
	    "international ones); refused for a member who asked not to be\n"
	    "contacted.  Its words are edited in the console." },
	{ "care", "update", care_update_cmd, WRITES,
	    "care update N --takedown REQUEST",
	    "Draft, for review, a plain update for the member of case N on a\n"
	    "removal request of their incident: asked for, removed, refused or\n"
	    "back again; once per status, never to a member who asked not to\n"
	    "be contacted." },
	{ "care", "peers", care_peers_cmd, READS, "care peers [--json]",
	    "The peer supporters: members who have been through a leak and\n"
	    "offered to support others, how many at a time, and their\n"
	    "training." },
	{ "care", "peer", care_peer_cmd, WRITES,
	    "care peer train PSEUDONYM | care peer introduce CASE PSEUDONYM",
	    "Record a peer supporter's short training, or ask one to talk\n"
	    "with the member of CASE, who asked (the peer answers first, then\n"
	    "the member; prints the introduction's id)." },
	{ "care", "reminders", care_reminders_cmd, KEY,
	    "care reminders NAME --email ADDRESS | --off",
	    "Where the person called NAME is reminded of the check-ins they\n"
	    "hold (sealed), or that they are not.  A reminder says how many\n"
	    "are due and overdue, never who." },
	{ "care", "remind", care_remind_cmd, KEY, "care remind [--at TIME]",
	    "Send the reminders due now (at most one a day to each person);\n"
	    "`sanctum serve` does this on its own." },
	{ "care", "send", care_send_cmd, KEY, "care send MESSAGE",
	    "Send a check-in message the way the member chose (in the app, or\n"
	    "by e-mail over SMTP), once the lint passes and only if they still\n"
	    "want to be contacted; the check-in is then done.  The delivery\n"
	    "holds no lock on the database." },
	{ "care", "therapist", care_therapist_cmd, WRITES,
	    "care therapist NAME [--region R] [--languages L] [--contact HOW]\n"
	    "                 [--source URL]",
	    "Add a therapist who works in a trauma-informed way to the\n"
	    "directory of counselling the community can cover." },
	{ "care", "therapists", care_therapists_cmd, READS,
	    "care therapists [--json]", "The directory." },
	{ "care", "budget", care_budget_cmd, WRITES,
	    "care budget [AMOUNT CURRENCY]",
	    "The counselling budget and what is spent; an admin sets it." },
	{ "care", "offer", care_offer_cmd, WRITES,
	    "care offer N [--therapist ID] [--sessions K]\n"
	    "                 | care offer OFFER accepted|declined|ended",
	    "Offer a member in care K covered sessions (default 6), with a\n"
	    "therapist of the directory or one they choose; record their\n"
	    "answer, or that it ended." },
	{ "care", "session", care_session_cmd, WRITES,
	    "care session OFFER --date YYYY-MM-DD --cost AMOUNT",
	    "A covered session was held: its date and cost, nothing clinical;\n"
	    "refused past the offer's sessions or the budget." },
	{ "care", "help", care_help_cmd, WRITES,
	    "care help N --kind employer|school|platform appeal|housing|other\n"
	    "                 --note TEXT | care help ID OUTCOME",
	    "Practical help for a member in care, what is done in a sealed\n"
	    "note; its outcome (open, helped, did not help, member stopped)." },
	{ "care", "hand", care_hand_cmd, WRITES,
	    "care hand N --to NAME [--reason rota|stepping back|member asked|"
	    "other]",
	    "Hand a case to another person, explicitly; the handover is kept." },
	{ "care", "close", care_close_cmd, WRITES, "care close N [--forget]",
	    "Close a case; with --forget, delete its notes and the member's\n"
	    "words too (the audit trail keeps that it happened)." },

	{ "healing", "measure", healing_measure_cmd, WRITES,
	    "healing measure TITLE [--detail TEXT] [--date YYYY-MM-DD]\n"
	    "                 [--incident N]",
	    "List a safety measure the community took under \"what we\n"
	    "changed\", once the announcement guard finds nothing about\n"
	    "anyone in it (no name known here, no words of a post, no contact\n"
	    "data, no details of a method)." },
	{ "healing", "measures", healing_measures_cmd, READS,
	    "healing measures [--json]", "The safety measures, newest first." },
	{ "healing", "milestones", healing_milestones_cmd, WRITES,
	    "healing milestones [show|public|private]",
	    "Weeks without a new incident and measures taken; whether members\n"
	    "see them too (moderators always do)." },
	{ "healing", "pulse", healing_pulse_cmd, WRITES,
	    "healing pulse [--question TEXT] [--days N] | healing pulse close ID",
	    "Open an optional, anonymous pulse survey (one question, answered\n"
	    "1 to 5) for N days (default 7), or close one early." },
	{ "healing", "space", healing_space_cmd, WRITES,
	    "healing space open NAME --facilitator USER --days N\n"
	    "                 [--incident ID] [--capacity N] [--reminder TEXT]\n"
	    "  | healing space invite ID PSEUDONYM | note ID TEXT | end ID",
	    "Open a small, extra-private healing space for N days (its\n"
	    "incident's affected members are invited, and choose), invite\n"
	    "one more, write its note, or end it now, erasing what was said." },
	{ "healing", "spaces", healing_spaces_cmd, READS,
	    "healing spaces [--json]", "The healing spaces, newest first." },
	{ "healing", "results", healing_results_cmd, READS,
	    "healing results [--json]",
	    "Each survey's aggregates, shown only once at least five people\n"
	    "have answered; no answer is linked to anyone." },

	{ "resources", "list", resources_list_cmd, READS,
	    "resources list [--country CC] [--json]",
	    "The support resources: crisis lines, counselling and groups, by\n"
	    "country, each with its hours and source." },
	{ "resources", "add", resources_add_cmd, WRITES,
	    "resources add --name NAME --contact HOW --source URL\n"
	    "              [--country CC] [--kind crisis|counselling|"
	    "support-group|peer]\n              [--hours TEXT]",
	    "Add a resource (for everywhere unless --country)." },
	{ "resources", "remove", resources_remove_cmd, WRITES,
	    "resources remove ID", "Remove a resource." },

	{ "triage", NULL, triage_cmd, 0, "triage [--json] [--lines] FILE|-",
	    "Assess immediate risk in text (a leaked post, or with --lines\n"
	    "each line): a level aligned with the Columbia Suicide Severity\n"
	    "Rating Scale (none, wish, ideation, method, intent, plan,\n"
	    "behavior), and self-harm, abuse and identifying details, each\n"
	    "explained by the phrases that set it, with their character spans\n"
	    "and rule.  Negation, hypotheticals, the past and other people's\n"
	    "words set a phrase aside (and say so).  Items at immediate risk\n"
	    "(intent or above) come first, with what to do.  English only.\n"
	    "  --json    one object per item: item, level, immediate,\n"
	    "            self_harm, abuse, identifying,\n"
	    "            reasons [{phrase, span, rule}]" },

	{ "token", "create", tokens_create_cmd, WRITES,
	    "token create --user NAME LABEL",
	    "Make an API bearer token acting as NAME.  It is shown once; only\n"
	    "its keyed hash is kept.  Use it as\n"
	    "  Authorization: Bearer snt_...\n"
	    "on requests under /api/v1." },
	{ "token", "list", tokens_list_cmd, READS, "token list [--json]",
	    "Every token, with its label, user and state." },
	{ "token", "revoke", tokens_revoke_cmd, WRITES, "token revoke ID",
	    "Revoke token ID at once." },

	{ "import", NULL, import_cmd, WRITES,
	    "import --format discord|discourse|slack|reddit|jsonl|csv PATH",
	    "Import a community's posts from an export, in one transaction:\n"
	    "authors become pseudonymous members, channels, categories and\n"
	    "subreddits become groups, bodies are sealed.  Importing the same\n"
	    "file again adds nothing.  Malformed records are skipped and named\n"
	    "by position; a file that is not the format leaves nothing.\n"
	    "  discord    DiscordChatExporter JSON, one channel a file:\n"
	    "             channel{id,name}, messages[{id,timestamp,content,\n"
	    "             author{id,name,nickname}}]\n"
	    "  discourse  Discourse API JSON: latest_posts[], post_stream.posts[]\n"
	    "             or posts[] of {id,username,created_at,raw or cooked,\n"
	    "             topic_id,topic_title,category_id}\n"
	    "  slack      a workspace export .zip: users.json, channels.json,\n"
	    "             CHANNEL/YYYY-MM-DD.json of {type,user,text,ts}\n"
	    "  reddit     Reddit API or Pushshift NDJSON: comments {id,author,\n"
	    "             subreddit,created_utc,body}, submissions {...,title,\n"
	    "             selftext}\n"
	    "  jsonl      one JSON object a line: id, group, author, time\n"
	    "             (RFC 3339), body; optional group_id, author_id\n"
	    "  csv        a header row naming id, group, author, time, body\n"
	    "             (any order; optional group_id, author_id)\n"
	    "Any file but Slack's zip may be compressed (.gz, .zst, .xz, .bz2,\n"
	    "as Pushshift's dumps come).  The ids the platform gave are kept\n"
	    "only as keyed hashes.  A progress bar shows on standard error when\n"
	    "it is a terminal." },

	{ "post", "add", post_add_cmd, WRITES,
	    "post add --group G --author PSEUDONYM [--cw LABELS] [--anonymous]",
	    "Write a post; the text comes on standard input.  Its body is\n"
	    "sealed and its fingerprints enter the leak detector's index.\n"
	    "  --group G         a group (`sanctum group list`; `group create`)\n"
	    "  --author NAME     a member's pseudonym (`sanctum user add NAME\n"
	    "                    --role member` makes one; imports bring more)\n"
	    "  --cw LABELS       content-warning labels, e.g. \"grief, self-harm\"\n"
	    "  --anonymous       other members see \"anonymous member\"" },
	{ "post", "edit", post_edit_cmd, WRITES, "post edit POST",
	    "Replace a post's text with standard input; it then matches its\n"
	    "new text only.  POST is the post's number, as `scan` and the\n"
	    "console show it, or FORMAT:ID, the id an imported post had in\n"
	    "its export (for example jsonl:m1 or discord:1098765432109876543)." },
	{ "post", "delete", post_delete_cmd, WRITES, "post delete POST",
	    "Delete a post: its body is erased and it matches nothing.  POST\n"
	    "as for `post edit`." },

	{ "scan", NULL, scan_cmd, 0,
	    "scan [--json] [--threshold X] [--index FILE [--index-private]] "
	    "[--lang L] [--min-fps N] [--min-words N] [--jobs N] [--stats] "
	    "SOURCE...",
	    "Look for this community's posts in outside material.  A SOURCE is\n"
	    "a file, a directory (scanned recursively), an http(s) URL, or -\n"
	    "for standard input.  Plain text, HTML (text and alt text), JSON\n"
	    "(string values) and images (PNG, JPEG, WebP, read with Tesseract\n"
	    "OCR) are understood, and web crawl files in WARC (*.warc, *.wet,\n"
	    "*.warc.gz, *.wet.gz: Common Crawl's WET shards), each page judged\n"
	    "on its own and named by its URI.  It opens the community and its\n"
	    "key, unless --index gives an exported index.\n"
	    "  --json         one JSON object per source: source, kind, leaked,\n"
	    "                 matches [{post, group, author, anonymous,\n"
	    "                 coverage, fingerprints, spans [[start, end]]}];\n"
	    "                 post is the post's number (as `post edit` and\n"
	    "                 the console take it), spans are character\n"
	    "                 offsets in the extracted text; group, author\n"
	    "                 and anonymous come from the database, so a\n"
	    "                 scan with --index has none\n"
	    "  --threshold X  report only posts with at least this share found\n"
	    "  --index FILE   scan with an exported index (no database needed),\n"
	    "                 mapped from the file: every process scanning\n"
	    "                 with it on one machine shares one copy\n"
	    "  --index-private  read the index into this process's own memory\n"
	    "                 instead (huge pages: a few per cent faster for a\n"
	    "                 process alone, one copy per process)\n"
	    "  --lang L       OCR languages, e.g. eng+deu (default eng)\n"
	    "  --min-fps N    evidence needed: distinct fingerprints ("
	    CLI_STR(SCAN_MIN_FPS) ")\n"
	    "                 that no other post holds\n"
	    "  --min-words N  evidence needed: words their k-grams span ("
	    CLI_STR(SCAN_MIN_WORDS) ")\n"
	    "  --jobs N       scan N sources at a time, one per worker thread\n"
	    "                 (default: one per core); results are printed\n"
	    "                 in the order of the sources all the same; with\n"
	    "                 fewer sources than workers, a large file is\n"
	    "                 shared among them in parts\n"
	    "  --stats        print index size and scan speed on stderr\n"
	    "Exit status: 0 nothing found, 3 a leak was found, 1 an error\n"
	    "(with no leak found)." },

	{ "index", "export", index_export_cmd, KEY, "index export FILE",
	    "Write the fingerprint index as a standalone read-only file for\n"
	    "`scan --index` on another machine (mode 0600).  It carries the\n"
	    "fingerprint sub-key (never the master key), no text and no names\n"
	    "(scan --index reports post numbers only), but it is a secret,\n"
	    "since whoever holds it can test guessed sentences." },
	{ "index", "rebuild", index_rebuild_cmd, WRITES, "index rebuild",
	    "Fingerprint every post again from its sealed body." },
	{ "index", "stats", index_stats_cmd, KEY, "index stats",
	    "The index's size: posts, fingerprints, bytes." },

	{ "tasks", NULL, tasks_cmd, KEY, "tasks [--at TIME]",
	    "Run the scheduled work once: end the healing spaces whose time\n"
	    "has come (erasing what was said), send the reminders of due\n"
	    "check-ins, count the care cases that need a new holder, and\n"
	    "purge what the retention periods make due (once a day).\n"
	    "`sanctum serve` runs it every --tasks-every seconds." },
	{ "serve", NULL, serve_cmd, KEY,
	    "serve [--listen HOST:PORT] [--max-body BYTES] [--idle-timeout S] "
	    "[--session-lifetime S] [--threads N] [--allow-private-fetch] "
	    "[--request-timeout S] [--max-connections N] "
	    "[--max-per-address N] [--tls-cert PEM --tls-key PEM] "
	    "[--secure-cookies] [--tasks-every S] [--no-sandbox]",
	    "Serve the console and the JSON API (loopback by default).\n"
	    "  --listen HOST:PORT     default 127.0.0.1:8080\n"
	    "  --max-body BYTES       larger request bodies get 413 (10485760)\n"
	    "  --allow-private-fetch  let console scans and monitoring fetch\n"
	    "                         loopback and private addresses (refused\n"
	    "                         by default)\n"
	    "  --idle-timeout S       end sessions idle this long (1800)\n"
	    "  --session-lifetime S   end sessions this long after login "
	    "(43200)\n"
	    "  --threads N            server threads (the number of cores)\n"
	    "  --request-timeout S    seconds for a request's headers to arrive,\n"
	    "                         from the connection's opening or the\n"
	    "                         previous answer; its body must then keep\n"
	    "                         coming at " CLI_STR(GUARD_MIN_RATE)
	    " bytes a second.  Slower\n"
	    "                         connections are closed (10)\n"
	    "  --max-connections N    connections at once (what the open-file\n"
	    "                         limit allows, at most "
	    CLI_STR(GUARD_MAX_CONNECTIONS) "; it refuses\n"
	    "                         to start when N cannot fit)\n"
	    "  --max-per-address N    connections from one IPv4 address or one\n"
	    "                         IPv6 /64 (64; 0: no limit).  Behind a\n"
	    "                         reverse proxy every connection comes from\n"
	    "                         the proxy: raise it, or set 0\n"
	    "  --tls-cert, --tls-key  serve HTTPS with these PEM files\n"
	    "  --secure-cookies       mark cookies Secure (behind a TLS proxy)\n"
	    "  --tasks-every S        run the scheduled tasks (`sanctum tasks`)\n"
	    "                         and read the monitoring sources that are\n"
	    "                         due every S seconds (300)\n"
	    "  --no-sandbox           do not confine the server (to debug):\n"
	    "                         by default, once the socket is bound,\n"
	    "                         it can write only the database's folder,\n"
	    "                         read only what it still needs (Landlock),\n"
	    "                         and make only a server's system calls\n"
	    "                         (seccomp); see sandbox-check\n"
	    "It refuses to start unless the key opens the database." },
	{ "sandbox-check", NULL, serve_sandbox_check_cmd, 0,
	    "sandbox-check [PATH...]",
	    "Enter the sandbox serve enters for the database (--db), then try\n"
	    "to read and to write each PATH (creating it if allowed), to bind\n"
	    "a TCP port, and last to run /bin/true, and print what happened.\n"
	    "A working sandbox refuses what is outside the database's folder\n"
	    "and the files serve reads, and ends the process at the attempt\n"
	    "to run a program (SIGSYS: the shell's status is 159)." },
	{ "demo", NULL, demo_cmd, 0,
	    "demo [--dir DIR] [--no-serve] [serve options]",
	    "Create a demo community (fictional members, small groups and\n"
	    "posts, an open incident and a care case) in DIR, or in a new\n"
	    "temporary folder, print the demo admin's login, and serve it.\n"
	    "It accepts the options of serve too." },

	{ "backup", NULL, backup_cmd, KEY, "backup FILE",
	    "Copy the community's database while it serves (SQLite's online\n"
	    "backup) and seal the copy with the community's key into FILE\n"
	    "(mode 0600).  Without the key (the key file, or the passphrase)\n"
	    "a backup reads as nothing; keep the key elsewhere than the\n"
	    "backups.  The audit trail notes that a copy was made." },
	{ "verify-backup", NULL, verify_backup_cmd, 0,
	    "verify-backup FILE [--json]",
	    "Open a backup with the key and check it: the key opens it,\n"
	    "integrity_check passes, its audit trail verifies.  Nothing is\n"
	    "changed.  Exit 1 when it fails." },
	{ "restore", NULL, restore_cmd, 0, "restore FILE [--force]",
	    "Put a backup in place of the database (--db), once checked as\n"
	    "verify-backup checks it.  A database already there is refused\n"
	    "unless --force, which moves it aside to DB.pre-restore-TIME.\n"
	    "Stop the server first." },
	{ "key", "rotate", key_rotate_cmd, KEY,
	    "key rotate [--grace SECONDS] [--batch N] "
	    "[--new-passphrase-file PATH] [--json]",
	    "Replace the community's key while the server goes on serving:\n"
	    "every sealed value is sealed again with a new key, N (500) to a\n"
	    "transaction, and the audit trail is verified and MACed again.\n"
	    "Running servers follow at their next request.  A key file's new\n"
	    "key takes its place and the old one is kept as KEY.retired-TIME\n"
	    "(backups made before need it); a passphrase community gets a new\n"
	    "salt and the new passphrase (asked twice, or read from PATH; it\n"
	    "may be the same one).  Processes still holding the old key may\n"
	    "follow for --grace seconds (600); cut short, run it again to go\n"
	    "on.  The fingerprint, token and imported-id keys are carried\n"
	    "over (the README's security model says why)." },
	{ "key", "status", key_status_cmd, KEY, "key status [--json]",
	    "Whether a key rotation is under way, and how far it is." },
	{ "key", "retire", key_retire_cmd, KEY, "key retire",
	    "End a rotation's grace period now: the old key opens nothing." },
	{ "retention", "show", retention_show_cmd, READS,
	    "retention show [--json]",
	    "How long leaked material, the notes of closed care cases and the\n"
	    "record of closed incidents are kept, and what is due for a purge\n"
	    "now (counts only)." },
	{ "retention", "set", retention_set_cmd, WRITES,
	    "retention set leaked|notes|closed DAYS|never",
	    "Set a period, 1 to " CLI_STR(RETENTION_MAX_DAYS) " days, or never "
	    "(the default: kept until an\n"
	    "admin decides).  leaked: reports, places of a leak and monitoring\n"
	    "findings, counted from when they were found, never while their\n"
	    "incident is open.  notes: a care case's notes, check-in and help\n"
	    "notes, messages and the member's words, counted from the case's\n"
	    "closing (an open case keeps them).  closed: a closed incident's\n"
	    "record down to its dates and counts, counted from its closing." },
	{ "retention", "purge", retention_purge_cmd, KEY,
	    "retention purge [--dry-run] [--json] [--at TIME]",
	    "Purge now what the periods make due (at an RFC 3339 time with\n"
	    "--at), in one transaction with one audit entry of counts; then\n"
	    "truncate the WAL, so the purged words are in neither the database\n"
	    "file nor its WAL.  --dry-run counts what is due and changes\n"
	    "nothing.  `sanctum serve` purges once a day." },
	{ "audit", "verify", audit_verify_cmd, KEY, "audit verify [--json]",
	    "Check the audit trail's chain and name the first broken entry\n"
	    "(exit 1 when broken)." },
	{ "audit", "list", audit_list_cmd, READS,
	    "audit list [--limit N] [--json]",
	    "The newest entries of the audit trail (50 unless --limit)." },

	{ "help", NULL, cmd_help, 0, "help [COMMAND]",
	    "Show help for a command." },
};

#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

/* Print the overview. */
static void
print_overview(FILE *f)
{
	size_t i;

	fprintf(f, "sanctum %s: keep a support community safe before, during "
	    "and after a leak.\n\nusage: sanctum [--db PATH] [--key-file PATH] "
	    "[--passphrase-file PATH] COMMAND [ARGS]\n\n", SANCTUM_VERSION);
	for (i = 0; i < NCOMMANDS; i++)
		fprintf(f, "  sanctum %s\n", commands[i].synopsis);
	fprintf(f, "\nGlobal options (also SANCTUM_DB, SANCTUM_KEY_FILE, "
	    "SANCTUM_PASSPHRASE_FILE):\n"
	    "  --db PATH               the community database (sanctum.db)\n"
	    "  --key-file PATH         the master key file (DB.key)\n"
	    "  --passphrase-file PATH  read the passphrase from PATH\n"
	    "  --version               print the version\n\n"
	    "Exit status: 0 success, 1 failure, 2 usage error, 3 leak "
	    "found.\nSee `sanctum help COMMAND` and man sanctum.\n");
}

/* Print the help of command name (every row of it), or the overview.
** Returns code, or EXIT_USAGE when there is no such command. */
int
cli_help(const char *name, FILE *f, int code)
{
	size_t i;
	int found = 0;

	if (name == NULL) {
		print_overview(f);
		return code;
	}
	for (i = 0; i < NCOMMANDS; i++) {
		if (strcmp(commands[i].name, name) != 0)
			continue;
		fprintf(f, "%susage: sanctum %s\n\n%s\n", found ? "\n" : "",
		    commands[i].synopsis, commands[i].help);
		found = 1;
	}
	if (!found) {
		fprintf(stderr, "sanctum: no command %s\n", name);
		return EXIT_USAGE;
	}
	return code;
}

/* Say how to use command on stderr.  Returns EXIT_USAGE. */
int
cli_usage(struct cli *c, const char *command)
{
	(void)c;
	return cli_help(command, stderr, EXIT_USAGE);
}

/* Print "sanctum: MESSAGE" on stderr.  Returns EXIT_FAIL. */
int
cli_fail(const char *fmt, ...)
{
	va_list ap;

	fputs("sanctum: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return EXIT_FAIL;
}

/* Say something on standard output once the command's transaction has
** committed (at once for a command that does not write). */
void
cli_say(struct cli *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (c->said.cap)
		buf_vprintf(&c->said, fmt, ap);
	else
		vprintf(fmt, ap);
	va_end(ap);
}

/* Print a JSON value on standard output, indented, with a newline. */
void
cli_print_json(json_t *j)
{
	json_dumpf(j, stdout, JSON_INDENT(2));
	putchar('\n');
}

/* The name the audit trail gives the command line: "cli:" and the name
** of the operating-system account that runs the command (from the
** password database, not from $USER, which the caller controls and which
** is often unset under cron, systemd or su), or its uid when it has none. */
const char *
cli_actor(void)
{
	static char name[80];
	struct passwd pw, *res = NULL;
	char pbuf[4096];
	uid_t uid = geteuid();

	if (getpwuid_r(uid, &pw, pbuf, sizeof(pbuf), &res) == 0 && res &&
	    res->pw_name[0])
		snprintf(name, sizeof(name), "cli:%s", res->pw_name);
	else
		snprintf(name, sizeof(name), "cli:uid %lu", (unsigned long)uid);
	return name;
}

/* The community the dispatcher opened: one per process. */
static struct app opened;

/* Give c the gate of the community in opened, acting for the account
** that runs the command, with every right (it holds the key).  Returns 0
** or -1 with err filled. */
static int
cli_gate(struct cli *c, char *err)
{
	c->db = opened.db;
	c->opened = 1;
	if (opened.kr == NULL)
		return 0;
	c->gate = gate_new(opened.db, opened.kr);
	if (c->gate == NULL) {
		err_set(err, "out of memory");
		return -1;
	}
	gate_set_actor(c->gate, 0, cli_actor(), ROLE_ADMIN);
	return 0;
}

/* Open the community of the global options, with its key when need_key,
** for a command that decides by its own options (scan).  Returns 0 or -1
** with err filled. */
int
cli_open_community(struct cli *c, int need_key, char *err)
{
	if ((need_key ? app_open(&c->opts, &opened, err) :
	    app_open_db(&c->opts, &opened, err)) != 0)
		return -1;
	return cli_gate(c, err);
}

/* Create the community of the global options and open it (init, demo).
** Returns 0 or -1 with err filled. */
int
cli_create_community(struct cli *c, char *err)
{
	if (app_create(&c->opts, &opened, err) != 0)
		return -1;
	return cli_gate(c, err);
}

/* The community the running command opened (its database and key),
** for the commands that copy it whole (admin/backup.h). */
const struct app *
cli_app(void)
{
	return &opened;
}

/* Close what cli_open_community or cli_create_community opened. */
static void
cli_close(struct cli *c)
{
	if (!c->opened)
		return;
	gate_free(c->gate);
	app_close(&opened);
	c->gate = NULL;
	c->db = NULL;
	c->opened = 0;
}

/* Open what the running command's row declares: the community, its key,
** and for a command that writes, its transaction.  A handler calls it
** once its arguments are checked.  Returns EXIT_OK, or EXIT_FAIL after
** saying why. */
int
cli_open(struct cli *c)
{
	const struct command *cmd = c->cmd;
	char err[ERR_MAX];

	if (c->opened || !(cmd->flags & (CMD_COMMUNITY | CMD_KEY)))
		return EXIT_OK;
	if (cli_open_community(c, (cmd->flags & CMD_KEY) != 0, err) != 0)
		return cli_fail("%s", err);
	if ((cmd->flags & CMD_WRITES) && gate_begin(c->gate) != 0)
		return cli_fail("%s: the database is busy: %s", cmd->name,
		    db_error(c->db));
	return EXIT_OK;
}

/* Run cmd (argv[0] is its subcommand or name).  When it wrote, commit its
** transaction if it succeeded (and print what it said with cli_say), or
** roll it back; then close what was opened.  Returns the exit code. */
int
cli_run(struct cli *c, const struct command *cmd, int argc, char **argv)
{
	int rc;

	c->cmd = cmd;
	if (cmd->flags & CMD_WRITES)
		buf_init(&c->said, (size_t)1 << 20);
	rc = cmd->fn(c, argc, argv);
	if ((cmd->flags & CMD_WRITES) && c->opened) {
		if (rc == EXIT_OK && gate_commit(c->gate) != 0)
			rc = cli_fail("%s: nothing was saved: %s", cmd->name,
			    db_error(c->db));
		else if (rc != EXIT_OK)
			gate_rollback(c->gate);
		if (rc == EXIT_OK && c->said.len)
			fwrite(c->said.data, 1, c->said.len, stdout);
	}
	/* what was said may hold a password shown once */
	if (c->said.data)
		explicit_bzero(c->said.data, c->said.alloc);
	buf_free(&c->said);
	memset(&c->said, 0, sizeof(c->said));
	cli_close(c);
	return rc;
}

/* sanctum help [COMMAND] */
static int
cmd_help(struct cli *c, int argc, char **argv)
{
	(void)c;
	return cli_help(argc > 1 ? argv[1] : NULL, stdout, EXIT_OK);
}

/* sanctum init [--name NAME] [--passphrase] */
static int
cmd_init(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "name", required_argument, NULL, 'n' },
		{ "passphrase", no_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 }
	};
	char err[ERR_MAX], kpath[1100];
	int ch, rc;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch == 'p')
			c->opts.passphrase = 1;
		else if (ch == 'n')
			c->opts.community_name = optarg;
		else
			return cli_usage(c, "init");
	}
	if (optind != argc)
		return cli_usage(c, "init");
	if (cli_create_community(c, err) != 0)
		return cli_fail("init: %s", err);
	rc = gate_begin(c->gate) == 0 && gate_audit(c->gate, "community.create",
	    c->opts.db_path, c->opts.passphrase ? "key from a passphrase" :
	    "key file") == 0 && gate_commit(c->gate) == 0 ? 0 : -1;
	if (rc != 0)
		gate_rollback(c->gate);
	cli_close(c);
	if (rc != 0)
		return cli_fail("init: cannot start the audit trail");
	printf("created community database %s\n", c->opts.db_path);
	if (!c->opts.passphrase)
		printf("created master key %s (mode 0600): keep it apart from "
		    "the database and back it up\n",
		    app_key_path(&c->opts, kpath, sizeof(kpath)));
	return EXIT_OK;
}

/* The row of command name with subcommand sub (NULL when it has none),
** or NULL. */
const struct command *
cli_find(const char *name, const char *sub)
{
	size_t i;

	for (i = 0; i < NCOMMANDS; i++) {
		if (strcmp(commands[i].name, name) != 0)
			continue;
		if (commands[i].sub == NULL ||
		    (sub && strcmp(commands[i].sub, sub) == 0))
			return &commands[i];
	}
	return NULL;
}
