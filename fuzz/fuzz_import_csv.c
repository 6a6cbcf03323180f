/*
** fuzz_import_csv.c: libFuzzer target for CSV imports: libcsv fed a line
** at a time in chunks whose size the first byte sets, the header mapping,
** field caps and line numbering.  Records go to a checker, never to a
** database.
*/

#include "import_harness.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	return fuzz_import(&csvfile_format, data, size);
}
