/*
** extid.h: the ids an import brings from another platform (a Discord
** message or user id, a Reddit name, a Slack channel), kept only as keyed
** hashes.  They are needed to tell a record seen before from a new one,
** never to be read back: a platform's user id leads straight to a real
** account, so a copy of the database must not hold it.
*/
#ifndef SANCTUM_EXTID_H
#define SANCTUM_EXTID_H

struct keyring;

#define EXTID_PREFIX "k1:"
#define EXTID_LEN (3 + 32)	/* "k1:" and 16 bytes in hex */

void extid_hash(const struct keyring *kr, const char *source,
    const char *id, char out[EXTID_LEN + 1]);
int extid_is_hashed(const char *value);

#endif
