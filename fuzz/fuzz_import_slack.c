/*
** fuzz_import_slack.c: libFuzzer target for Slack exports: a zip archive
** read from memory with libarchive (both passes), users.json and
** channels.json, and each day's file streamed through the JSON splitter.
** Records go to a checker, never to a database.
*/

#include "import_harness.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct import_emit e = { check_record, check_skip, NULL, NULL, "f" };
	char err[ERR_MAX];

	slack_read_memory(data, size, &e, err);
	return 0;
}
