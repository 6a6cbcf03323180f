/*
** fuzz_robots.c: libFuzzer target for robots.txt as monitoring reads it.
** The input's first line is the path asked for, the rest the file.
** Beyond the sanitizers, the oracle is that the answer is yes or no, the
** Crawl-delay within its cap, /robots.txt itself always allowed, and the
** same answer given twice.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "detect/robots.h"

#define AGENT "sanctum-monitor/0.1"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[512];
	const uint8_t *nl = memchr(data, '\n', size);
	size_t pn = nl ? (size_t)(nl - data) : size;
	const char *text;
	size_t n;
	int a, b, delay;

	if (pn >= sizeof(path))
		pn = sizeof(path) - 1;
	memcpy(path, data, pn);
	path[pn] = '\0';
	text = nl ? (const char *)nl + 1 : "";
	n = nl ? size - (size_t)(nl - data) - 1 : 0;
	a = robots_allows(text, n, AGENT, path, &delay);
	b = robots_allows(text, n, AGENT, path, NULL);
	if ((a != 0 && a != 1) || a != b || delay < 0 ||
	    delay > ROBOTS_MAX_DELAY)
		abort();
	if (robots_allows(text, n, AGENT, "/robots.txt", NULL) != 1)
		abort();
	return 0;
}
