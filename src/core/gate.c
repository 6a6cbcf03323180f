/*
** gate.c: the gateway.  See gate.h.
*/
#include "gate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../crypto/fingerprint.h"
#include "../crypto/keys.h"
#include "../crypto/seal.h"
#include "../store/care.h"
#include "../store/community.h"
#include "../store/db.h"
#include "../store/healing.h"
#include "../store/membership.h"
#include "../store/moderators.h"
#include "../store/peers.h"
#include "../store/prevention.h"
#include "../store/response.h"
#include "../store/rekey.h"
#include "../util/log.h"
#include "../util/util.h"
#include "keystate.h"
#include "trail.h"

struct gate {
	struct db *db;
	const struct keyring *kr;
	struct gate_actor who;
};

/* A gate onto db for nobody yet (gate_set_actor says who acts).  Returns
** NULL when memory runs out. */
struct gate *
gate_new(struct db *db, const struct keyring *kr)
{
	struct gate *g = calloc(1, sizeof(*g));

	if (g == NULL)
		return NULL;
	g->db = db;
	g->kr = kr;
	snprintf(g->who.name, sizeof(g->who.name), "nobody");
	g->who.role = ROLE_NONE;
	return g;
}

/* A gate with proto's keys onto db (another connection to the same
** community), for nobody yet: a server thread's request.  Returns NULL
** when memory runs out. */
struct gate *
gate_new_like(const struct gate *proto, struct db *db)
{
	return gate_new(db, proto->kr);
}

/* Free a gate (not its database). */
void
gate_free(struct gate *g)
{
	free(g);
}

/* Say who acts through g: a console user (user_id > 0) or the command line
** or sanctum itself (0), by the name the audit trail gives them, with
** their role. */
void
gate_set_actor(struct gate *g, int64_t user_id, const char *name,
    enum role role)
{
	g->who.user_id = user_id;
	snprintf(g->who.name, sizeof(g->who.name), "%s", name);
	g->who.role = role;
}

/* Who acts through g. */
const struct gate_actor *
gate_actor(const struct gate *g)
{
	return &g->who;
}

/* The database behind g. */
struct db *
gate_db(const struct gate *g)
{
	return g->db;
}

/* Begin a write transaction (or join the one open).  Returns 0 or -1. */
int
gate_begin(struct gate *g)
{
	if (db_begin(g->db) != 0)
		return -1;
	/* under the write lock, so no rotation can move on before commit */
	if (keystate_follow(g->db, g->kr) != 0) {
		db_rollback(g->db);
		log_msg(LOG_WARN, "the community's key was rotated and this "
		    "process missed it: start it again with the new key");
		return -1;
	}
	return 0;
}

/* Commit the transaction.  The store refuses a commit that changed
** something and named no audit entry; it is rolled back then.  Returns 0
** or -1. */
int
gate_commit(struct gate *g)
{
	return db_commit(g->db);
}

/* Roll the whole transaction back. */
void
gate_rollback(struct gate *g)
{
	db_rollback(g->db);
}

/* Add an entry to the audit trail for what the actor does, in the open
** transaction: action ("post.add"), target ("post 61"), detail; ids and
** names, never content.  Returns 0 or -1. */
int
gate_audit(struct gate *g, const char *action, const char *target,
    const char *detail)
{
	if (!db_in_transaction(g->db))
		return -1;
	return trail_append(g->db, g->kr, g->who.user_id, g->who.name, action,
	    target, detail);
}

/* gate_audit for what is a person's own and must not name them (a
** self-check, a covered counselling session, thanks sent anonymously):
** the entry keeps that it happened, under "someone on the team", with no
** account.  Returns 0 or -1. */
int
gate_audit_unnamed(struct gate *g, const char *action, const char *target,
    const char *detail)
{
	if (!db_in_transaction(g->db))
		return -1;
	return trail_append(g->db, g->kr, 0, "someone on the team", action,
	    target, detail);
}

/* Seal plain to row of column col.  Returns the sealed bytes (allocated;
** *outlen their length) or NULL. */
uint8_t *
gate_seal(struct gate *g, enum sealed_col col, int64_t row, const char *plain,
    size_t *outlen)
{
	const struct sealed_info *si = sealed_info(col);

	if (si == NULL)
		return NULL;
	/* inside a transaction gate_begin followed the key already */
	if (!db_in_transaction(g->db) && keystate_follow(g->db, g->kr) != 0)
		return NULL;
	return seal_text(g->kr, si->table, si->bound, row, plain,
	    strlen(plain), outlen);
}

/* Open a sealed value with the keys; when they do not open it, follow a
** key rotation this process has not seen yet, and try once more.
** Returns the plaintext (seal_wipe) or NULL. */
static char *
open_text(struct gate *g, const char *table, const char *bound, int64_t row,
    const void *sealed, size_t n)
{
	char *plain = seal_open_text(g->kr, table, bound, row, sealed, n);

	if (plain == NULL && keystate_follow(g->db, g->kr) == 0)
		plain = seal_open_text(g->kr, table, bound, row, sealed, n);
	return plain;
}

/* What opening column col of row weighs on the person who reads it
** (sealed_weight, from the post's own warnings).  Sets *kind. */
static int
exposure_of(struct gate *g, enum sealed_col col, int64_t row,
    const char **kind)
{
	const struct sealed_info *si = sealed_info(col);
	void *body = NULL, *cw = NULL;
	size_t bn, cn;
	char *labels = NULL;
	int weight;

	*kind = si->kind;
	if (col == SEALED_POST_BODY && community_post_sealed(g->db, row, &body,
	    &bn, &cw, &cn) == 1 && cw) {
		labels = open_text(g, "posts", "cw", row, cw, cn);
	}
	weight = sealed_weight(col, labels);
	seal_wipe(labels);
	free(body);
	free(cw);
	return weight;
}

/* Open a sealed value of column col of row for the actor: refused unless
** a transaction is open and the actor's role may open the column; then an
** audit entry names the row, and a person's exposure to difficult content
** is counted.  Returns the text (gate_wipe frees it), or NULL with err
** filled. */
char *
gate_open(struct gate *g, enum sealed_col col, int64_t row,
    const void *sealed, size_t n, char *err)
{
	return gate_open_why(g, col, row, sealed, n, "", err);
}

/* gate_open, with why it was opened kept in its audit entry (an admin
** revealing a member's contact details states a reason). */
char *
gate_open_why(struct gate *g, enum sealed_col col, int64_t row,
    const void *sealed, size_t n, const char *why, char *err)
{
	const struct sealed_info *si = sealed_info(col);
	const char *kind;
	char target[64], *plain;
	int weight;

	if (si == NULL) {
		err_set(err, "no sealed column %d", (int)col);
		return NULL;
	}
	if (!db_in_transaction(g->db)) {
		err_set(err, "sealed content is opened only inside a "
		    "transaction");
		return NULL;
	}
	/* what two members say to each other as peers is theirs alone */
	if (col == SEALED_PEER_MESSAGE) {
		err_set(err, "a peer conversation is read by its two members "
		    "alone");
		return NULL;
	}
	/* a moderator's own reflection, self-check, thanks: gate_open_own */
	if (col == SEALED_DEBRIEF_PRIVATE || col == SEALED_SELF_CHECK ||
	    col == SEALED_THANKS) {
		err_set(err, "%s.%s is read by its author alone", si->table,
		    si->bound);
		return NULL;
	}
	/* a supporter facilitating a healing space reads its posts */
	if (g->who.role < si->open_role && !((col == SEALED_POST_BODY ||
	    col == SEALED_POST_CW) && g->who.role >= ROLE_SUPPORTER &&
	    g->who.user_id > 0 && healing_space_facilitates(g->db, row,
	    g->who.user_id, util_now()) == 1)) {
		err_set(err, "%s may not open %s.%s", g->who.name, si->table,
		    si->bound);
		return NULL;
	}
	/* leaked material and what an incident holds open only to people
	** whose training is current (prevention/training.h) */
	if ((col == SEALED_LEAK_MATERIAL || col == SEALED_INCIDENT_SUMMARY ||
	    col == SEALED_INCIDENT_ASSESSMENT) &&
	    g->who.user_id > 0 && prevention_training_current(g->db,
	    g->who.user_id, util_now()) != 1) {
		err_set(err, "%s has no current training, so %s.%s stays "
		    "closed until it is renewed", g->who.name, si->table,
		    si->bound);
		return NULL;
	}
	plain = open_text(g, si->table, si->bound, row, sealed, n);
	if (plain == NULL) {
		err_set(err, "%s.%s of row %lld does not open", si->table,
		    si->bound, (long long)row);
		return NULL;
	}
	snprintf(target, sizeof(target), "%s.%s %lld", si->table, si->bound,
	    (long long)row);
	weight = exposure_of(g, col, row, &kind);
	if (gate_audit(g, "sealed.open", target, why ? why : "") != 0 ||
	    (weight > 0 && g->who.user_id > 0 &&
	    response_exposure_add(g->db, g->who.user_id, kind, weight,
	    util_now()) != 0)) {
		seal_wipe(plain);
		err_set(err, "the audit trail could not be written, so nothing "
		    "was opened");
		return NULL;
	}
	return plain;
}

/* Open a post's body or labels for a member reading their own group:
** the actor's account must be the post's author (their own words), or an
** active member who belongs to the post's group now and accepted the
** pledge in force; a message sent to them; or, in their own care case,
** their own words about what they need.  What members read is never
** recorded, so this writes no audit entry and counts no exposure (the
** framework: detection without a panopticon).  Returns the text (gate_wipe
** frees it), or NULL with err. */
char *
gate_open_as_member(struct gate *g, enum sealed_col col, int64_t post,
    const void *sealed, size_t n, char *err)
{
	const struct sealed_info *si = sealed_info(col);
	char *plain;

	if (si == NULL || (col != SEALED_POST_BODY && col != SEALED_POST_CW &&
	    col != SEALED_OUTREACH_BODY && col != SEALED_CARE_NEEDS &&
	    col != SEALED_CARE_MESSAGE && col != SEALED_PEER_MESSAGE)) {
		err_set(err, "only posts, messages and a member's own words are "
		    "opened for members");
		return NULL;
	}
	if (col == SEALED_CARE_NEEDS) {
		/* the member's own words about what they need */
		struct care_case cs;
		if (g->who.user_id <= 0 || care_case_get(g->db, post, &cs) !=
		    DB_ROW || cs.member_user != g->who.user_id) {
			err_set(err, "that case is not %s's", g->who.name);
			return NULL;
		}
	} else if (col == SEALED_CARE_MESSAGE) {
		/* a check-in message sent to the member */
		struct care_message m;
		int rc = care_message_get(g->db, post, &m);
		free((void *)m.body);
		if (g->who.user_id <= 0 || rc != DB_ROW || m.member_user !=
		    g->who.user_id || strcmp(m.status, "sent") != 0) {
			err_set(err, "that message is not %s's", g->who.name);
			return NULL;
		}
	} else if (col == SEALED_PEER_MESSAGE) {
		/* a message between two peers who both said yes */
		if (g->who.user_id <= 0 || peers_message_party(g->db, post,
		    g->who.user_id) != 1) {
			err_set(err, "that conversation is not %s's",
			    g->who.name);
			return NULL;
		}
	} else if (col == SEALED_OUTREACH_BODY) {
		/* a message sent to the member, read by them alone */
		if (g->who.user_id <= 0 || response_outreach_user(g->db, post) !=
		    g->who.user_id) {
			err_set(err, "that message is not %s's", g->who.name);
			return NULL;
		}
	} else if (g->who.user_id <= 0 || prevention_member_may_read_post(
	    g->db, g->who.user_id, post) != 1) {
		err_set(err, "%s may not read that group", g->who.name);
		return NULL;
	}
	plain = open_text(g, si->table, si->bound, post, sealed, n);
	if (plain == NULL)
		err_set(err, "%s.%s of row %lld does not open", si->table,
		    si->bound, (long long)post);
	return plain;
}

/* membership_application_get's reader: the application's member. */
static int
member_of_app(void *ctx, const struct application_row *a)
{
	*(int64_t *)ctx = a->member_id;
	return 0;
}

/* Open what is a person's own, for that person: their debrief entry
** (what they shared with the team, and their reflection, which is theirs
** alone), their self-check, thanks sent to them, and a member's own
** contact details and application answers (for the export of their
** data).  Whose it is, is read from the row, never taken from the
** caller.  Through this door nobody else opens them, admins included;
** reading one's own writes no audit entry and counts no exposure.
** Returns the text (gate_wipe frees it), or NULL with err. */
char *
gate_open_own(struct gate *g, enum sealed_col col, int64_t row,
    const void *sealed, size_t n, char *err)
{
	const struct sealed_info *si = sealed_info(col);
	int64_t author = 0;
	int rc;
	char *plain;

	if (si == NULL || (col != SEALED_DEBRIEF_PRIVATE && col !=
	    SEALED_DEBRIEF_SHARED && col != SEALED_SELF_CHECK && col !=
	    SEALED_THANKS && col != SEALED_MEMBER_CONTACT && col !=
	    SEALED_APPLICATION_ANSWERS)) {
		err_set(err, "only a debrief entry, a self-check, thanks, or a "
		    "member's own contact details and application are opened "
		    "for their own person");
		return NULL;
	}
	if (col == SEALED_MEMBER_CONTACT || col == SEALED_APPLICATION_ANSWERS) {
		/* a member's own, for their export: the member of the
		** account asking must be the row's (the application's) */
		int64_t me = 0, whose = row;

		rc = community_member_of_user(g->db, g->who.user_id, &me) == 1 ?
		    DB_ROW : DB_DONE;
		if (rc == DB_ROW && col == SEALED_APPLICATION_ANSWERS) {
			whose = 0;
			if (membership_application_get(g->db, row, member_of_app,
			    &whose) < 0)
				rc = DB_DONE;
		}
		if (rc == DB_ROW && me > 0 && whose == me)
			author = g->who.user_id;
	} else if (col == SEALED_THANKS) {
		/* for its person; the whole team's, for any of its staff */
		rc = mods_thanks_for(g->db, row, &author);
		if (rc == DB_ROW && author == 0 && g->who.role >= ROLE_SUPPORTER)
			author = g->who.user_id;
	} else
		rc = col == SEALED_SELF_CHECK ? mods_selfcheck_author(g->db, row,
		    &author) : mods_entry_author(g->db, row, &author);
	if (rc != DB_ROW || g->who.user_id <= 0 || author != g->who.user_id) {
		err_set(err, "that is not %s's to read", g->who.name);
		return NULL;
	}
	plain = open_text(g, si->table, si->bound, row, sealed, n);
	if (plain == NULL)
		err_set(err, "%s.%s of row %lld does not open", si->table,
		    si->bound, (long long)row);
	return plain;
}

/* Move a sealed value to another row and column without anyone reading
** it: an approved application's contact details become the member's.
** Only that move is allowed.  Returns the value sealed to (to, to_row)
** (free it), or NULL with err. */
uint8_t *
gate_reseal(struct gate *g, enum sealed_col from, int64_t from_row,
    const void *sealed, size_t n, enum sealed_col to, int64_t to_row,
    size_t *outlen, char *err)
{
	const struct sealed_info *fi = sealed_info(from);
	char *plain;
	uint8_t *out;

	if (fi == NULL || from != SEALED_APPLICATION_CONTACT ||
	    to != SEALED_MEMBER_CONTACT) {
		err_set(err, "that value cannot be moved");
		return NULL;
	}
	plain = open_text(g, fi->table, fi->bound, from_row, sealed,
	    n);
	if (plain == NULL) {
		err_set(err, "%s.%s of row %lld does not open", fi->table,
		    fi->bound, (long long)from_row);
		return NULL;
	}
	out = gate_seal(g, to, to_row, plain, outlen);
	seal_wipe(plain);
	if (out == NULL)
		err_set(err, "cannot seal the value");
	return out;
}

/* Wipe and free what gate_open returned. */
void
gate_wipe(char *plain)
{
	seal_wipe(plain);
}

/* Open a post's body to fingerprint it, for the fingerprint index alone:
** nobody reads it, so no entry per post; the caller audits the batch.
** Returns the text (gate_wipe frees it) or NULL. */
char *
gate_open_for_index(struct gate *g, int64_t post, const void *sealed,
    size_t n)
{
	const struct sealed_info *si = sealed_info(SEALED_POST_BODY);

	return open_text(g, si->table, si->bound, post, sealed, n);
}

/* Let a program, not a person, read a value: a post's body (triage keeps
** its levels, the outreach lint looks for its words), a member's contact
** details (the mail sender writes to them), a message to a member, from
** the moderators or a check-in's (checked and delivered), a leak's address (a removal request is
** written from it, a re-check fetches it), an announcement's draft
** (checked by the guard and published), a webhook's address (an alert
** is sent to it) or where monitoring found a possible leak (it becomes
** the location of the incident opened from it).  reader is handed the text,
** keeps only what it derives from it, and the text is wiped when reader
** returns.  Nobody reads it, so no entry per value and no exposure; the
** caller audits what it did.  Returns 0, or -1 when the column is not
** one of those or the value does not open. */
int
gate_machine_read(struct gate *g, enum sealed_col col, int64_t row,
    const void *sealed, size_t n,
    void (*reader)(void *arg, const char *text, size_t len), void *arg)
{
	const struct sealed_info *si = sealed_info(col);
	char *plain;

	if (col != SEALED_POST_BODY && col != SEALED_MEMBER_CONTACT &&
	    col != SEALED_OUTREACH_BODY && col != SEALED_LEAK_LOCATION &&
	    col != SEALED_ANNOUNCEMENT_DRAFT && col != SEALED_CARE_MESSAGE &&
	    col != SEALED_USER_REMINDER && col != SEALED_ALERT_HOOK &&
	    col != SEALED_FINDING_LINK)
		return -1;
	plain = open_text(g, si->table, si->bound, row, sealed, n);
	if (plain == NULL)
		return -1;
	reader(arg, plain, strlen(plain));
	seal_wipe(plain);
	return 0;
}

/* The community's fingerprint key, for the fingerprint index. */
void
gate_fingerprint_key(const struct gate *g, struct fpkey *out)
{
	fingerprint_key(g->kr, out);
}

/* The keyed hash of a platform's id (extid.h). */
void
gate_extid(const struct gate *g, const char *source, const char *id,
    char out[EXTID_LEN + 1])
{
	extid_hash(g->kr, source, id, out);
}

/* The keyed hash under which a session or API token is stored. */
void
gate_token_hash(const struct gate *g, const char *token,
    uint8_t out[TOKEN_HASH_BYTES])
{
	token_hash(g->kr, token, out);
}

/* The CSRF token of a session. */
void
gate_csrf(const struct gate *g, const char *session_token,
    char out[TOKEN_LEN + 1])
{
	token_csrf(g->kr, session_token, out);
}

/* A keyed MAC over fields (throttle keys). */
void
gate_mac(const struct gate *g, const struct mac_field *f, size_t n,
    uint8_t out[MAC_BYTES])
{
	token_mac(g->kr, MAC_TOKEN, f, n, out);
}

/* The secret of webhook number hook, for an admin to give its receiver
** (hook.h). */
void
gate_hook_secret(const struct gate *g, int64_t hook,
    char out[HOOK_SECRET_LEN + 1])
{
	hook_secret(g->kr, hook, out);
}

/* Sign an alert's body for webhook number hook; the secret stays here. */
void
gate_hook_sign(const struct gate *g, int64_t hook, const char *stamp,
    const void *body, size_t n, char out[HOOK_SIGNATURE_LEN + 1])
{
	hook_sign_as(g->kr, hook, stamp, body, n, out);
}

/* Verify the whole audit trail.  Returns 0 intact, 1 broken (rep says
** where), -1 on a store error. */
int
gate_verify_trail(struct gate *g, struct trail_report *rep)
{
	if (keystate_follow(g->db, g->kr) != 0)
		return -1;
	return trail_verify(g->db, g->kr, rep);
}

/* ---- key rotation (admin/keyrotate.h) ---- */

struct rekey_ctx {
	struct gate *g;
	const struct sealed_info *si;
	struct gate_rekey *out;
};

/* Seal one value again with the current key (seal_rekey: the plaintext
** stays inside the crypto module). */
static int
rekey_one(void *arg, int64_t row, const void *v, size_t n, uint8_t **out,
    size_t *outn)
{
	struct rekey_ctx *c = arg;
	int rc = seal_rekey(c->g->kr, c->si->table, c->si->bound, row, v, n,
	    out, outn);

	c->out->seen++;
	if (rc == 1)
		c->out->resealed++;
	else if (rc < 0)
		c->out->unopened++;
	return 0;
}

/* Seal again with the current key up to limit values of column col, in
** rows after `after`, in the caller's transaction (a key rotation: values
** sealed with the key being retired).  Nobody reads them: the plaintext
** never leaves the crypto module.  Fills r (r->last: the last row seen, 0
** when the column has no more).  Returns 0 or -1. */
int
gate_rekey(struct gate *g, enum sealed_col col, int64_t after, int limit,
    struct gate_rekey *r)
{
	struct rekey_ctx c = { g, sealed_info(col), r };

	memset(r, 0, sizeof(*r));
	if (c.si == NULL || !db_in_transaction(g->db))
		return -1;
	return rekey_rows(g->db, c.si->table, c.si->column, after, limit,
	    rekey_one, &c, &r->last);
}

/* Start a rotation to next, in the caller's transaction, after its audit
** entry (the last MACed with the old key).  The caller verified the trail
** before its transaction (gate_verify_trail), so the write lock is held
** for no walk of it.  Returns 0 or -1. */
int
gate_rotate_begin(struct gate *g, const struct keyring *next,
    const uint8_t *salt_next)
{
	int64_t last = 0;

	if (trail_last_id(g->db, &last) != 0)
		return -1;
	return keystate_begin(g->db, g->kr, next, salt_next, last);
}

/* End a rotation in the caller's transaction: the trail is verified and
** MACed again with the new key, the key check and the rest become the new
** key's.  Returns 0, 1 when the trail is broken (rep says where), -1. */
int
gate_rotate_end(struct gate *g, int64_t grace, struct trail_report *rep)
{
	int rc;

	if (keystate_follow(g->db, g->kr) != 0 || !keys_retiring(g->kr))
		return -1;
	rc = trail_rechain(g->db, g->kr, rep);
	if (rc != 0)
		return rc;
	return keystate_end(g->db, g->kr, grace);
}

/* Forget the next key a finished rotation kept for processes still
** holding the old one, once its grace period is over (or at once with
** force), in the caller's transaction.  Returns 0 with *retired, or -1. */
int
gate_key_retire(struct gate *g, int force, int *retired)
{
	return keystate_retire(g->db, force, retired);
}
