/*
** backup.c: sealed backups.  See backup.h.
*/
#include "backup.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../util/util.h"
#include "keyring.h"

#define MAGIC "SANCTUM-BACKUP 1\n"
#define MAGIC_LEN 17
#define HEAD_LEN (MAGIC_LEN + 1 + KEYS_SALT_BYTES)
#define CHUNK ((size_t)64 << 10)
#define ABYTES crypto_secretstream_xchacha20poly1305_ABYTES

static void
head_bytes(const struct backup_head *h, uint8_t out[HEAD_LEN])
{
	memcpy(out, MAGIC, MAGIC_LEN);
	out[MAGIC_LEN] = h->passphrase ? 1 : 0;
	memcpy(out + MAGIC_LEN + 1, h->salt, KEYS_SALT_BYTES);
}

/* Write all of n bytes.  Returns 0 or -1. */
static int
write_all(int fd, const void *p, size_t n)
{
	const uint8_t *b = p;
	ssize_t w;

	while (n > 0) {
		if ((w = write(fd, b, n)) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		b += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Read up to n bytes, as many as there are.  Returns the count, or -1. */
static ssize_t
read_full(int fd, void *p, size_t n)
{
	uint8_t *b = p;
	size_t got = 0;
	ssize_t r;

	while (got < n) {
		if ((r = read(fd, b + got, n - got)) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (r == 0)
			break;
		got += (size_t)r;
	}
	return (ssize_t)got;
}

/* Make a rename into path's folder durable. */
static void
sync_dir(const char *path)
{
	char dir[1100], *slash;
	int fd;

	snprintf(dir, sizeof(dir), "%s", path);
	if ((slash = strrchr(dir, '/')) == NULL)
		snprintf(dir, sizeof(dir), ".");
	else if (slash == dir)
		dir[1] = '\0';
	else
		*slash = '\0';
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
		(void)fsync(fd);
		close(fd);
	}
}

/* Seal the file plain into out (through out.tmp, renamed).  Returns 0, or
** -1 with err. */
int
backup_seal_file(const struct keyring *kr, const struct backup_head *h,
    const char *plain, const char *out, char *err)
{
	crypto_secretstream_xchacha20poly1305_state st;
	uint8_t head[HEAD_LEN], hdr[crypto_secretstream_xchacha20poly1305_HEADERBYTES];
	uint8_t *in = NULL, *sealed = NULL, len[4];
	uint8_t key[crypto_secretstream_xchacha20poly1305_KEYBYTES];
	unsigned long long sl;
	char tmp[1100];
	ssize_t n;
	int fi = -1, fo = -1, first = 1, rc = -1;
	unsigned char tag;

	if (strlen(out) > sizeof(tmp) - 8) {
		err_set(err, "the backup's path is too long");
		return -1;
	}
	snprintf(tmp, sizeof(tmp), "%s.tmp", out);
	if ((fi = open(plain, O_RDONLY | O_CLOEXEC)) < 0 ||
	    (fo = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600)) < 0) {
		err_set(err, "cannot %s: %s", fi < 0 ? "read the copy" :
		    "write the backup", strerror(errno));
		goto done;
	}
	if ((in = malloc(CHUNK)) == NULL || (sealed = malloc(CHUNK + ABYTES))
	    == NULL) {
		err_set(err, "out of memory");
		goto done;
	}
	head_bytes(h, head);
	KR_TAKE(kr, backup, key, NULL);
	crypto_secretstream_xchacha20poly1305_init_push(&st, hdr, key);
	sodium_memzero(key, sizeof(key));
	if (write_all(fo, head, sizeof(head)) != 0 ||
	    write_all(fo, hdr, sizeof(hdr)) != 0)
		goto io;
	for (;;) {
		if ((n = read_full(fi, in, CHUNK)) < 0) {
			err_set(err, "cannot read the copy: %s", strerror(errno));
			goto done;
		}
		tag = (size_t)n < CHUNK ?
		    crypto_secretstream_xchacha20poly1305_TAG_FINAL : 0;
		crypto_secretstream_xchacha20poly1305_push(&st, sealed, &sl, in,
		    (unsigned long long)n, first ? head : NULL, first ?
		    sizeof(head) : 0, tag);
		first = 0;
		len[0] = (uint8_t)(sl >> 24);
		len[1] = (uint8_t)(sl >> 16);
		len[2] = (uint8_t)(sl >> 8);
		len[3] = (uint8_t)sl;
		if (write_all(fo, len, 4) != 0 || write_all(fo, sealed,
		    (size_t)sl) != 0)
			goto io;
		if (tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL)
			break;
	}
	if (fsync(fo) != 0)
		goto io;
	if (close(fo) != 0) {
		fo = -1;
		goto io;
	}
	fo = -1;
	if (rename(tmp, out) != 0)
		goto io;
	sync_dir(out);
	rc = 0;
	goto done;
io:
	err_set(err, "cannot write the backup: %s", strerror(errno));
done:
	if (rc != 0)
		unlink(tmp);
	if (fi >= 0)
		close(fi);
	if (fo >= 0)
		close(fo);
	if (in)
		sodium_memzero(in, CHUNK);
	free(in);
	free(sealed);
	sodium_memzero(&st, sizeof(st));
	return rc;
}

/* Read the clear header of backup path.  Returns 0, or -1 with err. */
int
backup_read_head(const char *path, struct backup_head *h, char *err)
{
	uint8_t head[HEAD_LEN];
	int fd;
	ssize_t n;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		err_set(err, "cannot open %s: %s", path, strerror(errno));
		return -1;
	}
	n = read_full(fd, head, sizeof(head));
	close(fd);
	if (n != (ssize_t)sizeof(head) || memcmp(head, MAGIC, MAGIC_LEN) != 0 ||
	    head[MAGIC_LEN] > 1) {
		err_set(err, "%s is not a sanctum backup", path);
		return -1;
	}
	h->passphrase = head[MAGIC_LEN];
	memcpy(h->salt, head + MAGIC_LEN + 1, KEYS_SALT_BYTES);
	return 0;
}

/* Open backup sealed into the file plain (mode 0600, created new).
** Returns 0, or -1 with err (plain is removed). */
int
backup_open_file(const struct keyring *kr, const char *sealed,
    const char *plain, char *err)
{
	crypto_secretstream_xchacha20poly1305_state st;
	uint8_t head[HEAD_LEN], hdr[crypto_secretstream_xchacha20poly1305_HEADERBYTES];
	uint8_t *in = NULL, *out = NULL, len[4];
	uint8_t key[crypto_secretstream_xchacha20poly1305_KEYBYTES];
	unsigned long long ol;
	size_t cl;
	ssize_t n;
	int fi = -1, fo = -1, first = 1, rc = -1, done = 0;
	unsigned char tag;

	if ((fi = open(sealed, O_RDONLY | O_CLOEXEC)) < 0) {
		err_set(err, "cannot open %s: %s", sealed, strerror(errno));
		return -1;
	}
	if ((fo = open(plain, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) <
	    0) {
		err_set(err, "cannot write %s: %s", plain, strerror(errno));
		close(fi);
		return -1;
	}
	if ((in = malloc(CHUNK + ABYTES)) == NULL || (out = malloc(CHUNK)) ==
	    NULL) {
		err_set(err, "out of memory");
		goto fail;
	}
	if (read_full(fi, head, sizeof(head)) != (ssize_t)sizeof(head) ||
	    memcmp(head, MAGIC, MAGIC_LEN) != 0 ||
	    read_full(fi, hdr, sizeof(hdr)) != (ssize_t)sizeof(hdr) ||
	    (KR_TAKE(kr, backup, key, NULL),
	    crypto_secretstream_xchacha20poly1305_init_pull(&st, hdr, key)) !=
	    0) {
		sodium_memzero(key, sizeof(key));
		goto bad;
	}
	sodium_memzero(key, sizeof(key));
	while (!done) {
		if (read_full(fi, len, 4) != 4)
			goto bad;
		cl = (size_t)len[0] << 24 | (size_t)len[1] << 16 |
		    (size_t)len[2] << 8 | len[3];
		if (cl < ABYTES || cl > CHUNK + ABYTES ||
		    read_full(fi, in, cl) != (ssize_t)cl)
			goto bad;
		if (crypto_secretstream_xchacha20poly1305_pull(&st, out, &ol,
		    &tag, in, cl, first ? head : NULL, first ? sizeof(head) : 0)
		    != 0)
			goto bad;
		first = 0;
		if (write_all(fo, out, (size_t)ol) != 0) {
			err_set(err, "cannot write %s: %s", plain,
			    strerror(errno));
			goto fail;
		}
		done = tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL;
	}
	/* nothing may follow the final chunk */
	if ((n = read_full(fi, len, 1)) != 0)
		goto bad;
	if (fsync(fo) != 0 || close(fo) != 0) {
		fo = -1;
		err_set(err, "cannot write %s: %s", plain, strerror(errno));
		goto fail;
	}
	fo = -1;
	rc = 0;
	goto out;
bad:
	err_set(err, "%s is not this community's backup, or it is damaged "
	    "(wrong key, cut short or changed)", sealed);
fail:
	if (fo >= 0)
		close(fo);
	fo = -1;
	unlink(plain);
out:
	close(fi);
	if (out)
		sodium_memzero(out, CHUNK);
	free(in);
	free(out);
	sodium_memzero(&st, sizeof(st));
	return rc;
}
