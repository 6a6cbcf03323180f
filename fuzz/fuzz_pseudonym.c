/*
** fuzz_pseudonym.c: libFuzzer target for the skeletons of names, which
** the console and the API take from anyone adding a person.  Beyond the
** sanitizers, the oracle is that a skeleton made is valid UTF-8 that fits
** and holds no space or punctuation, and that a name kept (composed,
** checked) is kept unchanged when given again.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "prevention/pseudonym.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char name[512], out[PSEUDONYM_SKELETON_MAX];
	const utf8proc_uint8_t *p;
	utf8proc_int32_t c;
	utf8proc_ssize_t n;
	size_t len;

	if (size >= sizeof(name))
		size = sizeof(name) - 1;
	memcpy(name, data, size);
	name[size] = '\0';
	/* a name kept is composed, fits, and is kept as it is again */
	{
		char nfc[PSEUDONYM_MAX + 1], again[PSEUDONYM_MAX + 1];
		if (pseudonym_normalize(name, nfc, sizeof(nfc)) == 0 &&
		    (strlen(nfc) > PSEUDONYM_MAX || pseudonym_normalize(nfc,
		    again, sizeof(again)) != 0 || strcmp(nfc, again) != 0))
			abort();
	}
	if (pseudonym_skeleton(name, out, sizeof(out)) != 0)
		return 0;
	len = strlen(out);
	if (len >= sizeof(out))
		abort();
	for (p = (const utf8proc_uint8_t *)out; *p; p += n) {
		n = utf8proc_iterate(p, -1, &c);
		if (n <= 0)
			abort();
		if (utf8proc_category(c) == UTF8PROC_CATEGORY_ZS ||
		    utf8proc_category(c) == UTF8PROC_CATEGORY_PO)
			abort();
	}
	return 0;
}
