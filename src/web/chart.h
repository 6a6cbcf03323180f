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

void chart_bars(struct req *r, const struct chart *c);

#endif
