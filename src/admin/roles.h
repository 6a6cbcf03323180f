/*
** roles.h: who may do what.  Roles are ordered: each includes the ones
** below it, and every route names the least role it needs.
**   member     a community member using the member-facing pages
**   supporter  offers sustained support to affected members (care)
**   moderator  moderates, detects and responds to leaks
**   admin      runs the installation: people, tokens, audit trail
*/
#ifndef SANCTUM_ROLES_H
#define SANCTUM_ROLES_H

enum role {
	ROLE_NONE = 0,		/* no login needed */
	ROLE_MEMBER = 1,
	ROLE_SUPPORTER = 2,
	ROLE_MODERATOR = 3,
	ROLE_ADMIN = 4
};

enum role role_parse(const char *name);
const char *role_name(enum role r);

#endif
