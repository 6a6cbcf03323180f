/*
** import.h: `sanctum import --format FORMAT PATH`: read a community's
** export (Discord, Discourse, Slack, Reddit, JSONL or CSV) into the
** community, through the import sink, in one transaction.
*/
#ifndef SANCTUM_IMPORT_H
#define SANCTUM_IMPORT_H

struct cli;

int import_cmd(struct cli *c, int argc, char **argv);

#endif
