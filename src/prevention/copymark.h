/*
** copymark.h: copy marks, not surveillance.
**
** The text of a post that a member is shown carries, invisibly, the
** account it was shown to: at its start, at the start of every sentence
** and at least every COPYMARK_EVERY words, a run of 32 zero-width
** characters (U+200B, U+200C, U+2060, U+2063: two bits each) encodes the
** account's number and a keyed MAC over it, so a copy of a sentence or two
** that was pasted, re-wrapped or quoted elsewhere names the account, and
** nobody can make a mark that names someone else without the community's
** key.  The console puts each run in an aria-hidden element, so screen
** readers announce the post as its author wrote it; the leak detector's
** normaliser drops these characters, so marks never change what a scan
** matches.  Nothing records who read what: the mark is made as the page
** is served and kept nowhere.  The pledge says plainly that copies can be
** traced.
*/
#ifndef SANCTUM_COPYMARK_H
#define SANCTUM_COPYMARK_H

#include <stddef.h>
#include <stdint.h>

struct gate;

#define COPYMARK_SYMBOLS 32	/* characters in one mark */
#define COPYMARK_BYTES (COPYMARK_SYMBOLS * 3)	/* its UTF-8 */
#define COPYMARK_EVERY 12	/* words between marks, at most */
#define COPYMARK_MAX_ACCOUNT ((int64_t)1 << 30)	/* accounts a mark can name */
#define COPYMARK_MAX_CODES 1024	/* distinct marks one reading keeps */

int copymark_make(const struct gate *g, int64_t account,
    char out[COPYMARK_BYTES + 1]);
int copymark_split(const char *text, size_t n, const char *mark,
    int (*each)(void *ctx, const char *p, size_t n, int is_mark), void *ctx);

/* Finds marks in text handed to it in pieces (each valid UTF-8); only
** what copymark_verify accepts names anyone. */
struct copymark_reader {
	uint8_t run[COPYMARK_SYMBOLS * 2];	/* the run's last symbols */
	size_t nrun;		/* symbols in the current run */
	uint64_t codes[COPYMARK_MAX_CODES];
	unsigned counts[COPYMARK_MAX_CODES];
	size_t ncodes;
	uint8_t pend[2];	/* a character split between two pieces */
	size_t npend;
};

void copymark_reader_init(struct copymark_reader *r);
void copymark_reader_feed(struct copymark_reader *r, const char *p,
    size_t n);
void copymark_reader_finish(struct copymark_reader *r);
int copymark_verify(const struct gate *g, uint64_t code, int64_t *account);

#endif
