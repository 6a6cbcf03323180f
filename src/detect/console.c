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
** abuse).
*/
#include "console.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/gate.h"
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
static int
run_scan(struct req *r, const struct live_view *lv, struct scan_match **m,
    size_t *n, char *err)
{
	const char *text = req_form(r, "text"), *url = req_form(r, "url");
	const struct form_field *img = req_file(r, "image");
	struct extract_opts xo;
	enum extract_kind kind;
	struct scanner s;
	int rc;

	memset(&xo, 0, sizeof(xo));
	xo.lang = "eng";
	xo.allow_private = r->cfg->allow_private_fetch;
	scanner_init(&s, lv->ix, lv->delta, SCAN_MIN_FPS, SCAN_MIN_WORDS);
	if (img && img->val.len > 0)
		rc = extract_buffer(img->val.data, img->val.len, img->ctype[0] ?
		    img->ctype : NULL, &xo, scanner_feed, &s, &kind, err);
	else if (url && url[0])
		rc = extract_source(url, &xo, scanner_feed, &s, &kind, err);
	else if (text && text[0])
		rc = extract_buffer(text, strlen(text), "text/plain", &xo,
		    scanner_feed, &s, &kind, err);
	else {
		err_set(err, "give some text, a web address or a screenshot");
		rc = -1;
	}
	if (scanner_finish(&s, m, n) != 0) {
		rc = -1;
		err_set(err, "out of memory");
	} else if (s.overflow) {
		rc = -1;
		err_set(err, "the source matched so often that only its first "
		    "part was judged");
	}
	scanner_free(&s);
	return rc;
}

/* POST /scan: show what was found. */
void
detect_scan_post(struct req *r)
{
	struct live_view *lv;
	struct scan_match *m = NULL;
	char err[ERR_MAX] = "", pct[16], title[64];
	size_t n = 0, i;
	int rc;

	lv = live_take(r->gate, err);
	if (lv == NULL) {
		req_fail(r, 500, "The fingerprint index could not be read.");
		return;
	}
	rc = run_scan(r, lv, &m, &n, err);
	/* the title says the outcome, as the notice below does */
	if (rc != 0 && n == 0)
		snprintf(title, sizeof(title), "Scan result: nothing scanned");
	else if (n == 0)
		snprintf(title, sizeof(title), "Scan result: nothing found");
	else
		snprintf(title, sizeof(title), "Scan result: %zu post%s found",
		    n, n == 1 ? "" : "s");
	page_begin(r, title, "/scan");
	html_printf(&r->out, "<h1>Scan result</h1>\n");
	if (rc != 0 && n == 0) {
		html_printf(&r->out, "<div class=\"notice error\" role=\"alert\">"
		    "Nothing could be scanned: %s.</div><p><a href=\"/scan\">"
		    "Try again</a></p>\n", err);
		goto done;
	}
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
	char err[ERR_MAX] = "";
	size_t n = 0, i, k;
	json_t *arr, *spans;
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
	rc = run_scan(r, lv, &m, &n, err);
	if (rc != 0 && n == 0) {
		live_give(lv);
		req_fail(r, 422, err);
		return;
	}
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
	req_json(r, 200, json_pack("{s:b, s:o}", "leaked", n > 0, "matches",
	    arr));
	scan_matches_free(m, n);
	live_give(lv);
}
