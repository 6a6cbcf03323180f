/*
** mail.c: one e-mail over SMTP, through libcurl.  See mail.h.
*/
#include "mail.h"

#include <ctype.h>
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "util.h"

/* Take an e-mail address out of a member's contact details (which may
** hold other words) as the gateway hands them over, into a struct
** mail_to. */
void
mail_address_reader(void *arg, const char *text, size_t len)
{
	struct mail_to *m = arg;
	size_t i, s, e;

	for (i = 0; i < len; i++) {
		if (text[i] != '@')
			continue;
		for (s = i; s > 0 && (isalnum((unsigned char)text[s - 1]) ||
		    strchr("._%+-", text[s - 1])); s--)
			;
		for (e = i + 1; e < len && (isalnum((unsigned char)text[e]) ||
		    strchr(".-", text[e])); e++)
			;
		while (e > i + 1 && text[e - 1] == '.')
			e--;
		if (s < i && e > i + 3 && memchr(text + i, '.', e - i) &&
		    e - s < sizeof(m->to)) {
			memcpy(m->to, text + s, e - s);
			m->to[e - s] = '\0';
			m->ok = 1;
			return;
		}
	}
}

struct upload {
	const char *data;
	size_t len, at;
};

static size_t
upload_read(char *ptr, size_t size, size_t nmemb, void *arg)
{
	struct upload *u = arg;
	size_t n = size * nmemb;

	if (n > u->len - u->at)
		n = u->len - u->at;
	memcpy(ptr, u->data + u->at, n);
	u->at += n;
	return n;
}

/* Send body with subject to the address over SMTP as configured in the
** environment.  Returns 0 or -1 with err (which never holds the address
** or the words). */
int
mail_send(const char *to, const char *subject, const char *body, char *err)
{
	const char *url = getenv("SANCTUM_SMTP_URL");
	const char *from = getenv("SANCTUM_SMTP_FROM");
	const char *user = getenv("SANCTUM_SMTP_USER");
	const char *pass = getenv("SANCTUM_SMTP_PASSWORD");
	struct curl_slist *rcpt = NULL;
	struct upload u;
	struct buf msg;
	char date[64], rcpt_to[300], from_hdr[300];
	time_t now = time(NULL);
	struct tm tm;
	CURLcode rc;
	CURL *c;

	if (url == NULL || from == NULL || url[0] == '\0' || from[0] == '\0') {
		err_set(err, "e-mail is not set up: set SANCTUM_SMTP_URL and "
		    "SANCTUM_SMTP_FROM where sanctum runs");
		return -1;
	}
	if (strpbrk(to, "\r\n<>") != NULL || strpbrk(subject, "\r\n") != NULL) {
		err_set(err, "an address or subject holds a line break");
		return -1;
	}
	if (strncmp(url, "smtp://", 7) != 0 && strncmp(url, "smtps://", 8) != 0) {
		err_set(err, "SANCTUM_SMTP_URL is smtp:// or smtps://");
		return -1;
	}
	gmtime_r(&now, &tm);
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000", &tm);
	buf_init(&msg, MAIL_BODY_MAX * 2);
	buf_printf(&msg, "Date: %s\r\nFrom: %s\r\nTo: %s\r\nSubject: %s\r\n"
	    "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
	    "Content-Transfer-Encoding: 8bit\r\n\r\n", date, from, to,
	    subject);
	{
		const char *p;
		for (p = body; *p; p++) {
			/* lines end in CRLF; a line starting with '.' is
			** doubled by curl itself */
			if (*p == '\n' && (p == body || p[-1] != '\r'))
				buf_append(&msg, "\r\n", 2);
			else
				buf_append(&msg, p, 1);
		}
	}
	buf_append(&msg, "\r\n", 2);
	if (msg.failed) {
		buf_free(&msg);
		err_set(err, "the message is too long");
		return -1;
	}
	if ((c = curl_easy_init()) == NULL) {
		buf_free(&msg);
		err_set(err, "libcurl could not start");
		return -1;
	}
	snprintf(rcpt_to, sizeof(rcpt_to), "<%s>", to);
	snprintf(from_hdr, sizeof(from_hdr), "<%s>", from);
	rcpt = curl_slist_append(NULL, rcpt_to);
	u.data = msg.data;
	u.len = msg.len;
	u.at = 0;
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, from_hdr);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, upload_read);
	curl_easy_setopt(c, CURLOPT_READDATA, &u);
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 30L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	if (user && pass) {
		curl_easy_setopt(c, CURLOPT_USERNAME, user);
		curl_easy_setopt(c, CURLOPT_PASSWORD, pass);
		curl_easy_setopt(c, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
	}
	rc = curl_easy_perform(c);
	curl_slist_free_all(rcpt);
	curl_easy_cleanup(c);
	buf_free(&msg);
	if (rc != CURLE_OK) {
		err_set(err, "the mail server did not take it: %s",
		    curl_easy_strerror(rc));
		return -1;
	}
	return 0;
}
