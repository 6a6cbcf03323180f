/*
** digest.h: a public digest of a text (BLAKE2b-256, no key), for naming
** exactly which text someone agreed to: a confidentiality pledge's
** version is kept with the digest of its words, so an edit of the stored
** text cannot pass for what a member accepted.
*/
#ifndef SANCTUM_DIGEST_H
#define SANCTUM_DIGEST_H

#include <stddef.h>
#include <stdint.h>

#define DIGEST_BYTES 32

void digest_text(const char *p, size_t n, uint8_t out[DIGEST_BYTES]);

#endif
