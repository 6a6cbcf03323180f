/*
** holder.h: who may act on a care case: the person who holds it, or a
** moderator or admin; and, for the member's own page, the member whose
** case it is.  Every change to a case asks here first.
*/
#ifndef SANCTUM_CARE_HOLDER_H
#define SANCTUM_CARE_HOLDER_H

#include <stdint.h>

struct gate;

int care_may_hold(struct gate *g, int64_t id, char *err);
int care_member_case(struct gate *g, int64_t id, char *err);

#endif
