/*
** api.h: moderator care in the JSON API: a person's own exposure, the
** rota, breaks and swaps, and (for admins) who is on the rota and the
** caps.  The same rules as the console: figures only to their owner.
*/
#ifndef SANCTUM_MODERATORS_API_H
#define SANCTUM_MODERATORS_API_H

struct req;

void exposure_me_api(struct req *r);
void exposure_caps_api(struct req *r);
void rota_api(struct req *r);
void rota_next_api(struct req *r);
void rota_break_api(struct req *r);
void rota_back_api(struct req *r);
void rota_swap_api(struct req *r);
void rota_swap_answer_api(struct req *r);
void rota_members_api(struct req *r);
void selfcheck_api(struct req *r);
void selfcheck_add_api(struct req *r);
void debriefs_api(struct req *r);
void debrief_entry_api(struct req *r);
void recognition_api(struct req *r);
void thanks_api(struct req *r);
void support_api(struct req *r);
void support_add_api(struct req *r);
void support_budget_api(struct req *r);
void support_session_api(struct req *r);
void rota_cover_api(struct req *r);
void debrief_schedule_api(struct req *r);
void debrief_read_api(struct req *r);
void support_remove_api(struct req *r);

#endif
