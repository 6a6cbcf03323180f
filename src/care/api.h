/*
** api.h: the JSON API of sustained support and healing spaces: what the
** console's care pages do, for automation.  Each call asks the same logic
** the pages and the command line ask, so the rules hold the same way.
** The README lists every call.
*/
#ifndef SANCTUM_CARE_API_H
#define SANCTUM_CARE_API_H

struct req;

void care_open_api(struct req *r);
void care_hand_api(struct req *r);
void care_close_api(struct req *r);
void care_checkin_api(struct req *r);
void care_prefs_api(struct req *r);
void care_notes_api(struct req *r);
void care_draft_api(struct req *r);
void care_update_api(struct req *r);
void care_message_open_api(struct req *r);
void care_message_edit_api(struct req *r);
void care_message_send_api(struct req *r);
void care_offer_api(struct req *r);
void care_offer_mark_api(struct req *r);
void care_session_api(struct req *r);
void care_help_api(struct req *r);
void care_help_mark_api(struct req *r);
void care_peer_api(struct req *r);
void spaces_list_api(struct req *r);
void spaces_open_api(struct req *r);

#endif
