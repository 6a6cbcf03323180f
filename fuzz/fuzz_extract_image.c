/*
** fuzz_extract_image.c: libFuzzer target for the image path: the header
** check, Leptonica's PNG/JPEG/WebP readers (libpng, libjpeg, libwebp) and
** the preparation for OCR (alpha laid on white, grey, scaling), fed
** damaged images.  Tesseract's recognition is left out: it costs some
** 15 ms even for a tiny image, and it reads pixels, not outside bytes.
** Inputs are capped at 64 KiB, and images whose header claims more than
** a megapixel stop after the header (decoding a big blank page is slow,
** not interesting); errors are expected, crashes are not.
*/
#include <stddef.h>
#include <stdint.h>

#include "detect/ocr.h"
#include "util/util.h"

#define MAX_INPUT ((size_t)64 << 10)
#define MAX_PIXELS 1000000LL

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct Pix *pix;
	char err[ERR_MAX];
	int w, h;

	if (size > MAX_INPUT)
		return 0;
	if (ocr_header(data, size, &w, &h) == 0 && (long long)w * h > MAX_PIXELS)
		return 0;
	if ((pix = ocr_prepare(data, size, err)) != NULL)
		ocr_release(&pix);
	return 0;
}
