/*
** vs.c: the fastest exact matcher as a baseline for bench/detect.
**
**   vs PATTERNS OUT FILE|DIR...
**
** Compiles every line of PATTERNS as a literal (vectorscan's
** hs_compile_lit_multi, HS_FLAG_SINGLEMATCH, block mode; the pattern's id
** is its line number from 0), then scans each file whole and writes one
** line "FILE<TAB>ID" to OUT for every pattern found in it.  On standard
** error it prints, in a form the run script reads:
**
**   vs: patterns N compile S seconds database B bytes
**   vs: arg PATH bytes B all S scan S       (one per argument)
**   vs: scanned B bytes in S seconds (read and scan), hs_scan S seconds
**
** A directory is scanned recursively, its entries in name order.
*/
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <errno.h>
#include <hs/hs.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

struct run {
	hs_database_t *db;
	hs_scratch_t *scratch;
	FILE *out;
	unsigned *found;	/* ids found in the current file */
	size_t nfound, capfound;
	uint64_t bytes, matches;
	double t_all, t_scan;
	char *buf;
	size_t bufcap;
};

static void
die(const char *what, const char *why)
{
	fprintf(stderr, "vs: %s: %s\n", what, why);
	exit(1);
}

static double
now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Read a whole file into r->buf; returns its length. */
static size_t
slurp(struct run *r, const char *path)
{
	FILE *f = fopen(path, "rb");
	size_t n = 0, got;

	if (f == NULL)
		die(path, strerror(errno));
	for (;;) {
		if (n + 65536 > r->bufcap) {
			r->bufcap = (n + 65536) * 2;
			r->buf = realloc(r->buf, r->bufcap);
			if (r->buf == NULL)
				die(path, "out of memory");
		}
		got = fread(r->buf + n, 1, r->bufcap - n, f);
		if (got == 0)
			break;
		n += got;
	}
	if (ferror(f))
		die(path, "cannot read");
	fclose(f);
	return n;
}

/* hs_scan's callback: note the pattern (each is reported once). */
static int
on_match(unsigned id, unsigned long long from, unsigned long long to,
    unsigned flags, void *ctx)
{
	struct run *r = ctx;

	(void)from; (void)to; (void)flags;
	if (r->nfound == r->capfound) {
		r->capfound = r->capfound ? r->capfound * 2 : 64;
		r->found = realloc(r->found, r->capfound * sizeof(*r->found));
		if (r->found == NULL)
			die("matches", "out of memory");
	}
	r->found[r->nfound++] = id;
	return 0;
}

static void scan_path(struct run *r, const char *path);

static int
cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Scan every file under a directory, in name order. */
static void
scan_dir(struct run *r, const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL, *p;
	size_t n = 0, i;

	if (d == NULL)
		die(dir, strerror(errno));
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		names = realloc(names, (n + 1) * sizeof(*names));
		p = malloc(strlen(dir) + strlen(e->d_name) + 2);
		if (names == NULL || p == NULL)
			die(dir, "out of memory");
		sprintf(p, "%s/%s", dir, e->d_name);
		names[n++] = p;
	}
	closedir(d);
	qsort(names, n, sizeof(*names), cmp_name);
	for (i = 0; i < n; i++) {
		scan_path(r, names[i]);
		free(names[i]);
	}
	free(names);
}

static void
scan_path(struct run *r, const char *path)
{
	struct stat sb;
	double t0, t1, t2;
	size_t n, i;
	hs_error_t rc;

	if (stat(path, &sb) != 0)
		die(path, strerror(errno));
	if (S_ISDIR(sb.st_mode)) {
		scan_dir(r, path);
		return;
	}
	t0 = now();
	n = slurp(r, path);
	r->nfound = 0;
	t1 = now();
	rc = hs_scan(r->db, r->buf, (unsigned)n, 0, r->scratch, on_match, r);
	t2 = now();
	if (rc != HS_SUCCESS)
		die(path, "hs_scan failed");
	r->t_scan += t2 - t1;
	r->t_all += t2 - t0;
	r->bytes += n;
	r->matches += r->nfound;
	for (i = 0; i < r->nfound; i++)
		fprintf(r->out, "%s\t%u\n", path, r->found[i]);
}

int
main(int argc, char **argv)
{
	struct run r;
	FILE *f;
	char *data = NULL, *p, *nl;
	size_t len = 0, cap = 0, got, n = 0, i;
	const char **exprs;
	size_t *lens;
	unsigned *ids, *flags;
	hs_compile_error_t *cerr = NULL;
	size_t dbsize = 0;
	double t0, t1;
	int a;

	if (argc < 4) {
		fprintf(stderr, "usage: vs PATTERNS OUT FILE|DIR...\n");
		return 2;
	}
	memset(&r, 0, sizeof(r));
	t0 = now();
	if ((f = fopen(argv[1], "rb")) == NULL)
		die(argv[1], strerror(errno));
	for (;;) {
		if (len + 1048576 > cap) {
			cap = (len + 1048576) * 2;
			if ((data = realloc(data, cap)) == NULL)
				die(argv[1], "out of memory");
		}
		if ((got = fread(data + len, 1, cap - len, f)) == 0)
			break;
		len += got;
	}
	fclose(f);
	for (i = 0; i < len; i++)
		if (data[i] == '\n')
			n++;
	if (len > 0 && data[len - 1] != '\n')
		n++;
	exprs = malloc(n * sizeof(*exprs));
	lens = malloc(n * sizeof(*lens));
	ids = malloc(n * sizeof(*ids));
	flags = malloc(n * sizeof(*flags));
	if (exprs == NULL || lens == NULL || ids == NULL || flags == NULL)
		die(argv[1], "out of memory");
	for (p = data, i = 0; p < data + len; i++) {
		nl = memchr(p, '\n', (size_t)(data + len - p));
		if (nl == NULL)
			nl = data + len;
		exprs[i] = p;
		lens[i] = (size_t)(nl - p);
		ids[i] = (unsigned)i;
		flags[i] = HS_FLAG_SINGLEMATCH;
		p = nl + 1;
	}
	if (hs_compile_lit_multi(exprs, flags, ids, lens, (unsigned)n,
	    HS_MODE_BLOCK, NULL, &r.db, &cerr) != HS_SUCCESS) {
		fprintf(stderr, "vs: cannot compile %zu patterns: %s\n", n,
		    cerr && cerr->message ? cerr->message : "?");
		return 1;
	}
	if (hs_alloc_scratch(r.db, &r.scratch) != HS_SUCCESS)
		die("scratch", "cannot allocate");
	hs_database_size(r.db, &dbsize);
	t1 = now();
	free(exprs);
	free(lens);
	free(ids);
	free(flags);
	free(data);
	fprintf(stderr, "vs: patterns %zu compile %.3f seconds database %zu "
	    "bytes\n", n, t1 - t0, dbsize);
	if ((r.out = fopen(argv[2], "w")) == NULL)
		die(argv[2], strerror(errno));
	for (a = 3; a < argc; a++) {
		uint64_t b0 = r.bytes;
		double a0 = r.t_all, s0 = r.t_scan;
		scan_path(&r, argv[a]);
		fprintf(stderr, "vs: arg %s bytes %llu all %.6f scan %.6f\n",
		    argv[a], (unsigned long long)(r.bytes - b0), r.t_all - a0,
		    r.t_scan - s0);
	}
	if (fclose(r.out) != 0)
		die(argv[2], "cannot write");
	fprintf(stderr, "vs: scanned %llu bytes in %.3f seconds (read and "
	    "scan), hs_scan %.3f seconds, %llu matches\n",
	    (unsigned long long)r.bytes, r.t_all, r.t_scan,
	    (unsigned long long)r.matches);
	hs_free_scratch(r.scratch);
	hs_free_database(r.db);
	free(r.buf);
	free(r.found);
	return 0;
}
