/*
** demo_harness.h: what the fuzz targets that need a real community share:
** a demo community (fictional members, groups and posts) in a new folder
** under /tmp, and an admin's gate on it.
*/
#ifndef SANCTUM_FUZZ_DEMO_HARNESS_H
#define SANCTUM_FUZZ_DEMO_HARNESS_H

#include <stdio.h>
#include <stdlib.h>

#include "app.h"
#include "community/demo.h"
#include "core/gate.h"
#include "util/log.h"
#include "util/util.h"

/* Make the demo community into app, with an admin's gate in *gate and the
** admin's password in pw (n bytes); aborts when it cannot. */
static inline void
fuzz_demo(struct app *app, struct gate **gate, char *pw, size_t n)
{
	static char dir[256], dbpath[300];
	struct app_opts o = { 0 };
	char err[ERR_MAX] = "";

	log_set_level(LOG_ERROR);
	snprintf(dir, sizeof(dir), "/tmp/sanctum-fuzz-XXXXXX");
	if (mkdtemp(dir) == NULL)
		abort();
	snprintf(dbpath, sizeof(dbpath), "%s/demo.db", dir);
	o.db_path = dbpath;
	if (app_create(&o, app, err) != 0 ||
	    (*gate = gate_new(app->db, app->kr)) == NULL) {
		fprintf(stderr, "fuzz: %s\n", err);
		abort();
	}
	gate_set_actor(*gate, 0, "fuzz", ROLE_ADMIN);
	if (demo_fill(*gate, pw, n, err) != 0) {
		fprintf(stderr, "fuzz: %s\n", err);
		abort();
	}
}

#endif
