/*
** apply.h: closed membership in the console (membership.h): the public
** application form, the applicant's status page with their activation
** link, activation, and the moderators' queue and invitations.
*/
#ifndef SANCTUM_APPLY_H
#define SANCTUM_APPLY_H

struct req;

void prevention_apply_page(struct req *r);
void prevention_apply_post(struct req *r);
void prevention_status_page(struct req *r);
void prevention_status_post(struct req *r);
void prevention_activate_page(struct req *r);
void prevention_activate_post(struct req *r);
void prevention_applications_page(struct req *r);
void prevention_application_review_post(struct req *r);
void prevention_application_approve_post(struct req *r);
void prevention_application_decline_post(struct req *r);
void prevention_invitations_page(struct req *r);
void prevention_invitations_post(struct req *r);

#endif
