/*
** watch.h: the watch list of external monitoring, and the rules that
** read outside text against it.
**
** A rule is a name the community goes by (its name, a nickname, a group's
** name, a distinctive phrase) and the words that, near it, tell of a leak
** or of mental health: "the community's name within 30 words of
** 'screenshot', 'suicidal', 'therapy group'".  Unless a rule gives its
** own, the words are sanctum's list in English, French and Spanish.
**
** Text is read as the leak detector reads it (text/normalize.h): every
** word normalised (case, accents, look-alike letters, invisible
** characters) and hashed.  A rule's name and its words become sequences
** of word hashes, and every pattern is found in one pass over the text
** with one table lookup per word, however many patterns there are (the
** reason for this engine rather than a byte-level one such as
** vectorscan: "ѕuісіdal" with Cyrillic letters, "sui\u200Bcidal" and
** "SUICIDAL" are the same word here, and whole words only: "leak" is not
** found in "bleak").  Distances are counted in words.
**
** Only outside text is ever read against the list: never what members
** read or write inside sanctum.
*/
#ifndef SANCTUM_WATCH_H
#define SANCTUM_WATCH_H

#include <stddef.h>
#include <stdint.h>

struct cli;
struct db;
struct gate;

#define WATCH_WORDS_MAX 8	/* words in one name or near word */
#define WATCH_NEAR_ITEMS 64	/* a rule's own near words at most */
#define WATCH_WITHIN 30		/* words, unless a rule says */

struct watch_set;

/* A name found near one of its rule's words. */
struct watch_hit {
	int64_t rule;			/* its id on the watch list */
	const char *name, *near;	/* the rule's name and the word found */
	int distance;			/* words between them */
	int64_t name_at, name_end;	/* character offsets in the text */
	int64_t near_at, near_end;
};

typedef int (*watch_each)(void *ctx, const struct watch_hit *h);

extern const char *const watch_default_near[];

int watch_words(const char *text, int max);
struct watch_set *watch_set_new(void);
int watch_set_rule(struct watch_set *w, int64_t id, const char *name,
    const char *near, int within);
struct watch_set *watch_load(struct db *db);
void watch_set_free(struct watch_set *w);
int watch_rules(const struct watch_set *w);
int watch_patterns(const struct watch_set *w);
int watch_text(const struct watch_set *w, const char *text, size_t n,
    watch_each each, void *ctx);

int watch_add(struct gate *g, const char *name, const char *near,
    int within, int64_t *id, char *err);
int watch_remove(struct gate *g, int64_t id, char *err);

int watch_add_cmd(struct cli *c, int argc, char **argv);
int watch_list_cmd(struct cli *c, int argc, char **argv);
int watch_remove_cmd(struct cli *c, int argc, char **argv);
int watch_test_cmd(struct cli *c, int argc, char **argv);
int watch_import_cmd(struct cli *c, int argc, char **argv);

#endif
