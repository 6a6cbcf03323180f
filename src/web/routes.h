/*
** routes.h: the route table and its dispatcher.
*/
#ifndef SANCTUM_ROUTES_H
#define SANCTUM_ROUTES_H

#include "server.h"

enum route_flags {
	R_SEALED = 1,		/* reads sealed content: the dispatcher audits it */
	R_GATE_OK = 2,		/* reachable while a password change is due */
	R_OWN_CSRF = 4,		/* the handler checks its own (pre-login) token */
};

struct route {
	const char *method;
	const char *path;
	enum role role;		/* the least role needed; ROLE_NONE = public */
	unsigned flags;
	handler_fn handler;
	const char *audit_as;	/* with R_SEALED: the audit action */
};

void routes_dispatch(struct req *r);
const struct route *routes_table(int *n);

#endif
