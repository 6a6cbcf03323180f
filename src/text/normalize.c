/*
** normalize.c: the streaming word normaliser.  See normalize.h.
*/
#include "normalize.h"

#include <pthread.h>
#include <string.h>
#include <utf8proc.h>
#if defined(__SSE2__) && defined(__x86_64__)
#include <emmintrin.h>
#endif

/* A word's hash: its folded bytes are taken 8 at a time as a
** little-endian number (the last one padded with zero bytes, which no
** folded byte is), each mixed in with one multiply, and the length at the
** end.  So the byte loop multiplies once in eight bytes, and the fast path
** hashes a word of up to 15 bytes with two. */
#define WORD_SEED 0xcbf29ce484222325ULL
#define WORD_PRIME 0x9fb21c651e98df25ULL

/* For each ASCII byte: 0 separates words, 1 is skipped (joins), any other
** value is the folded letter added to the word.  Bytes from 0x80 are 1
** too, so the fast path's letter loop needs one test; it tells them from
** joins by the byte itself. */
static uint8_t ascii_fold[256];

/* The word hashes of "http", "https" and "www", which start a web
** address when ":" or "." ends them. */
static uint64_t h_http, h_https, h_www;

/* The ASCII letter or digit that code point cp looks like (from the
** generated table of Unicode's confusables), or 0. */
static char
confusable_of(utf8proc_int32_t cp)
{
	size_t lo = 0, hi = norm_nconfusables, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (norm_confusables[mid].cp < (uint32_t)cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < norm_nconfusables && norm_confusables[lo].cp ==
	    (uint32_t)cp ? norm_confusables[lo].to : 0;
}

static pthread_once_t fold_once = PTHREAD_ONCE_INIT;

/* A final mix so that similar words spread over the whole hash. */
static inline uint64_t
mix64(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ULL;
	x ^= x >> 33;
	return x;
}

/* The word hash of a word whose chunks so far made h, with the
** unfinished chunk part, nbytes long in all. */
static inline uint64_t
word_hash(uint64_t h, uint64_t part, uint64_t nbytes)
{
	if (nbytes & 7)
		h = (h ^ part) * WORD_PRIME;
	return mix64(h ^ nbytes);
}

/* Add folded byte b, the word's nbytes-th, to the chunks h and part. */
static inline void
chunk_add(uint64_t *h, uint64_t *part, uint64_t nbytes, uint8_t b)
{
	*part |= (uint64_t)b << (8 * (nbytes & 7));
	if ((nbytes & 7) == 7) {
		*h = (*h ^ *part) * WORD_PRIME;
		*part = 0;
	}
}

/* The word hash of an ASCII word of letters and digits. */
static uint64_t
ascii_word(const char *w)
{
	uint64_t h = WORD_SEED, part = 0, nb;

	for (nb = 0; w[nb]; nb++)
		chunk_add(&h, &part, nb, ascii_fold[(uint8_t)w[nb]]);
	return word_hash(h, part, nb);
}

/* Does byte c end a web address (white space, or what encloses one)? */
static inline int
url_end(uint8_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
	    c == '\f' || c == '\v' || c == '<' || c == '>' || c == '"' ||
	    c == '`';
}

/* Is the word whose hash is h, ended by the byte c, the start of a web
** address ("http:", "https:", "www.")? */
static inline int
url_starts(uint64_t h, uint8_t c)
{
	return (c == ':' && (h == h_http || h == h_https)) ||
	    (c == '.' && h == h_www);
}

/* Fill the byte table (once, whichever thread comes first). */
static void
fold_fill(void)
{
	int c;

	for (c = 0x80; c < 0x100; c++)
		ascii_fold[c] = 1;
	for (c = 'a'; c <= 'z'; c++)
		ascii_fold[c] = (uint8_t)c;
	for (c = 'A'; c <= 'Z'; c++)
		ascii_fold[c] = (uint8_t)(c - 'A' + 'a');
	for (c = '0'; c <= '9'; c++)
		ascii_fold[c] = (uint8_t)c;
	/* OCR confusions */
	ascii_fold['0'] = 'o';
	ascii_fold['1'] = 'l';
	ascii_fold['i'] = 'l';
	ascii_fold['I'] = 'l';
	ascii_fold['|'] = 'l';
	/* apostrophes join: don't = dont */
	ascii_fold['\''] = 1;
	ascii_fold['`'] = 1;
	h_http = ascii_word("http");
	h_https = ascii_word("https");
	h_www = ascii_word("www");
}

static void
fold_init(void)
{
	pthread_once(&fold_once, fold_fill);
}

/* Start a normaliser that calls emit for each word. */
void
norm_init(struct norm *n, norm_emit emit, void *ctx)
{
	fold_init();
	memset(n, 0, sizeof(*n));
	n->emit = emit;
	n->ctx = ctx;
	n->h = WORD_SEED;
}

/* End the current word, if any. */
static inline void
word_end(struct norm *n)
{
	if (!n->inword)
		return;
	n->emit(n->ctx, word_hash(n->h, n->part, n->nbytes), n->word_start,
	    n->word_end);
	n->words++;
	n->inword = 0;
	n->h = WORD_SEED;
	n->part = 0;
	n->nbytes = 0;
}

/* Add one folded byte to the current word, which starts at pos. */
static inline void
word_add(struct norm *n, uint8_t b, int64_t pos)
{
	if (!n->inword) {
		n->inword = 1;
		n->word_start = pos;
	}
	chunk_add(&n->h, &n->part, n->nbytes++, b);
	n->word_end = pos + 1;
}

/* Handle one non-ASCII code point at character offset pos. */
static void
norm_codepoint(struct norm *n, utf8proc_int32_t cp, int64_t pos)
{
	utf8proc_int32_t out[8];
	utf8proc_ssize_t k, i;
	utf8proc_uint8_t bytes[4];
	utf8proc_ssize_t nb, j;
	const utf8proc_property_t *prop;
	char look;

	/* first what looks like a letter, even a spacing mark (U+0C02
	** looks like "o") */
	if ((look = confusable_of(cp)) != 0) {
		word_add(n, ascii_fold[(uint8_t)look], pos);
		return;
	}
	prop = utf8proc_get_property(cp);
	if (prop->category == UTF8PROC_CATEGORY_CF ||
	    prop->category == UTF8PROC_CATEGORY_MN ||
	    prop->category == UTF8PROC_CATEGORY_ME ||
	    prop->category == UTF8PROC_CATEGORY_MC ||
	    cp == 0x2019 || cp == 0x2018 || cp == 0x02bc || cp == 0x02b9)
		return;		/* invisible, a mark, or an apostrophe: join */
	k = utf8proc_decompose_char(cp, out, 8, UTF8PROC_COMPAT |
	    UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK | UTF8PROC_DECOMPOSE, NULL);
	if (k <= 0 || k > 8) {
		word_end(n);
		return;
	}
	for (i = 0; i < k; i++) {
		if (out[i] < 128) {
			uint8_t f = ascii_fold[out[i]];
			if (f == 0)
				word_end(n);
			else if (f > 1)
				word_add(n, f, pos);
			continue;
		}
		prop = utf8proc_get_property(out[i]);
		if (prop->category >= UTF8PROC_CATEGORY_LU &&
		    prop->category <= UTF8PROC_CATEGORY_LO) {
			nb = utf8proc_encode_char(out[i], bytes);
			for (j = 0; j < nb; j++)
				word_add(n, bytes[j], pos);
		} else if (prop->category == UTF8PROC_CATEGORY_ND ||
		    prop->category == UTF8PROC_CATEGORY_NL ||
		    prop->category == UTF8PROC_CATEGORY_NO) {
			nb = utf8proc_encode_char(out[i], bytes);
			for (j = 0; j < nb; j++)
				word_add(n, bytes[j], pos);
		} else if (prop->category == UTF8PROC_CATEGORY_MN ||
		    prop->category == UTF8PROC_CATEGORY_CF) {
			continue;
		} else {
			word_end(n);
		}
	}
}

/* Length of the UTF-8 sequence that starts with byte b (1 for invalid
** lead bytes, which are then treated as a replacement character). */
static inline int
seq_len(uint8_t b)
{
	if (b < 0xc2)
		return 1;
	if (b < 0xe0)
		return 2;
	if (b < 0xf0)
		return 3;
	if (b < 0xf5)
		return 4;
	return 1;
}

/* Decode and handle the sequence s of len bytes at the current offset. */
static void
norm_sequence(struct norm *n, const uint8_t *s, int len)
{
	utf8proc_int32_t cp;

	if (utf8proc_iterate(s, len, &cp) != len || cp < 0)
		word_end(n);	/* invalid: a separator */
	else if (n->url)	/* part of an address, unless a space */
		n->url = utf8proc_category(cp) != UTF8PROC_CATEGORY_ZS;
	else
		norm_codepoint(n, cp, n->pos);
	n->pos++;
}

#if defined(__SSE2__) && defined(__x86_64__)
/* Of the 16 bytes at q: the bits of those that make words (letters,
** digits and "|", which reads as "l"), and of those the byte loop must
** see (apostrophes, which join, and bytes from 0x80); the folded bytes
** are left in *folded. */
static inline void
classify16(const uint8_t *q, unsigned *word, unsigned *odd,
    __m128i *folded)
{
	__m128i v = _mm_loadu_si128((const __m128i *)q);
	__m128i low = _mm_or_si128(v, _mm_set1_epi8(0x20));
	__m128i alpha = _mm_and_si128(_mm_cmpgt_epi8(low,
	    _mm_set1_epi8('a' - 1)), _mm_cmplt_epi8(low,
	    _mm_set1_epi8('z' + 1)));
	__m128i digit = _mm_and_si128(_mm_cmpgt_epi8(v,
	    _mm_set1_epi8('0' - 1)), _mm_cmplt_epi8(v,
	    _mm_set1_epi8('9' + 1)));
	__m128i bar = _mm_cmpeq_epi8(v, _mm_set1_epi8('|'));
	__m128i f, to_l, to_o;

	*word = (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(alpha,
	    digit), bar));
	*odd = (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(
	    _mm_cmpeq_epi8(v, _mm_set1_epi8('\'')),
	    _mm_cmpeq_epi8(v, _mm_set1_epi8('`'))), v));
	/* letters lower case, then the OCR confusions of fold_fill */
	f = _mm_or_si128(_mm_and_si128(alpha, low), _mm_andnot_si128(alpha,
	    v));
	to_l = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(f,
	    _mm_set1_epi8('i')), _mm_cmpeq_epi8(v, _mm_set1_epi8('1'))),
	    bar);
	to_o = _mm_cmpeq_epi8(v, _mm_set1_epi8('0'));
	f = _mm_or_si128(_mm_and_si128(to_l, _mm_set1_epi8('l')),
	    _mm_andnot_si128(to_l, f));
	*folded = _mm_or_si128(_mm_and_si128(to_o, _mm_set1_epi8('o')),
	    _mm_andnot_si128(to_o, f));
}

/* The word hash of the len (1 to 15) folded bytes at the start of f. */
static inline uint64_t
hash16(__m128i f, unsigned len)
{
	uint64_t lo = (uint64_t)_mm_cvtsi128_si64(f);
	uint64_t hi = (uint64_t)_mm_cvtsi128_si64(_mm_unpackhi_epi64(f, f));
	uint64_t h = WORD_SEED;

	if (len > 8) {
		h = (h ^ lo) * WORD_PRIME;
		h = (h ^ (hi & (~0ULL >> (8 * (16 - len))))) * WORD_PRIME;
	} else {
		h = (h ^ (lo & (~0ULL >> (8 * (8 - len))))) * WORD_PRIME;
	}
	return mix64(h ^ len);
}
#endif

/* The ASCII fast path: take bytes from p up to the first non-ASCII byte
** or end, with the word's state in locals (the hot loop of every scan).
** Where 16 bytes can be read, a word of up to 15 letters ended within
** them is classified, folded and hashed all at once, so a word's length
** costs no branch; otherwise a run of letters costs a table load per
** byte.  Returns where it stopped. */
static const uint8_t *
norm_ascii(struct norm *n, const uint8_t *p, const uint8_t *end)
{
	const uint8_t *q = p;
	uint64_t h = n->h, part = n->part, nb = n->nbytes, wh;
	int64_t base = n->pos, ws = n->word_start, we = n->word_end;
	int inword = n->inword, url = n->url;
	uint8_t f;

	while (q < end) {
		if (url) {
			while (q < end && *q < 0x80 && !url_end(*q))
				q++;
			if (q == end || *q >= 0x80)
				break;
			url = 0;
		}
#if defined(__SSE2__) && defined(__x86_64__)
		while (!inword && end - q >= 16) {
			unsigned word, odd, len;
			__m128i folded;

			classify16(q, &word, &odd, &folded);
			if ((word & 1) == 0) {
				if ((word | odd) == 0) {
					q += 16;	/* separators */
					continue;
				}
				if (odd & ~(odd - 1) & (word - 1))
					break;	/* the byte loop's */
				q += __builtin_ctz(word);
				continue;
			}
			len = (unsigned)__builtin_ctz(~word);
			if (len == 16 || (odd >> len & 1))
				break;	/* long, or joined on: byte loop */
			wh = hash16(folded, len);
			if ((q[len] == ':' || q[len] == '.') &&
			    url_starts(wh, q[len])) {
				url = 1;	/* the word is the address's */
				q += len;
				break;
			}
			n->emit(n->ctx, wh, base + (q - p), base + (q - p) +
			    len);
			n->words++;
			q += len + 1;	/* and the separator after it */
		}
		if (url || q == end)
			continue;
#endif
		f = ascii_fold[*q];
		if (f > 1) {
			if (!inword) {
				inword = 1;
				ws = base + (q - p);
			}
			do {
				chunk_add(&h, &part, nb++, f);
				q++;
			} while (q < end && (f = ascii_fold[*q]) > 1);
			we = base + (q - p);
			continue;
		}
		if (f == 0 && inword) {
			wh = word_hash(h, part, nb);
			if (url_starts(wh, *q)) {
				url = 1;	/* the word is the address's */
			} else {
				n->emit(n->ctx, wh, ws, we);
				n->words++;
			}
			inword = 0;
			h = WORD_SEED;
			part = 0;
			nb = 0;
		} else if (*q >= 0x80) {
			break;
		}
		q++;
	}
	n->h = h;
	n->part = part;
	n->nbytes = nb;
	n->inword = inword;
	n->url = url;
	n->word_start = ws;
	n->word_end = we;
	n->pos = base + (q - p);
	return q;
}

/* Feed the next piece of text. */
void
norm_feed(struct norm *n, const char *text, size_t len)
{
	const uint8_t *p = (const uint8_t *)text, *end = p + len;
	int need;

	/* finish a character split by the last piece */
	while (n->npend > 0 && p < end) {
		need = seq_len(n->pend[0]);
		if ((*p & 0xc0) != 0x80) {
			norm_sequence(n, n->pend, n->npend);
			n->npend = 0;
			break;
		}
		n->pend[n->npend++] = *p++;
		if (n->npend == need) {
			norm_sequence(n, n->pend, n->npend);
			n->npend = 0;
		}
	}
	while (p < end) {
		uint8_t b = *p;
		if (b < 0x80) {
			p = norm_ascii(n, p, end);
			continue;
		}
		need = seq_len(b);
		if (need == 1) {
			norm_sequence(n, p, 1);
			p++;
			continue;
		}
		{
			int j, have = (int)(end - p) < need ? (int)(end - p) :
			    need;
			for (j = 1; j < have; j++)
				if ((p[j] & 0xc0) != 0x80)
					break;
			if (j < have) {	/* broken: lead and continuations
					** so far are one bad character */
				norm_sequence(n, p, j);
				p += j;
				continue;
			}
		}
		if (end - p < need) {
			memcpy(n->pend, p, (size_t)(end - p));
			n->npend = (int)(end - p);
			return;
		}
		norm_sequence(n, p, need);
		p += need;
	}
}

/* End the text: the last word is emitted. */
void
norm_finish(struct norm *n)
{
	if (n->npend > 0) {
		norm_sequence(n, n->pend, n->npend);
		n->npend = 0;
	}
	word_end(n);
}

static uint64_t one_hash;

/* Catch the hash of a single word. */
static void
catch_one(void *ctx, uint64_t h, int64_t s, int64_t e)
{
	(void)ctx; (void)s; (void)e;
	one_hash = h;
}

/* The token hash of one word (for tests and common-phrase tables). */
uint64_t
norm_word_hash(const char *word)
{
	struct norm n;

	one_hash = 0;
	norm_init(&n, catch_one, NULL);
	norm_feed(&n, word, strlen(word));
	norm_finish(&n);
	return one_hash;
}
