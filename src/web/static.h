/*
** static.h: the console's static assets (compiled in) and /healthz.
*/
#ifndef SANCTUM_STATIC_H
#define SANCTUM_STATIC_H

#include "server.h"

void static_asset(struct req *r);
void static_health(struct req *r);

#endif
