/*
** findings.h: the review queue of what external monitoring found.
**
** A finding says where it came from (its source), why it matched (the
** community's posts found by fingerprints, a watched name near a word)
** and how strongly (its score), never the outside words.  A moderator
** looks at each new one and, in one step, either dismisses it or opens an
** incident from it: the incident holds its posts and its address (opened
** from the seal for that, and audited), and starts at step 1.  Alerts
** (alert.h) say only that the queue has something.
*/
#ifndef SANCTUM_FINDINGS_H
#define SANCTUM_FINDINGS_H

#include <stdint.h>

struct cli;
struct gate;
struct req;

int finding_dismiss(struct gate *g, int64_t id, char *err);
int finding_incident(struct gate *g, int64_t id, int64_t *incident,
    char *err);

int monitor_findings_cmd(struct cli *c, int argc, char **argv);
int monitor_dismiss_cmd(struct cli *c, int argc, char **argv);
int monitor_incident_cmd(struct cli *c, int argc, char **argv);

void monitor_page(struct req *r);
void finding_dismiss_post(struct req *r);
void finding_incident_post(struct req *r);
void findings_api(struct req *r);
void sources_api(struct req *r);
void finding_dismiss_api(struct req *r);
void finding_incident_api(struct req *r);

#endif
