/*
** incident.h: an incident and the order of its five steps.
**
** An incident opens from a leak scan, a member's report, or by hand.  It
** holds what leaked (the community's posts, sealed where they always
** are), who is affected (the posts' authors, and anyone a moderator adds),
** where the leak is (a platform, and the address sealed) and, from the
** membership history, who could have seen the posts.  Its timeline is the
** audit trail's entries for it, so the record cannot drift from what was
** done.
**
** The steps come in the framework's order: 1 assess immediate risk, 2
** contact affected members, 3 provide support resources, 4 remove the
** leaked content, 5 communicate with the community.  Step 1 is helped by
** the program: every leaked post is triaged (triage.h) as it joins the
** incident, through the gateway's machine reading, so only levels and
** flags are kept and no one is exposed to the words to get a first view.
** A moderator then records the assessment (low, elevated, immediate);
** choosing a lower risk than triage suggests needs a note saying why.
** Nothing of step 2 or later is allowed before that (incident_may).
*/
#ifndef SANCTUM_INCIDENT_H
#define SANCTUM_INCIDENT_H

#include <stddef.h>
#include <stdint.h>

struct cli;
struct gate;
struct incident_row;
struct rota_pick;

#define INCIDENT_POSTS_MAX 64		/* posts opened into one incident */
#define INCIDENT_NOTE_MAX 4000		/* bytes of an assessment's note */
#define INCIDENT_URL_MAX 2000		/* bytes of a location's address */
#define INCIDENT_PLATFORM_MAX 64	/* bytes of a platform's name */

struct incident_open {
	const char *source;		/* "scan", "report" or "hand" */
	const int64_t *posts;		/* may be empty */
	int nposts;
	const char *platform, *url;	/* a first location, or NULL */
};

int incident_create(struct gate *g, const struct incident_open *in,
    int64_t *id, char *err);
int incident_add_posts(struct gate *g, int64_t id, const int64_t *posts,
    int n, int *added, char *err);
int incident_add_member(struct gate *g, int64_t id, const char *pseudonym,
    char *err);
int incident_add_location(struct gate *g, int64_t id, const char *platform,
    const char *url, char *err);
int incident_assess(struct gate *g, int64_t id, const char *risk,
    const char *note, char *err);
int incident_handoff(struct gate *g, int64_t id, struct rota_pick *p,
    char *err);
int incident_close(struct gate *g, int64_t id, char *err);
int incident_may(const struct incident_row *r, int step, char *err);
int incident_ready(struct gate *g, int64_t id, int step,
    struct incident_row *r, char *err);
void incident_keep_text(void *arg, const char *text, size_t len);

const char *incident_suggested_risk(const struct incident_row *r);
const char *incident_rank_name(int rank);
const char *incident_step_name(int step);

int incident_list_cmd(struct cli *c, int argc, char **argv);
int incident_show_cmd(struct cli *c, int argc, char **argv);
int incident_open_cmd(struct cli *c, int argc, char **argv);
int incident_assess_cmd(struct cli *c, int argc, char **argv);
int incident_member_cmd(struct cli *c, int argc, char **argv);
int incident_location_cmd(struct cli *c, int argc, char **argv);
int incident_handoff_cmd(struct cli *c, int argc, char **argv);
int incident_close_cmd(struct cli *c, int argc, char **argv);

#endif
