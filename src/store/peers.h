/*
** peers.h: the SQL behind peer support: volunteers, introductions and
** what two peers say to each other (sealed).  The logic is in
** src/care/peers.c.
*/
#ifndef SANCTUM_STORE_PEERS_H
#define SANCTUM_STORE_PEERS_H

#include <stddef.h>
#include <stdint.h>

struct db;

struct peer_row {
	int64_t member_id, offered_at, trained_at;
	int capacity, paused;
	int64_t open;		/* introductions not ended */
	char pseudonym[72], trained_by[72], status[16];
};

int peers_offer(struct db *db, int64_t member, int capacity, int64_t now);
int peers_pause(struct db *db, int64_t member, int paused);
int peers_withdraw(struct db *db, int64_t member);
int peers_get(struct db *db, int64_t member, struct peer_row *p);
int peers_train(struct db *db, int64_t member, const char *by, int64_t now);
int peers_each(struct db *db, int available,
    int (*each)(void *ctx, const struct peer_row *p), void *ctx);
int peers_affected(struct db *db, int64_t member);
int peers_wanted_set(struct db *db, int64_t case_id, int on);
int peers_wanted(struct db *db, int64_t case_id);

struct intro_row {
	int64_t id, case_id, seeker_id, peer_id, proposed_at, ended_at;
	int64_t seeker_user, peer_user;
	char seeker[72], peer[72], peer_answer[4], seeker_answer[4];
};

int peers_intro_add(struct db *db, int64_t case_id, int64_t seeker,
    int64_t peer, const char *by, int64_t now, int64_t *id);
int peers_intro_get(struct db *db, int64_t id, struct intro_row *r);
int peers_intros_each(struct db *db, int64_t member, int64_t case_id,
    int (*each)(void *ctx, const struct intro_row *r), void *ctx);
int peers_intro_open(struct db *db, int64_t seeker, int64_t peer);
int peers_intro_answer(struct db *db, int64_t id, int as_peer,
    const char *answer, int64_t now);
int peers_intro_end(struct db *db, int64_t id, int64_t now);

int peers_message_add(struct db *db, int64_t intro, int64_t from,
    int64_t now, int64_t *id);
int peers_message_seal(struct db *db, int64_t id, const void *b, size_t n);
int peers_messages_each(struct db *db, int64_t intro,
    int (*each)(void *ctx, int64_t id, int64_t from, int64_t at,
    const void *sealed, size_t n), void *ctx);
int peers_message_party(struct db *db, int64_t message, int64_t user);

#endif
