/*
** fuzz_index.c: libFuzzer target for the exported index file loader,
** which reads files that travel between machines.  A file that loads
** must also answer lookups and filter tests without reading out of
** bounds.
*/
#include <stddef.h>
#include <stdint.h>

#include "detect/index.h"
#include "util/util.h"

static volatile uint64_t sink;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fpindex *ix;
	const struct index_entry *e;
	char err[ERR_MAX];
	uint64_t probe = 0x9e3779b97f4a7c15ULL, h;
	uint32_t i, n;
	uint64_t sum = 0;
	int k;

	if (index_load_buffer(data, size, &ix, err) != 0)
		return 0;
	for (k = 0; k < 64; k++) {
		probe = probe * 6364136223846793005ULL + 1442695040888963407ULL;
		h = index_filter_hash(ix, probe);
		(void)index_filter_maybe(index_filter_block(ix, h), h);
		(void)index_filter_maybe(index_filter_all_block(ix, h), h);
		n = index_lookup(ix, probe, &e);
		for (i = 0; i < n; i++)
			sum += ix->posts[e[i].post & INDEX_ENTRY_POST].nfps;
	}
	for (i = 0; i < ix->nposts; i++)
		sum += ix->posts[i].words;
	sink = sum;	/* keeps the reads */
	index_free(ix);
	return 0;
}
