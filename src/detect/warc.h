/*
** warc.h: reading WARC files (ISO 28500, WARC/1.0 and 1.1), as web
** crawls store pages: Common Crawl's WET shards above all.
**
** A WARC file is a sequence of records.  Each is a version line
** ("WARC/1.0"), header fields ("Name: value", one a line, a line that
** begins with a space or a tab continuing the one before), an empty line,
** then exactly Content-Length bytes of block, then "\r\n\r\n":
**
**   WARC/1.0\r\n
**   WARC-Type: conversion\r\n
**   WARC-Target-URI: https://example.org/a-page\r\n
**   WARC-Record-ID: <urn:uuid:...>\r\n
**   Content-Type: text/plain\r\n
**   Content-Length: 5\r\n
**   \r\n
**   Hello\r\n
**   \r\n
**
** A WET file holds one "warcinfo" record, then one "conversion" record
** per page, whose block is the page's plain text (UTF-8), named by its
** WARC-Target-URI.  Crawls compress each record as its own gzip member
** and concatenate them (*.warc.gz, *.warc.wet.gz).
**
** The parser is pushed bytes in pieces of any size and calls a handler
** for each record: its header, its block in pieces (only when the handler
** asks for it), its end.  It holds one record's header at a time (at
** most WARC_HEADER_MAX bytes), never a block, so a shard of any size is
** read in bounded memory.  Lines may end in "\r\n" or "\n"; between
** records any number of line ends is taken.  Framing is checked: a record
** must start with "WARC/", carry one Content-Length of digits, and the
** input must not end inside a record, so a Content-Length that lies, a
** cut file or a file that is not WARC at all is an error naming the
** record's number and byte offset, never a crash.  Field values are not
** copied into messages.
**
** The file reader below decompresses gzip (one member or many) through
** libarchive's raw format, or reads a plain WARC as it is, and stops
** when the uncompressed bytes pass a limit (a gzip bomb).
*/
#ifndef SANCTUM_WARC_H
#define SANCTUM_WARC_H

#include <stddef.h>
#include <stdint.h>

#define WARC_HEADER_MAX ((size_t)64 << 10)	/* one record's header */
#define WARC_MAX_BLOCK ((uint64_t)1 << 40)	/* a larger Content-Length is refused */
#define WARC_MAX_TOTAL ((uint64_t)16 << 30)	/* uncompressed bytes of one file */

/* One record, as its header says.  The strings point into the parser and
** stay valid until the handler's end() returns. */
struct warc_record {
	uint64_t number;	/* 1 for the input's first record */
	uint64_t offset;	/* of its version line, in the uncompressed bytes */
	uint64_t length;	/* Content-Length: bytes in its block */
	const char *version;	/* "WARC/1.0" */
	const char *type;	/* WARC-Type ("conversion", "warcinfo"...), or "" */
	const char *uri;	/* WARC-Target-URI (without <>), or "" */
	const char *id;		/* WARC-Record-ID ("<urn:uuid:...>"), or "" */
	const char *content_type;	/* Content-Type, or "" */
};

/* What the parser calls.  Each may be NULL.  begin: a record's header was
** read; return 1 to be passed its block, 0 to skip the block, or -1 to
** stop.  block: the next bytes of a block begin() asked for, in order;
** return 0 to go on, non-zero to stop.  end: that block is over (called
** only for records whose block was asked for); 0 to go on, non-zero to
** stop. */
struct warc_handler {
	int (*begin)(void *ctx, const struct warc_record *r);
	int (*block)(void *ctx, const char *p, size_t n);
	int (*end)(void *ctx, const struct warc_record *r);
};

struct warc_parser;

/* A parser calling h (copied) with ctx; NULL when out of memory.  Free
** with warc_parser_free. */
struct warc_parser *warc_parser_new(const struct warc_handler *h, void *ctx);

/* Take the next n bytes of the input.  Returns 0, 1 when the handler asked
** to stop (feed no more), or -1 with err ("WARC record N (byte B): the
** reason"); after -1 every call fails the same way. */
int warc_parser_feed(struct warc_parser *p, const void *data, size_t n, char *err);

/* The input has ended: returns 0 when it ended between records, else -1
** with err (a header or a block cut short). */
int warc_parser_finish(struct warc_parser *p, char *err);

/* Records whose header has been read so far. */
uint64_t warc_parser_records(const struct warc_parser *p);

void warc_parser_free(struct warc_parser *p);

/* 1 when p[0..n), the first bytes of an input, start a WARC record or a
** gzip stream (which may hold one), else 0. */
int warc_magic(const void *p, size_t n);

/* 1 when the file at path should be read as WARC: its name ends in
** .warc, .wet, .warc.gz or .wet.gz (any case), or its first bytes,
** decompressed if they are gzip, are a version line ("WARC/1.0" and a
** line end).  0 otherwise, also when it is not a regular file or cannot
** be read (the caller's reading then says why). */
int warc_is_warc_file(const char *path);

/* Read the WARC records of the file at path (gzip, decided from its
** first bytes, or plain), passing them to h with ctx.  Returns 0, 1 when
** the handler stopped it, or -1 with err naming path and the reason: it
** cannot be read, is neither gzip nor WARC, a gzip member is damaged or
** cut, bytes follow the last member, more than limit bytes (0:
** WARC_MAX_TOTAL) come out of it, or the parser refused a record.
** Records read before an error have been passed to h (from gzip, all but
** those in the last 64 KiB before a damaged member: see warc.c). */
int warc_read_file(const char *path, uint64_t limit, const struct warc_handler *h, void *ctx,
    char *err);

/* The same for a file's bytes in memory, data[0..n); messages give the
** reason only. */
int warc_read_buffer(const void *data, size_t n, uint64_t limit, const struct warc_handler *h,
    void *ctx, char *err);

#endif
