/*
** fuzz_triage.c: libFuzzer target for the risk triage, which reads leaked
** text of any shape.  Beyond the sanitizers, the oracles: a level in
** range, at most the reasons it keeps, every span inside the text and in
** order, every phrase a piece of the text.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "response/triage.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct triage_result r;
	int64_t chars = 0;
	size_t i;
	int k;

	triage_text((const char *)data, size, &r);
	for (i = 0; i < size; i++)
		chars += (data[i] & 0xC0) != 0x80;
	if (r.level < TRIAGE_NONE || r.level > TRIAGE_BEHAVIOR ||
	    r.nreasons < 0 || r.nreasons > TRIAGE_REASONS_MAX)
		abort();
	for (k = 0; k < r.nreasons; k++) {
		if (r.reasons[k].start < 0 || r.reasons[k].start >
		    r.reasons[k].end || r.reasons[k].end > chars ||
		    r.reasons[k].rule == NULL ||
		    memmem(data, size, r.reasons[k].phrase,
		    strlen(r.reasons[k].phrase)) == NULL)
			abort();
	}
	return 0;
}
