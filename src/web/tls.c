/*
** tls.c: read and check the certificate and key of `serve --tls-cert
** --tls-key` before the server starts, so that a wrong file stops serve
** with a message naming the file and the problem (libmicrohttpd would only
** fail to start).  GnuTLS, which libmicrohttpd serves HTTPS with, parses
** them.  No message carries a byte of either file.
*/
#include "tls.h"

#include <errno.h>
#include <fcntl.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../util/log.h"
#include "../util/util.h"

#define TLS_FILE_MAX ((size_t)1 << 20)	/* a long chain is some KiB */

/* Read the file at path (named by the option what) whole, as a string.
** Returns it allocated, or NULL with err filled.  Whatever was read is
** wiped before anything is freed. */
static char *
read_pem(const char *what, const char *path, char *err)
{
	char *s = malloc(TLS_FILE_MAX + 1);
	size_t len = 0;
	ssize_t n;
	int fd;

	if (s == NULL) {
		err_set(err, "out of memory");
		return NULL;
	}
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		err_set(err, "cannot read %s %s (%s)", what, path,
		    strerror(errno));
		free(s);
		return NULL;
	}
	while (len <= TLS_FILE_MAX &&
	    (n = read(fd, s + len, TLS_FILE_MAX + 1 - len)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err_set(err, "cannot read %s %s (%s)", what, path,
			    strerror(errno));
			goto fail;
		}
		len += (size_t)n;
	}
	if (len > TLS_FILE_MAX) {
		err_set(err, "%s %s is larger than 1 MiB: not a PEM file",
		    what, path);
		goto fail;
	}
	if (len == 0) {
		err_set(err, "%s %s is empty", what, path);
		goto fail;
	}
	if (memchr(s, '\0', len) != NULL) {
		err_set(err, "%s %s is not a PEM file (it holds binary data)",
		    what, path);
		goto fail;
	}
	s[len] = '\0';
	close(fd);
	return s;

fail:
	explicit_bzero(s, len);
	free(s);
	close(fd);
	return NULL;
}

/* Wipe and free a key from tls_load. */
void
tls_free_key(char *key)
{
	if (key) {
		explicit_bzero(key, strlen(key));
		free(key);
	}
}

/* Warn when the certificate c (from --tls-cert path) is not valid now:
** the server still starts (a clock set wrong at boot is put right
** later), but browsers refuse such a certificate. */
static void
warn_dates(gnutls_x509_crt_t c, const char *path)
{
	time_t from = gnutls_x509_crt_get_activation_time(c);
	time_t until = gnutls_x509_crt_get_expiration_time(c);
	time_t now = time(NULL);
	char when[40];

	if (until != (time_t)-1 && until < now) {
		util_format_time((int64_t)until, when, sizeof(when));
		log_msg(LOG_WARN, "serve: the certificate in --tls-cert %s "
		    "expired on %s: clients refuse it until it is renewed",
		    path, when);
	} else if (from != (time_t)-1 && from > now) {
		util_format_time((int64_t)from, when, sizeof(when));
		log_msg(LOG_WARN, "serve: the certificate in --tls-cert %s "
		    "is valid only from %s: clients refuse it until then "
		    "(is this machine's clock right?)", path, when);
	}
}

/* Read the PEM certificate (with its chain) at cert_path and the PEM
** private key at key_path, and check that GnuTLS reads both and that the
** key is the certificate's.  Returns 0 with *cert and *key allocated
** (free the key with tls_free_key), or -1 with err naming the file and
** what is wrong with it. */
int
tls_load(const char *cert_path, const char *key_path, char **cert,
    char **key, char *err)
{
	gnutls_x509_crt_t *crts = NULL;
	gnutls_x509_privkey_t pk = NULL;
	gnutls_certificate_credentials_t cred = NULL;
	gnutls_datum_t d;
	unsigned ncrt = 0, i;
	int e, rc = -1;

	*cert = *key = NULL;
	if ((*cert = read_pem("--tls-cert", cert_path, err)) == NULL ||
	    (*key = read_pem("--tls-key", key_path, err)) == NULL)
		goto out;
	d.data = (unsigned char *)*cert;
	d.size = (unsigned)strlen(*cert);
	e = gnutls_x509_crt_list_import2(&crts, &ncrt, &d, GNUTLS_X509_FMT_PEM,
	    0);
	if (e < 0 || ncrt == 0) {
		err_set(err, "--tls-cert %s holds no PEM certificate (%s)",
		    cert_path, e < 0 ? gnutls_strerror(e) : "none found");
		goto out;
	}
	d.data = (unsigned char *)*key;
	d.size = (unsigned)strlen(*key);
	if ((e = gnutls_x509_privkey_init(&pk)) < 0 ||
	    (e = gnutls_x509_privkey_import2(pk, &d, GNUTLS_X509_FMT_PEM,
	    NULL, 0)) < 0) {
		err_set(err, "--tls-key %s holds no PEM private key without "
		    "a passphrase (%s)", key_path, gnutls_strerror(e));
		goto out;
	}
	if ((e = gnutls_certificate_allocate_credentials(&cred)) < 0 ||
	    (e = gnutls_certificate_set_x509_key(cred, crts, ncrt, pk)) < 0) {
		if (e == GNUTLS_E_CERTIFICATE_KEY_MISMATCH)
			err_set(err, "--tls-key %s is not the key of the "
			    "certificate in --tls-cert %s", key_path,
			    cert_path);
		else
			err_set(err, "--tls-cert %s and --tls-key %s cannot "
			    "serve together (%s)", cert_path, key_path,
			    gnutls_strerror(e));
		goto out;
	}
	warn_dates(crts[0], cert_path);
	rc = 0;

out:
	if (cred)
		gnutls_certificate_free_credentials(cred);
	if (pk)
		gnutls_x509_privkey_deinit(pk);
	for (i = 0; i < ncrt; i++)
		gnutls_x509_crt_deinit(crts[i]);
	gnutls_free(crts);
	if (rc != 0) {
		tls_free_key(*cert);	/* it may hold the key as well */
		tls_free_key(*key);
		*cert = *key = NULL;
	}
	return rc;
}
