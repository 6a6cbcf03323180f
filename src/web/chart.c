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

#define GW 640		/* a grid's width */
#define NAMES 150	/* room for the names on the left */
#define ROW 26		/* a row's height */
#define HEAD 24		/* room for the periods on top */

/* Write grid g: a figure with its title, the SVG, and who is on in each
** period said in words. */
void
chart_grid(struct req *r, const struct grid *g)
{
	int i, j, n, cw, h;

	cw = g->cols > 0 ? (GW - NAMES) / g->cols : GW - NAMES;
	h = HEAD + g->rows * ROW + 4;
	html_printf(&r->out, "<figure class=\"chart grid\"><figcaption id=\""
	    "%s-t\">%s</figcaption><svg viewBox=\"0 0 %d %d\" role=\"img\" "
	    "aria-labelledby=\"%s-t %s-d\" preserveAspectRatio=\"xMidYMid "
	    "meet\"><desc id=\"%s-d\">", g->id, g->title, GW, h, g->id, g->id,
	    g->id);
	for (j = 0; j < g->cols && j < GRID_COLS; j++) {
		html_printf(&r->out, "%s%s: ", j ? "; " : "", g->col[j]);
		for (i = n = 0; i < g->rows && i < GRID_ROWS; i++)
			if (g->on[i][j])
				html_printf(&r->out, "%s%s", n++ ? ", " : "",
				    g->row[i]);
		if (n == 0)
			html_printf(&r->out, "nobody");
	}
	html_printf(&r->out, ".</desc>");
	for (j = 0; j < g->cols && j < GRID_COLS; j++)
		html_printf(&r->out, "<text class=\"tick\" x=\"%d\" y=\"%d\" "
		    "text-anchor=\"middle\">%s</text>", NAMES + j * cw + cw / 2,
		    HEAD - 6, g->col[j]);
	for (i = 0; i < g->rows && i < GRID_ROWS; i++) {
		html_printf(&r->out, "<text class=\"num\" x=\"0\" y=\"%d\">"
		    "%s</text><line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" "
		    "y2=\"%d\"/>", HEAD + i * ROW + ROW - 8, g->row[i], NAMES,
		    HEAD + i * ROW + ROW, GW, HEAD + i * ROW + ROW);
		for (j = 0; j < g->cols && j < GRID_COLS; j++)
			if (g->on[i][j])
				html_printf(&r->out, "<rect class=\"bar\" x=\"%d\" "
				    "y=\"%d\" width=\"%d\" height=\"%d\" rx=\"4\"/>",
				    NAMES + j * cw + 3, HEAD + i * ROW + 4, cw - 6,
				    ROW - 8);
	}
	html_printf(&r->out, "</svg></figure>\n");
}
