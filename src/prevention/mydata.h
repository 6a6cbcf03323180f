/*
** mydata.h: a member's own data, in their hands.  From their own page a
** member can take everything the community keeps about them (their
** posts as they wrote them, where they belonged and when, which pledge
** versions they accepted, what the moderators decided about them) as one
** JSON file, and can delete it: their posts are erased (bodies and
** fingerprints), and their contact details, pledge acceptances, notices,
** waiting places and membership history are removed; their account is
** closed.  Kept: the moderators' decisions (violations), because an
** appeal or a repeated harm needs them, and their pseudonym, reserved so
** no one else can take it.  The audit trail keeps that it happened.
*/
#ifndef SANCTUM_MYDATA_H
#define SANCTUM_MYDATA_H

#include <stdint.h>

struct gate;
struct json_t;
struct req;

struct json_t *mydata_export(struct gate *g, int64_t member_id, char *err);
int mydata_erase(struct gate *g, int64_t member_id, int64_t user_id,
    char *err);

void mydata_export_get(struct req *r);
void mydata_delete_post(struct req *r);

#endif
