/*
** ocr.c: text from images with Leptonica and Tesseract.  See ocr.h.
**
** Leptonica reads the image (PNG, JPEG and WebP only: its other readers,
** TIFF and the rest, are more attack surface than screenshots need); the
** header is read first, so a broken file or one over 40 megapixels is
** refused before anything is decoded.  Screenshots carry small text, so an
** image narrower than 1500 pixels is scaled up 2x; transparency is laid on
** white and the image turned grey before Tesseract reads it.
**
** Creating a Tesseract handle loads its language models (about 0.15 s and
** tens of MB for English), so each thread keeps its handles, one per
** language set, and frees them when the thread ends.  Tesseract's own
** messages ("Estimating resolution...") go to /dev/null.
*/
#include "ocr.h"

#include <leptonica/allheaders.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tesseract/capi.h>

#include "../util/util.h"
#include "extract.h"

#define LANG_MAX 64		/* the longest language list, with its NUL */
#define HANDLES 4		/* language sets one thread keeps ready */
#define UPSCALE_BELOW 1500	/* narrower images are scaled up 2x */
#define UPSCALE_MAX_PIXELS 10000000LL	/* but only up to this size */

/* One thread's Tesseract handles, most recently used last. */
struct ocr_cache {
	int n;
	struct {
		TessBaseAPI *api;
		char lang[LANG_MAX];
	} slot[HANDLES];
};

static pthread_once_t ocr_once = PTHREAD_ONCE_INIT;
static pthread_key_t ocr_key;
static uint32_t crc_table[256];	/* PNG's CRC-32, filled in ocr_init */

/* Free a thread's handles (also the key's destructor at thread exit). */
static void
cache_free(void *p)
{
	struct ocr_cache *c = p;
	int i;

	if (c == NULL)
		return;
	for (i = 0; i < c->n; i++) {
		TessBaseAPIEnd(c->slot[i].api);
		TessBaseAPIDelete(c->slot[i].api);
	}
	free(c);
}

/* Once per process: quiet Leptonica's messages, make the cache key. */
static void
ocr_init(void)
{
	uint32_t c, k, b;

	for (k = 0; k < 256; k++) {
		c = k;
		for (b = 0; b < 8; b++)
			c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1)));
		crc_table[k] = c;
	}
	setMsgSeverity(L_SEVERITY_NONE);
	pthread_key_create(&ocr_key, cache_free);
}

/* Free this thread's cached handles.  See ocr.h. */
void
ocr_thread_cleanup(void)
{
	pthread_once(&ocr_once, ocr_init);
	cache_free(pthread_getspecific(ocr_key));
	pthread_setspecific(ocr_key, NULL);
}

/* 1 when lang is a list of language names ("eng", "eng+deu", "chi_sim"):
** the names become file paths inside Tesseract, so nothing else passes. */
static int
valid_lang(const char *lang)
{
	size_t i, n = strlen(lang);
	char c;

	if (n == 0 || n >= LANG_MAX || lang[0] == '+' || lang[n - 1] == '+')
		return 0;
	for (i = 0; i < n; i++) {
		c = lang[i];
		if (c == '+' && lang[i + 1] == '+')
			return 0;
		if (!(c == '+' || c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9')))
			return 0;
	}
	return 1;
}

/* 1 when every language of the list lang is among those api loaded
** (Tesseract's Init succeeds when any one of them loads). */
static int
all_loaded(TessBaseAPI *api, const char *lang)
{
	char **loaded = TessBaseAPIGetLoadedLanguagesAsVector(api);
	size_t n, i;
	int found;

	if (loaded == NULL)
		return 0;
	while (*lang != '\0') {
		n = strcspn(lang, "+");
		found = 0;
		for (i = 0; loaded[i] != NULL && !found; i++)
			found = strlen(loaded[i]) == n && strncmp(loaded[i], lang, n) == 0;
		if (!found)
			break;
		lang += n + (lang[n] == '+');
	}
	TessDeleteTextArray(loaded);
	return *lang == '\0';
}

/* A new handle for lang, or NULL (Tesseract could not load all of it). */
static TessBaseAPI *
handle_new(const char *lang)
{
	TessBaseAPI *api = TessBaseAPICreate();

	if (api == NULL)
		return NULL;
	/* Before Init, so even its complaints about missing files go. */
	TessBaseAPISetVariable(api, "debug_file", "/dev/null");
	if (TessBaseAPIInit3(api, NULL, lang) != 0) {
		TessBaseAPIDelete(api);
		return NULL;
	}
	if (!all_loaded(api, lang)) {
		TessBaseAPIEnd(api);
		TessBaseAPIDelete(api);
		return NULL;
	}
	TessBaseAPISetPageSegMode(api, PSM_AUTO);
	return api;
}

/* Say which language of lang is missing. */
static void
missing_language(const char *langs, char *err)
{
	char one[LANG_MAX], pkg[LANG_MAX];
	const char *lang = langs;
	TessBaseAPI *api;
	size_t n, i;

	while (*lang != '\0') {
		n = strcspn(lang, "+");
		memcpy(one, lang, n);
		one[n] = '\0';
		if ((api = handle_new(one)) == NULL) {
			/* Debian names the package tesseract-ocr-chi-sim. */
			for (i = 0; i <= n; i++)
				pkg[i] = one[i] == '_' ? '-' : (char)(one[i] | (one[i] >= 'A' &&
				    one[i] <= 'Z' ? 0x20 : 0));
			err_set(err, "OCR: language %s is not installed (apt-get install "
			    "tesseract-ocr-%s)", one, pkg);
			return;
		}
		TessBaseAPIEnd(api);
		TessBaseAPIDelete(api);
		lang += n + (lang[n] == '+');
	}
	err_set(err, "OCR: Tesseract cannot load the languages %s", langs);
}

/* This thread's handle for lang, created when missing.  Returns NULL with
** err filled when lang cannot be loaded. */
static TessBaseAPI *
handle_get(const char *lang, char *err)
{
	struct ocr_cache *c;
	TessBaseAPI *api;
	int i;

	pthread_once(&ocr_once, ocr_init);
	c = pthread_getspecific(ocr_key);
	if (!valid_lang(lang)) {
		err_set(err, "OCR: \"%s\" is not a list of Tesseract languages such as eng+deu",
		    strlen(lang) < 40 ? lang : "(too long)");
		return NULL;
	}
	if (c == NULL) {
		if ((c = calloc(1, sizeof(*c))) == NULL || pthread_setspecific(ocr_key, c) != 0) {
			free(c);
			err_set(err, "OCR: out of memory");
			return NULL;
		}
	}
	for (i = 0; i < c->n; i++)
		if (strcmp(c->slot[i].lang, lang) == 0)
			return c->slot[i].api;
	if ((api = handle_new(lang)) == NULL) {
		missing_language(lang, err);
		return NULL;
	}
	if (c->n == HANDLES) {
		/* Make room: drop the oldest. */
		TessBaseAPIEnd(c->slot[0].api);
		TessBaseAPIDelete(c->slot[0].api);
		memmove(&c->slot[0], &c->slot[1], sizeof(c->slot[0]) * (HANDLES - 1));
		c->n--;
	}
	c->slot[c->n].api = api;
	snprintf(c->slot[c->n].lang, LANG_MAX, "%s", lang);
	c->n++;
	return api;
}

/* CRC-32 of p[0..n) as PNG computes it. */
static uint32_t
png_crc(const unsigned char *p, size_t n)
{
	uint32_t crc = 0xFFFFFFFFu;

	while (n-- > 0)
		crc = crc_table[(crc ^ *p++) & 0xFF] ^ (crc >> 8);
	return crc ^ 0xFFFFFFFFu;
}

/* The big-endian 32-bit number at p. */
static uint32_t
be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* 1 unless data is a PNG whose chunks are cut short or whose critical
** chunks fail their CRC.  libpng would find out too, but only after
** printing "libpng error: ..." on standard error, which a server's log
** should not fill with; a truncated upload is the usual broken image. */
static int
png_intact(const unsigned char *data, size_t n)
{
	size_t at = 8;
	uint32_t len;

	if (n < 8 || memcmp(data, "\x89PNG\r\n\x1a\n", 8) != 0)
		return 1;	/* not a PNG: nothing to say */
	while (n - at >= 12) {
		len = be32(data + at);
		if (len > 0x7FFFFFFFu || len > n - at - 12)
			return 0;
		/* Critical chunks (IHDR, PLTE, IDAT, IEND) start upper case. */
		if (!(data[at + 4] & 0x20) &&
		    png_crc(data + at + 4, (size_t)len + 4) != be32(data + at + 8 + len))
			return 0;
		if (memcmp(data + at + 4, "IEND", 4) == 0)
			return 1;
		at += (size_t)len + 12;
	}
	return 0;
}

/* Read the image header.  See ocr.h. */
int
ocr_header(const void *data, size_t n, int *w, int *h)
{
	l_int32 format, width, height, bps, spp, iscmap;

	pthread_once(&ocr_once, ocr_init);
	if (data == NULL || n < 12 ||
	    pixReadHeaderMem(data, n, &format, &width, &height, &bps, &spp, &iscmap) != 0)
		return -1;
	if (format != IFF_PNG && format != IFF_JFIF_JPEG && format != IFF_WEBP)
		return -1;
	if (width <= 0 || height <= 0)
		return -1;
	*w = width;
	*h = height;
	return 0;
}

/* How long one image may take: SANCTUM_OCR_SECONDS (1 to 3600), else
** OCR_SECONDS. */
static int
ocr_deadline_seconds(void)
{
	const char *v = getenv("SANCTUM_OCR_SECONDS");
	long long n;

	if (v != NULL && util_parse_int(v, 1, 3600, &n) == 0)
		return (int)n;
	return OCR_SECONDS;
}

/* Decode the image and make it ready for Tesseract.  See ocr.h. */
struct Pix *
ocr_prepare(const void *data, size_t n, char *err)
{
	PIX *pix = NULL, *flat = NULL, *gray = NULL, *big = NULL;
	int w, h;

	if (ocr_header(data, n, &w, &h) != 0) {
		err_set(err, "image: not a PNG, JPEG or WebP image Leptonica can read");
		return NULL;
	}
	if ((long long)w * h > OCR_MAX_PIXELS) {
		err_set(err, "image: %dx%d is over the %lld megapixel limit", w, h,
		    OCR_MAX_PIXELS / 1000000);
		return NULL;
	}
	if (!png_intact(data, n) || (pix = pixReadMem(data, n)) == NULL) {
		err_set(err, "image: not a PNG, JPEG or WebP image Leptonica can read");
		return NULL;
	}
	/* The header said one size; trust only what was decoded. */
	w = pixGetWidth(pix);
	h = pixGetHeight(pix);
	if ((long long)w * h > OCR_MAX_PIXELS) {
		err_set(err, "image: %dx%d is over the %lld megapixel limit", w, h,
		    OCR_MAX_PIXELS / 1000000);
		pixDestroy(&pix);
		return NULL;
	}
	/* Dark text on a transparent background must not vanish into black. */
	if (pixGetSpp(pix) == 4 && pixGetDepth(pix) == 32)
		flat = pixAlphaBlendUniform(pix, 0xffffff00);
	gray = pixConvertTo8(flat != NULL ? flat : pix, 0);
	pixDestroy(&flat);
	pixDestroy(&pix);
	if (gray == NULL) {
		err_set(err, "image: Leptonica cannot convert it to grey");
		return NULL;
	}
	if (w < UPSCALE_BELOW && (long long)w * h <= UPSCALE_MAX_PIXELS &&
	    (big = pixScale(gray, 2.0f, 2.0f)) != NULL) {
		pixDestroy(&gray);
		return big;
	}
	return gray;
}

/* Free what ocr_prepare made, and set *pix to NULL. */
void
ocr_release(struct Pix **pix)
{
	pixDestroy(pix);
}

/* OCR an image into x.  See ocr.h. */
int
ocr_image(const void *data, size_t n, const char *lang, struct extract_out *x, char *err)
{
	PIX *use;
	ETEXT_DESC *monitor = NULL;
	TessBaseAPI *api;
	char *text = NULL;
	int rc = -1, secs;

	if ((use = ocr_prepare(data, n, err)) == NULL)
		return -1;
	if ((api = handle_get(lang, err)) == NULL) {
		pixDestroy(&use);
		return -1;
	}
	TessBaseAPISetImage2(api, use);
	/* an image made to keep Tesseract busy must not hold a thread of the
	** server (or a batch job) for ever */
	if ((monitor = TessMonitorCreate()) == NULL) {
		err_set(err, "OCR: out of memory");
		goto cleanup;
	}
	secs = ocr_deadline_seconds();
	TessMonitorSetDeadlineMSecs(monitor, secs * 1000);
	if (TessBaseAPIRecognize(api, monitor) != 0) {
		err_set(err, "OCR: Tesseract could not read the image within "
		    "%d s (SANCTUM_OCR_SECONDS)", secs);
		goto cleanup;
	}
	text = TessBaseAPIGetUTF8Text(api);
	if (text == NULL) {
		err_set(err, "OCR: Tesseract could not read the image");
		goto cleanup;
	}
	extract_out_text(x, text, strlen(text));
	rc = 0;
cleanup:
	if (monitor != NULL)
		TessMonitorDelete(monitor);
	if (text != NULL)
		TessDeleteText(text);
	TessBaseAPIClear(api);
	pixDestroy(&use);
	return rc;
}
