/*
** bench/triage/bench.c: how well and how fast `sanctum triage` finds
** suicide risk, beside a keyword list run on the same items in the same
** process.
**
**   triage-bench tsv FILE [--misses]
**	items "LABEL<TAB>KIND<TAB>TEXT", one a line ('#' lines are
**	comments); prints recall, precision and F1 for "any suicide risk"
**	(level wish or above) for both, per kind, and the throughput of
**	both.  --misses also prints the items triage got wrong (only for
**	text written for the tests: never for real people's posts).
**   triage-bench csv FILE TEXTCOLS [LABELCOL]
**	items from a CSV with a header (libcsv): the text is the columns
**	TEXTCOLS (comma-separated names) joined by a full stop; LABELCOL,
**	when given, is 1 for risk and 0 for none.  Without it only the
**	throughput is printed.
**
** Throughput is one core's: the items are scored over and over until two
** seconds of this thread's CPU time have passed, for each matcher.
*/
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "response/triage.h"

struct item {
	char *text;
	size_t n;
	int label;	/* 1, 0, or -1 when unknown */
	char kind[24];
};

static struct item *items;
static size_t nitems, cap;

static void
die(const char *m)
{
	fprintf(stderr, "triage-bench: %s\n", m);
	exit(1);
}

static struct item *
new_item(void)
{
	if (nitems == cap) {
		cap = cap ? cap * 2 : 1024;
		items = realloc(items, cap * sizeof(*items));
		if (items == NULL)
			die("out of memory");
	}
	memset(&items[nitems], 0, sizeof(items[0]));
	return &items[nitems++];
}

static void
read_tsv(const char *path)
{
	FILE *f = fopen(path, "r");
	char *line = NULL, *t1, *t2;
	size_t sz = 0;
	ssize_t len;

	if (f == NULL)
		die("cannot open the labelled set");
	while ((len = getline(&line, &sz, f)) > 0) {
		struct item *it;
		if (line[len - 1] == '\n')
			line[--len] = '\0';
		if (len == 0 || line[0] == '#')
			continue;
		t1 = strchr(line, '\t');
		t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
		if (t2 == NULL || (line[0] != '0' && line[0] != '1'))
			die("a line is not LABEL<TAB>KIND<TAB>TEXT");
		it = new_item();
		it->label = line[0] - '0';
		snprintf(it->kind, sizeof(it->kind), "%.*s", (int)(t2 - t1 - 1),
		    t1 + 1);
		it->text = strdup(t2 + 1);
		it->n = strlen(it->text);
	}
	free(line);
	fclose(f);
}

/* CSV: the header names the columns; the text columns and the label. */
struct csvstate {
	int col, row;
	int textcol[8], ntext, labelcol;
	const char *want;	/* "a,b" */
	const char *label;
	struct item cur;
	size_t curcap;
};

static int
in_list(const char *list, const char *name, size_t n)
{
	const char *p = list;

	while (*p) {
		size_t k = strcspn(p, ",");
		if (k == n && memcmp(p, name, n) == 0)
			return 1;
		p += k + (p[k] == ',');
	}
	return 0;
}

static void
csv_field(void *s, size_t n, void *data)
{
	struct csvstate *st = data;
	int i;

	if (st->row == 0) {
		if (in_list(st->want, s, n) && st->ntext < 8)
			st->textcol[st->ntext++] = st->col;
		if (st->label && strlen(st->label) == n &&
		    memcmp(st->label, s, n) == 0)
			st->labelcol = st->col;
	} else {
		for (i = 0; i < st->ntext; i++)
			if (st->textcol[i] == st->col && n > 0) {
				size_t need = st->cur.n + n + 3;
				if (need > st->curcap) {
					st->curcap = need * 2;
					st->cur.text = realloc(st->cur.text,
					    st->curcap);
					if (st->cur.text == NULL)
						die("out of memory");
				}
				if (st->cur.n > 0) {
					memcpy(st->cur.text + st->cur.n, ". ", 2);
					st->cur.n += 2;
				}
				memcpy(st->cur.text + st->cur.n, s, n);
				st->cur.n += n;
				st->cur.text[st->cur.n] = '\0';
			}
		if (st->col == st->labelcol)
			st->cur.label = n > 0 && ((char *)s)[0] == '1' ? 1 :
			    n > 0 && ((char *)s)[0] == '0' ? 0 : -2;
	}
	st->col++;
}

static void
csv_row(int c, void *data)
{
	struct csvstate *st = data;
	(void)c;

	if (st->row == 0) {
		if (st->ntext == 0)
			die("none of the text columns is in the CSV's header");
		if (st->label && st->labelcol < 0)
			die("the label column is not in the CSV's header");
	} else if (st->cur.n > 0 && st->cur.label != -2) {
		struct item *it = new_item();
		*it = st->cur;
		snprintf(it->kind, sizeof(it->kind), "%s", "csv");
		it->text = strdup(st->cur.text);
		if (it->text == NULL)
			die("out of memory");
	}
	st->row++;
	st->col = 0;
	st->cur.n = 0;
	st->cur.label = st->label ? -2 : -1;
}

static void
read_csv(const char *path, const char *cols, const char *label)
{
	struct csv_parser p;
	struct csvstate st;
	char chunk[65536];
	size_t n;
	FILE *f = fopen(path, "rb");

	if (f == NULL)
		die("cannot open the CSV");
	memset(&st, 0, sizeof(st));
	st.want = cols;
	st.label = label;
	st.labelcol = -1;
	st.cur.label = label ? -2 : -1;
	if (csv_init(&p, CSV_APPEND_NULL) != 0)
		die("csv_init failed");
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (csv_parse(&p, chunk, n, csv_field, csv_row, &st) != n)
			die("the CSV does not parse");
	csv_fini(&p, csv_field, csv_row, &st);
	csv_free(&p);
	free(st.cur.text);
	fclose(f);
}

/* The baseline: a list of the words and phrases a moderator would put in
** an automatic filter, matched as whole words without regard to case,
** with nothing about who speaks or when. */
static const char *const keywords[] = {
	"suicide", "suicidal", "kill myself", "killing myself", "end my life",
	"end it all", "want to die", "wanna die", "better off dead",
	"take my own life", "hang myself", "overdose", "no reason to live",
	"kms", "unalive"
};

static int
keyword_hit(const char *t, size_t n)
{
	size_t i, k, w;

	for (i = 0; i < n; i++) {
		if (i > 0 && ((t[i - 1] | 32) >= 'a' && (t[i - 1] | 32) <= 'z'))
			continue;
		for (w = 0; w < sizeof(keywords) / sizeof(keywords[0]); w++) {
			const char *kw = keywords[w];
			for (k = 0; kw[k] && i + k < n && (t[i + k] | 32) ==
			    kw[k]; k++)
				;
			if (kw[k] == '\0' && (i + k == n ||
			    !(((t[i + k] | 32) >= 'a' && (t[i + k] | 32) <= 'z'))))
				return 1;
		}
	}
	return 0;
}

static int
triage_hit(const char *t, size_t n)
{
	struct triage_result r;

	triage_text(t, n, &r);
	return r.level >= TRIAGE_WISH;
}

struct score { long tp, fp, fn, tn; };

static void
print_score(const char *who, const struct score *s)
{
	double rec = s->tp + s->fn ? (double)s->tp / (double)(s->tp + s->fn) : 0;
	double pre = s->tp + s->fp ? (double)s->tp / (double)(s->tp + s->fp) : 0;
	double f1 = rec + pre > 0 ? 2 * rec * pre / (rec + pre) : 0;

	printf("  %-9s recall %.3f  precision %.3f  F1 %.3f  (tp %ld fp %ld "
	    "fn %ld tn %ld)\n", who, rec, pre, f1, s->tp, s->fp, s->fn, s->tn);
}

static double
cpu_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double
throughput(int (*hit)(const char *, size_t), size_t bytes)
{
	double t0 = cpu_now(), t;
	long rounds = 0;
	size_t i;
	volatile int sink = 0;

	do {
		for (i = 0; i < nitems; i++)
			sink += hit(items[i].text, items[i].n);
		rounds++;
		t = cpu_now() - t0;
	} while (t < 2.0);
	(void)sink;
	return (double)bytes * (double)rounds / t / 1e6;
}

int
main(int argc, char **argv)
{
	struct score st = { 0 }, sk = { 0 };
	size_t i, k, bytes = 0, nkinds = 0;
	int misses = 0, labelled;
	struct { char kind[24]; long n, right; } kinds[64];

	if (argc >= 3 && strcmp(argv[1], "tsv") == 0) {
		read_tsv(argv[2]);
		misses = argc > 3 && strcmp(argv[3], "--misses") == 0;
	} else if (argc >= 4 && strcmp(argv[1], "csv") == 0) {
		read_csv(argv[2], argv[3], argc > 4 ? argv[4] : NULL);
	} else {
		die("usage: triage-bench tsv FILE [--misses] | csv FILE "
		    "TEXTCOLS [LABELCOL]");
	}
	if (nitems == 0)
		die("no items");
	labelled = items[0].label >= 0;
	for (i = 0; i < nitems; i++) {
		struct item *it = &items[i];
		int t = triage_hit(it->text, it->n);
		int kw = keyword_hit(it->text, it->n);
		bytes += it->n;
		if (!labelled)
			continue;
		if (it->label) {
			st.tp += t; st.fn += !t; sk.tp += kw; sk.fn += !kw;
		} else {
			st.fp += t; st.tn += !t; sk.fp += kw; sk.tn += !kw;
		}
		for (k = 0; k < nkinds; k++)
			if (strcmp(kinds[k].kind, it->kind) == 0)
				break;
		if (k == nkinds && nkinds < 64) {
			snprintf(kinds[k].kind, sizeof(kinds[k].kind), "%s",
			    it->kind);
			kinds[k].n = kinds[k].right = 0;
			nkinds++;
		}
		if (k < nkinds) {
			kinds[k].n++;
			kinds[k].right += t == it->label;
		}
		if (misses && t != it->label)
			printf("  miss (%s, wanted %d): %s\n", it->kind,
			    it->label, it->text);
	}
	printf("  %zu items, %.2f MB\n", nitems, (double)bytes / 1e6);
	if (labelled) {
		print_score("triage", &st);
		print_score("keywords", &sk);
		printf("  triage right, by kind:");
		for (k = 0; k < nkinds; k++)
			printf("%s %s %ld/%ld", k % 6 ? "," : "\n   ",
			    kinds[k].kind, kinds[k].right, kinds[k].n);
		printf("\n");
	}
	printf("  throughput, one core: triage %.1f MB/s, keywords %.1f MB/s\n",
	    throughput(triage_hit, bytes), throughput(keyword_hit, bytes));
	return 0;
}
