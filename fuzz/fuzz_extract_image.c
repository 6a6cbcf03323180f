/*
** fuzz_extract_image.c: libFuzzer target for the image path: the header
** check, Leptonica's PNG/JPEG/WebP readers and OCR, fed damaged images.
** Inputs are capped at 64 KiB, and images whose header claims more than
** a megapixel stop after the header (OCR of a big blank page is slow,
** not interesting); errors are expected, crashes are not.
*/
#include <stddef.h>
#include <stdint.h>

#include "detect/extract.h"
#include "detect/ocr.h"
#include "util/util.h"

#define MAX_INPUT ((size_t)64 << 10)
#define MAX_PIXELS 1000000LL

/* The sink: keep nothing. */
static int
drop(void *ctx, const char *text, size_t n)
{
	(void)ctx;
	(void)text;
	(void)n;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[ERR_MAX];
	int w, h;

	if (size > MAX_INPUT)
		return 0;
	if (ocr_header(data, size, &w, &h) == 0 && (long long)w * h > MAX_PIXELS)
		return 0;
	extract_buffer(data, size, "image/png", NULL, drop, NULL, NULL, err);
	return 0;
}
