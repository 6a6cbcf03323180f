/*
** html.h: text from HTML, streamed through libxml2's push parser.  See
** html.c.  Only the extractors in src/detect use this.
*/
#ifndef SANCTUM_DETECT_HTML_H
#define SANCTUM_DETECT_HTML_H

#include <stddef.h>

struct extract_out;
struct extract_html;

/* Start extracting a page into x.  charset is the one the Content-Type
** named, or NULL (then a <meta> charset near the top decides, else UTF-8).
** Returns NULL when memory runs out. */
struct extract_html *extract_html_open(struct extract_out *x, const char *charset);

/* Parse the next bytes.  Returns 0, 1 (the sink stopped) or -1 with err. */
int extract_html_feed(struct extract_html *h, const char *p, size_t n, char *err);

/* Finish the page and free h.  Returns 0 or -1 with err. */
int extract_html_close(struct extract_html *h, char *err);

/* Free h without finishing the page. */
void extract_html_free(struct extract_html *h);

#endif
