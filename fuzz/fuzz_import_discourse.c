/*
** fuzz_import_discourse.c: libFuzzer target for the Discourse mapping:
** its posts arrays, found by path in the streaming splitter, and "cooked"
** HTML turned to text with libxml2, from files a community
** downloads from elsewhere.  The first byte sets the chunk size, so
** strings, escapes and brackets split across chunks get tried too.
** Records go to a checker, never to a database.
*/

#include "import_harness.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	return fuzz_import(&discourse_format, data, size);
}
