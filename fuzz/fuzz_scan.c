/*
** fuzz_scan.c: libFuzzer target for the scanner, which reads every
** outside text sanctum is given: any bytes, normalised, winnowed, looked
** up in the index of a real demo community and judged (passages, places,
** runs).  Beyond the sanitizers, the oracle is that the text fed in two
** pieces, cut where its first byte says (inside a character, a word or a
** web address), is judged exactly as the text fed whole.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demo_harness.h"
#include "detect/index.h"
#include "detect/scan.h"

static struct app app;
static struct fpindex *ix;

/* Make a demo community and its index. */
int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char err[ERR_MAX] = "", pw[64];
	struct gate *gate;

	(void)argc; (void)argv;
	fuzz_demo(&app, &gate, pw, sizeof(pw));
	if (index_build(gate, &ix, err) != 0) {
		fprintf(stderr, "fuzz: %s\n", err);
		abort();
	}
	/* the index holds what it needs; a gate kept only in this frame
	** was reported as a leak at exit when no stack slot still held it */
	gate_free(gate);
	return 0;
}

/* Scan p[0..n) fed in two pieces, cut at cut; returns the matches. */
static size_t
scan(const uint8_t *p, size_t n, size_t cut, struct scan_match **m)
{
	struct scanner s;
	size_t nm = 0;

	scanner_init(&s, ix, NULL, SCAN_MIN_FPS, SCAN_MIN_WORDS);
	scanner_feed(&s, (const char *)p, cut);
	scanner_feed(&s, (const char *)p + cut, n - cut);
	if (scanner_finish(&s, m, &nm) != 0)
		abort();	/* out of memory on a few kilobytes */
	scanner_free(&s);
	return nm;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct scan_match *a, *b;
	size_t na, nb, i, k;

	na = scan(data, size, size, &a);
	nb = scan(data, size, size ? data[0] % (size + 1) : 0, &b);
	if (na != nb)
		abort();
	for (i = 0; i < na; i++) {
		if (a[i].post_id != b[i].post_id || a[i].fps != b[i].fps ||
		    a[i].nspans != b[i].nspans)
			abort();
		for (k = 0; k < a[i].nspans; k++)
			if (a[i].spans[k][0] != b[i].spans[k][0] ||
			    a[i].spans[k][1] != b[i].spans[k][1])
				abort();
	}
	scan_matches_free(a, na);
	scan_matches_free(b, nb);
	return 0;
}
