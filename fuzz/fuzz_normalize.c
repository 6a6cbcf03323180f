/*
** fuzz_normalize.c: libFuzzer target for the text normaliser, which reads
** every byte of outside text.  Beyond the sanitizers, the oracle is that
** feeding the text in one piece or in pieces split at a point chosen by
** the input gives the same words at the same offsets.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text/normalize.h"

struct words {
	uint64_t h[4096];
	int64_t s[4096], e[4096];
	int n;
};

static void
take(void *ctx, uint64_t h, int64_t s, int64_t e)
{
	struct words *w = ctx;

	if (w->n < 4096) {
		w->h[w->n] = h;
		w->s[w->n] = s;
		w->e[w->n] = e;
		w->n++;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct words a, b;
	struct norm n;
	size_t cut, i;

	if (size < 1)
		return 0;
	cut = data[0] % size;
	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	norm_init(&n, take, &a);
	norm_feed(&n, (const char *)data + 1, size - 1);
	norm_finish(&n);
	norm_init(&n, take, &b);
	for (i = 1; i < size; i += cut + 1)
		norm_feed(&n, (const char *)data + i, (size - i) < cut + 1 ?
		    size - i : cut + 1);
	norm_finish(&n);
	if (a.n != b.n || memcmp(a.h, b.h, sizeof(a.h[0]) * (size_t)a.n) ||
	    memcmp(a.s, b.s, sizeof(a.s[0]) * (size_t)a.n) ||
	    memcmp(a.e, b.e, sizeof(a.e[0]) * (size_t)a.n))
		abort();
	return 0;
}
