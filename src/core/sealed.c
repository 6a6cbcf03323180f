/*
** sealed.c: the table of sealed columns.  See sealed.h.
**
** The bound names are those the values were sealed to from the start
** (the associated data: table, bound name, row), so existing communities
** keep opening.
*/
#include "sealed.h"

#include <string.h>

static const struct sealed_info cols[SEALED_NCOLS] = {
	/* table, column, bound to, least role to open, exposure, kind */
	[SEALED_POST_BODY] = { "posts", "body_sealed", "body",
	    ROLE_MODERATOR, 1, "post" },
	[SEALED_POST_CW] = { "posts", "cw_sealed", "cw",
	    ROLE_MODERATOR, 0, NULL },
	[SEALED_MEMBER_CONTACT] = { "members", "contact_sealed", "contact",
	    ROLE_ADMIN, 0, NULL },
	[SEALED_MEMBER_CONTACT_PREF] = { "members", "contact_pref_sealed",
	    "contact_pref", ROLE_SUPPORTER, 0, NULL },
	[SEALED_REPORT_BODY] = { "reports", "body_sealed", "body",
	    ROLE_MODERATOR, 2, "report" },
	[SEALED_INCIDENT_SUMMARY] = { "incidents", "summary_sealed",
	    "summary", ROLE_MODERATOR, 1, "incident" },
	[SEALED_LEAK_LOCATION] = { "leaks", "location_sealed", "location",
	    ROLE_MODERATOR, 0, NULL },
	[SEALED_LEAK_MATERIAL] = { "leaks", "material_sealed", "material",
	    ROLE_MODERATOR, 2, "leaked-material" },
	[SEALED_CASE_NOTES] = { "care_cases", "notes_sealed", "notes",
	    ROLE_SUPPORTER, 1, "case-notes" },
	[SEALED_FOLLOWUP_NOTES] = { "followups", "notes_sealed", "notes",
	    ROLE_SUPPORTER, 1, "case-notes" },
	[SEALED_APPLICATION_CONTACT] = { "applications", "contact_sealed",
	    "contact", ROLE_ADMIN, 0, NULL },
	[SEALED_APPLICATION_ANSWERS] = { "applications", "answers_sealed",
	    "answers", ROLE_MODERATOR, 1, "application" },
	[SEALED_VIOLATION_NOTE] = { "violations", "note_sealed", "note",
	    ROLE_MODERATOR, 1, "violation" },
	[SEALED_INCIDENT_ASSESSMENT] = { "incidents", "assessment_sealed",
	    "assessment", ROLE_MODERATOR, 1, "incident" },
	[SEALED_OUTREACH_BODY] = { "outreach", "body_sealed", "body",
	    ROLE_MODERATOR, 0, NULL },
	[SEALED_OUTREACH_REPLY] = { "outreach", "reply_sealed", "reply",
	    ROLE_SUPPORTER, 1, "member-reply" },
	[SEALED_TAKEDOWN_REQUEST] = { "takedowns", "request_sealed",
	    "request", ROLE_MODERATOR, 0, NULL },
	[SEALED_ANNOUNCEMENT_DRAFT] = { "announcements", "draft_sealed",
	    "draft", ROLE_MODERATOR, 0, NULL },
	[SEALED_CARE_NEEDS] = { "care_cases", "needs_sealed", "needs",
	    ROLE_SUPPORTER, 1, "member-needs" },
	[SEALED_CARE_MESSAGE] = { "care_messages", "body_sealed", "body",
	    ROLE_SUPPORTER, 0, NULL },
	[SEALED_CARE_REPLY] = { "care_messages", "reply_sealed", "reply",
	    ROLE_SUPPORTER, 1, "member-reply" },
	[SEALED_CARE_HELP] = { "care_help", "note_sealed", "note",
	    ROLE_SUPPORTER, 1, "case-notes" },
	[SEALED_USER_REMINDER] = { "user_reminders", "email_sealed", "email",
	    ROLE_ADMIN, 0, NULL },
	/* between two members alone: gate_open refuses it to every role */
	[SEALED_PEER_MESSAGE] = { "peer_messages", "body_sealed", "body",
	    ROLE_ADMIN, 0, NULL },
	/* what a moderator wrote after a debrief, for the team */
	[SEALED_DEBRIEF_SHARED] = { "debrief_entries", "shared_sealed",
	    "shared", ROLE_MODERATOR, 1, "debrief" },
	/* theirs alone: gate_open refuses these to every role, and
	** gate_open_own opens them for their author */
	[SEALED_DEBRIEF_PRIVATE] = { "debrief_entries", "private_sealed",
	    "private", ROLE_ADMIN, 0, NULL },
	[SEALED_SELF_CHECK] = { "self_checks", "answers_sealed", "answers",
	    ROLE_ADMIN, 0, NULL },
	/* thanks, for whoever they are for (the whole team's: its staff) */
	[SEALED_THANKS] = { "thanks", "message_sealed", "message",
	    ROLE_ADMIN, 0, NULL },
	/* where monitoring found a possible leak: an outside address */
	[SEALED_FINDING_LINK] = { "monitor_findings", "link_sealed", "link",
	    ROLE_MODERATOR, 0, NULL },
	/* a webhook's address, often a secret itself; read by the machine
	** to send an alert */
	[SEALED_ALERT_HOOK] = { "alert_hooks", "url_sealed", "url",
	    ROLE_ADMIN, 0, NULL },
};

/* The row of column c, or NULL when there is no such column. */
const struct sealed_info *
sealed_info(enum sealed_col c)
{
	return (unsigned)c < SEALED_NCOLS ? &cols[c] : NULL;
}

/* The sealed column called column in table, or -1 when there is none. */
int
sealed_find(const char *table, const char *column)
{
	int i;

	for (i = 0; i < SEALED_NCOLS; i++)
		if (strcmp(cols[i].table, table) == 0 &&
		    strcmp(cols[i].column, column) == 0)
			return i;
	return -1;
}

/* What opening a value of column c weighs on the person who reads it, by
** severity: the column's weight, SEALED_HEAVY times that when the
** value's content warnings (labels, comma-separated, or NULL) name
** suicide, self-harm or abuse.  0 for content that is not difficult. */
int
sealed_weight(enum sealed_col c, const char *labels)
{
	const struct sealed_info *si = sealed_info(c);

	if (si == NULL)
		return 0;
	if (labels && (strstr(labels, "suicide") || strstr(labels,
	    "self-harm") || strstr(labels, "abuse")))
		return SEALED_HEAVY * si->exposure;
	return si->exposure;
}
