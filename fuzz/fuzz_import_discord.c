/*
** fuzz_import_discord.c: libFuzzer target for the streaming JSON splitter
** and the DiscordChatExporter mapping, which read files a community
** downloads from elsewhere.  The first byte sets the chunk size, so
** strings, escapes and brackets split across chunks get tried too.
** Records go to a checker, never to a database.
*/

#include "import_harness.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	return fuzz_import(&discord_format, data, size);
}
