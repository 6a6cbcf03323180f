/*
** pseudonym.h: names that look alike.
**
** In a space where members trust who is speaking, a new name that looks
** like one already in use ("r0bin" beside "robin", "Sam" beside "sam",
** "rnoderator" beside "moderator", a Cyrillic "о" in "rоbin") lets one
** person pass for a member or a moderator.  A name is refused when its
** skeleton is another name's: NFKC with case folding (utf8proc), then
** Unicode's confusable skeleton (UTS #39, through ICU's spoof checker: the
** same data the leak detector folds look-alike letters with, normalize.h),
** case folded again, keeping only letters, marks and digits.  A name is
** never its own look-alike, so linking an account to the imported member
** of exactly that name still works.
**
** Names may be written in any script: nobody has to romanise their name.
** A name is kept in Unicode's composed form (NFC), so the same name typed
** on two keyboards is one name.
*/
#ifndef SANCTUM_PSEUDONYM_H
#define SANCTUM_PSEUDONYM_H

#include <stddef.h>
#include <stdint.h>

struct db;

#define PSEUDONYM_SKELETON_MAX 1024	/* bytes, with the final NUL */
#define PSEUDONYM_MAX 64		/* bytes of a name, composed (NFC) */

int pseudonym_normalize(const char *name, char *out, size_t cap);

int pseudonym_skeleton(const char *name, char *out, size_t cap);
int pseudonym_lookalike(struct db *db, const char *name, char *like,
    size_t cap);
int pseudonym_member(struct db *db, const char *name, int64_t *id);

#endif
