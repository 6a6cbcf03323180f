/*
** console.h: moderator care in the console.  /wellbeing is each person's
** own page (their exposure, their breaks, their shifts: for them alone);
** /rota is the team's on-call rota, where admins see only whether someone
** is near or at a cap, never what they read.  /debriefs are the team's
** debriefs: each person's entry, the team's part opened through the
** gateway and their own reflection for them alone; the self-check lives
** on /wellbeing, for its author alone.
*/
#ifndef SANCTUM_MODERATORS_CONSOLE_H
#define SANCTUM_MODERATORS_CONSOLE_H

#include <stdint.h>

struct req;

void wellbeing_page(struct req *r);
void wellbeing_break_post(struct req *r);
void wellbeing_back_post(struct req *r);
void rota_page(struct req *r);
void rota_members_post(struct req *r);
void rota_swap_post(struct req *r);
void rota_swap_answer_post(struct req *r);
void rota_cover_post(struct req *r);
void rota_caps_post(struct req *r);
void rota_ics(struct req *r);
void wellbeing_lead_panel(struct req *r, int64_t incident, int open);
void wellbeing_check_post(struct req *r);
void debriefs_page(struct req *r);
void debriefs_ics(struct req *r);
void debriefs_schedule_post(struct req *r);
void debriefs_lessons_post(struct req *r);
void debrief_team_page(struct req *r);
void debrief_team_post(struct req *r);
void debrief_page(struct req *r);
void debrief_entry_post(struct req *r);
void debrief_read_post(struct req *r);
void wellbeing_session_post(struct req *r);
void support_add_post(struct req *r);
void support_remove_post(struct req *r);
void support_budget_post(struct req *r);
void thanks_page(struct req *r);
void thanks_post(struct req *r);

#endif
