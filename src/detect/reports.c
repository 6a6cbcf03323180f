/*
** reports.c: receiving members' reports, reading them with the leak
** detector, the queue, and `sanctum member trust` and `sanctum report
** list`.  See reports.h.
*/
#include "reports.h"

#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../cli.h"
#include "../core/gate.h"
#include "../core/throttle.h"
#include "../prevention/copymark.h"
#include "../prevention/pseudonym.h"
#include "../store/community.h"
#include "../store/db.h"
#include "../store/response.h"
#include "../util/buf.h"
#include "../util/util.h"
#include "../web/html.h"
#include "../web/server.h"
#include "../web/session.h"
#include "extract.h"
#include "fetch.h"
#include "live.h"
#include "ocr.h"
#include "scan.h"

/* What the detector is handed: the scanner, the copy-mark reader, and
** the words read from a screenshot (kept, sealed, with the report). */
struct reading {
	struct scanner s;
	struct copymark_reader marks;
	struct buf *shot;
};

static int
reading_sink(void *ctx, const char *text, size_t n)
{
	struct reading *rd = ctx;

	copymark_reader_feed(&rd->marks, text, n);
	if (rd->shot)
		buf_append(rd->shot, text, n);
	return scanner_feed(&rd->s, text, n);
}

/* Receive a report: check it, read it with the leak detector, keep it
** sealed with what was found, and give its code.  Returns REPORT_OK with
** code, *id and *matches, or why not (nothing kept then). */
enum report_result
reports_submit(struct gate *g, const struct report_in *in,
    char code[TOKEN_LEN + 1], int64_t *id, int *matches, char *err)
{
	struct db *db = gate_db(g);
	struct live_view *lv;
	struct extract_opts xo;
	enum extract_kind kind;
	struct reading rd;
	struct scan_match *m = NULL;
	struct buf shot;
	uint8_t hash[TOKEN_HASH_BYTES], *sealed = NULL;
	char note[160] = "", target[32], detail[96], xerr[ERR_MAX] = "";
	const char *url = in->url && in->url[0] ? in->url : NULL;
	const char *text = in->text && in->text[0] ? in->text : NULL;
	const char *platform = in->platform ? in->platform : "";
	char *body = NULL;
	json_t *o;
	int64_t member = 0, wait = 0;
	int trusted = 0, w, h;
	size_t n = 0, i, sn;

	*matches = 0;
	if ((url && !fetch_http_url(url, REPORT_URL_MAX, NULL, 0)) || (text && (strlen(text) >
	    REPORT_TEXT_MAX || !util_valid_text(text, strlen(text)))) ||
	    (platform[0] && !util_valid_label(platform, REPORT_PLATFORM_MAX))
	    || (in->other && (strlen(in->other) > REPORT_OTHER_MAX ||
	    !util_valid_text(in->other, strlen(in->other))))) {
		err_set(err, "an address is http(s) and up to %d bytes, a "
		    "platform up to %d, pasted text up to %zu KiB, the rest up to "
		    "%d bytes, all of it text", REPORT_URL_MAX,
		    REPORT_PLATFORM_MAX, REPORT_TEXT_MAX >> 10,
		    REPORT_OTHER_MAX);
		return REPORT_INVALID;
	}
	if (url == NULL && text == NULL && (in->image == NULL ||
	    in->image_n == 0)) {
		err_set(err, "say where it was seen, paste what you saw, or add "
		    "a screenshot");
		return REPORT_EMPTY;
	}
	/* a screenshot's header is read before anything else is: what
	** would take much memory to decode is refused at once */
	if (in->image && in->image_n > REPORT_IMAGE_MAX) {
		err_set(err, "the screenshot is over %zu MiB",
		    REPORT_IMAGE_MAX >> 20);
		return REPORT_TOO_LARGE;
	}
	if (in->image && in->image_n > 0) {
		if (ocr_header(in->image, in->image_n, &w, &h) != 0) {
			err_set(err, "the screenshot is not a PNG, JPEG or WebP "
			    "image");
			return REPORT_NOT_IMAGE;
		}
		if ((long long)w * h > OCR_MAX_PIXELS) {
			err_set(err, "the screenshot is %dx%d, over %lld "
			    "megapixels", w, h, OCR_MAX_PIXELS / 1000000);
			return REPORT_TOO_LARGE;
		}
	}
	if ((in->address && throttle_locked(g, "report", in->address,
	    util_now(), &wait)) || (!in->logged_in && throttle_locked(g,
	    "report-all", "", util_now(), &wait))) {
		err_set(err, "many reports came in just now");
		if (in->wait)
			*in->wait = wait;
		return REPORT_FLOOD;
	}
	/* read it all with the leak detector */
	if ((lv = live_take(g, err)) == NULL)
		return REPORT_FAILED;
	memset(&xo, 0, sizeof(xo));
	xo.lang = "eng";
	xo.allow_private = in->allow_private;
	scanner_init(&rd.s, lv->ix, lv->delta, SCAN_MIN_FPS, SCAN_MIN_WORDS);
	copymark_reader_init(&rd.marks);
	buf_init(&shot, REPORT_TEXT_MAX);
	rd.shot = NULL;
	if (text)
		extract_buffer(text, strlen(text), "text/plain", &xo,
		    reading_sink, &rd, &kind, xerr);
	if (in->image && in->image_n > 0) {
		rd.shot = &shot;
		if (extract_buffer(in->image, in->image_n, in->image_type &&
		    in->image_type[0] ? in->image_type : NULL, &xo, reading_sink,
		    &rd, &kind, xerr) != 0)
			snprintf(note, sizeof(note), "the screenshot could not be "
			    "read");
		rd.shot = NULL;
	}
	if (url && extract_source(url, &xo, reading_sink, &rd, &kind, xerr) !=
	    0)
		snprintf(note, sizeof(note), "%sthe address could not be read",
		    note[0] ? "; " : "");
	copymark_reader_finish(&rd.marks);
	if (scanner_finish(&rd.s, &m, &n) != 0)
		n = 0;
	scanner_free(&rd.s);
	live_give(lv);
	*matches = (int)n;
	/* who reports: an account's member, unless anonymous */
	if (in->user > 0 && (trusted = response_trusted_user(db, in->user,
	    &member)) < 0)
		trusted = 0;
	if (member == 0)
		trusted = 0;
	o = json_pack("{s:s, s:s, s:s, s:s}", "url", url ? url : "", "text",
	    text ? text : "", "screenshot_text", shot.data && !shot.failed ?
	    shot.data : "", "else", in->other ? in->other : "");
	body = o ? json_dumps(o, JSON_COMPACT) : NULL;
	json_decref(o);
	buf_free(&shot);
	token_new(code);
	gate_token_hash(g, code, hash);
	if (body == NULL || gate_begin(g) != 0) {
		free(body);
		scan_matches_free(m, n);
		err_set(err, "the report could not be kept");
		return REPORT_FAILED;
	}
	if (response_report_add(db, member, trusted, hash, sizeof(hash),
	    platform, (int)n, in->image != NULL && in->image_n > 0, note,
	    util_now(), id) != 0 || (sealed = gate_seal(g, SEALED_REPORT_BODY,
	    *id, body, &sn)) == NULL || response_report_seal(db, *id, sealed,
	    sn) != 0)
		goto fail;
	for (i = 0; i < n; i++)
		if (response_report_found(db, *id, m[i].post_id, 0) != 0)
			goto fail;
	for (i = 0; i < rd.marks.ncodes; i++) {
		int64_t account;
		if (copymark_verify(g, rd.marks.codes[i], &account) == 1 &&
		    response_report_found(db, *id, 0, account) != 0)
			goto fail;
	}
	if (in->address)
		(void)throttle_count(g, "report", in->address,
		    REPORT_PER_ADDRESS, util_now());
	if (!in->logged_in)
		(void)throttle_count(g, "report-all", "", REPORT_ALL,
		    util_now());
	snprintf(target, sizeof(target), "report %lld", (long long)*id);
	snprintf(detail, sizeof(detail), "%zu post%s found%s%s", n, n == 1 ?
	    "" : "s", trusted ? "; a trusted reporter" : "", member ? "" :
	    "; anonymous");
	if (gate_audit(g, "report.receive", target, detail) != 0 ||
	    gate_commit(g) != 0)
		goto fail;
	explicit_bzero(body, strlen(body));
	free(body);
	free(sealed);
	scan_matches_free(m, n);
	return REPORT_OK;
fail:
	gate_rollback(g);
	if (body)
		explicit_bzero(body, strlen(body));
	free(body);
	free(sealed);
	scan_matches_free(m, n);
	explicit_bzero(code, TOKEN_LEN + 1);
	err_set(err, "the report could not be kept");
	return REPORT_FAILED;
}

/* The pages. */

/* The form's token: the session's for someone logged in, else one tied
** to a pre-login cookie (as the login form's). */
static void
form_token(struct req *r, char csrf[TOKEN_LEN + 1])
{
	if (r->user.id)
		snprintf(csrf, TOKEN_LEN + 1, "%s", r->csrf);
	else
		session_form_token(r, csrf);
}

static int
form_token_ok(struct req *r)
{
	const char *given = req_form(r, "csrf");

	if (r->user.id)
		return given != NULL && token_equal(given, r->csrf);
	return session_form_token_ok(r);
}

/* The report form; after a refusal (error set) it keeps what was typed,
** so a reporter asked to send a smaller screenshot need not write it all
** again (a file input cannot be filled again). */
static void
report_form(struct req *r, const char *error)
{
	char csrf[TOKEN_LEN + 1];
	const char *url = error ? req_form(r, "url") : NULL;
	const char *platform = error ? req_form(r, "platform") : NULL;
	const char *text = error ? req_form(r, "text") : NULL;
	const char *other = error ? req_form(r, "other") : NULL;

	form_token(r, csrf);
	page_begin(r, "Report a leak", "/report");
	html_printf(&r->out, "<h1>Report a leak</h1><p class=\"lede\">If you "
	    "saw something from this community somewhere else (a screenshot, "
	    "a copied post, a repost), tell us here. You do not need an "
	    "account, and you can stay anonymous. Only the moderators read "
	    "it.</p>\n");
	if (error)
		html_printf(&r->out, "<div class=\"notice error\" role=\"alert\">"
		    "%s</div>\n", error);
	html_printf(&r->out, "<form class=\"stack\" method=\"post\" action=\""
	    "/report\" enctype=\"multipart/form-data\"><input type=\"hidden\" "
	    "name=\"csrf\" value=\"%s\">", csrf);
	html_printf(&r->out, "<label for=\"url\">Where you saw it (an address, "
	    "if you have one)</label><input id=\"url\" name=\"url\" type=\"url\" "
	    "maxlength=\"2000\" value=\"%s\"><label for=\"platform\">Which "
	    "site or app</label><input id=\"platform\" name=\"platform\" "
	    "maxlength=\"64\" value=\"%s\"><label for=\"text\">What you saw "
	    "(paste it, if you can)</label><textarea id=\"text\" name=\"text\" "
	    "rows=\"6\">%s</textarea>", url ? url : "", platform ? platform :
	    "", text ? text : "");
	html_printf(&r->out, "<label for=\"image\">Or a screenshot (PNG, JPEG "
	    "or WebP, up to %zu MiB)</label><p class=\"hint\" id=\"image-hint\">"
	    "We read the words in it; the picture itself is not kept.</p><input "
	    "id=\"image\" name=\"image\" type=\"file\" accept=\"image/png,"
	    "image/jpeg,image/webp\" aria-describedby=\"image-hint\"><label "
	    "for=\"other\">Anything else we should know</label><textarea id=\""
	    "other\" name=\"other\" rows=\"3\" maxlength=\"4000\">%s</textarea>",
	    REPORT_IMAGE_MAX >> 20, other ? other : "");
	if (r->user.id)
		html_printf(&r->out, "<p><label><input type=\"checkbox\" name=\""
		    "named\" value=\"yes\"> Send it with my name (it goes "
		    "without it unless you tick this)</label></p>");
	html_printf(&r->out, "<button type=\"submit\">Send the report</button>"
	    "</form>\n<p><a href=\"/report/status\">Check a report you sent"
	    "</a></p>\n");
	page_end(r);
}

/* GET /report */
void
report_page(struct req *r)
{
	report_form(r, NULL);
}

/* POST /report: url, platform, text, image, other, named (anonymous
** unless "yes") */
void
report_post(struct req *r)
{
	const struct form_field *img = req_file(r, "image");
	const char *named = req_form(r, "named");
	struct report_in in;
	char code[TOKEN_LEN + 1], err[ERR_MAX] = "", said[256];
	int64_t id, wait = 0;
	int matches;
	enum report_result rc;

	if (!form_token_ok(r)) {
		r->status = 403;
		report_form(r, "That form had expired; please send it again.");
		return;
	}
	memset(&in, 0, sizeof(in));
	in.url = req_form(r, "url");
	in.platform = req_form(r, "platform");
	in.text = req_form(r, "text");
	in.other = req_form(r, "other");
	if (img && img->val.len > 0) {
		in.image = img->val.data;
		in.image_n = img->val.len;
		in.image_type = img->ctype;
	}
	in.user = r->user.id && named && strcmp(named, "yes") == 0 ?
	    r->user.id : 0;
	in.logged_in = r->user.id != 0;
	in.address = r->addr;
	in.wait = &wait;
	in.allow_private = r->cfg->allow_private_fetch;
	gate_set_actor(r->gate, r->user.id && in.user ? r->user.id : 0,
	    in.user ? r->user.name : "reporter", ROLE_NONE);
	rc = reports_submit(r->gate, &in, code, &id, &matches, err);
	switch (rc) {
	case REPORT_OK:
		break;
	case REPORT_FLOOD:
		r->status = 429;
		r->retry_after = wait;
		snprintf(said, sizeof(said), "Many reports came in just now. "
		    "Please try again in %lld minutes; nothing you wrote was "
		    "kept.", (long long)(wait + 59) / 60);
		report_form(r, said);
		return;
	case REPORT_TOO_LARGE:
		r->status = 413;
		snprintf(said, sizeof(said), "The screenshot is too large to "
		    "read: we take up to %zu MiB and %lld megapixels. Please "
		    "send a smaller one, or paste what you saw; nothing was "
		    "kept.", REPORT_IMAGE_MAX >> 20, OCR_MAX_PIXELS / 1000000);
		report_form(r, said);
		return;
	case REPORT_NOT_IMAGE:
		r->status = 415;
		report_form(r, "The screenshot is not a PNG, JPEG or WebP image "
		    "we can read. Please send one of those, or paste what you "
		    "saw; nothing was kept.");
		return;
	default:
		r->status = rc == REPORT_FAILED ? 500 : 400;
		report_form(r, rc == REPORT_EMPTY ? "Please say where you saw "
		    "it, paste what you saw, or add a screenshot." : rc ==
		    REPORT_FAILED ? "The report could not be kept. Please try "
		    "again." : "Please check the form: an address starts with "
		    "http:// or https://, and the text is at most 64 KiB.");
		return;
	}
	page_begin(r, "Report received", "/report");
	html_printf(&r->out, "<h1>Thank you</h1><p class=\"lede\">The "
	    "moderators have your report. It may have been hard to see; "
	    "thank you for telling us.</p><p>To check later how it stands, "
	    "keep this code. It is shown only now:</p><pre class=\"secret\" "
	    "id=\"code\">%s</pre><p><a href=\"/report/status\">Check a "
	    "report</a></p>\n", code);
	page_end(r);
	explicit_bzero(code, sizeof(code));
}

static void
status_form(struct req *r, const char *said)
{
	char csrf[TOKEN_LEN + 1];

	form_token(r, csrf);
	page_begin(r, "Check a report", "/report");
	html_printf(&r->out, "<h1>Check a report</h1>");
	if (said)
		html_printf(&r->out, "<div class=\"notice\" role=\"status\">%s"
		    "</div>\n", said);
	html_printf(&r->out, "<form class=\"stack\" method=\"post\" action=\""
	    "/report/status\"><input type=\"hidden\" name=\"csrf\" value=\""
	    "%s\"><label for=\"code\">The code you were given</label><input "
	    "id=\"code\" name=\"code\" required autocomplete=\"off\"><button "
	    "type=\"submit\">Check</button></form>\n", csrf);
	page_end(r);
}

/* GET /report/status */
void
report_status_page(struct req *r)
{
	status_form(r, NULL);
}

/* POST /report/status: code */
void
report_status_post(struct req *r)
{
	const char *code = req_form(r, "code");
	uint8_t hash[TOKEN_HASH_BYTES];
	char status[16] = "";
	int64_t wait;

	if (!form_token_ok(r)) {
		r->status = 403;
		status_form(r, "That form had expired; please send it again.");
		return;
	}
	if (r->addr && throttle_locked(r->gate, "report-status", r->addr,
	    util_now(), &wait)) {
		r->status = 429;
		r->retry_after = wait;
		status_form(r, "Too many codes were tried from here just now. "
		    "Please try again in a quarter of an hour.");
		return;
	}
	if (code == NULL || strlen(code) != TOKEN_LEN) {
		status_form(r, "We know no report by that code.");
		return;
	}
	gate_token_hash(r->gate, code, hash);
	if (response_report_by_code(r->db, hash, sizeof(hash), status,
	    sizeof(status)) != DB_ROW) {
		/* codes tried from one address are counted (no one guesses
		** their way into how someone's report stands) */
		if (r->addr && gate_begin(r->gate) == 0) {
			(void)throttle_count(r->gate, "report-status", r->addr,
			    10, util_now());
			if (gate_commit(r->gate) != 0)
				gate_rollback(r->gate);
		}
		status_form(r, "We know no report by that code.");
		return;
	}
	status_form(r, strcmp(status, "new") == 0 ? "Received; a moderator "
	    "will look at it soon." : strcmp(status, "reviewing") == 0 ? "A "
	    "moderator is looking at it." : strcmp(status, "linked") == 0 ?
	    "It led to action: the moderators are responding." : "Closed: the "
	    "moderators looked at it and there is nothing more to do.");
}

static int
queue_row(void *ctx, const struct report_row *x)
{
	struct req *r = ctx;
	char when[32];

	util_format_time(x->received_at, when, sizeof(when));
	html_printf(&r->out, "<tr><td>Report %lld%s</td><td>%s</td><td>%s</td>"
	    "<td>%s</td><td>%d post%s%s</td><td><form method=\"post\" action="
	    "\"/reports/%lld/open\">", (long long)x->id, x->trusted ?
	    " (trusted reporter)" : "", when, x->reporter[0] ? x->reporter :
	    "anonymous", x->status, x->matches, x->matches == 1 ? "" : "s",
	    x->marks ? "; copy marks name an account" : "", (long long)x->id);
	page_csrf_field(r);
	html_printf(&r->out, "<button type=\"submit\" class=\"secondary\">Read "
	    "report %lld</button></form></td></tr>\n", (long long)x->id);
	return 0;
}

/* GET /reports: the queue */
void
reports_queue_page(struct req *r)
{
	page_begin(r, "Reports", "/reports");
	page_notice(r);
	html_printf(&r->out, "<h1>Reports</h1><p class=\"lede\">What members "
	    "and others saw outside the community. Open ones first; trusted "
	    "reporters' first among them. Each was read by the leak detector "
	    "as it arrived.</p><table class=\"list\"><caption>The queue"
	    "</caption><thead><tr><th scope=\"col\">Report</th><th scope=\"col\""
	    ">Received</th><th scope=\"col\">From</th><th scope=\"col\">Status"
	    "</th><th scope=\"col\">Found</th><th scope=\"col\">Read</th></tr>"
	    "</thead><tbody>\n");
	if (response_reports_each(r->db, 0, queue_row, r) != 0)
		html_printf(&r->out, "<tr><td colspan=\"6\">The reports could not "
		    "be read.</td></tr>\n");
	html_printf(&r->out, "</tbody></table>\n");
	page_end(r);
}

static int
open_one(void *ctx, const struct report_row *x)
{
	struct req *r = ctx;
	char err[ERR_MAX] = "", title[48], *body = NULL;
	json_t *o = NULL;

	if (x->body)
		body = gate_open(r->gate, SEALED_REPORT_BODY, x->id, x->body,
		    x->body_n, err);
	if (body)
		o = json_loads(body, 0, NULL);
	snprintf(title, sizeof(title), "Report %lld", (long long)x->id);
	page_begin(r, title, "/reports");
	html_printf(&r->out, "<h1>Report %lld</h1><p class=\"lede\">From %s%s, "
	    "%s. The leak detector found %d post%s of the community in it%s."
	    "</p>\n", (long long)x->id, x->reporter[0] ? x->reporter :
	    "someone anonymous", x->trusted ? " (a trusted reporter)" : "",
	    x->status, x->matches, x->matches == 1 ? "" : "s", x->marks ?
	    "; copy marks in it name the account it was shown to" : "");
	if (x->note[0])
		html_printf(&r->out, "<div class=\"notice warn\" role=\"status\">"
		    "Note: %s.</div>\n", x->note);
	if (x->purged_at) {
		html_printf(&r->out, "<p>The report's words were purged under "
		    "the community's retention period for leaked material.</p>");
	} else if (o == NULL) {
		html_printf(&r->out, "<p>The report's words could not be opened: "
		    "%s.</p>", err[0] ? err : "they do not read");
	} else {
		html_printf(&r->out, "<dl><dt>Where</dt><dd>%s%s%s</dd></dl>"
		    "<details class=\"cw\"><summary>Content warning: what they "
		    "saw may be distressing. Open to read it.</summary><div "
		    "class=\"content\"><p>%s</p><p>Read from the screenshot: %s"
		    "</p><p>Anything else: %s</p></div></details>\n",
		    json_string_value(json_object_get(o, "url")), x->platform[0] ?
		    " on " : "", x->platform, json_string_value(json_object_get(o,
		    "text")), json_string_value(json_object_get(o,
		    "screenshot_text")), json_string_value(json_object_get(o,
		    "else")));
	}
	if (strcmp(x->status, "linked") != 0 && strcmp(x->status, "dismissed")
	    != 0) {
		html_printf(&r->out, "<form method=\"post\" action=\"/reports/"
		    "%lld/incident\">", (long long)x->id);
		page_csrf_field(r);
		html_printf(&r->out, "<button type=\"submit\">Open an incident "
		    "from it</button></form><form method=\"post\" action=\""
		    "/reports/%lld/dismiss\">", (long long)x->id);
		page_csrf_field(r);
		html_printf(&r->out, "<button type=\"submit\" class=\"secondary\">"
		    "Nothing to do: close it</button></form>\n");
	} else if (x->incident_id) {
		html_printf(&r->out, "<p><a href=\"/incidents/%lld\">Incident "
		    "%lld</a></p>", (long long)x->incident_id,
		    (long long)x->incident_id);
	}
	page_end(r);
	if (body) {
		explicit_bzero(body, strlen(body));
		gate_wipe(body);
	}
	json_decref(o);
	return 1;
}

/* POST /reports/{id}/open: read it (audited, counted as exposure) */
void
report_open_post(struct req *r)
{
	int64_t id = req_param(r, "id");
	char target[32];

	snprintf(target, sizeof(target), "report %lld", (long long)id);
	/* reading a new one is the moderator looking at it */
	response_report_review(r->db, id);
	if (response_reports_each(r->db, id, open_one, r) != 0 &&
	    r->out.len == 0)
		req_fail(r, 404, "There is no such report.");
}

/* POST /reports/{id}/dismiss */
void
report_dismiss_post(struct req *r)
{
	int64_t id = req_param(r, "id");
	char target[32];

	snprintf(target, sizeof(target), "report %lld", (long long)id);
	if (response_report_status(r->db, id, "dismissed", 0) != 1 ||
	    gate_audit(r->gate, "report.dismiss", target, "") != 0) {
		req_fail(r, 404, "There is no such report.");
		return;
	}
	req_redirect(r, "/reports?done=dismissed");
}

/* sanctum member trust PSEUDONYM [--remove] */
int
member_trust_cmd(struct cli *c, int argc, char **argv)
{
	char name[4 * PSEUDONYM_MAX + 1];
	int64_t member;
	int rc, on = 1;

	if (argc == 3 && strcmp(argv[2], "--remove") == 0)
		on = 0;
	else if (argc != 2)
		return cli_usage(c, "member");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (pseudonym_normalize(argv[1], name, sizeof(name)) != 0 ||
	    pseudonym_member(c->db, name, &member) != 1)
		return cli_fail("member: no member is known by that pseudonym");
	if (response_trusted_set(c->db, member, on, cli_actor(), util_now()) !=
	    0 || gate_audit(c->gate, on ? "member.trust" : "member.untrust",
	    name, "") != 0)
		return cli_fail("member: cannot save it");
	cli_say(c, "%s is %s a trusted reporter\n", name, on ? "now" :
	    "no longer");
	return EXIT_OK;
}

static int
list_row(void *ctx, const struct report_row *x)
{
	json_t *arr = ctx;
	char when[32];

	if (arr) {
		json_array_append_new(arr, json_pack("{s:I, s:I, s:s, s:b, s:s, "
		    "s:i, s:I}", "id", (json_int_t)x->id, "received_at",
		    (json_int_t)x->received_at, "from", x->reporter[0] ?
		    x->reporter : "anonymous", "trusted", x->trusted, "status",
		    x->status, "posts_found", x->matches, "incident",
		    (json_int_t)x->incident_id));
		return 0;
	}
	util_format_time(x->received_at, when, sizeof(when));
	printf("%-5lld %-20s %-10s %-16s %d post%s found%s\n", (long long)x->id,
	    when, x->status, x->reporter[0] ? x->reporter : "anonymous",
	    x->matches, x->matches == 1 ? "" : "s", x->trusted ?
	    ", trusted reporter" : "");
	return 0;
}

/* sanctum report list [--json] (never the reports' words) */
int
report_list_cmd(struct cli *c, int argc, char **argv)
{
	int json = argc == 2 && strcmp(argv[1], "--json") == 0, rc;
	json_t *arr = NULL;

	if (argc > 2 || (argc == 2 && !json))
		return cli_usage(c, "report");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (json)
		arr = json_array();
	rc = response_reports_each(c->db, 0, list_row, arr);
	if (rc == 0 && json)
		cli_print_json(arr);
	json_decref(arr);
	return rc == 0 ? EXIT_OK : cli_fail("report: cannot read them");
}
