/*
** message.c: a check-in's message to the member, and `sanctum care
** draft|send`.  See message.h.
*/
#include "message.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../cli.h"
#include "../core/gate.h"
#include "../response/outreach.h"
#include "../store/care.h"
#include "../store/community.h"
#include "../store/db.h"
#include "../store/response.h"
#include "../util/buf.h"
#include "../util/mail.h"
#include "../util/util.h"
#include "holder.h"
#include "checkin.h"

#define MESSAGE_MAX 8000	/* bytes of a message's words */

/* The check-in template, in the languages that have one.  %1$s the
** member, %2$s the person writing, %3$s the community, %4$s the support
** resources. */
static const struct {
	const char *lang, *subject, *text;
} templates[] = {
	{ "en", "Checking in, from your community",
	    "Hello %1$s,\n\n"
	    "This is %2$s, from %3$s. We said we would check in with you "
	    "around now, so here I am.\n\n"
	    "How are you doing? You are welcome to answer, in a few words or "
	    "many; only the people supporting you will read it. You do not "
	    "have to answer at all.\n\n"
	    "If something has changed, or there is something you need, tell "
	    "me and we will see together what we can do.\n\n"
	    "You decide how this goes: on your \"My support\" page you can "
	    "change how and how often we get in touch, or ask us to stop.\n\n"
	    "If things feel heavy, these can help, at any hour:\n%4$s\n"
	    "Take care,\n%2$s\n" },
	{ "fr", "Des nouvelles de votre communaut\xC3\xA9",
	    "Bonjour %1$s,\n\n"
	    "C'est %2$s, de %3$s. Nous avions dit que nous prendrions de vos "
	    "nouvelles vers ce moment-ci : me voici.\n\n"
	    "Comment allez-vous ? Vous pouvez r\xC3\xA9pondre, en quelques mots "
	    "ou davantage ; seules les personnes qui vous accompagnent le "
	    "liront. Vous n'\xC3\xAAtes pas oblig\xC3\xA9(e) de r\xC3\xA9pondre."
	    "\n\n"
	    "Si quelque chose a chang\xC3\xA9, ou s'il vous manque quelque "
	    "chose, dites-le-moi et nous verrons ensemble ce qui est possible."
	    "\n\n"
	    "C'est vous qui d\xC3\xA9""cidez : sur votre page \"My support\" "
	    "(mon soutien), vous pouvez choisir comment et \xC3\xA0 quelle "
	    "fr\xC3\xA9quence nous vous contactons, ou nous demander d'arr\xC3"
	    "\xAAter.\n\n"
	    "Si les choses deviennent lourdes, ces ressources peuvent aider, "
	    "\xC3\xA0 toute heure :\n%4$s\n"
	    "Prenez soin de vous,\n%2$s\n" },
	{ "es", "Un saludo de tu comunidad",
	    "Hola, %1$s:\n\n"
	    "Soy %2$s, de %3$s. Quedamos en escribirte por estas fechas, as\xC3"
	    "\xAD que aqu\xC3\xAD estoy.\n\n"
	    "\xC2\xBF""C\xC3\xB3mo est\xC3\xA1s? Puedes responder con pocas o "
	    "muchas palabras; solo lo leer\xC3\xA1n las personas que te "
	    "acompa\xC3\xB1""an. No tienes que responder si no quieres.\n\n"
	    "Si algo ha cambiado o necesitas algo, cu\xC3\xA9ntamelo y veremos "
	    "juntos qu\xC3\xA9 podemos hacer.\n\n"
	    "T\xC3\xBA decides: en tu p\xC3\xA1gina \"My support\" (mi apoyo) "
	    "puedes cambiar c\xC3\xB3mo y cada cu\xC3\xA1nto te contactamos, o "
	    "pedirnos que paremos.\n\n"
	    "Si las cosas pesan demasiado, esto puede ayudar, a cualquier "
	    "hora:\n%4$s\n"
	    "Un abrazo,\n%2$s\n" },
};

/* An update on a removal request, in the same languages.  %1$s the
** member, %2$s the person writing, %3$s the community, %4$s the
** resources, %5$s what changed (from news[] below). */
static const struct {
	const char *lang, *subject, *text;
} updates[] = {
	{ "en", "An update from your community",
	    "Hello %1$s,\n\n"
	    "A short update from %2$s, of %3$s, about what was shared outside "
	    "the community: %5$s\n\n"
	    "You do not have to answer. If you want to talk about it, or you "
	    "would rather not get these updates, say so here or on your \"My "
	    "support\" page.\n\n"
	    "If things feel heavy, these can help, at any hour:\n%4$s\n"
	    "Take care,\n%2$s\n" },
	{ "fr", "Des nouvelles de votre communaut\xC3\xA9",
	    "Bonjour %1$s,\n\n"
	    "Un mot de %2$s, de %3$s, au sujet de ce qui a \xC3\xA9t\xC3\xA9 "
	    "partag\xC3\xA9 hors de la communaut\xC3\xA9 : %5$s\n\n"
	    "Vous n'avez pas \xC3\xA0 r\xC3\xA9pondre. Si vous voulez en "
	    "parler, ou si vous pr\xC3\xA9""f\xC3\xA9rez ne plus recevoir ces "
	    "nouvelles, dites-le ici ou sur votre page \"My support\" (mon "
	    "soutien).\n\n"
	    "Si les choses deviennent lourdes, ces ressources peuvent aider, "
	    "\xC3\xA0 toute heure :\n%4$s\n"
	    "Prenez soin de vous,\n%2$s\n" },
	{ "es", "Novedades de tu comunidad",
	    "Hola, %1$s:\n\n"
	    "Un breve aviso de %2$s, de %3$s, sobre lo que se comparti\xC3\xB3 "
	    "fuera de la comunidad: %5$s\n\n"
	    "No tienes que responder. Si quieres hablarlo, o prefieres no "
	    "recibir estos avisos, d\xC3\xADlo aqu\xC3\xAD o en tu p\xC3\xA1gina "
	    "\"My support\" (mi apoyo).\n\n"
	    "Si las cosas pesan demasiado, esto puede ayudar, a cualquier "
	    "hora:\n%4$s\n"
	    "Un abrazo,\n%2$s\n" },
};

/* What changed, by status, in each language of updates[]. */
static const struct {
	const char *status, *text[3];
} news[] = {
	{ "requested", {
	    "we have asked the platform to remove the copy, and we will check "
	    "again in a few days.",
	    "nous avons demand\xC3\xA9 \xC3\xA0 la plateforme de retirer la "
	    "copie, et nous v\xC3\xA9rifierons \xC3\xA0 nouveau dans quelques "
	    "jours.",
	    "hemos pedido a la plataforma que retire la copia, y volveremos a "
	    "comprobarlo en unos d\xC3\xAD""as." } },
	{ "removed", {
	    "the copy we asked a platform to take down has been removed.",
	    "la copie que nous avions demand\xC3\xA9 de retirer a \xC3\xA9t\xC3"
	    "\xA9 supprim\xC3\xA9""e.",
	    "la copia que pedimos retirar ha sido eliminada." } },
	{ "refused", {
	    "the platform we wrote to has declined to remove the copy. We are "
	    "looking at other ways, and nothing will be done in your name "
	    "without asking you.",
	    "la plateforme a refus\xC3\xA9 de retirer la copie. Nous cherchons "
	    "d'autres moyens, et rien ne sera fait en votre nom sans vous le "
	    "demander.",
	    "la plataforma se ha negado a retirar la copia. Estamos buscando "
	    "otras v\xC3\xAD""as, y no se har\xC3\xA1 nada en tu nombre sin "
	    "pregunt\xC3\xA1rtelo." } },
	{ "reappeared", {
	    "the copy that had been removed has appeared again. We have seen "
	    "it, and we are asking for it to be taken down again.",
	    "la copie qui avait \xC3\xA9t\xC3\xA9 retir\xC3\xA9""e est "
	    "r\xC3\xA9""apparue. Nous l'avons vu, et nous demandons \xC3\xA0 "
	    "nouveau qu'elle soit retir\xC3\xA9""e.",
	    "la copia que se hab\xC3\xAD""a retirado ha vuelto a aparecer. Lo "
	    "hemos visto y estamos pidiendo de nuevo que la retiren." } },
};

static int
template_of(const char *lang)
{
	size_t i;

	for (i = 0; i < sizeof(templates) / sizeof(templates[0]); i++)
		if (strcmp(templates[i].lang, lang) == 0)
			return (int)i;
	return 0;	/* English where no template exists yet */
}

/* What a new draft is: its case and check-in (0: none), or the removal
** request and status it is an update on (0: none). */
struct draft_of {
	const struct care_case *cs;
	const struct care_prefs *p;
	int64_t checkin, takedown;
	const char *status;	/* of the request */
};

/* Write the draft from fmt (a template of templates[] or updates[], with
** what changed for %5$s), with the resources of country, and keep it
** sealed with its audit entry.  Returns 0 and sets *id, or -1 with err. */
static int
keep_draft(struct gate *g, const struct draft_of *d, const char *fmt,
    const char *lang, const char *what, const char *country, int64_t *id,
    char *err)
{
	struct db *db = gate_db(g);
	struct buf res, b;
	char community[128] = "our community", target[32], detail[96];
	uint8_t *sealed = NULL;
	size_t n = 0, sn;

	if (db_meta_get(db, "community_name", community, sizeof(community) - 1,
	    &n) == DB_ROW)
		community[n] = '\0';
	buf_init(&res, 8192);
	buf_init(&b, MESSAGE_MAX * 2);
	outreach_resources_text(db, country, &res);
	buf_printf(&b, fmt, d->cs->pseudonym, d->cs->supporter[0] ?
	    d->cs->supporter : gate_actor(g)->name, community, res.data ?
	    res.data : "", what ? what : "");
	buf_free(&res);
	if (b.failed) {
		buf_free(&b);
		err_set(err, "the message is too long");
		return -1;
	}
	if (gate_begin(g) != 0) {
		buf_free(&b);
		err_set(err, "the database is busy");
		return -1;
	}
	if (care_message_add(db, d->cs->id, d->checkin, d->p->channel, lang,
	    gate_actor(g)->name, util_now(), id) != 0 || (d->takedown &&
	    care_message_about(db, *id, d->takedown, d->status) != 0) ||
	    (sealed = gate_seal(g, SEALED_CARE_MESSAGE, *id, b.data, &sn)) ==
	    NULL || care_message_seal(db, *id, sealed, sn) != 0)
		goto fail;
	snprintf(target, sizeof(target), "care case %lld",
	    (long long)d->cs->id);
	if (d->takedown)
		snprintf(detail, sizeof(detail), "message %lld: update on request "
		    "%lld (%s)", (long long)*id, (long long)d->takedown,
		    d->status);
	else
		snprintf(detail, sizeof(detail), "message %lld for check-in %lld "
		    "(%s)", (long long)*id, (long long)d->checkin, lang);
	if (gate_audit(g, d->takedown ? "care.update" : "care.draft", target,
	    detail) != 0 || gate_commit(g) != 0)
		goto fail;
	free(sealed);
	buf_free(&b);
	return 0;
fail:
	err_set(err, "cannot save: %s", db_error(db));
	free(sealed);
	buf_free(&b);
	gate_rollback(g);
	return -1;
}

/* Draft the message of check-in `checkin`, with the support resources of
** country (ISO 3166 code; NULL or "" for the international ones).
** Refused for a member who asked not to be contacted.  Returns 0 and sets
** *id, or -1 with err. */
int
care_message_draft(struct gate *g, int64_t checkin, const char *country,
    int64_t *id, char *err)
{
	struct db *db = gate_db(g);
	struct care_checkin k;
	struct care_case cs;
	struct care_prefs p;
	struct draft_of d = { &cs, &p, checkin, 0, NULL };
	int t;

	if (care_checkin_get(db, checkin, &k) != DB_ROW) {
		err_set(err, "there is no check-in %lld", (long long)checkin);
		return -1;
	}
	if (care_may_hold(g, k.case_id, err) != 0)
		return -1;
	if (care_case_get(db, k.case_id, &cs) != DB_ROW || cs.closed_at != 0 ||
	    strcmp(k.status, "planned") != 0) {
		err_set(err, "check-in %lld is not planned in an open case",
		    (long long)checkin);
		return -1;
	}
	if (care_prefs_get(db, cs.member_id, &p) < 0 || !p.contact) {
		err_set(err, "%s asked not to be contacted", cs.pseudonym);
		return -1;
	}
	t = template_of(p.lang);
	return keep_draft(g, &d, templates[t].text, templates[t].lang, NULL,
	    country, id, err);
}

struct find_td {
	int64_t id;
	char status[12];
	int found;
};

static int
find_takedown(void *ctx, const struct takedown_row *t)
{
	struct find_td *f = ctx;

	if (t->id == f->id) {
		snprintf(f->status, sizeof(f->status), "%s", t->status);
		f->found = 1;
	}
	return 0;
}

/* Draft an update for the member of case case_id on removal request
** takedown of their incident, saying what its status now means; for
** review, like a check-in's message.  Once per status.  Returns 0 and
** sets *id, or -1 with err. */
int
care_update_draft(struct gate *g, int64_t case_id, int64_t takedown,
    int64_t *id, char *err)
{
	struct db *db = gate_db(g);
	struct care_case cs;
	struct care_prefs p;
	struct find_td f = { takedown, "", 0 };
	struct draft_of d = { &cs, &p, 0, takedown, f.status };
	size_t k;
	int t;

	if (care_may_hold(g, case_id, err) != 0)
		return -1;
	if (care_case_get(db, case_id, &cs) != DB_ROW || cs.closed_at != 0 ||
	    cs.incident_id == 0) {
		err_set(err, "care case %lld is not an open case after an "
		    "incident", (long long)case_id);
		return -1;
	}
	if (response_takedowns_each(db, cs.incident_id, 0, find_takedown, &f)
	    != 0 || !f.found) {
		err_set(err, "request %lld is not one of incident %lld's",
		    (long long)takedown, (long long)cs.incident_id);
		return -1;
	}
	for (k = 0; k < sizeof(news) / sizeof(news[0]); k++)
		if (strcmp(news[k].status, f.status) == 0)
			break;
	if (k == sizeof(news) / sizeof(news[0])) {
		err_set(err, "request %lld is %s: there is no news to give",
		    (long long)takedown, f.status);
		return -1;
	}
	if (care_prefs_get(db, cs.member_id, &p) < 0 || !p.contact) {
		err_set(err, "%s asked not to be contacted", cs.pseudonym);
		return -1;
	}
	if (care_update_exists(db, case_id, takedown, f.status) != 0) {
		err_set(err, "an update on request %lld being %s is drafted "
		    "already", (long long)takedown, f.status);
		return -1;
	}
	t = template_of(p.lang);
	return keep_draft(g, &d, updates[t].text, updates[t].lang,
	    news[k].text[t], "", id, err);
}

/* A draft message and its case, checked for the actor.  Returns 0 or
** -1 with err; free m->body. */
static int
draft_of(struct gate *g, int64_t id, struct care_message *m, char *err)
{
	struct care_case cs;

	if (care_message_get(gate_db(g), id, m) != DB_ROW) {
		err_set(err, "there is no check-in message %lld", (long long)id);
		return -1;
	}
	if (care_may_hold(g, m->case_id, err) != 0)
		return -1;
	if (strcmp(m->status, "sent") == 0) {
		err_set(err, "message %lld is sent already", (long long)id);
		return -1;
	}
	if (care_case_get(gate_db(g), m->case_id, &cs) != DB_ROW ||
	    cs.closed_at != 0) {
		err_set(err, "care case %lld is closed", (long long)m->case_id);
		return -1;
	}
	return 0;
}

/* Change a draft's words; the lint's findings come back in lint (the
** words are kept either way, so nothing typed is lost).  Returns 0 or -1
** with err. */
int
care_message_edit(struct gate *g, int64_t id, const char *body,
    struct outreach_lint *lint, char *err)
{
	struct care_message m;
	char target[32], detail[48];
	uint8_t *sealed = NULL;
	size_t sn;

	memset(lint, 0, sizeof(*lint));
	if (body == NULL || *body == '\0' || strlen(body) > MESSAGE_MAX ||
	    !util_valid_text(body, strlen(body))) {
		err_set(err, "a message is 1 to %d characters of text",
		    MESSAGE_MAX);
		return -1;
	}
	if (draft_of(g, id, &m, err) != 0) {
		free((void *)m.body);
		return -1;
	}
	free((void *)m.body);
	if (outreach_lint_full(g, m.incident_id, body, lint) < 0) {
		err_set(err, "the message could not be checked");
		return -1;
	}
	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	snprintf(target, sizeof(target), "care case %lld",
	    (long long)m.case_id);
	snprintf(detail, sizeof(detail), "message %lld", (long long)id);
	if ((sealed = gate_seal(g, SEALED_CARE_MESSAGE, id, body, &sn)) ==
	    NULL || care_message_seal(gate_db(g), id, sealed, sn) != 0 ||
	    gate_audit(g, "care.message.edit", target, detail) != 0 ||
	    gate_commit(g) != 0) {
		err_set(err, "cannot save: %s", db_error(gate_db(g)));
		free(sealed);
		gate_rollback(g);
		return -1;
	}
	free(sealed);
	return 0;
}

static void
keep_text(void *arg, const char *text, size_t len)
{
	char **out = arg;

	if ((*out = malloc(len + 1)) != NULL) {
		memcpy(*out, text, len);
		(*out)[len] = '\0';
	}
}

/* Send a message: it must pass the lint, and the member must not have
** asked not to be contacted (asked again now, not when it was drafted).
** It reads, checks and delivers outside any transaction, then keeps the
** outcome in one, with the check-in done.  Returns 0, 1 (not delivered;
** kept as failed, to try again), or -1 with err (nothing changed). */
int
care_message_send(struct gate *g, int64_t id, struct outreach_lint *lint,
    char *err)
{
	struct db *db = gate_db(g);
	struct care_message m, now;
	struct care_prefs p;
	struct mail_to to;
	char target[32], detail[80], send_err[ERR_MAX] = "", *body = NULL;
	void *contact = NULL;
	size_t cn = 0;
	int failed = 0, t;

	memset(lint, 0, sizeof(*lint));
	if (draft_of(g, id, &m, err) != 0)
		goto fail;
	if (care_prefs_get(db, m.member_id, &p) < 0 || !p.contact) {
		err_set(err, "the member asked not to be contacted; nothing is "
		    "sent");
		goto fail;
	}
	if (m.body == NULL || gate_machine_read(g, SEALED_CARE_MESSAGE, id,
	    m.body, m.body_n, keep_text, &body) != 0 || body == NULL) {
		err_set(err, "message %lld has no words", (long long)id);
		goto fail;
	}
	if (outreach_lint_full(g, m.incident_id, body, lint) != 0) {
		err_set(err, "the message cannot go yet: %s", lint->n ?
		    lint->problem[0] : "it could not be checked");
		goto fail;
	}
	/* the way the member chooses now */
	if (strcmp(p.channel, "email") == 0) {
		memset(&to, 0, sizeof(to));
		if (community_member_contact(db, m.member_id, &contact, &cn) !=
		    1 || contact == NULL || gate_machine_read(g,
		    SEALED_MEMBER_CONTACT, m.member_id, contact, cn,
		    mail_address_reader, &to) != 0 || !to.ok) {
			free(contact);
			err_set(err, "the member's contact details hold no e-mail "
			    "address");
			goto fail;
		}
		free(contact);
		t = template_of(m.lang);
		failed = mail_send(to.to, m.takedown_id ? updates[t].subject :
		    templates[t].subject, body, send_err) != 0;
		explicit_bzero(to.to, sizeof(to.to));
	}
	snprintf(target, sizeof(target), "care case %lld",
	    (long long)m.case_id);
	snprintf(detail, sizeof(detail), "message %lld, %s%s", (long long)id,
	    p.channel, failed ? ", not delivered" : "");
	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy");
		goto fail;
	}
	if (care_message_get(db, id, &now) != DB_ROW || strcmp(now.status,
	    "sent") == 0) {
		free((void *)now.body);
		err_set(err, "message %lld was sent by someone else meanwhile",
		    (long long)id);
		gate_rollback(g);
		goto fail;
	}
	free((void *)now.body);
	if (care_message_sent(db, id, failed ? "failed" : "sent",
	    gate_actor(g)->name, send_err, util_now()) != 0 ||
	    gate_audit(g, "care.message.send", target, detail) != 0)
		goto db_fail;
	if (!failed && m.checkin_id != 0) {
		if (care_checkin_finish(db, m.checkin_id, "done",
		    gate_actor(g)->name, util_now()) < 0 ||
		    checkin_replan(g, m.case_id, err) != 0)
			goto db_fail;
	}
	if (gate_commit(g) != 0)
		goto db_fail;
	gate_wipe(body);
	free((void *)m.body);
	if (failed)
		err_set(err, "%s", send_err);
	return failed;
db_fail:
	err_set(err, "cannot save: %s", db_error(db));
	gate_rollback(g);
fail:
	gate_wipe(body);
	free((void *)m.body);
	return -1;
}

/* The member answers a check-in message sent to them.  Returns 0 or -1
** with err. */
int
care_message_reply(struct gate *g, int64_t id, const char *text, char *err)
{
	struct care_message m;
	char target[32], detail[48];
	uint8_t *sealed = NULL;
	size_t sn;
	int rc;

	if (text == NULL || *text == '\0' || strlen(text) > MESSAGE_MAX ||
	    !util_valid_text(text, strlen(text))) {
		err_set(err, "an answer is 1 to %d characters of text",
		    MESSAGE_MAX);
		return -1;
	}
	rc = care_message_get(gate_db(g), id, &m);
	free((void *)m.body);
	if (rc != DB_ROW || m.member_user <= 0 || m.member_user !=
	    gate_actor(g)->user_id || strcmp(m.status, "sent") != 0) {
		err_set(err, "that message is not %s's", gate_actor(g)->name);
		return -1;
	}
	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	snprintf(target, sizeof(target), "care case %lld",
	    (long long)m.case_id);
	snprintf(detail, sizeof(detail), "answer to message %lld",
	    (long long)id);
	if ((sealed = gate_seal(g, SEALED_CARE_REPLY, id, text, &sn)) == NULL ||
	    care_message_seal_reply(gate_db(g), id, sealed, sn, util_now()) !=
	    0 || gate_audit(g, "care.message.reply", target, detail) != 0 ||
	    gate_commit(g) != 0) {
		err_set(err, "cannot save: %s", db_error(gate_db(g)));
		free(sealed);
		gate_rollback(g);
		return -1;
	}
	free(sealed);
	return 0;
}

/* The command line. */

/* sanctum care draft CHECKIN [--country CC] */
int
care_draft_cmd(struct cli *c, int argc, char **argv)
{
	const char *country = NULL;
	char err[ERR_MAX];
	long long checkin;
	int64_t id;
	int rc;

	if ((argc != 2 && !(argc == 4 && strcmp(argv[2], "--country") == 0)) ||
	    util_parse_int(argv[1], 1, INT64_MAX, &checkin) != 0)
		return cli_usage(c, "care");
	if (argc == 4)
		country = argv[3];
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (care_message_draft(c->gate, checkin, country, &id, err) != 0)
		return cli_fail("care: %s", err);
	cli_say(c, "drafted check-in message %lld; its words are in the "
	    "console\n", (long long)id);
	return EXIT_OK;
}

/* sanctum care update N --takedown REQUEST */
int
care_update_cmd(struct cli *c, int argc, char **argv)
{
	char err[ERR_MAX];
	long long id, takedown;
	int64_t made;
	int rc;

	if (argc != 4 || strcmp(argv[2], "--takedown") != 0 ||
	    util_parse_int(argv[1], 1, INT64_MAX, &id) != 0 ||
	    util_parse_int(argv[3], 1, INT64_MAX, &takedown) != 0)
		return cli_usage(c, "care");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (care_update_draft(c->gate, id, takedown, &made, err) != 0)
		return cli_fail("care: %s", err);
	cli_say(c, "drafted update %lld; its words are in the console\n",
	    (long long)made);
	return EXIT_OK;
}

/* sanctum care send MESSAGE */
int
care_send_cmd(struct cli *c, int argc, char **argv)
{
	struct outreach_lint lint;
	char err[ERR_MAX];
	long long id;
	int rc;

	if (argc != 2 || util_parse_int(argv[1], 1, INT64_MAX, &id) != 0)
		return cli_usage(c, "care");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	rc = care_message_send(c->gate, id, &lint, err);
	if (rc < 0)
		return cli_fail("care: %s", err);
	if (rc > 0)
		return cli_fail("care: message %lld was not delivered (%s); it "
		    "is kept, to try again", id, err);
	cli_say(c, "sent check-in message %lld\n", id);
	return EXIT_OK;
}
