/*
** console.c: scanning from the console.  A moderator pastes text, gives a
** URL or uploads a screenshot; the result lists the posts found, each
** with a content warning and its text hidden until the moderator chooses
** to open it, and offers to open an incident about them (src/response/
** console.c opens it).
**
** Each scan takes the server's current view of the index (live.h), which
** follows every post written, edited or deleted, at once.  Showing a
** matched post opens sealed content through the gateway, which writes an
** audit entry for each post and counts it towards the moderator's
** exposure to traumatic content (heavier for suicide, self-harm and
** abuse).  Copy marks in the text (prevention/copymark.h) name the
** account it was shown to, whether or not a post is found; naming one is
** audited, in a transaction of its own once the scan is done.
*/
#include "console.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/gate.h"
#include "../prevention/copymark.h"
#include "../store/accounts.h"
#include "../store/community.h"
#include "../store/db.h"
#include "../util/log.h"
#include "../util/util.h"
#include "../web/html.h"
#include "../web/server.h"
#include "extract.h"
#include "index.h"
#include "live.h"
#include "scan.h"

/* GET /scan */
void
detect_scan_page(struct req *r)
{
	page_begin(r, "Scan for leaks", "/scan");
	html_printf(&r->out, "<h1>Scan for leaks</h1><p class=\"lede\">Paste "
	    "text you found elsewhere, give the address of a page, or upload "
	    "a screenshot. sanctum compares it with the community's posts "
	    "through keyed fingerprints only.</p>\n<section class=\"panel\">"
	    "<form class=\"stack\" method=\"post\" action=\"/scan\" enctype=\""
	    "multipart/form-data\">");
	page_csrf_field(r);
	html_printf(&r->out, "<label for=\"text\">Text</label><textarea id=\""
	    "text\" name=\"text\" rows=\"8\"></textarea><label for=\"url\">"
	    "Or a web address</label><input id=\"url\" name=\"url\" type=\""
	    "url\" placeholder=\"https://\"><label for=\"image\">Or a "
	    "screenshot (PNG, JPEG or WebP)</label><input id=\"image\" name=\""
	    "image\" type=\"file\" accept=\"image/png,image/jpeg,image/webp\">"
	    "<button type=\"submit\">Scan</button></form></section>\n");
	page_end(r);
}

/* Run one scan of whatever the request carries (text, url or image).
** Returns 0 with the matches, or -1 with err filled. */
/* The extracted text, to the scanner and to the copy-mark reader. */
struct scan_feed {
	struct scanner s;
	struct copymark_reader marks;
};

static int
feed_both(void *arg, const char *text, size_t n)
{
	struct scan_feed *f = arg;

	copymark_reader_feed(&f->marks, text, n);
	return scanner_feed(&f->s, text, n);
}

static int
run_scan(struct req *r, const struct live_view *lv, struct scan_match **m,
    size_t *n, struct copymark_reader *marks, char *err)
{
	const char *text = req_form(r, "text"), *url = req_form(r, "url");
	const struct form_field *img = req_file(r, "image");
	struct extract_opts xo;
	enum extract_kind kind;
	struct scan_feed *f;
	int rc;

	if ((f = calloc(1, sizeof(*f))) == NULL) {
		err_set(err, "out of memory");
		return -1;
	}
	memset(&xo, 0, sizeof(xo));
	xo.lang = "eng";
	xo.allow_private = r->cfg->allow_private_fetch;
	scanner_init(&f->s, lv->ix, lv->delta, SCAN_MIN_FPS, SCAN_MIN_WORDS);
	copymark_reader_init(&f->marks);
	if (img && img->val.len > 0)
		rc = extract_buffer(img->val.data, img->val.len, img->ctype[0] ?
		    img->ctype : NULL, &xo, feed_both, f, &kind, err);
	else if (url && url[0])
		rc = extract_source(url, &xo, feed_both, f, &kind, err);
	else if (text && text[0])
		rc = extract_buffer(text, strlen(text), "text/plain", &xo,
		    feed_both, f, &kind, err);
	else {
		err_set(err, "give some text, a web address or a screenshot");
		rc = -1;
	}
	copymark_reader_finish(&f->marks);
	*marks = f->marks;
	if (scanner_finish(&f->s, m, n) != 0) {
		rc = -1;
		err_set(err, "out of memory");
	} else if (f->s.overflow) {
		rc = -1;
		err_set(err, "the source matched so often that only its first "
		    "part was judged");
	}
	scanner_free(&f->s);
	free(f);
	return rc;
}

/* The accounts the copy marks in a scanned text name, each once with how
** many of its marks were read, in the order read.  Naming an account is
** audited: it says who the text was shown to. */
struct marked {
	int64_t account;
	char name[72];
	unsigned marks;
};

static size_t
marked_accounts(struct req *r, const struct copymark_reader *cm,
    struct marked *out, size_t cap)
{
	struct user u;
	char target[32];
	size_t i, j, n = 0;
	int64_t account;

	for (i = 0; i < cm->ncodes && n < cap; i++) {
		if (copymark_verify(r->gate, cm->codes[i], &account) != 1)
			continue;
		for (j = 0; j < n && out[j].account != account; j++)
			;
		if (j < n) {
			out[j].marks += cm->counts[i];
			continue;
		}
		out[n].account = account;
		out[n].marks = cm->counts[i];
		snprintf(out[n].name, sizeof(out[n].name), "%s",
		    accounts_user_by_id(r->db, account, &u) == 1 ? u.name :
		    "an account since removed");
		n++;
	}
	if (n == 0)
		return 0;
	/* an account is named only once its naming is kept; the scan itself
	** ran outside any transaction (a fetch, OCR) */
	if (gate_begin(r->gate) != 0)
		return 0;
	for (i = 0; i < n; i++) {
		snprintf(target, sizeof(target), "user %lld",
		    (long long)out[i].account);
		if (gate_audit(r->gate, "scan.copymark", target, "copy marks in "
		    "a scanned text name this account") != 0) {
			gate_rollback(r->gate);
			return 0;
		}
	}
	if (gate_commit(r->gate) != 0) {
		gate_rollback(r->gate);
		return 0;
	}
	return n;
}

/* POST /scan: show what was found.  The scan (a fetch, OCR) runs outside
** any transaction, so a slow site holds no lock; the posts found are
** opened in one transaction of its own, each audited and counted as
** exposure, and shown only once that is kept. */
void
detect_scan_post(struct req *r)
{
	struct live_view *lv;
	struct scan_match *m = NULL;
	struct copymark_reader cm;
	struct marked mk[8];
	char err[ERR_MAX] = "", pct[16], title[64];
	size_t n = 0, i, nmk;
	int rc;

	lv = live_take(r->gate, err);
	if (lv == NULL) {
		req_fail(r, 500, "The fingerprint index could not be read.");
		return;
	}
	rc = run_scan(r, lv, &m, &n, &cm, err);
	nmk = marked_accounts(r, &cm, mk, sizeof(mk) / sizeof(mk[0]));
	if (n > 0 && gate_begin(r->gate) != 0) {
		scan_matches_free(m, n);
		live_give(lv);
		req_fail(r, 503, "The database is busy; please try again.");
		return;
	}
	/* the title says the outcome, as the notice below does */
	if (rc != 0 && n == 0 && nmk == 0)
		snprintf(title, sizeof(title), "Scan result: nothing scanned");
	else if (n == 0 && nmk == 0)
		snprintf(title, sizeof(title), "Scan result: nothing found");
	else if (n == 0)
		snprintf(title, sizeof(title), "Scan result: copy marks found");
	else
		snprintf(title, sizeof(title), "Scan result: %zu post%s found",
		    n, n == 1 ? "" : "s");
	page_begin(r, title, "/scan");
	html_printf(&r->out, "<h1>Scan result</h1>\n");
	if (rc != 0 && n == 0 && nmk == 0) {
		html_printf(&r->out, "<div class=\"notice error\" role=\"alert\">"
		    "Nothing could be scanned: %s.</div><p><a href=\"/scan\">"
		    "Try again</a></p>\n", err);
		goto done;
	}
	/* copy marks say which account the text was shown to */
	for (i = 0; i < nmk; i++)
		html_printf(&r->out, "<div class=\"notice warn\" role=\"status\">"
		    "Copy marks in it say this text was shown to %s (%u mark%s)."
		    "</div>\n", mk[i].name, mk[i].marks, mk[i].marks == 1 ? "" :
		    "s");
	if (n == 0) {
		html_printf(&r->out, "<div class=\"notice\" role=\"status\">No "
		    "post of this community was found in it.</div><p><a href=\""
		    "/scan\">Scan something else</a></p>\n");
		goto done;
	}
	html_printf(&r->out, "<div class=\"notice error\" role=\"alert\">%zu "
	    "post%s of this community %s found in it.</div>\n", n, n == 1 ?
	    "" : "s", n == 1 ? "was" : "were");
	if (rc != 0)
		html_printf(&r->out, "<div class=\"notice warn\" role=\"status\">"
		    "Part of the source could not be read: %s.</div>\n", err);
	html_printf(&r->out, "<form method=\"post\" action=\"/incidents\">");
	page_csrf_field(r);
	html_printf(&r->out, "<input type=\"hidden\" name=\"from\" value=\""
	    "scan\">");
	if (req_form(r, "url") && req_form(r, "url")[0])
		html_printf(&r->out, "<input type=\"hidden\" name=\"url\" "
		    "value=\"%s\">", req_form(r, "url"));
	for (i = 0; i < n; i++) {
		void *body = NULL, *cw = NULL;
		size_t bn, cn;
		char *text = NULL, *labels = NULL;
		struct post_names pn;

		/* opening each is audited and counts towards the
		** moderator's exposure (the gateway sees to both) */
		if (community_post_sealed(r->db, m[i].post_id, &body, &bn, &cw,
		    &cn) == 1) {
			text = gate_open(r->gate, SEALED_POST_BODY,
			    m[i].post_id, body, bn, err);
			labels = cw ? gate_open(r->gate, SEALED_POST_CW,
			    m[i].post_id, cw, cn, err) : NULL;
		}
		snprintf(pct, sizeof(pct), "%.0f%%", m[i].coverage * 100);
		if (community_post_names(r->db, m[i].post_id, &pn) != 1)
			memset(&pn, 0, sizeof(pn));
		html_printf(&r->out, "<section class=\"panel match\"><h2>Post "
		    "%lld in %s</h2><p>By %s%s. About %s of it was found, in "
		    "%zu passage%s.</p>", (long long)m[i].post_id,
		    pn.group ? pn.group : "a group", pn.author ? pn.author :
		    "a member", pn.anonymous ? " (posted anonymously)" : "",
		    pct, m[i].nspans, m[i].nspans == 1 ? "" : "s");
		community_post_names_free(&pn);
		html_printf(&r->out, "<details class=\"cw\"><summary>Content "
		    "warning: %s. Open to read the post.</summary><div class=\""
		    "content\"><p>%s</p></div></details>", labels && labels[0] ?
		    labels : "the post may be distressing", text ? text :
		    "(the post's text could not be opened)");
		html_printf(&r->out, "<p><label><input type=\"checkbox\" name=\""
		    "post\" value=\"%lld\" checked> Include in the incident"
		    "</label></p></section>\n", (long long)m[i].post_id);
		gate_wipe(text);
		gate_wipe(labels);
		free(body);
		free(cw);
	}
	html_printf(&r->out, "<p class=\"hint\" id=\"incident-hint\">Opening "
	    "an incident starts the response at its first step: assessing "
	    "immediate risk to the people whose posts were exposed.</p><button "
	    "type=\"submit\" aria-describedby=\"incident-hint\">Open an "
	    "incident about these posts</button></form>\n");
	/* what was opened is shown only once its audit entries are kept */
	if (gate_commit(r->gate) != 0) {
		gate_rollback(r->gate);
		scan_matches_free(m, n);
		live_give(lv);
		req_fail(r, 500, "The posts found could not be opened, since "
		    "their opening could not be recorded; nothing was shown.");
		return;
	}
done:
	page_end(r);
	scan_matches_free(m, n);
	live_give(lv);
}

/* POST /api/v1/scan {"text"} or {"url"}: the CLI's JSON, for one source. */
void
detect_scan_api(struct req *r)
{
	struct live_view *lv;
	struct scan_match *m = NULL;
	struct copymark_reader cm;
	struct marked mk[8];
	char err[ERR_MAX] = "";
	size_t n = 0, i, k, nmk;
	json_t *arr, *spans, *marks;
	int rc;

	if (req_form(r, "text") == NULL && req_form(r, "url") == NULL &&
	    req_file(r, "image") == NULL) {
		req_fail(r, 400, "give text, url or image");
		return;
	}
	lv = live_take(r->gate, err);
	if (lv == NULL) {
		req_fail(r, 500, "the fingerprint index could not be read");
		return;
	}
	rc = run_scan(r, lv, &m, &n, &cm, err);
	nmk = marked_accounts(r, &cm, mk, sizeof(mk) / sizeof(mk[0]));
	if (rc != 0 && n == 0 && nmk == 0) {
		live_give(lv);
		req_fail(r, 422, err);
		return;
	}
	marks = json_array();
	for (i = 0; i < nmk; i++)
		json_array_append_new(marks, json_pack("{s:s, s:I, s:i}",
		    "account", mk[i].name, "account_id", (json_int_t)
		    mk[i].account, "marks", (int)mk[i].marks));
	arr = json_array();
	for (i = 0; i < n; i++) {
		json_t *e;
		spans = json_array();
		for (k = 0; k < m[i].nspans; k++)
			json_array_append_new(spans, json_pack("[I, I]",
			    (json_int_t)m[i].spans[k][0],
			    (json_int_t)m[i].spans[k][1]));
		e = json_pack("{s:I, s:f, s:o}", "post", (json_int_t)m[i].post_id,
		    "coverage", m[i].coverage, "spans", spans);
		scan_add_names(r->db, m[i].post_id, e);
		json_array_append_new(arr, e);
	}
	req_json(r, 200, json_pack("{s:b, s:o, s:o}", "leaked", n > 0,
	    "matches", arr, "copy_marks", marks));
	scan_matches_free(m, n);
	live_give(lv);
}
