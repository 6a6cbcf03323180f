/*
** normalize.h: turning outside text into comparable words.
**
** The normaliser reads UTF-8 text in pieces of any size (a character may
** be split between pieces) and emits one token per word: a 64-bit hash of
** the word's normalised form and the word's start and end as character
** offsets in the text it was given.  Normalisation is the same for the
** community's posts and for the text being scanned, so the two compare:
**   - NFKC compatibility forms and case folding (utf8proc), accents and
**     other combining marks removed;
**   - zero-width and other format characters (U+200B, U+00AD, U+FEFF ...)
**     and apostrophes removed, so "sui\u200Bcide" and "don't"/"dont" match;
**   - every character that looks like an ASCII letter or digit (Unicode's
**     confusables, UTS #39, as ICU ships them: a table made at build time
**     by tools/confusables.c) folded to that letter;
**   - common OCR confusions folded: 0 and o; 1, l, i and |;
**   - web addresses (from "http:", "https:" or "www." to the next space)
**     make no words at all: a share link's parameters or a forum's
**     address are the same in countless texts and say nothing of who
**     wrote what;
**   - everything that is not a letter or digit separates words.
** Plain ASCII is not decoded: a word of up to 15 of its letters is
** classified, folded and hashed at once, from 16 bytes read together,
** where the machine has SSE2 (x86-64); other words go through a byte
** table (the fast path, normalize.c).
*/
#ifndef SANCTUM_NORMALIZE_H
#define SANCTUM_NORMALIZE_H

#include <stddef.h>
#include <stdint.h>

typedef void (*norm_emit)(void *ctx, uint64_t hash, int64_t start,
    int64_t end);

struct norm {
	norm_emit emit;
	void *ctx;
	uint64_t h;		/* hash of the word's whole 8-byte chunks */
	uint64_t part;		/* and its unfinished chunk */
	uint64_t nbytes;	/* folded bytes of the word so far */
	int inword;
	int64_t word_start;	/* character offset of the word's start */
	int64_t word_end;	/* offset just after its last letter */
	int64_t pos;		/* character offset of the next character */
	uint8_t pend[4];	/* an incomplete UTF-8 sequence from the last piece */
	int npend;
	int url;		/* inside a web address: no words */
	int64_t words;		/* words emitted so far */
};

/* Bumped whenever normalisation changes what a text's words are, so
** that fingerprints made before are made again (winnow.h). */
#define NORM_VERSION 4

/* A character that looks like the ASCII letter or digit to. */
struct norm_confusable {
	uint32_t cp;
	char to;
};

extern const struct norm_confusable norm_confusables[];
extern const size_t norm_nconfusables;

void norm_init(struct norm *n, norm_emit emit, void *ctx);
void norm_feed(struct norm *n, const char *text, size_t len);
void norm_finish(struct norm *n);
uint64_t norm_word_hash(const char *word);

#endif
