/*
** report.h: an incident's report, in HTML, for the record and for those
** who must be told (a safeguarding lead, the community's trustees).  It
** holds the timeline, the steps and what was done in each, and figures;
** never the leaked words, the posts' authors, the addresses, anyone's
** contact details or the notes.  The console shows it
** (/incidents/{id}/report) and `sanctum incident report N` prints it as
** a page of its own.
*/
#ifndef SANCTUM_REPORT_H
#define SANCTUM_REPORT_H

#include <stdint.h>

struct buf;
struct cli;
struct db;

int incident_report_body(struct db *db, int64_t id, struct buf *out);
int incident_report_cmd(struct cli *c, int argc, char **argv);

#endif
