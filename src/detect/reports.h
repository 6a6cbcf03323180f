/*
** reports.h: members' reports of a leak, the easy and safe way in.
**
** "Report a leak" is linked from every page and works with or without an
** account, and anonymously: where it was seen (an address, a platform),
** what (pasted text, a screenshot), anything else.  The leak detector
** reads every report at once (the address fetched, the screenshot read by
** OCR, copy marks looked for), and the report lands in the moderators'
** queue with what was found.  What was given is sealed; the screenshot
** itself is not kept (its words are), for it may show other people too.
** A screenshot over 8 MiB, or whose header claims more pixels than OCR
** reads, or that is no PNG, JPEG or WebP image, is refused at once, before
** anything is decoded or kept.
** The reporter gets a one-time code, kept only as a keyed hash, to ask
** later how the report stands.  Reports from members the moderators mark
** as trusted reporters come first in the queue, marked as such.  From the
** queue a moderator dismisses the report, or opens an incident with the
** posts found (src/response/console.c, where incidents live).
*/
#ifndef SANCTUM_REPORTS_H
#define SANCTUM_REPORTS_H

#include <stddef.h>
#include <stdint.h>

#include "../crypto/token.h"

struct cli;
struct gate;
struct req;

#define REPORT_TEXT_MAX ((size_t)64 << 10)	/* bytes of pasted text */
#define REPORT_OTHER_MAX 4000			/* bytes of "anything else" */
#define REPORT_PER_ADDRESS 5			/* in 15 minutes */
#define REPORT_ALL 200		/* from people not logged in, all together,
				   in 15 minutes: each may cost seconds of
				   OCR and a fetch */
#define REPORT_IMAGE_MAX ((size_t)8 << 20)	/* bytes of a screenshot */
#define REPORT_URL_MAX 2000			/* bytes of an address */
#define REPORT_PLATFORM_MAX 64			/* bytes of a platform */

struct report_in {
	const char *url, *platform, *text, *other;
	const void *image;		/* a screenshot, or NULL */
	size_t image_n;
	const char *image_type;
	int64_t user;			/* the reporter's account; 0 anonymous */
	int logged_in;			/* sent from a session (named or not):
					   not held to the ceiling for all */
	const char *address;		/* for the flood limit, or NULL */
	int64_t *wait;			/* or NULL: set to the seconds until a
					   flood's refusal ends */
	int allow_private;		/* fetch loopback addresses (tests) */
};

enum report_result {
	REPORT_OK, REPORT_INVALID, REPORT_EMPTY, REPORT_FLOOD, REPORT_FAILED,
	REPORT_TOO_LARGE,		/* the screenshot: over REPORT_IMAGE_MAX
					   bytes or OCR_MAX_PIXELS pixels */
	REPORT_NOT_IMAGE		/* the screenshot: not PNG, JPEG, WebP */
};

enum report_result reports_submit(struct gate *g, const struct report_in *in,
    char code[TOKEN_LEN + 1], int64_t *id, int *matches, char *err);

void report_page(struct req *r);
void report_post(struct req *r);
void report_status_page(struct req *r);
void report_status_post(struct req *r);
void reports_queue_page(struct req *r);
void report_open_post(struct req *r);
void report_dismiss_post(struct req *r);

int member_trust_cmd(struct cli *c, int argc, char **argv);
int report_list_cmd(struct cli *c, int argc, char **argv);

#endif
