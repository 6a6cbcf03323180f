/*
** extid.c: keyed hashes of imported platforms' ids.  See extid.h.
*/
#include "extid.h"

#include <string.h>

#include "keyring.h"

/* The keyed hash of id as source (an import format, such as "discord")
** gave it: BLAKE2b under the community's extid sub-key, over the source
** and the id with a separator no source name holds, as "k1:" and 32 hex
** digits. */
void
extid_hash(const struct keyring *kr, const char *source, const char *id,
    char out[EXTID_LEN + 1])
{
	crypto_generichash_state st;
	uint8_t raw[16], key[crypto_generichash_KEYBYTES];

	KR_TAKE(kr, extid, key, NULL);
	crypto_generichash_init(&st, key, sizeof(key), sizeof(raw));
	sodium_memzero(key, sizeof(key));
	crypto_generichash_update(&st, (const uint8_t *)source,
	    strlen(source) + 1);
	crypto_generichash_update(&st, (const uint8_t *)id, strlen(id));
	crypto_generichash_final(&st, raw, sizeof(raw));
	memcpy(out, EXTID_PREFIX, 3);
	sodium_bin2hex(out + 3, EXTID_LEN + 1 - 3, raw, sizeof(raw));
}

/* Is value already a keyed hash (from extid_hash)?  Returns 1 or 0. */
int
extid_is_hashed(const char *value)
{
	size_t i;

	if (strlen(value) != EXTID_LEN || strncmp(value, EXTID_PREFIX, 3) != 0)
		return 0;
	for (i = 3; i < EXTID_LEN; i++)
		if (!((value[i] >= '0' && value[i] <= '9') ||
		    (value[i] >= 'a' && value[i] <= 'f')))
			return 0;
	return 1;
}
