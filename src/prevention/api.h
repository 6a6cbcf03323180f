/*
** api.h: prevention through the JSON API (/api/v1/...), for automation:
** groups and who belongs, the pledge, applications and invitations,
** violations, training, and revealing a member's contact details.  Each
** does what the console and the command line do, through the same
** functions, with the same checks and audit entries.
*/
#ifndef SANCTUM_PREVENTION_API_H
#define SANCTUM_PREVENTION_API_H

struct req;

void api_groups_list(struct req *r);
void api_groups_create(struct req *r);
void api_groups_add(struct req *r);
void api_groups_leave(struct req *r);
void api_groups_moderator(struct req *r);
void api_pledge_get(struct req *r);
void api_pledge_publish(struct req *r);
void api_pledge_accept(struct req *r);
void api_applications_list(struct req *r);
void api_application_approve(struct req *r);
void api_application_decline(struct req *r);
void api_invitations_create(struct req *r);
void api_violations_list(struct req *r);
void api_violations_record(struct req *r);
void api_training_list(struct req *r);
void api_training_record(struct req *r);
void api_member_contact(struct req *r);
void api_application_open(struct req *r);
void api_invitations_list(struct req *r);
void api_members_list(struct req *r);
void api_group_read(struct req *r);

#endif
