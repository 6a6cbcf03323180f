/*
** ocr.h: text from images (PNG, JPEG, WebP) with Leptonica and Tesseract.
** See ocr.c.  Only the extractors in src/detect use this.
*/
#ifndef SANCTUM_OCR_H
#define SANCTUM_OCR_H

#include <stddef.h>

#define OCR_MAX_PIXELS 40000000LL	/* larger images are refused */
#define OCR_SECONDS 30	/* longest time for one image, unless
			   SANCTUM_OCR_SECONDS says otherwise */

struct extract_out;
struct Pix;

/* Read the image header in data.  Returns 0 with *w and *h set, or -1
** when data does not start a PNG, JPEG or WebP image Leptonica can read
** (which may only mean that more bytes are needed). */
int ocr_header(const void *data, size_t n, int *w, int *h);

/* Decode the image in data[0..n) and make it ready for Tesseract: its
** header read first (a broken file or one over OCR_MAX_PIXELS is refused
** before anything is decoded), laid on white, turned grey, and scaled up
** when small.  The decoding half of ocr_image, apart so the fuzz target
** can run the parsers of outside bytes without the slow recognition.
** Returns the picture, to free with ocr_release, or NULL with err. */
struct Pix *ocr_prepare(const void *data, size_t n, char *err);
void ocr_release(struct Pix **pix);

/* OCR the image in data[0..n) with Tesseract in languages lang ("eng",
** "eng+deu") and write its text to x.  Returns 0, or -1 with err. */
int ocr_image(const void *data, size_t n, const char *lang, struct extract_out *x, char *err);

/* Free this thread's cached Tesseract handles. */
void ocr_thread_cleanup(void);

#endif
