/*
** pseudonym.c: names that look alike (see pseudonym.h).
*/
#include "pseudonym.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uspoof.h>
#include <utf8proc.h>

#include "../store/community.h"
#include "../store/db.h"

/* One spoof checker for the process: opening one loads Unicode's
** confusables, and a checker used only to make skeletons is safe to share
** between threads (it is only read). */
static USpoofChecker *checker;
static pthread_once_t checker_once = PTHREAD_ONCE_INIT;

static void
checker_open(void)
{
	UErrorCode st = U_ZERO_ERROR;

	checker = uspoof_open(&st);
	if (U_FAILURE(st)) {
		if (checker)
			uspoof_close(checker);
		checker = NULL;
	}
}

/* NFKC with case folding of s: a malloc'd string, or NULL (invalid
** UTF-8, no memory). */
static char *
casefold(const char *s)
{
	utf8proc_uint8_t *out = NULL;

	if (utf8proc_map((const utf8proc_uint8_t *)s, 0, &out,
	    UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE |
	    UTF8PROC_COMPAT | UTF8PROC_CASEFOLD) < 0)
		return NULL;
	return (char *)out;
}

/* Write the skeleton of name into out (cap bytes): two names look alike
** when their skeletons are equal.  Returns 0, or -1 when name is not
** valid UTF-8, the skeleton does not fit, or ICU cannot be loaded. */
int
pseudonym_skeleton(const char *name, char *out, size_t cap)
{
	char skel[PSEUDONYM_SKELETON_MAX], *folded, *again;
	const utf8proc_uint8_t *p;
	utf8proc_int32_t c;
	utf8proc_ssize_t n;
	UErrorCode st = U_ZERO_ERROR;
	size_t o = 0;
	int len;

	pthread_once(&checker_once, checker_open);
	if (checker == NULL || cap == 0 || (folded = casefold(name)) == NULL)
		return -1;
	len = uspoof_getSkeletonUTF8(checker, 0, folded, -1, skel,
	    (int32_t)sizeof(skel), &st);
	free(folded);
	if (U_FAILURE(st) || len < 0 || (size_t)len >= sizeof(skel))
		return -1;
	skel[len] = '\0';
	if ((again = casefold(skel)) == NULL)
		return -1;
	/* letters, marks and digits only: "robin_k" is "robin.k" */
	for (p = (const utf8proc_uint8_t *)again; *p; p += n) {
		n = utf8proc_iterate(p, -1, &c);
		if (n <= 0)
			break;
		switch (utf8proc_category(c)) {
		case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
		case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
		case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
		case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
		case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL:
		case UTF8PROC_CATEGORY_NO:
			if (o + (size_t)n >= cap) {
				free(again);
				return -1;
			}
			memcpy(out + o, p, (size_t)n);
			o += (size_t)n;
			break;
		default:
			break;
		}
	}
	free(again);
	out[o] = '\0';
	return 0;
}

/* Write name in Unicode's composed form (NFC) into out (cap bytes) and
** check that it is a name one can be known by: 1 to PSEUDONYM_MAX bytes
** of letters, marks and digits of any script, with '.', '_' or '-'
** between them, starting with a letter or a digit.  Returns 0, or -1
** when it is not (out then holds nothing useful). */
int
pseudonym_normalize(const char *name, char *out, size_t cap)
{
	utf8proc_uint8_t *nfc;
	const utf8proc_uint8_t *p;
	utf8proc_int32_t c;
	utf8proc_ssize_t n;
	size_t len;
	int first = 1, ok = 1;

	if (cap > 0)
		out[0] = '\0';
	if (name == NULL || name[0] == '\0' || strlen(name) > 4 * PSEUDONYM_MAX)
		return -1;
	nfc = utf8proc_NFC((const utf8proc_uint8_t *)name);
	if (nfc == NULL)
		return -1;		/* not UTF-8 */
	len = strlen((const char *)nfc);
	if (len > PSEUDONYM_MAX || len >= cap) {
		free(nfc);
		return -1;
	}
	for (p = nfc; *p && ok; p += n, first = 0) {
		n = utf8proc_iterate(p, -1, &c);
		if (n <= 0)
			break;
		switch (utf8proc_category(c)) {
		case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
		case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
		case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_ND:
		case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
			break;
		case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC:
		case UTF8PROC_CATEGORY_ME:
			ok = !first;
			break;
		default:
			ok = !first && (c == '.' || c == '_' || c == '-');
			break;
		}
	}
	ok = ok && *p == '\0';
	if (ok)
		memcpy(out, nfc, len + 1);
	free(nfc);
	return ok ? 0 : -1;
}

struct look {
	const char *name;
	char skel[PSEUDONYM_SKELETON_MAX];
	char *like;
	size_t cap;
};

static int
compare_name(void *ctx, const char *name)
{
	struct look *l = ctx;
	char skel[PSEUDONYM_SKELETON_MAX];

	if (name == NULL || strcmp(name, l->name) == 0 ||
	    pseudonym_skeleton(name, skel, sizeof(skel)) != 0 ||
	    strcmp(skel, l->skel) != 0)
		return 0;
	if (l->cap > 0) {
		strncpy(l->like, name, l->cap - 1);
		l->like[l->cap - 1] = '\0';
	}
	return 1;
}

/* Does name look like a member's pseudonym or an account's name in use
** (other than name itself)?  Returns 1 with that name in like (cap
** bytes), 0, or -1 (name is not valid UTF-8, or the database failed). */
int
pseudonym_lookalike(struct db *db, const char *name, char *like, size_t cap)
{
	struct look l;

	l.name = name;
	l.like = like;
	l.cap = cap;
	if (pseudonym_skeleton(name, l.skel, sizeof(l.skel)) != 0)
		return -1;
	/* a name of only separators has an empty skeleton, like no other */
	if (l.skel[0] == '\0')
		return 0;
	return community_name_each(db, compare_name, &l);
}

/* Find the member known by name as a person typed it: composed (NFC)
** first, then looked up.  Returns 1 with *id, 0 when no member is known
** by that name (a name that could not be one included), or -1 when the
** members cannot be read. */
int
pseudonym_member(struct db *db, const char *name, int64_t *id)
{
	char norm[4 * PSEUDONYM_MAX + 1];

	if (pseudonym_normalize(name, norm, sizeof(norm)) != 0)
		return 0;
	return community_member_by_pseudonym(db, norm, id);
}
