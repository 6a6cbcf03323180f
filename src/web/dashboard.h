/*
** dashboard.h: the console's first page and its figures.
*/
#ifndef SANCTUM_DASHBOARD_H
#define SANCTUM_DASHBOARD_H

#include "server.h"

void dashboard_page(struct req *r);
void dashboard_api(struct req *r);

#endif
