/*
** fuzz_import_slack.c: libFuzzer target for Slack exports: a zip archive
** read from memory with libarchive (both passes), users.json and
** channels.json, and each day's file streamed through the JSON splitter.
** Records go to a checker, never to a database.
*/
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "import/formats.h"
#include "util/util.h"

/* Every record emitted must be well formed, its strings whole. */
static int
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
static void
check_skip(void *ctx, const char *where, const char *why)
{
	(void)ctx;
	if (where[0] == '\0' || why[0] == '\0')
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct import_emit e = { check_record, check_skip, NULL, NULL, "f" };
	char err[ERR_MAX];

	slack_read_memory(data, size, &e, err);
	return 0;
}
