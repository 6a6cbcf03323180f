/*
** fuzz_extract_json.c: libFuzzer target for the streaming JSON extractor,
** which reads exports and API answers from outside, and for the sniffing
** in front of it.  Besides not crashing: every piece is valid UTF-8, and
** the text is the same whether the document arrives whole or cut in two
** (at a point the input picks).
*/
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <utf8proc.h>

#include "detect/extract.h"
#include "util/buf.h"
#include "util/util.h"

/* The sink: check each piece and keep it. */
static int
keep(void *ctx, const char *text, size_t n)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t r;
	size_t i = 0;

	if (n == 0 || n > EXTRACT_CHUNK)
		__builtin_trap();
	while (i < n) {
		r = utf8proc_iterate((const utf8proc_uint8_t *)text + i, (utf8proc_ssize_t)(n - i), &cp);
		if (r <= 0)
			__builtin_trap();
		i += (size_t)r;
	}
	buf_append(ctx, text, n);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct extract_stream *s;
	struct buf whole, split;
	char err[ERR_MAX], err2[ERR_MAX];
	size_t cut;
	int rc, rc2 = 0;

	buf_init(&whole, (size_t)1 << 20);
	buf_init(&split, (size_t)1 << 20);
	rc = extract_buffer(data, size, "application/json", NULL, keep, &whole, NULL, err);
	cut = size > 0 ? data[0] % (size + 1) : 0;
	s = extract_stream_open("application/json", NULL, keep, &split);
	if (s != NULL) {
		if (extract_stream_feed(s, data, cut, err2) < 0 ||
		    extract_stream_feed(s, data + cut, size - cut, err2) < 0)
			rc2 = -1;
		if (extract_stream_close(s, NULL, err2) != 0)
			rc2 = -1;
		if (rc != rc2 || whole.len != split.len ||
		    (whole.len > 0 && memcmp(whole.data, split.data, whole.len) != 0))
			__builtin_trap();
	}
	/* The same bytes sniffed (JSON, or text when they stop being JSON
	** early, or HTML); not images, whose OCR is another target's. */
	buf_reset(&whole);
	if (size == 0 || (data[0] != 0x89 && data[0] != 0xFF && data[0] != 'R'))
		extract_buffer(data, size, NULL, NULL, keep, &whole, NULL, err);
	buf_free(&whole);
	buf_free(&split);
	return 0;
}
