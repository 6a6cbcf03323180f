/*
** fuzz_extract_html.c: libFuzzer target for the HTML extractor, which
** reads any web page a moderator asks to scan.  Every piece the sink gets
** must be valid UTF-8 and no longer than EXTRACT_CHUNK.
*/
#include <stddef.h>
#include <stdint.h>
#include <utf8proc.h>

#include "detect/extract.h"
#include "util/util.h"

/* The sink: check each piece, keep nothing. */
static int
check(void *ctx, const char *text, size_t n)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t r;
	size_t i = 0;

	(void)ctx;
	if (n == 0 || n > EXTRACT_CHUNK)
		__builtin_trap();
	while (i < n) {
		r = utf8proc_iterate((const utf8proc_uint8_t *)text + i, (utf8proc_ssize_t)(n - i), &cp);
		if (r <= 0)
			__builtin_trap();
		i += (size_t)r;
	}
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[ERR_MAX];

	extract_buffer(data, size, "text/html", NULL, check, NULL, NULL, err);
	return 0;
}
