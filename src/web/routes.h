/*
** routes.h: the route table and its dispatcher.
*/
#ifndef SANCTUM_ROUTES_H
#define SANCTUM_ROUTES_H

#include "server.h"

enum route_flags {
	R_SEALED = 1,		/* opens sealed values: runs in a transaction,
				   and the gateway audits each value opened */
	R_GATE_OK = 2,		/* reachable while a password change is due */
	R_OWN_CSRF = 4,		/* the handler checks its own (pre-login) token */
	R_WRITES = 8,		/* changes something: runs in one transaction
				   that must name its audit entry */
	R_OWN_TXN = 16		/* with R_WRITES or R_SEALED: the handler
				   first does slow reading (fetching, OCR)
				   outside any transaction, then writes or
				   opens in its own; or
				   it keeps a count of refusals (an applied
				   name in use) that a refusal's rollback
				   must not undo */
};

struct route {
	const char *method;
	const char *path;	/* "/incidents/{id}": {name} is a number */
	enum role role;		/* the least role needed; ROLE_NONE = public */
	unsigned flags;
	handler_fn handler;
};

void routes_dispatch(struct req *r);
const struct route *routes_table(int *n);
int routes_match(const char *pattern, const char *path, struct req *r);

#endif
