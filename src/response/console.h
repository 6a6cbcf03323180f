/*
** console.h: incidents in the web console.
**
** /incidents lists them and opens one by hand; a scan result opens one
** about the posts it found (and the address it scanned).  An incident's
** page walks the five steps in order, showing where it stands.  It shows
** what triage found without opening anything: levels and flags of each
** leaked post, the affected members highest risk first, the platforms
** where the leak is, how many members could have seen the posts, and the
** timeline.  A moderator who needs the words asks for them (POST
** .../open): the posts behind content warnings with the phrases that set
** each score, the addresses and the assessment's note, each opening
** audited and counted as exposure.  The risk assessment is recorded here,
** and nothing of the later steps comes before it.  Step 2's messages are
** drafted, edited (with the lint's findings beside them) and sent from
** here; a member reads theirs at /me/messages and may answer.
*/
#ifndef SANCTUM_RESPONSE_CONSOLE_H
#define SANCTUM_RESPONSE_CONSOLE_H

struct req;

void incidents_page(struct req *r);
void incident_open_post(struct req *r);
void incident_page(struct req *r);
void incident_handoff_post(struct req *r);
void incident_handoff_api(struct req *r);
void incident_reveal_post(struct req *r);
void incident_assess_post(struct req *r);
void incident_member_post(struct req *r);
void incident_location_post(struct req *r);
void incident_outreach_post(struct req *r);
void outreach_open_post(struct req *r);
void outreach_save_post(struct req *r);
void outreach_send_post(struct req *r);
void member_messages_page(struct req *r);
void member_reply_post(struct req *r);
void incident_consent_post(struct req *r);
void incident_takedown_post(struct req *r);
void takedown_status_post(struct req *r);
void incident_recheck_post(struct req *r);
void member_consent_post(struct req *r);
void incident_announce_post(struct req *r);
void announcement_open_post(struct req *r);
void announcement_save_post(struct req *r);
void announcement_publish_post(struct req *r);
void announcements_page(struct req *r);
void incident_report_page(struct req *r);
void report_incident_post(struct req *r);
void member_connect_post(struct req *r);
void connect_done_post(struct req *r);

struct outreach_lint;
void outreach_lint_notice(struct req *r, const struct outreach_lint *l);

#endif
