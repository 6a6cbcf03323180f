/*
** import.c: `sanctum import --format FORMAT PATH`.
**
** It reads the file in chunks and pushes them to the format's parser
** (formats.h), which hands each record to the import sink (sink.h): so a
** file of any size is read in bounded memory, and everything lands in one
** transaction, or nothing does.  A compressed file (.gz, .zst, .xz, .bz2,
** as Pushshift's dumps come) is decompressed on the way by libarchive.
** Slack's zip is read by slack.c itself.  While it works it shows a
** progress bar on standard error when that is a terminal; at the end it
** prints what it did on standard output.
**
** Exit status: 0 done (malformed records are skipped and named by
** position on standard error), 1 the file cannot be read as this format
** or the store failed (nothing is kept), 2 a usage error.
*/
#include "import.h"

#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "formats.h"
#include "sink.h"
#include "../cli.h"
#include "../util/progress.h"
#include "../util/util.h"

#define CHUNK ((size_t)256 << 10)	/* bytes read at a time */

/* The formats `--format` accepts; Slack's has no row (it reads a zip). */
static const struct import_format *const formats[] = {
	&discord_format, &discourse_format, &reddit_format, &jsonl_format,
	&csvfile_format
};

struct input {
	int fd;
	struct archive *a;	/* a compressed file, through libarchive */
	uint64_t size;		/* the file's size, 0 when unknown */
	uint64_t done;		/* bytes of the file read so far */
};

struct run {
	struct import *im;
	struct progress pg;
};

/* Does the file start like a gzip, zstd, xz or bzip2 stream? */
static int
input_compressed(const unsigned char *m, ssize_t n)
{
	return (n >= 2 && m[0] == 0x1f && m[1] == 0x8b) ||
	    (n >= 4 && m[0] == 0x28 && m[1] == 0xb5 && m[2] == 0x2f &&
	    m[3] == 0xfd) ||
	    (n >= 6 && memcmp(m, "\xfd" "7zXZ\0", 6) == 0) ||
	    (n >= 3 && memcmp(m, "BZh", 3) == 0);
}

/* Open path for reading, through a decompressor when it is compressed.
** Returns 0, or -1 (err filled). */
static int
input_open(struct input *in, const char *path, char *err)
{
	struct archive_entry *ent;
	unsigned char magic[6];
	struct stat st;
	ssize_t n;

	memset(in, 0, sizeof(*in));
	in->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (in->fd < 0) {
		err_set(err, "cannot open it: %s", strerror(errno));
		return -1;
	}
	if (fstat(in->fd, &st) != 0 || S_ISDIR(st.st_mode)) {
		err_set(err, "it is a folder, not a file");
		goto fail;
	}
	if (S_ISREG(st.st_mode))
		in->size = (uint64_t)st.st_size;
	n = pread(in->fd, magic, sizeof(magic), 0);
	if (!input_compressed(magic, n))
		return 0;
	in->a = archive_read_new();
	if (in->a == NULL) {
		err_set(err, "out of memory");
		goto fail;
	}
	archive_read_support_filter_all(in->a);
	archive_read_support_format_raw(in->a);
	if (archive_read_open_fd(in->a, in->fd, CHUNK) != ARCHIVE_OK ||
	    archive_read_next_header(in->a, &ent) != ARCHIVE_OK) {
		err_set(err, "cannot decompress it: %s",
		    archive_error_string(in->a) ? archive_error_string(in->a) :
		    "unknown compression");
		goto fail;
	}
	return 0;
fail:
	if (in->a)
		archive_read_free(in->a);
	in->a = NULL;
	close(in->fd);
	in->fd = -1;
	return -1;
}

/* Read up to n bytes.  Returns how many (0 at the end), or -1 (err
** filled). */
static ssize_t
input_read(struct input *in, char *buf, size_t n, char *err)
{
	ssize_t r;

	if (in->a) {
		r = archive_read_data(in->a, buf, n);
		if (r < 0) {
			err_set(err, "cannot decompress it: %s",
			    archive_error_string(in->a) ?
			    archive_error_string(in->a) : "broken data");
			return -1;
		}
		in->done = (uint64_t)archive_filter_bytes(in->a, -1);
		return r;
	}
	do
		r = read(in->fd, buf, n);
	while (r < 0 && errno == EINTR);
	if (r < 0) {
		err_set(err, "cannot read it: %s", strerror(errno));
		return -1;
	}
	in->done += (uint64_t)r;
	return r;
}

/* Close what input_open opened. */
static void
input_close(struct input *in)
{
	if (in->a)
		archive_read_free(in->a);
	if (in->fd >= 0)
		close(in->fd);
	in->a = NULL;
	in->fd = -1;
}

/* The emitter's record: into the sink. */
static int
run_record(void *ctx, const struct import_record *r, const char *where,
    char *err)
{
	struct run *run = ctx;
	int rc;

	rc = import_add(run->im, r, err);
	if (rc < 0)
		return -1;
	if (rc == 2) {
		progress_clear(&run->pg);
		import_skip(run->im, where, "a field is missing or too long");
	}
	return 0;
}

/* The emitter's skip: counted and reported by the sink. */
static void
run_skip(void *ctx, const char *where, const char *why)
{
	struct run *run = ctx;

	progress_clear(&run->pg);
	import_skip(run->im, where, why);
}

/* The emitter's progress: the bar. */
static void
run_progress(void *ctx, uint64_t bytes)
{
	struct run *run = ctx;

	progress_update(&run->pg, bytes);
}

/* Read the whole input and push it to the format's parser.  Returns 0,
** or -1 (err filled). */
static int
run_format(const struct import_format *f, struct input *in,
    const struct import_emit *e, char *err)
{
	void *p;
	char *chunk;
	ssize_t r;
	int rc = -1;

	chunk = malloc(CHUNK);
	if (chunk == NULL) {
		err_set(err, "out of memory");
		return -1;
	}
	p = f->open(e, err);
	if (p == NULL)
		goto cleanup;
	while ((r = input_read(in, chunk, CHUNK, err)) > 0) {
		if (f->feed(p, chunk, (size_t)r, err) != 0)
			goto cleanup;
		e->progress(e->ctx, in->done);
	}
	if (r < 0 || f->end(p, err) != 0)
		goto cleanup;
	rc = 0;
cleanup:
	if (p)
		f->free(p);
	free(chunk);
	return rc;
}

/* "1 post" or "2 posts". */
static const char *
plural(int64_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/* sanctum import --format FORMAT PATH */
int
import_cmd(struct cli *c, int argc, char **argv)
{
	const struct import_format *f = NULL;
	const char *format = NULL, *path = NULL, *name;
	struct import_counts n;
	struct import_emit e;
	struct input in;
	struct run run;
	struct stat st;
	char err[ERR_MAX];
	size_t k;
	int ch, rc, slack;
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 }
	};

	optind = 0;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch != 'f')
			return cli_usage(c, "import");
		format = optarg;
	}
	if (format == NULL || optind != argc - 1)
		return cli_usage(c, "import");
	path = argv[optind];
	slack = strcmp(format, "slack") == 0;
	for (k = 0; !slack && k < sizeof(formats) / sizeof(formats[0]); k++)
		if (strcmp(format, formats[k]->name) == 0)
			f = formats[k];
	if (!slack && f == NULL) {
		fprintf(stderr, "sanctum: import: no format %s (discord, "
		    "discourse, slack, reddit, jsonl or csv)\n", format);
		return EXIT_USAGE;
	}
	name = slack ? "slack" : f->name;

	if (slack) {
		if (stat(path, &st) != 0)
			return cli_fail("import: %s: cannot open it: %s", path,
			    strerror(errno));
		if (!S_ISREG(st.st_mode))
			return cli_fail("import: %s: it is not a file", path);
		memset(&in, 0, sizeof(in));
		in.fd = -1;
		in.size = (uint64_t)st.st_size;
	} else if (input_open(&in, path, err) != 0) {
		return cli_fail("import: %s: %s", path, err);
	}
	/* the file first: a missing file needs no key */
	if ((rc = cli_open(c)) != EXIT_OK) {
		input_close(&in);
		return rc;
	}
	if (import_begin(c->gate, name, &run.im, err) != 0) {
		input_close(&in);
		return cli_fail("import: %s", err);
	}
	progress_start(&run.pg, "importing", in.size);
	e.record = run_record;
	e.skip = run_skip;
	e.progress = run_progress;
	e.ctx = &run;
	e.name = path;
	if (slack)
		rc = slack_read_file(path, &e, err);
	else
		rc = run_format(f, &in, &e, err);
	progress_done(&run.pg);
	input_close(&in);
	if (rc != 0) {
		import_abort(run.im);
		return cli_fail("import: %s: %s", path, err);
	}
	rc = import_finish(run.im, &n, err);
	if (rc != 0)
		return cli_fail("import: %s", err);
	cli_say(c, "imported %s from %s: %lld %s added, %lld already there, "
	    "%lld skipped; %lld new %s, %lld new %s\n", name, path,
	    (long long)n.added, plural(n.added, "post", "posts"),
	    (long long)n.duplicates, (long long)n.skipped,
	    (long long)n.members, plural(n.members, "member", "members"),
	    (long long)n.groups, plural(n.groups, "group", "groups"));
	return EXIT_OK;
}
