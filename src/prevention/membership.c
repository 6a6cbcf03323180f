/*
** membership.c: applications, their decisions, activation and
** invitations, and `sanctum membership ...`.  See membership.h.
*/
#include "membership.h"

#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../admin/users.h"
#include "../cli.h"
#include "../core/gate.h"
#include "../core/throttle.h"
#include "../crypto/digest.h"
#include "../crypto/password.h"
#include "../store/community.h"
#include "../store/db.h"
#include "../store/membership.h"
#include "../store/prevention.h"
#include "../util/util.h"
#include "pledge.h"
#include "pseudonym.h"

#define MODE_KEY "membership.mode"
#define QUESTIONS_KEY "membership.questions"
#define QUESTIONS_MAX_BYTES 4000

/* The questions every application asks unless the community set its
** own: gentle, and none of them obliges anyone to disclose anything. */
static const char default_questions[] =
    "What brings you to this community?\n"
    "Is there anything you would like the moderators to know, for example "
    "what feels safe for you to talk about? (optional)\n";

/* The membership mode: MEMBERSHIP_OPEN (anyone may apply) unless set. */
int
membership_mode(struct db *db)
{
	char v[32];
	size_t n = 0;

	if (db_meta_get(db, MODE_KEY, v, sizeof(v) - 1, &n) != DB_ROW)
		return MEMBERSHIP_OPEN;
	v[n] = '\0';
	return strcmp(v, "invited") == 0 ? MEMBERSHIP_INVITED : MEMBERSHIP_OPEN;
}

/* Set the mode, audited, in one part of the caller's transaction.
** Returns 0 or -1 with err. */
int
membership_set_mode(struct gate *g, enum membership_mode m, char *err)
{
	const char *v = m == MEMBERSHIP_INVITED ? "invited" : "open";

	if (gate_begin(g) != 0 || db_meta_set(gate_db(g), MODE_KEY, v,
	    strlen(v)) != 0 || gate_audit(g, "membership.mode", v, "") != 0 ||
	    gate_commit(g) != 0) {
		gate_rollback(g);
		err_set(err, "cannot save: %s", db_error(gate_db(g)));
		return -1;
	}
	return 0;
}

/* The community's questions, one a line, into store (cap bytes), with q[]
** pointing at each.  Returns how many (at least one), or -1. */
int
membership_questions(struct db *db, char **q, int max, char *store,
    size_t cap)
{
	size_t n = 0;
	char *p, *nl;
	int k = 0, rc;

	rc = db_meta_get(db, QUESTIONS_KEY, store, cap - 1, &n);
	if (rc < 0)
		return -1;
	if (rc != DB_ROW || n == 0) {
		snprintf(store, cap, "%s", default_questions);
		n = strlen(store);
	}
	store[n] = '\0';
	for (p = store; *p && k < max; p = nl + 1) {
		nl = strchr(p, '\n');
		if (nl)
			*nl = '\0';
		if (*p)
			q[k++] = p;
		if (nl == NULL)
			break;
	}
	return k;
}

/* Set the community's questions (one a line, at most
** MEMBERSHIP_QUESTIONS_MAX; empty: the defaults), audited.  Returns 0 or
** -1 with err. */
int
membership_set_questions(struct gate *g, const char *text, char *err)
{
	size_t n = strlen(text), lines = 0, i;

	for (i = 0; i < n; i++)
		lines += text[i] == '\n' || i + 1 == n;
	if (n > QUESTIONS_MAX_BYTES || !util_valid_text(text, n) ||
	    lines > MEMBERSHIP_QUESTIONS_MAX) {
		err_set(err, "questions are up to %d lines of text, %d bytes in "
		    "all", MEMBERSHIP_QUESTIONS_MAX, QUESTIONS_MAX_BYTES);
		return -1;
	}
	if (gate_begin(g) != 0 || db_meta_set(gate_db(g), QUESTIONS_KEY, text,
	    n) != 0 || gate_audit(g, "membership.questions", "", "") != 0 ||
	    gate_commit(g) != 0) {
		gate_rollback(g);
		err_set(err, "cannot save: %s", db_error(gate_db(g)));
		return -1;
	}
	return 0;
}

/* Is s absent or text of at most max bytes?  Empty counts as absent. */
static int
ok_text(const char *s, size_t max)
{
	return s == NULL || (strlen(s) <= max && util_valid_text(s, strlen(s)));
}

/* The answers as sealed JSON: [{"question", "answer"}...]. */
static char *
answers_json(struct db *db, const struct application_form *f)
{
	char store[QUESTIONS_MAX_BYTES + 1], *q[MEMBERSHIP_QUESTIONS_MAX], *s;
	json_t *arr = json_array();
	int n = membership_questions(db, q, MEMBERSHIP_QUESTIONS_MAX, store,
	    sizeof(store)), i;

	for (i = 0; i < n; i++)
		json_array_append_new(arr, json_pack("{s:s, s:s}", "question",
		    q[i], "answer", f->answers[i] ? f->answers[i] : ""));
	s = json_dumps(arr, JSON_COMPACT);
	json_decref(arr);
	return s;
}

/* Count an answer that a name is in use, from address (or NULL) and
** towards the ceiling for all: each tells a visitor that a name exists
** here, so no one may ask about name after name.  In a transaction of its
** own, after the refused application's was rolled back. */
static void
count_name_in_use(struct gate *g, const char *address, int64_t now)
{
	if (gate_begin(g) != 0)
		return;
	if (address)
		(void)throttle_count(g, "apply-name", address,
		    MEMBERSHIP_NAMES_PER_ADDRESS, now);
	(void)throttle_count(g, "apply-all", "", MEMBERSHIP_TRIES_ALL, now);
	if (gate_commit(g) != 0)
		gate_rollback(g);
}

/* Take in an application, in one part of the caller's transaction.  Sets
** code to the applicant's status code (shown to them once) and *id.
** Returns MEMBERSHIP_OK, or why it was refused (then nothing is kept). */
enum membership_refusal
membership_apply(struct gate *g, const struct application_form *f,
    char code[TOKEN_LEN + 1], int64_t *id)
{
	struct db *db = gate_db(g);
	char nfc[PSEUDONYM_MAX + 1], like[PSEUDONYM_MAX + 1], *answers = NULL;
	uint8_t hash[TOKEN_HASH_BYTES], d[DIGEST_BYTES], ih[TOKEN_HASH_BYTES];
	uint8_t *sc = NULL, *sa = NULL;
	size_t scn = 0, san = 0;
	struct pledge p;
	int64_t inv = 0, recent = 0, wait = 0, other, now = util_now();
	enum membership_refusal why = MEMBERSHIP_FAILED;
	int i;

	if (!ok_text(f->contact, MEMBERSHIP_CONTACT_MAX))
		return MEMBERSHIP_INVALID;
	for (i = 0; i < MEMBERSHIP_QUESTIONS_MAX; i++)
		if (!ok_text(f->answers[i], MEMBERSHIP_ANSWER_MAX))
			return MEMBERSHIP_INVALID;
	if (pseudonym_normalize(f->pseudonym, nfc, sizeof(nfc)) != 0)
		return MEMBERSHIP_NAME;
	if (f->pledge_version <= 0)
		return MEMBERSHIP_NO_PLEDGE;
	if (pledge_current(db, &p) != 0)
		return MEMBERSHIP_FAILED;
	if (p.version != f->pledge_version) {
		pledge_free(&p);
		return MEMBERSHIP_PLEDGE_CHANGED;
	}
	digest_text(p.body, strlen(p.body), d);
	if (gate_begin(g) != 0) {
		pledge_free(&p);
		return MEMBERSHIP_FAILED;
	}
	/* floods: from one address, and from all together */
	if ((f->address && (throttle_locked(g, "apply", f->address, now,
	    &wait) || throttle_locked(g, "apply-name", f->address, now,
	    &wait))) || throttle_locked(g, "apply-all", "", now, &wait)) {
		why = MEMBERSHIP_FLOOD;
		goto refuse;
	}
	if (membership_applications_since(db, now - 3600, &recent) != 0)
		goto refuse;
	if (recent >= MEMBERSHIP_PER_HOUR) {
		wait = 3600;	/* at most: the oldest of the hour's goes */
		why = MEMBERSHIP_FLOOD;
		goto refuse;
	}
	if (f->invitation && f->invitation[0]) {
		gate_token_hash(g, f->invitation, ih);
		if (membership_invitation_valid(db, ih, sizeof(ih), util_now(),
		    &inv) != 1)
			inv = 0;
	}
	if (membership_mode(db) == MEMBERSHIP_INVITED && inv == 0) {
		why = MEMBERSHIP_NO_INVITATION;
		goto refuse;
	}
	switch (pseudonym_lookalike(db, nfc, like, sizeof(like))) {
	case 0:
		break;
	case 1:
		why = MEMBERSHIP_TAKEN;
		goto refuse;
	default:
		goto refuse;
	}
	/* the very name in use: the look-alike check lets that through */
	if (community_member_by_pseudonym(db, nfc, &other) != 0 ||
	    membership_application_name_taken(db, nfc) != 0) {
		why = MEMBERSHIP_TAKEN;
		goto refuse;
	}
	token_new(code);
	gate_token_hash(g, code, hash);
	if (membership_application_add(db, nfc, p.version, d, sizeof(d), inv,
	    hash, sizeof(hash), util_now(), id) != 0)
		goto refuse;
	if (f->contact && f->contact[0] && (sc = gate_seal(g,
	    SEALED_APPLICATION_CONTACT, *id, f->contact, &scn)) == NULL)
		goto refuse;
	if ((answers = answers_json(db, f)) == NULL || (sa = gate_seal(g,
	    SEALED_APPLICATION_ANSWERS, *id, answers, &san)) == NULL)
		goto refuse;
	if (membership_application_seal(db, *id, sc, scn, sa, san) != 0 ||
	    (inv && membership_invitation_use(db, inv) != 0))
		goto refuse;
	/* this one counts towards the address's limit and the ceiling for
	** all (the count's answer, whether the next is refused, matters
	** only then) */
	if (f->address)
		(void)throttle_count(g, "apply", f->address,
		    MEMBERSHIP_PER_ADDRESS, now);
	(void)throttle_count(g, "apply-all", "", MEMBERSHIP_TRIES_ALL, now);
	if (gate_audit(g, "application.submit", nfc, inv ? "invited" : "") != 0
	    || gate_commit(g) != 0)
		goto refuse;
	why = MEMBERSHIP_OK;
	goto done;
refuse:
	gate_rollback(g);
	explicit_bzero(code, TOKEN_LEN + 1);
	if (why == MEMBERSHIP_TAKEN)
		count_name_in_use(g, f->address, now);
	if (why == MEMBERSHIP_FLOOD && f->wait)
		*f->wait = wait > 0 ? wait : THROTTLE_WINDOW;
done:
	if (answers) {
		explicit_bzero(answers, strlen(answers));
		free(answers);
	}
	free(sc);
	free(sa);
	pledge_free(&p);
	return why;
}

/* An application row, copied out of its callback. */
struct app_copy {
	int found;
	int64_t id, created_at, pledge_version, member_id;
	char pseudonym[PSEUDONYM_MAX + 1], status[16];
	char message[MEMBERSHIP_MESSAGE_MAX + 1];
	void *contact;
	size_t contact_len;
};

static int
copy_app(void *ctx, const struct application_row *a)
{
	struct app_copy *c = ctx;

	c->found = 1;
	c->id = a->id;
	c->created_at = a->created_at;
	c->pledge_version = a->pledge_version;
	c->member_id = a->member_id;
	snprintf(c->pseudonym, sizeof(c->pseudonym), "%s", a->pseudonym);
	snprintf(c->status, sizeof(c->status), "%s", a->status);
	snprintf(c->message, sizeof(c->message), "%s", a->message);
	if (a->contact && a->contact_len &&
	    (c->contact = malloc(a->contact_len)) != NULL) {
		memcpy(c->contact, a->contact, a->contact_len);
		c->contact_len = a->contact_len;
	}
	return 1;
}

/* Approve (approve set) or decline pending application id with message,
** in one part of the caller's transaction.  An approval makes the member,
** moves the contact details to them unread and keeps their acceptance of
** the pledge.  Returns 0, 1 when it was not pending, or -1 with err. */
int
membership_decide(struct gate *g, int64_t id, int approve,
    const char *message, char *err)
{
	struct db *db = gate_db(g);
	struct app_copy a;
	struct pledge p;
	uint8_t *sc = NULL;
	char like[PSEUDONYM_MAX + 1];
	size_t scn = 0;
	int64_t mid = 0, v;
	int rc = -1;

	memset(&a, 0, sizeof(a));
	memset(&p, 0, sizeof(p));
	if (!ok_text(message, MEMBERSHIP_MESSAGE_MAX)) {
		err_set(err, "a message is up to %d bytes of text",
		    MEMBERSHIP_MESSAGE_MAX);
		return -1;
	}
	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	if (membership_application_get(db, id, copy_app, &a) < 0)
		goto fail;
	if (!a.found || strcmp(a.status, "pending") != 0) {
		gate_rollback(g);
		free(a.contact);
		err_set(err, "application %lld is not waiting for a decision",
		    (long long)id);
		return 1;
	}
	if (approve) {
		/* a name taken since they applied cannot be given twice */
		if (pseudonym_lookalike(db, a.pseudonym, like, sizeof(like))
		    == 1 || community_member_by_pseudonym(db, a.pseudonym, &v)
		    != 0) {
			gate_rollback(g);
			free(a.contact);
			err_set(err, "the name %s is in use now; decline with a "
			    "message asking them to apply under another",
			    a.pseudonym);
			return -1;
		}
		if (community_member_add(db, a.pseudonym, 0, util_now(), &mid)
		    != 0)
			goto fail;
		if (a.contact && (sc = gate_reseal(g,
		    SEALED_APPLICATION_CONTACT, id, a.contact, a.contact_len,
		    SEALED_MEMBER_CONTACT, mid, &scn, err)) == NULL)
			goto fail;
		if (sc && community_member_seal_contact(db, mid, sc, scn, NULL,
		    0) != 0)
			goto fail;
		/* the pledge they accepted when they applied, if it is still
		** the one in force; otherwise they are asked for the new one */
		if (pledge_current(db, &p) != 0)
			goto fail;
		if (p.version == a.pledge_version &&
		    pledge_keep_acceptance(g, mid, &v) != 0)
			goto fail;
	}
	if (membership_application_decide(db, id, approve ? "approved" :
	    "declined", message ? message : "", gate_actor(g)->name,
	    util_now(), mid) != 0 || gate_audit(g, approve ?
	    "application.approve" : "application.decline", a.pseudonym, "")
	    != 0 || gate_commit(g) != 0)
		goto fail;
	rc = 0;
	goto done;
fail:
	gate_rollback(g);
	if (err[0] == '\0')
		err_set(err, "cannot save: %s", db_error(db));
done:
	free(a.contact);
	free(sc);
	pledge_free(&p);
	return rc;
}

/* The applicant with status code code asks how their application stands
** (st); an approved one gets a fresh one-time activation link, which
** replaces any earlier one.  Returns 1, 0 for no such code, or -1. */
int
membership_check(struct gate *g, const char *code,
    struct membership_status *st)
{
	struct db *db = gate_db(g);
	uint8_t hash[TOKEN_HASH_BYTES], lh[TOKEN_HASH_BYTES];
	struct app_copy a;
	int rc;

	memset(st, 0, sizeof(*st));
	memset(&a, 0, sizeof(a));
	if (code == NULL || strlen(code) != TOKEN_LEN)
		return 0;
	gate_token_hash(g, code, hash);
	rc = membership_application_by_check(db, hash, sizeof(hash), copy_app,
	    &a);
	free(a.contact);
	if (rc < 0)
		return -1;
	if (!a.found)
		return 0;
	snprintf(st->status, sizeof(st->status), "%s", a.status);
	snprintf(st->pseudonym, sizeof(st->pseudonym), "%s", a.pseudonym);
	snprintf(st->message, sizeof(st->message), "%s", a.message);
	if (strcmp(a.status, "approved") != 0)
		return 1;
	token_new(st->link);
	gate_token_hash(g, st->link, lh);
	if (gate_begin(g) != 0)
		return -1;
	if (membership_application_set_activation(db, a.id, lh, sizeof(lh),
	    util_now() + 86400 * MEMBERSHIP_LINK_DAYS) != 0 ||
	    gate_audit(g, "application.link", a.pseudonym, "") != 0 ||
	    gate_commit(g) != 0) {
		gate_rollback(g);
		st->link[0] = '\0';
		return -1;
	}
	return 1;
}

/* Use a one-time activation link: the approved member's account is made
** with password (their name is their pseudonym, into name).  Returns 0,
** 1 when the link is unknown, used or expired, or -1 with err. */
int
membership_activate(struct gate *g, const char *token, const char *password,
    char *name, size_t cap, char *err)
{
	struct db *db = gate_db(g);
	uint8_t hash[TOKEN_HASH_BYTES];
	int64_t id, mid;
	int rc;

	if (token == NULL || strlen(token) != TOKEN_LEN) {
		err_set(err, "that link is not one of ours");
		return 1;
	}
	if (password == NULL || strlen(password) < PASSWORD_MIN ||
	    strlen(password) > PASSWORD_MAX) {
		err_set(err, "a password needs at least %d characters",
		    PASSWORD_MIN);
		return -1;
	}
	gate_token_hash(g, token, hash);
	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	rc = membership_application_activate(db, hash, sizeof(hash),
	    util_now(), &id, &mid);
	if (rc != 1) {
		gate_rollback(g);
		err_set(err, rc == 0 ? "that link has been used, has expired "
		    "or is not one of ours" : "cannot read the application");
		return rc == 0 ? 1 : -1;
	}
	if (community_member_name(db, mid, name, cap) != 1 ||
	    users_add(g, name, ROLE_MEMBER, password, 0, err) != 0 ||
	    gate_commit(g) != 0) {
		gate_rollback(g);
		if (err[0] == '\0')
			err_set(err, "cannot save: %s", db_error(db));
		return -1;
	}
	return 0;
}

/* Make an invitation usable uses times within days, with a note for the
** moderators.  Sets token (shown once).  Returns 0 or -1 with err. */
int
membership_invite(struct gate *g, int days, int uses, const char *note,
    char token[TOKEN_LEN + 1], int64_t *id, char *err)
{
	uint8_t hash[TOKEN_HASH_BYTES];
	char target[32];

	if (days < 1 || days > 90 || uses < 1 || uses > 100) {
		err_set(err, "an invitation lasts 1 to 90 days, for 1 to 100 "
		    "people");
		return -1;
	}
	if (!ok_text(note, 200)) {
		err_set(err, "a note is up to 200 bytes of text");
		return -1;
	}
	token_new(token);
	gate_token_hash(g, token, hash);
	if (gate_begin(g) != 0 || membership_invitation_add(gate_db(g), hash,
	    sizeof(hash), note ? note : "", gate_actor(g)->name, util_now(),
	    util_now() + 86400 * (int64_t)days, uses, id) != 0) {
		gate_rollback(g);
		err_set(err, "cannot save: %s", db_error(gate_db(g)));
		return -1;
	}
	snprintf(target, sizeof(target), "invitation %lld", (long long)*id);
	if (gate_audit(g, "invitation.create", target, "") != 0 ||
	    gate_commit(g) != 0) {
		gate_rollback(g);
		err_set(err, "cannot save: %s", db_error(gate_db(g)));
		return -1;
	}
	return 0;
}

/* Is token a usable invitation now?  Returns 1 or 0. */
int
membership_valid_invitation(struct gate *g, const char *token)
{
	uint8_t hash[TOKEN_HASH_BYTES];
	int64_t id;

	if (token == NULL || strlen(token) != TOKEN_LEN)
		return 0;
	gate_token_hash(g, token, hash);
	return membership_invitation_valid(gate_db(g), hash, sizeof(hash),
	    util_now(), &id) == 1;
}

/* sanctum membership mode [open|invited] */
int
membership_mode_cmd(struct cli *c, int argc, char **argv)
{
	char err[ERR_MAX];
	int rc, m;

	if (argc > 2 || (argc == 2 && strcmp(argv[1], "open") != 0 &&
	    strcmp(argv[1], "invited") != 0))
		return cli_usage(c, "membership");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (argc == 1) {
		printf("%s\n", membership_mode(c->db) == MEMBERSHIP_INVITED ?
		    "invited: an application needs an invitation" :
		    "open: anyone may apply");
		return EXIT_OK;
	}
	m = strcmp(argv[1], "invited") == 0 ? MEMBERSHIP_INVITED :
	    MEMBERSHIP_OPEN;
	if (membership_set_mode(c->gate, m, err) != 0)
		return cli_fail("membership: %s", err);
	cli_say(c, "membership is %s now\n", argv[1]);
	return EXIT_OK;
}

/* sanctum membership questions [FILE|-] */
int
membership_questions_cmd(struct cli *c, int argc, char **argv)
{
	char err[ERR_MAX], store[QUESTIONS_MAX_BYTES + 2];
	char *q[MEMBERSHIP_QUESTIONS_MAX];
	FILE *f;
	size_t n;
	int rc, k, i;

	if (argc > 2)
		return cli_usage(c, "membership");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (argc == 1) {
		k = membership_questions(c->db, q, MEMBERSHIP_QUESTIONS_MAX,
		    store, sizeof(store));
		if (k < 0)
			return cli_fail("membership: cannot read the questions");
		for (i = 0; i < k; i++)
			printf("%d. %s\n", i + 1, q[i]);
		return EXIT_OK;
	}
	f = strcmp(argv[1], "-") == 0 ? stdin : fopen(argv[1], "rb");
	if (f == NULL)
		return cli_fail("membership: cannot open %s", argv[1]);
	n = fread(store, 1, sizeof(store) - 1, f);
	if (f != stdin)
		fclose(f);
	store[n] = '\0';
	if (n > QUESTIONS_MAX_BYTES || strlen(store) != n)
		return cli_fail("membership: questions are up to %d bytes of "
		    "text", QUESTIONS_MAX_BYTES);
	if (membership_set_questions(c->gate, store, err) != 0)
		return cli_fail("membership: %s", err);
	cli_say(c, "the application form asks these questions now\n");
	return EXIT_OK;
}

/* sanctum membership invite [--days N] [--uses N] [--note TEXT] */
int
membership_invite_cmd(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "days", required_argument, NULL, 'd' },
		{ "uses", required_argument, NULL, 'u' },
		{ "note", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 }
	};
	char err[ERR_MAX], token[TOKEN_LEN + 1];
	const char *note = "";
	long long v;
	int64_t id;
	int ch, rc, days = 14, uses = 1;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch == 'n') {
			note = optarg;
			continue;
		}
		if ((ch != 'd' && ch != 'u') ||
		    util_parse_int(optarg, 0, 100000, &v) != 0)
			return cli_usage(c, "membership");
		if (ch == 'd')
			days = (int)v;
		else
			uses = (int)v;
	}
	if (optind != argc)
		return cli_usage(c, "membership");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (membership_invite(c->gate, days, uses, note, token, &id, err) != 0)
		return cli_fail("membership: %s", err);
	cli_say(c, "invitation %lld, for %d %s within %d days; share this "
	    "link privately (it is shown only now):\n  /apply?invite=%s\n",
	    (long long)id, uses, uses == 1 ? "person" : "people", days, token);
	explicit_bzero(token, sizeof(token));
	return EXIT_OK;
}

static int
print_app(void *ctx, const struct application_row *a)
{
	char when[32];

	if (ctx) {
		json_array_append_new(ctx, json_pack("{s:I, s:s, s:s, s:I}",
		    "id", (json_int_t)a->id, "pseudonym", a->pseudonym,
		    "status", a->status, "created_at",
		    (json_int_t)a->created_at));
		return 0;
	}
	util_format_time(a->created_at, when, sizeof(when));
	printf("%6lld  %-10s %-24s %s%s\n", (long long)a->id, a->status,
	    a->pseudonym, when, a->invitation_id ? "  invited" : "");
	return 0;
}

/* sanctum membership applications [--all] [--json] */
int
membership_list_cmd(struct cli *c, int argc, char **argv)
{
	json_t *arr = NULL;
	int i, all = 0, json = 0, rc;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--all") == 0)
			all = 1;
		else if (strcmp(argv[i], "--json") == 0)
			json = 1;
		else
			return cli_usage(c, "membership");
	}
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (json)
		arr = json_array();
	rc = membership_application_each(c->db, all ? "" : "pending",
	    print_app, arr);
	if (rc == 0 && json)
		cli_print_json(arr);
	json_decref(arr);
	return rc == 0 ? EXIT_OK : cli_fail("membership: cannot read the "
	    "applications");
}

/* approve or decline ID [--message TEXT] */
static int
decide_cmd(struct cli *c, int argc, char **argv, int approve)
{
	static const struct option opts[] = {
		{ "message", required_argument, NULL, 'm' },
		{ NULL, 0, NULL, 0 }
	};
	const char *message = approve ? "Welcome. We are glad you are here." :
	    "Thank you for applying. We are not able to offer you a place "
	    "just now. This is not a judgement of you.";
	char err[ERR_MAX] = "";
	long long id;
	int ch, rc;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch != 'm')
			return cli_usage(c, "membership");
		message = optarg;
	}
	if (argc - optind != 1 || util_parse_int(argv[optind], 1,
	    INT64_MAX / 2, &id) != 0)
		return cli_usage(c, "membership");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (membership_decide(c->gate, id, approve, message, err) != 0)
		return cli_fail("membership: %s", err);
	cli_say(c, "application %lld %s; the applicant sees your message when "
	    "they check their status%s\n", id, approve ? "approved" :
	    "declined", approve ? ", with a link to activate their account" :
	    "");
	return EXIT_OK;
}

/* sanctum membership approve ID [--message TEXT] */
int
membership_approve_cmd(struct cli *c, int argc, char **argv)
{
	return decide_cmd(c, argc, argv, 1);
}

/* sanctum membership decline ID [--message TEXT] */
int
membership_decline_cmd(struct cli *c, int argc, char **argv)
{
	return decide_cmd(c, argc, argv, 0);
}
