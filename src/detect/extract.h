/*
** extract.h: turn one scan source into a stream of UTF-8 text.
**
** The leak detector looks for the community's posts in outside material:
** text files, web pages, JSON exports, screenshots.  The matcher reads
** text; this layer turns a source (a file, standard input, an http(s) URL
** or a buffer) into that text and hands it to a sink in pieces as it is
** produced, so a 100 MB file is never held whole.  Every piece is valid
** UTF-8: invalid bytes become U+FFFD, and no piece splits a character.
**
** What each kind gives:
**   text   the bytes as they are (a leading byte-order mark dropped)
**   HTML   text nodes, img alt/title, meta descriptions and the strings of
**          JSON script blocks; not script/style/noscript/template; "\n" at
**          block boundaries, one space for any other gap
**   JSON   every string value (not keys), escapes decoded, "\n" between
**   image  the text Tesseract reads in a PNG, JPEG or WebP image
**
** Web crawl files (WARC, Common Crawl's WET shards) are not a kind of
** their own here: scan.c reads them record by record through warc.h,
** each page judged as a source of its own.
**
** Error messages name the source (a path, "standard input", or for a URL
** only its host) and the reason, never the content.
*/
#ifndef SANCTUM_EXTRACT_H
#define SANCTUM_EXTRACT_H

#include <stddef.h>

struct extract_opts {
	const char *lang;	/* Tesseract languages, "eng" by default; "eng+deu" etc. */
	int allow_private;	/* URL fetches may reach loopback/private addresses */
	size_t max_bytes;	/* cap on one source's bytes (files, downloads); 0 = 256 MiB */
	long timeout;		/* seconds for a URL fetch; 0 = 20 */
	int max_redirects;	/* 0 = 3; negative: follow none */
};

#define EXTRACT_MAX_BYTES ((size_t)256 << 20)
#define EXTRACT_TIMEOUT 20
#define EXTRACT_MAX_REDIRECTS 3
#define EXTRACT_CHUNK ((size_t)64 << 10)	/* the largest piece a sink gets */

/* Receives the extracted text in pieces, in order; each piece is valid UTF-8 (a piece never
** splits a character).  Return 0 to go on, non-zero to stop. */
typedef int (*extract_sink)(void *ctx, const char *text, size_t n);

enum extract_kind { EXTRACT_TEXT, EXTRACT_HTML, EXTRACT_JSON, EXTRACT_IMAGE };

/* Extract one source: a file path, "-" (stdin), or an http(s) URL.  The kind is decided from
** the content (magic bytes: PNG, JPEG, WebP → image; then HTML if it starts, after whitespace/BOM,
** with '<' and looks like markup (doctype/html/head/body/p/div...), JSON if it starts with '{' or
** '['), or for URLs from the Content-Type, falling back to sniffing.  Returns 0, or -1 with err
** filled (a message naming the source and the reason, never the content).  A sink that asks to
** stop ends the extraction early with 0.  *kind (may be NULL) is set once the kind is known;
** text that reached the sink before an error stays valid. */
int extract_source(const char *source, const struct extract_opts *o, extract_sink sink, void *ctx,
    enum extract_kind *kind, char *err);

/* Extract from a buffer already in memory (used by the web console's paste and upload).  A
** Content-Type of text/html, JSON or image/ decides the kind; anything else (or NULL) sniffs.
** Messages give the reason only; the caller names the source. */
int extract_buffer(const void *data, size_t n, const char *content_type_or_null,
    const struct extract_opts *o, extract_sink sink, void *ctx, enum extract_kind *kind, char *err);

/* Call each(ctx, path) for every regular file under dir, recursively, in a stable (sorted) order;
** symlinks are not followed; returns 0 or -1 with err.  each returns 0 to go on; non-zero stops
** the walk, and extract_walk then returns 0. */
int extract_walk(const char *dir, int (*each)(void *ctx, const char *path), void *ctx, char *err);

/* The kind extract_source gives a file that starts with p[0..n), decided as it decides it;
** *bom is set to the bytes of a leading byte-order mark that the kind drops (0 or 3). */
enum extract_kind extract_sniff(const void *p, size_t n, size_t *bom);

/* "text", "HTML", "JSON" or "image". */
const char *extract_kind_name(enum extract_kind k);

/* Free what this thread keeps between calls (its Tesseract handles).  Threads that end free
** theirs on their own; call this from a thread that lives on (main) when it is done scanning. */
void extract_thread_cleanup(void);

/* ---- The rest is shared by the extractors in src/detect, not for callers. ---- */

/* Resolve o (may be NULL) into out with every default filled in. */
void extract_opts_resolve(const struct extract_opts *o, struct extract_opts *out);

/* UTF-8 repair across pieces: put() receives valid UTF-8 only, each invalid sequence (its
** maximal valid prefix, as the Unicode standard recommends) replaced by U+FFFD, and a
** character split between two calls joined again.  Both return put()'s first non-zero
** result, else 0.  _finish replaces an unfinished character left at the end. */
struct extract_utf8 {
	unsigned char pend[4];
	unsigned char npend;
};
typedef int (*extract_put)(void *arg, const char *p, size_t n);
int extract_utf8_repair(struct extract_utf8 *u, const char *p, size_t n, extract_put put,
    void *arg);
int extract_utf8_finish(struct extract_utf8 *u, extract_put put, void *arg);

/* The output stage every extractor writes to: repairs UTF-8, places separators, and hands the
** sink pieces of up to EXTRACT_CHUNK bytes.  _text returns 0, or 1 once the sink has asked to
** stop (everything written after that is dropped). */
struct extract_out;
int extract_out_text(struct extract_out *x, const char *p, size_t n);
/* Put c ('\n' or ' ') before the next text, if any text came before; '\n' wins over ' '. */
void extract_out_sep(struct extract_out *x, char c);
/* Cancel an owed space (not an owed "\n"). */
void extract_out_unsep(struct extract_out *x);
int extract_out_stopped(const struct extract_out *x);

/* The streaming JSON extractor (extract.c), also used for JSON script blocks in HTML.
** _feed returns 0, 1 (the sink stopped) or -1 with err; _close checks that the document
** ended where it may, frees j and returns 0 or -1 with err. */
struct extract_json;
struct extract_json *extract_json_open(struct extract_out *x);
int extract_json_feed(struct extract_json *j, const char *p, size_t n, char *err);
int extract_json_close(struct extract_json *j, char *err);

/* One source as a stream of bytes (a file being read, a download arriving): the kind is
** decided from content_type (may be NULL) and the first bytes.  _feed returns 0, 1 (the sink
** stopped: feed no more) or -1 with err; _close finishes (runs OCR for an image), frees s and
** returns 0 or -1 with err.  _free drops s without finishing.  Messages give the reason
** only. */
struct extract_stream;
struct extract_stream *extract_stream_open(const char *content_type,
    const struct extract_opts *o, extract_sink sink, void *ctx);
int extract_stream_feed(struct extract_stream *s, const void *p, size_t n, char *err);
int extract_stream_close(struct extract_stream *s, enum extract_kind *kind, char *err);
void extract_stream_free(struct extract_stream *s);

#endif
