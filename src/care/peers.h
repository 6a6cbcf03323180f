/*
** peers.h: peer support.  A member who has been through a leak (affected
** by an incident) may volunteer as a peer supporter, choosing how many
** people at a time (1 to 3) and pausing or withdrawing whenever they
** like; a moderator records their short training.  A member in a care
** case who asks to talk with a peer is introduced to one by the person
** supporting them, with consent on both sides: the peer is asked first,
** without learning who; the member then learns the peer's pseudonym and
** chooses.  The two talk in the app's peer messages, sealed and read by
** no one else, never by sharing contact details (a message carrying an
** e-mail address, a phone number or a street address is refused).
** Either ends it whenever they like.
*/
#ifndef SANCTUM_CARE_PEERS_H
#define SANCTUM_CARE_PEERS_H

#include <stdint.h>

struct cli;
struct gate;
struct req;

#define PEER_MAX_CAPACITY 3
#define PEER_MESSAGE_MAX 4000	/* bytes */

int peer_offer(struct gate *g, int64_t member, int capacity, char *err);
int peer_pause(struct gate *g, int64_t member, int paused, char *err);
int peer_withdraw(struct gate *g, int64_t member, char *err);
int peer_train(struct gate *g, int64_t member, char *err);
int peer_want(struct gate *g, int64_t case_id, int on, char *err);
int peer_introduce(struct gate *g, int64_t case_id, int64_t peer,
    int64_t *id, char *err);
int peer_answer(struct gate *g, int64_t intro, int64_t member, int yes,
    char *err);
int peer_send(struct gate *g, int64_t intro, int64_t member,
    const char *body, char *err);
int peer_end(struct gate *g, int64_t intro, int64_t member, char *err);

int care_peers_cmd(struct cli *c, int argc, char **argv);
int care_peer_cmd(struct cli *c, int argc, char **argv);

void peer_panel(struct req *r, int64_t member);
void peer_case_panel(struct req *r, int64_t case_id);
void my_peer_offer_post(struct req *r);
void my_peer_want_post(struct req *r);
void my_peers_page(struct req *r);
void my_peer_page(struct req *r);
void my_peer_answer_post(struct req *r);
void my_peer_message_post(struct req *r);
void my_peer_end_post(struct req *r);
void care_peers_page(struct req *r);
void care_peer_train_post(struct req *r);
void care_peer_introduce_post(struct req *r);

#endif
