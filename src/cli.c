/*
** cli.c: the table of subcommands, with their synopsis and help, and the
** helpers every command handler shares.
**
** Like git's commands[], each subcommand is one row: its name, its
** handler, its synopsis and its help; `sanctum help`, `--help` and usage
** errors all print from this one table.  main.c parses the global options
** and dispatches through cli_find.
*/
#include "cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin/audit.h"
#include "admin/tokens.h"
#include "admin/users.h"
#include "community/demo.h"
#include "community/post.h"
#include "detect/index.h"
#include "detect/scan.h"
#include "import/import.h"
#include "prevention/groups.h"
#include "util/util.h"
#include "web/guard.h"
#include "web/serve.h"

/* A macro's value as a string literal (for the help texts). */
#define CLI_STR_(x) #x
#define CLI_STR(x) CLI_STR_(x)

static int cmd_help(struct cli *c, int argc, char **argv);
static int cmd_init(struct cli *c, int argc, char **argv);

static const struct command commands[] = {
	{ "init", cmd_init, "init [--name NAME] [--passphrase]",
	    "Create a new community database and a new random master key.\n"
	    "The key goes to a separate file, DB.key unless --key-file says\n"
	    "otherwise, with mode 0600; keep it apart from the database and\n"
	    "back it up: without it the sealed content cannot be read.\n"
	    "  --name NAME     the community's name (used by monitoring)\n"
	    "  --passphrase    derive the key from a passphrase (Argon2id)\n"
	    "                  instead of a key file; it is asked for on the\n"
	    "                  terminal or read from --passphrase-file" },
	{ "user", users_cmd, "user add NAME --role ROLE [--generate] | "
	    "user list [--json] | user disable NAME | user enable NAME",
	    "Manage the people who log in to the console.\n"
	    "  add NAME --role admin|moderator|supporter|member\n"
	    "                  the password is read from standard input when\n"
	    "                  it is not a terminal, and asked for otherwise;\n"
	    "                  --generate makes a random one, prints it once\n"
	    "                  and requires a change at first login; a\n"
	    "                  member's name is their pseudonym, and adding\n"
	    "                  one makes the member NAME (or gives an account\n"
	    "                  to the imported member NAME)\n"
	    "  list [--json]   everyone, with role and state\n"
	    "  disable NAME    stop NAME logging in and end their sessions\n"
	    "  enable NAME     let NAME log in again" },
	{ "token", tokens_cmd, "token create --user NAME LABEL | token list "
	    "[--json] | token revoke ID",
	    "Manage API bearer tokens for automation.  A new token is shown\n"
	    "once; only its keyed hash is kept.  Use it as\n"
	    "  Authorization: Bearer snt_...\n"
	    "on requests under /api/v1." },
	{ "group", groups_cmd, "group add NAME [--capacity N] | group list "
	    "[--json]",
	    "Manage the community's support groups.  Names may be written in\n"
	    "any script.\n"
	    "  add NAME        make a group; --capacity N sets how many people\n"
	    "                  it holds: " CLI_STR(GROUPS_DEFAULT_CAPACITY)
	    " by default, 2 to " CLI_STR(GROUPS_MAX_CAPACITY) " (support groups "
	    "stay\n"
	    "                  under 15 people; nothing raises that)\n"
	    "  list [--json]   every group with how many belong to it now\n"
	    "Imports make groups too: channels, categories, subreddits." },
	{ "import", import_cmd, "import --format discord|discourse|slack|"
	    "reddit|jsonl|csv PATH",
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
	    "as Pushshift's dumps come).  A progress bar shows on standard\n"
	    "error when it is a terminal." },
	{ "post", post_cmd, "post add --group G --author PSEUDONYM [--cw LABELS] "
	    "[--anonymous] | post edit POST | post delete POST",
	    "Write, edit or delete a post (the text comes on standard input).\n"
	    "The body is sealed and the leak detector's fingerprints follow:\n"
	    "an edited post matches its new text, a deleted post matches\n"
	    "nothing and its body is erased.  Each is in the audit trail.\n"
	    "  --group G         a group (`sanctum group list`; `group add`)\n"
	    "  --author NAME     a member's pseudonym (`sanctum user add NAME\n"
	    "                    --role member` makes one; imports bring more)\n"
	    "  --cw LABELS       content-warning labels, e.g. \"grief, self-harm\"\n"
	    "  --anonymous       other members see \"anonymous member\"\n"
	    "POST is the post's number, as `scan` and the console show it, or\n"
	    "FORMAT:ID, the id an imported post had in its export (for\n"
	    "example jsonl:m1 or discord:1098765432109876543)." },
	{ "scan", scan_cmd, "scan [--json] [--threshold X] [--index FILE] "
	    "[--lang L] [--min-fps N] [--min-words N] [--stats] SOURCE...",
	    "Look for this community's posts in outside material.  A SOURCE is\n"
	    "a file, a directory (scanned recursively), an http(s) URL, or -\n"
	    "for standard input.  Plain text, HTML (text and alt text), JSON\n"
	    "(string values) and images (PNG, JPEG, WebP, read with Tesseract\n"
	    "OCR) are understood.\n"
	    "  --json         one JSON object per source: source, kind, leaked,\n"
	    "                 matches [{post, group, author, anonymous,\n"
	    "                 coverage, fingerprints, spans [[start, end]]}];\n"
	    "                 post is the post's number (as `post edit` and\n"
	    "                 the console take it), spans are character\n"
	    "                 offsets in the extracted text; group, author\n"
	    "                 and anonymous come from the database, so a\n"
	    "                 scan with --index has none\n"
	    "  --threshold X  report only posts with at least this share found\n"
	    "  --index FILE   scan with an exported index (no database needed)\n"
	    "  --lang L       OCR languages, e.g. eng+deu (default eng)\n"
	    "  --min-fps N    evidence needed: distinct fingerprints ("
	    CLI_STR(SCAN_MIN_FPS) ")\n"
	    "  --min-words N  evidence needed: words their k-grams span ("
	    CLI_STR(SCAN_MIN_WORDS) ")\n"
	    "  --stats        print index size and scan speed on stderr\n"
	    "Exit status: 0 nothing found, 3 a leak was found, 1 an error\n"
	    "(with no leak found)." },
	{ "index", index_cmd, "index export FILE | index rebuild | index stats",
	    "The fingerprint index.  export writes it as a standalone read-only\n"
	    "file for `scan --index` on another machine: it carries the\n"
	    "fingerprint sub-key (never the master key), no text and no names\n"
	    "(scan --index reports post numbers only), but it is\n"
	    "a secret, since whoever holds it can test guessed sentences.\n"
	    "rebuild re-fingerprints every post; stats prints its size." },
	{ "serve", serve_cmd, "serve [--listen HOST:PORT] [--max-body BYTES] "
	    "[--idle-timeout S] [--session-lifetime S] [--threads N] "
	    "[--request-timeout S] [--max-connections N] "
	    "[--max-per-address N] "
	    "[--tls-cert PEM --tls-key PEM] [--secure-cookies]",
	    "Serve the console and the JSON API (loopback by default).\n"
	    "  --listen HOST:PORT     default 127.0.0.1:8080\n"
	    "  --max-body BYTES       larger request bodies get 413 (10485760)\n"
	    "  --allow-private-fetch  let console scans fetch loopback and\n"
	    "                         private addresses (refused by default)\n"
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
	    "It refuses to start unless the key opens the database." },
	{ "demo", demo_cmd, "demo [--dir DIR] [--listen HOST:PORT] [--no-serve]",
	    "Create a demo community (fictional members, small groups and\n"
	    "posts, an open incident and a care case) in DIR, or in a new\n"
	    "temporary folder, print the demo admin's login, and serve it.\n"
	    "It accepts the options of serve too." },
	{ "audit", audit_cmd, "audit verify [--json] | audit list [--limit N] "
	    "[--json]",
	    "Check the audit trail's chain and name the first broken entry\n"
	    "(exit 1 when broken), or list the newest entries." },
	{ "help", cmd_help, "help [COMMAND]", "Show help for a command." },
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

/* Print the help of command, or the overview.  Returns the exit code. */
int
cli_help(const char *name, FILE *f, int code)
{
	size_t i;

	if (name) {
		for (i = 0; i < NCOMMANDS; i++) {
			if (strcmp(commands[i].name, name) == 0) {
				fprintf(f, "usage: sanctum %s\n\n%s\n",
				    commands[i].synopsis, commands[i].help);
				return code;
			}
		}
		fprintf(stderr, "sanctum: no command %s\n", name);
		return EXIT_USAGE;
	}
	print_overview(f);
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
	struct app a;
	char err[ERR_MAX], kpath[1100];
	int i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--passphrase") == 0)
			c->opts.passphrase = 1;
		else if (strcmp(argv[i], "--name") == 0 && i + 1 < argc)
			c->opts.community_name = argv[++i];
		else
			return cli_usage(c, "init");
	}
	if (app_create(&c->opts, &a, err) != 0)
		return cli_fail("init: %s", err);
	app_close(&a);
	printf("created community database %s\n", c->opts.db_path);
	if (!c->opts.passphrase)
		printf("created master key %s (mode 0600): keep it apart from "
		    "the database and back it up\n",
		    app_key_path(&c->opts, kpath, sizeof(kpath)));
	return EXIT_OK;
}

/* The command called name, or NULL. */
const struct command *
cli_find(const char *name)
{
	size_t i;

	for (i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}
