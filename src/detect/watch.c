/*
** watch.c: the watch list's rules, and `sanctum watch ...`.  See watch.h.
*/
#include "watch.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../cli.h"
#include "../core/gate.h"
#include "../store/db.h"
#include "../store/monitor.h"
#include "../text/normalize.h"
#include "../util/buf.h"
#include "../util/util.h"

/* Words that, near the community's name, tell of a leak or of mental
** health, in the languages sanctum has templates for. */
const char *const watch_default_near[] = {
	/* English */
	"screenshot", "screenshots", "screen shot", "screencap", "leaked",
	"leak", "reposted", "suicidal", "suicide", "self-harm", "self harm",
	"cutting", "overdose", "therapy group", "support group", "therapy",
	"trauma", "abuse", "abused", "depression", "anxiety", "ptsd",
	"mental health", "eating disorder", "private group", "crisis",
	/* French */
	"capture d'écran", "captures d'écran", "fuite", "suicidaire",
	"automutilation", "groupe de parole", "groupe de soutien", "thérapie",
	"traumatisme", "santé mentale", "dépression",
	/* Spanish */
	"captura de pantalla", "capturas de pantalla", "filtrado", "suicida",
	"suicidio", "autolesión", "grupo de apoyo", "terapia", "trauma",
	"salud mental", "depresión",
	NULL
};

struct pattern {
	uint64_t h[WATCH_WORDS_MAX];
	int n;
	char *text;
	int next;		/* the next pattern with the same first word */
};

struct rule {
	int64_t id;
	int name;		/* its pattern */
	int within;
	int *near;		/* its near words' patterns */
	int nnear;
};

struct watch_set {
	struct pattern *p;
	int np, cp;
	struct rule *r;
	int nr, cr;
	/* first word -> first pattern: open addressing, capacity a power
	** of two, made on demand */
	uint64_t *key;
	int *head;
	size_t cap;
	int dirty;
};

struct words {
	uint64_t *h;
	int64_t *start, *end;
	size_t n, cap;
	int max;		/* stop after this many (0: no limit) */
	int failed;
};

static void
keep_word(void *ctx, uint64_t hash, int64_t start, int64_t end)
{
	struct words *w = ctx;
	size_t cap;

	if (w->failed || (w->max && w->n >= (size_t)w->max + 1))
		return;
	if (w->n == w->cap) {
		cap = w->cap ? w->cap * 2 : 64;
		uint64_t *h = realloc(w->h, cap * sizeof(*h));
		int64_t *s = h ? realloc(w->start, cap * sizeof(*s)) : NULL;
		int64_t *e = s ? realloc(w->end, cap * sizeof(*e)) : NULL;
		if (h)
			w->h = h;
		if (s)
			w->start = s;
		if (e == NULL) {
			w->failed = 1;
			return;
		}
		w->end = e;
		w->cap = cap;
	}
	w->h[w->n] = hash;
	w->start[w->n] = start;
	w->end[w->n++] = end;
}

static void
words_free(struct words *w)
{
	free(w->h);
	free(w->start);
	free(w->end);
}

static int
words_of(const char *text, size_t n, int max, struct words *w)
{
	struct norm nm;

	memset(w, 0, sizeof(*w));
	w->max = max;
	norm_init(&nm, keep_word, w);
	norm_feed(&nm, text, n);
	norm_finish(&nm);
	return w->failed ? -1 : 0;
}

/* How many words text makes, as the detector reads them (at most max + 1;
** -1 when out of memory). */
int
watch_words(const char *text, int max)
{
	struct words w;
	int n;

	if (words_of(text, strlen(text), max, &w) != 0) {
		words_free(&w);
		return -1;
	}
	n = (int)w.n;
	words_free(&w);
	return n;
}

struct watch_set *
watch_set_new(void)
{
	return calloc(1, sizeof(struct watch_set));
}

void
watch_set_free(struct watch_set *w)
{
	int i;

	if (w == NULL)
		return;
	for (i = 0; i < w->np; i++)
		free(w->p[i].text);
	for (i = 0; i < w->nr; i++)
		free(w->r[i].near);
	free(w->p);
	free(w->r);
	free(w->key);
	free(w->head);
	free(w);
}

/* The pattern for text (made when new).  Returns its index, -1 when text
** is no words or more than WATCH_WORDS_MAX, or -2 out of memory. */
static int
pattern_of(struct watch_set *w, const char *text)
{
	struct words ws;
	struct pattern *p;
	int i;
	size_t k;

	if (words_of(text, strlen(text), WATCH_WORDS_MAX, &ws) != 0) {
		words_free(&ws);
		return -2;
	}
	if (ws.n == 0 || ws.n > WATCH_WORDS_MAX) {
		words_free(&ws);
		return -1;
	}
	for (i = 0; i < w->np; i++) {
		if (w->p[i].n != (int)ws.n)
			continue;
		for (k = 0; k < ws.n && w->p[i].h[k] == ws.h[k]; k++)
			;
		if (k == ws.n) {
			words_free(&ws);
			return i;
		}
	}
	if (w->np == w->cp) {
		int cp = w->cp ? w->cp * 2 : 64;
		struct pattern *np = realloc(w->p, (size_t)cp * sizeof(*np));
		if (np == NULL) {
			words_free(&ws);
			return -2;
		}
		w->p = np;
		w->cp = cp;
	}
	p = &w->p[w->np];
	memset(p, 0, sizeof(*p));
	p->n = (int)ws.n;
	for (k = 0; k < ws.n; k++)
		p->h[k] = ws.h[k];
	p->next = -1;
	words_free(&ws);
	if ((p->text = strdup(text)) == NULL)
		return -2;
	w->dirty = 1;
	return w->np++;
}

/* Add rule id: name near the words of near (comma-separated; NULL or ""
** for sanctum's list) within `within` words.  Returns 0, -1 when the
** name or a word makes no words or too many, or -2 out of memory. */
int
watch_set_rule(struct watch_set *w, int64_t id, const char *name,
    const char *near, int within)
{
	struct rule *r;
	char *copy = NULL, *item, *save = NULL;
	int k = -1, i;

	if (w->nr == w->cr) {
		int cr = w->cr ? w->cr * 2 : 16;
		struct rule *nr = realloc(w->r, (size_t)cr * sizeof(*nr));
		if (nr == NULL)
			return -2;
		w->r = nr;
		w->cr = cr;
	}
	r = &w->r[w->nr];
	memset(r, 0, sizeof(*r));
	r->id = id;
	r->within = within;
	if ((r->name = pattern_of(w, name)) < 0)
		return r->name;
	if ((r->near = calloc(WATCH_NEAR_ITEMS, sizeof(int))) == NULL)
		return -2;
	if (near == NULL || near[0] == '\0') {
		for (i = 0; watch_default_near[i] && r->nnear <
		    WATCH_NEAR_ITEMS; i++)
			if ((k = pattern_of(w, watch_default_near[i])) >= 0)
				r->near[r->nnear++] = k;
	} else {
		if ((copy = strdup(near)) == NULL)
			goto nomem;
		for (item = strtok_r(copy, ",", &save); item; item =
		    strtok_r(NULL, ",", &save)) {
			while (*item == ' ')
				item++;
			if (*item == '\0')
				continue;
			if (r->nnear == WATCH_NEAR_ITEMS ||
			    (k = pattern_of(w, item)) < 0) {
				free(copy);
				free(r->near);
				r->near = NULL;
				return r->nnear == WATCH_NEAR_ITEMS ? -1 : k;
			}
			r->near[r->nnear++] = k;
		}
		free(copy);
		if (r->nnear == 0) {
			free(r->near);
			r->near = NULL;
			return -1;
		}
	}
	w->nr++;
	return 0;
nomem:
	free(r->near);
	r->near = NULL;
	return -2;
}

static size_t
slot(uint64_t h, size_t cap)
{
	return (size_t)(h ^ (h >> 29)) & (cap - 1);
}

/* (Re)make the first-word table.  Returns 0 or -1. */
static int
build(struct watch_set *w)
{
	size_t cap = 16, s;
	int i;

	if (!w->dirty && w->key)
		return 0;
	while (cap < (size_t)w->np * 2)
		cap *= 2;
	free(w->key);
	free(w->head);
	w->key = calloc(cap, sizeof(*w->key));
	w->head = malloc(cap * sizeof(*w->head));
	if (w->key == NULL || w->head == NULL)
		return -1;
	for (s = 0; s < cap; s++)
		w->head[s] = -1;
	w->cap = cap;
	for (i = w->np - 1; i >= 0; i--) {
		uint64_t h = w->p[i].h[0];
		for (s = slot(h, cap); w->head[s] >= 0 && w->key[s] != h;
		    s = (s + 1) & (cap - 1))
			;
		w->key[s] = h;
		w->p[i].next = w->head[s];
		w->head[s] = i;
	}
	w->dirty = 0;
	return 0;
}

struct found {
	int pat;
	size_t at;		/* its first word */
};

static int
by_pattern_then_word(const void *a, const void *b)
{
	const struct found *x = a, *y = b;

	if (x->pat != y->pat)
		return x->pat < y->pat ? -1 : 1;
	return x->at < y->at ? -1 : x->at > y->at;
}

/* The first entry of f (sorted by pattern, then place) at or after
** pattern pat's place at. */
static size_t
found_at(const struct found *f, size_t nf, int pat, size_t at)
{
	size_t lo = 0, hi = nf, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (f[mid].pat < pat || (f[mid].pat == pat && f[mid].at < at))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Read text against the rules: each place a rule's name stands within
** its distance of one of its words is given to each (with the nearest
** such word).  Returns the number of hits, or -1 (out of memory, or each
** returned non-zero). */
int
watch_text(const struct watch_set *cw, const char *text, size_t n,
    watch_each each, void *ctx)
{
	struct watch_set *w = (struct watch_set *)cw;
	struct words ws;
	struct found *f = NULL;
	size_t nf = 0, cf = 0, i, s, lo, hi, j;
	int k, q, hits = 0, rc = 0;

	if (w->nr == 0)
		return 0;
	if (build(w) != 0 || words_of(text, n, 0, &ws) != 0) {
		words_free(&ws);
		return -1;
	}
	/* every pattern found, in one pass: a lookup per word */
	for (i = 0; i < ws.n; i++) {
		uint64_t h = ws.h[i];
		for (s = slot(h, w->cap); w->head[s] >= 0 && w->key[s] != h;
		    s = (s + 1) & (w->cap - 1))
			;
		for (k = w->head[s]; k >= 0; k = w->p[k].next) {
			const struct pattern *p = &w->p[k];
			if (i + (size_t)p->n > ws.n)
				continue;
			for (q = 1; q < p->n && ws.h[i + q] == p->h[q]; q++)
				;
			if (q < p->n)
				continue;
			if (nf == cf) {
				cf = cf ? cf * 2 : 64;
				struct found *nfp = realloc(f, cf * sizeof(*f));
				if (nfp == NULL) {
					rc = -1;
					goto done;
				}
				f = nfp;
			}
			f[nf].pat = k;
			f[nf++].at = i;
		}
	}
	if (nf == 0)
		goto done;
	qsort(f, nf, sizeof(*f), by_pattern_then_word);
	/* each rule: its name's places, and the nearest of its words, found
	** by binary search in f (sorted by pattern, then place), so the cost
	** grows with the places found, not with rules times places */
	for (k = 0; k < w->nr; k++) {
		const struct rule *r = &w->r[k];
		const struct pattern *np = &w->p[r->name];

		lo = found_at(f, nf, r->name, 0);
		hi = found_at(f, nf, r->name + 1, 0);
		for (i = lo; i < hi; i++) {
			struct watch_hit hit;
			int best = -1, bestd = 0, m, c;
			size_t a = f[i].at, bj = 0, b0, b1, cand[2];

			for (m = 0; m < r->nnear; m++) {
				int pn = r->near[m];
				const struct pattern *kp = &w->p[pn];

				if (pn == r->name)
					continue;
				b0 = found_at(f, nf, pn, 0);
				b1 = found_at(f, nf, pn + 1, 0);
				if (b0 == b1)
					continue;
				/* the nearest are the last place before the name
				** and the first at or after it */
				j = found_at(f, nf, pn, a);
				cand[0] = j > b0 ? j - 1 : SIZE_MAX;
				cand[1] = j < b1 ? j : SIZE_MAX;
				for (c = 0; c < 2; c++) {
					int d;

					if (cand[c] == SIZE_MAX)
						continue;
					j = cand[c];
					if (f[j].at + (size_t)kp->n <= a)
						d = (int)(a - (f[j].at + kp->n - 1));
					else if (f[j].at >= a + (size_t)np->n)
						d = (int)(f[j].at - (a + np->n - 1));
					else
						d = 0;
					if (d > r->within)
						continue;
					/* as a scan of f in order would choose:
					** the least distance, then the first in f */
					if (best < 0 || d < bestd || (d == bestd &&
					    j < bj)) {
						best = pn;
						bestd = d;
						bj = j;
					}
				}
			}
			if (best < 0)
				continue;
			memset(&hit, 0, sizeof(hit));
			hit.rule = r->id;
			hit.name = np->text;
			hit.near = w->p[best].text;
			hit.distance = bestd;
			hit.name_at = ws.start[a];
			hit.name_end = ws.end[a + np->n - 1];
			hit.near_at = ws.start[f[bj].at];
			hit.near_end = ws.end[f[bj].at + w->p[best].n - 1];
			hits++;
			if (each && each(ctx, &hit) != 0) {
				rc = -1;
				goto done;
			}
		}
	}
done:
	free(f);
	words_free(&ws);
	return rc < 0 ? -1 : hits;
}

int
watch_rules(const struct watch_set *w)
{
	return w->nr;
}

int
watch_patterns(const struct watch_set *w)
{
	return w->np;
}

static int
load_row(void *ctx, const struct watch_row *r)
{
	return watch_set_rule(ctx, r->id, r->text, r->near, r->within) == -2 ?
	    -1 : 0;
}

/* The community's watch list, ready to read text against.  Returns a new
** set (watch_set_free), or NULL. */
struct watch_set *
watch_load(struct db *db)
{
	struct watch_set *w = watch_set_new();

	if (w == NULL || monitor_watch_each(db, load_row, w) != 0) {
		watch_set_free(w);
		return NULL;
	}
	return w;
}

/* Put name on the watch list, near the words of near (comma-separated;
** "" for sanctum's list) within `within` words.  Returns 0 with *id, or
** -1 with err. */
int
watch_add(struct gate *g, const char *name, const char *near, int within,
    int64_t *id, char *err)
{
	struct watch_set *probe;
	char detail[48];
	int rc;

	if (name == NULL || !util_valid_label(name, WATCH_TEXT_MAX) ||
	    (near && near[0] && !util_valid_label(near, WATCH_NEAR_MAX)) ||
	    within < 1 || within > 200) {
		err_set(err, "a watched name is one line of up to %d bytes, its "
		    "words one line of up to %d, within 1 to 200 words",
		    WATCH_TEXT_MAX, WATCH_NEAR_MAX);
		return -1;
	}
	if ((probe = watch_set_new()) == NULL) {
		err_set(err, "out of memory");
		return -1;
	}
	rc = watch_set_rule(probe, 0, name, near, within);
	watch_set_free(probe);
	if (rc != 0) {
		err_set(err, "a name and each of its words are 1 to %d words, "
		    "with at most %d words near it", WATCH_WORDS_MAX,
		    WATCH_NEAR_ITEMS);
		return -1;
	}
	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	snprintf(detail, sizeof(detail), "within %d words", within);
	if (monitor_watch_add(gate_db(g), name, near ? near : "", within,
	    gate_actor(g)->name, util_now(), id) != 0 || gate_audit(g,
	    "watch.add", name, detail) != 0 || gate_commit(g) != 0) {
		err_set(err, "cannot save: %s", db_error(gate_db(g)));
		gate_rollback(g);
		return -1;
	}
	return 0;
}

/* Take rule id off the watch list.  Returns 0 or -1 with err. */
int
watch_remove(struct gate *g, int64_t id, char *err)
{
	char target[32];
	int rc;

	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	snprintf(target, sizeof(target), "watch %lld", (long long)id);
	rc = monitor_watch_remove(gate_db(g), id, util_now());
	if (rc != 0 || gate_audit(g, "watch.remove", target, "") != 0 ||
	    gate_commit(g) != 0) {
		if (rc == 1)
			err_set(err, "there is no watch %lld", (long long)id);
		else
			err_set(err, "cannot save: %s", db_error(gate_db(g)));
		gate_rollback(g);
		return -1;
	}
	return 0;
}

/* sanctum watch add TEXT [--near WORDS] [--within N] */
int
watch_add_cmd(struct cli *c, int argc, char **argv)
{
	const char *near = "";
	char err[ERR_MAX];
	long long within = WATCH_WITHIN;
	int64_t id;
	int i, rc;

	if (argc < 2)
		return cli_usage(c, "watch");
	for (i = 2; i < argc; i += 2) {
		if (i + 1 >= argc)
			return cli_usage(c, "watch");
		if (strcmp(argv[i], "--near") == 0)
			near = argv[i + 1];
		else if (strcmp(argv[i], "--within") != 0 ||
		    util_parse_int(argv[i + 1], 1, 200, &within) != 0)
			return cli_usage(c, "watch");
	}
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (watch_add(c->gate, argv[1], near, (int)within, &id, err) != 0)
		return cli_fail("watch: %s", err);
	cli_say(c, "%lld\n", (long long)id);
	return EXIT_OK;
}

static int
list_row(void *ctx, const struct watch_row *w)
{
	json_t *arr = ctx;

	if (arr)
		json_array_append_new(arr, json_pack("{s:I, s:s, s:s?, s:i}",
		    "id", (json_int_t)w->id, "text", w->text, "near",
		    w->near[0] ? w->near : NULL, "within", w->within));
	else
		printf("%-5lld %-30s within %3d words of %s\n",
		    (long long)w->id, w->text, w->within, w->near[0] ?
		    w->near : "sanctum's words (English, French, Spanish)");
	return 0;
}

/* sanctum watch list [--json] */
int
watch_list_cmd(struct cli *c, int argc, char **argv)
{
	json_t *arr = NULL;
	int rc, json = argc == 2 && strcmp(argv[1], "--json") == 0;

	if (argc != 1 && !json)
		return cli_usage(c, "watch");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (json)
		arr = json_array();
	if (monitor_watch_each(c->db, list_row, arr) != 0) {
		json_decref(arr);
		return cli_fail("watch: cannot read the watch list");
	}
	if (json) {
		cli_print_json(arr);
		json_decref(arr);
	}
	return EXIT_OK;
}

/* sanctum watch remove ID */
int
watch_remove_cmd(struct cli *c, int argc, char **argv)
{
	char err[ERR_MAX];
	long long id;
	int rc;

	if (argc != 2 || util_parse_int(argv[1], 1, INT64_MAX, &id) != 0)
		return cli_usage(c, "watch");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (watch_remove(c->gate, id, err) != 0)
		return cli_fail("watch: %s", err);
	cli_say(c, "watch %lld removed\n", id);
	return EXIT_OK;
}

struct test_ctx {
	json_t *arr;
};

static int
print_hit(void *ctx, const struct watch_hit *h)
{
	struct test_ctx *t = ctx;

	if (t->arr)
		json_array_append_new(t->arr, json_pack("{s:I, s:s, s:s, s:i, "
		    "s:I, s:I}", "rule", (json_int_t)h->rule, "name", h->name,
		    "near", h->near, "distance", h->distance, "start",
		    (json_int_t)h->name_at, "end", (json_int_t)h->name_end));
	else
		printf("watch %lld: \"%s\" within %d word%s of \"%s\" "
		    "(characters %lld to %lld)\n", (long long)h->rule, h->name,
		    h->distance, h->distance == 1 ? "" : "s", h->near,
		    (long long)h->name_at, (long long)h->name_end);
	return 0;
}

/* sanctum watch test [--json] FILE|-: what the watch list finds in a
** text; exit 3 when it finds something, as scan does */
int
watch_test_cmd(struct cli *c, int argc, char **argv)
{
	struct watch_set *w;
	struct test_ctx t = { NULL };
	struct buf b;
	const char *path;
	char chunk[65536];
	size_t n;
	FILE *f;
	int rc, hits, json = argc == 3 && strcmp(argv[1], "--json") == 0;

	if (argc != 2 && !json)
		return cli_usage(c, "watch");
	path = argv[argc - 1];
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if ((f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb")) == NULL)
		return cli_fail("watch: cannot open %s", path);
	buf_init(&b, (size_t)64 << 20);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (buf_append(&b, chunk, n) != 0)
			break;
	if (f != stdin)
		fclose(f);
	if (b.failed) {
		buf_free(&b);
		return cli_fail("watch: %s is larger than 64 MB", path);
	}
	if ((w = watch_load(c->db)) == NULL) {
		buf_free(&b);
		return cli_fail("watch: cannot read the watch list");
	}
	if (json)
		t.arr = json_array();
	hits = watch_text(w, b.data ? b.data : "", b.len, print_hit, &t);
	watch_set_free(w);
	buf_free(&b);
	if (hits < 0) {
		json_decref(t.arr);
		return cli_fail("watch: out of memory");
	}
	if (json) {
		cli_print_json(t.arr);
		json_decref(t.arr);
	}
	return hits > 0 ? EXIT_LEAK : EXIT_OK;
}

/* sanctum watch import FILE|-: a rule a line, "NAME" or "NAME|WORDS" or
** "NAME|WORDS|WITHIN" (WORDS empty for sanctum's); blank lines and lines
** starting with # are skipped.  All or nothing: the first bad line is
** named and nothing is kept. */
int
watch_import_cmd(struct cli *c, int argc, char **argv)
{
	char line[WATCH_TEXT_MAX + WATCH_NEAR_MAX + 32], err[ERR_MAX];
	char *name, *near, *within_s, *end;
	long long within;
	int64_t id;
	FILE *f;
	int rc, n = 0, lineno = 0;

	if (argc != 2)
		return cli_usage(c, "watch");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if ((f = strcmp(argv[1], "-") == 0 ? stdin : fopen(argv[1], "r")) ==
	    NULL)
		return cli_fail("watch: cannot open %s", argv[1]);
	rc = EXIT_OK;
	while (fgets(line, sizeof(line), f) != NULL) {
		lineno++;
		if (strchr(line, '\n') == NULL && !feof(f)) {
			rc = cli_fail("watch: line %d is too long", lineno);
			break;
		}
		line[strcspn(line, "\r\n")] = '\0';
		if (line[0] == '\0' || line[0] == '#')
			continue;
		name = line;
		near = strchr(line, '|');
		within = WATCH_WITHIN;
		if (near) {
			*near++ = '\0';
			if ((within_s = strchr(near, '|')) != NULL) {
				*within_s++ = '\0';
				within = strtoll(within_s, &end, 10);
				if (end == within_s || *end != '\0')
					within = 0;
			}
		}
		if (watch_add(c->gate, name, near ? near : "", (int)(within > 0 &&
		    within <= 200 ? within : 0), &id, err) != 0) {
			rc = cli_fail("watch: line %d: %s; nothing was kept",
			    lineno, err);
			break;
		}
		n++;
	}
	if (f != stdin)
		fclose(f);
	if (rc == EXIT_OK)
		cli_say(c, "%d rule%s added\n", n, n == 1 ? "" : "s");
	return rc;
}
