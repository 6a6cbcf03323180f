/*
** routes.c: every HTTP route sanctum serves, in one table, and the
** dispatcher that enforces what each route declares before and after its
** handler runs (Redis's processCommand is the model):
**   1. the path matches a pattern and the method exists (404, 405); a
**      pattern's {name} parts are numbers from 1 up, parsed and checked
**      before any handler sees them (req_param),
**   2. who is asking: session cookie or API bearer token; the request's
**      gate then acts for them,
**   3. a login is there when the route needs one (redirect or 401),
**   4. the role is enough (403),
**   5. a due password change is done first (redirect or 403),
**   6. every request that is not GET or HEAD carries this session's CSRF
**      token (403), unless it came with a bearer token,
**   7. a route that writes (R_WRITES) or opens sealed values (R_SEALED)
**      runs in one transaction: committed when the handler answers below
**      400, rolled back otherwise; the store refuses a commit that changed
**      something without naming an audit entry, and a refused commit
**      turns the answer into a 500, so nothing is acknowledged that was
**      not kept.  A route that must first read slowly (a report fetched
**      and read by OCR, a message handed to a mail server, a scan of a
**      web address) says R_OWN_TXN and commits its own, so the network
**      holds no lock on the database; so does one that counts refusals
**      (an application whose name is in use), which the rollback of a
**      refusal would undo.
** A handler therefore cannot forget a check.
*/
#include "routes.h"

#include <stdlib.h>
#include <string.h>

#include "../admin/audit.h"
#include "../admin/tokens.h"
#include "../admin/users.h"
#include "../care/api.h"
#include "../care/console.h"
#include "../care/peers.h"
#include "../core/gate.h"
#include "../healing/measures.h"
#include "../healing/pulse.h"
#include "../healing/spaces.h"
#include "../crypto/token.h"
#include "../detect/console.h"
#include "../detect/findings.h"
#include "../detect/reports.h"
#include "../moderators/api.h"
#include "../moderators/console.h"
#include "../prevention/api.h"
#include "../prevention/apply.h"
#include "../prevention/console.h"
#include "../prevention/contact.h"
#include "../prevention/mydata.h"
#include "../prevention/training.h"
#include "../response/console.h"
#include "dashboard.h"
#include "session.h"
#include "static.h"

static const struct route routes[] = {
	/* method, path, least role, flags, handler */
	{ "GET", "/healthz", ROLE_NONE, R_GATE_OK, static_health },
	{ "GET", "/static/console.css", ROLE_NONE, R_GATE_OK, static_asset },
	{ "GET", "/login", ROLE_NONE, R_GATE_OK, session_login_page },
	{ "POST", "/login", ROLE_NONE, R_GATE_OK | R_OWN_CSRF,
	    session_login_post },
	{ "POST", "/logout", ROLE_MEMBER, R_GATE_OK, session_logout },
	{ "GET", "/account/password", ROLE_MEMBER, R_GATE_OK,
	    session_password_page },
	{ "POST", "/account/password", ROLE_MEMBER, R_GATE_OK | R_WRITES,
	    session_password_post },
	{ "GET", "/", ROLE_MEMBER, 0, dashboard_page },
	{ "GET", "/users", ROLE_ADMIN, 0, users_page },
	{ "POST", "/users", ROLE_ADMIN, R_WRITES, users_add_post },
	{ "POST", "/users/disable", ROLE_ADMIN, R_WRITES, users_disable_post },
	{ "POST", "/users/enable", ROLE_ADMIN, R_WRITES, users_enable_post },
	{ "GET", "/tokens", ROLE_ADMIN, 0, tokens_page },
	{ "POST", "/tokens", ROLE_ADMIN, R_WRITES, tokens_create_post },
	{ "POST", "/tokens/{id}/revoke", ROLE_ADMIN, R_WRITES,
	    tokens_revoke_post },
	{ "GET", "/audit", ROLE_ADMIN, 0, audit_page },
	{ "GET", "/apply", ROLE_NONE, R_GATE_OK, prevention_apply_page },
	{ "POST", "/apply", ROLE_NONE, R_GATE_OK | R_OWN_CSRF | R_WRITES |
	    R_OWN_TXN, prevention_apply_post },
	{ "GET", "/apply/status", ROLE_NONE, R_GATE_OK,
	    prevention_status_page },
	{ "POST", "/apply/status", ROLE_NONE, R_GATE_OK | R_OWN_CSRF |
	    R_WRITES, prevention_status_post },
	{ "GET", "/report", ROLE_NONE, R_GATE_OK, report_page },
	{ "POST", "/report", ROLE_NONE, R_GATE_OK | R_OWN_CSRF | R_WRITES |
	    R_OWN_TXN, report_post },
	{ "GET", "/report/status", ROLE_NONE, R_GATE_OK, report_status_page },
	{ "POST", "/report/status", ROLE_NONE, R_GATE_OK | R_OWN_CSRF,
	    report_status_post },
	{ "GET", "/activate", ROLE_NONE, R_GATE_OK, prevention_activate_page },
	{ "POST", "/activate", ROLE_NONE, R_GATE_OK | R_OWN_CSRF | R_WRITES,
	    prevention_activate_post },
	{ "GET", "/applications", ROLE_MODERATOR, 0,
	    prevention_applications_page },
	{ "POST", "/applications/{id}/review", ROLE_MODERATOR, R_SEALED,
	    prevention_application_review_post },
	{ "POST", "/applications/{id}/approve", ROLE_MODERATOR, R_WRITES,
	    prevention_application_approve_post },
	{ "POST", "/applications/{id}/decline", ROLE_MODERATOR, R_WRITES,
	    prevention_application_decline_post },
	{ "GET", "/invitations", ROLE_MODERATOR, 0,
	    prevention_invitations_page },
	{ "POST", "/invitations", ROLE_MODERATOR, R_WRITES,
	    prevention_invitations_post },
	{ "GET", "/members", ROLE_MODERATOR, 0, contact_members_page },
	{ "POST", "/members/{id}/contact", ROLE_ADMIN, R_SEALED | R_WRITES,
	    contact_reveal_post },
	{ "GET", "/training", ROLE_MODERATOR, 0, training_page },
	{ "POST", "/training", ROLE_ADMIN, R_WRITES, training_record_post },
	{ "GET", "/wellbeing", ROLE_SUPPORTER, 0, wellbeing_page },
	{ "POST", "/wellbeing/break", ROLE_MODERATOR, R_WRITES,
	    wellbeing_break_post },
	{ "POST", "/wellbeing/back", ROLE_MODERATOR, R_WRITES,
	    wellbeing_back_post },
	{ "GET", "/rota", ROLE_MODERATOR, 0, rota_page },
	{ "GET", "/rota.ics", ROLE_MODERATOR, 0, rota_ics },
	{ "POST", "/rota/members", ROLE_ADMIN, R_WRITES, rota_members_post },
	{ "POST", "/rota/swap", ROLE_MODERATOR, R_WRITES, rota_swap_post },
	{ "POST", "/rota/swaps/{id}/answer", ROLE_MODERATOR, R_WRITES,
	    rota_swap_answer_post },
	{ "POST", "/rota/cover", ROLE_ADMIN, R_WRITES, rota_cover_post },
	{ "POST", "/rota/caps", ROLE_ADMIN, R_WRITES, rota_caps_post },
	{ "POST", "/wellbeing/check", ROLE_SUPPORTER, R_WRITES,
	    wellbeing_check_post },
	{ "POST", "/support", ROLE_ADMIN, R_WRITES, support_add_post },
	{ "POST", "/support/{id}/remove", ROLE_ADMIN, R_WRITES,
	    support_remove_post },
	{ "POST", "/support/budget", ROLE_ADMIN, R_WRITES,
	    support_budget_post },
	{ "POST", "/wellbeing/session", ROLE_SUPPORTER, R_WRITES,
	    wellbeing_session_post },
	{ "GET", "/thanks", ROLE_MEMBER, 0, thanks_page },
	{ "POST", "/thanks", ROLE_MEMBER, R_WRITES, thanks_post },
	{ "GET", "/debriefs", ROLE_MODERATOR, 0, debriefs_page },
	{ "GET", "/debriefs.ics", ROLE_MODERATOR, 0, debriefs_ics },
	{ "POST", "/debriefs/schedule", ROLE_MODERATOR, R_WRITES,
	    debriefs_schedule_post },
	{ "POST", "/debriefs/lessons", ROLE_MODERATOR, R_SEALED,
	    debriefs_lessons_post },
	{ "GET", "/debriefs/team", ROLE_MODERATOR, 0, debrief_team_page },
	{ "POST", "/debriefs/team", ROLE_MODERATOR, R_WRITES,
	    debrief_team_post },
	{ "GET", "/debriefs/{id}", ROLE_MODERATOR, 0, debrief_page },
	{ "POST", "/debriefs/{id}/entry", ROLE_MODERATOR, R_WRITES,
	    debrief_entry_post },
	{ "POST", "/debriefs/{id}/read", ROLE_MODERATOR, R_SEALED,
	    debrief_read_post },
	{ "GET", "/pledge", ROLE_MEMBER, 0, prevention_pledge_page },
	{ "POST", "/pledge", ROLE_MEMBER, R_WRITES, prevention_pledge_post },
	{ "GET", "/groups", ROLE_MEMBER, 0, prevention_groups_page },
	{ "GET", "/groups/{id}", ROLE_MEMBER, 0, prevention_group_page },
	{ "POST", "/groups/{id}/read", ROLE_MODERATOR, R_SEALED,
	    prevention_group_read_post },
	{ "POST", "/groups/{id}/join", ROLE_MEMBER, R_WRITES,
	    prevention_group_join_post },
	{ "POST", "/groups/{id}/posts", ROLE_MEMBER, R_WRITES,
	    prevention_group_write_post },
	{ "GET", "/posts/{id}/edit", ROLE_MEMBER, 0,
	    prevention_post_edit_page },
	{ "POST", "/posts/{id}/edit", ROLE_MEMBER, R_WRITES,
	    prevention_post_edit_post },
	{ "POST", "/posts/{id}/delete", ROLE_MEMBER, R_WRITES,
	    prevention_post_delete_post },
	{ "POST", "/groups/{id}/leave", ROLE_MEMBER, R_WRITES,
	    prevention_group_leave_post },
	{ "GET", "/me/export", ROLE_MEMBER, 0, mydata_export_get },
	{ "GET", "/me/mark.svg", ROLE_MEMBER, 0, prevention_mark_svg },
	{ "GET", "/me/messages", ROLE_MEMBER, 0, member_messages_page },
	{ "POST", "/me/messages/{id}/reply", ROLE_MEMBER, R_WRITES,
	    member_reply_post },
	{ "POST", "/me/messages/{id}/consent", ROLE_MEMBER, R_WRITES,
	    member_consent_post },
	{ "POST", "/me/messages/{id}/connect", ROLE_MEMBER, R_WRITES,
	    member_connect_post },
	{ "POST", "/me/delete", ROLE_MEMBER, R_WRITES, mydata_delete_post },
	{ "GET", "/scan", ROLE_MODERATOR, 0, detect_scan_page },
	{ "POST", "/scan", ROLE_MODERATOR, R_SEALED | R_OWN_TXN,
	    detect_scan_post },
	{ "GET", "/incidents", ROLE_MODERATOR, 0, incidents_page },
	{ "POST", "/incidents", ROLE_MODERATOR, R_WRITES, incident_open_post },
	{ "GET", "/incidents/{id}", ROLE_MODERATOR, 0, incident_page },
	{ "GET", "/incidents/{id}/report", ROLE_MODERATOR, 0,
	    incident_report_page },
	{ "POST", "/incidents/{id}/open", ROLE_MODERATOR, R_SEALED,
	    incident_reveal_post },
	{ "POST", "/incidents/{id}/handoff", ROLE_MODERATOR, R_WRITES,
	    incident_handoff_post },
	{ "POST", "/incidents/{id}/assess", ROLE_MODERATOR, R_WRITES,
	    incident_assess_post },
	{ "POST", "/incidents/{id}/members", ROLE_MODERATOR, R_WRITES,
	    incident_member_post },
	{ "POST", "/incidents/{id}/locations", ROLE_MODERATOR, R_WRITES,
	    incident_location_post },
	{ "POST", "/incidents/{id}/outreach", ROLE_MODERATOR, R_WRITES,
	    incident_outreach_post },
	{ "POST", "/outreach/{id}/open", ROLE_MODERATOR, R_SEALED,
	    outreach_open_post },
	{ "POST", "/outreach/{id}", ROLE_MODERATOR, R_WRITES,
	    outreach_save_post },
	{ "POST", "/outreach/{id}/send", ROLE_MODERATOR, R_WRITES | R_OWN_TXN,
	    outreach_send_post },
	{ "POST", "/connects/{id}/done", ROLE_MODERATOR, R_WRITES,
	    connect_done_post },
	{ "POST", "/incidents/{id}/consent", ROLE_MODERATOR, R_WRITES,
	    incident_consent_post },
	{ "POST", "/incidents/{id}/takedowns", ROLE_MODERATOR, R_WRITES,
	    incident_takedown_post },
	{ "POST", "/takedowns/{id}/status", ROLE_MODERATOR, R_WRITES,
	    takedown_status_post },
	{ "POST", "/incidents/{id}/recheck", ROLE_MODERATOR, R_WRITES,
	    incident_recheck_post },
	{ "POST", "/incidents/{id}/announcement", ROLE_MODERATOR, R_WRITES,
	    incident_announce_post },
	{ "POST", "/announcements/{id}/open", ROLE_MODERATOR, R_SEALED,
	    announcement_open_post },
	{ "POST", "/announcements/{id}", ROLE_MODERATOR, R_WRITES,
	    announcement_save_post },
	{ "POST", "/announcements/{id}/publish", ROLE_MODERATOR, R_WRITES,
	    announcement_publish_post },
	{ "GET", "/announcements", ROLE_MEMBER, 0, announcements_page },
	{ "GET", "/care", ROLE_SUPPORTER, 0, care_page },
	{ "POST", "/care", ROLE_MODERATOR, R_WRITES, care_open_post },
	{ "POST", "/care/reminders", ROLE_SUPPORTER, R_WRITES,
	    care_reminders_post },
	{ "GET", "/care/peers", ROLE_SUPPORTER, 0, care_peers_page },
	{ "POST", "/care/peers/{id}/train", ROLE_MODERATOR, R_WRITES,
	    care_peer_train_post },
	{ "GET", "/care/{id}", ROLE_SUPPORTER, 0, care_case_page },
	{ "POST", "/care/{id}/open", ROLE_SUPPORTER, R_SEALED,
	    care_reveal_post },
	{ "POST", "/care/{id}/notes", ROLE_SUPPORTER, R_WRITES,
	    care_notes_post },
	{ "POST", "/care/{id}/hand", ROLE_SUPPORTER, R_WRITES, care_hand_post },
	{ "POST", "/checkins/{id}/done", ROLE_SUPPORTER, R_WRITES,
	    care_checkin_done_post },
	{ "POST", "/checkins/{id}/skip", ROLE_SUPPORTER, R_WRITES,
	    care_checkin_skip_post },
	{ "POST", "/checkins/{id}/move", ROLE_SUPPORTER, R_WRITES,
	    care_checkin_move_post },
	{ "POST", "/checkins/{id}/draft", ROLE_SUPPORTER, R_WRITES,
	    care_draft_post },
	{ "POST", "/care-messages/{id}/open", ROLE_SUPPORTER, R_SEALED,
	    care_message_open_post },
	{ "POST", "/care-messages/{id}", ROLE_SUPPORTER, R_WRITES,
	    care_message_save_post },
	{ "POST", "/care-messages/{id}/send", ROLE_SUPPORTER,
	    R_WRITES | R_OWN_TXN, care_message_send_post },
	{ "POST", "/care/{id}/updates", ROLE_SUPPORTER, R_WRITES,
	    care_update_post },
	{ "POST", "/care/{id}/offers", ROLE_SUPPORTER, R_WRITES,
	    care_offers_post },
	{ "POST", "/offers/{id}/status", ROLE_SUPPORTER, R_WRITES,
	    care_offer_status_post },
	{ "POST", "/offers/{id}/sessions", ROLE_SUPPORTER, R_WRITES,
	    care_session_post },
	{ "POST", "/care/{id}/help", ROLE_SUPPORTER, R_WRITES, care_help_post },
	{ "POST", "/care/{id}/peer", ROLE_SUPPORTER, R_WRITES,
	    care_peer_introduce_post },
	{ "POST", "/help/{id}/outcome", ROLE_SUPPORTER, R_WRITES,
	    care_help_outcome_post },
	{ "GET", "/me/support", ROLE_MEMBER, 0, my_support_page },
	{ "POST", "/me/support/prefs", ROLE_MEMBER, R_WRITES,
	    my_support_prefs_post },
	{ "POST", "/me/support/{id}/needs", ROLE_MEMBER, R_WRITES,
	    my_support_needs_post },
	{ "POST", "/me/support/{id}/close", ROLE_MEMBER, R_WRITES,
	    my_support_close_post },
	{ "POST", "/me/support/messages/{id}/reply", ROLE_MEMBER, R_WRITES,
	    my_support_reply_post },
	{ "POST", "/me/support/{id}/forget", ROLE_MEMBER, R_WRITES,
	    my_support_forget_post },
	{ "POST", "/me/support/better", ROLE_MEMBER, R_WRITES,
	    my_better_post },
	{ "POST", "/me/support/peer", ROLE_MEMBER, R_WRITES,
	    my_peer_offer_post },
	{ "POST", "/me/support/{id}/peer", ROLE_MEMBER, R_WRITES,
	    my_peer_want_post },
	{ "GET", "/me/peers", ROLE_MEMBER, 0, my_peers_page },
	{ "GET", "/me/peers/{id}", ROLE_MEMBER, 0, my_peer_page },
	{ "POST", "/me/peers/{id}/answer", ROLE_MEMBER, R_WRITES,
	    my_peer_answer_post },
	{ "POST", "/me/peers/{id}/messages", ROLE_MEMBER, R_WRITES,
	    my_peer_message_post },
	{ "POST", "/me/peers/{id}/end", ROLE_MEMBER, R_WRITES,
	    my_peer_end_post },
	{ "POST", "/care/{id}/close", ROLE_SUPPORTER, R_WRITES,
	    care_close_post },
	{ "GET", "/changes", ROLE_NONE, 0, changes_page },
	{ "POST", "/changes", ROLE_MODERATOR, R_WRITES, changes_post },
	{ "GET", "/pulse", ROLE_MEMBER, 0, pulse_page },
	{ "POST", "/pulse", ROLE_MODERATOR, R_WRITES, pulse_open_post },
	{ "POST", "/pulse/{id}/answer", ROLE_MEMBER, R_WRITES,
	    pulse_answer_post },
	{ "GET", "/spaces", ROLE_SUPPORTER, 0, spaces_page },
	{ "POST", "/spaces", ROLE_MODERATOR, R_WRITES, spaces_open_post },
	{ "GET", "/spaces/{id}", ROLE_MEMBER, 0, space_page },
	{ "POST", "/spaces/{id}/invite", ROLE_MODERATOR, R_WRITES,
	    space_invite_post },
	{ "POST", "/spaces/{id}/answer", ROLE_MEMBER, R_WRITES,
	    space_answer_post },
	{ "POST", "/spaces/{id}/note", ROLE_SUPPORTER, R_WRITES,
	    space_note_post },
	{ "POST", "/spaces/{id}/read", ROLE_SUPPORTER, R_SEALED,
	    space_read_post },
	{ "POST", "/spaces/{id}/end", ROLE_SUPPORTER, R_WRITES, space_end_post },
	{ "GET", "/reports", ROLE_MODERATOR, 0, reports_queue_page },
	{ "POST", "/reports/{id}/open", ROLE_MODERATOR, R_SEALED,
	    report_open_post },
	{ "POST", "/reports/{id}/incident", ROLE_MODERATOR, R_WRITES,
	    report_incident_post },
	{ "POST", "/reports/{id}/dismiss", ROLE_MODERATOR, R_WRITES,
	    report_dismiss_post },
	{ "GET", "/monitor", ROLE_MODERATOR, 0, monitor_page },
	{ "POST", "/monitor/{id}/dismiss", ROLE_MODERATOR, R_WRITES,
	    finding_dismiss_post },
	{ "POST", "/monitor/{id}/incident", ROLE_MODERATOR, R_WRITES,
	    finding_incident_post },

	{ "GET", "/api/v1/me", ROLE_MEMBER, R_GATE_OK, session_me_api },
	{ "GET", "/api/v1/stats", ROLE_SUPPORTER, 0, dashboard_api },
	{ "GET", "/api/v1/care/due", ROLE_SUPPORTER, 0, care_due_api },
	{ "GET", "/api/v1/care/{id}", ROLE_SUPPORTER, 0, care_case_api },
	{ "POST", "/api/v1/care", ROLE_MODERATOR, R_WRITES, care_open_api },
	{ "POST", "/api/v1/care/prefs", ROLE_SUPPORTER, R_WRITES,
	    care_prefs_api },
	{ "POST", "/api/v1/checkins/{id}", ROLE_SUPPORTER, R_WRITES,
	    care_checkin_api },
	{ "POST", "/api/v1/care/{id}/hand", ROLE_SUPPORTER, R_WRITES,
	    care_hand_api },
	{ "POST", "/api/v1/care/{id}/notes", ROLE_SUPPORTER, R_WRITES,
	    care_notes_api },
	{ "POST", "/api/v1/checkins/{id}/draft", ROLE_SUPPORTER, R_WRITES,
	    care_draft_api },
	{ "POST", "/api/v1/care-messages/{id}/open", ROLE_SUPPORTER, R_SEALED,
	    care_message_open_api },
	{ "POST", "/api/v1/care-messages/{id}", ROLE_SUPPORTER, R_WRITES,
	    care_message_edit_api },
	{ "POST", "/api/v1/care-messages/{id}/send", ROLE_SUPPORTER,
	    R_WRITES | R_OWN_TXN, care_message_send_api },
	{ "POST", "/api/v1/care/{id}/updates", ROLE_SUPPORTER, R_WRITES,
	    care_update_api },
	{ "POST", "/api/v1/care/{id}/offers", ROLE_SUPPORTER, R_WRITES,
	    care_offer_api },
	{ "POST", "/api/v1/offers/{id}", ROLE_SUPPORTER, R_WRITES,
	    care_offer_mark_api },
	{ "POST", "/api/v1/offers/{id}/sessions", ROLE_SUPPORTER, R_WRITES,
	    care_session_api },
	{ "POST", "/api/v1/care/{id}/help", ROLE_SUPPORTER, R_WRITES,
	    care_help_api },
	{ "POST", "/api/v1/help/{id}", ROLE_SUPPORTER, R_WRITES,
	    care_help_mark_api },
	{ "POST", "/api/v1/care/{id}/peer", ROLE_SUPPORTER, R_WRITES,
	    care_peer_api },
	{ "POST", "/api/v1/care/{id}/close", ROLE_SUPPORTER, R_WRITES,
	    care_close_api },
	{ "GET", "/api/v1/me/exposure", ROLE_SUPPORTER, 0, exposure_me_api },
	{ "GET", "/api/v1/me/self-check", ROLE_SUPPORTER, 0, selfcheck_api },
	{ "POST", "/api/v1/me/self-check", ROLE_SUPPORTER, R_WRITES,
	    selfcheck_add_api },
	{ "GET", "/api/v1/me/recognition", ROLE_SUPPORTER, 0,
	    recognition_api },
	{ "POST", "/api/v1/thanks", ROLE_MEMBER, R_WRITES, thanks_api },
	{ "GET", "/api/v1/support", ROLE_SUPPORTER, 0, support_api },
	{ "POST", "/api/v1/support", ROLE_ADMIN, R_WRITES, support_add_api },
	{ "POST", "/api/v1/support/budget", ROLE_ADMIN, R_WRITES,
	    support_budget_api },
	{ "POST", "/api/v1/support/sessions", ROLE_SUPPORTER, R_WRITES,
	    support_session_api },
	{ "POST", "/api/v1/support/{id}/remove", ROLE_ADMIN, R_WRITES,
	    support_remove_api },
	{ "POST", "/api/v1/debriefs/schedule", ROLE_MODERATOR, R_WRITES,
	    debrief_schedule_api },
	{ "POST", "/api/v1/debriefs/{id}/read", ROLE_MODERATOR, R_SEALED,
	    debrief_read_api },
	{ "GET", "/api/v1/debriefs", ROLE_MODERATOR, 0, debriefs_api },
	{ "POST", "/api/v1/debriefs/entry", ROLE_MODERATOR, R_WRITES,
	    debrief_entry_api },
	{ "POST", "/api/v1/exposure/caps", ROLE_ADMIN, R_WRITES,
	    exposure_caps_api },
	{ "GET", "/api/v1/rota", ROLE_MODERATOR, 0, rota_api },
	{ "GET", "/api/v1/rota/next", ROLE_MODERATOR, 0, rota_next_api },
	{ "POST", "/api/v1/rota/break", ROLE_MODERATOR, R_WRITES,
	    rota_break_api },
	{ "POST", "/api/v1/rota/back", ROLE_MODERATOR, R_WRITES,
	    rota_back_api },
	{ "POST", "/api/v1/rota/swap", ROLE_MODERATOR, R_WRITES,
	    rota_swap_api },
	{ "POST", "/api/v1/rota/swaps/{id}", ROLE_MODERATOR, R_WRITES,
	    rota_swap_answer_api },
	{ "POST", "/api/v1/rota/members", ROLE_ADMIN, R_WRITES,
	    rota_members_api },
	{ "POST", "/api/v1/rota/cover", ROLE_ADMIN, R_WRITES, rota_cover_api },
	{ "POST", "/api/v1/incidents/{id}/handoff", ROLE_MODERATOR, R_WRITES,
	    incident_handoff_api },
	{ "GET", "/api/v1/spaces", ROLE_SUPPORTER, 0, spaces_list_api },
	{ "POST", "/api/v1/spaces", ROLE_MODERATOR, R_WRITES, spaces_open_api },
	{ "GET", "/api/v1/users", ROLE_ADMIN, 0, users_list_api },
	{ "POST", "/api/v1/users", ROLE_ADMIN, R_WRITES, users_add_api },
	{ "POST", "/api/v1/users/disable", ROLE_ADMIN, R_WRITES,
	    users_disable_api },
	{ "GET", "/api/v1/tokens", ROLE_ADMIN, 0, tokens_list_api },
	{ "POST", "/api/v1/tokens/revoke", ROLE_ADMIN, R_WRITES,
	    tokens_revoke_api },
	{ "GET", "/api/v1/audit", ROLE_ADMIN, 0, audit_list_api },
	{ "GET", "/api/v1/audit/verify", ROLE_ADMIN, 0, audit_verify_api },
	{ "POST", "/api/v1/scan", ROLE_MODERATOR, 0, detect_scan_api },
	{ "GET", "/api/v1/monitor/findings", ROLE_MODERATOR, 0, findings_api },
	{ "GET", "/api/v1/monitor/sources", ROLE_MODERATOR, 0, sources_api },
	{ "POST", "/api/v1/monitor/findings/{id}/dismiss", ROLE_MODERATOR,
	    R_WRITES, finding_dismiss_api },
	{ "POST", "/api/v1/monitor/findings/{id}/incident", ROLE_MODERATOR,
	    R_WRITES, finding_incident_api },
	{ "GET", "/api/v1/groups", ROLE_MODERATOR, 0, api_groups_list },
	{ "POST", "/api/v1/groups", ROLE_ADMIN, R_WRITES, api_groups_create },
	{ "POST", "/api/v1/groups/{id}/members", ROLE_MODERATOR, R_WRITES,
	    api_groups_add },
	{ "POST", "/api/v1/groups/{id}/read", ROLE_MODERATOR, R_SEALED,
	    api_group_read },
	{ "POST", "/api/v1/groups/{id}/leave", ROLE_MODERATOR, R_WRITES,
	    api_groups_leave },
	{ "POST", "/api/v1/groups/{id}/moderators", ROLE_ADMIN, R_WRITES,
	    api_groups_moderator },
	{ "GET", "/api/v1/pledge", ROLE_MEMBER, 0, api_pledge_get },
	{ "POST", "/api/v1/pledge", ROLE_ADMIN, R_WRITES, api_pledge_publish },
	{ "POST", "/api/v1/pledge/accept", ROLE_MODERATOR, R_WRITES,
	    api_pledge_accept },
	{ "GET", "/api/v1/applications", ROLE_MODERATOR, 0,
	    api_applications_list },
	{ "POST", "/api/v1/applications/{id}/approve", ROLE_MODERATOR,
	    R_WRITES, api_application_approve },
	{ "POST", "/api/v1/applications/{id}/decline", ROLE_MODERATOR,
	    R_WRITES, api_application_decline },
	{ "POST", "/api/v1/applications/{id}/open", ROLE_MODERATOR, R_SEALED,
	    api_application_open },
	{ "GET", "/api/v1/invitations", ROLE_MODERATOR, 0,
	    api_invitations_list },
	{ "POST", "/api/v1/invitations", ROLE_MODERATOR, R_WRITES,
	    api_invitations_create },
	{ "GET", "/api/v1/members", ROLE_MODERATOR, 0, api_members_list },
	{ "GET", "/api/v1/violations", ROLE_MODERATOR, 0, api_violations_list },
	{ "POST", "/api/v1/violations", ROLE_MODERATOR, R_WRITES,
	    api_violations_record },
	{ "GET", "/api/v1/training", ROLE_MODERATOR, 0, api_training_list },
	{ "POST", "/api/v1/training", ROLE_ADMIN, R_WRITES,
	    api_training_record },
	{ "POST", "/api/v1/members/{id}/contact", ROLE_ADMIN,
	    R_SEALED | R_WRITES, api_member_contact },
};

/* The table, for the tests. */
const struct route *
routes_table(int *n)
{
	*n = (int)(sizeof(routes) / sizeof(routes[0]));
	return routes;
}

/* Does path match pattern?  A "{name}" segment of the pattern matches a
** number from 1 to 10^18 written without a leading zero, which is kept in
** r's parameters (r may be NULL to test only).  Returns 1 or 0. */
int
routes_match(const char *pattern, const char *path, struct req *r)
{
	const char *p = pattern, *s = path, *close;
	int64_t v;
	int np = 0, digits;

	while (*p && *s) {
		if (*p != '{') {
			if (*p++ != *s++)
				return 0;
			continue;
		}
		close = strchr(p, '}');
		if (close == NULL || np >= REQ_MAX_PARAMS)
			return 0;
		v = 0;
		for (digits = 0; s[digits] >= '0' && s[digits] <= '9'; digits++) {
			if (digits == 18)	/* past 10^18 - 1 */
				return 0;
			v = v * 10 + (s[digits] - '0');
		}
		if (digits == 0 || s[0] == '0')
			return 0;
		if (r) {
			r->param_name[np] = p + 1;
			r->param_len[np] = (size_t)(close - p - 1);
			r->param[np] = v;
		}
		np++;
		p = close + 1;
		s += digits;
	}
	if (*p || *s)
		return 0;
	if (r)
		r->nparams = np;
	return 1;
}

/* Send someone who is not logged in to the login page, or answer 401. */
static void
need_login(struct req *r)
{
	if (r->is_api)
		req_fail(r, 401, "authentication required");
	else
		req_redirect(r, "/login");
}

/* Run the route's handler, in one transaction when it writes or opens
** sealed values: committed when it answers below 400, rolled back
** otherwise.  A refused commit answers 500 instead. */
static void
run_handler(const struct route *rt, struct req *r)
{
	if (!(rt->flags & (R_WRITES | R_SEALED)) || (rt->flags & R_OWN_TXN)) {
		rt->handler(r);
		return;
	}
	if (gate_begin(r->gate) != 0) {
		req_fail(r, 503, "The database is busy; please try again.");
		return;
	}
	rt->handler(r);
	if (r->out.failed)
		req_overflowed(r);
	if (r->status >= 400) {
		gate_rollback(r->gate);
		return;
	}
	if (gate_commit(r->gate) != 0) {
		r->ncookie = 0;
		r->location[0] = '\0';
		req_fail(r, 500, "The change could not be saved, so nothing "
		    "was changed.");
	}
}

/* Dispatch r to its route's handler after every check the route
** declares. */
void
routes_dispatch(struct req *r)
{
	const struct route *rt = NULL;
	const char *given;
	int i, path_found = 0, is_get;
	size_t n = sizeof(routes) / sizeof(routes[0]);

	is_get = strcmp(r->method, "GET") == 0 ||
	    strcmp(r->method, "HEAD") == 0;
	for (i = 0; i < (int)n; i++) {
		if (!routes_match(routes[i].path, r->path, NULL))
			continue;
		path_found = 1;
		if (strcmp(routes[i].method, r->method) == 0 ||
		    (strcmp(r->method, "HEAD") == 0 &&
		    strcmp(routes[i].method, "GET") == 0)) {
			rt = &routes[i];
			routes_match(rt->path, r->path, r);
			break;
		}
	}
	if (rt == NULL) {
		req_fail(r, path_found ? 405 : 404, path_found ?
		    "That method is not allowed here." :
		    "There is no such page.");
		return;
	}
	session_authenticate(r);
	if (r->user.id)
		gate_set_actor(r->gate, r->user.id, r->user.name,
		    role_parse(r->user.role));
	if (rt->role != ROLE_NONE) {
		if (r->user.id == 0) {
			need_login(r);
			return;
		}
		if (role_parse(r->user.role) < rt->role) {
			req_fail(r, 403, "Your role does not allow this.");
			return;
		}
	}
	if (r->user.id && r->user.must_change && !(rt->flags & R_GATE_OK)) {
		if (r->is_api)
			req_fail(r, 403, "a password change is required first");
		else
			req_redirect(r, "/account/password");
		return;
	}
	if (!is_get && !r->via_token && !(rt->flags & R_OWN_CSRF)) {
		given = req_form(r, "csrf");
		if (given == NULL)
			given = req_header(r, "X-CSRF-Token");
		if (r->user.id == 0 || given == NULL ||
		    !token_equal(given, r->csrf)) {
			req_fail(r, 403, "The form was stale or not sent by "
			    "this console; please reload and try again.");
			return;
		}
	}
	run_handler(rt, r);
}
