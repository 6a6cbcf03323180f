/*
** web_client.h: a small HTTP client for the unit tests that drive the real
** server in process.
*/
#ifndef SANCTUM_TEST_WEB_CLIENT_H
#define SANCTUM_TEST_WEB_CLIENT_H

#include <curl/curl.h>
#include <stddef.h>

struct buf;

void csrf_in(const char *html, char *out, size_t n);
long ask(CURL *c, const char *base, const char *path, const char *post,
    struct curl_slist *headers, struct buf *body);
int login(CURL *c, const char *base, const char *name, const char *pw,
    struct buf *body);
int free_port(void);

#endif
