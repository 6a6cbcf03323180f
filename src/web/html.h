/*
** html.h: the one way HTML is written.
**
** html_printf works like printf except that every %s argument is escaped
** for HTML text and attribute values; raw markup can only come from the
** format string itself, which `make lint` requires to be a string literal.
** The one door for markup built elsewhere is html_raw_trusted, whose name
** is meant to make a reviewer stop and look.
*/
#ifndef SANCTUM_HTML_H
#define SANCTUM_HTML_H

#include <stddef.h>
#include <stdint.h>

#include "../util/buf.h"

struct req;

void html_escape(struct buf *b, const char *s);
void html_escape_n(struct buf *b, const char *s, size_t n);
void html_printf(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void html_raw_trusted(struct buf *b, const char *markup);

void page_begin(struct req *r, const char *title, const char *current);
void page_end(struct req *r);
void page_notice(struct req *r);
int page_notice_dups(void);
void page_csrf_field(struct req *r);

#endif
