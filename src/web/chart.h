/*
** chart.h: small bar charts as SVG written into the page, with no script:
** a title and a description in words that a screen reader reads, and
** bars coloured by the page's own colours, so dark mode holds.
*/
#ifndef SANCTUM_CHART_H
#define SANCTUM_CHART_H

struct req;

#define CHART_MAX 16	/* bars */

struct chart {
	const char *id;		/* for the element ids */
	const char *title;	/* "Incidents opened, by week" */
	const char *unit;	/* "incidents", said after each value */
	int n;
	char label[CHART_MAX][16];	/* under each bar */
	long value[CHART_MAX];		/* -1: no value (shown as "none") */
};

#define GRID_ROWS 24	/* people */
#define GRID_COLS 12	/* periods */

/* who is on what, period by period: a row per person, a filled cell for
** each period they are on */
struct grid {
	const char *id, *title;
	int rows, cols;
	char row[GRID_ROWS][72];	/* the people */
	char col[GRID_COLS][16];	/* the periods: "Nov 30" */
	unsigned char on[GRID_ROWS][GRID_COLS];
};

void chart_bars(struct req *r, const struct chart *c);
void chart_grid(struct req *r, const struct grid *g);

#endif
