/*
** formats.h: the import parsers, one file per outside format.  Each is a
** row of struct import_format (record.h) that is pushed the file's bytes,
** except Slack's, which reads a zip archive itself.
**
**   discord.c    DiscordChatExporter JSON, one file per channel
**   discourse.c  Discourse's posts API or topic JSON
**   slack.c      a Slack workspace export (.zip)
**   reddit.c     Reddit API / Pushshift NDJSON, comments and submissions
**   jsonl.c      JSON Lines with id, group, author, time, body
**   csvfile.c    CSV with a header naming id, group, author, time, body
*/
#ifndef SANCTUM_FORMATS_H
#define SANCTUM_FORMATS_H

#include <stddef.h>

#include "record.h"

extern const struct import_format discord_format;
extern const struct import_format discourse_format;
extern const struct import_format reddit_format;
extern const struct import_format jsonl_format;
extern const struct import_format csvfile_format;

int slack_read_file(const char *path, const struct import_emit *e,
    char *err);
int slack_read_memory(const void *data, size_t n,
    const struct import_emit *e, char *err);

#endif
