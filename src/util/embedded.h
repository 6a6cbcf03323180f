/*
** embedded.h: files compiled into the binary by tools/embed.c (schema
** migrations, the console's stylesheet).
*/
#ifndef SANCTUM_EMBEDDED_H
#define SANCTUM_EMBEDDED_H

#include <stddef.h>

struct embedded {
	const char *name;		/* base name of the source file */
	const unsigned char *data;	/* NUL-terminated */
	size_t len;			/* without the NUL */
};

extern const struct embedded store_migrations[];
extern const int store_migrations_count;
extern const struct embedded web_assets[];
extern const int web_assets_count;

#endif
