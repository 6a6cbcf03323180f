/*
** winnow.h: winnowing (Schleimer, Wilkerson and Aiken, 2003) over words.
**
** Words (token hashes from the normaliser) are grouped into k-grams of K
** consecutive words; of every window of W consecutive k-grams the one
** with the smallest hash is selected (the rightmost on a tie), and each
** selection is reported once.  Any run of at least W + K - 1 words shared
** by two texts therefore yields at least one common selection.  K and W
** were chosen by measurement (bench/detect, see docs/detection.md).
*/
#ifndef SANCTUM_WINNOW_H
#define SANCTUM_WINNOW_H

#include <stdint.h>

#define WINNOW_K 5
#define WINNOW_W 4
#define WINNOW_PARAMS (WINNOW_K * 100 + WINNOW_W)	/* stored with posts */

_Static_assert((WINNOW_W & (WINNOW_W - 1)) == 0, "W is a power of two");

/* A selected k-gram: its (unkeyed) hash, its number in the text, and the
** character offsets of its first word's start and last word's end. */
typedef void (*winnow_emit)(void *ctx, uint64_t hash, int64_t kgram,
    int64_t start, int64_t end);

#define WINNOW_RING 8	/* word ring: a power of two of at least K */
_Static_assert(WINNOW_RING >= WINNOW_K &&
    (WINNOW_RING & (WINNOW_RING - 1)) == 0, "the word ring holds K words");

struct winnow {
	winnow_emit emit;
	void *ctx;
	uint64_t words[WINNOW_RING];	/* ring of the last K word hashes */
	int64_t wstart[WINNOW_RING];	/* and where they start */
	int64_t nwords;
	uint64_t hash[WINNOW_W];	/* ring of the last W k-gram hashes
					   (W is a power of two) */
	int64_t kstart[WINNOW_W];
	int64_t kend[WINNOW_W];
	int64_t nkgrams;
	int64_t last;			/* the k-gram selected last, or -1 */
};

void winnow_init(struct winnow *w, winnow_emit emit, void *ctx);
void winnow_word(void *w, uint64_t hash, int64_t start, int64_t end);
void winnow_finish(struct winnow *w);

#endif
