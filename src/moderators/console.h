/*
** console.h: moderator care in the console.  /wellbeing is each person's
** own page (their exposure, their breaks, their shifts: for them alone);
** /rota is the team's on-call rota, where admins see only whether someone
** is near or at a cap, never what they read.
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
void rota_cover_post(struct req *r);
void rota_caps_post(struct req *r);
void rota_ics(struct req *r);
void wellbeing_lead_panel(struct req *r, int64_t incident, int open);

#endif
