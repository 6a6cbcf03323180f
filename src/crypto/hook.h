/*
** hook.h: the signatures of alerts sent to webhooks.
**
** Each webhook has its own secret, derived from the community's token
** key and the hook's number, so nothing secret is stored beside the hook
** and an admin can be shown it again.  A request is signed with
** HMAC-SHA256 under that secret over "<timestamp>.<body>", the timestamp
** sent in X-Sanctum-Timestamp and the signature in X-Sanctum-Signature as
** "sha256=<hex>"; a receiver recomputes it and refuses old timestamps.
*/
#ifndef SANCTUM_HOOK_H
#define SANCTUM_HOOK_H

#include <stddef.h>
#include <stdint.h>

struct keyring;

#define HOOK_SECRET_LEN 64	/* 32 bytes in hex */
#define HOOK_SIGNATURE_LEN (7 + 64)	/* "sha256=" and 32 bytes in hex */

void hook_secret(const struct keyring *kr, int64_t hook,
    char out[HOOK_SECRET_LEN + 1]);
void hook_sign(const char *secret, const char *stamp, const void *body,
    size_t n, char out[HOOK_SIGNATURE_LEN + 1]);
void hook_sign_as(const struct keyring *kr, int64_t hook, const char *stamp,
    const void *body, size_t n, char out[HOOK_SIGNATURE_LEN + 1]);

#endif
