/*
** console.h: the care pages.  For the people who support members: their
** cases and the check-ins due (/care), one case (/care/{id}); for the
** member: "my support" (/me/support), where they choose how they are
** contacted, say in their own words what they need, see what is planned
** and close their case.
*/
#ifndef SANCTUM_CARE_CONSOLE_H
#define SANCTUM_CARE_CONSOLE_H

struct req;

void care_page(struct req *r);
void care_reminders_post(struct req *r);
void care_reminders_post(struct req *r);
void care_open_post(struct req *r);
void care_case_page(struct req *r);
void care_reveal_post(struct req *r);
void care_notes_post(struct req *r);
void care_hand_post(struct req *r);
void care_close_post(struct req *r);
void care_checkin_done_post(struct req *r);
void care_checkin_skip_post(struct req *r);
void care_checkin_move_post(struct req *r);
void care_draft_post(struct req *r);
void care_message_open_post(struct req *r);
void care_message_save_post(struct req *r);
void care_message_send_post(struct req *r);
void care_update_post(struct req *r);
void care_offers_post(struct req *r);
void care_offer_status_post(struct req *r);
void care_session_post(struct req *r);
void care_help_post(struct req *r);
void care_help_outcome_post(struct req *r);
void care_case_api(struct req *r);
void care_due_api(struct req *r);

void my_support_page(struct req *r);
void my_support_prefs_post(struct req *r);
void my_support_needs_post(struct req *r);
void my_support_close_post(struct req *r);
void my_support_forget_post(struct req *r);
void my_support_reply_post(struct req *r);

#endif
