/*
** static.c: serve the stylesheet embedded by tools/embed.c, and a health
** check that says nothing about the community.
*/
#include "static.h"

#include <string.h>

#include "../util/embedded.h"

/* GET /static/NAME: an embedded asset. */
void
static_asset(struct req *r)
{
	const char *name = strrchr(r->path, '/') + 1;
	int i;

	for (i = 0; i < web_assets_count; i++) {
		if (strcmp(web_assets[i].name, name) != 0)
			continue;
		buf_append(&r->out, web_assets[i].data, web_assets[i].len);
		r->ctype = "text/css; charset=utf-8";
		r->cacheable = 1;
		return;
	}
	req_fail(r, 404, "There is no such page.");
}

/* GET /healthz: "ok" when the server answers and its database opens. */
void
static_health(struct req *r)
{
	r->ctype = "text/plain; charset=utf-8";
	buf_puts(&r->out, "ok\n");
}
