/*
** winnow.c: streaming winnowing.  See winnow.h.
*/
#include "winnow.h"


/* Start with no words seen, selecting from windows of window k-grams
** (1 to WINNOW_WMAX). */
void
winnow_init(struct winnow *w, int window, winnow_emit emit, void *ctx)
{
	/* the rings (24 KiB) are written before they are read: clearing
	** them would cost more than fingerprinting a short post */
	w->nwords = 0;
	w->nkgrams = 0;
	w->w = window < 1 ? 1 : window > WINNOW_WMAX ? WINNOW_WMAX : window;
	w->emit = emit;
	w->ctx = ctx;
	w->last = -1;
}

/* Hash the last K words, oldest first (the ring's newest word is at
** nwords - 1).  The mix is fixed: fingerprints stored with posts depend
** on it. */
static inline uint64_t
kgram_hash(const struct winnow *w)
{
	uint64_t h = 0x9e3779b97f4a7c15ULL;
	int64_t i;

#pragma GCC unroll 8
	for (i = 0; i < WINNOW_K; i++) {
		h ^= w->words[(w->nwords - WINNOW_K + i) & (WINNOW_RING - 1)];
		h = (h << 27 | h >> 37) * 0x94d049bb133111ebULL;
	}
	return h ^ (h >> 31);
}

/* Select the minimum of the current window (the last min(W, nkgrams)
** k-grams) and report it unless it was reported already. */
static void
select_min(struct winnow *w)
{
	int64_t i, from = w->nkgrams > w->w ? w->nkgrams - w->w : 0;
	int64_t best = -1;

	for (i = from; i < w->nkgrams; i++)
		if (best < 0 || w->hash[i & (WINNOW_KRING - 1)] <=
		    w->hash[best & (WINNOW_KRING - 1)])
			best = i;
	if (best >= 0 && best != w->last) {
		w->last = best;
		w->emit(w->ctx, w->hash[best & (WINNOW_KRING - 1)], best,
		    w->kstart[best & (WINNOW_KRING - 1)],
		    w->kend[best & (WINNOW_KRING - 1)]);
	}
}

/* Take the next word (a norm_emit callback; w is a struct winnow).  The
** last K words are kept in a ring, so a word costs one store, not a
** shift of K. */
void
winnow_word(void *wp, uint64_t hash, int64_t start, int64_t end)
{
	struct winnow *w = wp;
	int64_t slot;

	w->words[w->nwords & (WINNOW_RING - 1)] = hash;
	w->wstart[w->nwords & (WINNOW_RING - 1)] = start;
	w->nwords++;
	if (w->nwords < WINNOW_K)
		return;
	slot = w->nkgrams & (WINNOW_KRING - 1);
	w->hash[slot] = kgram_hash(w);
	w->kstart[slot] = w->wstart[(w->nwords - WINNOW_K) &
	    (WINNOW_RING - 1)];
	w->kend[slot] = end;
	w->nkgrams++;
	/* the selected minimum only changes when it leaves the window or a
	** smaller (or equal) hash arrives */
	if (w->nkgrams >= w->w) {
		if (w->last < w->nkgrams - w->w ||
		    w->hash[slot] <= w->hash[w->last & (WINNOW_KRING - 1)])
			select_min(w);
	}
}

/* End of text: a text shorter than one window still gets its minimum. */
void
winnow_finish(struct winnow *w)
{
	if (w->nkgrams > 0 && w->nkgrams < w->w)
		select_min(w);
}
