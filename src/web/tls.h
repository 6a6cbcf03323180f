/*
** tls.h: the certificate and key `serve --tls-cert --tls-key` reads, and
** the TLS versions it speaks.  server.c hands both to libmicrohttpd, which
** serves HTTPS through GnuTLS.
*/
#ifndef SANCTUM_TLS_H
#define SANCTUM_TLS_H

/* GnuTLS's defaults with TLS 1.2 and 1.3 only: a client that offers
** nothing newer than TLS 1.1 is refused in the handshake. */
#define TLS_PRIORITIES "NORMAL:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2"

int tls_load(const char *cert_path, const char *key_path, char **cert,
    char **key, char *err);
void tls_free_key(char *key);

#endif
