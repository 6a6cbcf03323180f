/*
** codecheck.c: the project's own lint, run by `make lint` in every test
** run (Fossil's tools/codecheck1.c is the model).  It fails when:
**   - the SQL given to db_prepare or db_exec_literal is not a string
**     literal (values must be bound, never pasted into SQL),
**   - the format given to html_printf is not a string literal (so every
**     %s argument is escaped and no markup comes from data),
**   - SQLite is called outside src/store/,
**   - libsodium is included outside src/crypto/ (keys and secrets stay in
**     one module),
**   - a handler writes to a response (r->out) with anything but the HTML
**     writer, outside the few files that produce JSON or assets,
**   - a value is sealed or opened anywhere but the gateway
**     (src/core/gate.c), a post body is opened for the index anywhere but
**     src/detect/index.c, or the audit trail is appended anywhere but the
**     core (and the opening of a community in src/app.c),
**   - the keyring is named outside the code that holds it: src/crypto/,
**     src/core/, and what opens a community (src/app.c, src/cli.c),
**   - Landlock or seccomp is used outside src/util/sandbox.c (one place
**     decides what the server may do).
**
**     codecheck FILE.c...
*/
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int errors;

/* Read a whole file; NULL when it cannot be read. */
static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *p;
	long n;

	if (f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	p = malloc((size_t)n + 1);
	if (p == NULL || fread(p, 1, (size_t)n, f) != (size_t)n) {
		fclose(f);
		free(p);
		return NULL;
	}
	p[n] = '\0';
	fclose(f);
	return p;
}

/* The line number of position p in text. */
static int
line_of(const char *text, const char *p)
{
	int n = 1;

	for (; text < p; text++)
		if (*text == '\n')
			n++;
	return n;
}

/* Skip a string or character literal starting at p; returns the position
** after it. */
static const char *
skip_quoted(const char *p)
{
	char q = *p++;

	while (*p && *p != q) {
		if (*p == '\\' && p[1])
			p++;
		p++;
	}
	return *p ? p + 1 : p;
}

/* Find argument number n (from 1) of the call whose '(' is at open; sets
** *end to where it ends.  Returns its start or NULL. */
static const char *
call_arg(const char *open, int n, const char **end)
{
	const char *p = open + 1, *start = p;
	int depth = 0, arg = 1;

	while (*p) {
		if (*p == '"' || *p == '\'') {
			p = skip_quoted(p);
			continue;
		}
		if (*p == '(' || *p == '[' || *p == '{')
			depth++;
		else if ((*p == ')' || *p == ']' || *p == '}') && depth > 0)
			depth--;
		else if ((*p == ',' && depth == 0) || (*p == ')' && depth == 0)) {
			if (arg == n) {
				*end = p;
				return start;
			}
			if (*p == ')')
				return NULL;
			arg++;
			start = p + 1;
		}
		p++;
	}
	return NULL;
}

/* Is [p, end) only string literals, whitespace and comments? */
static int
only_literals(const char *p, const char *end)
{
	int saw = 0;

	while (p < end) {
		if (isspace((unsigned char)*p)) {
			p++;
		} else if (*p == '"') {
			p = skip_quoted(p);
			saw = 1;
		} else if (p[0] == '/' && p[1] == '*') {
			p = strstr(p + 2, "*/");
			if (p == NULL)
				return 0;
			p += 2;
		} else {
			return 0;
		}
	}
	return saw;
}

/* Report every call of name in text whose argument argn is not literal. */
static void
check_literal(const char *path, const char *text, const char *name, int argn)
{
	const char *p = text, *a, *end;
	size_t n = strlen(name);

	while ((p = strstr(p, name)) != NULL) {
		const char *after = p + n;
		int ident = p > text && (isalnum((unsigned char)p[-1]) ||
		    p[-1] == '_');
		p = after;
		if (ident || *after != '(')
			continue;
		/* skip the definition and declarations: "name(struct" */
		if (strncmp(after, "(struct", 7) == 0 ||
		    strncmp(after, "(const char", 11) == 0)
			continue;
		a = call_arg(after, argn, &end);
		if (a == NULL || !only_literals(a, end)) {
			fprintf(stderr, "%s:%d: %s needs a string literal as "
			    "argument %d\n", path, line_of(text, after), name,
			    argn);
			errors++;
		}
	}
}

/* Report any of needle in text with msg. */
static void
forbid(const char *path, const char *text, const char *needle,
    const char *msg)
{
	const char *p = text;

	while ((p = strstr(p, needle)) != NULL) {
		fprintf(stderr, "%s:%d: %s\n", path, line_of(text, p), msg);
		errors++;
		p += strlen(needle);
	}
}

int
main(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		const char *path = argv[i];
		char *text = slurp(path);

		if (text == NULL) {
			fprintf(stderr, "%s: cannot read\n", path);
			return 2;
		}
		check_literal(path, text, "db_prepare", 3);
		check_literal(path, text, "db_exec_literal", 2);
		check_literal(path, text, "html_printf", 2);
		if (strstr(path, "src/store/") == NULL)
			forbid(path, text, "sqlite3_", "SQLite is used only in "
			    "src/store/");
		if (strstr(path, "src/crypto/") == NULL)
			forbid(path, text, "<sodium.h>", "libsodium is used "
			    "only in src/crypto/");
		if (strstr(path, "src/crypto/") == NULL &&
		    strstr(path, "src/core/gate.c") == NULL) {
			forbid(path, text, "seal_text(", "values are sealed "
			    "only through the gateway (gate_seal)");
			forbid(path, text, "seal_open_text(", "sealed values "
			    "are opened only through the gateway (gate_open)");
		}
		if (strstr(path, "src/core/gate.c") == NULL &&
		    strstr(path, "src/detect/index.c") == NULL)
			forbid(path, text, "gate_open_for_index(", "only the "
			    "fingerprint index opens bodies without an entry "
			    "each");
		if (strstr(path, "src/core/gate.c") == NULL &&
		    strstr(path, "src/response/incident.c") == NULL &&
		    strstr(path, "src/response/outreach.c") == NULL &&
		    strstr(path, "src/response/takedown.c") == NULL &&
		    strstr(path, "src/response/announce.c") == NULL &&
		    strstr(path, "src/care/message.c") == NULL &&
		    strstr(path, "src/care/remind.c") == NULL &&
		    strstr(path, "src/detect/alert.c") == NULL &&
		    strstr(path, "src/detect/findings.c") == NULL)
			forbid(path, text, "gate_machine_read(", "only triage, "
			    "the mail senders, alerts, removal requests, the "
			    "incident from a finding and the announcement "
			    "guard read sealed values as a program");
		if (strstr(path, "src/core/") == NULL &&
		    strstr(path, "src/app.c") == NULL)
			forbid(path, text, "trail_append(", "the audit trail "
			    "is written through the gateway (gate_audit)");
		if (strstr(path, "src/crypto/") == NULL &&
		    strstr(path, "src/core/") == NULL &&
		    strstr(path, "src/app.c") == NULL &&
		    strstr(path, "src/cli.c") == NULL)
			forbid(path, text, "struct keyring", "handlers hold a "
			    "gate, never the keyring");
		if (strstr(path, "src/util/sandbox.c") == NULL) {
			forbid(path, text, "<seccomp.h>", "seccomp is used "
			    "only in src/util/sandbox.c");
			forbid(path, text, "<linux/landlock.h>", "Landlock is "
			    "used only in src/util/sandbox.c");
			forbid(path, text, "SYS_landlock_", "Landlock is used "
			    "only in src/util/sandbox.c");
			forbid(path, text, "PR_SET_SECCOMP", "seccomp is used "
			    "only in src/util/sandbox.c");
		}
		if (strstr(path, "src/web/html.c") == NULL &&
		    strstr(path, "src/web/server.c") == NULL &&
		    strstr(path, "src/web/static.c") == NULL) {
			forbid(path, text, "buf_printf(&r->out", "write pages "
			    "with html_printf");
			forbid(path, text, "buf_puts(&r->out", "write pages "
			    "with html_printf");
			forbid(path, text, "buf_append(&r->out", "write pages "
			    "with html_printf");
		}
		free(text);
	}
	if (errors) {
		fprintf(stderr, "codecheck: %d problem%s\n", errors,
		    errors == 1 ? "" : "s");
		printf("not ok 1 - codecheck\n");
		return 1;
	}
	printf("ok 1 - codecheck: literal SQL and HTML formats, one module "
	    "each for SQLite, libsodium and the sandbox, sealed values and the "
	    "keyring behind the gateway\n");
	return 0;
}
