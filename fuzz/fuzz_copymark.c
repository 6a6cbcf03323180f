/*
** fuzz_copymark.c: libFuzzer target for the copy-mark reader, which reads
** text found outside (pasted, uploaded, fetched).  The first byte sets the
** size of the pieces the text is handed over in, as extraction would.
** Beyond the sanitizers, the oracles: the reader keeps at most its
** candidates, every candidate is a whole run of mark characters, and
** splitting the text for marks loses or changes none of it.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "prevention/copymark.h"

static const char *mark = "\xE2\x80\x8B\xE2\x80\x8C\xE2\x81\xA0";

struct joined {
	const uint8_t *want;
	size_t n, at;
};

static int
check_piece(void *ctx, const char *p, size_t n, int is_mark)
{
	struct joined *j = ctx;

	if (is_mark)
		return p == mark ? 0 : 1;
	if (j->at + n > j->n || memcmp(j->want + j->at, p, n) != 0)
		abort();
	j->at += n;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct copymark_reader r;
	struct joined j;
	size_t step, i;

	if (size < 1)
		return 0;
	step = (size_t)data[0] % 17 + 1;
	data++;
	size--;
	copymark_reader_init(&r);
	for (i = 0; i < size; i += step)
		copymark_reader_feed(&r, (const char *)data + i,
		    size - i < step ? size - i : step);
	copymark_reader_finish(&r);
	if (r.ncodes > COPYMARK_MAX_CODES)
		abort();
	for (i = 0; i < r.ncodes; i++)
		if (r.counts[i] == 0 || r.codes[i] >> 62 != 1)
			abort();
	j.want = data;
	j.n = size;
	j.at = 0;
	if (copymark_split((const char *)data, size, mark, check_piece, &j)
	    != 0 || j.at != size)
		abort();
	return 0;
}
