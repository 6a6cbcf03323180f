/*
** chart.c: small bar charts in SVG.  See chart.h.
*/
#include "chart.h"

#include <stdio.h>

#include "html.h"
#include "server.h"

#define W 600		/* the drawing's width and height, in its own units */
#define H 180
#define TOP 18		/* room for the values above the bars */
#define FOOT 22		/* and for the labels below them */

/* Write chart c: a figure with its title, the SVG, and the values said in
** words for those who cannot see it. */
void
chart_bars(struct req *r, const struct chart *c)
{
	long max = 1;
	int i, slot, bw, x, h;

	for (i = 0; i < c->n && i < CHART_MAX; i++)
		if (c->value[i] > max)
			max = c->value[i];
	slot = c->n > 0 ? W / c->n : W;
	bw = slot * 2 / 3;
	html_printf(&r->out, "<figure class=\"chart\"><figcaption id=\"%s-t\">"
	    "%s</figcaption><svg viewBox=\"0 0 %d %d\" role=\"img\" "
	    "aria-labelledby=\"%s-t %s-d\" preserveAspectRatio=\"xMidYMid "
	    "meet\"><desc id=\"%s-d\">", c->id, c->title, W, H, c->id, c->id,
	    c->id);
	for (i = 0; i < c->n && i < CHART_MAX; i++) {
		if (c->value[i] < 0)
			html_printf(&r->out, "%s%s: none", i ? "; " : "",
			    c->label[i]);
		else
			html_printf(&r->out, "%s%s: %ld %s", i ? "; " : "",
			    c->label[i], c->value[i], c->unit);
	}
	html_printf(&r->out, ".</desc><line class=\"axis\" x1=\"0\" y1=\"%d\" "
	    "x2=\"%d\" y2=\"%d\"/>", H - FOOT, W, H - FOOT);
	for (i = 0; i < c->n && i < CHART_MAX; i++) {
		long v = c->value[i] < 0 ? 0 : c->value[i];
		h = (int)((long)(H - FOOT - TOP) * v / max);
		x = i * slot + (slot - bw) / 2;
		html_printf(&r->out, "<rect class=\"bar\" x=\"%d\" y=\"%d\" width="
		    "\"%d\" height=\"%d\"/><text class=\"tick\" x=\"%d\" y=\"%d\" "
		    "text-anchor=\"middle\">%s</text>", x, H - FOOT - h, bw, h,
		    x + bw / 2, H - 6, c->label[i]);
		if (c->value[i] >= 0) {
			/* the value above its bar */
			char num[24];
			snprintf(num, sizeof(num), "%ld", c->value[i]);
			html_printf(&r->out, "<text class=\"num\" x=\"%d\" y=\"%d\" "
			    "text-anchor=\"middle\">%s</text>", x + bw / 2,
			    H - FOOT - h - 4, num);
		}
	}
	html_printf(&r->out, "</svg></figure>\n");
}
