/*
** fuzz_import_lines.c: libFuzzer target for the one-record-a-line
** formats: the line splitter (with its 16 MiB cap), and the Reddit/
** Pushshift and JSONL mappings.  The first byte picks the format (its
** high bit) and the chunk size, so lines split across chunks get tried
** too.  Records go to a checker, never to a database.
*/

#include "import_harness.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	return fuzz_import(data[0] & 0x80 ? &jsonl_format : &reddit_format,
	    data, size);
}
