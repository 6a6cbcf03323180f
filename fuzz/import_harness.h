/*
** import_harness.h: what the import fuzz targets share.  A target picks an
** importer and calls fuzz_import: the first input byte sets the chunk
** size (so strings, escapes, quotes and brackets split across chunks get
** tried), the rest is fed to the importer, and every record and skip it
** emits goes to a checker, never to a database.
*/
#ifndef SANCTUM_FUZZ_IMPORT_HARNESS_H
#define SANCTUM_FUZZ_IMPORT_HARNESS_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "import/formats.h"
#include "util/util.h"

/* Every record emitted must be well formed, its strings whole. */
static inline int
check_record(void *ctx, const struct import_record *r, const char *where,
    char *err)
{
	(void)ctx;
	(void)err;
	if (record_check(r) != NULL || where[0] == '\0' ||
	    strlen(r->group ? r->group : "") > 1000 ||
	    strlen(r->author ? r->author : "") > 1000)
		abort();
	return 0;
}

/* Every skip has a position and a reason. */
static inline void
check_skip(void *ctx, const char *where, const char *why)
{
	(void)ctx;
	if (where[0] == '\0' || why[0] == '\0')
		abort();
}

/* Feed data (after its first byte) to importer f in chunks. */
static inline int
fuzz_import(const struct import_format *f, const uint8_t *data, size_t size)
{
	struct import_emit e = { check_record, check_skip, NULL, NULL, "f" };
	char err[ERR_MAX];
	size_t step, off, n;
	void *p;
	int rc = 0;

	if (size < 1)
		return 0;
	step = (size_t)data[0] % 64 + 1;
	data++;
	size--;
	p = f->open(&e, err);
	if (p == NULL)
		return 0;
	for (off = 0; rc == 0 && off < size; off += n) {
		n = size - off < step ? size - off : step;
		rc = f->feed(p, (const char *)data + off, n, err);
	}
	if (rc == 0)
		f->end(p, err);
	f->free(p);
	return 0;
}

#endif
