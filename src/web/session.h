/*
** session.h: console logins: authentication of each request (session
** cookie or bearer token), login with throttling, logout, and password
** changes (forced for generated passwords).
*/
#ifndef SANCTUM_SESSION_H
#define SANCTUM_SESSION_H

#include "../core/throttle.h"
#include "server.h"

#define SESSION_COOKIE "sanctum_session"
#define LOGIN_COOKIE "sanctum_login"
#define THROTTLE_USER_MAX 5		/* failures per account per window */
#define THROTTLE_ADDR_MAX 20		/* failures per address per window */

void session_authenticate(struct req *r);
void session_login_page(struct req *r);
void session_login_post(struct req *r);
void session_logout(struct req *r);
void session_password_page(struct req *r);
void session_password_post(struct req *r);
void session_me_api(struct req *r);
void session_form_token(struct req *r, char csrf[TOKEN_LEN + 1]);
int session_form_token_ok(struct req *r);


#endif
