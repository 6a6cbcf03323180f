/*
** console.h: where the community's support groups meet.  A member reads
** and accepts the confidentiality pledge, sees the groups, joins one (or
** waits for a place), and takes part in its conversation: threads and
** replies, which only its current members (and moderators) can open.
** Every post shown carries the viewer's invisible copy mark
** (copymark.h); pages are never cached and print without the posts.
** Members' reading is never recorded: posts open for them through
** gate_open_as_member, which writes nothing.
*/
#ifndef SANCTUM_PREVENTION_CONSOLE_H
#define SANCTUM_PREVENTION_CONSOLE_H

struct req;

#define CONSOLE_POST_MAX ((size_t)32 << 10)	/* bytes of one post */
#define CONSOLE_THREADS 30	/* threads a group's page shows */

void prevention_pledge_page(struct req *r);
void prevention_pledge_post(struct req *r);
void prevention_groups_page(struct req *r);
void prevention_group_page(struct req *r);
void prevention_group_read_post(struct req *r);
void prevention_group_join_post(struct req *r);
void prevention_group_leave_post(struct req *r);
void prevention_group_write_post(struct req *r);
void prevention_post_edit_page(struct req *r);
void prevention_post_edit_post(struct req *r);
void prevention_post_delete_post(struct req *r);
void prevention_mark_svg(struct req *r);

#endif
