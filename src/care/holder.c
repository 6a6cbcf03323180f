/*
** holder.c: who may act on a care case.  See holder.h.
*/
#include "holder.h"

#include "../admin/roles.h"
#include "../core/gate.h"
#include "../store/care.h"
#include "../store/db.h"
#include "../util/util.h"

/* May the actor act on case id: a moderator or admin, or the person who
** holds it?  Returns 0, or -1 with err. */
int
care_may_hold(struct gate *g, int64_t id, char *err)
{
	struct care_case cs;
	const struct gate_actor *a = gate_actor(g);

	if (care_case_get(gate_db(g), id, &cs) != DB_ROW) {
		err_set(err, "there is no care case %lld", (long long)id);
		return -1;
	}
	if (a->role >= ROLE_MODERATOR || (a->user_id > 0 && cs.supporter_id ==
	    a->user_id))
		return 0;
	err_set(err, "care case %lld is held by someone else", (long long)id);
	return -1;
}

/* Is case id the acting member's own?  Returns 0, or -1 with err. */
int
care_member_case(struct gate *g, int64_t id, char *err)
{
	struct care_case cs;

	if (care_case_get(gate_db(g), id, &cs) != DB_ROW ||
	    cs.member_user <= 0 || cs.member_user != gate_actor(g)->user_id) {
		err_set(err, "that case is not %s's", gate_actor(g)->name);
		return -1;
	}
	return 0;
}
