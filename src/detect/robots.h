/*
** robots.h: what a site's robots.txt lets monitoring fetch (RFC 9309).
**
** The groups whose user-agent names sanctum's product token are used,
** else those for "*"; within them the longest matching Allow or Disallow
** path wins (Allow on a tie), "*" matching any run of characters and a
** final "$" the end of the path.  Crawl-delay, which RFC 9309 leaves out
** but many sites set, is honoured as the least spacing of requests.  How
** an answer that is not 200 counts (a missing file allows everything, an
** unreachable one nothing) is the caller's: see monitor.c.
*/
#ifndef SANCTUM_ROBOTS_H
#define SANCTUM_ROBOTS_H

#include <stddef.h>

#define ROBOTS_MAX_BYTES (512 * 1024)	/* read at most this much */
#define ROBOTS_MAX_DELAY 120		/* seconds of Crawl-delay honoured */

int robots_allows(const char *text, size_t n, const char *agent,
    const char *path, int *delay);

#endif
