/*
** seal.h: sealing sensitive fields at rest.
**
** A sealed value is nonce (24 bytes) || XChaCha20-Poly1305 ciphertext, with
** "table\0column\0" and the row id as associated data: a sealed value copied
** into another row or column no longer opens.  Post bodies, contact
** details, leaked material, report bodies and case notes are stored only
** this way.
*/
#ifndef SANCTUM_SEAL_H
#define SANCTUM_SEAL_H

#include <stddef.h>
#include <stdint.h>

struct keyring;

#define SEAL_MAX_PLAIN ((size_t)64 << 20)

uint8_t *seal_text(const struct keyring *kr, const char *table,
    const char *column, int64_t row, const void *plain, size_t n,
    size_t *outlen);
char *seal_open_text(const struct keyring *kr, const char *table,
    const char *column, int64_t row, const void *sealed, size_t n);
int seal_rekey(const struct keyring *kr, const char *table,
    const char *column, int64_t row, const void *sealed, size_t n,
    uint8_t **out, size_t *outlen);
void seal_wipe(char *plain);

#endif
