/*
** mail.h: one e-mail over SMTP, through libcurl.
**
** The server and sender come from the environment where sanctum runs
** (SANCTUM_SMTP_URL, SANCTUM_SMTP_FROM, and SANCTUM_SMTP_USER with
** SANCTUM_SMTP_PASSWORD when the server asks for a login).  Errors never
** hold the address or the words.  A member's address comes out of their
** sealed contact details through the gateway (gate_machine_read with
** mail_address_reader), for the sending alone.
*/
#ifndef SANCTUM_MAIL_H
#define SANCTUM_MAIL_H

#include <stddef.h>

#define MAIL_BODY_MAX 16000	/* bytes of a message's words */

struct mail_to {
	char to[256];
	int ok;		/* an address was found */
};

void mail_address_reader(void *arg, const char *text, size_t len);
int mail_send(const char *to, const char *subject, const char *body,
    char *err);

#endif
