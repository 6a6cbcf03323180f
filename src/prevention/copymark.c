/*
** copymark.c: invisible per-viewer marks in the text of posts, and
** reading them back from text found outside.  See copymark.h.
**
** A mark is 64 bits, most significant first, two bits a character:
**   2 bits   version (1)
**   30 bits  the account's number
**   32 bits  the first four bytes of a MAC under the community's token
**            sub-key over "sanctum copymark v1" and the account's number
** so a mark found outside names an account of this community only when
** the community's key says it does.
*/
#include "copymark.h"

#include <string.h>

#include "../core/gate.h"

/* The four characters, as UTF-8: U+200B ZERO WIDTH SPACE, U+200C ZERO
** WIDTH NON-JOINER, U+2060 WORD JOINER, U+2063 INVISIBLE SEPARATOR.  None
** of them joins letters (U+200D would change how Arabic and Indic letters
** after it are drawn), and all are default-ignorable: drawn as nothing. */
static const char symbol[4][3] = {
	{ '\xE2', '\x80', '\x8B' }, { '\xE2', '\x80', '\x8C' },
	{ '\xE2', '\x81', '\xA0' }, { '\xE2', '\x81', '\xA3' },
};

#define VERSION 1u

/* The 32 bits of MAC for account. */
static uint32_t
mark_mac(const struct gate *g, int64_t account)
{
	static const char domain[] = "sanctum copymark v1";
	uint8_t acc[8], mac[MAC_BYTES];
	struct mac_field f[2];
	uint64_t v = (uint64_t)account;
	int i;

	for (i = 0; i < 8; i++, v >>= 8)
		acc[i] = (uint8_t)(v & 0xff);
	f[0].p = domain;
	f[0].n = sizeof(domain) - 1;
	f[1].p = acc;
	f[1].n = sizeof(acc);
	gate_mac(g, f, 2, mac);
	return (uint32_t)mac[0] << 24 | (uint32_t)mac[1] << 16 |
	    (uint32_t)mac[2] << 8 | (uint32_t)mac[3];
}

/* Write the mark naming account (1 to COPYMARK_MAX_ACCOUNT - 1) into out,
** NUL-terminated.  Returns 0, or -1 for an account no mark can name. */
int
copymark_make(const struct gate *g, int64_t account,
    char out[COPYMARK_BYTES + 1])
{
	uint64_t code;
	int i;

	if (account <= 0 || account >= COPYMARK_MAX_ACCOUNT)
		return -1;
	code = (uint64_t)VERSION << 62 | (uint64_t)account << 32 |
	    mark_mac(g, account);
	for (i = 0; i < COPYMARK_SYMBOLS; i++)
		memcpy(out + 3 * i, symbol[(code >> (62 - 2 * i)) & 3], 3);
	out[COPYMARK_BYTES] = '\0';
	return 0;
}

/* Is code a mark of this community?  Returns 1 with *account set, or 0. */
int
copymark_verify(const struct gate *g, uint64_t code, int64_t *account)
{
	int64_t a = (int64_t)((code >> 32) & (COPYMARK_MAX_ACCOUNT - 1));

	if (code >> 62 != VERSION || a == 0 ||
	    (uint32_t)(code & 0xffffffffu) != mark_mac(g, a))
		return 0;
	*account = a;
	return 1;
}

static int
is_space(unsigned char c)
{
	return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

/* Hand text[0..n) to each in pieces, with mark between them as its own
** piece (is_mark set): at the start, at the start of every sentence (after
** '.', '!', '?' or a line break, and white space) and at the start of a
** word at least every COPYMARK_EVERY words.  Marks never fall inside a
** word.  Returns 0, or each's non-zero return. */
int
copymark_split(const char *text, size_t n, const char *mark,
    int (*each)(void *ctx, const char *p, size_t n, int is_mark), void *ctx)
{
	size_t i, from = 0, ml = strlen(mark);
	int words = 0, sentence_end = 0, newline = 0, rc;

	if (n == 0)
		return 0;
	if ((rc = each(ctx, mark, ml, 1)) != 0)
		return rc;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)text[i];
		if (!is_space(c))
			continue;
		/* the end of a word (or more white space) */
		if (i > 0 && !is_space((unsigned char)text[i - 1])) {
			words++;
			sentence_end = text[i - 1] == '.' ||
			    text[i - 1] == '!' || text[i - 1] == '?';
		}
		if (c == '\n')
			newline = 1;
		/* the start of the next word */
		if (i + 1 < n && !is_space((unsigned char)text[i + 1]) &&
		    (sentence_end || newline || words >= COPYMARK_EVERY)) {
			if ((rc = each(ctx, text + from, i + 1 - from, 0))
			    != 0 || (rc = each(ctx, mark, ml, 1)) != 0)
				return rc;
			from = i + 1;
			words = 0;
			sentence_end = newline = 0;
		}
	}
	return each(ctx, text + from, n - from, 0);
}

void
copymark_reader_init(struct copymark_reader *r)
{
	memset(r, 0, sizeof(*r));
}

/* Keep code, a window of COPYMARK_SYMBOLS symbols, as a candidate. */
static void
keep(struct copymark_reader *r, uint64_t code)
{
	size_t i;

	if (code >> 62 != VERSION)
		return;
	for (i = 0; i < r->ncodes; i++)
		if (r->codes[i] == code) {
			r->counts[i]++;
			return;
		}
	if (r->ncodes < COPYMARK_MAX_CODES) {
		r->codes[r->ncodes] = code;
		r->counts[r->ncodes++] = 1;
	}
}

/* One more symbol of the current run. */
static void
add_symbol(struct copymark_reader *r, unsigned s)
{
	uint64_t code = 0;
	size_t i, keepn = sizeof(r->run);

	if (r->nrun >= keepn)
		memmove(r->run, r->run + 1, keepn - 1);
	r->run[r->nrun < keepn ? r->nrun : keepn - 1] = (uint8_t)s;
	r->nrun++;
	/* every window of a run that could be a mark; a run much longer than
	** one mark is not one, and is read no further */
	if (r->nrun < COPYMARK_SYMBOLS || r->nrun > keepn)
		return;
	for (i = (r->nrun < keepn ? r->nrun : keepn) - COPYMARK_SYMBOLS;
	    i < (r->nrun < keepn ? r->nrun : keepn); i++)
		code = code << 2 | r->run[i];
	keep(r, code);
}

/* The symbol that the three bytes p stand for, or -1. */
static int
symbol_of(const uint8_t *p)
{
	int s;

	for (s = 0; s < 4; s++)
		if (memcmp(p, symbol[s], 3) == 0)
			return s;
	return -1;
}

/* Read the next piece of text. */
void
copymark_reader_feed(struct copymark_reader *r, const char *text, size_t n)
{
	const uint8_t *p = (const uint8_t *)text;
	uint8_t three[3];
	size_t i = 0, need;
	int s;

	/* a character split by the end of the last piece */
	if (r->npend > 0) {
		need = 3 - r->npend;
		if (n < need) {
			memcpy(r->pend + r->npend, p, n);
			r->npend += n;
			return;
		}
		memcpy(three, r->pend, r->npend);
		memcpy(three + r->npend, p, need);
		r->npend = 0;
		i = need;
		if ((s = symbol_of(three)) >= 0)
			add_symbol(r, (unsigned)s);
		else
			r->nrun = 0;
	}
	while (i < n) {
		if (p[i] != 0xE2) {
			/* any other character ends a run; the next symbol
			** can only start at the next 0xE2 */
			const uint8_t *e = memchr(p + i, 0xE2, n - i);
			r->nrun = 0;
			if (e == NULL)
				return;
			i = (size_t)(e - p);
		}
		if (n - i < 3) {
			memcpy(r->pend, p + i, n - i);
			r->npend = n - i;
			return;
		}
		if ((s = symbol_of(p + i)) >= 0) {
			add_symbol(r, (unsigned)s);
			i += 3;
		} else {
			r->nrun = 0;
			i++;
		}
	}
}

/* The text has ended. */
void
copymark_reader_finish(struct copymark_reader *r)
{
	r->nrun = 0;
	r->npend = 0;
}
