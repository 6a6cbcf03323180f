/*
** web_client.c: a small HTTP client for the unit tests that drive the real
** server in process (libcurl): log in, ask, read a form's CSRF token, and
** find a free loopback port.  See web_client.h.
*/
#include "web_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "util/buf.h"

/* Collect a response body. */
static size_t
on_body(char *p, size_t size, size_t n, void *ctx)
{
	buf_append(ctx, p, size * n);
	return size * n;
}

/* The value of the first name="csrf" field in html, copied to out. */
void
csrf_in(const char *html, char *out, size_t n)
{
	const char *p = html ? strstr(html, "name=\"csrf\" value=\"") : NULL;
	size_t k = 0;

	out[0] = '\0';
	if (p == NULL)
		return;
	for (p += 19; *p && *p != '"' && k + 1 < n; p++)
		out[k++] = *p;
	out[k] = '\0';
}

/* Ask base+path with curl c (GET when post is NULL); body gets the
** answer.  Returns the HTTP status, or 0. */
long
ask(CURL *c, const char *base, const char *path, const char *post,
    struct curl_slist *headers, struct buf *body)
{
	char url[256];
	long status = 0;

	snprintf(url, sizeof(url), "%s%s", base, path);
	buf_reset(body);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, body);
	if (post) {
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, post);
	} else {
		curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
	}
	if (curl_easy_perform(c) != CURLE_OK)
		return 0;
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	return status;
}

/* Log in as name with password pw (cookies are kept in c).  Returns 1
** when logged in. */
int
login(CURL *c, const char *base, const char *name, const char *pw,
    struct buf *body)
{
	char csrf[64], form[256], *esc;
	int ok;

	curl_easy_setopt(c, CURLOPT_COOKIELIST, "ALL");
	if (ask(c, base, "/login", NULL, NULL, body) != 200)
		return 0;
	csrf_in(body->data, csrf, sizeof(csrf));
	esc = curl_easy_escape(c, pw, 0);
	snprintf(form, sizeof(form), "name=%s&password=%s&csrf=%s", name, esc,
	    csrf);
	curl_free(esc);
	ok = ask(c, base, "/login", form, NULL, body) == 303;
	return ok;
}

/* A loopback port nothing listens on now. */
int
free_port(void)
{
	struct sockaddr_in sa;
	socklen_t len = sizeof(sa);
	int fd = socket(AF_INET, SOCK_STREAM, 0), port = 0;

	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd >= 0 && bind(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0 &&
	    getsockname(fd, (struct sockaddr *)&sa, &len) == 0)
		port = ntohs(sa.sin_port);
	if (fd >= 0)
		close(fd);
	return port;
}

