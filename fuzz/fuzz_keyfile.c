/*
** fuzz_keyfile.c: libFuzzer target for the key file parser, which reads
** a file an operator may have damaged or replaced.
*/
#include <stddef.h>
#include <stdint.h>

#include "crypto/keys.h"
#include "util/util.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct keyring *kr;
	char err[ERR_MAX];

	keys_init(err);
	if (keys_parse((const char *)data, size, &kr, err) == 0)
		keys_free(kr);
	return 0;
}
