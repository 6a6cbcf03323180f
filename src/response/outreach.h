/*
** outreach.h: steps 2 and 3 of the response, contacting each affected
** member with care and giving them support resources.
**
** For each affected member a private message is drafted from a
** trauma-informed template: warm, no judgement and no blame, what
** happened in plain words (never the leaked words), what is being done,
** how they are and what they need (their answer is kept sealed for
** whoever supports them), the choices they have, and the support
** resources of their country.  Moderators edit the draft before sending.
** The lint refuses a draft that blames, minimises, carries words of the
** leaked posts or gives no support resource.  A message goes in the app
** (the member reads it on their own page and may answer) or by e-mail
** over SMTP (libcurl; the address is opened by the gateway for the
** sending alone, never shown).  Attempts, failures and answers are kept.
** Nothing of this is done before the risk assessment (incident_may).
**
** The resources directory ships (in migration 007) with crisis lines of a
** few countries and two international directories, each with its hours
** and source; admins add and remove entries (`sanctum resources ...`).
*/
#ifndef SANCTUM_OUTREACH_H
#define SANCTUM_OUTREACH_H

#include <stddef.h>
#include <stdint.h>

struct buf;
struct cli;
struct db;
struct gate;

#define OUTREACH_BODY_MAX 8000		/* bytes of a message */
#define OUTREACH_REPLY_MAX 8000		/* bytes of an answer */
#define OUTREACH_LINT_MAX 8
#define OUTREACH_CONNECT_HOURS 24	/* a request to be connected is due */

/* What the lint found: each problem with the words that set it. */
struct outreach_lint {
	int n;
	char problem[OUTREACH_LINT_MAX][160];
};

void outreach_lint_text(const char *text, const char *const *resources,
    size_t nresources, struct outreach_lint *out);
int outreach_lint_full(struct gate *g, int64_t incident, const char *text,
    struct outreach_lint *out);

int outreach_resources_text(struct db *db, const char *country,
    struct buf *out);
int outreach_draft_all(struct gate *g, int64_t incident, const char *country,
    int *made, char *err);
int outreach_edit(struct gate *g, int64_t id, const char *body,
    const char *channel, struct outreach_lint *lint, char *err);
int outreach_send(struct gate *g, int64_t id, struct outreach_lint *lint,
    char *err);
int outreach_reply(struct gate *g, int64_t id, const char *text, char *err);
int outreach_connect(struct gate *g, int64_t id, char *err);
int outreach_connect_done(struct gate *g, int64_t id, int64_t *incident,
    char *err);

int outreach_draft_cmd(struct cli *c, int argc, char **argv);
int outreach_send_cmd(struct cli *c, int argc, char **argv);
int resources_list_cmd(struct cli *c, int argc, char **argv);
int resources_add_cmd(struct cli *c, int argc, char **argv);
int resources_remove_cmd(struct cli *c, int argc, char **argv);

#endif
