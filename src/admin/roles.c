/*
** roles.c: role names.  See roles.h.
*/
#include "roles.h"

#include <string.h>

static const char *names[] = { "none", "member", "supporter", "moderator",
    "admin" };

/* The role called name, or ROLE_NONE when there is no such role. */
enum role
role_parse(const char *name)
{
	int i;

	for (i = ROLE_MEMBER; i <= ROLE_ADMIN; i++)
		if (name && strcmp(name, names[i]) == 0)
			return (enum role)i;
	return ROLE_NONE;
}

/* The name of role r. */
const char *
role_name(enum role r)
{
	return r >= ROLE_NONE && r <= ROLE_ADMIN ? names[r] : "none";
}
