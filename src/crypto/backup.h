/*
** backup.h: a backup of the community's database, sealed with its key.
**
** The file is a short header in the clear (a magic line, whether the key
** comes from a passphrase, and that passphrase's salt: none of it
** secret, all of it needed to find the key again when the database is
** gone), then the database file itself in chunks of 64 KiB sealed with
** libsodium's secretstream (XChaCha20-Poly1305) under a sub-key of the
** community's master key.  The header is bound to the stream as its
** first chunk's additional data, chunks cannot be reordered, dropped or
** cut off (the last is tagged final), and anything else reads as "not
** this community's backup, or damaged".  The file is written beside its
** name and renamed into place, mode 0600.
*/
#ifndef SANCTUM_BACKUP_H
#define SANCTUM_BACKUP_H

#include <stddef.h>
#include <stdint.h>

#include "keys.h"

struct keyring;

struct backup_head {
	int passphrase;				/* the key is from a passphrase */
	uint8_t salt[KEYS_SALT_BYTES];		/* its salt, or zeros */
};

int backup_seal_file(const struct keyring *kr, const struct backup_head *h,
    const char *plain, const char *out, char *err);
int backup_read_head(const char *path, struct backup_head *h, char *err);
int backup_open_file(const struct keyring *kr, const char *sealed,
    const char *plain, char *err);

#endif
