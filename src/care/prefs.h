/*
** prefs.h: what a member chooses about being supported.
**
** Whether to be contacted at all, by which channel, how often (the
** default plan or every N days), in which language, and when in their
** own day.  The choices are the member's: they make them on their "my
** support" page, or a supporter records what the member said another
** way.  "Please don't contact me" holds everywhere at once: every open
** case's planned check-ins go, and no check-in is due for them anywhere
** until they say otherwise.
*/
#ifndef SANCTUM_CARE_PREFS_H
#define SANCTUM_CARE_PREFS_H

#include <stdint.h>

struct cli;
struct gate;
struct care_prefs;

int care_prefs_check(const struct care_prefs *p, char *err);
int care_prefs_change(struct gate *g, int64_t member,
    const struct care_prefs *p, int by_member, char *err);

int care_prefs_cmd(struct cli *c, int argc, char **argv);

#endif
