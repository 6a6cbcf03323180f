/*
** gate.h: the gateway.  Sealed data, the audit trail and people's exposure
** to difficult content pass through here and nowhere else.
**
** A command or a request gets a gate for whoever acts (a console user, or
** the account running the command line); handlers never hold the
** community's keys, only their gate.  Through it they
**   - run their writes in one transaction that must name its audit entry
**     (gate_begin, gate_audit, gate_commit; the store refuses a commit
**     that changed something without one),
**   - seal a value to its row and column (gate_seal), and open one
**     (gate_open): the gate checks the actor's role against the column's
**     (sealed.h; a supporter facilitating a healing space may open that
**     space's posts), writes an audit entry for that row and counts the
**     actor's exposure, inside the caller's transaction, and refuses
**     outside one,
**   - ask for the keyed hashes the console and imports need (session and
**     API tokens, CSRF tokens, throttle keys, imported platforms' ids).
** A member reading their own group opens its posts through
** gate_open_as_member, which checks that they belong to it and records
** nothing: what members read is never tracked.
** Only the fingerprint index may open post bodies without an entry per
** post (gate_open_for_index: it fingerprints them, nobody reads them, and
** its caller audits the whole batch); `make lint` allows that call in
** src/detect/index.c alone, and seal_* calls in this file alone.  Triage
** reads leaked posts the same way through gate_machine_read, which hands
** the text to a function and wipes it, so only the scores leave; the mail
** sender reads a member's address so, to write to it, and a removal
** request is written from a leak's address; an announcement's draft is
** checked and published.  Lint allows it in src/response/incident.c,
** outreach.c, takedown.c and announce.c alone.  A member
** reads a message sent to them through gate_open_as_member too.
** What is a person's own (a moderator's reflection after a debrief, their
** self-check, thanks sent to them) opens through gate_open_own alone,
** which reads whose it is from the row and refuses everyone else, admins
** included; gate_open refuses those columns to every role.
*/
#ifndef SANCTUM_GATE_H
#define SANCTUM_GATE_H

#include <stddef.h>
#include <stdint.h>

#include "../admin/roles.h"
#include "../crypto/extid.h"
#include "../crypto/hook.h"
#include "../crypto/token.h"
#include "sealed.h"

struct db;
struct keyring;
struct fpkey;
struct trail_report;

struct gate;

struct gate_actor {
	int64_t user_id;	/* 0: the command line, or sanctum itself */
	char name[72];		/* as the audit trail names them */
	enum role role;
};

struct gate *gate_new(struct db *db, const struct keyring *kr);
struct gate *gate_new_like(const struct gate *proto, struct db *db);
void gate_free(struct gate *g);
void gate_set_actor(struct gate *g, int64_t user_id, const char *name,
    enum role role);
const struct gate_actor *gate_actor(const struct gate *g);
struct db *gate_db(const struct gate *g);

int gate_begin(struct gate *g);
int gate_commit(struct gate *g);
void gate_rollback(struct gate *g);
int gate_audit(struct gate *g, const char *action, const char *target,
    const char *detail);
int gate_audit_unnamed(struct gate *g, const char *action,
    const char *target, const char *detail);

uint8_t *gate_seal(struct gate *g, enum sealed_col col, int64_t row,
    const char *plain, size_t *outlen);
char *gate_open(struct gate *g, enum sealed_col col, int64_t row,
    const void *sealed, size_t n, char *err);
char *gate_open_why(struct gate *g, enum sealed_col col, int64_t row,
    const void *sealed, size_t n, const char *why, char *err);
char *gate_open_own(struct gate *g, enum sealed_col col, int64_t row,
    const void *sealed, size_t n, char *err);
char *gate_open_as_member(struct gate *g, enum sealed_col col, int64_t post,
    const void *sealed, size_t n, char *err);
uint8_t *gate_reseal(struct gate *g, enum sealed_col from, int64_t from_row,
    const void *sealed, size_t n, enum sealed_col to, int64_t to_row,
    size_t *outlen, char *err);
void gate_wipe(char *plain);

char *gate_open_for_index(struct gate *g, int64_t post, const void *sealed,
    size_t n);
int gate_machine_read(struct gate *g, enum sealed_col col, int64_t row,
    const void *sealed, size_t n,
    void (*reader)(void *arg, const char *text, size_t len), void *arg);
void gate_fingerprint_key(const struct gate *g, struct fpkey *out);

void gate_extid(const struct gate *g, const char *source, const char *id,
    char out[EXTID_LEN + 1]);
void gate_token_hash(const struct gate *g, const char *token,
    uint8_t out[TOKEN_HASH_BYTES]);
void gate_csrf(const struct gate *g, const char *session_token,
    char out[TOKEN_LEN + 1]);
void gate_mac(const struct gate *g, const struct mac_field *f, size_t n,
    uint8_t out[MAC_BYTES]);
void gate_hook_secret(const struct gate *g, int64_t hook,
    char out[HOOK_SECRET_LEN + 1]);
void gate_hook_sign(const struct gate *g, int64_t hook, const char *stamp,
    const void *body, size_t n, char out[HOOK_SIGNATURE_LEN + 1]);
int gate_verify_trail(struct gate *g, struct trail_report *rep);

/* a key rotation's re-sealing of one column (admin/keyrotate.h) */
struct gate_rekey {
	long long seen, resealed, unopened;
	int64_t last;		/* the last row seen; 0: the column is done */
};

int gate_rekey(struct gate *g, enum sealed_col col, int64_t after,
    int limit, struct gate_rekey *r);
int gate_rotate_begin(struct gate *g, const struct keyring *next,
    const uint8_t *salt_next);
int gate_rotate_end(struct gate *g, int64_t grace, struct trail_report *rep);
int gate_key_retire(struct gate *g, int force, int *retired);

#endif
