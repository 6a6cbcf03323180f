/*
** sealed.h: every sealed column of the schema, in one table: where it
** lives, the name its values are bound to, who may open it, and whether
** opening it exposes a person to difficult content (and how much that
** weighs).  The gateway (gate.h) is the only code that seals or opens a
** value, and it reads this table to decide; a unit test fails when the
** schema has a *_sealed column that is not here.
*/
#ifndef SANCTUM_SEALED_H
#define SANCTUM_SEALED_H

#include "../admin/roles.h"

enum sealed_col {
	SEALED_POST_BODY,
	SEALED_POST_CW,
	SEALED_MEMBER_CONTACT,
	SEALED_MEMBER_CONTACT_PREF,
	SEALED_REPORT_BODY,
	SEALED_INCIDENT_SUMMARY,
	SEALED_LEAK_LOCATION,
	SEALED_LEAK_MATERIAL,
	SEALED_CASE_NOTES,
	SEALED_FOLLOWUP_NOTES,
	SEALED_APPLICATION_CONTACT,
	SEALED_APPLICATION_ANSWERS,
	SEALED_VIOLATION_NOTE,
	SEALED_INCIDENT_ASSESSMENT,
	SEALED_OUTREACH_BODY,
	SEALED_OUTREACH_REPLY,
	SEALED_TAKEDOWN_REQUEST,
	SEALED_ANNOUNCEMENT_DRAFT,
	SEALED_CARE_NEEDS,
	SEALED_CARE_MESSAGE,
	SEALED_CARE_REPLY,
	SEALED_CARE_HELP,
	SEALED_USER_REMINDER,
	SEALED_PEER_MESSAGE,
	SEALED_DEBRIEF_SHARED,
	SEALED_DEBRIEF_PRIVATE,
	SEALED_SELF_CHECK,
	SEALED_THANKS,
	SEALED_FINDING_LINK,
	SEALED_ALERT_HOOK,
	SEALED_NCOLS
};

struct sealed_info {
	const char *table;	/* as in the schema: "posts" */
	const char *column;	/* as in the schema: "body_sealed" */
	const char *bound;	/* the name a value is sealed to: "body" */
	enum role open_role;	/* the least role that may open it */
	int exposure;		/* weight counted when a person opens it;
				   0: not difficult content */
	const char *kind;	/* the exposure's kind, in moderator care */
};

#define SEALED_HEAVY 3	/* times the weight of content whose warnings name
			   suicide, self-harm or abuse */

const struct sealed_info *sealed_info(enum sealed_col c);
int sealed_weight(enum sealed_col c, const char *labels);
int sealed_find(const char *table, const char *column);

#endif
