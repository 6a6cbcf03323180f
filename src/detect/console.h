/*
** console.h: leak detection in the web console: the scan page, its
** results (which offer to open an incident), and the JSON API scan.
*/
#ifndef SANCTUM_DETECT_CONSOLE_H
#define SANCTUM_DETECT_CONSOLE_H

struct req;

void detect_scan_page(struct req *r);
void detect_scan_post(struct req *r);
void detect_scan_api(struct req *r);

#endif
