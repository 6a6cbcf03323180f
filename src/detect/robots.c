/*
** robots.c: reading robots.txt.  See robots.h.
*/
#include "robots.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* 1 when pattern p (n bytes, "*" any run, "$" at its end the path's end)
** matches the start of path. */
static int
pattern_matches(const char *p, size_t n, const char *path)
{
	const char *star_p = NULL, *star_s = NULL, *s = path;
	const char *end = p + n, *q = p;
	int anchored = n > 0 && p[n - 1] == '$';

	if (anchored)
		end--;
	for (;;) {
		if (q < end && *q == '*') {
			star_p = ++q;
			star_s = s;
			continue;
		}
		if (q == end) {
			if (!anchored || *s == '\0')
				return 1;
		} else if (*s != '\0' && *q == *s) {
			q++;
			s++;
			continue;
		}
		/* back to the last star, one character further along */
		if (star_p == NULL || *star_s == '\0')
			return 0;
		q = star_p;
		s = ++star_s;
	}
}

/* The agent's product token's length in agent ("sanctum-monitor/0.1"
** gives "sanctum-monitor"). */
static size_t
token_len(const char *agent)
{
	size_t i;

	for (i = 0; agent[i] && (isalnum((unsigned char)agent[i]) ||
	    agent[i] == '-' || agent[i] == '_'); i++)
		;
	return i;
}

/* One pass over the file, judging path by the groups for which(1: our
** token, 0: "*").  Sets *found when any such group exists. */
static int
judge(const char *text, size_t n, const char *agent, int ours,
    const char *path, int *found, int *delay)
{
	const char *p = text, *end = text + n, *nl, *colon, *k, *v, *ve;
	size_t tl = token_len(agent), kl, best = 0;
	int in_group = 0, agents_open = 0, allow = 1, matched = 0;

	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		ve = memchr(p, '#', (size_t)(nl - p));
		if (ve == NULL)
			ve = nl;
		colon = memchr(p, ':', (size_t)(ve - p));
		if (colon == NULL) {
			p = nl + 1;
			continue;
		}
		for (k = p; k < colon && isspace((unsigned char)*k); k++)
			;
		kl = (size_t)(colon - k);
		while (kl > 0 && isspace((unsigned char)k[kl - 1]))
			kl--;
		for (v = colon + 1; v < ve && isspace((unsigned char)*v); v++)
			;
		while (ve > v && isspace((unsigned char)ve[-1]))
			ve--;
		if (kl == 10 && strncasecmp(k, "user-agent", 10) == 0) {
			int is_ours = tl > 0 && (size_t)(ve - v) == tl &&
			    strncasecmp(v, agent, tl) == 0;
			int is_star = ve - v == 1 && *v == '*';

			if (!agents_open)
				in_group = 0;
			agents_open = 1;
			if ((ours && is_ours) || (!ours && is_star))
				in_group = *found = 1;
		} else {
			agents_open = 0;
			if (in_group && ((kl == 5 && strncasecmp(k, "allow", 5) ==
			    0) || (kl == 8 && strncasecmp(k, "disallow", 8) ==
			    0))) {
				size_t pl = (size_t)(ve - v);
				int is_allow = kl == 5;

				if (pl > 0 && pl <= 2048 && pattern_matches(v, pl, path) &&
				    (!matched || pl > best || (pl == best &&
				    is_allow))) {
					matched = 1;
					best = pl;
					allow = is_allow;
				}
			} else if (in_group && kl == 11 &&
			    strncasecmp(k, "crawl-delay", 11) == 0 && delay) {
				/* the value alone: the file need not end in a
				** NUL, and strtod reads on */
				char num[32];
				size_t vl = (size_t)(ve - v);
				double d;

				if (vl >= sizeof(num))
					vl = sizeof(num) - 1;
				memcpy(num, v, vl);
				num[vl] = '\0';
				d = strtod(num, NULL);
				if (d > 0)
					*delay = d > ROBOTS_MAX_DELAY ?
					    ROBOTS_MAX_DELAY : (int)(d + 0.999);
			}
		}
		p = nl + 1;
	}
	return allow;
}

/* 1 when agent may fetch path (its path and query, "/" at least) under
** robots.txt text; *delay (may be NULL) gets the Crawl-delay in seconds,
** or 0. */
int
robots_allows(const char *text, size_t n, const char *agent,
    const char *path, int *delay)
{
	int found = 0, allow;

	if (delay)
		*delay = 0;
	if (n > ROBOTS_MAX_BYTES)
		n = ROBOTS_MAX_BYTES;
	if (strcmp(path, "/robots.txt") == 0)
		return 1;
	allow = judge(text, n, agent, 1, path, &found, delay);
	if (found)
		return allow;
	return judge(text, n, agent, 0, path, &found, delay);
}
